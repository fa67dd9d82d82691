//! The coordinator's overview: the families whose plan they coordinate, each with its
//! open conflicts this week, upcoming deadlines and the last contact date, and their
//! notifications. Deadlines come from the deadline module through `deadlines_hook`,
//! which answers nothing until that module offers a per-family query.
use super::schedule::{self, Conflict};
use super::service;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::store::notifications::NotificationRow;
use crate::web::AppState;
use crate::web::error::{ApiError, AppError, PageError};
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// One family in the overview.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FamilyLine {
    /// The family.
    pub family_id: i64,
    /// Its name.
    pub name: String,
    /// Current plan version.
    pub version: i64,
    /// Open conflicts in the current week.
    pub conflicts: Vec<Conflict>,
    /// Upcoming deadlines ("ISO date title"); `None` while the deadline module offers none.
    pub deadlines: Option<Vec<String>>,
    /// Last contact: the last time the plan was changed (ISO date).
    pub last_contact: String,
}

/// Upcoming deadlines of a family's members. The deadline module is built separately;
/// until it offers a per-family query this answers `None` and the column says so.
pub async fn deadlines_hook(_state: &AppState, _municipality: &str, _family_id: i64) -> Option<Vec<String>> {
    None
}

/// The caller's families with conflicts first.
pub async fn lines(state: &AppState, actor: &Actor, meta: &RequestMeta) -> Result<Vec<FamilyLine>, AppError> {
    let tenant = actor.person_reader()?;
    let today = chrono::Local::now().date_naive();
    let monday = schedule::parse_week(&schedule::week_of(today)).map_err(AppError::from)?;
    let maximum = state.store.max_weekly_hours(tenant.code()).await?.unwrap_or(schedule::DEFAULT_MAX_WEEKLY_HOURS);
    let mut out = Vec::new();
    let mut events = Vec::new();
    for v in state.store.plans_coordinated_by(tenant.code(), actor.user.id).await? {
        let l = service::load(state, actor, v.family_id, None).await?;
        let conflicts = schedule::family_week(&l.full, &l.visible, &l.members, monday, maximum).into_iter().flat_map(|w| w.conflicts).collect();
        events.push(meta.event(actor, "read", "family_plan", Some(v.family_id), "koordinatoroversigt"));
        out.push(FamilyLine {
            family_id: v.family_id,
            name: l.family.name.clone(),
            version: v.version,
            conflicts,
            deadlines: deadlines_hook(state, tenant.code(), v.family_id).await,
            last_contact: v.saved_at.chars().take(10).collect(),
        });
    }
    record(state, events).await?;
    out.sort_by(|a, b| (a.conflicts.is_empty(), &a.name).cmp(&(b.conflicts.is_empty(), &b.name)));
    Ok(out)
}

/// The caller's families as coordinator, with open conflicts this week.
#[utoipa::path(get, path = "/api/v1/coordinator/families", tag = "plans", responses((status = 200, body = Vec<FamilyLine>)))]
pub async fn api(State(state): State<AppState>, actor: Actor, meta: RequestMeta) -> Result<Json<Vec<FamilyLine>>, ApiError> {
    Ok(Json(lines(&state, &actor, &meta).await?))
}

/// The overview page.
#[derive(Template)]
#[template(path = "plans/overview.html")]
pub struct OverviewPage {
    chrome: Chrome,
    families: Vec<FamilyLine>,
    notifications: Vec<NotificationRow>,
    week: String,
}

/// GET /koordinator
pub async fn page(State(state): State<AppState>, actor: Actor, meta: RequestMeta) -> Result<Response, PageError> {
    let tenant = actor.person_reader()?;
    let families = lines(&state, &actor, &meta).await?;
    let notifications = state.store.notifications(tenant.code(), actor.user.id, 50).await?;
    let week = schedule::week_of(chrono::Local::now().date_naive());
    let view = OverviewPage { chrome: Chrome::new(&state, &actor, "koordinering"), families, notifications, week };
    Ok(render(&view).into_response())
}
