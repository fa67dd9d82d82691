//! Housing placement: which household goes to which offered unit.
//!
//! The optimiser proposes an exact, deterministic placement: hard rules decide
//! which units a household may take (rooms, rent, accessibility, no listed
//! areas), soft criteria give a cost (distance to the household's anchors,
//! temporary before permanent, spreading across areas), and a min-cost flow
//! (crate `flow`) finds the proposal of least total cost. Each household then
//! gets an [`Explanation`]: the chosen unit by criterion, the next-best unit and
//! what it would cost, or why it could not be placed.
//!
//! Pure: no file or network access. [`input`] parses CSV text the caller read.
//!
//! ```
//! use placement::{input::{Source, read_instance}, place, explain, Settings};
//! let instance = read_instance(
//!     Source { name: "households.csv", text: "household_id,adults,children,needs_accessible,max_rent,anchors\n\
//!         H1,2,1,0,8000,56.45:10.01\n" },
//!     Source { name: "units.csv", text: "unit_id,area_id,rooms,rent,accessible,tenure,lat,lon\n\
//!         U1,N,2,6000,1,permanent,56.46,10.03\n" },
//!     Source { name: "areas.csv", text: "area_id,name,listed,existing_households\nN,Nord,0,0\n" },
//! ).unwrap();
//! let settings = Settings::default();
//! let proposal = place(&instance, &settings).unwrap();
//! assert_eq!(proposal.placements[0].unit.as_ref().map(|u| u.as_str()), Some("U1"));
//! let why = explain(&instance, &settings, &proposal);
//! assert!(why[0].next_best.is_none());
//! ```

mod cost;
pub mod employment;
mod explain;
pub mod input;
mod model;
mod settings;
mod solve;
pub mod year;

pub use cost::{CostBreakdown, HardRule, arc_cost, first_broken_rule, haversine_km};
pub use explain::{Alternative, Explanation, Outcome, UnplacedReason, explain, explain_with};
pub use model::{Area, AreaId, Household, HouseholdId, Instance, InstanceError, MAX_ANCHORS, MAX_COUNT, MAX_RENT, Point, Tenure, Unit, UnitId};
pub use settings::{MAX_WEIGHT, Settings, SettingsError, SettingsReason};
pub use solve::{AreaCosts, HouseholdPlacement, NetworkSize, PlaceError, Proposal, SolveOptions, place, place_employment, place_with};
