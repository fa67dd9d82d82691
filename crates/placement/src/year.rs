//! Placement over a whole year: households arrive on their `arrival_day`, units
//! become free on their `available_from` day, and each household is decided on
//! the day it arrives — a unit that is available by then and not yet taken, or
//! unplaced — and never moved afterwards.
//!
//! Three policies, all scored by the documented model of one round applied to
//! the final placement of the whole year ([`crate::place`]'s objective):
//! - [`Policy::Hindsight`]: one min-cost flow over the whole year with full
//!   knowledge; a pair is allowed only when the unit is available on or before
//!   the household's arrival day. Every such placement can be carried out day
//!   by day, so this is the optimum no policy can beat (the lower bound).
//! - [`Policy::Greedy`]: each arrival (by day, then id) takes its cheapest free
//!   unit given the placements so far: arc cost plus the area's next spread
//!   increment, or stays unplaced when that is not below the penalty.
//! - [`Policy::Online`]: on each arrival day, one min-cost flow of the day's
//!   real arrivals together with a sampled *scenario* of the rest of the year
//!   (households drawn from last year's arrivals after this day, or, without a
//!   history, from this year's arrivals so far), against the units that are
//!   free now or will become available; only the real arrivals' placements
//!   are kept. The scenario makes the flow hold back units and area capacity
//!   the future is likely to need more.
//!
//! The online and greedy policies are objects that are handed one day's
//! arrivals at a time ([`Online::decide`], [`Greedy::decide`]); they never see
//! a later household, so a decision cannot depend on one.
use crate::cost::spread_increment;
use crate::input::{InputError, Source, parse_day_column, parse_households, read_instance};
use crate::model::{Area, Household, Instance, Unit};
use crate::settings::Settings;
use crate::solve::{
    Allowed, AreaCosts, NetworkSize, Orders, PairTerms, PlaceError, Proposal, SolveOptions, allowed_pairs, place_terms, proposal_from, solve_allowed,
};
use serde::Serialize;
use std::fmt;
use std::time::Instant;

/// The last day of the year (days are 0–364).
pub const LAST_DAY: u16 = 364;

/// How far ahead the online policy's scenario reaches by default: on the
/// benchmark (bench/placement/year.py) 60 days came within 0.2 % of the
/// hindsight optimum at an eighth of the time of the whole remaining year.
pub const DEFAULT_HORIZON_DAYS: u16 = 60;

/// A year of arrivals and units: a round plus the day each household arrives
/// and the first day each unit can be let.
#[derive(Debug, Clone, PartialEq)]
pub struct Year {
    instance: Instance,
    arrival_day: Vec<u16>,
    available_from: Vec<u16>,
}

/// Why a [`Year`] could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum YearError {
    /// The number of days does not match the number of households or units.
    Lengths,
    /// A day above [`LAST_DAY`].
    DayOutOfRange(u16),
}

impl fmt::Display for YearError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            YearError::Lengths => f.write_str("antallet af dage passer ikke til husstande og boliger"),
            YearError::DayOutOfRange(d) => write!(f, "dag {d} ligger uden for 0–{LAST_DAY}"),
        }
    }
}

impl std::error::Error for YearError {}

impl Year {
    /// `arrival_day[h]` for each household and `available_from[u]` for each
    /// unit, in the instance's order, all in 0–[`LAST_DAY`].
    pub fn new(instance: Instance, arrival_day: Vec<u16>, available_from: Vec<u16>) -> Result<Self, YearError> {
        if arrival_day.len() != instance.households().len() || available_from.len() != instance.units().len() {
            return Err(YearError::Lengths);
        }
        if let Some(&d) = arrival_day.iter().chain(&available_from).find(|&&d| d > LAST_DAY) {
            return Err(YearError::DayOutOfRange(d));
        }
        Ok(Year { instance, arrival_day, available_from })
    }

    /// The households, units and areas.
    pub fn instance(&self) -> &Instance {
        &self.instance
    }

    /// The day each household arrives (order of [`Instance::households`]).
    pub fn arrival_day(&self) -> &[u16] {
        &self.arrival_day
    }

    /// The first day each unit can be let (order of [`Instance::units`]).
    pub fn available_from(&self) -> &[u16] {
        &self.available_from
    }
}

/// Reads a year: the files of `samplan place` with `arrival_day` in the
/// households file and `available_from` in the units file (both 0–364).
pub fn read_year(households: Source, units: Source, areas: Source) -> Result<Year, InputError> {
    let instance = read_instance(households, units, areas)?;
    let arrival_day = parse_day_column(households, "arrival_day", u64::from(LAST_DAY))?;
    let available_from = parse_day_column(units, "available_from", u64::from(LAST_DAY))?;
    Ok(Year::new(instance, arrival_day, available_from).expect("one day per row, each checked"))
}

/// Reads a history of arrivals (the households file with `arrival_day`), e.g.
/// last year's, for the online policy's scenarios. Ids need not differ from
/// this year's.
pub fn read_history(source: Source) -> Result<Vec<Arrival>, InputError> {
    let households = parse_households(source)?;
    let days = parse_day_column(source, "arrival_day", u64::from(LAST_DAY))?;
    Ok(households.into_iter().zip(days).map(|(household, day)| Arrival { household, day, area_cost: Vec::new() }).collect())
}

/// A household on the day it arrives, with its extra cost per area (index of
/// [`Instance::areas`]; empty: none).
#[derive(Debug, Clone, PartialEq)]
pub struct Arrival {
    /// The household.
    pub household: Household,
    /// The day it arrives.
    pub day: u16,
    /// The employment term per area, or empty.
    pub area_cost: Vec<i64>,
}

/// How the year is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Policy {
    /// Each arrival day: real arrivals plus a sampled future, one flow.
    Online,
    /// Each arrival takes its cheapest free unit.
    Greedy,
    /// The whole year at once with full knowledge (the lower bound).
    Hindsight,
}

/// Options of [`place_year`].
#[derive(Debug, Clone)]
pub struct YearOptions<'a> {
    /// The policy.
    pub policy: Policy,
    /// Seed of the online policy's scenarios.
    pub seed: u64,
    /// Past arrivals for the online policy's scenarios (empty: this year's
    /// arrivals so far are used).
    pub history: &'a [Arrival],
    /// The employment term per household and area, if any.
    pub area_cost: Option<&'a AreaCosts>,
    /// How many days ahead the online policy's scenario reaches.
    pub horizon_days: u16,
}

impl Default for YearOptions<'_> {
    fn default() -> Self {
        YearOptions { policy: Policy::Online, seed: 1, history: &[], area_cost: None, horizon_days: DEFAULT_HORIZON_DAYS }
    }
}

/// How long one arrival day's decision took.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DayDecision {
    /// The day.
    pub day: u16,
    /// Households that arrived that day.
    pub arrivals: usize,
    /// Wall time of the decision, seconds.
    pub seconds: f64,
}

/// The year's placement: the final proposal scored by the documented model,
/// and the time of each day's decision (one entry for the whole year under
/// [`Policy::Hindsight`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearPlan {
    /// The final placement, in the order of [`Instance::households`].
    pub proposal: Proposal,
    /// One entry per arrival day, in day order.
    pub days: Vec<DayDecision>,
}

/// Decides the year under `options.policy`.
pub fn place_year(year: &Year, settings: &Settings, options: &YearOptions) -> Result<YearPlan, PlaceError> {
    settings.validate().map_err(|(key, _)| PlaceError::Settings { key })?;
    let instance = &year.instance;
    if options.policy == Policy::Hindsight {
        let started = Instant::now();
        let terms = PairTerms { days: Some((&year.arrival_day, &year.available_from)), area_cost: options.area_cost };
        let proposal = place_terms(instance, settings, &SolveOptions::default(), terms)?;
        let days = vec![DayDecision { day: LAST_DAY, arrivals: instance.households().len(), seconds: started.elapsed().as_secs_f64() }];
        return Ok(YearPlan { proposal, days });
    }
    let n_areas = instance.areas().len();
    let arrival = |hi: usize| Arrival {
        household: instance.households()[hi].clone(),
        day: year.arrival_day[hi],
        area_cost: options.area_cost.map_or_else(Vec::new, |c| (0..n_areas).map(|ai| c.get(hi, ai)).collect()),
    };
    let mut order: Vec<usize> = (0..instance.households().len()).collect();
    order.sort_by(|&a, &b| (year.arrival_day[a], &instance.households()[a].id).cmp(&(year.arrival_day[b], &instance.households()[b].id)));
    let mut online;
    let mut greedy;
    let policy: &mut Decide = match options.policy {
        Policy::Online => {
            online = Online::new(settings, instance.units(), instance.areas(), &year.available_from, options.history, options.seed, options.horizon_days);
            &mut move |day, batch| online.decide(day, batch)
        }
        _ => {
            greedy = Greedy::new(settings, instance.units(), instance.areas(), &year.available_from);
            &mut move |day, batch| Ok(greedy.decide(day, batch))
        }
    };
    let mut assignment = vec![None; instance.households().len()];
    let mut days = Vec::new();
    let mut start = 0;
    while start < order.len() {
        let day = year.arrival_day[order[start]];
        let end = start + order[start..].iter().take_while(|&&hi| year.arrival_day[hi] == day).count();
        let batch: Vec<Arrival> = order[start..end].iter().map(|&hi| arrival(hi)).collect();
        let started = Instant::now();
        let decided = policy(day, &batch)?;
        days.push(DayDecision { day, arrivals: batch.len(), seconds: started.elapsed().as_secs_f64() });
        for (&hi, unit) in order[start..end].iter().zip(decided) {
            assignment[hi] = unit;
        }
        start = end;
    }
    let orders = Orders::new(instance.households(), instance.units(), instance.areas());
    let network = NetworkSize { nodes: 0, arcs: 0, candidate_arcs: 0, allowed_pairs: 0, rounds: days.len() };
    let proposal = proposal_from(instance, settings, &orders, &assignment, options.area_cost, network);
    Ok(YearPlan { proposal, days })
}

/// One day's decision: the day and its arrivals → a unit index or `None` each.
type Decide<'a> = dyn FnMut(u16, &[Arrival]) -> Result<Vec<Option<usize>>, PlaceError> + 'a;

/// What the online and greedy policies know of the units and of the
/// placements made so far.
struct State<'a> {
    settings: &'a Settings,
    units: &'a [Unit],
    areas: &'a [Area],
    available_from: &'a [u16],
    orders: Orders,
    taken: Vec<bool>,
    /// Households in each area: existing ones plus those placed this year.
    in_area: Vec<u64>,
}

impl<'a> State<'a> {
    fn new(settings: &'a Settings, units: &'a [Unit], areas: &'a [Area], available_from: &'a [u16]) -> Self {
        State {
            settings,
            units,
            areas,
            available_from,
            orders: Orders::new(&[], units, areas),
            taken: vec![false; units.len()],
            in_area: areas.iter().map(|a| u64::from(a.existing_households)).collect(),
        }
    }

    /// Every allowed pair of each arrival (hard rules; cost with its area term),
    /// whether the unit is free or not.
    fn allowed(&self, arrivals: &[Arrival]) -> Vec<Allowed> {
        let households: Vec<Household> = arrivals.iter().map(|a| a.household.clone()).collect();
        let n_areas = self.areas.len();
        let area_cost = arrivals
            .iter()
            .any(|a| !a.area_cost.is_empty())
            .then(|| AreaCosts::new(n_areas, arrivals.iter().flat_map(|a| (0..n_areas).map(|ai| a.area_cost.get(ai).copied().unwrap_or(0))).collect()));
        let ranked: Vec<usize> = (0..households.len()).collect();
        allowed_pairs(&households, self.units, self.settings, &self.orders, &ranked, |_, _| true, area_cost.as_ref())
    }

    /// Marks unit `ui` taken.
    fn take(&mut self, ui: usize) {
        debug_assert!(!self.taken[ui]);
        self.taken[ui] = true;
        self.in_area[self.orders.unit_area[ui]] += 1;
    }
}

/// The greedy policy: each arrival, in id order within a day, takes the free
/// unit available by its day with the least arc cost plus the area's next
/// spread increment (ties: the unit that comes first in (area id, unit id)
/// order), or stays unplaced when that is not below the unplaced penalty.
pub struct Greedy<'a> {
    state: State<'a>,
}

impl<'a> Greedy<'a> {
    /// A year that starts with every unit free.
    pub fn new(settings: &'a Settings, units: &'a [Unit], areas: &'a [Area], available_from: &'a [u16]) -> Self {
        Greedy { state: State::new(settings, units, areas, available_from) }
    }

    /// Decides the arrivals of `day` (in id order): a unit index or `None`.
    pub fn decide(&mut self, day: u16, arrivals: &[Arrival]) -> Vec<Option<usize>> {
        let mut order: Vec<usize> = (0..arrivals.len()).collect();
        order.sort_by(|&a, &b| arrivals[a].household.id.cmp(&arrivals[b].household.id));
        let allowed = self.state.allowed(arrivals);
        let mut out = vec![None; arrivals.len()];
        for i in order {
            let s = &self.state;
            let best = allowed[i]
                .list()
                .iter()
                .filter(|c| !s.taken[c.unit as usize] && s.available_from[c.unit as usize] <= day)
                .map(|c| {
                    let area = s.orders.unit_area[c.unit as usize];
                    (c.cost + spread_increment(s.settings, s.in_area[area] + 1), c.unit as usize)
                })
                .min_by_key(|&(cost, _)| cost);
            if let Some((cost, ui)) = best
                && cost < s.settings.unplaced_penalty
            {
                self.state.take(ui);
                out[i] = Some(ui);
            }
        }
        out
    }
}

/// The online policy (see the module documentation).
pub struct Online<'a> {
    state: State<'a>,
    /// Past arrivals with their pairs, sorted by day.
    history: Vec<(u16, Allowed)>,
    /// This year's arrivals so far with their pairs (the pool without a history).
    seen: Vec<(u16, Allowed)>,
    seed: u64,
    horizon_days: u16,
}

impl<'a> Online<'a> {
    /// A year that starts with every unit free; `history` (may be empty) is
    /// the pool of the scenarios, `seed` makes them repeatable, and they reach
    /// `horizon_days` ahead.
    pub fn new(
        settings: &'a Settings,
        units: &'a [Unit],
        areas: &'a [Area],
        available_from: &'a [u16],
        history: &[Arrival],
        seed: u64,
        horizon_days: u16,
    ) -> Self {
        let state = State::new(settings, units, areas, available_from);
        let mut history: Vec<(u16, Allowed)> = history.iter().map(|a| a.day).zip(state.allowed(history)).collect();
        history.sort_by_key(|(day, _)| *day);
        Online { state, history, seen: Vec::new(), seed, horizon_days }
    }

    /// The scenario for the days after `day` up to the horizon: (pool entry,
    /// day) pairs, drawn with a generator seeded by the seed and the day only.
    fn scenario(&self, day: u16) -> Vec<(usize, bool, u16)> {
        let end = day.saturating_add(self.horizon_days).min(LAST_DAY);
        if end <= day {
            return Vec::new();
        }
        let mut rng = SplitMix64::new(self.seed ^ (u64::from(day) << 32) ^ 0x5eed);
        if self.history.is_empty() {
            // This year's rate so far, continued to the horizon.
            let pool = self.seen.len() as u64;
            let count = (pool * u64::from(end - day) + u64::from(day + 1) / 2) / u64::from(day + 1);
            (0..count)
                .map(|_| {
                    let i = rng.below(pool) as usize;
                    let d = day + 1 + rng.below(u64::from(end - day)) as u16;
                    (i, false, d)
                })
                .collect()
        } else {
            // As many as last year in the same stretch of days; each drawn
            // from last year's arrivals in that stretch (keeping its day) or,
            // with the share this year's arrivals have of all arrivals seen,
            // from this year's so far (on a uniformly drawn day), so that a
            // kind of household last year did not have can still be foreseen.
            let from = self.history.partition_point(|(d, _)| *d <= day);
            let to = self.history.partition_point(|(d, _)| *d <= end);
            let n = (to - from) as u64;
            let seen = self.seen.len() as u64;
            let all = seen + self.history.len() as u64;
            (0..n)
                .map(|_| {
                    if rng.below(all) < seen {
                        let i = rng.below(seen) as usize;
                        (i, false, day + 1 + rng.below(u64::from(end - day)) as u16)
                    } else {
                        let i = from + rng.below(n) as usize;
                        (i, true, self.history[i].0)
                    }
                })
                .collect()
        }
    }

    /// Decides the arrivals of `day`: a unit index or `None` each. Called once
    /// per arrival day, days in increasing order.
    pub fn decide(&mut self, day: u16, arrivals: &[Arrival]) -> Result<Vec<Option<usize>>, PlaceError> {
        let mut order: Vec<usize> = (0..arrivals.len()).collect();
        order.sort_by(|&a, &b| arrivals[a].household.id.cmp(&arrivals[b].household.id));
        let real = self.state.allowed(arrivals);
        let s = &self.state;
        let free_by = |d: u16| move |u: u32| !s.taken[u as usize] && s.available_from[u as usize] <= d;
        let mut network: Vec<Allowed> = order.iter().map(|&i| real[i].filtered(free_by(day), |_| 0)).collect();
        self.seen.extend(arrivals.iter().map(|a| a.day).zip(real.iter().cloned()));
        for (i, from_history, d) in self.scenario(day) {
            let pool = if from_history { &self.history } else { &self.seen };
            network.push(pool[i].1.filtered(free_by(d), |_| 0));
        }
        let solved = solve_allowed(s.settings, &s.orders, &s.in_area, &network, &SolveOptions::default())?;
        let mut out = vec![None; arrivals.len()];
        for (rank, &i) in order.iter().enumerate() {
            out[i] = solved.chosen[rank].map(|c| c.unit as usize);
        }
        for ui in out.iter().flatten() {
            self.state.take(*ui);
        }
        Ok(out)
    }
}

/// A small, fast, repeatable pseudo-random generator (SplitMix64, Steele,
/// Lea and Flood 2014), so the scenarios need no dependency.
struct SplitMix64(u64);

impl SplitMix64 {
    fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in 0..n (n > 0), by rejection so there is no modulo bias.
    fn below(&mut self, n: u64) -> u64 {
        let zone = u64::MAX - u64::MAX % n;
        loop {
            let x = self.next();
            if x < zone {
                return x % n;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SplitMix64;

    #[test]
    fn the_generator_is_repeatable_and_in_range() {
        let mut a = SplitMix64::new(7);
        let mut b = SplitMix64::new(7);
        let xs: Vec<u64> = (0..100).map(|_| a.below(10)).collect();
        let ys: Vec<u64> = (0..100).map(|_| b.below(10)).collect();
        assert_eq!(xs, ys);
        assert!(xs.iter().all(|&x| x < 10));
        // Every value turns up in 100 draws of 0..10.
        assert!((0..10).all(|v| xs.contains(&v)));
    }
}
