//! Min plan's tables: citizen accounts linked to their person record, one-time login
//! links (hashes only; used once, atomically), and the record of read plan versions.
use super::{Store, StoreError, Tenant, now};

/// A citizen's account.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CitizenRow {
    /// The user.
    pub user_id: i64,
    /// Its login.
    pub login: String,
    /// Tenant.
    pub municipality_code: String,
    /// The person the citizen is.
    pub person_id: i64,
    /// Chosen language (an `i18n` code).
    pub language: String,
    /// Whether the account can log in with a password.
    pub has_password: i64,
}

impl CitizenRow {
    /// The municipality the account belongs to: a citizen reads their plans only there.
    pub fn tenant(&self) -> Tenant {
        Tenant::trusted(self.municipality_code.as_str())
    }
}

/// A read plan version.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PlanReadRow {
    /// Plan version.
    pub version: i64,
    /// Who confirmed it (user id).
    pub user_id: i64,
    /// Who confirmed it (display name).
    pub read_by: String,
    /// When (RFC 3339).
    pub read_at: String,
}

const CITIZEN: &str = "SELECT c.user_id, u.login, c.municipality_code, c.person_id, c.language,
    CASE WHEN u.password_hash IS NULL THEN 0 ELSE 1 END AS has_password
    FROM citizen_account c JOIN app_user u ON u.id = c.user_id";

impl Store {
    /// Links a (citizen) user to their person record with a language.
    pub async fn create_citizen_account(&self, tenant: &Tenant, user_id: i64, person_id: i64, language: &str) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO citizen_account (user_id, municipality_code, person_id, language, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(user_id)
            .bind(tenant.code())
            .bind(person_id)
            .bind(language)
            .bind(now())
            .execute(self.pool())
            .await
            .map_err(|e| StoreError::from_insert(e, "en borgerkonto for personen"))?;
        Ok(())
    }

    /// The citizen account of a user.
    pub async fn citizen_account(&self, user_id: i64) -> Result<Option<CitizenRow>, StoreError> {
        Ok(sqlx::query_as(&format!("{CITIZEN} WHERE c.user_id = $1")).bind(user_id).fetch_optional(self.pool()).await?)
    }

    /// The citizen account of a person of the municipality.
    pub async fn citizen_account_of(&self, tenant: &Tenant, person_id: i64) -> Result<Option<CitizenRow>, StoreError> {
        Ok(sqlx::query_as(&format!("{CITIZEN} WHERE c.municipality_code = $1 AND c.person_id = $2"))
            .bind(tenant.code())
            .bind(person_id)
            .fetch_optional(self.pool())
            .await?)
    }

    /// Stores a citizen's chosen language.
    pub async fn set_citizen_language(&self, user_id: i64, language: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE citizen_account SET language = $1 WHERE user_id = $2").bind(language).bind(user_id).execute(self.pool()).await?;
        Ok(())
    }

    /// Uses a login link: marks it used and returns its user, only if it was unused and
    /// unexpired at `at`. One statement, so two requests cannot both use it.
    pub async fn use_login_link(&self, token_hash: &str, at: &str) -> Result<Option<i64>, StoreError> {
        Ok(sqlx::query_scalar("UPDATE login_link SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING user_id")
            .bind(at)
            .bind(token_hash)
            .fetch_optional(self.pool())
            .await?)
    }

    /// The chosen language of the citizen a login link is for, if the link is unused and
    /// unexpired at `at` (without using it).
    pub async fn login_link_language(&self, token_hash: &str, at: &str) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT c.language FROM login_link l JOIN citizen_account c ON c.user_id = l.user_id
             WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > $2",
        )
        .bind(token_hash)
        .bind(at)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Records that `user_id` has read version `version` of a person's plan (once).
    pub async fn record_plan_read(&self, tenant: &Tenant, person_id: i64, family_id: i64, version: i64, user_id: i64) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO plan_read (municipality_code, person_id, family_id, version, read_by, read_at) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT DO NOTHING",
        )
        .bind(tenant.code())
        .bind(person_id)
        .bind(family_id)
        .bind(version)
        .bind(user_id)
        .bind(now())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The confirmed reads of a person's plan, newest version first.
    pub async fn plan_reads(&self, tenant: &Tenant, person_id: i64) -> Result<Vec<PlanReadRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT r.version, r.read_by AS user_id, u.display_name AS read_by, r.read_at FROM plan_read r JOIN app_user u ON u.id = r.read_by
             WHERE r.municipality_code = $1 AND r.person_id = $2 ORDER BY r.version DESC, r.read_at DESC",
        )
        .bind(tenant.code())
        .bind(person_id)
        .fetch_all(self.pool())
        .await?)
    }
}

impl super::unit::Unit {
    /// Stores a new one-time login link (its hash) for a citizen user.
    pub async fn create_login_link(&mut self, tenant: &Tenant, user_id: i64, created_by: i64, token_hash: &str, expires_at: &str) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO login_link (token_hash, municipality_code, user_id, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(token_hash)
            .bind(tenant.code())
            .bind(user_id)
            .bind(created_by)
            .bind(now())
            .bind(expires_at)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }
}
