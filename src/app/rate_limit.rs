//! The public posts' flood limit: a port to the platform's rate limiter
//! (the Workers Rate Limiting binding), which counts at Cloudflare's edge
//! without a D1 write per request. The exact quotas (failed license
//! validations, emailed links) are not floods: they stay in D1, counted in
//! the use cases that decide them.

/// Admits or refuses one more request counted under `key` in the limiter's
/// period (a minute).
#[allow(async_fn_in_trait)]
pub trait FloodLimit {
    /// Whether the request may go on; `false` once `key` has had its
    /// share of the period. A limiter that cannot answer admits.
    async fn admits(&self, key: &str) -> bool;
}

/// How long a refused client should wait: the limiter's period.
pub const FLOOD_RETRY_AFTER_SECONDS: u32 = 60;
