//! The coordinator's overview: their notifications first, then the families whose plan
//! they (or their department's coordinators) coordinate, each with its open conflicts
//! this week, open deadlines (overdue or due within 30 days) and the last contact date;
//! narrowed to the families with an overdue deadline or with something this week (chosen
//! in the database, so the page reads details for the shown families only), a page at a
//! time.
use super::kept::{FamilyWeeks, WeekInputs};
use super::schedule::{self, Conflict};
use super::service;
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::error::{ApiError, AppError, PageError};
use crate::store::Tenant;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::deadlines::DeadlineRow;
use crate::store::notifications::NotificationRow;
use crate::store::overview::Coordinators;
use crate::store::persons::PersonRow;
use crate::store::plans::PlanHeadRow;
use crate::web::extract::Query;
use crate::web::pages::{Chrome, render};
use crate::web::paging::{Page, PageNav, PageParams, Paging};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::collections::HashMap;

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
    /// How many of the members' deadlines are overdue.
    pub overdue: usize,
    /// The open deadlines as the page shows them (Danish dates).
    #[serde(skip)]
    pub deadlines_shown: Vec<String>,
}

/// Which families of the overview are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// Every family.
    All,
    /// Families with an open deadline due this week or a conflict this week.
    ThisWeek,
    /// Families with an overdue deadline.
    Overdue,
}

/// A family's deadline lines: (due, API line with the ISO date, page line with the
/// Danish date), and how many are overdue.
#[derive(Default)]
struct Dues {
    lines: Vec<(calendar::Date, String, String)>,
    overdue: usize,
}

impl Dues {
    fn add(&mut self, given_name: &str, row: DeadlineRow) {
        let view = crate::deadlines::service::DeadlineView::new(row, None);
        if view.status == "overdue" {
            self.overdue += 1;
        }
        let status = view.status_text.to_lowercase();
        let api = format!("{given_name}: {}, {} ({status})", view.title, view.due);
        let page = format!("{given_name}: {}, {} ({status})", view.title, crate::persons::danish_date(&view.due));
        self.lines.push((view.due, api, page));
    }

    /// Fills `line`'s deadlines, soonest first.
    fn fill(mut self, line: &mut FamilyLine) {
        self.lines.sort();
        (line.deadlines, line.deadlines_shown) = self.lines.into_iter().map(|(_, a, p)| (a, p)).unzip();
        line.overdue = self.overdue;
    }
}

/// Open deadlines of a family's members that are overdue or due within 30 days, as
/// "name: deadline, due date (status)", soonest first.
async fn open_deadlines(state: &AppState, tenant: &Tenant, family_id: i64) -> Result<Dues, AppError> {
    let horizon = crate::deadlines::today().add_days(30).unwrap_or(calendar::Date::MAX);
    let mut dues = Dues::default();
    for member in state.store.family_members(tenant, family_id).await? {
        let filter = crate::store::deadlines::DeadlineFilter { person_id: Some(member.id), status: Some("open".into()), ..Default::default() };
        for row in crate::deadlines::service::list(state, tenant, &crate::store::access::Reach::All, &filter).await? {
            if row.deadline.due <= horizon {
                dues.add(&member.given_name, row.deadline);
            }
        }
    }
    Ok(dues)
}

/// The caller's families with conflicts first, then by name. Nothing is audited here:
/// the caller records the families it shows.
pub async fn lines(state: &AppState, actor: &Actor) -> Result<Vec<FamilyLine>, AppError> {
    Ok(window(state, actor, Coordinators::User(actor.user.id), Show::All, 0, usize::MAX).await?.0)
}

/// `limit` of [`lines`] after the first `start`, and how many there are in all. The
/// order needs every family's conflicts; the deadlines, last contact and attendance are
/// read for the families of the window only.
pub async fn window(state: &AppState, actor: &Actor, who: Coordinators, show: Show, start: usize, limit: usize) -> Result<(Vec<FamilyLine>, usize), AppError> {
    let access = actor.person_access(&state.store).await?;
    let today = chrono::Local::now().date_naive();
    let monday = schedule::parse_week(&schedule::week_of(today)).map_err(AppError::from)?;
    let sunday = (monday + chrono::Duration::days(6)).to_string();
    if !(access.is_all() && matches!(actor.role, crate::domain::Role::Coordinator | crate::domain::Role::Caseworker)) {
        let mut all = lines_one_by_one(state, actor, who).await?;
        let this_week = |l: &FamilyLine| {
            !l.conflicts.is_empty()
                || l.deadlines.iter().any(|d| {
                    d.rsplit_once(", ").is_some_and(|(_, due)| due.get(..10).is_some_and(|due| due >= monday.to_string().as_str() && due <= sunday.as_str()))
                })
        };
        match show {
            Show::All => {}
            Show::Overdue => all.retain(|l| l.overdue > 0),
            Show::ThisWeek => all.retain(this_week),
        }
        let total = all.len();
        return Ok((all.into_iter().skip(start).take(limit).collect(), total));
    }
    let tenant = access.tenant();
    let maximum = state.store.max_weekly_hours(tenant).await?.unwrap_or(schedule::DEFAULT_MAX_WEEKLY_HOURS);
    let horizon = (today + chrono::Duration::days(30)).to_string();
    let duty = schedule::Duty::of_municipality(&state.store, tenant, monday).await?;
    // The families a filter keeps for their deadlines, chosen in one query.
    let due_in = match show {
        Show::All => None,
        Show::Overdue => Some(state.store.coordinated_families_due(tenant, who, "0000-01-01", &(today - chrono::Duration::days(1)).to_string()).await?),
        Show::ThisWeek => Some(state.store.coordinated_families_due(tenant, who, &monday.to_string(), &sunday).await?),
    };
    let plans = state.store.plan_heads_coordinated_by(tenant, who).await?;
    let inputs = WeekInputs { heads: plans.iter().map(|v| (v.family_id, v.id)).collect(), maximum, duty };
    let code = tenant.code();
    let weeks = state
        .store
        .memoised_given(&format!("overview-weeks:{code}:{who:?}:{monday}"), &[code.to_string()], inputs.clone(), || {
            family_weeks(state, tenant, who, &plans, monday, &inputs)
        })
        .await?;
    let mut names: HashMap<i64, String> = state.store.coordinated_family_names(tenant, who).await?.into_iter().collect();
    // Every family's conflicts, for the order.
    let mut all: Vec<(FamilyLine, &[PersonRow])> = Vec::with_capacity(plans.len());
    for v in plans {
        let Some((conflicts, family_members)) = weeks.1.get(&v.family_id) else { continue };
        let line = FamilyLine {
            family_id: v.family_id,
            name: names.remove(&v.family_id).unwrap_or_default(),
            version: v.version,
            conflicts: conflicts.clone(),
            deadlines: Vec::new(),
            last_contact: v.saved_at.chars().take(10).collect(),
            last_contact_kind: "ændring af planen".into(),
            danish_attendance: Vec::new(),
            overdue: 0,
            deadlines_shown: Vec::new(),
        };
        let kept = match (&due_in, show) {
            (None, _) => true,
            (Some(due), Show::ThisWeek) => due.contains(&line.family_id) || !line.conflicts.is_empty(),
            (Some(due), _) => due.contains(&line.family_id),
        };
        if kept {
            all.push((line, family_members.as_slice()));
        }
    }
    all.sort_by(|(a, _), (b, _)| (a.conflicts.is_empty(), &a.name, a.family_id).cmp(&(b.conflicts.is_empty(), &b.name, b.family_id)));
    let total = all.len();
    let shown: Vec<(FamilyLine, &[PersonRow])> = all.into_iter().skip(start).take(limit).collect();
    // The details of the families shown.
    let ids: Vec<i64> = shown.iter().map(|(l, _)| l.family_id).collect();
    let shown_members: Vec<i64> = shown.iter().flat_map(|(_, ms)| ms.iter().map(|m| m.id)).collect();
    let mut deadlines: HashMap<i64, Vec<DeadlineRow>> = HashMap::new();
    for d in state.store.open_deadlines_of_persons(tenant, &shown_members, &horizon).await? {
        deadlines.entry(d.person_id).or_default().push(d);
    }
    let talks: HashMap<i64, String> = state.store.last_conversations_of_families(tenant, &ids, &today.to_string()).await?.into_iter().collect();
    let (flagged, threshold) = crate::danish_education::attendance::flagged_of(state, tenant, &shown_members).await?;
    let mut out = Vec::with_capacity(shown.len());
    for (mut line, family_members) in shown {
        line.danish_attendance = family_members
            .iter()
            .filter_map(|m| {
                flagged.get(&m.id).map(|share| format!("{}: {share} % fremmøde på danskuddannelsen de sidste 4 uger (grænse {threshold} %)", m.given_name))
            })
            .collect();
        if let Some(day) = talks.get(&line.family_id).filter(|day| **day >= line.last_contact) {
            line.last_contact = day.clone();
            line.last_contact_kind = "samtale".into();
        }
        let mut dues = Dues::default();
        for member in family_members {
            for row in deadlines.remove(&member.id).unwrap_or_default() {
                dues.add(&member.given_name, row);
            }
        }
        dues.fill(&mut line);
        out.push(line);
    }
    Ok((out, total))
}

/// Every coordinated family's conflicts in the week of `monday`, with its members,
/// computed from `inputs` and the families' current plans `plans`.
async fn family_weeks(
    state: &AppState,
    tenant: &Tenant,
    who: Coordinators,
    plans: &[PlanHeadRow],
    monday: chrono::NaiveDate,
    inputs: &WeekInputs,
) -> Result<FamilyWeeks, AppError> {
    let documents = state.plan_documents.get(&state.store, tenant, &plans.iter().map(|v| v.id).collect::<Vec<_>>()).await?;
    let mut members: HashMap<i64, Vec<PersonRow>> = HashMap::new();
    for m in state.store.coordinated_members(tenant, who).await? {
        members.entry(m.family_id.unwrap_or_default()).or_default().push(m);
    }
    let family_of: HashMap<i64, i64> = members.iter().flat_map(|(f, ms)| ms.iter().map(move |m| (m.id, *f))).collect();
    let mut places: HashMap<i64, Vec<schedule::Place>> = HashMap::new();
    for p in crate::children::childcare::schedule_places(&state.store.coordinated_childcare(tenant, who).await?) {
        places.entry(family_of.get(&p.person_id).copied().unwrap_or_default()).or_default().push(p);
    }
    let mut courses: HashMap<i64, Vec<crate::store::danish_education::CourseRow>> = HashMap::new();
    for c in state
        .store
        .coordinated_du_running(tenant, who, crate::domain::calendar_bound(monday), crate::domain::calendar_bound(monday + chrono::Duration::days(6)))
        .await?
    {
        courses.entry(c.person_id).or_default().push(c);
    }
    let mut weeks = FamilyWeeks::with_capacity(plans.len());
    for v in plans {
        let family_members = members.remove(&v.family_id).unwrap_or_default();
        let Some(doc) = documents.get(&v.id) else { continue };
        let running: Vec<_> = family_members.iter().flat_map(|m| courses.remove(&m.id).unwrap_or_default()).collect();
        let (full, visible) = crate::danish_education::week::with_courses(doc, doc, &running);
        let family_places = places.remove(&v.family_id).unwrap_or_default();
        let conflicts = schedule::family_week(&full, &visible, &family_members, &family_places, monday, inputs.maximum, &inputs.duty)
            .into_iter()
            .flat_map(|w| w.conflicts)
            .collect();
        weeks.insert(v.family_id, (conflicts, family_members));
    }
    Ok(weeks)
}

/// [`lines`] a family at a time, through the consent-filtered plan view (for readers
/// who do not own plans or do not reach the whole municipality).
pub async fn lines_one_by_one(state: &AppState, actor: &Actor, who: Coordinators) -> Result<Vec<FamilyLine>, AppError> {
    let tenant = actor.person_reader()?;
    let today = chrono::Local::now().date_naive();
    let monday = schedule::parse_week(&schedule::week_of(today)).map_err(AppError::from)?;
    let maximum = state.store.max_weekly_hours(&tenant).await?.unwrap_or(schedule::DEFAULT_MAX_WEEKLY_HOURS);
    let mut out = Vec::new();
    let (flagged, threshold) = crate::danish_education::attendance::flagged_now(state, &tenant).await?;
    let duty = schedule::Duty::of_municipality(&state.store, &tenant, monday).await?;
    for v in state.store.plan_heads_coordinated_by(&tenant, who).await? {
        // A colleague's family the reader cannot open is left out, not an error.
        let l = match service::load(state, actor, v.family_id, None).await {
            Ok(l) => l,
            Err(AppError::NotFound(_) | AppError::Forbidden(_)) => continue,
            Err(e) => return Err(e),
        };
        let (full, visible) = crate::danish_education::week::with_du_hours(&state.store, &tenant, &l.members, &l.full, &l.visible, monday).await?;
        let conflicts = schedule::family_week(&full, &visible, &l.members, &l.places, monday, maximum, &duty).into_iter().flat_map(|w| w.conflicts).collect();
        let danish_attendance = l
            .members
            .iter()
            .filter_map(|m| {
                flagged.get(&m.id).map(|share| format!("{}: {share} % fremmøde på danskuddannelsen de sidste 4 uger (grænse {threshold} %)", m.given_name))
            })
            .collect();
        let plan_changed: String = v.saved_at.chars().take(10).collect();
        let (last_contact, kind) = match state
            .store
            .last_conversation(&tenant, v.family_id, crate::domain::calendar_day(today).unwrap_or(calendar::Date::MAX))
            .await?
            .map(|d| d.to_string())
        {
            Some(day) if day >= plan_changed => (day, "samtale"),
            _ => (plan_changed, "ændring af planen"),
        };
        let mut line = FamilyLine {
            family_id: v.family_id,
            name: l.family.name.clone(),
            version: v.version,
            conflicts,
            deadlines: Vec::new(),
            last_contact,
            last_contact_kind: kind.into(),
            danish_attendance,
            overdue: 0,
            deadlines_shown: Vec::new(),
        };
        open_deadlines(state, &tenant, v.family_id).await?.fill(&mut line);
        out.push(line);
    }
    out.sort_by(|a, b| (a.conflicts.is_empty(), &a.name, a.family_id).cmp(&(b.conflicts.is_empty(), &b.name, b.family_id)));
    Ok(out)
}

/// Records the reads of the families shown.
async fn record_shown(state: &AppState, actor: &Actor, meta: &RequestMeta, shown: &[FamilyLine]) -> Result<(), AppError> {
    record(state, shown.iter().map(|l| meta.event(actor, AuditAction::Read, AuditEntity::FamilyPlan, Some(l.family_id), "koordinatoroversigt")).collect()).await
}

/// Whose families and which of them the API answers (the overview page's `omfang` and
/// `vis`).
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
pub struct FamilyParams {
    /// `mine` (default): the families the caller coordinates; `department`: those whose
    /// coordinator belongs to the caller's department.
    #[serde(default)]
    #[param(pattern = "^(mine|department)?$")]
    pub scope: Option<String>,
    /// `all` (default); `this_week`: families with an open deadline due this week or a
    /// conflict this week; `overdue`: families with an overdue deadline.
    #[serde(default)]
    #[param(pattern = "^(all|this_week|overdue)?$")]
    pub show: Option<String>,
}

/// The reader's department id and its Danish name, when they belong to one.
async fn department_of(state: &AppState, actor: &Actor) -> Result<Option<(i64, &'static str)>, AppError> {
    let Some(id) = actor.user.department_id else { return Ok(None) };
    let access = actor.person_access(&state.store).await?;
    let label = crate::auth::access::department_of(&state.store, access.tenant(), actor)
        .await?
        .and_then(|code| crate::domain::DepartmentKind::parse(&code).ok())
        .map(|d| d.label());
    Ok(label.map(|l| (id, l)))
}

impl FamilyParams {
    /// Whose families and which; an unknown value, or `department` for a reader without
    /// one, is refused naming the parameter.
    async fn parse(&self, state: &AppState, actor: &Actor) -> Result<(Coordinators, Show), AppError> {
        let clean = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        let who = match clean(&self.scope).as_deref() {
            None | Some("mine") => Coordinators::User(actor.user.id),
            Some("department") => match department_of(state, actor).await? {
                Some((id, _)) => Coordinators::Department(id),
                None => return Err(crate::domain::FieldError::new("scope", "du hører ikke til en afdeling; brug mine").into()),
            },
            Some(_) => return Err(crate::domain::FieldError::new("scope", "brug mine eller department").into()),
        };
        let show = match clean(&self.show).as_deref() {
            None | Some("all") => Show::All,
            Some("this_week") => Show::ThisWeek,
            Some("overdue") => Show::Overdue,
            Some(_) => return Err(crate::domain::FieldError::new("show", "brug all, this_week eller overdue").into()),
        };
        Ok((who, show))
    }
}

/// The caller's families as coordinator (or their department's), with open conflicts
/// this week (families with conflicts first, then by name), all of them or those with
/// something this week or an overdue deadline, a page at a time — the overview page's
/// filters.
#[utoipa::path(get, path = "/api/v1/coordinator/families", tag = "plans", params(FamilyParams, PageParams),
    responses((status = 200, body = Vec<FamilyLine>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))),
        (status = 422, body = crate::error::Problem)))]
pub async fn api(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    paging: Paging,
    Query(params): Query<FamilyParams>,
) -> Result<Page<FamilyLine>, ApiError> {
    let (who, show) = params.parse(&state, &actor).await?;
    let (items, total) = window(&state, &actor, who, show, paging.offset() as usize, paging.limit).await?;
    let page = paging.slice_of(items, total);
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
    /// The week number («uge 50»).
    week: String,
    nav: PageNav,
    total: usize,
    /// `mine` or `afdeling`.
    scope: &'static str,
    /// `alle`, `denne-uge` or `overskredet`.
    show: &'static str,
    /// The reader's department's Danish name, when they have one.
    department: Option<&'static str>,
}

impl OverviewPage {
    /// The query of this view, for the paging links.
    fn query(&self) -> String {
        format!("omfang={}&vis={}", self.scope, self.show)
    }
}

/// `?side=`, `?omfang=` (`mine`, `afdeling`) and `?vis=` (`alle`, `denne-uge`,
/// `overskredet`) of the overview.
#[derive(Debug, serde::Deserialize)]
pub struct OverviewParams {
    #[serde(default)]
    side: Option<String>,
    #[serde(default)]
    omfang: Option<String>,
    #[serde(default)]
    vis: Option<String>,
}

/// Families shown per page of the overview.
const PER_PAGE: usize = 50;

/// GET /koordinator
pub async fn page(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Query(p): Query<OverviewParams>) -> Result<Response, PageError> {
    let access = actor.person_access(&state.store).await?;
    let own = department_of(&state, &actor).await?;
    let department = own.map(|(_, label)| label);
    let (scope, who) = match (p.omfang.as_deref(), own) {
        (Some("afdeling"), Some((id, _))) => ("afdeling", Coordinators::Department(id)),
        _ => ("mine", Coordinators::User(actor.user.id)),
    };
    let (show, filter) = match p.vis.as_deref() {
        Some("denne-uge") => ("denne-uge", Show::ThisWeek),
        Some("overskredet") => ("overskredet", Show::Overdue),
        _ => ("alle", Show::All),
    };
    let mut nav = PageNav::new(p.side.as_deref(), PER_PAGE);
    let (shown, total) = window(&state, &actor, who, filter, nav.offset() as usize, PER_PAGE).await?;
    let families = nav.cut_of(shown, total);
    record_shown(&state, &actor, &meta, &families).await?;
    let notifications = state.store.notifications(access.tenant(), access.reach(), actor.user.id, 50).await?;
    let week = schedule::week_label(&schedule::week_of(chrono::Local::now().date_naive()));
    let view = OverviewPage { chrome: Chrome::new(&state, &actor, "koordinering"), families, notifications, week, nav, total, scope, show, department };
    Ok(render(&view).into_response())
}
