//! Cloudflare Access's signing keys, checked with WebCrypto (`webcrypto.rs`)
//! so that no RSA implementation is compiled into the bundle.
//!
//! The team's certs (`{ACCESS_TEAM_DOMAIN}/cdn-cgi/access/certs`, or
//! `ACCESS_CERTS_URL` in local tests) are fetched on first use and kept in
//! the isolate as imported keys; a `kid` not among them fetches them again,
//! since Access rotates its keys.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Array, Uint8Array, JSON};
use wasm_bindgen::JsValue;
use worker::{Env, Fetch};

use super::config::setting;
use super::webcrypto::{algorithm, call};
use crate::app::AccessKeys;

thread_local! {
    /// Imported public keys by `kid`, for the life of the isolate.
    static KEYS: RefCell<HashMap<String, JsValue>> = RefCell::new(HashMap::new());
}

pub struct AccessCerts {
    url: String,
}

/// The certs' address when Access is configured.
pub fn configured(env: &Env) -> Option<AccessCerts> {
    let url = setting(env, "ACCESS_CERTS_URL").or_else(|| {
        setting(env, "ACCESS_TEAM_DOMAIN")
            .map(|team| format!("{}/cdn-cgi/access/certs", team.trim_end_matches('/')))
    })?;
    Some(AccessCerts { url })
}

const RS256: [(&str, &str); 2] = [("name", "RSASSA-PKCS1-v1_5"), ("hash", "SHA-256")];

impl AccessCerts {
    /// Fetches the certs and imports every RS256 key among them.
    async fn refresh(&self) -> Result<(), String> {
        let request =
            worker::Request::new(&self.url, worker::Method::Get).map_err(|_| "bad certs URL")?;
        let mut response = Fetch::Request(request)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if response.status_code() != 200 {
            return Err(format!("certs answered {}", response.status_code()));
        }
        let certs: serde_json::Value = response.json().await.map_err(|e| e.to_string())?;
        let mut imported = HashMap::new();
        for key in certs["keys"].as_array().into_iter().flatten() {
            let (Some(kid), Some("RSA")) = (key["kid"].as_str(), key["kty"].as_str()) else {
                continue;
            };
            let jwk = serde_json::json!({"kty": "RSA", "n": key["n"], "e": key["e"], "alg": "RS256", "ext": true});
            let jwk = JSON::parse(&jwk.to_string()).map_err(|_| "jwk")?;
            let args = Array::of5(
                &"jwk".into(),
                &jwk,
                &algorithm(&RS256)?,
                &JsValue::FALSE,
                &Array::of1(&"verify".into()),
            );
            let key = call("importKey", &args).await?;
            imported.insert(kid.to_owned(), key);
        }
        KEYS.with(|keys| keys.borrow_mut().extend(imported));
        Ok(())
    }

    fn key(kid: &str) -> Option<JsValue> {
        KEYS.with(|keys| keys.borrow().get(kid).cloned())
    }
}

impl AccessKeys for AccessCerts {
    async fn verify(
        &self,
        kid: &str,
        signing_input: &[u8],
        signature: &[u8],
    ) -> Result<bool, String> {
        let key = match Self::key(kid) {
            Some(key) => key,
            None => {
                self.refresh().await?;
                match Self::key(kid) {
                    Some(key) => key,
                    None => return Ok(false),
                }
            }
        };
        let args = Array::of4(
            &algorithm(&RS256)?,
            &key,
            &Uint8Array::from(signature),
            &Uint8Array::from(signing_input),
        );
        let verified = call("verify", &args).await?;
        Ok(verified.as_bool().unwrap_or(false))
    }
}
