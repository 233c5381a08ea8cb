//! Bank statements: the upload and its report, and unmatched transfers matched by hand.

use super::*;

pub(crate) fn upload_form(lang: Language) -> Html {
    html!(
        "<form method=\"post\" action=\"/desk/statements\" enctype=\"multipart/form-data\">\
         <p><label for=\"statement\">{}</label>\
         <input id=\"statement\" name=\"statement\" type=\"file\" accept=\".xml,.csv,text/xml,application/xml,text/csv\" required></p>\
         <button type=\"submit\">{}</button></form>",
        m::desk2_statements_file(lang),
        m::desk2_statements_upload(lang)
    )
}

/// An amount a bank stated (`61.00`, in `currency`), as the reader writes
/// euros; another currency or more decimals as the bank gave them.
fn stated_amount(lang: Language, amount: &str, currency: &str) -> String {
    match Money::parse(amount) {
        Ok(money) if currency.eq_ignore_ascii_case("EUR") => {
            crate::domain::format::money(lang, money.cents())
        }
        _ => format!("{amount} {currency}"),
    }
}

/// A report line's detail (the reconciliation's English sentence, which
/// the API keeps) in the reader's words; one this does not know as given.
pub(crate) fn detail_text(lang: Language, detail: &str) -> String {
    let euros = |text: &str| {
        Money::parse(text)
            .ok()
            .map(|m| crate::domain::format::money(lang, m.cents()))
    };
    let said = match detail {
        "" => Some(String::new()),
        "imported before" => Some(m::desk2_detail_imported_before(lang).to_owned()),
        "no order has this reference" => Some(m::desk2_detail_no_order(lang).to_owned()),
        "a debit" => Some(m::desk2_detail_debit(lang).to_owned()),
        "a reversal" => Some(m::desk2_detail_reversal(lang).to_owned()),
        "not booked" => Some(m::desk2_detail_not_booked(lang).to_owned()),
        "not an amount of whole cents the portal can hold" => {
            Some(m::desk2_detail_not_cents(lang).to_owned())
        }
        "paid in full" => Some(m::desk2_detail_paid(lang).to_owned()),
        other => None
            .or_else(|| {
                let currency = other.strip_prefix("in ")?.strip_suffix(", not EUR")?;
                Some(m::desk2_detail_not_eur(lang, currency))
            })
            .or_else(|| {
                let excess = other
                    .strip_prefix("paid in full; ")?
                    .strip_suffix(" over the total due, to refund")?;
                Some(m::desk2_detail_overpaid(lang, &euros(excess)?))
            })
            .or_else(|| {
                let (status, excess) = other
                    .strip_prefix("the order is ")?
                    .strip_suffix(" to refund")?
                    .split_once("; ")?;
                Some(m::desk2_detail_surplus(
                    lang,
                    m::Desk2DetailSurplus {
                        status: status_text(lang, status).as_str(),
                        excess: &euros(excess)?,
                    },
                ))
            })
            .or_else(|| {
                let (received, due) = other.strip_suffix(" received")?.split_once(" of ")?;
                Some(m::desk2_detail_partial(
                    lang,
                    m::Desk2DetailPartial {
                        received: &euros(received)?,
                        due: &euros(due)?,
                    },
                ))
            }),
    };
    said.unwrap_or_else(|| detail.to_owned())
}

/// A clerk's search for one entry's order: the entry, what was typed, and
/// the orders found.
pub(crate) type OrderSearch<'a> = (&'a str, &'a str, &'a [(crate::store::OrderRecord, String)]);

/// The unmatched transfers, each with a search for its order (by number,
/// amount, company or RF reference) and, for the entry searched, the orders
/// found with a Match button each: no id is typed.
pub(crate) fn unmatched_html(
    lang: Language,
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
                Some([]) => html!(
                    "<p role=\"status\">{}</p>",
                    m::desk2_statements_no_order(lang, typed)
                ),
                Some(found) => {
                    let items: Html = found
                        .iter()
                        .map(|(record, company)| {
                            let o = &record.order;
                            let number = record.number.as_ref().map_or(o.id.as_str(), |n| n.as_str());
                            html!(
                                "<li><form method=\"post\" action=\"/desk/bank-entries/{}/match\" class=\"inline\">\
                                 <input type=\"hidden\" name=\"order_id\" value=\"{}\">\
                                 {} · {} · {} · {} · {} \
                                 <button type=\"submit\" aria-label=\"{}\">{}</button></form></li>",
                                id,
                                o.id,
                                company,
                                number,
                                m::desk2_statements_due_received(
                                    lang,
                                    m::Desk2StatementsDueReceived {
                                        due: &crate::domain::format::money(lang, o.vat.total_due.cents()),
                                        received: &crate::domain::format::money(lang, o.received.cents()),
                                    }
                                ),
                                o.rf_reference.as_ref().map(|r| r.to_string()).unwrap_or_default(),
                                status_text(lang, o.status.as_str()),
                                m::desk2_statements_match_name(
                                    lang,
                                    m::Desk2StatementsMatchName { number, company }
                                ),
                                m::desk2_statements_match(lang)
                            )
                        })
                        .collect();
                    html!("<ul class=\"plain candidates\">{}</ul>", items)
                }
            };
            vec![
                html!(
                    "{}",
                    e.booking_date.as_deref().map(|d| day(lang, d)).unwrap_or_default()
                ),
                html!(
                    "{}",
                    if e.currency.eq_ignore_ascii_case("EUR") {
                        crate::domain::format::money(lang, e.amount_cents)
                    } else {
                        format!(
                            "{} {}",
                            Money::from_cents(e.amount_cents).unwrap_or_default(),
                            e.currency
                        )
                    }
                ),
                html!("{}", e.reference.as_deref().unwrap_or("")),
                html!("{}", e.remitter.as_deref().unwrap_or("")),
                html!(
                    "<form method=\"get\" action=\"/desk/statements\" class=\"inline\">\
                     <input type=\"hidden\" name=\"entry\" value=\"{}\">\
                     <label for=\"find-{}\">{}</label> \
                     <input id=\"find-{}\" name=\"q\" type=\"search\" value=\"{}\" minlength=\"2\" required> \
                     <button type=\"submit\">{}</button></form>{}",
                    id,
                    id,
                    m::desk2_statements_find_label(lang),
                    id,
                    typed,
                    m::desk2_statements_find(lang),
                    candidates
                ),
            ]
        })
        .collect();
    table(
        lang,
        m::desk2_statements_unmatched_caption(lang),
        &[
            m::desk2_statements_booked(lang),
            m::desk2_statements_amount(lang),
            m::desk2_statements_reference(lang),
            m::desk2_statements_remitter(lang),
            m::desk2_statements_match_column(lang),
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
    lang: Language,
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
    let body = html!(
        "{}\n{}",
        upload_form(lang),
        unmatched_html(lang, &entries, search)
    );
    Ok(page_in(lang, desk, 200, m::desk2_statements_title(lang), body).into())
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
    lang: Language,
) -> Result<Handled> {
    same_origin(app, request)?;
    let Some(file) = multipart_file(request, "statement") else {
        app.identify(caller).await?;
        return Ok(problem_page(
            lang,
            Area::Desk,
            ApiError::MalformedBody(m::desk2_statements_choose_file(lang).into()),
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
        Err(error) => return refusal_page(lang, Area::Desk, error),
    };
    let (desk, report) = (Area::DeskAs(imported.staff.role), &imported.report);
    let c = &report.counts;
    let rows: Vec<Vec<Html>> = report
        .lines
        .iter()
        .map(|l| {
            vec![
                html!("{}", l.index + 1),
                html!("{}", status_text(lang, l.outcome.as_str())),
                html!("{}", stated_amount(lang, &l.amount, &l.currency)),
                html!("{}", l.reference.as_deref().unwrap_or("")),
                html!(
                    "{}",
                    l.order_number
                        .as_deref()
                        .or(l.order_id.as_deref())
                        .unwrap_or("")
                ),
                html!("{}", detail_text(lang, &l.detail)),
            ]
        })
        .collect();
    let count = |n: usize| crate::domain::format::number(lang, n as i64);
    let counts = m::desk2_statements_counts(
        lang,
        m::Desk2StatementsCounts {
            entries: c.entries as i64,
            matched: &count(c.matched),
            partial: &count(c.partial),
            overpaid: &count(c.overpaid),
            unmatched: &count(c.unmatched),
            duplicates: &count(c.duplicates),
            ignored: &count(c.ignored),
        },
    );
    let body = html!(
        "<p id=\"report-counts\" role=\"status\">{}</p>\n{}\n{}\n{}",
        counts,
        table(
            lang,
            m::desk2_statements_entries_caption(lang),
            &[
                m::desk2_statements_index(lang),
                m::desk2_statements_outcome(lang),
                m::desk2_statements_amount(lang),
                m::desk2_statements_reference(lang),
                m::desk2_statements_order(lang),
                m::desk2_statements_detail(lang),
            ],
            &rows
        ),
        unmatched_html(lang, &imported.unmatched, None),
        upload_form(lang)
    );
    Ok(Handled::with_jobs(
        page_in(
            lang,
            desk,
            200,
            m::desk2_statements_report_title(lang),
            body,
        ),
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
    lang: Language,
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
        Err(error) => refusal_page(lang, Area::Desk, error),
    }
}
