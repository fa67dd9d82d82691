//! `ApiJson<T>`: a JSON body extractor whose errors are problem+json naming the field
//! (by its path in the body) and the reason in Danish, instead of axum's plain-text
//! rejection: 415 for another media type, 413 for a body over the limit, 400 for JSON that
//! does not parse, 422 naming the field for JSON that does not fit.
use super::extract::field_error;
use crate::error::{ApiError, AppError};
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
        let is_json = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("application/json"));
        if !is_json {
            return Err(AppError::UnsupportedMediaType("Content-Type skal være application/json".into()).into());
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                AppError::TooLarge
            } else {
                AppError::BadRequest(format!("kan ikke læse forespørgslens indhold: {}", e.body_text()))
            }
        })?;
        let mut value: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|e| AppError::BadRequest(format!("ugyldig JSON (linje {}, kolonne {})", e.line(), e.column())))?;
        whole_numbers(&mut value);
        serde_path_to_error::deserialize(value).map(ApiJson).map_err(|e| {
            let path = e.path().to_string();
            let message = e.into_inner().to_string();
            AppError::Invalid(vec![field_error(&path, "body", &message, None)]).into()
        })
    }
}

/// JSON has one kind of number: `5.0` is the integer 5 (JSON Schema says so too, and
/// clients generated from the OpenAPI document may send it), so a whole float becomes
/// an integer before the body is read into integer fields.
fn whole_numbers(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Number(n) => {
            if let Some(f) = n.as_f64().filter(|f| n.is_f64() && f.fract() == 0.0 && f.abs() < 9.0e15) {
                *value = Value::from(f as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(whole_numbers),
        Value::Object(fields) => fields.values_mut().for_each(whole_numbers),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn whole_floats_become_integers_and_others_stay() {
        let mut v = serde_json::json!({"a": 5.0, "b": [1.5, -2.0], "c": "5.0"});
        super::whole_numbers(&mut v);
        assert_eq!(v, serde_json::json!({"a": 5, "b": [1.5, -2], "c": "5.0"}));
    }
}
