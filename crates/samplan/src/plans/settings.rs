//! The municipality's plan settings: the maximum weekly hours a person's schedule may
//! reach before it is a conflict (default 48). Read by everyone who reads plans, set
//! by the municipality's administrator.
use super::schedule::DEFAULT_MAX_WEEKLY_HOURS;
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::FieldError;
use crate::error::ApiError;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::web::json::ApiJson;
use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};

/// The settings.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanSettings {
    /// Weekly hours above which a schedule is a conflict (1–80).
    pub max_weekly_hours: i64,
}

/// The municipality's plan settings.
#[utoipa::path(get, path = "/api/v1/plan-settings", tag = "plans", responses((status = 200, body = PlanSettings)))]
pub async fn show(State(state): State<AppState>, actor: Actor) -> Result<Json<PlanSettings>, ApiError> {
    let tenant = match actor.administrator() {
        Ok(t) => t,
        Err(_) => actor.person_reader()?,
    };
    let max = state.store.max_weekly_hours(&tenant).await?.unwrap_or(DEFAULT_MAX_WEEKLY_HOURS);
    Ok(Json(PlanSettings { max_weekly_hours: max }))
}

/// Change the municipality's plan settings (administrators).
#[utoipa::path(put, path = "/api/v1/plan-settings", tag = "plans", request_body = PlanSettings,
    responses((status = 200, body = PlanSettings), (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn update(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    body: Result<ApiJson<PlanSettings>, ApiError>,
) -> Result<Json<PlanSettings>, ApiError> {
    let tenant = actor.administrator()?;
    let ApiJson(input) = body?;
    if !(1..=80).contains(&input.max_weekly_hours) {
        return Err(FieldError::new("max_weekly_hours", "skal være mellem 1 og 80 timer").into());
    }
    state.store.set_max_weekly_hours(&tenant, input.max_weekly_hours).await?;
    record(
        &state,
        vec![meta.event(&actor, AuditAction::Update, AuditEntity::PlanSetting, None, format!("maksimalt ugentligt timetal: {}", input.max_weekly_hours))],
    )
    .await?;
    Ok(Json(input))
}
