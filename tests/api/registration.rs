//! Registering as a Time & Space user, confirming the email, the free coupon.

use serde_json::json;

use crate::helpers::{
    registration, unique, unique_email, unique_serial, TestApp, TestResponse, Transport,
    DESK_EMAIL, EMAIL_FROM, FORM_URL, INBOUND_EMAIL_DOMAIN, THANKS_URL,
};
use crate::licensing;
use crate::spawn_app;

#[test]
fn registering_and_confirming_through_the_emailed_link_credits_one_coupon() {
    let app = spawn_app();
    let email = unique_email();
    let serial = unique_serial();
    app.licensed_to_kovinar(&serial);
    let mut registered = registration(&email, &serial);
    registered["newsletter"] = json!(true);
    let response = app.post_json("/api/registrations", &registered);
    assert_eq!(response.status, 201, "{}", response.text());
    let body = response.json();
    assert_eq!(body["status"], "pending_verification");
    assert!(body["customer_id"].as_str().unwrap().starts_with("cus_"));

    let link = app.emailed_token(&email, "verify");
    for _ in 0..2 {
        // A mail scanner following the link confirms nothing: the
        // button below still finds it unspent.
        let page = app.get(&format!("/verify?token={link}"));
        assert_eq!(page.status, 200, "{}", page.text());
        assert!(page.text().contains("action=\"/verify\""));
        assert!(page.text().contains("<button type=\"submit\">"));
    }
    let page = app.post_form_with_cookie("/verify", "", &app.0.origin(), &[("token", &link)]);
    assert_eq!(page.status, 200, "{}", page.text());
    assert!(page.text().contains("Your email address is confirmed"));

    let token = app.sign_in(&email);
    let me = app.get_as("/api/me", &token).json();
    assert_eq!(me["status"], "active");
    assert_eq!(me["coupon_balance"], 1);
    assert_eq!(me["minutes_available"], 15);
    assert_eq!(me["contact"]["email"], email.as_str());
    assert_eq!(me["contact"]["phone"], "+38612345678");
    assert_eq!(me["newsletter"], true);
    assert!(me["contact"]["contact_id"]
        .as_str()
        .unwrap()
        .starts_with("con_"));
}

#[test]
fn the_same_serial_registered_again_is_a_claim_and_earns_no_coupon() {
    let app = spawn_app();
    let serial = unique_serial();
    app.licensed_to_kovinar(&serial);
    let (first, second) = (unique_email(), unique_email());
    app.register_and_verify(&first, &serial);

    app.post_json(
        "/api/registrations",
        &registration(&second, &serial.to_lowercase()),
    );
    let token = app.emailed_token(&second, "verify");
    let verified = app
        .post_json("/api/registrations/verify", &json!({ "token": token }))
        .json();
    assert_eq!(verified["free_coupon"], "awaiting_license_claim");
    assert_eq!(verified["coupon_balance"], 0);

    let first_me = app.get_as("/api/me", &app.sign_in(&first)).json();
    let second_me = app.get_as("/api/me", &app.sign_in(&second)).json();
    assert_eq!(
        (
            first_me["coupon_balance"].as_i64(),
            second_me["coupon_balance"].as_i64()
        ),
        (Some(1), Some(0))
    );
}

#[test]
fn serial_zero_earns_no_coupon_until_its_license_claim_is_resolved() {
    let app = spawn_app();
    let email = unique_email();
    app.post_json("/api/registrations", &registration(&email, "0"));
    let token = app.emailed_token(&email, "verify");
    let verified = app
        .post_json("/api/registrations/verify", &json!({ "token": token }))
        .json();
    assert_eq!(verified["free_coupon"], "awaiting_license_claim");
    assert_eq!(verified["coupon_balance"], 0);
}

#[test]
fn an_invalid_email_is_refused_with_422_and_nothing_is_written() {
    let app = spawn_app();
    let email = unique_email();
    let mut body = registration(&email, &unique_serial());
    body["contact"]["email"] = json!(email.replace('@', " at "));
    let problem = app.post_json("/api/registrations", &body).problem(422);
    assert_eq!(problem["errors"][0]["field"], "contact.email");
    assert_eq!(problem["errors"].as_array().unwrap().len(), 1);
    assert!(app.outbox(&email).is_empty(), "an email was written");

    // No customer row either: the corrected address registers as new.
    let corrected = app.post_json(
        "/api/registrations",
        &registration(&email, &unique_serial()),
    );
    assert_eq!(corrected.status, 201, "{}", corrected.text());
}

#[test]
fn every_invalid_field_is_named() {
    let app = spawn_app();
    let body = json!({
        "serial": "TS 1",
        "company": {"name": "", "street": "S", "postal_code": "1", "city": "C", "country": "XX"},
        "contact": {"name": "A", "email": "a@b.si", "phone": "01 234"},
        "newsletter": "yes",
        "accept_terms": false
    });
    let problem = app.post_json("/api/registrations", &body).problem(422);
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        [
            "newsletter",
            "serial",
            "company.name",
            "company.country",
            "contact.phone",
            "accept_terms"
        ]
    );
}

#[test]
fn registering_an_email_twice_answers_409() {
    let app = spawn_app();
    let email = unique_email();
    assert_eq!(
        app.post_json(
            "/api/registrations",
            &registration(&email, &unique_serial())
        )
        .status,
        201
    );
    let again = app.post_json(
        "/api/registrations",
        &registration(&email.to_uppercase(), &unique_serial()),
    );
    again.problem(409);
    assert_eq!(app.outbox(&email).len(), 1);
}

#[test]
fn the_verification_link_works_once() {
    let app = spawn_app();
    let email = unique_email();
    app.post_json(
        "/api/registrations",
        &registration(&email, &unique_serial()),
    );
    let token = app.emailed_token(&email, "verify");
    assert_eq!(
        app.post_json("/api/registrations/verify", &json!({ "token": token }))
            .status,
        200
    );
    app.post_json("/api/registrations/verify", &json!({ "token": token }))
        .problem(409);
    app.post_form_with_cookie("/verify", "", &app.0.origin(), &[("token", &token)])
        .tells_of_link(409, "your address is confirmed", "/sign-in");
    app.post_json("/api/registrations/verify", &json!({ "token": "x" }))
        .problem(422);
    let unknown = "A".repeat(43);
    app.post_json("/api/registrations/verify", &json!({ "token": unknown }))
        .problem(400);
}

fn form(email: &str, serial: &str) -> Vec<(&'static str, String)> {
    vec![
        ("serial", serial.into()),
        ("company_name", "Kovinar d.o.o.".into()),
        ("street", "Tržaška cesta 12".into()),
        ("postal_code", "1000".into()),
        ("city", "Ljubljana".into()),
        ("country", "SI".into()),
        ("vat_id", "".into()),
        ("contact_name", "Ana Novak".into()),
        ("email", email.into()),
        ("phone", "+386 1 234 5678".into()),
        ("newsletter", "on".into()),
        ("accept_terms", "on".into()),
    ]
}

fn post_form(app: &TestApp<impl Transport>, pairs: &[(&'static str, String)]) -> TestResponse {
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form("/api/registrations", &pairs)
}

#[test]
fn the_website_form_is_answered_with_a_redirect_to_the_thank_you_page() {
    let app = spawn_app();
    let email = unique_email();
    let response = post_form(&app, &form(&email, &unique_serial()));
    assert_eq!(response.status, 303);
    assert_eq!(response.header("location"), Some(THANKS_URL));
    assert_eq!(app.outbox(&email).len(), 1);
}

#[test]
fn a_form_with_errors_goes_back_to_the_form_with_the_errors_in_the_query() {
    let app = spawn_app();
    let email = unique_email();
    let mut pairs = form(&email, &unique_serial());
    pairs.retain(|(name, _)| *name != "accept_terms");
    pairs
        .iter_mut()
        .find(|(name, _)| *name == "country")
        .unwrap()
        .1 = "XX".into();
    let response = post_form(&app, &pairs);
    assert_eq!(response.status, 303);
    let location = response.header("location").unwrap();
    assert!(
        location.starts_with(&format!("{FORM_URL}?errors=country%2Caccept_terms&")),
        "{location}"
    );
    assert!(location.contains("error_country="));
    assert!(app.outbox(&email).is_empty());

    post_form(&app, &form(&email, &unique_serial()));
    let again = post_form(&app, &form(&email, &unique_serial()));
    assert!(again.header("location").unwrap().contains("errors=email"));
}

#[test]
fn the_registration_page_keeps_what_was_typed_when_a_field_is_wrong() {
    let app = spawn_app();
    let typed = form("ana@@kovinar", &unique_serial());
    let pairs: Vec<(&str, &str)> = typed.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = app.post_form_with_cookie("/register", "", &app.0.origin(), &pairs);
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert!(
        refused.header("location").is_none(),
        "no personal data in a URL"
    );
    let page = refused.text();
    for kept in [
        "value=\"Kovinar d.o.o.\"",
        "value=\"Tr",
        "value=\"+386 1 234 5678\"",
        "value=\"ana@@kovinar\"",
    ] {
        assert!(page.contains(kept), "{kept} was not kept: {page}");
    }
    assert!(
        page.contains("id=\"email-error\""),
        "the error stands next to its field"
    );
    assert!(page
        .contains("id=\"accept_terms\" name=\"accept_terms\" type=\"checkbox\" required checked"));

    let email = unique_email();
    let good = form(&email, &unique_serial());
    let pairs: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let registered = app.post_form_with_cookie("/register", "", &app.0.origin(), &pairs);
    assert_eq!(registered.status, 303, "{}", registered.text());
    assert_eq!(registered.header("location"), Some("/registered"));
    app.emailed_token(&email, "verify");
    let again = app.post_form_with_cookie("/register", "", &app.0.origin(), &pairs);
    assert_eq!(again.status, 422);
    assert!(again.text().contains("is registered already"));
}

/// Addresses of the vendor's own, as the suites configure it: the desk's
/// (typed in capitals), the sender's with a tag (delivered to the same
/// mailbox), and any address at the inbound domain.
fn vendors_own_addresses() -> [String; 3] {
    let sender = EMAIL_FROM
        .rsplit_once('<')
        .and_then(|(_, rest)| rest.strip_suffix('>'))
        .unwrap();
    [
        DESK_EMAIL.to_uppercase(),
        sender.replace('@', "+portal@"),
        format!("{}@{INBOUND_EMAIL_DOMAIN}", unique("anyone")),
    ]
}

/// Asserts a 422 problem naming only `field`, for the vendor's address.
fn names_the_vendors_address(answer: &TestResponse, field: &str) {
    let problem = answer.problem(422);
    let errors = problem["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{problem}");
    assert_eq!(
        (errors[0]["field"].as_str(), errors[0]["code"].as_str()),
        (Some(field), Some("vendor_address")),
        "{problem}"
    );
}

#[test]
fn the_vendors_own_addresses_can_be_neither_registered_nor_invited_on_any_path() {
    let app = spawn_app();
    let origin = app.0.origin();
    let (ana_email, ana) = app.customer();
    let cookie = app.browser(&ana_email);
    let (partner_id, key) = licensing::partner(&app, "reseller");
    let serial = unique_serial();
    licensing::import(
        &app,
        &json!([licensing::license_row(&serial, &partner_id, 2)]),
    );
    for own in vendors_own_addresses() {
        // The API's registration, the website's flat form, the page's form.
        let json = app.post_json("/api/registrations", &registration(&own, &unique_serial()));
        names_the_vendors_address(&json, "contact.email");
        let flat = post_form(&app, &form(&own, &unique_serial()));
        let back = flat.header("location").unwrap_or_default();
        assert!(
            flat.status == 303
                && back.starts_with(&format!("{FORM_URL}?errors=email&error_email=")),
            "{own}: {} {back}",
            flat.status
        );
        let typed = form(&own, &unique_serial());
        let pairs: Vec<(&str, &str)> = typed.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let page = app.post_form_with_cookie("/register", "", &origin, &pairs);
        assert_eq!(page.status, 422, "{own}: {}", page.text());
        assert!(
            page.text().contains("id=\"email-error\""),
            "{}",
            page.text()
        );
        assert!(page.text().contains("address of Spica"), "{}", page.text());

        // A reseller's sale that would register the end user.
        let mut sale = registration(&own, &serial);
        sale["starts_on"] = json!(licensing::today(&app));
        sale["months"] = json!(12);
        let sold =
            licensing::as_partner(&app, &key, "POST", "/api/partner/sups-subscriptions", &sale);
        names_the_vendors_address(&sold, "contact.email");

        // An invitation, through the API and the contacts page.
        let invited = app.post_json_as(
            "/api/me/contacts",
            &ana,
            &json!({"name": "Spica", "email": own, "phone": "+386 1 234 5678"}),
        );
        names_the_vendors_address(&invited, "email");
        let fields = [
            ("name", "Spica"),
            ("email", own.as_str()),
            ("phone", "+386 1 234 5678"),
        ];
        let invited = app.post_form_with_cookie("/portal/contacts", &cookie, &origin, &fields);
        assert_eq!(invited.status, 422, "{own}: {}", invited.text());
        assert!(invited.text().contains("id=\"email-error\""));

        // A new address in the profile, through the API and the page.
        let authorization = format!("Bearer {ana}");
        let changed = app.0.send(
            "PATCH",
            "/api/me",
            &[
                ("content-type", "application/json"),
                ("authorization", &authorization),
            ],
            json!({"contact": {"email": own}}).to_string().into_bytes(),
        );
        names_the_vendors_address(&changed, "contact.email");
        let profile = [
            ("company_name", "Kovinar d.o.o."),
            ("street", "Tržaška cesta 12"),
            ("postal_code", "1000"),
            ("city", "Ljubljana"),
            ("country", "SI"),
            ("vat_id", "SI12345678"),
            ("contact_name", "Ana Novak"),
            ("email", own.as_str()),
            ("phone", "+386 1 234 5678"),
        ];
        let page = app.post_form_with_cookie("/portal/profile", &cookie, &origin, &profile);
        assert_eq!(page.status, 422, "{own}: {}", page.text());
        assert!(
            page.text().contains("id=\"email-error\""),
            "{}",
            page.text()
        );
    }
    let people = app.get_as("/api/me/contacts", &ana).json();
    assert_eq!(people["contacts"].as_array().unwrap().len(), 1, "{people}");
    assert_eq!(people["invitations"], json!([]), "{people}");
    let me = app.get_as("/api/me", &ana).json();
    assert_eq!(me["pending_email"], serde_json::Value::Null, "{me}");
    assert_eq!(me["contact"]["email"], ana_email.as_str());
}
