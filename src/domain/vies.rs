//! The EU's VIES service, which confirms VAT numbers: the request of its
//! REST API (`POST {VIES_API_BASE}/check-vat-number`) and the reading of
//! its answer. Whether a number is confirmed decides reverse charge
//! (domain::vat), so an answer that says nothing about the number (the
//! member state's service is down, too busy, a timeout, a 5xx) is
//! `Unavailable`, to retry, and never taken for `Invalid`.

use serde_json::{json, Value};

use super::vat::country_of_prefix;

/// What VIES is asked: the member state's code (`EL` for Greece) and the
/// number without it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckRequest {
    pub country_code: String,
    pub vat_number: String,
}

impl CheckRequest {
    /// The request for a VAT number as the customer holds it (prefix
    /// included, as `VatId` keeps it); None when the prefix is no member
    /// state's: VIES knows nothing of it.
    pub fn for_vat_id(vat_id: &str) -> Option<Self> {
        let prefix = vat_id.get(..2)?;
        let number = vat_id.get(2..)?;
        country_of_prefix(prefix)?;
        (!number.is_empty()).then(|| Self {
            country_code: prefix.to_owned(),
            vat_number: number.to_owned(),
        })
    }

    /// The JSON body of `POST /check-vat-number`.
    pub fn body(&self) -> Value {
        json!({"countryCode": self.country_code, "vatNumber": self.vat_number})
    }
}

/// What VIES said about the number, kept as the evidence of the check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Details {
    pub name: Option<String>,
    pub address: Option<String>,
    pub request_date: Option<String>,
    /// The consultation number, the proof a tax audit asks for (given when
    /// the request names the requester).
    pub request_identifier: Option<String>,
}

/// VIES's answer about one number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Confirmed(Details),
    Invalid(Details),
    /// No answer about the number: retry later. The text says why.
    Unavailable(String),
}

/// The error codes of VIES that say the service, not the number, failed.
const UNAVAILABLE: [&str; 6] = [
    "MS_UNAVAILABLE",
    "MS_MAX_CONCURRENT_REQ",
    "GLOBAL_MAX_CONCURRENT_REQ",
    "SERVICE_UNAVAILABLE",
    "TIMEOUT",
    "SERVER_BUSY",
];

impl Answer {
    /// Reads the HTTP status and body of VIES's answer.
    pub fn parse(status: u16, body: &[u8]) -> Self {
        if !(200..300).contains(&status) {
            return Self::Unavailable(format!("VIES answered HTTP {status}"));
        }
        let Ok(value) = serde_json::from_slice::<Value>(body) else {
            return Self::Unavailable("VIES answered something other than JSON".into());
        };
        let errors: Vec<&str> = value
            .get("errorWrappers")
            .and_then(Value::as_array)
            .map(|wrappers| {
                wrappers
                    .iter()
                    .filter_map(|w| w.get("error").and_then(Value::as_str))
                    .collect()
            })
            .unwrap_or_default();
        let user_error = value.get("userError").and_then(Value::as_str);
        if let Some(error) = errors
            .iter()
            .copied()
            .chain(user_error)
            .find(|e| UNAVAILABLE.contains(e))
        {
            return Self::Unavailable(format!("VIES: {error}"));
        }
        let text = |key: &str| {
            value
                .get(key)
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|t| !t.is_empty() && *t != "---")
                .map(str::to_owned)
        };
        let details = Details {
            name: text("name"),
            address: text("address"),
            request_date: text("requestDate"),
            request_identifier: text("requestIdentifier"),
        };
        match value.get("valid").and_then(Value::as_bool) {
            Some(true) => Self::Confirmed(details),
            Some(false) => Self::Invalid(details),
            None if errors.contains(&"INVALID_INPUT") => Self::Invalid(details),
            None => Self::Unavailable("VIES answered without a verdict".into()),
        }
    }

    /// The status stored with the check (`vat_checks.status`).
    pub fn status(&self) -> &'static str {
        match self {
            Self::Confirmed(_) => "confirmed",
            Self::Invalid(_) => "invalid",
            Self::Unavailable(_) => "unavailable",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_splits_the_prefix_off_and_greece_is_el() {
        let german = CheckRequest::for_vat_id("DE123456789").unwrap();
        assert_eq!(
            german.body(),
            json!({"countryCode": "DE", "vatNumber": "123456789"})
        );
        assert_eq!(
            CheckRequest::for_vat_id("EL094259216")
                .unwrap()
                .country_code,
            "EL"
        );
        for outside in ["CHE123456789", "GB123456789", "GR094259216", "DE", ""] {
            assert_eq!(CheckRequest::for_vat_id(outside), None, "{outside}");
        }
    }

    #[test]
    fn a_valid_number_is_confirmed_with_its_evidence() {
        let body = br#"{"countryCode": "DE", "vatNumber": "123456789", "requestDate": "2026-11-30T10:00:00.000Z",
            "valid": true, "requestIdentifier": "WAPIAAAAZ", "name": "Kovinar GmbH", "address": "---"}"#;
        assert_eq!(
            Answer::parse(200, body),
            Answer::Confirmed(Details {
                name: Some("Kovinar GmbH".into()),
                address: None,
                request_date: Some("2026-11-30T10:00:00.000Z".into()),
                request_identifier: Some("WAPIAAAAZ".into()),
            })
        );
        assert_eq!(Answer::parse(200, body).status(), "confirmed");
    }

    #[test]
    fn an_invalid_number_is_invalid() {
        let answer = Answer::parse(200, br#"{"valid": false, "name": "---", "address": "---"}"#);
        assert_eq!(answer, Answer::Invalid(Details::default()));
        assert_eq!(answer.status(), "invalid");
        let input = Answer::parse(200, br#"{"errorWrappers": [{"error": "INVALID_INPUT"}]}"#);
        assert_eq!(input.status(), "invalid");
    }

    #[test]
    fn an_outage_is_unavailable_never_invalid() {
        for (status, body) in [
            (
                200,
                &br#"{"actionSucceed": false, "errorWrappers": [{"error": "MS_UNAVAILABLE"}]}"#[..],
            ),
            (
                200,
                br#"{"valid": false, "userError": "MS_MAX_CONCURRENT_REQ"}"#,
            ),
            (200, br#"{"countryCode": "DE"}"#),
            (200, b"<html>maintenance</html>"),
            (503, br#"{"valid": false}"#),
            (500, b""),
        ] {
            let answer = Answer::parse(status, body);
            assert_eq!(answer.status(), "unavailable", "{status} {answer:?}");
        }
    }
}
