//! Payment-provider webhooks (`POST /api/webhooks/stripe`): verified, then
//! applied once per event id, whatever the order or number of deliveries.

use serde_json::Value;

use super::orders::Credit;
use super::{App, AppError, Job};
use crate::domain::email::Email;
use crate::domain::entropy::Entropy;
use crate::domain::ledger::Entry;
use crate::domain::order::{CardSettlement, OrderStatus};
use crate::domain::time::Instant;
use crate::domain::webhook;
use crate::store::{self, Database, StaffTask};

/// What the portal did with an event, as its answer says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventOutcome {
    pub event_id: String,
    pub outcome: String,
    pub jobs: Vec<Job>,
}

fn text<'a>(object: &'a Value, field: &str) -> Option<&'a str> {
    object
        .get(field)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

impl<D: Database> App<D> {
    /// Verifies and applies one Stripe event. A duplicate, an event of a type
    /// the portal ignores, or one for an unknown order is answered as done.
    pub async fn stripe_event(
        &self,
        signature: Option<&str>,
        body: &[u8],
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<EventOutcome, AppError> {
        webhook::verify(signature, body, &self.config.stripe_webhook_secrets, now)
            .map_err(AppError::Signature)?;
        let event: Value = serde_json::from_slice(body).map_err(|_| AppError::MalformedEvent)?;
        let (Some(id), Some(kind)) = (text(&event, "id"), text(&event, "type")) else {
            return Err(AppError::MalformedEvent);
        };
        let object = event
            .pointer("/data/object")
            .ok_or(AppError::MalformedEvent)?;
        if self.store.webhook_event_seen(id).await? {
            return Ok(self.outcome(id, "duplicate", Vec::new()));
        }
        let (outcome, mut statements, jobs) = match kind {
            "checkout.session.completed" | "checkout.session.async_payment_succeeded" => {
                self.checkout_paid(id, kind, object, now, entropy).await?
            }
            "checkout.session.async_payment_failed" => self.checkout_failed(object, now).await?,
            "charge.refunded" => self.charge_refunded(id, object, now, entropy).await?,
            _ => ("ignored".to_owned(), Vec::new(), Vec::new()),
        };
        // First in the batch: of two concurrent deliveries, the second fails
        // on the event's primary key and writes nothing.
        statements.insert(0, store::insert_webhook_event(id, kind, &outcome, now));
        match self.store.write(statements).await {
            Ok(_) => Ok(self.outcome(id, &outcome, jobs)),
            Err(error) if error.is_unique_violation("webhook_events.id") => {
                Ok(self.outcome(id, "duplicate", Vec::new()))
            }
            Err(error) => Err(error.into()),
        }
    }

    fn outcome(&self, id: &str, outcome: &str, jobs: Vec<Job>) -> EventOutcome {
        EventOutcome {
            event_id: id.to_owned(),
            outcome: outcome.to_owned(),
            jobs,
        }
    }

    async fn checkout_paid(
        &self,
        event_id: &str,
        kind: &str,
        session: &Value,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(String, Vec<store::Statement>, Vec<Job>), AppError> {
        // A completed session of a delayed method (SEPA debit) is not paid yet:
        // async_payment_succeeded follows.
        if kind == "checkout.session.completed" && text(session, "payment_status") != Some("paid") {
            return Ok(("awaiting_async_payment".into(), Vec::new(), Vec::new()));
        }
        let order_id = text(session, "client_reference_id").or_else(|| {
            session
                .pointer("/metadata/order_id")
                .and_then(Value::as_str)
        });
        let Some(record) = (match order_id {
            Some(id) => self.store.order(id).await?,
            None => None,
        }) else {
            return Ok(("unknown_order".into(), Vec::new(), Vec::new()));
        };
        let order = &record.order;
        let amount = session
            .get("amount_total")
            .and_then(Value::as_i64)
            .unwrap_or(-1);
        let currency = text(session, "currency").unwrap_or("");
        let payment_intent = text(session, "payment_intent");
        match order.settle_card(amount, currency) {
            CardSettlement::AlreadyPaid => Ok(("already_paid".into(), Vec::new(), Vec::new())),
            CardSettlement::Review(reason) => {
                let task = StaffTask {
                    id: entropy.id("tsk"),
                    key: format!("review:{event_id}"),
                    kind: "payment_review",
                    order_id: Some(order.id.clone()),
                    customer_id: Some(order.customer_id.clone()),
                    amount_cents: Some(amount),
                    coupons: None,
                    detail: reason.clone(),
                };
                Ok((
                    "review".into(),
                    vec![
                        store::mark_for_review(&order.id, &reason, payment_intent),
                        store::insert_staff_task(&task, now),
                    ],
                    Vec::new(),
                ))
            }
            CardSettlement::Paid => {
                let mut statements = vec![
                    store::mark_card_paid(&order.id, payment_intent, now),
                    store::insert_payment(
                        &entropy.id("pay"),
                        &order.id,
                        "stripe",
                        event_id,
                        amount,
                        now,
                    ),
                ];
                let acting = self
                    .store
                    .acting_contact(store::Acted::Order, &order.id)
                    .await?;
                let email = match self
                    .store
                    .contact_for(&order.customer_id, acting.as_deref())
                    .await?
                {
                    Some(contact) => Email::parse(&contact.email).ok(),
                    None => None,
                };
                let credit = Credit::new(order, email.as_ref(), now, entropy);
                statements.push(store::append_entry(&credit.entry));
                if let Some((outbox_id, message)) = &credit.confirmation {
                    statements.push(store::insert_message(outbox_id, message, now));
                }
                Ok((
                    "credited".into(),
                    statements,
                    credit.job().into_iter().collect(),
                ))
            }
        }
    }

    async fn checkout_failed(
        &self,
        session: &Value,
        now: Instant,
    ) -> Result<(String, Vec<store::Statement>, Vec<Job>), AppError> {
        let Some(order_id) = text(session, "client_reference_id") else {
            return Ok(("unknown_order".into(), Vec::new(), Vec::new()));
        };
        let unpaid = [OrderStatus::AwaitingPayment, OrderStatus::Expired];
        Ok((
            "failed".into(),
            vec![store::set_order_status(
                order_id,
                OrderStatus::Failed,
                &unpaid,
                now,
            )],
            Vec::new(),
        ))
    }

    /// A refund takes back the order's coupons still unused, up to what was
    /// refunded; coupons already used are recorded as a debt for staff.
    async fn charge_refunded(
        &self,
        event_id: &str,
        charge: &Value,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(String, Vec<store::Statement>, Vec<Job>), AppError> {
        let Some(intent) = text(charge, "payment_intent") else {
            return Ok(("unknown_order".into(), Vec::new(), Vec::new()));
        };
        // A refund that arrives before the payment it refunds (events come
        // out of order) is not recorded: the non-2xx answer makes Stripe
        // deliver it again later, when the payment is known.
        let record = self
            .store
            .order_by_payment_intent(intent)
            .await?
            .ok_or(AppError::PaymentNotYetKnown)?;
        let order = &record.order;
        let refunded_cents = charge
            .get("amount_refunded")
            .and_then(Value::as_i64)
            .unwrap_or(0);
        let through = order.coupons_refunded(refunded_cents);
        let due = through - self.store.coupons_refunded(&order.id).await?;
        if due <= 0 {
            return Ok(("already_reversed".into(), Vec::new(), Vec::new()));
        }
        let balance = self.store.coupon_balance(&order.customer_id).await?;
        let reversed = due.min(balance.max(0));
        let mut statements = vec![store::insert_payment(
            &entropy.id("pay"),
            &order.id,
            "stripe",
            event_id,
            -refunded_cents,
            now,
        )];
        if reversed > 0 {
            statements.push(store::append_entry(&Entry::reversal(
                entropy.id("led"),
                order,
                reversed,
                through,
                now,
            )));
        }
        if due > reversed {
            let task = StaffTask {
                id: entropy.id("tsk"),
                key: format!("debt:{}:{through}", order.id),
                kind: "coupon_debt",
                order_id: Some(order.id.clone()),
                customer_id: Some(order.customer_id.clone()),
                amount_cents: None,
                coupons: Some(due - reversed),
                detail: format!("{} refunded coupon(s) were already used", due - reversed),
            };
            statements.push(store::insert_staff_task(&task, now));
        }
        Ok(("reversed".into(), statements, Vec::new()))
    }
}
