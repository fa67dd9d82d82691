//! DU hours in the family plan's week view: a running referral's planned weekly hours
//! count as a flexible language-centre action of the person, unless the plan already has
//! a live language-centre action for them (which then carries the DU times), so the
//! schedule's totals and conflicts (the 37-hour duty, the municipality's maximum) include
//! Danish education without it being entered twice. The added actions exist only in the
//! documents returned here; nothing is saved into the plan.
use super::Track;
use crate::plans::{Action, Goal, PlanDocument};
use crate::store::Tenant;
use crate::store::danish_education::CourseRow;
use crate::store::persons::PersonRow;
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use std::borrow::Cow;

/// The plan documents (whole, and as the viewer sees them) with the members' DU hours
/// for the week starting `monday` added.
pub async fn with_du_hours(
    store: &Store,
    tenant: &Tenant,
    members: &[PersonRow],
    full: &PlanDocument,
    visible: &PlanDocument,
    monday: NaiveDate,
) -> Result<(PlanDocument, PlanDocument), StoreError> {
    let ids: Vec<i64> = members.iter().map(|m| m.id).collect();
    let sunday = monday + chrono::Days::new(6);
    let courses = store.du_running(tenant, &ids, crate::domain::calendar_bound(monday), crate::domain::calendar_bound(sunday)).await?;
    let (full, visible) = with_courses(full, visible, &courses);
    Ok((full.into_owned(), visible.into_owned()))
}

/// The plan documents with the given running referrals' hours added (pure; the
/// referrals are those of the family's members running in the week). A document is
/// copied only when hours are added to it.
pub fn with_courses<'a>(full: &'a PlanDocument, visible: &'a PlanDocument, courses: &[CourseRow]) -> (Cow<'a, PlanDocument>, Cow<'a, PlanDocument>) {
    let (mut full, mut visible) = (Cow::Borrowed(full), Cow::Borrowed(visible));
    for c in courses {
        let planned =
            full.actions().any(|(_, a)| a.department == "sprogcenter" && a.person_id == Some(c.person_id) && matches!(a.status.as_str(), "planned" | "active"));
        if planned {
            continue;
        }
        let track = Track::parse(&c.track).map(Track::short).unwrap_or("DU");
        let goal = Goal {
            id: 0,
            life_area: "sprog".into(),
            person_id: Some(c.person_id),
            text: "Danskuddannelse".into(),
            actions: vec![Action {
                id: -c.id,
                catalogue_code: None,
                title: format!("Danskuddannelse {track} modul {} ({})", c.module, c.language_centre),
                department: "sprogcenter".into(),
                responsible_user_id: None,
                responsible_name: String::new(),
                person_id: Some(c.person_id),
                start_date: c.start_on.unwrap_or(c.referred_on).to_string(),
                end_date: c.ended_on.map(|d| d.to_string()),
                slots: Vec::new(),
                weekly_hours: Some(c.hours_per_week as f64),
                status: "active".into(),
                interpreter_language: None,
            }],
        };
        full.to_mut().goals.push(goal.clone());
        visible.to_mut().goals.push(goal);
    }
    (full, visible)
}
