//! The two routes of an OpenID Connect login: `GET /login/oidc/{name}` sends the browser
//! to the provider with a fresh state, nonce and PKCE challenge; `GET
//! /login/oidc/{name}/callback` takes the state back (once, and only in the browser that
//! started it), exchanges the code with the PKCE verifier, verifies the ID token
//! (signature against the provider's published keys, issuer, audience, expiry with the
//! configured clock skew, nonce), resolves the user (`identity`) and starts the same
//! session a password login starts. Every refusal is a Danish login page and an audit row.
use super::Provider;
use super::identity::{self, Refusal};
use crate::app::AppState;
use crate::auth::{RequestMeta, csrf, login};
use crate::error::{AppError, PageError};
use crate::store::audit::{AuditAction, AuditEntity, AuditEvent};
use crate::web::extract::{Path, Query};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::Cookie;
use openidconnect::core::CoreAuthenticationFlow;
use openidconnect::{AuthorizationCode, ClaimsVerificationError, CsrfToken, Nonce, PkceCodeChallenge, Scope, TokenResponse};
use serde::Deserialize;

/// Cookie binding a login under way to the browser that started it.
pub const STATE_COOKIE: &str = "samplan_oidc_state";

fn provider<'a>(state: &'a AppState, name: &str) -> Result<&'a Provider, PageError> {
    state.oidc.get(name).ok_or_else(|| AppError::NotFound("login-udbyderen").into())
}

fn unavailable(state: &AppState, jar: CookieJar, provider: &Provider, error: &super::ProviderError) -> Response {
    tracing::warn!(provider = %provider.checked.config.name, %error, "OpenID provider not usable");
    let message = format!("Login med «{}» virker ikke lige nu. Prøv igen om lidt, eller log ind med brugernavn og adgangskode.", provider.checked.config.label);
    login::page(state, jar, String::new(), Some(message), StatusCode::SERVICE_UNAVAILABLE)
}

/// GET /login/oidc/{name}
pub async fn start(State(state): State<AppState>, Path(name): Path<String>, jar: CookieJar) -> Result<Response, PageError> {
    let provider = provider(&state, &name)?;
    let client = match state.oidc.client(provider).await {
        Ok(c) => c,
        Err(e) => return Ok(unavailable(&state, jar, provider, &e)),
    };
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client.authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random).set_pkce_challenge(challenge);
    for scope in &provider.checked.config.scopes {
        request = request.add_scope(Scope::new(scope.clone()));
    }
    let (url, csrf_state, nonce) = request.url();
    if !state.oidc.remember(csrf_state.secret().clone(), &name, nonce, verifier) {
        return Err(AppError::TooManyRequests(60).into());
    }
    let jar = jar.add(login::cookie(&state, STATE_COOKIE, csrf_state.secret().clone()));
    Ok((jar, Redirect::to(url.as_str())).into_response())
}

/// The provider's answer on the redirect URL.
#[derive(Debug, Deserialize)]
pub struct CallbackQuery {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    error: Option<String>,
}

/// What an ID token check that failed means, in Danish (page and audit).
fn verification_reason(e: &ClaimsVerificationError) -> &'static str {
    match e {
        ClaimsVerificationError::Expired(_) => "ID-tokenet er udløbet",
        ClaimsVerificationError::InvalidAudience(_) => "ID-tokenet er udstedt til en anden modtager (aud)",
        ClaimsVerificationError::InvalidNonce(_) => "ID-tokenet hører ikke til dette login-forsøg (nonce)",
        ClaimsVerificationError::InvalidIssuer(_) => "ID-tokenet er udstedt af en anden udsteder (iss)",
        ClaimsVerificationError::SignatureVerification(_) => "ID-tokenets signatur er ugyldig",
        _ => "ID-tokenet er ugyldigt",
    }
}

/// The verified token's claims as JSON: the payload whose signature was just checked.
fn payload(id_token: &str) -> Option<serde_json::Map<String, serde_json::Value>> {
    use base64::Engine;
    let part = id_token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part.trim_end_matches('=')).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// GET /login/oidc/{name}/callback
pub async fn callback(
    State(state): State<AppState>,
    Path(name): Path<String>,
    meta: RequestMeta,
    jar: CookieJar,
    Query(query): Query<CallbackQuery>,
) -> Result<Response, PageError> {
    let provider = provider(&state, &name)?;
    let config = &provider.checked.config;
    let expected = jar.get(STATE_COOKIE).map(|c| c.value().to_string()).unwrap_or_default();
    let jar = jar.remove(Cookie::build(STATE_COOKIE).path("/"));
    let refuse = |jar: CookieJar, who: String, refusal: Refusal| {
        let state = state.clone();
        let meta = meta.clone();
        let municipality = config.municipality_code.clone();
        let label = config.label.clone();
        async move {
            let event = AuditEvent {
                municipality_code: Some(municipality),
                user_id: None,
                user_login: who,
                action: AuditAction::LoginFailed,
                entity: AuditEntity::Session,
                entity_id: None,
                detail: format!("login via {label} afvist: {}", refusal.0),
                request_id: meta.request_id.clone(),
                remote_addr: meta.remote_addr.clone(),
            };
            state.store.audit(&[event]).await?;
            Ok::<_, PageError>(login::page(&state, jar, String::new(), Some(refusal.0), StatusCode::FORBIDDEN))
        }
    };
    let anonymous = format!("oidc:{name}");
    let Some(returned) = query.state.as_deref().filter(|s| csrf::matches(&expected, Some(s))) else {
        return refuse(jar, anonymous, Refusal("Login-forsøget passer ikke til denne browser. Start forfra.".into())).await;
    };
    let Some(pending) = state.oidc.take(returned).filter(|p| p.provider == name) else {
        return refuse(jar, anonymous, Refusal("Login-forsøget er udløbet eller allerede brugt. Start forfra.".into())).await;
    };
    if let Some(error) = &query.error {
        let error: String = error.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').take(60).collect();
        return refuse(jar, anonymous, Refusal(format!("Identitetsudbyderen afviste login ({error})."))).await;
    }
    let Some(code) = query.code.filter(|c| !c.is_empty()) else {
        return refuse(jar, anonymous, Refusal("Identitetsudbyderen sendte ingen login-kode. Start forfra.".into())).await;
    };
    let client = match state.oidc.client(provider).await {
        Ok(c) => c,
        Err(e) => return Ok(unavailable(&state, jar, provider, &e)),
    };
    let request = client.exchange_code(AuthorizationCode::new(code)).map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    let tokens = match request.set_pkce_verifier(pending.verifier).request_async(state.oidc.http()).await {
        Ok(t) => t,
        Err(e) => {
            tracing::info!(provider = %name, error = %e, "token request refused");
            return refuse(jar, anonymous, Refusal("Identitetsudbyderen godkendte ikke login-koden (den er brugt før eller udløbet). Start forfra.".into()))
                .await;
        }
    };
    let Some(id_token) = tokens.id_token() else {
        return refuse(jar, anonymous, Refusal("Identitetsudbyderen sendte intet ID-token.".into())).await;
    };
    let skew = chrono::Duration::seconds(i64::try_from(config.clock_skew_seconds).unwrap_or(60));
    let verifier = client
        .id_token_verifier()
        .set_time_fn(move || chrono::Utc::now() - skew)
        .set_issue_time_verifier_fn(move |iat| if iat > chrono::Utc::now() + skew { Err("udstedt i fremtiden".into()) } else { Ok(()) });
    if let Err(e) = id_token.claims(&verifier, &pending.nonce) {
        tracing::info!(provider = %name, error = %e, "ID token refused");
        return refuse(jar, anonymous, Refusal(format!("Login kunne ikke bekræftes: {}.", verification_reason(&e)))).await;
    }
    let raw = id_token.to_string();
    let claims = payload(&raw).ok_or_else(|| AppError::Internal(anyhow::anyhow!("verified ID token without a JSON payload")))?;
    let who = match config.users {
        super::settings::Users::Staff => claims.get(&config.login_claim).and_then(|v| v.as_str()).map(str::to_lowercase).unwrap_or(anonymous),
        // Never the CPR number: the provider's subject stands for the citizen.
        super::settings::Users::Citizens => format!("borger via {name}"),
    };
    let resolved = match identity::resolve(&state, &provider.checked, &claims).await? {
        Ok(r) => r,
        Err(refusal) => return refuse(jar, who, refusal).await,
    };
    let how =
        if resolved.note.is_empty() { format!("logget ind via {}", config.label) } else { format!("logget ind via {} ({})", config.label, resolved.note) };
    let (jar, session_hash) = login::start_session(&state, &meta, resolved.user, jar, &how).await?;
    state.oidc.logged_in(session_hash, &name, raw);
    Ok((jar, Redirect::to("/")).into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_payload_is_the_middle_part() {
        let token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIiwiZ3JvdXBzIjpbImciXX0.c2ln";
        let claims = super::payload(token).unwrap();
        assert_eq!(claims["sub"], "a");
        assert_eq!(claims["groups"][0], "g");
        assert!(super::payload("nope").is_none());
    }
}
