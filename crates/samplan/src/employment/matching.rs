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
#[derive(Debug, Clone, Deserialize)]
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

/// What the IGU eligibility rule reads of a person: birth date, residence basis, arrival.
fn igu_person(c: &CandidateRow) -> Option<rules::Person> {
    let birth = date(&c.birth_date)?;
    let mut person = rules::Person::new(birth, c.residence_basis);
    person.arrival_date = c.arrival_date.as_deref().and_then(date);
    Some(person)
}

/// Whether the person may start an IGU course on `on`, by `igu.eligibility` of `rules`
/// (the municipality's rule set) in force then (age, residence basis, years in Denmark).
pub fn igu_eligibility(rules: &rules::RuleSet, c: &CandidateRow, on: NaiveDate) -> Result<String, String> {
    let Some(day) = date(&on.to_string()) else { return Err("datoen kan ikke bruges".into()) };
    let mut why = Vec::new();
    match igu_judge(rules, igu_person(c).as_ref(), day, &mut why) {
        true => Ok(why.pop().unwrap_or_default()),
        false => Err(why.pop().unwrap_or_default()),
    }
}

/// The IGU eligibility of a prepared person on `day`; the reason (either way) goes to `r`.
fn igu_judge(rules: &rules::RuleSet, person: Option<&rules::Person>, day: calendar::Date, r: &mut impl Reasons) -> bool {
    let Some(rule) = rules.get("igu.eligibility", day) else {
        r.add(|| "der er ingen IGU-regel på datoen".into());
        return false;
    };
    let Some(person) = person else {
        r.add(|| "fødselsdatoen mangler".into());
        return false;
    };
    let Some(judged) = rules::eligibility(rules, "igu.eligibility", person, day) else {
        r.add(|| "der er ingen IGU-regel på datoen".into());
        return false;
    };
    let age = person.age_on(day);
    if !judged.eligible() {
        r.add(|| format!("ikke IGU: {age} år, {} ({}, version {})", judged.reasons.join(", "), rule.title, judged.rule_version));
        return false;
    }
    r.add(|| format!("kan komme i IGU ({age} år)"));
    true
}

/// Where the reasons of a fit go. A single fit collects them as Danish lines
/// ([`Explained`]); the round scores every pair without building any text
/// ([`Unexplained`]) and explains only the pairs it proposes, by the same code.
pub trait Reasons {
    /// A reason line, built only if it is kept.
    fn add(&mut self, line: impl FnOnce() -> String);
    /// A reason line that may not apply, worked out only if it is kept.
    fn add_opt(&mut self, line: impl FnOnce() -> Option<String>);
}

/// Reasons kept as Danish lines.
impl Reasons for Vec<String> {
    fn add(&mut self, line: impl FnOnce() -> String) {
        self.push(line());
    }
    fn add_opt(&mut self, line: impl FnOnce() -> Option<String>) {
        self.extend(line());
    }
}

/// Reasons not built (scoring only).
pub struct Unexplained;

impl Reasons for Unexplained {
    fn add(&mut self, _: impl FnOnce() -> String) {}
    fn add_opt(&mut self, _: impl FnOnce() -> Option<String>) {}
}

/// A time slot as minutes: weekday, from, to.
type Span = (u8, u32, u32);

fn spans(slots: &[Slot]) -> Vec<Span> {
    slots
        .iter()
        .map(|s| {
            let (f, t) = s.minutes();
            (s.weekday, f, t)
        })
        .collect()
}

/// An opening as matching reads it, prepared once: the dates, slots, place and the
/// løntilskud extra-jobs block that do not depend on the person.
pub struct OpeningFacts<'a> {
    /// The opening.
    pub view: &'a OpeningView,
    /// The day the offer would start (the opening's start, or today if later).
    start: NaiveDate,
    /// The same as a rules date, for an IGU opening.
    igu_day: Option<calendar::Date>,
    slots: Vec<Span>,
    /// The workplace's postal area point.
    pub point: Option<(f64, f64)>,
    extra_jobs_block: Option<String>,
}

impl<'a> OpeningFacts<'a> {
    /// Prepares `o` for matching on `today` by `rules`.
    pub fn new(o: &'a OpeningView, rules: &rules::RuleSet, today: NaiveDate) -> Self {
        let start = super::offers::start_of(o, today);
        OpeningFacts {
            view: o,
            start,
            igu_day: (o.kind == OpeningKind::Igu.code()).then(|| date(&start.to_string())).flatten(),
            slots: spans(&o.slots),
            point: super::place(&o.postal_code).map(|p| p.1),
            extra_jobs_block: super::offers::extra_jobs_block(rules, o, start),
        }
    }
}

/// A candidate as matching reads them, prepared once: skills in lower case, home point,
/// Danish level, busy slots and what the IGU rule reads.
pub struct PersonFacts<'a> {
    /// The candidate.
    pub candidate: &'a Candidate,
    skills: Vec<String>,
    /// The family's postal area point.
    pub point: Option<(f64, f64)>,
    danish: (DanishLevel, &'static str),
    busy: Vec<Span>,
    igu: Option<rules::Person>,
}

impl<'a> PersonFacts<'a> {
    /// Prepares `c` for matching.
    pub fn new(c: &'a Candidate) -> Self {
        PersonFacts {
            candidate: c,
            skills: items(&c.row.skills).into_iter().map(str::to_lowercase).collect(),
            point: c.row.home_postal_code.as_deref().and_then(super::place).map(|p| p.1),
            danish: danish::of_candidate(&c.row, c.du_level),
            busy: spans(&c.busy),
            igu: igu_person(&c.row),
        }
    }
}

/// How `c` fits opening `o` on `today` by the municipality's `rules`.
pub fn fit(o: &OpeningView, c: &Candidate, s: &MatchSettings, rules: &rules::RuleSet, today: NaiveDate) -> Fit {
    let (o, c) = (OpeningFacts::new(o, rules, today), PersonFacts::new(c));
    let distance = o.point.zip(c.point).map(|(a, b)| km(a, b));
    explain(&o, &c, distance, s, rules)
}

/// The fit of prepared facts with its reasons; `distance` in km between the postal
/// areas, if both are known.
pub fn explain(o: &OpeningFacts, c: &PersonFacts, distance: Option<f64>, s: &MatchSettings, rules: &rules::RuleSet) -> Fit {
    let mut reasons = Vec::new();
    match judge(o, c, distance, s, rules, &mut reasons) {
        Some(score) => Fit { score, reasons, blocked: None },
        // The hard rule that removed the pair is the last line.
        None => {
            let blocked = reasons.pop();
            Fit { score: 0, reasons, blocked }
        }
    }
}

/// The score of a pair, or `None` when a hard rule removes it; the reasons go to `r`, the
/// blocking one last. The one place the criteria are judged (a single fit and the round).
pub fn judge(o: &OpeningFacts, c: &PersonFacts, distance: Option<f64>, s: &MatchSettings, rules: &rules::RuleSet, r: &mut impl Reasons) -> Option<i64> {
    let (ov, cv) = (o.view, c.candidate);
    let mut score = s.base;
    if cv.placed_in == Some(ov.id) {
        r.add(|| "har allerede en plads i dette tilbud".into());
        return None;
    }
    // Skills.
    let met = ov.skills.iter().filter(|k| c.skills.contains(k)).count();
    let missing = ov.skills.len() - met;
    if met > 0 {
        score += s.skill_met * met as i64;
        r.add(|| format!("kompetencer opfyldt: {}", ov.skills.iter().filter(|k| c.skills.contains(k)).map(String::as_str).collect::<Vec<_>>().join(", ")));
    }
    if missing > 0 {
        score -= s.skill_missing * missing as i64;
        r.add(|| format!("kompetencer mangler: {}", ov.skills.iter().filter(|k| !c.skills.contains(k)).map(String::as_str).collect::<Vec<_>>().join(", ")));
    }
    if let (Some(a), Some(b)) = (ov.isco_major, cv.row.isco_major)
        && a == b
    {
        score += s.same_isco_group;
        r.add(|| format!("erfaring i samme faggruppe (ISCO-08 hovedgruppe {a})"));
    }
    // Danish.
    let (level, source) = c.danish;
    if ov.danish.is_set() {
        let why = || format!("dansk: kræver {}, har {} ({source})", ov.danish.label(), level.label());
        if level.meets(ov.danish) {
            score += s.danish_met;
            r.add(why);
        } else {
            r.add(why);
            if s.danish_hard {
                return None;
            }
        }
    } else if level != DanishLevel::default() {
        r.add(|| format!("dansk: intet krav, har {} ({source})", level.label()));
    }
    // Driving licence.
    if ov.driving_licence && cv.row.driving_licence != 1 {
        r.add(|| "kørekort kræves, men er ikke registreret".into());
        if s.licence_hard {
            return None;
        }
    }
    // Languages spoken at the workplace.
    let shared = |l: &&String| *l != "da" && cv.languages.contains(l);
    if ov.languages.iter().any(|l| shared(&l)) {
        score += s.shared_language;
        r.add(|| {
            let names: Vec<&str> = ov.languages.iter().filter(shared).map(|l| crate::domain::person::language_name(l)).collect();
            format!("der tales {} på arbejdspladsen", names.join(" og "))
        });
    }
    // Distance and travel time.
    match distance {
        Some(d) => {
            if d > s.max_km {
                r.add(|| format!("for langt: ca. {d:.0} km fra hjemmet (højst {:.0} km)", s.max_km));
                return None;
            }
            score -= (d * s.per_km as f64).round() as i64;
            r.add(|| format!("afstand ca. {d:.0} km, ca. {} min. med offentlig transport (anslået)", travel_minutes(d)));
        }
        None => r.add(|| "afstand ukendt: familiens postnummer mangler".into()),
    }
    // Hours against what is free.
    let free = (cv.row.hours_available - cv.planned_hours).max(0.0);
    if ov.weekly_hours > free + 1e-9 {
        let short = ov.weekly_hours - free;
        r.add(|| {
            format!(
                "timer: tilbuddet er {} t/uge, personen har {} t/uge fri ({} til rådighed, {} planlagt)",
                super::hours(ov.weekly_hours),
                super::hours(free),
                super::hours(cv.row.hours_available),
                super::hours(cv.planned_hours)
            )
        });
        if s.hours_hard {
            return None;
        }
        score -= (short * s.per_missing_hour as f64).round() as i64;
    } else {
        r.add(|| format!("timer: tilbuddet er {} t/uge, personen har {} t/uge fri", super::hours(ov.weekly_hours), super::hours(free)));
    }
    let clashes = o.slots.iter().filter(|a| c.busy.iter().any(|b| a.0 == b.0 && a.1 < b.2 && b.1 < a.2)).count();
    if clashes > 0 {
        score -= s.per_overlap * clashes as i64;
        r.add(|| format!("{clashes} tidsrum overlapper indsatser, der allerede er i planen"));
    }
    if cv.childcare && ov.weekly_hours > 0.0 {
        r.add(|| "forælder til barn under 6 år uden dagtilbud i planen".into());
        if s.childcare_hard {
            return None;
        }
        score -= s.childcare;
    }
    // IGU eligibility by the rule set.
    if ov.kind == OpeningKind::Igu.code() {
        let eligible = match o.igu_day {
            Some(day) => igu_judge(rules, c.igu.as_ref(), day, r),
            None => {
                r.add(|| "datoen kan ikke bruges".into());
                false
            }
        };
        if !eligible {
            return None;
        }
    }
    // Company-based offers: løntilskud needs extra jobs; the longest length by the rule set.
    if let Some(why) = &o.extra_jobs_block {
        r.add(|| why.clone());
        return None;
    }
    r.add_opt(|| super::offers::limit(rules, &ov.kind, &cv.row, ov.public_employer, o.start).map(|limit| super::offers::length_reason(ov, &limit)));
    if let Some(other) = cv.placed_in {
        r.add(|| format!("har allerede en plads i tilbud {other}"));
    }
    Some(score)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn candidate() -> Candidate {
        Candidate {
            row: CandidateRow {
                person_id: 7,
                given_name: "Amal".into(),
                family_name: "Haddad".into(),
                birth_date: "1990-03-01".into(),
                residence_basis: crate::domain::ResidenceBasis::Refugee,
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

    pub(crate) fn opening() -> OpeningView {
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
        let f = fit(&opening(), &candidate(), &MatchSettings::default(), rules::RuleSet::shipped(), today);
        assert!(f.blocked.is_none(), "{f:?}");
        let text = f.reasons.join("\n");
        for part in [
            "kompetencer opfyldt: opvask",
            "kompetencer mangler: kok",
            "ISCO-08 hovedgruppe 9",
            "dansk: kræver DU2 modul 2, har DU2 modul 3",
            "der tales arabisk",
            "afstand ca.",
            "har 22 t/uge fri",
            "1 tidsrum overlapper",
            "kan komme i IGU (35 år)",
        ] {
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
        assert!(fit(&o, &candidate(), &s, rules::RuleSet::shipped(), today).blocked.unwrap().contains("kræver DU3 modul 1"));
        let soft = MatchSettings { danish_hard: false, ..s.clone() };
        assert!(fit(&o, &candidate(), &soft, rules::RuleSet::shipped(), today).blocked.is_none());
        let mut old = candidate();
        old.row.birth_date = "1970-01-01".into();
        let why = fit(&opening(), &old, &s, rules::RuleSet::shipped(), today).blocked.unwrap();
        assert!(why.contains("over 50 år ved start"), "{why}");
        let mut placed = candidate();
        placed.placed_in = Some(3);
        assert!(fit(&opening(), &placed, &s, rules::RuleSet::shipped(), today).blocked.is_some());
        let mut far = opening();
        far.postal_code = "9990".into();
        assert!(fit(&far, &candidate(), &s, rules::RuleSet::shipped(), today).blocked.unwrap().contains("for langt"));
    }
}
