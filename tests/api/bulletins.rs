//! News bulletins: published by staff, sent to subscribed contacts with a
//! one-click unsubscribe link, listed at /news.

use serde_json::{json, Value};

use crate::helpers::{unique, TestApp, Transport};
use crate::spawn_app;

fn publish<T: Transport>(app: &TestApp<T>, subject: &str) -> Value {
    let published = app.staff_send(
        "POST",
        "/api/staff/bulletins",
        &json!({"subject": subject, "body": "Version 9 is out.\n\n- faster shifts\n- <b>new</b> reports"}),
    );
    assert_eq!(published.status, 202, "{}", published.text());
    published.json()
}

/// The bulletin's summary on the desk, once every recipient's email is
/// written (the queue works through them in batches).
fn written<T: Transport>(app: &TestApp<T>, id: &str) -> Value {
    let start = std::time::Instant::now();
    loop {
        let list = app.staff_get("/api/staff/bulletins");
        assert_eq!(list.status, 200, "{}", list.text());
        let summary = list.json()["bulletins"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["bulletin_id"] == id)
            .cloned()
            .expect("the bulletin is listed");
        if summary["pending"] == 0 {
            return summary;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "{summary}"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

/// The outbox id of the bulletin `subject` to `to`, if one was written.
fn bulletin_to<T: Transport>(app: &TestApp<T>, to: &str, subject: &str) -> Option<String> {
    app.outbox(to)
        .into_iter()
        .find(|m| m["subject"] == subject)
        .map(|m| m["id"].as_str().unwrap().to_owned())
}

/// A signed-in customer who subscribed to bulletins: (email, token).
fn subscriber<T: Transport>(app: &TestApp<T>) -> (String, String) {
    subscribed(app, app.customer())
}

/// A customer written to in `language` who subscribed: (email, token).
fn subscriber_in<T: Transport>(app: &TestApp<T>, language: &str) -> (String, String) {
    subscribed(app, app.customer_in(language))
}

fn subscribed<T: Transport>(
    app: &TestApp<T>,
    (email, token): (String, String),
) -> (String, String) {
    let subscribed = app.0.send(
        "PATCH",
        "/api/me",
        &[
            ("content-type", "application/json"),
            ("authorization", &format!("Bearer {token}")),
        ],
        json!({"newsletter": true}).to_string().into_bytes(),
    );
    assert_eq!(subscribed.status, 200, "{}", subscribed.text());
    (email, token)
}

#[test]
fn a_bulletin_reaches_subscribers_and_one_click_unsubscribes() {
    let app = &spawn_app();
    let (ana, _) = subscriber(app);
    let (bor, _) = subscriber(app);
    let subject = unique("Spica news");
    let published = publish(app, &subject);
    let id = published["bulletin_id"].as_str().unwrap();
    assert!(published["recipients"].as_i64().unwrap() >= 2);
    written(app, id);

    let email = app.email_body_received(&bulletin_to(app, &ana, &subject).expect("sent to Ana"));
    assert!(
        email["html"]
            .as_str()
            .unwrap()
            .contains("<li>&lt;b&gt;new&lt;/b&gt; reports</li>"),
        "{email}"
    );
    assert_eq!(
        email["headers"]["List-Unsubscribe-Post"],
        "List-Unsubscribe=One-Click"
    );
    let header = email["headers"]["List-Unsubscribe"].as_str().unwrap();
    assert!(header.starts_with('<') && header.ends_with('>'), "{header}");
    let link = &header[header
        .find("/unsubscribe?token=")
        .expect("an unsubscribe link")..header.len() - 1];
    assert!(email["text"].as_str().unwrap().contains(link));

    // The link opens a page with a button; the mail client's one-click
    // POST (no session, no Origin) unsubscribes.
    let page = app.get(link);
    assert_eq!(page.status, 200);
    assert!(page
        .text()
        .contains("<button type=\"submit\">Unsubscribe</button>"));
    let one_click = app.0.send(
        "POST",
        link,
        &[("content-type", "application/x-www-form-urlencoded")],
        b"List-Unsubscribe=One-Click".to_vec(),
    );
    assert_eq!(one_click.status, 200, "{}", one_click.text());
    assert!(one_click.text().contains("no more news"));

    let next = unique("Spica news");
    let second = publish(app, &next);
    written(app, second["bulletin_id"].as_str().unwrap());
    assert!(
        bulletin_to(app, &bor, &next).is_some(),
        "Bor is still subscribed"
    );
    assert_eq!(bulletin_to(app, &ana, &next), None, "Ana unsubscribed");
}

#[test]
fn each_subscriber_is_sent_the_bulletin_in_their_language() {
    let app = &spawn_app();
    let (ana, _) = subscriber_in(app, "sl");
    let (bob, _) = subscriber_in(app, "en");
    let (subject, subject_sl) = (unique("Version 9"), unique("Različica 9"));
    let half = app.staff_send(
        "POST",
        "/api/staff/bulletins",
        &json!({"subject": subject, "body": "It is out.", "subject_sl": subject_sl}),
    );
    let problem = half.problem(422);
    assert_eq!(problem["errors"][0]["field"], "body_sl", "{problem}");
    let published = app.staff_send(
        "POST",
        "/api/staff/bulletins",
        &json!({"subject": subject, "body": "It is out.", "subject_sl": subject_sl, "body_sl": "Izšla je."}),
    );
    assert_eq!(published.status, 202, "{}", published.text());
    let id = published.json()["bulletin_id"].as_str().unwrap().to_owned();
    let summary = written(app, &id);
    assert_eq!(summary["subject_sl"], subject_sl.as_str(), "{summary}");

    let to_ana =
        app.email_body_received(&bulletin_to(app, &ana, &subject_sl).expect("Slovenian to Ana"));
    let text = to_ana["text"].as_str().unwrap();
    assert!(
        text.starts_with("Izšla je.\n") && text.contains("Za odjavo odprite"),
        "{text}"
    );
    assert!(to_ana["html"].as_str().unwrap().contains(">Odjava</a>"));
    assert_eq!(
        bulletin_to(app, &ana, &subject),
        None,
        "Ana gets the Slovenian only"
    );
    let to_bob =
        app.email_body_received(&bulletin_to(app, &bob, &subject).expect("English to Bob"));
    let text = to_bob["text"].as_str().unwrap();
    assert!(
        text.starts_with("It is out.\n") && text.contains("To unsubscribe"),
        "{text}"
    );
}

#[test]
fn the_desk_form_takes_the_slovenian_version_and_keeps_it_on_an_error() {
    let app = &spawn_app();
    let cookie = app.desk_cookie();
    let origin = app.0.origin();
    let form = app.get_with_cookie("/desk/bulletins", &cookie);
    assert_eq!(form.status, 200, "{}", form.text());
    let html = form.text();
    assert!(
        html.contains("name=\"subject_sl\"") && html.contains("name=\"body_sl\""),
        "{html}"
    );
    let subject_sl = unique("Različica 9");
    let refused = app.post_form_with_cookie(
        "/desk/bulletins",
        &cookie,
        &origin,
        &[
            ("subject", "Version 9"),
            ("body", "It is out."),
            ("subject_sl", &subject_sl),
        ],
    );
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert!(
        refused.text().contains(&subject_sl),
        "the Slovenian subject is kept"
    );
    let published = app.post_form_with_cookie(
        "/desk/bulletins",
        &cookie,
        &origin,
        &[
            ("subject", "Version 9"),
            ("body", "It is out."),
            ("subject_sl", &subject_sl),
            ("body_sl", "Izšla je."),
        ],
    );
    assert_eq!(published.status, 303, "{}", published.text());
    let list = app.staff_get("/api/staff/bulletins").json();
    assert!(list["bulletins"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["subject_sl"] == subject_sl.as_str()));
}

#[test]
fn a_forged_unsubscribe_link_unsubscribes_nobody() {
    let app = &spawn_app();
    let forged = app.0.send(
        "POST",
        "/unsubscribe?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        &[("content-type", "application/x-www-form-urlencoded")],
        b"List-Unsubscribe=One-Click".to_vec(),
    );
    assert_eq!(forged.status, 400);
    assert_eq!(app.get("/unsubscribe").status, 400);
}

#[test]
fn published_bulletins_are_listed_as_news() {
    let app = &spawn_app();
    let subject = unique("Release notes");
    let published = publish(app, &subject);
    let id = published["bulletin_id"].as_str().unwrap();
    let news = app.get("/news");
    assert_eq!(news.status, 200);
    assert!(news
        .text()
        .contains(&format!("<a href=\"/news/{id}\">{subject}</a>")));
    let item = app.get(&format!("/news/{id}"));
    assert_eq!(item.status, 200);
    assert!(item.text().contains("<ul><li>faster shifts</li>"));
    assert_eq!(app.get("/news/bul_none").status, 404);
}

#[test]
fn a_bulletin_needs_a_subject_and_a_body() {
    let app = &spawn_app();
    let refused = app.staff_send(
        "POST",
        "/api/staff/bulletins",
        &json!({"subject": "", "body": "x"}),
    );
    let problem = refused.problem(422);
    assert!(problem.to_string().contains("subject"), "{problem}");
}

#[test]
fn customers_cannot_publish_bulletins() {
    let app = &spawn_app();
    let (_, token) = app.customer();
    let refused = app.post_json_as(
        "/api/staff/bulletins",
        &token,
        &json!({"subject": "Hi", "body": "spam"}),
    );
    assert!(matches!(refused.status, 401 | 403), "{}", refused.status);
}

#[test]
fn a_contact_changes_the_subscription_in_the_profile() {
    let app = &spawn_app();
    let (ana, token) = subscriber(app);
    let me = |body: Value| {
        app.0.send(
            "PATCH",
            "/api/me",
            &[
                ("content-type", "application/json"),
                ("authorization", &format!("Bearer {token}")),
            ],
            body.to_string().into_bytes(),
        )
    };
    let off = me(json!({"newsletter": false}));
    assert_eq!(off.status, 200, "{}", off.text());
    assert_eq!(app.get_as("/api/me", &token).json()["newsletter"], false);
    let subject = unique("Spica news");
    let published = publish(app, &subject);
    written(app, published["bulletin_id"].as_str().unwrap());
    assert_eq!(bulletin_to(app, &ana, &subject), None);

    assert_eq!(me(json!({"newsletter": true})).status, 200);
    assert_eq!(app.get_as("/api/me", &token).json()["newsletter"], true);
    me(json!({"newsletter": "yes"})).problem(422);
}
