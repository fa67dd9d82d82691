//! `samplan backup` and `samplan restore` on the real binary: a demo municipality's SQLite
//! database is copied while a writer holds it open, put back into a new file, and every
//! row of every table is the same; bad input exits with status 2 naming what is wrong.
use sqlx::sqlite::SqlitePoolOptions;
use sqlx::{Row, SqlitePool};
use std::process::{Command, Output};

fn samplan(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_samplan"));
    cmd.args(args).env_remove("DATABASE_URL");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn text(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}

async fn pool(path: &std::path::Path) -> SqlitePool {
    SqlitePoolOptions::new().max_connections(1).connect(&format!("sqlite://{}?mode=ro", path.display())).await.unwrap()
}

/// Every table's rows, each as one text of its quoted values, in the order of those texts
/// (a `WITHOUT ROWID` table, such as the name search index's, has no rowid to order by).
async fn contents(pool: &SqlitePool) -> Vec<(String, Vec<String>)> {
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").fetch_all(pool).await.unwrap();
    let mut out = Vec::new();
    for table in tables {
        let columns: Vec<String> =
            sqlx::query(&format!("PRAGMA table_info(\"{table}\")")).fetch_all(pool).await.unwrap().iter().map(|r| r.get::<String, _>("name")).collect();
        let row = columns.iter().map(|c| format!("quote(\"{c}\")")).collect::<Vec<_>>().join(" || '|' || ");
        let rows: Vec<String> = sqlx::query_scalar(&format!("SELECT {row} FROM \"{table}\" ORDER BY 1")).fetch_all(pool).await.unwrap();
        out.push((table, rows));
    }
    out
}

#[tokio::test]
async fn a_backup_restores_to_the_same_database() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("demo");
    let made = samplan(&["demo", "--no-serve", "--data-dir", data.to_str().unwrap(), "--persons", "300"], &[]);
    assert!(made.status.success(), "{}", text(&made.stderr));
    let original = data.join("samplan-demo.sqlite");
    assert!(original.is_file(), "the demo database is {}", original.display());
    let url = format!("sqlite:{}", original.display());

    // A writer holds the database open, in WAL mode, while the copy is taken.
    let writer = SqlitePoolOptions::new().max_connections(1).connect(&format!("sqlite://{}", original.display())).await.unwrap();
    sqlx::query("UPDATE app_user SET display_name = display_name || ' ' WHERE login = 'admin'").execute(&writer).await.unwrap();
    let backup = dir.path().join("kopi.sqlite");
    let out = samplan(&["backup", "--out", backup.to_str().unwrap()], &[("DATABASE_URL", &url)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("CPR-nøglerne er ikke med"), "the keys are named as separate");
    writer.close().await;

    let again = samplan(&["backup", "--out", backup.to_str().unwrap()], &[("DATABASE_URL", &url)]);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("--out") && text(&again.stderr).contains("findes allerede"), "{}", text(&again.stderr));

    let restored = dir.path().join("tilbage.sqlite");
    let restored_url = format!("sqlite:{}", restored.display());
    let out = samplan(&["restore", backup.to_str().unwrap()], &[("DATABASE_URL", &restored_url)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let (a, b) = (contents(&pool(&original).await).await, contents(&pool(&restored).await).await);
    assert!(a.iter().any(|(t, rows)| t == "person" && rows.len() >= 300), "the demo has its persons");
    assert_eq!(a.len(), b.len(), "the same tables");
    for ((table, rows), (_, restored_rows)) in a.iter().zip(&b) {
        assert!(rows == restored_rows, "table {table}: {} rows before, {} after, or different values", rows.len(), restored_rows.len());
    }

    // Refused: replacing without --force, a file that is not a backup, PostgreSQL.
    let out = samplan(&["restore", backup.to_str().unwrap()], &[("DATABASE_URL", &restored_url)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--force"), "{}", text(&out.stderr));
    let junk = dir.path().join("noget.txt");
    std::fs::write(&junk, "ikke en database").unwrap();
    let other = format!("sqlite:{}", dir.path().join("ny.sqlite").display());
    let out = samplan(&["restore", junk.to_str().unwrap()], &[("DATABASE_URL", &other)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("noget.txt: er ikke en SQLite-database"), "{}", text(&out.stderr));
    assert!(!dir.path().join("ny.sqlite").exists() && !dir.path().join("ny.restoring").exists(), "nothing is left behind");
    let out = samplan(&["backup", "--out", dir.path().join("pg.dump").to_str().unwrap()], &[("DATABASE_URL", "postgres://localhost/samplan")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("pg_dump"), "{}", text(&out.stderr));
}
