//! `/api/v1/indicators…`, `/api/v1/goals` and `/api/v1/partnerships`: the same
//! definitions, suppressed comparisons and goals as the pages, as JSON.
use super::GoalInput;
use super::pages::{ComparisonQuery, comparison_for};
use super::service::{self, Comparison, GoalView, IndicatorView};
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::Role;
use crate::error::{ApiError, AppError};
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::goals::{GoalRow, MemberRow, PartnershipRow};
use crate::web::extract::{Path, Query};
use crate::web::json::ApiJson;
use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};

/// Every shipped indicator.
#[utoipa::path(get, path = "/api/v1/indicators", tag = "indicators", params(crate::web::paging::PageParams),
    responses((status = 200, body = Vec<IndicatorView>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))), (status = 422, body = crate::error::Problem)))]
pub async fn list(_actor: Actor, paging: crate::web::paging::Paging) -> crate::web::paging::Page<IndicatorView> {
    paging.slice(indicators::shipped().iter().map(IndicatorView::from).collect())
}

/// Which comparison.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct ComparisonParams {
    /// `YYYY-MM` (default: the last whole month).
    #[serde(default)]
    #[param(pattern = r"^([0-9]{4}-(0[1-9]|1[0-2]))?$")]
    pub month: Option<String>,
    /// Partnership id (default: the first the caller may see).
    #[serde(default)]
    pub partnership: Option<i64>,
    /// `true`: all municipalities (the national secretariat only).
    #[serde(default)]
    pub all: Option<bool>,
}

/// One indicator in one month for a partnership's members (or, for the national
/// secretariat, all municipalities): by sex, age band and residence basis, every cell
/// about 1–4 persons and enough others hidden that none can be worked out; expected
/// versus actual beside it.
#[utoipa::path(get, path = "/api/v1/indicators/{id}/comparison", tag = "indicators",
    params(("id" = String, Path, description = "Indicator id"), ComparisonParams),
    responses((status = 200, body = Comparison), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn comparison(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<String>,
    Query(p): Query<ComparisonParams>,
) -> Result<Json<Comparison>, ApiError> {
    service::indicator_at(&id)?;
    let q = ComparisonQuery {
        indikator: Some(id),
        maaned: p.month,
        partnerskab: p.partnership,
        alle: p.all.filter(|a| *a).map(|_| "1".into()),
        format: None,
        maaneder: None,
    };
    let (_, c) = comparison_for(&state, &actor, &meta, &q).await?.ok_or(AppError::NotFound("et partnerskab med din kommune"))?;
    Ok(Json(c))
}

/// The caller's municipality's indicators and local goals, goals first.
#[utoipa::path(get, path = "/api/v1/goals", tag = "indicators", params(crate::web::paging::PageParams),
    responses((status = 200, body = Vec<GoalView>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))), (status = 422, body = crate::error::Problem)))]
pub async fn goals(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    paging: crate::web::paging::Paging,
) -> Result<crate::web::paging::Page<GoalView>, ApiError> {
    let tenant = actor.tenant().filter(|_| actor.role.is_municipal_staff()).ok_or_else(AppError::forbidden)?;
    let rows = state.store.goals(&tenant).await?;
    let views = service::current_goal_views(&state.store, &tenant, &rows, service::last_complete_month()).await?;
    record(&state, vec![meta.event(&actor, AuditAction::Read, AuditEntity::Indicators, None, format!("lokale mål for {tenant} (API)"))]).await?;
    Ok(paging.slice(views))
}

/// A local goal.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct GoalBody {
    /// `YYYY-MM`.
    pub baseline_month: String,
    /// The value then.
    pub baseline: f64,
    /// The value aimed for.
    pub target: f64,
    /// ISO date.
    pub target_date: String,
    /// Why.
    pub reasoning: String,
}

/// Sets or changes the municipality's goal for one indicator (managers).
#[utoipa::path(put, path = "/api/v1/goals/{indicator}", tag = "indicators", request_body = GoalBody,
    params(("indicator" = String, Path, description = "Indicator id")),
    responses((status = 200, body = GoalRow), (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn save_goal(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(indicator): Path<String>,
    body: Result<ApiJson<GoalBody>, ApiError>,
) -> Result<Json<GoalRow>, ApiError> {
    let tenant = match actor.tenant() {
        Some(tenant) if actor.role == Role::Manager => tenant,
        _ => return Err(AppError::Forbidden("kun ledere kan sætte lokale mål".into()).into()),
    };
    let ind = service::indicator_at(&indicator)?;
    let ApiJson(body) = body?;
    let input = GoalInput {
        baseline_month: body.baseline_month,
        baseline: body.baseline.to_string(),
        target: body.target.to_string(),
        target_date: body.target_date,
        reasoning: body.reasoning,
    };
    let goal = input.parse(ind, tenant.code(), &actor.user.login).map_err(AppError::Invalid)?;
    state.store.save_goal(&tenant, &goal).await?;
    let detail = format!("lokalt mål {}: {} → {} inden {} (API)", goal.indicator_id, goal.baseline, goal.target, goal.target_date.danish());
    record(&state, vec![meta.event(&actor, AuditAction::Update, AuditEntity::LocalGoal, None, detail)]).await?;
    Ok(Json(goal))
}

/// A partnership with its memberships.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PartnershipView {
    /// The partnership.
    #[serde(flatten)]
    pub partnership: PartnershipRow,
    /// Memberships, past and present.
    pub members: Vec<MemberRow>,
}

/// The partnerships the caller may see: all for the national secretariat, otherwise
/// those the caller's municipality is a member of today.
#[utoipa::path(get, path = "/api/v1/partnerships", tag = "indicators", params(crate::web::paging::PageParams),
    responses((status = 200, body = Vec<PartnershipView>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))), (status = 422, body = crate::error::Problem)))]
pub async fn partnerships(
    State(state): State<AppState>,
    actor: Actor,
    paging: crate::web::paging::Paging,
) -> Result<crate::web::paging::Page<PartnershipView>, ApiError> {
    let members = state.store.partnership_members().await?;
    let today = crate::deadlines::today();
    let own = actor.municipality();
    if own.is_none() && !actor.role.is_national() {
        return Err(AppError::forbidden().into());
    }
    let views = state
        .store
        .partnerships()
        .await?
        .into_iter()
        .filter(|p| own.is_none() || members.iter().any(|m| m.partnership_id == p.id && Some(m.municipality_code.as_str()) == own && m.member_on(today)))
        .map(|p| PartnershipView { members: members.iter().filter(|m| m.partnership_id == p.id).cloned().collect(), partnership: p })
        .collect();
    Ok(paging.slice(views))
}
