//! Areas and units (`/bolig/boliger`): the tables with a delete button per row, the CSV
//! import (pasted text or uploaded files in the formats of `docs/placement.md`; an
//! error names file, line and column and nothing is stored), and forms for entering
//! one area or one unit.
use super::import;
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::FieldError;
use crate::error::{AppError, PageError};
use crate::store::Tenant;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::housing::{AreaRow, UnitRow};
use crate::web::extract::Path;
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::Form;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

/// `/bolig/boliger`.
#[derive(Template)]
#[template(path = "housing/units.html")]
pub struct UnitsPage {
    chrome: Chrome,
    areas: Vec<AreaRow>,
    units: Vec<UnitRow>,
    form: Fields,
    errors: Vec<FieldError>,
}

/// Every field of the three forms on the page (kept when a form is shown again).
#[derive(Debug, Default, Deserialize)]
pub struct Fields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    areas_csv: String,
    #[serde(default)]
    units_csv: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    listed: Option<String>,
    #[serde(default)]
    listed_from: String,
    #[serde(default)]
    listed_to: String,
    #[serde(default)]
    existing_households: String,
    #[serde(default)]
    area_code: String,
    #[serde(default)]
    rooms: String,
    #[serde(default)]
    rent: String,
    #[serde(default)]
    accessible: Option<String>,
    #[serde(default)]
    tenure: String,
    #[serde(default)]
    lat: String,
    #[serde(default)]
    lon: String,
    #[serde(default)]
    street: String,
    #[serde(default)]
    postal_code: String,
    #[serde(default)]
    city: String,
}

async fn page(state: &AppState, actor: &Actor, form: Fields, errors: Vec<FieldError>) -> Result<Response, AppError> {
    let tenant = actor.housing_officer()?;
    let view = UnitsPage {
        chrome: Chrome::new(state, actor, "boligplacering"),
        areas: state.store.housing_areas(&tenant).await?,
        units: state.store.housing_units(&tenant).await?,
        form,
        errors,
    };
    let status = if view.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, render(&view)).into_response())
}

/// GET /bolig/boliger
pub async fn show(State(state): State<AppState>, actor: Actor) -> Result<Response, PageError> {
    Ok(page(&state, &actor, Fields::default(), Vec::new()).await?)
}

fn number<T: std::str::FromStr + Default>(field: &'static str, text: &str, errors: &mut Vec<FieldError>) -> T {
    text.trim().parse().unwrap_or_else(|_| {
        errors.push(FieldError::new(field, format!("«{}» er ikke et tal", text.trim())));
        T::default()
    })
}

fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_owned()).filter(|s| !s.is_empty())
}

/// What the posted form asks for: an import, or one area, or one unit.
async fn parse(state: &AppState, tenant: &Tenant, f: &Fields) -> Result<(Vec<AreaRow>, Vec<UnitRow>), Vec<FieldError>> {
    let stored = state.store.housing_areas(tenant).await.map_err(|e| vec![FieldError::new("database", e.to_string())])?;
    if !f.areas_csv.trim().is_empty() || !f.units_csv.trim().is_empty() {
        let areas = if f.areas_csv.trim().is_empty() { Vec::new() } else { import::areas_from_csv(&f.areas_csv).map_err(|e| vec![e])? };
        let mut known = stored;
        known.retain(|a| !areas.iter().any(|n| n.code == a.code));
        known.extend(areas.iter().cloned());
        let units = if f.units_csv.trim().is_empty() { Vec::new() } else { import::units_from_csv(&f.units_csv, &known).map_err(|e| vec![e])? };
        return Ok((areas, units));
    }
    let mut errors = Vec::new();
    if !f.area_code.trim().is_empty() || !f.rooms.trim().is_empty() {
        let unit = UnitRow {
            code: f.code.trim().to_owned(),
            area_code: f.area_code.trim().to_owned(),
            rooms: number("rooms", &f.rooms, &mut errors),
            rent: number("rent", &f.rent, &mut errors),
            accessible: i64::from(f.accessible.is_some()),
            tenure: f.tenure.trim().to_owned(),
            lat: number("lat", &f.lat, &mut errors),
            lon: number("lon", &f.lon, &mut errors),
            street: optional(&f.street),
            postal_code: optional(&f.postal_code),
            city: optional(&f.city),
        };
        errors.extend(import::check_unit("", &unit, &stored));
        return if errors.is_empty() { Ok((Vec::new(), vec![unit])) } else { Err(errors) };
    }
    let area = AreaRow {
        code: f.code.trim().to_owned(),
        name: f.name.trim().to_owned(),
        listed: i64::from(f.listed.is_some()),
        existing_households: if f.existing_households.trim().is_empty() { 0 } else { number("existing_households", &f.existing_households, &mut errors) },
        listed_from: import::listed_day("", "listed_from", Some(&f.listed_from), &mut errors),
        listed_to: import::listed_day("", "listed_to", Some(&f.listed_to), &mut errors),
    };
    errors.extend(import::check_area("", &area));
    if errors.is_empty() { Ok((vec![area], Vec::new())) } else { Err(errors) }
}

/// POST /bolig/boliger: imports CSV text, or saves one area or one unit.
pub async fn save(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Form(form): Form<Fields>) -> Result<Response, PageError> {
    actor.housing_officer()?;
    actor.check_csrf(&form.csrf)?;
    apply(&state, &actor, &meta, form).await
}

/// The largest CSV file taken by the upload form (a round of thousands of units is far below).
const MAX_UPLOAD_BYTES: usize = 1024 * 1024;

/// POST /bolig/boliger/fil: imports uploaded areas.csv and/or units.csv files
/// (multipart form), exactly as if their text had been pasted.
pub async fn upload(State(state): State<AppState>, actor: Actor, meta: RequestMeta, mut multipart: Multipart) -> Result<Response, PageError> {
    actor.housing_officer()?;
    let (mut parts, mut errors) = crate::web::upload::text_parts(&mut multipart, MAX_UPLOAD_BYTES).await;
    let mut take = |name: &str| parts.remove(name).unwrap_or_default();
    let form = Fields { csrf: take("csrf"), areas_csv: take("areas_file"), units_csv: take("units_file"), ..Fields::default() };
    actor.check_csrf(&form.csrf)?;
    if errors.is_empty() && form.areas_csv.trim().is_empty() && form.units_csv.trim().is_empty() {
        errors.push(FieldError::new("areas_file", "vælg mindst én fil: areas.csv eller units.csv"));
    }
    if !errors.is_empty() {
        return Ok(page(&state, &actor, Fields::default(), errors).await?);
    }
    apply(&state, &actor, &meta, form).await
}

/// Checks and stores what a form or an upload brought.
async fn apply(state: &AppState, actor: &Actor, meta: &RequestMeta, form: Fields) -> Result<Response, PageError> {
    let tenant = actor.housing_officer()?;
    let (areas, units) = match parse(state, &tenant, &form).await {
        Ok(parsed) => parsed,
        Err(errors) => return Ok(page(state, actor, form, errors).await?),
    };
    state.store.save_areas(&tenant, &areas).await?;
    state.store.save_units(&tenant, &units).await?;
    let detail = format!("{} områder og {} boliger gemt", areas.len(), units.len());
    record(state, vec![meta.event(actor, AuditAction::Update, AuditEntity::HousingUnit, None, detail)]).await?;
    Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, "/bolig/boliger"))
}

/// A form with only its CSRF token.
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// POST /bolig/boliger/{code}/slet: deletes a unit, unless a household lives in it or
/// is decided to move into it.
pub async fn delete_unit(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(code): Path<String>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, PageError> {
    let tenant = actor.housing_officer()?;
    actor.check_csrf(&form.csrf)?;
    match super::delete::unit(&state.store, &tenant, &code).await {
        Ok(dropped) => {
            let detail = format!("bolig {code} slettet ({dropped} forslag fjernet)");
            record(&state, vec![meta.event(&actor, AuditAction::Delete, AuditEntity::HousingUnit, None, detail)]).await?;
            Ok(Redirect::to("/bolig/boliger#boliger").into_response())
        }
        Err(AppError::Invalid(errors)) => Ok(page(&state, &actor, Fields::default(), errors).await?),
        Err(e) => Err(e.into()),
    }
}

/// POST /bolig/omraader/{code}/slet: deletes an area with its units, unless a
/// household lives in or is decided to move into one of them.
pub async fn delete_area(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(code): Path<String>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, PageError> {
    let tenant = actor.housing_officer()?;
    actor.check_csrf(&form.csrf)?;
    match super::delete::area(&state.store, &tenant, &code).await {
        Ok(units) => {
            let detail = format!("område {code} slettet med {units} boliger");
            record(&state, vec![meta.event(&actor, AuditAction::Delete, AuditEntity::HousingArea, None, detail)]).await?;
            Ok(Redirect::to("/bolig/boliger#omraader").into_response())
        }
        Err(AppError::Invalid(errors)) => Ok(page(&state, &actor, Fields::default(), errors).await?),
        Err(e) => Err(e.into()),
    }
}
