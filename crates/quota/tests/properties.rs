//! Property tests for quota distribution: the parts always sum exactly to the
//! national figure, each part is its exact quota rounded down or up, the result
//! does not depend on row order, and a municipality never gets less than one with
//! a smaller population and more resident refugees.
use proptest::prelude::*;
use quota::{Distribution, PopulationRow, QuotaError, QuotaKey, distribute, municipalities};

fn rows() -> impl Strategy<Value = Vec<PopulationRow>> {
    let all = municipalities().len();
    prop::collection::vec((0..all, 0u64..200_000, 0u32..=1000, 0u64..40), 1..25).prop_map(|raw| {
        let mut seen = Vec::new();
        raw.into_iter()
            .filter(|(i, ..)| {
                let fresh = !seen.contains(i);
                seen.push(*i);
                fresh
            })
            .map(|(i, population, permille, family_reunified)| PopulationRow {
                municipality_code: municipalities()[i].code.clone(),
                population,
                resident_refugees: population * u64::from(permille) / 1000,
                family_reunified,
            })
            .collect()
    })
}

fn key() -> impl Strategy<Value = QuotaKey> {
    (0u32..=3000).prop_map(|refugee_adjustment_permille| QuotaKey { refugee_adjustment_permille })
}

fn quotas(d: &Distribution) -> Vec<(String, u64)> {
    d.municipalities.iter().map(|m| (m.code.clone(), m.quota)).collect()
}

proptest! {
    #[test]
    fn parts_sum_exactly_to_the_national_figure(rows in rows(), national in 0u64..5000, key in key()) {
        match distribute(national, &rows, &key) {
            Ok(d) => {
                prop_assert_eq!(d.municipalities.iter().map(|m| m.quota).sum::<u64>(), national);
                prop_assert_eq!(d.regions.iter().map(|r| r.quota).sum::<u64>(), national);
                for r in &d.regions {
                    let sum: u64 = d.municipalities.iter()
                        .filter(|m| m.region_code == r.code).map(|m| m.quota).sum();
                    prop_assert_eq!(sum, r.quota);
                }
                for m in &d.municipalities {
                    // Largest remainder never moves a part by a whole seat.
                    prop_assert!(m.quota as f64 >= (m.exact - 1e-6).floor(), "{:?}", m);
                    prop_assert!(m.quota as f64 <= (m.exact + 1e-6).ceil(), "{:?}", m);
                }
            }
            Err(e) => {
                prop_assert_eq!(e, QuotaError::NoBasis);
                prop_assert!(national > 0);
            }
        }
    }

    #[test]
    fn row_order_does_not_matter(rows in rows(), national in 1u64..5000, key in key(), seed in any::<u64>()) {
        let mut shuffled = rows.clone();
        // A deterministic shuffle from the seed.
        let n = shuffled.len();
        let mut s = seed;
        for i in (1..n).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        let a = distribute(national, &rows, &key);
        let b = distribute(national, &shuffled, &key);
        match (a, b) {
            (Ok(a), Ok(b)) => prop_assert_eq!(quotas(&a), quotas(&b)),
            (a, b) => prop_assert_eq!(a.is_err(), b.is_err()),
        }
    }

    #[test]
    fn more_people_and_fewer_refugees_never_means_a_smaller_quota(
        rows in rows(), national in 1u64..5000, key in key()
    ) {
        let Ok(d) = distribute(national, &rows, &key) else { return Ok(()) };
        let by_code = |code: &str| rows.iter().find(|r| r.municipality_code == code).expect("input row");
        for a in &d.municipalities {
            for b in &d.municipalities {
                let (ra, rb) = (by_code(&a.code), by_code(&b.code));
                if ra.population >= rb.population
                    && ra.resident_refugees <= rb.resident_refugees
                    && ra.family_reunified <= rb.family_reunified
                {
                    prop_assert!(a.quota >= b.quota, "{:?} vs {:?}", a, b);
                }
            }
        }
    }
}

#[test]
fn equal_municipalities_tie_towards_the_lower_code() {
    let row = |code: &str| PopulationRow { municipality_code: code.into(), population: 1000, resident_refugees: 10, family_reunified: 0 };
    let rows = [row("0147"), row("0101"), row("0151")];
    let d = distribute(4, &rows, &QuotaKey::default()).expect("distributes");
    assert_eq!(quotas(&d), [("0101".to_owned(), 2), ("0147".to_owned(), 1), ("0151".to_owned(), 1)]);
}
