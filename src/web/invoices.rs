//! Invoices on the pages: the organisation's list, each document as a
//! printable A4 page and as its UBL file, and finance's export on the desk.
//! Every page renders what the issued document says and recomputes nothing.

use chrono::{Datelike, NaiveDate};

use super::prelude::*;
use crate::app::invoices as billing;
use crate::domain::invoice::{Document, Kind, Party, PaymentMeans, ITEM_NAME};
use crate::domain::time::in_ljubljana;
use crate::store::InvoiceRecord;

/// What a document is called on its page.
fn title(kind: Kind) -> &'static str {
    match kind {
        Kind::Invoice => "Invoice",
        Kind::CreditNote => "Credit note",
    }
}

/// `GET /portal/invoices`: the organisation's documents, newest first.
pub async fn invoices_page<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let records = app.my_invoices(caller).await?;
    let rows: Vec<Vec<Html>> = records
        .iter()
        .map(|record| {
            let document = &record.document;
            vec![
                html!(
                    "<a href=\"/portal/invoices/{}\">{}</a>",
                    record.id,
                    document.number.to_string()
                ),
                html!("{}", title(document.kind)),
                html!("{}", document.issued_on.to_string()),
                html!("EUR {}", document.amounts.net),
                html!("EUR {}", document.amounts.vat),
                html!("EUR {}", document.amounts.total_due),
                html!("<a href=\"/portal/invoices/{}/xml\">UBL XML</a>", record.id),
            ]
        })
        .collect();
    let body = table(
        UNTRANSLATED,
        "Invoices and credit notes, newest first",
        &["Number", "Kind", "Date", "Net", "VAT", "Total", "E-invoice"],
        &rows,
    );
    Ok(page_in(UNTRANSLATED, Area::Customer, 200, "Invoices", body).into())
}

/// `GET /portal/invoices/{invoice_id}`: the document as it prints on A4.
pub async fn invoice_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    invoice_id: &str,
) -> Result<Handled> {
    let record = match app.my_invoice(caller, invoice_id).await {
        Ok(record) => record,
        Err(error) => return refusal_page(UNTRANSLATED, Area::Customer, error),
    };
    let document = &record.document;
    let heading = format!("{} {}", title(document.kind), document.number);
    Ok(page_in(
        UNTRANSLATED,
        Area::Customer,
        200,
        &heading,
        invoice_html(&record),
    )
    .into())
}

/// `GET /portal/invoices/{invoice_id}/xml`: the UBL file, for browsers,
/// which cannot ask the API for XML.
pub async fn invoice_xml<D: Database>(
    app: &App<D>,
    caller: &Caller,
    invoice_id: &str,
) -> Result<Handled> {
    match app.my_invoice(caller, invoice_id).await {
        Ok(record) => Ok(Response::from(billing::ubl_file(&record)).into()),
        Err(error) => refusal_page(UNTRANSLATED, Area::Customer, error),
    }
}

/// A party's block: name, address and VAT number.
fn party_html(role: &str, id: &str, party: &Party) -> Html {
    let vat_id = party
        .vat_id
        .as_deref()
        .map(|vat_id| html!("<br>VAT number: {}", vat_id));
    html!(
        "<section class=\"party\" aria-labelledby=\"{}\"><h2 id=\"{}\">{}</h2>\
         <p id=\"{}-address\"><strong>{}</strong><br>{}<br>{} {}<br>{}{}</p></section>",
        id,
        id,
        role,
        id,
        party.name,
        party.street,
        party.postal_code,
        party.city,
        party.country.code(),
        vat_id
    )
}

/// The printable document: parties, line, VAT breakdown, totals and how it
/// was paid, as the issued document states them.
fn invoice_html(record: &InvoiceRecord) -> Html {
    let document: &Document = &record.document;
    let amounts = &document.amounts;
    let seller = &document.seller;
    let credits = document.credits.as_ref().map(|credited| {
        html!(
            "<dt>Credits invoice</dt><dd id=\"credited-invoice\">{} of {}</dd>",
            credited.number.to_string(),
            credited.issued_on.to_string()
        )
    });
    let mention = document
        .exemption()
        .map(|(code, text)| html!("<p id=\"vat-mention\">{} ({})</p>", text, code));
    let payment = match &document.payment {
        PaymentMeans::Card => html!("Paid by card."),
        PaymentMeans::CreditTransfer { reference } => html!(
            "Paid by SEPA credit transfer to IBAN {} (BIC {}), reference {}.",
            seller.iban,
            seller.bic,
            reference
        ),
    };
    html!(
        "<article class=\"invoice\" id=\"invoice\">\
         <p class=\"no-print\"><button type=\"button\" data-print hidden>Print</button> \
         To print this {} or save it as a PDF, use your browser's Print command. \
         <a href=\"/portal/invoices/{}/xml\">Download the e-invoice (UBL XML)</a> · \
         <a href=\"/portal/invoices\">All invoices</a></p>\
         <div class=\"parties\">{}{}</div>\
         <dl class=\"invoice-facts\"><dt>Number</dt><dd id=\"invoice-number\">{}</dd>\
         <dt>Issue date</dt><dd id=\"issue-date\">{}</dd>{}\
         <dt>Order</dt><dd>{}</dd></dl>\
         <table class=\"invoice-lines\"><caption>Lines</caption><thead><tr>\
         <th scope=\"col\">Item</th><th scope=\"col\" class=\"number\">Quantity</th>\
         <th scope=\"col\" class=\"number\">Net unit price</th><th scope=\"col\" class=\"number\">Net amount</th>\
         </tr></thead><tbody><tr><td>{}</td><td class=\"number\">{}</td>\
         <td class=\"number\">EUR {}</td><td class=\"number\">EUR {}</td></tr></tbody></table>\
         <table class=\"invoice-vat\" id=\"vat-breakdown\"><caption>VAT breakdown</caption><thead><tr>\
         <th scope=\"col\">Category</th><th scope=\"col\" class=\"number\">Rate</th>\
         <th scope=\"col\" class=\"number\">Taxable amount</th><th scope=\"col\" class=\"number\">VAT</th>\
         </tr></thead><tbody><tr><td>{} ({})</td><td class=\"number\">{} %</td>\
         <td class=\"number\">EUR {}</td><td class=\"number\">EUR {}</td></tr></tbody></table>{}\
         <dl class=\"invoice-totals\" id=\"invoice-totals\"><dt>Total net</dt><dd>EUR {}</dd>\
         <dt>Total VAT</dt><dd>EUR {}</dd><dt>Total</dt><dd id=\"invoice-total\"><strong>EUR {}</strong></dd>\
         <dt>Amount due</dt><dd>EUR 0.00 (paid)</dd></dl>\
         <p id=\"payment-means\">{}</p>\
         <p class=\"seller-account\">{} · IBAN {} · BIC {}</p></article>",
        title(document.kind).to_lowercase(),
        record.id,
        party_html("Seller", "seller", &seller.party),
        party_html("Buyer", "buyer", &document.buyer),
        document.number.to_string(),
        document.issued_on.to_string(),
        credits,
        document.order_reference(),
        ITEM_NAME,
        document.quantity,
        document.unit_price,
        document.line_amount(),
        category_name(document),
        amounts.category.code(),
        amounts.rate.to_string(),
        amounts.net,
        amounts.vat,
        mention,
        amounts.net,
        amounts.vat,
        amounts.total_due,
        payment,
        seller.party.name,
        seller.iban,
        seller.bic,
    )
}

/// The VAT category as the breakdown names it.
fn category_name(document: &Document) -> &'static str {
    use crate::domain::vat::VatCategory as C;
    match document.amounts.category {
        C::Standard => "Standard rate",
        C::ReverseCharge => "Reverse charge",
        C::NotSubject => "Not subject to VAT",
    }
}

/// `GET /desk/invoices?from=&to=`: a period's documents with their totals
/// and the accountant's file; without a period, this month so far.
pub async fn desk_invoices_page<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    now: Instant,
) -> Result<Handled> {
    let asked = request.query_param("from").is_some() || request.query_param("to").is_some();
    let today = in_ljubljana(now).0.date();
    let mut errors = FieldErrors::default();
    let period = if asked {
        billing::period(
            request.query_param("from"),
            request.query_param("to"),
            &mut errors,
        )
    } else {
        Some((today.with_day(1).unwrap_or(today), today))
    };
    let Some((from, to)) = period else {
        let staff = app.identify(caller).await?.staff()?;
        let typed = |name: &str| request.query_param(name).unwrap_or_default();
        let body = period_form(&typed("from"), &typed("to"), &errors);
        return Ok(page_in(
            UNTRANSLATED,
            Area::DeskAs(staff.role),
            422,
            "Invoices",
            body,
        )
        .into());
    };
    let (staff, records) = app.issued_invoices(caller, from, to).await?;
    let body = html!(
        "{}<p><a href=\"/desk/invoices.csv?from={}&amp;to={}\" download>Download CSV</a> \
         (for the accountant: number, date, kind, buyer, VAT number, net, VAT, gross, VAT category)</p>{}",
        period_form(&from.to_string(), &to.to_string(), &errors),
        from.to_string(),
        to.to_string(),
        period_table(from, to, &records)
    );
    Ok(page_in(
        UNTRANSLATED,
        Area::DeskAs(staff.role),
        200,
        "Invoices",
        body,
    )
    .into())
}

/// The period's GET form, so that a period's page can be bookmarked.
fn period_form(from: &str, to: &str, errors: &FieldErrors) -> Html {
    html!(
        "<form method=\"get\" action=\"/desk/invoices\">{}{}<button type=\"submit\">Show</button></form>",
        input("from", "From (first day)", "date", from, errors, " required"),
        input("to", "To (last day, included)", "date", to, errors, " required")
    )
}

/// The documents of a period and their sums: credit notes count against
/// invoices.
fn period_table(from: NaiveDate, to: NaiveDate, records: &[InvoiceRecord]) -> Html {
    let mut totals = [Money::ZERO; 3];
    let mut credited = [Money::ZERO; 3];
    let rows: Vec<Vec<Html>> = records
        .iter()
        .map(|record| {
            let document = &record.document;
            let amounts = &document.amounts;
            let sums = match document.kind {
                Kind::Invoice => &mut totals,
                Kind::CreditNote => &mut credited,
            };
            for (sum, amount) in sums
                .iter_mut()
                .zip([amounts.net, amounts.vat, amounts.total_due])
            {
                *sum = sum.plus(amount);
            }
            vec![
                html!("{}", document.number.to_string()),
                html!("{}", document.issued_on.to_string()),
                html!("{}", title(document.kind)),
                html!("{}", document.buyer.name),
                html!("{}", document.buyer.vat_id.as_deref().unwrap_or("")),
                html!(
                    "{}{}",
                    amounts.category.code(),
                    record.vat_note.map_or(Html::EMPTY, |note| html!(
                        "<br><small class=\"vat-note\" data-vat-note=\"{}\">{}</small>",
                        note.as_str(),
                        note.explanation()
                    ))
                ),
                html!("EUR {}", amounts.net),
                html!("EUR {}", amounts.vat),
                html!("EUR {}", amounts.total_due),
            ]
        })
        .collect();
    let caption = format!("Documents issued from {from} to {to}");
    let sum_row = |label: &str, sums: [Money; 3]| {
        html!(
            "<tr><th scope=\"row\">{}</th><td>EUR {}</td><td>EUR {}</td><td>EUR {}</td></tr>",
            label,
            sums[0],
            sums[1],
            sums[2]
        )
    };
    html!(
        "{}<table id=\"invoice-totals\"><caption>Totals of the period</caption><thead><tr>\
         <th scope=\"col\">Documents</th><th scope=\"col\">Net</th><th scope=\"col\">VAT</th>\
         <th scope=\"col\">Gross</th></tr></thead><tbody>{}{}</tbody></table>",
        table(
            UNTRANSLATED,
            &caption,
            &[
                "Number",
                "Date",
                "Kind",
                "Buyer",
                "Buyer VAT number",
                "VAT category",
                "Net",
                "VAT",
                "Gross"
            ],
            &rows
        ),
        sum_row("Invoices", totals),
        sum_row("Credit notes", credited)
    )
}

/// `GET /desk/invoices.csv`: the accountant's file, for the desk's session.
pub async fn desk_invoices_csv<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
) -> Result<Handled> {
    let mut errors = FieldErrors::default();
    let period = billing::period(
        request.query_param("from"),
        request.query_param("to"),
        &mut errors,
    );
    let Some((from, to)) = period else {
        return Err(decode::invalid(errors));
    };
    let (_, records) = app.issued_invoices(caller, from, to).await?;
    Ok(Response::from(billing::csv_file(&records, from, to)).into())
}
