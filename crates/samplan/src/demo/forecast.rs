//! The demo municipality's quotas and capacity for the capacity forecast (decision 130):
//! last year's quota is the refugees who came that year, this year's those of the last
//! twelve months. The capacity entered for the coming twelve months covers the band's
//! upper end, except for housing units of 2 rooms, børnehave places and DU2 seats: they
//! keep ahead of the expected need for five months and then fall behind, so shortage
//! months show. Nothing is entered for 7.–10. klasse ("no capacity entered").
use crate::domain::ResidenceBasis;
use crate::forecast::service::{self, WhatIf};
use crate::store::Store;
use crate::store::Tenant;
use chrono::NaiveDate;
use indicators::Month;

/// Series whose capacity falls behind after the first five months.
const SHORT: [&str; 3] = ["units_2", "daycare_3_5", "du2"];

/// Stores the quotas and the capacity.
pub async fn store_forecast(store: &Store, tenant: &Tenant, today: NaiveDate) -> anyhow::Result<()> {
    let day = calendar::Date::parse(&today.to_string()).map_err(|e| anyhow::anyhow!("{e}"))?;
    let start = Month::of(day);
    let from = start.plus_months(-24).ok_or_else(|| anyhow::anyhow!("month out of range"))?;
    let arrivals = store.forecast_arrival_months(tenant, &from.first_day().to_string(), &start.first_day().to_string()).await?;
    let last_year = (start.year() - 1).to_string();
    let recent = start.plus_months(-12).ok_or_else(|| anyhow::anyhow!("month out of range"))?.to_string();
    let refugees = |keep: &dyn Fn(&str) -> bool| {
        arrivals.iter().filter(|r| r.residence_basis == ResidenceBasis::Refugee && keep(&r.month)).map(|r| r.persons).sum::<i64>()
    };
    let quotas = [
        (i64::from(start.year() - 1), Some(refugees(&|m| m.starts_with(&last_year)).max(1))),
        (i64::from(start.year()), Some(refugees(&|m| m >= recent.as_str()).max(1))),
    ];
    store.save_forecast_inputs(tenant, &[], &quotas, "demo").await?;
    let what_if = WhatIf { months: 12, quota: None, household_size: None, children_share: None };
    let view = service::forecast(store, tenant, day, &what_if).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut capacity = Vec::new();
    for s in view.series.iter().filter(|s| s.kind == "need" && s.key != "school_13_16") {
        let mut entered = 0.0_f64;
        let mut target_at_five = 0.0;
        for (m, p) in s.points.iter().enumerate() {
            let target = if SHORT.contains(&s.key.as_str()) && m >= 5 {
                target_at_five + 0.3 * (p.expected - s.points[4].expected)
            } else {
                p.high.max(1.1 * p.expected) + 1.0
            };
            if m == 4 {
                target_at_five = target;
            }
            let places = (target.round() - entered).max(0.0);
            entered += places;
            capacity.push((p.month.clone(), s.key.clone(), Some(places as i64)));
        }
    }
    store.save_forecast_inputs(tenant, &capacity, &[], "demo").await?;
    Ok(())
}
