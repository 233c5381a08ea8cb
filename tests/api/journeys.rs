//! Every link the portal hands out leads to a page that works for the
//! person it is meant for: Stripe's return addresses, the emailed links,
//! through sign-in when needed and back to where they were going.

use serde_json::json;

use crate::helpers::{checkout_completed, unique, TestApp, Transport};
use crate::spawn_app;

/// The path and query of the newest emailed link to `path`, as its
/// recipient got it (without the portal's origin).
fn emailed_link(app: &TestApp<impl Transport>, to: &str, path: &str) -> String {
    let message = app.message_with_link(to, path);
    let text = app.email_received(message["id"].as_str().unwrap());
    let start = text
        .find(&format!("/{path}?"))
        .unwrap_or_else(|| panic!("no link to /{path}: {text}"));
    text[start..].split_whitespace().next().unwrap().to_owned()
}

fn query_param(link: &str, name: &str) -> String {
    let query = link.split_once('?').map_or("", |(_, q)| q);
    serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .unwrap()
        .into_iter()
        .find_map(|(k, v)| (k == name).then_some(v))
        .unwrap_or_else(|| panic!("{link} has no {name}"))
}

#[test]
fn a_card_payment_returns_to_its_order_page_through_sign_in_and_shows_it_confirmed() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let order = app
        .post_json_as(
            "/api/me/coupon-orders",
            &token,
            &json!({"quantity": 2, "payment_method": "card"}),
        )
        .json();
    let id = order["order_id"].as_str().unwrap();
    let back = format!("/portal/orders/{id}?checkout=success");
    if let Some(requests) = app.0.checkout_requests() {
        let sent = requests
            .iter()
            .find(|r| r["client_reference_id"] == id)
            .expect("a Checkout Session was created");
        assert!(
            sent["success_url"].as_str().unwrap().ends_with(&back),
            "{sent}"
        );
        assert!(sent["cancel_url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/portal/orders/{id}?checkout=cancelled")));
    }

    // Stripe sends a browser that has no session here: sign in first.
    let first = app.get(&back);
    assert_eq!(first.status, 303, "{}", first.text());
    let to_sign_in = first.header("location").unwrap().to_owned();
    assert!(to_sign_in.starts_with("/sign-in?next="), "{to_sign_in}");
    let form = app.get(&to_sign_in).text();
    assert!(form.contains("name=\"next\""), "{form}");
    let origin = app.0.origin();
    let asked = app.post_form_with_cookie(
        "/sign-in",
        "",
        &origin,
        &[
            ("email", &email),
            ("next", &query_param(&to_sign_in, "next")),
        ],
    );
    assert_eq!(asked.status, 200, "{}", asked.text());

    // The emailed link carries the way back, through its one-button page.
    let link = emailed_link(&app, &email, "sign-in");
    assert_eq!(query_param(&link, "next"), back);
    let button = app.get(&link);
    assert_eq!(button.status, 200);
    assert!(button.text().contains("name=\"next\""));
    let signed_in = app.post_form_with_cookie(
        "/sign-in",
        "",
        &origin,
        &[("token", &query_param(&link, "token")), ("next", &back)],
    );
    assert_eq!(signed_in.header("location"), Some(back.as_str()));
    let cookie = signed_in.cookie();
    let waiting = app.get_with_cookie(&back, &cookie);
    assert_eq!(waiting.status, 200, "{}", waiting.text());
    assert!(
        waiting.text().contains("being confirmed"),
        "{}",
        waiting.text()
    );

    // Stripe's webhook confirms it: the same page says so.
    app.stripe_event(&checkout_completed(&unique("evt_"), &order));
    let paid = app.get_with_cookie(&back, &cookie).text();
    assert!(paid.contains("Your payment is confirmed"), "{paid}");
    let cancelled = app
        .get_with_cookie(&format!("/portal/orders/{id}?checkout=cancelled"), &cookie)
        .text();
    // What the page shows, not the sentences it hands its scripts.
    let shown = cancelled
        .split("id=\"script-words\"")
        .next()
        .unwrap_or_default();
    assert!(
        !shown.contains("was cancelled"),
        "a paid order is not cancelled"
    );
}

#[test]
fn a_return_path_to_another_site_is_never_followed() {
    let app = spawn_app();
    let (email, _) = app.customer();
    let origin = app.0.origin();
    for evil in ["https://evil.example/", "//evil.example/portal"] {
        let page = app.get(&format!(
            "/sign-in?next={}",
            crate::helpers::urlencode(evil)
        ));
        assert!(!page.text().contains("evil.example"), "{evil}");
    }
    app.post_form_with_cookie(
        "/sign-in",
        "",
        &origin,
        &[("email", &email), ("next", "//evil.example/")],
    );
    let link = emailed_link(&app, &email, "sign-in");
    assert!(!link.contains("evil"), "{link}");
    let signed_in = app.post_form_with_cookie(
        "/sign-in",
        "",
        &origin,
        &[
            ("token", &query_param(&link, "token")),
            ("next", "https://evil.example/"),
        ],
    );
    assert_eq!(signed_in.header("location"), Some("/portal"));
}

#[test]
fn the_we_could_not_reach_you_email_opens_the_incident_page_with_its_reply_form() {
    let app = spawn_app();
    let (email, token) = app.customer();
    // A browser session opened first: a mailbox gets at most five link
    // emails an hour, and the incident's own emails count.
    app.post_json("/api/sessions", &json!({ "email": email }));
    let link = emailed_link(&app, &email, "sign-in");
    let signed_in = app.post_form_with_cookie(
        "/sign-in",
        "",
        &app.0.origin(),
        &[("token", &query_param(&link, "token"))],
    );
    let cookie = signed_in.cookie();
    let id = app.incident(&token)["incident_id"]
        .as_str()
        .unwrap()
        .to_owned();
    for _ in 0..3 {
        let failed = app.staff_send(
            "POST",
            &format!("/api/staff/incidents/{id}/callback-attempts"),
            &json!({"outcome": "no_answer", "channel": "voice"}),
        );
        assert_eq!(failed.status, 201, "{}", failed.text());
    }
    let message = app
        .outbox(&email)
        .into_iter()
        .find(|m| {
            m["subject"]
                .as_str()
                .unwrap()
                .starts_with("We could not reach you")
        })
        .expect("the customer is told after three failed calls");
    let text = app.email_received(message["id"].as_str().unwrap());
    let path = format!("/portal/incidents/{id}");
    assert!(text.contains(&path), "{text}");
    let anonymous = app.get(&path);
    assert_eq!(anonymous.status, 303);
    assert!(anonymous
        .header("location")
        .unwrap()
        .starts_with("/sign-in?next="));
    let page = app.get_with_cookie(&path, &cookie);
    assert_eq!(page.status, 200, "{}", page.text());
    assert!(page.text().contains(&format!("action=\"{path}/messages\"")));
}
