//! WebCrypto (`crypto.subtle`), the platform's cryptography: Cloudflare
//! Access's RS256 keys (`access.rs`) and the license files' Ed25519 key, so
//! that neither RSA nor curve arithmetic is compiled into the bundle.

use std::cell::RefCell;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::domain::activation::{KeyFuture, LicenseKey};

/// Calls `method` of `crypto.subtle` with `args` and awaits its promise.
pub async fn call(method: &str, args: &Array) -> Result<JsValue, String> {
    let crypto = Reflect::get(&js_sys::global(), &"crypto".into()).map_err(|_| "no crypto")?;
    let subtle = Reflect::get(&crypto, &"subtle".into()).map_err(|_| "no crypto.subtle")?;
    let function: js_sys::Function = Reflect::get(&subtle, &method.into())
        .map_err(|_| format!("no {method}"))?
        .dyn_into()
        .map_err(|_| format!("{method} is not a function"))?;
    let promise: js_sys::Promise = function
        .apply(&subtle, args)
        .map_err(|e| format!("{method} failed: {e:?}"))?
        .dyn_into()
        .map_err(|_| format!("{method} gave no promise"))?;
    JsFuture::from(promise)
        .await
        .map_err(|e| format!("{method}: {e:?}"))
}

/// An algorithm object, such as `{name: "Ed25519"}`.
pub fn algorithm(fields: &[(&str, &str)]) -> Result<JsValue, String> {
    let algorithm = Object::new();
    for (key, value) in fields {
        Reflect::set(&algorithm, &(*key).into(), &(*value).into())
            .map_err(|_| "algorithm".to_owned())?;
    }
    Ok(algorithm.into())
}

/// PKCS #8 (RFC 8410) wraps an Ed25519 seed in these 16 bytes; WebCrypto
/// imports a private key no other way than PKCS #8 or a JWK that must
/// already carry the public key.
const PKCS8_ED25519_PREFIX: [u8; 16] = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];

/// A seed, its imported key and its public key.
type Imported = ([u8; 32], JsValue, [u8; 32]);

thread_local! {
    /// The imported key by seed, for the life of the isolate: the setting is
    /// the same on every request.
    static IMPORTED: RefCell<Option<Imported>> = const { RefCell::new(None) };
}

/// The license files' Ed25519 key in WebCrypto, from its 32-byte seed.
pub struct Ed25519Key {
    seed: [u8; 32],
}

impl Ed25519Key {
    pub fn new(seed: [u8; 32]) -> Self {
        Self { seed }
    }

    /// The imported key and its public key, imported on first use.
    async fn imported(&self) -> Result<(JsValue, [u8; 32]), String> {
        let cached = IMPORTED.with(|cell| {
            cell.borrow()
                .as_ref()
                .filter(|(seed, _, _)| *seed == self.seed)
                .map(|(_, key, public)| (key.clone(), *public))
        });
        if let Some(found) = cached {
            return Ok(found);
        }
        let pkcs8: Vec<u8> = PKCS8_ED25519_PREFIX
            .iter()
            .chain(&self.seed)
            .copied()
            .collect();
        let args = Array::of5(
            &"pkcs8".into(),
            &Uint8Array::from(pkcs8.as_slice()),
            &algorithm(&[("name", "Ed25519")])?,
            // Extractable, only so that the public key can be read off it.
            &JsValue::TRUE,
            &Array::of1(&"sign".into()),
        );
        let key = call("importKey", &args).await?;
        let jwk = call("exportKey", &Array::of2(&"jwk".into(), &key)).await?;
        let public: [u8; 32] = Reflect::get(&jwk, &"x".into())
            .ok()
            .and_then(|x| x.as_string())
            .and_then(|x| URL_SAFE_NO_PAD.decode(x).ok())
            .and_then(|bytes| bytes.try_into().ok())
            .ok_or("the exported key has no 32-byte public key")?;
        IMPORTED.with(|cell| *cell.borrow_mut() = Some((self.seed, key.clone(), public)));
        Ok((key, public))
    }
}

impl LicenseKey for Ed25519Key {
    fn public_key(&self) -> KeyFuture<'_, [u8; 32]> {
        Box::pin(async move { Ok(self.imported().await?.1) })
    }

    fn sign<'a>(&'a self, message: &'a [u8]) -> KeyFuture<'a, [u8; 64]> {
        Box::pin(async move {
            let (key, _) = self.imported().await?;
            let args = Array::of3(
                &algorithm(&[("name", "Ed25519")])?,
                &key,
                &Uint8Array::from(message),
            );
            let signature = call("sign", &args).await?;
            Uint8Array::new(&signature)
                .to_vec()
                .try_into()
                .map_err(|_| "the signature is not 64 bytes".to_owned())
        })
    }
}
