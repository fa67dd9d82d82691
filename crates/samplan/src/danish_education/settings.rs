//! The municipality's Danish-education settings, with documented defaults (decision
//! 090): the attendance share below which the caseworker is told, the expected pace of
//! each track (months per module), and the period of self-supporting learners, which
//! is unverified (3½ years on language centres' pages, 5 years in one reading of
//! danskuddannelsesloven § 2 f) and shown as "skal bekræftes". Read by everyone who
//! reads Danish education; set by the municipality's administrator through the API.
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::FieldError;
use crate::error::{ApiError, AppError};
use crate::store::Tenant;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::{Store, StoreError};
use crate::web::json::ApiJson;
use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};

/// Default attendance share (percent of the hours held) below which the caseworker is told.
pub const DEFAULT_ATTENDANCE_PERCENT: i64 = 80;
/// Default expected months per module on DU1 (learners with little schooling).
pub const DEFAULT_DU1_MONTHS: i64 = 6;
/// Default expected months per module on DU2.
pub const DEFAULT_DU2_MONTHS: i64 = 4;
/// Default expected months per module on DU3 (learners used to study).
pub const DEFAULT_DU3_MONTHS: i64 = 3;
/// Default period of self-supporting learners in months (3½ years; unverified).
pub const DEFAULT_SELF_SUPPORTING_MONTHS: i64 = 42;

/// The settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DuSettings {
    /// Attendance share in percent over the last 4 weeks below which the caseworker is
    /// told (1–100; default 80).
    pub attendance_min_percent: i64,
    /// Expected months per module on DU1 (1–24; default 6).
    pub du1_months_per_module: i64,
    /// Expected months per module on DU2 (1–24; default 4).
    pub du2_months_per_module: i64,
    /// Expected months per module on DU3 (1–24; default 3).
    pub du3_months_per_module: i64,
    /// The period of self-supporting learners (S-kursister) in months (12–60; default
    /// 42 = 3½ years). Unverified: 5 years in one reading of danskuddannelsesloven § 2 f.
    pub self_supporting_period_months: i64,
    /// Whether the period of self-supporting learners has been confirmed (shown as
    /// "skal bekræftes" until it is; default false).
    #[serde(default)]
    pub self_supporting_period_confirmed: bool,
}

impl Default for DuSettings {
    fn default() -> Self {
        DuSettings {
            attendance_min_percent: DEFAULT_ATTENDANCE_PERCENT,
            du1_months_per_module: DEFAULT_DU1_MONTHS,
            du2_months_per_module: DEFAULT_DU2_MONTHS,
            du3_months_per_module: DEFAULT_DU3_MONTHS,
            self_supporting_period_months: DEFAULT_SELF_SUPPORTING_MONTHS,
            self_supporting_period_confirmed: false,
        }
    }
}

impl DuSettings {
    /// Expected months per module of a track.
    pub fn months_per_module(&self, track: super::Track) -> i64 {
        match track {
            super::Track::Du1 => self.du1_months_per_module,
            super::Track::Du2 => self.du2_months_per_module,
            super::Track::Du3 => self.du3_months_per_module,
        }
    }

    /// Checks the values; every error names its field.
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut within = |field: &'static str, v: i64, lo: i64, hi: i64, unit: &str| {
            if !(lo..=hi).contains(&v) {
                errors.push(FieldError::new(field, format!("skal være {lo}–{hi} {unit}, ikke {v}")));
            }
        };
        within("attendance_min_percent", self.attendance_min_percent, 1, 100, "procent");
        within("du1_months_per_module", self.du1_months_per_module, 1, 24, "måneder");
        within("du2_months_per_module", self.du2_months_per_module, 1, 24, "måneder");
        within("du3_months_per_module", self.du3_months_per_module, 1, 24, "måneder");
        within("self_supporting_period_months", self.self_supporting_period_months, 12, 60, "måneder");
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }
}

/// The municipality's settings, or the defaults.
pub async fn load(store: &Store, tenant: &Tenant) -> Result<DuSettings, StoreError> {
    Ok(store.du_settings(tenant).await?.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default())
}

/// The municipality's Danish-education settings.
#[utoipa::path(get, path = "/api/v1/danish-education/settings", tag = "danish_education",
    responses((status = 200, body = DuSettings), (status = 403, body = crate::error::Problem)))]
pub async fn show(State(state): State<AppState>, actor: Actor) -> Result<Json<DuSettings>, ApiError> {
    let tenant = match actor.administrator() {
        Ok(t) => t,
        Err(_) => actor.person_reader()?,
    };
    Ok(Json(load(&state.store, &tenant).await?))
}

/// Change the municipality's Danish-education settings (administrators); the same
/// values again change nothing and are not logged.
#[utoipa::path(put, path = "/api/v1/danish-education/settings", tag = "danish_education", request_body = DuSettings,
    responses((status = 200, body = DuSettings), (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn update(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    body: Result<ApiJson<DuSettings>, ApiError>,
) -> Result<Json<DuSettings>, ApiError> {
    let tenant = actor.administrator()?;
    let ApiJson(input) = body?;
    input.check().map_err(AppError::Invalid)?;
    if load(&state.store, &tenant).await? == input {
        return Ok(Json(input));
    }
    let text = serde_json::to_string(&input).map_err(|e| AppError::Internal(e.into()))?;
    state.store.set_du_settings(&tenant, &text).await?;
    record(&state, vec![meta.event(&actor, AuditAction::Update, AuditEntity::DuSetting, None, format!("danskuddannelsens indstillinger: {text}"))]).await?;
    Ok(Json(input))
}
