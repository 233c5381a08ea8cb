//! Coupon orders, the payments into them, payment-provider events, the tasks
//! staff settle by hand, and SUPS coverage.

use super::{
    bulk, bulk_with, CustomerScope, Database, DbError, Query, Row, Statement, Store, Value,
};
use crate::domain::country::Country;
use crate::domain::email::Email;
use crate::domain::language::Language;
use crate::domain::ledger::Entry;
use crate::domain::money::Money;
use crate::domain::notification::{Message, Recipient};
use crate::domain::number::OrderNumber;
use crate::domain::order::{Order, OrderBuyer, OrderStatus, PaymentMethod, Quantity, PAYABLE};
use crate::domain::rf::RfReference;
use crate::domain::time::{format, Instant};
use crate::domain::vat::{Amounts, VatCategory, VatNote, VatRate};

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
    /// `ORD-2026-00017`: allocated by the INSERT, so `None` only before it.
    pub number: Option<OrderNumber>,
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
            number: None,
        }
    }
}

const COLUMNS: &str = "id, customer_id, quantity, unit_price_cents, total_cents, payment_method, status, \
     received_cents, rf_reference, checkout_session_id, checkout_url, payment_intent_id, review_reason, \
     created_at, expires_at, paid_at, closed_at, vat_category, vat_rate_bp, vat_cents, total_due_cents, \
     buyer_country, buyer_vat_id, vat_note, number";

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
        let category = row.text("vat_category")?;
        let rate = row.integer("vat_rate_bp")?;
        let country = row.text("buyer_country")?;
        let total = money(row, "total_cents")?;
        let vat = Amounts {
            category: VatCategory::parse(&category)
                .ok_or_else(|| decode("vat_category", category.clone()))?,
            rate: VatRate::from_basis_points(rate)
                .ok_or_else(|| decode("vat_rate_bp", rate.to_string()))?,
            net: total,
            vat: money(row, "vat_cents")?,
            total_due: money(row, "total_due_cents")?,
        };
        let order = Order {
            id: row.text("id")?,
            customer_id: row.text("customer_id")?,
            quantity: Quantity::parse(row.integer("quantity")?)
                .map_err(|e| decode("quantity", e.detail().to_owned()))?,
            unit_price: money(row, "unit_price_cents")?,
            total,
            vat,
            buyer: OrderBuyer {
                country: Country::parse(&country).map_err(|_| decode("buyer_country", country))?,
                vat_id: row.opt_text("buyer_vat_id")?,
                vat_note: row.opt_parsed("vat_note", VatNote::parse)?,
            },
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
            number: row.opt_parsed("number", |n| OrderNumber::parse(n).ok())?,
        })
    }
}

/// Writes a new order, with its Stripe Checkout Session when paid by card,
/// and its number, the year's next (`RETURNING number`).
pub fn insert_order(order: &Order, checkout: Option<(&str, &str)>) -> Statement {
    Statement::new(
        format!(
            "INSERT INTO coupon_orders (id, customer_id, quantity, unit_price_cents, total_cents, currency, \
             payment_method, status, rf_reference, checkout_session_id, checkout_url, created_at, expires_at, \
             vat_category, vat_rate_bp, vat_cents, total_due_cents, buyer_country, buyer_vat_id, vat_note, number) \
             VALUES (?1, ?2, ?3, ?4, ?5, 'EUR', ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, {}) \
             RETURNING number",
            super::incidents::next_number_sql("coupon_orders", OrderNumber::PREFIX, "?20")
        ),
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
            order.vat.category.as_str().into(),
            order.vat.rate.basis_points().into(),
            order.vat.vat.cents().into(),
            order.vat.total_due.cents().into(),
            order.buyer.country.code().into(),
            order.buyer.vat_id.as_deref().into(),
            order.buyer.vat_note.map(VatNote::as_str).into(),
            i64::from(chrono::Datelike::year(&order.created_at)).into(),
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
        "UPDATE coupon_orders SET status = 'paid', paid_at = ?3, received_cents = total_due_cents, \
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

/// Records the money a refund event returns: Stripe reports the charge's
/// refunded total so far, so the row holds what this event adds to the
/// order's refunds recorded before (negative), found by the batch itself;
/// an event that adds nothing writes nothing, as does a replay (its key).
pub fn insert_refund(
    id: &str,
    order_id: &str,
    source_key: &str,
    refunded_so_far_cents: i64,
    now: Instant,
) -> Statement {
    Statement::new(
        "INSERT INTO payments (id, order_id, source, source_key, amount_cents, created_at) \
         SELECT ?1, ?2, 'stripe', ?3, before.cents - CAST(?4 AS INTEGER), ?5 \
         FROM (SELECT COALESCE(-SUM(amount_cents), 0) AS cents FROM payments \
           WHERE order_id = ?2 AND amount_cents < 0) AS before \
         WHERE CAST(?4 AS INTEGER) > before.cents ON CONFLICT (source_key) DO NOTHING",
        vec![
            id.into(),
            order_id.into(),
            source_key.into(),
            refunded_so_far_cents.into(),
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

/// A bank entry's payment into an order, from an import or a staff match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankPayment {
    pub id: String,
    pub order_id: String,
    /// The bank entry that brought it, by id and by key (the payment's
    /// source key: one entry pays once).
    pub entry_id: String,
    pub entry_key: String,
    pub cents: i64,
    /// The id of the refund task, should it bring more than the order takes.
    pub task_id: String,
}

/// Bank payments of an import, in bulk. Each is recorded only if this batch
/// recorded its bank entry for that order: when two imports of one file race,
/// the entry (and so its payment) is the first one's, and the second records
/// neither.
pub fn insert_bank_payments(payments: &[BankPayment], now: Instant) -> Vec<Statement> {
    let rows = payments
        .iter()
        .map(|p| serde_json::json!([p.id, p.order_id, p.entry_key, p.cents, p.entry_id]));
    bulk_with(
        "INSERT INTO payments (id, order_id, source, source_key, amount_cents, created_at) \
         SELECT value ->> 0, value ->> 1, 'bank', value ->> 2, value ->> 3, ?2 FROM json_each(?1) \
         WHERE EXISTS (SELECT 1 FROM bank_entries AS b WHERE b.id = value ->> 4 AND b.order_id = value ->> 1) \
         ON CONFLICT (source_key) DO NOTHING",
        rows,
        &[format(now).into()],
    )
}

/// The payment of an entry staff matched by hand: a plain INSERT, so that an
/// entry that paid anything before fails the batch on the UNIQUE source key.
pub fn insert_matched_payment(payment: &BankPayment, now: Instant) -> Statement {
    Statement::new(
        "INSERT INTO payments (id, order_id, source, source_key, amount_cents, created_at) \
         VALUES (?1, ?2, 'bank', ?3, ?4, ?5)",
        vec![
            payment.id.as_str().into(),
            payment.order_id.as_str().into(),
            payment.entry_key.as_str().into(),
            payment.cents.into(),
            format(now).into(),
        ],
    )
}

/// An order that bank payments in the same batch may complete, with what to
/// write if they do: its purchase entry's id and the confirmation email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settlement {
    pub order_id: String,
    pub entry_id: String,
    /// The invoice issued after the settlement in the same batch, which the
    /// confirmation links.
    pub invoice_id: String,
    pub confirmation: Option<(String, Message)>,
}

/// Settles orders after the bank payments written earlier in the same batch,
/// from what the database holds then, never from what was read before the
/// batch: two imports (or matches) that raced each add their own payment, and
/// whichever commits second sees both.
///
/// - `received_cents` is the sum of the order's payments; an order in a
///   payable status ([`PAYABLE`]) is `paid` once that sum reaches its total,
///   else `partially_paid`.
/// - a paid order gets its purchase entry (once, by its key) and its
///   confirmation email (once, by its id), the email only while the order
///   has no invoice: the invoice its link names is the one issued after
///   these statements, so an order paid earlier (its confirmation then
///   unsent, for want of an address) gets no link to an invoice never issued.
/// - each payment of this batch that brought more than the order takes (past
///   its total, or into a paid, failed or reviewed order) gets a refund task
///   for the excess; the payments count in the order they were recorded.
pub fn settle_transfers(
    orders: &[Settlement],
    payments: &[BankPayment],
    now: Instant,
) -> Vec<Statement> {
    let payable: Vec<&str> = PAYABLE.iter().map(|s| s.as_str()).collect();
    let payable = serde_json::to_string(&payable).unwrap_or_default();
    let rows = || {
        orders.iter().map(|o| {
            let message = o
                .confirmation
                .as_ref()
                .map(|(id, m)| super::outbox::message_row(id, m));
            serde_json::json!([o.order_id, o.entry_id, message])
        })
    };
    let now_text: Value = format(now).into();
    let mut statements = bulk_with(
        "UPDATE coupon_orders SET received_cents = paid.cents, \
         status = CASE WHEN coupon_orders.status IN (SELECT value FROM json_each(?3)) THEN \
           CASE WHEN paid.cents >= coupon_orders.total_due_cents THEN 'paid' \
           WHEN paid.cents > 0 THEN 'partially_paid' ELSE coupon_orders.status END \
           ELSE coupon_orders.status END, \
         paid_at = CASE WHEN coupon_orders.status IN (SELECT value FROM json_each(?3)) \
           AND paid.cents >= coupon_orders.total_due_cents THEN ?2 ELSE coupon_orders.paid_at END \
         FROM (SELECT p.order_id AS id, SUM(p.amount_cents) AS cents FROM payments AS p \
           WHERE p.amount_cents > 0 AND p.order_id IN (SELECT value ->> 0 FROM json_each(?1)) \
           GROUP BY p.order_id) AS paid \
         WHERE coupon_orders.id = paid.id",
        rows(),
        &[now_text.clone(), payable.into()],
    );
    statements.extend(bulk_with(
        "INSERT INTO ledger_entries (id, customer_id, kind, coupons, idempotency_key, created_at, order_id) \
         SELECT j.value ->> 1, o.customer_id, 'purchase', o.quantity, 'purchase:' || o.id, ?2, o.id \
         FROM json_each(?1) AS j JOIN coupon_orders AS o ON o.id = j.value ->> 0 \
         WHERE o.status = 'paid' ON CONFLICT DO NOTHING",
        rows(),
        std::slice::from_ref(&now_text),
    ));
    statements.extend(bulk_with(
        &format!(
            "INSERT INTO outbox ({}) SELECT {} \
             FROM json_each(?1) AS j WHERE j.value ->> 2 IS NOT NULL \
             AND EXISTS (SELECT 1 FROM coupon_orders AS o WHERE o.id = j.value ->> 0 AND o.status = 'paid') \
             AND NOT EXISTS (SELECT 1 FROM invoices AS i WHERE i.order_id = j.value ->> 0 AND i.kind = 'invoice') \
             ON CONFLICT (id) DO NOTHING",
            super::outbox::INSERTED,
            super::outbox::bulk_columns("(j.value -> 2)")
        ),
        rows(),
        std::slice::from_ref(&now_text),
    ));
    statements.extend(bulk_with(
        "INSERT INTO staff_tasks (id, task_key, kind, order_id, customer_id, amount_cents, detail, created_at) \
         SELECT task_id, 'excess:' || source_key, 'refund_excess', order_id, customer_id, excess, \
         printf('EUR %d.%02d paid beyond order %s''s total due, to refund', excess / 100, excess % 100, order_id), ?2 \
         FROM (SELECT j.value ->> 1 AS task_id, p.source_key, o.id AS order_id, o.customer_id, \
           CASE o.status \
             WHEN 'paid' THEN MIN(p.amount_cents, MAX(0, (SELECT SUM(q.amount_cents) FROM payments AS q \
               WHERE q.order_id = o.id AND q.amount_cents > 0 AND q.rowid <= p.rowid) - o.total_due_cents)) \
             WHEN 'partially_paid' THEN 0 \
             ELSE p.amount_cents END AS excess \
           FROM json_each(?1) AS j JOIN payments AS p ON p.id = j.value ->> 0 \
           JOIN coupon_orders AS o ON o.id = p.order_id) \
         WHERE excess > 0 ON CONFLICT (task_key) DO NOTHING",
        payments.iter().map(|p| serde_json::json!([p.id, p.task_id])),
        &[now_text],
    ));
    statements
}

/// The coupons a refund still takes back from its order, computed in the
/// batch: the refund's extent (`?3`, in coupons) bounded by what the order's
/// purchases credited, less what its reversals and coupon debts took before.
const REFUND_DUE: &str = "MIN(?3, (SELECT COALESCE(SUM(coupons), 0) FROM ledger_entries \
     WHERE order_id = ?2 AND kind = 'purchase')) \
     - (SELECT COALESCE(-SUM(coupons), 0) FROM ledger_entries WHERE order_id = ?2 AND kind = 'reversal') \
     - (SELECT COALESCE(SUM(coupons), 0) FROM staff_tasks WHERE order_id = ?2 AND kind = 'coupon_debt')";

/// Takes back a refund's coupons: what is due (see [`REFUND_DUE`]), at most
/// the customer's balance, as the batch finds them. A refund of a payment
/// that was never credited takes nothing, and two refunds that raced take
/// together no more than the order credited.
pub fn reverse_refund(
    entry_id: &str,
    order_id: &str,
    through: i64,
    key: &str,
    now: Instant,
) -> Statement {
    Statement::new(
        format!(
            "INSERT INTO ledger_entries (id, customer_id, kind, coupons, idempotency_key, created_at, order_id) \
             SELECT ?1, o.customer_id, 'reversal', -take.coupons, ?4, ?5, o.id FROM coupon_orders AS o, \
             (SELECT MIN(due.coupons, MAX(0, COALESCE((SELECT a.balance FROM coupon_accounts AS a \
               JOIN coupon_orders AS c ON c.customer_id = a.customer_id WHERE c.id = ?2), 0))) AS coupons \
              FROM (SELECT {REFUND_DUE} AS coupons) AS due) AS take \
             WHERE o.id = ?2 AND take.coupons > 0 ON CONFLICT DO NOTHING"
        ),
        vec![
            entry_id.into(),
            order_id.into(),
            through.into(),
            key.into(),
            format(now).into(),
        ],
    )
}

/// After [`reverse_refund`] in the same batch: what is still due were coupons
/// already used, a debt for staff to settle.
pub fn record_coupon_debt(task_id: &str, order_id: &str, through: i64, now: Instant) -> Statement {
    Statement::new(
        format!(
            "INSERT INTO staff_tasks (id, task_key, kind, order_id, customer_id, coupons, detail, created_at) \
             SELECT ?1, 'debt:' || o.id || ':' || ?3, 'coupon_debt', o.id, o.customer_id, due.coupons, \
             due.coupons || ' refunded coupon(s) were already used', ?4 \
             FROM coupon_orders AS o, (SELECT {REFUND_DUE} AS coupons) AS due \
             WHERE o.id = ?2 AND due.coupons > 0 ON CONFLICT (task_key) DO NOTHING"
        ),
        vec![
            task_id.into(),
            order_id.into(),
            through.into(),
            format(now).into(),
        ],
    )
}

/// A customer's latest 200 orders, newest first.
pub fn orders_of(customer: &CustomerScope) -> Query<Vec<OrderRecord>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM coupon_orders WHERE customer_id = {} \
         ORDER BY created_at DESC, rowid DESC LIMIT 200",
        customer.sql(1)
    );
    Query::new(Statement::new(sql, vec![customer.param()]), decode_orders)
}

/// Orders a bank entry may pay (open, expired, partly paid or in review),
/// found by what the clerk types (issue 22): the order's id or number, its
/// RF reference, the amount due or still due, or the company's name (folded
/// as `domain::search` folds). Newest first, at most 20, each with the
/// company's name.
pub fn orders_matching(
    terms: &crate::domain::search::SearchTerms,
    amount_cents: Option<i64>,
) -> Query<Vec<(OrderRecord, String)>> {
    let company = crate::domain::search::sql_fold("u.company_name");
    let sql = format!(
        "SELECT {COLUMNS}, (SELECT company_name FROM customers WHERE id = customer_id) AS company_name \
         FROM coupon_orders WHERE status IN ('awaiting_payment', 'partially_paid', 'expired', 'review') \
         AND (id = ?1 OR rf_reference = ?3 OR total_due_cents = ?4 OR total_due_cents - received_cents = ?4 \
              OR customer_id IN (SELECT u.id FROM customers u WHERE instr({company}, ?2) > 0)) \
         ORDER BY created_at DESC, rowid DESC LIMIT 20"
    );
    let params = vec![
        terms.exact.as_str().into(),
        terms.folded.as_str().into(),
        terms.key.as_str().into(),
        amount_cents.into(),
    ];
    Query::new(Statement::new(sql, params), |rows| {
        rows.iter()
            .map(|row| Ok((OrderRecord::from_row(row)?, row.text("company_name")?)))
            .collect()
    })
}

fn decode_orders(rows: &[Row]) -> Result<Vec<OrderRecord>, DbError> {
    rows.iter().map(OrderRecord::from_row).collect()
}

/// The first order of a statement's rows, if any.
fn decode_order(rows: &[Row]) -> Result<Option<OrderRecord>, DbError> {
    rows.first().map(OrderRecord::from_row).transpose()
}

/// One order, by id.
pub fn order_by_id(order_id: &str) -> Query<Option<OrderRecord>> {
    let sql = format!("SELECT {COLUMNS} FROM coupon_orders WHERE id = ?1");
    Query::new(Statement::new(sql, vec![order_id.into()]), decode_order)
}

/// One of the customer's own orders: another customer's is none.
pub fn order_of(customer: &CustomerScope, order_id: &str) -> Query<Option<OrderRecord>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM coupon_orders WHERE id = ?1 AND customer_id = {}",
        customer.sql(2)
    );
    Query::new(
        Statement::new(sql, vec![order_id.into(), customer.param()]),
        decode_order,
    )
}

/// An order a refund is about, with the coupons its purchases credited and
/// those taken back since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderToRefund {
    pub record: OrderRecord,
    /// Coupons its purchase entries credited.
    pub purchased: i64,
    /// Coupons its reversals and coupon debts took back.
    pub refunded: i64,
}

/// The order a payment intent paid, with the coupons its purchases credited
/// and those its reversals and coupon debts took back since: what a refund
/// decides on, in one statement.
pub fn order_for_refund(payment_intent_id: &str) -> Query<Option<OrderToRefund>> {
    let sql = format!(
        "SELECT {COLUMNS}, \
         (SELECT COALESCE(SUM(coupons), 0) FROM ledger_entries AS l \
           WHERE l.order_id = o.id AND l.kind = 'purchase') AS purchased, \
         (SELECT COALESCE(-SUM(coupons), 0) FROM ledger_entries AS l \
           WHERE l.order_id = o.id AND l.kind = 'reversal') \
         + (SELECT COALESCE(SUM(coupons), 0) FROM staff_tasks AS t \
           WHERE t.order_id = o.id AND t.kind = 'coupon_debt') AS refunded \
         FROM coupon_orders AS o WHERE o.payment_intent_id = ?1"
    );
    Query::new(
        Statement::new(sql, vec![payment_intent_id.into()]),
        |rows| {
            rows.first()
                .map(|row| {
                    Ok(OrderToRefund {
                        record: OrderRecord::from_row(row)?,
                        purchased: row.integer("purchased")?,
                        refunded: row.integer("refunded")?,
                    })
                })
                .transpose()
        },
    )
}

/// The contact an order's confirmation goes to, as a JSON object of its id
/// and address: the contact who placed it while still active, else the
/// organisation's longest-standing active one; SQL of the order `o`.
/// (SQLite lets no ORDER BY of a scalar subquery name the outer row: hence
/// the two subqueries.)
const CONFIRMATION_ADDRESS: &str = "COALESCE(\
     (SELECT json_object('contact_id', c.id, 'email', c.email, 'language', c.language) FROM contacts AS c WHERE c.id = o.contact_id \
      AND c.customer_id = o.customer_id AND c.status = 'active'), \
     (SELECT json_object('contact_id', c.id, 'email', c.email, 'language', c.language) FROM contacts AS c \
      WHERE c.customer_id = o.customer_id AND c.status = 'active' ORDER BY c.created_at, c.id LIMIT 1))";

/// The contact an order's confirmation goes to ([`CONFIRMATION_ADDRESS`]),
/// if the order's organisation has one.
pub fn confirmation_address(order_id: &str) -> Query<Option<Recipient>> {
    Query::new(
        Statement::new(
            format!(
                "SELECT {CONFIRMATION_ADDRESS} AS email FROM coupon_orders AS o WHERE o.id = ?1"
            ),
            vec![order_id.into()],
        ),
        |rows| Ok(rows.first().map(confirmation_email).transpose()?.flatten()),
    )
}

/// An order with the address its confirmation goes to (none when the
/// organisation has no active contact left).
pub type ConfirmableOrder = (OrderRecord, Option<Recipient>);

/// An order with the address its confirmation goes to.
pub fn order_to_confirm(order_id: &str) -> Query<Option<ConfirmableOrder>> {
    let sql = format!(
        "SELECT {COLUMNS}, {CONFIRMATION_ADDRESS} AS email FROM coupon_orders AS o WHERE o.id = ?1"
    );
    Query::new(Statement::new(sql, vec![order_id.into()]), |rows| {
        rows.first().map(order_with_address).transpose()
    })
}

/// The orders that any of these RF references name, with the addresses
/// their confirmations go to, in as few statements as D1 allows.
pub fn orders_by_references(references: &[String]) -> Vec<Query<Vec<ConfirmableOrder>>> {
    let sql = format!(
        "SELECT {COLUMNS}, {CONFIRMATION_ADDRESS} AS email FROM coupon_orders AS o \
         WHERE o.rf_reference IN (SELECT value FROM json_each(?1))"
    );
    // `bulk` chunks the list; each chunk is read with this statement.
    bulk(
        "",
        references
            .iter()
            .map(|reference| serde_json::json!(reference)),
    )
    .into_iter()
    .map(|chunk| {
        Query::new(Statement::new(sql.clone(), chunk.params), |rows| {
            rows.iter().map(order_with_address).collect()
        })
    })
    .collect()
}

/// An order with its confirmation's address.
fn order_with_address(row: &Row) -> Result<ConfirmableOrder, DbError> {
    Ok((OrderRecord::from_row(row)?, confirmation_email(row)?))
}

/// The contact a confirmation goes to, if the order's organisation has one.
fn confirmation_email(row: &Row) -> Result<Option<Recipient>, DbError> {
    let Some(text) = row.opt_text("email")? else {
        return Ok(None);
    };
    let contact = Row::from_json(&text)?;
    let address = contact.parsed("email", |e| Email::parse(e).ok())?;
    let language = contact.parsed("language", |l| Language::parse(l).ok())?;
    Ok(Some(Recipient::contact(
        &contact.text("contact_id")?,
        &address,
        language,
    )))
}

/// Orders waiting in review, oldest first, for the desk.
pub fn orders_in_review(limit: i64) -> Query<Vec<OrderRecord>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM coupon_orders WHERE status = 'review' \
         ORDER BY created_at, rowid LIMIT ?1"
    );
    Query::new(Statement::new(sql, vec![limit.into()]), decode_orders)
}

/// The company names of the organisations whose orders wait in review.
pub fn names_of_orders_in_review() -> Query<Vec<(String, String)>> {
    Query::new(
        Statement::new(
            "SELECT id, company_name FROM customers WHERE id IN \
             (SELECT customer_id FROM coupon_orders WHERE status = 'review')",
            vec![],
        ),
        |rows| {
            rows.iter()
                .map(|row| Ok((row.text("id")?, row.text("company_name")?)))
                .collect()
        },
    )
}

/// Whether a webhook event was processed before.
pub fn webhook_event(id: &str) -> Query<bool> {
    Query::new(
        Statement::new(
            "SELECT 1 AS seen FROM webhook_events WHERE id = ?1",
            vec![id.into()],
        ),
        |rows| Ok(!rows.is_empty()),
    )
}

/// Whether the customer has SUPS coverage at `now`.
pub fn active_sups(customer: &CustomerScope, now: Instant) -> Query<bool> {
    let sql = format!(
        "SELECT 1 AS covered FROM sups_subscriptions WHERE customer_id = {} AND starts_at <= ?2 \
         AND (ends_at IS NULL OR ends_at > ?2) LIMIT 1",
        customer.sql(1)
    );
    Query::new(
        Statement::new(sql, vec![customer.param(), format(now).into()]),
        |rows| Ok(!rows.is_empty()),
    )
}

/// Open staff tasks, oldest first, with when each was raised.
fn open_staff_tasks(limit: i64) -> Query<Vec<(StaffTask, Instant)>> {
    Query::new(
        Statement::new(
            "SELECT id, task_key, kind, order_id, customer_id, amount_cents, coupons, detail, created_at \
             FROM staff_tasks WHERE resolved_at IS NULL ORDER BY created_at, rowid LIMIT ?1",
            vec![limit.into()],
        ),
        |rows| {
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
        },
    )
}

impl<D: Database> Store<D> {
    /// Open staff tasks, oldest first.
    pub async fn open_staff_tasks(&self, limit: i64) -> Result<Vec<(StaffTask, Instant)>, DbError> {
        self.fetch(open_staff_tasks(limit)).await
    }

    pub async fn order(&self, id: &str) -> Result<Option<OrderRecord>, DbError> {
        self.fetch(order_by_id(id)).await
    }

    /// A customer's orders, newest first.
    pub async fn orders_of(&self, customer_id: &str) -> Result<Vec<OrderRecord>, DbError> {
        self.fetch(orders_of(&CustomerScope::Id(customer_id.into())))
            .await
    }

    /// Whether the customer has SUPS coverage at `now`.
    pub async fn has_active_sups(&self, customer_id: &str, now: Instant) -> Result<bool, DbError> {
        let scope = CustomerScope::Id(customer_id.into());
        self.fetch(active_sups(&scope, now)).await
    }
}
