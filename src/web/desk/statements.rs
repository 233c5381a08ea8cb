//! Bank statements: the upload and its report, and unmatched transfers matched by hand.

use super::*;

pub(crate) fn upload_form() -> Html {
    html!("<form method=\"post\" action=\"/desk/statements\" enctype=\"multipart/form-data\">\
     <p><label for=\"statement\">Bank statement (camt.053, camt.054 or CSV)</label>\
     <input id=\"statement\" name=\"statement\" type=\"file\" accept=\".xml,.csv,text/xml,application/xml,text/csv\" required></p>\
     <button type=\"submit\">Upload</button></form>")
}

/// A clerk's search for one entry's order: the entry, what was typed, and
/// the orders found.
pub(crate) type OrderSearch<'a> = (&'a str, &'a str, &'a [(crate::store::OrderRecord, String)]);

/// The unmatched transfers, each with a search for its order (by number,
/// amount, company or RF reference) and, for the entry searched, the orders
/// found with a Match button each: no id is typed.
pub(crate) fn unmatched_html(
    entries: &[crate::store::BankEntryRecord],
    search: Option<OrderSearch>,
) -> Html {
    let rows: Vec<Vec<Html>> = entries
        .iter()
        .map(|e| {
            let id = &e.id;
            let (typed, found) = match search {
                Some((entry, q, found)) if entry == id => (q, Some(found)),
                _ => ("", None),
            };
            let candidates = match found {
                None => Html::EMPTY,
                Some([]) => html!("<p role=\"status\">No open order matches “{}”.</p>", typed),
                Some(found) => {
                    let items: Html = found
                        .iter()
                        .map(|(record, company)| {
                            let o = &record.order;
                            let number = record.number.as_ref().map_or(o.id.as_str(), |n| n.as_str());
                            html!(
                                "<li><form method=\"post\" action=\"/desk/bank-entries/{}/match\" class=\"inline\">\
                                 <input type=\"hidden\" name=\"order_id\" value=\"{}\">\
                                 {} · {} · {} EUR due, {} EUR received · {} · {} \
                                 <button type=\"submit\" aria-label=\"Match to order {} of {}\">Match</button></form></li>",
                                id,
                                o.id,
                                company,
                                number,
                                o.vat.total_due,
                                o.received,
                                o.rf_reference.as_ref().map(|r| r.to_string()).unwrap_or_default(),
                                status_text(UNTRANSLATED, o.status.as_str()),
                                number,
                                company
                            )
                        })
                        .collect();
                    html!("<ul class=\"plain candidates\">{}</ul>", items)
                }
            };
            vec![
                html!("{}", e.booking_date.as_deref().unwrap_or("")),
                html!(
                    "{} {}",
                    Money::from_cents(e.amount_cents).unwrap_or_default(),
                    e.currency
                ),
                html!("{}", e.reference.as_deref().unwrap_or("")),
                html!("{}", e.remitter.as_deref().unwrap_or("")),
                html!(
                    "<form method=\"get\" action=\"/desk/statements\" class=\"inline\">\
                     <input type=\"hidden\" name=\"entry\" value=\"{}\">\
                     <label for=\"find-{}\">Find the order: number, amount, company or reference</label> \
                     <input id=\"find-{}\" name=\"q\" type=\"search\" value=\"{}\" minlength=\"2\" required> \
                     <button type=\"submit\">Find</button></form>{}",
                    id,
                    id,
                    id,
                    typed,
                    candidates
                ),
            ]
        })
        .collect();
    table(
        UNTRANSLATED,
        "Unmatched transfers",
        &[
            "Booked",
            "Amount",
            "Reference",
            "Remitter",
            "Match to an order",
        ],
        &rows,
    )
}

/// `GET /desk/statements?entry=&q=`: the upload, the unmatched transfers,
/// and the orders found for the entry searched.
pub async fn statements_page<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
) -> Result<Handled> {
    let entry = request.query_param("entry");
    let q = request.query_param("q").unwrap_or_default();
    let terms = entry
        .as_ref()
        .and_then(|_| crate::domain::search::SearchTerms::parse(&q));
    let (staff, entries, found) = app
        .unmatched_with_candidates(caller, terms.as_ref())
        .await?;
    let desk = Area::DeskAs(staff.role);
    let search = match (&entry, &terms) {
        (Some(entry), Some(_)) => Some((entry.as_str(), q.as_str(), found.as_slice())),
        _ => None,
    };
    let body = html!("{}\n{}", upload_form(), unmatched_html(&entries, search));
    Ok(page_in(UNTRANSLATED, desk, 200, "Bank statements", body).into())
}

/// The file part named `name` of a `multipart/form-data` body.
pub(crate) fn multipart_file<'a>(request: &'a Request, name: &str) -> Option<&'a [u8]> {
    let part = crate::http::multipart::field(request.header("content-type")?, &request.body, name)?;
    Some(part.body)
}

pub async fn upload_statement<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    same_origin(app, request)?;
    let Some(file) = multipart_file(request, "statement") else {
        app.identify(caller).await?;
        return Ok(problem_page(
            UNTRANSLATED,
            Area::Desk,
            ApiError::MalformedBody("Choose a bank statement file to upload.".into()),
        ));
    };
    let xml = file
        .iter()
        .find(|b| !b.is_ascii_whitespace() && **b != 0xEF && **b != 0xBB && **b != 0xBF)
        == Some(&b'<');
    let upload = if xml {
        Upload::Camt(file)
    } else {
        Upload::Csv(file)
    };
    let (imported, jobs) = match app.import_statement(caller, upload, now, entropy).await {
        Ok(imported) => imported,
        Err(error) => return refusal_page(UNTRANSLATED, Area::Desk, error),
    };
    let (desk, report) = (Area::DeskAs(imported.staff.role), &imported.report);
    let c = &report.counts;
    let rows: Vec<Vec<Html>> = report
        .lines
        .iter()
        .map(|l| {
            vec![
                html!("{}", l.index + 1),
                html!("{}", status_text(UNTRANSLATED, l.outcome.as_str())),
                html!("{} {}", l.amount, l.currency),
                html!("{}", l.reference.as_deref().unwrap_or("")),
                html!(
                    "{}",
                    l.order_number
                        .as_deref()
                        .or(l.order_id.as_deref())
                        .unwrap_or("")
                ),
                html!("{}", l.detail),
            ]
        })
        .collect();
    let body = html!(
        "<p id=\"report-counts\" role=\"status\">{} entries: {} matched, {} partial, {} overpaid, {} unmatched, {} duplicates, {} ignored.</p>\n{}\n{}\n{}",
        c.entries,
        c.matched,
        c.partial,
        c.overpaid,
        c.unmatched,
        c.duplicates,
        c.ignored,
        table(UNTRANSLATED, "Entries", &["#", "Outcome", "Amount", "Reference", "Order", "Detail"], &rows),
        unmatched_html(&imported.unmatched, None),
        upload_form()
    );
    Ok(Handled::with_jobs(
        page_in(UNTRANSLATED, desk, 200, "Reconciliation report", body),
        jobs,
    ))
}

pub async fn match_entry<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = form(request)?;
    let order_id = object
        .get("order_id")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
        .to_owned();
    match app
        .match_bank_entry(caller, id, &order_id, now, entropy)
        .await
    {
        Ok((_, jobs)) => Ok(Handled::with_jobs(
            Response::redirect("/desk/statements"),
            jobs,
        )),
        Err(error) => refusal_page(UNTRANSLATED, Area::Desk, error),
    }
}
