//! Login rate limiting: after 5 failed attempts for one login name or from one address
//! within 15 minutes, further attempts are refused until the window has passed.
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const MAX_FAILURES: usize = 5;
const WINDOW: Duration = Duration::from_secs(15 * 60);

/// Failed attempts per key (login name or address), kept in memory.
#[derive(Debug, Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

impl LoginLimiter {
    /// Whether another attempt for these keys is allowed now.
    pub fn allows(&self, keys: &[&str]) -> bool {
        let mut map = self.failures.lock().expect("limiter lock");
        let now = Instant::now();
        keys.iter().all(|k| {
            let list = map.entry((*k).to_string()).or_default();
            list.retain(|t| now.duration_since(*t) < WINDOW);
            list.len() < MAX_FAILURES
        })
    }

    /// Records a failed attempt for these keys.
    pub fn failed(&self, keys: &[&str]) {
        let mut map = self.failures.lock().expect("limiter lock");
        for k in keys {
            map.entry((*k).to_string()).or_default().push(Instant::now());
        }
    }

    /// Forgets failures of a login name after it logged in successfully.
    pub fn succeeded(&self, login_key: &str) {
        self.failures.lock().expect("limiter lock").remove(login_key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_block_the_sixth_attempt_for_that_key_only() {
        let limiter = LoginLimiter::default();
        for _ in 0..5 {
            assert!(limiter.allows(&["login:anna"]));
            limiter.failed(&["login:anna"]);
        }
        assert!(!limiter.allows(&["login:anna"]));
        assert!(limiter.allows(&["login:bo"]));
        limiter.succeeded("login:anna");
        assert!(limiter.allows(&["login:anna"]));
    }
}
