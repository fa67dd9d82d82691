//! From a checked round to an exact proposal: builds the min-cost-flow network,
//! solves it with the `flow` crate, and splits the optimum into one cost share
//! per household.
//!
//! Network (one node per household, unit and area, plus a sink):
//! household (supply 1) → unit it may take (capacity 1, cost = distance +
//! temporary) → the unit's area (capacity 1, cost 0) → sink through unit-capacity
//! pieces, piece j = 1, 2, … of area a costing `spread_per_household ×
//! (existing_households(a) + j)`; and household → sink (capacity 1, cost
//! `unplaced_penalty`). The sink's supply is −(number of households). Giving the
//! households their supply directly is the same as a source with one arc to each.
//!
//! Determinism: households and units are put into the network in id order, so
//! the proposal does not depend on the order of the input lists, and the `flow`
//! solver is deterministic for a given network.
use crate::cost::{CostBreakdown, arc_cost, first_broken_rule, spread_increment};
use crate::model::{AreaId, HouseholdId, Instance, UnitId};
use crate::settings::Settings;
use flow::{ArcId, Network, SolveError};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;

/// Where one household goes, and its share of the objective.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HouseholdPlacement {
    /// The household.
    pub household: HouseholdId,
    /// The unit proposed, or `None` when not placed this round.
    pub unit: Option<UnitId>,
    /// The unit's area.
    pub area: Option<AreaId>,
    /// Kilometres from the unit to all the household's anchors, summed (0 when unplaced).
    pub distance_km: f64,
    /// The household's share of the objective, by criterion.
    pub cost: CostBreakdown,
    /// k when this household is the k-th in its area (existing households first),
    /// so that `cost.spread = spread_per_household × k`.
    pub spread_rank: Option<u64>,
}

/// The optimal proposal for a round.
///
/// Cost shares: a placed household's share is its arc cost (distance +
/// temporary) plus one spread increment; the n households placed in an area with
/// e existing households take the increments `spread × (e+1) … spread × (e+n)`
/// in household-id order. An unplaced household's share is the unplaced penalty.
/// The shares sum exactly to `objective`, which equals the min-cost-flow optimum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    /// One entry per household, in the order of [`Instance::households`].
    pub placements: Vec<HouseholdPlacement>,
    /// The optimal total cost.
    pub objective: i64,
    /// Size of the network solved.
    pub network: NetworkSize,
}

/// Size of the min-cost-flow network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NetworkSize {
    /// Nodes.
    pub nodes: usize,
    /// Arcs.
    pub arcs: usize,
    /// Household → unit arcs (allowed pairs).
    pub candidate_arcs: usize,
}

/// Why no proposal could be made.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum PlaceError {
    /// The settings are out of range (see [`Settings::validate`]).
    Settings {
        /// The key.
        key: &'static str,
    },
    /// The flow solver refused or failed (e.g. costs too large for exact arithmetic).
    Solver(SolveError),
    /// The cost shares did not add up to the solver's optimum (a defect).
    SharesDoNotAddUp {
        /// Sum of the shares.
        shares: i128,
        /// The solver's optimum.
        optimum: i128,
    },
}

impl fmt::Display for PlaceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlaceError::Settings { key } => {
                write!(f, "indstillingen «{key}» er uden for det tilladte område")
            }
            PlaceError::Solver(e) => write!(f, "optimeringen kunne ikke gennemføres: {e}"),
            PlaceError::SharesDoNotAddUp { shares, optimum } => {
                write!(
                    f,
                    "intern fejl: andelene summer til {shares}, optimum er {optimum}"
                )
            }
        }
    }
}

impl std::error::Error for PlaceError {}

/// Computes the optimal proposal for `instance` under `settings`.
pub fn place(instance: &Instance, settings: &Settings) -> Result<Proposal, PlaceError> {
    settings
        .validate()
        .map_err(|(key, _)| PlaceError::Settings { key })?;
    let households = instance.households();
    let units = instance.units();
    let areas = instance.areas();

    let mut h_order: Vec<usize> = (0..households.len()).collect();
    h_order.sort_by(|&a, &b| households[a].id.cmp(&households[b].id));
    let mut u_order: Vec<usize> = (0..units.len()).collect();
    u_order.sort_by(|&a, &b| units[a].id.cmp(&units[b].id));
    let mut a_order: Vec<usize> = (0..areas.len()).collect();
    a_order.sort_by(|&a, &b| areas[a].id.cmp(&areas[b].id));
    let area_index: HashMap<&AreaId, usize> =
        areas.iter().enumerate().map(|(i, a)| (&a.id, i)).collect();
    let unit_area: Vec<usize> = units.iter().map(|u| area_index[&u.area]).collect();

    // Allowed pairs, household-major in id order, with their costs.
    struct Candidate {
        unit: usize,
        km: f64,
        cost: CostBreakdown,
    }
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut first_candidate: Vec<usize> = Vec::with_capacity(households.len() + 1);
    let mut unit_used = vec![false; units.len()];
    for &hi in &h_order {
        first_candidate.push(candidates.len());
        let h = &households[hi];
        for &ui in &u_order {
            let u = &units[ui];
            if first_broken_rule(settings, h, u, &areas[unit_area[ui]]).is_none() {
                let (km, cost) = arc_cost(settings, h, u);
                candidates.push(Candidate { unit: ui, km, cost });
                unit_used[ui] = true;
            }
        }
    }
    first_candidate.push(candidates.len());
    let mut pieces = vec![0usize; areas.len()];
    for (ui, &used) in unit_used.iter().enumerate() {
        if used {
            pieces[unit_area[ui]] += 1;
        }
    }

    let n_nodes = households.len() + units.len() + areas.len() + 1;
    let n_arcs = candidates.len() + households.len() + units.len() + pieces.iter().sum::<usize>();
    let mut net = Network::with_capacity(n_nodes, n_arcs);
    let h_node: Vec<_> = h_order.iter().map(|_| net.add_node(1)).collect();
    let mut u_node = vec![None; units.len()];
    for &ui in &u_order {
        u_node[ui] = Some(net.add_node(0));
    }
    let mut a_node = vec![None; areas.len()];
    for &ai in &a_order {
        a_node[ai] = Some(net.add_node(0));
    }
    let sink = net.add_node(-(households.len() as i64));
    let unit_node = |ui: usize| u_node[ui].expect("every unit has a node");
    let area_node = |ai: usize| a_node[ai].expect("every area has a node");

    let mut candidate_arc: Vec<ArcId> = Vec::with_capacity(candidates.len());
    for (rank, &from) in h_node.iter().enumerate() {
        for c in &candidates[first_candidate[rank]..first_candidate[rank + 1]] {
            candidate_arc.push(net.add_arc(from, unit_node(c.unit), 0, 1, c.cost.total()));
        }
        net.add_arc(from, sink, 0, 1, settings.unplaced_penalty);
    }
    for &ui in &u_order {
        if unit_used[ui] {
            net.add_arc(unit_node(ui), area_node(unit_area[ui]), 0, 1, 0);
        }
    }
    for &ai in &a_order {
        let existing = u64::from(areas[ai].existing_households);
        for j in 1..=pieces[ai] as u64 {
            net.add_arc(
                area_node(ai),
                sink,
                0,
                1,
                spread_increment(settings, existing + j),
            );
        }
    }
    let network = NetworkSize {
        nodes: net.node_count(),
        arcs: net.arc_count(),
        candidate_arcs: candidates.len(),
    };
    let solution = net.solve().map_err(PlaceError::Solver)?;

    // Read the assignment and split the cost, households in id order.
    let mut placed_in_area = vec![0u64; areas.len()];
    let mut placements: Vec<Option<HouseholdPlacement>> = vec![None; households.len()];
    for (rank, &hi) in h_order.iter().enumerate() {
        let range = first_candidate[rank]..first_candidate[rank + 1];
        let chosen = range.clone().find(|&c| solution.flow(candidate_arc[c]) > 0);
        let placement = match chosen {
            Some(c) => {
                let cand = &candidates[c];
                let ai = unit_area[cand.unit];
                placed_in_area[ai] += 1;
                let k = u64::from(areas[ai].existing_households) + placed_in_area[ai];
                HouseholdPlacement {
                    household: households[hi].id.clone(),
                    unit: Some(units[cand.unit].id.clone()),
                    area: Some(areas[ai].id.clone()),
                    distance_km: cand.km,
                    cost: CostBreakdown {
                        spread: spread_increment(settings, k),
                        ..cand.cost
                    },
                    spread_rank: Some(k),
                }
            }
            None => HouseholdPlacement {
                household: households[hi].id.clone(),
                unit: None,
                area: None,
                distance_km: 0.0,
                cost: CostBreakdown {
                    unplaced: settings.unplaced_penalty,
                    ..CostBreakdown::default()
                },
                spread_rank: None,
            },
        };
        placements[hi] = Some(placement);
    }
    let placements: Vec<HouseholdPlacement> = placements
        .into_iter()
        .map(|p| p.expect("every household visited"))
        .collect();
    let shares: i128 = placements.iter().map(|p| i128::from(p.cost.total())).sum();
    if shares != solution.cost() {
        return Err(PlaceError::SharesDoNotAddUp {
            shares,
            optimum: solution.cost(),
        });
    }
    let objective = i64::try_from(shares).map_err(|_| PlaceError::SharesDoNotAddUp {
        shares,
        optimum: shares,
    })?;
    Ok(Proposal {
        placements,
        objective,
        network,
    })
}
