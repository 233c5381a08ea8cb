//! What happens when the same thing arrives many times at once.

use serde_json::json;

use crate::helpers::{registration, unique_email, unique_serial};
use crate::spawn_app;

#[test]
fn twenty_registrations_of_the_licensees_serial_at_once_make_one_holder_and_one_free_coupon() {
    let app = spawn_app();
    let serial = unique_serial();
    app.licensed_to_kovinar(&serial);
    let emails: Vec<String> = (0..20).map(|_| unique_email()).collect();
    std::thread::scope(|scope| {
        for email in &emails {
            let app = &app;
            let serial = &serial;
            scope.spawn(move || {
                let answer = app.post_json("/api/registrations", &registration(email, serial));
                assert_eq!(answer.status, 201, "{}", answer.text());
            });
        }
    });
    let tokens: Vec<String> = emails
        .iter()
        .map(|email| app.emailed_token(email, "verify"))
        .collect();
    let outcomes: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = tokens
            .iter()
            .map(|token| {
                let app = &app;
                scope.spawn(move || {
                    let verified =
                        app.post_json("/api/registrations/verify", &json!({ "token": token }));
                    assert_eq!(verified.status, 200, "{}", verified.text());
                    verified.json()["free_coupon"].as_str().unwrap().to_owned()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(
        outcomes.iter().filter(|o| *o == "granted").count(),
        1,
        "{outcomes:?}"
    );
    assert_eq!(
        outcomes
            .iter()
            .filter(|o| *o == "awaiting_license_claim")
            .count(),
        19,
        "the others are claims for staff"
    );
    let claims = app.staff_get("/api/staff/license-claims").json();
    assert_eq!(
        claims["claims"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["serial"] == serial.as_str())
            .count(),
        19
    );
}

#[test]
fn two_sessions_logged_at_once_on_one_incident_charge_the_right_total() {
    let app = spawn_app();
    let (_, token) = app.customer();
    app.adjust(&token, 4);
    let id = app.incident(&token)["incident_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/staff/incidents/{id}/sessions");
    let sessions = [(60, 50), (30, 23)];
    std::thread::scope(|scope| {
        for (from, to) in sessions {
            let (app, path) = (&app, &path);
            scope.spawn(move || {
                let body = json!({"started_at": app.minutes_ago(from), "ended_at": app.minutes_ago(to), "channel": "voice", "agent": "Maja"});
                // A concurrent change of the same incident answers 409: retry, as a client would.
                for _ in 0..20 {
                    let answer = app.staff_send("POST", path, &body);
                    match answer.status {
                        201 => return,
                        409 => std::thread::sleep(std::time::Duration::from_millis(20)),
                        other => panic!("{other}: {}", answer.text()),
                    }
                }
                panic!("the session was never logged");
            });
        }
    });
    let incident = app.staff_get(&format!("/api/staff/incidents/{id}")).json();
    assert_eq!(incident["total_seconds"], 17 * 60);
    assert_eq!(incident["coupons_charged"], 2, "ceil(17 minutes / 15) = 2");
    assert_eq!(app.balance(&token), 1 + 4 - 2);
}

// Money moves once, however many requests race (issue 10). Natively the
// requests interleave between their reads and their batches; end to end they
// race for real against D1.

use serde_json::Value;

use crate::helpers::{
    adjust_with_key, checkout_completed, unique, TestApp, TestResponse, Transport,
};
use crate::licensing::{as_partner, import, license_row, partner, today};

/// Sends `n` requests at once, each built by `send(i)`, and returns the answers in order.
fn at_once<T: Transport>(
    app: &TestApp<T>,
    n: usize,
    send: impl Fn(&TestApp<T>, usize) -> TestResponse + Sync,
) -> Vec<TestResponse> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..n)
            .map(|i| {
                let send = &send;
                scope.spawn(move || send(app, i))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

fn statuses(answers: &[TestResponse]) -> Vec<u16> {
    answers.iter().map(|a| a.status).collect()
}

fn count(statuses: &[u16], status: u16) -> usize {
    statuses.iter().filter(|s| **s == status).count()
}

fn csv(lines: &[(&str, &str)]) -> String {
    let mut csv = String::from("booking date,amount,currency,reference,remitter,bank reference\n");
    for (amount, text) in lines {
        csv.push_str(&format!(
            "2026-11-26,{amount},EUR,{text},Kovinar,{}\n",
            unique("CSV-")
        ));
    }
    csv
}

fn order_now<T: Transport>(app: &TestApp<T>, token: &str, order: &Value) -> Value {
    let path = format!(
        "/api/me/coupon-orders/{}",
        order["order_id"].as_str().unwrap()
    );
    let answer = app.get_as(&path, token);
    assert_eq!(answer.status, 200, "{}", answer.text());
    answer.json()
}

fn entries<T: Transport>(app: &TestApp<T>, token: &str, kind: &str) -> Vec<Value> {
    app.get_as("/api/me/ledger", token).json()["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == kind)
        .cloned()
        .collect()
}

fn tasks_of<T: Transport>(app: &TestApp<T>, order: &Value, kind: &str) -> Vec<Value> {
    app.staff_get("/api/staff/tasks").json()["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["order_id"] == order["order_id"] && t["kind"] == kind)
        .cloned()
        .collect()
}

/// An unmatched bank entry of `amount`, as staff see it after the import.
fn unmatched_entry<T: Transport>(app: &TestApp<T>, amount: &str) -> String {
    let report = app.post_statement("text/csv", &csv(&[(amount, "coupons see invoice")]));
    assert_eq!(report.status, 200, "{}", report.text());
    let report = report.json();
    assert_eq!(report["unmatched"], 1);
    report["lines"][0]["bank_entry_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn match_entry<T: Transport>(app: &TestApp<T>, entry: &str, order: &Value) -> TestResponse {
    app.staff_send(
        "POST",
        &format!("/api/staff/bank-entries/{entry}/match"),
        &json!({"order_id": order["order_id"]}),
    )
}

#[test]
fn one_bank_entry_pays_one_order_even_when_matched_to_twenty_orders_at_once() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let orders: Vec<Value> = (0..20)
        .map(|_| app.order(&token, 1, "bank_transfer"))
        .collect();
    let entry = unmatched_entry(&app, "30.50");
    let answers = at_once(&app, 20, |app, i| match_entry(app, &entry, &orders[i]));
    let statuses = statuses(&answers);
    assert_eq!(count(&statuses, 200), 1, "{statuses:?}");
    for refused in answers.iter().filter(|a| a.status != 200) {
        assert_eq!(refused.problem(409)["type"], "/problems/already-matched");
    }
    assert_eq!(app.balance(&token), 1 + 1);
    assert_eq!(entries(&app, &token, "purchase").len(), 1);
    let now: Vec<Value> = orders.iter().map(|o| order_now(&app, &token, o)).collect();
    assert_eq!(now.iter().filter(|o| o["status"] == "paid").count(), 1);
    for order in now.iter().filter(|o| o["status"] != "paid") {
        assert_eq!(
            (order["status"].as_str(), order["received"].as_str()),
            (Some("awaiting_payment"), Some("0.00"))
        );
    }
}

#[test]
fn one_bank_entry_matched_twenty_times_at_once_to_one_order_pays_it_once() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let order = app.order(&token, 1, "bank_transfer");
    let entry = unmatched_entry(&app, "30.50");
    let statuses = statuses(&at_once(&app, 20, |app, _| {
        match_entry(app, &entry, &order)
    }));
    assert_eq!(count(&statuses, 200), 1, "{statuses:?}");
    assert_eq!(count(&statuses, 409), 19, "{statuses:?}");
    let paid = order_now(&app, &token, &order);
    assert_eq!(
        (paid["status"].as_str(), paid["received"].as_str()),
        (Some("paid"), Some("30.50"))
    );
    assert_eq!(app.balance(&token), 1 + 1);
    assert!(tasks_of(&app, &order, "refund_excess").is_empty());
}

#[test]
fn twenty_partial_transfers_imported_at_once_all_count() {
    let app = spawn_app();
    let (_, token) = app.customer();
    // 19 coupons, 475.00 and 22 % VAT: 579.50 due; twenty transfers of
    // 30.50 pay it and 30.50 more.
    let order = app.order(&token, 19, "bank_transfer");
    let reference = order["bank_transfer"]["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let statuses = statuses(&at_once(&app, 20, |app, _| {
        app.post_statement("text/csv", &csv(&[("30.50", &reference)]))
    }));
    assert_eq!(statuses, [200; 20]);
    let paid = order_now(&app, &token, &order);
    assert_eq!(
        (paid["status"].as_str(), paid["received"].as_str()),
        (Some("paid"), Some("610.00"))
    );
    assert_eq!(app.balance(&token), 1 + 19);
    assert_eq!(entries(&app, &token, "purchase").len(), 1);
    let excess = tasks_of(&app, &order, "refund_excess");
    assert_eq!(excess.len(), 1, "{excess:?}");
    assert_eq!(excess[0]["amount"], "30.50");
}

#[test]
fn twenty_refunds_at_once_take_back_no_more_than_the_order_credited() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let order = app.order(&token, 4, "card");
    let paid = unique("evt_");
    assert_eq!(
        app.stripe_event(&checkout_completed(&paid, &order)).json()["outcome"],
        "credited"
    );
    assert_eq!(app.balance(&token), 1 + 4);
    // Refunds of one to four coupons (each event reports the refunded total).
    let answers = at_once(&app, 20, |app, i| {
        app.stripe_event(&json!({
            "id": unique("evt_"),
            "type": "charge.refunded",
            "data": {"object": {"object": "charge", "payment_intent": format!("pi_{paid}"),
                "amount": 12_200, "amount_refunded": 3_050 * (1 + i as i64 % 4), "currency": "eur"}}
        }))
    });
    assert_eq!(statuses(&answers), [200; 20]);
    let reversed: i64 = entries(&app, &token, "reversal")
        .iter()
        .map(|e| e["coupons"].as_i64().unwrap())
        .sum();
    assert_eq!(reversed, -4);
    assert_eq!(app.balance(&token), 1);
    assert!(tasks_of(&app, &order, "coupon_debt").is_empty());
    // Credit notes for the 4 coupons between them, none credited twice:
    // 100.00 net, 22.00 VAT, in at most four notes.
    let notes: Vec<Value> = app.get_as("/api/me/invoices", &token).json()["invoices"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["order_id"] == order["order_id"] && d["kind"] == "credit_note")
        .cloned()
        .collect();
    let cents = |field: &str| -> i64 {
        notes
            .iter()
            .map(|note| {
                note[field]
                    .as_str()
                    .unwrap()
                    .replace('.', "")
                    .parse::<i64>()
                    .unwrap()
            })
            .sum()
    };
    assert!((1..=4).contains(&notes.len()), "{notes:?}");
    assert_eq!((cents("net"), cents("vat")), (10_000, 2_200), "{notes:?}");
}

#[test]
fn a_cancel_racing_a_card_payment_ends_paid_and_credited_once() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let orders: Vec<Value> = (0..20).map(|_| app.order(&token, 1, "card")).collect();
    let answers = at_once(&app, 40, |app, i| {
        let order = &orders[i / 2];
        if i % 2 == 0 {
            let path = format!(
                "/api/me/coupon-orders/{}/cancel",
                order["order_id"].as_str().unwrap()
            );
            app.post_json_as(&path, &token, &json!({}))
        } else {
            app.stripe_event(&checkout_completed(&unique("evt_"), order))
        }
    });
    for (i, answer) in answers.iter().enumerate() {
        if i % 2 == 0 {
            assert!(matches!(answer.status, 200 | 409), "{}", answer.text());
        } else {
            assert_eq!(answer.json()["outcome"], "credited", "the payment wins");
        }
    }
    for order in &orders {
        assert_eq!(order_now(&app, &token, order)["status"], "paid");
    }
    assert_eq!(app.balance(&token), 1 + 20);
    assert_eq!(entries(&app, &token, "purchase").len(), 20);
}

#[test]
fn a_cancel_racing_a_bank_transfer_ends_paid_and_credited_once() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let orders: Vec<Value> = (0..20)
        .map(|_| app.order(&token, 1, "bank_transfer"))
        .collect();
    let answers = at_once(&app, 40, |app, i| {
        let order = &orders[i / 2];
        if i % 2 == 0 {
            let path = format!(
                "/api/me/coupon-orders/{}/cancel",
                order["order_id"].as_str().unwrap()
            );
            app.post_json_as(&path, &token, &json!({}))
        } else {
            let reference = order["bank_transfer"]["reference"].as_str().unwrap();
            app.post_statement("text/csv", &csv(&[("30.50", reference)]))
        }
    });
    for answer in &answers {
        assert!(matches!(answer.status, 200 | 409), "{}", answer.text());
    }
    for order in &orders {
        let now = order_now(&app, &token, order);
        assert_eq!(
            (now["status"].as_str(), now["received"].as_str()),
            (Some("paid"), Some("30.50"))
        );
        assert!(tasks_of(&app, order, "refund_excess").is_empty());
    }
    assert_eq!(app.balance(&token), 1 + 20);
    assert_eq!(entries(&app, &token, "purchase").len(), 20);
}

fn customer_id<T: Transport>(app: &TestApp<T>, token: &str) -> String {
    app.get_as("/api/me", token).json()["customer_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn twenty_adjustments_with_one_key_at_once_adjust_once_and_answer_alike() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let id = customer_id(&app, &token);
    let key = unique("adj-");
    let body = json!({"coupons": 3, "reason": "goodwill", "staff_member": "Maja"});
    let answers = at_once(&app, 20, |app, _| adjust_with_key(app, &id, &key, &body));
    assert_eq!(statuses(&answers), [201; 20]);
    let first = answers
        .iter()
        .filter(|a| a.header("idempotent-replayed").is_none())
        .collect::<Vec<_>>();
    assert_eq!(
        first.len(),
        1,
        "one adjustment, nineteen replays of its answer"
    );
    assert_eq!(first[0].json()["coupon_balance"], 1 + 3);
    for answer in &answers {
        assert_eq!(answer.body, first[0].body);
    }
    assert_eq!(app.balance(&token), 1 + 3);
    assert_eq!(entries(&app, &token, "adjustment").len(), 1);
}

#[test]
fn twenty_withdrawals_at_once_never_take_the_balance_below_zero() {
    let app = spawn_app();
    let (_, token) = app.customer();
    app.adjust(&token, 4);
    let id = customer_id(&app, &token);
    let body = json!({"coupons": -1, "reason": "correction", "staff_member": "Maja"});
    let answers = at_once(&app, 20, |app, _| {
        adjust_with_key(app, &id, &unique("adj-"), &body)
    });
    let statuses = statuses(&answers);
    assert_eq!(count(&statuses, 201), 5, "{statuses:?}");
    for refused in answers.iter().filter(|a| a.status != 201) {
        assert_eq!(
            refused.problem(409)["type"],
            "/problems/insufficient-balance"
        );
    }
    assert_eq!(app.balance(&token), 0);
}

fn sale_body(email: &str, serial: &str, starts_on: &str, months: i64) -> Value {
    let mut sale = registration(email, serial);
    sale["starts_on"] = json!(starts_on);
    sale["months"] = json!(months);
    sale
}

fn sell_with_key<T: Transport>(
    app: &TestApp<T>,
    key: &str,
    idempotency_key: &str,
    sale: &Value,
) -> TestResponse {
    let authorization = format!("Bearer {key}");
    app.0.send(
        "POST",
        "/api/partner/sups-subscriptions",
        &[
            ("content-type", "application/json"),
            ("authorization", &authorization),
            ("idempotency-key", idempotency_key),
        ],
        sale.to_string().into_bytes(),
    )
}

fn covered_until<T: Transport>(app: &TestApp<T>, key: &str, serial: &str) -> Vec<String> {
    as_partner(
        app,
        key,
        "GET",
        "/api/partner/sups-subscriptions",
        &json!({}),
    )
    .json()["subscriptions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["serial"] == serial)
        .map(|s| s["covered_until"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_sups_sale_sent_twenty_times_at_once_with_one_key_extends_coverage_once() {
    let app = spawn_app();
    let (partner_id, key) = partner(&app, "reseller");
    let serial = unique_serial();
    import(&app, &json!([license_row(&serial, &partner_id, 2)]));
    let email = unique_email();
    let first = as_partner(
        &app,
        &key,
        "POST",
        "/api/partner/sups-subscriptions",
        &sale_body(&email, &serial, &today(&app), 12),
    );
    assert_eq!(first.status, 201, "{}", first.text());
    let until = covered_until(&app, &key, &serial);
    let renewal = sale_body(&email, &serial, &today(&app), 1);
    let idempotency_key = unique("renewal-");
    let answers = at_once(&app, 20, |app, _| {
        sell_with_key(app, &key, &idempotency_key, &renewal)
    });
    assert_eq!(statuses(&answers), [201; 20]);
    let original: Vec<&TestResponse> = answers
        .iter()
        .filter(|a| a.header("idempotent-replayed").is_none())
        .collect();
    assert_eq!(original.len(), 1);
    for answer in &answers {
        assert_eq!(answer.body, original[0].body);
    }
    let after = covered_until(&app, &key, &serial);
    assert_eq!(after.len(), 1);
    let before = chrono::NaiveDate::parse_from_str(&until[0], "%Y-%m-%d").unwrap();
    let extended = chrono::NaiveDate::parse_from_str(&after[0], "%Y-%m-%d").unwrap();
    // One month more: the next day after the old last day, plus a month, less a day.
    let expected = before
        .succ_opt()
        .unwrap()
        .checked_add_months(chrono::Months::new(1))
        .unwrap()
        .pred_opt()
        .unwrap();
    assert_eq!(extended, expected);
    assert_eq!(original[0].json()["covered_until"], after[0].as_str());
}

#[test]
fn twenty_resellers_racing_for_one_unassigned_license_one_sells_the_rest_find_nothing() {
    let app = spawn_app();
    let resellers: Vec<(String, String)> = (0..20).map(|_| partner(&app, "reseller")).collect();
    let serial = unique_serial();
    let row = json!([{"serial": serial, "product": "Time & Space", "edition": "Enterprise", "version": "7",
        "list_price": "1234.25", "installations": 2}]);
    import(&app, &row);
    let email = unique_email();
    let sale = sale_body(&email, &serial, &today(&app), 12);
    let answers = at_once(&app, 20, |app, i| {
        as_partner(
            app,
            &resellers[i].1,
            "POST",
            "/api/partner/sups-subscriptions",
            &sale,
        )
    });
    let statuses = statuses(&answers);
    assert_eq!(count(&statuses, 201), 1, "{statuses:?}");
    for refused in answers.iter().filter(|a| a.status != 201) {
        refused.problem(404);
    }
    let winner = answers.iter().position(|a| a.status == 201).unwrap();
    for (i, (_, key)) in resellers.iter().enumerate() {
        let licenses = as_partner(&app, key, "GET", "/api/partner/licenses", &json!({})).json();
        let holds = licenses["licenses"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["serial"] == serial.as_str());
        assert_eq!(holds, i == winner, "reseller {i}");
        assert_eq!(
            covered_until(&app, key, &serial).len(),
            usize::from(i == winner)
        );
    }
}

#[test]
fn twelve_sign_in_requests_for_one_address_at_once_send_five_links() {
    let app = spawn_app();
    let email = unique_email();
    let serial = unique_serial();
    app.licensed_to_kovinar(&serial);
    app.register_and_verify(&email, &serial);
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..12)
            .map(|_| {
                let (app, email) = (&app, &email);
                scope.spawn(move || {
                    app.post_json("/api/sessions", &json!({ "email": email }))
                        .status
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let quota = usize::try_from(spica_portal::domain::notification::LINKS_PER_HOUR).unwrap();
    assert_eq!(
        statuses.iter().filter(|s| **s == 202).count(),
        quota,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| matches!(*s, 202 | 429)),
        "{statuses:?}"
    );
    let links = app
        .outbox(&email)
        .iter()
        .filter(|m| m["text"].as_str().unwrap().contains("/sign-in?token="))
        .count();
    assert_eq!(
        links, quota,
        "one link per request let through, none beyond"
    );
}

/// The month's deactivations are counted in the batch that deactivates
/// (issue 20): twelve deactivations of one license's installations at once,
/// by the customer and by its technician partner, free three seats.
#[test]
fn twelve_deactivations_at_once_free_three_seats_and_refuse_nine() {
    let app = spawn_app();
    let (serial, key, token, _) = crate::licensing::sups_customer(&app, 12);
    let activation_ids: Vec<String> = (0..12)
        .map(|n| {
            let activated = app.post_json_as(
                "/api/me/activations",
                &token,
                &json!({"serial": serial, "installation_id": format!("PC-{n}"), "product_version": "7.2.1"}),
            );
            assert_eq!(activated.status, 201, "{}", activated.text());
            activated.json()["activation_id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    app.0.race_writes(12);
    let answers = at_once(&app, 12, |app, i| {
        let (area, credential) = if i % 2 == 0 {
            ("me", &token)
        } else {
            ("partner", &key)
        };
        let authorization = format!("Bearer {credential}");
        app.0.send(
            "DELETE",
            &format!("/api/{area}/activations/{}", activation_ids[i]),
            &[("authorization", &authorization)],
            Vec::new(),
        )
    });
    let statuses = statuses(&answers);
    assert_eq!(count(&statuses, 200), 3, "{statuses:?}");
    for refused in answers.iter().filter(|a| a.status != 200) {
        assert_eq!(refused.problem(429)["type"], "/problems/deactivation-limit");
    }
    let me = app.get_as("/api/me", &token).json();
    let license = me["licenses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["serial"] == serial.as_str())
        .unwrap()
        .clone();
    assert_eq!(license["activations"].as_array().unwrap().len(), 12 - 3);
    for n in 0..3 {
        let activated = app.post_json_as(
            "/api/me/activations",
            &token,
            &json!({"serial": serial, "installation_id": format!("NEW-{n}"), "product_version": "7.2.1"}),
        );
        assert_eq!(activated.status, 201, "seat {n}: {}", activated.text());
    }
    let full = app.post_json_as(
        "/api/me/activations",
        &token,
        &json!({"serial": serial, "installation_id": "NEW-3", "product_version": "7.2.1"}),
    );
    assert_eq!(
        full.problem(409)["type"],
        "/problems/too-many-installations"
    );
    let export = app.get_as("/api/me/export", &token).json();
    let audited = export["activation_audit"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|row| row["action"] == "deactivate" && row["serial"] == serial.as_str())
        .count();
    assert_eq!(audited, 3, "{}", export["activation_audit"]);
}

/// A double click: the installation is freed once, both requests say so, and
/// the month's allowance counts it once.
#[test]
fn one_installation_deactivated_twice_at_once_is_freed_and_counted_once() {
    let app = spawn_app();
    let (serial, _, token, _) = crate::licensing::sups_customer(&app, 2);
    let activated = app.post_json_as(
        "/api/me/activations",
        &token,
        &json!({"serial": serial, "installation_id": "PC-1", "product_version": "7.2.1"}),
    );
    assert_eq!(activated.status, 201, "{}", activated.text());
    let id = activated.json()["activation_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let authorization = format!("Bearer {token}");
    app.0.race_writes(2);
    let answers = at_once(&app, 2, |app, _| {
        app.0.send(
            "DELETE",
            &format!("/api/me/activations/{id}"),
            &[("authorization", &authorization)],
            Vec::new(),
        )
    });
    for answer in &answers {
        assert_eq!(answer.status, 200, "{}", answer.text());
        assert!(answer.json()["deactivated_at"].is_string());
    }
    let export = app.get_as("/api/me/export", &token).json();
    let audited = export["activation_audit"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|row| row["action"] == "deactivate" && row["activation_id"] == id.as_str())
        .count();
    assert_eq!(audited, 1);
}
