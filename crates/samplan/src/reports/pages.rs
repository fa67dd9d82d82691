//! The report pages under `/rapporter`: the catalogue with the manager's subscriptions,
//! and a report for a chosen period (and, for the national secretariat, municipality)
//! with its suppressed tables and SVG charts, downloadable as CSV and XLSX with the
//! same numbers.
use super::{ReportQuery, ReportView, chart, schedule};
use crate::app::AppState;
use crate::auth::{Actor, RequestMeta};
use crate::domain::FieldError;
use crate::error::{AppError, PageError};
use crate::store::reports::SubscriptionRow;
use crate::web::extract::{Path, Query};
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

/// `/rapporter`.
#[derive(Template)]
#[template(path = "reports/index.html")]
pub struct IndexPage {
    chrome: Chrome,
    /// «Holbæk Kommune» (empty for the national secretariat, who chooses).
    municipality_name: String,
    /// The default period: the last whole quarter.
    default_period: (String, String),
    reports: Vec<(&'static str, &'static str, &'static str)>,
    subscriptions: Vec<(SubscriptionRow, String)>,
    can_subscribe: bool,
    has_email: bool,
    /// The report and frequency as chosen (re-shown after an error).
    chosen: (String, String),
    errors: Vec<FieldError>,
}

/// Whether `actor` may open `/rapporter`: the check [`index`] makes (any municipality
/// stands in for the one the secretariat picks later).
pub fn opens(actor: &Actor) -> bool {
    super::municipality_for(actor, Some("0101")).is_ok()
}

async fn index_page(state: &AppState, actor: &Actor, chosen: (String, String), errors: Vec<FieldError>) -> Result<Response, PageError> {
    super::municipality_for(actor, Some("0101")).map_err(PageError::from)?;
    let subscriptions = match actor.tenant() {
        Some(tenant) => state.store.report_subscriptions(&tenant, actor.user.id).await?,
        None => Vec::new(),
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let today = calendar::Date::parse(&chrono::Local::now().date_naive().to_string()).map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    let (from, to) = super::last_quarter(today);
    let municipality_name = actor
        .municipality()
        .and_then(|c| crate::domain::MunicipalityCode::parse(c).ok())
        .map(|c| format!("{} Kommune", c.municipality().name))
        .unwrap_or_default();
    let page = IndexPage {
        chrome: Chrome::new(state, actor, "rapporter"),
        municipality_name,
        default_period: (crate::persons::danish_date_long(&from.to_string()), crate::persons::danish_date_long(&to.to_string())),
        reports: super::catalogue().iter().map(|r| (r.id.as_str(), r.name.as_str(), r.description.as_str())).collect(),
        subscriptions: subscriptions
            .into_iter()
            .map(|s| {
                let name = super::find(&s.report_id).map(|r| r.name.clone()).unwrap_or_else(|| s.report_id.clone());
                (s, name)
            })
            .collect(),
        can_subscribe: actor.role == crate::domain::Role::Manager,
        has_email: actor.user.email.as_deref().is_some_and(|e| !e.trim().is_empty()),
        chosen,
        errors,
    };
    Ok((status, render(&page)).into_response())
}

/// GET /rapporter
pub async fn index(State(state): State<AppState>, actor: Actor) -> Result<Response, PageError> {
    index_page(&state, &actor, (String::new(), String::new()), Vec::new()).await
}

/// `/rapporter/{id}`.
#[derive(Template)]
#[template(path = "reports/report.html")]
pub struct ReportPage {
    chrome: Chrome,
    report: Option<ReportView>,
    id: String,
    name: String,
    from: String,
    to: String,
    kommune: String,
    is_national: bool,
    charts: Vec<String>,
    query: String,
    errors: Vec<FieldError>,
}

impl IndexPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.reason.as_str())
    }
}

impl ReportPage {
    fn period_fields(&self) -> [(&'static str, &'static str, String); 2] {
        [("from", "Fra (DD.MM.ÅÅÅÅ)", crate::persons::danish_date(&self.from)), ("to", "Til (DD.MM.ÅÅÅÅ)", crate::persons::danish_date(&self.to))]
    }

    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.reason.as_str())
    }
}

/// The Danish label of a field named in an error (the period, the municipality, the
/// subscription form).
pub fn field_label(field: &str) -> &'static str {
    match field {
        "from" => "Fra",
        "to" => "Til",
        "kommune" => "Kommunekode",
        "format" => "Format",
        "report_id" => "Rapport",
        "frequency" => "Hyppighed",
        _ => "Feltet",
    }
}

/// A shown count, or «skjult».
pub fn shown(v: &Option<u64>) -> String {
    v.map(|n| n.to_string()).unwrap_or_else(|| "skjult".into())
}

/// GET /rapporter/{id}
pub async fn show(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<String>,
    Query(q): Query<ReportQuery>,
) -> Result<Response, PageError> {
    let def = super::find(&id).ok_or(AppError::NotFound("rapporten"))?;
    let is_national = actor.role.is_national();
    if is_national && q.kommune.is_none() {
        let page = ReportPage {
            chrome: Chrome::new(&state, &actor, "rapporter"),
            report: None,
            id,
            name: def.name.clone(),
            from: q.from.unwrap_or_default(),
            to: q.to.unwrap_or_default(),
            kommune: String::new(),
            is_national,
            charts: Vec::new(),
            query: String::new(),
            errors: Vec::new(),
        };
        return Ok(render(&page).into_response());
    }
    let (report, errors) = match super::for_actor(&state, &actor, &meta, &id, &q).await {
        Ok(r) => (Some(r), Vec::new()),
        Err(AppError::Invalid(errors)) => (None, errors),
        Err(e) => return Err(e.into()),
    };
    let charts = report.iter().flat_map(|r| r.tables.iter().enumerate().map(|(i, t)| chart::bars(t, &format!("graf-{i}")))).collect();
    let (from, to) = report.as_ref().map(|r| (r.from.clone(), r.to.clone())).unwrap_or((q.from.clone().unwrap_or_default(), q.to.clone().unwrap_or_default()));
    let kommune = report.as_ref().map(|r| r.municipality.clone()).unwrap_or_else(|| q.kommune.clone().unwrap_or_default());
    let query = if is_national { format!("from={from}&to={to}&kommune={kommune}") } else { format!("from={from}&to={to}") };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = ReportPage {
        chrome: Chrome::new(&state, &actor, "rapporter"),
        report,
        id,
        name: def.name.clone(),
        from,
        to,
        kommune,
        is_national,
        charts,
        query,
        errors,
    };
    Ok((status, render(&page)).into_response())
}

/// GET /rapporter/{id}/eksport?format=csv|xlsx&from=&to=
pub async fn export(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<String>,
    Query(q): Query<ReportQuery>,
) -> Result<Response, PageError> {
    let format = match q.format.as_deref().unwrap_or("csv") {
        f @ ("csv" | "xlsx") => f,
        other => return Err(AppError::from(FieldError::new("format", format!("«{other}» – brug csv eller xlsx"))).into()),
    };
    let r = super::for_actor(&state, &actor, &meta, &id, &q).await?;
    Ok(crate::goals::export::download(&super::sheets(&r), format, &format!("{}-{}-{}-{}", r.id, r.municipality, r.from, r.to)))
}

/// The subscribe form.
#[derive(Debug, Deserialize)]
pub struct SubscribeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    report_id: String,
    #[serde(default)]
    frequency: String,
}

/// POST /rapporter/abonnementer
pub async fn subscribe(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Form(form): Form<SubscribeForm>) -> Result<Response, PageError> {
    actor.check_csrf(&form.csrf)?;
    match schedule::subscribe(&state, &actor, &meta, &form.report_id, &form.frequency).await {
        Ok(_) => Ok(Redirect::to("/rapporter#abonnementer").into_response()),
        Err(AppError::Invalid(errors)) => index_page(&state, &actor, (form.report_id, form.frequency), errors).await,
        Err(e) => Err(e.into()),
    }
}

/// The unsubscribe form.
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// POST /rapporter/abonnementer/{id}/slet
pub async fn unsubscribe(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, PageError> {
    actor.check_csrf(&form.csrf)?;
    schedule::unsubscribe(&state, &actor, &meta, id).await?;
    Ok(Redirect::to("/rapporter#abonnementer").into_response())
}
