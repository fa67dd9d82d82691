//! Computing indicators: hand-worked cases for the shipped indicators, and
//! properties (breakdowns partition the total, an anniversary cohort counts a
//! person in exactly one month, the numerator never exceeds the denominator).

use calendar::Date;
use indicators::{
    AgeBand, Breakdown, Category, Event, EventKind, Month, PersonRecord, ResidenceBasis, Sex, Spell, StatusKind, Unit, compute, compute_series, evaluate, find,
};
use proptest::prelude::*;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn m(s: &str) -> Month {
    s.parse().unwrap()
}

fn adult(id: u64, municipality: &str, sex: Sex, arrival: &str) -> PersonRecord {
    PersonRecord::new(id, municipality, sex, d("1990-06-15"), ResidenceBasis::Refugee, d(arrival))
}

fn spell(kind: StatusKind, from: &str, to: Option<&str>) -> Spell {
    Spell { kind, from: d(from), to: to.map(d) }
}

fn event(kind: EventKind, date: &str) -> Event {
    Event { kind, date: d(date) }
}

#[test]
fn work_or_education_is_measured_on_the_twelve_month_anniversary() {
    let ind = find("work_or_education_12m").unwrap();
    let mut working = adult(1, "0101", Sex::Female, "2025-04-10");
    working.takeover_date = Some(d("2025-06-02"));
    working.spells.push(spell(StatusKind::Work, "2026-03-01", None));
    let mut studying_ended = adult(2, "0101", Sex::Male, "2025-04-10");
    studying_ended.takeover_date = Some(d("2025-06-20"));
    studying_ended.spells.push(spell(StatusKind::Education, "2025-09-01", Some("2026-06-19")));
    let mut igu = adult(3, "0101", Sex::Male, "2025-04-10");
    igu.takeover_date = Some(d("2025-06-30"));
    igu.spells.push(spell(StatusKind::Igu, "2026-06-30", None));
    let mut other_month = adult(4, "0101", Sex::Male, "2025-04-10");
    other_month.takeover_date = Some(d("2025-07-01"));
    let mut moved_away = adult(5, "0101", Sex::Male, "2025-04-10");
    moved_away.takeover_date = Some(d("2025-06-05"));
    moved_away.left_date = Some(d("2026-06-05"));
    let no_takeover = adult(6, "0101", Sex::Male, "2025-04-10");

    let people = [working, studying_ended, igu, other_month, moved_away, no_takeover];
    let rows = compute(ind, &people, m("2026-06"));
    assert_eq!(rows.len(), 1);
    let total = rows[0].total;
    // Persons 1, 2, 3 reach 12 months in June 2026; 5 left on the anniversary.
    assert_eq!((total.numerator, total.denominator), (2, 3));
    assert_eq!(total.value(Unit::Percent).unwrap().round(), 67.0);
    let by_sex = rows[0].breakdown(Breakdown::Sex);
    assert_eq!(by_sex[0], (Category::Sex(Sex::Female), indicators::Cell { denominator: 1, numerator: 1, days_total: 0 }));
    assert_eq!(by_sex[1].1.denominator, 2);
    // Person 4 is in July's cohort instead.
    assert_eq!(compute(ind, &people, m("2026-07"))[0].total.denominator, 1);
}

#[test]
fn a_du_module_counts_only_within_twelve_months_of_the_first_referral() {
    let ind = find("du_module_12m").unwrap();
    let mut on_time = adult(1, "0101", Sex::Female, "2025-01-01");
    on_time.events.push(event(EventKind::DuReferral, "2025-05-15"));
    on_time.events.push(event(EventKind::DuModulePassed, "2026-05-15"));
    let mut late = adult(2, "0101", Sex::Female, "2025-01-01");
    late.events.push(event(EventKind::DuReferral, "2025-05-10"));
    late.events.push(event(EventKind::DuModulePassed, "2026-05-11"));
    let rows = compute(ind, &[on_time, late], m("2026-05"));
    assert_eq!((rows[0].total.numerator, rows[0].total.denominator), (1, 2));
}

#[test]
fn daycare_counts_children_aged_three_to_five_at_the_month_end() {
    let ind = find("daycare_3_5").unwrap();
    let child = |id, born: &str| PersonRecord::new(id, "0101", Sex::Male, d(born), ResidenceBasis::FamilyReunifiedToRefugee, d("2025-01-01"));
    let mut three = child(1, "2023-10-31");
    three.spells.push(spell(StatusKind::Daycare, "2026-01-01", None));
    let two = child(2, "2023-11-01"); // turns 3 on 1 November
    let five = child(3, "2020-11-01"); // 5 until 31 October 2026 … and 6 after
    let six = child(4, "2020-10-31");
    let rows = compute(ind, &[three, two, five, six], m("2026-10"));
    assert_eq!((rows[0].total.numerator, rows[0].total.denominator), (1, 2));
    assert_eq!(rows[0].by_category[&Category::Age(AgeBand::A0To5)].denominator, 2);
}

#[test]
fn a_contract_is_in_time_when_signed_by_the_due_date() {
    let ind = find("contract_in_time").unwrap();
    let mut in_time = adult(1, "0101", Sex::Female, "2026-01-10");
    in_time.events.push(event(EventKind::ContractDue, "2026-03-02"));
    in_time.events.push(event(EventKind::ContractSigned, "2026-03-02"));
    let mut late = adult(2, "0101", Sex::Male, "2026-01-10");
    late.events.push(event(EventKind::ContractDue, "2026-03-16"));
    late.events.push(event(EventKind::ContractSigned, "2026-03-17"));
    let mut missing = adult(3, "0101", Sex::Male, "2026-01-10");
    missing.events.push(event(EventKind::ContractDue, "2026-03-31"));
    let rows = compute(ind, &[in_time, late, missing], m("2026-03"));
    assert_eq!((rows[0].total.numerator, rows[0].total.denominator), (1, 3));
}

#[test]
fn women_in_company_offers_count_any_day_of_the_month() {
    let ind = find("women_company_offer").unwrap();
    let woman = |id, born: &str| {
        let mut p = PersonRecord::new(id, "0101", Sex::Female, d(born), ResidenceBasis::Refugee, d("2025-01-01"));
        p.spells.push(spell(StatusKind::Programme, "2025-02-01", None));
        p
    };
    let mut a = woman(1, "1990-01-01");
    a.spells.push(spell(StatusKind::CompanyOffer, "2026-08-01", Some("2026-09-03")));
    let b = woman(2, "1990-01-01");
    let too_old = woman(3, "1970-01-01");
    let mut man = adult(4, "0101", Sex::Male, "2025-01-01");
    man.spells.push(spell(StatusKind::Programme, "2025-02-01", None));
    let rows = compute(ind, &[a, b, too_old, man], m("2026-09"));
    assert_eq!((rows[0].total.numerator, rows[0].total.denominator), (1, 2));
}

#[test]
fn permanent_housing_is_measured_six_months_after_arrival() {
    let ind = find("permanent_housing_6m").unwrap();
    let mut a = adult(1, "0101", Sex::Female, "2026-02-28");
    a.spells.push(spell(StatusKind::TemporaryHousing, "2026-02-28", Some("2026-07-31")));
    a.spells.push(spell(StatusKind::PermanentHousing, "2026-08-01", None));
    let mut b = adult(2, "0101", Sex::Male, "2026-02-01");
    b.spells.push(spell(StatusKind::TemporaryHousing, "2026-02-01", None));
    let rows = compute(ind, &[a.clone(), b], m("2026-08"));
    assert_eq!((rows[0].total.numerator, rows[0].total.denominator), (2 - 1, 2));
    assert_eq!(evaluate(ind, &a, m("2026-08")).unwrap().measured_on, d("2026-08-28"));

    let days = find("days_to_permanent_housing").unwrap();
    let e = evaluate(days, &a, m("2027-02")).unwrap();
    assert_eq!(e.days, Some(154));
    let rows = compute(days, &[a], m("2027-02"));
    assert_eq!(rows[0].total.value(Unit::Days), Some(154.0));
}

#[test]
fn association_membership_counts_adults_and_children() {
    let ind = find("association_active").unwrap();
    let mut child = PersonRecord::new(1, "0147", Sex::Male, d("2015-01-01"), ResidenceBasis::Refugee, d("2025-01-01"));
    child.spells.push(spell(StatusKind::Association, "2026-01-01", None));
    let parent = adult(2, "0147", Sex::Female, "2025-01-01");
    let rows = compute(ind, &[child, parent], m("2026-05"));
    assert_eq!((rows[0].total.numerator, rows[0].total.denominator), (1, 2));
    assert_eq!(rows[0].municipality, "0147");
}

#[test]
fn municipalities_are_kept_apart_and_a_series_has_every_month() {
    let ind = find("association_active").unwrap();
    let people = [adult(1, "0101", Sex::Female, "2025-01-01"), adult(2, "0147", Sex::Female, "2026-03-01")];
    let series = compute_series(ind, &people, m("2026-01"), m("2026-04"));
    assert_eq!(series.len(), 4);
    let jan = &series[0].1;
    assert_eq!(jan.len(), 2);
    assert_eq!(jan[1].municipality, "0147");
    assert_eq!(jan[1].total.denominator, 0, "not arrived yet");
    assert_eq!(series[3].1[1].total.denominator, 1);
}

fn arb_person() -> impl Strategy<Value = PersonRecord> {
    let day = |lo: i64, hi: i64| (lo..hi).prop_map(|n| Date::from_day_number(n).unwrap());
    let base = d("2020-01-01").day_number();
    (
        0u64..1000,
        prop_oneof![Just("0101"), Just("0147"), Just("0751")],
        any::<bool>(),
        day(base - 70 * 365, base),
        0usize..ResidenceBasis::ALL.len(),
        day(base, base + 6 * 365),
        proptest::option::of(0i64..400),
        proptest::collection::vec((0usize..StatusKind::ALL.len(), 0i64..2000, proptest::option::of(0i64..700)), 0..5),
        proptest::collection::vec((0usize..EventKind::ALL.len(), 0i64..2000), 0..5),
    )
        .prop_map(move |(id, muni, female, born, res, arrival, takeover, spells, events)| {
            let mut p = PersonRecord::new(id, muni, if female { Sex::Female } else { Sex::Male }, born, ResidenceBasis::ALL[res], arrival);
            p.takeover_date = takeover.map(|t| arrival.add_days(t).unwrap());
            for (k, from, len) in spells {
                let from = arrival.add_days(from).unwrap();
                p.spells.push(Spell { kind: StatusKind::ALL[k], from, to: len.map(|l| from.add_days(l).unwrap()) });
            }
            for (k, at) in events {
                p.events.push(Event { kind: EventKind::ALL[k], date: arrival.add_days(at).unwrap() });
            }
            p
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn breakdowns_partition_the_total(
        people in proptest::collection::vec(arb_person(), 0..40),
        offset in 0i64..80,
    ) {
        let month = m("2020-06").plus_months(offset).unwrap();
        for ind in indicators::shipped() {
            for row in compute(ind, &people, month) {
                prop_assert!(row.total.numerator <= row.total.denominator);
                for b in Breakdown::ALL {
                    let sum = row
                        .breakdown(b)
                        .into_iter()
                        .fold(indicators::Cell::default(), |acc, (_, c)| acc.plus(c));
                    prop_assert_eq!(sum, row.total, "{} {:?}", ind.id, b);
                }
            }
        }
    }

    #[test]
    fn the_series_counts_exactly_what_evaluating_each_person_each_month_gives(
        people in proptest::collection::vec(arb_person(), 0..40),
        offset in 0i64..60,
        span in 0i64..30,
    ) {
        let (first, last) = (m("2020-06").plus_months(offset).unwrap(), m("2020-06").plus_months(offset + span).unwrap());
        for ind in indicators::shipped() {
            let series = compute_series(ind, &people, first, last);
            prop_assert_eq!(series.len(), first.through(last).count());
            for (month, rows) in series {
                // The oracle: every person evaluated on their own, counted by municipality and category.
                let mut codes: Vec<&str> = people.iter().map(|p| p.municipality.as_str()).collect();
                codes.sort_unstable();
                codes.dedup();
                prop_assert_eq!(rows.iter().map(|r| r.municipality.as_str()).collect::<Vec<_>>(), codes.clone());
                for row in &rows {
                    let mut total = indicators::Cell::default();
                    let mut by: std::collections::BTreeMap<indicators::Category, indicators::Cell> = Breakdown::ALL
                        .iter()
                        .flat_map(|b| b.categories())
                        .map(|c| (c, indicators::Cell::default()))
                        .collect();
                    for p in people.iter().filter(|p| p.municipality == row.municipality) {
                        if let Some(e) = evaluate(ind, p, month) {
                            total.add(&e);
                            for c in indicators::categories_of(p, e.measured_on) {
                                by.get_mut(&c).unwrap().add(&e);
                            }
                        }
                    }
                    prop_assert_eq!(row.total, total, "{} {}", ind.id, month);
                    prop_assert_eq!(&row.by_category, &by, "{} {}", ind.id, month);
                }
                prop_assert_eq!(compute(ind, &people, month), rows);
            }
        }
    }

    #[test]
    fn an_anniversary_cohort_counts_a_person_at_most_once(person in arb_person()) {
        for ind in indicators::shipped() {
            if matches!(ind.reference, indicators::Reference::Anniversary { .. }) {
                let months = m("2019-01").through(m("2034-12"));
                let n = months.filter(|mo| evaluate(ind, &person, *mo).is_some()).count();
                prop_assert!(n <= 1, "{} counted {} times", ind.id, n);
            }
        }
    }
}
