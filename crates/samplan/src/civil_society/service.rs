//! The service functions the pages and the API share: who the actor is to civil society
//! (staff of the municipality, or a volunteer coordinator of one organisation), input
//! checks naming each field, tenancy, and the audit of every read and change of a
//! person. This file is long because it is the one place these rules live.
use super::fritidspas::{self, Application, Settings};
use super::matching::{self, Busy, Candidate, OfferMatch, Seeker};
use super::sharing::{self, ReferralView};
use super::{
    OfferKind, OrganisationKind, ParticipationKind, ParticipationStatus, Window, kroner, parse_cvr, parse_postal_code, parse_slots, postal_area, stored_slots,
};
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::{FieldError, LanguageList, Role, Sex};
use crate::error::AppError;
use crate::store::Tenant;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::civil_society::*;
use serde::{Deserialize, Serialize};

/// Who the actor is to civil society.
#[derive(Debug, Clone, PartialEq)]
pub enum Who {
    /// Staff of the municipality.
    Staff {
        /// The municipality.
        tenant: Tenant,
        /// Their role.
        role: Role,
    },
    /// A volunteer coordinator of one organisation.
    Organisation {
        /// The municipality.
        tenant: Tenant,
        /// The organisation.
        organisation_id: i64,
        /// The organisation is the municipality's volunteer centre (keeps the registry).
        centre: bool,
    },
}

impl Who {
    /// The municipality.
    pub fn tenant(&self) -> &Tenant {
        match self {
            Who::Staff { tenant, .. } | Who::Organisation { tenant, .. } => tenant,
        }
    }

    /// The municipality code.
    pub fn code(&self) -> &str {
        self.tenant().code()
    }

    /// Reads every organisation and offer of the municipality.
    pub fn reads_all(&self) -> bool {
        matches!(self, Who::Staff { .. } | Who::Organisation { centre: true, .. })
    }

    /// The organisation of an organisation's user (not the volunteer centre).
    pub fn own(&self) -> Option<i64> {
        match self {
            Who::Organisation { organisation_id, centre: false, .. } => Some(*organisation_id),
            _ => None,
        }
    }

    /// May read organisation `id` (others answer 404).
    pub fn reads(&self, id: i64) -> bool {
        self.reads_all() || matches!(self, Who::Organisation { organisation_id, .. } if *organisation_id == id)
    }

    /// May create organisations and change any of them.
    pub fn keeps_registry(&self) -> bool {
        match self {
            Who::Staff { role, .. } => matches!(role, Role::Caseworker | Role::Coordinator | Role::Manager | Role::Admin),
            Who::Organisation { centre, .. } => *centre,
        }
    }

    /// May change organisation `id` and its offers.
    pub fn edits(&self, id: i64) -> bool {
        self.keeps_registry() || matches!(self, Who::Organisation { organisation_id, .. } if *organisation_id == id)
    }
}

/// Works out who the actor is. Citizens and the national secretariat have no part here;
/// a volunteer coordinator not yet linked to an organisation is told so.
/// The municipality whose civil society `actor` works with: every user of a municipality
/// but a citizen (an organisation's user only once linked to its organisation, see [`who`]).
pub fn municipality(actor: &Actor) -> Result<Tenant, AppError> {
    actor.tenant().filter(|_| !actor.role.is_citizen()).ok_or_else(AppError::forbidden)
}

pub async fn who(state: &AppState, actor: &Actor) -> Result<Who, AppError> {
    let tenant = municipality(actor)?;
    if actor.role != Role::VolunteerCoordinator {
        return Ok(Who::Staff { tenant, role: actor.role });
    }
    let org = state.store.organisation_of_user(&tenant, actor.user.id).await?.ok_or_else(|| {
        AppError::Forbidden("din bruger er ikke knyttet til en organisation endnu; bed kommunens administrator om at knytte dig til din forening".into())
    })?;
    let centre = state.store.organisation(&tenant, org).await?.is_some_and(|o| o.kind == OrganisationKind::VolunteerCentre.code());
    Ok(Who::Organisation { tenant, organisation_id: org, centre })
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

const MAX_TEXT: usize = 2000;

fn text(errors: &mut Vec<FieldError>, field: &'static str, raw: &str, required: bool, max: usize) -> String {
    let t = raw.trim();
    if required && t.is_empty() {
        errors.push(FieldError::new(field, "skal udfyldes"));
    }
    if t.chars().count() > max {
        errors.push(FieldError::new(field, format!("må højst have {max} tegn")));
    }
    t.to_string()
}

fn number(errors: &mut Vec<FieldError>, field: &'static str, raw: &str, min: i64, max: i64, default: Option<i64>) -> i64 {
    let t = raw.trim().replace('.', "");
    if t.is_empty() {
        if let Some(d) = default {
            return d;
        }
        errors.push(FieldError::new(field, "skal udfyldes"));
        return min;
    }
    match t.parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => n,
        Ok(_) => {
            errors.push(FieldError::new(field, format!("skal være mellem {min} og {max}")));
            min
        }
        Err(_) => {
            errors.push(FieldError::new(field, format!("«{raw}» er ikke et helt tal")));
            min
        }
    }
}

// ---------------------------------------------------------------- organisations

/// An organisation as given in a form or JSON body.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganisationInput {
    /// Kind: `association`, `volunteer_group`, `housing_association`, `business`, `faith_or_cultural`, `volunteer_centre`.
    #[serde(default)]
    #[schema(value_type = super::OrganisationKind, required = true)]
    pub kind: String,
    /// Name.
    #[serde(default)]
    #[schema(required = true, max_length = 200, pattern = r"\S")]
    pub name: String,
    /// CVR number (8 digits, the first not 0, modulus-11 checked; `DK` before it and
    /// spaces are allowed, which the pattern leaves out); empty when it has none.
    #[serde(default)]
    #[schema(pattern = "^([1-9][0-9]{7})?$")]
    pub cvr: String,
    /// What it does.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub description: String,
    /// Postal code: 4 digits of the reference data's areas, or empty.
    #[serde(default)]
    #[schema(pattern = "^([0-9]{4})?$")]
    pub postal_code: String,
    /// Street address.
    #[serde(default)]
    #[schema(max_length = 200)]
    pub street: String,
    /// E-mail: an address with `@`, or empty.
    #[serde(default)]
    #[schema(max_length = 200, pattern = r"^\s*$|@")]
    pub email: String,
    /// Phone.
    #[serde(default)]
    #[schema(max_length = 40)]
    pub phone: String,
}

impl OrganisationInput {
    /// Checks every field.
    pub fn check(&self) -> Result<OrganisationFields, Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = OrganisationKind::parse(&self.kind).map_err(|e| errors.push(e)).ok();
        let name = text(&mut errors, "name", &self.name, true, 200);
        let cvr = parse_cvr(&self.cvr).map_err(|e| errors.push(e)).ok().flatten();
        let description = text(&mut errors, "description", &self.description, false, MAX_TEXT);
        let postal_code =
            if self.postal_code.trim().is_empty() { None } else { parse_postal_code("postal_code", &self.postal_code).map_err(|e| errors.push(e)).ok() };
        let street = text(&mut errors, "street", &self.street, false, 200);
        let email = text(&mut errors, "email", &self.email, false, 200);
        if !email.is_empty() && !email.contains('@') {
            errors.push(FieldError::new("email", format!("«{email}» er ikke en e-mailadresse")));
        }
        let phone = text(&mut errors, "phone", &self.phone, false, 40);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(OrganisationFields { kind: kind.expect("checked").code().into(), name, cvr, description, postal_code, street, email, phone })
    }
}

/// An organisation as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OrganisationView {
    /// Id.
    pub id: i64,
    /// Kind code.
    pub kind: String,
    /// Kind in Danish.
    pub kind_label: String,
    /// Name.
    pub name: String,
    /// CVR number.
    pub cvr: Option<String>,
    /// Description.
    pub description: String,
    /// Postal code.
    pub postal_code: Option<String>,
    /// Town of the postal code.
    pub town: Option<String>,
    /// Street.
    pub street: String,
    /// E-mail.
    pub email: String,
    /// Phone.
    pub phone: String,
}

impl From<OrganisationRow> for OrganisationView {
    fn from(r: OrganisationRow) -> Self {
        OrganisationView {
            id: r.id,
            kind_label: OrganisationKind::parse(&r.kind).map_or("", |k| k.label()).into(),
            kind: r.kind,
            name: r.name,
            cvr: r.cvr,
            description: r.description,
            town: r.postal_code.as_deref().and_then(postal_area).map(|a| a.name.clone()),
            postal_code: r.postal_code,
            street: r.street,
            email: r.email,
            phone: r.phone,
        }
    }
}

/// Organisations the actor may read, by name: the window's rows and one more when
/// another page follows.
pub async fn organisations(state: &AppState, actor: &Actor, kind: Option<&str>, q: &str, window: Window) -> Result<Vec<OrganisationView>, AppError> {
    let who = who(state, actor).await?;
    if let Some(own) = who.own() {
        let row = state.store.organisation(who.tenant(), own).await?.ok_or(AppError::NotFound("organisationen"))?;
        return Ok(if window.offset == 0 { vec![row.into()] } else { Vec::new() });
    }
    let kind = kind.filter(|k| !k.is_empty()).map(OrganisationKind::parse).transpose()?.map(|k| k.code());
    let rows = state.store.organisations(who.tenant(), kind, q, window.fetch(), window.offset).await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// One organisation with its contact persons and users.
pub struct OrganisationDetail {
    /// The organisation.
    pub organisation: OrganisationView,
    /// Contact persons.
    pub contacts: Vec<ContactRow>,
    /// Its users.
    pub users: Vec<OrganisationUserRow>,
}

/// One organisation the actor may read; 404 otherwise.
pub async fn organisation(state: &AppState, actor: &Actor, id: i64) -> Result<OrganisationDetail, AppError> {
    let who = who(state, actor).await?;
    if !who.reads(id) {
        return Err(AppError::NotFound("organisationen"));
    }
    let row = state.store.organisation(who.tenant(), id).await?.ok_or(AppError::NotFound("organisationen"))?;
    Ok(OrganisationDetail {
        organisation: row.into(),
        contacts: state.store.contacts(who.tenant(), id).await?,
        users: state.store.organisation_users(who.tenant(), id).await?,
    })
}

/// Who the caller is when they keep the registry of organisations (403): checked before
/// a new organisation is read.
pub async fn registry_keeper(state: &AppState, actor: &Actor) -> Result<Who, AppError> {
    let who = who(state, actor).await?;
    if !who.keeps_registry() {
        return Err(AppError::Forbidden("kun kommunens medarbejdere og frivilligcentret kan oprette organisationer".into()));
    }
    Ok(who)
}

/// Registers an organisation.
pub async fn create_organisation(state: &AppState, actor: &Actor, meta: &RequestMeta, input: &OrganisationInput) -> Result<OrganisationView, AppError> {
    let who = registry_keeper(state, actor).await?;
    let fields = input.check().map_err(AppError::Invalid)?;
    let id = state.store.create_organisation(who.tenant(), &fields).await?;
    record(state, vec![meta.event(actor, AuditAction::Create, AuditEntity::Organisation, Some(id), format!("organisation oprettet: {}", fields.name))]).await?;
    Ok(state.store.organisation(who.tenant(), id).await?.ok_or(AppError::NotFound("organisationen"))?.into())
}

/// The stored fields of an organisation, to compare a submitted form with.
fn stored_organisation(r: &OrganisationRow) -> OrganisationFields {
    OrganisationFields {
        kind: r.kind.clone(),
        name: r.name.clone(),
        cvr: r.cvr.clone(),
        description: r.description.clone(),
        postal_code: r.postal_code.clone(),
        street: r.street.clone(),
        email: r.email.clone(),
        phone: r.phone.clone(),
    }
}

/// Organisation `id` for a caller who reads it (404) and may change it (403): checked
/// before the change is read.
pub async fn editable_organisation(state: &AppState, actor: &Actor, id: i64) -> Result<(Who, crate::store::civil_society::OrganisationRow), AppError> {
    let who = who(state, actor).await?;
    if !who.reads(id) {
        return Err(AppError::NotFound("organisationen"));
    }
    let old = state.store.organisation(who.tenant(), id).await?.ok_or(AppError::NotFound("organisationen"))?;
    if !who.edits(id) {
        return Err(AppError::Forbidden("din rolle må ikke ændre organisationer".into()));
    }
    Ok((who, old))
}

/// Changes an organisation; the organisation and whether anything changed. A submit
/// that changes nothing (the same values, as checked) writes nothing and is not audited.
pub async fn update_organisation(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    input: &OrganisationInput,
) -> Result<(OrganisationView, bool), AppError> {
    let (who, old) = editable_organisation(state, actor, id).await?;
    let fields = input.check().map_err(AppError::Invalid)?;
    if fields == stored_organisation(&old) {
        return Ok((old.into(), false));
    }
    if who.own().is_some() && fields.kind == OrganisationKind::VolunteerCentre.code() {
        return Err(FieldError::new("kind", "kun kommunen kan gøre en organisation til frivilligcenter").into());
    }
    if !state.store.update_organisation(who.tenant(), id, &fields).await? {
        return Err(AppError::NotFound("organisationen"));
    }
    record(state, vec![meta.event(actor, AuditAction::Update, AuditEntity::Organisation, Some(id), format!("organisation ændret: {}", fields.name))]).await?;
    Ok((state.store.organisation(who.tenant(), id).await?.ok_or(AppError::NotFound("organisationen"))?.into(), true))
}

/// A contact person as given.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[schema(as = OrganisationContactInput)]
#[serde(deny_unknown_fields)]
pub struct ContactInput {
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Title or task.
    #[serde(default)]
    pub title: String,
    /// E-mail.
    #[serde(default)]
    pub email: String,
    /// Phone.
    #[serde(default)]
    pub phone: String,
}

/// Adds a contact person.
pub async fn add_contact(state: &AppState, actor: &Actor, meta: &RequestMeta, organisation_id: i64, c: &ContactInput) -> Result<i64, AppError> {
    let who = who(state, actor).await?;
    if !who.reads(organisation_id) || state.store.organisation(who.tenant(), organisation_id).await?.is_none() {
        return Err(AppError::NotFound("organisationen"));
    }
    if !who.edits(organisation_id) {
        return Err(AppError::Forbidden("din rolle må ikke ændre organisationer".into()));
    }
    let mut errors = Vec::new();
    let name = text(&mut errors, "name", &c.name, true, 200);
    let title = text(&mut errors, "title", &c.title, false, 200);
    let email = text(&mut errors, "email", &c.email, false, 200);
    let phone = text(&mut errors, "phone", &c.phone, false, 40);
    if email.is_empty() && phone.is_empty() {
        errors.push(FieldError::new("phone", "skriv telefon eller e-mail, så kontaktpersonen kan nås"));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let id = state.store.add_contact(who.tenant(), organisation_id, &name, &title, &email, &phone).await?;
    record(state, vec![meta.event(actor, AuditAction::Update, AuditEntity::Organisation, Some(organisation_id), format!("kontaktperson tilføjet: {name}"))])
        .await?;
    Ok(id)
}

/// Links a volunteer coordinator's login to an organisation (administrators only).
pub async fn link_user(state: &AppState, actor: &Actor, meta: &RequestMeta, organisation_id: i64, login: &str) -> Result<(), AppError> {
    let tenant = actor.administrator()?;
    state.store.organisation(&tenant, organisation_id).await?.ok_or(AppError::NotFound("organisationen"))?;
    let user = state.store.user_by_login(login.trim()).await?.filter(|u| u.municipality_code.as_deref() == Some(tenant.code()));
    let Some(user) = user else {
        return Err(FieldError::new("login", format!("der er ingen bruger «{}» i kommunen", login.trim())).into());
    };
    if user.role().is_none_or(|r| r != Role::VolunteerCoordinator) {
        return Err(FieldError::new("login", "kun brugere med rollen frivilligkoordinator kan knyttes til en organisation").into());
    }
    state.store.set_organisation_user(&tenant, user.id, organisation_id).await?;
    record(
        state,
        vec![meta.event(
            actor,
            AuditAction::Update,
            AuditEntity::Organisation,
            Some(organisation_id),
            format!("bruger {} knyttet til organisationen", user.login),
        )],
    )
    .await?;
    Ok(())
}

// ---------------------------------------------------------------- offers

/// An offer as given in a form (all text) or built from the JSON body.
#[derive(Debug, Clone, Default)]
pub struct OfferForm {
    /// Organisation id (creating only).
    pub organisation_id: String,
    /// Kind.
    pub kind: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Topics, comma-separated.
    pub topics: String,
    /// Youngest age.
    pub min_age: String,
    /// Oldest age.
    pub max_age: String,
    /// `female`, `male` or empty.
    pub sex: String,
    /// Postal code.
    pub postal_code: String,
    /// Street address.
    pub street: String,
    /// Language codes.
    pub languages: String,
    /// Weekly times.
    pub slots: String,
    /// Price per year.
    pub price_kr: String,
    /// Seats.
    pub seats: String,
    /// Fritidspas can pay.
    pub fritidspas: bool,
    /// Offered now.
    pub active: bool,
}

/// An offer as given in a JSON body.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OfferInput {
    /// The organisation (when creating; ignored when changing).
    #[serde(default)]
    pub organisation_id: Option<i64>,
    /// Kind: `activity`, `mentor`, `homework_help`, `sports_leisure`, `language_cafe`.
    #[schema(value_type = super::OfferKind)]
    pub kind: String,
    /// Title.
    pub title: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Topic words, comma-separated (`fodbold, svømning`).
    #[serde(default)]
    pub topics: String,
    /// Youngest age.
    pub min_age: i64,
    /// Oldest age.
    pub max_age: i64,
    /// `female` or `male` when limited to one sex.
    #[serde(default)]
    pub sex: Option<String>,
    /// Postal code where it takes place.
    pub postal_code: String,
    /// Street address.
    #[serde(default)]
    pub street: String,
    /// Language codes, comma-separated (`da,ar`).
    pub languages: String,
    /// Weekly times: `1 16:00-17:30; 3 16:00-17:30` (1 = Monday).
    #[serde(default)]
    pub slots: String,
    /// Price per year (kr).
    pub price_kr: i64,
    /// Seats.
    pub seats: i64,
    /// Fritidspas can pay for it.
    #[serde(default)]
    pub fritidspas: bool,
    /// Offered now (default true).
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

impl From<OfferInput> for OfferForm {
    fn from(i: OfferInput) -> Self {
        OfferForm {
            organisation_id: i.organisation_id.map(|n| n.to_string()).unwrap_or_default(),
            kind: i.kind,
            title: i.title,
            description: i.description,
            topics: i.topics,
            min_age: i.min_age.to_string(),
            max_age: i.max_age.to_string(),
            sex: i.sex.unwrap_or_default(),
            postal_code: i.postal_code,
            street: i.street,
            languages: i.languages,
            slots: i.slots,
            price_kr: i.price_kr.to_string(),
            seats: i.seats.to_string(),
            fritidspas: i.fritidspas,
            active: i.active,
        }
    }
}

impl OfferForm {
    /// Checks every field.
    pub fn check(&self) -> Result<OfferFields, Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = OfferKind::parse(&self.kind).map_err(|e| errors.push(e)).ok();
        let title = text(&mut errors, "title", &self.title, true, 200);
        let description = text(&mut errors, "description", &self.description, false, MAX_TEXT);
        let topics = text(&mut errors, "topics", &self.topics, false, 500);
        let topics = topics.split(',').map(|t| t.trim().to_lowercase()).filter(|t| !t.is_empty()).collect::<Vec<_>>().join(",");
        let min_age = number(&mut errors, "min_age", &self.min_age, 0, 120, Some(0));
        let max_age = number(&mut errors, "max_age", &self.max_age, 0, 120, Some(120));
        if min_age > max_age {
            errors.push(FieldError::new("max_age", format!("den højeste alder ({max_age}) er lavere end den laveste ({min_age})")));
        }
        let sex = match self.sex.trim() {
            "" => None,
            s => Sex::parse(s).map_err(|e| errors.push(e)).ok().map(|s| s.code().to_string()),
        };
        let postal_code = parse_postal_code("postal_code", &self.postal_code).map_err(|e| errors.push(e)).ok();
        let street = text(&mut errors, "street", &self.street, false, 200);
        let languages = if self.languages.trim().is_empty() {
            errors.push(FieldError::new("languages", "skriv mindst ét sprog, der tales (sprogkode, fx da)"));
            None
        } else {
            LanguageList::parse(&self.languages).map_err(|e| errors.push(e)).ok()
        };
        let slots = parse_slots(&self.slots).map_err(|e| errors.push(e)).ok();
        let price_kr = number(&mut errors, "price_kr", &self.price_kr, 0, 1_000_000, Some(0));
        let seats = number(&mut errors, "seats", &self.seats, 0, 100_000, None);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(OfferFields {
            kind: kind.expect("checked").code().into(),
            title,
            description,
            topics,
            min_age,
            max_age,
            sex,
            postal_code: postal_code.expect("checked"),
            street,
            languages: languages.expect("checked").stored(),
            slots: stored_slots(&slots.expect("checked")),
            price_kr,
            seats,
            fritidspas: self.fritidspas,
            active: self.active,
        })
    }
}

/// An offer as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OfferView {
    /// Id.
    pub id: i64,
    /// The organisation.
    pub organisation_id: i64,
    /// Its name.
    pub organisation_name: String,
    /// Kind code.
    pub kind: String,
    /// Kind in Danish.
    pub kind_label: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Topic words.
    pub topics: Vec<String>,
    /// Youngest age.
    pub min_age: i64,
    /// Oldest age.
    pub max_age: i64,
    /// Sex limit.
    pub sex: Option<String>,
    /// Postal code.
    pub postal_code: String,
    /// Town of the postal code.
    pub town: String,
    /// Street address.
    pub street: String,
    /// Language codes.
    pub languages: Vec<String>,
    /// Weekly times as stored (`1 16:00-17:30;…`).
    pub slots: String,
    /// Weekly times in Danish.
    pub times: Vec<String>,
    /// Price per year (kr).
    pub price_kr: i64,
    /// Seats.
    pub seats: i64,
    /// Fritidspas can pay.
    pub fritidspas: bool,
    /// Offered now.
    pub active: bool,
}

impl From<OfferRow> for OfferView {
    fn from(r: OfferRow) -> Self {
        let list = |s: &str| s.split(',').filter(|x| !x.is_empty()).map(str::to_string).collect();
        OfferView {
            id: r.id,
            organisation_id: r.organisation_id,
            organisation_name: r.organisation_name,
            kind_label: OfferKind::parse(&r.kind).map_or("", |k| k.label()).into(),
            kind: r.kind,
            title: r.title,
            description: r.description,
            topics: list(&r.topics),
            min_age: r.min_age,
            max_age: r.max_age,
            sex: r.sex,
            town: postal_area(&r.postal_code).map(|a| a.name.clone()).unwrap_or_default(),
            postal_code: r.postal_code,
            street: r.street,
            languages: list(&r.languages),
            times: parse_slots(&r.slots).unwrap_or_default().iter().map(super::Slot::label).collect(),
            slots: r.slots,
            price_kr: r.price_kr,
            seats: r.seats,
            fritidspas: r.fritidspas == 1,
            active: r.active == 1,
        }
    }
}

impl OfferView {
    /// The languages spoken, in Danish (`dansk, arabisk`).
    pub fn language_names(&self) -> String {
        self.languages.iter().map(|l| crate::domain::person::language_name(l)).collect::<Vec<_>>().join(", ")
    }

    /// The price as Danes write it (`1.200 kr.`).
    pub fn price(&self) -> String {
        kroner(self.price_kr)
    }

    /// The form values of this offer.
    pub fn form(&self) -> OfferForm {
        OfferForm {
            organisation_id: self.organisation_id.to_string(),
            kind: self.kind.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            topics: self.topics.join(", "),
            min_age: self.min_age.to_string(),
            max_age: self.max_age.to_string(),
            sex: self.sex.clone().unwrap_or_default(),
            postal_code: self.postal_code.clone(),
            street: self.street.clone(),
            languages: self.languages.join(","),
            slots: self.slots.replace(';', "; "),
            price_kr: self.price_kr.to_string(),
            seats: self.seats.to_string(),
            fritidspas: self.fritidspas,
            active: self.active,
        }
    }
}

/// Offers the actor may read, as filtered: the window's rows and one more when another
/// page follows.
pub async fn offers(state: &AppState, actor: &Actor, mut filter: OfferFilter, window: Window) -> Result<Vec<OfferView>, AppError> {
    let who = who(state, actor).await?;
    if let Some(own) = who.own() {
        filter.organisation_id = Some(own);
    }
    if let Some(k) = filter.kind.as_deref().filter(|k| !k.is_empty()) {
        OfferKind::parse(k)?;
    }
    let rows = state.store.offers(who.tenant(), &filter, window.fetch(), window.offset).await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// One offer the actor may read; 404 otherwise.
pub async fn offer(state: &AppState, actor: &Actor, id: i64) -> Result<OfferView, AppError> {
    let who = who(state, actor).await?;
    let row = state.store.offer(who.tenant(), id).await?.filter(|o| who.reads(o.organisation_id)).ok_or(AppError::NotFound("tilbuddet"))?;
    Ok(row.into())
}

/// Creates an offer for an organisation the actor may change.
pub async fn create_offer(state: &AppState, actor: &Actor, meta: &RequestMeta, form: &OfferForm) -> Result<OfferView, AppError> {
    let who = offer_creator(state, actor).await?;
    let mut errors = Vec::new();
    let org = match who.own() {
        // An organisation's user offers only through its own organisation; another one
        // (of this municipality or another) is unknown to them, as on every read.
        Some(own) if form.organisation_id.trim().parse::<i64>().is_ok_and(|id| id != own) => return Err(AppError::NotFound("organisationen")),
        Some(own) => Some(own),
        None => match form.organisation_id.trim().parse::<i64>() {
            Ok(id) if state.store.organisation(who.tenant(), id).await?.is_some() => Some(id),
            _ => {
                errors.push(FieldError::new("organisation_id", "vælg den organisation, der giver tilbuddet"));
                None
            }
        },
    };
    let fields = form.check().map_err(|e| errors.extend(e)).ok();
    let (Some(org), Some(fields)) = (org, fields) else { return Err(AppError::Invalid(errors)) };
    if !who.edits(org) {
        return Err(AppError::Forbidden("din rolle må ikke oprette tilbud".into()));
    }
    let id = state.store.create_offer(who.tenant(), org, &fields).await?;
    record(state, vec![meta.event(actor, AuditAction::Create, AuditEntity::Offer, Some(id), format!("tilbud oprettet: {}", fields.title))]).await?;
    offer(state, actor, id).await
}

/// Who the caller is when they may offer through some organisation: they keep the
/// registry, or are an organisation's own user (403). Checked before the offer is read.
pub async fn offer_creator(state: &AppState, actor: &Actor) -> Result<Who, AppError> {
    let who = who(state, actor).await?;
    if !who.keeps_registry() && who.own().is_none() {
        return Err(AppError::Forbidden("din rolle må ikke oprette tilbud".into()));
    }
    Ok(who)
}

/// Offer `id` for a caller who may read it (404) and change it (403): checked before the
/// change is read.
pub async fn editable_offer(state: &AppState, actor: &Actor, id: i64) -> Result<(Who, OfferView), AppError> {
    let who = who(state, actor).await?;
    let old = offer(state, actor, id).await?;
    if !who.edits(old.organisation_id) {
        return Err(AppError::Forbidden("din rolle må ikke ændre tilbud".into()));
    }
    Ok((who, old))
}

/// Changes an offer; the offer and whether anything changed. A submit that changes
/// nothing (the same values, as checked) writes nothing and is not audited.
pub async fn update_offer(state: &AppState, actor: &Actor, meta: &RequestMeta, id: i64, form: &OfferForm) -> Result<(OfferView, bool), AppError> {
    let (who, old) = editable_offer(state, actor, id).await?;
    let fields = form.check().map_err(AppError::Invalid)?;
    if old.form().check().is_ok_and(|stored| stored == fields) {
        return Ok((old, false));
    }
    state.store.update_offer(who.tenant(), id, &fields).await?;
    record(state, vec![meta.event(actor, AuditAction::Update, AuditEntity::Offer, Some(id), format!("tilbud ændret: {}", fields.title))]).await?;
    Ok((offer(state, actor, id).await?, true))
}

// ---------------------------------------------------------------- referrals

/// A referral as given.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[schema(as = OfferReferralInput)]
#[serde(deny_unknown_fields)]
pub struct ReferralInput {
    /// The person referred.
    #[serde(default)]
    pub person_id: i64,
    /// The person's live consent that names the organisation.
    #[serde(default)]
    pub consent_id: i64,
    /// The organisation.
    #[serde(default)]
    pub organisation_id: i64,
    /// The offer, if one.
    #[serde(default)]
    pub offer_id: Option<i64>,
    /// Fields to share beyond the minimum (`name`, `contact` always): `age`, `languages`, `address`, `interests`.
    #[serde(default)]
    pub shared: Vec<String>,
    /// How the organisation can reach the person (phone or e-mail the person agreed to give).
    #[serde(default)]
    pub contact: String,
    /// Interests and wishes (shared only with the field `interests`).
    #[serde(default)]
    pub note: String,
}

/// Refers a person to an organisation (caseworkers and coordinators).
pub async fn create_referral(state: &AppState, actor: &Actor, meta: &RequestMeta, input: &ReferralInput) -> Result<ReferralView, AppError> {
    let tenant = actor.person_writer()?;
    let access = actor.person_access(&state.store).await?;
    access.person(&state.store, input.person_id).await?;
    let mut errors = Vec::new();
    let day = crate::deadlines::today();
    let consent = state.store.consents(&tenant, input.person_id).await?.into_iter().find(|c| c.id == input.consent_id);
    let consent = match consent {
        None => {
            errors.push(FieldError::new("consent_id", "vælg personens samtykke til at dele med organisationen"));
            None
        }
        Some(c) if c.withdrawn_at.is_some() || c.given_on > day => {
            errors.push(FieldError::new("consent_id", "samtykket gælder ikke (trukket tilbage eller endnu ikke givet)"));
            None
        }
        Some(c) => Some(c),
    };
    let org = state.store.organisation(&tenant, input.organisation_id).await?;
    if org.is_none() {
        errors.push(FieldError::new("organisation_id", "vælg den organisation, personen henvises til"));
    }
    // The consent must name this organisation; its scopes for it are what may be shared.
    let named = match (&consent, &org) {
        (Some(c), Some(o)) => {
            let named =
                state.store.consent_organisations(&tenant, input.person_id).await?.into_iter().find(|n| n.consent_id == c.id && n.organisation_id == o.id);
            if named.is_none() {
                errors.push(FieldError::new("consent_id", format!("samtykket nævner ikke «{}»; optag et samtykke, der nævner organisationen", o.name)));
            }
            named
        }
        _ => None,
    };
    if let Some(offer_id) = input.offer_id
        && state.store.offer(&tenant, offer_id).await?.is_none_or(|o| o.organisation_id != input.organisation_id)
    {
        errors.push(FieldError::new("offer_id", "tilbuddet hører ikke til den valgte organisation"));
    }
    let fields = match &named {
        Some(n) => sharing::check_fields(&input.shared, &n.scopes).map_err(|e| errors.push(e)).ok(),
        None => None,
    };
    let contact = text(&mut errors, "contact", &input.contact, false, 300);
    if contact.is_empty() {
        errors.push(FieldError::new(
            "contact",
            "skriv hvordan organisationen kan kontakte personen (telefon eller e-mail, som personen har sagt ja til at give)",
        ));
    }
    let note = text(&mut errors, "note", &input.note, false, MAX_TEXT);
    if fields.as_ref().is_some_and(|f| f.contains(&sharing::SharedField::Interests)) && note.is_empty() {
        errors.push(FieldError::new("note", "skriv interesserne, når de skal deles"));
    }
    let (Some(fields), Some(org), true) = (fields, org, errors.is_empty()) else { return Err(AppError::Invalid(errors)) };
    // Interests are stored only when they are shared.
    let note = if fields.contains(&sharing::SharedField::Interests) { note } else { String::new() };
    let new = NewReferral {
        person_id: input.person_id,
        consent_id: input.consent_id,
        organisation_id: org.id,
        offer_id: input.offer_id,
        shared: sharing::stored(&fields),
        contact,
        note,
    };
    let id = state.store.create_offer_referral(&tenant, actor.user.id, &new).await?;
    let names = fields.iter().map(|f| f.label()).collect::<Vec<_>>().join(", ");
    record(
        state,
        vec![meta.event(
            actor,
            AuditAction::Share,
            AuditEntity::Person,
            Some(input.person_id),
            format!("henvist til {} (henvisning {id}); deler: {names}; samtykke {}", org.name, input.consent_id),
        )],
    )
    .await?;
    let row = state.store.offer_referral(&tenant, id, day).await?.ok_or(AppError::NotFound("henvisningen"))?;
    Ok(sharing::view(&row, true, today()))
}

/// Whether the actor may see referrals as staff (caseworkers and coordinators, who
/// reach every person of the municipality).
fn referring_staff(who: &Who) -> bool {
    matches!(who, Who::Staff { role: Role::Caseworker | Role::Coordinator, .. })
}

/// Referrals the actor may see: all of the municipality's for caseworkers and
/// coordinators (optionally of one person), those sent to their organisation for an
/// organisation's user: the window's rows and one more when another page follows. Every
/// person shown in the page is audited.
pub async fn referrals(state: &AppState, actor: &Actor, meta: &RequestMeta, mut filter: ReferralFilter, window: Window) -> Result<Vec<ReferralView>, AppError> {
    let who = who(state, actor).await?;
    let staff = referring_staff(&who);
    match &who {
        Who::Organisation { organisation_id, .. } => {
            filter = ReferralFilter { organisation_id: Some(*organisation_id), person_id: None };
        }
        _ if staff => {}
        _ => return Err(AppError::Forbidden("kun sagsbehandlere og koordinatorer ser henvisninger til foreninger".into())),
    }
    let day = today();
    let rows = state.store.offer_referrals(who.tenant(), &filter, crate::deadlines::today(), window.fetch(), window.offset).await?;
    let views: Vec<ReferralView> = rows.iter().map(|r| sharing::view(r, staff, day)).collect();
    let shown = window.shown(&rows).iter().zip(&views).filter(|(_, v)| !v.shared.is_empty()).map(|(r, _)| r.person_id);
    record(state, meta.person_reads(actor, shown, "henvisninger til foreninger")).await?;
    Ok(views)
}

/// One referral the actor may see; 404 otherwise (also another organisation's).
pub async fn referral(state: &AppState, actor: &Actor, meta: &RequestMeta, id: i64) -> Result<(ReferralView, Vec<ParticipationRow>), AppError> {
    let who = who(state, actor).await?;
    let staff = referring_staff(&who);
    let row = state.store.offer_referral(who.tenant(), id, crate::deadlines::today()).await?.ok_or(AppError::NotFound("henvisningen"))?;
    let allowed = staff || matches!(who, Who::Organisation { organisation_id, .. } if organisation_id == row.organisation_id);
    if !allowed {
        return Err(AppError::NotFound("henvisningen"));
    }
    let view = sharing::view(&row, staff, today());
    if !view.shared.is_empty() {
        record(
            state,
            vec![meta.event(actor, AuditAction::Read, AuditEntity::Person, Some(row.person_id), format!("henvisning {id} til {}", row.organisation_name))],
        )
        .await?;
    }
    let participations = if view.consent_live || staff { state.store.referral_participations(who.tenant(), &[id]).await? } else { Vec::new() };
    Ok((view, participations))
}

/// The organisation's answer: `accepted` or `declined`.
pub async fn answer_referral(state: &AppState, actor: &Actor, meta: &RequestMeta, id: i64, status: &str) -> Result<ReferralView, AppError> {
    let (who, row) = answerable_referral(state, actor, id).await?;
    let Who::Organisation { organisation_id, .. } = who else { unreachable!("only an organisation answers") };
    if !matches!(status, "accepted" | "declined") {
        return Err(FieldError::new("status", format!("«{status}» er ikke et svar; brug accepted (tag imod) eller declined (afvis)")).into());
    }
    state.store.answer_offer_referral(who.tenant(), id, organisation_id, status).await?;
    record(
        state,
        vec![meta.event(actor, AuditAction::Update, AuditEntity::Person, Some(row.person_id), format!("henvisning {id}: {}", sharing::status_label(status)))],
    )
    .await?;
    Ok(referral(state, actor, meta, id).await?.0)
}

/// Who may answer referral `id`, and the referral: an organisation's user (403) to whose
/// organisation it was sent (404). Checked before the answer is read.
pub async fn answerable_referral(state: &AppState, actor: &Actor, id: i64) -> Result<(Who, crate::store::civil_society::ReferralRow), AppError> {
    let who = who(state, actor).await?;
    let Who::Organisation { organisation_id, .. } = who else {
        return Err(AppError::Forbidden("kun organisationen svarer på en henvisning".into()));
    };
    let row = state
        .store
        .offer_referral(who.tenant(), id, crate::deadlines::today())
        .await?
        .filter(|r| r.organisation_id == organisation_id)
        .ok_or(AppError::NotFound("henvisningen"))?;
    Ok((who, row))
}

// ---------------------------------------------------------------- participation

/// A participation status as given by the organisation (on a referral) or staff.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ParticipationInput {
    /// `started`, `attending`, `member` or `ended`.
    #[serde(default)]
    #[schema(required = true, pattern = "^(started|attending|member|ended)$")]
    pub status: String,
    /// ISO date (today when empty): the first day, or the last when ended.
    #[serde(default)]
    pub date: String,
}

/// A participation as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ParticipationView {
    /// Id.
    pub id: i64,
    /// The organisation.
    pub organisation_id: i64,
    /// Its name.
    pub organisation_name: String,
    /// The offer.
    pub offer_id: Option<i64>,
    /// The referral it came from.
    pub referral_id: Option<i64>,
    /// `participant` or `volunteer`.
    pub kind: String,
    /// The kind in Danish.
    pub kind_label: String,
    /// Status code.
    pub status: String,
    /// The status in Danish.
    pub status_label: String,
    /// First day.
    #[schema(value_type = String)]
    pub from: calendar::Date,
    /// Last day.
    #[schema(value_type = Option<String>)]
    pub to: Option<calendar::Date>,
}

impl From<ParticipationRow> for ParticipationView {
    fn from(r: ParticipationRow) -> Self {
        ParticipationView {
            id: r.id,
            organisation_id: r.organisation_id,
            organisation_name: r.organisation_name,
            offer_id: r.offer_id,
            referral_id: r.referral_id,
            kind_label: ParticipationKind::parse(&r.kind).map_or("", |k| k.label()).into(),
            kind: r.kind,
            status_label: ParticipationStatus::parse(&r.status).map_or("", |k| k.label()).into(),
            status: r.status,
            from: r.from_day,
            to: r.to_day,
        }
    }
}

fn check_day(raw: &str) -> Result<calendar::Date, FieldError> {
    let today = crate::deadlines::today();
    if raw.trim().is_empty() {
        return Ok(today);
    }
    let d = crate::domain::parse_day("date", raw)?;
    if d > today {
        return Err(FieldError::new("date", format!("datoen {} ligger efter i dag; registrér det, når det er sket", d.danish())));
    }
    Ok(d)
}

/// Referral `id` for staff who refer or the organisation it was sent to (404), with
/// whether the caller is that organisation: checked before the participation is read.
pub async fn participation_referral(state: &AppState, actor: &Actor, id: i64) -> Result<(Who, ReferralRow, bool), AppError> {
    let who = who(state, actor).await?;
    let staff = referring_staff(&who);
    let row = state.store.offer_referral(who.tenant(), id, crate::deadlines::today()).await?.ok_or(AppError::NotFound("henvisningen"))?;
    let own = matches!(who, Who::Organisation { organisation_id, .. } if organisation_id == row.organisation_id);
    if !(staff || own) {
        return Err(AppError::NotFound("henvisningen"));
    }
    Ok((who, row, own))
}

/// Records where a referred person stands (the organisation, while the consent is live,
/// or the referring staff).
pub async fn record_referral_participation(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    input: &ParticipationInput,
) -> Result<ParticipationView, AppError> {
    let (who, row, own) = participation_referral(state, actor, id).await?;
    if own && row.consent_live != 1 {
        return Err(AppError::WrongState("samtykket er trukket tilbage; deltagelsen kan ikke længere registreres her".into()));
    }
    let mut errors = Vec::new();
    let status = ParticipationStatus::parse(&input.status).map_err(|e| errors.push(e)).ok();
    let day = check_day(&input.date).map_err(|e| errors.push(e)).ok();
    let (Some(status), Some(day)) = (status, day) else { return Err(AppError::Invalid(errors)) };
    let existing = state.store.referral_participations(who.tenant(), &[id]).await?.into_iter().last();
    let pid = match existing {
        Some(p) if p.status != ParticipationStatus::Ended.code() => {
            if status == ParticipationStatus::Ended && day < p.from_day {
                return Err(FieldError::new("date", format!("slutdatoen {} ligger før startdatoen {}", day.danish(), p.from_day.danish())).into());
            }
            let to = (status == ParticipationStatus::Ended).then_some(day);
            state.store.set_participation_status(who.tenant(), p.id, status.code(), to).await?;
            p.id
        }
        _ => {
            if status == ParticipationStatus::Ended {
                return Err(FieldError::new("status", "der er ingen igangværende deltagelse at afslutte").into());
            }
            let new = NewParticipation {
                person_id: row.person_id,
                organisation_id: row.organisation_id,
                offer_id: row.offer_id,
                referral_id: Some(id),
                kind: ParticipationKind::Participant.code().into(),
                status: status.code().into(),
                from_day: day,
                to_day: None,
            };
            state.store.add_participation(who.tenant(), &new, &actor.user.login).await?
        }
    };
    record(
        state,
        vec![meta.event(
            actor,
            AuditAction::Update,
            AuditEntity::Person,
            Some(row.person_id),
            format!("deltagelse {pid} (henvisning {id}): {} {}", status.label(), day.danish()),
        )],
    )
    .await?;
    let rows = state.store.referral_participations(who.tenant(), &[id]).await?;
    Ok(rows.into_iter().find(|p| p.id == pid).ok_or(AppError::NotFound("deltagelsen"))?.into())
}

/// A participation recorded by staff (e.g. the person's own volunteering).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffParticipationInput {
    /// The organisation.
    #[serde(default)]
    #[schema(required = true, minimum = 1)]
    pub organisation_id: i64,
    /// `participant` or `volunteer`.
    #[serde(default)]
    #[schema(required = true, pattern = "^(participant|volunteer)$")]
    pub kind: String,
    /// `started`, `attending`, `member` or `ended`.
    #[serde(default)]
    #[schema(required = true, pattern = "^(started|attending|member|ended)$")]
    pub status: String,
    /// ISO first day.
    #[serde(default)]
    pub from: String,
    /// ISO last day, when ended.
    #[serde(default)]
    pub to: Option<String>,
}

/// Records a participation or a person's own volunteering (caseworkers and coordinators).
pub async fn add_participation(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    person_id: i64,
    input: &StaffParticipationInput,
) -> Result<ParticipationView, AppError> {
    let tenant = actor.person_writer()?;
    let person = state.store.person(&tenant, person_id).await?.ok_or(AppError::NotFound("personen"))?;
    let mut errors = Vec::new();
    if state.store.organisation(&tenant, input.organisation_id).await?.is_none() {
        errors.push(FieldError::new("organisation_id", "vælg organisationen"));
    }
    let kind = ParticipationKind::parse(&input.kind).map_err(|e| errors.push(e)).ok();
    let status = ParticipationStatus::parse(&input.status).map_err(|e| errors.push(e)).ok();
    let from = if input.from.trim().is_empty() {
        errors.push(FieldError::new("from", "startdatoen mangler"));
        None
    } else {
        check_day(&input.from).map_err(|e| errors.push(FieldError::new("from", e.reason))).ok()
    };
    if from.is_some_and(|f| f.to_string() < person.birth_date) {
        errors.push(FieldError::new("from", "startdatoen ligger før personens fødselsdato"));
    }
    let to = match input.to.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        None => None,
        Some(t) => check_day(t).map_err(|e| errors.push(FieldError::new("to", e.reason))).ok(),
    };
    if let (Some(f), Some(t)) = (from, to)
        && t < f
    {
        errors.push(FieldError::new("to", format!("slutdatoen {} ligger før startdatoen {}", t.danish(), f.danish())));
    }
    if status == Some(ParticipationStatus::Ended) && to.is_none() && errors.is_empty() {
        errors.push(FieldError::new("to", "skriv den sidste dag, når deltagelsen er stoppet"));
    }
    let (Some(kind), Some(status), Some(from), true) = (kind, status, from, errors.is_empty()) else { return Err(AppError::Invalid(errors)) };
    let new = NewParticipation {
        person_id,
        organisation_id: input.organisation_id,
        offer_id: None,
        referral_id: None,
        kind: kind.code().into(),
        status: status.code().into(),
        from_day: from,
        to_day: to,
    };
    let id = state.store.add_participation(&tenant, &new, &actor.user.login).await?;
    record(
        state,
        vec![meta.event(
            actor,
            AuditAction::Update,
            AuditEntity::Person,
            Some(person_id),
            format!("deltagelse {id} registreret: {} {} fra {}", kind.code(), status.code(), from.danish()),
        )],
    )
    .await?;
    let row = state.store.participations(&tenant, person_id).await?.into_iter().find(|p| p.id == id).ok_or(AppError::NotFound("deltagelsen"))?;
    Ok(row.into())
}

/// A person's participations (the caller audits the read).
pub async fn participations_of(state: &AppState, tenant: &Tenant, person_id: i64) -> Result<Vec<ParticipationView>, AppError> {
    Ok(state.store.participations(tenant, person_id).await?.into_iter().map(Into::into).collect())
}

// ---------------------------------------------------------------- matching

/// Offers ranked for a person, with reasons; audited as a read of the person.
pub async fn matches(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64, interests: &str) -> Result<Vec<OfferMatch>, AppError> {
    let access = actor.person_access(&state.store).await?;
    let person = access.person(&state.store, person_id).await?;
    let tenant = access.tenant();
    let day = today();
    let family = match person.family_id {
        Some(f) => state.store.family(tenant, f).await?,
        None => None,
    };
    let home = family.as_ref().and_then(|f| f.postal_code.as_deref()).and_then(postal_area).map(|a| a.interior);
    let busy = match person.family_id {
        Some(f) => week(state, actor, f, person_id, day).await?,
        None => Vec::new(),
    };
    let seeker = Seeker {
        age: sharing::age_on(&person.birth_date, day).unwrap_or(0),
        sex: person.sex.clone(),
        languages: person.languages.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect(),
        home,
        interests: interests.split([',', ' ']).map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty()).collect(),
        busy,
    };
    let offers = state.store.active_offers(tenant).await?;
    let taken: std::collections::HashMap<i64, i64> = state.store.seats_taken(tenant).await?.into_iter().collect();
    let candidates: Vec<Candidate> = offers
        .iter()
        .map(|o| Candidate {
            offer: o,
            slots: parse_slots(&o.slots).unwrap_or_default(),
            place: postal_area(&o.postal_code).map(|a| a.interior),
            seats_left: o.seats - taken.get(&o.id).copied().unwrap_or(0),
        })
        .collect();
    let ranked = matching::rank(&seeker, &candidates);
    record(state, vec![meta.event(actor, AuditAction::Read, AuditEntity::Person, Some(person_id), "match til foreningstilbud")]).await?;
    Ok(ranked)
}

/// The person's busy times this week, from the plans schedule (as the viewer may see the plan).
async fn week(state: &AppState, actor: &Actor, family_id: i64, person_id: i64, day: chrono::NaiveDate) -> Result<Vec<Busy>, AppError> {
    use chrono::Datelike;
    let loaded = crate::plans::service::load(state, actor, family_id, None).await?;
    let monday = day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday()));
    let weeks = crate::plans::schedule::family_week(
        &loaded.full,
        &loaded.visible,
        &loaded.members,
        &loaded.places,
        monday,
        crate::plans::schedule::DEFAULT_MAX_WEEKLY_HOURS,
        &crate::plans::schedule::Duty::shipped(),
    );
    Ok(weeks
        .into_iter()
        .filter(|w| w.person_id == person_id)
        .flat_map(|w| w.entries)
        .filter_map(|e| Some(Busy { weekday: e.weekday, from: super::hhmm(&e.from)?, to: super::hhmm(&e.to)?, title: e.title }))
        .collect())
}

// ---------------------------------------------------------------- fritidspas

/// The municipality's settings, or the example until it sets its own.
pub async fn settings(state: &AppState, tenant: &Tenant) -> Result<Settings, AppError> {
    Ok(state.store.fritidspas_settings(tenant).await?.map(Settings::from).unwrap_or_else(fritidspas::example))
}

/// Fritidspas settings as given.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SettingsInput {
    /// Household income limit per year (kr., 0 to 10 000 000; thousands may be separated
    /// by `.`, which the pattern leaves out).
    #[serde(default)]
    #[schema(required = true, pattern = "^([0-9]{1,7}|10000000)$")]
    pub income_limit: String,
    /// Added to the limit per child after the first (kr., 0 to 1 000 000; empty: 0).
    #[serde(default)]
    #[schema(pattern = "^([0-9]{1,6}|1000000)?$")]
    pub extra_per_child: String,
    /// Most per child per year for fees (kr., 0 to 100 000).
    #[serde(default)]
    #[schema(required = true, pattern = "^([0-9]{1,5}|100000)$")]
    pub max_fee: String,
    /// Most per child per year for equipment (kr., 0 to 100 000; empty: 0).
    #[serde(default)]
    #[schema(pattern = "^([0-9]{1,5}|100000)?$")]
    pub max_equipment: String,
    /// The year's budget (kr., 0 to 1 000 000 000).
    #[serde(default)]
    #[schema(required = true, pattern = "^([0-9]{1,9}|1000000000)$")]
    pub yearly_budget: String,
}

/// The municipality whose fritidspas amounts the caller sets: a manager or an
/// administrator (403). Checked before the amounts are read.
pub fn settings_keeper(actor: &Actor) -> Result<Tenant, AppError> {
    actor
        .tenant()
        .filter(|_| matches!(actor.role, Role::Manager | Role::Admin))
        .ok_or_else(|| AppError::Forbidden("kun ledere og administratorer fastsætter kommunens beløb for fritidspas".into()))
}

/// Sets the fritidspas settings (managers and administrators); the settings and whether
/// anything changed (the amounts already stored change nothing and are not audited).
pub async fn save_settings(state: &AppState, actor: &Actor, meta: &RequestMeta, input: &SettingsInput) -> Result<(Settings, bool), AppError> {
    let tenant = settings_keeper(actor)?;
    let mut errors = Vec::new();
    let row = FritidspasSettingsRow {
        income_limit: number(&mut errors, "income_limit", &input.income_limit, 0, 10_000_000, None),
        extra_per_child: number(&mut errors, "extra_per_child", &input.extra_per_child, 0, 1_000_000, Some(0)),
        max_fee: number(&mut errors, "max_fee", &input.max_fee, 0, 100_000, None),
        max_equipment: number(&mut errors, "max_equipment", &input.max_equipment, 0, 100_000, Some(0)),
        yearly_budget: number(&mut errors, "yearly_budget", &input.yearly_budget, 0, 1_000_000_000, None),
        updated_by: actor.user.login.clone(),
        updated_at: String::new(),
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let same = |s: &FritidspasSettingsRow| {
        (s.income_limit, s.extra_per_child, s.max_fee, s.max_equipment, s.yearly_budget)
            == (row.income_limit, row.extra_per_child, row.max_fee, row.max_equipment, row.yearly_budget)
    };
    if state.store.fritidspas_settings(&tenant).await?.as_ref().is_some_and(same) {
        return Ok((settings(state, &tenant).await?, false));
    }
    state.store.save_fritidspas_settings(&tenant, &row).await?;
    let detail = format!(
        "fritidspas: indkomstgrænse {}, pr. ekstra barn {}, kontingent {}, udstyr {}, budget {}",
        kroner(row.income_limit),
        kroner(row.extra_per_child),
        kroner(row.max_fee),
        kroner(row.max_equipment),
        kroner(row.yearly_budget)
    );
    record(state, vec![meta.event(actor, AuditAction::Update, AuditEntity::FritidspasSettings, None, detail)]).await?;
    Ok((settings(state, &tenant).await?, true))
}

/// A fritidspas application as given.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GrantInput {
    /// The child.
    #[serde(default)]
    pub person_id: i64,
    /// The offer it pays for, if one.
    #[serde(default)]
    pub offer_id: Option<i64>,
    /// Household income per year (kr).
    #[serde(default)]
    pub household_income: String,
    /// Fees asked for (kr).
    #[serde(default)]
    pub fee: String,
    /// Equipment asked for (kr).
    #[serde(default)]
    pub equipment: String,
    /// The caseworker's remark, added to the reason.
    #[serde(default)]
    pub note: String,
}

/// A fritidspas decision as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GrantView {
    /// Id.
    pub id: i64,
    /// The child.
    pub person_id: i64,
    /// The child's name.
    pub name: String,
    /// The offer.
    pub offer_id: Option<i64>,
    /// Year.
    pub year: i64,
    /// Household income (kr).
    pub household_income: i64,
    /// Children in the household.
    pub children: i64,
    /// Granted for fees (kr).
    pub fee_kr: i64,
    /// Granted for equipment (kr).
    pub equipment_kr: i64,
    /// `granted` or `refused`.
    pub decision: String,
    /// Why.
    pub reason: String,
    /// Used so far (kr).
    pub used_kr: i64,
    /// Who decided.
    pub decided_by: String,
    /// When.
    pub decided_at: String,
}

impl From<GrantRow> for GrantView {
    fn from(g: GrantRow) -> Self {
        GrantView {
            id: g.id,
            person_id: g.person_id,
            name: format!("{} {}", g.given_name, g.family_name),
            offer_id: g.offer_id,
            year: g.year,
            household_income: g.household_income,
            children: g.children,
            fee_kr: g.fee_kr,
            equipment_kr: g.equipment_kr,
            decision: g.decision,
            reason: g.reason,
            used_kr: g.used_kr,
            decided_by: g.decided_by,
            decided_at: g.decided_at,
        }
    }
}

/// Decides a fritidspas application for a child (caseworkers and coordinators).
pub async fn decide_grant(state: &AppState, actor: &Actor, meta: &RequestMeta, input: &GrantInput) -> Result<GrantView, AppError> {
    use chrono::Datelike;
    let tenant = actor.person_writer()?;
    let child = state.store.person(&tenant, input.person_id).await?.ok_or(AppError::NotFound("personen"))?;
    let day = today();
    let s = settings(state, &tenant).await?;
    if !s.confirmed {
        return Err(AppError::WrongState(
            "kommunen har ikke fastsat sine egne beløb og sit budget for fritidspas endnu; en leder gør det under Civilsamfund → Fritidspas".into(),
        ));
    }
    let mut errors = Vec::new();
    if sharing::age_on(&child.birth_date, day).is_none_or(|a| a >= 18) {
        errors.push(FieldError::new("person_id", "fritidspas gives til børn og unge under 18 år"));
    }
    if let Some(o) = input.offer_id
        && state.store.offer(&tenant, o).await?.is_none_or(|o| o.fritidspas != 1)
    {
        errors.push(FieldError::new("offer_id", "tilbuddet kan ikke betales med fritidspas"));
    }
    let income = number(&mut errors, "household_income", &input.household_income, 0, 100_000_000, None);
    let fee = number(&mut errors, "fee", &input.fee, 0, 1_000_000, Some(0));
    let equipment = number(&mut errors, "equipment", &input.equipment, 0, 1_000_000, Some(0));
    if fee + equipment == 0 && errors.is_empty() {
        errors.push(FieldError::new("fee", "skriv hvor meget der søges til kontingent eller udstyr"));
    }
    let note = text(&mut errors, "note", &input.note, false, MAX_TEXT);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let children = match child.family_id {
        Some(f) => state.store.family_members(&tenant, f).await?.iter().filter(|m| sharing::age_on(&m.birth_date, day).is_some_and(|a| a < 18)).count() as i64,
        None => 1,
    };
    let year = i64::from(day.year());
    let already = state.store.fritidspas_granted_to(&tenant, child.id, year).await?;
    let (granted, _) = state.store.fritidspas_totals(&tenant, year).await?;
    let d = fritidspas::decide(&s, &Application { household_income: income, children: children.max(1), fee, equipment, already, granted_this_year: granted });
    let reason = if note.is_empty() { d.reason.clone() } else { format!("{} Bemærkning: {note}", d.reason) };
    let new = NewGrant {
        person_id: child.id,
        offer_id: input.offer_id,
        year,
        household_income: income,
        children: children.max(1),
        fee_kr: d.fee,
        equipment_kr: d.equipment,
        decision: d.decision.clone(),
        reason: reason.clone(),
    };
    let id = state.store.add_fritidspas_grant(&tenant, &new, &actor.user.login).await?;
    let what = if d.decision == "granted" { "bevilget" } else { "afslået" };
    record(state, vec![meta.event(actor, AuditAction::Decision, AuditEntity::Person, Some(child.id), format!("fritidspas {id} {what}: {reason}"))]).await?;
    Ok(state.store.fritidspas_grant(&tenant, id).await?.ok_or(AppError::NotFound("afgørelsen"))?.into())
}

/// The year's budget and what is granted and used.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Budget {
    /// Year.
    pub year: i64,
    /// The settings in force.
    pub settings: Settings,
    /// Granted this year (kr).
    pub granted: i64,
    /// Used this year (kr).
    pub used: i64,
    /// Left of the budget (kr).
    pub left: i64,
}

/// The year's budget (every staff role of the municipality; no person in it).
pub async fn budget(state: &AppState, actor: &Actor, year: i64) -> Result<Budget, AppError> {
    let who = who(state, actor).await?;
    if !matches!(who, Who::Staff { .. }) {
        return Err(AppError::NotFound("siden"));
    }
    let s = settings(state, who.tenant()).await?;
    let (granted, used) = state.store.fritidspas_totals(who.tenant(), year).await?;
    Ok(Budget { year, left: s.yearly_budget - granted, settings: s, granted, used })
}

/// A year's decisions (caseworkers and coordinators): the window's rows and one more
/// when another page follows; each child in the page audited.
pub async fn grants(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    year: i64,
    person_id: Option<i64>,
    window: Window,
) -> Result<Vec<GrantView>, AppError> {
    let tenant = actor.person_writer()?;
    let rows = state.store.fritidspas_grants(&tenant, year, person_id, window.fetch(), window.offset).await?;
    record(state, meta.person_reads(actor, window.shown(&rows).iter().map(|g| g.person_id), "fritidspas")).await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Grant `id` for a person writer (403) of its municipality (404): checked before the
/// change is read.
pub async fn grant_for_writer(state: &AppState, actor: &Actor, id: i64) -> Result<(crate::auth::Tenant, crate::store::civil_society::GrantRow), AppError> {
    let tenant = actor.person_writer()?;
    let g = state.store.fritidspas_grant(&tenant, id).await?.ok_or(AppError::NotFound("afgørelsen"))?;
    Ok((tenant, g))
}

/// Records how much of a grant has been used.
pub async fn set_used(state: &AppState, actor: &Actor, meta: &RequestMeta, id: i64, used: &str) -> Result<GrantView, AppError> {
    let (tenant, g) = grant_for_writer(state, actor, id).await?;
    if g.decision != "granted" {
        return Err(AppError::WrongState("et afslag har intet forbrug".into()));
    }
    let mut errors = Vec::new();
    let n = number(&mut errors, "used_kr", used, 0, g.fee_kr + g.equipment_kr, None);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    if n == g.used_kr {
        return Ok(g.into());
    }
    state.store.set_fritidspas_used(&tenant, id, n).await?;
    record(state, vec![meta.event(actor, AuditAction::Update, AuditEntity::Person, Some(g.person_id), format!("fritidspas {id}: brugt {}", kroner(n)))])
        .await?;
    Ok(state.store.fritidspas_grant(&tenant, id).await?.ok_or(AppError::NotFound("afgørelsen"))?.into())
}
