//! One placement round from the stored state: the waiting households without a
//! decided placement, the units no decided placement holds, and the areas with the
//! decided households counted as existing ones — so approved and overridden
//! placements stay fixed when the proposal is made again. The optimiser runs on a
//! blocking thread; the proposal and its Danish explanations replace the previous
//! undecided proposal.
use super::{employment, explain_text, import, needs};
use crate::error::AppError;
use crate::store::Store;
use crate::store::Tenant;
use crate::store::housing::{AreaRow, NeedRow, NewProposal, PlacementRow, UnitRow};
use placement::employment::Features;
use placement::{AreaId, Explanation, Instance, Point, Proposal, Settings, Tenure, Unit, UnitId};
use std::collections::{HashMap, HashSet};

/// A placement is fixed once a housing officer has decided on it.
pub fn is_decided(p: &PlacementRow) -> bool {
    p.status != "proposed"
}

/// What the round was built from and what came out.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct RoundResult {
    /// Family ids of the households in the round, in the proposal's order.
    pub families: Vec<i64>,
    /// The optimiser's proposal.
    #[schema(value_type = Object)]
    pub proposal: Proposal,
    /// One explanation per household, in the same order.
    #[schema(value_type = Vec<Object>)]
    pub explanations: Vec<Explanation>,
}

/// The state a round is built from.
pub struct Inputs {
    /// Households still waiting for a permanent home.
    pub needs: Vec<NeedRow>,
    /// All units.
    pub units: Vec<UnitRow>,
    /// All areas.
    pub areas: Vec<AreaRow>,
    /// Current placements.
    pub placements: Vec<PlacementRow>,
}

impl Inputs {
    /// Reads the municipality's state.
    pub async fn load(store: &Store, tenant: &Tenant) -> Result<Self, AppError> {
        Ok(Inputs {
            needs: store.housing_needs(tenant).await?,
            units: store.housing_units(tenant).await?,
            areas: store.housing_areas(tenant).await?,
            placements: store.housing_placements(tenant).await?,
        })
    }

    /// Units someone lives in or will move into: those of decided placements and the
    /// temporary units that released households keep until their next placement.
    pub fn occupied_units(&self) -> HashSet<&str> {
        let decided = self.placements.iter().filter(|p| is_decided(p)).filter_map(|p| p.unit_code.as_deref());
        let held = self.needs.iter().filter_map(|n| n.temporary_unit_code.as_deref());
        decided.chain(held).collect()
    }

    /// The round: undecided households with members (a released household may only
    /// take a permanent unit), free units, areas counting the occupied units.
    pub fn instance(&self) -> Result<Instance, AppError> {
        let decided: HashMap<i64, &PlacementRow> = self.placements.iter().filter(|p| is_decided(p)).map(|p| (p.family_id, p)).collect();
        let taken = self.occupied_units();
        let unit_area: HashMap<&str, &str> = self.units.iter().map(|u| (u.code.as_str(), u.area_code.as_str())).collect();
        let mut fixed_per_area: HashMap<&str, i64> = HashMap::new();
        for code in &taken {
            if let Some(area) = unit_area.get(code) {
                *fixed_per_area.entry(area).or_default() += 1;
            }
        }
        let households = self
            .needs
            .iter()
            .filter(|n| n.permanent_since.is_none() && !decided.contains_key(&n.family_id) && n.adults + n.children > 0)
            .map(needs::household)
            .collect();
        let units = self.units.iter().filter(|u| !taken.contains(u.code.as_str())).map(unit).collect();
        let mut areas = import::to_areas(&self.areas);
        for a in &mut areas {
            let extra = fixed_per_area.get(a.id.as_str()).copied().unwrap_or(0);
            a.existing_households = a.existing_households.saturating_add(u32::try_from(extra).unwrap_or(0));
        }
        Instance::new(households, units, areas).map_err(|e| AppError::Invalid(vec![crate::domain::FieldError::new("round", e.to_string())]))
    }
}

/// A stored unit as the optimiser's unit.
pub fn unit(u: &UnitRow) -> Unit {
    Unit {
        id: UnitId(u.code.clone()),
        area: AreaId(u.area_code.clone()),
        rooms: u32::try_from(u.rooms).unwrap_or(0),
        rent: u64::try_from(u.rent).unwrap_or(0),
        accessible: u.accessible == 1,
        tenure: if u.tenure == "permanent" { Tenure::Permanent } else { Tenure::Temporary },
        location: Point { lat: u.lat, lon: u.lon },
    }
}

/// Makes a proposal for the municipality and stores it (replacing the undecided one).
/// With a stored employment model and a weight above 0 the round has the employment
/// term, and each placed household's explanation names it.
pub async fn propose(store: &Store, tenant: &Tenant) -> Result<RoundResult, AppError> {
    let inputs = Inputs::load(store, tenant).await?;
    let instance = inputs.instance()?;
    let stored = employment::load(store, tenant).await?;
    // The main adults' features matter only when the term is weighed.
    let features: Vec<Option<Features>> = if stored.weight() > 0 {
        let adults = employment::main_adults(store, tenant, chrono::Local::now().date_naive()).await?;
        instance.households().iter().map(|h| h.id.as_str().parse::<i64>().ok().and_then(|id| adults.get(&id).copied().flatten())).collect()
    } else {
        Vec::new()
    };
    let (proposal, explanations, lines, instance) = tokio::task::spawn_blocking(move || {
        let settings = Settings::default();
        let term = employment::term(&stored, instance.areas(), &features);
        let proposal = match &term {
            Some(costs) => placement::place_employment(&instance, &settings, costs)?,
            None => placement::place(&instance, &settings)?,
        };
        let explanations = placement::explain_with(&instance, &settings, &proposal, term.as_ref());
        let lines: Vec<String> = explanations
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let mut text = explain_text::render(e);
                if let Some(model) = stored.model.as_ref().filter(|_| term.is_some()) {
                    explain_text::add_employment_line(&mut text, e, model, stored.weight(), features[i].as_ref(), "");
                }
                text
            })
            .collect();
        Ok::<_, placement::PlaceError>((proposal, explanations, lines, instance))
    })
    .await
    .map_err(|e| AppError::Internal(anyhow::anyhow!("placement task failed: {e}")))?
    .map_err(|e| AppError::BadRequest(format!("der kunne ikke laves et forslag: {e}")))?;
    let families: Vec<i64> = instance.households().iter().map(|h| h.id.as_str().parse().unwrap_or_default()).collect();
    let rows: Vec<NewProposal> = proposal
        .placements
        .iter()
        .zip(&lines)
        .zip(&families)
        .map(|((p, text), &family_id)| NewProposal {
            family_id,
            unit_code: p.unit.as_ref().map(|u| u.0.clone()),
            cost: p.cost.total(),
            explanation: text.clone(),
        })
        .collect();
    store.replace_proposals(tenant, &rows).await?;
    Ok(RoundResult { families, proposal, explanations })
}
