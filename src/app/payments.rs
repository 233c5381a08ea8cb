//! Payment-provider webhooks (`POST /api/webhooks/stripe`): verified, then
//! applied once per event id, whatever the order or number of deliveries.

use serde_json::Value;

use super::orders::Credit;
use super::{App, AppError, Job};
use crate::domain::email::Email;
use crate::domain::entropy::Entropy;
use crate::domain::ledger::reversal_key;
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

/// An event's outcome, the batch that applies it, and the jobs after it.
type Planned = (String, Vec<store::Statement>, Vec<Job>);

fn text<'a>(object: &'a Value, field: &str) -> Option<&'a str> {
    object
        .get(field)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

/// The order a Checkout Session pays.
fn checkout_order(session: &Value) -> Option<&str> {
    text(session, "client_reference_id").or_else(|| {
        session
            .pointer("/metadata/order_id")
            .and_then(Value::as_str)
    })
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
        let planned = self.plan_event(id, kind, object, now, entropy).await?;
        self.commit_event(id, kind, planned, now).await
    }

    /// The one batch of reads an event is decided on: whether it came
    /// before, and what its kind needs (the order, and the confirmation's
    /// address or what a refund took back before).
    fn event_reads(kind: &str, object: &Value) -> Vec<store::Statement> {
        match kind {
            "checkout.session.completed" | "checkout.session.async_payment_succeeded" => {
                checkout_order(object).map_or_else(Vec::new, |order_id| {
                    vec![
                        store::order_by_id(order_id),
                        store::confirmation_address(order_id),
                    ]
                })
            }
            "charge.refunded" => text(object, "payment_intent")
                .map(store::order_for_refund)
                .into_iter()
                .collect(),
            _ => Vec::new(),
        }
    }

    /// What an event does, decided from what is read now (one round trip),
    /// as one batch: a duplicate, an event of a type the portal ignores, or
    /// one for an unknown order is answered as done.
    async fn plan_event(
        &self,
        id: &str,
        kind: &str,
        object: &Value,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Planned, AppError> {
        let mut reads = vec![store::webhook_event(id)];
        reads.extend(Self::event_reads(kind, object));
        let rows = self.store.reads(reads).await?;
        // Planned as nothing: its write fails on the event's key and answers
        // as a duplicate.
        if !rows[0].is_empty() {
            return Ok(("duplicate".to_owned(), Vec::new(), Vec::new()));
        }
        let found = &rows[1..];
        Ok(match kind {
            "checkout.session.completed" | "checkout.session.async_payment_succeeded" => {
                Self::checkout_paid(id, kind, object, found, now, entropy)?
            }
            "checkout.session.async_payment_failed" => Self::checkout_failed(object, now),
            "charge.refunded" => Self::charge_refunded(id, object, found, now, entropy)?,
            _ => ("ignored".to_owned(), Vec::new(), Vec::new()),
        })
    }

    /// Writes an event's batch. Its guards hold whatever was written between
    /// the reads that planned it and this write.
    async fn commit_event(
        &self,
        id: &str,
        kind: &str,
        (outcome, mut statements, jobs): Planned,
        now: Instant,
    ) -> Result<EventOutcome, AppError> {
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

    fn checkout_paid(
        event_id: &str,
        kind: &str,
        session: &Value,
        found: &[Vec<store::Row>],
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Planned, AppError> {
        // A completed session of a delayed method (SEPA debit) is not paid yet:
        // async_payment_succeeded follows.
        if kind == "checkout.session.completed" && text(session, "payment_status") != Some("paid") {
            return Ok(("awaiting_async_payment".into(), Vec::new(), Vec::new()));
        }
        let Some(record) = found
            .first()
            .map(|rows| store::decode_order(rows))
            .transpose()?
            .flatten()
        else {
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
            // Also for an order cancelled before or while the payment came:
            // the payment wins (see `order::PAYABLE`), and `mark_card_paid`
            // pays the order whatever its status unless it is paid already.
            CardSettlement::Paid => {
                let mut statements = vec![
                    store::mark_card_paid(&order.id, payment_intent, now),
                    // Keyed by the order: a Checkout Session is paid once,
                    // whichever of its events (and however many) report it.
                    store::insert_payment(
                        &entropy.id("pay"),
                        &order.id,
                        "stripe",
                        &format!("checkout:{}", order.id),
                        amount,
                        now,
                    ),
                ];
                let email = found
                    .get(1)
                    .map(|rows| store::decode_address(rows))
                    .transpose()?
                    .flatten()
                    .and_then(|e| Email::parse(&e).ok());
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

    fn checkout_failed(session: &Value, now: Instant) -> Planned {
        let Some(order_id) = text(session, "client_reference_id") else {
            return ("unknown_order".into(), Vec::new(), Vec::new());
        };
        let unpaid = [OrderStatus::AwaitingPayment, OrderStatus::Expired];
        (
            "failed".into(),
            vec![store::set_order_status(
                order_id,
                OrderStatus::Failed,
                &unpaid,
                now,
            )],
            Vec::new(),
        )
    }

    /// A refund takes back the order's coupons still unused, up to what was
    /// refunded and never more than the order's purchase credited; coupons
    /// already used are recorded as a debt for staff. The batch computes both
    /// from what it finds (`store::reverse_refund`), so a refund of a payment
    /// that was never credited takes nothing from the customer's other
    /// coupons, and refunds that race take back no more than one would.
    fn charge_refunded(
        event_id: &str,
        charge: &Value,
        found: &[Vec<store::Row>],
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Planned, AppError> {
        let Some(rows) = found.first() else {
            return Ok(("unknown_order".into(), Vec::new(), Vec::new()));
        };
        // A refund that arrives before the payment it refunds (events come
        // out of order) is not recorded: the non-2xx answer makes Stripe
        // deliver it again later, when the payment is known.
        let (record, purchased, refunded) =
            store::decode_order_for_refund(rows)?.ok_or(AppError::PaymentNotYetKnown)?;
        let order = &record.order;
        let refunded_cents = charge
            .get("amount_refunded")
            .and_then(Value::as_i64)
            .unwrap_or(0);
        let through = order.coupons_refunded(refunded_cents);
        let due = through.min(purchased) - refunded;
        if purchased > 0 && due <= 0 {
            return Ok(("already_reversed".into(), Vec::new(), Vec::new()));
        }
        let statements = vec![
            store::insert_payment(
                &entropy.id("pay"),
                &order.id,
                "stripe",
                event_id,
                -refunded_cents,
                now,
            ),
            store::reverse_refund(
                &entropy.id("led"),
                &order.id,
                through,
                &reversal_key(&order.id, through),
                now,
            ),
            store::record_coupon_debt(&entropy.id("tsk"), &order.id, through, now),
        ];
        // Money returned for a payment that credited nothing (it went to
        // review) is recorded; there are no coupons to take back.
        let outcome = if purchased == 0 {
            "not_credited"
        } else {
            "reversed"
        };
        Ok((outcome.into(), statements, Vec::new()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::{app, customer, entropy, now, run, StandInStripe};
    use crate::domain::ledger::EntryKind;
    use crate::domain::order::{Order, PaymentMethod, Quantity};
    use crate::store::sqlite::Sqlite;
    use crate::store::Database;

    fn card_order(
        app: &App<Sqlite>,
        customer: &crate::app::CustomerPrincipal,
        quantity: i64,
        seed: u8,
    ) -> Order {
        run(app.place_order(
            &crate::app::Caller::customer(customer.clone(), now()),
            Quantity::parse(quantity).unwrap(),
            PaymentMethod::Card,
            Some(&StandInStripe),
            now(),
            &mut entropy(seed),
        ))
        .unwrap()
        .record
        .order
    }

    fn paid(order: &Order, event: &str, cents: i64) -> Value {
        serde_json::json!({"id": event, "type": "checkout.session.completed", "data": {"object": {
            "client_reference_id": order.id, "payment_status": "paid", "amount_total": cents,
            "currency": "eur", "payment_intent": format!("pi_{}", order.id)}}})
    }

    fn refunded(order: &Order, event: &str, cents: i64) -> Value {
        serde_json::json!({"id": event, "type": "charge.refunded", "data": {"object": {
            "payment_intent": format!("pi_{}", order.id), "amount_refunded": cents, "currency": "eur"}}})
    }

    fn deliver(app: &App<Sqlite>, event: &Value, seed: u8) -> EventOutcome {
        let body = event.to_string().into_bytes();
        let header = webhook::header_for("whsec_test", now().timestamp(), &body);
        run(app.stripe_event(Some(&header), &body, now(), &mut entropy(seed))).unwrap()
    }

    /// Plans an event from what is read now, to commit later.
    fn plan(app: &App<Sqlite>, event: &Value, seed: u8) -> (String, String, Planned) {
        let id = event["id"].as_str().unwrap().to_owned();
        let kind = event["type"].as_str().unwrap().to_owned();
        let planned = run(app.plan_event(
            &id,
            &kind,
            &event["data"]["object"],
            now(),
            &mut entropy(seed),
        ))
        .unwrap();
        (id, kind, planned)
    }

    fn commit(app: &App<Sqlite>, (id, kind, planned): (String, String, Planned)) -> EventOutcome {
        run(app.commit_event(&id, &kind, planned, now())).unwrap()
    }

    fn reversed(app: &App<Sqlite>, customer: &crate::app::CustomerPrincipal) -> i64 {
        run(app.ledger(&customer.customer.id))
            .unwrap()
            .iter()
            .filter(|e| e.kind == EntryKind::Reversal)
            .map(|e| -e.coupons)
            .sum()
    }

    #[test]
    fn refunds_planned_from_the_same_read_take_back_no_more_than_the_order_credited() {
        let app = app();
        let customer = customer(&app, "ana@kovinar.si", 1);
        let order = card_order(&app, &customer, 4, 10);
        deliver(&app, &paid(&order, "evt_paid", 10_000), 11);
        assert_eq!(
            run(app.store.coupon_balance(&customer.customer.id)).unwrap(),
            1 + 4
        );
        // A partial refund (2 coupons) and the full one (4) read nothing
        // reversed yet; together they take back the order's 4, not 6.
        let partial = plan(&app, &refunded(&order, "evt_r1", 5_000), 12);
        let full = plan(&app, &refunded(&order, "evt_r2", 10_000), 13);
        assert_eq!(commit(&app, full).outcome, "reversed");
        commit(&app, partial);
        assert_eq!(reversed(&app, &customer), 4);
        assert_eq!(
            run(app.store.coupon_balance(&customer.customer.id)).unwrap(),
            1
        );
    }

    #[test]
    fn a_refund_of_a_card_payment_never_credited_takes_no_other_coupons() {
        let app = app();
        let customer = customer(&app, "ana@kovinar.si", 1);
        let bought = card_order(&app, &customer, 3, 10);
        deliver(&app, &paid(&bought, "evt_paid", 7_500), 11);
        // Paid the wrong amount: sent to review, nothing credited.
        let wrong = card_order(&app, &customer, 2, 12);
        assert_eq!(
            deliver(&app, &paid(&wrong, "evt_wrong", 4_000), 13).outcome,
            "review"
        );
        assert_eq!(
            run(app.store.coupon_balance(&customer.customer.id)).unwrap(),
            1 + 3
        );
        let outcome = deliver(&app, &refunded(&wrong, "evt_refund", 4_000), 14);
        assert_eq!(outcome.outcome, "not_credited");
        assert_eq!(
            run(app.store.coupon_balance(&customer.customer.id)).unwrap(),
            1 + 3
        );
        assert_eq!(reversed(&app, &customer), 0);
        let debts = run(app.store.open_staff_tasks(100))
            .unwrap()
            .into_iter()
            .filter(|(t, _)| t.kind == "coupon_debt")
            .count();
        assert_eq!(debts, 0, "no debt for coupons that were never credited");
    }

    #[test]
    fn a_reversal_beyond_its_order_fails_its_batch() {
        let app = app();
        let customer = customer(&app, "ana@kovinar.si", 1);
        let order = card_order(&app, &customer, 1, 10);
        deliver(&app, &paid(&order, "evt_paid", 2_500), 11);
        let entry = crate::domain::ledger::Entry::reversal("led_x".into(), &order, 2, 2, now());
        let refused = run(app.store.write(vec![store::append_entry(&entry)])).unwrap_err();
        assert!(
            refused.is_constraint("a reversal takes back only what its order credited"),
            "{refused}"
        );
        assert_eq!(
            run(app.store.coupon_balance(&customer.customer.id)).unwrap(),
            2
        );
    }

    #[test]
    fn a_card_payment_planned_before_a_cancel_still_pays_the_order() {
        let app = app();
        let customer = customer(&app, "ana@kovinar.si", 1);
        let order = card_order(&app, &customer, 2, 10);
        let payment = plan(&app, &paid(&order, "evt_paid", 5_000), 11);
        let cancelled = run(app.cancel_order(
            &crate::app::Caller::customer(customer.clone(), now()),
            &order.id,
            now(),
        ))
        .unwrap();
        assert_eq!(cancelled.order.status, OrderStatus::Cancelled);
        assert_eq!(commit(&app, payment).outcome, "credited");
        let after = run(app.store.order(&order.id)).unwrap().unwrap().order;
        assert_eq!(after.status, OrderStatus::Paid);
        assert_eq!(
            run(app.store.coupon_balance(&customer.customer.id)).unwrap(),
            1 + 2
        );
        assert_eq!(after.received.cents(), 5_000);
    }

    #[test]
    fn two_events_of_one_checkout_read_unpaid_record_one_payment() {
        let app = app();
        let customer = customer(&app, "ana@kovinar.si", 1);
        let order = card_order(&app, &customer, 2, 10);
        let one = plan(&app, &paid(&order, "evt_completed", 5_000), 11);
        let two = plan(&app, &paid(&order, "evt_succeeded", 5_000), 12);
        commit(&app, one);
        commit(&app, two);
        let payments = run(app.store.db().query(store::Statement::new(
            "SELECT COUNT(*) AS n, SUM(amount_cents) AS cents FROM payments WHERE order_id = ?1",
            vec![order.id.as_str().into()],
        )))
        .unwrap();
        assert_eq!(
            (
                payments[0].integer("n").unwrap(),
                payments[0].integer("cents").unwrap()
            ),
            (1, 5_000)
        );
        assert_eq!(
            run(app.store.coupon_balance(&customer.customer.id)).unwrap(),
            1 + 2
        );
    }
}
