//! The front door: every request comes through [`handle`], which finds its
//! row in the route table ([`table`]), applies what holds for every route
//! (CORS for the public website, the flood limit on public posts, the
//! same-origin rule for page posts, security headers), identifies the
//! caller by the row's access level before anything of the request is
//! read, audits staff's and partners' changes in the batch that makes them
//! ([`audit`]), and only then runs the row's handler.
//!
//! The router is the top of the edge: it imports `api`, `web` and `http`;
//! nothing imports it but the Worker and the tests.

pub mod audit;
pub mod doc;
#[cfg(not(target_arch = "wasm32"))]
pub mod openapi;
pub mod table;

#[cfg(not(target_arch = "wasm32"))]
pub use table::facts;
pub use table::{pattern_matches, segments, Audience, Route, Surface};

use crate::app::{
    Access, AccessError, AccessKeys, App, AppError, Caller, Credentials, FloodLimit,
    PaymentProvider, Principal, FLOOD_RETRY_AFTER_SECONDS,
};
use crate::domain::entropy::Entropy;
use crate::domain::time::Instant;
use crate::http::session::{own_origin, same_origin, session_cookie};
use crate::http::{decode, ApiError, Ctx, Handled, Method, Request, Response, Result};
use crate::store::{Database, RoundTrips};
use crate::web;

/// Answers one request. `provider` is the card payment provider, `keys`
/// Cloudflare Access's signing keys and `flood` the platform's rate limiter
/// for public posts, each if configured. The clock and entropy come in, so
/// that the same code runs in the Worker and in native tests.
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
    let routes = table::routes::<D, P>();
    let segments = segments(&request.path);
    let row = routes
        .iter()
        .find(|row| row.matches(request.method, &segments));
    let cors = cors_origin(app, &request);
    // Refusals are told in the reader's language (problem details' `title`
    // and `detail`; their machine members are the same in every language).
    let lang = request.language();
    let mut handled = match (&cors, request.method, row) {
        (Some(_), Method::Options, _) => preflight(),
        (_, _, None) => refuse_unrouted(&routes, request.method, &segments).into_handled_in(lang),
        (_, _, Some(row)) => match (flood_key(row, &request), flood) {
            (Some(key), Some(flood)) if !flood.admits(&key).await => {
                ApiError::App(AccessError::RateLimited(FLOOD_RETRY_AFTER_SECONDS).into())
                    .into_handled_in(lang)
            }
            _ => {
                let params = row.params(&segments);
                let mut principal = None;
                let mut answer = run(
                    app,
                    provider,
                    keys,
                    row,
                    &request,
                    params,
                    now,
                    &mut entropy,
                    &mut principal,
                )
                .await
                .unwrap_or_else(|error| error.into_handled_in(lang));
                answer.principal = principal;
                answer
            }
        },
    };
    if let Some(origin) = cors {
        let headers = &mut handled.response.headers;
        headers.push(("access-control-allow-origin".into(), origin));
        headers.push(("vary".into(), "Origin".into()));
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
    handled.route = row.map(|row| row.pattern);
    handled
}

/// The largest body the route of `method` and `path` takes, for the Worker's
/// database `D` and payment provider `P`: the Worker leaves a body declared
/// larger unread.
pub fn body_limit<D: Database, P: PaymentProvider>(method: Method, path: &str) -> usize {
    let segments = segments(path);
    table::routes::<D, P>()
        .iter()
        .find(|row| row.matches(method, &segments))
        .map_or(crate::http::MAX_BODY_BYTES, |row| row.body_limit)
}

/// The row of `method` on `path`, without its handler.
#[cfg(not(target_arch = "wasm32"))]
pub fn route_for(method: Method, path: &str) -> Option<Route<()>> {
    let segments = segments(path);
    facts()
        .into_iter()
        .find(|row| row.matches(method, &segments))
}

/// The `Server-Timing` entry for a request's D1 round trips: their count and
/// total time, as browsers' developer tools and the end-to-end tests read it.
pub fn server_timing(trips: RoundTrips) -> String {
    format!("d1;desc=\"{}\";dur={:.1}", trips.count, trips.millis)
}

/// The public website's CORS preflight.
fn preflight() -> Handled {
    Response::new(204, "text/plain; charset=utf-8", Vec::new())
        .with_header(
            "access-control-allow-methods",
            "GET, POST, PUT, PATCH, DELETE",
        )
        .with_header(
            "access-control-allow-headers",
            "authorization, content-type, idempotency-key",
        )
        .with_header("access-control-max-age", "600")
        .into()
}

/// No row takes this method here: 405 with the methods that are taken, or
/// 404 where nothing is.
fn refuse_unrouted<H>(routes: &[Route<H>], method: Method, segments: &[&str]) -> ApiError {
    let mut allowed: Vec<&str> = routes
        .iter()
        .filter(|row| pattern_matches(row.pattern, segments))
        .map(|row| row.method.as_str())
        .collect();
    if allowed.is_empty() || method == Method::Options {
        return ApiError::NoRoute;
    }
    if allowed.contains(&"GET") {
        allowed.insert(
            allowed.iter().position(|m| *m == "GET").unwrap_or(0) + 1,
            "HEAD",
        );
    }
    ApiError::MethodNotAllowed(allowed.join(", "))
}

/// Posts to public endpoints (registration, sign-in, validation, the sign-in
/// pages) are limited per client address and endpoint, so that nobody floods
/// the outbox or guesses tokens; a 429 says when to try again. The key a
/// request is counted under by the platform's limiter, if any.
fn flood_key<H>(row: &Route<H>, request: &Request) -> Option<String> {
    let counted = request.method == Method::Post
        && row.access == Access::Public
        && !row.posted_by_mail_clients;
    counted.then(|| {
        let client = request.header("cf-connecting-ip").unwrap_or("unknown");
        format!("post:{}:{client}", row.pattern)
    })
}

/// The public website's origin, when it calls the API: its pages may post
/// to the API (CORS), with the customer's bearer token, never with cookies.
fn cors_origin<D>(app: &App<D>, request: &Request) -> Option<String> {
    let origin = request.header("origin")?;
    let allowed = app.config.public_site_origin.as_deref()?;
    (origin == allowed && request.path.starts_with("/api/")).then(|| origin.to_owned())
}

/// Authenticates the caller by the row's access level, and only then lets
/// its handler run, with the caller in its context. Every state change by
/// staff or a partner is audited in the same batch as the change.
#[allow(clippy::too_many_arguments)]
async fn run<D: Database, P: PaymentProvider, K: AccessKeys>(
    app: &App<crate::store::Metered<'_, D>>,
    provider: Option<&P>,
    keys: Option<&K>,
    row: &Route<table::Handler<D, P>>,
    request: &Request,
    params: Vec<&str>,
    now: Instant,
    entropy: &mut Entropy,
    principal: &mut Option<&'static str>,
) -> Result<Handled> {
    let page = row.surface == Surface::Page;
    if page && !matches!(request.method, Method::Get | Method::Head) && !row.posted_by_mail_clients
    {
        same_origin(app, request)?;
    }
    let live = row.access == Access::Participant;
    if live {
        own_origin_only(app, request)?;
    }
    let form_token = (!page && !live && request.bearer().is_none())
        .then(|| decode::form_field(request, "access_token"))
        .flatten();
    let credentials = Credentials {
        bearer: if page {
            None
        } else {
            request.bearer().or(form_token.as_deref())
        },
        session: if page || live {
            request.cookie(session_cookie(app))
        } else {
            None
        },
        assertion: request
            .header("cf-access-jwt-assertion")
            .or_else(|| live.then(|| request.cookie(ACCESS_COOKIE)).flatten()),
    };
    let caller = app.caller(row.access, credentials, keys, now).await;
    let audit_id = entropy.id("aud");
    let entry = || {
        caller
            .resolved()
            .and_then(|principal| audit::entry(request, row.pattern, principal, now, &audit_id))
    };
    let app = app.audited(&entry);
    let answer = match caller.refusal() {
        Some(refusal) => Err(refusal.into()),
        None if request.oversized || request.body.len() > row.body_limit => {
            Err(ApiError::PayloadTooLarge)
        }
        None => {
            let mut ctx = Ctx::new(&app, provider, request, &caller, now, entropy, params);
            (row.handler)(&mut ctx).await
        }
    };
    let answer = caller_first(&app, &caller, answer).await;
    *principal = caller.resolved().map(Principal::kind);
    match answer {
        Err(ApiError::App(AppError::Access(AccessError::Unauthenticated))) if page => {
            Ok(web::sign_in_first(row.access, request).into())
        }
        Err(
            error @ ApiError::App(
                AppError::Access(AccessError::Forbidden(_)) | AppError::Unavailable(_),
            ),
        ) if page => Ok(web::refused(request.language(), row.access, error)),
        other => other,
    }
}

/// The cookie in which Cloudflare Access keeps a staff member's assertion
/// for the whole host: a browser's WebSocket carries no header of ours, so
/// the desk's page enters a live room with it.
const ACCESS_COOKIE: &str = "CF_Authorization";

/// Live support takes a browser's cookies as well as bearer tokens, so a
/// page of another site must not open a room as the browser's user
/// (cross-site WebSocket hijacking): an `Origin` other than the portal's
/// own is refused (403). A client that is no browser sends none.
fn own_origin_only<D>(app: &App<D>, request: &Request) -> Result<()> {
    match request.header("origin") {
        Some(origin) if origin != own_origin(app) => Err(ApiError::App(AppError::Access(
            AccessError::Forbidden(crate::domain::messages::problem_forbidden_live_origin),
        ))),
        _ => Ok(()),
    }
}

/// A refusal of the request itself (its body, query or target) goes out
/// only once the caller is known to be admitted: a caller without valid
/// credentials learns 401, one of another role 403, whatever it sent, and
/// nobody learns what a route would have made of a body they may not send.
/// A handler that refused before its first batch leaves the caller unknown;
/// it is looked up then, in a round trip of its own. Every handler runs
/// under this, so none can answer 400, 413, 415 or 422 first.
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
