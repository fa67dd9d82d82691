//! The "Status og forløb" section of the person page: the recorded periods and outcome
//! events with the forms to add more.
use super::{OutcomeView, PeriodView};
use crate::app::AppState;
use crate::auth::Actor;
use crate::error::AppError;
use crate::store::Tenant;

/// The section on the person page.
pub struct Section {
    /// The person.
    pub person_id: i64,
    /// The user may add, end, correct and delete.
    pub can_edit: bool,
    /// Recorded periods, by first day.
    pub periods: Vec<PeriodView>,
    /// Recorded outcome events, by date.
    pub outcomes: Vec<OutcomeView>,
    /// Period kinds (key, Danish name).
    pub period_kinds: Vec<(&'static str, &'static str)>,
    /// Outcome kinds (key, Danish name).
    pub outcome_kinds: Vec<(&'static str, &'static str)>,
    /// Today, ISO (the default date in the forms).
    pub today: String,
}

fn today() -> String {
    crate::deadlines::today().danish().to_string()
}

pub(super) fn period_options() -> Vec<(&'static str, &'static str)> {
    super::period_kinds().iter().map(|k| (k.key(), k.label())).collect()
}

pub(super) fn outcome_options() -> Vec<(&'static str, &'static str)> {
    super::outcome_kinds().iter().map(|k| (k.key(), k.label())).collect()
}

/// The section for a person the caller may read (the person page audits the read).
pub async fn section(state: &AppState, tenant: &Tenant, actor: &Actor, person_id: i64) -> Result<Section, AppError> {
    let (periods, outcomes) = super::load(state, tenant, person_id).await?;
    Ok(Section {
        person_id,
        can_edit: actor.role.writes_persons(),
        periods,
        outcomes,
        period_kinds: period_options(),
        outcome_kinds: outcome_options(),
        today: today(),
    })
}
