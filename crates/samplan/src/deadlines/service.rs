//! What other capabilities and both faces of this one use: the deadlines of persons
//! within a reach as views with their status today, and recording a case event (which
//! recomputes the person's deadlines).
use super::{municipality_rules, recompute, status_code, status_of, status_text, today};
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::{FieldError, parse_date};
use crate::error::AppError;
use crate::store::Tenant;
use crate::store::access::Reach;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::deadlines::{DeadlineFilter, DeadlineKey, DeadlineListRow, DeadlineRow};
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
    /// Day counted from (ISO).
    #[schema(value_type = String)]
    pub counts_from: calendar::Date,
    /// Due day (ISO).
    #[schema(value_type = String)]
    pub due: calendar::Date,
    /// `upcoming`, `due_soon`, `overdue`, `met` or `met_late`.
    pub status: String,
    /// The status in Danish.
    pub status_text: String,
    /// Day met (ISO).
    #[schema(value_type = Option<String>)]
    pub met_on: Option<calendar::Date>,
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

/// The deadlines of persons within `reach` that match `filter`.
pub async fn list(state: &AppState, tenant: &Tenant, reach: &Reach, filter: &DeadlineFilter) -> Result<Vec<DeadlineListRow>, AppError> {
    let today = today();
    let soon = today.add_days(7).map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    Ok(state.store.deadlines(tenant, reach, filter, today, soon, 2000).await?)
}

/// How many deadlines of persons within `reach` match `filter`.
pub async fn count(state: &AppState, tenant: &Tenant, reach: &Reach, filter: &DeadlineFilter) -> Result<usize, AppError> {
    let today = today();
    let soon = today.add_days(7).map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    Ok(state.store.count_deadlines(tenant, reach, filter, today, soon).await? as usize)
}

/// Up to `limit` of the deadlines within `reach` matching `filter` after `after`, in the
/// order (due, person, rule): an export's next piece.
pub async fn list_after(
    state: &AppState,
    tenant: &Tenant,
    reach: &Reach,
    filter: &DeadlineFilter,
    after: &DeadlineKey,
    limit: i64,
) -> Result<Vec<DeadlineListRow>, AppError> {
    let today = today();
    let soon = today.add_days(7).map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    Ok(state.store.deadlines_after(tenant, reach, filter, today, soon, after, limit).await?)
}

/// One page of the deadlines of persons within `reach` that match `filter`.
pub async fn list_page(
    state: &AppState,
    tenant: &Tenant,
    reach: &Reach,
    filter: &DeadlineFilter,
    limit: i64,
    offset: i64,
) -> Result<Vec<DeadlineListRow>, AppError> {
    let today = today();
    let soon = today.add_days(7).map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    Ok(state.store.deadlines_page(tenant, reach, filter, today, soon, limit, offset).await?)
}

/// A new event in a person's case.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EventInput {
    /// Event kind, e.g. `contract_signed`, `du_referral`, `health_assessment_offered`.
    #[schema(schema_with = case_event_kind_schema)]
    pub kind: String,
    /// ISO date it happened, not after today.
    #[schema(format = Date)]
    pub date: String,
    /// Free text.
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub note: String,
}

/// The kinds of case events staff record on the person page (`EventInput::parse`).
fn case_event_kind_schema() -> utoipa::openapi::schema::Object {
    crate::web::openapi::codes(EventKind::ALL.iter().filter(|k| !k.of_children()).map(|k| k.key()), false)
}

impl EventInput {
    /// Checks kind and date; an event cannot lie in the future.
    pub fn parse(&self) -> Result<(EventKind, calendar::Date), Vec<FieldError>> {
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
            Ok(d) => crate::domain::in_calendar("date", &self.date, d).map_err(|e| errors.push(e)).ok(),
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
pub async fn add_event(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64, input: &EventInput) -> Result<i64, AppError> {
    let tenant = event_writer(state, actor, person_id).await?;
    let (kind, date) = input.parse().map_err(AppError::Invalid)?;
    let id = state.store.add_event(&tenant, person_id, kind.key(), date, input.note.trim(), &actor.user.login).await?;
    let with = municipality_rules(&state.store, &tenant).await?;
    recompute(&state.store, &tenant, person_id, &with).await?;
    record(state, vec![meta.event(actor, AuditAction::Update, AuditEntity::Person, Some(person_id), format!("hændelse registreret: {} {date}", kind.key()))])
        .await?;
    Ok(id)
}

/// The caller's municipality when they may record case events of `person_id`: a person
/// writer (403) of a person of their municipality (404). Checked before the event is read.
pub async fn event_writer(state: &AppState, actor: &Actor, person_id: i64) -> Result<crate::auth::Tenant, AppError> {
    let tenant = actor.person_writer()?;
    state.store.person(&tenant, person_id).await?.ok_or(AppError::NotFound("personen"))?;
    Ok(tenant)
}

/// A correction of a recorded case event: all of its fields, and why.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EventCorrection {
    /// Event kind, e.g. `contract_signed` (required).
    #[serde(default)]
    #[schema(required = true, schema_with = case_event_kind_schema)]
    pub kind: String,
    /// Date it happened, not after today (required): ISO, or Danish, e.g. `05.12.2026`,
    /// which the pattern leaves out.
    #[serde(default)]
    #[schema(required = true, format = Date)]
    pub date: String,
    /// Free text.
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub note: String,
    /// Why the event is corrected (required, at most 1000 characters).
    #[serde(default)]
    #[schema(required = true, max_length = 1000, pattern = r"\S")]
    pub reason: String,
}

/// Whether a stored event is a case event staff correct on the person page: a kind of the
/// rules that is not the children module's (outcome events are corrected under "Status og
/// forløb", children's events in the children module).
pub fn is_case_event(kind: &str) -> bool {
    EventKind::from_key(kind).is_some_and(|k| !k.of_children())
}

/// A person's case events (the kinds staff record on the person page), by date; the
/// read is audited.
pub async fn case_events(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    person_id: i64,
    detail: &str,
) -> Result<Vec<crate::store::deadlines::EventRow>, AppError> {
    let access = actor.person_access(&state.store).await?;
    access.person(&state.store, person_id).await?;
    let events = state.store.events(access.tenant(), person_id).await?.into_iter().filter(|e| is_case_event(&e.kind)).collect();
    record(state, vec![meta.event(actor, AuditAction::Read, AuditEntity::Person, Some(person_id), detail)]).await?;
    Ok(events)
}

/// That the caller may correct case event `id` of `person_id`: a person writer (403), the
/// event the person's (404). Checked before the correction is read.
pub async fn correctable_event(state: &AppState, actor: &Actor, person_id: i64, id: i64) -> Result<(), AppError> {
    let tenant = actor.person_writer()?;
    case_event(state, &tenant, person_id, id).await?;
    Ok(())
}

/// The person's case event `id`, or 404 (also for outcome and children's events).
async fn case_event(state: &AppState, tenant: &Tenant, person_id: i64, id: i64) -> Result<crate::store::deadlines::EventRow, AppError> {
    state.store.person(tenant, person_id).await?.ok_or(AppError::NotFound("personen"))?;
    state.store.events(tenant, person_id).await?.into_iter().find(|e| e.id == id && is_case_event(&e.kind)).ok_or(AppError::NotFound("hændelsen"))
}

/// An event as the audit log keeps it: kind, date and note.
fn described(kind: &str, day: calendar::Date, note: &str) -> String {
    if note.is_empty() { format!("{kind} {day}") } else { format!("{kind} {day} «{note}»") }
}

/// Corrects a case event, with a reason; the person's deadlines are recomputed and the
/// audit log keeps the old and the new value. `Ok(false)`: submitted unchanged, nothing
/// stored or logged.
pub async fn change_event(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64, id: i64, input: &EventCorrection) -> Result<bool, AppError> {
    let tenant = actor.person_writer()?;
    let old = case_event(state, &tenant, person_id, id).await?;
    let as_new = EventInput { kind: input.kind.clone(), date: input.date.clone(), note: input.note.clone() };
    let mut errors = Vec::new();
    let checked = as_new.parse().map_err(|e| errors.extend(e)).ok();
    let note = input.note.trim();
    if let Some((kind, date)) = &checked
        && kind.key() == old.kind
        && *date == old.day
        && note == old.note
    {
        return Ok(false);
    }
    let reason = crate::status::check_reason(Some(&input.reason)).map_err(|e| errors.push(e)).unwrap_or_default();
    let Some((kind, date)) = checked.filter(|_| errors.is_empty()) else { return Err(AppError::Invalid(errors)) };
    state.store.update_event(&tenant, person_id, id, kind.key(), date, note).await?;
    let with = municipality_rules(&state.store, &tenant).await?;
    recompute(&state.store, &tenant, person_id, &with).await?;
    let detail =
        format!("hændelse {id} rettet fra {} til {}; begrundelse: {reason}", described(&old.kind, old.day, &old.note), described(kind.key(), date, note));
    record(state, vec![meta.event(actor, AuditAction::Update, AuditEntity::Person, Some(person_id), detail)]).await?;
    Ok(true)
}

/// Deletes a wrongly recorded case event, with a reason; the person's deadlines are
/// recomputed and the audit log keeps what was deleted.
pub async fn delete_event(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64, id: i64, reason: &str) -> Result<(), AppError> {
    let tenant = actor.person_writer()?;
    let old = case_event(state, &tenant, person_id, id).await?;
    let reason = crate::status::check_reason(Some(reason)).map_err(|e| AppError::Invalid(vec![e]))?;
    state.store.delete_event(&tenant, person_id, id).await?;
    let with = municipality_rules(&state.store, &tenant).await?;
    recompute(&state.store, &tenant, person_id, &with).await?;
    let detail = format!("hændelse {id} slettet ({}); begrundelse: {reason}", described(&old.kind, old.day, &old.note));
    record(state, vec![meta.event(actor, AuditAction::Delete, AuditEntity::Person, Some(person_id), detail)]).await?;
    Ok(())
}
