//! `/api/v1/persons`: search, read, create and change persons of the caller's municipality.
use super::{PersonInput, PersonView, changed_fields, parse_query};
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::{FieldError, ResidenceBasis};
use crate::error::{ApiError, AppError};
use crate::store::Tenant;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::web::extract::{Path, Query};
use crate::web::json::ApiJson;
use crate::web::paging::{Page, PageParams, Paging};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

/// Search parameters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct SearchParams {
    /// Part of a name (at least two letters), a CPR number or a birth date.
    #[param(pattern = r"[^\W\d_].*[^\W\d_]")]
    pub q: String,
}

/// Search persons of the caller's municipality.
#[utoipa::path(get, path = "/api/v1/persons", tag = "persons", params(SearchParams, PageParams),
    responses((status = 200, body = Vec<PersonView>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))),
        (status = 422, body = crate::error::Problem)))]
pub async fn search(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    paging: Paging,
    Query(params): Query<SearchParams>,
) -> Result<Page<PersonView>, ApiError> {
    let access = actor.person_access(&state.store).await?;
    let query = parse_query(&params.q, &state.vault)?;
    let rows = state.store.search_persons_page(access.tenant(), access.reach(), &query, paging.fetch(), paging.offset()).await?;
    let page = paging.page(rows);
    let events = page.items.iter().map(|r| meta.event(&actor, AuditAction::Read, AuditEntity::Person, Some(r.id), "søgeresultat (API)")).collect();
    record(&state, events).await?;
    Ok(page.map(|r| PersonView::new(r, &state.vault, &actor)))
}

/// Read one person.
#[utoipa::path(get, path = "/api/v1/persons/{id}", tag = "persons", params(("id" = i64, Path)),
    responses((status = 200, body = PersonView), (status = 404, body = crate::error::Problem)))]
pub async fn show(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>) -> Result<Json<PersonView>, ApiError> {
    let row = actor.person_access(&state.store).await?.person(&state.store, id).await?;
    record(&state, vec![meta.event(&actor, AuditAction::Read, AuditEntity::Person, Some(id), "personoplysninger (API)")]).await?;
    Ok(Json(PersonView::new(row, &state.vault, &actor)))
}

/// Create a person.
#[utoipa::path(post, path = "/api/v1/persons", tag = "persons", request_body = PersonInput,
    responses((status = 201, body = PersonView), (status = 422, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
pub async fn create(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    body: Result<ApiJson<PersonInput>, ApiError>,
) -> Result<(StatusCode, Json<PersonView>), ApiError> {
    let tenant = actor.person_writer()?;
    let ApiJson(input) = body?;
    let (cpr, fields) = input.parse(true).map_err(AppError::Invalid)?;
    let cpr = cpr.expect("required when creating");
    check_family(&state, &tenant, fields.family_id).await?;
    let id = state.store.create_person(&tenant, &state.vault.encrypt(&cpr), &state.vault.lookup_hash(&cpr), &fields).await?;
    if let Some(quota) = input.quota_refugee {
        state.store.set_quota_refugee(&tenant, id, quota).await?;
    }
    crate::deadlines::recompute(&state.store, &tenant, id, &crate::deadlines::municipality_rules(&state.store, &tenant).await?).await?;
    record(&state, vec![meta.event(&actor, AuditAction::Create, AuditEntity::Person, Some(id), "oprettet (API)")]).await?;
    let row = state.store.person(&tenant, id).await?.ok_or(AppError::NotFound("personen"))?;
    Ok((StatusCode::CREATED, Json(PersonView::new(row, &state.vault, &actor))))
}

/// Replace a person's fields (all but the CPR number; omitted optional fields become empty).
#[utoipa::path(put, path = "/api/v1/persons/{id}", tag = "persons", params(("id" = i64, Path)), request_body = super::PersonChange,
    responses((status = 200, body = PersonView), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn update(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<PersonInput>, ApiError>,
) -> Result<Json<PersonView>, ApiError> {
    let tenant = actor.person_writer()?;
    let old = state.store.person(&tenant, id).await?.ok_or(AppError::NotFound("personen"))?;
    let ApiJson(input) = body?;
    let fields = parse_update(&input, &old)?;
    check_family(&state, &tenant, fields.family_id).await?;
    let changed = changed_fields(&old, &fields);
    // Saved as it was: nothing changes, nothing is recorded as a change.
    let quota = input.quota_refugee.map(|q| q && fields.residence_basis == ResidenceBasis::Refugee);
    let mut changed = changed;
    if quota.is_some_and(|q| q != (old.quota_refugee == 1)) {
        changed.push("quota_refugee");
    }
    if !changed.is_empty() {
        state.store.update_person(&tenant, id, &fields).await?;
        if let Some(quota) = quota {
            state.store.set_quota_refugee(&tenant, id, quota).await?;
        }
        crate::deadlines::recompute(&state.store, &tenant, id, &crate::deadlines::municipality_rules(&state.store, &tenant).await?).await?;
        record(&state, vec![meta.event(&actor, AuditAction::Update, AuditEntity::Person, Some(id), format!("ændret: {}", changed.join(", ")))]).await?;
    }
    let row = state.store.person(&tenant, id).await?.ok_or(AppError::NotFound("personen"))?;
    Ok(Json(PersonView::new(row, &state.vault, &actor)))
}

/// Parses an update: the CPR number cannot change; birth date and family role stay as
/// they were unless given.
pub(crate) fn parse_update(input: &PersonInput, old: &crate::store::persons::PersonRow) -> Result<crate::store::persons::PersonFields, AppError> {
    if input.cpr.as_deref().is_some_and(|c| !c.trim().is_empty()) {
        return Err(FieldError::new("cpr", "CPR-nummeret kan ikke ændres; opret personen på ny ved fejl").into());
    }
    let (_, mut fields) = input.parse(false).map_err(AppError::Invalid)?;
    fields.birth_date = old.birth_date.clone();
    if input.family_role.as_deref().is_none_or(|r| r.trim().is_empty()) {
        fields.family_role = old.family_role.clone();
    }
    Ok(fields)
}

/// A family id given with a person must be one of the municipality's families.
pub(crate) async fn check_family(state: &AppState, tenant: &Tenant, family_id: Option<i64>) -> Result<(), AppError> {
    if let Some(fid) = family_id
        && state.store.family(tenant, fid).await?.is_none()
    {
        return Err(FieldError::new("family_id", format!("familien {fid} findes ikke i kommunen")).into());
    }
    Ok(())
}
