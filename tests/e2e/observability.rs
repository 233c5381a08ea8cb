//! What the running Worker leaves for its operators: one JSON line per
//! request in its log (Workers Logs keeps it deployed), read here from
//! wrangler dev's output (`WORKER_LOG`, set by scripts/e2e.sh).

use crate::helpers::{unique, Transport};
use crate::http::setting;
use crate::spawn_app;

/// The log line carrying `ray`, once the Worker has written it.
fn logged(ray: &str) -> serde_json::Value {
    let path = setting("WORKER_LOG");
    for _ in 0..40 {
        let log = std::fs::read_to_string(&path).unwrap_or_default();
        if let Some(line) = log.lines().find(|line| line.contains(ray)) {
            let json = &line[line.find('{').unwrap_or(0)..];
            return serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {line}"));
        }
        std::thread::sleep(std::time::Duration::from_millis(250));
    }
    panic!("no log line with {ray} in {path}");
}

#[test]
fn every_request_leaves_one_structured_log_line_without_personal_data() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let ray = unique("e2eray").replace('_', "-");
    let authorization = format!("Bearer {token}");
    let me = app.0.send(
        "GET",
        "/api/me",
        &[("authorization", &authorization), ("cf-ray", &ray)],
        Vec::new(),
    );
    assert_eq!(me.status, 200, "{}", me.text());
    let line = logged(&ray);
    assert_eq!(line["route"], "/api/me", "{line}");
    assert_eq!(line["method"], "GET");
    assert_eq!(line["status"], 200);
    assert_eq!(line["principal"], "customer");
    assert_eq!(line["d1_round_trips"], 1, "{line}");
    assert!(line["d1_us"].as_u64().is_some() && line["duration_ms"].as_u64().is_some());
    let text = line.to_string();
    assert!(!text.contains(&email) && !text.contains(&token), "{text}");

    // An id in the path is logged as the table's pattern, not as itself.
    let ray = unique("e2eray").replace('_', "-");
    let order = "ord_01J0000000000000000000000";
    let answer = app.0.send(
        "GET",
        &format!("/api/me/coupon-orders/{order}"),
        &[("authorization", &authorization), ("cf-ray", &ray)],
        Vec::new(),
    );
    assert_eq!(answer.status, 404, "{}", answer.text());
    let line = logged(&ray);
    assert_eq!(line["route"], "/api/me/coupon-orders/{order_id}", "{line}");
    assert!(!line.to_string().contains(order), "{line}");
}

/// The cron sweep records its runs, and the desk's health page names the
/// last one.
#[test]
fn the_health_page_names_the_cron_sweeps_last_run() {
    let app = spawn_app();
    let url = format!("{}/__scheduled?cron=*/10+*+*+*+*", app.0.base());
    let ran = crate::http::send(app.0.agent(), "GET", &url, &[], &[]);
    assert_eq!(ran.status, 200, "{}", ran.text());
    let origin = app.0.origin();
    let token = app.0.staff_token().to_owned();
    let signed_in = app.post_form_with_cookie("/desk/sign-in", "", &origin, &[("token", &token)]);
    let cookie = signed_in.cookie();
    for _ in 0..40 {
        let page = app.get_with_cookie("/desk/health", &cookie);
        assert_eq!(page.status, 200, "{}", page.text());
        if page.text().contains("The cron sweep last ran at") {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(250));
    }
    panic!("the health page names no cron run");
}

/// The staff's requests are the desk Worker's (README: Bundle size): the
/// front hands them on unread, and only the desk logs them, once.
#[test]
fn the_desk_worker_answers_and_logs_the_staffs_requests_once() {
    let app = spawn_app();
    let ray = unique("e2eray").replace('_', "-");
    let authorization = format!("Bearer {}", app.0.staff_token());
    let outbox = app.0.send(
        "GET",
        "/api/staff/outbox",
        &[("authorization", &authorization), ("cf-ray", &ray)],
        Vec::new(),
    );
    assert_eq!(outbox.status, 200, "{}", outbox.text());
    let line = logged(&ray);
    assert_eq!(line["route"], "/api/staff/outbox", "{line}");
    assert_eq!(line["principal"], "break_glass", "{line}");
    // wrangler dev names the Worker that wrote each line.
    std::thread::sleep(std::time::Duration::from_millis(500));
    let log = std::fs::read_to_string(setting("WORKER_LOG")).unwrap_or_default();
    let lines: Vec<&str> = log.lines().filter(|line| line.contains(&ray)).collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("[spica-portal-desk]"), "{lines:?}");
}
