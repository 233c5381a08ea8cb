//! Every route of the route table (`router::table`) answers, with the
//! methods it names and none other; the OpenAPI document describes exactly the API's routes; and every route answers the wrong caller with 401, 403 or 404 and
//! the right one with neither.

use std::collections::BTreeSet;

use spica_portal::app::{Access, PartnerNeed};
use spica_portal::domain::staff::StaffRole;
use spica_portal::http::MAX_BODY_BYTES;
use spica_portal::router::{facts, Surface};

use crate::helpers::{access_assertion, Forgery, TestApp, TestResponse, Transport};
use crate::spawn_app;

/// A concrete path for a route's pattern.
fn concrete(pattern: &str) -> String {
    pattern
        .split('/')
        .map(|part| if part.starts_with('{') { "x1" } else { part })
        .collect::<Vec<_>>()
        .join("/")
}

fn send(
    app: &TestApp<impl Transport>,
    method: &str,
    path: &str,
    bearer: Option<&str>,
) -> TestResponse {
    let authorization = bearer.map(|b| format!("Bearer {b}"));
    let mut headers = vec![("content-type", "application/json")];
    if let Some(authorization) = &authorization {
        headers.push(("authorization", authorization.as_str()));
    }
    app.0.send(method, path, &headers, b"{}".to_vec())
}

/// The route table by path: each pattern with its methods, who may call
/// it, whether it is the API, and whether the platform serves it.
pub fn table() -> Vec<(&'static str, Vec<&'static str>, Access, bool, bool)> {
    let mut paths: Vec<(&'static str, Vec<&'static str>, Access, bool, bool)> = Vec::new();
    for row in facts() {
        match paths
            .iter_mut()
            .find(|(p, _, a, _, _)| *p == row.pattern && *a == row.access)
        {
            Some((_, methods, ..)) => methods.push(row.method.as_str()),
            None => paths.push((
                row.pattern,
                vec![row.method.as_str()],
                row.access,
                row.surface == Surface::Api,
                row.platform,
            )),
        }
    }
    paths
}

#[test]
fn every_route_answers_its_methods_and_refuses_the_others() {
    let app = spawn_app();
    for (pattern, methods, _, _, platform) in table() {
        // Workers static assets answer these; tests/e2e/assets.rs checks them.
        if platform {
            continue;
        }
        let path = concrete(pattern);
        for method in &methods {
            let answer = send(&app, method, &path, None);
            assert_ne!(answer.status, 405, "{method} {pattern}");
            let unknown = answer.status == 404
                && answer.text().contains("There is nothing at this address")
                && !pattern.contains('{');
            assert!(!unknown, "{method} {pattern} is not routed");
        }
        for method in ["GET", "POST", "PUT", "DELETE"]
            .iter()
            .filter(|m| !methods.contains(m))
        {
            let answer = send(&app, method, &path, None);
            assert_eq!(answer.status, 405, "{method} {pattern}: {}", answer.text());
            let allow = answer.header("allow").unwrap_or_default().to_owned();
            for expected in &methods {
                assert!(allow.contains(expected), "{pattern} allows {allow}");
            }
        }
    }
}

/// The API's contract as committed for the static assets.
pub fn openapi_document() -> serde_json::Value {
    let path = format!("{}/assets/api/openapi.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_slice(&std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))).unwrap()
}

/// The committed document is the one the route table generates (with
/// `UPDATE_OPENAPI=1`, as `make openapi` runs it, the test writes it).
#[test]
fn the_openapi_document_is_generated_from_the_route_table() {
    let generated = spica_portal::router::openapi::document();
    let path = format!("{}/assets/api/openapi.json", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        let text = serde_json::to_string_pretty(&generated).unwrap() + "\n";
        std::fs::write(&path, text).unwrap();
    }
    assert!(
        openapi_document() == generated,
        "assets/api/openapi.json is not what the route table generates: run `make openapi`"
    );
}

#[test]
fn the_openapi_document_describes_exactly_the_api_routes() {
    let document = openapi_document();
    assert!(document["openapi"].as_str().unwrap().starts_with("3.1"));
    let documented: BTreeSet<(String, String)> = document["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, operations)| {
            operations
                .as_object()
                .unwrap()
                .keys()
                .filter(|k| *k != "parameters")
                .map(move |method| (path.clone(), method.to_uppercase()))
        })
        .collect();
    let routed: BTreeSet<(String, String)> = facts()
        .iter()
        .filter(|row| row.surface == Surface::Api)
        .map(|row| (row.pattern.to_string(), row.method.as_str().to_string()))
        .collect();
    let missing: Vec<_> = routed.difference(&documented).collect();
    let extra: Vec<_> = documented.difference(&routed).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "undocumented: {missing:?}; documented but not routed: {extra:?}"
    );
}

/// One caller of each kind the portal knows, and how it presents itself.
struct Caller {
    name: &'static str,
    kind: CallerKind,
    bearer: Option<String>,
    assertion: Option<String>,
}

/// Bodies no route accepts: the wrong media type, JSON cut short, and one
/// over the size limit of most routes.
fn malformed_bodies() -> [(&'static str, Vec<u8>); 3] {
    [
        ("application/x-unknown", b"\x00\xff not a body".to_vec()),
        ("application/json", b"{\"cut short".to_vec()),
        ("application/json", vec![b' '; MAX_BODY_BYTES + 1]),
    ]
}

/// Who may call a route is decided before anything of the request is read:
/// without credentials every non-public route answers 401 (a page, its
/// sign-in), whatever the body, never 400, 413, 415 or 422 (which would
/// tell a stranger how the route reads its input, and reads it for them).
#[test]
fn every_non_public_route_refuses_an_anonymous_malformed_body_with_401() {
    let app = spawn_app();
    let origin = app.0.origin();
    for (pattern, methods, access, api, platform) in table() {
        if matches!(access, Access::Public | Access::Signed) || platform {
            continue;
        }
        let path = concrete(pattern);
        for method in &methods {
            for (media_type, body) in malformed_bodies() {
                let headers = [("content-type", media_type), ("origin", origin.as_str())];
                let answer = app.0.send(method, &path, &headers, body);
                if api {
                    assert_eq!(
                        answer.status,
                        401,
                        "{method} {pattern} with {media_type}: {}",
                        answer.text()
                    );
                } else {
                    let location = answer.header("location").unwrap_or_default();
                    assert!(
                        answer.status == 303 && location.contains("sign-in"),
                        "{method} {pattern} with {media_type}: {} {location}",
                        answer.status
                    );
                }
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CallerKind {
    Customer,
    Staff(StaffRole),
    Partner(&'static str),
    /// A forged or stale credential: admitted nowhere.
    Nobody,
}

fn partner_key(app: &TestApp<impl Transport>, kind: &str) -> String {
    let body = serde_json::json!({"name": format!("Matrix {kind}"), "kind": kind, "country": "SI", "email": crate::helpers::unique_email()});
    let created = app.staff_send("POST", "/api/staff/partners", &body);
    assert_eq!(created.status, 201, "{}", created.text());
    created.json()["api_key"].as_str().unwrap().to_owned()
}

/// A caller of every kind: a customer, each staff role through Access, the
/// break-glass token, each kind of partner, and forged or revoked
/// credentials.
fn callers(app: &TestApp<impl Transport>) -> Vec<Caller> {
    let (_, customer) = app.customer();
    let now = app.0.now_seconds();
    let staff = |name, role: StaffRole| Caller {
        name,
        kind: CallerKind::Staff(role),
        bearer: None,
        assertion: Some(access_assertion(
            &app.staff_member(role.as_str()),
            now,
            Forgery::None,
        )),
    };
    let partner = |name, kind: &'static str| Caller {
        name,
        kind: CallerKind::Partner(kind),
        bearer: Some(partner_key(app, kind)),
        assertion: None,
    };
    let former = app.staff_member("admin");
    let id = app
        .staff_send("GET", "/api/staff/members", &serde_json::json!({}))
        .json()["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == former.as_str())
        .unwrap()["member_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let deactivated = app.staff_send(
        "PATCH",
        &format!("/api/staff/members/{id}"),
        &serde_json::json!({"active": false}),
    );
    assert_eq!(deactivated.status, 200, "{}", deactivated.text());
    let admin = app.staff_member("admin");
    let forged = |name, forgery| Caller {
        name,
        kind: CallerKind::Nobody,
        bearer: None,
        assertion: Some(access_assertion(&admin, now, forgery)),
    };
    vec![
        Caller {
            name: "customer",
            kind: CallerKind::Customer,
            bearer: Some(customer),
            assertion: None,
        },
        staff("agent", StaffRole::Agent),
        staff("finance", StaffRole::Finance),
        staff("admin", StaffRole::Admin),
        Caller {
            name: "break-glass",
            kind: CallerKind::Staff(StaffRole::Admin),
            bearer: Some(app.0.staff_token().to_owned()),
            assertion: None,
        },
        partner("reseller", "reseller"),
        partner("technician", "technician"),
        partner("both", "both"),
        Caller {
            name: "former staff member",
            kind: CallerKind::Nobody,
            bearer: None,
            assertion: Some(access_assertion(&former, now, Forgery::None)),
        },
        Caller {
            name: "not on the staff list",
            kind: CallerKind::Nobody,
            bearer: None,
            assertion: Some(access_assertion("stranger@spica.test", now, Forgery::None)),
        },
        forged("assertion signed by another key", Forgery::OtherKey),
        forged("assertion for another application", Forgery::OtherAudience),
        forged("expired assertion", Forgery::Expired),
        forged("tampered assertion", Forgery::Tampered),
    ]
}

/// Whether the route table lets this kind of caller in.
fn admits(access: Access, kind: CallerKind) -> bool {
    match (access, kind) {
        (Access::Customer | Access::Participant, CallerKind::Customer) => true,
        (Access::Participant, CallerKind::Staff(role)) => role.may(&[StaffRole::Agent]),
        (Access::Staff(roles), CallerKind::Staff(role)) => role.may(roles),
        (Access::Partner(need), CallerKind::Partner(kind)) => match need {
            PartnerNeed::Any => true,
            PartnerNeed::Reseller => kind != "technician",
            PartnerNeed::Technician => kind != "reseller",
        },
        _ => false,
    }
}

#[test]
fn every_api_route_admits_exactly_the_callers_its_access_level_names() {
    let app = spawn_app();
    let callers = callers(&app);
    for (pattern, methods, access, _, _) in table().into_iter().filter(|path| path.3) {
        let path = concrete(pattern);
        for method in &methods {
            let anonymous = send(&app, method, &path, None).status;
            match access {
                Access::Public => assert_ne!(anonymous, 401, "{method} {pattern}"),
                Access::Signed => {
                    assert_eq!(anonymous, 400, "{method} {pattern} without a signature")
                }
                _ => assert_eq!(anonymous, 401, "{method} {pattern} without a token"),
            }
            if matches!(access, Access::Public | Access::Signed) {
                continue;
            }
            for caller in &callers {
                let authorization = caller.bearer.as_ref().map(|b| format!("Bearer {b}"));
                let mut headers = vec![("content-type", "application/json")];
                if let Some(authorization) = &authorization {
                    headers.push(("authorization", authorization.as_str()));
                }
                if let Some(assertion) = &caller.assertion {
                    headers.push(("cf-access-jwt-assertion", assertion.as_str()));
                }
                let admitted = admits(access, caller.kind);
                // Those refused are refused whatever they send.
                let body = if admitted {
                    b"{}".to_vec()
                } else {
                    b"{\"cut short".to_vec()
                };
                let status = app.0.send(method, &path, &headers, body).status;
                if admitted {
                    assert!(
                        status != 401 && status != 403,
                        "{method} {pattern} refused the {}: {status}",
                        caller.name
                    );
                } else if caller.kind == CallerKind::Nobody && matches!(access, Access::Staff(_)) {
                    assert!(
                        matches!(status, 401 | 403),
                        "{method} {pattern} let a {} through: {status}",
                        caller.name
                    );
                } else {
                    assert!(
                        matches!(status, 401 | 403),
                        "{method} {pattern} let the {} through: {status}",
                        caller.name
                    );
                }
            }
        }
    }
}

/// Every JSON answer the contract names is a schema of the answer's type,
/// so its fields are described and schemathesis (and every test, through
/// `check_contract`) holds the answers to them; the contract document
/// itself, a static asset, is the one exception.
#[test]
fn every_json_answer_is_described_field_by_field() {
    let document = openapi_document();
    let mut undescribed = BTreeSet::new();
    for (path, operations) in document["paths"].as_object().unwrap() {
        for (method, operation) in operations.as_object().unwrap() {
            let answers = operation["responses"].as_object().unwrap();
            for answer in answers.values() {
                let schema = &answer["content"]["application/json"]["schema"];
                if !schema.is_null() && schema.get("$ref").is_none() {
                    undescribed.insert(format!("{} {path}", method.to_uppercase()));
                }
            }
        }
    }
    undescribed.remove("GET /api/openapi.json");
    assert!(
        undescribed.is_empty(),
        "JSON answers without their fields described: {undescribed:?}"
    );
}
