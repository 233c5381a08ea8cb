//! What a handler runs with: the app, the verified caller, the request and
//! its path parameters, the clock and entropy. The router builds it once it
//! knows the route; a handler reads the request through it.
//!
//! Who may call is decided before a handler runs, and any refusal a handler
//! makes of the request itself (its body, query or target) reaches the
//! caller only once the router has identified them (`router::caller_first`):
//! a handler cannot answer 400, 413, 415 or 422 to someone who is not
//! admitted.

use super::message::Request;
use crate::app::{Caller, Principal, RequestApp};
use crate::domain::entropy::Entropy;
use crate::domain::language::Language;
use crate::domain::time::Instant;
use crate::http::Result;

pub struct Ctx<'a, D, P> {
    /// The app as this request uses it: its round trips metered, staff's and
    /// partners' changes audited in their batches.
    pub app: &'a RequestApp<'a, D>,
    /// The card payment provider, if configured.
    pub provider: Option<&'a P>,
    pub request: &'a Request,
    pub caller: &'a Caller,
    pub now: Instant,
    /// The language to answer in: the `lang` cookie's, else the browser's.
    pub lang: Language,
    pub entropy: &'a mut Entropy,
    /// The values of the route pattern's `{…}` segments, in order.
    params: Vec<&'a str>,
}

impl<'a, D: crate::store::Database, P> Ctx<'a, D, P> {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        app: &'a RequestApp<'a, D>,
        provider: Option<&'a P>,
        request: &'a Request,
        caller: &'a Caller,
        now: Instant,
        entropy: &'a mut Entropy,
        params: Vec<&'a str>,
    ) -> Self {
        Self {
            app,
            provider,
            request,
            caller,
            now,
            lang: request.language(),
            entropy,
            params,
        }
    }

    /// The `n`th `{…}` segment of the path (from 0).
    pub fn param(&self, n: usize) -> &'a str {
        self.params.get(n).copied().unwrap_or_default()
    }

    /// The caller's principal, in a round trip of its own when it needs a
    /// lookup: for handlers whose use case does not read as its caller.
    pub async fn principal(&self) -> Result<Principal> {
        Ok(self.app.identify(self.caller).await?)
    }
}
