//! Outgoing requests, built as the runtime's own `Request`.

use wasm_bindgen::JsValue;
use worker::worker_sys::web_sys;

/// A request with a method, headers and a text body. Built here rather
/// than with workers-rs's `RequestInit`, which converts its `cf` options
/// through serde on every request, 5 KB of the gzipped WASM for options
/// the portal never sets.
pub fn request(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> worker::Result<worker::Request> {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let header_list = web_sys::Headers::new()?;
    for (name, value) in headers {
        header_list.set(name, value)?;
    }
    init.set_headers(&header_list);
    init.set_body(&JsValue::from_str(body));
    Ok(web_sys::Request::new_with_str_and_init(url, &init)?.into())
}
