//! Danish public holidays (helligdage), the movable ones derived from Easter.
//!
//! Only the days that are helligdage by law are here. Grundlovsdag, 24 and 31
//! December and 1 May are not; a municipality marks them closed in its own
//! [`Calendar`](crate::Calendar) instead.

use crate::{Date, DateError};
use std::fmt;

/// The last year in which Store bededag was a public holiday (abolished from 2024).
pub const LAST_STORE_BEDEDAG_YEAR: i32 = 2023;

/// One of the Danish public holidays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HolidayKind {
    /// 1 January.
    Nytaarsdag,
    /// Thursday before Easter.
    Skaertorsdag,
    /// Friday before Easter.
    Langfredag,
    /// Easter Sunday.
    Paaskedag,
    /// Easter Monday.
    AndenPaaskedag,
    /// The fourth Friday after Easter; a holiday up to and including 2023.
    StoreBededag,
    /// Ascension Day, 39 days after Easter.
    KristiHimmelfartsdag,
    /// Whit Sunday, 49 days after Easter.
    Pinsedag,
    /// Whit Monday, 50 days after Easter.
    AndenPinsedag,
    /// 25 December.
    Juledag,
    /// 26 December.
    AndenJuledag,
}

impl HolidayKind {
    /// The Danish name as it is written in a calendar ("2. påskedag").
    pub fn danish_name(self) -> &'static str {
        match self {
            HolidayKind::Nytaarsdag => "Nytårsdag",
            HolidayKind::Skaertorsdag => "Skærtorsdag",
            HolidayKind::Langfredag => "Langfredag",
            HolidayKind::Paaskedag => "Påskedag",
            HolidayKind::AndenPaaskedag => "2. påskedag",
            HolidayKind::StoreBededag => "Store bededag",
            HolidayKind::KristiHimmelfartsdag => "Kristi himmelfartsdag",
            HolidayKind::Pinsedag => "Pinsedag",
            HolidayKind::AndenPinsedag => "2. pinsedag",
            HolidayKind::Juledag => "Juledag",
            HolidayKind::AndenJuledag => "2. juledag",
        }
    }
}

impl fmt::Display for HolidayKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.danish_name())
    }
}

/// A public holiday on a given date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Holiday {
    /// The day it falls on.
    pub date: Date,
    /// Which holiday it is.
    pub kind: HolidayKind,
}

/// Easter Sunday of `year` (anonymous Gregorian algorithm, Meeus/Jones/Butcher).
///
/// ```
/// assert_eq!(calendar::easter_sunday(2026)?.to_string(), "2026-04-05");
/// # Ok::<(), calendar::DateError>(())
/// ```
pub fn easter_sunday(year: i32) -> Result<Date, DateError> {
    let (month, day) = easter_month_day(year);
    Date::new(year, month, day)
}

fn easter_month_day(year: i32) -> (u32, u32) {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    (month as u32, day as u32)
}

/// Days after Easter Sunday of each movable holiday (negative = before).
const MOVABLE: [(HolidayKind, i64); 8] = [
    (HolidayKind::Skaertorsdag, -3),
    (HolidayKind::Langfredag, -2),
    (HolidayKind::Paaskedag, 0),
    (HolidayKind::AndenPaaskedag, 1),
    (HolidayKind::StoreBededag, 26),
    (HolidayKind::KristiHimmelfartsdag, 39),
    (HolidayKind::Pinsedag, 49),
    (HolidayKind::AndenPinsedag, 50),
];

/// All public holidays of `year`, sorted by date: 11 up to 2023, 10 from 2024.
///
/// ```
/// let days = calendar::holidays(2024)?;
/// assert_eq!(days.len(), 10);
/// assert_eq!(days[0].kind.danish_name(), "Nytårsdag");
/// # Ok::<(), calendar::DateError>(())
/// ```
pub fn holidays(year: i32) -> Result<Vec<Holiday>, DateError> {
    let easter = easter_sunday(year)?;
    let mut days = Vec::with_capacity(11);
    days.push(Holiday { date: Date::new(year, 1, 1)?, kind: HolidayKind::Nytaarsdag });
    for (kind, offset) in MOVABLE {
        if kind == HolidayKind::StoreBededag && year > LAST_STORE_BEDEDAG_YEAR {
            continue;
        }
        // Movable holidays lie between 19 March and 14 June, so they stay in `year`.
        days.push(Holiday { date: easter.add_days(offset)?, kind });
    }
    days.push(Holiday { date: Date::new(year, 12, 25)?, kind: HolidayKind::Juledag });
    days.push(Holiday { date: Date::new(year, 12, 26)?, kind: HolidayKind::AndenJuledag });
    Ok(days)
}

/// The public holiday on `date`, if there is one.
pub fn holiday_on(date: Date) -> Option<HolidayKind> {
    match (date.month(), date.day()) {
        (1, 1) => return Some(HolidayKind::Nytaarsdag),
        (12, 25) => return Some(HolidayKind::Juledag),
        (12, 26) => return Some(HolidayKind::AndenJuledag),
        // Movable holidays fall between 19 March and 14 June only.
        (3..=6, _) => {}
        _ => return None,
    }
    let (month, day) = easter_month_day(date.year());
    let easter = Date::new(date.year(), month, day).ok()?;
    let offset = easter.days_until(date);
    MOVABLE.iter().find(|(kind, o)| *o == offset && !(*kind == HolidayKind::StoreBededag && date.year() > LAST_STORE_BEDEDAG_YEAR)).map(|(kind, _)| *kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn easter_of_known_years() {
        // Published dates of Easter Sunday.
        for (year, date) in [
            (1818, "1818-03-22"),
            (1943, "1943-04-25"),
            (2000, "2000-04-23"),
            (2019, "2019-04-21"),
            (2023, "2023-04-09"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2038, "2038-04-25"),
        ] {
            assert_eq!(easter_sunday(year).unwrap(), d(date), "{year}");
        }
    }

    #[test]
    fn the_2023_list_has_store_bededag_and_2024_does_not() {
        let y2023 = holidays(2023).unwrap();
        assert!(y2023.contains(&Holiday { date: d("2023-05-05"), kind: HolidayKind::StoreBededag }));
        assert_eq!(y2023.len(), 11);
        let y2024 = holidays(2024).unwrap();
        assert!(y2024.iter().all(|h| h.kind != HolidayKind::StoreBededag));
        assert_eq!(y2024.len(), 10);
        assert_eq!(holiday_on(d("2023-05-05")), Some(HolidayKind::StoreBededag));
        assert_eq!(holiday_on(d("2024-04-26")), None);
    }

    #[test]
    fn the_2026_list_is_the_published_one() {
        let got: Vec<(String, &str)> = holidays(2026).unwrap().into_iter().map(|h| (h.date.to_string(), h.kind.danish_name())).collect();
        let want = [
            ("2026-01-01", "Nytårsdag"),
            ("2026-04-02", "Skærtorsdag"),
            ("2026-04-03", "Langfredag"),
            ("2026-04-05", "Påskedag"),
            ("2026-04-06", "2. påskedag"),
            ("2026-05-14", "Kristi himmelfartsdag"),
            ("2026-05-24", "Pinsedag"),
            ("2026-05-25", "2. pinsedag"),
            ("2026-12-25", "Juledag"),
            ("2026-12-26", "2. juledag"),
        ];
        let want: Vec<(String, &str)> = want.iter().map(|(a, b)| (a.to_string(), *b)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn days_that_are_not_helligdage_are_not_reported() {
        for s in ["2026-06-05", "2026-12-24", "2026-12-31", "2026-05-01", "2026-04-04"] {
            assert_eq!(holiday_on(d(s)), None, "{s}");
        }
        assert_eq!(holiday_on(d("2026-04-03")), Some(HolidayKind::Langfredag));
    }
}
