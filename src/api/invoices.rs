//! The organisation's invoices and credit notes: listed as JSON, each also
//! as its UBL document for the buyer's accounting.

use chrono::NaiveDate;
use serde_json::{json, Value};

use crate::app::{App, Caller};
use crate::domain::field::{FieldErrors, Invalid};
use crate::domain::invoice::Kind;
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
        ubl(&record)
    } else {
        Response::json(200, &summary(&record))
    }
    .into())
}

/// A document as its UBL file, named by its number so that a browser (the
/// portal's download) saves it as such and an API client can ignore it.
pub(crate) fn ubl(record: &InvoiceRecord) -> Response {
    let document = &record.document;
    let stem = match document.kind {
        Kind::Invoice => "invoice",
        Kind::CreditNote => "credit-note",
    };
    Response::new(200, "application/xml", document.to_ubl().into_bytes())
        .with_header(
            "content-disposition",
            &format!("attachment; filename=\"{stem}-{}.xml\"", document.number),
        )
        .with_header("cache-control", "no-store")
}

/// The longest period one export covers: a year, leap or not.
const MAX_PERIOD_DAYS: i64 = 366;

/// The CSV columns; credit notes keep their documents' positive amounts and
/// say what they are in `kind`.
const CSV_HEADER: [&str; 9] = [
    "number",
    "date",
    "kind",
    "buyer",
    "buyer VAT number",
    "net",
    "VAT",
    "gross",
    "VAT category",
];

/// The period of `from` and `to`: both required dates, in order, at most
/// [`MAX_PERIOD_DAYS`] apart; each fault named by its parameter.
pub(crate) fn period(
    request: &Request,
    errors: &mut FieldErrors,
) -> Option<(NaiveDate, NaiveDate)> {
    let mut day = |name: &str| {
        let parsed = request
            .query_param(name)
            .ok_or_else(Invalid::required)
            .and_then(|text| crate::app::input::date(&text));
        errors.check(name, parsed)
    };
    let (from, to) = (day("from"), day("to"));
    let (from, to) = (from?, to?);
    let days = (to - from).num_days();
    if days < 0 {
        errors.push("to", Invalid::new("order", "must not be before from"));
        None
    } else if days >= MAX_PERIOD_DAYS {
        errors.push(
            "to",
            Invalid::new("range", format!("at most {MAX_PERIOD_DAYS} days from from")),
        );
        None
    } else {
        Some((from, to))
    }
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
    Ok(csv_file(&records, from, to).into())
}

/// `GET /desk/invoices.csv?from=&to=`: the same file for a desk browser,
/// whose session cookie the API does not take.
pub async fn staff_csv<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
) -> Result<Handled> {
    let (from, to) = asked_period(request, FieldErrors::default())?;
    let (_, records) = app.issued_invoices(caller, from, to).await?;
    Ok(csv_file(&records, from, to).into())
}

/// The period asked for, or the refusal naming
/// its faults and those already in `errors`.
fn asked_period(request: &Request, mut errors: FieldErrors) -> Result<(NaiveDate, NaiveDate)> {
    let period = period(request, &mut errors);
    match period.filter(|_| errors.is_empty()) {
        Some(period) => Ok(period),
        None => Err(decode::invalid(errors)),
    }
}

/// The accountant's file of a period's documents: the API's `format=csv`
/// and the desk's download.
fn csv_file(records: &[InvoiceRecord], from: NaiveDate, to: NaiveDate) -> Response {
    let rows: Vec<Vec<String>> = records
        .iter()
        .map(|record| {
            let document = &record.document;
            vec![
                document.number.to_string(),
                document.issued_on.to_string(),
                document.kind.as_str().to_owned(),
                document.buyer.name.clone(),
                document.buyer.vat_id.clone().unwrap_or_default(),
                document.amounts.net.to_string(),
                document.amounts.vat.to_string(),
                document.amounts.total_due.to_string(),
                document.amounts.category.as_str().to_owned(),
            ]
        })
        .collect();
    Response::new(
        200,
        "text/csv; charset=utf-8",
        to_csv(&CSV_HEADER, &rows).into_bytes(),
    )
    .with_header(
        "content-disposition",
        &format!("attachment; filename=\"invoices-{from}-to-{to}.csv\""),
    )
    .with_header("cache-control", "no-store")
}

/// RFC 4180 CSV (CRLF line ends) whose cells a spreadsheet shows as text:
/// one starting with `=`, `+`, `-` or `@` gets a leading apostrophe, so a
/// buyer's name cannot become a formula on the accountant's machine.
fn to_csv(header: &[&str], rows: &[Vec<String>]) -> String {
    let cell = |text: &str| {
        let text = if text.starts_with(['=', '+', '-', '@']) {
            format!("'{text}")
        } else {
            text.to_owned()
        };
        if text.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", text.replace('"', "\"\""))
        } else {
            text
        }
    };
    let line = |cells: Vec<String>| cells.join(",") + "\r\n";
    let mut out = line(header.iter().map(|h| cell(h)).collect());
    for row in rows {
        out.push_str(&line(row.iter().map(|c| cell(c)).collect()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::to_csv;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_owned()).collect()
    }

    #[test]
    fn plain_cells_are_written_as_they_are() {
        assert_eq!(
            to_csv(&["a", "b"], &[row(&["2026-000001", "61.00"])]),
            "a,b\r\n2026-000001,61.00\r\n"
        );
    }

    #[test]
    fn commas_quotes_and_newlines_are_quoted_with_quotes_doubled() {
        assert_eq!(
            to_csv(
                &["x"],
                &[
                    row(&["Kovinar, d.o.o."]),
                    row(&["say \"hi\""]),
                    row(&["a\nb"]),
                    row(&["c\rd"])
                ]
            ),
            "x\r\n\"Kovinar, d.o.o.\"\r\n\"say \"\"hi\"\"\"\r\n\"a\nb\"\r\n\"c\rd\"\r\n"
        );
    }

    #[test]
    fn cells_that_a_spreadsheet_would_evaluate_get_an_apostrophe() {
        let rows = [row(&["=1+1", "+SUM(A1)", "-5", "@cmd", "a=b"])];
        assert_eq!(to_csv(&[], &rows), "\r\n'=1+1,'+SUM(A1),'-5,'@cmd,a=b\r\n");
        // Escaping applies after the apostrophe: a formula with a comma
        // stays one quoted cell.
        assert_eq!(
            to_csv(&[], &[row(&["=HYPERLINK(\"x\",1)"])]),
            "\r\n\"'=HYPERLINK(\"\"x\"\",1)\"\r\n"
        );
    }
}
