//! Fuzz target for the rule files and a municipality's override file: never a
//! panic; an error names the file and, when it names a line, one that exists.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some([rules_text, overrides_text]) = common::texts::<2>(data) else { return };
    if let Err(e) = rules::parse_rules("regler.toml", rules_text) {
        assert_eq!(e.file, "regler.toml");
        assert!(e.line.is_none_or(|l| l >= 1 && l as u64 <= common::line_count(rules_text)), "{e}");
    }
    if let Err(e) = rules::parse_overrides("tilpasninger.toml", overrides_text) {
        assert_eq!(e.file, "tilpasninger.toml");
        assert!(e.line.is_none_or(|l| l >= 1 && l as u64 <= common::line_count(overrides_text)), "{e}");
    }
});
