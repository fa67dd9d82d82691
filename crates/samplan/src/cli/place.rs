//! `samplan place`: reads a placement round from three CSV files, proposes the
//! optimal placement (crate `placement`), writes one line per household and,
//! with `--explain`, tells in Danish why each household got what it got.
use crate::housing::explain_text::{add_employment_line, alternative, breakdown, reason};
use placement::input::{Source, read_instance};
use placement::{Explanation, Outcome, PlaceError, Settings};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use std::process::ExitCode;

/// Foreslå den bedste boligplacering for husstandene i de tilbudte boliger.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Husstande: household_id,adults,children,needs_accessible,max_rent,anchors
    #[arg(long, value_name = "H.csv")]
    pub households: PathBuf,
    /// Boliger: unit_id,area_id,rooms,rent,accessible,tenure,lat,lon
    #[arg(long, value_name = "U.csv")]
    pub units: PathBuf,
    /// Områder: area_id,name,listed,existing_households
    #[arg(long, value_name = "A.csv")]
    pub areas: PathBuf,
    /// Vægte og regler (TOML); udeladte nøgler har standardværdierne.
    #[arg(long, value_name = "W.toml")]
    pub weights: Option<PathBuf>,
    /// Resultatet: household_id,unit_id,cost (unit_id tom for ikke-placerede).
    #[arg(long, value_name = "RESULT.csv")]
    pub out: PathBuf,
    /// Forklar for hver husstand, hvorfor den fik den bolig (eller ingen).
    #[arg(long)]
    pub explain: bool,
    /// Tidligere beboeres udfald: area_id,age,sex,education_years,danish_level,employed_12m
    /// (husstandsfilen kan have age,sex,education_years,danish_level for hovedpersonen).
    #[arg(long, value_name = "OUTCOMES.csv")]
    pub outcomes: Option<PathBuf>,
    /// Vægt W for beskæftigelse: en husstand i et område koster W × (1 − p) mere,
    /// p = anslået chance for job efter 12 måneder dér (standard 0: ingen virkning).
    #[arg(long, value_name = "W")]
    pub employment_weight: Option<i64>,
}

/// A failure with its exit status: 2 for bad input, 1 otherwise.
pub(super) struct Failure(pub(super) u8, pub(super) String);

pub(super) fn read(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| Failure(2, format!("{}: kan ikke læses: {e}", path.display())))
}

/// Runs `samplan place`.
pub fn run(args: Args) -> ExitCode {
    finish(execute(&args))
}

/// The exit status of a placement command: success, or the failure's message and code.
pub(super) fn finish(result: Result<(), Failure>) -> ExitCode {
    match result {
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
    let instance = read_instance(source(0), source(1), source(2)).map_err(|e| Failure(2, e.to_string()))?;
    let settings = settings(args.weights.as_deref())?;
    let employment = super::employment::load(args.outcomes.as_deref(), args.employment_weight, instance.areas(), source(0), instance.households().len())?;
    let term = employment.as_ref().and_then(|e| e.term());
    let proposal = match term {
        Some(costs) => placement::place_employment(&instance, &settings, costs),
        None => placement::place(&instance, &settings),
    }
    .map_err(place_failure)?;
    let p_employed = employment.as_ref().map(|e| e.p_employed(&proposal));
    write_result(&args.out, &proposal, p_employed.as_deref())?;

    if args.explain {
        let explanations = placement::explain_with(&instance, &settings, &proposal, term);
        for (i, e) in explanations.iter().enumerate() {
            let mut text = render(e);
            if let Some(emp) = &employment {
                add_employment_line(&mut text, e, &emp.model, emp.weight, emp.features[i].as_ref(), "  ");
            }
            print!("{text}");
        }
    }
    if let Some(e) = &employment {
        println!("{}", e.summary());
    }
    let placed = proposal.placements.iter().filter(|p| p.unit.is_some()).count();
    println!("placeret {placed} af {} husstande", proposal.placements.len());
    println!("objective {}", proposal.objective);
    Ok(())
}

/// The settings of `--weights`, or the defaults.
pub(super) fn settings(weights: Option<&Path>) -> Result<Settings, Failure> {
    match weights {
        Some(path) => {
            let text = read(path)?;
            Settings::from_toml(&path.display().to_string(), &text).map_err(|e| Failure(2, e.to_string()))
        }
        None => Ok(Settings::default()),
    }
}

/// Exit status 1 for a defect, 2 for input the solver refuses.
pub(super) fn place_failure(e: PlaceError) -> Failure {
    match e {
        PlaceError::SharesDoNotAddUp { .. } => Failure(1, e.to_string()),
        _ => Failure(2, e.to_string()),
    }
}

/// Writes `household_id,unit_id,cost`, one row per household in input order,
/// and `p_employed` (the chance of employment in the area placed in, empty when
/// unplaced) when there is an employment model.
pub(super) fn write_result(out: &Path, proposal: &placement::Proposal, p_employed: Option<&[Option<f64>]>) -> Result<(), Failure> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["household_id".to_owned(), "unit_id".to_owned(), "cost".to_owned()];
    if p_employed.is_some() {
        header.push("p_employed".to_owned());
    }
    let mut rows = vec![header];
    rows.extend(proposal.placements.iter().enumerate().map(|(i, p)| {
        let mut row = vec![p.household.to_string(), p.unit.as_ref().map(ToString::to_string).unwrap_or_default(), p.cost.total().to_string()];
        if let Some(ps) = p_employed {
            row.push(ps[i].map(|p| format!("{p:.4}")).unwrap_or_default());
        }
        row
    }));
    for row in &rows {
        writer.write_record(row).map_err(|e| Failure(1, e.to_string()))?;
    }
    let bytes = writer.into_inner().map_err(|e| Failure(1, e.to_string()))?;
    std::fs::write(out, bytes).map_err(|e| Failure(1, format!("{}: kan ikke skrives: {e}", out.display())))
}

/// The Danish text for one household's explanation.
fn render(e: &Explanation) -> String {
    let mut out = String::new();
    match &e.outcome {
        Outcome::Placed { unit, area_name, distance_km, cost, spread_rank, .. } => {
            let _ = writeln!(out, "Husstand {}: bolig {unit} i {area_name} (husstand nr. {spread_rank} i området)", e.household);
            let _ = writeln!(out, "  Valgt: {} — i alt {}", breakdown(*distance_km, cost), cost.total());
        }
        Outcome::Unplaced { reason: why, penalty } => {
            let _ = writeln!(out, "Husstand {}: ikke placeret i denne runde (straf {penalty})", e.household);
            let _ = writeln!(out, "  Årsag: {}", reason(why));
        }
    }
    match &e.next_best {
        Some(a) => {
            let _ = writeln!(out, "  {}", alternative(a));
        }
        None => out.push_str("  Næstbedst: ingen anden ledig bolig opfylder kravene\n"),
    }
    out
}
