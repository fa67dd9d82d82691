//! `samplan serve`: run the server from a TOML config and `DATABASE_URL`.
use super::common::{DbArgs, block_on, open};
use crate::server;
use crate::web::{AppState, Settings};
use std::process::ExitCode;

/// Arguments of `samplan serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
    /// Address to listen on (overrides `listen` in the config).
    #[arg(long)]
    addr: Option<String>,
}

/// Serves until stopped.
pub fn run(args: Args) -> ExitCode {
    block_on(async move {
        let config = args.db.config()?;
        server::init_logging(config.json_logs);
        let (store, vault) = open(&config).await?;
        let settings = Settings { secure_cookies: config.secure_cookies, session_minutes: config.session_minutes, demo: false };
        let (listener, local) = server::bind(args.addr.as_deref().unwrap_or(&config.listen)).await?;
        tracing::info!(address = %local, backend = ?store.backend(), "samplan is serving");
        println!("samplan kører på http://{local}/");
        server::serve(listener, AppState::new(store, vault, settings)).await
    })
}
