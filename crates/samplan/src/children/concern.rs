//! Concern notes (underretninger): the checks (pure), the statutory handling deadlines
//! from the rule set (barnets lov, `rules/barnets_lov.toml`), and the service functions
//! the pages and the API share, so access, tenancy and auditing cannot differ.
//!
//! Any staff member who reads persons writes a note about a child they may read; the
//! note goes to børn og familie. Staff of børn og familie read every note of their
//! municipality and record its receipt, assessment, decision and investigation; the
//! writer reads their own notes (without børn og familie's assessment). Everyone else
//! gets 404 for a note and never sees one in a list or count. Writing a note never lets
//! the writer read more than before.
use super::{CHILDREN_AND_FAMILY, is_child};
use crate::app::AppState;
use crate::auth::access::department_of;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::{DepartmentKind, FieldError, Role, parse_date};
use crate::error::AppError;
use crate::persons::danish_date;
use crate::store::Tenant;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::children::{Handling, NewNote, NoteFilter, NoteRow, NoteScope};
use calendar::{Calendar, Date, Offset};
use chrono::{DateTime, Local, NaiveDate, NaiveTime, TimeZone, Utc};
use rules::{Event, EventKind, Measure, Person, ResidenceBasis, RuleSet, Status};
use serde::{Deserialize, Serialize};

/// Longest text of a note, an assessment or a decision.
pub const MAX_TEXT: usize = 4000;

/// Notes on one page of a list.
pub const PAGE_SIZE: i64 = 25;

/// What børn og familie decided, with the Danish names.
pub const DECISIONS: [(&str, &str); 5] = [
    ("no_further_action", "Ingen yderligere foranstaltning"),
    ("early_support", "Tidlig forebyggende indsats"),
    ("investigation", "Børnefaglig undersøgelse"),
    ("acute_measure", "Akut foranstaltning"),
    ("known_case", "Indgår i en kendt sag"),
];

/// The Danish name of a decision code.
pub fn decision_label(code: &str) -> &str {
    DECISIONS.iter().find(|(c, _)| *c == code).map_or(code, |(_, l)| l)
}

/// Who reads which notes: proof that the role check passed.
#[derive(Debug, Clone)]
pub struct Reader {
    tenant: Tenant,
    scope: NoteScope,
}

impl Reader {
    /// The municipality.
    pub fn tenant(&self) -> &Tenant {
        &self.tenant
    }

    /// The municipality code.
    pub fn code(&self) -> &str {
        self.tenant.code()
    }

    /// Staff of børn og familie: every note, and the handling.
    pub fn is_department(&self) -> bool {
        self.scope == NoteScope::Department
    }

    /// The notes this reader reaches.
    pub fn scope(&self) -> NoteScope {
        self.scope
    }
}

/// Whether the actor works in børn og familie.
pub async fn in_children_and_family(state: &AppState, actor: &Actor) -> Result<bool, AppError> {
    if actor.role != Role::DepartmentStaff {
        return Ok(false);
    }
    let Ok(tenant) = actor.person_reader() else { return Ok(false) };
    Ok(department_of(&state.store, &tenant, actor).await?.as_deref() == Some(CHILDREN_AND_FAMILY))
}

/// The reader of notes for an actor: staff who read persons. Others are refused.
pub async fn reader(state: &AppState, actor: &Actor) -> Result<Reader, AppError> {
    let tenant = actor.person_reader()?;
    let scope = if in_children_and_family(state, actor).await? { NoteScope::Department } else { NoteScope::Writer(actor.user.id) };
    Ok(Reader { tenant, scope })
}

/// The reader for one note: a role that may read no notes gets 404 like everyone else
/// outside the note, so an id reveals nothing.
async fn note_reader(state: &AppState, actor: &Actor) -> Result<Reader, AppError> {
    reader(state, actor).await.map_err(|e| match e {
        AppError::Forbidden(_) => AppError::NotFound("underretningen"),
        other => other,
    })
}

/// A new note (the page form's fields too).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteInput {
    /// The child (a person id).
    #[serde(default)]
    #[schema(required = true, minimum = 1)]
    pub child_id: i64,
    /// What you have seen or heard that makes you concerned.
    #[serde(default)]
    pub concern: String,
    /// You think the child may be in immediate danger.
    #[serde(default)]
    pub acute_suspected: bool,
}

/// The handling børn og familie records; the whole handling is given each time
/// (omitted or empty fields are unset).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HandlingInput {
    /// ISO day the receipt was sent to the writer.
    #[serde(default)]
    pub receipt_sent_on: Option<String>,
    /// When the note was assessed, `ÅÅÅÅ-MM-DD TT:MM` (Danish time).
    #[serde(default)]
    pub assessed_at: Option<String>,
    /// The assessment found the child in danger and immediate action needed.
    #[serde(default)]
    pub acute: Option<bool>,
    /// The assessment.
    #[serde(default)]
    pub assessment: Option<String>,
    /// The decision: `no_further_action`, `early_support`, `investigation`, `acute_measure`, `known_case`.
    #[serde(default)]
    pub decision: Option<String>,
    /// ISO day of the decision.
    #[serde(default)]
    pub decision_on: Option<String>,
    /// The decision in words.
    #[serde(default)]
    pub decision_note: Option<String>,
    /// ISO day a børnefaglig undersøgelse started.
    #[serde(default)]
    pub investigation_started_on: Option<String>,
    /// ISO day it was finished.
    #[serde(default)]
    pub investigation_completed_on: Option<String>,
}

/// A handling deadline of a note, from the rule set.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NoteDeadline {
    /// The rule's id (`concern.assessment` …).
    pub rule_id: String,
    /// The rule's Danish title.
    pub title: String,
    /// The legal source.
    pub source: String,
    /// False while the rule is to be confirmed.
    pub confirmed: bool,
    /// The due date (ISO).
    pub due: String,
    /// For a limit in clock hours: the moment it runs out, in Danish time («24.11.2026 kl. 14.05»).
    pub due_time: Option<String>,
    /// `upcoming`, `due_soon`, `overdue`, `met`, `met_late`.
    pub status: String,
    /// The status in Danish.
    pub status_label: String,
}

/// What børn og familie recorded about a note.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct HandlingView {
    /// When it was assessed (RFC 3339).
    pub assessed_at: Option<String>,
    /// Who assessed it.
    pub assessed_by: Option<String>,
    /// Immediate action needed.
    pub acute: Option<bool>,
    /// The assessment.
    pub assessment: String,
    /// The decision's code.
    pub decision: Option<String>,
    /// The decision in Danish.
    pub decision_label: Option<String>,
    /// ISO day of the decision.
    pub decision_on: Option<String>,
    /// The decision in words.
    pub decision_note: String,
    /// ISO day an investigation started.
    pub investigation_started_on: Option<String>,
    /// ISO day it finished.
    pub investigation_completed_on: Option<String>,
    /// The statutory deadlines.
    pub deadlines: Vec<NoteDeadline>,
}

/// A concern note as its reader may see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NoteView {
    /// Id.
    pub id: i64,
    /// The child.
    pub child_id: i64,
    /// The child's name.
    pub child_name: String,
    /// The child's birth date.
    pub child_birth_date: String,
    /// The writer's login.
    pub written_by: String,
    /// The writer's department or role.
    pub writer_unit: String,
    /// What the writer has seen or heard.
    pub concern: String,
    /// The writer suspected immediate danger.
    pub acute_suspected: bool,
    /// When it was received (RFC 3339).
    pub received_at: String,
    /// ISO day the receipt was sent to the writer.
    pub receipt_sent_on: Option<String>,
    /// Invented for the demo.
    pub demo: bool,
    /// Børn og familie's handling; only for børn og familie.
    pub handling: Option<HandlingView>,
}

/// A page of notes on the HTML list.
#[derive(Debug, Clone)]
pub struct NotePage {
    /// The notes, newest first.
    pub notes: Vec<NoteView>,
    /// Notes in all (within the reader's scope and the filter).
    pub total: i64,
    /// This page (from 1).
    pub page: i64,
    /// Pages in all.
    pub pages: i64,
}

/// The received moment as a Danish-time day.
fn local_day(rfc3339: &str) -> Option<NaiveDate> {
    DateTime::parse_from_rfc3339(rfc3339).ok().map(|t| t.with_timezone(&Local).date_naive())
}

fn date_of(d: NaiveDate) -> Option<Date> {
    crate::domain::calendar_day(d)
}

/// The statutory deadlines of a note as they stand `now`, from `rules` on `calendar`:
/// the events of the note become a child's `rules::Person` (nothing else of the child
/// is used), so every deadline, its legal source and "to be confirmed" come from the
/// rule set, and a municipality's tightening applies.
pub fn deadlines(row: &NoteRow, rules: &RuleSet, calendar: &Calendar, now: DateTime<Utc>) -> Vec<NoteDeadline> {
    let today_local = now.with_timezone(&Local).date_naive();
    let (Some(today), Some(birth)) = (date_of(today_local), Date::parse(&row.birth_date).ok()) else { return Vec::new() };
    let mut person = Person::new(birth, ResidenceBasis::Other);
    let mut push = |kind: EventKind, day: Option<Date>| {
        if let Some(date) = day {
            person.events.push(Event { kind, date });
        }
    };
    push(EventKind::ConcernReceived, local_day(&row.received_at).and_then(date_of));
    push(EventKind::ConcernAssessed, row.assessed_at.as_deref().and_then(local_day).and_then(date_of));
    push(EventKind::ConcernReceiptSent, row.receipt_sent_on);
    push(EventKind::ChildInvestigationStarted, row.investigation_started_on);
    push(EventKind::ChildInvestigationCompleted, row.investigation_completed_on);
    let received = DateTime::parse_from_rfc3339(&row.received_at).ok().map(|t| t.with_timezone(&Utc));
    let assessed = row.assessed_at.as_deref().and_then(|a| DateTime::parse_from_rfc3339(a).ok()).map(|t| t.with_timezone(&Utc));
    rules
        .derive(&person, today, calendar)
        .deadlines
        .into_iter()
        .map(|d| {
            let hours = rules.rules().iter().find(|r| r.id == d.rule_id && r.version == d.rule_version).and_then(|r| match r.measure {
                Measure::Deadline { offset: Offset::Hours(h), .. } => Some(h),
                _ => None,
            });
            let mut status = d.status;
            let mut status_label = None;
            // A limit in clock hours is judged to the minute, from the moment received,
            // and said in hours and minutes (a day-based «within 7 days» would mislead).
            let due_time = match (hours, received, d.rule_id.starts_with("concern.assessment")) {
                (Some(h), Some(r), true) => {
                    let limit = r + chrono::Duration::hours(i64::from(h));
                    status = match assessed {
                        Some(a) => Status::Met { on: date_of(a.with_timezone(&Local).date_naive()).unwrap_or(today), in_time: a <= limit },
                        None if now > limit => {
                            status_label = Some(format!("overskredet med {}", hours_and_minutes(now - limit)));
                            Status::Overdue { days_overdue: u32::try_from((now - limit).num_days()).unwrap_or(0) }
                        }
                        None => {
                            status_label = Some(format!("udløber om {}", hours_and_minutes(limit - now)));
                            Status::DueSoon { days_left: 0 }
                        }
                    };
                    Some(crate::web::pages::when(&crate::store::timestamp(limit)))
                }
                _ => None,
            };
            NoteDeadline {
                rule_id: d.rule_id,
                title: d.title,
                source: d.source.to_string(),
                confirmed: d.confirmed,
                due: d.due.to_string(),
                due_time,
                status: crate::deadlines::status_code(status).to_string(),
                status_label: status_label.unwrap_or_else(|| status.danish_label().to_string()),
            }
        })
        .collect()
}

/// A span of time in Danish hours and minutes («3 t 05 min», «45 min»).
fn hours_and_minutes(d: chrono::Duration) -> String {
    let minutes = d.num_minutes().max(0);
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, m) => format!("{h} t {m:02} min"),
    }
}

fn view(row: NoteRow, department: bool, deadlines: Vec<NoteDeadline>) -> NoteView {
    let handling = department.then(|| HandlingView {
        assessed_at: row.assessed_at.clone(),
        assessed_by: row.assessed_by.clone(),
        acute: row.acute.map(|a| a == 1),
        assessment: row.assessment.clone(),
        decision_label: row.decision.as_deref().map(|d| decision_label(d).to_string()),
        decision: row.decision.clone(),
        decision_on: row.decision_on.map(|d| d.to_string()),
        decision_note: row.decision_note.clone(),
        investigation_started_on: row.investigation_started_on.map(|d| d.to_string()),
        investigation_completed_on: row.investigation_completed_on.map(|d| d.to_string()),
        deadlines,
    });
    NoteView {
        id: row.id,
        child_id: row.child_id,
        child_name: format!("{} {}", row.given_name, row.family_name),
        child_birth_date: row.birth_date,
        written_by: row.writer_login,
        writer_unit: row.writer_unit,
        concern: row.concern,
        acute_suspected: row.acute_suspected == 1,
        received_at: row.received_at,
        receipt_sent_on: row.receipt_sent_on.map(|d| d.to_string()),
        demo: row.demo == 1,
        handling,
    }
}

/// Checks a new note's text; every error names its field.
pub fn check_note(input: &NoteInput) -> Result<String, Vec<FieldError>> {
    let text = input.concern.trim();
    if text.is_empty() {
        return Err(vec![FieldError::new("concern", "skriv hvad du har set eller hørt, som gør dig bekymret for barnet")]);
    }
    if text.chars().count() > MAX_TEXT {
        return Err(vec![FieldError::new("concern", format!("må højst have {MAX_TEXT} tegn"))]);
    }
    Ok(text.to_string())
}

fn optional(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Parses a moment in Danish time: a day as `parse_date` reads it (DD.MM.ÅÅÅÅ or
/// ÅÅÅÅ-MM-DD), a space or `T`, and `TT:MM` (also `TT.MM`).
fn parse_moment(field: &'static str, raw: &str) -> Result<DateTime<Utc>, FieldError> {
    let bad = || FieldError::new(field, format!("«{raw}» er ikke et tidspunkt på formen DD.MM.ÅÅÅÅ TT:MM, fx 24.11.2026 14:30"));
    let (day, time) = raw.trim().split_once([' ', 'T']).ok_or_else(bad)?;
    let day = parse_date(field, day.trim()).map_err(|_| bad())?;
    let time = NaiveTime::parse_from_str(&time.trim().replace('.', ":"), "%H:%M").map_err(|_| bad())?;
    Local
        .from_local_datetime(&day.and_time(time))
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| FieldError::new(field, "tidspunktet findes ikke i dansk tid"))
}

/// Checks the handling against the note (received when) and now; returns what to store.
/// Nothing may lie after now or before the note was received; an investigation is
/// finished after it started; a decision has a day.
pub fn check_handling(input: &HandlingInput, received_at: &str, now: DateTime<Utc>, by: &str, before: &NoteRow) -> Result<Handling, Vec<FieldError>> {
    let mut errors = Vec::new();
    let received = DateTime::parse_from_rfc3339(received_at).map(|t| t.with_timezone(&Utc)).unwrap_or(now);
    let received_day = received.with_timezone(&Local).date_naive();
    let today = now.with_timezone(&Local).date_naive();
    let mut day = |field: &'static str, value: &Option<String>, what: &str| -> Option<Date> {
        let raw = optional(value)?;
        match parse_date(field, raw) {
            Ok(d) if d > today => errors.push(FieldError::new(field, format!("{what} {} ligger efter i dag", danish_date(&d)))),
            Ok(d) if d < received_day => errors
                .push(FieldError::new(field, format!("{what} {} ligger før underretningen blev modtaget ({})", danish_date(&d), danish_date(&received_day)))),
            Ok(d) => match crate::domain::in_calendar(field, raw, d) {
                Ok(d) => return Some(d),
                Err(e) => errors.push(e),
            },
            Err(e) => errors.push(e),
        }
        None
    };
    let receipt_sent_on = day("receipt_sent_on", &input.receipt_sent_on, "kvitteringsdatoen");
    let decision_on = day("decision_on", &input.decision_on, "afgørelsesdatoen");
    let started = day("investigation_started_on", &input.investigation_started_on, "startdatoen");
    let completed = day("investigation_completed_on", &input.investigation_completed_on, "slutdatoen");
    let assessment = optional(&input.assessment).unwrap_or("").to_string();
    let assessed_at = match optional(&input.assessed_at) {
        None => {
            if !assessment.is_empty() || input.acute.is_some() {
                errors.push(FieldError::new("assessed_at", "skriv hvornår underretningen blev vurderet"));
            }
            None
        }
        Some(raw) => match parse_moment("assessed_at", raw) {
            Ok(t) if t > now + chrono::Duration::minutes(5) => {
                errors.push(FieldError::new("assessed_at", "vurderingen ligger efter nu"));
                None
            }
            Ok(t) if t + chrono::Duration::minutes(1) < received => {
                errors.push(FieldError::new("assessed_at", "vurderingen ligger før underretningen blev modtaget"));
                None
            }
            // The form shows the moment to the minute: the same minute keeps what is stored.
            Ok(t) => match before.assessed_at.as_deref().and_then(|a| DateTime::parse_from_rfc3339(a).ok()) {
                Some(was) if was.timestamp().div_euclid(60) == t.timestamp().div_euclid(60) => before.assessed_at.clone(),
                _ => Some(crate::store::timestamp(t)),
            },
            Err(e) => {
                errors.push(e);
                None
            }
        },
    };
    if assessed_at.is_some() && input.acute.is_none() {
        errors.push(FieldError::new("acute", "vælg om barnets sundhed eller udvikling er i fare, så der er behov for akut indsats"));
    }
    let decision = match optional(&input.decision) {
        None => None,
        Some(code) if DECISIONS.iter().any(|(c, _)| *c == code) => Some(code.to_string()),
        Some(code) => {
            let names: Vec<String> = DECISIONS.iter().map(|(c, l)| format!("{c} ({l})")).collect();
            errors.push(FieldError::new("decision", format!("«{code}» er ikke en afgørelse; brug en af: {}", names.join(", "))));
            None
        }
    };
    if decision.is_some() != decision_on.is_some() && !errors.iter().any(|e| e.field == "decision_on" || e.field == "decision") {
        let field = if decision.is_some() { "decision_on" } else { "decision" };
        errors.push(FieldError::new(field, "en afgørelse skal have både hvad der er besluttet og datoen"));
    }
    if completed.is_some() && started.is_none() && !errors.iter().any(|e| e.field == "investigation_started_on") {
        errors.push(FieldError::new("investigation_started_on", "skriv hvornår undersøgelsen begyndte"));
    }
    if let (Some(s), Some(c)) = (&started, &completed)
        && c < s
    {
        errors.push(FieldError::new("investigation_completed_on", format!("slutdatoen {} ligger før startdatoen {}", danish_date(c), danish_date(s))));
    }
    for (field, text) in [("assessment", &assessment), ("decision_note", &optional(&input.decision_note).unwrap_or("").to_string())] {
        if text.chars().count() > MAX_TEXT {
            errors.push(FieldError::new(field, format!("må højst have {MAX_TEXT} tegn")));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // Whoever first recorded the assessment stays its author unless its time changes.
    let assessed_by = match (&assessed_at, &before.assessed_at) {
        (None, _) => None,
        (Some(now_at), Some(was)) if now_at == was => before.assessed_by.clone(),
        (Some(_), _) => Some(by.to_string()),
    };
    Ok(Handling {
        receipt_sent_on,
        acute: if assessed_at.is_some() { input.acute } else { None },
        assessed_at,
        assessed_by,
        assessment,
        decision,
        decision_on,
        decision_note: optional(&input.decision_note).unwrap_or("").to_string(),
        investigation_started_on: started,
        investigation_completed_on: completed,
    })
}

/// The writer's department or role, in Danish, as the note records it.
async fn writer_unit(state: &AppState, actor: &Actor, code: &str) -> Result<String, AppError> {
    if actor.role == Role::DepartmentStaff {
        let tenant = actor.person_reader()?;
        if let Some(kind) = department_of(&state.store, &tenant, actor).await?.and_then(|k| DepartmentKind::parse(&k).ok()) {
            return Ok(kind.label().to_string());
        }
    }
    let _ = code;
    Ok(actor.role.label().to_string())
}

/// The child a writer may write about: a person they may read, under 18; 404 otherwise.
pub async fn child_for_writer(state: &AppState, actor: &Actor, child_id: i64) -> Result<crate::store::persons::PersonRow, AppError> {
    let access = actor.person_access(&state.store).await?;
    let child = access.person(&state.store, child_id).await?;
    if !is_child(&child.birth_date, Local::now().date_naive()) {
        return Err(AppError::Invalid(vec![FieldError::new("child_id", "personen er ikke et barn (under 18 år); en underretning handler om et barn")]));
    }
    Ok(child)
}

/// Writes a note about a child the actor may read; what the writer may read afterwards
/// is exactly what they could before, plus their own note.
pub async fn create(state: &AppState, actor: &Actor, meta: &RequestMeta, input: &NoteInput) -> Result<NoteView, AppError> {
    let reader = reader(state, actor).await?;
    if input.child_id <= 0 {
        return Err(FieldError::new("child_id", "vælg barnet").into());
    }
    let child = child_for_writer(state, actor, input.child_id).await?;
    let concern = check_note(input).map_err(AppError::Invalid)?;
    let note = NewNote {
        child_id: child.id,
        written_by: actor.user.id,
        writer_login: actor.user.login.clone(),
        writer_unit: writer_unit(state, actor, reader.code()).await?,
        concern,
        acute_suspected: input.acute_suspected,
        received_at: crate::store::now(),
        demo: false,
    };
    let id = state.store.add_concern_note(reader.tenant(), &note).await?;
    record(
        state,
        vec![meta.event(
            actor,
            AuditAction::Create,
            AuditEntity::ConcernNote,
            Some(id),
            format!("underretning om person {} modtaget af børn og familie", child.id),
        )],
    )
    .await?;
    let row = state.store.concern_note(reader.tenant(), NoteScope::Writer(actor.user.id), id).await?.ok_or(AppError::NotFound("underretningen"))?;
    Ok(view(row, false, Vec::new()))
}

/// One note for its reader, audited; 404 outside the reader's scope.
pub async fn read(state: &AppState, actor: &Actor, meta: &RequestMeta, id: i64, detail: &str) -> Result<(NoteView, Reader), AppError> {
    let reader = note_reader(state, actor).await?;
    let row = state.store.concern_note(reader.tenant(), reader.scope(), id).await?.ok_or(AppError::NotFound("underretningen"))?;
    let deadlines = if reader.is_department() {
        let with = crate::deadlines::municipality_rules(&state.store, reader.tenant()).await?;
        deadlines(&row, &with.rules, &with.calendar, Utc::now())
    } else {
        Vec::new()
    };
    record(
        state,
        vec![meta.event(actor, AuditAction::Read, AuditEntity::ConcernNote, Some(id), format!("underretning om person {} ({detail})", row.child_id))],
    )
    .await?;
    Ok((view(row, reader.is_department(), deadlines), reader))
}

/// The reader's notes, newest first: up to `limit` + 1 rows from `offset` (the one more
/// tells whether another page follows and is neither shown nor audited), with the total
/// within the reader's scope; each note shown is an audited read.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    open_only: bool,
    limit: i64,
    offset: i64,
) -> Result<(Vec<NoteView>, i64, Reader), AppError> {
    let reader = reader(state, actor).await?;
    let filter = if open_only { NoteFilter::Open } else { NoteFilter::All };
    let (rows, total) = state.store.concern_notes(reader.tenant(), reader.scope(), filter, limit + 1, offset.max(0)).await?;
    let with = if reader.is_department() { Some(crate::deadlines::municipality_rules(&state.store, reader.tenant()).await?) } else { None };
    let now = Utc::now();
    let shown = usize::try_from(limit).unwrap_or(0);
    let events = rows
        .iter()
        .take(shown)
        .map(|r| meta.event(actor, AuditAction::Read, AuditEntity::ConcernNote, Some(r.id), format!("underretning om person {} (liste)", r.child_id)))
        .collect();
    record(state, events).await?;
    let notes = rows
        .into_iter()
        .map(|r| {
            let d = with.as_ref().map(|w| deadlines(&r, &w.rules, &w.calendar, now)).unwrap_or_default();
            view(r, reader.is_department(), d)
        })
        .collect();
    Ok((notes, total, reader))
}

/// The handling as stored, to compare a submitted one with.
fn stored_handling(row: &NoteRow) -> Handling {
    Handling {
        receipt_sent_on: row.receipt_sent_on,
        assessed_at: row.assessed_at.clone(),
        assessed_by: row.assessed_by.clone(),
        acute: row.acute.map(|a| a == 1),
        assessment: row.assessment.clone(),
        decision: row.decision.clone(),
        decision_on: row.decision_on,
        decision_note: row.decision_note.clone(),
        investigation_started_on: row.investigation_started_on,
        investigation_completed_on: row.investigation_completed_on,
    }
}

/// Note `id` for a caller who reads it (404) and handles notes, børn og familie (403):
/// checked before the handling is read.
pub async fn handleable_note(state: &AppState, actor: &Actor, id: i64) -> Result<(Reader, NoteRow), AppError> {
    let reader = note_reader(state, actor).await?;
    let row = state.store.concern_note(reader.tenant(), reader.scope(), id).await?.ok_or(AppError::NotFound("underretningen"))?;
    if !reader.is_department() {
        return Err(AppError::Forbidden("kun børn og familie behandler underretninger".into()));
    }
    Ok((reader, row))
}

/// Records børn og familie's handling (only they may; the writer gets 403, others 404).
pub async fn update_handling(state: &AppState, actor: &Actor, meta: &RequestMeta, id: i64, input: &HandlingInput) -> Result<NoteView, AppError> {
    let (reader, row) = handleable_note(state, actor, id).await?;
    let handling = check_handling(input, &row.received_at, Utc::now(), &actor.user.login, &row).map_err(AppError::Invalid)?;
    if handling == stored_handling(&row) {
        // Submitted unchanged: nothing is written and nothing is recorded as a change.
        return Ok(read(state, actor, meta, id, "uændret behandling").await?.0);
    }
    state.store.update_concern_handling(reader.tenant(), id, &handling).await?;
    let iso = |d: Option<Date>| d.map(|d| d.to_string());
    let summary = format!(
        "underretning om person {} behandlet: kvittering {}, vurderet {}, afgørelse {} {}, undersøgelse {}–{}",
        row.child_id,
        iso(handling.receipt_sent_on).as_deref().unwrap_or("-"),
        handling.assessed_at.as_deref().unwrap_or("-"),
        handling.decision.as_deref().unwrap_or("-"),
        iso(handling.decision_on).unwrap_or_default(),
        iso(handling.investigation_started_on).unwrap_or_default(),
        iso(handling.investigation_completed_on).unwrap_or_default(),
    );
    record(state, vec![meta.event(actor, AuditAction::Update, AuditEntity::ConcernNote, Some(id), summary)]).await?;
    Ok(read(state, actor, meta, id, "efter behandling").await?.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(received_at: &str) -> NoteRow {
        NoteRow {
            id: 1,
            child_id: 2,
            given_name: "Amal".into(),
            family_name: "Haddad".into(),
            birth_date: "2021-04-01".into(),
            written_by: 3,
            writer_login: "dagtilbud".into(),
            writer_unit: "Dagtilbud og skole".into(),
            concern: "Bekymret".into(),
            acute_suspected: 0,
            received_at: received_at.into(),
            receipt_sent_on: None,
            assessed_at: None,
            assessed_by: None,
            acute: None,
            assessment: String::new(),
            decision: None,
            decision_on: None,
            decision_note: String::new(),
            investigation_started_on: None,
            investigation_completed_on: None,
            updated_at: None,
            demo: 0,
        }
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_deadlines_come_from_the_rule_set() {
        // Received on Friday 20 November 2026 at noon (UTC).
        let r = row("2026-11-20T12:00:00Z");
        let out = deadlines(&r, RuleSet::shipped(), &Calendar::new(), at("2026-11-21T11:00:00Z"));
        let ids: Vec<&str> = out.iter().map(|d| d.rule_id.as_str()).collect();
        assert_eq!(ids, ["concern.assessment", "concern.receipt"], "{out:?}");
        let assessment = &out[0];
        // 24 clock hours run through the weekend: due Saturday, to the minute.
        assert_eq!(assessment.due, "2026-11-21");
        assert!(assessment.due_time.is_some());
        assert_eq!((assessment.status.as_str(), assessment.status_label.as_str()), ("due_soon", "udløber om 1 t 00 min"));
        assert!(!assessment.confirmed && assessment.source.contains("Barnets lov") && assessment.source.contains("§ 136"));
        // 6 working days from Friday 20 November: Monday 30 November.
        assert_eq!(out[1].due, "2026-11-30");
        let late = deadlines(&r, RuleSet::shipped(), &Calendar::new(), at("2026-11-21T12:01:00Z"));
        assert_eq!((late[0].status.as_str(), late[0].status_label.as_str()), ("overdue", "overskredet med 1 min"));
        assert_eq!(late[1].status_label, "kommende", "day-based deadlines keep the rule set's words");
        let mut done = r.clone();
        done.assessed_at = Some("2026-11-21T11:30:00Z".into());
        done.investigation_started_on = Some("2026-11-23".parse().unwrap());
        let out = deadlines(&done, RuleSet::shipped(), &Calendar::new(), at("2026-11-24T08:00:00Z"));
        assert_eq!(out.iter().find(|d| d.rule_id == "concern.assessment").unwrap().status, "met");
        let investigation = out.iter().find(|d| d.rule_id == "child_investigation.duration").unwrap();
        assert_eq!(investigation.due, "2027-03-23");
    }

    #[test]
    fn handling_checks_name_their_fields() {
        let r = row("2026-11-20T12:00:00Z");
        let now = at("2026-11-25T12:00:00Z");
        let fields =
            |i: HandlingInput| check_handling(&i, &r.received_at, now, "bf", &r).err().unwrap_or_default().into_iter().map(|e| e.field).collect::<Vec<_>>();
        assert_eq!(fields(HandlingInput { assessment: Some("Ikke akut".into()), ..Default::default() }), ["assessed_at"]);
        assert_eq!(fields(HandlingInput { assessed_at: Some("2026-11-21 09:00".into()), ..Default::default() }), ["acute"]);
        assert_eq!(fields(HandlingInput { assessed_at: Some("21-11-2026".into()), acute: Some(false), ..Default::default() }), ["assessed_at"]);
        assert_eq!(fields(HandlingInput { receipt_sent_on: Some("2026-11-19".into()), ..Default::default() }), ["receipt_sent_on"]);
        assert_eq!(fields(HandlingInput { receipt_sent_on: Some("2026-11-26".into()), ..Default::default() }), ["receipt_sent_on"]);
        assert_eq!(fields(HandlingInput { decision: Some("investigation".into()), ..Default::default() }), ["decision_on"]);
        assert_eq!(fields(HandlingInput { decision: Some("jail".into()), decision_on: Some("2026-11-22".into()), ..Default::default() }), ["decision"]);
        assert_eq!(fields(HandlingInput { investigation_completed_on: Some("2026-11-22".into()), ..Default::default() }), ["investigation_started_on"]);
        let ok = check_handling(
            &HandlingInput { assessed_at: Some("2026-11-21 09.15".into()), acute: Some(false), assessment: Some(" Ikke akut ".into()), ..Default::default() },
            &r.received_at,
            now,
            "bf",
            &r,
        )
        .unwrap();
        assert_eq!((ok.acute, ok.assessment.as_str(), ok.assessed_by.as_deref()), (Some(false), "Ikke akut", Some("bf")));
        assert_eq!(check_note(&NoteInput { concern: "  ".into(), ..Default::default() }).unwrap_err()[0].field, "concern");
    }
}
