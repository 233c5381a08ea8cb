//! Invoices on the pages: the organisation's list, each document as a
//! printable A4 page and as its UBL file, and finance's export on the desk;
//! and the pro-forma of a bank-transfer order, printable, with its EPC and
//! (for a buyer in Slovenia) UPN QR codes. Every page renders what the
//! issued document or the order says and recomputes nothing, in the
//! reader's language and formats.

use chrono::{Datelike, NaiveDate};

use super::prelude::*;
use crate::app::invoices as billing;
use crate::domain::country::Country;
use crate::domain::format as fmt;
use crate::domain::invoice::{mention, Document, Kind, Party, PaymentMeans};
use crate::domain::order::OrderStatus;
use crate::domain::time::in_ljubljana;
use crate::domain::vat::{Amounts, VatCategory, VatNote, VatRate};
use crate::domain::{epc, upn};
use crate::store::InvoiceRecord;

/// What a document is called on its page.
fn title(lang: Language, kind: Kind) -> &'static str {
    match kind {
        Kind::Invoice => m::document_invoice(lang),
        Kind::CreditNote => m::document_credit_note(lang),
    }
}

/// A document's heading: `Račun 2026-00001`.
fn heading(lang: Language, kind: Kind, number: &str) -> String {
    match kind {
        Kind::Invoice => m::document_invoice_title(lang, number),
        Kind::CreditNote => m::document_credit_note_title(lang, number),
    }
}

/// An amount as the reader writes it: `30,50 €` / `€30.50`.
fn eur(lang: Language, amount: Money) -> String {
    fmt::money(lang, amount.cents())
}

/// A VAT rate as the reader writes it: `22 %`, `9,5 %` / `9.5 %`.
fn rate(lang: Language, rate: VatRate) -> String {
    let text = rate.to_string();
    match lang {
        Language::Sl => format!("{}\u{a0}%", text.replace('.', ",")),
        Language::En => format!("{text}\u{a0}%"),
    }
}

/// A country's name for an address; the code where no name is known here.
/// (The country helper's names in the page's language replace this list
/// when both are in.)
fn country_name(lang: Language, country: Country) -> &'static str {
    const NAMES: [(&str, &str, &str); 12] = [
        ("SI", "Slovenija", "Slovenia"),
        ("HR", "Hrvaška", "Croatia"),
        ("AT", "Avstrija", "Austria"),
        ("IT", "Italija", "Italy"),
        ("HU", "Madžarska", "Hungary"),
        ("DE", "Nemčija", "Germany"),
        ("FR", "Francija", "France"),
        ("CH", "Švica", "Switzerland"),
        ("GB", "Združeno kraljestvo", "United Kingdom"),
        ("US", "Združene države Amerike", "United States"),
        ("BA", "Bosna in Hercegovina", "Bosnia and Herzegovina"),
        ("RS", "Srbija", "Serbia"),
    ];
    NAMES
        .iter()
        .find(|(code, _, _)| *code == country.code())
        .map_or(country.code(), |(_, sl, en)| match lang {
            Language::Sl => sl,
            Language::En => en,
        })
}

/// `GET /portal/invoices`: the organisation's documents, newest first.
pub async fn invoices_page<D: Database>(
    app: &App<D>,
    lang: Language,
    caller: &Caller,
) -> Result<Handled> {
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
                html!("{}", title(lang, document.kind)),
                html!("{}", fmt::date(lang, document.issued_on)),
                html!("{}", eur(lang, document.amounts.net)),
                html!("{}", eur(lang, document.amounts.vat)),
                html!("{}", eur(lang, document.amounts.total_due)),
                html!(
                    "<a href=\"/portal/invoices/{}/xml\">{}</a>",
                    record.id,
                    m::document_ubl_xml(lang)
                ),
            ]
        })
        .collect();
    let body = table_or(
        m::document_invoices_caption(lang),
        m::document_invoices_none(lang),
        &[
            m::document_col_number(lang),
            m::document_col_kind(lang),
            m::document_col_date(lang),
            m::document_col_net(lang),
            m::document_col_vat(lang),
            m::document_col_total(lang),
            m::document_col_e_invoice(lang),
        ],
        &rows,
    );
    Ok(page_in(
        lang,
        Area::Customer,
        200,
        m::document_invoices_title(lang),
        body,
    )
    .into())
}

/// `GET /portal/invoices/{invoice_id}`: the document as it prints on A4.
pub async fn invoice_page<D: Database>(
    app: &App<D>,
    lang: Language,
    caller: &Caller,
    invoice_id: &str,
) -> Result<Handled> {
    let record = match app.my_invoice(caller, invoice_id).await {
        Ok(record) => record,
        Err(error) => return refusal_page(lang, Area::Customer, error),
    };
    let document = &record.document;
    let heading = heading(lang, document.kind, &document.number.to_string());
    Ok(page_in(
        lang,
        Area::Customer,
        200,
        &heading,
        invoice_html(lang, &record),
    )
    .into())
}

/// `GET /portal/invoices/{invoice_id}/xml`: the UBL file, for browsers,
/// which cannot ask the API for XML.
pub async fn invoice_xml<D: Database>(
    app: &App<D>,
    lang: Language,
    caller: &Caller,
    invoice_id: &str,
) -> Result<Handled> {
    match app.my_invoice(caller, invoice_id).await {
        Ok(record) => Ok(Response::from(billing::ubl_file(&record)).into()),
        Err(error) => refusal_page(lang, Area::Customer, error),
    }
}

/// A party's block: name, address, country and VAT number.
fn party_html(lang: Language, role: &str, id: &str, party: &Party) -> Html {
    let vat_id = party
        .vat_id
        .as_deref()
        .map(|vat_id| html!("<br>{}", m::document_vat_number(lang, vat_id)));
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
        country_name(lang, party.country),
        vat_id
    )
}

/// The Print button (shown by `assets/app.js`) and the hint for browsers
/// without the script, then `links`.
fn print_bar(lang: Language, hint: &str, links: Html) -> Html {
    html!(
        "<p class=\"no-print\"><button type=\"button\" data-print hidden>{}</button> {} {}</p>",
        m::document_print(lang),
        hint,
        links
    )
}

/// The printable document: parties, line, VAT breakdown, totals and how it
/// was paid, as the issued document states them.
fn invoice_html(lang: Language, record: &InvoiceRecord) -> Html {
    let document: &Document = &record.document;
    let amounts = &document.amounts;
    let seller = &document.seller;
    let credits = document.credits.as_ref().map(|credited| {
        html!(
            "<dt>{}</dt><dd id=\"credited-invoice\">{}</dd>",
            m::document_credits_invoice(lang),
            m::document_credited(
                lang,
                m::DocumentCredited {
                    number: &credited.number.to_string(),
                    date: &fmt::date(lang, credited.issued_on),
                }
            )
        )
    });
    let mention = document
        .exemption_in(lang)
        .map(|(code, text)| html!("<p id=\"vat-mention\">{} ({})</p>", text, code));
    let payment = match &document.payment {
        PaymentMeans::Card => m::document_paid_by_card(lang).to_owned(),
        PaymentMeans::CreditTransfer { reference } => m::document_paid_by_transfer(
            lang,
            m::DocumentPaidByTransfer {
                iban: &fmt::iban(&seller.iban),
                bic: &seller.bic,
                reference,
            },
        ),
    };
    let hint = match document.kind {
        Kind::Invoice => m::document_print_hint_invoice(lang),
        Kind::CreditNote => m::document_print_hint_credit_note(lang),
    };
    let links = html!(
        "<a href=\"/portal/invoices/{}/xml\">{}</a> · <a href=\"/portal/invoices\">{}</a>",
        record.id,
        m::document_download_xml(lang),
        m::document_all_invoices(lang)
    );
    html!(
        "<article class=\"invoice\" id=\"invoice\">{}\
         <div class=\"parties\">{}{}</div>\
         <dl class=\"invoice-facts\"><dt>{}</dt><dd id=\"invoice-number\">{}</dd>\
         <dt>{}</dt><dd id=\"issue-date\">{}</dd>{}\
         <dt>{}</dt><dd>{}</dd></dl>\
         <table class=\"invoice-lines\"><caption>{}</caption><thead><tr>\
         <th scope=\"col\">{}</th><th scope=\"col\" class=\"number\">{}</th>\
         <th scope=\"col\" class=\"number\">{}</th><th scope=\"col\" class=\"number\">{}</th>\
         </tr></thead><tbody><tr><td>{}</td><td class=\"number\">{}</td>\
         <td class=\"number\">{}</td><td class=\"number\">{}</td></tr></tbody></table>\
         <table class=\"invoice-vat\" id=\"vat-breakdown\"><caption>{}</caption><thead><tr>\
         <th scope=\"col\">{}</th><th scope=\"col\" class=\"number\">{}</th>\
         <th scope=\"col\" class=\"number\">{}</th><th scope=\"col\" class=\"number\">{}</th>\
         </tr></thead><tbody><tr><td>{} ({})</td><td class=\"number\">{}</td>\
         <td class=\"number\">{}</td><td class=\"number\">{}</td></tr></tbody></table>{}\
         <dl class=\"invoice-totals\" id=\"invoice-totals\"><dt>{}</dt><dd>{}</dd>\
         <dt>{}</dt><dd>{}</dd><dt>{}</dt><dd id=\"invoice-total\"><strong>{}</strong></dd>\
         <dt>{}</dt><dd>{}</dd></dl>\
         <p id=\"payment-means\">{}</p>\
         <p class=\"seller-account\">{} · IBAN {} · BIC {}</p></article>",
        print_bar(lang, hint, links),
        party_html(lang, m::document_seller(lang), "seller", &seller.party),
        party_html(lang, m::document_buyer(lang), "buyer", &document.buyer),
        m::document_number(lang),
        document.number.to_string(),
        m::document_issue_date(lang),
        fmt::date(lang, document.issued_on),
        credits,
        m::document_order(lang),
        document.order_reference(),
        m::document_lines(lang),
        m::document_item(lang),
        m::document_quantity(lang),
        m::document_unit_price_net(lang),
        m::document_net_amount(lang),
        m::document_item_name(lang),
        fmt::number(lang, i64::from(document.quantity)),
        eur(lang, document.unit_price),
        eur(lang, document.line_amount()),
        m::document_vat_breakdown(lang),
        m::document_category(lang),
        m::document_rate(lang),
        m::document_taxable(lang),
        m::document_col_vat(lang),
        category_name(lang, amounts.category),
        amounts.category.code(),
        rate(lang, amounts.rate),
        eur(lang, amounts.net),
        eur(lang, amounts.vat),
        mention,
        m::document_total_net(lang),
        eur(lang, amounts.net),
        m::document_total_vat(lang),
        eur(lang, amounts.vat),
        m::document_total(lang),
        eur(lang, amounts.total_due),
        m::document_amount_due(lang),
        m::document_amount_due_paid(lang, &eur(lang, Money::ZERO)),
        payment,
        seller.party.name,
        fmt::iban(&seller.iban),
        seller.bic,
    )
}

/// The VAT category as the breakdown names it.
fn category_name(lang: Language, category: VatCategory) -> &'static str {
    match category {
        VatCategory::Standard => m::document_category_standard(lang),
        VatCategory::ReverseCharge => m::document_category_reverse_charge(lang),
        VatCategory::NotSubject => m::document_category_not_subject(lang),
    }
}

/// Why an order was not zero-rated where it could have been, in words.
fn vat_note_text(lang: Language, note: VatNote) -> &'static str {
    match note {
        VatNote::DomesticNumber => m::document_vat_note_domestic_number(lang),
        VatNote::NumberOfAnotherCountry => m::document_vat_note_number_of_another_country(lang),
        VatNote::NoNumber => m::document_vat_note_no_number(lang),
        VatNote::NumberBeingChecked => m::document_vat_note_number_being_checked(lang),
        VatNote::NumberNotConfirmed => m::document_vat_note_number_not_confirmed(lang),
        VatNote::NameDiffers => m::document_vat_note_name_differs(lang),
    }
}

/// `GET /desk/invoices?from=&to=`: a period's documents with their totals
/// and the accountant's file; without a period, this month so far.
pub async fn desk_invoices_page<D: Database>(
    app: &App<D>,
    lang: Language,
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
        let body = period_form(lang, &typed("from"), &typed("to"), &errors);
        return Ok(page_in(
            lang,
            Area::DeskAs(staff.role),
            422,
            m::document_invoices_title(lang),
            body,
        )
        .into());
    };
    let (staff, records) = app.issued_invoices(caller, from, to).await?;
    let body = html!(
        "{}<p><a href=\"/desk/invoices.csv?from={}&amp;to={}\" download>{}</a> {}</p>{}",
        period_form(lang, &from.to_string(), &to.to_string(), &errors),
        from.to_string(),
        to.to_string(),
        m::document_desk_download_csv(lang),
        m::document_desk_csv_hint(lang),
        period_table(lang, from, to, &records)
    );
    Ok(page_in(
        lang,
        Area::DeskAs(staff.role),
        200,
        m::document_invoices_title(lang),
        body,
    )
    .into())
}

/// The period's GET form, so that a period's page can be bookmarked.
fn period_form(lang: Language, from: &str, to: &str, errors: &FieldErrors) -> Html {
    html!(
        "<form method=\"get\" action=\"/desk/invoices\">{}{}<button type=\"submit\">{}</button></form>",
        input("from", m::document_desk_from(lang), "date", from, errors, " required"),
        input("to", m::document_desk_to(lang), "date", to, errors, " required"),
        m::document_desk_show(lang)
    )
}

/// The documents of a period and their sums: credit notes count against
/// invoices.
fn period_table(lang: Language, from: NaiveDate, to: NaiveDate, records: &[InvoiceRecord]) -> Html {
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
                html!("{}", fmt::date(lang, document.issued_on)),
                html!("{}", title(lang, document.kind)),
                html!("{}", document.buyer.name),
                html!("{}", document.buyer.vat_id.as_deref().unwrap_or("")),
                html!(
                    "{}{}",
                    amounts.category.code(),
                    record.vat_note.map_or(Html::EMPTY, |note| html!(
                        "<br><small class=\"vat-note\" data-vat-note=\"{}\">{}</small>",
                        note.as_str(),
                        vat_note_text(lang, note)
                    ))
                ),
                html!("{}", eur(lang, amounts.net)),
                html!("{}", eur(lang, amounts.vat)),
                html!("{}", eur(lang, amounts.total_due)),
            ]
        })
        .collect();
    let caption = m::document_desk_caption(
        lang,
        m::DocumentDeskCaption {
            from: &fmt::date(lang, from),
            to: &fmt::date(lang, to),
        },
    );
    let sum_row = |label: &str, sums: [Money; 3]| {
        html!(
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
            label,
            eur(lang, sums[0]),
            eur(lang, sums[1]),
            eur(lang, sums[2])
        )
    };
    html!(
        "{}<table id=\"invoice-totals\"><caption>{}</caption><thead><tr>\
         <th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
         <th scope=\"col\">{}</th></tr></thead><tbody>{}{}</tbody></table>",
        table_or(
            &caption,
            m::document_desk_none(lang),
            &[
                m::document_col_number(lang),
                m::document_col_date(lang),
                m::document_col_kind(lang),
                m::document_col_buyer(lang),
                m::document_col_buyer_vat(lang),
                m::document_col_vat_category(lang),
                m::document_col_net(lang),
                m::document_col_vat(lang),
                m::document_col_gross(lang),
            ],
            &rows
        ),
        m::document_desk_totals(lang),
        m::document_desk_documents(lang),
        m::document_col_net(lang),
        m::document_col_vat(lang),
        m::document_col_gross(lang),
        sum_row(m::document_desk_invoices(lang), totals),
        sum_row(m::document_desk_credit_notes(lang), credited)
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

/// Text cut to the `max` characters a UPN field holds: the payer's name
/// and address on the slip are for the payer's eyes, so a long company
/// name is shortened rather than losing the code.
fn clip(text: &str, max: usize) -> String {
    text.trim().chars().take(max).collect()
}

/// `GET /portal/orders/{order_id}/pro-forma`: the printable pro-forma
/// (predračun) of a bank-transfer order of the caller's organisation, with
/// the seller's and the buyer's details, the lines with VAT, the RF
/// reference, the due date (the order's expiry), the EPC QR code and, for
/// a buyer in Slovenia, the UPN QR code. Another organisation's order is
/// not found; a card order, a paid or a closed one says what it is instead.
pub async fn pro_forma_page<D: Database>(
    app: &App<D>,
    lang: Language,
    caller: &Caller,
    order_id: &str,
    now: Instant,
) -> Result<Handled> {
    let (customer, record, documents) = match app.my_pro_forma(caller, order_id).await {
        Ok(found) => found,
        Err(error) => return refusal_page(lang, Area::Customer, error),
    };
    let order = &record.order;
    let number = record
        .number
        .as_ref()
        .map_or(order.id.as_str(), |n| n.as_str());
    let title = m::document_pro_forma_title(lang, number);
    let back = back_link(lang, &order.id);
    let notice = |text: &str, extra: Html| {
        html!(
            "<p id=\"pro-forma-notice\" role=\"status\" class=\"notice\">{}</p>{}<p>{}</p>",
            text,
            extra,
            back
        )
    };
    let payable = matches!(
        order.status_at(now),
        OrderStatus::AwaitingPayment | OrderStatus::PartiallyPaid
    );
    let body = match (
        order.method,
        order.status_at(now),
        &order.rf_reference,
        &app.config.bank_account,
    ) {
        (PaymentMethod::Card, _, _, _) => notice(m::document_pro_forma_card(lang), Html::EMPTY),
        (_, OrderStatus::Paid, _, _) => {
            let links: Html = documents
                .iter()
                .map(|document| {
                    html!(
                        "<li><a href=\"/portal/invoices/{}\">{}</a></li>",
                        document.id,
                        heading(
                            lang,
                            document.document.kind,
                            &document.document.number.to_string()
                        )
                    )
                })
                .collect();
            let list = if documents.is_empty() {
                Html::EMPTY
            } else {
                html!("<ul id=\"order-documents\">{}</ul>", links)
            };
            notice(m::document_pro_forma_paid(lang), list)
        }
        (_, OrderStatus::Review, _, _) => notice(m::document_pro_forma_review(lang), Html::EMPTY),
        (_, _, Some(reference), Some(account)) if payable => {
            pro_forma_html(lang, app, &customer.customer, &record, reference, account)
        }
        _ => notice(m::document_pro_forma_closed(lang), Html::EMPTY),
    };
    Ok(page_in(lang, Area::Customer, 200, &title, body).into())
}

/// The pro-forma itself, for an order still to be paid.
fn pro_forma_html<D>(
    lang: Language,
    app: &App<D>,
    organisation: &crate::store::CustomerRecord,
    record: &OrderRecord,
    reference: &crate::domain::rf::RfReference,
    account: &crate::app::BankAccount,
) -> Html {
    let order = &record.order;
    let number = record
        .number
        .as_ref()
        .map_or(order.id.as_str(), |n| n.as_str());
    let seller = &app.config.seller.party;
    let buyer = Party {
        name: organisation.company_name.clone(),
        street: organisation.street.clone(),
        postal_code: organisation.postal_code.clone(),
        city: organisation.city.clone(),
        country: order.buyer.country,
        vat_id: order.buyer.vat_id.clone(),
    };
    let issued = in_ljubljana(order.created_at).0.date();
    let due_day = in_ljubljana(order.expires_at).0.date();
    let amounts: &Amounts = &order.vat;
    let due = order.outstanding();
    let received = (order.received.cents() > 0).then(|| {
        html!(
            "<dt>{}</dt><dd id=\"received\">{}</dd><dt>{}</dt><dd id=\"still-due\"><strong>{}</strong></dd>",
            m::document_received(lang),
            eur(lang, order.received),
            m::document_still_due(lang),
            eur(lang, due)
        )
    });
    let exemption = amounts.category.exemption().map(|(code, _)| {
        html!(
            "<p id=\"vat-mention\">{} ({})</p>",
            mention(lang, amounts.category),
            code
        )
    });
    let epc_title = m::document_epc_title(lang);
    let epc = epc::payload(&epc::Transfer {
        bic: &account.bic,
        beneficiary: &account.beneficiary,
        iban: &account.iban,
        amount: due,
        reference,
    })
    .and_then(|payload| epc::qr_svg(&payload, epc_title))
    .ok()
    .map(|svg| {
        html!(
            "<figure class=\"qr\">{}<figcaption>{}</figcaption></figure>",
            svg,
            epc_title
        )
    });
    let upn = (order.buyer.country.code() == "SI")
        .then(|| {
            let payer_place = format!("{} {}", buyer.postal_code.trim(), buyer.city.trim());
            let recipient_place = format!("{} {}", seller.postal_code.trim(), seller.city.trim());
            let (payer_name, payer_street) = (clip(&buyer.name, 33), clip(&buyer.street, 33));
            let payer_place = clip(&payer_place, 33);
            let (recipient_name, recipient_street) =
                (clip(&account.beneficiary, 33), clip(&seller.street, 33));
            let recipient_place = clip(&recipient_place, 33);
            let purpose = clip(&m::document_upn_purpose(lang, number), 42);
            let upn_title = m::document_upn_title(lang);
            upn::qr_svg(
                &upn::Order {
                    payer: upn::Party {
                        name: &payer_name,
                        street: &payer_street,
                        place: &payer_place,
                    },
                    recipient: upn::Party {
                        name: &recipient_name,
                        street: &recipient_street,
                        place: &recipient_place,
                    },
                    recipient_iban: &account.iban,
                    reference,
                    amount: due,
                    purpose_code: upn::PURPOSE_SERVICES,
                    purpose: &purpose,
                    deadline: due_day,
                },
                upn_title,
            )
            .ok()
            .map(|svg| {
                html!(
                    "<figure class=\"qr\">{}<figcaption>{}</figcaption></figure>",
                    svg,
                    upn_title
                )
            })
        })
        .flatten();
    let instruction = m::document_payment_instruction(
        lang,
        m::DocumentPaymentInstruction {
            amount: &eur(lang, due),
            date: &fmt::date(lang, due_day),
            reference: &reference.grouped(),
        },
    );
    html!(
        "<article class=\"invoice pro-forma\" id=\"pro-forma\">{}\
         <div class=\"parties\">{}{}</div>\
         <dl class=\"invoice-facts\"><dt>{}</dt><dd id=\"order-number\">{}</dd>\
         <dt>{}</dt><dd id=\"issue-date\">{}</dd>\
         <dt>{}</dt><dd id=\"due-date\">{}</dd>\
         <dt>{}</dt><dd id=\"rf-reference\" class=\"reference\">{}</dd></dl>\
         <table class=\"invoice-lines\"><caption>{}</caption><thead><tr>\
         <th scope=\"col\">{}</th><th scope=\"col\" class=\"number\">{}</th>\
         <th scope=\"col\" class=\"number\">{}</th><th scope=\"col\" class=\"number\">{}</th>\
         <th scope=\"col\" class=\"number\">{}</th><th scope=\"col\" class=\"number\">{}</th>\
         </tr></thead><tbody><tr><td>{}</td><td class=\"number\">{}</td>\
         <td class=\"number\">{}</td><td class=\"number\">{}</td>\
         <td class=\"number\">{} ({})</td><td class=\"number\">{}</td></tr></tbody></table>{}\
         <dl class=\"invoice-totals\" id=\"pro-forma-totals\"><dt>{}</dt><dd id=\"total-net\">{}</dd>\
         <dt>{}</dt><dd id=\"total-vat\">{}</dd>\
         <dt>{}</dt><dd id=\"total-due\"><strong>{}</strong></dd>{}</dl>\
         <section class=\"payment\" aria-labelledby=\"payment-heading\">\
         <h2 id=\"payment-heading\">{}</h2><p id=\"payment-instruction\">{}</p>\
         <dl><dt>{}</dt><dd id=\"beneficiary\">{}</dd><dt>IBAN</dt><dd id=\"iban\">{}</dd>\
         <dt>BIC</dt><dd id=\"bic\">{}</dd><dt>{}</dt><dd>{}</dd></dl>\
         <p>{}</p><div class=\"qr-codes\">{}{}</div></section>\
         <p id=\"pro-forma-note\">{}</p></article>",
        print_bar(
            lang,
            m::document_print_hint_pro_forma(lang),
            back_link(lang, &order.id)
        ),
        party_html(lang, m::document_seller(lang), "seller", seller),
        party_html(lang, m::document_buyer(lang), "buyer", &buyer),
        m::document_order(lang),
        number,
        m::document_issue_date(lang),
        fmt::date(lang, issued),
        m::document_due_date(lang),
        fmt::date(lang, due_day),
        m::document_reference(lang),
        reference.grouped(),
        m::document_lines(lang),
        m::document_item(lang),
        m::document_quantity(lang),
        m::document_unit_price_net(lang),
        m::document_net_amount(lang),
        m::document_rate(lang),
        m::document_vat_amount(lang),
        m::document_item_name(lang),
        fmt::number(lang, i64::from(order.quantity.get())),
        eur(lang, order.unit_price),
        eur(lang, amounts.net),
        rate(lang, amounts.rate),
        amounts.category.code(),
        eur(lang, amounts.vat),
        exemption,
        m::document_total_net(lang),
        eur(lang, amounts.net),
        m::document_total_vat(lang),
        eur(lang, amounts.vat),
        m::document_total_due(lang),
        eur(lang, amounts.total_due),
        received,
        m::document_payment_heading(lang),
        instruction,
        m::document_beneficiary(lang),
        account.beneficiary,
        account.iban.grouped(),
        account.bic.as_str(),
        m::document_reference(lang),
        reference.grouped(),
        m::document_scan(lang),
        epc,
        upn,
        m::document_pro_forma_not_invoice(lang),
    )
}

/// The link back to the order's page.
fn back_link(lang: Language, order_id: &str) -> Html {
    html!(
        "<a href=\"/portal/orders/{}\">{}</a>",
        order_id,
        m::document_back_to_order(lang)
    )
}

/// The order page's link to its pro-forma: a bank-transfer order's only.
pub(crate) fn pro_forma_link(lang: Language, order: &crate::domain::order::Order) -> Html {
    if order.method != PaymentMethod::BankTransfer || order.rf_reference.is_none() {
        return Html::EMPTY;
    }
    html!(
        "<p><a id=\"pro-forma-link\" href=\"/portal/orders/{}/pro-forma\">{}</a></p>\n",
        order.id,
        m::document_pro_forma_link(lang)
    )
}
