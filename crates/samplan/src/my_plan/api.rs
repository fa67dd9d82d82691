//! `/api/v1/persons/{id}/myplan` (JSON) and `…/myplan.pdf`: the same Min plan as the
//! page, for staff of the person's municipality (filtered by consent) and for the citizen
//! themselves (their own and their children's), audited.
use super::MyPlan;
use super::pages::LangParam;
use super::service;
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::error::ApiError;
use crate::web::extract::{Path, Query};
use axum::Json;
use axum::extract::State;
use axum::response::Response;

/// A person's Min plan in a language.
#[utoipa::path(get, path = "/api/v1/persons/{id}/myplan", tag = "my_plan", params(("id" = i64, Path), LangParam),
    responses((status = 200, body = MyPlan), (status = 404, body = crate::error::Problem), (status = 422, description = "Ukendt sprog (feltet lang)", body = crate::error::Problem)))]
pub async fn show(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Query(q): Query<LangParam>,
) -> Result<Json<MyPlan>, ApiError> {
    let loaded = service::for_actor(&state, &actor, id, q.lang.as_deref()).await?;
    record(&state, vec![loaded.read_event(&meta, &actor, "API")]).await?;
    Ok(Json(loaded.plan))
}

/// A person's Min plan as an A4 PDF (one page, two when long) in a language.
#[utoipa::path(get, path = "/api/v1/persons/{id}/myplan.pdf", tag = "my_plan", params(("id" = i64, Path), LangParam),
    responses((status = 200, content_type = "application/pdf", description = "PDF"), (status = 404, body = crate::error::Problem), (status = 422, description = "Ukendt sprog (feltet lang)", body = crate::error::Problem)))]
pub async fn pdf(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Query(q): Query<LangParam>,
) -> Result<Response, ApiError> {
    let loaded = service::for_actor(&state, &actor, id, q.lang.as_deref()).await?;
    record(&state, vec![loaded.read_event(&meta, &actor, "PDF")]).await?;
    Ok(super::pdf::response(loaded.plan).await?)
}
