//! `/api/v1/families/{id}/plan…` and `/api/v1/persons/{id}/schedule`: the plan as the
//! caller may see it (now or on a date), its versions, a comparison of two versions,
//! saving the whole plan or one action, and a person's week with its conflicts.
use super::diff::{Change, compare};
use super::schedule::{self, PersonWeek};
use super::service::{self, Loaded};
use super::{Action, PlanDocument};
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::parse_date;
use crate::error::{ApiError, AppError};
use crate::store::audit::{AuditAction, AuditEntity};
use crate::web::extract::{Path, Query};
use crate::web::json::ApiJson;
use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};

/// A plan as the caller may see it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PlanView {
    /// The family.
    pub family_id: i64,
    /// Version shown; 0 when there is no plan (on that date).
    pub version: i64,
    /// When it was saved.
    pub saved_at: Option<String>,
    /// By whom.
    pub saved_by: Option<String>,
    /// Why.
    pub reason: Option<String>,
    /// Actions consent hides from the caller.
    pub hidden_actions: usize,
    /// The plan.
    pub plan: PlanDocument,
}

/// One version in the history.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct VersionInfo {
    /// Number.
    pub version: i64,
    /// When.
    pub saved_at: String,
    /// Who.
    pub saved_by: String,
    /// Why.
    pub reason: String,
}

fn view(l: &Loaded) -> PlanView {
    PlanView {
        family_id: l.family.id,
        version: l.number(),
        saved_at: l.version.as_ref().map(|v| v.saved_at.clone()),
        saved_by: l.version.as_ref().map(|v| v.saved_by_name.clone()),
        reason: l.version.as_ref().map(|v| v.reason.clone()),
        hidden_actions: l.hidden,
        plan: l.visible.clone(),
    }
}

/// `?date=YYYY-MM-DD`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct AsOf {
    /// Show the plan as it stood at the end of this day.
    #[serde(default)]
    #[param(format = Date)]
    pub date: Option<String>,
}

/// The family's plan, now or as it stood on a date.
#[utoipa::path(get, path = "/api/v1/families/{id}/plan", tag = "plans", params(("id" = i64, Path), AsOf),
    responses((status = 200, body = PlanView), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn show(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Query(q): Query<AsOf>,
) -> Result<Json<PlanView>, ApiError> {
    let date = q.date.as_deref().map(|d| parse_date("date", d).map(|d| d.to_string())).transpose()?;
    let loaded = service::load(&state, &actor, id, date.as_deref()).await?;
    record(&state, loaded.read_events(&meta, &actor, "helhedsplan (API)")).await?;
    Ok(Json(view(&loaded)))
}

/// Every version of the plan, newest first.
#[utoipa::path(get, path = "/api/v1/families/{id}/plan/versions", tag = "plans", params(("id" = i64, Path)),
    params(crate::web::paging::PageParams),
    responses((status = 200, body = Vec<VersionInfo>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn versions(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    paging: crate::web::paging::Paging,
) -> Result<crate::web::paging::Page<VersionInfo>, ApiError> {
    let access = actor.person_access(&state.store).await?;
    access.family(&state.store, id).await?;
    let rows = state.store.plan_versions(access.tenant(), id).await?;
    record(&state, vec![meta.event(&actor, AuditAction::Read, AuditEntity::FamilyPlan, Some(id), "versionshistorik (API)")]).await?;
    Ok(paging.slice(rows.into_iter().map(|v| VersionInfo { version: v.version, saved_at: v.saved_at, saved_by: v.saved_by_name, reason: v.reason }).collect()))
}

/// `?from=N&to=M`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct CompareParams {
    /// The older version.
    #[param(minimum = 1)]
    pub from: i64,
    /// The newer version.
    #[param(minimum = 1)]
    pub to: i64,
}

/// The differences between two versions, as far as the caller may see them.
#[utoipa::path(get, path = "/api/v1/families/{id}/plan/compare", tag = "plans", params(("id" = i64, Path), CompareParams, crate::web::paging::PageParams),
    responses((status = 200, body = Vec<Change>), (status = 404, body = crate::error::Problem)))]
pub async fn compare_versions(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    paging: crate::web::paging::Paging,
    Query(q): Query<CompareParams>,
) -> Result<crate::web::paging::Page<Change>, ApiError> {
    let loaded = service::load(&state, &actor, id, None).await?;
    let changes = diff_between(&state, &loaded, q.from, q.to).await?;
    record(
        &state,
        vec![meta.event(&actor, AuditAction::Read, AuditEntity::FamilyPlan, Some(id), format!("sammenligning af version {} og {} (API)", q.from, q.to))],
    )
    .await?;
    Ok(paging.slice(changes))
}

/// The changes from version `from` to `to` of the loaded family, filtered for its viewer.
pub async fn diff_between(state: &AppState, l: &Loaded, from: i64, to: i64) -> Result<Vec<Change>, AppError> {
    // A version that does not exist is a thing not found (404), not a bad parameter.
    let get = |n: i64, field: &'static str| async move {
        let row = state.store.plan_version(&l.tenant, l.family.id, n).await?;
        row.map(|r| l.viewer.filter(&PlanDocument::from_json(&r.document)).0).ok_or(AppError::NotFound(field))
    };
    let (old, new) = (get(from, "versionen i «from»").await?, get(to, "versionen i «to»").await?);
    let name =
        |id: i64| l.members.iter().find(|m| m.id == id).map_or_else(|| "et familiemedlem".to_string(), |m| format!("{} {}", m.given_name, m.family_name));
    let mut changes = compare(&old, &new);
    for c in &mut changes {
        c.sentences = super::diff_text::sentences(&old, &new, c, &name);
    }
    Ok(changes)
}

/// A whole plan to save.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanInput {
    /// The version this change was made from (0 for a new plan).
    pub based_on_version: i64,
    /// Why the plan changes.
    #[schema(pattern = r"\S")]
    pub reason: String,
    /// The plan.
    pub plan: PlanDocument,
}

/// Save the whole plan as a new version (coordinators and caseworkers).
#[utoipa::path(put, path = "/api/v1/families/{id}/plan", tag = "plans", params(("id" = i64, Path)), request_body = PlanInput,
    responses((status = 200, body = PlanView), (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn save(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<PlanInput>, ApiError>,
) -> Result<Json<PlanView>, ApiError> {
    let loaded = service::load(&state, &actor, id, None).await?;
    actor.person_writer()?;
    let ApiJson(input) = body?;
    service::save_whole(&state, &actor, &meta, &loaded, input.based_on_version, input.plan, &input.reason).await?;
    let after = service::load(&state, &actor, id, None).await?;
    Ok(Json(view(&after)))
}

/// An earlier version to restore.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RestoreInput {
    /// The version this change was made from (the newest, as the caller saw it).
    #[serde(default)]
    pub based_on_version: i64,
    /// The earlier version to restore (required).
    #[serde(default)]
    #[schema(required = true, minimum = 1)]
    pub version: i64,
    /// Why it is restored (required).
    #[serde(default)]
    #[schema(required = true, pattern = r"\S")]
    pub reason: String,
}

/// Restore an earlier version as a new version (coordinators and caseworkers), through
/// the same save as `PUT …/plan`: the reason is required, and a version made from an
/// older version than the newest is refused (409). Restoring what the plan already is
/// stores nothing.
#[utoipa::path(post, path = "/api/v1/families/{id}/plan/restore", tag = "plans", params(("id" = i64, Path)), request_body = RestoreInput,
    responses((status = 200, description = "The plan after the restore", body = PlanView),
        (status = 400, body = crate::error::Problem), (status = 401, body = crate::error::Problem),
        (status = 403, description = "Only coordinators and caseworkers save the whole plan", body = crate::error::Problem),
        (status = 404, description = "No such family, or no such version", body = crate::error::Problem),
        (status = 409, description = "The plan has changed since `based_on_version`", body = crate::error::Problem),
        (status = 415, body = crate::error::Problem),
        (status = 422, description = "`reason` is missing, or the version no longer fits the family; the problem names the field", body = crate::error::Problem)))]
pub async fn restore(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<RestoreInput>, ApiError>,
) -> Result<Json<PlanView>, ApiError> {
    let loaded = service::load(&state, &actor, id, None).await?;
    actor.person_writer()?;
    let ApiJson(input) = body?;
    service::restore(&state, &actor, &meta, &loaded, input.based_on_version, input.version, &input.reason).await?;
    let after = service::load(&state, &actor, id, None).await?;
    record(&state, after.read_events(&meta, &actor, "helhedsplan efter gendannelse (API)")).await?;
    Ok(Json(view(&after)))
}

/// One action to add or change.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionInput {
    /// The version this change was made from.
    pub based_on_version: i64,
    /// Why.
    pub reason: String,
    /// The goal the action belongs to.
    pub goal_id: i64,
    /// The action (its id is taken from the path when changing).
    pub action: Action,
}

/// Add an action to a goal (department staff: for their own department).
#[utoipa::path(post, path = "/api/v1/families/{id}/plan/actions", tag = "plans", params(("id" = i64, Path)), request_body = ActionInput,
    responses((status = 200, body = PlanView), (status = 403, body = crate::error::Problem),
        (status = 409, description = "The plan has changed since `based_on_version`", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn add_action(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<ActionInput>, ApiError>,
) -> Result<Json<PlanView>, ApiError> {
    put(&state, &actor, &meta, id, 0, body).await
}

/// Change an action (department staff: their own department's).
#[utoipa::path(put, path = "/api/v1/families/{id}/plan/actions/{action_id}", tag = "plans", params(("id" = i64, Path), ("action_id" = i64, Path)), request_body = ActionInput,
    responses((status = 200, body = PlanView), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 409, description = "The plan has changed since `based_on_version`", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn change_action(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((id, action_id)): Path<(i64, i64)>,
    body: Result<ApiJson<ActionInput>, ApiError>,
) -> Result<Json<PlanView>, ApiError> {
    // Ids are positive; 0 would mean a new action, which is `add_action`'s.
    if action_id <= 0 {
        return Err(AppError::NotFound("indsatsen").into());
    }
    put(&state, &actor, &meta, id, action_id, body).await
}

/// Adds (`action_id` 0) or changes an action, once the caller may read the plan and
/// change some of its actions; only then is the body read (decision 003).
async fn put(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    action_id: i64,
    body: Result<ApiJson<ActionInput>, ApiError>,
) -> Result<Json<PlanView>, ApiError> {
    let loaded = service::load(state, actor, id, None).await?;
    if !loaded.viewer.may_change_some(actor) {
        return Err(AppError::Forbidden("du kan kun oprette og ændre indsatser for din egen afdeling".into()).into());
    }
    if action_id > 0 {
        let (goal, old) = loaded.full.action(action_id).ok_or(AppError::NotFound("indsatsen"))?;
        if !loaded.viewer.sees(goal, old) {
            return Err(AppError::NotFound("indsatsen").into());
        }
        if !loaded.viewer.may_change(actor, &old.department) {
            return Err(AppError::Forbidden("du kan kun oprette og ændre indsatser for din egen afdeling".into()).into());
        }
    }
    let ApiJson(mut input) = body?;
    input.action.id = action_id;
    service::put_action(state, actor, meta, &loaded, input.based_on_version, input.goal_id, input.action, &input.reason).await?;
    let after = service::load(state, actor, id, None).await?;
    record(state, after.read_events(meta, actor, "helhedsplan efter ændring (API)")).await?;
    Ok(Json(view(&after)))
}

/// `?week=YYYY-Www`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct WeekParam {
    /// ISO week, e.g. `2026-W48`; the current week when missing.
    #[serde(default)]
    #[param(pattern = r"^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-2])$")]
    pub week: Option<String>,
}

/// A person's week from every action the caller may see, with conflicts.
#[utoipa::path(get, path = "/api/v1/persons/{id}/schedule", tag = "plans", params(("id" = i64, Path), WeekParam),
    responses((status = 200, body = PersonWeek), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn person_schedule(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Query(q): Query<WeekParam>,
) -> Result<Json<PersonWeek>, ApiError> {
    let access = actor.person_access(&state.store).await?;
    let monday = match q.week.as_deref() {
        Some(w) => schedule::parse_week(w)?,
        None => schedule::parse_week(&schedule::week_of(chrono::Local::now().date_naive()))?,
    };
    let person = access.person(&state.store, id).await?;
    let maximum = state.store.max_weekly_hours(access.tenant()).await?.unwrap_or(schedule::DEFAULT_MAX_WEEKLY_HOURS);
    let week = match person.family_id {
        Some(fid) => {
            let l = service::load(&state, &actor, fid, None).await?;
            let (full, visible) = crate::danish_education::week::with_du_hours(&state.store, access.tenant(), &l.members, &l.full, &l.visible, monday).await?;
            let duty = schedule::Duty::of_family(&state.store, access.tenant(), fid).await?;
            schedule::family_week(&full, &visible, &l.members, &l.places, monday, maximum, &duty).into_iter().find(|w| w.person_id == id)
        }
        None => None,
    };
    let week = match week {
        Some(w) => w,
        None => {
            let empty = PlanDocument::default();
            let members = std::slice::from_ref(&person);
            let (full, visible) = crate::danish_education::week::with_du_hours(&state.store, access.tenant(), members, &empty, &empty, monday).await?;
            let duty = schedule::Duty {
                reductions: state.store.work_duty_reductions(access.tenant(), id).await?,
                ..schedule::Duty::of_municipality(&state.store, access.tenant(), monday).await?
            };
            schedule::family_week(&full, &visible, members, &[], monday, maximum, &duty).remove(0)
        }
    };
    record(&state, vec![meta.event(&actor, AuditAction::Read, AuditEntity::Person, Some(id), format!("ugeskema {} (API)", schedule::week_of(monday)))]).await?;
    Ok(Json(week))
}
