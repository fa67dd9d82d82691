//! Referrals between departments: created with a reason, then accepted or declined
//! once, with a reason. Scoped to the municipality.
use super::{Store, StoreError, Tenant, now};

/// A referral as stored.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct ReferralRow {
    /// Row id.
    pub id: i64,
    /// Tenant.
    pub municipality_code: String,
    /// Who is referred.
    pub person_id: i64,
    /// Referring department (code).
    pub from_department: String,
    /// Receiving department (code).
    pub to_department: String,
    /// Why.
    pub reason: String,
    /// `pending`, `accepted` or `declined`.
    pub status: String,
    /// Who referred.
    pub created_by: i64,
    /// When.
    pub created_at: String,
    /// Why it was accepted or declined.
    pub decision_reason: Option<String>,
    /// Who decided.
    pub decided_by: Option<i64>,
    /// When.
    pub decided_at: Option<String>,
}

const COLUMNS: &str = "id, municipality_code, person_id, from_department, to_department, reason, status, created_by, created_at, \
     decision_reason, decided_by, decided_at";

impl Store {
    /// Creates a pending referral.
    pub async fn create_referral(
        &self,
        tenant: &Tenant,
        person_id: i64,
        from_department: &str,
        to_department: &str,
        reason: &str,
        created_by: i64,
    ) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO referral (municipality_code, person_id, from_department, to_department, reason, status, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7) RETURNING id",
        )
        .bind(tenant.code())
        .bind(person_id)
        .bind(from_department)
        .bind(to_department)
        .bind(reason)
        .bind(created_by)
        .bind(now())
        .fetch_one(self.pool())
        .await?)
    }

    /// One referral.
    pub async fn referral(&self, tenant: &Tenant, id: i64) -> Result<Option<ReferralRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM referral WHERE municipality_code = $1 AND id = $2"))
            .bind(tenant.code())
            .bind(id)
            .fetch_optional(self.pool())
            .await?)
    }

    /// Referrals from or to a department (`None`: all of the municipality's), newest first.
    pub async fn referrals(&self, tenant: &Tenant, department: Option<&str>, limit: i64) -> Result<Vec<ReferralRow>, StoreError> {
        self.referrals_page(tenant, department, limit, 0).await
    }

    /// One page of [`Store::referrals`]: `limit` rows after the newest `offset`.
    pub async fn referrals_page(&self, tenant: &Tenant, department: Option<&str>, limit: i64, offset: i64) -> Result<Vec<ReferralRow>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM referral WHERE municipality_code = $1
               AND ($2 IS NULL OR from_department = $2 OR to_department = $2) ORDER BY id DESC LIMIT $3 OFFSET $4"
        ))
        .bind(tenant.code())
        .bind(department)
        .bind(limit)
        .bind(offset)
        .fetch_all(self.pool())
        .await?)
    }

    /// The referrals of one person, newest first (at most 100).
    pub async fn person_referrals(&self, tenant: &Tenant, person_id: i64) -> Result<Vec<ReferralRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM referral WHERE municipality_code = $1 AND person_id = $2 ORDER BY id DESC LIMIT 100"))
            .bind(tenant.code())
            .bind(person_id)
            .fetch_all(self.pool())
            .await?)
    }

    /// Accepts or declines a pending referral. Returns false when it is not pending.
    pub async fn decide_referral(&self, tenant: &Tenant, id: i64, accepted: bool, reason: &str, by: i64) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE referral SET status = $1, decision_reason = $2, decided_by = $3, decided_at = $4
             WHERE id = $5 AND municipality_code = $6 AND status = 'pending'",
        )
        .bind(if accepted { "accepted" } else { "declined" })
        .bind(reason)
        .bind(by)
        .bind(now())
        .bind(id)
        .bind(tenant.code())
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
