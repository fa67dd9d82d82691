//! Recommendations in a family plan: for each goal, the published methods of its life
//! area whose target group fits the goal's person (or the family), best evidence first.
//! A children's goal (life area «Børn og skole», or a goal for a child) also gets the
//! methods for parents — parenting, parent cooperation and negative social control — of
//! its life area (first) or of the theme «Investering i børn og deres forældre», so they
//! are not crowded out by methods for the children themselves.
use super::{EvidenceLevel, TargetGroup, Theme, municipality_name};
use crate::plans::{Goal, PlanDocument};
use crate::store::knowledge::ListedVersion;
use crate::store::persons::PersonRow;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// At most this many methods per goal.
pub const PER_GOAL: usize = 3;
/// At most this many further methods for parents under a children's goal.
pub const FOR_PARENTS: usize = 2;

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
        groups.push(TargetGroup::Parents);
    }
    if people.iter().any(|p| p.family_role == "child") {
        groups.push(TargetGroup::Parents);
    }
    if groups.is_empty() {
        groups.push(TargetGroup::Everyone);
    }
    groups.sort_by_key(|g| g.code());
    groups.dedup();
    groups
}

/// Whether a goal is about children: its life area is «Børn og skole», or it is for a child.
pub fn is_children_goal(goal: &Goal, members: &[PersonRow]) -> bool {
    goal.life_area == crate::plans::LifeArea::ChildrenAndSchool.code()
        || goal.person_id.is_some_and(|id| members.iter().any(|m| m.id == id && m.family_role == "child"))
}

fn evidence_rank(code: &str) -> usize {
    EvidenceLevel::ALL.iter().position(|e| e.code() == code).unwrap_or(usize::MAX)
}

fn by_evidence(a: &&ListedVersion, b: &&ListedVersion) -> std::cmp::Ordering {
    evidence_rank(&a.version.evidence_level).cmp(&evidence_rank(&b.version.evidence_level)).then_with(|| a.version.title.cmp(&b.version.title))
}

fn recommendation(l: &ListedVersion) -> Recommendation {
    Recommendation {
        method_id: l.version.method_id,
        title: l.version.title.clone(),
        evidence_level: l.version.evidence_level.clone(),
        evidence_label: super::label("evidence_level", &l.version.evidence_level),
        target_label: super::label("target_group", &l.version.target_group),
        municipality: municipality_name(&l.municipality_code),
    }
}

/// For each goal id, the recommended methods among `published`.
pub fn for_plan(plan: &PlanDocument, members: &[PersonRow], published: &[ListedVersion], today: NaiveDate) -> BTreeMap<i64, Vec<Recommendation>> {
    let mut out = BTreeMap::new();
    for goal in &plan.goals {
        let groups = goal_groups(goal, members, today);
        let mut fitting: Vec<&ListedVersion> =
            published.iter().filter(|l| l.version.life_area == goal.life_area).filter(|l| groups.iter().any(|g| g.code() == l.version.target_group)).collect();
        fitting.sort_by(by_evidence);
        fitting.truncate(PER_GOAL);
        if is_children_goal(goal, members) {
            let mut for_parents: Vec<&ListedVersion> = published
                .iter()
                .filter(|l| l.version.target_group == TargetGroup::Parents.code())
                .filter(|l| l.version.life_area == goal.life_area || l.version.theme == Theme::Children.code())
                .filter(|l| !fitting.iter().any(|f| f.version.method_id == l.version.method_id))
                .collect();
            // Those of the goal's own life area first, then by evidence.
            for_parents.sort_by(|a, b| (b.version.life_area == goal.life_area).cmp(&(a.version.life_area == goal.life_area)).then_with(|| by_evidence(a, b)));
            fitting.extend(for_parents.into_iter().take(FOR_PARENTS));
        }
        out.insert(goal.id, fitting.into_iter().map(recommendation).collect());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::knowledge::VersionRow;

    fn method(id: i64, title: &str, target: &str, area: &str, theme: &str, evidence: &str) -> ListedVersion {
        ListedVersion {
            municipality_code: "0183".into(),
            version: VersionRow {
                method_id: id,
                version: 1,
                status: "published".into(),
                title: title.into(),
                summary: String::new(),
                target_group: target.into(),
                life_area: area.into(),
                theme: theme.into(),
                evidence_level: evidence.into(),
                results: String::new(),
                contact: String::new(),
                created_by_name: String::new(),
                updated_at: String::new(),
                submitted_at: None,
                published_at: None,
            },
        }
    }

    fn member(id: i64, role: &str, birth: &str) -> PersonRow {
        PersonRow {
            id,
            municipality_code: "0316".into(),
            family_id: Some(1),
            family_role: role.into(),
            cpr_encrypted: String::new(),
            given_name: "X".into(),
            family_name: "Y".into(),
            birth_date: birth.into(),
            sex: "female".into(),
            languages: "ar".into(),
            nationality: "Syrien".into(),
            arrival_date: Some("2025-01-01".into()),
            takeover_date: None,
            residence_basis: crate::domain::ResidenceBasis::Refugee,
            updated_at: String::new(),
            quota_refugee: 0,
            derived_takeover_date: None,
            takeover_missing: None,
        }
    }

    #[test]
    fn a_childrens_goal_gets_the_methods_for_parents_beside_the_best_three() {
        let published = vec![
            method(1, "Sprog i dagtilbud", "boern_og_foraeldre", "boern_og_skole", "boern_og_foraeldre", "dokumenteret_effekt"),
            method(2, "Lektiecafé", "boern_og_foraeldre", "boern_og_skole", "boern_og_foraeldre", "lovende"),
            method(3, "Skolestart", "alle", "boern_og_skole", "rammer_for_nyankomne", "lovende"),
            method(4, "Forældrecafé", "boern_og_foraeldre", "boern_og_skole", "boern_og_foraeldre", "lokal_erfaring"),
            method(5, "Forældrekursus om opdragelse", "foraeldre", "helbred", "boern_og_foraeldre", "lovende"),
            method(6, "Forældregrupper om negativ social kontrol", "foraeldre", "boern_og_skole", "boern_og_foraeldre", "lokal_erfaring"),
            method(7, "Jobmentor", "foraeldre", "beskaeftigelse", "helhedsorienteret_beskaeftigelse", "lovende"),
        ];
        let members = vec![member(10, "adult", "1988-01-01"), member(11, "child", "2016-01-01")];
        let plan = PlanDocument {
            goals: vec![
                Goal { id: 1, life_area: "boern_og_skole".into(), person_id: Some(11), text: "Trives i skolen".into(), actions: vec![] },
                Goal { id: 2, life_area: "sprog".into(), person_id: Some(10), text: "Dansk".into(), actions: vec![] },
            ],
            ..Default::default()
        };
        let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let got = for_plan(&plan, &members, &published, today);
        let titles: Vec<&str> = got[&1].iter().map(|r| r.title.as_str()).collect();
        // The best three of the life area, then the methods for parents: the goal's own
        // life area first, then the theme's from other areas.
        assert_eq!(titles, ["Sprog i dagtilbud", "Lektiecafé", "Skolestart", "Forældregrupper om negativ social kontrol", "Forældrekursus om opdragelse"]);
        assert!(got[&1].iter().any(|r| r.target_label.starts_with("Forældre")));
        assert!(got[&2].is_empty(), "a language goal gets no methods for parents of another area");
        assert!(goal_groups(&plan.goals[0], &members, today).contains(&TargetGroup::Parents));
    }
}
