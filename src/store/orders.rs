//! Coupon orders, the payments into them, payment-provider events, the tasks
//! staff settle by hand, and SUPS coverage.

use super::{bulk, Database, DbError, Row, Statement, Store};
use crate::domain::ledger::Entry;
use crate::domain::money::Money;
use crate::domain::order::{Order, OrderStatus, PaymentMethod, Quantity};
use crate::domain::rf::RfReference;
use crate::domain::time::{format, Instant};

/// An order with what the payment provider and staff added to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderRecord {
    pub order: Order,
    pub checkout_session_id: Option<String>,
    pub checkout_url: Option<String>,
    pub payment_intent_id: Option<String>,
    pub review_reason: Option<String>,
    pub paid_at: Option<Instant>,
    pub closed_at: Option<Instant>,
}

impl OrderRecord {
    /// A record of an order just placed, as it was written.
    pub fn new(order: Order, checkout: Option<(String, String)>) -> Self {
        let (checkout_session_id, checkout_url) = checkout.unzip();
        Self {
            order,
            checkout_session_id,
            checkout_url,
            payment_intent_id: None,
            review_reason: None,
            paid_at: None,
            closed_at: None,
        }
    }
}

const COLUMNS: &str = "id, customer_id, quantity, unit_price_cents, total_cents, payment_method, status, \
     received_cents, rf_reference, checkout_session_id, checkout_url, payment_intent_id, review_reason, \
     created_at, expires_at, paid_at, closed_at";

fn money(row: &Row, column: &str) -> Result<Money, DbError> {
    let cents = row.integer(column)?;
    Money::from_cents(cents)
        .ok_or_else(|| DbError::Decode(format!("{column} is negative: {cents}")))
}

impl OrderRecord {
    fn from_row(row: &Row) -> Result<Self, DbError> {
        let decode = |what: &str, text: String| DbError::Decode(format!("{what} {text}"));
        let status = row.text("status")?;
        let method = row.text("payment_method")?;
        let order = Order {
            id: row.text("id")?,
            customer_id: row.text("customer_id")?,
            quantity: Quantity::parse(row.integer("quantity")?)
                .map_err(|e| decode("quantity", e.detail))?,
            unit_price: money(row, "unit_price_cents")?,
            total: money(row, "total_cents")?,
            method: PaymentMethod::parse(&method)
                .map_err(|_| decode("payment_method", method.clone()))?,
            status: OrderStatus::parse(&status).ok_or_else(|| decode("status", status.clone()))?,
            received: money(row, "received_cents")?,
            rf_reference: row
                .opt_text("rf_reference")?
                .map(|r| RfReference::parse(&r).map_err(|_| decode("rf_reference", r)))
                .transpose()?,
            created_at: row.instant("created_at")?,
            expires_at: row.instant("expires_at")?,
        };
        Ok(Self {
            order,
            checkout_session_id: row.opt_text("checkout_session_id")?,
            checkout_url: row.opt_text("checkout_url")?,
            payment_intent_id: row.opt_text("payment_intent_id")?,
            review_reason: row.opt_text("review_reason")?,
            paid_at: row.opt_instant("paid_at")?,
            closed_at: row.opt_instant("closed_at")?,
        })
    }
}

/// Writes a new order, with its Stripe Checkout Session when paid by card.
pub fn insert_order(order: &Order, checkout: Option<(&str, &str)>) -> Statement {
    Statement::new(
        "INSERT INTO coupon_orders (id, customer_id, quantity, unit_price_cents, total_cents, currency, \
         payment_method, status, rf_reference, checkout_session_id, checkout_url, created_at, expires_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, 'EUR', ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        vec![
            order.id.as_str().into(),
            order.customer_id.as_str().into(),
            i64::from(order.quantity.get()).into(),
            order.unit_price.cents().into(),
            order.total.cents().into(),
            order.method.as_str().into(),
            order.status.as_str().into(),
            order.rf_reference.as_ref().map(RfReference::as_str).into(),
            checkout.map(|(id, _)| id).into(),
            checkout.map(|(_, url)| url).into(),
            format(order.created_at).into(),
            format(order.expires_at).into(),
        ],
    )
}

/// Moves an order to `status` only from one of `from`, so that a late or
/// repeated event cannot undo a later state.
pub fn set_order_status(
    order_id: &str,
    status: OrderStatus,
    from: &[OrderStatus],
    now: Instant,
) -> Statement {
    let from: Vec<&str> = from.iter().map(|s| s.as_str()).collect();
    Statement::new(
        "UPDATE coupon_orders SET status = ?2, \
         closed_at = CASE WHEN ?2 IN ('cancelled', 'failed', 'expired') THEN ?4 ELSE closed_at END \
         WHERE id = ?1 AND status IN (SELECT value FROM json_each(?3))",
        vec![
            order_id.into(),
            status.as_str().into(),
            serde_json::to_string(&from).unwrap_or_default().into(),
            format(now).into(),
        ],
    )
}

/// Records a card payment: paid, with the payment intent that refunds name.
pub fn mark_card_paid(order_id: &str, payment_intent_id: Option<&str>, now: Instant) -> Statement {
    Statement::new(
        "UPDATE coupon_orders SET status = 'paid', paid_at = ?3, received_cents = total_cents, \
         payment_intent_id = COALESCE(?2, payment_intent_id) WHERE id = ?1 AND status <> 'paid'",
        vec![
            order_id.into(),
            payment_intent_id.into(),
            format(now).into(),
        ],
    )
}

/// Sends an order to staff review, with the reason.
pub fn mark_for_review(order_id: &str, reason: &str, payment_intent_id: Option<&str>) -> Statement {
    Statement::new(
        "UPDATE coupon_orders SET status = 'review', review_reason = ?2, \
         payment_intent_id = COALESCE(?3, payment_intent_id) WHERE id = ?1 AND status <> 'paid'",
        vec![order_id.into(), reason.into(), payment_intent_id.into()],
    )
}

/// Marks unpaid orders past their lifetime as expired.
pub fn expire_orders(now: Instant) -> Statement {
    Statement::new(
        "UPDATE coupon_orders SET status = 'expired', closed_at = ?1 \
         WHERE status = 'awaiting_payment' AND expires_at <= ?1",
        vec![format(now).into()],
    )
}

/// Records money received (or, negative, refunded) for an order, once per
/// event or bank entry.
pub fn insert_payment(
    id: &str,
    order_id: &str,
    source: &str,
    source_key: &str,
    cents: i64,
    now: Instant,
) -> Statement {
    Statement::new(
        "INSERT INTO payments (id, order_id, source, source_key, amount_cents, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (source_key) DO NOTHING",
        vec![
            id.into(),
            order_id.into(),
            source.into(),
            source_key.into(),
            cents.into(),
            format(now).into(),
        ],
    )
}

/// Records a processed webhook event. A plain INSERT: the second of two
/// concurrent deliveries fails on the primary key and its batch rolls back.
pub fn insert_webhook_event(id: &str, kind: &str, outcome: &str, now: Instant) -> Statement {
    Statement::new(
        "INSERT INTO webhook_events (id, type, outcome, received_at) VALUES (?1, ?2, ?3, ?4)",
        vec![id.into(), kind.into(), outcome.into(), format(now).into()],
    )
}

/// Something staff must settle by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffTask {
    pub id: String,
    pub key: String,
    pub kind: &'static str,
    pub order_id: Option<String>,
    pub customer_id: Option<String>,
    pub amount_cents: Option<i64>,
    pub coupons: Option<i64>,
    pub detail: String,
}

pub fn insert_staff_task(task: &StaffTask, now: Instant) -> Statement {
    Statement::new(
        "INSERT INTO staff_tasks (id, task_key, kind, order_id, customer_id, amount_cents, coupons, detail, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (task_key) DO NOTHING",
        vec![
            task.id.as_str().into(),
            task.key.as_str().into(),
            task.kind.into(),
            task.order_id.as_deref().into(),
            task.customer_id.as_deref().into(),
            task.amount_cents.into(),
            task.coupons.into(),
            task.detail.as_str().into(),
            format(now).into(),
        ],
    )
}

/// Staff tasks in bulk, for a statement import.
pub fn insert_staff_tasks(tasks: &[StaffTask], now: Instant) -> Vec<Statement> {
    let rows = tasks.iter().map(|task| {
        serde_json::json!([
            task.id,
            task.key,
            task.kind,
            task.order_id,
            task.customer_id,
            task.amount_cents,
            task.coupons,
            task.detail,
            format(now)
        ])
    });
    bulk(
        "INSERT INTO staff_tasks (id, task_key, kind, order_id, customer_id, amount_cents, coupons, detail, created_at) \
         SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, \
         value ->> 7, value ->> 8 FROM json_each(?1) WHERE true ON CONFLICT (task_key) DO NOTHING",
        rows,
    )
}

/// Ledger entries in bulk, for a statement import.
pub fn append_entries(entries: &[Entry]) -> Vec<Statement> {
    let rows = entries.iter().map(|e| {
        serde_json::json!([
            e.id,
            e.customer_id,
            e.kind.as_str(),
            e.coupons,
            e.idempotency_key,
            format(e.created_at),
            e.order_id,
            e.reason,
            e.staff_member
        ])
    });
    bulk(
        "INSERT INTO ledger_entries (id, customer_id, kind, coupons, idempotency_key, created_at, order_id, reason, \
         staff_member, incident_id) SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, \
         value ->> 6, value ->> 7, value ->> 8, value ->> 9 FROM json_each(?1) WHERE true ON CONFLICT DO NOTHING",
        rows,
    )
}

/// Bank payments in bulk: `(payment id, order id, entry key, cents)`.
pub fn insert_bank_payments(
    payments: &[(String, String, String, i64)],
    now: Instant,
) -> Vec<Statement> {
    let rows = payments
        .iter()
        .map(|(id, order, key, cents)| serde_json::json!([id, order, key, cents, format(now)]));
    bulk(
        "INSERT INTO payments (id, order_id, source, source_key, amount_cents, created_at) \
         SELECT value ->> 0, value ->> 1, 'bank', value ->> 2, value ->> 3, value ->> 4 \
         FROM json_each(?1) WHERE true ON CONFLICT (source_key) DO NOTHING",
        rows,
    )
}

/// Orders' new state after bank transfers, in bulk. Only orders still in
/// the state the import read are changed: a concurrent change wins.
pub fn update_transferred_orders(orders: &[(&Order, OrderStatus)], now: Instant) -> Vec<Statement> {
    let rows = orders.iter().map(|(order, before)| {
        serde_json::json!([
            order.id,
            order.status.as_str(),
            order.received.cents(),
            before.as_str(),
            (order.status == OrderStatus::Paid).then(|| format(now))
        ])
    });
    bulk(
        "UPDATE coupon_orders SET status = change.status, received_cents = change.received, \
         paid_at = COALESCE(change.paid_at, coupon_orders.paid_at) \
         FROM (SELECT value ->> 0 AS id, value ->> 1 AS status, value ->> 2 AS received, value ->> 3 AS before, \
         value ->> 4 AS paid_at FROM json_each(?1)) AS change \
         WHERE coupon_orders.id = change.id AND coupon_orders.status = change.before",
        rows,
    )
}

impl<D: Database> Store<D> {
    /// Open staff tasks, oldest first.
    pub async fn open_staff_tasks(&self, limit: i64) -> Result<Vec<(StaffTask, Instant)>, DbError> {
        let rows = self
            .rows(Statement::new(
                "SELECT id, task_key, kind, order_id, customer_id, amount_cents, coupons, detail, created_at \
                 FROM staff_tasks WHERE resolved_at IS NULL ORDER BY created_at, rowid LIMIT ?1",
                vec![limit.into()],
            ))
            .await?;
        rows.iter()
            .map(|row| {
                let kind = row.text("kind")?;
                let kind = ["refund_excess", "coupon_debt", "payment_review"]
                    .into_iter()
                    .find(|k| *k == kind)
                    .ok_or_else(|| DbError::Decode(format!("task kind {kind}")))?;
                Ok((
                    StaffTask {
                        id: row.text("id")?,
                        key: row.text("task_key")?,
                        kind,
                        order_id: row.opt_text("order_id")?,
                        customer_id: row.opt_text("customer_id")?,
                        amount_cents: row.opt_integer("amount_cents")?,
                        coupons: row.opt_integer("coupons")?,
                        detail: row.text("detail")?,
                    },
                    row.instant("created_at")?,
                ))
            })
            .collect()
    }

    pub async fn order(&self, id: &str) -> Result<Option<OrderRecord>, DbError> {
        let sql = format!("SELECT {COLUMNS} FROM coupon_orders WHERE id = ?1");
        self.first(Statement::new(sql, vec![id.into()]))
            .await?
            .map(|row| OrderRecord::from_row(&row))
            .transpose()
    }

    pub async fn order_by_payment_intent(
        &self,
        payment_intent_id: &str,
    ) -> Result<Option<OrderRecord>, DbError> {
        let sql = format!("SELECT {COLUMNS} FROM coupon_orders WHERE payment_intent_id = ?1");
        self.first(Statement::new(sql, vec![payment_intent_id.into()]))
            .await?
            .map(|row| OrderRecord::from_row(&row))
            .transpose()
    }

    /// A customer's orders, newest first.
    pub async fn orders_of(&self, customer_id: &str) -> Result<Vec<OrderRecord>, DbError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM coupon_orders WHERE customer_id = ?1 ORDER BY created_at DESC, rowid DESC LIMIT 200"
        );
        self.rows(Statement::new(sql, vec![customer_id.into()]))
            .await?
            .iter()
            .map(OrderRecord::from_row)
            .collect()
    }

    /// The orders that any of these RF references name.
    pub async fn orders_by_references(
        &self,
        references: &[String],
    ) -> Result<Vec<OrderRecord>, DbError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM coupon_orders WHERE rf_reference IN (SELECT value FROM json_each(?1))"
        );
        let mut orders = Vec::new();
        for chunk in references.chunks(2000) {
            let list = serde_json::to_string(chunk).unwrap_or_default();
            for row in self
                .rows(Statement::new(sql.clone(), vec![list.into()]))
                .await?
            {
                orders.push(OrderRecord::from_row(&row)?);
            }
        }
        Ok(orders)
    }

    pub async fn webhook_event_seen(&self, id: &str) -> Result<bool, DbError> {
        let row = self
            .first(Statement::new(
                "SELECT 1 AS seen FROM webhook_events WHERE id = ?1",
                vec![id.into()],
            ))
            .await?;
        Ok(row.is_some())
    }

    /// Coupons of an order already taken back or recorded as debt.
    pub async fn coupons_refunded(&self, order_id: &str) -> Result<i64, DbError> {
        let row = self
            .first(Statement::new(
                "SELECT (SELECT COALESCE(-SUM(coupons), 0) FROM ledger_entries WHERE order_id = ?1 AND kind = 'reversal') \
                 + (SELECT COALESCE(SUM(coupons), 0) FROM staff_tasks WHERE order_id = ?1 AND kind = 'coupon_debt') AS refunded",
                vec![order_id.into()],
            ))
            .await?
            .ok_or_else(|| DbError::Decode("no row".into()))?;
        row.integer("refunded")
    }

    /// Whether the customer has SUPS coverage at `now`.
    pub async fn has_active_sups(&self, customer_id: &str, now: Instant) -> Result<bool, DbError> {
        let row = self
            .first(Statement::new(
                "SELECT 1 AS covered FROM sups_subscriptions WHERE customer_id = ?1 AND starts_at <= ?2 \
                 AND (ends_at IS NULL OR ends_at > ?2) LIMIT 1",
                vec![customer_id.into(), format(now).into()],
            ))
            .await?;
        Ok(row.is_some())
    }
}
