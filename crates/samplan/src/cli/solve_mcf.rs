//! `samplan solve-mcf`: solves a min-cost flow problem given in the DIMACS
//! format and prints the DIMACS solution. It exposes the `flow` crate on its
//! own, for checking it against other solvers (see `bench/mcf`) and for
//! planners who want to try a network by hand.
use flow::SolveError;
use flow::dimacs::{self, ParseError};
use std::io::{self, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Løs et min-cost-flow-problem i DIMACS-format (p min …) og skriv løsningen (s/f-linjer).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Problemfilen i DIMACS-format; `-` læser fra standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Skriv kun linjen `s COST`, ikke strømmen på hver bue.
    #[arg(long, short)]
    pub quiet: bool,
    /// Skriv tidsforbruget (læsning, parsing, løsning, udskrift; for løsningen også CPU-tid) på standard error.
    #[arg(long)]
    pub timing: bool,
}

/// Runs `samplan solve-mcf`. Bad input exits with 2; an infeasible or
/// unbounded problem, or a failed write, with 1.
pub fn run(args: Args) -> ExitCode {
    let from_stdin = args.file.as_os_str() == "-";
    let name = if from_stdin { "standard input".to_owned() } else { args.file.display().to_string() };

    let started = Instant::now();
    let bytes = match read_input(&args.file, from_stdin) {
        Ok(bytes) => bytes,
        Err(e) => return fail(2, &format!("{name}: cannot be read: {e}")),
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            return fail(2, &format!("{name}: line {line}: the text is not valid UTF-8"));
        }
    };
    let read = started.elapsed();

    let started = Instant::now();
    let problem = match dimacs::parse(&text) {
        Ok(problem) => problem,
        Err(e) => return fail(2, &parse_message(&name, &e)),
    };
    drop(text);
    let parse = started.elapsed();

    let started = Instant::now();
    let cpu_before = thread_cpu_time();
    let result = problem.network().solve();
    let solve = started.elapsed();
    let solve_cpu = cpu_before.zip(thread_cpu_time()).map(|(before, after)| after.saturating_sub(before));
    let solution = match result {
        Ok(solution) => solution,
        Err(e) => return solve_failure(&name, &problem, e),
    };

    let started = Instant::now();
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let written = if args.quiet { dimacs::write_cost(&mut out, &solution) } else { dimacs::write_solution(&mut out, problem.network(), &solution) };
    if let Err(e) = written.and_then(|()| out.flush()) {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return ExitCode::SUCCESS;
        }
        return fail(1, &format!("cannot write the solution: {e}"));
    }
    let write = started.elapsed();

    if args.timing {
        let s = |d: Duration| d.as_secs_f64();
        let cpu = solve_cpu.map(|d| format!(" solve_cpu={:.6}s", s(d))).unwrap_or_default();
        eprintln!(
            "samplan: timing: read={:.6}s parse={:.6}s solve={:.6}s{cpu} write={:.6}s (nodes={} arcs={})",
            s(read),
            s(parse),
            s(solve),
            s(write),
            problem.network().node_count(),
            problem.network().arc_count()
        );
    }
    ExitCode::SUCCESS
}

/// CPU time used so far by the calling thread, from Linux's
/// `/proc/thread-self/schedstat`; `None` elsewhere. It lets `--timing` show
/// the solver's own CPU time, which a busy machine does not inflate.
pub(super) fn thread_cpu_time() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

fn read_input(path: &PathBuf, from_stdin: bool) -> io::Result<Vec<u8>> {
    if from_stdin {
        let mut bytes = Vec::new();
        io::stdin().lock().read_to_end(&mut bytes)?;
        Ok(bytes)
    } else {
        std::fs::read(path)
    }
}

fn parse_message(name: &str, e: &ParseError) -> String {
    format!("{name}: {e}")
}

/// Explains why there is no solution, pointing at the file's line where one applies.
fn solve_failure(name: &str, problem: &dimacs::Problem, e: SolveError) -> ExitCode {
    match e {
        SolveError::Infeasible => fail(
            1,
            &format!(
                "{name}: the problem is infeasible: no flow meets the supplies within the arc bounds \
                 (check that every demand can be reached from a supply with enough capacity)"
            ),
        ),
        SolveError::Unbounded => fail(
            1,
            &format!(
                "{name}: the problem is unbounded: a cycle of negative total cost has infinite capacity \
                 (give one of its arcs a finite capacity)"
            ),
        ),
        SolveError::InvalidArc { arc, reason } => fail(2, &format!("{name}: line {}: {reason}", problem.arc_line(arc))),
        SolveError::Unbalanced { supply_sum } => {
            fail(2, &format!("{name}: the supplies (n lines) sum to {supply_sum}, not 0: every unit sent must be received"))
        }
        other => fail(2, &format!("{name}: {other}")),
    }
}

fn fail(code: u8, message: &str) -> ExitCode {
    eprintln!("samplan: error: {message}");
    ExitCode::from(code)
}
