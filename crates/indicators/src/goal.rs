//! Local goals: a municipality picks an indicator, states where it stands
//! (baseline), where it wants to be (target) by when, and why; progress is
//! the indicator's monthly series measured against that line.

use crate::model::{Direction, Indicator, Unit};
use crate::month::Month;
use calendar::Date;
use std::fmt;

/// A municipality's goal for one indicator.
#[derive(Clone, Debug, PartialEq)]
pub struct LocalGoal {
    /// The indicator's id.
    pub indicator_id: String,
    /// The municipality code.
    pub municipality: String,
    /// The month the baseline was measured in.
    pub baseline_month: Month,
    /// The value then, in the indicator's unit.
    pub baseline: f64,
    /// The value aimed for, in the indicator's unit.
    pub target: f64,
    /// The day the target should be met by.
    pub target_date: Date,
    /// Why this goal, in the municipality's words.
    pub reasoning: String,
}

/// A goal that cannot be saved: the field and the reason, in Danish, ready
/// to show beside the field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoalError {
    /// The field, e.g. `target`.
    pub field: &'static str,
    /// Why, in Danish.
    pub reason: String,
}

impl fmt::Display for GoalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.reason)
    }
}

impl std::error::Error for GoalError {}

/// One month of an indicator's series: `None` when there is no value to show
/// (no persons, or suppressed).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProgressPoint {
    /// The month.
    pub month: Month,
    /// The value in the indicator's unit.
    pub value: Option<f64>,
    /// How many persons the value rests on (the cohort for a share, those with the
    /// outcome for a count or a number of days); `None` where no value is shown.
    pub persons: Option<u64>,
}

/// Where a goal stands on its latest value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum GoalStatus {
    /// No value yet after the baseline.
    NoData,
    /// The target is met.
    Reached,
    /// At or beyond the straight line from baseline to target for that month.
    OnTrack {
        /// Share of the way from baseline to target, 0–1 (may be negative).
        progress: f64,
    },
    /// Behind that line.
    Behind {
        /// Share of the way from baseline to target (may be negative).
        progress: f64,
    },
}

impl GoalStatus {
    /// The Danish label.
    pub fn label(&self) -> &'static str {
        match self {
            GoalStatus::NoData => "Ingen data endnu",
            GoalStatus::Reached => "Mål nået",
            GoalStatus::OnTrack { .. } => "På rette vej",
            GoalStatus::Behind { .. } => "Bagud i forhold til planen",
        }
    }
}

impl LocalGoal {
    /// Checks the goal against its indicator: a reasoning is given, the
    /// target is later than the baseline and better than it in the
    /// indicator's direction, and shares lie in 0–100.
    pub fn validate(&self, indicator: &Indicator) -> Result<(), GoalError> {
        let err = |field, reason: &str| Err(GoalError { field, reason: reason.to_owned() });
        if self.indicator_id != indicator.id {
            return err("indicator_id", "Målet hører til en anden indikator.");
        }
        for (field, v) in [("baseline", self.baseline), ("target", self.target)] {
            if !v.is_finite() || v < 0.0 {
                return err(field, "Skal være et tal på 0 eller derover.");
            }
            if indicator.unit == Unit::Percent && v > 100.0 {
                return err(field, "En andel skal ligge mellem 0 og 100 %.");
            }
        }
        if self.target_date <= self.baseline_month.last_day() {
            return err("target_date", "Måldatoen skal ligge efter udgangspunktets måned.");
        }
        let better = match indicator.direction {
            Direction::HigherIsBetter => self.target > self.baseline,
            Direction::LowerIsBetter => self.target < self.baseline,
        };
        if !better {
            return err(
                "target",
                match indicator.direction {
                    Direction::HigherIsBetter => "Målet skal være højere end udgangspunktet.",
                    Direction::LowerIsBetter => "Målet skal være lavere end udgangspunktet.",
                },
            );
        }
        if self.reasoning.trim().is_empty() {
            return err("reasoning", "Skriv hvorfor kommunen har valgt dette mål.");
        }
        Ok(())
    }

    /// The month the target should be met in.
    pub fn target_month(&self) -> Month {
        Month::of(self.target_date)
    }

    /// The planned value in `month` on the straight line from the baseline
    /// to the target (the target itself after the target month).
    pub fn planned(&self, month: Month) -> f64 {
        let span = self.baseline_month.months_until(self.target_month()).max(1) as f64;
        let t = (self.baseline_month.months_until(month) as f64 / span).clamp(0.0, 1.0);
        self.baseline + t * (self.target - self.baseline)
    }

    /// How far `value` is from the baseline towards the target: 0 at the
    /// baseline, 1 at the target.
    pub fn progress(&self, value: f64) -> f64 {
        let span = self.target - self.baseline;
        if span == 0.0 { 1.0 } else { (value - self.baseline) / span }
    }

    /// The status on the latest value after the baseline month in `series`.
    pub fn status(&self, series: &[ProgressPoint]) -> GoalStatus {
        let latest = series.iter().filter(|p| p.month > self.baseline_month).filter_map(|p| p.value.map(|v| (p.month, v))).max_by_key(|(m, _)| *m);
        let Some((month, value)) = latest else {
            return GoalStatus::NoData;
        };
        let progress = self.progress(value);
        if progress >= 1.0 {
            GoalStatus::Reached
        } else if progress >= self.progress(self.planned(month)) {
            GoalStatus::OnTrack { progress }
        } else {
            GoalStatus::Behind { progress }
        }
    }
}
