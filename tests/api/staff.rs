//! The staff outbox.

use crate::helpers::{registration, unique_email, unique_serial};
use crate::spawn_app;

#[test]
fn the_staff_outbox_refuses_a_missing_or_wrong_token() {
    let app = spawn_app();
    let response = app.get("/api/staff/outbox");
    response.problem(401);
    assert!(response
        .header("www-authenticate")
        .is_some_and(|h| h.starts_with("Bearer")));
    app.get_as("/api/staff/outbox", "wrong").problem(401);
}

#[test]
fn the_staff_outbox_lists_messages_to_an_address_newest_first() {
    let app = spawn_app();
    let email = unique_email();
    app.register_and_verify(&email, &unique_serial());
    let messages = app.outbox(&email);
    let subjects: Vec<&str> = messages
        .iter()
        .map(|m| m["subject"].as_str().unwrap())
        .collect();
    assert_eq!(
        subjects,
        [
            "Welcome to Time & Space support",
            "Confirm your Time & Space registration"
        ]
    );
    for message in &messages {
        assert_eq!(message["to"], email.as_str());
        assert!(message["id"].as_str().unwrap().starts_with("msg_"));
        assert!(message["status"].is_string() && message["created_at"].is_string());
    }
    let other = unique_email();
    app.post_json(
        "/api/registrations",
        &registration(&other, &unique_serial()),
    );
    assert_eq!(app.outbox(&email).len(), 2);
    app.staff_get("/api/staff/outbox?to=nobody").problem(422);
    app.staff_get("/api/staff/outbox?limit=0").problem(422);
}
