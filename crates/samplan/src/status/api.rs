//! `/api/v1/persons/{id}/status` and `/api/v1/persons/{id}/outcomes`: a person's status
//! periods and outcome events, read by every role that reads persons, changed by the
//! roles that write persons; corrections and deletions carry a reason.
use super::{OutcomeInput, OutcomeView, PeriodInput, PeriodPatch, PeriodView, ReasonParams};
use crate::app::AppState;
use crate::auth::{Actor, RequestMeta};
use crate::error::ApiError;
use crate::web::extract::{Path, Query};
use crate::web::json::ApiJson;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

/// A person's status periods, by first day.
#[utoipa::path(get, path = "/api/v1/persons/{id}/status", tag = "status", params(("id" = i64, Path)),
    params(crate::web::paging::PageParams),
    responses((status = 200, body = Vec<PeriodView>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn periods(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    paging: crate::web::paging::Paging,
) -> Result<crate::web::paging::Page<PeriodView>, ApiError> {
    Ok(paging.slice(super::read(&state, &actor, &meta, id, "statusforløb (API)").await?.0))
}

/// Record a status period (`to` omitted while it lasts).
#[utoipa::path(post, path = "/api/v1/persons/{id}/status", tag = "status", params(("id" = i64, Path)), request_body = PeriodInput,
    responses((status = 201, body = PeriodView), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn add_period(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<PeriodInput>, ApiError>,
) -> Result<(StatusCode, Json<PeriodView>), ApiError> {
    super::writable(&state, &actor, id, None, None).await?;
    let ApiJson(input) = body?;
    Ok((StatusCode::CREATED, Json(super::add_period(&state, &actor, &meta, id, &input).await?.into())))
}

/// End a status period (set `to`) or correct it (any other change; `reason` required).
#[utoipa::path(patch, path = "/api/v1/persons/{id}/status/{period}", tag = "status",
    params(("id" = i64, Path), ("period" = i64, Path)), request_body = PeriodPatch,
    responses((status = 200, body = PeriodView), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn change_period(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((id, period)): Path<(i64, i64)>,
    body: Result<ApiJson<PeriodPatch>, ApiError>,
) -> Result<Json<PeriodView>, ApiError> {
    super::writable(&state, &actor, id, Some(period), None).await?;
    let ApiJson(patch) = body?;
    Ok(Json(super::change_period(&state, &actor, &meta, id, period, &patch).await?.into()))
}

/// Delete a wrongly entered status period (`reason` required).
#[utoipa::path(delete, path = "/api/v1/persons/{id}/status/{period}", tag = "status",
    params(("id" = i64, Path), ("period" = i64, Path), ReasonParams),
    responses((status = 204), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn delete_period(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((id, period)): Path<(i64, i64)>,
    Query(q): Query<ReasonParams>,
) -> Result<StatusCode, ApiError> {
    super::delete_period(&state, &actor, &meta, id, period, &q.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A person's outcome events (passed DU modules, citizenship course, council participation).
#[utoipa::path(get, path = "/api/v1/persons/{id}/outcomes", tag = "status", params(("id" = i64, Path)),
    params(crate::web::paging::PageParams),
    responses((status = 200, body = Vec<OutcomeView>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn outcomes(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    paging: crate::web::paging::Paging,
) -> Result<crate::web::paging::Page<OutcomeView>, ApiError> {
    Ok(paging.slice(super::read(&state, &actor, &meta, id, "resultater (API)").await?.1))
}

/// Record an outcome event.
#[utoipa::path(post, path = "/api/v1/persons/{id}/outcomes", tag = "status", params(("id" = i64, Path)), request_body = OutcomeInput,
    responses((status = 201, body = OutcomeView), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn add_outcome(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<OutcomeInput>, ApiError>,
) -> Result<(StatusCode, Json<OutcomeView>), ApiError> {
    super::writable(&state, &actor, id, None, None).await?;
    let ApiJson(input) = body?;
    Ok((StatusCode::CREATED, Json(super::add_outcome(&state, &actor, &meta, id, &input).await?)))
}

/// Correct an outcome event (all fields and `reason` required).
#[utoipa::path(put, path = "/api/v1/persons/{id}/outcomes/{outcome}", tag = "status",
    params(("id" = i64, Path), ("outcome" = i64, Path)), request_body = super::OutcomeCorrection,
    responses((status = 200, body = OutcomeView), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn change_outcome(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((id, outcome)): Path<(i64, i64)>,
    body: Result<ApiJson<OutcomeInput>, ApiError>,
) -> Result<Json<OutcomeView>, ApiError> {
    super::writable(&state, &actor, id, None, Some(outcome)).await?;
    let ApiJson(input) = body?;
    Ok(Json(super::change_outcome(&state, &actor, &meta, id, outcome, &input).await?))
}

/// Delete a wrongly entered outcome event (`reason` required).
#[utoipa::path(delete, path = "/api/v1/persons/{id}/outcomes/{outcome}", tag = "status",
    params(("id" = i64, Path), ("outcome" = i64, Path), ReasonParams),
    responses((status = 204), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn delete_outcome(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((id, outcome)): Path<(i64, i64)>,
    Query(q): Query<ReasonParams>,
) -> Result<StatusCode, ApiError> {
    super::delete_outcome(&state, &actor, &meta, id, outcome, &q.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}
