//! The capacity forecast (decision 130): from the municipality's quota, the mix of its
//! own past arrivals and the expected family reunifications, how many persons and
//! households arrive each month of the coming year, and what they need — housing units
//! by size, Danish-education seats by track, daycare places by age group, school places
//! by grade band and reception-class places — against the capacity the municipality has
//! entered. Each month has an expected value (closed form, [`expect`]) and a 10–90 %
//! band from a seeded Monte-Carlo simulation of sampled years ([`simulate`]).
//!
//! Pure: no I/O, no clock, no dependencies. The application gathers the aggregates
//! ([`History`]) and the quota; everything else happens here.
mod estimate;
mod model;
mod rng;
mod simulate;

pub use estimate::{FALLBACK, History, MixEstimate, Part, Source, estimate, monthly_refugees, tilt_household_size, with_children_share};
pub use model::{AGE_BANDS, AgeBand, Capacity, Input, Mix, Outlook, Point, SERIES, Series, SeriesKind, Status, expect, outlook};
pub use simulate::{Band, simulate};
