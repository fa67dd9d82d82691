//! `/api/v1/persons/{id}/danish-education` (referrals, module tests, the Danish level)
//! and `…/attendance` (weeks recorded by the language centre, the attendance share):
//! read by every role that reads the person, referrals changed by caseworkers and
//! coordinators, attendance recorded by language-centre staff.
use super::attendance::{Attendance, WeekInput};
use super::{CourseInput, CourseView, DanishEducation, ModuleTestInput, ModuleTestView};
use crate::auth::{Actor, RequestMeta};
use crate::web::AppState;
use crate::web::error::ApiError;
use crate::web::json::ApiJson;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;

/// A person's Danish education: referrals (newest first), module tests and level.
#[utoipa::path(get, path = "/api/v1/persons/{id}/danish-education", tag = "danish_education", params(("id" = i64, Path)),
    responses((status = 200, body = DanishEducation), (status = 403, body = crate::web::error::Problem), (status = 404, body = crate::web::error::Problem)))]
pub async fn show(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>) -> Result<Json<DanishEducation>, ApiError> {
    Ok(Json(super::read(&state, &actor, &meta, id, "danskuddannelse (API)").await?))
}

/// Record a referral to a language centre (one open referral at a time).
#[utoipa::path(post, path = "/api/v1/persons/{id}/danish-education", tag = "danish_education", params(("id" = i64, Path)), request_body = CourseInput,
    responses((status = 201, body = CourseView), (status = 403, body = crate::web::error::Problem), (status = 404, body = crate::web::error::Problem),
        (status = 422, body = crate::web::error::Problem)))]
pub async fn add_course(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<CourseInput>,
) -> Result<(StatusCode, Json<CourseView>), ApiError> {
    Ok((StatusCode::CREATED, Json(super::add_course(&state, &actor, &meta, id, &input).await?)))
}

/// Change a referral: start, track, module, hours, completion or stop (all fields).
#[utoipa::path(put, path = "/api/v1/persons/{id}/danish-education/{course}", tag = "danish_education",
    params(("id" = i64, Path), ("course" = i64, Path)), request_body = CourseInput,
    responses((status = 200, body = CourseView), (status = 403, body = crate::web::error::Problem), (status = 404, body = crate::web::error::Problem),
        (status = 422, body = crate::web::error::Problem)))]
pub async fn change_course(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((id, course)): Path<(i64, i64)>,
    ApiJson(input): ApiJson<CourseInput>,
) -> Result<Json<CourseView>, ApiError> {
    Ok(Json(super::change_course(&state, &actor, &meta, id, course, &input).await?))
}

/// Record a module test (caseworkers, coordinators and the language centre).
#[utoipa::path(post, path = "/api/v1/persons/{id}/danish-education/tests", tag = "danish_education", params(("id" = i64, Path)),
    request_body = ModuleTestInput,
    responses((status = 201, body = ModuleTestView), (status = 403, body = crate::web::error::Problem), (status = 404, body = crate::web::error::Problem),
        (status = 422, body = crate::web::error::Problem)))]
pub async fn add_test(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<ModuleTestInput>,
) -> Result<(StatusCode, Json<ModuleTestView>), ApiError> {
    Ok((StatusCode::CREATED, Json(super::add_test(&state, &actor, &meta, id, &input).await?)))
}

/// A person's weekly attendance and the share over the last 4 weeks.
#[utoipa::path(get, path = "/api/v1/persons/{id}/danish-education/attendance", tag = "danish_education", params(("id" = i64, Path)),
    responses((status = 200, body = Attendance), (status = 403, body = crate::web::error::Problem), (status = 404, body = crate::web::error::Problem)))]
pub async fn attendance(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>) -> Result<Json<Attendance>, ApiError> {
    Ok(Json(super::attendance::read(&state, &actor, &meta, id).await?))
}

/// Record (or replace) one week of attendance (language-centre staff).
#[utoipa::path(post, path = "/api/v1/persons/{id}/danish-education/attendance", tag = "danish_education", params(("id" = i64, Path)),
    request_body = WeekInput,
    responses((status = 200, body = Attendance), (status = 403, body = crate::web::error::Problem), (status = 404, body = crate::web::error::Problem),
        (status = 422, body = crate::web::error::Problem)))]
pub async fn record_attendance(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<WeekInput>,
) -> Result<Json<Attendance>, ApiError> {
    super::attendance::record_week(&state, &actor, &meta, id, &input, "").await?;
    Ok(Json(super::attendance::read(&state, &actor, &meta, id).await?))
}
