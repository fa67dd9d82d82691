//! `/api/v1/housing/…`: areas and units (list, add or change), waiting households'
//! needs, making a proposal (with explanations), and approving or overriding a
//! household's placement. Scoped to the caller's municipality; person data audited.
use super::decide::{self, Choice};
use super::tracking::{self, HousingStatus};
use super::{import, needs, round};
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::error::{ApiError, AppError};
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::housing::{AreaRow, NeedRow, PlacementRow, UnitRow};
use crate::web::extract::Path;
use crate::web::json::ApiJson;
use crate::web::paging::{Page, PageParams, Paging};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

/// List the municipality's areas.
#[utoipa::path(get, path = "/api/v1/housing/areas", tag = "housing", params(PageParams),
    responses((status = 200, body = Vec<AreaRow>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))), (status = 422, body = crate::error::Problem)))]
pub async fn areas(State(state): State<AppState>, actor: Actor, paging: Paging) -> Result<Page<AreaRow>, ApiError> {
    let tenant = actor.housing_officer()?;
    Ok(paging.slice(state.store.housing_areas(&tenant).await?))
}

/// Add or change areas (all or none); returns every area.
#[utoipa::path(post, path = "/api/v1/housing/areas", tag = "housing", request_body = Vec<AreaRow>,
    responses((status = 201, body = Vec<AreaRow>), (status = 422, body = crate::error::Problem)))]
pub async fn save_areas(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    body: Result<ApiJson<Vec<AreaRow>>, ApiError>,
) -> Result<(StatusCode, Json<Vec<AreaRow>>), ApiError> {
    let tenant = actor.housing_officer()?;
    let ApiJson(input) = body?;
    let errors: Vec<_> = input.iter().enumerate().flat_map(|(i, a)| import::check_area(&format!("[{i}]."), a)).collect();
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors).into());
    }
    state.store.save_areas(&tenant, &input).await?;
    record(&state, vec![meta.event(&actor, AuditAction::Update, AuditEntity::HousingArea, None, format!("{} områder gemt (API)", input.len()))]).await?;
    Ok((StatusCode::CREATED, Json(state.store.housing_areas(&tenant).await?)))
}

/// List the municipality's units.
#[utoipa::path(get, path = "/api/v1/housing/units", tag = "housing", params(PageParams),
    responses((status = 200, body = Vec<UnitRow>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))), (status = 422, body = crate::error::Problem)))]
pub async fn units(State(state): State<AppState>, actor: Actor, paging: Paging) -> Result<Page<UnitRow>, ApiError> {
    let tenant = actor.housing_officer()?;
    Ok(paging.slice(state.store.housing_units(&tenant).await?))
}

/// Add or change units (all or none; their areas must exist); returns every unit.
#[utoipa::path(post, path = "/api/v1/housing/units", tag = "housing", request_body = Vec<UnitRow>,
    responses((status = 201, body = Vec<UnitRow>), (status = 422, body = crate::error::Problem)))]
pub async fn save_units(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    body: Result<ApiJson<Vec<UnitRow>>, ApiError>,
) -> Result<(StatusCode, Json<Vec<UnitRow>>), ApiError> {
    let tenant = actor.housing_officer()?;
    let ApiJson(input) = body?;
    let areas = state.store.housing_areas(&tenant).await?;
    let errors: Vec<_> = input.iter().enumerate().flat_map(|(i, u)| import::check_unit(&format!("[{i}]."), u, &areas)).collect();
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors).into());
    }
    state.store.save_units(&tenant, &input).await?;
    record(&state, vec![meta.event(&actor, AuditAction::Update, AuditEntity::HousingUnit, None, format!("{} boliger gemt (API)", input.len()))]).await?;
    Ok((StatusCode::CREATED, Json(state.store.housing_units(&tenant).await?)))
}

/// A waiting household with its status.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct HouseholdView {
    /// Needs and members.
    #[serde(flatten)]
    pub need: NeedRow,
    /// On its way to a permanent home.
    pub status: HousingStatus,
}

/// List the waiting households (and those housed through the list).
#[utoipa::path(get, path = "/api/v1/housing/households", tag = "housing", params(PageParams),
    responses((status = 200, body = Vec<HouseholdView>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))), (status = 422, body = crate::error::Problem)))]
pub async fn households(State(state): State<AppState>, actor: Actor, meta: RequestMeta, paging: Paging) -> Result<Page<HouseholdView>, ApiError> {
    let tenant = actor.housing_officer()?;
    let page = paging.slice(state.store.housing_needs(&tenant).await?);
    record(
        &state,
        page.items.iter().map(|n| meta.event(&actor, AuditAction::Read, AuditEntity::Family, Some(n.family_id), "venteliste til bolig (API)")).collect(),
    )
    .await?;
    let today = chrono::Local::now().date_naive();
    Ok(page.map(|n| HouseholdView { status: tracking::status(&n, today), need: n }))
}

/// A household's needs.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct NeedInput {
    /// Highest monthly rent after benefits, in whole kroner.
    #[schema(minimum = 0, maximum = 10_000_000)]
    pub max_rent: i64,
    /// Needs an accessible unit.
    #[serde(default)]
    pub needs_accessible: bool,
    /// Places to reach, separated by `;`: each an address with its postal code
    /// (`Skolevej 4, 4300 Holbæk`), a postal code, a town's name, or an exact
    /// `lat:lon`. Stored as written; located at the postal area's centre.
    #[serde(default)]
    pub anchors: String,
}

/// Put a family on the waiting list or change its needs.
#[utoipa::path(put, path = "/api/v1/housing/households/{household}", tag = "housing", request_body = NeedInput,
    params(("household" = i64, Path, description = "The family's id")),
    responses((status = 200, body = HouseholdView), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn save_household(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<NeedInput>, ApiError>,
) -> Result<Json<HouseholdView>, ApiError> {
    let tenant = actor.housing_officer()?;
    // Putting a family on the list would make it readable (decision 005).
    actor.person_access(&state.store).await?.family(&state.store, id).await?;
    let ApiJson(input) = body?;
    let fields = needs::parse(&input.max_rent.to_string(), input.needs_accessible, &input.anchors).map_err(AppError::Invalid)?;
    let today = chrono::Local::now().date_naive();
    if !state.store.save_need(&tenant, id, &fields, crate::deadlines::today()).await? {
        return Err(AppError::NotFound("familien").into());
    }
    record(&state, vec![meta.event(&actor, AuditAction::Update, AuditEntity::HousingNeed, Some(id), "boligbehov gemt (API)")]).await?;
    let need = state.store.housing_need(&tenant, id).await?.ok_or(AppError::NotFound("familien"))?;
    Ok(Json(HouseholdView { status: tracking::status(&need, today), need }))
}

/// Make a proposal for every undecided waiting household; approved and overridden placements stay fixed.
#[utoipa::path(post, path = "/api/v1/housing/proposals", tag = "housing",
    responses((status = 201, body = round::RoundResult), (status = 422, body = crate::error::Problem)))]
pub async fn propose(State(state): State<AppState>, actor: Actor, meta: RequestMeta) -> Result<(StatusCode, Json<round::RoundResult>), ApiError> {
    let tenant = actor.housing_officer()?;
    let result = round::propose(&state.store, &tenant).await?;
    record(
        &state,
        result
            .families
            .iter()
            .map(|&id| meta.event(&actor, AuditAction::Update, AuditEntity::HousingPlacement, Some(id), "boligforslag lavet (API)"))
            .collect(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(result)))
}

/// Approve the proposed placement of a household.
#[utoipa::path(post, path = "/api/v1/housing/placements/{household}/approve", tag = "housing",
    params(("household" = i64, Path, description = "The family's id")),
    responses((status = 200, body = PlacementRow), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn approve(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>) -> Result<Json<PlacementRow>, ApiError> {
    let tenant = actor.housing_officer()?;
    let p = decide::decide(&state.store, &tenant, id, &Choice::Approve, &actor.user.login, crate::deadlines::today()).await?;
    let detail = format!("godkendt: bolig {} (API)", p.unit_code.as_deref().unwrap_or("ingen"));
    record(&state, vec![meta.event(&actor, AuditAction::Update, AuditEntity::HousingPlacement, Some(id), detail)]).await?;
    Ok(Json(p))
}

/// An override: another unit (or none) and the reason.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct OverrideInput {
    /// The unit instead; absent or empty: not placed this round.
    #[serde(default)]
    pub unit: Option<String>,
    /// Why the proposal is overridden.
    #[serde(default)]
    #[schema(required = true, pattern = r"\S")]
    pub reason: String,
    /// Confirms breaking the hard rule the unit breaks (rooms, rent, accessibility, a
    /// permanent home); without it such a unit is refused at `confirm`. A unit in a
    /// listed area is always refused.
    #[serde(default)]
    pub confirm: bool,
}

/// Override a household's placement with a reason.
#[utoipa::path(post, path = "/api/v1/housing/placements/{household}/override", tag = "housing", request_body = OverrideInput,
    params(("household" = i64, Path, description = "The family's id")),
    responses((status = 200, body = PlacementRow), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn override_placement(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<OverrideInput>, ApiError>,
) -> Result<Json<PlacementRow>, ApiError> {
    let tenant = actor.housing_officer()?;
    state.store.housing_need(&tenant, id).await?.ok_or(AppError::NotFound("husstanden"))?;
    let ApiJson(input) = body?;
    let choice = decide::override_choice(input.unit.as_deref(), &input.reason, input.confirm)?;
    let p = decide::decide(&state.store, &tenant, id, &choice, &actor.user.login, crate::deadlines::today()).await?;
    let detail = format!("tilsidesat: bolig {}; begrundelse: {} (API)", p.unit_code.as_deref().unwrap_or("ingen"), p.reason);
    record(&state, vec![meta.event(&actor, AuditAction::Update, AuditEntity::HousingPlacement, Some(id), detail)]).await?;
    Ok(Json(p))
}

/// A released household: the temporary unit it keeps until its next placement.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Released {
    /// The family.
    pub family_id: i64,
    /// The temporary unit it keeps living in.
    pub temporary_unit_code: String,
}

/// Release a household approved into a temporary unit into the next rounds for a
/// permanent home; it keeps the temporary unit and address until a new approval.
#[utoipa::path(post, path = "/api/v1/housing/placements/{household}/release", tag = "housing",
    params(("household" = i64, Path, description = "The family's id")),
    responses((status = 200, body = Released), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn release(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>) -> Result<Json<Released>, ApiError> {
    let tenant = actor.housing_officer()?;
    let unit = decide::release(&state.store, &tenant, id).await?;
    let detail = format!("frigivet til en ny runde for permanent bolig; bor fortsat i den midlertidige bolig {unit} (API)");
    record(&state, vec![meta.event(&actor, AuditAction::Update, AuditEntity::HousingPlacement, Some(id), detail)]).await?;
    Ok(Json(Released { family_id: id, temporary_unit_code: unit }))
}
