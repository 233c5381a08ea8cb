//! Cloudflare Access assertions: the signed identity of a staff member.
//!
//! Access sits in front of the desk and the staff API and adds a
//! `Cf-Access-Jwt-Assertion` header (an RS256 JWT) to every request it lets
//! through. The Worker checks it itself, never trusting that the request came
//! through Access: the signature (by the key the header's `kid` names, from the
//! team's published certs) and the claims below. Checking the signature needs
//! the keys and a crypto implementation, so it is the caller's; this module
//! reads the token and decides on its claims, at the instant it is given,
//! reads the certs, and decides when an isolate fetches them again
//! ([`KeyCache`]).

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

/// `aud` is a list in Access tokens; a single string is read as one. Read
/// through a JSON value: an untagged enum would buffer it through serde's
/// generic `Content`, code the Worker otherwise does without.
fn one_or_many<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    use serde_json::Value;
    let text = |value| match value {
        Value::String(text) => Ok(text),
        _ => Err(serde::de::Error::custom(
            "aud holds something else than text",
        )),
    };
    match Value::deserialize(deserializer)? {
        Value::Array(many) => many.into_iter().map(text).collect(),
        one => Ok(vec![text(one)?]),
    }
}

#[derive(Deserialize)]
struct Claims {
    #[serde(deserialize_with = "one_or_many")]
    aud: Vec<String>,
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
        if !self.claims.aud.contains(&policy.audience) {
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

/// An isolate fetches Access's certs at most once in this many seconds,
/// whatever keys the requests name: an assertion naming an unknown `kid`
/// (a new key, or anyone's invention) cannot make the Worker fetch more.
pub const CERTS_RETRY_SECONDS: i64 = 60;

/// A fetched key set is refreshed by the first request after this many
/// seconds (as often as [`CERTS_RETRY_SECONDS`] allows), so that a key
/// Access stopped publishing stops verifying even if no new one is named.
pub const CERTS_MAX_AGE_SECONDS: i64 = 3600;

/// One RSA key of Access's certs: its id and the JWK's modulus and
/// exponent (base64url), to be imported by whoever checks signatures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedKey {
    pub kid: String,
    pub n: String,
    pub e: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CertsError {
    #[error("the certs are not a JSON object with keys")]
    Unreadable,
    #[error("the certs publish no RSA key")]
    NoKeys,
}

/// Reads Access's certs (`{"keys": [JWK…], "public_cert": …}`): their RSA
/// keys. An answer without one is refused, never read as an empty set,
/// which would drop every key the isolate holds.
pub fn published_keys(body: &[u8]) -> Result<Vec<PublishedKey>, CertsError> {
    #[derive(Deserialize)]
    struct Certs {
        keys: Vec<serde_json::Value>,
    }
    let certs: Certs = serde_json::from_slice(body).map_err(|_| CertsError::Unreadable)?;
    let text = |key: &serde_json::Value, name: &str| {
        key.get(name)
            .and_then(serde_json::Value::as_str)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    let keys: Vec<PublishedKey> = certs
        .keys
        .iter()
        .filter(|key| key.get("kty").and_then(serde_json::Value::as_str) == Some("RSA"))
        .filter_map(|key| {
            Some(PublishedKey {
                kid: text(key, "kid")?,
                n: text(key, "n")?,
                e: text(key, "e")?,
            })
        })
        .collect();
    if keys.is_empty() {
        return Err(CertsError::NoKeys);
    }
    Ok(keys)
}

/// The keys an isolate holds (`K`: however the checker keeps an imported
/// key) and when it last fetched and last tried to fetch the certs. The
/// refresh policy, with the clock passed in; the fetching is the caller's.
#[derive(Debug)]
pub struct KeyCache<K> {
    keys: Vec<(String, K)>,
    fetched_at: Option<Instant>,
    tried_at: Option<Instant>,
}

/// What a request naming a key does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyLookup<K> {
    /// Check the signature with this key.
    Found(K),
    /// Fetch the certs first (the attempt is noted: no other request
    /// fetches for a minute), then [`KeyCache::replace`] the set on
    /// success; on failure the keys held stay.
    Fetch,
    /// Not a key the isolate holds, and no fetch is due: refused.
    Unknown,
}

impl<K> Default for KeyCache<K> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K> KeyCache<K> {
    pub const fn new() -> Self {
        Self {
            keys: Vec::new(),
            fetched_at: None,
            tried_at: None,
        }
    }
}

impl<K: Clone> KeyCache<K> {
    /// The key named `kid`, if held.
    pub fn key(&self, kid: &str) -> Option<K> {
        self.keys
            .iter()
            .find(|(id, _)| id == kid)
            .map(|(_, key)| key.clone())
    }

    /// What a request naming `kid` at `now` does: a fetch when the key is
    /// unknown or the set is older than [`CERTS_MAX_AGE_SECONDS`], but not
    /// within [`CERTS_RETRY_SECONDS`] of the last attempt (a clock that
    /// went back allows one).
    pub fn lookup(&mut self, kid: &str, now: Instant) -> KeyLookup<K> {
        let since = |at: Option<Instant>| at.map(|at| (now - at).num_seconds());
        let stale = since(self.fetched_at).is_none_or(|age| age >= CERTS_MAX_AGE_SECONDS);
        let may_fetch =
            since(self.tried_at).is_none_or(|waited| !(0..CERTS_RETRY_SECONDS).contains(&waited));
        match self.key(kid) {
            Some(key) if !stale || !may_fetch => KeyLookup::Found(key),
            _ if may_fetch => {
                self.tried_at = Some(now);
                KeyLookup::Fetch
            }
            _ => KeyLookup::Unknown,
        }
    }

    /// The keys of a successful fetch at `now`: they replace the set, so a
    /// key no longer published stops verifying.
    pub fn replace(&mut self, keys: Vec<(String, K)>, now: Instant) {
        self.keys = keys;
        self.fetched_at = Some(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::from_unix_millis;

    fn second(s: i64) -> Instant {
        from_unix_millis(1_800_000_000_000 + s * 1000).unwrap()
    }

    #[test]
    fn the_certs_publish_their_rsa_keys_and_an_answer_without_one_is_refused() {
        let keys =
            published_keys(include_bytes!("../../tests/fixtures/access/certs.json")).unwrap();
        assert_eq!(keys.len(), 1);
        assert_eq!(keys[0].kid, "stand-in-key-1");
        assert_eq!(keys[0].e, "AQAB");
        let mixed = br#"{"keys": [{"kid": "ec", "kty": "EC", "x": "a"}, {"kid": "k2", "kty": "RSA", "n": "bg", "e": "AQAB"}, {"kty": "RSA", "n": "bg", "e": "AQAB"}]}"#;
        assert_eq!(
            published_keys(mixed).unwrap(),
            [PublishedKey {
                kid: "k2".into(),
                n: "bg".into(),
                e: "AQAB".into()
            }]
        );
        for (body, error) in [
            (&br#"{"keys": []}"#[..], CertsError::NoKeys),
            (
                br#"{"keys": [{"kid": "ec", "kty": "EC"}]}"#,
                CertsError::NoKeys,
            ),
            (br#"{"public_cert": {}}"#, CertsError::Unreadable),
            (br#"{"keys": "none"}"#, CertsError::Unreadable),
            (b"<html>502 Bad Gateway</html>", CertsError::Unreadable),
            (b"", CertsError::Unreadable),
        ] {
            assert_eq!(published_keys(body), Err(error), "{body:?}");
        }
    }

    #[test]
    fn unknown_keys_fetch_the_certs_at_most_once_a_minute() {
        let mut cache: KeyCache<&str> = KeyCache::new();
        assert_eq!(cache.lookup("k1", second(0)), KeyLookup::Fetch);
        cache.replace(vec![("k1".into(), "key one")], second(0));
        assert_eq!(cache.lookup("k1", second(1)), KeyLookup::Found("key one"));
        for s in [1, 30, 59] {
            assert_eq!(
                cache.lookup("made-up", second(s)),
                KeyLookup::Unknown,
                "{s}"
            );
        }
        assert_eq!(cache.lookup("made-up", second(60)), KeyLookup::Fetch);
        assert_eq!(cache.lookup("made-up-too", second(61)), KeyLookup::Unknown);
        // A clock that went back does not lock the certs out.
        assert_eq!(cache.lookup("made-up", second(-10)), KeyLookup::Fetch);
    }

    #[test]
    fn a_fetch_replaces_the_set_and_a_failed_one_keeps_it() {
        let mut cache: KeyCache<&str> = KeyCache::new();
        assert_eq!(cache.lookup("k1", second(0)), KeyLookup::Fetch);
        cache.replace(vec![("k1".into(), "key one")], second(0));
        // Access rotated: k2 is new and k1 no longer published.
        assert_eq!(cache.lookup("k2", second(100)), KeyLookup::Fetch);
        cache.replace(vec![("k2".into(), "key two")], second(100));
        assert_eq!(cache.key("k1"), None);
        assert_eq!(cache.lookup("k1", second(101)), KeyLookup::Unknown);
        // A fetch that fails replaces nothing: k2 keeps verifying.
        assert_eq!(cache.lookup("k3", second(200)), KeyLookup::Fetch);
        assert_eq!(cache.lookup("k2", second(201)), KeyLookup::Found("key two"));
    }

    #[test]
    fn an_hour_old_set_is_fetched_again_and_kept_while_the_fetch_fails() {
        let mut cache: KeyCache<&str> = KeyCache::new();
        assert_eq!(cache.lookup("k1", second(0)), KeyLookup::Fetch);
        cache.replace(vec![("k1".into(), "key one")], second(0));
        assert_eq!(
            cache.lookup("k1", second(3599)),
            KeyLookup::Found("key one")
        );
        assert_eq!(cache.lookup("k1", second(3600)), KeyLookup::Fetch);
        // That fetch failed: within the minute the old key is used.
        assert_eq!(
            cache.lookup("k1", second(3630)),
            KeyLookup::Found("key one")
        );
        assert_eq!(cache.lookup("k1", second(3660)), KeyLookup::Fetch);
    }
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
    fn the_audience_is_one_string_or_a_list_of_strings() {
        let mut one = claims();
        one["aud"] = json!("aud-desk");
        let assertion = Assertion::parse(&token(rs256(), one)).unwrap();
        assert!(assertion.identity(&policy(), at(NOW)).is_ok());
        for aud in [
            json!(7),
            json!(["aud-desk", 7]),
            json!(null),
            json!({"a": 1}),
        ] {
            let mut odd = claims();
            odd["aud"] = aud;
            assert_eq!(
                Assertion::parse(&token(rs256(), odd)).unwrap_err(),
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
