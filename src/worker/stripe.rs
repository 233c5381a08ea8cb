//! Stripe's API, for Checkout Sessions (`POST /v1/checkout/sessions`): the
//! fetch only; the form and the answer are read in `domain::stripe`.

use worker::{Env, Fetch};

use super::config::setting;
use crate::app::{CheckoutRequest, CheckoutSession, PaymentProvider};

pub struct Stripe {
    base: String,
    secret_key: String,
}

/// Stripe, when `STRIPE_SECRET_KEY` is set; `STRIPE_API_BASE` points tests
/// at a stand-in.
pub fn configured(env: &Env) -> Option<Stripe> {
    Some(Stripe {
        secret_key: setting(env, "STRIPE_SECRET_KEY")?,
        base: setting(env, "STRIPE_API_BASE")
            .unwrap_or_else(|| "https://api.stripe.com".into())
            .trim_end_matches('/')
            .to_owned(),
    })
}

impl PaymentProvider for Stripe {
    async fn create_checkout_session(
        &self,
        request: &CheckoutRequest,
    ) -> Result<CheckoutSession, String> {
        let form = serde_urlencoded::to_string(request.form()).map_err(|e| e.to_string())?;
        let outgoing = super::fetch::request(
            "POST",
            &format!("{}/v1/checkout/sessions", self.base),
            &[
                ("authorization", &format!("Bearer {}", self.secret_key)),
                ("content-type", "application/x-www-form-urlencoded"),
                ("idempotency-key", &request.idempotency_key()),
            ],
            &form,
        )
        .map_err(|e| e.to_string())?;
        let mut response = Fetch::Request(outgoing)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let status = response.status_code();
        let body: serde_json::Value = response
            .json()
            .await
            .map_err(|e| format!("{status}: {e}"))?;
        CheckoutSession::from_answer(status, &body)
    }
}
