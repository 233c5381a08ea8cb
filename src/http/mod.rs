//! The HTTP kernel that the API and the pages share: requests and answers as
//! plain values ([`message`]), reading bodies ([`decode`], [`multipart`]),
//! refusals as `application/problem+json` ([`problem`], the one place that
//! turns a use case's typed error into a status), browser sessions and the
//! same-origin rule ([`session`]), and the context a handler runs in
//! ([`context`]).
//!
//! It may import `app` and `domain`, never `api`, `web` or `router`: those
//! are built on it.

pub mod context;
pub mod decode;
pub mod message;
pub mod multipart;
pub mod problem;
pub mod session;

pub use context::Ctx;
pub use message::{Handled, Handoff, Method, Request, RequestLog, Response, MAX_BODY_BYTES};
pub use problem::ApiError;

pub type Result<T> = std::result::Result<T, ApiError>;
