//! The forecast against hand-computed cases, the band against the expected values, the
//! estimation's fallback and the "what if" changes.
use forecast::*;

fn small() -> Input {
    Input {
        refugees: vec![10.0, 0.0, 5.0],
        reunified_per_month: 2.0,
        mix: Mix {
            household_sizes: [0.5, 0.0, 0.0, 0.5, 0.0, 0.0, 0.0, 0.0],
            refugee_ages: [0.1, 0.1, 0.2, 0.0, 0.0, 0.0, 0.6],
            reunified_ages: [0.0, 0.0, 0.5, 0.0, 0.0, 0.0, 0.5],
            du_uptake: 0.5,
            du_tracks: [0.0, 1.0, 0.0],
            reception_share: 0.5,
        },
        unit_for_size: [0, 0, 1, 1, 2, 2, 3, 3],
        du_lag_months: 1,
        du_course_months: [12, 2, 12],
    }
}

fn get(rows: &[[f64; 15]], m: usize, key: &str) -> f64 {
    rows[m][SERIES.iter().position(|s| s.key == key).unwrap()]
}

#[test]
fn expected_values_equal_the_hand_computed_case() {
    // Worked by hand (decision 130): mean household 0.5·1 + 0.5·4 = 2.5 persons.
    // Month 1: 10 refugees + 2 reunified = 12 persons; 10/2.5 = 4 households, half of
    // one person (1 room), half of four (2 rooms). Ages: 0–2: 1, 3–5: 1, 6–9: 2 + 1 = 3,
    // adults 6 + 1 = 7 → DU2 7·0.5 = 3.5 seats from month 2 for 2 months; 6–9-year-olds
    // half in reception class (1.5), half in 0.–3. klasse (1.5).
    // Month 2: 2 reunified: 1 child of 6–9 (0.5 + 0.5), 1 adult (0.5 DU2 from month 3).
    // Month 3: 5 refugees + 2: 2 households (1 + 1 units); 0–2: 0.5, 3–5: 0.5, 6–9: 1 + 1,
    // adults 3 + 1 → DU2 2 from month 4.
    let e = expect(&small());
    let want: [(&str, [f64; 3]); 12] = [
        ("persons", [12.0, 2.0, 7.0]),
        ("households", [4.0, 0.0, 2.0]),
        ("units_1", [2.0, 2.0, 3.0]),
        ("units_2", [2.0, 2.0, 3.0]),
        ("units_3", [0.0, 0.0, 0.0]),
        ("du1", [0.0, 0.0, 0.0]),
        ("du2", [0.0, 3.5, 4.0]), // month 3: 3.5 (still on) + 0.5; month 4 would drop the 3.5
        ("daycare_0_2", [1.0, 1.0, 1.5]),
        ("daycare_3_5", [1.0, 1.0, 1.5]),
        ("school_6_9", [1.5, 2.0, 3.0]),
        ("school_10_12", [0.0, 0.0, 0.0]),
        ("reception", [1.5, 2.0, 3.0]),
    ];
    for (key, values) in want {
        for (m, v) in values.iter().enumerate() {
            assert!((get(&e, m, key) - v).abs() < 1e-9, "{key} month {m}: {} ≠ {v}", get(&e, m, key));
        }
    }
    // The seat is given up when the two-month course ends.
    let mut longer = small();
    longer.refugees.push(0.0);
    assert!((get(&expect(&longer), 3, "du2") - (0.5 + 2.0)).abs() < 1e-9);
}

#[test]
fn the_quota_is_spread_over_the_remaining_months_by_the_profile() {
    let uniform = [1.0 / 12.0; 12];
    let quota = |y: i32| if y == 2027 { 120.0 } else { 60.0 };
    // 30 of 120 have come before October: 90 over October–December, then 60/12 a month.
    assert_eq!(monthly_refugees(quota, 30.0, &uniform, (2027, 10), 4), vec![30.0, 30.0, 30.0, 5.0]);
    // Twice the weight in November.
    let mut profile = [1.0; 12];
    profile[10] = 2.0;
    let r = monthly_refugees(|_| 100.0, 0.0, &profile, (2027, 10), 3);
    assert_eq!(r, vec![25.0, 50.0, 25.0]);
    // More arrived than the quota: nothing more is expected that year.
    assert_eq!(monthly_refugees(|_| 10.0, 12.0, &uniform, (2027, 12), 1), vec![0.0]);
}

fn realistic() -> Input {
    Input {
        refugees: vec![8.0, 12.0, 3.0, 0.0, 20.0, 9.0, 9.0, 4.0, 15.0, 7.0, 6.0, 10.0],
        reunified_per_month: 1.5,
        mix: FALLBACK,
        unit_for_size: [0, 0, 1, 1, 2, 2, 3, 3],
        du_lag_months: 1,
        du_course_months: [30, 18, 12],
    }
}

#[test]
fn the_band_contains_the_expected_value_and_the_sampled_median_agrees() {
    let input = realistic();
    let e = expect(&input);
    let band = simulate(&input, 1000, 2026);
    assert_eq!(band.years, 1000);
    for (m, expected) in e.iter().enumerate() {
        for (s, series) in SERIES.iter().enumerate() {
            let (lo, hi) = (band.low[m][s], band.high[m][s]);
            assert!(lo <= expected[s] + 1e-9 && expected[s] <= hi + 1e-9, "{} month {m}: {} outside {lo}–{hi}", series.key, expected[s]);
            assert!(lo <= band.median[m][s] && band.median[m][s] <= hi);
        }
    }
    // The simulation samples the same model the closed form computes: the median of
    // the sampled years, averaged over four runs, lies close to the expected value.
    let years = 4000;
    let mut sums = vec![[0.0; 15]; input.months()];
    let mut rng_seed = 1;
    for _ in 0..years / 1000 {
        rng_seed += 1;
        let b = simulate(&input, 1000, rng_seed);
        for (sum, median) in sums.iter_mut().zip(&b.median) {
            for (x, v) in sum.iter_mut().zip(median) {
                *x += v / (years / 1000) as f64;
            }
        }
    }
    let last = input.months() - 1;
    for key in ["units_1", "du2", "reception"] {
        let s = SERIES.iter().position(|x| x.key == key).unwrap();
        let rel = (sums[last][s] - e[last][s]).abs() / e[last][s];
        assert!(rel < 0.08, "{key}: median {} against expected {}", sums[last][s], e[last][s]);
    }
}

#[test]
fn the_same_seed_gives_the_same_band() {
    assert_eq!(simulate(&realistic(), 200, 9), simulate(&realistic(), 200, 9));
    assert_ne!(simulate(&realistic(), 200, 9), simulate(&realistic(), 200, 10));
}

#[test]
fn shortages_are_marked_where_the_need_exceeds_the_capacity_summed_so_far() {
    let input = small();
    let e = expect(&input);
    let band = simulate(&input, 500, 1);
    let mut capacity: Capacity = vec![None; 15];
    let units_1 = SERIES.iter().position(|s| s.key == "units_1").unwrap();
    // 2 units free in month 1, none in month 2, 1 in month 3: 2, 2, 3 against 2, 2, 3.
    capacity[units_1] = Some(vec![2.0, 0.0, 0.0]);
    let o = outlook(&e, &band, &capacity);
    let p = &o.series[units_1];
    assert_eq!(p.iter().map(|p| p.capacity).collect::<Vec<_>>(), vec![Some(2.0), Some(2.0), Some(2.0)]);
    assert_eq!(p[2].status, Status::Shortage);
    assert_ne!(p[0].status, Status::Shortage);
    assert_eq!(o.shortage_months(), vec![2]);
    assert!(o.series[0].iter().all(|p| p.status == Status::NoCapacity && p.capacity.is_none()));
}

fn history(households: usize) -> History {
    let mut h = History { reunified_recent: 12, reunified_months: 24, ..History::default() };
    for i in 0..households {
        // Alternately a single adult and a couple with two children (one 4, one 8).
        h.households.push(if i % 2 == 0 { [0, 0, 0, 0, 0, 0, 1] } else { [0, 1, 1, 0, 0, 0, 2] });
    }
    h.arrivals_by_calendar_month = [6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 24];
    h.adults = 30;
    h.du_tracks = [3, 12, 6];
    h.school_children = 4;
    h.reception_children = 4;
    h
}

#[test]
fn the_mix_is_the_municipalitys_own_where_it_has_enough_arrivals_and_the_fallback_elsewhere() {
    let e = estimate(&history(20));
    assert_eq!(e.mix.household_sizes, [0.5, 0.0, 0.0, 0.5, 0.0, 0.0, 0.0, 0.0]);
    // 10 singles + 10·4 = 50 persons: 10 aged 3–5, 10 aged 6–9, 30 adults.
    assert_eq!(e.mix.refugee_ages, [0.0, 0.2, 0.2, 0.0, 0.0, 0.0, 0.6]);
    assert_eq!(e.mix.du_uptake, 21.0 / 30.0);
    assert_eq!(e.mix.du_tracks, [3.0 / 21.0, 12.0 / 21.0, 6.0 / 21.0]);
    assert_eq!(e.mix.reception_share, FALLBACK.reception_share, "4 school children are too few");
    assert_eq!(e.mix.reunified_ages, FALLBACK.reunified_ages);
    assert_eq!(e.reunified_per_month, 0.5);
    assert_eq!(e.profile[0], 7.0 / 42.0);
    assert_eq!(e.profile[11], 25.0 / 42.0);
    assert_eq!(e.profile[5], 1.0 / 42.0);
    assert!(e.sources.contains(&(Part::HouseholdSizes, Source::Own(20))));
    assert!(e.sources.contains(&(Part::Reception, Source::Fallback(4))));
    // 19 households are too few: the fallback for sizes and ages.
    let few = estimate(&history(19));
    assert_eq!(few.mix.household_sizes, FALLBACK.household_sizes);
    assert_eq!(few.mix.refugee_ages, FALLBACK.refugee_ages);
    assert!(few.sources.contains(&(Part::HouseholdSizes, Source::Fallback(19))));
    assert_eq!(estimate(&History::default()).profile, [1.0 / 12.0; 12]);
}

#[test]
fn what_if_the_household_size_or_the_share_of_children_changes() {
    for mean in [1.0, 1.7, 2.5, 4.0, 7.5] {
        let t = tilt_household_size(&FALLBACK.household_sizes, mean).unwrap();
        let got: f64 = t.iter().enumerate().map(|(s, p)| (s + 1) as f64 * p).sum();
        assert!((got - mean).abs() < 1e-6, "{mean}: {got}");
        assert!((t.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }
    assert!(tilt_household_size(&FALLBACK.household_sizes, 0.5).is_none());
    assert!(tilt_household_size(&FALLBACK.household_sizes, 9.0).is_none());
    let a = with_children_share(&FALLBACK.refugee_ages, 0.5);
    assert!((a[..6].iter().sum::<f64>() - 0.5).abs() < 1e-12 && (a[6] - 0.5).abs() < 1e-12);
    // The child bands keep their proportions.
    assert!((a[2] / a[0] - FALLBACK.refugee_ages[2] / FALLBACK.refugee_ages[0]).abs() < 1e-12);
    // More children means more daycare places in the forecast.
    let mut input = realistic();
    let before = get(&expect(&input), 11, "daycare_0_2");
    input.mix.refugee_ages = a;
    assert!(get(&expect(&input), 11, "daycare_0_2") > before);
}
