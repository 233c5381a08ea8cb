//! The staff outbox.

use crate::helpers::{registration, unique_email, unique_serial, Transport};
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

/// Whether `text` has a link whose secret is still in it.
fn has_live_link(text: &str) -> bool {
    text.match_indices("token=").any(|(at, _)| {
        text[at + "token=".len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    })
}

#[test]
fn staff_never_read_a_live_link_that_the_recipient_got() {
    let app = spawn_app();
    let email = unique_email();
    app.register_and_verify(&email, &unique_serial());
    app.post_json("/api/sessions", &serde_json::json!({ "email": email }));
    // The recipient's mailbox has both links live…
    let tokens = [
        app.emailed_token(&email, "verify"),
        app.emailed_token(&email, "sign-in"),
    ];
    for token in &tokens {
        assert_eq!(token.len(), 43, "a whole token: {token}");
    }
    let sign_in = app.message_with_link(&email, "sign-in");
    assert!(app
        .email_received(sign_in["id"].as_str().unwrap())
        .contains(&format!("/sign-in?token={}", tokens[1])));

    // …while the staff API shows each of them redacted, in every listing.
    for path in [
        format!("/api/staff/outbox?to={}", crate::helpers::urlencode(&email)),
        "/api/staff/outbox?limit=200".to_owned(),
    ] {
        let answer = app.staff_get(&path);
        assert_eq!(answer.status, 200);
        let body = answer.text();
        for token in &tokens {
            assert!(!body.contains(token.as_str()), "{path} shows a live link");
        }
    }
    let messages = app.outbox(&email);
    let linked: Vec<_> = messages
        .iter()
        .filter(|m| m["text"].as_str().unwrap().contains("?token=[redacted]"))
        .collect();
    assert_eq!(linked.len(), 2, "{messages:?}");
    for message in &messages {
        assert!(!has_live_link(message["text"].as_str().unwrap()));
    }
    // Sent (end to end, the Worker marks it a moment after the service took it).
    let start = std::time::Instant::now();
    while app.message_with_link(&email, "sign-in")["status"] != "sent" {
        assert!(start.elapsed().as_secs() < 30, "not marked sent");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }

    // And so does the desk's outbox page.
    let signed_in = app.post_form_with_cookie(
        "/desk/sign-in",
        "",
        &app.0.origin(),
        &[("token", app.0.staff_token())],
    );
    let cookie = signed_in
        .header("set-cookie")
        .expect("a desk session")
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let page = app.get_with_cookie("/desk/outbox", &cookie);
    assert_eq!(page.status, 200);
    for token in &tokens {
        assert!(!page.text().contains(token.as_str()));
    }
}

#[test]
fn an_email_waiting_for_a_retry_shows_its_link_redacted_and_when_it_is_tried_again() {
    let app = spawn_app();
    let email = unique_email();
    app.0.fail_emails_to(&email, 1000);
    let registered = app.post_json(
        "/api/registrations",
        &registration(&email, &unique_serial()),
    );
    assert_eq!(registered.status, 201);
    // The email service is down: the message waits for its next attempt.
    let start = std::time::Instant::now();
    let waiting = loop {
        let message = app.message_with_link(&email, "verify");
        if message["attempts"].as_i64().unwrap() >= 1 && message["last_error"].is_string() {
            break message;
        }
        assert!(start.elapsed().as_secs() < 30, "no attempt: {message}");
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    assert!(
        ["pending", "sending"].contains(&waiting["status"].as_str().unwrap()),
        "{waiting}"
    );
    assert!(waiting["last_error"].as_str().unwrap().contains("503"));
    assert!(waiting["sent_at"].is_null());
    let text = waiting["text"].as_str().unwrap();
    assert!(text.contains("/verify?token=[redacted]"), "{text}");
    assert!(!has_live_link(text), "{text}");
    if waiting["status"] == "pending" {
        assert!(
            waiting["next_attempt_at"].as_str().unwrap() > waiting["created_at"].as_str().unwrap()
        );
    }
    assert!(app
        .0
        .email_bodies_accepted(waiting["id"].as_str().unwrap())
        .is_empty());
    // The service is back: (end to end, where time passes) it arrives.
    app.0.fail_emails_to(&email, 0);
}

#[test]
fn redacted_links_are_recognised_by_the_live_link_check() {
    assert!(has_live_link("https://p.test/sign-in?token=abc"));
    assert!(!has_live_link("https://p.test/sign-in?token=[redacted]"));
    assert!(!has_live_link("no link"));
}
