//! The statutory key and the distribution of the national figure (landstal) to
//! municipal quotas (kommunekvoter) and regional quotas (regionskvoter).
//!
//! Integrationsloven §§ 6–8 and BEK nr. 550 of 2022 § 4, as stated in the product
//! brief: share = population share − (share of resident immigrants and refugees −
//! population share); negative shares become 0 and the rest is renormalised;
//! quota = share × (landstal + family-reunified to refugees who arrived the year
//! before) − those family-reunified who arrived in the municipality, again with
//! negatives set to 0; the region's quota is the sum of its municipalities'.
//! All of it is done in exact integer arithmetic and rounded once, by largest
//! remainder, so that the parts sum exactly to the landstal.
use crate::apportion::largest_remainder;
use crate::municipalities;
use crate::population::{MAX_POPULATION, PopulationRow};
use std::fmt;

/// Largest national figure accepted (far above any real landstal); with
/// [`MAX_POPULATION`] it keeps the exact arithmetic inside `u128`.
pub const MAX_NATIONAL: u64 = 1_000_000;

/// Largest refugee adjustment accepted, in per mille (10 × the statutory weight).
pub const MAX_ADJUSTMENT_PERMILLE: u32 = 10_000;

/// The distribution key: how strongly the share of resident refugees reduces a
/// municipality's share.
///
/// share = population share − α × (refugee share − population share), with
/// α = `refugee_adjustment_permille` / 1000. The statutory key is α = 1 (the
/// default); α = 0 gives plain population shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotaKey {
    /// α in per mille, 0..=[`MAX_ADJUSTMENT_PERMILLE`].
    pub refugee_adjustment_permille: u32,
}

impl Default for QuotaKey {
    fn default() -> Self {
        QuotaKey { refugee_adjustment_permille: 1000 }
    }
}

/// Why a distribution cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum QuotaError {
    /// The national figure is above [`MAX_NATIONAL`].
    NationalTooLarge {
        /// The figure given.
        national: u64,
    },
    /// The adjustment is above [`MAX_ADJUSTMENT_PERMILLE`].
    AdjustmentTooLarge {
        /// The value given, per mille.
        permille: u32,
    },
    /// A positive national figure, but every municipality's share is 0 (no rows,
    /// no population, or everything cancelled out).
    NoBasis,
    /// A row's figures are out of range (rows from [`crate::parse_population`]
    /// never are).
    RowOutOfRange {
        /// The municipality code of the row.
        municipality_code: String,
    },
    /// A row names a municipality that is not in the table, or names one twice.
    BadMunicipality {
        /// The municipality code of the row.
        municipality_code: String,
    },
}

impl fmt::Display for QuotaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QuotaError::NationalTooLarge { national } => {
                write!(f, "landstallet {national} er større end det tilladte {MAX_NATIONAL}")
            }
            QuotaError::AdjustmentTooLarge { permille } => write!(f, "flygtningevægten {permille}‰ er større end det tilladte {MAX_ADJUSTMENT_PERMILLE}‰"),
            QuotaError::NoBasis => write!(
                f,
                "ingen kommune har en positiv andel, så landstallet kan ikke fordeles; \
                 kontrollér befolkningstallene"
            ),
            QuotaError::RowOutOfRange { municipality_code } => {
                write!(f, "tallene for kommune {municipality_code} er uden for det tilladte område")
            }
            QuotaError::BadMunicipality { municipality_code } => {
                write!(f, "kommunekoden {municipality_code} er ukendt eller står to gange")
            }
        }
    }
}

impl std::error::Error for QuotaError {}

/// One municipality's quota.
#[derive(Debug, Clone, PartialEq)]
pub struct MunicipalityQuota {
    /// Four-digit municipality code.
    pub code: String,
    /// Municipality name.
    pub name: String,
    /// Region code.
    pub region_code: String,
    /// The key's share after clamping and renormalising (0..=1; for display).
    pub share: f64,
    /// The unrounded quota before largest remainder (for display).
    pub exact: f64,
    /// The quota: whole persons.
    pub quota: u64,
}

/// One region's quota: the sum of its municipalities' quotas.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionQuota {
    /// Region code, 1081–1085.
    pub code: String,
    /// Region name.
    pub name: String,
    /// Sum of the shares of its municipalities (for display).
    pub share: f64,
    /// The quota.
    pub quota: u64,
}

/// The result: regions and municipalities, each ordered by code, each summing
/// exactly to `national`.
#[derive(Debug, Clone, PartialEq)]
pub struct Distribution {
    /// The national figure distributed.
    pub national: u64,
    /// Family-reunified persons added to the basis (sum of the rows' column).
    pub family_reunified: u64,
    /// Regions that have at least one municipality in the input.
    pub regions: Vec<RegionQuota>,
    /// Municipalities in the input.
    pub municipalities: Vec<MunicipalityQuota>,
}

/// Distributes `national` over the municipalities in `rows` by `key`.
///
/// Only the municipalities in `rows` take part (the regions they belong to
/// follow); the result does not depend on the order of `rows`. Ties in largest
/// remainder go to the larger unrounded quota, then to the lower municipality code.
pub fn distribute(national: u64, rows: &[PopulationRow], key: &QuotaKey) -> Result<Distribution, QuotaError> {
    if national > MAX_NATIONAL {
        return Err(QuotaError::NationalTooLarge { national });
    }
    let alpha = key.refugee_adjustment_permille;
    if alpha > MAX_ADJUSTMENT_PERMILLE {
        return Err(QuotaError::AdjustmentTooLarge { permille: alpha });
    }
    let mut rows: Vec<&PopulationRow> = rows.iter().collect();
    rows.sort_by(|a, b| a.municipality_code.cmp(&b.municipality_code));
    for (i, row) in rows.iter().enumerate() {
        let known = municipalities::municipality(&row.municipality_code).is_some();
        let repeated = i > 0 && rows[i - 1].municipality_code == row.municipality_code;
        if !known || repeated {
            return Err(QuotaError::BadMunicipality { municipality_code: row.municipality_code.clone() });
        }
        if row.population > MAX_POPULATION || row.resident_refugees > row.population || row.family_reunified > MAX_POPULATION {
            return Err(QuotaError::RowOutOfRange { municipality_code: row.municipality_code.clone() });
        }
    }

    // Shares over the common denominator 1000·P·R (or P when there are no
    // resident refugees at all: their share is then taken to equal the
    // population share, which leaves the population share).
    let total_population: i128 = rows.iter().map(|r| i128::from(r.population)).sum();
    let total_refugees: i128 = rows.iter().map(|r| i128::from(r.resident_refugees)).sum();
    let alpha = i128::from(alpha);
    let weights: Vec<i128> = rows
        .iter()
        .map(|r| {
            let p = i128::from(r.population);
            let w = if total_refugees == 0 { p } else { (1000 + alpha) * p * total_refugees - alpha * i128::from(r.resident_refugees) * total_population };
            w.max(0)
        })
        .collect();
    let weight_sum: i128 = weights.iter().sum();

    let family_reunified: u64 = rows.iter().map(|r| r.family_reunified).sum();
    let basis = i128::from(national) + i128::from(family_reunified);
    // Claim (× weight_sum): share × basis − family-reunified arrived there, ≥ 0.
    let claims: Vec<u128> = rows
        .iter()
        .zip(&weights)
        .map(|(r, &w)| {
            let claim = w * basis - i128::from(r.family_reunified) * weight_sum;
            u128::try_from(claim.max(0)).expect("clamped to non-negative")
        })
        .collect();
    let quotas = largest_remainder(national, &claims).ok_or(QuotaError::NoBasis)?;
    let claim_sum: u128 = claims.iter().sum();

    let municipalities: Vec<MunicipalityQuota> = rows
        .iter()
        .zip(&weights)
        .zip(claims.iter().zip(&quotas))
        .map(|((row, &w), (&claim, &quota))| {
            let m = municipalities::municipality(&row.municipality_code).expect("checked above");
            MunicipalityQuota {
                code: m.code.clone(),
                name: m.name.clone(),
                region_code: m.region_code.clone(),
                share: if weight_sum > 0 { w as f64 / weight_sum as f64 } else { 0.0 },
                exact: if claim_sum > 0 { national as f64 * claim as f64 / claim_sum as f64 } else { 0.0 },
                quota,
            }
        })
        .collect();
    let regions = municipalities::regions()
        .iter()
        .filter_map(|region| {
            let members = municipalities.iter().filter(|m| m.region_code == region.code);
            let (mut share, mut quota, mut any) = (0.0, 0, false);
            for m in members {
                share += m.share;
                quota += m.quota;
                any = true;
            }
            any.then(|| RegionQuota { code: region.code.clone(), name: region.name.clone(), share, quota })
        })
        .collect();
    Ok(Distribution { national, family_reunified, regions, municipalities })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(code: &str, population: u64, resident_refugees: u64) -> PopulationRow {
        PopulationRow { municipality_code: code.into(), population, resident_refugees, family_reunified: 0 }
    }

    #[test]
    fn statutory_key_reduces_share_by_refugee_overrepresentation() {
        // Population shares 0.5 / 0.5; refugee shares 0.75 / 0.25.
        // Key: 0.5 − (0.75 − 0.5) = 0.25 and 0.5 − (0.25 − 0.5) = 0.75.
        let rows = [row("0101", 1000, 30), row("0147", 1000, 10)];
        let d = distribute(100, &rows, &QuotaKey::default()).expect("distributes");
        let q: Vec<u64> = d.municipalities.iter().map(|m| m.quota).collect();
        assert_eq!(q, [25, 75]);
        assert!((d.municipalities[0].share - 0.25).abs() < 1e-12);
        // Both are in Region Hovedstaden.
        assert_eq!(d.regions.len(), 1);
        assert_eq!(d.regions[0].quota, 100);
    }

    #[test]
    fn zero_adjustment_gives_population_shares() {
        let rows = [row("0101", 1000, 30), row("0147", 3000, 10)];
        let key = QuotaKey { refugee_adjustment_permille: 0 };
        let d = distribute(8, &rows, &key).expect("distributes");
        assert_eq!(d.municipalities.iter().map(|m| m.quota).collect::<Vec<_>>(), [2, 6]);
    }

    #[test]
    fn negative_shares_become_zero_and_the_rest_is_renormalised() {
        // Refugee shares 0.9 / 0.1 against population 0.4 / 0.6:
        // 0.4 − 0.5 < 0 → 0; 0.6 + 0.5 = 1.1 → renormalised to 1.
        let rows = [row("0101", 400, 90), row("0147", 600, 10)];
        let d = distribute(10, &rows, &QuotaKey::default()).expect("distributes");
        assert_eq!(d.municipalities.iter().map(|m| m.quota).collect::<Vec<_>>(), [0, 10]);
        assert_eq!(d.municipalities[0].share, 0.0);
        assert!((d.municipalities[1].share - 1.0).abs() < 1e-12);
    }

    #[test]
    fn family_reunified_who_arrived_are_deducted() {
        // Equal shares 0.5 / 0.5, basis 10 + 4 = 14 → 7 each, minus 4 and 0 → 3 and 7.
        let mut a = row("0101", 1000, 0);
        a.family_reunified = 4;
        let rows = [a, row("0147", 1000, 0)];
        let d = distribute(10, &rows, &QuotaKey::default()).expect("distributes");
        assert_eq!(d.municipalities.iter().map(|m| m.quota).collect::<Vec<_>>(), [3, 7]);
        assert_eq!(d.family_reunified, 4);
    }

    #[test]
    fn regions_are_sums_of_their_municipalities() {
        let rows = [row("0101", 1000, 10), row("0751", 800, 5), row("0461", 500, 9), row("0851", 400, 1)];
        let d = distribute(37, &rows, &QuotaKey::default()).expect("distributes");
        let total: u64 = d.regions.iter().map(|r| r.quota).sum();
        assert_eq!(total, 37);
        for r in &d.regions {
            let sum: u64 = d.municipalities.iter().filter(|m| m.region_code == r.code).map(|m| m.quota).sum();
            assert_eq!(sum, r.quota, "{}", r.code);
        }
        assert_eq!(d.regions.len(), 4);
    }

    #[test]
    fn rejects_what_cannot_be_distributed() {
        assert_eq!(distribute(5, &[], &QuotaKey::default()), Err(QuotaError::NoBasis));
        assert_eq!(distribute(5, &[row("0101", 0, 0)], &QuotaKey::default()), Err(QuotaError::NoBasis));
        assert!(matches!(distribute(MAX_NATIONAL + 1, &[row("0101", 1, 0)], &QuotaKey::default()), Err(QuotaError::NationalTooLarge { .. })));
        assert!(matches!(distribute(5, &[row("0101", 1, 0), row("0101", 1, 0)], &QuotaKey::default()), Err(QuotaError::BadMunicipality { .. })));
        let zero = distribute(0, &[], &QuotaKey::default()).expect("nothing to distribute");
        assert!(zero.municipalities.is_empty());
    }
}
