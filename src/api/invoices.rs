//! The organisation's invoices and credit notes: listed as JSON, each also
//! as its UBL document for the buyer's accounting.

use serde_json::{json, Value};

use super::http::{Handled, Request, Response};
use super::Result;
use crate::app::{App, Caller};
use crate::domain::money::CURRENCY;
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
        Response::new(
            200,
            "application/xml",
            record.document.to_ubl().into_bytes(),
        )
        .with_header("cache-control", "no-store")
    } else {
        Response::json(200, &summary(&record))
    }
    .into())
}
