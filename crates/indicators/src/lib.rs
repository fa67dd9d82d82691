//! Indicators for local goals and partnership benchmarking, as data.
//!
//! - **Definitions** are TOML data (`data/indicators.toml`, embedded:
//!   [`shipped`]): id, Danish name and definition, unit, direction, and a
//!   cohort and an outcome built from a closed vocabulary of [`Predicate`]s.
//!   A malformed file is refused with its line and reason ([`LoadError`]).
//! - **Records** are plain [`PersonRecord`]s the application fills from its
//!   own tables; nothing here does I/O or reads a clock.
//! - **Computation** ([`compute`]) gives numerator, denominator and value per
//!   month and municipality, broken down by sex, age band and residence basis.
//! - **Suppression** ([`suppress`], [`suppress_linked`]) hides every cell about
//!   1–4 persons and enough others that no hidden count can be worked out.
//! - **Expected versus actual** ([`partnership_expected`]) is indirect
//!   standardisation, for learning, never for ranking.
//! - **Local goals** ([`LocalGoal`]) and their chart ([`progress_svg`]).
//!
//! The decisions behind the suppression rule and the model are in
//! `docs/decisions/050-indicators-and-suppression.md`.
//!
//! # Example
//!
//! ```
//! use calendar::Date;
//! use indicators::{Month, PersonRecord, ResidenceBasis, Sex, Spell, StatusKind};
//!
//! let d = |s: &str| s.parse::<Date>().unwrap();
//! let set = indicators::shipped();
//! let daycare = set.iter().find(|i| i.id == "daycare_3_5").unwrap();
//!
//! let mut child = PersonRecord::new(1, "0101", Sex::Female, d("2022-02-01"),
//!     ResidenceBasis::FamilyReunifiedToRefugee, d("2025-06-01"));
//! child.spells.push(Spell { kind: StatusKind::Daycare, from: d("2025-08-01"), to: None });
//!
//! let month: Month = "2026-10".parse().unwrap();
//! let rows = indicators::compute(daycare, &[child], month);
//! assert_eq!(rows[0].total.denominator, 1);
//! assert_eq!(rows[0].total.numerator, 1);
//! // One child is too few to show: the cell is suppressed.
//! assert!(indicators::is_small(&rows[0].total));
//! ```

mod chart;
mod compute;
mod error;
mod expected;
mod goal;
mod load;
mod model;
mod month;
mod record;
mod suppress;

pub use chart::{danish_number, describe, persons_text, progress_svg, step_for, with_unit};
pub use compute::{Breakdown, Category, Cell, Evaluation, MunicipalityCells, anchor_date, categories_of, compute, compute_series, evaluate, measurement_day};
pub use error::{LoadError, LoadErrorKind};
pub use expected::{ExpectedVsActual, Observation, ReferenceRates, Stratum, expected_versus_actual, observations, partnership_expected};
pub use goal::{GoalError, GoalStatus, LocalGoal, ProgressPoint};
pub use load::parse_indicators;
pub use model::{Anchor, Direction, During, Indicator, Predicate, Reference, Unit};
pub use month::{Month, MonthError};
pub use record::{AgeBand, Event, EventKind, PersonRecord, ResidenceBasis, Sex, Spell, StatusKind, YearsBand, whole_months};
pub use suppress::{MIN_PERSONS, Mark, Position, Suppressed, Table, exposed, is_small, suppress, suppress_linked, suppress_with};

/// The shipped indicator file, embedded at build time.
pub const SHIPPED_FILE: &str = include_str!("../data/indicators.toml");

/// The shipped indicators, checked once.
///
/// # Panics
///
/// Never in a released build: `tests/loading.rs` loads the same file.
pub fn shipped() -> &'static [Indicator] {
    static SET: std::sync::OnceLock<Vec<Indicator>> = std::sync::OnceLock::new();
    SET.get_or_init(|| parse_indicators("indicators.toml", SHIPPED_FILE).unwrap_or_else(|e| panic!("the shipped indicators are invalid: {e}")))
}

/// The shipped indicator with this id.
pub fn find(id: &str) -> Option<&'static Indicator> {
    shipped().iter().find(|i| i.id == id)
}

/// The README's example, compiled and run as a doctest so it cannot go stale.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
