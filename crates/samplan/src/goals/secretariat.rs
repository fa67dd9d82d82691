//! The national secretariat's page (`/sekretariat`): every partnership with its members
//! over time (join and leave), each member's local goals, advisory notes per
//! municipality and the log of experience-exchange meetings with their outcomes. No
//! person data: the comparisons it links to are suppressed aggregates.
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::{FieldError, MunicipalityCode};
use crate::error::{AppError, PageError};
use crate::store::StoreError;
use crate::store::Tenant;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::goals::{GoalRow, MeetingRow, MemberRow, NoteRow, PartnershipRow};
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

/// A partnership with its members and meetings.
pub struct PartnershipView {
    /// The partnership.
    pub partnership: PartnershipRow,
    /// Its memberships, past and present.
    pub members: Vec<MemberRow>,
    /// Its meetings, newest first.
    pub meetings: Vec<MeetingRow>,
}

/// `/sekretariat`.
#[derive(Template)]
#[template(path = "goals/secretariat.html")]
pub struct SecretariatPage {
    chrome: Chrome,
    partnerships: Vec<PartnershipView>,
    goals: Vec<(String, Vec<GoalRow>)>,
    notes: Vec<(NoteRow, String)>,
    municipalities: Vec<(String, String)>,
    today: String,
    form: SecretariatForm,
    errors: Vec<FieldError>,
}

/// Every form of the page (each posts the fields it has).
#[derive(Debug, Default, Deserialize)]
pub struct SecretariatForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    partnership_id: String,
    #[serde(default)]
    municipality: String,
    #[serde(default)]
    day: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    topic: String,
    #[serde(default)]
    outcomes: String,
}

fn national(actor: &Actor) -> Result<(), AppError> {
    if actor.role.is_national() { Ok(()) } else { Err(AppError::Forbidden("kun det nationale sekretariat har adgang til dette".into())) }
}

async fn page(state: &AppState, actor: &Actor, form: SecretariatForm, errors: Vec<FieldError>) -> Result<Response, AppError> {
    national(actor)?;
    let members = state.store.partnership_members().await?;
    let meetings = state.store.meetings().await?;
    let partnerships = state
        .store
        .partnerships()
        .await?
        .into_iter()
        .map(|p| PartnershipView {
            members: members.iter().filter(|m| m.partnership_id == p.id).cloned().collect(),
            meetings: meetings.iter().filter(|m| m.partnership_id == p.id).cloned().collect(),
            partnership: p,
        })
        .collect();
    let mut codes: Vec<String> = members.iter().map(|m| m.municipality_code.clone()).collect();
    codes.sort();
    codes.dedup();
    let mut goals = Vec::new();
    // The secretariat reads every member municipality's goals (aggregates, no persons).
    for code in &codes {
        goals.push((super::service::municipality_name(code), state.store.goals(&Tenant::trusted(code.as_str())).await?));
    }
    let notes = state.store.notes().await?.into_iter().map(|n| {
        let name = super::service::municipality_name(&n.municipality_code);
        (n, name)
    });
    let municipalities = crate::domain::municipality::all().iter().map(|m| (m.code.clone(), m.name.clone())).collect();
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let view = SecretariatPage {
        chrome: Chrome::new(state, actor, "maal"),
        partnerships,
        goals,
        notes: notes.collect(),
        municipalities,
        today: crate::deadlines::today().danish().to_string(),
        form,
        errors,
    };
    Ok((status, render(&view)).into_response())
}

/// GET /sekretariat
pub async fn show(State(state): State<AppState>, actor: Actor) -> Result<Response, PageError> {
    Ok(page(&state, &actor, SecretariatForm::default(), Vec::new()).await?)
}

fn required(field: &'static str, value: &str, errors: &mut Vec<FieldError>) -> String {
    let v = value.trim();
    if v.is_empty() {
        errors.push(FieldError::new(field, "skal udfyldes"));
    }
    v.to_string()
}

fn day(value: &str, errors: &mut Vec<FieldError>) -> Option<calendar::Date> {
    crate::domain::parse_day("day", value).map_err(|e| errors.push(e)).ok()
}

fn partnership_id(value: &str, errors: &mut Vec<FieldError>) -> i64 {
    value.trim().parse().unwrap_or_else(|_| {
        errors.push(FieldError::new("partnership_id", "vælg et partnerskab"));
        0
    })
}

fn municipality(value: &str, errors: &mut Vec<FieldError>) -> Option<MunicipalityCode> {
    MunicipalityCode::parse(value.trim()).map_err(|e| errors.push(FieldError::new("municipality", e.reason))).ok()
}

/// What one form does, once its fields are checked.
enum Action {
    Create { name: String, description: String },
    Join { partnership: i64, code: MunicipalityCode, day: calendar::Date },
    Leave { partnership: i64, code: MunicipalityCode, day: calendar::Date },
    Note { code: MunicipalityCode, day: calendar::Date, note: String },
    Meeting { partnership: i64, day: calendar::Date, topic: String, outcomes: String },
}

fn parse(kind: &str, f: &SecretariatForm) -> Result<Action, Vec<FieldError>> {
    let mut e = Vec::new();
    let action = match kind {
        "create" => Action::Create { name: required("name", &f.name, &mut e), description: f.description.trim().to_string() },
        "join" | "leave" => {
            let (partnership, code, day) = (partnership_id(&f.partnership_id, &mut e), municipality(&f.municipality, &mut e), day(&f.day, &mut e));
            match (code, day, kind) {
                (Some(code), Some(day), "join") => Action::Join { partnership, code, day },
                (Some(code), Some(day), _) => Action::Leave { partnership, code, day },
                _ => return Err(e),
            }
        }
        "note" => {
            let (code, day, note) = (municipality(&f.municipality, &mut e), day(&f.day, &mut e), required("note", &f.note, &mut e));
            match (code, day) {
                (Some(code), Some(day)) => Action::Note { code, day, note },
                _ => return Err(e),
            }
        }
        _ => {
            let (partnership, day) = (partnership_id(&f.partnership_id, &mut e), day(&f.day, &mut e));
            let (topic, outcomes) = (required("topic", &f.topic, &mut e), required("outcomes", &f.outcomes, &mut e));
            match day {
                Some(day) => Action::Meeting { partnership, day, topic, outcomes },
                None => return Err(e),
            }
        }
    };
    if e.is_empty() { Ok(action) } else { Err(e) }
}

/// Carries out a secretariat action. The secretariat's role reaches every municipality,
/// so the municipality an action names is its tenant.
async fn apply(state: &AppState, actor: &Actor, meta: &RequestMeta, action: Action) -> Result<Result<(), FieldError>, AppError> {
    let by = actor.user.login.clone();
    let (entity, detail) = match action {
        Action::Create { name, description } => match state.store.create_partnership(&name, &description).await {
            Ok(_) => (AuditEntity::Partnership, format!("partnerskab oprettet: {name}")),
            Err(StoreError::Conflict(_)) => return Ok(Err(FieldError::new("name", "et partnerskab med det navn findes allerede"))),
            Err(e) => return Err(e.into()),
        },
        Action::Join { partnership, code, day } => {
            state.store.ensure_municipality(&code).await?;
            match state.store.join_partnership(partnership, &Tenant::trusted(code.as_str()), day).await {
                Ok(()) => (AuditEntity::PartnershipMember, format!("{} indtrådt i partnerskab {partnership} {}", code.as_str(), day.danish())),
                Err(StoreError::Conflict(_)) => return Ok(Err(FieldError::new("municipality", "kommunen er allerede medlem"))),
                Err(e) => return Err(e.into()),
            }
        }
        Action::Leave { partnership, code, day } => {
            if !state.store.leave_partnership(partnership, &Tenant::trusted(code.as_str()), day).await? {
                return Ok(Err(FieldError::new("municipality", "kommunen er ikke medlem (eller indtrådte efter datoen)")));
            }
            (AuditEntity::PartnershipMember, format!("{} udtrådt af partnerskab {partnership} {}", code.as_str(), day.danish()))
        }
        Action::Note { code, day, note } => {
            state.store.ensure_municipality(&code).await?;
            state.store.add_note(&Tenant::trusted(code.as_str()), day, &by, &note).await?;
            (AuditEntity::AdvisoryNote, format!("rådgivningsnote om {}", code.as_str()))
        }
        Action::Meeting { partnership, day, topic, outcomes } => {
            if !state.store.partnerships().await?.iter().any(|p| p.id == partnership) {
                return Ok(Err(FieldError::new("partnership_id", "partnerskabet findes ikke")));
            }
            state.store.add_meeting(partnership, day, &topic, &outcomes, &by).await?;
            (AuditEntity::ExchangeMeeting, format!("erfaringsmøde {} i partnerskab {partnership}: {topic}", day.danish()))
        }
    };
    record(state, vec![meta.event(actor, AuditAction::Create, entity, None, detail)]).await?;
    Ok(Ok(()))
}

async fn submit(state: AppState, actor: Actor, meta: RequestMeta, kind: &str, form: SecretariatForm) -> Result<Response, PageError> {
    national(&actor)?;
    actor.check_csrf(&form.csrf)?;
    let outcome = match parse(kind, &form) {
        Ok(action) => apply(&state, &actor, &meta, action).await?.map_err(|e| vec![e]),
        Err(errors) => Err(errors),
    };
    match outcome {
        Ok(()) => Ok(Redirect::to("/sekretariat").into_response()),
        Err(errors) => Ok(page(&state, &actor, form, errors).await?),
    }
}

/// POST /sekretariat/partnerskaber
pub async fn create_partnership(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Form(form): Form<SecretariatForm>,
) -> Result<Response, PageError> {
    submit(state, actor, meta, "create", form).await
}

/// POST /sekretariat/medlemmer
pub async fn join(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Form(form): Form<SecretariatForm>) -> Result<Response, PageError> {
    submit(state, actor, meta, "join", form).await
}

/// POST /sekretariat/udmeldelser
pub async fn leave(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Form(form): Form<SecretariatForm>) -> Result<Response, PageError> {
    submit(state, actor, meta, "leave", form).await
}

/// POST /sekretariat/noter
pub async fn add_note(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Form(form): Form<SecretariatForm>) -> Result<Response, PageError> {
    submit(state, actor, meta, "note", form).await
}

/// POST /sekretariat/moeder
pub async fn add_meeting(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Form(form): Form<SecretariatForm>) -> Result<Response, PageError> {
    submit(state, actor, meta, "meeting", form).await
}
