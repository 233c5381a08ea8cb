//! What only the running Worker shows: the queue consumer delivering the
//! outbox to an email service, and the cron trigger.

use std::time::{Duration, Instant};

use spica_portal::domain::notification::redact_links;

use crate::helpers::{registration, unique_email, unique_serial, Transport};
use crate::http::{received_for, send};
use crate::spawn_app;

/// Polls until `done` gives a value or 20 seconds pass.
pub fn eventually<T>(what: &str, done: impl FnMut() -> Option<T>) -> T {
    eventually_within(Duration::from_secs(20), what, done)
}

fn eventually_within<T>(limit: Duration, what: &str, mut done: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(value) = done() {
            return value;
        }
        assert!(start.elapsed() < limit, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// An outbox message as staff see it now.
fn message_now(
    app: &crate::helpers::TestApp<crate::http::Http>,
    to: &str,
    id: &str,
) -> serde_json::Value {
    app.outbox(to)
        .into_iter()
        .find(|m| m["id"] == id)
        .expect("the message")
}

/// The requests the email stand-in received for one outbox message.
fn requests_for(
    app: &crate::helpers::TestApp<crate::http::Http>,
    id: &str,
) -> Vec<serde_json::Value> {
    received_for(app.0.agent(), id)
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
    assert!(message["sent_at"].is_string());

    // One delivery, keyed by the outbox id. (A second attempt happens only
    // when a connection to the stand-in was lost; then the key makes the
    // service drop a repeat.)
    let id = message["id"].as_str().unwrap();
    let requests = requests_for(&app, id);
    let attempts = message["attempts"].as_u64().unwrap();
    assert!(
        attempts >= 1 && requests.len() as u64 <= attempts,
        "{message} {requests:?}"
    );
    let delivered: Vec<_> = requests
        .iter()
        .filter(|r| r["answered"] == 200 && r["repeat"] == false)
        .collect();
    assert_eq!(delivered.len(), 1, "{requests:?}");
    assert!(requests.iter().all(|r| r["idempotency_key"] == id));
    let sent = delivered[0];
    assert_eq!(sent["authorization"], "Bearer e2e-email-key");
    assert_eq!(sent["body"]["to"][0], email.as_str());
    assert_eq!(sent["body"]["subject"], message["subject"]);
    // The recipient got the live link; staff see the same text, redacted.
    let text = sent["body"]["text"].as_str().unwrap();
    assert_ne!(text, message["text"].as_str().unwrap());
    assert_eq!(redact_links(text), message["text"].as_str().unwrap());
    assert!(message["text"]
        .as_str()
        .unwrap()
        .contains("/verify?token=[redacted]"));
}

#[test]
fn an_outage_of_the_email_service_delays_an_email_that_then_arrives_once() {
    let app = spawn_app();
    let email = unique_email();
    // The email service answers 503 three times (the Worker under test
    // retries after 1, 2 and 4 s: EMAIL_RETRY_FIRST_SECONDS=1), then recovers.
    app.0.fail_emails_to(&email, 3);
    let registered = app.post_json(
        "/api/registrations",
        &registration(&email, &unique_serial()),
    );
    assert_eq!(registered.status, 201);
    let message = eventually_within(
        Duration::from_secs(90),
        "the verification email to be sent after the outage",
        || {
            app.outbox(&email)
                .into_iter()
                .find(|m| m["status"] == "sent")
        },
    );
    let id = message["id"].as_str().unwrap().to_owned();
    assert!(message["last_error"].is_null());
    // Three refusals, then one delivery. (More attempts happen only when a
    // connection to the stand-in was lost: they reach it not at all, or as
    // repeats of the key, which it does not deliver again.)
    let requests = requests_for(&app, &id);
    let answered: Vec<_> = requests
        .iter()
        .map(|r| (r["answered"].as_i64().unwrap(), r["repeat"] == true))
        .collect();
    assert_eq!(
        answered[..4],
        [(503, false), (503, false), (503, false), (200, false)],
        "{message}"
    );
    assert!(answered[4..]
        .iter()
        .all(|&(status, repeat)| status == 200 && repeat));
    let attempts = message["attempts"].as_u64().unwrap();
    assert!(
        attempts >= 4 && attempts >= requests.len() as u64,
        "{message}"
    );

    // The cron sweep afterwards sends nothing again.
    let url = format!("{}/__scheduled?cron=*/10+*+*+*+*", app.0.base());
    assert_eq!(send(app.0.agent(), "GET", &url, &[], &[]).status, 200);
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(requests_for(&app, &id).len(), requests.len());
    assert_eq!(
        message_now(&app, &email, &id)["attempts"],
        message["attempts"]
    );
    let accepted = app.0.email_bodies_accepted(&id);
    assert_eq!(accepted.len(), 1, "delivered exactly once");

    // The link works, and staff never saw it.
    let token = app.emailed_token(&email, "verify");
    assert!(accepted[0]["text"].as_str().unwrap().contains(&token));
    let outbox = app
        .staff_get(&format!(
            "/api/staff/outbox?to={}",
            crate::helpers::urlencode(&email)
        ))
        .text();
    assert!(!outbox.contains(&token));
    let verified = app.post_json(
        "/api/registrations/verify",
        &serde_json::json!({ "token": token }),
    );
    assert_eq!(verified.status, 200, "{}", verified.text());
}

#[test]
fn a_missed_deadline_is_recorded_without_any_request_touching_the_incident() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let incident = app.incident(&token);
    let id = incident["incident_id"].as_str().unwrap().to_owned();
    let number = incident["number"].as_str().unwrap().to_owned();
    // The Worker runs with a 5-second deadline; only the queued timers act.
    // The queue is shared with every other test's emails and timers (the
    // crawler's among them), so the timer may wait its turn a while.
    let breached = eventually_within(
        Duration::from_secs(90),
        "the deadline to be recorded as missed",
        || {
            let incident = app.staff_get(&format!("/api/staff/incidents/{id}")).json();
            (incident["sla_breached"] == true).then_some(incident)
        },
    );
    assert!(
        breached["sla_breached_at"].as_str().unwrap()
            >= breached["callback_due_by"].as_str().unwrap()
    );
    assert_eq!(breached["status"], "awaiting_callback");
    let desk = app.outbox(crate::helpers::DESK_EMAIL);
    assert!(desk.iter().any(|m| m["subject"].as_str().unwrap()
        == format!("Incident {number}: the callback deadline was missed (SLA breached)")));
    // The health page names it by its number.
    let health = app
        .get_with_cookie("/desk/health", &app.desk_cookie())
        .text();
    assert!(
        health.contains(&format!("<a href=\"/desk/incidents/{id}\">{number}</a>: ")),
        "{health}"
    );
}

#[test]
fn the_cron_trigger_runs_the_sweep() {
    let app = spawn_app();
    let url = format!("{}/__scheduled?cron=*/10+*+*+*+*", app.0.base());
    let response = send(app.0.agent(), "GET", &url, &[], &[]);
    assert_eq!(response.status, 200, "{}", response.text());
}
