//! The municipality's reviewed translations (decision 062): translators with their
//! language, and every proposed text with its decision. The newest approved text of a
//! message is the one in force; nothing is deleted, so the table is its own history.
use super::{Store, StoreError, Tenant, now};
use std::collections::HashMap;

/// A proposed, approved or rejected text.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct TranslationRow {
    /// Row id.
    pub id: i64,
    /// Language code (`ar`, `prs` …).
    pub language: String,
    /// The catalogue key (`deadline-due` …).
    pub message: String,
    /// The text as Fluent writes it (`Senest { $date }`).
    pub text: String,
    /// `proposed`, `approved` or `rejected`.
    pub status: String,
    /// Who proposed it (display name).
    pub proposed_by: String,
    /// The proposer's user id.
    #[serde(skip)]
    pub proposed_by_id: i64,
    /// When (RFC 3339).
    pub proposed_at: String,
    /// Who approved or rejected it (display name).
    pub decided_by: Option<String>,
    /// When.
    pub decided_at: Option<String>,
    /// Why it was rejected.
    pub reason: Option<String>,
}

const ROWS: &str = "SELECT t.id, t.language, t.message, t.text, t.status, p.display_name AS proposed_by, t.proposed_by AS proposed_by_id,
    t.proposed_at, d.display_name AS decided_by, t.decided_at, t.reason
    FROM translation t JOIN app_user p ON p.id = t.proposed_by LEFT JOIN app_user d ON d.id = t.decided_by";

impl Store {
    /// Makes a user a translator of one language in their municipality.
    pub async fn set_translator_language(&self, tenant: &Tenant, user_id: i64, language: &str) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM translator WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO translator (user_id, municipality_code, language) VALUES ($1, $2, $3)")
            .bind(user_id)
            .bind(tenant.code())
            .bind(language)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The language a translator reviews.
    pub async fn translator_language(&self, user_id: i64) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query_scalar("SELECT language FROM translator WHERE user_id = $1").bind(user_id).fetch_optional(self.pool()).await?)
    }

    /// Stores a proposal; returns its id.
    pub async fn propose_translation(&self, tenant: &Tenant, language: &str, message: &str, text: &str, user_id: i64) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO translation (municipality_code, language, message, text, status, proposed_by, proposed_at)
             VALUES ($1, $2, $3, $4, 'proposed', $5, $6) RETURNING id",
        )
        .bind(tenant.code())
        .bind(language)
        .bind(message)
        .bind(text)
        .bind(user_id)
        .bind(now())
        .fetch_one(self.pool())
        .await?)
    }

    /// One translation of the municipality.
    pub async fn translation(&self, tenant: &Tenant, id: i64) -> Result<Option<TranslationRow>, StoreError> {
        Ok(sqlx::query_as(&format!("{ROWS} WHERE t.municipality_code = $1 AND t.id = $2")).bind(tenant.code()).bind(id).fetch_optional(self.pool()).await?)
    }

    /// Approves or rejects a proposal that is still open; false when it was decided already.
    pub async fn decide_translation(&self, tenant: &Tenant, id: i64, approve: bool, user_id: i64, reason: Option<&str>) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE translation SET status = $1, decided_by = $2, decided_at = $3, reason = $4
             WHERE municipality_code = $5 AND id = $6 AND status = 'proposed'",
        )
        .bind(if approve { "approved" } else { "rejected" })
        .bind(user_id)
        .bind(now())
        .bind(reason)
        .bind(tenant.code())
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Every translation of one language in the municipality, newest first.
    pub async fn translations(&self, tenant: &Tenant, language: &str) -> Result<Vec<TranslationRow>, StoreError> {
        Ok(sqlx::query_as(&format!("{ROWS} WHERE t.municipality_code = $1 AND t.language = $2 ORDER BY t.id DESC"))
            .bind(tenant.code())
            .bind(language)
            .fetch_all(self.pool())
            .await?)
    }

    /// The texts in force: per message, the approved text decided last.
    pub async fn translation_overrides(&self, tenant: &Tenant, language: &str) -> Result<HashMap<String, String>, StoreError> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT message, text FROM translation
             WHERE municipality_code = $1 AND language = $2 AND status = 'approved' ORDER BY decided_at, id",
        )
        .bind(tenant.code())
        .bind(language)
        .fetch_all(self.pool())
        .await?;
        // Later rows replace earlier ones: the newest approval wins.
        Ok(rows.into_iter().collect())
    }
}
