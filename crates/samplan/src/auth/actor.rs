//! The `Actor` extractor: the authenticated user behind a request, from a session
//! cookie (pages) or a personal API token (`Authorization: Bearer`). It runs before
//! any handler body, so no handler can forget to authenticate.
use super::token_hash;
use crate::app::AppState;
use crate::domain::Role;
use crate::error::{ApiError, AppError};
use crate::store::{Tenant, timestamp, users::UserRow};
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "samplan_session";

/// An authenticated user.
#[derive(Debug, Clone)]
pub struct Actor {
    /// The user row.
    pub user: UserRow,
    /// The parsed role.
    pub role: Role,
    /// The session's CSRF token (none for API tokens, which are not sent by browsers).
    pub csrf: Option<String>,
    /// The session's token hash, for logout.
    pub session_hash: Option<String>,
    /// The confirmation the previous action left for this page ("Gemt").
    pub notice: Option<crate::web::notice::Notice>,
}

impl Actor {
    /// The actor's municipality, when they belong to one.
    pub fn municipality(&self) -> Option<&str> {
        self.user.municipality_code.as_deref()
    }

    /// The actor's own municipality as a tenant, when they belong to one. It proves who
    /// the actor is, not what their role allows: for capabilities that check the role
    /// themselves (council, reports, goals, …). Person data goes through
    /// [`Actor::person_reader`] and the other role checks below.
    pub fn tenant(&self) -> Option<Tenant> {
        self.municipality().map(Tenant::trusted)
    }

    /// The tenant for reading persons, or `Forbidden` for roles that work on aggregates.
    /// An organisation's volunteer coordinator is outside the municipality: to them
    /// person records, plans, deadlines and search do not exist (404).
    pub fn person_reader(&self) -> Result<Tenant, AppError> {
        match self.municipality() {
            Some(code) if self.role.reads_persons() => Ok(Tenant::trusted(code)),
            _ if self.role == Role::VolunteerCoordinator => Err(AppError::NotFound("siden")),
            _ => Err(AppError::Forbidden("din rolle giver ikke adgang til personoplysninger".into())),
        }
    }

    /// The tenant for changing persons and families.
    pub fn person_writer(&self) -> Result<Tenant, AppError> {
        match self.municipality() {
            Some(code) if self.role.writes_persons() => Ok(Tenant::trusted(code)),
            _ if self.role == Role::VolunteerCoordinator => Err(AppError::NotFound("siden")),
            _ => Err(AppError::Forbidden("din rolle må ikke oprette eller ændre personer".into())),
        }
    }

    /// The tenant for housing placement (units, areas, waiting households, proposals):
    /// housing officers and caseworkers.
    pub fn housing_officer(&self) -> Result<Tenant, AppError> {
        match self.municipality() {
            Some(code) if self.role.places_housing() => Ok(Tenant::trusted(code)),
            _ => Err(AppError::Forbidden("kun boligmedarbejdere og sagsbehandlere har adgang til boligplacering".into())),
        }
    }

    /// Checks a submitted form's CSRF token against the session's. API tokens have no
    /// session and so no forms: their check always fails.
    pub fn check_csrf(&self, submitted: &str) -> Result<(), AppError> {
        if super::csrf::matches(self.csrf.as_deref().unwrap_or(""), Some(submitted)) { Ok(()) } else { Err(AppError::Csrf) }
    }

    /// The tenant for administration (users, audit log).
    pub fn administrator(&self) -> Result<Tenant, AppError> {
        match self.municipality() {
            Some(code) if self.role.administers() => Ok(Tenant::trusted(code)),
            _ => Err(AppError::Forbidden("kun administratorer har adgang til dette".into())),
        }
    }
}

fn citizen_refused() -> AppError {
    AppError::Forbidden("som borger har du kun adgang til din egen plan og dine børns planer".into())
}

/// Why no actor could be found; pages redirect to the login page, the API answers 401.
#[derive(Debug)]
pub enum Rejection {
    /// A page request: go and log in.
    Page,
    /// An API request.
    Api(AppError),
    /// A citizen asked for a page that is not theirs: the front page sends them to
    /// their own, every other page is refused.
    Citizen {
        /// The request was for `/`.
        home: bool,
    },
}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        match self {
            Rejection::Page => Redirect::to("/login").into_response(),
            Rejection::Api(e) => ApiError(e).into_response(),
            Rejection::Citizen { home: true } => Redirect::to(super::citizen_paths::HOME).into_response(),
            Rejection::Citizen { home: false } => crate::error::PageError(citizen_refused()).into_response(),
        }
    }
}

/// How much a session's expiry must move before it is written again.
const EXTEND_STEP: chrono::Duration = chrono::Duration::minutes(1);

/// Whether a session stored to expire at `stored` (RFC 3339) should be moved to `wanted`:
/// when it would move by a minute or more, or the stored time cannot be read.
fn needs_extending(stored: &str, wanted: chrono::DateTime<chrono::Utc>) -> bool {
    chrono::DateTime::parse_from_rfc3339(stored).map_or(true, |stored| wanted - stored.with_timezone(&chrono::Utc) >= EXTEND_STEP)
}

impl FromRequestParts<AppState> for Actor {
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let api = parts.uri.path().starts_with("/api/");
        let reject = |e: AppError| if api { Rejection::Api(e) } else { Rejection::Page };
        if let Some(value) = parts.headers.get(header::AUTHORIZATION) {
            let token = value.to_str().ok().and_then(|v| v.strip_prefix("Bearer ")).map(str::trim);
            let Some(token) = token.filter(|t| !t.is_empty()) else {
                return Err(reject(AppError::BadRequest("Authorization skal have formen «Bearer TOKEN»".into())));
            };
            let user = state.store.user_by_api_token(&token_hash(token)).await.map_err(|e| reject(e.into()))?;
            let user = user.ok_or_else(|| reject(AppError::Unauthenticated))?;
            let role = user.role().ok_or_else(|| reject(AppError::forbidden()))?;
            if role.is_citizen() && !super::citizen_paths::allowed(parts.uri.path()) {
                return Err(reject(citizen_refused()));
            }
            return Ok(Actor { user, role, csrf: None, session_hash: None, notice: None });
        }
        let jar = CookieJar::from_headers(&parts.headers);
        let cookie = jar.get(SESSION_COOKIE).ok_or_else(|| reject(AppError::Unauthenticated))?;
        let hash = token_hash(cookie.value());
        let now = chrono::Utc::now();
        let began_after = timestamp(now - chrono::Duration::hours(state.settings.session_absolute_hours));
        let session = state.store.live_session(&hash, &timestamp(now), &began_after).await.map_err(|e| reject(e.into()))?;
        let session = session.ok_or_else(|| reject(AppError::Unauthenticated))?;
        let user = state.store.user_by_id(session.user_id).await.map_err(|e| reject(e.into()))?;
        let user = user.filter(|u| u.active == 1).ok_or_else(|| reject(AppError::Unauthenticated))?;
        let role = user.role().ok_or_else(|| reject(AppError::forbidden()))?;
        // Citizens reach only their own pages; no staff page or API has to remember them.
        let path = parts.uri.path();
        if role.is_citizen() && !super::citizen_paths::allowed(path) {
            return Err(if api { Rejection::Api(citizen_refused()) } else { Rejection::Citizen { home: path == "/" } });
        }
        // The idle timeout slides with each request, but the row is written at most once a
        // minute: a write per request would queue every page view behind the database's
        // one writer (SQLite), for an expiry that moves by seconds.
        let expires_at = now + chrono::Duration::minutes(state.settings.session_minutes);
        if needs_extending(&session.expires_at, expires_at) {
            state.store.extend_session(&hash, &timestamp(expires_at)).await.map_err(|e| reject(e.into()))?;
        }
        Ok(Actor { user, role, csrf: Some(session.csrf_token), session_hash: Some(hash), notice: crate::web::notice::read(&parts.headers) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_expiry_is_written_again_only_when_it_moves_a_minute() {
        let stored = "2026-12-07T10:00:00Z";
        let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&chrono::Utc);
        assert!(!needs_extending(stored, at("2026-12-07T10:00:59Z")));
        assert!(needs_extending(stored, at("2026-12-07T10:01:00Z")));
        assert!(!needs_extending(stored, at("2026-12-07T09:59:00Z")), "never moved back");
        assert!(needs_extending("not a time", at("2026-12-07T10:00:00Z")));
    }
}
