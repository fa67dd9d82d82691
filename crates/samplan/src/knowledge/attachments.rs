//! Attachments to a method (reports, folders, figures): stored in the database with the
//! version they were added to, at most 5 MB, and only of a few kinds whose content is
//! checked — the declared type and the file name must agree with the bytes.
use super::service::{self, Loaded};
use super::{drafter, is_author, may_see};
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::FieldError;
use crate::error::AppError;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::knowledge::EDITABLE;
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// Largest attachment.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;

/// The request body limit of the upload routes: room for the largest file and the form
/// around it, so that a file just over the limit gets the Danish error naming the field.
pub const UPLOAD_LIMIT: usize = MAX_BYTES + 1024 * 1024;

/// An accepted kind: content type, file name endings, and a check of the bytes.
type Kind = (&'static str, &'static [&'static str], fn(&[u8]) -> bool);

/// The kinds accepted.
const KINDS: &[Kind] = &[
    ("application/pdf", &["pdf"], |b| b.starts_with(b"%PDF-")),
    ("image/png", &["png"], |b| b.starts_with(b"\x89PNG\r\n\x1a\n")),
    ("image/jpeg", &["jpg", "jpeg"], |b| b.starts_with(&[0xFF, 0xD8, 0xFF])),
    ("text/plain", &["txt"], is_text),
    ("text/csv", &["csv"], is_text),
];

fn is_text(b: &[u8]) -> bool {
    std::str::from_utf8(b).is_ok_and(|s| !s.contains('\0'))
}

/// Checks an upload; returns the cleaned file name and the content type to store.
/// `declared` is the content type the client sent, if any.
pub fn check(file_name: &str, declared: Option<&str>, data: &[u8]) -> Result<(String, &'static str), FieldError> {
    let name: String = file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | ';'))
        .collect::<String>()
        .trim()
        .to_string();
    if name.is_empty() {
        return Err(FieldError::new("file", "vælg en fil"));
    }
    if name.chars().count() > 200 {
        return Err(FieldError::new("file", "filnavnet må højst have 200 tegn"));
    }
    if data.is_empty() {
        return Err(FieldError::new("file", "filen er tom"));
    }
    if data.len() > MAX_BYTES {
        return Err(FieldError::new("file", format!("filen fylder {:.1} MB; højst 5 MB", data.len() as f64 / 1_048_576.0)));
    }
    let ending = name.rsplit_once('.').map(|(_, e)| e.to_lowercase()).unwrap_or_default();
    let Some((content_type, _, matches)) = KINDS.iter().find(|(_, endings, _)| endings.contains(&ending.as_str())) else {
        return Err(FieldError::new("file", "kun PDF, PNG, JPEG, tekst (.txt) og CSV kan vedhæftes"));
    };
    if !matches(data) {
        return Err(FieldError::new("file", format!("indholdet er ikke en gyldig {} fil, selv om navnet ender på .{ending}", ending.to_uppercase())));
    }
    let declared = declared.map(|d| d.split(';').next().unwrap_or_default().trim().to_lowercase()).filter(|d| !d.is_empty() && d != "application/octet-stream");
    if let Some(d) = declared {
        let same_text = d.starts_with("text/") && content_type.starts_with("text/");
        if d != *content_type && !same_text && !(d == "image/jpg" && *content_type == "image/jpeg") {
            return Err(FieldError::new("file", format!("filtypen {d} passer ikke til indholdet ({content_type})")));
        }
    }
    Ok((name, content_type))
}

/// Adds an attachment to the newest version while the municipality may still change it.
pub async fn add(state: &AppState, actor: &Actor, meta: &RequestMeta, id: i64, file_name: &str, declared: Option<&str>, data: &[u8]) -> Result<i64, AppError> {
    drafter(actor)?;
    let loaded = service::load(state, actor, id).await?;
    if !is_author(actor, &loaded.method) {
        return Err(AppError::Forbidden("metoden tilhører en anden kommune; kun den kan tilføje bilag".into()));
    }
    let latest = loaded.latest();
    if !EDITABLE.contains(&latest.status.as_str()) {
        return Err(AppError::WrongState(format!(
            "bilag kan kun tilføjes en kladde; version {} har status «{}» — start en ny version",
            latest.version,
            super::label("status", &latest.status)
        )));
    }
    let (name, content_type) = check(file_name, declared, data)?;
    let attachment = state.store.add_method_attachment(id, latest.version, &name, content_type, data, &actor.user.display_name).await?;
    record(
        state,
        vec![meta.event(
            actor,
            AuditAction::Create,
            AuditEntity::KnowledgeAttachment,
            Some(id),
            format!("bilag {attachment} «{name}» ({content_type}, {} byte) til version {}", data.len(), latest.version),
        )],
    )
    .await?;
    Ok(attachment)
}

/// An attachment as a download, when the actor may see the version it belongs to.
pub async fn download(state: &AppState, actor: &Actor, id: i64, attachment: i64) -> Result<Response, AppError> {
    let loaded: Loaded = service::load(state, actor, id).await?;
    let rows = state.store.method_attachments(id).await?;
    let row = rows.iter().find(|a| a.id == attachment).ok_or(AppError::NotFound("bilaget"))?;
    let visible = state.store.method_versions(id).await?.iter().any(|v| v.version == row.version && may_see(actor, &loaded.method, v));
    if !visible {
        return Err(AppError::NotFound("bilaget"));
    }
    let (content_type, name, data) = state.store.method_attachment_data(id, attachment).await?.ok_or(AppError::NotFound("bilaget"))?;
    let ascii: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' }).collect();
    let disposition = format!("attachment; filename=\"{ascii}\"");
    Ok(([(header::CONTENT_TYPE, content_type), (header::CONTENT_DISPOSITION, disposition)], data).into_response())
}
