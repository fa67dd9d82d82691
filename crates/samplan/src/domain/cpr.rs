//! The CPR number (Danish civil registration number): validation only.
//!
//! Since 2007 CPR numbers need not satisfy the modulus-11 check, so we validate the
//! date part and the century rule of the 7th digit, nothing more (the `forms` crate,
//! fuzzed). Encryption at rest lives in `crate::crypto`.
use super::FieldError;
use chrono::NaiveDate;

/// A valid CPR number, held as its ten digits. `Debug` never prints it.
#[derive(Clone, PartialEq, Eq)]
pub struct Cpr(String);

impl std::fmt::Debug for Cpr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cpr(******-****)")
    }
}

impl Cpr {
    /// Parses `DDMMYY-SSSS` or `DDMMYYSSSS` (spaces allowed around the dash).
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        Ok(Cpr(forms::cpr::digits(raw)?))
    }

    /// The ten digits, for encryption and hashing.
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// `DDMMYY-XXXX`: the form shown to staff who may see the date part only.
    pub fn masked(&self) -> String {
        format!("{}-XXXX", &self.0[..6])
    }

    /// `DDMMYY-SSSS`.
    pub fn formatted(&self) -> String {
        format!("{}-{}", &self.0[..6], &self.0[6..])
    }

    /// The birth date, using the century rules of the 7th digit (CPR-kontoret):
    /// 0–3 → 1900s; 4 and 9 → 2000s if YY ≤ 36, else 1900s; 5–8 → 2000s if YY ≤ 57, else 1800s.
    pub fn birth_date(&self) -> Option<NaiveDate> {
        forms::cpr::birth_date(&self.0)
    }

    /// Even last digit: female; odd: male (the CPR convention).
    pub fn is_female(&self) -> bool {
        (self.0.as_bytes()[9] - b'0').is_multiple_of(2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn century_rules_of_the_seventh_digit() {
        assert_eq!(Cpr::parse("010190-1234").unwrap().birth_date(), Some(date(1990, 1, 1)));
        assert_eq!(Cpr::parse("010110-4234").unwrap().birth_date(), Some(date(2010, 1, 1)));
        assert_eq!(Cpr::parse("010150-4234").unwrap().birth_date(), Some(date(1950, 1, 1)));
        assert_eq!(Cpr::parse("010120-5234").unwrap().birth_date(), Some(date(2020, 1, 1)));
        assert_eq!(Cpr::parse("010170-5234").unwrap().birth_date(), Some(date(1870, 1, 1)));
        assert_eq!(Cpr::parse("010136-9234").unwrap().birth_date(), Some(date(2036, 1, 1)));
        assert_eq!(Cpr::parse("010137-9234").unwrap().birth_date(), Some(date(1937, 1, 1)));
    }

    #[test]
    fn no_modulus_11_requirement() {
        // 010190-1235 fails the old modulus-11 check but is a valid number today.
        assert!(Cpr::parse("0101901235").is_ok());
    }

    #[test]
    fn impossible_dates_are_refused_with_the_field_named() {
        let err = Cpr::parse("310290-1234").unwrap_err();
        assert_eq!(err.field, "cpr");
        assert!(Cpr::parse("290200-4234").is_ok(), "2000 was a leap year");
        assert!(Cpr::parse("290200-1234").is_err(), "1900 was not");
        assert!(Cpr::parse("12345").is_err());
        assert!(Cpr::parse("01019a-1234").is_err());
    }

    #[test]
    fn debug_never_shows_the_number() {
        let cpr = Cpr::parse("010190-1234").unwrap();
        assert!(!format!("{cpr:?}").contains("0101"));
        assert_eq!(cpr.masked(), "010190-XXXX");
        assert!(cpr.is_female());
    }
}
