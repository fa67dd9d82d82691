//! The work duty reduced for one person: the jobcentre's individual decision to lower the
//! weekly hours the 37-hour duty requires (PRODUCT.md "Rules": "hours can be reduced for
//! health reasons"), dated and with a reason, recorded by a caseworker (person writers).
//! samplan does not compute the lower minimum here: the rules engine applies a recorded
//! reduction through the `hours_reduction` rule `work_duty.health_reduction`, so the plans
//! schedule, the coordinator's overview and the person's employment page all judge the week
//! by the same, reduced minimum.
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::{FieldError, parse_day};
use crate::error::AppError;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::employment::{WorkDutyReductionFields, WorkDutyReductionRow};
use serde::{Deserialize, Serialize};

/// The kind of reduction samplan records: for health reasons (the rule's key).
pub const HEALTH: &str = "health";

/// The highest weekly hours a reduction may set (below the 37-hour duty).
pub const MAX_HOURS: i64 = 36;

/// The longest reason kept.
const MAX_REASON: usize = 2000;

/// A reduction as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReductionInput {
    /// Weekly hours required instead, a whole number from 0 to 36.
    #[serde(default)]
    #[schema(example = "20", required = true, pattern = "^([0-9]|[12][0-9]|3[0-6])$")]
    pub hours: String,
    /// First day (ISO or Danish, e.g. 01.03.2026).
    #[serde(default)]
    #[schema(example = "2026-03-01", required = true, format = Date)]
    pub from: String,
    /// Last day (ISO); empty: until further notice.
    #[serde(default)]
    #[schema(pattern = "^$|^(19[0-9]{2}|20[0-9]{2}|21[0-9]{2}|2200)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")]
    pub to: String,
    /// Why, e.g. the doctor's statement the decision rests on (required).
    #[serde(default)]
    #[schema(required = true, max_length = 2000, pattern = r"\S")]
    pub reason: String,
}

/// A reduction as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReductionView {
    /// Id.
    pub id: i64,
    /// Weekly hours required instead.
    pub hours: i64,
    /// ISO first day.
    pub from: String,
    /// ISO last day; `None` until further notice.
    pub to: Option<String>,
    /// Why.
    pub reason: String,
    /// Who recorded it.
    pub recorded_by: String,
    /// When (RFC 3339).
    pub recorded_at: String,
}

impl From<WorkDutyReductionRow> for ReductionView {
    fn from(r: WorkDutyReductionRow) -> Self {
        ReductionView {
            id: r.id,
            hours: r.hours,
            from: r.from_day.to_string(),
            to: r.to_day.map(|d| d.to_string()),
            reason: r.reason,
            recorded_by: r.created_by,
            recorded_at: r.created_at,
        }
    }
}

/// Checks a reduction; every error names its field.
pub fn check(i: &ReductionInput) -> Result<WorkDutyReductionFields, Vec<FieldError>> {
    let mut errors = Vec::new();
    let hours = match i.hours.trim().parse::<i64>() {
        Ok(h) if (0..=MAX_HOURS).contains(&h) => Some(h),
        _ if i.hours.trim().is_empty() => {
            errors.push(FieldError::new("hours", "skriv det nedsatte timetal pr. uge"));
            None
        }
        _ => {
            errors.push(FieldError::new("hours", format!("«{}» er ikke et helt timetal fra 0 til {MAX_HOURS}", i.hours.trim())));
            None
        }
    };
    let from = if i.from.trim().is_empty() {
        errors.push(FieldError::new("from", "skriv den første dag, nedsættelsen gælder"));
        None
    } else {
        parse_day("from", &i.from).map_err(|e| errors.push(e)).ok()
    };
    let to = if i.to.trim().is_empty() { None } else { parse_day("to", &i.to).map_err(|e| errors.push(e)).ok() };
    if let (Some(f), Some(t)) = (from, to)
        && t < f
    {
        errors.push(FieldError::new("to", "den sidste dag ligger før den første"));
    }
    let reason = i.reason.trim();
    if reason.is_empty() {
        errors.push(FieldError::new("reason", "skriv begrundelsen for nedsættelsen"));
    } else if reason.chars().count() > MAX_REASON {
        errors.push(FieldError::new("reason", format!("begrundelsen må højst være {MAX_REASON} tegn")));
    }
    match (hours, from) {
        (Some(hours), Some(from)) if errors.is_empty() => {
            Ok(WorkDutyReductionFields { kind: HEALTH.into(), hours, from_day: from, to_day: to, reason: reason.to_string() })
        }
        _ => Err(errors),
    }
}

/// A person's reductions, newest first (person readers who reach the person), audited.
pub async fn list(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64) -> Result<Vec<ReductionView>, AppError> {
    let access = actor.person_access(&state.store).await?;
    access.person(&state.store, person_id).await?;
    let rows = state.store.work_duty_reductions(access.tenant(), person_id).await?;
    record(state, vec![meta.event(actor, AuditAction::Read, AuditEntity::Person, Some(person_id), "nedsat arbejdspligt")]).await?;
    Ok(rows.into_iter().map(ReductionView::from).collect())
}

/// The caller's reach when they may record reductions of `person_id`: a person writer
/// (403) who reads the person (404). Checked before the reduction is read.
pub async fn writer(state: &AppState, actor: &Actor, person_id: i64) -> Result<crate::auth::access::PersonAccess, AppError> {
    actor.person_writer()?;
    let access = actor.person_access(&state.store).await?;
    access.person(&state.store, person_id).await?;
    Ok(access)
}

/// Records a reduction (caseworkers and coordinators, for persons they reach): the role
/// first, then the person, then the input (decision 003's order); audited with its reason.
pub async fn add(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64, input: &ReductionInput) -> Result<ReductionView, AppError> {
    let access = writer(state, actor, person_id).await?;
    let f = check(input).map_err(AppError::Invalid)?;
    let tenant = access.tenant();
    let id = state.store.add_work_duty_reduction(tenant, person_id, &f, &actor.user.login).await?;
    let until = f.to_day.map_or_else(|| "indtil videre".to_string(), |d| d.danish().to_string());
    let detail = format!("arbejdspligt nedsat til {} timer fra {} til {until}: {}", f.hours, f.from_day.danish(), f.reason);
    record(state, vec![meta.event(actor, AuditAction::Update, AuditEntity::Person, Some(person_id), detail)]).await?;
    let row = state.store.work_duty_reductions(tenant, person_id).await?.into_iter().find(|r| r.id == id).ok_or(AppError::NotFound("nedsættelsen"))?;
    Ok(row.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(hours: &str, from: &str, to: &str, reason: &str) -> ReductionInput {
        ReductionInput { hours: hours.into(), from: from.into(), to: to.into(), reason: reason.into() }
    }

    fn fields(e: Vec<FieldError>) -> Vec<String> {
        e.iter().map(|e| e.field.to_string()).collect()
    }

    #[test]
    fn a_reduction_is_checked_field_by_field() {
        let ok = check(&input("20", "01.03.2026", "2026-05-31", " Lægeerklæring ")).unwrap();
        assert_eq!(
            (ok.hours, ok.from_day.to_string(), ok.to_day.map(|d| d.to_string()), ok.reason.as_str()),
            (20, "2026-03-01".to_string(), Some("2026-05-31".to_string()), "Lægeerklæring")
        );
        assert_eq!(check(&input("37", "x", "", "")).map_err(fields).unwrap_err(), ["hours", "from", "reason"]);
        assert_eq!(check(&input("", "2026-03-01", "2026-02-01", "a")).map_err(fields).unwrap_err(), ["hours", "to"]);
        assert!(check(&input("0", "2026-03-01", "", "Indlagt")).unwrap().to_day.is_none());
    }
}
