//! Home visits (decision 180): the families a user marks to visit on a day, the notes
//! written at a visit (possibly offline, sent later) and the per-user secret the
//! browser derives its offline encryption key from.
use super::{Store, StoreError, Tenant, now};

/// A family marked for a visit.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct VisitRow {
    /// The family.
    pub family_id: i64,
    /// Its name, e.g. "Familien Haddad".
    pub family_name: String,
    /// Street address.
    pub street: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// Town.
    pub city: Option<String>,
    /// The day of the visit (ISO).
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub visit_day: calendar::Date,
    /// When it was marked (RFC 3339).
    pub marked_at: String,
}

/// A note written at a visit.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct VisitNoteRow {
    /// Row id.
    pub id: i64,
    /// The family.
    pub family_id: i64,
    /// Who wrote it.
    pub written_by: String,
    /// The note.
    pub text: String,
    /// When it was written in the browser (RFC 3339).
    pub written_at: String,
    /// When it reached the server (RFC 3339).
    pub synced_at: String,
}

/// A note to store.
pub struct NewVisitNote<'a> {
    /// The family.
    pub family_id: i64,
    /// The writer.
    pub user_id: i64,
    /// The writer's name.
    pub written_by: &'a str,
    /// The browser's id for the note: a note sent twice is stored once.
    pub client_id: &'a str,
    /// The text.
    pub text: &'a str,
    /// When it was written (RFC 3339).
    pub written_at: &'a str,
}

impl Store {
    /// Marks `family_id` for a visit by `user_id` on `day`; false when it already was.
    pub async fn mark_visit(&self, tenant: &Tenant, user_id: i64, family_id: i64, day: calendar::Date) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO home_visit (municipality_code, user_id, family_id, visit_day, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
        )
        .bind(tenant.code())
        .bind(user_id)
        .bind(family_id)
        .bind(day.to_string())
        .bind(now())
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Removes the mark; false when there was none.
    pub async fn unmark_visit(&self, tenant: &Tenant, user_id: i64, family_id: i64, day: calendar::Date) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM home_visit WHERE municipality_code = $1 AND user_id = $2 AND family_id = $3 AND visit_day = $4")
            .bind(tenant.code())
            .bind(user_id)
            .bind(family_id)
            .bind(day.to_string())
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// The families `user_id` marked for `day`, by name.
    pub async fn visits_of(&self, tenant: &Tenant, user_id: i64, day: calendar::Date) -> Result<Vec<VisitRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT v.family_id, f.name AS family_name, f.street, f.postal_code, f.city, v.visit_day, v.created_at AS marked_at
             FROM home_visit v JOIN family f ON f.id = v.family_id AND f.municipality_code = v.municipality_code
             WHERE v.municipality_code = $1 AND v.user_id = $2 AND v.visit_day = $3 ORDER BY f.name, v.family_id",
        )
        .bind(tenant.code())
        .bind(user_id)
        .bind(day.to_string())
        .fetch_all(self.pool())
        .await?)
    }

    /// Whether `user_id` marked `family_id` for `day`.
    pub async fn is_marked(&self, tenant: &Tenant, user_id: i64, family_id: i64, day: calendar::Date) -> Result<bool, StoreError> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM home_visit WHERE municipality_code = $1 AND user_id = $2 AND family_id = $3 AND visit_day = $4")
            .bind(tenant.code())
            .bind(user_id)
            .bind(family_id)
            .bind(day.to_string())
            .fetch_one(self.pool())
            .await?;
        Ok(n > 0)
    }

    /// Stores a visit note; false when a note with the same client id was stored already.
    pub async fn add_visit_note(&self, tenant: &Tenant, note: &NewVisitNote<'_>) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO home_visit_note (municipality_code, family_id, user_id, written_by, client_id, text, written_at, synced_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
        )
        .bind(tenant.code())
        .bind(note.family_id)
        .bind(note.user_id)
        .bind(note.written_by)
        .bind(note.client_id)
        .bind(note.text)
        .bind(note.written_at)
        .bind(now())
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// A family's visit notes, newest first (at most `limit`).
    pub async fn visit_notes(&self, tenant: &Tenant, family_id: i64, limit: i64) -> Result<Vec<VisitNoteRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, family_id, written_by, text, written_at, synced_at FROM home_visit_note
             WHERE municipality_code = $1 AND family_id = $2 ORDER BY written_at DESC, id DESC LIMIT $3",
        )
        .bind(tenant.code())
        .bind(family_id)
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    /// The user's offline secret, made (from `fresh`) when there is none.
    pub async fn offline_secret(&self, user_id: i64, fresh: &str) -> Result<String, StoreError> {
        sqlx::query("INSERT INTO offline_secret (user_id, secret, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
            .bind(user_id)
            .bind(fresh)
            .bind(now())
            .execute(self.pool())
            .await?;
        Ok(sqlx::query_scalar("SELECT secret FROM offline_secret WHERE user_id = $1").bind(user_id).fetch_one(self.pool()).await?)
    }

    /// Forgets the user's offline secret (logout): what their browser kept stays unreadable.
    pub async fn forget_offline_secret(&self, user_id: i64) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM offline_secret WHERE user_id = $1").bind(user_id).execute(self.pool()).await?;
        Ok(())
    }
}
