//! Cloudflare Access's signing keys, checked with WebCrypto (`webcrypto.rs`)
//! so that no RSA implementation is compiled into the bundle.
//!
//! The team's certs (`{ACCESS_TEAM_DOMAIN}/cdn-cgi/access/certs`, or
//! `ACCESS_CERTS_URL` in local tests) are fetched and imported here; when
//! to fetch them is the policy of `domain::access::KeyCache`, used through
//! `app::CachedKeys`: the isolate keeps the keys of its last successful
//! fetch and fetches at most once a minute, whatever `kid` requests name.

use std::sync::Mutex;

use js_sys::{Array, Uint8Array, JSON};
use wasm_bindgen::JsValue;
use worker::{Env, Fetch};

use super::config::setting;
use super::webcrypto::{algorithm, call};
use crate::app::{CachedKeys, CertsSource};
use crate::domain::access::{published_keys, KeyCache};

thread_local! {
    /// The imported keys and the times of the last fetches, for the life
    /// of the isolate (leaked once, so that requests borrow it across their
    /// awaits; the lock itself is never held across one).
    static KEYS: &'static Mutex<KeyCache<JsValue>> =
        Box::leak(Box::new(Mutex::new(KeyCache::new())));
}

pub struct AccessCerts {
    url: String,
}

/// The certs' address when Access is configured, with the isolate's keys.
pub fn configured(env: &Env) -> Option<CachedKeys<'static, AccessCerts>> {
    let url = setting(env, "ACCESS_CERTS_URL").or_else(|| {
        setting(env, "ACCESS_TEAM_DOMAIN")
            .map(|team| format!("{}/cdn-cgi/access/certs", team.trim_end_matches('/')))
    })?;
    Some(CachedKeys {
        source: AccessCerts { url },
        cache: KEYS.with(|keys| *keys),
    })
}

const RS256: [(&str, &str); 2] = [("name", "RSASSA-PKCS1-v1_5"), ("hash", "SHA-256")];

impl CertsSource for AccessCerts {
    type Key = JsValue;

    /// Fetches the certs and imports every RSA key among them; any failure
    /// (the fetch, not 200, unreadable, no key, an import) fails the whole.
    async fn fetch(&self) -> Result<Vec<(String, JsValue)>, String> {
        let request =
            worker::Request::new(&self.url, worker::Method::Get).map_err(|_| "bad certs URL")?;
        let mut response = Fetch::Request(request)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if response.status_code() != 200 {
            return Err(format!("certs answered {}", response.status_code()));
        }
        let body = response.bytes().await.map_err(|e| e.to_string())?;
        let mut imported = Vec::new();
        for key in published_keys(&body).map_err(|e| e.to_string())? {
            let jwk = serde_json::json!({"kty": "RSA", "n": key.n, "e": key.e, "alg": "RS256", "ext": true});
            let jwk = JSON::parse(&jwk.to_string()).map_err(|_| "jwk")?;
            let args = Array::of5(
                &"jwk".into(),
                &jwk,
                &algorithm(&RS256)?,
                &JsValue::FALSE,
                &Array::of1(&"verify".into()),
            );
            imported.push((key.kid, call("importKey", &args).await?));
        }
        Ok(imported)
    }

    async fn check(
        &self,
        key: &JsValue,
        signing_input: &[u8],
        signature: &[u8],
    ) -> Result<bool, String> {
        let args = Array::of4(
            &algorithm(&RS256)?,
            key,
            &Uint8Array::from(signature),
            &Uint8Array::from(signing_input),
        );
        let verified = call("verify", &args).await?;
        Ok(verified.as_bool().unwrap_or(false))
    }
}
