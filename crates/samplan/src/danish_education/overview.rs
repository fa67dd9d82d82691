//! The pages under `/danskuddannelse`: the running referrals the reader reaches, with
//! their attendance share (a page at a time), and the language centre's weekly
//! attendance form, which records a whole week for the listed persons at once (nothing
//! is stored when a row is refused; every row comes back as typed, with its error).
use super::attendance::{WeekInput, share, window_start};
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::FieldError;
use crate::domain::calendar_bound;
use crate::error::{AppError, PageError};
use crate::plans::schedule::{parse_week, week_of};
use crate::store::Tenant;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::danish_education::{AttendanceRow, RosterRow};
use crate::web::extract::Query;
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use std::collections::HashMap;

/// Persons per page.
pub const PAGE_SIZE: i64 = 50;

/// The query of both pages.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct WeekQuery {
    /// ISO week, e.g. `2026-W49`; this week when missing.
    #[serde(default)]
    pub uge: Option<String>,
    /// Page number from 1.
    #[serde(default)]
    pub side: Option<i64>,
    /// Set after a saved week.
    #[serde(default)]
    pub gemt: Option<String>,
    /// `mine`: only the reader's own persons (caseworkers and coordinators); all otherwise.
    #[serde(default)]
    pub omfang: Option<String>,
}

/// One running referral on the list.
pub struct Line {
    /// The roster row.
    pub row: RosterRow,
    /// Attendance share over the last 4 weeks.
    pub share: Option<i64>,
    /// Below the municipality's threshold.
    pub flagged: bool,
}

/// The list of running referrals.
#[derive(Template)]
#[template(path = "danish_education/list.html")]
pub struct ListPage {
    chrome: Chrome,
    lines: Vec<Line>,
    total: i64,
    page: i64,
    pages: i64,
    week: String,
    threshold: i64,
    language_centre: bool,
    /// Whether the reader may narrow the list to their own persons.
    can_narrow: bool,
    /// Only the reader's own persons.
    mine: bool,
}

impl ListPage {
    /// The query of a page link (week, scope, page).
    fn link(&self, page: i64) -> String {
        format!("/danskuddannelse?uge={}{}&side={page}", self.week, if self.mine { "&omfang=mine" } else { "" })
    }
}

/// One row of the attendance form: the referral and what is typed or recorded.
pub struct AttendanceLine {
    /// The roster row.
    pub row: RosterRow,
    /// Hours present, as typed or recorded.
    pub present: String,
    /// Absent with notice.
    pub with_notice: String,
    /// Absent without notice.
    pub without_notice: String,
    /// Already recorded for the week.
    pub recorded: bool,
}

impl AttendanceLine {
    /// The three inputs: (field suffix, value, what it counts).
    pub fn cells(&self) -> [(&'static str, &str, &'static str); 3] {
        [
            ("hours_present", &self.present, "til stede"),
            ("absent_with_notice", &self.with_notice, "fravær med afbud"),
            ("absent_without_notice", &self.without_notice, "fravær uden afbud"),
        ]
    }
}

/// The language centre's attendance form for a week.
#[derive(Template)]
#[template(path = "danish_education/attendance.html")]
pub struct AttendancePage {
    chrome: Chrome,
    lines: Vec<AttendanceLine>,
    week: String,
    previous: String,
    next: Option<String>,
    total: i64,
    page: i64,
    pages: i64,
    saved: bool,
    errors: Vec<FieldError>,
}

impl AttendancePage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.reason.as_str())
    }

    /// The Danish name of a refused field for the error summary: the learner and the
    /// column («Amina Hassan, til stede»), or the week.
    fn field_label(&self, field: &str) -> String {
        for l in &self.lines {
            for (suffix, _, what) in l.cells() {
                if field == format!("c{}_{suffix}", l.row.course_id) {
                    return format!("{} {}, {what}", l.row.given_name, l.row.family_name);
                }
            }
            if field == format!("c{}_week", l.row.course_id) {
                return format!("{} {}, uge", l.row.given_name, l.row.family_name);
            }
        }
        "Ugen".into()
    }
}

fn week_and_page(q: &WeekQuery) -> Result<(chrono::NaiveDate, i64), AppError> {
    let today = chrono::Local::now().date_naive();
    let monday = match q.uge.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(w) => parse_week(w)?,
        None => parse_week(&week_of(today))?,
    };
    Ok((monday, q.side.unwrap_or(1).max(1)))
}

fn pages(total: i64) -> i64 {
    ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1)
}

/// GET /danskuddannelse
pub async fn list(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Query(q): Query<WeekQuery>) -> Result<Response, PageError> {
    if matches!(actor.role, crate::domain::Role::NationalSecretariat | crate::domain::Role::RegionalCoordinator) {
        return Ok(Redirect::to("/danskuddannelse/region").into_response());
    }
    let access = actor.person_access(&state.store).await?;
    let tenant = access.tenant();
    let (monday, page) = week_and_page(&q)?;
    let can_narrow = actor.role.writes_persons();
    let mine = can_narrow && q.omfang.as_deref() == Some("mine");
    let (rows, total) =
        state.store.du_roster(tenant, access.reach(), mine.then_some(actor.user.id), calendar_bound(monday), (page - 1) * PAGE_SIZE, PAGE_SIZE).await?;
    let start = window_start(chrono::Local::now().date_naive());
    let threshold = super::settings::load(&state.store, tenant).await?.attendance_min_percent;
    record(&state, rows.iter().map(|r| meta.event(&actor, AuditAction::Read, AuditEntity::Person, Some(r.person_id), "danskuddannelse: liste")).collect())
        .await?;
    let lines = with_shares(&state, tenant, rows, start, threshold).await?;
    let language_centre = actor.language_centre_access(&state.store).await.is_ok();
    let view = ListPage {
        chrome: Chrome::new(&state, &actor, "danskuddannelse"),
        lines,
        total,
        page,
        pages: pages(total),
        week: week_of(monday),
        threshold,
        language_centre,
        can_narrow,
        mine,
    };
    Ok(render(&view).into_response())
}

/// The page's referrals with each person's attendance share (one query for the page).
pub(crate) async fn with_shares(state: &AppState, tenant: &Tenant, rows: Vec<RosterRow>, start: calendar::Date, threshold: i64) -> Result<Vec<Line>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.person_id).collect();
    let sums: HashMap<i64, (i64, i64)> =
        state.store.du_attendance_sums_of(tenant, start, &ids).await?.into_iter().map(|s| (s.person_id, (s.present, s.absent))).collect();
    Ok(rows
        .into_iter()
        .map(|row| {
            let share = sums.get(&row.person_id).and_then(|(p, a)| share(*p, *a));
            Line { flagged: super::attendance::below(share, threshold), share, row }
        })
        .collect())
}

async fn attendance_page(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    q: &WeekQuery,
    typed: Option<&HashMap<String, String>>,
    errors: Vec<FieldError>,
) -> Result<Response, PageError> {
    let access = actor.language_centre_access(&state.store).await?;
    let tenant = access.tenant();
    let (monday, page) = week_and_page(q)?;
    let (rows, total) = state.store.du_roster(tenant, access.reach(), None, calendar_bound(monday), (page - 1) * PAGE_SIZE, PAGE_SIZE).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.course_id).collect();
    let recorded: HashMap<i64, AttendanceRow> =
        state.store.du_attendance_week(tenant, calendar_bound(monday), &ids).await?.into_iter().map(|a| (a.course_id, a)).collect();
    record(
        state,
        rows.iter().map(|r| meta.event(actor, AuditAction::Read, AuditEntity::Person, Some(r.person_id), "danskuddannelse: fremmødeliste")).collect(),
    )
    .await?;
    let lines = rows
        .into_iter()
        .map(|row| {
            let stored = recorded.get(&row.course_id);
            let value = |suffix: &str, stored_value: Option<i64>| match typed {
                Some(t) => t.get(&format!("c{}_{suffix}", row.course_id)).cloned().unwrap_or_default(),
                None => stored_value.map(|v| v.to_string()).unwrap_or_default(),
            };
            AttendanceLine {
                present: value("hours_present", stored.map(|s| s.hours_present)),
                with_notice: value("absent_with_notice", stored.map(|s| s.absent_with_notice)),
                without_notice: value("absent_without_notice", stored.map(|s| s.absent_without_notice)),
                recorded: stored.is_some(),
                row,
            }
        })
        .collect();
    let today = chrono::Local::now().date_naive();
    let next = monday + chrono::Days::new(7);
    let view = AttendancePage {
        chrome: Chrome::new(state, actor, "danskuddannelse"),
        lines,
        week: week_of(monday),
        previous: week_of(monday - chrono::Days::new(7)),
        next: (next <= today).then(|| week_of(next)),
        total,
        page,
        pages: pages(total),
        saved: q.gemt.is_some() && errors.is_empty(),
        errors: errors.clone(),
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, render(&view)).into_response())
}

/// GET /danskuddannelse/fremmoede
pub async fn attendance_form(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Query(q): Query<WeekQuery>) -> Result<Response, PageError> {
    attendance_page(&state, &actor, &meta, &q, None, Vec::new()).await
}

/// POST /danskuddannelse/fremmoede: every row with something typed is checked first;
/// only when all pass is the week stored.
pub async fn attendance_save(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let access = actor.language_centre_access(&state.store).await?;
    let typed: HashMap<String, String> = fields.into_iter().collect();
    actor.check_csrf(typed.get("csrf").map(String::as_str).unwrap_or(""))?;
    let q = WeekQuery { uge: typed.get("uge").cloned(), side: typed.get("side").and_then(|s| s.parse().ok()), gemt: None, omfang: None };
    let week = typed.get("uge").cloned().unwrap_or_default();
    let mut course_ids: Vec<i64> = typed
        .keys()
        .filter_map(|k| {
            let rest = k.strip_prefix('c')?;
            ["_hours_present", "_absent_with_notice", "_absent_without_notice"].iter().find_map(|s| rest.strip_suffix(s)?.parse().ok())
        })
        .collect();
    course_ids.sort_unstable();
    course_ids.dedup();
    let today = chrono::Local::now().date_naive();
    let mut errors = Vec::new();
    let mut rows = Vec::new();
    for id in course_ids {
        let prefix = format!("c{id}_");
        let get = |name: &str| typed.get(&format!("{prefix}{name}")).map(|s| s.trim().to_string()).unwrap_or_default();
        let raw = [get("hours_present"), get("absent_with_notice"), get("absent_without_notice")];
        if raw.iter().all(String::is_empty) {
            continue;
        }
        let mut parse = |name: &'static str, v: &str| -> Option<i64> {
            if v.is_empty() {
                return Some(0);
            }
            v.parse().map_err(|_| errors.push(FieldError::new(format!("{prefix}{name}"), format!("«{v}» er ikke et helt antal timer")))).ok()
        };
        let input = WeekInput {
            course_id: Some(id),
            week: week.clone(),
            hours_present: parse("hours_present", &raw[0]),
            absent_with_notice: parse("absent_with_notice", &raw[1]),
            absent_without_notice: parse("absent_without_notice", &raw[2]),
        };
        if let Err(e) = super::attendance::check_week(&input, today, &prefix) {
            errors.extend(e);
        }
        let person = state.store.du_course(access.tenant(), id).await?.map(|c| c.person_id);
        match person {
            Some(p) if access.may_read(&state.store, p).await? => rows.push((p, input, prefix)),
            _ => return Err(AppError::NotFound("henvisningen").into()),
        }
    }
    if errors.is_empty() {
        for (person, input, prefix) in &rows {
            if let Err(e) = super::attendance::record_week(&state, &actor, &meta, *person, input, prefix).await {
                match e {
                    AppError::Invalid(e) => errors.extend(e),
                    other => return Err(other.into()),
                }
            }
        }
    }
    if errors.is_empty() {
        let page = q.side.unwrap_or(1);
        return Ok(Redirect::to(&format!("/danskuddannelse/fremmoede?uge={}&side={page}&gemt=1", week.trim())).into_response());
    }
    attendance_page(&state, &actor, &meta, &q, Some(&typed), errors).await
}
