//! Cloudflare Access's signing keys, checked with WebCrypto (`crypto.subtle`)
//! so that no RSA implementation is compiled into the bundle.
//!
//! The team's certs (`{ACCESS_TEAM_DOMAIN}/cdn-cgi/access/certs`, or
//! `ACCESS_CERTS_URL` in local tests) are fetched on first use and kept in
//! the isolate as imported keys; a `kid` not among them fetches them again,
//! since Access rotates its keys.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Array, Object, Reflect, Uint8Array, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use worker::{Env, Fetch};

use super::config::setting;
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

fn subtle() -> Result<JsValue, String> {
    let crypto = Reflect::get(&js_sys::global(), &"crypto".into()).map_err(|_| "no crypto")?;
    Reflect::get(&crypto, &"subtle".into()).map_err(|_| "no crypto.subtle".to_owned())
}

fn call(target: &JsValue, method: &str, args: &Array) -> Result<js_sys::Promise, String> {
    let function: js_sys::Function = Reflect::get(target, &method.into())
        .map_err(|_| format!("no {method}"))?
        .dyn_into()
        .map_err(|_| format!("{method} is not a function"))?;
    function
        .apply(target, args)
        .map_err(|e| format!("{method} failed: {e:?}"))?
        .dyn_into()
        .map_err(|_| format!("{method} gave no promise"))
}

fn algorithm() -> Result<Object, String> {
    let algorithm = Object::new();
    let set = |key: &str, value: &str| {
        Reflect::set(&algorithm, &key.into(), &value.into()).map_err(|_| "algorithm".to_owned())
    };
    set("name", "RSASSA-PKCS1-v1_5")?;
    set("hash", "SHA-256")?;
    Ok(algorithm)
}

impl AccessCerts {
    /// Fetches the certs and imports every RS256 key among them.
    async fn refresh(&self) -> Result<(), String> {
        let mut response = Fetch::Url(self.url.parse().map_err(|_| "bad certs URL")?)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if response.status_code() != 200 {
            return Err(format!("certs answered {}", response.status_code()));
        }
        let certs: serde_json::Value = response.json().await.map_err(|e| e.to_string())?;
        let subtle = subtle()?;
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
                &algorithm()?.into(),
                &JsValue::FALSE,
                &Array::of1(&"verify".into()),
            );
            let key = JsFuture::from(call(&subtle, "importKey", &args)?)
                .await
                .map_err(|e| format!("importKey: {e:?}"))?;
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
            &algorithm()?.into(),
            &key,
            &Uint8Array::from(signature),
            &Uint8Array::from(signing_input),
        );
        let verified = JsFuture::from(call(&subtle()?, "verify", &args)?)
            .await
            .map_err(|e| format!("verify: {e:?}"))?;
        Ok(verified.as_bool().unwrap_or(false))
    }
}
