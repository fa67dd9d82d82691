//! The concern-note pages under `/boern/underretninger`: the list (børn og familie: every
//! note with its deadlines; others: the notes they wrote), writing a note about a child,
//! one note, and børn og familie's handling form. A refused form comes back filled in
//! with the error at its field.
use super::concern::{self, DECISIONS, HandlingInput, NoteInput, NotePage, NoteView, check_note, child_for_writer};
use crate::app::AppState;
use crate::auth::{Actor, RequestMeta};
use crate::domain::FieldError;
use crate::error::{AppError, PageError};
use crate::persons::danish_date;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::persons::{PersonQuery, PersonRow};
use crate::web::extract::{Path, Query};
use crate::web::pages::{Chrome, render, when};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

/// The Danish name of a form field, for the error summary.
fn field_label(field: &str) -> &'static str {
    match field {
        "concern" => "Din bekymring",
        "child_id" => "Barn",
        "receipt_sent_on" => "Kvittering sendt",
        "assessed_at" => "Vurderet",
        "acute" => "Akut indsats",
        "assessment" => "Vurdering",
        "decision" => "Afgørelse",
        "decision_on" => "Afgørelsesdato",
        "decision_note" => "Begrundelse for afgørelsen",
        "investigation_started_on" => "Undersøgelse begyndt",
        "investigation_completed_on" => "Undersøgelse afsluttet",
        _ => "Feltet",
    }
}

fn error_in<'a>(errors: &'a [FieldError], field: &str) -> Option<&'a str> {
    errors.iter().find(|e| e.field == field).map(|e| e.reason.as_str())
}

/// The list.
#[derive(Template)]
#[template(path = "children/concern_list.html")]
pub struct ListPage {
    chrome: Chrome,
    department: bool,
    open_only: bool,
    list: NotePage,
}

impl ListPage {
    fn when(&self, t: &str) -> String {
        when(t)
    }
}

/// List query.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    /// Page (from 1).
    side: Option<i64>,
    /// `1`: only notes without a decision.
    aabne: Option<String>,
}

/// GET /boern/underretninger
pub async fn list(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Query(q): Query<ListQuery>) -> Result<Response, PageError> {
    let open_only = q.aabne.as_deref() == Some("1");
    let page = q.side.unwrap_or(1).max(1);
    let (mut notes, total, reader) = concern::list(&state, &actor, &meta, open_only, concern::PAGE_SIZE, (page - 1) * concern::PAGE_SIZE).await?;
    notes.truncate(concern::PAGE_SIZE as usize);
    let list = concern::NotePage { notes, total, page, pages: ((total + concern::PAGE_SIZE - 1) / concern::PAGE_SIZE).max(1) };
    let page = ListPage { chrome: Chrome::new(&state, &actor, "boern"), department: reader.is_department(), open_only, list };
    Ok(render(&page).into_response())
}

/// Writing a note.
#[derive(Template)]
#[template(path = "children/concern_new.html")]
pub struct NewPage {
    chrome: Chrome,
    /// The child, once chosen.
    child: Option<PersonRow>,
    /// Name searched for, and the children found.
    name: String,
    found: Vec<PersonRow>,
    concern: String,
    acute_suspected: bool,
    errors: Vec<FieldError>,
}

impl NewPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        error_in(&self.errors, field)
    }

    fn label(&self, field: &str) -> &'static str {
        field_label(field)
    }
}

/// The new-note page's query.
#[derive(Debug, Default, Deserialize)]
pub struct NewQuery {
    /// The child's person id.
    barn: Option<i64>,
    /// Part of a name to find the child by.
    navn: Option<String>,
}

/// GET /boern/underretninger/ny: with `barn`, the form for that child; else a search
/// among the children the writer may read.
pub async fn new_form(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Query(q): Query<NewQuery>) -> Result<Response, PageError> {
    concern::reader(&state, &actor).await?;
    let mut page = NewPage {
        chrome: Chrome::new(&state, &actor, "boern"),
        child: None,
        name: String::new(),
        found: Vec::new(),
        concern: String::new(),
        acute_suspected: false,
        errors: Vec::new(),
    };
    if let Some(id) = q.barn {
        match child_for_writer(&state, &actor, id).await {
            Ok(child) => {
                crate::auth::audit::record(
                    &state,
                    vec![meta.event(&actor, AuditAction::Read, AuditEntity::Person, Some(child.id), "underretning: barnet vælges")],
                )
                .await?;
                page.child = Some(child);
            }
            Err(AppError::Invalid(errors)) => page.errors = errors,
            Err(e) => return Err(e.into()),
        }
    } else if let Some(name) = q.navn.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        page.name = name.to_string();
        let access = actor.person_access(&state.store).await?;
        let today = chrono::Local::now().date_naive();
        let rows = state.store.search_persons(access.tenant(), access.reach(), &PersonQuery::Name(name.to_lowercase()), 200).await?;
        page.found = rows.into_iter().filter(|p| super::is_child(&p.birth_date, today)).take(20).collect();
        let reads = meta.person_reads(&actor, page.found.iter().map(|p| p.id), "underretning: søgning efter barn");
        crate::auth::audit::record(&state, reads).await?;
    }
    Ok(render(&page).into_response())
}

/// The new-note form's fields.
#[derive(Debug, Default, Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    child_id: i64,
    #[serde(default)]
    concern: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    acute_suspected: Option<String>,
}

/// POST /boern/underretninger
pub async fn create(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Form(form): Form<NoteForm>) -> Result<Response, PageError> {
    concern::reader(&state, &actor).await?;
    actor.check_csrf(&form.csrf)?;
    let input = NoteInput { child_id: form.child_id, concern: form.concern.clone(), acute_suspected: form.acute_suspected.is_some() };
    match concern::create(&state, &actor, &meta, &input).await {
        Ok(note) => Ok(Redirect::to(&format!("/boern/underretninger/{}?sendt=1", note.id)).into_response()),
        Err(AppError::Invalid(errors)) => {
            let child = child_for_writer(&state, &actor, form.child_id).await.ok();
            let errors = if child.is_some() { check_note(&input).err().unwrap_or(errors) } else { errors };
            let page = NewPage {
                chrome: Chrome::new(&state, &actor, "boern"),
                child,
                name: String::new(),
                found: Vec::new(),
                concern: form.concern,
                acute_suspected: input.acute_suspected,
                errors,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// One note.
#[derive(Template)]
#[template(path = "children/concern_show.html")]
pub struct ShowPage {
    chrome: Chrome,
    note: NoteView,
    department: bool,
    sent: bool,
    values: HandlingForm,
    decisions: &'static [(&'static str, &'static str)],
    errors: Vec<FieldError>,
}

impl ShowPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        error_in(&self.errors, field)
    }

    fn label(&self, field: &str) -> &'static str {
        field_label(field)
    }

    fn when(&self, t: &str) -> String {
        when(t)
    }

    /// The handling form's date inputs: (name, Danish label, value).
    fn day_fields(&self) -> [(&'static str, &'static str, &str); 3] {
        [
            ("receipt_sent_on", "Kvittering sendt til underretter (DD.MM.ÅÅÅÅ)", &self.values.receipt_sent_on),
            ("investigation_started_on", "Børnefaglig undersøgelse begyndt (DD.MM.ÅÅÅÅ)", &self.values.investigation_started_on),
            ("investigation_completed_on", "Børnefaglig undersøgelse afsluttet (DD.MM.ÅÅÅÅ)", &self.values.investigation_completed_on),
        ]
    }
}

/// The handling form's fields (also the values shown).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct HandlingForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    receipt_sent_on: String,
    #[serde(default)]
    assessed_at: String,
    /// `ja`, `nej` or empty.
    #[serde(default)]
    acute: String,
    #[serde(default)]
    assessment: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    decision_on: String,
    #[serde(default)]
    decision_note: String,
    #[serde(default)]
    investigation_started_on: String,
    #[serde(default)]
    investigation_completed_on: String,
}

impl HandlingForm {
    fn of(note: &NoteView) -> Self {
        let Some(h) = &note.handling else { return Self::default() };
        let local = |t: &Option<String>| {
            t.as_deref()
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                .map(|t| t.with_timezone(&chrono::Local).format("%d.%m.%Y %H:%M").to_string())
                .unwrap_or_default()
        };
        HandlingForm {
            csrf: String::new(),
            receipt_sent_on: note.receipt_sent_on.as_deref().map(danish_date).unwrap_or_default(),
            assessed_at: local(&h.assessed_at),
            acute: match h.acute {
                Some(true) => "ja".into(),
                Some(false) => "nej".into(),
                None => String::new(),
            },
            assessment: h.assessment.clone(),
            decision: h.decision.clone().unwrap_or_default(),
            decision_on: h.decision_on.as_deref().map(danish_date).unwrap_or_default(),
            decision_note: h.decision_note.clone(),
            investigation_started_on: h.investigation_started_on.as_deref().map(danish_date).unwrap_or_default(),
            investigation_completed_on: h.investigation_completed_on.as_deref().map(danish_date).unwrap_or_default(),
        }
    }

    fn input(&self) -> HandlingInput {
        let some = |s: &str| Some(s.to_string());
        HandlingInput {
            receipt_sent_on: some(&self.receipt_sent_on),
            assessed_at: some(&self.assessed_at),
            acute: match self.acute.as_str() {
                "ja" => Some(true),
                "nej" => Some(false),
                _ => None,
            },
            assessment: some(&self.assessment),
            decision: some(&self.decision),
            decision_on: some(&self.decision_on),
            decision_note: some(&self.decision_note),
            investigation_started_on: some(&self.investigation_started_on),
            investigation_completed_on: some(&self.investigation_completed_on),
        }
    }
}

/// The show page's query.
#[derive(Debug, Default, Deserialize)]
pub struct ShowQuery {
    /// `1` right after the note was written.
    sendt: Option<String>,
}

/// GET /boern/underretninger/{id}
pub async fn show(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, PageError> {
    let (note, reader) = concern::read(&state, &actor, &meta, id, "side").await?;
    let values = HandlingForm::of(&note);
    let page = ShowPage {
        chrome: Chrome::new(&state, &actor, "boern"),
        note,
        department: reader.is_department(),
        sent: q.sendt.is_some(),
        values,
        decisions: &DECISIONS,
        errors: Vec::new(),
    };
    Ok(render(&page).into_response())
}

/// POST /boern/underretninger/{id}/behandling
pub async fn handle(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<HandlingForm>,
) -> Result<Response, PageError> {
    concern::reader(&state, &actor).await.map_err(|_| AppError::NotFound("underretningen"))?;
    actor.check_csrf(&form.csrf)?;
    match concern::update_handling(&state, &actor, &meta, id, &form.input()).await {
        Ok(_) => Ok(Redirect::to(&format!("/boern/underretninger/{id}#behandling")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let (note, reader) = concern::read(&state, &actor, &meta, id, "behandling afvist").await?;
            let page = ShowPage {
                chrome: Chrome::new(&state, &actor, "boern"),
                note,
                department: reader.is_department(),
                sent: false,
                values: form,
                decisions: &DECISIONS,
                errors,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
