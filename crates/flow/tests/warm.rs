//! Warm starts (`Network::solve_from`): starting from an earlier optimal tree
//! must reach the same optimum as a cold solve, with a valid certificate, and
//! a basis that does not fit the network must be refused, never trusted.
mod common;

use common::{Reference, Spec, check_certificate, reference, spec};
use flow::{ArcId, Basis, INFINITE, Network, NodeId, Pricing, SolveError};
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

    /// The block size changes the pivots, never the optimum.
    #[test]
    fn any_block_size_reaches_the_optimum(spec in spec(4), factor in prop_oneof![Just(0.0), 0.1f64..8.0, Just(f64::NAN)]) {
        let net = build(&spec, spec.arcs.len(), |_, c| c);
        let pricing = Pricing { block_factor: factor };
        prop_assert_eq!(outcome(net.solve_with(None, pricing), &net), reference(&net));
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

/// Two households, two units with room for one each, a sink; unplaced costs 100.
/// Arcs: 0, 1 unplaced (h → sink); 2 = h0 → u0 (cost 3), 3 = h0 → u1 (1),
/// 4 = h1 → u1 (2); 5, 6 = u → sink.
fn assignment() -> Network {
    let mut net = Network::new();
    let h: Vec<NodeId> = (0..2).map(|_| net.add_node(1)).collect();
    let u: Vec<NodeId> = (0..2).map(|_| net.add_node(0)).collect();
    let sink = net.add_node(-2);
    for &h in &h {
        net.add_arc(h, sink, 0, 1, 100);
    }
    net.add_arc(h[0], u[0], 0, 1, 3);
    net.add_arc(h[0], u[1], 0, 1, 1);
    net.add_arc(h[1], u[1], 0, 1, 2);
    for &u in &u {
        net.add_arc(u, sink, 0, 1, 0);
    }
    net
}

#[test]
fn a_basis_made_from_a_heuristic_assignment_is_solved_to_the_optimum() {
    let net = assignment();
    // Greedy: h0 takes u1 (arcs 3 and 6 at capacity), h1 is left unplaced;
    // the sink hangs on h1's unplaced arc (flow 1), everything else on the root.
    let at_upper = vec![false, false, false, true, false, false, true];
    let mut tree = vec![None; 5];
    tree[4] = Some(ArcId::new(1));
    let sol = net.solve_from(&Basis::new(tree, at_upper)).unwrap();
    check_certificate(&net, &sol);
    assert_eq!(sol.cost(), 3 + 2);
    assert_eq!(sol.cost(), net.solve().unwrap().cost());
}

#[test]
fn a_made_basis_that_is_not_strongly_feasible_is_refused() {
    let net = assignment();
    // Nothing at capacity: the sink's tree arc would have to bring its whole
    // demand of 2, over its capacity of 1.
    let mut tree = vec![None; 5];
    tree[4] = Some(ArcId::new(1));
    assert_eq!(net.solve_from(&Basis::new(tree, vec![false; 7])), Err(SolveError::InvalidBasis));
    // The sink on an arc carrying nothing cannot send flow towards the root.
    let mut tree = vec![None; 5];
    tree[4] = Some(ArcId::new(0));
    let at_upper = vec![false, true, false, true, false, false, true];
    assert_eq!(net.solve_from(&Basis::new(tree, at_upper)), Err(SolveError::InvalidBasis));
    // One arc named as the tree arc of both its ends.
    let mut tree = vec![None; 5];
    tree[0] = Some(ArcId::new(3));
    tree[3] = Some(ArcId::new(3));
    assert_eq!(net.solve_from(&Basis::new(tree, vec![false; 7])), Err(SolveError::InvalidBasis));
}
