//! The catalogue's promises: every file parses, every language has exactly Danish's keys,
//! numbers take each language's plural forms, the names staff use stay visible, and an
//! unknown key is flagged. Prints the coverage per language.
use i18n::{LANGUAGES, Value, coverage, danish, has, keys, language, text, text_with};

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
fn every_language_has_every_key() {
    for c in coverage() {
        assert!(c.missing.is_empty(), "{}.ftl lacks {:?} (shown in Danish to the citizen)", c.language.code, c.missing);
    }
}

fn hours(lang: &str, n: f64) -> String {
    let t = text_with(language(lang).unwrap(), "weekly-hours", &[("hours", Value::Number(n))]);
    assert!(!t.fallback, "{lang}: weekly-hours");
    t.text
}

#[test]
fn hours_take_the_plural_form_of_each_language() {
    let cases: &[(&str, [&str; 4])] = &[
        ("da", ["1 time om ugen", "2 timer om ugen", "5 timer om ugen", "11 timer om ugen"]),
        ("en", ["1 hour a week", "2 hours a week", "5 hours a week", "11 hours a week"]),
        ("ar", ["ساعة واحدة في الأسبوع", "ساعتان في الأسبوع", "5 ساعات في الأسبوع", "11 ساعة في الأسبوع"]),
        ("uk", ["1 година на тиждень", "2 години на тиждень", "5 годин на тиждень", "11 годин на тиждень"]),
        ("so", ["1 saacad usbuucii", "2 saacadood usbuucii", "5 saacadood usbuucii", "11 saacadood usbuucii"]),
        ("ti", ["ኣብ ሰሙን 1 ሰዓት", "ኣብ ሰሙን 2 ሰዓታት", "ኣብ ሰሙን 5 ሰዓታት", "ኣብ ሰሙን 11 ሰዓታት"]),
    ];
    for (lang, expected) in cases {
        for (n, want) in [1.0, 2.0, 5.0, 11.0].into_iter().zip(expected) {
            assert_eq!(hours(lang, n), *want, "{lang}, {n} hours");
        }
    }
    assert_eq!(hours("uk", 21.0), "21 година на тиждень", "Ukrainian 21 takes the singular");
    assert_eq!(hours("da", 7.5), "7.5 timer om ugen");
}

#[test]
fn time_ranges_in_right_to_left_languages_are_words_not_a_dash() {
    // A dash between two times is reordered in right-to-left text (09:00–12:00 reads 12:00–09:00).
    for lang in ["ar", "prs"] {
        let l = language(lang).unwrap();
        for key in ["slot", "appointment"] {
            let t = text(l, key, &[("weekday", "X"), ("date", "01.12.2026"), ("from", "09:00"), ("to", "12:00")]).text;
            assert!(!t.contains('–') && !t.contains('-'), "{lang} {key}: {t}");
            assert!(t.find("09:00") < t.find("12:00"), "{lang} {key}: from before to in logical order: {t}");
        }
    }
}

#[test]
fn reviewed_corrections_stay_corrected() {
    let t = |lang: &str, key: &str| text(language(lang).unwrap(), key, &[("version", "3"), ("date", "01.12.2026")]).text;
    assert_eq!(t("en", "skip-to-content"), "Skip to content");
    assert!(!t("en", "action-virksomhedspraktik").contains("at a workplace"), "no doubled meaning");
    assert!(!t("ar", "responsible").contains("المسؤول"), "the contact person, not the responsible one");
    assert!(t("prs", "deadline-contract-deadline").contains("امضا"), "a contract is signed, not built");
    assert_eq!(t("prs", "show"), "نشان بدهید", "the formal form like the rest");
    assert!(t("uk", "action-sundhedsplejerske").contains("патронажн"), "the health visitor");
    for key in ["plan-version", "read-done"] {
        assert!(t("so", key).to_lowercase().contains("nuqul") && !t("so", key).to_lowercase().contains("nooc"), "so {key}: a version, not a type");
    }
}

#[test]
fn names_staff_use_stay_visible_in_brackets() {
    let names = [
        ("my-plan", "(Min plan)"),
        ("action-du1", "(Danskuddannelse 1)"),
        ("action-du2", "(Danskuddannelse 2)"),
        ("action-du3", "(Danskuddannelse 3)"),
        ("action-igu", "(IGU)"),
        ("action-virksomhedspraktik", "(virksomhedspraktik)"),
        ("action-loentilskud", "(løntilskud)"),
        ("dept-jobcenter", "(Jobcenter)"),
        ("dept-sprogcenter", "(Sprogcenter)"),
    ];
    for l in LANGUAGES.iter().filter(|l| l.code != "da") {
        for (key, danish_name) in names {
            let shown = text(l, key, &[]).text;
            assert!(shown.contains(danish_name), "{} {key}: {shown}", l.code);
        }
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
fn an_unknown_key_is_flagged() {
    let ti = language("ti").unwrap();
    assert!(has(ti, "deadline-programme-start"));
    let da = text(danish(), "deadline-programme-start", &[]);
    assert!(!da.fallback, "Danish is never a fallback for itself");
    for l in [ti, danish()] {
        let unknown = text(l, "no-such-key", &[]);
        assert!(unknown.fallback && unknown.text == "no-such-key", "{}", l.code);
    }
}

#[test]
fn languages_are_found_by_code_or_tag_and_know_their_direction() {
    assert_eq!(language("fa-AF").unwrap().code, "prs");
    assert_eq!(language("AR").unwrap().code, "ar");
    assert!(language("ar").unwrap().rtl && language("prs").unwrap().rtl);
    assert!(!language("ti").unwrap().rtl);
    assert!(language("xx").is_none());
    assert_eq!(text(language("ar").unwrap(), "my-plan", &[]).text, "خطتي (Min plan)");
}

#[test]
fn a_municipality_text_is_checked_and_then_wins() {
    use i18n::{Overrides, check, export, section, shipped, text_overridden};
    let ar = language("ar").unwrap();
    assert!(check(ar, "deadline-due", "آخر موعد { $date }").is_ok());
    assert!(check(ar, "deadline-due", "آخر موعد { $dato }").unwrap_err().contains("$dato"), "an unknown variable is named");
    assert!(check(ar, "deadline-due", "آخر موعد").unwrap_err().contains("$date"), "a dropped variable is named");
    assert!(check(ar, "deadline-due", "آخر موعد { $date").is_err(), "not Fluent");
    assert!(check(ar, "no-such-key", "x").is_err());
    let plural = "{ $hours ->\n    [one] ساعة واحدة\n   *[other] { $hours } ساعات\n}";
    assert!(check(ar, "weekly-hours", plural).is_ok(), "a select over the number");
    let mut overrides = Overrides::new();
    overrides.insert("deadline-due".into(), "آخر موعد { $date }".into());
    overrides.insert("weekly-hours".into(), plural.into());
    let due = text_overridden(ar, &overrides, "deadline-due", &[("date", Value::Text("01.12.2026"))]);
    assert_eq!((due.text.as_str(), due.fallback), ("آخر موعد 01.12.2026", false));
    assert_eq!(text_overridden(ar, &overrides, "weekly-hours", &[("hours", Value::Number(1.0))]).text, "ساعة واحدة");
    assert_eq!(text_overridden(ar, &overrides, "goals", &[]).text, text(ar, "goals", &[]).text, "others stay shipped");
    assert_eq!(shipped(ar, "deadline-due").as_deref(), Some("في موعد أقصاه { $date }"));
    assert_eq!(section("deadline-due"), "Overskrifter og faste ord");
    let file = export(ar, &overrides);
    assert!(file.contains("deadline-due = آخر موعد { $date }\n") && file.contains("goals = أهدافي\n"), "{file}");
    // The export is a valid catalogue with every key.
    let parsed = fluent_syntax::parser::parse(file.as_str()).expect("the export parses");
    let count = parsed.body.iter().filter(|e| matches!(e, fluent_syntax::ast::Entry::Message(_))).count();
    assert_eq!(count, keys(danish()).len());
}
