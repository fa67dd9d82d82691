//! The quota page (`/bolig/kvoter`): the user pastes P.csv
//! (`kommunekode,population,resident_refugees[,family_reunified]`) and the national
//! figure; the page shows the regional and municipal quotas by the statutory key and a
//! choropleth map. Nothing is stored; population figures are never shipped.
use super::map;
use crate::app::AppState;
use crate::auth::Actor;
use crate::domain::FieldError;
use crate::error::PageError;
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use quota::{Distribution, QuotaKey};
use serde::Deserialize;

/// `/bolig/kvoter`.
#[derive(Template)]
#[template(path = "housing/quotas.html")]
pub struct QuotaPage {
    chrome: Chrome,
    form: QuotaForm,
    result: Option<Distribution>,
    map: String,
    errors: Vec<FieldError>,
}

/// The form.
#[derive(Debug, Default, Deserialize)]
pub struct QuotaForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    national: String,
    #[serde(default)]
    population_csv: String,
}

/// Danish number with a decimal comma.
pub fn decimal(value: impl std::borrow::Borrow<f64>, places: usize) -> String {
    let value = *value.borrow();
    format!("{value:.places$}").replace('.', ",")
}

/// Computes the distribution, naming the field of the first problem.
pub fn compute(national: &str, csv: &str) -> Result<Distribution, Vec<FieldError>> {
    let mut errors = Vec::new();
    let national = national.trim().parse::<u64>().map_err(|_| {
        errors.push(FieldError::new("national", format!("«{}» er ikke et helt antal personer", national.trim())));
    });
    let rows = quota::parse_population("P.csv", csv).map_err(|e| errors.push(FieldError::new("population_csv", e.to_string())));
    let (Ok(national), Ok(rows)) = (national, rows) else { return Err(errors) };
    quota::distribute(national, &rows, &QuotaKey::default()).map_err(|e| vec![FieldError::new("national", e.to_string())])
}

fn page(state: &AppState, actor: &Actor, form: QuotaForm, result: Option<Distribution>, errors: Vec<FieldError>) -> Response {
    let map = match &result {
        Some(d) => map::choropleth(&d.municipalities.iter().map(|m| (m.code.clone(), m.quota)).collect(), "Kommunekvoter"),
        None => String::new(),
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let view = QuotaPage { chrome: Chrome::new(state, actor, "boligplacering"), form, result, map, errors };
    (status, render(&view)).into_response()
}

/// GET /bolig/kvoter
pub async fn show(State(state): State<AppState>, actor: Actor) -> Result<Response, PageError> {
    Ok(page(&state, &actor, QuotaForm::default(), None, Vec::new()))
}

/// POST /bolig/kvoter
pub async fn calculate(State(state): State<AppState>, actor: Actor, Form(form): Form<QuotaForm>) -> Result<Response, PageError> {
    actor.check_csrf(&form.csrf)?;
    Ok(match compute(&form.national, &form.population_csv) {
        Ok(d) => page(&state, &actor, form, Some(d), Vec::new()),
        Err(errors) => page(&state, &actor, form, None, errors),
    })
}
