//! Runs the real `samplan calendar …` binary: what a caseworker or a script
//! sees on stdout, stderr and in the exit status.

use std::process::{Command, Output};

fn samplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samplan")).args(args).output().expect("the samplan binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

/// Runs a command that must succeed and returns its stdout.
fn ok(args: &[&str]) -> String {
    let out = samplan(args);
    assert!(out.status.success(), "{args:?} failed: {}", stderr(&out));
    stdout(&out)
}

/// Runs a command that must be refused with status 2 and returns its stderr.
fn refused(args: &[&str]) -> String {
    let out = samplan(args);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    assert!(out.stdout.is_empty(), "{args:?} printed to stdout: {}", stdout(&out));
    stderr(&out)
}

#[test]
fn holidays_prints_one_tab_separated_line_per_helligdag() {
    let text = ok(&["calendar", "holidays", "2026"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 10);
    assert_eq!(lines[0], "2026-01-01\tNytårsdag");
    assert!(lines.contains(&"2026-04-05\tPåskedag"));
    assert!(lines.contains(&"2026-04-06\t2. påskedag"));
    assert_eq!(lines[9], "2026-12-26\t2. juledag");
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted, "sorted by date");
}

#[test]
fn store_bededag_is_listed_in_2023_and_not_in_2024() {
    assert!(ok(&["calendar", "holidays", "2023"]).contains("2023-05-05\tStore bededag\n"));
    let y2024 = ok(&["calendar", "holidays", "2024"]);
    assert!(!y2024.contains("Store bededag"));
    assert!(y2024.contains("2024-03-31\tPåskedag\n"));
}

#[test]
fn a_year_outside_the_range_is_refused() {
    let err = refused(&["calendar", "holidays", "1699"]);
    assert!(err.starts_with("samplan: error: YEAR:"), "{err}");
    assert!(refused(&["calendar", "holidays", "next"]).contains("YEAR"));
}

#[test]
fn deadline_in_months_clamps_and_moves_to_a_working_day() {
    // 31 Jan 2026 + 1 month = Sat 28 Feb → Mon 2 Mar.
    assert_eq!(ok(&["calendar", "deadline", "2026-01-31", "--months", "1"]), "2026-03-02\n");
    // 31 Jan 2024 + 1 month = Thu 29 Feb, a working day.
    assert_eq!(ok(&["calendar", "deadline", "2024-01-31", "--months", "1"]), "2024-02-29\n");
    // 2 Mar 2026 + 1 month = Skærtorsdag 2 Apr → Tue 7 Apr after Easter.
    assert_eq!(ok(&["calendar", "deadline", "2026-03-02", "--months", "1"]), "2026-04-07\n");
}

#[test]
fn deadline_in_days_and_working_days() {
    assert_eq!(ok(&["calendar", "deadline", "2026-11-20", "--days", "1"]), "2026-11-23\n");
    assert_eq!(ok(&["calendar", "deadline", "2026-11-23", "--days", "3"]), "2026-11-26\n");
    assert_eq!(ok(&["calendar", "deadline", "2026-11-20", "--working-days", "6"]), "2026-11-30\n");
    assert_eq!(ok(&["calendar", "deadline", "2026-12-23", "--working-days", "1"]), "2026-12-24\n");
}

#[test]
fn deadline_accepts_a_real_municipality_code() {
    let due = ok(&["calendar", "deadline", "2026-01-31", "--months", "1", "--municipality", "0316"]);
    assert_eq!(due, "2026-03-02\n");
}

#[test]
fn deadline_refuses_an_unknown_or_malformed_municipality_code() {
    let err = refused(&["calendar", "deadline", "2026-01-31", "--months", "1", "--municipality", "0999"]);
    assert!(err.starts_with("samplan: error: --municipality: 0999"), "{err}");
    let err = refused(&["calendar", "deadline", "2026-01-31", "--months", "1", "--municipality", "316"]);
    assert!(err.contains("--municipality") && err.contains("4 cifre"), "{err}");
}

#[test]
fn deadline_refuses_a_bad_date_naming_the_argument_and_the_reason() {
    let err = refused(&["calendar", "deadline", "2026-02-30", "--days", "1"]);
    assert!(err.starts_with("samplan: error: DATE:"), "{err}");
    assert!(err.contains("dag 30") && err.contains("28 dage"), "{err}");
    let err = refused(&["calendar", "deadline", "15-03-2026", "--days", "1"]);
    assert!(err.contains("DATE") && err.contains("ÅÅÅÅ-MM-DD"), "{err}");
    let err = refused(&["calendar", "deadline", "2200-12-20", "--months", "1"]);
    assert!(err.contains("uden for"), "{err}");
}

#[test]
fn deadline_needs_exactly_one_offset() {
    assert!(refused(&["calendar", "deadline", "2026-01-31"]).contains("--months"));
    assert!(refused(&["calendar", "deadline", "2026-01-31", "--days", "1", "--months", "1"]).contains("--days"));
    assert!(refused(&["calendar", "deadline", "2026-01-31", "--days", "-1"]).contains("--days"));
}

#[test]
fn deadline_help_says_the_municipality_is_only_validated_for_now() {
    let help = ok(&["calendar", "deadline", "--help"]);
    assert!(help.contains("--municipality"), "{help}");
    assert!(help.contains("databasen"), "{help}");
}

#[test]
fn working_days_counts_after_from_up_to_and_including_to() {
    assert_eq!(ok(&["calendar", "working-days", "2026-11-23", "2026-11-30"]), "5\n");
    // Easter 2026: Mon 30 Mar → Tue 7 Apr has Tue 31, Wed 1 and Tue 7 only.
    assert_eq!(ok(&["calendar", "working-days", "2026-03-30", "2026-04-07"]), "3\n");
    assert_eq!(ok(&["calendar", "working-days", "2026-11-30", "2026-11-23"]), "0\n");
}

#[test]
fn working_days_refuses_a_bad_to_date() {
    let err = refused(&["calendar", "working-days", "2026-11-23", "2026-13-01"]);
    assert!(err.starts_with("samplan: error: TO:") && err.contains("måned 13"), "{err}");
}
