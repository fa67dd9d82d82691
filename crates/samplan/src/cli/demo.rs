//! `samplan demo`: a server with a generated, realistic demo municipality in a SQLite
//! file under the data directory (or a PostgreSQL database given by URL), printing its
//! URL and one login per role.
use super::common::{UsageError, block_on};
use crate::app::{AppState, Settings};
use crate::crypto::CprVault;
use crate::demo::{self, DEMO_PASSWORD, DEMO_USERS};
use crate::domain::MunicipalityCode;
use crate::server;
use crate::store::Store;
use crate::store::Tenant;
use indicatif::{ProgressBar, ProgressStyle};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `samplan demo`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: String,
    /// Directory for the demo database and its keys.
    #[arg(long, default_value = "data")]
    data_dir: PathBuf,
    /// Keep the demo in this PostgreSQL database (`postgres://…`, empty or an earlier
    /// demo's) instead of the SQLite file in the data directory; its keys stay there.
    #[arg(long, env = "SAMPLAN_DEMO_DATABASE_URL", hide_env_values = true)]
    database_url: Option<String>,
    /// Municipality code (four digits) of the demo municipality.
    #[arg(long, default_value = "0316")]
    municipality: String,
    /// Delete the demo database first and generate it anew.
    #[arg(long)]
    reset: bool,
    /// Generate at least this many persons instead of about 300 families (load tests, up to 150 000).
    #[arg(long)]
    persons: Option<usize>,
    /// Seed of the generator: the same seed gives the same people.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Generate the data and exit without serving.
    #[arg(long)]
    no_serve: bool,
    /// Offer the OpenID Connect providers of this configuration file's `[[oidc]]` tables
    /// beside the demo logins (the rest of the file is ignored).
    #[arg(long)]
    oidc_config: Option<PathBuf>,
}

/// Keys of the demo database, generated once per data directory and kept beside it.
fn demo_keys(dir: &Path) -> anyhow::Result<CprVault> {
    let path = dir.join("demo-keys.toml");
    if !path.exists() {
        let text = format!(
            "# Keys of the demo database in this directory. Generated; not for real data.\ncpr_encryption_key = \"{}\"\ncpr_hash_key = \"{}\"\n",
            CprVault::new_key(),
            CprVault::new_key()
        );
        std::fs::write(&path, text)?;
    }
    let table: toml::Table = toml::from_str(&std::fs::read_to_string(&path)?)?;
    let key = |name: &str| table.get(name).and_then(|v| v.as_str()).unwrap_or_default().to_string();
    Ok(CprVault::from_base64(&key("cpr_encryption_key"), &key("cpr_hash_key"))?)
}

/// Runs the demo.
pub fn run(args: Args) -> ExitCode {
    block_on(async move {
        let code = MunicipalityCode::parse(&args.municipality).map_err(|e| UsageError(format!("--municipality: {}", e.reason)))?;
        if args.persons.is_some_and(|n| n == 0 || n > 150_000) {
            return Err(UsageError("--persons: skal være mellem 1 og 150000".into()).into());
        }
        server::init_logging(false);
        let providers = match &args.oidc_config {
            Some(path) => {
                crate::auth::oidc::Providers::new(crate::config::load_oidc(path)?, &crate::config::env_var, Settings::default().session_absolute_hours)?
            }
            None => crate::auth::oidc::Providers::default(),
        };
        std::fs::create_dir_all(&args.data_dir).map_err(|e| anyhow::anyhow!("kan ikke oprette datamappen {}: {e}", args.data_dir.display()))?;
        let db_path = args.data_dir.join("samplan-demo.sqlite");
        if args.reset && args.database_url.is_some() {
            return Err(UsageError("--reset: sletter kun SQLite-filen; giv en tom PostgreSQL-database i --database-url i stedet".into()).into());
        }
        if args.reset {
            for suffix in ["", "-wal", "-shm"] {
                let p = PathBuf::from(format!("{}{suffix}", db_path.display()));
                if p.exists() {
                    std::fs::remove_file(&p)?;
                }
            }
            let _ = std::fs::remove_file(args.data_dir.join("demo-keys.toml"));
        }
        let vault = demo_keys(&args.data_dir)?;
        let url = args.database_url.clone().unwrap_or_else(|| format!("sqlite:{}", db_path.display()));
        if !url.starts_with("postgres://") && !url.starts_with("postgresql://") && args.database_url.is_some() {
            return Err(UsageError("--database-url: skal begynde med postgres:// (uden den bruges SQLite-filen i datamappen)".into()).into());
        }
        let store = Store::connect(&url).await?;
        store.migrate().await?;
        demo::ensure_users(&store, &code).await?;
        let name = &code.municipality().name;
        let tenant = Tenant::trusted(code.as_str());
        if store.count_persons(&tenant, &crate::store::access::Reach::All).await? == 0 {
            let today = chrono::Local::now().date_naive();
            let started = std::time::Instant::now();
            let families = demo::generate(&code, args.seed, today, args.persons);
            let total: usize = families.iter().map(|f| f.members.len()).sum();
            // One bar for the whole generation (hidden when not on a terminal): the persons
            // as they are stored, then a message per further part of the demo.
            let bar = ProgressBar::new(total as u64).with_message(format!("opretter demoborgere i {name}"));
            bar.set_style(
                ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({elapsed}, {eta} tilbage)").expect("valid template").progress_chars("=> "),
            );
            tracing::debug!(elapsed_ms = started.elapsed().as_millis() as u64, persons = total, "demo: generated");
            let summary = store.with_indexes_built_after(|| demo::store_families(&store, &vault, &code, &families, |n| bar.set_position(n as u64))).await?;
            drop(families);
            // The planner's statistics now, not only at the end: without them SQLite reads
            // persons by a list of ids through the municipality index, a scan of all
            // 150 000 per list, where the following steps read a few hundred at a time.
            store.refresh_statistics().await?;
            let step = |what: &str| {
                tracing::debug!(elapsed_ms = started.elapsed().as_millis() as u64, "demo: {what}");
                bar.set_style(ProgressStyle::with_template("{spinner} {msg} ({elapsed})").expect("valid template"));
                bar.enable_steady_tick(std::time::Duration::from_millis(120));
                bar.set_message(what.to_string());
            };
            step("opretter helhedsplaner");
            demo::plans::store_plans(&store, &tenant, today).await?;
            step("opretter boliger");
            demo::housing::store_housing(&store, &code, today).await?;
            // Children's places before the goals, whose daycare baseline is read from them.
            step("opretter pasning og skole");
            demo::children::store_children(&store, &tenant, today).await?;
            step("opretter partnerskab og mål");
            demo::goals::store_partnership(&store, &vault, &code, today).await?;
            step("opretter danskuddannelse");
            let taken = store.municipalities_with_persons().await?;
            demo::danish_education::store_region(&store, &vault, &code, today, &taken.iter().map(String::as_str).collect::<Vec<_>>()).await?;
            for code in store.municipalities_with_persons().await? {
                demo::danish_education::store_danish_education(&store, &Tenant::trusted(code), today).await?;
            }
            step("opretter borgere, viden, integrationsråd, civilsamfund og virksomheder");
            demo::my_plan::store_citizens(&store, &tenant).await?;
            demo::knowledge::store_knowledge(&store, &code).await?;
            demo::council::store_council(&store, &tenant).await?;
            demo::civil_society::store_civil_society(&store, &code, today).await?;
            demo::employment::store_employment(&store, &code, today).await?;
            demo::forecast::store_forecast(&store, &tenant, today).await?;
            step("opdaterer databasens statistik");
            store.refresh_statistics().await?;
            tracing::debug!(elapsed_ms = started.elapsed().as_millis() as u64, "demo: done");
            bar.finish_and_clear();
            println!("{} familier og {} personer oprettet i {name} Kommune (seed {}).", summary.families, summary.persons, args.seed);
        } else {
            match args.database_url {
                Some(_) => println!("Genbruger demodatabasen i PostgreSQL."),
                None => println!("Genbruger demodatabasen i {} (brug --reset for at starte forfra).", db_path.display()),
            }
        }
        if args.no_serve {
            return Ok(());
        }
        let (listener, local) = server::bind(&args.addr).await?;
        let settings = Settings { secure_cookies: false, session_minutes: 8 * 60, demo: true, ..Settings::default() };
        println!();
        println!("samplan DEMO for {name} Kommune kører på http://{local}/");
        println!("Logins (adgangskode for alle: {DEMO_PASSWORD}):");
        for (login, display, role, _) in DEMO_USERS {
            println!("  {login:<14} {display:<20} {}", role.label());
        }
        if let Some(citizen) = store.user_by_login(demo::my_plan::CITIZEN_LOGIN).await? {
            println!("  {:<14} {:<20} Borger: Min plan på arabisk, med børnenes planer (/borger)", citizen.login, citizen.display_name);
        }
        println!("Stop med Ctrl-C.");
        if !local.ip().is_loopback() {
            eprintln!("samplan: advarsel: demoen lytter på {local}, som ikke er en lokal adresse; demo-adgangskoden er offentlig.");
        }
        server::serve(listener, AppState::new(store, vault, settings).with_oidc(providers)).await
    })
}
