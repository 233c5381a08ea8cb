//! The portal and the partner pages in the reader's language (issue 23): a
//! Slovenian reader (`lang=sl`) reads Slovenian sentences, plural forms,
//! money (`30,50 €`) and times (`6. 12. 2026 ob 19:05`); the profile's
//! language is the pages' language from the next page on.

use serde_json::json;

use crate::helpers::{
    access_assertion, checkout_completed, unique, unique_email, unique_serial, Forgery, TestApp,
    Transport,
};
use crate::licensing::{import, partner, today};
use crate::spawn_app;

const NBSP: char = '\u{a0}';

/// The session cookie with the language switch's cookie beside it.
fn in_slovenian(cookie: &str) -> String {
    format!("{cookie}; lang=sl")
}

/// A page read in Slovenian: its text, after checking it is 200 and says
/// `<html lang="sl">`.
fn slovenian_page(app: &TestApp<impl Transport>, path: &str, cookie: &str) -> String {
    let page = app.get_with_cookie(path, &in_slovenian(cookie));
    assert_eq!(page.status, 200, "{path}: {}", page.text());
    let text = page.text();
    assert!(text.contains("<html lang=\"sl\""), "{path}: {text}");
    text
}

/// None of `english` on the page.
fn without_english(page: &str, english: &[&str]) {
    for words in english {
        assert!(
            !page.contains(words),
            "{words:?} on a Slovenian page: {page}"
        );
    }
}

/// What a `<time>` right after `before` says to its reader.
fn time_after<'a>(page: &'a str, before: &str) -> &'a str {
    let at = page
        .find(before)
        .unwrap_or_else(|| panic!("no {before:?} in {page}"));
    let rest = &page[at + before.len()..];
    let open = rest.find('>').expect("a <time> element") + 1;
    let close = rest.find("</time>").expect("a </time>");
    &rest[open..close]
}

/// `6. 12. 2026 ob 19:05 CET`: a Slovenian date and time, and the zone.
fn is_slovenian_time(text: &str) -> bool {
    let Some((date, rest)) = text.split_once(" ob ") else {
        return false;
    };
    let parts: Vec<&str> = date.split(". ").collect();
    let date_ok = parts.len() == 3
        && parts[0].parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
        && parts[1].parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
        && parts[2].len() == 4
        && parts[2].parse::<u32>().is_ok();
    let Some((clock, zone)) = rest.split_once(' ') else {
        return false;
    };
    let clock_ok = clock.len() == 5
        && clock.as_bytes()[2] == b':'
        && clock[..2].parse::<u32>().is_ok()
        && clock[3..].parse::<u32>().is_ok();
    date_ok && clock_ok && (zone == "CET" || zone == "CEST")
}

#[test]
fn slovenian_times_are_recognised() {
    assert!(is_slovenian_time("6. 12. 2026 ob 19:05 CET"));
    assert!(is_slovenian_time("30. 6. 2026 ob 09:00 CEST"));
    assert!(!is_slovenian_time("6 Dec 2026, 19:05 CET"));
    assert!(!is_slovenian_time("2026-12-07T18:17:11.271Z"));
}

#[test]
fn the_overview_in_slovenian_counts_coupons_in_their_plural_forms() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let cookie = app.browser(&email);
    let balance = |app: &TestApp<_>| {
        let page = slovenian_page(app, "/portal", &cookie);
        let start = page.find("id=\"coupon-balance\"").expect("the balance");
        let rest = &page[start..];
        let text = &rest[rest.find('>').unwrap() + 1..rest.find("</p>").unwrap()];
        (text.to_owned(), page)
    };
    // The free first coupon, then 2, 3 and 5.
    let (one, page) = balance(&app);
    assert_eq!(one, "1 kupon, 15 minut neposredne podpore");
    assert!(
        page.contains("<h2 id=\"balance-heading\">Stanje kuponov</h2>"),
        "{page}"
    );
    assert!(
        page.contains("Evidenca kuponov, najnovejši vnosi najprej"),
        "{page}"
    );
    assert!(page.contains("Brezplačni prvi kupon"), "{page}");
    without_english(
        &page,
        &[
            "coupon(s)",
            "Support balance",
            "Coupon ledger",
            "Buy coupons",
            "Request support",
            "Orders",
        ],
    );
    for (add, expected) in [
        (1, "2 kupona, 30 minut neposredne podpore"),
        (1, "3 kuponi, 45 minut neposredne podpore"),
        (2, "5 kuponov, 75 minut neposredne podpore"),
    ] {
        app.adjust(&token, add);
        assert_eq!(balance(&app).0, expected);
    }
    // The ledger's times are Slovenian too.
    let (_, page) = balance(&app);
    let shown = time_after(&page, "<td><time datetime=");
    assert!(is_slovenian_time(shown), "{shown}");

    // An English reader reads English plurals, never "(s)".
    let english = app.get_with_cookie("/portal", &cookie).text();
    assert!(
        english.contains("5 coupons, 75 minutes of direct support"),
        "{english}"
    );
    assert!(!english.contains("(s)"), "{english}");
}

#[test]
fn the_order_page_in_slovenian_writes_money_and_dates_as_slovenians_do() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let cookie = app.browser(&email);
    let ordered = app.post_form_with_cookie(
        "/portal/coupons",
        &in_slovenian(&cookie),
        &app.0.origin(),
        &[("quantity", "2"), ("payment_method", "bank_transfer")],
    );
    assert_eq!(ordered.status, 303, "{}", ordered.text());
    let location = ordered.header("location").unwrap().to_owned();
    let page = slovenian_page(&app, &location, &cookie);
    assert!(
        page.contains(&format!("2 kupona po 25,00{NBSP}€ (brez DDV)")),
        "{page}"
    );
    assert!(
        page.contains(&format!("<dd id=\"order-net\">50,00{NBSP}€</dd>")),
        "{page}"
    );
    assert!(
        page.contains(&format!("<strong>61,00{NBSP}€</strong>")),
        "{page}"
    );
    assert!(page.contains(&format!("DDV 22 %: 11,00{NBSP}€")), "{page}");
    assert!(page.contains("čaka na plačilo"), "{page}");
    assert!(page.contains("Plačilo z bančnim nakazilom"), "{page}");
    assert!(page.contains("Prekliči naročilo"), "{page}");
    let until = time_after(&page, "Odprto do <time datetime=");
    assert!(is_slovenian_time(until), "{until}");
    without_english(
        &page,
        &[
            "EUR",
            " coupon",
            "Open until",
            "Total due",
            "Pay by bank transfer",
            "Status:",
            "Amount",
        ],
    );

    // The form again, in Slovenian, when a field is wrong.
    let wrong = app.post_form_with_cookie(
        "/portal/coupons",
        &in_slovenian(&cookie),
        &app.0.origin(),
        &[("quantity", "dva"), ("payment_method", "bank_transfer")],
    );
    assert_eq!(wrong.status, 422);
    let wrong = wrong.text();
    assert!(wrong.contains("vnesite celo število"), "{wrong}");
    assert!(wrong.contains("Nakup kuponov za podporo"), "{wrong}");

    // Paid by card: when, and what it bought, in its plural form.
    let order = app.order(&token, 3, "card");
    let paid = app.stripe_event(&checkout_completed(&unique("evt_"), &order));
    assert_eq!(paid.json()["outcome"], "credited");
    let id = order["order_id"].as_str().unwrap();
    let page = slovenian_page(&app, &format!("/portal/orders/{id}"), &cookie);
    assert!(
        page.contains("3 kupone smo pripisali vašemu stanju."),
        "{page}"
    );
    let when = time_after(&page, "Plačano <time datetime=");
    assert!(is_slovenian_time(when), "{when}");
    assert!(page.contains("Račun <a href=\"/portal/invoices/"), "{page}");
    without_english(&page, &["credited", "Paid", "Invoice"]);
}

#[test]
fn an_incident_and_its_timeline_read_in_slovenian() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let cookie = app.browser(&email);
    // Opened by the desk for the contact, who phoned.
    let me = app.get_as("/api/me", &token).json();
    let organisation = me["customer_id"].as_str().unwrap();
    let agent = app.staff_member("agent");
    let assertion = access_assertion(&agent, app.0.now_seconds(), Forgery::None);
    let opened = app.0.send(
        "POST",
        &format!("/api/staff/organisations/{organisation}/incidents"),
        &[
            ("cf-access-jwt-assertion", &assertion),
            ("content-type", "application/json"),
            ("idempotency-key", &unique("k-")),
        ],
        json!({"subject": "Terminal brez časa", "description": "Od ponedeljka ni časa.",
            "channel": "voice", "phone": "+386 41 777 888"})
        .to_string()
        .into_bytes(),
    );
    assert_eq!(opened.status, 201, "{}", opened.text());
    let id = opened.json()["incident_id"].as_str().unwrap().to_owned();
    let page = slovenian_page(&app, &format!("/portal/incidents/{id}"), &cookie);
    assert!(
        page.contains(
            "Stanje: <span id=\"incident-status\" class=\"badge\">čaka na povratni klic</span>"
        ),
        "{page}"
    );
    assert!(
        page.contains("<dt>Način stika</dt><dd>Telefonski klic</dd>"),
        "{page}"
    );
    assert!(
        page.contains("<dd>0 (neuspešnih v tem oknu: 0)</dd>"),
        "{page}"
    );
    let due = time_after(&page, "<dt>Klic do</dt><dd><time datetime=");
    assert!(is_slovenian_time(due), "{due}");
    assert!(
        page.contains("Poskusi povratnega klica: še ni ničesar."),
        "{page}"
    );
    assert!(
        page.contains("Zahtevek je v imenu kontaktne osebe stranke, ki je poklicala, odprla služba za podporo Spica"),
        "{page}"
    );
    for slovenian in [
        "Podpora v živo",
        "Priponke",
        "Priponk še ni.",
        "Pišite podpori",
        "Skupni čas 0 min 0 s; zaračunani kuponi: 0.",
    ] {
        assert!(page.contains(slovenian), "{slovenian} missing: {page}");
    }
    without_english(
        &page,
        &[
            "Status:",
            "Call by",
            "Callback attempts",
            "Support sessions",
            "Write to support",
            "on behalf of",
            "Files",
            "No files yet",
            "Live support",
            "coupon(s)",
            "Total time",
        ],
    );
    // The API keeps the message as it was written.
    let read = app.get_as(&format!("/api/me/incidents/{id}"), &token);
    assert!(
        read.text().contains("on behalf of the customer"),
        "{}",
        read.text()
    );

    // A message refused for a wrong field says why in Slovenian.
    let refused = app.post_form_with_cookie(
        &format!("/portal/incidents/{id}/messages"),
        &in_slovenian(&cookie),
        &app.0.origin(),
        &[("body", "")],
    );
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert!(refused.text().contains("<html lang=\"sl\""));
    assert!(refused.text().contains("Pišite podpori"));
}

#[test]
fn the_profile_s_language_is_the_next_page_s_language() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let cookie = app.browser(&email);
    let english = app.get_with_cookie("/portal/profile", &cookie).text();
    assert!(english.contains("<html lang=\"en\""), "{english}");
    assert!(english.contains("Your profile"), "{english}");
    // What the helpers registered, the language changed.
    let pairs: Vec<(&str, &str)> = vec![
        ("company_name", "Kovinar d.o.o."),
        ("street", "Tržaška cesta 12"),
        ("postal_code", "1000"),
        ("city", "Ljubljana"),
        ("country", "SI"),
        ("vat_id", "SI12345678"),
        ("contact_name", "Ana Novak"),
        ("email", email.as_str()),
        ("phone", "+386 1 234 5678"),
        ("language", "sl"),
    ];
    let saved = app.post_form_with_cookie("/portal/profile", &cookie, &app.0.origin(), &pairs);
    assert_eq!(saved.status, 303, "{}", saved.text());
    let set = saved.header("set-cookie").expect("the language cookie");
    assert!(set.starts_with("lang=sl"), "{set}");
    assert_eq!(app.get_as("/api/me", &token).json()["language"], "sl");

    // The browser sends the cookie it was given: the next page is Slovenian.
    let page = slovenian_page(&app, "/portal/profile", &cookie);
    for slovenian in [
        "Vaš profil",
        "Ime podjetja",
        "Vaši podatki",
        "Shrani",
        "Jezik naših e-poštnih sporočil in klicev",
    ] {
        assert!(page.contains(slovenian), "{slovenian} missing: {page}");
    }
    assert!(page.contains("<option value=\"sl\" selected>Slovenščina</option>"));
    without_english(
        &page,
        &["Your profile", "Company name", "Your name", "Save<"],
    );

    // And back to English.
    let mut back = pairs.clone();
    back.retain(|(k, _)| *k != "language");
    back.push(("language", "en"));
    let saved = app.post_form_with_cookie(
        "/portal/profile",
        &in_slovenian(&cookie),
        &app.0.origin(),
        &back,
    );
    assert_eq!(saved.status, 303, "{}", saved.text());
    let set = saved.header("set-cookie").expect("the language cookie");
    assert!(set.starts_with("lang=en"), "{set}");
}

#[test]
fn the_partner_page_reads_in_slovenian() {
    let app = spawn_app();
    let (id, key) = partner(&app, "both");
    let signed_in =
        app.post_form_with_cookie("/partner/sign-in", "", &app.0.origin(), &[("key", &key)]);
    assert_eq!(signed_in.status, 303, "{}", signed_in.text());
    let cookie = signed_in.cookie();
    let serial = unique_serial();
    import(
        &app,
        &json!([{"serial": serial, "product": "Time & Space", "edition": "Professional",
            "version": "8.0", "list_price": "1234.50", "installations": 2,
            "partner_id": id, "licensee_name": "KOVINAR d.o.o.",
            "licensee_country": "SI", "licensee_vat_id": "SI12345678"}]),
    );
    let page = slovenian_page(&app, "/partner", &cookie);
    for slovenian in [
        "prodajni partner (prodajate naročnine SUPS) in tehnik (aktivirate namestitve)",
        "Mesečni obračun",
        "Prodaja ali podaljšanje naročnine SUPS",
        "Serijska številka licence",
        "Namestitve licenc vaših strank",
        "Aktivacija, ki jo opravi tehnik",
        "Zasedenih mest: 0 od 2.",
        "Za to licenco imate ta mesec na voljo še 3 od 3 deaktivacij",
    ] {
        assert!(page.contains(slovenian), "{slovenian} missing: {page}");
    }
    assert!(page.contains("Skupaj za "), "{page}");
    assert!(
        page.contains(&format!("<strong>0,00{NBSP}€</strong>")),
        "{page}"
    );
    without_english(
        &page,
        &[
            "EUR",
            "reseller",
            "Monthly statement",
            "Sell SUPS",
            "seats in use",
            "deactivations left",
        ],
    );

    // A sale, its answer in Slovenian.
    let email = unique_email();
    let form = [
        ("idempotency_key", unique("sups-")),
        ("serial", serial.clone()),
        ("company_name", "Kovinar d.o.o.".to_owned()),
        ("street", "Tržaška cesta 12".to_owned()),
        ("postal_code", "1000".to_owned()),
        ("city", "Ljubljana".to_owned()),
        ("country", "SI".to_owned()),
        ("vat_id", String::new()),
        ("contact_name", "Ana Novak".to_owned()),
        ("email", email),
        ("phone", "+386 1 234 5678".to_owned()),
        ("starts_on", today(&app)),
        ("months", "12".to_owned()),
    ];
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let sold = app.post_form_with_cookie(
        "/partner/sups",
        &in_slovenian(&cookie),
        &app.0.origin(),
        &pairs,
    );
    let text = sold.text();
    assert_eq!(sold.status, 200, "{text}");
    assert!(
        text.contains(&format!("Naročnina SUPS za {serial} velja od ")),
        "{text}"
    );
    assert!(text.contains(&format!("{NBSP}€.")), "{text}");
    let sold_from = text.split(" velja od ").nth(1).unwrap_or("");
    assert!(
        sold_from.starts_with(|c: char| c.is_ascii_digit()) && sold_from.contains(". "),
        "{text}"
    );
    without_english(&text, &["EUR", "SUPS for", "covered from", "-01"]);

    // The same sale's form with a wrong field: again, in Slovenian.
    let mut wrong = pairs.clone();
    wrong.retain(|(k, _)| *k != "months" && *k != "idempotency_key");
    let again_key = unique("sups-");
    wrong.push(("idempotency_key", again_key.as_str()));
    wrong.push(("months", "99"));
    let refused = app.post_form_with_cookie(
        "/partner/sups",
        &in_slovenian(&cookie),
        &app.0.origin(),
        &wrong,
    );
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert!(
        refused.text().contains("Prodaja naročnine SUPS"),
        "{}",
        refused.text()
    );
}
