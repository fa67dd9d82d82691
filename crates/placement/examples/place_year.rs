//! The library calls behind `samplan place-year`, without the application
//! crate, so that the year benchmark (bench/placement/year.py) builds in
//! seconds: `place_year DIR POLICY SEED [HORIZON_DAYS]` reads
//! DIR/households.csv, DIR/units.csv, DIR/areas.csv and, for the online
//! policy, DIR/history.csv when it exists; prints the decision times, the
//! number placed and, last, `objective N` — the same lines as the command.
//! With `PLACE_YEAR_OUT=FILE` it also writes `household_id,unit_id` per household.
use placement::Settings;
use placement::input::Source;
use placement::year::{DEFAULT_HORIZON_DAYS, Policy, YearOptions, place_year, read_history, read_year};
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, dir, policy, seed, rest @ ..] = &args[..] else {
        eprintln!("usage: place_year DIR online|greedy|hindsight SEED [HORIZON_DAYS]");
        std::process::exit(2);
    };
    let dir = Path::new(dir);
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_default();
    let (h, u, a, past) = (read("households.csv"), read("units.csv"), read("areas.csv"), read("history.csv"));
    let year = read_year(Source { name: "households.csv", text: &h }, Source { name: "units.csv", text: &u }, Source { name: "areas.csv", text: &a })
        .unwrap_or_else(|e| panic!("{e}"));
    let history = if past.is_empty() { Vec::new() } else { read_history(Source { name: "history.csv", text: &past }).unwrap_or_else(|e| panic!("{e}")) };
    let policy = match policy.as_str() {
        "online" => Policy::Online,
        "greedy" => Policy::Greedy,
        _ => Policy::Hindsight,
    };
    let options = YearOptions {
        policy,
        seed: seed.parse().expect("seed"),
        history: &history,
        horizon_days: rest.first().map_or(DEFAULT_HORIZON_DAYS, |h| h.parse().expect("horizon")),
        ..YearOptions::default()
    };
    let plan = place_year(&year, &Settings::default(), &options).unwrap_or_else(|e| panic!("{e}"));
    let mut times: Vec<f64> = plan.days.iter().map(|d| d.seconds).collect();
    times.sort_by(f64::total_cmp);
    let total: f64 = times.iter().sum();
    println!("decisions {} median_ms {:.2} max_ms {:.2} total_s {:.3}", times.len(), times[times.len() / 2] * 1000.0, times[times.len() - 1] * 1000.0, total);
    let placed = plan.proposal.placements.iter().filter(|p| p.unit.is_some()).count();
    println!("placed {placed} of {}", plan.proposal.placements.len());
    if let Ok(out) = std::env::var("PLACE_YEAR_OUT") {
        let rows: String = plan.proposal.placements.iter().map(|p| format!("{},{}\n", p.household, p.unit.as_ref().map_or("", |u| u.as_str()))).collect();
        std::fs::write(out, rows).expect("write PLACE_YEAR_OUT");
    }
    println!("objective {}", plan.proposal.objective);
}
