//! Expected versus actual (indirect standardisation, worked by hand), local
//! goals (validation, planned line, status) and the SVG progress chart.

use calendar::Date;
use indicators::{
    AgeBand, GoalStatus, LocalGoal, Month, Observation, ProgressPoint, ReferenceRates, ResidenceBasis, Sex, Stratum, YearsBand, expected_versus_actual, find,
    partnership_expected, progress_svg,
};
use proptest::prelude::*;

fn m(s: &str) -> Month {
    s.parse().unwrap()
}

fn stratum(residence_basis: ResidenceBasis, sex: Sex) -> Stratum {
    Stratum { residence_basis, age: AgeBand::A30To39, sex, years: YearsBand::Y1To2 }
}

fn obs(municipality: &str, s: Stratum, hits: usize, n: usize) -> Vec<Observation> {
    (0..n).map(|i| Observation { municipality: municipality.to_owned(), stratum: s, outcome: i < hits }).collect()
}

#[test]
fn expected_follows_the_municipalitys_composition() {
    let refugee_m = stratum(ResidenceBasis::Refugee, Sex::Male);
    let reunified_f = stratum(ResidenceBasis::FamilyReunifiedToRefugee, Sex::Female);
    // Reference group: refugee men 60 %, reunified women 20 %.
    let mut all = obs("0101", refugee_m, 30, 50);
    all.extend(obs("0147", reunified_f, 10, 50));
    let rates = ReferenceRates::new(&all);
    assert_eq!(rates.rate(&refugee_m), Some(0.6));
    assert_eq!(rates.overall(), Some(0.4));

    // A municipality with 10 refugee men and 30 reunified women expects
    // (10·0.6 + 30·0.2) / 40 = 30 %; it has 12 of 40 = 30 %: as expected.
    let mut own = obs("0751", refugee_m, 6, 10);
    own.extend(obs("0751", reunified_f, 6, 30));
    let r = expected_versus_actual(&rates, "0751", &own).unwrap();
    assert!((r.expected - 30.0).abs() < 1e-9);
    assert!((r.actual - 30.0).abs() < 1e-9);
    assert!((r.ratio.unwrap() - 1.0).abs() < 1e-9);
    assert_eq!(r.unmatched, 0);
    assert!(r.shown);

    // A stratum the reference group lacks gets the overall rate (40 %).
    let other = stratum(ResidenceBasis::UkrainianSpecialAct, Sex::Female);
    let r = expected_versus_actual(&rates, "0751", &obs("0751", other, 5, 10)).unwrap();
    assert!((r.expected - 40.0).abs() < 1e-9);
    assert_eq!(r.unmatched, 10);
    assert!((r.difference - 10.0).abs() < 1e-9);
}

#[test]
fn small_results_are_marked_not_shown_and_order_is_by_code_not_result() {
    let s = stratum(ResidenceBasis::Refugee, Sex::Female);
    let mut all = obs("0751", s, 9, 10);
    all.extend(obs("0101", s, 1, 10));
    all.extend(obs("0147", s, 2, 3));
    let out = partnership_expected(&all);
    let codes: Vec<&str> = out.iter().map(|r| r.municipality.as_str()).collect();
    assert_eq!(codes, ["0101", "0147", "0751"]);
    assert!(!out[0].shown, "a numerator of 1 is too small");
    assert!(!out[1].shown, "3 persons are too few");
    assert!(out[2].shown);
}

proptest! {
    /// When every municipality has the same rate in every stratum, every
    /// municipality's expected equals its actual, whatever the composition.
    #[test]
    fn equal_rates_mean_actual_equals_expected(
        sizes in proptest::collection::vec((1usize..6, 1usize..6), 1..6),
    ) {
        let a = stratum(ResidenceBasis::Refugee, Sex::Male);
        let b = stratum(ResidenceBasis::OtherFamilyReunified, Sex::Female);
        let mut all = Vec::new();
        for (i, (na, nb)) in sizes.iter().enumerate() {
            let code = format!("{:04}", 100 + i);
            all.extend(obs(&code, a, na * 2, na * 4)); // 50 %
            all.extend(obs(&code, b, *nb, nb * 4)); // 25 %
        }
        for r in partnership_expected(&all) {
            prop_assert!((r.actual - r.expected).abs() < 1e-9);
        }
    }
}

fn goal() -> LocalGoal {
    LocalGoal {
        indicator_id: "daycare_3_5".into(),
        municipality: "0101".into(),
        baseline_month: m("2026-01"),
        baseline: 60.0,
        target: 84.0,
        target_date: "2027-01-31".parse::<Date>().unwrap(),
        reasoning: "Flere børn i dagtilbud giver et bedre sprogligt afsæt.".into(),
    }
}

#[test]
fn a_goal_must_aim_the_right_way_and_say_why() {
    let ind = find("daycare_3_5").unwrap();
    assert_eq!(goal().validate(ind), Ok(()));
    let lower = LocalGoal { target: 50.0, ..goal() };
    assert_eq!(lower.validate(ind).unwrap_err().field, "target");
    let over = LocalGoal { target: 101.0, ..goal() };
    assert_eq!(over.validate(ind).unwrap_err().field, "target");
    let early = LocalGoal { target_date: "2026-01-15".parse().unwrap(), ..goal() };
    assert_eq!(early.validate(ind).unwrap_err().field, "target_date");
    let silent = LocalGoal { reasoning: "  ".into(), ..goal() };
    assert_eq!(silent.validate(ind).unwrap_err().field, "reasoning");
    let days = find("days_to_permanent_housing").unwrap();
    let fewer_days = LocalGoal { indicator_id: days.id.clone(), baseline: 200.0, target: 120.0, ..goal() };
    assert_eq!(fewer_days.validate(days), Ok(()));
}

#[test]
fn status_compares_the_latest_value_with_the_planned_line() {
    let g = goal();
    // 24 points over 12 months: 2 points a month.
    assert!((g.planned(m("2026-07")) - 72.0).abs() < 1e-9);
    assert_eq!(g.planned(m("2028-01")), 84.0);
    let point = |s: &str, v: Option<f64>| ProgressPoint { month: m(s), value: v, persons: v.map(|_| 40) };
    assert_eq!(g.status(&[point("2026-01", Some(60.0))]), GoalStatus::NoData);
    assert!(matches!(g.status(&[point("2026-07", Some(73.0)), point("2026-08", None)]), GoalStatus::OnTrack { .. }));
    assert!(matches!(g.status(&[point("2026-07", Some(65.0))]), GoalStatus::Behind { .. }));
    assert_eq!(g.status(&[point("2026-09", Some(85.0))]), GoalStatus::Reached);
}

#[test]
fn the_chart_is_accessible_svg_with_a_dashed_target_line() {
    let ind = find("daycare_3_5").unwrap();
    let g = goal();
    let series: Vec<ProgressPoint> = m("2026-01")
        .through(m("2026-10"))
        .enumerate()
        .map(|(i, mo)| ProgressPoint { month: mo, value: (i != 4).then_some(60.0 + 1.5 * i as f64), persons: (i != 4).then_some(40 + i as u64) })
        .collect();
    let svg = progress_svg(ind, &series, Some(&g));
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.ends_with("</svg>"));
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains("<title id=\"indikator-daycare_3_5-0101-titel\">Børn på 3–5 år i dagtilbud</title>"));
    assert!(svg.contains("<desc id=\"indikator-daycare_3_5-0101-beskrivelse\">"));
    assert!(svg.contains("Mål: 84 % inden 31.01.2027"), "the target day in Danish form: {svg}");
    assert!(svg.contains("stroke-dasharray"));
    assert!(svg.contains(">Måned</text>") && svg.contains(">Andel (%)</text>"));
    assert!(svg.contains("jan. 2026"));
    // The missing month splits the line in two.
    assert_eq!(svg.matches("<polyline").count(), 2);
    assert!(svg.contains("1 måned uden værdi"));
    assert!(svg.contains("jun. 2026: 67,5 % (45 personer)"), "each value says how many persons it rests on: {svg}");
    // The planned line runs from the baseline (60 % in Jan. 2026) up to the target (84 % in Jan. 2027).
    let line = svg.split("<line class=\"maal\"").nth(1).unwrap().split("/>").next().unwrap().to_string();
    let attr = |name: &str| -> f64 { line.split(&format!(" {name}=\"")).nth(1).unwrap().split('"').next().unwrap().parse().unwrap() };
    assert!(attr("x1") < attr("x2") && attr("y1") > attr("y2"), "rising from baseline to target: {line}");
    assert!(!svg.contains("maj 2026: "), "the missing month has no point");
    // Decimal comma.
    assert!(svg.contains("61,5 %"));
    // Well-formed enough: as many opening as closing text elements.
    assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
}

#[test]
fn text_is_escaped_and_an_empty_chart_says_so() {
    let mut ind = find("persons_in_company_offer").unwrap().clone();
    ind.name = "A & B <i>".into();
    let svg = progress_svg(&ind, &[], None);
    assert!(svg.contains("A &amp; B &lt;i&gt;"));
    assert!(svg.contains("Ingen data"));
    let svg = progress_svg(
        &ind,
        &[
            ProgressPoint { month: m("2026-01"), value: Some(12.0), persons: Some(12) },
            ProgressPoint { month: m("2026-02"), value: Some(30.0), persons: Some(30) },
        ],
        None,
    );
    assert!(svg.contains(">Antal personer</text>"));
    assert!(svg.contains("30 personer"));
}
