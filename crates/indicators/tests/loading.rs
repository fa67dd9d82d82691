//! Loading indicator files: the shipped set is complete, and a malformed file
//! is refused with its line and reason.

use indicators::{Anchor, Direction, EventKind, LoadError, LoadErrorKind, Predicate, Reference, StatusKind, Unit, parse_indicators};

/// A valid indicator with one line replaced, to test one mistake at a time.
const GOOD: &str = r#"
[[indicator]]
id = "daycare_3_5"
name = "Børn på 3–5 år i dagtilbud"
definition = "Andelen af børn på 3–5 år i dagtilbud."
unit = "percent"
direction = "higher_is_better"
reference = { kind = "end_of_month" }
cohort = [{ is = "age_between", min = 3, max = 5 }]
outcome = [{ is = "in_status", any_of = ["daycare"] }]
"#;

fn with(old: &str, new: &str) -> String {
    assert!(GOOD.contains(old), "{old}");
    GOOD.replace(old, new)
}

fn refused(text: &str) -> LoadError {
    parse_indicators("test.toml", text).expect_err("must be refused")
}

#[test]
fn the_good_example_loads() {
    let set = parse_indicators("test.toml", GOOD).unwrap();
    assert_eq!(set.len(), 1);
    assert_eq!(set[0].reference, Reference::EndOfMonth);
    assert_eq!(set[0].cohort, vec![Predicate::AgeBetween { min: 3, max: 5 }]);
}

#[test]
fn the_shipped_set_has_the_indicators_the_programme_asks_for() {
    let set = indicators::shipped();
    for id in ["work_or_education_12m", "du_module_12m", "daycare_3_5", "contract_in_time", "women_company_offer", "association_active", "permanent_housing_6m"]
    {
        let i = indicators::find(id).unwrap_or_else(|| panic!("{id} is shipped"));
        assert!(!i.name.is_empty() && !i.definition.is_empty());
        assert_eq!(i.unit, Unit::Percent, "{id}");
        assert_eq!(i.direction, Direction::HigherIsBetter, "{id}");
    }
    assert!(set.iter().any(|i| i.unit == Unit::Count));
    assert!(set.iter().any(|i| i.unit == Unit::Days));
    let work = indicators::find("work_or_education_12m").unwrap();
    assert_eq!(work.reference, Reference::Anniversary { anchor: Anchor::Takeover, months: 12 });
    let du = indicators::find("du_module_12m").unwrap();
    assert_eq!(
        du.outcome,
        vec![Predicate::HasEvent {
            kind: EventKind::DuModulePassed,
            after: Some(Anchor::FirstEvent(EventKind::DuReferral)),
            within_months: Some(12),
            by: None,
        }]
    );
    // Definitions are one line of text with no layout whitespace.
    assert!(set.iter().all(|i| !i.definition.contains('\n')));
}

#[test]
fn an_unknown_unit_names_the_allowed_ones_and_the_line() {
    let e = refused(&with("unit = \"percent\"", "unit = \"share\""));
    assert_eq!(e.line, Some(6));
    assert!(matches!(e.kind, LoadErrorKind::UnknownValue { field: "unit", .. }));
    assert_eq!(e.to_string(), "test.toml:6: unit = \"share\" is not known; use one of: percent, count, days");
}

#[test]
fn an_unknown_predicate_is_refused_on_its_line() {
    let e = refused(&with("is = \"age_between\"", "is = \"age\""));
    assert_eq!(e.line, Some(9));
    assert!(matches!(e.kind, LoadErrorKind::UnknownValue { field: "is", .. }));
}

#[test]
fn an_unknown_status_is_refused() {
    let e = refused(&with("[\"daycare\"]", "[\"kindergarten\"]"));
    assert_eq!(e.line, Some(10));
    match e.kind {
        LoadErrorKind::UnknownValue { allowed, .. } => {
            assert!(allowed.contains(&StatusKind::Daycare.key()))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_field_the_predicate_does_not_use_is_refused() {
    let e = refused(&with("min = 3, max = 5", "min = 3, max = 5, any_of = [\"x\"]"));
    assert_eq!(e.kind, LoadErrorKind::UnexpectedField { id: "daycare_3_5".into(), field: "any_of", by: "age_between" });
    assert_eq!(e.line, Some(9));
}

#[test]
fn min_above_max_is_refused() {
    let e = refused(&with("min = 3, max = 5", "min = 6, max = 5"));
    assert!(matches!(e.kind, LoadErrorKind::InvalidValue { field: "max", .. }));
}

#[test]
fn an_anniversary_needs_an_anchor_and_months() {
    let e = refused(&with("reference = { kind = \"end_of_month\" }", "reference = { kind = \"anniversary\", months = 6 }"));
    assert_eq!(e.kind, LoadErrorKind::MissingField { id: "daycare_3_5".into(), field: "anchor", by: "reference anniversary" });
    let e = refused(&with("reference = { kind = \"end_of_month\" }", "reference = { kind = \"end_of_month\", months = 6 }"));
    assert!(matches!(e.kind, LoadErrorKind::UnexpectedField { field: "months", .. }));
    let e = refused(&with("reference = { kind = \"end_of_month\" }", "reference = { kind = \"anniversary\", anchor = \"landing\", months = 6 }"));
    assert!(matches!(e.kind, LoadErrorKind::UnknownValue { field: "reference.anchor", .. }));
}

#[test]
fn a_days_indicator_needs_days_from_and_one_outcome() {
    let e = refused(&with("unit = \"percent\"", "unit = \"days\""));
    assert!(matches!(e.kind, LoadErrorKind::MissingField { field: "days_from", .. }));
    let e = refused(&with("unit = \"percent\"", "unit = \"percent\"\ndays_from = \"arrival\""));
    assert!(matches!(e.kind, LoadErrorKind::UnexpectedField { field: "days_from", .. }));
}

#[test]
fn within_months_needs_after() {
    let e = refused(&with("{ is = \"in_status\", any_of = [\"daycare\"] }", "{ is = \"has_event\", kind = \"du_module_passed\", within_months = 12 }"));
    assert!(matches!(e.kind, LoadErrorKind::MissingField { field: "after", by: "has_event", .. }));
}

#[test]
fn misspelt_fields_and_bad_toml_are_syntax_errors_with_a_line() {
    let e = refused(&with("definition =", "defintion ="));
    assert!(matches!(e.kind, LoadErrorKind::Syntax { .. }));
    assert!(e.line.is_some());
    let e = refused(&with("unit = \"percent\"", "unit = percent"));
    assert_eq!(e.line, Some(6));
}

#[test]
fn ids_are_checked_and_unique() {
    let e = refused(&with("id = \"daycare_3_5\"", "id = \"Daycare\""));
    assert!(matches!(e.kind, LoadErrorKind::InvalidValue { field: "id", .. }));
    let twice = format!("{GOOD}{GOOD}");
    let e = refused(&twice);
    assert_eq!(e.kind, LoadErrorKind::DuplicateId { id: "daycare_3_5".into(), first_line: 3 });
    assert_eq!(e.line, Some(13));
}

#[test]
fn empty_texts_are_refused() {
    let e = refused(&with("name = \"Børn på 3–5 år i dagtilbud\"", "name = \" \""));
    assert!(matches!(e.kind, LoadErrorKind::InvalidValue { field: "name", .. }));
}
