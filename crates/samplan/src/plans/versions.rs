//! The plan's version history (`/familier/{id}/plan/versioner`): every version with who
//! saved it and why, a comparison of two versions told in Danish sentences, and
//! restoring an earlier version as a new version with a reason (coordinators and
//! caseworkers), through the plan's one save path.
use super::diff::Change;
use super::service::{self, Loaded};
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::FieldError;
use crate::error::{AppError, PageError};
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::plans::PlanVersionRow;
use crate::web::extract::{Path, Query};
use crate::web::notice::{Notice, after};
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// The version history.
#[derive(Template)]
#[template(path = "plans/versions.html")]
pub struct VersionsPage {
    chrome: Chrome,
    family_id: i64,
    family_name: String,
    versions: Vec<PlanVersionRow>,
    from: i64,
    to: i64,
    changes: Option<Vec<Change>>,
    /// Whether the viewer may restore a version (the plan's owners who write).
    can_restore: bool,
    /// The restore form as typed (or blank).
    restore: RestoreForm,
    errors: Vec<FieldError>,
}

impl VersionsPage {
    fn day<'a>(&self, at: &'a str) -> &'a str {
        at.get(..10).unwrap_or(at)
    }

    fn newest(&self) -> i64 {
        self.versions.first().map_or(0, |v| v.version)
    }

    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.reason.as_str())
    }
}

/// `?fra=N&til=M`.
#[derive(Debug, Deserialize)]
pub struct CompareParams {
    #[serde(default)]
    fra: Option<i64>,
    #[serde(default)]
    til: Option<i64>,
}

/// The restore form's fields.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RestoreForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    based_on_version: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    reason: String,
}

async fn page(
    state: &AppState,
    actor: &Actor,
    l: &Loaded,
    compare: Option<(i64, i64)>,
    restore: RestoreForm,
    errors: Vec<FieldError>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let versions = state.store.plan_versions(&l.tenant, l.family.id).await?;
    let newest = versions.first().map_or(0, |v| v.version);
    let (from, to) = compare.unwrap_or(((newest - 1).max(1), newest));
    let changes = match compare {
        Some((from, to)) => Some(super::api::diff_between(state, l, from, to).await?),
        None => None,
    };
    let page = VersionsPage {
        chrome: Chrome::new(state, actor, "familier"),
        family_id: l.family.id,
        family_name: l.family.name.clone(),
        versions,
        from,
        to,
        changes,
        can_restore: l.viewer.is_owner() && actor.role.writes_persons(),
        restore,
        errors,
    };
    Ok((status, render(&page)).into_response())
}

/// GET /familier/{id}/plan/versioner
pub async fn versions(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Query(q): Query<CompareParams>,
) -> Result<Response, PageError> {
    let l = service::load(&state, &actor, id, None).await?;
    record(&state, vec![meta.event(&actor, AuditAction::Read, AuditEntity::FamilyPlan, Some(id), "versionshistorik")]).await?;
    page(&state, &actor, &l, q.fra.zip(q.til), RestoreForm::default(), Vec::new(), StatusCode::OK).await
}

/// POST /familier/{id}/plan/versioner/gendan: an earlier version saved again as the
/// newest, with a reason; then the history shows what the restore changed.
pub async fn restore(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<RestoreForm>,
) -> Result<Response, PageError> {
    actor.check_csrf(&form.csrf)?;
    actor.person_writer()?;
    let l = service::load(&state, &actor, id, None).await?;
    let based_on = form.based_on_version.trim().parse::<i64>().unwrap_or(-1);
    let Ok(version) = form.version.trim().parse::<i64>() else {
        let error = FieldError::new("version", "vælg den version, der skal gendannes");
        return page(&state, &actor, &l, None, form, vec![error], StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    match service::restore(&state, &actor, &meta, &l, based_on, version, &form.reason).await {
        Ok(new) if new == l.number() => Ok(after(Notice::Unchanged, &format!("/familier/{id}/plan/versioner"))),
        Ok(new) => Ok(after(Notice::Saved, &format!("/familier/{id}/plan/versioner?fra={}&til={new}#aendringer", l.number()))),
        Err(AppError::Invalid(errors)) => page(&state, &actor, &l, None, form, errors, StatusCode::UNPROCESSABLE_ENTITY).await,
        Err(AppError::NotFound(_)) => {
            let error = FieldError::new("version", format!("planen har ingen version {version}"));
            page(&state, &actor, &l, None, form, vec![error], StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(AppError::Conflict(_)) => {
            let error = FieldError::new(
                "based_on_version",
                format!("planen er gemt igen, siden du åbnede siden (nu version {}); se den nyeste version og gendan igen", l.number()),
            );
            let fresh = RestoreForm { based_on_version: l.number().to_string(), ..form };
            page(&state, &actor, &l, None, fresh, vec![error], StatusCode::CONFLICT).await
        }
        Err(e) => Err(e.into()),
    }
}
