//! Phones as people type them (`041 123 456`), read with the company's
//! country and stored in E.164; a refusal shows the expected shape in the
//! reader's language. Countries chosen by name, posted as ISO codes.

use serde_json::{json, Value};

use crate::helpers::{registration, unique_email, unique_serial, TestApp, TestResponse, Transport};
use crate::spawn_app;

fn register(app: &TestApp<impl Transport>, body: &Value, language: Option<&str>) -> TestResponse {
    let mut headers = vec![("content-type", "application/json")];
    if let Some(language) = language {
        headers.push(("accept-language", language));
    }
    app.0.send(
        "POST",
        "/api/registrations",
        &headers,
        body.to_string().into_bytes(),
    )
}

/// Registers with `phone` typed in `body`'s form, confirms and signs in:
/// the access token.
fn registered_with(
    app: &TestApp<impl Transport>,
    email: &str,
    phone: &str,
    country: &str,
) -> String {
    let mut body = registration(email, &unique_serial());
    body["contact"]["phone"] = json!(phone);
    body["company"]["country"] = json!(country);
    if country != "SI" {
        body["company"]["vat_id"] = json!(null);
    }
    let response = register(app, &body, None);
    assert_eq!(response.status, 201, "{}", response.text());
    let token = app.emailed_token(email, "verify");
    let verified = app.post_json("/api/registrations/verify", &json!({ "token": token }));
    assert_eq!(verified.status, 200, "{}", verified.text());
    app.sign_in(email)
}

#[test]
fn a_slovenian_number_typed_nationally_is_stored_in_e164() {
    let app = spawn_app();
    let email = unique_email();
    let token = registered_with(&app, &email, "041 123 456", "SI");
    let me = app.get_as("/api/me", &token).json();
    assert_eq!(me["contact"]["phone"], "+38641123456", "{me}");
    assert_eq!(me["company"]["country"], "SI", "{me}");
}

#[test]
fn a_national_number_is_read_with_the_companys_own_country() {
    let app = spawn_app();
    let email = unique_email();
    let token = registered_with(&app, &email, "0664 123 4567", "AT");
    let me = app.get_as("/api/me", &token).json();
    assert_eq!(me["contact"]["phone"], "+436641234567", "{me}");
}

#[test]
fn a_bad_phone_is_refused_showing_the_expected_shape_in_the_readers_language() {
    let app = spawn_app();
    let mut body = registration(&unique_email(), &unique_serial());
    body["contact"]["phone"] = json!("041 12");
    let problem = register(&app, &body, Some("sl-SI,sl;q=0.9,en;q=0.5")).problem(422);
    let errors = problem["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{problem}");
    assert_eq!(errors[0]["field"], "contact.phone");
    assert_eq!(errors[0]["code"], "invalid");
    assert_eq!(
        errors[0]["detail"],
        "vnesite telefonsko številko, npr. 041 123 456 ali +386 41 123 456"
    );

    let problem = register(&app, &body, None).problem(422);
    assert_eq!(
        problem["errors"][0]["detail"],
        "enter a phone number such as 041 123 456 or +386 41 123 456"
    );
}

#[test]
fn the_profile_and_a_support_request_read_national_numbers_with_the_organisations_country() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let authorization = format!("Bearer {token}");
    let patched = app.0.send(
        "PATCH",
        "/api/me",
        &[
            ("content-type", "application/json"),
            ("authorization", &authorization),
        ],
        json!({"contact": {"phone": "(01) 234-56-78"}})
            .to_string()
            .into_bytes(),
    );
    assert_eq!(patched.status, 200, "{}", patched.text());
    assert_eq!(patched.json()["contact"]["phone"], "+38612345678");

    app.adjust(&token, 2);
    let body = json!({"subject": "Terminal offline", "description": "Terminal 3 shows no time.",
        "channel": "voice", "phone": "041 777 888"});
    let opened = app.post_json_as("/api/me/incidents", &token, &body);
    assert_eq!(opened.status, 201, "{}", opened.text());
    assert_eq!(opened.json()["phone"], "+38641777888");

    let mut wrong = body.clone();
    wrong["phone"] = json!("041 777 88");
    let problem = app
        .post_json_as("/api/me/incidents", &token, &wrong)
        .problem(422);
    assert_eq!(problem["errors"][0]["field"], "phone", "{problem}");
}

#[test]
fn the_registration_page_offers_countries_by_name_in_the_readers_language() {
    let app = spawn_app();
    let page = app
        .0
        .send("GET", "/register", &[("accept-language", "sl")], Vec::new());
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(
        html.contains(
            "<optgroup label=\"Evropska unija\"><option value=\"SI\" selected>Slovenija</option>"
        ),
        "{html}"
    );
    assert!(
        html.contains("<option value=\"HR\">Hrvaška</option>"),
        "{html}"
    );
    assert!(html.contains("<optgroup label=\"Druge države\">"), "{html}");
    assert!(
        html.contains("<option value=\"BA\">Bosna in Hercegovina</option>"),
        "{html}"
    );
    assert!(!html.contains("ISO code"), "{html}");

    let html = app.get("/register").text();
    assert!(
        html.contains(
            "<optgroup label=\"European Union\"><option value=\"SI\" selected>Slovenia</option>"
        ),
        "{html}"
    );
    assert!(
        html.contains("<option value=\"GB\">United Kingdom</option>"),
        "{html}"
    );
}

#[test]
fn the_portals_forms_read_national_numbers_and_show_a_wrong_one_next_to_its_field() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let cookie = app.browser(&email);
    let origin = app.0.origin();

    let profile = app.get_with_cookie("/portal/profile", &cookie).text();
    assert!(
        profile.contains("<option value=\"SI\" selected>Slovenia</option>"),
        "{profile}"
    );

    let wrong = app.post_form_with_cookie(
        "/portal/contacts",
        &cookie,
        &origin,
        &[
            ("name", "Bor Kos"),
            ("email", &unique_email()),
            ("phone", "040 111 22"),
        ],
    );
    assert_eq!(wrong.status, 422, "{}", wrong.text());
    let html = wrong.text();
    assert!(html.contains("id=\"phone-error\""), "{html}");
    assert!(html.contains("041 123 456"), "{html}");

    let bor = unique_email();
    let invited = app.post_form_with_cookie(
        "/portal/contacts",
        &cookie,
        &origin,
        &[
            ("name", "Bor Kos"),
            ("email", &bor),
            ("phone", "040 111 222"),
        ],
    );
    assert_eq!(invited.status, 303, "{}", invited.text());
    let contacts = app.get_as("/api/me/contacts", &token).json();
    assert!(contacts.to_string().contains("+38640111222"), "{contacts}");
}
