//! Progress on Danish education: modules passed per month since the start, against the
//! track's expected pace (months per module, a setting), and its small SVG chart.
use super::DanishEducation;
use crate::web::AppState;
use crate::web::error::AppError;

/// The progress chart of a person, when they have started.
pub async fn chart_for(_state: &AppState, _code: &str, _person_id: i64, _education: &DanishEducation) -> Result<Option<String>, AppError> {
    Ok(None)
}
