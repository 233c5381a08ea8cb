//! Buying coupons as each kind of buyer: the order's
//! amounts, what the card checkout asked Stripe to charge and what a bank
//! transfer asks for, the invoices and credit note their payments and
//! refund issue (valid under EN 16931), with VAT numbers checked by the queue against the
//! VIES stand-in (DE123456789 confirmed for Sternwarte Berlin GmbH,
//! DE999999999 unavailable, any other invalid but the few of
//! tests/api/vat_evidence.rs).

use serde_json::{json, Value};

use crate::delivery::eventually;
use crate::helpers::{camt053, checkout_completed, unique, TestApp, Transport};
use crate::http::Http;
use crate::invoices::{assert_valid, documents_of, fetch};
use crate::spawn_app;

/// A verified, signed-in company in `country` with `vat_id`: its token.
fn buyer(app: &TestApp<Http>, country: &str, vat_id: Option<&str>) -> String {
    app.buyer_named("Kovinar d.o.o.", country, vat_id).1
}

/// The VAT number's status once VIES's answer is recorded.
fn settled_vat_status(app: &TestApp<Http>, token: &str) -> String {
    eventually("the VAT number's check", || {
        let status = app.get_as("/api/me", token).json()["company"]["vat_status"].clone();
        (status != "being_checked").then(|| status.as_str().unwrap_or("none").to_owned())
    })
}

/// The order's VAT: (category, rate, net, VAT, total due).
fn vat_of(order: &Value) -> [&str; 5] {
    ["vat_category", "vat_rate", "total", "vat", "total_due"]
        .map(|key| order[key].as_str().unwrap_or("missing"))
}

/// The unit amounts (cents) of the lines of the checkout session created
/// for the order: the coupons, then the VAT line if VAT is charged.
fn charged(app: &TestApp<Http>, order: &Value) -> Vec<String> {
    let requests = app.0.checkout_requests().expect("the Stripe stand-in");
    let sent = requests
        .iter()
        .find(|r| r["client_reference_id"] == order["order_id"])
        .expect("a session was created");
    (0..)
        .map_while(|i| {
            sent[format!("line_items[{i}][price_data][unit_amount]")]
                .as_str()
                .map(|amount| {
                    let quantity = sent[format!("line_items[{i}][quantity]")]
                        .as_str()
                        .unwrap_or("?");
                    format!("{quantity}x{amount}")
                })
        })
        .collect()
}

/// One coupon by card and one by bank transfer: each order's VAT, the
/// card lines and the transfer's amount agree with `expected`; both are
/// paid, the card's refunded, and the two invoices and the credit note
/// carry the order's amounts and pass EN 16931.
fn buys_one_coupon(app: &TestApp<Http>, token: &str, expected: [&str; 5], card_lines: &[&str]) {
    let card = app.order(token, 1, "card");
    assert_eq!(vat_of(&card), expected, "{card}");
    assert_eq!(charged(app, &card), card_lines, "{card}");
    let bank = app.order(token, 1, "bank_transfer");
    assert_eq!(vat_of(&bank), expected, "{bank}");
    assert_eq!(bank["bank_transfer"]["amount"], expected[4], "{bank}");

    let paid = unique("evt_");
    let event = checkout_completed(&paid, &card);
    assert_eq!(app.stripe_event(&event).json()["outcome"], "credited");
    let reference = bank["bank_transfer"]["reference_grouped"].as_str().unwrap();
    let statement = camt053(&[(
        expected[4],
        &format!("Coupons {reference}"),
        &unique("BANKREF"),
    )]);
    let report = app.post_statement("application/xml", &statement);
    assert_eq!(report.status, 200, "{}", report.text());
    let cents = expected[4].replace('.', "").parse::<i64>().unwrap();
    let refund = json!({
        "id": unique("evt_"),
        "type": "charge.refunded",
        "data": {"object": {"object": "charge", "payment_intent": format!("pi_{paid}"),
            "amount": cents, "amount_refunded": cents, "currency": "eur", "refunded": true}}
    });
    assert_eq!(app.stripe_event(&refund).json()["outcome"], "reversed");

    let mut xml = Vec::new();
    for (order, kinds) in [
        (&card, ["credit_note", "invoice"].as_slice()),
        (&bank, &["invoice"]),
    ] {
        let documents = documents_of(app, token, order);
        let mut found: Vec<&str> = documents
            .iter()
            .map(|d| d["kind"].as_str().unwrap())
            .collect();
        found.sort_unstable();
        assert_eq!(found, kinds, "{documents:?}");
        for document in &documents {
            let amounts = ["vat_category", "net", "vat", "total"]
                .map(|key| document[key].as_str().unwrap_or("missing"));
            let [category, _, net, vat, due] = expected;
            assert_eq!(amounts, [category, net, vat, due], "{document}");
            xml.push(fetch(app, token, document));
        }
    }
    assert_valid(&xml);
}

/// One coupon at the seller's 22 %: net 25.00, VAT 5.50, due 30.50.
fn pays_the_sellers_rate(app: &TestApp<Http>, token: &str) {
    buys_one_coupon(
        app,
        token,
        ["standard", "22", "25.00", "5.50", "30.50"],
        &["1x2500", "1x550"],
    );
}

/// One coupon without VAT, the buyer accounting for it: due = net.
fn is_reverse_charged(app: &TestApp<Http>, token: &str) {
    buys_one_coupon(
        app,
        token,
        ["reverse_charge", "0", "25.00", "0.00", "25.00"],
        &["1x2500"],
    );
}

#[test]
fn a_domestic_buyer_pays_the_sellers_rate() {
    let app = spawn_app();
    let token = buyer(&app, "SI", Some("SI12345678"));
    assert_eq!(settled_vat_status(&app, &token), "not_confirmed");
    pays_the_sellers_rate(&app, &token);
}

#[test]
fn an_eu_buyer_with_a_number_vies_confirmed_is_reverse_charged() {
    let app = spawn_app();
    // Named as VIES names the number's holder.
    let (_, token) = app.buyer_named("Sternwarte Berlin GmbH", "DE", Some("DE 123 456 789"));
    assert_eq!(settled_vat_status(&app, &token), "confirmed");
    is_reverse_charged(&app, &token);
}

#[test]
fn an_eu_buyer_whose_number_vies_refuses_pays_the_sellers_rate_until_a_confirmed_one() {
    let app = spawn_app();
    let (_, token) = app.buyer_named("Sternwarte Berlin GmbH", "DE", Some("DE111111111"));
    assert_eq!(settled_vat_status(&app, &token), "not_confirmed");
    pays_the_sellers_rate(&app, &token);

    // A changed number is checked anew: reverse charge once VIES confirms it.
    let authorization = format!("Bearer {token}");
    let changed = app.0.send(
        "PATCH",
        "/api/me",
        &[
            ("content-type", "application/json"),
            ("authorization", &authorization),
        ],
        json!({"company": {"vat_id": "DE123456789"}})
            .to_string()
            .into_bytes(),
    );
    assert_eq!(changed.status, 200, "{}", changed.text());
    assert_eq!(changed.json()["company"]["vat_status"], "being_checked");
    assert_eq!(settled_vat_status(&app, &token), "confirmed");
    is_reverse_charged(&app, &token);
}

#[test]
fn an_eu_buyer_is_not_blocked_while_vies_is_unavailable_and_pays_the_sellers_rate() {
    let app = spawn_app();
    let token = buyer(&app, "DE", Some("DE999999999"));
    pays_the_sellers_rate(&app, &token);
    // VIES's outage is no answer: the number stays being checked.
    std::thread::sleep(std::time::Duration::from_secs(3));
    let me = app.get_as("/api/me", &token).json();
    assert_eq!(me["company"]["vat_status"], "being_checked", "{me}");
}

#[test]
fn a_buyer_outside_the_eu_is_not_subject_to_eu_vat() {
    let app = spawn_app();
    for (country, vat_id, status) in [
        ("US", None, Value::Null),
        ("CH", Some("CHE123456789"), json!("not_confirmed")),
    ] {
        let token = buyer(&app, country, vat_id);
        let me = app.get_as("/api/me", &token).json();
        assert_eq!(me["company"]["vat_status"], status, "{me}");
        buys_one_coupon(
            &app,
            &token,
            ["not_subject", "0", "25.00", "0.00", "25.00"],
            &["1x2500"],
        );
    }
}

#[test]
fn a_sups_customer_pays_the_sups_price_with_vat() {
    let app = spawn_app();
    let (_, _, token, _) = crate::licensing::sups_customer(&app, 1);
    buys_one_coupon(
        &app,
        &token,
        ["standard", "22", "15.00", "3.30", "18.30"],
        &["1x1500", "1x330"],
    );
}
