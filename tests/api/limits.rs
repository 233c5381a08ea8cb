//! Rate limits, natively (the end-to-end Worker runs with a generous limit,
//! and its runtime sets the client address itself).

use serde_json::json;

use crate::helpers::Transport;
use crate::spawn_app;

#[test]
fn public_posts_are_limited_per_client_address() {
    let app = spawn_app();
    let post = |client: &str| {
        let body = json!({"email": "nobody@kovinar.si"})
            .to_string()
            .into_bytes();
        app.0.send(
            "POST",
            "/api/sessions",
            &[
                ("content-type", "application/json"),
                ("cf-connecting-ip", client),
            ],
            body,
        )
    };
    let statuses: Vec<u16> = (0..31).map(|_| post("192.0.2.7").status).collect();
    assert_eq!(statuses[..30], [202; 30]);
    let limited = post("192.0.2.7");
    assert_eq!(limited.problem(429)["type"], "/problems/rate-limited");
    let retry_after: u32 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry_after));
    assert_eq!(
        post("192.0.2.8").status,
        202,
        "another client is not limited"
    );
}

#[test]
fn a_license_is_validated_at_most_60_times_a_minute() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let serial = app.get_as("/api/me", &token).json()["serial"]
        .as_str()
        .unwrap()
        .to_owned();
    let partner = app
        .staff_send(
            "POST",
            "/api/staff/partners",
            &json!({"name": "P", "kind": "both", "country": "SI", "email": "p@example.com"}),
        )
        .json();
    let row = json!([{"serial": serial, "product": "Time & Space", "edition": "E", "version": "7", "list_price": "100.00",
        "installations": 1, "partner_id": partner["partner_id"]}]);
    assert_eq!(
        app.staff_send("POST", "/api/staff/licenses", &row).status,
        200
    );
    let body = json!({"serial": serial, "installation_id": "PC-1", "activation_code": "X", "product_version": "7"});
    let statuses: Vec<u16> = (0..61)
        .map(|n| {
            let client = format!("198.51.100.{n}");
            let bytes = body.to_string().into_bytes();
            app.0
                .send(
                    "POST",
                    "/api/licenses/validate",
                    &[
                        ("content-type", "application/json"),
                        ("cf-connecting-ip", &client),
                    ],
                    bytes,
                )
                .status
        })
        .collect();
    assert_eq!(statuses[..60], [200; 60]);
    assert_eq!(statuses[60], 429);
}
