//! `/api/v1/persons/{id}/danish-education` (referrals, module tests, the Danish level)
//! and `…/attendance` (weeks recorded by the language centre, the attendance share):
//! read by every role that reads the person, referrals changed by caseworkers and
//! coordinators, attendance recorded by language-centre staff.
use super::attendance::{Attendance, WeekInput};
use super::{CourseInput, CourseView, DanishEducation, ModuleTestInput, ModuleTestView};
use crate::app::AppState;
use crate::auth::{Actor, RequestMeta};
use crate::error::ApiError;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::web::extract::Path;
use crate::web::json::ApiJson;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

/// A person's Danish education: referrals (newest first), module tests and level.
#[utoipa::path(get, path = "/api/v1/persons/{id}/danish-education", tag = "danish_education", params(("id" = i64, Path)),
    responses((status = 200, body = DanishEducation), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem)))]
pub async fn show(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>) -> Result<Json<DanishEducation>, ApiError> {
    Ok(Json(super::read(&state, &actor, &meta, id, "danskuddannelse (API)").await?))
}

/// Record a referral to a language centre (one open referral at a time).
#[utoipa::path(post, path = "/api/v1/persons/{id}/danish-education", tag = "danish_education", params(("id" = i64, Path)), request_body = CourseInput,
    responses((status = 201, body = CourseView), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn add_course(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<CourseInput>, ApiError>,
) -> Result<(StatusCode, Json<CourseView>), ApiError> {
    super::course_writer(&state, &actor, id, None).await?;
    let ApiJson(input) = body?;
    Ok((StatusCode::CREATED, Json(super::add_course(&state, &actor, &meta, id, &input).await?)))
}

/// Change a referral: start, track, module, hours, completion or stop (all fields).
#[utoipa::path(put, path = "/api/v1/persons/{id}/danish-education/{course}", tag = "danish_education",
    params(("id" = i64, Path), ("course" = i64, Path)), request_body = CourseInput,
    responses((status = 200, body = CourseView), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn change_course(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((id, course)): Path<(i64, i64)>,
    body: Result<ApiJson<CourseInput>, ApiError>,
) -> Result<Json<CourseView>, ApiError> {
    super::course_writer(&state, &actor, id, Some(course)).await?;
    let ApiJson(input) = body?;
    Ok(Json(super::change_course(&state, &actor, &meta, id, course, &input).await?))
}

/// Record a module test (caseworkers, coordinators and the language centre).
#[utoipa::path(post, path = "/api/v1/persons/{id}/danish-education/tests", tag = "danish_education", params(("id" = i64, Path)),
    request_body = ModuleTestInput,
    responses((status = 201, body = ModuleTestView), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn add_test(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<ModuleTestInput>, ApiError>,
) -> Result<(StatusCode, Json<ModuleTestView>), ApiError> {
    super::test_writer(&state, &actor, id).await?;
    let ApiJson(input) = body?;
    Ok((StatusCode::CREATED, Json(super::add_test(&state, &actor, &meta, id, &input).await?)))
}

/// A person's weekly attendance and the share over the last 4 weeks.
#[utoipa::path(get, path = "/api/v1/persons/{id}/danish-education/attendance", tag = "danish_education", params(("id" = i64, Path)),
    responses((status = 200, body = Attendance), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem)))]
pub async fn attendance(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>) -> Result<Json<Attendance>, ApiError> {
    Ok(Json(super::attendance::read(&state, &actor, &meta, id).await?))
}

/// Record (or replace) one week of attendance (language-centre staff).
#[utoipa::path(post, path = "/api/v1/persons/{id}/danish-education/attendance", tag = "danish_education", params(("id" = i64, Path)),
    request_body = WeekInput,
    responses((status = 200, body = Attendance), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn record_attendance(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<WeekInput>, ApiError>,
) -> Result<Json<Attendance>, ApiError> {
    actor.language_centre_access(&state.store).await?.person(&state.store, id).await?;
    let ApiJson(input) = body?;
    super::attendance::record_week(&state, &actor, &meta, id, &input, "").await?;
    Ok(Json(super::attendance::read(&state, &actor, &meta, id).await?))
}

/// A running referral on the list, with the attendance share.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct ReferralLine {
    /// The referral.
    pub course_id: i64,
    /// The person.
    pub person_id: i64,
    /// Given name.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// `du1`, `du2`, `du3`.
    pub track: String,
    /// The current module (1–6).
    pub module: i64,
    /// Planned hours per week.
    pub hours_per_week: i64,
    /// ISO first day of teaching; `null` while not begun.
    pub start_on: Option<String>,
    /// Attendance share over the last 4 weeks, in percent; `null` without attendance.
    pub attendance_percent: Option<i64>,
    /// Below the municipality's attendance share.
    pub flagged: bool,
}

/// Referrals running this week of the persons the caller reaches (the language centre:
/// those referred to it), by name; each listed person is an audited read.
#[utoipa::path(get, path = "/api/v1/danish-education/referrals", tag = "danish_education", params(crate::web::paging::PageParams),
    responses((status = 200, body = Vec<ReferralLine>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))),
        (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn referrals(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    paging: crate::web::paging::Paging,
) -> Result<crate::web::paging::Page<ReferralLine>, ApiError> {
    let access = actor.person_access(&state.store).await?;
    let tenant = access.tenant();
    let today = chrono::Local::now().date_naive();
    let monday = crate::plans::schedule::parse_week(&crate::plans::schedule::week_of(today)).unwrap_or(today);
    let (rows, _) = state.store.du_roster(tenant, access.reach(), None, crate::domain::calendar_bound(monday), paging.offset(), paging.fetch()).await?;
    let page = paging.page(rows);
    let threshold = super::settings::load(&state.store, tenant).await?.attendance_min_percent;
    crate::auth::audit::record(
        &state,
        page.items.iter().map(|r| meta.event(&actor, AuditAction::Read, AuditEntity::Person, Some(r.person_id), "danskuddannelse: liste (API)")).collect(),
    )
    .await?;
    let start = super::attendance::window_start(today);
    let lines = super::overview::with_shares(&state, tenant, page.items, start, threshold).await?;
    Ok(crate::web::paging::Page {
        next: page.next,
        items: lines
            .into_iter()
            .map(|l| ReferralLine {
                course_id: l.row.course_id,
                person_id: l.row.person_id,
                given_name: l.row.given_name,
                family_name: l.row.family_name,
                track: l.row.track,
                module: l.row.module,
                hours_per_week: l.row.hours_per_week,
                start_on: l.row.start_on.map(|d| d.to_string()),
                attendance_percent: l.share,
                flagged: l.flagged,
            })
            .collect(),
    })
}
