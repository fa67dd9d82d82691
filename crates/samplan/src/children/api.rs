//! `/api/v1/concern-notes`: any staff member who reads persons writes a note about a
//! child they may read; staff of børn og familie list, read and handle every note, the
//! writer lists and reads their own; every other note answers 404 and is never listed.
use super::concern::{self, HandlingInput, NoteInput, NoteView};
use crate::app::AppState;
use crate::auth::{Actor, RequestMeta};
use crate::error::ApiError;
use crate::web::extract::{Path, Query};
use crate::web::json::ApiJson;
use crate::web::paging::{Page, PageParams, Paging};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

/// The list's filter (paging by `limit` and `cursor`, decision 006).
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Only notes without a decision.
    pub open: Option<bool>,
}

/// Write a concern note about a child (it goes to børn og familie).
#[utoipa::path(post, path = "/api/v1/concern-notes", tag = "children", request_body = NoteInput,
    responses((status = 201, body = NoteView), (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn create(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    body: Result<ApiJson<NoteInput>, ApiError>,
) -> Result<(StatusCode, Json<NoteView>), ApiError> {
    concern::reader(&state, &actor).await?;
    let ApiJson(input) = body?;
    Ok((StatusCode::CREATED, Json(concern::create(&state, &actor, &meta, &input).await?)))
}

/// The concern notes the caller may read, newest first: every note for børn og familie,
/// one's own for others. Paged as every list (decision 006); each note answered is an
/// audited read.
#[utoipa::path(get, path = "/api/v1/concern-notes", tag = "children", params(ListParams, PageParams),
    responses((status = 200, body = Vec<NoteView>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))),
        (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn list(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    paging: Paging,
    Query(q): Query<ListParams>,
) -> Result<Page<NoteView>, ApiError> {
    let (notes, _, _) = concern::list(&state, &actor, &meta, q.open.unwrap_or(false), paging.limit as i64, paging.offset()).await?;
    Ok(paging.page(notes))
}

/// One concern note (børn og familie, or its writer).
#[utoipa::path(get, path = "/api/v1/concern-notes/{id}", tag = "children", params(("id" = i64, Path)),
    responses((status = 200, body = NoteView), (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem)))]
pub async fn show(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>) -> Result<Json<NoteView>, ApiError> {
    Ok(Json(concern::read(&state, &actor, &meta, id, "API").await?.0))
}

/// Record the handling of a note: receipt, assessment, decision, investigation
/// (børn og familie only; the whole handling each time).
#[utoipa::path(put, path = "/api/v1/concern-notes/{id}/handling", tag = "children", params(("id" = i64, Path)), request_body = HandlingInput,
    responses((status = 200, body = NoteView), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn handle(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<HandlingInput>, ApiError>,
) -> Result<Json<NoteView>, ApiError> {
    concern::handleable_note(&state, &actor, id).await?;
    let ApiJson(input) = body?;
    Ok(Json(concern::update_handling(&state, &actor, &meta, id, &input).await?))
}
