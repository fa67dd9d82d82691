//! The 37-hour work duty per person and week: the hours of every action in the family
//! plan, grouped by kind (work and company-based offers, Danish education, other), against
//! the minimum the rule set sets for the person that week. The week and its conflicts come
//! from the plans schedule (`plans::schedule::family_week`), so the numbers here and the
//! "under the minimum" conflict in the coordinator overview are the same computation.
use crate::app::AppState;
use crate::auth::Actor;
use crate::error::AppError;
use crate::plans::schedule::{self, PersonWeek};
use crate::plans::{PlanDocument, service};
use serde::Serialize;

/// One person's week as counted against the work duty.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WeekAccount {
    /// ISO week, e.g. `2026-W50`.
    pub week: String,
    /// Planned hours in total.
    pub total: f64,
    /// Hours by kind, in Danish: (kind, hours).
    pub by_kind: Vec<(String, f64)>,
    /// The weekly minimum and its rule, if one applies.
    pub minimum: Option<String>,
    /// Below the minimum.
    pub under: bool,
    /// False when consent hides some actions from the viewer (hours then not judged).
    pub complete: bool,
}

fn kind_of(department: &str) -> &'static str {
    match department {
        "jobcenter" | "virksomhedsservice" => "Arbejde og virksomhedsrettede tilbud",
        "sprogcenter" => "Danskuddannelse",
        _ => "Andet",
    }
}

/// Counts one week of the schedule by kind.
pub fn account(week: &str, w: &PersonWeek, plan: &PlanDocument) -> WeekAccount {
    let mut by: Vec<(String, f64)> = Vec::new();
    let mut add = |kind: &str, h: f64| match by.iter_mut().find(|(k, _)| k == kind) {
        Some((_, v)) => *v += h,
        None => by.push((kind.to_string(), h)),
    };
    for e in &w.entries {
        let s = crate::plans::Slot { weekday: e.weekday, from: e.from.clone(), to: e.to.clone() };
        let (f, t) = s.minutes();
        add(kind_of(&e.department), f64::from(t - f) / 60.0);
    }
    for f in &w.flexible {
        let department = plan.action(f.action_id).map_or("", |(_, a)| a.department.as_str());
        add(kind_of(department), f.hours);
    }
    let under = w.conflicts.iter().any(|c| c.kind == "under_minimum");
    WeekAccount {
        week: week.to_string(),
        total: w.total_hours,
        by_kind: by,
        minimum: w.minimum.as_ref().map(|m| {
            let reduced = m.reduced.as_ref().map_or_else(String::new, |r| format!("; {r}"));
            format!("{} timer ({}{}{reduced})", m.hours, m.title, if m.confirmed { "" } else { ", skal bekræftes" })
        }),
        under,
        complete: w.complete,
    }
}

/// The person's next `weeks` weeks from this one, as the actor may see the plan.
pub async fn weeks(state: &AppState, actor: &Actor, family_id: i64, person_id: i64, weeks: u32) -> Result<Vec<WeekAccount>, AppError> {
    let loaded = service::load(state, actor, family_id, None).await?;
    let maximum = state.store.max_weekly_hours(&loaded.tenant).await?.unwrap_or(schedule::DEFAULT_MAX_WEEKLY_HOURS);
    let today = super::service::today();
    let duty = schedule::Duty::of_family(&state.store, &loaded.tenant, family_id).await?;
    let mut out = Vec::new();
    for i in 0..weeks {
        let week = schedule::week_of(today + chrono::Duration::weeks(i64::from(i)));
        let monday = schedule::parse_week(&week).map_err(AppError::from)?;
        let all = schedule::family_week(&loaded.full, &loaded.visible, &loaded.members, &loaded.places, monday, maximum, &duty);
        if let Some(w) = all.iter().find(|w| w.person_id == person_id) {
            out.push(account(&week, w, &loaded.visible));
        }
    }
    Ok(out)
}
