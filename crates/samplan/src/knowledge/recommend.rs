//! Recommendations in a family plan: for each goal, the published methods of its life
//! area whose target group fits the goal's person (or the family), best evidence first.
use super::{EvidenceLevel, TargetGroup, municipality_name};
use crate::plans::{Goal, PlanDocument};
use crate::store::knowledge::ListedVersion;
use crate::store::persons::PersonRow;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// At most this many methods per goal.
pub const PER_GOAL: usize = 3;

/// A method recommended for a goal.
#[derive(Debug, Clone, PartialEq)]
pub struct Recommendation {
    /// The method.
    pub method_id: i64,
    /// Its title.
    pub title: String,
    /// Evidence level code.
    pub evidence_level: String,
    /// Evidence level in Danish.
    pub evidence_label: &'static str,
    /// Target group in Danish.
    pub target_label: &'static str,
    /// The municipality behind it.
    pub municipality: String,
}

/// Years lived in Denmark after which a person no longer counts as newly arrived.
const NEWCOMER_YEARS: i32 = 5;

/// The target groups a person belongs to on `today`.
pub fn person_groups(p: &PersonRow, today: NaiveDate) -> Vec<TargetGroup> {
    let mut groups = vec![TargetGroup::Everyone];
    let age = NaiveDate::parse_from_str(&p.birth_date, "%Y-%m-%d").ok().and_then(|b| today.years_since(b));
    match age {
        Some(a) if a < 18 => groups.push(TargetGroup::Families),
        Some(a) if a < 30 => groups.push(TargetGroup::Young),
        _ => {}
    }
    if p.sex == "female" && age.is_none_or(|a| a >= 18) {
        groups.push(TargetGroup::Women);
    }
    let arrived = p.arrival_date.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    match arrived.and_then(|a| today.years_since(a)) {
        Some(years) if years as i32 >= NEWCOMER_YEARS => groups.push(TargetGroup::LongResident),
        _ => groups.push(TargetGroup::Newcomers),
    }
    groups
}

/// The target groups of a goal: its person's, or for a whole-family goal every member's
/// and "children and parents" when the family has children.
pub fn goal_groups(goal: &Goal, members: &[PersonRow], today: NaiveDate) -> Vec<TargetGroup> {
    let people: Vec<&PersonRow> = match goal.person_id {
        Some(id) => members.iter().filter(|m| m.id == id).collect(),
        None => members.iter().collect(),
    };
    let mut groups: Vec<TargetGroup> = people.iter().flat_map(|p| person_groups(p, today)).collect();
    if goal.person_id.is_none() && people.iter().any(|p| p.family_role == "child") {
        groups.push(TargetGroup::Families);
    }
    if people.iter().any(|p| p.family_role == "adult") && members.iter().any(|m| m.family_role == "child") {
        groups.push(TargetGroup::Families);
    }
    if groups.is_empty() {
        groups.push(TargetGroup::Everyone);
    }
    groups.sort_by_key(|g| g.code());
    groups.dedup();
    groups
}

fn evidence_rank(code: &str) -> usize {
    EvidenceLevel::ALL.iter().position(|e| e.code() == code).unwrap_or(usize::MAX)
}

/// For each goal id, the recommended methods among `published`.
pub fn for_plan(plan: &PlanDocument, members: &[PersonRow], published: &[ListedVersion], today: NaiveDate) -> BTreeMap<i64, Vec<Recommendation>> {
    let mut out = BTreeMap::new();
    for goal in &plan.goals {
        let groups = goal_groups(goal, members, today);
        let mut fitting: Vec<&ListedVersion> = published
            .iter()
            .filter(|l| l.version.life_area == goal.life_area)
            .filter(|l| groups.iter().any(|g| g.code() == l.version.target_group))
            .collect();
        fitting.sort_by(|a, b| {
            evidence_rank(&a.version.evidence_level).cmp(&evidence_rank(&b.version.evidence_level)).then_with(|| a.version.title.cmp(&b.version.title))
        });
        let list = fitting
            .into_iter()
            .take(PER_GOAL)
            .map(|l| Recommendation {
                method_id: l.version.method_id,
                title: l.version.title.clone(),
                evidence_level: l.version.evidence_level.clone(),
                evidence_label: super::label("evidence_level", &l.version.evidence_level),
                target_label: super::label("target_group", &l.version.target_group),
                municipality: municipality_name(&l.municipality_code),
            })
            .collect();
        out.insert(goal.id, list);
    }
    out
}
