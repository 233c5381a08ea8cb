//! Personal data: the privacy page, the export and erasure.

use crate::helpers::{unique_email, Forgery, TestApp, TestResponse, Transport};
use crate::licensing::partner;
use crate::spawn_app;
use serde_json::{json, Value};
use spica_portal::domain::notification::LINKS_PER_HOUR;

#[test]
fn the_privacy_page_shows_the_retention_periods_and_every_page_links_to_it() {
    let app = spawn_app();
    let privacy = app.get("/privacy");
    assert_eq!(privacy.status, 200);
    let text = privacy.text();
    // The defaults of wrangler.toml and of the native test settings.
    assert!(text.contains("30 days after registration"), "{text}");
    assert!(text.contains("90 days after it was sent"), "{text}");
    assert!(text.contains("10 years"), "{text}");
    assert!(
        text.contains("erase your personal data") && text.contains("audit log"),
        "{text}"
    );
    for path in ["/", "/register", "/terms", "/sign-in"] {
        assert!(
            app.get(path).text().contains("href=\"/privacy\""),
            "{path} links to the privacy page"
        );
    }
}

#[test]
fn a_customer_downloads_everything_held_about_them_as_one_dated_json_file() {
    let app = spawn_app();
    let (email, token) = app.customer();
    app.incident(&token);
    let export = app.get_as("/api/me/export", &token);
    assert_eq!(export.status, 200, "{}", export.text());
    let disposition = export.header("content-disposition").expect("an attachment");
    assert!(
        disposition.starts_with("attachment; filename=\"spica-personal-data-20")
            && disposition.ends_with(".json\""),
        "{disposition}"
    );
    let document = export.json();
    let contacts = document["contacts"].as_array().unwrap();
    assert_eq!(contacts.len(), 1);
    assert_eq!(contacts[0]["email"], email.as_str());
    assert_eq!(contacts[0]["name"], "Ana Novak");
    assert!(contacts[0].get("email_token_hash").is_none());
    assert_eq!(
        document["organisation"][0]["id"], document["customer_id"],
        "{document}"
    );
    assert_eq!(
        document["ledger"].as_array().unwrap().len(),
        1,
        "the free coupon"
    );
    assert_eq!(document["incidents"].as_array().unwrap().len(), 1);
    assert_eq!(
        document["incidents"][0]["customer_id"],
        document["customer_id"]
    );
    assert_eq!(document["licenses"].as_array().unwrap().len(), 1);
    let emails = document["emails"].as_array().unwrap();
    assert!(emails.iter().any(|e| e["to_address"] == email.as_str()));
    assert!(document["sign_in_links"]
        .as_array()
        .unwrap()
        .iter()
        .all(|link| link.get("token_hash").is_none()));
}

/// Beside each order's and incident's id, the export names its number, as
/// the customer knows it from the pages and emails; and each contact's
/// language.
#[test]
fn the_export_names_orders_and_incidents_by_their_numbers_too() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let incident = app.incident(&token);
    let incident_id = incident["incident_id"].as_str().unwrap();
    let incident_number = incident["number"].as_str().unwrap();
    let order = app.order(&token, 2, "bank_transfer");
    let order_id = order["order_id"].as_str().unwrap();
    let order_number = order["number"].as_str().unwrap();
    let reference = order["bank_transfer"]["reference_grouped"]
        .as_str()
        .unwrap();
    let statement = crate::helpers::camt053(&[(
        "61.00",
        &format!("Coupons {reference}"),
        &crate::helpers::unique("BANKREF"),
    )]);
    assert_eq!(
        app.post_statement("application/xml", &statement).status,
        200
    );

    let document = app.get_as("/api/me/export", &token).json();
    assert_eq!(document["contacts"][0]["language"], "en", "{document}");
    let mut checked = Vec::new();
    for (part, rows) in document.as_object().unwrap() {
        let Some(rows) = rows.as_array() else {
            continue;
        };
        for row in rows {
            for (id, number, key) in [
                (incident_id, incident_number, "incident"),
                (order_id, order_number, "order"),
            ] {
                if row[format!("{key}_id")] == id {
                    assert_eq!(row[format!("{key}_number")], number, "{part}: {row}");
                    checked.push(format!("{part}.{key}_number"));
                }
            }
        }
    }
    checked.sort();
    checked.dedup();
    for expected in [
        "bank_transfers.order_number",
        "incident_timers.incident_number",
        "invoices.order_number",
        "ledger.order_number",
        "payments.order_number",
    ] {
        assert!(
            checked.iter().any(|c| c == expected),
            "{expected} not in {checked:?}"
        );
    }
}

#[test]
fn the_export_is_only_the_callers_own() {
    let app = spawn_app();
    let (mine, token) = app.customer();
    let (theirs, _) = app.customer();
    let text = app.get_as("/api/me/export", &token).text();
    assert!(text.contains(&mine));
    assert!(!text.contains(&theirs));
    assert_eq!(app.get("/api/me/export").status, 401);
    assert_eq!(
        app.get("/portal/export").header("location"),
        Some("/sign-in?next=%2Fportal%2Fexport")
    );
}

fn delete_me(app: &TestApp<impl Transport>, token: &str) -> TestResponse {
    let authorization = format!("Bearer {token}");
    app.0.send(
        "DELETE",
        "/api/me",
        &[("authorization", &authorization)],
        Vec::new(),
    )
}

/// A colleague of the signed-in contact, invited and accepted: their email
/// and access token.
fn colleague(app: &TestApp<impl Transport>, token: &str) -> (String, String) {
    let email = unique_email();
    let invited = app.post_json_as(
        "/api/me/contacts",
        token,
        &json!({"name": "Bor Kos", "email": email, "phone": "+386 40 111 222"}),
    );
    assert_eq!(invited.status, 201, "{}", invited.text());
    let link = app.emailed_token(&email, "invitation");
    let accepted = app.post_json("/api/invitations/accept", &json!({ "token": link }));
    assert_eq!(accepted.status, 200, "{}", accepted.text());
    (
        email,
        accepted.json()["access_token"].as_str().unwrap().to_owned(),
    )
}

/// The erased contact's name, email and phone, wherever they appear in
/// the organisation's export (what a colleague sees of everything the
/// portal holds about it), apart from the audit log: append-only, the
/// record of who did what, kept by law (README, Personal data).
fn traces_in_export(export: &Value, needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (part, rows) in export.as_object().unwrap() {
        if part == "audit_entries" {
            continue;
        }
        let text = rows.to_string().to_lowercase();
        for needle in needles {
            if text.contains(&needle.to_lowercase()) {
                found.push(format!("{part} holds {needle}"));
            }
        }
    }
    found
}

#[test]
fn a_contact_erases_themselves_through_the_emailed_links_page_and_leaves_no_trace() {
    let app = spawn_app();
    let (email, token) = app.customer();
    app.incident(&token);
    let (_, bor) = colleague(&app, &token);
    let me = app.get_as("/api/me", &token).json();
    let contact = &me["contact"];
    let (name, phone) = (
        contact["name"].as_str().unwrap().to_owned(),
        contact["phone"].as_str().unwrap().to_owned(),
    );
    let needles = [name.as_str(), email.as_str(), phone.as_str()];
    let export = app.get_as("/api/me/export", &bor).json();
    assert!(!traces_in_export(&export, &needles).is_empty(), "{export}");

    let asked = delete_me(&app, &token);
    assert_eq!(asked.status, 202, "{}", asked.text());
    assert_eq!(asked.json()["status"], "erasure_requested");
    let link = app.emailed_token(&email, "confirm-erasure");
    // Opening the link erases nothing: its page has the one button.
    let page = app.get(&format!("/confirm-erasure?token={link}"));
    assert_eq!(page.status, 200, "{}", page.text());
    assert!(page.text().contains("action=\"/confirm-erasure\""));
    assert_eq!(app.get_as("/api/me", &token).status, 200);

    let erased =
        app.post_form_with_cookie("/confirm-erasure", "", &app.0.origin(), &[("token", &link)]);
    assert_eq!(erased.status, 200, "{}", erased.text());
    assert_eq!(app.get_as("/api/me", &token).status, 401, "signed out");
    let again =
        app.post_form_with_cookie("/confirm-erasure", "", &app.0.origin(), &[("token", &link)]);
    again.tells_of_link(400, "erased already", "/privacy");

    let export = app.get_as("/api/me/export", &bor).json();
    assert_eq!(
        traces_in_export(&export, &needles),
        Vec::<String>::new(),
        "{export}"
    );
    assert!(export["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["name"] == "Erased contact" && c["status"] == "removed"));
    assert_eq!(export["incidents"].as_array().unwrap().len(), 1, "it stays");
    let incidents = app.get_as("/api/me/incidents", &bor);
    assert_eq!(incidents.status, 200, "{}", incidents.text());
    assert_eq!(
        export["ledger"].as_array().unwrap().len(),
        1,
        "the free coupon stays"
    );
    // No sign-in link reaches the old address, and staff see nothing to it.
    let asked = app.post_json("/api/sessions", &json!({ "email": email }));
    assert_eq!(asked.status, 202);
    assert!(app.outbox(&email).is_empty());
}

#[test]
fn the_profile_pages_button_only_emails_the_link_and_its_page_erases() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let cookie = app.browser(&email);
    let profile = app.get_with_cookie("/portal/profile", &cookie).text();
    assert!(profile.contains("action=\"/portal/erasure\""), "{profile}");
    let sent = app.outbox(&email).len();
    let forged = app.post_form_with_cookie("/portal/erasure", &cookie, "https://evil.example", &[]);
    assert_eq!(forged.status, 403, "{}", forged.text());
    assert_eq!(
        app.outbox(&email).len(),
        sent,
        "a cross-site form sends nothing"
    );

    let asked = app.post_form_with_cookie("/portal/erasure", &cookie, &app.0.origin(), &[]);
    assert_eq!(asked.status, 200, "{}", asked.text());
    assert!(
        asked.text().contains("emailed you a link"),
        "{}",
        asked.text()
    );
    assert_eq!(
        app.get_as("/api/me", &token).status,
        200,
        "nothing erased yet"
    );

    let link = app.emailed_token(&email, "confirm-erasure");
    let erased =
        app.post_form_with_cookie("/confirm-erasure", "", &app.0.origin(), &[("token", &link)]);
    assert_eq!(erased.status, 200, "{}", erased.text());
    assert_eq!(app.get_as("/api/me", &token).status, 401);
    assert_eq!(
        app.get_with_cookie("/portal/profile", &cookie)
            .header("location"),
        Some("/sign-in?next=%2Fportal%2Fprofile"),
        "the browser's session ended too"
    );
}

/// The erasure links emailed to `to`, newest first, as staff see them.
fn erasure_links(app: &TestApp<impl Transport>, to: &str) -> Vec<Value> {
    app.outbox(to)
        .into_iter()
        .filter(|m| {
            m["text"]
                .as_str()
                .unwrap()
                .contains("/confirm-erasure?token=")
        })
        .collect()
}

#[test]
fn the_erasure_page_never_tells_of_a_link_that_was_never_sent() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let cookie = app.browser(&email);
    // Many other emails in the hour: pro-formas, an incident's.
    for _ in 0..3 {
        app.order(&token, 1, "bank_transfer");
    }
    app.incident(&token);
    assert!(app.outbox(&email).len() >= 7);
    assert!(erasure_links(&app, &email).is_empty());

    let page = app.post_form_with_cookie("/portal/erasure", &cookie, &app.0.origin(), &[]);
    assert_eq!(page.status, 200, "{}", page.text());
    assert!(
        page.text().contains("emailed you a link"),
        "{}",
        page.text()
    );
    assert_eq!(
        erasure_links(&app, &email).len(),
        1,
        "the link the page tells of went"
    );

    let quota = usize::try_from(LINKS_PER_HOUR).unwrap();
    let statuses: Vec<u16> = (1..quota).map(|_| delete_me(&app, &token).status).collect();
    assert_eq!(statuses, vec![202; quota - 1]);
    let refused = delete_me(&app, &token);
    let problem = refused.problem(429);
    assert_eq!(problem["type"], "/problems/link-withheld", "{problem}");
    assert!(refused.header("retry-after").is_some());
    let sent = erasure_links(&app, &email);
    assert_eq!(sent.len(), quota, "none beyond the quota");
    // The page names the newest link that went, and when to ask again.
    let newest = sent[0]["created_at"].as_str().unwrap();
    assert_eq!(problem["last_requested_at"], newest, "{problem}");
    let page = app.post_form_with_cookie("/portal/erasure", &cookie, &app.0.origin(), &[]);
    assert_eq!(page.status, 429, "{}", page.text());
    let text = page.text();
    assert!(
        page.header("content-type")
            .is_some_and(|t| t.starts_with("text/html"))
            && text.contains(newest)
            && text.contains(problem["retry_at"].as_str().unwrap()),
        "the form's answer is a page that names the last link and when to ask again: {text}"
    );
    assert_eq!(erasure_links(&app, &email).len(), quota);
    assert_eq!(app.get_as("/api/me", &token).status, 200, "nothing erased");
}

/// The emails to `to`, as staff see them: their ids.
fn email_ids(app: &TestApp<impl Transport>, to: &str) -> Vec<String> {
    app.outbox(to)
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_owned())
        .collect()
}

/// The ids of the emails in an export.
fn exported_email_ids(export: &Value) -> Vec<String> {
    export["emails"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_owned())
        .collect()
}

/// A contact of the organisation of `token` with a pro-forma and an
/// incident's email, whom a colleague then removes: their address, the
/// ids of the emails they had, and the order they placed.
fn removed_contact_with_emails(app: &TestApp<impl Transport>) -> (String, Vec<String>, String) {
    let (email, token) = app.customer();
    let (_, colleague_token) = colleague(app, &token);
    let order = app.order(&token, 2, "bank_transfer");
    app.incident(&token);
    let contact_id = app.get_as("/api/me", &token).json()["contact"]["contact_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let authorization = format!("Bearer {colleague_token}");
    let removed = app.0.send(
        "DELETE",
        &format!("/api/me/contacts/{contact_id}"),
        &[("authorization", &authorization)],
        Vec::new(),
    );
    assert!(matches!(removed.status, 200 | 204), "{}", removed.text());
    let ids = email_ids(app, &email);
    assert!(ids.len() >= 4, "{ids:?}");
    (email, ids, order["order_id"].as_str().unwrap().to_owned())
}

#[test]
fn a_removed_contacts_address_registered_again_downloads_none_of_its_old_organisations_emails() {
    let app = spawn_app();
    let (email, theirs, order) = removed_contact_with_emails(&app);
    // The same address registers a new organisation.
    let serial = crate::helpers::unique_serial();
    app.licensed_to_kovinar(&serial);
    app.register_and_verify(&email, &serial);
    let token = app.sign_in(&email);
    let export = app.get_as("/api/me/export", &token).json();
    let exported = exported_email_ids(&export);
    let leaked: Vec<&String> = exported.iter().filter(|id| theirs.contains(id)).collect();
    assert!(
        leaked.is_empty(),
        "another organisation's emails: {leaked:?}"
    );
    assert!(!export.to_string().contains(&order), "{export}");
    // Its own emails are there: the new registration's.
    assert!(!exported.is_empty());
    assert!(export["emails"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["contact_id"] == export["contact_id"]));
}

#[test]
fn another_organisations_removed_contact_invited_brings_none_of_its_emails() {
    let app = spawn_app();
    let (email, theirs, order) = removed_contact_with_emails(&app);
    let (_, inviter) = app.customer();
    let invited = app.post_json_as(
        "/api/me/contacts",
        &inviter,
        &json!({"name": "Ana Novak", "email": email, "phone": "+386 40 111 222"}),
    );
    assert_eq!(invited.status, 201, "{}", invited.text());
    let link = app.emailed_token(&email, "invitation");
    let accepted = app.post_json("/api/invitations/accept", &json!({ "token": link }));
    assert_eq!(accepted.status, 200, "{}", accepted.text());
    for token in [
        inviter,
        accepted.json()["access_token"].as_str().unwrap().to_owned(),
    ] {
        let export = app.get_as("/api/me/export", &token).json();
        let leaked: Vec<String> = exported_email_ids(&export)
            .into_iter()
            .filter(|id| theirs.contains(id))
            .collect();
        assert!(
            leaked.is_empty(),
            "another organisation's emails: {leaked:?}"
        );
        assert!(!export.to_string().contains(&order), "{export}");
    }
}

#[test]
fn only_an_admin_erases_a_contact_at_the_desk_once() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let contact_id = app.get_as("/api/me", &token).json()["contact"]["contact_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/staff/contacts/{contact_id}/erasure");
    for role in ["agent", "finance"] {
        let member = app.staff_member(role);
        app.send_as_staff("POST", &path, &member, Forgery::None, Some(&json!({})))
            .problem(403);
    }
    let (_, other) = app.customer();
    app.post_json_as(&path, &other, &json!({})).problem(403);
    let (_, key) = partner(&app, "both");
    app.post_json_as(&path, &key, &json!({})).problem(403);
    assert_eq!(
        app.get_as("/api/me", &token).status,
        200,
        "nobody erased her"
    );

    let admin = app.staff_member("admin");
    for _ in 0..2 {
        let erased = app.send_as_staff("POST", &path, &admin, Forgery::None, Some(&json!({})));
        assert_eq!(erased.status, 200, "{}", erased.text());
        assert_eq!(
            erased.json(),
            json!({"contact_id": contact_id, "status": "erased"})
        );
    }
    let audit = app.staff_get(&format!("/api/staff/audit?target={contact_id}"));
    assert_eq!(
        audit.json()["entries"].as_array().unwrap().len(),
        1,
        "the replay wrote nothing"
    );
    assert_eq!(app.get_as("/api/me", &token).status, 401);
    assert!(app.outbox(&email).is_empty());
    app.send_as_staff(
        "POST",
        "/api/staff/contacts/con_00000000000000000000000000/erasure",
        &admin,
        Forgery::None,
        Some(&json!({})),
    )
    .problem(404);
}
