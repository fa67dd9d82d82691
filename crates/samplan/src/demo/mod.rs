//! The demo municipality: deterministic (same seed and date, same people), realistic
//! families of 1–8 members with names fitting their origin, addresses on the
//! municipality's real postal codes, and one login per role.
pub mod children;
pub mod civil_society;
pub mod council;
pub mod danish_education;
pub mod employment;
pub mod forecast;
pub mod generate;
pub mod goals;
pub mod housing;
pub mod knowledge;
pub mod my_plan;
pub mod names;
pub mod plans;

use crate::auth::password;
use crate::crypto::CprVault;
use crate::domain::{DepartmentKind, MunicipalityCode, Role};
use crate::store::Store;
use crate::store::Tenant;
use crate::store::families::FamilyFields;
use crate::store::users::NewUser;
pub use generate::{DemoFamily, DemoPerson, generate};

/// The password of every demo account. Demo accounts can log in only in demo mode.
pub const DEMO_PASSWORD: &str = "samplan-demo";

/// One demo login per role: (login, display name, role, department).
pub const DEMO_USERS: &[(&str, &str, Role, Option<DepartmentKind>)] = &[
    ("sagsbehandler", "Mette Sørensen", Role::Caseworker, Some(DepartmentKind::Jobcenter)),
    ("koordinator", "Ahmed Larsen", Role::Coordinator, Some(DepartmentKind::Jobcenter)),
    ("dagtilbud", "Camilla Holm", Role::DepartmentStaff, Some(DepartmentKind::DaycareAndSchool)),
    ("boernfamilie", "Rikke Dahl", Role::DepartmentStaff, Some(DepartmentKind::ChildrenAndFamily)),
    ("bolig", "Jens Mikkelsen", Role::HousingOfficer, Some(DepartmentKind::Housing)),
    ("leder", "Hanne Kristensen", Role::Manager, None),
    ("frivillig", "Louise Berg", Role::VolunteerCoordinator, None),
    ("admin", "Peter Nielsen", Role::Admin, None),
    ("sekretariat", "Sara Østergaard", Role::NationalSecretariat, None),
    ("sprogcenter", "Nadia Poulsen", Role::DepartmentStaff, Some(DepartmentKind::LanguageCentre)),
    ("region", "Bo Rasmussen", Role::RegionalCoordinator, None),
    ("tolk", "Amira Haddad", Role::Translator, None),
    ("virksomhed", "Karina Juhl", Role::DepartmentStaff, Some(DepartmentKind::BusinessService)),
];

/// The language the demo's translator reviews.
const DEMO_TRANSLATOR_LANGUAGE: &str = "ar";

/// What was created.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    /// Families created.
    pub families: usize,
    /// Persons created.
    pub persons: usize,
}

/// Creates the demo accounts of a municipality (idempotent: existing logins are kept).
pub async fn ensure_users(store: &Store, code: &MunicipalityCode) -> anyhow::Result<()> {
    let departments = store.ensure_municipality(code).await?;
    let hash = password::hash(DEMO_PASSWORD);
    for (login, name, role, department) in DEMO_USERS {
        if store.user_by_login(login).await?.is_some() {
            continue;
        }
        let department_id = department.and_then(|k| departments.iter().find(|d| d.kind == k.code()).map(|d| d.id));
        let id = store
            .create_user(&NewUser {
                login: (*login).into(),
                display_name: (*name).into(),
                email: Some(format!("{login}@demo.invalid")),
                password_hash: Some(hash.clone()),
                municipality_code: (!role.is_national()).then(|| code.as_str().to_string()),
                department_id,
                role: *role,
                demo_account: true,
            })
            .await?;
        if *role == Role::Translator {
            store.set_translator_language(&Tenant::trusted(code.as_str()), id, DEMO_TRANSLATOR_LANGUAGE).await?;
        }
    }
    Ok(())
}

/// Families stored per transaction.
const BATCH: usize = 1000;

/// Stores generated families with their case events and derived deadlines, calling
/// `progress(persons_done)` as it goes: a batch of families per transaction, the
/// deadlines derived in memory by the same `derive_for` a recompute uses.
pub async fn store_families(
    store: &Store,
    vault: &CprVault,
    code: &MunicipalityCode,
    families: &[DemoFamily],
    progress: impl Fn(usize),
) -> anyhow::Result<Summary> {
    use crate::store::bulk::{BulkFamily, BulkPerson};
    let mut summary = Summary::default();
    let caseworker = store.user_by_login(DEMO_USERS[0].0).await?.map(|u| u.id);
    let with = crate::deadlines::municipality_rules(store, &Tenant::trusted(code.as_str())).await?;
    let today = crate::deadlines::today();
    // No Danish-education records yet: the same facts `rule_facts` gives a new person.
    let (du_events, self_supporting) = crate::danish_education::rule_events(&[]);
    let derive = |row: &crate::store::persons::PersonRow, events: &[(String, String)]| {
        let mut facts: Vec<(rules::EventKind, calendar::Date)> =
            events.iter().filter_map(|(k, d)| Some((rules::EventKind::from_key(k)?, calendar::Date::parse(d).ok()?))).collect();
        facts.extend(du_events.iter().cloned());
        crate::deadlines::derive_for(&with.rules, row, &facts, self_supporting, &with.calendar, today)
    };
    for batch in families.chunks(BATCH) {
        let bulk: Vec<BulkFamily> = batch
            .iter()
            .map(|family| BulkFamily {
                fields: FamilyFields {
                    name: family.name.clone(),
                    street: Some(family.street.clone()),
                    postal_code: Some(family.postal_code.clone()),
                    city: Some(family.city.clone()),
                },
                members: family
                    .members
                    .iter()
                    .map(|member| BulkPerson {
                        fields: member.fields.clone(),
                        cpr_encrypted: vault.encrypt(&member.cpr),
                        cpr_hash: vault.lookup_hash(&member.cpr),
                        caseworker_id: if family.with_demo_caseworker && member.fields.family_role == "adult" { caseworker } else { None },
                        events: member.events.iter().map(|(kind, day)| ((*kind).to_string(), day.to_string())).collect(),
                    })
                    .collect(),
                relations: family.relations.iter().map(|(a, b, kind)| (*a, *b, (*kind).to_string())).collect(),
            })
            .collect();
        let ids = store.load_families(&Tenant::trusted(code.as_str()), &bulk, &derive).await?;
        summary.families += ids.len();
        summary.persons += ids.iter().map(Vec::len).sum::<usize>();
        progress(summary.persons);
    }
    store.demo_contacts(&Tenant::trusted(code.as_str())).await?;
    Ok(summary)
}
