//! Scheduled reports: a manager subscribes to a report monthly or quarterly; on the
//! first working day of the month (quarter) after the period (Danish helligdage and the
//! municipality's closed days, `calendar` crate) the report of the period before is made
//! and queued in the e-mail outbox with the XLSX attached — once per subscription and
//! period, however often or on however many servers the run happens — and audited.
//! A server that was down on that day makes it later the same month.
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::{FieldError, Role};
use crate::error::AppError;
use crate::store::audit::{AuditAction, AuditEntity, AuditEvent};
use crate::store::reports::SubscriptionRow;
use crate::store::{Store, StoreError, Tenant};
use calendar::{Calendar, Date};

/// `monthly` or `quarterly`, in Danish.
pub fn frequency_label(f: &str) -> &'static str {
    match f {
        "monthly" => "Hver måned",
        "quarterly" => "Hvert kvartal",
        _ => "",
    }
}

/// A manager subscribes to a report, audited.
pub async fn subscribe(state: &AppState, actor: &Actor, meta: &RequestMeta, report_id: &str, frequency: &str) -> Result<i64, AppError> {
    let tenant = match (actor.role, actor.tenant()) {
        (Role::Manager, Some(tenant)) => tenant,
        _ => return Err(AppError::Forbidden("kun ledere kan abonnere på rapporter".into())),
    };
    let mut errors = Vec::new();
    if super::find(report_id).is_none() {
        errors.push(FieldError::new("report_id", "vælg en rapport"));
    }
    if !matches!(frequency, "monthly" | "quarterly") {
        errors.push(FieldError::new("frequency", "vælg hver måned eller hvert kvartal"));
    }
    if actor.user.email.as_deref().is_none_or(|e| e.trim().is_empty()) {
        errors.push(FieldError::new("report_id", "din bruger har ingen e-mailadresse; bed en administrator om at sætte den"));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let id = state.store.add_report_subscription(&tenant, actor.user.id, report_id, frequency).await.map_err(|e| match e {
        StoreError::Conflict(_) => AppError::Invalid(vec![FieldError::new("report_id", "du abonnerer allerede på denne rapport med denne hyppighed")]),
        other => other.into(),
    })?;
    record(
        state,
        vec![meta.event(
            actor,
            AuditAction::Create,
            AuditEntity::ReportSubscription,
            Some(id),
            format!("abonnement på {report_id} ({})", frequency_label(frequency)),
        )],
    )
    .await?;
    Ok(id)
}

/// Ends one of the actor's subscriptions, audited.
pub async fn unsubscribe(state: &AppState, actor: &Actor, meta: &RequestMeta, id: i64) -> Result<(), AppError> {
    let tenant = actor.tenant().ok_or_else(AppError::forbidden)?;
    if !state.store.remove_report_subscription(&tenant, actor.user.id, id).await? {
        return Err(AppError::NotFound("abonnementet"));
    }
    record(state, vec![meta.event(actor, AuditAction::Delete, AuditEntity::ReportSubscription, Some(id), "abonnement opsagt")]).await
}

/// The period a subscription delivers in `today`'s month, and the day it is due:
/// the previous month (quarter) and the first working day of this month (quarter).
/// `None` when nothing is due this month (a quarterly report outside Jan/Apr/Jul/Oct).
pub fn due_period(frequency: &str, today: Date, cal: &Calendar) -> Option<(Date, Date, Date)> {
    let first = today.first_of_month();
    let months = match frequency {
        "monthly" => 1,
        "quarterly" if (today.month() - 1).is_multiple_of(3) => 3,
        _ => return None,
    };
    let from = first.add_months(-months).ok()?;
    let to = first.add_days(-1).ok()?;
    let due = cal.working_day_on_or_after(first).ok()?;
    Some((from, to, due))
}

/// What a run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    /// Reports queued in the outbox (not those made before, nor for users without an
    /// e-mail address or no longer active).
    pub queued: usize,
}

/// Makes and queues every subscription due on `today` that has not been made yet.
pub async fn run_due(store: &Store, today: Date) -> Result<Run, AppError> {
    let mut run = Run::default();
    let mut calendars: std::collections::HashMap<String, Calendar> = std::collections::HashMap::new();
    for s in store.all_report_subscriptions().await? {
        if !calendars.contains_key(&s.municipality_code) {
            let closed = store.closed_days(&Tenant::trusted(s.municipality_code.as_str())).await?.into_iter().map(|d| d.day);
            calendars.insert(s.municipality_code.clone(), Calendar::with_closed_days(closed));
        }
        let cal = &calendars[&s.municipality_code];
        let Some((from, to, due)) = due_period(&s.frequency, today, cal) else { continue };
        if today < due {
            continue;
        }
        if deliver(store, &s, &from.to_string(), &to.to_string()).await? {
            run.queued += 1;
        }
    }
    Ok(run)
}

async fn deliver(store: &Store, s: &SubscriptionRow, from: &str, to: &str) -> Result<bool, AppError> {
    // A background job: the subscription names the municipality it reports on.
    let tenant = Tenant::trusted(s.municipality_code.as_str());
    let Some(def) = super::find(&s.report_id) else { return Ok(false) };
    let Some(user) = store.user_by_id(s.user_id).await? else { return Ok(false) };
    let Some(address) = user.email.clone().filter(|e| !e.trim().is_empty() && user.active == 1) else { return Ok(false) };
    let report = super::make(store, def, &tenant, from, to).await?;
    let xlsx = crate::goals::export::to_xlsx(&super::sheets(&report)).map_err(|e| AppError::Internal(e.into()))?;
    let file = format!("{}-{}-{}-{}.xlsx", report.id, report.municipality, from, to);
    let subject = format!("{} {} – {}", report.name, from, to);
    let body = format!(
        "Hej {}\n\nHer er rapporten «{}» for {} for perioden {} – {} som regneark.\nTal om 1–4 personer er skjult, så ingen kan genkendes.\n\nDu får den, fordi du abonnerer på den ({}). Abonnementet kan opsiges under Rapporter i samplan.\n",
        user.display_name,
        report.name,
        report.municipality_name,
        from,
        to,
        frequency_label(&s.frequency).to_lowercase()
    );
    let queued = store
        .queue_report_delivery(
            s.id,
            &tenant,
            (from, to),
            &address,
            &subject,
            &body,
            (&file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", &xlsx),
        )
        .await?;
    if queued {
        store
            .audit(&[AuditEvent {
                municipality_code: Some(s.municipality_code.clone()),
                user_id: None,
                user_login: "samplan".into(),
                action: AuditAction::Create,
                entity: AuditEntity::ReportDelivery,
                entity_id: Some(s.id.to_string()),
                detail: format!("planlagt rapport {} for {from} – {to} lagt i udbakken til {} (aggregater)", s.report_id, user.login),
                request_id: "-".into(),
                remote_addr: "-".into(),
            }])
            .await?;
    }
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_are_due_on_the_first_working_day() {
        let d = |s: &str| Date::parse(s).unwrap();
        let cal = Calendar::new();
        // 1 January 2027 is a holiday (Friday): due Monday 4 January, for Q4 2026.
        assert_eq!(due_period("quarterly", d("2027-01-04"), &cal), Some((d("2026-10-01"), d("2026-12-31"), d("2027-01-04"))));
        assert_eq!(due_period("quarterly", d("2027-02-01"), &cal), None);
        // 1 November 2026 is a Sunday.
        assert_eq!(due_period("monthly", d("2026-11-01"), &cal).map(|p| p.2), Some(d("2026-11-02")));
        let closed = Calendar::with_closed_days([d("2026-11-02")]);
        assert_eq!(due_period("monthly", d("2026-11-01"), &closed).map(|p| (p.0, p.1, p.2)), Some((d("2026-10-01"), d("2026-10-31"), d("2026-11-03"))));
    }
}
