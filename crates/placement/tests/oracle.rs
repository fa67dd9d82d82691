//! Checks the placement optimiser against brute force on tiny rounds (up to 6
//! households × 6 units): every assignment is enumerated and the least cost
//! must equal the proposal's objective. Also checks, on the same random rounds,
//! that proposals are valid, shares add up, input order does not matter, and
//! the explanations hold what they promise.
use placement::{
    Area, AreaId, Household, HouseholdId, Instance, Outcome, Point, Settings, SolveOptions, Tenure,
    Unit, UnitId, UnplacedReason, arc_cost, explain, first_broken_rule, place, place_with,
};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use std::collections::HashMap;

fn settings() -> impl Strategy<Value = Settings> {
    (
        0i64..30,
        0i64..700,
        0i64..250,
        0i64..4000,
        1u32..=3,
        0u32..=2,
    )
        .prop_map(
            |(
                distance_per_km,
                temporary_penalty,
                spread_per_household,
                unplaced_penalty,
                max_persons_per_room,
                max_extra_rooms,
            )| {
                Settings {
                    distance_per_km,
                    temporary_penalty,
                    spread_per_household,
                    unplaced_penalty,
                    max_persons_per_room,
                    max_extra_rooms,
                    ..Settings::default()
                }
            },
        )
}

fn point() -> impl Strategy<Value = Point> {
    (0u32..40, 0u32..40).prop_map(|(a, b)| Point {
        lat: 56.0 + f64::from(a) * 0.01,
        lon: 10.0 + f64::from(b) * 0.01,
    })
}

fn instance() -> impl Strategy<Value = Instance> {
    let areas = prop::collection::vec((prop::bool::weighted(0.2), 0u32..4), 1..=3);
    let units = prop::collection::vec(
        (
            0usize..3,
            1u32..=5,
            3u64..9,
            any::<bool>(),
            any::<bool>(),
            point(),
        ),
        0..=6,
    );
    let households = prop::collection::vec(
        (
            0u32..=3,
            0u32..=3,
            prop::bool::weighted(0.3),
            3u64..10,
            prop::collection::vec(point(), 0..=3),
        ),
        0..=6,
    );
    (areas, units, households).prop_map(|(areas, units, households)| {
        let areas: Vec<Area> = areas
            .into_iter()
            .enumerate()
            .map(|(i, (listed, existing_households))| Area {
                id: AreaId(format!("A{i}")),
                name: format!("Område {i}"),
                listed,
                existing_households,
            })
            .collect();
        let units = units
            .into_iter()
            .enumerate()
            .map(
                |(i, (area, rooms, rent, accessible, temporary, location))| Unit {
                    id: UnitId(format!("U{i}")),
                    area: areas[area % areas.len()].id.clone(),
                    rooms,
                    rent: rent * 1000,
                    accessible,
                    tenure: if temporary {
                        Tenure::Temporary
                    } else {
                        Tenure::Permanent
                    },
                    location,
                },
            )
            .collect();
        let households = households
            .into_iter()
            .enumerate()
            .map(
                |(i, (adults, children, needs_accessible, max_rent, anchors))| Household {
                    id: HouseholdId(format!("H{i}")),
                    adults: adults.max(u32::from(children == 0)),
                    children,
                    needs_accessible,
                    max_rent: max_rent * 1000,
                    anchors,
                    // Every fourth household is released from temporary housing.
                    permanent_only: i % 4 == 3,
                },
            )
            .collect();
        Instance::new(households, units, areas).expect("generated rounds are valid")
    })
}

/// Total cost of an assignment (household index → unit index), or `None` if infeasible.
fn total_cost(
    instance: &Instance,
    settings: &Settings,
    assignment: &[Option<usize>],
) -> Option<i64> {
    let areas: HashMap<&AreaId, &Area> = instance.areas().iter().map(|a| (&a.id, a)).collect();
    let mut per_area: HashMap<&AreaId, u64> = HashMap::new();
    let mut used = vec![false; instance.units().len()];
    let mut total = 0i64;
    for (h, choice) in instance.households().iter().zip(assignment) {
        match *choice {
            None => total += settings.unplaced_penalty,
            Some(ui) => {
                let u = &instance.units()[ui];
                if used[ui] || first_broken_rule(settings, h, u, areas[&u.area]).is_some() {
                    return None;
                }
                used[ui] = true;
                total += arc_cost(settings, h, u).1.total();
                *per_area.entry(&u.area).or_default() += 1;
            }
        }
    }
    for (area, n) in per_area {
        let e = u64::from(areas[area].existing_households);
        total += (1..=n)
            .map(|j| settings.spread_per_household * (e + j) as i64)
            .sum::<i64>();
    }
    Some(total)
}

/// Least total cost over every assignment, by enumeration.
fn brute_force(instance: &Instance, settings: &Settings) -> i64 {
    fn go(i: &Instance, s: &Settings, h: usize, current: &mut Vec<Option<usize>>, best: &mut i64) {
        if h == i.households().len() {
            if let Some(c) = total_cost(i, s, current) {
                *best = (*best).min(c);
            }
            return;
        }
        for choice in std::iter::once(None).chain((0..i.units().len()).map(Some)) {
            if choice.is_some() && current.contains(&choice) {
                continue;
            }
            current.push(choice);
            go(i, s, h + 1, current, best);
            current.pop();
        }
    }
    let mut best = i64::MAX;
    go(instance, settings, 0, &mut Vec::new(), &mut best);
    best
}

fn assignment_of(instance: &Instance, proposal: &placement::Proposal) -> Vec<Option<usize>> {
    proposal
        .placements
        .iter()
        .map(|p| {
            p.unit.as_ref().map(|u| {
                instance
                    .units()
                    .iter()
                    .position(|x| &x.id == u)
                    .expect("known unit")
            })
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn objective_equals_brute_force_optimum(instance in instance(), settings in settings()) {
        let optimum = brute_force(&instance, &settings);
        let proposal = place(&instance, &settings).expect("solves");
        prop_assert_eq!(proposal.objective, optimum);
        // Whatever the starting arcs, pricing must reach the same optimum.
        let full = place_with(&instance, &settings, &SolveOptions::full()).expect("solves");
        prop_assert_eq!(full.objective, optimum);
        prop_assert_eq!(full.network.rounds, 1);
        let sparse = SolveOptions { initial_per_area: 0, initial_cheapest: 1, added_per_round: 1 };
        let priced = place_with(&instance, &settings, &sparse).expect("solves");
        prop_assert_eq!(priced.objective, optimum);
        let assignment = assignment_of(&instance, &priced);
        prop_assert_eq!(total_cost(&instance, &settings, &assignment), Some(optimum));
    }

    #[test]
    fn proposal_is_valid_and_shares_add_up(instance in instance(), settings in settings()) {
        let proposal = place(&instance, &settings).expect("solves");
        let assignment = assignment_of(&instance, &proposal);
        prop_assert_eq!(total_cost(&instance, &settings, &assignment), Some(proposal.objective));
        let shares: i64 = proposal.placements.iter().map(|p| p.cost.total()).sum();
        prop_assert_eq!(shares, proposal.objective);
        for (h, p) in instance.households().iter().zip(&proposal.placements) {
            prop_assert_eq!(&h.id, &p.household);
        }
    }

    #[test]
    fn input_order_does_not_change_the_proposal(instance in instance(), settings in settings()) {
        let reversed = Instance::new(
            instance.households().iter().rev().cloned().collect(),
            instance.units().iter().rev().cloned().collect(),
            instance.areas().iter().rev().cloned().collect(),
        ).expect("same round");
        let a = place(&instance, &settings).expect("solves");
        let b = place(&reversed, &settings).expect("solves");
        let map = |p: &placement::Proposal| {
            let mut v: Vec<_> = p.placements.iter().map(|x| (x.household.clone(), x.unit.clone(), x.cost)).collect();
            v.sort_by(|x, y| x.0.cmp(&y.0));
            v
        };
        prop_assert_eq!(map(&a), map(&b));
        prop_assert_eq!(a.objective, b.objective);
    }

    #[test]
    fn explanations_hold_what_they_promise(instance in instance(), settings in settings()) {
        let proposal = place(&instance, &settings).expect("solves");
        let explanations = explain(&instance, &settings, &proposal);
        let assignment = assignment_of(&instance, &proposal);
        for (hi, (h, e)) in instance.households().iter().zip(&explanations).enumerate() {
            // The next best is a real move: applying it changes the total by `extra`,
            // and optimality makes that change non-negative.
            if let Some(alt) = &e.next_best {
                let ui = instance.units().iter().position(|u| u.id == alt.unit).expect("known unit");
                prop_assert!(!assignment.contains(&Some(ui)), "next best must be free");
                let mut moved = assignment.clone();
                moved[hi] = Some(ui);
                let after = total_cost(&instance, &settings, &moved).expect("feasible move");
                prop_assert_eq!(after - proposal.objective, alt.extra_total());
                prop_assert!(alt.extra_total() >= 0);
            }
            let areas: HashMap<&AreaId, &Area> = instance.areas().iter().map(|a| (&a.id, a)).collect();
            let feasible: Vec<usize> = (0..instance.units().len())
                .filter(|&ui| first_broken_rule(&settings, h, &instance.units()[ui], areas[&instance.units()[ui].area]).is_none())
                .collect();
            match &e.outcome {
                Outcome::Placed { unit, cost, .. } => {
                    prop_assert_eq!(Some(unit), proposal.placements[hi].unit.as_ref());
                    prop_assert_eq!(*cost, proposal.placements[hi].cost);
                }
                Outcome::Unplaced { reason, penalty } => {
                    prop_assert_eq!(*penalty, settings.unplaced_penalty);
                    let (min, max) = settings.room_bounds(h.persons());
                    let rooms_fit = |u: &Unit| (min..=max).contains(&u.rooms);
                    match reason {
                        UnplacedReason::NoFittingRooms { .. } =>
                            prop_assert!(!instance.units().iter().any(rooms_fit)),
                        UnplacedReason::NoneAffordable { .. } => {
                            prop_assert!(instance.units().iter().any(rooms_fit));
                            prop_assert!(!instance.units().iter().any(|u| rooms_fit(u) && u.rent <= h.max_rent));
                        }
                        UnplacedReason::NoneAccessible
                        | UnplacedReason::AllInListedAreas
                        | UnplacedReason::NonePermanent =>
                            prop_assert!(feasible.is_empty()),
                        UnplacedReason::AllTaken { feasible_units } => {
                            prop_assert_eq!(*feasible_units, feasible.len());
                            prop_assert!(feasible.iter().all(|ui| assignment.contains(&Some(*ui))));
                        }
                        UnplacedReason::CheaperUnplaced { cheapest_free_cost } => {
                            prop_assert!(e.next_best.is_some());
                            prop_assert!(*cheapest_free_cost >= settings.unplaced_penalty);
                        }
                        other => prop_assert!(false, "unexpected reason {:?}", other),
                    }
                }
            }
        }
    }
}

#[test]
fn the_same_round_gives_the_same_answer_twice() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for _ in 0..20 {
        let instance = instance()
            .new_tree(&mut runner)
            .expect("generates")
            .current();
        let settings = Settings::default();
        let a = place(&instance, &settings).expect("solves");
        let b = place(&instance, &settings).expect("solves");
        assert_eq!(a, b);
    }
}

#[test]
fn pricing_rounds_are_exercised_by_the_sparse_start() {
    // Guards the brute-force comparison above: with one starting arc per
    // household, some generated rounds must need more than one solve.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let sparse = SolveOptions {
        initial_per_area: 0,
        initial_cheapest: 1,
        added_per_round: 1,
    };
    let mut priced = 0;
    for _ in 0..100 {
        let instance = instance()
            .new_tree(&mut runner)
            .expect("generates")
            .current();
        let settings = Settings::default();
        let p = place_with(&instance, &settings, &sparse).expect("solves");
        assert_eq!(p.objective, brute_force(&instance, &settings));
        priced += usize::from(p.network.rounds > 1);
    }
    assert!(priced >= 5, "only {priced} of 100 rounds needed pricing");
}
