//! Danish calendar arithmetic for legal deadlines: public holidays
//! (helligdage), working days, "N months after", and due dates moved to the
//! next working day.
//!
//! The crate does no I/O and has no dependencies (the optional `serde` feature reads
//! and writes a [`Date`] as its ISO text). Dates are the crate's own
//! [`Date`] (1700-01-01 to 2200-12-31); a municipality's closed days are
//! passed in as a [`Calendar`] value.
//!
//! # Example: public holidays
//!
//! ```
//! let names: Vec<&str> = calendar::holidays(2023)?
//!     .iter()
//!     .map(|h| h.kind.danish_name())
//!     .collect();
//! assert!(names.contains(&"Store bededag"));
//! assert_eq!(calendar::easter_sunday(2025)?.to_string(), "2025-04-20");
//! # Ok::<(), calendar::DateError>(())
//! ```
//!
//! # Example: a deadline
//!
//! ```
//! use calendar::{Calendar, Date, Offset};
//! let cal = Calendar::new();
//! let takeover: Date = "2026-01-31".parse()?;
//! // 28 February 2026 is a Saturday: the deadline moves to Monday 2 March.
//! assert_eq!(cal.due_date(takeover, Offset::Months(1))?.to_string(), "2026-03-02");
//! assert_eq!(cal.working_days_between(takeover, "2026-02-06".parse()?), 5);
//! # Ok::<(), calendar::DateError>(())
//! ```

mod date;
mod error;
mod holidays;
mod working;

pub use date::{DANISH_MONTHS, Danish, Date, MAX_YEAR, MIN_YEAR, Weekday, days_in_month, is_leap_year};
pub use error::DateError;
pub use holidays::{Holiday, HolidayKind, LAST_STORE_BEDEDAG_YEAR, easter_sunday, holiday_on, holidays};
pub use working::{Calendar, NonWorkingReason, Offset};

/// The README's example, compiled and run as a doctest so it cannot go stale.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
