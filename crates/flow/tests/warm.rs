//! Warm starts (`Network::solve_from`): starting from an earlier optimal tree
//! must reach the same optimum as a cold solve, with a valid certificate, and
//! a basis that does not fit the network must be refused, never trusted.
mod common;

use common::{check_certificate, reference, spec, Reference, Spec};
use flow::{Network, NodeId, SolveError, INFINITE};
use proptest::prelude::*;

/// The network with the first `arcs` arcs of the spec, costs changed by `cost_of(arc index, cost)`.
fn build(spec: &Spec, arcs: usize, cost_of: impl Fn(usize, i64) -> i64) -> Network {
    let mut net = Network::new();
    for &s in &spec.supplies {
        net.add_node(s);
    }
    for (k, &(u, v, lower, cap, cost)) in spec.arcs.iter().take(arcs).enumerate() {
        net.add_arc(NodeId::new(u), NodeId::new(v), lower, cap, cost_of(k, cost));
    }
    net
}

fn outcome(result: Result<flow::Solution, SolveError>, net: &Network) -> Reference {
    match result {
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
    #![proptest_config(ProptestConfig::with_cases(600))]

    /// Column generation: solve with the first arcs, add the rest (with lower
    /// bound 0, so the old flow stays feasible), go on.
    #[test]
    fn adding_arcs_then_warm_starting_agrees_with_a_cold_solve(mut spec in spec(4), cut in 0.0f64..1.0) {
        let prefix = (spec.arcs.len() as f64 * cut) as usize;
        for arc in &mut spec.arcs[prefix..] {
            arc.2 = 0;
            arc.3 = arc.3.max(0);
        }
        let first = build(&spec, prefix, |_, c| c);
        let Ok(start) = first.solve() else { return Ok(()) };
        let full = build(&spec, spec.arcs.len(), |_, c| c);
        let warm = outcome(full.solve_from(start.basis()), &full);
        prop_assert_eq!(&warm, &reference(&full));
        prop_assert_eq!(warm, outcome(full.solve(), &full));
    }

    /// Cost changes keep the old tree feasible; the optimum must follow the new costs.
    #[test]
    fn changing_costs_then_warm_starting_agrees_with_a_cold_solve(
        spec in spec(4),
        delta in prop::collection::vec(-6i64..6, 40),
    ) {
        let before = build(&spec, spec.arcs.len(), |_, c| c);
        let Ok(start) = before.solve() else { return Ok(()) };
        let after = build(&spec, spec.arcs.len(), |k, c| c + delta[k % delta.len()]);
        prop_assert_eq!(outcome(after.solve_from(start.basis()), &after), reference(&after));
    }

    /// An optimal basis started from again needs no change.
    #[test]
    fn warm_starting_from_the_optimum_returns_it(spec in spec(4)) {
        let net = build(&spec, spec.arcs.len(), |_, c| c);
        let Ok(sol) = net.solve() else { return Ok(()) };
        let again = net.solve_from(sol.basis()).unwrap();
        prop_assert_eq!(again.cost(), sol.cost());
        prop_assert_eq!(again.flows(), sol.flows());
        prop_assert_eq!(again.basis(), sol.basis());
    }
}

fn two_paths() -> (Network, NodeId, NodeId) {
    let mut net = Network::new();
    let s = net.add_node(3);
    let a = net.add_node(0);
    let t = net.add_node(-3);
    net.add_arc(s, a, 0, 2, 1);
    net.add_arc(a, t, 0, 2, 1);
    net.add_arc(s, t, 0, INFINITE, 5);
    (net, s, t)
}

#[test]
fn a_basis_for_other_nodes_is_refused() {
    let (net, _, _) = two_paths();
    let sol = net.solve().unwrap();
    let mut bigger = net.clone();
    bigger.add_node(0);
    assert_eq!(bigger.solve_from(sol.basis()), Err(SolveError::InvalidBasis));
    let mut fewer_arcs = Network::new();
    for u in 0..3 {
        fewer_arcs.add_node(net.supply(NodeId::new(u)));
    }
    assert_eq!(fewer_arcs.solve_from(sol.basis()), Err(SolveError::InvalidBasis));
}

#[test]
fn a_basis_whose_flow_breaks_the_new_bounds_is_refused() {
    let (net, _, _) = two_paths();
    let sol = net.solve().unwrap();
    assert_eq!(sol.cost(), 2 * 2 + 5);
    // Same shape, but the supplies changed: the old tree's flow no longer fits.
    let mut other = Network::new();
    let s2 = other.add_node(1);
    let a2 = other.add_node(0);
    let t2 = other.add_node(-1);
    other.add_arc(s2, a2, 0, 2, 1);
    other.add_arc(a2, t2, 0, 2, 1);
    other.add_arc(s2, t2, 0, 0, 5);
    assert_eq!(other.solve_from(sol.basis()), Err(SolveError::InvalidBasis));
}

#[test]
fn warm_start_after_adding_a_cheaper_path() {
    let (mut net, s, t) = two_paths();
    let first = net.solve().unwrap();
    let cheap = net.add_arc(s, t, 0, 2, 1);
    let warm = net.solve_from(first.basis()).unwrap();
    check_certificate(&net, &warm);
    assert_eq!(warm.cost(), net.solve().unwrap().cost());
    assert_eq!(warm.flow(cheap), 2);
    assert_eq!(warm.cost(), 2 + 2, "two units on the new arc, one round the path");
}
