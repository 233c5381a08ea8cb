//! Payment-provider webhooks (`POST /api/webhooks/stripe`): verified, read
//! as a typed [`PaymentEvent`] (`domain::stripe`), then applied once per
//! event id, whatever the order or number of deliveries.

use super::invoices::{credit_note_at_refund, invoices_at_payment};
use super::orders::Credit;
use super::{App, AppError, Job};
use crate::app::BillingError;
use crate::domain::entropy::Entropy;
use crate::domain::ledger::reversal_key;
use crate::domain::notification::Recipient;
use crate::domain::order::{CardSettlement, OrderStatus};
use crate::domain::stripe::{self, Event, PaymentEvent};
use crate::domain::time::Instant;
use crate::store::{self, Database, OrderRecord, OrderToRefund, Query, StaffTask};

/// The reads of [`App::event_reads`].
type EventReads = (
    Option<(Query<Option<OrderRecord>>, Query<Option<Recipient>>)>,
    Option<Query<Option<OrderToRefund>>>,
);

/// What the portal did with an event: its answer says it, and the event's
/// record keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Delivered before: nothing done again.
    Duplicate,
    /// A type the portal does not act on.
    Ignored,
    /// A delayed method's session completed before its money came.
    AwaitingAsyncPayment,
    /// The event names no order the portal knows.
    UnknownOrder,
    AlreadyPaid,
    /// The payment does not match its order: a staff task says why.
    Review,
    /// The order is paid and its coupons credited.
    Credited,
    /// A delayed method's payment failed: the order is marked failed.
    Failed,
    /// A refund whose coupons were taken back before.
    AlreadyReversed,
    /// Money returned for a payment that credited nothing (it went to review).
    NotCredited,
    /// A refund took back the order's unused coupons (and recorded a debt
    /// for the used ones).
    Reversed,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Duplicate => "duplicate",
            Self::Ignored => "ignored",
            Self::AwaitingAsyncPayment => "awaiting_async_payment",
            Self::UnknownOrder => "unknown_order",
            Self::AlreadyPaid => "already_paid",
            Self::Review => "review",
            Self::Credited => "credited",
            Self::Failed => "failed",
            Self::AlreadyReversed => "already_reversed",
            Self::NotCredited => "not_credited",
            Self::Reversed => "reversed",
        }
    }
}

/// What the portal did with an event, as its answer says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventOutcome {
    pub event_id: String,
    pub outcome: Outcome,
    pub jobs: Vec<Job>,
}

/// An event's outcome, the batch that applies it, and the jobs after it.
struct Planned {
    outcome: Outcome,
    statements: Vec<store::Statement>,
    jobs: Vec<Job>,
}

impl From<Outcome> for Planned {
    /// An outcome that writes nothing but the event's record.
    fn from(outcome: Outcome) -> Self {
        Self {
            outcome,
            statements: Vec::new(),
            jobs: Vec::new(),
        }
    }
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
        stripe::verify(signature, body, &self.config.stripe_webhook_secrets, now)
            .map_err(BillingError::Signature)?;
        let event =
            Event::parse(body).map_err(|_| AppError::Billing(BillingError::MalformedEvent))?;
        let planned = self.plan_event(&event, now, entropy).await?;
        self.commit_event(&event, planned, now).await
    }

    /// What an event's kind needs read besides whether it came before: a
    /// paid checkout's order and its confirmation's address, or a refunded
    /// order with what was taken back before. Neither for other events.
    fn event_reads(payment: &PaymentEvent) -> EventReads {
        let paid = match payment {
            PaymentEvent::CheckoutPaid {
                order_id: Some(order_id),
                ..
            } => Some((
                store::order_by_id(order_id),
                store::confirmation_address(order_id),
            )),
            _ => None,
        };
        let refunded = match payment {
            PaymentEvent::ChargeRefunded {
                payment_intent: Some(intent),
                ..
            } => Some(store::order_for_refund(intent)),
            _ => None,
        };
        (paid, refunded)
    }

    /// What an event does, decided from what is read now (one round trip),
    /// as one batch: a duplicate, an event of a type the portal ignores, or
    /// one for an unknown order is answered as done.
    async fn plan_event(
        &self,
        event: &Event,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Planned, AppError> {
        let (seen, (paid, refunded)) = self
            .store
            .read((
                store::webhook_event(&event.id),
                Self::event_reads(&event.payment),
            ))
            .await?;
        // Planned as nothing: its write fails on the event's key and answers
        // as a duplicate.
        if seen {
            return Ok(Outcome::Duplicate.into());
        }
        Ok(match &event.payment {
            PaymentEvent::CheckoutPaid {
                amount_cents,
                currency,
                payment_intent,
                ..
            } => self.checkout_paid(
                &event.id,
                (amount_cents.unwrap_or(-1), currency),
                payment_intent.as_deref(),
                paid,
                now,
                entropy,
            )?,
            PaymentEvent::CheckoutAwaitingPayment => Outcome::AwaitingAsyncPayment.into(),
            PaymentEvent::CheckoutFailed { order_id } => {
                Self::checkout_failed(order_id.as_deref(), now)
            }
            PaymentEvent::ChargeRefunded {
                amount_refunded_cents,
                ..
            } => Self::charge_refunded(&event.id, *amount_refunded_cents, refunded, now, entropy)?,
            PaymentEvent::Other => Outcome::Ignored.into(),
        })
    }

    /// Writes an event's batch. Its guards hold whatever was written between
    /// the reads that planned it and this write.
    async fn commit_event(
        &self,
        event: &Event,
        mut planned: Planned,
        now: Instant,
    ) -> Result<EventOutcome, AppError> {
        // First in the batch: of two concurrent deliveries, the second fails
        // on the event's primary key and writes nothing.
        planned.statements.insert(
            0,
            store::insert_webhook_event(&event.id, &event.kind, planned.outcome.as_str(), now),
        );
        match self.store.write(planned.statements).await {
            Ok(_) => Ok(Self::outcome(event, planned.outcome, planned.jobs)),
            Err(error) if error.is_unique_violation("webhook_events.id") => {
                Ok(Self::outcome(event, Outcome::Duplicate, Vec::new()))
            }
            Err(error) => Err(error.into()),
        }
    }

    fn outcome(event: &Event, outcome: Outcome, jobs: Vec<Job>) -> EventOutcome {
        EventOutcome {
            event_id: event.id.clone(),
            outcome,
            jobs,
        }
    }

    /// The batch of a completed checkout; one that credits the order also
    /// issues its invoice, after the statements that pay it.
    fn checkout_paid(
        &self,
        event_id: &str,
        (amount, currency): (i64, &str),
        payment_intent: Option<&str>,
        paid: Option<(Option<OrderRecord>, Option<Recipient>)>,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Planned, AppError> {
        let Some((Some(record), email)) = paid else {
            return Ok(Outcome::UnknownOrder.into());
        };
        let order = &record.order;
        match order.settle_card(amount, currency) {
            CardSettlement::AlreadyPaid => Ok(Outcome::AlreadyPaid.into()),
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
                Ok(Planned {
                    outcome: Outcome::Review,
                    statements: vec![
                        store::mark_for_review(&order.id, &reason, payment_intent),
                        store::insert_staff_task(&task, now),
                    ],
                    jobs: Vec::new(),
                })
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
                let base_url = &self.config.public_base_url;
                let credit = Credit::new(
                    order,
                    record.number.as_ref(),
                    email.as_ref(),
                    base_url,
                    now,
                    entropy,
                );
                statements.push(store::append_entry(&credit.entry));
                if let Some((outbox_id, message)) = &credit.confirmation {
                    statements.push(store::insert_message(outbox_id, message, now));
                }
                statements.extend(invoices_at_payment(
                    &[(&credit.invoice_id, &order.id)],
                    &self.config.seller,
                    now,
                ));
                Ok(Planned {
                    outcome: Outcome::Credited,
                    statements,
                    jobs: credit.job().into_iter().collect(),
                })
            }
        }
    }

    fn checkout_failed(order_id: Option<&str>, now: Instant) -> Planned {
        let Some(order_id) = order_id else {
            return Outcome::UnknownOrder.into();
        };
        let unpaid = [OrderStatus::AwaitingPayment, OrderStatus::Expired];
        Planned {
            outcome: Outcome::Failed,
            statements: vec![store::set_order_status(
                order_id,
                OrderStatus::Failed,
                &unpaid,
                now,
            )],
            jobs: Vec::new(),
        }
    }

    /// A refund takes back the order's coupons still unused, up to what was
    /// refunded and never more than the order's purchase credited; coupons
    /// already used are recorded as a debt for staff. The batch computes both
    /// from what it finds (`store::reverse_refund`), so a refund of a payment
    /// that was never credited takes nothing from the customer's other
    /// coupons, and refunds that race take back no more than one would.
    fn charge_refunded(
        event_id: &str,
        refunded_cents: i64,
        found: Option<Option<OrderToRefund>>,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Planned, AppError> {
        let Some(found) = found else {
            return Ok(Outcome::UnknownOrder.into());
        };
        // A refund that arrives before the payment it refunds (events come
        // out of order) is not recorded: the non-2xx answer makes Stripe
        // deliver it again later, when the payment is known.
        let OrderToRefund {
            record,
            purchased,
            refunded,
        } = found.ok_or(AppError::Billing(BillingError::PaymentNotYetKnown))?;
        let order = &record.order;
        let money_back =
            store::insert_refund(&entropy.id("pay"), &order.id, event_id, refunded_cents, now);
        let through = order.coupons_refunded(refunded_cents);
        let due = through.min(purchased) - refunded;
        // No more coupons to take back (a refund of less than a coupon's
        // price, or one taken back already): the money is still recorded.
        if purchased > 0 && due <= 0 {
            return Ok(Planned {
                outcome: Outcome::AlreadyReversed,
                statements: vec![money_back],
                jobs: Vec::new(),
            });
        }
        let statements = vec![
            money_back,
            store::reverse_refund(
                &entropy.id("led"),
                &order.id,
                through,
                &reversal_key(&order.id, through),
                now,
            ),
            store::record_coupon_debt(&entropy.id("tsk"), &order.id, through, now),
            credit_note_at_refund(&order.id, through, now, entropy),
        ];
        // Money returned for a payment that credited nothing (it went to
        // review) is recorded; there are no coupons to take back.
        let outcome = if purchased == 0 {
            Outcome::NotCredited
        } else {
            Outcome::Reversed
        };
        Ok(Planned {
            outcome,
            statements,
            jobs: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::{app, customer, entropy, now, run, StandInStripe};
    use crate::domain::invoice::{Document, Kind};
    use crate::domain::ledger::EntryKind;
    use crate::domain::order::{Order, PaymentMethod, Quantity};
    use crate::store::sqlite::Sqlite;
    use crate::store::Database;
    use serde_json::Value;

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
        let header = stripe::header_for("whsec_test", now().timestamp(), &body);
        run(app.stripe_event(Some(&header), &body, now(), &mut entropy(seed))).unwrap()
    }

    /// Plans an event from what is read now, to commit later.
    fn plan(app: &App<Sqlite>, event: &Value, seed: u8) -> (Event, Planned) {
        let event = Event::parse(event.to_string().as_bytes()).unwrap();
        let planned = run(app.plan_event(&event, now(), &mut entropy(seed))).unwrap();
        (event, planned)
    }

    fn commit(app: &App<Sqlite>, (event, planned): (Event, Planned)) -> EventOutcome {
        run(app.commit_event(&event, planned, now())).unwrap()
    }

    /// The customer's invoice (exactly one) and credit notes, oldest first.
    fn documents(
        app: &App<Sqlite>,
        customer: &crate::app::CustomerPrincipal,
    ) -> (Document, Vec<Document>) {
        let caller = crate::app::Caller::customer(customer.clone(), now());
        let (mut invoices, notes): (Vec<Document>, Vec<Document>) = run(app.my_invoices(&caller))
            .unwrap()
            .into_iter()
            .rev()
            .map(|record| record.document)
            .partition(|document| document.kind == Kind::Invoice);
        assert_eq!(invoices.len(), 1);
        (invoices.remove(0), notes)
    }

    fn credit_notes(app: &App<Sqlite>, customer: &crate::app::CustomerPrincipal) -> Vec<Document> {
        documents(app, customer).1
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
        deliver(&app, &paid(&order, "evt_paid", 12_200), 11);
        assert_eq!(
            run(app.store.coupon_balance(&customer.customer.id)).unwrap(),
            1 + 4
        );
        // Ana is in Slovenia: 25.00 + 22 % VAT a coupon, 122.00 for 4.
        // A partial refund (2 coupons) and the full one (4) read nothing
        // reversed yet; together they take back the order's 4, not 6.
        let partial = plan(&app, &refunded(&order, "evt_r1", 6_100), 12);
        let full = plan(&app, &refunded(&order, "evt_r2", 12_200), 13);
        assert_eq!(commit(&app, full).outcome, Outcome::Reversed);
        commit(&app, partial);
        assert_eq!(reversed(&app, &customer), 4);
        // One credit note between them, for the order's 4 coupons.
        let quantities: Vec<u32> = credit_notes(&app, &customer)
            .iter()
            .map(|note| note.quantity)
            .collect();
        assert_eq!(quantities, [4]);
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
        deliver(&app, &paid(&bought, "evt_paid", 9_150), 11);
        // Paid the wrong amount: sent to review, nothing credited.
        let wrong = card_order(&app, &customer, 2, 12);
        assert_eq!(
            deliver(&app, &paid(&wrong, "evt_wrong", 4_000), 13).outcome,
            Outcome::Review
        );
        assert_eq!(
            run(app.store.coupon_balance(&customer.customer.id)).unwrap(),
            1 + 3
        );
        let outcome = deliver(&app, &refunded(&wrong, "evt_refund", 4_000), 14);
        assert_eq!(outcome.outcome, Outcome::NotCredited);
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
        deliver(&app, &paid(&order, "evt_paid", 3_050), 11);
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
        let payment = plan(&app, &paid(&order, "evt_paid", 6_100), 11);
        let cancelled = run(app.cancel_order(
            &crate::app::Caller::customer(customer.clone(), now()),
            &order.id,
            now(),
        ))
        .unwrap();
        assert_eq!(cancelled.order.status, OrderStatus::Cancelled);
        assert_eq!(commit(&app, payment).outcome, Outcome::Credited);
        let after = run(app.store.order(&order.id)).unwrap().unwrap().order;
        assert_eq!(after.status, OrderStatus::Paid);
        assert_eq!(
            run(app.store.coupon_balance(&customer.customer.id)).unwrap(),
            1 + 2
        );
        assert_eq!(after.received.cents(), 6_100);
    }

    #[test]
    fn two_events_of_one_checkout_read_unpaid_record_one_payment() {
        let app = app();
        let customer = customer(&app, "ana@kovinar.si", 1);
        let order = card_order(&app, &customer, 2, 10);
        let one = plan(&app, &paid(&order, "evt_completed", 6_100), 11);
        let two = plan(&app, &paid(&order, "evt_succeeded", 6_100), 12);
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
            (1, 6_100)
        );
        assert_eq!(
            run(app.store.coupon_balance(&customer.customer.id)).unwrap(),
            1 + 2
        );
    }

    #[test]
    fn partial_refunds_credit_the_coupons_they_return_and_sum_to_the_invoice() {
        let app = app();
        let customer = customer(&app, "ana@kovinar.si", 1);
        let order = card_order(&app, &customer, 3, 10);
        deliver(&app, &paid(&order, "evt_paid", 9_150), 11);
        // One coupon's money back (30.50), then Stripe's cumulative amount
        // grows to the whole (91.50): a note for 1, then one for the 2 left.
        let first = deliver(&app, &refunded(&order, "evt_r1", 3_050), 12);
        assert_eq!(first.outcome, Outcome::Reversed);
        assert_eq!(credit_notes(&app, &customer).len(), 1);
        let whole = deliver(&app, &refunded(&order, "evt_r2", 9_150), 13);
        assert_eq!(whole.outcome, Outcome::Reversed);
        // Replays of either event issue nothing more.
        for (event, cents, seed) in [("evt_r1", 3_050, 14), ("evt_r2", 9_150, 15)] {
            deliver(&app, &refunded(&order, event, cents), seed);
        }
        let (invoice, notes) = documents(&app, &customer);
        let quantities: Vec<u32> = notes.iter().map(|note| note.quantity).collect();
        assert_eq!(quantities, [1, 2]);
        let cents = |pick: fn(&Document) -> i64| notes.iter().map(pick).sum::<i64>();
        assert_eq!(
            (
                cents(|n| n.amounts.net.cents()),
                cents(|n| n.amounts.vat.cents()),
                cents(|n| n.amounts.total_due.cents())
            ),
            (
                invoice.amounts.net.cents(),
                invoice.amounts.vat.cents(),
                invoice.amounts.total_due.cents()
            )
        );
        assert!(notes
            .iter()
            .all(|note| note.credits.as_ref().map(|c| c.number) == Some(invoice.number)));
        assert_eq!(reversed(&app, &customer), 3);
        // The money recorded is what each event added, not its running total.
        assert_eq!(refunds(&app, &order), [-3_050, -6_100]);
    }

    /// The order's refund records, in the order they were written.
    fn refunds(app: &App<Sqlite>, order: &Order) -> Vec<i64> {
        let rows = run(app.store.query(store::Statement::new(
            "SELECT amount_cents FROM payments WHERE order_id = ?1 AND amount_cents < 0 ORDER BY rowid",
            vec![order.id.as_str().into()],
        )))
        .unwrap();
        rows.iter()
            .map(|row| row.integer("amount_cents").unwrap())
            .collect()
    }

    #[test]
    fn a_refund_of_less_than_a_coupon_is_recorded_and_takes_back_none() {
        let app = app();
        let customer = customer(&app, "ana@kovinar.si", 1);
        let order = card_order(&app, &customer, 2, 10);
        deliver(&app, &paid(&order, "evt_paid", 6_100), 11);
        // 10.00 back as a goodwill gesture: no coupon's price, no credit note.
        let goodwill = deliver(&app, &refunded(&order, "evt_r1", 1_000), 12);
        assert_eq!(goodwill.outcome, Outcome::AlreadyReversed);
        assert_eq!(refunds(&app, &order), [-1_000]);
        assert!(credit_notes(&app, &customer).is_empty());
        assert_eq!(reversed(&app, &customer), 0);
        // Then the rest: 61.00 in all, both coupons taken back.
        deliver(&app, &refunded(&order, "evt_r2", 6_100), 13);
        deliver(&app, &refunded(&order, "evt_r2", 6_100), 14);
        assert_eq!(refunds(&app, &order), [-1_000, -5_100]);
        assert_eq!(reversed(&app, &customer), 2);
    }
}
