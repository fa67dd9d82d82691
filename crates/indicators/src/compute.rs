//! Computing an indicator: one person on one month ([`evaluate`]), and every
//! municipality with breakdowns by sex, age band and residence basis
//! ([`compute`]), as numerator, denominator and value per cell.
//!
//! Measurement rules, exactly:
//! - `end_of_month`: a person is measured on the month's last day if present
//!   in the municipality that day.
//! - `anniversary`: a person is measured on `anchor + months` (the
//!   `add_months` month-end rule) when that day falls in the month and the
//!   person is present that day; someone lacking the anchor is never counted.
//! - Cohort and outcome predicates are all evaluated on the measurement day.
//!   `during = "month"` means on at least one day from the first of the month
//!   up to the measurement day. Events count up to the measurement day only.
//! - Breakdowns use the person's sex, residence basis and age band on the
//!   measurement day, so every breakdown partitions the municipality's total.

use crate::model::{Anchor, During, Indicator, Predicate, Reference, Unit};
use crate::month::Month;
use crate::record::{AgeBand, PersonRecord, ResidenceBasis, Sex, StatusKind, whole_months};
use calendar::Date;
use std::collections::BTreeMap;

/// How one person fared on one indicator in one month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Evaluation {
    /// The day the person was measured.
    pub measured_on: Date,
    /// Whether the outcome held (for days indicators: was reached by then).
    pub outcome: bool,
    /// For days indicators with the outcome: days from the anchor to the
    /// first day the outcome held.
    pub days: Option<u32>,
}

/// A person's date for `anchor`, if the record has one.
pub fn anchor_date(person: &PersonRecord, anchor: Anchor) -> Option<Date> {
    match anchor {
        Anchor::Birth => Some(person.birth_date),
        Anchor::Entry => Some(person.entry_date),
        Anchor::Arrival => Some(person.arrival_date),
        Anchor::Takeover => person.takeover_date,
        Anchor::FirstEvent(kind) => person.first_event(kind),
    }
}

/// The day `person` is measured on in `month`, or `None` when they are not
/// in the month's cohort by the reference rule (not present, no anchor, or
/// the anniversary falls in another month). Cohort predicates are not checked.
pub fn measurement_day(indicator: &Indicator, person: &PersonRecord, month: Month) -> Option<Date> {
    let day = match indicator.reference {
        Reference::EndOfMonth => month.last_day(),
        Reference::Anniversary { anchor, months } => {
            let day = anchor_date(person, anchor)?.add_months(i64::from(months)).ok()?;
            if Month::of(day) != month {
                return None;
            }
            day
        }
    };
    person.present_on(day).then_some(day)
}

/// Evaluates one person: `None` when they are not in the cohort of `month`.
pub fn evaluate(indicator: &Indicator, person: &PersonRecord, month: Month) -> Option<Evaluation> {
    let day = measurement_day(indicator, person, month)?;
    let ctx = Context { person, day, month_start: month.first_day() };
    if !indicator.cohort.iter().all(|p| ctx.holds(p)) {
        return None;
    }
    if let (Unit::Days, Some(from)) = (indicator.unit, indicator.days_from) {
        let first = anchor_date(person, from).and_then(|start| indicator.outcome.first().and_then(|p| ctx.first_day(p, start)).map(|f| (start, f)));
        return Some(Evaluation { measured_on: day, outcome: first.is_some(), days: first.map(|(start, f)| start.days_until(f).max(0) as u32) });
    }
    Some(Evaluation { measured_on: day, outcome: indicator.outcome.iter().all(|p| ctx.holds(p)), days: None })
}

struct Context<'a> {
    person: &'a PersonRecord,
    day: Date,
    month_start: Date,
}

impl Context<'_> {
    fn anchor(&self, a: Anchor) -> Option<Date> {
        anchor_date(self.person, a)
    }

    fn in_status(&self, any_of: &[StatusKind], during: During) -> bool {
        self.person.spells.iter().any(|s| {
            any_of.contains(&s.kind)
                && match during {
                    During::Day => s.covers(self.day),
                    During::Month => s.overlaps(self.month_start.min(self.day), self.day),
                }
        })
    }

    /// The window `has_event` looks in, or `None` when an anchor is missing.
    fn event_window(&self, after: Option<Anchor>, within_months: Option<u32>, by: Option<Anchor>) -> Option<(Date, Date)> {
        let mut last = self.day;
        let first = match after {
            Some(a) => {
                let start = self.anchor(a)?;
                if let Some(m) = within_months {
                    last = last.min(start.add_months(i64::from(m)).ok()?);
                }
                start
            }
            None => Date::MIN,
        };
        if let Some(b) = by {
            last = last.min(self.anchor(b)?);
        }
        Some((first, last))
    }

    fn holds(&self, p: &Predicate) -> bool {
        match p {
            Predicate::AgeBetween { min, max } => (*min..=*max).contains(&self.person.age_on(self.day)),
            Predicate::Sex(any) => any.contains(&self.person.sex),
            Predicate::ResidenceBasis(any) => any.contains(&self.person.residence_basis),
            Predicate::InStatus { any_of, during } => self.in_status(any_of, *during),
            Predicate::HasEvent { kind, after, within_months, by } => self
                .event_window(*after, *within_months, *by)
                .is_some_and(|(first, last)| self.person.events.iter().any(|e| e.kind == *kind && first <= e.date && e.date <= last)),
            Predicate::MonthsSince { anchor, min, max } => self.anchor(*anchor).is_some_and(|a| {
                if a > self.day {
                    return false;
                }
                let m = whole_months(a, self.day);
                min.is_none_or(|min| m >= min) && max.is_none_or(|max| m <= max)
            }),
        }
    }

    /// The first day on or after `start` (and by the measurement day) on
    /// which a status or event predicate holds.
    fn first_day(&self, p: &Predicate, start: Date) -> Option<Date> {
        match p {
            Predicate::InStatus { any_of, .. } => self
                .person
                .spells
                .iter()
                .filter(|s| any_of.contains(&s.kind) && s.to.is_none_or(|to| to >= start))
                .map(|s| s.from.max(start))
                .filter(|d| *d <= self.day)
                .min(),
            Predicate::HasEvent { kind, after, within_months, by } => {
                let (first, last) = self.event_window(*after, *within_months, *by)?;
                self.person.events.iter().filter(|e| e.kind == *kind && e.date >= first.max(start) && e.date <= last).map(|e| e.date).min()
            }
            _ => None,
        }
    }
}

/// Counts behind one published value. All three are additive, so a total is
/// the sum of its parts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    /// Persons in the cohort.
    pub denominator: u64,
    /// Persons of the cohort with the outcome.
    pub numerator: u64,
    /// For days indicators: the sum of days over the persons with the
    /// outcome; otherwise 0.
    pub days_total: u64,
}

impl Cell {
    /// Adds one evaluated person.
    pub fn add(&mut self, e: &Evaluation) {
        self.denominator += 1;
        if e.outcome {
            self.numerator += 1;
            self.days_total += u64::from(e.days.unwrap_or(0));
        }
    }

    /// The sum of two cells.
    pub fn plus(self, other: Cell) -> Cell {
        Cell { denominator: self.denominator + other.denominator, numerator: self.numerator + other.numerator, days_total: self.days_total + other.days_total }
    }

    /// The value in `unit`: percent (`None` with no persons), count, or mean
    /// days (`None` when no one has the outcome).
    pub fn value(&self, unit: Unit) -> Option<f64> {
        match unit {
            Unit::Percent => (self.denominator > 0).then(|| 100.0 * self.numerator as f64 / self.denominator as f64),
            Unit::Count => Some(self.numerator as f64),
            Unit::Days => (self.numerator > 0).then(|| self.days_total as f64 / self.numerator as f64),
        }
    }
}

/// A way of splitting a municipality's cohort.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Breakdown {
    /// By sex.
    Sex,
    /// By age band.
    Age,
    /// By residence basis.
    Residence,
}

impl Breakdown {
    /// Every breakdown.
    pub const ALL: [Breakdown; 3] = [Breakdown::Sex, Breakdown::Age, Breakdown::Residence];

    /// The key used in exports and the API.
    pub fn key(self) -> &'static str {
        match self {
            Breakdown::Sex => "sex",
            Breakdown::Age => "age",
            Breakdown::Residence => "residence_basis",
        }
    }

    /// The Danish heading.
    pub fn label(self) -> &'static str {
        match self {
            Breakdown::Sex => "Køn",
            Breakdown::Age => "Aldersgruppe",
            Breakdown::Residence => "Opholdsgrundlag",
        }
    }

    /// The breakdown named `key`.
    pub fn from_key(key: &str) -> Option<Breakdown> {
        Breakdown::ALL.into_iter().find(|b| b.key() == key)
    }

    /// Its categories, in display order.
    pub fn categories(self) -> Vec<Category> {
        match self {
            Breakdown::Sex => Sex::ALL.iter().map(|s| Category::Sex(*s)).collect(),
            Breakdown::Age => AgeBand::ALL.iter().map(|a| Category::Age(*a)).collect(),
            Breakdown::Residence => ResidenceBasis::ALL.iter().map(|r| Category::Residence(*r)).collect(),
        }
    }
}

/// One category of one breakdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// A sex.
    Sex(Sex),
    /// An age band.
    Age(AgeBand),
    /// A residence basis.
    Residence(ResidenceBasis),
}

impl Category {
    /// The breakdown it belongs to.
    pub fn breakdown(self) -> Breakdown {
        match self {
            Category::Sex(_) => Breakdown::Sex,
            Category::Age(_) => Breakdown::Age,
            Category::Residence(_) => Breakdown::Residence,
        }
    }

    /// The key within its breakdown.
    pub fn key(self) -> &'static str {
        match self {
            Category::Sex(v) => v.key(),
            Category::Age(v) => v.key(),
            Category::Residence(v) => v.code(),
        }
    }

    /// The Danish label.
    pub fn label(self) -> &'static str {
        match self {
            Category::Sex(v) => v.label(),
            Category::Age(v) => v.label(),
            Category::Residence(v) => v.label(),
        }
    }
}

/// One municipality's cells for one indicator and month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MunicipalityCells {
    /// The municipality code.
    pub municipality: String,
    /// All persons in the cohort.
    pub total: Cell,
    /// One cell per category of every breakdown (empty categories included).
    pub by_category: BTreeMap<Category, Cell>,
}

impl MunicipalityCells {
    /// The cells of one breakdown, in display order.
    pub fn breakdown(&self, b: Breakdown) -> Vec<(Category, Cell)> {
        b.categories().into_iter().map(|c| (c, self.by_category.get(&c).copied().unwrap_or_default())).collect()
    }
}

/// The categories a person falls in on `day`.
pub fn categories_of(person: &PersonRecord, day: Date) -> [Category; 3] {
    [Category::Sex(person.sex), Category::Age(AgeBand::of_age(person.age_on(day))), Category::Residence(person.residence_basis)]
}

/// Computes `indicator` for `month`: one entry per municipality that has at
/// least one person in `persons` (even with an empty cohort), ordered by code.
pub fn compute(indicator: &Indicator, persons: &[PersonRecord], month: Month) -> Vec<MunicipalityCells> {
    compute_series(indicator, persons, month, month).pop().map(|(_, cells)| cells).unwrap_or_default()
}

/// The position of a category among every breakdown's categories (sex, then
/// age bands, then residence bases, each in display order).
fn slot(c: Category) -> usize {
    match c {
        Category::Sex(s) => s as usize,
        Category::Age(a) => Sex::ALL.len() + a as usize,
        Category::Residence(r) => Sex::ALL.len() + AgeBand::ALL.len() + r as usize,
    }
}

/// The only month a person can be in the cohort of, for indicators measured
/// on an anniversary (`None` for end-of-month indicators, which any month may
/// count, and `Some(None)` when the person lacks the anchor).
pub(crate) fn anniversary_month(indicator: &Indicator, person: &PersonRecord) -> Option<Option<Month>> {
    match indicator.reference {
        Reference::EndOfMonth => None,
        Reference::Anniversary { anchor, months } => Some(anchor_date(person, anchor).and_then(|a| a.add_months(i64::from(months)).ok()).map(Month::of)),
    }
}

/// [`compute`] for every month from `first` to `last`, both included.
///
/// One pass over the persons: each person is evaluated for the months of the
/// range (only the month of their anniversary for anniversary indicators),
/// and the counts go to flat arrays indexed by month, municipality and
/// category, so the result is exactly [`compute`]'s month by month.
pub fn compute_series(indicator: &Indicator, persons: &[PersonRecord], first: Month, last: Month) -> Vec<(Month, Vec<MunicipalityCells>)> {
    let months: Vec<Month> = first.through(last).collect();
    let mut codes: Vec<&str> = persons.iter().map(|p| p.municipality.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    let categories: Vec<Category> = Breakdown::ALL.iter().flat_map(|b| b.categories()).collect();
    let (n, width) = (codes.len(), categories.len());
    let mut totals = vec![Cell::default(); months.len() * n];
    let mut cells = vec![Cell::default(); months.len() * n * width];
    let mut add = |mi: usize, k: usize, person: &PersonRecord, e: &Evaluation| {
        let at = mi * n + k;
        totals[at].add(e);
        for c in categories_of(person, e.measured_on) {
            cells[at * width + slot(c)].add(e);
        }
    };
    let mut current: Option<(&str, usize)> = None;
    for person in persons {
        let k = match current {
            Some((code, k)) if code == person.municipality => k,
            _ => {
                let k = codes.binary_search(&person.municipality.as_str()).expect("every person's municipality is among the codes");
                current = Some((person.municipality.as_str(), k));
                k
            }
        };
        match anniversary_month(indicator, person) {
            Some(None) => {}
            Some(Some(month)) => {
                if let Some(mi) = months.iter().position(|m| *m == month)
                    && let Some(e) = evaluate(indicator, person, month)
                {
                    add(mi, k, person, &e);
                }
            }
            None => {
                for (mi, month) in months.iter().enumerate() {
                    if let Some(e) = evaluate(indicator, person, *month) {
                        add(mi, k, person, &e);
                    }
                }
            }
        }
    }
    months
        .iter()
        .enumerate()
        .map(|(mi, month)| {
            let rows = codes
                .iter()
                .enumerate()
                .map(|(k, code)| {
                    let at = mi * n + k;
                    MunicipalityCells {
                        municipality: (*code).to_owned(),
                        total: totals[at],
                        by_category: categories.iter().enumerate().map(|(j, c)| (*c, cells[at * width + j])).collect(),
                    }
                })
                .collect();
            (*month, rows)
        })
        .collect()
}
