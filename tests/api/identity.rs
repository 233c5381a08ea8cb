//! Staff and partners as themselves: staff sign in through Cloudflare
//! Access (a signed assertion on every request, checked by the portal), the
//! staff token is only a break-glass credential, browser sessions hold a
//! random id instead of a credential, forms from other sites are refused,
//! and every staff and partner action is in the audit log.

use serde_json::json;

use crate::helpers::{
    assertion_naming_kid, unique, unique_email, unique_serial, Forgery, TestApp, Transport,
    ACCESS_KID,
};
use crate::spawn_app;

/// An agent's assertion-signed request to an incident.
fn incident_for_the_desk(app: &TestApp<impl Transport>) -> String {
    let (_, token) = app.customer();
    app.incident(&token)["incident_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn a_staff_member_signed_in_through_access_is_recorded_on_the_timeline() {
    let app = spawn_app();
    let agent = app.staff_member("agent");
    let id = incident_for_the_desk(&app);
    let attempt = app.send_as_staff(
        "POST",
        &format!("/api/staff/incidents/{id}/callback-attempts"),
        &agent,
        Forgery::None,
        Some(&json!({"outcome": "reached", "channel": "voice"})),
    );
    assert_eq!(attempt.status, 201, "{}", attempt.text());
    let message = app.send_as_staff(
        "POST",
        &format!("/api/staff/incidents/{id}/messages"),
        &agent,
        Forgery::None,
        Some(&json!({"body": "We are on it.", "author": "Someone Else Entirely"})),
    );
    assert_eq!(message.status, 201, "{}", message.text());
    let timeline = app
        .send_as_staff(
            "GET",
            &format!("/api/staff/incidents/{id}"),
            &agent,
            Forgery::None,
            None,
        )
        .json();
    assert_eq!(
        timeline["timeline"]["attempts"][0]["recorded_by"],
        agent.as_str()
    );
    let staff_message = &timeline["timeline"]["messages"][0];
    assert_eq!(staff_message["recorded_by"], agent.as_str());
    assert_eq!(
        staff_message["author_name"], "agent member",
        "the name comes from the staff list, not from the body"
    );
}

#[test]
fn forged_stale_or_foreign_assertions_are_refused_and_former_staff_are_forbidden() {
    let app = spawn_app();
    let admin = app.staff_member("admin");
    for forgery in [
        Forgery::OtherKey,
        Forgery::Tampered,
        Forgery::Expired,
        Forgery::OtherAudience,
    ] {
        let answer = app.send_as_staff("GET", "/api/staff/members", &admin, forgery, None);
        answer.problem(401);
    }
    let stranger = app.send_as_staff(
        "GET",
        "/api/staff/incidents",
        "stranger@spica.test",
        Forgery::None,
        None,
    );
    stranger.problem(403);
    let members = app.send_as_staff("GET", "/api/staff/members", &admin, Forgery::None, None);
    assert_eq!(members.status, 200, "{}", members.text());
    let id = members.json()["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == admin.as_str())
        .unwrap()["member_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let off = app.staff_send(
        "PATCH",
        &format!("/api/staff/members/{id}"),
        &json!({"active": false}),
    );
    assert_eq!(off.json()["active"], false);
    app.send_as_staff("GET", "/api/staff/members", &admin, Forgery::None, None)
        .problem(403);
}

/// An agent's request with an assertion naming key `kid`.
fn with_kid(app: &TestApp<impl Transport>, kid: &str, agent: &str) -> u16 {
    let assertion = assertion_naming_kid(kid, agent, app.0.now_seconds());
    app.0
        .send(
            "GET",
            "/api/staff/incidents",
            &[("cf-access-jwt-assertion", assertion.as_str())],
            Vec::new(),
        )
        .status
}

/// Issue 20: a `kid` nobody publishes must not make the portal fetch the
/// certs again and again (traffic to the certs URL on anyone's demand).
/// Other tests run at once against the same Worker, so the fetches are
/// counted as a difference, over a short stretch: at most one a minute.
#[test]
fn assertions_naming_unknown_keys_fetch_the_certs_at_most_once_a_minute() {
    let app = spawn_app();
    let agent = app.staff_member("agent");
    assert_eq!(with_kid(&app, ACCESS_KID, &agent), 200, "the keys are held");
    let before = app.0.access_certs_fetches();
    for _ in 0..20 {
        let status = with_kid(&app, &unique("kid-nobody-publishes-"), &agent);
        // 503 only if the certs were down for the one fetch allowed.
        assert!(matches!(status, 401 | 503), "{status}");
    }
    let fetched = app.0.access_certs_fetches() - before;
    assert!(
        fetched <= 1,
        "{fetched} fetches of the certs for 20 unknown keys"
    );
    assert_eq!(with_kid(&app, ACCESS_KID, &agent), 200);
}

#[test]
fn while_the_certs_are_down_the_known_key_still_verifies() {
    let app = spawn_app();
    let agent = app.staff_member("agent");
    assert_eq!(with_kid(&app, ACCESS_KID, &agent), 200, "the keys are held");
    app.0.fail_access_certs(3);
    // An unknown key may find the certs down (503), or no fetch due (401):
    // either way the keys held stay.
    let unknown = with_kid(&app, &unique("kid-while-down-"), &agent);
    assert!(matches!(unknown, 401 | 503), "{unknown}");
    assert_eq!(with_kid(&app, ACCESS_KID, &agent), 200);
    let members = app.send_as_staff("GET", "/api/staff/incidents", &agent, Forgery::None, None);
    assert_eq!(members.status, 200, "{}", members.text());
}

#[test]
fn each_role_does_its_own_part_of_the_work() {
    let app = spawn_app();
    let agent = app.staff_member("agent");
    let finance = app.staff_member("finance");
    let get = |path: &str, who: &str| {
        app.send_as_staff("GET", path, who, Forgery::None, None)
            .status
    };
    assert_eq!(get("/api/staff/incidents", &agent), 200);
    assert_eq!(get("/api/staff/tasks", &agent), 403);
    assert_eq!(get("/api/staff/tasks", &finance), 200);
    assert_eq!(get("/api/staff/incidents", &finance), 403);
    assert_eq!(get("/api/staff/members", &finance), 403);
    assert_eq!(get("/api/staff/audit", &agent), 403);
    // The desk's pages too: Access asserts the staff member on every page.
    assert_eq!(get("/desk", &agent), 200);
    assert_eq!(get("/desk/statements", &agent), 403);
    assert_eq!(get("/desk/statements", &finance), 200);
}

#[test]
fn every_staff_and_partner_action_is_audited_with_who_and_what() {
    let app = spawn_app();
    let agent = app.staff_member("agent");
    let id = incident_for_the_desk(&app);
    let logged = app.send_as_staff(
        "POST",
        &format!("/api/staff/incidents/{id}/sessions"),
        &agent,
        Forgery::None,
        Some(&json!({"started_at": app.minutes_ago(30), "ended_at": app.minutes_ago(10), "channel": "voice"})),
    );
    assert_eq!(logged.status, 201, "{}", logged.text());
    let refused = app.send_as_staff(
        "POST",
        &format!("/api/staff/incidents/{id}/sessions"),
        &agent,
        Forgery::None,
        Some(&json!({"started_at": "not a time", "channel": "voice"})),
    );
    assert_eq!(refused.status, 422);
    let audit = app.staff_get(&format!("/api/staff/audit?target={id}"));
    assert_eq!(audit.status, 200, "{}", audit.text());
    let entries = audit.json()["entries"].as_array().unwrap().clone();
    assert_eq!(
        entries.len(),
        1,
        "the refused request wrote nothing: {entries:?}"
    );
    let entry = &entries[0];
    assert_eq!(entry["actor"]["name"], agent.as_str());
    assert_eq!(entry["actor"]["role"], "agent");
    assert_eq!(entry["actor"]["kind"], "staff");
    assert_eq!(
        entry["action"],
        "POST /api/staff/incidents/{incident_id}/sessions"
    );
    assert_eq!(entry["detail"]["fields"]["channel"], "voice");
    // The break-glass token is recorded as such.
    let partner = app.staff_send(
        "POST",
        "/api/staff/partners",
        &json!({"name": "Audited", "kind": "technician", "country": "SI", "email": unique_email()}),
    );
    assert_eq!(partner.status, 201);
    let by_actor = app.staff_get("/api/staff/audit?actor=break-glass").json();
    let created = by_actor["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "POST /api/staff/partners")
        .expect("the partner's creation is audited");
    assert_eq!(created["actor"]["kind"], "break_glass");
    assert!(
        !created["detail"]
            .to_string()
            .contains(partner.json()["api_key"].as_str().unwrap()),
        "no secret in the log"
    );
}

#[test]
fn a_browser_session_holds_a_random_id_and_signing_out_ends_it_on_the_server() {
    let app = spawn_app();
    let email = unique_email();
    app.register_and_verify(&email, &unique_serial());
    app.post_json("/api/sessions", &json!({ "email": email }));
    let link = app.emailed_token(&email, "sign-in");
    let signed_in = app.post_form_with_cookie("/sign-in", "", &app.0.origin(), &[("token", &link)]);
    assert_eq!(signed_in.status, 303, "{}", signed_in.text());
    let set_cookie = signed_in.header("set-cookie").unwrap().to_owned();
    let cookie = signed_in.cookie();
    let value = cookie.split_once('=').unwrap().1;
    assert_ne!(value, link);
    // The cookie is no bearer credential for the API.
    app.get_as("/api/me", value).problem(401);
    if app.0.origin().starts_with("https://") {
        assert!(
            cookie.starts_with("__Host-") && set_cookie.contains("Secure"),
            "{set_cookie}"
        );
    }
    assert_eq!(app.get_with_cookie("/portal", &cookie).status, 200);
    let out = app.post_form_with_cookie("/sign-out", &cookie, &app.0.origin(), &[]);
    assert_eq!(out.status, 303);
    let after = app.get_with_cookie("/portal", &cookie);
    assert_eq!(
        after.status, 303,
        "the old cookie opens nothing after signing out"
    );
    assert_eq!(after.header("location"), Some("/sign-in?next=%2Fportal"));
}

#[test]
fn the_desk_cookie_is_not_the_staff_token() {
    let app = spawn_app();
    let signed_in = app.post_form_with_cookie(
        "/desk/sign-in",
        "",
        &app.0.origin(),
        &[("token", app.0.staff_token())],
    );
    assert_eq!(signed_in.status, 303, "{}", signed_in.text());
    let cookie = signed_in.cookie();
    assert!(!cookie.contains(app.0.staff_token()));
    assert_eq!(app.get_with_cookie("/desk", &cookie).status, 200);
}

#[test]
fn a_cross_site_form_cannot_sign_a_browser_in_or_act_for_it() {
    let app = spawn_app();
    let email = unique_email();
    app.register_and_verify(&email, &unique_serial());
    app.post_json("/api/sessions", &json!({ "email": email }));
    let link = app.emailed_token(&email, "sign-in");
    for origin in ["https://evil.example", ""] {
        let planted = app.post_form_with_cookie("/sign-in", "", origin, &[("token", &link)]);
        assert_eq!(planted.status, 403, "from {origin:?}: {}", planted.text());
        assert!(planted.header("set-cookie").is_none());
        let desk = app.post_form_with_cookie(
            "/desk/sign-in",
            "",
            origin,
            &[("token", app.0.staff_token())],
        );
        assert_eq!(desk.status, 403);
    }
    // A browser that sends no Origin but says the post is same-origin.
    let body = serde_urlencoded::to_string([("token", link.as_str())]).unwrap();
    let fetched = app.0.send(
        "POST",
        "/sign-in",
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("sec-fetch-site", "same-origin"),
        ],
        body.into_bytes(),
    );
    assert_eq!(fetched.status, 303, "{}", fetched.text());
}
