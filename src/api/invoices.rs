//! The organisation's invoices and credit notes: listed as JSON, each also
//! as its UBL document for the buyer's accounting; and finance's documents
//! of a period, as JSON or the accountant's CSV.

use chrono::NaiveDate;
use serde::Serialize;

use super::VatNoteAnswer;
use crate::app::invoices::{csv_file, period, ubl_file};
use crate::app::{App, Caller};
use crate::domain::field::{FieldErrors, Invalid};
use crate::domain::messages as m;
use crate::domain::money::CURRENCY;
use crate::http::decode;
use crate::http::Result;
use crate::http::{Handled, Request, Response};
use crate::store::{Database, InvoiceRecord};

/// An invoice or credit note. Amounts are decimal strings with two places;
/// a credit note's are positive too.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct InvoiceAnswer {
    pub invoice_id: String,
    /// Its number in the year's sequence ("2026-000001").
    pub number: String,
    /// `invoice` or `credit_note`.
    pub kind: &'static str,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = Date))]
    pub issued_on: String,
    pub net: String,
    pub vat: String,
    /// Net plus VAT.
    pub total: String,
    /// `EUR`.
    pub currency: &'static str,
    /// The order it bills (or credits).
    pub order_id: String,
    /// `standard`, `reverse_charge` or `not_subject`.
    pub vat_category: &'static str,
}

impl From<&InvoiceRecord> for InvoiceAnswer {
    fn from(record: &InvoiceRecord) -> Self {
        let document = &record.document;
        Self {
            invoice_id: record.id.clone(),
            number: document.number.to_string(),
            kind: document.kind.as_str(),
            issued_on: document.issued_on.to_string(),
            net: document.amounts.net.to_string(),
            vat: document.amounts.vat.to_string(),
            total: document.amounts.total_due.to_string(),
            currency: CURRENCY,
            order_id: document.order_id.clone(),
            vat_category: document.amounts.category.as_str(),
        }
    }
}

/// `GET /api/me/invoices`.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct InvoicesAnswer {
    /// Newest first.
    pub invoices: Vec<InvoiceAnswer>,
}

/// `GET /api/me/invoices`.
pub async fn list<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let records = app.my_invoices(caller).await?;
    let body = InvoicesAnswer {
        invoices: records.iter().map(InvoiceAnswer::from).collect(),
    };
    Ok(Response::json(200, &body).into())
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
        Response::json(200, &InvoiceAnswer::from(&record))
    }
    .into())
}

/// A document of a period, as finance reads it: with its buyer.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct IssuedInvoiceAnswer {
    #[serde(flatten)]
    pub invoice: InvoiceAnswer,
    pub customer_id: String,
    /// The buyer's name as the document states it.
    pub buyer: String,
    pub buyer_vat_id: Option<String>,
    /// Why its order was not zero-rated where it could have been; null when
    /// there is nothing to explain.
    pub vat_note: Option<VatNoteAnswer>,
}

impl From<&InvoiceRecord> for IssuedInvoiceAnswer {
    fn from(record: &InvoiceRecord) -> Self {
        Self {
            invoice: InvoiceAnswer::from(record),
            customer_id: record.customer_id.clone(),
            buyer: record.document.buyer.name.clone(),
            buyer_vat_id: record.document.buyer.vat_id.clone(),
            vat_note: VatNoteAnswer::of(record.vat_note),
        }
    }
}

/// `GET /api/staff/invoices` as JSON.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct IssuedInvoicesAnswer {
    /// In number order.
    pub invoices: Vec<IssuedInvoiceAnswer>,
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
            errors.push("format", Invalid::said("invalid", m::field_invoice_format));
            false
        }
    };
    let (from, to) = asked_period(request, errors)?;
    let (_, records) = app.issued_invoices(caller, from, to).await?;
    Ok(if csv {
        Response::from(csv_file(&records, from, to))
    } else {
        let body = IssuedInvoicesAnswer {
            invoices: records.iter().map(IssuedInvoiceAnswer::from).collect(),
        };
        Response::json(200, &body)
    }
    .into())
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
