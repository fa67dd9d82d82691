//! Notifications: when one department changes actions in a family's plan, the family's
//! coordinator and the responsible staff of the other departments' actions get an
//! in-app notification and, when they have an e-mail address, a mail in the outbox.
//! `mail` sends the outbox by SMTP when a relay is configured.
//! Messages name the family and the department, never the action, so they reveal
//! nothing that consent does not share.
use super::PlanDocument;
use super::service::Loaded;
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::DepartmentKind;
use crate::error::{ApiError, AppError, PageError};
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::notifications::NotificationRow;
use crate::store::unit::Unit;
use crate::web::extract::Path;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::BTreeSet;

/// Who is told about a change of a plan, worked out before the version is stored (the
/// recipients are read outside the change's unit of work).
pub struct Notice {
    /// Each recipient's user id and e-mail address, if any.
    recipients: Vec<(i64, Option<String>)>,
    /// The Danish names of the departments whose actions changed.
    departments: Vec<&'static str>,
}

/// The notice for a change from `old` to `new`, or `None` when no action changed.
pub async fn prepare(state: &AppState, actor: &Actor, loaded: &Loaded, old: &PlanDocument, new: &PlanDocument) -> Result<Option<Notice>, AppError> {
    let changed: Vec<i64> = super::diff::compare(old, new).into_iter().filter(|c| c.item == "action").map(|c| c.id).collect();
    if changed.is_empty() {
        return Ok(None);
    }
    let departments: BTreeSet<String> =
        changed.iter().flat_map(|id| old.action(*id).into_iter().chain(new.action(*id)).map(|(_, a)| a.department.clone())).collect();
    let mut ids: BTreeSet<i64> = new.coordinator_user_id.into_iter().collect();
    ids.extend(new.actions().filter(|(_, a)| !departments.contains(&a.department)).filter_map(|(_, a)| a.responsible_user_id));
    ids.remove(&actor.user.id);
    let mut recipients = Vec::new();
    for id in ids {
        let Some(user) = state.store.user_by_id(id).await? else { continue };
        if user.municipality_code.as_deref() != Some(loaded.tenant.code()) || user.active != 1 {
            continue;
        }
        recipients.push((id, user.email));
    }
    let departments = departments.iter().map(|d| DepartmentKind::parse(d).map(|k| k.label()).unwrap_or("En afdeling")).collect();
    Ok(Some(Notice { recipients, departments }))
}

impl Notice {
    /// Notifies every recipient of `version`, and queues their mails, in the unit of work
    /// that stores the version.
    pub async fn queue(&self, unit: &mut Unit, actor: &Actor, loaded: &Loaded, version: i64) -> Result<(), AppError> {
        let message = format!(
            "{} har ændret indsatser i helhedsplanen for {} (version {version}, af {}).",
            self.departments.join(" og "),
            loaded.family.name,
            actor.user.display_name
        );
        let subject = format!("Helhedsplan ændret: {}", loaded.family.name);
        for (id, email) in &self.recipients {
            let email = email.as_deref().map(|a| (a, subject.as_str()));
            unit.notify(&loaded.tenant, *id, Some(loaded.family.id), &message, email).await?;
        }
        Ok(())
    }
}

/// The caller's notifications.
#[utoipa::path(get, path = "/api/v1/notifications", tag = "plans", params(crate::web::paging::PageParams),
    responses((status = 200, body = Vec<NotificationRow>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))),
        (status = 422, body = crate::error::Problem)))]
pub async fn list(
    State(state): State<AppState>,
    actor: Actor,
    paging: crate::web::paging::Paging,
) -> Result<crate::web::paging::Page<NotificationRow>, ApiError> {
    let access = actor.person_access(&state.store).await?;
    Ok(paging.page(state.store.notifications_page(access.tenant(), access.reach(), actor.user.id, paging.fetch(), paging.offset()).await?))
}

/// Marks one of the caller's notifications read.
#[utoipa::path(post, path = "/api/v1/notifications/{id}/read", tag = "plans", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = crate::error::Problem)))]
pub async fn mark_read(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>) -> Result<axum::http::StatusCode, ApiError> {
    let tenant = actor.person_reader()?;
    if !state.store.mark_notification_read(&tenant, actor.user.id, id).await? {
        return Err(AppError::NotFound("den ulæste notifikation").into());
    }
    record(&state, vec![meta.event(&actor, AuditAction::Update, AuditEntity::Notification, Some(id), "markeret som læst")]).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

/// The mark-read form.
#[derive(Debug, serde::Deserialize)]
pub struct ReadForm {
    #[serde(default)]
    csrf: String,
}

/// POST /notifikationer/{id}/laest
pub async fn mark_read_form(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    axum::Form(form): axum::Form<ReadForm>,
) -> Result<Response, PageError> {
    let tenant = actor.person_reader()?;
    actor.check_csrf(&form.csrf)?;
    if !state.store.mark_notification_read(&tenant, actor.user.id, id).await? {
        return Err(AppError::NotFound("den ulæste notifikation").into());
    }
    record(&state, vec![meta.event(&actor, AuditAction::Update, AuditEntity::Notification, Some(id), "markeret som læst")]).await?;
    Ok(Redirect::to("/koordinator#notifikationer").into_response())
}
