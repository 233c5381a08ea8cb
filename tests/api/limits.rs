//! Rate limits, natively (the end-to-end Worker runs with a generous limit,
//! and its runtime sets the client address itself).

use serde_json::json;

use crate::helpers::Transport;
use crate::spawn_app;

#[test]
fn public_posts_are_limited_per_client_address() {
    let app = spawn_app();
    // Another address each time: one address gets five links an hour anyway.
    let post = |client: &str| {
        let body = json!({"email": crate::helpers::unique_email()})
            .to_string()
            .into_bytes();
        app.0.send(
            "POST",
            "/api/sessions",
            &[
                ("content-type", "application/json"),
                ("cf-connecting-ip", client),
            ],
            body,
        )
    };
    let statuses: Vec<u16> = (0..31).map(|_| post("192.0.2.7").status).collect();
    assert_eq!(statuses[..30], [202; 30]);
    let limited = post("192.0.2.7");
    assert_eq!(limited.problem(429)["type"], "/problems/rate-limited");
    let retry_after: u32 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry_after));
    assert_eq!(
        post("192.0.2.8").status,
        202,
        "another client is not limited"
    );
}

#[test]
fn a_registration_past_the_limit_writes_nothing_and_emails_no_one() {
    let app = spawn_app();
    let register = |email: &str| {
        let body = crate::helpers::registration(email, "0").to_string();
        app.0.send(
            "POST",
            "/api/registrations",
            &[
                ("content-type", "application/json"),
                ("cf-connecting-ip", "192.0.2.30"),
            ],
            body.into_bytes(),
        )
    };
    let statuses: Vec<u16> = (0..30)
        .map(|_| register(&crate::helpers::unique_email()).status)
        .collect();
    assert_eq!(statuses, [201; 30]);
    let late = crate::helpers::unique_email();
    let limited = register(&late);
    assert_eq!(limited.problem(429)["type"], "/problems/rate-limited");
    assert!(limited.header("retry-after").is_some());
    assert!(app.outbox(&late).is_empty(), "no verification email");
    let again = app.post_json("/api/sessions", &json!({"email": late}));
    assert_eq!(again.status, 202);
    assert!(app.outbox(&late).is_empty(), "no such contact was written");
}

#[test]
fn failed_validations_never_lock_the_real_installations_out() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let serial = app.get_as("/api/me", &token).json()["serial"]
        .as_str()
        .unwrap()
        .to_owned();
    let partner = app
        .staff_send(
            "POST",
            "/api/staff/partners",
            &json!({"name": "P", "kind": "both", "country": "SI", "email": "p@example.com"}),
        )
        .json();
    let row = json!([{"serial": serial, "product": "Time & Space", "edition": "E", "version": "7", "list_price": "100.00",
        "installations": 1, "partner_id": partner["partner_id"]}]);
    assert_eq!(
        app.staff_send("POST", "/api/staff/licenses", &row).status,
        200
    );
    let activated = app.post_json_as(
        "/api/me/activations",
        &token,
        &json!({"serial": serial, "installation_id": "PC-1", "product_version": "7"}),
    );
    assert_eq!(activated.status, 201, "{}", activated.text());
    let code = activated.json()["activation_code"]
        .as_str()
        .unwrap()
        .to_owned();
    let validate = |client: &str, code: &str| {
        let body = json!({"serial": serial, "installation_id": "PC-1", "activation_code": code, "product_version": "7"});
        app.0.send(
            "POST",
            "/api/licenses/validate",
            &[
                ("content-type", "application/json"),
                ("cf-connecting-ip", client),
            ],
            body.to_string().into_bytes(),
        )
    };
    let wrong = "00000-00000-00000-00000-00000";
    // One address guessing: ten failures a minute, then it is refused.
    for _ in 0..10 {
        let guess = validate("203.0.113.9", wrong);
        assert_eq!(guess.json()["code"], "CODE_MISMATCH");
    }
    let limited = validate("203.0.113.9", wrong);
    assert_eq!(limited.problem(429)["type"], "/problems/rate-limited");
    assert_eq!(validate("198.51.100.1", &code).json()["code"], "VALID");
    // Many addresses flooding the license: past 60 failures a minute, the
    // failures are refused; the real installation is still answered.
    let statuses: Vec<u16> = (0..51)
        .map(|n| validate(&format!("192.0.2.{n}"), wrong).status)
        .collect();
    assert_eq!(statuses[..50], [200; 50]);
    assert_eq!(statuses[50], 429);
    for _ in 0..5 {
        assert_eq!(validate("198.51.100.1", &code).json()["code"], "VALID");
    }
    assert_eq!(validate("198.51.100.2", &code).json()["code"], "VALID");
}
