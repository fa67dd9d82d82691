//! The employment model and term: the estimator recovers known area effects
//! and an area × education interaction from synthetic residents, falls back to
//! the municipality-wide model for an area with too few, beats the overall rate
//! in cross-validation; the placement with the term reaches the brute-force
//! optimum of the combined model; and weight 0 leaves the proposal and its
//! explanation exactly as without a model.
mod common;

use common::{brute_force_with, instance, settings};
use placement::employment::{EmploymentModel, Features, MIN_RESIDENTS, Resident, parse_outcomes};
use placement::input::Source;
use placement::{Area, AreaCosts, AreaId, explain, explain_with, place, place_employment};
use proptest::prelude::*;

/// A small repeatable generator for the synthetic residents.
struct Lcg(u64);

impl Lcg {
    fn unit(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: u32) -> u32 {
        (self.unit() * f64::from(n)) as u32
    }
}

const EFFECT: [f64; 6] = [-0.8, -0.3, 0.0, 0.3, 0.8, 1.5];
const EDUCATION_BY_AREA: [f64; 6] = [0.3, 0.0, 0.0, 0.0, -0.3, 0.0];

fn areas() -> Vec<Area> {
    (0..6).map(|i| Area { id: AreaId(format!("A{i}")), name: format!("Område {i}"), listed: false, existing_households: 0 }).collect()
}

/// Residents drawn from a known model; area 5 has only 10 of them.
fn synthetic(per_area: usize) -> Vec<Resident> {
    let mut rng = Lcg(42);
    let mut out = Vec::new();
    for (area, (&effect, &by_education)) in EFFECT.iter().zip(&EDUCATION_BY_AREA).enumerate() {
        let n = if area == 5 { 10 } else { per_area };
        for _ in 0..n {
            let features = Features { age: 18 + rng.below(43), female: rng.unit() < 0.5, education_years: rng.below(19), danish_level: rng.below(4) };
            let age = (f64::from(features.age) - 38.5) / 12.4;
            let education = (f64::from(features.education_years) - 9.0) / 5.5;
            let logit = -0.4 + 0.3 * age - 0.3 * age * age - 0.5 * f64::from(u8::from(features.female))
                + 0.5 * education
                + 0.3 * f64::from(features.danish_level)
                + effect
                + by_education * education;
            let employed = rng.unit() < 1.0 / (1.0 + (-logit).exp());
            out.push(Resident { area, features, employed });
        }
    }
    out
}

#[test]
fn the_estimator_recovers_known_area_effects() {
    let residents = synthetic(3000);
    let model = EmploymentModel::fit(&residents, &areas()).expect("fits");
    let column = |a: usize| model.areas[a].column.expect("enough residents");
    // Effects are identified up to the intercept: compare with area 2 (effect 0).
    let base = model.coefficients[column(2)];
    for (a, &truth) in EFFECT.iter().enumerate().take(5) {
        let estimated = model.coefficients[column(a)] - base;
        assert!((estimated - truth).abs() < 0.15, "area {a}: {estimated} against {truth}");
    }
    // The interaction is on standardised education; its scale is the data's.
    let sd = model.scaling[3];
    let slope = |a: usize| (model.coefficients[4] + model.coefficients[column(a) + 1]) / sd;
    for (a, &by_education) in EDUCATION_BY_AREA.iter().enumerate().take(5) {
        let truth = (0.5 + by_education) / 5.5;
        assert!((slope(a) - truth).abs() < 0.03, "area {a}: slope {} against {truth}", slope(a));
    }
    let cv = model.cross_validation;
    assert_eq!(cv.folds, 5);
    assert!(cv.log_loss < cv.baseline_log_loss - 0.02, "{cv:?}");
    assert!(cv.brier > 0.0 && cv.brier < 0.25);
}

#[test]
fn an_area_with_too_few_residents_gets_the_municipality_wide_model() {
    let residents = synthetic(400);
    let model = EmploymentModel::fit(&residents, &areas()).expect("fits");
    const { assert!(10 < MIN_RESIDENTS) };
    assert_eq!(model.areas[5].residents, 10);
    assert_eq!(model.areas[5].column, None);
    let person = Features { age: 30, female: true, education_years: 12, danish_level: 2 };
    let small = model.estimate(&AreaId::from("A5"), Some(&person));
    let unknown = model.estimate(&AreaId::from("no such area"), Some(&person));
    assert!(small.fallback && unknown.fallback);
    assert_eq!(small.residents, 10);
    assert_eq!(small.p, unknown.p);
    let big = model.estimate(&AreaId::from("A4"), Some(&person));
    assert!(!big.fallback);
    assert_eq!(big.residents, 400);
    for e in [small, big] {
        assert!(e.low < e.p && e.p < e.high, "{e:?}");
    }
    // Area 4 is better than the municipality as a whole, area 0 worse.
    let poor = model.estimate(&AreaId::from("A0"), Some(&person));
    assert!(poor.p < small.p && small.p < big.p, "{} {} {}", poor.p, small.p, big.p);
}

#[test]
fn outcomes_are_read_with_errors_naming_the_field() {
    let areas = areas();
    let read = |row: &str| {
        let text = format!("area_id,age,sex,education_years,danish_level,employed_12m\n{row}\n");
        parse_outcomes(Source { name: "outcomes.csv", text: &text }, &areas)
    };
    let ok = read("A1,30,f,12,2,1").expect("valid");
    assert_eq!(ok[0].area, 1);
    assert!(ok[0].features.female && ok[0].employed);
    let e = read("A9,30,f,12,2,1").unwrap_err();
    assert_eq!((e.line, e.column, e.field), (2, Some(1), Some("area_id")));
    let e = read("A1,30,x,12,2,1").unwrap_err();
    assert_eq!(e.to_string(), "outcomes.csv:2:3: feltet «sex»: «x» skal være f (kvinde) eller m (mand)");
    let e = read("A1,12,f,12,2,1").unwrap_err();
    assert_eq!(e.to_string(), "outcomes.csv:2:2: feltet «age»: «12» skal ligge mellem 15 og 99");
    let e = read("A1,30,f,12,4,1").unwrap_err();
    assert_eq!(e.field, Some("danish_level"));
    let e = read("A1,30,f,12,2,2").unwrap_err();
    assert_eq!(e.field, Some("employed_12m"));
}

fn area_costs(n_h: usize, n_a: usize) -> impl Strategy<Value = AreaCosts> {
    prop::collection::vec(0i64..3000, n_h * n_a).prop_map(move |c| AreaCosts::new(n_a, c))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_employment_term_reaches_the_optimum_of_the_combined_model(
        (instance, costs) in instance().prop_flat_map(|i| {
            let (h, a) = (i.households().len(), i.areas().len());
            (Just(i), area_costs(h, a))
        }),
        settings in settings(),
    ) {
        let optimum = brute_force_with(&instance, &settings, &|_, _| true, &|h, a| costs.get(h, a));
        let proposal = place_employment(&instance, &settings, &costs).expect("solves");
        prop_assert_eq!(proposal.objective, optimum);
        let shares: i64 = proposal.placements.iter().map(|p| p.cost.total()).sum();
        prop_assert_eq!(shares, proposal.objective);
        for (h, p) in proposal.placements.iter().enumerate() {
            let expected = p.area.as_ref().map_or(0, |a| {
                costs.get(h, instance.areas().iter().position(|x| &x.id == a).expect("known"))
            });
            prop_assert_eq!(p.cost.employment, expected);
        }
        // The explanation's next best is still a real move under the combined model.
        for e in explain_with(&instance, &settings, &proposal, Some(&costs)) {
            if let Some(alt) = &e.next_best {
                prop_assert!(alt.extra_total() >= 0);
            }
        }
    }

    #[test]
    fn weight_zero_leaves_the_documented_model_exactly(instance in instance(), settings in settings()) {
        static MODEL: std::sync::OnceLock<EmploymentModel> = std::sync::OnceLock::new();
        let model = MODEL.get_or_init(|| EmploymentModel::fit(&synthetic(60), &areas()).expect("fits"));
        let features: Vec<Option<Features>> = (0..instance.households().len())
            .map(|i| (i % 2 == 0).then_some(Features { age: 20 + i as u32, female: i % 3 == 0, education_years: 9, danish_level: 1 }))
            .collect();
        let costs = model.area_costs(instance.areas(), &features, 0);
        let with = place_employment(&instance, &settings, &costs).expect("solves");
        let without = place(&instance, &settings).expect("solves");
        prop_assert_eq!(&with, &without);
        prop_assert_eq!(
            explain_with(&instance, &settings, &with, Some(&costs)),
            explain(&instance, &settings, &without)
        );
    }
}
