//! Local goals, indicators and partnership benchmarking in the application: samplan's
//! tables mapped onto the `indicators` crate's records (`records.rs`), the suppressed
//! comparison of a partnership or of all municipalities with expected versus actual
//! (`service.rs`), local goals with their progress chart, the national secretariat's
//! partnerships, members, advisory notes and exchange meetings (`secretariat.rs`),
//! CSV and XLSX exports of the same tables (`export.rs`), and `/api/v1/indicators…`,
//! `/api/v1/goals`, `/api/v1/partnerships`. Only aggregates leave this module.
pub mod api;
pub mod export;
pub mod pages;
pub mod records;
pub mod secretariat;
pub mod service;

use crate::domain::FieldError;
use crate::store::goals::GoalRow;
use indicators::Indicator;
use serde::Deserialize;

/// A goal as entered in the form or the API, before it is checked.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct GoalInput {
    /// `YYYY-MM`: the month the baseline was measured in.
    #[serde(default)]
    pub baseline_month: String,
    /// The value then, in the indicator's unit (a decimal comma is fine).
    #[serde(default)]
    pub baseline: String,
    /// The value aimed for.
    #[serde(default)]
    pub target: String,
    /// ISO date the target should be met by.
    #[serde(default)]
    pub target_date: String,
    /// Why this goal.
    #[serde(default)]
    pub reasoning: String,
}

fn number(field: &'static str, raw: &str) -> Result<f64, FieldError> {
    raw.trim().replace(',', ".").parse::<f64>().ok().filter(|v| v.is_finite()).ok_or_else(|| FieldError::new(field, format!("«{}» er ikke et tal", raw.trim())))
}

impl GoalInput {
    /// Checks the input against the indicator (every field's problem, in Danish).
    pub fn parse(&self, indicator: &Indicator, municipality: &str, by: &str) -> Result<GoalRow, Vec<FieldError>> {
        let mut errors = Vec::new();
        let month = self
            .baseline_month
            .trim()
            .parse::<indicators::Month>()
            .map_err(|_| errors.push(FieldError::new("baseline_month", format!("«{}» er ikke en måned på formen ÅÅÅÅ-MM", self.baseline_month.trim()))));
        let baseline = number("baseline", &self.baseline).map_err(|e| errors.push(e));
        let target = number("target", &self.target).map_err(|e| errors.push(e));
        let date = crate::domain::parse_day("target_date", &self.target_date).map_err(|e| errors.push(e));
        let (Ok(baseline_month), Ok(baseline), Ok(target), Ok(target_date)) = (month, baseline, target, date) else { return Err(errors) };
        let goal = indicators::LocalGoal {
            indicator_id: indicator.id.clone(),
            municipality: municipality.to_string(),
            baseline_month,
            baseline,
            target,
            target_date,
            reasoning: self.reasoning.trim().to_string(),
        };
        goal.validate(indicator).map_err(|e| vec![FieldError::new(e.field, e.reason)])?;
        Ok(GoalRow {
            municipality_code: municipality.to_string(),
            indicator_id: indicator.id.clone(),
            baseline_month: baseline_month.to_string(),
            baseline,
            target,
            target_date,
            reasoning: goal.reasoning,
            updated_by: by.to_string(),
            updated_at: crate::store::now(),
        })
    }
}

/// A refused field's Danish name on the goal and secretariat pages' error summary.
pub fn field_label(field: &str) -> &str {
    match field {
        "indicator_id" => "Indikator",
        "baseline_month" => "Udgangspunktets måned",
        "baseline" => "Udgangspunkt",
        "target" => "Mål",
        "target_date" => "Måldato",
        "reasoning" => "Begrundelse",
        "partnership_id" => "Partnerskab",
        "municipality" => "Kommune",
        "day" => "Dato",
        "note" => "Note",
        "topic" => "Emne",
        "outcomes" => "Resultater og aftaler",
        "name" => "Navn",
        "maaneder" => "Periode",
        "format" => "Format",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(baseline: &str, target: &str, date: &str) -> GoalInput {
        GoalInput {
            baseline_month: "2026-01".into(),
            baseline: baseline.into(),
            target: target.into(),
            target_date: date.into(),
            reasoning: "Flere i job".into(),
        }
    }

    #[test]
    fn a_goal_is_checked_field_by_field() {
        let ind = indicators::find("work_or_education_12m").unwrap();
        let ok = input("40,5", "55", "2027-12-31").parse(ind, "0316", "leder").unwrap();
        assert_eq!((ok.baseline, ok.target, ok.baseline_month.as_str()), (40.5, 55.0, "2026-01"));
        let errs = input("x", "55", "31-13-2027").parse(ind, "0316", "leder").unwrap_err();
        assert_eq!(errs.iter().map(|e| e.field.as_ref()).collect::<Vec<_>>(), ["baseline", "target_date"]);
        let errs = input("60", "55", "2027-12-31").parse(ind, "0316", "leder").unwrap_err();
        assert_eq!(errs[0].field, "target");
        let errs = GoalInput { reasoning: " ".into(), ..input("40", "55", "2027-12-31") }.parse(ind, "0316", "leder").unwrap_err();
        assert_eq!(errs[0].field, "reasoning");
    }
}
