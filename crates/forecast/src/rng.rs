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

    /// A binomial count of `n` trials with probability `p`: exact (one Bernoulli draw a
    /// trial) below 64 trials, above that the normal approximation with continuity
    /// correction, clamped to 0..=n (its error is far below the band's width there).
    pub fn binomial(&mut self, n: u64, p: f64) -> u64 {
        let p = p.clamp(0.0, 1.0);
        if n < 64 {
            return (0..n).filter(|_| self.bernoulli(p)).count() as u64;
        }
        let (mean, sd) = (n as f64 * p, (n as f64 * p * (1.0 - p)).sqrt());
        (mean + sd * self.normal()).round().clamp(0.0, n as f64) as u64
    }

    /// A standard normal draw (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.uniform();
        let u2 = self.uniform();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }

    /// `n` draws from the categories with the given weights, as counts per category
    /// (a multinomial count by successive binomials).
    pub fn multinomial<const K: usize>(&mut self, n: u64, weights: &[f64; K]) -> [u64; K] {
        let mut out = [0; K];
        let mut left_n = n;
        let mut left_w: f64 = weights.iter().sum();
        for (k, w) in weights.iter().enumerate() {
            if left_n == 0 || left_w <= 0.0 {
                break;
            }
            let x = if k == K - 1 { left_n } else { self.binomial(left_n, (w / left_w).min(1.0)) };
            out[k] = x;
            left_n -= x;
            left_w -= w;
        }
        out
    }

    /// A Poisson count with mean `lambda`: Knuth's product method, on pieces of mean at
    /// most 20 (a sum of Poisson counts is Poisson), exact up to a mean of 400; above it
    /// the normal approximation, so a draw never costs more than about 400 uniforms.
    pub fn poisson(&mut self, lambda: f64) -> u64 {
        if lambda > 400.0 {
            return (lambda + lambda.sqrt() * self.normal()).round().max(0.0) as u64;
        }
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
        for lambda in [0.3, 4.0, 55.0, 2500.0] {
            let mut rng = Rng::new(7);
            let draws: Vec<f64> = (0..40_000).map(|_| rng.poisson(lambda) as f64).collect();
            let mean = draws.iter().sum::<f64>() / draws.len() as f64;
            let var = draws.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / draws.len() as f64;
            assert!((mean - lambda).abs() < 0.03 * lambda.max(1.0), "{lambda}: mean {mean}");
            assert!((var - lambda).abs() < 0.06 * lambda.max(1.0), "{lambda}: variance {var}");
        }
    }

    #[test]
    fn binomial_and_multinomial_have_their_means() {
        let mut rng = Rng::new(3);
        for (n, p) in [(10, 0.3), (500, 0.2), (20_000, 0.66)] {
            let draws: Vec<f64> = (0..20_000).map(|_| rng.binomial(n, p) as f64).collect();
            let mean = draws.iter().sum::<f64>() / draws.len() as f64;
            let var = draws.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / draws.len() as f64;
            let (m, v) = (n as f64 * p, n as f64 * p * (1.0 - p));
            assert!((mean - m).abs() < 0.02 * m, "{n} {p}: mean {mean}");
            assert!((var - v).abs() < 0.08 * v, "{n} {p}: variance {var}");
            assert!(draws.iter().all(|d| *d <= n as f64));
        }
        let counts = rng.multinomial(1000, &[0.5, 0.0, 0.3, 0.2]);
        assert_eq!(counts.iter().sum::<u64>(), 1000);
        assert_eq!(counts[1], 0);
    }

    #[test]
    fn the_same_seed_gives_the_same_draws() {
        let (mut a, mut b) = (Rng::new(42), Rng::new(42));
        assert_eq!((0..10).map(|_| a.poisson(3.0)).collect::<Vec<_>>(), (0..10).map(|_| b.poisson(3.0)).collect::<Vec<_>>());
    }
}
