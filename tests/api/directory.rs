//! The desk's directory (issue 22): organisations found by each key a
//! person may know (a name with accents, a contact's name, email or phone
//! as typed, a serial, a VAT id, an incident's or order's id), best matches
//! first and paged; one customer's page; an unknown one 404; and a bank
//! entry matched by searching the company, no id typed.

use serde_json::{json, Value};

use crate::helpers::{
    camt053, registration, unique, unique_email, unique_serial, urlencode, Forgery, TestApp,
    TestResponse, Transport,
};
use crate::spawn_app;

/// A registered, verified and signed-in organisation named `name`, with a
/// contact `person` at `phone`: (customer id, email, serial, access token).
fn organisation(
    app: &TestApp<impl Transport>,
    name: &str,
    person: &str,
    phone: &str,
    vat_id: Option<&str>,
) -> (String, String, String, String) {
    let email = unique_email();
    let serial = unique_serial();
    let mut body = registration(&email, &serial);
    body["company"]["name"] = json!(name);
    body["company"]["vat_id"] = json!(vat_id);
    body["contact"]["name"] = json!(person);
    body["contact"]["phone"] = json!(phone);
    let registered = app.post_json("/api/registrations", &body);
    assert_eq!(registered.status, 201, "{}", registered.text());
    let token = app.emailed_token(&email, "verify");
    let verified = app.post_json("/api/registrations/verify", &json!({ "token": token }));
    assert_eq!(verified.status, 200, "{}", verified.text());
    let customer_id = registered.json()["customer_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let token = app.sign_in(&email);
    (customer_id, email, serial, token)
}

/// A desk page as an admin signed in through Access sees it.
fn desk_get(app: &TestApp<impl Transport>, path: &str) -> TestResponse {
    let admin = app.staff_member("admin");
    app.send_as_staff("GET", path, &admin, Forgery::None, None)
}

fn search(app: &TestApp<impl Transport>, q: &str) -> Value {
    let found = app.staff_get(&format!("/api/staff/organisations?q={}", urlencode(q)));
    assert_eq!(found.status, 200, "{q}: {}", found.text());
    found.json()
}

fn found_ids(answer: &Value) -> Vec<String> {
    answer["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["organisation_id"].as_str().unwrap().to_owned())
        .collect()
}

/// A unique Slovene mobile number: +386 41 xxx xxx.
fn mobile() -> (String, String) {
    let digits = unique("");
    let six = &digits[digits.len() - 6..];
    let e164 = format!("+38641{six}");
    let typed = format!("041 {} {}", &six[..3], &six[3..]);
    (e164, typed)
}

#[test]
fn the_desk_finds_an_organisation_by_each_key() {
    let app = spawn_app();
    let word = unique("Šušteršič");
    let name = format!("Čebelarstvo {word} d.o.o.");
    let person = unique("Đurđa Kovačič");
    let (phone, typed_phone) = mobile();
    let vat = format!("SI{}", &unique("")[..8]);
    let (id, email, serial, token) = organisation(&app, &name, &person, &phone, Some(&vat));
    let other = organisation(
        &app,
        &unique("Drugo podjetje "),
        "Bor Kranjc",
        "+386 1 234 5678",
        None,
    );
    app.adjust(&token, 1);
    let incident = app.incident(&token);
    let order = app.order(&token, 2, "bank_transfer");

    let folded_word = word.replace(['Š', 'š'], "s").replace('č', "c");
    let keys = [
        ("company name, accents ignored", folded_word.to_lowercase()),
        ("company name as written", format!("Čebelarstvo {word}")),
        (
            "contact's name",
            person.to_lowercase().replace('đ', "d").replace('č', "c"),
        ),
        ("contact's email", email.to_uppercase()),
        ("phone as typed", typed_phone.clone()),
        ("phone internationally", format!("+386 41 {}", &phone[6..])),
        ("license serial", serial.to_lowercase()),
        (
            "VAT id with a space",
            format!("{} {}", &vat[..2], &vat[2..]),
        ),
        (
            "incident",
            incident["incident_id"].as_str().unwrap().to_owned(),
        ),
        ("order", order["order_id"].as_str().unwrap().to_owned()),
        (
            "incident's number in lower case",
            incident["number"].as_str().unwrap().to_lowercase(),
        ),
        (
            "order's number",
            order["number"].as_str().unwrap().to_owned(),
        ),
        (
            "RF reference",
            order["bank_transfer"]["reference"]
                .as_str()
                .unwrap()
                .to_owned(),
        ),
    ];
    for (what, q) in keys {
        let answer = search(&app, &q);
        let ids = found_ids(&answer);
        assert_eq!(ids.first(), Some(&id), "{what} ({q}): {answer}");
        assert!(
            !ids.contains(&other.0),
            "{what} ({q}) found another organisation"
        );
    }
    let answer = search(&app, &typed_phone);
    let hit = &answer["organisations"][0];
    assert_eq!(hit["name"], json!(name));
    assert_eq!(hit["country"], "SI");
    assert_eq!(hit["vat_id"], json!(vat));
    assert_eq!(hit["contacts"][0]["email"], json!(email));
    assert_eq!(hit["contacts"][0]["phone"], json!(phone));
    assert_eq!(hit["contacts"][0]["status"], "active");
    assert_eq!(hit["open_incidents"], 1);
    assert_eq!(hit["balance"], 1, "{hit}");
    assert_eq!(hit["rank"], 3, "a whole phone number is an exact key");
    assert_eq!(answer["page"], 1);
}

#[test]
fn an_exact_key_ranks_above_a_name_prefix_above_a_substring() {
    let app = spawn_app();
    let word = unique("Zvezda");
    // Three organisations: one whose name contains the word inside another
    // word, one whose name starts with it, one whose serial is it.
    let inside = organisation(
        &app,
        &format!("Nova{word} d.o.o."),
        "Ana Kos",
        "+386 1 234 5678",
        None,
    );
    let prefix = organisation(
        &app,
        &format!("{word} Trgovina"),
        "Ana Kos",
        "+386 1 234 5678",
        None,
    );
    let answer = search(&app, &word);
    let ids = found_ids(&answer);
    assert_eq!(ids, vec![prefix.0.clone(), inside.0.clone()], "{answer}");
    assert_eq!(answer["organisations"][0]["rank"], 2);
    assert_eq!(answer["organisations"][1]["rank"], 1);
    let by_serial = search(&app, &inside.2);
    assert_eq!(found_ids(&by_serial), vec![inside.0.clone()]);
    assert_eq!(by_serial["organisations"][0]["rank"], 3);
}

#[test]
fn the_search_is_paged_and_refuses_what_means_nothing() {
    let app = spawn_app();
    let word = unique("Pagina");
    let mut ids = Vec::new();
    for n in 0..21 {
        ids.push(
            organisation(
                &app,
                &format!("{word} {n:02}"),
                "Eva Mlakar",
                "+386 1 234 5678",
                None,
            )
            .0,
        );
    }
    let first = search(&app, &word);
    assert_eq!(first["organisations"].as_array().unwrap().len(), 20);
    assert_eq!(first["next_page"], 2);
    let second = app.staff_get(&format!("/api/staff/organisations?q={word}&page=2"));
    assert_eq!(second.status, 200, "{}", second.text());
    let second = second.json();
    assert_eq!(second["next_page"], Value::Null);
    let mut all = found_ids(&first);
    all.extend(found_ids(&second));
    all.sort();
    ids.sort();
    assert_eq!(all, ids, "every organisation once across the pages");

    let short = app.staff_get("/api/staff/organisations?q=a");
    assert_eq!(short.problem(422)["errors"][0]["field"], "q");
    let page = app.staff_get(&format!("/api/staff/organisations?q={word}&page=0"));
    assert_eq!(page.problem(422)["errors"][0]["field"], "page");
    let nothing = search(&app, &unique("Nikjer"));
    assert_eq!(nothing["organisations"], json!([]));
}

#[test]
fn one_customers_page_shows_its_file_and_no_other_organisation() {
    let app = spawn_app();
    let (id, email, serial, token) = organisation(
        &app,
        &unique("Mlinarstvo "),
        "Jože Žagar",
        "+386 41 222 333",
        None,
    );
    let other = organisation(
        &app,
        &unique("Tuje podjetje "),
        "Tina Tuja",
        "+386 1 234 5678",
        None,
    );
    app.adjust(&other.3, 1);
    let other_incident = app.incident(&other.3);
    app.adjust(&token, 3);
    let incident = app.incident(&token);
    let order = app.order(&token, 1, "bank_transfer");

    let file = app.staff_get(&format!("/api/staff/organisations/{id}"));
    assert_eq!(file.status, 200, "{}", file.text());
    let file = file.json();
    assert_eq!(file["organisation_id"], json!(id));
    assert_eq!(file["contacts"][0]["email"], json!(email));
    assert_eq!(file["registered_serial"], json!(serial));
    assert_eq!(file["incidents"].as_array().unwrap().len(), 1);
    assert_eq!(file["incidents"][0]["incident_id"], incident["incident_id"]);
    assert_eq!(file["orders"].as_array().unwrap().len(), 1);
    assert_eq!(file["orders"][0]["order_id"], order["order_id"]);
    assert!(
        file["ledger"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["kind"] == "adjustment"),
        "{file}"
    );
    assert_eq!(file["balance"], app.balance(&token));
    assert!(!file
        .to_string()
        .contains(other_incident["incident_id"].as_str().unwrap()));
    assert!(!file.to_string().contains(&other.1));

    // A staff change to the incident, in its audit trail.
    let taken = app.staff_send(
        "POST",
        &format!(
            "/api/staff/incidents/{}/take",
            incident["incident_id"].as_str().unwrap()
        ),
        &json!({}),
    );
    assert_eq!(taken.status, 200, "{}", taken.text());
    let page = desk_get(&app, &format!("/desk/organisations/{id}"));
    assert_eq!(page.status, 200, "{}", page.text());
    let html = page.text();
    assert!(
        html.contains("Mlinarstvo") && html.contains(&email),
        "{html}"
    );
    assert!(html.contains("href=\"tel:+38641222333\""), "{html}");
    assert!(html.contains(&format!(
        "href=\"/desk/incidents/{}\"",
        incident["incident_id"].as_str().unwrap()
    )));
    assert!(
        html.contains(&format!("name=\"customer_id\" value=\"{id}\"")),
        "the adjustment is prefilled"
    );
    // Incidents and orders are read by their numbers, not their ids.
    assert!(
        html.contains(&format!(
            "href=\"/desk/incidents/{}\">{}: ",
            incident["incident_id"].as_str().unwrap(),
            incident["number"].as_str().unwrap()
        )),
        "{html}"
    );
    assert!(
        html.contains(&format!("<td>{}</td>", order["number"].as_str().unwrap())),
        "{html}"
    );
    assert!(
        !html.contains(order["order_id"].as_str().unwrap()),
        "{html}"
    );
    // The audit trail names the incident it is about by its number.
    assert!(
        html.contains(&format!(
            "<td>{}</td>",
            incident["number"].as_str().unwrap()
        )),
        "{html}"
    );
    assert!(!html.contains(&other.1));

    assert_eq!(
        app.staff_get("/api/staff/organisations/cus_unknown").status,
        404
    );
    assert_eq!(
        desk_get(&app, "/desk/organisations/cus_unknown").status,
        404
    );
}

#[test]
fn the_desk_search_page_and_header_find_a_customer_by_phone() {
    let app = spawn_app();
    let (phone, typed) = mobile();
    let name = unique("Pekarna Čadež ");
    let (id, _, _, _) = organisation(&app, &name, "Marko Čadež", &phone, None);
    let home = desk_get(&app, "/desk");
    assert!(
        home.text().contains("action=\"/desk/organisations\""),
        "the header's search box"
    );
    let page = desk_get(
        &app,
        &format!("/desk/organisations?q={}", urlencode(&typed)),
    );
    assert_eq!(page.status, 200, "{}", page.text());
    assert!(
        page.text()
            .contains(&format!("href=\"/desk/organisations/{id}\"")),
        "{}",
        page.text()
    );
    let empty = desk_get(&app, "/desk/organisations");
    assert_eq!(empty.status, 200);
}

#[test]
fn a_clerk_matches_a_transfer_by_searching_the_company() {
    let app = spawn_app();
    let company = unique("Kovačija Žnidaršič ");
    let (_, _, _, token) = organisation(&app, &company, "Rok Žnidaršič", "+386 1 234 5678", None);
    let order = app.order(&token, 2, "bank_transfer");
    let order_id = order["order_id"].as_str().unwrap();
    let amount = order["bank_transfer"]["amount"]
        .as_str()
        .unwrap()
        .to_owned();
    // A transfer quoting no reference: it stays unmatched.
    let entry_ref = unique("NOREF");
    let statement = camt053(&[(&amount, "payment for coupons", &entry_ref)]);
    let imported = app.post_statement("application/xml", &statement);
    assert_eq!(imported.status, 200, "{}", imported.text());
    let entry_id = imported.json()["lines"][0]["bank_entry_id"]
        .as_str()
        .unwrap()
        .to_owned();

    // By the company's name, folded; by the amount as typed; by the order.
    let folded = company
        .to_lowercase()
        .replace('č', "c")
        .replace('ž', "z")
        .replace('š', "s");
    for q in [
        folded.trim().to_owned(),
        amount.replace('.', ","),
        order_id.to_owned(),
    ] {
        let found = app.staff_get(&format!("/api/staff/orders?q={}", urlencode(&q)));
        assert_eq!(found.status, 200, "{}", found.text());
        let found = found.json();
        assert!(
            found["orders"]
                .as_array()
                .unwrap()
                .iter()
                .any(|o| o["order"]["order_id"] == order_id),
            "{q}: {found}"
        );
    }
    let page = desk_get(
        &app,
        &format!(
            "/desk/statements?entry={entry_id}&q={}",
            urlencode(company.trim())
        ),
    );
    assert_eq!(page.status, 200, "{}", page.text());
    let html = page.text();
    assert!(
        html.contains(&format!("name=\"order_id\" value=\"{order_id}\"")),
        "{html}"
    );
    // The clerk reads the order's number; its id is only the form's value.
    let number = order["number"].as_str().unwrap();
    assert!(
        html.contains(&format!("aria-label=\"Match to order {number} of ")),
        "{html}"
    );
    assert_eq!(html.matches(order_id).count(), 1, "{html}");
    let matched = app.staff_send(
        "POST",
        &format!("/api/staff/bank-entries/{entry_id}/match"),
        &json!({ "order_id": order_id }),
    );
    assert_eq!(matched.status, 200, "{}", matched.text());
    assert_eq!(matched.json()["order_number"], number, "{}", matched.text());
}
