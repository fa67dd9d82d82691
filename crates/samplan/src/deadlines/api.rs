//! `/api/v1/persons/{id}/deadlines`, `/api/v1/persons/{id}/events` and `/api/v1/deadlines`
//! (with filters and CSV export).
use super::{municipality_rules, recompute, status_code, status_of, status_text, today};
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::{FieldError, parse_date};
use crate::store::access::Reach;
use crate::store::deadlines::{DeadlineFilter, DeadlineListRow, DeadlineRow};
use crate::web::AppState;
use crate::web::error::{ApiError, AppError};
use crate::web::json::ApiJson;
use crate::web::paging::{PageParams, Paging};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use rules::EventKind;
use serde::{Deserialize, Serialize};

/// A deadline with its status today.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DeadlineView {
    /// Person.
    pub person_id: i64,
    /// Person's name (lists only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person_name: Option<String>,
    /// Rule id, e.g. `contract.deadline`.
    pub rule_id: String,
    /// Version of the rule that applied.
    pub rule_version: i64,
    /// Danish title.
    pub title: String,
    /// The rule in plain Danish.
    pub explanation: String,
    /// Legal source: law.
    pub law: String,
    /// Legal source: paragraph with stk.
    pub paragraph: String,
    /// Legal source: the act by number, e.g. "lov nr. 1654 af 30/12/2024".
    pub law_number: String,
    /// The official text on retsinformation.dk, where one exists.
    pub url: Option<String>,
    /// False while the rule's value is still to be confirmed.
    pub confirmed: bool,
    /// Department code.
    pub department: String,
    /// ISO date counted from.
    pub counts_from: String,
    /// ISO due date.
    pub due: String,
    /// `upcoming`, `due_soon`, `overdue`, `met` or `met_late`.
    pub status: String,
    /// The status in Danish.
    pub status_text: String,
    /// ISO date met.
    pub met_on: Option<String>,
    /// Events done of required, for recurring rules.
    pub progress: Option<(i64, i64)>,
}

impl DeadlineView {
    /// The view of a stored deadline today.
    pub fn new(row: DeadlineRow, person_name: Option<String>) -> Self {
        let status = status_of(&row, today());
        let rule = rules::RuleSet::shipped().versions(&row.rule_id).into_iter().find(|r| i64::from(r.version) == row.rule_version);
        let explanation = rule.map(|r| r.explanation.trim().to_string()).unwrap_or_default();
        DeadlineView {
            explanation,
            law_number: rule.map(|r| r.source.number.clone()).unwrap_or_default(),
            url: rule.and_then(|r| r.source.url.clone()),
            person_id: row.person_id,
            person_name,
            rule_id: row.rule_id,
            rule_version: row.rule_version,
            title: row.title,
            law: row.law,
            paragraph: row.paragraph,
            confirmed: row.confirmed == 1,
            department: row.department,
            counts_from: row.counts_from,
            due: row.due,
            status: status_code(status).into(),
            status_text: status_text(status),
            met_on: row.met_on,
            progress: row.progress_done.zip(row.progress_required),
        }
    }

    /// The view of a listed deadline, with the person's name.
    pub fn from_list(row: DeadlineListRow) -> Self {
        let name = format!("{} {}", row.given_name, row.family_name);
        DeadlineView::new(row.deadline, Some(name))
    }
}

/// A person's deadlines.
#[utoipa::path(get, path = "/api/v1/persons/{id}/deadlines", tag = "deadlines", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<DeadlineView>), (status = 404, body = crate::web::error::Problem)))]
pub async fn person_deadlines(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
) -> Result<Json<Vec<DeadlineView>>, ApiError> {
    let access = actor.person_access(&state.store).await?;
    access.person(&state.store, id).await?;
    let filter = DeadlineFilter { person_id: Some(id), ..Default::default() };
    let rows = list(&state, access.code(), access.reach(), &filter).await?;
    record(&state, vec![meta.event(&actor, "read", "person", Some(id), "frister (API)")]).await?;
    Ok(Json(rows.into_iter().map(|r| DeadlineView::new(r.deadline, None)).collect()))
}

/// Filters of the deadline list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct ListParams {
    /// `due_soon`, `overdue`, `met_late` or `open`.
    #[serde(default)]
    pub status: Option<String>,
    /// Department code, e.g. `sprogcenter`.
    #[serde(default)]
    pub department: Option<String>,
    /// Responsible caseworker's user id.
    #[serde(default)]
    pub caseworker: Option<i64>,
    /// `json` (default) or `csv`.
    #[serde(default)]
    pub format: Option<String>,
}

impl ListParams {
    /// Parses into a store filter.
    pub fn filter(&self) -> Result<DeadlineFilter, FieldError> {
        let clean = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        let status = clean(&self.status);
        if let Some(s) = &status {
            if !["due_soon", "overdue", "met_late", "open"].contains(&s.as_str()) {
                return Err(FieldError::new("status", "brug due_soon, overdue, met_late eller open"));
            }
        }
        let department = clean(&self.department);
        if let Some(d) = &department {
            crate::domain::DepartmentKind::parse(d).map_err(|e| FieldError::new("department", e.reason))?;
        }
        Ok(DeadlineFilter { status, department, caseworker_id: self.caseworker, person_id: None })
    }
}

/// The deadlines of persons within `reach` that match `filter`.
pub(crate) async fn list(state: &AppState, municipality: &str, reach: &Reach, filter: &DeadlineFilter) -> Result<Vec<DeadlineListRow>, AppError> {
    let today = today();
    let soon = today.add_days(7).map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    Ok(state.store.deadlines(municipality, reach, filter, &today.to_string(), &soon.to_string(), 2000).await?)
}

/// The municipality's deadlines, filtered, soonest first, a page at a time; `format=csv`
/// exports every matching deadline as one streamed file (no paging).
#[utoipa::path(get, path = "/api/v1/deadlines", tag = "deadlines", params(ListParams, PageParams),
    responses((status = 200, body = Vec<DeadlineView>, headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))),
        (status = 422, body = crate::web::error::Problem)))]
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
        return Ok(csv_stream(state, actor, meta, access.code().to_string(), access.reach().clone(), filter, "fristliste").await?);
    }
    let rows = list_page(&state, access.code(), access.reach(), &filter, paging.fetch(), paging.offset()).await?;
    let page = paging.page(rows);
    record(&state, meta.person_reads(&actor, page.items.iter().map(|r| r.deadline.person_id), "fristliste")).await?;
    Ok(page.map(DeadlineView::from_list).into_response())
}

/// How many deadlines of persons within `reach` match `filter`.
pub(crate) async fn count(state: &AppState, municipality: &str, reach: &Reach, filter: &DeadlineFilter) -> Result<usize, AppError> {
    let today = today();
    let soon = today.add_days(7).map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    Ok(state.store.count_deadlines(municipality, reach, filter, &today.to_string(), &soon.to_string()).await? as usize)
}

/// One page of the deadlines of persons within `reach` that match `filter`.
pub(crate) async fn list_page(state: &AppState, municipality: &str, reach: &Reach, filter: &DeadlineFilter, limit: i64, offset: i64) -> Result<Vec<DeadlineListRow>, AppError> {
    let today = today();
    let soon = today.add_days(7).map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    Ok(state.store.deadlines_page(municipality, reach, filter, &today.to_string(), &soon.to_string(), limit, offset).await?)
}

/// Rows read and written per piece of a streamed CSV export.
const CSV_CHUNK: i64 = 2000;

/// Every matching deadline as a CSV file (UTF-8 with BOM and `;`, as Danish spreadsheets
/// expect), streamed a piece at a time: each piece's persons are audited before the piece
/// is sent, so memory stays flat and no row leaves unaudited.
pub(crate) async fn csv_stream(
    state: AppState,
    actor: Actor,
    meta: RequestMeta,
    municipality: String,
    reach: Reach,
    filter: DeadlineFilter,
    detail: &'static str,
) -> Result<Response, AppError> {
    // The first piece is read before answering, so an error still gets a proper status.
    let first = csv_piece(&state, &actor, &meta, &municipality, &reach, &filter, 0, detail, true).await?;
    let rest = futures_util::stream::unfold(first.1.then_some(CSV_CHUNK), move |offset| {
        let (state, actor, meta, municipality, reach, filter) = (state.clone(), actor.clone(), meta.clone(), municipality.clone(), reach.clone(), filter.clone());
        async move {
            let offset = offset?;
            match csv_piece(&state, &actor, &meta, &municipality, &reach, &filter, offset, detail, false).await {
                Ok((bytes, more)) => Some((Ok::<_, AppError>(axum::body::Bytes::from(bytes)), more.then_some(offset + CSV_CHUNK))),
                Err(e) => {
                    tracing::error!(error = %e, "CSV export stopped");
                    Some((Err(e), None))
                }
            }
        }
    });
    let body = futures_util::StreamExt::chain(futures_util::stream::once(async move { Ok(axum::body::Bytes::from(first.0)) }), rest);
    Ok((
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/csv; charset=utf-8"), (header::CONTENT_DISPOSITION, "attachment; filename=\"frister.csv\"")],
        axum::body::Body::from_stream(body),
    )
        .into_response())
}

/// One piece of the CSV export from `offset`, audited; and whether more follow.
#[allow(clippy::too_many_arguments)]
async fn csv_piece(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    municipality: &str,
    reach: &Reach,
    filter: &DeadlineFilter,
    offset: i64,
    detail: &str,
    header_row: bool,
) -> Result<(Vec<u8>, bool), AppError> {
    let mut rows = list_page(state, municipality, reach, filter, CSV_CHUNK + 1, offset).await?;
    let more = rows.len() as i64 > CSV_CHUNK;
    rows.truncate(CSV_CHUNK as usize);
    record(state, meta.person_reads(actor, rows.iter().map(|r| r.deadline.person_id), detail)).await?;
    let views: Vec<DeadlineView> = rows.into_iter().map(DeadlineView::from_list).collect();
    Ok((csv_bytes(&views, header_row), more))
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
        w.row([
            person.as_str(),
            v.person_name.as_deref().unwrap_or(""),
            v.title.as_str(),
            v.rule_id.as_str(),
            version.as_str(),
            source.trim(),
            v.department.as_str(),
            v.due.as_str(),
            v.status_text.as_str(),
            v.met_on.as_deref().unwrap_or(""),
        ]);
    }
    w.finish()
}

/// A new event in a person's case.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EventInput {
    /// Event kind, e.g. `contract_signed`, `du_referral`, `health_assessment_offered`.
    pub kind: String,
    /// ISO date it happened.
    pub date: String,
    /// Free text.
    #[serde(default)]
    pub note: String,
}

impl EventInput {
    /// Checks kind and date; an event cannot lie in the future.
    pub fn parse(&self) -> Result<(EventKind, String), Vec<FieldError>> {
        let mut errors = Vec::new();
        // A child's concern and childcare events belong to the children and parents module.
        let kind = EventKind::from_key(self.kind.trim()).filter(|k| !k.of_children());
        if kind.is_none() {
            let keys: Vec<&str> = EventKind::ALL.iter().filter(|k| !k.of_children()).map(|k| k.key()).collect();
            errors.push(FieldError::new("kind", format!("«{}» er ikke en hændelse; brug en af: {}", self.kind, keys.join(", "))));
        }
        let date = match parse_date("date", &self.date) {
            Ok(d) if d > chrono::Local::now().date_naive() => {
                errors.push(FieldError::new("date", "datoen ligger i fremtiden"));
                None
            }
            Ok(d) => Some(d.to_string()),
            Err(e) => {
                errors.push(e);
                None
            }
        };
        if self.note.chars().count() > 1000 {
            errors.push(FieldError::new("note", "må højst have 1000 tegn"));
        }
        match (kind, date) {
            (Some(k), Some(d)) if errors.is_empty() => Ok((k, d)),
            _ => Err(errors),
        }
    }
}

/// Stores an event and recomputes the person's deadlines; returns the event id.
pub(crate) async fn add_event(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64, input: &EventInput) -> Result<i64, AppError> {
    let tenant = actor.person_writer()?;
    state.store.person(tenant.code(), person_id).await?.ok_or(AppError::NotFound("personen"))?;
    let (kind, date) = input.parse().map_err(AppError::Invalid)?;
    let id = state.store.add_event(tenant.code(), person_id, kind.key(), &date, input.note.trim(), &actor.user.login).await?;
    let with = municipality_rules(&state.store, tenant.code()).await?;
    recompute(&state.store, tenant.code(), person_id, &with).await?;
    record(state, vec![meta.event(actor, "update", "person", Some(person_id), format!("hændelse registreret: {} {date}", kind.key()))]).await?;
    Ok(id)
}

/// Record an event (e.g. the contract was signed); the person's deadlines are recomputed.
#[utoipa::path(post, path = "/api/v1/persons/{id}/events", tag = "deadlines", params(("id" = i64, Path)), request_body = EventInput,
    responses((status = 201, body = Vec<DeadlineView>), (status = 422, body = crate::web::error::Problem)))]
pub async fn create_event(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<EventInput>,
) -> Result<(StatusCode, Json<Vec<DeadlineView>>), ApiError> {
    add_event(&state, &actor, &meta, id, &input).await?;
    let tenant = actor.person_writer()?;
    let rows = list(&state, tenant.code(), &Reach::All, &DeadlineFilter { person_id: Some(id), ..Default::default() }).await?;
    Ok((StatusCode::CREATED, Json(rows.into_iter().map(|r| DeadlineView::new(r.deadline, None)).collect())))
}
