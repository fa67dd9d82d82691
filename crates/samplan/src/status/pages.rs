//! "Status og forløb" on the person page and its forms: add a period or an outcome, end
//! an open period, and a page per recorded item to correct or delete it with a reason.
//! A refused form comes back filled in with the error beside its field.
use super::section::{outcome_options, period_options};
use super::{OutcomeInput, OutcomeView, PeriodInput, PeriodPatch, PeriodView};
use crate::app::AppState;
use crate::auth::{Actor, RequestMeta};
use crate::domain::FieldError;
use crate::error::{AppError, PageError};
use crate::persons::{PersonView, danish_date};
use crate::web::extract::Path;
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
        "kind" => "Status",
        "from" => "Fra",
        "to" => "Til",
        "date" => "Dato",
        "note" => "Note",
        "reason" => "Begrundelse",
        _ => "Feltet",
    }
}

/// What a form page records: a status period or an outcome, with its words and paths.
pub struct Record {
    /// The path segment under the person (`status`, `resultater`), also the person
    /// page's anchor to return to.
    path: &'static str,
    /// The last breadcrumb.
    crumb: &'static str,
    /// The noun, indefinite («forløb») and definite («forløbet»).
    noun: &'static str,
    definite: &'static str,
    /// The definite noun at the start of a sentence.
    definite_capital: &'static str,
    /// The label of the kind select.
    kind_label: &'static str,
    /// The text inputs' class.
    input_class: &'static str,
    /// The kinds to choose from (key, Danish name).
    kinds: fn() -> Vec<(&'static str, &'static str)>,
}

static PERIOD: Record = Record {
    path: "status",
    crumb: "Status og forløb",
    noun: "forløb",
    definite: "forløbet",
    definite_capital: "Forløbet",
    kind_label: "Status",
    input_class: "form-input input-width-m",
    kinds: period_options,
};

static OUTCOME: Record = Record {
    path: "resultater",
    crumb: "Resultat",
    noun: "resultat",
    definite: "resultatet",
    definite_capital: "Resultatet",
    kind_label: "Resultat",
    input_class: "form-input",
    kinds: outcome_options,
};

/// The recorded item an edit page is about.
pub struct Recorded {
    id: i64,
    kind_label: String,
    /// When it holds, after the kind («fra … til …», or the day).
    when: String,
    created_by: String,
    updated_at: Option<String>,
    /// A period without an end (the form says how to end it).
    open: bool,
}

impl From<&PeriodView> for Recorded {
    fn from(p: &PeriodView) -> Self {
        let to = p.to.as_ref().map_or_else(|| "(igangværende)".to_owned(), |to| format!("til {}", danish_date(to)));
        Recorded {
            id: p.id,
            kind_label: p.kind_label.clone(),
            when: format!("fra {} {to}", danish_date(&p.from)),
            created_by: p.created_by.clone(),
            updated_at: p.updated_at.clone(),
            open: p.to.is_none(),
        }
    }
}

impl From<&OutcomeView> for Recorded {
    fn from(o: &OutcomeView) -> Self {
        Recorded { id: o.id, kind_label: o.kind_label.clone(), when: danish_date(&o.date), created_by: o.created_by.clone(), updated_at: None, open: false }
    }
}

/// The values a form page shows: the kind, the two text inputs, the reason for a
/// correction, and the delete form's reason when that form came back with an error.
pub struct Values {
    kind: String,
    /// (name, Danish label, value).
    fields: [(&'static str, &'static str, String); 2],
    reason: String,
    delete: Option<String>,
}

impl From<PeriodForm> for Values {
    fn from(f: PeriodForm) -> Self {
        Values {
            kind: f.kind,
            fields: [("from", "Fra (DD.MM.ÅÅÅÅ)", f.from), ("to", "Til (DD.MM.ÅÅÅÅ; tom hvis igangværende)", f.to)],
            reason: f.reason,
            delete: None,
        }
    }
}

impl From<OutcomeForm> for Values {
    fn from(f: OutcomeForm) -> Self {
        Values { kind: f.kind, fields: [("date", "Dato (DD.MM.ÅÅÅÅ)", f.date), ("note", "Note", f.note)], reason: f.reason, delete: None }
    }
}

/// Adding a period or an outcome again after an error, or correcting, ending or deleting one.
#[derive(Template)]
#[template(path = "status/record.html")]
pub struct RecordPage {
    chrome: Chrome,
    person: PersonView,
    what: &'static Record,
    /// `None` when adding.
    recorded: Option<Recorded>,
    kinds: Vec<(&'static str, &'static str)>,
    values: Values,
    errors: Vec<FieldError>,
}

impl RecordPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.reason.as_str())
    }

    fn label(&self, field: &str) -> &'static str {
        field_label(field)
    }
}

/// The period forms' fields (add, correct, end).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PeriodForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    reason: String,
}

/// The outcome forms' fields (add, correct).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct OutcomeForm {
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

/// The delete forms' fields.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    reason: String,
}

fn back(person_id: i64) -> Response {
    crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/personer/{person_id}#status"))
}

async fn person(state: &AppState, actor: &Actor, person_id: i64) -> Result<PersonView, AppError> {
    let tenant = actor.person_writer()?;
    let row = state.store.person(&tenant, person_id).await?.ok_or(AppError::NotFound("personen"))?;
    Ok(PersonView::new(row, &state.vault, actor))
}

/// The form page for `what`: 200 when shown, 422 when it comes back with errors.
async fn record_page(
    state: &AppState,
    actor: &Actor,
    person_id: i64,
    what: &'static Record,
    recorded: Option<Recorded>,
    values: Values,
    errors: Vec<FieldError>,
) -> Result<Response, PageError> {
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let person = person(state, actor, person_id).await?;
    let page = RecordPage { chrome: Chrome::new(state, actor, "personer"), person, what, recorded, kinds: (what.kinds)(), values, errors };
    Ok((status, render(&page)).into_response())
}

/// The period page: adding when `period` is `None`.
async fn period_page(
    state: &AppState,
    actor: &Actor,
    person_id: i64,
    period: Option<&PeriodView>,
    values: PeriodForm,
    delete: Option<String>,
    errors: Vec<FieldError>,
) -> Result<Response, PageError> {
    let values = Values { delete, ..values.into() };
    record_page(state, actor, person_id, &PERIOD, period.map(Recorded::from), values, errors).await
}

/// The outcome page: adding when `outcome` is `None`.
async fn outcome_page(
    state: &AppState,
    actor: &Actor,
    person_id: i64,
    outcome: Option<&OutcomeView>,
    values: OutcomeForm,
    delete: Option<String>,
    errors: Vec<FieldError>,
) -> Result<Response, PageError> {
    let values = Values { delete, ..values.into() };
    record_page(state, actor, person_id, &OUTCOME, outcome.map(Recorded::from), values, errors).await
}

/// The recorded period, read for the edit page (audited).
async fn recorded_period(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64, id: i64) -> Result<PeriodView, AppError> {
    let (periods, _) = super::read(state, actor, meta, person_id, "statusforløb (rettelse)").await?;
    periods.into_iter().find(|p| p.id == id).ok_or(AppError::NotFound("forløbet"))
}

async fn recorded_outcome(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64, id: i64) -> Result<OutcomeView, AppError> {
    let (_, outcomes) = super::read(state, actor, meta, person_id, "resultat (rettelse)").await?;
    outcomes.into_iter().find(|o| o.id == id).ok_or(AppError::NotFound("resultatet"))
}

fn period_values(p: &PeriodView) -> PeriodForm {
    PeriodForm { kind: p.kind.clone(), from: danish_date(&p.from), to: p.to.as_deref().map(danish_date).unwrap_or_default(), ..Default::default() }
}

fn outcome_values(o: &OutcomeView) -> OutcomeForm {
    OutcomeForm { kind: o.kind.clone(), date: danish_date(&o.date), note: o.note.clone(), ..Default::default() }
}

/// POST /personer/{id}/status
pub async fn add_period(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<PeriodForm>,
) -> Result<Response, PageError> {
    actor.person_writer()?;
    actor.check_csrf(&form.csrf)?;
    let input = PeriodInput { kind: form.kind.clone(), from: form.from.clone(), to: Some(form.to.clone()) };
    match super::add_period(&state, &actor, &meta, id, &input).await {
        Ok(_) => Ok(back(id)),
        Err(AppError::Invalid(errors)) => period_page(&state, &actor, id, None, form, None, errors).await,
        Err(e) => Err(e.into()),
    }
}

/// GET /personer/{id}/status/{period}
pub async fn edit_period(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path((id, period)): Path<(i64, i64)>) -> Result<Response, PageError> {
    actor.person_writer()?;
    let p = recorded_period(&state, &actor, &meta, id, period).await?;
    let values = period_values(&p);
    period_page(&state, &actor, id, Some(&p), values, None, Vec::new()).await
}

/// POST /personer/{id}/status/{period}: a correction (with a reason).
pub async fn correct_period(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((id, period)): Path<(i64, i64)>,
    Form(form): Form<PeriodForm>,
) -> Result<Response, PageError> {
    actor.person_writer()?;
    actor.check_csrf(&form.csrf)?;
    let patch =
        PeriodPatch { kind: Some(form.kind.clone()), from: Some(form.from.clone()), to: Some(Some(form.to.clone())), reason: Some(form.reason.clone()) };
    match super::change_period(&state, &actor, &meta, id, period, &patch).await {
        Ok(_) => Ok(back(id)),
        Err(AppError::Invalid(errors)) => {
            let p = recorded_period(&state, &actor, &meta, id, period).await?;
            period_page(&state, &actor, id, Some(&p), form, None, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /personer/{id}/status/{period}/afslut: sets the end of an open period.
pub async fn end_period(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((id, period)): Path<(i64, i64)>,
    Form(form): Form<PeriodForm>,
) -> Result<Response, PageError> {
    actor.person_writer()?;
    actor.check_csrf(&form.csrf)?;
    let mut errors = Vec::new();
    if form.to.trim().is_empty() {
        errors.push(FieldError::new("to", "skriv den sidste dag i forløbet"));
    } else {
        let patch = PeriodPatch { to: Some(Some(form.to.clone())), ..Default::default() };
        match super::change_period(&state, &actor, &meta, id, period, &patch).await {
            Ok(_) => return Ok(back(id)),
            Err(AppError::Invalid(e)) => errors = e,
            Err(e) => return Err(e.into()),
        }
    }
    let p = recorded_period(&state, &actor, &meta, id, period).await?;
    let values = PeriodForm { to: form.to, ..period_values(&p) };
    period_page(&state, &actor, id, Some(&p), values, None, errors).await
}

/// POST /personer/{id}/status/{period}/slet
pub async fn delete_period(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((id, period)): Path<(i64, i64)>,
    Form(form): Form<DeleteForm>,
) -> Result<Response, PageError> {
    actor.person_writer()?;
    actor.check_csrf(&form.csrf)?;
    match super::delete_period(&state, &actor, &meta, id, period, &form.reason).await {
        Ok(()) => Ok(back(id)),
        Err(AppError::Invalid(errors)) => {
            let p = recorded_period(&state, &actor, &meta, id, period).await?;
            let values = period_values(&p);
            period_page(&state, &actor, id, Some(&p), values, Some(form.reason), errors).await
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /personer/{id}/resultater
pub async fn add_outcome(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<OutcomeForm>,
) -> Result<Response, PageError> {
    actor.person_writer()?;
    actor.check_csrf(&form.csrf)?;
    let input = OutcomeInput { kind: form.kind.clone(), date: form.date.clone(), note: form.note.clone(), reason: None };
    match super::add_outcome(&state, &actor, &meta, id, &input).await {
        Ok(_) => Ok(back(id)),
        Err(AppError::Invalid(errors)) => outcome_page(&state, &actor, id, None, form, None, errors).await,
        Err(e) => Err(e.into()),
    }
}

/// GET /personer/{id}/resultater/{outcome}
pub async fn edit_outcome(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((id, outcome)): Path<(i64, i64)>,
) -> Result<Response, PageError> {
    actor.person_writer()?;
    let o = recorded_outcome(&state, &actor, &meta, id, outcome).await?;
    let values = outcome_values(&o);
    outcome_page(&state, &actor, id, Some(&o), values, None, Vec::new()).await
}

/// POST /personer/{id}/resultater/{outcome}: a correction (with a reason).
pub async fn correct_outcome(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((id, outcome)): Path<(i64, i64)>,
    Form(form): Form<OutcomeForm>,
) -> Result<Response, PageError> {
    actor.person_writer()?;
    actor.check_csrf(&form.csrf)?;
    let input = OutcomeInput { kind: form.kind.clone(), date: form.date.clone(), note: form.note.clone(), reason: Some(form.reason.clone()) };
    match super::change_outcome(&state, &actor, &meta, id, outcome, &input).await {
        Ok(_) => Ok(back(id)),
        Err(AppError::Invalid(errors)) => {
            let o = recorded_outcome(&state, &actor, &meta, id, outcome).await?;
            outcome_page(&state, &actor, id, Some(&o), form, None, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /personer/{id}/resultater/{outcome}/slet
pub async fn delete_outcome(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((id, outcome)): Path<(i64, i64)>,
    Form(form): Form<DeleteForm>,
) -> Result<Response, PageError> {
    actor.person_writer()?;
    actor.check_csrf(&form.csrf)?;
    match super::delete_outcome(&state, &actor, &meta, id, outcome, &form.reason).await {
        Ok(()) => Ok(back(id)),
        Err(AppError::Invalid(errors)) => {
            let o = recorded_outcome(&state, &actor, &meta, id, outcome).await?;
            let values = outcome_values(&o);
            outcome_page(&state, &actor, id, Some(&o), values, Some(form.reason), errors).await
        }
        Err(e) => Err(e.into()),
    }
}
