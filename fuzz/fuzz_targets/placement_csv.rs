//! Fuzz target for the placement CSV readers (`samplan place`, housing
//! uploads): households, units and areas files must never panic the reader;
//! an error names its file and a line that exists; a file that reads is a
//! consistent instance.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use placement::input::{Source, read_instance};

fuzz_target!(|data: &[u8]| {
    let Some([households, units, areas]) = common::texts::<3>(data) else { return };
    let source = |name, text| Source { name, text };
    match read_instance(
        source("husstande.csv", households),
        source("boliger.csv", units),
        source("omraader.csv", areas),
    ) {
        Ok(instance) => {
            // Every unit's area exists (the reader checked it against the areas file).
            let known = |unit: &placement::Unit| instance.areas().iter().any(|a| a.id == unit.area);
            assert!(instance.units().iter().all(known));
        }
        Err(e) => {
            let text = match e.file.as_str() {
                "husstande.csv" => households,
                "boliger.csv" => units,
                "omraader.csv" => areas,
                other => panic!("error names an unknown file {other}"),
            };
            assert!(e.line >= 1 && e.line <= common::line_count(text), "{e}");
            assert!(!e.to_string().is_empty());
        }
    }
});
