//! Configuration: one TOML file, overridden by environment variables.
//!
//! `samplan serve --config samplan.toml`; `DATABASE_URL`, `DATABASE_READ_URL`, `SAMPLAN_CPR_ENCRYPTION_KEY`,
//! `SAMPLAN_CPR_HASH_KEY` and `SAMPLAN_SMTP_PASSWORD` override the file, so secrets can
//! stay out of it.
use serde::Deserialize;
use std::path::Path;

/// Everything a server needs to run.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `sqlite:PATH` or `postgres://…`.
    #[serde(default)]
    pub database_url: String,
    /// A PostgreSQL streaming replica of `database_url` for reads that may be slightly
    /// stale (lists, search, counts, indicators, reports); none: all reads on the primary.
    #[serde(default)]
    pub database_read_url: Option<String>,
    /// Address to listen on.
    #[serde(default = "default_listen")]
    pub listen: String,
    /// Base64 key (32 bytes) that encrypts CPR numbers.
    #[serde(default)]
    pub cpr_encryption_key: String,
    /// Base64 key (32 bytes) for the CPR lookup hash.
    #[serde(default)]
    pub cpr_hash_key: String,
    /// Send cookies only over HTTPS. Turn off only behind no proxy on a loopback address.
    #[serde(default = "default_true")]
    pub secure_cookies: bool,
    /// Idle session lifetime in minutes.
    #[serde(default = "default_session_minutes")]
    pub session_minutes: i64,
    /// A session ends this many hours after login, however active.
    #[serde(default = "default_session_absolute_hours")]
    pub session_absolute_hours: i64,
    /// The header a trusted reverse proxy writes the client's address into (e.g.
    /// `X-Forwarded-For`; its last entry is used). Leave unset without such a proxy,
    /// or clients could choose their own address.
    #[serde(default)]
    pub client_address_header: Option<String>,
    /// Send `Strict-Transport-Security`: set when samplan is reached only over HTTPS.
    #[serde(default)]
    pub hsts: bool,
    /// Seconds a connection has to send its request headers (against slow clients).
    #[serde(default = "default_header_read_timeout_seconds")]
    pub header_read_timeout_seconds: u64,
    /// Log as JSON lines (production) rather than pretty text.
    #[serde(default)]
    pub json_logs: bool,
    /// The mail relay the e-mail outbox is sent through; without it mails wait in the outbox.
    #[serde(default)]
    pub smtp: Option<crate::mail::SmtpConfig>,
    /// Hours the browser keeps the data for today's home visits before deleting it
    /// (decision 180).
    #[serde(default = "default_offline_hours")]
    pub offline_hours: i64,
    /// OpenID Connect providers, one `[[oidc]]` table each (docs/configuration.md).
    #[serde(default)]
    pub oidc: Vec<crate::auth::oidc::settings::ProviderConfig>,
}

/// Only the `[[oidc]]` tables of a configuration file (`samplan demo --oidc-config`).
#[derive(Debug, Deserialize)]
struct OidcOnly {
    #[serde(default)]
    oidc: Vec<crate::auth::oidc::settings::ProviderConfig>,
}

/// Reads the `[[oidc]]` tables of a configuration file, ignoring everything else in it.
pub fn load_oidc(path: &Path) -> anyhow::Result<Vec<crate::auth::oidc::settings::ProviderConfig>> {
    let text = std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("kan ikke læse konfigurationsfilen {}: {e}", path.display()))?;
    let only: OidcOnly = toml::from_str(&text).map_err(|e| anyhow::anyhow!("konfigurationsfilen {}: {e}", path.display()))?;
    Ok(only.oidc)
}

/// Environment variables, empty ones as unset (the `[[oidc]]` secrets are read through this).
pub fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn default_listen() -> String {
    "127.0.0.1:8080".into()
}
fn default_true() -> bool {
    true
}
fn default_offline_hours() -> i64 {
    24
}

fn default_session_minutes() -> i64 {
    60
}
fn default_session_absolute_hours() -> i64 {
    12
}
fn default_header_read_timeout_seconds() -> u64 {
    10
}

impl Config {
    /// Reads the file (if given), applies environment overrides, then `database_url`
    /// from the command line when given.
    pub fn load(path: Option<&Path>, database_url: Option<&str>) -> anyhow::Result<Self> {
        let text = match path {
            Some(p) => std::fs::read_to_string(p).map_err(|e| anyhow::anyhow!("kan ikke læse konfigurationsfilen {}: {e}", p.display()))?,
            None => String::new(),
        };
        let mut config: Config =
            toml::from_str(&text).map_err(|e| anyhow::anyhow!("konfigurationsfilen {}: {e}", path.map(|p| p.display().to_string()).unwrap_or_default()))?;
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        if let Some(v) = env("DATABASE_URL") {
            config.database_url = v;
        }
        if let Some(v) = env("DATABASE_READ_URL") {
            config.database_read_url = Some(v);
        }
        if let Some(v) = env("SAMPLAN_CPR_ENCRYPTION_KEY") {
            config.cpr_encryption_key = v;
        }
        if let Some(v) = env("SAMPLAN_CPR_HASH_KEY") {
            config.cpr_hash_key = v;
        }
        if let (Some(smtp), Some(password)) = (config.smtp.as_mut(), env("SAMPLAN_SMTP_PASSWORD")) {
            smtp.password = Some(password);
        }
        if let Some(url) = database_url.filter(|u| !u.is_empty()) {
            config.database_url = url.to_string();
        }
        if !(1..=168).contains(&config.offline_hours) {
            anyhow::bail!("offline_hours: {} er ikke et antal timer fra 1 til 168 (en uge)", config.offline_hours);
        }
        if config.database_url.is_empty() {
            anyhow::bail!("database_url mangler: sæt DATABASE_URL (sqlite:STI eller postgres://…) eller database_url i konfigurationsfilen");
        }
        Ok(config)
    }
}
