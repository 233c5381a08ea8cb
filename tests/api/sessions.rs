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
        .contains("1 coupon, 15 minutes of direct support"));
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

/// The sign-in links emailed to `to`, as staff see them.
fn sign_in_links<T: crate::helpers::Transport>(
    app: &crate::helpers::TestApp<T>,
    to: &str,
) -> usize {
    app.outbox(to)
        .iter()
        .filter(|m| m["text"].as_str().unwrap().contains("/sign-in?token="))
        .count()
}

#[test]
fn a_customer_who_just_had_other_emails_still_gets_a_sign_in_link() {
    let app = spawn_app();
    let (email, token) = app.customer();
    for _ in 0..3 {
        app.order(&token, 1, "bank_transfer");
    }
    app.incident(&token);
    let since = app.minutes_ago(60);
    let this_hour = app
        .outbox(&email)
        .iter()
        .filter(|m| m["created_at"].as_str() >= Some(since.as_str()))
        .count();
    assert!(
        this_hour >= 7,
        "pro-formas, an incident's email and more: {this_hour}"
    );
    let before = sign_in_links(&app, &email);
    let asked = app.post_json("/api/sessions", &json!({ "email": email }));
    assert_eq!(asked.status, 202, "{}", asked.text());
    assert_eq!(sign_in_links(&app, &email), before + 1, "the link went");
    let signed_in = app.sign_in(&email);
    assert_eq!(app.get_as("/api/me", &signed_in).status, 200);
}

#[test]
fn the_sixth_sign_in_link_in_an_hour_is_withheld_alike_for_any_address_and_says_when_to_ask_again()
{
    let app = spawn_app();
    let (email, _) = app.customer();
    let stranger = unique_email();
    let quota = usize::try_from(spica_portal::domain::notification::LINKS_PER_HOUR).unwrap();
    let ask = |address: &str| app.post_json("/api/sessions", &json!({ "email": address }));
    let mut answers = Vec::new();
    for (address, asked_before) in [(&email, 1), (&stranger, 0)] {
        let statuses: Vec<u16> = (asked_before..quota).map(|_| ask(address).status).collect();
        assert_eq!(statuses, vec![202; quota - asked_before], "{address}");
        let withheld = ask(address);
        let problem = withheld.problem(429);
        assert_eq!(problem["type"], "/problems/link-withheld", "{problem}");
        let retry_after: i64 = withheld
            .header("retry-after")
            .expect("Retry-After")
            .parse()
            .unwrap();
        assert!((1..=3600).contains(&retry_after), "{retry_after}");
        let instant = |name: &str| {
            let text = problem[name]
                .as_str()
                .unwrap_or_else(|| panic!("{name}: {problem}"));
            chrono::DateTime::parse_from_rfc3339(text).unwrap()
        };
        let (last, retry) = (instant("last_requested_at"), instant("retry_at"));
        assert!(
            retry > last && retry - last <= chrono::Duration::hours(1),
            "{problem}"
        );
        // The sign-in page's form says the same, as a page.
        let page =
            app.post_form_with_cookie("/sign-in", "", &app.0.origin(), &[("email", address)]);
        assert_eq!(page.status, 429, "{}", page.text());
        assert!(
            page.text().contains(problem["retry_at"].as_str().unwrap())
                && page
                    .text()
                    .contains(problem["last_requested_at"].as_str().unwrap()),
            "{}",
            page.text()
        );
        let mut keys: Vec<String> = problem.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        answers.push((withheld.status, keys));
    }
    assert_eq!(
        answers[0], answers[1],
        "a registered address is answered as any other"
    );
    assert_eq!(
        sign_in_links(&app, &email),
        quota,
        "no link beyond the quota"
    );
    assert!(app.outbox(&stranger).is_empty());
}
