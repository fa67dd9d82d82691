//! The placement page (`/bolig`): make a proposal, the spread across areas before and
//! after (table and chart), the households per area with their explanation, and the
//! approve and override forms. Every household shown is audited as a read.
use super::chart::{self, AreaSpread};
use super::decide::{self, Choice};
use super::round;
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::FieldError;
use crate::error::{AppError, PageError};
use crate::store::audit::{AuditAction, AuditEntity};
use crate::web::extract::Path;
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use std::collections::HashMap;

/// One household's line in the proposal.
pub struct Row {
    family_id: i64,
    name: String,
    persons: String,
    unit: String,
    status: &'static str,
    decided: bool,
    /// Decided into a temporary unit: may be released into the next round.
    can_release: bool,
    /// The temporary unit a released household lives in until its next placement.
    temporary_home: Option<String>,
    explanation: Vec<String>,
    reason: String,
    /// The estimated chance of employment per area, best first (with a model only).
    chances: Vec<String>,
    /// The model knows the main adult's features (else it takes the average resident).
    features_known: bool,
}

/// A released household not yet in a new proposal.
pub struct Released {
    family_id: i64,
    name: String,
    unit: String,
}

/// The households placed (or to be placed) in one area, or the unplaced ones.
pub struct Group {
    title: String,
    rows: Vec<Row>,
}

/// `/bolig`.
#[derive(Template)]
#[template(path = "housing/placement.html")]
pub struct PlacementPage {
    chrome: Chrome,
    waiting: usize,
    units: usize,
    areas: usize,
    spread: Vec<AreaSpread>,
    chart: String,
    groups: Vec<Group>,
    released: Vec<Released>,
    /// Free units: code and description.
    free_units: Vec<(String, String)>,
    /// The weights the round is made with, for the explanation of the costs.
    settings: placement::Settings,
    /// The employment term's weight (0: not weighed).
    employment_weight: i64,
    errors: Vec<FieldError>,
}

fn persons(adults: i64, children: i64) -> String {
    let a = if adults == 1 { "1 voksen".to_owned() } else { format!("{adults} voksne") };
    let c = if children == 1 { "1 barn".to_owned() } else { format!("{children} børn") };
    format!("{a}, {c}")
}

/// A unit as the officer knows it: «B4300-08, Nordvej 1, 4300 Holbæk: 3 værelser, 6.500 kr. om måneden, midlertidig».
fn describe(u: &crate::store::housing::UnitRow) -> String {
    let mut text = u.code.clone();
    if let Some(street) = u.street.as_deref().filter(|s| !s.is_empty()) {
        text.push_str(&format!(", {street}"));
        if let Some(pc) = &u.postal_code {
            text.push_str(&format!(", {pc} {}", u.city.as_deref().unwrap_or("")));
        }
    }
    let rooms = if u.rooms == 1 { "1 værelse".to_owned() } else { format!("{} værelser", u.rooms) };
    let rent = crate::civil_society::kroner(u.rent);
    let tenure = if u.tenure == "permanent" { "" } else { ", midlertidig" };
    let access = if u.accessible == 1 { ", tilgængelig" } else { "" };
    format!("{text}: {rooms}, {rent} om måneden{tenure}{access}")
}

fn status_label(status: &str) -> &'static str {
    match status {
        "approved" => "Godkendt",
        "overridden" => "Tilsidesat",
        _ => "Foreslået",
    }
}

async fn page(state: &AppState, actor: &Actor, meta: &RequestMeta, errors: Vec<FieldError>) -> Result<Response, AppError> {
    let tenant = actor.housing_officer()?;
    let inputs = round::Inputs::load(&state.store, &tenant).await?;
    let needs: HashMap<i64, _> = inputs.needs.iter().map(|n| (n.family_id, n)).collect();
    let units: HashMap<&str, &crate::store::housing::UnitRow> = inputs.units.iter().map(|u| (u.code.as_str(), u)).collect();
    let unit_area: HashMap<&str, &str> = inputs.units.iter().map(|u| (u.code.as_str(), u.area_code.as_str())).collect();
    let temporary: std::collections::HashSet<&str> = inputs.units.iter().filter(|u| u.tenure == "temporary").map(|u| u.code.as_str()).collect();
    let mut groups: Vec<Group> = inputs.areas.iter().map(|a| Group { title: format!("{} ({})", a.name, a.code), rows: Vec::new() }).collect();
    let area_index: HashMap<&str, usize> = inputs.areas.iter().enumerate().map(|(i, a)| (a.code.as_str(), i)).collect();
    let mut unplaced = Group { title: "Ikke placeret".into(), rows: Vec::new() };
    let stored = super::employment::load(&state.store, &tenant).await?;
    let adults = match stored.model {
        Some(_) => super::employment::main_adults(&state.store, &tenant, chrono::Local::now().date_naive()).await?,
        None => HashMap::new(),
    };
    let chances = |family_id: i64| -> Vec<String> {
        let Some(model) = &stored.model else { return Vec::new() };
        let features = adults.get(&family_id).copied().flatten();
        let mut estimates: Vec<_> = inputs.areas.iter().map(|a| (a, model.estimate(&placement::AreaId(a.code.clone()), features.as_ref()))).collect();
        estimates.sort_by(|x, y| y.1.p.total_cmp(&x.1.p));
        estimates
            .into_iter()
            .map(|(a, e)| {
                let basis = if e.fallback {
                    format!("{} tidligere beboere, for få: kommunens samlede model", e.residents)
                } else {
                    format!("{} tidligere beboere", e.residents)
                };
                let pct = super::explain_text::percent;
                format!("{}: {} ({}–{}; {basis})", a.name, pct(e.p), pct(e.low), pct(e.high))
            })
            .collect()
    };
    let mut events = Vec::new();
    for p in &inputs.placements {
        let Some(n) = needs.get(&p.family_id) else { continue };
        events.push(meta.event(actor, AuditAction::Read, AuditEntity::Family, Some(p.family_id), "boligplacering"));
        let row = Row {
            family_id: p.family_id,
            name: n.family_name.clone(),
            persons: persons(n.adults, n.children),
            unit: p.unit_code.as_deref().and_then(|c| units.get(c)).map_or_else(|| p.unit_code.clone().unwrap_or_else(|| "–".into()), |u| describe(u)),
            status: status_label(&p.status),
            decided: round::is_decided(p),
            can_release: round::is_decided(p) && n.permanent_since.is_none() && p.unit_code.as_deref().is_some_and(|u| temporary.contains(u)),
            temporary_home: n.temporary_unit_code.clone(),
            explanation: p.explanation.lines().map(str::to_owned).collect(),
            reason: p.reason.clone(),
            chances: chances(p.family_id),
            features_known: adults.get(&p.family_id).is_some_and(Option::is_some),
        };
        let index = p.unit_code.as_deref().and_then(|u| unit_area.get(u)).and_then(|a| area_index.get(a));
        match index {
            Some(&i) => groups[i].rows.push(row),
            None => unplaced.rows.push(row),
        }
    }
    let with_row: std::collections::HashSet<i64> = inputs.placements.iter().map(|p| p.family_id).collect();
    let released: Vec<Released> = inputs
        .needs
        .iter()
        .filter(|n| n.permanent_since.is_none() && !with_row.contains(&n.family_id))
        .filter_map(|n| {
            let unit = n.temporary_unit_code.clone()?;
            events.push(meta.event(actor, AuditAction::Read, AuditEntity::Family, Some(n.family_id), "boligplacering"));
            Some(Released { family_id: n.family_id, name: n.family_name.clone(), unit })
        })
        .collect();
    record(state, events).await?;
    groups.retain(|g| !g.rows.is_empty());
    if !unplaced.rows.is_empty() {
        groups.push(unplaced);
    }
    let mut held = inputs.occupied_units();
    held.extend(inputs.placements.iter().filter_map(|p| p.unit_code.as_deref()));
    let free_units = inputs.units.iter().filter(|u| !held.contains(u.code.as_str())).map(|u| (u.code.clone(), describe(u))).collect();
    let homes: Vec<(i64, &str)> =
        inputs.needs.iter().filter(|n| n.permanent_since.is_none()).filter_map(|n| Some((n.family_id, n.temporary_unit_code.as_deref()?))).collect();
    let spread = chart::spread(&inputs.areas, &inputs.units, &inputs.placements, &homes);
    let view = PlacementPage {
        chrome: Chrome::new(state, actor, "boligplacering"),
        waiting: inputs.needs.iter().filter(|n| n.permanent_since.is_none()).count(),
        units: inputs.units.len(),
        areas: inputs.areas.len(),
        chart: chart::svg(&spread),
        spread,
        groups,
        released,
        free_units,
        settings: placement::Settings::default(),
        employment_weight: if stored.model.is_some() { stored.weight() } else { 0 },
        errors,
    };
    let status = if view.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, render(&view)).into_response())
}

/// GET /bolig
pub async fn show(State(state): State<AppState>, actor: Actor, meta: RequestMeta) -> Result<Response, PageError> {
    Ok(page(&state, &actor, &meta, Vec::new()).await?)
}

/// A form with only its CSRF token.
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// POST /bolig/forslag: runs the optimiser and shows the result.
pub async fn propose(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Form(form): Form<CsrfForm>) -> Result<Response, PageError> {
    let tenant = actor.housing_officer()?;
    actor.check_csrf(&form.csrf)?;
    let result = match round::propose(&state.store, &tenant).await {
        Ok(r) => r,
        Err(AppError::Invalid(errors)) => return Ok(page(&state, &actor, &meta, errors).await?),
        Err(AppError::BadRequest(reason)) => return Ok(page(&state, &actor, &meta, vec![FieldError::new("forslag", reason)]).await?),
        Err(e) => return Err(e.into()),
    };
    let events =
        result.families.iter().map(|&id| meta.event(&actor, AuditAction::Update, AuditEntity::HousingPlacement, Some(id), "boligforslag lavet")).collect();
    record(&state, events).await?;
    Ok(Redirect::to("/bolig#forslag").into_response())
}

/// The override form.
#[derive(Debug, Deserialize)]
pub struct OverrideForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    confirm: Option<String>,
}

async fn decide_page(state: &AppState, actor: &Actor, meta: &RequestMeta, family_id: i64, choice: Result<Choice, FieldError>) -> Result<Response, PageError> {
    let tenant = actor.housing_officer()?;
    let choice = match choice {
        Ok(c) => c,
        Err(e) => return Ok(page(state, actor, meta, vec![e]).await?),
    };
    match decide::decide(&state.store, &tenant, family_id, &choice, &actor.user.login, crate::deadlines::today()).await {
        Ok(p) => {
            let detail = match &choice {
                Choice::Approve => format!("godkendt: bolig {}", p.unit_code.as_deref().unwrap_or("ingen")),
                Choice::Override { reason, .. } => format!("tilsidesat: bolig {}; begrundelse: {reason}", p.unit_code.as_deref().unwrap_or("ingen")),
            };
            record(state, vec![meta.event(actor, AuditAction::Update, AuditEntity::HousingPlacement, Some(family_id), detail)]).await?;
            let notice = if matches!(choice, Choice::Approve) { crate::web::notice::Notice::Approved } else { crate::web::notice::Notice::Saved };
            Ok(crate::web::notice::after(notice, &format!("/bolig#placering-{family_id}")))
        }
        Err(AppError::Invalid(errors)) => Ok(page(state, actor, meta, errors).await?),
        Err(e) => Err(e.into()),
    }
}

/// POST /bolig/placeringer/{id}/godkend
pub async fn approve(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, PageError> {
    actor.housing_officer()?;
    actor.check_csrf(&form.csrf)?;
    decide_page(&state, &actor, &meta, id, Ok(Choice::Approve)).await
}

/// POST /bolig/placeringer/{id}/tilsidesaet
pub async fn override_placement(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<OverrideForm>,
) -> Result<Response, PageError> {
    let tenant = actor.housing_officer()?;
    state.store.housing_need(&tenant, id).await?.ok_or(AppError::NotFound("husstanden"))?;
    actor.check_csrf(&form.csrf)?;
    decide_page(&state, &actor, &meta, id, decide::override_choice(Some(&form.unit), &form.reason, form.confirm.is_some())).await
}

/// POST /bolig/placeringer/{id}/frigiv: releases a household in temporary housing
/// into the next round for a permanent home (it keeps its temporary unit meanwhile).
pub async fn release(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, PageError> {
    let tenant = actor.housing_officer()?;
    actor.check_csrf(&form.csrf)?;
    match decide::release(&state.store, &tenant, id).await {
        Ok(unit) => {
            let detail = format!("frigivet til en ny runde for permanent bolig; bor fortsat i den midlertidige bolig {unit}");
            record(&state, vec![meta.event(&actor, AuditAction::Update, AuditEntity::HousingPlacement, Some(id), detail)]).await?;
            Ok(crate::web::notice::after(crate::web::notice::Notice::Released, &format!("/bolig#placering-{id}")))
        }
        Err(AppError::Invalid(errors)) => Ok(page(&state, &actor, &meta, errors).await?),
        Err(e) => Err(e.into()),
    }
}
