//! The server-rendered pages of the customer portal, the staff desk and the
//! partner pages. Every page works without JavaScript: plain forms post here
//! and are answered by redirects (or, when a field is wrong, by the form again
//! with each error next to its field). Browsers hold the session in an
//! HttpOnly, SameSite=Lax cookie; forms from another origin are refused.

use chrono::Duration;
use serde_json::{Map, Value};

use super::decode::{self, Body, Fields};
use super::http::{Handled, Request, Response};
use super::pages::{escape, page, page_in, Area};
use super::problem::ApiError;
use super::refuse;
use super::Result;
use crate::app::{
    Access, App, AppError, AttemptInput, Caller, PaymentProvider, Principal, Reply, SessionInput,
    Timeline, Upload, BREAK_GLASS,
};
use crate::domain::activation::InstallationId;
use crate::domain::entropy::Entropy;
use crate::domain::field::{FieldErrors, Invalid};
use crate::domain::incident::{Channel, Outcome};
use crate::domain::license::ProductVersion;
use crate::domain::link::ReturnPath;
use crate::domain::money::Money;
use crate::domain::order::{PaymentMethod, Quantity};
use crate::domain::serial::SerialNumber;
use crate::domain::text::Text;
use crate::domain::time::{format, Instant};
use crate::domain::token::{Token, TokenError};
use crate::store::{Database, OrderRecord, SessionKind};

/// A browser session lasts as long as an access token.
const SESSION_SECONDS: i64 = crate::app::SESSION_HOURS * 3600;

fn secure<D>(app: &App<D>) -> bool {
    app.config.public_base_url.starts_with("https://")
}

/// The session cookie's name: `__Host-` (Secure, this host only, path /)
/// wherever the portal is served over https; browsers refuse that prefix
/// without `Secure`, so the loopback dev server uses the plain name.
pub fn session_cookie<D>(app: &App<D>) -> &'static str {
    if secure(app) {
        "__Host-spica_session"
    } else {
        "spica_session"
    }
}

/// The origin (scheme, host and port) of the portal's own pages.
fn own_origin<D>(app: &App<D>) -> &str {
    let url = &app.config.public_base_url;
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    url[after_scheme..]
        .find('/')
        .map_or(url.as_str(), |i| &url[..after_scheme + i])
}

/// Every form posted to the pages (sign-in forms included, so that no other
/// site can sign a browser in as someone else) must come from the portal's
/// own pages: the `Origin` is ours, or, where a browser sends none,
/// `Sec-Fetch-Site` says same-origin. Anything else is 403.
pub fn same_origin<D>(app: &App<D>, request: &Request) -> Result<()> {
    let ours = match request.header("origin") {
        Some(origin) => origin == own_origin(app),
        None => request.header("sec-fetch-site") == Some("same-origin"),
    };
    if ours {
        Ok(())
    } else {
        Err(ApiError::App(AppError::Forbidden(
            "forms are accepted from the portal's own pages only",
        )))
    }
}

/// A form's fields as a JSON object of strings, so the API's parsers read
/// it (the router has checked its origin).
pub(super) fn form(request: &Request) -> Result<Map<String, Value>> {
    match decode::body(request, true)? {
        Body::Form(pairs) => Ok(pairs
            .into_iter()
            .map(|(k, v)| (k, Value::String(v)))
            .collect()),
        Body::Json(_) => Err(ApiError::UnsupportedMediaType(
            "application/x-www-form-urlencoded",
        )),
    }
}

/// Where a page sends someone who is not signed in: the sign-in page of
/// its area, which brings them back to the page they asked for (a link
/// in an email to a customer, to the desk or to a partner).
pub fn sign_in_first(access: Access, request: &Request) -> Response {
    let sign_in = match access {
        Access::Staff(_) => DESK_SIGN_IN.action,
        Access::Partner(_) => PARTNER_SIGN_IN.action,
        _ => "/sign-in",
    };
    let wanted = if request.query.is_empty() {
        request.path.clone()
    } else {
        format!("{}?{}", request.path, request.query)
    };
    match ReturnPath::parse(&wanted) {
        Ok(next) if request.method == super::http::Method::Get => {
            let query = serde_urlencoded::to_string([("next", next.as_str())]).unwrap_or_default();
            Response::redirect(&format!("{sign_in}?{query}"))
        }
        _ => Response::redirect(sign_in),
    }
}

/// A page's answer to someone signed in who may not see it.
pub fn refused(access: Access, error: ApiError) -> Handled {
    let area = match access {
        Access::Staff(_) => Area::Desk,
        Access::Partner(_) => Area::Partner,
        Access::Customer => Area::Customer,
        Access::Public | Access::Signed => Area::Public,
    };
    problem_page(area, error)
}

// ---- small HTML builders --------------------------------------------------

pub(super) fn error_for(errors: &FieldErrors, name: &str) -> Option<String> {
    errors
        .list()
        .iter()
        .find(|e| e.field == name)
        .map(|e| e.detail.clone())
}

/// A labelled input with its error, if any, right after it.
pub(super) fn input(
    name: &str,
    label: &str,
    kind: &str,
    value: &str,
    errors: &FieldErrors,
    extra: &str,
) -> String {
    let error = error_for(errors, name);
    let described = error.as_ref().map_or(String::new(), |_| {
        format!(" aria-invalid=\"true\" aria-describedby=\"{name}-error\"")
    });
    let message = error.map_or(String::new(), |e| {
        format!(
            "<p id=\"{name}-error\" class=\"field-error\" role=\"alert\">{}</p>",
            escape(&e)
        )
    });
    format!(
        "<p><label for=\"{name}\">{label}</label>\n<input id=\"{name}\" name=\"{name}\" type=\"{kind}\" value=\"{}\"{extra}{described}></p>{message}\n",
        escape(value)
    )
}

/// A labelled text area that keeps its value, with its error after it.
pub(super) fn textarea_with(name: &str, label: &str, value: &str, errors: &FieldErrors) -> String {
    let error = error_for(errors, name);
    let described = error.as_ref().map_or(String::new(), |_| {
        format!(" aria-invalid=\"true\" aria-describedby=\"{name}-error\"")
    });
    let message = error.map_or(String::new(), |e| {
        format!(
            "<p id=\"{name}-error\" class=\"field-error\" role=\"alert\">{}</p>",
            escape(&e)
        )
    });
    format!(
        "<p><label for=\"{name}\">{label}</label>\n<textarea id=\"{name}\" name=\"{name}\" rows=\"6\"{described}>{}</textarea></p>{message}\n",
        escape(value)
    )
}

/// A labelled choice with `chosen` selected (the first option otherwise).
fn select_with(
    id: &str,
    name: &str,
    label: &str,
    options: &[(&str, &str)],
    chosen: &str,
) -> String {
    let options = options_html(options, chosen);
    format!("<p><label for=\"{id}\">{label}</label>\n<select id=\"{id}\" name=\"{name}\">{options}</select></p>\n")
}

/// A select's options, `chosen` selected (none when it is not among them).
pub(super) fn options_html(options: &[(&str, &str)], chosen: &str) -> String {
    options
        .iter()
        .map(|(value, text)| {
            let selected = if *value == chosen { " selected" } else { "" };
            format!("<option value=\"{value}\"{selected}>{text}</option>")
        })
        .collect()
}

const CHANNELS: [(&str, &str); 4] = [
    ("voice", "Voice call"),
    ("chat", "Chat"),
    ("video", "Video"),
    ("remote_desktop", "Remote desktop"),
];

pub(super) fn table(caption: &str, headers: &[&str], rows: &[Vec<String>]) -> String {
    if rows.is_empty() {
        return format!("<p>{}: none yet.</p>", escape(caption));
    }
    let head: String = headers
        .iter()
        .map(|h| format!("<th scope=\"col\">{h}</th>"))
        .collect();
    let body: String = rows
        .iter()
        .map(|row| {
            format!(
                "<tr>{}</tr>",
                row.iter()
                    .map(|cell| format!("<td>{cell}</td>"))
                    .collect::<String>()
            )
        })
        .collect();
    scroll_region(
        caption,
        &format!(
            "<table><caption>{}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>",
            escape(caption)
        ),
    )
}

/// A table's wrapper, which scrolls sideways when the table is wider than
/// the screen: focusable and named by the caption, so that keyboard users
/// can scroll it too.
fn scroll_region(caption: &str, table: &str) -> String {
    format!(
        "<div class=\"table-wrap\" role=\"region\" aria-label=\"{}\" tabindex=\"0\">{table}</div>",
        escape(caption)
    )
}

/// What a ledger entry is, in the customer's words.
fn entry_label(kind: crate::domain::ledger::EntryKind) -> &'static str {
    use crate::domain::ledger::EntryKind as K;
    match kind {
        K::FreeGrant => "Free first coupon",
        K::Purchase => "Coupons bought",
        K::Consumption => "Support time",
        K::Reversal => "Refund",
        K::Adjustment => "Correction by Spica",
    }
}

pub(super) fn status_text(status: &str) -> String {
    status.replace('_', " ")
}

pub(super) fn problem_page(area: Area, error: ApiError) -> Handled {
    let handled = error.into_handled();
    let status = handled.response.status;
    let detail = serde_json::from_slice::<Value>(&handled.response.body)
        .ok()
        .and_then(|p| p.get("detail").and_then(Value::as_str).map(str::to_owned))
        .unwrap_or_else(|| "Something went wrong.".into());
    Handled {
        response: page_in(
            area,
            status,
            "Not possible",
            &format!("<p role=\"alert\">{}</p>", escape(&detail)),
        ),
        ..handled
    }
}

// ---- public pages ---------------------------------------------------------

pub fn home() -> Response {
    page(
        200,
        "Time & Space customer support",
        "<p>Registered Time &amp; Space users receive news and bulletins, activate their software, and get direct \
         support from Spica: a call back within 24 hours, charged in started 15-minute increments, one prepaid coupon \
         each. Your first coupon is free.</p>\n<p><a href=\"/register\">Register</a> · <a href=\"/sign-in\">Sign in</a> · \
         <a href=\"/terms\">Support terms and conditions</a></p>",
    )
}

/// The support terms, from the vendor's support page, with their version.
pub fn terms() -> Response {
    const TERMS: &[&str] = &[
        "The support is available to registered users only.",
        "Users register online with the software license serial number (shown in every Help/About dialog and on the license invoice, or 0 if not available) and full company and contact information.",
        "The support incident is raised at the Customer Support Portal.",
        "The support is delivered through the Customer Support Portal, email and real-time communication (voice, chat, screen sharing). In the case of real-time delivery, the call is initiated from Spica. If it fails after 3 attempts, the customer is prompted for further action by email.",
        "Response time for the support request is maximum 24 hours. Most incidents are responded well within 12 hours.",
        "The support is performed by qualified Time & Space professionals with general knowledge of various support issues. The content or topic is not limited.",
        "The number of messages or calls within the same incident is not limited. The overall time is measured and charged for in 15-minute increments, for each started increment (for example, a total of 17 minutes is charged as 2 increments).",
        "The support is offered as best effort and no guarantees are given for the outcome.",
        "The support is paid with pre-purchased coupons. One coupon buys 15 minutes of support (EUR 25.00; EUR 15.00 with SUPS coverage).",
        "Coupons can be purchased online at the Customer Support Portal, or by a conventional order paid by bank transfer.",
        "The first coupon is free of charge.",
    ];
    let items: String = TERMS
        .iter()
        .map(|t| format!("<li>{}</li>", escape(t)))
        .collect();
    page(
        200,
        "Direct support terms and conditions",
        &format!(
            "<p>Version {}.</p>\n<ol>{items}</ol>\n<p>SUPS (Software Upgrade and Premium Support) is available through authorised reseller partners only; its other terms are defined by the partner.</p>",
            crate::domain::registration::TERMS_VERSION
        ),
    )
}

/// `POST /sign-out`: ends this browser's session on the server and forgets
/// the cookie.
pub async fn sign_out<D: Database>(
    app: &App<D>,
    request: &Request,
    now: Instant,
) -> Result<Handled> {
    let cookie = session_cookie(app);
    app.sign_out(request.cookie(cookie), now).await?;
    Ok(Response::redirect("/")
        .with_cookie(cookie, "", secure(app), 0)
        .into())
}

/// A browser session's cookie, holding the session's random id only.
fn with_session<D>(app: &App<D>, response: Response, session: &Token) -> Response {
    response.with_cookie(
        session_cookie(app),
        session.as_str(),
        secure(app),
        SESSION_SECONDS,
    )
}

/// A signed-in customer's browser session, from the sign-in link: on to
/// the page they were going to, or the portal.
pub fn customer_session<D>(app: &App<D>, session: &Token, next: Option<&ReturnPath>) -> Response {
    let landing = next.map_or("/portal", ReturnPath::as_str);
    with_session(app, Response::redirect(landing), session)
}

// ---- the customer portal --------------------------------------------------

pub async fn portal<D: Database>(
    app: &App<D>,
    caller: &crate::app::Caller,
    now: Instant,
) -> Result<Handled> {
    let overview = app.overview(caller).await?;
    let profile = &overview.profile;
    let c = &profile.principal.customer;
    let mut html = format!(
        "<p>{} · {}</p>\n<section aria-labelledby=\"balance-heading\"><h2 id=\"balance-heading\">Support balance</h2>\
         <p id=\"coupon-balance\" class=\"balance\">{} coupon(s), {} minutes of direct support</p>\
         <p><a href=\"/portal/coupons\">Buy coupons</a> · <a href=\"/support\">Request support</a></p></section>\n",
        escape(&profile.principal.contact.name),
        escape(&c.company_name),
        profile.coupon_balance,
        profile.minutes_available
    );
    let ledger: Vec<Vec<String>> = overview
        .records
        .ledger
        .iter()
        .map(|line| {
            vec![
                when(line.created_at),
                entry_label(line.kind).to_owned(),
                line.coupons.to_string(),
            ]
        })
        .collect();
    html.push_str(&table(
        "Coupon ledger, newest first",
        &["When", "Entry", "Coupons"],
        &ledger,
    ));
    let orders: Vec<Vec<String>> = overview
        .orders
        .iter()
        .map(|r| {
            vec![
                format!(
                    "<a href=\"/portal/orders/{0}\">{0}</a>",
                    escape(&r.order.id)
                ),
                r.order.quantity.get().to_string(),
                format!("EUR {}", r.order.total),
                status_text(r.order.status_at(now).as_str()),
            ]
        })
        .collect();
    html.push_str(&table(
        "Orders",
        &["Order", "Coupons", "Total", "Status"],
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
            .map_or("none".to_owned(), |c| format!("until {}", c.last_day()));
        licenses.push(vec![
            escape(&license.serial),
            escape(&format!(
                "{} {} {}",
                license.product, license.edition, license.major_version
            )),
            format!("{active} of {}", license.installations),
            sups,
        ]);
    }
    html.push_str(&table(
        "Licenses",
        &["Serial", "Product", "Activated", "SUPS"],
        &licenses,
    ));
    let incidents: Vec<Vec<String>> = overview
        .records
        .incidents
        .iter()
        .map(|i| {
            vec![
                format!(
                    "<a href=\"/portal/incidents/{}\">{}</a>",
                    escape(&i.id),
                    escape(&i.subject)
                ),
                status_text(i.callback.status.as_str()),
                when(i.callback.due_by),
            ]
        })
        .collect();
    html.push_str(&table(
        "Support incidents",
        &["Subject", "Status", "Call by"],
        &incidents,
    ));
    Ok(page_in(Area::Customer, 200, "Your support account", &html).into())
}

fn coupon_form(unit_price: Money, values: &Map<String, Value>, errors: &FieldErrors) -> String {
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
    let error = error_for(errors, "payment_method").map_or(String::new(), |e| {
        format!("<p class=\"field-error\" role=\"alert\">{}</p>", escape(&e))
    });
    format!(
        "<p>One coupon buys 15 minutes of direct support: EUR {unit_price} for you today.</p>\n\
         <form method=\"post\" action=\"/portal/coupons\">\n{}\
         <fieldset><legend>Payment</legend>\n\
         <p><input type=\"radio\" id=\"pay-card\" name=\"payment_method\" value=\"card\"{card}> <label for=\"pay-card\">Card</label></p>\n\
         <p><input type=\"radio\" id=\"pay-bank\" name=\"payment_method\" value=\"bank_transfer\"{bank}> <label for=\"pay-bank\">Bank transfer</label></p>\n\
         </fieldset>{error}\n<button type=\"submit\">Order</button>\n</form>",
        input("quantity", "Coupons", "number", quantity, errors, " min=\"1\" max=\"200\" required"),
    )
}

pub async fn coupons_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    now: Instant,
) -> Result<Handled> {
    let (_, sups) = app.covered(caller, now).await?;
    let body = coupon_form(
        crate::domain::order::unit_price(sups),
        &Map::new(),
        &FieldErrors::default(),
    );
    Ok(page_in(Area::Customer, 200, "Buy support coupons", &body).into())
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
            .map_err(|_| Invalid::new("type", "must be a whole number"))
            .and_then(Quantity::parse)
    });
    let method = fields.parse("payment_method", PaymentMethod::parse);
    let (Some(quantity), Some(method)) = (quantity, method) else {
        let (_, sups) = app.covered(caller, now).await?;
        let body = coupon_form(
            crate::domain::order::unit_price(sups),
            &object,
            &fields.errors,
        );
        return Ok(page_in(Area::Customer, 422, "Buy support coupons", &body).into());
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
        Err(error @ (AppError::Unavailable(_) | AppError::PaymentProvider(_))) => {
            Ok(problem_page(Area::Customer, error.into()))
        }
        Err(other) => Err(other.into()),
    }
}

fn bank_transfer_html<D>(app: &App<D>, record: &OrderRecord) -> String {
    let order = &record.order;
    let (Some(reference), Some(account)) = (&order.rf_reference, &app.config.bank_account) else {
        return String::new();
    };
    let due = order.total.saturating_minus(order.received);
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
    .map(crate::domain::html::Html::into_string)
    .unwrap_or_default();
    format!(
        "<section aria-labelledby=\"transfer-heading\"><h2 id=\"transfer-heading\">Pay by bank transfer</h2>\n\
         <p>Quote this reference exactly, so that your payment finds your order:</p>\n\
         <p><span id=\"rf-reference\" class=\"reference\">{}</span> \
         <button type=\"button\" id=\"copy-reference\" data-copy=\"rf-reference\">Copy reference</button></p>\n\
         <dl><dt>Amount</dt><dd>EUR {due}</dd><dt>Beneficiary</dt><dd>{}</dd><dt>IBAN</dt><dd>{}</dd><dt>BIC</dt><dd>{}</dd></dl>\n\
         <p>Or scan this code with your banking app:</p>\n<div class=\"qr\">{qr}</div></section>",
        escape(&reference.grouped()),
        escape(&account.beneficiary),
        escape(&account.iban),
        escape(&account.bic),
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
    let record = match app.my_order(caller, id).await {
        Ok((_, record)) => record,
        Err(error @ AppError::NotFound) => return Ok(problem_page(Area::Customer, error.into())),
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
    let mut html = notice.to_owned();
    html.push_str(&format!(
        "<p>{} coupon(s) at EUR {} = <strong>EUR {}</strong>. Status: <span class=\"badge\">{}</span>. Open until {}.</p>\n",
        order.quantity.get(),
        order.unit_price,
        order.total,
        status_text(order.status_at(now).as_str()),
        when(order.expires_at),
    ));
    if let Some(url) = &record.checkout_url {
        if order.status_at(now) == crate::domain::order::OrderStatus::AwaitingPayment {
            html.push_str(&format!(
                "<p><a href=\"{}\">Pay by card</a></p>",
                escape(url)
            ));
        }
    }
    html.push_str(&bank_transfer_html(app, &record));
    Ok(page_in(Area::Customer, 200, &format!("Order {}", order.id), &html).into())
}

/// The support request form, with what was typed when it comes back.
fn support_form(values: &Map<String, Value>, errors: &FieldErrors) -> String {
    let value = |name: &str| values.get(name).and_then(Value::as_str).unwrap_or("");
    let channel_error = error_for(errors, "channel").map_or(String::new(), |e| {
        format!("<p class=\"field-error\" role=\"alert\">{}</p>", escape(&e))
    });
    format!(
        "<p>We call you back within 24 hours, most requests within 12. Support time is charged in started 15-minute increments, one coupon each.</p>\n\
         <form method=\"post\" action=\"/support\">\n{}{}{}{channel_error}{}{}<button type=\"submit\">Request support</button>\n</form>",
        input("subject", "Subject", "text", value("subject"), errors, " required maxlength=\"200\""),
        textarea_with("description", "What happened", value("description"), errors),
        select_with("channel", "channel", "How we should reach you", &CHANNELS, value("channel")),
        input("phone", "Phone, with country code (required for a voice call)", "tel", value("phone"), errors, " autocomplete=\"tel\""),
        input("preferred_times", "Times that suit you", "text", value("preferred_times"), errors, ""),
    )
}

/// The router admits only signed-in customers here.
pub fn support_page() -> Result<Handled> {
    Ok(page_in(
        Area::Customer,
        200,
        "Request direct support",
        &support_form(&Map::new(), &FieldErrors::default()),
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
    let object = match form(request) {
        Ok(object) => object,
        Err(error) => return refuse(app, caller, error).await,
    };
    let input = match super::incidents::incident_input(&object) {
        Ok(input) => input,
        Err(errors) => {
            app.identify(caller).await?;
            return Ok(page_in(
                Area::Customer,
                422,
                "Request direct support",
                &support_form(&object, &errors),
            )
            .into());
        }
    };
    match app.open_incident(caller, input, now, entropy).await {
        Ok((incident, jobs)) => Ok(Handled::with_jobs(Response::redirect(&format!("/portal/incidents/{}", incident.id)), jobs)),
        Err(AppError::PaymentRequired) => Ok(page_in(
            Area::Customer,
            402,
            "Coupons needed",
            "<p role=\"alert\">Direct support needs at least one coupon. <a href=\"/portal/coupons\">Buy coupons</a>, then request support again.</p>",
        )
        .into()),
        Err(other) => Err(other.into()),
    }
}

/// A page's answer to a use case's refusal: who may not is signed in or
/// refused by the router; anything else is shown on the page.
fn refusal_page(area: Area, error: AppError) -> Result<Handled> {
    match error {
        AppError::Unauthenticated | AppError::Forbidden(_) | AppError::Unavailable(_) => {
            Err(error.into())
        }
        other => Ok(problem_page(area, other.into())),
    }
}

/// An instant as its reader sees it: `<time datetime>` in Ljubljana's time
/// (the portal's home), which the pages' script turns into the reader's own
/// time zone.
pub(super) fn when(instant: Instant) -> String {
    let (local, zone) = crate::domain::time::in_ljubljana(instant);
    format!(
        "<time datetime=\"{}\">{} {zone}</time>",
        escape(&format(instant)),
        local.format("%-d %b %Y, %H:%M")
    )
}

/// Text someone wrote in paragraphs, escaped, its line breaks and tabs
/// shown as written (the stylesheet's `.free-text` keeps white space).
fn free_text(text: &str) -> String {
    format!("<span class=\"free-text\">{}</span>", escape(text))
}

/// An incident's timeline, for the customer's page and the desk's.
fn timeline_html(timeline: &Timeline) -> String {
    let incident = &timeline.incident;
    let c = &incident.callback;
    let mut html = format!(
        "<p>Status: <span id=\"incident-status\" class=\"badge\">{}</span></p>\n\
         <dl><dt>Channel</dt><dd>{}</dd><dt>Call by</dt><dd>{}</dd><dt>Attempts</dt><dd>{} ({} failed in this window)</dd>{}</dl>\n\
         <p id=\"incident-description\" class=\"free-text\">{}</p>\n",
        status_text(c.status.as_str()),
        escape(incident.channel.as_str()),
        when(c.due_by),
        c.attempts,
        c.failed_attempts,
        c.sla_breached_at.map_or(String::new(), |at| format!("<dt>Deadline missed</dt><dd>{}</dd>", when(at))),
        escape(&incident.description),
    );
    let attempts: Vec<Vec<String>> = timeline
        .attempts
        .iter()
        .map(|a| {
            vec![
                a.number.to_string(),
                when(a.created_at),
                status_text(&a.outcome),
                free_text(a.note.as_deref().unwrap_or("")),
            ]
        })
        .collect();
    html.push_str(&table(
        "Callback attempts",
        &["#", "When", "Outcome", "Note"],
        &attempts,
    ));
    let total = timeline.total_seconds();
    let rows: Vec<Vec<String>> = timeline
        .sessions
        .iter()
        .map(|s| {
            vec![
                when(s.session.started_at),
                format!("{} min", (s.session.seconds() + 59) / 60),
                escape(&s.agent),
            ]
        })
        .collect();
    html.push_str(&table(
        "Support sessions",
        &["Started", "Length", "Agent"],
        &rows,
    ));
    html.push_str(&format!(
        "<p>Total time {} min {} s; coupons charged: {}.</p>\n",
        total / 60,
        total % 60,
        timeline.coupons_charged
    ));
    let messages: Vec<Vec<String>> = timeline
        .messages
        .iter()
        .map(|m| {
            vec![
                when(m.created_at),
                escape(&m.author_name),
                free_text(&m.body),
            ]
        })
        .collect();
    html.push_str(&table("Messages", &["When", "From", "Message"], &messages));
    html
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
async fn incident_html<D: Database>(
    app: &App<D>,
    caller: &Caller,
    id: &str,
    status: u16,
    values: &Map<String, Value>,
    errors: &FieldErrors,
) -> Result<Handled> {
    let timeline = match app.my_incident(caller, id).await {
        Ok((_, timeline)) => timeline,
        Err(error) => return refusal_page(Area::Customer, error),
    };
    let value = |name: &str| values.get(name).and_then(Value::as_str).unwrap_or("");
    let mut html = timeline_html(&timeline);
    html.push_str(&format!(
        "<h2>Write to support</h2><form method=\"post\" action=\"/portal/incidents/{}/messages\">{}{}<button type=\"submit\">Send</button></form>",
        escape(&timeline.incident.id),
        textarea_with("body", "Your message (new times or another number are welcome)", value("body"), errors),
        input("phone", "Another phone number (optional)", "tel", value("phone"), errors, ""),
    ));
    Ok(page_in(Area::Customer, status, &timeline.incident.subject, &html).into())
}

pub async fn customer_message<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = match form(request) {
        Ok(object) => object,
        Err(error) => return refuse(app, caller, error).await,
    };
    let mut fields = Fields::new(&object);
    let body = fields.parse("body", |t| Text::parse_multiline(t, 10_000));
    let phone = fields.parse_optional("phone", crate::domain::phone::Phone::parse);
    let (Some(body), Some(phone)) = (body, phone) else {
        return incident_html(app, caller, id, 422, &object, &fields.errors).await;
    };
    let reply = Reply {
        body,
        phone,
        preferred_times: None,
    };
    match app.customer_message(caller, id, reply, now, entropy).await {
        Ok((_, jobs)) => Ok(Handled::with_jobs(
            Response::redirect(&format!("/portal/incidents/{id}")),
            jobs,
        )),
        Err(error) => refusal_page(Area::Customer, error),
    }
}

fn activation_form(action: &str, technician: bool) -> String {
    activation_form_with(action, technician, &Map::new(), &FieldErrors::default())
}

/// The activation form, with what was typed and each error next to its field.
fn activation_form_with(
    action: &str,
    technician: bool,
    values: &Map<String, Value>,
    errors: &FieldErrors,
) -> String {
    let value = |name: &str| values.get(name).and_then(Value::as_str).unwrap_or("");
    format!(
        "<form method=\"post\" action=\"{action}\">{}{}{}{}<button type=\"submit\">Activate</button></form>",
        input("serial", "License serial number", "text", value("serial"), errors, " required"),
        input("installation_id", "Installation ID (shown by the product)", "text", value("installation_id"), errors, " required"),
        input("product_version", "Product version", "text", value("product_version"), errors, " required"),
        if technician { input("technician", "Technician", "text", value("technician"), errors, " required") } else { String::new() },
    )
}

/// The router admits only signed-in customers here.
pub fn activate_page() -> Result<Handled> {
    let body = format!(
        "<p>Activation is normally done by your Spica partner's technician; you can also do it yourself.</p>{}",
        activation_form("/portal/activate", false)
    );
    Ok(page_in(Area::Customer, 200, "Activate an installation", &body).into())
}

/// A refusal on a page: who may not call goes to sign in (or is refused)
/// as the router does for every page; any other refusal is said on the page.
fn refused_on_page(area: Area, error: AppError) -> Result<Handled> {
    match error {
        AppError::Unauthenticated | AppError::Forbidden(_) | AppError::Unavailable(_) => {
            Err(error.into())
        }
        other => Ok(problem_page(area, other.into())),
    }
}

/// Activates from a form, for the customer or a partner's technician.
async fn activate_from_form<D: Database>(
    app: &App<D>,
    caller: &crate::app::Caller,
    request: &Request,
    area: Area,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = match form(request) {
        Ok(object) => object,
        Err(error) => return refuse(app, caller, error).await,
    };
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
        return Ok(page_in(area, 422, title, &body).into());
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
                format!("<p><a href=\"/portal/activations/{}/license-file\">Download a license file</a> for an installation without internet.</p>", escape(&record.id))
            } else {
                String::new()
            };
            let body = format!(
                "<p>Enter this activation code in the product (it can be read out over the phone):</p>\
                 <p id=\"activation-code\" class=\"reference\">{}</p>{file}",
                escape(&record.activation_code)
            );
            Ok(page_in(area, 201, "Activated", &body).into())
        }
        Err(error) => refused_on_page(area, error),
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
        Err(error) => refused_on_page(Area::Customer, error),
    }
}

// ---- the staff desk -------------------------------------------------------

/// A sign-in form for a secret, carrying where to go back to afterwards.
fn credential_form(
    action: &str,
    name: &str,
    label: &str,
    error: Option<&str>,
    next: Option<&str>,
) -> String {
    let mut errors = FieldErrors::default();
    if let Some(error) = error {
        errors.push(name, Invalid::new("invalid", error));
    }
    format!(
        "<form method=\"post\" action=\"{action}\">{}{}<button type=\"submit\">Sign in</button></form>",
        input(name, label, "password", "", &errors, " required autocomplete=\"current-password\""),
        super::next_field(next),
    )
}

/// A sign-in page that takes a secret (the break-glass staff token, a
/// partner key) and opens a browser session for its holder: the cookie
/// holds the session's random id, never the secret.
pub struct CredentialSignIn {
    action: &'static str,
    field: &'static str,
    label: &'static str,
    title: &'static str,
    landing: &'static str,
    refused: &'static str,
    staff: bool,
}

pub const DESK_SIGN_IN: CredentialSignIn = CredentialSignIn {
    action: "/desk/sign-in",
    field: "token",
    label: "Break-glass staff token (staff normally sign in through Cloudflare Access)",
    title: "Support desk sign-in",
    landing: "/desk",
    refused: "is not the staff token",
    staff: true,
};

pub const PARTNER_SIGN_IN: CredentialSignIn = CredentialSignIn {
    action: "/partner/sign-in",
    field: "key",
    label: "Partner key",
    title: "Partner sign-in",
    landing: "/partner",
    refused: "is not a valid partner key",
    staff: false,
};

impl CredentialSignIn {
    /// The sign-in page; `?next=` is where signing in leads.
    pub fn page(&self, request: &Request) -> Response {
        let next = request.query_param("next");
        let form = credential_form(self.action, self.field, self.label, None, next.as_deref());
        page_in(Area::Public, 200, self.title, &form)
    }

    /// Checks the posted secret; a valid one opens a session.
    pub async fn sign_in<D: Database>(
        &self,
        app: &App<D>,
        request: &Request,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Handled> {
        let object = form(request)?;
        let secret = object
            .get(self.field)
            .and_then(Value::as_str)
            .unwrap_or("")
            .trim()
            .to_owned();
        let session = if !self.staff {
            app.partner_session(&secret, now, entropy).await?
        } else if app.break_glass_admits(&secret) {
            Some(
                app.open_session(SessionKind::Staff, BREAK_GLASS, now, entropy)
                    .await?,
            )
        } else {
            None
        };
        let next = object.get("next").and_then(Value::as_str);
        let Some(session) = session else {
            let body = credential_form(
                self.action,
                self.field,
                self.label,
                Some(self.refused),
                next,
            );
            return Ok(page_in(Area::Public, 401, self.title, &body).into());
        };
        let landing = super::return_path(next);
        let landing = landing.as_ref().map_or(self.landing, ReturnPath::as_str);
        Ok(with_session(app, Response::redirect(landing), &session).into())
    }
}

pub async fn desk<D: Database>(app: &App<D>, caller: &Caller, now: Instant) -> Result<Handled> {
    let (staff, queue) = app.desk_queue(caller, now).await?;
    let role = staff.role;
    let desk = Area::DeskAs(role);
    // Finance sees the queue but works no incidents: no links it may not follow.
    let opens_incidents = role.may(&[crate::domain::staff::StaffRole::Agent]);
    let rows: String = queue
        .incidents
        .iter()
        .map(|i| {
            let left = i.callback.due_by - now;
            let (class, label) = if left <= Duration::zero() {
                ("late", "deadline passed".to_owned())
            } else if left <= Duration::hours(4) {
                ("soon", format!("{} min left", left.num_minutes()))
            } else {
                ("ok", format!("{} h left", left.num_hours()))
            };
            let subject = if opens_incidents {
                format!(
                    "<a href=\"/desk/incidents/{}\">{}</a>",
                    escape(&i.id),
                    escape(&i.subject)
                )
            } else {
                escape(&i.subject)
            };
            format!(
                "<tr class=\"{class}\"><td>{subject}</td><td>{}</td><td>{}</td><td>{label}</td></tr>",
                status_text(i.callback.status.as_str()),
                when(i.callback.due_by),
            )
        })
        .collect();
    let caption = "Open incidents, nearest deadline first";
    let mut html = scroll_region(
        caption,
        &format!(
            "<table id=\"incident-queue\"><caption>{caption}</caption>\
             <thead><tr><th scope=\"col\">Incident</th><th scope=\"col\">Status</th><th scope=\"col\">Call by</th><th scope=\"col\">Time left</th></tr></thead>\
             <tbody>{rows}</tbody></table>"
        ),
    );
    html.push('\n');
    html.push_str("<h2>The last 30 days</h2>\n");
    html.push_str(&super::chart::callback_times(
        &queue.callback_hours,
        queue.target_hours,
        queue.deadline_hours,
    ));
    html.push_str(&super::chart::coupons_per_day(&queue.coupons_per_day));
    Ok(page_in(desk, 200, "Support desk", &html).into())
}

pub async fn desk_incident<D: Database>(
    app: &App<D>,
    caller: &Caller,
    id: &str,
) -> Result<Handled> {
    desk_incident_page(app, caller, id, None).await
}

/// A desk form that came back refused: which one, what was typed, and why.
struct Refused<'a> {
    action: &'a str,
    values: &'a Map<String, Value>,
    errors: &'a FieldErrors,
}

/// The incident's page on the desk; a refused form comes back (422) with
/// what the agent typed and each error beside its field, the other forms empty.
async fn desk_incident_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    id: &str,
    refused: Option<Refused<'_>>,
) -> Result<Handled> {
    let (staff, timeline) = match app.desk_incident(caller, id).await {
        Ok(read) => read,
        Err(error) => return refusal_page(Area::Desk, error),
    };
    let desk = Area::DeskAs(staff.role);
    let incident = &timeline.incident;
    let mut html = timeline.customer.as_ref().map_or(String::new(), |c| {
        format!(
            "<p>{} · {} · {}</p>",
            escape(&c.customer.company_name),
            escape(&c.contact.name),
            escape(incident.phone.as_deref().unwrap_or(&c.contact.phone))
        )
    });
    html.push_str(&timeline_html(&timeline));
    let empty = FieldErrors::default();
    let no_values = Map::new();
    let (status, posted) = match &refused {
        Some(r) => (422, r.action),
        None => (200, ""),
    };
    // Only the refused form shows what was typed and its errors.
    let form_state = |action: &str| match &refused {
        Some(r) if r.action == action => (r.values, r.errors),
        _ => (&no_values, &empty),
    };
    let (attempt, attempt_errors) = form_state("attempts");
    let (session, session_errors) = form_state("sessions");
    let (message, message_errors) = form_state("messages");
    let (close, close_errors) = form_state("close");
    let value = |values: &Map<String, Value>, name: &str| {
        values
            .get(name)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    let field_error = |errors: &FieldErrors, name: &str| {
        error_for(errors, name).map_or(String::new(), |e| {
            format!("<p class=\"field-error\" role=\"alert\">{}</p>", escape(&e))
        })
    };
    let outcomes = [
        ("no_answer", "No answer"),
        ("busy", "Busy"),
        ("failed", "Failed"),
        ("reached", "Reached"),
    ];
    if !posted.is_empty() {
        html.push_str(
            "<p class=\"field-error\" role=\"alert\">Nothing was recorded: correct the marked field below.</p>\n",
        );
    }
    let id = escape(&incident.id);
    html.push_str(&format!(
        "<h2>Record a callback attempt</h2><form method=\"post\" action=\"/desk/incidents/{id}/attempts\">{}{}{}{}{}<button type=\"submit\">Record attempt</button></form>\n\
         <h2>Log a support session</h2><form method=\"post\" action=\"/desk/incidents/{id}/sessions\">{}{}{}{}<button type=\"submit\">Log session</button></form>\n\
         <h2>Write to the customer</h2><form method=\"post\" action=\"/desk/incidents/{id}/messages\">{}<button type=\"submit\">Send</button></form>\n\
         <h2>Close</h2><form method=\"post\" action=\"/desk/incidents/{id}/close\" data-confirm=\"Close this incident and email the statement?\">{}<button type=\"submit\">Close incident</button></form>",
        select_with("outcome", "outcome", "Outcome", &outcomes, &value(attempt, "outcome")),
        field_error(attempt_errors, "outcome"),
        select_with("attempt-channel", "channel", "Channel", &CHANNELS, &value(attempt, "channel")),
        field_error(attempt_errors, "channel"),
        textarea_with("note", "Note", &value(attempt, "note"), attempt_errors),
        input("started_at", "Started (RFC 3339, UTC)", "text", &value(session, "started_at"), session_errors, " placeholder=\"2026-11-26T09:30:00Z\" required"),
        input("ended_at", "Ended (RFC 3339, UTC)", "text", &value(session, "ended_at"), session_errors, " placeholder=\"2026-11-26T09:47:00Z\" required"),
        select_with("session-channel", "channel", "Channel", &CHANNELS, &value(session, "channel")),
        field_error(session_errors, "channel"),
        textarea_with("body", "Message", &value(message, "body"), message_errors),
        textarea_with("resolution", "Resolution", &value(close, "resolution"), close_errors),
    ));
    Ok(page_in(desk, status, &incident.subject, &html).into())
}

/// The desk's forms on an incident: attempts, sessions, messages, closing.
pub async fn desk_action<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    id: &str,
    action: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = match form(request) {
        Ok(object) => object,
        Err(error) => return refuse(app, caller, error).await,
    };
    let mut fields = Fields::new(&object);
    let back = format!("/desk/incidents/{id}");
    let outcome = match action {
        "attempts" => {
            let outcome = fields.parse("outcome", Outcome::parse);
            let channel = fields.parse("channel", Channel::parse);
            let note = fields.parse_optional("note", |t| Text::parse_multiline(t, 2000));
            match (outcome, channel, note) {
                (Some(outcome), Some(channel), Some(note)) => {
                    let input = AttemptInput {
                        outcome,
                        channel,
                        note,
                    };
                    app.record_attempt(caller, id, input, now, entropy)
                        .await
                        .map(|(_, _, jobs)| jobs)
                }
                _ => Err(AppError::Invalid(fields.errors)),
            }
        }
        "sessions" => {
            let started_at = fields.parse("started_at", decode::instant);
            let ended_at = fields.parse("ended_at", decode::instant);
            let channel = fields.parse("channel", Channel::parse);
            match (started_at, ended_at, channel) {
                (Some(started_at), Some(ended_at), Some(channel)) => {
                    let input = SessionInput {
                        started_at,
                        ended_at,
                        channel,
                    };
                    app.change_session(caller, id, None, Some(input), now, entropy)
                        .await
                        .map(|charged| charged.jobs)
                }
                _ => Err(AppError::Invalid(fields.errors)),
            }
        }
        "messages" => match fields.parse("body", |t| Text::parse_multiline(t, 10_000)) {
            Some(body) => app.staff_message(caller, id, body, now, entropy).await,
            None => Err(AppError::Invalid(fields.errors)),
        },
        _ => match fields.parse("resolution", |t| Text::parse_multiline(t, 5000)) {
            Some(resolution) => app
                .close_incident(caller, id, resolution, now, entropy)
                .await
                .map(|(_, jobs)| jobs),
            None => Err(AppError::Invalid(fields.errors)),
        },
    };
    match outcome {
        Ok(jobs) => Ok(Handled::with_jobs(Response::redirect(&back), jobs)),
        Err(AppError::Invalid(errors)) => {
            let refused = Refused {
                action,
                values: &object,
                errors: &errors,
            };
            desk_incident_page(app, caller, id, Some(refused)).await
        }
        Err(error) => refusal_page(Area::Desk, error),
    }
}

fn upload_form() -> &'static str {
    "<form method=\"post\" action=\"/desk/statements\" enctype=\"multipart/form-data\">\
     <p><label for=\"statement\">Bank statement (camt.053, camt.054 or CSV)</label>\
     <input id=\"statement\" name=\"statement\" type=\"file\" accept=\".xml,.csv,text/xml,application/xml,text/csv\" required></p>\
     <button type=\"submit\">Upload</button></form>"
}

fn unmatched_html(entries: &[crate::store::BankEntryRecord]) -> String {
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            let id = escape(&e.id);
            vec![
                escape(e.booking_date.as_deref().unwrap_or("")),
                format!("{} {}", Money::from_cents(e.amount_cents).unwrap_or_default(), escape(&e.currency)),
                escape(e.reference.as_deref().unwrap_or("")),
                escape(e.remitter.as_deref().unwrap_or("")),
                format!(
                    "<form method=\"post\" action=\"/desk/bank-entries/{id}/match\" class=\"inline\">\
                     <label for=\"order-{id}\">Order</label> <input id=\"order-{id}\" name=\"order_id\" required> \
                     <button type=\"submit\">Match</button></form>"
                ),
            ]
        })
        .collect();
    table(
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

pub async fn statements_page<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let (staff, entries) = app.unmatched_entries(caller, 200).await?;
    let desk = Area::DeskAs(staff.role);
    let body = format!("{}\n{}", upload_form(), unmatched_html(&entries));
    Ok(page_in(desk, 200, "Bank statements", &body).into())
}

/// The file part of a `multipart/form-data` body.
pub(super) fn multipart_file<'a>(request: &'a Request, name: &str) -> Option<&'a [u8]> {
    let content_type = request.header("content-type")?;
    let boundary = content_type
        .split(';')
        .find_map(|p| p.trim().strip_prefix("boundary="))?
        .trim_matches('"');
    let delimiter = format!("--{boundary}");
    let body = &request.body;
    let find = |haystack: &[u8], needle: &[u8], from: usize| {
        haystack
            .get(from..)?
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|i| i + from)
    };
    let mut at = find(body, delimiter.as_bytes(), 0)?;
    loop {
        let start = at + delimiter.len();
        let next = find(body, delimiter.as_bytes(), start)?;
        let part = &body[start..next];
        let headers_end = find(part, b"\r\n\r\n", 0)?;
        let headers = String::from_utf8_lossy(&part[..headers_end]);
        if headers.contains(&format!("name=\"{name}\"")) {
            let content = &part[headers_end + 4..];
            return Some(content.strip_suffix(b"\r\n").unwrap_or(content));
        }
        at = next;
    }
}

pub async fn upload_statement<D: Database>(
    app: &App<D>,
    request: &Request,
    principal: &Principal,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let desk = Area::DeskAs(principal.staff()?.role);
    same_origin(app, request)?;
    if request.body.len() > super::body_limit(&request.path) {
        return Err(ApiError::PayloadTooLarge);
    }
    let Some(file) = multipart_file(request, "statement") else {
        return Ok(problem_page(
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
    let (report, jobs) = match app.import_statement(upload, now, entropy).await {
        Ok(imported) => imported,
        Err(error) => return Ok(problem_page(Area::Desk, error.into())),
    };
    let c = &report.counts;
    let rows: Vec<Vec<String>> = report
        .lines
        .iter()
        .map(|l| {
            vec![
                (l.index + 1).to_string(),
                status_text(l.outcome.as_str()),
                format!("{} {}", escape(&l.amount), escape(&l.currency)),
                escape(l.reference.as_deref().unwrap_or("")),
                escape(l.order_id.as_deref().unwrap_or("")),
                escape(&l.detail),
            ]
        })
        .collect();
    let body = format!(
        "<p id=\"report-counts\" role=\"status\">{} entries: {} matched, {} partial, {} overpaid, {} unmatched, {} duplicates, {} ignored.</p>\n{}\n{}\n{}",
        c.entries,
        c.matched,
        c.partial,
        c.overpaid,
        c.unmatched,
        c.duplicates,
        c.ignored,
        table("Entries", &["#", "Outcome", "Amount", "Reference", "Order", "Detail"], &rows),
        unmatched_html(&app.store.unmatched_bank_entries(200).await?),
        upload_form(),
    );
    Ok(Handled::with_jobs(
        page_in(desk, 200, "Reconciliation report", &body),
        jobs,
    ))
}

pub async fn match_entry<D: Database>(
    app: &App<D>,
    request: &Request,
    principal: &Principal,
    id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    principal.staff()?;
    let object = form(request)?;
    let order_id = object
        .get("order_id")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
        .to_owned();
    match app.match_bank_entry(id, &order_id, now, entropy).await {
        Ok((_, jobs)) => Ok(Handled::with_jobs(
            Response::redirect("/desk/statements"),
            jobs,
        )),
        Err(error) => Ok(problem_page(Area::Desk, error.into())),
    }
}

pub async fn outbox_page<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let (staff, messages) = app.outbox(caller, None, 100).await?;
    let desk = Area::DeskAs(staff.role);
    let rows: Vec<Vec<String>> = messages
        .iter()
        .map(|m| {
            let status = match m.status {
                crate::store::OutboxStatus::Pending if m.attempts > 0 => format!(
                    "pending: attempt {} at {}",
                    m.attempts + 1,
                    when(m.next_attempt_at)
                ),
                crate::store::OutboxStatus::Unknown => {
                    "unknown: the send was interrupted and may have arrived; check with the recipient"
                        .into()
                }
                other => status_text(other.as_str()),
            };
            vec![
                when(m.created_at),
                escape(&m.to),
                escape(&m.subject),
                escape(&status),
                escape(m.last_error.as_deref().unwrap_or("")),
            ]
        })
        .collect();
    let body = table(
        "The last 100 emails",
        &["Written", "To", "Subject", "Status", "Last error"],
        &rows,
    );
    Ok(page_in(desk, 200, "Outbox", &body).into())
}

/// `/desk/audit?target=&actor=`: who did what, newest first.
pub async fn audit_page<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
) -> Result<Handled> {
    let target = request
        .query_param("target")
        .filter(|t| !t.trim().is_empty());
    let actor = request
        .query_param("actor")
        .filter(|a| !a.trim().is_empty());
    let (staff, entries) = app
        .audit_log(caller, target.as_deref(), actor.as_deref(), 200)
        .await?;
    let desk = Area::DeskAs(staff.role);
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                when(e.created_at),
                format!("{} ({})", escape(&e.actor_name), escape(&e.role)),
                escape(&e.action),
                escape(&e.target),
                format!("<code>{}</code>", escape(&e.detail)),
            ]
        })
        .collect();
    let filter = format!(
        "<form method=\"get\" action=\"/desk/audit\">{}{}<button type=\"submit\">Filter</button></form>",
        input("target", "Target (an id)", "text", target.as_deref().unwrap_or(""), &FieldErrors::default(), ""),
        input("actor", "Actor (an id or email)", "text", actor.as_deref().unwrap_or(""), &FieldErrors::default(), ""),
    );
    let body = filter
        + &table(
            "Staff and partner actions",
            &["When", "Who", "Action", "Target", "Details"],
            &rows,
        );
    Ok(page_in(desk, 200, "Audit log", &body).into())
}

// ---- partner pages --------------------------------------------------------

pub async fn partner<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &crate::app::Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let account = app.partner_account(caller).await?;
    let partner = &account.partner;
    let today = now.date_naive();
    let rows: Vec<Vec<String>> = account
        .subscriptions
        .iter()
        .map(|s| {
            let coverage = crate::app::coverage_of(s);
            vec![
                escape(&s.serial),
                coverage.map_or(String::new(), |c| format!("{} to {}", c.from, c.last_day())),
                if coverage.is_some_and(|c| c.covers(today)) {
                    "active".into()
                } else {
                    "ended".into()
                },
                s.monthly_fee_cents
                    .and_then(Money::from_cents)
                    .map_or(String::new(), |f| format!("EUR {f}")),
            ]
        })
        .collect();
    let month = request
        .query_param("month")
        .unwrap_or_else(|| today.format("%Y-%m").to_string());
    let statement = match crate::domain::subscription::parse_month(&month) {
        Ok((year, number)) => {
            let statement = account.statement(year, number);
            let total = statement.total;
            let rows: Vec<Vec<String>> = statement
                .lines
                .iter()
                .map(|(serial, l)| {
                    vec![
                        escape(serial),
                        format!("{} of {}", l.days_covered, l.days_in_month),
                        format!("EUR {}", l.amount),
                    ]
                })
                .collect();
            format!(
                "{}<p>Total for {}: <strong>EUR {total}</strong></p>",
                table("Statement", &["License", "Days covered", "Fee"], &rows),
                escape(&month)
            )
        }
        Err(_) => "<p role=\"alert\">Give the month as YYYY-MM.</p>".to_owned(),
    };
    let body = format!(
        "<p>{}</p>{}<h2>Monthly statement</h2><form method=\"get\" action=\"/partner\"><p><label for=\"month\">Month (YYYY-MM)</label> \
         <input id=\"month\" name=\"month\" value=\"{}\"></p><button type=\"submit\">Show</button></form>{statement}\
         {}<h2>Technician activation</h2>{}",
        escape(&partner.name),
        table("SUPS subscriptions", &["License", "Covered", "State", "Monthly fee"], &rows),
        escape(&month),
        if partner.sells_sups() {
            super::desk::sups_form(&entropy.id("sups"), &FieldErrors::default(), &Map::new())
        } else {
            String::new()
        },
        activation_form("/partner/activations", true),
    );
    Ok(page_in(Area::Partner, 200, "Partner", &body).into())
}

pub async fn partner_activate<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &crate::app::Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    activate_from_form(app, caller, request, Area::Partner, now, entropy).await
}

// ---- an organisation's people ---------------------------------------------

/// The page an emailed link opens (an invitation, a request to take a
/// claimant in): one button that posts the token, so that mail scanners
/// that follow links do not spend it.
pub(super) fn link_page(
    request: &Request,
    title: &str,
    action: &str,
    intro: &str,
    button: &str,
) -> Response {
    match request.query_param("token").and_then(|t| Token::parse(&t).ok()) {
        Some(token) => page(
            200,
            title,
            &format!(
                "<p>{}</p>\n<form method=\"post\" action=\"{action}\">\n<input type=\"hidden\" name=\"token\" value=\"{}\">\n\
                 <button type=\"submit\">{}</button>\n</form>",
                escape(intro),
                escape(token.as_str()),
                escape(button)
            ),
        ),
        None => page(
            400,
            title,
            "<p>This link is incomplete. Open the link from the email exactly as it was sent.</p>",
        ),
    }
}

/// The token a link's button posted, parsed before any lookup.
pub(super) fn posted_link(request: &Request) -> std::result::Result<Token, AppError> {
    let object = form(request).map_err(|_| AppError::Token(TokenError::Unknown))?;
    object
        .get("token")
        .and_then(Value::as_str)
        .and_then(|t| Token::parse(t).ok())
        .ok_or(AppError::Token(TokenError::Unknown))
}

/// What the page of an emailed link says when the link cannot be used:
/// people click a link twice, or late, so each page tells what happened
/// to its link and where to go on from there.
pub(super) struct LinkRefusal {
    pub(super) title: &'static str,
    /// The link was used already.
    pub(super) used: &'static str,
    pub(super) expired: &'static str,
    /// No such link (a newer one replaced it, or it was mistyped).
    pub(super) unknown: &'static str,
    /// The page to go on to, and the words of its link.
    pub(super) onward: (&'static str, &'static str),
}

impl LinkRefusal {
    /// The page for a spent (409), expired (410) or unknown (400) link, or
    /// for a request decided already (409); anything else is the caller's
    /// to answer.
    pub(super) fn page(&self, error: AppError) -> Result<Handled> {
        let (status, text) = match error {
            AppError::Token(TokenError::AlreadyUsed) => (409, self.used),
            AppError::Token(TokenError::Expired) => (410, self.expired),
            AppError::Token(_) => (400, self.unknown),
            AppError::ClaimDecided => (409, "This request has been decided already."),
            other => return Err(other.into()),
        };
        let (href, words) = self.onward;
        Ok(page(
            status,
            self.title,
            &format!(
                "<p role=\"alert\">{}</p>\n<p><a href=\"{href}\">{}</a></p>",
                escape(text),
                escape(words)
            ),
        )
        .into())
    }
}

const INVITATION_REFUSED: LinkRefusal = LinkRefusal {
    title: "Your invitation",
    used: "This invitation has been accepted already: you are a contact of your organisation and sign in with your email address.",
    expired: "This invitation has expired. Ask your colleague to invite you again.",
    unknown: "This link is not valid. Open the newest invitation you were sent.",
    onward: ("/sign-in", "Sign in"),
};

const CONFIRM_JOIN_REFUSED: LinkRefusal = LinkRefusal {
    title: "A colleague's request to join",
    used: "This request has been confirmed already: your colleague is a contact of your organisation and can sign in.",
    expired: "This request has expired. If they are your colleague, ask Spica support to add them.",
    unknown: "This link is not valid. Open the newest link you were sent.",
    onward: ("/portal/contacts", "Your organisation's contacts"),
};

/// `GET /invitation?token=`: the invitation's page.
pub fn invitation_page(request: &Request) -> Response {
    link_page(
        request,
        "Join your colleagues",
        "/invitation",
        "A colleague has invited you to your organisation's Time & Space support account: its coupons, incidents and licenses.",
        "Accept the invitation and sign in",
    )
}

/// `POST /invitation`: accepts, and signs the browser in.
pub async fn accept_invitation<D: Database>(
    app: &App<D>,
    request: &Request,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let accepted = match posted_link(request) {
        Ok(link) => app.accept_invitation_in_browser(&link, now, entropy).await,
        Err(error) => Err(error),
    };
    match accepted {
        Ok(session) => Ok(customer_session(app, &session, None).into()),
        Err(error) => INVITATION_REFUSED.page(error),
    }
}

/// `GET /confirm-join?token=`: a holder's contact is asked about a claimant.
pub fn confirm_join_page(request: &Request) -> Response {
    link_page(
        request,
        "A colleague asks to join",
        "/confirm-join",
        "Someone registered with your license's serial number and says they work for your organisation (the email names them). Confirm only if they are your colleague: they will see your organisation's coupons, incidents and licenses.",
        "Yes, they are our colleague",
    )
}

/// `POST /confirm-join`: the claimant becomes a contact of the holder.
pub async fn confirm_join<D: Database>(
    app: &App<D>,
    request: &Request,
    now: Instant,
) -> Result<Handled> {
    let confirmed = match posted_link(request) {
        Ok(link) => app.confirm_join(&link, now).await,
        Err(error) => Err(error),
    };
    match confirmed {
        Ok(()) => Ok(page(
            200,
            "Colleague added",
            "<p role=\"status\">Thank you. Your colleague is now a contact of your organisation and can sign in.</p>",
        )
        .into()),
        Err(error) => CONFIRM_JOIN_REFUSED.page(error),
    }
}

fn invite_form(errors: &FieldErrors, values: &Map<String, Value>) -> String {
    let value = |name: &str| values.get(name).and_then(Value::as_str).unwrap_or("");
    format!(
        "<h2>Invite a colleague</h2><form method=\"post\" action=\"/portal/contacts\">{}{}{}<button type=\"submit\">Send the invitation</button></form>",
        input("name", "Name", "text", value("name"), errors, " required autocomplete=\"off\""),
        input("email", "Email", "email", value("email"), errors, " required autocomplete=\"off\""),
        input("phone", "Phone, with country code", "tel", value("phone"), errors, " required autocomplete=\"off\""),
    )
}

async fn contacts_html<D: Database>(
    app: &App<D>,
    customer: &crate::app::CustomerPrincipal,
    status: u16,
    errors: &FieldErrors,
    values: &Map<String, Value>,
) -> Result<Handled> {
    let contacts = app.contacts(customer).await?;
    Ok(contacts_view(&contacts, customer, status, errors, values))
}

fn contacts_view(
    contacts: &[crate::store::ContactRecord],
    customer: &crate::app::CustomerPrincipal,
    status: u16,
    errors: &FieldErrors,
    values: &Map<String, Value>,
) -> Handled {
    let rows: Vec<Vec<String>> = contacts
        .iter()
        .map(|c| {
            let id = escape(&c.id);
            let action = if c.id == customer.contact.id {
                "you".to_owned()
            } else {
                format!(
                    "<form method=\"post\" action=\"/portal/contacts/{id}/remove\" class=\"inline\" \
                     data-confirm=\"Remove {name}? They will no longer be able to sign in.\">\
                     <button type=\"submit\" aria-label=\"Remove {name}\">Remove</button></form>",
                    name = escape(&c.name)
                )
            };
            vec![
                escape(&c.name),
                escape(&c.email),
                escape(&c.phone),
                status_text(c.status.as_str()),
                action,
            ]
        })
        .collect();
    let body = format!(
        "<p>Everyone listed here signs in to {}'s account: its coupons, incidents and licenses.</p>{}{}",
        escape(&customer.customer.company_name),
        table(
            "Contacts",
            &["Name", "Email", "Phone", "Status", "<span class=\"visually-hidden\">Remove</span>"],
            &rows
        ),
        invite_form(errors, values),
    );
    page_in(
        Area::Customer,
        status,
        "Your organisation's contacts",
        &body,
    )
    .into()
}

/// `GET /portal/contacts`.
pub async fn contacts_page<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let (customer, contacts) = app.contacts_as(caller).await?;
    Ok(contacts_view(
        &contacts,
        &customer,
        200,
        &FieldErrors::default(),
        &Map::new(),
    ))
}

/// `POST /portal/contacts`: invites; a wrong field shows the form again.
pub async fn invite_contact<D: Database>(
    app: &App<D>,
    request: &Request,
    principal: &Principal,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let customer = principal.customer()?;
    let object = form(request)?;
    let invitee = match super::organisations::Invitee::parse(&object) {
        Ok(invitee) => invitee,
        Err(errors) => return contacts_html(app, &customer, 422, &errors, &object).await,
    };
    let invited = app
        .invite_contact(
            &customer,
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
        Err(AppError::EmailTaken) => {
            let mut errors = FieldErrors::default();
            errors.push(
                "email",
                Invalid::new("taken", "is a contact of an organisation already"),
            );
            contacts_html(app, &customer, 409, &errors, &object).await
        }
        Err(error) => Ok(problem_page(Area::Customer, error.into())),
    }
}

/// `POST /portal/contacts/{id}/remove`.
pub async fn remove_contact<D: Database>(
    app: &App<D>,
    principal: &Principal,
    id: &str,
    now: Instant,
) -> Result<Handled> {
    let customer = principal.customer()?;
    let organisation = customer.customer.id.clone();
    match app
        .remove_contact(
            crate::app::Remover::Contact(&customer),
            &organisation,
            id,
            now,
        )
        .await
    {
        Ok(()) => Ok(Response::redirect("/portal/contacts").into()),
        Err(error) => Ok(problem_page(Area::Customer, error.into())),
    }
}

/// `GET /desk/claims`: the claims waiting for staff, each with its three
/// decisions.
pub async fn claims_page<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let (staff, claims) = app.license_claims(caller).await?;
    let desk = Area::DeskAs(staff.role);
    let rows: Vec<Vec<String>> = claims
        .iter()
        .map(|c| {
            let id = escape(&c.id);
            let action = |what: &str| format!("/desk/claims/{id}/{what}");
            vec![
                when(c.created_at),
                format!("{}<br>{}", escape(&c.company_name), escape(&c.email)),
                escape(&c.serial),
                status_text(c.status.as_str()),
                format!(
                    "<form method=\"post\" action=\"{}\" class=\"inline\"><label for=\"serial-{id}\">Serial (if not as typed)</label> \
                     <input id=\"serial-{id}\" name=\"serial\"> <button type=\"submit\">Assign</button></form>\
                     <form method=\"post\" action=\"{}\" class=\"inline\"><button type=\"submit\">Ask the holder</button></form>\
                     <form method=\"post\" action=\"{}\" class=\"inline\"><label for=\"reason-{id}\">Reason</label> \
                     <input id=\"reason-{id}\" name=\"reason\" required> <button type=\"submit\">Refuse</button></form>",
                    action("assign"),
                    action("join"),
                    action("refuse"),
                ),
            ]
        })
        .collect();
    let body = format!(
        "<p>A registration whose company is not the licensee of its serial (or typed 0) is a claim: assign the license if nobody holds it, \
         ask the holder's contacts to take the claimant in, or refuse with a reason the claimant is emailed.</p>{}",
        table(
            "License claims, oldest first",
            &["Registered", "Claimant", "Serial typed", "Status", "Decide"],
            &rows
        )
    );
    Ok(page_in(desk, 200, "License claims", &body).into())
}

/// `POST /desk/claims/{id}/assign|join|refuse`.
pub async fn decide_claim<D: Database>(
    app: &App<D>,
    request: &Request,
    principal: &Principal,
    id: &str,
    action: super::organisations::ClaimAction,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    principal.staff()?;
    let object = form(request)?;
    match super::organisations::decide_claim(app, &object, id, action, now, entropy).await {
        Ok(decision) => {
            let jobs = match decision {
                crate::app::ClaimDecision::Assigned { .. } => Vec::new(),
                crate::app::ClaimDecision::JoinRequested { jobs }
                | crate::app::ClaimDecision::Refused { jobs } => jobs,
            };
            Ok(Handled::with_jobs(Response::redirect("/desk/claims"), jobs))
        }
        Err(error) => Ok(problem_page(Area::Desk, error.into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_that_cannot_be_used_says_why_and_links_onward() {
        let refusals = [
            (TokenError::AlreadyUsed, 409, INVITATION_REFUSED.used),
            (TokenError::Expired, 410, INVITATION_REFUSED.expired),
            (TokenError::Unknown, 400, INVITATION_REFUSED.unknown),
        ];
        for (error, status, words) in refusals {
            let Ok(handled) = INVITATION_REFUSED.page(AppError::Token(error)) else {
                panic!("{error:?} has a page");
            };
            let html = String::from_utf8(handled.response.body).unwrap();
            assert_eq!(handled.response.status, status, "{html}");
            assert!(
                html.contains(&format!("<p role=\"alert\">{}</p>", escape(words)))
                    && html.contains("<a href=\"/sign-in\">Sign in</a>"),
                "{html}"
            );
        }
        assert!(INVITATION_REFUSED.page(AppError::NotFound).is_err());
    }
}
