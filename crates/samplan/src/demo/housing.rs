//! Demo housing: the municipality's real postal areas as placement areas (two of them
//! marked as listed), units with rooms, rent, tenure and coordinates near each postal
//! area's interior point, about 40 waiting households with their needs, and a few of
//! them already in temporary housing. Deterministic: the same municipality and date
//! give the same data.
use crate::domain::MunicipalityCode;
use crate::domain::municipality::postal_areas;
use crate::store::Store;
use crate::store::housing::{AreaRow, Decision, NeedFields, UnitRow};
use chrono::NaiveDate;

/// Street names used for the demo units.
const STREETS: &[&str] = &[
    "Ahlgade", "Smedelundsgade", "Kalundborgvej", "Bakkegårdsvej", "Stationsvej", "Skolevej", "Møllevangen",
    "Kirkestræde", "Elmevej", "Birkevej", "Rosenvænget", "Engvej", "Søndergade", "Nørregade", "Parkvej",
];

/// Waiting households in the demo.
pub const WAITING: i64 = 40;

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
            listed_from: None,
            listed_to: None,
        })
        .collect();
    store.save_areas(code.as_str(), &areas).await?;
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
    store.save_units(code.as_str(), &units).await?;
    let families = store.families(code.as_str(), &crate::store::access::Reach::All, None, WAITING, 0).await?;
    let centre = postal.first().map(|p| p.interior).unwrap_or((55.7, 11.7));
    for (i, f) in families.iter().enumerate() {
        let persons = f.member_count.max(1);
        let count = 1 + rng.next(2);
        let anchors: Vec<String> =
            (0..count).map(|_| format!("{:.4}:{:.4}", centre.0 + rng.offset() * 3.0, centre.1 + rng.offset() * 3.0)).collect();
        let fields = NeedFields {
            max_rent: 4000 + persons * 900 + rng.next(6) as i64 * 200,
            needs_accessible: i % 9 == 4,
            anchors: anchors.join(";"),
        };
        let registered = today - chrono::Duration::days(20 + 7 * i as i64);
        store.save_need(code.as_str(), f.id, &fields, &registered.to_string()).await?;
    }
    // A few households already live in temporary housing, for different lengths of time.
    let temporary: Vec<&UnitRow> = units.iter().filter(|u| u.tenure == "temporary").collect();
    for (k, (f, u)) in families.iter().rev().zip(temporary).take(4).enumerate() {
        let since = (today - chrono::Duration::days(45 + 60 * k as i64)).to_string();
        let decision = Decision { status: "approved", unit_code: Some(&u.code), reason: "", decided_by: "bolig", today: &since };
        store.decide_placement(code.as_str(), f.id, &decision).await?;
    }
    Ok(())
}
