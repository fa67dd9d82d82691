//! `samplan backup` and `samplan restore`: a consistent copy of an SQLite database taken
//! while the server runs (`VACUUM INTO`, one read transaction), and putting such a copy
//! back. PostgreSQL installations use the server's own tools (docs/operations.md).
use super::common::{DbArgs, UsageError, block_on};
use crate::store::Store;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `samplan backup`.
#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// The file to write (must not exist).
    #[arg(long)]
    out: PathBuf,
    #[command(flatten)]
    db: DbArgs,
}

/// Arguments of `samplan restore`.
#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// A file written by `samplan backup`.
    file: PathBuf,
    /// Replace an existing database (stop the server first).
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    db: DbArgs,
}

/// Runs `samplan backup`.
pub fn backup(args: BackupArgs) -> ExitCode {
    block_on(async move {
        let config = args.db.config()?;
        if args.out.exists() {
            return Err(UsageError(format!("--out: {} findes allerede; vælg en ny fil", args.out.display())).into());
        }
        if !config.database_url.starts_with("sqlite:") {
            return Err(UsageError(POSTGRES.into()).into());
        }
        let store = Store::connect(&config.database_url).await?;
        let out = args.out.to_str().ok_or_else(|| UsageError("--out: filnavnet skal være gyldig UTF-8".into()))?;
        store.backup_into(out).await?;
        println!("sikkerhedskopi skrevet til {out} (CPR-nøglerne er ikke med: gem dem for sig)");
        Ok(())
    })
}

const POSTGRES: &str = "PostgreSQL: brug pg_dump -Fc til sikkerhedskopien og pg_restore til at lægge den tilbage (se docs/operations.md)";

/// Runs `samplan restore`.
pub fn restore(args: RestoreArgs) -> ExitCode {
    block_on(async move {
        let config = args.db.config()?;
        let Some(target) = config.database_url.strip_prefix("sqlite:").map(|p| p.trim_start_matches("//").split('?').next().unwrap_or(p)) else {
            return Err(UsageError(POSTGRES.into()).into());
        };
        let target = PathBuf::from(target);
        if target.exists() && !args.force {
            return Err(UsageError(format!("{} findes allerede: stop serveren og brug --force for at erstatte den", target.display())).into());
        }
        // Copy beside the target, check the copy, then rename: a crash leaves the old
        // database or the new one, and the backup file itself is never opened for writing.
        let partial = target.with_extension("restoring");
        if !args.file.is_file() {
            return Err(UsageError(format!("{}: filen findes ikke", args.file.display())).into());
        }
        std::fs::copy(&args.file, &partial)?;
        if let Err(e) = check_backup(&args.file, &partial).await {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", target.display()));
        }
        std::fs::rename(&partial, &target)?;
        let store = Store::connect(&config.database_url).await?;
        store.migrate().await?;
        println!("databasen {} er lagt tilbage fra {}", target.display(), args.file.display());
        Ok(())
    })
}

/// The copy of `file` is a samplan SQLite database: the file header, the migrations
/// table and the integrity check.
async fn check_backup(file: &Path, copy: &Path) -> anyhow::Result<()> {
    let refuse = |why: &str| UsageError(format!("{}: {why}", file.display()));
    let header = std::fs::read(copy).map(|b| b.starts_with(b"SQLite format 3\0")).unwrap_or(false);
    if !header {
        return Err(refuse("er ikke en SQLite-database fra samplan backup").into());
    }
    let store = Store::connect(&format!("sqlite:{}", copy.display())).await?;
    let check = store.sqlite_backup_check().await;
    store.close().await;
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", copy.display()));
    }
    check.map_err(|e| refuse(&e).into())
}
