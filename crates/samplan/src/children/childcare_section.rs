//! The "Dagtilbud og skole" section of a child's person page.
use super::childcare::{self, PeriodView};
use crate::app::AppState;
use crate::error::AppError;
use crate::store::Tenant;
use crate::store::persons::PersonRow;

/// The "Dagtilbud og skole" section of a child's person page: today's place, the rule
/// set's requirements, and the way to the child's page; nothing for an adult. The person
/// page has audited the read.
pub struct Section {
    /// The child.
    pub person_id: i64,
    /// Today's places (school with SFO beside it), or empty.
    pub today: Vec<PeriodView>,
    /// Requirements and limits from the rule set.
    pub notices: Vec<childcare::Notice>,
}

/// The section for `child` when it is a child (under 18).
pub async fn section(state: &AppState, tenant: &Tenant, child: &PersonRow) -> Result<Option<Section>, AppError> {
    let today = chrono::Local::now().date_naive();
    if !super::is_child(&child.birth_date, today) {
        return Ok(None);
    }
    let care = childcare::load(state, tenant, child).await?;
    let iso = today.to_string();
    let current = care.periods.into_iter().filter(|p| p.from <= iso && p.to.as_deref().is_none_or(|t| t >= iso.as_str())).collect();
    Ok(Some(Section { person_id: child.id, today: current, notices: care.notices }))
}
