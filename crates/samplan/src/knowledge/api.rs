//! `/api/v1/knowledge…`: search with facets and highlighted snippets, a method with its
//! versions, reviews, attachments and comments, and the workflow steps.
use super::comments::{self, CommentInput};
use super::index::{self, SearchParams};
use super::review::{self, DecisionInput};
use super::service::{self, Loaded};
use super::{MethodInput, attachments, municipality_name, reviewer};
use crate::app::AppState;
use crate::auth::{Actor, RequestMeta};
use crate::error::{ApiError, AppError};
use crate::store::knowledge::{AttachmentRow, CommentRow, ReviewRow, VersionRow};
use crate::web::extract::{Path, Query};
use crate::web::json::ApiJson;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use knowledge_search::DIMENSIONS;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A value of a facet with its count among the matches.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FacetValue {
    /// Code (use it as the filter parameter's value).
    pub code: String,
    /// Danish label.
    pub label: String,
    /// Matching methods with this value.
    pub count: u64,
}

/// One search hit.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SearchHit {
    /// The method.
    pub method_id: i64,
    /// The published version.
    pub version: i64,
    /// Relevance; higher is better.
    pub score: f32,
    /// Title.
    pub title: String,
    /// Title as HTML, escaped, matched words in `<mark>`.
    pub title_html: String,
    /// Best passage as HTML, escaped, matched words in `<mark>`.
    pub snippet_html: String,
    /// The submitting municipality.
    pub municipality: String,
    /// Codes of theme, life_area, target_group and evidence_level.
    pub facets: BTreeMap<String, String>,
}

/// A search's answer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SearchAnswer {
    /// Matching methods in all.
    pub total: usize,
    /// The page of hits, best first.
    pub hits: Vec<SearchHit>,
    /// Per dimension (theme, life_area, target_group, evidence_level) each value with its count of
    /// matches under the text and the OTHER dimensions' filters (the dimension's own left out).
    pub facets: BTreeMap<String, Vec<FacetValue>>,
}

/// Searches the published methods.
#[utoipa::path(get, path = "/api/v1/knowledge/search", tag = "knowledge", params(SearchParams),
    responses((status = 200, body = SearchAnswer), (status = 422, body = crate::error::Problem)))]
pub async fn search(State(state): State<AppState>, _actor: Actor, Query(params): Query<SearchParams>) -> Result<Json<SearchAnswer>, ApiError> {
    let query = params.check().map_err(AppError::Invalid)?;
    let results = index::search(&state, &query).await?;
    let hits = results
        .hits
        .into_iter()
        .map(|h| SearchHit {
            method_id: i64::try_from(h.id).unwrap_or_default(),
            version: i64::try_from(h.version).unwrap_or_default(),
            score: h.score,
            title: h.title.text(),
            title_html: h.title.to_html(),
            snippet_html: h.snippet.to_html(),
            municipality: h.municipality,
            facets: h.facets.into_iter().map(|(d, code)| (d.key().to_string(), code)).collect(),
        })
        .collect();
    let facets = DIMENSIONS
        .iter()
        .map(|d| {
            let values = results.facets.get(d).into_iter().flatten();
            let values = values.map(|(code, count)| FacetValue { code: code.clone(), label: super::label(d.key(), code).to_string(), count: *count }).collect();
            (d.key().to_string(), values)
        })
        .collect();
    Ok(Json(SearchAnswer { total: results.total, hits, facets }))
}

/// A method with what the caller may see of it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MethodView {
    /// The method.
    pub method_id: i64,
    /// The submitting municipality's code.
    pub municipality_code: String,
    /// Its name.
    pub municipality: String,
    /// The version now published, if any.
    pub published_version: Option<i64>,
    /// Versions the caller may see, oldest first.
    pub versions: Vec<VersionRow>,
    /// The secretariat's decisions (for the author municipality and the secretariat).
    pub reviews: Vec<ReviewRow>,
    /// Attachments.
    pub attachments: Vec<AttachmentRow>,
    /// Comments and questions.
    pub comments: Vec<CommentRow>,
}

async fn view(state: &AppState, actor: &Actor, l: Loaded) -> Result<MethodView, AppError> {
    let id = l.method.id;
    let reviews = if super::is_author(actor, &l.method) || actor.role.is_national() { state.store.method_reviews(id).await? } else { Vec::new() };
    let shown: Vec<i64> = l.versions.iter().map(|v| v.version).collect();
    let attachments = state.store.method_attachments(id).await?.into_iter().filter(|a| shown.contains(&a.version)).collect();
    Ok(MethodView {
        method_id: id,
        municipality: municipality_name(&l.method.municipality_code),
        municipality_code: l.method.municipality_code,
        published_version: l.method.published_version,
        versions: l.versions,
        reviews,
        attachments,
        comments: state.store.method_comments(id).await?,
    })
}

/// A method.
#[utoipa::path(get, path = "/api/v1/knowledge/methods/{id}", tag = "knowledge", params(("id" = i64, Path)),
    responses((status = 200, body = MethodView), (status = 404, body = crate::error::Problem)))]
pub async fn show(State(state): State<AppState>, actor: Actor, Path(id): Path<i64>) -> Result<Json<MethodView>, ApiError> {
    let loaded = service::load(&state, &actor, id).await?;
    Ok(Json(view(&state, &actor, loaded).await?))
}

/// Where a workflow step left the method.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Step {
    /// The method.
    pub method_id: i64,
    /// The version concerned.
    pub version: i64,
}

/// Describes a new method (version 1, a draft) for the caller's municipality.
#[utoipa::path(post, path = "/api/v1/knowledge/methods", tag = "knowledge", request_body = MethodInput,
    responses((status = 201, body = Step), (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn create(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    body: Result<ApiJson<MethodInput>, ApiError>,
) -> Result<(StatusCode, Json<Step>), ApiError> {
    super::drafter(&actor)?;
    let ApiJson(input) = body?;
    let id = service::create(&state, &actor, &meta, &input).await?;
    Ok((StatusCode::CREATED, Json(Step { method_id: id, version: 1 })))
}

/// Changes the newest version while it is a draft or changes were requested.
#[utoipa::path(put, path = "/api/v1/knowledge/methods/{id}", tag = "knowledge", params(("id" = i64, Path)), request_body = MethodInput,
    responses((status = 200, body = Step), (status = 403, body = crate::error::Problem), (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn update(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<MethodInput>, ApiError>,
) -> Result<Json<Step>, ApiError> {
    super::drafter(&actor)?;
    service::load_own(&state, &actor, id).await?;
    let ApiJson(input) = body?;
    let version = service::update(&state, &actor, &meta, id, &input).await?;
    Ok(Json(Step { method_id: id, version }))
}

/// Sends the newest version to the national secretariat (managers only).
#[utoipa::path(post, path = "/api/v1/knowledge/methods/{id}/submit", tag = "knowledge", params(("id" = i64, Path)),
    responses((status = 200, body = Step), (status = 403, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
pub async fn submit(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>) -> Result<Json<Step>, ApiError> {
    let version = service::submit(&state, &actor, &meta, id).await?;
    Ok(Json(Step { method_id: id, version }))
}

/// Starts a new draft version from the published (or rejected) one.
#[utoipa::path(post, path = "/api/v1/knowledge/methods/{id}/versions", tag = "knowledge", params(("id" = i64, Path)),
    responses((status = 201, body = Step), (status = 403, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
pub async fn new_version(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>) -> Result<(StatusCode, Json<Step>), ApiError> {
    let version = service::new_version(&state, &actor, &meta, id).await?;
    Ok((StatusCode::CREATED, Json(Step { method_id: id, version })))
}

/// The secretariat's decision on the version waiting for review.
#[utoipa::path(post, path = "/api/v1/knowledge/methods/{id}/review", tag = "knowledge", params(("id" = i64, Path)), request_body = DecisionInput,
    responses((status = 200, body = Step), (status = 403, body = crate::error::Problem), (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn decide(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<DecisionInput>, ApiError>,
) -> Result<Json<Step>, ApiError> {
    super::reviewer(&actor)?;
    super::service::load(&state, &actor, id).await?;
    let ApiJson(input) = body?;
    review::decide(&state, &actor, &meta, id, &input).await?;
    Ok(Json(Step { method_id: id, version: input.version }))
}

/// Versions waiting for the secretariat.
#[utoipa::path(get, path = "/api/v1/knowledge/review-queue", tag = "knowledge",
    params(crate::web::paging::PageParams),
    responses((status = 200, body = Vec<VersionRow>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))), (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn queue(State(state): State<AppState>, actor: Actor, paging: crate::web::paging::Paging) -> Result<crate::web::paging::Page<VersionRow>, ApiError> {
    reviewer(&actor)?;
    Ok(paging.slice(state.store.review_queue().await?.into_iter().map(|l| l.version).collect()))
}

/// Comments on or asks about a published method; its municipality is notified.
#[utoipa::path(post, path = "/api/v1/knowledge/methods/{id}/comments", tag = "knowledge", params(("id" = i64, Path)), request_body = CommentInput,
    responses((status = 201, body = i64, content_type = "application/json"), (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn comment(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<CommentInput>, ApiError>,
) -> Result<(StatusCode, Json<i64>), ApiError> {
    super::service::load(&state, &actor, id).await?;
    let ApiJson(input) = body?;
    Ok((StatusCode::CREATED, Json(comments::add(&state, &actor, &meta, id, &input).await?)))
}

/// `?file_name=…` for an upload.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct Upload {
    /// The file's name; its ending must fit the content (pdf, png, jpg, txt, csv).
    #[serde(default)]
    pub file_name: String,
}

/// Attaches a file (the request body, at most 5 MB) to the newest draft version.
#[utoipa::path(post, path = "/api/v1/knowledge/methods/{id}/attachments", tag = "knowledge", params(("id" = i64, Path), Upload),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = i64, content_type = "application/json"), (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn attach(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Query(q): Query<Upload>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<i64>), ApiError> {
    let declared = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
    Ok((StatusCode::CREATED, Json(attachments::add(&state, &actor, &meta, id, &q.file_name, declared, &body).await?)))
}
