//! Administration: the audit log (read-only, filterable) and the municipality's users.
pub mod api;
pub mod pages;

use crate::domain::{FieldError, parse_date};
use crate::store::audit::AuditFilter;
use serde::Deserialize;

/// Audit log filters as given in a query string.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct AuditParams {
    /// Login of the acting user.
    #[serde(default)]
    pub user: Option<String>,
    /// Action, e.g. `read`, `update`, `login_failed`.
    #[serde(default)]
    pub action: Option<String>,
    /// Entity kind, e.g. `person`.
    #[serde(default)]
    pub entity: Option<String>,
    /// Entity id.
    #[serde(default)]
    pub entity_id: Option<String>,
    /// From date (YYYY-MM-DD).
    #[serde(default)]
    #[param(format = Date)]
    pub from: Option<String>,
    /// To date (YYYY-MM-DD).
    #[serde(default)]
    #[param(format = Date)]
    pub to: Option<String>,
}

impl AuditParams {
    /// Parses into a store filter; dates must be ISO dates.
    pub fn filter(&self) -> Result<AuditFilter, FieldError> {
        let clean = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        let date = |field: &'static str, s: &Option<String>| -> Result<Option<String>, FieldError> {
            clean(s).map(|d| parse_date(field, &d).map(|d| d.to_string())).transpose()
        };
        Ok(AuditFilter {
            user_login: clean(&self.user),
            action: clean(&self.action),
            entity: clean(&self.entity),
            entity_id: clean(&self.entity_id),
            from: date("from", &self.from)?,
            to: date("to", &self.to)?,
        })
    }
}
