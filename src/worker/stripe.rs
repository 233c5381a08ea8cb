//! Stripe's API, for Checkout Sessions (`POST /v1/checkout/sessions`).

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
        let form = serde_urlencoded::to_string(request.stripe_form()).map_err(|e| e.to_string())?;
        let headers = Headers::new();
        let set = |name: &str, value: &str| headers.set(name, value).map_err(|e| e.to_string());
        set("authorization", &format!("Bearer {}", self.secret_key))?;
        set("content-type", "application/x-www-form-urlencoded")?;
        set("idempotency-key", &format!("checkout-{}", request.order_id))?;
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
        if !(200..300).contains(&status) {
            let message = body
                .pointer("/error/message")
                .and_then(|m| m.as_str())
                .unwrap_or("no message");
            return Err(format!("Stripe answered {status}: {message}"));
        }
        match (
            body.get("id").and_then(|v| v.as_str()),
            body.get("url").and_then(|v| v.as_str()),
        ) {
            (Some(id), Some(url)) => Ok(CheckoutSession {
                id: id.to_owned(),
                url: url.to_owned(),
            }),
            _ => Err("Stripe's session has no id or url".into()),
        }
    }
}
