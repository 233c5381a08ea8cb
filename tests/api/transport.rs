//! What every endpoint does with bad requests, and the health check.

use serde_json::json;

use crate::helpers::{registration, unique_email, unique_serial};
use crate::spawn_app;

#[test]
fn health_answers_with_the_version() {
    let app = spawn_app();
    let response = app.get("/healthz");
    assert_eq!(response.status, 200);
    assert_eq!(response.json()["status"], "ok");
    assert!(response.json()["version"].is_string());
    assert_eq!(response.header("x-content-type-options"), Some("nosniff"));
}

#[test]
fn unknown_addresses_are_404_and_wrong_methods_405() {
    let app = spawn_app();
    app.get("/api/nothing-here").problem(404);
    let response = app.get("/api/registrations");
    response.problem(405);
    assert_eq!(response.header("allow"), Some("POST"));
}

#[test]
fn a_wrong_content_type_is_415() {
    let app = spawn_app();
    let body = registration(&unique_email(), &unique_serial())
        .to_string()
        .into_bytes();
    app.post_raw("/api/registrations", "text/plain", body.clone())
        .problem(415);
    app.post_raw("/api/registrations/verify", "application/xml", body)
        .problem(415);
}

#[test]
fn malformed_json_is_400_and_writes_nothing() {
    let app = spawn_app();
    let email = unique_email();
    let mut body = registration(&email, &unique_serial())
        .to_string()
        .into_bytes();
    body.truncate(body.len() - 1);
    app.post_raw("/api/registrations", "application/json", body)
        .problem(400);
    app.post_raw("/api/registrations", "application/json", b"[1, 2]".to_vec())
        .problem(400);
    assert!(app.outbox(&email).is_empty());
}

#[test]
fn a_body_over_64_kib_is_413_and_writes_nothing() {
    let app = spawn_app();
    let email = unique_email();
    let mut body = registration(&email, &unique_serial());
    body["company"]["name"] = json!("x".repeat(65 * 1024));
    app.post_json("/api/registrations", &body).problem(413);
    assert!(app.outbox(&email).is_empty());
}
