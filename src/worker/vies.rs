//! VIES over HTTP (`POST {VIES_API_BASE}/check-vat-number`): the fetch
//! only; the request body and the answer are domain::vies's.

use worker::{Env, Fetch};

use super::config::setting;
use crate::app::VatChecker;
use crate::domain::vies::{Answer, CheckRequest};

pub struct Vies {
    base: String,
}

/// VIES at `VIES_API_BASE` (wrangler.toml: the EU's REST API; tests point
/// it at a stand-in).
pub fn configured(env: &Env) -> Vies {
    Vies {
        base: setting(env, "VIES_API_BASE")
            .unwrap_or_else(|| "https://ec.europa.eu/taxation_customs/vies/rest-api".into())
            .trim_end_matches('/')
            .to_owned(),
    }
}

impl VatChecker for Vies {
    async fn check(&self, request: &CheckRequest) -> Answer {
        match self.fetch(request).await {
            Ok((status, body)) => Answer::parse(status, &body),
            Err(error) => Answer::Unavailable(format!("VIES not reached: {error}")),
        }
    }
}

impl Vies {
    async fn fetch(&self, request: &CheckRequest) -> worker::Result<(u16, Vec<u8>)> {
        let outgoing = super::fetch::request(
            "POST",
            &format!("{}/check-vat-number", self.base),
            &[
                ("content-type", "application/json"),
                ("accept", "application/json"),
            ],
            &request.body().to_string(),
        )?;
        let mut response = Fetch::Request(outgoing).send().await?;
        Ok((response.status_code(), response.bytes().await?))
    }
}
