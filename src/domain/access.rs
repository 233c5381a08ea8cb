//! Cloudflare Access assertions: the signed identity of a staff member.
//!
//! Access sits in front of the desk and the staff API and adds a
//! `Cf-Access-Jwt-Assertion` header (an RS256 JWT) to every request it lets
//! through. The Worker checks it itself, never trusting that the request came
//! through Access: the signature (by the key the header's `kid` names, from the
//! team's published certs) and the claims below. Checking the signature needs
//! the keys and a crypto implementation, so it is the caller's; this module
//! reads the token and decides on its claims, at the instant it is given.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::Deserialize;
use thiserror::Error;

use super::email::Email;
use super::time::Instant;

/// Clock skew tolerated between Access and the Worker.
const LEEWAY_SECONDS: i64 = 60;

/// Which Access application the portal is: its team domain (the issuer,
/// `https://<team>.cloudflareaccess.com`) and its audience tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessPolicy {
    pub team_domain: String,
    pub audience: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AssertionError {
    #[error("the assertion is not a JWT")]
    Malformed,
    #[error("the assertion is not signed with RS256 by a named key")]
    Algorithm,
    #[error("the assertion's signature does not verify")]
    Signature,
    #[error("the assertion is for another application")]
    Audience,
    #[error("the assertion is from another issuer")]
    Issuer,
    #[error("the assertion has expired or is not valid yet")]
    Expired,
    #[error("the assertion names no email address")]
    NoEmail,
}

#[derive(Deserialize)]
struct Header {
    alg: String,
    kid: Option<String>,
}

/// `aud` is a list in Access tokens; a single string is read as one.
#[derive(Deserialize)]
#[serde(untagged)]
enum Audience {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
struct Claims {
    aud: Audience,
    iss: String,
    exp: i64,
    nbf: Option<i64>,
    email: Option<String>,
}

/// A read, not yet trusted, Access assertion.
pub struct Assertion {
    /// The key that should have signed it.
    pub kid: String,
    /// `header.payload`, the bytes the signature covers.
    pub signing_input: String,
    pub signature: Vec<u8>,
    claims: Claims,
}

impl std::fmt::Debug for Assertion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Assertion(kid {})", self.kid)
    }
}

impl Assertion {
    /// Reads a compact JWT; only RS256 with a `kid` is accepted, so that a
    /// token cannot choose `none` or an HMAC keyed with a public key.
    pub fn parse(token: &str) -> Result<Self, AssertionError> {
        let mut parts = token.trim().split('.');
        let (Some(header), Some(payload), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(AssertionError::Malformed);
        };
        let decode = |part: &str| {
            URL_SAFE_NO_PAD
                .decode(part)
                .map_err(|_| AssertionError::Malformed)
        };
        let parsed: Header =
            serde_json::from_slice(&decode(header)?).map_err(|_| AssertionError::Malformed)?;
        let kid = match (parsed.alg.as_str(), parsed.kid) {
            ("RS256", Some(kid)) if !kid.is_empty() => kid,
            _ => return Err(AssertionError::Algorithm),
        };
        let claims: Claims =
            serde_json::from_slice(&decode(payload)?).map_err(|_| AssertionError::Malformed)?;
        Ok(Self {
            kid,
            signing_input: format!("{header}.{payload}"),
            signature: decode(signature)?,
            claims,
        })
    }

    /// The staff member's address, if the claims hold for `policy` at `now`.
    /// Call it only once the signature has verified.
    pub fn identity(&self, policy: &AccessPolicy, now: Instant) -> Result<Email, AssertionError> {
        let audience_matches = match &self.claims.aud {
            Audience::One(aud) => *aud == policy.audience,
            Audience::Many(auds) => auds.contains(&policy.audience),
        };
        if !audience_matches {
            return Err(AssertionError::Audience);
        }
        if self.claims.iss.trim_end_matches('/') != policy.team_domain.trim_end_matches('/') {
            return Err(AssertionError::Issuer);
        }
        let now = now.timestamp();
        let not_before = self.claims.nbf.unwrap_or(i64::MIN);
        if now.saturating_add(LEEWAY_SECONDS) < not_before
            || now.saturating_sub(LEEWAY_SECONDS) >= self.claims.exp
        {
            return Err(AssertionError::Expired);
        }
        let email = self
            .claims
            .email
            .as_deref()
            .ok_or(AssertionError::NoEmail)?;
        Email::parse(email).map_err(|_| AssertionError::NoEmail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::from_unix_millis;
    use serde_json::json;

    const NOW: i64 = 1_795_000_000;

    fn policy() -> AccessPolicy {
        AccessPolicy {
            team_domain: "https://spica.cloudflareaccess.com".into(),
            audience: "aud-desk".into(),
        }
    }

    fn token(header: serde_json::Value, claims: serde_json::Value) -> String {
        let part = |value: serde_json::Value| URL_SAFE_NO_PAD.encode(value.to_string());
        format!(
            "{}.{}.{}",
            part(header),
            part(claims),
            URL_SAFE_NO_PAD.encode([1, 2, 3])
        )
    }

    fn claims() -> serde_json::Value {
        json!({
            "aud": ["other", "aud-desk"], "iss": "https://spica.cloudflareaccess.com",
            "email": "Maja@Spica.si", "exp": NOW + 300, "nbf": NOW - 10, "iat": NOW - 10,
            "sub": "u1", "type": "app"
        })
    }

    fn at(seconds: i64) -> Instant {
        from_unix_millis(seconds * 1000).unwrap()
    }

    fn rs256() -> serde_json::Value {
        json!({"alg": "RS256", "kid": "k1", "typ": "JWT"})
    }

    #[test]
    fn a_valid_assertion_names_the_staff_member() {
        let assertion = Assertion::parse(&token(rs256(), claims())).unwrap();
        assert_eq!(assertion.kid, "k1");
        assert_eq!(assertion.signature, [1, 2, 3]);
        assert!(assertion.signing_input.starts_with("eyJ"));
        let email = assertion.identity(&policy(), at(NOW)).unwrap();
        assert_eq!(email.as_str(), "maja@spica.si");
    }

    #[test]
    fn only_rs256_with_a_key_id_is_read() {
        for header in [
            json!({"alg": "none", "kid": "k1"}),
            json!({"alg": "HS256", "kid": "k1"}),
            json!({"alg": "RS256"}),
        ] {
            assert_eq!(
                Assertion::parse(&token(header, claims())).unwrap_err(),
                AssertionError::Algorithm
            );
        }
        for junk in ["", "a.b", "a.b.c.d", "!!.!!.!!"] {
            assert_eq!(
                Assertion::parse(junk).unwrap_err(),
                AssertionError::Malformed
            );
        }
    }

    #[test]
    fn another_audience_or_issuer_is_refused() {
        let mut other = claims();
        other["aud"] = json!("aud-something-else");
        let assertion = Assertion::parse(&token(rs256(), other)).unwrap();
        assert_eq!(
            assertion.identity(&policy(), at(NOW)),
            Err(AssertionError::Audience)
        );
        let mut other = claims();
        other["iss"] = json!("https://evil.cloudflareaccess.com");
        let assertion = Assertion::parse(&token(rs256(), other)).unwrap();
        assert_eq!(
            assertion.identity(&policy(), at(NOW)),
            Err(AssertionError::Issuer)
        );
    }

    #[test]
    fn an_assertion_is_good_only_between_nbf_and_exp() {
        let assertion = Assertion::parse(&token(rs256(), claims())).unwrap();
        assert!(assertion
            .identity(&policy(), at(NOW + 300 + LEEWAY_SECONDS - 1))
            .is_ok());
        assert_eq!(
            assertion.identity(&policy(), at(NOW + 300 + LEEWAY_SECONDS)),
            Err(AssertionError::Expired)
        );
        assert_eq!(
            assertion.identity(&policy(), at(NOW - 10 - LEEWAY_SECONDS - 1)),
            Err(AssertionError::Expired)
        );
    }

    #[test]
    fn an_assertion_without_an_email_is_nobody() {
        let mut other = claims();
        other.as_object_mut().unwrap().remove("email");
        let assertion = Assertion::parse(&token(rs256(), other)).unwrap();
        assert_eq!(
            assertion.identity(&policy(), at(NOW)),
            Err(AssertionError::NoEmail)
        );
    }
}
