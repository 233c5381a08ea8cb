//! Every route of the table `api::ROUTES` answers, with the methods it
//! names and none other; the OpenAPI document describes exactly the API's
//! routes; and every route answers the wrong caller with 401, 403 or 404 and
//! the right one with neither.

use std::collections::BTreeSet;

use spica_portal::api::{Access, OPENAPI, ROUTES};

use crate::helpers::{TestApp, TestResponse, Transport};
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

fn is_api(pattern: &str) -> bool {
    pattern.starts_with("/api/") || pattern == "/healthz"
}

#[test]
fn every_route_answers_its_methods_and_refuses_the_others() {
    let app = spawn_app();
    for (pattern, methods, _) in ROUTES {
        let path = concrete(pattern);
        for method in *methods {
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
            for expected in *methods {
                assert!(allow.contains(expected), "{pattern} allows {allow}");
            }
        }
    }
}

#[test]
fn the_openapi_document_describes_exactly_the_api_routes() {
    let app = spawn_app();
    let served = app.get("/api/openapi.json");
    assert_eq!(served.status, 200);
    let document: serde_json::Value = serde_json::from_str(OPENAPI).unwrap();
    assert_eq!(served.json(), document);
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
    let routed: BTreeSet<(String, String)> = ROUTES
        .iter()
        .filter(|(pattern, _, _)| is_api(pattern))
        .flat_map(|(pattern, methods, _)| {
            methods
                .iter()
                .map(move |m| (pattern.to_string(), m.to_string()))
        })
        .collect();
    let missing: Vec<_> = routed.difference(&documented).collect();
    let extra: Vec<_> = documented.difference(&routed).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "undocumented: {missing:?}; documented but not routed: {extra:?}"
    );
}

/// Tokens of every role: (customer access token, staff token, partner key).
fn credentials(app: &TestApp<impl Transport>) -> (String, String, String) {
    let (_, customer) = app.customer();
    let body = serde_json::json!({"name": "Matrix partner", "kind": "both", "country": "SI", "email": crate::helpers::unique_email()});
    let partner = app.staff_send("POST", "/api/staff/partners", &body).json()["api_key"]
        .as_str()
        .unwrap()
        .to_owned();
    (customer, app.0.staff_token().to_owned(), partner)
}

#[test]
fn every_api_route_refuses_the_wrong_caller_and_admits_the_right_one() {
    let app = spawn_app();
    let (customer, staff, partner) = credentials(&app);
    for (pattern, methods, access) in ROUTES.iter().filter(|(p, _, _)| is_api(p)) {
        let path = concrete(pattern);
        for method in *methods {
            let anonymous = send(&app, method, &path, None).status;
            match access {
                Access::Public => assert_ne!(anonymous, 401, "{method} {pattern}"),
                Access::Signed => {
                    assert_eq!(anonymous, 400, "{method} {pattern} without a signature")
                }
                _ => assert_eq!(anonymous, 401, "{method} {pattern} without a token"),
            }
            let roles = [
                (Access::Customer, &customer),
                (Access::Staff, &staff),
                (Access::Partner, &partner),
            ];
            for (role, token) in roles {
                let status = send(&app, method, &path, Some(token)).status;
                if matches!(access, Access::Public | Access::Signed) {
                    continue;
                }
                if role == *access {
                    assert!(
                        status != 401 && status != 403,
                        "{method} {pattern} refused its own role: {status}"
                    );
                } else {
                    assert!(
                        matches!(status, 403 | 404),
                        "{method} {pattern} let {role:?} through: {status}"
                    );
                }
            }
        }
    }
}
