//! Logging in and out with a local account, and the session every way of logging in
//! starts (`start_session`; OpenID Connect in `oidc`, login links in `my_plan`). The login
//! form is protected by a double-submit CSRF token; failures are rate limited and audited.
//! Logging out of a session that came through an OpenID provider with single logout
//! continues at the provider.
use super::actor::SESSION_COOKIE;
use super::{Actor, RequestMeta, csrf, password, random_token, token_hash};
use crate::app::AppState;
use crate::error::{AppError, PageError};
use crate::store::audit::{AuditAction, AuditEntity, AuditEvent};
use crate::store::sessions::SessionRow;
use crate::store::{now, timestamp};
use crate::web::pages::render;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use serde::Deserialize;

/// The login page.
#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    demo: bool,
    csrf: String,
    login: String,
    error: Option<String>,
    /// The OpenID providers: (name, button text).
    providers: Vec<(String, String)>,
}

/// The submitted login form.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: Option<String>,
}

/// An HTTP-only, same-site cookie for the whole site.
pub(crate) fn cookie(state: &AppState, name: &'static str, value: String) -> Cookie<'static> {
    Cookie::build((name, value)).http_only(true).same_site(SameSite::Lax).secure(state.settings.secure_cookies).path("/").build()
}

/// The login page with `status`, and `error` above the form when there is one.
pub(crate) fn page(state: &AppState, jar: CookieJar, login: String, error: Option<String>, status: axum::http::StatusCode) -> Response {
    let token = random_token();
    let jar = jar.add(cookie(state, csrf::LOGIN_COOKIE, token.clone()));
    let providers = state.oidc.all().map(|p| (p.config.name.clone(), p.config.label.clone())).collect();
    (status, jar, render(&LoginPage { demo: state.settings.demo, csrf: token, login, error, providers })).into_response()
}

/// GET /login
pub async fn form(State(state): State<AppState>, jar: CookieJar) -> Response {
    page(&state, jar, String::new(), None, axum::http::StatusCode::OK)
}

/// POST /login
pub async fn submit(State(state): State<AppState>, meta: RequestMeta, jar: CookieJar, Form(form): Form<LoginForm>) -> Result<Response, PageError> {
    let expected = jar.get(csrf::LOGIN_COOKIE).map(|c| c.value().to_string()).unwrap_or_default();
    if !csrf::matches(&expected, form.csrf.as_deref()) {
        return Err(AppError::Csrf.into());
    }
    let login = form.login.trim().to_lowercase();
    if let Err(wait) = state.limiter.check(&login, &meta.remote_addr) {
        return Err(AppError::TooManyRequests(super::rate_limit::retry_after_seconds(wait)).into());
    }
    let user = state.store.user_by_login(&login).await?;
    let hash = user.as_ref().and_then(|u| u.password_hash.as_deref()).unwrap_or(password::dummy_hash());
    let valid = password::verify(&form.password, hash);
    let user = match user {
        Some(u) if valid && u.active == 1 && (u.demo_account == 0 || state.settings.demo) => u,
        other => {
            state.limiter.failed(&login, &meta.remote_addr);
            let event = AuditEvent {
                municipality_code: other.as_ref().and_then(|u| u.municipality_code.clone()),
                user_id: other.as_ref().map(|u| u.id),
                user_login: login.clone(),
                action: AuditAction::LoginFailed,
                entity: AuditEntity::Session,
                entity_id: None,
                detail: "forkert brugernavn eller adgangskode".into(),
                request_id: meta.request_id.clone(),
                remote_addr: meta.remote_addr.clone(),
            };
            state.store.audit(&[event]).await?;
            return Ok(page(&state, jar, login, Some("Forkert brugernavn eller adgangskode.".into()), axum::http::StatusCode::UNAUTHORIZED));
        }
    };
    state.limiter.succeeded(&login, &meta.remote_addr);
    let (jar, _) = start_session(&state, &meta, user, jar, "logget ind med adgangskode").await?;
    Ok((jar, Redirect::to("/")).into_response())
}

/// Starts a session for `user` (already authenticated `how`): stores it, audits the
/// login, drops the login form's CSRF cookie and sets the session cookie. Returns the
/// jar and the session's token hash.
pub(crate) async fn start_session(
    state: &AppState,
    meta: &RequestMeta,
    user: crate::store::users::UserRow,
    jar: CookieJar,
    how: &str,
) -> Result<(CookieJar, String), AppError> {
    let token = random_token();
    let now_t = chrono::Utc::now();
    let session = SessionRow {
        token_hash: token_hash(&token),
        user_id: user.id,
        csrf_token: random_token(),
        expires_at: timestamp(now_t + chrono::Duration::minutes(state.settings.session_minutes)),
    };
    state.store.create_session(&session, &now()).await?;
    let role = user.role().ok_or_else(AppError::forbidden)?;
    let actor = Actor { user, role, csrf: None, session_hash: None, notice: None };
    state.store.audit(&[meta.event(&actor, AuditAction::Login, AuditEntity::Session, None, how)]).await?;
    Ok((jar.remove(Cookie::build(csrf::LOGIN_COOKIE).path("/")).add(cookie(state, SESSION_COOKIE, token)), session.token_hash))
}

/// The logout form's field.
#[derive(Debug, Deserialize)]
pub struct LogoutForm {
    #[serde(default)]
    csrf: Option<String>,
}

/// POST /logout
pub async fn logout(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    jar: CookieJar,
    Form(form): Form<LogoutForm>,
) -> Result<Response, PageError> {
    actor.check_csrf(form.csrf.as_deref().unwrap_or(""))?;
    let mut single_logout = None;
    if let Some(hash) = &actor.session_hash {
        state.store.delete_session(hash).await?;
        single_logout = state.oidc.logout_url(hash).await;
    }
    // What the browser kept for home visits becomes unreadable: the secret its key is
    // derived from is gone, and the browser is told to delete its storage (decision 180).
    state.store.forget_offline_secret(actor.user.id).await?;
    let detail = if single_logout.is_some() { "logget ud, også hos identitetsudbyderen" } else { "logget ud" };
    state.store.audit(&[meta.event(&actor, AuditAction::Logout, AuditEntity::Session, None, detail)]).await?;
    let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/"));
    let next = single_logout.map_or_else(|| "/login".to_string(), String::from);
    let clear = [(axum::http::HeaderName::from_static("clear-site-data"), axum::http::HeaderValue::from_static("\"storage\""))];
    Ok((jar, clear, Redirect::to(&next)).into_response())
}
