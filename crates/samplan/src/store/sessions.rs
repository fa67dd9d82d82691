//! Server-side login sessions. The cookie holds a random token; only its hash is stored.
use super::{Store, StoreError};

/// A stored session.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    /// SHA-256 of the cookie token.
    pub token_hash: String,
    /// The logged-in user.
    pub user_id: i64,
    /// The token every form of this session must carry.
    pub csrf_token: String,
    /// When it ends unless used again (RFC 3339).
    pub expires_at: String,
}

impl Store {
    /// Creates a session.
    pub async fn create_session(&self, row: &SessionRow, created_at: &str) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO session (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(&row.token_hash)
            .bind(row.user_id)
            .bind(&row.csrf_token)
            .bind(created_at)
            .bind(&row.expires_at)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// A session that has not expired at `now` (idle) and began after `created_after`
    /// (absolute lifetime).
    pub async fn live_session(&self, token_hash: &str, now: &str, created_after: &str) -> Result<Option<SessionRow>, StoreError> {
        Ok(sqlx::query_as("SELECT token_hash, user_id, csrf_token, expires_at FROM session WHERE token_hash = $1 AND expires_at > $2 AND created_at > $3")
            .bind(token_hash)
            .bind(now)
            .bind(created_after)
            .fetch_optional(self.pool())
            .await?)
    }

    /// Moves the expiry forward (sliding idle timeout).
    pub async fn extend_session(&self, token_hash: &str, expires_at: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE session SET expires_at = $1 WHERE token_hash = $2").bind(expires_at).bind(token_hash).execute(self.pool()).await?;
        Ok(())
    }

    /// Ends a session (logout).
    pub async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM session WHERE token_hash = $1").bind(token_hash).execute(self.pool()).await?;
        Ok(())
    }

    /// Removes expired sessions; returns how many.
    pub async fn delete_expired_sessions(&self, now: &str) -> Result<u64, StoreError> {
        Ok(sqlx::query("DELETE FROM session WHERE expires_at <= $1").bind(now).execute(self.pool()).await?.rows_affected())
    }
}
