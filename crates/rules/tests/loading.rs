//! Loading rule files: the shipped set is complete, and a malformed file is
//! refused with its file, line and reason.

use calendar::{Date, Offset};
use rules::{EventKind, HoursBound, LoadError, LoadErrorKind, Measure, RuleSet, parse_rules};

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

/// A valid rule with one line replaced, to test one mistake at a time.
const GOOD: &str = r#"area = "test"

[[rule]]
id = "contract.deadline"
version = 1
title = "Integrationskontrakt"
explanation = "Senest 1 måned efter overtagelsen."
law = "Integrationsloven"
paragraph = "§ 19"
valid_from = 2025-01-01
trigger = "takeover"
measure = { kind = "deadline", offset = { months = 1 }, met_by = "contract_signed" }
law_number = "lov nr. 1654 af 30/12/2024"
"#;

fn with(old: &str, new: &str) -> String {
    assert!(GOOD.contains(old), "{old}");
    GOOD.replace(old, new)
}

fn refused(text: &str) -> LoadError {
    RuleSet::from_sources(&[("rules/test.toml", text)]).expect_err("must be refused")
}

#[test]
fn the_good_example_loads() {
    let rules = parse_rules("rules/test.toml", GOOD).unwrap();
    assert_eq!(rules.len(), 1);
    assert_eq!(rules[0].measure, Measure::Deadline { offset: Offset::Months(1), met_by: EventKind::ContractSigned });
    assert!(rules[0].confirmed && rules[0].enabled);
}

#[test]
fn the_shipped_set_covers_every_rule_of_the_brief() {
    let set = RuleSet::shipped();
    let on = d("2026-11-23");
    for id in [
        "takeover.visitation",
        "takeover.registration",
        "programme.start",
        "programme.duration",
        "contract.deadline",
        "followup.first_six_months",
        "health.assessment",
        "du.referral",
        "du.start",
        "du.start_self_supporting",
        "du.right",
        "du.hours_in_programme",
        "work_duty.programme",
        "work_duty.kontanthjaelp",
        "company_offer.first",
        "company_offer.max_gap",
        "youth.education_order_hours",
        "igu.eligibility",
        "igu.duration",
        "igu.school_weeks",
        "igu.work_hours",
        "igu.start_by",
        "housing.no_listed_areas",
        "quota.key",
    ] {
        assert!(set.get(id, on).is_some(), "{id} missing or not in force on {on}");
    }
    for rule in set.rules() {
        assert!(!rule.title.is_empty() && !rule.explanation.is_empty(), "{}", rule.id);
    }
}

#[test]
fn shipped_values_match_the_brief() {
    let set = RuleSet::shipped();
    let hours = |id: &str, on: &str| match set.get(id, d(on)).unwrap().measure {
        Measure::WeeklyHours { hours, bound, .. } => (hours, bound),
        ref m => panic!("{id}: {m:?}"),
    };
    assert_eq!(hours("work_duty.programme", "2025-01-01"), (37, HoursBound::Minimum));
    assert!(set.get("work_duty.programme", d("2024-12-31")).is_none());
    assert!(set.get("work_duty.kontanthjaelp", d("2025-06-30")).is_none());
    assert_eq!(hours("work_duty.kontanthjaelp", "2025-07-01"), (37, HoursBound::Minimum));
    assert_eq!(hours("igu.work_hours", "2026-01-01"), (25, HoursBound::Minimum));
    let weeks = |on: &str| match set.get("igu.school_weeks", d(on)).unwrap().measure {
        Measure::TotalWeeks { weeks } => weeks,
        ref m => panic!("{m:?}"),
    };
    assert_eq!(weeks("2021-04-30"), 20);
    assert_eq!(weeks("2021-05-01"), 23);
    let start_by = &set.get("igu.start_by", d("2026-01-01")).unwrap().measure;
    assert_eq!(start_by, &Measure::LatestDate { date: d("2027-12-31") });
    let followup = &set.get("followup.first_six_months", d("2026-01-01")).unwrap().measure;
    assert!(matches!(followup, Measure::Recurring { count: 4, within: Offset::Months(6), .. }));
    let right = &set.get("du.right", d("2026-01-01")).unwrap().measure;
    assert_eq!(right, &Measure::Period { length: Offset::Months(60) });
}

#[test]
fn every_shipped_rule_cites_law_number_paragraph_with_stk_and_the_official_text() {
    for rule in RuleSet::shipped().rules() {
        let s = &rule.source;
        assert!(!s.law.is_empty(), "{}", rule.id);
        assert!(s.number.starts_with("lov nr. ") || s.number.starts_with("LBK nr. ") || s.number.starts_with("BEK nr. "), "{}: {}", rule.id, s.number);
        assert!(s.paragraph.starts_with('§'), "{}: {}", rule.id, s.paragraph);
        let integration_areas = ["integrationsloven", "danskuddannelse", "arbejdspligt", "igu"];
        assert!(!integration_areas.contains(&rule.area.as_str()) || s.paragraph.contains("stk."), "{}: {}", rule.id, s.paragraph);
        let url = s.url.as_deref().unwrap_or_default();
        assert!(url.starts_with("https://www.retsinformation.dk/eli/lta/"), "{}: {url}", rule.id);
    }
    let set = RuleSet::shipped();
    let on = d("2026-01-01");
    assert_eq!(set.get("du.start_self_supporting", on).unwrap().source.paragraph, "§ 5, stk. 2");
    let own = &set.get("du.start_self_supporting", on).unwrap().applies_to;
    assert_eq!((own.in_programme, own.self_supporting), (Some(false), None));
    assert_eq!(set.get("takeover.visitation", d("2024-06-10")).unwrap().source.number, "LBK nr. 1146 af 22/06/2020");
    let contract = set.get("contract.deadline", on).unwrap();
    assert!(
        contract.explanation.contains("integrationskontrakt") && contract.explanation.contains("opholds- og selvforsørgelseserklæringen"),
        "{}",
        contract.explanation
    );
    let duty = set.get("work_duty.programme", on).unwrap();
    assert_eq!(duty.during.as_deref(), Some("programme.duration"));
    assert!(duty.source.paragraph.contains("§ 16, stk. 2"));
}

#[test]
fn igu_limits_are_versioned_by_the_course_start() {
    let set = RuleSet::shipped();
    let limits = |on: &str| {
        let rule = set.get("igu.eligibility", d(on)).unwrap();
        let Measure::Eligibility { residence_less_than, residence_at_most } = rule.measure else { panic!("{:?}", rule.measure) };
        (rule.applies_to.age_max, residence_less_than, residence_at_most)
    };
    assert_eq!(limits("2016-07-01"), (Some(40), Some(Offset::Months(60)), None));
    assert_eq!(limits("2020-03-01"), (Some(40), Some(Offset::Months(60)), None));
    assert_eq!(limits("2021-05-01"), (Some(40), Some(Offset::Months(120)), None));
    assert_eq!(limits("2024-01-01"), (Some(50), None, Some(Offset::Months(240))));
    let start_by = |on: &str| set.get("igu.start_by", d(on)).unwrap().measure.clone();
    assert_eq!(start_by("2020-03-01"), Measure::LatestDate { date: d("2023-12-31") });
    assert_eq!(start_by("2024-01-01"), Measure::LatestDate { date: d("2027-12-31") });
}

#[test]
fn a_rule_without_its_legal_source_or_start_is_refused() {
    for (line, field) in [
        ("law = \"Integrationsloven\"", "law"),
        ("paragraph = \"§ 19\"", "paragraph"),
        ("valid_from = 2025-01-01", "valid_from"),
        ("law_number = \"lov nr. 1654 af 30/12/2024\"", "law_number"),
    ] {
        let err = refused(&with(line, ""));
        assert_eq!(err.kind, LoadErrorKind::MissingSource { id: "contract.deadline".into(), field }, "{field}");
        assert_eq!(err.line, Some(4), "{field}");
        assert!(err.to_string().contains(field), "{err}");
    }
    let err = refused(&with("paragraph = \"§ 19\"", "paragraph = \"19\""));
    assert!(matches!(err.kind, LoadErrorKind::InvalidValue { field: "paragraph", .. }));
    let err = refused(&with("law_number = \"lov nr. 1654 af 30/12/2024\"", "law_number = \"1654\""));
    assert!(matches!(err.kind, LoadErrorKind::InvalidValue { field: "law_number", .. }));
    let err = refused(&with("paragraph = \"§ 19\"", "paragraph = \"§ 19\"\nurl = \"https://example.com/lov\""));
    assert!(matches!(err.kind, LoadErrorKind::InvalidValue { field: "url", .. }));
}

#[test]
fn during_must_name_a_period_rule() {
    let text = with(
        "measure = { kind = \"deadline\", offset = { months = 1 }, met_by = \"contract_signed\" }",
        "measure = { kind = \"weekly_hours\", hours = 37 }\nduring = \"no.such.period\"",
    )
    .replace("trigger = \"takeover\"\n", "");
    let err = refused(&text);
    assert!(matches!(err.kind, LoadErrorKind::InvalidValue { field: "during", .. }), "{err}");
    let err = refused(&GOOD.replace("trigger = \"takeover\"", "trigger = \"takeover\"\nduring = \"x\""));
    assert!(matches!(err.kind, LoadErrorKind::UnexpectedField { field: "during", .. }), "{err}");
}

#[test]
fn unverified_values_ship_unconfirmed_and_company_offers_off() {
    let set = RuleSet::shipped();
    let on = d("2026-01-01");
    for id in ["company_offer.first", "company_offer.max_gap"] {
        let rule = set.get(id, on).unwrap();
        assert!(!rule.confirmed && !rule.enabled, "{id}");
    }
    for id in ["youth.education_order_hours", "programme.duration"] {
        assert!(!set.get(id, on).unwrap().confirmed, "{id}");
    }
    assert!(set.get("contract.deadline", on).unwrap().confirmed);
}

#[test]
fn a_toml_syntax_error_names_file_and_line() {
    let err = refused(&with("version = 1", "version = = 1"));
    assert_eq!(err.file, "rules/test.toml");
    assert_eq!(err.line, Some(5));
    assert!(matches!(err.kind, LoadErrorKind::Syntax { .. }));
    assert!(err.to_string().starts_with("rules/test.toml:5: "), "{err}");
}

#[test]
fn a_misspelt_field_is_refused_with_its_line() {
    let err = refused(&with("paragraph = ", "paragraf = "));
    assert_eq!(err.line, Some(9));
    assert!(err.to_string().contains("paragraf"), "{err}");
}

#[test]
fn an_unknown_trigger_is_refused_with_the_allowed_values() {
    let err = refused(&with(r#"trigger = "takeover""#, r#"trigger = "arrival""#));
    assert_eq!(err.line, Some(11));
    match &err.kind {
        LoadErrorKind::UnknownValue { field, value, allowed } => {
            assert_eq!((*field, value.as_str()), ("trigger", "arrival"));
            assert!(allowed.contains(&"takeover"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn valid_to_before_valid_from_is_refused_at_valid_to() {
    let err = refused(&with("valid_from = 2025-01-01\n", "valid_from = 2025-01-01\nvalid_to = 2024-12-31\n"));
    assert_eq!(err.line, Some(11));
    assert_eq!(err.kind, LoadErrorKind::ValidToBeforeValidFrom { id: "contract.deadline".into(), valid_from: d("2025-01-01"), valid_to: d("2024-12-31") });
}

#[test]
fn an_impossible_date_is_refused() {
    let err = refused(&with("valid_from = 2025-01-01", "valid_from = 1650-01-01"));
    assert!(matches!(err.kind, LoadErrorKind::InvalidValue { field: "valid_from", .. }));
    let err = refused(&with("valid_from = 2025-01-01", "valid_from = 2025-01-01T10:00:00"));
    assert!(matches!(err.kind, LoadErrorKind::InvalidValue { field: "valid_from", .. }));
}

#[test]
fn an_offset_needs_exactly_one_unit() {
    let err = refused(&with("{ months = 1 }", "{ months = 1, days = 3 }"));
    assert_eq!(err.line, Some(12));
    assert!(matches!(err.kind, LoadErrorKind::InvalidValue { field: "offset", .. }));
}

#[test]
fn fields_must_fit_the_measure_kind() {
    let err = refused(&with(r#"met_by = "contract_signed""#, r#"met_by = "contract_signed", hours = 3"#));
    assert!(matches!(err.kind, LoadErrorKind::UnexpectedField { field: "hours", kind: "deadline", .. }));
    let err = refused(&with(r#", met_by = "contract_signed""#, ""));
    assert!(matches!(err.kind, LoadErrorKind::MissingField { field: "met_by", .. }));
    let err = refused(&with(r#"kind = "deadline""#, r#"kind = "deadlin""#));
    assert!(matches!(err.kind, LoadErrorKind::UnknownValue { field: "measure.kind", .. }));
    let err = refused(&with("trigger = \"takeover\"\n", ""));
    assert!(matches!(err.kind, LoadErrorKind::MissingField { field: "trigger", .. }));
}

#[test]
fn a_duplicate_rule_names_both_places() {
    let other = GOOD.replace("area = \"test\"\n", "area = \"other\"\n\n\n");
    let err = RuleSet::from_sources(&[("rules/a.toml", GOOD), ("rules/b.toml", &other)]).unwrap_err();
    assert_eq!((err.file.as_str(), err.line), ("rules/b.toml", Some(6)));
    assert_eq!(err.kind, LoadErrorKind::DuplicateRule { id: "contract.deadline".into(), version: 1, first: "rules/a.toml:4".into() });
}

#[test]
fn two_versions_in_force_on_the_same_day_are_refused() {
    let rule = &GOOD[GOOD.find("[[rule]]").unwrap()..];
    let v2 = rule.replace("version = 1", "version = 2").replace("2025-01-01", "2026-01-01");
    let text = format!("{GOOD}\n{v2}");
    let err = refused(&text);
    assert!(matches!(err.kind, LoadErrorKind::OverlappingVersions { version: 2, other: 1, .. }), "{err}");
    // Ending version 1 the day before version 2 starts makes the set valid.
    let fixed = text.replacen("valid_from = 2025-01-01\n", "valid_from = 2025-01-01\nvalid_to = 2025-12-31\n", 1);
    let set = RuleSet::from_sources(&[("rules/test.toml", &fixed)]).unwrap();
    assert_eq!(set.get("contract.deadline", d("2025-12-31")).unwrap().version, 1);
    assert_eq!(set.get("contract.deadline", d("2026-01-01")).unwrap().version, 2);
}

#[test]
fn a_directory_loads_like_the_embedded_files() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    let from_dir = RuleSet::load_dir(&dir).unwrap();
    assert_eq!(from_dir.rules().len(), RuleSet::shipped().rules().len());
    let missing = RuleSet::load_dir(std::path::Path::new("/nonexistent/rules")).unwrap_err();
    assert!(matches!(missing.kind, LoadErrorKind::Io { .. }));
}
