//! Status periods and outcome events of a person, recorded by staff: what local goals
//! and partnership comparisons are computed from (goals/records.rs reads them).
//!
//! - Status periods (`person_status`): every `indicators` status kind but daycare and
//!   school, which are recorded once, as the child's daycare and school periods under
//!   Børn (`children::childcare`, decision 101) and read from there. Housing tenure
//!   of families in housing placement also comes from their housing dates (Bolig);
//!   recorded periods add to it, for persons housed without it.
//! - Outcome events (`person_event`): the `indicators` event kinds the rule set does not
//!   know (a passed DU module, a completed citizenship course, council participation);
//!   the rule events are recorded with the deadlines ("Hændelser i sagen").
//!
//! Checks are pure ([`check_period`], [`check_outcome`]); the service functions here are
//! shared by the pages and the API and audit every read and change. Dates cannot lie
//! after today: periods and outcomes record what has happened (decision 052).
pub mod api;
pub mod pages;
pub mod section;

use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::{FieldError, parse_date};
use crate::error::AppError;
use crate::persons::danish_date;
use crate::store::Tenant;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::deadlines::EventRow;
use crate::store::status::{StatusFields, StatusRow};
use chrono::NaiveDate;
use indicators::{EventKind, StatusKind};
use serde::{Deserialize, Deserializer, Serialize};

/// Longest reason for a correction or deletion, and longest note.
const MAX_TEXT: usize = 1000;

/// Whether periods of `kind` are recorded here: daycare and school are the children's
/// daycare and school periods (`children::childcare`), recorded and read there only.
pub fn recorded_here(kind: StatusKind) -> bool {
    !matches!(kind, StatusKind::Daycare | StatusKind::School)
}

/// Status kinds recorded here, in the indicators' order.
pub fn period_kinds() -> Vec<StatusKind> {
    StatusKind::ALL.iter().copied().filter(|k| recorded_here(*k)).collect()
}

/// Outcome event kinds recorded here: those the indicators read and the rule set does
/// not know (the rule events are recorded with the deadlines; the contract's due date
/// is derived).
pub fn outcome_kinds() -> Vec<EventKind> {
    EventKind::ALL.iter().copied().filter(|k| *k != EventKind::ContractDue && rules::EventKind::from_key(k.key()).is_none()).collect()
}

fn period_kind_schema() -> utoipa::openapi::schema::Object {
    crate::web::openapi::codes(period_kinds().iter().map(|k| k.key()), false)
}

fn optional_period_kind_schema() -> utoipa::openapi::schema::Object {
    crate::web::openapi::codes(period_kinds().iter().map(|k| k.key()), true)
}

fn outcome_kind_schema() -> utoipa::openapi::schema::Object {
    crate::web::openapi::codes(outcome_kinds().iter().map(|k| k.key()), false)
}

/// The Danish name of a status kind key (the key itself when unknown).
pub fn period_label(key: &str) -> String {
    StatusKind::from_key(key).map_or_else(|| key.to_string(), |k| k.label().to_string())
}

/// The Danish name of an outcome kind key (the key itself when unknown).
pub fn outcome_label(key: &str) -> String {
    EventKind::from_key(key).map_or_else(|| key.to_string(), |k| k.label().to_string())
}

/// A status period as shown (API and pages).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PeriodView {
    /// Id.
    pub id: i64,
    /// Status kind key (`work`, `education`, `daycare` …).
    pub kind: String,
    /// The kind in Danish.
    pub kind_label: String,
    /// ISO first day.
    pub from: String,
    /// ISO last day; `null` while it lasts.
    pub to: Option<String>,
    /// Login of who recorded it (empty for imported rows).
    pub created_by: String,
    /// When it was last corrected, if ever.
    pub updated_at: Option<String>,
}

impl From<StatusRow> for PeriodView {
    fn from(r: StatusRow) -> Self {
        PeriodView {
            id: r.id,
            kind_label: period_label(&r.kind),
            kind: r.kind,
            from: r.from_day.to_string(),
            to: r.to_day.map(|d| d.to_string()),
            created_by: r.created_by,
            updated_at: r.updated_at,
        }
    }
}

/// An outcome event as shown (API and pages).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OutcomeView {
    /// Id.
    pub id: i64,
    /// Event kind key (`du_module_passed` …).
    pub kind: String,
    /// The kind in Danish.
    pub kind_label: String,
    /// ISO date.
    pub date: String,
    /// Free text.
    pub note: String,
    /// Login of who recorded it.
    pub created_by: String,
}

impl From<EventRow> for OutcomeView {
    fn from(e: EventRow) -> Self {
        OutcomeView { id: e.id, kind_label: outcome_label(&e.kind), kind: e.kind, date: e.day.to_string(), note: e.note, created_by: e.created_by }
    }
}

/// A new status period (also the page form's fields).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PeriodInput {
    /// Status kind key, e.g. `work`, `education`, `association`.
    #[serde(default)]
    #[schema(required = true, schema_with = period_kind_schema)]
    pub kind: String,
    /// ISO first day.
    #[serde(default)]
    #[schema(required = true, format = Date)]
    pub from: String,
    /// ISO last day; omitted, `null` or empty while it lasts.
    #[serde(default)]
    pub to: Option<String>,
}

/// A change to a status period: only the fields given change. Setting the end of an
/// open period needs no reason; any other change is a correction and needs one.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PeriodPatch {
    /// New status kind key.
    #[serde(default)]
    #[schema(schema_with = optional_period_kind_schema)]
    pub kind: Option<String>,
    /// New ISO first day.
    #[serde(default)]
    #[schema(format = Date)]
    pub from: Option<String>,
    /// New ISO last day; `null` or empty makes the period ongoing again.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub to: Option<Option<String>>,
    /// Why a recorded period is corrected (required for corrections, at most 1000
    /// characters; whether a change is a correction depends on the stored period).
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub reason: Option<String>,
}

/// Tells a field given as `null` (`Some(None)`) from a missing one (`None`).
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

impl PeriodPatch {
    /// The period after the change.
    pub fn apply(&self, old: &StatusRow) -> PeriodInput {
        PeriodInput {
            kind: self.kind.clone().unwrap_or_else(|| old.kind.clone()),
            from: self.from.clone().unwrap_or_else(|| old.from_day.to_string()),
            to: match &self.to {
                Some(to) => to.clone(),
                None => old.to_day.map(|d| d.to_string()),
            },
        }
    }
}

/// A new or corrected outcome event (also the page form's fields).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeInput {
    /// Event kind key: `du_module_passed`, `citizenship_course_completed` or `council_participation`.
    #[serde(default)]
    #[schema(required = true, schema_with = outcome_kind_schema)]
    pub kind: String,
    /// ISO date it happened.
    #[serde(default)]
    #[schema(required = true, format = Date)]
    pub date: String,
    /// Free text.
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub note: String,
    /// Why a recorded outcome is corrected (required when correcting, `OutcomeCorrection`;
    /// ignored when adding).
    #[serde(default)]
    pub reason: Option<String>,
}

crate::web::openapi::derived_schema!(
    /// The schema of a correction of an outcome event: the fields of `OutcomeInput`, and
    /// why (required, at most 1000 characters besides the spaces around it).
    pub OutcomeCorrection from OutcomeInput, crate::web::openapi::derived::<OutcomeInput>(|object| {
        object.properties.insert("reason".into(), reason_schema().into());
        crate::web::openapi::require(object, &["reason"]);
        object.description = Some("A correction of an outcome event: all its fields, and why.".into());
    })
);

/// A required reason (`check_reason`): something besides spaces, at most 1000 characters.
pub fn reason_schema() -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    ObjectBuilder::new().schema_type(Type::String).pattern(Some(r"\S")).max_length(Some(MAX_TEXT)).build()
}

/// Why something is deleted.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct ReasonParams {
    /// Why (required).
    #[serde(default)]
    #[param(required = true, pattern = r"\S")]
    pub reason: String,
}

/// What a check compares against: today, the person's birth date.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// Nothing may lie after this day.
    pub today: NaiveDate,
    /// Nothing may lie before this day.
    pub birth: Option<NaiveDate>,
}

impl Bounds {
    fn date(&self, field: &'static str, raw: &str, what: &str) -> Result<NaiveDate, FieldError> {
        let d = parse_date(field, raw)?;
        if d > self.today {
            let (d, today) = (danish_date(&d), danish_date(&self.today));
            return Err(FieldError::new(field, format!("{what} {d} ligger efter i dag ({today}); registrér det, når det er sket")));
        }
        if let Some(b) = self.birth.filter(|b| d < *b) {
            return Err(FieldError::new(field, format!("{what} {} ligger før personens fødselsdato ({})", danish_date(&d), danish_date(&b))));
        }
        Ok(d)
    }
}

fn blank(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Checks a period against the person's other periods (`others`, without the period
/// itself when correcting); every error names its field.
pub fn check_period(input: &PeriodInput, bounds: Bounds, others: &[StatusRow]) -> Result<StatusFields, Vec<FieldError>> {
    let mut errors = Vec::new();
    let key = input.kind.trim();
    let kind = match StatusKind::from_key(key) {
        Some(k) if !recorded_here(k) => {
            errors
                .push(FieldError::new("kind", format!("«{}» registreres på barnets side under Børn (dagtilbud og skole), ét sted for hvert barn", k.label())));
            None
        }
        Some(k) => Some(k),
        None if key.is_empty() => {
            errors.push(FieldError::new("kind", "vælg hvilken status forløbet er"));
            None
        }
        None => {
            let names: Vec<String> = period_kinds().iter().map(|k| format!("{} ({})", k.key(), k.label())).collect();
            errors.push(FieldError::new("kind", format!("«{key}» er ikke en status; brug en af: {}", names.join(", "))));
            None
        }
    };
    let from = if input.from.trim().is_empty() {
        errors.push(FieldError::new("from", "startdatoen mangler"));
        None
    } else {
        bounds.date("from", &input.from, "startdatoen").map_err(|e| errors.push(e)).ok()
    };
    let to = match blank(&input.to) {
        None => Ok(None),
        Some(raw) => bounds.date("to", raw, "slutdatoen").map(Some),
    };
    let to = match (to, from) {
        (Ok(Some(t)), Some(f)) if t < f => {
            errors.push(FieldError::new("to", format!("slutdatoen {} ligger før startdatoen {}", danish_date(&t), danish_date(&f))));
            None
        }
        (Ok(t), _) => Some(t),
        (Err(e), _) => {
            errors.push(e);
            None
        }
    };
    let (Some(kind), Some(from), Some(to)) = (kind, from, to) else { return Err(errors) };
    let ends = |t: Option<NaiveDate>| t.unwrap_or(NaiveDate::MAX);
    for o in others.iter().filter(|o| o.kind == kind.key()) {
        let (of, ot) = (crate::domain::chrono_day(o.from_day), o.to_day.map(crate::domain::chrono_day));
        if from <= ends(ot) && of <= ends(to) {
            let until = ot.map_or_else(|| "igangværende".to_string(), |t| format!("til {}", danish_date(&t)));
            let of = danish_date(&of);
            errors.push(FieldError::new(
                "from",
                format!("forløbet overlapper et andet forløb «{}» fra {of} {until}; ret eller afslut det i stedet", kind.label()),
            ));
            break;
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let from_day = crate::domain::in_calendar("from", &input.from, from).map_err(|e| vec![e])?;
    let to_day = match to {
        Some(t) => Some(crate::domain::in_calendar("to", input.to.as_deref().unwrap_or(""), t).map_err(|e| vec![e])?),
        None => None,
    };
    Ok(StatusFields { kind: kind.key().to_string(), from_day, to_day })
}

/// Checks an outcome event against the person's other events (without the event
/// itself when correcting): the same outcome cannot be recorded twice on one day.
pub fn check_outcome(input: &OutcomeInput, bounds: Bounds, others: &[EventRow]) -> Result<(EventKind, calendar::Date), Vec<FieldError>> {
    let mut errors = Vec::new();
    let key = input.kind.trim();
    let kinds = outcome_kinds();
    let kind = kinds.iter().copied().find(|k| k.key() == key);
    if kind.is_none() {
        let names: Vec<String> = kinds.iter().map(|k| format!("{} ({})", k.key(), k.label())).collect();
        let why = if key.is_empty() { "vælg hvilket resultat".to_string() } else { format!("«{key}» er ikke et resultat, der registreres her") };
        errors.push(FieldError::new("kind", format!("{why}; brug en af: {}", names.join(", "))));
    }
    let date = if input.date.trim().is_empty() {
        errors.push(FieldError::new("date", "datoen mangler"));
        None
    } else {
        bounds.date("date", &input.date, "datoen").map_err(|e| errors.push(e)).ok()
    };
    if input.note.chars().count() > MAX_TEXT {
        errors.push(FieldError::new("note", format!("må højst have {MAX_TEXT} tegn")));
    }
    if let (Some(k), Some(d)) = (kind, date)
        && others.iter().any(|o| o.kind == k.key() && Some(o.day) == crate::domain::calendar_day(d))
    {
        errors.push(FieldError::new("date", format!("«{}» er allerede registreret {}", k.label(), danish_date(&d))));
    }
    match (kind, date) {
        (Some(k), Some(d)) if errors.is_empty() => Ok((k, crate::domain::in_calendar("date", &input.date, d).map_err(|e| vec![e])?)),
        _ => Err(errors),
    }
}

/// A required reason for a correction or deletion.
pub fn check_reason(reason: Option<&str>) -> Result<String, FieldError> {
    let r = reason.map(str::trim).unwrap_or("");
    if r.is_empty() {
        return Err(FieldError::new("reason", "skriv hvorfor det registrerede rettes eller slettes"));
    }
    if r.chars().count() > MAX_TEXT {
        return Err(FieldError::new("reason", format!("må højst have {MAX_TEXT} tegn")));
    }
    Ok(r.to_string())
}

fn span(f: &StatusFields) -> String {
    format!("{} {}–{}", f.kind, f.from_day, f.to_day.map(|d| d.to_string()).unwrap_or_default())
}

/// The caller's municipality when they may change `person_id`'s periods and outcomes:
/// a person writer (403) of a person of their municipality (404); with `period` or
/// `outcome`, that it is the person's (404). Checked before the change is read.
pub(crate) async fn writable(state: &AppState, actor: &Actor, person_id: i64, period: Option<i64>, outcome_id: Option<i64>) -> Result<(), AppError> {
    let tenant = actor.person_writer()?;
    bounds(state, &tenant, person_id).await?;
    if let Some(id) = period
        && !state.store.statuses(&tenant, person_id).await?.iter().any(|s| s.id == id)
    {
        return Err(AppError::NotFound("forløbet"));
    }
    if let Some(id) = outcome_id {
        outcome(state, &tenant, person_id, id).await?;
    }
    Ok(())
}

/// The person's bounds, or 404 when the person is not the municipality's.
async fn bounds(state: &AppState, tenant: &Tenant, person_id: i64) -> Result<Bounds, AppError> {
    let person = state.store.person(tenant, person_id).await?.ok_or(AppError::NotFound("personen"))?;
    Ok(Bounds { today: chrono::Local::now().date_naive(), birth: NaiveDate::parse_from_str(&person.birth_date, "%Y-%m-%d").ok() })
}

/// The person's periods and outcome events (the caller audits the read).
pub(crate) async fn load(state: &AppState, tenant: &Tenant, person_id: i64) -> Result<(Vec<PeriodView>, Vec<OutcomeView>), AppError> {
    let periods = state.store.statuses(tenant, person_id).await?.into_iter().map(PeriodView::from).collect();
    let keys: Vec<&str> = outcome_kinds().iter().map(|k| k.key()).collect();
    let outcomes = state.store.events(tenant, person_id).await?.into_iter().filter(|e| keys.contains(&e.kind.as_str())).map(OutcomeView::from).collect();
    Ok((periods, outcomes))
}

/// Lists a person's periods and outcomes for a reader, audited.
pub(crate) async fn read(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    person_id: i64,
    detail: &str,
) -> Result<(Vec<PeriodView>, Vec<OutcomeView>), AppError> {
    let access = actor.person_access(&state.store).await?;
    access.check(&state.store, person_id).await?;
    bounds(state, access.tenant(), person_id).await?;
    let out = load(state, access.tenant(), person_id).await?;
    record(state, vec![meta.event(actor, AuditAction::Read, AuditEntity::Person, Some(person_id), detail)]).await?;
    Ok(out)
}

/// Records a period.
pub(crate) async fn add_period(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64, input: &PeriodInput) -> Result<StatusRow, AppError> {
    let tenant = actor.person_writer()?;
    let b = bounds(state, &tenant, person_id).await?;
    let others = state.store.statuses(&tenant, person_id).await?;
    let fields = check_period(input, b, &others).map_err(AppError::Invalid)?;
    let id = state.store.add_status(&tenant, person_id, &fields, &actor.user.login).await?;
    record(
        state,
        vec![meta.event(actor, AuditAction::Update, AuditEntity::Person, Some(person_id), format!("statusforløb {id} registreret: {}", span(&fields)))],
    )
    .await?;
    state.store.status(&tenant, person_id, id).await?.ok_or(AppError::NotFound("forløbet"))
}

/// Ends or corrects a period. Setting the end of an open period is an ending; anything
/// else is a correction and needs a reason.
pub(crate) async fn change_period(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    person_id: i64,
    id: i64,
    patch: &PeriodPatch,
) -> Result<StatusRow, AppError> {
    let tenant = actor.person_writer()?;
    let b = bounds(state, &tenant, person_id).await?;
    let all = state.store.statuses(&tenant, person_id).await?;
    let old = all.iter().find(|s| s.id == id).cloned().ok_or(AppError::NotFound("forløbet"))?;
    let others: Vec<StatusRow> = all.into_iter().filter(|s| s.id != id).collect();
    let mut errors = Vec::new();
    let after = patch.apply(&old);
    let fields = check_period(&after, b, &others).map_err(|e| errors.extend(e)).ok();
    let before = StatusFields { kind: old.kind.clone(), from_day: old.from_day, to_day: old.to_day };
    let ending = old.to_day.is_none() && after.kind.trim() == old.kind && after.from.trim() == old.from_day.to_string() && blank(&after.to).is_some();
    let reason = if ending {
        patch.reason.as_deref().map(str::trim).unwrap_or("").to_string()
    } else {
        check_reason(patch.reason.as_deref()).map_err(|e| errors.push(e)).unwrap_or_default()
    };
    let Some(fields) = fields.filter(|_| errors.is_empty()) else { return Err(AppError::Invalid(errors)) };
    if fields == before {
        return Ok(old);
    }
    state.store.update_status(&tenant, person_id, id, &fields).await?;
    let detail = if ending {
        format!("statusforløb {id} afsluttet {}", fields.to_day.map(|d| d.to_string()).unwrap_or_default())
    } else {
        format!("statusforløb {id} rettet fra {} til {}; begrundelse: {reason}", span(&before), span(&fields))
    };
    record(state, vec![meta.event(actor, AuditAction::Update, AuditEntity::Person, Some(person_id), detail)]).await?;
    state.store.status(&tenant, person_id, id).await?.ok_or(AppError::NotFound("forløbet"))
}

/// Deletes a wrongly entered period, with a reason.
pub(crate) async fn delete_period(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64, id: i64, reason: &str) -> Result<(), AppError> {
    let tenant = actor.person_writer()?;
    bounds(state, &tenant, person_id).await?;
    let old = state.store.status(&tenant, person_id, id).await?.ok_or(AppError::NotFound("forløbet"))?;
    let reason = check_reason(Some(reason))?;
    state.store.delete_status(&tenant, person_id, id).await?;
    let was = StatusFields { kind: old.kind, from_day: old.from_day, to_day: old.to_day };
    record(
        state,
        vec![meta.event(
            actor,
            AuditAction::Delete,
            AuditEntity::Person,
            Some(person_id),
            format!("statusforløb {id} slettet ({}); begrundelse: {reason}", span(&was)),
        )],
    )
    .await?;
    Ok(())
}

/// An outcome event of the person, or 404 (also for events that are not outcomes).
async fn outcome(state: &AppState, tenant: &Tenant, person_id: i64, id: i64) -> Result<(EventRow, Vec<EventRow>), AppError> {
    let all = state.store.events(tenant, person_id).await?;
    let keys: Vec<&str> = outcome_kinds().iter().map(|k| k.key()).collect();
    let this = all.iter().find(|e| e.id == id && keys.contains(&e.kind.as_str())).cloned().ok_or(AppError::NotFound("resultatet"))?;
    Ok((this, all.into_iter().filter(|e| e.id != id).collect()))
}

/// Records an outcome event.
pub(crate) async fn add_outcome(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64, input: &OutcomeInput) -> Result<OutcomeView, AppError> {
    let tenant = actor.person_writer()?;
    let b = bounds(state, &tenant, person_id).await?;
    let others = state.store.events(&tenant, person_id).await?;
    let (kind, date) = check_outcome(input, b, &others).map_err(AppError::Invalid)?;
    let id = state.store.add_event(&tenant, person_id, kind.key(), date, input.note.trim(), &actor.user.login).await?;
    record(
        state,
        vec![meta.event(actor, AuditAction::Update, AuditEntity::Person, Some(person_id), format!("resultat {id} registreret: {} {date}", kind.key()))],
    )
    .await?;
    Ok(outcome(state, &tenant, person_id, id).await?.0.into())
}

/// Corrects an outcome event, with a reason.
pub(crate) async fn change_outcome(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    person_id: i64,
    id: i64,
    input: &OutcomeInput,
) -> Result<OutcomeView, AppError> {
    let tenant = actor.person_writer()?;
    let b = bounds(state, &tenant, person_id).await?;
    let (old, others) = outcome(state, &tenant, person_id, id).await?;
    let mut errors = Vec::new();
    let checked = check_outcome(input, b, &others).map_err(|e| errors.extend(e)).ok();
    let reason = check_reason(input.reason.as_deref()).map_err(|e| errors.push(e)).unwrap_or_default();
    let Some((kind, date)) = checked.filter(|_| errors.is_empty()) else { return Err(AppError::Invalid(errors)) };
    state.store.update_event(&tenant, person_id, id, kind.key(), date, input.note.trim()).await?;
    let detail = format!("resultat {id} rettet fra {} {} til {} {date}; begrundelse: {reason}", old.kind, old.day, kind.key());
    record(state, vec![meta.event(actor, AuditAction::Update, AuditEntity::Person, Some(person_id), detail)]).await?;
    Ok(outcome(state, &tenant, person_id, id).await?.0.into())
}

/// Deletes a wrongly entered outcome event, with a reason.
pub(crate) async fn delete_outcome(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64, id: i64, reason: &str) -> Result<(), AppError> {
    let tenant = actor.person_writer()?;
    bounds(state, &tenant, person_id).await?;
    let (old, _) = outcome(state, &tenant, person_id, id).await?;
    let reason = check_reason(Some(reason))?;
    state.store.delete_event(&tenant, person_id, id).await?;
    record(
        state,
        vec![meta.event(
            actor,
            AuditAction::Delete,
            AuditEntity::Person,
            Some(person_id),
            format!("resultat {id} slettet ({} {}); begrundelse: {reason}", old.kind, old.day),
        )],
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn bounds() -> Bounds {
        Bounds { today: d("2026-06-15"), birth: Some(d("1990-01-01")) }
    }

    fn row(id: i64, kind: &str, from: &str, to: Option<&str>) -> StatusRow {
        StatusRow {
            id,
            person_id: 1,
            kind: kind.into(),
            from_day: from.parse().unwrap(),
            to_day: to.map(|t| t.parse().unwrap()),
            created_by: String::new(),
            created_at: String::new(),
            updated_at: None,
        }
    }

    fn input(kind: &str, from: &str, to: Option<&str>) -> PeriodInput {
        PeriodInput { kind: kind.into(), from: from.into(), to: to.map(Into::into) }
    }

    fn fields_of(r: Result<StatusFields, Vec<FieldError>>) -> Vec<String> {
        r.err().unwrap_or_default().into_iter().map(|e| e.field.to_string()).collect()
    }

    #[test]
    fn a_valid_period_is_stored_as_given() {
        let f = check_period(&input(" work ", "2026-01-05", Some("")), bounds(), &[]).unwrap();
        assert_eq!(f, StatusFields { kind: "work".into(), from_day: "2026-01-05".parse().unwrap(), to_day: None });
        let f = check_period(&input("education", "2025-08-01", Some("2026-06-15")), bounds(), &[]).unwrap();
        assert_eq!(f.to_day.map(|d| d.to_string()).as_deref(), Some("2026-06-15"), "today is allowed");
    }

    #[test]
    fn every_error_names_its_field() {
        assert_eq!(fields_of(check_period(&input("work", "2026-03-01", Some("2026-02-01")), bounds(), &[])), ["to"]);
        assert_eq!(fields_of(check_period(&input("work", "2026-06-16", None), bounds(), &[])), ["from"]);
        assert_eq!(fields_of(check_period(&input("work", "2026-01-01", Some("2026-07-01")), bounds(), &[])), ["to"]);
        assert_eq!(fields_of(check_period(&input("work", "1989-12-31", None), bounds(), &[])), ["from"]);
        assert_eq!(fields_of(check_period(&input("unemployed", "", Some("x")), bounds(), &[])), ["kind", "from", "to"]);
        let e = check_period(&input("sailing", "2026-01-01", None), bounds(), &[]).unwrap_err();
        assert!(e[0].reason.contains("«sailing» er ikke en status") && e[0].reason.contains("I arbejde"), "{}", e[0].reason);
    }

    #[test]
    fn daycare_and_school_are_recorded_under_children() {
        for kind in ["daycare", "school"] {
            let e = check_period(&input(kind, "2026-01-05", None), bounds(), &[]).unwrap_err();
            assert_eq!(e[0].field, "kind");
            assert!(e[0].reason.contains("barnets side under Børn"), "{}", e[0].reason);
        }
        let keys: Vec<&str> = period_kinds().iter().map(|k| k.key()).collect();
        assert!(keys.contains(&"work") && !keys.contains(&"daycare") && !keys.contains(&"school"), "{keys:?}");
    }

    #[test]
    fn periods_of_the_same_kind_may_not_overlap() {
        let others = [row(1, "work", "2025-01-01", Some("2025-06-30")), row(2, "education", "2025-09-01", None)];
        let e = check_period(&input("work", "2025-06-30", None), bounds(), &others).unwrap_err();
        assert_eq!(e[0].field, "from");
        assert!(e[0].reason.contains("overlapper") && e[0].reason.contains("01.01.2025 til 30.06.2025"), "{}", e[0].reason);
        assert!(check_period(&input("work", "2025-07-01", None), bounds(), &others).is_ok(), "the day after ends is free");
        assert!(check_period(&input("work", "2024-01-01", Some("2024-12-31")), bounds(), &others).is_ok());
        assert!(check_period(&input("education", "2025-01-01", Some("2025-08-31")), bounds(), &others).is_ok(), "before the open one");
        let e = check_period(&input("education", "2025-01-01", None), bounds(), &others).unwrap_err();
        assert!(e[0].reason.contains("igangværende"), "{}", e[0].reason);
        assert!(check_period(&input("volunteer", "2025-01-01", None), bounds(), &others).is_ok(), "other kinds may overlap");
    }

    #[test]
    fn a_patch_changes_only_what_it_names() {
        let old = row(1, "work", "2025-01-01", None);
        let ended = PeriodPatch { to: Some(Some("2025-05-31".into())), ..Default::default() }.apply(&old);
        assert_eq!((ended.kind.as_str(), ended.from.as_str(), ended.to.as_deref()), ("work", "2025-01-01", Some("2025-05-31")));
        let kept = PeriodPatch { kind: Some("education".into()), ..Default::default() }.apply(&row(1, "work", "2025-01-01", Some("2025-02-01")));
        assert_eq!((kept.kind.as_str(), kept.to.as_deref()), ("education", Some("2025-02-01")));
        let reopened: PeriodPatch = serde_json::from_str(r#"{"to": null, "reason": "fejl"}"#).unwrap();
        assert_eq!(reopened.apply(&row(1, "work", "2025-01-01", Some("2025-02-01"))).to, None);
        let absent: PeriodPatch = serde_json::from_str(r#"{"reason": "fejl"}"#).unwrap();
        assert_eq!(absent.to, None);
    }

    #[test]
    fn outcomes_are_the_indicator_events_the_rules_do_not_know() {
        let keys: Vec<&str> = outcome_kinds().iter().map(|k| k.key()).collect();
        assert_eq!(keys, ["du_module_passed", "citizenship_course_completed", "council_participation"]);
        let ev = |kind: &str, day: &str| EventRow {
            id: 9,
            person_id: 1,
            kind: kind.into(),
            day: day.parse().unwrap(),
            note: String::new(),
            created_by: String::new(),
        };
        let ok = OutcomeInput { kind: "du_module_passed".into(), date: "2026-02-01".into(), ..Default::default() };
        assert_eq!(check_outcome(&ok, bounds(), &[]).unwrap(), (EventKind::DuModulePassed, "2026-02-01".parse().unwrap()));
        let e = check_outcome(&ok, bounds(), &[ev("du_module_passed", "2026-02-01")]).unwrap_err();
        assert_eq!(e[0].field, "date");
        let rule_event = OutcomeInput { kind: "du_referral".into(), ..ok.clone() };
        assert_eq!(check_outcome(&rule_event, bounds(), &[]).unwrap_err()[0].field, "kind");
        let future = OutcomeInput { date: "2027-01-01".into(), ..ok };
        assert_eq!(check_outcome(&future, bounds(), &[]).unwrap_err()[0].field, "date");
        assert_eq!(check_reason(Some("  ")).unwrap_err().field, "reason");
    }
}
