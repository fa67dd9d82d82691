//! Fuzz target for the `flow` crate: the DIMACS reader and the solver must
//! never panic, and every answer must be right.
//!
//! The first byte picks the mode. Even: the rest is DIMACS text, parsed (with
//! small limits) and, if valid, solved. Odd: the rest is decoded directly into
//! a small network, so the solver sees many more shapes per second; numbers
//! are small or, when a flag bit says so, extreme (to exercise the overflow
//! checks). Every optimal solution must pass the optimality certificate, and
//! for small numbers the outcome must match the plain reference solver of the
//! crate's tests.
#![no_main]

#[path = "../../crates/flow/tests/common/mod.rs"]
mod common;

use common::{check_certificate, reference, Reference};
use flow::{dimacs, Network, NodeId, SolveError, INFINITE};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    if mode % 2 == 0 {
        let Ok(text) = std::str::from_utf8(rest) else { return };
        let limits = dimacs::Limits { max_nodes: 300, max_arcs: 3000 };
        match dimacs::parse_with_limits(text, limits) {
            Ok(problem) => check(problem.network(), false),
            Err(e) => {
                // The message must name the line, and the line must exist.
                assert!(e.to_string().starts_with(&format!("line {}: ", e.line)));
                assert!(e.line >= 1 && e.line <= text.lines().count().max(1));
            }
        }
    } else {
        let (net, small) = decode(rest);
        check(&net, small);
    }
});

/// Solves and checks; compares with the reference when `small`.
fn check(net: &Network, small: bool) {
    let result = net.solve();
    if let Ok(sol) = &result {
        check_certificate(net, sol);
    }
    if small && net.node_count() <= 12 && net.arc_count() <= 40 {
        let expected = reference(net);
        let got = match result {
            Ok(sol) => Reference::Optimal(sol.cost()),
            Err(SolveError::Infeasible) => Reference::Infeasible,
            Err(SolveError::Unbounded) => Reference::Unbounded,
            Err(SolveError::Unbalanced { .. }) => return,
            Err(e) => panic!("unexpected {e} for a small network"),
        };
        assert_eq!(got, expected, "{net:?}");
    }
}

/// Decodes bytes into a network; returns whether all numbers are small.
fn decode(bytes: &[u8]) -> (Network, bool) {
    let mut it = bytes.iter().copied();
    let mut next = move || it.next();
    let mut small = true;
    let mut net = Network::new();
    let Some(head) = next() else { return (net, true) };
    let n = 1 + (head % 16) as usize;
    let balance = head & 0x80 == 0;
    let mut sum = 0i64;
    for u in 0..n {
        let b = next().unwrap_or(0);
        let mut s = if balance && u + 1 == n { -sum } else { (b as i8 as i64) % 9 };
        if b == 0x7f {
            s = i64::MAX / 3;
            small = false;
        }
        sum = sum.saturating_add(s);
        net.add_node(s);
    }
    while let (Some(ends), Some(bounds), Some(cost)) = (next(), next(), next()) {
        let u = NodeId::new((ends & 0x0f) as usize % n);
        let v = NodeId::new((ends >> 4) as usize % n);
        let lower = if bounds & 0x08 != 0 { (bounds & 0x03) as i64 - 1 } else { 0 };
        let capacity = if bounds & 0xf0 == 0xf0 { INFINITE } else { lower + ((bounds >> 4) as i64 % 9) };
        let mut c = (cost as i8 as i64) % 17;
        if bounds & 0x04 != 0 && cost & 0x80 != 0 {
            // Extreme values for the overflow checks.
            small = false;
            c = match cost & 0x03 {
                0 => i64::MAX,
                1 => i64::MIN,
                2 => i64::MAX / 16,
                _ => -(1 << 40),
            };
        }
        net.add_arc(u, v, lower, capacity, c);
    }
    (net, small)
}
