//! The limits of company-based offers from the shipped rule set: lengths by programme,
//! job readiness and employer, the ratio rule by staff count, the extra-jobs condition,
//! every value unconfirmed and cited; and the loader's checks of the new measure kinds.
use calendar::{Date, Offset};
use proptest::prelude::*;
use rules::{Employer, LoadErrorKind, Measure, OfferKind, Person, Programme, ResidenceBasis, RuleSet, offer_length, requirement, staff_ratio};

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn refugee(programme: bool) -> Person {
    let mut p = Person::new(d("1990-05-01"), ResidenceBasis::Refugee);
    p.programme = programme.then_some(Programme::Introduktionsprogram);
    p
}

#[test]
fn offer_lengths_follow_programme_job_readiness_and_employer() {
    let set = RuleSet::shipped();
    let start = d("2026-01-05");
    let limit = |programme, offer, employer, ready| offer_length(set, &refugee(programme), offer, employer, ready, start).unwrap();
    let l = limit(true, OfferKind::Praktik, Employer::Private, true);
    assert_eq!(
        (l.rule_id.as_str(), l.length, l.last_day, l.extendable),
        ("company_offer.praktik.programme_job_ready", Offset::Days(28), d("2026-02-01"), false)
    );
    assert!(l.source.paragraph.starts_with("§ 23 b"), "{:?}", l.source);
    let l = limit(true, OfferKind::Praktik, Employer::Public, false);
    assert_eq!((l.rule_id.as_str(), l.last_day, l.extendable), ("company_offer.praktik.programme_other", d("2026-04-05"), true));
    let l = limit(false, OfferKind::Praktik, Employer::Private, true);
    assert_eq!((l.rule_id.as_str(), l.source.paragraph.as_str()), ("company_offer.praktik.job_ready", "§ 61, stk. 1, nr. 1"));
    let l = limit(false, OfferKind::Loentilskud, Employer::Private, true);
    assert_eq!((l.rule_id.as_str(), l.last_day), ("company_offer.loentilskud.private", d("2026-07-04")));
    let l = limit(false, OfferKind::Loentilskud, Employer::Public, true);
    assert_eq!((l.rule_id.as_str(), l.last_day), ("company_offer.loentilskud.public", d("2026-05-04")));
    let l = limit(true, OfferKind::Loentilskud, Employer::Public, false);
    assert_eq!(l.rule_id, "company_offer.loentilskud.programme_public");
    // Before the rules' valid-from nothing is known.
    assert!(offer_length(set, &refugee(true), OfferKind::Praktik, Employer::Private, true, d("2024-06-01")).is_none());
}

#[test]
fn the_ratio_rule_gives_seats_by_ordinary_employees() {
    let set = RuleSet::shipped();
    let on = d("2026-01-05");
    let seats = |staff| staff_ratio(set, OfferKind::Praktik, staff, on).unwrap().seats;
    // One per 5 up to 50 employees, always at least one; one more per 10 beyond.
    assert_eq!([0, 1, 5, 9, 10, 14, 15, 49, 50, 59, 60, 75, 120].map(seats), [1, 1, 1, 1, 2, 2, 3, 9, 10, 10, 11, 12, 17]);
    let r = staff_ratio(set, OfferKind::Loentilskud, 20, on).unwrap();
    assert_eq!((r.seats, r.offers.clone(), r.confirmed), (4, vec![OfferKind::Praktik, OfferKind::Loentilskud], false));
    assert_eq!(r.source.number, "BEK nr. 2636 af 28/12/2021");
}

proptest! {
    #[test]
    fn more_employees_never_give_fewer_seats(staff in 0u32..100_000) {
        let set = RuleSet::shipped();
        let on = d("2026-01-05");
        let a = staff_ratio(set, OfferKind::Praktik, staff, on).unwrap().seats;
        let b = staff_ratio(set, OfferKind::Praktik, staff + 1, on).unwrap().seats;
        prop_assert!(a <= b && a >= 1 && a <= staff.max(1));
    }
}

#[test]
fn wage_subsidy_needs_extra_jobs_and_praktik_does_not() {
    let set = RuleSet::shipped();
    let on = d("2026-01-05");
    let rule = requirement(set, "extra_jobs", OfferKind::Loentilskud, on).unwrap();
    assert_eq!(rule.id, "company_offer.extra_jobs");
    assert!(requirement(set, "extra_jobs", OfferKind::Praktik, on).is_none());
}

#[test]
fn every_offer_limit_is_unverified_and_cites_its_law() {
    let set = RuleSet::shipped();
    let offers: Vec<_> = set.rules().iter().filter(|r| r.area == "virksomhedsrettede_tilbud").collect();
    assert_eq!(offers.len(), 10);
    for r in offers {
        assert!(!r.confirmed, "{} must be marked unverified until checked", r.id);
        assert!(r.source.url.as_deref().is_some_and(|u| u.starts_with("https://www.retsinformation.dk/")), "{}", r.id);
        assert!(matches!(r.measure, Measure::OfferLength { .. } | Measure::StaffRatio { .. } | Measure::Requirement { .. }), "{}", r.id);
    }
}

const HEAD: &str = "area = \"test\"\n[[rule]]\nid = \"x.y\"\nversion = 1\ntitle = \"T\"\nexplanation = \"E\"\nlaw = \"L\"\nlaw_number = \"lov nr. 1 af 01/01/2025\"\nparagraph = \"§ 1, stk. 1\"\nvalid_from = 2025-01-01\n";

#[test]
fn the_loader_checks_the_offer_measures() {
    let parse = |measure: &str| rules::parse_rules("rules/test.toml", &format!("{HEAD}measure = {measure}\n"));
    let err = parse("{ kind = \"offer_length\", offer = \"job\", length = { weeks = 4 } }").unwrap_err();
    assert!(matches!(err.kind, LoadErrorKind::UnknownValue { field: "measure.offer", .. }), "{err}");
    let err = parse("{ kind = \"offer_length\", offer = \"praktik\" }").unwrap_err();
    assert!(matches!(err.kind, LoadErrorKind::MissingField { field: "length", .. }), "{err}");
    let err = parse("{ kind = \"staff_ratio\", offers = [\"praktik\"], per_staff = 0, up_to_staff = 50, then_per_staff = 10 }").unwrap_err();
    assert!(matches!(err.kind, LoadErrorKind::InvalidValue { field: "per_staff", .. }), "{err}");
    let err = parse("{ kind = \"requirement\", key = \"extra_jobs\", offers = [\"praktik\"], weeks = 3 }").unwrap_err();
    assert!(matches!(err.kind, LoadErrorKind::UnexpectedField { field: "weeks", .. }), "{err}");
    let ok =
        parse("{ kind = \"offer_length\", offer = \"loentilskud\", length = { months = 6 }, employer = \"public\", job_ready = false, extendable = true }")
            .unwrap();
    assert_eq!(
        ok[0].measure,
        Measure::OfferLength {
            offer: OfferKind::Loentilskud,
            length: Offset::Months(6),
            employer: Some(Employer::Public),
            job_ready: Some(false),
            extendable: true
        }
    );
}
