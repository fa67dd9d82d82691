//! Referrals between departments: a department refers a person to another with a
//! reason; the receiving department accepts or declines with a reason. Both sides (and
//! the plan's owners) see the status. Every step is audited.
use super::access::department_of;
use super::consent::{check_csrf, field, pairs};
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, PersonAccess, RequestMeta, Tenant};
use crate::domain::{DepartmentKind, FieldError, Role};
use crate::error::{ApiError, AppError, PageError};
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::referrals::ReferralRow;
use crate::web::extract::Path;
use crate::web::json::ApiJson;
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::Json;
use axum::extract::{RawForm, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// A new referral.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReferralInput {
    /// Who is referred.
    pub person_id: i64,
    /// Receiving department code.
    #[schema(value_type = crate::domain::DepartmentKind)]
    pub to_department: String,
    /// Why.
    #[schema(pattern = r"\S")]
    pub reason: String,
}

/// Accepting or declining.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionInput {
    /// True to accept, false to decline.
    pub accept: bool,
    /// Why.
    pub reason: String,
}

fn owner(actor: &Actor) -> bool {
    matches!(actor.role, Role::Coordinator | Role::Caseworker)
}

async fn create_referral(state: &AppState, actor: &Actor, meta: &RequestMeta, access: &PersonAccess, input: &ReferralInput) -> Result<i64, AppError> {
    let tenant = access.tenant();
    let mut errors = Vec::new();
    let from = department_of(&state.store, tenant, actor).await?;
    if from.is_none() {
        errors.push(FieldError::new("from_department", "du er ikke knyttet til en afdeling og kan ikke henvise"));
    }
    if let Err(e) = DepartmentKind::parse(&input.to_department) {
        errors.push(FieldError::new("to_department", e.reason));
    } else if from.as_deref() == Some(input.to_department.as_str()) {
        errors.push(FieldError::new("to_department", "vælg en anden afdeling end din egen"));
    }
    if input.reason.trim().is_empty() {
        errors.push(FieldError::new("reason", "skal udfyldes"));
    }
    // A person the caller may not read is as unknown as one that does not exist.
    if state.store.person(tenant, input.person_id).await?.is_none() || !access.may_read(&state.store, input.person_id).await? {
        errors.push(FieldError::new("person_id", "personen findes ikke"));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let id = state
        .store
        .create_referral(tenant, input.person_id, from.as_deref().unwrap_or_default(), &input.to_department, input.reason.trim(), actor.user.id)
        .await?;
    record(
        state,
        vec![
            meta.event(actor, AuditAction::Create, AuditEntity::Referral, Some(id), format!("henvisning til {}", input.to_department)),
            meta.event(actor, AuditAction::Update, AuditEntity::Person, Some(input.person_id), format!("henvist (henvisning {id})")),
        ],
    )
    .await?;
    Ok(id)
}

/// The referral `id` if the caller is its receiving department. A referral the caller does
/// not see (another department's, neither sent nor received by theirs) is as unknown as
/// one that does not exist (404); the sender and the plan owners see it and are refused (403).
async fn decidable(state: &AppState, actor: &Actor, tenant: &Tenant, id: i64) -> Result<ReferralRow, AppError> {
    let row = state.store.referral(tenant, id).await?.ok_or(AppError::NotFound("henvisningen"))?;
    let own = department_of(&state.store, tenant, actor).await?;
    if own.as_deref() != Some(row.to_department.as_str()) {
        if owner(actor) || own.as_deref() == Some(row.from_department.as_str()) {
            return Err(AppError::Forbidden("kun den modtagende afdeling kan tage imod eller afvise henvisningen".into()));
        }
        return Err(AppError::NotFound("henvisningen"));
    }
    Ok(row)
}

async fn decide(state: &AppState, actor: &Actor, meta: &RequestMeta, tenant: &Tenant, id: i64, input: &DecisionInput) -> Result<ReferralRow, AppError> {
    decidable(state, actor, tenant, id).await?;
    if input.reason.trim().is_empty() {
        return Err(FieldError::new("reason", "skal udfyldes").into());
    }
    if !state.store.decide_referral(tenant, id, input.accept, input.reason.trim(), actor.user.id).await? {
        return Err(AppError::Conflict("en afgørelse på henvisningen".into()));
    }
    let what = if input.accept { "modtaget" } else { "afvist" };
    record(state, vec![meta.event(actor, AuditAction::Update, AuditEntity::Referral, Some(id), format!("henvisning {what}"))]).await?;
    state.store.referral(tenant, id).await?.ok_or(AppError::NotFound("henvisningen"))
}

async fn visible(state: &AppState, actor: &Actor, tenant: &Tenant) -> Result<Vec<ReferralRow>, AppError> {
    visible_page(state, actor, tenant, 200, 0).await
}

/// `limit` of the referrals the caller sees, after the newest `offset`.
async fn visible_page(state: &AppState, actor: &Actor, tenant: &Tenant, limit: i64, offset: i64) -> Result<Vec<ReferralRow>, AppError> {
    if owner(actor) {
        return Ok(state.store.referrals_page(tenant, None, limit, offset).await?);
    }
    match department_of(&state.store, tenant, actor).await? {
        Some(d) => Ok(state.store.referrals_page(tenant, Some(&d), limit, offset).await?),
        None => Ok(Vec::new()),
    }
}

/// Referrals from or to the caller's department (all, for coordinators and caseworkers).
#[utoipa::path(get, path = "/api/v1/referrals", tag = "plans", params(crate::web::paging::PageParams),
    responses((status = 200, body = Vec<ReferralRow>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))),
        (status = 422, body = crate::error::Problem)))]
pub async fn list(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    paging: crate::web::paging::Paging,
) -> Result<crate::web::paging::Page<ReferralRow>, ApiError> {
    let tenant = actor.person_reader()?;
    let page = paging.page(visible_page(&state, &actor, &tenant, paging.fetch(), paging.offset()).await?);
    record(
        &state,
        page.items
            .iter()
            .map(|r| meta.event(&actor, AuditAction::Read, AuditEntity::Referral, Some(r.id), format!("henvisning for person {} (API)", r.person_id)))
            .collect(),
    )
    .await?;
    Ok(page)
}

/// Refer a person to another department.
#[utoipa::path(post, path = "/api/v1/referrals", tag = "plans", request_body = ReferralInput,
    responses((status = 201, body = ReferralRow), (status = 422, body = crate::error::Problem)))]
pub async fn create(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    body: Result<ApiJson<ReferralInput>, ApiError>,
) -> Result<(StatusCode, Json<ReferralRow>), ApiError> {
    let access = actor.person_access(&state.store).await?;
    let ApiJson(input) = body?;
    let id = create_referral(&state, &actor, &meta, &access, &input).await?;
    let row = state.store.referral(access.tenant(), id).await?.ok_or(AppError::NotFound("henvisningen"))?;
    Ok((StatusCode::CREATED, Json(row)))
}

/// Accept or decline a referral (the receiving department).
#[utoipa::path(post, path = "/api/v1/referrals/{id}/decision", tag = "plans", params(("id" = i64, Path)), request_body = DecisionInput,
    responses((status = 200, body = ReferralRow), (status = 403, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
pub async fn decision(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<DecisionInput>, ApiError>,
) -> Result<Json<ReferralRow>, ApiError> {
    let tenant = actor.person_reader()?;
    // Who asks before what is asked (decision 003): the body is read once the caller may decide.
    decidable(&state, &actor, &tenant, id).await?;
    let ApiJson(input) = body?;
    Ok(Json(decide(&state, &actor, &meta, &tenant, id, &input).await?))
}

/// The referrals page.
#[derive(Template)]
#[template(path = "plans/referrals.html")]
pub struct ReferralsPage {
    chrome: Chrome,
    rows: Vec<(ReferralRow, String)>,
    own_department: Option<String>,
    departments: &'static [DepartmentKind],
    errors: Vec<FieldError>,
    form: ReferralForm,
}

/// The new-referral form as typed: the person field, the department and the reason.
#[derive(Debug, Clone)]
pub struct ReferralForm {
    /// Who is referred.
    pub person: crate::persons::pick::PickField,
    /// The person already chosen (from the person page or the family plan).
    pub person_id: Option<i64>,
    /// The receiving department's code.
    pub to_department: String,
    /// Why.
    pub reason: String,
    /// Where to return after sending (a person page or a family plan).
    pub back: String,
}

impl Default for ReferralForm {
    fn default() -> Self {
        Self {
            person: crate::persons::pick::PickField::new("person", "Borger"),
            person_id: None,
            to_department: String::new(),
            reason: String::new(),
            back: String::new(),
        }
    }
}

impl ReferralsPage {
    fn label(&self, code: &str) -> &'static str {
        DepartmentKind::parse(code).map(|d| d.label()).unwrap_or("?")
    }

    fn status_label(&self, status: &str) -> &'static str {
        status_label(status)
    }

    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.reason.as_str())
    }
}

/// A referral's state in Danish.
pub fn status_label(status: &str) -> &'static str {
    match status {
        "accepted" => "Modtaget",
        "declined" => "Afvist",
        _ => "Afventer svar",
    }
}

/// A return address a referral form may name: a person page or a family plan.
fn safe_back(back: &str) -> Option<&str> {
    let ok = (back.starts_with("/personer/") || back.starts_with("/familier/")) && back.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'/' || b == b'-');
    ok.then_some(back)
}

async fn page(state: &AppState, actor: &Actor, meta: &RequestMeta, errors: Vec<FieldError>, form: ReferralForm) -> Result<Response, AppError> {
    let access = actor.person_access(&state.store).await?;
    let tenant = access.tenant();
    let list = visible(state, actor, tenant).await?;
    // A referral from the department outlives its link to the person: no name then.
    let ids: Vec<i64> = list.iter().map(|r| r.person_id).collect();
    let names = state.store.person_names(tenant, access.reach(), &ids).await?;
    let rows: Vec<(ReferralRow, String)> = list
        .into_iter()
        .map(|r| {
            let name = names.get(&r.person_id).cloned().unwrap_or_default();
            (r, name)
        })
        .collect();
    record(
        state,
        rows.iter()
            .map(|(r, _)| meta.event(actor, AuditAction::Read, AuditEntity::Referral, Some(r.id), format!("henvisning for person {}", r.person_id)))
            .collect(),
    )
    .await?;
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let own_department = department_of(&state.store, tenant, actor).await?;
    let view = ReferralsPage { chrome: Chrome::new(state, actor, "henvisninger"), rows, own_department, departments: DepartmentKind::ALL, errors, form };
    Ok((status, render(&view)).into_response())
}

/// GET /henvisninger
pub async fn show(State(state): State<AppState>, actor: Actor, meta: RequestMeta) -> Result<Response, PageError> {
    Ok(page(&state, &actor, &meta, Vec::new(), ReferralForm::default()).await?)
}

/// POST /henvisninger: the person is named by name, CPR number or birth date (several
/// matches are offered to choose from), or comes chosen from a person page or a family
/// plan; sent, the page returns there with «Sendt».
pub async fn create_form(State(state): State<AppState>, actor: Actor, meta: RequestMeta, RawForm(raw): RawForm) -> Result<Response, PageError> {
    let access = actor.person_access(&state.store).await?;
    let p = pairs(&raw);
    check_csrf(&actor, &p)?;
    let mut form = ReferralForm {
        to_department: field(&p, "to_department"),
        reason: field(&p, "reason"),
        back: safe_back(&field(&p, "tilbage")).unwrap_or_default().to_string(),
        ..ReferralForm::default()
    };
    form.person.value = field(&p, "person");
    let chosen = field(&p, "person_id").trim().parse::<i64>().ok();
    let person_id = match crate::persons::pick::resolve(&state, &access, form.person.clone(), chosen).await? {
        Ok(row) => {
            form.person.value = crate::persons::pick::label(&row);
            form.person_id = Some(row.id);
            row.id
        }
        Err(field) => {
            form.person = field;
            0
        }
    };
    let input = ReferralInput { person_id, to_department: form.to_department.clone(), reason: form.reason.clone() };
    match create_referral(&state, &actor, &meta, &access, &input).await {
        Ok(id) => {
            let back = if form.back.is_empty() { "/henvisninger".to_string() } else { form.back.clone() };
            Ok(crate::web::notice::after(crate::web::notice::Notice::Sent, &format!("{back}#henvisning-{id}")))
        }
        Err(AppError::Invalid(mut errors)) => {
            // The person field says its own reason (and offers the candidates).
            errors.retain(|e| e.field != "person_id");
            if let Some(e) = crate::persons::pick::field_error(&form.person) {
                errors.insert(0, e);
            }
            Ok(page(&state, &actor, &meta, errors, form).await?)
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /henvisninger/{id}/afgoerelse
pub async fn decide_form(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    RawForm(raw): RawForm,
) -> Result<Response, PageError> {
    let tenant = actor.person_reader()?;
    let p = pairs(&raw);
    check_csrf(&actor, &p)?;
    let input = DecisionInput { accept: field(&p, "accept") == "1", reason: field(&p, "reason") };
    match decide(&state, &actor, &meta, &tenant, id, &input).await {
        Ok(_) => {
            let notice = if input.accept { crate::web::notice::Notice::Received } else { crate::web::notice::Notice::Declined };
            Ok(crate::web::notice::after(notice, &format!("/henvisninger#henvisning-{id}")))
        }
        Err(AppError::Invalid(errors)) => Ok(page(&state, &actor, &meta, errors, ReferralForm::default()).await?),
        Err(e) => Err(e.into()),
    }
}
