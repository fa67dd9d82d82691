//! Shared by the placement test files: random tiny rounds and the brute-force
//! optimum they are checked against.
#![allow(dead_code, reason = "each test file uses only some of the helpers; `expect` would fail in the files that use them all")]
use placement::{Area, AreaId, Household, HouseholdId, Instance, Point, Settings, Tenure, Unit, UnitId, arc_cost, first_broken_rule};
use proptest::prelude::*;
use std::collections::HashMap;

pub fn settings() -> impl Strategy<Value = Settings> {
    (0i64..30, 0i64..700, 0i64..250, 0i64..4000, 1u32..=3, 0u32..=2).prop_map(
        |(distance_per_km, temporary_penalty, spread_per_household, unplaced_penalty, max_persons_per_room, max_extra_rooms)| Settings {
            distance_per_km,
            temporary_penalty,
            spread_per_household,
            unplaced_penalty,
            max_persons_per_room,
            max_extra_rooms,
            ..Settings::default()
        },
    )
}

pub fn point() -> impl Strategy<Value = Point> {
    (0u32..40, 0u32..40).prop_map(|(a, b)| Point { lat: 56.0 + f64::from(a) * 0.01, lon: 10.0 + f64::from(b) * 0.01 })
}

pub fn instance() -> impl Strategy<Value = Instance> {
    let areas = prop::collection::vec((prop::bool::weighted(0.2), 0u32..4), 1..=3);
    let units = prop::collection::vec((0usize..3, 1u32..=5, 3u64..9, any::<bool>(), any::<bool>(), point()), 0..=6);
    let households = prop::collection::vec((0u32..=3, 0u32..=3, prop::bool::weighted(0.3), 3u64..10, prop::collection::vec(point(), 0..=3)), 0..=6);
    (areas, units, households).prop_map(|(areas, units, households)| {
        let areas: Vec<Area> = areas
            .into_iter()
            .enumerate()
            .map(|(i, (listed, existing_households))| Area { id: AreaId(format!("A{i}")), name: format!("Område {i}"), listed, existing_households })
            .collect();
        let units = units
            .into_iter()
            .enumerate()
            .map(|(i, (area, rooms, rent, accessible, temporary, location))| Unit {
                id: UnitId(format!("U{i}")),
                area: areas[area % areas.len()].id.clone(),
                rooms,
                rent: rent * 1000,
                accessible,
                tenure: if temporary { Tenure::Temporary } else { Tenure::Permanent },
                location,
            })
            .collect();
        let households = households
            .into_iter()
            .enumerate()
            .map(|(i, (adults, children, needs_accessible, max_rent, anchors))| Household {
                id: HouseholdId(format!("H{i}")),
                adults: adults.max(u32::from(children == 0)),
                children,
                needs_accessible,
                max_rent: max_rent * 1000,
                anchors,
                // Every fourth household is released from temporary housing.
                permanent_only: i % 4 == 3,
            })
            .collect();
        Instance::new(households, units, areas).expect("generated rounds are valid")
    })
}

/// Total cost of an assignment (household index → unit index), or `None` if infeasible.
pub fn total_cost(instance: &Instance, settings: &Settings, assignment: &[Option<usize>]) -> Option<i64> {
    total_cost_with(instance, settings, assignment, &|_, _| true, &|_, _| 0)
}

/// [`total_cost`] where a pair must also pass `may(h, u)` and costs
/// `extra(h, a)` more in area index a.
pub fn total_cost_with(
    instance: &Instance,
    settings: &Settings,
    assignment: &[Option<usize>],
    may: &dyn Fn(usize, usize) -> bool,
    extra: &dyn Fn(usize, usize) -> i64,
) -> Option<i64> {
    let areas: HashMap<&AreaId, &Area> = instance.areas().iter().map(|a| (&a.id, a)).collect();
    let mut per_area: HashMap<&AreaId, u64> = HashMap::new();
    let mut used = vec![false; instance.units().len()];
    let mut total = 0i64;
    for (hi, (h, choice)) in instance.households().iter().zip(assignment).enumerate() {
        match *choice {
            None => total += settings.unplaced_penalty,
            Some(ui) => {
                let u = &instance.units()[ui];
                if used[ui] || !may(hi, ui) || first_broken_rule(settings, h, u, areas[&u.area]).is_some() {
                    return None;
                }
                used[ui] = true;
                let ai = instance.areas().iter().position(|a| a.id == u.area).expect("known area");
                total += arc_cost(settings, h, u).1.total() + extra(hi, ai);
                *per_area.entry(&u.area).or_default() += 1;
            }
        }
    }
    for (area, n) in per_area {
        let e = u64::from(areas[area].existing_households);
        total += (1..=n).map(|j| settings.spread_per_household * (e + j) as i64).sum::<i64>();
    }
    Some(total)
}

/// Least total cost over every assignment, by enumeration.
pub fn brute_force(instance: &Instance, settings: &Settings) -> i64 {
    brute_force_with(instance, settings, &|_, _| true, &|_, _| 0)
}

/// [`brute_force`] with the pair filter and area cost of [`total_cost_with`].
pub fn brute_force_with(instance: &Instance, settings: &Settings, may: &dyn Fn(usize, usize) -> bool, extra: &dyn Fn(usize, usize) -> i64) -> i64 {
    type Check<'a> = (&'a dyn Fn(usize, usize) -> bool, &'a dyn Fn(usize, usize) -> i64);
    fn go(i: &Instance, s: &Settings, c: Check, h: usize, current: &mut Vec<Option<usize>>, best: &mut i64) {
        if h == i.households().len() {
            if let Some(cost) = total_cost_with(i, s, current, c.0, c.1) {
                *best = (*best).min(cost);
            }
            return;
        }
        for choice in std::iter::once(None).chain((0..i.units().len()).map(Some)) {
            if choice.is_some() && current.contains(&choice) {
                continue;
            }
            current.push(choice);
            go(i, s, c, h + 1, current, best);
            current.pop();
        }
    }
    let mut best = i64::MAX;
    go(instance, settings, (may, extra), 0, &mut Vec::new(), &mut best);
    best
}

pub fn assignment_of(instance: &Instance, proposal: &placement::Proposal) -> Vec<Option<usize>> {
    proposal.placements.iter().map(|p| p.unit.as_ref().map(|u| instance.units().iter().position(|x| &x.id == u).expect("known unit"))).collect()
}
