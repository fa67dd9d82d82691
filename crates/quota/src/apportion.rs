//! Largest-remainder apportionment in exact integer arithmetic, so that the parts
//! always sum to the whole and ties are settled by a fixed rule, not by rounding noise.

/// Splits `total` into parts proportional to `claims`, by largest remainder
/// (Hamilton's method).
///
/// Each part is first the floor of its exact quota `total × claim / Σ claims`; the
/// seats left over go one each to the largest remainders. Ties in the remainder go
/// to the larger claim, then to the lower index, so callers that order their input
/// (e.g. by municipality code) get a fully deterministic result.
///
/// Returns `None` when the claims sum to 0 while `total` is positive (nothing to
/// divide by). All parts are 0 when `total` is 0.
///
/// Exactness needs `total × max(claim)` and `Σ claims` to fit in `u128`; callers
/// bound their inputs so that they do.
pub fn largest_remainder(total: u64, claims: &[u128]) -> Option<Vec<u64>> {
    if total == 0 {
        return Some(vec![0; claims.len()]);
    }
    let sum: u128 = claims.iter().sum();
    if sum == 0 {
        return None;
    }
    let total_wide = u128::from(total);
    let mut parts = Vec::with_capacity(claims.len());
    let mut remainders = Vec::with_capacity(claims.len());
    for (index, &claim) in claims.iter().enumerate() {
        let scaled = total_wide * claim;
        let part = u64::try_from(scaled / sum).expect("a part never exceeds the total");
        parts.push(part);
        remainders.push((scaled % sum, claim, index));
    }
    let given: u64 = parts.iter().sum();
    let left = usize::try_from(total - given).expect("fewer seats left than parts");
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    for &(_, _, index) in remainders.iter().take(left) {
        parts[index] += 1;
    }
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_exactly_and_gives_leftovers_to_largest_remainders() {
        // Exact quotas 3.33…, 3.33…, 3.33… → the tie goes to the lowest index.
        assert_eq!(largest_remainder(10, &[1, 1, 1]), Some(vec![4, 3, 3]));
        // 7 × (5, 3, 2)/10 = 3.5, 2.1, 1.4 → 4, 2, 1.
        assert_eq!(largest_remainder(7, &[5, 3, 2]), Some(vec![4, 2, 1]));
    }

    #[test]
    fn equal_remainders_go_to_the_larger_claim_then_the_lower_index() {
        // 2 × (1, 3)/4 = 0.5, 1.5: both remainders are 0.5 → the larger claim wins.
        assert_eq!(largest_remainder(2, &[1, 3]), Some(vec![0, 2]));
        assert_eq!(largest_remainder(2, &[3, 1]), Some(vec![2, 0]));
        // 2 × (1, 1, 2)/4 = 0.5, 0.5, 1.0: equal claims tie → the lower index wins.
        assert_eq!(largest_remainder(2, &[1, 1, 2]), Some(vec![1, 0, 1]));
    }

    #[test]
    fn zero_total_and_zero_claims() {
        assert_eq!(largest_remainder(0, &[0, 0]), Some(vec![0, 0]));
        assert_eq!(largest_remainder(5, &[0, 0]), None);
        assert_eq!(largest_remainder(5, &[]), None);
        assert_eq!(largest_remainder(5, &[0, 7]), Some(vec![0, 5]));
    }
}
