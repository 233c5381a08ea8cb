//! The coupon endpoints: the ledger, orders, the payment webhook, and the
//! staff's bank statements and adjustments.

use serde::Serialize;
use serde_json::Value;

use crate::app::input::Fields;
use crate::app::Caller;
use crate::app::{
    tasks, Adjustment, AdjustmentInput, App, BankAccount, Idempotency, PaymentProvider, ReportLine,
    Upload,
};
use crate::domain::entropy::Entropy;
use crate::domain::field::{FieldErrors, Invalid};
use crate::domain::ledger::{minutes_available, MINUTES_PER_COUPON};
use crate::domain::messages as m;
use crate::domain::money::{Money, CURRENCY};
use crate::domain::order::{PaymentMethod, Quantity};
use crate::domain::time::{format, Instant};
use crate::http::decode;
use crate::http::ApiError;
use crate::http::Result;
use crate::http::{Handled, Request, Response};
use crate::store::{BankEntryRecord, Database, LedgerLine, OrderRecord, TaskRecord};

/// Where a bank transfer goes, and the reference that finds its order.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct BankTransferAnswer {
    pub beneficiary: String,
    pub iban: String,
    pub bic: String,
    /// What is still to be paid, as a decimal string ("61.00").
    pub amount: String,
    /// `EUR`.
    pub currency: &'static str,
    /// The RF creditor reference (ISO 11649) to quote.
    pub reference: String,
    /// The same in groups of four, as written on paper.
    pub reference_grouped: String,
}

/// A coupon order. Amounts are decimal strings with two places.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct OrderAnswer {
    pub order_id: String,
    /// What people read and quote: `ORD-2026-00017`, per year (the id
    /// stays in URLs and the API).
    pub number: Option<String>,
    /// Coupons ordered, 1 to 200.
    pub quantity: u32,
    /// Net, per coupon ("25.00", or "15.00" with SUPS coverage).
    pub unit_price: String,
    /// Net, quantity × unit price.
    pub total: String,
    /// The VAT rate in percent ("22").
    pub vat_rate: String,
    /// `standard`, `reverse_charge` or `not_subject`.
    pub vat_category: &'static str,
    /// Why the sale is not zero-rated where it could have been; null when
    /// there is nothing to explain.
    pub vat_note: Option<super::VatNoteAnswer>,
    pub vat: String,
    /// Net plus VAT: what the card is charged and a transfer must bring.
    pub total_due: String,
    /// `EUR`.
    pub currency: &'static str,
    /// `card` or `bank_transfer`.
    pub payment_method: &'static str,
    /// `awaiting_payment`, `partially_paid`, `paid`, `failed`, `cancelled`,
    /// `expired` or `review`.
    pub status: &'static str,
    /// What bank transfers have brought so far.
    pub received: String,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub created_at: String,
    /// Unpaid after this, the order expires (a late transfer still pays it).
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub expires_at: String,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub paid_at: Option<String>,
    /// A card order's Stripe Checkout page; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schema(nullable = false))]
    pub checkout_url: Option<String>,
    /// A bank-transfer order's payment details; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schema(nullable = false))]
    pub bank_transfer: Option<BankTransferAnswer>,
    /// Why the order is in review; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schema(nullable = false))]
    pub review_reason: Option<String>,
}

impl OrderAnswer {
    /// The order as its answer shows it; bank details from the account
    /// transfers go to.
    pub fn of(bank: Option<&BankAccount>, record: &OrderRecord, now: Instant) -> Self {
        let order = &record.order;
        Self {
            order_id: order.id.clone(),
            number: record.number.as_ref().map(|n| n.as_str().to_owned()),
            quantity: order.quantity.get(),
            unit_price: order.unit_price.to_string(),
            total: order.total.to_string(),
            vat_rate: order.vat.rate.to_string(),
            vat_category: order.vat.category.as_str(),
            vat_note: super::VatNoteAnswer::of(order.buyer.vat_note),
            vat: order.vat.vat.to_string(),
            total_due: order.vat.total_due.to_string(),
            currency: CURRENCY,
            payment_method: order.method.as_str(),
            status: order.status_at(now).as_str(),
            received: order.received.to_string(),
            created_at: format(order.created_at),
            expires_at: format(order.expires_at),
            paid_at: record.paid_at.map(format),
            checkout_url: record.checkout_url.clone(),
            bank_transfer: order
                .rf_reference
                .as_ref()
                .zip(bank)
                .map(|(reference, account)| BankTransferAnswer {
                    beneficiary: account.beneficiary.clone(),
                    iban: account.iban.as_str().to_owned(),
                    bic: account.bic.as_str().to_owned(),
                    amount: order.outstanding().to_string(),
                    currency: CURRENCY,
                    reference: reference.as_str().to_owned(),
                    reference_grouped: reference.grouped(),
                }),
            review_reason: record.review_reason.clone(),
        }
    }
}

/// `GET /api/me/coupon-orders`.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct OrdersAnswer {
    /// Newest first.
    pub orders: Vec<OrderAnswer>,
}

/// One line of the coupon ledger.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct LedgerEntryAnswer {
    pub id: String,
    /// `free_grant`, `purchase`, `consumption`, `reversal` or `adjustment`.
    pub kind: &'static str,
    /// Coupons added (positive) or taken (negative).
    pub coupons: i64,
    /// The same in minutes of support.
    pub minutes: i64,
    /// The order a purchase or reversal belongs to.
    pub order_id: Option<String>,
    /// That order's number (`ORD-2026-00017`).
    pub order_number: Option<String>,
    /// Why staff adjusted the balance.
    pub reason: Option<String>,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub created_at: String,
}

impl From<&LedgerLine> for LedgerEntryAnswer {
    fn from(line: &LedgerLine) -> Self {
        Self {
            id: line.id.clone(),
            kind: line.kind.as_str(),
            coupons: line.coupons,
            minutes: line.coupons * MINUTES_PER_COUPON,
            order_id: line.order_id.clone(),
            order_number: line.order_number.clone(),
            reason: line.reason.clone(),
            created_at: format(line.created_at),
        }
    }
}

/// `GET /api/me/ledger`.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct LedgerAnswer {
    pub coupon_balance: i64,
    /// The balance in minutes of support.
    pub minutes_available: i64,
    /// Newest first.
    pub entries: Vec<LedgerEntryAnswer>,
}

pub async fn ledger<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let (_, ledger) = app.my_ledger(caller).await?;
    let body = LedgerAnswer {
        coupon_balance: ledger.balance,
        minutes_available: minutes_available(ledger.balance),
        entries: ledger.lines.iter().map(LedgerEntryAnswer::from).collect(),
    };
    Ok(Response::json(200, &body).into())
}

pub async fn create_order<D: Database, P: PaymentProvider>(
    app: &App<D>,
    provider: Option<&P>,
    request: &Request,
    caller: &Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = decode::json_object(request)?;
    let mut errors = FieldErrors::default();
    let quantity = match object.get("quantity") {
        Some(Value::Number(n)) => errors.check(
            "quantity",
            n.as_i64()
                .ok_or_else(|| Invalid::said("range", |l| m::field_whole_number_up_to(l, "200")))
                .and_then(Quantity::parse),
        ),
        None | Some(Value::Null) => errors.check::<Quantity>("quantity", Err(Invalid::required())),
        Some(_) => {
            errors.check::<Quantity>("quantity", Err(Invalid::said("type", m::field_not_number)))
        }
    };
    let method = match object.get("payment_method") {
        Some(Value::String(text)) => errors.check("payment_method", PaymentMethod::parse(text)),
        None | Some(Value::Null) => {
            errors.check::<PaymentMethod>("payment_method", Err(Invalid::required()))
        }
        Some(_) => errors.check::<PaymentMethod>(
            "payment_method",
            Err(Invalid::said("type", m::field_not_text)),
        ),
    };
    let (Some(quantity), Some(method)) = (quantity, method) else {
        return Err(decode::invalid(errors));
    };
    let placed = app
        .place_order(caller, quantity, method, provider, now, entropy)
        .await?;
    let body = OrderAnswer::of(app.config.bank_account.as_ref(), &placed.record, now);
    let location = format!("/api/me/coupon-orders/{}", placed.record.order.id);
    Ok(Handled::with_jobs(
        Response::json(201, &body).with_header("location", &location),
        placed.jobs,
    ))
}

/// An order as the caller's answer shows it.
fn order<D>(app: &App<D>, record: &OrderRecord, now: Instant) -> OrderAnswer {
    OrderAnswer::of(app.config.bank_account.as_ref(), record, now)
}

pub async fn list_orders<D: Database>(
    app: &App<D>,
    caller: &Caller,
    now: Instant,
) -> Result<Handled> {
    let (_, orders) = app.my_orders(caller).await?;
    let body = OrdersAnswer {
        orders: orders.iter().map(|r| order(app, r, now)).collect(),
    };
    Ok(Response::json(200, &body).into())
}

pub async fn get_order<D: Database>(
    app: &App<D>,
    caller: &Caller,
    order_id: &str,
    now: Instant,
) -> Result<Handled> {
    let (_, record) = app.my_order(caller, order_id).await?;
    Ok(Response::json(200, &order(app, &record, now)).into())
}

pub async fn cancel_order<D: Database>(
    app: &App<D>,
    caller: &Caller,
    order_id: &str,
    now: Instant,
) -> Result<Handled> {
    let record = app.cancel_order(caller, order_id, now).await?;
    Ok(Response::json(200, &order(app, &record, now)).into())
}

/// What became of a Stripe event.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct StripeEventAnswer {
    /// Always true: the event was taken (an ignored type too).
    pub received: bool,
    pub event_id: String,
    /// `credited`, `duplicate`, `ignored`, `awaiting_async_payment`,
    /// `unknown_order`, `already_paid`, `review`, `failed`,
    /// `already_reversed`, `not_credited` or `reversed`.
    pub outcome: &'static str,
}

/// Stripe's webhook: the raw body as received, never re-serialised.
pub async fn stripe_webhook<D: Database>(
    app: &App<D>,
    request: &Request,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let outcome = app
        .stripe_event(
            request.header("stripe-signature"),
            &request.body,
            now,
            entropy,
        )
        .await?;
    let body = StripeEventAnswer {
        received: true,
        event_id: outcome.event_id,
        outcome: outcome.outcome.as_str(),
    };
    Ok(Handled::with_jobs(Response::json(200, &body), outcome.jobs))
}

/// One entry of a statement as its import (or a match by hand) left it.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct BankEntryLineAnswer {
    /// The entry's place in the file, from 0.
    pub index: usize,
    /// `matched`, `duplicate`, `partial`, `overpaid`, `unmatched` or
    /// `ignored`.
    pub outcome: &'static str,
    /// The order it paid (or would have).
    pub order_id: Option<String>,
    /// That order's number (`ORD-2026-00017`).
    pub order_number: Option<String>,
    /// A decimal string ("61.00").
    pub amount: String,
    pub currency: String,
    /// The reference or remittance text the bank gave.
    pub reference: Option<String>,
    /// The payer's name as the bank gave it.
    pub remitter: Option<String>,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = Date))]
    pub booking_date: Option<String>,
    /// What was done, in words.
    pub detail: String,
    /// The bank entry's id, for matching an unmatched one by hand.
    pub bank_entry_id: Option<String>,
}

impl From<&ReportLine> for BankEntryLineAnswer {
    fn from(line: &ReportLine) -> Self {
        Self {
            index: line.index,
            outcome: line.outcome.as_str(),
            order_id: line.order_id.clone(),
            order_number: line.order_number.clone(),
            amount: line.amount.clone(),
            currency: line.currency.clone(),
            reference: line.reference.clone(),
            remitter: line.remitter.clone(),
            booking_date: line.booking_date.clone(),
            detail: line.detail.clone(),
            bank_entry_id: line.bank_entry_id.clone(),
        }
    }
}

/// An imported statement: how many entries had each outcome, and each
/// entry's.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct StatementReportAnswer {
    pub statement_id: String,
    /// Entries in the file.
    pub entries: usize,
    pub matched: usize,
    pub duplicates: usize,
    pub partial: usize,
    pub overpaid: usize,
    pub unmatched: usize,
    pub ignored: usize,
    pub lines: Vec<BankEntryLineAnswer>,
}

pub async fn bank_statement<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let upload = match request.media_type().as_deref() {
        Some("application/xml" | "text/xml") => Upload::Camt(&request.body),
        Some("text/csv") => Upload::Csv(&request.body),
        _ => {
            return Err(ApiError::UnsupportedMediaType(
                "application/xml (camt.053, camt.054) or text/csv",
            ))
        }
    };
    let (imported, jobs) = app.import_statement(caller, upload, now, entropy).await?;
    let report = &imported.report;
    let counts = report.counts;
    let body = StatementReportAnswer {
        statement_id: report.statement_id.clone(),
        entries: counts.entries,
        matched: counts.matched,
        duplicates: counts.duplicates,
        partial: counts.partial,
        overpaid: counts.overpaid,
        unmatched: counts.unmatched,
        ignored: counts.ignored,
        lines: report.lines.iter().map(BankEntryLineAnswer::from).collect(),
    };
    Ok(Handled::with_jobs(Response::json(200, &body), jobs))
}

/// A task staff settle by hand.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct TaskAnswer {
    pub id: String,
    /// `refund_excess`, `coupon_debt` or `payment_review`.
    pub kind: String,
    pub order_id: Option<String>,
    /// That order's number (`ORD-2026-00017`).
    pub order_number: Option<String>,
    pub customer_id: Option<String>,
    /// Money to send back, as a decimal string ("25.00").
    pub amount: Option<String>,
    /// Coupons owed.
    pub coupons: Option<i64>,
    /// What happened, in words.
    pub detail: String,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub created_at: String,
    /// `open` or `resolved`.
    pub status: &'static str,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub resolved_at: Option<String>,
    /// The address of the staff member who resolved it.
    pub resolved_by: Option<String>,
    /// Their note.
    pub note: Option<String>,
}

impl From<&TaskRecord> for TaskAnswer {
    fn from(task: &TaskRecord) -> Self {
        Self {
            id: task.id.clone(),
            kind: task.kind.clone(),
            order_id: task.order_id.clone(),
            order_number: task.order_number.clone(),
            customer_id: task.customer_id.clone(),
            amount: task
                .amount_cents
                .and_then(Money::from_cents)
                .map(|amount| amount.to_string()),
            coupons: task.coupons,
            detail: task.detail.clone(),
            created_at: format(task.created_at),
            status: if task.resolved_at.is_some() {
                "resolved"
            } else {
                "open"
            },
            resolved_at: task.resolved_at.map(format),
            resolved_by: task.resolved_by.clone(),
            note: task.resolution.clone(),
        }
    }
}

/// `GET /api/staff/tasks`.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct TasksAnswer {
    /// Open ones oldest first, resolved ones newest first.
    pub tasks: Vec<TaskAnswer>,
}

/// What staff must settle by hand: refunds of excess, coupon debts, reviews;
/// open ones unless `?status=resolved`.
pub async fn staff_tasks<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
) -> Result<Handled> {
    let resolved = match request.query_param("status").as_deref() {
        None | Some("open") => false,
        Some("resolved") => true,
        Some(_) => {
            let mut errors = FieldErrors::default();
            errors.push("status", Invalid::said("invalid", m::field_task_status));
            return Err(decode::invalid(errors));
        }
    };
    let tasks = app.staff_tasks(caller, resolved).await?;
    let body = TasksAnswer {
        tasks: tasks.iter().map(TaskAnswer::from).collect(),
    };
    Ok(Response::json(200, &body).into())
}

/// `POST /api/staff/tasks/{id}/resolve {"note"}`.
pub async fn resolve_task<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    task_id: &str,
    now: Instant,
) -> Result<Handled> {
    let object = decode::json_object(request)?;
    let mut fields = Fields::new(&object);
    let Some(note) = tasks::note(&mut fields) else {
        return Err(decode::invalid(fields.errors));
    };
    let task = app.resolve_task(caller, task_id, &note, now).await?;
    Ok(Response::json(200, &TaskAnswer::from(&task)).into())
}

/// How an order in review was settled.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct SettlementAnswer {
    /// `credit`, `refund` or `cancel`.
    pub action: &'static str,
    pub note: String,
    /// The address of the staff member who settled it.
    pub settled_by: String,
}

/// An order just settled, and how.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct SettledOrderAnswer {
    #[serde(flatten)]
    pub order: OrderAnswer,
    pub settlement: SettlementAnswer,
}

/// `POST /api/staff/orders/{id}/settle {"action", "note"}`.
pub async fn settle_order<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    order_id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = decode::json_object(request)?;
    let mut fields = Fields::new(&object);
    let (action, note) = tasks::settlement(&mut fields).map_err(decode::invalid)?;
    let (staff, record, jobs) = app
        .settle_order(caller, order_id, action, &note, now, entropy)
        .await?;
    let body = SettledOrderAnswer {
        order: order(app, &record, now),
        settlement: SettlementAnswer {
            action: action.as_str(),
            note: note.as_str().to_owned(),
            settled_by: staff.email,
        },
    };
    Ok(Handled::with_jobs(Response::json(200, &body), jobs))
}

/// A bank entry no order was found for.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct BankEntryAnswer {
    pub id: String,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = Date))]
    pub booking_date: Option<String>,
    /// A decimal string ("61.00").
    pub amount: Option<String>,
    pub currency: String,
    /// The reference or remittance text the bank gave.
    pub reference: Option<String>,
    /// The payer's name as the bank gave it.
    pub remitter: Option<String>,
    /// When it was imported.
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub created_at: String,
}

impl From<&BankEntryRecord> for BankEntryAnswer {
    fn from(entry: &BankEntryRecord) -> Self {
        Self {
            id: entry.id.clone(),
            booking_date: entry.booking_date.clone(),
            amount: Money::from_cents(entry.amount_cents).map(|amount| amount.to_string()),
            currency: entry.currency.clone(),
            reference: entry.reference.clone(),
            remitter: entry.remitter.clone(),
            created_at: format(entry.created_at),
        }
    }
}

/// `GET /api/staff/bank-entries`.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct BankEntriesAnswer {
    /// Oldest first.
    pub entries: Vec<BankEntryAnswer>,
}

pub async fn unmatched_entries<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let (_, entries) = app.unmatched_entries(caller, 500).await?;
    let body = BankEntriesAnswer {
        entries: entries.iter().map(BankEntryAnswer::from).collect(),
    };
    Ok(Response::json(200, &body).into())
}

pub async fn match_entry<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    entry_id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = decode::json_object(request)?;
    let mut fields = Fields::new(&object);
    let Some(order_id) = fields.parse("order_id", |t| Ok(t.trim().to_owned())) else {
        return Err(decode::invalid(fields.errors));
    };
    let (line, jobs) = app
        .match_bank_entry(caller, entry_id, &order_id, now, entropy)
        .await?;
    let body = BankEntryLineAnswer::from(&line);
    Ok(Handled::with_jobs(Response::json(200, &body), jobs))
}

/// `POST /api/staff/customers/{id}/adjustments` with an `Idempotency-Key`.
pub async fn adjust<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    customer_id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = decode::json_object(request)?;
    let mut fields = Fields::new(&object);
    let input = AdjustmentInput::read(&mut fields);
    let mut errors = fields.errors;
    let keyed = errors.check(
        "Idempotency-Key",
        decode::idempotency(request)
            .unwrap_or_else(|| Err(Invalid::said("required", m::field_idempotency_adjustment))),
    );
    let (Some(input), Some((key, fingerprint))) = (input, keyed) else {
        return Err(decode::invalid(errors));
    };
    let adjustment = Adjustment {
        customer_id,
        coupons: input.coupons,
        reason: input.reason,
    };
    let keyed = Idempotency {
        key: &key,
        request: &fingerprint,
    };
    let (_, answer) = app.adjust(caller, adjustment, &keyed, now, entropy).await?;
    Ok(answer.into())
}
