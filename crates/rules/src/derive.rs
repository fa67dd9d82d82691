//! Deriving a person's deadlines from their facts, their events, a date
//! ("today") and the municipality's calendar. Pure: no clock, no I/O.

use crate::model::{AppliesTo, Benefit, EventKind, HoursBound, LegalSource, Measure, Programme, ResidenceBasis, Rule, TakeoverMethod};
use crate::ruleset::RuleSet;
use calendar::{Calendar, Date, DateError, Offset};

/// A deadline due within this many calendar days is "due soon".
pub const DUE_SOON_DAYS: i64 = 7;

/// Something that happened to the person, on a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Event {
    /// What happened.
    pub kind: EventKind,
    /// When.
    pub date: Date,
}

/// The facts about a person that the rules look at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// Date of birth.
    pub birth_date: Date,
    /// Legal basis of residence.
    pub residence: ResidenceBasis,
    /// The programme the person is in, if any.
    pub programme: Option<Programme>,
    /// The benefit the person receives, if any.
    pub benefit: Option<Benefit>,
    /// Self-supporting (not on public benefits).
    pub self_supporting: bool,
    /// Has an education order (uddannelsespålæg).
    pub education_order: bool,
    /// Meets the residence requirement (lawful residence 9 of the last 10 years).
    pub meets_residence_requirement: bool,
    /// Meets the employment requirement (about 2½ years of full-time work in the last 10).
    pub meets_employment_requirement: bool,
    /// Placed in the municipality by visitation (refugees other than quota
    /// refugees). Their takeover comes from the visitation decision, never
    /// from the CPR registration.
    pub visited: bool,
    /// In ordinary work or education (follow-up every 12 months, § 20, stk. 1).
    pub ordinary_work_or_education: bool,
    /// The day the person arrived in Denmark, when known (IGU residence limits).
    pub arrival_date: Option<Date>,
    /// The recorded takeover date (overtagelsesdato), when it is known; if not,
    /// it is derived from the visitation decision or the CPR registration.
    pub takeover_date: Option<Date>,
    /// What has happened, in any order. Events after "today" are ignored.
    pub events: Vec<Event>,
    /// Individually decided reductions of weekly hours (e.g. the work duty reduced for
    /// health reasons), applied by an `hours_reduction` rule of the same key.
    pub reductions: Vec<Reduction>,
}

/// A person's individually decided reduction of the weekly hours a minimum requires,
/// from `from` to `to` (inclusive; `None` until further notice).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reduction {
    /// The kind of reduction, matched with an `hours_reduction` rule's key (e.g. `health`).
    pub key: String,
    /// First day.
    pub from: Date,
    /// Last day, if the decision has one.
    pub to: Option<Date>,
    /// The weekly hours required instead.
    pub hours: u32,
}

impl Reduction {
    /// True when the reduction holds on `date`.
    pub fn holds_on(&self, date: Date) -> bool {
        self.from <= date && self.to.is_none_or(|to| date <= to)
    }
}

impl Person {
    /// A person with the given birth date and residence basis, in no programme,
    /// on no benefit, not self-supporting, meeting neither requirement, with no
    /// events; a refugee counts as visited (set `visited = false` for a quota refugee).
    pub fn new(birth_date: Date, residence: ResidenceBasis) -> Person {
        Person {
            birth_date,
            residence,
            programme: None,
            benefit: None,
            self_supporting: false,
            education_order: false,
            meets_residence_requirement: false,
            meets_employment_requirement: false,
            visited: residence == ResidenceBasis::Refugee,
            ordinary_work_or_education: false,
            arrival_date: None,
            takeover_date: None,
            events: Vec::new(),
            reductions: Vec::new(),
        }
    }

    /// Age in whole years on `date` (a 29 February birthday counts from 1 March).
    pub fn age_on(&self, date: Date) -> u32 {
        let mut age = date.year() - self.birth_date.year();
        if (date.month(), date.day()) < (self.birth_date.month(), self.birth_date.day()) {
            age -= 1;
        }
        age.max(0) as u32
    }

    /// The earliest event of `kind` on or before `today`.
    fn first(&self, kind: EventKind, today: Date) -> Option<Date> {
        self.dates(kind, today).min()
    }

    fn dates(&self, kind: EventKind, today: Date) -> impl Iterator<Item = Date> + '_ {
        self.events.iter().filter(move |e| e.kind == kind && e.date <= today).map(|e| e.date)
    }
}

impl AppliesTo {
    /// True when `person` is covered on `date` (age is taken on that date).
    pub fn matches(&self, person: &Person, date: Date) -> bool {
        fn listed<T: PartialEq>(list: &[T], value: T) -> bool {
            list.is_empty() || list.contains(&value)
        }
        fn optional<T: PartialEq>(list: &[T], value: Option<T>) -> bool {
            list.is_empty() || value.is_some_and(|v| list.contains(&v))
        }
        let flag = |want: Option<bool>, have: bool| want.is_none_or(|w| w == have);
        let age = person.age_on(date);
        listed(&self.residence, person.residence)
            && !self.residence_excluded.contains(&person.residence)
            && optional(&self.programme, person.programme)
            && optional(&self.benefit, person.benefit)
            && self.age_min.is_none_or(|min| age >= min)
            && self.age_max.is_none_or(|max| age <= max)
            && flag(self.self_supporting, person.self_supporting)
            && flag(self.education_order, person.education_order)
            && flag(self.lacks_residence_and_employment_requirement, !person.meets_residence_requirement && !person.meets_employment_requirement)
            && flag(self.in_programme, person.programme.is_some())
            && flag(self.visited, person.visited)
            && flag(self.ordinary_work_or_education, person.ordinary_work_or_education)
    }
}

/// Where a deadline stands on the evaluation date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Not met, due more than [`DUE_SOON_DAYS`] days from now.
    Upcoming,
    /// Not met, due today or within [`DUE_SOON_DAYS`] days.
    DueSoon {
        /// Calendar days until the due date (0 = today).
        days_left: u32,
    },
    /// Not met, and the due date has passed.
    Overdue {
        /// Calendar days since the due date.
        days_overdue: u32,
    },
    /// Met.
    Met {
        /// The day it was met.
        on: Date,
        /// True when met on or before the due date.
        in_time: bool,
    },
}

impl Status {
    /// The status of a deadline due on `due`, met on `met` (if it was), seen on `today`.
    pub fn of(due: Date, met: Option<Date>, today: Date) -> Status {
        if let Some(on) = met {
            return Status::Met { on, in_time: on <= due };
        }
        let left = today.days_until(due);
        if left < 0 {
            Status::Overdue { days_overdue: (-left) as u32 }
        } else if left <= DUE_SOON_DAYS {
            Status::DueSoon { days_left: left as u32 }
        } else {
            Status::Upcoming
        }
    }

    /// The Danish label shown in lists.
    pub fn danish_label(self) -> &'static str {
        match self {
            Status::Upcoming => "kommende",
            Status::DueSoon { .. } => "forfalder inden for 7 dage",
            Status::Overdue { .. } => "overskredet",
            Status::Met { in_time: true, .. } => "opfyldt rettidigt",
            Status::Met { in_time: false, .. } => "opfyldt for sent",
        }
    }
}

/// How many of the required events have happened (recurring rules).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Events so far within the period and up to today.
    pub done: u32,
    /// Events required.
    pub required: u32,
}

/// One deadline of one person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deadline {
    /// The rule applied.
    pub rule_id: String,
    /// The version of the rule applied.
    pub rule_version: u32,
    /// The rule's Danish title.
    pub title: String,
    /// The legal source.
    pub source: LegalSource,
    /// False when the rule's value is still to be confirmed ("skal bekræftes").
    pub confirmed: bool,
    /// The date the deadline counts from (the trigger's date).
    pub counts_from: Date,
    /// The due date, already moved to a working day.
    pub due: Date,
    /// Where it stands on the evaluation date.
    pub status: Status,
    /// For recurring rules: how many events so far.
    pub progress: Option<Progress>,
}

/// A right or a course that lasts a while (DU for 5 years, IGU for 2 years).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodEnd {
    /// The rule applied.
    pub rule_id: String,
    /// The version of the rule applied.
    pub rule_version: u32,
    /// The rule's Danish title.
    pub title: String,
    /// The legal source.
    pub source: LegalSource,
    /// False when the rule's value is still to be confirmed.
    pub confirmed: bool,
    /// First day of the period.
    pub starts: Date,
    /// Last day of the period (the start plus the length; not moved).
    pub ends: Date,
}

/// A weekly-hours requirement in force for the person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoursRequirement {
    /// The rule applied.
    pub rule_id: String,
    /// The version of the rule applied.
    pub rule_version: u32,
    /// The rule's Danish title.
    pub title: String,
    /// Hours a week.
    pub hours: u32,
    /// Floor or ceiling.
    pub bound: HoursBound,
    /// Measured as an average rather than every week.
    pub averaged: bool,
    /// False when the value is still to be confirmed.
    pub confirmed: bool,
    /// For a minimum lowered by the person's reduction: the rule's own hours and the
    /// reduction rule applied.
    pub reduced: Option<AppliedReduction>,
}

/// A reduction applied to a weekly-hours minimum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppliedReduction {
    /// The hours the minimum rule requires without the reduction.
    pub from_hours: u32,
    /// The `hours_reduction` rule applied.
    pub rule_id: String,
    /// Its version.
    pub rule_version: u32,
    /// Its Danish title.
    pub title: String,
    /// The person's reduction: first day.
    pub starts: Date,
    /// The person's reduction: last day, if any.
    pub ends: Option<Date>,
}

/// How the takeover date used for the deadlines was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TakeoverSource {
    /// Recorded on the person (e.g. taken over earlier with consent).
    Recorded,
    /// Derived by the rule with this id.
    Derived {
        /// The takeover rule applied.
        rule_id: String,
    },
}

/// The takeover date every takeover-based deadline counts from. It is a fact
/// about the person, not a deadline: it has no status and is never overdue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Takeover {
    /// The date.
    pub date: Date,
    /// How it was found.
    pub source: TakeoverSource,
    /// The date the takeover rule gives, with the rule (also when a date is
    /// recorded, e.g. an earlier takeover with the refugee's consent).
    pub by_rule: Option<RuleTakeover>,
}

/// The takeover date as a takeover rule derives it from its trigger.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleTakeover {
    /// The rule applied.
    pub rule_id: String,
    /// The version applied (the one valid on the trigger's date).
    pub rule_version: u32,
    /// The legal source of that version.
    pub source: LegalSource,
    /// The trigger's date (visitation decision or CPR registration).
    pub counts_from: Date,
    /// The takeover date it gives.
    pub date: Date,
}

/// A fact the rules need but the case does not have: a takeover rule applies
/// to the person, but the event it counts from is not recorded (e.g. a
/// refugee placed by visitation without the visitation decision's date).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingEvent {
    /// The takeover rule that cannot be applied.
    pub rule_id: String,
    /// The event whose date is missing.
    pub event: EventKind,
}

/// A rule that applies but whose date could not be computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The rule.
    pub rule_id: String,
    /// Why (in practice: the date falls after 2200).
    pub error: DateError,
}

/// Everything derived for one person on one day.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Derivation {
    /// The takeover date used, if there is one.
    pub takeover: Option<Takeover>,
    /// Events a takeover rule needs but the case lacks (only when there is no takeover).
    pub missing: Vec<MissingEvent>,
    /// Deadlines, sorted by due date then rule id.
    pub deadlines: Vec<Deadline>,
    /// Periods (rights, courses), sorted by end date.
    pub periods: Vec<PeriodEnd>,
    /// Weekly-hours requirements in force today: the highest minimum and any maximums.
    pub weekly_hours: Vec<HoursRequirement>,
    /// Rules that apply but could not be computed.
    pub problems: Vec<Problem>,
}

/// The takeover date for a visitation decision on `decision`: the 1st of the
/// month after the first whole calendar month after the decision, moved to
/// the next working day when it is a weekend or helligdag (decision 15 March
/// → April → 1 May). A municipality's own closed days do not move it, so it
/// takes no municipal calendar.
pub fn takeover_after_visitation(decision: Date) -> Result<Date, DateError> {
    // The month after the decision's month is the first whole month after it
    // (a decision on the 1st is made during that month, not before it).
    let first = decision.first_of_month().add_months(2)?;
    Calendar::new().working_day_on_or_after(first)
}

/// The person's takeover date on `today`: the recorded one, else the one a
/// takeover rule derives (visitation before CPR registration), with the rule's
/// date alongside. `problems` collects dates that cannot be computed.
fn find_takeover(rules: &RuleSet, person: &Person, today: Date, problems: &mut Vec<Problem>) -> (Option<Takeover>, Vec<MissingEvent>) {
    let recorded = person.takeover_date.or_else(|| person.first(EventKind::Takeover, today));
    // Visitation (the 1st after a whole month) wins over CPR registration.
    let rank = |m: TakeoverMethod| match m {
        TakeoverMethod::AfterFirstWholeMonth => 0,
        TakeoverMethod::SameDay => 1,
    };
    let mut derived: Option<(u8, RuleTakeover)> = None;
    let mut missing: Vec<MissingEvent> = Vec::new();
    for rule in rules.rules().iter().filter(|r| r.enabled) {
        let Measure::Takeover { method } = rule.measure else {
            continue;
        };
        let Some(trigger) = rule.trigger else { continue };
        let Some(from) = person.first(trigger, today) else {
            // The rule covers the person, but its event is not recorded.
            if rule.applies_to.matches(person, today) && !missing.iter().any(|m| m.rule_id == rule.id) {
                missing.push(MissingEvent { rule_id: rule.id.clone(), event: trigger });
            }
            continue;
        };
        if !rule.is_valid_on(from) || !rule.applies_to.matches(person, from) {
            continue;
        }
        let date = match method {
            TakeoverMethod::AfterFirstWholeMonth => takeover_after_visitation(from),
            TakeoverMethod::SameDay => Ok(from),
        };
        match date {
            Ok(date) if derived.as_ref().is_none_or(|(r, _)| rank(method) < *r) => {
                derived = Some((
                    rank(method),
                    RuleTakeover { rule_id: rule.id.clone(), rule_version: rule.version, source: rule.source.clone(), counts_from: from, date },
                ));
            }
            Ok(_) => {}
            Err(error) => problems.push(Problem { rule_id: rule.id.clone(), error }),
        }
    }
    let by_rule = derived.map(|(_, t)| t);
    // A rule whose event is missing matters only when nothing else gives a date.
    missing.retain(|m| by_rule.as_ref().is_none_or(|t| t.rule_id != m.rule_id));
    let takeover = match (recorded, by_rule) {
        (Some(date), by_rule) => Some(Takeover { date, source: TakeoverSource::Recorded, by_rule }),
        (None, Some(t)) => Some(Takeover { date: t.date, source: TakeoverSource::Derived { rule_id: t.rule_id.clone() }, by_rule: Some(t) }),
        (None, None) => None,
    };
    if takeover.is_some() {
        missing.clear();
    }
    (takeover, missing)
}

/// The person's takeover date on `today` (recorded, or derived by the takeover
/// rules), without the deadlines that count from it.
pub fn takeover(rules: &RuleSet, person: &Person, today: Date) -> Option<Takeover> {
    find_takeover(rules, person, today, &mut Vec::new()).0
}

/// Derives `person`'s deadlines under `rules` as they stand on `today`.
///
/// ```
/// use calendar::{Calendar, Date};
/// use rules::{Event, EventKind, Person, Programme, ResidenceBasis, RuleSet, Status};
///
/// let d = |s: &str| s.parse::<Date>().unwrap();
/// let mut person = Person::new(d("1990-06-01"), ResidenceBasis::Refugee);
/// person.programme = Some(Programme::Introduktionsprogram);
/// person.takeover_date = Some(d("2026-01-31"));
/// person.events.push(Event { kind: EventKind::ContractSigned, date: d("2026-02-20") });
///
/// let out = rules::derive(RuleSet::shipped(), &person, d("2026-11-23"), &Calendar::new());
/// let contract = out.deadlines.iter().find(|x| x.rule_id == "contract.deadline").unwrap();
/// assert_eq!(contract.due, d("2026-03-02")); // 28 Feb 2026 is a Saturday
/// assert_eq!(contract.status, Status::Met { on: d("2026-02-20"), in_time: true });
/// ```
pub fn derive(rules: &RuleSet, person: &Person, today: Date, calendar: &Calendar) -> Derivation {
    let mut out = Derivation::default();
    let enabled = || rules.rules().iter().filter(|r| r.enabled);

    // 1. The takeover date: recorded, or derived (visitation before registration).
    // It is a fact the deadlines count from, not a deadline of its own.
    let (found, missing) = find_takeover(rules, person, today, &mut out.problems);
    out.takeover = found;
    out.missing = missing;
    let takeover = out.takeover.as_ref().map(|t| t.date);

    // 2. Every other rule that counts from a trigger.
    for rule in enabled() {
        let from = match rule.trigger {
            Some(EventKind::Takeover) => takeover,
            Some(kind) => person.first(kind, today),
            None => None,
        };
        let Some(from) = from else { continue };
        if !rule.is_valid_on(from) || !rule.applies_to.matches(person, from) {
            continue;
        }
        let result = match &rule.measure {
            Measure::Deadline { offset, met_by } => calendar.due_date(from, *offset).map(|due| {
                let met = person.first(*met_by, today);
                out.deadlines.push(deadline(rule, from, due, Status::of(due, met, today), None));
            }),
            Measure::Recurring { count, within, met_by } => calendar.due_date(from, *within).map(|due| {
                let mut dates: Vec<Date> = person.dates(*met_by, today).filter(|d| *d >= from).collect();
                dates.sort();
                let met = dates.get(*count as usize - 1).copied();
                let progress = Progress { done: (dates.iter().filter(|d| **d <= due).count() as u32).min(*count), required: *count };
                out.deadlines.push(deadline(rule, from, due, Status::of(due, met, today), Some(progress)));
            }),
            Measure::MaxGap { gap, met_by } => {
                let last = person.dates(*met_by, today).filter(|d| *d >= from).max();
                calendar.due_date(last.unwrap_or(from), *gap).map(|due| {
                    out.deadlines.push(deadline(rule, from, due, Status::of(due, None, today), None));
                })
            }
            Measure::Period { length } => period_end(from, *length, calendar).map(|ends| {
                out.periods.push(PeriodEnd {
                    rule_id: rule.id.clone(),
                    rule_version: rule.version,
                    title: rule.title.clone(),
                    source: rule.source.clone(),
                    confirmed: rule.confirmed,
                    starts: from,
                    ends,
                });
            }),
            _ => Ok(()),
        };
        if let Err(error) = result {
            out.problems.push(Problem { rule_id: rule.id.clone(), error });
        }
    }
    out.deadlines.sort_by(|a, b| (a.due, &a.rule_id).cmp(&(b.due, &b.rule_id)));
    out.periods.sort_by(|a, b| (a.ends, &a.rule_id).cmp(&(b.ends, &b.rule_id)));
    out.weekly_hours = weekly_hours(rules, person, today);
    out
}

/// The weekly-hours rules in force for `person` on `date`: the highest
/// minimum (if any) followed by every maximum. A rule with a trigger holds
/// once that event has happened (the takeover: recorded or derived); a rule
/// with `during` holds only within that period rule's period for the person.
pub fn weekly_hours(rules: &RuleSet, person: &Person, date: Date) -> Vec<HoursRequirement> {
    let takeover = takeover(rules, person, date).map(|t| t.date);
    let mut minimum: Option<HoursRequirement> = None;
    let mut maximums = Vec::new();
    for rule in rules.rules().iter().filter(|r| r.enabled && r.is_valid_on(date)) {
        let Measure::WeeklyHours { hours, bound, averaged } = rule.measure else {
            continue;
        };
        let triggered = match rule.trigger {
            None => true,
            Some(EventKind::Takeover) => takeover.is_some_and(|t| t <= date),
            Some(kind) => person.first(kind, date).is_some(),
        };
        if !triggered || !rule.applies_to.matches(person, date) {
            continue;
        }
        let mut confirmed = rule.confirmed;
        if let Some(id) = &rule.during {
            match period_of(rules, id, person, takeover, date) {
                Some((starts, ends, period_confirmed)) if starts <= date && date <= ends => {
                    confirmed &= period_confirmed;
                }
                _ => continue,
            }
        }
        let req = HoursRequirement {
            rule_id: rule.id.clone(),
            rule_version: rule.version,
            title: rule.title.clone(),
            hours,
            bound,
            averaged,
            confirmed,
            reduced: None,
        };
        match bound {
            HoursBound::Minimum if minimum.as_ref().is_none_or(|m| hours > m.hours) => {
                minimum = Some(reduce(rules, person, date, &rule.area, req));
            }
            HoursBound::Minimum => {}
            HoursBound::Maximum => maximums.push(req),
        }
    }
    minimum.into_iter().chain(maximums).collect()
}

/// `req`, a minimum of a rule in `area`, lowered by the person's reduction in force on
/// `date` when an `hours_reduction` rule of the same area and key applies to them.
fn reduce(rules: &RuleSet, person: &Person, date: Date, area: &str, mut req: HoursRequirement) -> HoursRequirement {
    for rule in rules.rules().iter().filter(|r| r.enabled && r.area == area && r.is_valid_on(date)) {
        let Measure::HoursReduction { key } = &rule.measure else {
            continue;
        };
        if !rule.applies_to.matches(person, date) {
            continue;
        }
        let lowest = person.reductions.iter().filter(|r| &r.key == key && r.holds_on(date)).min_by_key(|r| r.hours);
        if let Some(r) = lowest
            && r.hours < req.hours
        {
            let from_hours = req.reduced.as_ref().map_or(req.hours, |a| a.from_hours);
            req.hours = r.hours;
            req.confirmed &= rule.confirmed;
            req.reduced = Some(AppliedReduction {
                from_hours,
                rule_id: rule.id.clone(),
                rule_version: rule.version,
                title: rule.title.clone(),
                starts: r.from,
                ends: r.to,
            });
        }
    }
    req
}

/// The period of period rule `id` for the person as known on `today`: first
/// and last day, and whether the rule's value is confirmed.
fn period_of(rules: &RuleSet, id: &str, person: &Person, takeover: Option<Date>, today: Date) -> Option<(Date, Date, bool)> {
    rules.rules().iter().filter(|r| r.enabled && r.id == id).find_map(|rule| {
        let Measure::Period { length } = rule.measure else {
            return None;
        };
        let from = match rule.trigger? {
            EventKind::Takeover => takeover?,
            kind => person.first(kind, today)?,
        };
        if !rule.is_valid_on(from) || !rule.applies_to.matches(person, from) {
            return None;
        }
        let ends = period_end(from, length, &Calendar::new()).ok()?;
        Some((from, ends, rule.confirmed))
    })
}

/// Whether a person may start a course on `start` under the version of
/// eligibility rule `id` in force on that date (e.g. `igu.eligibility`: an
/// IGU started in 2020 is judged by the rules of 2020).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Eligibility {
    /// The rule applied.
    pub rule_id: String,
    /// The version applied.
    pub rule_version: u32,
    /// Why the person is not eligible, in Danish; empty when eligible.
    pub reasons: Vec<String>,
}

impl Eligibility {
    /// True when no condition failed.
    pub fn eligible(&self) -> bool {
        self.reasons.is_empty()
    }
}

/// Judges `person` against eligibility rule `id` on `start`; `None` when no
/// version of the rule is in force on that date.
pub fn eligibility(rules: &RuleSet, id: &str, person: &Person, start: Date) -> Option<Eligibility> {
    let rule = rules.get(id, start).filter(|r| r.enabled)?;
    let Measure::Eligibility { residence_less_than, residence_at_most } = rule.measure else {
        return None;
    };
    let mut reasons = Vec::new();
    let a = &rule.applies_to;
    if !a.residence.is_empty() && !a.residence.contains(&person.residence) || a.residence_excluded.contains(&person.residence) {
        reasons.push("opholdsgrundlaget er ikke omfattet".to_owned());
    }
    let age = person.age_on(start);
    if let Some(min) = a.age_min.filter(|min| age < *min) {
        reasons.push(format!("under {min} år ved start"));
    }
    if let Some(max) = a.age_max.filter(|max| age > *max) {
        reasons.push(format!("over {max} år ved start"));
    }
    let add = |from: Date, offset: Offset| match offset {
        Offset::Months(n) => from.add_months(i64::from(n)),
        Offset::Days(n) => from.add_days(i64::from(n)),
        Offset::WorkingDays(n) => Calendar::new().add_working_days(from, n),
        Offset::Hours(n) => from.add_days(i64::from(n.div_ceil(24))),
    };
    if residence_less_than.is_some() || residence_at_most.is_some() {
        match person.arrival_date {
            None => reasons.push("ankomstdatoen mangler".to_owned()),
            Some(arrival) => {
                if let Some(limit) = residence_less_than
                    && add(arrival, limit).is_ok_and(|end| start >= end)
                {
                    reasons.push(format!("ophold i Danmark på {} eller mere ved start", span_text(limit)));
                }
                if let Some(limit) = residence_at_most
                    && add(arrival, limit).is_ok_and(|end| start > end)
                {
                    reasons.push(format!("ophold i Danmark på mere end {} ved start", span_text(limit)));
                }
            }
        }
    }
    Some(Eligibility { rule_id: rule.id.clone(), rule_version: rule.version, reasons })
}

/// "5 år" for whole years, else the offset's own Danish text.
fn span_text(offset: Offset) -> String {
    match offset {
        Offset::Months(n) if n % 12 == 0 => format!("{} år", n / 12),
        other => other.to_string(),
    }
}

fn period_end(start: Date, length: Offset, calendar: &Calendar) -> Result<Date, DateError> {
    // A period of one month from 15 March runs to 14 April: the day before the
    // same date in the month the length reaches.
    let after = match length {
        Offset::Months(n) => start.add_months(i64::from(n))?,
        Offset::Days(n) => start.add_days(i64::from(n))?,
        Offset::WorkingDays(n) => calendar.add_working_days(start, n)?,
        Offset::Hours(n) => start.add_days(i64::from(n.div_ceil(24)))?,
    };
    after.add_days(-1)
}

fn deadline(rule: &Rule, from: Date, due: Date, status: Status, progress: Option<Progress>) -> Deadline {
    Deadline {
        rule_id: rule.id.clone(),
        rule_version: rule.version,
        title: rule.title.clone(),
        source: rule.source.clone(),
        confirmed: rule.confirmed,
        counts_from: from,
        due,
        status,
        progress,
    }
}
