//! `samplan place-year`: a whole year of arrivals decided day by day (crate
//! `placement`, module `year`): the online policy, greedy, or the hindsight
//! optimum; writes the result in the format of `samplan place` and prints the
//! time of each day's decision and, last, the objective.
use super::place::{Failure, place_failure, read, settings, write_result};
use placement::input::Source;
use placement::year::{Policy, YearOptions, place_year, read_history, read_year};
use std::path::PathBuf;
use std::process::ExitCode;

/// Placér et helt års husstande, efterhånden som de ankommer.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Husstande: som til `samplan place` plus arrival_day (0–364)
    #[arg(long, value_name = "H.csv")]
    pub households: PathBuf,
    /// Boliger: som til `samplan place` plus available_from (0–364)
    #[arg(long, value_name = "U.csv")]
    pub units: PathBuf,
    /// Områder: area_id,name,listed,existing_households
    #[arg(long, value_name = "A.csv")]
    pub areas: PathBuf,
    /// Sidste års ankomster (samme kolonner som H.csv) til at forudse resten af året.
    #[arg(long, value_name = "PAST.csv")]
    pub history: Option<PathBuf>,
    /// online: hver ankomstdag løses dagens husstande sammen med en stikprøve af årets resterende ankomster;
    /// greedy: hver husstand får den billigste ledige bolig; hindsight: hele året på én gang med fuld viden (den nedre grænse).
    #[arg(long, value_enum, default_value = "online")]
    pub policy: PolicyArg,
    /// Frø til online-politikkens stikprøver (samme frø, samme resultat).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Vægte og regler (TOML); udeladte nøgler har standardværdierne.
    #[arg(long, value_name = "W.toml")]
    pub weights: Option<PathBuf>,
    /// Resultatet: household_id,unit_id,cost (unit_id tom for ikke-placerede).
    #[arg(long, value_name = "R.csv")]
    pub out: PathBuf,
}

/// The policies, as typed on the command line.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum PolicyArg {
    /// Dagens ankomster plus en stikprøve af fremtiden, løst som ét netværk.
    Online,
    /// Den billigste ledige bolig til hver husstand.
    Greedy,
    /// Hele året på én gang med fuld viden.
    Hindsight,
}

/// Runs `samplan place-year`.
pub fn run(args: Args) -> ExitCode {
    match execute(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(code, message)) => {
            eprintln!("samplan: error: {message}");
            ExitCode::from(code)
        }
    }
}

fn execute(args: &Args) -> Result<(), Failure> {
    let names = [&args.households, &args.units, &args.areas].map(|p| p.display().to_string());
    let texts = [read(&args.households)?, read(&args.units)?, read(&args.areas)?];
    let source = |i: usize| Source { name: &names[i], text: &texts[i] };
    let year = read_year(source(0), source(1), source(2)).map_err(|e| Failure(2, e.to_string()))?;
    let history = match &args.history {
        Some(path) => {
            let text = read(path)?;
            read_history(Source { name: &path.display().to_string(), text: &text })
                .map_err(|e| Failure(2, e.to_string()))?
        }
        None => Vec::new(),
    };
    let settings = settings(args.weights.as_deref())?;
    let policy = match args.policy {
        PolicyArg::Online => Policy::Online,
        PolicyArg::Greedy => Policy::Greedy,
        PolicyArg::Hindsight => Policy::Hindsight,
    };
    let options = YearOptions { policy, seed: args.seed, history: &history, ..YearOptions::default() };
    let plan = place_year(&year, &settings, &options).map_err(place_failure)?;
    write_result(&args.out, &plan.proposal)?;

    let mut times: Vec<f64> = plan.days.iter().map(|d| d.seconds).collect();
    times.sort_by(f64::total_cmp);
    if policy == Policy::Hindsight {
        println!("hele året løst på én gang: {:.3} s", times.iter().sum::<f64>());
    } else if let (Some(&max), false) = (times.last(), times.is_empty()) {
        let median = times[times.len() / 2];
        println!(
            "beslutningstid pr. ankomstdag ({} dage): median {:.1} ms, højst {:.1} ms",
            times.len(),
            median * 1000.0,
            max * 1000.0
        );
    }
    let placements = &plan.proposal.placements;
    let placed = placements.iter().filter(|p| p.unit.is_some()).count();
    println!("placeret {placed} af {} husstande", placements.len());
    println!("objective {}", plan.proposal.objective);
    Ok(())
}
