//! The citizen's own pages under `/borger`, in their chosen language and with no staff
//! navigation: the list of plans they may read (their own, their children's under 18),
//! a plan, "I have read my plan", the language choice, and logging in with a one-time
//! link. The `Actor` extractor keeps citizens out of every other page and the API.
use super::MyPlan;
use super::pages::{LanguageOption, language_options};
use super::service::{self, name_of};
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta, csrf, random_token, token_hash};
use crate::domain::MunicipalityCode;
use crate::error::{AppError, PageError};
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::my_plan::CitizenRow;
use crate::web::extract::{Path, Query};
use crate::web::pages::render;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use i18n::Language;
use serde::Deserialize;

pub use crate::auth::citizen_paths::HOME;

/// The frame of a citizen page: language, direction, name, logout.
pub struct CitizenChrome {
    /// The page's language.
    pub lang: &'static Language,
    /// DEMO banner.
    pub demo: bool,
    /// "Holbæk Kommune".
    pub organisation: String,
    /// The citizen's name.
    pub user_name: String,
    /// The session's CSRF token.
    pub csrf: String,
    /// The language switcher.
    pub languages: Vec<LanguageOption>,
    /// Where the language form returns to.
    pub here: String,
    /// The municipality's approved texts for the language (decision 062).
    overrides: i18n::Overrides,
}

impl CitizenChrome {
    async fn new(state: &AppState, actor: Option<&Actor>, lang: &'static Language, here: String) -> Result<Self, AppError> {
        let overrides = match actor.and_then(|a| a.tenant()) {
            Some(tenant) => state.store.translation_overrides(&tenant, lang.code).await?,
            None => i18n::Overrides::new(),
        };
        let organisation = actor
            .and_then(|a| a.municipality())
            .and_then(|c| MunicipalityCode::parse(c).ok())
            .map(|c| format!("{} Kommune", c.municipality().name))
            .unwrap_or_default();
        Ok(CitizenChrome {
            lang,
            demo: state.settings.demo,
            organisation,
            user_name: actor.map(|a| a.user.display_name.clone()).unwrap_or_default(),
            csrf: actor.and_then(|a| a.csrf.clone()).unwrap_or_default(),
            languages: language_options(lang.code),
            here,
            overrides,
        })
    }

    /// A word of the interface (the catalogue has every one in every language).
    pub fn t(&self, key: &str) -> String {
        self.text(key, &[])
    }

    fn text(&self, key: &str, args: &[(&str, i18n::Value<'_>)]) -> String {
        i18n::text_overridden(self.lang, &self.overrides, key, args).text
    }

    /// `rtl` or `ltr`.
    pub fn dir(&self) -> &'static str {
        if self.lang.rtl { "rtl" } else { "ltr" }
    }
}

fn language_of(account: &CitizenRow) -> &'static Language {
    i18n::language(&account.language).unwrap_or(i18n::danish())
}

/// The list of plans.
#[derive(Template)]
#[template(path = "my_plan/citizen_home.html")]
pub struct HomePage {
    c: CitizenChrome,
    own: (i64, String),
    children: Vec<(i64, String)>,
}

/// GET /borger
pub async fn home(State(state): State<AppState>, actor: Actor, meta: RequestMeta) -> Result<Response, PageError> {
    let account = service::citizen(&state, &actor).await?;
    let persons = service::readable_persons(&state, &account).await?;
    record(&state, meta.person_reads(&actor, persons.iter().map(|p| p.id), "borgerens forside")).await?;
    let mut list = persons.iter().map(|p| (p.id, name_of(p)));
    let own = list.next().expect("the citizen's own person comes first");
    let page = HomePage { c: CitizenChrome::new(&state, Some(&actor), language_of(&account), HOME.into()).await?, own, children: list.collect() };
    Ok(render(&page).into_response())
}

/// A plan.
#[derive(Template)]
#[template(path = "my_plan/citizen_plan.html")]
pub struct PlanPage {
    c: CitizenChrome,
    plan: MyPlan,
    read_done: Option<String>,
    thanks: bool,
}

/// `?laest=1` after confirming.
#[derive(Debug, Deserialize)]
pub struct PlanParams {
    #[serde(default)]
    laest: Option<String>,
}

/// GET /borger/plan/{id}
pub async fn plan(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Query(q): Query<PlanParams>,
) -> Result<Response, PageError> {
    let account = service::citizen(&state, &actor).await?;
    let language = language_of(&account);
    let loaded = service::for_citizen(&state, &account, id, language).await?;
    record(&state, vec![loaded.read_event(&meta, &actor, "borgerens side")]).await?;
    let c = CitizenChrome::new(&state, Some(&actor), language, format!("/borger/plan/{id}")).await?;
    let read_done = state
        .store
        .plan_reads(&loaded.tenant, id)
        .await?
        .into_iter()
        .find(|r| r.version == loaded.plan.plan_version && r.user_id == actor.user.id)
        .map(|r| c.text("read-done", &[("date", i18n::Value::Text(&super::derive::date_text(r.read_at.get(..10).unwrap_or_default())))]));
    let page = PlanPage { c, plan: loaded.plan, read_done, thanks: q.laest.is_some() };
    Ok(render(&page).into_response())
}

/// A form with only the CSRF token.
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// POST /borger/plan/{id}/laest: "I have read my plan", stored with the version read.
pub async fn confirm_read(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, PageError> {
    actor.check_csrf(&form.csrf)?;
    let account = service::citizen(&state, &actor).await?;
    let loaded = service::for_citizen(&state, &account, id, language_of(&account)).await?;
    let (Some(family), version) = (loaded.family_id, loaded.plan.plan_version) else {
        return Err(AppError::NotFound("planen").into());
    };
    if version == 0 {
        return Err(AppError::NotFound("planen").into());
    }
    state.store.record_plan_read(&loaded.tenant, id, family, version, actor.user.id).await?;
    record(&state, vec![meta.event(&actor, AuditAction::ConfirmRead, AuditEntity::Person, Some(id), format!("«Jeg har læst min plan», version {version}"))])
        .await?;
    Ok(Redirect::to(&format!("/borger/plan/{id}?laest=1")).into_response())
}

/// The language form.
#[derive(Debug, Deserialize)]
pub struct LanguageForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    next: String,
}

/// POST /borger/sprog: stores the chosen language and returns to the page.
pub async fn set_language(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Form(form): Form<LanguageForm>) -> Result<Response, PageError> {
    actor.check_csrf(&form.csrf)?;
    let account = service::citizen(&state, &actor).await?;
    let language = service::parse_language(&form.lang)?;
    state.store.set_citizen_language(account.user_id, language.code).await?;
    record(&state, vec![meta.event(&actor, AuditAction::Update, AuditEntity::CitizenAccount, Some(account.user_id), format!("sprog: {}", language.code))])
        .await?;
    let next = if form.next == HOME || form.next.starts_with("/borger/") { form.next.as_str() } else { HOME };
    Ok(Redirect::to(next).into_response())
}

/// The page a one-time link opens: a button, so that a mail scanner following the link
/// does not use it up.
#[derive(Template)]
#[template(path = "my_plan/citizen_link.html")]
pub struct LinkPage {
    c: CitizenChrome,
    token: String,
    form_csrf: String,
    valid: bool,
}

/// GET /borger/link/{token}
pub async fn link_page(State(state): State<AppState>, jar: CookieJar, Path(token): Path<String>) -> Result<Response, PageError> {
    let language = state.store.login_link_language(&token_hash(&token), &crate::store::now()).await?;
    let lang = language.as_deref().and_then(i18n::language).unwrap_or(i18n::danish());
    let form_csrf = random_token();
    let jar = jar.add(crate::auth::login::cookie(&state, csrf::LOGIN_COOKIE, form_csrf.clone()));
    let valid = language.is_some();
    let status = if valid { axum::http::StatusCode::OK } else { axum::http::StatusCode::GONE };
    let page = LinkPage { c: CitizenChrome::new(&state, None, lang, String::new()).await?, token, form_csrf, valid };
    Ok((status, jar, render(&page)).into_response())
}

/// The button's form.
#[derive(Debug, Deserialize)]
pub struct LinkForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    csrf: String,
}

/// The limiter's login name for one-time-link attempts.
const LINK_LOGIN: &str = "\u{0}engangslink";

/// POST /borger/link: uses the link (once) and logs the citizen in.
pub async fn link_login(State(state): State<AppState>, meta: RequestMeta, jar: CookieJar, Form(form): Form<LinkForm>) -> Result<Response, PageError> {
    let expected = jar.get(csrf::LOGIN_COOKIE).map(|c| c.value().to_string()).unwrap_or_default();
    if !csrf::matches(&expected, Some(&form.csrf)) {
        return Err(AppError::Csrf.into());
    }
    // Link tokens are guessed per address: one pseudo-login for all of them.
    if let Err(wait) = state.limiter.check(LINK_LOGIN, &meta.remote_addr) {
        return Err(AppError::TooManyRequests(crate::auth::rate_limit::retry_after_seconds(wait)).into());
    }
    let used = state.store.use_login_link(&token_hash(&form.token), &crate::store::now()).await?;
    let user = match used {
        Some(id) => state.store.user_by_id(id).await?.filter(|u| u.active == 1 && u.role().is_some_and(|r| r.is_citizen())),
        None => None,
    };
    let Some(user) = user else {
        state.limiter.failed(LINK_LOGIN, &meta.remote_addr);
        return Ok(Redirect::to(&format!("/borger/link/{}", url::form_urlencoded::byte_serialize(form.token.as_bytes()).collect::<String>())).into_response());
    };
    let (jar, _) = crate::auth::login::start_session(&state, &meta, user, jar, "logget ind med engangslink").await?;
    Ok((jar, Redirect::to(HOME)).into_response())
}

/// GET /borger/plan/{id}/pdf
pub async fn pdf(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>) -> Result<Response, PageError> {
    let account = service::citizen(&state, &actor).await?;
    let loaded = service::for_citizen(&state, &account, id, language_of(&account)).await?;
    record(&state, vec![loaded.read_event(&meta, &actor, "borgerens PDF")]).await?;
    Ok(super::pdf::response(loaded.plan).await?)
}
