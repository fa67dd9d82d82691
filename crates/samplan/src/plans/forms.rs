//! The plan's forms: add a goal (coordinators and caseworkers) and add or change an
//! action (department staff: their own department's). Every form carries the CSRF
//! token and a reason; bad input re-renders the form with each field's reason.
use super::consent::{check_csrf, field, pairs};
use super::pages::{CHOICES, Choices};
use super::service;
use super::{Action, Goal, Slot};
use crate::app::AppState;
use crate::auth::{Actor, RequestMeta};
use crate::domain::FieldError;
use crate::error::{AppError, PageError};
use crate::store::persons::PersonRow;
use crate::web::extract::{Path, Query};
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::extract::{RawForm, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// POST /familier/{id}/plan/maal
pub async fn add_goal(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    RawForm(raw): RawForm,
) -> Result<Response, PageError> {
    let p = pairs(&raw);
    check_csrf(&actor, &p)?;
    let l = service::load(&state, &actor, id, None).await?;
    let goal = Goal { id: 0, life_area: field(&p, "life_area"), person_id: field(&p, "person_id").parse().ok(), text: field(&p, "text"), actions: Vec::new() };
    let based_on = field(&p, "based_on_version").parse().unwrap_or(-1);
    let version = service::add_goal(&state, &actor, &meta, &l, based_on, goal, &field(&p, "reason")).await?;
    let notice = if version == based_on { crate::web::notice::Notice::Unchanged } else { crate::web::notice::Notice::Saved };
    Ok(crate::web::notice::after(notice, &format!("/familier/{id}/plan#maal")))
}

/// The action form.
#[derive(Template)]
#[template(path = "plans/action_form.html")]
pub struct ActionForm {
    chrome: Chrome,
    family_id: i64,
    family_name: String,
    based_on: i64,
    goals: Vec<(i64, String)>,
    goal_id: i64,
    action: Action,
    slots: Vec<Slot>,
    members: Vec<PersonRow>,
    choices: Choices,
    own_department: Option<String>,
    reason: String,
    errors: Vec<FieldError>,
}

impl ActionForm {
    fn chosen(&self, id: &i64) -> bool {
        self.action.person_id == Some(*id)
    }

    fn error_for(&self, name: &str) -> Option<String> {
        self.errors.iter().find(|e| e.field.ends_with(name)).map(|e| e.reason.clone())
    }

    /// The Danish name of a field (the last part of its path), for the error summary.
    fn label(&self, field: &str) -> &'static str {
        let last = field.rsplit('.').next().unwrap_or(field);
        match last {
            "catalogue_code" => "Indsats fra kataloget",
            "title" => "Titel",
            "department" => "Afdeling",
            "person_id" => "For",
            "interpreter_language" => "Behov for tolk",
            "start_date" => "Startdato",
            "end_date" => "Slutdato",
            "weekday" | "from" | "to" => "Faste tider hver uge",
            "weekly_hours" => "Timer om ugen",
            "status" => "Status",
            "reason" => "Begrundelse for ændringen",
            _ => "Indsatsen",
        }
    }

    /// An interpreter language set through the API that the form does not offer.
    fn other_interpreter_language(&self) -> Option<&str> {
        self.action.interpreter_language.as_deref().filter(|c| !self.choices.interpreter_languages.contains(c))
    }
}

/// `?maal=G&indsats=A`.
#[derive(Debug, Deserialize)]
pub struct FormParams {
    #[serde(default)]
    maal: Option<i64>,
    #[serde(default)]
    indsats: Option<i64>,
}

#[expect(clippy::too_many_arguments, reason = "the form page is redrawn from every piece a handler holds")]
async fn form(
    state: &AppState,
    actor: &Actor,
    id: i64,
    goal_id: i64,
    action: Action,
    reason: String,
    errors: Vec<FieldError>,
    extra_rows: usize,
) -> Result<Response, AppError> {
    let l = service::load(state, actor, id, None).await?;
    let goals = l.visible.goals.iter().map(|g| (g.id, g.text.clone())).collect();
    // Every slot the action has, and room for more (at least three rows).
    let mut slots = action.slots.clone();
    slots.resize((slots.len() + extra_rows).max(3), Slot { weekday: 0, from: String::new(), to: String::new() });
    let own_department = super::access::department_of(&state.store, &l.tenant, actor).await?;
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let view = ActionForm {
        chrome: Chrome::new(state, actor, "familier"),
        family_id: id,
        family_name: l.family.name.clone(),
        based_on: l.number(),
        goals,
        goal_id,
        action,
        slots,
        members: l.members.clone(),
        choices: CHOICES,
        own_department: if l.viewer.is_owner() { None } else { own_department },
        reason,
        errors,
    };
    Ok((status, render(&view)).into_response())
}

/// GET /familier/{id}/plan/indsats
pub async fn edit(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Query(q): Query<FormParams>,
) -> Result<Response, PageError> {
    let l = service::load(&state, &actor, id, None).await?;
    let (goal_id, action) = match q.indsats {
        Some(aid) => {
            let (g, a) = l.visible.action(aid).ok_or(AppError::NotFound("indsatsen"))?;
            (g.id, a.clone())
        }
        None => {
            let department = super::access::department_of(&state.store, &l.tenant, &actor).await?.unwrap_or_default();
            let blank = Action {
                id: 0,
                catalogue_code: None,
                title: String::new(),
                department,
                responsible_user_id: Some(actor.user.id),
                responsible_name: actor.user.display_name.clone(),
                person_id: None,
                start_date: service::today(),
                end_date: None,
                slots: Vec::new(),
                weekly_hours: None,
                status: "planned".into(),
                interpreter_language: None,
            };
            (q.maal.unwrap_or(0), blank)
        }
    };
    crate::auth::audit::record(&state, l.read_events(&meta, &actor, "indsatsformular")).await?;
    Ok(form(&state, &actor, id, goal_id, action, String::new(), Vec::new(), 1).await?)
}

/// POST /familier/{id}/plan/indsats
pub async fn save(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>, RawForm(raw): RawForm) -> Result<Response, PageError> {
    let p = pairs(&raw);
    check_csrf(&actor, &p)?;
    let l = service::load(&state, &actor, id, None).await?;
    let opt = |name: &str| Some(field(&p, name)).filter(|v| !v.trim().is_empty());
    // As many slot rows as the form had (`slotN_day` for N = 1, 2, …).
    let rows = p.iter().filter_map(|(k, _)| k.strip_prefix("slot")?.strip_suffix("_day")?.parse::<usize>().ok()).max().unwrap_or(0);
    let slots = (1..=rows)
        .filter_map(|i| {
            let day = field(&p, &format!("slot{i}_day"));
            (!day.is_empty()).then(|| Slot {
                weekday: forms::slot::weekday_from_form(&day),
                from: field(&p, &format!("slot{i}_from")),
                to: field(&p, &format!("slot{i}_to")),
            })
        })
        .collect();
    let mut errors = Vec::new();
    let weekly_hours = opt("weekly_hours")
        .and_then(|h| h.replace(',', ".").trim().parse::<f64>().map_err(|_| errors.push(FieldError::new("weekly_hours", "skal være et tal"))).ok());
    let existing = field(&p, "action_id").parse::<i64>().unwrap_or(0);
    // An existing action keeps its responsible user; a new one is the author's.
    let responsible = match l.full.action(existing) {
        Some((_, a)) => a.responsible_user_id,
        None => Some(actor.user.id),
    };
    let action = Action {
        id: existing,
        catalogue_code: opt("catalogue_code"),
        title: field(&p, "title"),
        department: field(&p, "department"),
        responsible_user_id: responsible,
        responsible_name: field(&p, "responsible_name"),
        person_id: opt("person_id").and_then(|v| v.parse().ok()),
        start_date: field(&p, "start_date"),
        end_date: opt("end_date"),
        slots,
        weekly_hours,
        status: field(&p, "status"),
        interpreter_language: opt("interpreter_language"),
    };
    let goal_id = field(&p, "goal_id").parse().unwrap_or(0);
    let reason = field(&p, "reason");
    let based_on = field(&p, "based_on_version").parse().unwrap_or(-1);
    // «Flere faste tider»: the same form with three more empty rows, nothing saved.
    if !field(&p, "more_slots").is_empty() {
        return Ok(form(&state, &actor, id, goal_id, action, reason, errors, 3).await?);
    }
    let result = if errors.is_empty() {
        service::put_action(&state, &actor, &meta, &l, based_on, goal_id, action.clone(), &reason).await
    } else {
        Err(AppError::Invalid(errors))
    };
    match result {
        Ok(version) => {
            let notice = if version == based_on { crate::web::notice::Notice::Unchanged } else { crate::web::notice::Notice::Saved };
            let row = if existing > 0 { format!("indsats-{existing}") } else { format!("goal-{goal_id}") };
            Ok(crate::web::notice::after(notice, &format!("/familier/{id}/plan#{row}")))
        }
        Err(AppError::Invalid(errors)) => Ok(form(&state, &actor, id, goal_id, action, reason, errors, 1).await?),
        Err(e) => Err(e.into()),
    }
}
