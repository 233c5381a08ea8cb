//! What happens when the same thing arrives many times at once.

use serde_json::json;

use crate::helpers::{registration, unique_email, unique_serial};
use crate::spawn_app;

#[test]
fn twenty_registrations_of_the_licensees_serial_at_once_make_one_holder_and_one_free_coupon() {
    let app = spawn_app();
    let serial = unique_serial();
    app.licensed_to_kovinar(&serial);
    let emails: Vec<String> = (0..20).map(|_| unique_email()).collect();
    std::thread::scope(|scope| {
        for email in &emails {
            let app = &app;
            let serial = &serial;
            scope.spawn(move || {
                let answer = app.post_json("/api/registrations", &registration(email, serial));
                assert_eq!(answer.status, 201, "{}", answer.text());
            });
        }
    });
    let tokens: Vec<String> = emails
        .iter()
        .map(|email| app.emailed_token(email, "verify"))
        .collect();
    let outcomes: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = tokens
            .iter()
            .map(|token| {
                let app = &app;
                scope.spawn(move || {
                    let verified =
                        app.post_json("/api/registrations/verify", &json!({ "token": token }));
                    assert_eq!(verified.status, 200, "{}", verified.text());
                    verified.json()["free_coupon"].as_str().unwrap().to_owned()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(
        outcomes.iter().filter(|o| *o == "granted").count(),
        1,
        "{outcomes:?}"
    );
    assert_eq!(
        outcomes
            .iter()
            .filter(|o| *o == "awaiting_license_claim")
            .count(),
        19,
        "the others are claims for staff"
    );
    let claims = app.staff_get("/api/staff/license-claims").json();
    assert_eq!(
        claims["claims"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["serial"] == serial.as_str())
            .count(),
        19
    );
}

#[test]
fn two_sessions_logged_at_once_on_one_incident_charge_the_right_total() {
    let app = spawn_app();
    let (_, token) = app.customer();
    app.adjust(&token, 4);
    let id = app.incident(&token)["incident_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/staff/incidents/{id}/sessions");
    let sessions = [(60, 50), (30, 23)];
    std::thread::scope(|scope| {
        for (from, to) in sessions {
            let (app, path) = (&app, &path);
            scope.spawn(move || {
                let body = json!({"started_at": app.minutes_ago(from), "ended_at": app.minutes_ago(to), "channel": "voice", "agent": "Maja"});
                // A concurrent change of the same incident answers 409: retry, as a client would.
                for _ in 0..20 {
                    let answer = app.staff_send("POST", path, &body);
                    match answer.status {
                        201 => return,
                        409 => std::thread::sleep(std::time::Duration::from_millis(20)),
                        other => panic!("{other}: {}", answer.text()),
                    }
                }
                panic!("the session was never logged");
            });
        }
    });
    let incident = app.staff_get(&format!("/api/staff/incidents/{id}")).json();
    assert_eq!(incident["total_seconds"], 17 * 60);
    assert_eq!(incident["coupons_charged"], 2, "ceil(17 minutes / 15) = 2");
    assert_eq!(app.balance(&token), 1 + 4 - 2);
}
