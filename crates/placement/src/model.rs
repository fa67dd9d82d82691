//! The domain of one placement round: households looking for a home, the units
//! offered, and the areas the units lie in. Values are checked once, when an
//! [`Instance`] is built, so the rest of the crate can trust them.
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The identifier as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_owned())
            }
        }
    };
}

id_type!(
    /// Identifies a [`Household`] within one round (e.g. a case number).
    HouseholdId
);
id_type!(
    /// Identifies a [`Unit`] within one round.
    UnitId
);
id_type!(
    /// Identifies an [`Area`].
    AreaId
);

/// Largest number of anchors one household may have.
pub const MAX_ANCHORS: usize = 20;
/// Largest count accepted for persons, rooms and existing households.
pub const MAX_COUNT: u32 = 1_000_000;
/// Largest monthly rent or rent limit accepted, in kroner.
pub const MAX_RENT: u64 = 10_000_000;

/// A point on the earth, in decimal degrees (WGS 84).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Point {
    /// Latitude, −90 to 90.
    pub lat: f64,
    /// Longitude, −180 to 180.
    pub lon: f64,
}

impl Point {
    /// Whether both coordinates are finite and in range.
    pub fn is_valid(&self) -> bool {
        self.lat.is_finite() && self.lon.is_finite() && self.lat.abs() <= 90.0 && self.lon.abs() <= 180.0
    }
}

/// Whether a unit is a permanent home or temporary accommodation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tenure {
    /// A permanent home (the goal: permanent housing as fast as possible).
    Permanent,
    /// Temporary accommodation.
    Temporary,
}

/// A household to be placed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Household {
    /// Identifier, unique in the round.
    pub id: HouseholdId,
    /// Adults.
    pub adults: u32,
    /// Children.
    pub children: u32,
    /// Needs an accessible unit.
    pub needs_accessible: bool,
    /// Highest monthly rent the household can pay after benefits, in kroner.
    pub max_rent: u64,
    /// Places the household must reach: school, job, Danish education, network.
    pub anchors: Vec<Point>,
    /// Lives in temporary housing and is in this round for a permanent home:
    /// only permanent units (a hard rule; `false` leaves the model as it was).
    pub permanent_only: bool,
}

impl Household {
    /// Adults plus children.
    pub fn persons(&self) -> u32 {
        self.adults + self.children
    }
}

/// A unit (home) offered in this round.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unit {
    /// Identifier, unique in the round.
    pub id: UnitId,
    /// The area the unit lies in.
    pub area: AreaId,
    /// Rooms.
    pub rooms: u32,
    /// Monthly rent in kroner.
    pub rent: u64,
    /// Accessible (e.g. step-free).
    pub accessible: bool,
    /// Permanent or temporary.
    pub tenure: Tenure,
    /// Where the unit is.
    pub location: Point,
}

/// An area of the municipality (e.g. a district or housing estate).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Area {
    /// Identifier, unique.
    pub id: AreaId,
    /// Name shown to people.
    pub name: String,
    /// On the government's list (udsat boligområde): no placement there.
    pub listed: bool,
    /// Refugee households already living there, counted first when spreading.
    pub existing_households: u32,
}

/// Why a set of households, units and areas is not a valid round.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub enum InstanceError {
    /// Two households have the same id.
    DuplicateHousehold(HouseholdId),
    /// Two units have the same id.
    DuplicateUnit(UnitId),
    /// Two areas have the same id.
    DuplicateArea(AreaId),
    /// A unit names an area that is not in the list of areas.
    UnknownArea {
        /// The unit.
        unit: UnitId,
        /// The area it names.
        area: AreaId,
    },
    /// A household has no persons.
    NoPersons(HouseholdId),
    /// A household has more than [`MAX_ANCHORS`] anchors.
    TooManyAnchors(HouseholdId),
    /// A coordinate is not a valid latitude/longitude.
    BadCoordinate {
        /// The household or unit it belongs to.
        owner: String,
    },
    /// A count or an amount is above its limit ([`MAX_COUNT`], [`MAX_RENT`]).
    TooLarge {
        /// The household, unit or area it belongs to.
        owner: String,
        /// Which field.
        field: &'static str,
    },
}

impl fmt::Display for InstanceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InstanceError::DuplicateHousehold(id) => write!(f, "husstand {id} findes to gange"),
            InstanceError::DuplicateUnit(id) => write!(f, "bolig {id} findes to gange"),
            InstanceError::DuplicateArea(id) => write!(f, "område {id} findes to gange"),
            InstanceError::UnknownArea { unit, area } => {
                write!(f, "bolig {unit} ligger i ukendt område {area}")
            }
            InstanceError::NoPersons(id) => write!(f, "husstand {id} har ingen personer"),
            InstanceError::TooManyAnchors(id) => {
                write!(f, "husstand {id} har flere end {MAX_ANCHORS} steder, den skal kunne nå")
            }
            InstanceError::BadCoordinate { owner } => write!(f, "{owner} har en ugyldig koordinat"),
            InstanceError::TooLarge { owner, field } => write!(f, "{owner}: {field} er for stort"),
        }
    }
}

impl std::error::Error for InstanceError {}

/// One placement round: households, units and areas, checked.
///
/// Invariants: ids are unique per kind, every unit's area exists, every household
/// has at least one person and at most [`MAX_ANCHORS`] anchors, coordinates are
/// valid, and counts and amounts are within [`MAX_COUNT`] and [`MAX_RENT`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Instance {
    households: Vec<Household>,
    units: Vec<Unit>,
    areas: Vec<Area>,
}

impl Instance {
    /// Checks and wraps a round. The order of each list is kept for output; the
    /// proposal itself does not depend on it.
    pub fn new(households: Vec<Household>, units: Vec<Unit>, areas: Vec<Area>) -> Result<Self, InstanceError> {
        let mut area_ids = BTreeMap::new();
        for a in &areas {
            if area_ids.insert(&a.id, ()).is_some() {
                return Err(InstanceError::DuplicateArea(a.id.clone()));
            }
            if a.existing_households > MAX_COUNT {
                return Err(InstanceError::TooLarge { owner: a.id.to_string(), field: "existing_households" });
            }
        }
        let mut unit_ids = BTreeMap::new();
        for u in &units {
            if unit_ids.insert(&u.id, ()).is_some() {
                return Err(InstanceError::DuplicateUnit(u.id.clone()));
            }
            if !area_ids.contains_key(&u.area) {
                return Err(InstanceError::UnknownArea { unit: u.id.clone(), area: u.area.clone() });
            }
            if !u.location.is_valid() {
                return Err(InstanceError::BadCoordinate { owner: u.id.to_string() });
            }
            if u.rooms > MAX_COUNT || u.rent > MAX_RENT {
                return Err(InstanceError::TooLarge { owner: u.id.to_string(), field: "rooms/rent" });
            }
        }
        let mut household_ids = BTreeMap::new();
        for h in &households {
            if household_ids.insert(&h.id, ()).is_some() {
                return Err(InstanceError::DuplicateHousehold(h.id.clone()));
            }
            if h.adults > MAX_COUNT || h.children > MAX_COUNT || h.max_rent > MAX_RENT {
                return Err(InstanceError::TooLarge { owner: h.id.to_string(), field: "adults/children/max_rent" });
            }
            if h.persons() == 0 {
                return Err(InstanceError::NoPersons(h.id.clone()));
            }
            if h.anchors.len() > MAX_ANCHORS {
                return Err(InstanceError::TooManyAnchors(h.id.clone()));
            }
            if !h.anchors.iter().all(Point::is_valid) {
                return Err(InstanceError::BadCoordinate { owner: h.id.to_string() });
            }
        }
        Ok(Instance { households, units, areas })
    }

    /// Households, in the order given.
    pub fn households(&self) -> &[Household] {
        &self.households
    }

    /// Units, in the order given.
    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// Areas, in the order given.
    pub fn areas(&self) -> &[Area] {
        &self.areas
    }
}
