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
    lang: Language,
    now: Instant,
) -> Result<Handled> {
    let overview = app.overview(caller).await?;
    let profile = &overview.profile;
    let c = &profile.principal.customer;
    let mut html = html!(
        "<p>{} · {}</p>\n<section aria-labelledby=\"balance-heading\"><h2 id=\"balance-heading\">{}</h2>\
         <p id=\"coupon-balance\" class=\"balance\">{}</p>\
         <p><a href=\"/portal/coupons\">{}</a> · <a href=\"/support\">{}</a></p></section>\n",
        profile.principal.contact.name,
        c.company_name,
        m::portal_balance_heading(lang),
        m::portal_balance(
            lang,
            m::PortalBalance {
                coupons: &m::coupons(lang, profile.coupon_balance),
                minutes: &m::minutes(lang, profile.minutes_available),
            }
        ),
        m::portal_buy_coupons(lang),
        m::portal_request_support(lang)
    );
    let ledger: Vec<Vec<Html>> = overview
        .records
        .ledger
        .iter()
        .map(|line| {
            vec![
                when(lang, line.created_at),
                html!("{}", entry_label(lang, line.kind)),
                html!("{}", crate::domain::format::number(lang, line.coupons)),
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
        lang,
        m::portal_ledger_caption(lang),
        &[
            m::portal_col_when(lang),
            m::portal_col_entry(lang),
            m::portal_col_coupons(lang),
            m::portal_col_for(lang),
        ],
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
                html!("{}", money(lang, r.order.vat.total_due)),
                status_text(lang, r.order.status_at(now).as_str()),
            ]
        })
        .collect();
    html.push(table(
        lang,
        m::portal_orders_caption(lang),
        &[
            m::portal_col_order(lang),
            m::portal_col_coupons(lang),
            m::portal_col_total_due(lang),
            m::portal_col_status(lang),
        ],
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
            .map_or(html!("{}", m::portal_sups_none(lang)), |c| {
                html!(
                    "{}",
                    m::portal_sups_until(lang, &crate::domain::format::date(lang, c.last_day()))
                )
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
            html!(
                "{}",
                m::portal_of(
                    lang,
                    m::PortalOf {
                        used: &active.to_string(),
                        total: &license.installations.to_string(),
                    }
                )
            ),
            sups,
        ]);
    }
    html.push(table(
        lang,
        m::portal_licenses_caption(lang),
        &[
            m::portal_col_serial(lang),
            m::portal_col_product(lang),
            m::portal_col_activated(lang),
            m::portal_col_sups(lang),
        ],
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
                status_text(lang, i.callback.status.as_str()),
                when(lang, i.callback.due_by),
            ]
        })
        .collect();
    html.push(table(
        lang,
        m::portal_incidents_caption(lang),
        &[
            m::portal_col_subject(lang),
            m::portal_col_status(lang),
            m::portal_col_call_by(lang),
        ],
        &incidents,
    ));
    Ok(page_in(
        lang,
        Area::Customer,
        200,
        m::portal_overview_title(lang),
        html,
    )
    .into())
}

/// An amount as the reader writes it (`30,50 €`, `€30.50`).
pub(crate) fn money(lang: Language, amount: Money) -> String {
    crate::domain::format::money(lang, amount.cents())
}

/// The VAT line of an amount: the rate and the VAT, and for a sale
/// without VAT its category and the legal mention why.
pub(crate) fn vat_line(lang: Language, amounts: &crate::domain::vat::Amounts) -> String {
    use crate::domain::vat::VatCategory;
    let rate = amounts.rate.to_string();
    // The decimal comma where the reader writes one (`9,5 %`).
    let rate = rate.replace('.', m::portal_decimal_separator(lang));
    let amount = money(lang, amounts.vat);
    let code = amounts.category.code();
    match amounts.category {
        VatCategory::Standard => m::portal_vat_line(
            lang,
            m::PortalVatLine {
                rate: &rate,
                amount: &amount,
            },
        ),
        VatCategory::ReverseCharge => m::portal_vat_line_reverse_charge(
            lang,
            m::PortalVatLineReverseCharge {
                rate: &rate,
                code,
                amount: &amount,
            },
        ),
        VatCategory::NotSubject => m::portal_vat_line_not_subject(
            lang,
            m::PortalVatLineNotSubject {
                rate: &rate,
                code,
                amount: &amount,
            },
        ),
    }
}

/// A column heading only screen readers read (over a column of buttons).
fn hidden(text: &str) -> Html {
    html!("<span class=\"visually-hidden\">{}</span>", text)
}

pub(crate) fn coupon_form(
    lang: Language,
    pricing: &Pricing,
    values: &Map<String, Value>,
    errors: &FieldErrors,
) -> Html {
    let errors = &errors.clone().in_language(lang);
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
        "<p>{}</p>\n{}\
         <form method=\"post\" action=\"/portal/coupons\">\n{}\
         <fieldset><legend>{}</legend>\n\
         <p><input type=\"radio\" id=\"pay-card\" name=\"payment_method\" value=\"card\"{}> <label for=\"pay-card\">{}</label></p>\n\
         <p><input type=\"radio\" id=\"pay-bank\" name=\"payment_method\" value=\"bank_transfer\"{}> <label for=\"pay-bank\">{}</label></p>\n\
         </fieldset>{}\n<button type=\"submit\">{}</button>\n</form>",
        m::portal_coupon_unit_html(
            lang,
            m::PortalCouponUnitHtml {
                net: &money(lang, unit.net),
                vat_html: &html!("<span id=\"unit-vat\">{}</span>", vat_line(lang, &unit)),
                gross_html: &html!("<span id=\"unit-gross\">{}</span>", money(lang, unit.total_due)),
            }
        ),
        vat_note_html(lang, pricing.buyer.vat_note),
        input("quantity", m::portal_field_coupons(lang), "number", quantity, errors, " min=\"1\" max=\"200\" required"),
        m::portal_payment_legend(lang),
        card,
        m::portal_pay_card(lang),
        bank,
        m::portal_pay_bank(lang),
        error,
        m::portal_order_button(lang)
    )
}

pub async fn coupons_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    lang: Language,
    now: Instant,
) -> Result<Handled> {
    let (_, pricing) = app.pricing(caller, now).await?;
    let body = coupon_form(lang, &pricing, &Map::new(), &FieldErrors::default());
    Ok(page_in(
        lang,
        Area::Customer,
        200,
        m::portal_coupons_title(lang),
        body,
    )
    .into())
}

pub async fn order_coupons<D: Database, P: PaymentProvider>(
    app: &App<D>,
    provider: Option<&P>,
    request: &Request,
    caller: &Caller,
    lang: Language,
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
        let body = coupon_form(lang, &pricing, &object, &fields.errors);
        return Ok(page_in(
            lang,
            Area::Customer,
            422,
            m::portal_coupons_title(lang),
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
        ) => Ok(problem_page(lang, Area::Customer, error.into())),
        Err(other) => Err(other.into()),
    }
}

pub(crate) fn bank_transfer_html<D>(app: &App<D>, lang: Language, record: &OrderRecord) -> Html {
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
    .and_then(|payload| crate::domain::epc::qr_svg(&payload, m::portal_qr_label(lang)))
    .unwrap_or_default();
    html!(
        "<section aria-labelledby=\"transfer-heading\"><h2 id=\"transfer-heading\">{}</h2>\n\
         <p>{}</p>\n\
         <p><span id=\"rf-reference\" class=\"reference\">{}</span> \
         <button type=\"button\" id=\"copy-reference\" data-copy=\"rf-reference\">{}</button></p>\n\
         <dl><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>IBAN</dt><dd>{}</dd><dt>BIC</dt><dd>{}</dd></dl>\n\
         <p>{}</p>\n<div class=\"qr\">{}</div></section>",
        m::portal_transfer_heading(lang),
        m::portal_transfer_quote(lang),
        reference.grouped(),
        m::portal_copy_reference(lang),
        m::portal_amount(lang),
        money(lang, due),
        m::portal_beneficiary(lang),
        account.beneficiary,
        account.iban.grouped(),
        account.bic.as_str(),
        m::portal_scan(lang),
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
    lang: Language,
    id: &str,
    now: Instant,
) -> Result<Handled> {
    let (record, documents) = match app.my_order_with_documents(caller, id).await {
        Ok(found) => found,
        Err(error @ AppError::NotFound) => {
            return Ok(problem_page(lang, Area::Customer, error.into()))
        }
        Err(other) => return Err(other.into()),
    };
    let order = &record.order;
    let awaiting = order.status_at(now) == crate::domain::order::OrderStatus::AwaitingPayment;
    let notice = match request.query_param("checkout").as_deref() {
        Some("success") if awaiting => html!("{}", m::portal_checkout_confirming(lang)),
        Some("success") => html!("{}", m::portal_checkout_confirmed(lang)),
        Some("cancelled") if awaiting => m::portal_checkout_cancelled_html(
            lang,
            &html!(
                "<a href=\"/portal/coupons\">{}</a>",
                m::portal_order_anew(lang)
            ),
        ),
        _ => Html::EMPTY,
    };
    let mut html = if notice.is_empty() {
        Html::EMPTY
    } else {
        html!(
            "<p id=\"checkout-notice\" role=\"status\" class=\"notice\">{}</p>\n",
            notice
        )
    };
    html.push(html!(
        "<dl class=\"amounts\"><dt>{}</dt><dd id=\"order-net\">{}</dd>\
         <dt>{}</dt><dd id=\"order-vat\">{}</dd>\
         <dt>{}</dt><dd id=\"order-total-due\"><strong>{}</strong></dd></dl>\n{}\
         <p>{}: <span id=\"order-status\" class=\"badge\">{}</span>. {}</p>\n",
        m::portal_order_line(
            lang,
            m::PortalOrderLine {
                coupons: &m::coupons(lang, i64::from(order.quantity.get())),
                unit: &money(lang, order.unit_price),
            }
        ),
        money(lang, order.total),
        m::portal_vat(lang),
        vat_line(lang, &order.vat),
        m::portal_total_due(lang),
        money(lang, order.vat.total_due),
        vat_note_html(lang, order.buyer.vat_note),
        m::portal_status(lang),
        status_text(lang, order.status_at(now).as_str()),
        order_state_html(lang, &record, &documents, now)
    ));
    if let Some(url) = &record.checkout_url {
        if order.status_at(now) == crate::domain::order::OrderStatus::AwaitingPayment {
            html.push(html!(
                "<p><a href=\"{}\">{}</a></p>",
                url,
                m::portal_pay_by_card(lang)
            ));
        }
    }
    html.push(bank_transfer_html(app, lang, &record));
    html.push(super::invoices::pro_forma_link(lang, order));
    if order.cancel(now).is_ok() {
        html.push(html!(
            "<form method=\"post\" action=\"/portal/orders/{}/cancel\" data-confirm=\"{}\">\
             <button type=\"submit\" class=\"secondary\">{}</button></form>",
            order.id,
            m::portal_cancel_confirm(lang),
            m::portal_cancel_order(lang)
        ));
    }
    let title = record
        .number
        .as_ref()
        .map_or(order.id.as_str(), |n| n.as_str());
    Ok(page_in(
        lang,
        Area::Customer,
        200,
        &m::portal_order_title(lang, title),
        html,
    )
    .into())
}

/// What an order's state means for its reader: until when an open order
/// may be paid; when a paid one was paid, what it bought and its invoice;
/// when a cancelled one was closed.
fn order_state_html(
    lang: Language,
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
                        crate::domain::invoice::Kind::Invoice => m::portal_invoice(lang),
                        crate::domain::invoice::Kind::CreditNote => m::portal_credit_note(lang),
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
                "<span id=\"order-paid\">{}</span>{}",
                m::portal_order_paid_html(
                    lang,
                    m::PortalOrderPaidHtml {
                        when_html: &record.paid_at.map_or(Html::EMPTY, |at| when(lang, at)),
                        count: i64::from(order.quantity.get()),
                    }
                ),
                invoices
            )
        }
        OrderStatus::Cancelled | OrderStatus::Failed => {
            record.closed_at.map_or(Html::EMPTY, |at| {
                m::portal_order_closed_html(lang, &when(lang, at))
            })
        }
        OrderStatus::Review => html!("{}", m::portal_order_review(lang)),
        OrderStatus::Expired => m::portal_order_expired_html(lang, &when(lang, order.expires_at)),
        OrderStatus::AwaitingPayment | OrderStatus::PartiallyPaid => {
            m::portal_order_open_until_html(lang, &when(lang, order.expires_at))
        }
    }
}

/// The support request form, with what was typed when it comes back.
pub(crate) fn support_form(
    lang: Language,
    values: &Map<String, Value>,
    errors: &FieldErrors,
) -> Html {
    let errors = &errors.clone().in_language(lang);
    let value = |name: &str| values.get(name).and_then(Value::as_str).unwrap_or("");
    let channel_error = error_for(errors, "channel").map_or(Html::EMPTY, |e| {
        html!("<p class=\"field-error\" role=\"alert\">{}</p>", e)
    });
    html!(
        "<p>{}</p>\n\
         <form method=\"post\" action=\"/support\">\n{}{}{}{}{}{}<button type=\"submit\">{}</button>\n</form>",
        m::portal_support_intro(lang),
        input("subject", m::portal_field_subject(lang), "text", value("subject"), errors, " required maxlength=\"200\""),
        textarea_with("description", m::portal_field_description(lang), value("description"), errors),
        select_with("channel", "channel", m::portal_field_channel(lang), &channels(lang), value("channel")),
        channel_error,
        input("phone", m::portal_field_support_phone(lang), "tel", value("phone"), errors, " autocomplete=\"tel\""),
        input("preferred_times", m::portal_field_preferred_times(lang), "text", value("preferred_times"), errors, ""),
        m::portal_request_support(lang)
    )
}

/// The router admits only signed-in customers here.
pub fn support_page(lang: Language) -> Result<Handled> {
    Ok(page_in(
        lang,
        Area::Customer,
        200,
        m::portal_support_title(lang),
        support_form(lang, &Map::new(), &FieldErrors::default()),
    )
    .into())
}

pub async fn request_support<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    lang: Language,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = form(request)?;
    let input = match NewIncident::parse(&object) {
        Ok(input) => input,
        Err(errors) => {
            app.identify(caller).await?;
            return Ok(page_in(
                lang,
                Area::Customer,
                422,
                m::portal_support_title(lang),
                support_form(lang, &object, &errors),
            )
            .into());
        }
    };
    match app.open_incident(caller, input, now, entropy).await {
        Ok((incident, jobs)) => Ok(Handled::with_jobs(
            Response::redirect(&format!("/portal/incidents/{}", incident.id)),
            jobs,
        )),
        Err(AppError::Billing(BillingError::PaymentRequired)) => Ok(page_in(
            lang,
            Area::Customer,
            402,
            m::portal_coupons_needed_title(lang),
            html!(
                "<p role=\"alert\">{}</p>",
                m::portal_coupons_needed_html(
                    lang,
                    &html!(
                        "<a href=\"/portal/coupons\">{}</a>",
                        m::portal_buy_coupons(lang)
                    )
                )
            ),
        )
        .into()),
        // A phone that is no number in the organisation's country.
        Err(AppError::Invalid(errors)) => Ok(page_in(
            lang,
            Area::Customer,
            422,
            m::portal_support_title(lang),
            support_form(lang, &object, &errors),
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
pub(crate) fn live_panel(lang: Language, incident_id: &str, staff: bool) -> Html {
    let (party, without_script, controls, video_label, unreachable) = if staff {
        (
            "staff",
            m::portal_live_staff_no_script(lang),
            html!(
                "<p class=\"live-controls\"><input type=\"checkbox\" id=\"live-video\"> <label for=\"live-video\">{}</label> \
                 <button type=\"button\" id=\"live-ring\">{}</button> \
                 <button type=\"button\" id=\"live-chat-start\">{}</button> \
                 <button type=\"button\" id=\"live-chat-end\" hidden>{}</button> \
                 <button type=\"button\" id=\"live-hangup\" hidden>{}</button></p>\n",
                m::portal_live_with_video(lang),
                m::portal_live_ring(lang),
                m::portal_live_chat_start(lang),
                m::portal_live_chat_end(lang),
                m::portal_live_hangup(lang)
            ),
            m::portal_live_staff_video(lang),
            html!(
                "<p id=\"live-unreachable\" class=\"notice\" hidden>{}</p>\n",
                m::portal_live_unreachable(lang)
            ),
        )
    } else {
        (
            "contact",
            m::portal_live_contact_no_script(lang),
            html!(
                "<div id=\"live-ring-banner\" class=\"live-ring\" hidden><p id=\"live-ring-text\">{}</p>\
                 <p><button type=\"button\" id=\"live-accept\">{}</button> \
                 <button type=\"button\" id=\"live-decline\" class=\"secondary\">{}</button></p></div>\n\
                 <p class=\"live-controls\"><button type=\"button\" id=\"live-share\" hidden>{}</button> \
                 <button type=\"button\" id=\"live-share-stop\" hidden>{}</button> \
                 <button type=\"button\" id=\"live-hangup\" hidden>{}</button></p>\n",
                m::portal_live_calling(lang),
                m::portal_live_accept(lang),
                m::portal_live_decline(lang),
                m::portal_live_share(lang),
                m::portal_live_share_stop(lang),
                m::portal_live_hangup(lang)
            ),
            m::portal_live_contact_video(lang),
            Html::EMPTY,
        )
    };
    html!(
        "<section id=\"live\" class=\"live\" data-incident=\"{}\" data-party=\"{}\" aria-labelledby=\"live-heading\">\n\
         <h2 id=\"live-heading\">{}</h2>\n\
         <p class=\"live-off\">{}</p>\n\
         <div class=\"live-on\" hidden>\n\
         <p id=\"live-presence\" role=\"status\">{}</p>\n\
         {}{}\
         <p id=\"live-call-state\" role=\"status\" aria-live=\"assertive\"></p>\n\
         <p id=\"live-meter\" hidden>{}</p>\n\
         <p id=\"live-warning\" class=\"field-error\" role=\"alert\" hidden></p>\n\
         <p id=\"live-session\" role=\"status\" hidden></p>\n\
         <video id=\"live-remote-video\" class=\"live-video\" autoplay playsinline muted aria-label=\"{}\" hidden></video>\n\
         <audio id=\"live-remote-audio\" autoplay></audio>\n\
         <h3 id=\"live-chat-heading\">{}</h3>\n\
         <div id=\"live-chat-log\" class=\"live-chat\" role=\"log\" aria-live=\"polite\" aria-labelledby=\"live-chat-heading\"></div>\n\
         <form id=\"live-chat-form\" class=\"live-chat-form\"><label for=\"live-chat-text\">{}</label> \
         <input id=\"live-chat-text\" autocomplete=\"off\" maxlength=\"10000\"> <button type=\"submit\">{}</button></form>\n\
         </div>\n</section>\n",
        incident_id,
        party,
        m::portal_live_heading(lang),
        without_script,
        m::portal_live_connecting(lang),
        unreachable,
        controls,
        m::portal_live_meter_html(
            lang,
            m::PortalLiveMeterHtml {
                elapsed_html: &html!("<span id=\"live-elapsed\">0:00</span>"),
                coupons_html: &html!("<span id=\"live-coupons\">0</span>"),
            }
        ),
        video_label,
        m::portal_live_chat(lang),
        m::portal_live_chat_message(lang),
        m::portal_send(lang)
    )
}

/// A channel (`voice`, `chat`…) in the reader's words.
fn channel_text(lang: Language, channel: &str) -> String {
    channels(lang)
        .iter()
        .find(|(code, _)| *code == channel)
        .map_or_else(|| channel.replace('_', " "), |(_, text)| (*text).to_owned())
}

/// A message of the incident's timeline as its reader reads it: the line
/// the desk keeps when it opens an incident for a caller (stored in
/// English) is said in the reader's language.
fn message_text(lang: Language, message: &crate::store::MessageRecord) -> String {
    let opened = crate::domain::notification::OpenedForCaller {
        agent: &message.author_name,
    };
    if message.author == crate::domain::incident::Author::Staff && message.body == opened.note() {
        m::portal_timeline_opened_for_caller(lang, &message.author_name)
    } else {
        message.body.clone()
    }
}

/// An incident's timeline, for the customer's page and the desk's.
pub(crate) fn timeline_html(lang: Language, timeline: &Timeline) -> Html {
    let incident = &timeline.incident;
    let c = &incident.callback;
    let mut html = html!(
        "<p>{}: <span id=\"incident-status\" class=\"badge\">{}</span></p>\n\
         <dl><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd>{}</dl>\n\
         <p id=\"incident-description\" class=\"free-text\">{}</p>\n{}",
        m::portal_status(lang),
        status_text(lang, c.status.as_str()),
        m::portal_timeline_channel(lang),
        channel_text(lang, incident.channel.as_str()),
        m::portal_col_call_by(lang),
        when(lang, c.due_by),
        m::portal_timeline_attempts(lang),
        m::portal_timeline_attempts_count(
            lang,
            m::PortalTimelineAttemptsCount {
                attempts: &c.attempts.to_string(),
                failed: &c.failed_attempts.to_string(),
            }
        ),
        c.sla_breached_at.map_or(Html::EMPTY, |at| html!(
            "<dt>{}</dt><dd>{}</dd>",
            m::portal_timeline_deadline_missed(lang),
            when(lang, at)
        )),
        incident.description,
        incident
            .resolution
            .as_deref()
            .map_or(Html::EMPTY, |r| html!(
                "<h2>{}</h2><p id=\"incident-resolution\" class=\"free-text\">{}</p>\n{}",
                m::portal_timeline_resolution(lang),
                r,
                incident.closed_at.map_or(Html::EMPTY, |at| html!(
                    "<p>{}</p>\n",
                    m::portal_timeline_closed_html(lang, &when(lang, at))
                ))
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
                when(lang, a.created_at),
                status_text(lang, a.outcome.as_str()),
            ];
            if notes {
                row.push(free_text(a.note.as_deref().unwrap_or("")));
            }
            row
        })
        .collect();
    let mut headings = vec![
        "#",
        m::portal_col_when(lang),
        m::portal_timeline_outcome(lang),
    ];
    if notes {
        headings.push(m::portal_internal_note(lang));
    }
    html.push(table(
        lang,
        m::portal_timeline_attempts_caption(lang),
        &headings,
        &attempts,
    ));
    let total = timeline.total_seconds();
    let rows: Vec<Vec<Html>> = timeline
        .sessions
        .iter()
        .map(|s| {
            vec![
                when(lang, s.session.started_at),
                html!("{}", m::minutes(lang, (s.session.seconds() + 59) / 60)),
                html!("{}", s.agent),
            ]
        })
        .collect();
    html.push(table(
        lang,
        m::portal_timeline_sessions_caption(lang),
        &[
            m::portal_timeline_started(lang),
            m::portal_timeline_length(lang),
            m::portal_timeline_agent(lang),
        ],
        &rows,
    ));
    html.push(html!(
        "<p>{}</p>\n",
        m::portal_timeline_total(
            lang,
            m::PortalTimelineTotal {
                minutes: &(total / 60).to_string(),
                seconds: &(total % 60).to_string(),
                coupons: &timeline.coupons_charged.to_string(),
            }
        )
    ));
    let messages: Vec<Vec<Html>> = timeline
        .messages
        .iter()
        .map(|message| {
            vec![
                when(lang, message.created_at),
                html!("{}", message.author_name),
                free_text(&message_text(lang, message)),
            ]
        })
        .collect();
    html.push(table(
        lang,
        m::portal_timeline_messages_caption(lang),
        &[
            m::portal_col_when(lang),
            m::portal_timeline_from(lang),
            m::portal_timeline_message(lang),
        ],
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
    lang: Language,
    id: &str,
) -> Result<Handled> {
    incident_html(
        app,
        caller,
        lang,
        id,
        200,
        &Map::new(),
        &FieldErrors::default(),
    )
    .await
}

/// A customer's incident with its message form: empty, or as it was sent
/// when a field was wrong (`status` 422, each error next to its field).
pub(crate) async fn incident_html<D: Database>(
    app: &App<D>,
    caller: &Caller,
    lang: Language,
    id: &str,
    status: u16,
    values: &Map<String, Value>,
    errors: &FieldErrors,
) -> Result<Handled> {
    let timeline = match app.my_incident(caller, id).await {
        Ok((_, timeline)) => timeline,
        Err(error) => return refusal_page(lang, Area::Customer, error),
    };
    let errors = &errors.clone().in_language(lang);
    let value = |name: &str| values.get(name).and_then(Value::as_str).unwrap_or("");
    let mut html = Html::EMPTY;
    let title = format!(
        "{}: {}",
        timeline.incident.title(),
        timeline.incident.subject
    );
    if timeline.incident.callback.status == crate::domain::incident::Status::Closed {
        // Closed: what was done, and nothing left to act on.
        html.push(timeline_html(lang, &timeline));
        html.push(super::attachments::section(
            lang,
            &timeline,
            &format!("/portal/incidents/{id}"),
        ));
        return Ok(page_in(lang, Area::Customer, status, &title, html).into());
    }
    html.push(live_panel(lang, &timeline.incident.id, false));
    html.push(timeline_html(lang, &timeline));
    html.push(super::attachments::section(
        lang,
        &timeline,
        &format!("/portal/incidents/{id}"),
    ));
    html.push(html!(
        "<h2>{}</h2><form method=\"post\" action=\"/portal/incidents/{}/messages\">{}{}<button type=\"submit\">{}</button></form>",
        m::portal_write_heading(lang),
        timeline.incident.id,
        textarea_with("body", m::portal_field_message(lang), value("body"), errors),
        input("phone", m::portal_field_other_phone(lang), "tel", value("phone"), errors, ""),
        m::portal_send(lang)
    ));
    Ok(page_in(lang, Area::Customer, status, &title, html).into())
}

pub async fn customer_message<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    lang: Language,
    id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = form(request)?;
    let reply = match Reply::parse(&object) {
        Ok(reply) => reply,
        Err(errors) => return incident_html(app, caller, lang, id, 422, &object, &errors).await,
    };
    match app.customer_message(caller, id, reply, now, entropy).await {
        // A phone that is no number in the organisation's country.
        Err(AppError::Invalid(errors)) => {
            incident_html(app, caller, lang, id, 422, &object, &errors).await
        }
        Ok((_, jobs)) => Ok(Handled::with_jobs(
            Response::redirect(&format!("/portal/incidents/{id}")),
            jobs,
        )),
        Err(error) => refusal_page(lang, Area::Customer, error),
    }
}

pub(crate) fn activation_form(lang: Language, action: &str, technician: bool) -> Html {
    activation_form_with(
        lang,
        action,
        technician,
        &Map::new(),
        &FieldErrors::default(),
    )
}

/// The activation form, with what was typed and each error next to its field.
pub(crate) fn activation_form_with(
    lang: Language,
    action: &str,
    technician: bool,
    values: &Map<String, Value>,
    errors: &FieldErrors,
) -> Html {
    let errors = &errors.clone().in_language(lang);
    let value = |name: &str| values.get(name).and_then(Value::as_str).unwrap_or("");
    html!(
        "<form method=\"post\" action=\"{}\">{}{}{}{}<button type=\"submit\">{}</button></form>",
        action,
        input(
            "serial",
            m::portal_field_serial(lang),
            "text",
            value("serial"),
            errors,
            " required"
        ),
        input(
            "installation_id",
            m::portal_field_installation(lang),
            "text",
            value("installation_id"),
            errors,
            " required"
        ),
        input(
            "product_version",
            m::portal_field_version(lang),
            "text",
            value("product_version"),
            errors,
            " required"
        ),
        if technician {
            input(
                "technician",
                m::portal_field_technician(lang),
                "text",
                value("technician"),
                errors,
                " required",
            )
        } else {
            Html::EMPTY
        },
        m::portal_activate_button(lang)
    )
}

// ---- licenses and installations, deactivation (issue 22) ----------------

/// What is left of a license's deactivations this month, in words.
fn allowance_html(
    lang: Language,
    serial: &str,
    left: &crate::domain::activation::DeactivationsLeft,
) -> Html {
    let limit = crate::domain::activation::DEACTIVATIONS_PER_MONTH.to_string();
    let resets = when(lang, left.resets_at);
    if left.remaining == 0 {
        html!(
            "<p class=\"notice\" id=\"allowance-{}\">{}</p>",
            serial,
            m::portal_allowance_exhausted_html(
                lang,
                m::PortalAllowanceExhaustedHtml {
                    limit: &limit,
                    when_html: &resets,
                }
            )
        )
    } else {
        html!(
            "<p id=\"allowance-{}\">{}</p>",
            serial,
            m::portal_allowance_left_html(
                lang,
                m::PortalAllowanceLeftHtml {
                    left: &left.remaining.to_string(),
                    limit: &limit,
                    when_html: &resets,
                }
            )
        )
    }
}

/// Licenses with their live installations, each with a button that frees
/// its seat (posting to `{deactivate}/{activation_id}/deactivate`) while the
/// license has deactivations left this month, else the explanation.
/// `nested`: the licenses' headings are h3, under a section's h2.
pub(crate) fn installations_html(
    lang: Language,
    licenses: &[crate::app::InstalledLicense],
    deactivate: &str,
    nested: bool,
) -> Html {
    let level = Html::from_static(if nested { "h3" } else { "h2" });
    if licenses.is_empty() {
        return html!("<p>{}</p>", m::portal_licenses_none(lang));
    }
    let mut html = Html::EMPTY;
    for held in licenses {
        let license = &held.license;
        let rows: Vec<Vec<Html>> = held
            .activations
            .iter()
            .map(|a| {
                let action = if held.left.remaining == 0 {
                    m::portal_possible_again_html(lang, &when(lang, held.left.resets_at))
                } else {
                    html!(
                        "<form method=\"post\" action=\"{}/{}/deactivate\" class=\"inline\" \
                         data-confirm=\"{}\">\
                         <button type=\"submit\" aria-label=\"{}\">{}</button></form>",
                        deactivate,
                        a.id,
                        m::portal_deactivate_confirm(lang, &a.installation_id.to_string()),
                        m::portal_deactivate_label(lang, &a.installation_id.to_string()),
                        m::portal_deactivate(lang)
                    )
                };
                let by = match a.technician.as_deref() {
                    Some(technician) => html!("{}", m::portal_by_technician(lang, technician)),
                    None if a.path == "technician" => {
                        html!("{}", m::portal_by_partner_technician(lang))
                    }
                    None => html!("{}", m::portal_by_organisation(lang)),
                };
                vec![
                    html!("{}", a.installation_id),
                    html!("{}", a.major_version),
                    when(lang, a.created_at),
                    by,
                    action,
                ]
            })
            .collect();
        html.push(html!(
            "<section aria-labelledby=\"license-{}\"><{} id=\"license-{}\">{} · {} {} {}</{}>\
             <p>{}</p>{}{}</section>\n",
            license.serial,
            level.clone(),
            license.serial,
            license.serial,
            license.product,
            license.edition,
            license.major_version,
            level.clone(),
            m::portal_seats_in_use(
                lang,
                m::PortalSeatsInUse {
                    used: &held.activations.len().to_string(),
                    total: &license.installations.to_string(),
                }
            ),
            allowance_html(lang, &license.serial, &held.left),
            table(
                lang,
                &m::portal_installations_caption(lang, &license.serial.to_string()),
                &[
                    html!("{}", m::portal_col_installation(lang)),
                    html!("{}", m::portal_col_major_version(lang)),
                    html!("{}", m::portal_col_activated(lang)),
                    html!("{}", m::portal_col_by(lang)),
                    hidden(m::portal_deactivate(lang)),
                ],
                &rows
            )
        ));
    }
    html
}

/// A deactivation refused by the month's limit: the explanation, with
/// when it is possible again (no read: the limit and the month are known).
pub(crate) fn deactivation_refused(
    lang: Language,
    area: Area,
    back: &str,
    now: Instant,
) -> Handled {
    let left = crate::domain::activation::deactivations_left(
        crate::domain::activation::DEACTIVATIONS_PER_MONTH,
        now,
    );
    let body = html!(
        "<p role=\"alert\">{}</p><p><a href=\"{}\">{}</a></p>",
        m::portal_deactivation_refused_html(
            lang,
            m::PortalDeactivationRefusedHtml {
                limit: &crate::domain::activation::DEACTIVATIONS_PER_MONTH.to_string(),
                when_html: &when(lang, left.resets_at),
            }
        ),
        back,
        m::portal_back(lang)
    );
    page_in(
        lang,
        area,
        429,
        m::portal_deactivation_limit_title(lang),
        body,
    )
    .into()
}

/// Deactivates from a page: back to `back`, or the refusal explained.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn deactivate_from_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    lang: Language,
    id: &str,
    area: Area,
    back: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    match app.deactivate(caller, id, now, entropy).await {
        Ok(_) => Ok(Response::redirect(back).into()),
        Err(AppError::Licensing(crate::app::LicensingError::DeactivationLimit)) => {
            Ok(deactivation_refused(lang, area, back, now))
        }
        Err(error) => refusal_page(lang, area, error),
    }
}

/// `GET /portal/licenses`: the organisation's licenses and installations.
pub async fn portal_licenses_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    lang: Language,
    now: Instant,
) -> Result<Handled> {
    let (_, licenses) = app.my_installations(caller, now).await?;
    let body = html!(
        "<p>{}</p>{}",
        m::portal_licenses_intro_html(
            lang,
            m::PortalLicensesIntroHtml {
                limit: &crate::domain::activation::DEACTIVATIONS_PER_MONTH.to_string(),
                activate_html: &html!(
                    "<a href=\"/portal/activate\">{}</a>",
                    m::portal_activate_title(lang)
                ),
            }
        ),
        installations_html(lang, &licenses, "/portal/activations", false)
    );
    Ok(page_in(
        lang,
        Area::Customer,
        200,
        m::portal_licenses_title(lang),
        body,
    )
    .into())
}

/// `POST /portal/activations/{id}/deactivate`.
pub async fn portal_deactivate<D: Database>(
    app: &App<D>,
    caller: &Caller,
    lang: Language,
    id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    deactivate_from_page(
        app,
        caller,
        lang,
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
    lang: Language,
    id: &str,
    now: Instant,
) -> Result<Handled> {
    match app.cancel_order(caller, id, now).await {
        Ok(_) => Ok(Response::redirect(&format!("/portal/orders/{id}")).into()),
        Err(error) => refusal_page(lang, Area::Customer, error),
    }
}

/// The router admits only signed-in customers here.
pub fn activate_page(lang: Language) -> Result<Handled> {
    let body = html!(
        "<p>{}</p>{}",
        m::portal_activate_intro(lang),
        activation_form(lang, "/portal/activate", false)
    );
    Ok(page_in(
        lang,
        Area::Customer,
        200,
        m::portal_activate_title(lang),
        body,
    )
    .into())
}

/// Activates from a form, for the customer or a partner's technician.
pub(crate) async fn activate_from_form<D: Database>(
    app: &App<D>,
    caller: &crate::app::Caller,
    request: &Request,
    lang: Language,
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
            ("/portal/activate", false, m::portal_activate_title(lang))
        } else {
            ("/partner/activations", true, m::partner_title(lang))
        };
        let body = activation_form_with(lang, action, technician, &object, &fields.errors);
        return Ok(page_in(lang, area, 422, title, body).into());
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
                html!(
                    "<p>{}</p>",
                    m::portal_license_file_html(
                        lang,
                        &html!(
                            "<a href=\"/portal/activations/{}/license-file\">{}</a>",
                            record.id,
                            m::portal_download_license_file(lang)
                        )
                    )
                )
            } else {
                Html::EMPTY
            };
            let body = html!(
                "<p>{}</p>\
                 <p id=\"activation-code\" class=\"reference\">{}</p>{}",
                m::portal_activation_code_intro(lang),
                record.activation_code,
                file
            );
            Ok(page_in(lang, area, 201, m::portal_activated_title(lang), body).into())
        }
        Err(error) => refusal_page(lang, area, error),
    }
}

pub async fn activate<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &crate::app::Caller,
    lang: Language,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    activate_from_form(app, caller, request, lang, Area::Customer, now, entropy).await
}

pub async fn license_file<D: Database>(
    app: &App<D>,
    caller: &crate::app::Caller,
    lang: Language,
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
        Err(error) => refusal_page(lang, Area::Customer, error),
    }
}

pub(crate) fn invite_form(
    lang: Language,
    errors: &FieldErrors,
    values: &Map<String, Value>,
) -> Html {
    let errors = &errors.clone().in_language(lang);
    let value = |name: &str| values.get(name).and_then(Value::as_str).unwrap_or("");
    html!(
        "<h2>{}</h2><form method=\"post\" action=\"/portal/contacts\">{}{}{}<button type=\"submit\">{}</button></form>",
        m::portal_invite_heading(lang),
        input("name", m::portal_field_name(lang), "text", value("name"), errors, " required autocomplete=\"off\""),
        input("email", m::portal_field_email(lang), "email", value("email"), errors, " required autocomplete=\"off\""),
        input("phone", m::portal_field_phone(lang), "tel", value("phone"), errors, " required autocomplete=\"off\""),
        m::portal_invite_button(lang)
    )
}

pub(crate) async fn contacts_html<D: Database>(
    app: &App<D>,
    caller: &Caller,
    lang: Language,
    status: u16,
    errors: &FieldErrors,
    values: &Map<String, Value>,
    now: Instant,
) -> Result<Handled> {
    let people = app.contacts_as(caller).await?;
    Ok(contacts_view(lang, &people, status, errors, values, now))
}

pub(crate) fn contacts_view(
    lang: Language,
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
                html!("{}", m::portal_contact_you(lang))
            } else {
                html!(
                    "<form method=\"post\" action=\"/portal/contacts/{}/remove\" class=\"inline\" \
                     data-confirm=\"{}\">\
                     <button type=\"submit\" aria-label=\"{}\">{}</button></form>",
                    id,
                    m::portal_remove_confirm(lang, &c.name),
                    m::portal_remove_label(lang, &c.name),
                    m::portal_remove(lang)
                )
            };
            vec![
                html!("{}", c.name),
                html!("{}", c.email),
                html!("{}", c.phone),
                status_text(lang, c.status.as_str()),
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
                status_text(lang, i.standing.status(now)),
                when(lang, i.standing.expires_at),
                html!(
                    "<form method=\"post\" action=\"/portal/invitations/{}/withdraw\" class=\"inline\" \
                     data-confirm=\"{}\">\
                     <button type=\"submit\" aria-label=\"{}\">{}</button></form>",
                    i.id,
                    m::portal_withdraw_confirm(lang, &i.name),
                    m::portal_withdraw_label(lang, &i.name),
                    m::portal_withdraw(lang)
                ),
            ]
        })
        .collect();
    let body = html!(
        "<p>{}</p>{}<p>{}</p>{}{}",
        m::portal_contacts_intro(lang, &customer.customer.company_name),
        table(
            lang,
            m::portal_contacts_caption(lang),
            &[
                html!("{}", m::portal_col_name(lang)),
                html!("{}", m::portal_col_email(lang)),
                html!("{}", m::portal_col_phone(lang)),
                html!("{}", m::portal_col_status(lang)),
                html!("{}", m::portal_col_language(lang)),
                hidden(m::portal_remove(lang)),
            ],
            &rows
        ),
        m::portal_invitations_intro(lang),
        table(
            lang,
            m::portal_invitations_caption(lang),
            &[
                html!("{}", m::portal_col_name(lang)),
                html!("{}", m::portal_col_email(lang)),
                html!("{}", m::portal_col_status(lang)),
                html!("{}", m::portal_col_link_valid(lang)),
                hidden(m::portal_withdraw(lang)),
            ],
            &invitations
        ),
        invite_form(lang, errors, values)
    );
    page_in(
        lang,
        Area::Customer,
        status,
        m::portal_contacts_title(lang),
        body,
    )
    .into()
}

/// `GET /portal/contacts`.
pub async fn contacts_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    lang: Language,
    now: Instant,
) -> Result<Handled> {
    let people = app.contacts_as(caller).await?;
    Ok(contacts_view(
        lang,
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
    lang: Language,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = form(request)?;
    let invitee = match crate::app::Invitee::parse(&object, &app.config.vendor_addresses) {
        Ok(invitee) => invitee,
        Err(errors) => return contacts_html(app, caller, lang, 422, &errors, &object, now).await,
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
        // A phone that is no number in the organisation's country.
        Err(AppError::Invalid(errors)) => {
            contacts_html(app, caller, lang, 422, &errors, &object, now).await
        }
        Ok(invited) => Ok(Handled::with_jobs(
            Response::redirect("/portal/contacts"),
            invited.jobs,
        )),
        Err(AppError::Access(AccessError::EmailTaken)) => {
            let mut errors = FieldErrors::default();
            errors.push("email", Invalid::said("taken", m::field_contact_already));
            contacts_html(app, caller, lang, 409, &errors, &object, now).await
        }
        Err(error) => refusal_page(lang, Area::Customer, error),
    }
}

/// `POST /portal/invitations/{id}/withdraw`.
pub async fn withdraw_invitation<D: Database>(
    app: &App<D>,
    caller: &Caller,
    lang: Language,
    id: &str,
    now: Instant,
) -> Result<Handled> {
    match app.withdraw_invitation(caller, id, now).await {
        Ok(_) => Ok(Response::redirect("/portal/contacts").into()),
        Err(error) => refusal_page(lang, Area::Customer, error),
    }
}

/// `POST /portal/contacts/{id}/remove`.
pub async fn remove_contact<D: Database>(
    app: &App<D>,
    caller: &Caller,
    lang: Language,
    id: &str,
    now: Instant,
) -> Result<Handled> {
    match app.remove_contact(caller, None, id, now).await {
        Ok(_) => Ok(Response::redirect("/portal/contacts").into()),
        Err(error) => refusal_page(lang, Area::Customer, error),
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
    lang: Language,
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
    let flat = flat.in_language(lang);
    let pending = pending_email.map_or(Html::EMPTY, |email| {
        html!(
            "<p role=\"status\">{}</p>\n",
            m::portal_email_pending(lang, email)
        )
    });
    let checked = if value("newsletter").is_empty() {
        ""
    } else {
        " checked"
    };
    html!(
        "{}<form method=\"post\" action=\"/portal/profile\">\n<h2>{}</h2>\n{}{}{}{}{}{}\
         <h2>{}</h2>\n{}{}{}{}<p>{}</p>\n\
         <p><input id=\"newsletter\" name=\"newsletter\" type=\"checkbox\"{}>\n\
         <label for=\"newsletter\">{}</label></p>\n\
         <button type=\"submit\">{}</button>\n</form>",
        pending,
        customer.customer.company_name,
        input(
            "company_name",
            m::portal_field_company(lang),
            "text",
            value("company_name"),
            &flat,
            " required autocomplete=\"organization\""
        ),
        input(
            "street",
            m::portal_field_street(lang),
            "text",
            value("street"),
            &flat,
            " required autocomplete=\"street-address\""
        ),
        input(
            "postal_code",
            m::portal_field_postal_code(lang),
            "text",
            value("postal_code"),
            &flat,
            " required autocomplete=\"postal-code\""
        ),
        input(
            "city",
            m::portal_field_city(lang),
            "text",
            value("city"),
            &flat,
            " required autocomplete=\"address-level2\""
        ),
        country_field(
            lang,
            "country",
            m::public_field_country(lang),
            value("country"),
            &flat,
        ),
        input(
            "vat_id",
            m::portal_field_vat_id(lang),
            "text",
            value("vat_id"),
            &flat,
            ""
        ),
        m::portal_profile_you(lang),
        input(
            "contact_name",
            m::portal_field_your_name(lang),
            "text",
            value("contact_name"),
            &flat,
            " required autocomplete=\"name\""
        ),
        input(
            "email",
            m::portal_field_email(lang),
            "email",
            value("email"),
            &flat,
            " required autocomplete=\"email\""
        ),
        input(
            "phone",
            m::portal_field_phone(lang),
            "tel",
            value("phone"),
            &flat,
            " required autocomplete=\"tel\""
        ),
        language_select(
            m::portal_field_language(lang),
            Language::parse(value("language")).unwrap_or(customer.contact.language),
        ),
        m::portal_email_change_note(lang),
        checked,
        m::portal_newsletter(lang),
        m::portal_save(lang)
    )
}

/// What VIES said of the saved VAT number, below the form, and why an
/// order would not be zero-rated where it could have been.
fn vat_status_html(lang: Language, standing: &crate::app::VatStanding) -> Html {
    use crate::app::VatStatus;
    let said = match standing.status {
        None => Html::EMPTY,
        Some(status) => html!(
            "<p id=\"vat-status\" role=\"status\">{}</p>\n",
            match status {
                VatStatus::Confirmed => m::portal_vat_confirmed(lang),
                VatStatus::NotConfirmed => m::portal_vat_not_confirmed(lang),
                VatStatus::BeingChecked => m::portal_vat_being_checked(lang),
            }
        ),
    };
    html!("{}{}", said, vat_note_html(lang, standing.decision.note))
}

/// Why VAT is charged where it could have been reverse-charged, in words.
pub(crate) fn vat_note_html(lang: Language, note: Option<crate::domain::vat::VatNote>) -> Html {
    use crate::domain::vat::VatNote;
    note.map_or(Html::EMPTY, |note| {
        let explanation = match note {
            VatNote::DomesticNumber => m::portal_vat_note_domestic_number(lang),
            VatNote::NumberOfAnotherCountry => m::portal_vat_note_number_of_another_country(lang),
            VatNote::NoNumber => m::portal_vat_note_no_number(lang),
            VatNote::NumberBeingChecked => m::portal_vat_note_number_being_checked(lang),
            VatNote::NumberNotConfirmed => m::portal_vat_note_number_not_confirmed(lang),
            VatNote::NameDiffers => m::portal_vat_note_name_differs(lang),
        };
        html!(
            "<p id=\"vat-note\" class=\"notice\" data-vat-note=\"{}\">{}</p>\n",
            note.as_str(),
            explanation
        )
    })
}

/// `GET /portal/profile`: the form with the current values.
pub async fn profile_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    lang: Language,
) -> Result<Handled> {
    let (customer, pending, vat) = app.profile_form(caller).await?;
    let html = profile_html(
        lang,
        &customer,
        pending.as_deref(),
        &FieldErrors::default(),
        &current_values(&customer),
    );
    let html = html!("{}{}", html, vat_status_html(lang, &vat));
    let html = html!("{}{}", html, super::your_data(lang));
    Ok(page_in(
        lang,
        Area::Customer,
        200,
        m::portal_profile_title(lang),
        html,
    )
    .into())
}

/// `POST /portal/profile`: saved (back to the page, its language the one
/// chosen: the `lang` cookie follows the contact's language), or the form
/// again with what was typed and each error next to its field (422).
pub async fn save_profile<D: Database>(
    app: &App<D>,
    request: &Request,
    principal: &Principal,
    lang: Language,
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
            lang,
            Area::Customer,
            status,
            m::portal_profile_title(lang),
            profile_html(lang, &customer, None, errors, &object),
        )
    };
    let change = match ProfileChange::parse(&input, &app.config.vendor_addresses) {
        Ok(change) => change,
        Err(errors) => return Ok(again(422, &errors).into()),
    };
    // The pages follow the language chosen at once.
    let chosen = text("language")
        .and_then(|l| Language::parse(&l).ok())
        .unwrap_or(customer.contact.language);
    match app.change_profile(&customer, &change, now, entropy).await {
        Ok(jobs) => Ok(Handled::with_jobs(
            with_language(app, Response::redirect("/portal/profile"), chosen),
            jobs,
        )),
        Err(AppError::Invalid(errors)) => Ok(again(422, &errors).into()),
        // Nothing saved: the new address's link is withheld, and the form
        // says, next to the address, when to ask again.
        Err(AppError::Access(crate::app::AccessError::LinkWithheld { withheld, .. })) => {
            let (local, zone) = crate::domain::time::in_ljubljana(withheld.retry_at);
            let mut errors = FieldErrors::default();
            errors.push(
                "email",
                Invalid::said("link_withheld", |l| {
                    m::portal_link_withheld(
                        l,
                        m::PortalLinkWithheld {
                            limit: &crate::domain::notification::LINKS_PER_HOUR.to_string(),
                            when: &m::portal_when_zone(
                                l,
                                m::PortalWhenZone {
                                    when: &crate::domain::format::date_time(l, local),
                                    zone,
                                },
                            ),
                        },
                    )
                }),
            );
            Ok(again(429, &errors).into())
        }
        Err(error) => Ok(problem_page(lang, Area::Customer, error.into())),
    }
}
