//! Organisations and their people over HTTP: invitations accepted in the
//! browser, removals that never leave an organisation without a contact,
//! organisations that see nothing of each other, the stranger who types a
//! held serial, and staff deciding claims.

use serde_json::{json, Value};
use spica_portal::app::Access;

use crate::helpers::{
    checkout_completed, registration, unique, unique_email, unique_serial, TestApp, TestResponse,
    Transport,
};
use crate::spawn_app;

fn send_as(
    app: &TestApp<impl Transport>,
    method: &str,
    path: &str,
    bearer: &str,
    body: Option<&Value>,
) -> TestResponse {
    let authorization = format!("Bearer {bearer}");
    let mut headers = vec![("authorization", authorization.as_str())];
    if body.is_some() {
        headers.push(("content-type", "application/json"));
    }
    let body = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
    app.0.send(method, path, &headers, body)
}

/// An organisation with one of everything: an order, an incident, an
/// activation of its license.
struct Organisation {
    email: String,
    token: String,
    /// A browser signed in as its contact (before the order's and the
    /// incident's emails, which count towards the links an hour).
    cookie: String,
    customer_id: String,
    contact_id: String,
    serial: String,
    order_id: String,
    incident_id: String,
    activation_id: String,
    /// The invoice of a paid card order.
    invoice_id: String,
    /// An invitation of a colleague it waits on.
    invitation_id: String,
}

fn organisation(app: &TestApp<impl Transport>) -> Organisation {
    let (email, token) = app.customer();
    let cookie = app.browser(&email);
    let me = app.get_as("/api/me", &token).json();
    let serial = me["licenses"][0]["serial"].as_str().unwrap().to_owned();
    let activation = app.post_json_as(
        "/api/me/activations",
        &token,
        &json!({"serial": serial, "installation_id": "PC-HOLDER-1", "product_version": "8.0"}),
    );
    assert_eq!(activation.status, 201, "{}", activation.text());
    let incident = app.incident(&token);
    let order = app.order(&token, 2, "bank_transfer");
    let paid = app.order(&token, 1, "card");
    app.stripe_event(&checkout_completed(&unique("evt_"), &paid));
    let invoices = app.get_as("/api/me/invoices", &token).json();
    let invoice_id = invoices["invoices"][0]["invoice_id"]
        .as_str()
        .expect("the paid order's invoice")
        .to_owned();
    let invitation_id = invite(app, &token, &unique_email())["invitation_id"]
        .as_str()
        .unwrap()
        .to_owned();
    Organisation {
        invoice_id,
        invitation_id,
        email,
        customer_id: me["customer_id"].as_str().unwrap().to_owned(),
        contact_id: me["contact"]["contact_id"].as_str().unwrap().to_owned(),
        serial,
        order_id: order["order_id"].as_str().unwrap().to_owned(),
        incident_id: incident["incident_id"].as_str().unwrap().to_owned(),
        activation_id: activation.json()["activation_id"]
            .as_str()
            .unwrap()
            .to_owned(),
        token,
        cookie,
    }
}

/// Invites `email` to the organisation of `token` through the API.
fn invite(app: &TestApp<impl Transport>, token: &str, email: &str) -> Value {
    let invited = app.post_json_as(
        "/api/me/contacts",
        token,
        &json!({"name": "Bor Kos", "email": email, "phone": "+386 40 111 222"}),
    );
    assert_eq!(invited.status, 201, "{}", invited.text());
    invited.json()
}

/// Invites and accepts through `/api/invitations/accept`: the new
/// contact's id and access token.
fn colleague(app: &TestApp<impl Transport>, token: &str, email: &str) -> (String, String) {
    invite(app, token, email);
    let link = app.emailed_token(email, "invitation");
    let accepted = app.post_json("/api/invitations/accept", &json!({ "token": link }));
    assert_eq!(accepted.status, 200, "{}", accepted.text());
    let access = accepted.json()["access_token"].as_str().unwrap().to_owned();
    let me = app.get_as("/api/me", &access).json();
    (
        me["contact"]["contact_id"].as_str().unwrap().to_owned(),
        access,
    )
}

/// Registers a company that is not the licensee, typing `serial`, and
/// confirms the address: (email, access token, the verification answer).
pub(crate) fn stranger(app: &TestApp<impl Transport>, serial: &str) -> (String, String, Value) {
    let email = unique_email().replace("kovinar", "tujec");
    let mut body = registration(&email, serial);
    body["company"] = json!({"name": "Tujec d.o.o.", "street": "Dunajska 5", "postal_code": "2000",
        "city": "Maribor", "country": "SI"});
    let registered = app.post_json("/api/registrations", &body);
    assert_eq!(registered.status, 201, "{}", registered.text());
    let link = app.emailed_token(&email, "verify");
    let verified = app.post_json("/api/registrations/verify", &json!({ "token": link }));
    assert_eq!(verified.status, 200, "{}", verified.text());
    let token = app.sign_in(&email);
    (email, token, verified.json())
}

pub(crate) fn claim_of(app: &TestApp<impl Transport>, email: &str) -> Option<Value> {
    let claims = app.staff_get("/api/staff/license-claims");
    assert_eq!(claims.status, 200, "{}", claims.text());
    claims.json()["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["email"] == email)
        .cloned()
}

/// A concrete path of a customer route, with `other`'s ids in it.
fn with_ids_of(pattern: &str, other: &Organisation) -> String {
    pattern
        .split('/')
        .map(|part| match part {
            "{order_id}" => other.order_id.as_str(),
            "{incident_id}" => other.incident_id.as_str(),
            "{activation_id}" => other.activation_id.as_str(),
            "{contact_id}" => other.contact_id.as_str(),
            "{invoice_id}" => other.invoice_id.as_str(),
            "{invitation_id}" => other.invitation_id.as_str(),
            // Under the other's incident: 404 before the file is looked for.
            "{attachment_id}" => "att_OF_THE_OTHER_INCIDENT",
            p if p.starts_with('{') => panic!("give tests/api/organisations.rs an id for {p}"),
            p => p,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Walks every customer route of the table, API and pages, as the outsider
/// (a bearer token and a browser cookie): every record of `other` is 404,
/// its license cannot be activated, and no listing shows any of it.
fn sees_nothing_of(app: &TestApp<impl Transport>, token: &str, cookie: &str, other: &Organisation) {
    let secrets = [
        other.email.as_str(),
        other.invitation_id.as_str(),
        other.customer_id.as_str(),
        other.contact_id.as_str(),
        other.order_id.as_str(),
        other.incident_id.as_str(),
        other.activation_id.as_str(),
        other.invoice_id.as_str(),
    ];
    let origin = app.0.origin();
    let routes = crate::routes::table()
        .into_iter()
        .filter(|(_, _, access, _, _)| *access == Access::Customer);
    for (pattern, methods) in routes.map(|(p, m, ..)| (p, m)) {
        let page = !pattern.starts_with("/api/");
        let path = with_ids_of(pattern, other);
        for method in &methods {
            let activation = *method == "POST"
                && (pattern == "/api/me/activations" || pattern == "/portal/activate");
            let answer = match (*method, page) {
                ("POST", _) if !pattern.contains('{') && !activation => continue,
                // Changes the caller's own profile only: nothing of `other` to reach.
                ("PATCH", _) if !pattern.contains('{') => continue,
                // Asks to erase the caller's own data only (DELETE /api/me).
                ("DELETE", _) if !pattern.contains('{') => continue,
                ("GET", false) | ("DELETE", false) => send_as(app, method, &path, token, None),
                ("GET", true) => app.get_with_cookie(&path, cookie),
                ("POST", false) => {
                    let body = json!({"body": "Hello", "serial": other.serial,
                        "installation_id": "PC-OUTSIDER", "product_version": "8.0"});
                    send_as(app, method, &path, token, Some(&body))
                }
                ("POST", true) => app.post_form_with_cookie(
                    &path,
                    cookie,
                    &origin,
                    &[
                        ("body", "Hello"),
                        ("serial", &other.serial),
                        ("installation_id", "PC-OUTSIDER"),
                        ("product_version", "8.0"),
                    ],
                ),
                (other, _) => panic!("{other} {pattern}: teach this test the method"),
            };
            if pattern.contains('{') || activation {
                assert!(
                    matches!(answer.status, 403 | 404),
                    "{method} {path} answered {}: {}",
                    answer.status,
                    answer.text()
                );
            } else {
                assert_eq!(answer.status, 200, "{method} {path}: {}", answer.text());
                let text = answer.text();
                for secret in secrets {
                    assert!(!text.contains(secret), "{method} {path} shows {secret}");
                }
            }
        }
    }
    let me = app.get_as("/api/me", token).json();
    let licenses = me["licenses"].as_array().unwrap();
    assert!(
        licenses
            .iter()
            .all(|l| l["serial"] != other.serial.as_str()),
        "{me}"
    );
}

#[test]
fn an_invited_colleague_accepts_in_the_browser_and_works_for_the_same_organisation() {
    let app = spawn_app();
    let (_, ana) = app.customer();
    let ana_me = app.get_as("/api/me", &ana).json();
    let bor = unique_email();
    let invited = invite(&app, &ana, &bor);
    assert_eq!(invited["status"], "pending");
    assert_eq!(invited["email"], bor.as_str());
    let people = app.get_as("/api/me/contacts", &ana).json();
    assert_eq!(people["contacts"].as_array().unwrap().len(), 1, "{people}");
    assert_eq!(
        people["invitations"][0]["invitation_id"], invited["invitation_id"],
        "{people}"
    );

    let link = app.emailed_token(&bor, "invitation");
    for _ in 0..2 {
        // A mail scanner following the link spends nothing.
        let page = app.get(&format!("/invitation?token={link}"));
        assert_eq!(page.status, 200, "{}", page.text());
        assert!(page.text().contains("action=\"/invitation\""));
        assert!(page.text().contains("<button type=\"submit\">"));
        assert!(page.text().contains("Kovinar d.o.o."), "{}", page.text());
    }
    let planted = app.post_form_with_cookie(
        "/invitation",
        "",
        "https://evil.example",
        &[("token", &link)],
    );
    assert_eq!(planted.status, 403);
    assert!(planted.header("set-cookie").is_none());

    let accepted =
        app.post_form_with_cookie("/invitation", "", &app.0.origin(), &[("token", &link)]);
    assert_eq!(accepted.status, 303, "{}", accepted.text());
    assert_eq!(accepted.header("location"), Some("/portal"));
    let cookie = accepted.cookie();
    let portal = app.get_with_cookie("/portal", &cookie);
    assert_eq!(portal.status, 200);
    assert!(portal.text().contains("Bor Kos") && portal.text().contains("Kovinar d.o.o."));
    let people = app.get_with_cookie("/portal/contacts", &cookie);
    assert!(people
        .text()
        .contains(ana_me["contact"]["email"].as_str().unwrap()));

    let again = app.post_form_with_cookie("/invitation", "", &app.0.origin(), &[("token", &link)]);
    again.tells_of_link(409, "accepted already", "/sign-in");
    assert!(again.header("set-cookie").is_none());

    let bor_me = app.get_as("/api/me", &app.sign_in(&bor)).json();
    assert_eq!(bor_me["customer_id"], ana_me["customer_id"]);
    assert_eq!(bor_me["contact"]["email"], bor.as_str());
    assert_eq!(bor_me["coupon_balance"], ana_me["coupon_balance"]);
    let people = app.get_as("/api/me/contacts", &ana).json();
    let statuses: Vec<Value> = people["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["status"].clone())
        .collect();
    assert_eq!(statuses, vec![json!("active"), json!("active")]);
    assert_eq!(people["invitations"], json!([]), "accepted, not waited on");
    let page = app.get(&format!("/invitation?token={link}"));
    page.tells_of_link(409, "accepted already", "/sign-in");
}

#[test]
fn an_invitation_to_a_registered_address_or_with_bad_fields_is_refused() {
    let app = spawn_app();
    let (_, ana) = app.customer();
    let (bor_email, _) = app.customer();
    let taken = app.post_json_as(
        "/api/me/contacts",
        &ana,
        &json!({"name": "Bor", "email": bor_email, "phone": "+386 40 111 222"}),
    );
    taken.problem(409);
    let invalid = app
        .post_json_as(
            "/api/me/contacts",
            &ana,
            &json!({"name": "", "email": "not an address", "phone": "12"}),
        )
        .problem(422);
    assert_eq!(invalid["errors"].as_array().unwrap().len(), 3, "{invalid}");
    app.post_json("/api/invitations/accept", &json!({"token": "x"}))
        .problem(422);
    let invitations = app.outbox(&bor_email);
    assert!(
        invitations
            .iter()
            .all(|m| !m["text"].as_str().unwrap().contains("/invitation?token=")),
        "a refused invitation sends nothing"
    );
}

#[test]
fn removal_never_leaves_an_organisation_without_a_contact_and_ends_the_removed_ones_access() {
    let app = spawn_app();
    let (_, ana) = app.customer();
    let ana_me = app.get_as("/api/me", &ana).json();
    let org = ana_me["customer_id"].as_str().unwrap().to_owned();
    let ana_id = ana_me["contact"]["contact_id"].as_str().unwrap().to_owned();
    let last = send_as(
        &app,
        "DELETE",
        &format!("/api/me/contacts/{ana_id}"),
        &ana,
        None,
    )
    .problem(409);
    assert_eq!(last["type"], "/problems/last-contact");

    let bor_email = unique_email();
    let (bor_id, bor) = colleague(&app, &ana, &bor_email);
    let bor_cookie = app.browser(&bor_email);
    assert_eq!(app.get_with_cookie("/portal", &bor_cookie).status, 200);
    let removed = send_as(
        &app,
        "DELETE",
        &format!("/api/me/contacts/{bor_id}"),
        &ana,
        None,
    );
    assert_eq!(removed.status, 200, "{}", removed.text());
    app.get_as("/api/me", &bor).problem(401);
    let portal = app.get_with_cookie("/portal", &bor_cookie);
    assert_eq!(
        (portal.status, portal.header("location")),
        (303, Some("/sign-in?next=%2Fportal")),
        "the removed contact's browser session ends"
    );
    let before = app.outbox(&bor_email).len();
    app.post_json("/api/sessions", &json!({ "email": bor_email }));
    assert_eq!(
        app.outbox(&bor_email).len(),
        before,
        "no sign-in link for a removed contact"
    );
    send_as(
        &app,
        "DELETE",
        &format!("/api/me/contacts/{bor_id}"),
        &ana,
        None,
    )
    .problem(404);
    send_as(
        &app,
        "DELETE",
        &format!("/api/me/contacts/{ana_id}"),
        &ana,
        None,
    )
    .problem(409);

    // Staff remove through the desk's API, by the same rule.
    let cy_email = unique_email();
    let (cy_id, cy) = colleague(&app, &ana, &cy_email);
    let by_staff = |contact: &str| {
        app.staff_send(
            "DELETE",
            &format!("/api/staff/customers/{org}/contacts/{contact}"),
            &json!({}),
        )
    };
    app.staff_send(
        "DELETE",
        &format!("/api/staff/customers/cus_other/contacts/{cy_id}"),
        &json!({}),
    )
    .problem(404);
    assert_eq!(by_staff(&ana_id).status, 200);
    app.get_as("/api/me", &ana).problem(401);
    let contacts = app.get_as("/api/me/contacts", &cy).json()["contacts"].clone();
    assert_eq!(contacts.as_array().unwrap().len(), 1, "{contacts}");
    assert_eq!(contacts[0]["email"], cy_email.as_str());
    by_staff(&cy_id).problem(409);
}

#[test]
fn a_contact_invites_and_removes_colleagues_from_the_portal_page() {
    let app = spawn_app();
    let (ana_email, _) = app.customer();
    let cookie = app.browser(&ana_email);
    let page = app.get_with_cookie("/portal/contacts", &cookie);
    assert_eq!(page.status, 200);
    assert!(page.text().contains("action=\"/portal/contacts\""));
    let wrong = app.post_form_with_cookie(
        "/portal/contacts",
        &cookie,
        &app.0.origin(),
        &[
            ("name", "Bor"),
            ("email", "nope"),
            ("phone", "+386 40 111 222"),
        ],
    );
    assert_eq!(wrong.status, 422);
    assert!(wrong.text().contains("id=\"email-error\""));
    let bor = unique_email();
    let invited = app.post_form_with_cookie(
        "/portal/contacts",
        &cookie,
        &app.0.origin(),
        &[
            ("name", "Bor Kos"),
            ("email", &bor),
            ("phone", "+386 40 111 222"),
        ],
    );
    assert_eq!(invited.status, 303, "{}", invited.text());
    app.emailed_token(&bor, "invitation");
    let listed = app.get_with_cookie("/portal/contacts", &cookie).text();
    assert!(listed.contains(&bor));
    assert!(
        !listed.contains("action=\"/portal/contacts/"),
        "an invitation is no contact to remove: {listed}"
    );
    let start = listed.find("action=\"/portal/invitations/").unwrap() + "action=\"".len();
    let action: String = listed[start..].chars().take_while(|c| *c != '"').collect();
    let withdrawn = app.post_form_with_cookie(&action, &cookie, &app.0.origin(), &[]);
    assert_eq!(withdrawn.status, 303, "{}", withdrawn.text());
    assert!(!app
        .get_with_cookie("/portal/contacts", &cookie)
        .text()
        .contains(&bor));
    let link = app.emailed_token(&bor, "invitation");
    let late = app.post_form_with_cookie("/invitation", "", &app.0.origin(), &[("token", &link)]);
    late.tells_of_link(410, "withdrew this invitation", "/sign-in");
    assert!(late.header("set-cookie").is_none());
    app.get(&format!("/invitation?token={link}")).tells_of_link(
        410,
        "withdrew this invitation",
        "/sign-in",
    );
    let again = app.post_form_with_cookie(&action, &cookie, &app.0.origin(), &[]);
    assert_eq!(again.status, 410, "withdrawn once: {}", again.text());
}

#[test]
fn contacts_of_two_organisations_see_nothing_of_each_other() {
    let app = spawn_app();
    let kovinar = organisation(&app);
    let other = organisation(&app);
    // The other organisation's second person, too.
    let bor = unique_email();
    let (_, colleague_token) = colleague(&app, &other.token, &bor);
    let colleague_cookie = app.browser(&bor);
    sees_nothing_of(&app, &other.token, &other.cookie, &kovinar);
    sees_nothing_of(&app, &colleague_token, &colleague_cookie, &kovinar);
    sees_nothing_of(&app, &kovinar.token, &kovinar.cookie, &other);
}

#[test]
fn a_stranger_who_types_a_held_serial_gets_nothing_of_the_license_and_is_a_claim() {
    let app = spawn_app();
    let holder = organisation(&app);
    let (email, token, verified) = stranger(&app, &holder.serial);
    assert_eq!(verified["free_coupon"], "awaiting_license_claim");
    assert_eq!(verified["coupon_balance"], 0);
    let me = app.get_as("/api/me", &token).json();
    assert_eq!(
        (me["licenses"].clone(), me["coupon_balance"].clone()),
        (json!([]), json!(0))
    );

    let taken = app.post_json_as(
        "/api/me/activations",
        &token,
        &json!({"serial": holder.serial, "installation_id": "PC-EVE-1", "product_version": "8.0"}),
    );
    assert!(matches!(taken.status, 403 | 404), "{}", taken.text());
    let path = format!("/api/me/activations/{}", holder.activation_id);
    send_as(&app, "DELETE", &path, &token, None).problem(404);
    app.get_as(&format!("{path}/license-file"), &token)
        .problem(404);
    let holder_me = app.get_as("/api/me", &holder.token).json();
    let activations = holder_me["licenses"][0]["activations"].as_array().unwrap();
    assert_eq!(activations.len(), 1, "the holder's activation stands");

    let claim = claim_of(&app, &email).expect("the stranger is a claim");
    assert_eq!(claim["serial"], holder.serial.as_str());
    assert_eq!(claim["status"], "open");
    // On every customer route, the unconfirmed claimant sees its own organisation only.
    let cookie = app.browser(&email);
    sees_nothing_of(&app, &token, &cookie, &holder);
    assert_eq!(app.balance(&token), 0, "no free coupon");
}

/// A license nobody holds, whose licensee is nobody who registers.
fn unheld_license(app: &TestApp<impl Transport>) -> String {
    let serial = unique_serial();
    let row = json!([{"serial": serial, "product": "Time & Space", "edition": "Professional",
        "version": "8.0", "list_price": "1234.50", "installations": "2",
        "licensee_name": "Somebody Else GmbH", "licensee_country": "AT"}]);
    let answer = app.staff_send("POST", "/api/staff/licenses", &row);
    assert_eq!(answer.status, 200, "{}", answer.text());
    serial
}

#[test]
fn staff_assign_a_claim_of_an_unheld_license_once_with_its_free_coupon() {
    let app = spawn_app();
    let serial = unheld_license(&app);
    let (email, token, _) = stranger(&app, "0");
    let claim = claim_of(&app, &email).unwrap();
    let path = format!(
        "/api/staff/license-claims/{}/assign",
        claim["claim_id"].as_str().unwrap()
    );
    let assigned = app.staff_send("POST", &path, &json!({ "serial": serial }));
    assert_eq!(assigned.status, 200, "{}", assigned.text());
    assert_eq!(assigned.json()["free_coupon_granted"], true);
    assert_eq!(app.balance(&token), 1);
    let me = app.get_as("/api/me", &token).json();
    assert_eq!(me["licenses"][0]["serial"], serial.as_str());
    let again = app
        .staff_send("POST", &path, &json!({ "serial": serial }))
        .problem(409);
    assert_eq!(again["type"], "/problems/claim-decided");
    assert!(claim_of(&app, &email).is_none());

    // A held license is not assigned to a claimant.
    let holder = organisation(&app);
    let (email, _, _) = stranger(&app, &holder.serial);
    let claim = claim_of(&app, &email).unwrap();
    let path = format!(
        "/api/staff/license-claims/{}/assign",
        claim["claim_id"].as_str().unwrap()
    );
    let held = app.staff_send("POST", &path, &json!({})).problem(409);
    assert_eq!(held["type"], "/problems/held-by-another-organisation");
}

#[test]
fn claims_assigned_one_unheld_license_at_once_make_one_holder_and_one_coupon() {
    let app = spawn_app();
    let serial = unheld_license(&app);
    let claimants: Vec<(String, String)> = (0..8)
        .map(|_| {
            let (email, token, _) = stranger(&app, "0");
            let claim = claim_of(&app, &email).unwrap();
            (claim["claim_id"].as_str().unwrap().to_owned(), token)
        })
        .collect();
    let start = std::sync::Barrier::new(claimants.len());
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = claimants
            .iter()
            .map(|(claim_id, _)| {
                let (app, serial, start) = (&app, &serial, &start);
                scope.spawn(move || {
                    let path = format!("/api/staff/license-claims/{claim_id}/assign");
                    start.wait();
                    let answer = app.staff_send("POST", &path, &json!({ "serial": serial }));
                    if answer.status == 409 {
                        let problem = answer.json();
                        assert_eq!(problem["type"], "/problems/held-by-another-organisation");
                    }
                    answer.status
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| matches!(s, 200 | 409)),
        "{statuses:?}"
    );
    let winner = statuses.iter().position(|s| *s == 200).unwrap();
    for (index, (_, token)) in claimants.iter().enumerate() {
        let me = app.get_as("/api/me", token).json();
        let held = usize::from(index == winner);
        assert_eq!(me["licenses"].as_array().unwrap().len(), held, "{index}");
        assert_eq!(me["coupon_balance"], held, "{index}");
    }
}

#[test]
fn a_named_holder_gets_the_free_coupon_once_per_organisation_and_once_per_license() {
    let app = spawn_app();
    let (first, second) = (unheld_license(&app), unheld_license(&app));
    let name = |token: &str, serial: &str| {
        let customer_id = app.get_as("/api/me", token).json()["customer_id"].clone();
        let path = format!("/api/staff/licenses/{serial}/holder");
        let named = app.staff_send("PUT", &path, &json!({ "customer_id": customer_id }));
        assert_eq!(named.status, 200, "{}", named.text());
        named.json()["free_coupon_granted"].as_bool().unwrap()
    };
    let (_, ana, _) = stranger(&app, "0");
    let (_, eve, _) = stranger(&app, "0");
    assert!(name(&ana, &first), "the first license of an organisation");
    assert!(!name(&ana, &second), "one free coupon per organisation");
    assert_eq!(app.balance(&ana), 1);
    assert!(!name(&eve, &first), "one free coupon per license");
    assert_eq!(app.balance(&eve), 0);
    assert!(name(&eve, &second), "a license that never earned one");
    assert_eq!(app.balance(&eve), 1);
    assert_eq!(app.balance(&ana), 1);
}

#[test]
fn the_holder_confirms_a_claimant_who_joins_through_the_emailed_page() {
    let app = spawn_app();
    let holder = organisation(&app);
    let (email, token, _) = stranger(&app, &holder.serial);
    let claim = claim_of(&app, &email).unwrap();
    let path = format!(
        "/api/staff/license-claims/{}/join",
        claim["claim_id"].as_str().unwrap()
    );
    let asked = app.staff_send("POST", &path, &json!({}));
    assert_eq!(asked.status, 200, "{}", asked.text());
    assert_eq!(asked.json()["status"], "join_requested");
    assert_eq!(claim_of(&app, &email).unwrap()["status"], "join_requested");

    let link = app.emailed_token(&holder.email, "confirm-join");
    let page = app.get(&format!("/confirm-join?token={link}"));
    assert_eq!(page.status, 200);
    assert!(page.text().contains("action=\"/confirm-join\""));
    let planted = app.post_form_with_cookie(
        "/confirm-join",
        "",
        "https://evil.example",
        &[("token", &link)],
    );
    assert_eq!(planted.status, 403);
    assert_eq!(app.get_as("/api/me", &token).json()["licenses"], json!([]));

    let confirmed =
        app.post_form_with_cookie("/confirm-join", "", &app.0.origin(), &[("token", &link)]);
    assert_eq!(confirmed.status, 200, "{}", confirmed.text());
    let me = app.get_as("/api/me", &token).json();
    assert_eq!(me["customer_id"], holder.customer_id.as_str());
    assert_eq!(me["licenses"][0]["serial"], holder.serial.as_str());
    let contacts = app.get_as("/api/me/contacts", &holder.token).json();
    assert!(contacts.to_string().contains(&email));
    let again =
        app.post_form_with_cookie("/confirm-join", "", &app.0.origin(), &[("token", &link)]);
    again.tells_of_link(409, "confirmed already", "/portal/contacts");
    app.staff_send("POST", &path, &json!({})).problem(409);
}

#[test]
fn a_refused_claim_tells_the_claimant_why_and_staff_can_name_a_holder() {
    let app = spawn_app();
    let (email, token, _) = stranger(&app, &unique_serial());
    let claim = claim_of(&app, &email).unwrap();
    let path = format!(
        "/api/staff/license-claims/{}/refuse",
        claim["claim_id"].as_str().unwrap()
    );
    let missing = app.staff_send("POST", &path, &json!({})).problem(422);
    assert_eq!(missing["errors"][0]["field"], "reason");
    let refused = app.staff_send(
        "POST",
        &path,
        &json!({"reason": "No such license was sold"}),
    );
    assert_eq!(refused.status, 200, "{}", refused.text());
    assert!(app.outbox(&email)[0]["text"]
        .as_str()
        .unwrap()
        .contains("No such license was sold"));
    assert!(claim_of(&app, &email).is_none());
    app.staff_send("POST", &path, &json!({"reason": "again"}))
        .problem(409);

    let serial = unheld_license(&app);
    let customer_id = app.get_as("/api/me", &token).json()["customer_id"].clone();
    let holder_path = format!("/api/staff/licenses/{serial}/holder");
    let named = app.staff_send("PUT", &holder_path, &json!({ "customer_id": customer_id }));
    assert_eq!(named.status, 200, "{}", named.text());
    assert_eq!(named.json()["free_coupon_granted"], true);
    let me = app.get_as("/api/me", &token).json();
    assert_eq!(me["licenses"][0]["serial"], serial.as_str());
    assert_eq!(me["coupon_balance"], 1);
    app.staff_send("PUT", &holder_path, &json!({"customer_id": "cus_nobody"}))
        .problem(404);
    app.staff_send(
        "PUT",
        "/api/staff/licenses/TS-NOT-SOLD/holder",
        &json!({ "customer_id": customer_id }),
    )
    .problem(404);
}

#[test]
fn the_desk_decides_claims_from_its_page() {
    let app = spawn_app();
    let (email, _, _) = stranger(&app, &unique_serial());
    let signed_in = app.post_form_with_cookie(
        "/desk/sign-in",
        "",
        &app.0.origin(),
        &[("token", app.0.staff_token())],
    );
    let cookie = signed_in.cookie();
    let page = app.get_with_cookie("/desk/claims", &cookie);
    assert_eq!(page.status, 200);
    assert!(page.text().contains(&email));
    let claim_id = claim_of(&app, &email).unwrap()["claim_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(page
        .text()
        .contains(&format!("/desk/claims/{claim_id}/refuse")));
    let refused = app.post_form_with_cookie(
        &format!("/desk/claims/{claim_id}/refuse"),
        &cookie,
        &app.0.origin(),
        &[("reason", "Not a license of ours")],
    );
    assert_eq!(refused.status, 303, "{}", refused.text());
    assert!(!app
        .get_with_cookie("/desk/claims", &cookie)
        .text()
        .contains(&email));
    let late = app.post_form_with_cookie(
        &format!("/desk/claims/{claim_id}/join"),
        &cookie,
        &app.0.origin(),
        &[],
    );
    assert_eq!(late.status, 409);
}

/// The newest invitation link emailed to `to`, and what the invitation's
/// page and the API say of it now.
fn invitation_link(app: &TestApp<impl Transport>, to: &str) -> String {
    app.emailed_token(to, "invitation")
}

fn accept(app: &TestApp<impl Transport>, link: &str) -> TestResponse {
    app.post_json("/api/invitations/accept", &json!({ "token": link }))
}

#[test]
fn an_invitation_reserves_nothing_the_invited_person_registers_and_signs_in_on_their_own() {
    let app = spawn_app();
    let (_, ana) = app.customer();
    let ana_org = app.get_as("/api/me", &ana).json()["customer_id"].clone();
    let eva = unique_email();
    invite(&app, &ana, &eva);
    let link = invitation_link(&app, &eva);

    // Eva registers a company of her own with the invited address.
    let serial = unique_serial();
    app.licensed_to_kovinar(&serial);
    let registered = app.post_json("/api/registrations", &registration(&eva, &serial));
    assert_eq!(registered.status, 201, "{}", registered.text());
    let verify = app.emailed_token(&eva, "verify");
    let verified = app.post_json("/api/registrations/verify", &json!({ "token": verify }));
    assert_eq!(verified.status, 200, "{}", verified.text());
    let token = app.sign_in(&eva);
    let me = app.get_as("/api/me", &token).json();
    assert_ne!(me["customer_id"], ana_org);
    assert_eq!(me["contact"]["email"], eva.as_str());

    // Ana's invitation now finds the address taken, and says so.
    app.get(&format!("/invitation?token={link}")).tells_of_link(
        409,
        "is a contact of an organisation on the portal already",
        "/sign-in",
    );
    let taken = accept(&app, &link).problem(409);
    assert_eq!(taken["type"], "/problems/invited-address-taken");
    let page = app.post_form_with_cookie("/invitation", "", &app.0.origin(), &[("token", &link)]);
    page.tells_of_link(409, "is a contact of an organisation", "/sign-in");
    assert!(page.header("set-cookie").is_none());
    let ana_people = app.get_as("/api/me/contacts", &ana).json();
    assert_eq!(ana_people["contacts"].as_array().unwrap().len(), 1);
    assert_eq!(
        app.get_as("/api/me", &token).json()["customer_id"],
        me["customer_id"],
        "Eva stays where she registered"
    );
}

#[test]
fn an_invited_person_accepts_another_organisations_invitation_and_the_first_finds_the_address_taken(
) {
    let app = spawn_app();
    let (_, ana) = app.customer();
    let (_, bo) = app.customer();
    let eva = unique_email();
    invite(&app, &ana, &eva);
    let from_ana = invitation_link(&app, &eva);
    let second = app.post_json_as(
        "/api/me/contacts",
        &bo,
        &json!({"name": "Eva Zupan", "email": eva, "phone": "+386 40 333 444"}),
    );
    assert_eq!(second.status, 201, "{}", second.text());
    let from_bo = invitation_link(&app, &eva);
    assert_ne!(from_ana, from_bo);

    let accepted = accept(&app, &from_bo);
    assert_eq!(accepted.status, 200, "{}", accepted.text());
    let me = app
        .get_as("/api/me", accepted.json()["access_token"].as_str().unwrap())
        .json();
    assert_eq!(
        me["customer_id"],
        app.get_as("/api/me", &bo).json()["customer_id"]
    );
    assert_eq!(me["contact"]["name"], "Eva Zupan");
    let taken = accept(&app, &from_ana).problem(409);
    assert_eq!(taken["type"], "/problems/invited-address-taken");
    assert_eq!(
        app.get_as("/api/me/contacts", &ana).json()["contacts"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn a_newer_invitation_replaces_the_older_whose_link_says_so_and_the_export_holds_no_link() {
    let app = spawn_app();
    let (_, ana) = app.customer();
    let eva = unique_email();
    let first = invite(&app, &ana, &eva);
    let old_link = invitation_link(&app, &eva);
    let second = invite(&app, &ana, &eva);
    let new_link = invitation_link(&app, &eva);
    assert_ne!(old_link, new_link);
    let waiting = app.get_as("/api/me/contacts", &ana).json()["invitations"].clone();
    assert_eq!(
        waiting.as_array().unwrap().len(),
        1,
        "the newer replaces: {waiting}"
    );
    assert_eq!(waiting[0]["invitation_id"], second["invitation_id"]);

    app.get(&format!("/invitation?token={old_link}"))
        .tells_of_link(410, "newer invitation replaced this one", "/sign-in");
    let replaced = accept(&app, &old_link).problem(410);
    assert_eq!(replaced["type"], "/problems/invitation-replaced");
    let accepted = accept(&app, &new_link);
    assert_eq!(accepted.status, 200, "{}", accepted.text());
    accept(&app, &new_link).problem(409);

    // A colleague withdraws another invitation through the API.
    let cene = unique_email();
    let third = invite(&app, &ana, &cene);
    let cene_link = invitation_link(&app, &cene);
    let path = format!(
        "/api/me/invitations/{}",
        third["invitation_id"].as_str().unwrap()
    );
    let withdrawn = send_as(&app, "DELETE", &path, &ana, None);
    assert_eq!(withdrawn.status, 200, "{}", withdrawn.text());
    assert_eq!(withdrawn.json()["status"], "withdrawn");
    let again = send_as(&app, "DELETE", &path, &ana, None).problem(410);
    assert_eq!(again["type"], "/problems/invitation-withdrawn");
    accept(&app, &cene_link).problem(410);

    // The export names both invitations, without their links.
    let export = app.get_as("/api/me/export", &ana).json();
    let invitations = export["invitations"].as_array().unwrap();
    let ids: Vec<&Value> = invitations.iter().map(|i| &i["id"]).collect();
    assert_eq!(
        ids,
        [
            &first["invitation_id"],
            &second["invitation_id"],
            &third["invitation_id"]
        ]
    );
    assert!(invitations.iter().all(|i| i.get("token_hash").is_none()));
    let text = export.to_string();
    for link in [&old_link, &new_link, &cene_link] {
        let hash = spica_portal::domain::token::SecretHash::of(link).to_hex();
        assert!(!text.contains(link.as_str()) && !text.contains(&hash));
    }
}

#[test]
fn an_invitation_of_an_organisation_merged_meanwhile_opens_nothing() {
    let app = spawn_app();
    let holder = organisation(&app);
    let (claimant, token, _) = stranger(&app, &holder.serial);
    let eva = unique_email();
    invite(&app, &token, &eva);
    let link = invitation_link(&app, &eva);
    let claim = claim_of(&app, &claimant).unwrap();
    let join = format!(
        "/api/staff/license-claims/{}/join",
        claim["claim_id"].as_str().unwrap()
    );
    assert_eq!(app.staff_send("POST", &join, &json!({})).status, 200);
    let confirm = app.emailed_token(&holder.email, "confirm-join");
    let confirmed =
        app.post_form_with_cookie("/confirm-join", "", &app.0.origin(), &[("token", &confirm)]);
    assert_eq!(confirmed.status, 200, "{}", confirmed.text());

    // The claimant's organisation has no one left: it is merged, and its
    // invitation opens nothing.
    app.get(&format!("/invitation?token={link}")).tells_of_link(
        410,
        "no longer active",
        "/sign-in",
    );
    let gone = accept(&app, &link).problem(410);
    assert_eq!(gone["type"], "/problems/organisation-not-active");
    let asked = app.post_json("/api/sessions", &json!({ "email": eva }));
    assert_eq!(asked.status, 202);
    assert!(
        app.outbox(&eva)
            .iter()
            .all(|m| !m["text"].as_str().unwrap().contains("/sign-in?token=")),
        "Eva is nobody's contact"
    );
}

#[test]
fn one_address_invited_by_two_organisations_and_accepted_eight_times_at_once_is_one_contact() {
    let app = spawn_app();
    let (_, ana) = app.customer();
    let (_, bo) = app.customer();
    let eva = unique_email();
    invite(&app, &ana, &eva);
    let from_ana = invitation_link(&app, &eva);
    invite(&app, &bo, &eva);
    let from_bo = invitation_link(&app, &eva);
    let links: Vec<&str> = (0..8)
        .map(|n| if n % 2 == 0 { &from_ana } else { &from_bo }.as_str())
        .collect();
    let start = std::sync::Barrier::new(links.len());
    let answers: Vec<(u16, Value)> = std::thread::scope(|scope| {
        let handles: Vec<_> = links
            .iter()
            .map(|link| {
                let (app, start) = (&app, &start);
                scope.spawn(move || {
                    start.wait();
                    let answer = accept(app, link);
                    (answer.status, answer.json())
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let accepted: Vec<&Value> = answers
        .iter()
        .filter(|(status, _)| *status == 200)
        .map(|(_, body)| body)
        .collect();
    assert_eq!(accepted.len(), 1, "{answers:?}");
    for (status, body) in &answers {
        assert!(
            *status == 200
                || (*status == 409
                    && [
                        "/problems/invitation-accepted",
                        "/problems/invited-address-taken"
                    ]
                    .contains(&body["type"].as_str().unwrap())),
            "{answers:?}"
        );
    }
    let token = accepted[0]["access_token"].as_str().unwrap();
    let me = app.get_as("/api/me", token).json();
    let total: usize = [&ana, &bo]
        .iter()
        .map(|t| {
            app.get_as("/api/me/contacts", t).json()["contacts"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c["email"] == eva.as_str())
                .count()
        })
        .sum();
    assert_eq!(total, 1, "one contact of the address: {me}");
}
