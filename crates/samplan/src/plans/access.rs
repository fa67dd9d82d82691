//! Who sees which part of a plan. Coordinators and caseworkers own the plan and see
//! all of it. Department staff (and housing officers, for the housing department) see
//! their own department's actions always, and another department's actions for a
//! person only while that person has a live consent sharing the data with their
//! department: scope `plan` for every life area, and also `health` for actions under
//! the health goal. Withdrawal takes effect at once, because consent is checked on
//! every request.
use super::{Action, Goal, LifeArea, PlanDocument};
use crate::auth::{Actor, Tenant};
use crate::domain::Role;
use crate::store::Store;
use crate::store::StoreError;
use std::collections::HashMap;

/// Consent scopes: the kinds of data a consent shares with departments.
pub const SCOPES: &[(&str, &str)] = &[("plan", "Helhedsplan og indsatser"), ("health", "Helbredsoplysninger")];

/// Scopes a consent gives one named organisation of the civil-society registry, beyond
/// name and contact (a referral shares no more than these).
pub const ORGANISATION_SCOPES: &[(&str, &str)] = &[("profile", "Alder, sprog og interesser"), ("address", "Adresse")];

/// The Danish name of a consent scope (the code itself when unknown).
pub fn scope_label(code: &str) -> &str {
    SCOPES.iter().chain(ORGANISATION_SCOPES).find(|(c, _)| *c == code).map_or(code, |(_, l)| l)
}

/// What the current user may see of a family's plan.
#[derive(Debug, Clone)]
pub enum Viewer {
    /// Coordinators and caseworkers: everything.
    Owner,
    /// Department staff: their department's actions, and what consent shares.
    Department {
        /// Their department's code (`None`: no department, so only consented data).
        department: Option<String>,
        /// Person id → scopes shared with this department by a live consent.
        shared: HashMap<i64, Vec<String>>,
    },
}

pub use crate::auth::access::department_of;

impl Viewer {
    /// The view of `actor` on a family whose members are `members`, with consents as of `today`.
    pub async fn of(store: &Store, tenant: &Tenant, actor: &Actor, members: &[i64], today: calendar::Date) -> Result<Viewer, StoreError> {
        if matches!(actor.role, Role::Coordinator | Role::Caseworker) {
            return Ok(Viewer::Owner);
        }
        let department = department_of(store, tenant, actor).await?;
        let mut shared: HashMap<i64, Vec<String>> = HashMap::new();
        if let Some(dept) = &department {
            for c in store.live_consents(tenant, members, today).await? {
                if c.departments.split(',').any(|d| d == dept) {
                    shared.entry(c.person_id).or_default().extend(c.scopes.split(',').map(str::to_string));
                }
            }
        }
        Ok(Viewer::Department { department, shared })
    }

    /// Whether the whole plan is visible.
    pub fn is_owner(&self) -> bool {
        matches!(self, Viewer::Owner)
    }

    /// Whether `person`'s data of `scope` is shared with this viewer.
    fn shares(&self, person: Option<i64>, scope: &str) -> bool {
        match self {
            Viewer::Owner => true,
            Viewer::Department { shared, .. } => person.and_then(|p| shared.get(&p)).is_some_and(|s| s.iter().any(|x| x == scope)),
        }
    }

    fn consented(&self, goal: &Goal, person: Option<i64>) -> bool {
        let health = goal.life_area == LifeArea::Health.code();
        self.shares(person, "plan") && (!health || self.shares(person, "health"))
    }

    /// Whether this viewer may see `action` of `goal`.
    pub fn sees(&self, goal: &Goal, action: &Action) -> bool {
        match self {
            Viewer::Owner => true,
            Viewer::Department { department, .. } => department.as_deref() == Some(action.department.as_str()) || self.consented(goal, action.person(goal)),
        }
    }

    /// Whether this viewer may add or change an action of some department: checked
    /// before the action is read (decision 003).
    pub fn may_change_some(&self, actor: &Actor) -> bool {
        match self {
            Viewer::Owner => actor.role.writes_persons(),
            Viewer::Department { department, .. } => department.is_some(),
        }
    }

    /// Whether this viewer may add or change an action of `department`.
    pub fn may_change(&self, actor: &Actor, department: &str) -> bool {
        match self {
            Viewer::Owner => actor.role.writes_persons(),
            Viewer::Department { department: own, .. } => own.as_deref() == Some(department),
        }
    }

    /// The part of the plan this viewer may see, and how many actions were left out.
    pub fn filter(&self, doc: &PlanDocument) -> (PlanDocument, usize) {
        if self.is_owner() {
            return (doc.clone(), 0);
        }
        let mut hidden = 0;
        let mut out = PlanDocument { coordinator_user_id: doc.coordinator_user_id, education_orders: Vec::new(), goals: Vec::new() };
        for goal in &doc.goals {
            let actions: Vec<Action> = goal.actions.iter().filter(|a| self.sees(goal, a)).cloned().collect();
            hidden += goal.actions.len() - actions.len();
            if !actions.is_empty() || (goal.person_id.is_some() && self.consented(goal, goal.person_id)) {
                out.goals.push(Goal { actions, ..goal.clone() });
            }
        }
        out.education_orders = doc.education_orders.iter().copied().filter(|p| self.shares(Some(*p), "plan")).collect();
        (out, hidden)
    }
}
