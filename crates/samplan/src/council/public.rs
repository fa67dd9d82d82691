//! The council's public page, without login: `/integrationsraad/offentlig/{code}` shows
//! the members' names only (no association, term or substitute), the published
//! meetings with their agendas and minutes, and the recommendations to the city council
//! with their text and status — nothing about any citizen. Published agendas and minutes
//! as PDF. Only the meetings a manager has published are reachable here; any other id
//! answers 404. A recommendation is public with its meeting: one adopted at an
//! unpublished meeting, or at none, is not shown.
use super::{MeetingView, RecommendationView};
use crate::app::AppState;
use crate::domain::MunicipalityCode;
use crate::error::{AppError, PageError};
use crate::store::Tenant;
use crate::web::extract::Path;
use crate::web::pages::render;
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

/// The public page.
#[derive(Template)]
#[template(path = "council/public.html")]
pub struct PublicPage {
    demo: bool,
    municipality: String,
    code: String,
    names: Vec<String>,
    meetings: Vec<MeetingView>,
    recommendations: Vec<RecommendationView>,
}

/// The municipality of a public page and its name. The page has no user: it reads only
/// what the municipality's council published, so a valid code is its tenant.
fn municipality(code: &str) -> Result<(Tenant, String), AppError> {
    let parsed = MunicipalityCode::parse(code).map_err(|_| AppError::NotFound("kommunen"))?;
    Ok((Tenant::trusted(parsed.as_str()), format!("{} Kommune", parsed.municipality().name)))
}

/// GET /integrationsraad/offentlig/{code}
pub async fn page(State(state): State<AppState>, Path(code): Path<String>) -> Result<Response, PageError> {
    let (tenant, name) = municipality(&code)?;
    let council = super::load(&state, &tenant).await?;
    let meetings: Vec<MeetingView> = council.meetings.into_iter().filter(|m| m.published).collect();
    let recommendations = council.recommendations.into_iter().filter(|r| r.meeting_id.is_some_and(|id| meetings.iter().any(|m| m.id == id))).collect();
    let page = PublicPage {
        demo: state.settings.demo,
        municipality: name,
        names: council.members.iter().filter(|m| m.current).map(|m| m.member.name.clone()).collect(),
        meetings,
        recommendations,
        code: tenant.to_string(),
    };
    Ok(render(&page).into_response())
}

/// A published meeting's agenda or minutes as PDF; any other meeting answers 404.
async fn published_pdf(state: &AppState, code: &str, id: i64, kind: super::pdf::Kind) -> Result<Response, PageError> {
    let (tenant, name) = municipality(code)?;
    let meeting = super::meeting(state, &tenant, id).await?;
    if !meeting.published {
        return Err(AppError::NotFound("mødet").into());
    }
    Ok(super::pdf::response(name, meeting, kind).await?)
}

/// GET /integrationsraad/offentlig/{code}/moeder/{id}/referat.pdf (published meetings only)
pub async fn minutes_pdf(State(state): State<AppState>, Path((code, id)): Path<(String, i64)>) -> Result<Response, PageError> {
    published_pdf(&state, &code, id, super::pdf::Kind::Minutes).await
}

/// GET /integrationsraad/offentlig/{code}/moeder/{id}/dagsorden.pdf (published meetings only)
pub async fn agenda_pdf(State(state): State<AppState>, Path((code, id)): Path<(String, i64)>) -> Result<Response, PageError> {
    published_pdf(&state, &code, id, super::pdf::Kind::Agenda).await
}
