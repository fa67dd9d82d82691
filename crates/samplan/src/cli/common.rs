//! What the database commands share: the config and database options, and running async
//! work from a synchronous command with errors printed the samplan way.
use crate::config::Config;
use crate::crypto::CprVault;
use crate::store::Store;
use std::path::PathBuf;
use std::process::ExitCode;

/// Options every command that opens the database takes.
#[derive(Debug, clap::Args)]
pub struct DbArgs {
    /// TOML configuration file (see docs/configuration.md).
    #[arg(long, short = 'c', env = "SAMPLAN_CONFIG")]
    pub config: Option<PathBuf>,
    /// Database: `sqlite:STI` or `postgres://…` (overrides the config file).
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
}

impl DbArgs {
    /// The configuration with the command-line database URL applied.
    pub fn config(&self) -> anyhow::Result<Config> {
        Config::load(self.config.as_deref(), self.database_url.as_deref())
    }
}

/// Opens the store and the CPR vault from a configuration.
pub async fn open(config: &Config) -> anyhow::Result<(Store, CprVault)> {
    let store = Store::connect(&config.database_url).await?;
    store.migrate().await?;
    if config.cpr_encryption_key.is_empty() || config.cpr_hash_key.is_empty() {
        anyhow::bail!(
            "cpr_encryption_key og cpr_hash_key mangler: sæt SAMPLAN_CPR_ENCRYPTION_KEY og SAMPLAN_CPR_HASH_KEY \
             (32 bytes base64, fx `openssl rand -base64 32`) eller skriv dem i konfigurationsfilen"
        );
    }
    let vault = CprVault::from_base64(&config.cpr_encryption_key, &config.cpr_hash_key)?;
    Ok((store, vault))
}

/// Runs `work` on a fresh runtime; prints `samplan: error: …` and exits 1 on failure,
/// or 2 when the error is the user's input (`UsageError`).
pub fn block_on<F: std::future::Future<Output = anyhow::Result<()>>>(work: F) -> ExitCode {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    match runtime.block_on(work) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("samplan: error: {e:#}");
            let bad_url = matches!(
                e.downcast_ref::<crate::store::StoreError>(),
                Some(crate::store::StoreError::BadUrl(_) | crate::store::StoreError::BadReadUrl(_) | crate::store::StoreError::Conflict(_))
            );
            if bad_url || e.downcast_ref::<UsageError>().is_some() || e.downcast_ref::<crate::domain::FieldError>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}

/// An error in what the user typed (exit status 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);
