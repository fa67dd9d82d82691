//! Expected versus actual: what a municipality's share would be if each of
//! its persons fared like comparable persons across the reference group
//! (the partnership, or all municipalities), shown beside what it is.
//!
//! # The model (indirect standardisation)
//!
//! Persons are split into strata by residence basis × age band × sex × time
//! in Denmark (see [`Stratum`]). From the reference group, each stratum's
//! rate is its persons with the outcome divided by its persons. A
//! municipality's *expected* share is the mean of those rates over its own
//! persons — the share it would have if its composition were the same but
//! every stratum did as well as the reference group. A stratum the reference
//! group has no one in gets the reference group's overall rate.
//!
//! The *ratio* actual ÷ expected is above 1 where the municipality does better
//! than its composition predicts. The model only adjusts for those four
//! traits; local labour markets, housing and everything else are not in it.
//!
//! This is for learning, not ranking: it shows where a municipality's result
//! differs from what its population would lead one to expect, as a reason to
//! ask colleagues "what do you do?" — never as a league table. Nothing here
//! sorts municipalities by result.

use crate::compute::{Cell, anniversary_month, evaluate};
use crate::model::Indicator;
use crate::month::Month;
use crate::record::{AgeBand, PersonRecord, ResidenceBasis, Sex, YearsBand, whole_months};
use crate::suppress::is_small;
use std::collections::{BTreeMap, HashMap};

/// The traits the expected value adjusts for, on the measurement day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Stratum {
    /// Residence basis.
    pub residence_basis: ResidenceBasis,
    /// Age band.
    pub age: AgeBand,
    /// Sex.
    pub sex: Sex,
    /// Time in Denmark since the entry date.
    pub years: YearsBand,
}

/// One person measured once: where they live, their stratum, their outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Observation {
    /// The municipality code.
    pub municipality: String,
    /// The person's stratum on the measurement day.
    pub stratum: Stratum,
    /// Whether the outcome held.
    pub outcome: bool,
}

/// Every person in the cohort of `indicator` in any month from `first` to
/// `last` (both included), once per month they are in it. Pooling months
/// gives the model enough persons per stratum.
pub fn observations(indicator: &Indicator, persons: &[PersonRecord], first: Month, last: Month) -> Vec<Observation> {
    let mut out = Vec::new();
    // For anniversary indicators each person can only be in one month's cohort.
    let only: Vec<Option<Option<Month>>> = persons.iter().map(|p| anniversary_month(indicator, p)).collect();
    for month in first.through(last) {
        for (p, only) in persons.iter().zip(&only) {
            if only.is_some_and(|m| m != Some(month)) {
                continue;
            }
            if let Some(e) = evaluate(indicator, p, month) {
                out.push(Observation {
                    municipality: p.municipality.clone(),
                    stratum: Stratum {
                        residence_basis: p.residence_basis,
                        age: AgeBand::of_age(p.age_on(e.measured_on)),
                        sex: p.sex,
                        years: YearsBand::of_months(whole_months(p.entry_date, e.measured_on)),
                    },
                    outcome: e.outcome,
                });
            }
        }
    }
    out
}

/// A municipality's actual and expected share.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpectedVsActual {
    /// The municipality code.
    pub municipality: String,
    /// Its persons and persons with the outcome.
    pub cell: Cell,
    /// The actual share, in percent.
    pub actual: f64,
    /// The expected share given its composition, in percent.
    pub expected: f64,
    /// Actual ÷ expected; `None` when the expected share is 0.
    pub ratio: Option<f64>,
    /// Actual − expected, in percentage points.
    pub difference: f64,
    /// Its persons in strata the reference group has no one in (they were
    /// given the overall rate).
    pub unmatched: u64,
    /// False when the counts are too small to show (the rule of
    /// [`crate::suppress::is_small`]); then none of the numbers may be shown.
    pub shown: bool,
}

/// Per-stratum rates of a reference group, and its overall rate.
#[derive(Clone, Debug, PartialEq)]
pub struct ReferenceRates {
    rates: HashMap<Stratum, (u64, u64)>,
    overall: Option<f64>,
}

impl ReferenceRates {
    /// The rates of a reference group.
    pub fn new(reference: &[Observation]) -> ReferenceRates {
        let mut rates: HashMap<Stratum, (u64, u64)> = HashMap::new();
        let (mut hits, mut all) = (0u64, 0u64);
        for o in reference {
            let e = rates.entry(o.stratum).or_default();
            e.1 += 1;
            all += 1;
            if o.outcome {
                e.0 += 1;
                hits += 1;
            }
        }
        ReferenceRates { rates, overall: (all > 0).then(|| hits as f64 / all as f64) }
    }

    /// The rate of a stratum (0–1), `None` if the group has no one in it.
    pub fn rate(&self, s: &Stratum) -> Option<f64> {
        self.rates.get(s).filter(|(_, n)| *n > 0).map(|(h, n)| *h as f64 / *n as f64)
    }

    /// The group's overall rate (0–1), `None` if the group is empty.
    pub fn overall(&self) -> Option<f64> {
        self.overall
    }
}

/// Expected versus actual for the persons of one municipality, against a
/// reference group; `None` when either has no persons.
pub fn expected_versus_actual(reference: &ReferenceRates, municipality: &str, own: &[Observation]) -> Option<ExpectedVsActual> {
    let overall = reference.overall()?;
    if own.is_empty() {
        return None;
    }
    let mut cell = Cell::default();
    let mut expected_sum = 0.0;
    let mut unmatched = 0;
    for o in own {
        cell.denominator += 1;
        if o.outcome {
            cell.numerator += 1;
        }
        expected_sum += reference.rate(&o.stratum).unwrap_or_else(|| {
            unmatched += 1;
            overall
        });
    }
    let n = cell.denominator as f64;
    let actual = 100.0 * cell.numerator as f64 / n;
    let expected = 100.0 * expected_sum / n;
    Some(ExpectedVsActual {
        municipality: municipality.to_owned(),
        cell,
        actual,
        expected,
        ratio: (expected > 0.0).then(|| actual / expected),
        difference: actual - expected,
        unmatched,
        shown: !is_small(&cell),
    })
}

/// Expected versus actual for every municipality in `observations`, each
/// against the whole group pooled (itself included), in municipality-code
/// order — never in order of result.
pub fn partnership_expected(observations: &[Observation]) -> Vec<ExpectedVsActual> {
    let reference = ReferenceRates::new(observations);
    let mut by: BTreeMap<&str, Vec<Observation>> = BTreeMap::new();
    for o in observations {
        by.entry(o.municipality.as_str()).or_default().push(o.clone());
    }
    by.into_iter().filter_map(|(m, own)| expected_versus_actual(&reference, m, &own)).collect()
}
