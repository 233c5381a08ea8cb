//! The organisation's invoices and credit notes: listed as JSON, each also
//! as its UBL document for the buyer's accounting.

use chrono::NaiveDate;
use serde_json::{json, Value};

use crate::app::invoices::{csv_file, period, ubl_file};
use crate::app::{App, Caller};
use crate::domain::field::{FieldErrors, Invalid};
use crate::domain::money::CURRENCY;
use crate::http::decode;
use crate::http::Result;
use crate::http::{Handled, Request, Response};
use crate::store::{Database, InvoiceRecord};

/// A document as the JSON answers show it.
fn summary(record: &InvoiceRecord) -> Value {
    let document = &record.document;
    json!({
        "invoice_id": record.id,
        "number": document.number.to_string(),
        "kind": document.kind.as_str(),
        "issued_on": document.issued_on.to_string(),
        "net": document.amounts.net.to_string(),
        "vat": document.amounts.vat.to_string(),
        "total": document.amounts.total_due.to_string(),
        "currency": CURRENCY,
        "order_id": document.order_id,
        "vat_category": document.amounts.category.as_str(),
    })
}

/// `GET /api/me/invoices`.
pub async fn list<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let records = app.my_invoices(caller).await?;
    let invoices: Vec<Value> = records.iter().map(summary).collect();
    Ok(Response::json(200, &json!({ "invoices": invoices })).into())
}

/// `GET /api/me/invoices/{invoice_id}`: JSON, or with `Accept:
/// application/xml` the UBL Invoice or CreditNote itself.
pub async fn get<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    invoice_id: &str,
) -> Result<Handled> {
    let record = app.my_invoice(caller, invoice_id).await?;
    let wants_xml = request
        .header("accept")
        .is_some_and(|accept| accept.contains("application/xml"));
    Ok(if wants_xml {
        Response::from(ubl_file(&record))
    } else {
        Response::json(200, &summary(&record))
    }
    .into())
}

/// `GET /api/staff/invoices?from=&to=[&format=csv]`: finance's documents of
/// a period, as JSON or as a spreadsheet for the accountant.
pub async fn staff_list<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
) -> Result<Handled> {
    let mut errors = FieldErrors::default();
    let csv = match request.query_param("format").as_deref() {
        None | Some("json") => false,
        Some("csv") => true,
        Some(_) => {
            errors.push("format", Invalid::new("invalid", "must be json or csv"));
            false
        }
    };
    let (from, to) = asked_period(request, errors)?;
    let (_, records) = app.issued_invoices(caller, from, to).await?;
    if !csv {
        let invoices: Vec<Value> = records
            .iter()
            .map(|record| {
                let mut item = summary(record);
                item["customer_id"] = json!(record.customer_id);
                item["buyer"] = json!(record.document.buyer.name);
                item["buyer_vat_id"] = json!(record.document.buyer.vat_id);
                item["vat_note"] = super::coupons::vat_note_json(record.vat_note);
                item
            })
            .collect();
        return Ok(Response::json(200, &json!({ "invoices": invoices })).into());
    }
    Ok(Response::from(csv_file(&records, from, to)).into())
}

/// The period asked for, or the refusal naming its faults and those already
/// in `errors`.
fn asked_period(request: &Request, mut errors: FieldErrors) -> Result<(NaiveDate, NaiveDate)> {
    let asked = period(
        request.query_param("from"),
        request.query_param("to"),
        &mut errors,
    );
    match asked.filter(|_| errors.is_empty()) {
        Some(period) => Ok(period),
        None => Err(decode::invalid(errors)),
    }
}
