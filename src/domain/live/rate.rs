//! A token bucket with the clock passed in: a socket's frame budget, and
//! its budget of refused frames before it is closed.

use serde::{Deserialize, Serialize};

use crate::domain::time::Instant;

/// `capacity` tokens, refilled at `per_minute`; kept in thousandths of a
/// token so that a slow refill loses nothing to rounding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenBucket {
    capacity: u32,
    per_minute: u32,
    millitokens: i64,
    updated: Instant,
}

impl TokenBucket {
    pub fn full(capacity: u32, per_minute: u32, now: Instant) -> Self {
        Self {
            capacity,
            per_minute,
            millitokens: i64::from(capacity) * 1000,
            updated: now,
        }
    }

    /// Takes one token if there is one. A clock that went back refills
    /// nothing.
    pub fn take(&mut self, now: Instant) -> bool {
        let elapsed = (now - self.updated).num_milliseconds().max(0);
        // Thousandths of a token per millisecond: per_minute / 60.
        let refill = elapsed.saturating_mul(i64::from(self.per_minute)) / 60;
        let capacity = i64::from(self.capacity) * 1000;
        let remainder = if refill == 0 { self.updated } else { now };
        self.millitokens = self.millitokens.saturating_add(refill).min(capacity);
        self.updated = remainder.max(self.updated);
        if self.millitokens >= 1000 {
            self.millitokens -= 1000;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::from_unix_millis;
    use chrono::Duration;

    fn at(millis: i64) -> Instant {
        from_unix_millis(1_795_000_000_000 + millis).unwrap()
    }

    #[test]
    fn a_full_bucket_gives_its_capacity_then_refills_with_time() {
        let mut bucket = TokenBucket::full(3, 60, at(0));
        assert!((0..3).all(|_| bucket.take(at(0))));
        assert!(!bucket.take(at(0)));
        assert!(!bucket.take(at(999)));
        assert!(bucket.take(at(1000)));
        assert!(!bucket.take(at(1000)));
        // Never more than its capacity, however long it rested.
        let later = at(0) + Duration::days(400);
        assert_eq!((0..10).filter(|_| bucket.take(later)).count(), 3);
    }

    #[test]
    fn a_slow_refill_accumulates_across_many_early_takes() {
        // One token a minute, asked for every 10 ms: still one a minute.
        let mut bucket = TokenBucket::full(1, 1, at(0));
        assert!(bucket.take(at(0)));
        let granted = (1..=6_000).filter(|n| bucket.take(at(n * 10))).count();
        assert_eq!(granted, 1);
    }

    #[test]
    fn a_clock_going_back_refills_nothing() {
        let mut bucket = TokenBucket::full(1, 600, at(10_000));
        assert!(bucket.take(at(10_000)));
        assert!(!bucket.take(at(0)));
        assert!(!bucket.take(at(10_050)));
        assert!(bucket.take(at(10_100)));
    }
}
