//! `/bolig/beskaeftigelse`: the employment model the placement rounds can weigh — the
//! stored model with its data's date and size and its cross-validated score, each
//! area's data and whether it has an effect of its own, the upload of a new
//! `outcomes.csv`, and the weight of the term (0 by default: the documented model).
use super::employment::{self, Stored};
use super::import;
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::FieldError;
use crate::error::{AppError, PageError};
use crate::store::audit::{AuditAction, AuditEntity};
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::Form;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// One area as the model sees it.
pub struct AreaLine {
    name: String,
    residents: usize,
    employed: String,
    own_effect: bool,
}

/// The stored model, as shown.
pub struct ModelView {
    data_as_of: String,
    residents: usize,
    employed: String,
    fitted: String,
    log_loss: String,
    baseline_log_loss: String,
    brier: String,
    folds: usize,
    lambda: String,
    better_than_rate: bool,
    areas: Vec<AreaLine>,
}

/// `/bolig/beskaeftigelse`.
#[derive(Template)]
#[template(path = "housing/employment.html")]
pub struct EmploymentPage {
    chrome: Chrome,
    model: Option<ModelView>,
    weight: String,
    weight_set: String,
    data_as_of: String,
    min_residents: usize,
    errors: Vec<FieldError>,
}

fn decimal(x: f64, places: usize) -> String {
    format!("{x:.places$}").replace('.', ",")
}

fn view(stored: &Stored, area_names: &std::collections::HashMap<String, String>) -> Option<ModelView> {
    let m = stored.model.as_ref()?;
    let cv = m.cross_validation;
    let row = &stored.row;
    Some(ModelView {
        data_as_of: row.data_as_of.as_deref().map(crate::persons::danish_date).unwrap_or_default(),
        residents: m.residents,
        employed: super::explain_text::percent(m.overall_rate),
        fitted: format!("{} af {}", row.fitted_at.as_deref().map(crate::persons::time_label).unwrap_or_default(), row.fitted_by.as_deref().unwrap_or("")),
        log_loss: decimal(cv.log_loss, 3),
        baseline_log_loss: decimal(cv.baseline_log_loss, 3),
        brier: decimal(cv.brier, 3),
        folds: cv.folds,
        lambda: decimal(m.lambda, 1),
        better_than_rate: cv.log_loss < cv.baseline_log_loss,
        areas: m
            .areas
            .iter()
            .map(|a| AreaLine {
                name: area_names.get(a.area.as_str()).map_or_else(|| a.area.as_str().to_owned(), |n| format!("{n} ({})", a.area.as_str())),
                residents: a.residents,
                employed: if a.residents == 0 { "–".into() } else { super::explain_text::percent(a.employed as f64 / a.residents as f64) },
                own_effect: a.column.is_some(),
            })
            .collect(),
    })
}

async fn page(state: &AppState, actor: &Actor, weight: Option<String>, data_as_of: String, errors: Vec<FieldError>) -> Result<Response, AppError> {
    let tenant = actor.housing_officer()?;
    let stored = employment::load(&state.store, &tenant).await?;
    let names = state.store.housing_areas(&tenant).await?.into_iter().map(|a| (a.code, a.name)).collect();
    let weight_set = match (&stored.row.weight_set_at, &stored.row.weight_set_by) {
        (Some(at), Some(by)) => format!("Sat {} af {by}.", crate::persons::time_label(at)),
        _ => "Aldrig sat: 0.".into(),
    };
    let view = EmploymentPage {
        chrome: Chrome::new(state, actor, "boligplacering"),
        model: view(&stored, &names),
        weight: weight.unwrap_or_else(|| stored.row.weight.to_string()),
        weight_set,
        data_as_of,
        min_residents: placement::employment::MIN_RESIDENTS,
        errors,
    };
    let status = if view.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, render(&view)).into_response())
}

/// GET /bolig/beskaeftigelse
pub async fn show(State(state): State<AppState>, actor: Actor) -> Result<Response, PageError> {
    Ok(page(&state, &actor, None, String::new(), Vec::new()).await?)
}

/// The largest outcomes file taken (tens of thousands of past residents are far below).
const MAX_UPLOAD_BYTES: usize = 8 * 1024 * 1024;
/// The request's limit: the file and the form's other fields.
pub const UPLOAD_LIMIT: usize = MAX_UPLOAD_BYTES + 64 * 1024;

/// POST /bolig/beskaeftigelse/model: fits a model to an uploaded `outcomes.csv`
/// (multipart: `outcomes_file`, `data_as_of`) and stores it with the data's date; a
/// file with an error stores nothing and the error names its line and column.
pub async fn upload(State(state): State<AppState>, actor: Actor, meta: RequestMeta, mut multipart: Multipart) -> Result<Response, PageError> {
    let tenant = actor.housing_officer()?;
    let (mut parts, mut errors) = crate::web::upload::text_parts(&mut multipart, MAX_UPLOAD_BYTES).await;
    let mut take = |name: &str| parts.remove(name).unwrap_or_default();
    let (csrf, text, data_as_of) = (take("csrf"), take("outcomes_file"), take("data_as_of"));
    actor.check_csrf(&csrf)?;
    let date = crate::domain::parse_date("data_as_of", &data_as_of).map_err(|e| errors.push(e)).ok();
    if date.is_some_and(|d| d > chrono::Local::now().date_naive()) {
        errors.push(FieldError::new("data_as_of", "datoen for data kan ikke ligge i fremtiden"));
    }
    if errors.is_empty() && text.trim().is_empty() {
        errors.push(FieldError::new("outcomes_file", "vælg filen outcomes.csv med de tidligere beboeres udfald"));
    }
    if !errors.is_empty() {
        return Ok(page(&state, &actor, None, data_as_of, errors).await?);
    }
    let areas = import::to_areas(&state.store.housing_areas(&tenant).await?);
    let model = match tokio::task::spawn_blocking(move || employment::fit(&text, &areas)).await {
        Ok(Ok(m)) => m,
        Ok(Err(e)) => return Ok(page(&state, &actor, None, data_as_of, vec![e]).await?),
        Err(e) => return Err(AppError::Internal(anyhow::anyhow!("employment model task failed: {e}")).into()),
    };
    let json = serde_json::to_string(&model).map_err(|e| AppError::Internal(e.into()))?;
    let date = date.map(|d| d.to_string()).unwrap_or_default();
    state.store.save_housing_employment_model(&tenant, &json, &date, model.residents as i64, &actor.user.login).await?;
    let detail = format!(
        "beskæftigelsesmodel tilpasset: {} tidligere beboere, data pr. {date}, krydsvalideret log-tab {:.3}",
        model.residents, model.cross_validation.log_loss
    );
    record(&state, vec![meta.event(&actor, AuditAction::Update, AuditEntity::HousingEmploymentModel, None, detail)]).await?;
    Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, "/bolig/beskaeftigelse#model"))
}

/// The weight form.
#[derive(Debug, Deserialize)]
pub struct WeightForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    weight: String,
}

/// POST /bolig/beskaeftigelse/vaegt: sets the weight of the employment term; the same
/// weight again changes nothing.
pub async fn set_weight(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Form(form): Form<WeightForm>) -> Result<Response, PageError> {
    let tenant = actor.housing_officer()?;
    actor.check_csrf(&form.csrf)?;
    let weight = match employment::parse_weight(&form.weight) {
        Ok(w) => w,
        Err(e) => return Ok(page(&state, &actor, Some(form.weight), String::new(), vec![e]).await?),
    };
    let stored = employment::load(&state.store, &tenant).await?;
    if weight > 0 && stored.model.is_none() {
        let e = FieldError::new("weight", "upload først de tidligere beboeres udfald; uden en model er der intet at vægte");
        return Ok(page(&state, &actor, Some(form.weight), String::new(), vec![e]).await?);
    }
    if weight != stored.row.weight {
        state.store.set_housing_employment_weight(&tenant, weight, &actor.user.login).await?;
        let detail = format!("vægt for beskæftigelse i boligplaceringen: {} → {weight}", stored.row.weight);
        record(&state, vec![meta.event(&actor, AuditAction::Update, AuditEntity::HousingEmploymentModel, None, detail)]).await?;
    }
    Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, "/bolig/beskaeftigelse#vaegt"))
}
