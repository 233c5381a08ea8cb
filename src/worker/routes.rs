//! HTTP in and out: the runtime's request to [`crate::http::Request`], the
//! answer back, and the answer's jobs onto the queue.

use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use worker::{console_error, console_log, AnalyticsEngineDataPointBuilder, Context, Env, Headers};

use super::{access, config, now, queue, seed, stripe};
use crate::http::{ApiError, Handled, Handoff, Method, Request, RequestLog, Response};
use crate::router;
use crate::store::{Database, Metered, Statement};

pub async fn fetch(
    mut request: worker::Request,
    env: &Env,
    ctx: &Context,
) -> worker::Result<worker::Response> {
    if bench_floor(&request, env) {
        return insert_for_the_bench(env).await;
    }
    if !router::Audience::of(&request.path()).served_here() {
        return hand_on(request, env).await;
    }
    let started = js_sys::Date::now();
    let method = Method::parse(request.method().as_ref());
    let ray = request.headers().get("cf-ray").ok().flatten();
    let mut handled = match read(&mut request).await {
        Ok(request) => match (config::app(env), seed()) {
            (Ok(app), Ok(seed)) => {
                let stripe = stripe::configured(env);
                let access = access::configured(env);
                let flood = env.rate_limiter("PUBLIC_POSTS").ok().map(PublicPosts);
                router::handle(
                    &app,
                    stripe.as_ref(),
                    access.as_ref(),
                    flood.as_ref(),
                    request,
                    now(),
                    seed,
                )
                .await
            }
            // A missing setting or no randomness: logged, answered as a
            // generic 500 problem, never with the cause.
            (Err(error), _) | (_, Err(error)) => {
                console_error!("cannot serve: {error}");
                ApiError::Unavailable.into_handled()
            }
        },
        Err(error) => error.into_handled(),
    };
    let upgraded = match handled.handoff.take() {
        Some(handoff) => hand_off(env, handoff, &mut handled).await,
        None => None,
    };
    if let Some(log) = &handled.log {
        console_error!("internal error: {log}");
    }
    let duration_ms = (js_sys::Date::now() - started).max(0.0) as u64;
    record(env, &handled.log_line(method, ray.as_deref(), duration_ms));
    // The jobs are sent after the answer: their batch has committed, and a
    // lost send is found by the cron sweep, so the caller need not wait for
    // the queue's round trip.
    if !handled.jobs.is_empty() {
        let (env, jobs) = (env.clone(), handled.jobs);
        ctx.wait_until(async move { queue::enqueue(&env, &jobs).await });
    }
    if let Some(upgraded) = upgraded {
        return Ok(upgraded);
    }
    let mut response = handled.response;
    // Off unless set: the count and time of D1 round trips are for us.
    if config::setting(env, "SERVER_TIMING").as_deref() == Some("on") {
        let timing = router::server_timing(handled.round_trips);
        response.headers.push(("server-timing".into(), timing));
    }
    write(response)
}

/// What an admitted request leaves to the platform: the live room's
/// WebSocket (its Durable Object's answer, returned as it is), or TURN
/// credentials from Cloudflare Realtime (STUN only, as answered, if they
/// cannot be had).
async fn hand_off(env: &Env, handoff: Handoff, handled: &mut Handled) -> Option<worker::Response> {
    match handoff {
        #[cfg(feature = "front")]
        Handoff::LiveRoom(entry) => match super::live::enter(env, &entry).await {
            Ok(response) => return Some(response),
            Err(error) => {
                console_error!("live room not reached: {error}");
                *handled = ApiError::Unavailable.into_handled();
            }
        },
        #[cfg(not(feature = "front"))]
        Handoff::LiveRoom(_) => {
            let _ = env;
            *handled = ApiError::NoRoute.into_handled();
        }
        Handoff::TurnCredentials(turn) => match turn_credentials(&turn).await {
            Ok(servers) => handled.response.body = crate::api::live::ice_answer(servers).body,
            Err(error) => console_error!("TURN credentials not had, STUN only: {error}"),
        },
    }
    None
}

async fn turn_credentials(
    turn: &crate::domain::live::ice::TurnRequest,
) -> Result<Vec<crate::domain::live::ice::IceServer>, String> {
    let authorization = format!("Bearer {}", turn.token);
    let outgoing = super::fetch::request(
        "POST",
        &turn.url,
        &[
            ("authorization", &authorization),
            ("content-type", "application/json"),
        ],
        &turn.body,
    )
    .map_err(|e| e.to_string())?;
    let mut response = worker::Fetch::Request(outgoing)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let body = response.bytes().await.map_err(|e| e.to_string())?;
    crate::domain::live::ice::parse_turn_answer(response.status_code(), &body)
}

/// A request for the other Worker, handed to it unread through the service
/// binding `DESK` (the front has it; the desk needs none, since nobody else
/// reaches it). It logs and answers the request itself; without the binding
/// the answer is the generic 503 problem.
async fn hand_on(request: worker::Request, env: &Env) -> worker::Result<worker::Response> {
    match env.service("DESK") {
        Ok(desk) => desk.fetch_request(request).await,
        Err(error) => {
            console_error!("cannot hand on to the desk: {error}");
            write(ApiError::Unavailable.into_handled().response)
        }
    }
}

/// The `PUBLIC_POSTS` Rate Limiting binding (its limit and period in
/// `wrangler.toml`): counted at Cloudflare's edge, no D1 write per post.
struct PublicPosts(worker::RateLimiter);

impl PublicPosts {
    /// `limit({key})`'s `success`, called on the binding directly:
    /// `RateLimiter::limit` converts the two small objects through
    /// serde-wasm-bindgen, the last reader of JavaScript values through
    /// serde in the Worker.
    async fn limit(&self, key: &str) -> Result<bool, JsValue> {
        let options = Object::new();
        Reflect::set(&options, &"key".into(), &key.into())?;
        let binding: &worker::worker_sys::RateLimiter = self.0.as_ref().unchecked_ref();
        let outcome = JsFuture::from(binding.limit(options)?).await?;
        Reflect::get(&outcome, &"success".into())?
            .as_bool()
            .ok_or_else(|| "the outcome has no success".into())
    }
}

impl crate::app::FloodLimit for PublicPosts {
    async fn admits(&self, key: &str) -> bool {
        match self.limit(key).await {
            Ok(success) => success,
            Err(error) => {
                console_error!("rate limiter: {}", worker::Error::from(error));
                true
            }
        }
    }
}

/// The request's log line (kept by Workers Logs, `[observability]`) and
/// its data point in the `METRICS` Analytics Engine dataset, if bound:
/// blobs route, method, principal; doubles status, D1 round trips, D1
/// microseconds, milliseconds; indexed by route.
fn record(env: &Env, line: &RequestLog) {
    console_log!("{}", serde_json::to_string(line).unwrap_or_default());
    let Ok(metrics) = env.analytics_engine("METRICS") else {
        return;
    };
    let point = AnalyticsEngineDataPointBuilder::new()
        .indexes([line.route])
        .blobs([line.route, line.method, line.principal])
        .doubles([
            f64::from(line.status),
            f64::from(line.d1_round_trips),
            line.d1_us as f64,
            line.duration_ms as f64,
        ])
        .build();
    if let Err(error) = metrics.write_data_point(&point) {
        console_error!("metrics: {error}");
    }
}

/// Reads the request, leaving a declared oversized body unread: the router
/// answers 413 once it knows the caller may use the route at all. The path
/// is workers-rs's own reading of the runtime's URL, and the query what
/// follows its `?`: no URL parser (and its IDNA tables) in the bundle.
async fn read(request: &mut worker::Request) -> Result<Request, ApiError> {
    let path = request.path();
    let href = request.inner().url();
    let query = href
        .split('#')
        .next()
        .and_then(|url| url.split_once('?'))
        .map_or("", |(_, query)| query);
    let declared = request
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|length| length.parse::<usize>().ok());
    let method = Method::parse(request.method().as_ref());
    let limit = router::body_limit::<super::d1::D1, stripe::Stripe>(method, &path);
    let oversized = declared.is_some_and(|length| length > limit);
    let body = match method {
        Method::Get | Method::Head => Vec::new(),
        _ if oversized => Vec::new(),
        _ => request.bytes().await.map_err(|_| {
            ApiError::MalformedBody(
                crate::domain::messages::problem_body_unreadable(
                    crate::domain::language::Language::En,
                )
                .into(),
            )
        })?,
    };
    Ok(Request {
        method,
        query: query.to_owned(),
        path,
        headers: request
            .headers()
            .entries()
            .map(|(k, v)| (k.to_ascii_lowercase(), v))
            .collect(),
        body,
        oversized,
    })
}

fn write(response: Response) -> worker::Result<worker::Response> {
    let headers = Headers::new();
    for (name, value) in &response.headers {
        headers.append(name, value)?;
    }
    Ok(worker::Response::from_bytes(response.body)?
        .with_status(response.status)
        .with_headers(headers))
}

/// `make bench`'s floor: with `BENCH_FLOOR=on` (never in production),
/// `POST /__bench/insert` answers after exactly one D1 INSERT into the
/// `bench_floor` table that scripts/bench.sh creates in its own database, so
/// that every endpoint's throughput is read as a ratio to one D1 write.
fn bench_floor(request: &worker::Request, env: &Env) -> bool {
    request.method() == worker::Method::Post
        && request.path() == "/__bench/insert"
        && config::setting(env, "BENCH_FLOOR").as_deref() == Some("on")
}

async fn insert_for_the_bench(env: &Env) -> worker::Result<worker::Response> {
    let d1 = super::d1::D1(env.d1("DB")?, None);
    // Metered as every request is, so the report's trips column reads 1.
    let metered = Metered::new(&d1);
    let insert = Statement::new(
        "INSERT INTO bench_floor (at) VALUES (?1)",
        vec![now().to_rfc3339().into()],
    );
    if let Err(error) = metered.batch(vec![insert]).await {
        console_error!("bench floor: {error}");
        return worker::Response::error("the floor's insert failed", 500);
    }
    let headers = Headers::new();
    headers.append(
        "server-timing",
        &router::server_timing(metered.round_trips()),
    )?;
    Ok(worker::Response::empty()?
        .with_status(204)
        .with_headers(headers))
}
