//! `/boern`, the front page of children and parents: where to write a concern note, and
//! the children the user may read with today's daycare or school place (a page at a
//! time), or only those under 6 without a place.
use super::childcare_pages::{ChildItem, PAGE_SIZE, children};
use super::concern;
use crate::app::AppState;
use crate::auth::{Actor, RequestMeta};
use crate::error::PageError;
use crate::web::extract::Query;
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// The front page.
#[derive(Template)]
#[template(path = "children/index.html")]
pub struct IndexPage {
    chrome: Chrome,
    /// Staff of børn og familie (they handle every note).
    department: bool,
    children: Vec<ChildItem>,
    without_place: bool,
    total: i64,
    page: i64,
    pages: i64,
}

/// The front page's query.
#[derive(Debug, Default, Deserialize)]
pub struct IndexQuery {
    /// Page (from 1).
    side: Option<i64>,
    /// `1`: only children under 6 without a place.
    uden_plads: Option<String>,
}

/// GET /boern
pub async fn index(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Query(q): Query<IndexQuery>) -> Result<Response, PageError> {
    let reader = concern::reader(&state, &actor).await?;
    let without_place = q.uden_plads.as_deref() == Some("1");
    let (children, total, page) = children(&state, &actor, &meta, without_place, q.side.unwrap_or(1)).await?;
    let page = IndexPage {
        chrome: Chrome::new(&state, &actor, "boern"),
        department: reader.is_department(),
        children,
        without_place,
        total,
        page,
        pages: ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1),
    };
    Ok(render(&page).into_response())
}
