//! Consents: what a person has agreed may be shared with which departments and partners,
//! why, since when, how it was given, and when it was withdrawn. Withdrawal only sets
//! `withdrawn_at` once; the record itself stays. A consent names the registry's
//! organisations it shares with, each with its own scopes (`consent_organisation`).
use super::{Store, StoreError, Tenant, now};

/// A consent as stored. Lists are comma-separated codes.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ConsentRow {
    /// Row id.
    pub id: i64,
    /// Tenant.
    pub municipality_code: String,
    /// Whose consent.
    pub person_id: i64,
    /// Data it covers (`plan`, `health`), comma-separated.
    pub scopes: String,
    /// Department codes it shares with, comma-separated.
    pub departments: String,
    /// Outside partners (free text).
    pub partners: String,
    /// Purpose.
    pub purpose: String,
    /// The day it was given.
    #[sqlx(try_from = "String")]
    pub given_on: calendar::Date,
    /// `written` or `oral_with_witness`.
    pub how_given: String,
    /// The witness of an oral consent.
    pub witness: Option<String>,
    /// Who recorded it.
    pub recorded_by: i64,
    /// When it was recorded.
    pub recorded_at: String,
    /// When it was withdrawn (RFC 3339); `None` while live.
    pub withdrawn_at: Option<String>,
    /// Who recorded the withdrawal.
    pub withdrawn_by: Option<i64>,
}

/// A new consent, already validated.
#[derive(Debug, Clone)]
pub struct NewConsent {
    /// Whose consent.
    pub person_id: i64,
    /// Comma-separated scopes.
    pub scopes: String,
    /// Comma-separated department codes.
    pub departments: String,
    /// Outside partners.
    pub partners: String,
    /// Purpose.
    pub purpose: String,
    /// The day it was given.
    pub given_on: calendar::Date,
    /// How it was given.
    pub how_given: String,
    /// Witness (oral consent).
    pub witness: Option<String>,
    /// Organisations of the registry it shares with: (organisation id, comma-separated scopes).
    pub organisations: Vec<(i64, String)>,
}

/// An organisation a consent names, with what it may get beyond name and contact.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ConsentOrganisationRow {
    /// The consent.
    pub consent_id: i64,
    /// The organisation.
    pub organisation_id: i64,
    /// Its name.
    pub organisation_name: String,
    /// Comma-separated scopes (`profile`, `address`); empty: name and contact only.
    pub scopes: String,
}

const COLUMNS: &str = "id, municipality_code, person_id, scopes, departments, partners, purpose, given_on, how_given, witness, \
     recorded_by, recorded_at, withdrawn_at, withdrawn_by";

impl Store {
    /// Records a consent with the organisations it names (only the municipality's own
    /// organisations are linked), in one transaction.
    pub async fn create_consent(&self, tenant: &Tenant, recorded_by: i64, c: &NewConsent) -> Result<i64, StoreError> {
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO consent (municipality_code, person_id, scopes, departments, partners, purpose, given_on, how_given, witness, recorded_by, recorded_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(tenant.code())
        .bind(c.person_id)
        .bind(&c.scopes)
        .bind(&c.departments)
        .bind(&c.partners)
        .bind(&c.purpose)
        .bind(c.given_on.to_string())
        .bind(&c.how_given)
        .bind(&c.witness)
        .bind(recorded_by)
        .bind(now())
        .fetch_one(&mut *tx)
        .await?;
        for (organisation, scopes) in &c.organisations {
            sqlx::query(
                "INSERT INTO consent_organisation (consent_id, organisation_id, municipality_code, scopes)
                 SELECT $1, id, municipality_code, $2 FROM organisation WHERE municipality_code = $3 AND id = $4",
            )
            .bind(id)
            .bind(scopes)
            .bind(tenant.code())
            .bind(organisation)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// The organisations named by a person's consents, by consent and name.
    pub async fn consent_organisations(&self, tenant: &Tenant, person_id: i64) -> Result<Vec<ConsentOrganisationRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT co.consent_id, co.organisation_id, o.name AS organisation_name, co.scopes
             FROM consent_organisation co
             JOIN consent c ON c.id = co.consent_id AND c.municipality_code = co.municipality_code
             JOIN organisation o ON o.id = co.organisation_id AND o.municipality_code = co.municipality_code
             WHERE co.municipality_code = $1 AND c.person_id = $2 ORDER BY co.consent_id, o.name, o.id",
        )
        .bind(tenant.code())
        .bind(person_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Every consent of a person, newest first.
    pub async fn consents(&self, tenant: &Tenant, person_id: i64) -> Result<Vec<ConsentRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM consent WHERE municipality_code = $1 AND person_id = $2 ORDER BY given_on DESC, id DESC"))
            .bind(tenant.code())
            .bind(person_id)
            .fetch_all(self.pool())
            .await?)
    }

    /// The consents of several persons that are live on `today` (given on or before
    /// it and not withdrawn).
    pub async fn live_consents(&self, tenant: &Tenant, person_ids: &[i64], today: calendar::Date) -> Result<Vec<ConsentRow>, StoreError> {
        let mut out = Vec::new();
        for id in person_ids {
            let rows: Vec<ConsentRow> = sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM consent WHERE municipality_code = $1 AND person_id = $2
                   AND given_on <= $3 AND withdrawn_at IS NULL ORDER BY id"
            ))
            .bind(tenant.code())
            .bind(id)
            .bind(today.to_string())
            .fetch_all(self.pool())
            .await?;
            out.extend(rows);
        }
        Ok(out)
    }

    /// Withdraws a live consent now. Returns false when there is no such live consent.
    pub async fn withdraw_consent(&self, tenant: &Tenant, person_id: i64, id: i64, by: i64) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE consent SET withdrawn_at = $1, withdrawn_by = $2
             WHERE id = $3 AND person_id = $4 AND municipality_code = $5 AND withdrawn_at IS NULL",
        )
        .bind(now())
        .bind(by)
        .bind(id)
        .bind(person_id)
        .bind(tenant.code())
        .execute(self.pool())
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        // What was written for organisations under this consent goes with it.
        self.erase_referral_texts(tenant, id).await?;
        Ok(true)
    }
}
