//! Consent records per person (which data, shared with which departments or partners,
//! purpose, given and withdrawn, how given): input checking, the API and the page.
//! Coordinators and caseworkers record and withdraw; every role that reads persons may
//! see them. Gating by consent is in `access.rs`.
use super::access::SCOPES;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta, csrf};
use crate::domain::{DepartmentKind, FieldError, parse_date};
use crate::store::consent::{ConsentRow, NewConsent};
use crate::web::AppState;
use crate::web::error::{ApiError, AppError, PageError};
use crate::web::json::ApiJson;
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::Json;
use axum::extract::{Path, RawForm, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};

/// A consent as given in a form or JSON body.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentInput {
    /// Data covered: `plan`, `health`.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// Department codes it is shared with.
    #[serde(default)]
    pub departments: Vec<String>,
    /// Outside partners (associations etc.), free text.
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
    /// Outside partners.
    pub partners: String,
    /// Purpose.
    pub purpose: String,
    /// ISO date given.
    pub given_on: String,
    /// How.
    pub how_given: String,
    /// Witness of oral consent.
    pub witness: Option<String>,
    /// When withdrawn; none while live.
    pub withdrawn_at: Option<String>,
}

impl From<ConsentRow> for ConsentView {
    fn from(r: ConsentRow) -> Self {
        let list = |s: &str| s.split(',').filter(|x| !x.is_empty()).map(str::to_string).collect();
        ConsentView { id: r.id, person_id: r.person_id, scopes: list(&r.scopes), departments: list(&r.departments), partners: r.partners, purpose: r.purpose, given_on: r.given_on, how_given: r.how_given, witness: r.witness, withdrawn_at: r.withdrawn_at }
    }
}

impl ConsentView {
    /// Departments by their Danish names.
    pub fn department_names(&self) -> String {
        self.departments.iter().map(|d| DepartmentKind::parse(d).map(|k| k.label()).unwrap_or("?")).collect::<Vec<_>>().join(", ")
    }

    /// Scopes by their Danish names.
    pub fn scope_names(&self) -> String {
        self.scopes.iter().map(|s| SCOPES.iter().find(|(c, _)| c == s).map_or("?", |(_, l)| *l)).collect::<Vec<_>>().join(", ")
    }

    /// How it was given, in Danish.
    pub fn how_label(&self) -> &'static str {
        if self.how_given == "written" { "Skriftligt" } else { "Mundtligt med vidne" }
    }
}

impl ConsentInput {
    /// Checks every field.
    pub fn parse(&self, person_id: i64) -> Result<NewConsent, Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.scopes.is_empty() {
            errors.push(FieldError::new("scopes", "vælg mindst én slags oplysninger"));
        }
        for s in &self.scopes {
            if !SCOPES.iter().any(|(c, _)| c == s) {
                errors.push(FieldError::new("scopes", format!("«{s}» er ikke en gyldig værdi; brug en af: {}", SCOPES.iter().map(|(c, _)| *c).collect::<Vec<_>>().join(", "))));
            }
        }
        for d in &self.departments {
            if let Err(e) = DepartmentKind::parse(d) {
                errors.push(FieldError::new("departments", e.reason));
            }
        }
        if self.departments.is_empty() && self.partners.trim().is_empty() {
            errors.push(FieldError::new("departments", "vælg mindst én afdeling eller skriv en samarbejdspartner"));
        }
        if self.purpose.trim().is_empty() {
            errors.push(FieldError::new("purpose", "skal udfyldes"));
        }
        let given_on = parse_date("given_on", &self.given_on).map_err(|e| errors.push(e)).ok();
        if given_on.is_some_and(|d| d > chrono::Local::now().date_naive()) {
            errors.push(FieldError::new("given_on", "datoen ligger i fremtiden"));
        }
        let witness = self.witness.as_deref().map(str::trim).filter(|w| !w.is_empty()).map(str::to_string);
        match self.how_given.as_str() {
            "written" => {}
            "oral_with_witness" if witness.is_none() => errors.push(FieldError::new("witness", "et mundtligt samtykke kræver et vidne")),
            "oral_with_witness" => {}
            other => errors.push(FieldError::new("how_given", format!("«{other}» er ikke en gyldig værdi; brug written eller oral_with_witness"))),
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(NewConsent {
            person_id,
            scopes: self.scopes.join(","),
            departments: self.departments.join(","),
            partners: self.partners.trim().into(),
            purpose: self.purpose.trim().into(),
            given_on: given_on.expect("checked").to_string(),
            how_given: self.how_given.clone(),
            witness,
        })
    }
}


/// A person's consents.
#[utoipa::path(get, path = "/api/v1/persons/{id}/consents", tag = "plans", params(("id" = i64, Path)),
    params(crate::web::paging::PageParams),
    responses((status = 200, body = Vec<ConsentView>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))), (status = 404, body = crate::web::error::Problem), (status = 422, body = crate::web::error::Problem)))]
pub async fn list(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>, paging: crate::web::paging::Paging) -> Result<crate::web::paging::Page<ConsentView>, ApiError> {
    let access = actor.person_access(&state.store).await?;
    access.person(&state.store, id).await?;
    let rows = state.store.consents(access.code(), id).await?;
    record(&state, vec![meta.event(&actor, "read", "person", Some(id), "samtykker (API)")]).await?;
    Ok(paging.slice(rows.into_iter().map(ConsentView::from).collect()))
}

/// Record a consent.
#[utoipa::path(post, path = "/api/v1/persons/{id}/consents", tag = "plans", params(("id" = i64, Path)), request_body = ConsentInput,
    responses((status = 201, body = ConsentView), (status = 422, body = crate::web::error::Problem)))]
pub async fn create(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>, ApiJson(input): ApiJson<ConsentInput>) -> Result<(StatusCode, Json<ConsentView>), ApiError> {
    let tenant = actor.person_writer()?;
    state.store.person(tenant.code(), id).await?.ok_or(AppError::NotFound("personen"))?;
    let new = input.parse(id).map_err(AppError::Invalid)?;
    let cid = state.store.create_consent(tenant.code(), actor.user.id, &new).await?;
    record(&state, vec![meta.event(&actor, "create", "consent", Some(cid), format!("samtykke for person {id} (API)"))]).await?;
    let row = state.store.consents(tenant.code(), id).await?.into_iter().find(|c| c.id == cid).ok_or(AppError::NotFound("samtykket"))?;
    Ok((StatusCode::CREATED, Json(row.into())))
}

/// Withdraw a consent; it takes effect at once.
#[utoipa::path(post, path = "/api/v1/persons/{id}/consents/{consent_id}/withdraw", tag = "plans",
    params(("id" = i64, Path), ("consent_id" = i64, Path)),
    responses((status = 204), (status = 404, body = crate::web::error::Problem)))]
pub async fn withdraw(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path((id, cid)): Path<(i64, i64)>) -> Result<StatusCode, ApiError> {
    let tenant = actor.person_writer()?;
    if !state.store.withdraw_consent(tenant.code(), id, cid, actor.user.id).await? {
        return Err(AppError::NotFound("et gældende samtykke med dette id").into());
    }
    record(&state, vec![meta.event(&actor, "update", "consent", Some(cid), format!("samtykke for person {id} tilbagekaldt (API)"))]).await?;
    Ok(StatusCode::NO_CONTENT)
}

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
    today: String,
}

async fn page(state: &AppState, actor: &Actor, meta: &RequestMeta, id: i64, errors: Vec<FieldError>) -> Result<Response, AppError> {
    let access = actor.person_access(&state.store).await?;
    let person = access.person(&state.store, id).await?;
    let consents = state.store.consents(access.code(), id).await?.into_iter().map(ConsentView::from).collect();
    record(state, vec![meta.event(actor, "read", "person", Some(id), "samtykkeside")]).await?;
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let view = ConsentPage {
        chrome: Chrome::new(state, actor, "familier"),
        person_id: id,
        name: format!("{} {}", person.given_name, person.family_name),
        family_id: person.family_id,
        consents,
        can_edit: actor.role.writes_persons(),
        errors,
        departments: DepartmentKind::ALL,
        scopes: SCOPES,
        today: super::service::today(),
    };
    Ok((status, render(&view)).into_response())
}

/// GET /personer/{id}/samtykke
pub async fn show(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>) -> Result<Response, PageError> {
    Ok(page(&state, &actor, &meta, id, Vec::new()).await?)
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

/// POST /personer/{id}/samtykke
pub async fn create_form(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>, RawForm(raw): RawForm) -> Result<Response, PageError> {
    let tenant = actor.person_writer()?;
    let p = pairs(&raw);
    check_csrf(&actor, &p)?;
    state.store.person(tenant.code(), id).await?.ok_or(AppError::NotFound("personen"))?;
    let all = |name: &str| p.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect();
    let input = ConsentInput { scopes: all("scopes"), departments: all("departments"), partners: field(&p, "partners"), purpose: field(&p, "purpose"), given_on: field(&p, "given_on"), how_given: field(&p, "how_given"), witness: Some(field(&p, "witness")) };
    let new = match input.parse(id) {
        Ok(n) => n,
        Err(errors) => return Ok(page(&state, &actor, &meta, id, errors).await?),
    };
    let cid = state.store.create_consent(tenant.code(), actor.user.id, &new).await?;
    record(&state, vec![meta.event(&actor, "create", "consent", Some(cid), format!("samtykke for person {id}"))]).await?;
    Ok(Redirect::to(&format!("/personer/{id}/samtykke")).into_response())
}

/// POST /personer/{id}/samtykke/{cid}/tilbagekald
pub async fn withdraw_form(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path((id, cid)): Path<(i64, i64)>, RawForm(raw): RawForm) -> Result<Response, PageError> {
    let tenant = actor.person_writer()?;
    check_csrf(&actor, &pairs(&raw))?;
    if !state.store.withdraw_consent(tenant.code(), id, cid, actor.user.id).await? {
        return Err(AppError::NotFound("et gældende samtykke med dette id").into());
    }
    record(&state, vec![meta.event(&actor, "update", "consent", Some(cid), format!("samtykke for person {id} tilbagekaldt"))]).await?;
    Ok(Redirect::to(&format!("/personer/{id}/samtykke")).into_response())
}
