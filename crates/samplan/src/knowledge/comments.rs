//! Experience exchange: staff of any municipality (and the secretariat) comment on or ask
//! about a published method; the author municipality is notified.
use super::municipality_name;
use super::service::{self, notify_author};
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::FieldError;
use crate::error::AppError;
use crate::store::audit::{AuditAction, AuditEntity};

/// The kinds of contribution, with Danish labels.
pub const KINDS: [(&str, &str); 2] = [("comment", "Kommentar"), ("question", "Spørgsmål")];

/// A comment or question as submitted.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
pub struct CommentInput {
    /// comment or question.
    #[serde(default)]
    #[schema(required = true, pattern = "^(comment|question)$")]
    pub kind: String,
    /// The text (at most 4000 characters).
    #[serde(default)]
    #[schema(required = true, pattern = r"\S", max_length = 4000)]
    pub body: String,
}

/// Adds a comment or question to a published method and notifies its municipality.
pub async fn add(state: &AppState, actor: &Actor, meta: &RequestMeta, id: i64, input: &CommentInput) -> Result<i64, AppError> {
    let mut errors = Vec::new();
    let kind = KINDS.iter().find(|(code, _)| *code == input.kind.trim());
    if kind.is_none() {
        errors.push(FieldError::new("kind", "vælg comment (kommentar) eller question (spørgsmål)"));
    }
    let body = input.body.trim();
    if body.is_empty() {
        errors.push(FieldError::new("body", "skal udfyldes"));
    } else if body.chars().count() > 4000 {
        errors.push(FieldError::new("body", "må højst have 4000 tegn"));
    }
    let Some((kind, kind_label)) = kind.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let loaded = service::load(state, actor, id).await?;
    let Some(published) = loaded.published().cloned() else {
        return Err(AppError::WrongState("der kan kun kommenteres på offentliggjorte metoder".into()));
    };
    let comment = state.store.add_method_comment(id, actor.municipality(), actor.user.id, &actor.user.display_name, kind, body).await?;
    record(state, vec![meta.event(actor, AuditAction::Create, AuditEntity::KnowledgeComment, Some(id), format!("{kind_label} {comment}"))]).await?;
    let from = actor.municipality().map_or_else(|| "Det nationale sekretariat".to_string(), municipality_name);
    let message = format!("{kind_label} til «{}» fra {} ({}): {}", published.title, actor.user.display_name, from, shorten(body, 300));
    notify_author(state, actor, &loaded.method, &format!("Hvad virker: {} til «{}»", kind_label.to_lowercase(), published.title), &message).await?;
    Ok(comment)
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max { text.to_string() } else { format!("{}…", text.chars().take(max).collect::<String>()) }
}
