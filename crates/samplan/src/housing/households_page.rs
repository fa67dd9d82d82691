//! The waiting list (`/bolig/husstande`): every household on it with its members
//! counted, its needs, and its way from temporary to permanent housing; the form that
//! puts a family on the list or changes its needs. Every household shown is audited.
use super::needs;
use super::tracking::{self, HousingStatus, NO_DEADLINE};
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::FieldError;
use crate::error::{AppError, PageError};
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::housing::NeedRow;
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// `/bolig/husstande`.
#[derive(Template)]
#[template(path = "housing/households.html")]
pub struct HouseholdsPage {
    chrome: Chrome,
    rows: Vec<(NeedRow, HousingStatus)>,
    no_deadline: &'static str,
    form: NeedForm,
    errors: Vec<FieldError>,
    person: crate::persons::pick::PickField,
}

impl HouseholdsPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.reason.as_str())
    }
}

/// The needs form.
#[derive(Debug, Default, Deserialize)]
pub struct NeedForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    family_id: String,
    /// A member of the family, by name, CPR number or birth date.
    #[serde(default)]
    person: String,
    /// The member chosen among several that matched.
    #[serde(default)]
    person_id: String,
    #[serde(default)]
    max_rent: String,
    #[serde(default)]
    needs_accessible: Option<String>,
    #[serde(default)]
    anchors: String,
}

async fn page(state: &AppState, actor: &Actor, meta: &RequestMeta, form: NeedForm, errors: Vec<FieldError>) -> Result<Response, AppError> {
    let mut person = crate::persons::pick::PickField::new("person", "Et familiemedlem");
    person.value = form.person.clone();
    person_page(state, actor, meta, form, errors, person).await
}

async fn person_page(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    form: NeedForm,
    errors: Vec<FieldError>,
    person: crate::persons::pick::PickField,
) -> Result<Response, AppError> {
    let tenant = actor.housing_officer()?;
    let needs = state.store.housing_needs(&tenant).await?;
    let events = needs.iter().map(|n| meta.event(actor, AuditAction::Read, AuditEntity::Family, Some(n.family_id), "venteliste til bolig")).collect();
    record(state, events).await?;
    let today = chrono::Local::now().date_naive();
    let rows = needs.into_iter().map(|n| {
        let s = tracking::status(&n, today);
        (n, s)
    });
    let view = HouseholdsPage { chrome: Chrome::new(state, actor, "boligplacering"), rows: rows.collect(), no_deadline: NO_DEADLINE, form, errors, person };
    let status = if view.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, render(&view)).into_response())
}

/// GET /bolig/husstande
pub async fn show(State(state): State<AppState>, actor: Actor, meta: RequestMeta) -> Result<Response, PageError> {
    Ok(page(&state, &actor, &meta, NeedForm::default(), Vec::new()).await?)
}

/// POST /bolig/husstande: puts a family on the list or changes its needs.
pub async fn save(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Form(form): Form<NeedForm>) -> Result<Response, PageError> {
    let tenant = actor.housing_officer()?;
    actor.check_csrf(&form.csrf)?;
    let parsed = needs::parse(&form.max_rent, form.needs_accessible.is_some(), &form.anchors);
    // The family: from the list's «Ret behov» link, else through one of its members.
    let mut person = crate::persons::pick::PickField::new("person", "Et familiemedlem");
    person.value = form.person.clone();
    let family_id = match form.family_id.trim().parse::<i64>() {
        Ok(id) => Some(id),
        Err(_) => {
            let access = actor.person_access(&state.store).await?;
            match crate::persons::pick::resolve(&state, &access, person.clone(), form.person_id.trim().parse().ok()).await? {
                Ok(row) if row.family_id.is_some() => row.family_id,
                Ok(row) => {
                    person.error = Some(format!("{} {} er ikke registreret i en familie", row.given_name, row.family_name));
                    None
                }
                Err(field) => {
                    person = field;
                    None
                }
            }
        }
    };
    let (family_id, fields) = match (family_id, parsed) {
        (Some(id), Ok(fields)) => (id, fields),
        (_, parsed) => {
            let mut errors: Vec<FieldError> = crate::persons::pick::field_error(&person).into_iter().collect();
            errors.extend(parsed.err().unwrap_or_default());
            return Ok(person_page(&state, &actor, &meta, form, errors, person).await?);
        }
    };
    let today = crate::deadlines::today();
    // Putting a family on the list would make it readable, so only a family one may
    // already read can be put there (decision 005).
    let readable = match actor.person_access(&state.store).await?.family(&state.store, family_id).await {
        Ok(_) => true,
        Err(AppError::NotFound(_)) => false,
        Err(e) => return Err(e.into()),
    };
    if !readable || !state.store.save_need(&tenant, family_id, &fields, today).await? {
        person.error = Some("familien er ikke blandt de familier, du har adgang til; nye familier sættes på ventelisten af en sagsbehandler".into());
        let errors = crate::persons::pick::field_error(&person).into_iter().collect();
        return Ok(person_page(&state, &actor, &meta, form, errors, person).await?);
    }
    record(&state, vec![meta.event(&actor, AuditAction::Update, AuditEntity::HousingNeed, Some(family_id), "boligbehov gemt")]).await?;
    Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/bolig/husstande#husstand-{family_id}")))
}
