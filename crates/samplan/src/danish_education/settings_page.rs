//! `/admin/danskuddannelse`: the administrator's form for the municipality's
//! Danish-education settings (the attendance share, each track's pace, the unverified
//! period of self-supporting learners). The same checks as the API; a refused form
//! comes back as typed with the reason at the field; a form sent unchanged changes
//! nothing and is not logged.
use super::settings::{self, DuSettings};
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::FieldError;
use crate::error::{AppError, PageError};
use crate::store::audit::{AuditAction, AuditEntity};
use crate::web::extract::Query;
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

/// The form's fields as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    attendance_min_percent: String,
    #[serde(default)]
    du1_months_per_module: String,
    #[serde(default)]
    du2_months_per_module: String,
    #[serde(default)]
    du3_months_per_module: String,
    #[serde(default)]
    self_supporting_period_months: String,
    #[serde(default)]
    self_supporting_period_confirmed: Option<String>,
}

impl SettingsForm {
    fn of(s: &DuSettings) -> SettingsForm {
        SettingsForm {
            attendance_min_percent: s.attendance_min_percent.to_string(),
            du1_months_per_module: s.du1_months_per_module.to_string(),
            du2_months_per_module: s.du2_months_per_module.to_string(),
            du3_months_per_module: s.du3_months_per_module.to_string(),
            self_supporting_period_months: s.self_supporting_period_months.to_string(),
            self_supporting_period_confirmed: s.self_supporting_period_confirmed.then(|| "ja".into()),
            ..Default::default()
        }
    }

    /// The settings typed, or every field's error.
    fn settings(&self) -> Result<DuSettings, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut number = |field: &'static str, raw: &str| -> i64 {
            let t = raw.trim();
            t.parse().unwrap_or_else(|_| {
                errors.push(FieldError::new(
                    field,
                    if t.is_empty() { "skal udfyldes med et helt tal".to_string() } else { format!("«{t}» er ikke et helt tal") },
                ));
                0
            })
        };
        let s = DuSettings {
            attendance_min_percent: number("attendance_min_percent", &self.attendance_min_percent),
            du1_months_per_module: number("du1_months_per_module", &self.du1_months_per_module),
            du2_months_per_module: number("du2_months_per_module", &self.du2_months_per_module),
            du3_months_per_module: number("du3_months_per_module", &self.du3_months_per_module),
            self_supporting_period_months: number("self_supporting_period_months", &self.self_supporting_period_months),
            self_supporting_period_confirmed: self.self_supporting_period_confirmed.is_some(),
        };
        if let Err(more) = s.check() {
            errors.extend(more.into_iter().filter(|e| !errors.iter().any(|x| x.field == e.field)).collect::<Vec<_>>());
        }
        if errors.is_empty() { Ok(s) } else { Err(errors) }
    }
}

/// The settings page.
#[derive(Template)]
#[template(path = "danish_education/settings.html")]
pub struct SettingsPage {
    chrome: Chrome,
    values: SettingsForm,
    errors: Vec<FieldError>,
    saved: bool,
}

impl SettingsPage {
    /// The number inputs: (name, Danish label, hint with the default, value).
    fn fields(&self) -> Vec<(&'static str, &'static str, String, &str)> {
        let v = &self.values;
        vec![
            (
                "attendance_min_percent",
                "Mindste fremmøde (procent)",
                format!("Under denne andel af timerne de sidste 4 uger får sagsbehandleren besked. Standard {} %.", settings::DEFAULT_ATTENDANCE_PERCENT),
                &v.attendance_min_percent,
            ),
            (
                "du1_months_per_module",
                "DU1: måneder pr. modul",
                format!("Forventet tempo på Danskuddannelse 1. Standard {}.", settings::DEFAULT_DU1_MONTHS),
                &v.du1_months_per_module,
            ),
            (
                "du2_months_per_module",
                "DU2: måneder pr. modul",
                format!("Forventet tempo på Danskuddannelse 2. Standard {}.", settings::DEFAULT_DU2_MONTHS),
                &v.du2_months_per_module,
            ),
            (
                "du3_months_per_module",
                "DU3: måneder pr. modul",
                format!("Forventet tempo på Danskuddannelse 3. Standard {}.", settings::DEFAULT_DU3_MONTHS),
                &v.du3_months_per_module,
            ),
            (
                "self_supporting_period_months",
                "S-kursisters uddannelsesperiode (måneder)",
                format!(
                    "Standard {} måneder (3½ år, som sprogcentrenes sider oplyser); én læsning af danskuddannelsesloven § 2 f giver 5 år (60 måneder).",
                    settings::DEFAULT_SELF_SUPPORTING_MONTHS
                ),
                &v.self_supporting_period_months,
            ),
        ]
    }

    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.reason.as_str())
    }

    fn label(&self, field: &str) -> &'static str {
        self.fields().into_iter().find(|f| f.0 == field).map_or("Feltet", |f| f.1)
    }
}

/// `?gemt=1` after a save.
#[derive(Debug, Default, Deserialize)]
pub struct Saved {
    #[serde(default)]
    gemt: Option<String>,
}

/// GET /admin/danskuddannelse
pub async fn show(State(state): State<AppState>, actor: Actor, Query(q): Query<Saved>) -> Result<Response, PageError> {
    let tenant = actor.administrator()?;
    let values = SettingsForm::of(&settings::load(&state.store, &tenant).await?);
    Ok(render(&SettingsPage { chrome: Chrome::new(&state, &actor, "admin"), values, errors: Vec::new(), saved: q.gemt.is_some() }).into_response())
}

/// POST /admin/danskuddannelse
pub async fn save(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Form(form): Form<SettingsForm>) -> Result<Response, PageError> {
    let tenant = actor.administrator()?;
    actor.check_csrf(&form.csrf)?;
    let new = match form.settings() {
        Ok(s) => s,
        Err(errors) => {
            let page = SettingsPage { chrome: Chrome::new(&state, &actor, "admin"), values: form, errors, saved: false };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response());
        }
    };
    if settings::load(&state.store, &tenant).await? != new {
        let text = serde_json::to_string(&new).map_err(|e| AppError::Internal(e.into()))?;
        state.store.set_du_settings(&tenant, &text).await?;
        record(&state, vec![meta.event(&actor, AuditAction::Update, AuditEntity::DuSetting, None, format!("danskuddannelsens indstillinger: {text}"))]).await?;
    }
    Ok(Redirect::to("/admin/danskuddannelse?gemt=1").into_response())
}
