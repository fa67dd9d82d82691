//! A small seeded random number generator (SplitMix64) and the draws the simulation
//! needs; the same seed always gives the same years.

/// SplitMix64 (Steele, Lea and Flood 2014): 64-bit state, passes BigCrush.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn bernoulli(&mut self, p: f64) -> bool {
        self.uniform() < p
    }

    /// An index drawn with the given weights (which sum to about 1).
    pub fn categorical(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut u = self.uniform() * total;
        for (i, w) in weights.iter().enumerate() {
            if u < *w {
                return i;
            }
            u -= w;
        }
        weights.iter().rposition(|w| *w > 0.0).unwrap_or(0)
    }

    /// A Poisson count with mean `lambda`: Knuth's product method, on pieces of mean at
    /// most 20 (a sum of Poisson counts is Poisson), so it is exact at any mean.
    pub fn poisson(&mut self, lambda: f64) -> u64 {
        let mut left = lambda.max(0.0);
        let mut count = 0;
        while left > 0.0 {
            let piece = left.min(20.0);
            left -= piece;
            let limit = (-piece).exp();
            let mut p = self.uniform();
            while p > limit {
                count += 1;
                p *= self.uniform();
            }
        }
        count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poisson_has_its_mean_and_variance() {
        for lambda in [0.3, 4.0, 55.0] {
            let mut rng = Rng::new(7);
            let draws: Vec<f64> = (0..40_000).map(|_| rng.poisson(lambda) as f64).collect();
            let mean = draws.iter().sum::<f64>() / draws.len() as f64;
            let var = draws.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / draws.len() as f64;
            assert!((mean - lambda).abs() < 0.03 * lambda.max(1.0), "{lambda}: mean {mean}");
            assert!((var - lambda).abs() < 0.06 * lambda.max(1.0), "{lambda}: variance {var}");
        }
    }

    #[test]
    fn categorical_follows_the_weights() {
        let mut rng = Rng::new(1);
        let mut counts = [0u32; 3];
        for _ in 0..30_000 {
            counts[rng.categorical(&[0.2, 0.0, 0.8])] += 1;
        }
        assert_eq!(counts[1], 0);
        assert!((counts[0] as f64 / 30_000.0 - 0.2).abs() < 0.01, "{counts:?}");
    }

    #[test]
    fn the_same_seed_gives_the_same_draws() {
        let (mut a, mut b) = (Rng::new(42), Rng::new(42));
        assert_eq!((0..10).map(|_| a.poisson(3.0)).collect::<Vec<_>>(), (0..10).map(|_| b.poisson(3.0)).collect::<Vec<_>>());
    }
}
