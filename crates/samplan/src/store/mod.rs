//! Database access for SQLite (the embedded default) and PostgreSQL, through one code
//! path (sqlx `Any`): every query is written once, in SQL both databases accept.
//!
//! Portability rules kept by every query here: placeholders are `$1…`; integers are
//! `i64` (`BIGINT` on PostgreSQL); booleans are `0/1` integers; dates and timestamps
//! are ISO-8601 text (UTC, `Z`), which sorts correctly as text.
//!
//! No handler writes SQL: handlers call the functions of these modules.
//!
//! Every function that reads or writes one municipality's records takes the [`Tenant`]
//! it acts for, never a code, and binds it in every statement (decision 181). A few keep
//! a code, each named in its module's documentation: a municipality as reference data
//! (`municipalities`), reads across municipalities (partnerships, the regional demand
//! for Danish education, the memo's versions), and the helpers private to the store,
//! which are handed the code of a tenant their public caller took.
pub mod access;
pub mod audit;
pub mod bulk;
pub mod children;
pub mod civil_society;
pub mod consent;
pub mod council;
pub mod danish_education;
pub mod day;
pub mod deadlines;
mod deferred_indexes;
pub mod employment;
pub mod families;
pub mod forecast;
pub mod goals;
pub mod housing;
pub mod knowledge;
pub mod memo;
pub mod municipalities;
pub mod my_plan;
pub mod notifications;
pub mod overview;
pub mod persons;
pub mod plans;
pub mod referrals;
pub mod reports;
pub mod sessions;
pub mod status;
pub mod tenant;
pub mod translations;
pub mod unit;
pub mod users;
pub mod visits;

pub use tenant::Tenant;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};

/// Which database a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

impl Backend {
    /// The backend of an open connection or transaction.
    pub(crate) fn of(connection: &sqlx::AnyConnection) -> Backend {
        if connection.backend_name() == "PostgreSQL" { Backend::Postgres } else { Backend::Sqlite }
    }

    /// `rows` copies of `row` joined by commas, for a multi-row insert: each `?` in `row`
    /// is a placeholder, bound in order. PostgreSQL gets them numbered (`$1`, `$2`, …).
    /// SQLite keeps them anonymous: sqlx asks SQLite for the name of every numbered
    /// placeholder it binds, and SQLite finds a name by a linear search, so binding n
    /// numbered placeholders takes time in n² (a fifth of generating the large demo, at
    /// 1 800 per statement). The statement may have no other placeholders.
    pub(crate) fn placeholder_rows(self, row: &str, rows: usize) -> String {
        let mut out = String::with_capacity((row.len() + 16) * rows);
        let mut number = 0;
        for r in 0..rows {
            if r > 0 {
                out.push_str(", ");
            }
            for c in row.chars() {
                match (c, self) {
                    ('?', Backend::Postgres) => {
                        number += 1;
                        out.push('$');
                        out.push_str(&number.to_string());
                    }
                    _ => out.push(c),
                }
            }
        }
        out
    }
}

/// A row of `columns` placeholders for [`Backend::placeholder_rows`]: `(?, ?, …)`.
pub(crate) fn placeholder_row(columns: usize) -> String {
    format!("({})", vec!["?"; columns].join(", "))
}

/// A connection pool and the backend it talks to, and optionally a pool on a
/// streaming replica for reads that may be slightly stale (decision 012).
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    read_pool: Option<AnyPool>,
    backend: Backend,
    /// Derived values kept while their facts are unchanged (decision 140).
    memo: std::sync::Arc<memo::Memo>,
}

/// A store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The URL is not one samplan can use.
    #[error("DATABASE_URL: {0}")]
    BadUrl(String),
    /// The read replica's URL is not one samplan can use.
    #[error("DATABASE_READ_URL: {0}")]
    BadReadUrl(String),
    /// A unique value (e.g. a login or CPR number) is already taken.
    #[error("{0} findes allerede")]
    Conflict(String),
    /// Anything the database reported.
    #[error("databasefejl: {0}")]
    Database(#[from] sqlx::Error),
    /// Migrations failed.
    #[error("migrering mislykkedes: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl StoreError {
    /// Maps unique-constraint violations to `Conflict` so callers can tell the user.
    pub(crate) fn from_insert(err: sqlx::Error, what: &str) -> Self {
        match &err {
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict(what.to_string()),
            _ => StoreError::Database(err),
        }
    }
}

/// Ids as an SQL list (`1,2,3`): integers only, so nothing the user typed reaches the SQL.
pub(crate) fn id_list(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

/// How many ids one `IN (…)` list of a read of many persons holds.
pub(crate) const IDS_PER_QUERY: usize = 500;

/// The current time as stored: RFC 3339, UTC, whole seconds.
pub fn now() -> String {
    timestamp(chrono::Utc::now())
}

/// Formats a time as stored.
pub fn timestamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl Store {
    /// Connects to `sqlite:PATH` (the file is created if missing) or `postgres://…`.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        install_default_drivers();
        let (backend, url) = if let Some(path) = url.strip_prefix("sqlite:") {
            let path = path.trim_start_matches("//");
            if path.is_empty() {
                return Err(StoreError::BadUrl("sqlite: mangler en filsti, fx sqlite:data/samplan.sqlite".into()));
            }
            let path = path.split('?').next().unwrap_or(path);
            (Backend::Sqlite, format!("sqlite://{path}?mode=rwc"))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            url::Url::parse(url).map_err(|e| StoreError::BadUrl(format!("ikke en gyldig postgres-URL ({e})")))?;
            (Backend::Postgres, url.to_string())
        } else {
            return Err(StoreError::BadUrl(format!("«{}» skal begynde med sqlite: eller postgres://", url.split(['@', '?']).next().unwrap_or_default())));
        };
        let pool = Self::open_pool(&url, backend).await?;
        if backend == Backend::Sqlite {
            pool.execute("PRAGMA journal_mode = WAL;").await?;
        }
        Ok(Self { pool, read_pool: None, backend, memo: Default::default() })
    }

    /// Sends the reads that may be slightly stale (lists, search, counts, indicators,
    /// reports) to a PostgreSQL streaming replica at `url`; everything else, and every
    /// read that must see the user's own writes, stays on the primary.
    pub async fn with_read_replica(mut self, url: &str) -> Result<Self, StoreError> {
        if self.backend != Backend::Postgres || !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            return Err(StoreError::BadReadUrl("en læsereplika kræver PostgreSQL, både til den primære database og til replikaen".into()));
        }
        url::Url::parse(url).map_err(|e| StoreError::BadReadUrl(format!("ikke en gyldig postgres-URL ({e})")))?;
        self.read_pool = Some(Self::open_pool(url, Backend::Postgres).await?);
        Ok(self)
    }

    async fn open_pool(url: &str, backend: Backend) -> Result<AnyPool, StoreError> {
        Ok(AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 4 } else { 16 })
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // A 32 MB page cache per connection (SQLite's default is 2 MB): the
                        // indexes a municipality's lists walk then stay in memory instead of
                        // being read from the file again on every request. Temporary
                        // files in memory: a statement inside a transaction that writes
                        // several rows keeps the pages it changes in a statement journal,
                        // and as a file those were a fifth of loading the large demo
                        // (decision 183).
                        conn.execute(
                            "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY;",
                        )
                        .await?;
                    } else {
                        // No JIT compilation: the planner's costs for a department's reach
                        // (correlated subqueries over the municipality) are large enough to
                        // trigger it, and compiling took 2.4 s of a 2.7 s family list that
                        // runs in 0.3 s without it. Short queries gain nothing from JIT.
                        conn.execute("SET jit = off").await?;
                    }
                    Ok(())
                })
            })
            .connect(url)
            .await?)
    }

    /// Writes a consistent copy of an SQLite database to `path` while others keep reading
    /// and writing (`VACUUM INTO`: one read transaction, a compact file).
    pub async fn backup_into(&self, path: &str) -> Result<(), StoreError> {
        sqlx::query("VACUUM INTO $1").bind(path).execute(&self.pool).await?;
        Ok(())
    }

    /// Whether this SQLite database is a whole samplan database: its migrations table
    /// exists and `PRAGMA integrity_check` says ok. The reason, in Danish, when not.
    pub async fn sqlite_backup_check(&self) -> Result<(), String> {
        let migrations: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations")
            .fetch_one(&self.pool)
            .await
            .map_err(|_| "er ikke en samplan-database (ingen migreringer)".to_string())?;
        if migrations.is_none() {
            return Err("er ikke en samplan-database (ingen migreringer)".into());
        }
        let integrity: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&self.pool).await.map_err(|e| e.to_string())?;
        if integrity != "ok" {
            return Err(format!("databasen er beskadiget ({integrity})"));
        }
        Ok(())
    }

    /// Brings the schema up to date.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match self.backend {
            Backend::Sqlite => sqlx::migrate!("./migrations/sqlite").run(&self.pool).await?,
            Backend::Postgres => sqlx::migrate!("./migrations/postgres").run(&self.pool).await?,
        }
        Ok(())
    }

    /// Brings the query planner's statistics up to date (`ANALYZE`). Without them SQLite
    /// guesses every index equally selective and may walk a municipality's whole deadline
    /// or audit table where an index names a handful of rows; PostgreSQL's autovacuum does
    /// this too, but only after its thresholds, not right after a bulk load. SQLite reads
    /// every index whole (about 2 s for 150 000 persons): a sampled `analysis_limit` reads
    /// only the first entries of each index, which for a municipality-first index are one
    /// small municipality's, and the estimates it gave sent queries down the wrong index.
    ///
    /// On SQLite each table is analysed in its own statement: `ANALYZE` writes, and one
    /// for the whole database held the write lock for 4–15 s with 150 000 persons, longer
    /// than a login waits for it (`busy_timeout`); a table takes well under a second.
    pub async fn refresh_statistics(&self) -> Result<(), StoreError> {
        match self.backend {
            Backend::Sqlite => {
                let tables: Vec<String> = sqlx::query_scalar("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
                    .fetch_all(&self.pool)
                    .await?;
                for table in tables {
                    self.pool.execute(format!("ANALYZE \"{}\"", table.replace('"', "\"\"")).as_str()).await?;
                }
            }
            Backend::Postgres => {
                self.pool.execute("ANALYZE").await?;
            }
        }
        Ok(())
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The pool, for the store modules.
    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// The pool for reads that may be slightly stale: the replica when there is one.
    pub(crate) fn stale_pool(&self) -> &AnyPool {
        self.read_pool.as_ref().unwrap_or(&self.pool)
    }

    /// Begins a transaction that will write. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`): a plain `BEGIN` that reads before it writes fails at once
    /// with "database is locked" when another writer commits in between, whereas an
    /// immediate one waits its turn (`busy_timeout`). Every store write goes through it.
    pub(crate) async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    /// Answers a trivial query: the database is up.
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Runs one SQL statement as given (administration and tests, never with user input).
    pub async fn execute_raw(&self, sql: &str) -> Result<u64, StoreError> {
        Ok(sqlx::query(sql).execute(&self.pool).await?.rows_affected())
    }

    /// Runs one counting query as given and returns its single integer (tests and
    /// administration, never with user input).
    pub async fn scalar_raw(&self, sql: &str) -> Result<i64, StoreError> {
        let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&self.pool).await?;
        Ok(n)
    }

    /// Closes all connections.
    pub async fn close(&self) {
        self.pool.close().await;
        if let Some(replica) = &self.read_pool {
            replica.close().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Backend, placeholder_row};

    #[test]
    fn placeholder_rows_are_numbered_on_postgres_and_anonymous_on_sqlite() {
        assert_eq!(Backend::Postgres.placeholder_rows(&placeholder_row(2), 2), "($1, $2), ($3, $4)");
        assert_eq!(Backend::Sqlite.placeholder_rows(&placeholder_row(2), 2), "(?, ?), (?, ?)");
        assert_eq!(Backend::Postgres.placeholder_rows("(?, (SELECT ?))", 2), "($1, (SELECT $2)), ($3, (SELECT $4))");
        assert_eq!(Backend::Sqlite.placeholder_rows("(?)", 0), "");
    }
}
