//! Email Routing's inbound email: the raw message decoded by postal-mime
//! (js/inbound.mjs) and its parts handed to the app, the jobs its answer
//! makes onto the queue, a refusal given back to the
//! sender's mail server with its reason (and logged).

use wasm_bindgen::{JsCast, JsValue};
use worker::{console_error, console_log, Env, ForwardableEmailMessage};

use super::{config, now, queue, seed};
use crate::app::InboundOutcome;
use crate::domain::entropy::Entropy;
use crate::domain::inbound::{DecodedEmail, EmailFile, InboundError};

/// Why the sender is told to try again: the portal failed, not the email.
const UNAVAILABLE: &str = "the support portal cannot take this message now; please try again later";

pub async fn receive(message: ForwardableEmailMessage, env: &Env) {
    let (from, to) = (message.from(), message.to());
    let raw = match message.raw_bytes().await {
        Ok(raw) => raw,
        Err(error) => {
            console_error!("inbound email from {from} to {to}: unreadable stream: {error}");
            reject(&message, UNAVAILABLE).await;
            return;
        }
    };
    let decoded = decode(&raw).await;
    let taken = match (config::app(env), seed()) {
        (Ok(app), Ok(seed)) => {
            app.inbound_email(&from, &to, decoded, now(), &mut Entropy::new(seed))
                .await
        }
        (Err(error), _) | (_, Err(error)) => {
            console_error!("inbound email: cannot serve: {error}");
            reject(&message, UNAVAILABLE).await;
            return;
        }
    };
    match taken {
        Ok(Ok(InboundOutcome::Added { incident_id, jobs })) => {
            console_log!("inbound email from {from}: a message on {incident_id}");
            queue::enqueue(env, &jobs).await;
        }
        Ok(Ok(InboundOutcome::Duplicate { incident_id })) => {
            console_log!("inbound email from {from}: a repeat on {incident_id}, nothing added");
        }
        Ok(Err(refusal)) => {
            console_log!("inbound email from {from} to {to} refused: {refusal}");
            reject(&message, &refusal.to_string()).await;
        }
        Err(error) => {
            console_error!("inbound email from {from} to {to}: {error}");
            reject(&message, UNAVAILABLE).await;
        }
    }
}

#[wasm_bindgen::prelude::wasm_bindgen(module = "/js/inbound.mjs")]
extern "C" {
    /// postal-mime's `{ messageId, text, files }` of the raw message.
    #[wasm_bindgen(js_name = decodeEmail, catch)]
    async fn decode_email(raw: &JsValue) -> Result<JsValue, JsValue>;
}

/// The message's parts, or `Unreadable` when postal-mime refused it. The
/// bytes are read first, so that a failing stream is the portal's failure,
/// worth the sender's retry, and not the email's.
async fn decode(raw: &[u8]) -> Result<DecodedEmail, InboundError> {
    let decoded = decode_email(&js_sys::Uint8Array::from(raw))
        .await
        .map_err(|error| {
            console_error!("inbound email: cannot decode: {error:?}");
            InboundError::Unreadable
        })?;
    let field = |object: &JsValue, name: &str| {
        js_sys::Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    };
    let files = js_sys::Array::from(&field(&decoded, "files"))
        .iter()
        .map(|file| EmailFile {
            name: field(&file, "name").as_string(),
            media_type: field(&file, "type").as_string().unwrap_or_default(),
            inline: field(&file, "inline").is_truthy(),
            content: js_sys::Uint8Array::new(&field(&file, "content")).to_vec(),
        })
        .collect();
    Ok(DecodedEmail {
        message_id: field(&decoded, "messageId").as_string(),
        text: field(&decoded, "text").as_string(),
        files,
    })
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The message as something to refuse, with `setReject`'s answer kept.
    type Refusable;

    #[wasm_bindgen(method, js_name = setReject)]
    fn set_reject(this: &Refusable, reason: &str) -> JsValue;
}

/// Refuses the email with `reason`. On Cloudflare `setReject` is
/// synchronous; under wrangler dev the message crossed an RPC boundary and
/// `setReject` answers an RPC call's thenable, awaited here: otherwise the
/// refusal never lands and the email counts as taken.
async fn reject(message: &ForwardableEmailMessage, reason: &str) {
    let answer = message.unchecked_ref::<Refusable>().set_reject(reason);
    let settled = js_sys::Promise::resolve(&answer);
    if let Err(error) = wasm_bindgen_futures::JsFuture::from(settled).await {
        console_error!("inbound email: setReject failed: {error:?}");
    }
}
