//! Dates as people type them: ISO (`2026-12-05`) or Danish day-month-year (`5.12.2026`,
//! `05.12.26`, also with `-` or `/`).
use crate::FormError;
use chrono::NaiveDate;

/// Parses `raw` for the named field, with two-digit years read against `this_year`.
pub fn parse(field: &'static str, raw: &str, this_year: i32) -> Result<NaiveDate, FormError> {
    parse_in(raw, this_year).ok_or_else(|| FormError::new(field, format!("«{raw}» er ikke en dato; skriv fx 05.12.2026 eller 2026-12-05")))
}

/// The date `raw` names, if any. A two-digit year is the nearest one not more than ten
/// years after `this_year` (`26` is 2026, `85` is 1985, in 2026).
pub fn parse_in(raw: &str, this_year: i32) -> Option<NaiveDate> {
    let text = raw.trim();
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(d);
    }
    let parts: Vec<&str> = text.split(['.', '-', '/']).collect();
    let [day, month, year] = parts.as_slice() else { return None };
    let number =
        |s: &str, max_len: usize| (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<i32>().ok()).flatten();
    let (day, month) = (number(day, 2)?, number(month, 2)?);
    let year = match year.len() {
        4 => number(year, 4)?,
        2 => {
            let yy = number(year, 2)?;
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
}
