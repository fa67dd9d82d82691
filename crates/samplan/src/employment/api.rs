//! `/api/v1/companies`, `/api/v1/openings` (with `/matches`), `/api/v1/persons/{id}/matches`
//! and `/employment-profile`, `/api/v1/employment/proposals` and the decision per pair.
//! Lists are paged as every API list (decision 006): `limit`, `cursor`, `Link: rel="next"`.
use super::service::{self, Decision, MatchQuery, MatchView, PairView, ProfileView, ProposalView};
use super::{CompanyFilter, CompanyInput, CompanyView, ContactInput, ContactView, OpeningFilter, OpeningInput, OpeningView, ProfileInput};
use crate::app::AppState;
use crate::auth::{Actor, RequestMeta};
use crate::error::{ApiError, Problem};
use crate::web::extract::{Path, Query};
use crate::web::json::ApiJson;
use crate::web::paging::{Page, PageParams, Paging};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

/// The municipality's companies, by id, paged; `q` filters on name or CVR.
#[utoipa::path(get, path = "/api/v1/companies", tag = "employment", params(PageParams, CompanyFilter),
    responses((status = 200, body = Vec<CompanyView>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn companies(State(state): State<AppState>, actor: Actor, paging: Paging, Query(f): Query<CompanyFilter>) -> Result<Page<CompanyView>, ApiError> {
    Ok(service::companies(&state, &actor, &f, &paging).await?)
}

/// Register a company (business consultants). The CVR number is checked with its modulus-11 check.
#[utoipa::path(post, path = "/api/v1/companies", tag = "employment", request_body = CompanyInput,
    responses((status = 201, body = CompanyView), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn create_company(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    body: Result<ApiJson<CompanyInput>, ApiError>,
) -> Result<(StatusCode, Json<CompanyView>), ApiError> {
    actor.business_consultant(&state.store).await?;
    let ApiJson(input) = body?;
    Ok((StatusCode::CREATED, Json(service::create_company(&state, &actor, &meta, &input).await?)))
}

/// One company with its contacts.
#[utoipa::path(get, path = "/api/v1/companies/{id}", tag = "employment", params(("id" = i64, Path)),
    responses((status = 200, body = CompanyView), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn company(State(state): State<AppState>, actor: Actor, Path(id): Path<i64>) -> Result<Json<CompanyView>, ApiError> {
    Ok(Json(service::company(&state, &actor, id).await?))
}

/// Change a company (business consultants; all fields).
#[utoipa::path(put, path = "/api/v1/companies/{id}", tag = "employment", params(("id" = i64, Path)), request_body = CompanyInput,
    responses((status = 200, body = CompanyView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn update_company(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<CompanyInput>, ApiError>,
) -> Result<Json<CompanyView>, ApiError> {
    service::editable_company(&state, &actor, id).await?;
    let ApiJson(input) = body?;
    Ok(Json(service::update_company(&state, &actor, &meta, id, &input).await?))
}

/// Add a contact person to a company (business consultants).
#[utoipa::path(post, path = "/api/v1/companies/{id}/contacts", tag = "employment", params(("id" = i64, Path)), request_body = ContactInput,
    responses((status = 201, body = ContactView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn add_contact(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<ContactInput>, ApiError>,
) -> Result<(StatusCode, Json<ContactView>), ApiError> {
    service::editable_company(&state, &actor, id).await?;
    let ApiJson(input) = body?;
    Ok((StatusCode::CREATED, Json(service::add_contact(&state, &actor, &meta, id, &input).await?)))
}

/// The municipality's openings, by id, paged; open ones unless `open=false`.
#[utoipa::path(get, path = "/api/v1/openings", tag = "employment", params(PageParams, OpeningFilter),
    responses((status = 200, body = Vec<OpeningView>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn openings(State(state): State<AppState>, actor: Actor, paging: Paging, Query(f): Query<OpeningFilter>) -> Result<Page<OpeningView>, ApiError> {
    Ok(service::openings(&state, &actor, &f, &paging).await?)
}

/// Create an opening (business consultants).
#[utoipa::path(post, path = "/api/v1/openings", tag = "employment", request_body = OpeningInput,
    responses((status = 201, body = OpeningView), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn create_opening(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    body: Result<ApiJson<OpeningInput>, ApiError>,
) -> Result<(StatusCode, Json<OpeningView>), ApiError> {
    actor.business_consultant(&state.store).await?;
    let ApiJson(input) = body?;
    Ok((StatusCode::CREATED, Json(service::create_opening(&state, &actor, &meta, &input).await?)))
}

/// One opening.
#[utoipa::path(get, path = "/api/v1/openings/{id}", tag = "employment", params(("id" = i64, Path)),
    responses((status = 200, body = OpeningView), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn opening(State(state): State<AppState>, actor: Actor, Path(id): Path<i64>) -> Result<Json<OpeningView>, ApiError> {
    Ok(Json(service::opening(&state, &actor, id).await?))
}

/// Change an opening (business consultants; all fields).
#[utoipa::path(put, path = "/api/v1/openings/{id}", tag = "employment", params(("id" = i64, Path)), request_body = OpeningInput,
    responses((status = 200, body = OpeningView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn update_opening(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<OpeningInput>, ApiError>,
) -> Result<Json<OpeningView>, ApiError> {
    service::editable_opening(&state, &actor, id).await?;
    let ApiJson(input) = body?;
    Ok(Json(service::update_opening(&state, &actor, &meta, id, &input).await?))
}

/// The job-ready persons the reader may read who fit an opening, best first, with reasons.
#[utoipa::path(get, path = "/api/v1/openings/{id}/matches", tag = "employment", params(("id" = i64, Path), PageParams, MatchQuery),
    responses((status = 200, body = Vec<MatchView>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn opening_matches(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    paging: Paging,
    Query(q): Query<MatchQuery>,
) -> Result<Page<MatchView>, ApiError> {
    Ok(service::matches_for_opening(&state, &actor, &meta, id, &q, &paging).await?.1)
}

/// The open openings with free seats that fit a person, best first, with reasons.
#[utoipa::path(get, path = "/api/v1/persons/{id}/matches", tag = "employment", params(("id" = i64, Path), PageParams, MatchQuery),
    responses((status = 200, body = Vec<MatchView>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn person_matches(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    paging: Paging,
    Query(q): Query<MatchQuery>,
) -> Result<Page<MatchView>, ApiError> {
    Ok(service::matches_for_person(&state, &actor, &meta, id, &q, &paging).await?)
}

/// A person's employment profile (skills, ISCO-08 group, education, Danish level, licence, hours).
#[utoipa::path(get, path = "/api/v1/persons/{id}/employment-profile", tag = "employment", params(("id" = i64, Path)),
    responses((status = 200, body = ProfileView), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn profile(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>) -> Result<Json<ProfileView>, ApiError> {
    Ok(Json(service::profile(&state, &actor, &meta, id).await?))
}

/// Set a person's employment profile (caseworkers, coordinators, business consultants).
#[utoipa::path(put, path = "/api/v1/persons/{id}/employment-profile", tag = "employment", params(("id" = i64, Path)), request_body = ProfileInput,
    responses((status = 200, body = ProfileView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn save_profile(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<ProfileInput>, ApiError>,
) -> Result<Json<ProfileView>, ApiError> {
    service::profile_writer(&state, &actor, id).await?;
    let ApiJson(input) = body?;
    Ok(Json(service::save_profile(&state, &actor, &meta, id, &input).await?))
}

/// "Lav matchforslag": one optimal round over all open openings and job-ready persons
/// (business consultants). Pairs whose person the reader cannot read are left out of the answer.
#[utoipa::path(post, path = "/api/v1/employment/proposals", tag = "employment",
    responses((status = 201, body = ProposalView), (status = 403, body = Problem)))]
pub async fn propose(State(state): State<AppState>, actor: Actor, meta: RequestMeta) -> Result<(StatusCode, Json<ProposalView>), ApiError> {
    Ok((StatusCode::CREATED, Json(service::make_proposal(&state, &actor, &meta).await?)))
}

/// One proposal with its pairs.
#[utoipa::path(get, path = "/api/v1/employment/proposals/{id}", tag = "employment", params(("id" = i64, Path)),
    responses((status = 200, body = ProposalView), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn proposal(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>) -> Result<Json<ProposalView>, ApiError> {
    Ok(Json(service::proposal(&state, &actor, &meta, id).await?))
}

/// Accept (`accept`) or override (`override`, reason required) a proposed pair
/// (business consultants). Accepting adds a jobcentre action to the family plan.
#[utoipa::path(post, path = "/api/v1/employment/pairs/{id}/decision", tag = "employment", params(("id" = i64, Path)), request_body = service::PairDecision,
    responses((status = 200, body = PairView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn decide(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<Decision>, ApiError>,
) -> Result<Json<PairView>, ApiError> {
    service::decidable_pair(&state, &actor, id).await?;
    let ApiJson(d) = body?;
    Ok(Json(service::decide(&state, &actor, &meta, id, &d).await?))
}

/// A person's IGU courses with what the rule set requires of each and warnings when
/// school weeks or work hours fall behind.
#[utoipa::path(get, path = "/api/v1/persons/{id}/igu", tag = "employment", params(("id" = i64, Path), PageParams),
    responses((status = 200, body = Vec<super::igu::IguView>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn igu(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    paging: Paging,
) -> Result<Page<super::igu::IguView>, ApiError> {
    Ok(paging.slice(super::igu::list(&state, &actor, &meta, id).await?))
}

/// Record an IGU course (business consultants). The end and the school weeks come from
/// the rule set in force on the start; eligibility and the start-by date are checked.
#[utoipa::path(post, path = "/api/v1/persons/{id}/igu", tag = "employment", params(("id" = i64, Path)), request_body = super::igu::IguInput,
    responses((status = 201, body = super::igu::IguView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn add_igu(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<super::igu::IguInput>, ApiError>,
) -> Result<(StatusCode, Json<super::igu::IguView>), ApiError> {
    super::igu::writer(&state, &actor, id).await?;
    let ApiJson(input) = body?;
    Ok((StatusCode::CREATED, Json(super::igu::save(&state, &actor, &meta, id, None, &input).await?)))
}

/// Update an IGU course: school weeks taken, average work hours (business consultants).
#[utoipa::path(put, path = "/api/v1/persons/{id}/igu/{course}", tag = "employment", params(("id" = i64, Path), ("course" = i64, Path)), request_body = super::igu::IguInput,
    responses((status = 200, body = super::igu::IguView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn update_igu(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((id, course)): Path<(i64, i64)>,
    body: Result<ApiJson<super::igu::IguInput>, ApiError>,
) -> Result<Json<super::igu::IguView>, ApiError> {
    super::igu::writer(&state, &actor, id).await?;
    let ApiJson(input) = body?;
    Ok(Json(super::igu::save(&state, &actor, &meta, id, Some(course), &input).await?))
}

/// A person's work duty reductions, newest first.
#[utoipa::path(get, path = "/api/v1/persons/{id}/work-duty-reductions", tag = "employment", params(("id" = i64, Path), PageParams),
    responses((status = 200, body = Vec<super::reduction::ReductionView>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn reductions(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    paging: Paging,
) -> Result<Page<super::reduction::ReductionView>, ApiError> {
    Ok(paging.slice(super::reduction::list(&state, &actor, &meta, id).await?))
}

/// Records a reduction of a person's work duty (caseworkers and coordinators): weekly hours,
/// first and last day, reason. The rules engine applies it to the 37-hour check.
#[utoipa::path(post, path = "/api/v1/persons/{id}/work-duty-reductions", tag = "employment", params(("id" = i64, Path)), request_body = super::reduction::ReductionInput,
    responses((status = 201, body = super::reduction::ReductionView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn add_reduction(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<super::reduction::ReductionInput>, ApiError>,
) -> Result<(StatusCode, Json<super::reduction::ReductionView>), ApiError> {
    super::reduction::writer(&state, &actor, id).await?;
    let ApiJson(input) = body?;
    Ok((StatusCode::CREATED, Json(super::reduction::add(&state, &actor, &meta, id, &input).await?)))
}
