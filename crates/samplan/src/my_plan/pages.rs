//! The staff's view of a person's Min plan (`/personer/{id}/minplan?lang=xx`): exactly
//! what the citizen reads, in the chosen language, with a Danish toolbar to switch
//! language and fetch the PDF. Consent limits it as on the family page.
use super::MyPlan;
use super::service;
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::error::PageError;
use crate::web::extract::{Path, Query};
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// One entry of a language switcher.
#[derive(Debug, Clone)]
pub struct LanguageOption {
    /// Code for the URL.
    pub code: &'static str,
    /// BCP 47 tag.
    pub tag: &'static str,
    /// Name in the language itself.
    pub name: &'static str,
    /// The one shown now.
    pub selected: bool,
}

/// Every language, with `current` selected.
pub fn language_options(current: &str) -> Vec<LanguageOption> {
    i18n::LANGUAGES.iter().map(|l| LanguageOption { code: l.code, tag: l.tag, name: l.native_name, selected: l.code == current }).collect()
}

/// `?lang=xx`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct LangParam {
    /// Language code: da, en, ar, uk, ti, prs (Dari) or so; default the person's chosen or first language.
    #[serde(default)]
    #[param(pattern = "^(da|en|ar|uk|ti|prs|so)?$")]
    pub lang: Option<String>,
}

/// The staff page.
#[derive(Template)]
#[template(path = "my_plan/staff.html")]
pub struct StaffPage {
    chrome: Chrome,
    plan: MyPlan,
    languages: Vec<LanguageOption>,
    hidden: usize,
}

/// GET /personer/{id}/minplan
pub async fn show(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Query(q): Query<LangParam>,
) -> Result<Response, PageError> {
    let loaded = service::for_staff(&state, &actor, id, q.lang.as_deref()).await?;
    record(&state, vec![loaded.read_event(&meta, &actor, "side")]).await?;
    let page = StaffPage {
        chrome: Chrome::new(&state, &actor, "personer"),
        languages: language_options(&loaded.plan.language),
        hidden: loaded.hidden,
        plan: loaded.plan,
    };
    Ok(render(&page).into_response())
}
