//! `/api/v1/council/…`: members, meetings with agendas and minutes, recommendations
//! with status and follow-up dates. Every staff member of the municipality reads;
//! managers and administrators change (decision 120).
use super::{FollowUpInput, MeetingInput, MeetingView, MemberInput, MemberView, RecommendationInput, RecommendationView, StatusInput};
use crate::app::AppState;
use crate::auth::{Actor, RequestMeta};
use crate::error::ApiError;
use crate::store::council::MemberRow;
use crate::web::extract::Path;
use crate::web::json::ApiJson;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;

/// The members and whether the council is large enough.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MembersView {
    /// Members, current and earlier.
    pub members: Vec<MemberView>,
    /// Members whose term covers today.
    pub current: usize,
    /// Set when fewer than 7 are current (integrationsloven § 42).
    pub warning: Option<String>,
}

/// The council's members.
#[utoipa::path(get, path = "/api/v1/council/members", tag = "council",
    responses((status = 200, body = MembersView), (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem)))]
pub async fn members(State(state): State<AppState>, actor: Actor) -> Result<Json<MembersView>, ApiError> {
    let (_, council) = super::load_for(&state, &actor).await?;
    Ok(Json(MembersView { current: council.current_members(), warning: council.size_warning(), members: council.members }))
}

/// Add a member (managers and administrators).
#[utoipa::path(post, path = "/api/v1/council/members", tag = "council", request_body = MemberInput,
    responses((status = 201, body = MemberRow), (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn add_member(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    body: Result<ApiJson<MemberInput>, ApiError>,
) -> Result<(StatusCode, Json<MemberRow>), ApiError> {
    super::editor(&actor)?;
    let ApiJson(input) = body?;
    Ok((StatusCode::CREATED, Json(super::add_member(&state, &actor, &meta, &input).await?)))
}

/// Change a member (managers and administrators).
#[utoipa::path(put, path = "/api/v1/council/members/{id}", tag = "council", params(("id" = i64, Path)), request_body = MemberInput,
    responses((status = 200, body = MemberRow), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn update_member(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<MemberInput>, ApiError>,
) -> Result<Json<MemberRow>, ApiError> {
    super::editable_member(&state, &actor, id).await?;
    let ApiJson(input) = body?;
    Ok(Json(super::update_member(&state, &actor, &meta, id, &input).await?))
}

/// The meetings with agendas, documents and minutes, latest first.
#[utoipa::path(get, path = "/api/v1/council/meetings", tag = "council", params(crate::web::paging::PageParams),
    responses((status = 200, body = Vec<MeetingView>), (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem)))]
pub async fn meetings(
    State(state): State<AppState>,
    actor: Actor,
    paging: crate::web::paging::Paging,
) -> Result<crate::web::paging::Page<MeetingView>, ApiError> {
    Ok(paging.slice(super::load_for(&state, &actor).await?.1.meetings))
}

/// Add a meeting, with agenda items (managers and administrators).
#[utoipa::path(post, path = "/api/v1/council/meetings", tag = "council", request_body = MeetingInput,
    responses((status = 201, body = MeetingView), (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn add_meeting(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    body: Result<ApiJson<MeetingInput>, ApiError>,
) -> Result<(StatusCode, Json<MeetingView>), ApiError> {
    super::editor(&actor)?;
    let ApiJson(input) = body?;
    Ok((StatusCode::CREATED, Json(super::add_meeting(&state, &actor, &meta, &input).await?)))
}

/// The minutes of one agenda item.
#[derive(Debug, Default, serde::Deserialize, utoipa::ToSchema)]
pub struct MinutesInput {
    /// The minutes (published with the meeting; no CPR numbers).
    #[serde(default)]
    pub minutes: String,
}

/// Write the minutes of an agenda item (managers and administrators).
#[utoipa::path(put, path = "/api/v1/council/meetings/{id}/items/{item}/minutes", tag = "council",
    params(("id" = i64, Path), ("item" = i64, Path)), request_body = MinutesInput,
    responses((status = 200, body = MeetingView), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn set_minutes(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((id, item)): Path<(i64, i64)>,
    body: Result<ApiJson<MinutesInput>, ApiError>,
) -> Result<Json<MeetingView>, ApiError> {
    super::editable_item(&state, &actor, id, item).await?;
    let ApiJson(input) = body?;
    Ok(Json(super::set_minutes(&state, &actor, &meta, id, item, &input.minutes).await?))
}

/// The recommendations to the city council with their follow-up dates, newest first.
#[utoipa::path(get, path = "/api/v1/council/recommendations", tag = "council", params(crate::web::paging::PageParams),
    responses((status = 200, body = Vec<RecommendationView>), (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem)))]
pub async fn recommendations(
    State(state): State<AppState>,
    actor: Actor,
    paging: crate::web::paging::Paging,
) -> Result<crate::web::paging::Page<RecommendationView>, ApiError> {
    Ok(paging.slice(super::load_for(&state, &actor).await?.1.recommendations))
}

/// Add a recommendation (managers and administrators).
#[utoipa::path(post, path = "/api/v1/council/recommendations", tag = "council", request_body = RecommendationInput,
    responses((status = 201, body = RecommendationView), (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn add_recommendation(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    body: Result<ApiJson<RecommendationInput>, ApiError>,
) -> Result<(StatusCode, Json<RecommendationView>), ApiError> {
    super::editor(&actor)?;
    let ApiJson(input) = body?;
    Ok((StatusCode::CREATED, Json(super::add_recommendation(&state, &actor, &meta, &input).await?)))
}

/// Change a recommendation's status; `rejected` needs `status_reason` (managers and administrators).
#[utoipa::path(put, path = "/api/v1/council/recommendations/{id}/status", tag = "council", params(("id" = i64, Path)), request_body = super::RecommendationStatusChange,
    responses((status = 200, body = RecommendationView), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn set_status(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<StatusInput>, ApiError>,
) -> Result<Json<RecommendationView>, ApiError> {
    super::editable_recommendation(&state, &actor, id).await?;
    let ApiJson(input) = body?;
    Ok(Json(super::set_status(&state, &actor, &meta, id, &input).await?))
}

/// Add a follow-up date (managers and administrators).
#[utoipa::path(post, path = "/api/v1/council/recommendations/{id}/follow-ups", tag = "council", params(("id" = i64, Path)), request_body = FollowUpInput,
    responses((status = 201, body = RecommendationView), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn add_follow_up(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<FollowUpInput>, ApiError>,
) -> Result<(StatusCode, Json<RecommendationView>), ApiError> {
    super::editable_recommendation(&state, &actor, id).await?;
    let ApiJson(input) = body?;
    Ok((StatusCode::CREATED, Json(super::add_follow_up(&state, &actor, &meta, id, &input).await?)))
}
