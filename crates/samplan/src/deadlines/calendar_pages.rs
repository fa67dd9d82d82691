//! The municipality's own closed days (e.g. Grundlovsdag, 24 and 31 December), edited by
//! the administrator. They count as non-working days for the municipality's deadlines,
//! so every person's deadlines are recomputed after a change.
use super::recompute_all;
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::{FieldError, parse_day};
use crate::error::{AppError, PageError};
use crate::store::Tenant;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::deadlines::ClosedDayRow;
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

/// The closed-days page.
#[derive(Template)]
#[template(path = "deadlines/calendar.html")]
pub struct CalendarPage {
    chrome: Chrome,
    days: Vec<ClosedDayRow>,
    holidays: Vec<(String, &'static str)>,
    errors: Vec<FieldError>,
    day: String,
    reason: String,
}

async fn page(state: &AppState, actor: &Actor, errors: Vec<FieldError>, day: String, reason: String) -> Result<Response, AppError> {
    let tenant = actor.administrator()?;
    let year = super::today().year();
    let holidays = (year..=year + 1).flat_map(|y| calendar::holidays(y).unwrap_or_default()).map(|h| (h.date.to_string(), h.kind.danish_name())).collect();
    let status = if errors.is_empty() { axum::http::StatusCode::OK } else { axum::http::StatusCode::UNPROCESSABLE_ENTITY };
    let view = CalendarPage { chrome: Chrome::new(state, actor, "admin"), days: state.store.closed_days(&tenant).await?, holidays, errors, day, reason };
    Ok((status, render(&view)).into_response())
}

/// GET /admin/kalender
pub async fn show(State(state): State<AppState>, actor: Actor) -> Result<Response, PageError> {
    Ok(page(&state, &actor, Vec::new(), String::new(), String::new()).await?)
}

/// The add/remove form.
#[derive(Debug, Deserialize)]
pub struct DayForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    day: String,
    #[serde(default)]
    reason: String,
}

fn recompute_in_background(state: &AppState, tenant: Tenant) {
    let store = state.store.clone();
    tokio::spawn(async move {
        if let Err(e) = recompute_all(&store, &tenant).await {
            tracing::error!(error = %e, "recomputing deadlines after a calendar change failed");
        }
    });
}

/// POST /admin/kalender
pub async fn add(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Form(form): Form<DayForm>) -> Result<Response, PageError> {
    let tenant = actor.administrator()?;
    actor.check_csrf(&form.csrf)?;
    let mut errors = Vec::new();
    let day = parse_day("day", &form.day).map_err(|e| errors.push(e)).ok();
    let reason = form.reason.trim().to_string();
    if reason.is_empty() {
        errors.push(FieldError::new("reason", "skriv hvorfor kommunen holder lukket, fx Grundlovsdag"));
    }
    let Some(day) = day.filter(|_| errors.is_empty()) else {
        return Ok(page(&state, &actor, errors, form.day, form.reason).await?);
    };
    match state.store.add_closed_day(&tenant, day, &reason).await {
        Ok(()) => {}
        Err(crate::store::StoreError::Conflict(what)) => {
            return Ok(page(&state, &actor, vec![FieldError::new("day", format!("{what} findes allerede"))], form.day, form.reason).await?);
        }
        Err(e) => return Err(e.into()),
    }
    record(&state, vec![meta.event(&actor, AuditAction::Create, AuditEntity::ClosedDay, None, format!("lukkedag {}: {reason}", day.danish()))]).await?;
    recompute_in_background(&state, tenant.clone());
    Ok(Redirect::to("/admin/kalender").into_response())
}

/// POST /admin/kalender/slet
pub async fn remove(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Form(form): Form<DayForm>) -> Result<Response, PageError> {
    let tenant = actor.administrator()?;
    actor.check_csrf(&form.csrf)?;
    let day = parse_day("day", &form.day)?;
    if state.store.remove_closed_day(&tenant, day).await? {
        record(&state, vec![meta.event(&actor, AuditAction::Update, AuditEntity::ClosedDay, None, format!("lukkedag {} fjernet", day.danish()))]).await?;
        recompute_in_background(&state, tenant.clone());
    }
    Ok(Redirect::to("/admin/kalender").into_response())
}
