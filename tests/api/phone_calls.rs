//! Phone calls on the desk (issue 21): Start and Stop time the call by the
//! portal's own clock, a running call survives a reload, and sessions are
//! logged or corrected in Ljubljana's wall-clock time with a reason, audited,
//! the whole incident charged again in started 15-minute increments.

use serde_json::Value;
use spica_portal::domain::billing::coupons_owed;

use crate::helpers::{TestApp, Transport};
use crate::spawn_app;

fn desk_incident<T: Transport>(app: &TestApp<T>, id: &str) -> Value {
    let answer = app.staff_get(&format!("/api/staff/incidents/{id}"));
    assert_eq!(answer.status, 200, "{}", answer.text());
    answer.json()
}

fn sessions(incident: &Value) -> Vec<Value> {
    incident["timeline"]["sessions"].as_array().unwrap().clone()
}

/// A `datetime-local` value `seconds` after another.
fn later(local: &str, seconds: i64) -> String {
    use spica_portal::domain::time::{format_local_input, from_ljubljana, parse_local_input};
    let at = from_ljubljana(parse_local_input(local).unwrap()).unwrap();
    format_local_input(at + chrono::Duration::seconds(seconds))
}

/// The audit log's entries about a target, newest first.
fn audit<T: Transport>(app: &TestApp<T>, target: &str) -> Vec<Value> {
    let answer = app.staff_get(&format!("/api/staff/audit?target={target}"));
    assert_eq!(answer.status, 200, "{}", answer.text());
    answer.json()["entries"].as_array().unwrap().clone()
}

#[test]
fn a_phone_call_is_timed_by_the_portals_clock_and_charged_with_the_whole_incident() {
    let app = spawn_app();
    let (_, token) = app.customer();
    app.adjust(&token, 5);
    let id = app.incident(&token)["incident_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let page = format!("/desk/incidents/{id}");
    let origin = app.0.origin();
    let cookie = app.desk_cookie();
    let post = |path: &str, fields: &[(&str, &str)]| {
        app.post_form_with_cookie(&format!("{page}{path}"), &cookie, &origin, fields)
    };

    let html = app.get_with_cookie(&page, &cookie).text();
    assert!(html.contains("id=\"phone-start\""), "{html}");
    assert!(html.contains("data-incident=\"") && html.contains("id=\"live-ring\""));
    assert!(!html.contains("id=\"phone-running\""));

    let started = app.0.now_seconds();
    let start = post("/phone/start", &[]);
    assert_eq!(start.status, 303, "{}", start.text());
    // A reload shows the call running, with its start by the server's clock.
    let html = app.get_with_cookie(&page, &cookie).text();
    assert!(html.contains("id=\"phone-running\""), "{html}");
    assert!(html.contains("id=\"phone-stop\"") && !html.contains("id=\"phone-start\""));
    assert_eq!(post("/phone/start", &[]).status, 409, "one call at a time");

    let passed = app.0.let_time_pass(7 * 60);
    let stop = post("/phone/stop", &[]);
    assert_eq!(stop.status, 303, "{}", stop.text());
    let incident = desk_incident(&app, &id);
    let logged = sessions(&incident);
    assert_eq!(logged.len(), 1, "{incident}");
    let phone = &logged[0];
    assert_eq!(phone["channel"], "voice");
    assert_eq!(phone["agent"], "Break-glass administrator");
    let seconds = phone["seconds"].as_i64().unwrap();
    assert!(
        (passed..=passed + 2).contains(&seconds),
        "{seconds} s measured, {passed} s passed"
    );
    let started_at =
        spica_portal::domain::time::parse(phone["started_at"].as_str().unwrap()).unwrap();
    assert!((started..=started + 2).contains(&started_at.timestamp()));
    assert_eq!(incident["coupons_charged"], coupons_owed(seconds));
    assert_eq!(
        post("/phone/stop", &[]).status,
        409,
        "stopped once, nothing more"
    );
    let html = app.get_with_cookie(&page, &cookie).text();
    assert!(html.contains("id=\"phone-start\"") && !html.contains("id=\"phone-running\""));

    // Logging by hand takes Ljubljana's wall clock and needs a reason.
    let from = app.local_minutes_ago(60);
    let to = later(&from, 600);
    let without = post(
        "/sessions",
        &[
            ("started_at", &from),
            ("ended_at", &to),
            ("channel", "voice"),
            ("reason", ""),
        ],
    );
    assert_eq!(without.status, 422);
    assert!(
        without.text().contains("id=\"reason-error\""),
        "{}",
        without.text()
    );
    let rfc3339 = post(
        "/sessions",
        &[
            ("started_at", &app.minutes_ago(60)),
            ("ended_at", &to),
            ("channel", "voice"),
            ("reason", "Called from my mobile"),
        ],
    );
    assert_eq!(rfc3339.status, 422);
    assert!(rfc3339.text().contains("id=\"started_at-error\""));
    assert_eq!(
        sessions(&desk_incident(&app, &id)).len(),
        1,
        "nothing written"
    );
    let logged = post(
        "/sessions",
        &[
            ("started_at", &from),
            ("ended_at", &to),
            ("channel", "voice"),
            ("reason", "Called from my mobile"),
        ],
    );
    assert_eq!(logged.status, 303, "{}", logged.text());
    let incident = desk_incident(&app, &id);
    let all = sessions(&incident);
    assert_eq!(all.len(), 2);
    let by_hand = all
        .iter()
        .find(|s| s["seconds"] == 600)
        .expect("the 10 minutes typed");
    let total = seconds + 600;
    assert_eq!(incident["total_seconds"], total);
    // The whole incident in started increments: natively 7 + 10 minutes
    // are two coupons, where each session alone would be one.
    assert_eq!(incident["coupons_charged"], coupons_owed(total));
    if passed == 7 * 60 {
        assert_eq!(incident["coupons_charged"], 2);
    }

    // A correction, in the same wall-clock fields, with a reason.
    let session_id = by_hand["session_id"].as_str().unwrap().to_owned();
    let html = app.get_with_cookie(&page, &cookie).text();
    assert!(
        html.contains(&format!("value=\"{from}\"")),
        "the form starts with the session's times"
    );
    let correct = format!("/sessions/{session_id}");
    let short = later(&from, 60);
    let no_reason = post(
        &correct,
        &[
            ("started_at", &from),
            ("ended_at", &short),
            ("channel", "voice"),
            ("reason", " "),
        ],
    );
    assert_eq!(no_reason.status, 422);
    assert!(no_reason
        .text()
        .contains(&format!("id=\"reason-{session_id}-error\"")));
    assert_eq!(desk_incident(&app, &id)["total_seconds"], total);
    let corrected = post(
        &correct,
        &[
            ("started_at", &from),
            ("ended_at", &short),
            ("channel", "voice"),
            ("reason", "The customer hung up after a minute"),
        ],
    );
    assert_eq!(corrected.status, 303, "{}", corrected.text());
    let incident = desk_incident(&app, &id);
    let total = seconds + 60;
    assert_eq!(incident["total_seconds"], total);
    assert_eq!(incident["coupons_charged"], coupons_owed(total));
    assert_eq!(app.balance(&token), 1 + 5 - coupons_owed(total));

    // Each change is audited, the correction with its reason.
    let entries = audit(&app, &id);
    let actions: Vec<&str> = entries
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for action in [
        "POST /desk/incidents/{incident_id}/phone/start",
        "POST /desk/incidents/{incident_id}/phone/stop",
        "POST /desk/incidents/{incident_id}/sessions",
        "POST /desk/incidents/{incident_id}/sessions/{session_id}",
    ] {
        assert!(actions.contains(&action), "{action} not in {actions:?}");
    }
    let correction = entries
        .iter()
        .find(|e| e["action"] == "POST /desk/incidents/{incident_id}/sessions/{session_id}")
        .unwrap();
    assert_eq!(correction["target"], format!("{id} {session_id}"));
    assert_eq!(
        correction["detail"]["fields"]["reason"],
        "The customer hung up after a minute"
    );
}

#[test]
fn a_phone_call_started_by_mistake_is_discarded_unrecorded() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let id = app.incident(&token)["incident_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let origin = app.0.origin();
    let cookie = app.desk_cookie();
    let post = |action: &str| {
        app.post_form_with_cookie(
            &format!("/desk/incidents/{id}/phone/{action}"),
            &cookie,
            &origin,
            &[],
        )
    };
    assert_eq!(post("discard").status, 409, "nothing runs yet");
    assert_eq!(post("start").status, 303);
    app.0.let_time_pass(30);
    assert_eq!(post("discard").status, 303);
    let incident = desk_incident(&app, &id);
    assert!(sessions(&incident).is_empty(), "{incident}");
    assert_eq!(incident["coupons_charged"], 0);
    assert_eq!(app.balance(&token), 1);
}

#[test]
fn every_portal_page_can_hear_a_ring_from_the_rooms_of_open_incidents() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let cookie = app.browser(&email);
    let none = app.get_with_cookie("/portal/live/rooms", &cookie);
    assert_eq!(none.status, 200, "{}", none.text());
    assert_eq!(none.json()["incidents"], serde_json::json!([]));
    let id = app.incident(&token)["incident_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let rooms = app.get_with_cookie("/portal/live/rooms", &cookie);
    assert_eq!(rooms.json()["incidents"], serde_json::json!([id]));
    assert!(rooms
        .header("cache-control")
        .is_some_and(|c| c.contains("no-store")));
    // Signed out: no rooms, only the way to sign in.
    assert_eq!(app.get("/portal/live/rooms").status, 303);

    let overview = app.get_with_cookie("/portal", &cookie).text();
    assert!(overview.contains("<script src=\"/live.js\" defer></script>"));
    let page = app
        .get_with_cookie(&format!("/portal/incidents/{id}"), &cookie)
        .text();
    assert!(
        page.contains(&format!(
            "id=\"live\" class=\"live\" data-incident=\"{id}\" data-party=\"contact\""
        )),
        "{page}"
    );
    assert!(page.contains("id=\"live-accept\"") && page.contains("id=\"live-share\""));
    assert!(!page.contains("id=\"live-ring\""), "only the desk rings");

    // Closed, the incident has no room to join.
    app.staff_send(
        "POST",
        &format!("/api/staff/incidents/{id}/close"),
        &serde_json::json!({"resolution": "Fixed on the phone"}),
    );
    let rooms = app.get_with_cookie("/portal/live/rooms", &cookie);
    assert_eq!(rooms.json()["incidents"], serde_json::json!([]));
    let page = app
        .get_with_cookie(&format!("/portal/incidents/{id}"), &cookie)
        .text();
    assert!(!page.contains("id=\"live\""));
}
