//! Stripe's API, for Checkout Sessions (`POST /v1/checkout/sessions`): the
//! fetch only; the form and the answer are read in `domain::stripe`.

use wasm_bindgen::JsValue;
use worker::{Env, Fetch, Headers, Method, RequestInit};

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
        let headers = Headers::new();
        let set = |name: &str, value: &str| headers.set(name, value).map_err(|e| e.to_string());
        set("authorization", &format!("Bearer {}", self.secret_key))?;
        set("content-type", "application/x-www-form-urlencoded")?;
        set("idempotency-key", &request.idempotency_key())?;
        let mut init = RequestInit::new();
        init.with_method(Method::Post)
            .with_headers(headers)
            .with_body(Some(JsValue::from_str(&form)));
        let url = format!("{}/v1/checkout/sessions", self.base);
        let outgoing = worker::Request::new_with_init(&url, &init).map_err(|e| e.to_string())?;
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
