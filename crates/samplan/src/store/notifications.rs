//! In-app notifications per user and the e-mail outbox (mails waiting to be sent).
use super::{Store, StoreError, now};

/// A notification as stored.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct NotificationRow {
    /// Row id.
    pub id: i64,
    /// The family it is about.
    pub family_id: Option<i64>,
    /// What happened, in Danish.
    pub message: String,
    /// When.
    pub created_at: String,
    /// When the user marked it read.
    pub read_at: Option<String>,
}

/// A mail in the outbox.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutboxRow {
    /// Row id.
    pub id: i64,
    /// Recipient.
    pub to_address: String,
    /// Subject.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// Queued at.
    pub created_at: String,
    /// Sent at; `None` while waiting.
    pub sent_at: Option<String>,
}

impl Store {
    /// Notifies a user; queues an e-mail too when `email` is given.
    pub async fn notify(
        &self,
        municipality_code: &str,
        user_id: i64,
        family_id: Option<i64>,
        message: &str,
        email: Option<(&str, &str)>,
    ) -> Result<(), StoreError> {
        let at = now();
        let mut tx = self.pool().begin().await?;
        sqlx::query("INSERT INTO notification (municipality_code, user_id, family_id, message, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(municipality_code)
            .bind(user_id)
            .bind(family_id)
            .bind(message)
            .bind(&at)
            .execute(&mut *tx)
            .await?;
        if let Some((address, subject)) = email {
            sqlx::query("INSERT INTO email_outbox (municipality_code, to_address, subject, body, created_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(municipality_code)
                .bind(address)
                .bind(subject)
                .bind(message)
                .bind(&at)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// A user's notifications, unread first, then newest first.
    pub async fn notifications(&self, municipality_code: &str, user_id: i64, limit: i64) -> Result<Vec<NotificationRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, family_id, message, created_at, read_at FROM notification WHERE municipality_code = $1 AND user_id = $2
             ORDER BY CASE WHEN read_at IS NULL THEN 0 ELSE 1 END, id DESC LIMIT $3",
        )
        .bind(municipality_code)
        .bind(user_id)
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    /// Marks one of the user's notifications read. Returns false when not theirs or already read.
    pub async fn mark_notification_read(&self, municipality_code: &str, user_id: i64, id: i64) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE notification SET read_at = $1 WHERE id = $2 AND user_id = $3 AND municipality_code = $4 AND read_at IS NULL",
        )
        .bind(now())
        .bind(id)
        .bind(user_id)
        .bind(municipality_code)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The municipality's mails not yet sent, oldest first.
    pub async fn unsent_mail(&self, municipality_code: &str) -> Result<Vec<OutboxRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, to_address, subject, body, created_at, sent_at FROM email_outbox
             WHERE municipality_code = $1 AND sent_at IS NULL ORDER BY id",
        )
        .bind(municipality_code)
        .fetch_all(self.pool())
        .await?)
    }
}
