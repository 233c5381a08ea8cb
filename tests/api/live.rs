//! Live support over HTTP: who may enter an incident's room (the WebSocket
//! itself is driven end to end, tests/e2e/live.rs), and the ICE servers.

use crate::helpers::{access_assertion, Forgery, Transport};
use crate::spawn_app;

fn room(incident: &serde_json::Value) -> String {
    format!(
        "/live/incidents/{}",
        incident["incident_id"].as_str().unwrap()
    )
}

#[test]
fn the_live_room_refuses_strangers_other_sites_and_other_organisations() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let path = room(&app.incident(&token));
    let bearer = format!("Bearer {token}");
    let upgrade = ("upgrade", "websocket");

    let anonymous = app.0.send("GET", &path, &[upgrade], Vec::new());
    assert_eq!(anonymous.problem(401)["type"], "/problems/unauthenticated");

    let hijacked = app.0.send(
        "GET",
        &path,
        &[
            upgrade,
            ("authorization", &bearer),
            ("origin", "https://evil.test"),
        ],
        Vec::new(),
    );
    assert!(hijacked.problem(403)["detail"]
        .as_str()
        .unwrap()
        .contains("portal's own pages"));

    let (_, other) = app.customer();
    let foreign = app.0.send(
        "GET",
        &path,
        &[upgrade, ("authorization", &format!("Bearer {other}"))],
        Vec::new(),
    );
    foreign.problem(404);

    let finance = app.staff_member("finance");
    let assertion = access_assertion(&finance, app.0.now_seconds(), Forgery::None);
    let refused = app.0.send(
        "GET",
        &path,
        &[upgrade, ("cf-access-jwt-assertion", &assertion)],
        Vec::new(),
    );
    refused.problem(403);

    let not_a_socket = app.get_as(&path, &token);
    assert_eq!(
        not_a_socket.problem(426)["type"],
        "/problems/upgrade-required"
    );
}

#[test]
fn ice_servers_are_for_participants_only() {
    let app = spawn_app();
    app.get("/api/live/ice-servers").problem(401);
    let (_, token) = app.customer();
    let agent = app.staff_member("agent");
    let assertion = access_assertion(&agent, app.0.now_seconds(), Forgery::None);
    for answer in [
        app.get_as("/api/live/ice-servers", &token),
        app.staff_get("/api/live/ice-servers"),
        app.0.send(
            "GET",
            "/api/live/ice-servers",
            &[("cf-access-jwt-assertion", &assertion)],
            Vec::new(),
        ),
    ] {
        assert_eq!(answer.status, 200, "{}", answer.text());
        let servers = answer.json()["ice_servers"].as_array().unwrap().clone();
        assert!(servers
            .iter()
            .flat_map(|s| s["urls"].as_array().unwrap())
            .any(|url| url.as_str().unwrap().starts_with("stun:")));
    }
    // A desk page's fetch carries Access's assertion in its cookie.
    let access_cookie = format!("CF_Authorization={assertion}");
    let from_the_desk = app.0.send(
        "GET",
        "/api/live/ice-servers",
        &[("cookie", &access_cookie), ("origin", &app.0.origin())],
        Vec::new(),
    );
    assert_eq!(from_the_desk.status, 200, "{}", from_the_desk.text());
    let cookie = app.browser(&app.customer().0);
    let from_a_page = app.0.send(
        "GET",
        "/api/live/ice-servers",
        &[("cookie", &cookie), ("origin", &app.0.origin())],
        Vec::new(),
    );
    assert_eq!(from_a_page.status, 200, "{}", from_a_page.text());
}
