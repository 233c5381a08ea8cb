//! Buying coupons: the price, card checkout confirmed by Stripe's webhook,
//! bank transfers reconciled from statements, and the ledger.

use serde_json::json;

use crate::helpers::{
    adjust_with_key, camt053, checkout_completed, unique, Transport, BENEFICIARY, BIC, IBAN,
};
use crate::spawn_app;

#[test]
fn a_new_customer_has_the_free_coupon_in_the_ledger() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let ledger = app.get_as("/api/me/ledger", &token).json();
    assert_eq!(ledger["coupon_balance"], 1);
    assert_eq!(ledger["minutes_available"], 15);
    assert_eq!(ledger["entries"][0]["kind"], "free_grant");
    assert_eq!(ledger["entries"][0]["coupons"], 1);
}

#[test]
fn a_card_order_is_credited_once_when_stripe_confirms_it() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let order = app.order(&token, 3, "card");
    assert_eq!(order["status"], "awaiting_payment");
    assert_eq!(
        (order["unit_price"].as_str(), order["total"].as_str()),
        (Some("25.00"), Some("75.00"))
    );
    // The test customer is in Slovenia, the seller's country: 22 % VAT.
    assert_eq!(
        (
            order["vat_category"].as_str(),
            order["vat_rate"].as_str(),
            order["vat"].as_str(),
            order["total_due"].as_str()
        ),
        (Some("standard"), Some("22"), Some("16.50"), Some("91.50"))
    );
    assert_eq!(order["currency"], "EUR");
    assert!(order["checkout_url"].as_str().unwrap().contains("cs_test_"));
    if let Some(requests) = app.0.checkout_requests() {
        let sent = requests
            .iter()
            .find(|r| r["client_reference_id"] == order["order_id"])
            .expect("a session was created");
        assert_eq!(sent["mode"], "payment");
        assert_eq!(sent["line_items[0][quantity]"], "3");
        assert_eq!(sent["line_items[0][price_data][unit_amount]"], "2500");
        assert_eq!(sent["line_items[1][price_data][unit_amount]"], "1650");
    }

    let event = checkout_completed(&unique("evt_"), &order);
    let answer = app.stripe_event(&event);
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(answer.json()["outcome"], "credited");
    assert_eq!(app.balance(&token), 1 + 3);
    let path = format!(
        "/api/me/coupon-orders/{}",
        order["order_id"].as_str().unwrap()
    );
    assert_eq!(app.get_as(&path, &token).json()["status"], "paid");

    let again = app.stripe_event(&event);
    assert_eq!(
        (again.status, again.json()["outcome"].as_str()),
        (200, Some("duplicate"))
    );
    let another_event_same_order = checkout_completed(&unique("evt_"), &order);
    assert_eq!(
        app.stripe_event(&another_event_same_order).json()["outcome"],
        "already_paid"
    );
    assert_eq!(app.balance(&token), 4);
}

#[test]
fn the_same_event_fifty_times_at_once_credits_once() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let order = app.order(&token, 2, "card");
    let event = checkout_completed(&unique("evt_"), &order);
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..50)
            .map(|_| scope.spawn(|| app.stripe_event(&event).status))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(statuses, [200; 50]);
    assert_eq!(app.balance(&token), 1 + 2);
    let purchases = app.get_as("/api/me/ledger", &token).json()["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "purchase")
        .count();
    assert_eq!(purchases, 1);
}

#[test]
fn forged_and_stale_signatures_are_refused_and_change_nothing() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let order = app.order(&token, 1, "card");
    let event = checkout_completed(&unique("evt_"), &order);
    let forged = app.stripe_event_signed(&event, "whsec_forged", 0);
    assert_eq!(forged.problem(400)["type"], "/problems/invalid-signature");
    app.stripe_event_signed(&event, app.0.webhook_secret(), 301)
        .problem(400);
    let unsigned = app.post_json("/api/webhooks/stripe", &event);
    unsigned.problem(400);
    assert_eq!(app.balance(&token), 1);

    // The same event, signed correctly, still counts: nothing was recorded.
    assert_eq!(app.stripe_event(&event).json()["outcome"], "credited");
    assert_eq!(app.balance(&token), 2);
}

#[test]
fn a_card_payment_of_the_wrong_amount_goes_to_review() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let order = app.order(&token, 2, "card");
    let mut event = checkout_completed(&unique("evt_"), &order);
    event["data"]["object"]["amount_total"] = json!(100);
    assert_eq!(app.stripe_event(&event).json()["outcome"], "review");
    assert_eq!(app.balance(&token), 1);
    let tasks = app.staff_get("/api/staff/tasks").json();
    let task = tasks["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["order_id"] == order["order_id"])
        .expect("a review task");
    assert_eq!(task["kind"], "payment_review");
    let path = format!(
        "/api/me/coupon-orders/{}",
        order["order_id"].as_str().unwrap()
    );
    assert_eq!(app.get_as(&path, &token).json()["status"], "review");
}

#[test]
fn a_refund_takes_back_the_unused_coupons() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let order = app.order(&token, 2, "card");
    let paid = unique("evt_");
    app.stripe_event(&checkout_completed(&paid, &order));
    assert_eq!(app.balance(&token), 3);
    let refund = json!({
        "id": unique("evt_"),
        "type": "charge.refunded",
        "data": {"object": {"object": "charge", "payment_intent": format!("pi_{paid}"),
            "amount": 6100, "amount_refunded": 6100, "currency": "eur", "refunded": true}}
    });
    assert_eq!(app.stripe_event(&refund).json()["outcome"], "reversed");
    assert_eq!(app.stripe_event(&refund).json()["outcome"], "duplicate");
    assert_eq!(app.balance(&token), 1);
}

#[test]
fn a_refund_that_arrives_before_its_payment_is_applied_when_it_comes_again() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let order = app.order(&token, 2, "card");
    let paid = unique("evt_");
    let refund = json!({
        "id": unique("evt_"),
        "type": "charge.refunded",
        "data": {"object": {"object": "charge", "payment_intent": format!("pi_{paid}"),
            "amount": 6100, "amount_refunded": 6100, "currency": "eur", "refunded": true}}
    });
    let early = app.stripe_event(&refund);
    assert_eq!(
        early.problem(409)["type"],
        "/problems/payment-not-yet-known"
    );
    app.stripe_event(&checkout_completed(&paid, &order));
    assert_eq!(app.balance(&token), 3);
    assert_eq!(app.stripe_event(&refund).json()["outcome"], "reversed");
    assert_eq!(app.balance(&token), 1);
}

#[test]
fn event_types_the_portal_ignores_are_acknowledged() {
    let app = spawn_app();
    let event = json!({"id": unique("evt_"), "type": "customer.created", "data": {"object": {}}});
    let answer = app.stripe_event(&event);
    assert_eq!(
        (answer.status, answer.json()["outcome"].as_str()),
        (200, Some("ignored"))
    );
}

#[test]
fn a_bank_order_gives_the_transfer_instructions_and_a_pro_forma() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let order = app.order(&token, 2, "bank_transfer");
    let transfer = &order["bank_transfer"];
    assert_eq!(
        (
            transfer["beneficiary"].as_str(),
            transfer["iban"].as_str(),
            transfer["bic"].as_str()
        ),
        (
            Some(BENEFICIARY),
            Some(IBAN.replace(' ', "").as_str()),
            Some(BIC)
        ),
        "the IBAN in its electronic form, compact"
    );
    assert_eq!(transfer["amount"], "61.00", "50.00 and 22 % VAT");
    let reference = transfer["reference"].as_str().unwrap();
    assert!(
        reference.starts_with("RF") && reference.len() <= 25,
        "{reference}"
    );
    assert!(spica_portal::domain::rf::RfReference::parse(reference).is_ok());
    let pro_forma = &app.outbox(&email)[0];
    assert!(pro_forma["subject"]
        .as_str()
        .unwrap()
        .starts_with("Pro-forma"));
    assert!(pro_forma["text"]
        .as_str()
        .unwrap()
        .contains(transfer["reference_grouped"].as_str().unwrap()));
}

#[test]
fn a_statement_with_the_reference_credits_the_order_once() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let order = app.order(&token, 2, "bank_transfer");
    let reference = order["bank_transfer"]["reference_grouped"]
        .as_str()
        .unwrap()
        .to_lowercase();
    let statement = camt053(&[
        (
            "61.00",
            &format!("Coupons {reference} thank you"),
            &unique("BANKREF"),
        ),
        ("99.00", "Invoice 2026/17", &unique("BANKREF")),
    ]);
    let report = app.post_statement("application/xml", &statement);
    assert_eq!(report.status, 200, "{}", report.text());
    let report = report.json();
    assert_eq!(
        (
            report["entries"].as_i64(),
            report["matched"].as_i64(),
            report["unmatched"].as_i64()
        ),
        (Some(2), Some(1), Some(1))
    );
    assert_eq!(report["lines"][0]["order_id"], order["order_id"]);
    assert_eq!(report["lines"][0]["order_number"], order["number"]);
    assert_eq!(report["lines"][0]["outcome"], "matched");
    assert_eq!(app.balance(&token), 1 + 2);

    let again = app.post_statement("application/xml", &statement).json();
    assert_eq!(
        (again["duplicates"].as_i64(), again["matched"].as_i64()),
        (Some(2), Some(0))
    );
    assert_eq!(app.balance(&token), 3);
}

#[test]
fn an_underpaid_order_is_credited_in_full_when_the_rest_arrives() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let order = app.order(&token, 2, "bank_transfer");
    let reference = order["bank_transfer"]["reference"].as_str().unwrap();
    let first = app
        .post_statement(
            "application/xml",
            &camt053(&[("20.00", reference, &unique("B"))]),
        )
        .json();
    assert_eq!(first["partial"], 1);
    assert_eq!(app.balance(&token), 1);
    let path = format!(
        "/api/me/coupon-orders/{}",
        order["order_id"].as_str().unwrap()
    );
    let partly = app.get_as(&path, &token).json();
    assert_eq!(
        (
            partly["status"].as_str(),
            partly["bank_transfer"]["amount"].as_str()
        ),
        (Some("partially_paid"), Some("41.00"))
    );

    let rest = app
        .post_statement(
            "application/xml",
            &camt053(&[("41.00", reference, &unique("B"))]),
        )
        .json();
    assert_eq!(rest["matched"], 1);
    assert_eq!(app.balance(&token), 3);
}

#[test]
fn an_unmatched_transfer_is_matched_by_staff() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let order = app.order(&token, 1, "bank_transfer");
    let report = app.post_statement("text/csv", "booking date,amount,currency,reference,remitter,bank reference\n2026-11-26,30.50,EUR,coupon please,Kovinar,CSV-1\n").json();
    assert_eq!(report["unmatched"], 1);
    let entry_id = report["lines"][0]["bank_entry_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let authorization = format!("Bearer {}", app.0.staff_token());
    let body = json!({"order_id": order["order_id"]})
        .to_string()
        .into_bytes();
    let path = format!("/api/staff/bank-entries/{entry_id}/match");
    let headers = [
        ("content-type", "application/json"),
        ("authorization", authorization.as_str()),
    ];
    let matched = app.0.send("POST", &path, &headers, body.clone());
    assert_eq!(matched.status, 200, "{}", matched.text());
    assert_eq!(matched.json()["outcome"], "matched");
    assert_eq!(app.balance(&token), 2);
    app.0.send("POST", &path, &headers, body).problem(409);
}

#[test]
fn a_malformed_statement_is_refused_and_writes_nothing() {
    let app = spawn_app();
    let broken = app.post_statement("application/xml", "<Document><BkToCstmrStmt>");
    assert_eq!(broken.problem(422)["type"], "/problems/invalid-statement");
    app.post_statement("application/json", "{}").problem(415);
    let response = app.get("/api/staff/bank-entries");
    response.problem(401);
}

#[test]
fn orders_are_validated_listed_and_cancelled_while_unpaid() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let bad = app.post_json_as(
        "/api/me/coupon-orders",
        &token,
        &json!({"quantity": 201, "payment_method": "cash"}),
    );
    let fields: Vec<String> = bad.problem(422)["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(fields, ["quantity", "payment_method"]);
    app.post_json(
        "/api/me/coupon-orders",
        &json!({"quantity": 1, "payment_method": "card"}),
    )
    .problem(401);

    let order = app.order(&token, 1, "bank_transfer");
    let id = order["order_id"].as_str().unwrap();
    let listed = app.get_as("/api/me/coupon-orders", &token).json();
    assert_eq!(listed["orders"][0]["order_id"], id);
    let cancelled = app.post_json_as(
        &format!("/api/me/coupon-orders/{id}/cancel"),
        &token,
        &json!({}),
    );
    assert_eq!(cancelled.json()["status"], "cancelled");
    app.post_json_as(
        &format!("/api/me/coupon-orders/{id}/cancel"),
        &token,
        &json!({}),
    )
    .problem(409);

    let (_, stranger) = app.customer();
    app.get_as(&format!("/api/me/coupon-orders/{id}"), &stranger)
        .problem(404);
}

#[test]
fn a_refund_of_a_card_payment_never_credited_takes_no_coupons_from_other_purchases() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let bought = app.order(&token, 3, "card");
    app.stripe_event(&checkout_completed(&unique("evt_"), &bought));
    assert_eq!(app.balance(&token), 1 + 3);
    // A payment of the wrong amount: sent to review, nothing credited.
    let order = app.order(&token, 2, "card");
    let paid = unique("evt_");
    let mut event = checkout_completed(&paid, &order);
    event["data"]["object"]["amount_total"] = json!(4000);
    assert_eq!(app.stripe_event(&event).json()["outcome"], "review");
    let refund = json!({
        "id": unique("evt_"),
        "type": "charge.refunded",
        "data": {"object": {"object": "charge", "payment_intent": format!("pi_{paid}"),
            "amount": 4000, "amount_refunded": 4000, "currency": "eur", "refunded": true}}
    });
    let answer = app.stripe_event(&refund);
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(answer.json()["outcome"], "not_credited");
    assert_eq!(app.balance(&token), 1 + 3);
    let ledger = app.get_as("/api/me/ledger", &token).json();
    assert!(ledger["entries"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["kind"] != "reversal"));
}

fn customer_id(app: &crate::helpers::TestApp<impl Transport>, token: &str) -> String {
    app.get_as("/api/me", token).json()["customer_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn an_adjustment_retried_with_its_key_answers_as_the_first_time_and_adjusts_once() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let id = customer_id(&app, &token);
    let key = unique("adj-");
    let body = json!({"coupons": 2, "reason": "goodwill", "staff_member": "Maja"});
    let first = adjust_with_key(&app, &id, &key, &body);
    assert_eq!(first.status, 201, "{}", first.text());
    assert_eq!(first.json()["coupon_balance"], 3);
    assert_eq!(first.json()["customer_id"], id.as_str());
    assert!(first.header("idempotent-replayed").is_none());
    app.adjust(&token, 1);
    let again = adjust_with_key(&app, &id, &key, &body);
    assert_eq!((again.status, &again.body), (201, &first.body));
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(app.balance(&token), 1 + 2 + 1);
}

#[test]
fn an_adjustment_key_reused_with_another_body_is_refused_and_changes_nothing() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let id = customer_id(&app, &token);
    let key = unique("adj-");
    let body = json!({"coupons": 2, "reason": "goodwill", "staff_member": "Maja"});
    assert_eq!(adjust_with_key(&app, &id, &key, &body).status, 201);
    let other = json!({"coupons": 5, "reason": "goodwill", "staff_member": "Maja"});
    let reused = adjust_with_key(&app, &id, &key, &other);
    assert_eq!(
        reused.problem(422)["type"],
        "/problems/idempotency-key-reused"
    );
    // The same key for another customer is another request too.
    let (_, stranger) = app.customer();
    let reused = adjust_with_key(&app, &customer_id(&app, &stranger), &key, &body);
    reused.problem(422);
    assert_eq!(app.balance(&token), 1 + 2);
    assert_eq!(app.balance(&stranger), 1);
}

#[test]
fn an_adjustment_needs_a_printable_idempotency_key_of_at_most_255_characters() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let id = customer_id(&app, &token);
    let body = json!({"coupons": 1, "reason": "goodwill", "staff_member": "Maja"});
    for key in ["k".repeat(256), "  ".into(), "tab\there".into()] {
        let refused = adjust_with_key(&app, &id, &key, &body).problem(422);
        assert_eq!(refused["errors"][0]["field"], "Idempotency-Key", "{key:?}");
    }
    let staff = app.staff_send(
        "POST",
        &format!("/api/staff/customers/{id}/adjustments"),
        &body,
    );
    assert_eq!(staff.problem(422)["errors"][0]["field"], "Idempotency-Key");
    assert_eq!(
        adjust_with_key(&app, &id, &"k".repeat(255), &body).status,
        201
    );
    assert_eq!(app.balance(&token), 2);
}
