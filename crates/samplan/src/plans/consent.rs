//! Consent records per person (which data, shared with which departments or partners,
//! purpose, given and withdrawn, how given): input checking, the API and the page.
//! Coordinators and caseworkers record and withdraw; every role that reads persons may
//! see them. Gating by consent is in `access.rs`. A consent names the organisations of
//! the civil-society registry it shares with, each with its own scopes; a referral to an
//! organisation needs a consent that names it (`civil_society::service`).
use super::access::{ORGANISATION_SCOPES, SCOPES};
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta, csrf};
use crate::domain::{DepartmentKind, FieldError};
use crate::error::{ApiError, AppError, PageError};
use crate::store::Tenant;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::consent::{ConsentOrganisationRow, ConsentRow, NewConsent};
use crate::web::extract::Path;
use crate::web::json::ApiJson;
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::Json;
use axum::extract::{RawForm, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};

/// An organisation of the civil-society registry a consent names, with what it may
/// get beyond name and contact.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganisationConsentInput {
    /// The organisation's id in the registry.
    pub organisation_id: i64,
    /// `profile` (age, languages and interests), `address`; none: name and contact only.
    #[serde(default)]
    pub scopes: Vec<String>,
}

/// A consent as given in a form or JSON body.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentInput {
    /// Data shared with the departments: `plan`, `health`.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// Department codes it is shared with.
    #[serde(default)]
    pub departments: Vec<String>,
    /// Organisations of the civil-society registry it shares with, each with its own scopes.
    #[serde(default)]
    pub organisations: Vec<OrganisationConsentInput>,
    /// Other outside partners, free text (gives no organisation referrals).
    #[serde(default)]
    pub partners: String,
    /// Purpose.
    #[serde(default)]
    pub purpose: String,
    /// ISO date it was given.
    #[serde(default)]
    pub given_on: String,
    /// `written` or `oral_with_witness`.
    #[serde(default)]
    pub how_given: String,
    /// The witness, required for oral consent.
    #[serde(default)]
    pub witness: Option<String>,
}

/// A consent as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ConsentView {
    /// Id.
    pub id: i64,
    /// Whose.
    pub person_id: i64,
    /// Data covered.
    pub scopes: Vec<String>,
    /// Departments shared with.
    pub departments: Vec<String>,
    /// Organisations of the registry shared with, each with its scopes.
    pub organisations: Vec<ConsentOrganisationView>,
    /// Other outside partners (free text).
    pub partners: String,
    /// Purpose.
    pub purpose: String,
    /// ISO date given.
    #[schema(value_type = String)]
    pub given_on: calendar::Date,
    /// How.
    pub how_given: String,
    /// Witness of oral consent.
    pub witness: Option<String>,
    /// When withdrawn; none while live.
    pub withdrawn_at: Option<String>,
}

/// An organisation a consent names.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ConsentOrganisationView {
    /// The organisation.
    pub organisation_id: i64,
    /// Its name.
    pub organisation_name: String,
    /// What it may get beyond name and contact: `profile`, `address`.
    pub scopes: Vec<String>,
}

impl ConsentOrganisationView {
    /// The organisation with its scopes in Danish.
    pub fn label(&self) -> String {
        let scopes: Vec<&str> = self.scopes.iter().map(|s| super::access::scope_label(s)).collect();
        if scopes.is_empty() {
            format!("{} (navn og kontakt)", self.organisation_name)
        } else {
            format!("{} (navn, kontakt, {})", self.organisation_name, scopes.join(", ").to_lowercase())
        }
    }
}

impl From<ConsentRow> for ConsentView {
    fn from(r: ConsentRow) -> Self {
        let list = |s: &str| s.split(',').filter(|x| !x.is_empty()).map(str::to_string).collect();
        ConsentView {
            id: r.id,
            person_id: r.person_id,
            scopes: list(&r.scopes),
            departments: list(&r.departments),
            organisations: Vec::new(),
            partners: r.partners,
            purpose: r.purpose,
            given_on: r.given_on,
            how_given: r.how_given,
            witness: r.witness,
            withdrawn_at: r.withdrawn_at,
        }
    }
}

/// A person's consents with the organisations each names.
pub fn views(rows: Vec<ConsentRow>, organisations: &[ConsentOrganisationRow]) -> Vec<ConsentView> {
    rows.into_iter()
        .map(|r| {
            let mut v = ConsentView::from(r);
            v.organisations = organisations
                .iter()
                .filter(|o| o.consent_id == v.id)
                .map(|o| ConsentOrganisationView {
                    organisation_id: o.organisation_id,
                    organisation_name: o.organisation_name.clone(),
                    scopes: o.scopes.split(',').filter(|x| !x.is_empty()).map(str::to_string).collect(),
                })
                .collect();
            v
        })
        .collect()
}

/// A person's consents as shown, read in two queries.
pub async fn load(state: &AppState, tenant: &Tenant, person_id: i64) -> Result<Vec<ConsentView>, AppError> {
    let rows = state.store.consents(tenant, person_id).await?;
    let organisations = state.store.consent_organisations(tenant, person_id).await?;
    Ok(views(rows, &organisations))
}

impl ConsentView {
    /// Departments by their Danish names.
    pub fn department_names(&self) -> String {
        self.departments.iter().map(|d| DepartmentKind::parse(d).map(|k| k.label()).unwrap_or("?")).collect::<Vec<_>>().join(", ")
    }

    /// Scopes by their Danish names.
    pub fn scope_names(&self) -> String {
        self.scopes.iter().map(|s| super::access::scope_label(s)).collect::<Vec<_>>().join(", ")
    }

    /// The organisations it names, with their scopes, in Danish.
    pub fn organisation_names(&self) -> String {
        self.organisations.iter().map(ConsentOrganisationView::label).collect::<Vec<_>>().join("; ")
    }

    /// How it was given, in Danish.
    pub fn how_label(&self) -> &'static str {
        if self.how_given == "written" { "Skriftligt" } else { "Mundtligt med vidne" }
    }
}

impl ConsentInput {
    /// Checks every field (that the named organisations exist is checked by
    /// [`check_organisations`]).
    pub fn parse(&self, person_id: i64) -> Result<NewConsent, Vec<FieldError>> {
        let mut errors = Vec::new();
        for s in &self.scopes {
            if ORGANISATION_SCOPES.iter().any(|(c, _)| c == s) {
                errors.push(FieldError::new(
                    "scopes",
                    format!("«{s}» gives en organisation; vælg det ved organisationen under «Deles med foreninger og organisationer»"),
                ));
            } else if !SCOPES.iter().any(|(c, _)| c == s) {
                errors.push(FieldError::new(
                    "scopes",
                    format!("«{s}» er ikke en gyldig værdi; brug en af: {}", SCOPES.iter().map(|(c, _)| *c).collect::<Vec<_>>().join(", ")),
                ));
            }
        }
        if self.scopes.is_empty() && !self.departments.is_empty() {
            errors.push(FieldError::new("scopes", "vælg hvilke oplysninger afdelingerne må se"));
        }
        for d in &self.departments {
            if let Err(e) = DepartmentKind::parse(d) {
                errors.push(FieldError::new("departments", e.reason));
            }
        }
        let mut organisations: Vec<(i64, String)> = Vec::new();
        for o in &self.organisations {
            if o.organisation_id <= 0 {
                errors.push(FieldError::new("organisations", "vælg organisationen i kommunens register"));
                continue;
            }
            if organisations.iter().any(|(id, _)| *id == o.organisation_id) {
                errors.push(FieldError::new("organisations", "samme organisation er valgt to gange"));
                continue;
            }
            let mut scopes: Vec<&str> = Vec::new();
            for s in &o.scopes {
                match ORGANISATION_SCOPES.iter().find(|(c, _)| c == s) {
                    Some((c, _)) if !scopes.contains(c) => scopes.push(c),
                    Some(_) => {}
                    None => errors.push(FieldError::new(
                        "organisations",
                        format!(
                            "«{s}» kan ikke gives en organisation; brug en af: {}",
                            ORGANISATION_SCOPES.iter().map(|(c, _)| *c).collect::<Vec<_>>().join(", ")
                        ),
                    )),
                }
            }
            scopes.sort_by_key(|s| ORGANISATION_SCOPES.iter().position(|(c, _)| c == s));
            organisations.push((o.organisation_id, scopes.join(",")));
        }
        if self.departments.is_empty() && organisations.is_empty() && self.partners.trim().is_empty() && self.organisations.is_empty() {
            errors.push(FieldError::new("departments", "vælg mindst én afdeling eller organisation, eller skriv en samarbejdspartner"));
        }
        if self.purpose.trim().is_empty() {
            errors.push(FieldError::new("purpose", "skal udfyldes"));
        }
        let given_on = crate::domain::parse_day("given_on", &self.given_on).map_err(|e| errors.push(e)).ok();
        if given_on.is_some_and(|d| d > crate::deadlines::today()) {
            errors.push(FieldError::new("given_on", "datoen ligger i fremtiden"));
        }
        let witness = self.witness.as_deref().map(str::trim).filter(|w| !w.is_empty()).map(str::to_string);
        match self.how_given.as_str() {
            "written" => {}
            "oral_with_witness" if witness.is_none() => errors.push(FieldError::new("witness", "et mundtligt samtykke kræver et vidne")),
            "oral_with_witness" => {}
            other => errors.push(FieldError::new("how_given", format!("«{other}» er ikke en gyldig værdi; brug written eller oral_with_witness"))),
        }
        let Some(given_on) = given_on.filter(|_| errors.is_empty()) else { return Err(errors) };
        Ok(NewConsent {
            person_id,
            scopes: self.scopes.join(","),
            departments: self.departments.join(","),
            partners: self.partners.trim().into(),
            purpose: self.purpose.trim().into(),
            given_on,
            how_given: self.how_given.clone(),
            witness,
            organisations,
        })
    }
}

/// Checks that every organisation a consent names is in the municipality's registry.
pub async fn check_organisations(state: &AppState, tenant: &Tenant, new: &NewConsent) -> Result<(), AppError> {
    for (id, _) in &new.organisations {
        if state.store.organisation(tenant, *id).await?.is_none() {
            return Err(AppError::Invalid(vec![FieldError::new("organisations", format!("organisation {id} findes ikke i kommunens register"))]));
        }
    }
    Ok(())
}

/// A person's consents.
#[utoipa::path(get, path = "/api/v1/persons/{id}/consents", tag = "plans", params(("id" = i64, Path)),
    params(crate::web::paging::PageParams),
    responses((status = 200, body = Vec<ConsentView>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn list(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    paging: crate::web::paging::Paging,
) -> Result<crate::web::paging::Page<ConsentView>, ApiError> {
    let access = actor.person_access(&state.store).await?;
    access.person(&state.store, id).await?;
    let views = load(&state, access.tenant(), id).await?;
    record(&state, vec![meta.event(&actor, AuditAction::Read, AuditEntity::Person, Some(id), "samtykker (API)")]).await?;
    Ok(paging.slice(views))
}

/// Record a consent.
#[utoipa::path(post, path = "/api/v1/persons/{id}/consents", tag = "plans", params(("id" = i64, Path)), request_body = ConsentInput,
    responses((status = 201, body = ConsentView), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn create(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<ConsentInput>, ApiError>,
) -> Result<(StatusCode, Json<ConsentView>), ApiError> {
    let tenant = actor.person_writer()?;
    state.store.person(&tenant, id).await?.ok_or(AppError::NotFound("personen"))?;
    let ApiJson(input) = body?;
    let new = input.parse(id).map_err(AppError::Invalid)?;
    check_organisations(&state, &tenant, &new).await?;
    let cid = state.store.create_consent(&tenant, actor.user.id, &new).await?;
    record(&state, vec![meta.event(&actor, AuditAction::Create, AuditEntity::Consent, Some(cid), format!("samtykke for person {id} (API)"))]).await?;
    let view = load(&state, &tenant, id).await?.into_iter().find(|c| c.id == cid).ok_or(AppError::NotFound("samtykket"))?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// Withdraw a consent; it takes effect at once.
#[utoipa::path(post, path = "/api/v1/persons/{id}/consents/{consent_id}/withdraw", tag = "plans",
    params(("id" = i64, Path), ("consent_id" = i64, Path)),
    responses((status = 204), (status = 404, body = crate::error::Problem)))]
pub async fn withdraw(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path((id, cid)): Path<(i64, i64)>) -> Result<StatusCode, ApiError> {
    let tenant = actor.person_writer()?;
    if !state.store.withdraw_consent(&tenant, id, cid, actor.user.id).await? {
        return Err(AppError::NotFound("et gældende samtykke med dette id").into());
    }
    record(&state, vec![meta.event(&actor, AuditAction::Update, AuditEntity::Consent, Some(cid), format!("samtykke for person {id} tilbagekaldt (API)"))])
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Rows for naming organisations on the consent form.
const ORGANISATION_ROWS: usize = 3;

/// The consent page of a person.
#[derive(Template)]
#[template(path = "plans/consent.html")]
pub struct ConsentPage {
    chrome: Chrome,
    person_id: i64,
    name: String,
    family_id: Option<i64>,
    consents: Vec<ConsentView>,
    can_edit: bool,
    errors: Vec<FieldError>,
    departments: &'static [DepartmentKind],
    scopes: &'static [(&'static str, &'static str)],
    organisation_scopes: &'static [(&'static str, &'static str)],
    /// The registry's organisations (id, name), to choose from.
    organisation_names: Vec<(i64, String)>,
    /// What was typed (kept when the form is refused).
    values: ConsentInput,
}

impl ConsentPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.reason.as_str())
    }

    /// The Danish name of a field, for the error summary.
    fn label(&self, field: &str) -> &'static str {
        match field {
            "scopes" => "Hvilke oplysninger",
            "departments" => "Deles med afdelingerne",
            "organisations" => "Deles med foreninger og organisationer",
            "partners" => "Andre samarbejdspartnere",
            "purpose" => "Formål",
            "given_on" => "Givet den",
            "how_given" => "Hvordan",
            "witness" => "Vidne",
            _ => "Feltet",
        }
    }

    fn checked(list: &[String], code: &str) -> bool {
        list.iter().any(|s| s == code)
    }

    /// The organisation rows of the form, filled with what was typed.
    fn organisation_rows(&self) -> Vec<(usize, i64, Vec<String>)> {
        (0..ORGANISATION_ROWS)
            .map(|i| self.values.organisations.get(i).map_or((i + 1, 0, Vec::new()), |o| (i + 1, o.organisation_id, o.scopes.clone())))
            .collect()
    }
}

async fn page(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    values: Option<ConsentInput>,
    errors: Vec<FieldError>,
) -> Result<Response, AppError> {
    let access = actor.person_access(&state.store).await?;
    let person = access.person(&state.store, id).await?;
    let consents = load(state, access.tenant(), id).await?;
    record(state, vec![meta.event(actor, AuditAction::Read, AuditEntity::Person, Some(id), "samtykkeside")]).await?;
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let today = super::service::today();
    let can_edit = actor.role.writes_persons();
    let view = ConsentPage {
        chrome: Chrome::new(state, actor, "familier"),
        person_id: id,
        name: format!("{} {}", person.given_name, person.family_name),
        family_id: person.family_id,
        consents,
        can_edit,
        errors,
        departments: DepartmentKind::ALL,
        scopes: SCOPES,
        organisation_scopes: ORGANISATION_SCOPES,
        organisation_names: if can_edit { state.store.organisation_names(access.tenant()).await? } else { Vec::new() },
        values: values.unwrap_or_else(|| ConsentInput { given_on: today, how_given: "written".into(), ..Default::default() }),
    };
    Ok((status, render(&view)).into_response())
}

/// GET /personer/{id}/samtykke
pub async fn show(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>) -> Result<Response, PageError> {
    Ok(page(&state, &actor, &meta, id, None, Vec::new()).await?)
}

/// The submitted form's pairs, with repeated keys kept (checkbox lists).
pub fn pairs(raw: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(raw).into_owned().collect()
}

/// The first value of a form field.
pub fn field(pairs: &[(String, String)], name: &str) -> String {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
}

/// Checks the form's CSRF token.
pub fn check_csrf(actor: &Actor, pairs: &[(String, String)]) -> Result<(), AppError> {
    actor.check_csrf(&field(pairs, csrf::FIELD))
}

/// The organisations named on the form: rows `organisation_1` … with their scopes
/// `organisation_1_scopes` (empty rows are skipped; an unreadable id is kept as 0 so
/// the check names the field).
fn organisations_of(p: &[(String, String)]) -> Vec<OrganisationConsentInput> {
    (1..=ORGANISATION_ROWS)
        .filter_map(|i| {
            let raw = field(p, &format!("organisation_{i}"));
            if raw.trim().is_empty() {
                return None;
            }
            let scopes = p.iter().filter(|(k, _)| *k == format!("organisation_{i}_scopes")).map(|(_, v)| v.clone()).collect();
            Some(OrganisationConsentInput { organisation_id: raw.trim().parse().unwrap_or(0), scopes })
        })
        .collect()
}

/// POST /personer/{id}/samtykke
pub async fn create_form(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    RawForm(raw): RawForm,
) -> Result<Response, PageError> {
    let tenant = actor.person_writer()?;
    let p = pairs(&raw);
    check_csrf(&actor, &p)?;
    state.store.person(&tenant, id).await?.ok_or(AppError::NotFound("personen"))?;
    let all = |name: &str| p.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect();
    let input = ConsentInput {
        scopes: all("scopes"),
        departments: all("departments"),
        organisations: organisations_of(&p),
        partners: field(&p, "partners"),
        purpose: field(&p, "purpose"),
        given_on: field(&p, "given_on"),
        how_given: field(&p, "how_given"),
        witness: Some(field(&p, "witness")),
    };
    let checked = match input.parse(id) {
        Ok(new) => check_organisations(&state, &tenant, &new).await.map(|()| new),
        Err(errors) => Err(AppError::Invalid(errors)),
    };
    let new = match checked {
        Ok(n) => n,
        Err(AppError::Invalid(errors)) => return Ok(page(&state, &actor, &meta, id, Some(input), errors).await?),
        Err(e) => return Err(e.into()),
    };
    let cid = state.store.create_consent(&tenant, actor.user.id, &new).await?;
    record(&state, vec![meta.event(&actor, AuditAction::Create, AuditEntity::Consent, Some(cid), format!("samtykke for person {id}"))]).await?;
    Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/personer/{id}/samtykke")))
}

/// POST /personer/{id}/samtykke/{cid}/tilbagekald
pub async fn withdraw_form(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((id, cid)): Path<(i64, i64)>,
    RawForm(raw): RawForm,
) -> Result<Response, PageError> {
    let tenant = actor.person_writer()?;
    check_csrf(&actor, &pairs(&raw))?;
    if !state.store.withdraw_consent(&tenant, id, cid, actor.user.id).await? {
        return Err(AppError::NotFound("et gældende samtykke med dette id").into());
    }
    record(&state, vec![meta.event(&actor, AuditAction::Update, AuditEntity::Consent, Some(cid), format!("samtykke for person {id} tilbagekaldt"))]).await?;
    Ok(Redirect::to(&format!("/personer/{id}/samtykke")).into_response())
}
