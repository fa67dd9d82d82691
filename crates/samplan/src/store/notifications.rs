//! In-app notifications per user and the e-mail outbox: mails waiting to be sent, sent,
//! or given up, with their delivery attempts.
use super::access::{Reach, family_condition};
use super::{Store, StoreError, Tenant, now};

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
    /// Delivery attempts so far.
    pub attempts: i64,
    /// The relay's answer to the last failed attempt.
    pub last_error: Option<String>,
    /// Not tried again before this time.
    pub next_attempt_at: Option<String>,
    /// Delivery stopped (permanent refusal or too many attempts).
    pub given_up_at: Option<String>,
}

/// What a failed delivery attempt means for the mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Try again, not before this time.
    At(chrono::DateTime<chrono::Utc>),
    /// Do not try again.
    GiveUp,
}

const OUTBOX_COLUMNS: &str = "id, to_address, subject, body, created_at, sent_at, attempts, last_error, next_attempt_at, given_up_at";

impl Store {
    /// Notifies a user; queues an e-mail too when `email` is given. One unit of work;
    /// a change that notifies calls [`super::unit::Unit::notify`] in its own unit instead.
    pub async fn notify(&self, tenant: &Tenant, user_id: i64, family_id: Option<i64>, message: &str, email: Option<(&str, &str)>) -> Result<(), StoreError> {
        let mut unit = self.unit().await?;
        unit.notify(tenant, user_id, family_id, message, email).await?;
        unit.commit().await
    }

    /// A user's notifications, unread first, then newest first.
    /// A notification about a family the user can no longer read (or never could) is
    /// left out, so it reveals nothing that the family's own page hides.
    pub async fn notifications(&self, tenant: &Tenant, reach: &Reach, user_id: i64, limit: i64) -> Result<Vec<NotificationRow>, StoreError> {
        self.notifications_page(tenant, reach, user_id, limit, 0).await
    }

    /// One page of [`Store::notifications`]: `limit` rows after the first `offset`.
    pub async fn notifications_page(&self, tenant: &Tenant, reach: &Reach, user_id: i64, limit: i64, offset: i64) -> Result<Vec<NotificationRow>, StoreError> {
        let sql = format!(
            "SELECT id, family_id, message, created_at, read_at FROM notification WHERE municipality_code = $1 AND user_id = $2
               AND (family_id IS NULL OR {})
             ORDER BY CASE WHEN read_at IS NULL THEN 0 ELSE 1 END, id DESC LIMIT $3 OFFSET $4",
            family_condition("family_id", 5)
        );
        let q = sqlx::query_as(&sql).bind(tenant.code()).bind(user_id).bind(limit).bind(offset);
        Ok(reach.bind_as(tenant.code(), q).fetch_all(self.pool()).await?)
    }

    /// Marks one of the user's notifications read. Returns false when not theirs or already read.
    pub async fn mark_notification_read(&self, tenant: &Tenant, user_id: i64, id: i64) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE notification SET read_at = $1 WHERE id = $2 AND user_id = $3 AND municipality_code = $4 AND read_at IS NULL")
            .bind(now())
            .bind(id)
            .bind(user_id)
            .bind(tenant.code())
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The municipality's mails not yet sent nor given up, oldest first.
    pub async fn unsent_mail(&self, tenant: &Tenant) -> Result<Vec<OutboxRow>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {OUTBOX_COLUMNS} FROM email_outbox
             WHERE municipality_code = $1 AND sent_at IS NULL AND given_up_at IS NULL ORDER BY id"
        ))
        .bind(tenant.code())
        .fetch_all(self.pool())
        .await?)
    }

    /// The municipality's outbox, newest first: waiting, sent and given-up mails.
    pub async fn outbox(&self, tenant: &Tenant, limit: i64) -> Result<Vec<OutboxRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {OUTBOX_COLUMNS} FROM email_outbox WHERE municipality_code = $1 ORDER BY id DESC LIMIT $2"))
            .bind(tenant.code())
            .bind(limit)
            .fetch_all(self.pool())
            .await?)
    }

    /// Mails of every municipality that are due for a delivery attempt at `now`, oldest first.
    pub async fn due_mail(&self, now: &str, limit: i64) -> Result<Vec<OutboxRow>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {OUTBOX_COLUMNS} FROM email_outbox
             WHERE sent_at IS NULL AND given_up_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= $1)
             ORDER BY id LIMIT $2"
        ))
        .bind(now)
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    /// Claims a due mail for one delivery attempt by moving its next attempt to
    /// `lease_until`: true when this caller got it, false when it is no longer due
    /// (sent, given up, or claimed by another server on the same database since it
    /// was listed). One conditional UPDATE, so of several servers only one wins; if
    /// the winner stops before recording the outcome, the mail is due again when
    /// the lease ends.
    pub async fn claim_mail(&self, id: i64, now: &str, lease_until: &str) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE email_outbox SET next_attempt_at = $1
             WHERE id = $2 AND sent_at IS NULL AND given_up_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= $3)",
        )
        .bind(lease_until)
        .bind(id)
        .bind(now)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records that a mail was handed to the relay.
    pub async fn mark_mail_sent(&self, id: i64, at: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE email_outbox SET sent_at = $1, attempts = attempts + 1, next_attempt_at = NULL WHERE id = $2")
            .bind(at)
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Records a failed attempt with the relay's answer, and when (or whether) to try again.
    pub async fn mark_mail_failed(&self, id: i64, at: &str, error: &str, retry: Retry) -> Result<(), StoreError> {
        let (next, given_up) = match retry {
            Retry::At(t) => (Some(super::timestamp(t)), None),
            Retry::GiveUp => (None, Some(at.to_string())),
        };
        sqlx::query("UPDATE email_outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2, given_up_at = $3 WHERE id = $4")
            .bind(error)
            .bind(next)
            .bind(given_up)
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}

/// Queues a mail within `tx`; returns its id. The one insert into the outbox, for a unit
/// of work and the report subscriptions.
pub(super) async fn insert_mail(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    municipality_code: &str,
    to: &str,
    subject: &str,
    body: &str,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("INSERT INTO email_outbox (municipality_code, to_address, subject, body, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(municipality_code)
        .bind(to)
        .bind(subject)
        .bind(body)
        .bind(now())
        .fetch_one(&mut **tx)
        .await?)
}
