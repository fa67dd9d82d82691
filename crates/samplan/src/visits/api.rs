//! `/api/v1/visits…` and `/api/v1/families/{id}/visit…`: today's home visits, marking a
//! family, the offline bundle the browser keeps, and notes written at a visit (decision 180).
use super::{OfflineBundle, VisitNoteInput};
use crate::app::AppState;
use crate::auth::{Actor, RequestMeta};
use crate::error::ApiError;
use crate::store::visits::VisitRow;
use crate::web::extract::Path;
use crate::web::json::ApiJson;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;

/// The caller's home visits today (caseworkers and coordinators).
#[utoipa::path(get, path = "/api/v1/visits", tag = "visits", params(crate::web::paging::PageParams),
    responses((status = 200, body = Vec<VisitRow>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows")))))]
pub async fn list(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    paging: crate::web::paging::Paging,
) -> Result<crate::web::paging::Page<VisitRow>, ApiError> {
    Ok(paging.slice(super::todays(&state, &actor, &meta).await?))
}

/// A family's mark for a visit today.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Marked {
    /// The family.
    pub family_id: i64,
    /// The day (ISO).
    pub visit_day: String,
    /// False when it was marked already.
    pub new: bool,
}

/// Mark the family for a home visit by the caller today (caseworkers and coordinators who
/// read the family). Marking twice is one mark.
#[utoipa::path(put, path = "/api/v1/families/{id}/visit", tag = "visits", params(("id" = i64, Path)),
    responses((status = 200, body = Marked)))]
pub async fn mark(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>) -> Result<Json<Marked>, ApiError> {
    let new = super::mark(&state, &actor, &meta, id).await?;
    Ok(Json(Marked { family_id: id, visit_day: super::today().to_string(), new }))
}

/// Remove today's mark (none: nothing changes).
#[utoipa::path(delete, path = "/api/v1/families/{id}/visit", tag = "visits", params(("id" = i64, Path)),
    responses((status = 204, description = "The family is not marked for today")))]
pub async fn unmark(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>) -> Result<StatusCode, ApiError> {
    super::unmark(&state, &actor, &meta, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// What the browser keeps for today's visits: only the families the caller marked for
/// today and still reads, with their plans and Min plans, and the secret the browser
/// derives its encryption key from (decision 180).
#[utoipa::path(get, path = "/api/v1/visits/offline", tag = "visits", responses((status = 200, body = OfflineBundle)))]
pub async fn bundle(State(state): State<AppState>, actor: Actor, meta: RequestMeta) -> Result<Json<OfflineBundle>, ApiError> {
    Ok(Json(super::bundle(&state, &actor, &meta).await?))
}

/// Whether a note was stored.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct NoteStored {
    /// False when a note with this `client_id` was stored already.
    pub new: bool,
}

/// Store a note written at a visit to the family (possibly offline, sent later). A note
/// sent again with the same `client_id` is stored once.
#[utoipa::path(post, path = "/api/v1/families/{id}/visit/notes", tag = "visits", params(("id" = i64, Path)), request_body = VisitNoteInput,
    responses((status = 201, body = NoteStored), (status = 200, description = "Stored already", body = NoteStored),
        (status = 422, description = "`text`, `client_id` or `written_at` is missing or wrong; the problem names the field", body = crate::error::Problem)))]
pub async fn add_note(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<VisitNoteInput>, ApiError>,
) -> Result<(StatusCode, Json<NoteStored>), ApiError> {
    super::visitable(&state, &actor, id).await?;
    let ApiJson(input) = body?;
    let new = super::add_note(&state, &actor, &meta, id, &input).await?;
    Ok((if new { StatusCode::CREATED } else { StatusCode::OK }, Json(NoteStored { new })))
}
