//! The desk's queue, filtered (issue 22): open, awaiting the customer,
//! closed and breached incidents, one organisation's, one agent's, and
//! closed ones a page at a time; on the API and on `/desk`.
//!
//! The suites share nothing but each test's own organisations, so every
//! exact list is of one organisation's incidents (`organisation_id`).

use serde_json::{json, Value};

use crate::helpers::{urlencode, Forgery, TestApp, Transport};
use crate::spawn_app;

fn organisation_of<T: Transport>(app: &TestApp<T>, token: &str) -> String {
    app.get_as("/api/me", token).json()["customer_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn id(incident: &Value) -> String {
    incident["incident_id"].as_str().unwrap().to_owned()
}

fn ids(answer: &Value) -> Vec<String> {
    answer["incidents"]
        .as_array()
        .unwrap_or_else(|| panic!("no incidents in {answer}"))
        .iter()
        .map(id)
        .collect()
}

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

/// The queue's answer to `query`, as the break-glass administrator.
fn queue<T: Transport>(app: &TestApp<T>, query: &str) -> Value {
    let answer = app.staff_get(&format!("/api/staff/incidents?{query}"));
    assert_eq!(answer.status, 200, "{query}: {}", answer.text());
    answer.json()
}

fn due_seconds(incident: &Value) -> i64 {
    spica_portal::domain::time::parse(incident["callback_due_by"].as_str().unwrap())
        .unwrap()
        .timestamp()
}

/// Lets the Worker's clock pass `incident`'s callback deadline.
fn pass_the_deadline<T: Transport>(app: &TestApp<T>, incident: &Value) {
    let due = due_seconds(incident);
    while app.0.now_seconds() <= due {
        app.0.let_time_pass(due - app.0.now_seconds() + 1);
    }
}

fn attempt<T: Transport>(app: &TestApp<T>, incident: &str, outcome: &str) {
    let answer = app.staff_send(
        "POST",
        &format!("/api/staff/incidents/{incident}/callback-attempts"),
        &json!({"outcome": outcome, "channel": "voice"}),
    );
    assert_eq!(answer.status, 201, "{}", answer.text());
}

fn close<T: Transport>(app: &TestApp<T>, incident: &str) {
    let answer = app.staff_send(
        "POST",
        &format!("/api/staff/incidents/{incident}/close"),
        &json!({"resolution": "Restarted the terminal's service."}),
    );
    assert_eq!(answer.status, 200, "{}", answer.text());
}

/// One organisation's incidents in each state, and another's.
struct Desk {
    organisation: String,
    /// Its deadline passed without a call reaching the customer.
    breached: String,
    /// Raised after that, still within its deadline (natively).
    fresh: Value,
    /// Reached in time: in progress.
    reached: String,
    /// Three failed calls: awaiting the customer.
    waiting: String,
    closed: String,
    other_organisation: String,
    /// The other organisation's, raised with the fresh one.
    others: String,
}

fn desk_of_every_state<T: Transport>(app: &TestApp<T>) -> Desk {
    let (email, token) = app.customer();
    let organisation = organisation_of(app, &token);
    let late = app.incident(&token);
    pass_the_deadline(app, &late);
    // A day later the customer signs in again.
    let token = app.sign_in(&email);
    let fresh = app.incident(&token);
    let reached = id(&app.incident(&token));
    attempt(app, &reached, "reached");
    let waiting = id(&app.incident(&token));
    for outcome in ["no_answer", "busy", "failed"] {
        attempt(app, &waiting, outcome);
    }
    let closed = id(&app.incident(&token));
    close(app, &closed);
    let (_, other_token) = app.customer();
    let others = id(&app.incident(&other_token));
    Desk {
        organisation,
        breached: id(&late),
        fresh,
        reached,
        waiting,
        closed,
        other_organisation: organisation_of(app, &other_token),
        others,
    }
}

#[test]
fn each_view_of_the_queue_shows_exactly_its_incidents() {
    let app = spawn_app();
    let desk = desk_of_every_state(&app);
    let of = format!("organisation_id={}", desk.organisation);
    let fresh = id(&desk.fresh);

    let open = [
        desk.breached.clone(),
        fresh.clone(),
        desk.reached.clone(),
        desk.waiting.clone(),
    ];
    for query in [of.clone(), format!("status=open&{of}")] {
        let answer = queue(&app, &query);
        let listed = ids(&answer);
        assert_eq!(sorted(listed.clone()), sorted(open.to_vec()), "{query}");
        assert_eq!(listed[0], desk.breached, "the nearest deadline first");
        assert_eq!(
            (answer["page"].as_i64(), answer["next_page"].as_i64()),
            (Some(1), None)
        );
    }
    let views = [
        ("awaiting_customer", vec![desk.waiting.clone()]),
        ("in_progress", vec![desk.reached.clone()]),
        ("closed", vec![desk.closed.clone()]),
    ];
    for (status, expected) in views {
        assert_eq!(
            ids(&queue(&app, &format!("status={status}&{of}"))),
            expected,
            "{status}"
        );
    }

    // Breached: the late one, recorded or not yet; the fresh one only once
    // its own deadline passed (seconds under wrangler dev).
    let before = app.0.now_seconds();
    let breached = ids(&queue(&app, &format!("status=breached&{of}")));
    let after = app.0.now_seconds();
    let fresh_due = due_seconds(&desk.fresh);
    let mut expected = vec![desk.breached.clone()];
    if before > fresh_due {
        expected.push(fresh.clone());
    }
    if after < fresh_due || before > fresh_due {
        assert_eq!(sorted(breached), sorted(expected));
    } else {
        assert_eq!(breached[0], desk.breached);
    }

    // Without the organisation, the other one's is there too; with the
    // other organisation, only its own.
    assert!(ids(&queue(&app, "status=open")).contains(&desk.others));
    assert_eq!(
        ids(&queue(
            &app,
            &format!("organisation_id={}", desk.other_organisation)
        )),
        vec![desk.others.clone()]
    );
    assert_eq!(
        ids(&queue(&app, "organisation_id=cus_NOSUCHORGANISATION")),
        Vec::<String>::new(),
        "an unknown organisation has no incidents"
    );
}

#[test]
fn the_queue_shows_mine_anyones_or_nobodys_incidents() {
    let app = spawn_app();
    let desk = desk_of_every_state(&app);
    let of = format!("organisation_id={}", desk.organisation);
    let agent = app.staff_member("agent");
    let as_agent = |path: &str, body: Option<&Value>| {
        let method = if body.is_some() { "POST" } else { "GET" };
        app.send_as_staff(method, path, &agent, Forgery::None, body)
    };
    let taken = as_agent(
        &format!("/api/staff/incidents/{}/take", desk.reached),
        Some(&json!({})),
    );
    assert_eq!(taken.status, 200, "{}", taken.text());

    let mine = as_agent(&format!("/api/staff/incidents?assignee=me&{of}"), None);
    assert_eq!(mine.status, 200, "{}", mine.text());
    assert_eq!(ids(&mine.json()), vec![desk.reached.clone()]);
    assert_eq!(
        ids(&queue(&app, &format!("assignee=me&{of}"))),
        Vec::<String>::new(),
        "the administrator took none of them"
    );
    assert_eq!(
        ids(&queue(
            &app,
            &format!("assignee={}&{of}", urlencode(&agent))
        )),
        vec![desk.reached.clone()]
    );
    assert_eq!(
        sorted(ids(&queue(&app, &format!("assignee=none&{of}")))),
        sorted(vec![
            desk.breached.clone(),
            id(&desk.fresh),
            desk.waiting.clone()
        ])
    );
}

#[test]
fn closed_incidents_come_fifty_a_page_the_most_recently_closed_first() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let of = format!(
        "status=closed&organisation_id={}",
        organisation_of(&app, &token)
    );
    let mut closed = Vec::new();
    for _ in 0..50 {
        let incident = id(&app.incident(&token));
        close(&app, &incident);
        closed.push(incident);
    }
    app.0.let_time_pass(1);
    let last = id(&app.incident(&token));
    close(&app, &last);
    closed.push(last.clone());

    let first = queue(&app, &of);
    assert_eq!(first["next_page"], 2);
    let first = ids(&first);
    assert_eq!((first.len(), first[0].as_str()), (50, last.as_str()));
    let second = queue(&app, &format!("{of}&page=2"));
    assert_eq!(
        (second["page"].as_i64(), second["next_page"].as_i64()),
        (Some(2), None)
    );
    let second = ids(&second);
    assert_eq!(second.len(), 1);
    assert_eq!(
        sorted([first, second].concat()),
        sorted(closed),
        "every one on one page or the other"
    );
}

#[test]
fn a_filter_the_queue_cannot_read_is_refused_naming_it() {
    let app = spawn_app();
    for (query, field) in [
        ("status=late", "status"),
        ("organisation_id=org_1", "organisation_id"),
        ("assignee=someone", "assignee"),
        ("page=0", "page"),
        ("status=closed&page=501", "page"),
    ] {
        let problem = app
            .staff_get(&format!("/api/staff/incidents?{query}"))
            .problem(422);
        assert_eq!(problem["errors"][0]["field"], field, "{query}: {problem}");
    }
}

fn number<T: Transport>(app: &TestApp<T>, incident: &str) -> String {
    app.staff_get(&format!("/api/staff/incidents/{incident}"))
        .json()["number"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The desk's page: the views as tabs with the current one marked, one
/// organisation's incidents with its name and a way back to everyone's,
/// the empty view said in words, and the organisation's page linking here.
#[test]
fn the_desk_shows_one_view_of_one_organisations_incidents() {
    let app = spawn_app();
    let desk = desk_of_every_state(&app);
    let cookie = app.desk_cookie();
    let page = |path: &str| {
        let answer = app.get_with_cookie(path, &cookie);
        assert_eq!(answer.status, 200, "{path}: {}", answer.text());
        answer.text()
    };

    let closed = page(&format!(
        "/desk?status=closed&organisation_id={}",
        desk.organisation
    ));
    for tab in [
        "Open",
        "Awaiting customer",
        "Breached",
        "Mine",
        "Unassigned",
    ] {
        assert!(closed.contains(&format!("\">{tab}</a>")), "{tab}: {closed}");
    }
    assert!(
        closed.contains(&format!(
            "href=\"/desk?status=closed&amp;organisation_id={}\" aria-current=\"page\">Closed</a>",
            desk.organisation
        )),
        "{closed}"
    );
    assert_eq!(
        closed.matches("aria-current=\"page\"").count(),
        1,
        "one tab is current"
    );
    assert!(
        closed.contains("Kovinar"),
        "the organisation's name: {closed}"
    );
    assert!(
        closed.contains("href=\"/desk?status=closed\">Clear"),
        "{closed}"
    );
    assert!(closed.contains("Closed incidents, most recently closed first"));
    assert!(closed.contains(&number(&app, &desk.closed)));
    for open in [&desk.breached, &desk.reached, &desk.waiting] {
        assert!(!closed.contains(&number(&app, open)), "{open}");
    }
    assert!(
        !closed.contains("The last 30 days"),
        "the charts are the default view's"
    );

    let waiting = page(&format!(
        "/desk?status=awaiting_customer&organisation_id={}",
        desk.other_organisation
    ));
    assert!(
        waiting
            .contains("<p id=\"queue-empty\" role=\"status\">No incidents await the customer.</p>"),
        "{waiting}"
    );
    assert!(waiting.contains("<label for=\"queue-assignee\">Taken by</label>"));

    let file = page(&format!("/desk/organisations/{}", desk.organisation));
    assert!(
        file.contains(&format!(
            "href=\"/desk?organisation_id={}\"",
            desk.organisation
        )),
        "{file}"
    );

    let refused = app.get_with_cookie("/desk?status=late", &cookie);
    assert_eq!(refused.status, 422, "{}", refused.text());
}
