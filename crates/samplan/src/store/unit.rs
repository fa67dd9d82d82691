//! A unit of work: one transaction in which a change, the mails it queues, the in-app
//! notifications it sends and its audit rows commit together, or none of them does
//! (decision 041). A capability opens one with [`Store::unit`], calls the store
//! functions that take it, and [`Unit::commit`]s; a unit dropped uncommitted (an error
//! on the way) rolls everything back.
use super::audit::AuditEvent;
use super::{Store, StoreError, Tenant, now};
use sqlx::Any;

/// An open transaction that a change, its mails and its audit rows share.
pub struct Unit {
    pub(super) tx: sqlx::Transaction<'static, Any>,
}

impl Store {
    /// Begins a unit of work.
    pub async fn unit(&self) -> Result<Unit, StoreError> {
        Ok(Unit { tx: self.begin_write().await? })
    }
}

impl Unit {
    /// Commits everything done in the unit.
    pub async fn commit(self) -> Result<(), StoreError> {
        self.tx.commit().await?;
        Ok(())
    }

    /// Queues a mail in the outbox; returns its id.
    pub async fn queue_mail(&mut self, tenant: &Tenant, to: &str, subject: &str, body: &str) -> Result<i64, StoreError> {
        super::notifications::insert_mail(&mut self.tx, tenant.code(), to, subject, body).await
    }

    /// Notifies a user in the app, and queues the message as a mail too when `email`
    /// (address, subject) is given.
    pub async fn notify(
        &mut self,
        tenant: &Tenant,
        user_id: i64,
        family_id: Option<i64>,
        message: &str,
        email: Option<(&str, &str)>,
    ) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO notification (municipality_code, user_id, family_id, message, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(tenant.code())
            .bind(user_id)
            .bind(family_id)
            .bind(message)
            .bind(now())
            .execute(&mut *self.tx)
            .await?;
        if let Some((address, subject)) = email {
            self.queue_mail(tenant, address, subject, message).await?;
        }
        Ok(())
    }

    /// Appends audit events that commit with the change.
    pub async fn audit(&mut self, events: &[AuditEvent]) -> Result<(), StoreError> {
        super::audit::insert(&mut self.tx, events).await
    }
}
