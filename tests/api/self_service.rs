//! Partners and customers, each their own page (issue 22): a reseller sees
//! what resellers do and a technician what technicians do; customers and
//! technicians deactivate installations from their pages, within the
//! monthly limit the page explains; an abandoned order is cancelled from
//! its page, and a paid one says when it was paid.

use serde_json::json;

use crate::crawler::forms;
use crate::helpers::{
    checkout_completed, unique, unique_email, unique_serial, TestApp, TestResponse, Transport,
};
use crate::licensing::{as_partner, import, partner};
use crate::spawn_app;

/// A partner of `kind` signed in on its page: (partner id, API key, cookie).
fn partner_signed_in(app: &TestApp<impl Transport>, kind: &str) -> (String, String, String) {
    let (id, key) = partner(app, kind);
    let signed_in =
        app.post_form_with_cookie("/partner/sign-in", "", &app.0.origin(), &[("key", &key)]);
    assert_eq!(signed_in.status, 303, "{}", signed_in.text());
    (id, key, signed_in.cookie())
}

/// A license of KOVINAR's (the company of `registration`) assigned to
/// `partner_id`, with `installations` seats: its serial.
fn assigned_license(app: &TestApp<impl Transport>, partner_id: &str, installations: i64) -> String {
    let serial = unique_serial();
    import(
        app,
        &json!([{"serial": serial, "product": "Time & Space", "edition": "Professional",
            "version": "8.0", "list_price": "1234.50", "installations": installations,
            "partner_id": partner_id, "licensee_name": "KOVINAR d.o.o.",
            "licensee_country": "SI", "licensee_vat_id": "SI12345678"}]),
    );
    serial
}

/// A customer holding `serial`: (access token, browser cookie).
fn holder_of(app: &TestApp<impl Transport>, serial: &str) -> (String, String) {
    let email = unique_email();
    app.register_and_verify(&email, serial);
    (app.sign_in(&email), app.browser(&email))
}

fn activate_as_technician(
    app: &TestApp<impl Transport>,
    key: &str,
    serial: &str,
    installation: &str,
) -> String {
    let body = json!({"serial": serial, "installation_id": installation, "product_version": "8.1", "technician": "Bob Tech"});
    let answer = as_partner(app, key, "POST", "/api/partner/activations", &body);
    assert_eq!(answer.status, 201, "{}", answer.text());
    answer.json()["activation_id"].as_str().unwrap().to_owned()
}

fn activate_as_customer(
    app: &TestApp<impl Transport>,
    token: &str,
    serial: &str,
    installation: &str,
) -> String {
    let body = json!({"serial": serial, "installation_id": installation, "product_version": "8.1"});
    let answer = app.post_json_as("/api/me/activations", token, &body);
    assert_eq!(answer.status, 201, "{}", answer.text());
    answer.json()["activation_id"].as_str().unwrap().to_owned()
}

fn post(app: &TestApp<impl Transport>, cookie: &str, path: &str) -> TestResponse {
    app.post_form_with_cookie(path, cookie, &app.0.origin(), &[])
}

#[test]
fn each_kind_of_partner_sees_only_its_own_forms_and_each_form_shown_is_accepted() {
    let app = spawn_app();
    for (kind, sells, activates) in [
        ("reseller", true, false),
        ("technician", false, true),
        ("both", true, true),
    ] {
        let (id, _, cookie) = partner_signed_in(&app, kind);
        let serial = assigned_license(&app, &id, 3);
        let page = app.get_with_cookie("/partner", &cookie);
        assert_eq!(page.status, 200, "{kind}: {}", page.text());
        let html = page.text();
        let actions: Vec<String> = forms(&html)
            .iter()
            .map(|f| format!("{} {}", f.method, f.action))
            .filter(|a| a != "post /sign-out" && a != "post /language")
            .collect();
        let mut expected = Vec::new();
        if sells {
            expected.extend(["get /partner", "post /partner/sups"]);
        }
        if activates {
            expected.push("post /partner/activations");
        }
        assert_eq!(actions, expected, "{kind}");
        assert_eq!(html.contains("SUPS subscriptions"), sells, "{kind}");
        assert_eq!(
            html.contains("Installations of your customers"),
            activates,
            "{kind}"
        );
        for form in forms(&html).iter().filter(|f| f.action != "/sign-out") {
            let filled = form.filled(
                &app,
                &[
                    ("serial", serial.as_str()),
                    ("product_version", "8.1"),
                    ("installation_id", &unique("PC-")),
                ],
            );
            let answer = if form.method == "post" {
                app.0.send(
                    "POST",
                    &form.action,
                    &[
                        ("cookie", cookie.as_str()),
                        ("origin", &app.0.origin()),
                        ("content-type", "application/x-www-form-urlencoded"),
                    ],
                    filled.into_bytes(),
                )
            } else {
                app.get_with_cookie(&format!("{}?{filled}", form.action), &cookie)
            };
            assert!(
                matches!(answer.status, 200 | 201 | 303),
                "{kind}: {} {} answered {}: {}",
                form.method,
                form.action,
                answer.status,
                answer.text()
            );
        }
    }
}

#[test]
fn a_technician_deactivates_from_the_partner_page_until_the_month_is_used_up() {
    let app = spawn_app();
    let (id, key, cookie) = partner_signed_in(&app, "technician");
    let serial = assigned_license(&app, &id, 2);
    let first = activate_as_technician(&app, &key, &serial, "SRV-01");
    let page = app.get_with_cookie("/partner", &cookie).text();
    assert!(
        page.contains("SRV-01") && page.contains("technician Bob Tech"),
        "{page}"
    );
    assert!(
        page.contains("3 of 3 deactivations left this month"),
        "{page}"
    );
    assert!(page.contains(&format!("/partner/activations/{first}/deactivate")));

    // Another partner's technician does not find it.
    let (_, _, other) = partner_signed_in(&app, "technician");
    let theirs = post(
        &app,
        &other,
        &format!("/partner/activations/{first}/deactivate"),
    );
    assert_eq!(theirs.status, 404, "{}", theirs.text());

    let done = post(
        &app,
        &cookie,
        &format!("/partner/activations/{first}/deactivate"),
    );
    assert_eq!(
        (done.status, done.header("location")),
        (303, Some("/partner"))
    );
    let page = app.get_with_cookie("/partner", &cookie).text();
    assert!(!page.contains("SRV-01"), "still listed");
    assert!(
        page.contains("2 of 3 deactivations left this month"),
        "{page}"
    );
    for n in 2..4 {
        let next = activate_as_technician(&app, &key, &serial, &format!("SRV-0{n}"));
        let done = post(
            &app,
            &cookie,
            &format!("/partner/activations/{next}/deactivate"),
        );
        assert_eq!(done.status, 303, "{}", done.text());
    }
    let fourth = activate_as_technician(&app, &key, &serial, "SRV-09");
    let page = app.get_with_cookie("/partner", &cookie).text();
    assert!(
        page.contains("deactivated 3 times this month, the most allowed")
            && page.contains("Deactivation is possible again from"),
        "{page}"
    );
    assert!(
        !page.contains(&format!("/partner/activations/{fourth}/deactivate")),
        "a button is left"
    );
    let refused = post(
        &app,
        &cookie,
        &format!("/partner/activations/{fourth}/deactivate"),
    );
    assert_eq!(refused.status, 429, "{}", refused.text());
    assert!(
        refused.text().contains("Not deactivated")
            && refused.text().contains("possible again from")
    );
    assert!(app
        .get_with_cookie("/partner", &cookie)
        .text()
        .contains("SRV-09"));
}

#[test]
fn a_customer_deactivates_from_the_licenses_page_and_not_another_organisations() {
    let app = spawn_app();
    let serial = unique_serial();
    app.licensed_to_kovinar(&serial);
    let (token, cookie) = holder_of(&app, &serial);
    // Two seats, both taken.
    let ids: Vec<String> = (0..2)
        .map(|n| activate_as_customer(&app, &token, &serial, &format!("PC-{n}")))
        .collect();
    let page = app.get_with_cookie("/portal/licenses", &cookie);
    assert_eq!(page.status, 200, "{}", page.text());
    let html = page.text();
    assert!(
        html.contains("PC-0") && html.contains("2 of 2 seats in use"),
        "{html}"
    );
    assert!(html.contains("3 of 3 deactivations left this month"));

    // Another organisation's contact finds nothing.
    let (_, stranger) = {
        let other_serial = unique_serial();
        app.licensed_to_kovinar(&other_serial);
        holder_of(&app, &other_serial)
    };
    let theirs = post(
        &app,
        &stranger,
        &format!("/portal/activations/{}/deactivate", ids[0]),
    );
    assert_eq!(theirs.status, 404, "{}", theirs.text());

    for (n, id) in ids.iter().enumerate() {
        let done = post(
            &app,
            &cookie,
            &format!("/portal/activations/{id}/deactivate"),
        );
        assert_eq!(
            (done.status, done.header("location")),
            (303, Some("/portal/licenses")),
            "{n}"
        );
    }
    let third = activate_as_customer(&app, &token, &serial, "PC-7");
    let done = post(
        &app,
        &cookie,
        &format!("/portal/activations/{third}/deactivate"),
    );
    assert_eq!(done.status, 303, "{}", done.text());
    let fourth = activate_as_customer(&app, &token, &serial, "PC-8");
    let html = app.get_with_cookie("/portal/licenses", &cookie).text();
    assert!(
        html.contains("deactivated 3 times this month, the most allowed") && html.contains("PC-8"),
        "{html}"
    );
    assert!(!html.contains(&format!("/portal/activations/{fourth}/deactivate")));
    let refused = post(
        &app,
        &cookie,
        &format!("/portal/activations/{fourth}/deactivate"),
    );
    assert_eq!(refused.status, 429, "{}", refused.text());
    assert!(refused.text().contains("possible again from"));
}

#[test]
fn an_abandoned_card_order_is_cancelled_from_its_page() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let cookie = app.browser(&email);
    let order = app.order(&token, 2, "card");
    let id = order["order_id"].as_str().unwrap();
    let path = format!("/portal/orders/{id}");
    let html = app.get_with_cookie(&path, &cookie).text();
    assert!(
        html.contains("Open until") && html.contains(&format!("{path}/cancel")),
        "{html}"
    );
    let cancelled = post(&app, &cookie, &format!("{path}/cancel"));
    assert_eq!(
        (cancelled.status, cancelled.header("location")),
        (303, Some(path.as_str()))
    );
    let html = app.get_with_cookie(&path, &cookie).text();
    assert!(
        html.contains("cancelled") && html.contains("Closed"),
        "{html}"
    );
    assert!(
        !html.contains("Open until") && !html.contains("/cancel\""),
        "{html}"
    );
    assert_eq!(
        app.get_as(&format!("/api/me/coupon-orders/{id}"), &token)
            .json()["status"],
        "cancelled"
    );
    // Once more: nothing to cancel.
    assert_eq!(post(&app, &cookie, &format!("{path}/cancel")).status, 409);
}

#[test]
fn a_paid_order_says_when_it_was_paid_what_it_bought_and_links_its_invoice() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let cookie = app.browser(&email);
    let order = app.order(&token, 3, "card");
    let paid = app.stripe_event(&checkout_completed(&unique("evt_"), &order));
    assert_eq!(paid.json()["outcome"], "credited");
    let id = order["order_id"].as_str().unwrap();
    let html = app
        .get_with_cookie(&format!("/portal/orders/{id}"), &cookie)
        .text();
    assert!(!html.contains("Open until"), "{html}");
    assert!(!html.contains("/cancel\""), "{html}");
    assert!(
        html.contains("3 coupons credited to your balance"),
        "{html}"
    );
    let invoice = app.get_as("/api/me/invoices", &token).json()["invoices"][0].clone();
    assert!(
        html.contains(&format!(
            "<a href=\"/portal/invoices/{}\">{}</a>",
            invoice["invoice_id"].as_str().unwrap(),
            invoice["number"].as_str().unwrap()
        )),
        "{html}"
    );
}
