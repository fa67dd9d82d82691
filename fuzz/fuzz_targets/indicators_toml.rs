//! Fuzz target for the indicator definitions file: never a panic; an error
//! names the file and, when it names a line, one that exists.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some([text]) = common::texts::<1>(data) else { return };
    if let Err(e) = indicators::parse_indicators("indikatorer.toml", text) {
        assert_eq!(e.file, "indikatorer.toml");
        assert!(e.line.is_none_or(|l| l >= 1 && l as u64 <= common::line_count(text)), "{e}");
    }
});
