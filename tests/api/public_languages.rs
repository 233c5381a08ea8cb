//! The public pages in the reader's language (issue 23): Slovenian by the
//! `lang` cookie or the browser's `Accept-Language`, English otherwise; the
//! switch on every page; signing in makes the contact's own language the
//! browser's.

use serde_json::json;

use crate::english::{assert_slovenian, english_in, machine_timestamps, readable};
use crate::helpers::{registration, unique_email, unique_serial, TestApp, TestResponse, Transport};
use crate::spawn_app;

/// The public pages every visitor can open, each with a sentence of its
/// Slovenian.
const PUBLIC_PAGES: [(&str, &str); 6] = [
    ("/", "Prvi kupon je brezplačen."),
    ("/register", "Registracija uporabnika Time &amp; Space"),
    ("/sign-in", "Pošljite mi povezavo za prijavo"),
    ("/news", "<h1>Novice</h1>"),
    ("/privacy", "30 dni po registraciji, nato jo izbrišemo"),
    ("/terms", "25,00\u{a0}€"),
];

fn get_with(app: &TestApp<impl Transport>, path: &str, header: (&str, &str)) -> TestResponse {
    app.0.send("GET", path, &[header], Vec::new())
}

/// Every `Set-Cookie` of an answer, as `name=value`.
fn cookies_set(answer: &TestResponse) -> Vec<String> {
    answer
        .headers
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case("set-cookie"))
        .filter_map(|(_, value)| value.split(';').next().map(str::to_owned))
        .collect()
}

#[test]
fn the_public_pages_speak_slovenian_by_cookie_or_browser_and_english_otherwise() {
    let app = spawn_app();
    for (path, slovenian) in PUBLIC_PAGES {
        for asked in [
            ("cookie", "lang=sl"),
            ("accept-language", "sl-SI,sl;q=0.9,en;q=0.5"),
        ] {
            let page = get_with(&app, path, asked);
            assert_eq!(page.status, 200, "{path}: {}", page.text());
            assert_eq!(page.header("content-language"), Some("sl"), "{path}");
            let html = page.text();
            assert!(html.contains(slovenian), "{path} {asked:?}: {html}");
            assert_slovenian("visitor", path, &html);
        }
        let english = app.get(path).text();
        assert!(english.contains("<html lang=\"en\">"), "{path}: {english}");
        assert!(!english.contains(slovenian), "{path}: {english}");
    }
    // The cookie, which the switch sets, outranks the browser's language.
    let chosen = app.0.send(
        "GET",
        "/",
        &[("cookie", "lang=en"), ("accept-language", "sl")],
        Vec::new(),
    );
    assert!(chosen.text().contains("<html lang=\"en\">"));
    assert!(chosen.text().contains("Your first coupon is free."));
}

#[test]
fn the_switch_sets_the_cookie_and_goes_back_to_the_page_it_was_on() {
    let app = spawn_app();
    let origin = app.0.origin();
    let referer = format!("{origin}/terms");
    let switched = app.0.send(
        "POST",
        "/language",
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("origin", &origin),
            ("referer", &referer),
        ],
        b"lang=sl".to_vec(),
    );
    assert_eq!(switched.status, 303, "{}", switched.text());
    assert_eq!(switched.header("location"), Some("/terms"));
    assert_eq!(cookies_set(&switched), ["lang=sl"]);
    let terms = app.get_with_cookie("/terms", "lang=sl");
    assert_slovenian("visitor", "/terms", &terms.text());

    // Back to English, from a page with a query.
    let referer = format!("{origin}/sign-in?next=%2Fportal");
    let back = app.0.send(
        "POST",
        "/language",
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("origin", &origin),
            ("referer", &referer),
            ("cookie", "lang=sl"),
        ],
        b"lang=en".to_vec(),
    );
    assert_eq!(back.status, 303);
    assert_eq!(back.header("location"), Some("/sign-in?next=%2Fportal"));
    assert_eq!(cookies_set(&back), ["lang=en"]);

    // Another site's page as the Referer: home, not there.
    let elsewhere = app.0.send(
        "POST",
        "/language",
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("origin", &origin),
            ("referer", "https://elsewhere.example/terms"),
        ],
        b"lang=sl".to_vec(),
    );
    assert_eq!(elsewhere.header("location"), Some("/"));
}

#[test]
fn a_switch_posted_from_another_site_is_refused_and_an_unknown_language_changes_nothing() {
    let app = spawn_app();
    let forged = app.0.send(
        "POST",
        "/language",
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("origin", "https://elsewhere.example"),
            ("referer", "https://elsewhere.example/"),
        ],
        b"lang=sl".to_vec(),
    );
    assert_eq!(forged.status, 403, "{}", forged.text());
    assert!(cookies_set(&forged).is_empty());

    let origin = app.0.origin();
    let referer = format!("{origin}/news");
    for unknown in ["de", "SL", "", "sl-SI"] {
        let body = serde_urlencoded::to_string([("lang", unknown)]).unwrap();
        let answer = app.0.send(
            "POST",
            "/language",
            &[
                ("content-type", "application/x-www-form-urlencoded"),
                ("origin", &origin),
                ("referer", &referer),
                ("cookie", "lang=sl"),
            ],
            body.into_bytes(),
        );
        assert_eq!(answer.status, 303, "{unknown}");
        assert_eq!(answer.header("location"), Some("/news"), "{unknown}");
        assert!(cookies_set(&answer).is_empty(), "{unknown}");
    }
}

/// Registers a contact who chose `language`, confirms, and signs in with
/// the emailed link from a browser that asks for `browser`: the answer.
fn sign_in_as(app: &TestApp<impl Transport>, language: &str, browser: &str) -> TestResponse {
    let email = unique_email();
    let serial = unique_serial();
    app.licensed_to_kovinar(&serial);
    let mut body = registration(&email, &serial);
    body["contact"]["language"] = json!(language);
    let registered = app.post_json("/api/registrations", &body);
    assert_eq!(registered.status, 201, "{}", registered.text());
    let link = app.emailed_token(&email, "verify");
    app.post_json("/api/registrations/verify", &json!({ "token": link }));
    app.post_json("/api/sessions", &json!({ "email": email }));
    let link = app.emailed_token(&email, "sign-in");
    let form = serde_urlencoded::to_string([("token", link.as_str())]).unwrap();
    let origin = app.0.origin();
    app.0.send(
        "POST",
        "/sign-in",
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("origin", &origin),
            ("accept-language", browser),
        ],
        form.into_bytes(),
    )
}

#[test]
fn signing_in_makes_the_contact_s_own_language_the_browser_s() {
    let app = spawn_app();
    let signed_in = sign_in_as(&app, "sl", "en-GB");
    assert_eq!(signed_in.status, 303, "{}", signed_in.text());
    let cookies = cookies_set(&signed_in);
    assert_eq!(cookies.len(), 2, "{cookies:?}");
    assert_eq!(cookies[1], "lang=sl", "the session's cookie comes first");
    // The browser, English by its header, now reads Slovenian.
    let both = cookies.join("; ");
    for path in ["/", "/privacy", "/news"] {
        let page = app.0.send(
            "GET",
            path,
            &[("cookie", &both), ("accept-language", "en-GB")],
            Vec::new(),
        );
        assert_eq!(page.status, 200, "{}", page.text());
        assert_slovenian("contact", path, &page.text());
    }

    let english = sign_in_as(&app, "en", "sl-SI");
    assert_eq!(english.status, 303, "{}", english.text());
    assert_eq!(cookies_set(&english)[1], "lang=en");
}

#[test]
fn refusals_on_the_public_pages_are_said_in_slovenian() {
    let app = spawn_app();
    let origin = app.0.origin();
    // An address registered already, typed into the form in Slovenian.
    let email = unique_email();
    let serial = unique_serial();
    app.licensed_to_kovinar(&serial);
    app.register_and_verify(&email, &serial);
    let fields = [
        ("serial", "0"),
        ("company_name", "Kovinar d.o.o."),
        ("street", "Tržaška cesta 12"),
        ("postal_code", "1000"),
        ("city", "Ljubljana"),
        ("country", "SI"),
        ("contact_name", "Ana Novak"),
        ("email", email.as_str()),
        ("phone", "+386 1 234 5678"),
        ("language", "sl"),
        ("accept_terms", "on"),
    ];
    let again = app.post_form_with_cookie("/register", "lang=sl", &origin, &fields);
    assert_eq!(again.status, 422, "{}", again.text());
    let html = again.text();
    assert!(
        html.contains(
            "<p id=\"email-error\" role=\"alert\">naslov je že registriran; raje se prijavite</p>"
        ),
        "{html}"
    );
    assert!(html.contains("value=\"Tržaška cesta 12\""), "{html}");

    // A link that cannot be used, and the partner's key refused.
    let spent = app.post_form_with_cookie("/sign-in", "lang=sl", &origin, &[("token", "x")]);
    assert_eq!(spent.status, 400, "{}", spent.text());
    assert!(spent
        .text()
        .contains("Ta povezava za prijavo ni več veljavna."));
    assert_slovenian("visitor", "/sign-in", &spent.text());
    let refused =
        app.post_form_with_cookie("/partner/sign-in", "lang=sl", &origin, &[("key", "wrong")]);
    assert_eq!(refused.status, 401, "{}", refused.text());
    assert!(refused.text().contains("To ni veljaven ključ partnerja."));
    assert_slovenian("visitor", "/partner/sign-in", &refused.text());
}

#[test]
fn a_withheld_sign_in_link_is_told_in_slovenian_with_its_times_as_people_write_them() {
    let app = spawn_app();
    let origin = app.0.origin();
    let email = unique_email();
    let ask = || app.post_form_with_cookie("/sign-in", "lang=sl", &origin, &[("email", &email)]);
    let mut answer = ask();
    for _ in 0..10 {
        if answer.status == 429 {
            break;
        }
        assert_eq!(answer.status, 200, "{}", answer.text());
        assert!(answer.text().contains("Preverite e-pošto"));
        answer = ask();
    }
    assert_eq!(answer.status, 429, "{}", answer.text());
    let html = answer.text();
    assert_slovenian("visitor", "/sign-in", &html);
    assert!(html.contains("zahtevanih 5 povezav"), "{html}");
    assert!(html.contains("<time datetime=\""), "{html}");
    assert!(html.contains(" ob "), "{html}");
    let text = readable(&html);
    assert!(machine_timestamps(&text).is_empty(), "{text}");
    assert!(english_in(&text).is_empty(), "{text}");
}
