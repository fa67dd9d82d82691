//! `samplan match-round`: the employment round "Lav matchforslag" on a round read from a
//! JSON file instead of the database: the same `employment::round` functions the server
//! runs (the candidate network with the hard rules and soft costs, the exact solve with
//! `flow`, the reasons of the proposed pairs) by the shipped rule set. For trying a round
//! by hand and for the benchmark `bench/employment`, which also hands the network it
//! writes to another solver.
use crate::employment::OpeningView;
use crate::employment::matching::{Candidate, MatchSettings};
use crate::employment::round;
use serde::Deserialize;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Kør matchrunden («Lav matchforslag») på tilbud og personer fra en JSON-fil.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Runden: {"today": "ÅÅÅÅ-MM-DD", "openings": [...], "persons": [...], "settings": {...}}
    /// (tilbud og personer som i API'et; settings kan udelades).
    #[arg(value_name = "ROUND.json")]
    pub file: PathBuf,
    /// Forslaget: opening_id,person_id,score,reasons (én linje pr. par).
    #[arg(long, value_name = "RESULT.csv")]
    pub out: Option<PathBuf>,
    /// Skriv netværket, som det løses, i DIMACS-format (p min …).
    #[arg(long, value_name = "NETWORK.min")]
    pub network: Option<PathBuf>,
    /// Kør runden så mange gange og skriv bedste og midterste tid.
    #[arg(long, default_value_t = 1)]
    pub repeat: u32,
}

/// A round as read.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    today: String,
    #[serde(default)]
    settings: MatchSettings,
    openings: Vec<OpeningView>,
    persons: Vec<Candidate>,
}

/// A failure with its exit status: 2 for bad input, 1 otherwise.
struct Failure(u8, String);

/// Runs `samplan match-round`.
pub fn run(args: Args) -> ExitCode {
    match execute(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(code, message)) => {
            eprintln!("samplan: error: {message}");
            ExitCode::from(code)
        }
    }
}

/// The times of one round: building the network, solving, explaining, in all, and the
/// CPU time of the thread.
struct Times {
    network: Duration,
    solve: Duration,
    reasons: Duration,
    round: Duration,
    cpu: Option<Duration>,
}

fn execute(args: &Args) -> Result<(), Failure> {
    let started = Instant::now();
    let name = args.file.display().to_string();
    let text = std::fs::read_to_string(&args.file).map_err(|e| Failure(2, format!("{name}: kan ikke læses: {e}")))?;
    let input: Input = serde_json::from_str(&text).map_err(|e| Failure(2, format!("{name}: {e}")))?;
    drop(text);
    let read = started.elapsed();
    // As the server: open openings with free seats, job-ready persons without a place.
    let openings: Vec<OpeningView> = input.openings.iter().filter(|o| o.status == "open" && o.taken < o.seats).cloned().collect();
    let people: Vec<Candidate> = input.persons.into_iter().filter(|c| c.row.job_ready == 1 && c.placed_in.is_none()).collect();
    let rules = rules::RuleSet::shipped();
    let today = chrono::NaiveDate::parse_from_str(&input.today, "%Y-%m-%d")
        .map_err(|_| Failure(2, format!("{name}: today: «{}» er ikke en dato (ÅÅÅÅ-MM-DD)", input.today)))?;
    let s = &input.settings;

    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..args.repeat.max(1) {
        let cpu = super::solve_mcf::thread_cpu_time();
        let t = Instant::now();
        let net = round::candidate_network(&openings, &input.openings, &people, s, rules, today);
        let network = t.elapsed();
        let chosen = round::solve(&net.seats, &net.groups, people.len(), &net.arcs).map_err(|e| Failure(1, format!("runden kunne ikke løses: {e}")))?;
        let solve = t.elapsed() - network;
        let proposed = round::explain_pairs(&openings, &people, &net, &chosen, s, rules, today);
        let round = t.elapsed();
        let cpu = cpu.zip(super::solve_mcf::thread_cpu_time()).map(|(a, b)| b.saturating_sub(a));
        times.push(Times { network, solve, reasons: round - network - solve, round, cpu });
        last = Some((net, chosen, proposed));
    }
    let (net, chosen, proposed) = last.expect("at least one round");

    if let Some(path) = &args.network {
        let (network, _) = round::network(&net.seats, &net.groups, people.len(), &net.arcs);
        write(path, |out| flow::dimacs::write_problem(out, &network))?;
    }
    if let Some(path) = &args.out {
        write(path, |out| {
            writeln!(out, "opening_id,person_id,score,reasons")?;
            for p in &proposed {
                let reasons = p.fit.reasons.join("; ").replace('"', "\"\"");
                writeln!(out, "{},{},{},\"{reasons}\"", openings[p.opening].id, people[p.person].row.person_id, p.fit.score)?;
            }
            Ok(())
        })?;
    }
    let seats: i64 = net.seats.iter().sum();
    println!("runde: {} personer, {} tilbud, {seats} pladser, {} tilladte par", people.len(), openings.len(), net.arcs.len());
    println!("foreslået {} par, samlet match {}", proposed.len(), chosen.total);
    let secs = |d: Duration| d.as_secs_f64();
    times.sort_by_key(|t| t.round);
    let best = &times[0];
    let median = &times[times.len() / 2];
    for (what, t) in [("bedste", best), ("midterste", median)] {
        println!(
            "{what} af {}: round_s {:.4} network_s {:.4} solve_s {:.4} reasons_s {:.4} cpu_s {}",
            times.len(),
            secs(t.round),
            secs(t.network),
            secs(t.solve),
            secs(t.reasons),
            t.cpu.map_or("-".into(), |c| format!("{:.4}", secs(c)))
        );
    }
    println!("read_s {:.4} cost {}", secs(read), -chosen.total);
    Ok(())
}

fn write(path: &Path, body: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<()>) -> Result<(), Failure> {
    let fail = |e: std::io::Error| Failure(1, format!("{}: kan ikke skrives: {e}", path.display()));
    let file = std::fs::File::create(path).map_err(fail)?;
    let mut out = std::io::BufWriter::new(file);
    body(&mut out).and_then(|()| out.flush()).map_err(fail)
}
