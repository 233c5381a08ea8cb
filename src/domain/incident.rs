//! Direct-support incidents: the callback promise and its state machine.
//!
//! The seed: the vendor calls back within 24 hours (most within 12); if the
//! call fails after 3 attempts the customer is prompted by email for further
//! action; messages and calls within an incident are not limited.

use chrono::Duration;
use thiserror::Error;

use super::field::Invalid;
use super::messages as m;
use super::time::Instant;

/// Failed callback attempts after which the customer is asked what next.
pub const MAX_FAILED_ATTEMPTS: i64 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Voice,
    Chat,
    Video,
    RemoteDesktop,
}

const CHANNELS: [(Channel, &str); 4] = [
    (Channel::Voice, "voice"),
    (Channel::Chat, "chat"),
    (Channel::Video, "video"),
    (Channel::RemoteDesktop, "remote_desktop"),
];

impl Channel {
    /// Every channel's name, as it is written and parsed.
    pub fn names() -> [&'static str; 4] {
        CHANNELS.map(|(_, name)| name)
    }

    pub fn parse(text: &str) -> Result<Self, Invalid> {
        CHANNELS
            .iter()
            .find(|(_, name)| *name == text)
            .map(|(channel, _)| *channel)
            .ok_or_else(|| Invalid::said("invalid", m::field_channel))
    }

    pub fn as_str(self) -> &'static str {
        CHANNELS
            .iter()
            .find(|(c, _)| *c == self)
            .map_or("", |(_, name)| name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Waiting for Spica's call within the window.
    AwaitingCallback,
    /// The customer was reached; support is under way.
    InProgress,
    /// Three calls failed: the customer was asked for new times or a number.
    AwaitingCustomer,
    Closed,
}

const STATUSES: [(Status, &str); 4] = [
    (Status::AwaitingCallback, "awaiting_callback"),
    (Status::InProgress, "in_progress"),
    (Status::AwaitingCustomer, "awaiting_customer"),
    (Status::Closed, "closed"),
];

impl Status {
    /// Every status's name, as it is written and parsed.
    pub fn names() -> [&'static str; 4] {
        STATUSES.map(|(_, name)| name)
    }

    pub fn as_str(self) -> &'static str {
        STATUSES
            .iter()
            .find(|(s, _)| *s == self)
            .map_or("", |(_, name)| name)
    }

    pub fn parse(text: &str) -> Option<Self> {
        STATUSES
            .iter()
            .find(|(_, name)| *name == text)
            .map(|(s, _)| *s)
    }
}

/// The outcome of one callback attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Reached,
    NoAnswer,
    Busy,
    Failed,
}

impl Outcome {
    /// Every outcome's name, as it is written and parsed.
    pub fn names() -> [&'static str; 4] {
        [Self::Reached, Self::NoAnswer, Self::Busy, Self::Failed].map(Self::as_str)
    }

    pub fn parse(text: &str) -> Result<Self, Invalid> {
        match text {
            "reached" => Ok(Self::Reached),
            "no_answer" => Ok(Self::NoAnswer),
            "busy" => Ok(Self::Busy),
            "failed" => Ok(Self::Failed),
            _ => Err(Invalid::said("invalid", m::field_call_outcome)),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Reached => "reached",
            Self::NoAnswer => "no_answer",
            Self::Busy => "busy",
            Self::Failed => "failed",
        }
    }
}

/// Who wrote a message in an incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Author {
    Customer,
    Staff,
}

impl Author {
    /// Both authors' names, as they are written and parsed.
    pub fn names() -> [&'static str; 2] {
        [Self::Customer, Self::Staff].map(Self::as_str)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Customer => "customer",
            Self::Staff => "staff",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "customer" => Some(Self::Customer),
            "staff" => Some(Self::Staff),
            _ => None,
        }
    }
}

/// Who reads an incident's timeline. A callback attempt's note is the
/// desk's own working note: the customer never reads it, in the API, the
/// pages, an email or the export. Anything staff want the customer to read
/// goes through a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    Customer,
    Desk,
}

impl Reader {
    /// Whether this reader sees the notes of callback attempts.
    pub fn reads_call_notes(self) -> bool {
        self == Self::Desk
    }
}

/// The callback promise, from the portal's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sla {
    /// Most incidents are called back within this (12 hours).
    pub target: Duration,
    /// Every incident is called back within this (24 hours).
    pub deadline: Duration,
    /// After a failed attempt, the next one is due this much later (2 hours).
    pub retry: Duration,
}

impl Default for Sla {
    fn default() -> Self {
        Self {
            target: Duration::hours(12),
            deadline: Duration::hours(24),
            retry: Duration::hours(2),
        }
    }
}

impl Sla {
    /// How long before the deadline the desk is warned: a 24th of the window,
    /// an hour for the default 24 hours.
    pub fn escalation_lead(&self) -> Duration {
        self.deadline / 24
    }
}

/// Timed work an incident's callback window schedules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Timer {
    /// The 12-hour target passed without a call that reached the customer.
    TargetReminder,
    /// The deadline is near.
    Escalation,
    /// The deadline passed: record the breach.
    Deadline,
    /// After a failed attempt: the next attempt is due.
    RetryDue,
}

const TIMERS: [(Timer, &str); 4] = [
    (Timer::TargetReminder, "target_reminder"),
    (Timer::Escalation, "escalation"),
    (Timer::Deadline, "deadline"),
    (Timer::RetryDue, "retry_due"),
];

impl Timer {
    pub fn as_str(self) -> &'static str {
        TIMERS
            .iter()
            .find(|(t, _)| *t == self)
            .map_or("", |(_, name)| name)
    }

    pub fn parse(text: &str) -> Option<Self> {
        TIMERS
            .iter()
            .find(|(_, name)| *name == text)
            .map(|(t, _)| *t)
    }
}

/// One piece of timed work: what, for which callback window, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheduled {
    pub timer: Timer,
    pub window: i64,
    /// Which attempt a retry follows, so each failed attempt has its own.
    pub attempt: i64,
    pub due_at: Instant,
}

/// The state of an incident that the rules read and change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Callback {
    pub status: Status,
    /// The callback window's number: 1, then one more each time the
    /// customer's reply reopens it.
    pub window: i64,
    pub window_opened_at: Instant,
    pub target_by: Instant,
    pub due_by: Instant,
    /// Failed attempts in this window.
    pub failed_attempts: i64,
    /// Attempts in all windows.
    pub attempts: i64,
    /// When a call first reached the customer in this window.
    pub reached_at: Option<Instant>,
    pub sla_breached_at: Option<Instant>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum IncidentError {
    #[error("the incident is closed")]
    Closed,
    #[error("the incident waits for the customer's reply; no callback is due")]
    AwaitingCustomer,
}

/// What recording an attempt decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptDecision {
    pub number: i64,
    pub callback: Callback,
    /// The next attempt's timer, after a failed one with attempts left.
    pub next: Option<Scheduled>,
    /// The third failure: prompt the customer by email.
    pub prompt_customer: bool,
}

impl Callback {
    /// The first window, opened when the incident is received.
    pub fn open(sla: &Sla, now: Instant) -> Self {
        Self::window(sla, 1, now, 0)
    }

    fn window(sla: &Sla, window: i64, now: Instant, attempts: i64) -> Self {
        Self {
            status: Status::AwaitingCallback,
            window,
            window_opened_at: now,
            target_by: now + sla.target,
            due_by: now + sla.deadline,
            failed_attempts: 0,
            attempts,
            reached_at: None,
            sla_breached_at: None,
        }
    }

    /// The timers of the current window. (The desk hears of the incident at
    /// once, by an email written with it.)
    pub fn timers(&self, sla: &Sla) -> Vec<Scheduled> {
        let at = |timer, due_at| Scheduled {
            timer,
            window: self.window,
            attempt: 0,
            due_at,
        };
        vec![
            at(Timer::TargetReminder, self.target_by),
            at(Timer::Escalation, self.due_by - sla.escalation_lead()),
            at(Timer::Deadline, self.due_by),
        ]
    }

    /// Records one callback attempt.
    pub fn attempt(
        &self,
        outcome: Outcome,
        sla: &Sla,
        now: Instant,
    ) -> Result<AttemptDecision, IncidentError> {
        match self.status {
            Status::Closed => return Err(IncidentError::Closed),
            Status::AwaitingCustomer => return Err(IncidentError::AwaitingCustomer),
            Status::AwaitingCallback | Status::InProgress => {}
        }
        let mut next = self.clone();
        next.attempts += 1;
        let mut decision = AttemptDecision {
            number: next.attempts,
            callback: next.clone(),
            next: None,
            prompt_customer: false,
        };
        if outcome == Outcome::Reached {
            decision.callback.status = Status::InProgress;
            decision.callback.reached_at = self.reached_at.or(Some(now));
            return Ok(decision);
        }
        if self.status == Status::InProgress {
            // A call that fails during support changes nothing: the customer
            // has been reached in this window.
            return Ok(decision);
        }
        decision.callback.failed_attempts += 1;
        if decision.callback.failed_attempts >= MAX_FAILED_ATTEMPTS {
            decision.callback.status = Status::AwaitingCustomer;
            decision.prompt_customer = true;
        } else {
            decision.next = Some(Scheduled {
                timer: Timer::RetryDue,
                window: self.window,
                attempt: decision.number,
                due_at: (now + sla.retry).min(self.due_by),
            });
        }
        Ok(decision)
    }

    /// The customer wrote. Waiting for them, it opens a fresh window with a
    /// fresh count of failed attempts; otherwise it is just a message.
    pub fn customer_replied(
        &self,
        sla: &Sla,
        now: Instant,
    ) -> Result<Option<Callback>, IncidentError> {
        match self.status {
            Status::Closed => Err(IncidentError::Closed),
            Status::AwaitingCustomer => {
                Ok(Some(Self::window(sla, self.window + 1, now, self.attempts)))
            }
            Status::AwaitingCallback | Status::InProgress => Ok(None),
        }
    }

    /// Whether the deadline of this window has passed without the customer
    /// being reached: a breach to record (once).
    pub fn breached(&self, now: Instant) -> bool {
        self.status == Status::AwaitingCallback
            && self.reached_at.is_none()
            && self.sla_breached_at.is_none()
            && now >= self.due_by
    }

    /// Whether the desk counts this incident as breached (the queue's
    /// `breached` view, the red rows): it is open and the deadline of its
    /// current window passed without the customer being reached, whether the
    /// breach is recorded already or its timer has yet to run. A reply that
    /// opens a new window starts afresh. `store::incident_queue` selects
    /// the same in SQL.
    pub fn deadline_missed(&self, now: Instant) -> bool {
        self.status != Status::Closed
            && (self.sla_breached_at.is_some()
                || (self.status == Status::AwaitingCallback
                    && self.reached_at.is_none()
                    && now >= self.due_by))
    }

    /// Whether a timer still has work to do: it belongs to the current window
    /// and the incident still awaits its callback. A late or repeated timer
    /// of an old window or a settled incident does nothing.
    pub fn timer_live(&self, scheduled: &Scheduled) -> bool {
        scheduled.window == self.window
            && self.status == Status::AwaitingCallback
            && self.reached_at.is_none()
    }

    pub fn close(&self) -> Result<Status, IncidentError> {
        match self.status {
            Status::Closed => Err(IncidentError::Closed),
            _ => Ok(Status::Closed),
        }
    }
}

/// The longest a queue message may be delayed (Cloudflare Queues: 12 hours).
pub const MAX_QUEUE_DELAY_SECONDS: i64 = 12 * 60 * 60;

/// The delay for a timer's next queue hop: the rest of the wait, at most
/// 12 hours; a longer wait takes several hops, each re-reading the state.
pub fn next_hop_seconds(due_at: Instant, now: Instant) -> u32 {
    // Rounded up: a timer must never fire before it is due.
    let millis = (due_at - now).num_milliseconds().max(0);
    let remaining = ((millis + 999) / 1000).min(MAX_QUEUE_DELAY_SECONDS);
    u32::try_from(remaining).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::from_unix_millis;

    fn now() -> Instant {
        from_unix_millis(1_795_000_000_000).unwrap()
    }

    fn sla() -> Sla {
        Sla::default()
    }

    #[test]
    fn every_name_the_contract_lists_parses_back_to_itself() {
        for name in Channel::names() {
            assert_eq!(Channel::parse(name).map(Channel::as_str), Ok(name));
        }
        for name in Status::names() {
            assert_eq!(Status::parse(name).map(Status::as_str), Some(name));
        }
        for name in Outcome::names() {
            assert_eq!(Outcome::parse(name).map(Outcome::as_str), Ok(name));
        }
        for name in Author::names() {
            assert_eq!(Author::parse(name).map(Author::as_str), Some(name));
        }
    }

    fn fail(callback: &Callback, minutes: i64) -> AttemptDecision {
        callback
            .attempt(
                Outcome::NoAnswer,
                &sla(),
                now() + Duration::minutes(minutes),
            )
            .unwrap()
    }

    #[test]
    fn a_new_incident_is_called_back_within_12_hours_and_24_at_most() {
        let callback = Callback::open(&sla(), now());
        assert_eq!(callback.status, Status::AwaitingCallback);
        assert_eq!(callback.target_by, now() + Duration::hours(12));
        assert_eq!(callback.due_by, now() + Duration::hours(24));
        let timers: Vec<(Timer, Instant)> = callback
            .timers(&sla())
            .iter()
            .map(|s| (s.timer, s.due_at))
            .collect();
        assert_eq!(
            timers,
            [
                (Timer::TargetReminder, now() + Duration::hours(12)),
                (Timer::Escalation, now() + Duration::hours(23)),
                (Timer::Deadline, now() + Duration::hours(24)),
            ]
        );
    }

    #[test]
    fn reaching_the_customer_puts_the_incident_in_progress() {
        let callback = Callback::open(&sla(), now());
        let decision = callback.attempt(Outcome::Reached, &sla(), now()).unwrap();
        assert_eq!(decision.callback.status, Status::InProgress);
        assert_eq!((decision.number, decision.next), (1, None));
        assert!(!decision.callback.breached(now() + Duration::days(2)));
    }

    #[test]
    fn a_failed_call_during_support_changes_nothing_but_the_count() {
        let reached = Callback::open(&sla(), now())
            .attempt(Outcome::Reached, &sla(), now())
            .unwrap()
            .callback;
        let decision = reached.attempt(Outcome::Busy, &sla(), now()).unwrap();
        assert_eq!(decision.callback.status, Status::InProgress);
        assert_eq!((decision.number, decision.callback.failed_attempts), (2, 0));
        assert_eq!((decision.next, decision.prompt_customer), (None, false));
        assert_eq!(reached.customer_replied(&sla(), now()), Ok(None));
        assert_eq!(reached.close(), Ok(Status::Closed));
    }

    #[test]
    fn a_failed_attempt_schedules_the_next_never_past_the_deadline() {
        let callback = Callback::open(&sla(), now());
        let first = fail(&callback, 0);
        assert_eq!(first.callback.status, Status::AwaitingCallback);
        assert_eq!(first.next.unwrap().due_at, now() + Duration::hours(2));
        let late = fail(&callback, 23 * 60);
        assert_eq!(late.next.unwrap().due_at, callback.due_by);
    }

    #[test]
    fn third_failed_callback_prompts_customer_by_email() {
        let mut callback = Callback::open(&sla(), now());
        for (n, outcome) in [Outcome::NoAnswer, Outcome::Busy].into_iter().enumerate() {
            let decision = callback.attempt(outcome, &sla(), now()).unwrap();
            assert!(!decision.prompt_customer, "attempt {n}");
            callback = decision.callback;
        }
        let third = callback.attempt(Outcome::Failed, &sla(), now()).unwrap();
        assert!(third.prompt_customer);
        assert_eq!(third.callback.status, Status::AwaitingCustomer);
        assert_eq!(third.next, None);
        assert_eq!(
            third.callback.attempt(Outcome::Reached, &sla(), now()),
            Err(IncidentError::AwaitingCustomer)
        );
    }

    #[test]
    fn the_customers_reply_reopens_a_fresh_window_with_a_fresh_count() {
        let mut callback = Callback::open(&sla(), now());
        for _ in 0..3 {
            callback = callback
                .attempt(Outcome::NoAnswer, &sla(), now())
                .unwrap()
                .callback;
        }
        let later = now() + Duration::hours(30);
        let reopened = callback.customer_replied(&sla(), later).unwrap().unwrap();
        assert_eq!(
            (reopened.status, reopened.window, reopened.failed_attempts),
            (Status::AwaitingCallback, 2, 0)
        );
        assert_eq!(reopened.due_by, later + Duration::hours(24));
        assert_eq!(reopened.attempts, 3);
        let fourth = reopened.attempt(Outcome::NoAnswer, &sla(), later).unwrap();
        assert_eq!((fourth.number, fourth.callback.failed_attempts), (4, 1));
    }

    #[test]
    fn a_reply_while_awaiting_the_callback_is_only_a_message() {
        let callback = Callback::open(&sla(), now());
        assert_eq!(callback.customer_replied(&sla(), now()), Ok(None));
    }

    #[test]
    fn a_missed_deadline_is_a_breach_once() {
        let callback = Callback::open(&sla(), now());
        assert!(!callback.breached(now() + Duration::hours(23)));
        assert!(callback.breached(now() + Duration::hours(24)));
        let recorded = Callback {
            sla_breached_at: Some(now()),
            ..callback
        };
        assert!(!recorded.breached(now() + Duration::hours(25)));
    }

    #[test]
    fn the_desk_counts_a_missed_deadline_until_the_incident_closes() {
        let callback = Callback::open(&sla(), now());
        let late = now() + Duration::hours(24);
        assert!(!callback.deadline_missed(late - Duration::seconds(1)));
        assert!(
            callback.deadline_missed(late),
            "before the timer records it"
        );
        let reached = callback
            .attempt(Outcome::Reached, &sla(), now())
            .unwrap()
            .callback;
        assert!(!reached.deadline_missed(late), "reached in time");
        let recorded = Callback {
            status: Status::InProgress,
            reached_at: Some(late),
            sla_breached_at: Some(late),
            ..callback.clone()
        };
        assert!(recorded.deadline_missed(late), "reached, but too late");
        let closed = Callback {
            status: Status::Closed,
            ..recorded
        };
        assert!(!closed.deadline_missed(late));
    }

    #[test]
    fn timers_of_an_old_window_or_a_settled_incident_do_nothing() {
        let callback = Callback::open(&sla(), now());
        let deadline = callback.timers(&sla())[2].clone();
        assert!(callback.timer_live(&deadline));
        let reached = callback
            .attempt(Outcome::Reached, &sla(), now())
            .unwrap()
            .callback;
        assert!(!reached.timer_live(&deadline));
        let reopened = Callback {
            window: 2,
            ..callback.clone()
        };
        assert!(!reopened.timer_live(&deadline));
    }

    #[test]
    fn closed_incidents_refuse_attempts_replies_and_closing() {
        let closed = Callback {
            status: Status::Closed,
            ..Callback::open(&sla(), now())
        };
        assert_eq!(
            closed.attempt(Outcome::Reached, &sla(), now()),
            Err(IncidentError::Closed)
        );
        assert_eq!(
            closed.customer_replied(&sla(), now()),
            Err(IncidentError::Closed)
        );
        assert_eq!(closed.close(), Err(IncidentError::Closed));
        assert_eq!(Callback::open(&sla(), now()).close(), Ok(Status::Closed));
    }

    #[test]
    fn a_wait_longer_than_12_hours_takes_several_queue_hops() {
        let due = now() + Duration::hours(24);
        assert_eq!(next_hop_seconds(due, now()), 12 * 3600);
        assert_eq!(next_hop_seconds(due, now() + Duration::hours(20)), 4 * 3600);
        assert_eq!(next_hop_seconds(due, due + Duration::hours(1)), 0);
        assert_eq!(next_hop_seconds(due, due - Duration::milliseconds(400)), 1);
    }
}
