//! A calendar month (`2026-11`): the period every indicator value belongs to.

use calendar::Date;
use std::fmt;
use std::str::FromStr;

/// A calendar month between 1700-01 and 2200-12. Ordering is chronological.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: i32,
    month: u32,
}

/// A month that could not be made or parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthError {
    /// What was given.
    pub input: String,
}

impl fmt::Display for MonthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not a month; write it as YYYY-MM between 1700-01 and 2200-12", self.input)
    }
}

impl std::error::Error for MonthError {}

impl Month {
    /// The month `month` (1–12) of `year`.
    pub fn new(year: i32, month: u32) -> Result<Month, MonthError> {
        match Date::new(year, month, 1) {
            Ok(_) => Ok(Month { year, month }),
            Err(_) => Err(MonthError { input: format!("{year:04}-{month:02}") }),
        }
    }

    /// The month a date falls in.
    pub fn of(date: Date) -> Month {
        Month { year: date.year(), month: date.month() }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// The first day.
    pub fn first_day(self) -> Date {
        Date::new(self.year, self.month, 1).expect("a Month is always in range")
    }

    /// The last day (the reference date of end-of-month indicators).
    pub fn last_day(self) -> Date {
        self.first_day().last_of_month()
    }

    /// The month `n` months later (earlier when negative), if in range.
    pub fn plus_months(self, n: i64) -> Option<Month> {
        self.first_day().add_months(n).ok().map(Month::of)
    }

    /// The number of months from `self` to `later` (negative if earlier).
    pub fn months_until(self, later: Month) -> i64 {
        (i64::from(later.year) - i64::from(self.year)) * 12 + i64::from(later.month) - i64::from(self.month)
    }

    /// Every month from `self` to `last`, both included (empty if `last` is earlier).
    pub fn through(self, last: Month) -> impl Iterator<Item = Month> {
        let n = self.months_until(last);
        (0..=n).filter_map(move |i| self.plus_months(i))
    }

    /// The Danish short name, e.g. "nov. 2026".
    pub fn danish_short(self) -> String {
        const NAMES: [&str; 12] = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."];
        format!("{} {}", NAMES[(self.month - 1) as usize], self.year)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl fmt::Debug for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for Month {
    type Err = MonthError;

    /// Parses exactly `YYYY-MM`.
    fn from_str(s: &str) -> Result<Month, MonthError> {
        let err = || MonthError { input: s.to_owned() };
        let b = s.as_bytes();
        if b.len() != 7 || b[4] != b'-' || !s.bytes().enumerate().all(|(i, c)| i == 4 || c.is_ascii_digit()) {
            return Err(err());
        }
        let year = s[..4].parse().map_err(|_| err())?;
        let month = s[5..].parse().map_err(|_| err())?;
        Month::new(year, month).map_err(|_| err())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_print_and_step() {
        let m: Month = "2026-11".parse().unwrap();
        assert_eq!(m.to_string(), "2026-11");
        assert_eq!(m.plus_months(2).unwrap().to_string(), "2027-01");
        assert_eq!(m.last_day().to_string(), "2026-11-30");
        assert_eq!(m.danish_short(), "nov. 2026");
        assert_eq!(m.through("2027-02".parse().unwrap()).count(), 4);
        assert!("2026-13".parse::<Month>().is_err());
        assert!("2026-1".parse::<Month>().is_err());
        assert!("0202-01".parse::<Month>().is_err());
    }
}
