//! How well a person fits an opening, with the reasons in Danish. Pure: the opening,
//! the candidate (profile, home, what the family plan already holds) and the settings
//! come in. Hard rules remove a pair with the reason why; soft criteria add or subtract
//! points. Which criteria are hard and how much each weighs are [`MatchSettings`], with
//! the defaults documented in `docs/employment.md`.
use super::{DanishLevel, OpeningKind, OpeningView, danish, items};
use crate::plans::Slot;
use crate::store::employment::CandidateRow;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Weights of the soft criteria and which criteria are hard rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct MatchSettings {
    /// Points every allowed pair starts with.
    pub base: i64,
    /// Points per required skill the person has.
    pub skill_met: i64,
    /// Points subtracted per required skill the person lacks.
    pub skill_missing: i64,
    /// Points when the person's ISCO-08 major group is the opening's.
    pub same_isco_group: i64,
    /// Points when a required Danish level is met.
    pub danish_met: i64,
    /// Points when a language spoken at the workplace is one of the person's.
    pub shared_language: i64,
    /// Points subtracted per kilometre from home to the workplace.
    pub per_km: i64,
    /// Points subtracted per weekly hour the opening needs beyond what the person has free.
    pub per_missing_hour: i64,
    /// Points subtracted per time slot that overlaps an action already in the plan.
    pub per_overlap: i64,
    /// Points subtracted when the person is a parent of a child under 6 without daycare.
    pub childcare: i64,
    /// A required Danish level not met removes the pair.
    pub danish_hard: bool,
    /// A required driving licence not held removes the pair.
    pub licence_hard: bool,
    /// Too few free hours removes the pair.
    pub hours_hard: bool,
    /// A missing daycare place removes the pair.
    pub childcare_hard: bool,
    /// Pairs farther apart than this many kilometres are removed.
    pub max_km: f64,
}

impl Default for MatchSettings {
    fn default() -> Self {
        MatchSettings {
            base: 100,
            skill_met: 20,
            skill_missing: 10,
            same_isco_group: 30,
            danish_met: 10,
            shared_language: 10,
            per_km: 2,
            per_missing_hour: 3,
            per_overlap: 15,
            childcare: 40,
            danish_hard: true,
            licence_hard: true,
            hours_hard: false,
            childcare_hard: false,
            max_km: 50.0,
        }
    }
}

/// A person as matching sees them: the profile and home, and what the family plan holds.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Profile, person and home.
    pub row: CandidateRow,
    /// Languages the person speaks (ISO 639-1).
    pub languages: Vec<String>,
    /// Weekly hours already planned in live actions of the family plan.
    pub planned_hours: f64,
    /// Time slots of those actions.
    pub busy: Vec<Slot>,
    /// A parent of a child under 6 without daycare in the plan.
    pub childcare: bool,
    /// The open opening the person already has an accepted place in.
    pub placed_in: Option<i64>,
    /// The level from the Danish education records, when a module is passed there.
    pub du_level: Option<DanishLevel>,
}

/// The fit of one pair.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Fit {
    /// Points (higher is better); meaningless when `blocked`.
    pub score: i64,
    /// Why, in Danish, one line per criterion.
    pub reasons: Vec<String>,
    /// The hard rule that removes the pair, in Danish.
    pub blocked: Option<String>,
}

/// Distance in kilometres between two points (latitude, longitude).
pub fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (a.0.to_radians(), a.1.to_radians(), b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2) + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// Estimated travel time in minutes by public transport for a distance: 10 minutes to
/// and from stops plus 30 km/h (a rough estimate, shown as such).
pub fn travel_minutes(km: f64) -> i64 {
    (10.0 + km / 30.0 * 60.0).round() as i64
}

fn date(raw: &str) -> Option<calendar::Date> {
    calendar::Date::parse(raw).ok()
}

/// Whether the person may start an IGU course on `on`, by the rule set's
/// `igu.eligibility` in force then (age, residence basis, years in Denmark).
pub fn igu_eligibility(c: &CandidateRow, on: NaiveDate) -> Result<String, String> {
    let Some(day) = date(&on.to_string()) else { return Err("datoen kan ikke bruges".into()) };
    let rules = rules::RuleSet::shipped();
    let Some(rule) = rules.get("igu.eligibility", day) else { return Err("der er ingen IGU-regel på datoen".into()) };
    let Some(birth) = date(&c.birth_date) else { return Err("fødselsdatoen mangler".into()) };
    let residence = match c.residence_basis.as_str() {
        "refugee" => rules::ResidenceBasis::Refugee,
        "family_reunified_to_refugee" => rules::ResidenceBasis::FamilyReunifiedToRefugee,
        "other_family_reunified" => rules::ResidenceBasis::OtherFamilyReunified,
        "ukrainian_special_act" => rules::ResidenceBasis::UkrainianSpecialAct,
        _ => rules::ResidenceBasis::Other,
    };
    let mut person = rules::Person::new(birth, residence);
    person.arrival_date = c.arrival_date.as_deref().and_then(date);
    let age = person.age_on(day);
    let Some(judged) = rules::eligibility(&rules, "igu.eligibility", &person, day) else {
        return Err("der er ingen IGU-regel på datoen".into());
    };
    if !judged.eligible() {
        return Err(format!("ikke IGU: {age} år, {} ({}, version {})", judged.reasons.join(", "), rule.title, judged.rule_version));
    }
    Ok(format!("kan komme i IGU ({age} år)"))
}

fn overlaps(a: &Slot, b: &Slot) -> bool {
    let (af, at) = a.minutes();
    let (bf, bt) = b.minutes();
    a.weekday == b.weekday && af < bt && bf < at
}

/// How `c` fits opening `o` on `today`.
pub fn fit(o: &OpeningView, c: &Candidate, s: &MatchSettings, today: NaiveDate) -> Fit {
    let mut reasons = Vec::new();
    let mut score = s.base;
    let block = |why: String, reasons: Vec<String>| Fit { score: 0, reasons, blocked: Some(why) };
    if c.placed_in == Some(o.id) {
        return block("har allerede en plads i dette tilbud".into(), reasons);
    }
    // Skills.
    let have: Vec<String> = items(&c.row.skills).into_iter().map(str::to_lowercase).collect();
    let (met, missing): (Vec<&String>, Vec<&String>) = o.skills.iter().partition(|k| have.contains(k));
    if !met.is_empty() {
        score += s.skill_met * met.len() as i64;
        reasons.push(format!("kompetencer opfyldt: {}", join(&met)));
    }
    if !missing.is_empty() {
        score -= s.skill_missing * missing.len() as i64;
        reasons.push(format!("kompetencer mangler: {}", join(&missing)));
    }
    if let (Some(a), Some(b)) = (o.isco_major, c.row.isco_major)
        && a == b
    {
        score += s.same_isco_group;
        reasons.push(format!("erfaring i samme faggruppe (ISCO-08 hovedgruppe {a})"));
    }
    // Danish.
    let (level, source) = danish::of_candidate(&c.row, c.du_level);
    if o.danish.is_set() {
        if level.meets(o.danish) {
            score += s.danish_met;
            reasons.push(format!("dansk: kræver {}, har {} ({source})", o.danish.label(), level.label()));
        } else {
            let why = format!("dansk: kræver {}, har {} ({source})", o.danish.label(), level.label());
            if s.danish_hard {
                return block(why, reasons);
            }
            reasons.push(why);
        }
    } else if level != DanishLevel::default() {
        reasons.push(format!("dansk: intet krav, har {} ({source})", level.label()));
    }
    // Driving licence.
    if o.driving_licence && c.row.driving_licence != 1 {
        let why = "kørekort kræves, men er ikke registreret".to_string();
        if s.licence_hard {
            return block(why, reasons);
        }
        reasons.push(why);
    }
    // Languages spoken at the workplace.
    let shared: Vec<&String> = o.languages.iter().filter(|l| *l != "da" && c.languages.contains(l)).collect();
    if !shared.is_empty() {
        score += s.shared_language;
        let names: Vec<&str> = shared.iter().map(|l| crate::domain::person::language_name(l)).collect();
        reasons.push(format!("der tales {} på arbejdspladsen", names.join(" og ")));
    }
    // Distance and travel time.
    let home = c.row.home_postal_code.as_deref().and_then(super::place);
    match (home, super::place(&o.postal_code)) {
        (Some((_, h)), Some((_, w))) => {
            let d = km(h, w);
            if d > s.max_km {
                return block(format!("for langt: ca. {d:.0} km fra hjemmet (højst {:.0} km)", s.max_km), reasons);
            }
            score -= (d * s.per_km as f64).round() as i64;
            reasons.push(format!("afstand ca. {d:.0} km, ca. {} min. med offentlig transport (anslået)", travel_minutes(d)));
        }
        _ => reasons.push("afstand ukendt: familiens postnummer mangler".into()),
    }
    // Hours against what is free.
    let free = (c.row.hours_available - c.planned_hours).max(0.0);
    if o.weekly_hours > free + 1e-9 {
        let short = o.weekly_hours - free;
        let why = format!("timer: tilbuddet er {} t/uge, personen har {} t/uge fri ({} til rådighed, {} planlagt)", super::hours(o.weekly_hours), super::hours(free), super::hours(c.row.hours_available), super::hours(c.planned_hours));
        if s.hours_hard {
            return block(why, reasons);
        }
        score -= (short * s.per_missing_hour as f64).round() as i64;
        reasons.push(why);
    } else {
        reasons.push(format!("timer: tilbuddet er {} t/uge, personen har {} t/uge fri", super::hours(o.weekly_hours), super::hours(free)));
    }
    let clashes = o.slots.iter().filter(|a| c.busy.iter().any(|b| overlaps(a, b))).count();
    if clashes > 0 {
        score -= s.per_overlap * clashes as i64;
        reasons.push(format!("{clashes} tidsrum overlapper indsatser, der allerede er i planen"));
    }
    if c.childcare && o.weekly_hours > 0.0 {
        let why = "forælder til barn under 6 år uden dagtilbud i planen".to_string();
        if s.childcare_hard {
            return block(why, reasons);
        }
        score -= s.childcare;
        reasons.push(why);
    }
    // IGU eligibility by the rule set.
    if o.kind == OpeningKind::Igu.code() {
        let start = NaiveDate::parse_from_str(&o.start, "%Y-%m-%d").unwrap_or(today).max(today);
        match igu_eligibility(&c.row, start) {
            Ok(why) => reasons.push(why),
            Err(why) => return block(why, reasons),
        }
    }
    // Company-based offers: løntilskud needs extra jobs; the longest length by the rule set.
    let rules = rules::RuleSet::shipped();
    let start = super::offers::start_of(o, today);
    if let Some(why) = super::offers::extra_jobs_block(rules, o, start) {
        return block(why, reasons);
    }
    if let Some(limit) = super::offers::limit(rules, &o.kind, &c.row, o.public_employer, start) {
        reasons.push(super::offers::length_reason(o, &limit));
    }
    if let Some(other) = c.placed_in {
        reasons.push(format!("har allerede en plads i tilbud {other}"));
    }
    Fit { score, reasons, blocked: None }
}

fn join(list: &[&String]) -> String {
    list.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate() -> Candidate {
        Candidate {
            row: CandidateRow {
                person_id: 7,
                given_name: "Amal".into(),
                family_name: "Haddad".into(),
                birth_date: "1990-03-01".into(),
                residence_basis: "refugee".into(),
                arrival_date: Some("2022-01-10".into()),
                family_id: Some(1),
                home_postal_code: Some("4300".into()),
                languages: "ar".into(),
                skills: "rengøring, opvask".into(),
                isco_major: Some(9),
                education_level: "primary".into(),
                danish_track: 2,
                danish_module: 3,
                driving_licence: 0,
                hours_available: 37.0,
                job_ready: 1,
                takeover_date: Some("2022-03-01".into()),
            },
            languages: vec!["ar".into()],
            planned_hours: 15.0,
            busy: vec![Slot { weekday: 1, from: "09:00".into(), to: "12:00".into() }],
            childcare: false,
            placed_in: None,
            du_level: None,
        }
    }

    fn opening() -> OpeningView {
        OpeningView {
            id: 3,
            company_id: 1,
            company_name: "Kantine".into(),
            kind: "igu".into(),
            kind_label: "IGU".into(),
            title: "Køkkenmedhjælper".into(),
            postal_code: "4340".into(),
            city: "Tølløse".into(),
            start: "2026-01-05".into(),
            end: None,
            weekly_hours: 25.0,
            slots: vec![Slot { weekday: 1, from: "08:00".into(), to: "13:00".into() }],
            seats: 2,
            taken: 0,
            skills: vec!["opvask".into(), "kok".into()],
            isco_major: Some(9),
            danish: DanishLevel { track: 2, module: 2 },
            driving_licence: false,
            languages: vec!["da".into(), "ar".into()],
            extra_jobs: false,
            status: "open".into(),
            company_staff: 12,
            public_employer: false,
        }
    }

    #[test]
    fn a_fit_gives_its_reasons_in_danish() {
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let f = fit(&opening(), &candidate(), &MatchSettings::default(), today);
        assert!(f.blocked.is_none(), "{f:?}");
        let text = f.reasons.join("\n");
        for part in ["kompetencer opfyldt: opvask", "kompetencer mangler: kok", "ISCO-08 hovedgruppe 9", "dansk: kræver DU2 modul 2, har DU2 modul 3", "der tales arabisk", "afstand ca.", "har 22 t/uge fri", "1 tidsrum overlapper", "kan komme i IGU (35 år)"] {
            assert!(text.contains(part), "{part} missing in {text}");
        }
        // 100 + 20 - 10 + 30 + 10 + 10 - 2·km - 3·3 - 15.
        let d = km(super::super::place("4300").unwrap().1, super::super::place("4340").unwrap().1);
        assert_eq!(f.score, 100 + 20 - 10 + 30 + 10 + 10 - (d * 2.0).round() as i64 - 9 - 15);
    }

    #[test]
    fn hard_rules_remove_pairs_and_settings_soften_them() {
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let s = MatchSettings::default();
        let mut o = opening();
        o.danish = DanishLevel { track: 3, module: 1 };
        assert!(fit(&o, &candidate(), &s, today).blocked.unwrap().contains("kræver DU3 modul 1"));
        let soft = MatchSettings { danish_hard: false, ..s.clone() };
        assert!(fit(&o, &candidate(), &soft, today).blocked.is_none());
        let mut old = candidate();
        old.row.birth_date = "1970-01-01".into();
        let why = fit(&opening(), &old, &s, today).blocked.unwrap();
        assert!(why.contains("over 50 år ved start"), "{why}");
        let mut placed = candidate();
        placed.placed_in = Some(3);
        assert!(fit(&opening(), &placed, &s, today).blocked.is_some());
        let mut far = opening();
        far.postal_code = "9990".into();
        assert!(fit(&far, &candidate(), &s, today).blocked.unwrap().contains("for langt"));
    }
}
