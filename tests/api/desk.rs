//! The desk's unfinished work: tasks resolved with a note by a named staff
//! member, orders in review settled once, and the desk's pages.

use serde_json::{json, Value};

use crate::helpers::{checkout_completed, unique, Forgery, TestApp, Transport};
use crate::spawn_app;

/// A customer's card order paid with the wrong amount, so it waits in
/// review: (customer token, order id).
fn order_in_review<T: Transport>(app: &TestApp<T>, quantity: i64) -> (String, String) {
    let (_, token) = app.customer();
    let order = app.order(&token, quantity, "card");
    let mut event = checkout_completed(&unique("evt_"), &order);
    event["data"]["object"]["amount_total"] = json!(100);
    assert_eq!(app.stripe_event(&event).json()["outcome"], "review");
    (token, order["order_id"].as_str().unwrap().to_owned())
}

fn tasks<T: Transport>(app: &TestApp<T>, query: &str) -> Vec<Value> {
    let answer = app.staff_get(&format!("/api/staff/tasks{query}"));
    assert_eq!(answer.status, 200, "{}", answer.text());
    answer.json()["tasks"].as_array().unwrap().clone()
}

fn review_task<T: Transport>(app: &TestApp<T>, order_id: &str, query: &str) -> Option<Value> {
    tasks(app, query)
        .into_iter()
        .find(|t| t["order_id"] == order_id && t["kind"] == "payment_review")
}

fn order_status<T: Transport>(app: &TestApp<T>, token: &str, order_id: &str) -> String {
    let order = app.get_as(&format!("/api/me/coupon-orders/{order_id}"), token);
    order.json()["status"].as_str().unwrap().to_owned()
}

#[test]
fn resolving_a_task_records_the_staff_member_from_the_identity_and_twice_is_409() {
    let app = spawn_app();
    let (_, order_id) = order_in_review(&app, 2);
    let task = review_task(&app, &order_id, "").expect("an open review task");
    let finance = app.staff_member("finance");
    let path = format!("/api/staff/tasks/{}/resolve", task["id"].as_str().unwrap());
    let body =
        json!({"note": "Customer paid the rest by bank transfer", "resolved_by": "someone else"});
    let resolved = app.send_as_staff("POST", &path, &finance, Forgery::None, Some(&body));
    assert_eq!(resolved.status, 200, "{}", resolved.text());
    let resolved = resolved.json();
    assert_eq!(resolved["resolved_by"], finance.as_str());
    assert_eq!(resolved["note"], "Customer paid the rest by bank transfer");
    assert!(resolved["resolved_at"].is_string());
    assert!(review_task(&app, &order_id, "").is_none(), "no longer open");
    let listed = review_task(&app, &order_id, "?status=resolved").expect("listed as resolved");
    assert_eq!(listed["resolved_by"], finance.as_str());
    assert_eq!(listed["status"], "resolved");

    let again = app.send_as_staff("POST", &path, &finance, Forgery::None, Some(&body));
    assert_eq!(again.problem(409)["type"], "/problems/task-resolved");
    let listed = review_task(&app, &order_id, "?status=resolved").unwrap();
    assert_eq!(listed["note"], "Customer paid the rest by bank transfer");
}

#[test]
fn a_task_is_resolved_by_finance_with_a_note_only() {
    let app = spawn_app();
    let (_, order_id) = order_in_review(&app, 1);
    let task = review_task(&app, &order_id, "").unwrap();
    let path = format!("/api/staff/tasks/{}/resolve", task["id"].as_str().unwrap());
    let agent = app.staff_member("agent");
    app.send_as_staff(
        "POST",
        &path,
        &agent,
        Forgery::None,
        Some(&json!({"note": "x"})),
    )
    .problem(403);
    let missing = app.staff_send("POST", &path, &json!({"note": "  "}));
    assert_eq!(missing.problem(422)["errors"][0]["field"], "note");
    app.staff_send(
        "POST",
        "/api/staff/tasks/tsk_nothing/resolve",
        &json!({"note": "x"}),
    )
    .problem(404);
    app.staff_get("/api/staff/tasks?status=later").problem(422);
}

#[test]
fn twenty_credit_settlements_of_one_review_order_at_once_credit_it_once() {
    let app = spawn_app();
    let (token, order_id) = order_in_review(&app, 3);
    assert_eq!(app.balance(&token), 1);
    let path = format!("/api/staff/orders/{order_id}/settle");
    let body = json!({"action": "credit", "note": "Stripe fee deducted; accept"});
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..20)
            .map(|_| {
                let (app, path, body) = (&app, &path, &body);
                scope.spawn(move || app.staff_send("POST", path, body).status)
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 409).count(),
        19,
        "{statuses:?}"
    );
    assert_eq!(app.balance(&token), 1 + 3);
    assert_eq!(order_status(&app, &token, &order_id), "paid");
    let purchases: Vec<Value> = app.get_as("/api/me/ledger", &token).json()["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "purchase")
        .cloned()
        .collect();
    assert_eq!(purchases.len(), 1);
    assert_eq!(purchases[0]["order_id"], order_id.as_str());
    let task = review_task(&app, &order_id, "?status=resolved").expect("the review is resolved");
    assert_eq!(task["note"], "credit: Stripe fee deducted; accept");

    // Settled: a later refund or cancel is refused and takes nothing back.
    let late = app.staff_send("POST", &path, &json!({"action": "cancel", "note": "oops"}));
    assert_eq!(late.problem(409)["type"], "/problems/order-not-in-review");
    assert_eq!(app.balance(&token), 1 + 3);
}

#[test]
fn refunding_or_cancelling_a_review_order_credits_nothing() {
    let app = spawn_app();
    for action in ["refund", "cancel"] {
        let (token, order_id) = order_in_review(&app, 2);
        let path = format!("/api/staff/orders/{order_id}/settle");
        let settled = app.staff_send(
            "POST",
            &path,
            &json!({"action": action, "note": "Wrong amount"}),
        );
        assert_eq!(settled.status, 200, "{}", settled.text());
        assert_eq!(settled.json()["status"], "cancelled");
        assert_eq!(settled.json()["settlement"]["action"], action);
        assert_eq!(app.balance(&token), 1, "{action} credits nothing");
        assert_eq!(order_status(&app, &token, &order_id), "cancelled");
        assert!(review_task(&app, &order_id, "").is_none());
        let credit = app.staff_send(
            "POST",
            &path,
            &json!({"action": "credit", "note": "after all"}),
        );
        credit.problem(409);
        assert_eq!(app.balance(&token), 1, "a settled order is never credited");
    }
}

#[test]
fn only_an_order_in_review_is_settled_and_the_action_is_named() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let unpaid = app.order(&token, 1, "card");
    let path = format!(
        "/api/staff/orders/{}/settle",
        unpaid["order_id"].as_str().unwrap()
    );
    app.staff_send("POST", &path, &json!({"action": "credit", "note": "x"}))
        .problem(409);
    let wrong = app.staff_send("POST", &path, &json!({"action": "donate", "note": ""}));
    let fields: Vec<String> = wrong.problem(422)["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(fields, ["action", "note"]);
    app.staff_send(
        "POST",
        "/api/staff/orders/ord_nothing/settle",
        &json!({"action": "credit", "note": "x"}),
    )
    .problem(404);
    assert_eq!(app.balance(&token), 1);
}
