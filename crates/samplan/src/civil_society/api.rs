//! `/api/v1/organisations`, `/api/v1/offers`, `/api/v1/persons/{id}/offer-matches`,
//! `/api/v1/offer-referrals`, `/api/v1/persons/{id}/participations` and
//! `/api/v1/fritidspas`: the same service functions as the pages, errors as problem+json.
//! Lists are paged as every list of the API (decision 006): `limit` and `cursor`, the
//! JSON array of the page and `Link: <…>; rel="next"` while another page follows.
use super::Window;
use super::matching::OfferMatch;
use super::service::{self as svc, *};
use super::sharing::ReferralView;
use crate::app::AppState;
use crate::auth::{Actor, RequestMeta};
use crate::error::{ApiError, AppError, Problem};
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::civil_society::{OfferFilter, ReferralFilter};
use crate::web::extract::{Path, Query};
use crate::web::json::ApiJson;
use crate::web::paging::{Page, PageParams, Paging};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

/// Filters of the organisation list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct OrganisationQuery {
    /// Kind code.
    #[param(pattern = "^(association|volunteer_group|housing_association|business|faith_or_cultural|volunteer_centre)?$")]
    pub kind: Option<String>,
    /// Part of the name.
    pub q: Option<String>,
}

/// Partner organisations (a volunteer coordinator sees only their own).
#[utoipa::path(get, path = "/api/v1/organisations", tag = "civil_society", params(OrganisationQuery, PageParams),
    responses((status = 200, body = Vec<OrganisationView>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn organisations(
    State(state): State<AppState>,
    actor: Actor,
    paging: Paging,
    Query(q): Query<OrganisationQuery>,
) -> Result<Page<OrganisationView>, ApiError> {
    Ok(paging.page(svc::organisations(&state, &actor, q.kind.as_deref(), q.q.as_deref().unwrap_or(""), Window::of(&paging)).await?))
}

/// Register an organisation (caseworkers, coordinators, managers, administrators, the volunteer centre).
#[utoipa::path(post, path = "/api/v1/organisations", tag = "civil_society", request_body = OrganisationInput,
    responses((status = 201, body = OrganisationView), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn create_organisation(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    body: Result<ApiJson<OrganisationInput>, ApiError>,
) -> Result<(StatusCode, Json<OrganisationView>), ApiError> {
    svc::registry_keeper(&state, &actor).await?;
    let ApiJson(input) = body?;
    Ok((StatusCode::CREATED, Json(svc::create_organisation(&state, &actor, &meta, &input).await?)))
}

/// One organisation.
#[utoipa::path(get, path = "/api/v1/organisations/{id}", tag = "civil_society", params(("id" = i64, Path)),
    responses((status = 200, body = OrganisationView), (status = 404, body = Problem)))]
pub async fn organisation(State(state): State<AppState>, actor: Actor, Path(id): Path<i64>) -> Result<Json<OrganisationView>, ApiError> {
    Ok(Json(svc::organisation(&state, &actor, id).await?.organisation))
}

/// Change an organisation (values equal to the stored ones change nothing and are not audited).
#[utoipa::path(put, path = "/api/v1/organisations/{id}", tag = "civil_society", params(("id" = i64, Path)), request_body = OrganisationInput,
    responses((status = 200, body = OrganisationView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn update_organisation(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<OrganisationInput>, ApiError>,
) -> Result<Json<OrganisationView>, ApiError> {
    svc::editable_organisation(&state, &actor, id).await?;
    let ApiJson(input) = body?;
    Ok(Json(svc::update_organisation(&state, &actor, &meta, id, &input).await?.0))
}

/// Filters of the offer list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct OfferQuery {
    /// Only this organisation's.
    pub organisation_id: Option<i64>,
    /// Kind code.
    #[param(pattern = "^(activity|mentor|homework_help|sports_leisure|language_cafe)?$")]
    pub kind: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// Only those fritidspas can pay for.
    #[serde(default)]
    pub fritidspas: bool,
}

/// Offers (a volunteer coordinator sees only their organisation's).
#[utoipa::path(get, path = "/api/v1/offers", tag = "civil_society", params(OfferQuery, PageParams),
    responses((status = 200, body = Vec<OfferView>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn offers(State(state): State<AppState>, actor: Actor, paging: Paging, Query(q): Query<OfferQuery>) -> Result<Page<OfferView>, ApiError> {
    let filter = OfferFilter {
        organisation_id: q.organisation_id,
        kind: q.kind,
        postal_code: q.postal_code.filter(|p| !p.is_empty()),
        fritidspas: q.fritidspas,
        inactive: false,
    };
    Ok(paging.page(svc::offers(&state, &actor, filter, Window::of(&paging)).await?))
}

/// Create an offer.
#[utoipa::path(post, path = "/api/v1/offers", tag = "civil_society", request_body = OfferInput,
    responses((status = 201, body = OfferView), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn create_offer(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    body: Result<ApiJson<OfferInput>, ApiError>,
) -> Result<(StatusCode, Json<OfferView>), ApiError> {
    svc::offer_creator(&state, &actor).await?;
    let ApiJson(input) = body?;
    Ok((StatusCode::CREATED, Json(svc::create_offer(&state, &actor, &meta, &input.into()).await?)))
}

/// One offer.
#[utoipa::path(get, path = "/api/v1/offers/{id}", tag = "civil_society", params(("id" = i64, Path)),
    responses((status = 200, body = OfferView), (status = 404, body = Problem)))]
pub async fn offer(State(state): State<AppState>, actor: Actor, Path(id): Path<i64>) -> Result<Json<OfferView>, ApiError> {
    Ok(Json(svc::offer(&state, &actor, id).await?))
}

/// Change an offer (values equal to the stored ones change nothing and are not audited).
#[utoipa::path(put, path = "/api/v1/offers/{id}", tag = "civil_society", params(("id" = i64, Path)), request_body = OfferInput,
    responses((status = 200, body = OfferView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn update_offer(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<OfferInput>, ApiError>,
) -> Result<Json<OfferView>, ApiError> {
    svc::editable_offer(&state, &actor, id).await?;
    let ApiJson(input) = body?;
    Ok(Json(svc::update_offer(&state, &actor, &meta, id, &input.into()).await?.0))
}

/// Interests for matching.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct MatchQuery {
    /// Interest words or offer kinds, comma-separated (`fodbold,homework_help`).
    pub interests: Option<String>,
}

/// Offers ranked for a person or child by interest, age, distance, language and the week, with reasons.
#[utoipa::path(get, path = "/api/v1/persons/{id}/offer-matches", tag = "civil_society", params(("id" = i64, Path), MatchQuery, PageParams),
    responses((status = 200, body = Vec<OfferMatch>), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn offer_matches(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    paging: Paging,
    Query(q): Query<MatchQuery>,
) -> Result<Page<OfferMatch>, ApiError> {
    Ok(paging.slice(svc::matches(&state, &actor, &meta, id, q.interests.as_deref().unwrap_or("")).await?))
}

/// Filters of the referral list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ReferralQuery {
    /// Only of this person (staff).
    pub person_id: Option<i64>,
    /// Only to this organisation (staff).
    pub organisation_id: Option<i64>,
}

/// Referrals: the municipality's for caseworkers and coordinators, those to their organisation for its users (only the shared fields).
#[utoipa::path(get, path = "/api/v1/offer-referrals", tag = "civil_society", params(ReferralQuery, PageParams),
    responses((status = 200, body = Vec<ReferralView>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn referrals(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    paging: Paging,
    Query(q): Query<ReferralQuery>,
) -> Result<Page<ReferralView>, ApiError> {
    let filter = ReferralFilter { organisation_id: q.organisation_id, person_id: q.person_id };
    Ok(paging.page(svc::referrals(&state, &actor, &meta, filter, Window::of(&paging)).await?))
}

/// Refer a person to an organisation under a live consent, choosing the fields to share.
#[utoipa::path(post, path = "/api/v1/offer-referrals", tag = "civil_society", request_body = ReferralInput,
    responses((status = 201, body = ReferralView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn create_referral(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    body: Result<ApiJson<ReferralInput>, ApiError>,
) -> Result<(StatusCode, Json<ReferralView>), ApiError> {
    actor.person_writer()?;
    let ApiJson(input) = body?;
    Ok((StatusCode::CREATED, Json(svc::create_referral(&state, &actor, &meta, &input).await?)))
}

/// One referral.
#[utoipa::path(get, path = "/api/v1/offer-referrals/{id}", tag = "civil_society", params(("id" = i64, Path)),
    responses((status = 200, body = ReferralView), (status = 404, body = Problem)))]
pub async fn referral(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>) -> Result<Json<ReferralView>, ApiError> {
    Ok(Json(svc::referral(&state, &actor, &meta, id).await?.0))
}

/// The organisation's answer.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerInput {
    /// `accepted` or `declined`.
    pub status: String,
}

/// The organisation takes the referral or declines it.
#[utoipa::path(post, path = "/api/v1/offer-referrals/{id}/answer", tag = "civil_society", params(("id" = i64, Path)), request_body = AnswerInput,
    responses((status = 200, body = ReferralView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn answer(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<AnswerInput>, ApiError>,
) -> Result<Json<ReferralView>, ApiError> {
    svc::answerable_referral(&state, &actor, id).await?;
    let ApiJson(input) = body?;
    Ok(Json(svc::answer_referral(&state, &actor, &meta, id, &input.status).await?))
}

/// Record where the referred person stands (started, attending, member, ended).
#[utoipa::path(post, path = "/api/v1/offer-referrals/{id}/participation", tag = "civil_society", params(("id" = i64, Path)), request_body = ParticipationInput,
    responses((status = 200, body = ParticipationView), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn referral_participation(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<ParticipationInput>, ApiError>,
) -> Result<Json<ParticipationView>, ApiError> {
    svc::participation_referral(&state, &actor, id).await?;
    let ApiJson(input) = body?;
    Ok(Json(svc::record_referral_participation(&state, &actor, &meta, id, &input).await?))
}

/// A person's participations and own volunteering.
#[utoipa::path(get, path = "/api/v1/persons/{id}/participations", tag = "civil_society", params(("id" = i64, Path), PageParams),
    responses((status = 200, body = Vec<ParticipationView>), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn participations(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    paging: Paging,
) -> Result<Page<ParticipationView>, ApiError> {
    let access = actor.person_access(&state.store).await?;
    access.person(&state.store, id).await?;
    let out = svc::participations_of(&state, access.tenant(), id).await?;
    crate::auth::audit::record(&state, vec![meta.event(&actor, AuditAction::Read, AuditEntity::Person, Some(id), "deltagelse i foreninger (API)")]).await?;
    Ok(paging.slice(out))
}

/// Record a participation or the person's own volunteering.
#[utoipa::path(post, path = "/api/v1/persons/{id}/participations", tag = "civil_society", params(("id" = i64, Path)), request_body = StaffParticipationInput,
    responses((status = 201, body = ParticipationView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn add_participation(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<StaffParticipationInput>, ApiError>,
) -> Result<(StatusCode, Json<ParticipationView>), ApiError> {
    let tenant = actor.person_writer()?;
    state.store.person(&tenant, id).await?.ok_or(AppError::NotFound("personen"))?;
    let ApiJson(input) = body?;
    Ok((StatusCode::CREATED, Json(svc::add_participation(&state, &actor, &meta, id, &input).await?)))
}

/// Year (and child) of fritidspas decisions.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct GrantQuery {
    /// Year (this year when missing).
    pub year: Option<i64>,
    /// Only this child.
    pub person_id: Option<i64>,
}

fn this_year() -> i64 {
    use chrono::Datelike;
    i64::from(chrono::Local::now().date_naive().year())
}

/// A year's fritidspas decisions (caseworkers and coordinators).
#[utoipa::path(get, path = "/api/v1/fritidspas", tag = "civil_society", params(GrantQuery, PageParams),
    responses((status = 200, body = Vec<GrantView>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn grants(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    paging: Paging,
    Query(q): Query<GrantQuery>,
) -> Result<Page<GrantView>, ApiError> {
    Ok(paging.page(svc::grants(&state, &actor, &meta, q.year.unwrap_or_else(this_year), q.person_id, Window::of(&paging)).await?))
}

/// Decide a fritidspas application by the municipality's settings; the decision carries its reason.
#[utoipa::path(post, path = "/api/v1/fritidspas", tag = "civil_society", request_body = GrantInput,
    responses((status = 201, body = GrantView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn decide(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    body: Result<ApiJson<GrantInput>, ApiError>,
) -> Result<(StatusCode, Json<GrantView>), ApiError> {
    actor.person_writer()?;
    let ApiJson(input) = body?;
    Ok((StatusCode::CREATED, Json(svc::decide_grant(&state, &actor, &meta, &input).await?)))
}

/// The year's budget, granted and used.
#[utoipa::path(get, path = "/api/v1/fritidspas/budget", tag = "civil_society", params(GrantQuery),
    responses((status = 200, body = Budget), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn budget(State(state): State<AppState>, actor: Actor, Query(q): Query<GrantQuery>) -> Result<Json<Budget>, ApiError> {
    Ok(Json(svc::budget(&state, &actor, q.year.unwrap_or_else(this_year)).await?))
}

/// Set the municipality's thresholds, amounts and budget (managers and administrators).
#[utoipa::path(put, path = "/api/v1/fritidspas/settings", tag = "civil_society", request_body = SettingsInput,
    responses((status = 200, body = super::fritidspas::Settings), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn save_settings(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    body: Result<ApiJson<SettingsInput>, ApiError>,
) -> Result<Json<super::fritidspas::Settings>, ApiError> {
    svc::settings_keeper(&actor)?;
    let ApiJson(input) = body?;
    Ok(Json(svc::save_settings(&state, &actor, &meta, &input).await?.0))
}

/// How much of a grant is used.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UsedInput {
    /// Kroner used so far: from 0 to the grant's amount.
    #[schema(minimum = 0)]
    pub used_kr: i64,
}

/// Record how much of a grant has been used (the amount already stored changes nothing and is not audited).
#[utoipa::path(post, path = "/api/v1/fritidspas/{id}/used", tag = "civil_society", params(("id" = i64, Path)), request_body = UsedInput,
    responses((status = 200, body = GrantView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn used(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<UsedInput>, ApiError>,
) -> Result<Json<GrantView>, ApiError> {
    svc::grant_for_writer(&state, &actor, id).await?;
    let ApiJson(input) = body?;
    Ok(Json(svc::set_used(&state, &actor, &meta, id, &input.used_kr.to_string()).await?))
}
