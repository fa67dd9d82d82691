//! The home-visit pages: `/besoeg` (today's visits, each with a link to its family and a
//! button to remove it), marking and unmarking from the family page, and `/besoeg/offline`,
//! the page the service worker keeps for offline work (no person data in it: the data
//! comes encrypted from IndexedDB, decision 180).
use crate::app::AppState;
use crate::auth::{Actor, RequestMeta};
use crate::error::PageError;
use crate::store::visits::VisitRow;
use crate::web::extract::Path;
use crate::web::notice::{Notice, after};
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// Today's visits.
#[derive(Template)]
#[template(path = "visits/list.html")]
pub struct ListPage {
    chrome: Chrome,
    day: String,
    visits: Vec<VisitRow>,
    offline_hours: i64,
}

/// GET /besoeg
pub async fn list(State(state): State<AppState>, actor: Actor, meta: RequestMeta) -> Result<Response, PageError> {
    let visits = super::todays(&state, &actor, &meta).await?;
    let today = super::today();
    let day = today.danish().to_string();
    let page = ListPage { chrome: Chrome::new(&state, &actor, "besoeg"), day, visits, offline_hours: state.settings.offline_hours };
    Ok(render(&page).into_response())
}

/// The mark and unmark forms' fields.
#[derive(Debug, Deserialize)]
pub struct VisitForm {
    #[serde(default)]
    csrf: String,
    /// `besoeg`: go back to the list of today's visits rather than the family page.
    #[serde(default)]
    tilbage: String,
}

fn back(form: &VisitForm, family_id: i64) -> String {
    if form.tilbage == "besoeg" { "/besoeg".into() } else { format!("/familier/{family_id}#besoeg") }
}

/// POST /familier/{id}/besoeg: mark the family for a visit today.
pub async fn mark(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<VisitForm>,
) -> Result<Response, PageError> {
    super::visitable(&state, &actor, id).await?;
    actor.check_csrf(&form.csrf)?;
    let new = super::mark(&state, &actor, &meta, id).await?;
    Ok(after(if new { Notice::Saved } else { Notice::Unchanged }, &back(&form, id)))
}

/// POST /familier/{id}/besoeg/fjern: remove today's mark.
pub async fn unmark(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<VisitForm>,
) -> Result<Response, PageError> {
    super::visitable(&state, &actor, id).await?;
    actor.check_csrf(&form.csrf)?;
    let gone = super::unmark(&state, &actor, &meta, id).await?;
    Ok(after(if gone { Notice::Deleted } else { Notice::Unchanged }, &back(&form, id)))
}

/// The offline page: a frame without person data, filled by `static/offline/app.js`.
#[derive(Template)]
#[template(path = "visits/offline.html")]
pub struct OfflinePage {
    offline_hours: i64,
}

/// GET /besoeg/offline
pub async fn offline(State(state): State<AppState>, actor: Actor) -> Result<Response, PageError> {
    actor.person_writer()?;
    Ok(render(&OfflinePage { offline_hours: state.settings.offline_hours }).into_response())
}
