//! Property tests (proptest): invariances of the optimum and of the DIMACS round trip.
mod common;

use common::{Reference, Spec, check_certificate, reference, spec};
use flow::{ArcId, Network, NodeId, SolveError, dimacs};
use proptest::prelude::*;

/// Builds the network, with costs changed by `cost_of(arc index, tail, head, cost)`.
fn build(spec: &Spec, cost_of: impl Fn(usize, usize, usize, i64) -> i64) -> Network {
    let mut net = Network::new();
    for &s in &spec.supplies {
        net.add_node(s);
    }
    for (k, &(u, v, lower, cap, cost)) in spec.arcs.iter().enumerate() {
        net.add_arc(NodeId::new(u), NodeId::new(v), lower, cap, cost_of(k, u, v, cost));
    }
    net
}

fn outcome(net: &Network) -> Reference {
    match net.solve() {
        Ok(sol) => {
            check_certificate(net, &sol);
            Reference::Optimal(sol.cost())
        }
        Err(SolveError::Infeasible) => Reference::Infeasible,
        Err(SolveError::Unbounded) => Reference::Unbounded,
        Err(e) => panic!("unexpected error {e}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn agrees_with_the_reference_solver(spec in spec(3)) {
        let net = build(&spec, |_, _, _, c| c);
        prop_assert_eq!(outcome(&net), reference(&net));
    }

    #[test]
    fn scaling_costs_scales_the_optimum(spec in spec(3), k in 1i64..50) {
        let base = outcome(&build(&spec, |_, _, _, c| c));
        let scaled = outcome(&build(&spec, |_, _, _, c| c * k));
        let expected = match base {
            Reference::Optimal(c) => Reference::Optimal(c * k as i128),
            other => other,
        };
        prop_assert_eq!(scaled, expected);
    }

    #[test]
    fn node_potentials_shift_the_optimum_by_their_supply_sum(
        spec in spec(3),
        p in prop::collection::vec(-20i64..20, 8),
    ) {
        // cost'(u, v) = cost + p(u) - p(v) changes every feasible flow's cost by Σ p(u)·supply(u).
        let base = outcome(&build(&spec, |_, _, _, c| c));
        let shifted = outcome(&build(&spec, |_, u, v, c| c + p[u] - p[v]));
        let offset: i128 = spec.supplies.iter().enumerate().map(|(u, &s)| p[u] as i128 * s as i128).sum();
        let expected = match base {
            Reference::Optimal(c) => Reference::Optimal(c + offset),
            other => other,
        };
        prop_assert_eq!(shifted, expected);
    }

    #[test]
    fn arc_order_does_not_change_the_optimum(spec in spec(3), seed in any::<u64>()) {
        let mut shuffled = spec.clone();
        // A deterministic shuffle driven by the seed.
        let mut s = seed | 1;
        for i in (1..shuffled.arcs.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            shuffled.arcs.swap(i, (s % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(outcome(&build(&spec, |_, _, _, c| c)), outcome(&build(&shuffled, |_, _, _, c| c)));
    }

    #[test]
    fn dimacs_round_trip(spec in spec(3)) {
        let net = build(&spec, |_, _, _, c| c);
        let mut text = Vec::new();
        dimacs::write_problem(&mut text, &net).unwrap();
        let parsed = dimacs::parse(std::str::from_utf8(&text).unwrap()).unwrap();
        prop_assert_eq!(parsed.network(), &net);
        if net.arc_count() > 0 {
            prop_assert!(parsed.arc_line(ArcId::new(0)) >= 2);
        }
    }

    #[test]
    fn the_parser_never_panics(text in "(c[^\n]*\n|p min [0-9]{1,3} [0-9]{1,3}\n|n -?[0-9]{1,3} -?[0-9]{1,4}\n|a -?[0-9]{1,2} [0-9]{1,2} -?[0-9]{1,3} [0-9]{1,3} -?[0-9]{1,3}\n|[ -~]{0,12}\n){0,12}") {
        if let Ok(problem) = dimacs::parse(&text) {
            let _ = problem.network().solve();
        }
    }
}
