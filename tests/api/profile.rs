//! The profile: company data, name, phone and subscription changed at once;
//! a new address only once the link sent to it is confirmed, the old one
//! told; the portal's profile page.

use serde_json::{json, Value};

use crate::helpers::{unique_email, TestApp, TestResponse, Transport};
use crate::spawn_app;

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
fn company_and_contact_changes_persist_and_show_in_me() {
    let app = &spawn_app();
    let (email, token) = app.customer();
    let changed = patch_me(
        app,
        &token,
        &json!({
            "company": {"name": "Kovinar Maribor d.o.o.", "street": "Partizanska 5", "postal_code": "2000",
                        "city": "Maribor", "country": "si", "vat_id": ""},
            "contact": {"name": "Ana Kovač", "phone": "+386 2 555 0101"},
            "newsletter": false
        }),
    );
    assert_eq!(changed.status, 200, "{}", changed.text());
    let me = app.get_as("/api/me", &token).json();
    assert_eq!(changed.json()["company"], me["company"]);
    assert_eq!(
        me["company"],
        json!({"name": "Kovinar Maribor d.o.o.", "street": "Partizanska 5", "postal_code": "2000",
               "city": "Maribor", "country": "SI", "vat_id": null,
               "vat_status": null, "vat_treatment": {"category": "standard", "note": null}})
    );
    assert_eq!(me["contact"]["name"], "Ana Kovač");
    assert_eq!(me["contact"]["phone"], "+38625550101");
    assert_eq!(me["contact"]["email"], email.as_str());
    assert_eq!(me["pending_email"], Value::Null);

    // Absent fields stay as they are.
    let city_only = patch_me(app, &token, &json!({"company": {"city": "Ptuj"}}));
    assert_eq!(city_only.status, 200, "{}", city_only.text());
    let me = app.get_as("/api/me", &token).json();
    assert_eq!(me["company"]["city"], "Ptuj");
    assert_eq!(me["company"]["street"], "Partizanska 5");
    assert_eq!(me["contact"]["name"], "Ana Kovač");
}

#[test]
fn a_bad_field_names_itself_and_changes_nothing() {
    let app = &spawn_app();
    let (_, token) = app.customer();
    let before = app.get_as("/api/me", &token).json();
    let refused = patch_me(
        app,
        &token,
        &json!({
            "company": {"city": "Maribor", "country": "Atlantis"},
            "contact": {"name": "Ana Kovač", "phone": "call me", "contact_id": "con_x"},
            "customer_id": "cus_x"
        }),
    )
    .problem(422);
    let mut fields: Vec<&str> = refused["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        [
            "company.country",
            "contact.contact_id",
            "contact.phone",
            "customer_id"
        ]
    );
    let after = app.get_as("/api/me", &token).json();
    assert_eq!(after["company"], before["company"]);
    assert_eq!(after["contact"], before["contact"]);
}

#[test]
fn a_new_address_replaces_the_old_one_once_its_link_is_confirmed() {
    let app = &spawn_app();
    let (old, token) = app.customer();
    let new = unique_email();
    let asked = patch_me(
        app,
        &token,
        &json!({"contact": {"email": new.to_uppercase()}}),
    );
    assert_eq!(asked.status, 200, "{}", asked.text());
    assert_eq!(asked.json()["pending_email"], new.as_str());
    assert_eq!(asked.json()["contact"]["email"], old.as_str());

    let link = app.emailed_token(&new, "confirm-email");
    // Opening the link changes nothing: its page has the one button.
    let page = app.get(&format!("/confirm-email?token={link}"));
    assert_eq!(page.status, 200, "{}", page.text());
    assert!(
        page.text().contains("action=\"/confirm-email\""),
        "{}",
        page.text()
    );
    assert_eq!(
        app.get_as("/api/me", &token).json()["contact"]["email"],
        old.as_str()
    );

    let confirmed =
        app.post_form_with_cookie("/confirm-email", "", &app.0.origin(), &[("token", &link)]);
    assert_eq!(confirmed.status, 200, "{}", confirmed.text());
    // The same session, the new address.
    let me = app.get_as("/api/me", &token).json();
    assert_eq!(me["contact"]["email"], new.as_str());
    assert_eq!(me["pending_email"], Value::Null);
    let notice = app
        .outbox(&old)
        .into_iter()
        .find(|m| {
            m["subject"]
                .as_str()
                .unwrap()
                .contains("address was changed")
        })
        .expect("the old address is told");
    assert!(notice["text"].as_str().unwrap().contains(&new), "{notice}");

    // The confirmed link is forgotten: a second click is told what that
    // may mean.
    let again =
        app.post_form_with_cookie("/confirm-email", "", &app.0.origin(), &[("token", &link)]);
    again.tells_of_link(400, "you sign in with it now", "/portal/profile");
    let signed_in = app.sign_in(&new);
    assert_eq!(
        app.get_as("/api/me", &signed_in).json()["contact"]["email"],
        new.as_str()
    );
    let sign_in_links = |to: &str| {
        app.outbox(to)
            .iter()
            .filter(|m| m["text"].as_str().unwrap().contains("/sign-in?token="))
            .count()
    };
    let before = sign_in_links(&old);
    let asked_old = app.post_json("/api/sessions", &json!({ "email": old }));
    assert_eq!(asked_old.status, 202);
    assert_eq!(
        sign_in_links(&old),
        before,
        "the old address signs in no more"
    );
}

#[test]
fn a_taken_address_is_refused_at_confirmation() {
    let app = &spawn_app();
    let (old, token) = app.customer();
    let (taken, _) = app.customer();
    let asked = patch_me(app, &token, &json!({"contact": {"email": taken}}));
    assert_eq!(asked.status, 200, "{}", asked.text());
    let link = app.emailed_token(&taken, "confirm-email");
    let refused =
        app.post_form_with_cookie("/confirm-email", "", &app.0.origin(), &[("token", &link)]);
    assert_eq!(refused.status, 409, "{}", refused.text());
    let me = app.get_as("/api/me", &token).json();
    assert_eq!(me["contact"]["email"], old.as_str());
    assert_eq!(me["pending_email"], taken.as_str());
    assert!(!app.outbox(&old).iter().any(|m| m["subject"]
        .as_str()
        .unwrap()
        .contains("address was changed")));
}

#[test]
fn the_profile_page_saves_and_keeps_typed_values_on_error() {
    let app = &spawn_app();
    let (email, token) = app.customer();
    let cookie = app.browser(&email);
    let portal = app.get_with_cookie("/portal", &cookie);
    assert!(
        portal.text().contains("href=\"/portal/profile\""),
        "{}",
        portal.text()
    );
    let page = app.get_with_cookie("/portal/profile", &cookie);
    assert_eq!(page.status, 200, "{}", page.text());
    assert!(
        page.text().contains("value=\"Ljubljana\""),
        "{}",
        page.text()
    );
    // SI12345678 is no number the VIES stand-ins confirm; end to end, the
    // queue may not have asked yet.
    let said = ["is not confirmed by", "is being checked with"];
    assert!(
        said.iter().any(|s| page.text().contains(s)),
        "{}",
        page.text()
    );

    let origin = app.0.origin();
    let fields = |city: &'static str, phone: &'static str| {
        vec![
            ("company_name", "Kovinar d.o.o."),
            ("street", "Tržaška cesta 12"),
            ("postal_code", "1000"),
            ("city", city),
            ("country", "SI"),
            ("vat_id", "SI12345678"),
            ("contact_name", "Ana Novak"),
            ("email", ""),
            ("phone", phone),
        ]
    };
    let mut saved_fields = fields("Kranj", "+386 1 234 5678");
    saved_fields[7].1 = &email;
    let saved = app.post_form_with_cookie("/portal/profile", &cookie, &origin, &saved_fields);
    assert_eq!(saved.status, 303, "{}", saved.text());
    assert_eq!(
        app.get_as("/api/me", &token).json()["company"]["city"],
        "Kranj"
    );

    let mut wrong = fields("Celje", "call me");
    wrong[7].1 = &email;
    let refused = app.post_form_with_cookie("/portal/profile", &cookie, &origin, &wrong);
    assert_eq!(refused.status, 422, "{}", refused.text());
    let html = refused.text();
    assert!(html.contains("value=\"Celje\""), "{html}");
    assert!(html.contains("value=\"call me\""), "{html}");
    assert!(html.contains("id=\"phone-error\""), "{html}");
    assert_eq!(
        app.get_as("/api/me", &token).json()["company"]["city"],
        "Kranj"
    );
}

#[test]
fn a_new_addresss_sixth_link_in_an_hour_is_withheld_and_the_answer_says_when_to_ask_again() {
    let app = &spawn_app();
    let (email, token) = app.customer();
    let new = unique_email();
    let change = json!({"contact": {"email": new}});
    let quota = usize::try_from(spica_portal::domain::notification::LINKS_PER_HOUR).unwrap();
    let statuses: Vec<u16> = (0..quota)
        .map(|_| patch_me(app, &token, &change).status)
        .collect();
    assert_eq!(statuses, vec![200; quota]);
    let refused = patch_me(
        app,
        &token,
        &json!({"contact": {"email": new, "name": "Ana Kovač"}}),
    );
    let problem = refused.problem(429);
    assert_eq!(problem["type"], "/problems/link-withheld", "{problem}");
    assert!(refused.header("retry-after").is_some());
    let links = app.outbox(&new);
    assert_eq!(links.len(), quota, "no link beyond the quota");
    assert_eq!(problem["last_requested_at"], links[0]["created_at"]);
    assert_eq!(
        app.get_as("/api/me", &token).json()["contact"]["name"],
        "Ana Novak",
        "nothing saved"
    );
    // The profile page says it next to the address, and saves nothing.
    let cookie = app.browser(&email);
    let page = app.post_form_with_cookie(
        "/portal/profile",
        &cookie,
        &app.0.origin(),
        &[
            ("company_name", "Kovinar d.o.o."),
            ("street", "Tržaška cesta 12"),
            ("postal_code", "1000"),
            ("city", "Ljubljana"),
            ("country", "SI"),
            ("contact_name", "Ana Novak"),
            ("email", &new),
            ("phone", "+386 1 234 5678"),
        ],
    );
    assert_eq!(page.status, 429, "{}", page.text());
    // When to ask again, in Ljubljana's time as a person reads it: no
    // machine timestamp.
    let retry_at = problem["retry_at"].as_str().unwrap();
    let (local, zone) = spica_portal::domain::time::in_ljubljana(
        spica_portal::domain::time::parse(retry_at).unwrap(),
    );
    let when = spica_portal::domain::format::date_time(
        spica_portal::domain::language::Language::En,
        local,
    );
    assert!(
        page.text()
            .contains(&format!("ask again from {when} ({zone})"))
            && !page.text().contains(retry_at),
        "{}",
        page.text()
    );
    assert_eq!(app.outbox(&new).len(), quota);
}
