//! Property tests of the coupon ledger over random sequences of operations,
//! against real SQLite: whatever happens, and however often each input
//! arrives, the balance is the sum of the entries, never negative, and each
//! cause (a payment, a bank entry, a refund) counts once.

use proptest::prelude::*;

use super::testing::{app, customer, now, run, staff_member, StandInStripe};
use super::{Adjustment, App, Upload};
use crate::app::BillingError;
use crate::domain::order::{PaymentMethod, Quantity};
use crate::domain::stripe::header_for;
use crate::domain::text::Text;
use crate::store::sqlite::Sqlite;
use crate::store::OrderRecord;

#[derive(Debug, Clone)]
enum Op {
    /// A card order, whose completion event arrives `deliveries` times.
    Card { quantity: i64, deliveries: usize },
    /// A bank order paid in `parts` transfers, the statement imported `imports` times.
    Bank {
        quantity: i64,
        parts: usize,
        imports: usize,
    },
    /// A refund of a share (in percent) of the n-th card order, delivered twice.
    Refund { order: usize, percent: i64 },
    /// A card order whose refund arrives before its payment, then again after.
    RefundFirst { quantity: i64, percent: i64 },
    /// A staff adjustment, sent twice with the same key.
    Adjust { coupons: i64 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (1i64..5, 1usize..4).prop_map(|(quantity, deliveries)| Op::Card {
            quantity,
            deliveries
        }),
        (1i64..5, 1usize..3, 1usize..3).prop_map(|(quantity, parts, imports)| Op::Bank {
            quantity,
            parts,
            imports
        }),
        (0usize..4, 1i64..=100).prop_map(|(order, percent)| Op::Refund { order, percent }),
        (1i64..5, 1i64..=100).prop_map(|(quantity, percent)| Op::RefundFirst { quantity, percent }),
        (-3i64..=3)
            .prop_filter("not zero", |c| *c != 0)
            .prop_map(|coupons| Op::Adjust { coupons }),
    ]
}

struct World {
    app: App<Sqlite>,
    customer: crate::app::CustomerPrincipal,
    card_orders: Vec<(OrderRecord, String)>,
    paid_orders: usize,
    seed: u8,
}

impl World {
    fn entropy(&mut self) -> crate::domain::entropy::Entropy {
        self.seed = self.seed.wrapping_add(1);
        let mut seed = [self.seed; 32];
        seed[0] = 0xEE;
        crate::domain::entropy::Entropy::new(seed)
    }

    fn event(&mut self, body: &serde_json::Value) -> Result<super::EventOutcome, super::AppError> {
        let bytes = body.to_string().into_bytes();
        let header = header_for("whsec_test", now().timestamp(), &bytes);
        let mut entropy = self.entropy();
        run(self
            .app
            .stripe_event(Some(&header), &bytes, now(), &mut entropy))
    }

    fn apply(&mut self, op: &Op, step: usize) {
        match op {
            Op::Card {
                quantity,
                deliveries,
            } => {
                let mut entropy = self.entropy();
                let placed = run(self.app.place_order(
                    &crate::app::Caller::customer(self.customer.clone(), now()),
                    Quantity::parse(*quantity).unwrap(),
                    PaymentMethod::Card,
                    Some(&StandInStripe),
                    now(),
                    &mut entropy,
                ))
                .unwrap();
                let order = &placed.record.order;
                let event_id = format!("evt_{step}");
                let event = serde_json::json!({"id": event_id, "type": "checkout.session.completed", "data": {"object": {
                    "client_reference_id": order.id, "payment_status": "paid", "amount_total": order.vat.total_due.cents(),
                    "currency": "eur", "payment_intent": format!("pi_{step}")}}});
                for _ in 0..*deliveries {
                    self.event(&event).unwrap();
                }
                self.card_orders.push((placed.record, format!("pi_{step}")));
                self.paid_orders += 1;
            }
            Op::Bank {
                quantity,
                parts,
                imports,
            } => {
                let mut entropy = self.entropy();
                let placed = run(self.app.place_order::<StandInStripe>(
                    &crate::app::Caller::customer(self.customer.clone(), now()),
                    Quantity::parse(*quantity).unwrap(),
                    PaymentMethod::BankTransfer,
                    None,
                    now(),
                    &mut entropy,
                ))
                .unwrap();
                let order = &placed.record.order;
                let reference = order.rf_reference.as_ref().unwrap().as_str();
                let total = order.vat.total_due.cents();
                let mut csv =
                    String::from("date,amount,currency,reference,remitter,bank reference\n");
                let share = total / *parts as i64;
                for part in 0..*parts {
                    let cents = if part + 1 == *parts {
                        total - share * (*parts as i64 - 1)
                    } else {
                        share
                    };
                    csv.push_str(&format!(
                        "2026-11-26,{}.{:02},EUR,{reference},K,S{step}P{part}\n",
                        cents / 100,
                        cents % 100
                    ));
                }
                for _ in 0..*imports {
                    let mut entropy = self.entropy();
                    run(self.app.import_statement(
                        &staff_member(),
                        Upload::Csv(csv.as_bytes()),
                        now(),
                        &mut entropy,
                    ))
                    .unwrap();
                }
                self.paid_orders += 1;
            }
            Op::Refund { order, percent } => {
                let Some((record, intent)) = self.card_orders.get(*order).cloned() else {
                    return;
                };
                let refunded = record.order.vat.total_due.cents() * percent / 100;
                let event = serde_json::json!({"id": format!("evt_refund_{step}"), "type": "charge.refunded", "data": {"object": {
                    "payment_intent": intent, "amount_refunded": refunded, "currency": "eur"}}});
                self.event(&event).unwrap();
                self.event(&event).unwrap();
            }
            Op::RefundFirst { quantity, percent } => {
                let mut entropy = self.entropy();
                let quantity = Quantity::parse(*quantity).unwrap();
                let placed = run(self.app.place_order(
                    &crate::app::Caller::customer(self.customer.clone(), now()),
                    quantity,
                    PaymentMethod::Card,
                    Some(&StandInStripe),
                    now(),
                    &mut entropy,
                ))
                .unwrap();
                let order = &placed.record.order;
                let intent = format!("pi_first_{step}");
                let refund = serde_json::json!({"id": format!("evt_early_refund_{step}"), "type": "charge.refunded", "data": {"object": {
                    "payment_intent": intent, "amount_refunded": order.vat.total_due.cents() * percent / 100, "currency": "eur"}}});
                let early = self.event(&refund);
                assert!(
                    matches!(
                        early,
                        Err(super::AppError::Billing(BillingError::PaymentNotYetKnown))
                    ),
                    "{early:?}"
                );
                let paid = serde_json::json!({"id": format!("evt_late_paid_{step}"), "type": "checkout.session.completed", "data": {"object": {
                    "client_reference_id": order.id, "payment_status": "paid", "amount_total": order.vat.total_due.cents(),
                    "currency": "eur", "payment_intent": intent}}});
                self.event(&paid).unwrap();
                self.event(&refund).unwrap();
                self.card_orders.push((placed.record, intent));
                self.paid_orders += 1;
            }
            Op::Adjust { coupons } => {
                let key = crate::domain::idempotency::IdempotencyKey::parse(&format!("adj_{step}"))
                    .unwrap();
                let request = crate::domain::idempotency::RequestFingerprint::of(
                    "POST",
                    "/adjust",
                    &coupons.to_be_bytes(),
                );
                let keyed = super::Idempotency {
                    key: &key,
                    request: &request,
                };
                let staff = staff_member();
                for _ in 0..2 {
                    let mut entropy = self.entropy();
                    let adjustment = Adjustment {
                        customer_id: &self.customer.customer.id,
                        coupons: *coupons,
                        reason: Text::parse("goodwill", 100).unwrap(),
                    };
                    match run(self
                        .app
                        .adjust(&staff, adjustment, &keyed, now(), &mut entropy))
                    {
                        Ok(_)
                        | Err(super::AppError::Billing(BillingError::InsufficientBalance)) => {}
                        Err(other) => panic!("{other}"),
                    }
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_balance_is_the_sum_of_entries_and_each_cause_counts_once(ops in prop::collection::vec(op(), 1..12)) {
        let app = app();
        let customer = customer(&app, "ana@kovinar.si", 1);
        let mut world = World { app, customer, card_orders: Vec::new(), paid_orders: 0, seed: 0 };
        for (step, op) in ops.iter().enumerate() {
            world.apply(op, step);
            let balance = run(world.app.store.coupon_balance(&world.customer.customer.id)).unwrap();
            let sum = run(world.app.store.ledger_sum(&world.customer.customer.id)).unwrap();
            prop_assert_eq!(balance, sum);
            prop_assert!(balance >= 0);
        }
        let ledger = run(world.app.ledger(&world.customer.customer.id)).unwrap();
        let purchases = ledger.iter().filter(|e| e.kind == crate::domain::ledger::EntryKind::Purchase).count();
        prop_assert_eq!(purchases, world.paid_orders);
        let adjustments = ledger.iter().filter(|e| e.kind == crate::domain::ledger::EntryKind::Adjustment).count();
        let adjust_ops = ops.iter().filter(|op| matches!(op, Op::Adjust { .. })).count();
        prop_assert!(adjustments <= adjust_ops);
        for (record, _) in &world.card_orders {
            let reversed: i64 = ledger.iter().filter(|e| e.order_id.as_deref() == Some(record.order.id.as_str()) && e.kind == crate::domain::ledger::EntryKind::Reversal).map(|e| -e.coupons).sum();
            prop_assert!(reversed <= i64::from(record.order.quantity.get()));
        }
    }
}

/// A change to an incident's support time.
#[derive(Debug, Clone)]
enum TimeOp {
    /// A new session of this many seconds, in the next free slot.
    Log(i64),
    /// The n-th live session corrected to this many seconds.
    Correct(usize, i64),
    /// The n-th live session deleted.
    Delete(usize),
    /// The n-th live session logged again (a client's retry).
    Retry(usize),
}

fn time_op() -> impl Strategy<Value = TimeOp> {
    prop_oneof![
        3 => (1i64..3600).prop_map(TimeOp::Log),
        1 => (0usize..6, 1i64..3600).prop_map(|(n, s)| TimeOp::Correct(n, s)),
        1 => (0usize..6).prop_map(TimeOp::Delete),
        1 => (0usize..6).prop_map(TimeOp::Retry),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn coupons_charged_always_equal_started_increments_of_the_total(ops in prop::collection::vec(time_op(), 1..14)) {
        use super::{NewIncident, SessionInput};
        use crate::domain::incident::Channel;
        let app = app();
        let customer = customer(&app, "ana@kovinar.si", 1);
        let mut seed = 0u8;
        let mut entropy = || {
            seed = seed.wrapping_add(1);
            crate::domain::entropy::Entropy::new([seed; 32])
        };
        let input = NewIncident {
            subject: Text::parse("s", 10).unwrap(),
            description: Text::parse("d", 10).unwrap(),
            channel: Channel::Chat,
            phone: None,
            preferred_times: None,
            serial: None,
        };
        let (incident, _) = run(app.open_incident(&super::incidents::callers::as_customer(&customer), input, now(), &mut entropy())).unwrap();
        let desk = super::incidents::callers::agent();
        let day = chrono::Duration::hours(2);
        let mut slot = 0i64;
        for op in &ops {
            let live = run(app.store.sessions(&incident.id)).unwrap();
            let session = |start: crate::domain::time::Instant, seconds: i64| SessionInput {
                started_at: start,
                ended_at: start + chrono::Duration::seconds(seconds),
                channel: Channel::Voice,
            };
            match op {
                TimeOp::Log(seconds) => {
                    slot += 1;
                    let start = now() - chrono::Duration::days(20) + day * i32::try_from(slot).unwrap();
                    run(app.change_session(&desk, &incident.id, None, Some(session(start, *seconds)), now(), &mut entropy())).unwrap();
                }
                TimeOp::Correct(n, seconds) if !live.is_empty() => {
                    let target = &live[n % live.len()].session;
                    run(app.change_session(&desk, &incident.id, Some(&target.id), Some(session(target.started_at, *seconds)), now(), &mut entropy())).unwrap();
                }
                TimeOp::Delete(n) if !live.is_empty() => {
                    let target = live[n % live.len()].session.id.clone();
                    run(app.change_session(&desk, &incident.id, Some(&target), None, now(), &mut entropy())).unwrap();
                }
                TimeOp::Retry(n) if !live.is_empty() => {
                    let target = &live[n % live.len()].session;
                    let again = session(target.started_at, (target.ended_at - target.started_at).num_seconds());
                    run(app.change_session(&desk, &incident.id, None, Some(again), now(), &mut entropy())).unwrap();
                }
                _ => continue,
            }
            let total: i64 = run(app.store.sessions(&incident.id)).unwrap().iter().map(|s| s.session.seconds()).sum();
            let charged = run(app.store.coupons_charged(&incident.id)).unwrap();
            prop_assert_eq!(charged, (total + 899) / 900);
            let balance = run(app.store.coupon_balance(&customer.customer.id)).unwrap();
            prop_assert_eq!(balance, run(app.store.ledger_sum(&customer.customer.id)).unwrap());
            prop_assert_eq!(balance, 1 - charged);
        }
    }
}
