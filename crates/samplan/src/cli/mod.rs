//! The command line: one subcommand per job, each in its own file.
use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod backup;
mod calendar;
mod common;
mod demo;
mod employment;
mod match_round;
mod migrate;
mod place;
mod place_year;
mod quota;
mod serve;
mod solve_mcf;
mod user;

/// samplan — integrationsarbejde i kommunen: helhedsplan, Min plan, frister, boligplacering.
#[derive(Debug, Parser)]
#[command(name = "samplan", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start en demoserver med en opdigtet, realistisk kommune og skriv adresse og logins.
    Demo(demo::Args),
    /// Kør serveren ud fra en TOML-konfiguration og DATABASE_URL.
    Serve(serve::Args),
    /// Opdatér databasens skema.
    Migrate(migrate::Args),
    /// Tag en sikkerhedskopi af en SQLite-database, mens serveren kører.
    Backup(backup::BackupArgs),
    /// Læg en sikkerhedskopi fra `samplan backup` tilbage (stop serveren først).
    Restore(backup::RestoreArgs),
    /// Opret brugere og personlige API-nøgler.
    #[command(subcommand)]
    User(user::Command),
    /// Helligdage, frister og arbejdsdage efter dansk kalender.
    Calendar(calendar::Args),
    /// Foreslå den bedste boligplacering for husstandene i de tilbudte boliger.
    Place(place::Args),
    /// Placér et helt års husstande, efterhånden som de ankommer (online, grådig eller bagklogskab).
    #[command(name = "place-year")]
    PlaceYear(place_year::Args),
    /// Kør matchrunden («Lav matchforslag») på tilbud og personer fra en JSON-fil.
    #[command(name = "match-round")]
    MatchRound(match_round::Args),
    /// Fordel landstallet på regions- og kommunekvoter.
    Quota(quota::Args),
    /// Løs et min-cost-flow-problem i DIMACS-format.
    #[command(name = "solve-mcf")]
    SolveMcf(solve_mcf::Args),
}

/// Runs a parsed command line. Usage errors exit with status 2, failures with 1.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Demo(args) => demo::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Migrate(args) => migrate::run(args),
        Command::Backup(args) => backup::backup(args),
        Command::Restore(args) => backup::restore(args),
        Command::User(command) => user::run(command),
        Command::Calendar(args) => calendar::run(args),
        Command::Place(args) => place::run(args),
        Command::PlaceYear(args) => place_year::run(args),
        Command::MatchRound(args) => match_round::run(args),
        Command::Quota(args) => quota::run(args),
        Command::SolveMcf(args) => solve_mcf::run(args),
    }
}
