//! Demo citizens for Min plan: `borger` (password `samplan-demo`) is a parent in a family
//! with a plan and children under 18, reading in Arabic; a few more persons of planned
//! families have citizen accounts (reached by one-time links) with their own language
//! chosen: English, Ukrainian, Tigrinya, Dari and Somali. Deterministic: the same
//! families give the same citizens.
use super::DEMO_PASSWORD;
use crate::store::Store;
use crate::store::Tenant;
use crate::store::persons::PersonRow;

/// The demo citizen's login.
pub const CITIZEN_LOGIN: &str = "borger";

/// The other preferred languages shown in the demo.
const OTHER_LANGUAGES: &[&str] = &["en", "uk", "ti", "prs", "so"];

/// Creates the demo citizens; returns how many accounts were made.
pub async fn store_citizens(store: &Store, tenant: &Tenant) -> anyhow::Result<usize> {
    if store.user_by_login(CITIZEN_LOGIN).await?.is_some() {
        return Ok(0);
    }
    let mut planned: Vec<Vec<PersonRow>> = Vec::new();
    for family in store.families(tenant, &crate::store::access::Reach::All, None, 10_000, 0).await? {
        if store.plan_version_at(tenant, family.id, None).await?.is_some() {
            planned.push(store.family_members(tenant, family.id).await?);
        }
    }
    let mut used = Vec::new();
    // A parent of a child under 18 (a recorded parent_of relation), in a planned family.
    let mut parent = None;
    'families: for members in &planned {
        for adult in members.iter().filter(|m| m.family_role == "adult") {
            for (kind, from, to) in store.relations(tenant, adult.id).await? {
                let young = members.iter().any(|m| m.id == to && crate::my_plan::service::age_of(m) < 18);
                if kind == "parent_of" && from == adult.id && young {
                    parent = Some(adult.id);
                    break 'families;
                }
            }
        }
    }
    let Some(parent) = parent else { return Ok(0) };
    crate::my_plan::links::create_local_account(store, tenant, parent, CITIZEN_LOGIN, DEMO_PASSWORD, "ar", true).await?;
    used.push(parent);
    for language in OTHER_LANGUAGES {
        // Someone who speaks it, else any adult not yet used.
        let adults = || planned.iter().flatten().filter(|m| m.family_role == "adult" && !used.contains(&m.id));
        let Some(person) = adults().find(|m| m.languages.split(',').any(|l| l == *language)).or_else(|| adults().next()) else { break };
        let id = person.id;
        let login = format!("borger-{tenant}-{id}");
        let user = store
            .create_user(&crate::store::users::NewUser {
                login,
                display_name: format!("{} {}", person.given_name, person.family_name),
                email: None,
                password_hash: None,
                municipality_code: Some(tenant.to_string()),
                department_id: None,
                role: crate::domain::Role::Citizen,
                demo_account: true,
            })
            .await?;
        store.create_citizen_account(tenant, user, id, language).await?;
        used.push(id);
    }
    Ok(used.len())
}
