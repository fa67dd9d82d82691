//! Dates as people type them: ISO (`2026-12-05`) or Danish day-month-year (`5.12.2026`,
//! `05.12.26`, also with `-` or `/`), within the years [`FIRST_YEAR`]–[`LAST_YEAR`]. The one
//! date reader of samplan: page forms, JSON bodies and query parameters all come here.
use crate::FormError;
use chrono::{Datelike, NaiveDate};

/// The first year a date may have: nobody samplan serves was born earlier.
pub const FIRST_YEAR: i32 = 1900;
/// The last year a date may have: far beyond any plan, deadline or period.
pub const LAST_YEAR: i32 = 2200;
/// The ISO dates of the years [`FIRST_YEAR`]–[`LAST_YEAR`], as a regular expression for
/// the OpenAPI document (beside `format: date`, which alone allows years 0000–9999).
pub const ISO_PATTERN: &str = r"^(19[0-9]{2}|21[0-9]{2}|20[0-9]{2}|2200)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

/// Parses `raw` for the named field, with two-digit years read against `this_year`.
pub fn parse(field: &'static str, raw: &str, this_year: i32) -> Result<NaiveDate, FormError> {
    match read(raw, this_year) {
        Some(d) if (FIRST_YEAR..=LAST_YEAR).contains(&d.year()) => Ok(d),
        Some(_) => Err(FormError::new(field, format!("«{raw}» ligger uden for årene {FIRST_YEAR}–{LAST_YEAR}"))),
        None => Err(FormError::new(field, format!("«{raw}» er ikke en dato; skriv fx 05.12.2026 eller 2026-12-05"))),
    }
}

/// The date `raw` names, if any, within the years [`FIRST_YEAR`]–[`LAST_YEAR`]. A
/// two-digit year is the nearest one not more than ten years after `this_year` (`26` is
/// 2026, `85` is 1985, in 2026).
pub fn parse_in(raw: &str, this_year: i32) -> Option<NaiveDate> {
    read(raw, this_year).filter(|d| (FIRST_YEAR..=LAST_YEAR).contains(&d.year()))
}

/// The date `raw` names in any year of four digits or fewer.
fn read(raw: &str, this_year: i32) -> Option<NaiveDate> {
    let text = raw.trim();
    let number =
        |s: &str, max_len: usize| (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<i32>().ok()).flatten();
    let parts: Vec<&str> = text.split(['.', '-', '/']).collect();
    let [first, second, third] = parts.as_slice() else { return None };
    // ISO: exactly four digits of year, two of month and two of day (no sign, no
    // five-digit years, which chrono's `%Y` would take).
    if first.len() == 4 && second.len() == 2 && third.len() == 2 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-' {
        let (year, month, day) = (number(first, 4)?, number(second, 2)?, number(third, 2)?);
        return NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?);
    }
    let (day, month) = (number(first, 2)?, number(second, 2)?);
    let year = match third.len() {
        4 => number(third, 4)?,
        2 => {
            let yy = number(third, 2)?;
            let century = this_year - this_year.rem_euclid(100);
            if century + yy <= this_year + 10 { century + yy } else { century - 100 + yy }
        }
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, dd)
    }

    #[test]
    fn iso_and_danish_forms_are_dates() {
        assert_eq!(parse_in("2026-12-05", 2026), d(2026, 12, 5));
        assert_eq!(parse_in(" 05.12.2026 ", 2026), d(2026, 12, 5));
        assert_eq!(parse_in("5/12/2026", 2026), d(2026, 12, 5));
        assert_eq!(parse_in("01.01.36", 2026), d(2036, 1, 1), "ten years ahead is still this century");
        assert_eq!(parse_in("01.01.37", 2026), d(1937, 1, 1));
        assert_eq!(parse_in("31.02.2026", 2026), None);
        assert_eq!(parse("start", "x", 2026).unwrap_err().field, "start");
    }

    #[test]
    fn years_outside_1900_to_2200_are_refused() {
        assert_eq!(parse_in("1900-01-01", 2026), d(1900, 1, 1));
        assert_eq!(parse_in("31.12.2200", 2026), d(2200, 12, 31));
        for bad in ["1899-12-31", "2201-01-01", "0001-01-01", "9999-12-31", "01.01.1899"] {
            assert_eq!(parse_in(bad, 2026), None, "{bad}");
            assert!(parse("start", bad, 2026).unwrap_err().reason.contains("uden for årene 1900–2200"), "{bad}");
        }
        for bad in ["+99999-01-01", "+2026-01-01", "-2026-01-01", "02026-01-01", "2026-1-01", "2026-01-1", "2026.01.01", "2026-01/01"] {
            assert!(parse("start", bad, 2026).unwrap_err().reason.contains("er ikke en dato"), "{bad}");
        }
    }
}
