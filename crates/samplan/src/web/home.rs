//! The overview page, the capability pages not yet in use, and the 404 page.
use super::pages::{Chrome, NAVIGATION, render};
use crate::app::AppState;
use crate::auth::Actor;
use crate::domain::Role;
use crate::error::{AppError, PageError};
use crate::web::extract::Path;
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

/// The overview.
#[derive(Template)]
#[template(path = "home/overview.html")]
pub struct Overview {
    chrome: Chrome,
    counts: Option<(i64, i64)>,
    /// Why the counts cover only some persons (department staff, housing officers).
    scope_note: Option<&'static str>,
}

fn scope_note(role: Role) -> &'static str {
    match role {
        Role::HousingOfficer => "Du ser husstande i boligplacering og personer, hvis samtykke deler oplysninger med boligafdelingen.",
        _ => "Du ser personer, som din afdeling har en indsats i familiens plan, en henvisning eller et samtykke for.",
    }
}

/// GET /
pub async fn overview(State(state): State<AppState>, actor: Actor) -> Result<Response, PageError> {
    let (counts, scope_note) = match actor.person_access(&state.store).await {
        Ok(access) => (
            Some((state.store.count_persons(access.tenant(), access.reach()).await?, state.store.count_families(access.tenant(), access.reach()).await?)),
            (!access.is_all()).then(|| scope_note(actor.role)),
        ),
        Err(AppError::Forbidden(_) | AppError::NotFound(_)) => (None, None),
        Err(e) => return Err(e.into()),
    };
    let page = Overview { chrome: Chrome::new(&state, &actor, "overblik"), counts, scope_note };
    Ok(render(&page).into_response())
}

/// A capability that this installation does not offer yet.
#[derive(Template)]
#[template(path = "home/capability.html")]
pub struct CapabilityPage {
    chrome: Chrome,
    title: &'static str,
    purpose: &'static str,
}

fn purpose(key: &str) -> &'static str {
    match key {
        "beskaeftigelse" => "Virksomheder, kontakter og tilbud (praktik, løntilskud, IGU, ordinært job), match af personer til tilbud og IGU-forløb.",
        "danskuddannelse" => "Danskuddannelse 1, 2 og 3 og moduler, henvisning, start, fremmøde og progression.",
        "integrationsraad" => "Integrationsrådets medlemmer, møder, dagsordener, referater og anbefalinger.",
        "rapporter" => "Udtræk til national indberetning og til byrådet som CSV og regneark.",
        _ => "",
    }
}

/// GET /moduler/{slug}
pub async fn capability(State(state): State<AppState>, actor: Actor, Path(slug): Path<String>) -> Result<Response, PageError> {
    let item = NAVIGATION.iter().find(|n| n.key == slug && n.href.starts_with("/moduler/")).ok_or(AppError::NotFound("siden"))?;
    let page = CapabilityPage { chrome: Chrome::new(&state, &actor, item.key), title: item.label, purpose: purpose(item.key) };
    Ok(render(&page).into_response())
}

/// Any unknown path.
pub async fn not_found(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        return crate::error::ApiError(AppError::NotFound("adressen")).into_response();
    }
    PageError(AppError::NotFound("siden")).into_response()
}
