//! Domain values, parsed once at the edge ("parse, don't validate").
//!
//! Handlers turn raw strings into these types first; everything after works with
//! values that are known to be valid. Every parse error names the field and the reason.
pub mod cpr;
pub mod municipality;
pub mod person;
pub mod role;

pub use cpr::Cpr;
pub use municipality::{Municipality, MunicipalityCode, PostalArea};
pub use person::{FamilyRole, LanguageList, ResidenceBasis, Sex};
pub use role::{DepartmentKind, Role};

/// A value that failed to parse: which field, and why (in Danish, for the user).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {reason}")]
pub struct FieldError {
    /// The field's name as the form or API knows it (e.g. `cpr`).
    pub field: std::borrow::Cow<'static, str>,
    /// Why the value was refused, in Danish.
    pub reason: String,
}

impl FieldError {
    /// Builds an error for `field` with a reason.
    pub fn new(field: impl Into<std::borrow::Cow<'static, str>>, reason: impl Into<String>) -> Self {
        Self { field: field.into(), reason: reason.into() }
    }
}

/// Parses an ISO date (`YYYY-MM-DD`) for the named field.
pub fn parse_date(field: &'static str, raw: &str) -> Result<chrono::NaiveDate, FieldError> {
    chrono::NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| FieldError::new(field, format!("«{raw}» er ikke en dato på formen ÅÅÅÅ-MM-DD")))
}
