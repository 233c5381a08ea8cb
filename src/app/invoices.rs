//! Invoices: issued in the batch of the payment or refund that causes them,
//! read by the organisation they were issued to, and by finance a period at
//! a time; each document also as its UBL file, a period as the accountant's
//! CSV, rendered here once for the API and the desk.

use chrono::NaiveDate;

use super::{App, AppError, Caller, CustomerPrincipal, Download, StaffIdentity};
use crate::domain::entropy::Entropy;
use crate::domain::field::{FieldErrors, Invalid};
use crate::domain::invoice::{Kind, Seller};
use crate::domain::messages as m;
use crate::domain::time::{in_ljubljana, Instant};
use crate::store::{self, Database, InvoiceRecord, OrderRecord, Statement};

/// The date an invoice bears: the seller's, in Ljubljana, not UTC's.
fn issued_on(now: Instant) -> NaiveDate {
    in_ljubljana(now).0.date()
}

/// The invoices of orders that statements before it in the batch may have
/// made paid, each `(invoice id, order id)` under the id its confirmation
/// links; orders not paid then get none, and an order named twice one, the
/// first id (as the first confirmation is the one kept).
pub(super) fn invoices_at_payment(
    invoices: &[(&str, &str)],
    seller: &Seller,
    now: Instant,
) -> Vec<Statement> {
    let mut seen = std::collections::HashSet::new();
    let pairs: Vec<(String, String)> = invoices
        .iter()
        .filter(|(_, order_id)| seen.insert(*order_id))
        .map(|(invoice_id, order_id)| ((*invoice_id).to_owned(), (*order_id).to_owned()))
        .collect();
    store::issue_invoices(&pairs, seller, issued_on(now), now)
}

/// The credit note of a refund that returned the money of `through` of the
/// order's coupons (cumulative): for those its invoice, if it has one, has
/// not credited yet.
pub(super) fn credit_note_at_refund(
    order_id: &str,
    through: i64,
    now: Instant,
    entropy: &mut Entropy,
) -> Statement {
    store::issue_credit_note(&entropy.id("crn"), order_id, through, issued_on(now), now)
}

impl<D: Database> App<D> {
    /// The caller's organisation's invoices and credit notes, newest first.
    pub async fn my_invoices(&self, caller: &Caller) -> Result<Vec<InvoiceRecord>, AppError> {
        let (principal, invoices) = self
            .read_as(caller, store::invoices_of(&caller.customer_scope()))
            .await?;
        principal.customer()?;
        Ok(invoices)
    }

    /// One of the caller's organisation's documents; another's is not found.
    pub async fn my_invoice(
        &self,
        caller: &Caller,
        invoice_id: &str,
    ) -> Result<InvoiceRecord, AppError> {
        let (principal, invoice) = self
            .read_as(
                caller,
                store::invoice_of(&caller.customer_scope(), invoice_id),
            )
            .await?;
        principal.customer()?;
        invoice.ok_or(AppError::NotFound)
    }
}

impl<D: Database> App<D> {
    /// One of the caller's organisation's orders, with the organisation
    /// (the buyer's details) and the documents issued for the order, in
    /// one round trip: the pro-forma page. Another's order is not found.
    pub async fn my_pro_forma(
        &self,
        caller: &Caller,
        order_id: &str,
    ) -> Result<(CustomerPrincipal, OrderRecord, Vec<InvoiceRecord>), AppError> {
        let scope = caller.customer_scope();
        let (principal, (record, documents)) = self
            .read_as(
                caller,
                (
                    store::order_of(&scope, order_id),
                    store::invoices_of_order(&scope, order_id),
                ),
            )
            .await?;
        let customer = principal.customer()?;
        Ok((customer, record.ok_or(AppError::NotFound)?, documents))
    }

    /// Every document issued from `from` to `to` (inclusive), in number
    /// order, for finance: one round trip with the caller's own statement.
    pub async fn issued_invoices(
        &self,
        caller: &Caller,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<(StaffIdentity, Vec<InvoiceRecord>), AppError> {
        let (principal, invoices) = self
            .read_as(caller, store::invoices_issued(from, to))
            .await?;
        Ok((principal.staff()?, invoices))
    }
}

/// The longest period one export covers: a year, leap or not.
pub const MAX_PERIOD_DAYS: i64 = 366;

/// The period of the texts of `from` and `to` (query parameters): both
/// required dates, in order, at most [`MAX_PERIOD_DAYS`] apart; each fault
/// named by its parameter in `errors`.
pub fn period(
    from: Option<String>,
    to: Option<String>,
    errors: &mut FieldErrors,
) -> Option<(NaiveDate, NaiveDate)> {
    let mut day = |name: &str, text: Option<String>| {
        let parsed = text
            .ok_or_else(Invalid::required)
            .and_then(|text| super::input::date(&text));
        errors.check(name, parsed)
    };
    let (from, to) = (day("from", from), day("to", to));
    let (from, to) = (from?, to?);
    let days = (to - from).num_days();
    if days < 0 {
        errors.push("to", Invalid::said("order", m::field_period_order));
        None
    } else if days >= MAX_PERIOD_DAYS {
        errors.push(
            "to",
            Invalid::said("range", |l| m::field_period_days(l, MAX_PERIOD_DAYS)),
        );
        None
    } else {
        Some((from, to))
    }
}

/// A document as its UBL file, named by its number, so that a browser (the
/// portal's download) saves it as such and an API client can ignore it.
pub fn ubl_file(record: &InvoiceRecord) -> Download {
    let document = &record.document;
    let stem = match document.kind {
        Kind::Invoice => "invoice",
        Kind::CreditNote => "credit-note",
    };
    Download {
        media_type: "application/xml",
        file_name: format!("{stem}-{}.xml", document.number),
        body: document.to_ubl().into_bytes(),
    }
}

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

/// The accountant's file of a period's documents: the API's `format=csv`
/// and the desk's download.
pub fn csv_file(records: &[InvoiceRecord], from: NaiveDate, to: NaiveDate) -> Download {
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
    Download {
        media_type: "text/csv; charset=utf-8",
        file_name: format!("invoices-{from}-to-{to}.csv"),
        body: to_csv(&CSV_HEADER, &rows).into_bytes(),
    }
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
