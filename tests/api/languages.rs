//! Contacts' language (issue 22; the groundwork of issue 23): `sl` or `en`,
//! chosen at registration (`contact.language`, else the browser's
//! `Accept-Language`), changed on the profile, shown to the desk.

use serde_json::{json, Value};

use crate::helpers::{
    registration, unique_email, unique_serial, Forgery, TestApp, TestResponse, Transport,
};
use crate::licensing;
use crate::spawn_app;

fn register(app: &TestApp<impl Transport>, body: &Value, accept_language: &str) -> TestResponse {
    app.0.send(
        "POST",
        "/api/registrations",
        &[
            ("content-type", "application/json"),
            ("accept-language", accept_language),
        ],
        body.to_string().into_bytes(),
    )
}

/// Registers with the body's `contact.language` (if any) and the header,
/// confirms, signs in: `GET /api/me`'s `language`.
fn language_registered(
    app: &TestApp<impl Transport>,
    language: Option<&str>,
    accept_language: &str,
) -> String {
    let email = unique_email();
    let serial = unique_serial();
    app.licensed_to_kovinar(&serial);
    let mut body = registration(&email, &serial);
    if let Some(language) = language {
        body["contact"]["language"] = json!(language);
    }
    let registered = register(app, &body, accept_language);
    assert_eq!(registered.status, 201, "{}", registered.text());
    let link = app.emailed_token(&email, "verify");
    let verified = app.post_json("/api/registrations/verify", &json!({ "token": link }));
    assert_eq!(verified.status, 200, "{}", verified.text());
    let me = app.get_as("/api/me", &app.sign_in(&email)).json();
    me["language"].as_str().unwrap().to_owned()
}

#[test]
fn registration_takes_the_contact_s_language_else_the_browser_s() {
    let app = spawn_app();
    assert_eq!(
        language_registered(&app, None, "sl-SI,sl;q=0.9,en;q=0.8"),
        "sl"
    );
    assert_eq!(language_registered(&app, None, "en-GB,en;q=0.9"), "en");
    assert_eq!(language_registered(&app, None, "de-DE"), "en");
    assert_eq!(language_registered(&app, Some("en"), "sl-SI"), "en");
    assert_eq!(language_registered(&app, Some("sl"), "en-GB"), "sl");
}

#[test]
fn a_language_other_than_sl_or_en_is_refused_and_nothing_is_written() {
    let app = spawn_app();
    for wrong in [json!("de"), json!("SL"), json!(""), json!(1)] {
        let email = unique_email();
        let mut body = registration(&email, &unique_serial());
        body["contact"]["language"] = wrong.clone();
        let problem = register(&app, &body, "sl-SI").problem(422);
        let fields: Vec<&str> = problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, ["contact.language"], "{wrong}");
        assert!(
            app.outbox(&email).is_empty(),
            "{wrong}: an email was written"
        );
        let asked = app.post_json("/api/sessions", &json!({ "email": email }));
        assert_eq!(asked.status, 202);
        assert!(
            app.outbox(&email).is_empty(),
            "{wrong}: a contact was written"
        );
    }
}

#[test]
fn the_registration_form_offers_the_browser_s_language_and_keeps_the_choice() {
    let app = spawn_app();
    let form = |accept_language: &str| {
        let page = app.0.send(
            "GET",
            "/register",
            &[("accept-language", accept_language)],
            Vec::new(),
        );
        assert_eq!(page.status, 200);
        page.text()
    };
    let slovenian = form("sl-SI,sl;q=0.9,en;q=0.5");
    assert!(
        slovenian.contains("<label for=\"language\">"),
        "{slovenian}"
    );
    assert!(slovenian.contains(
        "<option value=\"sl\" selected>Slovenščina</option><option value=\"en\">English</option>"
    ));
    let english = form("en-US,en;q=0.9");
    assert!(english.contains(
        "<option value=\"sl\">Slovenščina</option><option value=\"en\" selected>English</option>"
    ));

    let email = unique_email();
    let serial = unique_serial();
    app.licensed_to_kovinar(&serial);
    let fields = [
        ("serial", serial.as_str()),
        ("company_name", "Kovinar d.o.o."),
        ("street", "Tržaška cesta 12"),
        ("postal_code", "1000"),
        ("city", "Ljubljana"),
        ("country", "SI"),
        ("contact_name", "Ana Novak"),
        ("email", email.as_str()),
        ("phone", "+386 1 234 5678"),
        ("language", "en"),
        ("accept_terms", "on"),
    ];
    let body = serde_urlencoded::to_string(fields).unwrap();
    let posted = app.0.send(
        "POST",
        "/register",
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("origin", &app.0.origin()),
            ("accept-language", "sl-SI"),
        ],
        body.into_bytes(),
    );
    assert_eq!(posted.status, 303, "{}", posted.text());
    let link = app.emailed_token(&email, "verify");
    app.post_json("/api/registrations/verify", &json!({ "token": link }));
    let me = app.get_as("/api/me", &app.sign_in(&email)).json();
    assert_eq!(me["language"], "en", "the select, not the browser");
}

fn patch_me(app: &TestApp<impl Transport>, token: &str, body: &Value) -> TestResponse {
    let authorization = format!("Bearer {token}");
    app.0.send(
        "PATCH",
        "/api/me",
        &[
            ("content-type", "application/json"),
            ("authorization", &authorization),
        ],
        body.to_string().into_bytes(),
    )
}

#[test]
fn a_contact_changes_their_language_on_the_profile() {
    let app = &spawn_app();
    let (_, token) = app.customer();
    // The helpers' registration is sent without Accept-Language.
    assert_eq!(app.get_as("/api/me", &token).json()["language"], "en");
    let changed = patch_me(app, &token, &json!({"language": "sl"}));
    assert_eq!(changed.status, 200, "{}", changed.text());
    assert_eq!(changed.json()["language"], "sl");
    assert_eq!(app.get_as("/api/me", &token).json()["language"], "sl");

    let problem = patch_me(
        app,
        &token,
        &json!({"language": "fr", "contact": {"name": "Ana K."}}),
    )
    .problem(422);
    assert_eq!(problem["errors"][0]["field"], "language");
    assert_eq!(problem["errors"].as_array().unwrap().len(), 1);
    let me = app.get_as("/api/me", &token).json();
    assert_eq!(me["language"], "sl", "nothing changed");
    assert_eq!(me["contact"]["name"], "Ana Novak", "nothing changed");
    patch_me(app, &token, &json!({"contact": {"language": "en"}})).problem(422);

    // The profile page has the select, and saves it.
    let cookie = app.browser(me["contact"]["email"].as_str().unwrap());
    let page = app.get_with_cookie("/portal/profile", &cookie).text();
    assert!(
        page.contains("<option value=\"sl\" selected>Slovenščina</option>"),
        "{page}"
    );
    let mut fields: Vec<(&str, &str)> = vec![
        ("company_name", "Kovinar d.o.o."),
        ("street", "Tržaška cesta 12"),
        ("postal_code", "1000"),
        ("city", "Ljubljana"),
        ("country", "SI"),
        ("vat_id", "SI12345678"),
        ("contact_name", "Ana Novak"),
        ("phone", "+386 1 234 5678"),
        ("language", "en"),
    ];
    let email = me["contact"]["email"].as_str().unwrap().to_owned();
    fields.push(("email", &email));
    let saved = app.post_form_with_cookie("/portal/profile", &cookie, &app.0.origin(), &fields);
    assert_eq!(saved.status, 303, "{}", saved.text());
    assert_eq!(app.get_as("/api/me", &token).json()["language"], "en");
}

#[test]
fn the_desk_and_the_colleagues_see_each_contact_s_language() {
    let app = &spawn_app();
    let (_, token) = app.customer();
    patch_me(app, &token, &json!({"language": "sl"}));
    let me = app.get_as("/api/me", &token).json();
    let id = me["customer_id"].as_str().unwrap();

    // A colleague accepts an invitation from an English browser.
    let colleague = unique_email();
    let invited = app.post_json_as(
        "/api/me/contacts",
        &token,
        &json!({"name": "Bor Kos", "email": colleague, "phone": "+386 40 111 222"}),
    );
    assert_eq!(invited.status, 201, "{}", invited.text());
    let link = app.emailed_token(&colleague, "invitation");
    let accepted = app.0.send(
        "POST",
        "/api/invitations/accept",
        &[
            ("content-type", "application/json"),
            ("accept-language", "en-GB,en;q=0.9,sl;q=0.8"),
        ],
        json!({ "token": link }).to_string().into_bytes(),
    );
    assert_eq!(accepted.status, 200, "{}", accepted.text());

    let languages = |contacts: &Value| -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = contacts
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["email"].as_str().unwrap().to_owned(),
                    c["language"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        pairs.sort();
        pairs
    };
    let mut expected = vec![
        (
            me["contact"]["email"].as_str().unwrap().to_owned(),
            "sl".to_owned(),
        ),
        (colleague.clone(), "en".to_owned()),
    ];
    expected.sort();
    let file = app.staff_get(&format!("/api/staff/organisations/{id}"));
    assert_eq!(file.status, 200, "{}", file.text());
    assert_eq!(languages(&file.json()["contacts"]), expected);
    let people = app.get_as("/api/me/contacts", &token).json();
    assert_eq!(languages(&people["contacts"]), expected);
    let cookie = app.browser(me["contact"]["email"].as_str().unwrap());
    let listed = app.get_with_cookie("/portal/contacts", &cookie).text();
    assert!(
        listed.contains("<th scope=\"col\">Language</th>"),
        "{listed}"
    );
    assert!(
        listed.contains("<span lang=\"sl\">Slovenščina</span>"),
        "{listed}"
    );
    assert!(
        listed.contains("<span lang=\"en\">English</span>"),
        "{listed}"
    );

    let admin = app.staff_member("admin");
    let page = app.send_as_staff(
        "GET",
        &format!("/desk/organisations/{id}"),
        &admin,
        Forgery::None,
        None,
    );
    assert_eq!(page.status, 200);
    let page = page.text();
    assert!(page.contains("<th scope=\"col\">Language</th>"), "{page}");
    assert!(
        page.contains("<span lang=\"sl\">Slovenščina</span>"),
        "{page}"
    );
    assert!(page.contains("<span lang=\"en\">English</span>"), "{page}");
}

#[test]
fn an_end_user_a_partner_registers_is_written_to_in_their_country_s_language() {
    let app = &spawn_app();
    let (partner_id, key) = licensing::partner(app, "reseller");
    for (country, language) in [("SI", "sl"), ("AT", "en")] {
        let serial = unique_serial();
        licensing::import(
            app,
            &json!([licensing::license_row(&serial, &partner_id, 1)]),
        );
        let email = unique_email();
        let mut sale = registration(&email, &serial);
        sale["company"]["country"] = json!(country);
        sale["company"]["vat_id"] = json!(null);
        sale["starts_on"] = json!(licensing::today(app));
        sale["months"] = json!(12);
        let sold =
            licensing::as_partner(app, &key, "POST", "/api/partner/sups-subscriptions", &sale);
        assert_eq!(sold.status, 201, "{}", sold.text());
        let found = app
            .staff_get(&format!(
                "/api/staff/organisations?q={}",
                crate::helpers::urlencode(&email)
            ))
            .json();
        let id = found["organisations"][0]["organisation_id"]
            .as_str()
            .unwrap();
        let file = app
            .staff_get(&format!("/api/staff/organisations/{id}"))
            .json();
        assert_eq!(file["contacts"][0]["email"], email.as_str());
        assert_eq!(file["contacts"][0]["language"], language, "{country}");
    }
}
