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
pub fn first_broken_rule(
    settings: &Settings,
    h: &Household,
    u: &Unit,
    area: &Area,
) -> Option<HardRule> {
    let (min, max) = settings.room_bounds(h.persons());
    if u.rooms < min || u.rooms > max {
        Some(HardRule::Rooms)
    } else if u.rent > h.max_rent {
        Some(HardRule::Rent)
    } else if h.needs_accessible && !u.accessible {
        Some(HardRule::Accessibility)
    } else if area.listed {
        Some(HardRule::ListedArea)
    } else if h.permanent_only && u.tenure == Tenure::Temporary {
        Some(HardRule::PermanentOnly)
    } else {
        None
    }
}

/// Great-circle distance in km by the haversine formula.
///
/// Written out step by step so that other tools (the benchmark's MIP model) can
/// reproduce it bit for bit.
pub fn haversine_km(a: Point, b: Point, earth_radius_km: f64) -> f64 {
    haversine_prepared(&Prepared::new(a), &Prepared::new(b), earth_radius_km)
}

/// A point with the factor of the haversine formula that depends on it alone,
/// computed once: a round prices millions of pairs from a few thousand points.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Prepared {
    lat: f64,
    lon: f64,
    /// cos(latitude in radians).
    cos_phi: f64,
}

impl Prepared {
    pub(crate) fn new(p: Point) -> Self {
        Prepared {
            lat: p.lat,
            lon: p.lon,
            cos_phi: p.lat.to_radians().cos(),
        }
    }
}

/// [`haversine_km`] on prepared points: the same operations in the same
/// order, so the same bits.
fn haversine_prepared(a: &Prepared, b: &Prepared, earth_radius_km: f64) -> f64 {
    let d_phi = (b.lat - a.lat).to_radians();
    let d_lambda = (b.lon - a.lon).to_radians();
    let s1 = (d_phi / 2.0).sin();
    let s2 = (d_lambda / 2.0).sin();
    let h = s1 * s1 + a.cos_phi * b.cos_phi * s2 * s2;
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
}

impl CostBreakdown {
    /// Sum of the criteria.
    pub fn total(&self) -> i64 {
        self.distance + self.temporary + self.spread + self.unplaced
    }
}

/// The unit-dependent part of a household's cost: km to its anchors summed,
/// and the breakdown without spread.
pub fn arc_cost(settings: &Settings, h: &Household, u: &Unit) -> (f64, CostBreakdown) {
    let anchors: Vec<Prepared> = h.anchors.iter().map(|&p| Prepared::new(p)).collect();
    arc_cost_prepared(settings, &anchors, &Prepared::new(u.location), u.tenure)
}

/// [`arc_cost`] with the household's anchors and the unit's location prepared.
pub(crate) fn arc_cost_prepared(
    settings: &Settings,
    anchors: &[Prepared],
    unit: &Prepared,
    tenure: Tenure,
) -> (f64, CostBreakdown) {
    // Summed in anchor order from +0.0 (`Iterator::sum` would start at −0.0).
    let km = anchors.iter().fold(0.0, |sum, p| {
        sum + haversine_prepared(unit, p, settings.earth_radius_km)
    });
    let distance = (settings.distance_per_km as f64 * km).round() as i64;
    let temporary = match tenure {
        Tenure::Temporary => settings.temporary_penalty,
        Tenure::Permanent => 0,
    };
    (
        km,
        CostBreakdown {
            distance,
            temporary,
            spread: 0,
            unplaced: 0,
        },
    )
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
        let copenhagen = Point {
            lat: 55.6761,
            lon: 12.5683,
        };
        let aarhus = Point {
            lat: 56.1629,
            lon: 10.2039,
        };
        let d = haversine_km(copenhagen, aarhus, r);
        assert!((d - 156.6).abs() < 1.0, "{d}");
        assert_eq!(haversine_km(copenhagen, copenhagen, r), 0.0);
        // A quarter of the equator.
        let q = haversine_km(
            Point { lat: 0.0, lon: 0.0 },
            Point {
                lat: 0.0,
                lon: 90.0,
            },
            r,
        );
        assert!((q - r * std::f64::consts::FRAC_PI_2).abs() < 1e-9);
    }

    fn household(adults: u32, children: u32) -> Household {
        Household {
            id: HouseholdId::from("h"),
            adults,
            children,
            needs_accessible: true,
            max_rent: 5000,
            anchors: vec![
                Point {
                    lat: 55.0,
                    lon: 10.0,
                },
                Point {
                    lat: 55.0,
                    lon: 10.1,
                },
            ],
            permanent_only: false,
        }
    }

    fn unit(rooms: u32, rent: u64, accessible: bool, tenure: Tenure) -> Unit {
        Unit {
            id: UnitId::from("u"),
            area: AreaId::from("a"),
            rooms,
            rent,
            accessible,
            tenure,
            location: Point {
                lat: 55.0,
                lon: 10.05,
            },
        }
    }

    #[test]
    fn rules_are_checked_in_order() {
        let s = Settings::default();
        let open = Area {
            id: AreaId::from("a"),
            name: "A".into(),
            listed: false,
            existing_households: 0,
        };
        let listed = Area {
            listed: true,
            ..open.clone()
        };
        let h = household(2, 2); // 4 persons: 2..=5 rooms
        assert_eq!(
            first_broken_rule(&s, &h, &unit(1, 9000, false, Tenure::Permanent), &listed),
            Some(HardRule::Rooms)
        );
        assert_eq!(
            first_broken_rule(&s, &h, &unit(6, 100, true, Tenure::Permanent), &open),
            Some(HardRule::Rooms)
        );
        assert_eq!(
            first_broken_rule(&s, &h, &unit(2, 5001, false, Tenure::Permanent), &listed),
            Some(HardRule::Rent)
        );
        assert_eq!(
            first_broken_rule(&s, &h, &unit(5, 5000, false, Tenure::Permanent), &listed),
            Some(HardRule::Accessibility)
        );
        assert_eq!(
            first_broken_rule(&s, &h, &unit(3, 10, true, Tenure::Permanent), &listed),
            Some(HardRule::ListedArea)
        );
        assert_eq!(
            first_broken_rule(&s, &h, &unit(3, 10, true, Tenure::Temporary), &open),
            None
        );
        let released = Household {
            permanent_only: true,
            ..h.clone()
        };
        assert_eq!(
            first_broken_rule(&s, &released, &unit(3, 10, true, Tenure::Temporary), &open),
            Some(HardRule::PermanentOnly)
        );
        assert_eq!(
            first_broken_rule(&s, &released, &unit(3, 10, true, Tenure::Permanent), &open),
            None
        );
    }

    #[test]
    fn arc_cost_sums_anchors_then_rounds_and_adds_tenure() {
        let s = Settings::default();
        let h = household(1, 0);
        let (km, c) = arc_cost(&s, &h, &unit(1, 1, true, Tenure::Temporary));
        let one = haversine_km(
            Point {
                lat: 55.0,
                lon: 10.05,
            },
            Point {
                lat: 55.0,
                lon: 10.0,
            },
            s.earth_radius_km,
        );
        assert!((km - 2.0 * one).abs() < 1e-9);
        assert_eq!(c.distance, (10.0 * km).round() as i64);
        assert_eq!(c.temporary, 500);
        let (_, p) = arc_cost(&s, &h, &unit(1, 1, true, Tenure::Permanent));
        assert_eq!(p.temporary, 0);
        assert_eq!(spread_increment(&s, 3), 300);
    }
}
