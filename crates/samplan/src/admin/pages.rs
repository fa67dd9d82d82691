//! The administrator's pages: the audit log, the list of users and the e-mail outbox.
use super::AuditParams;
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::Role;
use crate::error::PageError;
use crate::store::audit::{AuditAction, AuditEntity, AuditRow};
use crate::store::notifications::OutboxRow;
use crate::store::users::UserRow;
use crate::web::extract::Query;
use crate::web::pages::{Chrome, render, when};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

/// The audit log page.
#[derive(Template)]
#[template(path = "admin/audit.html")]
pub struct AuditPage {
    chrome: Chrome,
    filters: Vec<(&'static str, &'static str, String)>,
    rows: Vec<AuditRow>,
    error: Option<String>,
    /// The filters as a query string, for the page links.
    query: String,
    /// Showing older events than this one (`?foer=`), not the newest.
    before: Option<i64>,
    /// The id to continue from on the next page of older events.
    older: Option<i64>,
}

/// `?foer=` (an event id) of the audit log: the page of events older than it.
#[derive(Debug, serde::Deserialize)]
pub struct BeforeParam {
    #[serde(default)]
    foer: Option<String>,
}

/// Events per page of the audit log.
const PER_PAGE: usize = 200;

/// GET /admin/log
pub async fn audit_log(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Query(params): Query<AuditParams>,
    Query(page): Query<BeforeParam>,
) -> Result<Response, PageError> {
    let tenant = actor.administrator()?;
    let before = page.foer.as_deref().and_then(|b| b.trim().parse::<i64>().ok());
    let (mut rows, error) = match params.filter() {
        Ok(filter) => (state.store.audit_log_page(&tenant, &filter, PER_PAGE as i64 + 1, before).await?, None),
        Err(e) => (Vec::new(), Some(e.to_string())),
    };
    let more = rows.len() > PER_PAGE;
    rows.truncate(PER_PAGE);
    let older = rows.last().map(|r| r.id).filter(|_| more);
    record(&state, vec![meta.event(&actor, AuditAction::Read, AuditEntity::AuditLog, None, "revisionslog")]).await?;
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    let filters = vec![
        ("user", "Bruger", value(&params.user)),
        ("action", "Handling", value(&params.action)),
        ("entity", "Type", value(&params.entity)),
        ("entity_id", "Id", value(&params.entity_id)),
        ("from", "Fra dato", value(&params.from)),
        ("to", "Til dato", value(&params.to)),
    ];
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (name, _, value) in &filters {
        if !value.is_empty() {
            query.append_pair(name, value);
        }
    }
    let page = AuditPage { chrome: Chrome::new(&state, &actor, "admin"), filters, rows, error, query: query.finish(), before, older };
    Ok(render(&page).into_response())
}

/// The users page.
#[derive(Template)]
#[template(path = "admin/users.html")]
pub struct UsersPage {
    chrome: Chrome,
    users: Vec<UserRow>,
}

impl UsersPage {
    fn role_label(&self, code: &str) -> &'static str {
        Role::parse(code).map(|r| r.label()).unwrap_or("ukendt")
    }
}

/// GET /admin/brugere
pub async fn users(State(state): State<AppState>, actor: Actor) -> Result<Response, PageError> {
    let tenant = actor.administrator()?;
    let users = state.store.users_of(&tenant).await?;
    Ok(render(&UsersPage { chrome: Chrome::new(&state, &actor, "admin"), users }).into_response())
}

/// The e-mail outbox page.
#[derive(Template)]
#[template(path = "admin/outbox.html")]
pub struct OutboxPage {
    chrome: Chrome,
    relay: Option<String>,
    mails: Vec<OutboxRow>,
}

impl OutboxPage {
    fn time(&self, at: &str) -> String {
        when(at)
    }

    fn status(&self, mail: &OutboxRow) -> String {
        match (&mail.sent_at, &mail.given_up_at) {
            (Some(at), _) => format!("Sendt {}", when(at)),
            (None, Some(at)) => format!("Opgivet {}", when(at)),
            (None, None) if mail.attempts == 0 => "Venter".into(),
            (None, None) => format!("Venter (forsøg {}, næste {})", mail.attempts, mail.next_attempt_at.as_deref().map(when).unwrap_or_default()),
        }
    }
}

/// GET /admin/post: the municipality's mails, newest first, with their delivery state.
pub async fn outbox(State(state): State<AppState>, actor: Actor) -> Result<Response, PageError> {
    let tenant = actor.administrator()?;
    let mails = state.store.outbox(&tenant, 200).await?;
    let page = OutboxPage { chrome: Chrome::new(&state, &actor, "admin"), relay: state.mail_relay.clone(), mails };
    Ok(render(&page).into_response())
}
