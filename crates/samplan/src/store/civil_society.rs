//! Civil society: partner organisations, their contact persons and users, their offers,
//! referrals of persons to them (with the fields shared under a consent), participation,
//! and the fritidspas settings and grants. Every statement is bound to the municipality.
//! A referral row joins the person, family and consent it needs; which of those fields
//! leave the municipality is decided in `civil_society::sharing`, never here.
use super::goals::DatedFact;
use super::{Store, StoreError, Tenant, now};

/// An organisation as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct OrganisationRow {
    /// Row id.
    pub id: i64,
    /// Kind code (`association`, `volunteer_group` …).
    pub kind: String,
    /// Name.
    pub name: String,
    /// CVR number, where it has one.
    pub cvr: Option<String>,
    /// What it does.
    pub description: String,
    /// Postal code of its address.
    pub postal_code: Option<String>,
    /// Street address.
    pub street: String,
    /// E-mail.
    pub email: String,
    /// Phone.
    pub phone: String,
    /// Last change.
    pub updated_at: String,
}

/// The fields of an organisation to store (checked).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OrganisationFields {
    /// Kind code.
    pub kind: String,
    /// Name.
    pub name: String,
    /// CVR number.
    pub cvr: Option<String>,
    /// Description.
    pub description: String,
    /// Postal code.
    pub postal_code: Option<String>,
    /// Street address.
    pub street: String,
    /// E-mail.
    pub email: String,
    /// Phone.
    pub phone: String,
}

/// A contact person of an organisation.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ContactRow {
    /// Row id.
    pub id: i64,
    /// The organisation.
    pub organisation_id: i64,
    /// Name.
    pub name: String,
    /// Title or task.
    pub title: String,
    /// E-mail.
    pub email: String,
    /// Phone.
    pub phone: String,
}

/// A user linked to an organisation.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct OrganisationUserRow {
    /// The user.
    pub user_id: i64,
    /// Login.
    pub login: String,
    /// Display name.
    pub display_name: String,
}

/// An offer as stored, with its organisation's name.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct OfferRow {
    /// Row id.
    pub id: i64,
    /// The organisation.
    pub organisation_id: i64,
    /// Its name.
    pub organisation_name: String,
    /// Kind code.
    pub kind: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Comma-separated topic words (`fodbold,svømning`).
    pub topics: String,
    /// Youngest age.
    pub min_age: i64,
    /// Oldest age.
    pub max_age: i64,
    /// `female` or `male` when limited to one sex.
    pub sex: Option<String>,
    /// Postal code where it takes place.
    pub postal_code: String,
    /// Street address.
    pub street: String,
    /// Comma-separated ISO 639 codes of languages spoken.
    pub languages: String,
    /// Weekly times: `1 16:00-17:30;3 16:00-17:30` (1 = Monday).
    pub slots: String,
    /// Price per year in kroner.
    pub price_kr: i64,
    /// Seats.
    pub seats: i64,
    /// 1 when fritidspas can pay for it.
    pub fritidspas: i64,
    /// 1 while offered.
    pub active: i64,
}

/// The fields of an offer to store (checked).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OfferFields {
    /// Kind code.
    pub kind: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Comma-separated topics.
    pub topics: String,
    /// Youngest age.
    pub min_age: i64,
    /// Oldest age.
    pub max_age: i64,
    /// Sex limit.
    pub sex: Option<String>,
    /// Postal code.
    pub postal_code: String,
    /// Street address.
    pub street: String,
    /// Comma-separated language codes.
    pub languages: String,
    /// Weekly times.
    pub slots: String,
    /// Price per year.
    pub price_kr: i64,
    /// Seats.
    pub seats: i64,
    /// Fritidspas can pay.
    pub fritidspas: bool,
    /// Offered now.
    pub active: bool,
}

/// Which offers to list.
#[derive(Debug, Clone, Default)]
pub struct OfferFilter {
    /// Only this organisation's.
    pub organisation_id: Option<i64>,
    /// Only this kind.
    pub kind: Option<String>,
    /// Only in this postal area.
    pub postal_code: Option<String>,
    /// Only those fritidspas can pay for.
    pub fritidspas: bool,
    /// Also those no longer offered.
    pub inactive: bool,
}

/// A referral with everything it may share (the sharing rules decide what is shown).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ReferralRow {
    /// Row id.
    pub id: i64,
    /// The person.
    pub person_id: i64,
    /// The consent it is given under.
    pub consent_id: i64,
    /// The organisation.
    pub organisation_id: i64,
    /// Its name.
    pub organisation_name: String,
    /// The offer, if one.
    pub offer_id: Option<i64>,
    /// Its title.
    pub offer_title: Option<String>,
    /// Comma-separated field codes the caseworker chose to share.
    pub shared: String,
    /// Contact details written for the organisation.
    pub contact: String,
    /// What the caseworker wrote about interests and wishes.
    pub note: String,
    /// `sent`, `accepted` or `declined`.
    pub status: String,
    /// Who referred (user id).
    pub created_by: i64,
    /// When.
    pub created_at: String,
    /// When the organisation answered.
    pub answered_at: Option<String>,
    /// 1 while the consent is live and names the organisation.
    pub consent_live: i64,
    /// The scopes the consent gives this organisation.
    pub consent_scopes: String,
    /// Person's given name.
    pub given_name: String,
    /// Person's family name.
    pub family_name: String,
    /// Person's birth date.
    pub birth_date: String,
    /// Person's languages.
    pub languages: String,
    /// Family's street.
    pub street: Option<String>,
    /// Family's postal code.
    pub postal_code: Option<String>,
    /// Family's town.
    pub city: Option<String>,
}

/// A new referral (checked).
#[derive(Debug, Clone)]
pub struct NewReferral {
    /// The person.
    pub person_id: i64,
    /// The consent.
    pub consent_id: i64,
    /// The organisation.
    pub organisation_id: i64,
    /// The offer.
    pub offer_id: Option<i64>,
    /// Comma-separated field codes.
    pub shared: String,
    /// Contact details.
    pub contact: String,
    /// Interests and wishes.
    pub note: String,
}

/// Which referrals to list.
#[derive(Debug, Clone, Default)]
pub struct ReferralFilter {
    /// Only to this organisation.
    pub organisation_id: Option<i64>,
    /// Only of this person.
    pub person_id: Option<i64>,
}

/// A participation (or a newcomer's own volunteering) as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ParticipationRow {
    /// Row id.
    pub id: i64,
    /// The person.
    pub person_id: i64,
    /// The organisation.
    pub organisation_id: i64,
    /// Its name.
    pub organisation_name: String,
    /// The offer, if one.
    pub offer_id: Option<i64>,
    /// The referral it came from, if one.
    pub referral_id: Option<i64>,
    /// `participant` or `volunteer`.
    pub kind: String,
    /// `started`, `attending`, `member` or `ended`.
    pub status: String,
    /// First day.
    #[sqlx(try_from = "String")]
    pub from_day: calendar::Date,
    /// Last day once ended.
    #[sqlx(try_from = "super::day::OptionalDay")]
    pub to_day: Option<calendar::Date>,
    /// Login of who recorded it.
    pub recorded_by: String,
}

/// A new participation (checked).
#[derive(Debug, Clone)]
pub struct NewParticipation {
    /// The person.
    pub person_id: i64,
    /// The organisation.
    pub organisation_id: i64,
    /// The offer.
    pub offer_id: Option<i64>,
    /// The referral.
    pub referral_id: Option<i64>,
    /// Kind.
    pub kind: String,
    /// Status.
    pub status: String,
    /// First day.
    pub from_day: calendar::Date,
    /// Last day.
    pub to_day: Option<calendar::Date>,
}

/// A municipality's fritidspas settings.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct FritidspasSettingsRow {
    /// Household income limit per year (kr).
    pub income_limit: i64,
    /// Added to the limit for each child after the first (kr).
    pub extra_per_child: i64,
    /// Most per child per year for fees (kr).
    pub max_fee: i64,
    /// Most per child per year for equipment (kr).
    pub max_equipment: i64,
    /// The year's budget (kr).
    pub yearly_budget: i64,
    /// Who set them.
    pub updated_by: String,
    /// When.
    pub updated_at: String,
}

/// A fritidspas decision as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct GrantRow {
    /// Row id.
    pub id: i64,
    /// The child.
    pub person_id: i64,
    /// The child's name.
    pub given_name: String,
    /// The child's family name.
    pub family_name: String,
    /// The offer, if one.
    pub offer_id: Option<i64>,
    /// Year.
    pub year: i64,
    /// Household income per year (kr).
    pub household_income: i64,
    /// Children in the household.
    pub children: i64,
    /// Granted for fees (kr).
    pub fee_kr: i64,
    /// Granted for equipment (kr).
    pub equipment_kr: i64,
    /// `granted` or `refused`.
    pub decision: String,
    /// The reason.
    pub reason: String,
    /// Used so far (kr).
    pub used_kr: i64,
    /// Login of who decided.
    pub decided_by: String,
    /// When.
    pub decided_at: String,
}

/// A new fritidspas decision (checked).
#[derive(Debug, Clone)]
pub struct NewGrant {
    /// The child.
    pub person_id: i64,
    /// The offer.
    pub offer_id: Option<i64>,
    /// Year.
    pub year: i64,
    /// Household income.
    pub household_income: i64,
    /// Children in the household.
    pub children: i64,
    /// Fees granted.
    pub fee_kr: i64,
    /// Equipment granted.
    pub equipment_kr: i64,
    /// `granted` or `refused`.
    pub decision: String,
    /// Reason.
    pub reason: String,
}

const ORG_COLUMNS: &str = "id, kind, name, cvr, description, postal_code, street, email, phone, updated_at";
const OFFER_COLUMNS: &str = "o.id, o.organisation_id, g.name AS organisation_name, o.kind, o.title, o.description, o.topics, \
     o.min_age, o.max_age, o.sex, o.postal_code, o.street, o.languages, o.slots, o.price_kr, o.seats, o.fritidspas, o.active";
const PARTICIPATION_COLUMNS: &str = "p.id, p.person_id, p.organisation_id, g.name AS organisation_name, p.offer_id, p.referral_id, \
     p.kind, p.status, p.from_day, p.to_day, p.recorded_by";

const GRANT_SELECT: &str =
    "SELECT g.id, g.person_id, p.given_name, p.family_name, g.offer_id, g.year, g.household_income, g.children, g.fee_kr, g.equipment_kr,
        g.decision, g.reason, g.used_kr, g.decided_by, g.decided_at
     FROM fritidspas_grant g JOIN person p ON p.id = g.person_id";

/// Binds an organisation's fields in column order (kind … phone), for insert and update alike.
macro_rules! bind_organisation {
    ($query:expr, $f:expr) => {
        $query.bind(&$f.kind).bind(&$f.name).bind(&$f.cvr).bind(&$f.description).bind(&$f.postal_code).bind(&$f.street).bind(&$f.email).bind(&$f.phone)
    };
}

/// Binds an offer's fields in column order (kind … active), for insert and update alike.
macro_rules! bind_offer {
    ($query:expr, $f:expr) => {
        $query
            .bind(&$f.kind)
            .bind(&$f.title)
            .bind(&$f.description)
            .bind(&$f.topics)
            .bind($f.min_age)
            .bind($f.max_age)
            .bind(&$f.sex)
            .bind(&$f.postal_code)
            .bind(&$f.street)
            .bind(&$f.languages)
            .bind(&$f.slots)
            .bind($f.price_kr)
            .bind($f.seats)
            .bind(i64::from($f.fritidspas))
            .bind(i64::from($f.active))
    };
}

fn like(q: &str) -> String {
    format!("%{}%", q.trim().to_lowercase().replace(['%', '_'], ""))
}

impl Store {
    /// Organisations, by name, optionally of one kind and matching a name part; `limit` rows from `offset` (a total order, decision 006).
    pub async fn organisations(&self, tenant: &Tenant, kind: Option<&str>, q: &str, limit: i64, offset: i64) -> Result<Vec<OrganisationRow>, StoreError> {
        let filter = "municipality_code = $1 AND ($2 = '' OR kind = $2) AND LOWER(name) LIKE $3";
        Ok(sqlx::query_as(&format!("SELECT {ORG_COLUMNS} FROM organisation WHERE {filter} ORDER BY name, id LIMIT $4 OFFSET $5"))
            .bind(tenant.code())
            .bind(kind.unwrap_or(""))
            .bind(like(q))
            .bind(limit)
            .bind(offset)
            .fetch_all(self.pool())
            .await?)
    }

    /// Every organisation's id and name, by name (for choosing one in a form).
    pub async fn organisation_names(&self, tenant: &Tenant) -> Result<Vec<(i64, String)>, StoreError> {
        Ok(sqlx::query_as("SELECT id, name FROM organisation WHERE municipality_code = $1 ORDER BY name, id")
            .bind(tenant.code())
            .fetch_all(self.pool())
            .await?)
    }

    /// One organisation.
    pub async fn organisation(&self, tenant: &Tenant, id: i64) -> Result<Option<OrganisationRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {ORG_COLUMNS} FROM organisation WHERE municipality_code = $1 AND id = $2"))
            .bind(tenant.code())
            .bind(id)
            .fetch_optional(self.pool())
            .await?)
    }

    /// Registers an organisation; its id. A taken name or CVR number is a conflict.
    pub async fn create_organisation(&self, tenant: &Tenant, f: &OrganisationFields) -> Result<i64, StoreError> {
        let query = sqlx::query_scalar(
            "INSERT INTO organisation (municipality_code, kind, name, cvr, description, postal_code, street, email, phone, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
        )
        .bind(tenant.code());
        bind_organisation!(query, f)
            .bind(now())
            .fetch_one(self.pool())
            .await
            .map_err(|e| StoreError::from_insert(e, "en organisation med dette navn eller CVR-nummer"))
    }

    /// Changes an organisation; `false` when there is no such organisation.
    pub async fn update_organisation(&self, tenant: &Tenant, id: i64, f: &OrganisationFields) -> Result<bool, StoreError> {
        let query = sqlx::query(
            "UPDATE organisation SET kind = $3, name = $4, cvr = $5, description = $6, postal_code = $7, street = $8, email = $9, phone = $10, updated_at = $11
             WHERE municipality_code = $1 AND id = $2",
        )
        .bind(tenant.code())
        .bind(id);
        let n = bind_organisation!(query, f)
            .bind(now())
            .execute(self.pool())
            .await
            .map_err(|e| StoreError::from_insert(e, "en organisation med dette navn eller CVR-nummer"))?
            .rows_affected();
        Ok(n == 1)
    }

    /// An organisation's contact persons.
    pub async fn contacts(&self, tenant: &Tenant, organisation_id: i64) -> Result<Vec<ContactRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, organisation_id, name, title, email, phone FROM organisation_contact
             WHERE municipality_code = $1 AND organisation_id = $2 ORDER BY name, id",
        )
        .bind(tenant.code())
        .bind(organisation_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Adds a contact person; its id.
    pub async fn add_contact(&self, tenant: &Tenant, organisation_id: i64, name: &str, title: &str, email: &str, phone: &str) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO organisation_contact (municipality_code, organisation_id, name, title, email, phone) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(tenant.code())
        .bind(organisation_id)
        .bind(name)
        .bind(title)
        .bind(email)
        .bind(phone)
        .fetch_one(self.pool())
        .await?)
    }

    /// Removes a contact person; `false` when there is none.
    pub async fn delete_contact(&self, tenant: &Tenant, organisation_id: i64, id: i64) -> Result<bool, StoreError> {
        let n = sqlx::query("DELETE FROM organisation_contact WHERE municipality_code = $1 AND organisation_id = $2 AND id = $3")
            .bind(tenant.code())
            .bind(organisation_id)
            .bind(id)
            .execute(self.pool())
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    /// The organisation a user belongs to, if any.
    pub async fn organisation_of_user(&self, tenant: &Tenant, user_id: i64) -> Result<Option<i64>, StoreError> {
        Ok(sqlx::query_scalar("SELECT organisation_id FROM organisation_user WHERE municipality_code = $1 AND user_id = $2")
            .bind(tenant.code())
            .bind(user_id)
            .fetch_optional(self.pool())
            .await?)
    }

    /// Makes a user belong to an organisation (a user belongs to one at most).
    pub async fn set_organisation_user(&self, tenant: &Tenant, user_id: i64, organisation_id: i64) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM organisation_user WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO organisation_user (user_id, municipality_code, organisation_id) VALUES ($1, $2, $3)")
            .bind(user_id)
            .bind(tenant.code())
            .bind(organisation_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The users of an organisation.
    pub async fn organisation_users(&self, tenant: &Tenant, organisation_id: i64) -> Result<Vec<OrganisationUserRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT u.id AS user_id, u.login, u.display_name FROM organisation_user m JOIN app_user u ON u.id = m.user_id
             WHERE m.municipality_code = $1 AND m.organisation_id = $2 ORDER BY u.login",
        )
        .bind(tenant.code())
        .bind(organisation_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Offers, by title, as filtered; `limit` rows from `offset` (a total order, decision 006).
    pub async fn offers(&self, tenant: &Tenant, f: &OfferFilter, limit: i64, offset: i64) -> Result<Vec<OfferRow>, StoreError> {
        let filter = "o.municipality_code = $1 AND ($2 = 0 OR o.organisation_id = $2) AND ($3 = '' OR o.kind = $3)
             AND ($4 = '' OR o.postal_code = $4) AND ($5 = 0 OR o.fritidspas = 1) AND ($6 = 1 OR o.active = 1)";
        let (org, kind, postal) = (f.organisation_id.unwrap_or(0), f.kind.clone().unwrap_or_default(), f.postal_code.clone().unwrap_or_default());
        Ok(sqlx::query_as(&format!(
            "SELECT {OFFER_COLUMNS} FROM offer o JOIN organisation g ON g.id = o.organisation_id WHERE {filter} ORDER BY o.title, o.id LIMIT $7 OFFSET $8"
        ))
        .bind(tenant.code())
        .bind(org)
        .bind(&kind)
        .bind(&postal)
        .bind(i64::from(f.fritidspas))
        .bind(i64::from(f.inactive))
        .bind(limit)
        .bind(offset)
        .fetch_all(self.pool())
        .await?)
    }

    /// Every offer on offer now (matching ranks them all; a municipality has hundreds, not millions).
    pub async fn active_offers(&self, tenant: &Tenant) -> Result<Vec<OfferRow>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {OFFER_COLUMNS} FROM offer o JOIN organisation g ON g.id = o.organisation_id
             WHERE o.municipality_code = $1 AND o.active = 1 ORDER BY o.id"
        ))
        .bind(tenant.code())
        .fetch_all(self.pool())
        .await?)
    }

    /// Seats taken per offer: participations that have not ended.
    pub async fn seats_taken(&self, tenant: &Tenant) -> Result<Vec<(i64, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT offer_id, COUNT(*) FROM participation WHERE municipality_code = $1 AND offer_id IS NOT NULL AND status <> 'ended' GROUP BY offer_id",
        )
        .bind(tenant.code())
        .fetch_all(self.pool())
        .await?)
    }

    /// One offer.
    pub async fn offer(&self, tenant: &Tenant, id: i64) -> Result<Option<OfferRow>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {OFFER_COLUMNS} FROM offer o JOIN organisation g ON g.id = o.organisation_id WHERE o.municipality_code = $1 AND o.id = $2"
        ))
        .bind(tenant.code())
        .bind(id)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Creates an offer of an organisation; its id.
    pub async fn create_offer(&self, tenant: &Tenant, organisation_id: i64, f: &OfferFields) -> Result<i64, StoreError> {
        let query = sqlx::query_scalar(
            "INSERT INTO offer (municipality_code, organisation_id, kind, title, description, topics, min_age, max_age, sex, postal_code, street,
                languages, slots, price_kr, seats, fritidspas, active, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18) RETURNING id",
        )
        .bind(tenant.code())
        .bind(organisation_id);
        Ok(bind_offer!(query, f).bind(now()).fetch_one(self.pool()).await?)
    }

    /// Changes an offer; `false` when there is no such offer.
    pub async fn update_offer(&self, tenant: &Tenant, id: i64, f: &OfferFields) -> Result<bool, StoreError> {
        let query = sqlx::query(
            "UPDATE offer SET kind = $3, title = $4, description = $5, topics = $6, min_age = $7, max_age = $8, sex = $9, postal_code = $10,
                street = $11, languages = $12, slots = $13, price_kr = $14, seats = $15, fritidspas = $16, active = $17, updated_at = $18
             WHERE municipality_code = $1 AND id = $2",
        )
        .bind(tenant.code())
        .bind(id);
        let n = bind_offer!(query, f).bind(now()).execute(self.pool()).await?.rows_affected();
        Ok(n == 1)
    }

    /// Records a referral; its id.
    pub async fn create_offer_referral(&self, tenant: &Tenant, by: i64, r: &NewReferral) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO offer_referral (municipality_code, person_id, consent_id, organisation_id, offer_id, shared, contact, note, status, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'sent', $9, $10) RETURNING id",
        )
        .bind(tenant.code())
        .bind(r.person_id)
        .bind(r.consent_id)
        .bind(r.organisation_id)
        .bind(r.offer_id)
        .bind(&r.shared)
        .bind(&r.contact)
        .bind(&r.note)
        .bind(by)
        .bind(now())
        .fetch_one(self.pool())
        .await?)
    }

    fn referral_select(today_param: &str) -> String {
        format!(
            "SELECT r.id, r.person_id, r.consent_id, r.organisation_id, g.name AS organisation_name, r.offer_id, o.title AS offer_title,
                r.shared, r.contact, r.note, r.status, r.created_by, r.created_at, r.answered_at,
                CASE WHEN c.withdrawn_at IS NULL AND c.given_on <= {today_param} AND co.consent_id IS NOT NULL THEN 1 ELSE 0 END AS consent_live,
                COALESCE(co.scopes, '') AS consent_scopes,
                p.given_name, p.family_name, p.birth_date, p.languages, f.street, f.postal_code, f.city
             FROM offer_referral r
             JOIN organisation g ON g.id = r.organisation_id
             JOIN consent c ON c.id = r.consent_id
             LEFT JOIN consent_organisation co ON co.consent_id = r.consent_id AND co.organisation_id = r.organisation_id
             JOIN person p ON p.id = r.person_id
             LEFT JOIN family f ON f.id = p.family_id
             LEFT JOIN offer o ON o.id = r.offer_id"
        )
    }

    /// Referrals, newest first, as filtered; `limit` rows from `offset` (a total order, decision 006).
    pub async fn offer_referrals(
        &self,
        tenant: &Tenant,
        f: &ReferralFilter,
        today: calendar::Date,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<ReferralRow>, StoreError> {
        let filter = "r.municipality_code = $1 AND ($2 = 0 OR r.organisation_id = $2) AND ($3 = 0 OR r.person_id = $3)";
        Ok(sqlx::query_as(&format!("{} WHERE {filter} ORDER BY r.created_at DESC, r.id DESC LIMIT $5 OFFSET $6", Self::referral_select("$4")))
            .bind(tenant.code())
            .bind(f.organisation_id.unwrap_or(0))
            .bind(f.person_id.unwrap_or(0))
            .bind(today.to_string())
            .bind(limit)
            .bind(offset)
            .fetch_all(self.pool())
            .await?)
    }

    /// One referral.
    pub async fn offer_referral(&self, tenant: &Tenant, id: i64, today: calendar::Date) -> Result<Option<ReferralRow>, StoreError> {
        Ok(sqlx::query_as(&format!("{} WHERE r.municipality_code = $1 AND r.id = $2", Self::referral_select("$3")))
            .bind(tenant.code())
            .bind(id)
            .bind(today.to_string())
            .fetch_optional(self.pool())
            .await?)
    }

    /// The organisation's answer to a referral sent to it; `false` when there is none.
    pub async fn answer_offer_referral(&self, tenant: &Tenant, id: i64, organisation_id: i64, status: &str) -> Result<bool, StoreError> {
        let n = sqlx::query("UPDATE offer_referral SET status = $4, answered_at = $5 WHERE municipality_code = $1 AND id = $2 AND organisation_id = $3")
            .bind(tenant.code())
            .bind(id)
            .bind(organisation_id)
            .bind(status)
            .bind(now())
            .execute(self.pool())
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    /// Erases the texts written for organisations under a consent (on its withdrawal).
    pub async fn erase_referral_texts(&self, tenant: &Tenant, consent_id: i64) -> Result<u64, StoreError> {
        Ok(sqlx::query("UPDATE offer_referral SET contact = '', note = '', shared = '' WHERE municipality_code = $1 AND consent_id = $2")
            .bind(tenant.code())
            .bind(consent_id)
            .execute(self.pool())
            .await?
            .rows_affected())
    }

    /// A person's participations, newest first.
    pub async fn participations(&self, tenant: &Tenant, person_id: i64) -> Result<Vec<ParticipationRow>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {PARTICIPATION_COLUMNS} FROM participation p JOIN organisation g ON g.id = p.organisation_id
             WHERE p.municipality_code = $1 AND p.person_id = $2 ORDER BY p.from_day DESC, p.id DESC"
        ))
        .bind(tenant.code())
        .bind(person_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// The participations recorded from referrals to one organisation, by referral.
    pub async fn referral_participations(&self, tenant: &Tenant, referral_ids: &[i64]) -> Result<Vec<ParticipationRow>, StoreError> {
        if referral_ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = referral_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        Ok(sqlx::query_as(&format!(
            "SELECT {PARTICIPATION_COLUMNS} FROM participation p JOIN organisation g ON g.id = p.organisation_id
             WHERE p.municipality_code = $1 AND p.referral_id IN ({list}) ORDER BY p.id"
        ))
        .bind(tenant.code())
        .fetch_all(self.pool())
        .await?)
    }

    /// Records a participation; its id.
    pub async fn add_participation(&self, tenant: &Tenant, p: &NewParticipation, by: &str) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO participation (municipality_code, person_id, organisation_id, offer_id, referral_id, kind, status, from_day, to_day, recorded_by, recorded_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(tenant.code())
        .bind(p.person_id)
        .bind(p.organisation_id)
        .bind(p.offer_id)
        .bind(p.referral_id)
        .bind(&p.kind)
        .bind(&p.status)
        .bind(p.from_day.to_string())
        .bind(super::day::text(p.to_day))
        .bind(by)
        .bind(now())
        .fetch_one(self.pool())
        .await?)
    }

    /// Changes a participation's status (and its last day when ended).
    pub async fn set_participation_status(&self, tenant: &Tenant, id: i64, status: &str, to_day: Option<calendar::Date>) -> Result<bool, StoreError> {
        let n = sqlx::query("UPDATE participation SET status = $3, to_day = $4 WHERE municipality_code = $1 AND id = $2")
            .bind(tenant.code())
            .bind(id)
            .bind(status)
            .bind(super::day::text(to_day))
            .execute(self.pool())
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    /// Participations as dated facts for the indicators (`kind` = participation kind).
    pub async fn participation_facts(&self, tenant: &Tenant) -> Result<Vec<DatedFact>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT person_id, kind, from_day AS day, to_day AS until FROM participation WHERE municipality_code = $1 ORDER BY person_id, from_day",
        )
        .bind(tenant.code())
        .fetch_all(self.stale_pool())
        .await?)
    }

    /// The municipality's fritidspas settings, if set.
    pub async fn fritidspas_settings(&self, tenant: &Tenant) -> Result<Option<FritidspasSettingsRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT income_limit, extra_per_child, max_fee, max_equipment, yearly_budget, updated_by, updated_at FROM fritidspas_settings WHERE municipality_code = $1",
        )
        .bind(tenant.code())
        .fetch_optional(self.pool())
        .await?)
    }

    /// Sets the municipality's fritidspas settings.
    pub async fn save_fritidspas_settings(&self, tenant: &Tenant, s: &FritidspasSettingsRow) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM fritidspas_settings WHERE municipality_code = $1").bind(tenant.code()).execute(&mut *tx).await?;
        sqlx::query(
            "INSERT INTO fritidspas_settings (municipality_code, income_limit, extra_per_child, max_fee, max_equipment, yearly_budget, updated_by, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(tenant.code())
        .bind(s.income_limit)
        .bind(s.extra_per_child)
        .bind(s.max_fee)
        .bind(s.max_equipment)
        .bind(s.yearly_budget)
        .bind(&s.updated_by)
        .bind(now())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A year's fritidspas decisions, newest first; `limit` rows from `offset` (a total order, decision 006).
    pub async fn fritidspas_grants(&self, tenant: &Tenant, year: i64, person_id: Option<i64>, limit: i64, offset: i64) -> Result<Vec<GrantRow>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "{GRANT_SELECT} WHERE g.municipality_code = $1 AND g.year = $2 AND ($3 = 0 OR g.person_id = $3) ORDER BY g.id DESC LIMIT $4 OFFSET $5"
        ))
        .bind(tenant.code())
        .bind(year)
        .bind(person_id.unwrap_or(0))
        .bind(limit)
        .bind(offset)
        .fetch_all(self.pool())
        .await?)
    }

    /// A year's totals: (granted, used), in kroner.
    pub async fn fritidspas_totals(&self, tenant: &Tenant, year: i64) -> Result<(i64, i64), StoreError> {
        Ok(sqlx::query_as(
            "SELECT CAST(COALESCE(SUM(fee_kr + equipment_kr), 0) AS BIGINT), CAST(COALESCE(SUM(used_kr), 0) AS BIGINT)
             FROM fritidspas_grant WHERE municipality_code = $1 AND year = $2 AND decision = 'granted'",
        )
        .bind(tenant.code())
        .bind(year)
        .fetch_one(self.pool())
        .await?)
    }

    /// What a child has been granted in a year: (fees, equipment), in kroner.
    pub async fn fritidspas_granted_to(&self, tenant: &Tenant, person_id: i64, year: i64) -> Result<(i64, i64), StoreError> {
        Ok(sqlx::query_as(
            "SELECT CAST(COALESCE(SUM(fee_kr), 0) AS BIGINT), CAST(COALESCE(SUM(equipment_kr), 0) AS BIGINT)
             FROM fritidspas_grant WHERE municipality_code = $1 AND person_id = $2 AND year = $3 AND decision = 'granted'",
        )
        .bind(tenant.code())
        .bind(person_id)
        .bind(year)
        .fetch_one(self.pool())
        .await?)
    }

    /// Records a fritidspas decision; its id.
    pub async fn add_fritidspas_grant(&self, tenant: &Tenant, g: &NewGrant, by: &str) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO fritidspas_grant (municipality_code, person_id, offer_id, year, household_income, children, fee_kr, equipment_kr, decision, reason, used_kr, decided_by, decided_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11, $12) RETURNING id",
        )
        .bind(tenant.code())
        .bind(g.person_id)
        .bind(g.offer_id)
        .bind(g.year)
        .bind(g.household_income)
        .bind(g.children)
        .bind(g.fee_kr)
        .bind(g.equipment_kr)
        .bind(&g.decision)
        .bind(&g.reason)
        .bind(by)
        .bind(now())
        .fetch_one(self.pool())
        .await?)
    }

    /// One fritidspas decision.
    pub async fn fritidspas_grant(&self, tenant: &Tenant, id: i64) -> Result<Option<GrantRow>, StoreError> {
        Ok(sqlx::query_as(&format!("{GRANT_SELECT} WHERE g.municipality_code = $1 AND g.id = $2"))
            .bind(tenant.code())
            .bind(id)
            .fetch_optional(self.pool())
            .await?)
    }

    /// Sets how much of a grant has been used.
    pub async fn set_fritidspas_used(&self, tenant: &Tenant, id: i64, used_kr: i64) -> Result<bool, StoreError> {
        let n = sqlx::query("UPDATE fritidspas_grant SET used_kr = $3 WHERE municipality_code = $1 AND id = $2 AND decision = 'granted'")
            .bind(tenant.code())
            .bind(id)
            .bind(used_kr)
            .execute(self.pool())
            .await?
            .rows_affected();
        Ok(n == 1)
    }
}
