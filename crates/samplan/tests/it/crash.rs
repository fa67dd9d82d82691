//! Crash safety of the real server: `samplan serve` is killed with SIGKILL in the middle
//! of 1 000 concurrent plan saves through the API, restarted on the same database, and
//! then every save that was answered 2xx is there, and nothing is half-written: each
//! stored plan version is exactly the plan that was sent for it, with its audit row, its
//! notification to the family's coordinator and the coordinator's mail in the outbox —
//! and no notification or mail exists for a version that was not stored.
use crate::common;

use samplan::crypto::CprVault;
use serde_json::{Value, json};
use sqlx::Row;
use std::collections::{BTreeMap, BTreeSet};
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

const FAMILIES: usize = 50;
const SAVES_PER_FAMILY: usize = 20;
/// The server is killed once this many saves have been answered.
const KILL_AFTER: usize = 400;

/// The environment every command of one installation runs with.
struct Installation {
    env: Vec<(&'static str, String)>,
}

impl Installation {
    fn new(database_url: String) -> Self {
        let (encryption, hash) = (CprVault::new_key(), CprVault::new_key());
        Installation { env: vec![("DATABASE_URL", database_url), ("SAMPLAN_CPR_ENCRYPTION_KEY", encryption), ("SAMPLAN_CPR_HASH_KEY", hash)] }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_samplan"));
        // Warnings and errors only: a failure shows the server's reason without the request log.
        cmd.args(args).env_remove("SAMPLAN_CONFIG").env("RUST_LOG", "warn").kill_on_drop(true);
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd
    }

    /// Runs a command to its end; its standard output.
    async fn run(&self, args: &[&str], stdin: &str) -> String {
        let mut child = self.command(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).await.unwrap();
        let out = child.wait_with_output().await.unwrap();
        assert!(out.status.success(), "samplan {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    /// Starts `samplan serve` on a free port; the child and its address.
    async fn serve(&self) -> (Child, String) {
        // The server's log goes to the test's output, so a failure shows why.
        let mut child = self.command(&["serve", "--addr", "127.0.0.1:0"]).stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn().unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let address = tokio::time::timeout(Duration::from_secs(60), async {
            while let Some(line) = lines.next_line().await.unwrap() {
                if let Some(url) = line.strip_prefix("samplan kører på http://") {
                    return url.trim_end_matches('/').to_string();
                }
            }
            panic!("samplan serve ended without saying where it listens");
        })
        .await
        .expect("samplan serve starts within a minute");
        // Keep reading so the server never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        (child, address)
    }
}

/// One HTTP/1.1 request on its own connection; the status and JSON body, or `None` when
/// the connection broke before a whole answer came (the server was killed).
async fn request(address: &str, method: &str, path: &str, token: &str, body: Option<&Value>) -> Option<(u16, Value)> {
    let mut stream = TcpStream::connect(address).await.ok()?;
    let body = body.map(Value::to_string).unwrap_or_default();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.ok()?;
    stream.write_all(body.as_bytes()).await.ok()?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.ok()?;
    let text = String::from_utf8(answer).ok()?;
    let (head, body) = text.split_once("\r\n\r\n")?;
    let status: u16 = head.split(' ').nth(1)?.parse().ok()?;
    let length: usize =
        head.lines().find_map(|l| l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case("content-length")).map(|(_, v)| v.trim().parse().ok())).flatten()?;
    if body.len() != length {
        return None;
    }
    Some((status, if body.is_empty() { Value::Null } else { serde_json::from_str(body).ok()? }))
}

/// The plan sent as save number `step` (1-based) of a family: 1–3 actions whose titles
/// name the step, so each stored version can be matched with what was sent for it.
fn plan(coordinator: i64, person: i64, step: usize) -> Value {
    let actions: Vec<Value> = (0..step % 3 + 1)
        .map(|i| json!({"title": format!("Trin {step} indsats {i}"), "department": "jobcenter", "person_id": person, "start_date": "2027-01-04", "status": "planned"}))
        .collect();
    json!({"coordinator_user_id": coordinator, "goals": [{"life_area": "beskaeftigelse", "person_id": person, "text": "Job inden for et år", "actions": actions}]})
}

fn titles(document: &Value) -> Vec<String> {
    document["goals"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|g| g["actions"].as_array().into_iter().flatten())
        .map(|a| a["title"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn expected_titles(step: usize) -> Vec<String> {
    (0..step % 3 + 1).map(|i| format!("Trin {step} indsats {i}")).collect()
}

async fn kill_in_the_middle_of_saves(database_url: String) {
    let install = Installation::new(database_url.clone());
    install.run(&["migrate"], "").await;
    let password = "en lang adgangskode til testen\n";
    let user = |login: &'static str, role: &'static str, email: &'static str| {
        let install = &install;
        async move {
            let added =
                install.run(&["user", "add", login, "--role", role, "--municipality", "0316", "--department", "jobcenter", "--email", email], password).await;
            let id: i64 = added.split("(id ").nth(1).and_then(|r| r.split(',').next()).and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("{added}"));
            (id, install.run(&["user", "token", login], "").await.trim().to_string())
        }
    };
    let (_, writer) = user("sagsbehandler", "caseworker", "sb@kommune.invalid").await;
    let (coordinator, _) = user("koordinator", "coordinator", "koordinator@kommune.invalid").await;

    let (mut server, address) = install.serve().await;
    let mut families = Vec::new();
    for n in 0..FAMILIES {
        let (status, family) = request(&address, "POST", "/api/v1/families", &writer, Some(&json!({"name": format!("Familien Nielsen {n}")}))).await.unwrap();
        assert_eq!(status, 201, "{family}");
        let family = family["id"].as_i64().unwrap();
        let cpr = format!("{:02}0190-{:04}", n % 28 + 1, 1000 + n);
        let person = json!({"cpr": cpr, "given_name": "Sara", "family_name": format!("Nielsen {n}"), "sex": "female", "languages": "ar", "nationality": "Syrien",
            "arrival_date": "2026-02-01", "residence_basis": "refugee", "family_id": family});
        let (status, person) = request(&address, "POST", "/api/v1/persons", &writer, Some(&person)).await.unwrap();
        assert_eq!(status, 201, "{person}");
        families.push((family, person["id"].as_i64().unwrap()));
    }

    // 50 families, each a chain of 20 saves (each based on the version the last one
    // was answered with), all chains at once; the server is killed after 400 answers.
    let answered = Arc::new(AtomicUsize::new(0));
    let mut chains = Vec::new();
    for &(family, person) in &families {
        let (address, writer, answered) = (address.clone(), writer.clone(), answered.clone());
        chains.push(tokio::spawn(async move {
            let mut acknowledged = 0;
            for step in 1..=SAVES_PER_FAMILY {
                let body = json!({"based_on_version": acknowledged, "reason": format!("Trin {step}"), "plan": plan(coordinator, person, step)});
                match request(&address, "PUT", &format!("/api/v1/families/{family}/plan"), &writer, Some(&body)).await {
                    Some((200, view)) => {
                        acknowledged = view["version"].as_i64().unwrap();
                        assert_eq!(acknowledged, step as i64, "save {step} of family {family} is version {step}");
                        answered.fetch_add(1, Ordering::SeqCst);
                    }
                    Some((status, body)) => panic!("save {step} of family {family}: {status} {body}"),
                    None => break,
                }
            }
            (family, acknowledged)
        }));
    }
    while answered.load(Ordering::SeqCst) < KILL_AFTER && !chains.iter().all(|c| c.is_finished()) {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    server.start_kill().unwrap(); // SIGKILL
    server.wait().await.unwrap();
    let mut acknowledged = BTreeMap::new();
    for chain in chains {
        let (family, version) = chain.await.unwrap();
        acknowledged.insert(family, version);
    }
    let total: i64 = acknowledged.values().sum();
    assert!(total >= KILL_AFTER as i64 && total < (FAMILIES * SAVES_PER_FAMILY) as i64, "killed in the middle: {total} saves answered");
    eprintln!("killed after {total} of {} saves were answered", FAMILIES * SAVES_PER_FAMILY);

    // Restarted on the same database, the server serves again.
    let (mut server, address) = install.serve().await;
    let (status, _) = request(&address, "GET", "/api/v1/families?limit=1", &writer, None).await.unwrap();
    assert_eq!(status, 200);
    server.start_kill().unwrap();
    server.wait().await.unwrap();

    sqlx::any::install_default_drivers();
    let pool = sqlx::any::AnyPoolOptions::new().max_connections(1).connect(&database_url).await.unwrap();
    let rows = |sql: &'static str| {
        let pool = pool.clone();
        async move {
            let rows = sqlx::query(sql).fetch_all(&pool).await.unwrap();
            rows.iter().map(|r| (0..r.len()).map(|i| r.get::<String, _>(i)).collect::<Vec<String>>()).collect::<Vec<_>>()
        }
    };
    let versions: BTreeMap<(i64, i64), String> = rows("SELECT CAST(family_id AS TEXT), CAST(version AS TEXT), document FROM plan_version")
        .await
        .into_iter()
        .map(|r| ((r[0].parse().unwrap(), r[1].parse().unwrap()), r[2].clone()))
        .collect();
    let stored: BTreeSet<(i64, i64)> = versions.keys().copied().collect();
    for (&family, &acked) in &acknowledged {
        let newest = stored.iter().filter(|(f, _)| *f == family).map(|(_, v)| *v).max().unwrap_or(0);
        // Every answered save is there; at most the one save in flight at the kill is too.
        assert!(newest == acked || newest == acked + 1, "family {family}: {acked} saves answered, newest stored version {newest}");
        assert_eq!(stored.iter().filter(|(f, _)| *f == family).count() as i64, newest, "family {family}: versions 1..{newest} without a gap");
    }
    for (&(family, version), document) in &versions {
        let document: Value = serde_json::from_str(document).unwrap();
        assert_eq!(titles(&document), expected_titles(version as usize), "family {family} version {version} is the plan sent for it, whole");
    }

    // Audit, notification and mail: exactly one of each per stored version.
    let audited: Vec<(i64, i64)> = rows("SELECT entity_id, detail FROM audit_log WHERE entity = 'family_plan' AND action IN ('create', 'update')")
        .await
        .into_iter()
        .map(|r| (r[0].parse().unwrap(), r[1].strip_prefix("version ").and_then(|d| d.split(':').next()).unwrap().parse().unwrap()))
        .collect();
    let version_in = |message: &str| -> i64 { message.split("(version ").nth(1).and_then(|m| m.split(',').next()).unwrap().parse().unwrap() };
    let notified: Vec<(i64, i64)> =
        rows("SELECT CAST(family_id AS TEXT), message FROM notification").await.into_iter().map(|r| (r[0].parse().unwrap(), version_in(&r[1]))).collect();
    let family_of: BTreeMap<String, i64> = (0..FAMILIES).map(|n| (format!("Helhedsplan ændret: Familien Nielsen {n}"), families[n].0)).collect();
    let mailed: Vec<(i64, i64)> = rows("SELECT subject, body FROM email_outbox").await.into_iter().map(|r| (family_of[&r[0]], version_in(&r[1]))).collect();
    for (what, list) in [("audit row", audited), ("notification", notified), ("mail", mailed)] {
        let set: BTreeSet<(i64, i64)> = list.iter().copied().collect();
        assert_eq!(set.len(), list.len(), "one {what} per version");
        let missing: Vec<_> = stored.difference(&set).collect();
        let orphaned: Vec<_> = set.difference(&stored).collect();
        assert!(missing.is_empty() && orphaned.is_empty(), "{what}: stored versions without one {missing:?}, for versions never stored {orphaned:?}");
    }
    pool.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite() {
    let dir = tempfile::tempdir().unwrap();
    kill_in_the_middle_of_saves(format!("sqlite:{}", dir.path().join("crash.sqlite").display())).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres() {
    let Some(db) = common::postgres().await else { return };
    let url = db.url.clone();
    db.store.close().await;
    kill_in_the_middle_of_saves(url).await;
}
