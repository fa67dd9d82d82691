//! Hand-made networks whose optimum is worked out by hand in the comments.
mod common;

use common::check_certificate;
use flow::{ArcId, INFINITE, InvalidArcReason, Network, NodeId, SolveError};

fn solve_ok(net: &Network) -> flow::Solution {
    let sol = net.solve().expect("network should have an optimal flow");
    check_certificate(net, &sol);
    sol
}

#[test]
fn empty_network_costs_nothing() {
    let sol = solve_ok(&Network::new());
    assert_eq!(sol.cost(), 0);
    assert!(sol.flows().is_empty());
}

#[test]
fn single_path() {
    // 5 units s -> a -> t at 2 + 3 per unit.
    let mut net = Network::new();
    let s = net.add_node(5);
    let a = net.add_node(0);
    let t = net.add_node(-5);
    let x = net.add_arc(s, a, 0, 10, 2);
    let y = net.add_arc(a, t, 0, 10, 3);
    let sol = solve_ok(&net);
    assert_eq!(sol.cost(), 25);
    assert_eq!((sol.flow(x), sol.flow(y)), (5, 5));
}

#[test]
fn cheap_path_is_filled_first() {
    // Cheap path (cost 2) holds 3 units, the other 4 go direct at cost 5: 6 + 20.
    let mut net = Network::new();
    let s = net.add_node(7);
    let a = net.add_node(0);
    let t = net.add_node(-7);
    let sa = net.add_arc(s, a, 0, 3, 1);
    let at = net.add_arc(a, t, 0, INFINITE, 1);
    let st = net.add_arc(s, t, 0, INFINITE, 5);
    let sol = solve_ok(&net);
    assert_eq!(sol.cost(), 26);
    assert_eq!((sol.flow(sa), sol.flow(at), sol.flow(st)), (3, 3, 4));
}

#[test]
fn lower_bound_forces_expensive_arc() {
    // 4 units; the expensive arc (cost 10) must carry at least 3: 3*10 + 1*1.
    let mut net = Network::new();
    let s = net.add_node(4);
    let t = net.add_node(-4);
    let cheap = net.add_arc(s, t, 0, INFINITE, 1);
    let dear = net.add_arc(s, t, 3, 5, 10);
    let sol = solve_ok(&net);
    assert_eq!(sol.cost(), 31);
    assert_eq!((sol.flow(cheap), sol.flow(dear)), (1, 3));
}

#[test]
fn lower_bound_on_a_cycle_with_no_supply() {
    // Zero supplies, but the cycle a -> b -> a must carry 2 units: 2*(3 + 4).
    let mut net = Network::new();
    let a = net.add_node(0);
    let b = net.add_node(0);
    let ab = net.add_arc(a, b, 2, 6, 3);
    let ba = net.add_arc(b, a, 0, 9, 4);
    let sol = solve_ok(&net);
    assert_eq!(sol.cost(), 14);
    assert_eq!((sol.flow(ab), sol.flow(ba)), (2, 2));
}

#[test]
fn negative_cycle_with_finite_capacity_is_saturated() {
    // No supplies; the cycle costs 1 + 1 - 5 = -3 per unit and holds 4 units.
    let mut net = Network::new();
    let a = net.add_node(0);
    let b = net.add_node(0);
    let c = net.add_node(0);
    net.add_arc(a, b, 0, 10, 1);
    net.add_arc(b, c, 0, 4, 1);
    net.add_arc(c, a, 0, INFINITE, -5);
    let sol = solve_ok(&net);
    assert_eq!(sol.cost(), -12);
}

#[test]
fn negative_costs_and_supplies() {
    // 3 units s -> t: the path through a costs -2 + 1 = -1 but holds 2 units;
    // the third goes direct at cost 4. Total -2 + 4 = 2.
    let mut net = Network::new();
    let s = net.add_node(3);
    let a = net.add_node(0);
    let t = net.add_node(-3);
    net.add_arc(s, a, 0, 2, -2);
    net.add_arc(a, t, 0, 5, 1);
    net.add_arc(s, t, 0, 5, 4);
    let sol = solve_ok(&net);
    assert_eq!(sol.cost(), 2);
}

#[test]
fn parallel_arcs_are_used_cheapest_first() {
    // Three parallel arcs of capacity 2 with costs 3, 1, 2; 5 units: 2*1 + 2*2 + 1*3.
    let mut net = Network::new();
    let s = net.add_node(5);
    let t = net.add_node(-5);
    let a3 = net.add_arc(s, t, 0, 2, 3);
    let a1 = net.add_arc(s, t, 0, 2, 1);
    let a2 = net.add_arc(s, t, 0, 2, 2);
    let sol = solve_ok(&net);
    assert_eq!(sol.cost(), 9);
    assert_eq!((sol.flow(a1), sol.flow(a2), sol.flow(a3)), (2, 2, 1));
}

#[test]
fn zero_supply_positive_costs_send_nothing() {
    let mut net = Network::new();
    let a = net.add_node(0);
    let b = net.add_node(0);
    net.add_arc(a, b, 0, 10, 2);
    net.add_arc(b, a, 0, 10, 3);
    let sol = solve_ok(&net);
    assert_eq!(sol.cost(), 0);
    assert!(sol.flows().iter().all(|&f| f == 0));
}

#[test]
fn negative_lower_bound_allows_reverse_flow() {
    // Arc b -> a with bounds [-3, 0] at cost 2 acts as a -> b for 3 units at cost -2 per unit
    // of its own flow; sending 3 units a -> b that way costs 3 * (-1) * 2 = -6.
    let mut net = Network::new();
    let a = net.add_node(3);
    let b = net.add_node(-3);
    let ba = net.add_arc(b, a, -3, 0, 2);
    let sol = solve_ok(&net);
    assert_eq!(sol.flow(ba), -3);
    assert_eq!(sol.cost(), -6);
}

#[test]
fn self_loop_with_negative_cost_is_filled() {
    let mut net = Network::new();
    let a = net.add_node(0);
    let l = net.add_arc(a, a, 0, 7, -2);
    let sol = solve_ok(&net);
    assert_eq!(sol.flow(l), 7);
    assert_eq!(sol.cost(), -14);
}

#[test]
fn transportation_problem() {
    // Supplies 20, 30; demands 10, 25, 15. Costs:
    //        d1 d2 d3
    //   s1    8  6 10
    //   s2    9 12 13
    // Optimum by hand: s1->d2 20 (120), s2->d1 10 (90), s2->d2 5 (60), s2->d3 15 (195) = 465.
    let mut net = Network::new();
    let s = [net.add_node(20), net.add_node(30)];
    let d = [net.add_node(-10), net.add_node(-25), net.add_node(-15)];
    let cost = [[8, 6, 10], [9, 12, 13]];
    for (i, &si) in s.iter().enumerate() {
        for (j, &dj) in d.iter().enumerate() {
            net.add_arc(si, dj, 0, INFINITE, cost[i][j]);
        }
    }
    let sol = solve_ok(&net);
    assert_eq!(sol.cost(), 465);
}

#[test]
fn infeasible_when_capacity_is_short() {
    let mut net = Network::new();
    let s = net.add_node(5);
    let t = net.add_node(-5);
    net.add_arc(s, t, 0, 4, 1);
    assert_eq!(net.solve(), Err(SolveError::Infeasible));
}

#[test]
fn infeasible_when_disconnected() {
    let mut net = Network::new();
    let s = net.add_node(1);
    let t = net.add_node(-1);
    net.add_arc(t, s, 0, INFINITE, 1);
    assert_eq!(net.solve(), Err(SolveError::Infeasible));
}

#[test]
fn infeasible_lower_bound_with_no_way_back() {
    let mut net = Network::new();
    let a = net.add_node(0);
    let b = net.add_node(0);
    net.add_arc(a, b, 1, 2, 0);
    assert_eq!(net.solve(), Err(SolveError::Infeasible));
}

#[test]
fn unbounded_negative_cycle() {
    let mut net = Network::new();
    let s = net.add_node(1);
    let a = net.add_node(0);
    let t = net.add_node(-1);
    net.add_arc(s, a, 0, 1, 1);
    net.add_arc(a, t, 0, 1, 1);
    net.add_arc(a, t, 0, INFINITE, -1);
    net.add_arc(t, a, 0, INFINITE, -1);
    assert_eq!(net.solve(), Err(SolveError::Unbounded));
}

#[test]
fn negative_cycle_with_one_finite_arc_is_bounded() {
    let mut net = Network::new();
    let a = net.add_node(0);
    let b = net.add_node(0);
    net.add_arc(a, b, 0, INFINITE, -1);
    net.add_arc(b, a, 0, 9, -1);
    let sol = solve_ok(&net);
    assert_eq!(sol.cost(), -18);
}

#[test]
fn unbalanced_supplies_are_refused() {
    let mut net = Network::new();
    net.add_node(3);
    net.add_node(-2);
    assert_eq!(net.solve(), Err(SolveError::Unbalanced { supply_sum: 1 }));
}

#[test]
fn invalid_arcs_are_refused() {
    let mut net = Network::new();
    let a = net.add_node(0);
    let b = net.add_node(0);
    net.add_arc(a, b, 0, 1, 1);
    net.add_arc(a, b, 3, 2, 1);
    assert_eq!(net.solve(), Err(SolveError::InvalidArc { arc: ArcId::new(1), reason: InvalidArcReason::LowerAboveCapacity { lower: 3, capacity: 2 } }));
    let mut net = Network::new();
    let a = net.add_node(0);
    net.add_arc(a, a, INFINITE, INFINITE, 1);
    assert!(matches!(net.solve(), Err(SolveError::InvalidArc { reason: InvalidArcReason::InfiniteLower, .. })));
}

#[test]
fn huge_numbers_are_refused_not_overflowed() {
    let mut net = Network::new();
    let a = net.add_node(0);
    let b = net.add_node(0);
    net.add_arc(a, b, 0, 1, i64::MIN);
    assert!(matches!(net.solve(), Err(SolveError::TooLarge { .. })));
    let mut net = Network::new();
    let a = net.add_node(i64::MAX);
    let b = net.add_node(-i64::MAX);
    net.add_arc(a, b, 0, INFINITE, 1);
    assert!(matches!(net.solve(), Err(SolveError::TooLarge { .. })));
    let mut net = Network::new();
    net.add_node(i64::MAX);
    net.add_node(i64::MAX);
    assert!(matches!(net.solve(), Err(SolveError::TooLarge { .. })));
}

#[test]
fn error_messages_are_english_lowercase() {
    for e in [SolveError::Infeasible, SolveError::Unbounded, SolveError::Unbalanced { supply_sum: 2 }] {
        let text = e.to_string();
        assert!(text.chars().next().unwrap().is_lowercase(), "{text}");
    }
}

#[test]
fn ids_round_trip() {
    assert_eq!(NodeId::new(7).index(), 7);
    assert_eq!(NodeId::from(7u32), NodeId::new(7));
    assert_eq!(ArcId::new(3).index(), 3);
    assert_eq!(usize::from(ArcId::from(3u32)), 3);
}

#[test]
fn same_input_gives_same_flows() {
    // Many optimal solutions (all costs equal); the answer must not vary.
    let mut net = Network::new();
    let s: Vec<_> = (0..6).map(|_| net.add_node(2)).collect();
    let t: Vec<_> = (0..4).map(|_| net.add_node(-3)).collect();
    for &u in &s {
        for &v in &t {
            net.add_arc(u, v, 0, 2, 1);
        }
    }
    let first = solve_ok(&net);
    for _ in 0..5 {
        assert_eq!(net.solve().unwrap(), first);
    }
}
