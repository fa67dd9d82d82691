//! Loading a person's Min plan for a reader, shared by the staff page, the API, the PDF
//! and the citizen pages: tenancy, who may read whose plan, the consent-filtered plan for
//! staff (the same `Viewer` as the family plan), the inputs of the derivation, the
//! language, and the audit events.
use super::derive::{self, DeadlineInput, Input, MyPlan, Person};
use crate::app::AppState;
use crate::auth::{Actor, RequestMeta};
use crate::domain::{FieldError, MunicipalityCode};
use crate::error::AppError;
use crate::plans::PlanDocument;
use crate::plans::access::Viewer;
use crate::store::Tenant;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::my_plan::CitizenRow;
use crate::store::persons::PersonRow;
use chrono::NaiveDate;
use i18n::Language;

/// A derived Min plan and what it was made from.
pub struct Loaded {
    /// The municipality.
    pub tenant: Tenant,
    /// The person.
    pub person: PersonRow,
    /// The family whose plan it comes from.
    pub family_id: Option<i64>,
    /// The plan in the reader's language.
    pub plan: MyPlan,
    /// Actions of the person that consent hides from this (staff) reader.
    pub hidden: usize,
}

/// Today, in the municipality's time zone.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Parses `lang`: a catalogue language code, or the error naming the field.
pub fn parse_language(raw: &str) -> Result<&'static Language, FieldError> {
    i18n::language(raw)
        .ok_or_else(|| FieldError::new("lang", format!("«{}» er ikke et sprog, Min plan findes på; brug en af: {}", raw.trim(), i18n::codes().join(", "))))
}

/// The language to show a person's plan in when none is asked for: the citizen's chosen
/// language, else the first language the person speaks that the catalogue has, else Danish.
pub fn default_language(person: &PersonRow, account: Option<&CitizenRow>) -> &'static Language {
    account.and_then(|a| i18n::language(&a.language)).or_else(|| person.languages.split(',').find_map(i18n::language)).unwrap_or(i18n::danish())
}

/// The person's full name.
pub fn name_of(p: &PersonRow) -> String {
    format!("{} {}", p.given_name, p.family_name)
}

/// Age in whole years today.
pub fn age_of(p: &PersonRow) -> i64 {
    NaiveDate::parse_from_str(&p.birth_date, "%Y-%m-%d").ok().and_then(|b| today().years_since(b)).map_or(0, i64::from)
}

/// The current family plan of the person's family: (version, document).
async fn family_plan(state: &AppState, tenant: &Tenant, person: &PersonRow) -> Result<(i64, PlanDocument), AppError> {
    let Some(family) = person.family_id else { return Ok((0, PlanDocument::default())) };
    let row = state.store.plan_version_at(tenant, family, None).await?;
    Ok(row.map(|r| (r.version, PlanDocument::from_json(&r.document))).unwrap_or_default())
}

async fn derive_for(
    state: &AppState,
    tenant: &Tenant,
    person: &PersonRow,
    version: i64,
    plan: &PlanDocument,
    language: &'static Language,
) -> Result<MyPlan, AppError> {
    let coordinator = match plan.coordinator_user_id {
        Some(id) => state.store.user_by_id(id).await?.filter(|u| u.municipality_code.as_deref() == Some(tenant.code())).map(|u| u.display_name),
        None => None,
    };
    let filter = crate::store::deadlines::DeadlineFilter { person_id: Some(person.id), ..Default::default() };
    let deadlines = crate::deadlines::service::list(state, tenant, &crate::store::access::Reach::All, &filter)
        .await?
        .into_iter()
        .map(|r| DeadlineInput { rule_id: r.deadline.rule_id, title: r.deadline.title, due: r.deadline.due.to_string(), met: r.deadline.met_on.is_some() })
        .collect();
    let municipality = MunicipalityCode::parse(tenant.code()).map(|c| format!("{} Kommune", c.municipality().name)).unwrap_or_default();
    let overrides = state.store.translation_overrides(tenant, language.code).await?;
    let input = Input {
        person: Person { id: person.id, name: name_of(person) },
        plan,
        version,
        coordinator,
        deadlines,
        municipality,
        today: today(),
        overrides: &overrides,
    };
    Ok(derive::derive(&input, language))
}

/// A person's Min plan as a staff member may see it: their municipality only, and the
/// family plan filtered by consent exactly as on the family page.
pub async fn for_staff(state: &AppState, actor: &Actor, person_id: i64, lang: Option<&str>) -> Result<Loaded, AppError> {
    let access = actor.person_access(&state.store).await?;
    let tenant = access.tenant();
    let person = access.person(&state.store, person_id).await?;
    let language = match lang.map(str::trim).filter(|l| !l.is_empty()) {
        Some(raw) => parse_language(raw)?,
        None => default_language(&person, state.store.citizen_account_of(tenant, person_id).await?.as_ref()),
    };
    let (version, full) = family_plan(state, tenant, &person).await?;
    let members: Vec<i64> = match person.family_id {
        Some(f) => state.store.family_members(tenant, f).await?.iter().map(|m| m.id).collect(),
        None => vec![person.id],
    };
    let viewer = Viewer::of(&state.store, tenant, actor, &members, crate::deadlines::today()).await?;
    let (visible, _) = viewer.filter(&full);
    let own = |doc: &PlanDocument| doc.actions().filter(|(g, a)| a.person(g).is_none_or(|p| p == person_id)).count();
    let hidden = own(&full) - own(&visible);
    let plan = derive_for(state, tenant, &person, version, &visible, language).await?;
    Ok(Loaded { tenant: tenant.clone(), family_id: person.family_id, person, plan, hidden })
}

/// A person's Min plan for whoever asks: a citizen gets their own or their child's
/// (whole, in the language asked for or their own), staff get it through consent.
pub async fn for_actor(state: &AppState, actor: &Actor, person_id: i64, lang: Option<&str>) -> Result<Loaded, AppError> {
    if !actor.role.is_citizen() {
        return for_staff(state, actor, person_id, lang).await;
    }
    let account = citizen(state, actor).await?;
    let language = match lang.map(str::trim).filter(|l| !l.is_empty()) {
        Some(raw) => parse_language(raw)?,
        None => i18n::language(&account.language).unwrap_or(&i18n::LANGUAGES[0]),
    };
    for_citizen(state, &account, person_id, language).await
}

/// The citizen behind an actor, or `Forbidden` for anyone else.
pub async fn citizen(state: &AppState, actor: &Actor) -> Result<CitizenRow, AppError> {
    if !actor.role.is_citizen() {
        return Err(AppError::Forbidden("kun for borgere".into()));
    }
    state.store.citizen_account(actor.user.id).await?.ok_or_else(|| AppError::Forbidden("kontoen er ikke knyttet til en person".into()))
}

/// The persons whose plans a citizen may read: themselves, then their children under 18.
pub async fn readable_persons(state: &AppState, account: &CitizenRow) -> Result<Vec<PersonRow>, AppError> {
    let tenant = &account.tenant();
    let me = state.store.person(tenant, account.person_id).await?.ok_or(AppError::NotFound("personen"))?;
    let mut out = vec![me];
    for (kind, parent, child) in state.store.relations(tenant, account.person_id).await? {
        if kind != "parent_of" || parent != account.person_id {
            continue;
        }
        if let Some(p) = state.store.person(tenant, child).await?
            && age_of(&p) < 18
        {
            out.push(p);
        }
    }
    Ok(out)
}

/// A Min plan as a citizen may see it: their own or a child's under 18, whole (it is
/// their own data), in `language`. Anyone else's is "not found", so nothing is revealed.
pub async fn for_citizen(state: &AppState, account: &CitizenRow, person_id: i64, language: &'static Language) -> Result<Loaded, AppError> {
    let person = readable_persons(state, account).await?.into_iter().find(|p| p.id == person_id).ok_or(AppError::NotFound("planen"))?;
    let tenant = &account.tenant();
    let (version, full) = family_plan(state, tenant, &person).await?;
    let plan = derive_for(state, tenant, &person, version, &full, language).await?;
    Ok(Loaded { tenant: tenant.clone(), family_id: person.family_id, person, plan, hidden: 0 })
}

impl Loaded {
    /// The audit event for reading this plan: a read of the person.
    pub fn read_event(&self, meta: &RequestMeta, actor: &Actor, how: &str) -> crate::store::audit::AuditEvent {
        meta.event(
            actor,
            AuditAction::Read,
            AuditEntity::Person,
            Some(self.person.id),
            format!("Min plan ({how}, sprog {}, version {})", self.plan.language, self.plan.plan_version),
        )
    }
}
