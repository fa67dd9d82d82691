//! The uncertainty band: sampled years. In each, the refugee households of a month are a
//! Poisson count with the expected households as mean, their sizes drawn from the mix and
//! each member's age band independently; family-reunified persons are a Poisson count
//! with their monthly mean; each adult is referred to Danish education with the uptake
//! share and put on a track; each school-age child starts in a reception class with the
//! reception share. All of it is drawn as counts, so a year costs the same for a quota of
//! 50 as of 50 000. The band is the 10 % and 90 % quantile of each series
//! in each month over the sampled years.
use crate::model::{ADULTS, Arrival, Input, N, SCHOOL_BANDS, demand};
use crate::rng::Rng;

/// Quantiles of the sampled years, `[month][series]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// 10 % quantile.
    pub low: Vec<[f64; N]>,
    /// Median.
    pub median: Vec<[f64; N]>,
    /// 90 % quantile.
    pub high: Vec<[f64; N]>,
    /// Years sampled.
    pub years: usize,
}

/// Adds `counts` persons per age band: adults referred to Danish education by track,
/// school-age children split between reception class and their grade band.
fn add_persons(a: &mut Arrival, counts: [u64; 7], mix: &crate::Mix, rng: &mut Rng) {
    for (band, n) in counts.iter().enumerate() {
        a.persons += *n as f64;
        a.ages[band] += *n as f64;
    }
    let referred = rng.binomial(counts[ADULTS], mix.du_uptake);
    for (t, n) in rng.multinomial(referred, &mix.du_tracks).iter().enumerate() {
        a.du[t] += *n as f64;
    }
    for (i, band) in SCHOOL_BANDS.iter().enumerate() {
        let reception = rng.binomial(counts[*band], mix.reception_share);
        a.reception += reception as f64;
        a.school[i] += (counts[*band] - reception) as f64;
    }
}

/// One sampled year. Its cost does not grow with the number of persons: households of
/// each size are Poisson counts (thinning the month's Poisson households by the size
/// shares), persons' age bands a multinomial count, and the referrals and reception
/// places binomial counts.
fn sample_year(input: &Input, rng: &mut Rng) -> Vec<[f64; N]> {
    let mix = &input.mix;
    let mean = mix.mean_household_size();
    let arrivals: Vec<Arrival> = input
        .refugees
        .iter()
        .map(|&r| {
            let mut a = Arrival::default();
            let households = if mean > 0.0 { r / mean } else { 0.0 };
            let mut persons = 0;
            for (size, share) in mix.household_sizes.iter().enumerate() {
                let n = rng.poisson(households * share);
                a.households += n as f64;
                a.units[input.unit_for_size[size]] += n as f64;
                persons += n * (size as u64 + 1);
            }
            let bands = rng.multinomial(persons, &mix.refugee_ages);
            add_persons(&mut a, bands, mix, rng);
            let reunified = rng.poisson(input.reunified_per_month);
            let bands = rng.multinomial(reunified, &mix.reunified_ages);
            add_persons(&mut a, bands, mix, rng);
            a
        })
        .collect();
    demand(&arrivals, input)
}

/// The value below which `q` of the sorted values lie (nearest rank).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// Samples `years` years with the generator seeded by `seed` (the same seed and input
/// give the same band).
pub fn simulate(input: &Input, years: usize, seed: u64) -> Band {
    let months = input.months();
    let mut rng = Rng::new(seed);
    let samples: Vec<Vec<[f64; N]>> = (0..years).map(|_| sample_year(input, &mut rng)).collect();
    let mut low = vec![[0.0; N]; months];
    let mut median = vec![[0.0; N]; months];
    let mut high = vec![[0.0; N]; months];
    let mut column = Vec::with_capacity(years);
    for m in 0..months {
        for s in 0..N {
            column.clear();
            column.extend(samples.iter().map(|y| y[m][s]));
            column.sort_by(f64::total_cmp);
            low[m][s] = quantile(&column, 0.10);
            median[m][s] = quantile(&column, 0.50);
            high[m][s] = quantile(&column, 0.90);
        }
    }
    Band { low, median, high, years }
}
