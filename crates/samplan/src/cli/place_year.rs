//! `samplan place-year`: a whole year of arrivals decided day by day (crate
//! `placement`, module `year`): the online policy, greedy, or the hindsight
//! optimum; writes the result in the format of `samplan place` and prints the
//! time of each day's decision and, last, the objective.
use super::place::{Failure, place_failure, read, settings, write_result};
use placement::employment::parse_household_features;
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
    /// Tidligere beboeres udfald: area_id,age,sex,education_years,danish_level,employed_12m.
    #[arg(long, value_name = "OUTCOMES.csv")]
    pub outcomes: Option<PathBuf>,
    /// Vægt W for beskæftigelse: en husstand i et område koster W × (1 − p) mere (standard 0).
    #[arg(long, value_name = "W")]
    pub employment_weight: Option<i64>,
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
    super::place::finish(execute(&args))
}

fn execute(args: &Args) -> Result<(), Failure> {
    let names = [&args.households, &args.units, &args.areas].map(|p| p.display().to_string());
    let texts = [read(&args.households)?, read(&args.units)?, read(&args.areas)?];
    let source = |i: usize| Source { name: &names[i], text: &texts[i] };
    let year = read_year(source(0), source(1), source(2)).map_err(|e| Failure(2, e.to_string()))?;
    let settings = settings(args.weights.as_deref())?;
    let instance = year.instance();
    let employment = super::employment::load(args.outcomes.as_deref(), args.employment_weight, instance.areas(), source(0), instance.households().len())?;
    let term = employment.as_ref().and_then(|e| e.term());
    let mut history = Vec::new();
    if let Some(path) = &args.history {
        let text = read(path)?;
        let past = Source { name: &path.display().to_string(), text: &text };
        history = read_history(past).map_err(|e| Failure(2, e.to_string()))?;
        if let Some(e) = employment.as_ref().filter(|e| e.weight > 0) {
            // The scenarios carry the same term, from last year's features.
            let features = parse_household_features(past).map_err(|e| Failure(2, e.to_string()))?;
            let costs = e.model.area_costs(instance.areas(), &features, e.weight);
            let n_areas = instance.areas().len();
            for (h, arrival) in history.iter_mut().enumerate() {
                arrival.area_cost = (0..n_areas).map(|a| costs.get(h, a)).collect();
            }
        }
    }
    let policy = match args.policy {
        PolicyArg::Online => Policy::Online,
        PolicyArg::Greedy => Policy::Greedy,
        PolicyArg::Hindsight => Policy::Hindsight,
    };
    let options = YearOptions { policy, seed: args.seed, history: &history, area_cost: term, ..YearOptions::default() };
    let plan = place_year(&year, &settings, &options).map_err(place_failure)?;
    let p_employed = employment.as_ref().map(|e| e.p_employed(&plan.proposal));
    write_result(&args.out, &plan.proposal, p_employed.as_deref())?;
    if let Some(e) = &employment {
        println!("{}", e.summary());
    }

    let mut times: Vec<f64> = plan.days.iter().map(|d| d.seconds).collect();
    times.sort_by(f64::total_cmp);
    if policy == Policy::Hindsight {
        println!("hele året løst på én gang: {:.3} s", times.iter().sum::<f64>());
    } else if let (Some(&max), false) = (times.last(), times.is_empty()) {
        let median = times[times.len() / 2];
        println!("beslutningstid pr. ankomstdag ({} dage): median {:.1} ms, højst {:.1} ms", times.len(), median * 1000.0, max * 1000.0);
    }
    let placements = &plan.proposal.placements;
    let placed = placements.iter().filter(|p| p.unit.is_some()).count();
    println!("placeret {placed} af {} husstande", placements.len());
    println!("objective {}", plan.proposal.objective);
    Ok(())
}
