//! The business dialogue log: contacts with companies and unions (date, who, what, a
//! follow-up date). Business consultants log them; the consultant's open follow-ups are
//! shown in Frister. Page `/beskaeftigelse/dialog`, API `/api/v1/employment/dialogue`.
use super::pages::Field;
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::{FieldError, parse_day};
use crate::error::{ApiError, AppError, PageError, Problem};
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::employment::{DialogueRow, NewDialogue};
use crate::web::extract::{Path, Query};
use crate::web::json::ApiJson;
use crate::web::pages::{Chrome, render};
use crate::web::paging::{Page, PageParams, Paging};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use serde::{Deserialize, Serialize};

/// An entry as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DialogueInput {
    /// The company's id (empty for a union or other counterpart).
    #[serde(default)]
    pub company_id: String,
    /// The union or other counterpart (required without a company).
    #[serde(default)]
    pub counterpart: String,
    /// ISO date of the contact.
    #[serde(default)]
    #[schema(required = true, format = Date)]
    pub day: String,
    /// Who took part.
    #[serde(default)]
    pub who: String,
    /// What was talked about.
    #[serde(default)]
    #[schema(required = true, pattern = r"\S")]
    pub what: String,
    /// ISO date to follow up (optional).
    #[serde(default)]
    pub follow_up: String,
}

/// Checks an entry; `company_name` is the company's name when one is chosen.
pub fn check(i: &DialogueInput, company_name: Option<&str>, today: chrono::NaiveDate) -> Result<NewDialogue, Vec<FieldError>> {
    let mut errors = Vec::new();
    let company_id = i.company_id.trim().parse::<i64>().ok();
    let counterpart = match company_name {
        Some(n) => n.to_string(),
        None => i.counterpart.trim().to_string(),
    };
    if counterpart.is_empty() {
        errors.push(FieldError::new("counterpart", "vælg en virksomhed eller skriv hvem (fx en fagforening)"));
    }
    let day = parse_day("day", &i.day).map_err(|e| errors.push(e)).ok();
    if day.is_some_and(|d| crate::domain::chrono_day(d) > today) {
        errors.push(FieldError::new("day", "datoen ligger efter i dag; log kontakten, når den har fundet sted"));
    }
    let what = i.what.trim().to_string();
    if what.is_empty() {
        errors.push(FieldError::new("what", "skriv hvad der blev talt om"));
    } else if what.chars().count() > 4000 {
        errors.push(FieldError::new("what", "må højst have 4000 tegn"));
    }
    let follow_up = if i.follow_up.trim().is_empty() { None } else { parse_day("follow_up", &i.follow_up).map_err(|e| errors.push(e)).ok() };
    if let (Some(d), Some(f)) = (day, follow_up)
        && f < d
    {
        errors.push(FieldError::new("follow_up", "opfølgningen ligger før kontakten"));
    }
    match day {
        Some(day) if errors.is_empty() => Ok(NewDialogue {
            company_id: company_id.filter(|_| company_name.is_some()),
            counterpart,
            day,
            who: i.who.trim().to_string(),
            what,
            follow_up_day: follow_up,
        }),
        _ => Err(errors),
    }
}

/// Logs an entry (business consultants).
pub async fn add(state: &AppState, actor: &Actor, meta: &RequestMeta, i: &DialogueInput) -> Result<DialogueRow, AppError> {
    let t = actor.business_consultant(&state.store).await?;
    let company = match i.company_id.trim() {
        "" => None,
        raw => {
            let id = raw.parse::<i64>().map_err(|_| AppError::Invalid(vec![FieldError::new("company_id", format!("«{raw}» er ikke et virksomheds-id"))]))?;
            Some(
                state
                    .store
                    .company(&t, id)
                    .await?
                    .ok_or_else(|| AppError::Invalid(vec![FieldError::new("company_id", format!("virksomhed {id} findes ikke"))]))?,
            )
        }
    };
    let d = check(i, company.as_ref().map(|c| c.name.as_str()), super::service::today()).map_err(AppError::Invalid)?;
    let id = state.store.add_dialogue(&t, &d, actor.user.id).await?.ok_or(AppError::NotFound("virksomheden"))?;
    record(state, vec![meta.event(actor, AuditAction::Create, AuditEntity::BusinessDialogue, Some(id), format!("dialog med {}", d.counterpart))]).await?;
    state.store.dialogues(&t, None, id + 1, 1).await?.into_iter().next().ok_or(AppError::NotFound("kontakten"))
}

/// Filter of the log (paged by `web::paging`, decision 006).
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DialogueFilter {
    /// Only this company's entries (its id).
    #[serde(default)]
    #[param(value_type = Option<i64>, minimum = 1)]
    pub company: Option<String>,
}

impl DialogueFilter {
    fn company(&self) -> Result<Option<i64>, AppError> {
        match self.company.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            None => Ok(None),
            Some(raw) => raw
                .parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .map(Some)
                .ok_or_else(|| AppError::Invalid(vec![FieldError::new("company", format!("«{raw}» er ikke et virksomheds-id"))])),
        }
    }
}

/// A page of the log, newest first (a key cursor: new entries do not shift later pages).
async fn page(state: &AppState, actor: &Actor, f: &DialogueFilter, p: &Paging) -> Result<Page<DialogueRow>, AppError> {
    let t = super::service::reader(actor)?;
    let items = state.store.dialogues(&t, f.company()?, p.after().unwrap_or(i64::MAX), p.fetch()).await?;
    Ok(p.page_by_key(items, |d| d.id))
}

/// The business dialogue log, newest first, paged.
#[utoipa::path(get, path = "/api/v1/employment/dialogue", tag = "employment", params(PageParams, DialogueFilter),
    responses((status = 200, body = Vec<DialogueRow>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn api_list(State(state): State<AppState>, actor: Actor, paging: Paging, Query(f): Query<DialogueFilter>) -> Result<Page<DialogueRow>, ApiError> {
    Ok(page(&state, &actor, &f, &paging).await?)
}

/// Log a contact with a company or union (business consultants).
#[utoipa::path(post, path = "/api/v1/employment/dialogue", tag = "employment", request_body = DialogueInput,
    responses((status = 201, body = DialogueRow), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn api_add(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    body: Result<ApiJson<DialogueInput>, ApiError>,
) -> Result<(StatusCode, Json<DialogueRow>), ApiError> {
    actor.business_consultant(&state.store).await?;
    let ApiJson(i) = body?;
    Ok((StatusCode::CREATED, Json(add(&state, &actor, &meta, &i).await?)))
}

/// Mark a follow-up done (business consultants).
#[utoipa::path(post, path = "/api/v1/employment/dialogue/{id}/done", tag = "employment", params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn api_done(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>) -> Result<StatusCode, ApiError> {
    done(&state, &actor, &meta, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn done(state: &AppState, actor: &Actor, meta: &RequestMeta, id: i64) -> Result<(), AppError> {
    let t = actor.business_consultant(&state.store).await?;
    if !state.store.finish_follow_up(&t, id).await? {
        return Err(AppError::NotFound("kontakten"));
    }
    record(state, vec![meta.event(actor, AuditAction::Update, AuditEntity::BusinessDialogue, Some(id), "opfølgning udført")]).await
}

/// The log page.
#[derive(Template)]
#[template(path = "employment/dialogue.html")]
pub struct DialoguePageView {
    chrome: Chrome,
    consultant: bool,
    log: Page<DialogueRow>,
    fields: Vec<Field>,
    form: &'static str,
    errors: Vec<FieldError>,
}

async fn show_page(
    state: &AppState,
    actor: &Actor,
    filter: &DialogueFilter,
    p: &Paging,
    input: &DialogueInput,
    errors: Vec<FieldError>,
) -> Result<Response, PageError> {
    let consultant = actor.business_consultant(&state.store).await.is_ok();
    let log = page(state, actor, filter, p).await?;
    let t = super::service::reader(actor)?;
    let companies = state.store.companies(&t, "", 0, 10_000).await?;
    let err = |name: &str| errors.iter().find(|e| e.field == name).map(|e| e.reason.clone());
    let f = |name: &'static str, label: &'static str, hint: &'static str, value: &str| Field {
        name,
        label,
        hint,
        value: value.to_string(),
        error: err(name),
        kind: "text",
        options: Vec::new(),
    };
    let mut company = f("company_id", "Virksomhed", "", &input.company_id);
    company.kind = "select";
    company.options = companies.iter().map(|c| (c.id.to_string(), c.name.clone())).collect();
    let mut what = f("what", "Hvad blev der talt om", "", &input.what);
    what.kind = "textarea";
    let fields = vec![
        company,
        f("counterpart", "Eller: fagforening eller anden part", "udfyldes, når det ikke er en virksomhed", &input.counterpart),
        f("day", "Dato (DD.MM.ÅÅÅÅ)", "", &input.day),
        f("who", "Hvem deltog", "", &input.who),
        what,
        f("follow_up", "Opfølgning senest (DD.MM.ÅÅÅÅ)", "vises i dine frister", &input.follow_up),
    ];
    let view = DialoguePageView { chrome: Chrome::new(state, actor, "beskaeftigelse"), consultant, log, fields, form: "dialog", errors };
    let status = if view.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, render(&view)).into_response())
}

/// GET /beskaeftigelse/dialog
pub async fn show(State(state): State<AppState>, actor: Actor, uri: axum::http::Uri, Query(f): Query<DialogueFilter>) -> Result<Response, PageError> {
    let today = crate::persons::danish_date(&super::service::today());
    let p = super::pages::html_paging(uri.path(), uri.query());
    show_page(&state, &actor, &f, &p, &DialogueInput { day: today, ..Default::default() }, Vec::new()).await
}

/// The form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DialogueForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    input: DialogueInput,
}

/// POST /beskaeftigelse/dialog
pub async fn create(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Form(f): Form<DialogueForm>) -> Result<Response, PageError> {
    actor.check_csrf(&f.csrf)?;
    match add(&state, &actor, &meta, &f.input).await {
        Ok(_) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, "/beskaeftigelse/dialog")),
        Err(AppError::Invalid(errors)) => {
            show_page(&state, &actor, &DialogueFilter::default(), &super::pages::html_paging("/beskaeftigelse/dialog", None), &f.input, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The done form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DoneForm {
    #[serde(default)]
    csrf: String,
}

/// POST /beskaeftigelse/dialog/{id}/udfoert
pub async fn finish(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(f): Form<DoneForm>,
) -> Result<Response, PageError> {
    actor.check_csrf(&f.csrf)?;
    done(&state, &actor, &meta, id).await?;
    Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, "/frister"))
}

/// The actor's open follow-ups due within 14 days or overdue, for Frister (empty for
/// everyone but business consultants).
pub async fn follow_ups(state: &AppState, actor: &Actor) -> Result<Vec<DialogueRow>, AppError> {
    let Ok(t) = actor.business_consultant(&state.store).await else { return Ok(Vec::new()) };
    let until = crate::domain::calendar_bound(super::service::today() + chrono::Duration::days(14));
    Ok(state.store.follow_ups(&t, actor.user.id, until).await?)
}
