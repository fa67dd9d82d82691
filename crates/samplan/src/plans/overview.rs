//! The coordinator's overview: the families whose plan they coordinate, each with its
//! open conflicts this week, open deadlines (overdue or due within 30 days) and the last
//! contact date, and their notifications.
use super::schedule::{self, Conflict};
use super::service;
use super::PlanDocument;
use crate::store::deadlines::DeadlineRow;
use crate::store::persons::PersonRow;
use std::collections::HashMap;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::store::notifications::NotificationRow;
use crate::app::AppState;
use crate::error::{ApiError, AppError, PageError};
use crate::web::pages::{Chrome, render};
use askama::Template;
use crate::web::paging::{Page, PageNav, PageParams, Paging};
use axum::extract::State;
use crate::web::extract::Query;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// One family in the overview.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FamilyLine {
    /// The family.
    pub family_id: i64,
    /// Its name.
    pub name: String,
    /// Current plan version.
    pub version: i64,
    /// Open conflicts in the current week.
    pub conflicts: Vec<Conflict>,
    /// Open deadlines of the members, overdue or due within 30 days.
    pub deadlines: Vec<String>,
    /// Last contact (ISO date): the later of the last conversation with a member
    /// (follow-up interview, contract) and the last change of the plan.
    pub last_contact: String,
    /// What that contact was, in Danish.
    pub last_contact_kind: String,
    /// Members below the attendance share on Danish education, one line each.
    pub danish_attendance: Vec<String>,
}

/// Open deadlines of a family's members that are overdue or due within 30 days, as
/// "name: deadline, due date (status)", soonest first.
pub async fn open_deadlines(state: &AppState, municipality: &str, family_id: i64) -> Result<Vec<String>, AppError> {
    let horizon = (chrono::Local::now().date_naive() + chrono::Duration::days(30)).to_string();
    let mut lines = Vec::new();
    for member in state.store.family_members(municipality, family_id).await? {
        let filter = crate::store::deadlines::DeadlineFilter { person_id: Some(member.id), status: Some("open".into()), ..Default::default() };
        for row in crate::deadlines::service::list(state, municipality, &crate::store::access::Reach::All, &filter).await? {
            if row.deadline.due <= horizon {
                let view = crate::deadlines::service::DeadlineView::new(row.deadline, None);
                lines.push((view.due.clone(), format!("{}: {}, {} ({})", member.given_name, view.title, view.due, view.status_text.to_lowercase())));
            }
        }
    }
    lines.sort();
    Ok(lines.into_iter().map(|(_, line)| line).collect())
}

/// The caller's families with conflicts first, then by name. Nothing is audited here:
/// the caller records the families it shows.
pub async fn lines(state: &AppState, actor: &Actor) -> Result<Vec<FamilyLine>, AppError> {
    let access = actor.person_access(&state.store).await?;
    if !(access.is_all() && matches!(actor.role, crate::domain::Role::Coordinator | crate::domain::Role::Caseworker)) {
        return lines_one_by_one(state, actor).await;
    }
    let code = access.code();
    let user = actor.user.id;
    let today = chrono::Local::now().date_naive();
    let monday = schedule::parse_week(&schedule::week_of(today)).map_err(AppError::from)?;
    let maximum = state.store.max_weekly_hours(code).await?.unwrap_or(schedule::DEFAULT_MAX_WEEKLY_HOURS);
    let horizon = (today + chrono::Duration::days(30)).to_string();
    let duty = schedule::Duty::of_municipality(&state.store, code, monday).await?;
    let plans = state.store.plans_coordinated_by(code, user).await?;
    let names: HashMap<i64, String> = state.store.coordinated_family_names(code, user).await?.into_iter().collect();
    let mut members: HashMap<i64, Vec<PersonRow>> = HashMap::new();
    for m in state.store.coordinated_members(code, user).await? {
        members.entry(m.family_id.unwrap_or_default()).or_default().push(m);
    }
    let mut deadlines: HashMap<i64, Vec<DeadlineRow>> = HashMap::new();
    for d in state.store.coordinated_open_deadlines(code, user, &horizon).await? {
        deadlines.entry(d.person_id).or_default().push(d);
    }
    let talks: HashMap<i64, String> = state.store.coordinated_last_conversations(code, user, &today.to_string()).await?.into_iter().collect();
    let member_ids: Vec<i64> = members.values().flatten().map(|m| m.id).collect();
    let places = crate::children::childcare::schedule_places(&state.store.childcare_of_persons(code, &member_ids).await?);
    let (flagged, threshold) = crate::danish_education::attendance::flagged_now(state, code).await?;
    let sunday = (monday + chrono::Duration::days(6)).to_string();
    let mut courses: HashMap<i64, Vec<crate::store::danish_education::CourseRow>> = HashMap::new();
    for c in state.store.du_running(code, &member_ids, &monday.to_string(), &sunday).await? {
        courses.entry(c.person_id).or_default().push(c);
    }
    let mut out = Vec::with_capacity(plans.len());
    for v in plans {
        let family_members = members.remove(&v.family_id).unwrap_or_default();
        let doc = PlanDocument::from_json(&v.document);
        let running: Vec<_> = family_members.iter().flat_map(|m| courses.remove(&m.id).unwrap_or_default()).collect();
        let (full, visible) = crate::danish_education::week::with_courses(&doc, &doc, &running);
        let conflicts = schedule::family_week(&full, &visible, &family_members, &places, monday, maximum, &duty).into_iter().flat_map(|w| w.conflicts).collect();
        let danish_attendance = family_members
            .iter()
            .filter_map(|m| flagged.get(&m.id).map(|share| format!("{}: {share} % fremmøde på danskuddannelsen de sidste 4 uger (grænse {threshold} %)", m.given_name)))
            .collect();
        let plan_changed: String = v.saved_at.chars().take(10).collect();
        let (last_contact, kind) = match talks.get(&v.family_id) {
            Some(day) if *day >= plan_changed => (day.clone(), "samtale"),
            _ => (plan_changed, "ændring af planen"),
        };
        let mut lines: Vec<(String, String)> = Vec::new();
        for member in &family_members {
            for row in deadlines.remove(&member.id).unwrap_or_default() {
                let view = crate::deadlines::service::DeadlineView::new(row, None);
                lines.push((view.due.clone(), format!("{}: {}, {} ({})", member.given_name, view.title, view.due, view.status_text.to_lowercase())));
            }
        }
        lines.sort();
        out.push(FamilyLine {
            family_id: v.family_id,
            name: names.get(&v.family_id).cloned().unwrap_or_default(),
            version: v.version,
            conflicts,
            deadlines: lines.into_iter().map(|(_, line)| line).collect(),
            last_contact,
            last_contact_kind: kind.into(),
            danish_attendance,
        });
    }
    out.sort_by(|a, b| (a.conflicts.is_empty(), &a.name).cmp(&(b.conflicts.is_empty(), &b.name)));
    Ok(out)
}

/// [`lines`] a family at a time, through the consent-filtered plan view (for readers
/// who do not own plans or do not reach the whole municipality).
pub async fn lines_one_by_one(state: &AppState, actor: &Actor) -> Result<Vec<FamilyLine>, AppError> {
    let tenant = actor.person_reader()?;
    let today = chrono::Local::now().date_naive();
    let monday = schedule::parse_week(&schedule::week_of(today)).map_err(AppError::from)?;
    let maximum = state.store.max_weekly_hours(tenant.code()).await?.unwrap_or(schedule::DEFAULT_MAX_WEEKLY_HOURS);
    let mut out = Vec::new();
    let (flagged, threshold) = crate::danish_education::attendance::flagged_now(state, tenant.code()).await?;
    let duty = schedule::Duty::of_municipality(&state.store, tenant.code(), monday).await?;
    for v in state.store.plans_coordinated_by(tenant.code(), actor.user.id).await? {
        let l = service::load(state, actor, v.family_id, None).await?;
        let (full, visible) = crate::danish_education::week::with_du_hours(&state.store, tenant.code(), &l.members, &l.full, &l.visible, monday).await?;
        let conflicts = schedule::family_week(&full, &visible, &l.members, &l.places, monday, maximum, &duty).into_iter().flat_map(|w| w.conflicts).collect();
        let danish_attendance = l
            .members
            .iter()
            .filter_map(|m| flagged.get(&m.id).map(|share| format!("{}: {share} % fremmøde på danskuddannelsen de sidste 4 uger (grænse {threshold} %)", m.given_name)))
            .collect();
        let plan_changed: String = v.saved_at.chars().take(10).collect();
        let (last_contact, kind) = match state.store.last_conversation(tenant.code(), v.family_id, &today.to_string()).await? {
            Some(day) if day >= plan_changed => (day, "samtale"),
            _ => (plan_changed, "ændring af planen"),
        };
        out.push(FamilyLine {
            family_id: v.family_id,
            name: l.family.name.clone(),
            version: v.version,
            conflicts,
            deadlines: open_deadlines(state, tenant.code(), v.family_id).await?,
            last_contact,
            last_contact_kind: kind.into(),
            danish_attendance,
        });
    }
    out.sort_by(|a, b| (a.conflicts.is_empty(), &a.name).cmp(&(b.conflicts.is_empty(), &b.name)));
    Ok(out)
}

/// Records the reads of the families shown.
async fn record_shown(state: &AppState, actor: &Actor, meta: &RequestMeta, shown: &[FamilyLine]) -> Result<(), AppError> {
    record(state, shown.iter().map(|l| meta.event(actor, "read", "family_plan", Some(l.family_id), "koordinatoroversigt")).collect()).await
}

/// The caller's families as coordinator, with open conflicts this week (families with
/// conflicts first, then by name), a page at a time.
#[utoipa::path(get, path = "/api/v1/coordinator/families", tag = "plans", params(PageParams),
    responses((status = 200, body = Vec<FamilyLine>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))),
        (status = 422, body = crate::error::Problem)))]
pub async fn api(State(state): State<AppState>, actor: Actor, meta: RequestMeta, paging: Paging) -> Result<Page<FamilyLine>, ApiError> {
    let page = paging.slice(lines(&state, &actor).await?);
    record_shown(&state, &actor, &meta, &page.items).await?;
    Ok(page)
}

/// The overview page.
#[derive(Template)]
#[template(path = "plans/overview.html")]
pub struct OverviewPage {
    chrome: Chrome,
    families: Vec<FamilyLine>,
    notifications: Vec<NotificationRow>,
    week: String,
    nav: PageNav,
    total: usize,
}

/// `?side=` of the overview.
#[derive(Debug, serde::Deserialize)]
pub struct OverviewParams {
    #[serde(default)]
    side: Option<String>,
}

/// Families shown per page of the overview.
const PER_PAGE: usize = 50;

/// GET /koordinator
pub async fn page(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Query(p): Query<OverviewParams>) -> Result<Response, PageError> {
    let access = actor.person_access(&state.store).await?;
    let all = lines(&state, &actor).await?;
    let total = all.len();
    let mut nav = PageNav::new(p.side.as_deref(), PER_PAGE);
    let families = nav.cut(all);
    record_shown(&state, &actor, &meta, &families).await?;
    let notifications = state.store.notifications(access.code(), access.reach(), actor.user.id, 50).await?;
    let week = schedule::week_of(chrono::Local::now().date_naive());
    let view = OverviewPage { chrome: Chrome::new(&state, &actor, "koordinering"), families, notifications, week, nav, total };
    Ok(render(&view).into_response())
}
