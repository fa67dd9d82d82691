//! The command line: one subcommand per job, each in its own file.
use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod calendar;
mod place;
mod quota;

/// samplan — integrationsarbejde i kommunen: helhedsplan, Min plan, frister, boligplacering.
#[derive(Debug, Parser)]
#[command(name = "samplan", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Helligdage, frister og arbejdsdage efter dansk kalender.
    Calendar(calendar::Args),
    /// Foreslå den bedste boligplacering for husstandene i de tilbudte boliger.
    Place(place::Args),
    /// Fordel landstallet på regions- og kommunekvoter.
    Quota(quota::Args),
}

/// Runs a parsed command line. Usage errors exit with status 2, failures with 1.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Calendar(args) => calendar::run(args),
        Command::Place(args) => place::run(args),
        Command::Quota(args) => quota::run(args),
    }
}
