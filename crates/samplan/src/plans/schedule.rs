//! The weekly schedule of each family member, built from every action of the plan the
//! viewer may see, and its conflicts: overlapping slots; weekly hours under the legal
//! minimum (from the rule set: the 37-hour work duty, 15 hours with an education order)
//! or over the municipality's maximum; a child under 6 without daycare while every adult
//! of the family has an activity (daycare: an action of dagtilbud og skole, or a place
//! recorded under children and parents). Pure: the plan, the members, their daycare
//! places, the week and the [`Duty`] (the municipality's rule set and the members' recorded
//! reductions of the work duty) come in.
use super::{Action, ActionStatus, PlanDocument};
use crate::domain::{DepartmentKind, FieldError};
use crate::store::Tenant;
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

/// An ISO week (`2026-W50`) as staff say it: «50»; a week of another year than this
/// one carries its year: «1 (2027)».
pub fn week_label(iso: &str) -> String {
    let Some((year, week)) = iso.split_once("-W") else { return iso.to_string() };
    let week = week.trim_start_matches('0');
    let this_year = chrono::Local::now().date_naive().iso_week().year().to_string();
    if year == this_year { week.to_string() } else { format!("{week} ({year})") }
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
    /// When the person's recorded reduction lowers it: in Danish, from how many hours, by
    /// which rule and for which period (e.g. «nedsat fra 37 timer: Nedsat arbejdspligt af
    /// helbredsmæssige grunde, 01.03.2026–31.05.2026»).
    pub reduced: Option<String>,
}

/// What the weekly minimum is judged by: the municipality's rule set (the shipped rules
/// tightened by its overrides) and the recorded reductions of the work duty of the persons
/// whose weeks are built. The rules engine applies the reductions (`hours_reduction` rules).
#[derive(Debug, Clone, PartialEq)]
pub struct Duty {
    /// The rule set in force for the municipality.
    pub rules: std::borrow::Cow<'static, rules::RuleSet>,
    /// Reductions of the persons concerned (others are ignored).
    pub reductions: Vec<crate::store::employment::WorkDutyReductionRow>,
}

impl Duty {
    /// The shipped rules and no reductions.
    pub fn shipped() -> Duty {
        Duty { rules: std::borrow::Cow::Borrowed(rules::RuleSet::shipped()), reductions: Vec::new() }
    }

    /// A family's: the municipality's rules and the members' reductions.
    pub async fn of_family(store: &crate::store::Store, tenant: &Tenant, family_id: i64) -> Result<Duty, crate::store::StoreError> {
        Ok(Duty {
            rules: std::borrow::Cow::Owned(crate::deadlines::municipality_rule_set(store, tenant).await?),
            reductions: store.family_work_duty_reductions(tenant, family_id).await?,
        })
    }

    /// A municipality's, for weeks from `from` on: its rules and every reduction not ended before.
    pub async fn of_municipality(store: &crate::store::Store, tenant: &Tenant, from: NaiveDate) -> Result<Duty, crate::store::StoreError> {
        Ok(Duty {
            rules: std::borrow::Cow::Owned(crate::deadlines::municipality_rule_set(store, tenant).await?),
            reductions: store.municipality_work_duty_reductions(tenant, crate::domain::calendar_bound(from)).await?,
        })
    }

    /// The rules crate's reductions of one person.
    fn reductions_of(&self, person_id: i64) -> Vec<rules::Reduction> {
        self.reductions
            .iter()
            .filter(|r| r.person_id == person_id)
            .filter_map(|r| Some(rules::Reduction { key: r.kind.clone(), from: r.from_day, to: r.to_day, hours: u32::try_from(r.hours).ok()? }))
            .collect()
    }
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
    let start = crate::domain::stored_day(&a.start_date).unwrap_or(NaiveDate::MAX);
    let end = a.end_date.as_deref().and_then(crate::domain::stored_day).unwrap_or(NaiveDate::MAX);
    live && start <= to && end >= from
}

/// The rules crate's view of a person on `date`. samplan does not record the programme
/// yet: adults taken over under the integration act are taken to be in the
/// introduktionsprogram, except those with an education order (the youth rule applies).
pub fn rules_person(p: &PersonRow, education_order: bool, date: NaiveDate) -> Option<rules::Person> {
    rules_person_of(&p.birth_date, p.residence_basis, p.takeover_date.as_deref(), education_order, date)
}

/// [`rules_person`] from the fields it reads: birth date, residence basis and takeover date.
pub fn rules_person_of(
    birth_date: &str,
    residence: crate::domain::ResidenceBasis,
    takeover_date: Option<&str>,
    education_order: bool,
    date: NaiveDate,
) -> Option<rules::Person> {
    let birth = calendar::Date::parse(birth_date).ok()?;
    let mut person = rules::Person::new(birth, residence);
    person.takeover_date = takeover_date.and_then(|t| calendar::Date::parse(t).ok());
    person.education_order = education_order;
    let today = crate::domain::calendar_day(date)?;
    if residence.has_programme() && person.takeover_date.is_some_and(|t| t <= today) && person.age_on(today) >= 18 && !education_order {
        person.programme = Some(rules::Programme::Introduktionsprogram);
        // The week view has no case events: the programme is taken to start at the
        // takeover, so the work duty holds in the introduction period from then.
        if let Some(takeover) = person.takeover_date {
            person.events.push(rules::Event { kind: rules::EventKind::ProgrammeStart, date: takeover });
        }
    }
    Some(person)
}

/// Every member's week starting `monday`, from the plan as the viewer sees it (`visible`)
/// compared with the whole plan (`full`) to know whose week is complete.
pub fn family_week(
    full: &PlanDocument,
    visible: &PlanDocument,
    members: &[PersonRow],
    places: &[Place],
    monday: NaiveDate,
    maximum: i64,
    duty: &Duty,
) -> Vec<PersonWeek> {
    let mut weeks: Vec<PersonWeek> = members.iter().map(|m| person_week(full, visible, m, monday, maximum, duty)).collect();
    for (id, c) in daycare_gaps(members, &weeks, places, monday) {
        if let Some(w) = weeks.iter_mut().find(|w| w.person_id == id) {
            w.conflicts.push(c);
        }
    }
    weeks
}

/// A child under 6 without daycare while every adult has an activity at the same time:
/// one conflict per child and time of day, naming the days it happens.
fn daycare_gaps(members: &[PersonRow], weeks: &[PersonWeek], places: &[Place], monday: NaiveDate) -> Vec<(i64, Conflict)> {
    let sunday = monday + Duration::days(6);
    let adults: Vec<&PersonWeek> = members.iter().zip(weeks).filter(|(m, _)| m.family_role == "adult").map(|(_, w)| w).collect();
    if adults.is_empty() || adults.iter().any(|w| !w.complete) {
        return Vec::new();
    }
    let adult_spans: Vec<Vec<Span>> = adults.iter().map(|w| spans(w)).collect();
    let mut extra: std::collections::BTreeMap<(i64, u32, u32), DaycareGap> = std::collections::BTreeMap::new();
    for (m, w) in members.iter().zip(weeks) {
        let young = crate::domain::stored_day(&m.birth_date).and_then(|b| sunday.years_since(b)).is_some_and(|age| age < 6);
        if !young || !w.complete {
            continue;
        }
        let mut daycare: Vec<Span> = spans(w).into_iter().filter(|s| s.daycare).collect();
        daycare.extend(place_spans(places, m.id, monday));
        for day in 0..7u8 {
            if let Some((first, last)) = uncovered_span(&adult_spans, &daycare, day) {
                let ids = adult_spans.iter().flatten().filter(|s| s.day == day && s.from <= last && first < s.to).map(|s| s.action_id);
                let entry = extra.entry((m.id, first, last)).or_insert_with(|| (Vec::new(), Vec::new(), w.name.clone()));
                entry.0.push(WEEKDAY_NAMES[usize::from(day)]);
                entry.1.extend(ids);
            }
        }
    }
    extra
        .into_iter()
        .map(|((id, first, last), (days, mut ids, name))| {
            ids.sort_unstable();
            ids.dedup();
            let message = format!(
                "{name} (under 6 år) har ingen pasning {} kl. {}–{}, mens alle voksne i familien er optaget.",
                join_days(&days),
                hhmm(first),
                hhmm(last + 1)
            );
            (id, Conflict { kind: "no_daycare".into(), person_id: id, message, action_ids: ids })
        })
        .collect()
}

/// A child's recorded daycare or school place (children and parents): the child is
/// looked after from `from` to `to` (inclusive), all day or in the daily hours given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The child.
    pub person_id: i64,
    /// First day.
    pub from: NaiveDate,
    /// Last day; `None` while it lasts.
    pub to: Option<NaiveDate>,
    /// Usual hours (`HH:MM`, `HH:MM`); `None`: the whole day counts as looked after.
    pub daily: Option<(String, String)>,
}

/// The spans of the week in which recorded places look after `child`.
fn place_spans(places: &[Place], child: i64, monday: NaiveDate) -> Vec<Span> {
    let mut out = Vec::new();
    for day in 0..7u8 {
        let on = monday + Duration::days(i64::from(day));
        for p in places.iter().filter(|p| p.person_id == child && p.from <= on && p.to.is_none_or(|t| on <= t)) {
            let (from, to) = p.daily.as_ref().map_or((0, 1440), |(f, t)| (minutes(f), minutes(t)));
            out.push(Span { day, from, to, action_id: 0, daycare: true });
        }
    }
    out
}

/// An entry's slot parsed once: day of the week (0 = Monday), minutes `[from, to)`.
#[derive(Debug, Clone, Copy)]
struct Span {
    day: u8,
    from: u32,
    to: u32,
    action_id: i64,
    daycare: bool,
}

/// A week's entries as spans (the date of an entry is its weekday in the week).
fn spans(w: &PersonWeek) -> Vec<Span> {
    w.entries
        .iter()
        .map(|e| Span {
            day: e.weekday.clamp(1, 7) - 1,
            from: minutes(&e.from),
            to: minutes(&e.to),
            action_id: e.action_id,
            daycare: e.department == DepartmentKind::DaycareAndSchool.code(),
        })
        .collect()
}

/// The first and last minute of `day` at which every adult is busy and the child is not
/// in daycare, by a sweep over the slots' boundaries: between two neighbouring
/// boundaries nobody's state changes, so testing each piece's first minute decides the
/// whole piece (the same minutes a walk over all 1 440 would find).
fn uncovered_span(adults: &[Vec<Span>], daycare: &[Span], day: u8) -> Option<(u32, u32)> {
    let on_day = |s: &&Span| s.day == day;
    let mut bounds: Vec<u32> = vec![0, 1440];
    for s in adults.iter().flatten().chain(daycare).filter(on_day) {
        bounds.extend([s.from.min(1440), s.to.min(1440)]);
    }
    bounds.sort_unstable();
    bounds.dedup();
    let busy = |spans: &[Span], min: u32| spans.iter().any(|s| s.day == day && s.from <= min && min < s.to);
    let mut found: Option<(u32, u32)> = None;
    for piece in bounds.windows(2) {
        let (start, end) = (piece[0], piece[1]);
        if adults.iter().all(|a| busy(a, start)) && !busy(daycare, start) {
            found = Some((found.map_or(start, |(first, _)| first), end - 1));
        }
    }
    found
}

fn minutes(hhmm: &str) -> u32 {
    super::document::minutes(hhmm).unwrap_or(0)
}

fn person_week(full: &PlanDocument, visible: &PlanDocument, m: &PersonRow, monday: NaiveDate, maximum: i64, duty: &Duty) -> PersonWeek {
    let sunday = monday + Duration::days(6);
    let mine = |doc: &PlanDocument| doc.actions().filter(|(g, a)| a.person(g) == Some(m.id)).count();
    let complete = mine(full) == mine(visible);
    let mut entries = Vec::new();
    let mut flexible = Vec::new();
    for (_, a) in visible.actions().filter(|(g, a)| a.person(g) == Some(m.id) && in_force(a, monday, sunday)) {
        for s in &a.slots {
            let date = monday + Duration::days(i64::from(s.weekday.clamp(1, 7)) - 1);
            if in_force(a, date, date) {
                entries.push(Entry {
                    action_id: a.id,
                    title: a.title.clone(),
                    department: a.department.clone(),
                    date: date.to_string(),
                    weekday: s.weekday,
                    from: s.from.clone(),
                    to: s.to.clone(),
                });
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
    let person = rules_person(m, full.education_orders.contains(&m.id), monday).map(|mut p| {
        p.reductions = duty.reductions_of(m.id);
        p
    });
    let date = crate::domain::calendar_day(monday);
    let minimum = person.zip(date).and_then(|(p, d)| {
        rules::weekly_hours(&duty.rules, &p, d).into_iter().find(|r| r.bound == rules::HoursBound::Minimum).map(|r| Minimum {
            hours: r.hours,
            title: r.title,
            confirmed: r.confirmed,
            reduced: r.reduced.map(|a| {
                let to = a.ends.map_or_else(|| "indtil videre".to_string(), |e| crate::persons::danish_date(&e.to_string()));
                format!("nedsat fra {} timer: {}, {}–{to}", a.from_hours, a.title, crate::persons::danish_date(&a.starts.to_string()))
            }),
        })
    });
    let ids: Vec<i64> = entries.iter().map(|e| e.action_id).chain(flexible.iter().map(|f| f.action_id)).collect();
    if complete {
        if let Some(Minimum { hours, title, reduced, .. }) = &minimum
            && total_hours + 1e-9 < f64::from(*hours)
        {
            let why = reduced.as_ref().map_or_else(|| title.clone(), |r| format!("{title}, {r}"));
            conflicts.push(Conflict {
                kind: "under_minimum".into(),
                person_id: m.id,
                message: format!("{name} har {total_hours:.1} timer i ugen; kravet er mindst {hours} timer ({why})."),
                action_ids: ids.clone(),
            });
        }
        if total_hours > maximum as f64 + 1e-9 {
            conflicts.push(Conflict {
                kind: "over_maximum".into(),
                person_id: m.id,
                message: format!("{name} har {total_hours:.1} timer i ugen; kommunens maksimum er {maximum} timer."),
                action_ids: ids,
            });
        }
    }
    PersonWeek { person_id: m.id, name, entries, flexible, total_hours, minimum, maximum, complete, conflicts }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plans::{Goal, Slot};
    use proptest::prelude::*;

    /// The former check, kept as the oracle: walks every minute of every day.
    fn daycare_gaps_by_minutes(members: &[PersonRow], weeks: &[PersonWeek], monday: NaiveDate) -> Vec<(i64, Conflict)> {
        let sunday = monday + Duration::days(6);
        let adults: Vec<&PersonWeek> = members.iter().zip(weeks).filter(|(m, _)| m.family_role == "adult").map(|(_, w)| w).collect();
        if adults.is_empty() || adults.iter().any(|w| !w.complete) {
            return Vec::new();
        }
        let mut extra: std::collections::BTreeMap<(i64, u32, u32), DaycareGap> = std::collections::BTreeMap::new();
        for (m, w) in members.iter().zip(weeks) {
            let young = crate::domain::stored_day(&m.birth_date).and_then(|b| sunday.years_since(b)).is_some_and(|age| age < 6);
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
                    let ids = adults
                        .iter()
                        .flat_map(|a| a.entries.iter().filter(|e| e.date == date && minutes(&e.from) <= *last && *first < minutes(&e.to)).map(|e| e.action_id));
                    let entry = extra.entry((m.id, *first, *last)).or_insert_with(|| (Vec::new(), Vec::new(), w.name.clone()));
                    entry.0.push(WEEKDAY_NAMES[usize::from(day)]);
                    entry.1.extend(ids);
                }
            }
        }
        extra
            .into_iter()
            .map(|((id, first, last), (days, mut ids, name))| {
                ids.sort_unstable();
                ids.dedup();
                let message = format!(
                    "{name} (under 6 år) har ingen pasning {} kl. {}–{}, mens alle voksne i familien er optaget.",
                    join_days(&days),
                    hhmm(first),
                    hhmm(last + 1)
                );
                (id, Conflict { kind: "no_daycare".into(), person_id: id, message, action_ids: ids })
            })
            .collect()
    }

    fn member(id: i64, role: &str, birth: &str) -> PersonRow {
        PersonRow {
            id,
            municipality_code: "0316".into(),
            family_id: Some(1),
            family_role: role.into(),
            cpr_encrypted: String::new(),
            given_name: format!("P{id}"),
            family_name: "Test".into(),
            birth_date: birth.into(),
            sex: "female".into(),
            languages: "ar".into(),
            nationality: "Syrien".into(),
            arrival_date: None,
            takeover_date: None,
            residence_basis: crate::domain::ResidenceBasis::Refugee,
            updated_at: String::new(),
            quota_refugee: 0,
            derived_takeover_date: None,
            takeover_missing: None,
        }
    }

    /// A slot on a 5-minute grid (sometimes ending at 24:00) so that slots often touch and overlap.
    fn slot() -> impl Strategy<Value = Slot> {
        (1u8..=7, 0u32..288, 1u32..=48).prop_map(|(weekday, start, len)| {
            let (from, to) = (start * 5, (start * 5 + len * 15).min(1440));
            Slot { weekday, from: hhmm(from), to: hhmm(to) }
        })
    }

    /// An action of one of the members: (member index, department index, slots).
    fn action() -> impl Strategy<Value = (usize, usize, Vec<Slot>)> {
        (0usize..5, 0usize..3, prop::collection::vec(slot(), 0..4))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn the_sweep_finds_exactly_the_gaps_the_minute_walk_finds(
            adults in 1usize..=2,
            children in prop::collection::vec(0i32..9, 0..=3),
            actions in prop::collection::vec(action(), 0..14),
        ) {
            let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
            let mut members: Vec<PersonRow> = (0..adults).map(|i| member(i as i64 + 1, "adult", "1990-05-01")).collect();
            for (i, age) in children.iter().enumerate() {
                members.push(member(10 + i as i64, "child", &format!("{}-06-15", 2026 - age)));
            }
            let departments = ["jobcenter", "dagtilbud_og_skole", "sprogcenter"];
            let goal_actions = actions.iter().enumerate().map(|(i, (who, dept, slots))| Action {
                id: i as i64 + 100,
                catalogue_code: None,
                title: format!("Indsats {i}"),
                department: departments[*dept].into(),
                responsible_user_id: None,
                responsible_name: String::new(),
                person_id: Some(members[who % members.len()].id),
                start_date: "2026-01-01".into(),
                end_date: None,
                slots: slots.clone(),
                weekly_hours: None,
                status: "active".into(),
                interpreter_language: None,
            }).collect();
            let plan = PlanDocument { goals: vec![Goal { id: 1, life_area: "sprog".into(), person_id: None, text: "Mål".into(), actions: goal_actions }], ..Default::default() };
            let weeks: Vec<PersonWeek> = members.iter().map(|m| person_week(&plan, &plan, m, monday, 48, &Duty::shipped())).collect();
            let swept = serde_json::to_value(daycare_gaps(&members, &weeks, &[], monday)).unwrap();
            let walked = serde_json::to_value(daycare_gaps_by_minutes(&members, &weeks, monday)).unwrap();
            prop_assert_eq!(swept, walked);
        }
    }

    #[test]
    fn a_gap_between_two_adult_slots_is_found_from_first_to_last_minute() {
        let span = |day, from, to, action_id, daycare| Span { day, from, to, action_id, daycare };
        let adults = vec![vec![span(0, 480, 720, 1, false)], vec![span(0, 600, 900, 2, false)]];
        let daycare = vec![span(0, 620, 640, 3, true)];
        assert_eq!(uncovered_span(&adults, &daycare, 0), Some((600, 719)));
        assert_eq!(uncovered_span(&adults, &daycare, 1), None);
    }
}
