//! Why each household got what it got: the chosen unit by criterion, the
//! next-best unit and how much more it would cost, or the rule that kept the
//! household from being placed. Data only; the command line and the web UI
//! render it (in Danish).
//!
//! Definitions:
//! - *Feasible unit* of a household: one that passes every hard rule.
//! - *Next best*: among the feasible units that are free in the proposal (other
//!   than the chosen one), the one where moving this household alone — everyone
//!   else staying put — raises the total cost least (ties: lower unit id).
//! - *Extra*: that rise, by criterion. Distance and temporary are the unit's
//!   minus the chosen unit's. Spread is 0 within the same area (the area keeps
//!   its count); to another area it is the next increment there,
//!   `spread × (existing + placed + 1)`, minus the last increment of the area
//!   left, `spread × (existing + placed)`. For an unplaced household the
//!   unplaced penalty is saved instead. Because the proposal is optimal, the
//!   extra is never negative: that is the reason the household is not there.
//! - *Unplaced reason*: the hard rules are applied one after the other to all
//!   units — rooms, rent, accessibility, listed area — and the first that leaves
//!   no unit is the reason; if units remain they are all taken, or every free one
//!   would raise the total more than the unplaced penalty saves.
use crate::cost::{CostBreakdown, HardRule, arc_cost, first_broken_rule, spread_increment};
use crate::model::{AreaId, HouseholdId, Instance, UnitId};
use crate::settings::Settings;
use crate::solve::{AreaCosts, Proposal};
use serde::Serialize;
use std::collections::HashMap;

/// The explanation for one household.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The household.
    pub household: HouseholdId,
    /// Placed or not, and why.
    pub outcome: Outcome,
    /// The free feasible unit (other than the chosen one) that would raise the
    /// total cost least, if there is one.
    pub next_best: Option<Alternative>,
}

/// What the proposal does with a household.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Outcome {
    /// Placed in a unit.
    Placed {
        /// The unit.
        unit: UnitId,
        /// Its area.
        area: AreaId,
        /// The area's name.
        area_name: String,
        /// Kilometres to all anchors, summed.
        distance_km: f64,
        /// The household's share, by criterion.
        cost: CostBreakdown,
        /// It is the k-th household in the area (existing households first).
        spread_rank: u64,
    },
    /// Not placed this round.
    Unplaced {
        /// The binding reason.
        reason: UnplacedReason,
        /// The penalty counted for it.
        penalty: i64,
    },
}

/// Why a household was not placed: the first filter, in this order, that leaves no unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub enum UnplacedReason {
    /// No unit has a number of rooms in `min_rooms..=max_rooms`.
    NoFittingRooms {
        /// Fewest rooms allowed.
        min_rooms: u32,
        /// Most rooms allowed.
        max_rooms: u32,
    },
    /// Of the units with fitting rooms, none has rent ≤ `max_rent`.
    NoneAffordable {
        /// The household's rent limit.
        max_rent: u64,
        /// Lowest rent among units with fitting rooms.
        cheapest_rent: u64,
    },
    /// Of those, none is accessible, and the household needs it.
    NoneAccessible,
    /// Of those, all lie in listed areas.
    AllInListedAreas,
    /// Of those, none is permanent, and the household may only take a
    /// permanent unit ([`crate::Household::permanent_only`]).
    NonePermanent,
    /// Feasible units exist, but all of them are taken by other households.
    AllTaken {
        /// Number of feasible units.
        feasible_units: usize,
    },
    /// A feasible unit is free, but placing the household in any free one would
    /// raise the total cost more than the unplaced penalty saves (raise
    /// `unplaced_penalty` to change this).
    CheaperUnplaced {
        /// Its cost (distance + temporary + the area's next spread increment) in
        /// the best free unit.
        cheapest_free_cost: i64,
    },
}

/// A free feasible unit and what moving the household there would change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alternative {
    /// The unit.
    pub unit: UnitId,
    /// Its area.
    pub area: AreaId,
    /// The area's name.
    pub area_name: String,
    /// Kilometres to all anchors, summed.
    pub distance_km: f64,
    /// The household's cost there, by criterion: the unit's distance and
    /// temporary cost, and the spread increment the household would carry (its
    /// current one within the same area, the area's next one elsewhere).
    pub cost: CostBreakdown,
    /// Change of the total cost, by criterion, if the household moved there alone.
    pub extra: CostBreakdown,
}

impl Alternative {
    /// Change of the total cost if the household moved there alone (≥ 0 for an
    /// optimal proposal).
    pub fn extra_total(&self) -> i64 {
        self.extra.total()
    }
}

/// Explains every household of `proposal`, in the same order.
///
/// `proposal` must come from [`crate::place`] with the same `instance` and `settings`.
pub fn explain(instance: &Instance, settings: &Settings, proposal: &Proposal) -> Vec<Explanation> {
    explain_with(instance, settings, proposal, None)
}

/// [`explain`] for a proposal made with an employment term (`area_cost`, the
/// same as given to [`crate::place_employment`]); the term is then one more
/// criterion of every cost and change.
pub fn explain_with(instance: &Instance, settings: &Settings, proposal: &Proposal, area_cost: Option<&AreaCosts>) -> Vec<Explanation> {
    let households = instance.households();
    let units = instance.units();
    let areas = instance.areas();
    let area_index: HashMap<&AreaId, usize> = areas.iter().enumerate().map(|(i, a)| (&a.id, i)).collect();
    let unit_index: HashMap<&UnitId, usize> = units.iter().enumerate().map(|(i, u)| (&u.id, i)).collect();

    // Who is where.
    let mut taken = vec![false; units.len()];
    let mut placed = vec![0u64; areas.len()];
    for p in &proposal.placements {
        if let Some(unit) = &p.unit {
            let ui = unit_index[unit];
            taken[ui] = true;
            placed[area_index[&units[ui].area]] += 1;
        }
    }
    // The increment an area would add with one more household, and the one it
    // would lose with one fewer.
    let next = |ai: usize| spread_increment(settings, u64::from(areas[ai].existing_households) + placed[ai] + 1);
    let last = |ai: usize| spread_increment(settings, u64::from(areas[ai].existing_households) + placed[ai]);

    households
        .iter()
        .zip(&proposal.placements)
        .enumerate()
        .map(|(hi, (h, p))| {
            let current_area = p.area.as_ref().map(|a| area_index[a]);
            let mut feasible = 0usize;
            let mut best: Option<Alternative> = None;
            for (ui, u) in units.iter().enumerate() {
                let ai = area_index[&u.area];
                if first_broken_rule(settings, h, u, &areas[ai]).is_some() {
                    continue;
                }
                feasible += 1;
                if taken[ui] {
                    continue;
                }
                let (km, mut arc) = arc_cost(settings, h, u);
                arc.employment = area_cost.map_or(0, |c| c.get(hi, ai));
                let (cost, extra) = match current_area {
                    Some(cur) => {
                        let spread = if cur == ai { p.cost.spread } else { next(ai) };
                        let spread_change = if cur == ai { 0 } else { next(ai) - last(cur) };
                        (
                            CostBreakdown { spread, ..arc },
                            CostBreakdown {
                                distance: arc.distance - p.cost.distance,
                                temporary: arc.temporary - p.cost.temporary,
                                spread: spread_change,
                                unplaced: 0,
                                employment: arc.employment - p.cost.employment,
                            },
                        )
                    }
                    None => (CostBreakdown { spread: next(ai), ..arc }, CostBreakdown { spread: next(ai), unplaced: -p.cost.unplaced, ..arc }),
                };
                let better = match &best {
                    None => true,
                    Some(b) => (extra.total(), &u.id) < (b.extra.total(), &b.unit),
                };
                if better {
                    best = Some(Alternative { unit: u.id.clone(), area: u.area.clone(), area_name: areas[ai].name.clone(), distance_km: km, cost, extra });
                }
            }
            let outcome = match (&p.unit, current_area, p.spread_rank) {
                (Some(unit), Some(ai), Some(k)) => Outcome::Placed {
                    unit: unit.clone(),
                    area: areas[ai].id.clone(),
                    area_name: areas[ai].name.clone(),
                    distance_km: p.distance_km,
                    cost: p.cost,
                    spread_rank: k,
                },
                _ => Outcome::Unplaced { reason: unplaced_reason(instance, settings, hi, feasible, best.as_ref()), penalty: p.cost.unplaced },
            };
            Explanation { household: h.id.clone(), outcome, next_best: best }
        })
        .collect()
}

/// The binding reason for household `hi`, which has `feasible` feasible units.
fn unplaced_reason(instance: &Instance, settings: &Settings, hi: usize, feasible: usize, cheapest_free: Option<&Alternative>) -> UnplacedReason {
    let h = &instance.households()[hi];
    if feasible > 0 {
        return match cheapest_free {
            Some(alternative) => UnplacedReason::CheaperUnplaced { cheapest_free_cost: alternative.cost.total() },
            None => UnplacedReason::AllTaken { feasible_units: feasible },
        };
    }
    // No feasible unit: the rule that is furthest along for the best unit binds.
    // Rules are checked in order, so the unit that passes most rules shows the
    // first filter that leaves nothing.
    let areas: HashMap<&AreaId, _> = instance.areas().iter().map(|a| (&a.id, a)).collect();
    let furthest = instance.units().iter().filter_map(|u| first_broken_rule(settings, h, u, areas[&u.area])).max();
    let (min_rooms, max_rooms) = settings.room_bounds(h.persons());
    match furthest {
        None | Some(HardRule::Rooms) => UnplacedReason::NoFittingRooms { min_rooms, max_rooms },
        Some(HardRule::Rent) => UnplacedReason::NoneAffordable {
            max_rent: h.max_rent,
            cheapest_rent: instance.units().iter().filter(|u| (min_rooms..=max_rooms).contains(&u.rooms)).map(|u| u.rent).min().unwrap_or(0),
        },
        Some(HardRule::Accessibility) => UnplacedReason::NoneAccessible,
        Some(HardRule::ListedArea) => UnplacedReason::AllInListedAreas,
        Some(HardRule::PermanentOnly) => UnplacedReason::NonePermanent,
    }
}
