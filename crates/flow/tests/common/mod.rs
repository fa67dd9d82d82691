//! Shared test helpers: the optimality certificate check and a plain reference solver.
#![allow(dead_code, reason = "each test file uses only some of the helpers; `expect` would fail in the files that use them all")]
#![expect(clippy::needless_range_loop, reason = "the reference solver indexes arcs and nodes as the textbook does")]

use flow::{ArcId, INFINITE, Network, NodeId, Solution};

/// Panics unless `sol` is a feasible flow of `net` whose potentials prove it
/// optimal (complementary slackness), and whose reported cost is right.
pub fn check_certificate(net: &Network, sol: &Solution) {
    let n = net.node_count();
    let m = net.arc_count();
    assert_eq!(sol.flows().len(), m);
    let mut balance = vec![0i128; n];
    let mut cost = 0i128;
    for k in 0..m {
        let a = ArcId::new(k);
        let f = sol.flow(a);
        let (u, v) = (net.source(a), net.target(a));
        assert!(f >= net.lower(a), "arc {k}: flow {f} below lower bound {}", net.lower(a));
        assert!(f <= net.capacity(a), "arc {k}: flow {f} above capacity {}", net.capacity(a));
        balance[u.index()] += f as i128;
        balance[v.index()] -= f as i128;
        cost += f as i128 * net.cost(a) as i128;
        let rc = net.cost(a) as i128 + sol.potential(u) as i128 - sol.potential(v) as i128;
        if rc > 0 {
            assert_eq!(f, net.lower(a), "arc {k}: reduced cost {rc} > 0 but flow above lower bound");
        }
        if rc < 0 {
            assert_eq!(f, net.capacity(a), "arc {k}: reduced cost {rc} < 0 but flow below capacity");
        }
    }
    for u in 0..n {
        assert_eq!(balance[u], net.supply(NodeId::new(u)) as i128, "node {u}: flow does not meet supply");
    }
    assert_eq!(sol.cost(), cost, "reported cost differs from the flows' cost");
}

/// What the reference solver found.
#[derive(Debug, PartialEq, Eq)]
pub enum Reference {
    Optimal(i128),
    Infeasible,
    Unbounded,
}

/// A deliberately plain min-cost flow solver, independent of the crate:
/// Bellman-Ford to detect unboundedness, then successive shortest paths with
/// Bellman-Ford on the residual graph after saturating negative arcs.
/// Only for small networks with small numbers.
pub fn reference(net: &Network) -> Reference {
    let n = net.node_count();
    let m = net.arc_count();
    // Unbounded: a negative cycle among infinite-capacity arcs.
    {
        let mut dist = vec![0i128; n];
        let mut changed = true;
        for _ in 0..=n {
            changed = false;
            for k in 0..m {
                let a = ArcId::new(k);
                if net.capacity(a) != INFINITE {
                    continue;
                }
                let (u, v) = (net.source(a).index(), net.target(a).index());
                if dist[u] + (net.cost(a) as i128) < dist[v] {
                    dist[v] = dist[u] + net.cost(a) as i128;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        if changed {
            return Reference::Unbounded;
        }
    }
    // Residual graph on n + 2 nodes (super source S = n, super sink T = n + 1).
    // Infinite capacities are replaced by a bound no optimal flow needs to exceed.
    let big: i128 = 1
        + (0..n).map(|u| (net.supply(NodeId::new(u)) as i128).abs()).sum::<i128>()
        + (0..m)
            .map(|k| {
                let a = ArcId::new(k);
                let c = if net.capacity(a) == INFINITE { 0 } else { net.capacity(a) as i128 - net.lower(a) as i128 };
                c + 2 * (net.lower(a) as i128).abs()
            })
            .sum::<i128>();
    let (s, t) = (n, n + 1);
    let mut to = Vec::new();
    let mut cap: Vec<i128> = Vec::new();
    let mut cost: Vec<i128> = Vec::new();
    let mut excess = vec![0i128; n];
    let mut base = 0i128;
    let add = |to: &mut Vec<usize>, cap: &mut Vec<i128>, cost: &mut Vec<i128>, from: usize, dest: usize, c: i128, w: i128| {
        // Edge 2i goes from->dest, edge 2i+1 is its reverse; "from" is stored by pairing.
        to.push(dest);
        cap.push(c);
        cost.push(w);
        to.push(from);
        cap.push(0);
        cost.push(-w);
    };
    for u in 0..n {
        excess[u] += net.supply(NodeId::new(u)) as i128;
    }
    for k in 0..m {
        let a = ArcId::new(k);
        let (u, v) = (net.source(a).index(), net.target(a).index());
        let lower = net.lower(a) as i128;
        let upper = if net.capacity(a) == INFINITE { lower + big } else { net.capacity(a) as i128 };
        let w = net.cost(a) as i128;
        // Send the lower bound first.
        base += lower * w;
        excess[u] -= lower;
        excess[v] += lower;
        let c = upper - lower;
        if w < 0 {
            // Saturate negative arcs, keep the reverse residual (positive cost).
            base += c * w;
            excess[u] -= c;
            excess[v] += c;
            add(&mut to, &mut cap, &mut cost, v, u, c, -w);
        } else {
            add(&mut to, &mut cap, &mut cost, u, v, c, w);
        }
    }
    let mut need = 0i128;
    for u in 0..n {
        if excess[u] > 0 {
            add(&mut to, &mut cap, &mut cost, s, u, excess[u], 0);
            need += excess[u];
        } else if excess[u] < 0 {
            add(&mut to, &mut cap, &mut cost, u, t, -excess[u], 0);
        }
    }
    let from = |e: usize, to: &Vec<usize>| to[e ^ 1];
    let total_nodes = n + 2;
    let mut total = base;
    while need > 0 {
        // Bellman-Ford from s (no negative cycles: all residual costs start >= 0
        // and successive shortest paths keep the residual graph free of them).
        let mut dist = vec![i128::MAX; total_nodes];
        let mut pred = vec![usize::MAX; total_nodes];
        dist[s] = 0;
        for _ in 0..total_nodes {
            let mut changed = false;
            for e in 0..to.len() {
                let u = from(e, &to);
                if cap[e] > 0 && dist[u] != i128::MAX && dist[u] + cost[e] < dist[to[e]] {
                    dist[to[e]] = dist[u] + cost[e];
                    pred[to[e]] = e;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        if dist[t] == i128::MAX {
            return Reference::Infeasible;
        }
        let mut push = need;
        let mut v = t;
        while v != s {
            let e = pred[v];
            push = push.min(cap[e]);
            v = from(e, &to);
        }
        let mut v = t;
        while v != s {
            let e = pred[v];
            cap[e] -= push;
            cap[e ^ 1] += push;
            v = from(e, &to);
        }
        total += push * dist[t];
        need -= push;
    }
    Reference::Optimal(total)
}

use proptest::prelude::*;

/// Node supplies (balanced) and arcs (tail, head, lower, capacity, cost).
#[derive(Clone, Debug)]
pub struct Spec {
    /// Supply of each node.
    pub supplies: Vec<i64>,
    /// The arcs.
    pub arcs: Vec<(usize, usize, i64, i64, i64)>,
}

/// Random small networks with up to `arcs_per_node` × n + 2 arcs.
pub fn spec(arcs_per_node: usize) -> impl Strategy<Value = Spec> {
    (1usize..9).prop_flat_map(move |n| {
        let supplies = prop::collection::vec(-5i64..=5, n);
        let arc = (0..n, 0..n, prop_oneof![3 => Just(0i64), 1 => -2i64..3], 0i64..7, prop::bool::weighted(0.2), -4i64..9);
        let arcs = prop::collection::vec(arc, 0..(arcs_per_node * n + 2));
        (supplies, arcs).prop_map(|(mut supplies, arcs)| {
            let sum: i64 = supplies.iter().sum();
            *supplies.last_mut().unwrap() -= sum;
            let arcs = arcs.into_iter().map(|(u, v, lower, extra, inf, cost)| (u, v, lower, if inf { flow::INFINITE } else { lower + extra }, cost)).collect();
            Spec { supplies, arcs }
        })
    })
}
