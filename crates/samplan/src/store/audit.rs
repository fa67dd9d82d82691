//! The append-only audit log: who read or changed what, when, in which request, from where.
//!
//! This module can only insert and select. The database refuses UPDATE and DELETE on the
//! table by trigger, so not even a bug here could rewrite history.
use super::{Store, StoreError, now};

/// One event to record.
#[derive(Debug, Clone)]
pub struct AuditEvent {
    /// Tenant the data belongs to (none for events outside any municipality).
    pub municipality_code: Option<String>,
    /// Acting user (none for a failed login of an unknown name).
    pub user_id: Option<i64>,
    /// Login of the acting user, or the name tried.
    pub user_login: String,
    /// `read`, `search`, `create`, `update`, `login`, `login_failed`, `logout`, `token_created`, …
    pub action: String,
    /// `person`, `family`, `user`, `session`, `audit_log`, …
    pub entity: String,
    /// Id of the entity, when there is one.
    pub entity_id: Option<String>,
    /// What was read or changed (field names, never CPR numbers).
    pub detail: String,
    /// The request's id (`x-request-id`).
    pub request_id: String,
    /// The client's address.
    pub remote_addr: String,
}

/// A recorded event.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct AuditRow {
    /// Sequence number.
    pub id: i64,
    /// When (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub at: String,
    /// Tenant.
    pub municipality_code: Option<String>,
    /// Acting user id.
    pub user_id: Option<i64>,
    /// Acting user login.
    pub user_login: String,
    /// What was done.
    pub action: String,
    /// To what kind of thing.
    pub entity: String,
    /// Which one.
    pub entity_id: Option<String>,
    /// Details.
    pub detail: String,
    /// Request id.
    pub request_id: String,
    /// Client address.
    pub remote_addr: String,
}

/// Filters for reading the log; all optional.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only this login.
    pub user_login: Option<String>,
    /// Only this action.
    pub action: Option<String>,
    /// Only this entity kind.
    pub entity: Option<String>,
    /// Only this entity id.
    pub entity_id: Option<String>,
    /// From this date (inclusive, `YYYY-MM-DD`).
    pub from: Option<String>,
    /// To this date (inclusive, `YYYY-MM-DD`).
    pub to: Option<String>,
}

impl Store {
    /// Appends events in one transaction, in their order, a hundred rows per statement.
    pub async fn audit(&self, events: &[AuditEvent]) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        insert(&mut tx, events).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The newest events of a municipality matching the filter, at most `limit`.
    pub async fn audit_log(&self, municipality_code: &str, f: &AuditFilter, limit: i64) -> Result<Vec<AuditRow>, StoreError> {
        self.audit_log_page(municipality_code, f, limit, None).await
    }

    /// One page of [`Store::audit_log`]: `limit` events older than event `before`
    /// (newest first; events written meanwhile do not shift the pages).
    pub async fn audit_log_page(&self, municipality_code: &str, f: &AuditFilter, limit: i64, before: Option<i64>) -> Result<Vec<AuditRow>, StoreError> {
        // Unset filters bind NULL and match everything, so the SQL stays one fixed text.
        let to_end = f.to.as_ref().map(|d| format!("{d}T23:59:59Z"));
        Ok(sqlx::query_as(
            "SELECT id, at, municipality_code, user_id, user_login, action, entity, entity_id, detail, request_id, remote_addr
             FROM audit_log WHERE municipality_code = $1
               AND ($2 IS NULL OR user_login = $2) AND ($3 IS NULL OR action = $3)
               AND ($4 IS NULL OR entity = $4) AND ($5 IS NULL OR entity_id = $5)
               AND ($6 IS NULL OR at >= $6) AND ($7 IS NULL OR at <= $7) AND ($9 IS NULL OR id < $9)
             ORDER BY id DESC LIMIT $8",
        )
        .bind(municipality_code)
        .bind(&f.user_login)
        .bind(&f.action)
        .bind(&f.entity)
        .bind(&f.entity_id)
        .bind(&f.from)
        .bind(to_end)
        .bind(limit)
        .bind(before)
        .fetch_all(self.pool())
        .await?)
    }
}

/// Appends events within `tx`, in their order, a hundred rows per statement: the one
/// insert into the audit log, for [`Store::audit`] and a unit of work.
pub(super) async fn insert(tx: &mut sqlx::Transaction<'static, sqlx::Any>, events: &[AuditEvent]) -> Result<(), StoreError> {
    const ROWS: usize = 100;
    let at = now();
    for chunk in events.chunks(ROWS) {
        let values: Vec<String> =
            (0..chunk.len()).map(|r| format!("({})", (1..=10).map(|c| format!("${}", r * 10 + c)).collect::<Vec<_>>().join(", "))).collect();
        let sql = format!(
            "INSERT INTO audit_log (at, municipality_code, user_id, user_login, action, entity, entity_id, detail, request_id, remote_addr)
             VALUES {}",
            values.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for e in chunk {
            q = q
                .bind(&at)
                .bind(&e.municipality_code)
                .bind(e.user_id)
                .bind(&e.user_login)
                .bind(&e.action)
                .bind(&e.entity)
                .bind(&e.entity_id)
                .bind(&e.detail)
                .bind(&e.request_id)
                .bind(&e.remote_addr);
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}
