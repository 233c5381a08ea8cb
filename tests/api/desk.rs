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

// ---- the desk's pages ---------------------------------------------------------

/// The `name=value` of a response's session cookie.
/// The hidden idempotency key of a rendered form.
fn form_key(html: &str) -> String {
    let at = html
        .find("name=\"idempotency_key\" value=\"")
        .expect("a keyed form")
        + "name=\"idempotency_key\" value=\"".len();
    html[at..at + html[at..].find('"').unwrap()].to_owned()
}

fn multipart(field: &str, filename: &str, content: &str) -> (String, Vec<u8>) {
    let boundary = "----spica-test-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{filename}\"\r\n\
         Content-Type: text/csv\r\n\r\n{content}\r\n--{boundary}--\r\n"
    );
    (
        format!("multipart/form-data; boundary={boundary}"),
        body.into_bytes(),
    )
}

#[test]
fn each_desk_page_renders_for_its_role_with_links_to_the_pages_it_may_use() {
    let app = spawn_app();
    let finance = app.staff_member("finance");
    let admin = app.staff_member("admin");
    let agent = app.staff_member("agent");
    let get = |path: &str, email: &str| app.send_as_staff("GET", path, email, Forgery::None, None);
    for path in ["/desk/tasks", "/desk/adjustments"] {
        let page = get(path, &finance);
        assert_eq!(page.status, 200, "{path}: {}", page.text());
        let html = page.text();
        assert!(
            html.contains("href=\"/desk/tasks\"") && html.contains("href=\"/desk/adjustments\"")
        );
        assert!(
            !html.contains("href=\"/desk/partners\"") && !html.contains("href=\"/desk/outbox\"")
        );
        assert_eq!(get(path, &agent).status, 403, "{path}");
    }
    for path in ["/desk/partners", "/desk/licenses", "/desk/releases"] {
        assert_eq!(get(path, &finance).status, 403, "{path}");
        let page = get(path, &admin);
        assert_eq!(page.status, 200, "{path}: {}", page.text());
        for link in [
            "/desk/partners",
            "/desk/licenses",
            "/desk/releases",
            "/desk/tasks",
            "/desk/audit",
        ] {
            assert!(
                page.text().contains(&format!("href=\"{link}\"")),
                "{path} links {link}"
            );
        }
    }
    assert_eq!(
        app.get("/desk/tasks").header("location"),
        Some("/desk/sign-in?next=%2Fdesk%2Ftasks")
    );
}

#[test]
fn the_tasks_page_resolves_tasks_and_settles_review_orders_by_form() {
    let app = spawn_app();
    let cookie = app.desk_cookie();
    let origin = app.0.origin();
    let (token, order_id) = order_in_review(&app, 2);
    let page = app.get_with_cookie("/desk/tasks", &cookie);
    assert_eq!(page.status, 200);
    assert!(page
        .text()
        .contains(&format!("/desk/orders/{order_id}/settle")));
    // The order is read by its number, in the task and in the review list;
    // its id is only in the form's address.
    let number = app
        .get_as(&format!("/api/me/coupon-orders/{order_id}"), &token)
        .json()["number"]
        .as_str()
        .unwrap()
        .to_owned();
    let task = review_task(&app, &order_id, "").unwrap();
    assert_eq!(task["order_number"], number.as_str());
    let html = page.text();
    assert_eq!(
        html.matches(&format!("<td>{number}</td>")).count(),
        2,
        "{html}"
    );
    assert!(!html.contains(&format!("<td>{order_id}</td>")), "{html}");
    // So is the customer: by company name, linked to its page.
    let me = app.get_as("/api/me", &token).json();
    let link = format!(
        "<a href=\"/desk/organisations/{}\">{}</a>",
        me["customer_id"].as_str().unwrap(),
        me["company"]["name"].as_str().unwrap()
    );
    assert_eq!(html.matches(&link).count(), 2, "{html}");
    assert!(!html.contains("<td>cus_"), "{html}");

    let settle = format!("/desk/orders/{order_id}/settle");
    let missing = app.post_form_with_cookie(
        &settle,
        &cookie,
        &origin,
        &[("action", "refund"), ("note", " ")],
    );
    assert_eq!(missing.status, 422);
    let html = missing.text();
    assert!(
        html.contains(&format!("id=\"note-{order_id}-error\"")),
        "{html}"
    );
    assert!(
        html.contains("<option value=\"refund\" selected>"),
        "the chosen action comes back"
    );

    let credited = app.post_form_with_cookie(
        &settle,
        &cookie,
        &origin,
        &[("action", "credit"), ("note", "Accept")],
    );
    assert_eq!(credited.status, 303, "{}", credited.text());
    assert_eq!(app.balance(&token), 1 + 2);
    assert_eq!(order_status(&app, &token, &order_id), "paid");
    let again = app.post_form_with_cookie(
        &settle,
        &cookie,
        &origin,
        &[("action", "credit"), ("note", "Accept")],
    );
    assert_eq!(again.status, 409);
    assert_eq!(app.balance(&token), 1 + 2);

    let (_, other) = order_in_review(&app, 1);
    let task = review_task(&app, &other, "").unwrap();
    let task_id = task["id"].as_str().unwrap();
    let resolve = format!("/desk/tasks/{task_id}/resolve");
    let blank = app.post_form_with_cookie(&resolve, &cookie, &origin, &[("note", "")]);
    assert_eq!(blank.status, 422);
    let resolved = app.post_form_with_cookie(
        &resolve,
        &cookie,
        &origin,
        &[("note", "Called the customer")],
    );
    assert_eq!(resolved.status, 303, "{}", resolved.text());
    let listed = review_task(&app, &other, "?status=resolved").unwrap();
    assert_eq!(listed["note"], "Called the customer");
    assert!(listed["resolved_by"].is_string());
    assert_eq!(
        app.post_form_with_cookie(&resolve, &cookie, &origin, &[("note", "x")])
            .status,
        409
    );
}

#[test]
fn a_double_submitted_adjustment_form_adjusts_the_balance_once() {
    let app = spawn_app();
    let finance = app.staff_member("finance");
    let (_, token) = app.customer();
    let customer_id = app.get_as("/api/me", &token).json()["customer_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let cookie = app.desk_cookie();
    let origin = app.0.origin();
    let start = format!("/desk/adjustments?organisation={customer_id}");
    let key = form_key(&app.get_with_cookie(&start, &cookie).text());
    let wrong = app.post_form_with_cookie(
        "/desk/adjustments",
        &cookie,
        &origin,
        &[
            ("idempotency_key", &key),
            ("customer_id", &customer_id),
            ("coupons", "0"),
            ("reason", "Goodwill for the outage"),
        ],
    );
    assert_eq!(wrong.status, 422);
    assert!(
        wrong.text().contains("id=\"coupons-error\"")
            && wrong.text().contains("value=\"Goodwill for the outage\"")
    );
    assert_eq!(form_key(&wrong.text()), key, "the unused key comes back");
    let fields = [
        ("idempotency_key", key.as_str()),
        ("customer_id", customer_id.as_str()),
        ("coupons", "2"),
        ("reason", "Goodwill for the outage"),
    ];
    for _ in 0..2 {
        let adjusted = app.post_form_with_cookie("/desk/adjustments", &cookie, &origin, &fields);
        assert_eq!(adjusted.status, 200, "{}", adjusted.text());
        assert!(
            adjusted.text().contains("is now 3 coupons."),
            "{}",
            adjusted.text()
        );
    }
    assert_eq!(app.balance(&token), 1 + 2);
    // Through Access as a finance member, with a fresh form.
    let page = app.send_as_staff("GET", &start, &finance, Forgery::None, None);
    assert_ne!(form_key(&page.text()), key);
}

#[test]
fn partners_are_added_with_the_key_shown_once_and_revoked_by_form() {
    let app = spawn_app();
    let cookie = app.desk_cookie();
    let origin = app.0.origin();
    let name = unique("Racunalnistvo ");
    let wrong = app.post_form_with_cookie(
        "/desk/partners",
        &cookie,
        &origin,
        &[
            ("name", &name),
            ("kind", "both"),
            ("country", "Slovenia"),
            ("email", "partner@example.si"),
        ],
    );
    assert_eq!(wrong.status, 422);
    assert!(
        wrong.text().contains("id=\"country-error\"")
            && wrong.text().contains(&format!("value=\"{name}\""))
    );
    let added = app.post_form_with_cookie(
        "/desk/partners",
        &cookie,
        &origin,
        &[
            ("name", &name),
            ("kind", "reseller"),
            ("country", "SI"),
            ("email", "partner@example.si"),
        ],
    );
    assert_eq!(added.status, 200, "{}", added.text());
    let html = added.text();
    let at = html.find("<code id=\"api-key\">").unwrap() + "<code id=\"api-key\">".len();
    let key = html[at..at + html[at..].find('<').unwrap()].to_owned();
    let with_key = |key: &str| {
        let authorization = format!("Bearer {key}");
        app.0.send(
            "GET",
            "/api/partner/licenses",
            &[("authorization", &authorization)],
            Vec::new(),
        )
    };
    assert_eq!(with_key(&key).status, 200);
    let listing = app.get_with_cookie("/desk/partners", &cookie).text();
    assert!(
        listing.contains(&name) && !listing.contains(&key),
        "the key is shown once"
    );
    let ours = listing.find(&name).unwrap();
    let at = ours + listing[ours..].find("/desk/partners/ptn_").unwrap() + "/desk/partners/".len();
    let id = listing[at..at + listing[at..].find('/').unwrap()].to_owned();
    let revoked = app.post_form_with_cookie(
        &format!("/desk/partners/{id}/revoke"),
        &cookie,
        &origin,
        &[],
    );
    assert_eq!(revoked.status, 303);
    assert_eq!(with_key(&key).status, 401);
}

#[test]
fn licenses_are_imported_from_an_uploaded_file_and_releases_added_by_form() {
    let app = spawn_app();
    let cookie = app.desk_cookie();
    let origin = app.0.origin();
    let serial = crate::helpers::unique_serial();
    let csv = format!("serial,product,edition,version,list_price,installations\n{serial},Time & Space,Pro,8.0,990.00,3\nBAD,,,,,\n");
    let (content_type, body) = multipart("licenses", "licenses.csv", &csv);
    let headers = [
        ("content-type", content_type.as_str()),
        ("cookie", cookie.as_str()),
        ("origin", origin.as_str()),
    ];
    let report = app.0.send("POST", "/desk/licenses", &headers, body);
    assert_eq!(report.status, 200, "{}", report.text());
    assert!(
        report.text().contains("1 imported, 0 updated, 1 rejected."),
        "{}",
        report.text()
    );
    let (content_type, empty) = multipart("licenses", "empty.csv", "");
    let headers = [
        ("content-type", content_type.as_str()),
        ("cookie", cookie.as_str()),
        ("origin", origin.as_str()),
    ];
    let refused = app.0.send("POST", "/desk/licenses", &headers, empty);
    assert_eq!(refused.status, 422);
    assert!(refused.text().contains("id=\"licenses-error\""));

    let version = "21.1".to_owned();
    let wrong = app.post_form_with_cookie(
        "/desk/releases",
        &cookie,
        &origin,
        &[
            ("product", "Time & Space"),
            ("version", &version),
            ("released_on", "31.12.2026"),
        ],
    );
    assert_eq!(wrong.status, 422);
    assert!(
        wrong.text().contains("id=\"released_on-error\"")
            && wrong.text().contains("value=\"31.12.2026\"")
    );
    let added = app.post_form_with_cookie(
        "/desk/releases",
        &cookie,
        &origin,
        &[
            ("product", "Time & Space"),
            ("version", &version),
            ("released_on", "2026-12-31"),
        ],
    );
    assert_eq!(added.status, 303, "{}", added.text());
    assert!(app
        .get_with_cookie("/desk/releases", &cookie)
        .text()
        .contains(&version));
}

#[test]
fn the_partner_page_sells_sups_once_per_rendered_form() {
    use crate::licensing::{import, license_row, partner, today};
    let app = spawn_app();
    let origin = app.0.origin();
    let (partner_id, key) = partner(&app, "reseller");
    let serial = crate::helpers::unique_serial();
    import(&app, &json!([license_row(&serial, &partner_id, 2)]));
    let signed_in = app.post_form_with_cookie("/partner/sign-in", "", &origin, &[("key", &key)]);
    let cookie = signed_in.cookie();
    let page = app.get_with_cookie("/partner", &cookie);
    assert_eq!(page.status, 200);
    let form = form_key(&page.text());
    let email = crate::helpers::unique_email();
    let starts = today(&app);
    let mut fields = vec![
        ("idempotency_key", form.as_str()),
        ("serial", serial.as_str()),
        ("company_name", "Kovinar d.o.o."),
        ("street", "Tržaška cesta 1"),
        ("postal_code", "1000"),
        ("city", "Ljubljana"),
        ("country", "SI"),
        ("contact_name", "Ana Novak"),
        ("email", "not an email"),
        ("phone", "+386 1 234 5678"),
        ("starts_on", starts.as_str()),
        ("months", "12"),
    ];
    let wrong = app.post_form_with_cookie("/partner/sups", &cookie, &origin, &fields);
    assert_eq!(wrong.status, 422, "{}", wrong.text());
    assert!(
        wrong.text().contains("id=\"email-error\"")
            && wrong.text().contains("value=\"Kovinar d.o.o.\"")
    );
    fields[8] = ("email", email.as_str());
    for _ in 0..2 {
        let sold = app.post_form_with_cookie("/partner/sups", &cookie, &origin, &fields);
        assert_eq!(sold.status, 200, "{}", sold.text());
        assert!(sold.text().contains("SUPS for"), "{}", sold.text());
    }
    let subscriptions = crate::licensing::as_partner(
        &app,
        &key,
        "GET",
        "/api/partner/sups-subscriptions",
        &json!({}),
    );
    assert_eq!(
        subscriptions.json()["subscriptions"]
            .as_array()
            .unwrap()
            .len(),
        1,
        "sold once"
    );
}

/// The status of the outbox message `id`, as staff read it.
fn email_status<T: Transport>(app: &TestApp<T>, to: &str, id: &str) -> String {
    app.outbox(to)
        .iter()
        .find(|m| m["id"] == id)
        .map(|m| m["status"].as_str().unwrap().to_owned())
        .unwrap_or_default()
}

/// Waits (end to end, the queue delivers in a second or two) until the
/// newest email to `to` whose subject starts with `subject` is `status`.
fn settled_email<T: Transport>(app: &TestApp<T>, to: &str, subject: &str, status: &str) -> String {
    for _ in 0..60 {
        let found = app
            .outbox(to)
            .into_iter()
            .find(|m| m["subject"].as_str().unwrap().starts_with(subject));
        if let Some(message) = found.filter(|m| m["status"] == status) {
            return message["id"].as_str().unwrap().to_owned();
        }
        std::thread::sleep(std::time::Duration::from_millis(250));
    }
    panic!(
        "no {status} email \"{subject}…\" to {to}: {:?}",
        app.outbox(to)
    );
}

/// An admin sees what waits and what went wrong on `/desk/health`, and
/// settles an email the service refused: resent as a new message (which
/// fails again here, the address still being refused) or closed; a link
/// email is never resent. Agents may not see the page.
#[test]
fn an_admin_resends_or_closes_an_email_that_failed_from_the_health_page() {
    let app = spawn_app();
    let (email, token) = app.customer();
    app.0.refuse_emails_to(&email);
    app.order(&token, 2, "bank_transfer");
    let failed = settled_email(&app, &email, "Pro-forma", "failed");
    let cookie = app.desk_cookie();
    let origin = app.0.origin();
    let page = app.get_with_cookie("/desk/health", &cookie);
    assert_eq!(page.status, 200, "{}", page.text());
    let html = page.text();
    for part in [
        "Waiting for the queue",
        "Emails in trouble",
        "Missed callback deadlines this week",
        "last-cron-run",
    ] {
        assert!(html.contains(part), "{part} missing");
    }
    let resend = format!("/desk/health/emails/{failed}/resend");
    let close = format!("/desk/health/emails/{failed}/close");
    assert!(html.contains(&resend) && html.contains(&close), "{html}");

    let resent = app.post_form_with_cookie(&resend, &cookie, &origin, &[]);
    assert_eq!(
        resent.header("location"),
        Some("/desk/health"),
        "{}",
        resent.text()
    );
    let again = app.post_form_with_cookie(&resend, &cookie, &origin, &[]);
    assert_eq!(again.status, 409, "resent once: {}", again.text());
    let html = app.get_with_cookie("/desk/health", &cookie).text();
    assert!(
        !html.contains(&resend),
        "the settled one is gone from the page"
    );
    let copies: Vec<Value> = app
        .outbox(&email)
        .into_iter()
        .filter(|m| m["subject"].as_str().unwrap().starts_with("Pro-forma"))
        .collect();
    assert_eq!(copies.len(), 2, "one new message: {copies:?}");
    let second = settled_email(&app, &email, "Pro-forma", "failed");
    assert_ne!(second, failed);
    let closed = app.post_form_with_cookie(
        &format!("/desk/health/emails/{second}/close"),
        &cookie,
        &origin,
        &[],
    );
    assert_eq!(closed.header("location"), Some("/desk/health"));
    assert!(!app
        .get_with_cookie("/desk/health", &cookie)
        .text()
        .contains(&format!("/desk/health/emails/{second}/")));
    assert_eq!(
        email_status(&app, &email, &second),
        "failed",
        "closing sends nothing"
    );

    // A sign-in link that failed is closed, never resent.
    let asked = app.post_json("/api/sessions", &json!({ "email": email }));
    assert_eq!(asked.status, 202);
    let link = settled_email(&app, &email, "Your Time & Space sign-in link", "failed");
    let html = app.get_with_cookie("/desk/health", &cookie).text();
    assert!(!html.contains(&format!("/desk/health/emails/{link}/resend")));
    assert!(html.contains(&format!("/desk/health/emails/{link}/close")));
    let refused = app.post_form_with_cookie(
        &format!("/desk/health/emails/{link}/resend"),
        &cookie,
        &origin,
        &[],
    );
    assert_eq!(refused.status, 409, "{}", refused.text());

    let agent = app.staff_member("agent");
    let as_agent = app.send_as_staff("GET", "/desk/health", &agent, Forgery::None, None);
    assert_eq!(as_agent.status, 403, "{}", as_agent.text());
}
