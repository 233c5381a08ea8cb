//! Delivering the outbox: each message at most once per outbox id, whatever
//! the email service, and retried through its outages for three days.
//!
//! A consumer first claims the message in the database (one guarded UPDATE
//! that only one consumer can win, holding it for [`CLAIM_LEASE`]); only the
//! winner sends, then settles it with one statement: `sent` (its links
//! redacted), back to `pending` with the next attempt's time from the core's
//! [`RetrySchedule`], or `failed`. A consumer that stops mid-send leaves the
//! message `sending` until its lease runs out. Then it depends on the
//! service: an HTTP API that drops a repeated `Idempotency-Key` is simply
//! sent the message again (the sweep finds it within ten minutes, well
//! inside the API's 24 hours of idempotency); the Workers `send_email`
//! binding cannot drop a repeat, so the message is marked `unknown` for
//! staff instead of being sent a second time.

use serde_json::json;

use super::{App, AppError};
use crate::domain::incident::next_hop_seconds;
use crate::domain::notification::{redact_links, RetrySchedule};
use crate::domain::time::Instant;
use crate::store::{self, Database, OutboxStatus};

/// How long a claim holds a message: the longest a queue consumer runs (15
/// minutes of wall time), so a lease runs out only once its sender stopped.
pub const CLAIM_LEASE: chrono::Duration = chrono::Duration::minutes(15);

/// How early a retry's queue message may arrive and still count as due
/// (it is delayed by whole seconds, rounded up; clocks differ a little).
const DUE_TOLERANCE: chrono::Duration = chrono::Duration::seconds(1);

/// Why an interrupted send through a service without idempotency is not
/// repeated.
const INTERRUPTED: &str = "the send was interrupted and this email service cannot drop a repeat: \
     it may or may not have arrived, so it was not sent again";

/// One email for an email service, with the outbox id as the idempotency key
/// so the service itself drops a repeated send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailRequest {
    pub idempotency_key: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    /// An HTML alternative of the text, if the message has one.
    pub html: Option<String>,
    /// Extra headers, such as a bulletin's `List-Unsubscribe`.
    pub headers: Vec<(String, String)>,
    /// The incident's signed reply address, if replies are taken by email.
    pub reply_to: Option<String>,
}

impl EmailRequest {
    /// The JSON body of an HTTP email API in the common shape
    /// (`POST /emails {"from", "to": [..], "subject", "text", "html",
    /// "headers": {name: value}, "reply_to"}`), the last three only when present.
    pub fn api_body(&self, from: &str) -> serde_json::Value {
        let mut body =
            json!({ "from": from, "to": [self.to], "subject": self.subject, "text": self.text });
        if let Some(html) = &self.html {
            body["html"] = json!(html);
        }
        if !self.headers.is_empty() {
            let headers: serde_json::Map<String, serde_json::Value> = self
                .headers
                .iter()
                .map(|(name, value)| (name.clone(), json!(value)))
                .collect();
            body["headers"] = serde_json::Value::Object(headers);
        }
        if let Some(reply_to) = &self.reply_to {
            body["reply_to"] = json!(reply_to);
        }
        body
    }
}

/// Headers kept in the outbox as a JSON object, in their order.
fn headers_from_json(text: Option<&str>) -> Vec<(String, String)> {
    text.and_then(|t| serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(t).ok())
        .map(|map| {
            map.into_iter()
                .filter_map(|(name, value)| value.as_str().map(|v| (name, v.to_owned())))
                .collect()
        })
        .unwrap_or_default()
}

/// Why an email service did not take a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendFailure {
    /// A timeout, a 429 or a 5xx: worth another try. A 4xx is not.
    pub retryable: bool,
    pub reason: String,
}

/// An email service: an HTTP API, the Workers email binding, or in tests a
/// stand-in.
#[allow(async_fn_in_trait)]
pub trait MailSender {
    /// Sends one email and returns the service's message id.
    async fn send(&self, email: &EmailRequest) -> Result<String, SendFailure>;

    /// Whether the service drops a second send with the same idempotency
    /// key, so that a send whose outcome is unknown may be repeated.
    fn drops_repeats(&self) -> bool;
}

/// What the consumer should do with the queue message after a delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    Sent,
    /// Sent, not sent, failed or unknown before: a duplicate does nothing.
    AlreadySettled,
    /// Another consumer holds the message (or just settled it): this one
    /// does nothing; if that one stopped, the sweep finds the message once
    /// its lease runs out.
    InFlight,
    /// The message's next attempt is later: this queue message is a
    /// duplicate (the one for that attempt, or the sweep, sends it).
    NotDue,
    /// No email service is configured: the message stays in the outbox.
    NotConfigured,
    /// The service failed; try again after this many seconds, with a new
    /// queue message (the schedule is in the outbox row, not in the queue's
    /// retry count).
    RetryAfter(u32),
    /// Refused by the service for good, or the three days are over.
    GaveUp,
    /// A send was interrupted and cannot safely be repeated: `unknown`.
    Interrupted,
    /// No such outbox message.
    NoSuchMessage,
}

impl<D: Database> App<D> {
    /// Delivers one outbox message through `sender`, or marks it not sent
    /// when there is none. Reads the current state first and claims the
    /// message before sending, so a late, repeated or concurrent queue
    /// message sends nothing twice.
    pub async fn deliver_email<S: MailSender>(
        &self,
        outbox_id: &str,
        sender: Option<&S>,
        schedule: &RetrySchedule,
        now: Instant,
    ) -> Result<Delivery, AppError> {
        let Some(message) = self.store.outbox_message(outbox_id).await? else {
            return Ok(Delivery::NoSuchMessage);
        };
        let reclaim = match message.status {
            OutboxStatus::Pending if message.next_attempt_at > now + DUE_TOLERANCE => {
                return Ok(Delivery::NotDue)
            }
            OutboxStatus::Pending => false,
            OutboxStatus::Sending if message.claimed_until.is_none_or(|until| until > now) => {
                return Ok(Delivery::InFlight)
            }
            OutboxStatus::Sending if sender.is_some_and(MailSender::drops_repeats) => true,
            OutboxStatus::Sending => {
                // Its sender stopped mid-send through a service that would
                // deliver a repeat twice: not sent again, left to staff.
                self.store
                    .write(vec![store::mark_unknown(
                        outbox_id,
                        message.attempts,
                        INTERRUPTED,
                        &message.text,
                        now,
                    )])
                    .await?;
                return Ok(Delivery::Interrupted);
            }
            OutboxStatus::Sent
            | OutboxStatus::NotSent
            | OutboxStatus::Failed
            | OutboxStatus::Unknown => return Ok(Delivery::AlreadySettled),
        };
        let Some(sender) = sender else {
            self.store
                .write(vec![store::mark_not_sent(
                    outbox_id,
                    &redact_links(&message.text),
                )])
                .await?;
            return Ok(Delivery::NotConfigured);
        };
        let claimed = self
            .store
            .write(vec![store::claim_message(
                outbox_id,
                message.attempts,
                now + DUE_TOLERANCE,
                now,
                reclaim,
                now + CLAIM_LEASE,
            )])
            .await?;
        if claimed.first().copied().unwrap_or(0) == 0 {
            return Ok(Delivery::InFlight);
        }
        let claim = message.attempts + 1;
        let request = EmailRequest {
            idempotency_key: message.id.clone(),
            to: message.to.clone(),
            subject: message.subject.clone(),
            text: message.text.clone(),
            html: message.html.clone(),
            headers: headers_from_json(message.headers.as_deref()),
            reply_to: message.reply_to.clone(),
        };
        let (statement, delivery) = match sender.send(&request).await {
            Ok(provider_id) => (
                store::mark_sent(outbox_id, claim, &message.text, &provider_id, now),
                Delivery::Sent,
            ),
            Err(failure) => match failure
                .retryable
                .then(|| schedule.next_attempt_at(claim, message.created_at, now))
                .flatten()
            {
                Some(at) => (
                    store::schedule_retry(outbox_id, claim, &failure.reason, at),
                    Delivery::RetryAfter(next_hop_seconds(at, now)),
                ),
                None => (
                    store::mark_failed(outbox_id, claim, &failure.reason, &message.text),
                    Delivery::GaveUp,
                ),
            },
        };
        self.store.write(vec![statement]).await?;
        Ok(delivery)
    }

    /// A delivery's queue message reached the dead-letter queue: the Worker
    /// failed on it at every one of the queue's retries (the database, not
    /// the email service: those failures are retried in the outbox row). The
    /// message is given up only once its three days are over; until then the
    /// sweep keeps sending it when due.
    pub async fn dead_lettered_email(
        &self,
        outbox_id: &str,
        schedule: &RetrySchedule,
        now: Instant,
    ) -> Result<bool, AppError> {
        let Some(message) = self.store.outbox_message(outbox_id).await? else {
            return Ok(false);
        };
        if !schedule.is_over(message.created_at, now) {
            return Ok(false);
        }
        let changed = self
            .store
            .write(vec![store::give_up_message(
                outbox_id,
                "dead-lettered after its last retry, three days after it was written",
                &redact_links(&message.text),
            )])
            .await?;
        Ok(changed.first().copied().unwrap_or(0) > 0)
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::future::Future;
    use std::pin::pin;
    use std::task::Poll;

    use super::*;
    use crate::app::registration::tests::registration;
    use crate::app::testing::{app, config, entropy, now, run};
    use crate::app::Job;
    use crate::store::sqlite::Sqlite;
    use crate::store::{DbError, Row, Statement};

    /// A stand-in email service that answers from a script (then accepts
    /// everything) and records every send.
    struct StandIn {
        answers: RefCell<Vec<Result<String, SendFailure>>>,
        sent: RefCell<Vec<EmailRequest>>,
        drops_repeats: bool,
    }

    impl StandIn {
        fn answering(answers: Vec<Result<String, SendFailure>>) -> Self {
            Self {
                answers: RefCell::new(answers),
                sent: RefCell::new(Vec::new()),
                drops_repeats: true,
            }
        }

        fn accepting() -> Self {
            Self::answering(Vec::new())
        }

        /// Like the Workers `send_email` binding: no idempotency key.
        fn without_idempotency() -> Self {
            Self {
                drops_repeats: false,
                ..Self::accepting()
            }
        }

        fn sends(&self) -> usize {
            self.sent.borrow().len()
        }
    }

    impl MailSender for StandIn {
        async fn send(&self, email: &EmailRequest) -> Result<String, SendFailure> {
            self.sent.borrow_mut().push(email.clone());
            let mut answers = self.answers.borrow_mut();
            if answers.is_empty() {
                Ok(format!("prov_{}", self.sent.borrow().len()))
            } else {
                answers.remove(0)
            }
        }

        fn drops_repeats(&self) -> bool {
            self.drops_repeats
        }
    }

    fn outage() -> Result<String, SendFailure> {
        Err(SendFailure {
            retryable: true,
            reason: "503".into(),
        })
    }

    fn registered_outbox_id<D: Database>(app: &App<D>) -> String {
        let registered = run(app.register(
            registration("ana@kovinar.si", "TS-1"),
            now(),
            &mut entropy(1),
        ))
        .unwrap();
        let Job::DeliverEmail { outbox_id } = registered.jobs[0].clone() else {
            panic!("registration enqueues its email first");
        };
        outbox_id
    }

    fn message<D: Database>(app: &App<D>, id: &str) -> crate::store::OutboxMessage {
        run(app.store.outbox_message(id)).unwrap().unwrap()
    }

    fn at_rest<D: Database>(app: &App<D>, id: &str) -> String {
        run(app.store.outbox_text_at_rest(id)).unwrap().unwrap()
    }

    /// The secret of the verification link the email service received.
    fn link_token(text: &str) -> String {
        let start = text.find("?token=").expect("a link") + "?token=".len();
        text[start..start + 43].to_owned()
    }

    fn deliver<D: Database>(app: &App<D>, id: &str, sender: &StandIn, at: Instant) -> Delivery {
        run(app.deliver_email(id, Some(sender), &RetrySchedule::default(), at)).unwrap()
    }

    #[test]
    fn a_message_is_sent_once_however_often_its_job_arrives() {
        let app = app();
        let id = registered_outbox_id(&app);
        let sender = StandIn::accepting();
        assert_eq!(deliver(&app, &id, &sender, now()), Delivery::Sent);
        assert_eq!(deliver(&app, &id, &sender, now()), Delivery::AlreadySettled);
        let later = now() + chrono::Duration::days(1);
        assert_eq!(deliver(&app, &id, &sender, later), Delivery::AlreadySettled);
        assert_eq!(sender.sends(), 1);
        assert_eq!(sender.sent.borrow()[0].idempotency_key, id);
        let sent = message(&app, &id);
        assert_eq!((sent.status, sent.attempts), (OutboxStatus::Sent, 1));
        assert_eq!((sent.sent_at, sent.claimed_until), (Some(now()), None));
    }

    #[test]
    fn a_sent_link_is_kept_redacted_while_the_service_got_it_live() {
        let app = app();
        let id = registered_outbox_id(&app);
        let sender = StandIn::accepting();
        // Until it is delivered, the database holds the live link.
        let token = link_token(&at_rest(&app, &id));
        assert_eq!(deliver(&app, &id, &sender, now()), Delivery::Sent);
        assert_eq!(link_token(&sender.sent.borrow()[0].text), token);
        let kept = at_rest(&app, &id);
        assert!(!kept.contains(&token), "{kept}");
        assert!(kept.contains("/verify?token=[redacted]"), "{kept}");
        assert_eq!(kept, redact_links(&sender.sent.borrow()[0].text));
    }

    #[test]
    fn staff_read_a_pending_message_with_its_link_redacted() {
        let app = app();
        let id = registered_outbox_id(&app);
        let live = at_rest(&app, &id);
        assert!(
            !live.contains("[redacted]"),
            "pending: the link is still to be sent"
        );
        let listed = run(app.store.outbox_messages(Some("ana@kovinar.si"), 10)).unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].status, OutboxStatus::Pending);
        assert_eq!(listed[0].text, redact_links(&live));
        assert_ne!(listed[0].text, live);
        let everyone = run(app.store.outbox_messages(None, 10)).unwrap();
        assert_eq!(everyone[0].text, listed[0].text);
    }

    #[test]
    fn without_an_email_service_the_message_stays_marked_not_sent() {
        let app = app();
        let id = registered_outbox_id(&app);
        let delivery =
            run(app.deliver_email::<StandIn>(&id, None, &RetrySchedule::default(), now())).unwrap();
        assert_eq!(delivery, Delivery::NotConfigured);
        assert_eq!(message(&app, &id).status, OutboxStatus::NotSent);
        assert!(at_rest(&app, &id).contains("?token=[redacted]"));
    }

    #[test]
    fn outages_are_retried_on_the_schedule_for_three_days_then_given_up() {
        let app = app();
        let id = registered_outbox_id(&app);
        let sender = StandIn::answering((0..200).map(|_| outage()).collect());
        let mut at = now();
        let mut delays = Vec::new();
        loop {
            match deliver(&app, &id, &sender, at) {
                Delivery::RetryAfter(seconds) => {
                    let pending = message(&app, &id);
                    assert_eq!(pending.status, OutboxStatus::Pending);
                    assert_eq!(
                        pending.next_attempt_at,
                        at + chrono::Duration::seconds(seconds.into())
                    );
                    // A duplicate queue message before the time sends nothing.
                    let early = at + chrono::Duration::seconds(i64::from(seconds) / 2);
                    assert_eq!(deliver(&app, &id, &sender, early), Delivery::NotDue);
                    delays.push(seconds);
                    at = pending.next_attempt_at;
                }
                Delivery::GaveUp => break,
                other => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!(delays[..9], [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert!(delays.iter().all(|&d| d <= 3600));
        assert_eq!(at, now() + chrono::Duration::days(3));
        let failed = message(&app, &id);
        assert_eq!(failed.status, OutboxStatus::Failed);
        assert_eq!(failed.attempts, i64::try_from(delays.len()).unwrap() + 1);
        assert_eq!(sender.sends(), delays.len() + 1);
        assert_eq!(failed.last_error.as_deref(), Some("503"));
        assert!(at_rest(&app, &id).contains("?token=[redacted]"));
    }

    #[test]
    fn a_service_that_recovers_gets_the_message_once() {
        let app = app();
        let id = registered_outbox_id(&app);
        let sender = StandIn::answering(vec![outage(), outage(), outage()]);
        let mut at = now();
        let mut deliveries = Vec::new();
        loop {
            let delivery = deliver(&app, &id, &sender, at);
            deliveries.push(delivery);
            match delivery {
                Delivery::RetryAfter(seconds) => {
                    at += chrono::Duration::seconds(seconds.into());
                }
                _ => break,
            }
        }
        assert_eq!(
            deliveries,
            [
                Delivery::RetryAfter(30),
                Delivery::RetryAfter(60),
                Delivery::RetryAfter(120),
                Delivery::Sent
            ]
        );
        assert_eq!(sender.sends(), 4);
        assert!(sender.sent.borrow().iter().all(|e| e.idempotency_key == id));
        let sent = message(&app, &id);
        assert_eq!((sent.status, sent.attempts), (OutboxStatus::Sent, 4));
        assert_eq!(sent.sent_at, Some(now() + chrono::Duration::seconds(210)));
        assert_eq!(sent.last_error, None);
    }

    #[test]
    fn a_refused_message_is_not_retried() {
        let app = app();
        let id = registered_outbox_id(&app);
        let sender = StandIn::answering(vec![Err(SendFailure {
            retryable: false,
            reason: "422 invalid recipient".into(),
        })]);
        assert_eq!(deliver(&app, &id, &sender, now()), Delivery::GaveUp);
        let later = now() + chrono::Duration::hours(1);
        assert_eq!(deliver(&app, &id, &sender, later), Delivery::AlreadySettled);
        assert_eq!(sender.sends(), 1);
        assert_eq!(message(&app, &id).status, OutboxStatus::Failed);
        assert!(at_rest(&app, &id).contains("?token=[redacted]"));
    }

    /// SQLite that lets other work run before each write, as two queue
    /// consumers interleave on D1: both may read a message before either
    /// writes.
    struct Interleaving<'a>(&'a Sqlite);

    /// Returns once after letting the other futures run.
    async fn yield_now() {
        let mut yielded = false;
        std::future::poll_fn(|cx| {
            if yielded {
                Poll::Ready(())
            } else {
                yielded = true;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        })
        .await;
    }

    impl crate::store::Blobs for Interleaving<'_> {}

    impl Database for Interleaving<'_> {
        async fn query(&self, statement: Statement) -> Result<Vec<Row>, DbError> {
            self.0.query(statement).await
        }

        async fn write_batch(
            &self,
            statements: Vec<Statement>,
        ) -> Result<Vec<crate::store::Written>, DbError> {
            yield_now().await;
            self.0.write_batch(statements).await
        }

        async fn reads(&self, statements: Vec<Statement>) -> Result<Vec<Vec<Row>>, DbError> {
            self.0.reads(statements).await
        }

        fn micros(&self) -> u64 {
            self.0.micros()
        }
    }

    /// Runs two futures at once on this thread, polling each in turn.
    fn both<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output) {
        let (mut a, mut b) = (pin!(a), pin!(b));
        let (mut first, mut second) = (None, None);
        run(std::future::poll_fn(|cx| {
            if first.is_none() {
                if let Poll::Ready(out) = a.as_mut().poll(cx) {
                    first = Some(out);
                }
            }
            if second.is_none() {
                if let Poll::Ready(out) = b.as_mut().poll(cx) {
                    second = Some(out);
                }
            }
            if first.is_some() && second.is_some() {
                Poll::Ready(())
            } else {
                Poll::Pending
            }
        }));
        (first.unwrap(), second.unwrap())
    }

    #[test]
    fn two_deliveries_of_one_message_at_once_send_it_once() {
        for drops_repeats in [true, false] {
            let database = Sqlite::in_memory().unwrap();
            let app = App::new(Interleaving(&database), config());
            let id = registered_outbox_id(&app);
            let sender = StandIn {
                drops_repeats,
                ..StandIn::accepting()
            };
            let schedule = RetrySchedule::default();
            let (one, other) = both(
                app.deliver_email(&id, Some(&sender), &schedule, now()),
                app.deliver_email(&id, Some(&sender), &schedule, now()),
            );
            let mut outcomes = [one.unwrap(), other.unwrap()];
            outcomes.sort_by_key(|d| format!("{d:?}"));
            assert_eq!(outcomes, [Delivery::InFlight, Delivery::Sent]);
            assert_eq!(sender.sends(), 1, "exactly one consumer sent it");
            let sent = message(&app, &id);
            assert_eq!((sent.status, sent.attempts), (OutboxStatus::Sent, 1));
        }
    }

    /// A consumer claimed the message and stopped before settling it.
    fn claim_and_crash<D: Database>(app: &App<D>, id: &str) {
        let claimed = run(app.store.write(vec![store::claim_message(
            id,
            0,
            now(),
            now(),
            false,
            now() + CLAIM_LEASE,
        )]))
        .unwrap();
        assert_eq!(claimed, [1]);
    }

    #[test]
    fn an_interrupted_send_through_the_binding_is_not_repeated_but_left_to_staff() {
        let app = app();
        let id = registered_outbox_id(&app);
        claim_and_crash(&app, &id);
        let binding = StandIn::without_idempotency();
        let during = now() + CLAIM_LEASE - chrono::Duration::seconds(1);
        assert_eq!(deliver(&app, &id, &binding, during), Delivery::InFlight);
        let after = now() + CLAIM_LEASE;
        assert_eq!(deliver(&app, &id, &binding, after), Delivery::Interrupted);
        assert_eq!(
            deliver(&app, &id, &binding, after),
            Delivery::AlreadySettled
        );
        assert_eq!(binding.sends(), 0, "never sent a second time");
        let unknown = message(&app, &id);
        assert_eq!(unknown.status, OutboxStatus::Unknown);
        assert!(unknown
            .last_error
            .unwrap()
            .contains("may or may not have arrived"));
        assert!(at_rest(&app, &id).contains("?token=[redacted]"));
        // Without an email service configured any more, the same.
        let other = crate::app::testing::app();
        let id = registered_outbox_id(&other);
        claim_and_crash(&other, &id);
        run(other.deliver_email::<StandIn>(&id, None, &RetrySchedule::default(), after)).unwrap();
        assert_eq!(message(&other, &id).status, OutboxStatus::Unknown);
    }

    #[test]
    fn an_interrupted_send_through_an_idempotent_api_is_sent_again_with_its_key() {
        let app = app();
        let id = registered_outbox_id(&app);
        claim_and_crash(&app, &id);
        let api = StandIn::accepting();
        let during = now() + chrono::Duration::minutes(5);
        assert_eq!(deliver(&app, &id, &api, during), Delivery::InFlight);
        let after = now() + CLAIM_LEASE + chrono::Duration::minutes(1);
        assert_eq!(deliver(&app, &id, &api, after), Delivery::Sent);
        assert_eq!(api.sends(), 1);
        assert_eq!(api.sent.borrow()[0].idempotency_key, id);
        assert!(!api.sent.borrow()[0].text.contains("[redacted]"));
        let sent = message(&app, &id);
        assert_eq!((sent.status, sent.attempts), (OutboxStatus::Sent, 2));
    }

    #[test]
    fn the_sweep_re_enqueues_only_messages_that_are_due() {
        let app = app();
        let id = registered_outbox_id(&app);
        let job = || Job::DeliverEmail {
            outbox_id: id.clone(),
        };
        let before = now() - chrono::Duration::seconds(1);
        assert!(run(app.sweep(before, [0; 32])).unwrap().is_empty());
        assert_eq!(run(app.sweep(now(), [0; 32])).unwrap(), vec![job()]);
        // It failed once: due again in 30 s, not before.
        let sender = StandIn::answering(vec![outage()]);
        assert_eq!(deliver(&app, &id, &sender, now()), Delivery::RetryAfter(30));
        let soon = now() + chrono::Duration::seconds(29);
        assert!(run(app.sweep(soon, [0; 32])).unwrap().is_empty());
        let due = now() + chrono::Duration::seconds(30);
        assert_eq!(run(app.sweep(due, [0; 32])).unwrap(), vec![job()]);
        // A consumer holds it: not until its lease runs out.
        let claimed = run(app.store.write(vec![store::claim_message(
            &id,
            1,
            due,
            due,
            false,
            due + CLAIM_LEASE,
        )]))
        .unwrap();
        assert_eq!(claimed, [1]);
        assert!(run(app.sweep(due + chrono::Duration::minutes(10), [0; 32]))
            .unwrap()
            .is_empty());
        assert_eq!(
            run(app.sweep(due + CLAIM_LEASE, [0; 32])).unwrap(),
            vec![job()]
        );
        // Sent: never again.
        let resumed = due + CLAIM_LEASE;
        assert_eq!(deliver(&app, &id, &sender, resumed), Delivery::Sent);
        let much_later = now() + chrono::Duration::days(5);
        assert!(run(app.sweep(much_later, [0; 32])).unwrap().is_empty());
    }

    #[test]
    fn a_dead_lettered_message_is_given_up_only_after_its_three_days() {
        let app = app();
        let id = registered_outbox_id(&app);
        let schedule = RetrySchedule::default();
        let day = now() + chrono::Duration::days(1);
        assert!(!run(app.dead_lettered_email(&id, &schedule, day)).unwrap());
        assert_eq!(message(&app, &id).status, OutboxStatus::Pending);
        let over = now() + chrono::Duration::days(3);
        assert!(run(app.dead_lettered_email(&id, &schedule, over)).unwrap());
        let failed = message(&app, &id);
        assert_eq!(failed.status, OutboxStatus::Failed);
        assert!(at_rest(&app, &id).contains("?token=[redacted]"));
        assert!(!run(app.dead_lettered_email("msg_none", &schedule, over)).unwrap());
    }

    #[test]
    fn the_api_body_names_sender_recipient_and_text() {
        let request = EmailRequest {
            idempotency_key: "msg_1".into(),
            to: "ana@kovinar.si".into(),
            subject: "S".into(),
            text: "T".into(),
            html: None,
            headers: Vec::new(),
            reply_to: None,
        };
        assert_eq!(
            request.api_body("Spica <support@spica.test>"),
            json!({"from": "Spica <support@spica.test>", "to": ["ana@kovinar.si"], "subject": "S", "text": "T"})
        );
        let replying = EmailRequest {
            reply_to: Some("incident+inc_ab.00@reply.spica.test".into()),
            ..request
        };
        assert_eq!(
            replying.api_body("Spica <support@spica.test>")["reply_to"],
            "incident+inc_ab.00@reply.spica.test"
        );
    }

    #[test]
    fn a_bulletin_body_carries_html_and_the_unsubscribe_headers() {
        let request = EmailRequest {
            idempotency_key: "obx_1".into(),
            to: "ana@kovinar.si".into(),
            subject: "S".into(),
            text: "T".into(),
            reply_to: None,
            html: Some("<p>T</p>".into()),
            headers: headers_from_json(Some(
                r#"{"List-Unsubscribe": "<https://p.test/unsubscribe?token=x>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}"#,
            )),
        };
        let body = request.api_body("Spica <support@spica.test>");
        assert_eq!(body["html"], "<p>T</p>");
        assert_eq!(
            body["headers"],
            json!({"List-Unsubscribe": "<https://p.test/unsubscribe?token=x>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})
        );
    }
}
