//! The OR-Library assignment instances (Beasley) must reach their published optima.
//!
//! The files live outside the repository, in `../shared/data/benchmarks/orlib_assign`
//! relative to the project root.
mod common;

use flow::{INFINITE, Network};
use std::path::PathBuf;

fn data_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/benchmarks/orlib_assign");
    assert!(
        dir.join("assignopt.txt").is_file(),
        "the OR-Library assignment data is missing: expected {} (the shared data folder beside the \
         project root, with assign100.txt … assign800.txt and assignopt.txt)",
        dir.display()
    );
    dir
}

/// The published optima from `assignopt.txt`, as (file stem, optimum).
fn optima() -> Vec<(String, i128)> {
    let text = std::fs::read_to_string(data_dir().join("assignopt.txt")).unwrap();
    text.lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            let name = w.next()?;
            let value = w.next()?.parse().ok()?;
            name.starts_with("assign").then(|| (name.to_string(), value))
        })
        .collect()
}

/// An `assignN.txt` file: N, then the N×N cost matrix row by row.
fn assignment_network(name: &str) -> Network {
    let text = std::fs::read_to_string(data_dir().join(format!("{name}.txt"))).unwrap();
    let mut numbers = text.split_whitespace().map(|w| w.parse::<i64>().unwrap());
    let n = numbers.next().unwrap() as usize;
    let mut net = Network::with_capacity(2 * n, n * n);
    let agents: Vec<_> = (0..n).map(|_| net.add_node(1)).collect();
    let jobs: Vec<_> = (0..n).map(|_| net.add_node(-1)).collect();
    for &a in &agents {
        for &j in &jobs {
            net.add_arc(a, j, 0, INFINITE, numbers.next().expect("cost matrix is short"));
        }
    }
    assert!(numbers.next().is_none(), "{name}: trailing numbers after the cost matrix");
    net
}

#[test]
fn orlib_assignment_instances_reach_their_optima() {
    let optima = optima();
    assert_eq!(optima.len(), 8, "assignopt.txt should list 8 instances");
    for (name, optimum) in optima {
        let net = assignment_network(&name);
        let sol = net.solve().unwrap_or_else(|e| panic!("{name}: {e}"));
        common::check_certificate(&net, &sol);
        assert_eq!(sol.cost(), optimum, "{name}");
        assert!(sol.flows().iter().all(|&f| f == 0 || f == 1), "{name}: not an assignment");
    }
}
