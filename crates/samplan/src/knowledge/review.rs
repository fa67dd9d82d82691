//! The national secretariat's review: the queue of submitted versions and the decision
//! on one (approve and publish, ask for changes with a comment, reject with a reason).
//! Publishing puts the version in the search index at once and tells the author
//! municipality; so does every other decision.
use super::reviewer;
use super::service::{self, notify_author};
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::FieldError;
use crate::error::AppError;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::knowledge::ListedVersion;

/// The decisions, each recorded as the audit action of the same text (`approve`,
/// `request_changes`, `reject`), with their Danish labels.
pub const DECISIONS: [(AuditAction, &str); 3] =
    [(AuditAction::Approve, "Godkend og offentliggør"), (AuditAction::RequestChanges, "Bed om ændringer"), (AuditAction::Reject, "Afvis")];

/// A decision as submitted.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = ReviewDecisionInput)]
pub struct DecisionInput {
    /// The version decided on (must be the one waiting for review).
    pub version: i64,
    /// approve, request_changes or reject.
    #[serde(default)]
    pub decision: String,
    /// What to change, or why it is rejected (required for those two); optional on approval.
    #[serde(default)]
    pub comment: String,
}

impl DecisionInput {
    fn check(&self) -> Result<(AuditAction, String), Vec<FieldError>> {
        let mut errors = Vec::new();
        let decision = DECISIONS.iter().map(|(d, _)| *d).find(|d| d.as_str() == self.decision.trim());
        if decision.is_none() {
            errors.push(FieldError::new("decision", "vælg en afgørelse: approve (godkend), request_changes (bed om ændringer) eller reject (afvis)"));
        }
        let comment = self.comment.trim().to_string();
        if comment.chars().count() > 4000 {
            errors.push(FieldError::new("comment", "må højst have 4000 tegn"));
        }
        match decision {
            Some(AuditAction::RequestChanges) if comment.is_empty() => {
                errors.push(FieldError::new("comment", "skal udfyldes: skriv, hvad kommunen skal ændre"))
            }
            Some(AuditAction::Reject) if comment.is_empty() => errors.push(FieldError::new("comment", "skal udfyldes: skriv begrundelsen for afvisningen")),
            _ => {}
        }
        match decision {
            Some(d) if errors.is_empty() => Ok((d, comment)),
            _ => Err(errors),
        }
    }
}

/// Records a decision on a submitted version.
pub async fn decide(state: &AppState, actor: &Actor, meta: &RequestMeta, id: i64, input: &DecisionInput) -> Result<(), AppError> {
    reviewer(actor)?;
    let (decision, comment) = input.check().map_err(AppError::Invalid)?;
    let loaded = service::load(state, actor, id).await?;
    let Some(version) = loaded.version(input.version).cloned() else {
        return Err(AppError::Invalid(vec![FieldError::new("version", format!("metoden har ingen version {}", input.version))]));
    };
    if !state.store.review_method_version(id, version.version, decision.as_str(), &comment, actor.user.id, &actor.user.display_name).await? {
        return Err(AppError::WrongState(format!(
            "version {} venter ikke på gennemgang (status «{}»)",
            version.version,
            super::label("status", &version.status)
        )));
    }
    record(state, vec![meta.event(actor, decision, AuditEntity::KnowledgeMethod, Some(id), format!("version {}: {comment}", version.version))]).await?;
    let label = DECISIONS.iter().find(|(c, _)| *c == decision).map_or("", |(_, l)| *l);
    if decision == AuditAction::Approve {
        let mut published = version.clone();
        published.status = "published".into();
        state.knowledge.published(&state.store, &ListedVersion { municipality_code: loaded.method.municipality_code.clone(), version: published }).await?;
    }
    let outcome = match decision {
        AuditAction::Approve => "er godkendt og offentliggjort".to_string(),
        AuditAction::RequestChanges => format!("skal ændres: {comment}"),
        _ => format!("er afvist: {comment}"),
    };
    let message = format!("Metoden «{}» (version {}) {outcome} — sekretariatet ({}).", version.title, version.version, actor.user.display_name);
    notify_author(state, actor, &loaded.method, &format!("Hvad virker: {label}"), &message).await?;
    Ok(())
}
