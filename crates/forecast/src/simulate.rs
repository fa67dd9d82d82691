//! The uncertainty band: sampled years. In each, the refugee households of a month are a
//! Poisson count with the expected households as mean, each household's size is drawn
//! from the mix and each member's age band independently; family-reunified persons are a
//! Poisson count with their monthly mean; each adult is referred to Danish education
//! with the uptake share and put on a track; each school-age child starts in a reception
//! class with the reception share. The band is the 10 % and 90 % quantile of each series
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

fn add_person(a: &mut Arrival, band: usize, mix: &crate::Mix, rng: &mut Rng) {
    a.persons += 1.0;
    a.ages[band] += 1.0;
    if band == ADULTS && rng.bernoulli(mix.du_uptake) {
        a.du[rng.categorical(&mix.du_tracks)] += 1.0;
    }
    if let Some(i) = SCHOOL_BANDS.iter().position(|b| *b == band) {
        if rng.bernoulli(mix.reception_share) {
            a.reception += 1.0;
        } else {
            a.school[i] += 1.0;
        }
    }
}

fn sample_year(input: &Input, rng: &mut Rng) -> Vec<[f64; N]> {
    let mix = &input.mix;
    let mean = mix.mean_household_size();
    let arrivals: Vec<Arrival> = input
        .refugees
        .iter()
        .map(|&r| {
            let mut a = Arrival::default();
            let households = if mean > 0.0 { rng.poisson(r / mean) } else { 0 };
            for _ in 0..households {
                let size = rng.categorical(&mix.household_sizes);
                a.households += 1.0;
                a.units[input.unit_for_size[size]] += 1.0;
                for _ in 0..=size {
                    let band = rng.categorical(&mix.refugee_ages);
                    add_person(&mut a, band, mix, rng);
                }
            }
            for _ in 0..rng.poisson(input.reunified_per_month) {
                let band = rng.categorical(&mix.reunified_ages);
                add_person(&mut a, band, mix, rng);
            }
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
