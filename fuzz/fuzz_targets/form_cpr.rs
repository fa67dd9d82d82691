//! Fuzz target for CPR numbers as typed (`forms::cpr`, behind `samplan::domain::Cpr`):
//! never a panic; an accepted number is the ten digits typed (dashes and spaces
//! dropped, nothing else), has a birth date, and its `DDMMÅÅ-LLLL` form reads back as
//! the same digits; a refused one names the field `cpr`.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some([text]) = common::texts::<1>(data) else { return };
    match forms::cpr::digits(text) {
        Ok(digits) => {
            let typed: String = text.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
            assert_eq!(digits, typed);
            assert!(digits.len() == 10 && digits.bytes().all(|b| b.is_ascii_digit()), "{digits:?}");
            assert!(forms::cpr::birth_date(&digits).is_some());
            let formatted = format!("{}-{}", &digits[..6], &digits[6..]);
            assert_eq!(forms::cpr::digits(&formatted).as_deref(), Ok(digits.as_str()));
        }
        Err(e) => assert_eq!(e.field, "cpr"),
    }
});
