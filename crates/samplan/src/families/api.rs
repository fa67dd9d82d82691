//! `/api/v1/families`: list, read and create families of the caller's municipality.
use super::FamilyInput;
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::error::{ApiError, AppError};
use crate::persons::PersonView;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::families::FamilyRow;
use crate::web::extract::{Path, Query};
use crate::web::json::ApiJson;
use crate::web::paging::{Page, PageParams, Paging};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

/// List parameters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ListParams {
    /// Part of the family's name.
    #[serde(default)]
    pub q: Option<String>,
}

/// A family with its members.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FamilyView {
    /// The family.
    #[serde(flatten)]
    pub family: FamilyRow,
    /// Its members, adults first.
    pub members: Vec<PersonView>,
}

/// List the municipality's families.
#[utoipa::path(get, path = "/api/v1/families", tag = "families", params(ListParams, PageParams),
    responses((status = 200, body = Vec<FamilyRow>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))),
        (status = 422, body = crate::error::Problem)))]
pub async fn list(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    paging: Paging,
    Query(p): Query<ListParams>,
) -> Result<Page<FamilyRow>, ApiError> {
    let access = actor.person_access(&state.store).await?;
    let q = p.q.as_deref().map(str::to_lowercase);
    let rows = state.store.families(access.tenant(), access.reach(), q.as_deref(), paging.fetch(), paging.offset()).await?;
    let page = paging.page(rows);
    let events = page.items.iter().map(|f| meta.event(&actor, AuditAction::Read, AuditEntity::Family, Some(f.id), "familieliste (API)")).collect();
    record(&state, events).await?;
    Ok(page)
}

/// Read a family and its members.
#[utoipa::path(get, path = "/api/v1/families/{id}", tag = "families", params(("id" = i64, Path)),
    responses((status = 200, body = FamilyView), (status = 404, body = crate::error::Problem)))]
pub async fn show(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>) -> Result<Json<FamilyView>, ApiError> {
    let (family, members) = actor.person_access(&state.store).await?.family(&state.store, id).await?;
    let mut events = vec![meta.event(&actor, AuditAction::Read, AuditEntity::Family, Some(id), "familie (API)")];
    events.extend(members.iter().map(|m| meta.event(&actor, AuditAction::Read, AuditEntity::Person, Some(m.id), "familiemedlem (API)")));
    record(&state, events).await?;
    let members = members.into_iter().map(|m| PersonView::new(m, &state.vault, &actor)).collect();
    Ok(Json(FamilyView { family, members }))
}

/// Create a family.
#[utoipa::path(post, path = "/api/v1/families", tag = "families", request_body = FamilyInput,
    responses((status = 201, body = FamilyRow), (status = 422, body = crate::error::Problem)))]
pub async fn create(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    body: Result<ApiJson<FamilyInput>, ApiError>,
) -> Result<(StatusCode, Json<FamilyRow>), ApiError> {
    let tenant = actor.person_writer()?;
    let ApiJson(input) = body?;
    let fields = input.parse().map_err(AppError::Invalid)?;
    let id = state.store.create_family(&tenant, &fields).await?;
    record(&state, vec![meta.event(&actor, AuditAction::Create, AuditEntity::Family, Some(id), "oprettet (API)")]).await?;
    let family = state.store.family(&tenant, id).await?.ok_or(AppError::NotFound("familien"))?;
    Ok((StatusCode::CREATED, Json(family)))
}
