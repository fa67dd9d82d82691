//! Danish education (danskuddannelse, DU) per person: the referral (henvisning) to the
//! language centre with the learner kind (I- or S-kursist), track (DU1–DU3) and current
//! module (1–6), start, planned weekly hours, module tests, and completion or stop with
//! a reason (decision 090).
//!
//! - The deadlines `du.referral`, `du.start` and `du.start_self_supporting` are the rule
//!   set's: [`rule_facts`] turns the referrals into the rules' events (referral, start,
//!   application) and the self-supporting flag, which `deadlines::recompute` adds to the
//!   recorded events; every change here recomputes the person's deadlines.
//! - Checks are pure ([`check_course`], [`check_test`]); the service functions are
//!   shared by the pages and the API and audit every read and change.
//! - `attendance.rs`: the language centre's weekly attendance and the attendance flag;
//!   `progress.rs`: modules passed per month against the track's expected pace, and its
//!   chart; `regional.rs`: the region's suppressed demand; `settings.rs`: the
//!   municipality's settings with documented defaults, and `settings_page.rs` their
//!   administrator's form.
pub mod api;
pub mod attendance;
pub mod overview;
pub mod pages;
pub mod progress;
pub mod regional;
pub mod section;
pub mod settings;
pub mod settings_page;
pub mod week;

use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::person::vocabulary;
use crate::domain::{FieldError, parse_date};
use crate::error::AppError;
use crate::persons::danish_date;
use crate::store::Tenant;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::danish_education::{CourseFields, CourseRow, ModuleTestRow};
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

vocabulary!(
    /// The three DU tracks: tracks for different backgrounds, not levels.
    Track, "track" {
        Du1 => ("du1", "Danskuddannelse 1"),
        Du2 => ("du2", "Danskuddannelse 2"),
        Du3 => ("du3", "Danskuddannelse 3"),
    }
);

vocabulary!(
    /// Who the learner is under the law: in the integration programme or self-supporting.
    Learner, "learner" {
        Integration => ("integration", "I-kursist (omfattet af integrationsloven)"),
        SelfSupporting => ("self_supporting", "S-kursist (selvforsørgende)"),
    }
);

vocabulary!(
    /// Why a course ended.
    EndReason, "end_reason" {
        Completed => ("completed", "Gennemført"),
        Work => ("work", "Stoppet: arbejde"),
        Education => ("education", "Stoppet: anden uddannelse"),
        Moved => ("moved", "Stoppet: fraflyttet kommunen"),
        Absence => ("absence", "Stoppet: fravær"),
        Other => ("other", "Stoppet: anden grund"),
    }
);

/// Modules per track.
pub const MODULES: i64 = 6;
/// Longest planned weekly hours.
const MAX_HOURS: i64 = 37;
/// Longest text field.
const MAX_TEXT: usize = 200;

impl Track {
    /// The final test a module leads to, if any (DU1 and DU2 after module 6, DU3 after 5 and 6).
    pub fn final_test(self, module: i64) -> Option<&'static str> {
        match (self, module) {
            (Track::Du1, 6) => Some("Prøve i Dansk 1"),
            (Track::Du2, 6) => Some("Prøve i Dansk 2"),
            (Track::Du3, 5) => Some("Prøve i Dansk 3"),
            (Track::Du3, 6) => Some("Studieprøven"),
            _ => None,
        }
    }

    /// Short name: DU1, DU2, DU3.
    pub fn short(self) -> &'static str {
        match self {
            Track::Du1 => "DU1",
            Track::Du2 => "DU2",
            Track::Du3 => "DU3",
        }
    }
}

/// A referral as shown (API and pages).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CourseView {
    /// Id.
    pub id: i64,
    /// `integration` or `self_supporting`.
    pub learner: String,
    /// The learner kind in Danish.
    pub learner_label: String,
    /// ISO day a self-supporting learner applied.
    pub applied_on: Option<String>,
    /// ISO day of the referral.
    pub referred_on: String,
    /// The language centre.
    pub language_centre: String,
    /// `du1`, `du2`, `du3`.
    pub track: String,
    /// The track in Danish.
    pub track_label: String,
    /// The current module (1–6).
    pub module: i64,
    /// The final test the current module leads to, if any.
    pub final_test: Option<String>,
    /// ISO first day of teaching.
    pub start_on: Option<String>,
    /// Planned hours per week.
    pub hours_per_week: i64,
    /// ISO day it ended; `null` while it runs.
    pub ended_on: Option<String>,
    /// Why it ended (`completed`, `work`, `education`, `moved`, `absence`, `other`).
    pub end_reason: Option<String>,
    /// The reason in Danish.
    pub end_reason_label: Option<String>,
    /// Free text about the end.
    pub end_note: String,
    /// Login of who recorded it.
    pub created_by: String,
}

impl From<CourseRow> for CourseView {
    fn from(r: CourseRow) -> Self {
        let track = Track::parse(&r.track).ok();
        CourseView {
            id: r.id,
            learner_label: Learner::parse(&r.learner).map(|l| l.label().to_string()).unwrap_or_else(|_| r.learner.clone()),
            learner: r.learner,
            applied_on: r.applied_on.map(|d| d.to_string()),
            referred_on: r.referred_on.to_string(),
            language_centre: r.language_centre,
            track_label: track.map_or_else(|| r.track.clone(), |t| format!("{} ({})", t.label(), t.short())),
            final_test: track.and_then(|t| t.final_test(r.module)).map(Into::into),
            track: r.track,
            module: r.module,
            start_on: r.start_on.map(|d| d.to_string()),
            hours_per_week: r.hours_per_week,
            end_reason_label: r.end_reason.as_deref().and_then(|e| EndReason::parse(e).ok()).map(|e| e.label().to_string()),
            ended_on: r.ended_on.map(|d| d.to_string()),
            end_reason: r.end_reason,
            end_note: r.end_note,
            created_by: r.created_by,
        }
    }
}

/// A module test as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ModuleTestView {
    /// Id.
    pub id: i64,
    /// The referral.
    pub course_id: i64,
    /// The module tested (1–6).
    pub module: i64,
    /// ISO day of the test.
    pub taken_on: String,
    /// The result as the language centre gave it.
    pub result: String,
    /// Passed.
    pub passed: bool,
    /// Login of who recorded it.
    pub created_by: String,
}

impl From<ModuleTestRow> for ModuleTestView {
    fn from(t: ModuleTestRow) -> Self {
        ModuleTestView {
            id: t.id,
            course_id: t.course_id,
            module: t.module,
            taken_on: t.taken_on.to_string(),
            result: t.result,
            passed: t.passed == 1,
            created_by: t.created_by,
        }
    }
}

/// A person's Danish education: referrals (newest first) and module tests.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DanishEducation {
    /// Referrals, newest first.
    pub courses: Vec<CourseView>,
    /// Module tests, by day.
    pub module_tests: Vec<ModuleTestView>,
    /// The person's Danish level: the highest module passed, if any.
    pub level: Option<DanishLevel>,
}

/// A Danish level: the highest module passed on a track.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct DanishLevel {
    /// The track.
    pub track: Track,
    /// The highest module passed (1–6).
    pub module: i64,
}

impl DanishLevel {
    /// "DU2 modul 4".
    pub fn label(&self) -> String {
        format!("{} modul {}", self.track.short(), self.module)
    }
}

/// A new or changed referral (also the page form's fields).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CourseInput {
    /// `integration` (I-kursist) or `self_supporting` (S-kursist).
    #[serde(default)]
    pub learner: String,
    /// ISO day a self-supporting learner applied (required for them).
    #[serde(default)]
    pub applied_on: Option<String>,
    /// ISO day of the referral.
    #[serde(default)]
    pub referred_on: String,
    /// The language centre's name.
    #[serde(default)]
    pub language_centre: String,
    /// `du1`, `du2` or `du3`.
    #[serde(default)]
    pub track: String,
    /// The current module (1–6); 1 when omitted.
    #[serde(default)]
    pub module: Option<i64>,
    /// ISO first day of teaching (may be planned ahead).
    #[serde(default)]
    pub start_on: Option<String>,
    /// Planned hours per week (1–37).
    #[serde(default)]
    pub hours_per_week: Option<i64>,
    /// ISO day the course was completed or stopped.
    #[serde(default)]
    pub ended_on: Option<String>,
    /// Why it ended: `completed`, `work`, `education`, `moved`, `absence`, `other`.
    #[serde(default)]
    pub end_reason: Option<String>,
    /// Free text about the end.
    #[serde(default)]
    pub end_note: Option<String>,
}

impl CourseInput {
    /// The input that would store `row` unchanged.
    pub fn of(row: &CourseRow) -> CourseInput {
        CourseInput {
            learner: row.learner.clone(),
            applied_on: row.applied_on.map(|d| d.to_string()),
            referred_on: row.referred_on.to_string(),
            language_centre: row.language_centre.clone(),
            track: row.track.clone(),
            module: Some(row.module),
            start_on: row.start_on.map(|d| d.to_string()),
            hours_per_week: Some(row.hours_per_week),
            ended_on: row.ended_on.map(|d| d.to_string()),
            end_reason: row.end_reason.clone(),
            end_note: Some(row.end_note.clone()),
        }
    }
}

/// A module test to record.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ModuleTestInput {
    /// The referral (course) the test belongs to.
    #[serde(default)]
    pub course_id: i64,
    /// The module tested (1–6); the course's current module when omitted.
    #[serde(default)]
    pub module: Option<i64>,
    /// ISO day of the test.
    #[serde(default)]
    pub taken_on: String,
    /// The result as given (e.g. a grade or "bestået").
    #[serde(default)]
    pub result: String,
    /// Passed.
    #[serde(default)]
    pub passed: bool,
}

/// What a check compares against.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// Nothing that has happened may lie after this day.
    pub today: NaiveDate,
    /// Nothing may lie before this day.
    pub birth: Option<NaiveDate>,
}

fn blank(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl Bounds {
    fn date(&self, field: &'static str, raw: &str, what: &str, future_ok: bool) -> Result<calendar::Date, FieldError> {
        let d = parse_date(field, raw)?;
        if !future_ok && d > self.today {
            return Err(FieldError::new(
                field,
                format!("{what} {} ligger efter i dag ({}); registrér det, når det er sket", danish_date(&d), danish_date(&self.today)),
            ));
        }
        if future_ok && d > self.today + chrono::Days::new(366) {
            return Err(FieldError::new(field, format!("{what} {} ligger mere end et år ude i fremtiden", danish_date(&d))));
        }
        if let Some(b) = self.birth.filter(|b| d < *b) {
            return Err(FieldError::new(field, format!("{what} {} ligger før personens fødselsdato ({})", danish_date(&d), danish_date(&b))));
        }
        crate::domain::in_calendar(field, raw, d)
    }
}

/// Checks a referral against the person's other referrals (`others`, without the one
/// being changed); every error names its field.
pub fn check_course(input: &CourseInput, bounds: Bounds, others: &[CourseRow]) -> Result<CourseFields, Vec<FieldError>> {
    let mut errors = Vec::new();
    let need = |field: &'static str, raw: &str, what: &str| -> Result<String, FieldError> {
        if raw.trim().is_empty() { Err(FieldError::new(field, format!("{what} mangler"))) } else { Ok(raw.trim().to_string()) }
    };
    let learner = need("learner", &input.learner, "kursisttypen").and_then(|l| Learner::parse(&l)).map_err(|e| errors.push(e)).ok();
    let track = need("track", &input.track, "sporet (DU1, DU2 eller DU3)").and_then(|t| Track::parse(&t)).map_err(|e| errors.push(e)).ok();
    let centre = need("language_centre", &input.language_centre, "sprogcentret").map_err(|e| errors.push(e)).ok();
    if centre.as_ref().is_some_and(|c| c.chars().count() > MAX_TEXT) {
        errors.push(FieldError::new("language_centre", format!("må højst have {MAX_TEXT} tegn")));
    }
    let module = input.module.unwrap_or(1);
    if !(1..=MODULES).contains(&module) {
        errors.push(FieldError::new("module", format!("modulet skal være 1–{MODULES}, ikke {module}")));
    }
    let hours = match input.hours_per_week {
        None => {
            errors.push(FieldError::new("hours_per_week", "det planlagte timetal om ugen mangler"));
            0
        }
        Some(h) if !(1..=MAX_HOURS).contains(&h) => {
            errors.push(FieldError::new("hours_per_week", format!("timetallet skal være 1–{MAX_HOURS} timer om ugen, ikke {h}")));
            0
        }
        Some(h) => h,
    };
    let referred = if input.referred_on.trim().is_empty() {
        errors.push(FieldError::new("referred_on", "henvisningsdatoen mangler"));
        None
    } else {
        bounds.date("referred_on", &input.referred_on, "henvisningsdatoen", false).map_err(|e| errors.push(e)).ok()
    };
    let applied = match blank(&input.applied_on) {
        None => {
            if learner == Some(Learner::SelfSupporting) {
                errors.push(FieldError::new("applied_on", "en S-kursists ansøgningsdato mangler (fristen for start regnes fra den)"));
            }
            None
        }
        Some(raw) => bounds.date("applied_on", raw, "ansøgningsdatoen", false).map_err(|e| errors.push(e)).ok(),
    };
    if let (Some(a), Some(r)) = (applied, referred)
        && a > r
    {
        errors.push(FieldError::new("applied_on", format!("ansøgningsdatoen {} ligger efter henvisningen {}", a.danish(), r.danish())));
    }
    let start = blank(&input.start_on).and_then(|raw| bounds.date("start_on", raw, "startdatoen", true).map_err(|e| errors.push(e)).ok());
    if let (Some(s), Some(r)) = (start, referred)
        && s < r
    {
        errors.push(FieldError::new("start_on", format!("startdatoen {} ligger før henvisningen {}", s.danish(), r.danish())));
    }
    let ended = blank(&input.ended_on).and_then(|raw| bounds.date("ended_on", raw, "slutdatoen", false).map_err(|e| errors.push(e)).ok());
    let reason = blank(&input.end_reason).and_then(|raw| EndReason::parse(raw).map_err(|e| errors.push(e)).ok());
    match (ended, reason, blank(&input.ended_on), blank(&input.end_reason)) {
        (None, _, None, Some(_)) => errors.push(FieldError::new("ended_on", "skriv hvornår forløbet sluttede")),
        (Some(_), None, _, None) => errors.push(FieldError::new("end_reason", "vælg hvorfor forløbet sluttede")),
        _ => {}
    }
    if let (Some(e), Some(from)) = (ended, start.or(referred))
        && e < from
    {
        errors.push(FieldError::new("ended_on", format!("slutdatoen {} ligger før {}", e.danish(), from.danish())));
    }
    let note = input.end_note.as_deref().unwrap_or("").trim().to_string();
    if note.chars().count() > 1000 {
        errors.push(FieldError::new("end_note", "må højst have 1000 tegn"));
    }
    if ended.is_none()
        && let Some(open) = others.iter().find(|o| o.ended_on.is_none())
    {
        errors.push(FieldError::new(
            "referred_on",
            format!("personen har allerede en åben henvisning fra {} til {}; afslut den først", open.referred_on.danish(), open.language_centre),
        ));
    }
    let (Some(learner), Some(track), Some(centre), Some(referred)) = (learner, track, centre, referred) else { return Err(errors) };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(CourseFields {
        learner: learner.code().into(),
        applied_on: applied,
        referred_on: referred,
        language_centre: centre,
        track: track.code().into(),
        module,
        start_on: start,
        hours_per_week: hours,
        ended_on: ended,
        end_reason: reason.map(|r| r.code().to_string()),
        end_note: note,
    })
}

/// A checked module test: (module, day, result, passed, the course's next module).
pub type CheckedTest = (i64, calendar::Date, String, bool, Option<i64>);

/// Checks a module test of `course` against its earlier tests.
pub fn check_test(input: &ModuleTestInput, course: &CourseRow, bounds: Bounds, tests: &[ModuleTestRow]) -> Result<CheckedTest, Vec<FieldError>> {
    let mut errors = Vec::new();
    let module = input.module.unwrap_or(course.module);
    if !(1..=MODULES).contains(&module) {
        errors.push(FieldError::new("module", format!("modulet skal være 1–{MODULES}, ikke {module}")));
    }
    let day = if input.taken_on.trim().is_empty() {
        errors.push(FieldError::new("taken_on", "prøvedatoen mangler"));
        None
    } else {
        bounds.date("taken_on", &input.taken_on, "prøvedatoen", false).map_err(|e| errors.push(e)).ok()
    };
    if let Some(d) = day
        && d < course.referred_on
    {
        errors.push(FieldError::new("taken_on", format!("prøvedatoen {} ligger før henvisningen {}", d.danish(), course.referred_on.danish())));
    }
    let result = input.result.trim().to_string();
    if result.is_empty() {
        errors.push(FieldError::new("result", "resultatet mangler (fx en karakter eller «bestået»)"));
    } else if result.chars().count() > 50 {
        errors.push(FieldError::new("result", "må højst have 50 tegn"));
    }
    if input.passed && tests.iter().any(|t| t.course_id == course.id && t.module == module && t.passed == 1) {
        errors.push(FieldError::new("module", format!("modul {module} er allerede bestået på dette forløb")));
    }
    let (Some(day), true) = (day, errors.is_empty()) else { return Err(errors) };
    let next = (input.passed && module == course.module && module < MODULES).then_some(module + 1);
    Ok((module, day, result, input.passed, next))
}

/// The rules' view of the referrals: events (referral, start, application) and whether
/// the person is a self-supporting learner (the latest referral says).
pub fn rule_events(courses: &[CourseRow]) -> (Vec<(rules::EventKind, calendar::Date)>, bool) {
    let mut events = Vec::new();
    for c in courses {
        events.push((rules::EventKind::DuReferral, c.referred_on));
        if let Some(d) = c.start_on {
            events.push((rules::EventKind::DuStart, d));
        }
        if let Some(d) = c.applied_on {
            events.push((rules::EventKind::DuApplication, d));
        }
    }
    let self_supporting = courses.first().is_some_and(|c| c.learner == Learner::SelfSupporting.code());
    (events, self_supporting)
}

/// What the deadlines read from the person's referrals (see [`rule_events`]).
pub async fn rule_facts(store: &Store, tenant: &Tenant, person_id: i64) -> Result<(Vec<(rules::EventKind, calendar::Date)>, bool), StoreError> {
    Ok(rule_events(&store.du_courses(tenant, person_id).await?))
}

/// The highest module passed (on the latest track with a pass).
pub fn level_of(courses: &[CourseRow], tests: &[ModuleTestRow]) -> Option<DanishLevel> {
    tests
        .iter()
        .filter(|t| t.passed == 1)
        .filter_map(|t| {
            let c = courses.iter().find(|c| c.id == t.course_id)?;
            Some((Track::parse(&c.track).ok()?, t.module, t.taken_on))
        })
        .max_by(|a, b| (a.0 as u8, a.1, a.2).cmp(&(b.0 as u8, b.1, b.2)))
        .map(|(track, module, _)| DanishLevel { track, module })
}

/// The person's Danish level from these records, if any module is passed: the one
/// place other capabilities (employment) read it from.
pub async fn danish_level(store: &Store, tenant: &Tenant, person_id: i64) -> Result<Option<DanishLevel>, StoreError> {
    let courses = store.du_courses(tenant, person_id).await?;
    if courses.is_empty() {
        return Ok(None);
    }
    Ok(level_of(&courses, &store.du_module_tests(tenant, person_id).await?))
}

/// That the caller may record `person_id`'s Danish education: a person writer (403) of a
/// person of their municipality (404); with `course`, that it is the person's (404).
/// Checked before the change is read.
pub(crate) async fn course_writer(state: &AppState, actor: &Actor, person_id: i64, course: Option<i64>) -> Result<(), AppError> {
    let tenant = actor.person_writer()?;
    bounds(state, &tenant, person_id).await?;
    if let Some(id) = course
        && !state.store.du_courses(&tenant, person_id).await?.iter().any(|c| c.id == id)
    {
        return Err(AppError::NotFound("henvisningen"));
    }
    Ok(())
}

/// The person's bounds, or 404 when the person is not the municipality's.
async fn bounds(state: &AppState, tenant: &Tenant, person_id: i64) -> Result<Bounds, AppError> {
    let person = state.store.person(tenant, person_id).await?.ok_or(AppError::NotFound("personen"))?;
    Ok(Bounds { today: chrono::Local::now().date_naive(), birth: NaiveDate::parse_from_str(&person.birth_date, "%Y-%m-%d").ok() })
}

/// The person's referrals and tests (the caller has checked access and audits).
pub(crate) async fn load(state: &AppState, tenant: &Tenant, person_id: i64) -> Result<DanishEducation, AppError> {
    let courses = state.store.du_courses(tenant, person_id).await?;
    let tests = state.store.du_module_tests(tenant, person_id).await?;
    let level = level_of(&courses, &tests);
    Ok(DanishEducation { courses: courses.into_iter().map(Into::into).collect(), module_tests: tests.into_iter().map(Into::into).collect(), level })
}

/// Reads a person's Danish education for a reader, audited.
pub(crate) async fn read(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64, detail: &str) -> Result<DanishEducation, AppError> {
    let access = actor.person_access(&state.store).await?;
    access.check(&state.store, person_id).await?;
    bounds(state, access.tenant(), person_id).await?;
    let out = load(state, access.tenant(), person_id).await?;
    record(state, vec![meta.event(actor, AuditAction::Read, AuditEntity::Person, Some(person_id), detail)]).await?;
    Ok(out)
}

async fn recompute(state: &AppState, tenant: &Tenant, person_id: i64) -> Result<(), AppError> {
    let with = crate::deadlines::municipality_rules(&state.store, tenant).await?;
    crate::deadlines::recompute(&state.store, tenant, person_id, &with).await?;
    Ok(())
}

fn describe(f: &CourseFields) -> String {
    format!(
        "{} {} modul {}, henvist {} til {}, start {}, {} t/uge{}",
        f.learner,
        f.track,
        f.module,
        f.referred_on,
        f.language_centre,
        f.start_on.map_or_else(|| "–".to_string(), |d| d.to_string()),
        f.hours_per_week,
        f.ended_on.as_ref().map(|e| format!(", slut {e} ({})", f.end_reason.as_deref().unwrap_or(""))).unwrap_or_default()
    )
}

/// Records a referral and recomputes the person's deadlines.
pub(crate) async fn add_course(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64, input: &CourseInput) -> Result<CourseView, AppError> {
    let tenant = actor.person_writer()?;
    let b = bounds(state, &tenant, person_id).await?;
    let others = state.store.du_courses(&tenant, person_id).await?;
    let fields = check_course(input, b, &others).map_err(AppError::Invalid)?;
    let id = state.store.add_du_course(&tenant, person_id, &fields, &actor.user.login).await?;
    record(
        state,
        vec![meta.event(actor, AuditAction::Update, AuditEntity::Person, Some(person_id), format!("danskuddannelse {id} registreret: {}", describe(&fields)))],
    )
    .await?;
    recompute(state, &tenant, person_id).await?;
    let row = state.store.du_course(&tenant, id).await?.ok_or(AppError::NotFound("henvisningen"))?;
    Ok(row.into())
}

/// Changes a referral (start, module, hours, completion or stop …) and recomputes the
/// person's deadlines; the audit log keeps the values before and after.
pub(crate) async fn change_course(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    person_id: i64,
    id: i64,
    input: &CourseInput,
) -> Result<CourseView, AppError> {
    let tenant = actor.person_writer()?;
    let b = bounds(state, &tenant, person_id).await?;
    let all = state.store.du_courses(&tenant, person_id).await?;
    let old = all.iter().find(|c| c.id == id).cloned().ok_or(AppError::NotFound("henvisningen"))?;
    let others: Vec<CourseRow> = all.into_iter().filter(|c| c.id != id).collect();
    let fields = check_course(input, b, &others).map_err(AppError::Invalid)?;
    let before = describe(&CourseFields {
        learner: old.learner,
        applied_on: old.applied_on,
        referred_on: old.referred_on,
        language_centre: old.language_centre,
        track: old.track,
        module: old.module,
        start_on: old.start_on,
        hours_per_week: old.hours_per_week,
        ended_on: old.ended_on,
        end_reason: old.end_reason,
        end_note: old.end_note,
    });
    state.store.update_du_course(&tenant, person_id, id, &fields).await?;
    let detail = format!("danskuddannelse {id} ændret fra {before} til {}", describe(&fields));
    record(state, vec![meta.event(actor, AuditAction::Update, AuditEntity::Person, Some(person_id), detail)]).await?;
    recompute(state, &tenant, person_id).await?;
    let row = state.store.du_course(&tenant, id).await?.ok_or(AppError::NotFound("henvisningen"))?;
    Ok(row.into())
}

/// The caller's reach when they may record module tests of `person_id`: a person writer
/// or a language centre (403), the person within reach (404). Checked before the test
/// is read.
pub(crate) async fn test_writer(state: &AppState, actor: &Actor, person_id: i64) -> Result<crate::auth::PersonAccess, AppError> {
    let access = match actor.person_writer() {
        Ok(_) => actor.person_access(&state.store).await?,
        Err(_) => actor.language_centre_access(&state.store).await?,
    };
    access.person(&state.store, person_id).await?;
    Ok(access)
}

/// Records a module test: caseworkers and coordinators, and the language centre for
/// persons referred to it. A passed test of the current module moves the course on.
pub(crate) async fn add_test(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64, input: &ModuleTestInput) -> Result<ModuleTestView, AppError> {
    let access = test_writer(state, actor, person_id).await?;
    let tenant = access.tenant();
    let b = bounds(state, tenant, person_id).await?;
    let course = state.store.du_course(tenant, input.course_id).await?.filter(|c| c.person_id == person_id);
    let Some(course) = course else {
        return Err(FieldError::new("course_id", format!("personen har intet forløb {}", input.course_id)).into());
    };
    let tests = state.store.du_module_tests(tenant, person_id).await?;
    let (module, day, result, passed, next) = check_test(input, &course, b, &tests).map_err(AppError::Invalid)?;
    let id = state.store.add_du_module_test(tenant, &course, module, day, &result, passed, next, &actor.user.login).await?;
    let what = if passed { "bestået" } else { "ikke bestået" };
    record(
        state,
        vec![meta.event(
            actor,
            AuditAction::Update,
            AuditEntity::Person,
            Some(person_id),
            format!("modulprøve {id}: {} modul {module} {day} {what} ({result})", course.track),
        )],
    )
    .await?;
    let row = state.store.du_module_tests(tenant, person_id).await?.into_iter().find(|t| t.id == id).ok_or(AppError::NotFound("prøven"))?;
    Ok(row.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn bounds() -> Bounds {
        Bounds { today: d("2026-06-15"), birth: Some(d("1990-01-01")) }
    }

    fn input() -> CourseInput {
        CourseInput {
            learner: "integration".into(),
            referred_on: "2026-02-01".into(),
            language_centre: "Sprogcenter Holbæk".into(),
            track: "du2".into(),
            start_on: Some("2026-02-20".into()),
            hours_per_week: Some(15),
            ..Default::default()
        }
    }

    fn fields_of(r: Result<CourseFields, Vec<FieldError>>) -> Vec<String> {
        r.err().unwrap_or_default().into_iter().map(|e| e.field.to_string()).collect()
    }

    fn row(id: i64, fields: CourseFields) -> CourseRow {
        CourseRow {
            id,
            person_id: 1,
            learner: fields.learner,
            applied_on: fields.applied_on,
            referred_on: fields.referred_on,
            language_centre: fields.language_centre,
            track: fields.track,
            module: fields.module,
            start_on: fields.start_on,
            hours_per_week: fields.hours_per_week,
            ended_on: fields.ended_on,
            end_reason: fields.end_reason,
            end_note: fields.end_note,
            created_by: String::new(),
            created_at: String::new(),
            updated_at: None,
        }
    }

    #[test]
    fn a_valid_referral_is_stored_as_given() {
        let f = check_course(&input(), bounds(), &[]).unwrap();
        assert_eq!((f.track.as_str(), f.module, f.hours_per_week, f.start_on.map(|d| d.to_string()).as_deref()), ("du2", 1, 15, Some("2026-02-20")));
        let planned = CourseInput { start_on: Some("2026-07-01".into()), ..input() };
        assert!(check_course(&planned, bounds(), &[]).is_ok(), "a start may be planned ahead");
    }

    #[test]
    fn every_error_names_its_field() {
        let bad = |i: CourseInput| fields_of(check_course(&i, bounds(), &[]));
        assert_eq!(bad(CourseInput { track: "du4".into(), ..input() }), ["track"]);
        assert_eq!(bad(CourseInput { module: Some(7), ..input() }), ["module"]);
        assert_eq!(bad(CourseInput { hours_per_week: None, ..input() }), ["hours_per_week"]);
        assert_eq!(bad(CourseInput { referred_on: "2026-07-01".into(), start_on: None, ..input() }), ["referred_on"]);
        assert_eq!(bad(CourseInput { start_on: Some("2026-01-01".into()), ..input() }), ["start_on"]);
        assert_eq!(bad(CourseInput { learner: "self_supporting".into(), ..input() }), ["applied_on"]);
        assert_eq!(bad(CourseInput { ended_on: Some("2026-05-01".into()), ..input() }), ["end_reason"]);
        assert_eq!(bad(CourseInput { end_reason: Some("work".into()), ..input() }), ["ended_on"]);
        assert_eq!(bad(CourseInput { language_centre: " ".into(), ..input() }), ["language_centre"]);
    }

    #[test]
    fn only_one_open_referral_at_a_time() {
        let open = row(1, check_course(&input(), bounds(), &[]).unwrap());
        let e = check_course(&CourseInput { referred_on: "2026-03-01".into(), start_on: None, ..input() }, bounds(), std::slice::from_ref(&open)).unwrap_err();
        assert_eq!(e[0].field, "referred_on");
        assert!(e[0].reason.contains("åben henvisning"), "{}", e[0].reason);
        let ended = CourseInput { ended_on: Some("2026-04-01".into()), end_reason: Some("moved".into()), ..input() };
        assert!(check_course(&ended, bounds(), &[open]).is_ok(), "an ended course may be recorded beside an open one");
    }

    #[test]
    fn referrals_become_the_rules_events() {
        let s = CourseInput { learner: "self_supporting".into(), applied_on: Some("2026-01-10".into()), ..input() };
        let c = row(1, check_course(&s, bounds(), &[]).unwrap());
        let (events, self_supporting) = rule_events(&[c]);
        let kinds: Vec<rules::EventKind> = events.iter().map(|e| e.0).collect();
        assert_eq!(kinds, [rules::EventKind::DuReferral, rules::EventKind::DuStart, rules::EventKind::DuApplication]);
        assert!(self_supporting);
    }

    #[test]
    fn a_passed_test_of_the_current_module_moves_the_course_on() {
        let c = row(1, check_course(&CourseInput { module: Some(3), ..input() }, bounds(), &[]).unwrap());
        let t = ModuleTestInput { course_id: 1, module: None, taken_on: "2026-05-01".into(), result: "7".into(), passed: true };
        let (module, _, _, passed, next) = check_test(&t, &c, bounds(), &[]).unwrap();
        assert_eq!((module, passed, next), (3, true, Some(4)));
        let failed = ModuleTestInput { passed: false, ..t.clone() };
        assert_eq!(check_test(&failed, &c, bounds(), &[]).unwrap().4, None);
        let early = ModuleTestInput { taken_on: "2026-01-01".into(), ..t.clone() };
        assert_eq!(check_test(&early, &c, bounds(), &[]).unwrap_err()[0].field, "taken_on");
        let six = row(2, check_course(&CourseInput { module: Some(6), ..input() }, bounds(), &[]).unwrap());
        assert_eq!(check_test(&ModuleTestInput { course_id: 2, ..t }, &six, bounds(), &[]).unwrap().4, None, "module 6 is the last");
        assert_eq!(Track::Du3.final_test(5), Some("Prøve i Dansk 3"));
        assert_eq!(Track::Du1.final_test(5), None);
    }
}
