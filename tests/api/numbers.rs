//! Human numbers (issue 22): incidents are `INC-2026-00042`, per year,
//! allocated by the write batch that inserts them, unique under a race, and
//! what people read in emails and pages.

use serde_json::{json, Value};

use crate::helpers::{Transport, DESK_EMAIL};
use crate::spawn_app;
use spica_portal::domain::number::IncidentNumber;

fn number_of(incident: &Value) -> IncidentNumber {
    IncidentNumber::parse(incident["number"].as_str().expect("a number")).unwrap()
}

#[test]
fn an_incident_is_numbered_in_its_year_and_its_emails_say_the_number() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let first = app.incident(&token);
    let second = app.incident(&token);
    let (a, b) = (number_of(&first), number_of(&second));
    let year: i32 = first["created_at"].as_str().unwrap()[..4].parse().unwrap();
    assert_eq!(a.parts().0, year);
    assert_eq!(b.parts(), (year, a.parts().1 + 1), "{a} then {b}");
    assert_eq!(first["number"], a.as_str(), "canonical: INC-YYYY-NNNNN");

    let id = first["incident_id"].as_str().unwrap();
    let received = app
        .outbox(&email)
        .into_iter()
        .find(|m| m["subject"] == format!("We received your support request {a}"))
        .expect("the customer's acknowledgement names the number");
    assert!(!received["text"].as_str().unwrap().contains("?????"));
    let desk = app.outbox(DESK_EMAIL);
    let notice = desk
        .iter()
        .find(|m| m["subject"].as_str().unwrap().contains(a.as_str()))
        .expect("the desk's notice names the number");
    assert!(notice["text"]
        .as_str()
        .unwrap()
        .contains(&format!("Incident:  {a}")));
    assert!(!notice["subject"].as_str().unwrap().contains(id));

    let mine = app
        .get_as(&format!("/api/me/incidents/{id}"), &token)
        .json();
    assert_eq!(mine["number"], a.as_str(), "{mine}");
    let queue = app.staff_get("/api/staff/incidents").json();
    assert!(queue["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["incident_id"] == id && i["number"] == a.as_str()));
}

#[test]
fn twenty_incidents_at_once_get_twenty_distinct_numbers() {
    let app = spawn_app();
    let (_, token) = app.customer();
    app.0.race_writes(20);
    let answers: Vec<Value> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..20)
            .map(|n| {
                let (app, token) = (&app, &token);
                scope.spawn(move || {
                    let body = json!({"subject": format!("Terminal {n} offline"), "description": "No time shown.",
                        "channel": "voice", "phone": "+386 1 234 5678"});
                    let answer = app.post_json_as("/api/me/incidents", token, &body);
                    assert_eq!(answer.status, 201, "{}", answer.text());
                    answer.json()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut numbers: Vec<IncidentNumber> = answers.iter().map(number_of).collect();
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 20, "{numbers:?}");
    // Consecutive: nothing skipped or shared within the year.
    let sequences: Vec<u32> = numbers.iter().map(|n| n.parts().1).collect();
    assert_eq!(sequences[19] - sequences[0], 19, "{sequences:?}");
    // And each answer's number is the one stored for its incident.
    for answer in &answers {
        let id = answer["incident_id"].as_str().unwrap();
        let stored = app
            .get_as(&format!("/api/me/incidents/{id}"), &token)
            .json();
        assert_eq!(stored["number"], answer["number"]);
    }
}

/// The desk's incident page says at the top what the agent needs before
/// calling; once closed, both sides show the resolution and no forms.
#[test]
fn the_incident_page_shows_the_caller_up_top_and_a_closed_one_only_its_resolution() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let cookie = app.browser(&email);
    let incident = app.incident(&token);
    let id = incident["incident_id"].as_str().unwrap();
    let number = incident["number"].as_str().unwrap();
    let origin = app.0.origin();
    let staff_token = app.0.staff_token().to_owned();
    let desk = app
        .post_form_with_cookie("/desk/sign-in", "", &origin, &[("token", &staff_token)])
        .cookie();
    let page = app.get_with_cookie(&format!("/desk/incidents/{id}"), &desk);
    assert_eq!(page.status, 200, "{}", page.text());
    let text = page.text();
    assert!(
        text.contains(&format!("<title>{number}: Clock terminal offline")),
        "{text}"
    );
    assert!(text.contains("href=\"tel:+38612345678\""), "{text}");
    assert!(text.contains(&format!("href=\"mailto:{email}\"")), "{text}");
    assert!(text.contains("weekdays 8-12"), "{text}");
    assert!(
        text.contains("<dt>Raised</dt>") && text.contains(" ago)"),
        "{text}"
    );
    assert!(
        text.contains("<dt>Deadline</dt>") && text.contains(" left)"),
        "{text}"
    );
    assert!(
        text.contains("action=\"/desk/incidents/"),
        "an open incident has its forms"
    );
    let queue = app.get_with_cookie("/desk", &desk).text();
    assert!(queue.contains(number), "the queue names the number");

    let closed = app.staff_send(
        "POST",
        &format!("/api/staff/incidents/{id}/close"),
        &json!({"resolution": "Restarted the terminal's service; time shows again."}),
    );
    assert_eq!(closed.status, 200, "{}", closed.text());
    for (path, who) in [
        (format!("/desk/incidents/{id}"), &desk),
        (format!("/portal/incidents/{id}"), &cookie),
    ] {
        let page = app.get_with_cookie(&path, who);
        assert_eq!(page.status, 200, "{}", page.text());
        let text = page.text();
        assert!(
            text.contains("Restarted the terminal&#39;s service")
                || text.contains("Restarted the terminal's service"),
            "{path}: {text}"
        );
        assert!(text.contains("<h2>Resolution</h2>"), "{path}");
        assert!(
            !text.contains("<form method=\"post\" action=\"/desk/incidents/"),
            "{path}: no desk forms"
        );
        assert!(
            !text.contains("<form method=\"post\" action=\"/portal/incidents/"),
            "{path}: no portal forms"
        );
        assert!(
            !text.contains("live-controls") && !text.contains("phone/start"),
            "{path}: no live panel or phone buttons"
        );
    }
}

/// "Mine": an agent takes an incident, the queue and the answer say who has
/// it, the audit log records it, and a closed incident is not taken.
#[test]
fn an_agent_takes_an_incident_and_the_queue_shows_who_has_it() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let incident = app.incident(&token);
    let id = incident["incident_id"].as_str().unwrap();
    assert_eq!(incident["assignee"], Value::Null);
    let taken = app.staff_send(
        "POST",
        &format!("/api/staff/incidents/{id}/take"),
        &json!({}),
    );
    assert_eq!(taken.status, 200, "{}", taken.text());
    let who = taken.json()["assignee"].as_str().unwrap().to_owned();
    assert!(!who.is_empty(), "the staff identity, by its email");
    let queue = app.staff_get("/api/staff/incidents").json();
    let listed = queue["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["incident_id"] == id)
        .cloned()
        .unwrap();
    assert_eq!(listed["assignee"], who.as_str());
    let audit = app
        .staff_get(&format!("/api/staff/audit?target={id}"))
        .json();
    assert!(
        audit["entries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"].as_str().unwrap().ends_with("/take")),
        "{audit}"
    );
    let closed = app.staff_send(
        "POST",
        &format!("/api/staff/incidents/{id}/close"),
        &json!({"resolution": "Done."}),
    );
    assert_eq!(closed.status, 200, "{}", closed.text());
    let again = app.staff_send(
        "POST",
        &format!("/api/staff/incidents/{id}/take"),
        &json!({}),
    );
    assert_eq!(again.problem(409)["type"], "/problems/incident-state");
    let missing = app.staff_send(
        "POST",
        "/api/staff/incidents/inc_NOSUCHINCIDENT0000/take",
        &json!({}),
    );
    assert_eq!(missing.status, 404, "{}", missing.text());
}

/// Orders are `ORD-2026-00017`: in the answer, the list, and the pro-forma
/// email's subject.
#[test]
fn an_order_is_numbered_in_its_year_and_its_pro_forma_says_the_number() {
    use spica_portal::domain::number::OrderNumber;
    let app = spawn_app();
    let (email, token) = app.customer();
    let order = |n: u32| {
        let placed = app.post_json_as(
            "/api/me/coupon-orders",
            &token,
            &json!({"quantity": n, "payment_method": "bank_transfer"}),
        );
        assert_eq!(placed.status, 201, "{}", placed.text());
        placed.json()
    };
    let (first, second) = (order(1), order(2));
    let a = OrderNumber::parse(first["number"].as_str().unwrap()).unwrap();
    let b = OrderNumber::parse(second["number"].as_str().unwrap()).unwrap();
    assert_eq!(first["number"], a.as_str());
    assert_eq!(b.parts(), (a.parts().0, a.parts().1 + 1), "{a} then {b}");
    let id = first["order_id"].as_str().unwrap();
    let read = app
        .get_as(&format!("/api/me/coupon-orders/{id}"), &token)
        .json();
    assert_eq!(read["number"], a.as_str());
    assert!(app.outbox(&email).iter().any(|m| m["subject"]
        .as_str()
        .unwrap()
        .ends_with(&format!("order {a}"))));
}

/// The customer's ledger says what each line was for: a purchase names its
/// order's number, on the portal's overview and in `GET /api/me/ledger`.
#[test]
fn the_ledger_names_the_order_a_purchase_was_for_by_its_number() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let order = app.order(&token, 2, "card");
    let event = crate::helpers::checkout_completed(&crate::helpers::unique("evt_"), &order);
    assert_eq!(app.stripe_event(&event).json()["outcome"], "credited");
    let number = order["number"].as_str().unwrap();
    let ledger = app.get_as("/api/me/ledger", &token).json();
    let purchase = ledger["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "purchase")
        .cloned()
        .unwrap_or_else(|| panic!("{ledger}"));
    assert_eq!(purchase["order_number"], number, "{ledger}");
    let cookie = app.browser(&email);
    let overview = app.get_with_cookie("/portal", &cookie).text();
    assert!(
        overview.contains("<th scope=\"col\">For</th>"),
        "{overview}"
    );
    assert!(
        overview.contains(&format!("<td>2</td><td>{number}</td>")),
        "{overview}"
    );
}
