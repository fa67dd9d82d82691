//! The family plan page (goals, actions, the week view with conflicts, the plan as it
//! stood on a date); the version history is in `versions.rs`.
use super::access::Viewer;
use super::document::CATALOGUE;
use super::schedule::{self, PersonWeek};
use super::service::{self, Loaded};
use super::{ActionStatus, LifeArea, PlanDocument};
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::{DepartmentKind, parse_date};
use crate::error::PageError;
use crate::store::persons::PersonRow;
use crate::store::plans::PlanVersionRow;
use crate::web::extract::{Path, Query};
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use chrono::Duration;
use serde::Deserialize;

/// Danish weekday names, Monday first.
pub const WEEKDAYS: [&str; 7] = ["Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag"];

/// The plan page.
#[derive(Template)]
#[template(path = "plans/plan.html")]
pub struct PlanPage {
    chrome: Chrome,
    family_id: i64,
    family_name: String,
    version: Option<PlanVersionRow>,
    plan: PlanDocument,
    hidden: usize,
    as_of: Option<String>,
    members: Vec<PersonRow>,
    week: String,
    prev_week: String,
    next_week: String,
    days: Vec<(u8, &'static str, String)>,
    weeks: Vec<PersonWeek>,
    owner: bool,
    can_write: bool,
    own_department: Option<String>,
    recommendations: std::collections::BTreeMap<i64, Vec<crate::knowledge::recommend::Recommendation>>,
}

impl PlanPage {
    fn person_name(&self, id: &Option<i64>) -> String {
        match id {
            Some(id) => self.members.iter().find(|m| m.id == *id).map_or_else(|| "?".into(), |m| format!("{} {}", m.given_name, m.family_name)),
            None => "Hele familien".into(),
        }
    }

    fn departments(&self) -> &'static [crate::domain::DepartmentKind] {
        crate::domain::DepartmentKind::ALL
    }

    fn area_label(&self, code: &str) -> &'static str {
        LifeArea::parse(code).map(|a| a.label()).unwrap_or("?")
    }

    fn conflict_count(&self) -> usize {
        self.weeks.iter().map(|w| w.conflicts.len()).sum()
    }

    /// The visible actions a conflict involves: (id, title), for links to their rows.
    fn conflict_actions(&self, ids: &[i64]) -> Vec<(i64, String)> {
        self.plan.goals.iter().flat_map(|g| &g.actions).filter(|a| ids.contains(&a.id)).map(|a| (a.id, a.title.clone())).collect()
    }

    fn in_conflict(&self, action_id: &i64) -> bool {
        self.weeks.iter().flat_map(|w| &w.conflicts).any(|c| c.kind == "overlap" && c.action_ids.contains(action_id))
    }

    fn recommended(&self, goal_id: &i64) -> &[crate::knowledge::recommend::Recommendation] {
        self.recommendations.get(goal_id).map_or(&[], Vec::as_slice)
    }

    fn may_edit(&self, department: &str) -> bool {
        if self.owner { self.can_write } else { self.own_department.as_deref() == Some(department) }
    }
}

/// `?dato=YYYY-MM-DD&uge=YYYY-Www`.
#[derive(Debug, Deserialize)]
pub struct PlanParams {
    #[serde(default)]
    dato: Option<String>,
    #[serde(default)]
    uge: Option<String>,
}

/// GET /familier/{id}/plan
pub async fn show(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Query(q): Query<PlanParams>,
) -> Result<Response, PageError> {
    let as_of = match q.dato.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => Some(parse_date("dato", d)?.to_string()),
        None => None,
    };
    let today = chrono::Local::now().date_naive();
    let monday = match q.uge.as_deref().filter(|w| !w.is_empty()) {
        Some(w) => schedule::parse_week(w)?,
        None => schedule::parse_week(&schedule::week_of(today))?,
    };
    let l: Loaded = service::load(&state, &actor, id, as_of.as_deref()).await?;
    record(&state, l.read_events(&meta, &actor, if as_of.is_some() { "helhedsplan på dato" } else { "helhedsplan" })).await?;
    let maximum = state.store.max_weekly_hours(&l.tenant).await?.unwrap_or(schedule::DEFAULT_MAX_WEEKLY_HOURS);
    let (full, visible) = crate::danish_education::week::with_du_hours(&state.store, &l.tenant, &l.members, &l.full, &l.visible, monday).await?;
    let duty = schedule::Duty::of_family(&state.store, &l.tenant, id).await?;
    let weeks = schedule::family_week(&full, &visible, &l.members, &l.places, monday, maximum, &duty);
    let own_department = super::access::department_of(&state.store, &l.tenant, &actor).await?;
    let published = state.store.published_methods().await?;
    let recommendations = crate::knowledge::recommend::for_plan(&l.visible, &l.members, &published, today);
    let days = (0..7u8).map(|d| (d + 1, WEEKDAYS[usize::from(d)], (monday + Duration::days(i64::from(d))).format("%d.%m.").to_string())).collect();
    let page = PlanPage {
        chrome: Chrome::new(&state, &actor, "familier"),
        family_id: l.family.id,
        family_name: l.family.name.clone(),
        version: l.version.clone(),
        plan: l.visible.clone(),
        hidden: l.hidden,
        as_of,
        members: l.members.clone(),
        week: schedule::week_of(monday),
        prev_week: schedule::week_of(monday - Duration::days(7)),
        next_week: schedule::week_of(monday + Duration::days(7)),
        days,
        weeks,
        owner: matches!(l.viewer, Viewer::Owner),
        can_write: actor.role.writes_persons(),
        own_department,
        recommendations,
    };
    Ok(render(&page).into_response())
}

/// Choices for the action form.
pub struct Choices {
    /// Departments.
    pub departments: &'static [DepartmentKind],
    /// Statuses.
    pub statuses: &'static [ActionStatus],
    /// Life areas.
    pub areas: &'static [LifeArea],
    /// The catalogue.
    pub catalogue: &'static [(&'static str, &'static str, DepartmentKind)],
    /// Weekdays.
    pub weekdays: [&'static str; 7],
    /// Languages offered for an interpreter.
    pub interpreter_languages: &'static [&'static str],
}

/// The standard choices.
pub const CHOICES: Choices = Choices {
    departments: DepartmentKind::ALL,
    statuses: ActionStatus::ALL,
    areas: LifeArea::ALL,
    catalogue: CATALOGUE,
    weekdays: WEEKDAYS,
    interpreter_languages: super::document::INTERPRETER_LANGUAGES,
};

impl PlanPage {
    fn choices_weekday(&self, day: &u8) -> &'static str {
        WEEKDAYS.get(usize::from(*day).saturating_sub(1)).copied().unwrap_or("?")
    }

    fn areas(&self) -> &'static [LifeArea] {
        LifeArea::ALL
    }
}
