//! `/boern`, the front page of children and parents: where to write a concern note, the
//! notes the user may read, and the children's daycare and school status.
use super::concern;
use crate::auth::Actor;
use crate::web::AppState;
use crate::web::error::PageError;
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

/// The front page.
#[derive(Template)]
#[template(path = "children/index.html")]
pub struct IndexPage {
    chrome: Chrome,
    /// Staff of børn og familie (they handle every note).
    department: bool,
}

/// GET /boern
pub async fn index(State(state): State<AppState>, actor: Actor) -> Result<Response, PageError> {
    let reader = concern::reader(&state, &actor).await?;
    let page = IndexPage { chrome: Chrome::new(&state, &actor, "boern"), department: reader.is_department() };
    Ok(render(&page).into_response())
}
