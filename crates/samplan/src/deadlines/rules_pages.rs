//! The municipality's own tightening of the shipped rules, edited by the administrator
//! as an override file (format in docs/rules.md). Loosening is refused with the rule and
//! both values named; after a save every person's deadlines are recomputed.
use super::recompute_all;
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::error::{AppError, PageError};
use crate::store::audit::{AuditAction, AuditEntity};
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use rules::{OverrideError, OverrideErrorKind, RuleSet};
use serde::Deserialize;

/// A refused override in Danish, naming the rule and both values.
fn danish(e: &OverrideError) -> String {
    let id = &e.rule_id;
    match &e.kind {
        OverrideErrorKind::UnknownRule => format!("reglen «{id}» findes ikke"),
        OverrideErrorKind::LaterDeadline { shipped, requested } => {
            format!("{id}: fristen {requested} ville lempe reglens {shipped}; kommunen må kun forkorte en frist")
        }
        OverrideErrorKind::IncomparableOffsets { shipped, requested } => {
            format!("{id}: {requested} kan ikke sammenlignes sikkert med reglens {shipped}; angiv fristen i samme enhed")
        }
        OverrideErrorKind::LowerMinimum { field, shipped, requested } => {
            format!("{id}: {field} = {requested} ville lempe reglens {shipped}; kommunen må kun hæve det")
        }
        OverrideErrorKind::Disables => format!("{id}: enabled = false ville slå en lovbestemt regel fra"),
        OverrideErrorKind::NotAdjustable { field, kind } => format!("{id}: «{field}» kan ikke ændres på en regel af typen {kind}"),
        _ => e.to_string(),
    }
}

/// The rules page.
#[derive(Template)]
#[template(path = "deadlines/rules.html")]
pub struct RulesPage {
    chrome: Chrome,
    text: String,
    error: Option<String>,
    rules: Vec<(String, String, String)>,
}

async fn page(state: &AppState, actor: &Actor, text: Option<String>, error: Option<String>) -> Result<Response, AppError> {
    let tenant = actor.administrator()?;
    let text = match text {
        Some(t) => t,
        None => state.store.rule_overrides(&tenant).await?.unwrap_or_default(),
    };
    let mut rules: Vec<(String, String, String)> = RuleSet::shipped()
        .rules()
        .iter()
        .map(|r| (r.id.clone(), r.title.clone(), format!("{} {}", r.source.law, r.source.paragraph).trim().to_string()))
        .collect();
    rules.dedup_by(|a, b| a.0 == b.0);
    let status = if error.is_some() { axum::http::StatusCode::UNPROCESSABLE_ENTITY } else { axum::http::StatusCode::OK };
    Ok((status, render(&RulesPage { chrome: Chrome::new(state, actor, "admin"), text, error, rules })).into_response())
}

/// GET /admin/regler
pub async fn show(State(state): State<AppState>, actor: Actor) -> Result<Response, PageError> {
    Ok(page(&state, &actor, None, None).await?)
}

/// The override form.
#[derive(Debug, Deserialize)]
pub struct RulesForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    text: String,
}

/// POST /admin/regler
pub async fn save(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Form(form): Form<RulesForm>) -> Result<Response, PageError> {
    let tenant = actor.administrator()?;
    actor.check_csrf(&form.csrf)?;
    let checked = rules::parse_overrides("kommunens regler", &form.text)
        .map_err(|e| e.to_string())
        .and_then(|o| RuleSet::shipped().with_overrides(&o).map(|_| o.len()).map_err(|e| danish(&e)));
    let count = match checked {
        Ok(n) => n,
        Err(reason) => return Ok(page(&state, &actor, Some(form.text), Some(reason)).await?),
    };
    state.store.set_rule_overrides(&tenant, &form.text, &actor.user.login).await?;
    record(&state, vec![meta.event(&actor, AuditAction::Update, AuditEntity::RuleOverride, None, format!("{count} skærpelser af reglerne"))]).await?;
    let store = state.store.clone();
    tokio::spawn(async move {
        if let Err(e) = recompute_all(&store, &tenant).await {
            tracing::error!(error = %e, "recomputing deadlines after a rule change failed");
        }
    });
    Ok(Redirect::to("/admin/regler").into_response())
}
