//! What only the running Worker shows: the queue consumer delivering the
//! outbox to an email service, and the cron trigger.

use std::time::{Duration, Instant};

use crate::helpers::{registration, unique_email, unique_serial};
use crate::http::{send, setting};
use crate::spawn_app;

/// Polls until `done` gives a value or 20 seconds pass.
fn eventually<T>(what: &str, mut done: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(value) = done() {
            return value;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn the_queue_delivers_each_email_once_keyed_by_its_outbox_id() {
    let app = spawn_app();
    let email = unique_email();
    assert_eq!(
        app.post_json(
            "/api/registrations",
            &registration(&email, &unique_serial())
        )
        .status,
        201
    );
    let message = eventually("the verification email to be sent", || {
        app.outbox(&email)
            .into_iter()
            .find(|m| m["status"] == "sent")
    });
    assert_eq!(message["attempts"], 1);
    assert!(message["sent_at"].is_string());

    let standin = setting("STANDIN_URL");
    let received = send(
        app.0.agent(),
        "GET",
        &format!("{standin}/received"),
        &[],
        &[],
    )
    .json();
    let for_message: Vec<_> = received
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["idempotency_key"] == message["id"])
        .collect();
    assert_eq!(for_message.len(), 1, "{received}");
    let sent = &for_message[0];
    assert_eq!(sent["authorization"], "Bearer e2e-email-key");
    assert_eq!(sent["body"]["to"][0], email.as_str());
    assert_eq!(sent["body"]["subject"], message["subject"]);
    assert_eq!(sent["body"]["text"], message["text"]);
}

#[test]
fn a_missed_deadline_is_recorded_without_any_request_touching_the_incident() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let id = app.incident(&token)["incident_id"]
        .as_str()
        .unwrap()
        .to_owned();
    // The Worker runs with a 5-second deadline; only the queued timers act.
    let breached = eventually("the deadline to be recorded as missed", || {
        let incident = app.staff_get(&format!("/api/staff/incidents/{id}")).json();
        (incident["sla_breached"] == true).then_some(incident)
    });
    assert!(
        breached["sla_breached_at"].as_str().unwrap()
            >= breached["callback_due_by"].as_str().unwrap()
    );
    assert_eq!(breached["status"], "awaiting_callback");
    let desk = app.outbox(crate::helpers::DESK_EMAIL);
    assert!(desk.iter().any(|m| m["subject"].as_str().unwrap()
        == format!("Incident {id}: the callback deadline was missed (SLA breached)")));
}

#[test]
fn the_cron_trigger_runs_the_sweep() {
    let app = spawn_app();
    let url = format!("{}/__scheduled?cron=*/10+*+*+*+*", app.0.base());
    let response = send(app.0.agent(), "GET", &url, &[], &[]);
    assert_eq!(response.status, 200, "{}", response.text());
}
