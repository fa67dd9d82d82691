//! The caseworker's side of citizen access, on the person page: the Min plan panel (link
//! to the plan, the citizen account, which plan versions the citizen has confirmed read)
//! and one-time login links. A link is random, stored only as its hash, used once and
//! expires after `LINK_DAYS`; it is shown to the caseworker once, and queued in the
//! e-mail outbox when an address is given. `/minplan/engangslink` makes one for a citizen
//! named as staff search (`persons::pick`), never by an internal number.
use super::service::{self, default_language, name_of};
use crate::app::AppState;
use crate::auth::{Actor, RequestMeta, password, random_token, token_hash};
use crate::domain::{FieldError, Role};
use crate::error::{AppError, PageError};
use crate::persons::pick::PickField;
use crate::store::Tenant;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::my_plan::{CitizenRow, PlanReadRow};
use crate::store::persons::PersonRow;
use crate::store::users::NewUser;
use crate::web::extract::Path;
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// How long a one-time link can be used.
pub const LINK_DAYS: i64 = 7;

/// The Min plan panel of the person page.
pub struct Panel {
    /// The person.
    pub person_id: i64,
    /// The language the plan opens in.
    pub language: &'static str,
    /// Its name, in Danish terms of the catalogue.
    pub language_name: &'static str,
    /// The citizen's account, if any.
    pub account: Option<CitizenRow>,
    /// The current plan version (0: none).
    pub version: i64,
    /// Confirmed reads, newest version first.
    pub reads: Vec<PlanReadRow>,
    /// The user may create login links.
    pub can_invite: bool,
}

impl Panel {
    /// The confirmation of the current version, if any.
    pub fn current_read(&self) -> Option<&PlanReadRow> {
        self.reads.iter().find(|r| r.version == self.version)
    }

    /// When a confirmation was given, as Danish people read it.
    pub fn when(&self, read: &PlanReadRow) -> String {
        crate::web::pages::when(&read.read_at)
    }

    /// The newest confirmation of an older version, if any.
    pub fn older_read(&self) -> Option<&PlanReadRow> {
        self.reads.iter().find(|r| r.version < self.version)
    }
}

/// Loads the panel for a person the caller may already see.
pub async fn panel(state: &AppState, tenant: &Tenant, actor: &Actor, person: &PersonRow) -> Result<Panel, AppError> {
    let account = state.store.citizen_account_of(tenant, person.id).await?;
    let language = default_language(person, account.as_ref());
    let version = match person.family_id {
        Some(f) => state.store.plan_version_at(tenant, f, None).await?.map_or(0, |v| v.version),
        None => 0,
    };
    Ok(Panel {
        person_id: person.id,
        language: language.code,
        language_name: language.native_name,
        reads: state.store.plan_reads(tenant, person.id).await?,
        account,
        version,
        can_invite: actor.role.writes_persons(),
    })
}

/// The page showing a new link.
#[derive(Template)]
#[template(path = "my_plan/link_created.html")]
pub struct LinkCreated {
    chrome: Chrome,
    person_id: i64,
    person_name: String,
    url: String,
    expires: String,
    mailed_to: Option<String>,
}

/// The link form.
#[derive(Debug, Deserialize)]
pub struct LinkForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
}

fn check_email(raw: &str) -> Result<Option<String>, FieldError> {
    let email = raw.trim();
    if email.is_empty() {
        return Ok(None);
    }
    let valid = email.len() <= 200
        && !email.chars().any(char::is_whitespace)
        && email.split_once('@').is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.'));
    if valid { Ok(Some(email.to_string())) } else { Err(FieldError::new("email", format!("«{email}» er ikke en e-mailadresse (fx navn@eksempel.dk)"))) }
}

/// The citizen account of a person, created (without a password) when missing.
pub(crate) async fn ensure_account(state: &AppState, tenant: &Tenant, person: &PersonRow, email: Option<&str>) -> Result<CitizenRow, AppError> {
    if let Some(account) = state.store.citizen_account_of(tenant, person.id).await? {
        return Ok(account);
    }
    let login = format!("borger-{tenant}-{}", person.id);
    let user_id = match state.store.user_by_login(&login).await? {
        Some(u) => u.id,
        None => {
            state
                .store
                .create_user(&NewUser {
                    login,
                    display_name: name_of(person),
                    email: email.map(str::to_string),
                    password_hash: None,
                    municipality_code: Some(tenant.to_string()),
                    department_id: None,
                    role: Role::Citizen,
                    demo_account: false,
                })
                .await?
        }
    };
    state.store.create_citizen_account(tenant, user_id, person.id, default_language(person, None).code).await?;
    state.store.citizen_account(user_id).await?.ok_or_else(|| AppError::Internal(anyhow::anyhow!("citizen account just created is missing")))
}

/// POST /personer/{id}/minplan/link
pub async fn create(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): Form<LinkForm>,
) -> Result<Response, PageError> {
    let tenant = actor.person_writer()?;
    actor.check_csrf(&form.csrf)?;
    let person = state.store.person(&tenant, id).await?.ok_or(AppError::NotFound("personen"))?;
    let email = check_email(&form.email)?;
    Ok(issue(&state, &actor, &meta, &headers, &tenant, &person, email).await?)
}

/// Makes a one-time link for `person` (an account is created when missing), queues its
/// mail when an address is given, audits it, and shows it once.
async fn issue(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    headers: &HeaderMap,
    tenant: &Tenant,
    person: &PersonRow,
    email: Option<String>,
) -> Result<Response, AppError> {
    let account = ensure_account(state, tenant, person, email.as_deref()).await?;
    let token = random_token();
    let expires = chrono::Utc::now() + chrono::Duration::days(LINK_DAYS);
    // The link, its mail and its audit row: one unit of work.
    let mut unit = state.store.unit().await?;
    unit.create_login_link(tenant, account.user_id, actor.user.id, &token_hash(&token), &crate::store::timestamp(expires)).await?;
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
    let scheme = if state.settings.secure_cookies { "https" } else { "http" };
    let url = format!("{scheme}://{host}/borger/link/{token}");
    let expires_text = crate::web::pages::danish_time(expires);
    if let Some(to) = &email {
        let language = i18n::language(&account.language).unwrap_or(i18n::danish());
        let intro = i18n::text(language, "link-intro", &[]).text;
        let body = format!("Her er et link til din plan i samplan. Det kan bruges én gang og udløber {expires_text}.\n\n{intro}\n\n{url}\n");
        unit.queue_mail(tenant, to, "Din plan i samplan", &body).await?;
    }
    let detail = format!("engangslink til Min plan oprettet, udløber {expires_text}{}", if email.is_some() { ", sendt med e-mail" } else { "" });
    unit.audit(&[meta.event(actor, AuditAction::Create, AuditEntity::LoginLink, Some(person.id), detail)]).await?;
    unit.commit().await?;
    let page = LinkCreated {
        chrome: Chrome::new(state, actor, "personer"),
        person_id: person.id,
        person_name: name_of(person),
        url,
        expires: expires_text,
        mailed_to: email,
    };
    Ok(render(&page).into_response())
}

/// The form that makes a link for a citizen named by name, CPR number or birth date.
#[derive(Template)]
#[template(path = "my_plan/link_new.html")]
pub struct NewLinkPage {
    chrome: Chrome,
    person: PickField,
    /// The person already found, when only another field was refused.
    chosen: Option<i64>,
    email: String,
    errors: Vec<FieldError>,
}

impl NewLinkPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.reason.as_str())
    }
}

/// The new-link form as posted.
#[derive(Debug, Deserialize)]
pub struct NewLinkForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    person: String,
    /// The person chosen among several that matched.
    #[serde(default)]
    person_id: String,
    #[serde(default)]
    email: String,
}

/// GET /minplan/engangslink
pub async fn new_form(State(state): State<AppState>, actor: Actor) -> Result<Response, PageError> {
    actor.person_writer()?;
    let page = NewLinkPage {
        chrome: Chrome::new(&state, &actor, "personer"),
        person: PickField::new("person", "Borger"),
        chosen: None,
        email: String::new(),
        errors: Vec::new(),
    };
    Ok(render(&page).into_response())
}

/// POST /minplan/engangslink: the citizen is named as staff search (one match taken,
/// several offered to choose from, none refused at the field), never by a number.
pub async fn create_for(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    headers: HeaderMap,
    Form(form): Form<NewLinkForm>,
) -> Result<Response, PageError> {
    let tenant = actor.person_writer()?;
    actor.check_csrf(&form.csrf)?;
    let access = actor.person_access(&state.store).await?;
    let mut field = PickField::new("person", "Borger");
    field.value = form.person.clone();
    let chosen = form.person_id.trim().parse::<i64>().ok();
    let person = crate::persons::pick::resolve(&state, &access, field, chosen).await?;
    let email = check_email(&form.email);
    match (person, email) {
        (Ok(person), Ok(email)) => Ok(issue(&state, &actor, &meta, &headers, &tenant, &person, email).await?),
        (person, email) => {
            let mut errors = Vec::new();
            let (person, chosen) = match person {
                Ok(row) => {
                    let mut field = PickField::new("person", "Borger");
                    field.value = crate::persons::pick::label(&row);
                    (field, Some(row.id))
                }
                Err(field) => {
                    errors.extend(crate::persons::pick::field_error(&field));
                    (field, None)
                }
            };
            errors.extend(email.err());
            let page = NewLinkPage { chrome: Chrome::new(&state, &actor, "personer"), person, chosen, email: form.email.trim().to_string(), errors };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
        }
    }
}

/// Sets up a local citizen account with a password (the CLI and the demo).
pub async fn create_local_account(
    store: &crate::store::Store,
    tenant: &Tenant,
    person_id: i64,
    login: &str,
    plain_password: &str,
    language: &str,
    demo: bool,
) -> Result<i64, AppError> {
    let person = store.person(tenant, person_id).await?.ok_or(AppError::NotFound("personen"))?;
    let language = service::parse_language(language)?;
    let user_id = store
        .create_user(&NewUser {
            login: login.to_string(),
            display_name: name_of(&person),
            email: None,
            password_hash: Some(password::hash(plain_password)),
            municipality_code: Some(tenant.to_string()),
            department_id: None,
            role: Role::Citizen,
            demo_account: demo,
        })
        .await?;
    store.create_citizen_account(tenant, user_id, person_id, language.code).await?;
    Ok(user_id)
}

#[cfg(test)]
mod tests {
    use super::check_email;

    #[test]
    fn email_is_optional_but_checked() {
        assert_eq!(check_email("  ").unwrap(), None);
        assert_eq!(check_email(" a@b.dk ").unwrap().as_deref(), Some("a@b.dk"));
        for bad in ["ab.dk", "a@b", "a @b.dk", "@b.dk", "a@.dk"] {
            assert_eq!(check_email(bad).unwrap_err().field, "email", "{bad}");
        }
    }
}
