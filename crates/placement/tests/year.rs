//! Checks placement over a year on random tiny years: the hindsight optimum
//! against brute force with the availability rule, every policy's placement
//! against the rules and its own objective, greedy against an independent
//! re-implementation, and that the online and greedy decisions of early
//! arrivals do not change when later arrivals change.
mod common;

use common::{brute_force_with, instance, settings, total_cost_with};
use placement::year::{Arrival, Policy, Year, YearOptions, place_year};
use placement::{Household, HouseholdId, Instance, Settings, arc_cost, first_broken_rule, place};
use proptest::prelude::*;

const DAYS: u16 = 6;

fn year() -> impl Strategy<Value = Year> {
    instance().prop_flat_map(|instance| {
        let n_h = instance.households().len();
        let n_u = instance.units().len();
        (Just(instance), prop::collection::vec(0..DAYS, n_h), prop::collection::vec(0..DAYS, n_u))
            .prop_map(|(instance, arrival, available)| Year::new(instance, arrival, available).expect("days in range"))
    })
}

fn history() -> impl Strategy<Value = Vec<Arrival>> {
    (instance(), prop::collection::vec(0..DAYS, 6))
        .prop_map(|(i, days)| i.households().iter().zip(days).map(|(h, day)| Arrival { household: h.clone(), day, area_cost: Vec::new() }).collect())
}

fn unit_index(instance: &Instance, p: &placement::Proposal) -> Vec<Option<usize>> {
    common::assignment_of(instance, p)
}

/// Greedy written out plainly: arrivals by (day, id), each takes the free
/// available unit with least arc cost plus next spread increment (ties: the
/// lower (area id, unit id)), if below the penalty.
fn plain_greedy(year: &Year, s: &Settings) -> Vec<Option<usize>> {
    let i = year.instance();
    let mut order: Vec<usize> = (0..i.households().len()).collect();
    order.sort_by_key(|&h| (year.arrival_day()[h], i.households()[h].id.clone()));
    let mut taken = vec![false; i.units().len()];
    let mut in_area: Vec<u64> = i.areas().iter().map(|a| u64::from(a.existing_households)).collect();
    let mut out = vec![None; i.households().len()];
    for h in order {
        let hh = &i.households()[h];
        let mut best: Option<(i64, (String, String), usize)> = None;
        for (ui, u) in i.units().iter().enumerate() {
            let ai = i.areas().iter().position(|a| a.id == u.area).expect("known area");
            if taken[ui] || year.available_from()[ui] > year.arrival_day()[h] || first_broken_rule(s, hh, u, &i.areas()[ai]).is_some() {
                continue;
            }
            let cost = arc_cost(s, hh, u).1.total() + s.spread_per_household * (in_area[ai] + 1) as i64;
            let key = (u.area.0.clone(), u.id.0.clone());
            if best.as_ref().is_none_or(|(c, k, _)| (cost, &key) < (*c, k)) {
                best = Some((cost, key, ui));
            }
        }
        if let Some((cost, _, ui)) = best
            && cost < s.unplaced_penalty
        {
            taken[ui] = true;
            in_area[i.areas().iter().position(|a| a.id == i.units()[ui].area).expect("known")] += 1;
            out[h] = Some(ui);
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn hindsight_equals_the_brute_force_optimum(year in year(), settings in settings()) {
        let may = |h: usize, u: usize| year.available_from()[u] <= year.arrival_day()[h];
        let optimum = brute_force_with(year.instance(), &settings, &may, &|_, _| 0);
        let options = YearOptions { policy: Policy::Hindsight, ..YearOptions::default() };
        let plan = place_year(&year, &settings, &options).expect("solves");
        prop_assert_eq!(plan.proposal.objective, optimum);
        // When every unit is there from day 0, the year is one round.
        let all_there = Year::new(year.instance().clone(), year.arrival_day().to_vec(), vec![0; year.instance().units().len()]).expect("valid");
        let plan = place_year(&all_there, &settings, &options).expect("solves");
        prop_assert_eq!(plan.proposal.objective, place(year.instance(), &settings).expect("solves").objective);
    }

    #[test]
    fn every_policy_keeps_the_rules_and_never_beats_hindsight(
        year in year(), settings in settings(), history in history(), seed in 0u64..4
    ) {
        let may = |h: usize, u: usize| year.available_from()[u] <= year.arrival_day()[h];
        let lower = place_year(&year, &settings, &YearOptions { policy: Policy::Hindsight, ..YearOptions::default() })
            .expect("solves").proposal.objective;
        for (policy, history) in [(Policy::Online, &history[..]), (Policy::Online, &[][..]), (Policy::Greedy, &[][..])] {
            let options = YearOptions { policy, seed, history, ..YearOptions::default() };
            let plan = place_year(&year, &settings, &options).expect("decides");
            let assignment = unit_index(year.instance(), &plan.proposal);
            let cost = total_cost_with(year.instance(), &settings, &assignment, &may, &|_, _| 0);
            prop_assert_eq!(cost, Some(plan.proposal.objective), "{:?}", policy);
            prop_assert!(plan.proposal.objective >= lower);
            let shares: i64 = plan.proposal.placements.iter().map(|p| p.cost.total()).sum();
            prop_assert_eq!(shares, plan.proposal.objective);
        }
    }

    #[test]
    fn greedy_takes_the_cheapest_free_unit(year in year(), settings in settings()) {
        let options = YearOptions { policy: Policy::Greedy, ..YearOptions::default() };
        let plan = place_year(&year, &settings, &options).expect("decides");
        prop_assert_eq!(unit_index(year.instance(), &plan.proposal), plain_greedy(&year, &settings));
    }

    #[test]
    fn early_decisions_do_not_depend_on_later_arrivals(
        year in year(),
        settings in settings(),
        history in history(),
        other in instance(),
        other_days in prop::collection::vec(0..DAYS, 6),
        cut in 0..DAYS,
        seed in 0u64..4,
    ) {
        // The same year up to day `cut`; after it, other households.
        let i = year.instance();
        let mut households: Vec<Household> = Vec::new();
        let mut days = Vec::new();
        for (h, &d) in i.households().iter().zip(year.arrival_day()) {
            if d <= cut {
                households.push(h.clone());
                days.push(d);
            }
        }
        for (k, (h, &d)) in other.households().iter().zip(&other_days).enumerate() {
            if d > cut {
                households.push(Household { id: HouseholdId(format!("X{k}")), ..h.clone() });
                days.push(d);
            }
        }
        let changed = Year::new(
            Instance::new(households, i.units().to_vec(), i.areas().to_vec()).expect("valid"),
            days,
            year.available_from().to_vec(),
        ).expect("valid");
        for (policy, history) in [(Policy::Online, &history[..]), (Policy::Online, &[][..]), (Policy::Greedy, &[][..])] {
            let options = YearOptions { policy, seed, history, ..YearOptions::default() };
            let a = place_year(&year, &settings, &options).expect("decides");
            let b = place_year(&changed, &settings, &options).expect("decides");
            for (p, &d) in a.proposal.placements.iter().zip(year.arrival_day()) {
                if d <= cut {
                    let q = b.proposal.placements.iter().find(|q| q.household == p.household).expect("kept");
                    prop_assert_eq!(&p.unit, &q.unit, "{:?} changed {}", policy, p.household);
                }
            }
        }
    }
}

#[test]
fn a_later_arrival_is_what_online_holds_a_unit_back_for() {
    // One large unit and four small ones (room for every couple a scenario
    // may draw), all free from day 0. A couple
    // arrives on day 0 and may take either; last year a family of five came
    // on day 1 and only the large unit fits a family. Greedy gives the couple
    // the large unit, the cheaper one (permanent); online, knowing the
    // history, keeps it for the family.
    let text = |rows: &str| rows.to_owned();
    let areas = text("area_id,name,listed,existing_households\nA,Nord,0,0\nB,Syd,0,0\n");
    let units = text(
        "unit_id,area_id,rooms,rent,accessible,tenure,lat,lon\n\
         U1,A,3,5000,0,permanent,56.0,10.0\nU2,B,2,5000,0,temporary,56.0,10.0\n\
         U3,B,2,5000,0,temporary,56.0,10.0\nU4,B,2,5000,0,temporary,56.0,10.0\n\
         U5,B,2,5000,0,temporary,56.0,10.0\n",
    );
    let households = text(
        "household_id,adults,children,needs_accessible,max_rent,anchors\n\
         H1,2,0,0,9000,\nH2,2,3,0,9000,\n",
    );
    let src = |name, text| placement::input::Source { name, text };
    let instance = placement::input::read_instance(src("h", &households), src("u", &units), src("a", &areas)).expect("valid");
    // Last year: three such families on day 1 (a scenario draws from them,
    // or, a quarter of the time, from this year's arrivals so far: the couple).
    let history: Vec<Arrival> = (0..3).map(|_| Arrival { household: instance.households()[1].clone(), day: 1, area_cost: Vec::new() }).collect();
    let year = Year::new(instance, vec![0, 1], vec![0; 5]).expect("valid");
    let s = Settings::default();
    let run = |policy, history| {
        let options = YearOptions { policy, history, ..YearOptions::default() };
        place_year(&year, &s, &options).expect("decides").proposal
    };
    let greedy = run(Policy::Greedy, &[]);
    assert_eq!(greedy.placements[0].unit.as_ref().map(|u| u.as_str()), Some("U1"));
    assert_eq!(greedy.placements[1].unit, None);
    let online = run(Policy::Online, &history);
    assert_ne!(online.placements[0].unit.as_ref().map(|u| u.as_str()), Some("U1"));
    assert!(online.placements[0].unit.is_some());
    assert_eq!(online.placements[1].unit.as_ref().map(|u| u.as_str()), Some("U1"));
    let hindsight = run(Policy::Hindsight, &[]);
    assert_eq!(online.objective, hindsight.objective);
    assert!(greedy.objective > online.objective);
}
