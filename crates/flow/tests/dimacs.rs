//! The DIMACS reader and writer: golden files, and an error naming the line for each kind of bad input.
use flow::SolveError;
use flow::dimacs::{self, Field, ParseErrorKind, Record};
use std::path::PathBuf;

fn data(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn solve_to_text(problem_file: &str) -> String {
    let problem = dimacs::parse(&data(problem_file)).unwrap();
    let solution = problem.network().solve().unwrap();
    let mut out = Vec::new();
    dimacs::write_solution(&mut out, problem.network(), &solution).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn golden_solutions() {
    for name in ["transport", "lower"] {
        assert_eq!(solve_to_text(&format!("{name}.min")), data(&format!("{name}.sol")), "{name}");
    }
}

#[test]
fn infeasible_file_parses_but_has_no_flow() {
    let problem = dimacs::parse(&data("infeasible.min")).unwrap();
    assert_eq!(problem.network().solve(), Err(SolveError::Infeasible));
}

#[test]
fn arc_lines_are_remembered() {
    let problem = dimacs::parse(&data("lower.min")).unwrap();
    assert_eq!(problem.arc_line(flow::ArcId::new(0)), 7);
    assert_eq!(problem.arc_line(flow::ArcId::new(2)), 9);
}

#[test]
fn cost_line_alone() {
    let problem = dimacs::parse(&data("transport.min")).unwrap();
    let solution = problem.network().solve().unwrap();
    let mut out = Vec::new();
    dimacs::write_cost(&mut out, &solution).unwrap();
    assert_eq!(out, b"s 465\n");
}

#[test]
fn crlf_blank_lines_and_spacing_are_accepted() {
    let text = "c x\r\n\r\n  p   min 2 1\r\nn 1 2\r\nn 2 -2\r\n\ta 1 2 0 5 3 \r\n";
    let problem = dimacs::parse(text).unwrap();
    assert_eq!(problem.network().solve().unwrap().cost(), 6);
}

fn error(text: &str) -> (usize, ParseErrorKind) {
    let e = dimacs::parse(text).expect_err("the text should be refused");
    let shown = e.to_string();
    assert!(shown.starts_with(&format!("line {}: ", e.line)), "{shown}");
    (e.line, e.kind)
}

#[test]
fn each_error_names_its_line() {
    use ParseErrorKind::*;
    assert_eq!(error(""), (1, MissingProblemLine));
    assert_eq!(error("c only\nc comments\n"), (2, MissingProblemLine));
    assert_eq!(error("c\nn 1 3\n"), (2, MissingProblemLine));
    assert_eq!(error("p min 2 0\np min 2 0\n"), (2, DuplicateProblemLine { first: 1 }));
    assert_eq!(error("p max 2 0\n"), (1, NotMinProblem { found: "max".into() }));
    assert_eq!(error("p min 2\n"), (1, FieldCount { record: Record::Problem, expected: 4, found: 3 }));
    assert_eq!(error("p min 2 0\nx 1\n"), (2, UnknownRecord { found: "x".into() }));
    assert_eq!(error("p min two 0\n"), (1, InvalidNumber { field: Field::NodeCount, found: "two".into() }));
    assert_eq!(error("p min -2 0\n"), (1, InvalidNumber { field: Field::NodeCount, found: "-2".into() }));
    assert_eq!(error("p min 2 0\nn 1\n"), (2, FieldCount { record: Record::Node, expected: 3, found: 2 }));
    assert_eq!(error("p min 2 0\nn 3 1\n"), (2, NodeOutOfRange { field: Field::NodeId, id: 3, node_count: 2 }));
    assert_eq!(error("p min 2 0\nn 0 1\n"), (2, NodeOutOfRange { field: Field::NodeId, id: 0, node_count: 2 }));
    assert_eq!(error("p min 2 0\nn 1 1\nn 1 2\n"), (3, DuplicateNode { id: 1, first: 2 }));
    assert_eq!(error("p min 2 0\nn 1 1.5\n"), (2, InvalidNumber { field: Field::Supply, found: "1.5".into() }));
    assert_eq!(error("p min 2 1\na 1 2 0 5\n"), (2, FieldCount { record: Record::Arc, expected: 6, found: 5 }));
    assert_eq!(error("p min 2 1\na 1 2 0 5 1 9\n"), (2, FieldCount { record: Record::Arc, expected: 6, found: 7 }));
    assert_eq!(error("p min 2 1\na 1 9 0 5 1\n"), (2, NodeOutOfRange { field: Field::Head, id: 9, node_count: 2 }));
    assert_eq!(error("p min 2 1\na 1 2 0 99999999999999999999 1\n"), (2, InvalidNumber { field: Field::Capacity, found: "99999999999999999999".into() }));
    assert_eq!(error("p min 2 1\na 1 2 6 5 1\n"), (2, LowerAboveCapacity { lower: 6, capacity: 5 }));
    assert_eq!(error("p min 2 1\na 1 2 0 5 1\na 1 2 0 5 1\n"), (3, TooManyArcs { declared: 1 }));
    assert_eq!(error("c\np min 2 2\na 1 2 0 5 1\n"), (2, TooFewArcs { declared: 2, found: 1 }));
    assert_eq!(error("p min 99999999999 0\n"), (1, TooLarge { field: Field::NodeCount, declared: 99_999_999_999, limit: 20_000_000 }));
}

#[test]
fn long_garbage_is_shortened_in_messages() {
    let long = "y".repeat(10_000);
    let e = dimacs::parse(&format!("p min 1 0\n{long}\n")).unwrap_err();
    assert!(e.to_string().len() < 200, "{e}");
}

#[test]
fn limits_are_honoured() {
    let limits = dimacs::Limits { max_nodes: 10, max_arcs: 5 };
    assert!(dimacs::parse_with_limits("p min 10 5\n", limits).is_err_and(|e| e.kind == ParseErrorKind::TooFewArcs { declared: 5, found: 0 }));
    assert_eq!(
        dimacs::parse_with_limits("p min 11 0\n", limits).unwrap_err().kind,
        ParseErrorKind::TooLarge { field: Field::NodeCount, declared: 11, limit: 10 }
    );
    assert_eq!(dimacs::parse_with_limits("p min 1 6\n", limits).unwrap_err().kind, ParseErrorKind::TooLarge { field: Field::ArcCount, declared: 6, limit: 5 });
}
