//! The `samplan` binary: parses the command line and hands over to the library.
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = samplan::cli::Cli::parse();
    samplan::cli::run(cli)
}
