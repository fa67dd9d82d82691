//! The pages: `/maal` (the municipality's indicators and local goals with their
//! progress charts; managers set goals), `/maal/partnerskab` (a partnership's or, for
//! the national secretariat, all municipalities' suppressed comparison with expected
//! versus actual) and their CSV/XLSX exports. Every view is audited as an aggregate read.
use super::GoalInput;
use super::export;
use super::service::{self, Comparison, GoalView, Scope};
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::{FieldError, Role};
use crate::error::{AppError, PageError};
use crate::store::Tenant;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::goals::PartnershipRow;
use crate::web::extract::Query;
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

/// `/maal`.
#[derive(Template)]
#[template(path = "goals/goals.html")]
pub struct GoalsPage {
    chrome: Chrome,
    views: Vec<GoalView>,
    can_edit: bool,
    indicators: Vec<(&'static str, &'static str)>,
    chosen: String,
    form: GoalInput,
    errors: Vec<FieldError>,
    saved: bool,
}

/// Query of `/maal`.
#[derive(Debug, Default, Deserialize)]
pub struct GoalsQuery {
    /// Pre-fill the form with this indicator's goal.
    #[serde(default)]
    indikator: Option<String>,
    /// Set after a save.
    #[serde(default)]
    gemt: Option<String>,
    /// `csv` or `xlsx` (the export).
    #[serde(default)]
    format: Option<String>,
}

/// The goal form.
#[derive(Debug, Default, Deserialize)]
pub struct GoalForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    indicator_id: String,
    #[serde(flatten)]
    goal: GoalInput,
}

/// The municipality of its own staff (`Role::is_municipal_staff`; the national secretariat
/// has its own pages). Organisations' volunteer coordinators, translators and regional
/// coordinators do not work with the municipality's local goals.
/// Whether `actor` may open `/maal`: the municipality's own staff see its goals, and the
/// national secretariat is sent on to its own page (what [`show`] does).
pub fn opens(actor: &Actor) -> bool {
    actor.role.is_national() || own_municipality(actor).is_ok()
}

fn own_municipality(actor: &Actor) -> Result<Tenant, AppError> {
    match actor.tenant() {
        Some(tenant) if actor.role.is_municipal_staff() => Ok(tenant),
        _ => Err(AppError::forbidden()),
    }
}

async fn goal_views(state: &AppState, actor: &Actor, meta: &RequestMeta, tenant: &Tenant) -> Result<Vec<GoalView>, AppError> {
    let goals = state.store.goals(tenant).await?;
    let views = service::current_goal_views(&state.store, tenant, &goals, service::last_complete_month()).await?;
    record(state, vec![meta.event(actor, AuditAction::Read, AuditEntity::Indicators, None, format!("lokale mål og indikatorer for {tenant} (aggregater)"))])
        .await?;
    Ok(views)
}

async fn goals_page(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    chosen: String,
    form: GoalInput,
    errors: Vec<FieldError>,
    saved: bool,
) -> Result<Response, AppError> {
    let tenant = own_municipality(actor)?;
    let views = goal_views(state, actor, meta, &tenant).await?;
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = GoalsPage {
        chrome: Chrome::new(state, actor, "maal"),
        views,
        can_edit: actor.role == Role::Manager,
        indicators: indicators::shipped().iter().map(|i| (i.id.as_str(), i.name.as_str())).collect(),
        chosen,
        form,
        errors,
        saved,
    };
    Ok((status, render(&page)).into_response())
}

/// GET /maal
pub async fn show(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Query(q): Query<GoalsQuery>) -> Result<Response, PageError> {
    if actor.role.is_national() {
        return Ok(Redirect::to("/sekretariat").into_response());
    }
    let tenant = own_municipality(&actor)?;
    let chosen = q.indikator.clone().unwrap_or_default();
    let form = match state.store.goals(&tenant).await?.into_iter().find(|g| g.indicator_id == chosen) {
        Some(g) => GoalInput {
            baseline_month: g.baseline_month,
            baseline: indicators::danish_number(g.baseline),
            target: indicators::danish_number(g.target),
            target_date: g.target_date.danish().to_string(),
            reasoning: g.reasoning,
        },
        None => GoalInput { baseline_month: service::last_complete_month().to_string(), ..GoalInput::default() },
    };
    Ok(goals_page(&state, &actor, &meta, chosen, form, Vec::new(), q.gemt.is_some()).await?)
}

/// POST /maal: a manager sets or changes a local goal.
pub async fn save(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Form(form): Form<GoalForm>) -> Result<Response, PageError> {
    actor.check_csrf(&form.csrf)?;
    if actor.role != Role::Manager {
        return Err(AppError::Forbidden("kun ledere kan sætte lokale mål".into()).into());
    }
    let tenant = own_municipality(&actor)?;
    let parsed = service::indicator("indicator_id", &form.indicator_id)
        .map_err(|_| vec![FieldError::new("indicator_id", "vælg en indikator")])
        .and_then(|ind| form.goal.parse(ind, tenant.code(), &actor.user.login));
    match parsed {
        Ok(goal) => {
            state.store.save_goal(&tenant, &goal).await?;
            let detail = format!("lokalt mål {}: {} → {} inden {}", goal.indicator_id, goal.baseline, goal.target, goal.target_date.danish());
            record(&state, vec![meta.event(&actor, AuditAction::Update, AuditEntity::LocalGoal, None, detail)]).await?;
            Ok(Redirect::to(&format!("/maal?gemt=1&indikator={}#mal-{}", goal.indicator_id, goal.indicator_id)).into_response())
        }
        Err(errors) => Ok(goals_page(&state, &actor, &meta, form.indicator_id.clone(), form.goal, errors, false).await?),
    }
}

/// GET /maal/eksport?format=csv|xlsx: the goals table.
pub async fn export_goals(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Query(q): Query<GoalsQuery>) -> Result<Response, PageError> {
    let format = export_format(q.format.as_deref())?;
    let tenant = own_municipality(&actor)?;
    let views = goal_views(&state, &actor, &meta, &tenant).await?;
    Ok(export::download(&[export::goal_sheet(&views)], format, &format!("lokale-maal-{tenant}")))
}

fn export_format(raw: Option<&str>) -> Result<&'static str, AppError> {
    match raw.unwrap_or("csv") {
        "csv" => Ok("csv"),
        "xlsx" => Ok("xlsx"),
        other => Err(FieldError::new("format", format!("«{other}» – brug csv eller xlsx")).into()),
    }
}

/// `/maal/partnerskab`.
#[derive(Template)]
#[template(path = "goals/comparison.html")]
pub struct ComparisonPage {
    chrome: Chrome,
    indicators: Vec<(&'static str, &'static str)>,
    partnerships: Vec<PartnershipRow>,
    is_national: bool,
    chosen_partnership: Option<i64>,
    all: bool,
    scope_title: String,
    members: Vec<String>,
    comparison: Option<Comparison>,
    query: String,
    month: String,
    /// The reader's own municipality (none for the national secretariat).
    own: Option<String>,
    /// Months pooled.
    months: i64,
}

/// The indicator a comparison shows first: its cohort is everyone, so even small
/// municipalities have cells to show.
pub const DEFAULT_INDICATOR: &str = "association_active";

/// Query of the comparison page, its export and the API.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct ComparisonQuery {
    /// Indicator id (default: `association_active`).
    #[serde(default)]
    pub indikator: Option<String>,
    /// `YYYY-MM` (default: the last whole month).
    #[serde(default)]
    #[param(pattern = r"^([0-9]{4}-(0[1-9]|1[0-2]))?$")]
    pub maaned: Option<String>,
    /// Months pooled, ending with `maaned`: 1 (default), 3, 6 or 12 — for a month
    /// too thin to show.
    #[serde(default)]
    #[param(pattern = "^(1|3|6|12)?$")]
    pub maaneder: Option<String>,
    /// Partnership id (default: the first the user may see).
    #[serde(default)]
    pub partnerskab: Option<i64>,
    /// `1`: all municipalities (the national secretariat only).
    #[serde(default)]
    pub alle: Option<String>,
    /// `csv` or `xlsx` (the export).
    #[serde(default)]
    pub format: Option<String>,
}

/// The comparison a query asks for, audited; `None` when the user's municipality is in
/// no partnership.
pub async fn comparison_for(state: &AppState, actor: &Actor, meta: &RequestMeta, q: &ComparisonQuery) -> Result<Option<(Scope, Comparison)>, AppError> {
    let indicator = service::indicator("indikator", q.indikator.as_deref().unwrap_or(DEFAULT_INDICATOR))?;
    let month = service::parse_month("maaned", q.maaned.as_deref())?;
    let months = match q.maaneder.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        None => 1,
        Some(raw) => raw
            .parse::<i64>()
            .ok()
            .filter(|m| service::POOLED_MONTHS.contains(m))
            .ok_or_else(|| crate::domain::FieldError::new("maaneder", format!("«{raw}» er ikke en periode; vælg 1, 3, 6 eller 12 måneder")))?,
    };
    let all = q.alle.as_deref().is_some_and(|a| a == "1");
    let Some(scope) = service::scope_for(&state.store, actor, q.partnerskab, all).await? else { return Ok(None) };
    let codes = scope.codes(month);
    let comparison = service::current_comparison(&state.store, indicator, &codes, month, months).await?;
    let detail = format!("sammenligning {} {} ({} mdr.) ({}: {})", indicator.id, month, months, scope.title(), codes.join(", "));
    record(state, vec![meta.event(actor, AuditAction::Read, AuditEntity::Indicators, None, detail)]).await?;
    Ok(Some((scope, comparison)))
}

/// GET /maal/partnerskab
pub async fn comparison(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Query(q): Query<ComparisonQuery>) -> Result<Response, PageError> {
    let found = comparison_for(&state, &actor, &meta, &q).await?;
    let is_national = actor.role.is_national();
    let partnerships = if is_national {
        state.store.partnerships().await?
    } else {
        found.iter().filter_map(|(s, _)| if let Scope::Partnership(p, _) = s { Some(p.clone()) } else { None }).collect()
    };
    let (scope_title, members, chosen_partnership) = match &found {
        Some((scope @ Scope::Partnership(p, _), c)) => {
            let month: indicators::Month = c.month.parse().map_err(|_| AppError::Internal(anyhow::anyhow!("bad month")))?;
            (scope.title(), scope.codes(month).iter().map(|c| service::municipality_name(c)).collect(), Some(p.id))
        }
        Some((scope, _)) => (scope.title(), Vec::new(), None),
        None => (String::new(), Vec::new(), None),
    };
    let comparison = found.map(|(_, c)| c);
    let month = comparison.as_ref().map(|c| c.month.clone()).unwrap_or_else(|| service::last_complete_month().to_string());
    let indicator = comparison.as_ref().map(|c| c.indicator.id.clone()).unwrap_or_default();
    let all = q.alle.as_deref() == Some("1");
    let months = comparison.as_ref().map_or(1, |c| c.months);
    let query = match (all, chosen_partnership) {
        (true, _) => format!("indikator={indicator}&maaned={month}&maaneder={months}&alle=1"),
        (false, Some(id)) => format!("indikator={indicator}&maaned={month}&maaneder={months}&partnerskab={id}"),
        _ => format!("indikator={indicator}&maaned={month}&maaneder={months}"),
    };
    let page = ComparisonPage {
        chrome: Chrome::new(&state, &actor, "maal"),
        indicators: indicators::shipped().iter().map(|i| (i.id.as_str(), i.name.as_str())).collect(),
        partnerships,
        is_national,
        chosen_partnership,
        all,
        scope_title,
        members,
        comparison,
        query,
        month,
        own: actor.user.municipality_code.clone(),
        months,
    };
    Ok(render(&page).into_response())
}

/// GET /maal/partnerskab/eksport?…&format=csv|xlsx: the same suppressed tables.
pub async fn export_comparison(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Query(q): Query<ComparisonQuery>,
) -> Result<Response, PageError> {
    let format = export_format(q.format.as_deref())?;
    let (_, c) = comparison_for(&state, &actor, &meta, &q).await?.ok_or(AppError::NotFound("et partnerskab med din kommune"))?;
    Ok(export::download(&export::comparison_sheets(&c), format, &format!("sammenligning-{}-{}-{}mdr", c.indicator.id, c.month, c.months)))
}
