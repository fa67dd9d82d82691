//! Recording reads and changes of person data: the request's id and client address,
//! and helpers that turn an actor's access into audit events.
use super::Actor;
use crate::app::AppState;
use crate::error::AppError;
use crate::store::audit::{AuditAction, AuditEntity, AuditEvent};
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use std::convert::Infallible;
use std::net::SocketAddr;

/// Where a request came from and its id (set by the request-id layer).
#[derive(Debug, Clone)]
pub struct RequestMeta {
    /// `x-request-id`.
    pub request_id: String,
    /// The client's address (the socket peer).
    pub remote_addr: String,
}

impl FromRequestParts<AppState> for RequestMeta {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let request_id = parts.headers.get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-").to_string();
        // Behind a trusted proxy the client is the last address the proxy added.
        let forwarded = state.settings.client_address_header.as_deref().and_then(|name| {
            let value = parts.headers.get_all(name).iter().filter_map(|v| v.to_str().ok()).next_back()?;
            let last = value.rsplit(',').next()?.trim();
            last.parse::<std::net::IpAddr>().ok().map(|ip| ip.to_string())
        });
        // The extractor also finds the address tests set with `MockConnectInfo`.
        let remote_addr = match forwarded {
            Some(ip) => ip,
            None => ConnectInfo::<SocketAddr>::from_request_parts(parts, state).await.map(|c| c.0.ip().to_string()).unwrap_or_else(|_| "-".into()),
        };
        Ok(RequestMeta { request_id, remote_addr })
    }
}

impl RequestMeta {
    /// An event done by `actor`.
    pub fn event(&self, actor: &Actor, action: AuditAction, entity: AuditEntity, entity_id: Option<i64>, detail: impl Into<String>) -> AuditEvent {
        AuditEvent {
            municipality_code: actor.user.municipality_code.clone(),
            user_id: Some(actor.user.id),
            user_login: actor.user.login.clone(),
            action,
            entity,
            entity_id: entity_id.map(|id| id.to_string()),
            detail: detail.into(),
            request_id: self.request_id.clone(),
            remote_addr: self.remote_addr.clone(),
        }
    }
}

impl RequestMeta {
    /// One `read` event per distinct person among `person_ids`, in first-seen order.
    pub fn person_reads(&self, actor: &Actor, person_ids: impl IntoIterator<Item = i64>, detail: &str) -> Vec<AuditEvent> {
        let mut seen = std::collections::BTreeSet::new();
        person_ids.into_iter().filter(|id| seen.insert(*id)).map(|id| self.event(actor, AuditAction::Read, AuditEntity::Person, Some(id), detail)).collect()
    }
}

/// Appends events and returns once they are committed; failing to audit fails the
/// request, so no access goes unrecorded. The events go through the state's single
/// [`AuditWriter`], which commits everything waiting in one transaction.
pub async fn record(state: &AppState, events: Vec<AuditEvent>) -> Result<(), AppError> {
    if events.is_empty() {
        return Ok(());
    }
    state.audit_writer.write(&state.store, events).await
}

/// Most events committed in one transaction.
const MAX_BATCH: usize = 2000;

/// Requests waiting to be written: their events and whom to tell.
type Waiting = (Vec<AuditEvent>, tokio::sync::oneshot::Sender<Result<(), String>>);

/// One writer of audit events per server (decision 007): requests hand their events to a
/// task that writes everything waiting in one transaction (group commit), and each
/// request continues only when its own events are committed. No request waits for a
/// timer: while one transaction commits, the next batch gathers. So reads are no longer
/// serialised behind one another's audit transactions, and what is answered is written.
#[derive(Default)]
pub struct AuditWriter {
    queue: std::sync::OnceLock<tokio::sync::mpsc::UnboundedSender<Waiting>>,
}

impl AuditWriter {
    /// Writes `events` and waits for their commit.
    pub async fn write(&self, store: &crate::store::Store, events: Vec<AuditEvent>) -> Result<(), AppError> {
        let queue = self.queue.get_or_init(|| {
            let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
            tokio::spawn(run(store.clone(), rx));
            tx
        });
        let (done, answer) = tokio::sync::oneshot::channel();
        if queue.send((events.clone(), done)).is_err() {
            // The writer is gone (its runtime ended): write directly.
            return store.audit(&events).await.map_err(AppError::from);
        }
        match answer.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(AppError::Internal(anyhow::anyhow!("revisionsloggen kunne ikke skrives: {e}"))),
            Err(_) => store.audit(&events).await.map_err(AppError::from),
        }
    }
}

/// The writer: takes what is waiting (at least one request, at most `MAX_BATCH` events
/// unless one request has more), commits it in one transaction and answers each request.
async fn run(store: crate::store::Store, mut rx: tokio::sync::mpsc::UnboundedReceiver<Waiting>) {
    while let Some(first) = rx.recv().await {
        let mut count = first.0.len();
        let mut batch = vec![first];
        while count < MAX_BATCH {
            match rx.try_recv() {
                Ok(next) => {
                    count += next.0.len();
                    batch.push(next);
                }
                Err(_) => break,
            }
        }
        let events: Vec<AuditEvent> = batch.iter().flat_map(|(e, _)| e.iter().cloned()).collect();
        let result = store.audit(&events).await.map_err(|e| e.to_string());
        if let Err(e) = &result {
            tracing::error!(error = %e, events = events.len(), "audit batch failed; its requests fail");
        }
        for (_, done) in batch {
            let _ = done.send(result.clone());
        }
    }
}
