//! OpenID Connect login beside local passwords (decision 013): the authorization code
//! flow with PKCE and a nonce through the `openidconnect` crate, one provider per
//! `[[oidc]]` table of the configuration (a municipality's staff or its citizens).
//!
//! `Providers` holds the checked configurations, each provider's discovered metadata
//! (issuer, endpoints, signing keys; fetched on first use and again after an hour), the
//! logins under way (state → nonce and PKCE verifier, single use, ten minutes) and, per
//! session started here, the ID token single logout sends back to the provider. These
//! live in memory: a restart forgets logins under way and turns the next logout into a
//! local one, nothing more. The session itself is the one local logins get
//! (`login::start_session`).
pub mod flow;
pub mod identity;
pub mod settings;

use openidconnect::core::{CoreClient, CoreProviderMetadata};
use openidconnect::{ClientId, ClientSecret, EndpointMaybeSet, EndpointNotSet, EndpointSet, IssuerUrl, Nonce, PkceCodeVerifier, RedirectUrl};
use settings::{Checked, ConfigError, ProviderConfig};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A client built from discovery: authorization endpoint set, token endpoint maybe.
pub(crate) type Client = CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointMaybeSet, EndpointMaybeSet>;

/// How long a login may take between leaving for the provider and coming back.
const LOGIN_WINDOW: Duration = Duration::from_secs(600);
/// Discovered metadata (with the signing keys) is fetched again after this long.
const METADATA_LIFETIME: Duration = Duration::from_secs(3600);
/// Logins under way at most; more are refused until some finish or expire.
const MAX_PENDING: usize = 10_000;

/// One configured provider.
pub struct Provider {
    /// The checked configuration and secret.
    pub checked: Checked,
    discovered: tokio::sync::Mutex<Option<Discovered>>,
}

#[derive(Clone)]
struct Discovered {
    client: Client,
    end_session: Option<url::Url>,
    at: Instant,
}

/// A login under way, keyed by its state.
pub(crate) struct Pending {
    provider: String,
    nonce: Nonce,
    verifier: PkceCodeVerifier,
    started: Instant,
}

/// A session started through a provider: what single logout needs.
struct LoggedIn {
    provider: String,
    id_token: String,
    started: Instant,
}

/// Every configured provider and the logins and sessions going through them.
pub struct Providers {
    list: Vec<Provider>,
    http: openidconnect::reqwest::Client,
    pending: Mutex<HashMap<String, Pending>>,
    sessions: Mutex<HashMap<String, LoggedIn>>,
    session_lifetime: Duration,
}

impl Default for Providers {
    fn default() -> Self {
        Providers::checked(Vec::new(), Duration::from_secs(12 * 3600))
    }
}

/// Discovery or the provider's answers could not be used.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ProviderError(pub String);

impl Providers {
    /// Checks the `[[oidc]]` tables (unique names, every field) and reads their secrets.
    pub fn new(configs: Vec<ProviderConfig>, env: &dyn Fn(&str) -> Option<String>, session_absolute_hours: i64) -> Result<Self, ConfigError> {
        let mut checked = Vec::new();
        for config in configs {
            if checked.iter().any(|c: &Checked| c.config.name == config.name) {
                return Err(ConfigError { provider: config.name, field: "name", reason: "navnet er brugt af en anden [[oidc]]-tabel".into() });
            }
            checked.push(config.check(env)?);
        }
        Ok(Providers::checked(checked, Duration::from_secs(u64::try_from(session_absolute_hours.max(1)).unwrap_or(12) * 3600)))
    }

    fn checked(list: Vec<Checked>, session_lifetime: Duration) -> Self {
        // Never follow redirects: discovery and the token endpoint answer directly (SSRF).
        let http = openidconnect::reqwest::ClientBuilder::new()
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(15))
            .build()
            .expect("an HTTP client with rustls");
        Providers {
            list: list.into_iter().map(|checked| Provider { checked, discovered: tokio::sync::Mutex::new(None) }).collect(),
            http,
            pending: Mutex::default(),
            sessions: Mutex::default(),
            session_lifetime,
        }
    }

    /// The providers, in configuration order (the login page's buttons).
    pub fn all(&self) -> impl Iterator<Item = &Checked> {
        self.list.iter().map(|p| &p.checked)
    }

    /// The provider named `name`.
    pub fn get(&self, name: &str) -> Option<&Provider> {
        self.list.iter().find(|p| p.checked.config.name == name)
    }

    /// The HTTP client for the provider's endpoints.
    pub(crate) fn http(&self) -> &openidconnect::reqwest::Client {
        &self.http
    }

    /// The provider's client, from discovery (cached for an hour).
    pub(crate) async fn client(&self, provider: &Provider) -> Result<Client, ProviderError> {
        Ok(self.discovered(provider).await?.client)
    }

    async fn discovered(&self, provider: &Provider) -> Result<Discovered, ProviderError> {
        let mut slot = provider.discovered.lock().await;
        if let Some(d) = slot.as_ref().filter(|d| d.at.elapsed() < METADATA_LIFETIME) {
            return Ok(d.clone());
        }
        let config = &provider.checked.config;
        let issuer = IssuerUrl::new(config.issuer.clone()).map_err(|e| ProviderError(format!("issuer: {e}")))?;
        let metadata = CoreProviderMetadata::discover_async(issuer, &self.http).await.map_err(|e| ProviderError(format!("discovery: {e}")))?;
        let end_session = self.end_session_endpoint(&config.issuer).await;
        let client =
            CoreClient::from_provider_metadata(metadata, ClientId::new(config.client_id.clone()), provider.checked.secret.clone().map(ClientSecret::new))
                .set_redirect_uri(RedirectUrl::new(config.redirect_url.clone()).map_err(|e| ProviderError(format!("redirect_url: {e}")))?);
        let d = Discovered { client, end_session, at: Instant::now() };
        *slot = Some(d.clone());
        Ok(d)
    }

    /// `end_session_endpoint` from the discovery document, when the provider offers one.
    async fn end_session_endpoint(&self, issuer: &str) -> Option<url::Url> {
        let url = format!("{}/.well-known/openid-configuration", issuer.trim_end_matches('/'));
        let body = self.http.get(url).send().await.ok()?.bytes().await.ok()?;
        let document: serde_json::Value = serde_json::from_slice(&body).ok()?;
        url::Url::parse(document.get("end_session_endpoint")?.as_str()?).ok()
    }

    /// Keeps a login under way; `false` when too many are.
    pub(crate) fn remember(&self, state: String, provider: &str, nonce: Nonce, verifier: PkceCodeVerifier) -> bool {
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        pending.retain(|_, p| p.started.elapsed() < LOGIN_WINDOW);
        if pending.len() >= MAX_PENDING {
            return false;
        }
        pending.insert(state, Pending { provider: provider.to_string(), nonce, verifier, started: Instant::now() });
        true
    }

    /// Takes the login under way with this state (once; `None` when unknown or expired).
    pub(crate) fn take(&self, state: &str) -> Option<Pending> {
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        pending.remove(state).filter(|p| p.started.elapsed() < LOGIN_WINDOW)
    }

    /// Notes that the session with this token hash came through `provider`.
    pub(crate) fn logged_in(&self, session_hash: String, provider: &str, id_token: String) {
        let mut sessions = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        let lifetime = self.session_lifetime;
        sessions.retain(|_, s| s.started.elapsed() < lifetime);
        sessions.insert(session_hash, LoggedIn { provider: provider.to_string(), id_token, started: Instant::now() });
    }

    /// Where a logout of this session goes next: the provider's end-session endpoint
    /// when the session came through a provider that offers single logout.
    pub async fn logout_url(&self, session_hash: &str) -> Option<url::Url> {
        let logged_in = self.sessions.lock().unwrap_or_else(|e| e.into_inner()).remove(session_hash)?;
        let provider = self.get(&logged_in.provider)?;
        let mut url = self.discovered(provider).await.ok()?.end_session?;
        url.query_pairs_mut()
            .append_pair("id_token_hint", &logged_in.id_token)
            .append_pair("client_id", &provider.checked.config.client_id)
            .append_pair("post_logout_redirect_uri", provider.checked.post_logout_redirect_url.as_str());
        Some(url)
    }
}
