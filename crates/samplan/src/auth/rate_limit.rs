//! Login throttling (decision 011). Failed attempts count per pair of login name and
//! client address: from the fourth failure of a pair on, each failure doubles the wait
//! before that pair may try again (1 s, 2 s, 4 s … at most 15 minutes). One address is
//! also held to a ceiling of failures across all logins within 15 minutes. Someone
//! guessing a password from another address therefore never locks the real user out,
//! and every refusal says how long to wait (`Retry-After`).
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures of a pair allowed before the waits start.
const FREE_FAILURES: u32 = 3;
/// The longest wait for one pair, and the window of the per-address ceiling.
const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Failures from one address within the window before it must wait the window out.
const ADDRESS_CEILING: usize = 50;
/// Above this many remembered keys, forgotten ones are swept on the next failure.
const SWEEP_ABOVE: usize = 10_000;

#[derive(Debug, Clone, Copy)]
struct PairFailures {
    count: u32,
    last: Instant,
}

#[derive(Debug, Default)]
struct Book {
    pairs: HashMap<(String, String), PairFailures>,
    addresses: HashMap<String, Vec<Instant>>,
}

/// Failed attempts, kept in memory per server process.
#[derive(Debug, Default)]
pub struct LoginLimiter {
    book: Mutex<Book>,
}

/// The wait after `count` failures of one pair.
fn pair_wait(count: u32) -> Duration {
    if count < FREE_FAILURES {
        return Duration::ZERO;
    }
    let doublings = (count - FREE_FAILURES).min(20);
    Duration::from_secs(1u64 << doublings).min(WINDOW)
}

impl LoginLimiter {
    /// `Ok` when `login` may try from `address` now; otherwise how long to wait.
    pub fn check(&self, login: &str, address: &str) -> Result<(), Duration> {
        self.check_at(login, address, Instant::now())
    }

    fn check_at(&self, login: &str, address: &str, now: Instant) -> Result<(), Duration> {
        let mut book = self.book.lock().expect("limiter lock");
        let mut wait = Duration::ZERO;
        if let Some(times) = book.addresses.get_mut(address) {
            times.retain(|t| now.duration_since(*t) < WINDOW);
            if times.len() >= ADDRESS_CEILING {
                wait = WINDOW - now.duration_since(times[times.len() - ADDRESS_CEILING]);
            }
        }
        if let Some(f) = book.pairs.get(&(login.to_string(), address.to_string())) {
            wait = wait.max(pair_wait(f.count).saturating_sub(now.duration_since(f.last)));
        }
        if wait.is_zero() { Ok(()) } else { Err(wait) }
    }

    /// Records a failed attempt of `login` from `address`.
    pub fn failed(&self, login: &str, address: &str) {
        self.failed_at(login, address, Instant::now());
    }

    fn failed_at(&self, login: &str, address: &str, now: Instant) {
        let mut book = self.book.lock().expect("limiter lock");
        if book.pairs.len() + book.addresses.len() > SWEEP_ABOVE {
            book.pairs.retain(|_, f| now.duration_since(f.last) < WINDOW);
            book.addresses.retain(|_, t| t.last().is_some_and(|t| now.duration_since(*t) < WINDOW));
        }
        let pair = book.pairs.entry((login.to_string(), address.to_string())).or_insert(PairFailures { count: 0, last: now });
        // A pair that kept quiet for a whole window starts afresh.
        if now.duration_since(pair.last) >= WINDOW {
            pair.count = 0;
        }
        pair.count += 1;
        pair.last = now;
        book.addresses.entry(address.to_string()).or_default().push(now);
    }

    /// Forgets the failures of `login` from `address` after it logged in there.
    pub fn succeeded(&self, login: &str, address: &str) {
        self.book.lock().expect("limiter lock").pairs.remove(&(login.to_string(), address.to_string()));
    }
}

/// Seconds for a `Retry-After` header: whole seconds, at least one.
pub fn retry_after_seconds(wait: Duration) -> u64 {
    wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_per_pair_from_the_fourth_failure() {
        let limiter = LoginLimiter::default();
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(limiter.check_at("anna", "10.0.0.9", t0).is_ok());
            limiter.failed_at("anna", "10.0.0.9", t0);
        }
        assert_eq!(limiter.check_at("anna", "10.0.0.9", t0), Err(Duration::from_secs(1)));
        assert!(limiter.check_at("anna", "10.0.0.9", t0 + Duration::from_secs(1)).is_ok());
        limiter.failed_at("anna", "10.0.0.9", t0);
        assert_eq!(limiter.check_at("anna", "10.0.0.9", t0), Err(Duration::from_secs(2)));
        for _ in 0..30 {
            limiter.failed_at("anna", "10.0.0.9", t0);
        }
        assert_eq!(limiter.check_at("anna", "10.0.0.9", t0), Err(WINDOW), "never more than the window");
    }

    #[test]
    fn an_attacker_does_not_lock_the_real_user_out() {
        let limiter = LoginLimiter::default();
        let t0 = Instant::now();
        for _ in 0..40 {
            limiter.failed_at("anna", "203.0.113.5", t0);
        }
        assert!(limiter.check_at("anna", "203.0.113.5", t0).is_err());
        assert!(limiter.check_at("anna", "10.0.0.9", t0).is_ok(), "anna from her own address");
        assert!(limiter.check_at("bo", "203.0.113.5", t0).is_ok(), "another login below the address ceiling");
    }

    #[test]
    fn one_address_is_held_to_a_ceiling_across_logins() {
        let limiter = LoginLimiter::default();
        let t0 = Instant::now();
        for i in 0..ADDRESS_CEILING {
            limiter.failed_at(&format!("user{i}"), "203.0.113.5", t0);
        }
        assert_eq!(limiter.check_at("someone", "203.0.113.5", t0), Err(WINDOW));
        assert!(limiter.check_at("someone", "203.0.113.5", t0 + WINDOW).is_ok());
        assert!(limiter.check_at("someone", "10.0.0.9", t0).is_ok());
    }

    #[test]
    fn success_forgets_the_pair_and_retry_after_rounds_up() {
        let limiter = LoginLimiter::default();
        let t0 = Instant::now();
        for _ in 0..5 {
            limiter.failed_at("anna", "10.0.0.9", t0);
        }
        limiter.succeeded("anna", "10.0.0.9");
        assert!(limiter.check_at("anna", "10.0.0.9", t0).is_ok());
        assert_eq!(retry_after_seconds(Duration::from_millis(1500)), 2);
        assert_eq!(retry_after_seconds(Duration::from_secs(3)), 3);
    }
}
