//! `/api/v1/audit` (administrators) and `/api/v1/me` (anyone logged in).
use super::AuditParams;
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::error::ApiError;
use crate::store::audit::{AuditAction, AuditEntity, AuditRow};
use crate::web::extract::Query;
use crate::web::paging::{Page, PageParams, Paging};
use axum::Json;
use axum::extract::State;
use serde::Serialize;

/// The audit events of the administrator's municipality matching the filters, newest
/// first, a page at a time.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditParams, PageParams),
    responses((status = 200, description = "Audit events, newest first", body = Vec<AuditRow>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))),
        (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn audit_log(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    paging: Paging,
    Query(params): Query<AuditParams>,
) -> Result<Page<AuditRow>, ApiError> {
    let tenant = actor.administrator()?;
    let filter = params.filter()?;
    let rows = state.store.audit_log_page(&tenant, &filter, paging.fetch(), paging.after()).await?;
    record(&state, vec![meta.event(&actor, AuditAction::Read, AuditEntity::AuditLog, None, "revisionslog (API)")]).await?;
    Ok(paging.page_by_key(rows, |r| r.id))
}

/// The logged-in user.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Me {
    /// Login.
    pub login: String,
    /// Display name.
    pub display_name: String,
    /// Role code.
    pub role: String,
    /// Municipality code (none for national users).
    pub municipality_code: Option<String>,
}

/// Who am I?
#[utoipa::path(get, path = "/api/v1/me", tag = "users", responses((status = 200, body = Me), (status = 401, body = crate::error::Problem)))]
pub async fn me(actor: Actor) -> Json<Me> {
    Json(Me { login: actor.user.login, display_name: actor.user.display_name, role: actor.user.role, municipality_code: actor.user.municipality_code })
}
