//! Refugee quotas: the national figure (landstal) distributed to regional and
//! municipal quotas by the statutory key, rounded by largest remainder so that the
//! parts always sum exactly to the whole.
//!
//! Pure: the caller reads the population file and passes its text; nothing here
//! touches the file system. The municipality → region table is embedded.
//!
//! ```
//! let rows = quota::parse_population("p.csv", "kommunekode,population,resident_refugees\n\
//!     0101,1000,30\n0147,1000,10\n").unwrap();
//! let d = quota::distribute(100, &rows, &quota::QuotaKey::default()).unwrap();
//! assert_eq!(d.municipalities.iter().map(|m| m.quota).sum::<u64>(), 100);
//! ```

mod apportion;
mod distribution;
mod municipalities;
mod population;

pub use apportion::largest_remainder;
pub use distribution::{Distribution, MAX_ADJUSTMENT_PERMILLE, MAX_NATIONAL, MunicipalityQuota, QuotaError, QuotaKey, RegionQuota, distribute};
pub use municipalities::{Municipality, Region, municipalities, municipality, region, regions};
pub use population::{InputError, MAX_POPULATION, PopulationRow, Reason, parse_population};
