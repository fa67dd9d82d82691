//! Loading and saving a family's plan, shared by the pages and the API: tenancy and
//! role checks, the consent-filtered view, the audit events, optimistic locking on the
//! version a change was based on, and notifications after a save.
use super::access::Viewer;
use super::{Action, Goal, PlanDocument};
use crate::app::AppState;
use crate::auth::{Actor, RequestMeta, Tenant};
use crate::domain::FieldError;
use crate::error::AppError;
use crate::store::audit::{AuditAction, AuditEntity, AuditEvent};
use crate::store::families::FamilyRow;
use crate::store::persons::PersonRow;
use crate::store::plans::{NewPlanVersion, PlanVersionRow};

/// A family's plan as one user may see it.
pub struct Loaded {
    /// Proof of the role check.
    pub tenant: Tenant,
    /// The family.
    pub family: FamilyRow,
    /// Its members that this user may read.
    pub members: Vec<PersonRow>,
    /// Every member's id, which a changed plan is checked against.
    all_member_ids: Vec<i64>,
    /// The version shown (`None`: no plan yet, or none on that date).
    pub version: Option<PlanVersionRow>,
    /// The whole plan (never shown as such to department staff).
    pub full: PlanDocument,
    /// What this user may see.
    pub visible: PlanDocument,
    /// How many actions consent hides from this user.
    pub hidden: usize,
    /// The user's view.
    pub viewer: Viewer,
    /// The readable members' daycare and school places (children and parents).
    pub places: Vec<super::schedule::Place>,
}

/// Today as an ISO date.
pub fn today() -> String {
    chrono::Local::now().date_naive().to_string()
}

/// Loads the plan as it stood at the end of `as_of` (ISO date; `None` = now).
pub async fn load(state: &AppState, actor: &Actor, family_id: i64, as_of: Option<&str>) -> Result<Loaded, AppError> {
    let access = actor.person_access(&state.store).await?;
    let (family, members) = access.family(&state.store, family_id).await?;
    let tenant = access.tenant().clone();
    // Who reads every person has just read every member.
    let all_member_ids: Vec<i64> = if access.is_all() {
        members.iter().map(|m| m.id).collect()
    } else {
        state.store.family_members(&tenant, family_id).await?.iter().map(|m| m.id).collect()
    };
    let until = as_of.map(|d| format!("{d}T23:59:59Z"));
    let version = state.store.plan_version_at(&tenant, family_id, until.as_deref()).await?;
    let full = version.as_ref().map(|v| PlanDocument::from_json(&v.document)).unwrap_or_default();
    let viewer = Viewer::of(&state.store, &tenant, actor, &all_member_ids, crate::deadlines::today()).await?;
    let (visible, hidden) = viewer.filter(&full);
    let readable: Vec<i64> = members.iter().map(|m| m.id).collect();
    let rows = state.store.childcare_of_family(&tenant, family_id).await?;
    let places = crate::children::childcare::schedule_places(&rows).into_iter().filter(|p| readable.contains(&p.person_id)).collect();
    Ok(Loaded { tenant, family, members, all_member_ids, version, full, visible, hidden, viewer, places })
}

impl Loaded {
    /// A change by department staff must not widen what they can read: an action
    /// links its department to its person (or, without a person, to every member),
    /// so it may go only under a goal they already see and only for persons they
    /// already read. Hidden goals and persons answer as if they did not exist.
    fn check_no_widening(&self, goal: &Goal, action: &Action) -> Result<(), AppError> {
        if !self.visible.goals.iter().any(|g| g.id == goal.id) {
            return Err(FieldError::new("goal_id", "målet findes ikke i planen").into());
        }
        let readable = |p: &i64| self.members.iter().any(|m| m.id == *p);
        let linked_all_readable = match action.person(goal) {
            Some(p) => readable(&p),
            None => self.all_member_ids.iter().all(readable),
        };
        if !linked_all_readable {
            return Err(FieldError::new("action.person_id", "personen er ikke medlem af familien").into());
        }
        Ok(())
    }

    /// The version number shown (0 when there is none).
    pub fn number(&self) -> i64 {
        self.version.as_ref().map_or(0, |v| v.version)
    }

    /// Audit events for reading the visible plan: the plan and each person in it.
    pub fn read_events(&self, meta: &RequestMeta, actor: &Actor, detail: &str) -> Vec<AuditEvent> {
        let mut events =
            vec![meta.event(actor, AuditAction::Read, AuditEntity::FamilyPlan, Some(self.family.id), format!("{detail}, version {}", self.number()))];
        let mut persons: Vec<i64> =
            self.visible.goals.iter().flat_map(|g| g.person_id.into_iter().chain(g.actions.iter().filter_map(|a| a.person(g)))).collect();
        persons.sort_unstable();
        persons.dedup();
        events.extend(persons.into_iter().map(|p| meta.event(actor, AuditAction::Read, AuditEntity::Person, Some(p), format!("{detail} (helhedsplan)"))));
        events
    }
}

/// Checks the reason for a change.
pub fn check_reason(reason: &str) -> Result<String, AppError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(FieldError::new("reason", "skriv hvorfor planen ændres").into());
    }
    if reason.chars().count() > 500 {
        return Err(FieldError::new("reason", "må højst have 500 tegn").into());
    }
    Ok(reason.to_string())
}

/// Saves `doc` as the next version after `based_on`. Only the plan's owners
/// (coordinators and caseworkers) may replace the whole plan.
pub async fn save_whole(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    loaded: &Loaded,
    based_on: i64,
    doc: PlanDocument,
    reason: &str,
) -> Result<i64, AppError> {
    actor.person_writer()?;
    save(state, actor, meta, loaded, based_on, doc, reason).await
}

/// Restores version `version` as a new version after `based_on`, through the same save
/// as any other (owners only; the reason, the version check and the notifications apply).
/// The stored reason says which version was restored. Returns the new version, or the
/// current one when the plan already is as that version was.
pub async fn restore(state: &AppState, actor: &Actor, meta: &RequestMeta, loaded: &Loaded, based_on: i64, version: i64, reason: &str) -> Result<i64, AppError> {
    actor.person_writer()?;
    let reason = check_reason(reason)?;
    if version < 1 {
        return Err(FieldError::new("version", "vælg den version, der skal gendannes").into());
    }
    let row = state.store.plan_version(&loaded.tenant, loaded.family.id, version).await?.ok_or(AppError::NotFound("versionen"))?;
    let doc = PlanDocument::from_json(&row.document);
    save(state, actor, meta, loaded, based_on, doc, &format!("Version {version} gendannet: {reason}")).await
}

/// Adds a goal (owners only).
pub async fn add_goal(state: &AppState, actor: &Actor, meta: &RequestMeta, loaded: &Loaded, based_on: i64, goal: Goal, reason: &str) -> Result<i64, AppError> {
    actor.person_writer()?;
    let mut doc = loaded.full.clone();
    doc.goals.push(Goal { id: 0, ..goal });
    save(state, actor, meta, loaded, based_on, doc, reason).await
}

/// Adds (id 0) or changes an action of goal `goal_id`. Department staff may touch only
/// their own department's actions, and only ones they can see.
#[expect(clippy::too_many_arguments, reason = "the action, where it goes and the version it is based on are one change")]
pub async fn put_action(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    loaded: &Loaded,
    based_on: i64,
    goal_id: i64,
    action: Action,
    reason: &str,
) -> Result<i64, AppError> {
    let mut doc = loaded.full.clone();
    if !loaded.viewer.may_change(actor, &action.department) {
        return Err(AppError::Forbidden("du kan kun oprette og ændre indsatser for din egen afdeling".into()));
    }
    if action.id > 0 {
        let (goal, old) = doc.action(action.id).ok_or(AppError::NotFound("indsatsen"))?;
        if !loaded.viewer.sees(goal, old) {
            return Err(AppError::NotFound("indsatsen"));
        }
        if !loaded.viewer.may_change(actor, &old.department) {
            return Err(AppError::Forbidden("du kan kun ændre indsatser for din egen afdeling".into()));
        }
        for g in &mut doc.goals {
            g.actions.retain(|a| a.id != action.id);
        }
    }
    let goal = doc.goals.iter_mut().find(|g| g.id == goal_id).ok_or_else(|| FieldError::new("goal_id", "målet findes ikke i planen"))?;
    if !loaded.viewer.is_owner() {
        loaded.check_no_widening(goal, &action)?;
    }
    goal.actions.push(action);
    save(state, actor, meta, loaded, based_on, doc, reason).await
}

/// Adds `action` for `person_id` under that person's goal in `life_area` (a new goal
/// with `goal_text` when there is none) on behalf of another capability, which has
/// checked its own role and that the person is within the actor's reach (employment:
/// an accepted match becomes a jobcentre action). Returns the new version and the
/// action's id.
#[expect(clippy::too_many_arguments, reason = "the goal and the action are added as one change")]
pub async fn add_action_on_behalf(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    loaded: &Loaded,
    person_id: i64,
    life_area: super::LifeArea,
    goal_text: &str,
    mut action: Action,
    reason: &str,
) -> Result<(i64, i64), AppError> {
    let mut doc = loaded.full.clone();
    let mut next = doc.goals.iter().flat_map(|g| std::iter::once(g.id).chain(g.actions.iter().map(|a| a.id))).max().unwrap_or(0) + 1;
    let goal = match doc.goals.iter().position(|g| g.person_id == Some(person_id) && g.life_area == life_area.code()) {
        Some(i) => i,
        None => {
            doc.goals.push(Goal { id: next, life_area: life_area.code().into(), person_id: Some(person_id), text: goal_text.into(), actions: Vec::new() });
            next += 1;
            doc.goals.len() - 1
        }
    };
    action.id = next;
    action.person_id = Some(person_id);
    doc.goals[goal].actions.push(action);
    let version = save(state, actor, meta, loaded, loaded.number(), doc, reason).await?;
    Ok((version, next))
}

async fn save(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    loaded: &Loaded,
    based_on: i64,
    mut doc: PlanDocument,
    reason: &str,
) -> Result<i64, AppError> {
    let reason = check_reason(reason)?;
    let previous = loaded.full.clone();
    doc.check(&loaded.all_member_ids, Some(&previous)).map_err(AppError::Invalid)?;
    if doc.coordinator_user_id.is_none() && actor.role == crate::domain::Role::Coordinator {
        doc.coordinator_user_id = Some(actor.user.id);
    }
    if doc.coordinator_user_id != previous.coordinator_user_id {
        check_coordinator(state, loaded.tenant.code(), doc.coordinator_user_id).await?;
    }
    let changes = super::diff::compare(&previous, &doc);
    // A plan saved as it was is no change: no new version, nothing to notify.
    if changes.is_empty() && loaded.version.is_some() {
        return Ok(loaded.number());
    }
    let json = doc.to_json();
    let notice = super::notifications::prepare(state, actor, loaded, &previous, &doc).await?;
    // The version, its audit row and the notifications with their mails: one unit of work.
    let mut unit = state.store.unit().await?;
    let version = unit
        .save_plan_version(
            &loaded.tenant,
            based_on,
            &NewPlanVersion {
                family_id: loaded.family.id,
                document: &json,
                coordinator_user_id: doc.coordinator_user_id,
                saved_by: actor.user.id,
                saved_by_name: &actor.user.display_name,
                reason: &reason,
                department_links: &doc.department_links(),
            },
        )
        .await?;
    let detail = format!("version {version}: {} ændringer", changes.len());
    let action = if version == 1 { AuditAction::Create } else { AuditAction::Update };
    unit.audit(&[meta.event(actor, action, AuditEntity::FamilyPlan, Some(loaded.family.id), detail)]).await?;
    if let Some(notice) = notice {
        notice.queue(&mut unit, actor, loaded, version).await?;
    }
    unit.commit().await?;
    Ok(version)
}

/// A family coordinator named in a plan is a caseworker or coordinator of the family's
/// municipality: anyone else is refused at the field, not left to the foreign key.
async fn check_coordinator(state: &AppState, municipality: &str, user_id: Option<i64>) -> Result<(), AppError> {
    let Some(id) = user_id else { return Ok(()) };
    let user = state.store.user_by_id(id).await?;
    let fits = user.is_some_and(|u| u.municipality_code.as_deref() == Some(municipality) && u.active == 1 && u.role().is_some_and(|r| r.writes_persons()));
    if fits {
        Ok(())
    } else {
        Err(AppError::Invalid(vec![FieldError::new("coordinator_user_id", "ingen sagsbehandler eller koordinator med dette id i kommunen")]))
    }
}

/// The person's next fixed appointment from now in the family's plan as the viewer sees
/// it (this week and the next): "tirsdag 08.12. kl. 09:00–12:00: Danskundervisning".
pub async fn next_appointment(state: &AppState, actor: &Actor, family_id: i64, person_id: i64, now: chrono::NaiveDateTime) -> Result<Option<String>, AppError> {
    use chrono::Datelike;
    let l = load(state, actor, family_id, None).await?;
    if l.version.is_none() {
        return Ok(None);
    }
    let monday = now.date() - chrono::Duration::days(i64::from(now.date().weekday().num_days_from_monday()));
    let clock = now.format("%H:%M").to_string();
    let today = now.date().to_string();
    for week in [monday, monday + chrono::Duration::days(7)] {
        let weeks = super::schedule::family_week(&l.full, &l.visible, &l.members, &l.places, week, i64::MAX, &super::schedule::Duty::shipped());
        let mut entries: Vec<&super::schedule::Entry> = weeks
            .iter()
            .filter(|w| w.person_id == person_id)
            .flat_map(|w| &w.entries)
            .filter(|e| e.date > today || (e.date == today && e.from >= clock))
            .collect();
        entries.sort_by(|a, b| (&a.date, &a.from).cmp(&(&b.date, &b.from)));
        if let Some(e) = entries.first() {
            let day = chrono::NaiveDate::parse_from_str(&e.date, "%Y-%m-%d").map(|d| {
                let name = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"][d.weekday().num_days_from_monday() as usize];
                format!("{name} {}", d.format("%d.%m."))
            });
            return Ok(Some(format!("{} kl. {}–{}: {}", day.unwrap_or_else(|_| e.date.clone()), e.from, e.to, e.title)));
        }
    }
    Ok(None)
}
