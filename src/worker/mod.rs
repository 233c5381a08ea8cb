//! The Cloudflare Workers adapter: the runtime's entry points, D1 as the
//! store's database, Queues for jobs, cron for the sweep, the email
//! senders, and Email Routing's inbound email. Everything here converts and
//! delegates; no rule is decided here.
//!
//! Built twice (scripts/build.sh): the front Worker (feature `front`) has
//! the queue consumer, the cron sweep and inbound email, and hands the
//! desk's requests to the desk Worker (feature `desk`), which answers them
//! alone ([`crate::router::Audience`]).

mod access;
mod config;
mod cron;
mod d1;
mod fetch;
mod inbound;
#[cfg(feature = "front")]
mod live;
mod mail;
mod queue;
mod routes;
mod stripe;
mod vies;
mod webcrypto;

use worker::{event, Context, Env, ScheduleContext, ScheduledEvent};

use crate::app::Job;

#[event(fetch)]
async fn fetch(
    request: worker::Request,
    env: Env,
    ctx: Context,
) -> worker::Result<worker::Response> {
    routes::fetch(request, &env, &ctx).await
}

#[cfg(feature = "front")]
#[event(queue)]
async fn queue(batch: worker::MessageBatch<Job>, env: Env, _ctx: Context) -> worker::Result<()> {
    queue::consume(batch, &env).await
}

#[cfg(feature = "front")]
#[event(email)]
async fn email(
    message: worker::ForwardableEmailMessage,
    env: Env,
    _ctx: Context,
) -> worker::Result<()> {
    inbound::receive(message, &env).await;
    Ok(())
}

#[cfg(feature = "front")]
#[event(scheduled)]
async fn scheduled(_event: ScheduledEvent, env: Env, _ctx: ScheduleContext) {
    cron::sweep(&env).await;
}

/// The current instant, from the runtime's clock: the only clock read.
fn now() -> crate::domain::time::Instant {
    let millis = i64::try_from(worker::Date::now().as_millis()).unwrap_or(i64::MAX);
    crate::domain::time::from_unix_millis(millis).unwrap_or_default()
}

/// 32 bytes from the platform's CSPRNG: the only randomness read.
fn seed() -> worker::Result<[u8; 32]> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed)
        .map_err(|e| worker::Error::RustError(format!("no randomness: {e}")))?;
    Ok(seed)
}
