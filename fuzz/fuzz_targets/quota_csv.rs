//! Fuzz target for the quota population CSV reader: never a panic; an error
//! names a line that exists; rows that read are within the documented limits.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use quota::{MAX_POPULATION, parse_population};

fuzz_target!(|data: &[u8]| {
    let Some([text]) = common::texts::<1>(data) else { return };
    match parse_population("befolkning.csv", text) {
        Ok(rows) => assert!(rows.iter().all(|r| r.population <= MAX_POPULATION)),
        Err(e) => {
            assert_eq!(e.file, "befolkning.csv");
            assert!(e.line >= 1 && e.line <= common::line_count(text), "{e}");
        }
    }
});
