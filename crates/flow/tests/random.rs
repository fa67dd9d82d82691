//! Random networks solved by the simplex and by the plain reference solver in
//! `common`, which must agree; every optimum must also pass the certificate.
mod common;

use common::{Reference, check_certificate, reference};
use flow::{INFINITE, Network, NodeId, SolveError};

/// SplitMix64: a small deterministic generator, so failures are reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % ((hi - lo + 1) as u64)) as i64
    }
}

/// A random network; `shape` varies density, bounds and the sign of costs.
fn random_network(rng: &mut Rng, shape: u64) -> Network {
    let n = rng.range(1, 12) as usize;
    let m = rng.range(0, (n * n.min(6)) as i64 + 2) as usize;
    let mut net = Network::new();
    // Balanced supplies: random values, the last node takes the remainder.
    let mut sum = 0;
    for u in 0..n {
        let s = if u + 1 == n {
            -sum
        } else if rng.range(0, 2) == 0 {
            rng.range(-6, 6)
        } else {
            0
        };
        sum += s;
        net.add_node(s);
    }
    for _ in 0..m {
        let u = NodeId::new(rng.range(0, n as i64 - 1) as usize);
        let v = NodeId::new(rng.range(0, n as i64 - 1) as usize);
        let lower = if shape.is_multiple_of(3) && rng.range(0, 3) == 0 { rng.range(-2, 3) } else { 0 };
        let capacity = if rng.range(0, 4) == 0 { INFINITE } else { lower + rng.range(0, 8) };
        let cost = if shape.is_multiple_of(2) { rng.range(-5, 10) } else { rng.range(0, 10) };
        net.add_arc(u, v, lower, capacity, cost);
    }
    net
}

#[test]
fn simplex_agrees_with_reference_on_random_networks() {
    let mut rng = Rng(20261123);
    let (mut optimal, mut infeasible, mut unbounded) = (0, 0, 0);
    for case in 0..4000u64 {
        let net = random_network(&mut rng, case);
        let expected = reference(&net);
        match (net.solve(), &expected) {
            (Ok(sol), Reference::Optimal(cost)) => {
                check_certificate(&net, &sol);
                assert_eq!(sol.cost(), *cost, "case {case}: {net:?}");
                optimal += 1;
            }
            (Err(SolveError::Infeasible), Reference::Infeasible) => infeasible += 1,
            (Err(SolveError::Unbounded), Reference::Unbounded) => unbounded += 1,
            (got, _) => panic!("case {case}: got {got:?}, reference {expected:?} for {net:?}"),
        }
    }
    // The generator must exercise all three outcomes, or this test proves little.
    assert!(optimal > 1000 && infeasible > 100 && unbounded > 50, "{optimal} {infeasible} {unbounded}");
}

#[test]
fn larger_random_networks_pass_the_certificate() {
    let mut rng = Rng(7);
    for case in 0..40u64 {
        let n = rng.range(50, 400) as usize;
        let m = n * rng.range(2, 10) as usize;
        let mut net = Network::new();
        let mut sum = 0;
        for u in 0..n {
            let s = if u + 1 == n { -sum } else { rng.range(-20, 20) };
            sum += s;
            net.add_node(s);
        }
        // A cycle through all nodes with infinite capacity keeps it feasible.
        for u in 0..n {
            net.add_arc(NodeId::new(u), NodeId::new((u + 1) % n), 0, INFINITE, 1000);
        }
        for _ in 0..m {
            let u = NodeId::new(rng.range(0, n as i64 - 1) as usize);
            let v = NodeId::new(rng.range(0, n as i64 - 1) as usize);
            let lower = if case % 2 == 0 { rng.range(0, 2) } else { 0 };
            net.add_arc(u, v, lower, lower + rng.range(0, 30), rng.range(-50, 100));
        }
        match net.solve() {
            Ok(sol) => {
                check_certificate(&net, &sol);
                if n <= 120 {
                    assert_eq!(reference(&net), Reference::Optimal(sol.cost()), "case {case}");
                }
            }
            Err(SolveError::Infeasible) => assert_eq!(reference(&net), Reference::Infeasible),
            Err(e) => panic!("case {case}: {e}"),
        }
    }
}
