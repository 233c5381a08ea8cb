//! Spica's customer support and licensing portal for Time & Space.
//!
//! The layers, from the inside out:
//! - [`domain`]: the business rules. Pure: no I/O, no clock, no randomness
//!   (time and random bytes are passed in), no `worker` dependency.
//! - [`store`]: every SQL statement, behind the small [`store::Database`]
//!   trait that D1 (in the Worker) and SQLite (in native tests) implement.
//! - [`app`]: the use cases. Each loads what it needs, asks the domain for a
//!   decision and writes it in one batch.
//! - [`api`]: the HTTP contract: routing, request decoding, JSON answers and
//!   `application/problem+json` errors, independent of the runtime.
//! - [`web`]: the server-rendered pages, as [`domain::html::Html`] that
//!   escapes by construction. Like `api`, it calls only `app`.
//! - `worker` (wasm32 only): the Cloudflare Workers adapter. It turns the
//!   runtime's requests, queue batches and cron events into calls of the
//!   layers above. The `worker` crate is a dependency of wasm32 builds only,
//!   so the compiler refuses any use of it from the layers above in the
//!   native build that runs their tests.

pub mod api;
pub mod app;
pub mod domain;
pub mod http;
pub mod router;
pub mod store;
pub mod web;

#[cfg(target_arch = "wasm32")]
mod worker;
