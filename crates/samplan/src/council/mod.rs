//! The integration council (integrationsloven § 42): members nominated by associations
//! and appointed by the city council for its election period, meetings with agenda
//! items, documents and minutes, and recommendations to the city council with the
//! responsible department, a status and follow-up dates that appear in that
//! department's Frister. This file holds the pure checks and the service functions the
//! pages (`pages.rs`), the API (`api.rs`), the PDFs (`pdf.rs`) and the public page
//! (`public.rs`) share. Managers and administrators edit (decision 120); every staff
//! member of the municipality reads; every change is audited.
pub mod api;
pub mod pages;
pub mod pdf;
pub mod public;

use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::{DepartmentKind, FieldError, Role};
use crate::error::AppError;
use crate::store::Tenant;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::council::{FollowUpRow, ItemRow, MeetingRow, MemberFields, MemberRow, OpenFollowUpRow, RecommendationFields, RecommendationRow};
use serde::{Deserialize, Serialize};

crate::domain::person::vocabulary!(
    /// Where a recommendation to the city council stands.
    RecommendationStatus, "status" {
        Sent => ("sent", "Sendt til byrådet"),
        Answered => ("answered", "Besvaret"),
        InProgress => ("in_progress", "I gang"),
        Done => ("done", "Gennemført"),
        Rejected => ("rejected", "Afvist"),
    }
);

/// The smallest council the law allows (integrationsloven § 42 stk. 2).
pub const MIN_MEMBERS: usize = 7;

/// The longest free text accepted in one field (minutes of one item, a recommendation).
const MAX_TEXT: usize = 20_000;

/// The municipality whose council an actor may read: every user of a municipality but
/// citizens. What they see of it is [`sees_unpublished`]'s question.
pub fn reader(actor: &Actor) -> Result<Tenant, AppError> {
    actor.tenant().ok_or_else(|| AppError::Forbidden("integrationsrådet hører til en kommune".into()))
}

/// Whether a reader sees the council's papers before a manager publishes them: the
/// municipality's own staff. An organisation's volunteer coordinator, a translator and a
/// regional coordinator see what the public page shows: the published meetings with their
/// agendas and minutes, and the recommendations adopted at them.
pub fn sees_unpublished(role: Role) -> bool {
    role.is_municipal_staff()
}

/// The council as `actor` may read it (see [`sees_unpublished`]), and its municipality.
pub async fn load_for(state: &AppState, actor: &Actor) -> Result<(Tenant, Council), AppError> {
    let tenant = reader(actor)?;
    let mut council = load(state, &tenant).await?;
    if !sees_unpublished(actor.role) {
        council.meetings.retain(|m| m.published);
        let published: Vec<i64> = council.meetings.iter().map(|m| m.id).collect();
        council.recommendations.retain(|r| r.meeting_id.is_some_and(|id| published.contains(&id)));
    }
    Ok((tenant, council))
}

/// One meeting as `actor` may read it: an unpublished one is unknown (404) to readers who
/// see only published papers.
pub async fn meeting_for(state: &AppState, actor: &Actor, id: i64) -> Result<(Tenant, MeetingView), AppError> {
    let tenant = reader(actor)?;
    let m = meeting(state, &tenant, id).await?;
    if !m.published && !sees_unpublished(actor.role) {
        return Err(AppError::NotFound("mødet"));
    }
    Ok((tenant, m))
}

/// One recommendation as `actor` may read it: one not adopted at a published meeting is
/// unknown (404) to readers who see only published papers.
pub async fn recommendation_for(state: &AppState, actor: &Actor, id: i64) -> Result<(Tenant, RecommendationView), AppError> {
    let tenant = reader(actor)?;
    let r = recommendation(state, &tenant, id).await?;
    if !sees_unpublished(actor.role) {
        let published = match r.meeting_id {
            Some(m) => meeting(state, &tenant, m).await.is_ok_and(|m| m.published),
            None => false,
        };
        if !published {
            return Err(AppError::NotFound("anbefalingen"));
        }
    }
    Ok((tenant, r))
}

/// The municipality whose council an actor may change: managers and administrators.
pub fn editor(actor: &Actor) -> Result<Tenant, AppError> {
    match actor.tenant() {
        Some(tenant) if may_edit(actor.role) => Ok(tenant),
        _ => Err(AppError::Forbidden("kun ledere og administratorer kan ændre integrationsrådets oplysninger".into())),
    }
}

/// Whether a role edits the council's members, meetings and recommendations.
pub fn may_edit(role: Role) -> bool {
    matches!(role, Role::Manager | Role::Admin)
}

fn today() -> calendar::Date {
    crate::deadlines::today()
}

fn required(errors: &mut Vec<FieldError>, field: &'static str, label: &str, raw: &str, max: usize) -> String {
    let v = raw.trim();
    if v.is_empty() {
        errors.push(FieldError::new(field, format!("{label} mangler")));
    } else if v.chars().count() > max {
        errors.push(FieldError::new(field, format!("{label} er for lang (højst {max} tegn)")));
    }
    v.to_string()
}

fn date(errors: &mut Vec<FieldError>, field: &'static str, raw: &str) -> Option<calendar::Date> {
    crate::domain::parse_day(field, raw).map_err(|e| errors.push(e)).ok()
}

/// True when `text` holds something shaped like a CPR number (6 digits, an optional
/// hyphen or space, 4 digits, not inside a longer number). Minutes and agenda texts are
/// published; they must not name a citizen's CPR number.
pub fn has_cpr_like(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(|c| c.is_ascii_digit());
    for start in 0..chars.len() {
        if !digit(start) || (start > 0 && digit(start - 1)) {
            continue;
        }
        if !(start..start + 6).all(digit) {
            continue;
        }
        let mut next = start + 6;
        if matches!(chars.get(next), Some('-') | Some(' ')) {
            next += 1;
        }
        if (next..next + 4).all(digit) && !digit(next + 4) {
            return true;
        }
    }
    false
}

fn free_text(errors: &mut Vec<FieldError>, field: &'static str, label: &str, raw: &str) -> String {
    let v = raw.trim();
    if v.chars().count() > MAX_TEXT {
        errors.push(FieldError::new(field, format!("{label} er for lang (højst {MAX_TEXT} tegn)")));
    } else {
        no_cpr(errors, field, label, v);
    }
    v.to_string()
}

/// Refuses a published text (a title, a place, a reason) that holds a CPR-shaped number.
fn no_cpr(errors: &mut Vec<FieldError>, field: &'static str, label: &str, text: &str) {
    if has_cpr_like(text) {
        errors.push(FieldError::new(field, format!("{label} ser ud til at indeholde et CPR-nummer; teksten offentliggøres og må ikke have personnumre")));
    }
}

/// A member as typed in the form or sent to the API.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct MemberInput {
    /// Name.
    #[serde(default)]
    #[schema(required = true, max_length = 200, pattern = r"\S")]
    pub name: String,
    /// The association or body that nominated the member.
    #[serde(default)]
    #[schema(required = true, max_length = 200, pattern = r"\S")]
    pub nominated_by: String,
    /// The city council's election period, `YYYY-YYYY` (e.g. `2026-2029`).
    #[serde(default)]
    #[schema(required = true, pattern = "^(20[0-9]{2}|21[0-9]{2}|2200)-[0-9]{4}$")]
    pub election_period: String,
    /// ISO first day of the term.
    #[serde(default)]
    #[schema(required = true, format = Date)]
    pub term_from: String,
    /// ISO last day of the term.
    #[serde(default)]
    #[schema(required = true, format = Date)]
    pub term_to: String,
    /// The personal substitute's name (may be empty).
    #[serde(default)]
    pub substitute: String,
}

impl MemberInput {
    /// Checks every field.
    pub fn parse(&self) -> Result<MemberFields, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = required(&mut errors, "name", "Navnet", &self.name, 200);
        let nominated_by = required(&mut errors, "nominated_by", "Den indstillende forening", &self.nominated_by, 200);
        let period = self.election_period.trim().replace(['–', '—'], "-");
        let years: Option<(i32, i32)> = period.split_once('-').and_then(|(a, b)| Some((a.trim().parse().ok()?, b.trim().parse().ok()?)));
        let election_period = match years {
            Some((a, b)) if (2000..=2200).contains(&a) && b == a + 3 => format!("{a}-{b}"),
            _ => {
                errors.push(FieldError::new(
                    "election_period",
                    format!("«{}» er ikke en valgperiode på formen ÅÅÅÅ-ÅÅÅÅ (fire år, fx 2026-2029)", self.election_period.trim()),
                ));
                String::new()
            }
        };
        let term_from = date(&mut errors, "term_from", &self.term_from);
        let term_to = date(&mut errors, "term_to", &self.term_to);
        if let (Some(from), Some(to)) = (term_from, term_to)
            && to < from
        {
            errors.push(FieldError::new("term_to", "perioden kan ikke slutte, før den begynder"));
        }
        if let (Some((a, b)), false, Some(from), Some(to)) = (years, election_period.is_empty(), term_from, term_to) {
            // The city council appoints for its own election period: 1 January of the
            // first year to 31 December of the last.
            if from.year() < a || to.year() > b {
                errors.push(FieldError::new("term_to", format!("perioden skal ligge inden for valgperioden {a}-{b}")));
            }
        }
        let substitute = self.substitute.trim().to_string();
        if substitute.chars().count() > 200 {
            errors.push(FieldError::new("substitute", "Stedfortræderens navn er for langt (højst 200 tegn)"));
        }
        match (term_from, term_to) {
            (Some(term_from), Some(term_to)) if errors.is_empty() => Ok(MemberFields { name, nominated_by, election_period, term_from, term_to, substitute }),
            _ => Err(errors),
        }
    }
}

/// A meeting as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct MeetingInput {
    /// ISO day.
    #[serde(default)]
    #[schema(required = true, format = Date)]
    pub held_on: String,
    /// `HH:MM` (may be empty).
    #[serde(default)]
    #[schema(pattern = "^(([01]?[0-9]|2[0-3])[:.][0-5][0-9])?$")]
    pub starts_at: String,
    /// Where.
    #[serde(default)]
    #[schema(required = true, max_length = 200, pattern = r"\S")]
    pub place: String,
    /// Agenda items to add at once (API).
    #[serde(default)]
    pub items: Vec<ItemInput>,
}

/// The checked fields of a meeting: day, time, place.
pub type MeetingFields = (calendar::Date, String, String);

impl MeetingInput {
    /// Checks every field (items included).
    pub fn parse(&self) -> Result<(MeetingFields, Vec<ItemInput>), Vec<FieldError>> {
        let mut errors = Vec::new();
        let held_on = date(&mut errors, "held_on", &self.held_on);
        let t = self.starts_at.trim().replace('.', ":");
        let ok_time = t.is_empty()
            || t.split_once(':')
                .is_some_and(|(h, m)| h.len() <= 2 && m.len() == 2 && h.parse::<u32>().is_ok_and(|h| h < 24) && m.parse::<u32>().is_ok_and(|m| m < 60));
        if !ok_time {
            errors.push(FieldError::new("starts_at", format!("«{}» er ikke et klokkeslæt på formen TT:MM", self.starts_at.trim())));
        }
        let place = required(&mut errors, "place", "Mødestedet", &self.place, 200);
        no_cpr(&mut errors, "place", "Mødestedet", &place);
        let mut items = Vec::new();
        for item in &self.items {
            match item.parse() {
                Ok(i) => items.push(i),
                Err(e) => errors.extend(e.into_iter().map(|e| FieldError::new(format!("items.{}", e.field), e.reason))),
            }
        }
        match held_on {
            Some(held_on) if errors.is_empty() => Ok(((held_on, t, place), items)),
            _ => Err(errors),
        }
    }
}

/// An agenda item as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ItemInput {
    /// Title.
    #[serde(default)]
    #[schema(required = true, max_length = 300, pattern = r"\S")]
    pub title: String,
    /// What the item is about.
    #[serde(default)]
    pub description: String,
    /// Documents, one a line: `title | address`.
    #[serde(default)]
    pub documents: String,
}

impl ItemInput {
    /// Checks every field.
    pub fn parse(&self) -> Result<ItemInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = required(&mut errors, "title", "Punktets overskrift", &self.title, 300);
        no_cpr(&mut errors, "title", "Punktets overskrift", &title);
        let description = free_text(&mut errors, "description", "Beskrivelsen", &self.description);
        let documents = free_text(&mut errors, "documents", "Bilagslisten", &self.documents);
        for line in documents.lines().filter(|l| !l.trim().is_empty()) {
            if let Some((_, address)) = line.split_once('|') {
                let a = address.trim();
                if !(a.starts_with("https://") || a.starts_with("http://") || a.starts_with('/')) {
                    errors.push(FieldError::new("documents", format!("«{a}» er ikke en webadresse (https://…)")));
                }
            }
        }
        if errors.is_empty() { Ok(ItemInput { title, description, documents }) } else { Err(errors) }
    }
}

/// One document of an agenda item.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct DocumentView {
    /// Title.
    pub title: String,
    /// Address, when given.
    pub address: Option<String>,
}

/// The documents of an item's `documents` text.
pub fn documents(text: &str) -> Vec<DocumentView> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| match l.split_once('|') {
            Some((t, a)) => DocumentView { title: t.trim().to_string(), address: Some(a.trim().to_string()).filter(|a| !a.is_empty()) },
            None => DocumentView { title: l.to_string(), address: None },
        })
        .collect()
}

/// A recommendation as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct RecommendationInput {
    /// The meeting it was adopted at (id; empty for none).
    #[serde(default)]
    pub meeting_id: Option<String>,
    /// Title.
    #[serde(default)]
    #[schema(required = true, pattern = r"\S")]
    pub title: String,
    /// The text sent to the city council.
    #[serde(default)]
    #[schema(required = true, pattern = r"\S")]
    pub body: String,
    /// Responsible department code (`jobcenter`, `bolig` …).
    #[serde(default)]
    #[schema(required = true, value_type = crate::domain::DepartmentKind)]
    pub department: String,
    /// `sent`, `answered`, `in_progress`, `done` or `rejected` (empty: `sent`).
    #[serde(default)]
    #[schema(pattern = "^(sent|answered|in_progress|done|rejected)?$")]
    pub status: String,
    /// Why it was rejected (required for `rejected`).
    #[serde(default)]
    pub status_reason: String,
    /// ISO day it was sent.
    #[serde(default)]
    #[schema(required = true, format = Date)]
    pub sent_on: String,
    /// Follow-up dates, one a line: `YYYY-MM-DD what` (forms).
    #[serde(default)]
    pub follow_up_lines: String,
    /// Follow-up dates (API).
    #[serde(default)]
    pub follow_ups: Vec<FollowUpInput>,
}

/// A follow-up date as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct FollowUpInput {
    /// ISO due day.
    #[serde(default)]
    #[schema(required = true, format = Date)]
    pub due: String,
    /// What to follow up on.
    #[serde(default)]
    pub note: String,
}

fn status_and_reason(errors: &mut Vec<FieldError>, status: &str, reason: &str) -> (String, String) {
    let status = match RecommendationStatus::parse(if status.trim().is_empty() { "sent" } else { status }) {
        Ok(s) => s,
        Err(e) => {
            errors.push(e);
            return (String::new(), String::new());
        }
    };
    let reason = reason.trim().to_string();
    if status == RecommendationStatus::Rejected && reason.is_empty() {
        errors.push(FieldError::new("status_reason", "skriv hvorfor byrådet afviste anbefalingen"));
    }
    if reason.chars().count() > 2000 {
        errors.push(FieldError::new("status_reason", "begrundelsen er for lang (højst 2000 tegn)"));
    } else {
        no_cpr(errors, "status_reason", "Begrundelsen", &reason);
    }
    (status.code().to_string(), reason)
}

/// A recommendation's follow-ups as (due day, what), checked.
pub type FollowUps = Vec<(calendar::Date, String)>;

impl RecommendationInput {
    /// Checks every field; the meeting must be one of `meetings`.
    pub fn parse(&self, meetings: &[MeetingRow]) -> Result<(RecommendationFields, FollowUps), Vec<FieldError>> {
        let mut errors = Vec::new();
        let meeting_id = match self.meeting_id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(raw) => match raw.parse::<i64>().ok().filter(|id| meetings.iter().any(|m| m.id == *id)) {
                Some(id) => Some(id),
                None => {
                    errors.push(FieldError::new("meeting_id", format!("«{raw}» er ikke et af rådets møder")));
                    None
                }
            },
        };
        let title = required(&mut errors, "title", "Overskriften", &self.title, 300);
        no_cpr(&mut errors, "title", "Overskriften", &title);
        let body = free_text(&mut errors, "body", "Anbefalingen", &self.body);
        if body.is_empty() {
            errors.push(FieldError::new("body", "Anbefalingens tekst mangler"));
        }
        let department = match DepartmentKind::parse(&self.department) {
            Ok(d) => d.code().to_string(),
            Err(_) => {
                errors.push(FieldError::new("department", "vælg den ansvarlige afdeling"));
                String::new()
            }
        };
        let (status, status_reason) = status_and_reason(&mut errors, &self.status, &self.status_reason);
        let sent_on = date(&mut errors, "sent_on", &self.sent_on);
        let mut follow_ups = Vec::new();
        for line in self.follow_up_lines.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let (day, note) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            follow_ups.push(FollowUpInput { due: day.to_string(), note: note.trim().to_string() });
        }
        follow_ups.extend(self.follow_ups.iter().cloned());
        let mut parsed = Vec::new();
        for f in &follow_ups {
            match f.parse() {
                Ok(p) => parsed.push(p),
                Err(e) => errors.extend(e.into_iter().map(|e| FieldError::new("follow_ups", e.reason))),
            }
        }
        match sent_on {
            Some(sent_on) if errors.is_empty() => Ok((RecommendationFields { meeting_id, title, body, department, status, status_reason, sent_on }, parsed)),
            _ => Err(errors),
        }
    }
}

impl FollowUpInput {
    /// Checks the date and note.
    pub fn parse(&self) -> Result<(calendar::Date, String), Vec<FieldError>> {
        let mut errors = Vec::new();
        let due = date(&mut errors, "due", &self.due);
        let note = self.note.trim().to_string();
        if note.chars().count() > 500 {
            errors.push(FieldError::new("note", "noten er for lang (højst 500 tegn)"));
        }
        match due {
            Some(due) if errors.is_empty() => Ok((due, note)),
            _ => Err(errors),
        }
    }
}

/// A status change as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct StatusInput {
    /// The new status (empty: `sent`).
    #[serde(default)]
    #[schema(pattern = "^(sent|answered|in_progress|done|rejected)?$")]
    pub status: String,
    /// Why (required for `rejected`, at most 2000 characters, no CPR-shaped number).
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub status_reason: String,
}

crate::web::openapi::derived_schema!(
    /// The schema of a recommendation's new status: a rejection needs its reason.
    pub RecommendationStatusChange from StatusInput,
    crate::web::openapi::cases::<StatusInput>("status", &[(&["", "sent", "answered", "in_progress", "done"], &[]), (&["rejected"], &["status_reason"])])
);

/// A member for pages and the API, with whether the term covers today.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MemberView {
    /// The stored member.
    #[serde(flatten)]
    pub member: MemberRow,
    /// The term covers today.
    pub current: bool,
}

/// A meeting with its agenda.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MeetingView {
    /// Id.
    pub id: i64,
    /// ISO day.
    #[schema(value_type = String)]
    pub held_on: calendar::Date,
    /// `HH:MM` or empty.
    pub starts_at: String,
    /// Where.
    pub place: String,
    /// Agenda and minutes are on the public page.
    pub published: bool,
    /// The agenda.
    pub items: Vec<ItemView>,
}

/// An agenda item.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ItemView {
    /// Id.
    pub id: i64,
    /// Number on the agenda.
    pub position: i64,
    /// Title.
    pub title: String,
    /// What it is about.
    pub description: String,
    /// Documents.
    pub documents: Vec<DocumentView>,
    /// Minutes (empty until written).
    pub minutes: String,
}

/// A recommendation with its follow-ups.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RecommendationView {
    /// Id.
    pub id: i64,
    /// The meeting it was adopted at.
    pub meeting_id: Option<i64>,
    /// Title.
    pub title: String,
    /// Text.
    pub body: String,
    /// Department code.
    pub department: String,
    /// Department in Danish.
    pub department_label: String,
    /// Status key.
    pub status: String,
    /// Status in Danish.
    pub status_label: String,
    /// Reason (rejections) or a note.
    pub status_reason: String,
    /// ISO day sent.
    #[schema(value_type = String)]
    pub sent_on: calendar::Date,
    /// Follow-up dates.
    pub follow_ups: Vec<FollowUpView>,
}

impl RecommendationView {
    /// The first follow-up not yet done, while the recommendation is open.
    pub fn next_follow_up(&self) -> Option<&FollowUpView> {
        if is_open(&self.status) { self.follow_ups.iter().find(|f| f.done_on.is_none()) } else { None }
    }
}

/// A follow-up date.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FollowUpView {
    /// Id.
    pub id: i64,
    /// ISO due day.
    #[schema(value_type = String)]
    pub due: calendar::Date,
    /// What to follow up on.
    pub note: String,
    /// ISO day done.
    #[schema(value_type = Option<String>)]
    pub done_on: Option<calendar::Date>,
    /// Due before today, not done, and the recommendation still open.
    pub overdue: bool,
}

fn department_label(code: &str) -> String {
    DepartmentKind::parse(code).map(|d| d.label().to_string()).unwrap_or_else(|_| code.to_string())
}

fn status_label(code: &str) -> String {
    RecommendationStatus::parse(code).map(|s| s.label().to_string()).unwrap_or_else(|_| code.to_string())
}

/// Members with the current flag.
pub fn member_views(rows: Vec<MemberRow>, today: calendar::Date) -> Vec<MemberView> {
    rows.into_iter().map(|m| MemberView { current: m.term_from <= today && today <= m.term_to, member: m }).collect()
}

/// Meetings with their items.
pub fn meeting_views(meetings: Vec<MeetingRow>, items: Vec<ItemRow>) -> Vec<MeetingView> {
    meetings
        .into_iter()
        .map(|m| MeetingView {
            items: items
                .iter()
                .filter(|i| i.meeting_id == m.id)
                .map(|i| ItemView {
                    id: i.id,
                    position: i.position,
                    title: i.title.clone(),
                    description: i.description.clone(),
                    documents: documents(&i.documents),
                    minutes: i.minutes.clone(),
                })
                .collect(),
            id: m.id,
            held_on: m.held_on,
            starts_at: m.starts_at,
            place: m.place,
            published: m.published == 1,
        })
        .collect()
}

/// Whether a recommendation in `status` still has follow-ups to do (not done, not
/// rejected): the same rule that keeps its follow-ups in the Frister dashboard.
pub fn is_open(status: &str) -> bool {
    !matches!(RecommendationStatus::parse(status), Ok(RecommendationStatus::Done | RecommendationStatus::Rejected))
}

/// Recommendations with their follow-ups; a follow-up is overdue only while its
/// recommendation is open.
pub fn recommendation_views(rows: Vec<RecommendationRow>, follow_ups: &[FollowUpRow], today: calendar::Date) -> Vec<RecommendationView> {
    rows.into_iter()
        .map(|r| RecommendationView {
            follow_ups: follow_ups
                .iter()
                .filter(|f| f.recommendation_id == r.id)
                .map(|f| FollowUpView {
                    id: f.id,
                    due: f.due,
                    note: f.note.clone(),
                    done_on: f.done_on,
                    overdue: is_open(&r.status) && f.done_on.is_none() && f.due < today,
                })
                .collect(),
            department_label: department_label(&r.department),
            status_label: status_label(&r.status),
            id: r.id,
            meeting_id: r.meeting_id,
            title: r.title,
            body: r.body,
            department: r.department,
            status: r.status,
            status_reason: r.status_reason,
            sent_on: r.sent_on,
        })
        .collect()
}

/// Everything about one municipality's council.
#[derive(Debug, Clone)]
pub struct Council {
    /// Members, current first by term end.
    pub members: Vec<MemberView>,
    /// Meetings with agendas, latest first.
    pub meetings: Vec<MeetingView>,
    /// Recommendations, newest first.
    pub recommendations: Vec<RecommendationView>,
}

impl Council {
    /// Members whose term covers today.
    pub fn current_members(&self) -> usize {
        self.members.iter().filter(|m| m.current).count()
    }

    /// The warning shown when the council has fewer members than the law asks.
    pub fn size_warning(&self) -> Option<String> {
        let n = self.current_members();
        (n < MIN_MEMBERS).then(|| format!("Rådet har {n} medlemmer i dag. Integrationsloven § 42 kræver mindst {MIN_MEMBERS}."))
    }
}

/// Loads a municipality's council (a handful of queries, whatever its size).
pub async fn load(state: &AppState, tenant: &Tenant) -> Result<Council, AppError> {
    let today = today();
    let members = member_views(state.store.council_members(tenant).await?, today);
    let meetings = state.store.council_meetings(tenant).await?;
    let ids: Vec<i64> = meetings.iter().map(|m| m.id).collect();
    let items = state.store.council_items(tenant, &ids).await?;
    let follow_ups = state.store.council_follow_ups(tenant).await?;
    let recommendations = recommendation_views(state.store.council_recommendations(tenant).await?, &follow_ups, today);
    Ok(Council { members, meetings: meeting_views(meetings, items), recommendations })
}

/// The caller's municipality when they may write the minutes of item `item_id` of
/// meeting `meeting_id`: an editor (403), the item on that meeting of their
/// municipality (404). Checked before the minutes are read.
pub async fn editable_item(state: &AppState, actor: &Actor, meeting_id: i64, item_id: i64) -> Result<Tenant, AppError> {
    let tenant = editor(actor)?;
    if !meeting(state, &tenant, meeting_id).await?.items.iter().any(|i| i.id == item_id) {
        return Err(AppError::NotFound("dagsordenspunktet"));
    }
    Ok(tenant)
}

/// One meeting with its agenda; 404 when not the municipality's.
pub async fn meeting(state: &AppState, tenant: &Tenant, id: i64) -> Result<MeetingView, AppError> {
    let m = state.store.council_meeting(tenant, id).await?.ok_or(AppError::NotFound("mødet"))?;
    let items = state.store.council_items(tenant, &[id]).await?;
    Ok(meeting_views(vec![m], items).remove(0))
}

/// Adds a member (editors), audited.
pub async fn add_member(state: &AppState, actor: &Actor, meta: &RequestMeta, input: &MemberInput) -> Result<MemberRow, AppError> {
    let tenant = editor(actor)?;
    let fields = input.parse().map_err(AppError::Invalid)?;
    let id = state.store.add_council_member(&tenant, &fields, &actor.user.login).await?;
    record(
        state,
        vec![meta.event(
            actor,
            AuditAction::Create,
            AuditEntity::CouncilMember,
            Some(id),
            format!("medlem af integrationsrådet: {} ({})", fields.name, fields.nominated_by),
        )],
    )
    .await?;
    Ok(fields.into_row(id))
}

/// Changes a member (editors), audited.
pub async fn update_member(state: &AppState, actor: &Actor, meta: &RequestMeta, id: i64, input: &MemberInput) -> Result<MemberRow, AppError> {
    let tenant = editor(actor)?;
    let fields = input.parse().map_err(AppError::Invalid)?;
    if !state.store.update_council_member(&tenant, id, &fields, &actor.user.login).await? {
        return Err(AppError::NotFound("medlemmet"));
    }
    record(
        state,
        vec![meta.event(
            actor,
            AuditAction::Update,
            AuditEntity::CouncilMember,
            Some(id),
            format!("medlem af integrationsrådet: {} ({}, {} – {})", fields.name, fields.nominated_by, fields.term_from.danish(), fields.term_to.danish()),
        )],
    )
    .await?;
    Ok(fields.into_row(id))
}

/// Adds a meeting with any items (editors), audited.
pub async fn add_meeting(state: &AppState, actor: &Actor, meta: &RequestMeta, input: &MeetingInput) -> Result<MeetingView, AppError> {
    let tenant = editor(actor)?;
    let ((held_on, starts_at, place), items) = input.parse().map_err(AppError::Invalid)?;
    let id = state.store.add_council_meeting(&tenant, held_on, &starts_at, &place, &actor.user.login).await?;
    for i in &items {
        state.store.add_council_item(&tenant, id, &i.title, &i.description, &i.documents).await?;
    }
    record(
        state,
        vec![meta.event(actor, AuditAction::Create, AuditEntity::CouncilMeeting, Some(id), format!("møde i integrationsrådet {}, {place}", held_on.danish()))],
    )
    .await?;
    meeting(state, &tenant, id).await
}

/// Adds an agenda item (editors), audited.
pub async fn add_item(state: &AppState, actor: &Actor, meta: &RequestMeta, meeting_id: i64, input: &ItemInput) -> Result<MeetingView, AppError> {
    let tenant = editor(actor)?;
    meeting(state, &tenant, meeting_id).await?;
    let item = input.parse().map_err(AppError::Invalid)?;
    let id = state.store.add_council_item(&tenant, meeting_id, &item.title, &item.description, &item.documents).await?;
    record(
        state,
        vec![meta.event(actor, AuditAction::Create, AuditEntity::CouncilAgendaItem, Some(id), format!("dagsordenspunkt «{}» (møde {meeting_id})", item.title))],
    )
    .await?;
    meeting(state, &tenant, meeting_id).await
}

/// Writes an item's minutes (editors), audited.
pub async fn set_minutes(state: &AppState, actor: &Actor, meta: &RequestMeta, meeting_id: i64, item_id: i64, minutes: &str) -> Result<MeetingView, AppError> {
    let tenant = editor(actor)?;
    let mut errors = Vec::new();
    let text = free_text(&mut errors, "minutes", "Referatet", minutes);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    if !state.store.set_council_minutes(&tenant, meeting_id, item_id, &text).await? {
        return Err(AppError::NotFound("dagsordenspunktet"));
    }
    record(
        state,
        vec![meta.event(actor, AuditAction::Update, AuditEntity::CouncilAgendaItem, Some(item_id), format!("referat af punkt {item_id} (møde {meeting_id})"))],
    )
    .await?;
    meeting(state, &tenant, meeting_id).await
}

/// Publishes or withdraws a meeting on the public page (editors), audited.
pub async fn publish(state: &AppState, actor: &Actor, meta: &RequestMeta, meeting_id: i64, published: bool) -> Result<(), AppError> {
    let tenant = editor(actor)?;
    if !state.store.set_council_meeting_published(&tenant, meeting_id, published, &actor.user.login).await? {
        return Err(AppError::NotFound("mødet"));
    }
    let what = if published { "offentliggjort" } else { "trukket tilbage fra den offentlige side" };
    record(state, vec![meta.event(actor, AuditAction::Update, AuditEntity::CouncilMeeting, Some(meeting_id), format!("dagsorden og referat {what}"))]).await
}

/// Adds a recommendation (editors), audited.
pub async fn add_recommendation(state: &AppState, actor: &Actor, meta: &RequestMeta, input: &RecommendationInput) -> Result<RecommendationView, AppError> {
    let tenant = editor(actor)?;
    let meetings = state.store.council_meetings(&tenant).await?;
    let (fields, follow_ups) = input.parse(&meetings).map_err(AppError::Invalid)?;
    let id = state.store.add_council_recommendation(&tenant, &fields, &follow_ups, &actor.user.login).await?;
    record(
        state,
        vec![meta.event(
            actor,
            AuditAction::Create,
            AuditEntity::CouncilRecommendation,
            Some(id),
            format!("anbefaling «{}» til {}", fields.title, department_label(&fields.department)),
        )],
    )
    .await?;
    recommendation(state, &tenant, id).await
}

/// One recommendation with its follow-ups; 404 when not the municipality's.
pub async fn recommendation(state: &AppState, tenant: &Tenant, id: i64) -> Result<RecommendationView, AppError> {
    let row = state.store.council_recommendation(tenant, id).await?.ok_or(AppError::NotFound("anbefalingen"))?;
    let follow_ups: Vec<FollowUpRow> = state.store.council_follow_ups(tenant).await?.into_iter().filter(|f| f.recommendation_id == id).collect();
    Ok(recommendation_views(vec![row], &follow_ups, today()).remove(0))
}

/// The caller's municipality when they may edit council member `id` of it: an editor
/// (403) and a member of their municipality (404). Checked before the change is read.
pub async fn editable_member(state: &AppState, actor: &Actor, id: i64) -> Result<Tenant, AppError> {
    let tenant = editor(actor)?;
    if !state.store.council_members(&tenant).await?.iter().any(|m| m.id == id) {
        return Err(AppError::NotFound("medlemmet"));
    }
    Ok(tenant)
}

/// The caller's municipality when they may edit recommendation `id` of it: an editor
/// (403) and a recommendation of their municipality (404). Checked before the change is read.
pub async fn editable_recommendation(state: &AppState, actor: &Actor, id: i64) -> Result<Tenant, AppError> {
    let tenant = editor(actor)?;
    state.store.council_recommendation(&tenant, id).await?.ok_or(AppError::NotFound("anbefalingen"))?;
    Ok(tenant)
}

/// Changes a recommendation's status (editors), audited.
pub async fn set_status(state: &AppState, actor: &Actor, meta: &RequestMeta, id: i64, input: &StatusInput) -> Result<RecommendationView, AppError> {
    let tenant = editor(actor)?;
    let mut errors = Vec::new();
    let (status, reason) = status_and_reason(&mut errors, &input.status, &input.status_reason);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    if !state.store.set_council_recommendation_status(&tenant, id, &status, &reason, &actor.user.login).await? {
        return Err(AppError::NotFound("anbefalingen"));
    }
    record(state, vec![meta.event(actor, AuditAction::Update, AuditEntity::CouncilRecommendation, Some(id), format!("status: {}", status_label(&status)))])
        .await?;
    recommendation(state, &tenant, id).await
}

/// Adds a follow-up date (editors), audited.
pub async fn add_follow_up(state: &AppState, actor: &Actor, meta: &RequestMeta, id: i64, input: &FollowUpInput) -> Result<RecommendationView, AppError> {
    let tenant = editor(actor)?;
    let (due, note) = input.parse().map_err(AppError::Invalid)?;
    if !state.store.add_council_follow_up(&tenant, id, due, &note).await? {
        return Err(AppError::NotFound("anbefalingen"));
    }
    record(state, vec![meta.event(actor, AuditAction::Update, AuditEntity::CouncilRecommendation, Some(id), format!("opfølgning {}", due.danish()))]).await?;
    recommendation(state, &tenant, id).await
}

/// Marks a follow-up done today (editors), audited.
pub async fn complete_follow_up(state: &AppState, actor: &Actor, meta: &RequestMeta, id: i64, follow_up: i64) -> Result<(), AppError> {
    let tenant = editor(actor)?;
    if !state.store.complete_council_follow_up(&tenant, id, follow_up, today()).await? {
        return Err(AppError::NotFound("opfølgningen"));
    }
    record(state, vec![meta.event(actor, AuditAction::Update, AuditEntity::CouncilRecommendation, Some(id), format!("opfølgning {follow_up} udført"))]).await
}

/// A follow-up as the Frister dashboard shows it.
#[derive(Debug, Clone)]
pub struct DeadlineFollowUp {
    /// The stored row.
    pub row: OpenFollowUpRow,
    /// Department in Danish.
    pub department_label: String,
    /// Status in Danish.
    pub status_label: String,
    /// Due before today.
    pub overdue: bool,
}

/// The open follow-ups of the council's recommendations for a department (all
/// departments when `None`): the rows the Frister dashboard adds beside the persons'
/// legal deadlines. Not person data.
pub async fn follow_ups_for(state: &AppState, tenant: &Tenant, department: Option<&str>) -> Result<Vec<DeadlineFollowUp>, AppError> {
    let today = today();
    Ok(state
        .store
        .open_council_follow_ups(tenant, department)
        .await?
        .into_iter()
        .map(|row| DeadlineFollowUp {
            department_label: department_label(&row.department),
            status_label: status_label(&row.status),
            overdue: row.due < today,
            row,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(iso: &str) -> calendar::Date {
        calendar::Date::parse(iso).unwrap()
    }

    fn member() -> MemberInput {
        MemberInput {
            name: "Amina Hassan".into(),
            nominated_by: "Somalisk Kulturforening".into(),
            election_period: "2026–2029".into(),
            term_from: "2026-03-01".into(),
            term_to: "2029-12-31".into(),
            substitute: "Hodan Ali".into(),
        }
    }

    #[test]
    fn a_member_is_checked_field_by_field() {
        let ok = member().parse().unwrap();
        assert_eq!(ok.election_period, "2026-2029");
        let fields = |m: MemberInput| m.parse().unwrap_err().into_iter().map(|e| e.field.to_string()).collect::<Vec<_>>();
        assert_eq!(fields(MemberInput { name: " ".into(), election_period: "2026-2028".into(), ..member() }), ["name", "election_period"]);
        assert_eq!(fields(MemberInput { term_to: "2030-01-31".into(), ..member() }), ["term_to"]);
        assert_eq!(fields(MemberInput { term_from: "31.2.2026".into(), ..member() }), ["term_from"]);
        assert_eq!(MemberInput { term_from: "1.3.2026".into(), ..member() }.parse().unwrap().term_from, day("2026-03-01"), "Danish form");
    }

    #[test]
    fn published_text_may_not_hold_a_cpr_number() {
        assert!(has_cpr_like("Borgeren 010190-1234 deltog"));
        assert!(has_cpr_like("0101901234"));
        assert!(!has_cpr_like("Tlf. 12345678 og budget 1.500.000 kr."));
        assert!(!has_cpr_like("Sag 2026-001234"));
        assert!(!has_cpr_like("123456789012"));
    }

    #[test]
    fn a_rejection_needs_a_reason() {
        let input = RecommendationInput {
            title: "Flere praktikpladser".into(),
            body: "Rådet anbefaler …".into(),
            department: "jobcenter".into(),
            status: "rejected".into(),
            sent_on: "2026-03-10".into(),
            follow_up_lines: "2026-06-01 Status fra jobcentret\nikke en dato".into(),
            ..Default::default()
        };
        let errs = input.parse(&[]).unwrap_err();
        assert_eq!(errs.iter().map(|e| e.field.as_ref()).collect::<Vec<_>>(), ["status_reason", "follow_ups"]);
        let ok = RecommendationInput { status: "in_progress".into(), follow_up_lines: "2026-06-01 Status fra jobcentret".into(), ..input }.parse(&[]).unwrap();
        assert_eq!(ok.1, [(day("2026-06-01"), "Status fra jobcentret".to_string())]);
    }

    #[test]
    fn a_follow_up_is_overdue_only_while_its_recommendation_is_open() {
        let row = |id: i64, status: &str| RecommendationRow {
            id,
            meeting_id: None,
            title: "T".into(),
            body: "B".into(),
            department: "bolig".into(),
            status: status.into(),
            status_reason: String::new(),
            sent_on: day("2026-06-15"),
            updated_by: "leder".into(),
            updated_at: String::new(),
        };
        let follow = |id: i64, rec: i64, due: &str, done: Option<&str>| FollowUpRow {
            id,
            recommendation_id: rec,
            due: day(due),
            note: String::new(),
            done_on: done.map(day),
        };
        let views = recommendation_views(
            vec![row(1, "in_progress"), row(2, "done"), row(3, "rejected")],
            &[
                follow(1, 1, "2026-09-01", Some("2026-09-02")),
                follow(2, 1, "2026-10-01", None),
                follow(3, 1, "2027-01-15", None),
                follow(4, 2, "2026-09-01", None),
                follow(5, 3, "2026-09-01", None),
            ],
            day("2026-12-06"),
        );
        assert_eq!(views[0].follow_ups.iter().map(|f| f.overdue).collect::<Vec<_>>(), [false, true, false]);
        assert_eq!(views[0].next_follow_up().map(|f| f.due), Some(day("2026-10-01")));
        for closed in &views[1..] {
            assert!(!closed.follow_ups[0].overdue, "{}: a closed recommendation has nothing overdue", closed.status);
            assert!(closed.next_follow_up().is_none());
        }
    }

    #[test]
    fn every_published_field_refuses_a_cpr_number() {
        let cpr = "Sagen om 010190-1234";
        let recommendation = RecommendationInput {
            title: cpr.into(),
            body: "Rådet anbefaler …".into(),
            department: "jobcenter".into(),
            status: "rejected".into(),
            status_reason: cpr.into(),
            sent_on: "2026-03-10".into(),
            ..Default::default()
        };
        let fields = |e: Vec<FieldError>| e.into_iter().map(|e| e.field.to_string()).collect::<Vec<_>>();
        assert_eq!(fields(recommendation.parse(&[]).unwrap_err()), ["title", "status_reason"]);
        let item = ItemInput { title: cpr.into(), ..Default::default() };
        assert_eq!(fields(item.parse().unwrap_err()), ["title"]);
        let meeting = MeetingInput { held_on: "2026-03-12".into(), place: cpr.into(), ..Default::default() };
        assert_eq!(fields(meeting.parse().unwrap_err()), ["place"]);
        let mut errors = Vec::new();
        status_and_reason(&mut errors, "rejected", cpr);
        assert_eq!(fields(errors), ["status_reason"]);
    }
}
