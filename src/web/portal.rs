//! The customer portal: account overview, coupons and orders, support and
//! incidents, activation, the organisation's contacts and the profile.

use super::prelude::*;
use crate::app::{AccessError, BillingError, NewIncident};
use crate::domain::language::Language;
use crate::domain::order::Pricing;
use crate::web::forms::language_select;

pub async fn portal<D: Database>(
    app: &App<D>,
    caller: &crate::app::Caller,
    now: Instant,
) -> Result<Handled> {
    let overview = app.overview(caller).await?;
    let profile = &overview.profile;
    let c = &profile.principal.customer;
    let mut html = html!(
        "<p>{} · {}</p>\n<section aria-labelledby=\"balance-heading\"><h2 id=\"balance-heading\">Support balance</h2>\
         <p id=\"coupon-balance\" class=\"balance\">{} coupon(s), {} minutes of direct support</p>\
         <p><a href=\"/portal/coupons\">Buy coupons</a> · <a href=\"/support\">Request support</a></p></section>\n",
        profile.principal.contact.name,
        c.company_name,
        profile.coupon_balance,
        profile.minutes_available
    );
    let ledger: Vec<Vec<Html>> = overview
        .records
        .ledger
        .iter()
        .map(|line| {
            vec![
                when(UNTRANSLATED, line.created_at),
                html!("{}", entry_label(UNTRANSLATED, line.kind)),
                html!("{}", line.coupons),
                html!(
                    "{}",
                    line.order_number
                        .as_deref()
                        .or(line.incident_number.as_deref())
                        .or(line.reason.as_deref())
                        .unwrap_or("")
                ),
            ]
        })
        .collect();
    html.push(table(
        UNTRANSLATED,
        "Coupon ledger, newest first",
        &["When", "Entry", "Coupons", "For"],
        &ledger,
    ));
    let orders: Vec<Vec<Html>> = overview
        .orders
        .iter()
        .map(|r| {
            vec![
                html!(
                    "<a href=\"/portal/orders/{}\">{}</a>",
                    r.order.id,
                    r.number
                        .as_ref()
                        .map_or(r.order.id.as_str(), |n| n.as_str())
                ),
                html!("{}", r.order.quantity.get()),
                html!("EUR {}", r.order.vat.total_due),
                status_text(UNTRANSLATED, r.order.status_at(now).as_str()),
            ]
        })
        .collect();
    html.push(table(
        UNTRANSLATED,
        "Orders",
        &["Order", "Coupons", "Total due", "Status"],
        &orders,
    ));
    let mut licenses = Vec::new();
    for held in &overview.records.licenses {
        let license = &held.license;
        let active = held.activations.len();
        let sups = held
            .subscriptions
            .iter()
            .filter_map(crate::app::coverage_of)
            .max_by_key(|c| c.until)
            .map_or(html!("none"), |c| {
                html!("until {}", c.last_day().to_string())
            });
        licenses.push(vec![
            html!("{}", license.serial),
            html!(
                "{}",
                format!(
                    "{} {} {}",
                    license.product, license.edition, license.major_version
                )
            ),
            html!("{} of {}", active, license.installations),
            sups,
        ]);
    }
    html.push(table(
        UNTRANSLATED,
        "Licenses",
        &["Serial", "Product", "Activated", "SUPS"],
        &licenses,
    ));
    let incidents: Vec<Vec<Html>> = overview
        .records
        .incidents
        .iter()
        .map(|i| {
            vec![
                html!(
                    "<a href=\"/portal/incidents/{}\">{} {}</a>",
                    i.id,
                    i.title(),
                    i.subject
                ),
                status_text(UNTRANSLATED, i.callback.status.as_str()),
                when(UNTRANSLATED, i.callback.due_by),
            ]
        })
        .collect();
    html.push(table(
        UNTRANSLATED,
        "Support incidents",
        &["Subject", "Status", "Call by"],
        &incidents,
    ));
    Ok(page_in(
        UNTRANSLATED,
        Area::Customer,
        200,
        "Your support account",
        html,
    )
    .into())
}

pub(crate) fn coupon_form(
    pricing: &Pricing,
    values: &Map<String, Value>,
    errors: &FieldErrors,
) -> Html {
    let quantity = values
        .get("quantity")
        .and_then(Value::as_str)
        .unwrap_or("1");
    let card = values.get("payment_method").and_then(Value::as_str) == Some("card");
    let (card, bank) = if card {
        (" checked", "")
    } else {
        ("", " checked")
    };
    let error = error_for(errors, "payment_method").map_or(Html::EMPTY, |e| {
        html!("<p class=\"field-error\" role=\"alert\">{}</p>", e)
    });
    let unit = pricing
        .treatment
        .apply(crate::domain::order::unit_price(pricing.sups_active));
    html!(
        "<p>One coupon buys 15 minutes of direct support: EUR {} net for you today \
         (<span id=\"unit-vat\">{}</span>; EUR <span id=\"unit-gross\">{}</span> with VAT).</p>\n{}\
         <form method=\"post\" action=\"/portal/coupons\">\n{}\
         <fieldset><legend>Payment</legend>\n\
         <p><input type=\"radio\" id=\"pay-card\" name=\"payment_method\" value=\"card\"{}> <label for=\"pay-card\">Card</label></p>\n\
         <p><input type=\"radio\" id=\"pay-bank\" name=\"payment_method\" value=\"bank_transfer\"{}> <label for=\"pay-bank\">Bank transfer</label></p>\n\
         </fieldset>{}\n<button type=\"submit\">Order</button>\n</form>",
        unit.net,
        unit.vat_line(),
        unit.total_due,
        vat_note_html(pricing.buyer.vat_note),
        input("quantity", "Coupons", "number", quantity, errors, " min=\"1\" max=\"200\" required"),
        card,
        bank,
        error
    )
}

pub async fn coupons_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    now: Instant,
) -> Result<Handled> {
    let (_, pricing) = app.pricing(caller, now).await?;
    let body = coupon_form(&pricing, &Map::new(), &FieldErrors::default());
    Ok(page_in(
        UNTRANSLATED,
        Area::Customer,
        200,
        "Buy support coupons",
        body,
    )
    .into())
}

pub async fn order_coupons<D: Database, P: PaymentProvider>(
    app: &App<D>,
    provider: Option<&P>,
    request: &Request,
    caller: &Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = form(request)?;
    let mut fields = Fields::new(&object);
    let quantity = fields.parse("quantity", |t| {
        t.trim()
            .parse::<i64>()
            .map_err(|_| Invalid::said("type", m::field_whole_number))
            .and_then(Quantity::parse)
    });
    let method = fields.parse("payment_method", PaymentMethod::parse);
    let (Some(quantity), Some(method)) = (quantity, method) else {
        let (_, pricing) = app.pricing(caller, now).await?;
        let body = coupon_form(&pricing, &object, &fields.errors);
        return Ok(page_in(
            UNTRANSLATED,
            Area::Customer,
            422,
            "Buy support coupons",
            body,
        )
        .into());
    };
    match app
        .place_order(caller, quantity, method, provider, now, entropy)
        .await
    {
        Ok(placed) => {
            let location = placed
                .record
                .checkout_url
                .clone()
                .unwrap_or_else(|| format!("/portal/orders/{}", placed.record.order.id));
            Ok(Handled::with_jobs(
                Response::redirect(&location),
                placed.jobs,
            ))
        }
        Err(
            error
            @ (AppError::Unavailable(_) | AppError::Billing(BillingError::PaymentProvider(_))),
        ) => Ok(problem_page(UNTRANSLATED, Area::Customer, error.into())),
        Err(other) => Err(other.into()),
    }
}

pub(crate) fn bank_transfer_html<D>(app: &App<D>, record: &OrderRecord) -> Html {
    let order = &record.order;
    let (Some(reference), Some(account)) = (&order.rf_reference, &app.config.bank_account) else {
        return Html::EMPTY;
    };
    let due = order.outstanding();
    let qr = crate::domain::epc::payload(&crate::domain::epc::Transfer {
        bic: &account.bic,
        beneficiary: &account.beneficiary,
        iban: &account.iban,
        amount: due,
        reference,
    })
    .and_then(|payload| {
        crate::domain::epc::qr_svg(
            &payload,
            "QR code for your banking app: the transfer filled in",
        )
    })
    .unwrap_or_default();
    html!(
        "<section aria-labelledby=\"transfer-heading\"><h2 id=\"transfer-heading\">Pay by bank transfer</h2>\n\
         <p>Quote this reference exactly, so that your payment finds your order:</p>\n\
         <p><span id=\"rf-reference\" class=\"reference\">{}</span> \
         <button type=\"button\" id=\"copy-reference\" data-copy=\"rf-reference\">Copy reference</button></p>\n\
         <dl><dt>Amount</dt><dd>EUR {}</dd><dt>Beneficiary</dt><dd>{}</dd><dt>IBAN</dt><dd>{}</dd><dt>BIC</dt><dd>{}</dd></dl>\n\
         <p>Or scan this code with your banking app:</p>\n<div class=\"qr\">{}</div></section>",
        reference.grouped(),
        due,
        account.beneficiary,
        account.iban.grouped(),
        account.bic.as_str(),
        qr
    )
}

/// An order, and where Stripe Checkout sends the customer back to
/// (`?checkout=success` or `?checkout=cancelled`): until Stripe's webhook
/// confirms the payment, the page says it is being confirmed.
pub async fn order_page<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    id: &str,
    now: Instant,
) -> Result<Handled> {
    let (record, documents) = match app.my_order_with_documents(caller, id).await {
        Ok(found) => found,
        Err(error @ AppError::NotFound) => {
            return Ok(problem_page(UNTRANSLATED, Area::Customer, error.into()))
        }
        Err(other) => return Err(other.into()),
    };
    let order = &record.order;
    let awaiting = order.status_at(now) == crate::domain::order::OrderStatus::AwaitingPayment;
    let notice = match request.query_param("checkout").as_deref() {
        Some("success") if awaiting => "<p id=\"checkout-notice\" role=\"status\" class=\"notice\">Thank you. Your payment is being confirmed: this page shows it as paid, and your coupons are credited, as soon as the card payment is confirmed to us, usually within a minute.</p>\n",
        Some("success") => "<p id=\"checkout-notice\" role=\"status\" class=\"notice\">Thank you. Your payment is confirmed.</p>\n",
        Some("cancelled") if awaiting => "<p id=\"checkout-notice\" role=\"status\" class=\"notice\">The card payment was cancelled and nothing was charged. You can pay by card again below, or <a href=\"/portal/coupons\">order anew</a> to pay by bank transfer.</p>\n",
        _ => "",
    };
    let mut html = Html::from_static(notice);
    html.push(html!(
        "<dl class=\"amounts\"><dt>{} coupon(s) at EUR {} (net)</dt><dd id=\"order-net\">EUR {}</dd>\
         <dt>VAT</dt><dd id=\"order-vat\">{}</dd>\
         <dt>Total due</dt><dd id=\"order-total-due\"><strong>EUR {}</strong></dd></dl>\n{}\
         <p>Status: <span id=\"order-status\" class=\"badge\">{}</span>. {}</p>\n",
        order.quantity.get(),
        order.unit_price,
        order.total,
        order.vat.vat_line(),
        order.vat.total_due,
        vat_note_html(order.buyer.vat_note),
        status_text(UNTRANSLATED, order.status_at(now).as_str()),
        order_state_html(&record, &documents, now)
    ));
    if let Some(url) = &record.checkout_url {
        if order.status_at(now) == crate::domain::order::OrderStatus::AwaitingPayment {
            html.push(html!("<p><a href=\"{}\">Pay by card</a></p>", url));
        }
    }
    html.push(bank_transfer_html(app, &record));
    html.push(super::invoices::pro_forma_link(UNTRANSLATED, order));
    if order.cancel(now).is_ok() {
        html.push(html!(
            "<form method=\"post\" action=\"/portal/orders/{}/cancel\" data-confirm=\"Cancel this order? Nothing more can be paid into it.\">\
             <button type=\"submit\" class=\"secondary\">Cancel the order</button></form>",
            order.id
        ));
    }
    let title = record
        .number
        .as_ref()
        .map_or(order.id.as_str(), |n| n.as_str());
    Ok(page_in(
        UNTRANSLATED,
        Area::Customer,
        200,
        &format!("Order {title}"),
        html,
    )
    .into())
}

/// What an order's state means for its reader: until when an open order
/// may be paid; when a paid one was paid, what it bought and its invoice;
/// when a cancelled one was closed.
fn order_state_html(
    record: &OrderRecord,
    documents: &[crate::store::InvoiceRecord],
    now: Instant,
) -> Html {
    use crate::domain::order::OrderStatus;
    let order = &record.order;
    match order.status_at(now) {
        OrderStatus::Paid => {
            let invoices: Html = documents
                .iter()
                .map(|d| {
                    let kind = match d.document.kind {
                        crate::domain::invoice::Kind::Invoice => "Invoice",
                        crate::domain::invoice::Kind::CreditNote => "Credit note",
                    };
                    html!(
                        " {} <a href=\"/portal/invoices/{}\">{}</a>.",
                        kind,
                        d.id,
                        d.document.number.to_string()
                    )
                })
                .collect();
            html!(
                "<span id=\"order-paid\">Paid {}: {} coupon(s) credited to your balance.</span>{}",
                record
                    .paid_at
                    .map_or(Html::EMPTY, |at| when(UNTRANSLATED, at)),
                order.quantity.get(),
                invoices
            )
        }
        OrderStatus::Cancelled | OrderStatus::Failed => {
            record.closed_at.map_or(Html::EMPTY, |at| {
                html!("Closed {}.", when(UNTRANSLATED, at))
            })
        }
        OrderStatus::Review => html!("Spica's finance team is checking the payment."),
        OrderStatus::Expired => html!(
            "Expired {}; a payment still arriving pays it.",
            when(UNTRANSLATED, order.expires_at)
        ),
        OrderStatus::AwaitingPayment | OrderStatus::PartiallyPaid => {
            html!("Open until {}.", when(UNTRANSLATED, order.expires_at))
        }
    }
}

/// The support request form, with what was typed when it comes back.
pub(crate) fn support_form(values: &Map<String, Value>, errors: &FieldErrors) -> Html {
    let value = |name: &str| values.get(name).and_then(Value::as_str).unwrap_or("");
    let channel_error = error_for(errors, "channel").map_or(Html::EMPTY, |e| {
        html!("<p class=\"field-error\" role=\"alert\">{}</p>", e)
    });
    html!(
        "<p>We call you back within 24 hours, most requests within 12. Support time is charged in started 15-minute increments, one coupon each.</p>\n\
         <form method=\"post\" action=\"/support\">\n{}{}{}{}{}{}<button type=\"submit\">Request support</button>\n</form>",
        input("subject", "Subject", "text", value("subject"), errors, " required maxlength=\"200\""),
        textarea_with("description", "What happened", value("description"), errors),
        select_with("channel", "channel", "How we should reach you", &channels(UNTRANSLATED), value("channel")),
        channel_error,
        input("phone", "Phone, with country code (required for a voice call)", "tel", value("phone"), errors, " autocomplete=\"tel\""),
        input("preferred_times", "Times that suit you", "text", value("preferred_times"), errors, "")
    )
}

/// The router admits only signed-in customers here.
pub fn support_page() -> Result<Handled> {
    Ok(page_in(
        UNTRANSLATED,
        Area::Customer,
        200,
        "Request direct support",
        support_form(&Map::new(), &FieldErrors::default()),
    )
    .into())
}

pub async fn request_support<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = form(request)?;
    let input = match NewIncident::parse(&object) {
        Ok(input) => input,
        Err(errors) => {
            app.identify(caller).await?;
            return Ok(page_in(
                UNTRANSLATED,
                Area::Customer,
                422,
                "Request direct support",
                support_form(&object, &errors),
            )
            .into());
        }
    };
    match app.open_incident(caller, input, now, entropy).await {
        Ok((incident, jobs)) => Ok(Handled::with_jobs(Response::redirect(&format!("/portal/incidents/{}", incident.id)), jobs)),
        Err(AppError::Billing(BillingError::PaymentRequired)) => Ok(page_in(UNTRANSLATED,
            Area::Customer,
            402,
            "Coupons needed",
            html!("<p role=\"alert\">Direct support needs at least one coupon. <a href=\"/portal/coupons\">Buy coupons</a>, then request support again.</p>"),
        )
        .into()),
        Err(other) => Err(other.into()),
    }
}

/// Text someone wrote in paragraphs, escaped, its line breaks and tabs
/// shown as written (the stylesheet's `.free-text` keeps white space).
pub(crate) fn free_text(text: &str) -> Html {
    html!("<span class=\"free-text\">{}</span>", text)
}

/// An incident's room on its page, the desk's (`staff`) or the customer's:
/// `assets/live.js` connects to `/live/incidents/{id}` and runs the call,
/// the chat, the meter; without the script the panel says what to do
/// instead. Live regions announce the call's state and each chat line.
pub(crate) fn live_panel(incident_id: &str, staff: bool) -> Html {
    let (party, without_script, controls, video_label, unreachable) = if staff {
        (
            "staff",
            "Calls in the browser need JavaScript: phone the customer and time the call below.",
            html!(
                "<p class=\"live-controls\"><input type=\"checkbox\" id=\"live-video\"> <label for=\"live-video\">With video</label> \
                 <button type=\"button\" id=\"live-ring\">Call in the browser</button> \
                 <button type=\"button\" id=\"live-chat-start\">Start chat session</button> \
                 <button type=\"button\" id=\"live-chat-end\" hidden>End chat session</button> \
                 <button type=\"button\" id=\"live-hangup\" hidden>Hang up</button></p>\n"
            ),
            "The customer's screen or camera",
            html!("<p id=\"live-unreachable\" class=\"notice\" hidden>The customer is not online; you may phone instead (Start a phone call below).</p>\n"),
        )
    } else {
        (
            "contact",
            "Calls in the browser need JavaScript; Spica support will phone you instead.",
            html!(
                "<div id=\"live-ring-banner\" class=\"live-ring\" hidden><p id=\"live-ring-text\">Spica support is calling you.</p>\
                 <p><button type=\"button\" id=\"live-accept\">Accept the call</button> \
                 <button type=\"button\" id=\"live-decline\" class=\"secondary\">Decline</button></p></div>\n\
                 <p class=\"live-controls\"><button type=\"button\" id=\"live-share\" hidden>Share my screen</button> \
                 <button type=\"button\" id=\"live-share-stop\" hidden>Stop sharing my screen</button> \
                 <button type=\"button\" id=\"live-hangup\" hidden>Hang up</button></p>\n"
            ),
            "Spica support's camera",
            Html::EMPTY,
        )
    };
    html!(
        "<section id=\"live\" class=\"live\" data-incident=\"{}\" data-party=\"{}\" aria-labelledby=\"live-heading\">\n\
         <h2 id=\"live-heading\">Live support</h2>\n\
         <p class=\"live-off\">{}</p>\n\
         <div class=\"live-on\" hidden>\n\
         <p id=\"live-presence\" role=\"status\">Connecting…</p>\n\
         {}{}\
         <p id=\"live-call-state\" role=\"status\" aria-live=\"assertive\"></p>\n\
         <p id=\"live-meter\" hidden>Elapsed <span id=\"live-elapsed\">0:00</span> · the incident will cost <span id=\"live-coupons\">0</span> coupon(s) in all</p>\n\
         <p id=\"live-warning\" class=\"field-error\" role=\"alert\" hidden></p>\n\
         <p id=\"live-session\" role=\"status\" hidden></p>\n\
         <video id=\"live-remote-video\" class=\"live-video\" autoplay playsinline muted aria-label=\"{}\" hidden></video>\n\
         <audio id=\"live-remote-audio\" autoplay></audio>\n\
         <h3 id=\"live-chat-heading\">Chat</h3>\n\
         <div id=\"live-chat-log\" class=\"live-chat\" role=\"log\" aria-live=\"polite\" aria-labelledby=\"live-chat-heading\"></div>\n\
         <form id=\"live-chat-form\" class=\"live-chat-form\"><label for=\"live-chat-text\">Chat message</label> \
         <input id=\"live-chat-text\" autocomplete=\"off\" maxlength=\"10000\"> <button type=\"submit\">Send</button></form>\n\
         </div>\n</section>\n",
        incident_id,
        party,
        without_script,
        unreachable,
        controls,
        video_label
    )
}

/// What the desk's attempt form and timeline call an attempt's note.
pub(crate) const INTERNAL_NOTE: &str = "Internal note, not shown to the customer";

/// An incident's timeline, for the customer's page and the desk's.
pub(crate) fn timeline_html(timeline: &Timeline) -> Html {
    let incident = &timeline.incident;
    let c = &incident.callback;
    let mut html = html!(
        "<p>Status: <span id=\"incident-status\" class=\"badge\">{}</span></p>\n\
         <dl><dt>Channel</dt><dd>{}</dd><dt>Call by</dt><dd>{}</dd><dt>Attempts</dt><dd>{} ({} failed in this window)</dd>{}</dl>\n\
         <p id=\"incident-description\" class=\"free-text\">{}</p>\n{}",
        status_text(UNTRANSLATED, c.status.as_str()),
        incident.channel.as_str(),
        when(UNTRANSLATED, c.due_by),
        c.attempts,
        c.failed_attempts,
        c.sla_breached_at.map_or(Html::EMPTY, |at| html!("<dt>Deadline missed</dt><dd>{}</dd>", when(UNTRANSLATED, at))),
        incident.description,
        incident.resolution.as_deref().map_or(Html::EMPTY, |r| html!(
            "<h2>Resolution</h2><p id=\"incident-resolution\" class=\"free-text\">{}</p>\n{}",
            r,
            incident.closed_at.map_or(Html::EMPTY, |at| html!("<p>Closed {}</p>\n", when(UNTRANSLATED, at)))
        ))
    );
    // An attempt's note is the desk's own: the customer's page has no column for it.
    let notes = timeline.reader.reads_call_notes();
    let attempts: Vec<Vec<Html>> = timeline
        .attempts
        .iter()
        .map(|a| {
            let mut row = vec![
                html!("{}", a.number),
                when(UNTRANSLATED, a.created_at),
                status_text(UNTRANSLATED, a.outcome.as_str()),
            ];
            if notes {
                row.push(free_text(a.note.as_deref().unwrap_or("")));
            }
            row
        })
        .collect();
    let headings: &[&'static str] = if notes {
        &["#", "When", "Outcome", INTERNAL_NOTE]
    } else {
        &["#", "When", "Outcome"]
    };
    html.push(table(
        UNTRANSLATED,
        "Callback attempts",
        headings,
        &attempts,
    ));
    let total = timeline.total_seconds();
    let rows: Vec<Vec<Html>> = timeline
        .sessions
        .iter()
        .map(|s| {
            vec![
                when(UNTRANSLATED, s.session.started_at),
                html!("{} min", (s.session.seconds() + 59) / 60),
                html!("{}", s.agent),
            ]
        })
        .collect();
    html.push(table(
        UNTRANSLATED,
        "Support sessions",
        &["Started", "Length", "Agent"],
        &rows,
    ));
    html.push(html!(
        "<p>Total time {} min {} s; coupons charged: {}.</p>\n",
        total / 60,
        total % 60,
        timeline.coupons_charged
    ));
    let messages: Vec<Vec<Html>> = timeline
        .messages
        .iter()
        .map(|m| {
            vec![
                when(UNTRANSLATED, m.created_at),
                html!("{}", m.author_name),
                free_text(&m.body),
            ]
        })
        .collect();
    html.push(table(
        UNTRANSLATED,
        "Messages",
        &["When", "From", "Message"],
        &messages,
    ));
    html
}

/// `GET /portal/live/rooms`: the organisation's open incidents (at most
/// five), whose rooms `assets/live.js` joins from every page of the portal,
/// so that the desk's ring reaches a contact wherever they are.
pub async fn live_rooms<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let (_, incidents) = app.my_incidents(caller).await?;
    let open: Vec<&str> = incidents
        .iter()
        .filter(|i| i.callback.status != crate::domain::incident::Status::Closed)
        .map(|i| i.id.as_str())
        .take(5)
        .collect();
    let answer = serde_json::json!({ "incidents": open });
    Ok(Response::json(200, &answer).into())
}

pub async fn incident_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    id: &str,
) -> Result<Handled> {
    incident_html(app, caller, id, 200, &Map::new(), &FieldErrors::default()).await
}

/// A customer's incident with its message form: empty, or as it was sent
/// when a field was wrong (`status` 422, each error next to its field).
pub(crate) async fn incident_html<D: Database>(
    app: &App<D>,
    caller: &Caller,
    id: &str,
    status: u16,
    values: &Map<String, Value>,
    errors: &FieldErrors,
) -> Result<Handled> {
    let timeline = match app.my_incident(caller, id).await {
        Ok((_, timeline)) => timeline,
        Err(error) => return refusal_page(UNTRANSLATED, Area::Customer, error),
    };
    let value = |name: &str| values.get(name).and_then(Value::as_str).unwrap_or("");
    let mut html = Html::EMPTY;
    let title = format!(
        "{}: {}",
        timeline.incident.title(),
        timeline.incident.subject
    );
    if timeline.incident.callback.status == crate::domain::incident::Status::Closed {
        // Closed: what was done, and nothing left to act on.
        html.push(timeline_html(&timeline));
        html.push(super::attachments::section(
            &timeline,
            &format!("/portal/incidents/{id}"),
        ));
        return Ok(page_in(UNTRANSLATED, Area::Customer, status, &title, html).into());
    }
    html.push(live_panel(&timeline.incident.id, false));
    html.push(timeline_html(&timeline));
    html.push(super::attachments::section(
        &timeline,
        &format!("/portal/incidents/{id}"),
    ));
    html.push(html!(
        "<h2>Write to support</h2><form method=\"post\" action=\"/portal/incidents/{}/messages\">{}{}<button type=\"submit\">Send</button></form>",
        timeline.incident.id,
        textarea_with("body", "Your message (new times or another number are welcome)", value("body"), errors),
        input("phone", "Another phone number (optional)", "tel", value("phone"), errors, "")
    ));
    Ok(page_in(UNTRANSLATED, Area::Customer, status, &title, html).into())
}

pub async fn customer_message<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = form(request)?;
    let reply = match Reply::parse(&object) {
        Ok(reply) => reply,
        Err(errors) => return incident_html(app, caller, id, 422, &object, &errors).await,
    };
    match app.customer_message(caller, id, reply, now, entropy).await {
        Ok((_, jobs)) => Ok(Handled::with_jobs(
            Response::redirect(&format!("/portal/incidents/{id}")),
            jobs,
        )),
        Err(error) => refusal_page(UNTRANSLATED, Area::Customer, error),
    }
}

pub(crate) fn activation_form(action: &str, technician: bool) -> Html {
    activation_form_with(action, technician, &Map::new(), &FieldErrors::default())
}

/// The activation form, with what was typed and each error next to its field.
pub(crate) fn activation_form_with(
    action: &str,
    technician: bool,
    values: &Map<String, Value>,
    errors: &FieldErrors,
) -> Html {
    let value = |name: &str| values.get(name).and_then(Value::as_str).unwrap_or("");
    html!(
        "<form method=\"post\" action=\"{}\">{}{}{}{}<button type=\"submit\">Activate</button></form>",
        action,
        input("serial", "License serial number", "text", value("serial"), errors, " required"),
        input("installation_id", "Installation ID (shown by the product)", "text", value("installation_id"), errors, " required"),
        input("product_version", "Product version", "text", value("product_version"), errors, " required"),
        if technician { input("technician", "Technician", "text", value("technician"), errors, " required") } else { Html::EMPTY }
    )
}

// ---- licenses and installations, deactivation (issue 22) ----------------

/// What is left of a license's deactivations this month, in words.
fn allowance_html(serial: &str, left: &crate::domain::activation::DeactivationsLeft) -> Html {
    let limit = crate::domain::activation::DEACTIVATIONS_PER_MONTH;
    if left.remaining == 0 {
        html!(
            "<p class=\"notice\" id=\"allowance-{}\">This license's installations have been deactivated {} times this month, \
             the most allowed (it keeps one seat from being moved among many computers). \
             Deactivation is possible again from {}.</p>",
            serial,
            limit,
            when(UNTRANSLATED, left.resets_at)
        )
    } else {
        html!(
            "<p id=\"allowance-{}\">{} of {} deactivations left this month for this license; \
             the count starts again on {}.</p>",
            serial,
            left.remaining,
            limit,
            when(UNTRANSLATED, left.resets_at)
        )
    }
}

/// Licenses with their live installations, each with a button that frees
/// its seat (posting to `{deactivate}/{activation_id}/deactivate`) while the
/// license has deactivations left this month, else the explanation.
/// `nested`: the licenses' headings are h3, under a section's h2.
pub(crate) fn installations_html(
    licenses: &[crate::app::InstalledLicense],
    deactivate: &str,
    nested: bool,
) -> Html {
    let level = Html::from_static(if nested { "h3" } else { "h2" });
    if licenses.is_empty() {
        return html!("<p>Licenses: none yet.</p>");
    }
    let mut html = Html::EMPTY;
    for held in licenses {
        let license = &held.license;
        let rows: Vec<Vec<Html>> = held
            .activations
            .iter()
            .map(|a| {
                let action = if held.left.remaining == 0 {
                    html!("Possible again from {}", when(UNTRANSLATED, held.left.resets_at))
                } else {
                    html!(
                        "<form method=\"post\" action=\"{}/{}/deactivate\" class=\"inline\" \
                         data-confirm=\"Deactivate installation {}? Its seat is freed, and the product stops working there.\">\
                         <button type=\"submit\" aria-label=\"Deactivate installation {}\">Deactivate</button></form>",
                        deactivate,
                        a.id,
                        a.installation_id,
                        a.installation_id
                    )
                };
                let by = match a.technician.as_deref() {
                    Some(technician) => html!("technician {}", technician),
                    None if a.path == "technician" => html!("partner's technician"),
                    None => html!("your organisation"),
                };
                vec![
                    html!("{}", a.installation_id),
                    html!("{}", a.major_version),
                    when(UNTRANSLATED, a.created_at),
                    by,
                    action,
                ]
            })
            .collect();
        html.push(html!(
            "<section aria-labelledby=\"license-{}\"><{} id=\"license-{}\">{} · {} {} {}</{}>\
             <p>{} of {} seats in use.</p>{}{}</section>\n",
            license.serial,
            level.clone(),
            license.serial,
            license.serial,
            license.product,
            license.edition,
            license.major_version,
            level.clone(),
            held.activations.len(),
            license.installations,
            allowance_html(&license.serial, &held.left),
            table(
                UNTRANSLATED,
                &format!("Installations of {}", license.serial),
                &[
                    "Installation",
                    "Major version",
                    "Activated",
                    "By",
                    "<span class=\"visually-hidden\">Deactivate</span>"
                ],
                &rows
            )
        ));
    }
    html
}

/// A deactivation refused by the month's limit: the explanation, with
/// when it is possible again (no read: the limit and the month are known).
pub(crate) fn deactivation_refused(area: Area, back: &str, now: Instant) -> Handled {
    let left = crate::domain::activation::deactivations_left(
        crate::domain::activation::DEACTIVATIONS_PER_MONTH,
        now,
    );
    let body = html!(
        "<p role=\"alert\">Not deactivated: this license's installations have been deactivated {} times this month, \
         the most allowed. Deactivation is possible again from {}.</p><p><a href=\"{}\">Back</a></p>",
        crate::domain::activation::DEACTIVATIONS_PER_MONTH,
        when(UNTRANSLATED, left.resets_at),
        back
    );
    page_in(UNTRANSLATED, area, 429, "Deactivation limit reached", body).into()
}

/// Deactivates from a page: back to `back`, or the refusal explained.
pub(crate) async fn deactivate_from_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    id: &str,
    area: Area,
    back: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    match app.deactivate(caller, id, now, entropy).await {
        Ok(_) => Ok(Response::redirect(back).into()),
        Err(AppError::Licensing(crate::app::LicensingError::DeactivationLimit)) => {
            Ok(deactivation_refused(area, back, now))
        }
        Err(error) => refusal_page(UNTRANSLATED, area, error),
    }
}

/// `GET /portal/licenses`: the organisation's licenses and installations.
pub async fn portal_licenses_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    now: Instant,
) -> Result<Handled> {
    let (_, licenses) = app.my_installations(caller, now).await?;
    let body = html!(
        "<p>Each license allows a number of installations. Deactivating one frees its seat for another computer: \
         at most {} times a month per license. <a href=\"/portal/activate\">Activate an installation</a></p>{}",
        crate::domain::activation::DEACTIVATIONS_PER_MONTH,
        installations_html(&licenses, "/portal/activations", false)
    );
    Ok(page_in(
        UNTRANSLATED,
        Area::Customer,
        200,
        "Licenses and installations",
        body,
    )
    .into())
}

/// `POST /portal/activations/{id}/deactivate`.
pub async fn portal_deactivate<D: Database>(
    app: &App<D>,
    caller: &Caller,
    id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    deactivate_from_page(
        app,
        caller,
        id,
        Area::Customer,
        "/portal/licenses",
        now,
        entropy,
    )
    .await
}

/// `POST /portal/orders/{id}/cancel`: the API's use case; back to the order.
pub async fn portal_cancel_order<D: Database>(
    app: &App<D>,
    caller: &Caller,
    id: &str,
    now: Instant,
) -> Result<Handled> {
    match app.cancel_order(caller, id, now).await {
        Ok(_) => Ok(Response::redirect(&format!("/portal/orders/{id}")).into()),
        Err(error) => refusal_page(UNTRANSLATED, Area::Customer, error),
    }
}

/// The router admits only signed-in customers here.
pub fn activate_page() -> Result<Handled> {
    let body = html!(
        "<p>Activation is normally done by your Spica partner's technician; you can also do it yourself.</p>{}",
        activation_form("/portal/activate", false)
    );
    Ok(page_in(
        UNTRANSLATED,
        Area::Customer,
        200,
        "Activate an installation",
        body,
    )
    .into())
}

/// Activates from a form, for the customer or a partner's technician.
pub(crate) async fn activate_from_form<D: Database>(
    app: &App<D>,
    caller: &crate::app::Caller,
    request: &Request,
    area: Area,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = form(request)?;
    let technician = object
        .get("technician")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|t| !t.is_empty() && area == Area::Partner);
    let mut fields = Fields::new(&object);
    let serial = fields.parse("serial", SerialNumber::parse);
    let installation = fields.parse("installation_id", InstallationId::parse);
    let version = fields.parse("product_version", ProductVersion::parse);
    let (Some(serial), Some(installation), Some(version)) = (serial, installation, version) else {
        app.identify(caller).await?;
        let (action, technician, title) = if area == Area::Customer {
            ("/portal/activate", false, "Activate an installation")
        } else {
            ("/partner/activations", true, "Partner")
        };
        let body = activation_form_with(action, technician, &object, &fields.errors);
        return Ok(page_in(UNTRANSLATED, area, 422, title, body).into());
    };
    match app
        .activate(
            caller,
            crate::app::Activation {
                serial: &serial,
                installation: &installation,
                version: &version,
                technician,
            },
            now,
            entropy,
        )
        .await
    {
        Ok((record, _)) => {
            let file = if area == Area::Customer {
                html!("<p><a href=\"/portal/activations/{}/license-file\">Download a license file</a> for an installation without internet.</p>", record.id)
            } else {
                Html::EMPTY
            };
            let body = html!(
                "<p>Enter this activation code in the product (it can be read out over the phone):</p>\
                 <p id=\"activation-code\" class=\"reference\">{}</p>{}",
                record.activation_code,
                file
            );
            Ok(page_in(UNTRANSLATED, area, 201, "Activated", body).into())
        }
        Err(error) => refusal_page(UNTRANSLATED, area, error),
    }
}

pub async fn activate<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &crate::app::Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    activate_from_form(app, caller, request, Area::Customer, now, entropy).await
}

pub async fn license_file<D: Database>(
    app: &App<D>,
    caller: &crate::app::Caller,
    id: &str,
    now: Instant,
) -> Result<Handled> {
    match app.license_file(caller, id, now).await {
        Ok(file) => Ok(Response::new(200, "application/json", file.into_bytes())
            .with_header(
                "content-disposition",
                &format!("attachment; filename=\"{id}.license.json\""),
            )
            .into()),
        Err(error) => refusal_page(UNTRANSLATED, Area::Customer, error),
    }
}

pub(crate) fn invite_form(errors: &FieldErrors, values: &Map<String, Value>) -> Html {
    let value = |name: &str| values.get(name).and_then(Value::as_str).unwrap_or("");
    html!(
        "<h2>Invite a colleague</h2><form method=\"post\" action=\"/portal/contacts\">{}{}{}<button type=\"submit\">Send the invitation</button></form>",
        input("name", "Name", "text", value("name"), errors, " required autocomplete=\"off\""),
        input("email", "Email", "email", value("email"), errors, " required autocomplete=\"off\""),
        input("phone", "Phone, with country code", "tel", value("phone"), errors, " required autocomplete=\"off\"")
    )
}

pub(crate) async fn contacts_html<D: Database>(
    app: &App<D>,
    caller: &Caller,
    status: u16,
    errors: &FieldErrors,
    values: &Map<String, Value>,
    now: Instant,
) -> Result<Handled> {
    let people = app.contacts_as(caller).await?;
    Ok(contacts_view(&people, status, errors, values, now))
}

pub(crate) fn contacts_view(
    people: &crate::app::People,
    status: u16,
    errors: &FieldErrors,
    values: &Map<String, Value>,
    now: Instant,
) -> Handled {
    let customer = &people.principal;
    let rows: Vec<Vec<Html>> = people
        .contacts
        .iter()
        .map(|c| {
            let id = &c.id;
            let action = if c.id == customer.contact.id {
                html!("you")
            } else {
                html!(
                    "<form method=\"post\" action=\"/portal/contacts/{}/remove\" class=\"inline\" \
                     data-confirm=\"Remove {}? They will no longer be able to sign in.\">\
                     <button type=\"submit\" aria-label=\"Remove {}\">Remove</button></form>",
                    id,
                    c.name,
                    c.name
                )
            };
            vec![
                html!("{}", c.name),
                html!("{}", c.email),
                html!("{}", c.phone),
                status_text(UNTRANSLATED, c.status.as_str()),
                html!(
                    "<span lang=\"{}\">{}</span>",
                    c.language.as_str(),
                    c.language.name()
                ),
                action,
            ]
        })
        .collect();
    let invitations: Vec<Vec<Html>> = people
        .invitations
        .iter()
        .map(|i| {
            vec![
                html!("{}", i.name),
                html!("{}", i.email),
                status_text(UNTRANSLATED, i.standing.status(now)),
                when(UNTRANSLATED, i.standing.expires_at),
                html!(
                    "<form method=\"post\" action=\"/portal/invitations/{}/withdraw\" class=\"inline\" \
                     data-confirm=\"Withdraw the invitation of {}? Its link will no longer work.\">\
                     <button type=\"submit\" aria-label=\"Withdraw the invitation of {}\">Withdraw</button></form>",
                    i.id,
                    i.name,
                    i.name
                ),
            ]
        })
        .collect();
    let body = html!(
        "<p>Everyone listed here signs in to {}'s account: its coupons, incidents and licenses.</p>{}\
         <p>An invitation becomes a contact once it is accepted, within 7 days; until then it holds nothing, and the person may also register on their own.</p>{}{}",
        customer.customer.company_name,
        table(UNTRANSLATED,
            "Contacts",
            &["Name", "Email", "Phone", "Status", "Language", "<span class=\"visually-hidden\">Remove</span>"],
            &rows
        ),
        table(UNTRANSLATED,
            "Invitations",
            &["Name", "Email", "Status", "Link valid until", "<span class=\"visually-hidden\">Withdraw</span>"],
            &invitations
        ),
        invite_form(errors, values)
    );
    page_in(
        UNTRANSLATED,
        Area::Customer,
        status,
        "Your organisation's contacts",
        body,
    )
    .into()
}

/// `GET /portal/contacts`.
pub async fn contacts_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    now: Instant,
) -> Result<Handled> {
    let people = app.contacts_as(caller).await?;
    Ok(contacts_view(
        &people,
        200,
        &FieldErrors::default(),
        &Map::new(),
        now,
    ))
}

/// `POST /portal/contacts`: invites; a wrong field shows the form again.
pub async fn invite_contact<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = form(request)?;
    let invitee = match crate::app::Invitee::parse(&object, &app.config.vendor_addresses) {
        Ok(invitee) => invitee,
        Err(errors) => return contacts_html(app, caller, 422, &errors, &object, now).await,
    };
    let invited = app
        .invite_contact(
            caller,
            &invitee.name,
            &invitee.email,
            &invitee.phone,
            now,
            entropy,
        )
        .await;
    match invited {
        Ok(invited) => Ok(Handled::with_jobs(
            Response::redirect("/portal/contacts"),
            invited.jobs,
        )),
        Err(AppError::Access(AccessError::EmailTaken)) => {
            let mut errors = FieldErrors::default();
            errors.push("email", Invalid::said("taken", m::field_contact_already));
            contacts_html(app, caller, 409, &errors, &object, now).await
        }
        Err(error) => refusal_page(UNTRANSLATED, Area::Customer, error),
    }
}

/// `POST /portal/invitations/{id}/withdraw`.
pub async fn withdraw_invitation<D: Database>(
    app: &App<D>,
    caller: &Caller,
    id: &str,
    now: Instant,
) -> Result<Handled> {
    match app.withdraw_invitation(caller, id, now).await {
        Ok(_) => Ok(Response::redirect("/portal/contacts").into()),
        Err(error) => refusal_page(UNTRANSLATED, Area::Customer, error),
    }
}

/// `POST /portal/contacts/{id}/remove`.
pub async fn remove_contact<D: Database>(
    app: &App<D>,
    caller: &Caller,
    id: &str,
    now: Instant,
) -> Result<Handled> {
    match app.remove_contact(caller, None, id, now).await {
        Ok(_) => Ok(Response::redirect("/portal/contacts").into()),
        Err(error) => refusal_page(UNTRANSLATED, Area::Customer, error),
    }
}

/// The form's flat names and what the profile holds for them.
pub(crate) fn current_values(customer: &CustomerPrincipal) -> Map<String, Value> {
    let c = &customer.customer;
    let p = &customer.contact;
    [
        ("company_name", c.company_name.as_str()),
        ("street", &c.street),
        ("postal_code", &c.postal_code),
        ("city", &c.city),
        ("country", &c.country),
        ("vat_id", c.vat_id.as_deref().unwrap_or("")),
        ("contact_name", &p.name),
        ("email", p.email.as_str()),
        ("phone", &p.phone),
        ("newsletter", if p.newsletter { "on" } else { "" }),
        ("language", p.language.as_str()),
    ]
    .into_iter()
    .map(|(name, value)| (name.to_owned(), Value::String(value.to_owned())))
    .collect()
}

pub(crate) fn profile_html(
    customer: &CustomerPrincipal,
    pending_email: Option<&str>,
    errors: &FieldErrors,
    values: &Map<String, Value>,
) -> Html {
    let value = |name: &str| values.get(name).and_then(Value::as_str).unwrap_or("");
    // Errors are named by their JSON path; the form's fields are flat.
    let mut flat = FieldErrors::default();
    for error in errors.list() {
        flat.push(
            crate::app::input::form_name(&error.field),
            Invalid::from(error.clone()),
        );
    }
    let pending = pending_email.map_or(Html::EMPTY, |email| {
        html!(
            "<p role=\"status\">We have emailed a link to {}: your address changes once you open it.</p>\n",
            email
        )
    });
    let checked = if value("newsletter").is_empty() {
        ""
    } else {
        " checked"
    };
    html!(
        "{}<form method=\"post\" action=\"/portal/profile\">\n<h2>{}</h2>\n{}{}{}{}{}{}\
         <h2>You</h2>\n{}{}{}{}<p>A new address replaces the old one once you open the link we email to it.</p>\n\
         <p><input id=\"newsletter\" name=\"newsletter\" type=\"checkbox\"{}>\n\
         <label for=\"newsletter\">Send me Time &amp; Space news and bulletins</label></p>\n\
         <button type=\"submit\">Save</button>\n</form>",
        pending,
        customer.customer.company_name,
        input("company_name", "Company name", "text", value("company_name"), &flat, " required autocomplete=\"organization\""),
        input("street", "Street", "text", value("street"), &flat, " required autocomplete=\"street-address\""),
        input("postal_code", "Postal code", "text", value("postal_code"), &flat, " required autocomplete=\"postal-code\""),
        input("city", "City", "text", value("city"), &flat, " required autocomplete=\"address-level2\""),
        input("country", "Country (ISO code, such as SI)", "text", value("country"), &flat, " required maxlength=\"2\""),
        input("vat_id", "VAT number (optional)", "text", value("vat_id"), &flat, ""),
        input("contact_name", "Your name", "text", value("contact_name"), &flat, " required autocomplete=\"name\""),
        input("email", "Email", "email", value("email"), &flat, " required autocomplete=\"email\""),
        input("phone", "Phone, with country code", "tel", value("phone"), &flat, " required autocomplete=\"tel\""),
        language_select(
            "Language for our emails and calls",
            Language::parse(value("language")).unwrap_or(customer.contact.language),
        ),
        checked
    )
}

/// What VIES said of the saved VAT number, below the form, and why an
/// order would not be zero-rated where it could have been.
fn vat_status_html(standing: &crate::app::VatStanding) -> Html {
    use crate::app::VatStatus;
    let said = match standing.status {
        None => Html::EMPTY,
        Some(status) => html!(
            "<p id=\"vat-status\" role=\"status\">Your VAT number is {}.</p>\n",
            match status {
                VatStatus::Confirmed => "confirmed by the EU's VIES service",
                VatStatus::NotConfirmed => "not confirmed by the EU's VIES service",
                VatStatus::BeingChecked => "being checked with the EU's VIES service",
            }
        ),
    };
    html!("{}{}", said, vat_note_html(standing.decision.note))
}

/// Why VAT is charged where it could have been reverse-charged, in words.
pub(crate) fn vat_note_html(note: Option<crate::domain::vat::VatNote>) -> Html {
    note.map_or(Html::EMPTY, |note| {
        html!(
            "<p id=\"vat-note\" class=\"notice\" data-vat-note=\"{}\">{}</p>\n",
            note.as_str(),
            note.explanation()
        )
    })
}

/// `GET /portal/profile`: the form with the current values.
pub async fn profile_page<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let (customer, pending, vat) = app.profile_form(caller).await?;
    let html = profile_html(
        &customer,
        pending.as_deref(),
        &FieldErrors::default(),
        &current_values(&customer),
    );
    let html = html!("{}{}", html, vat_status_html(&vat));
    let html = html!("{}{}", html, super::your_data());
    Ok(page_in(UNTRANSLATED, Area::Customer, 200, "Your profile", html).into())
}

/// `POST /portal/profile`: saved (back to the page), or the form again with
/// what was typed and each error next to its field (422).
pub async fn save_profile<D: Database>(
    app: &App<D>,
    request: &Request,
    principal: &Principal,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let customer = principal.customer()?;
    let object = form(request)?;
    let text = |name: &str| object.get(name).and_then(Value::as_str).map(str::to_owned);
    let input = RegistrationInput {
        company_name: text("company_name"),
        street: text("street"),
        postal_code: text("postal_code"),
        city: text("city"),
        country: text("country"),
        vat_id: Some(text("vat_id").unwrap_or_default()),
        contact_name: text("contact_name"),
        email: text("email"),
        phone: text("phone"),
        newsletter: Some(text("newsletter").is_some_and(|v| !v.is_empty())),
        language: text("language"),
        ..RegistrationInput::default()
    };
    let again = |status: u16, errors: &FieldErrors| {
        page_in(
            UNTRANSLATED,
            Area::Customer,
            status,
            "Your profile",
            profile_html(&customer, None, errors, &object),
        )
    };
    let change = match ProfileChange::parse(&input, &app.config.vendor_addresses) {
        Ok(change) => change,
        Err(errors) => return Ok(again(422, &errors).into()),
    };
    match app.change_profile(&customer, &change, now, entropy).await {
        Ok(jobs) => Ok(Handled::with_jobs(
            Response::redirect("/portal/profile"),
            jobs,
        )),
        Err(AppError::Invalid(errors)) => Ok(again(422, &errors).into()),
        // Nothing saved: the new address's link is withheld, and the form
        // says, next to the address, when to ask again.
        Err(AppError::Access(error @ crate::app::AccessError::LinkWithheld { .. })) => {
            let mut errors = FieldErrors::default();
            errors.push(
                "email",
                Invalid::said("link_withheld", |l| {
                    m::field_nothing_saved(l, &error.problem(l).detail)
                }),
            );
            Ok(again(429, &errors).into())
        }
        Err(error) => Ok(problem_page(UNTRANSLATED, Area::Customer, error.into())),
    }
}
