//! From a verified ID token's claims to a samplan user: staff by the login claim (with
//! their role and department from the role claim when one is configured), citizens by the
//! CPR claim through the keyed CPR hash. Anyone not found is refused, unless the provider
//! provisions. The CPR number is never logged nor put in a refusal.
use super::settings::{Checked, Users};
use crate::app::AppState;
use crate::domain::{Cpr, DepartmentKind, Role};
use crate::error::AppError;
use crate::store::Tenant;
use crate::store::persons::PersonQuery;
use crate::store::users::{NewUser, UserRow};
use serde_json::{Map, Value};

/// Why a verified login is still refused; the text is shown to the person (Danish) and
/// written to the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

/// The user a login resolved to, and what was done on the way (for the audit log).
pub struct Resolved {
    /// The user to start a session for.
    pub user: UserRow,
    /// "oprettet ved første login", "rolle opdateret fra identitetsudbyderen", or empty.
    pub note: String,
}

/// A claim as text (strings, and numbers written as text).
fn text_claim(claims: &Map<String, Value>, name: &str) -> Option<String> {
    match claims.get(name)? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The values of the role claim: one string or a list of strings.
fn claim_values(claims: &Map<String, Value>, name: &str) -> Vec<String> {
    match claims.get(name) {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items.iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    }
}

/// The role and department the claims give, first configured mapping first; `None` when
/// no role claim is configured, `Some(None)` when it is and no value maps.
pub fn mapped_role(provider: &Checked, claims: &Map<String, Value>) -> Option<Option<(Role, Option<DepartmentKind>)>> {
    let claim = provider.config.role_claim.as_deref()?;
    let values = claim_values(claims, claim);
    Some(provider.roles.iter().find(|(value, _, _)| values.iter().any(|v| v == value)).map(|(_, r, d)| (*r, *d)))
}

/// Resolves the claims to a user, or refuses.
pub async fn resolve(state: &AppState, provider: &Checked, claims: &Map<String, Value>) -> Result<Result<Resolved, Refusal>, AppError> {
    match provider.config.users {
        Users::Staff => staff(state, provider, claims).await,
        Users::Citizens => citizen(state, provider, claims).await,
    }
}

const UNKNOWN: &str = "Du er ikke oprettet som bruger i samplan. Kontakt kommunens administrator af samplan, hvis du skal have adgang.";

async fn staff(state: &AppState, provider: &Checked, claims: &Map<String, Value>) -> Result<Result<Resolved, Refusal>, AppError> {
    let config = &provider.config;
    let Some(login) = text_claim(claims, &config.login_claim).map(|l| l.to_lowercase()) else {
        return Ok(Err(Refusal(format!("Identitetsudbyderen sendte ikke dit brugernavn (kravet «{}»).", config.login_claim))));
    };
    let mapped = mapped_role(provider, claims);
    if mapped == Some(None) {
        return Ok(Err(Refusal("Du har ingen rolle i samplan hos identitetsudbyderen. Kontakt kommunens administrator af samplan.".into())));
    }
    let mapped = mapped.flatten();
    // The provider is configured for one municipality: its staff act for it.
    let departments = state.store.departments(&Tenant::trusted(config.municipality_code.as_str())).await?;
    let department_id = |kind: Option<DepartmentKind>| kind.and_then(|k| departments.iter().find(|d| d.kind == k.code()).map(|d| d.id));
    match state.store.user_by_login(&login).await? {
        Some(user) => {
            let usable = user.active == 1
                && user.municipality_code.as_deref() == Some(config.municipality_code.as_str())
                && (user.demo_account == 0 || state.settings.demo)
                && user.role().is_some_and(|r| !r.is_citizen());
            if !usable {
                return Ok(Err(Refusal(UNKNOWN.into())));
            }
            let Some((role, department)) = mapped else { return Ok(Ok(Resolved { user, note: String::new() })) };
            let department_id = department_id(department);
            if user.role == role.code() && user.department_id == department_id {
                return Ok(Ok(Resolved { user, note: String::new() }));
            }
            state.store.set_user_role(user.id, role, department_id).await?;
            let user = state.store.user_by_id(user.id).await?.ok_or(AppError::NotFound("brugeren"))?;
            Ok(Ok(Resolved { user, note: format!("rolle sat til {} fra identitetsudbyderen", role.label()) }))
        }
        None if config.provision => {
            let Some((role, department)) = mapped else {
                return Ok(Err(Refusal(UNKNOWN.into())));
            };
            let id = state
                .store
                .create_user(&NewUser {
                    login: login.clone(),
                    display_name: text_claim(claims, "name").unwrap_or_else(|| login.clone()),
                    email: text_claim(claims, "email"),
                    password_hash: None,
                    municipality_code: Some(config.municipality_code.clone()),
                    department_id: department_id(department),
                    role,
                    demo_account: false,
                })
                .await?;
            let user = state.store.user_by_id(id).await?.ok_or(AppError::NotFound("brugeren"))?;
            Ok(Ok(Resolved { user, note: format!("oprettet ved første login som {}", role.label()) }))
        }
        None => Ok(Err(Refusal(UNKNOWN.into()))),
    }
}

async fn citizen(state: &AppState, provider: &Checked, claims: &Map<String, Value>) -> Result<Result<Resolved, Refusal>, AppError> {
    let config = &provider.config;
    let claim = config.cpr_claim.as_deref().unwrap_or_default();
    let not_found = || Refusal("Vi kan ikke finde dig i samplan i denne kommune. Kontakt din sagsbehandler.".into());
    let Some(cpr) = text_claim(claims, claim).and_then(|raw| Cpr::parse(&raw).ok()) else {
        return Ok(Err(Refusal(format!("Identitetsudbyderen sendte ikke et gyldigt CPR-nummer (kravet «{claim}»)."))));
    };
    // The provider is configured for one municipality: its citizens are looked up in it.
    let tenant = &Tenant::trusted(config.municipality_code.as_str());
    let hash = state.vault.lookup_hash(&cpr);
    let found = state.store.search_persons(tenant, &crate::store::access::Reach::All, &PersonQuery::CprHash(hash), 1).await?;
    let Some(person) = found.into_iter().next() else { return Ok(Err(not_found())) };
    let (account, note) = match state.store.citizen_account_of(tenant, person.id).await? {
        Some(account) => (account, String::new()),
        None if config.provision => {
            (crate::my_plan::links::ensure_account(state, tenant, &person, None).await?, "borgerkonto oprettet ved første login".to_string())
        }
        None => return Ok(Err(not_found())),
    };
    let user = state.store.user_by_id(account.user_id).await?.filter(|u| u.active == 1 && u.role().is_some_and(Role::is_citizen));
    Ok(user.map(|user| Resolved { user, note }).ok_or_else(not_found))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_configured_mapping_that_matches_gives_the_role() {
        let config: super::super::settings::ProviderConfig = toml::from_str(
            r#"
            name = "x"
            label = "X"
            municipality_code = "0101"
            users = "staff"
            issuer = "https://idp.example"
            client_id = "c"
            redirect_url = "https://s.example/login/oidc/x/callback"
            role_claim = "groups"
            roles = [{ value = "a", role = "coordinator" }, { value = "b", role = "department_staff", department = "sundhed" }]
        "#,
        )
        .unwrap();
        let checked = config.check(&|_| None).unwrap();
        let claims = |v: Value| serde_json::json!({ "groups": v }).as_object().unwrap().clone();
        assert_eq!(mapped_role(&checked, &claims(serde_json::json!(["z", "b", "a"]))), Some(Some((Role::Coordinator, None))));
        assert_eq!(mapped_role(&checked, &claims(serde_json::json!("b"))), Some(Some((Role::DepartmentStaff, Some(DepartmentKind::Health)))));
        assert_eq!(mapped_role(&checked, &claims(serde_json::json!(["z"]))), Some(None));
        assert_eq!(mapped_role(&checked, &Map::new()), Some(None));
    }
}
