//! The municipality a store call acts for. Every store function that reads or writes a
//! municipality's own records takes a [`Tenant`], never a bare code: a request gets one
//! only from `auth::Actor`'s role checks, so a handler cannot hand the store a code it
//! typed or parsed from the request.

/// The municipality whose records a store call reads or writes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Tenant(String);

impl Tenant {
    /// The tenant for municipality `code`, taken on trust. Only for `auth::Actor`'s
    /// checks (the way a request gets a tenant), for what acts for a municipality
    /// without a user (the command line, demo generation, background jobs, tests), and
    /// for a national role's check of the municipality it names (reports, decision
    /// 121). Never for a code a request brings without such a check.
    pub fn trusted(code: impl Into<String>) -> Self {
        Tenant(code.into())
    }

    /// The municipality code.
    pub fn code(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Tenant {
    /// Writes the municipality code.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
