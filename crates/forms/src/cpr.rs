//! The CPR number (Danish civil registration number) as typed: `DDMMYY-SSSS` or
//! `DDMMYYSSSS`, spaces allowed around the dash. Since 2007 CPR numbers need not satisfy
//! the modulus-11 check, so only the date part and the century rule of the 7th digit
//! are checked.
use crate::FormError;
use chrono::NaiveDate;

/// The ten digits of a valid CPR number, or the refusal (field `cpr`).
pub fn digits(raw: &str) -> Result<String, FormError> {
    let digits: String = raw.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    if digits.len() != 10 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FormError::new("cpr", "CPR-nummeret skal have 10 cifre (DDMMÅÅ-LLLL)"));
    }
    if birth_date(&digits).is_none() {
        return Err(FormError::new("cpr", "de første 6 cifre er ikke en gyldig dato for det århundrede, 7. ciffer angiver"));
    }
    Ok(digits)
}

/// The birth date of ten CPR digits, by the century rules of the 7th digit
/// (CPR-kontoret): 0–3 → 1900s; 4 and 9 → 2000s if YY ≤ 36, else 1900s; 5–8 → 2000s if
/// YY ≤ 57, else 1800s. `None` for anything but ten ASCII digits naming a real date.
pub fn birth_date(digits: &str) -> Option<NaiveDate> {
    let b = digits.as_bytes();
    if b.len() != 10 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = |i: usize| u32::from(b[i] - b'0');
    let day = n(0) * 10 + n(1);
    let month = n(2) * 10 + n(3);
    let yy = i32::try_from(n(4) * 10 + n(5)).ok()?;
    let century = match n(6) {
        0..=3 => 1900,
        4 | 9 => {
            if yy <= 36 {
                2000
            } else {
                1900
            }
        }
        _ => {
            if yy <= 57 {
                2000
            } else {
                1800
            }
        }
    };
    NaiveDate::from_ymd_opt(century + yy, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seventh_digit_decides_the_century() {
        assert_eq!(birth_date("0101901234"), NaiveDate::from_ymd_opt(1990, 1, 1));
        assert_eq!(birth_date("0101705234"), NaiveDate::from_ymd_opt(1870, 1, 1));
        assert_eq!(digits("010190 - 1234").unwrap(), "0101901234");
        assert_eq!(digits("310290-1234").unwrap_err().field, "cpr");
        assert!(birth_date("01019a1234").is_none());
    }
}
