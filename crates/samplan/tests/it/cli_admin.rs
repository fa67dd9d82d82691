//! The database commands on the real binary: migrate, user add, user token, demo —
//! including their errors for bad input (exit status 2, naming what is wrong).
use std::process::{Command, Output};

fn samplan(args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_samplan"));
    cmd.args(args).env_remove("DATABASE_URL").env_remove("SAMPLAN_PASSWORD");
    for (k, v) in env {
        cmd.env(k, v);
    }
    if let Some(input) = stdin {
        use std::io::Write;
        cmd.stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        return child.wait_with_output().unwrap();
    }
    cmd.output().unwrap()
}

fn text(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}

#[test]
fn users_and_tokens_are_created_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("s.sqlite").display());
    let key = samplan::crypto::CprVault::new_key();
    let env = [("DATABASE_URL", url.as_str()), ("SAMPLAN_CPR_ENCRYPTION_KEY", key.as_str()), ("SAMPLAN_CPR_HASH_KEY", key.as_str())];
    let migrated = samplan(&["migrate"], &env, None);
    assert!(migrated.status.success(), "{}", text(&migrated.stderr));
    let add = samplan(
        &["user", "add", "mette", "--role", "caseworker", "--municipality", "316", "--department", "jobcenter"],
        &env,
        Some("en meget lang adgangskode\n"),
    );
    assert!(add.status.success(), "{}", text(&add.stderr));
    assert!(text(&add.stdout).contains("mette"));
    let again = samplan(&["user", "add", "mette", "--role", "caseworker", "--municipality", "316"], &env, Some("en meget lang adgangskode\n"));
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("«mette» findes allerede"), "{}", text(&again.stderr));
    let token = samplan(&["user", "token", "mette"], &env, None);
    assert!(token.status.success(), "{}", text(&token.stderr));
    let token = text(&token.stdout).trim().to_string();
    assert!(token.len() >= 40, "{token}");
    let unknown = samplan(&["user", "token", "nobody"], &env, None);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown.stderr).contains("nobody"));
}

#[test]
fn bad_input_exits_with_status_2_and_says_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("s.sqlite").display());
    let key = samplan::crypto::CprVault::new_key();
    let env = [("DATABASE_URL", url.as_str()), ("SAMPLAN_CPR_ENCRYPTION_KEY", key.as_str()), ("SAMPLAN_CPR_HASH_KEY", key.as_str())];
    let cases: [(&[&str], Option<&str>, &str); 7] = [
        (&["migrate", "--database-url", "mysql://x"], None, "skal begynde med sqlite: eller postgres://"),
        (&["user", "add", "x", "--role", "chef", "--municipality", "0316"], Some("en meget lang adgangskode\n"), "role"),
        (&["user", "add", "x", "--role", "caseworker", "--municipality", "9999"], Some("en meget lang adgangskode\n"), "9999 er ikke en dansk kommunekode"),
        (&["user", "add", "x", "--role", "caseworker", "--municipality", "0316"], Some("kort\n"), "mindst 12 tegn"),
        (&["demo", "--municipality", "0999", "--no-serve", "--data-dir", "/nonexistent/never"], None, "--municipality"),
        // A citizen is named by CPR number, never by an internal number.
        (&["user", "add", "amal", "--role", "citizen", "--municipality", "0316", "--person", "42"], Some("en meget lang adgangskode\n"), "--person:"),
        (
            &["user", "add", "amal", "--role", "citizen", "--municipality", "0316", "--person", "010190-1234"],
            Some("en meget lang adgangskode\n"),
            "--person: ingen person",
        ),
    ];
    for (args, stdin, expected) in cases {
        let out = samplan(args, &env, stdin);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out.stderr));
        assert!(text(&out.stderr).contains(expected), "{args:?}: {}", text(&out.stderr));
    }
    let missing = samplan(&["migrate"], &[], None);
    assert!(text(&missing.stderr).contains("DATABASE_URL"), "{}", text(&missing.stderr));
}

#[test]
fn demo_generates_a_municipality_and_reuses_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let first = samplan(&["demo", "--no-serve", "--data-dir", data, "--municipality", "0101", "--persons", "200"], &[], None);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(text(&first.stdout).contains("i København Kommune"), "{}", text(&first.stdout));
    let second = samplan(&["demo", "--no-serve", "--data-dir", data, "--municipality", "0101"], &[], None);
    assert!(text(&second.stdout).contains("Genbruger demodatabasen"), "{}", text(&second.stdout));
    let reset = samplan(&["demo", "--no-serve", "--data-dir", data, "--municipality", "0101", "--persons", "50", "--reset"], &[], None);
    assert!(text(&reset.stdout).contains("personer oprettet"), "{}", text(&reset.stdout));
}
