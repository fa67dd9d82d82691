//! One vocabulary of errors for handlers, rendered as RFC 9457 problem+json for the API
//! and as a Danish error page for the HTML pages.
use crate::domain::FieldError;
use crate::store::StoreError;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;

/// What went wrong, independent of how it is shown.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No valid session or token.
    #[error("du er ikke logget ind")]
    Unauthenticated,
    /// Logged in, but the role or tenant does not allow it.
    #[error("{0}")]
    Forbidden(String),
    /// No such thing in the user's municipality.
    #[error("{0} findes ikke")]
    NotFound(&'static str),
    /// Input failed validation; every field with its reason.
    #[error("ugyldige oplysninger")]
    Invalid(Vec<FieldError>),
    /// A unique value is already taken.
    #[error("{0} findes allerede")]
    Conflict(String),
    /// The thing is not in a state that allows this (e.g. a published version cannot be edited).
    #[error("{0}")]
    WrongState(String),
    /// The request itself is malformed.
    #[error("{0}")]
    BadRequest(String),
    /// The body is not of a media type the operation reads (the API reads JSON).
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// The body is larger than the operation accepts.
    #[error("forespørgslens indhold er for stort")]
    TooLarge,
    /// The form's CSRF token is missing or wrong.
    #[error("formularen er udløbet eller ugyldig; genindlæs siden og prøv igen")]
    Csrf,
    /// Too many attempts; try again after this many seconds.
    #[error("for mange forsøg; vent {0} sekunder og prøv igen")]
    TooManyRequests(u64),
    /// Anything unexpected (logged, never shown in detail).
    #[error("intern fejl")]
    Internal(#[from] anyhow::Error),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict(what) => AppError::Conflict(what),
            other => AppError::Internal(other.into()),
        }
    }
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> Self {
        AppError::Invalid(vec![e])
    }
}

impl AppError {
    /// The HTTP status for this error.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) | AppError::WrongState(_) => StatusCode::CONFLICT,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A forbidden error with the standard Danish wording.
    pub fn forbidden() -> Self {
        AppError::Forbidden("din rolle giver ikke adgang til dette".into())
    }

    fn log(&self) {
        if let AppError::Internal(e) = self {
            tracing::error!(error = %format!("{e:#}"), "request failed");
        }
    }
}

/// One field that failed, in a problem document.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProblemField {
    /// The field's name (a JSON pointer-like path for nested bodies).
    pub field: String,
    /// Why it was refused, in Danish.
    pub reason: String,
}

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem.
    #[serde(rename = "type")]
    pub kind: String,
    /// Short summary.
    pub title: String,
    /// HTTP status.
    pub status: u16,
    /// What happened, in Danish.
    pub detail: String,
    /// Each invalid field, for validation errors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemField>,
}

/// An error answered as problem+json (the API).
#[derive(Debug)]
pub struct ApiError(pub AppError);

/// An error answered as an HTML page (the web pages).
#[derive(Debug)]
pub struct PageError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl<E: Into<AppError>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError(e.into())
    }
}

/// Builds the problem document for an error.
pub fn problem(e: &AppError) -> Problem {
    let status = e.status();
    let slug = match e {
        AppError::Invalid(_) => "validation",
        AppError::Unauthenticated => "unauthenticated",
        AppError::Forbidden(_) | AppError::Csrf => "forbidden",
        AppError::NotFound(_) => "not-found",
        AppError::Conflict(_) | AppError::WrongState(_) => "conflict",
        AppError::BadRequest(_) => "bad-request",
        AppError::UnsupportedMediaType(_) => "unsupported-media-type",
        AppError::TooLarge => "too-large",
        AppError::TooManyRequests(_) => "too-many-requests",
        AppError::Internal(_) => "internal",
    };
    let errors = match e {
        AppError::Invalid(fields) => fields.iter().map(|f| ProblemField { field: f.field.to_string(), reason: f.reason.clone() }).collect(),
        _ => Vec::new(),
    };
    let detail = match e {
        AppError::Invalid(fields) => fields.iter().map(|f| f.to_string()).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    };
    Problem { kind: format!("/problems/{slug}"), title: status.canonical_reason().unwrap_or("Error").to_string(), status: status.as_u16(), detail, errors }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.0.log();
        let body = serde_json::to_string(&problem(&self.0)).expect("problem serialises");
        with_retry_after(&self.0, (self.0.status(), [(header::CONTENT_TYPE, "application/problem+json")], body).into_response())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        self.0.log();
        if matches!(self.0, AppError::Unauthenticated) {
            return Redirect::to("/login").into_response();
        }
        let message = match &self.0 {
            // Name every field and its reason, as forms do.
            AppError::Invalid(errors) => errors.iter().map(|e| format!("{}: {}", e.field, e.reason)).collect::<Vec<_>>().join("; "),
            other => other.to_string(),
        };
        let page = crate::web::pages::ErrorPage { status: self.0.status().as_u16(), message };
        with_retry_after(&self.0, (self.0.status(), crate::web::pages::render(&page)).into_response())
    }
}

/// Adds `Retry-After` to a 429.
fn with_retry_after(e: &AppError, mut response: Response) -> Response {
    if let AppError::TooManyRequests(seconds) = e {
        response.headers_mut().insert(header::RETRY_AFTER, (*seconds).into());
    }
    response
}
