//! Spica's customer support and licensing portal for Time & Space.
//!
//! The layers, from the inside out; each may use only those above it in
//! this list (`tests/layers.rs` checks every file):
//! - [`domain`]: the business rules. Pure: no I/O, no clock, no randomness
//!   (time and random bytes are passed in), no `worker` dependency.
//! - [`store`]: every SQL statement, behind the small [`store::Database`]
//!   trait that D1 (in the Worker) and SQLite (in native tests) implement.
//! - [`app`]: the use cases. Each parses its command once, loads what it
//!   needs with the caller in one batch, asks the domain for a decision and
//!   writes it in one batch; it answers with typed records.
//! - [`http`]: the kernel the API and the pages share: requests and answers
//!   as plain values, bodies, `application/problem+json` (statuses decided
//!   there, from the app's typed errors), browser sessions, the handler's
//!   context.
//! - [`api`] (JSON) and [`web`] (pages, as [`domain::html::Html`] that
//!   escapes by construction): peers, each using `http`, `app` and `domain`,
//!   never each other.
//! - [`router`]: the front door and the one route table: every route's
//!   pattern, method, access level, surface, body limit and handler; the
//!   dispatch, the tests' route list and the OpenAPI document come from it.
//! - `worker` (wasm32 only): the Cloudflare Workers adapter. It turns the
//!   runtime's requests, queue batches and cron events into calls of the
//!   layers above. The `worker` crate is a dependency of wasm32 builds only,
//!   so the compiler refuses any use of it from the layers above in the
//!   native build that runs their tests.
//!
//! Released as two Workers, one an audience ([`router::Audience`]): each
//! build leaves the other's handlers unused, so only the build of both (the
//! native one, and the wasm32 one `make lint` checks) is held to having no
//! dead code.

#![cfg_attr(
    not(all(feature = "front", feature = "desk")),
    allow(dead_code, unused_imports)
)]

pub mod api;
pub mod app;
pub mod domain;
pub mod http;
pub mod router;
pub mod store;
pub mod web;

#[cfg(target_arch = "wasm32")]
mod worker;
