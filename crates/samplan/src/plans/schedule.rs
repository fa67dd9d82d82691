//! The weekly schedule of each family member, built from every action of the plan the
//! viewer may see, and its conflicts: overlapping slots; weekly hours under the legal
//! minimum (from the rule set: the 37-hour work duty, 15 hours with an education order)
//! or over the municipality's maximum; a child under 6 without daycare while every adult
//! of the family has an activity. Pure: the plan, the members and the week come in.
use super::{Action, ActionStatus, PlanDocument};
use crate::domain::{DepartmentKind, FieldError};
use crate::store::persons::PersonRow;
use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

/// The maximum weekly hours when the municipality has not set one.
pub const DEFAULT_MAX_WEEKLY_HOURS: i64 = 48;

/// Parses an ISO week (`2026-W48`) to its Monday.
pub fn parse_week(raw: &str) -> Result<NaiveDate, FieldError> {
    let bad = || FieldError::new("week", format!("«{raw}» er ikke en uge på formen ÅÅÅÅ-Uuu, fx 2026-W48"));
    let (y, w) = raw.trim().split_once("-W").ok_or_else(bad)?;
    let (y, w): (i32, u32) = (y.parse().map_err(|_| bad())?, w.parse().map_err(|_| bad())?);
    NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon).ok_or_else(bad)
}

/// The ISO week of a date, as `2026-W48`.
pub fn week_of(date: NaiveDate) -> String {
    let w = date.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// One slot on a day.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Entry {
    /// The action.
    pub action_id: i64,
    /// Its title.
    pub title: String,
    /// Owning department code.
    pub department: String,
    /// ISO date.
    pub date: String,
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u8,
    /// `HH:MM`.
    pub from: String,
    /// `HH:MM`.
    pub to: String,
}

/// A conflict in a week.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Conflict {
    /// `overlap`, `under_minimum`, `over_maximum` or `no_daycare`.
    pub kind: String,
    /// The person concerned.
    pub person_id: i64,
    /// What is wrong, in Danish.
    pub message: String,
    /// The actions involved.
    pub action_ids: Vec<i64>,
}

/// One person's week.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PersonWeek {
    /// The person.
    pub person_id: i64,
    /// Their name.
    pub name: String,
    /// Fixed slots, by day and time.
    pub entries: Vec<Entry>,
    /// Actions with weekly hours but no fixed slots.
    pub flexible: Vec<Flexible>,
    /// Planned hours this week.
    pub total_hours: f64,
    /// The legal minimum that applies, if any.
    pub minimum: Option<Minimum>,
    /// The municipality's maximum.
    pub maximum: i64,
    /// False when consent hides some of the person's actions from the viewer; hours are then not checked.
    pub complete: bool,
    /// Conflicts.
    pub conflicts: Vec<Conflict>,
}

/// An action with weekly hours but no fixed slots.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Flexible {
    /// The action.
    pub action_id: i64,
    /// Its title.
    pub title: String,
    /// Hours a week.
    pub hours: f64,
}

/// The legal minimum of weekly hours, from the rule set.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Minimum {
    /// Hours a week.
    pub hours: u32,
    /// The rule's Danish title.
    pub title: String,
    /// False while the value is to be confirmed.
    pub confirmed: bool,
}

/// Days without daycare of one child at one time: weekday names, adults' actions, the child's name.
type DaycareGap = (Vec<&'static str>, Vec<i64>, String);

/// Two overlapping actions: ids, then title, from and to of each.
type OverlapKey = (i64, i64, String, String, String, String, String, String);

/// Danish weekday names in lower case, Monday first.
const WEEKDAY_NAMES: [&str; 7] = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"];

/// "mandag", "mandag og tirsdag", "mandag, tirsdag og onsdag".
fn join_days(days: &[&str]) -> String {
    match days {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} og {last}", rest.join(", ")),
    }
}

fn hhmm(m: u32) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

fn in_force(a: &Action, from: NaiveDate, to: NaiveDate) -> bool {
    let live = matches!(ActionStatus::parse(&a.status), Ok(ActionStatus::Planned | ActionStatus::Active));
    let start = NaiveDate::parse_from_str(&a.start_date, "%Y-%m-%d").unwrap_or(NaiveDate::MAX);
    let end = a.end_date.as_deref().and_then(|e| NaiveDate::parse_from_str(e, "%Y-%m-%d").ok()).unwrap_or(NaiveDate::MAX);
    live && start <= to && end >= from
}

/// The rules crate's view of a person on `date`. samplan does not record the programme
/// yet: adults taken over under the integration act are taken to be in the
/// introduktionsprogram, except those with an education order (the youth rule applies).
pub fn rules_person(p: &PersonRow, education_order: bool, date: NaiveDate) -> Option<rules::Person> {
    use rules::ResidenceBasis as R;
    let birth = calendar::Date::parse(&p.birth_date).ok()?;
    let residence = match p.residence_basis.as_str() {
        "refugee" => R::Refugee,
        "family_reunified_to_refugee" => R::FamilyReunifiedToRefugee,
        "other_family_reunified" => R::OtherFamilyReunified,
        "ukrainian_special_act" => R::UkrainianSpecialAct,
        _ => R::Other,
    };
    let mut person = rules::Person::new(birth, residence);
    person.takeover_date = p.takeover_date.as_deref().and_then(|t| calendar::Date::parse(t).ok());
    person.education_order = education_order;
    let today = calendar::Date::parse(&date.to_string()).ok()?;
    let integration_act = matches!(residence, R::Refugee | R::FamilyReunifiedToRefugee | R::OtherFamilyReunified);
    if integration_act && person.takeover_date.is_some_and(|t| t <= today) && person.age_on(today) >= 18 && !education_order {
        person.programme = Some(rules::Programme::Introduktionsprogram);
    }
    Some(person)
}

/// Every member's week starting `monday`, from the plan as the viewer sees it (`visible`)
/// compared with the whole plan (`full`) to know whose week is complete.
pub fn family_week(full: &PlanDocument, visible: &PlanDocument, members: &[PersonRow], monday: NaiveDate, maximum: i64) -> Vec<PersonWeek> {
    let sunday = monday + Duration::days(6);
    let mut weeks: Vec<PersonWeek> = members.iter().map(|m| person_week(full, visible, m, monday, maximum)).collect();
    // A child under 6 without daycare while every adult has an activity at the same time.
    let adults: Vec<&PersonWeek> = members.iter().zip(&weeks).filter(|(m, _)| m.family_role == "adult").map(|(_, w)| w).collect();
    if adults.is_empty() || adults.iter().any(|w| !w.complete) {
        return weeks;
    }
    let mut extra: std::collections::BTreeMap<(i64, u32, u32), DaycareGap> = std::collections::BTreeMap::new();
    for (m, w) in members.iter().zip(&weeks) {
        let young = NaiveDate::parse_from_str(&m.birth_date, "%Y-%m-%d").ok().and_then(|b| sunday.years_since(b)).is_some_and(|age| age < 6);
        if !young || !w.complete {
            continue;
        }
        for day in 0..7u8 {
            let date = (monday + Duration::days(i64::from(day))).to_string();
            let busy = |pw: &PersonWeek, min: u32, daycare_only: bool| {
                pw.entries.iter().any(|e| {
                    let (f, t) = (minutes(&e.from), minutes(&e.to));
                    e.date == date && f <= min && min < t && (!daycare_only || e.department == DepartmentKind::DaycareAndSchool.code())
                })
            };
            let uncovered: Vec<u32> = (0..1440).filter(|&min| adults.iter().all(|a| busy(a, min, false)) && !busy(w, min, true)).collect();
            if let (Some(first), Some(last)) = (uncovered.first(), uncovered.last()) {
                let ids = adults.iter().flat_map(|a| a.entries.iter().filter(|e| e.date == date && minutes(&e.from) <= *last && *first < minutes(&e.to)).map(|e| e.action_id));
                let entry = extra.entry((m.id, *first, *last)).or_insert_with(|| (Vec::new(), Vec::new(), w.name.clone()));
                entry.0.push(WEEKDAY_NAMES[usize::from(day)]);
                entry.1.extend(ids);
            }
        }
    }
    let extra: Vec<(i64, Conflict)> = extra
        .into_iter()
        .map(|((id, first, last), (days, mut ids, name))| {
            ids.sort_unstable();
            ids.dedup();
            let message = format!("{name} (under 6 år) har ingen pasning {} kl. {}–{}, mens alle voksne i familien er optaget.", join_days(&days), hhmm(first), hhmm(last + 1));
            (id, Conflict { kind: "no_daycare".into(), person_id: id, message, action_ids: ids })
        })
        .collect();
    for (id, c) in extra {
        if let Some(w) = weeks.iter_mut().find(|w| w.person_id == id) {
            w.conflicts.push(c);
        }
    }
    weeks
}

fn minutes(hhmm: &str) -> u32 {
    super::Slot { weekday: 1, from: hhmm.into(), to: hhmm.into() }.minutes().0
}

fn person_week(full: &PlanDocument, visible: &PlanDocument, m: &PersonRow, monday: NaiveDate, maximum: i64) -> PersonWeek {
    let sunday = monday + Duration::days(6);
    let mine = |doc: &PlanDocument| doc.actions().filter(|(g, a)| a.person(g) == Some(m.id)).count();
    let complete = mine(full) == mine(visible);
    let mut entries = Vec::new();
    let mut flexible = Vec::new();
    for (_, a) in visible.actions().filter(|(g, a)| a.person(g) == Some(m.id) && in_force(a, monday, sunday)) {
        for s in &a.slots {
            let date = monday + Duration::days(i64::from(s.weekday.clamp(1, 7)) - 1);
            if in_force(a, date, date) {
                entries.push(Entry { action_id: a.id, title: a.title.clone(), department: a.department.clone(), date: date.to_string(), weekday: s.weekday, from: s.from.clone(), to: s.to.clone() });
            }
        }
        if a.slots.is_empty()
            && let Some(h) = a.weekly_hours
        {
            flexible.push(Flexible { action_id: a.id, title: a.title.clone(), hours: h });
        }
    }
    entries.sort_by(|a, b| (&a.date, &a.from, a.action_id).cmp(&(&b.date, &b.from, b.action_id)));
    let slot_hours: f64 = entries.iter().map(|e| f64::from(minutes(&e.to) - minutes(&e.from)) / 60.0).sum();
    // A sum of nothing is -0.0 for floats; show it as 0.
    let total_hours = slot_hours + flexible.iter().map(|f| f.hours).sum::<f64>() + 0.0;
    let name = format!("{} {}", m.given_name, m.family_name);
    let mut conflicts = Vec::new();
    let mut overlaps: std::collections::BTreeMap<OverlapKey, Vec<&str>> = std::collections::BTreeMap::new();
    for (i, a) in entries.iter().enumerate() {
        for b in &entries[i + 1..] {
            if a.date == b.date && minutes(&a.from) < minutes(&b.to) && minutes(&b.from) < minutes(&a.to) {
                let key = (a.action_id, b.action_id, a.title.clone(), a.from.clone(), a.to.clone(), b.title.clone(), b.from.clone(), b.to.clone());
                overlaps.entry(key).or_default().push(WEEKDAY_NAMES[usize::from(a.weekday.clamp(1, 7)) - 1]);
            }
        }
    }
    for ((a, b, at, af, ato, bt, bf, bto), days) in overlaps {
        conflicts.push(Conflict {
            kind: "overlap".into(),
            person_id: m.id,
            message: format!("{name}: «{at}» ({af}–{ato}) og «{bt}» ({bf}–{bto}) overlapper {}.", join_days(&days)),
            action_ids: vec![a, b],
        });
    }
    let person = rules_person(m, full.education_orders.contains(&m.id), monday);
    let date = calendar::Date::parse(&monday.to_string()).ok();
    let minimum = person.zip(date).and_then(|(p, d)| {
        rules::weekly_hours(rules::RuleSet::shipped(), &p, d).into_iter().find(|r| r.bound == rules::HoursBound::Minimum).map(|r| Minimum { hours: r.hours, title: r.title, confirmed: r.confirmed })
    });
    let ids: Vec<i64> = entries.iter().map(|e| e.action_id).chain(flexible.iter().map(|f| f.action_id)).collect();
    if complete {
        if let Some(Minimum { hours, title, .. }) = &minimum
            && total_hours + 1e-9 < f64::from(*hours)
        {
            conflicts.push(Conflict { kind: "under_minimum".into(), person_id: m.id, message: format!("{name} har {total_hours:.1} timer i ugen; kravet er mindst {hours} timer ({title})."), action_ids: ids.clone() });
        }
        if total_hours > maximum as f64 + 1e-9 {
            conflicts.push(Conflict { kind: "over_maximum".into(), person_id: m.id, message: format!("{name} har {total_hours:.1} timer i ugen; kommunens maksimum er {maximum} timer."), action_ids: ids });
        }
    }
    PersonWeek { person_id: m.id, name, entries, flexible, total_hours, minimum, maximum, complete, conflicts }
}
