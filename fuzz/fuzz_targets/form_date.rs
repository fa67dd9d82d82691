//! Fuzz target for dates as people type them into forms (`forms::date`, behind
//! `samplan::domain::parse_date`): never a panic; an accepted date lies within the years
//! `FIRST_YEAR`–`LAST_YEAR` (1900–2200) and round-trips (its date
//! written in ISO and in the Danish `dd.mm.åååå` form reads back as the same date, and
//! spaces around it change nothing); a refused text is refused for the named field, with
//! what was typed in the reason.
#![no_main]

mod common;

use chrono::Datelike;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some([text]) = common::texts::<1>(data) else { return };
    // The year the two-digit years are read against comes from the input too.
    let this_year = 1900 + i32::from(data.first().copied().unwrap_or(0)) % 200;
    match forms::date::parse("start", text, this_year) {
        Ok(d) => {
            assert!((forms::date::FIRST_YEAR..=forms::date::LAST_YEAR).contains(&d.year()), "{d} of {text:?} is out of bounds");
            assert_eq!(forms::date::parse_in(&d.format("%Y-%m-%d").to_string(), this_year), Some(d), "ISO of {text:?}");
            let danish = format!("{:02}.{:02}.{:04}", d.day(), d.month(), d.year());
            assert_eq!(forms::date::parse_in(&danish, this_year), Some(d), "{danish} of {text:?}");
            assert_eq!(forms::date::parse_in(&format!(" {text}\t"), this_year), Some(d), "spaces around {text:?}");
        }
        Err(e) => {
            assert_eq!(e.field, "start");
            assert!(e.reason.contains(text), "{e:?}");
            assert_eq!(forms::date::parse_in(text, this_year), None);
        }
    }
});
