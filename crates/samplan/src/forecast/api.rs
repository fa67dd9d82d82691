//! `GET /api/v1/forecast`: the forecast as JSON — the same numbers as the page.
use super::service::{self, ForecastQuery, ForecastView};
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::error::{ApiError, AppError};
use crate::store::audit::{AuditAction, AuditEntity};
use crate::web::extract::Query;
use axum::Json;
use axum::extract::State;

/// The capacity forecast of the caller's municipality from the current month, with its
/// 10–90 % band, the capacity entered, the months of shortage and the back-test; the
/// optional `quota`, `household_size` and `children_share` ask "what if".
#[utoipa::path(get, path = "/api/v1/forecast", tag = "forecast", params(ForecastQuery),
    responses((status = 200, body = ForecastView),
        (status = 401, body = crate::error::Problem),
        (status = 403, description = "Only managers and housing officers", body = crate::error::Problem),
        (status = 422, description = "A parameter is out of range; `fields` names it", body = crate::error::Problem)))]
pub async fn show(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Query(q): Query<ForecastQuery>) -> Result<Json<ForecastView>, ApiError> {
    let tenant = service::planner(&actor)?;
    let what_if = q.parse().map_err(AppError::Invalid)?;
    let view = service::forecast(&state.store, &tenant, crate::deadlines::today(), &what_if).await?;
    record(
        &state,
        vec![meta.event(&actor, AuditAction::Read, AuditEntity::Forecast, None, format!("prognose {} måneder fra {}", what_if.months, view.first_month))],
    )
    .await?;
    Ok(Json(view))
}
