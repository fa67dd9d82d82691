//! Checks the placement optimiser against brute force on tiny rounds (up to 6
//! households × 6 units): every assignment is enumerated and the least cost
//! must equal the proposal's objective. Also checks, on the same random rounds,
//! that proposals are valid, shares add up, input order does not matter, and
//! the explanations hold what they promise.
mod common;

use common::{assignment_of, brute_force, instance, settings, total_cost};
use placement::{Area, AreaId, Instance, Outcome, Settings, SolveOptions, Unit, UnplacedReason, explain, first_broken_rule, place, place_with};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use std::collections::HashMap;

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
        let instance = instance().new_tree(&mut runner).expect("generates").current();
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
    let sparse = SolveOptions { initial_per_area: 0, initial_cheapest: 1, added_per_round: 1 };
    let mut priced = 0;
    for _ in 0..100 {
        let instance = instance().new_tree(&mut runner).expect("generates").current();
        let settings = Settings::default();
        let p = place_with(&instance, &settings, &sparse).expect("solves");
        assert_eq!(p.objective, brute_force(&instance, &settings));
        priced += usize::from(p.network.rounds > 1);
    }
    assert!(priced >= 5, "only {priced} of 100 rounds needed pricing");
}
