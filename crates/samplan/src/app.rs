//! The application state every handler shares: the store, the CPR vault, settings,
//! the login limiter, the knowledge index, the audit writer and the OpenID providers.
use crate::auth::rate_limit::LoginLimiter;
use crate::crypto::CprVault;
use crate::store::Store;
use std::sync::Arc;
use std::time::Duration;

/// Server settings that handlers need.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Mark cookies `Secure`.
    pub secure_cookies: bool,
    /// Idle session lifetime in minutes.
    pub session_minutes: i64,
    /// A session ends this many hours after login however active it is.
    pub session_absolute_hours: i64,
    /// Demo mode: show the DEMO banner.
    pub demo: bool,
    /// The header a trusted reverse proxy puts the client's address in (its last
    /// entry is used); `None`: the socket's peer is the client.
    pub client_address_header: Option<String>,
    /// Send `Strict-Transport-Security` (the server is reached only over TLS).
    pub hsts: bool,
    /// A connection must send its request headers within this time.
    pub header_read_timeout: Duration,
    /// Hours the browser keeps the data for today's home visits (decision 180).
    pub offline_hours: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            secure_cookies: true,
            session_minutes: 60,
            session_absolute_hours: 12,
            demo: false,
            client_address_header: None,
            hsts: false,
            header_read_timeout: Duration::from_secs(10),
            offline_hours: 24,
        }
    }
}

/// Everything handlers share. Cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

/// The shared parts.
pub struct Inner {
    /// The database.
    pub store: Store,
    /// CPR encryption and lookup hashing.
    pub vault: CprVault,
    /// Settings.
    pub settings: Settings,
    /// Failed-login bookkeeping.
    pub limiter: LoginLimiter,
    /// `host:port` of the mail relay the outbox is sent through, when configured.
    pub mail_relay: Option<String>,
    /// The knowledge base's search index (built on first use).
    pub knowledge: crate::knowledge::index::SharedIndex,
    /// The single writer of audit events (group commit, decision 007).
    pub audit_writer: crate::auth::audit::AuditWriter,
    /// The OpenID Connect providers (none: local passwords only).
    pub oidc: crate::auth::oidc::Providers,
    /// Parsed plan documents by version (the coordinator's overview).
    pub plan_documents: crate::plans::kept::KeptDocuments,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    /// Builds the state.
    pub fn new(store: Store, vault: CprVault, settings: Settings) -> Self {
        AppState(Arc::new(Inner {
            store,
            vault,
            settings,
            limiter: LoginLimiter::default(),
            mail_relay: None,
            knowledge: Default::default(),
            audit_writer: Default::default(),
            oidc: Default::default(),
            plan_documents: Default::default(),
        }))
    }

    /// Offers the OpenID Connect providers (before the state is shared).
    pub fn with_oidc(mut self, providers: crate::auth::oidc::Providers) -> Self {
        if let Some(inner) = Arc::get_mut(&mut self.0) {
            inner.oidc = providers;
        }
        self
    }

    /// Notes the mail relay the outbox is sent through (before the state is shared).
    pub fn with_mail_relay(mut self, relay: &str) -> Self {
        if let Some(inner) = Arc::get_mut(&mut self.0) {
            inner.mail_relay = Some(relay.to_string());
        }
        self
    }
}
