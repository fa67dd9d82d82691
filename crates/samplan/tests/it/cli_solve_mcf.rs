//! Runs the real `samplan solve-mcf` binary on DIMACS files and standard input:
//! what a script sees on stdout, stderr and in the exit status.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// The DIMACS test files of the `flow` crate.
fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../flow/tests/data").join(name)
}

fn samplan(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_samplan"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the samplan binary runs");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

#[test]
fn solves_a_file_and_prints_the_dimacs_solution() {
    let file = data("transport.min");
    let out = samplan(&["solve-mcf", file.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let expected = std::fs::read_to_string(data("transport.sol")).unwrap();
    assert_eq!(text(&out.stdout), expected);
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

#[test]
fn reads_standard_input_with_a_dash() {
    let problem = std::fs::read_to_string(data("lower.min")).unwrap();
    let out = samplan(&["solve-mcf", "-"], Some(&problem));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), std::fs::read_to_string(data("lower.sol")).unwrap());
}

#[test]
fn quiet_prints_only_the_cost() {
    let file = data("transport.min");
    let out = samplan(&["solve-mcf", "--quiet", file.to_str().unwrap()], None);
    assert!(out.status.success());
    assert_eq!(text(&out.stdout), "s 465\n");
}

#[test]
fn timing_goes_to_stderr() {
    let file = data("transport.min");
    let out = samplan(&["solve-mcf", "--quiet", "--timing", file.to_str().unwrap()], None);
    assert!(out.status.success());
    assert_eq!(text(&out.stdout), "s 465\n");
    let err = text(&out.stderr);
    assert!(err.contains("solve=") && err.contains("parse="), "{err}");
}

#[test]
fn infeasible_problem_fails_with_a_message() {
    let file = data("infeasible.min");
    let out = samplan(&["solve-mcf", file.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(err.starts_with("samplan: error: ") && err.contains("infeasible"), "{err}");
}

#[test]
fn unbounded_problem_fails_with_a_message() {
    let input = "p min 2 2\na 1 2 0 9223372036854775807 -1\na 2 1 0 9223372036854775807 0\n";
    let out = samplan(&["solve-mcf", "-"], Some(input));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("unbounded"), "{}", text(&out.stderr));
}

#[test]
fn malformed_input_names_the_line() {
    let input = "c header\np min 3 1\nn 1 5\nn 2 -5\na 1 two 0 5 1\n";
    let out = samplan(&["solve-mcf", "-"], Some(input));
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert_eq!(err, "samplan: error: standard input: line 5: the head node `two` is not a 64-bit integer\n");
}

#[test]
fn unbalanced_supplies_are_an_input_error() {
    let out = samplan(&["solve-mcf", "-"], Some("p min 2 0\nn 1 3\n"));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("sum to 3"), "{}", text(&out.stderr));
}

#[test]
fn missing_file_is_an_input_error() {
    let out = samplan(&["solve-mcf", "/nonexistent/problem.min"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("/nonexistent/problem.min: cannot be read"), "{}", text(&out.stderr));
}

#[test]
fn invalid_utf8_names_the_line() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_samplan"))
        .args(["solve-mcf", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"p min 1 0\nc \xff\xfe\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("line 2: the text is not valid UTF-8"), "{}", text(&out.stderr));
}
