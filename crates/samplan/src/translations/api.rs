//! `GET /api/v1/translations/{lang}`: every key of the citizen catalogue in a language,
//! with its Danish source, the text in force for the caller's municipality, its origin
//! and review status.
use super::{Coverage, Entry, coverage, entries, reviewable};
use crate::app::AppState;
use crate::auth::Actor;
use crate::domain::Role;
use crate::error::{ApiError, AppError};
use crate::web::extract::Path;
use axum::Json;
use axum::extract::State;
use serde::Serialize;

/// A language of the catalogue as the municipality has it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Translations {
    /// Language code.
    pub language: String,
    /// The language's name in itself.
    pub native_name: String,
    /// How much is translated and reviewed.
    pub coverage: Coverage,
    /// Every key, in the catalogue's order.
    pub entries: Vec<Entry>,
}

/// The catalogue in one language for the caller's municipality (municipal staff; not
/// citizens, organisations or national users).
#[utoipa::path(get, path = "/api/v1/translations/{lang}", tag = "translations",
    params(("lang" = String, Path, description = "A language Min plan is translated to (not da, the source)", example = "ar",
        pattern = "^(en|ar|uk|ti|prs|so)$")),
    responses((status = 200, body = Translations), (status = 401, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 422, description = "Not a language of the catalogue (field `lang`)", body = crate::error::Problem)))]
pub async fn show(State(state): State<AppState>, actor: Actor, Path(lang): Path<String>) -> Result<Json<Translations>, ApiError> {
    let tenant = match actor.tenant() {
        Some(tenant) if !matches!(actor.role, Role::Citizen | Role::VolunteerCoordinator) => tenant,
        _ => return Err(AppError::Forbidden("oversættelserne læses af kommunens medarbejdere".into()).into()),
    };
    let language = reviewable(&lang)?;
    let entries = entries(language, &state.store.translations(&tenant, language.code).await?);
    Ok(Json(Translations { language: language.code.into(), native_name: language.native_name.into(), coverage: coverage(&entries), entries }))
}
