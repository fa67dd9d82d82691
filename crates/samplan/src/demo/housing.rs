//! Demo housing: the municipality's real postal areas as placement areas (two of them
//! marked as listed), units with rooms, rent, tenure and coordinates near each postal
//! area's interior point, about 40 waiting households with their needs, and a few of
//! them already in temporary housing; and eight households that lived in temporary
//! housing for different lengths of time and moved into permanent homes of their own
//! over the last six months (so the housing report has moves to count). Deterministic:
//! the same municipality and date give the same data.
use crate::domain::MunicipalityCode;
use crate::domain::municipality::postal_areas;
use crate::store::Store;
use crate::store::Tenant;
use crate::store::housing::{AreaRow, Decision, NeedFields, UnitRow};
use anyhow::Context;
use chrono::{Datelike, NaiveDate};

/// Street names used for the demo units.
const STREETS: &[&str] = &[
    "Ahlgade",
    "Smedelundsgade",
    "Kalundborgvej",
    "Bakkegårdsvej",
    "Stationsvej",
    "Skolevej",
    "Møllevangen",
    "Kirkestræde",
    "Elmevej",
    "Birkevej",
    "Rosenvænget",
    "Engvej",
    "Søndergade",
    "Nørregade",
    "Parkvej",
];

/// Waiting households in the demo.
pub const WAITING: i64 = 40;

/// Households that moved from temporary into permanent housing: days since the move
/// and days they lived in temporary housing before it.
const MOVED: [(i64, i64); 8] = [(15, 40), (39, 130), (63, 220), (87, 400), (111, 75), (135, 300), (159, 160), (183, 520)];

/// A small deterministic generator (64-bit LCG).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % below.max(1)
    }

    fn offset(&mut self) -> f64 {
        (self.next(2001) as f64 - 1000.0) / 100_000.0
    }
}

/// Stores the demo's areas, units and waiting households (after the families exist).
pub async fn store_housing(store: &Store, code: &MunicipalityCode, today: NaiveDate) -> anyhow::Result<()> {
    let mut rng = Lcg(u64::from(code.as_str().parse::<u16>().unwrap_or(1)));
    let postal = postal_areas(code);
    let areas: Vec<AreaRow> = postal
        .iter()
        .enumerate()
        .map(|(i, p)| AreaRow {
            code: p.code.clone(),
            name: p.name.clone(),
            listed: i64::from(postal.len() > 4 && (i == postal.len() - 1 || i == postal.len() / 2)),
            existing_households: if i == 0 { 6 } else { rng.next(4) as i64 },
            // The newest list: published 1 December of this year, or of last year before December.
            listed_from: calendar::Date::new(if today.month() == 12 { today.year() } else { today.year() - 1 }, 12, 1).ok(),
            listed_to: None,
        })
        .collect();
    store.save_areas(&Tenant::trusted(code.as_str()), &areas).await?;
    let mut units = Vec::new();
    for (i, p) in postal.iter().enumerate() {
        let count = if i == 0 { 12 } else { 3 };
        for j in 0..count {
            let rooms = 1 + rng.next(5) as i64;
            let tenure = if rng.next(4) == 0 { "temporary" } else { "permanent" };
            let street = STREETS[rng.next(STREETS.len() as u64) as usize];
            units.push(UnitRow {
                code: format!("B{}-{:02}", p.code.split('-').next().unwrap_or(&p.code), j + 1),
                area_code: p.code.clone(),
                rooms,
                rent: 3200 + rooms * 1100 + rng.next(9) as i64 * 100,
                accessible: i64::from(rng.next(5) == 0),
                tenure: tenure.into(),
                lat: p.interior.0 + rng.offset(),
                lon: p.interior.1 + rng.offset(),
                street: Some(format!("{street} {}", 1 + rng.next(80))),
                postal_code: Some(p.code.clone()),
                city: Some(p.name.clone()),
            });
        }
    }
    // The permanent homes the moved households live in now (beside the free stock).
    for k in 0..if postal.is_empty() { 0 } else { MOVED.len() } {
        let p = &postal[k % postal.len()];
        units.push(UnitRow {
            code: format!("B{}-H{}", p.code.split('-').next().unwrap_or(&p.code), k + 1),
            area_code: p.code.clone(),
            rooms: 2 + (k % 3) as i64,
            rent: 5400 + 700 * (k % 3) as i64,
            accessible: 0,
            tenure: "permanent".into(),
            lat: p.interior.0 + 0.001 * k as f64,
            lon: p.interior.1 - 0.001 * k as f64,
            street: Some(format!("{} {}", STREETS[k % STREETS.len()], 100 + k)),
            postal_code: Some(p.code.clone()),
            city: Some(p.name.clone()),
        });
    }
    store.save_units(&Tenant::trusted(code.as_str()), &units).await?;
    let everyone = store.families(&Tenant::trusted(code.as_str()), &crate::store::access::Reach::All, None, WAITING + MOVED.len() as i64, 0).await?;
    let (families, moved) = everyone.split_at(everyone.len().min(WAITING as usize));
    for (i, f) in families.iter().enumerate() {
        let persons = f.member_count.max(1);
        let count = 1 + rng.next(2);
        // Places as staff write them: an address in one of the municipality's postal areas.
        let anchors: Vec<String> = (0..if postal.is_empty() { 0 } else { count })
            .map(|_| {
                let p = &postal[rng.next(postal.len() as u64) as usize];
                format!("{} {}, {} {}", STREETS[rng.next(STREETS.len() as u64) as usize], 1 + rng.next(60), p.code.split('-').next().unwrap_or(&p.code), p.name)
            })
            .collect();
        let fields = NeedFields { max_rent: 4000 + persons * 900 + rng.next(6) as i64 * 200, needs_accessible: i % 9 == 4, anchors: anchors.join(";") };
        let registered = today - chrono::Duration::days(20 + 7 * i as i64);
        store.save_need(&Tenant::trusted(code.as_str()), f.id, &fields, day(registered)?).await?;
    }
    // A few households already live in temporary housing, for different lengths of time.
    let temporary: Vec<&UnitRow> = units.iter().filter(|u| u.tenure == "temporary").collect();
    for (k, (f, u)) in families.iter().rev().zip(temporary).take(4).enumerate() {
        let since = day(today - chrono::Duration::days(45 + 60 * k as i64))?;
        let decision = Decision { status: "approved", unit_code: Some(&u.code), reason: "", decided_by: "bolig", today: since };
        store.decide_placement(&Tenant::trusted(code.as_str()), f.id, &decision).await?;
        decided_on(store, code, f.id, since).await?;
    }
    // Households that waited in temporary housing and have moved into a permanent home.
    let temporary: Vec<&UnitRow> = units.iter().filter(|u| u.tenure == "temporary").collect();
    let homes: Vec<&UnitRow> = units.iter().filter(|u| u.code.contains("-H")).collect();
    for (k, (f, home)) in moved.iter().zip(homes).enumerate() {
        let (ago, stay) = MOVED[k];
        let Some(interim) = temporary.get(k % temporary.len().max(1)) else { break };
        let moved_on = day(today - chrono::Duration::days(ago))?;
        let temporary_since = day(today - chrono::Duration::days(ago + stay))?;
        let registered = day(today - chrono::Duration::days(ago + stay + 30))?;
        let fields = NeedFields { max_rent: 4000 + f.member_count.max(1) * 900, needs_accessible: false, anchors: String::new() };
        store.save_need(&Tenant::trusted(code.as_str()), f.id, &fields, registered).await?;
        let first = Decision { status: "approved", unit_code: Some(&interim.code), reason: "", decided_by: "bolig", today: temporary_since };
        store.decide_placement(&Tenant::trusted(code.as_str()), f.id, &first).await?;
        let home = Decision { status: "approved", unit_code: Some(&home.code), reason: "", decided_by: "bolig", today: moved_on };
        store.decide_placement(&Tenant::trusted(code.as_str()), f.id, &home).await?;
        decided_on(store, code, f.id, moved_on).await?;
    }
    Ok(())
}

/// Dates a demo household's decided placement on the day it took effect (the store
/// stamps a decision with the moment it is made).
async fn decided_on(store: &Store, code: &MunicipalityCode, family_id: i64, day: calendar::Date) -> anyhow::Result<()> {
    store
        .execute_raw(&format!(
            "UPDATE housing_placement SET decided_at = '{day}T10:00:00Z' WHERE municipality_code = '{}' AND family_id = {family_id}",
            code.as_str()
        ))
        .await?;
    Ok(())
}

/// A chrono day of the demo as a calendar day.
fn day(d: chrono::NaiveDate) -> anyhow::Result<calendar::Date> {
    crate::domain::calendar_day(d).context("a demo day outside the calendar")
}
