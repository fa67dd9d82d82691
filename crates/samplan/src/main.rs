//! The `samplan` binary: parses the command line and hands over to the library.
use clap::Parser;
use std::process::ExitCode;

// mimalloc keeps freed memory for reuse instead of returning large blocks to
// the system at once: the placement rounds allocate and drop tens of
// megabytes per solve (decision 035).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = samplan::cli::Cli::parse();
    samplan::cli::run(cli)
}
