//! Families (households): the unit a helhedsplan is made for. Pages and API share the
//! input parsing here.
pub mod api;
pub mod pages;

use crate::domain::FieldError;
use crate::store::families::FamilyFields;
use serde::Deserialize;

/// Family input from a form or JSON body.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FamilyInput {
    /// Display name, e.g. "Familien Haddad".
    #[serde(default)]
    #[schema(required = true, pattern = r"\S", max_length = 200)]
    pub name: String,
    /// Street address.
    #[serde(default)]
    pub street: Option<String>,
    /// Four-digit postal code (empty: none).
    #[serde(default)]
    #[schema(pattern = r"^\s*([0-9]{4})?\s*$")]
    pub postal_code: Option<String>,
    /// Town.
    #[serde(default)]
    pub city: Option<String>,
}

impl FamilyInput {
    /// Parses the fields, collecting every error.
    pub fn parse(&self) -> Result<FamilyFields, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = self.name.trim().to_string();
        if name.is_empty() {
            errors.push(FieldError::new("name", "skal udfyldes"));
        } else if name.chars().count() > 200 {
            errors.push(FieldError::new("name", "må højst have 200 tegn"));
        }
        let clean = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        let postal_code = clean(&self.postal_code);
        if let Some(pc) = &postal_code
            && (pc.len() != 4 || !pc.bytes().all(|b| b.is_ascii_digit()))
        {
            errors.push(FieldError::new("postal_code", "postnummeret skal have 4 cifre"));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(FamilyFields { name, street: clean(&self.street), postal_code, city: clean(&self.city) })
    }
}
