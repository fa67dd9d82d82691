//! CSRF protection for every form.
//!
//! Logged-in forms carry the session's CSRF token in a hidden `csrf` field. The login
//! form, which has no session yet, uses a double-submit token: a random value in a
//! short-lived cookie that the form must repeat.
use subtle_eq::constant_time_eq;

/// Name of the hidden form field.
pub const FIELD: &str = "csrf";
/// Cookie holding the login form's token.
pub const LOGIN_COOKIE: &str = "samplan_login_csrf";

/// Whether a submitted token matches the expected one (constant time).
pub fn matches(expected: &str, submitted: Option<&str>) -> bool {
    match submitted {
        Some(s) if !expected.is_empty() => constant_time_eq(expected.as_bytes(), s.as_bytes()),
        _ => false,
    }
}

mod subtle_eq {
    //! Comparison that takes the same time wherever the first difference is.
    pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_must_match_exactly_and_be_present() {
        assert!(super::matches("abc", Some("abc")));
        assert!(!super::matches("abc", Some("abd")));
        assert!(!super::matches("abc", None));
        assert!(!super::matches("", Some("")));
    }
}
