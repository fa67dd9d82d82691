//! The `[[oidc]]` tables of the configuration file: one OpenID Connect provider each,
//! for one municipality's staff or citizens (decision 013). Checked when the server
//! starts, with the field named; the client secret comes from the environment or a
//! file, never from the configuration file itself.
use crate::domain::{DepartmentKind, MunicipalityCode, Role};
use serde::Deserialize;
use std::path::PathBuf;

/// Who logs in through a provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Users {
    /// Municipal staff, matched by `login_claim` against the login of a samplan user.
    Staff,
    /// Citizens, matched by the CPR number in `cpr_claim` through the keyed CPR hash.
    Citizens,
}

/// One value of `role_claim` and the role (and department) it gives.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleMapping {
    /// A value of the role claim (an Entra ID group's object id, an AD FS role name…).
    pub value: String,
    /// The samplan role code (`caseworker`, `coordinator`, `department_staff`, …).
    pub role: String,
    /// The department code (`jobcenter`, `sundhed`, …) for roles that work in one.
    #[serde(default)]
    pub department: Option<String>,
}

/// One `[[oidc]]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderConfig {
    /// Short name in the URLs (`/login/oidc/NAME`): lower-case letters, digits and `-`.
    pub name: String,
    /// The button's text on the login page, in Danish.
    pub label: String,
    /// The municipality whose users log in here.
    pub municipality_code: String,
    /// `staff` or `citizens`.
    pub users: Users,
    /// The issuer URL; discovery reads `ISSUER/.well-known/openid-configuration`.
    pub issuer: String,
    /// The client id registered at the provider; also the ID token's required audience.
    pub client_id: String,
    /// Name of the environment variable holding the client secret.
    #[serde(default)]
    pub client_secret_env: Option<String>,
    /// File holding the client secret (e.g. a mounted secret); trailing whitespace is dropped.
    #[serde(default)]
    pub client_secret_file: Option<PathBuf>,
    /// The redirect URL registered at the provider: `https://HOST/login/oidc/NAME/callback`.
    pub redirect_url: String,
    /// Scopes asked for besides `openid`.
    #[serde(default = "default_scopes")]
    pub scopes: Vec<String>,
    /// The ID token claim carrying the staff user's samplan login (staff providers).
    #[serde(default = "default_login_claim")]
    pub login_claim: String,
    /// The ID token claim carrying the CPR number (citizen providers).
    #[serde(default)]
    pub cpr_claim: Option<String>,
    /// The ID token claim (a string or a list of strings, e.g. `groups` or `roles`) that
    /// `roles` map to a samplan role and department. When set, a staff login needs a
    /// mapped value, and the user's role and department follow the provider.
    #[serde(default)]
    pub role_claim: Option<String>,
    /// The mapping of `role_claim` values, first match wins.
    #[serde(default)]
    pub roles: Vec<RoleMapping>,
    /// Create a samplan user (staff: with the mapped role; citizens: a citizen account
    /// for a person already registered) at the first login instead of refusing it.
    #[serde(default)]
    pub provision: bool,
    /// Allowed difference between the provider's clock and ours, in seconds.
    #[serde(default = "default_clock_skew_seconds")]
    pub clock_skew_seconds: u64,
    /// Where the provider sends the browser after single logout (registered there);
    /// default: the login page beside `redirect_url`.
    #[serde(default)]
    pub post_logout_redirect_url: Option<String>,
}

fn default_scopes() -> Vec<String> {
    vec!["profile".into(), "email".into()]
}
fn default_login_claim() -> String {
    "preferred_username".into()
}
fn default_clock_skew_seconds() -> u64 {
    60
}

/// A provider's configuration, checked, with its secret read.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The configuration as written.
    pub config: ProviderConfig,
    /// The client secret (none: a public client using PKCE alone).
    pub secret: Option<String>,
    /// The parsed role mapping, in the configured order.
    pub roles: Vec<(String, Role, Option<DepartmentKind>)>,
    /// Where the provider sends the browser after logout.
    pub post_logout_redirect_url: url::Url,
}

/// A bad `[[oidc]]` table: which provider, which field, why.
#[derive(Debug, thiserror::Error)]
#[error("[[oidc]] «{provider}», {field}: {reason}")]
pub struct ConfigError {
    /// The provider's `name`.
    pub provider: String,
    /// The field.
    pub field: &'static str,
    /// Why, in Danish.
    pub reason: String,
}

impl ProviderConfig {
    /// Checks every field and reads the secret; `env` looks up environment variables.
    pub fn check(self, env: &dyn Fn(&str) -> Option<String>) -> Result<Checked, ConfigError> {
        let err = |field: &'static str, reason: String| ConfigError { provider: self.name.clone(), field, reason };
        if self.name.is_empty() || !self.name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            return Err(err("name", "kun små bogstaver a–z, cifre og bindestreg".into()));
        }
        if self.label.trim().is_empty() {
            return Err(err("label", "mangler (knappens tekst på login-siden)".into()));
        }
        MunicipalityCode::parse(&self.municipality_code).map_err(|e| err("municipality_code", e.reason))?;
        let issuer = url::Url::parse(&self.issuer).map_err(|e| err("issuer", format!("ikke en URL: {e}")))?;
        let redirect = url::Url::parse(&self.redirect_url).map_err(|e| err("redirect_url", format!("ikke en URL: {e}")))?;
        for (field, u) in [("issuer", &issuer), ("redirect_url", &redirect)] {
            let loopback = matches!(u.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
            if u.scheme() != "https" && !(u.scheme() == "http" && loopback) {
                return Err(err(field, "skal være https (http kun på 127.0.0.1/localhost)".into()));
            }
        }
        let expected_path = format!("/login/oidc/{}/callback", self.name);
        if redirect.path() != expected_path {
            return Err(err("redirect_url", format!("stien skal være {expected_path}")));
        }
        if self.client_id.trim().is_empty() {
            return Err(err("client_id", "mangler".into()));
        }
        let secret = match (&self.client_secret_env, &self.client_secret_file) {
            (Some(_), Some(_)) => return Err(err("client_secret_env", "angiv enten client_secret_env eller client_secret_file, ikke begge".into())),
            (Some(var), None) => Some(env(var).ok_or_else(|| err("client_secret_env", format!("miljøvariablen {var} er ikke sat")))?),
            (None, Some(path)) => {
                let text = std::fs::read_to_string(path).map_err(|e| err("client_secret_file", format!("kan ikke læse {}: {e}", path.display())))?;
                Some(text.trim_end().to_string())
            }
            (None, None) => None,
        };
        if secret.as_deref().is_some_and(str::is_empty) {
            return Err(err("client_secret_env", "hemmeligheden er tom".into()));
        }
        if self.users == Users::Citizens && self.cpr_claim.as_deref().is_none_or(|c| c.trim().is_empty()) {
            return Err(err("cpr_claim", "mangler: borgere findes ud fra CPR-nummeret".into()));
        }
        if self.role_claim.is_some() && self.roles.is_empty() {
            return Err(err("roles", "role_claim er sat, men ingen roller er tilknyttet".into()));
        }
        let mut roles = Vec::new();
        for mapping in &self.roles {
            let role = Role::parse(&mapping.role).map_err(|e| err("roles", format!("«{}»: {}", mapping.role, e.reason)))?;
            if role == Role::Citizen || role == Role::NationalSecretariat {
                return Err(err("roles", format!("rollen «{}» kan ikke gives via en kommunes login", mapping.role)));
            }
            let department = match &mapping.department {
                Some(d) => Some(DepartmentKind::parse(d).map_err(|e| err("roles", format!("«{d}»: {}", e.reason)))?),
                None => None,
            };
            if role == Role::DepartmentStaff && department.is_none() {
                return Err(err("roles", format!("«{}» giver rollen department_staff og skal have en department", mapping.value)));
            }
            roles.push((mapping.value.clone(), role, department));
        }
        let post_logout_redirect_url = match &self.post_logout_redirect_url {
            Some(u) => url::Url::parse(u).map_err(|e| err("post_logout_redirect_url", format!("ikke en URL: {e}")))?,
            None => redirect.join("/login").map_err(|e| err("redirect_url", e.to_string()))?,
        };
        Ok(Checked { config: self, secret, roles, post_logout_redirect_url })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> ProviderConfig {
        toml::from_str(text).unwrap()
    }

    const STAFF: &str = r#"
        name = "entra"
        label = "Log ind med Microsoft"
        municipality_code = "0101"
        users = "staff"
        issuer = "https://login.microsoftonline.com/t/v2.0"
        client_id = "abc"
        client_secret_env = "SECRET"
        redirect_url = "https://samplan.kk.dk/login/oidc/entra/callback"
        role_claim = "groups"
        roles = [{ value = "g1", role = "caseworker", department = "jobcenter" }, { value = "g2", role = "department_staff", department = "sundhed" }]
    "#;

    #[test]
    fn a_good_table_is_checked_and_its_secret_read_from_the_environment() {
        let checked = parse(STAFF).check(&|v| (v == "SECRET").then(|| "s3cret".to_string())).unwrap();
        assert_eq!(checked.secret.as_deref(), Some("s3cret"));
        assert_eq!(checked.roles[1].1, Role::DepartmentStaff);
        assert_eq!(checked.roles[1].2, Some(DepartmentKind::Health));
        assert_eq!(checked.post_logout_redirect_url.as_str(), "https://samplan.kk.dk/login");
    }

    #[test]
    fn bad_tables_name_the_field() {
        let none = |_: &str| None;
        assert_eq!(parse(STAFF).check(&none).unwrap_err().field, "client_secret_env");
        let with = |_: &str| Some("x".to_string());
        let bad = |from: &str, to: &str| parse(&STAFF.replace(from, to)).check(&with).unwrap_err().field;
        assert_eq!(bad("https://samplan.kk.dk/login/oidc/entra/callback", "https://samplan.kk.dk/cb"), "redirect_url");
        assert_eq!(bad("https://login.microsoftonline.com/t/v2.0", "http://idp.example/"), "issuer");
        assert_eq!(bad("\"caseworker\"", "\"chef\""), "roles");
        assert_eq!(bad("department = \"sundhed\"", "department = \"x\""), "roles");
        assert_eq!(bad("\"0101\"", "\"12\""), "municipality_code");
        assert_eq!(bad("users = \"staff\"", "users = \"citizens\""), "cpr_claim");
    }
}
