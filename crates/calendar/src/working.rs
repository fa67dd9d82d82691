//! Working days of a municipality and the deadline arithmetic built on them.
//!
//! A working day is Monday–Friday, not a helligdag and not a day the
//! municipality has closed. The closed days are data held by a [`Calendar`]
//! value; this module never reads them from anywhere.

use crate::{Date, DateError, HolidayKind, Weekday, holiday_on, holidays};
use std::collections::BTreeSet;
use std::fmt;

/// Why a day is not a working day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NonWorkingReason {
    /// Saturday or Sunday.
    Weekend(Weekday),
    /// A public holiday.
    Holiday(HolidayKind),
    /// A day the municipality has closed (e.g. Grundlovsdag, 24 December).
    Closed,
}

/// How far a deadline lies after the day it counts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Offset {
    /// Whole months: the same day number, or the month's last day where it has none.
    Months(u32),
    /// Calendar days.
    Days(u32),
    /// Working days of the [`Calendar`].
    WorkingDays(u32),
    /// Clock hours: a time limit that runs through nights, weekends and holidays
    /// (an assessment within 24 hours). As a date it ends on the day the hours run out
    /// when counted from the start day's last moment, and it is never moved to a working day.
    Hours(u32),
}

impl fmt::Display for Offset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Offset::Months(1) => write!(f, "1 måned"),
            Offset::Months(n) => write!(f, "{n} måneder"),
            Offset::Days(1) => write!(f, "1 dag"),
            Offset::Days(n) => write!(f, "{n} dage"),
            Offset::WorkingDays(1) => write!(f, "1 arbejdsdag"),
            Offset::WorkingDays(n) => write!(f, "{n} arbejdsdage"),
            Offset::Hours(1) => write!(f, "1 time"),
            Offset::Hours(n) => write!(f, "{n} timer"),
        }
    }
}

/// A municipality's calendar: Danish public holidays plus its own closed days.
///
/// ```
/// use calendar::{Calendar, Date, Offset};
/// let mut cal = Calendar::new();
/// cal.close("2026-06-05".parse()?); // Grundlovsdag, closed in this municipality
/// let start: Date = "2026-05-05".parse()?;
/// // 5 June 2026 is a Friday, closed; the due date moves to Monday 8 June.
/// assert_eq!(cal.due_date(start, Offset::Months(1))?.to_string(), "2026-06-08");
/// # Ok::<(), calendar::DateError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Calendar {
    closed: BTreeSet<Date>,
}

impl Calendar {
    /// A calendar with the public holidays only.
    pub fn new() -> Calendar {
        Calendar::default()
    }

    /// A calendar with the public holidays and the given closed days.
    pub fn with_closed_days(days: impl IntoIterator<Item = Date>) -> Calendar {
        Calendar { closed: days.into_iter().collect() }
    }

    /// Marks `date` as closed.
    pub fn close(&mut self, date: Date) {
        self.closed.insert(date);
    }

    /// The municipality's own closed days, in date order.
    pub fn closed_days(&self) -> impl Iterator<Item = Date> + '_ {
        self.closed.iter().copied()
    }

    /// Why `date` is not a working day, or `None` when it is one.
    pub fn non_working_reason(&self, date: Date) -> Option<NonWorkingReason> {
        let weekday = date.weekday();
        if weekday.is_weekend() {
            Some(NonWorkingReason::Weekend(weekday))
        } else if let Some(kind) = holiday_on(date) {
            Some(NonWorkingReason::Holiday(kind))
        } else if self.closed.contains(&date) {
            Some(NonWorkingReason::Closed)
        } else {
            None
        }
    }

    /// True on Monday–Friday that is neither a holiday nor closed.
    pub fn is_working_day(&self, date: Date) -> bool {
        self.non_working_reason(date).is_none()
    }

    /// The first working day strictly after `date`.
    pub fn next_working_day(&self, date: Date) -> Result<Date, DateError> {
        self.working_day_on_or_after(date.next_day()?)
    }

    /// `date` itself when it is a working day, otherwise the next working day.
    pub fn working_day_on_or_after(&self, date: Date) -> Result<Date, DateError> {
        let mut day = date;
        while !self.is_working_day(day) {
            day = day.next_day()?;
        }
        Ok(day)
    }

    /// The `n`-th working day after `date` (`date` itself when `n` is 0).
    pub fn add_working_days(&self, date: Date, n: u32) -> Result<Date, DateError> {
        let mut day = date;
        for _ in 0..n {
            day = self.next_working_day(day)?;
        }
        Ok(day)
    }

    /// The number of working days `d` with `from < d <= to` (0 when `to <= from`).
    pub fn working_days_between(&self, from: Date, to: Date) -> u32 {
        if to <= from {
            return 0;
        }
        let (start, end) = (from.day_number() + 1, to.day_number());
        // Weekdays in [start, end], by whole weeks and then the rest.
        let span = end - start + 1;
        let mut count = span / 7 * 5;
        let first_weekday = from.weekday() as i64 + 1; // weekday index of `start`
        for i in 0..span % 7 {
            if (first_weekday + i).rem_euclid(7) < 5 {
                count += 1;
            }
        }
        // Minus the holidays on weekdays in the range.
        for year in from.year()..=to.year() {
            for holiday in holidays(year).into_iter().flatten() {
                if from < holiday.date && holiday.date <= to && !holiday.date.is_weekend() {
                    count -= 1;
                }
            }
        }
        // Minus the closed days that would otherwise have been working days.
        for day in self.closed.range(from..=to) {
            if *day > from && !day.is_weekend() && holiday_on(*day).is_none() {
                count -= 1;
            }
        }
        count as u32
    }

    /// The due date `offset` after `start`, moved to the next working day when
    /// it falls on a weekend, a holiday or a closed day. Clock hours are not moved:
    /// 24 hours from any moment of a Friday end on the Saturday.
    pub fn due_date(&self, start: Date, offset: Offset) -> Result<Date, DateError> {
        let raw = match offset {
            Offset::Months(n) => start.add_months(i64::from(n))?,
            Offset::Days(n) => start.add_days(i64::from(n))?,
            Offset::WorkingDays(n) => self.add_working_days(start, n)?,
            Offset::Hours(n) => return start.add_days(i64::from(n.div_ceil(24))),
        };
        self.working_day_on_or_after(raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn weekends_holidays_and_closed_days_are_not_working_days() {
        let cal = Calendar::with_closed_days([d("2026-12-24")]);
        assert_eq!(cal.non_working_reason(d("2026-11-22")), Some(NonWorkingReason::Weekend(Weekday::Sunday)));
        assert_eq!(cal.non_working_reason(d("2026-04-06")), Some(NonWorkingReason::Holiday(HolidayKind::AndenPaaskedag)));
        assert_eq!(cal.non_working_reason(d("2026-12-24")), Some(NonWorkingReason::Closed));
        assert!(cal.is_working_day(d("2026-11-23")));
        assert!(Calendar::new().is_working_day(d("2026-12-24")));
    }

    #[test]
    fn next_working_day_skips_the_easter_weekend() {
        let cal = Calendar::new();
        // Wednesday before Easter 2026 → Tuesday after 2. påskedag.
        assert_eq!(cal.next_working_day(d("2026-04-01")).unwrap(), d("2026-04-07"));
        assert_eq!(cal.working_day_on_or_after(d("2026-04-01")).unwrap(), d("2026-04-01"));
        assert_eq!(cal.next_working_day(d("2026-11-20")).unwrap(), d("2026-11-23"));
    }

    #[test]
    fn working_days_are_counted_after_from_and_up_to_to() {
        let cal = Calendar::new();
        // Mon 23 Nov → Mon 30 Nov 2026: Tue–Fri + Mon = 5.
        assert_eq!(cal.working_days_between(d("2026-11-23"), d("2026-11-30")), 5);
        assert_eq!(cal.working_days_between(d("2026-11-23"), d("2026-11-23")), 0);
        assert_eq!(cal.working_days_between(d("2026-11-30"), d("2026-11-23")), 0);
        // Week of Easter 2026 (Mon 30 Mar – Tue 7 Apr): Tue, Wed, Tue = 3.
        assert_eq!(cal.working_days_between(d("2026-03-30"), d("2026-04-07")), 3);
        // Whole year 2026: 261 weekdays; 7 holidays fall on weekdays (Påskedag and
        // Pinsedag are Sundays, 2. juledag a Saturday).
        assert_eq!(cal.working_days_between(d("2025-12-31"), d("2026-12-31")), 254);
        let closed = Calendar::with_closed_days([d("2026-11-24"), d("2026-11-28"), d("2026-11-23")]);
        assert_eq!(closed.working_days_between(d("2026-11-23"), d("2026-11-30")), 4);
    }

    #[test]
    fn due_dates_move_off_weekends_and_holidays() {
        let cal = Calendar::new();
        // 1 month after 31 January 2026 is Saturday 28 February → Monday 2 March.
        assert_eq!(cal.due_date(d("2026-01-31"), Offset::Months(1)).unwrap(), d("2026-03-02"));
        // 1 month after 2 March 2026 is Thursday 2 April, Skærtorsdag → Tuesday 7 April.
        assert_eq!(cal.due_date(d("2026-03-02"), Offset::Months(1)).unwrap(), d("2026-04-07"));
        assert_eq!(cal.due_date(d("2026-11-20"), Offset::Days(3)).unwrap(), d("2026-11-23"));
        // 24 clock hours from a Friday end on the Saturday, not moved.
        assert_eq!(cal.due_date(d("2026-11-20"), Offset::Hours(24)).unwrap(), d("2026-11-21"));
        assert_eq!(cal.due_date(d("2026-12-24"), Offset::Hours(25)).unwrap(), d("2026-12-26"));
        assert_eq!(cal.due_date(d("2026-11-20"), Offset::WorkingDays(1)).unwrap(), d("2026-11-23"));
        assert_eq!(cal.due_date(d("2026-11-20"), Offset::WorkingDays(6)).unwrap(), d("2026-11-30"));
        assert_eq!(cal.due_date(d("2026-11-21"), Offset::WorkingDays(0)).unwrap(), d("2026-11-23"));
    }

    #[test]
    fn arithmetic_past_2200_is_an_error() {
        let cal = Calendar::new();
        assert_eq!(cal.due_date(d("2200-12-15"), Offset::Months(1)), Err(DateError::Year { year: 2201 }));
        assert!(cal.add_working_days(d("2200-12-20"), 30).is_err());
    }

    #[test]
    fn offsets_read_in_danish() {
        assert_eq!(Offset::Months(1).to_string(), "1 måned");
        assert_eq!(Offset::WorkingDays(5).to_string(), "5 arbejdsdage");
    }
}
