//! Runs the real `samplan place-year` binary on the example year with each
//! policy: the result file, the availability rule, hindsight as the lower
//! bound, repeatability, and exit status 2 with file:line:column for bad days.
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples/placement/year")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("samplan-cli-place-year-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

fn place_year(households: &Path, out: &Path, extra: &[&str]) -> Output {
    let e = examples();
    Command::new(env!("CARGO_BIN_EXE_samplan"))
        .arg("place-year")
        .arg("--households")
        .arg(households)
        .arg("--units")
        .arg(e.join("units.csv"))
        .arg("--areas")
        .arg(e.join("areas.csv"))
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .expect("run samplan")
}

fn objective(run: &Output) -> i64 {
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let text = String::from_utf8_lossy(&run.stdout);
    let last = text.lines().last().expect("some output");
    last.strip_prefix("objective ").expect("objective is the last line").parse().expect("a number")
}

/// A column of a CSV file by name, per row, keyed by the first column.
fn column(path: &Path, name: &str) -> HashMap<String, String> {
    let text = std::fs::read_to_string(path).expect("readable");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let at = header.iter().position(|h| *h == name).expect("column");
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_owned(), f[at].to_owned())
        })
        .collect()
}

#[test]
fn every_policy_places_only_available_units_and_hindsight_is_the_least() {
    let dir = scratch("policies");
    let households = examples().join("households.csv");
    let history = examples().join("history.csv");
    let arrival = column(&households, "arrival_day");
    let available = column(&examples().join("units.csv"), "available_from");
    let mut objectives = HashMap::new();
    for policy in ["hindsight", "greedy", "online"] {
        let out = dir.join(format!("{policy}.csv"));
        let run = place_year(&households, &out, &["--policy", policy, "--history", history.to_str().expect("utf-8")]);
        let total = objective(&run);
        let text = std::fs::read_to_string(&out).expect("result written");
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some("household_id,unit_id,cost"));
        let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
        assert_eq!(rows.len(), arrival.len());
        assert_eq!(rows.iter().map(|r| r[2].parse::<i64>().expect("cost")).sum::<i64>(), total, "{policy}");
        let mut used: Vec<&str> = rows.iter().map(|r| r[1]).filter(|u| !u.is_empty()).collect();
        for r in &rows {
            if !r[1].is_empty() {
                let from: u16 = available[r[1]].parse().expect("day");
                let day: u16 = arrival[r[0]].parse().expect("day");
                assert!(from <= day, "{policy}: {} got {} before it is free", r[0], r[1]);
            }
        }
        let n = used.len();
        used.sort_unstable();
        used.dedup();
        assert_eq!(used.len(), n, "{policy}: a unit used twice");
        objectives.insert(policy, total);
    }
    assert!(objectives["hindsight"] <= objectives["greedy"]);
    assert!(objectives["hindsight"] <= objectives["online"]);
}

#[test]
fn the_online_policy_gives_the_same_result_for_the_same_seed() {
    let dir = scratch("seed");
    let households = examples().join("households.csv");
    let (a, b) = (dir.join("a.csv"), dir.join("b.csv"));
    let first = objective(&place_year(&households, &a, &["--seed", "7"]));
    let second = objective(&place_year(&households, &b, &["--seed", "7"]));
    assert_eq!(first, second);
    assert_eq!(std::fs::read(&a).expect("a"), std::fs::read(&b).expect("b"));
}

#[test]
fn a_day_out_of_range_exits_2_naming_file_line_and_column() {
    let dir = scratch("bad-day");
    let text = std::fs::read_to_string(examples().join("households.csv")).expect("example");
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let at = header.iter().position(|h| *h == "arrival_day").expect("column");
    let mut fields: Vec<String> = lines[2].split(',').map(str::to_owned).collect();
    fields[at] = "365".to_owned();
    lines[2] = fields.join(",");
    let bad = dir.join("households.csv");
    std::fs::write(&bad, lines.join("\n")).expect("write");
    let run = place_year(&bad, &dir.join("r.csv"), &[]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    let expected = format!("households.csv:3:{}: feltet «arrival_day»: «365» skal ligge mellem 0 og 364", at + 1);
    assert!(stderr.contains(&expected), "{stderr}");
    // The days are required.
    let without: String = text.lines().map(|l| l.split(',').take(at).collect::<Vec<_>>().join(",")).collect::<Vec<_>>().join("\n");
    std::fs::write(&bad, without).expect("write");
    let run = place_year(&bad, &dir.join("r.csv"), &[]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("feltet «arrival_day»: kolonnen mangler"));
}
