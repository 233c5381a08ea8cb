//! VAT evidence (issue 20): reverse charge only for a VAT number of the
//! buyer's own country, another member state than the seller's, that VIES
//! confirmed for a company of the buyer's name; every other sale in the EU
//! pays the seller's rate and says why, to the customer (profile, coupons
//! and order pages, the order's answer) and to the desk (invoices).
//!
//! The VIES stand-ins (tests/api/native.rs, tests/e2e/standins.py) confirm
//! SI87654321 for "KOVINAR, D.O.O.", ATU12345678 for "Alpenblick Handels
//! GmbH", DE123456789 for "Sternwarte Berlin GmbH" and DE246813579 without
//! a name.

use serde_json::Value;

use crate::helpers::{checkout_completed, unique, Forgery, TestApp, Transport};
use crate::invoices::documents_of;
use crate::spawn_app;

/// GET /api/me once VIES's answer (through the queue, end to end) is in.
fn me_once_checked(app: &TestApp<impl Transport>, token: &str) -> Value {
    let started = std::time::Instant::now();
    loop {
        let me = app.get_as("/api/me", token).json();
        if me["company"]["vat_status"] != "being_checked" {
            return me;
        }
        assert!(started.elapsed().as_secs() < 30, "VIES never answered");
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

/// What a buyer is told and charged: (category, rate, note code) from its
/// profile, and the same from an order it places, whose pages (the coupons
/// page before, the order's after) give the note's reason in words.
fn charged(app: &TestApp<impl Transport>, name: &str, country: &str, vat_id: &str) -> [String; 3] {
    let (email, token) = app.buyer_named(name, country, Some(vat_id));
    let me = me_once_checked(app, &token);
    let treatment = &me["company"]["vat_treatment"];
    let note = treatment["note"]["code"]
        .as_str()
        .unwrap_or("none")
        .to_owned();
    let order = app.order(&token, 1, "bank_transfer");
    let on_order = [
        order["vat_category"]
            .as_str()
            .unwrap_or("missing")
            .to_owned(),
        order["vat_rate"].as_str().unwrap_or("missing").to_owned(),
        order["vat_note"]["code"]
            .as_str()
            .unwrap_or("none")
            .to_owned(),
    ];
    assert_eq!(
        (treatment["category"].as_str(), note.as_str()),
        (Some(on_order[0].as_str()), on_order[2].as_str()),
        "the profile says what an order gets: {me} {order}"
    );
    let cookie = app.browser(&email);
    let order_page = format!("/portal/orders/{}", order["order_id"].as_str().unwrap());
    for path in ["/portal/coupons", "/portal/profile", order_page.as_str()] {
        let html = app.get_with_cookie(path, &cookie).text();
        match order["vat_note"]["explanation"].as_str() {
            Some(reason) => {
                let shown = format!("data-vat-note=\"{note}\">{}", reason.replace('\'', "&#39;"));
                assert!(html.contains(&shown), "{path}: {shown} not in {html}");
            }
            None => assert!(!html.contains("data-vat-note"), "{path}: {html}"),
        }
    }
    on_order
}

fn expect(category: &str, rate: &str, note: &str) -> [String; 3] {
    [category, rate, note].map(str::to_owned)
}

#[test]
fn a_vat_number_with_the_sellers_prefix_is_always_a_domestic_sale() {
    let app = spawn_app();
    assert_eq!(
        charged(&app, "Kovinar GmbH", "DE", "SI87654321"),
        expect("standard", "22", "domestic_vat_number")
    );
}

#[test]
fn a_vat_number_of_another_country_than_the_buyers_is_not_reverse_charged() {
    let app = spawn_app();
    assert_eq!(
        charged(&app, "Alpenblick Handels GmbH", "DE", "ATU12345678"),
        expect("standard", "22", "vat_number_of_another_country")
    );
}

#[test]
fn a_number_vies_confirms_for_another_company_is_not_zero_rated_silently() {
    let app = spawn_app();
    assert_eq!(
        charged(&app, "Kovinar GmbH", "AT", "ATU12345678"),
        expect("standard", "22", "vies_name_differs")
    );
    assert_eq!(
        charged(&app, "ALPENBLICK Handels G.m.b.H.", "AT", "ATU 123 456 78"),
        expect("reverse_charge", "0", "none"),
        "its holder, however it writes its name"
    );
    assert_eq!(
        charged(&app, "Kovinar GmbH", "DE", "DE246813579"),
        expect("reverse_charge", "0", "none"),
        "VIES giving no name is no evidence"
    );
}

#[test]
fn the_desk_reads_why_an_invoice_to_an_eu_company_carries_vat() {
    let app = spawn_app();
    let (_, token) = app.buyer_named("Kovinar GmbH", "AT", Some("ATU12345678"));
    me_once_checked(&app, &token);
    let order = app.order(&token, 1, "card");
    assert_eq!(
        app.stripe_event(&checkout_completed(&unique("evt_"), &order))
            .json()["outcome"],
        "credited"
    );
    let invoice = documents_of(&app, &token, &order).remove(0);
    assert_eq!(invoice["vat_category"], "standard");
    let day = invoice["issued_on"].as_str().unwrap();
    let finance = app.staff_member("finance");
    let get = |path: &str| app.send_as_staff("GET", path, &finance, Forgery::None, None);
    let listed = get(&format!("/api/staff/invoices?from={day}&to={day}")).json();
    let item = listed["invoices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["invoice_id"] == invoice["invoice_id"])
        .cloned()
        .expect("the invoice is listed");
    assert_eq!(item["vat_note"]["code"], "vies_name_differs", "{item}");
    let desk = get(&format!("/desk/invoices?from={day}&to={day}")).text();
    let row = desk
        .split("<tr>")
        .find(|row| row.contains(invoice["number"].as_str().unwrap()))
        .unwrap_or_else(|| panic!("no row of the invoice in {desk}"));
    assert!(
        row.contains("data-vat-note=\"vies_name_differs\">The EU&#39;s VIES service confirmed"),
        "{row}"
    );
}

#[test]
fn correcting_the_company_name_to_the_numbers_holder_gives_reverse_charge() {
    let app = spawn_app();
    let (_, token) = app.buyer_named("Kovinar GmbH", "AT", Some("ATU12345678"));
    let before = me_once_checked(&app, &token);
    assert_eq!(
        before["company"]["vat_treatment"]["note"]["code"],
        "vies_name_differs"
    );
    let authorization = format!("Bearer {token}");
    let patch = |company: Value| {
        let answer = app.0.send(
            "PATCH",
            "/api/me",
            &[
                ("content-type", "application/json"),
                ("authorization", &authorization),
            ],
            serde_json::json!({ "company": company })
                .to_string()
                .into_bytes(),
        );
        assert_eq!(answer.status, 200, "{}", answer.text());
        answer.json()["company"]["vat_treatment"].clone()
    };
    assert_eq!(
        patch(serde_json::json!({"name": "Alpenblick Handels GmbH"})),
        serde_json::json!({"category": "reverse_charge", "note": null})
    );
    assert_eq!(
        app.get_as("/api/me", &token).json()["company"]["vat_treatment"]["category"],
        "reverse_charge"
    );
    // Another number has no answer yet: the seller's rate until VIES's.
    assert_eq!(
        patch(serde_json::json!({"vat_id": "ATU99999999"}))["note"]["code"],
        "vat_number_being_checked"
    );
}
