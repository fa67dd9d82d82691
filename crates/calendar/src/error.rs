//! The one error type of the crate: what was wrong with a date, as data.
//!
//! Each variant carries the offending values so that a caller (the CLI, the web
//! layer) can name the field and the reason without parsing a message.

use std::fmt;

/// Why a date could not be made, parsed or computed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DateError {
    /// The text is not of the form `YYYY-MM-DD` (four digits, dash, two digits, dash, two digits).
    Format {
        /// The text that was given.
        input: String,
    },
    /// The year is outside the supported range 1700–2200.
    Year {
        /// The year that was given or computed.
        year: i64,
    },
    /// The month is not between 1 and 12.
    Month {
        /// The month that was given.
        month: u32,
    },
    /// The month has no such day (for example 30 February).
    Day {
        /// The year of the date.
        year: i32,
        /// The month of the date.
        month: u32,
        /// The day that was given.
        day: u32,
        /// The last day of that month.
        last: u32,
    },
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Format { input } => {
                write!(f, "{input:?} is not a date of the form YYYY-MM-DD (e.g. 2026-03-15)")
            }
            DateError::Year { year } => write!(f, "year {year} is outside the supported range {}–{}", crate::MIN_YEAR, crate::MAX_YEAR),
            DateError::Month { month } => write!(f, "month {month} is not between 1 and 12"),
            DateError::Day { year, month, day, last } => write!(f, "day {day} does not exist in {year:04}-{month:02}, which has {last} days"),
        }
    }
}

impl std::error::Error for DateError {}
