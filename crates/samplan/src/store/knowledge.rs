//! The knowledge base: methods per submitting municipality, their versions (a version's
//! status moves draft → submitted → published / changes requested / rejected; a published
//! version becomes superseded when a newer one is published, and its content never
//! changes — the database refuses it), the secretariat's reviews, attachments and comments.
//! Knowledge is not person data: published versions are read across municipalities.
//! Creating a method and listing a municipality's own take its `Tenant`; a comment keeps
//! the writer's municipality code only as who wrote it (none for the secretariat).
use super::{Store, StoreError, Tenant, now};

/// The content of one version, as checked by `knowledge::MethodInput`.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct MethodFields {
    /// Title.
    pub title: String,
    /// Summary: what is done, how, by whom.
    pub summary: String,
    /// Target group code.
    pub target_group: String,
    /// Life area code.
    pub life_area: String,
    /// Theme code (the six themes).
    pub theme: String,
    /// Evidence level code.
    pub evidence_level: String,
    /// Results with figures.
    pub results: String,
    /// Whom to contact in the municipality.
    pub contact: String,
}

/// A method as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MethodRow {
    /// Row id.
    pub id: i64,
    /// The submitting municipality.
    pub municipality_code: String,
    /// The user who created it.
    pub created_by: i64,
    /// When.
    pub created_at: String,
    /// The version now published, if any.
    pub published_version: Option<i64>,
}

/// One version of a method.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct VersionRow {
    /// The method.
    pub method_id: i64,
    /// 1, 2, 3 … per method.
    pub version: i64,
    /// draft, submitted, changes_requested, published, superseded or rejected.
    pub status: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Target group code.
    pub target_group: String,
    /// Life area code.
    pub life_area: String,
    /// Theme code.
    pub theme: String,
    /// Evidence level code.
    pub evidence_level: String,
    /// Results with figures.
    pub results: String,
    /// Contact in the municipality.
    pub contact: String,
    /// Who wrote this version.
    pub created_by_name: String,
    /// Last change.
    pub updated_at: String,
    /// When sent to review.
    pub submitted_at: Option<String>,
    /// When published.
    pub published_at: Option<String>,
}

/// A version together with its method's municipality (for lists across municipalities).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ListedVersion {
    /// The submitting municipality.
    pub municipality_code: String,
    /// The version.
    #[sqlx(flatten)]
    pub version: VersionRow,
}

/// A review decision.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct ReviewRow {
    /// The version reviewed.
    pub version: i64,
    /// approve, request_changes or reject.
    pub decision: String,
    /// The reviewer's comment or reason.
    pub comment: String,
    /// The reviewer's name.
    pub reviewer_name: String,
    /// When.
    pub reviewed_at: String,
}

/// An attachment without its content.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct AttachmentRow {
    /// Row id.
    pub id: i64,
    /// The version it was added to.
    pub version: i64,
    /// The file's name.
    pub file_name: String,
    /// Checked content type.
    pub content_type: String,
    /// Size.
    pub size_bytes: i64,
    /// Who added it.
    pub uploaded_by_name: String,
    /// When.
    pub uploaded_at: String,
}

/// A comment or question on a method.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct CommentRow {
    /// Row id.
    pub id: i64,
    /// The writer's municipality (none for the national secretariat).
    pub municipality_code: Option<String>,
    /// The writer's name.
    pub author_name: String,
    /// comment or question.
    pub kind: String,
    /// The text.
    pub body: String,
    /// When.
    pub created_at: String,
}

const VERSION_COLUMNS: &str = "v.method_id, v.version, v.status, v.title, v.summary, v.target_group, v.life_area, v.theme, \
     v.evidence_level, v.results, v.contact, v.created_by_name, v.updated_at, v.submitted_at, v.published_at";

/// Statuses in which the municipality may still change a version.
pub const EDITABLE: [&str; 2] = ["draft", "changes_requested"];

impl Store {
    /// Creates a method with version 1 as a draft. Returns the method id.
    pub async fn create_method(&self, tenant: &Tenant, user_id: i64, user_name: &str, f: &MethodFields) -> Result<i64, StoreError> {
        let at = now();
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query_scalar("INSERT INTO knowledge_method (municipality_code, created_by, created_at) VALUES ($1, $2, $3) RETURNING id")
            .bind(tenant.code())
            .bind(user_id)
            .bind(&at)
            .fetch_one(&mut *tx)
            .await?;
        insert_version(&mut tx, id, 1, f, user_name, &at).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// A method.
    pub async fn method(&self, id: i64) -> Result<Option<MethodRow>, StoreError> {
        Ok(sqlx::query_as("SELECT id, municipality_code, created_by, created_at, published_version FROM knowledge_method WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await?)
    }

    /// Every version of a method, oldest first.
    pub async fn method_versions(&self, method_id: i64) -> Result<Vec<VersionRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {VERSION_COLUMNS} FROM knowledge_version v WHERE v.method_id = $1 ORDER BY v.version"))
            .bind(method_id)
            .fetch_all(self.pool())
            .await?)
    }

    /// Changes the content of a version still in the municipality's hands. False when the
    /// version is not (any longer) editable.
    pub async fn update_method_draft(&self, method_id: i64, version: i64, f: &MethodFields, user_name: &str) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE knowledge_version SET title = $1, summary = $2, target_group = $3, life_area = $4, theme = $5, evidence_level = $6,
             results = $7, contact = $8, created_by_name = $9, updated_at = $10
             WHERE method_id = $11 AND version = $12 AND status IN ('draft', 'changes_requested')",
        )
        .bind(&f.title)
        .bind(&f.summary)
        .bind(&f.target_group)
        .bind(&f.life_area)
        .bind(&f.theme)
        .bind(&f.evidence_level)
        .bind(&f.results)
        .bind(&f.contact)
        .bind(user_name)
        .bind(now())
        .bind(method_id)
        .bind(version)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Sends an editable version to review. False when it was not editable.
    pub async fn submit_method_version(&self, method_id: i64, version: i64) -> Result<bool, StoreError> {
        let at = now();
        let done = sqlx::query(
            "UPDATE knowledge_version SET status = 'submitted', submitted_at = $1, updated_at = $1
             WHERE method_id = $2 AND version = $3 AND status IN ('draft', 'changes_requested')",
        )
        .bind(&at)
        .bind(method_id)
        .bind(version)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Starts a new draft version from the latest one (after publication or rejection).
    /// Returns its number.
    pub async fn new_method_version(&self, method_id: i64, from: &VersionRow, user_name: &str) -> Result<i64, StoreError> {
        let at = now();
        let mut tx = self.begin_write().await?;
        let latest: i64 =
            sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM knowledge_version WHERE method_id = $1").bind(method_id).fetch_one(&mut *tx).await?;
        if latest != from.version {
            return Err(StoreError::Conflict(format!("en nyere version ({latest}) af metoden")));
        }
        let f = MethodFields {
            title: from.title.clone(),
            summary: from.summary.clone(),
            target_group: from.target_group.clone(),
            life_area: from.life_area.clone(),
            theme: from.theme.clone(),
            evidence_level: from.evidence_level.clone(),
            results: from.results.clone(),
            contact: from.contact.clone(),
        };
        insert_version(&mut tx, method_id, latest + 1, &f, user_name, &at).await?;
        tx.commit().await?;
        Ok(latest + 1)
    }

    /// Records the secretariat's decision on a submitted version: `approve` publishes it
    /// (the previously published version becomes superseded), `request_changes` and
    /// `reject` give it back. False when the version was not waiting for review.
    pub async fn review_method_version(
        &self,
        method_id: i64,
        version: i64,
        decision: &str,
        comment: &str,
        reviewer_id: i64,
        reviewer_name: &str,
    ) -> Result<bool, StoreError> {
        let at = now();
        let status = match decision {
            "approve" => "published",
            "request_changes" => "changes_requested",
            _ => "rejected",
        };
        let mut tx = self.begin_write().await?;
        if status == "published" {
            sqlx::query("UPDATE knowledge_version SET status = 'superseded' WHERE method_id = $1 AND status = 'published'")
                .bind(method_id)
                .execute(&mut *tx)
                .await?;
        }
        let done = sqlx::query(
            "UPDATE knowledge_version SET status = $1, updated_at = $2, published_at = CASE WHEN $1 = 'published' THEN $2 ELSE published_at END
             WHERE method_id = $3 AND version = $4 AND status = 'submitted'",
        )
        .bind(status)
        .bind(&at)
        .bind(method_id)
        .bind(version)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        if status == "published" {
            sqlx::query("UPDATE knowledge_method SET published_version = $1 WHERE id = $2").bind(version).bind(method_id).execute(&mut *tx).await?;
        }
        sqlx::query(
            "INSERT INTO knowledge_review (method_id, version, decision, comment, reviewer_id, reviewer_name, reviewed_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(method_id)
        .bind(version)
        .bind(decision)
        .bind(comment)
        .bind(reviewer_id)
        .bind(reviewer_name)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// A method's reviews, oldest first.
    pub async fn method_reviews(&self, method_id: i64) -> Result<Vec<ReviewRow>, StoreError> {
        Ok(sqlx::query_as("SELECT version, decision, comment, reviewer_name, reviewed_at FROM knowledge_review WHERE method_id = $1 ORDER BY id")
            .bind(method_id)
            .fetch_all(self.pool())
            .await?)
    }

    /// Every published version (one per method), with its municipality.
    pub async fn published_methods(&self) -> Result<Vec<ListedVersion>, StoreError> {
        self.listed_versions("v.status = 'published'", None).await
    }

    /// Versions waiting for the secretariat, oldest submission first.
    pub async fn review_queue(&self) -> Result<Vec<ListedVersion>, StoreError> {
        self.listed_versions("v.status = 'submitted'", None).await
    }

    /// The latest version of each of a municipality's methods.
    pub async fn municipality_methods(&self, tenant: &Tenant) -> Result<Vec<ListedVersion>, StoreError> {
        self.listed_versions(
            "m.municipality_code = $1 AND v.version = (SELECT MAX(w.version) FROM knowledge_version w WHERE w.method_id = v.method_id)",
            Some(tenant.code()),
        )
        .await
    }

    async fn listed_versions(&self, condition: &str, bind: Option<&str>) -> Result<Vec<ListedVersion>, StoreError> {
        let sql = format!(
            "SELECT m.municipality_code, {VERSION_COLUMNS} FROM knowledge_version v JOIN knowledge_method m ON m.id = v.method_id
             WHERE {condition} ORDER BY COALESCE(v.submitted_at, v.updated_at), v.method_id"
        );
        let mut q = sqlx::query_as(&sql);
        if let Some(b) = bind {
            q = q.bind(b);
        }
        Ok(q.fetch_all(self.pool()).await?)
    }

    /// Stores an attachment on a method's version.
    pub async fn add_method_attachment(
        &self,
        method_id: i64,
        version: i64,
        file_name: &str,
        content_type: &str,
        data: &[u8],
        user_name: &str,
    ) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO knowledge_attachment (method_id, version, file_name, content_type, size_bytes, data, uploaded_by_name, uploaded_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(method_id)
        .bind(version)
        .bind(file_name)
        .bind(content_type)
        .bind(i64::try_from(data.len()).unwrap_or(i64::MAX))
        .bind(data)
        .bind(user_name)
        .bind(now())
        .fetch_one(self.pool())
        .await?)
    }

    /// A method's attachments, without content.
    pub async fn method_attachments(&self, method_id: i64) -> Result<Vec<AttachmentRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, version, file_name, content_type, size_bytes, uploaded_by_name, uploaded_at FROM knowledge_attachment WHERE method_id = $1 ORDER BY id",
        )
        .bind(method_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// One attachment's content type, name and bytes.
    pub async fn method_attachment_data(&self, method_id: i64, id: i64) -> Result<Option<(String, String, Vec<u8>)>, StoreError> {
        Ok(sqlx::query_as("SELECT content_type, file_name, data FROM knowledge_attachment WHERE method_id = $1 AND id = $2")
            .bind(method_id)
            .bind(id)
            .fetch_optional(self.pool())
            .await?)
    }

    /// Adds a comment or question.
    pub async fn add_method_comment(
        &self,
        method_id: i64,
        municipality_code: Option<&str>,
        user_id: i64,
        author_name: &str,
        kind: &str,
        body: &str,
    ) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO knowledge_comment (method_id, municipality_code, user_id, author_name, kind, body, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(method_id)
        .bind(municipality_code)
        .bind(user_id)
        .bind(author_name)
        .bind(kind)
        .bind(body)
        .bind(now())
        .fetch_one(self.pool())
        .await?)
    }

    /// A method's comments, oldest first.
    pub async fn method_comments(&self, method_id: i64) -> Result<Vec<CommentRow>, StoreError> {
        Ok(sqlx::query_as("SELECT id, municipality_code, author_name, kind, body, created_at FROM knowledge_comment WHERE method_id = $1 ORDER BY id")
            .bind(method_id)
            .fetch_all(self.pool())
            .await?)
    }

    /// A user's notifications that belong to no family (the knowledge base's), newest first.
    pub async fn knowledge_notifications(&self, user_id: i64, limit: i64) -> Result<Vec<super::notifications::NotificationRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, family_id, message, created_at, read_at FROM notification WHERE user_id = $1 AND family_id IS NULL ORDER BY id DESC LIMIT $2",
        )
        .bind(user_id)
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }
}

async fn insert_version(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    method_id: i64,
    version: i64,
    f: &MethodFields,
    user_name: &str,
    at: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO knowledge_version (method_id, version, status, title, summary, target_group, life_area, theme, evidence_level, results, contact, created_by_name, updated_at)
         VALUES ($1, $2, 'draft', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(method_id)
    .bind(version)
    .bind(&f.title)
    .bind(&f.summary)
    .bind(&f.target_group)
    .bind(&f.life_area)
    .bind(&f.theme)
    .bind(&f.evidence_level)
    .bind(&f.results)
    .bind(&f.contact)
    .bind(user_name)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
