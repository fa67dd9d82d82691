//! Staff users and their personal API tokens.
use super::{Store, StoreError, Tenant, now};
use crate::domain::Role;

/// A user as stored (the password hash stays in the store module's callers that need it).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    /// Row id.
    pub id: i64,
    /// Unique login name.
    pub login: String,
    /// Name shown in the header and the audit log.
    pub display_name: String,
    /// For notifications.
    pub email: Option<String>,
    /// argon2id PHC string; `None` for accounts that cannot log in with a password.
    pub password_hash: Option<String>,
    /// Tenant; `None` only for the national secretariat.
    pub municipality_code: Option<String>,
    /// Department, for department staff.
    pub department_id: Option<i64>,
    /// `Role` code.
    pub role: String,
    /// 1 when the account may log in.
    pub active: i64,
    /// 1 for demo accounts, which may log in only in demo mode.
    pub demo_account: i64,
}

impl UserRow {
    /// The parsed role (stored values are always valid; unknown ones get no rights).
    pub fn role(&self) -> Option<Role> {
        Role::parse(&self.role).ok()
    }
}

/// What it takes to create a user.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Unique login name.
    pub login: String,
    /// Name shown to others.
    pub display_name: String,
    /// E-mail address.
    pub email: Option<String>,
    /// argon2id hash, already computed.
    pub password_hash: Option<String>,
    /// Tenant (none for national users).
    pub municipality_code: Option<String>,
    /// Department.
    pub department_id: Option<i64>,
    /// Role.
    pub role: Role,
    /// A demo account (published password; demo mode only).
    pub demo_account: bool,
}

const USER_COLUMNS: &str = "id, login, display_name, email, password_hash, municipality_code, department_id, role, active, demo_account";

impl Store {
    /// Creates a user; a taken login is a `Conflict`.
    pub async fn create_user(&self, user: &NewUser) -> Result<i64, StoreError> {
        sqlx::query_scalar(
            "INSERT INTO app_user (login, display_name, email, password_hash, municipality_code, department_id, role, active, demo_account, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9) RETURNING id",
        )
        .bind(&user.login)
        .bind(&user.display_name)
        .bind(&user.email)
        .bind(&user.password_hash)
        .bind(&user.municipality_code)
        .bind(user.department_id)
        .bind(user.role.code())
        .bind(i64::from(user.demo_account))
        .bind(now())
        .fetch_one(self.pool())
        .await
        .map_err(|e| StoreError::from_insert(e, &format!("brugernavnet «{}»", user.login)))
    }

    /// Finds an active or inactive user by login.
    pub async fn user_by_login(&self, login: &str) -> Result<Option<UserRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM app_user WHERE login = $1")).bind(login).fetch_optional(self.pool()).await?)
    }

    /// Finds a user by id.
    pub async fn user_by_id(&self, id: i64) -> Result<Option<UserRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM app_user WHERE id = $1")).bind(id).fetch_optional(self.pool()).await?)
    }

    /// The users of one municipality, by login.
    pub async fn users_of(&self, tenant: &Tenant) -> Result<Vec<UserRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM app_user WHERE municipality_code = $1 ORDER BY login"))
            .bind(tenant.code())
            .fetch_all(self.pool())
            .await?)
    }

    /// Sets a user's role and department (from the identity provider's role claim).
    pub async fn set_user_role(&self, user_id: i64, role: Role, department_id: Option<i64>) -> Result<(), StoreError> {
        sqlx::query("UPDATE app_user SET role = $1, department_id = $2 WHERE id = $3")
            .bind(role.code())
            .bind(department_id)
            .bind(user_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Sets a new password hash.
    pub async fn set_password_hash(&self, user_id: i64, hash: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE app_user SET password_hash = $1 WHERE id = $2").bind(hash).bind(user_id).execute(self.pool()).await?;
        Ok(())
    }

    /// Stores the hash of a new personal API token.
    pub async fn create_api_token(&self, user_id: i64, token_hash: &str) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar("INSERT INTO api_token (user_id, token_hash, created_at) VALUES ($1, $2, $3) RETURNING id")
            .bind(user_id)
            .bind(token_hash)
            .bind(now())
            .fetch_one(self.pool())
            .await?)
    }

    /// The active user a token (by hash) belongs to, unless revoked.
    pub async fn user_by_api_token(&self, token_hash: &str) -> Result<Option<UserRow>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {} FROM app_user u JOIN api_token t ON t.user_id = u.id
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active = 1",
            USER_COLUMNS.split(", ").map(|c| format!("u.{c}")).collect::<Vec<_>>().join(", ")
        ))
        .bind(token_hash)
        .fetch_optional(self.pool())
        .await?)
    }
}
