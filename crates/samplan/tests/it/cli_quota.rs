//! Runs the real `samplan quota` binary: the table, the CSV output summing
//! exactly to the national figure, the configurable key, and exit status 2 with
//! file:line:column for bad input.
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples/placement/population_example.csv")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("samplan-cli-quota-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

fn quota(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samplan")).arg("quota").args(args).output().expect("run samplan")
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// `level,code,name,quota` rows.
fn read_csv(p: &Path) -> Vec<(String, String, u64)> {
    let text = std::fs::read_to_string(p).expect("written");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("level,code,name,quota"));
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_owned(), f[1].to_owned(), f[f.len() - 1].parse().expect("quota"))
        })
        .collect()
}

#[test]
fn csv_output_sums_exactly_to_the_national_figure_at_both_levels() {
    let dir = scratch("sums");
    for national in [0u64, 1, 7, 999, 5000] {
        let out = dir.join(format!("q{national}.csv"));
        let run = quota(&["--national", &national.to_string(), "--population", path(&example()), "--out", path(&out)]);
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        let rows = read_csv(&out);
        let sum = |level: &str| rows.iter().filter(|r| r.0 == level).map(|r| r.2).sum::<u64>();
        assert_eq!(sum("region"), national);
        assert_eq!(sum("kommune"), national);
        let first_municipality = rows.iter().position(|r| r.0 == "kommune").expect("municipalities");
        assert!(rows[..first_municipality].iter().all(|r| r.0 == "region"), "regions first");
        assert_eq!(rows.len() - first_municipality, 13, "one row per municipality in the file");
    }
}

#[test]
fn prints_a_danish_table_by_default() {
    let run = quota(&["--national", "1000", "--population", path(&example())]);
    assert!(run.status.success());
    let text = String::from_utf8_lossy(&run.stdout);
    assert!(text.contains("Regionskvoter"), "{text}");
    assert!(text.contains("Kommunekvoter"), "{text}");
    assert!(text.contains("Region Midtjylland"), "{text}");
    assert!(text.contains("0751  Aarhus"), "{text}");
    let total = text.lines().filter(|l| l.trim_start().starts_with("I alt")).count();
    assert_eq!(total, 2, "{text}");
}

#[test]
fn the_refugee_weight_is_configurable() {
    let dir = scratch("key");
    let population = dir.join("p.csv");
    // Population shares 0.25 / 0.75; resident-refugee shares 0.75 / 0.25.
    std::fs::write(&population, "kommunekode,population,resident_refugees\n0101,1000,30\n0147,3000,10\n").expect("write");
    let run = |alpha: &str| {
        let out = dir.join(format!("q{alpha}.csv"));
        let r = quota(&["--national", "8", "--population", path(&population), "--refugee-adjustment", alpha, "--out", path(&out)]);
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        read_csv(&out).into_iter().filter(|r| r.0 == "kommune").map(|r| r.2).collect::<Vec<_>>()
    };
    assert_eq!(run("0"), [2, 6], "plain population shares");
    // 0.25 − (0.75 − 0.25) < 0 → 0; the rest goes to 0147.
    assert_eq!(run("1"), [0, 8], "statutory key");
}

#[test]
fn malformed_rows_exit_2_naming_file_line_and_column() {
    let dir = scratch("bad");
    let cases = [
        ("kommunekode,population,resident_refugees\n0101,1000,30\n0147,x,0\n", "p.csv:3:2: ", "population"),
        ("kommunekode,population,resident_refugees\n0101,1000,-3\n", "p.csv:2:3: ", "negativt"),
        ("kommunekode,population,resident_refugees\n9999,1000,3\n", "p.csv:2:1: ", "9999"),
        ("kommunekode,population,resident_refugees\n0101,1000,3\n0101,10,3\n", "p.csv:3:1: ", "linje 2"),
        ("kommunekode,population\n0101,1000\n", "p.csv:1: ", "resident_refugees"),
    ];
    for (text, location, reason) in cases {
        let p = dir.join("p.csv");
        std::fs::write(&p, text).expect("write");
        let run = quota(&["--national", "10", "--population", path(&p)]);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{stderr}");
        assert!(stderr.starts_with("samplan: error: "), "{stderr}");
        assert!(stderr.contains(location), "expected {location} in {stderr}");
        assert!(stderr.contains(reason), "expected {reason} in {stderr}");
    }
}
