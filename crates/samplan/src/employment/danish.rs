//! A person's Danish level, read in one place: the highest module passed in the Danish
//! education records (`danish_education::level_of`, the one rule for it) when there is
//! one, otherwise the level entered on the employment profile.
use super::DanishLevel;
use crate::danish_education::{self, Track};
use crate::store::Tenant;
use crate::store::employment::CandidateRow;
use crate::store::{Store, StoreError};
use std::collections::HashMap;

/// Where a level comes from, in Danish.
pub const FROM_DU: &str = "fra danskuddannelsen (højeste beståede modul)";
/// Where an entered level comes from, in Danish.
pub const ENTERED: &str = "indtastet i beskæftigelsesprofilen";

/// The level in employment's terms.
pub fn from_du(level: &danish_education::DanishLevel) -> DanishLevel {
    let track = match level.track {
        Track::Du1 => 1,
        Track::Du2 => 2,
        Track::Du3 => 3,
    };
    DanishLevel { track, module: level.module }
}

/// The levels from the Danish education records of every person with a profile (or of
/// `person` alone): two queries, grouped here per person.
pub async fn du_levels(store: &Store, tenant: &Tenant, person: Option<i64>) -> Result<HashMap<i64, DanishLevel>, StoreError> {
    let (courses, tests) = store.profile_du_records(tenant, person).await?;
    let mut by_person: HashMap<i64, (Vec<_>, Vec<_>)> = HashMap::new();
    for c in courses {
        by_person.entry(c.person_id).or_default().0.push(c);
    }
    for t in tests {
        by_person.entry(t.person_id).or_default().1.push(t);
    }
    Ok(by_person.into_iter().filter_map(|(id, (c, t))| danish_education::level_of(&c, &t).map(|l| (id, from_du(&l)))).collect())
}

/// A candidate's level and where it comes from: the DU records win over the profile.
pub fn of_candidate(row: &CandidateRow, du: Option<DanishLevel>) -> (DanishLevel, &'static str) {
    match du {
        Some(level) => (level, FROM_DU),
        None => (DanishLevel { track: row.danish_track, module: row.danish_module }, ENTERED),
    }
}
