//! `/api/v1/persons/{id}/childcare`: a child's daycare and school periods, contacts,
//! vaccination programme status and the rule set's requirements, read by everyone who may
//! read the child, changed by caseworkers, coordinators and dagtilbud og skole.
use super::childcare::{self, Childcare, PeriodInput, PeriodView, Profile};
use crate::app::AppState;
use crate::auth::{Actor, RequestMeta};
use crate::error::ApiError;
use crate::web::extract::Path;
use crate::web::json::ApiJson;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

/// A child's daycare and school, contacts and requirements.
#[utoipa::path(get, path = "/api/v1/persons/{id}/childcare", tag = "children", params(("id" = i64, Path)),
    responses((status = 200, body = Childcare), (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem)))]
pub async fn show(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>) -> Result<Json<Childcare>, ApiError> {
    Ok(Json(childcare::read(&state, &actor, &meta, id, "dagtilbud og skole (API)").await?.1))
}

/// Record a daycare or school period.
#[utoipa::path(post, path = "/api/v1/persons/{id}/childcare/periods", tag = "children", params(("id" = i64, Path)), request_body = PeriodInput,
    responses((status = 201, body = PeriodView), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn add_period(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<PeriodInput>, ApiError>,
) -> Result<(StatusCode, Json<PeriodView>), ApiError> {
    childcare::writable_child(&state, &actor, id).await?;
    let ApiJson(input) = body?;
    Ok((StatusCode::CREATED, Json(childcare::add_period(&state, &actor, &meta, id, &input).await?)))
}

/// Replace a period (also to end it: give `to`).
#[utoipa::path(put, path = "/api/v1/persons/{id}/childcare/periods/{period}", tag = "children",
    params(("id" = i64, Path), ("period" = i64, Path)), request_body = PeriodInput,
    responses((status = 200, body = PeriodView), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn change_period(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((id, period)): Path<(i64, i64)>,
    body: Result<ApiJson<PeriodInput>, ApiError>,
) -> Result<Json<PeriodView>, ApiError> {
    childcare::writable_period(&state, &actor, id, period).await?;
    let ApiJson(input) = body?;
    Ok(Json(childcare::change_period(&state, &actor, &meta, id, period, &input).await?))
}

/// Delete a wrongly entered period.
#[utoipa::path(delete, path = "/api/v1/persons/{id}/childcare/periods/{period}", tag = "children",
    params(("id" = i64, Path), ("period" = i64, Path)),
    responses((status = 204), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem)))]
pub async fn delete_period(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((id, period)): Path<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    childcare::delete_period(&state, &actor, &meta, id, period).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Set the health visitor's and dental contacts, the vaccination programme status as
/// entered, and whether the child needs language support or lives in an udsat boligområde.
#[utoipa::path(put, path = "/api/v1/persons/{id}/childcare/profile", tag = "children", params(("id" = i64, Path)), request_body = Profile,
    responses((status = 200, body = Profile), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn save_profile(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<Profile>, ApiError>,
) -> Result<Json<Profile>, ApiError> {
    childcare::writable_child(&state, &actor, id).await?;
    let ApiJson(input) = body?;
    Ok(Json(childcare::save_profile(&state, &actor, &meta, id, &input).await?))
}
