//! Stripe's formats, in one place: the webhook signature scheme, the events
//! the portal acts on (turned into a typed [`PaymentEvent`]), and the
//! Checkout Session it creates. Nothing else in the crate reads or writes a
//! Stripe field name.
//!
//! `Stripe-Signature: t=TIMESTAMP,v1=HEX[,v1=HEX…]`; the expected signature is
//! hex(HMAC-SHA256(secret, "TIMESTAMP." ‖ raw body)), with the whole
//! `whsec_…` string as the key. Any `v1` may match any configured secret (so a
//! secret can be rotated), and the timestamp must be within the tolerance of
//! now, either way, against replays.

use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;
use subtle::ConstantTimeEq;
use thiserror::Error;

use super::order::Order;
use super::time::Instant;
use super::vat::VatRate;

/// How far the signed timestamp may be from now, in seconds, either way.
pub const TOLERANCE_SECONDS: i64 = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum SignatureError {
    #[error("the Stripe-Signature header is missing")]
    Missing,
    #[error("the Stripe-Signature header is malformed")]
    Malformed,
    #[error("no signature matches")]
    Mismatch,
    #[error("the signature's timestamp is outside the tolerance")]
    Stale,
}

/// The parts of a `Stripe-Signature` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureHeader {
    pub timestamp: i64,
    pub v1: Vec<[u8; 32]>,
}

impl SignatureHeader {
    /// Reads `t=…,v1=…[,v1=…]`; other schemes (`v0`) are skipped, as Stripe
    /// asks; a header without `t` or without any well-formed `v1` is malformed.
    pub fn parse(header: &str) -> Result<Self, SignatureError> {
        let mut timestamp = None;
        let mut v1 = Vec::new();
        for part in header.split(',') {
            let (key, value) = part
                .trim()
                .split_once('=')
                .ok_or(SignatureError::Malformed)?;
            match key {
                "t" => {
                    timestamp = Some(
                        value
                            .parse::<i64>()
                            .map_err(|_| SignatureError::Malformed)?,
                    )
                }
                "v1" => {
                    let mut signature = [0u8; 32];
                    hex::decode_to_slice(value, &mut signature)
                        .map_err(|_| SignatureError::Malformed)?;
                    v1.push(signature);
                }
                _ => {}
            }
        }
        match timestamp {
            Some(timestamp) if !v1.is_empty() => Ok(Self { timestamp, v1 }),
            _ => Err(SignatureError::Malformed),
        }
    }
}

/// The signature Stripe computes for a payload.
pub fn sign(secret: &str, timestamp: i64, body: &[u8]) -> [u8; 32] {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.finalize().into_bytes().into()
}

/// Verifies a webhook's raw body against its `Stripe-Signature` header.
pub fn verify(
    header: Option<&str>,
    body: &[u8],
    secrets: &[String],
    now: Instant,
) -> Result<(), SignatureError> {
    let header = SignatureHeader::parse(header.ok_or(SignatureError::Missing)?)?;
    let matches = secrets.iter().any(|secret| {
        let expected = sign(secret, header.timestamp, body);
        header.v1.iter().fold(false, |found, candidate| {
            found | bool::from(candidate.ct_eq(&expected))
        })
    });
    if !matches {
        return Err(SignatureError::Mismatch);
    }
    // abs_diff: no overflow, whatever timestamp a header states (found by fuzzing).
    if now.timestamp().abs_diff(header.timestamp) > TOLERANCE_SECONDS.unsigned_abs() {
        return Err(SignatureError::Stale);
    }
    Ok(())
}

/// A webhook's body could not be read as a Stripe event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("the event is not a Stripe event with an id, a type and an object")]
pub struct MalformedEvent;

/// A verified event: its id (the key that makes deliveries idempotent), its
/// type as Stripe names it (recorded), and what it means for a payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: String,
    pub kind: String,
    pub payment: PaymentEvent,
}

/// What an event says about a payment, in the portal's terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentEvent {
    /// A Checkout Session's money arrived: at once for a card
    /// (`checkout.session.completed` with `payment_status` paid), later for
    /// a delayed method (`checkout.session.async_payment_succeeded`).
    CheckoutPaid {
        order_id: Option<String>,
        /// What was charged, `None` when Stripe did not say (then it cannot
        /// match the order's total and goes to review).
        amount_cents: Option<i64>,
        currency: String,
        payment_intent: Option<String>,
    },
    /// Completed, but a delayed method (SEPA debit) has not paid yet: an
    /// `async_payment_succeeded` or `async_payment_failed` follows.
    CheckoutAwaitingPayment,
    /// A delayed method's payment failed.
    CheckoutFailed { order_id: Option<String> },
    /// Money was returned: `amount_refunded_cents` is the charge's refunded
    /// total so far, not this refund's amount.
    ChargeRefunded {
        payment_intent: Option<String>,
        amount_refunded_cents: i64,
    },
    /// A type the portal does not act on.
    Other,
}

fn text<'a>(object: &'a Value, field: &str) -> Option<&'a str> {
    object
        .get(field)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

/// The order a Checkout Session pays: the session's `client_reference_id`,
/// or the `order_id` the portal put in its metadata.
fn checkout_order(session: &Value) -> Option<String> {
    text(session, "client_reference_id")
        .or_else(|| text(session.get("metadata")?, "order_id"))
        .map(str::to_owned)
}

impl Event {
    /// Reads a verified body; call [`verify`] first.
    pub fn parse(body: &[u8]) -> Result<Self, MalformedEvent> {
        let event: Value = serde_json::from_slice(body).map_err(|_| MalformedEvent)?;
        let (Some(id), Some(kind)) = (text(&event, "id"), text(&event, "type")) else {
            return Err(MalformedEvent);
        };
        let object = event.pointer("/data/object").ok_or(MalformedEvent)?;
        let payment = match kind {
            "checkout.session.completed" if text(object, "payment_status") != Some("paid") => {
                PaymentEvent::CheckoutAwaitingPayment
            }
            "checkout.session.completed" | "checkout.session.async_payment_succeeded" => {
                PaymentEvent::CheckoutPaid {
                    order_id: checkout_order(object),
                    amount_cents: object.get("amount_total").and_then(Value::as_i64),
                    currency: text(object, "currency").unwrap_or_default().to_owned(),
                    payment_intent: text(object, "payment_intent").map(str::to_owned),
                }
            }
            "checkout.session.async_payment_failed" => PaymentEvent::CheckoutFailed {
                order_id: checkout_order(object),
            },
            "charge.refunded" => PaymentEvent::ChargeRefunded {
                payment_intent: text(object, "payment_intent").map(str::to_owned),
                amount_refunded_cents: object
                    .get("amount_refunded")
                    .and_then(Value::as_i64)
                    .unwrap_or(0),
            },
            _ => PaymentEvent::Other,
        };
        Ok(Self {
            id: id.to_owned(),
            kind: kind.to_owned(),
            payment,
        })
    }
}

/// A Checkout Session to create: a line of coupons at the net price and,
/// when VAT is charged, a line of the VAT, paid once. The lines add up to
/// the order's total due exactly (VAT is computed on the order's net total,
/// not per coupon, so it is one line of its own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckoutRequest {
    pub order_id: String,
    pub customer_email: String,
    pub quantity: u32,
    /// Net, per coupon.
    pub unit_amount_cents: i64,
    pub vat_cents: i64,
    pub vat_rate: VatRate,
    pub success_url: String,
    pub cancel_url: String,
}

impl CheckoutRequest {
    /// The session that charges `order`'s total due.
    pub fn for_order(
        order: &Order,
        customer_email: &str,
        success_url: String,
        cancel_url: String,
    ) -> Self {
        Self {
            order_id: order.id.clone(),
            customer_email: customer_email.to_owned(),
            quantity: order.quantity.get(),
            unit_amount_cents: order.unit_price.cents(),
            vat_cents: order.vat.vat.cents(),
            vat_rate: order.vat.rate,
            success_url,
            cancel_url,
        }
    }

    /// What the session charges: the sum of its lines.
    pub fn amount_cents(&self) -> i64 {
        i64::from(self.quantity) * self.unit_amount_cents + self.vat_cents
    }

    /// The form fields of `POST /v1/checkout/sessions`. The order id goes in
    /// as the client reference and in the metadata of the session and of its
    /// payment intent, so that every event about it names the order.
    pub fn form(&self) -> Vec<(String, String)> {
        let mut pairs = vec![
            ("mode", "payment".to_string()),
            ("client_reference_id", self.order_id.clone()),
            ("customer_email", self.customer_email.clone()),
            ("success_url", self.success_url.clone()),
            ("cancel_url", self.cancel_url.clone()),
            ("line_items[0][quantity]", self.quantity.to_string()),
            ("line_items[0][price_data][currency]", "eur".into()),
            (
                "line_items[0][price_data][unit_amount]",
                self.unit_amount_cents.to_string(),
            ),
            (
                "line_items[0][price_data][product_data][name]",
                "Time & Space direct support coupon (15 minutes)".into(),
            ),
            ("metadata[order_id]", self.order_id.clone()),
            (
                "payment_intent_data[metadata][order_id]",
                self.order_id.clone(),
            ),
        ];
        if self.vat_cents > 0 {
            pairs.extend([
                ("line_items[1][quantity]", "1".to_string()),
                ("line_items[1][price_data][currency]", "eur".into()),
                (
                    "line_items[1][price_data][unit_amount]",
                    self.vat_cents.to_string(),
                ),
                (
                    "line_items[1][price_data][product_data][name]",
                    format!("VAT {} %", self.vat_rate),
                ),
            ]);
        }
        pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
    }

    /// The idempotency key of the creation: one session per order, however
    /// often the customer presses the button.
    pub fn idempotency_key(&self) -> String {
        format!("checkout-{}", self.order_id)
    }
}

/// A created Checkout Session: where to send the customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckoutSession {
    pub id: String,
    pub url: String,
}

impl CheckoutSession {
    /// Reads Stripe's answer to the creation: the session, or what Stripe
    /// said went wrong.
    pub fn from_answer(status: u16, body: &Value) -> Result<Self, String> {
        if !(200..300).contains(&status) {
            let message = body
                .pointer("/error/message")
                .and_then(Value::as_str)
                .unwrap_or("no message");
            return Err(format!("Stripe answered {status}: {message}"));
        }
        match (text(body, "id"), text(body, "url")) {
            (Some(id), Some(url)) => Ok(Self {
                id: id.to_owned(),
                url: url.to_owned(),
            }),
            _ => Err("Stripe's session has no id or url".into()),
        }
    }
}

/// The header a signer would send: used by tests and the benchmark.
pub fn header_for(secret: &str, timestamp: i64, body: &[u8]) -> String {
    format!(
        "t={timestamp},v1={}",
        hex::encode(sign(secret, timestamp, body))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::from_unix_millis;

    const SECRET: &str = "whsec_test_secret";
    const BODY: &[u8] = br#"{"id":"evt_1","type":"checkout.session.completed"}"#;

    fn at(seconds: i64) -> Instant {
        from_unix_millis(seconds * 1000).unwrap()
    }

    fn secrets(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_correct_signature_within_tolerance_is_accepted() {
        let header = header_for(SECRET, 1_800_000_000, BODY);
        assert_eq!(
            verify(Some(&header), BODY, &secrets(&[SECRET]), at(1_800_000_000)),
            Ok(())
        );
        assert_eq!(
            verify(Some(&header), BODY, &secrets(&[SECRET]), at(1_800_000_300)),
            Ok(())
        );
        assert_eq!(
            verify(Some(&header), BODY, &secrets(&[SECRET]), at(1_799_999_700)),
            Ok(())
        );
    }

    #[test]
    fn the_known_vector_matches_an_independent_hmac() {
        // hex(HMAC-SHA256("whsec_test_secret", "1800000000.{body}")), computed with
        // Python's hmac module.
        let expected = "a5e7a4e212d19ae228f9bbfe2fd930bb48cd47c3dc118985dcb4103da864e05f";
        assert_eq!(hex::encode(sign(SECRET, 1_800_000_000, BODY)), expected);
    }

    #[test]
    fn a_wrong_secret_or_altered_body_is_a_mismatch() {
        let header = header_for(SECRET, 1_800_000_000, BODY);
        assert_eq!(
            verify(
                Some(&header),
                BODY,
                &secrets(&["whsec_other"]),
                at(1_800_000_000)
            ),
            Err(SignatureError::Mismatch)
        );
        let altered = br#"{"id":"evt_1","type":"checkout.session.completed" }"#;
        assert_eq!(
            verify(
                Some(&header),
                altered,
                &secrets(&[SECRET]),
                at(1_800_000_000)
            ),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn a_stale_or_future_timestamp_is_refused() {
        let header = header_for(SECRET, 1_800_000_000, BODY);
        for now in [1_800_000_301, 1_799_999_699] {
            assert_eq!(
                verify(Some(&header), BODY, &secrets(&[SECRET]), at(now)),
                Err(SignatureError::Stale)
            );
        }
    }

    #[test]
    fn any_of_several_v1_values_and_any_configured_secret_may_match() {
        let good = hex::encode(sign(SECRET, 1_800_000_000, BODY));
        let header = format!("t=1800000000,v1={},v0=abc,v1={good}", "0".repeat(64));
        let rotated = secrets(&["whsec_new", SECRET]);
        assert_eq!(
            verify(Some(&header), BODY, &rotated, at(1_800_000_000)),
            Ok(())
        );
    }

    #[test]
    fn an_extreme_timestamp_is_stale_not_a_panic() {
        for timestamp in [i64::MIN, i64::MAX, 0] {
            let header = header_for(SECRET, timestamp, BODY);
            assert_eq!(
                verify(Some(&header), BODY, &secrets(&[SECRET]), at(1_800_000_000)),
                Err(SignatureError::Stale)
            );
        }
    }

    #[test]
    fn missing_and_malformed_headers_are_refused() {
        let all = secrets(&[SECRET]);
        let now = at(1_800_000_000);
        assert_eq!(verify(None, BODY, &all, now), Err(SignatureError::Missing));
        for bad in [
            "",
            "t=1800000000",
            "v1=00",
            "t=abc,v1=00",
            "t=1,v1=zz",
            "garbage",
            "t=1,v1=0011",
        ] {
            assert_eq!(
                verify(Some(bad), BODY, &all, now),
                Err(SignatureError::Malformed),
                "{bad}"
            );
        }
    }

    fn event(kind: &str, object: serde_json::Value) -> PaymentEvent {
        let body = serde_json::json!({"id": "evt_1", "type": kind, "data": {"object": object}});
        Event::parse(body.to_string().as_bytes()).unwrap().payment
    }

    #[test]
    fn a_paid_session_names_its_order_by_reference_or_metadata() {
        let paid = event(
            "checkout.session.completed",
            serde_json::json!({"payment_status": "paid", "client_reference_id": "ord_1",
                "amount_total": 2500, "currency": "eur", "payment_intent": "pi_1"}),
        );
        assert_eq!(
            paid,
            PaymentEvent::CheckoutPaid {
                order_id: Some("ord_1".into()),
                amount_cents: Some(2500),
                currency: "eur".into(),
                payment_intent: Some("pi_1".into()),
            }
        );
        let by_metadata = event(
            "checkout.session.async_payment_succeeded",
            serde_json::json!({"metadata": {"order_id": "ord_2"}, "currency": "eur"}),
        );
        assert!(matches!(
            by_metadata,
            PaymentEvent::CheckoutPaid { order_id: Some(ref o), amount_cents: None, .. } if o == "ord_2"
        ));
    }

    #[test]
    fn a_completed_session_not_yet_paid_awaits_its_payment() {
        for status in ["unpaid", "no_payment_required"] {
            assert_eq!(
                event(
                    "checkout.session.completed",
                    serde_json::json!({"payment_status": status, "client_reference_id": "ord_1"})
                ),
                PaymentEvent::CheckoutAwaitingPayment
            );
        }
    }

    #[test]
    fn failures_refunds_and_other_types_are_read() {
        assert_eq!(
            event(
                "checkout.session.async_payment_failed",
                serde_json::json!({"client_reference_id": "ord_3"})
            ),
            PaymentEvent::CheckoutFailed {
                order_id: Some("ord_3".into())
            }
        );
        assert_eq!(
            event(
                "charge.refunded",
                serde_json::json!({"payment_intent": "pi_9", "amount_refunded": 5000})
            ),
            PaymentEvent::ChargeRefunded {
                payment_intent: Some("pi_9".into()),
                amount_refunded_cents: 5000
            }
        );
        assert_eq!(
            event("customer.created", serde_json::json!({})),
            PaymentEvent::Other
        );
    }

    #[test]
    fn a_body_without_id_type_or_object_is_malformed() {
        for body in [
            "not json",
            r#"{"type":"charge.refunded","data":{"object":{}}}"#,
            r#"{"id":"evt_1","data":{"object":{}}}"#,
            r#"{"id":"evt_1","type":"charge.refunded"}"#,
            r#"{"id":"","type":"charge.refunded","data":{"object":{}}}"#,
        ] {
            assert_eq!(Event::parse(body.as_bytes()), Err(MalformedEvent), "{body}");
        }
    }

    #[test]
    fn stripe_s_answer_to_a_session_creation_is_read() {
        let ok = serde_json::json!({"id": "cs_1", "url": "https://checkout.stripe.com/c/pay/cs_1"});
        assert_eq!(CheckoutSession::from_answer(200, &ok).unwrap().id, "cs_1");
        let refused = serde_json::json!({"error": {"message": "Invalid API Key"}});
        assert_eq!(
            CheckoutSession::from_answer(401, &refused),
            Err("Stripe answered 401: Invalid API Key".into())
        );
        assert!(CheckoutSession::from_answer(200, &serde_json::json!({"id": "cs_1"})).is_err());
    }
}
