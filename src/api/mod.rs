//! The HTTP contract: routes, bodies and answers, independent of the runtime.
//!
//! [`handle`] takes a plain [`Request`], the current instant and a random
//! seed, and returns the answer and the jobs to enqueue. The Worker calls it
//! for every request; native tests call it directly over SQLite.

mod audit;
pub(crate) mod bulletins;
pub(crate) mod coupons;
pub(crate) mod decode;
pub mod http;
pub(crate) mod incidents;
pub(crate) mod invoices;
pub(crate) mod licensing;
pub(crate) mod multipart;
pub(crate) mod organisations;
mod privacy;
pub(crate) mod problem;
mod profile;
mod staff;

pub use http::{Handled, Method, Request, RequestLog, Response, MAX_BODY_BYTES};
pub use problem::ApiError;

use serde_json::json;

pub use crate::app::{Access, PartnerNeed};

use crate::app::AccessError;
use crate::app::{
    AccessKeys, App, AppError, Caller, Credentials, FloodLimit, PaymentProvider, Principal,
    Profile, FLOOD_RETRY_AFTER_SECONDS,
};
use crate::domain::email::Email;
use crate::domain::entropy::Entropy;
use crate::domain::field::{FieldErrors, Invalid};
use crate::domain::registration::NewRegistration;
use crate::domain::staff::StaffRole;
use crate::domain::time::{format, Instant};
use crate::domain::token::Token;
use crate::store::{Database, RoundTrips};
use crate::web::{self, page, paragraph};
use decode::Body;

pub type Result<T> = std::result::Result<T, ApiError>;

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

/// Answers one request. `provider` is the card payment provider, `keys`
/// Cloudflare Access's signing keys and `flood` the platform's rate limiter
/// for public posts, each if configured.
pub async fn handle<D: Database, P: PaymentProvider, K: AccessKeys, F: FloodLimit>(
    app: &App<D>,
    provider: Option<&P>,
    keys: Option<&K>,
    flood: Option<&F>,
    request: Request,
    now: Instant,
    seed: [u8; 32],
) -> Handled {
    let mut entropy = Entropy::new(seed);
    let metered = app.metered();
    let app = &metered;
    let cors = cors_origin(app, &request);
    let mut handled = match (&cors, request.method) {
        (Some(_), Method::Options) => Response::new(204, "text/plain; charset=utf-8", Vec::new())
            .with_header(
                "access-control-allow-methods",
                "GET, POST, PUT, PATCH, DELETE",
            )
            .with_header(
                "access-control-allow-headers",
                "authorization, content-type, idempotency-key",
            )
            .with_header("access-control-max-age", "600")
            .into(),
        _ => match (public_post_bucket(&request), flood) {
            (Some(bucket), Some(flood)) if !flood.admits(&bucket).await => {
                ApiError::App(AccessError::RateLimited(FLOOD_RETRY_AFTER_SECONDS).into())
                    .into_handled()
            }
            _ => {
                let mut principal = None;
                let mut answer = authenticated(
                    app,
                    provider,
                    keys,
                    &request,
                    now,
                    &mut entropy,
                    &mut principal,
                )
                .await
                .unwrap_or_else(ApiError::into_handled);
                answer.principal = principal;
                answer
            }
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
    handled.round_trips = app.round_trips();
    handled.route =
        route_for(request.method.as_str(), &request.path).map(|(pattern, _, _)| *pattern);
    handled
}

/// The `Server-Timing` entry for a request's D1 round trips: their count and
/// total time, as browsers' developer tools and the end-to-end tests read it.
pub fn server_timing(trips: RoundTrips) -> String {
    format!("d1;desc=\"{}\";dur={:.1}", trips.count, trips.millis)
}

/// Posts to public endpoints (registration, sign-in, validation, the sign-in
/// pages) are limited per client address and endpoint, so that nobody floods
/// the outbox or guesses tokens; a 429 says when to try again. The key a
/// request is counted under by the platform's limiter, if any.
fn public_post_bucket(request: &Request) -> Option<String> {
    if request.method != Method::Post {
        return None;
    }
    let segments = segments(request);
    let (pattern, _, access) = ROUTES
        .iter()
        .find(|(pattern, _, _)| pattern_matches(pattern, &segments))?;
    // One-click unsubscribes come from mail providers' servers, many people
    // behind one address; each carries its own 256-bit token and sends
    // nothing, so counting them per address would only refuse real people.
    if *access != Access::Public || *pattern == "/unsubscribe" {
        return None;
    }
    let client = request.header("cf-connecting-ip").unwrap_or("unknown");
    Some(format!("post:{pattern}:{client}"))
}

/// The public website's origin, when it calls the API: its pages may post
/// to the API (CORS), with the customer's bearer token, never with cookies.
fn cors_origin<D>(app: &App<D>, request: &Request) -> Option<String> {
    let origin = request.header("origin")?;
    let allowed = app.config.public_site_origin.as_deref()?;
    (origin == allowed && request.path.starts_with("/api/")).then(|| origin.to_owned())
}

fn segments(request: &Request) -> Vec<&str> {
    request.path.trim_matches('/').split('/').collect()
}

/// Whether a path is one of the pages (cookies, forms, redirects) rather
/// than the API (bearer tokens, JSON).
fn is_page(path: &str) -> bool {
    !(path.starts_with("/api/") || path == "/healthz")
}

/// Finds the route in [`ROUTES`], authenticates the caller by its access
/// level, and only then lets a handler run, with the principal in hand.
/// Every state change by staff or a partner is audited in the same batch
/// as the change.
async fn authenticated<D: Database, P: PaymentProvider, K: AccessKeys>(
    app: &App<D>,
    provider: Option<&P>,
    keys: Option<&K>,
    request: &Request,
    now: Instant,
    entropy: &mut Entropy,
    principal: &mut Option<&'static str>,
) -> Result<Handled> {
    let Some((pattern, _, access)) = route_for(request.method.as_str(), &request.path) else {
        let segments = segments(request);
        return Err(match allowed_methods(&segments) {
            Some(allow) => ApiError::MethodNotAllowed(allow),
            None => ApiError::NoRoute,
        });
    };
    let page = is_page(&request.path);
    // `/unsubscribe` is exempt: RFC 8058's one-click POST comes from a mail
    // client, not from our pages. It carries its own token and only ever
    // unsubscribes, so a forged post can do no more than the link itself.
    if page && !matches!(request.method, Method::Get | Method::Head) && *pattern != "/unsubscribe" {
        web::same_origin(app, request)?;
    }
    let form_token = (!page && request.bearer().is_none())
        .then(|| decode::form_field(request, "access_token"))
        .flatten();
    let credentials = Credentials {
        bearer: if page {
            None
        } else {
            request.bearer().or(form_token.as_deref())
        },
        session: if page {
            request.cookie(web::session_cookie(app))
        } else {
            None
        },
        assertion: request.header("cf-access-jwt-assertion"),
    };
    let caller = app.caller(*access, credentials, keys, now).await;
    let audit_id = entropy.id("aud");
    let entry = || {
        caller
            .resolved()
            .and_then(|principal| audit::entry(request, pattern, principal, now, &audit_id))
    };
    let app = app.audited(&entry);
    let answer = match caller.refusal() {
        Some(refusal) => Err(refusal.into()),
        None if request.oversized => Err(ApiError::PayloadTooLarge),
        None => route(&app, provider, request, &caller, now, entropy).await,
    };
    let answer = caller_first(&app, &caller, answer).await;
    *principal = caller.resolved().map(Principal::kind);
    match answer {
        Err(ApiError::App(AppError::Access(AccessError::Unauthenticated))) if page => {
            Ok(web::sign_in_first(*access, request).into())
        }
        Err(
            error @ ApiError::App(
                AppError::Access(AccessError::Forbidden(_)) | AppError::Unavailable(_),
            ),
        ) if page => Ok(web::refused(*access, error)),
        other => other,
    }
}

/// A refusal of the request itself (its body, query or target) goes out
/// only once the caller is known to be admitted: a caller without valid
/// credentials learns 401, one of another role 403, whatever it sent, and
/// nobody learns what a route would have made of a body they may not send.
/// A handler that refused before its first batch leaves the caller unknown;
/// it is looked up then, in a round trip of its own.
async fn caller_first<D: Database>(
    app: &App<D>,
    caller: &Caller,
    answer: Result<Handled>,
) -> Result<Handled> {
    match answer {
        Err(error) if caller.resolved().is_none() && error.is_about_the_request() => {
            app.identify(caller).await?;
            Err(error)
        }
        other => other,
    }
}

/// Refuses a request's input only once its caller is known, so that a
/// request without valid credentials is 401 (and one of another role 403)
/// whatever its body.
pub(crate) async fn refuse<D: Database, T>(
    app: &App<D>,
    caller: &Caller,
    error: ApiError,
) -> Result<T> {
    app.identify(caller).await?;
    Err(error)
}

/// The request's input, or its refusal once the caller is known (so that
/// 401 and 403 still come before 422).
pub(crate) async fn or_refuse<D: Database, T>(
    app: &App<D>,
    caller: &Caller,
    input: Result<T>,
) -> Result<T> {
    match input {
        Ok(input) => Ok(input),
        Err(error) => refuse(app, caller, error).await,
    }
}

/// Routes whose use case learns the caller in its own first batch come
/// first; the others learn it in a round trip of its own, then run.
async fn route<D: Database, P: PaymentProvider>(
    app: &App<D>,
    provider: Option<&P>,
    request: &Request,
    caller: &Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    use Method::{Delete, Get, Head, Patch, Post, Put};
    let segments = segments(request);
    match (request.method, segments.as_slice()) {
        (Get | Head, ["api", "me", "coupon-orders"]) => {
            coupons::list_orders(app, caller, now).await
        }
        (Post, ["support"]) => web::request_support(app, request, caller, now, entropy).await,
        (Get | Head, ["portal", "incidents", id]) => web::incident_page(app, caller, id).await,
        (Post, ["portal", "incidents", id, "messages"]) => {
            web::customer_message(app, request, caller, id, now, entropy).await
        }
        (Get | Head, ["desk"]) => web::incidents_page(app, caller, now).await,
        (Get | Head, ["desk", "incidents", id]) => web::desk_incident(app, caller, id).await,
        (
            Post,
            ["desk", "incidents", id, action @ ("attempts" | "sessions" | "messages" | "close")],
        ) => web::desk_action(app, request, caller, id, action, now, entropy).await,
        (Post, ["api", "me", "incidents"]) => {
            incidents::open(app, request, caller, now, entropy).await
        }
        (Get | Head, ["api", "me", "incidents"]) => incidents::list_own(app, caller).await,
        (Get | Head, ["api", "me", "incidents", id]) => incidents::get_own(app, caller, id).await,
        (Post, ["api", "me", "incidents", id, "messages"]) => {
            incidents::customer_message(app, request, caller, id, now, entropy).await
        }
        (Get | Head, ["api", "staff", "incidents"]) => incidents::queue(app, request, caller).await,
        (Get | Head, ["api", "staff", "incidents", id]) => {
            incidents::get_staff(app, caller, id).await
        }
        (Post, ["api", "staff", "incidents", id, "callback-attempts"]) => {
            incidents::attempt(app, request, caller, id, now, entropy).await
        }
        (Post, ["api", "staff", "incidents", id, "sessions"]) => {
            incidents::session(
                app,
                request,
                caller,
                id,
                incidents::SessionCall::Log,
                now,
                entropy,
            )
            .await
        }
        (Put, ["api", "staff", "incidents", id, "sessions", session]) => {
            incidents::session(
                app,
                request,
                caller,
                id,
                incidents::SessionCall::Correct(session),
                now,
                entropy,
            )
            .await
        }
        (Delete, ["api", "staff", "incidents", id, "sessions", session]) => {
            incidents::session(
                app,
                request,
                caller,
                id,
                incidents::SessionCall::Delete(session),
                now,
                entropy,
            )
            .await
        }
        (Post, ["api", "staff", "incidents", id, "messages"]) => {
            incidents::staff_message(app, request, caller, id, now, entropy).await
        }
        (Post, ["api", "staff", "incidents", id, "close"]) => {
            incidents::close(app, request, caller, id, now, entropy).await
        }
        // Licensing: each use case reads as its caller.
        (Post, ["portal", "activate"]) => web::activate(app, request, caller, now, entropy).await,
        (Get | Head, ["portal", "activations", id, "license-file"]) => {
            web::license_file(app, caller, id, now).await
        }
        (Get | Head, ["desk", "partners"]) => web::partners_page(app, caller).await,
        (Post, ["desk", "partners"]) => {
            web::create_partner(app, request, caller, now, entropy).await
        }
        (Post, ["desk", "partners", id, "revoke"]) => {
            web::revoke_partner(app, caller, id, now).await
        }
        (Post, ["desk", "licenses"]) => web::import_licenses(app, request, caller, now).await,
        (Get | Head, ["desk", "releases"]) => web::releases_page(app, caller).await,
        (Post, ["desk", "releases"]) => web::add_release(app, request, caller).await,
        (Get | Head, ["partner"]) => web::partner(app, request, caller, now, entropy).await,
        (Post, ["partner", "activations"]) => {
            web::partner_activate(app, request, caller, now, entropy).await
        }
        (Post, ["api", "staff", "licenses"]) => {
            licensing::import_licenses(app, request, caller, now).await
        }
        (Post, ["api", "staff", "partners", id, "revoke"]) => {
            licensing::revoke_partner(app, caller, id, now).await
        }
        (Post, ["api", "me", "activations"]) => {
            licensing::activate(app, request, caller, false, now, entropy).await
        }
        (Delete, ["api", "me" | "partner", "activations", id]) => {
            licensing::deactivate(app, caller, id, now, entropy).await
        }
        (Get | Head, ["api", "me", "activations", id, "license-file"]) => {
            licensing::license_file(app, caller, id, now).await
        }
        (Post, ["api", "partner", "activations"]) => {
            licensing::activate(app, request, caller, true, now, entropy).await
        }
        (Get | Head, ["api", "partner", "sups-subscriptions"]) => {
            licensing::partner_subscriptions(app, caller, now).await
        }
        (Get | Head, ["api", "partner", "licenses"]) => {
            licensing::partner_licenses(app, caller).await
        }
        (Get | Head, ["api", "partner", "statements", month]) => {
            licensing::partner_statement(app, caller, month).await
        }
        (Get | Head, ["api", "me", "invoices"]) => invoices::list(app, caller).await,
        (Get | Head, ["api", "staff", "invoices"]) => {
            invoices::staff_list(app, request, caller).await
        }
        (Get | Head, ["api", "me", "invoices", id]) => {
            invoices::get(app, request, caller, id).await
        }
        (Get | Head, ["portal", "invoices"]) => web::invoices_page(app, caller).await,
        (Get | Head, ["portal", "invoices", id]) => web::invoice_page(app, caller, id).await,
        (Get | Head, ["portal", "invoices", id, "xml"]) => web::invoice_xml(app, caller, id).await,
        (Get | Head, ["desk", "invoices"]) => {
            web::desk_invoices_page(app, request, caller, now).await
        }
        (Get | Head, ["desk", "invoices.csv"]) => invoices::staff_csv(app, request, caller).await,
        (Get | Head, ["api", "me", "coupon-orders", id]) => {
            coupons::get_order(app, caller, id, now).await
        }
        (Post, ["api", "me", "coupon-orders"]) => {
            coupons::create_order(app, provider, request, caller, now, entropy).await
        }
        (Post, ["api", "me", "coupon-orders", id, "cancel"]) => {
            coupons::cancel_order(app, caller, id, now).await
        }
        (Get | Head, ["api", "me", "ledger"]) => coupons::ledger(app, caller).await,
        (Get | Head, ["api", "me", "export"] | ["portal", "export"]) => {
            privacy::export(app, caller, now).await
        }
        (Get | Head, ["api", "staff", "bank-entries"]) => {
            coupons::unmatched_entries(app, caller).await
        }
        (Get | Head, ["api", "staff", "tasks"]) => coupons::staff_tasks(app, request, caller).await,
        (Post, ["api", "staff", "tasks", id, "resolve"]) => {
            coupons::resolve_task(app, request, caller, id, now).await
        }
        (Post, ["api", "staff", "orders", id, "settle"]) => {
            coupons::settle_order(app, request, caller, id, now, entropy).await
        }
        (Get | Head, ["api", "staff", "outbox"]) => staff_outbox(app, request, caller).await,
        (Get | Head, ["portal", "coupons"]) => web::coupons_page(app, caller, now).await,
        (Post, ["portal", "coupons"]) => {
            web::order_coupons(app, provider, request, caller, now, entropy).await
        }
        (Get | Head, ["portal", "orders", id]) => {
            web::order_page(app, request, caller, id, now).await
        }
        (Get | Head, ["desk", "statements"]) => web::statements_page(app, caller).await,
        (Get | Head, ["desk", "outbox"]) => web::outbox_page(app, caller).await,
        (Get | Head, ["desk", "tasks"]) => web::tasks_page(app, caller).await,
        (Post, ["desk", "tasks", id, "resolve"]) => {
            web::resolve_task(app, request, caller, id, now).await
        }
        (Post, ["desk", "orders", id, "settle"]) => {
            web::settle_order(app, request, caller, id, now, entropy).await
        }
        (Get | Head, ["api", "me"]) => me(app, caller, now).await,
        (Patch, ["api", "me"]) => profile::change_me(app, request, caller, now, entropy).await,
        (Delete, ["api", "me"]) => privacy::request_erasure(app, caller, now, entropy).await,
        (Post, ["portal", "erasure"]) => web::request_erasure(app, caller, now, entropy).await,
        (Post, ["api", "staff", "contacts", id, "erasure"]) => {
            privacy::erase(app, caller, id, now, entropy).await
        }
        (Get | Head, ["portal"]) => web::portal(app, caller, now).await,
        (Get | Head, ["desk", "audit"]) => web::audit_page(app, request, caller).await,
        (Get | Head, ["api", "staff", "audit"]) => staff::audit(app, request, caller).await,
        (Get | Head, ["api", "staff", "members"]) => staff::members(app, caller).await,
        (Get | Head, ["api", "staff", "bulletins"]) => bulletins::list(app, caller).await,
        (Get | Head, ["desk", "bulletins"]) => web::desk_page(app, caller).await,
        (Get | Head, ["portal", "profile"]) => web::profile_page(app, caller).await,
        (Get | Head, ["desk", "claims"]) => web::claims_page(app, caller).await,
        (Get | Head, ["portal", "contacts"]) => web::contacts_page(app, caller, now).await,
        (Get | Head, ["api", "me", "contacts"]) => organisations::contacts(app, caller, now).await,
        (Post, ["portal", "contacts"]) => {
            web::invite_contact(app, request, caller, now, entropy).await
        }
        (Post, ["portal", "contacts", id, "remove"]) => {
            web::remove_contact(app, caller, id, now).await
        }
        (Post, ["portal", "invitations", id, "withdraw"]) => {
            web::withdraw_invitation(app, caller, id, now).await
        }
        (Delete, ["api", "me", "invitations", id]) => {
            organisations::withdraw(app, caller, id, now).await
        }
        (Post, ["api", "me", "contacts"]) => {
            organisations::invite(app, request, caller, now, entropy).await
        }
        (Delete, ["api", "me", "contacts", id]) => {
            organisations::remove(app, caller, None, id, now).await
        }
        (Delete, ["api", "staff", "customers", customer, "contacts", id]) => {
            organisations::remove(app, caller, Some(customer), id, now).await
        }
        (Post, ["api", "staff", "members"]) => {
            staff::add_member(app, request, caller, now, entropy).await
        }
        (Patch, ["api", "staff", "members", id]) => {
            staff::change_member(app, request, caller, id, now).await
        }
        (Get | Head, ["api", "staff", "license-claims"]) => {
            organisations::claims(app, caller).await
        }
        (Post, ["desk", "claims", id, action]) => match organisations::ClaimAction::parse(action) {
            Some(action) => web::decide_claim(app, request, caller, id, action, now, entropy).await,
            None => Err(ApiError::NoRoute),
        },
        (Post, ["confirm-join"]) => web::confirm_join(app, request, now).await,
        (Post, ["api", "staff", "license-claims", id, action @ ("assign" | "join" | "refuse")]) => {
            let action = organisations::ClaimAction::parse(action).ok_or(ApiError::NoRoute)?;
            organisations::claim(app, request, caller, id, action, now, entropy).await
        }
        (Put, ["api", "staff", "licenses", serial, "holder"]) => {
            organisations::set_holder(app, request, caller, serial, now, entropy).await
        }
        (Post, ["api", "staff", "license-claims", id, "resolve"]) => {
            licensing::resolve_claim(app, request, caller, id, now, entropy).await
        }
        (Post, ["api", "licenses", "validate"]) => licensing::validate(app, request, now).await,
        (Post, ["desk", "adjustments"]) => web::adjust(app, request, caller, now, entropy).await,
        (Post, ["partner", "sups"]) => web::sell_sups(app, request, caller, now, entropy).await,
        (Post, ["desk", "statements"]) => {
            web::upload_statement(app, request, caller, now, entropy).await
        }
        (Post, ["desk", "bank-entries", id, "match"]) => {
            web::match_entry(app, request, caller, id, now, entropy).await
        }
        (Post, ["api", "staff", "bank-statements"]) => {
            coupons::bank_statement(app, request, caller, now, entropy).await
        }
        (Post, ["api", "staff", "bank-entries", id, "match"]) => {
            coupons::match_entry(app, request, caller, id, now, entropy).await
        }
        (Post, ["api", "partner", "sups-subscriptions"]) => {
            licensing::sell_sups(app, request, caller, now, entropy).await
        }
        (Post, ["api", "staff", "customers", id, "adjustments"]) => {
            coupons::adjust(app, request, caller, id, now, entropy).await
        }
        _ => {
            let principal = app.identify(caller).await?;
            route_principal(app, request, &principal, now, entropy).await
        }
    }
}

async fn route_principal<D: Database>(
    app: &App<D>,
    request: &Request,
    principal: &Principal,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    use Method::{Get, Head, Post};
    let p = principal;
    let segments = segments(request);
    match (request.method, segments.as_slice()) {
        (Get | Head, ["healthz"]) => Ok(health(app).into()),
        (Get | Head, [""]) => Ok(web::home().into()),
        (Get | Head, ["terms"]) => Ok(web::terms().into()),
        (Get | Head, ["privacy"]) => Ok(web::privacy_page(&app.config.retention).into()),
        (Post, ["sign-out"]) => web::sign_out(app, request, now).await,
        (Get | Head, ["support"]) => web::support_page(),
        (Get | Head, ["portal", "activate"]) => web::activate_page(),
        (Get | Head, ["desk", "sign-in"]) => Ok(web::DESK_SIGN_IN.page(request).into()),
        (Post, ["desk", "sign-in"]) => web::DESK_SIGN_IN.sign_in(app, request, now, entropy).await,
        (Get | Head, ["invitation"]) => web::invitation_page(app, request, now).await,
        (Post, ["invitation"]) => web::accept_invitation(app, request, now, entropy).await,
        (Post, ["portal", "profile"]) => web::save_profile(app, request, p, now, entropy).await,
        (Get | Head, ["confirm-email"]) => Ok(web::confirm_email_page(request).into()),
        (Post, ["confirm-email"]) => web::confirm_email(app, request, now, entropy).await,
        (Get | Head, ["confirm-erasure"]) => Ok(web::confirm_erasure_page(request).into()),
        (Post, ["confirm-erasure"]) => web::confirm_erasure(app, request, now, entropy).await,
        (Get | Head, ["confirm-join"]) => Ok(web::confirm_join_page(request).into()),
        (Post, ["api", "invitations", "accept"]) => organisations::accept(app, request, now, entropy).await,
        (Get | Head, ["desk", "adjustments"]) => web::adjustments_page(p, entropy),
        (Get | Head, ["desk", "licenses"]) => web::licenses_page(p),
        (Get | Head, ["partner", "sign-in"]) => Ok(web::PARTNER_SIGN_IN.page(request).into()),
        (Post, ["partner", "sign-in"]) => web::PARTNER_SIGN_IN.sign_in(app, request, now, entropy).await,
        (Post, ["api", "registrations"]) => register(app, request, now, entropy).await,
        (Post, ["api", "registrations", "verify"]) => verify(app, request, now, entropy).await,
        (Get | Head, ["verify"]) => Ok(web::verify_page(request).into()),
        (Post, ["verify"]) => web::verify_form(app, request, now, entropy).await,
        (Post, ["api", "sessions"]) => request_sign_in(app, request, now, entropy).await,
        (Post, ["api", "sessions", "redeem"]) => redeem(app, request, now, entropy).await,
        (Get | Head, ["sign-in"]) => Ok(web::sign_in_page(request).into()),
        (Post, ["sign-in"]) => web::sign_in_form(app, request, now, entropy).await,
        (Get | Head, ["register"]) => Ok(web::registration_form(200, |_| None, |name| request.query_param(&format!("error_{name}"))).into()),
        (Post, ["register"]) => web::register_page(app, request, now, entropy).await,
        (Get | Head, ["registered"]) => Ok(page(
            200,
            "Thank you for registering",
            paragraph("We have emailed you a link to confirm your address. Open it to activate your account and receive your free support coupon."),
        )
        .into()),
        (Post, ["api", "webhooks", "stripe"]) => coupons::stripe_webhook(app, request, now, entropy).await,
        (Post, ["api", "staff", "partners"]) => licensing::create_partner(app, request, p, now, entropy).await,
        (Post, ["api", "staff", "releases"]) => licensing::add_release(app, request, p).await,
        (Get | Head, ["api", "licenses", "public-key"]) => licensing::public_key(app).await,
        (Post, ["api", "staff", "bulletins"]) => bulletins::publish(app, request, p, now, entropy).await,
        (Post, ["desk", "bulletins"]) => web::desk_publish(app, request, p, now, entropy).await,
        (Get | Head, ["news"]) => web::news(app).await,
        (Get | Head, ["news", id]) => web::news_item(app, id).await,
        (Get | Head, ["unsubscribe"]) => Ok(web::unsubscribe_page(request)),
        (Post, ["unsubscribe"]) => web::unsubscribe(app, request).await,
        (Get | Head, ["support-requested"]) => Ok(page(
            200,
            "Support request received",
            paragraph("Thank you. A Spica support specialist will call you back within 24 hours, most requests well within 12. We have emailed you the details."),
        )
        .into()),
        // A route of the table without its arm here: a programming error.
        _ => Err(ApiError::NoRoute),
    }
}

/// Routes of the table that Workers static assets answer from `assets/`
/// before the Worker runs (the API's contract, OpenAPI 3.1, kept out of the
/// WASM bundle): the router only refuses their other methods.
pub const PLATFORM_SERVED: &[&str] = &["/api/openapi.json"];

const PUBLIC: Access = Access::Public;
const SIGNED: Access = Access::Signed;
const CUSTOMER: Access = Access::Customer;
/// Incidents, customers read-only, the outbox.
const AGENT: Access = Access::Staff(&[StaffRole::Agent]);
/// Bank statements and entries, orders, adjustments, tasks.
const FINANCE: Access = Access::Staff(&[StaffRole::Finance]);
/// Members, partners, licenses, releases, claims, the audit log, and
/// bulletins (they go to every subscribed customer at once).
const ADMIN: Access = Access::Staff(&[StaffRole::Admin]);
/// Any staff member (the desk's home page).
const STAFF: Access = Access::Staff(&[StaffRole::Agent, StaffRole::Finance]);
const PARTNER: Access = Access::Partner(PartnerNeed::Any);
const RESELLER: Access = Access::Partner(PartnerNeed::Reseller);
const TECHNICIAN: Access = Access::Partner(PartnerNeed::Technician);

/// Every route: its path (`{…}` is one segment), its methods (GET also
/// answers HEAD), and who may call it. The router authenticates by this
/// table before any handler runs, so a route cannot exist without its
/// access level; `tests/api/routes.rs` checks the router, `openapi.json`
/// and a role matrix generated from this table.
pub const ROUTES: &[(&str, &[&str], Access)] = &[
    ("/healthz", &["GET"], PUBLIC),
    ("/api/openapi.json", &["GET"], PUBLIC),
    ("/api/registrations", &["POST"], PUBLIC),
    ("/api/registrations/verify", &["POST"], PUBLIC),
    ("/api/sessions", &["POST"], PUBLIC),
    ("/api/sessions/redeem", &["POST"], PUBLIC),
    ("/api/me", &["GET", "PATCH", "DELETE"], CUSTOMER),
    ("/api/me/ledger", &["GET"], CUSTOMER),
    ("/api/me/export", &["GET"], CUSTOMER),
    ("/api/me/coupon-orders", &["GET", "POST"], CUSTOMER),
    ("/api/me/coupon-orders/{order_id}", &["GET"], CUSTOMER),
    ("/api/me/invoices", &["GET"], CUSTOMER),
    ("/api/me/invoices/{invoice_id}", &["GET"], CUSTOMER),
    (
        "/api/me/coupon-orders/{order_id}/cancel",
        &["POST"],
        CUSTOMER,
    ),
    ("/api/me/incidents", &["GET", "POST"], CUSTOMER),
    ("/api/me/incidents/{incident_id}", &["GET"], CUSTOMER),
    (
        "/api/me/incidents/{incident_id}/messages",
        &["POST"],
        CUSTOMER,
    ),
    ("/api/me/activations", &["POST"], CUSTOMER),
    ("/api/me/activations/{activation_id}", &["DELETE"], CUSTOMER),
    (
        "/api/me/activations/{activation_id}/license-file",
        &["GET"],
        CUSTOMER,
    ),
    ("/api/webhooks/stripe", &["POST"], SIGNED),
    ("/api/licenses/validate", &["POST"], PUBLIC),
    ("/api/licenses/public-key", &["GET"], PUBLIC),
    ("/api/staff/outbox", &["GET"], AGENT),
    ("/api/staff/audit", &["GET"], ADMIN),
    ("/api/staff/members", &["GET", "POST"], ADMIN),
    ("/api/staff/members/{member_id}", &["PATCH"], ADMIN),
    ("/api/staff/bank-statements", &["POST"], FINANCE),
    ("/api/staff/bank-entries", &["GET"], FINANCE),
    (
        "/api/staff/bank-entries/{entry_id}/match",
        &["POST"],
        FINANCE,
    ),
    ("/api/staff/tasks", &["GET"], FINANCE),
    ("/api/staff/invoices", &["GET"], FINANCE),
    ("/api/staff/tasks/{task_id}/resolve", &["POST"], FINANCE),
    ("/api/staff/orders/{order_id}/settle", &["POST"], FINANCE),
    (
        "/api/staff/customers/{customer_id}/adjustments",
        &["POST"],
        FINANCE,
    ),
    ("/api/staff/incidents", &["GET"], AGENT),
    ("/api/staff/incidents/{incident_id}", &["GET"], AGENT),
    (
        "/api/staff/incidents/{incident_id}/callback-attempts",
        &["POST"],
        AGENT,
    ),
    (
        "/api/staff/incidents/{incident_id}/sessions",
        &["POST"],
        AGENT,
    ),
    (
        "/api/staff/incidents/{incident_id}/sessions/{session_id}",
        &["PUT", "DELETE"],
        AGENT,
    ),
    (
        "/api/staff/incidents/{incident_id}/messages",
        &["POST"],
        AGENT,
    ),
    ("/api/staff/incidents/{incident_id}/close", &["POST"], AGENT),
    ("/api/staff/licenses", &["POST"], ADMIN),
    ("/api/staff/partners", &["POST"], ADMIN),
    ("/api/staff/partners/{partner_id}/revoke", &["POST"], ADMIN),
    ("/api/staff/releases", &["POST"], ADMIN),
    ("/api/staff/license-claims", &["GET"], ADMIN),
    (
        "/api/staff/license-claims/{claim_id}/resolve",
        &["POST"],
        ADMIN,
    ),
    ("/api/me/contacts", &["GET", "POST"], CUSTOMER),
    ("/api/me/contacts/{contact_id}", &["DELETE"], CUSTOMER),
    ("/api/me/invitations/{invitation_id}", &["DELETE"], CUSTOMER),
    ("/api/invitations/accept", &["POST"], PUBLIC),
    (
        "/api/staff/customers/{customer_id}/contacts/{contact_id}",
        &["DELETE"],
        ADMIN,
    ),
    // Admins: they keep the customers' contacts (removal above); agents
    // only read customers, finance keeps the money.
    ("/api/staff/contacts/{contact_id}/erasure", &["POST"], ADMIN),
    (
        "/api/staff/license-claims/{claim_id}/assign",
        &["POST"],
        ADMIN,
    ),
    (
        "/api/staff/license-claims/{claim_id}/join",
        &["POST"],
        ADMIN,
    ),
    (
        "/api/staff/license-claims/{claim_id}/refuse",
        &["POST"],
        ADMIN,
    ),
    ("/api/staff/licenses/{serial}/holder", &["PUT"], ADMIN),
    ("/api/partner/activations", &["POST"], TECHNICIAN),
    (
        "/api/partner/activations/{activation_id}",
        &["DELETE"],
        TECHNICIAN,
    ),
    (
        "/api/partner/sups-subscriptions",
        &["GET", "POST"],
        RESELLER,
    ),
    ("/api/partner/licenses", &["GET"], PARTNER),
    ("/api/partner/statements/{month}", &["GET"], RESELLER),
    ("/", &["GET"], PUBLIC),
    ("/terms", &["GET"], PUBLIC),
    ("/privacy", &["GET"], PUBLIC),
    ("/register", &["GET", "POST"], PUBLIC),
    ("/registered", &["GET"], PUBLIC),
    ("/verify", &["GET", "POST"], PUBLIC),
    ("/sign-in", &["GET", "POST"], PUBLIC),
    ("/sign-out", &["POST"], PUBLIC),
    ("/support-requested", &["GET"], PUBLIC),
    ("/portal", &["GET"], CUSTOMER),
    ("/portal/coupons", &["GET", "POST"], CUSTOMER),
    ("/portal/orders/{order_id}", &["GET"], CUSTOMER),
    ("/support", &["GET", "POST"], CUSTOMER),
    ("/portal/incidents/{incident_id}", &["GET"], CUSTOMER),
    (
        "/portal/incidents/{incident_id}/messages",
        &["POST"],
        CUSTOMER,
    ),
    ("/portal/activate", &["GET", "POST"], CUSTOMER),
    ("/portal/contacts", &["GET", "POST"], CUSTOMER),
    ("/portal/contacts/{contact_id}/remove", &["POST"], CUSTOMER),
    (
        "/portal/invitations/{invitation_id}/withdraw",
        &["POST"],
        CUSTOMER,
    ),
    ("/invitation", &["GET", "POST"], PUBLIC),
    ("/confirm-join", &["GET", "POST"], PUBLIC),
    ("/portal/profile", &["GET", "POST"], CUSTOMER),
    ("/portal/export", &["GET"], CUSTOMER),
    ("/portal/erasure", &["POST"], CUSTOMER),
    ("/portal/invoices", &["GET"], CUSTOMER),
    ("/portal/invoices/{invoice_id}", &["GET"], CUSTOMER),
    ("/portal/invoices/{invoice_id}/xml", &["GET"], CUSTOMER),
    ("/confirm-email", &["GET", "POST"], PUBLIC),
    ("/confirm-erasure", &["GET", "POST"], PUBLIC),
    (
        "/portal/activations/{activation_id}/license-file",
        &["GET"],
        CUSTOMER,
    ),
    ("/desk/sign-in", &["GET", "POST"], PUBLIC),
    ("/desk", &["GET"], STAFF),
    ("/desk/incidents/{incident_id}", &["GET"], AGENT),
    ("/desk/incidents/{incident_id}/attempts", &["POST"], AGENT),
    ("/desk/incidents/{incident_id}/sessions", &["POST"], AGENT),
    ("/desk/incidents/{incident_id}/messages", &["POST"], AGENT),
    ("/desk/incidents/{incident_id}/close", &["POST"], AGENT),
    ("/desk/statements", &["GET", "POST"], FINANCE),
    ("/desk/bank-entries/{entry_id}/match", &["POST"], FINANCE),
    ("/desk/outbox", &["GET"], AGENT),
    ("/desk/claims", &["GET"], ADMIN),
    ("/desk/claims/{claim_id}/assign", &["POST"], ADMIN),
    ("/desk/claims/{claim_id}/join", &["POST"], ADMIN),
    ("/desk/claims/{claim_id}/refuse", &["POST"], ADMIN),
    ("/desk/audit", &["GET"], ADMIN),
    ("/desk/tasks", &["GET"], FINANCE),
    ("/desk/tasks/{task_id}/resolve", &["POST"], FINANCE),
    ("/desk/orders/{order_id}/settle", &["POST"], FINANCE),
    ("/desk/adjustments", &["GET", "POST"], FINANCE),
    ("/desk/invoices", &["GET"], FINANCE),
    ("/desk/invoices.csv", &["GET"], FINANCE),
    ("/desk/partners", &["GET", "POST"], ADMIN),
    ("/desk/partners/{partner_id}/revoke", &["POST"], ADMIN),
    ("/desk/licenses", &["GET", "POST"], ADMIN),
    ("/desk/releases", &["GET", "POST"], ADMIN),
    ("/partner/sign-in", &["GET", "POST"], PUBLIC),
    ("/partner", &["GET"], PARTNER),
    ("/partner/activations", &["POST"], TECHNICIAN),
    ("/api/staff/bulletins", &["GET", "POST"], ADMIN),
    ("/desk/bulletins", &["GET", "POST"], ADMIN),
    ("/news", &["GET"], PUBLIC),
    ("/news/{bulletin_id}", &["GET"], PUBLIC),
    ("/unsubscribe", &["GET", "POST"], PUBLIC),
    ("/partner/sups", &["POST"], RESELLER),
];

/// Whether a route's path pattern matches a request's path segments.
/// The entry of [`ROUTES`] that takes this method on this path (HEAD as GET).
pub fn route_for(
    method: &str,
    path: &str,
) -> Option<&'static (&'static str, &'static [&'static str], Access)> {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    ROUTES.iter().find(|(pattern, methods, _)| {
        pattern_matches(pattern, &segments)
            && methods
                .iter()
                .any(|m| *m == method || (*m == "GET" && method == "HEAD"))
    })
}

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
pub(crate) fn token_field(request: &Request) -> Result<Token> {
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
            let registration = NewRegistration::parse(
                decode::registration_json(&object),
                &app.config.vendor_addresses,
            )
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
    let registration = match NewRegistration::parse(
        decode::registration_form(pairs),
        &app.config.vendor_addresses,
    ) {
        Ok(registration) => registration,
        Err(errors) => return Ok(back_with(&errors).into()),
    };
    match app.register(registration, now, entropy).await {
        Ok(registered) => Ok(Handled::with_jobs(
            Response::redirect(&app.config.registration_thanks_url),
            registered.jobs,
        )),
        Err(AppError::Access(AccessError::EmailTaken)) => {
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
    Ok(Handled::with_jobs(Response::json(202, &body), jobs))
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

fn profile_json(profile: &Profile) -> serde_json::Value {
    let c = &profile.principal.customer;
    let p = &profile.principal.contact;
    json!({
        "customer_id": c.id,
        "status": c.status.as_str(),
        "serial": c.registered_serial,
        "company": {
            "name": c.company_name,
            "street": c.street,
            "postal_code": c.postal_code,
            "city": c.city,
            "country": c.country,
            "vat_id": c.vat_id,
        },
        "contact": {"contact_id": p.id, "name": p.name, "email": p.email, "phone": p.phone},
        "newsletter": p.newsletter,
        "pending_email": profile.pending_email,
        "created_at": format(c.created_at),
        "verified_at": c.verified_at.map(format),
        "coupon_balance": profile.coupon_balance,
        "minutes_available": profile.minutes_available,
    })
}

async fn me<D: Database>(app: &App<D>, caller: &Caller, now: Instant) -> Result<Handled> {
    let body = me_json(&app.overview(caller).await?, now);
    Ok(Response::json(200, &body).into())
}

/// The body of `GET /api/me`, also the answer of `PATCH /api/me`.
pub(super) fn me_json(overview: &crate::app::CustomerOverview, now: Instant) -> serde_json::Value {
    let mut body = profile_json(&overview.profile);
    body["company"]["vat_status"] = overview.vat.status.map(|s| s.as_str()).into();
    body["company"]["vat_treatment"] = serde_json::json!({
        "category": overview.vat.decision.category.as_str(),
        "note": coupons::vat_note_json(overview.vat.decision.note),
    });
    body["licenses"] = licensing::licenses_json(&overview.records.licenses, now);
    body
}

async fn staff_outbox<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
) -> Result<Handled> {
    let mut errors = FieldErrors::default();
    let to = match request.query_param("to") {
        Some(to) => errors.check("to", Email::parse(&to)),
        None => None,
    };
    let limit = match request.query_param("limit") {
        None => 50,
        Some(text) => match text.parse::<i64>() {
            Ok(limit) if (1..=200).contains(&limit) => limit,
            _ => {
                errors.push(
                    "limit",
                    Invalid::new("range", "must be a whole number from 1 to 200"),
                );
                0
            }
        },
    };
    if !errors.is_empty() {
        return refuse(app, caller, decode::invalid(errors)).await;
    }
    let (_, messages) = app
        .outbox(caller, to.as_ref().map(Email::as_str), limit)
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
                "reply_to": m.reply_to,
            })
        })
        .collect();
    Ok(Response::json(200, &json!({ "messages": messages })).into())
}
