//! Domain values, parsed once at the edge ("parse, don't validate").
//!
//! Handlers turn raw strings into these types first; everything after works with
//! values that are known to be valid. Every parse error names the field and the reason.
pub mod cpr;
pub mod municipality;
pub mod person;
pub mod role;

pub use cpr::Cpr;
pub use municipality::{Municipality, MunicipalityCode, PostalArea};
pub use person::{FamilyRole, LanguageList, ResidenceBasis, ResidenceBasisSchema, Sex};
pub use role::{DepartmentKind, Role};

/// A value that failed to parse: which field, and why (in Danish, for the user).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {reason}")]
pub struct FieldError {
    /// The field's name as the form or API knows it (e.g. `cpr`).
    pub field: std::borrow::Cow<'static, str>,
    /// Why the value was refused, in Danish.
    pub reason: String,
}

impl FieldError {
    /// Builds an error for `field` with a reason.
    pub fn new(field: impl Into<std::borrow::Cow<'static, str>>, reason: impl Into<String>) -> Self {
        Self { field: field.into(), reason: reason.into() }
    }
}

/// Parses a date as people type it, for the named field: ISO (`2026-12-05`) or Danish
/// day-month-year (`5.12.2026`, `05.12.26`, also with `-` or `/`). A two-digit year is
/// the nearest one not more than ten years ahead (`26` is 2026, `85` is 1985). Years
/// outside 1900–2200 are refused (`forms::date`). The one date reader of page forms,
/// JSON bodies and query parameters; the OpenAPI document gives every `format: date` the
/// same bounds as a pattern (`web::openapi`).
pub fn parse_date(field: &'static str, raw: &str) -> Result<chrono::NaiveDate, FieldError> {
    let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    Ok(forms::date::parse(field, raw, this_year)?)
}

/// A date as stored (`YYYY-MM-DD`), or `None`. Stored dates are read by the ten
/// thousand for one overview, so the canonical form goes through the calendar crate's
/// fixed-width reader rather than chrono's format parser (the same dates, several times
/// slower); any other text goes to that parser.
pub fn stored_day(text: &str) -> Option<chrono::NaiveDate> {
    match calendar::Date::parse(text) {
        Ok(d) => chrono::NaiveDate::from_ymd_opt(d.year(), d.month(), d.day()),
        Err(_) => chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(),
    }
}

/// A chrono day (the clock, a form) as a day of the calendar crate; `None` outside
/// 1700–2200.
pub fn calendar_day(d: chrono::NaiveDate) -> Option<calendar::Date> {
    use chrono::Datelike;
    calendar::Date::new(d.year(), d.month(), d.day()).ok()
}

/// A bound of a search as a calendar day: `d`, or the calendar's first or last day for a
/// day before or after it (a week typed far away still finds what it did as text).
pub fn calendar_bound(d: chrono::NaiveDate) -> calendar::Date {
    use chrono::Datelike;
    calendar_day(d).unwrap_or(if d.year() < calendar::MIN_YEAR { calendar::Date::MIN } else { calendar::Date::MAX })
}

/// A day of the calendar crate as a chrono day.
pub fn chrono_day(d: calendar::Date) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(d.year(), d.month(), d.day()).expect("a calendar day is a chrono day")
}

/// [`parse_date`] as a day of the calendar crate (rules, deadlines, periods).
pub fn parse_day(field: &'static str, raw: &str) -> Result<calendar::Date, FieldError> {
    in_calendar(field, raw, parse_date(field, raw)?)
}

/// `day`, read from the form's text `raw`, as a day of the calendar crate; refused for
/// `field` outside 1700–2200.
pub fn in_calendar(field: &'static str, raw: &str, day: chrono::NaiveDate) -> Result<calendar::Date, FieldError> {
    calendar_day(day).ok_or_else(|| FieldError::new(field, format!("«{}» ligger uden for kalenderen", raw.trim())))
}

/// The form values' own refusals (the `forms` crate) are field errors.
impl From<forms::FormError> for FieldError {
    fn from(e: forms::FormError) -> Self {
        FieldError { field: e.field, reason: e.reason }
    }
}

#[cfg(test)]
fn parse_date_in(raw: &str, this_year: i32) -> Option<chrono::NaiveDate> {
    forms::date::parse_in(raw, this_year)
}

#[cfg(test)]
mod date_tests {
    use super::parse_date_in;

    #[test]
    fn stored_days_read_as_chrono_reads_them() {
        for text in
            ["2026-12-05", "2024-02-29", "2026-02-29", "2026-13-01", "0000-01-01", "9999-12-31", "2026-1-5", "+2026-01-05", "2026-12-0x", "", "2026/12/05"]
        {
            assert_eq!(super::stored_day(text), chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(), "{text}");
        }
    }

    #[test]
    fn iso_and_danish_forms_are_dates() {
        let d = |y, m, dd| chrono::NaiveDate::from_ymd_opt(y, m, dd);
        assert_eq!(parse_date_in("2026-12-05", 2026), d(2026, 12, 5));
        assert_eq!(parse_date_in(" 05.12.2026 ", 2026), d(2026, 12, 5));
        assert_eq!(parse_date_in("5.12.2026", 2026), d(2026, 12, 5));
        assert_eq!(parse_date_in("5-12-2026", 2026), d(2026, 12, 5));
        assert_eq!(parse_date_in("5/12/2026", 2026), d(2026, 12, 5));
        assert_eq!(parse_date_in("05.12.26", 2026), d(2026, 12, 5));
        assert_eq!(parse_date_in("01.01.36", 2026), d(2036, 1, 1), "ten years ahead is still this century");
        assert_eq!(parse_date_in("01.01.37", 2026), d(1937, 1, 1));
        assert_eq!(parse_date_in("24.03.85", 2026), d(1985, 3, 24));
    }

    #[test]
    fn impossible_or_ambiguous_text_is_not_a_date() {
        for bad in ["", "31.02.2026", "2026-13-01", "05.12.202", "5.12", "12/5", "05.12.2026x", "a.b.cccc", "005.12.2026", "+5.12.2026"] {
            assert_eq!(parse_date_in(bad, 2026), None, "{bad}");
        }
    }
}
