//! What Workers static assets serve before the Worker runs: the API's
//! contract, kept out of the WASM bundle, still at `/api/openapi.json`.

use crate::helpers::Transport;
use crate::routes::openapi_document;
use crate::spawn_app;

#[test]
fn the_platform_serves_the_openapi_document_as_json() {
    let app = spawn_app();
    let served = app.get("/api/openapi.json");
    assert_eq!(served.status, 200, "{}", served.text());
    let content_type = served.header("content-type").unwrap_or_default();
    assert!(
        content_type.starts_with("application/json"),
        "content type {content_type}"
    );
    assert_eq!(served.json(), openapi_document());
    let posted = app.0.send("POST", "/api/openapi.json", &[], Vec::new());
    assert_eq!(posted.status, 405, "{}", posted.text());
}
