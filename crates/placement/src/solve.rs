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
//! Pricing: a round of 2 000 households and 5 000 units can have millions of
//! allowed pairs, but an optimal proposal uses only 2 000 of them. So the network
//! is first solved with a few candidate arcs per household (its cheapest units
//! in each area and overall). The solver's node potentials π then price every
//! allowed pair left out: if each has reduced cost `cost + π(household) −
//! π(unit) ≥ 0`, the potentials prove the proposal optimal for the full network
//! (LP duality: the omitted arcs carry no flow and none could improve the
//! cost). Otherwise the most violating pairs are appended to the network and
//! it is solved again, starting from the previous optimal tree (still feasible
//! with the new arcs at flow 0; `flow`'s warm start), so a round costs only the
//! pivots the new arcs bring. The first solve starts from the tree of a greedy
//! proposal rather than the solver's artificial one, and pricing skips an
//! area for a household when even its cheapest pair there could not violate.
//! The result is exact; only the time changes.
//!
//! Determinism: households and units are put into the network in id order, so
//! the proposal does not depend on the order of the input lists, the candidate
//! arcs are chosen by (cost, area id, unit id), the first tree is a greedy
//! proposal in household-id order, and the `flow` solver is deterministic for
//! a given network and start.
use crate::cost::{CostBreakdown, Limits, Prepared, UnitTerms, arc_cost, arc_cost_prepared, spread_increment};
use crate::model::{Area, AreaId, Household, HouseholdId, Instance, Tenure, Unit, UnitId};
use crate::settings::Settings;
use flow::{ArcId, Basis, Network, NodeId, Pricing, SolveError};
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
    /// Household → unit arcs in the last network solved.
    pub candidate_arcs: usize,
    /// All allowed household–unit pairs.
    pub allowed_pairs: usize,
    /// How many times the network was solved (1 + pricing rounds).
    pub rounds: usize,
}

/// How the candidate arcs are chosen before pricing. Any values give the same
/// (optimal) objective; they only change the time it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SolveOptions {
    /// Each household's cheapest allowed units per area to start with.
    pub initial_per_area: usize,
    /// Each household's cheapest allowed units overall to start with.
    pub initial_cheapest: usize,
    /// Most violating pairs added per household and pricing round.
    pub added_per_round: usize,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions { initial_per_area: 0, initial_cheapest: 32, added_per_round: 32 }
    }
}

impl SolveOptions {
    /// Every allowed pair from the start: one solve, no pricing.
    pub fn full() -> Self {
        SolveOptions { initial_per_area: usize::MAX, initial_cheapest: usize::MAX, added_per_round: usize::MAX }
    }
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
                write!(f, "intern fejl: andelene summer til {shares}, optimum er {optimum}")
            }
        }
    }
}

impl std::error::Error for PlaceError {}

/// Computes the optimal proposal for `instance` under `settings`.
pub fn place(instance: &Instance, settings: &Settings) -> Result<Proposal, PlaceError> {
    place_with(instance, settings, &SolveOptions::default())
}

/// Blocks twice LEMON's size: a round has many near-equal choices, and the
/// better entering arcs save more pivots than the longer scans cost
/// (2 000 × 5 000 benchmark round: a quarter fewer pivots; general networks
/// do better with the default, bench/RESULTS.md).
const PRICING: Pricing = Pricing { block_factor: 2.0 };

/// An allowed household–unit pair.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Candidate {
    /// Unit index (into the round's list of units).
    pub(crate) unit: u32,
    /// The pair's cost: distance + temporary (+ any extra term).
    pub(crate) cost: i64,
}

/// The units one household may take, grouped by area (areas and, within an
/// area, units in id order), with the cheapest cost of each group: pricing
/// skips a whole area when even its cheapest pair cannot have a negative
/// reduced cost.
#[derive(Clone, Debug, Default)]
pub(crate) struct Allowed {
    list: Vec<Candidate>,
    groups: Vec<Group>,
}

/// One area's stretch of an [`Allowed`] list.
#[derive(Clone, Copy, Debug)]
struct Group {
    area: u32,
    /// End of the stretch in `Allowed::list` (it starts where the previous ends).
    end: u32,
    min_cost: i64,
}

impl Allowed {
    /// Appends a pair; pairs must come area by area (in the areas' id order).
    pub(crate) fn push(&mut self, area: u32, cand: Candidate) {
        self.list.push(cand);
        match self.groups.last_mut() {
            Some(g) if g.area == area => g.min_cost = g.min_cost.min(cand.cost),
            _ => self.groups.push(Group { area, end: 0, min_cost: cand.cost }),
        }
        self.groups.last_mut().expect("just pushed").end = self.list.len() as u32;
    }

    /// The pairs whose unit `keep` accepts, in the same order, each cost plus
    /// `extra(area)`.
    pub(crate) fn filtered(&self, mut keep: impl FnMut(u32) -> bool, extra: impl Fn(u32) -> i64) -> Allowed {
        let mut out = Allowed::default();
        for (g, range) in self.groups() {
            let add = extra(g.area);
            for cand in &self.list[range] {
                if keep(cand.unit) {
                    out.push(g.area, Candidate { unit: cand.unit, cost: cand.cost + add });
                }
            }
        }
        out
    }

    /// The pairs, area by area.
    pub(crate) fn list(&self) -> &[Candidate] {
        &self.list
    }

    /// The groups with their index ranges in `list`.
    fn groups(&self) -> impl Iterator<Item = (Group, std::ops::Range<usize>)> + '_ {
        let mut start = 0;
        self.groups.iter().map(move |&g| {
            let range = start..g.end as usize;
            start = g.end as usize;
            (g, range)
        })
    }
}

/// The fixed part of the network: everything but the household → unit arcs.
struct Layout<'a> {
    settings: &'a Settings,
    /// Households (by rank, the order of their [`Allowed`] lists).
    n_households: usize,
    /// Unit indices in id order.
    u_order: &'a [usize],
    /// Area indices in id order.
    a_order: &'a [usize],
    /// Area index of each unit.
    unit_area: &'a [usize],
    /// Units that some household may take (they get a unit → area arc).
    unit_used: Vec<bool>,
    /// Pieces per area: its units that some household may take.
    pieces: Vec<usize>,
    existing: &'a [u64],
}

/// The network of a round as pricing grows it: the fixed part first, then
/// household → unit arcs appended as they are admitted, so that each solve
/// can start from the previous optimal tree (`flow`'s warm start).
struct Grown {
    net: Network,
    household_node: Vec<NodeId>,
    unit_node: Vec<NodeId>,
    /// Arc of each used unit to its area (by unit index).
    unit_arc: Vec<Option<ArcId>>,
    /// Arc of the first piece of each area (by area index); the others follow.
    first_piece_arc: Vec<ArcId>,
    /// Index of the first household → unit arc; all later arcs are such.
    first_pair_arc: usize,
    /// (household rank, candidate index) of each household → unit arc.
    pairs: Vec<(u32, u32)>,
    /// Per household rank and candidate: already in the network.
    in_network: Vec<Vec<bool>>,
}

impl Grown {
    /// Adds candidate `c` of the household of rank `rank`.
    fn add(&mut self, allowed: &[Allowed], rank: usize, c: u32) {
        let cand = allowed[rank].list[c as usize];
        self.net.add_arc(self.household_node[rank], self.unit_node[cand.unit as usize], 0, 1, cand.cost);
        self.pairs.push((rank as u32, c));
        self.in_network[rank][c as usize] = true;
    }
}

impl Layout<'_> {
    /// The fixed part of the network: nodes, unplaced arcs, unit → area arcs
    /// and the area pieces; no household → unit arc yet.
    fn network(&self, allowed: &[Allowed]) -> Grown {
        let n_h = self.n_households;
        let n_nodes = n_h + self.u_order.len() + self.a_order.len() + 1;
        let n_arcs = n_h + self.u_order.len() + self.pieces.iter().sum::<usize>();
        let mut net = Network::with_capacity(n_nodes, n_arcs);
        let household_node: Vec<NodeId> = (0..n_h).map(|_| net.add_node(1)).collect();
        let mut unit_node = vec![NodeId::new(0); self.u_order.len()];
        for &ui in self.u_order {
            unit_node[ui] = net.add_node(0);
        }
        let mut area_node = vec![NodeId::new(0); self.a_order.len()];
        for &ai in self.a_order {
            area_node[ai] = net.add_node(0);
        }
        let sink = net.add_node(-(n_h as i64));
        for &from in &household_node {
            net.add_arc(from, sink, 0, 1, self.settings.unplaced_penalty);
        }
        let mut unit_arc = vec![None; self.u_order.len()];
        for &ui in self.u_order {
            if self.unit_used[ui] {
                unit_arc[ui] = Some(net.add_arc(unit_node[ui], area_node[self.unit_area[ui]], 0, 1, 0));
            }
        }
        let mut first_piece_arc = vec![ArcId::new(0); self.a_order.len()];
        for &ai in self.a_order {
            first_piece_arc[ai] = ArcId::new(net.arc_count());
            for j in 1..=self.pieces[ai] as u64 {
                net.add_arc(area_node[ai], sink, 0, 1, spread_increment(self.settings, self.existing[ai] + j));
            }
        }
        Grown {
            unit_arc,
            first_piece_arc,
            first_pair_arc: net.arc_count(),
            net,
            household_node,
            unit_node,
            pairs: Vec::new(),
            in_network: allowed.iter().map(|a| vec![false; a.list.len()]).collect(),
        }
    }
}

/// A first spanning tree for the simplex from a greedy proposal on the arcs
/// in the network, instead of the solver's all-artificial start, which spends
/// many pivots only on reaching a sensible assignment.
///
/// Households in id order each take the free unit with the least cost plus
/// spread increment, or stay unplaced when that is not below the unplaced
/// penalty. Every arc the proposal uses is put at its capacity (1); every node
/// hangs on its artificial arc to the root carrying nothing, except the sink,
/// which hangs on one arc that brings it flow (its demand less what the
/// others bring is 1). Each node can then still send flow to the root, so the
/// tree is strongly feasible, as `flow` requires of a basis. `None` for a
/// round without households.
fn greedy_start(layout: &Layout, grown: &Grown, allowed: &[Allowed]) -> Option<Basis> {
    let settings = layout.settings;
    let mut at_upper = vec![false; grown.net.arc_count()];
    let mut placed = vec![0usize; layout.a_order.len()];
    let mut taken = vec![false; layout.u_order.len()];
    let mut last_used = None;
    // `pairs` holds each household's arcs together, households in rank order.
    let mut next = 0;
    for (rank, a) in allowed.iter().enumerate() {
        let mut best: Option<(i64, usize)> = None;
        while next < grown.pairs.len() && grown.pairs[next].0 as usize == rank {
            let cand = a.list[grown.pairs[next].1 as usize];
            let area = layout.unit_area[cand.unit as usize];
            if !taken[cand.unit as usize] {
                let k = layout.existing[area] + placed[area] as u64 + 1;
                let cost = cand.cost + spread_increment(settings, k);
                if best.is_none_or(|(b, _)| cost < b) {
                    best = Some((cost, next));
                }
            }
            next += 1;
        }
        let used = match best {
            Some((cost, i)) if cost < settings.unplaced_penalty => {
                let ui = grown.pairs[i].1 as usize;
                let ui = a.list[ui].unit as usize;
                let area = layout.unit_area[ui];
                taken[ui] = true;
                at_upper[grown.first_pair_arc + i] = true;
                at_upper[grown.unit_arc[ui].expect("a unit in a pair is used").index()] = true;
                let piece = grown.first_piece_arc[area].index() + placed[area];
                placed[area] += 1;
                piece
            }
            _ => rank, // the household's unplaced arc
        };
        at_upper[used] = true;
        last_used = Some(used);
    }
    let sink_arc = last_used?;
    at_upper[sink_arc] = false;
    let mut tree_arc = vec![None; grown.net.node_count()];
    tree_arc[grown.net.node_count() - 1] = Some(ArcId::new(sink_arc));
    Some(Basis::new(tree_arc, at_upper))
}

/// The first `n` candidate indices of `list` by (cost, index), or all of them.
fn cheapest(list: &[Candidate], n: usize, out: &mut Vec<u32>) {
    if n >= list.len() {
        out.extend(0..list.len() as u32);
        return;
    }
    let mut idx: Vec<u32> = (0..list.len() as u32).collect();
    // Candidates are in (area id, unit id) order, and the index breaks cost ties.
    idx.select_nth_unstable_by_key(n, |&c| (list[c as usize].cost, c));
    out.extend_from_slice(&idx[..n]);
}

/// The rank of each index in `order` (`order` lists indices by rank).
fn ranks(order: &[usize]) -> Vec<usize> {
    let mut rank = vec![0; order.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r;
    }
    rank
}

/// `f(0) … f(n − 1)` in order, computed on the available cores when the round
/// is large (`n × per_item` pairs); each item depends on its index only, so the
/// result is the same for any split.
fn map_in_parallel<T: Send>(n: usize, per_item: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    const PAIRS_PER_THREAD: usize = 250_000;
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    let threads = cores.min(n.saturating_mul(per_item) / PAIRS_PER_THREAD).max(1);
    if threads == 1 {
        return (0..n).map(f).collect();
    }
    let chunk = n.div_ceil(threads);
    std::thread::scope(|scope| {
        let f = &f;
        let workers: Vec<_> = (0..threads).map(|t| scope.spawn(move || (t * chunk..n.min((t + 1) * chunk)).map(f).collect::<Vec<T>>())).collect();
        workers.into_iter().flat_map(|w| w.join().expect("a placement worker panicked")).collect()
    })
}

/// [`place`] with explicit [`SolveOptions`].
pub fn place_with(instance: &Instance, settings: &Settings, options: &SolveOptions) -> Result<Proposal, PlaceError> {
    place_terms(instance, settings, options, PairTerms::default())
}

/// The proposal of the documented model plus an employment term: household h
/// in a unit of area a costs `costs.get(h, a)` more (see [`crate::employment`]).
/// Each household's share then has the term as `cost.employment`. With all
/// costs 0 the proposal is the one of [`place`].
pub fn place_employment(instance: &Instance, settings: &Settings, costs: &AreaCosts) -> Result<Proposal, PlaceError> {
    let terms = PairTerms { days: None, area_cost: Some(costs) };
    place_terms(instance, settings, &SolveOptions::default(), terms)
}

/// A cost per household and area added to every pair of the household with a
/// unit in the area (the employment term, [`crate::employment`]).
#[derive(Debug, Clone, PartialEq)]
pub struct AreaCosts {
    n_areas: usize,
    cost: Vec<i64>,
}

impl AreaCosts {
    /// `cost[h][a]` for household index `h` and area index `a` (the order of
    /// [`Instance::households`] and [`Instance::areas`]).
    pub fn new(n_areas: usize, cost: Vec<i64>) -> Self {
        assert!(n_areas == 0 || cost.len().is_multiple_of(n_areas));
        AreaCosts { n_areas, cost }
    }

    /// The cost of household `h` in area `a`.
    pub fn get(&self, h: usize, a: usize) -> i64 {
        self.cost[h * self.n_areas + a]
    }
}

/// What a round adds to the documented model. The default adds nothing, so
/// [`place`] is exactly the model of docs/placement.md.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PairTerms<'a> {
    /// (arrival day per household index, first available day per unit index):
    /// a pair is allowed only when the unit is available by the household's day.
    pub(crate) days: Option<(&'a [u16], &'a [u16])>,
    /// A cost per household and area added to the pair's cost.
    pub(crate) area_cost: Option<&'a AreaCosts>,
}

/// The id orders of a round and the area of each unit.
pub(crate) struct Orders {
    /// Household indices in id order.
    pub(crate) h_order: Vec<usize>,
    /// Unit indices in id order.
    pub(crate) u_order: Vec<usize>,
    /// Area indices in id order.
    pub(crate) a_order: Vec<usize>,
    /// Area index of each unit.
    pub(crate) unit_area: Vec<usize>,
    /// Units of unlisted areas, areas in id order and units in id order within
    /// an area: the order of every [`Allowed`] list.
    scan_order: Vec<usize>,
}

impl Orders {
    pub(crate) fn new(households: &[Household], units: &[Unit], areas: &[Area]) -> Self {
        let mut h_order: Vec<usize> = (0..households.len()).collect();
        h_order.sort_by(|&a, &b| households[a].id.cmp(&households[b].id));
        let mut u_order: Vec<usize> = (0..units.len()).collect();
        u_order.sort_by(|&a, &b| units[a].id.cmp(&units[b].id));
        let mut a_order: Vec<usize> = (0..areas.len()).collect();
        a_order.sort_by(|&a, &b| areas[a].id.cmp(&areas[b].id));
        let area_index: HashMap<&AreaId, usize> = areas.iter().enumerate().map(|(i, a)| (&a.id, i)).collect();
        let unit_area: Vec<usize> = units.iter().map(|u| area_index[&u.area]).collect();
        let area_rank = ranks(&a_order);
        // A stable sort of the id order keeps units in id order within an area;
        // units of listed areas are never allowed.
        let mut scan_order: Vec<usize> = u_order.iter().copied().filter(|&ui| !areas[unit_area[ui]].listed).collect();
        scan_order.sort_by_key(|&ui| area_rank[unit_area[ui]]);
        Orders { h_order, u_order, a_order, unit_area, scan_order }
    }
}

/// The allowed pairs of the households `ranked` (household indices; the
/// position in `ranked` is the household's rank in the network), with their
/// costs, grouped by area: the bulk of the work on a large round. A pair must
/// pass the hard rules and `keep(household, unit)`.
pub(crate) fn allowed_pairs(
    households: &[Household],
    units: &[Unit],
    settings: &Settings,
    orders: &Orders,
    ranked: &[usize],
    keep: impl Fn(usize, usize) -> bool + Sync,
    area_cost: Option<&AreaCosts>,
) -> Vec<Allowed> {
    // The unit data in scan order, packed for the pass over every pair.
    let scan: Vec<(u32, u32, UnitTerms, Prepared, Tenure)> = orders
        .scan_order
        .iter()
        .map(|&ui| {
            let u = &units[ui];
            (ui as u32, orders.unit_area[ui] as u32, UnitTerms::new(u), Prepared::new(u.location), u.tenure)
        })
        .collect();
    map_in_parallel(ranked.len(), units.len(), |rank| {
        let hi = ranked[rank];
        let h = &households[hi];
        let limits = Limits::new(settings, h);
        let anchors: Vec<Prepared> = h.anchors.iter().map(|&p| Prepared::new(p)).collect();
        let mut allowed = Allowed::default();
        for (ui, area, terms, point, tenure) in &scan {
            // Listed areas are left out of `scan`.
            if limits.first_broken(terms, false).is_some() || !keep(hi, *ui as usize) {
                continue;
            }
            let mut cost = arc_cost_prepared(settings, &anchors, point, *tenure).1.total();
            if let Some(extra) = area_cost {
                cost += extra.get(hi, *area as usize);
            }
            allowed.push(*area, Candidate { unit: *ui, cost });
        }
        allowed
    })
}

/// The optimum of one network: for each household rank its pair (or `None`:
/// unplaced), the optimal cost and the network's size.
pub(crate) struct Solved {
    pub(crate) chosen: Vec<Option<Candidate>>,
    pub(crate) cost: i128,
    pub(crate) network: NetworkSize,
}

/// Solves the network of the households whose allowed pairs are `allowed`
/// (by rank) with the units and areas of `orders`, `existing[a]` households
/// already in area a: exact, by pricing from a greedy first tree.
pub(crate) fn solve_allowed(settings: &Settings, orders: &Orders, existing: &[u64], allowed: &[Allowed], options: &SolveOptions) -> Result<Solved, PlaceError> {
    let n_units = orders.u_order.len();
    let n_areas = orders.a_order.len();
    let mut unit_used = vec![false; n_units];
    for cand in allowed.iter().flat_map(|a| &a.list) {
        unit_used[cand.unit as usize] = true;
    }
    let mut pieces = vec![0usize; n_areas];
    for (ui, &used) in unit_used.iter().enumerate() {
        if used {
            pieces[orders.unit_area[ui]] += 1;
        }
    }
    let layout = Layout {
        settings,
        n_households: allowed.len(),
        u_order: &orders.u_order,
        a_order: &orders.a_order,
        unit_area: &orders.unit_area,
        unit_used,
        pieces,
        existing,
    };

    // Start: each household's cheapest units per area and overall.
    let mut grown = layout.network(allowed);
    let initial = map_in_parallel(allowed.len(), n_units / 4, |rank| {
        let a = &allowed[rank];
        let mut chosen = Vec::new();
        cheapest(&a.list, options.initial_cheapest, &mut chosen);
        if options.initial_per_area > 0 {
            for (_, range) in a.groups() {
                let first = range.start as u32;
                let mut best = Vec::new();
                cheapest(&a.list[range], options.initial_per_area, &mut best);
                chosen.extend(best.iter().map(|&b| first + b));
            }
        }
        chosen.sort_unstable();
        chosen.dedup();
        chosen
    });
    for (rank, chosen) in initial.into_iter().enumerate() {
        for c in chosen {
            grown.add(allowed, rank, c);
        }
    }

    let mut rounds = 1;
    let start = greedy_start(&layout, &grown, allowed);
    let mut solution = grown.net.solve_with(start.as_ref(), PRICING).map_err(PlaceError::Solver)?;
    loop {
        // Price the pairs left out; keep the most violating per household.
        // An area is skipped when its cheapest pair, against its dearest unit,
        // does not violate.
        let unit_pi: Vec<i64> = grown.unit_node.iter().map(|&n| solution.potential(n)).collect();
        let mut area_max_pi = vec![i64::MIN; n_areas];
        for (ui, &used) in layout.unit_used.iter().enumerate() {
            if used {
                let max = &mut area_max_pi[layout.unit_area[ui]];
                *max = (*max).max(unit_pi[ui]);
            }
        }
        let per_household = map_in_parallel(allowed.len(), n_units, |rank| {
            let ph = solution.potential(grown.household_node[rank]);
            let in_network = &grown.in_network[rank];
            let list = &allowed[rank].list;
            let mut violating: Vec<(i64, u32)> = Vec::new();
            for (g, range) in allowed[rank].groups() {
                if g.min_cost + ph - area_max_pi[g.area as usize] >= 0 {
                    continue;
                }
                for c in range {
                    let cand = list[c];
                    let reduced = cand.cost + ph - unit_pi[cand.unit as usize];
                    if reduced < 0 && !in_network[c] {
                        violating.push((reduced, c as u32));
                    }
                }
            }
            if violating.len() > options.added_per_round {
                violating.select_nth_unstable(options.added_per_round);
                violating.truncate(options.added_per_round);
            }
            violating.sort_unstable_by_key(|&(_, c)| c);
            violating
        });
        let admitted: Vec<(usize, u32)> =
            per_household.into_iter().enumerate().flat_map(|(rank, list)| list.into_iter().map(move |(_, c)| (rank, c))).collect();
        if admitted.is_empty() {
            break;
        }
        for (rank, c) in admitted {
            grown.add(allowed, rank, c);
        }
        rounds += 1;
        // The previous optimal tree is still feasible: go on from it.
        solution = grown.net.solve_with(Some(solution.basis()), PRICING).map_err(PlaceError::Solver)?;
    }

    let mut chosen: Vec<Option<Candidate>> = vec![None; allowed.len()];
    let pair_flows = &solution.flows()[grown.first_pair_arc..];
    for (&(rank, c), &f) in grown.pairs.iter().zip(pair_flows) {
        if f > 0 {
            chosen[rank as usize] = Some(allowed[rank as usize].list[c as usize]);
        }
    }
    Ok(Solved {
        chosen,
        cost: solution.cost(),
        network: NetworkSize {
            nodes: grown.net.node_count(),
            arcs: grown.net.arc_count(),
            candidate_arcs: grown.pairs.len(),
            allowed_pairs: allowed.iter().map(|a| a.list.len()).sum(),
            rounds,
        },
    })
}

/// The documented model with `terms` added, solved exactly.
pub(crate) fn place_terms(instance: &Instance, settings: &Settings, options: &SolveOptions, terms: PairTerms) -> Result<Proposal, PlaceError> {
    settings.validate().map_err(|(key, _)| PlaceError::Settings { key })?;
    let orders = Orders::new(instance.households(), instance.units(), instance.areas());
    let allowed = allowed_pairs(
        instance.households(),
        instance.units(),
        settings,
        &orders,
        &orders.h_order,
        |hi, ui| terms.days.is_none_or(|(arrival, available)| available[ui] <= arrival[hi]),
        terms.area_cost,
    );
    let existing: Vec<u64> = instance.areas().iter().map(|a| u64::from(a.existing_households)).collect();
    let solved = solve_allowed(settings, &orders, &existing, &allowed, options)?;
    let mut assignment = vec![None; instance.households().len()];
    for (rank, chosen) in solved.chosen.iter().enumerate() {
        assignment[orders.h_order[rank]] = chosen.map(|c| c.unit as usize);
    }
    let proposal = proposal_from(instance, settings, &orders, &assignment, terms.area_cost, solved.network);
    let shares = i128::from(proposal.objective);
    if shares != solved.cost {
        return Err(PlaceError::SharesDoNotAddUp { shares, optimum: solved.cost });
    }
    Ok(proposal)
}

/// The proposal of a given assignment (household index → unit index): each
/// household's share by criterion and the objective, their sum (see
/// [`Proposal`] for how the spread increments are handed out).
pub(crate) fn proposal_from(
    instance: &Instance,
    settings: &Settings,
    orders: &Orders,
    assignment: &[Option<usize>],
    area_cost: Option<&AreaCosts>,
    network: NetworkSize,
) -> Proposal {
    let households = instance.households();
    let units = instance.units();
    let areas = instance.areas();
    let mut placed_in_area = vec![0u64; areas.len()];
    let mut placements: Vec<Option<HouseholdPlacement>> = vec![None; households.len()];
    for &hi in &orders.h_order {
        let h = &households[hi];
        let placement = match assignment[hi] {
            Some(ui) => {
                let ai = orders.unit_area[ui];
                placed_in_area[ai] += 1;
                let k = u64::from(areas[ai].existing_households) + placed_in_area[ai];
                let (km, arc) = arc_cost(settings, h, &units[ui]);
                HouseholdPlacement {
                    household: h.id.clone(),
                    unit: Some(units[ui].id.clone()),
                    area: Some(areas[ai].id.clone()),
                    distance_km: km,
                    cost: CostBreakdown { spread: spread_increment(settings, k), employment: area_cost.map_or(0, |c| c.get(hi, ai)), ..arc },
                    spread_rank: Some(k),
                }
            }
            None => HouseholdPlacement {
                household: h.id.clone(),
                unit: None,
                area: None,
                distance_km: 0.0,
                cost: CostBreakdown { unplaced: settings.unplaced_penalty, ..CostBreakdown::default() },
                spread_rank: None,
            },
        };
        placements[hi] = Some(placement);
    }
    let placements: Vec<HouseholdPlacement> = placements.into_iter().map(|p| p.expect("every household visited")).collect();
    let objective = placements.iter().map(|p| p.cost.total()).sum();
    Proposal { placements, objective, network }
}

#[cfg(test)]
mod tests {
    use super::map_in_parallel;

    #[test]
    fn the_parallel_map_keeps_order_and_values() {
        let f = |i: usize| (i * 7919) % 1013;
        for (n, per_item) in [(0, 1_000_000), (1, 1_000_000), (3, 1_000_000), (1001, 1_000), (5, 1)] {
            let serial: Vec<usize> = (0..n).map(f).collect();
            assert_eq!(map_in_parallel(n, per_item, f), serial, "n = {n}");
        }
    }
}
