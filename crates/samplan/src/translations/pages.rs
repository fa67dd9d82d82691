//! `/oversaettelser`: the languages with their coverage, every key of one language, and
//! one key's page with the proposal form, the proposals waiting for a second opinion,
//! the history and a preview of an invented Min plan with the proposed text (page and PDF).
use super::{Coverage, Entry, Reviewer, coverage, entries, reviewable};
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::FieldError;
use crate::error::{AppError, PageError};
use crate::my_plan::MyPlan;
use crate::my_plan::derive::{derive, sample_input, sample_plan};
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::translations::TranslationRow;
use crate::web::extract::{Path, Query};
use crate::web::pages::{Chrome, render, when};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use i18n::Language;
use serde::Deserialize;

/// A language on the overview.
pub struct LanguageRow {
    code: &'static str,
    tag: &'static str,
    name: &'static str,
    coverage: Coverage,
    own: bool,
}

/// The languages page.
#[derive(Template)]
#[template(path = "translations/languages.html")]
pub struct LanguagesPage {
    chrome: Chrome,
    languages: Vec<LanguageRow>,
}

/// GET /oversaettelser
pub async fn languages(State(state): State<AppState>, actor: Actor) -> Result<Response, PageError> {
    let reviewer = Reviewer::of(&state.store, &actor).await?;
    let mut languages = Vec::new();
    for l in i18n::LANGUAGES.iter().filter(|l| l.code != "da") {
        let rows = state.store.translations(&reviewer.tenant, l.code).await?;
        let own = reviewer.language.as_deref() == Some(l.code);
        languages.push(LanguageRow { code: l.code, tag: l.tag, name: l.native_name, coverage: coverage(&entries(l, &rows)), own });
    }
    Ok(render(&LanguagesPage { chrome: Chrome::new(&state, &actor, "oversaettelser"), languages }).into_response())
}

/// `?vis=` on a language's page.
#[derive(Debug, Deserialize)]
pub struct ShowParam {
    #[serde(default)]
    vis: Option<String>,
}

/// One language's page.
#[derive(Template)]
#[template(path = "translations/language.html")]
pub struct LanguagePage {
    chrome: Chrome,
    language: &'static Language,
    coverage: Coverage,
    entries: Vec<Entry>,
    only_open: bool,
}

/// GET /oversaettelser/{lang}
pub async fn language(State(state): State<AppState>, actor: Actor, Path(lang): Path<String>, Query(q): Query<ShowParam>) -> Result<Response, PageError> {
    let reviewer = Reviewer::of(&state.store, &actor).await?;
    let language = reviewable(&lang).map_err(|_| AppError::NotFound("sproget"))?;
    let all = entries(language, &state.store.translations(&reviewer.tenant, language.code).await?);
    let coverage = coverage(&all);
    let only_open = q.vis.as_deref() == Some("aabne");
    let entries = all.into_iter().filter(|e| !only_open || e.review != "reviewed").collect();
    let page = LanguagePage { chrome: Chrome::new(&state, &actor, "oversaettelser"), language, coverage, entries, only_open };
    Ok(render(&page).into_response())
}

/// GET /oversaettelser/{lang}/eksport.ftl: the language's file with the municipality's texts.
pub async fn export(State(state): State<AppState>, actor: Actor, Path(lang): Path<String>) -> Result<Response, PageError> {
    let reviewer = Reviewer::of(&state.store, &actor).await?;
    let language = reviewable(&lang).map_err(|_| AppError::NotFound("sproget"))?;
    let overrides = state.store.translation_overrides(&reviewer.tenant, language.code).await?;
    let file = i18n::export(language, &overrides);
    let name = format!("{}-{}.ftl", language.code, reviewer.tenant.code());
    Ok(([(header::CONTENT_TYPE, "text/plain; charset=utf-8".to_string()), (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\""))], file)
        .into_response())
}

/// One key's page.
#[derive(Template)]
#[template(path = "translations/message.html")]
pub struct MessagePage {
    chrome: Chrome,
    language: &'static Language,
    entry: Entry,
    /// What the form shows: the text in force, or what was typed when it was refused.
    typed: String,
    error: Option<FieldError>,
    proposes: bool,
    waiting: Vec<(TranslationRow, bool)>,
    history: Vec<TranslationRow>,
    /// The proposal the preview shows, if any.
    previewed: Option<i64>,
    plan: MyPlan,
}

impl MessagePage {
    fn time(&self, at: &str) -> String {
        when(at)
    }

    fn is_previewed(&self, id: &i64) -> bool {
        self.previewed == Some(*id)
    }

    fn status(&self, status: &str) -> &'static str {
        match status {
            "proposed" => "Venter på godkendelse",
            "approved" => "Godkendt",
            _ => "Afvist",
        }
    }
}

/// `?forslag=` (a proposal id): preview that proposal.
#[derive(Debug, Deserialize)]
pub struct PreviewParam {
    #[serde(default)]
    forslag: Option<i64>,
}

/// The invented Min plan in `language` with the municipality's texts and, if given, one
/// more text in place.
fn preview(code: &str, language: &'static Language, mut overrides: i18n::Overrides, extra: Option<(&str, &str)>) -> MyPlan {
    if let Some((key, text)) = extra {
        overrides.insert(key.to_string(), text.to_string());
    }
    let today = crate::my_plan::service::today();
    let plan = sample_plan(today);
    let municipality = crate::domain::MunicipalityCode::parse(code).map(|c| format!("{} Kommune", c.municipality().name)).unwrap_or_default();
    derive(&sample_input(&plan, &overrides, today, municipality), language)
}

async fn message_page(
    state: &AppState,
    actor: &Actor,
    lang: &str,
    key: &str,
    typed: Option<String>,
    error: Option<FieldError>,
    previewed: Option<i64>,
) -> Result<Response, AppError> {
    let reviewer = Reviewer::of(&state.store, actor).await?;
    let language = reviewable(lang).map_err(|_| AppError::NotFound("sproget"))?;
    let all = state.store.translations(&reviewer.tenant, language.code).await?;
    let entry = entries(language, &all).into_iter().find(|e| e.key == key).ok_or(AppError::NotFound("teksten"))?;
    let overrides = super::in_force(&all);
    let rows: Vec<TranslationRow> = all.into_iter().filter(|t| t.message == key).collect();
    let waiting: Vec<(TranslationRow, bool)> = rows.iter().filter(|t| t.status == "proposed").map(|t| (t.clone(), reviewer.decides(t))).collect();
    // The preview shows the chosen proposal, else the newest waiting one, else the text in force.
    let shown = previewed.and_then(|id| rows.iter().find(|t| t.id == id)).or_else(|| waiting.first().map(|(t, _)| t)).map(|t| (t.id, t.text.clone()));
    let plan = preview(reviewer.tenant.code(), language, overrides, shown.as_ref().map(|(_, text)| (key, text.as_str())));
    let status = if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let page = MessagePage {
        chrome: Chrome::new(state, actor, "oversaettelser"),
        language,
        typed: typed.unwrap_or_else(|| entry.text.clone()),
        entry,
        error,
        proposes: reviewer.proposes(language.code),
        waiting,
        history: rows,
        previewed: shown.map(|(id, _)| id),
        plan,
    };
    Ok((status, render(&page)).into_response())
}

/// GET /oversaettelser/{lang}/{key}
pub async fn message(
    State(state): State<AppState>,
    actor: Actor,
    Path((lang, key)): Path<(String, String)>,
    Query(q): Query<PreviewParam>,
) -> Result<Response, PageError> {
    Ok(message_page(&state, &actor, &lang, &key, None, None, q.forslag).await?)
}

/// The proposal form.
#[derive(Debug, Deserialize)]
pub struct ProposalForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    text: String,
}

/// POST /oversaettelser/{lang}/{key}: a translator proposes a text.
pub async fn propose(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((lang, key)): Path<(String, String)>,
    Form(form): Form<ProposalForm>,
) -> Result<Response, PageError> {
    actor.check_csrf(&form.csrf)?;
    let reviewer = Reviewer::of(&state.store, &actor).await?;
    let language = reviewable(&lang).map_err(|_| AppError::NotFound("sproget"))?;
    if !reviewer.proposes(language.code) {
        return Err(AppError::Forbidden(format!("du foreslår tekster på dit eget sprog, ikke {}", language.native_name)).into());
    }
    let text = form.text.trim().replace("\r\n", "\n");
    if let Err(reason) = i18n::check(language, &key, &text) {
        if !i18n::has(i18n::danish(), &key) {
            return Err(AppError::NotFound("teksten").into());
        }
        return Ok(message_page(&state, &actor, &lang, &key, Some(form.text), Some(FieldError::new("text", reason)), None).await?);
    }
    let in_force = state.store.translation_overrides(&reviewer.tenant, language.code).await?.remove(&key).or_else(|| i18n::shipped(language, &key));
    let back = format!("/oversaettelser/{}/{key}", language.code);
    // The text already in force, submitted unchanged: nothing to review.
    if in_force.as_deref().map(str::trim) == Some(text.as_str()) {
        return Ok(Redirect::to(&back).into_response());
    }
    let id = state.store.propose_translation(&reviewer.tenant, language.code, &key, &text, actor.user.id).await?;
    record(&state, vec![meta.event(&actor, AuditAction::Create, AuditEntity::Translation, Some(id), format!("forslag til {} «{key}»: {text}", language.code))])
        .await?;
    Ok(Redirect::to(&format!("{back}?forslag={id}")).into_response())
}

/// The decision form.
#[derive(Debug, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
}

/// POST /oversaettelser/forslag/{id}: approve or reject a proposal.
pub async fn decide(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, PageError> {
    actor.check_csrf(&form.csrf)?;
    let reviewer = Reviewer::of(&state.store, &actor).await?;
    let proposal = state.store.translation(&reviewer.tenant, id).await?.ok_or(AppError::NotFound("forslaget"))?;
    if !reviewer.decides(&proposal) {
        let why = if proposal.proposed_by_id == actor.user.id {
            "en anden tolk eller administratoren godkender dit forslag"
        } else {
            "du godkender tekster på dit eget sprog"
        };
        return Err(AppError::Forbidden(why.into()).into());
    }
    let approve = match form.decision.as_str() {
        "approve" => true,
        "reject" => false,
        _ => return Err(AppError::from(FieldError::new("decision", "vælg godkend eller afvis")).into()),
    };
    let reason = form.reason.trim();
    if !approve && reason.is_empty() {
        return Ok(message_page(
            &state,
            &actor,
            &proposal.language,
            &proposal.message,
            None,
            Some(FieldError::new("reason", "skriv hvorfor forslaget afvises")),
            Some(id),
        )
        .await?);
    }
    if !state.store.decide_translation(&reviewer.tenant, id, approve, actor.user.id, Some(reason).filter(|r| !r.is_empty())).await? {
        return Err(AppError::WrongState("forslaget er allerede godkendt eller afvist".into()).into());
    }
    let what = if approve { "godkendt" } else { "afvist" };
    record(
        &state,
        vec![meta.event(
            &actor,
            AuditAction::Update,
            AuditEntity::Translation,
            Some(id),
            format!("forslag til {} «{}» {what}", proposal.language, proposal.message),
        )],
    )
    .await?;
    Ok(Redirect::to(&format!("/oversaettelser/{}/{}", proposal.language, proposal.message)).into_response())
}

/// GET /oversaettelser/{lang}/eksempel.pdf?forslag=: the invented Min plan as PDF.
pub async fn preview_pdf(State(state): State<AppState>, actor: Actor, Path(lang): Path<String>, Query(q): Query<PreviewParam>) -> Result<Response, PageError> {
    let reviewer = Reviewer::of(&state.store, &actor).await?;
    let language = reviewable(&lang).map_err(|_| AppError::NotFound("sproget"))?;
    let overrides = state.store.translation_overrides(&reviewer.tenant, language.code).await?;
    let proposal = match q.forslag {
        Some(id) => Some(state.store.translation(&reviewer.tenant, id).await?.filter(|t| t.language == language.code).ok_or(AppError::NotFound("forslaget"))?),
        None => None,
    };
    let plan = preview(reviewer.tenant.code(), language, overrides, proposal.as_ref().map(|t| (t.message.as_str(), t.text.as_str())));
    Ok(crate::my_plan::pdf::response(plan).await?)
}
