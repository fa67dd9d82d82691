//! Home visits (hjemmebesøg, decision 180): a caseworker or coordinator marks the
//! families they visit today; the browser keeps exactly those families' plans, their
//! members' Min plan and a form for notes and action changes for offline work, encrypted
//! with a key derived from a per-user secret handed out here and forgotten at logout.
//! Changes made offline come back through the plan's own save (`plans::service`, with its
//! 409 on a stale version); notes come back through [`add_note`].
//!
//! Shared by the pages (`pages.rs`: `/besoeg`, the offline page, marking from the family
//! page) and the API (`api.rs`: `/api/v1/visits…`, `/api/v1/families/{id}/visit…`).
pub mod api;
pub mod pages;

use crate::app::AppState;
use crate::auth::{Actor, RequestMeta, Tenant};
use crate::domain::{DepartmentKind, FieldError};
use crate::error::AppError;
use crate::plans::{ActionStatus, LifeArea, PlanDocument};
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::families::FamilyRow;
use crate::store::visits::{NewVisitNote, VisitRow};
use serde::{Deserialize, Serialize};

/// Today, the day visits are marked for.
pub fn today() -> calendar::Date {
    crate::deadlines::today()
}

/// The family a caller marks or unmarks: a person writer (caseworker or coordinator) who
/// reads the family. Checked before any body is read.
pub async fn visitable(state: &AppState, actor: &Actor, family_id: i64) -> Result<(Tenant, FamilyRow), AppError> {
    let tenant = actor.person_writer()?;
    let access = actor.person_access(&state.store).await?;
    let (family, _) = access.family(&state.store, family_id).await?;
    Ok((tenant, family))
}

/// Marks the family for a visit today (audited); false when it already was.
pub async fn mark(state: &AppState, actor: &Actor, meta: &RequestMeta, family_id: i64) -> Result<bool, AppError> {
    let (tenant, family) = visitable(state, actor, family_id).await?;
    let day = today();
    let new = state.store.mark_visit(&tenant, actor.user.id, family.id, day).await?;
    if new {
        let event = meta.event(actor, AuditAction::Create, AuditEntity::HomeVisit, Some(family.id), format!("markeret til hjemmebesøg {day}"));
        crate::auth::audit::record(state, vec![event]).await?;
    }
    Ok(new)
}

/// Removes today's mark (audited); false when there was none.
pub async fn unmark(state: &AppState, actor: &Actor, meta: &RequestMeta, family_id: i64) -> Result<bool, AppError> {
    let (tenant, family) = visitable(state, actor, family_id).await?;
    let day = today();
    let gone = state.store.unmark_visit(&tenant, actor.user.id, family.id, day).await?;
    if gone {
        let event = meta.event(actor, AuditAction::Delete, AuditEntity::HomeVisit, Some(family.id), format!("hjemmebesøg {day} fjernet"));
        crate::auth::audit::record(state, vec![event]).await?;
    }
    Ok(gone)
}

/// The caller's visits today that they can still read (audited as a read of each family).
pub async fn todays(state: &AppState, actor: &Actor, meta: &RequestMeta) -> Result<Vec<VisitRow>, AppError> {
    let tenant = actor.person_writer()?;
    let rows = state.store.visits_of(&tenant, actor.user.id, today()).await?;
    let events = rows.iter().map(|v| meta.event(actor, AuditAction::Read, AuditEntity::Family, Some(v.family_id), "dagens hjemmebesøg")).collect();
    crate::auth::audit::record(state, events).await?;
    Ok(rows)
}

/// What the family page shows of home visits: today's mark and the latest notes.
pub struct FamilySection {
    /// The family.
    pub family_id: i64,
    /// Marked by the reader for today.
    pub marked: bool,
    /// The latest notes from visits, newest first.
    pub notes: Vec<crate::store::visits::VisitNoteRow>,
    /// The reader's form token.
    pub csrf: String,
}

/// The family page's home-visit section for a caseworker or coordinator; `None` for others.
pub async fn family_section(state: &AppState, actor: &Actor, family_id: i64) -> Result<Option<FamilySection>, AppError> {
    let Ok(tenant) = actor.person_writer() else { return Ok(None) };
    let marked = state.store.is_marked(&tenant, actor.user.id, family_id, today()).await?;
    let notes = state.store.visit_notes(&tenant, family_id, 10).await?;
    Ok(Some(FamilySection { family_id, marked, notes, csrf: actor.csrf.clone().unwrap_or_default() }))
}

/// A member of a family in the offline bundle.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OfflineMember {
    /// Person id.
    pub id: i64,
    /// Full name.
    pub name: String,
    /// `adult` or `child`.
    pub family_role: String,
    /// Age in whole years.
    pub age: i64,
}

/// One family to visit, as the caller may see it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OfflineFamily {
    /// The family.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Its address in one line.
    pub address: String,
    /// The members the caller may read.
    pub members: Vec<OfflineMember>,
    /// The plan's version the changes are made from (0: no plan yet).
    pub version: i64,
    /// When that version was saved, and by whom, in Danish ("7.12.2026 kl. 13.09 af Ahmed Larsen").
    pub saved: Option<String>,
    /// The plan as the caller may see it.
    pub plan: PlanDocument,
    /// Each readable member's Min plan (in the member's own language).
    pub my_plans: Vec<crate::my_plan::derive::MyPlan>,
}

/// A code and its Danish label.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Label {
    /// Code.
    pub code: String,
    /// Danish label.
    pub label: String,
}

/// What the browser keeps for today's visits (decision 180).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OfflineBundle {
    /// The user it was made for.
    pub user_id: i64,
    /// The day of the visits (ISO).
    pub day: String,
    /// When it was made (RFC 3339).
    pub made_at: String,
    /// When the browser must delete it (RFC 3339): `offline_hours` after it was made.
    pub expires_at: String,
    /// The secret (base64url, 32 bytes) the browser derives its encryption key from. It is
    /// kept only in memory and never stored with the data; logout deletes it here.
    pub key: String,
    /// The families marked for today that the caller can still read.
    pub families: Vec<OfflineFamily>,
    /// The action statuses.
    pub statuses: Vec<Label>,
    /// The departments.
    pub departments: Vec<Label>,
    /// The life areas.
    pub life_areas: Vec<Label>,
}

fn labels<T: Copy>(all: &[T], code: fn(T) -> &'static str, label: fn(T) -> &'static str) -> Vec<Label> {
    all.iter().map(|&v| Label { code: code(v).into(), label: label(v).into() }).collect()
}

/// Today's visits as the offline bundle: only families the caller marked for today and
/// still reads, each loaded through the plan's and Min plan's own services (the same
/// consent view as their pages), audited as reads of each plan and person.
pub async fn bundle(state: &AppState, actor: &Actor, meta: &RequestMeta) -> Result<OfflineBundle, AppError> {
    let tenant = actor.person_writer()?;
    let day = today();
    let visits = state.store.visits_of(&tenant, actor.user.id, day).await?;
    let mut families = Vec::with_capacity(visits.len());
    let mut events = Vec::new();
    for v in visits {
        let loaded = match crate::plans::service::load(state, actor, v.family_id, None).await {
            Ok(l) => l,
            Err(AppError::NotFound(_)) => continue,
            Err(e) => return Err(e),
        };
        events.extend(loaded.read_events(meta, actor, "hjemmebesøg offline"));
        let mut my_plans = Vec::new();
        for m in &loaded.members {
            let mine = crate::my_plan::service::for_staff(state, actor, m.id, None).await?;
            events.push(mine.read_event(meta, actor, "hjemmebesøg offline"));
            my_plans.push(mine.plan);
        }
        let address = [v.street.clone(), v.postal_code.clone().map(|p| format!("{p} {}", v.city.clone().unwrap_or_default()).trim().to_string())]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
        families.push(OfflineFamily {
            id: v.family_id,
            name: v.family_name,
            address,
            members: loaded
                .members
                .iter()
                .map(|m| OfflineMember {
                    id: m.id,
                    name: crate::my_plan::service::name_of(m),
                    family_role: m.family_role.clone(),
                    age: crate::my_plan::service::age_of(m),
                })
                .collect(),
            version: loaded.number(),
            saved: loaded.version.as_ref().map(|r| format!("{} af {}", crate::web::pages::when(&r.saved_at), r.saved_by_name)),
            plan: loaded.visible.clone(),
            my_plans,
        });
    }
    crate::auth::audit::record(state, events).await?;
    let now = chrono::Utc::now();
    let secret = state.store.offline_secret(actor.user.id, &crate::auth::random_token()).await?;
    Ok(OfflineBundle {
        user_id: actor.user.id,
        day: day.to_string(),
        made_at: crate::store::timestamp(now),
        expires_at: crate::store::timestamp(now + chrono::Duration::hours(state.settings.offline_hours)),
        key: secret,
        families,
        statuses: labels(ActionStatus::ALL, ActionStatus::code, ActionStatus::label),
        departments: labels(DepartmentKind::ALL, DepartmentKind::code, DepartmentKind::label),
        life_areas: labels(LifeArea::ALL, LifeArea::code, LifeArea::label),
    })
}

/// A visit note as the browser sends it.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VisitNoteInput {
    /// The browser's id for the note (1–100 characters): a note sent twice is stored once.
    #[serde(default)]
    #[schema(required = true, pattern = r"^[A-Za-z0-9_-]{1,100}$")]
    pub client_id: String,
    /// The note (1–4000 characters).
    #[serde(default)]
    #[schema(required = true, pattern = r"\S", max_length = 4000)]
    pub text: String,
    /// When it was written (RFC 3339), not after now.
    #[serde(default)]
    #[schema(required = true, format = DateTime)]
    pub written_at: String,
}

/// Stores a note written at a visit to the family (audited); false when the same
/// `client_id` was stored already. The family must be readable by a person writer.
pub async fn add_note(state: &AppState, actor: &Actor, meta: &RequestMeta, family_id: i64, input: &VisitNoteInput) -> Result<bool, AppError> {
    let (tenant, family) = visitable(state, actor, family_id).await?;
    let mut errors = Vec::new();
    let client_id = input.client_id.trim();
    if client_id.is_empty() || client_id.len() > 100 || !client_id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        errors.push(FieldError::new("client_id", "skal være 1–100 bogstaver, cifre, - eller _"));
    }
    let text = input.text.trim();
    if text.is_empty() {
        errors.push(FieldError::new("text", "skriv en note"));
    } else if text.chars().count() > 4000 {
        errors.push(FieldError::new("text", "må højst have 4000 tegn"));
    }
    let written_at = match chrono::DateTime::parse_from_rfc3339(input.written_at.trim()) {
        Ok(t) if t.with_timezone(&chrono::Utc) <= chrono::Utc::now() + chrono::Duration::minutes(5) => {
            Some(crate::store::timestamp(t.with_timezone(&chrono::Utc)))
        }
        Ok(_) => {
            errors.push(FieldError::new("written_at", "tidspunktet ligger i fremtiden"));
            None
        }
        Err(_) => {
            errors.push(FieldError::new("written_at", "skal være et tidspunkt som 2026-12-07T10:30:00Z"));
            None
        }
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let written_at = written_at.unwrap_or_default();
    let note = NewVisitNote { family_id: family.id, user_id: actor.user.id, written_by: &actor.user.display_name, client_id, text, written_at: &written_at };
    let new = state.store.add_visit_note(&tenant, &note).await?;
    if new {
        let event = meta.event(actor, AuditAction::Create, AuditEntity::HomeVisitNote, Some(family.id), format!("note fra hjemmebesøg, skrevet {written_at}"));
        crate::auth::audit::record(state, vec![event]).await?;
    }
    Ok(new)
}
