//! A small, always-valid calendar date and the arithmetic deadlines need.
//!
//! The crate keeps its own type rather than depending on a date library: the
//! rules engine needs only whole days, weekdays and month arithmetic with the
//! Danish "last day of the month" convention, and a type that can only hold
//! dates in 1700–2200 means every date has a known set of holidays
//! (see `docs/decisions/020-own-date-type.md`).

use crate::DateError;
use std::fmt;
use std::str::FromStr;

/// The first year a [`Date`] can hold.
pub const MIN_YEAR: i32 = 1700;
/// The last year a [`Date`] can hold.
pub const MAX_YEAR: i32 = 2200;

/// A day of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    /// Mandag.
    Monday,
    /// Tirsdag.
    Tuesday,
    /// Onsdag.
    Wednesday,
    /// Torsdag.
    Thursday,
    /// Fredag.
    Friday,
    /// Lørdag.
    Saturday,
    /// Søndag.
    Sunday,
}

impl Weekday {
    /// True for Saturday and Sunday.
    pub fn is_weekend(self) -> bool {
        matches!(self, Weekday::Saturday | Weekday::Sunday)
    }

    /// The Danish name, lower case as written in running text ("mandag").
    pub fn danish_name(self) -> &'static str {
        match self {
            Weekday::Monday => "mandag",
            Weekday::Tuesday => "tirsdag",
            Weekday::Wednesday => "onsdag",
            Weekday::Thursday => "torsdag",
            Weekday::Friday => "fredag",
            Weekday::Saturday => "lørdag",
            Weekday::Sunday => "søndag",
        }
    }

    fn from_index(i: i64) -> Weekday {
        match i.rem_euclid(7) {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }
}

/// A Gregorian calendar date between 1700-01-01 and 2200-12-31.
///
/// The only ways in are [`Date::new`] and parsing (`"2026-03-15".parse()`), both
/// checked, so a `Date` value is always a real day. Ordering is chronological.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    // Field order matters: the derived `Ord` compares year, then month, then day.
    year: i16,
    month: u8,
    day: u8,
}

/// True when `year` has a 29 February.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days in `month` (1–12) of `year`; 0 for a month outside 1–12.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn check_year(year: i64) -> Result<i32, DateError> {
    if (i64::from(MIN_YEAR)..=i64::from(MAX_YEAR)).contains(&year) { Ok(year as i32) } else { Err(DateError::Year { year }) }
}

impl Date {
    /// The first date the type can hold, 1700-01-01.
    pub const MIN: Date = Date { year: MIN_YEAR as i16, month: 1, day: 1 };
    /// The last date the type can hold, 2200-12-31.
    pub const MAX: Date = Date { year: MAX_YEAR as i16, month: 12, day: 31 };

    /// Makes a date, checking the year range, the month and the day of the month.
    ///
    /// ```
    /// use calendar::{Date, DateError};
    /// assert!(Date::new(2024, 2, 29).is_ok());
    /// assert_eq!(
    ///     Date::new(2025, 2, 29),
    ///     Err(DateError::Day { year: 2025, month: 2, day: 29, last: 28 })
    /// );
    /// ```
    pub fn new(year: i32, month: u32, day: u32) -> Result<Date, DateError> {
        let year = check_year(i64::from(year))?;
        if !(1..=12).contains(&month) {
            return Err(DateError::Month { month });
        }
        let last = days_in_month(year, month);
        if !(1..=last).contains(&day) {
            return Err(DateError::Day { year, month, day, last });
        }
        Ok(Date { year: year as i16, month: month as u8, day: day as u8 })
    }

    /// Parses `YYYY-MM-DD` exactly (no spaces, no time, no other separators).
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let format_error = || DateError::Format { input: text.to_owned() };
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(format_error());
        }
        let number = |range: std::ops::Range<usize>| -> Result<u32, DateError> {
            let part = &text[range];
            if part.bytes().all(|b| b.is_ascii_digit()) { part.parse().map_err(|_| format_error()) } else { Err(format_error()) }
        };
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        Date::new(year as i32, month, day)
    }

    /// The year, 1700–2200.
    pub fn year(self) -> i32 {
        i32::from(self.year)
    }

    /// The month, 1–12.
    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u32 {
        u32::from(self.day)
    }

    /// The day of the week.
    pub fn weekday(self) -> Weekday {
        // 1970-01-01 (day 0) was a Thursday (index 3).
        Weekday::from_index(self.day_number() + 3)
    }

    /// True on Saturdays and Sundays.
    pub fn is_weekend(self) -> bool {
        self.weekday().is_weekend()
    }

    /// The number of days from 1970-01-01 to this date (negative before it).
    pub fn day_number(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `n` days after 1970-01-01 (before it when negative).
    pub fn from_day_number(n: i64) -> Result<Date, DateError> {
        // Howard Hinnant's civil_from_days.
        let z = n + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        let year = check_year(y)?;
        Ok(Date { year: year as i16, month: m as u8, day: d as u8 })
    }

    /// The date `days` days later (earlier when negative).
    pub fn add_days(self, days: i64) -> Result<Date, DateError> {
        Date::from_day_number(self.day_number().saturating_add(days))
    }

    /// The date `months` months later (earlier when negative): the same day
    /// number, or the month's last day where it has none.
    ///
    /// ```
    /// use calendar::Date;
    /// let d: Date = "2024-01-31".parse()?;
    /// assert_eq!(d.add_months(1)?.to_string(), "2024-02-29");
    /// assert_eq!(d.add_months(2)?.to_string(), "2024-03-31");
    /// # Ok::<(), calendar::DateError>(())
    /// ```
    pub fn add_months(self, months: i64) -> Result<Date, DateError> {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1;
        let target = index.saturating_add(months);
        let year = check_year(target.div_euclid(12))?;
        let month = (target.rem_euclid(12) + 1) as u32;
        let day = self.day().min(days_in_month(year, month));
        Date::new(year, month, day)
    }

    /// The number of days from `self` to `later` (negative if `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.day_number() - self.day_number()
    }

    /// The first day of this date's month.
    pub fn first_of_month(self) -> Date {
        Date { day: 1, ..self }
    }

    /// The last day of this date's month.
    pub fn last_of_month(self) -> Date {
        Date { day: days_in_month(self.year(), self.month()) as u8, ..self }
    }

    /// The next day, or an error after 2200-12-31.
    pub fn next_day(self) -> Result<Date, DateError> {
        self.add_days(1)
    }

    /// The date as the product shows it to people: «14.04.2026».
    pub fn danish(self) -> Danish {
        Danish { date: self, long: false }
    }

    /// The date written out, for formal documents such as a council's agenda and
    /// minutes: «14. april 2026».
    pub fn danish_long(self) -> Danish {
        Danish { date: self, long: true }
    }
}

/// The Danish names of the months, January first.
pub const DANISH_MONTHS: [&str; 12] = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];

/// A [`Date`] shown the Danish way ([`Date::danish`], [`Date::danish_long`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Danish {
    date: Date,
    long: bool,
}

impl fmt::Display for Danish {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Date { year, month, day } = self.date;
        if self.long { write!(f, "{day}. {} {year}", DANISH_MONTHS[usize::from(month) - 1]) } else { write!(f, "{day:02}.{month:02}.{year:04}") }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Date({self})")
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        Date::parse(s)
    }
}

/// A stored ISO date read back (`YYYY-MM-DD`), refused as [`Date::parse`] refuses it.
impl TryFrom<String> for Date {
    type Error = DateError;

    fn try_from(s: String) -> Result<Date, DateError> {
        Date::parse(&s)
    }
}

/// Written as its ISO text (`YYYY-MM-DD`), the same text [`Date`]'s `Display` gives.
#[cfg(feature = "serde")]
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Read from its ISO text (`YYYY-MM-DD`), refused as [`Date::parse`] refuses it.
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        struct Iso;
        impl serde::de::Visitor<'_> for Iso {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date as YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Date, E> {
                Date::parse(text).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Iso)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn a_stored_text_reads_back_as_the_date_it_shows() {
        assert_eq!(Date::try_from("2026-06-05".to_string()), Ok(d("2026-06-05")));
        assert_eq!(Date::try_from(d("2026-12-24").to_string()), Ok(d("2026-12-24")));
        assert_eq!(Date::try_from("5.6.2026".to_string()), Err(DateError::Format { input: "5.6.2026".into() }));
    }

    #[test]
    fn shows_the_danish_forms() {
        assert_eq!(d("2026-04-14").danish().to_string(), "14.04.2026");
        assert_eq!(d("2026-01-05").danish().to_string(), "05.01.2026");
        assert_eq!(d("2026-04-14").danish_long().to_string(), "14. april 2026");
        assert_eq!(d("2026-12-05").danish_long().to_string(), "5. december 2026");
        assert_eq!(d("1700-01-01").danish().to_string(), "01.01.1700");
    }

    #[cfg(feature = "serde")]
    #[test]
    fn serde_reads_and_writes_the_iso_text() {
        assert_eq!(serde_json::to_string(&d("2026-06-05")).unwrap(), "\"2026-06-05\"");
        assert_eq!(serde_json::from_str::<Date>("\"2026-06-05\"").unwrap(), d("2026-06-05"));
        assert!(serde_json::from_str::<Date>("\"05.06.2026\"").is_err());
        assert_eq!(serde_json::to_string(&None::<Date>).unwrap(), "null");
    }

    #[test]
    fn parses_and_prints_the_same_text() {
        for s in ["1700-01-01", "2024-02-29", "2026-11-23", "2200-12-31"] {
            assert_eq!(d(s).to_string(), s);
        }
    }

    #[test]
    fn rejects_text_that_is_not_yyyy_mm_dd() {
        for s in ["", "2024-1-01", "2024/01/01", " 2024-01-01", "2024-01-01T00", "20x4-01-01", "+024-01-01"] {
            assert_eq!(Date::parse(s), Err(DateError::Format { input: s.to_owned() }), "{s:?}");
        }
    }

    #[test]
    fn rejects_impossible_days_months_and_years_with_the_reason() {
        assert_eq!(Date::parse("2024-13-01"), Err(DateError::Month { month: 13 }));
        assert_eq!(Date::parse("2024-00-01"), Err(DateError::Month { month: 0 }));
        assert_eq!(Date::parse("2023-02-29"), Err(DateError::Day { year: 2023, month: 2, day: 29, last: 28 }));
        assert_eq!(Date::parse("2024-04-31"), Err(DateError::Day { year: 2024, month: 4, day: 31, last: 30 }));
        assert_eq!(Date::parse("1699-12-31"), Err(DateError::Year { year: 1699 }));
        assert_eq!(Date::parse("2201-01-01"), Err(DateError::Year { year: 2201 }));
        assert!(DateError::Month { month: 13 }.to_string().contains("month 13"));
    }

    #[test]
    fn century_leap_years_follow_the_gregorian_rule() {
        assert!(is_leap_year(2000));
        assert!(!is_leap_year(1900));
        assert!(!is_leap_year(2100));
        assert!(is_leap_year(2024));
        assert!(Date::new(1900, 2, 29).is_err());
    }

    #[test]
    fn knows_the_weekday_of_known_dates() {
        assert_eq!(d("2026-11-23").weekday(), Weekday::Monday);
        assert_eq!(d("1970-01-01").weekday(), Weekday::Thursday);
        assert_eq!(d("2000-01-01").weekday(), Weekday::Saturday);
        assert_eq!(d("1700-01-01").weekday(), Weekday::Friday);
    }

    #[test]
    fn month_arithmetic_clamps_to_the_last_day() {
        assert_eq!(d("2025-01-31").add_months(1).unwrap(), d("2025-02-28"));
        assert_eq!(d("2024-01-31").add_months(1).unwrap(), d("2024-02-29"));
        assert_eq!(d("2025-03-31").add_months(-1).unwrap(), d("2025-02-28"));
        assert_eq!(d("2025-03-15").add_months(1).unwrap(), d("2025-04-15"));
        assert_eq!(d("2025-12-15").add_months(1).unwrap(), d("2026-01-15"));
        assert_eq!(d("2024-02-29").add_months(12).unwrap(), d("2025-02-28"));
        assert_eq!(d("2200-12-01").add_months(1), Err(DateError::Year { year: 2201 }));
    }

    #[test]
    fn day_arithmetic_crosses_years_and_stops_at_the_range() {
        assert_eq!(d("2024-12-31").add_days(1).unwrap(), d("2025-01-01"));
        assert_eq!(d("2024-03-01").add_days(-1).unwrap(), d("2024-02-29"));
        assert_eq!(d("2024-01-01").days_until(d("2025-01-01")), 366);
        assert_eq!(Date::MAX.next_day(), Err(DateError::Year { year: 2201 }));
        assert_eq!(Date::MIN.add_days(-1), Err(DateError::Year { year: 1699 }));
    }
}
