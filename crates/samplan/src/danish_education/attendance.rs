//! Weekly attendance on Danish education, recorded by the language centre: hours
//! present, absent with notice (afbud) and absent without notice, per referral and ISO
//! week. Only language-centre staff record it, and only for persons in their reach
//! (`Actor::language_centre_access`); everyone who reads the person reads it.
//!
//! The attendance flag: a person whose share of hours present over the last 4 weeks
//! (this week and the 3 before) is below the municipality's setting (default 80 %) is
//! flagged. Recording the week that takes a person below the share notifies their
//! caseworker; the coordinator overview shows a line per flagged member.
use super::settings;
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::FieldError;
use crate::error::AppError;
use crate::plans::schedule::{parse_week, week_label, week_of};
use crate::store::Tenant;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::danish_education::{AttendanceRow, AttendanceSum};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Weeks the attendance share is taken over.
pub const WEEKS: u64 = 4;
/// Most hours in one field of one week.
const MAX_WEEK_HOURS: i64 = 60;

/// One week of attendance as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AttendanceView {
    /// The referral.
    pub course_id: i64,
    /// ISO week, e.g. `2026-W49`.
    pub week: String,
    /// Hours present.
    pub hours_present: i64,
    /// Hours absent with notice.
    pub absent_with_notice: i64,
    /// Hours absent without notice.
    pub absent_without_notice: i64,
    /// Login of who recorded it.
    pub recorded_by: String,
}

impl From<AttendanceRow> for AttendanceView {
    fn from(r: AttendanceRow) -> Self {
        let week = week_of(crate::domain::chrono_day(r.week));
        AttendanceView {
            course_id: r.course_id,
            week,
            hours_present: r.hours_present,
            absent_with_notice: r.absent_with_notice,
            absent_without_notice: r.absent_without_notice,
            recorded_by: r.recorded_by,
        }
    }
}

/// A person's attendance: the weeks recorded and the share over the last 4 weeks.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Attendance {
    /// Weeks recorded, newest first.
    pub weeks: Vec<AttendanceView>,
    /// Share of hours present over the last 4 weeks, in percent; `null` without hours recorded.
    pub share_percent: Option<i64>,
    /// The municipality's threshold in percent.
    pub threshold_percent: i64,
    /// Below the threshold.
    pub flagged: bool,
}

/// One week to record.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WeekInput {
    /// The referral; the person's running one when omitted.
    #[serde(default)]
    pub course_id: Option<i64>,
    /// ISO week, e.g. `2026-W49`.
    #[serde(default)]
    pub week: String,
    /// Hours present.
    #[serde(default)]
    pub hours_present: Option<i64>,
    /// Hours absent with notice.
    #[serde(default)]
    pub absent_with_notice: Option<i64>,
    /// Hours absent without notice.
    #[serde(default)]
    pub absent_without_notice: Option<i64>,
}

/// The Monday of the first of the last [`WEEKS`] weeks up to `today`'s.
pub fn window_start(today: NaiveDate) -> calendar::Date {
    let monday = parse_week(&week_of(today)).unwrap_or(today);
    crate::domain::calendar_bound(monday - chrono::Days::new(7 * (WEEKS - 1)))
}

/// The share present in percent (rounded down), `None` without hours held.
pub fn share(present: i64, absent: i64) -> Option<i64> {
    let held = present + absent;
    (held > 0).then(|| present * 100 / held)
}

/// Whether a share is below the threshold.
pub fn below(share: Option<i64>, threshold: i64) -> bool {
    share.is_some_and(|s| s < threshold)
}

/// Checks one week's hours: (Monday, present, with notice, without notice). Every error
/// names its field (prefixed, for the list form).
pub fn check_week(input: &WeekInput, today: NaiveDate, prefix: &str) -> Result<(NaiveDate, i64, i64, i64), Vec<FieldError>> {
    let mut errors = Vec::new();
    let field = |name: &str| -> std::borrow::Cow<'static, str> { format!("{prefix}{name}").into() };
    let monday = match parse_week(&input.week) {
        Ok(m) if m > today => {
            errors.push(FieldError::new(field("week"), format!("uge {} er ikke begyndt endnu", week_label(input.week.trim()))));
            None
        }
        Ok(m) if crate::domain::calendar_day(m).is_none() => {
            errors.push(FieldError::new(field("week"), format!("«{}» ligger uden for kalenderen", input.week.trim())));
            None
        }
        Ok(m) => Some(m),
        Err(e) => {
            errors.push(FieldError::new(field("week"), e.reason));
            None
        }
    };
    let mut hours = |name: &str, v: Option<i64>, what: &str| -> i64 {
        match v {
            Some(h) if (0..=MAX_WEEK_HOURS).contains(&h) => h,
            Some(h) => {
                errors.push(FieldError::new(field(name), format!("{what} skal være 0–{MAX_WEEK_HOURS} timer, ikke {h}")));
                0
            }
            None => 0,
        }
    };
    let present = hours("hours_present", input.hours_present, "timer til stede");
    let with = hours("absent_with_notice", input.absent_with_notice, "fravær med afbud");
    let without = hours("absent_without_notice", input.absent_without_notice, "fravær uden afbud");
    match monday {
        Some(m) if errors.is_empty() => Ok((m, present, with, without)),
        _ => Err(errors),
    }
}

/// The persons below the threshold, with their share, from the sums of the last weeks.
pub fn flagged(sums: &[AttendanceSum], threshold: i64) -> HashMap<i64, i64> {
    sums.iter().filter_map(|s| share(s.present, s.absent).filter(|p| *p < threshold).map(|p| (s.person_id, p))).collect()
}

/// The municipality's flagged persons now (person → share in percent) and the threshold.
pub async fn flagged_now(state: &AppState, tenant: &Tenant) -> Result<(HashMap<i64, i64>, i64), AppError> {
    let threshold = settings::load(&state.store, tenant).await?.attendance_min_percent;
    let start = window_start(chrono::Local::now().date_naive());
    Ok((flagged(&state.store.du_attendance_sums(tenant, start).await?, threshold), threshold))
}

/// Like [`flagged_now`], for the given persons only (one page of a list).
pub async fn flagged_of(state: &AppState, tenant: &Tenant, person_ids: &[i64]) -> Result<(HashMap<i64, i64>, i64), AppError> {
    let threshold = settings::load(&state.store, tenant).await?.attendance_min_percent;
    let start = window_start(chrono::Local::now().date_naive());
    let mut sums = Vec::new();
    for chunk in person_ids.chunks(1000) {
        sums.extend(state.store.du_attendance_sums_of(tenant, start, chunk).await?);
    }
    Ok((flagged(&sums, threshold), threshold))
}

fn person_share(rows: &[AttendanceRow], from: calendar::Date) -> Option<i64> {
    let (p, a) = rows.iter().filter(|r| r.week >= from).fold((0, 0), |(p, a), r| (p + r.hours_present, a + r.absent_with_notice + r.absent_without_notice));
    share(p, a)
}

/// Loads a person's attendance (the caller checked access and audits).
pub(crate) async fn load(state: &AppState, tenant: &Tenant, person_id: i64) -> Result<Attendance, AppError> {
    let rows = state.store.du_attendance(tenant, person_id).await?;
    let threshold = settings::load(&state.store, tenant).await?.attendance_min_percent;
    let share_percent = person_share(&rows, window_start(chrono::Local::now().date_naive()));
    Ok(Attendance { weeks: rows.into_iter().map(Into::into).collect(), share_percent, threshold_percent: threshold, flagged: below(share_percent, threshold) })
}

/// Reads a person's attendance for a reader, audited.
pub(crate) async fn read(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64) -> Result<Attendance, AppError> {
    let access = actor.person_access(&state.store).await?;
    access.check(&state.store, person_id).await?;
    state.store.person(access.tenant(), person_id).await?.ok_or(AppError::NotFound("personen"))?;
    let out = load(state, access.tenant(), person_id).await?;
    record(state, vec![meta.event(actor, AuditAction::Read, AuditEntity::Person, Some(person_id), "fremmøde på danskuddannelse")]).await?;
    Ok(out)
}

/// Records one week for a person (language-centre staff), and tells the caseworker when
/// this week takes the person below the attendance share.
pub(crate) async fn record_week(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64, input: &WeekInput, prefix: &str) -> Result<(), AppError> {
    let access = actor.language_centre_access(&state.store).await?;
    access.check(&state.store, person_id).await?;
    let tenant = access.tenant();
    let person = state.store.person(tenant, person_id).await?.ok_or(AppError::NotFound("personen"))?;
    let today = chrono::Local::now().date_naive();
    let (monday, present, with, without) = check_week(input, today, prefix).map_err(AppError::Invalid)?;
    let (first, last) = (crate::domain::calendar_bound(monday), crate::domain::calendar_bound(monday + chrono::Days::new(6)));
    let courses = state.store.du_courses(tenant, person_id).await?;
    let running = |c: &&crate::store::danish_education::CourseRow| c.referred_on <= last && c.ended_on.is_none_or(|e| e >= first);
    let course = match input.course_id {
        Some(id) => courses.iter().find(|c| c.id == id),
        None => courses.iter().find(running),
    };
    let Some(course) = course.filter(running) else {
        return Err(FieldError::new(format!("{prefix}week"), format!("personen har ingen henvisning, der løber i uge {}", week_label(&week_of(monday)))).into());
    };
    let before = state.store.du_attendance(tenant, person_id).await?;
    let row = AttendanceRow {
        course_id: course.id,
        person_id,
        week: first,
        hours_present: present,
        absent_with_notice: with,
        absent_without_notice: without,
        recorded_by: actor.user.login.clone(),
        recorded_at: String::new(),
    };
    state.store.set_du_attendance(tenant, &row).await?;
    let detail = format!("fremmøde uge {}: {present} t til stede, {with} t fravær med afbud, {without} t uden afbud", week_of(monday));
    record(state, vec![meta.event(actor, AuditAction::Update, AuditEntity::Person, Some(person_id), detail)]).await?;
    let threshold = settings::load(&state.store, tenant).await?.attendance_min_percent;
    let from = window_start(today);
    let after = state.store.du_attendance(tenant, person_id).await?;
    let (was, now) = (person_share(&before, from), person_share(&after, from));
    if below(now, threshold)
        && !below(was, threshold)
        && let Some(caseworker) = state.store.du_caseworker(tenant, person_id).await?
    {
        let message = format!(
            "{} {} har haft {} % fremmøde på danskuddannelsen de sidste {WEEKS} uger (grænsen er {threshold} %). Vurdér om fraværet er lovligt.",
            person.given_name,
            person.family_name,
            now.unwrap_or(0)
        );
        state.store.notify(tenant, caseworker, person.family_id, &message, None).await?;
    }
    Ok(())
}
