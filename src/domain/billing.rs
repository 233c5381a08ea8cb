//! Support time and what it costs: "The overall time is measured and
//! charged for in 15-minute increments, for each started increment (for
//! example, total of 17 minutes is charged as 2 times 15 minute increment)."

use chrono::Duration;
use thiserror::Error;

use super::time::Instant;

/// One increment of support time, bought by one coupon.
pub const INCREMENT_SECONDS: i64 = 15 * 60;
/// The longest single session staff may log (a working day and then some).
pub const MAX_SESSION_SECONDS: i64 = 12 * 60 * 60;

/// Coupons owed for a total time: one for each started increment.
pub fn coupons_owed(total_seconds: i64) -> i64 {
    if total_seconds <= 0 {
        0
    } else {
        (total_seconds + INCREMENT_SECONDS - 1) / INCREMENT_SECONDS
    }
}

/// The total time at which the next started increment is charged: one
/// second past the increments already owed for `total_seconds`. A live meter
/// warns ahead of it.
pub fn next_increment_at(total_seconds: i64) -> i64 {
    coupons_owed(total_seconds) * INCREMENT_SECONDS + 1
}

/// A support session as staff log it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: String,
    pub started_at: Instant,
    pub ended_at: Instant,
}

impl Session {
    pub fn seconds(&self) -> i64 {
        (self.ended_at - self.started_at).num_seconds()
    }

    fn overlaps(&self, other: &Session) -> bool {
        self.started_at < other.ended_at && other.started_at < self.ended_at
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum SessionError {
    #[error("a session must end after it starts")]
    EndsBeforeStart,
    #[error("a session may last at most 12 hours")]
    TooLong,
    #[error("a session cannot end in the future")]
    InTheFuture,
    #[error("the session overlaps another session of this incident")]
    Overlaps,
}

/// Checks a new or corrected session against the incident's others.
pub fn check_session(
    session: &Session,
    others: &[Session],
    now: Instant,
) -> Result<(), SessionError> {
    if session.ended_at <= session.started_at {
        return Err(SessionError::EndsBeforeStart);
    }
    if session.seconds() > MAX_SESSION_SECONDS {
        return Err(SessionError::TooLong);
    }
    // A little slack for the agent's clock.
    if session.ended_at > now + Duration::minutes(5) {
        return Err(SessionError::InTheFuture);
    }
    if others
        .iter()
        .any(|other| other.id != session.id && session.overlaps(other))
    {
        return Err(SessionError::Overlaps);
    }
    Ok(())
}

/// What an incident's sessions come to, and what to charge now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Charge {
    pub total_seconds: i64,
    /// Coupons the whole incident costs so far.
    pub coupons_owed: i64,
    /// Coupons to debit now (negative: to credit back after a correction).
    pub due_now: i64,
}

/// Recomputes an incident's cost from all its sessions, given what has been
/// charged already.
pub fn charge(sessions: &[Session], already_charged: i64) -> Charge {
    charge_seconds(sessions.iter().map(Session::seconds).sum(), already_charged)
}

/// The same from the incident's total time, as a live call adds its
/// seconds to those recorded.
pub fn charge_seconds(total_seconds: i64, already_charged: i64) -> Charge {
    let owed = coupons_owed(total_seconds);
    Charge {
        total_seconds,
        coupons_owed: owed,
        due_now: owed - already_charged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::from_unix_millis;

    fn at(minute: i64) -> Instant {
        from_unix_millis(1_795_000_000_000).unwrap() + Duration::minutes(minute)
    }

    fn session(id: &str, from: i64, to: i64) -> Session {
        Session {
            id: id.into(),
            started_at: at(from),
            ended_at: at(to),
        }
    }

    #[test]
    fn each_started_increment_costs_one_coupon() {
        assert_eq!(coupons_owed(0), 0);
        assert_eq!(coupons_owed(1), 1);
        assert_eq!(coupons_owed(900), 1);
        assert_eq!(coupons_owed(901), 2);
        assert_eq!(coupons_owed(-5), 0);
    }

    #[test]
    fn the_next_increment_is_charged_one_second_past_those_owed() {
        for total in [-5, 0, 1, 899, 900, 901, 1799, 1800, 1801, 40_000] {
            let next = next_increment_at(total);
            assert!(next > total, "{total}");
            assert_eq!(coupons_owed(next), coupons_owed(total) + 1, "{total}");
            assert_eq!(coupons_owed(next - 1), coupons_owed(total), "{total}");
        }
        assert_eq!(next_increment_at(0), 1);
        assert_eq!(next_increment_at(900), 901);
    }

    #[test]
    fn seventeen_minutes_cost_two_coupons() {
        assert_eq!(coupons_owed(17 * 60), 2);
        let sessions = [session("a", 0, 10), session("b", 20, 27)];
        assert_eq!(
            charge(&sessions, 0),
            Charge {
                total_seconds: 17 * 60,
                coupons_owed: 2,
                due_now: 2
            }
        );
    }

    #[test]
    fn the_whole_incident_is_billed_not_each_session() {
        let sessions: Vec<Session> = (0..6)
            .map(|n| session(&n.to_string(), n * 10, n * 10 + 5))
            .collect();
        assert_eq!(charge(&sessions, 0).coupons_owed, 2);
        assert_eq!(charge(&sessions[..3], 0).coupons_owed, 1);
        assert_eq!(charge(&sessions, 1).due_now, 1);
    }

    #[test]
    fn a_correction_credits_back_what_is_no_longer_owed() {
        let corrected = [session("a", 0, 14)];
        assert_eq!(charge(&corrected, 2).due_now, -1);
        assert_eq!(charge(&[], 2).due_now, -2);
    }

    #[test]
    fn sessions_must_be_real_and_must_not_overlap() {
        let others = [session("a", 0, 10)];
        let now = at(60);
        assert_eq!(check_session(&session("b", 10, 20), &others, now), Ok(()));
        assert_eq!(
            check_session(&session("b", 5, 15), &others, now),
            Err(SessionError::Overlaps)
        );
        assert_eq!(check_session(&session("a", 0, 12), &others, now), Ok(()));
        assert_eq!(
            check_session(&session("b", 20, 20), &others, now),
            Err(SessionError::EndsBeforeStart)
        );
        assert_eq!(
            check_session(&session("b", 30, 29), &others, now),
            Err(SessionError::EndsBeforeStart)
        );
        assert_eq!(
            check_session(&session("b", 20, 70), &others, now),
            Err(SessionError::InTheFuture)
        );
        assert_eq!(
            check_session(&session("b", -800, 20), &others, at(900)),
            Err(SessionError::TooLong)
        );
    }
}
