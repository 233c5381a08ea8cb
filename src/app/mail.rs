//! Delivering the outbox: at least once, idempotent by outbox id, retried
//! with backoff, and given up after the last attempt.

use serde_json::json;

use super::{App, AppError};
use crate::domain::time::Instant;
use crate::store::{self, Database, OutboxStatus};

/// Attempts before a message is marked failed; the queue's `max_retries`
/// matches it, so the dead-letter queue sees what gave up.
pub const MAX_DELIVERY_ATTEMPTS: i64 = 6;

/// One email for an email service, with the outbox id as the idempotency key
/// so the service itself drops a repeated send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailRequest {
    pub idempotency_key: String,
    pub to: String,
    pub subject: String,
    pub text: String,
}

impl EmailRequest {
    /// The JSON body of an HTTP email API in the common shape
    /// (`POST /emails {"from", "to": [..], "subject", "text"}`).
    pub fn api_body(&self, from: &str) -> serde_json::Value {
        json!({ "from": from, "to": [self.to], "subject": self.subject, "text": self.text })
    }
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
}

/// What the consumer should do with the queue message after a delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    Sent,
    /// Sent, not sent or failed before: a duplicate message does nothing.
    AlreadySettled,
    /// No email service is configured: the message stays in the outbox.
    NotConfigured,
    /// Try again after this many seconds.
    RetryAfter(u32),
    /// The last attempt failed, or the service refused the message for good.
    GaveUp,
    /// No such outbox message.
    Unknown,
}

/// Seconds before attempt `attempts + 1`: 30 s, 1 min, 2 min, … at most 1 h.
fn backoff_seconds(attempts: i64) -> u32 {
    let exponent = u32::try_from(attempts.clamp(0, 7)).unwrap_or(7);
    (30u32 << exponent).min(3600)
}

impl<D: Database> App<D> {
    /// Delivers one outbox message through `sender`, or marks it not sent
    /// when there is none. Reads the current state first, so a late or
    /// repeated queue message changes nothing.
    pub async fn deliver_email<S: MailSender>(
        &self,
        outbox_id: &str,
        sender: Option<&S>,
        now: Instant,
    ) -> Result<Delivery, AppError> {
        let Some(message) = self.store.outbox_message(outbox_id).await? else {
            return Ok(Delivery::Unknown);
        };
        if message.status != OutboxStatus::Pending {
            return Ok(Delivery::AlreadySettled);
        }
        let Some(sender) = sender else {
            self.store
                .write(vec![store::record_attempt(
                    outbox_id,
                    OutboxStatus::NotSent,
                    None,
                    None,
                    now,
                )])
                .await?;
            return Ok(Delivery::NotConfigured);
        };
        let request = EmailRequest {
            idempotency_key: message.id.clone(),
            to: message.to.clone(),
            subject: message.subject.clone(),
            text: message.text.clone(),
        };
        let (status, error, provider_id, delivery) = match sender.send(&request).await {
            Ok(provider_id) => (OutboxStatus::Sent, None, Some(provider_id), Delivery::Sent),
            Err(failure) if failure.retryable && message.attempts + 1 < MAX_DELIVERY_ATTEMPTS => (
                OutboxStatus::Pending,
                Some(failure.reason),
                None,
                Delivery::RetryAfter(backoff_seconds(message.attempts)),
            ),
            Err(failure) => (
                OutboxStatus::Failed,
                Some(failure.reason),
                None,
                Delivery::GaveUp,
            ),
        };
        self.store
            .write(vec![store::record_attempt(
                outbox_id,
                status,
                error.as_deref(),
                provider_id.as_deref(),
                now,
            )])
            .await?;
        Ok(delivery)
    }

    /// Marks a message failed when its queue message reached the dead-letter
    /// queue (the Worker failed on it every time).
    pub async fn give_up_email(&self, outbox_id: &str, now: Instant) -> Result<(), AppError> {
        self.store
            .write(vec![store::record_attempt(
                outbox_id,
                OutboxStatus::Failed,
                Some("dead-lettered after the last retry"),
                None,
                now,
            )])
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;
    use crate::app::registration::tests::registration;
    use crate::app::testing::{app, entropy, now, run};
    use crate::app::Job;

    /// A stand-in email service that answers from a script and records sends.
    struct StandIn {
        answers: RefCell<Vec<Result<String, SendFailure>>>,
        sent: RefCell<Vec<EmailRequest>>,
    }

    impl StandIn {
        fn answering(answers: Vec<Result<String, SendFailure>>) -> Self {
            Self {
                answers: RefCell::new(answers),
                sent: RefCell::new(Vec::new()),
            }
        }
    }

    impl MailSender for StandIn {
        async fn send(&self, email: &EmailRequest) -> Result<String, SendFailure> {
            self.sent.borrow_mut().push(email.clone());
            self.answers.borrow_mut().remove(0)
        }
    }

    fn outage() -> Result<String, SendFailure> {
        Err(SendFailure {
            retryable: true,
            reason: "503".into(),
        })
    }

    fn registered_outbox_id(app: &App<crate::store::sqlite::Sqlite>) -> String {
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

    #[test]
    fn a_message_is_sent_once_however_often_its_job_arrives() {
        let app = app();
        let id = registered_outbox_id(&app);
        let sender = StandIn::answering(vec![Ok("prov_1".into())]);
        assert_eq!(
            run(app.deliver_email(&id, Some(&sender), now())).unwrap(),
            Delivery::Sent
        );
        assert_eq!(
            run(app.deliver_email(&id, Some(&sender), now())).unwrap(),
            Delivery::AlreadySettled
        );
        assert_eq!(sender.sent.borrow().len(), 1);
        assert_eq!(sender.sent.borrow()[0].idempotency_key, id);
        let message = run(app.store.outbox_message(&id)).unwrap().unwrap();
        assert_eq!((message.status, message.attempts), (OutboxStatus::Sent, 1));
        assert_eq!(message.sent_at, Some(now()));
    }

    #[test]
    fn without_an_email_service_the_message_stays_marked_not_sent() {
        let app = app();
        let id = registered_outbox_id(&app);
        let delivery = run(app.deliver_email::<StandIn>(&id, None, now())).unwrap();
        assert_eq!(delivery, Delivery::NotConfigured);
        let message = run(app.store.outbox_message(&id)).unwrap().unwrap();
        assert_eq!(message.status, OutboxStatus::NotSent);
    }

    #[test]
    fn outages_are_retried_with_growing_delays_then_given_up() {
        let app = app();
        let id = registered_outbox_id(&app);
        let sender = StandIn::answering((0..MAX_DELIVERY_ATTEMPTS).map(|_| outage()).collect());
        let mut delays = Vec::new();
        loop {
            match run(app.deliver_email(&id, Some(&sender), now())).unwrap() {
                Delivery::RetryAfter(seconds) => delays.push(seconds),
                Delivery::GaveUp => break,
                other => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!(delays, [30, 60, 120, 240, 480]);
        let message = run(app.store.outbox_message(&id)).unwrap().unwrap();
        assert_eq!(message.status, OutboxStatus::Failed);
        assert_eq!(message.attempts, MAX_DELIVERY_ATTEMPTS);
        assert_eq!(message.last_error.as_deref(), Some("503"));
    }

    #[test]
    fn a_refused_message_is_not_retried() {
        let app = app();
        let id = registered_outbox_id(&app);
        let sender = StandIn::answering(vec![Err(SendFailure {
            retryable: false,
            reason: "422 invalid recipient".into(),
        })]);
        assert_eq!(
            run(app.deliver_email(&id, Some(&sender), now())).unwrap(),
            Delivery::GaveUp
        );
    }

    #[test]
    fn the_sweep_resends_only_messages_pending_for_a_while() {
        let app = app();
        let id = registered_outbox_id(&app);
        assert!(run(app.sweep(now(), [0; 32])).unwrap().is_empty());
        let later = now() + chrono::Duration::minutes(11);
        assert_eq!(
            run(app.sweep(later, [0; 32])).unwrap(),
            vec![Job::DeliverEmail {
                outbox_id: id.clone()
            }]
        );
        run(app.give_up_email(&id, later)).unwrap();
        assert!(run(app.sweep(later, [0; 32])).unwrap().is_empty());
    }

    #[test]
    fn the_api_body_names_sender_recipient_and_text() {
        let request = EmailRequest {
            idempotency_key: "msg_1".into(),
            to: "ana@kovinar.si".into(),
            subject: "S".into(),
            text: "T".into(),
        };
        assert_eq!(
            request.api_body("Spica <support@spica.test>"),
            json!({"from": "Spica <support@spica.test>", "to": ["ana@kovinar.si"], "subject": "S", "text": "T"})
        );
    }
}
