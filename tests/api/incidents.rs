//! Direct support: intake, callbacks, sessions charged in started
//! 15-minute increments, the conversation and closing.

use serde_json::{json, Value};

use crate::helpers::{unique, Transport, DESK_EMAIL};
use crate::spawn_app;

#[test]
fn intake_promises_the_callback_and_tells_the_desk() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let incident = app.incident(&token);
    assert_eq!(incident["status"], "awaiting_callback");
    assert!(incident["incident_id"]
        .as_str()
        .unwrap()
        .starts_with("inc_"));
    let (target, due) = (
        incident["callback_target_by"].as_str().unwrap(),
        incident["callback_due_by"].as_str().unwrap(),
    );
    assert!(
        target.ends_with('Z') && due.ends_with('Z') && target < due,
        "{target} {due}"
    );
    assert_eq!(incident["sla_breached"], false);

    let id = incident["incident_id"].as_str().unwrap();
    let number = incident["number"].as_str().unwrap();
    let desk = app.outbox(DESK_EMAIL);
    let notice = desk
        .iter()
        .find(|m| m["subject"].as_str().unwrap().contains(number))
        .expect("the desk was emailed");
    assert!(notice["text"]
        .as_str()
        .unwrap()
        .contains("Clock terminal offline"));
    // The deadline in Ljubljana's time, with its zone: never the ISO instant.
    let deadline = spica_portal::domain::notification::deadline(
        spica_portal::domain::language::Language::En,
        spica_portal::domain::time::parse(due).unwrap(),
    );
    let text = notice["text"].as_str().unwrap();
    assert!(text.contains(&deadline) && !text.contains(due), "{text}");
    assert!(app
        .outbox(&email)
        .iter()
        .any(|m| m["subject"].as_str().unwrap().contains(number)));

    let mine = app.get_as("/api/me/incidents", &token).json();
    assert_eq!(mine["incidents"][0]["incident_id"], id);
    let queue = app.staff_get("/api/staff/incidents").json();
    assert!(queue["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["incident_id"] == id));
}

#[test]
fn intake_names_every_invalid_field_and_needs_a_phone_for_voice() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let body = json!({"subject": "", "description": "x", "channel": "voice"});
    let problem = app
        .post_json_as("/api/me/incidents", &token, &body)
        .problem(422);
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["subject", "phone"]);
    let fax = json!({"subject": "s", "description": "d", "channel": "fax"});
    app.post_json_as("/api/me/incidents", &token, &fax)
        .problem(422);
    app.post_json(
        "/api/me/incidents",
        &json!({"subject": "s", "description": "d", "channel": "chat"}),
    )
    .problem(401);
}

#[test]
fn a_balance_of_zero_gets_402_and_nothing_is_written() {
    let app = spawn_app();
    let (_, token) = app.customer();
    app.adjust(&token, -1);
    let body = json!({"subject": "s", "description": "d", "channel": "chat"});
    let problem = app
        .post_json_as("/api/me/incidents", &token, &body)
        .problem(402);
    assert_eq!(problem["order_coupons"], "/api/me/coupon-orders");
    assert!(app.get_as("/api/me/incidents", &token).json()["incidents"]
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn third_failed_callback_prompts_customer_by_email() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let id = app.incident(&token)["incident_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/staff/incidents/{id}/callback-attempts");
    let statuses: Vec<(i64, String)> = ["no_answer", "busy", "failed"]
        .iter()
        .map(|outcome| {
            let answer = app.staff_send(
                "POST",
                &path,
                &json!({"outcome": outcome, "channel": "voice"}),
            );
            assert_eq!(answer.status, 201, "{}", answer.text());
            let body = answer.json();
            (
                body["attempt"].as_i64().unwrap(),
                body["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        [
            (1, "awaiting_callback".into()),
            (2, "awaiting_callback".into()),
            (3, "awaiting_customer".into())
        ]
    );
    let prompt = app.outbox(&email).into_iter().find(|m| {
        m["subject"]
            .as_str()
            .unwrap()
            .starts_with("We could not reach you")
    });
    assert!(prompt.is_some(), "the customer was not prompted");
    app.staff_send(
        "POST",
        &path,
        &json!({"outcome": "reached", "channel": "voice"}),
    )
    .problem(409);

    let reply = app.post_json_as(
        &format!("/api/me/incidents/{id}/messages"),
        &token,
        &json!({"body": "Please call my mobile after 14:00.", "phone": "+386 41 123 456"}),
    );
    assert_eq!(reply.status, 201, "{}", reply.text());
    let reopened = reply.json();
    assert_eq!(
        (
            reopened["status"].as_str(),
            reopened["callback_window"].as_i64()
        ),
        (Some("awaiting_callback"), Some(2))
    );
    assert_eq!(reopened["failed_attempts"], 0);
    assert_eq!(reopened["phone"], "+38641123456");
    let fourth = app
        .staff_send(
            "POST",
            &path,
            &json!({"outcome": "reached", "channel": "voice"}),
        )
        .json();
    assert_eq!(
        (fourth["attempt"].as_i64(), fourth["status"].as_str()),
        (Some(4), Some("in_progress"))
    );
}

#[test]
fn sessions_of_10_and_7_minutes_cost_two_coupons() {
    let app = spawn_app();
    let (_, token) = app.customer();
    app.adjust(&token, 2);
    assert_eq!(app.balance(&token), 3);
    let id = app.incident(&token)["incident_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let sessions = format!("/api/staff/incidents/{id}/sessions");
    // The same session sent again must be the same instants, not "30
    // minutes ago" read a second later.
    let (first_session, second_session) = (
        (app.minutes_ago(60), app.minutes_ago(50)),
        (app.minutes_ago(30), app.minutes_ago(23)),
    );
    let log = |(from, to): &(String, String)| {
        app.staff_send(
            "POST",
            &sessions,
            &json!({"started_at": from, "ended_at": to, "channel": "remote_desktop"}),
        )
    };
    let first = log(&first_session);
    assert_eq!(first.status, 201, "{}", first.text());
    assert_eq!(
        (
            first.json()["total_seconds"].as_i64(),
            first.json()["coupons_charged"].as_i64()
        ),
        (Some(600), Some(1))
    );
    let second = log(&second_session).json();
    assert_eq!(
        (
            second["total_seconds"].as_i64(),
            second["coupons_charged"].as_i64()
        ),
        (Some(1020), Some(2))
    );
    assert_eq!(app.balance(&token), 1);

    let retried = log(&second_session);
    assert_eq!(
        (retried.status, retried.json()["coupons_charged"].as_i64()),
        (201, Some(2))
    );
    assert_eq!(app.balance(&token), 1);
    log(&(app.minutes_ago(55), app.minutes_ago(45))).problem(409);

    let session_id = second["session_id"].as_str().unwrap();
    let deleted = app.staff_send("DELETE", &format!("{sessions}/{session_id}"), &json!({}));
    assert_eq!(deleted.json()["coupons_charged"], 1);
    assert_eq!(app.balance(&token), 2);

    let timeline = app
        .get_as(&format!("/api/me/incidents/{id}"), &token)
        .json();
    assert_eq!(timeline["total_seconds"], 600);
    assert_eq!(timeline["coupons_charged"], 1);
    assert_eq!(
        timeline["timeline"]["sessions"].as_array().unwrap().len(),
        1
    );
    assert_eq!(timeline["timeline"]["charges"].as_array().unwrap().len(), 3);
}

#[test]
fn support_beyond_the_balance_overdraws_it_and_blocks_new_incidents() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let id = app.incident(&token)["incident_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let body = json!({"started_at": app.minutes_ago(60), "ended_at": app.minutes_ago(20), "channel": "voice", "agent": "Maja"});
    let charged = app
        .staff_send(
            "POST",
            &format!("/api/staff/incidents/{id}/sessions"),
            &body,
        )
        .json();
    assert_eq!(charged["coupons_charged"], 3);
    assert_eq!(app.balance(&token), -2);
    assert!(app
        .outbox(&email)
        .iter()
        .any(|m| m["subject"].as_str().unwrap().contains("below zero")));
    let again = json!({"subject": "s", "description": "d", "channel": "chat"});
    app.post_json_as("/api/me/incidents", &token, &again)
        .problem(402);
}

#[test]
fn messages_reach_the_other_side_and_closing_sends_the_statement() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let id = app.incident(&token)["incident_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mine = app.post_json_as(
        &format!("/api/me/incidents/{id}/messages"),
        &token,
        &json!({"body": "It happened again."}),
    );
    assert_eq!(mine.json()["status"], "awaiting_callback");
    assert!(app
        .outbox(DESK_EMAIL)
        .iter()
        .any(|m| m["text"].as_str().unwrap().contains("It happened again.")));
    let reply = app.staff_send(
        "POST",
        &format!("/api/staff/incidents/{id}/messages"),
        &json!({"body": "Please restart it.", "author": "Maja"}),
    );
    assert_eq!(reply.status, 201);
    assert!(app
        .outbox(&email)
        .iter()
        .any(|m| m["text"].as_str().unwrap().contains("Please restart it.")));

    let body = json!({"started_at": app.minutes_ago(40), "ended_at": app.minutes_ago(35), "channel": "chat", "agent": "Maja"});
    app.staff_send(
        "POST",
        &format!("/api/staff/incidents/{id}/sessions"),
        &body,
    );
    let closed = app.staff_send(
        "POST",
        &format!("/api/staff/incidents/{id}/close"),
        &json!({"resolution": "Terminal restarted."}),
    );
    assert_eq!(closed.json()["status"], "closed");
    let statement = app
        .outbox(&email)
        .into_iter()
        .find(|m| m["subject"].as_str().unwrap().ends_with("closed"))
        .expect("a statement");
    let text = statement["text"].as_str().unwrap();
    assert!(
        text.contains("Terminal restarted.")
            && text.contains("Coupons charged: 1")
            && text.contains("Balance left: 0"),
        "{text}"
    );
    app.staff_send(
        "POST",
        &format!("/api/staff/incidents/{id}/close"),
        &json!({"resolution": "again"}),
    )
    .problem(409);

    let timeline = app.staff_get(&format!("/api/staff/incidents/{id}")).json();
    assert_eq!(
        timeline["timeline"]["messages"].as_array().unwrap().len(),
        2
    );
}

#[test]
fn a_customer_sees_only_their_own_incidents() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let id = app.incident(&token)["incident_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, stranger) = app.customer();
    app.get_as(&format!("/api/me/incidents/{id}"), &stranger)
        .problem(404);
    app.post_json_as(
        &format!("/api/me/incidents/{id}/messages"),
        &stranger,
        &json!({"body": "hi"}),
    )
    .problem(404);
    app.0
        .send(
            "GET",
            &format!("/api/staff/incidents/{id}"),
            &[],
            Vec::new(),
        )
        .problem(401);
}

#[test]
fn a_description_keeps_its_line_breaks_and_other_control_characters_are_named() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let body = json!({"subject": "Terminal offline", "description": "Terminal 3:\r\n\t- shows no time\n\nSince Monday.",
        "channel": "chat"});
    let opened = app.post_json_as("/api/me/incidents", &token, &body);
    assert_eq!(opened.status, 201, "{}", opened.text());
    let id = opened.json()["incident_id"].as_str().unwrap().to_owned();
    let read = app
        .get_as(&format!("/api/me/incidents/{id}"), &token)
        .json();
    assert_eq!(
        read["description"],
        "Terminal 3:\n\t- shows no time\n\nSince Monday."
    );
    let bell = json!({"subject": "Bell", "description": "ring\u{7}", "channel": "chat"});
    let refused = app
        .post_json_as("/api/me/incidents", &token, &bell)
        .problem(422);
    assert_eq!(refused["errors"][0]["field"], "description");
    assert!(refused["errors"][0]["detail"]
        .as_str()
        .unwrap()
        .contains("line breaks and tabs"));
}

#[test]
fn a_callback_attempts_note_is_the_desks_and_never_reaches_the_customer() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let cookie = app.browser(&email);
    let id = app.incident(&token)["incident_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let marker = unique("desknote");
    let notes: Vec<String> = (1..=3)
        .map(|n| format!("Klic {n}: no_answer, {marker} said call later"))
        .collect();
    // Two attempts through the API, the third through the desk's form.
    for (note, outcome) in notes.iter().zip(["no_answer", "busy"]) {
        let recorded = app.staff_send(
            "POST",
            &format!("/api/staff/incidents/{id}/callback-attempts"),
            &json!({"outcome": outcome, "channel": "voice", "note": note}),
        );
        assert_eq!(recorded.status, 201, "{}", recorded.text());
    }
    let origin = app.0.origin();
    let staff_token = app.0.staff_token().to_owned();
    let desk = app
        .post_form_with_cookie("/desk/sign-in", "", &origin, &[("token", &staff_token)])
        .cookie();
    let page = app.get_with_cookie(&format!("/desk/incidents/{id}"), &desk);
    assert_eq!(page.status, 200, "{}", page.text());
    let label = "Internal note, not shown to the customer";
    assert!(
        page.text()
            .contains(&format!("<label for=\"note\">{label}</label>")),
        "the form's field says so: {}",
        page.text()
    );
    assert!(
        page.text()
            .contains(&format!("<th scope=\"col\">{label}</th>")),
        "the timeline says so: {}",
        page.text()
    );
    assert!(page.text().contains(&notes[0]), "the desk reads its notes");
    let recorded = app.post_form_with_cookie(
        &format!("/desk/incidents/{id}/attempts"),
        &desk,
        &origin,
        &[
            ("outcome", "failed"),
            ("channel", "voice"),
            ("note", &notes[2]),
        ],
    );
    assert_eq!(recorded.status, 303, "{}", recorded.text());
    let staff = app.staff_get(&format!("/api/staff/incidents/{id}")).json();
    let kept: Vec<&str> = staff["timeline"]["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["note"].as_str().unwrap())
        .collect();
    assert_eq!(kept, notes.iter().map(String::as_str).collect::<Vec<_>>());

    // The customer's API, list, page and export have the attempts, not the notes.
    let mine = app.get_as(&format!("/api/me/incidents/{id}"), &token);
    assert_eq!(mine.status, 200, "{}", mine.text());
    let attempts = mine.json()["timeline"]["attempts"].clone();
    assert_eq!(attempts.as_array().unwrap().len(), 3, "{attempts}");
    assert!(
        attempts
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a.get("note").is_none()),
        "{attempts}"
    );
    let listed = app.get_as("/api/me/incidents", &token);
    let page = app.get_with_cookie(&format!("/portal/incidents/{id}"), &cookie);
    assert_eq!(page.status, 200, "{}", page.text());
    assert!(page.text().contains("Callback attempts"), "{}", page.text());
    let export = app.get_as("/api/me/export", &token).json();
    let exported = export["callback_attempts"].as_array().unwrap();
    assert_eq!(exported.len(), 3, "{export}");
    assert!(exported.iter().all(|a| a.get("note").is_none()), "{export}");
    for (what, text) in [
        ("the API", mine.text()),
        ("the list", listed.text()),
        ("the page", page.text()),
        ("the export", export.to_string()),
    ] {
        assert!(
            !text.contains(&marker),
            "{what} shows the desk's note: {text}"
        );
        assert!(!text.contains("Internal note"), "{what}: {text}");
    }
    // Nor does any email to the customer, the third failure's among them.
    let emails = app.outbox(&email);
    assert!(emails.iter().any(|m| m["subject"]
        .as_str()
        .unwrap()
        .starts_with("We could not reach you")));
    for message in &emails {
        let received = app.email_body_received(message["id"].as_str().unwrap());
        assert!(
            !received.to_string().contains(&marker),
            "an email to the customer quotes the note: {received}"
        );
    }
}

/// What is wrong with `value` as the committed OpenAPI document's `schema`
/// describes it: the JSON Schema the answers' types make (`$ref`, `allOf`,
/// `type`, `enum`, `format: date-time`, `properties`, `required`,
/// `additionalProperties: false`, `items`), each problem at its JSON path.
fn contract_errors(document: &Value, schema: &Value, value: &Value, at: &str) -> Vec<String> {
    let mut errors = Vec::new();
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.trim_start_matches("#/components/schemas/");
        let named = &document["components"]["schemas"][name];
        assert!(!named.is_null(), "{reference} is not in the document");
        errors.extend(contract_errors(document, named, value, at));
    }
    for part in schema["allOf"].as_array().into_iter().flatten() {
        errors.extend(contract_errors(document, part, value, at));
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(one) => vec![one.as_str()],
        Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let is = |kind: &str| match kind {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        _ => false,
    };
    if !types.is_empty() && !types.iter().any(|kind| is(kind)) {
        errors.push(format!("{at}: {value} is not {types:?}"));
        return errors;
    }
    if let Some(allowed) = schema["enum"].as_array() {
        if !allowed.contains(value) {
            errors.push(format!("{at}: {value} is none of {allowed:?}"));
        }
    }
    if let (Some("date-time"), Some(text)) = (schema["format"].as_str(), value.as_str()) {
        if chrono::DateTime::parse_from_rfc3339(text).is_err() {
            errors.push(format!("{at}: {text} is no RFC 3339 date-time"));
        }
    }
    if let Some(object) = value.as_object() {
        let properties = schema["properties"].as_object();
        for name in schema["required"].as_array().into_iter().flatten() {
            let name = name.as_str().unwrap();
            if !object.contains_key(name) {
                errors.push(format!("{at}.{name}: required, missing"));
            }
        }
        for (name, field) in object {
            match properties.and_then(|p| p.get(name)) {
                Some(described) => errors.extend(contract_errors(
                    document,
                    described,
                    field,
                    &format!("{at}.{name}"),
                )),
                None if schema["additionalProperties"] == false => {
                    errors.push(format!("{at}.{name}: not allowed here"))
                }
                None => {}
            }
        }
    }
    if let (Some(items), Some(elements)) = (schema.get("items"), value.as_array()) {
        for (n, element) in elements.iter().enumerate() {
            errors.extend(contract_errors(
                document,
                items,
                element,
                &format!("{at}[{n}]"),
            ));
        }
    }
    errors
}

/// The schema the document gives an answer of `method pattern` with `status`.
fn answer_schema(document: &Value, method: &str, pattern: &str, status: u16) -> Value {
    let schema = &document["paths"][pattern][method.to_ascii_lowercase()]["responses"]
        [status.to_string()]["content"]["application/json"]["schema"];
    assert!(
        !schema.is_null(),
        "{method} {pattern} answers no {status} JSON"
    );
    schema.clone()
}

#[test]
fn every_answer_of_direct_support_is_as_the_contract_describes_it_and_a_customers_attempt_has_no_room_for_a_note(
) {
    let app = spawn_app();
    let document = crate::routes::openapi_document();
    let (_, token) = app.customer();
    let check = |method: &str, pattern: &str, answer: &crate::helpers::TestResponse| {
        let status = answer.status;
        assert!(
            (200..300).contains(&status),
            "{method} {pattern}: {}",
            answer.text()
        );
        let schema = answer_schema(&document, method, pattern, status);
        let errors = contract_errors(&document, &schema, &answer.json(), "$");
        assert!(
            errors.is_empty(),
            "{method} {pattern} {status}: {errors:#?}"
        );
        answer.json()
    };
    let body = json!({"subject": "Clock terminal offline", "description": "Terminal 3 shows no time.",
        "channel": "voice", "phone": "+386 1 234 5678", "serial": ""});
    let opened = app.post_json_as("/api/me/incidents", &token, &body);
    let id = check("POST", "/api/me/incidents", &opened)["incident_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let desk = format!("/api/staff/incidents/{id}");
    let attempt = json!({"outcome": "no_answer", "channel": "voice", "note": unique("desknote")});
    let attempted = app.staff_send("POST", &format!("{desk}/callback-attempts"), &attempt);
    check(
        "POST",
        "/api/staff/incidents/{incident_id}/callback-attempts",
        &attempted,
    );
    let reply = json!({"body": "Call me after 14h", "preferred_times": "after 14h"});
    let replied = app.post_json_as(&format!("/api/me/incidents/{id}/messages"), &token, &reply);
    check("POST", "/api/me/incidents/{incident_id}/messages", &replied);
    let sessions = "/api/staff/incidents/{incident_id}/sessions";
    let session = json!({"started_at": app.minutes_ago(30), "ended_at": app.minutes_ago(20), "channel": "voice"});
    let logged = app.staff_send("POST", &format!("{desk}/sessions"), &session);
    let session_id = check("POST", sessions, &logged)["session_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let one = "/api/staff/incidents/{incident_id}/sessions/{session_id}";
    let corrected = json!({"started_at": app.minutes_ago(30), "ended_at": app.minutes_ago(10), "channel": "video"});
    let put = app.staff_send("PUT", &format!("{desk}/sessions/{session_id}"), &corrected);
    check("PUT", one, &put);
    let earlier = json!({"started_at": app.minutes_ago(60), "ended_at": app.minutes_ago(50), "channel": "chat"});
    let again = app.staff_send("POST", &format!("{desk}/sessions"), &earlier);
    check("POST", sessions, &again);
    let written = json!({"body": "We will call after 14h."});
    let sent = app.staff_send("POST", &format!("{desk}/messages"), &written);
    check("POST", "/api/staff/incidents/{incident_id}/messages", &sent);

    let own = "/api/me/incidents/{incident_id}";
    let mine = check(
        "GET",
        own,
        &app.get_as(&format!("/api/me/incidents/{id}"), &token),
    );
    let theirs = check(
        "GET",
        "/api/staff/incidents/{incident_id}",
        &app.staff_get(&desk),
    );
    assert_eq!(theirs["timeline"]["attempts"][0]["note"], attempt["note"]);
    for timeline in [&mine, &theirs] {
        let parts = &timeline["timeline"];
        let lengths = ["attempts", "sessions", "messages", "charges"]
            .map(|part| parts[part].as_array().unwrap().len());
        assert_eq!(
            lengths,
            [1, 2, 2, 2],
            "every part is there to be checked: {timeline}"
        );
    }
    check(
        "GET",
        "/api/me/incidents",
        &app.get_as("/api/me/incidents", &token),
    );

    let deleted = app.staff_send(
        "DELETE",
        &format!("{desk}/sessions/{session_id}"),
        &json!({}),
    );
    check("DELETE", one, &deleted);
    let resolution = json!({"resolution": "Replaced the terminal's clock battery."});
    let closed = app.staff_send("POST", &format!("{desk}/close"), &resolution);
    assert_eq!(
        check("POST", "/api/staff/incidents/{incident_id}/close", &closed)["status"],
        "closed"
    );
    let queue = "/api/staff/incidents";
    check("GET", queue, &app.staff_get(queue));
    check(
        "GET",
        queue,
        &app.staff_get("/api/staff/incidents?status=closed"),
    );

    // The contract refuses the customer's timeline with a note in it.
    let schema = answer_schema(&document, "GET", own, 200);
    let mut leaked = mine.clone();
    leaked["timeline"]["attempts"][0]["note"] = attempt["note"].clone();
    assert_eq!(
        contract_errors(&document, &schema, &leaked, "$"),
        ["$.timeline.attempts[0].note: not allowed here"]
    );
}
