//! `--outcomes` and `--employment-weight` of `samplan place` and `samplan
//! place-year`: fits the employment model (crate `placement`, module
//! `employment`) to the municipality's past residents and turns it into the
//! cost term of each household and area, and the `p_employed` column.
use super::place::{Failure, read};
use placement::employment::{EmploymentModel, Features, parse_household_features, parse_outcomes};
use placement::input::Source;
use placement::{Area, AreaCosts, MAX_WEIGHT, Proposal};
use std::path::Path;

/// A fitted model with the households' features and the cost term.
pub(super) struct Employment {
    pub(super) model: EmploymentModel,
    pub(super) features: Vec<Option<Features>>,
    pub(super) weight: i64,
    pub(super) costs: AreaCosts,
}

impl Employment {
    /// The cost term to solve with, or `None` for weight 0 (the documented model).
    pub(super) fn term(&self) -> Option<&AreaCosts> {
        (self.weight > 0).then_some(&self.costs)
    }

    /// The chance of employment of each household in the area it was placed in.
    pub(super) fn p_employed(&self, proposal: &Proposal) -> Vec<Option<f64>> {
        proposal.placements.iter().zip(&self.features).map(|(p, f)| p.area.as_ref().map(|a| self.model.estimate(a, f.as_ref()).p)).collect()
    }

    /// One line about the model, in Danish.
    pub(super) fn summary(&self) -> String {
        let m = &self.model;
        let cv = m.cross_validation;
        let own = m.areas.iter().filter(|a| a.column.is_some()).count();
        format!(
            "beskæftigelsesmodel: {} tidligere beboere, {:.0} % i job efter 12 måneder; {} af {} områder har nok data til egen effekt (mindst {}); \
             krydsvalideret log-tab {:.3} ({} fold; samlet rate alene {:.3}); vægt {}",
            m.residents,
            m.overall_rate * 100.0,
            own,
            m.areas.len(),
            placement::employment::MIN_RESIDENTS,
            cv.log_loss,
            cv.folds,
            cv.baseline_log_loss,
            self.weight
        )
        .replace('.', ",")
    }
}

/// Reads `--outcomes` and the households' features and fits the model;
/// `None` without `--outcomes`. `--employment-weight` alone is refused.
pub(super) fn load(
    outcomes: Option<&Path>,
    weight: Option<i64>,
    areas: &[Area],
    households: Source,
    households_count: usize,
) -> Result<Option<Employment>, Failure> {
    let Some(path) = outcomes else {
        return match weight {
            Some(_) => Err(Failure(2, "--employment-weight kræver --outcomes (de tidligere beboeres udfald)".to_owned())),
            None => Ok(None),
        };
    };
    let weight = weight.unwrap_or(0);
    if !(0..=MAX_WEIGHT).contains(&weight) {
        return Err(Failure(2, format!("--employment-weight: {weight} skal ligge mellem 0 og {MAX_WEIGHT}")));
    }
    let text = read(path)?;
    let name = path.display().to_string();
    let residents = parse_outcomes(Source { name: &name, text: &text }, areas).map_err(|e| Failure(2, e.to_string()))?;
    let model = EmploymentModel::fit(&residents, areas).map_err(|e| Failure(2, format!("{name}: {e}")))?;
    let features = parse_household_features(households).map_err(|e| Failure(2, e.to_string()))?;
    debug_assert_eq!(features.len(), households_count);
    let costs = model.area_costs(areas, &features, weight);
    Ok(Some(Employment { model, features, weight, costs }))
}
