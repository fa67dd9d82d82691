//! Test harness: a fresh database per test on SQLite (a temporary file) and on
//! PostgreSQL (a new database on a throw-away server), and an in-process app to send
//! requests through the real router.
#![allow(dead_code, reason = "each test file uses only some of the helpers; `expect` would fail in the files that use them all")]
pub mod app;

use samplan::crypto::CprVault;
use samplan::store::Store;
use std::sync::OnceLock;

/// A store on a fresh database, with whatever keeps it alive; a PostgreSQL database made
/// for the test is dropped when the test is done with it, so a whole run does not fill
/// the disk.
pub struct TestDb {
    /// The store.
    pub store: Store,
    /// Its URL (for a server started as its own process).
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    /// The server's URL and the database's name, for dropping it.
    postgres: Option<(String, String)>,
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((server, name)) = self.postgres.take() else { return };
        let label = name.clone();
        // Drop is synchronous and may run inside the test's runtime: a thread with a
        // runtime of its own drops the database; FORCE ends the test's connections.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            runtime.block_on(async {
                let admin = Store::connect(&server).await.map_err(|e| e.to_string())?;
                let done = admin.execute_raw(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await.map_err(|e| e.to_string());
                admin.close().await;
                done.map(|_| ())
            })
        })
        .join();
        if let Ok(Err(e)) = dropped {
            eprintln!("test database {label} was not dropped: {e}");
        }
    }
}

impl TestDb {
    /// A database set up by the test itself, at `url`.
    pub fn existing(store: Store, url: String) -> Self {
        TestDb { store, url, _dir: None, postgres: None }
    }
}

/// A fresh SQLite database in a temporary directory.
pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite:{}", dir.path().join("test.sqlite").display());
    let store = Store::connect(&url).await.expect("sqlite connects");
    store.migrate().await.expect("sqlite migrates");
    TestDb { store, url, _dir: Some(dir), postgres: None }
}

/// The PostgreSQL server for this test process: `SAMPLAN_TEST_DATABASE_URL`, or a
/// throw-away one started by `scripts/pg-throwaway.sh`. `None` (with a loud warning)
/// when neither can be had; in CI that is a failure.
fn postgres_server() -> Option<&'static str> {
    static URL: OnceLock<Option<String>> = OnceLock::new();
    URL.get_or_init(|| {
        if let Ok(url) = std::env::var("SAMPLAN_TEST_DATABASE_URL") {
            return Some(url);
        }
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scripts/pg-throwaway.sh");
        let out = std::process::Command::new("bash").arg(script).arg(std::process::id().to_string()).output();
        match out {
            Ok(o) if o.status.success() => Some(String::from_utf8_lossy(&o.stdout).trim().to_string()),
            other => {
                let why = match other {
                    Ok(o) => String::from_utf8_lossy(&o.stderr).to_string(),
                    Err(e) => e.to_string(),
                };
                if std::env::var_os("CI").is_some() {
                    panic!("PostgreSQL is required in CI but could not be started: {why}");
                }
                eprintln!(
                    "\n!!!!!!!! PostgreSQL NOT TESTED: no server could be started ({why}). Install postgresql or set SAMPLAN_TEST_DATABASE_URL. !!!!!!!!\n"
                );
                None
            }
        }
    })
    .as_deref()
}

/// A fresh database on the PostgreSQL server, or `None` when there is no server.
pub async fn postgres() -> Option<TestDb> {
    let base = postgres_server()?;
    let name = format!("t_{}", samplan::auth::random_token().to_lowercase().replace(['-', '_'], "").chars().take(20).collect::<String>());
    let admin = Store::connect(base).await.expect("postgres connects");
    admin.execute_raw(&format!("CREATE DATABASE {name}")).await.expect("create test database");
    admin.close().await;
    let url = match base.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{name}"),
        None => panic!("SAMPLAN_TEST_DATABASE_URL must end in /DBNAME"),
    };
    let store = Store::connect(&url).await.expect("test database connects");
    store.migrate().await.expect("postgres migrates");
    Some(TestDb { store, url, _dir: None, postgres: Some((base.to_string(), name)) })
}

/// A vault with fresh keys.
pub fn vault() -> CprVault {
    CprVault::from_base64(&CprVault::new_key(), &CprVault::new_key()).expect("fresh keys are valid")
}

/// Runs the same async test body on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! on_both_databases {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;
            #[tokio::test]
            async fn sqlite() {
                let db = $crate::common::sqlite().await;
                ($body)(db.store.clone()).await;
            }
            #[tokio::test]
            async fn postgres() {
                let Some(db) = $crate::common::postgres().await else { return };
                ($body)(db.store.clone()).await;
                db.store.close().await;
            }
        }
    };
}

/// Runs `async fn $name(app: TestApp)` on an app over SQLite and one over PostgreSQL.
#[macro_export]
macro_rules! on_both_apps {
    ($name:ident) => {
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::$name($crate::common::app::TestApp::sqlite().await).await;
            }
            #[tokio::test]
            async fn postgres() {
                if let Some(app) = $crate::common::app::TestApp::postgres().await {
                    super::$name(app).await;
                }
            }
        }
    };
}

/// Makes every insert into the e-mail outbox fail, as a full disk or a broken table
/// would, to show that a change whose mail cannot be queued is not stored either.
pub async fn break_the_outbox(store: &Store) {
    use samplan::store::Backend;
    match store.backend() {
        Backend::Sqlite => {
            store
                .execute_raw("CREATE TRIGGER outbox_broken BEFORE INSERT ON email_outbox BEGIN SELECT RAISE(ABORT, 'outbox broken'); END")
                .await
                .expect("trigger");
        }
        Backend::Postgres => {
            store
                .execute_raw("CREATE FUNCTION outbox_broken() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'outbox broken'; END $$")
                .await
                .expect("function");
            store
                .execute_raw("CREATE TRIGGER outbox_broken BEFORE INSERT ON email_outbox FOR EACH ROW EXECUTE FUNCTION outbox_broken()")
                .await
                .expect("trigger");
        }
    }
}

/// Undoes [`break_the_outbox`].
pub async fn mend_the_outbox(store: &Store) {
    let sql = match store.backend() {
        samplan::store::Backend::Sqlite => "DROP TRIGGER outbox_broken",
        samplan::store::Backend::Postgres => "DROP TRIGGER outbox_broken ON email_outbox",
    };
    store.execute_raw(sql).await.expect("drop trigger");
}
