//! `/prognose/kapacitet`: the municipality's quota per year and the places that become
//! free for newcomers in each of the coming twelve months, per resource (housing units by
//! size, Danish-education seats by track, daycare places by age group, school places by
//! grade band, reception-class places). A field left empty means nothing entered. Bad
//! values are shown again as typed with the reason at the field; a form submitted
//! unchanged writes nothing; every change is audited.
use super::service::{self};
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::FieldError;
use crate::error::{AppError, PageError};
use crate::store::Tenant;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::web::extract::Query;
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use forecast::{SERIES, SeriesKind};
use indicators::Month;
use std::collections::BTreeMap;

/// Months the form covers, from the current one.
pub const MONTHS: i64 = 12;
/// Most places in one field.
pub const MAX_PLACES: i64 = 100_000;

/// One resource's row.
pub struct Row {
    /// Series key.
    pub key: &'static str,
    /// Danish label.
    pub label: &'static str,
    /// Group.
    pub group: &'static str,
    /// `(field name, month, value as typed or stored)`.
    pub cells: Vec<(String, String, String)>,
}

/// The form page.
#[derive(Template)]
#[template(path = "forecast/capacity.html")]
pub struct CapacityPage {
    chrome: Chrome,
    months: Vec<String>,
    rows: Vec<Row>,
    /// `(field name, year, value)`.
    quotas: Vec<(String, i32, String)>,
    errors: Vec<FieldError>,
    saved: Option<usize>,
}

impl CapacityPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.reason.as_str())
    }
}

/// `2027-03` as «mar. 2027».
pub fn month(m: &str) -> String {
    super::chart::month_label(m)
}

fn field(resource: &str, month: &str) -> String {
    format!("c_{resource}_{month}")
}

fn months() -> Result<Vec<String>, AppError> {
    let start = Month::of(crate::deadlines::today());
    (0..MONTHS).map(|i| start.plus_months(i).map(|m| m.to_string()).ok_or_else(|| AppError::Internal(anyhow::anyhow!("month out of range")))).collect()
}

fn years(months: &[String]) -> Vec<i32> {
    let mut ys: Vec<i32> = months.iter().filter_map(|m| m.get(..4).and_then(|y| y.parse().ok())).collect();
    ys.dedup();
    ys
}

/// The stored values as the form shows them: field name → value.
async fn stored(state: &AppState, tenant: &Tenant, months: &[String]) -> Result<BTreeMap<String, String>, AppError> {
    let mut values = BTreeMap::new();
    for r in state.store.forecast_capacity(tenant, &months[0], &months[months.len() - 1]).await? {
        values.insert(field(&r.resource, &r.month), r.places.to_string());
    }
    for (year, persons) in state.store.forecast_quotas(tenant).await? {
        values.insert(format!("quota_{year}"), persons.to_string());
    }
    Ok(values)
}

fn page(state: &AppState, actor: &Actor, months: Vec<String>, values: &BTreeMap<String, String>, errors: Vec<FieldError>, saved: Option<usize>) -> Response {
    let rows = SERIES
        .iter()
        .filter(|s| s.kind == SeriesKind::Need)
        .map(|s| Row {
            key: s.key,
            label: s.label,
            group: s.group,
            cells: months.iter().map(|m| (field(s.key, m), m.clone(), values.get(&field(s.key, m)).cloned().unwrap_or_default())).collect(),
        })
        .collect();
    let quotas = years(&months).into_iter().map(|y| (format!("quota_{y}"), y, values.get(&format!("quota_{y}")).cloned().unwrap_or_default())).collect();
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    (status, render(&CapacityPage { chrome: Chrome::new(state, actor, "prognose"), months, rows, quotas, errors, saved })).into_response()
}

/// `?gemt=N` after saving.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Saved {
    gemt: Option<usize>,
}

/// GET /prognose/kapacitet
pub async fn show(State(state): State<AppState>, actor: Actor, Query(saved): Query<Saved>) -> Result<Response, PageError> {
    let tenant = service::planner(&actor)?;
    let months = months()?;
    let values = stored(&state, &tenant, &months).await?;
    Ok(page(&state, &actor, months, &values, Vec::new(), saved.gemt))
}

/// A submitted value: empty is "nothing entered".
fn parse(name: &str, raw: &str, max: i64, what: &str) -> Result<Option<i64>, FieldError> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<i64>() {
        Ok(n) if (0..=max).contains(&n) => Ok(Some(n)),
        _ => Err(FieldError::new(name.to_string(), format!("«{t}» – skriv et helt antal {what} fra 0 til {max}, eller lad feltet stå tomt"))),
    }
}

/// POST /prognose/kapacitet
pub async fn save(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Form(form): Form<Vec<(String, String)>>) -> Result<Response, PageError> {
    let tenant = service::planner(&actor)?;
    actor.check_csrf(form.iter().find(|(k, _)| k == "csrf").map_or("", |(_, v)| v.as_str()))?;
    let months = months()?;
    let submitted: BTreeMap<String, String> = form.into_iter().filter(|(k, _)| k != "csrf").collect();
    let before = stored(&state, &tenant, &months).await?;
    let mut errors = Vec::new();
    let mut capacity = Vec::new();
    for s in SERIES.iter().filter(|s| s.kind == SeriesKind::Need) {
        for m in &months {
            let name = field(s.key, m);
            let Some(raw) = submitted.get(&name) else { continue };
            match parse(&name, raw, MAX_PLACES, "pladser") {
                Ok(v) if v.map(|n| n.to_string()) != before.get(&name).cloned() => capacity.push((m.clone(), s.key.to_string(), v)),
                Ok(_) => {}
                Err(e) => errors.push(e),
            }
        }
    }
    let mut quotas = Vec::new();
    for y in years(&months) {
        let name = format!("quota_{y}");
        let Some(raw) = submitted.get(&name) else { continue };
        match parse(&name, raw, MAX_PLACES, "personer") {
            Ok(v) if v.map(|n| n.to_string()) != before.get(&name).cloned() => quotas.push((i64::from(y), v)),
            Ok(_) => {}
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        let mut shown = before;
        shown.extend(submitted);
        return Ok(page(&state, &actor, months, &shown, errors, None));
    }
    let changes = capacity.len() + quotas.len();
    if changes == 0 {
        return Ok(Redirect::to("/prognose/kapacitet?gemt=0").into_response());
    }
    state.store.save_forecast_inputs(&tenant, &capacity, &quotas, &actor.user.login).await.map_err(AppError::from)?;
    let describe = |v: &Option<i64>| v.map_or_else(|| "tom".to_string(), |n| n.to_string());
    let detail = capacity
        .iter()
        .map(|(m, r, v)| format!("{r} {m}: {}", describe(v)))
        .chain(quotas.iter().map(|(y, v)| format!("kvote {y}: {}", describe(v))))
        .collect::<Vec<_>>()
        .join("; ");
    record(&state, vec![meta.event(&actor, AuditAction::Update, AuditEntity::ForecastCapacity, None, detail)]).await?;
    Ok(Redirect::to(&format!("/prognose/kapacitet?gemt={changes}")).into_response())
}
