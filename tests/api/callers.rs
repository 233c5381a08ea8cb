//! Incidents the desk opens for people who phoned (issue 22): answered as
//! the customer's own request, the callback clock started, the contact
//! emailed the number and a working link and seeing it on the portal, the
//! agent's and audited; refused for another organisation's contact, an
//! unknown organisation, an unchosen contact of several, finance, no
//! coupons; one incident per idempotency key; and the desk's form.

use serde_json::{json, Value};

use crate::helpers::{
    access_assertion, unique, unique_email, Forgery, TestApp, TestResponse, Transport, DESK_EMAIL,
};
use crate::spawn_app;

const CALL: &str = "Terminal 2 at the gate shows no time since the power cut.";

/// The organisation of a customer's token: (organisation id, contact id).
fn ids(app: &TestApp<impl Transport>, token: &str) -> (String, String) {
    let me = app.get_as("/api/me", token).json();
    (
        me["customer_id"].as_str().unwrap().to_owned(),
        me["contact"]["contact_id"].as_str().unwrap().to_owned(),
    )
}

/// `POST /api/staff/organisations/{organisation}/incidents` as a staff
/// member signed in through Access, with an idempotency key.
fn open_as(
    app: &TestApp<impl Transport>,
    staff: &str,
    organisation: &str,
    key: &str,
    body: &Value,
) -> TestResponse {
    let assertion = access_assertion(staff, app.0.now_seconds(), Forgery::None);
    app.0.send(
        "POST",
        &format!("/api/staff/organisations/{organisation}/incidents"),
        &[
            ("cf-access-jwt-assertion", &assertion),
            ("content-type", "application/json"),
            ("idempotency-key", key),
        ],
        body.to_string().into_bytes(),
    )
}

fn call(subject: &str) -> Value {
    json!({"subject": subject, "description": CALL, "channel": "voice", "phone": "+386 41 777 888"})
}

/// A colleague invited into the organisation of `token` and accepted:
/// (contact id, access token, email).
fn colleague(app: &TestApp<impl Transport>, token: &str) -> (String, String, String) {
    let email = unique_email();
    let invited = app.post_json_as(
        "/api/me/contacts",
        token,
        &json!({"name": "Bor Kos", "email": email, "phone": "+386 40 111 222"}),
    );
    assert_eq!(invited.status, 201, "{}", invited.text());
    let link = app.emailed_token(&email, "invitation");
    let accepted = app.post_json("/api/invitations/accept", &json!({ "token": link }));
    assert_eq!(accepted.status, 200, "{}", accepted.text());
    let access = accepted.json()["access_token"].as_str().unwrap().to_owned();
    (ids(app, &access).1, access, email)
}

fn incidents_of(app: &TestApp<impl Transport>, token: &str) -> Vec<Value> {
    app.get_as("/api/me/incidents", token).json()["incidents"]
        .as_array()
        .unwrap()
        .clone()
}

/// The export's timers of an incident: (timer, due_at), by due time.
fn timers_of(app: &TestApp<impl Transport>, token: &str, incident: &str) -> Vec<(String, String)> {
    let export = app.get_as("/api/me/export", token);
    assert_eq!(export.status, 200, "{}", export.text());
    export.json()["incident_timers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["incident_id"] == incident)
        .map(|t| {
            (
                t["timer"].as_str().unwrap().to_owned(),
                t["due_at"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn the_desk_opens_an_incident_for_a_caller_as_if_they_had_raised_it() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let (organisation, _) = ids(&app, &token);
    let agent = app.staff_member("agent");
    let subject = unique("Gate terminal ");
    let opened = open_as(&app, &agent, &organisation, &unique("k-"), &call(&subject));
    assert_eq!(opened.status, 201, "{}", opened.text());
    let incident = opened.json();
    let id = incident["incident_id"].as_str().unwrap().to_owned();
    let number = incident["number"].as_str().unwrap().to_owned();
    assert!(number.starts_with("INC-"), "{number}");
    assert_eq!(incident["status"], "awaiting_callback");
    assert_eq!(
        incident["phone"], "+38641777888",
        "the number the caller gave"
    );
    assert_eq!(incident["assignee"], agent.as_str(), "it is the agent's");
    assert_eq!(
        opened.header("location"),
        Some(format!("/api/staff/incidents/{id}").as_str())
    );

    // The contact sees it on the portal, with its number.
    let mine = incidents_of(&app, &token);
    assert_eq!(mine[0]["incident_id"], id.as_str());
    assert_eq!(mine[0]["number"], number.as_str());

    // The callback clock, as for an incident the customer raised.
    let raised = app.incident(&token);
    let raised_id = raised["incident_id"].as_str().unwrap();
    let kinds = |timers: &[(String, String)]| -> Vec<String> {
        timers.iter().map(|(kind, _)| kind.clone()).collect()
    };
    let ours = timers_of(&app, &token, &id);
    assert_eq!(kinds(&ours), kinds(&timers_of(&app, &token, raised_id)));
    assert_eq!(kinds(&ours), ["target_reminder", "escalation", "deadline"]);
    assert_eq!(ours[0].1, incident["callback_target_by"].as_str().unwrap());
    assert_eq!(ours[2].1, incident["callback_due_by"].as_str().unwrap());

    // The contact is emailed its number and a link that opens it.
    let emailed = app
        .outbox(&email)
        .into_iter()
        .find(|m| m["subject"].as_str().unwrap().contains(&number))
        .expect("the contact was emailed the incident's number");
    let text = app.email_received(emailed["id"].as_str().unwrap());
    let path = format!("/portal/incidents/{id}");
    assert!(text.contains(&path), "no link to the incident: {text}");
    assert!(text.contains(&number), "{text}");
    let page = app.get_with_cookie(&path, &app.browser(&email));
    assert_eq!(page.status, 200, "{}", page.text());
    assert!(page.text().contains(&number));
    assert!(
        page.text().contains("on behalf of"),
        "the timeline says who opened it"
    );

    // The desk hears of it too, as of any new incident.
    assert!(app
        .outbox(DESK_EMAIL)
        .iter()
        .any(|m| m["subject"].as_str().unwrap().contains(&number)));

    // Its timeline names the agent who opened it for the contact.
    let desk = app.staff_get(&format!("/api/staff/incidents/{id}")).json();
    let note = &desk["timeline"]["messages"][0];
    assert_eq!(note["author"], "staff");
    assert_eq!(note["recorded_by"], agent.as_str());
    let said = note["body"].as_str().unwrap();
    assert!(said.contains("on behalf of"), "{note}");
    assert!(
        !said.contains("Ana Novak"),
        "no name to outlive an erasure: {note}"
    );

    // Audited, naming the agent, with the organisation as its target.
    let audit = app.staff_get(&format!("/api/staff/audit?target={organisation}"));
    let entries = audit.json()["entries"].as_array().unwrap().clone();
    let entry = entries
        .iter()
        .find(|e| e["action"] == "POST /api/staff/organisations/{organisation_id}/incidents")
        .unwrap_or_else(|| panic!("not audited: {entries:?}"));
    assert_eq!(entry["actor"]["name"], agent.as_str());
    assert_eq!(entry["actor"]["role"], "agent");
    assert_eq!(entry["detail"]["fields"]["subject"], subject.as_str());
}

#[test]
fn another_organisations_contact_or_a_removed_one_is_refused_naming_contact_id() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let (organisation, _) = ids(&app, &token);
    let (_, stranger_token) = app.customer();
    let (_, strangers_contact) = ids(&app, &stranger_token);
    let agent = app.staff_member("agent");
    let mut body = call("Not theirs");
    body["contact_id"] = json!(strangers_contact);
    let problem = open_as(&app, &agent, &organisation, &unique("k-"), &body).problem(422);
    assert_eq!(problem["errors"][0]["field"], "contact_id", "{problem}");
    assert_eq!(problem["errors"][0]["code"], "unknown");

    let (removed, _, _) = colleague(&app, &token);
    let gone = app.0.send(
        "DELETE",
        &format!("/api/me/contacts/{removed}"),
        &[("authorization", &format!("Bearer {token}"))],
        Vec::new(),
    );
    assert!(gone.status < 300, "{}", gone.text());
    body["contact_id"] = json!(removed);
    let problem = open_as(&app, &agent, &organisation, &unique("k-"), &body).problem(422);
    assert_eq!(problem["errors"][0]["field"], "contact_id", "{problem}");
    assert_eq!(problem["errors"][0]["code"], "inactive");
    assert!(incidents_of(&app, &token).is_empty(), "nothing was written");
}

#[test]
fn several_contacts_need_the_caller_chosen() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let (organisation, _) = ids(&app, &token);
    let (colleague_id, colleague_token, bor_email) = colleague(&app, &token);
    let agent = app.staff_member("agent");
    let problem = open_as(&app, &agent, &organisation, &unique("k-"), &call("Who?")).problem(422);
    assert_eq!(problem["errors"][0]["field"], "contact_id", "{problem}");
    assert_eq!(problem["errors"][0]["code"], "required");
    assert!(incidents_of(&app, &token).is_empty());

    let mut body = call("Bor phoned");
    body["contact_id"] = json!(colleague_id);
    body.as_object_mut().unwrap().remove("phone");
    let opened = open_as(&app, &agent, &organisation, &unique("k-"), &body);
    assert_eq!(opened.status, 201, "{}", opened.text());
    assert_eq!(
        opened.json()["phone"],
        Value::Null,
        "the contact's own number is called"
    );
    let id = opened.json()["incident_id"].as_str().unwrap().to_owned();
    assert_eq!(
        incidents_of(&app, &colleague_token)[0]["incident_id"],
        id.as_str()
    );
    let bors = app.outbox(&bor_email);
    assert!(
        bors.iter()
            .any(|m| m["subject"].as_str().unwrap().contains("after your call")),
        "the chosen contact is emailed"
    );
}

#[test]
fn an_unknown_organisation_is_not_found_and_finance_may_not_open_incidents() {
    let app = spawn_app();
    let agent = app.staff_member("agent");
    open_as(
        &app,
        &agent,
        "cus_00000000000000000000000000",
        &unique("k-"),
        &call("x"),
    )
    .problem(404);
    let (_, token) = app.customer();
    let (organisation, _) = ids(&app, &token);
    let finance = app.staff_member("finance");
    open_as(&app, &finance, &organisation, &unique("k-"), &call("x")).problem(403);
    assert!(incidents_of(&app, &token).is_empty());
}

#[test]
fn without_coupons_the_desk_is_told_why_and_nothing_is_written() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let (organisation, _) = ids(&app, &token);
    app.adjust(&token, -1);
    let agent = app.staff_member("agent");
    let mails = app.outbox(&email).len();
    let problem = open_as(
        &app,
        &agent,
        &organisation,
        &unique("k-"),
        &call("No coupons"),
    )
    .problem(409);
    assert_eq!(problem["type"], "/problems/no-coupons", "{problem}");
    assert!(problem["detail"]
        .as_str()
        .unwrap()
        .contains("Sell coupons first or adjust the balance"));
    assert!(incidents_of(&app, &token).is_empty());
    assert_eq!(app.outbox(&email).len(), mails, "no email");
}

#[test]
fn one_idempotency_key_sent_twice_opens_one_incident() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let (organisation, _) = ids(&app, &token);
    let agent = app.staff_member("agent");
    let key = unique("k-");
    let body = call("Twice");
    let first = open_as(&app, &agent, &organisation, &key, &body);
    assert_eq!(first.status, 201, "{}", first.text());
    let again = open_as(&app, &agent, &organisation, &key, &body);
    assert_eq!(again.status, 201, "{}", again.text());
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(
        again.json(),
        first.json(),
        "the first answer, number and all"
    );
    assert_eq!(incidents_of(&app, &token).len(), 1);
    let other = open_as(&app, &agent, &organisation, &key, &call("Something else"));
    assert_eq!(
        other.problem(422)["type"],
        "/problems/idempotency-key-reused"
    );
    let keyless = app.0.send(
        "POST",
        &format!("/api/staff/organisations/{organisation}/incidents"),
        &[
            (
                "cf-access-jwt-assertion",
                &access_assertion(&agent, app.0.now_seconds(), Forgery::None),
            ),
            ("content-type", "application/json"),
        ],
        body.to_string().into_bytes(),
    );
    assert_eq!(
        keyless.problem(422)["errors"][0]["field"],
        "Idempotency-Key"
    );
    assert_eq!(incidents_of(&app, &token).len(), 1);
}

#[test]
fn an_agent_opens_an_incident_for_a_caller_from_the_organisations_page() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let (organisation, contact) = ids(&app, &token);
    let agent = app.staff_member("agent");
    let assertion = access_assertion(&agent, app.0.now_seconds(), Forgery::None);
    let get = |path: &str| {
        app.0.send(
            "GET",
            path,
            &[("cf-access-jwt-assertion", &assertion)],
            Vec::new(),
        )
    };
    let file = get(&format!("/desk/organisations/{organisation}"));
    let new = format!("/desk/organisations/{organisation}/incidents/new");
    assert!(
        file.text().contains(&format!("href=\"{new}\"")),
        "{}",
        file.text()
    );
    let form = get(&new);
    assert_eq!(form.status, 200, "{}", form.text());
    let html = form.text();
    assert!(
        html.contains(&format!("<option value=\"{contact}\" selected>")),
        "the only contact is preselected: {html}"
    );
    assert!(
        html.contains("value=\"+38612345678\""),
        "the contact's phone: {html}"
    );
    let key_at = html.find("name=\"idempotency_key\" value=\"").unwrap() + 30;
    let key: String = html[key_at..].chars().take_while(|c| *c != '"').collect();
    let post = |pairs: &[(&str, &str)]| {
        let body = serde_urlencoded::to_string(pairs).unwrap();
        app.0.send(
            "POST",
            &new,
            &[
                ("cf-access-jwt-assertion", &assertion),
                ("content-type", "application/x-www-form-urlencoded"),
                ("origin", &app.0.origin()),
            ],
            body.into_bytes(),
        )
    };
    let refused = post(&[
        ("idempotency_key", &key),
        ("contact_id", &contact),
        ("subject", ""),
        ("description", CALL),
        ("channel", "voice"),
        ("phone", "+386 1 234 5678"),
        ("preferred_times", ""),
    ]);
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert!(
        refused.text().contains("id=\"subject-error\""),
        "{}",
        refused.text()
    );
    let fields = [
        ("idempotency_key", key.as_str()),
        ("contact_id", &contact),
        ("subject", "Gate terminal"),
        ("description", CALL),
        ("channel", "voice"),
        ("phone", "+386 1 234 5678"),
        ("preferred_times", ""),
    ];
    let opened = post(&fields);
    assert_eq!(opened.status, 303, "{}", opened.text());
    let location = opened.header("location").unwrap().to_owned();
    assert!(location.starts_with("/desk/incidents/inc_"), "{location}");
    let twice = post(&fields);
    assert_eq!(
        twice.header("location"),
        Some(location.as_str()),
        "a double submit opens one"
    );
    assert_eq!(incidents_of(&app, &token).len(), 1);
    let number = incidents_of(&app, &token)[0]["number"]
        .as_str()
        .unwrap()
        .to_owned();
    let page = get(&location);
    assert_eq!(page.status, 200);
    assert!(page.text().contains(&number));

    app.adjust(&token, -1);
    let broke = get(&new).text();
    let key_at = broke.find("name=\"idempotency_key\" value=\"").unwrap() + 30;
    let key: String = broke[key_at..].chars().take_while(|c| *c != '"').collect();
    let refused = post(&[
        ("idempotency_key", &key),
        ("contact_id", &contact),
        ("subject", "Again"),
        ("description", CALL),
        ("channel", "chat"),
        ("phone", ""),
        ("preferred_times", ""),
    ]);
    assert_eq!(refused.status, 409, "{}", refused.text());
    assert!(refused
        .text()
        .contains("Sell coupons first or adjust the balance"));
    assert!(refused
        .text()
        .contains(&format!("href=\"/desk/organisations/{organisation}\"")));
    assert_eq!(incidents_of(&app, &token).len(), 1);
}
