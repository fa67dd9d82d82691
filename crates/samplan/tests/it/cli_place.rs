//! Runs the real `samplan place` binary on the example round and on broken
//! files: the result file, the cost shares, the objective line, the Danish
//! explanation, and exit status 2 with file:line:column for bad input.
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples/placement")
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("samplan-cli-place-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

fn place(households: &Path, units: &Path, areas: &Path, out: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samplan"))
        .arg("place")
        .arg("--households")
        .arg(households)
        .arg("--units")
        .arg(units)
        .arg("--areas")
        .arg(areas)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .expect("run samplan")
}

fn place_examples(out: &Path, extra: &[&str]) -> Output {
    let e = examples();
    place(&e.join("households.csv"), &e.join("units.csv"), &e.join("areas.csv"), out, extra)
}

fn objective(stdout: &[u8]) -> i64 {
    let text = String::from_utf8_lossy(stdout);
    let last = text.lines().last().expect("some output");
    last.strip_prefix("objective ").expect("objective is the last line").parse().expect("a number")
}

fn result_rows(path: &Path) -> Vec<(String, String, i64)> {
    let text = std::fs::read_to_string(path).expect("result written");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("household_id,unit_id,cost"));
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            assert_eq!(f.len(), 3, "{l}");
            (f[0].to_owned(), f[1].to_owned(), f[2].parse().expect("cost is a number"))
        })
        .collect()
}

#[test]
fn writes_one_row_per_household_with_shares_summing_to_the_objective() {
    let dir = scratch("shares");
    let out = dir.join("result.csv");
    let run = place_examples(&out, &[]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let rows = result_rows(&out);
    let households = std::fs::read_to_string(examples().join("households.csv")).expect("example");
    let ids: Vec<&str> = households.lines().filter(|l| !l.starts_with('#')).skip(1).filter_map(|l| l.split(',').next()).collect();
    assert_eq!(rows.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(), ids, "input order kept");
    assert_eq!(rows.iter().map(|r| r.2).sum::<i64>(), objective(&run.stdout));
    // Units are used at most once; unplaced households carry the penalty.
    let mut units: Vec<&str> = rows.iter().map(|r| r.1.as_str()).filter(|u| !u.is_empty()).collect();
    let n = units.len();
    units.sort();
    units.dedup();
    assert_eq!(units.len(), n);
    for (_, unit, cost) in &rows {
        if unit.is_empty() {
            assert_eq!(*cost, 100_000);
        }
    }
    assert!(rows.iter().any(|r| r.1.is_empty()), "the example has households that cannot be placed");
}

#[test]
fn weights_file_changes_the_objective() {
    let dir = scratch("weights");
    let base = place_examples(&dir.join("a.csv"), &[]);
    let weights = dir.join("w.toml");
    std::fs::write(&weights, "unplaced_penalty = 50000\n").expect("write");
    let cheaper = place_examples(&dir.join("b.csv"), &["--weights", weights.to_str().expect("utf-8 path")]);
    assert!(base.status.success() && cheaper.status.success());
    // Two households cannot be placed in the example: each costs 50 000 less.
    assert_eq!(objective(&base.stdout) - objective(&cheaper.stdout), 2 * 50_000);
}

#[test]
fn explains_in_danish_before_the_objective_line() {
    let dir = scratch("explain");
    let run = place_examples(&dir.join("r.csv"), &["--explain"]);
    assert!(run.status.success());
    let text = String::from_utf8_lossy(&run.stdout);
    assert!(text.contains("Husstand H01: bolig "), "{text}");
    assert!(text.contains("Husstand H07: ikke placeret"), "{text}");
    assert!(text.contains("husleje på højst 3000 kr."), "{text}");
    assert!(text.contains("områder på listen"), "{text}");
    assert!(text.contains("Næstbedst: bolig "), "{text}");
    assert!(text.lines().last().is_some_and(|l| l.starts_with("objective ")));
}

#[test]
fn the_same_input_gives_the_same_result() {
    let dir = scratch("determinism");
    let a = place_examples(&dir.join("a.csv"), &[]);
    let b = place_examples(&dir.join("b.csv"), &[]);
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(std::fs::read(dir.join("a.csv")).expect("a"), std::fs::read(dir.join("b.csv")).expect("b"));
}

/// Runs with one example file replaced by `text`; returns (status, stderr).
fn with_broken(file: &str, text: &str, extra: &[&str]) -> (Option<i32>, String) {
    let dir = scratch(&format!("broken-{file}"));
    let e = examples();
    let mut paths = ["households.csv", "units.csv", "areas.csv"].map(|f| e.join(f));
    if let Some(i) = ["households.csv", "units.csv", "areas.csv"].iter().position(|f| *f == file) {
        paths[i] = dir.join(file);
        std::fs::write(&paths[i], text).expect("write broken file");
    }
    let run = place(&paths[0], &paths[1], &paths[2], &dir.join("r.csv"), extra);
    (run.status.code(), String::from_utf8_lossy(&run.stderr).into_owned())
}

const H: &str = "household_id,adults,children,needs_accessible,max_rent,anchors\n";
const U: &str = "unit_id,area_id,rooms,rent,accessible,tenure,lat,lon\n";
const A: &str = "area_id,name,listed,existing_households\n";

#[test]
fn malformed_rows_exit_2_naming_file_line_and_column() {
    let cases = [
        ("households.csv", format!("{H}H1,2,1,0,8000,\nH2,1,x,0,8000,\n"), "households.csv:3:3: ", "children"),
        ("households.csv", format!("{H}H1,2,1,0,8000,\nH1,1,0,0,8000,\n"), "households.csv:3:1: ", "linje 2"),
        ("households.csv", format!("{H}H1,2,1,0,-8000,\n"), "households.csv:2:5: ", "negativt"),
        ("households.csv", format!("{H}H1,2,1,0,8000,56.1:10.2;56.2\n"), "households.csv:2:6: ", "sted nr. 2"),
        ("households.csv", format!("{H}H1,2,1,0\n"), "households.csv:2", "CSV"),
        ("units.csv", format!("{U}B1,NOPE,2,6000,1,permanent,56.4,9.4\n"), "units.csv:2:2: ", "NOPE"),
        ("units.csv", format!("{U}B1,CEN,2,6000,1,lejebolig,56.4,9.4\n"), "units.csv:2:6: ", "permanent eller temporary"),
        ("units.csv", format!("{U}B1,CEN,2,6000,1,permanent,96.4,9.4\n"), "units.csv:2:7: ", "-90 og 90"),
        ("units.csv", format!("{U}B1,CEN,2,6000,1,permanent,56.4,x\n"), "units.csv:2:8: ", "decimaltal"),
        ("units.csv", format!("{U}B1,CEN,2,6000,1,permanent,56.4,9.4\nB1,CEN,2,6000,1,permanent,56.4,9.4\n"), "units.csv:3:1: ", "linje 2"),
        ("areas.csv", format!("{A}CEN,Centrum,ja,0\n"), "areas.csv:2:3: ", "0 (nej) eller 1 (ja)"),
        ("areas.csv", "area_id,name,listed\nCEN,Centrum,0\n".to_owned(), "areas.csv:1: ", "existing_households"),
    ];
    for (file, text, location, reason) in cases {
        let (status, stderr) = with_broken(file, &text, &[]);
        assert_eq!(status, Some(2), "{file}: {stderr}");
        assert!(stderr.starts_with("samplan: error: "), "{stderr}");
        assert!(stderr.contains(location), "expected {location} in {stderr}");
        assert!(stderr.contains(reason), "expected {reason} in {stderr}");
    }
}

#[test]
fn bad_weights_exit_2_naming_line_and_column() {
    let dir = scratch("bad-weights");
    let weights = dir.join("w.toml");
    std::fs::write(&weights, "distance_per_km = 10\nspread = 4\n").expect("write");
    let (status, stderr) = with_broken("none", "", &["--weights", weights.to_str().expect("utf-8 path")]);
    assert_eq!(status, Some(2), "{stderr}");
    assert!(stderr.contains("w.toml:2:1: "), "{stderr}");
    std::fs::write(&weights, "temporary_penalty = -1\n").expect("write");
    let (status, stderr) = with_broken("none", "", &["--weights", weights.to_str().expect("utf-8 path")]);
    assert_eq!(status, Some(2), "{stderr}");
    assert!(stderr.contains("w.toml:1:21: «temporary_penalty»"), "{stderr}");
}

#[test]
fn a_missing_file_exits_2() {
    let dir = scratch("missing");
    let missing = dir.join("nope.csv");
    let e = examples();
    let run = place(&missing, &e.join("units.csv"), &e.join("areas.csv"), &dir.join("r.csv"), &[]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("nope.csv"));
}
