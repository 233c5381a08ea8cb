//! The coupon endpoints: the ledger, orders, the payment webhook, and the
//! staff's bank statements and adjustments.

use serde_json::{json, Value};

use crate::app::input::Fields;
use crate::app::Caller;
use crate::app::{tasks, Adjustment, App, Idempotency, PaymentProvider, Upload};
use crate::domain::entropy::Entropy;
use crate::domain::field::{FieldErrors, Invalid};
use crate::domain::ledger::minutes_available;
use crate::domain::order::{PaymentMethod, Quantity};
use crate::domain::text::Text;
use crate::domain::time::{format, Instant};
use crate::http::decode;
use crate::http::ApiError;
use crate::http::Result;
use crate::http::{Handled, Request, Response};
use crate::store::{Database, OrderRecord, TaskRecord};

/// Why a sale is not zero-rated where it could have been: its code and the
/// reason in words; null when there is nothing to explain.
pub(crate) fn vat_note_json(note: Option<crate::domain::vat::VatNote>) -> Value {
    note.map_or(
        Value::Null,
        |note| json!({"code": note.as_str(), "explanation": note.explanation()}),
    )
}

/// An order as its answer shows it.
pub fn order_json<D>(app: &App<D>, record: &OrderRecord, now: Instant) -> Value {
    let order = &record.order;
    let mut body = json!({
        "order_id": order.id,
        "quantity": order.quantity.get(),
        "unit_price": order.unit_price,
        "total": order.total,
        "vat_rate": order.vat.rate.to_string(),
        "vat_category": order.vat.category.as_str(),
        "vat_note": vat_note_json(order.buyer.vat_note),
        "vat": order.vat.vat,
        "total_due": order.vat.total_due,
        "currency": crate::domain::money::CURRENCY,
        "payment_method": order.method.as_str(),
        "status": order.status_at(now).as_str(),
        "received": order.received,
        "created_at": format(order.created_at),
        "expires_at": format(order.expires_at),
        "paid_at": record.paid_at.map(format),
    });
    if let Some(url) = &record.checkout_url {
        body["checkout_url"] = json!(url);
    }
    if let (Some(reference), Some(account)) = (&order.rf_reference, &app.config.bank_account) {
        body["bank_transfer"] = json!({
            "beneficiary": account.beneficiary,
            "iban": account.iban.as_str(),
            "bic": account.bic.as_str(),
            "amount": order.outstanding(),
            "currency": crate::domain::money::CURRENCY,
            "reference": reference.as_str(),
            "reference_grouped": reference.grouped(),
        });
    }
    if let Some(reason) = &record.review_reason {
        body["review_reason"] = json!(reason);
    }
    body
}

pub async fn ledger<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let (_, ledger) = app.my_ledger(caller).await?;
    let entries: Vec<Value> = ledger
        .lines
        .iter()
        .map(|line| {
            json!({
                "id": line.id,
                "kind": line.kind.as_str(),
                "coupons": line.coupons,
                "minutes": line.coupons * crate::domain::ledger::MINUTES_PER_COUPON,
                "order_id": line.order_id,
                "reason": line.reason,
                "created_at": format(line.created_at),
            })
        })
        .collect();
    let body = json!({
        "coupon_balance": ledger.balance,
        "minutes_available": minutes_available(ledger.balance),
        "entries": entries,
    });
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
                .ok_or_else(|| Invalid::new("range", "must be a whole number from 1 to 200"))
                .and_then(Quantity::parse),
        ),
        None | Some(Value::Null) => errors.check::<Quantity>("quantity", Err(Invalid::required())),
        Some(_) => {
            errors.check::<Quantity>("quantity", Err(Invalid::new("type", "must be a number")))
        }
    };
    let method = match object.get("payment_method") {
        Some(Value::String(text)) => errors.check("payment_method", PaymentMethod::parse(text)),
        None | Some(Value::Null) => {
            errors.check::<PaymentMethod>("payment_method", Err(Invalid::required()))
        }
        Some(_) => errors.check::<PaymentMethod>(
            "payment_method",
            Err(Invalid::new("type", "must be a string")),
        ),
    };
    let (Some(quantity), Some(method)) = (quantity, method) else {
        return Err(decode::invalid(errors));
    };
    let placed = app
        .place_order(caller, quantity, method, provider, now, entropy)
        .await?;
    let body = order_json(app, &placed.record, now);
    let location = format!("/api/me/coupon-orders/{}", placed.record.order.id);
    Ok(Handled::with_jobs(
        Response::json(201, &body).with_header("location", &location),
        placed.jobs,
    ))
}

pub async fn list_orders<D: Database>(
    app: &App<D>,
    caller: &Caller,
    now: Instant,
) -> Result<Handled> {
    let (_, orders) = app.my_orders(caller).await?;
    let orders: Vec<Value> = orders.iter().map(|r| order_json(app, r, now)).collect();
    Ok(Response::json(200, &json!({ "orders": orders })).into())
}

pub async fn get_order<D: Database>(
    app: &App<D>,
    caller: &Caller,
    order_id: &str,
    now: Instant,
) -> Result<Handled> {
    let (_, record) = app.my_order(caller, order_id).await?;
    Ok(Response::json(200, &order_json(app, &record, now)).into())
}

pub async fn cancel_order<D: Database>(
    app: &App<D>,
    caller: &Caller,
    order_id: &str,
    now: Instant,
) -> Result<Handled> {
    let record = app.cancel_order(caller, order_id, now).await?;
    Ok(Response::json(200, &order_json(app, &record, now)).into())
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
    let body = json!({"received": true, "event_id": outcome.event_id, "outcome": outcome.outcome.as_str()});
    Ok(Handled::with_jobs(Response::json(200, &body), outcome.jobs))
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
    Ok(Handled::with_jobs(
        Response::json(200, &imported.report),
        jobs,
    ))
}

/// A task as the API shows it.
pub fn task_json(task: &TaskRecord) -> Value {
    json!({
        "id": task.id,
        "kind": task.kind,
        "order_id": task.order_id,
        "customer_id": task.customer_id,
        "amount": task.amount_cents.and_then(crate::domain::money::Money::from_cents),
        "coupons": task.coupons,
        "detail": task.detail,
        "created_at": format(task.created_at),
        "status": if task.resolved_at.is_some() { "resolved" } else { "open" },
        "resolved_at": task.resolved_at.map(format),
        "resolved_by": task.resolved_by,
        "note": task.resolution,
    })
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
            errors.push(
                "status",
                Invalid::new("invalid", "must be open or resolved"),
            );
            return Err(decode::invalid(errors));
        }
    };
    let tasks: Vec<Value> = app
        .staff_tasks(caller, resolved)
        .await?
        .iter()
        .map(task_json)
        .collect();
    Ok(Response::json(200, &json!({ "tasks": tasks })).into())
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
    Ok(Response::json(200, &task_json(&task)).into())
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
    let (action, note) = match tasks::settlement(&mut fields) {
        Ok(parsed) => parsed,
        Err(errors) => return Err(decode::invalid(errors)),
    };
    let (staff, record, jobs) = app
        .settle_order(caller, order_id, action, &note, now, entropy)
        .await?;
    let mut body = order_json(app, &record, now);
    body["settlement"] =
        json!({"action": action.as_str(), "note": note.as_str(), "settled_by": staff.email});
    Ok(Handled::with_jobs(Response::json(200, &body), jobs))
}

pub async fn unmatched_entries<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let (_, entries) = app.unmatched_entries(caller, 500).await?;
    let entries: Vec<Value> = entries
        .iter()
        .map(|e| {
            json!({
                "id": e.id,
                "booking_date": e.booking_date,
                "amount": crate::domain::money::Money::from_cents(e.amount_cents),
                "currency": e.currency,
                "reference": e.reference,
                "remitter": e.remitter,
                "created_at": format(e.created_at),
            })
        })
        .collect();
    Ok(Response::json(200, &json!({ "entries": entries })).into())
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
    Ok(Handled::with_jobs(Response::json(200, &line), jobs))
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
    let reason = fields.parse("reason", |t| Text::parse(t, 500));
    let mut errors = fields.errors;
    let coupons = match object.get("coupons").and_then(Value::as_i64) {
        Some(coupons) if coupons != 0 && coupons.abs() <= 1000 => Some(coupons),
        _ => {
            errors.push(
                "coupons",
                Invalid::new("range", "must be a whole number from -1000 to 1000, not 0"),
            );
            None
        }
    };
    let keyed = errors.check(
        "Idempotency-Key",
        decode::idempotency(request).unwrap_or_else(|| {
            Err(Invalid::new(
                "required",
                "send an Idempotency-Key header, unique to this adjustment",
            ))
        }),
    );
    let (Some(coupons), Some(reason), Some((key, fingerprint))) = (coupons, reason, keyed) else {
        return Err(decode::invalid(errors));
    };
    let adjustment = Adjustment {
        customer_id,
        coupons,
        reason,
    };
    let keyed = Idempotency {
        key: &key,
        request: &fingerprint,
    };
    let (_, answer) = app.adjust(caller, adjustment, &keyed, now, entropy).await?;
    Ok(answer.into())
}
