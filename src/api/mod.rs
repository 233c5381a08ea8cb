//! The HTTP contract: routes, bodies and answers, independent of the runtime.
//!
//! [`handle`] takes a plain [`Request`], the current instant and a random
//! seed, and returns the answer and the jobs to enqueue. The Worker calls it
//! for every request; native tests call it directly over SQLite.

pub mod chart;
mod coupons;
mod decode;
pub mod http;
mod incidents;
mod licensing;
mod pages;
mod problem;
mod web;

pub use http::{Handled, Method, Request, Response, MAX_BODY_BYTES};
pub use problem::ApiError;

use serde_json::json;

use crate::app::{App, AppError, PaymentProvider, Profile};
use crate::domain::email::Email;
use crate::domain::entropy::Entropy;
use crate::domain::field::{FieldErrors, Invalid};
use crate::domain::registration::NewRegistration;
use crate::domain::time::{format, Instant};
use crate::domain::token::Token;
use crate::store::Database;
use decode::Body;
use pages::{escape, page, paragraph};

type Result<T> = std::result::Result<T, ApiError>;

/// Bank statements may be large: 10,000 entries of camt.053 are some 10 MB.
const MAX_STATEMENT_BYTES: usize = 32 * 1024 * 1024;

/// The largest body a path accepts, checked before the body is read.
pub fn body_limit(path: &str) -> usize {
    if matches!(
        path.trim_end_matches('/'),
        "/api/staff/bank-statements" | "/desk/statements"
    ) {
        MAX_STATEMENT_BYTES
    } else {
        MAX_BODY_BYTES
    }
}

/// Answers one request. `provider` is the card payment provider, if configured.
pub async fn handle<D: Database, P: PaymentProvider>(
    app: &App<D>,
    provider: Option<&P>,
    request: Request,
    now: Instant,
    seed: [u8; 32],
) -> Handled {
    let mut entropy = Entropy::new(seed);
    let cors = cors_origin(app, &request);
    let mut handled = match (&cors, request.method) {
        (Some(_), Method::Options) => Response::new(204, "text/plain; charset=utf-8", Vec::new())
            .with_header("access-control-allow-methods", "GET, POST, PUT, DELETE")
            .with_header(
                "access-control-allow-headers",
                "authorization, content-type, idempotency-key",
            )
            .with_header("access-control-max-age", "600")
            .into(),
        _ => match public_post_limit(app, &request, now).await {
            Err(error) => error.into_handled(),
            Ok(()) => route(app, provider, &request, now, &mut entropy)
                .await
                .unwrap_or_else(ApiError::into_handled),
        },
    };
    if let Some(origin) = cors {
        handled
            .response
            .headers
            .push(("access-control-allow-origin".into(), origin));
        handled
            .response
            .headers
            .push(("vary".into(), "Origin".into()));
    }
    let headers = &mut handled.response.headers;
    headers.push(("x-content-type-options".into(), "nosniff".into()));
    headers.push(("referrer-policy".into(), "same-origin".into()));
    headers.push((
        "strict-transport-security".into(),
        "max-age=63072000; includeSubDomains".into(),
    ));
    if request.method == Method::Head {
        handled.response.body.clear();
    }
    handled
}

/// Posts to public endpoints (registration, sign-in, validation, the sign-in
/// pages) are limited per client address and endpoint, so that nobody floods
/// the outbox or guesses tokens; a 429 says when to try again.
async fn public_post_limit<D: Database>(
    app: &App<D>,
    request: &Request,
    now: Instant,
) -> Result<()> {
    if request.method != Method::Post {
        return Ok(());
    }
    let segments: Vec<&str> = request.path.trim_matches('/').split('/').collect();
    let Some((pattern, _, Access::Public)) = ROUTES
        .iter()
        .find(|(pattern, _, _)| pattern_matches(pattern, &segments))
    else {
        return Ok(());
    };
    let client = request.header("cf-connecting-ip").unwrap_or("unknown");
    app.rate_limit(
        &format!("post:{pattern}:{client}"),
        app.config.public_rate_limit,
        now,
    )
    .await?;
    Ok(())
}

/// The public website's origin, when it calls the API: its pages may post
/// to the API (CORS), with the customer's bearer token, never with cookies.
fn cors_origin<D>(app: &App<D>, request: &Request) -> Option<String> {
    let origin = request.header("origin")?;
    let allowed = app.config.public_site_origin.as_deref()?;
    (origin == allowed && request.path.starts_with("/api/")).then(|| origin.to_owned())
}

async fn route<D: Database, P: PaymentProvider>(
    app: &App<D>,
    provider: Option<&P>,
    request: &Request,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    use Method::{Delete, Get, Head, Post, Put};
    let segments: Vec<&str> = request.path.trim_matches('/').split('/').collect();
    match (request.method, segments.as_slice()) {
        (Get | Head, ["healthz"]) => Ok(health(app).into()),
        (Get | Head, ["api", "openapi.json"]) => Ok(Response::new(200, "application/json", OPENAPI.as_bytes().to_vec())
            .with_header("cache-control", "public, max-age=300")
            .into()),
        (Get | Head, [""]) => Ok(web::home().into()),
        (Get | Head, ["terms"]) => Ok(web::terms().into()),
        (Post, ["sign-out"]) => Ok(web::sign_out(app).into()),
        (Get | Head, ["portal"]) => web::portal(app, request, now).await,
        (Get | Head, ["portal", "coupons"]) => web::coupons_page(app, request, now).await,
        (Post, ["portal", "coupons"]) => web::order_coupons(app, provider, request, now, entropy).await,
        (Get | Head, ["portal", "orders", id]) => web::order_page(app, request, id, now).await,
        (Get | Head, ["support"]) => web::support_page(app, request, now).await,
        (Post, ["support"]) => web::request_support(app, request, now, entropy).await,
        (Get | Head, ["portal", "incidents", id]) => web::incident_page(app, request, id, now).await,
        (Post, ["portal", "incidents", id, "messages"]) => web::customer_message(app, request, id, now, entropy).await,
        (Get | Head, ["portal", "activate"]) => web::activate_page(app, request, now).await,
        (Post, ["portal", "activate"]) => web::activate(app, request, now, entropy).await,
        (Get | Head, ["portal", "activations", id, "license-file"]) => web::license_file(app, request, id, now).await,
        (Get | Head, ["desk", "sign-in"]) => Ok(web::DESK_SIGN_IN.page().into()),
        (Post, ["desk", "sign-in"]) => web::DESK_SIGN_IN.sign_in(app, request, now).await,
        (Get | Head, ["desk"]) => web::desk(app, request, now).await,
        (Get | Head, ["desk", "incidents", id]) => web::desk_incident(app, request, id).await,
        (Post, ["desk", "incidents", id, action @ ("attempts" | "sessions" | "messages" | "close")]) => {
            web::desk_action(app, request, id, action, now, entropy).await
        }
        (Get | Head, ["desk", "statements"]) => web::statements_page(app, request).await,
        (Post, ["desk", "statements"]) => web::upload_statement(app, request, now, entropy).await,
        (Post, ["desk", "bank-entries", id, "match"]) => web::match_entry(app, request, id, now, entropy).await,
        (Get | Head, ["desk", "outbox"]) => web::outbox_page(app, request).await,
        (Get | Head, ["partner", "sign-in"]) => Ok(web::PARTNER_SIGN_IN.page().into()),
        (Post, ["partner", "sign-in"]) => web::PARTNER_SIGN_IN.sign_in(app, request, now).await,
        (Get | Head, ["partner"]) => web::partner(app, request, now).await,
        (Post, ["partner", "activations"]) => web::partner_activate(app, request, now, entropy).await,
        (Post, ["api", "registrations"]) => register(app, request, now, entropy).await,
        (Post, ["api", "registrations", "verify"]) => verify(app, request, now, entropy).await,
        (Get | Head, ["verify"]) => verify_page(app, request, now, entropy).await,
        (Post, ["api", "sessions"]) => request_sign_in(app, request, now, entropy).await,
        (Post, ["api", "sessions", "redeem"]) => redeem(app, request, now, entropy).await,
        (Get | Head, ["sign-in"]) => Ok(sign_in_page(request).into()),
        (Post, ["sign-in"]) => sign_in_form(app, request, now, entropy).await,
        (Get | Head, ["register"]) => Ok(pages::registration_form(|name| request.query_param(&format!("error_{name}"))).into()),
        (Get | Head, ["registered"]) => Ok(page(
            200,
            "Thank you for registering",
            &paragraph("We have emailed you a link to confirm your address. Open it to activate your account and receive your free support coupon."),
        )
        .into()),
        (Get | Head, ["api", "me"]) => me(app, request, now).await,
        (Get | Head, ["api", "staff", "outbox"]) => staff_outbox(app, request, now).await,
        (Get | Head, ["api", "me", "ledger"]) => coupons::ledger(app, request, now).await,
        (Post, ["api", "me", "coupon-orders"]) => coupons::create_order(app, provider, request, now, entropy).await,
        (Get | Head, ["api", "me", "coupon-orders"]) => coupons::list_orders(app, request, now).await,
        (Get | Head, ["api", "me", "coupon-orders", id]) => coupons::get_order(app, request, id, now).await,
        (Post, ["api", "me", "coupon-orders", id, "cancel"]) => coupons::cancel_order(app, request, id, now).await,
        (Post, ["api", "webhooks", "stripe"]) => coupons::stripe_webhook(app, request, now, entropy).await,
        (Post, ["api", "staff", "bank-statements"]) => coupons::bank_statement(app, request, now, entropy).await,
        (Get | Head, ["api", "staff", "bank-entries"]) => coupons::unmatched_entries(app, request, now).await,
        (Get | Head, ["api", "staff", "tasks"]) => coupons::staff_tasks(app, request, now).await,
        (Post, ["api", "staff", "bank-entries", id, "match"]) => coupons::match_entry(app, request, id, now, entropy).await,
        (Post, ["api", "staff", "customers", id, "adjustments"]) => coupons::adjust(app, request, id, now, entropy).await,
        (Post, ["api", "me", "incidents"]) => incidents::open(app, request, now, entropy).await,
        (Get | Head, ["api", "me", "incidents"]) => incidents::list_own(app, request, now).await,
        (Get | Head, ["api", "me", "incidents", id]) => incidents::get_own(app, request, id, now).await,
        (Post, ["api", "me", "incidents", id, "messages"]) => incidents::customer_message(app, request, id, now, entropy).await,
        (Get | Head, ["api", "staff", "incidents"]) => incidents::queue(app, request, now).await,
        (Get | Head, ["api", "staff", "incidents", id]) => incidents::get_staff(app, request, id, now).await,
        (Post, ["api", "staff", "incidents", id, "callback-attempts"]) => incidents::attempt(app, request, id, now, entropy).await,
        (Post, ["api", "staff", "incidents", id, "sessions"]) => incidents::session(app, request, id, None, false, now, entropy).await,
        (Put, ["api", "staff", "incidents", id, "sessions", session]) => {
            incidents::session(app, request, id, Some(session), false, now, entropy).await
        }
        (Delete, ["api", "staff", "incidents", id, "sessions", session]) => {
            incidents::session(app, request, id, Some(session), true, now, entropy).await
        }
        (Post, ["api", "staff", "incidents", id, "messages"]) => incidents::staff_message(app, request, id, now, entropy).await,
        (Post, ["api", "staff", "incidents", id, "close"]) => incidents::close(app, request, id, now, entropy).await,
        (Post, ["api", "staff", "licenses"]) => licensing::import_licenses(app, request, now).await,
        (Post, ["api", "staff", "partners"]) => licensing::create_partner(app, request, now, entropy).await,
        (Post, ["api", "staff", "partners", id, "revoke"]) => licensing::revoke_partner(app, request, id, now).await,
        (Post, ["api", "staff", "releases"]) => licensing::add_release(app, request, now).await,
        (Get | Head, ["api", "staff", "license-claims"]) => licensing::claims(app, request, now).await,
        (Post, ["api", "staff", "license-claims", id, "resolve"]) => licensing::resolve_claim(app, request, id, now, entropy).await,
        (Post, ["api", "me", "activations"]) => licensing::activate(app, request, false, now, entropy).await,
        (Delete, ["api", "me", "activations", id]) => licensing::deactivate(app, request, id, false, now, entropy).await,
        (Get | Head, ["api", "me", "activations", id, "license-file"]) => licensing::license_file(app, request, id, now).await,
        (Post, ["api", "partner", "activations"]) => licensing::activate(app, request, true, now, entropy).await,
        (Delete, ["api", "partner", "activations", id]) => licensing::deactivate(app, request, id, true, now, entropy).await,
        (Post, ["api", "partner", "sups-subscriptions"]) => licensing::sell_sups(app, request, now, entropy).await,
        (Get | Head, ["api", "partner", "sups-subscriptions"]) => licensing::partner_subscriptions(app, request, now).await,
        (Get | Head, ["api", "partner", "licenses"]) => licensing::partner_licenses(app, request, now).await,
        (Get | Head, ["api", "partner", "statements", month]) => licensing::partner_statement(app, request, month, now).await,
        (Post, ["api", "licenses", "validate"]) => licensing::validate(app, request, now).await,
        (Get | Head, ["api", "licenses", "public-key"]) => licensing::public_key(app),
        (Get | Head, ["support-requested"]) => Ok(page(
            200,
            "Support request received",
            &paragraph("Thank you. A Spica support specialist will call you back within 24 hours, most requests well within 12. We have emailed you the details."),
        )
        .into()),
        (_, path) => Err(match allowed_methods(path) {
            Some(allow) => ApiError::MethodNotAllowed(allow),
            None => ApiError::NoRoute,
        }),
    }
}

/// The API's contract (OpenAPI 3.1), served at `/api/openapi.json`.
pub const OPENAPI: &str = include_str!("../../openapi.json");

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone: the public website, a link in an email, the installed product.
    Public,
    /// A signed-in customer (bearer access token, or the session cookie on pages).
    Customer,
    /// Staff (the staff token, or its cookie on the desk's pages).
    Staff,
    /// A partner (its API key, or its cookie on the partner pages).
    Partner,
    /// The payment provider, by its signature.
    Signed,
}

/// Every route: its path (`{…}` is one segment), its methods (GET also
/// answers HEAD), and who may call it. The router above and this table must
/// agree; `tests/api/routes.rs` checks them against each other and against
/// `openapi.json`.
pub const ROUTES: &[(&str, &[&str], Access)] = &[
    ("/healthz", &["GET"], Access::Public),
    ("/api/openapi.json", &["GET"], Access::Public),
    ("/api/registrations", &["POST"], Access::Public),
    ("/api/registrations/verify", &["POST"], Access::Public),
    ("/api/sessions", &["POST"], Access::Public),
    ("/api/sessions/redeem", &["POST"], Access::Public),
    ("/api/me", &["GET"], Access::Customer),
    ("/api/me/ledger", &["GET"], Access::Customer),
    ("/api/me/coupon-orders", &["GET", "POST"], Access::Customer),
    (
        "/api/me/coupon-orders/{order_id}",
        &["GET"],
        Access::Customer,
    ),
    (
        "/api/me/coupon-orders/{order_id}/cancel",
        &["POST"],
        Access::Customer,
    ),
    ("/api/me/incidents", &["GET", "POST"], Access::Customer),
    (
        "/api/me/incidents/{incident_id}",
        &["GET"],
        Access::Customer,
    ),
    (
        "/api/me/incidents/{incident_id}/messages",
        &["POST"],
        Access::Customer,
    ),
    ("/api/me/activations", &["POST"], Access::Customer),
    (
        "/api/me/activations/{activation_id}",
        &["DELETE"],
        Access::Customer,
    ),
    (
        "/api/me/activations/{activation_id}/license-file",
        &["GET"],
        Access::Customer,
    ),
    ("/api/webhooks/stripe", &["POST"], Access::Signed),
    ("/api/licenses/validate", &["POST"], Access::Public),
    ("/api/licenses/public-key", &["GET"], Access::Public),
    ("/api/staff/outbox", &["GET"], Access::Staff),
    ("/api/staff/bank-statements", &["POST"], Access::Staff),
    ("/api/staff/bank-entries", &["GET"], Access::Staff),
    (
        "/api/staff/bank-entries/{entry_id}/match",
        &["POST"],
        Access::Staff,
    ),
    ("/api/staff/tasks", &["GET"], Access::Staff),
    (
        "/api/staff/customers/{customer_id}/adjustments",
        &["POST"],
        Access::Staff,
    ),
    ("/api/staff/incidents", &["GET"], Access::Staff),
    (
        "/api/staff/incidents/{incident_id}",
        &["GET"],
        Access::Staff,
    ),
    (
        "/api/staff/incidents/{incident_id}/callback-attempts",
        &["POST"],
        Access::Staff,
    ),
    (
        "/api/staff/incidents/{incident_id}/sessions",
        &["POST"],
        Access::Staff,
    ),
    (
        "/api/staff/incidents/{incident_id}/sessions/{session_id}",
        &["PUT", "DELETE"],
        Access::Staff,
    ),
    (
        "/api/staff/incidents/{incident_id}/messages",
        &["POST"],
        Access::Staff,
    ),
    (
        "/api/staff/incidents/{incident_id}/close",
        &["POST"],
        Access::Staff,
    ),
    ("/api/staff/licenses", &["POST"], Access::Staff),
    ("/api/staff/partners", &["POST"], Access::Staff),
    (
        "/api/staff/partners/{partner_id}/revoke",
        &["POST"],
        Access::Staff,
    ),
    ("/api/staff/releases", &["POST"], Access::Staff),
    ("/api/staff/license-claims", &["GET"], Access::Staff),
    (
        "/api/staff/license-claims/{claim_id}/resolve",
        &["POST"],
        Access::Staff,
    ),
    ("/api/partner/activations", &["POST"], Access::Partner),
    (
        "/api/partner/activations/{activation_id}",
        &["DELETE"],
        Access::Partner,
    ),
    (
        "/api/partner/sups-subscriptions",
        &["GET", "POST"],
        Access::Partner,
    ),
    ("/api/partner/licenses", &["GET"], Access::Partner),
    ("/api/partner/statements/{month}", &["GET"], Access::Partner),
    ("/", &["GET"], Access::Public),
    ("/terms", &["GET"], Access::Public),
    ("/register", &["GET"], Access::Public),
    ("/registered", &["GET"], Access::Public),
    ("/verify", &["GET"], Access::Public),
    ("/sign-in", &["GET", "POST"], Access::Public),
    ("/sign-out", &["POST"], Access::Public),
    ("/support-requested", &["GET"], Access::Public),
    ("/portal", &["GET"], Access::Customer),
    ("/portal/coupons", &["GET", "POST"], Access::Customer),
    ("/portal/orders/{order_id}", &["GET"], Access::Customer),
    ("/support", &["GET", "POST"], Access::Customer),
    (
        "/portal/incidents/{incident_id}",
        &["GET"],
        Access::Customer,
    ),
    (
        "/portal/incidents/{incident_id}/messages",
        &["POST"],
        Access::Customer,
    ),
    ("/portal/activate", &["GET", "POST"], Access::Customer),
    (
        "/portal/activations/{activation_id}/license-file",
        &["GET"],
        Access::Customer,
    ),
    ("/desk/sign-in", &["GET", "POST"], Access::Public),
    ("/desk", &["GET"], Access::Staff),
    ("/desk/incidents/{incident_id}", &["GET"], Access::Staff),
    (
        "/desk/incidents/{incident_id}/attempts",
        &["POST"],
        Access::Staff,
    ),
    (
        "/desk/incidents/{incident_id}/sessions",
        &["POST"],
        Access::Staff,
    ),
    (
        "/desk/incidents/{incident_id}/messages",
        &["POST"],
        Access::Staff,
    ),
    (
        "/desk/incidents/{incident_id}/close",
        &["POST"],
        Access::Staff,
    ),
    ("/desk/statements", &["GET", "POST"], Access::Staff),
    (
        "/desk/bank-entries/{entry_id}/match",
        &["POST"],
        Access::Staff,
    ),
    ("/desk/outbox", &["GET"], Access::Staff),
    ("/partner/sign-in", &["GET", "POST"], Access::Public),
    ("/partner", &["GET"], Access::Partner),
    ("/partner/activations", &["POST"], Access::Partner),
];

/// Whether a route's path pattern matches a request's path segments.
pub fn pattern_matches(pattern: &str, segments: &[&str]) -> bool {
    let parts: Vec<&str> = pattern.trim_matches('/').split('/').collect();
    parts.len() == segments.len()
        && parts
            .iter()
            .zip(segments)
            .all(|(part, segment)| part.starts_with('{') || part == segment)
}

/// The methods a known path accepts, for 405 answers.
fn allowed_methods(path: &[&str]) -> Option<String> {
    let (_, methods, _) = ROUTES
        .iter()
        .find(|(pattern, _, _)| pattern_matches(pattern, path))?;
    let mut allowed: Vec<&str> = methods.to_vec();
    if methods.contains(&"GET") {
        allowed.insert(1, "HEAD");
    }
    Some(allowed.join(", "))
}

fn health<D>(app: &App<D>) -> Response {
    Response::json(200, &json!({"status": "ok", "version": app.config.version}))
}

/// A field that failed to parse on its own, as a 422.
fn invalid_field(field: &str, invalid: Invalid) -> ApiError {
    let mut errors = FieldErrors::default();
    errors.push(field, invalid);
    ApiError::App(AppError::Invalid(errors))
}

/// A token taken from a body field, parsed before any lookup.
fn token_field(request: &Request) -> Result<Token> {
    let text = decode::single_text(request, "token")?
        .map_err(|errors| ApiError::App(AppError::Invalid(errors)))?;
    Token::parse(&text).map_err(|invalid| invalid_field("token", invalid))
}

async fn register<D: Database>(
    app: &App<D>,
    request: &Request,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    match decode::body(request, true)? {
        Body::Json(object) => {
            let registration = NewRegistration::parse(decode::registration_json(&object))
                .map_err(|e| ApiError::App(AppError::Invalid(e)))?;
            let registered = app.register(registration, now, entropy).await?;
            let body =
                json!({"customer_id": registered.customer_id, "status": "pending_verification"});
            Ok(Handled::with_jobs(
                Response::json(201, &body),
                registered.jobs,
            ))
        }
        Body::Form(pairs) => register_form(app, &pairs, now, entropy).await,
    }
}

/// The public website's form: success and refusal are both redirects, so a
/// plain HTML form works without any script.
async fn register_form<D: Database>(
    app: &App<D>,
    pairs: &[(String, String)],
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let back_with = |errors: &FieldErrors| {
        let mut query: Vec<(String, String)> = vec![(
            "errors".into(),
            errors
                .list()
                .iter()
                .map(|e| decode::form_name(&e.field))
                .collect::<Vec<_>>()
                .join(","),
        )];
        for error in errors.list() {
            query.push((
                format!("error_{}", decode::form_name(&error.field)),
                error.detail.clone(),
            ));
        }
        let url = &app.config.registration_form_url;
        let separator = if url.contains('?') { '&' } else { '?' };
        let encoded = serde_urlencoded::to_string(&query).unwrap_or_default();
        Response::redirect(&format!("{url}{separator}{encoded}"))
    };
    let registration = match NewRegistration::parse(decode::registration_form(pairs)) {
        Ok(registration) => registration,
        Err(errors) => return Ok(back_with(&errors).into()),
    };
    match app.register(registration, now, entropy).await {
        Ok(registered) => Ok(Handled::with_jobs(
            Response::redirect(&app.config.registration_thanks_url),
            registered.jobs,
        )),
        Err(AppError::EmailTaken) => {
            let mut errors = FieldErrors::default();
            errors.push(
                "contact.email",
                Invalid::new("taken", "is registered already; sign in instead"),
            );
            Ok(back_with(&errors).into())
        }
        Err(other) => Err(other.into()),
    }
}

async fn verify<D: Database>(
    app: &App<D>,
    request: &Request,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let token = token_field(request)?;
    let verified = app.verify_email(&token, now, entropy).await?;
    let body = json!({
        "customer_id": verified.customer_id,
        "status": "active",
        "free_coupon": verified.free_coupon.as_str(),
        "coupon_balance": verified.coupon_balance,
    });
    Ok(Handled::with_jobs(
        Response::json(200, &body),
        verified.jobs,
    ))
}

/// The page the verification link opens. Confirming is safe to repeat, so
/// the link confirms on GET, as people expect of it.
async fn verify_page<D: Database>(
    app: &App<D>,
    request: &Request,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let refused = |status: u16, text: &str| -> Result<Handled> {
        Ok(page(status, "Email not confirmed", &paragraph(text)).into())
    };
    let Some(token) = request
        .query_param("token")
        .and_then(|t| Token::parse(&t).ok())
    else {
        return refused(
            400,
            "This link is incomplete. Open the link from the email exactly as it was sent.",
        );
    };
    match app.verify_email(&token, now, entropy).await {
        Ok(verified) => {
            let coupon = match verified.free_coupon {
                crate::app::FreeCouponOutcome::Granted => {
                    "Your first support coupon is credited: 15 minutes of direct support."
                }
                crate::app::FreeCouponOutcome::AlreadyGrantedForSerial => {
                    "The free coupon is given once per license, and this license has had it."
                }
                crate::app::FreeCouponOutcome::AwaitingLicenseClaim => {
                    "We will credit your free coupon once we have matched your license."
                }
            };
            let body = format!(
                "{}\n{}\n<p><a href=\"/sign-in\">Sign in</a></p>",
                paragraph("Thank you. Your email address is confirmed and your account is active."),
                paragraph(coupon)
            );
            Ok(Handled::with_jobs(page(200, "Email confirmed", &body), verified.jobs))
        }
        Err(AppError::Token(crate::domain::token::TokenError::AlreadyUsed)) => {
            refused(409, "This link has been used already: your address is confirmed. You can sign in.")
        }
        Err(AppError::Token(crate::domain::token::TokenError::Expired)) => {
            refused(410, "This link has expired. Ask for a sign-in link and we will send you a new confirmation link.")
        }
        Err(AppError::Token(_)) => refused(400, "This link is not valid. Open the newest link you were sent."),
        Err(other) => Err(other.into()),
    }
}

async fn request_sign_in<D: Database>(
    app: &App<D>,
    request: &Request,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let text = decode::single_text(request, "email")?
        .map_err(|errors| ApiError::App(AppError::Invalid(errors)))?;
    let email = Email::parse(&text).map_err(|invalid| invalid_field("email", invalid))?;
    let jobs = app.request_sign_in(&email, now, entropy).await?;
    let body = json!({"status": "accepted", "detail": "If the address is registered, a sign-in link is on its way."});
    Ok(Handled {
        response: Response::json(202, &body),
        jobs,
        log: None,
    })
}

async fn redeem<D: Database>(
    app: &App<D>,
    request: &Request,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let token = token_field(request)?;
    let grant = app.redeem_sign_in(&token, now, entropy).await?;
    let body = json!({
        "access_token": grant.access_token.as_str(),
        "token_type": "Bearer",
        "expires_at": format(grant.expires_at),
    });
    Ok(Response::json(200, &body).into())
}

/// The page the sign-in link opens: one button, so that a mail scanner that
/// follows links does not spend the link.
fn sign_in_page(request: &Request) -> Response {
    match request.query_param("token").and_then(|t| Token::parse(&t).ok()) {
        Some(token) => page(
            200,
            "Sign in",
            &format!(
                "<form method=\"post\" action=\"/sign-in\">\n<input type=\"hidden\" name=\"token\" value=\"{}\">\n\
                 <button type=\"submit\">Sign in to Time &amp; Space support</button>\n</form>",
                escape(token.as_str())
            ),
        ),
        None => page(
            200,
            "Sign in",
            "<form method=\"post\" action=\"/sign-in\">\n<label for=\"email\">Your email address</label>\n\
             <input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"email\" required>\n\
             <button type=\"submit\">Email me a sign-in link</button>\n</form>",
        ),
    }
}

async fn sign_in_form<D: Database>(
    app: &App<D>,
    request: &Request,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    if let Ok(Ok(text)) = decode::single_text(request, "email") {
        // The page's own "email me a link" form: the same answer for any address.
        let jobs = match Email::parse(&text) {
            Ok(email) => app.request_sign_in(&email, now, entropy).await?,
            Err(_) => Vec::new(),
        };
        let text = "If the address is registered, a sign-in link is on its way. It is valid for 15 minutes.";
        return Ok(Handled::with_jobs(
            page(200, "Check your email", &paragraph(text)),
            jobs,
        ));
    }
    let outcome = match token_field(request) {
        Ok(token) => app.redeem_sign_in(&token, now, entropy).await,
        Err(_) => Err(AppError::Token(crate::domain::token::TokenError::Unknown)),
    };
    match outcome {
        Ok(grant) => Ok(web::customer_session(app, grant.access_token.as_str()).into()),
        Err(AppError::Token(_)) => Ok(page(
            400,
            "Not signed in",
            &paragraph("This sign-in link is not valid any more. Ask for a new one at /sign-in."),
        )
        .into()),
        Err(other) => Err(other.into()),
    }
}

fn profile_json(profile: &Profile) -> serde_json::Value {
    let c = &profile.customer;
    json!({
        "customer_id": c.id,
        "status": c.status.as_str(),
        "serial": c.serial,
        "company": {
            "name": c.company_name,
            "street": c.street,
            "postal_code": c.postal_code,
            "city": c.city,
            "country": c.country,
            "vat_id": c.vat_id,
        },
        "contact": {"name": c.contact_name, "email": c.email, "phone": c.phone},
        "newsletter": c.newsletter,
        "newsletter_consent_at": c.newsletter_consent_at.map(format),
        "terms_version": c.terms_version,
        "terms_accepted_at": format(c.terms_accepted_at),
        "created_at": format(c.created_at),
        "verified_at": c.verified_at.map(format),
        "coupon_balance": profile.coupon_balance,
        "minutes_available": profile.minutes_available,
    })
}

async fn me<D: Database>(app: &App<D>, request: &Request, now: Instant) -> Result<Handled> {
    let customer = app.authenticate(request.bearer(), now).await?;
    let licenses = licensing::licenses_of(app, &customer.id, now).await?;
    let profile = app.profile(customer).await?;
    let mut body = profile_json(&profile);
    body["licenses"] = licenses;
    Ok(Response::json(200, &body).into())
}

async fn staff_outbox<D: Database>(
    app: &App<D>,
    request: &Request,
    now: Instant,
) -> Result<Handled> {
    app.authenticate_staff(request.bearer(), now).await?;
    let to = match request.query_param("to") {
        Some(to) => Some(Email::parse(&to).map_err(|invalid| invalid_field("to", invalid))?),
        None => None,
    };
    let limit = match request.query_param("limit") {
        None => 50,
        Some(text) => match text.parse::<i64>() {
            Ok(limit) if (1..=200).contains(&limit) => limit,
            _ => {
                return Err(invalid_field(
                    "limit",
                    Invalid::new("range", "must be a whole number from 1 to 200"),
                ))
            }
        },
    };
    // The store redacts every link's secret: staff never read a live one.
    let messages = app
        .store
        .outbox_messages(to.as_ref().map(Email::as_str), limit)
        .await?;
    let messages: Vec<_> = messages
        .iter()
        .map(|m| {
            json!({
                "id": m.id,
                "to": m.to,
                "subject": m.subject,
                "text": m.text,
                "status": m.status.as_str(),
                "attempts": m.attempts,
                "last_error": m.last_error,
                "created_at": format(m.created_at),
                "sent_at": m.sent_at.map(format),
                "next_attempt_at": (m.status == crate::store::OutboxStatus::Pending)
                    .then(|| format(m.next_attempt_at)),
            })
        })
        .collect();
    Ok(Response::json(200, &json!({ "messages": messages })).into())
}
