//! `/api/v1/persons/{id}/deadlines`, `/api/v1/persons/{id}/events` and `/api/v1/deadlines`
//! (with filters and CSV export); a case event is corrected or deleted with a reason at
//! `/api/v1/persons/{id}/events/{event}`.
pub use super::service::{DeadlineView, EventInput};
use super::service::{EventCorrection, add_event, case_events, list, list_after, list_page};
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::FieldError;
use crate::error::{ApiError, AppError};
use crate::store::Tenant;
use crate::store::access::Reach;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::deadlines::EventRow;
use crate::store::deadlines::{DeadlineFilter, DeadlineKey};
use crate::web::extract::{Path, Query};
use crate::web::json::ApiJson;
use crate::web::paging::{PageParams, Paging};
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// A person's deadlines.
#[utoipa::path(get, path = "/api/v1/persons/{id}/deadlines", tag = "deadlines", params(("id" = i64, Path), crate::web::paging::PageParams),
    responses((status = 200, body = Vec<DeadlineView>), (status = 404, body = crate::error::Problem)))]
pub async fn person_deadlines(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    paging: crate::web::paging::Paging,
) -> Result<crate::web::paging::Page<DeadlineView>, ApiError> {
    let access = actor.person_access(&state.store).await?;
    access.person(&state.store, id).await?;
    let filter = DeadlineFilter { person_id: Some(id), ..Default::default() };
    let rows = list(&state, access.tenant(), access.reach(), &filter).await?;
    record(&state, vec![meta.event(&actor, AuditAction::Read, AuditEntity::Person, Some(id), "frister (API)")]).await?;
    Ok(paging.slice(rows).map(|r| DeadlineView::new(r.deadline, None)))
}

/// Filters of the deadline list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct ListParams {
    /// `due_soon`, `overdue`, `met_late` or `open`.
    #[serde(default)]
    #[param(pattern = "^(due_soon|overdue|met_late|open)?$")]
    pub status: Option<String>,
    /// Department code, e.g. `sprogcenter`.
    #[serde(default)]
    #[param(pattern = "^(jobcenter|born_og_familie|dagtilbud_og_skole|sundhed|bolig|sprogcenter|virksomhedsservice)?$")]
    pub department: Option<String>,
    /// Responsible caseworker's user id.
    #[serde(default)]
    pub caseworker: Option<i64>,
    /// `json` (default) or `csv`.
    #[serde(default)]
    #[param(pattern = "^(json|csv)$")]
    pub format: Option<String>,
}

impl ListParams {
    /// Parses into a store filter.
    pub fn filter(&self) -> Result<DeadlineFilter, FieldError> {
        let clean = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        let status = clean(&self.status);
        if let Some(s) = &status
            && !["due_soon", "overdue", "met_late", "open"].contains(&s.as_str())
        {
            return Err(FieldError::new("status", "brug due_soon, overdue, met_late eller open"));
        }
        let department = clean(&self.department);
        if let Some(d) = &department {
            crate::domain::DepartmentKind::parse(d).map_err(|e| FieldError::new("department", e.reason))?;
        }
        Ok(DeadlineFilter { status, department, caseworker_id: self.caseworker, person_id: None })
    }
}

/// The municipality's deadlines, filtered, soonest first, a page at a time; `format=csv`
/// exports every matching deadline as one streamed file (no paging).
#[utoipa::path(get, path = "/api/v1/deadlines", tag = "deadlines", params(ListParams, PageParams),
    responses((status = 200, description = "A page of deadlines (JSON), or with `format=csv` every deadline as one streamed CSV file",
            content((Vec<DeadlineView> = "application/json"), (String = "text/csv")),
            headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))),
        (status = 422, body = crate::error::Problem)))]
pub async fn deadlines(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    paging: Paging,
    Query(params): Query<ListParams>,
) -> Result<Response, ApiError> {
    let access = actor.person_access(&state.store).await?;
    let filter = params.filter()?;
    let csv = match params.format.as_deref() {
        None | Some("json") => false,
        Some("csv") => true,
        Some(_) => return Err(FieldError::new("format", "brug json eller csv").into()),
    };
    if csv {
        return Ok(csv_stream(state, actor, meta, access.tenant().clone(), access.reach().clone(), filter, "fristliste").await?);
    }
    let rows = list_page(&state, access.tenant(), access.reach(), &filter, paging.fetch(), paging.offset()).await?;
    let page = paging.page(rows);
    record(&state, meta.person_reads(&actor, page.items.iter().map(|r| r.deadline.person_id), "fristliste")).await?;
    Ok(page.map(DeadlineView::from_list).into_response())
}

/// Rows read and written per piece of a streamed CSV export.
const CSV_CHUNK: i64 = 2000;

/// Every matching deadline as a CSV file (UTF-8 with BOM and `;`, as Danish spreadsheets
/// expect), by due date, streamed a piece at a time: each piece's persons are audited
/// before the piece is sent, so memory stays flat and no row leaves unaudited. Each piece
/// goes on from the last row of the one before (`DeadlineKey`), so the whole export
/// reads every row once however long it is.
pub(crate) async fn csv_stream(
    state: AppState,
    actor: Actor,
    meta: RequestMeta,
    tenant: Tenant,
    reach: Reach,
    filter: DeadlineFilter,
    detail: &'static str,
) -> Result<Response, AppError> {
    // The first piece is read before answering, so an error still gets a proper status.
    let first = csv_piece(&state, &actor, &meta, &tenant, &reach, &filter, &DeadlineKey::default(), detail, true).await?;
    let rest = futures_util::stream::unfold(first.1, move |after| {
        let (state, actor, meta, tenant, reach, filter) = (state.clone(), actor.clone(), meta.clone(), tenant.clone(), reach.clone(), filter.clone());
        async move {
            let after = after?;
            match csv_piece(&state, &actor, &meta, &tenant, &reach, &filter, &after, detail, false).await {
                Ok((bytes, next)) => Some((Ok::<_, AppError>(axum::body::Bytes::from(bytes)), next)),
                Err(e) => {
                    tracing::error!(error = %e, "CSV export stopped");
                    Some((Err(e), None))
                }
            }
        }
    });
    // Fused: the compression layer may poll the body once more after its end, and an
    // ended `unfold` panics when polled again (the connection was dropped mid-answer).
    let body =
        futures_util::StreamExt::fuse(futures_util::StreamExt::chain(futures_util::stream::once(async move { Ok(axum::body::Bytes::from(first.0)) }), rest));
    Ok((
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/csv; charset=utf-8"), (header::CONTENT_DISPOSITION, "attachment; filename=\"frister.csv\"")],
        axum::body::Body::from_stream(body),
    )
        .into_response())
}

/// One piece of the CSV export after `after`, audited; and where the next piece starts,
/// if one follows.
#[expect(clippy::too_many_arguments, reason = "one piece of the export needs the whole filter and where the last piece stopped")]
async fn csv_piece(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    tenant: &Tenant,
    reach: &Reach,
    filter: &DeadlineFilter,
    after: &DeadlineKey,
    detail: &str,
    header_row: bool,
) -> Result<(Vec<u8>, Option<DeadlineKey>), AppError> {
    let mut rows = list_after(state, tenant, reach, filter, after, CSV_CHUNK + 1).await?;
    let more = rows.len() as i64 > CSV_CHUNK;
    rows.truncate(CSV_CHUNK as usize);
    let next = rows.last().filter(|_| more).map(|r| DeadlineKey::of(&r.deadline));
    record(state, meta.person_reads(actor, rows.iter().map(|r| r.deadline.person_id), detail)).await?;
    let views: Vec<DeadlineView> = rows.into_iter().map(DeadlineView::from_list).collect();
    Ok((csv_bytes(&views, header_row), next))
}

/// The deadlines as CSV lines, with the byte-order mark and header row first when asked.
fn csv_bytes(views: &[DeadlineView], header_row: bool) -> Vec<u8> {
    let mut w = if header_row { crate::spreadsheet::Writer::default() } else { crate::spreadsheet::Writer::continuation() };
    if header_row {
        w.row(["person_id", "navn", "frist", "regel", "version", "lovgrundlag", "afdeling", "forfalder", "status", "opfyldt"]);
    }
    for v in views {
        let source = if v.law_number.is_empty() { format!("{} {}", v.law, v.paragraph) } else { format!("{} {} ({})", v.law, v.paragraph, v.law_number) };
        let version = v.rule_version.to_string();
        let person = v.person_id.to_string();
        let (due, met_on) = (v.due.to_string(), v.met_on.map(|d| d.to_string()).unwrap_or_default());
        w.row([
            person.as_str(),
            v.person_name.as_deref().unwrap_or(""),
            v.title.as_str(),
            v.rule_id.as_str(),
            version.as_str(),
            source.trim(),
            v.department.as_str(),
            due.as_str(),
            v.status_text.as_str(),
            met_on.as_str(),
        ]);
    }
    w.finish()
}

/// Record an event (e.g. the contract was signed); the person's deadlines are recomputed.
#[utoipa::path(post, path = "/api/v1/persons/{id}/events", tag = "deadlines", params(("id" = i64, Path)), request_body = EventInput,
    responses((status = 201, body = Vec<DeadlineView>), (status = 422, body = crate::error::Problem)))]
pub async fn create_event(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    body: Result<ApiJson<EventInput>, ApiError>,
) -> Result<(StatusCode, Json<Vec<DeadlineView>>), ApiError> {
    super::service::event_writer(&state, &actor, id).await?;
    let ApiJson(input) = body?;
    add_event(&state, &actor, &meta, id, &input).await?;
    let tenant = actor.person_writer()?;
    let rows = list(&state, &tenant, &Reach::All, &DeadlineFilter { person_id: Some(id), ..Default::default() }).await?;
    Ok((StatusCode::CREATED, Json(rows.into_iter().map(|r| DeadlineView::new(r.deadline, None)).collect())))
}

/// A person's case events (those recorded on the person page), by date.
#[utoipa::path(get, path = "/api/v1/persons/{id}/events", tag = "deadlines", params(("id" = i64, Path), crate::web::paging::PageParams),
    responses((status = 200, body = Vec<EventRow>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))),
        (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn events(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    paging: Paging,
) -> Result<crate::web::paging::Page<EventRow>, ApiError> {
    Ok(paging.slice(case_events(&state, &actor, &meta, id, "hændelser (API)").await?))
}

/// Correct a case event (all fields and `reason` required); the person's deadlines are
/// recomputed, and the audit log keeps the old value with the reason. Sent unchanged,
/// nothing is stored.
#[utoipa::path(put, path = "/api/v1/persons/{id}/events/{event}", tag = "deadlines", params(("id" = i64, Path), ("event" = i64, Path)),
    request_body = EventCorrection,
    responses((status = 200, description = "The person's deadlines after the correction", body = Vec<DeadlineView>),
        (status = 400, body = crate::error::Problem), (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 415, body = crate::error::Problem),
        (status = 422, description = "A field is wrong or `reason` is missing; the problem names the field", body = crate::error::Problem)))]
pub async fn change_event(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((id, event)): Path<(i64, i64)>,
    body: Result<ApiJson<EventCorrection>, ApiError>,
) -> Result<Json<Vec<DeadlineView>>, ApiError> {
    super::service::correctable_event(&state, &actor, id, event).await?;
    let ApiJson(input) = body?;
    super::service::change_event(&state, &actor, &meta, id, event, &input).await?;
    let tenant = actor.person_writer()?;
    let rows = list(&state, &tenant, &Reach::All, &DeadlineFilter { person_id: Some(id), ..Default::default() }).await?;
    Ok(Json(rows.into_iter().map(|r| DeadlineView::new(r.deadline, None)).collect()))
}

/// Delete a wrongly recorded case event (`reason` required); the person's deadlines are
/// recomputed, and the audit log keeps what was deleted with the reason.
#[utoipa::path(delete, path = "/api/v1/persons/{id}/events/{event}", tag = "deadlines",
    params(("id" = i64, Path), ("event" = i64, Path), crate::status::ReasonParams),
    responses((status = 204), (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 422, description = "`reason` is missing; the problem names the field", body = crate::error::Problem)))]
pub async fn delete_event(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((id, event)): Path<(i64, i64)>,
    Query(q): Query<crate::status::ReasonParams>,
) -> Result<StatusCode, ApiError> {
    super::service::delete_event(&state, &actor, &meta, id, event, &q.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}
