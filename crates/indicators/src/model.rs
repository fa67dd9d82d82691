//! What an indicator is: a cohort (who is counted in the denominator, and on
//! which day) and an outcome (who of them is counted in the numerator), both
//! built from a small closed vocabulary of [`Predicate`]s.
//!
//! These are plain values; the TOML shape lives in `load.rs`. A new indicator
//! is a new entry in `data/indicators.toml`, not new code; a new *kind* of
//! predicate is code, which keeps evaluation exhaustive and testable.

use crate::record::{EventKind, ResidenceBasis, Sex, StatusKind};

/// What an indicator's value measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// The share of the cohort with the outcome, in percent (0–100).
    Percent,
    /// The number of persons in the cohort with the outcome.
    Count,
    /// The mean number of days from the cohort's anchor to the first day the
    /// outcome held, over the persons with the outcome.
    Days,
}

impl Unit {
    /// Every unit.
    pub const ALL: [Unit; 3] = [Unit::Percent, Unit::Count, Unit::Days];

    /// The key used in indicator files.
    pub fn key(self) -> &'static str {
        match self {
            Unit::Percent => "percent",
            Unit::Count => "count",
            Unit::Days => "days",
        }
    }

    /// The Danish unit shown after a value.
    pub fn label(self) -> &'static str {
        match self {
            Unit::Percent => "%",
            Unit::Count => "personer",
            Unit::Days => "dage",
        }
    }
}

/// Which way is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// A higher value is better.
    HigherIsBetter,
    /// A lower value is better.
    LowerIsBetter,
}

impl Direction {
    /// The key used in indicator files.
    pub fn key(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "higher_is_better",
            Direction::LowerIsBetter => "lower_is_better",
        }
    }

    /// The Danish phrase.
    pub fn label(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "Højere er bedre",
            Direction::LowerIsBetter => "Lavere er bedre",
        }
    }
}

/// A date in a person's record that a rule can count from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// Date of birth.
    Birth,
    /// First arrival in Denmark.
    Entry,
    /// Arrival in the municipality.
    Arrival,
    /// The takeover date (a person without one has no anchor).
    Takeover,
    /// The first event of this kind (a person without one has no anchor).
    FirstEvent(EventKind),
}

impl Anchor {
    /// The fixed anchors by key; any [`EventKind`] key is an anchor too.
    pub const FIXED: [(&'static str, Anchor); 4] =
        [("birth", Anchor::Birth), ("entry", Anchor::Entry), ("arrival", Anchor::Arrival), ("takeover", Anchor::Takeover)];

    /// The key used in indicator files.
    pub fn key(self) -> &'static str {
        match self {
            Anchor::Birth => "birth",
            Anchor::Entry => "entry",
            Anchor::Arrival => "arrival",
            Anchor::Takeover => "takeover",
            Anchor::FirstEvent(kind) => kind.key(),
        }
    }

    /// The anchor named `key`, if any.
    pub fn from_key(key: &str) -> Option<Anchor> {
        Anchor::FIXED.iter().find(|(k, _)| *k == key).map(|(_, a)| *a).or_else(|| EventKind::from_key(key).map(Anchor::FirstEvent))
    }
}

/// On which day a person is measured, and so who is in the cohort of a month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reference {
    /// A stock: everyone present on the last day of the month, measured then.
    EndOfMonth,
    /// A flow: everyone whose `anchor + months` falls in the month and who is
    /// present on that day, measured on that day. Each person is in the
    /// cohort of exactly one month.
    Anniversary {
        /// What is counted from.
        anchor: Anchor,
        /// How many months after it the person is measured (0 = on the anchor day).
        months: u32,
    },
}

/// Over which days a status must hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum During {
    /// On the measurement day.
    Day,
    /// On at least one day of the reference month.
    Month,
}

/// One condition on a person, evaluated on the measurement day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Predicate {
    /// Age in whole years on the measurement day is in `min..=max`.
    AgeBetween {
        /// Youngest.
        min: u32,
        /// Oldest.
        max: u32,
    },
    /// Sex is one of these.
    Sex(Vec<Sex>),
    /// Residence basis is one of these.
    ResidenceBasis(Vec<ResidenceBasis>),
    /// In at least one of these statuses (on the day, or during the month).
    InStatus {
        /// The statuses.
        any_of: Vec<StatusKind>,
        /// Over which days.
        during: During,
    },
    /// Has an event of `kind` between two bounds, both included: from the
    /// `after` anchor (if given) up to the earliest of `after + within_months`
    /// (if given), the `by` anchor (if given) and the measurement day. A
    /// person lacking a named anchor does not satisfy the predicate.
    HasEvent {
        /// The event.
        kind: EventKind,
        /// The lower bound.
        after: Option<Anchor>,
        /// Months after `after` that still count.
        within_months: Option<u32>,
        /// The upper bound.
        by: Option<Anchor>,
    },
    /// Whole months from the anchor to the measurement day are in `min..=max`
    /// (open ends when not given). A person without the anchor fails.
    MonthsSince {
        /// What is counted from.
        anchor: Anchor,
        /// Fewest months.
        min: Option<u32>,
        /// Most months.
        max: Option<u32>,
    },
}

impl Predicate {
    /// The predicate keys indicator files may use.
    pub const KEYS: [&'static str; 6] = ["age_between", "sex", "residence_basis", "in_status", "has_event", "months_since"];
}

/// A shipped (or municipality-supplied) indicator definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Indicator {
    /// Stable identifier (lower-case letters, digits, `_`).
    pub id: String,
    /// Danish name.
    pub name: String,
    /// Plain Danish definition of numerator and denominator.
    pub definition: String,
    /// What the value measures.
    pub unit: Unit,
    /// Which way is better.
    pub direction: Direction,
    /// On which day each person is measured.
    pub reference: Reference,
    /// Who is counted (all must hold).
    pub cohort: Vec<Predicate>,
    /// Who of the cohort has the outcome (all must hold).
    pub outcome: Vec<Predicate>,
    /// For [`Unit::Days`]: the first day counted from the cohort's anchor to
    /// is the first day the outcome holds; `None` for other units.
    pub days_from: Option<Anchor>,
}

impl Indicator {
    /// Whether the expected-versus-actual model applies: only to shares.
    pub fn comparable(&self) -> bool {
        self.unit == Unit::Percent
    }
}
