//! Personal data (issue 13): the privacy page.

use crate::spawn_app;

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
