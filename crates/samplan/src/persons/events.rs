//! A recorded case event on its own page, to correct or delete it with a reason
//! (`/personer/{id}/haendelser/{event}`). A refused form comes back with what was typed
//! and the reason beside its field; a correction submitted unchanged stores nothing.
use crate::app::AppState;
use crate::auth::{Actor, RequestMeta};
use crate::deadlines::service::{EventCorrection, case_events};
use crate::domain::FieldError;
use crate::error::{AppError, PageError};
use crate::persons::{PersonView, danish_date};
use crate::store::deadlines::EventRow;
use crate::web::extract::Path;
use crate::web::notice::{Notice, after};
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// The Danish name of a form field, for the error summary.
fn field_label(field: &str) -> &'static str {
    match field {
        "kind" => "Hændelse",
        "date" => "Dato",
        "note" => "Note",
        "reason" => "Begrundelse",
        _ => "Feltet",
    }
}

/// Correcting or deleting one case event.
#[derive(Template)]
#[template(path = "persons/event.html")]
pub struct EventPage {
    chrome: Chrome,
    person: PersonView,
    event: EventRow,
    /// The event's kind in Danish, and its date as Danes write it.
    label: String,
    day: String,
    kinds: Vec<(&'static str, &'static str)>,
    values: EventForm,
    /// The delete form's reason, when that form came back with an error.
    delete: Option<String>,
    errors: Vec<FieldError>,
}

impl EventPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.reason.as_str())
    }

    fn label_of(&self, field: &str) -> &'static str {
        field_label(field)
    }
}

/// The correction and delete forms' fields.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct EventForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    reason: String,
}

impl EventForm {
    fn of(e: &EventRow) -> Self {
        EventForm { kind: e.kind.clone(), date: danish_date(&e.day), note: e.note.clone(), ..Default::default() }
    }
}

/// The recorded event, read for the page (audited), or 404.
async fn recorded(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64, id: i64) -> Result<EventRow, AppError> {
    actor.person_writer()?;
    case_events(state, actor, meta, person_id, "hændelse (rettelse)").await?.into_iter().find(|e| e.id == id).ok_or(AppError::NotFound("hændelsen"))
}

async fn event_page(
    state: &AppState,
    actor: &Actor,
    person_id: i64,
    event: EventRow,
    values: EventForm,
    delete: Option<String>,
    errors: Vec<FieldError>,
) -> Result<Response, PageError> {
    let tenant = actor.person_writer()?;
    let row = state.store.person(&tenant, person_id).await?.ok_or(AppError::NotFound("personen"))?;
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let label = rules::EventKind::from_key(&event.kind).map(crate::deadlines::event_label).unwrap_or("Hændelse").to_string();
    let page = EventPage {
        chrome: Chrome::new(state, actor, "personer"),
        person: PersonView::new(row, &state.vault, actor),
        day: danish_date(&event.day),
        label,
        event,
        kinds: rules::EventKind::ALL.iter().filter(|k| !k.of_children()).map(|k| (k.key(), crate::deadlines::event_label(*k))).collect(),
        values,
        delete,
        errors,
    };
    Ok((status, render(&page)).into_response())
}

/// GET /personer/{id}/haendelser/{event}
pub async fn edit(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path((id, event)): Path<(i64, i64)>) -> Result<Response, PageError> {
    let e = recorded(&state, &actor, &meta, id, event).await?;
    let values = EventForm::of(&e);
    event_page(&state, &actor, id, e, values, None, Vec::new()).await
}

/// POST /personer/{id}/haendelser/{event}: a correction (with a reason).
pub async fn correct(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((id, event)): Path<(i64, i64)>,
    Form(form): Form<EventForm>,
) -> Result<Response, PageError> {
    actor.person_writer()?;
    actor.check_csrf(&form.csrf)?;
    let input = EventCorrection { kind: form.kind.clone(), date: form.date.clone(), note: form.note.clone(), reason: form.reason.clone() };
    match crate::deadlines::service::change_event(&state, &actor, &meta, id, event, &input).await {
        Ok(changed) => Ok(after(if changed { Notice::Saved } else { Notice::Unchanged }, &format!("/personer/{id}#haendelse-{event}"))),
        Err(AppError::Invalid(errors)) => {
            let e = recorded(&state, &actor, &meta, id, event).await?;
            event_page(&state, &actor, id, e, form, None, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /personer/{id}/haendelser/{event}/slet
pub async fn delete(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((id, event)): Path<(i64, i64)>,
    Form(form): Form<EventForm>,
) -> Result<Response, PageError> {
    actor.person_writer()?;
    actor.check_csrf(&form.csrf)?;
    match crate::deadlines::service::delete_event(&state, &actor, &meta, id, event, &form.reason).await {
        Ok(()) => Ok(after(Notice::Deleted, &format!("/personer/{id}#haendelser"))),
        Err(AppError::Invalid(errors)) => {
            let e = recorded(&state, &actor, &meta, id, event).await?;
            let values = EventForm::of(&e);
            event_page(&state, &actor, id, e, values, Some(form.reason), errors).await
        }
        Err(e) => Err(e.into()),
    }
}
