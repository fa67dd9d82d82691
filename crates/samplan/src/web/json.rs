//! `ApiJson<T>`: a JSON body extractor whose errors are problem+json naming the field
//! (by its path in the body) and the reason, instead of axum's plain-text rejection.
use crate::error::{ApiError, AppError};
use crate::domain::FieldError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use serde::de::DeserializeOwned;

/// A deserialised JSON body.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        if !is_json {
            return Err(AppError::BadRequest("Content-Type skal være application/json".into()).into());
        }
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| AppError::BadRequest(format!("kan ikke læse forespørgslens indhold: {e}")))?;
        let de = &mut serde_json::Deserializer::from_slice(&bytes);
        serde_path_to_error::deserialize(de).map(ApiJson).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            if inner.is_syntax() || inner.is_eof() {
                AppError::BadRequest(format!("ugyldig JSON (linje {}, kolonne {}): {inner}", inner.line(), inner.column())).into()
            } else {
                let field = if path == "." { "body".to_string() } else { path };
                AppError::Invalid(vec![FieldError::new(field, inner.to_string())]).into()
            }
        })
    }
}
