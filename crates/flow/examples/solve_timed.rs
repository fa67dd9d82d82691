//! Reads a DIMACS min-cost flow file, solves it once with `Network::solve` and prints
//! `cost C parse_s P solve_s S` (used by `bench/employment/run.py`).
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: solve_timed FILE.min");
    let text = std::fs::read_to_string(&path).expect("readable file");
    let t = Instant::now();
    let problem = flow::dimacs::parse(&text).expect("a DIMACS min-cost flow problem");
    let parse = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let solution = problem.network().solve().expect("an optimal solution");
    let solve = t.elapsed().as_secs_f64();
    println!("cost {} parse_s {parse:.4} solve_s {solve:.4}", solution.cost());
}
