//! The hard rules (may this household take this unit?) and the soft criteria
//! (what does it cost?), each criterion kept apart so that an explanation can
//! show them one by one.
use crate::model::{Area, Household, Point, Tenure, Unit};
use crate::settings::Settings;
use serde::Serialize;

/// A hard rule, in the order they are checked when explaining why a household
/// was not placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum HardRule {
    /// ⌈persons / max_persons_per_room⌉ ≤ rooms ≤ persons + max_extra_rooms.
    Rooms,
    /// rent ≤ the household's max_rent.
    Rent,
    /// accessible when the household needs it.
    Accessibility,
    /// the area is not listed.
    ListedArea,
    /// the unit is permanent when the household may only take a permanent one.
    PermanentOnly,
}

/// The first hard rule the pair breaks, or `None` when the household may take the unit.
pub fn first_broken_rule(settings: &Settings, h: &Household, u: &Unit, area: &Area) -> Option<HardRule> {
    Limits::new(settings, h).first_broken(&UnitTerms::new(u), area.listed)
}

/// A household's side of the hard rules, worked out once per household.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    min_rooms: u32,
    max_rooms: u32,
    max_rent: u64,
    needs_accessible: bool,
    permanent_only: bool,
}

/// A unit's side of the hard rules, small enough to scan thousands in cache.
#[derive(Debug, Clone, Copy)]
pub(crate) struct UnitTerms {
    rooms: u32,
    rent: u64,
    accessible: bool,
    temporary: bool,
}

impl UnitTerms {
    pub(crate) fn new(u: &Unit) -> Self {
        UnitTerms { rooms: u.rooms, rent: u.rent, accessible: u.accessible, temporary: u.tenure == Tenure::Temporary }
    }
}

impl Limits {
    pub(crate) fn new(settings: &Settings, h: &Household) -> Self {
        let (min_rooms, max_rooms) = settings.room_bounds(h.persons());
        Limits { min_rooms, max_rooms, max_rent: h.max_rent, needs_accessible: h.needs_accessible, permanent_only: h.permanent_only }
    }

    /// The rules in [`HardRule`] order.
    #[inline]
    pub(crate) fn first_broken(&self, u: &UnitTerms, listed_area: bool) -> Option<HardRule> {
        if u.rooms < self.min_rooms || u.rooms > self.max_rooms {
            Some(HardRule::Rooms)
        } else if u.rent > self.max_rent {
            Some(HardRule::Rent)
        } else if self.needs_accessible && !u.accessible {
            Some(HardRule::Accessibility)
        } else if listed_area {
            Some(HardRule::ListedArea)
        } else if self.permanent_only && u.temporary {
            Some(HardRule::PermanentOnly)
        } else {
            None
        }
    }
}

/// Great-circle distance in km by the haversine formula: the haversine of the
/// central angle θ taken as a quarter of the squared chord between the two
/// points as unit vectors (hav θ = (1 − cos θ) / 2 = |a − b|² / 4), then
/// `2 R asin √hav θ`. Equal to the textbook form with sines of the half
/// differences up to rounding, and cheaper per pair.
///
/// Written out step by step so that other tools (the benchmark's peers) can
/// reproduce it bit for bit.
pub fn haversine_km(a: Point, b: Point, earth_radius_km: f64) -> f64 {
    haversine_prepared(&Prepared::new(a), &Prepared::new(b), earth_radius_km)
}

/// A point as a unit vector, computed once: a round prices millions of
/// pairs from a few thousand points, and the distance of two prepared points
/// then needs one square root and one arcsine, no sines.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Prepared {
    x: f64,
    y: f64,
    z: f64,
}

impl Prepared {
    pub(crate) fn new(p: Point) -> Self {
        let (phi, lambda) = (p.lat.to_radians(), p.lon.to_radians());
        Prepared { x: phi.cos() * lambda.cos(), y: phi.cos() * lambda.sin(), z: phi.sin() }
    }
}

/// The haversine of the central angle is a quarter of the squared chord
/// between the unit vectors: hav θ = (1 − cos θ) / 2 = |a − b|² / 4.
fn haversine_prepared(a: &Prepared, b: &Prepared, earth_radius_km: f64) -> f64 {
    let (dx, dy, dz) = (a.x - b.x, a.y - b.y, a.z - b.z);
    let h = (dx * dx + dy * dy + dz * dz) / 4.0;
    2.0 * earth_radius_km * h.sqrt().min(1.0).asin()
}

/// A cost split by criterion. All amounts are in the objective's unit (points).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct CostBreakdown {
    /// round(distance_per_km × km to all anchors).
    pub distance: i64,
    /// temporary_penalty if the unit is temporary, else 0.
    pub temporary: i64,
    /// The spread increment (see [`crate::Proposal`] for how it is assigned).
    pub spread: i64,
    /// unplaced_penalty if the household is not placed, else 0.
    pub unplaced: i64,
    /// The employment term `round(W × (1 − p))` of the unit's area, 0 without
    /// an employment model ([`crate::employment`]).
    pub employment: i64,
}

impl CostBreakdown {
    /// Sum of the criteria.
    pub fn total(&self) -> i64 {
        self.distance + self.temporary + self.spread + self.unplaced + self.employment
    }
}

/// The unit-dependent part of a household's cost: km to its anchors summed,
/// and the breakdown without spread.
pub fn arc_cost(settings: &Settings, h: &Household, u: &Unit) -> (f64, CostBreakdown) {
    let anchors: Vec<Prepared> = h.anchors.iter().map(|&p| Prepared::new(p)).collect();
    arc_cost_prepared(settings, &anchors, &Prepared::new(u.location), u.tenure)
}

/// [`arc_cost`] with the household's anchors and the unit's location prepared.
pub(crate) fn arc_cost_prepared(settings: &Settings, anchors: &[Prepared], unit: &Prepared, tenure: Tenure) -> (f64, CostBreakdown) {
    // Summed in anchor order from +0.0 (`Iterator::sum` would start at −0.0).
    let km = anchors.iter().fold(0.0, |sum, p| sum + haversine_prepared(unit, p, settings.earth_radius_km));
    let distance = (settings.distance_per_km as f64 * km).round() as i64;
    let temporary = match tenure {
        Tenure::Temporary => settings.temporary_penalty,
        Tenure::Permanent => 0,
    };
    (km, CostBreakdown { distance, temporary, spread: 0, unplaced: 0, employment: 0 })
}

/// Spread increment of the k-th household (1-based, counting existing households) in an area.
pub fn spread_increment(settings: &Settings, k: u64) -> i64 {
    settings.spread_per_household * k as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AreaId, HouseholdId, UnitId};

    #[test]
    fn haversine_matches_known_distances() {
        let r = Settings::default().earth_radius_km;
        let copenhagen = Point { lat: 55.6761, lon: 12.5683 };
        let aarhus = Point { lat: 56.1629, lon: 10.2039 };
        let d = haversine_km(copenhagen, aarhus, r);
        assert!((d - 156.6).abs() < 1.0, "{d}");
        assert_eq!(haversine_km(copenhagen, copenhagen, r), 0.0);
        // A quarter of the equator.
        let q = haversine_km(Point { lat: 0.0, lon: 0.0 }, Point { lat: 0.0, lon: 90.0 }, r);
        assert!((q - r * std::f64::consts::FRAC_PI_2).abs() < 1e-9);
    }

    fn household(adults: u32, children: u32) -> Household {
        Household {
            id: HouseholdId::from("h"),
            adults,
            children,
            needs_accessible: true,
            max_rent: 5000,
            anchors: vec![Point { lat: 55.0, lon: 10.0 }, Point { lat: 55.0, lon: 10.1 }],
            permanent_only: false,
        }
    }

    fn unit(rooms: u32, rent: u64, accessible: bool, tenure: Tenure) -> Unit {
        Unit { id: UnitId::from("u"), area: AreaId::from("a"), rooms, rent, accessible, tenure, location: Point { lat: 55.0, lon: 10.05 } }
    }

    #[test]
    fn rules_are_checked_in_order() {
        let s = Settings::default();
        let open = Area { id: AreaId::from("a"), name: "A".into(), listed: false, existing_households: 0 };
        let listed = Area { listed: true, ..open.clone() };
        let h = household(2, 2); // 4 persons: 2..=5 rooms
        assert_eq!(first_broken_rule(&s, &h, &unit(1, 9000, false, Tenure::Permanent), &listed), Some(HardRule::Rooms));
        assert_eq!(first_broken_rule(&s, &h, &unit(6, 100, true, Tenure::Permanent), &open), Some(HardRule::Rooms));
        assert_eq!(first_broken_rule(&s, &h, &unit(2, 5001, false, Tenure::Permanent), &listed), Some(HardRule::Rent));
        assert_eq!(first_broken_rule(&s, &h, &unit(5, 5000, false, Tenure::Permanent), &listed), Some(HardRule::Accessibility));
        assert_eq!(first_broken_rule(&s, &h, &unit(3, 10, true, Tenure::Permanent), &listed), Some(HardRule::ListedArea));
        assert_eq!(first_broken_rule(&s, &h, &unit(3, 10, true, Tenure::Temporary), &open), None);
        let released = Household { permanent_only: true, ..h.clone() };
        assert_eq!(first_broken_rule(&s, &released, &unit(3, 10, true, Tenure::Temporary), &open), Some(HardRule::PermanentOnly));
        assert_eq!(first_broken_rule(&s, &released, &unit(3, 10, true, Tenure::Permanent), &open), None);
    }

    #[test]
    fn arc_cost_sums_anchors_then_rounds_and_adds_tenure() {
        let s = Settings::default();
        let h = household(1, 0);
        let (km, c) = arc_cost(&s, &h, &unit(1, 1, true, Tenure::Temporary));
        let one = haversine_km(Point { lat: 55.0, lon: 10.05 }, Point { lat: 55.0, lon: 10.0 }, s.earth_radius_km);
        assert!((km - 2.0 * one).abs() < 1e-9);
        assert_eq!(c.distance, (10.0 * km).round() as i64);
        assert_eq!(c.temporary, 500);
        let (_, p) = arc_cost(&s, &h, &unit(1, 1, true, Tenure::Permanent));
        assert_eq!(p.temporary, 0);
        assert_eq!(spread_increment(&s, 3), 300);
    }
}
