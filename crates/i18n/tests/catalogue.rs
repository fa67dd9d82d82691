//! The catalogue's promises: every file parses, every key of every language exists in
//! Danish, the interface is translated in full in every language, and a missing key
//! falls back to Danish, flagged. Prints the coverage per language.
use i18n::{LANGUAGES, coverage, danish, has, keys, language, text};

#[test]
fn every_key_exists_in_danish_and_coverage_is_listed() {
    let report = coverage();
    for c in &report {
        println!(
            "{:<4} {:<11} {:>3}/{:<3} translated; in Danish instead: {}",
            c.language.code,
            c.language.native_name,
            c.translated,
            c.total,
            if c.missing.is_empty() { "–".to_string() } else { c.missing.join(", ") }
        );
        assert!(c.unknown.is_empty(), "{}.ftl has keys Danish lacks: {:?}", c.language.code, c.unknown);
    }
    assert_eq!(report[0].translated, report[0].total, "Danish is complete by definition");
    assert!(report[0].total > 80, "the catalogue has its interface, life areas, departments, weekdays and actions");
}

#[test]
fn every_language_translates_the_whole_interface() {
    // Only the plain-language deadline titles may be left to the Danish fallback.
    for c in coverage() {
        let interface: Vec<&String> = c.missing.iter().filter(|k| !k.starts_with("deadline-") || *k == "deadline-due").collect();
        assert!(interface.is_empty(), "{} lacks {interface:?}", c.language.code);
    }
}

#[test]
fn no_duplicate_keys_and_arguments_are_filled() {
    for l in LANGUAGES {
        let mut k = keys(l);
        let n = k.len();
        k.sort();
        k.dedup();
        assert_eq!(k.len(), n, "{} has duplicate keys", l.code);
        let t = text(l, "period-from-to", &[("from", "01.12.2026"), ("to", "30.06.2027")]);
        assert!(!t.fallback && t.text.contains("01.12.2026") && t.text.contains("30.06.2027"), "{}: {}", l.code, t.text);
        assert!(!t.text.contains('\u{2068}'), "no isolation marks in extracted text");
    }
}

#[test]
fn a_missing_key_falls_back_to_danish_flagged() {
    let ti = language("ti").unwrap();
    assert!(!has(ti, "deadline-programme-start"));
    let t = text(ti, "deadline-programme-start", &[]);
    assert_eq!(t.text, "Dit introduktionsprogram begynder");
    assert!(t.fallback);
    let da = text(danish(), "deadline-programme-start", &[]);
    assert!(!da.fallback, "Danish is never a fallback for itself");
    let unknown = text(danish(), "no-such-key", &[]);
    assert!(unknown.fallback && unknown.text == "no-such-key");
}

#[test]
fn languages_are_found_by_code_or_tag_and_know_their_direction() {
    assert_eq!(language("fa-AF").unwrap().code, "prs");
    assert_eq!(language("AR").unwrap().code, "ar");
    assert!(language("ar").unwrap().rtl && language("prs").unwrap().rtl);
    assert!(!language("ti").unwrap().rtl);
    assert!(language("xx").is_none());
    assert_eq!(text(language("ar").unwrap(), "my-plan", &[]).text, "خطتي");
}
