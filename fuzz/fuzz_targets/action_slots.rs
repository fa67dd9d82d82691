//! Fuzz target for the weekly slots of the family plan's action form (`forms::slot`,
//! behind `samplan::plans` and the form's `slotN_day`, `slotN_from`, `slotN_to`): three
//! texts (day, from, to) separated by 0xFF. Never a panic; an accepted slot has a weekday
//! 1–7 and times that round-trip (`HH:MM` read and written back is what was typed) with
//! the end after the start; every refusal names `….weekday`, `….from` or `….to` of the
//! slot.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

const AT: &str = "goals[0].actions[0].slots[0]";

fuzz_target!(|data: &[u8]| {
    let Some([day, from, to]) = common::texts::<3>(data) else { return };
    let weekday = forms::slot::weekday_from_form(day);
    let errors = forms::slot::check(AT, weekday, from, to);
    if errors.is_empty() {
        assert!((1..=7).contains(&weekday));
        let (f, t) = (forms::slot::minutes(from).unwrap(), forms::slot::minutes(to).unwrap());
        assert!(f < t && t <= 1440);
        assert_eq!(forms::slot::hhmm(f), from, "from round-trips");
        assert_eq!(forms::slot::hhmm(t), to, "to round-trips");
    } else {
        for e in &errors {
            let part = e.field.strip_prefix(AT).unwrap_or_else(|| panic!("{e:?}"));
            assert!(matches!(part, ".weekday" | ".from" | ".to"), "{e:?}");
            assert!(!e.reason.is_empty());
        }
        assert_eq!(errors.iter().any(|e| e.field.ends_with(".weekday")), !(1..=7).contains(&weekday));
    }
    // Any text is read as a clock time the same way wherever it stands.
    if let Some(m) = forms::slot::minutes(from) {
        assert_eq!(forms::slot::hhmm(m), from);
    }
});
