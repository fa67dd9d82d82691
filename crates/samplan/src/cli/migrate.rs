//! `samplan migrate`: bring the database schema up to date.
use super::common::{DbArgs, block_on};
use crate::store::Store;
use std::process::ExitCode;

/// Arguments of `samplan migrate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
}

/// Runs the migrations.
pub fn run(args: Args) -> ExitCode {
    block_on(async move {
        let config = args.db.config()?;
        let store = Store::connect(&config.database_url).await?;
        store.migrate().await?;
        println!("databasen er opdateret ({:?})", store.backend());
        Ok(())
    })
}
