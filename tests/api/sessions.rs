//! Signing in without a password, and the customer's own profile.

use serde_json::json;

use crate::helpers::{unique_email, unique_serial, Transport as _};
use crate::spawn_app;

#[test]
fn the_emailed_sign_in_link_gives_an_access_token_once() {
    let app = spawn_app();
    let email = unique_email();
    let serial = unique_serial();
    app.licensed_to_kovinar(&serial);
    app.register_and_verify(&email, &serial);
    let asked = app.post_json("/api/sessions", &json!({ "email": email }));
    assert_eq!(asked.status, 202);
    let link = app.emailed_token(&email, "sign-in");

    let page = app.get(&format!("/sign-in?token={link}"));
    assert_eq!(page.status, 200);
    assert!(
        page.text().contains(&format!("value=\"{link}\"")),
        "the page posts the link's token"
    );

    let redeemed = app.post_json("/api/sessions/redeem", &json!({ "token": link }));
    assert_eq!(redeemed.status, 200, "{}", redeemed.text());
    let grant = redeemed.json();
    assert_eq!(grant["token_type"], "Bearer");
    assert!(grant["expires_at"].as_str().unwrap().ends_with('Z'));
    let me = app.get_as("/api/me", grant["access_token"].as_str().unwrap());
    assert_eq!(me.status, 200);
    assert_eq!(me.json()["contact"]["email"], email.as_str());

    app.post_json("/api/sessions/redeem", &json!({ "token": link }))
        .problem(409);
}

#[test]
fn the_sign_in_page_form_signs_a_person_in() {
    let app = spawn_app();
    let email = unique_email();
    let serial = unique_serial();
    app.licensed_to_kovinar(&serial);
    app.register_and_verify(&email, &serial);
    app.post_json("/api/sessions", &json!({ "email": email }));
    let link = app.emailed_token(&email, "sign-in");
    let signed_in = app.post_form_with_cookie("/sign-in", "", &app.0.origin(), &[("token", &link)]);
    assert_eq!(signed_in.status, 303, "{}", signed_in.text());
    assert_eq!(signed_in.header("location"), Some("/portal"));
    let cookie = signed_in
        .header("set-cookie")
        .expect("a session cookie")
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let session = cookie.split(';').next().unwrap();
    let portal = app.get_with_cookie("/portal", session);
    assert_eq!(portal.status, 200, "{}", portal.text());
    assert!(portal
        .text()
        .contains("1 coupon(s), 15 minutes of direct support"));
    // The link pressed again: what became of it, and how to get another.
    app.post_form_with_cookie("/sign-in", "", &app.0.origin(), &[("token", &link)])
        .tells_of_link(409, "used already", "/sign-in");
}

#[test]
fn the_sign_in_page_emails_a_link_to_a_person() {
    let app = spawn_app();
    let email = unique_email();
    let serial = unique_serial();
    app.licensed_to_kovinar(&serial);
    app.register_and_verify(&email, &serial);
    let form = app.get("/sign-in");
    assert!(form.text().contains("action=\"/sign-in\""));
    let page = app.post_form_with_cookie("/sign-in", "", &app.0.origin(), &[("email", &email)]);
    assert_eq!(page.status, 200, "{}", page.text());
    assert!(page.text().contains("Check your email"));
    app.emailed_token(&email, "sign-in");
}

#[test]
fn an_unknown_address_is_answered_the_same_and_gets_no_email() {
    let app = spawn_app();
    let email = unique_email();
    let asked = app.post_json("/api/sessions", &json!({ "email": email }));
    assert_eq!(asked.status, 202);
    assert!(app.outbox(&email).is_empty());
    app.post_json("/api/sessions", &json!({ "email": "nobody" }))
        .problem(422);
}

#[test]
fn the_profile_needs_a_valid_access_token() {
    let app = spawn_app();
    let problem = app.get("/api/me").problem(401);
    assert_eq!(problem["type"], "/problems/unauthenticated");
    app.get_as("/api/me", "not-a-token").problem(401);
    app.get_as("/api/me", &"A".repeat(43)).problem(401);
}
