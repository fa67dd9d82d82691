//! `--outcomes` and `--employment-weight` of `samplan place` and `samplan
//! place-year` through the real binary: weight 0 changes nothing but adds the
//! `p_employed` column, a weight adds the Danish employment term to the
//! explanation, and bad input exits 2 naming the file, line and field.
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples/placement/year")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("samplan-cli-employment-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

fn run(command: &str, out: &Path, extra: &[&str]) -> Output {
    let e = examples();
    Command::new(env!("CARGO_BIN_EXE_samplan"))
        .arg(command)
        .arg("--households")
        .arg(e.join("households.csv"))
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

fn stdout(run: &Output) -> String {
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    String::from_utf8_lossy(&run.stdout).into_owned()
}

fn objective(text: &str) -> i64 {
    text.lines().last().and_then(|l| l.strip_prefix("objective ")).expect("objective last").parse().expect("number")
}

fn rows(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(path).expect("result");
    let mut lines = text.lines();
    let header = lines.next().expect("header").split(',').map(str::to_owned).collect();
    (header, lines.map(|l| l.split(',').map(str::to_owned).collect()).collect())
}

fn outcomes() -> String {
    examples().join("outcomes.csv").display().to_string()
}

#[test]
fn weight_zero_changes_nothing_but_adds_p_employed() {
    let dir = scratch("zero");
    let plain = dir.join("plain.csv");
    let zero = dir.join("zero.csv");
    let a = stdout(&run("place", &plain, &[]));
    let b = stdout(&run("place", &zero, &["--outcomes", &outcomes(), "--employment-weight", "0"]));
    assert_eq!(objective(&a), objective(&b));
    let (h1, r1) = rows(&plain);
    let (h2, r2) = rows(&zero);
    assert_eq!(h1, ["household_id", "unit_id", "cost"]);
    assert_eq!(h2, ["household_id", "unit_id", "cost", "p_employed"]);
    for (x, y) in r1.iter().zip(&r2) {
        assert_eq!(x[..], y[..3]);
        if y[1].is_empty() {
            assert_eq!(y[3], "");
        } else {
            let p: f64 = y[3].parse().expect("a probability");
            assert!(p > 0.0 && p < 1.0, "{p}");
        }
    }
    assert!(b.contains("beskæftigelsesmodel: 600 tidligere beboere"), "{b}");
    assert!(b.contains("krydsvalideret log-tab"), "{b}");
}

#[test]
fn a_weight_adds_the_employment_term_and_explains_it_in_danish() {
    let dir = scratch("weight");
    let out = dir.join("r.csv");
    let text = stdout(&run("place", &out, &["--outcomes", &outcomes(), "--employment-weight", "5000", "--explain"]));
    let (_, r) = rows(&out);
    assert_eq!(r.iter().map(|x| x[2].parse::<i64>().expect("cost")).sum::<i64>(), objective(&text));
    assert!(text.contains("  Beskæftigelse: anslået chance for job efter 12 måneder i "), "{text}");
    assert!(text.contains("95 %-interval"), "{text}");
    assert!(text.contains(", beskæftigelse: "), "{text}");
    // Areas A000 and A001 have 13 and 22 past residents: below the threshold.
    if text.contains("i Aarhus område 1 med") {
        assert!(text.contains("13 tidligere beboere i området, for få til en egen effekt"), "{text}");
    }
}

#[test]
fn the_year_takes_the_same_options() {
    let dir = scratch("year");
    let out = dir.join("r.csv");
    let history = examples().join("history.csv").display().to_string();
    for policy in ["online", "greedy", "hindsight"] {
        let text = stdout(&run("place-year", &out, &["--policy", policy, "--history", &history, "--outcomes", &outcomes(), "--employment-weight", "5000"]));
        let (header, r) = rows(&out);
        assert_eq!(header.last().map(String::as_str), Some("p_employed"));
        assert_eq!(r.iter().map(|x| x[2].parse::<i64>().expect("cost")).sum::<i64>(), objective(&text), "{policy}");
    }
}

#[test]
fn bad_employment_input_exits_2_naming_the_problem() {
    let dir = scratch("bad");
    let out = dir.join("r.csv");
    let alone = run("place", &out, &["--employment-weight", "100"]);
    assert_eq!(alone.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&alone.stderr).contains("--employment-weight kræver --outcomes"));
    let bad = dir.join("outcomes.csv");
    std::fs::write(&bad, "area_id,age,sex,education_years,danish_level,employed_12m\nA002,30,x,12,2,1\n").expect("write");
    let run = run("place", &out, &["--outcomes", bad.to_str().expect("utf-8")]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("outcomes.csv:2:3: feltet «sex»: «x» skal være f (kvinde) eller m (mand)"), "{stderr}");
}
