//! The "Danskuddannelse" section of the person page: referrals, module tests, the
//! Danish level, attendance, the progress chart and a self-supporting learner's period.
use super::attendance::Attendance;
use super::{CourseView, DanishEducation, Learner};
use crate::app::AppState;
use crate::auth::Actor;
use crate::error::AppError;
use crate::store::Tenant;

/// The section on the person page.
pub struct Section {
    /// The person.
    pub person_id: i64,
    /// The user may record and change referrals.
    pub can_edit: bool,
    /// The user may record module tests (writers and the language centre).
    pub can_test: bool,
    /// Referrals, tests and level.
    pub education: DanishEducation,
    /// Attendance and its share.
    pub attendance: Attendance,
    /// The progress chart (SVG), when the person has started.
    pub chart: Option<String>,
    /// Today, DD.MM.ÅÅÅÅ (the module test form's day).
    pub today: String,
    /// The education period of a self-supporting learner (the latest referral's kind).
    pub period: Option<Period>,
}

/// A self-supporting learner's education period, from the municipality's setting.
pub struct Period {
    /// Months.
    pub months: i64,
    /// The first day of teaching on a self-supporting referral, ISO, if begun.
    pub from: Option<String>,
    /// The last day of the period, ISO, if begun.
    pub until: Option<String>,
    /// The setting has been confirmed against the statute.
    pub confirmed: bool,
}

/// The period of a self-supporting learner (`None` for an I-kursist or nobody referred):
/// `months` from the earliest start of their self-supporting referrals.
pub fn period_of(courses: &[CourseView], months: i64, confirmed: bool) -> Option<Period> {
    let latest = courses.first()?;
    if latest.learner != Learner::SelfSupporting.code() {
        return None;
    }
    let from = courses
        .iter()
        .filter(|c| c.learner == Learner::SelfSupporting.code())
        .filter_map(|c| c.start_on.as_deref().and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()))
        .min();
    let until =
        from.and_then(|f| f.checked_add_months(chrono::Months::new(u32::try_from(months).unwrap_or(0)))).map(|u| (u - chrono::Days::new(1)).to_string());
    Some(Period { months, from: from.map(|f| f.to_string()), until, confirmed })
}

impl Section {
    /// The running referral, if any.
    pub fn open(&self) -> Option<&CourseView> {
        self.education.courses.iter().find(|c| c.ended_on.is_none())
    }
}

pub(super) fn today() -> String {
    crate::deadlines::today().danish().to_string()
}

/// The section for a person the caller may read (the person page audits the read).
pub async fn section(state: &AppState, tenant: &Tenant, actor: &Actor, person_id: i64) -> Result<Section, AppError> {
    let education = super::load(state, tenant, person_id).await?;
    let attendance = super::attendance::load(state, tenant, person_id).await?;
    let chart = super::progress::chart_for(state, tenant, person_id, &education).await?;
    let language_centre = actor.language_centre_access(&state.store).await.is_ok();
    let settings = super::settings::load(&state.store, tenant).await?;
    let period = period_of(&education.courses, settings.self_supporting_period_months, settings.self_supporting_period_confirmed);
    Ok(Section {
        person_id,
        can_edit: actor.role.writes_persons(),
        can_test: actor.role.writes_persons() || language_centre,
        education,
        attendance,
        chart,
        today: today(),
        period,
    })
}
