//! `Path<T>` and `Query<T>`: axum's extractors with refusals that name the parameter and
//! say why in Danish — problem+json (422) under `/api/`, the Danish error page elsewhere —
//! instead of axum's plain-text `Invalid URL: Cannot parse …` and
//! `Failed to deserialize query string: …`. Handlers import them in place of axum's and
//! destructure them the same way (`Path(id): Path<i64>`).
//!
//! [`danish_reason`] turns serde's English messages into Danish; the JSON body extractor
//! (`web::json`) uses it too, so a refused path, query or body field reads the same.
use crate::domain::FieldError;
use crate::error::{ApiError, AppError, PageError};
use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

/// Path parameters, refused by name (`id: «abc» er ikke et helt tal …`).
#[derive(Debug, Clone, Copy)]
pub struct Path<T>(pub T);

/// Query parameters, refused by name (`to: skal udfyldes`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Query<T>(pub T);

/// A refused parameter, shown as the API or the pages show errors.
#[derive(Debug)]
pub struct Refused {
    api: bool,
    errors: Vec<FieldError>,
}

impl Refused {
    fn new(parts: &Parts, errors: Vec<FieldError>) -> Self {
        Refused { api: parts.uri.path().starts_with("/api/"), errors }
    }
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        let error = AppError::Invalid(self.errors);
        if self.api { ApiError(error).into_response() } else { PageError(error).into_response() }
    }
}

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for Path<T> {
    type Rejection = Refused;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Refused> {
        let params = match RawPathParams::from_request_parts(parts, state).await {
            Ok(raw) => raw.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>(),
            Err(_) => return Err(Refused::new(parts, vec![FieldError::new("path", "adressen kan ikke læses")])),
        };
        let name = |i: usize| params.get(i).map(|(k, _)| k.clone()).unwrap_or_else(|| "path".into());
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Path(value)),
            Err(rejection) => {
                use axum::extract::path::ErrorKind;
                use axum::extract::rejection::PathRejection;
                let error = match &rejection {
                    PathRejection::FailedToDeserializePathParams(e) => match e.kind() {
                        ErrorKind::ParseErrorAtKey { key, value, expected_type } => FieldError::new(key.clone(), kind_reason(value, expected_type)),
                        ErrorKind::ParseErrorAtIndex { index, value, expected_type } => FieldError::new(name(*index), kind_reason(value, expected_type)),
                        ErrorKind::ParseError { value, expected_type } => FieldError::new(name(0), kind_reason(value, expected_type)),
                        ErrorKind::InvalidUtf8InPathParam { key } => FieldError::new(key.clone(), "er ikke gyldig UTF-8"),
                        ErrorKind::DeserializeError { key, value, message } => FieldError::new(key.clone(), format!("«{value}»: {}", danish_reason(message))),
                        other => FieldError::new(name(0), danish_reason(&other.to_string())),
                    },
                    other => FieldError::new("path", danish_reason(&other.body_text())),
                };
                Err(Refused::new(parts, vec![error]))
            }
        }
    }
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Query<T> {
    type Rejection = Refused;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Refused> {
        let query = parts.uri.query().unwrap_or_default();
        parse_query(query).map(Query).map_err(|e| Refused::new(parts, vec![e]))
    }
}

/// Deserialises a query string, naming the parameter that fails.
pub fn parse_query<T: DeserializeOwned>(query: &str) -> Result<T, FieldError> {
    let de = serde_urlencoded::Deserializer::new(url::form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let message = e.into_inner().to_string();
        let value = url::form_urlencoded::parse(query.as_bytes()).find(|(k, _)| *k == path).map(|(_, v)| v.into_owned());
        field_error(&path, "query", &message, value.as_deref())
    })
}

/// The field error for serde's `message` at `path` (`.` is the whole input, named
/// `whole`): a missing field is named itself; the value is quoted when known.
pub fn field_error(path: &str, whole: &str, message: &str, value: Option<&str>) -> FieldError {
    if let Some(missing) = between(message, "missing field `", "`") {
        let field = if path == "." || path.is_empty() { missing.to_string() } else { format!("{path}.{missing}") };
        return FieldError::new(field, "skal udfyldes");
    }
    if let Some(unknown) = between(message, "unknown field `", "`") {
        let field = if path == "." || path.is_empty() { unknown.to_string() } else { format!("{path}.{unknown}") };
        return FieldError::new(field, format!("er ikke et kendt felt{}", expected_list(message)));
    }
    let field = if path == "." || path.is_empty() { whole.to_string() } else { path.to_string() };
    let reason = danish_reason(message);
    match value {
        Some(v) if !reason.contains('«') => FieldError::new(field, format!("«{v}» {reason}")),
        _ => FieldError::new(field, reason),
    }
}

/// The reason for a path value that does not parse as `expected_type` (a Rust type name).
fn kind_reason(value: &str, expected_type: &str) -> String {
    format!("«{value}» {}", type_reason(expected_type))
}

/// What a value of a Rust or serde type must be, in Danish.
fn type_reason(expected: &str) -> String {
    let e = expected.trim();
    if ["i64", "i32", "i16", "i8", "isize"].iter().any(|t| e.contains(t)) || e.contains("integer") {
        "skal være et helt tal inden for det tilladte interval".into()
    } else if ["u64", "u32", "u16", "u8", "usize"].iter().any(|t| e.contains(t)) {
        "skal være et helt tal, 0 eller større, inden for det tilladte interval".into()
    } else if e.contains("f64") || e.contains("f32") || e.contains("float") {
        "skal være et tal".into()
    } else if e.contains("bool") {
        "skal være true eller false".into()
    } else if e.contains("sequence") || e.contains("Vec") {
        "skal være en liste".into()
    } else if e.contains("string") || e.contains("String") || e.contains("char") {
        "skal være tekst".into()
    } else if e.contains("map") || e.contains("struct") {
        "skal være et objekt".into()
    } else {
        "har ikke en gyldig form".into()
    }
}

/// Serde's English refusal in Danish. Messages not from serde (the project's own
/// parsers write Danish) pass unchanged.
pub fn danish_reason(message: &str) -> String {
    // serde_json appends the position; the field is named separately.
    let message = message.split(" at line ").next().unwrap_or(message).trim();
    if let Some(missing) = between(message, "missing field `", "`") {
        return format!("feltet «{missing}» skal udfyldes");
    }
    if let Some(duplicate) = between(message, "duplicate field `", "`") {
        return format!("feltet «{duplicate}» er givet mere end én gang");
    }
    if let Some(variant) = between(message, "unknown variant `", "`") {
        return format!("«{variant}» er ikke en gyldig værdi{}", expected_list(message));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ").or_else(|| message.strip_prefix("invalid value: ")) {
        let expected = rest.split(", expected ").nth(1).unwrap_or(rest);
        return type_reason(expected);
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        let expected = rest.split(", expected ").nth(1).unwrap_or("");
        return format!("har ikke den rigtige længde (forventet: {expected})");
    }
    match message {
        "invalid digit found in string" => "skal være et helt tal".into(),
        "cannot parse integer from empty string" => "skal være et helt tal".into(),
        "number too large to fit in target type" => "er for stort".into(),
        "number too small to fit in target type" => "er for lille".into(),
        "invalid float literal" => "skal være et tal".into(),
        "provided string was not `true` or `false`" => "skal være true eller false".into(),
        _ if message.starts_with("unknown field") => "er ikke et kendt felt".into(),
        _ if message.contains("expected") && message.is_ascii() => format!("har ikke en gyldig form ({message})"),
        _ => message.to_string(),
    }
}

/// `; brug en af: a, b` from serde's ``expected one of `a`, `b` ``.
fn expected_list(message: &str) -> String {
    let Some((_, list)) = message.split_once("expected one of ").or_else(|| message.split_once("expected ")) else { return String::new() };
    let names: Vec<&str> = list.split('`').skip(1).step_by(2).collect();
    if names.is_empty() { String::new() } else { format!("; brug en af: {}", names.join(", ")) }
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = &text[text.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[expect(dead_code, reason = "the fields are only deserialised, to see what the query extractor accepts")]
    struct Q {
        from: i64,
        to: i64,
        year: Option<u16>,
        kind: Option<Kind>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        Json,
        Csv,
    }

    #[test]
    fn a_refused_query_names_the_parameter_in_danish() {
        let e = parse_query::<Q>("from=1").unwrap_err();
        assert_eq!((e.field.as_ref(), e.reason.as_str()), ("to", "skal udfyldes"));
        let e = parse_query::<Q>("from=x&to=2").unwrap_err();
        assert_eq!(e.field, "from");
        assert!(e.reason.starts_with("«x» skal være et helt tal"), "{}", e.reason);
        let e = parse_query::<Q>("from=1&to=2&year=99999999").unwrap_err();
        assert_eq!(e.field, "year");
        assert_eq!(e.reason, "«99999999» er for stort");
        let e = parse_query::<Q>("from=1&to=2&kind=pdf").unwrap_err();
        assert_eq!(e.field, "kind");
        assert_eq!(e.reason, "«pdf» er ikke en gyldig værdi; brug en af: json, csv");
        assert!(parse_query::<Q>("from=1&to=2&kind=csv").is_ok());
    }

    #[test]
    fn the_projects_own_danish_messages_pass_unchanged() {
        assert_eq!(danish_reason("«x» er ikke en dato"), "«x» er ikke en dato");
        assert_eq!(danish_reason("invalid type: string \"a\", expected i64 at line 1 column 9"), "skal være et helt tal inden for det tilladte interval");
    }
}
