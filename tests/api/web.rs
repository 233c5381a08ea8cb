//! The server-rendered pages: sessions in cookies, forms answered by
//! redirects, same-origin forms only, CORS for the public website, and the
//! security headers of every page.

use crate::helpers::{unique_email, unique_serial, Transport, SITE_ORIGIN};
use crate::spawn_app;

/// The `name=value` of a response's session cookie.
fn session(response: &crate::helpers::TestResponse) -> String {
    response
        .header("set-cookie")
        .expect("a cookie")
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

fn signed_in_customer(app: &crate::helpers::TestApp<impl Transport>) -> String {
    let email = unique_email();
    let serial = unique_serial();
    app.licensed_to_kovinar(&serial);
    app.register_and_verify(&email, &serial);
    app.browser(&email)
}

/// The portal's own origin, as the browser sends it on a form post.
fn own_origin(app: &crate::helpers::TestApp<impl Transport>) -> String {
    let location = app.get("/portal").header("location").map(str::to_owned);
    assert_eq!(location.as_deref(), Some("/sign-in?next=%2Fportal"));
    app.0.origin()
}

#[test]
fn pages_need_a_session_and_carry_the_security_headers() {
    let app = spawn_app();
    for path in ["/portal", "/support", "/portal/coupons", "/portal/activate"] {
        let answer = app.get(path);
        let back = format!("/sign-in?next={}", crate::helpers::urlencode(path));
        assert_eq!(
            (answer.status, answer.header("location")),
            (303, Some(back.as_str())),
            "{path}"
        );
    }
    for (path, sign_in) in [
        ("/desk", "/desk/sign-in"),
        ("/desk/statements", "/desk/sign-in"),
        ("/desk/outbox", "/desk/sign-in"),
        ("/partner", "/partner/sign-in"),
    ] {
        let back = format!("{sign_in}?next={}", crate::helpers::urlencode(path));
        assert_eq!(
            app.get(path).header("location"),
            Some(back.as_str()),
            "{path}"
        );
    }
    for path in [
        "/",
        "/register",
        "/terms",
        "/sign-in",
        "/desk/sign-in",
        "/partner/sign-in",
    ] {
        let page = app.get(path);
        assert_eq!(page.status, 200, "{path}");
        let csp = page.header("content-security-policy").expect("a CSP");
        assert!(
            csp.contains("script-src 'self'")
                && !csp.contains("unsafe-inline")
                && csp.contains("frame-ancestors 'none'"),
            "{csp}"
        );
        assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
        assert!(
            !page.text().contains("<script>"),
            "{path} has an inline script"
        );
    }
    assert!(app.get("/terms").text().contains("started increment"));
}

#[test]
fn a_customer_orders_coupons_by_bank_transfer_and_sees_the_reference_and_qr_code() {
    let app = spawn_app();
    let cookie = signed_in_customer(&app);
    let origin = own_origin(&app);
    let ordered = app.post_form_with_cookie(
        "/portal/coupons",
        &cookie,
        &origin,
        &[("quantity", "2"), ("payment_method", "bank_transfer")],
    );
    assert_eq!(ordered.status, 303, "{}", ordered.text());
    let location = ordered.header("location").unwrap().to_owned();
    assert!(location.starts_with("/portal/orders/ord_"), "{location}");
    let page = app.get_with_cookie(&location, &cookie).text();
    assert!(
        page.contains("id=\"rf-reference\"") && page.contains(">RF"),
        "no reference shown"
    );
    assert!(
        page.contains("<svg") && page.contains("id=\"epc-qr\""),
        "no QR code"
    );
    assert!(page.contains("€50.00"));

    let wrong = app.post_form_with_cookie(
        "/portal/coupons",
        &cookie,
        &origin,
        &[("quantity", "0"), ("payment_method", "bank_transfer")],
    );
    assert_eq!(wrong.status, 422);
    assert!(wrong.text().contains("id=\"quantity-error\""));
}

#[test]
fn forms_from_another_origin_are_refused() {
    let app = spawn_app();
    let cookie = signed_in_customer(&app);
    let forged = app.post_form_with_cookie(
        "/portal/coupons",
        &cookie,
        "https://evil.example",
        &[("quantity", "2"), ("payment_method", "bank_transfer")],
    );
    assert_eq!(forged.status, 403);
}

#[test]
fn a_support_request_through_the_form_shows_its_incident() {
    let app = spawn_app();
    let cookie = signed_in_customer(&app);
    let origin = own_origin(&app);
    let fields = [
        ("subject", "Terminal offline"),
        ("description", "No time since Monday"),
        ("channel", "chat"),
        ("phone", ""),
        ("preferred_times", ""),
    ];
    let requested = app.post_form_with_cookie("/support", &cookie, &origin, &fields);
    assert_eq!(requested.status, 303, "{}", requested.text());
    let page = app
        .get_with_cookie(requested.header("location").unwrap(), &cookie)
        .text();
    assert!(page.contains("id=\"incident-status\"") && page.contains("awaiting callback"));

    let missing = app.post_form_with_cookie(
        "/support",
        &cookie,
        &origin,
        &[("subject", ""), ("description", "x"), ("channel", "voice")],
    );
    assert_eq!(missing.status, 422);
    assert!(
        missing.text().contains("id=\"subject-error\"")
            && missing.text().contains("id=\"phone-error\"")
    );
}

#[test]
fn staff_sign_in_to_the_desk_and_record_attempts_by_form() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let id = app.incident(&token)["incident_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let origin = own_origin(&app);
    let wrong = app.post_form_with_cookie("/desk/sign-in", "", &origin, &[("token", "wrong")]);
    assert_eq!(wrong.status, 401);
    let signed_in = app.post_form_with_cookie(
        "/desk/sign-in",
        "",
        &origin,
        &[("token", app.0.staff_token())],
    );
    assert_eq!(signed_in.header("location"), Some("/desk"));
    let cookie = session(&signed_in);
    let desk = app.get_with_cookie("/desk", &cookie).text();
    assert!(desk.contains("id=\"incident-queue\"") && desk.contains(&id));
    assert!(desk.contains("id=\"chart-callbacks\"") && desk.contains("id=\"chart-coupons\""));
    for _ in 0..3 {
        let recorded = app.post_form_with_cookie(
            &format!("/desk/incidents/{id}/attempts"),
            &cookie,
            &origin,
            &[("outcome", "no_answer"), ("channel", "voice"), ("note", "")],
        );
        assert_eq!(recorded.status, 303, "{}", recorded.text());
    }
    let page = app
        .get_with_cookie(&format!("/desk/incidents/{id}"), &cookie)
        .text();
    assert!(page.contains("awaiting customer"), "status did not change");
}

#[test]
fn a_refused_desk_form_comes_back_with_what_the_agent_typed() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let id = app.incident(&token)["incident_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let origin = own_origin(&app);
    let cookie = session(&app.post_form_with_cookie(
        "/desk/sign-in",
        "",
        &origin,
        &[("token", app.0.staff_token())],
    ));
    let session_form = app.post_form_with_cookie(
        &format!("/desk/incidents/{id}/sessions"),
        &cookie,
        &origin,
        &[
            ("started_at", "2026-11-26T09:30"),
            ("ended_at", "yesterday <b>noon</b>"),
            ("channel", "chat"),
            ("reason", "Phoned from my mobile"),
        ],
    );
    assert_eq!(session_form.status, 422);
    let page = session_form.text();
    assert!(page.contains("id=\"ended_at-error\""), "{page}");
    assert!(page.contains("value=\"2026-11-26T09:30\""));
    assert!(page.contains("Phoned from my mobile</textarea>"));
    assert!(page.contains("value=\"yesterday &lt;b&gt;noon&lt;/b&gt;\""));
    assert!(page.contains("<option value=\"chat\" selected>"));
    assert!(!page.contains("id=\"started_at-error\""));

    let attempt = app.post_form_with_cookie(
        &format!("/desk/incidents/{id}/attempts"),
        &cookie,
        &origin,
        &[
            ("outcome", "maybe"),
            ("channel", "voice"),
            ("note", "line one\nline two"),
        ],
    );
    assert_eq!(attempt.status, 422);
    let page = attempt.text();
    assert!(page.contains("line one\nline two</textarea>"), "{page}");
    assert!(page.contains("Nothing was recorded"));
    let timeline = app.get_with_cookie(&format!("/desk/incidents/{id}"), &cookie);
    assert_eq!(timeline.status, 200);
    assert!(!timeline.text().contains("Nothing was recorded"));
    assert!(
        !timeline.text().contains("line one"),
        "the refused attempt was recorded"
    );
}

#[test]
fn a_desk_link_opened_without_a_session_comes_back_to_its_page_through_sign_in() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let incident = app.incident(&token);
    let path = format!(
        "/desk/incidents/{}",
        incident["incident_id"].as_str().unwrap()
    );
    let origin = own_origin(&app);
    let first = app.get(&path);
    let sign_in = format!("/desk/sign-in?next={}", crate::helpers::urlencode(&path));
    assert_eq!(
        (first.status, first.header("location")),
        (303, Some(sign_in.as_str()))
    );
    let next_field = format!("<input type=\"hidden\" name=\"next\" value=\"{path}\">");
    assert!(app.get(&sign_in).text().contains(&next_field));

    // A wrong token shows the form again, still going back there.
    let wrong = app.post_form_with_cookie(
        "/desk/sign-in",
        "",
        &origin,
        &[("token", "wrong"), ("next", &path)],
    );
    assert_eq!(wrong.status, 401);
    assert!(wrong.text().contains(&next_field), "{}", wrong.text());
    let signed_in = app.post_form_with_cookie(
        "/desk/sign-in",
        "",
        &origin,
        &[("token", app.0.staff_token()), ("next", &path)],
    );
    assert_eq!(signed_in.header("location"), Some(path.as_str()));
    let page = app.get_with_cookie(&path, &session(&signed_in));
    assert_eq!(page.status, 200, "{}", page.text());

    // Another site is never where signing in leads.
    let elsewhere = app.post_form_with_cookie(
        "/desk/sign-in",
        "",
        &origin,
        &[
            ("token", app.0.staff_token()),
            ("next", "//evil.example/desk"),
        ],
    );
    assert_eq!(elsewhere.header("location"), Some("/desk"));
}

#[test]
fn the_public_website_may_call_the_api_and_no_other_site_may() {
    let app = spawn_app();
    let preflight = app.0.send(
        "OPTIONS",
        "/api/registrations",
        &[
            ("origin", SITE_ORIGIN),
            ("access-control-request-method", "POST"),
        ],
        Vec::new(),
    );
    assert_eq!(preflight.status, 204);
    assert_eq!(
        preflight.header("access-control-allow-origin"),
        Some(SITE_ORIGIN)
    );
    assert!(preflight
        .header("access-control-allow-headers")
        .unwrap()
        .contains("authorization"));
    let health = app
        .0
        .send("GET", "/healthz", &[("origin", SITE_ORIGIN)], Vec::new());
    assert_eq!(
        health.header("access-control-allow-origin"),
        None,
        "only the API is shared"
    );
    let other = app.0.send(
        "OPTIONS",
        "/api/registrations",
        &[("origin", "https://evil.example")],
        Vec::new(),
    );
    assert_eq!(other.header("access-control-allow-origin"), None);
}

#[test]
fn times_read_in_ljubljana_and_carry_the_instant_for_the_readers_own_zone() {
    let app = spawn_app();
    let cookie = signed_in_customer(&app);
    let portal = app.get_with_cookie("/portal", &cookie).text();
    let start = portal
        .find("<time datetime=\"")
        .expect("the ledger's times are <time> elements");
    let element = &portal[start..start + portal[start..].find("</time>").unwrap()];
    assert!(
        element.ends_with(" CET") || element.ends_with(" CEST"),
        "shown in Ljubljana's time without the script: {element}"
    );
    assert!(
        element.contains("Z\">"),
        "the instant in UTC for the script: {element}"
    );
    assert!(!portal.contains("Z</td>"), "no raw UTC instant in a cell");
}

#[test]
fn every_customer_form_comes_back_with_what_was_typed_and_the_error_beside_its_field() {
    let app = spawn_app();
    let cookie = signed_in_customer(&app);
    let origin = own_origin(&app);
    let support = app.post_form_with_cookie(
        "/support",
        &cookie,
        &origin,
        &[
            ("subject", "Terminal 7 is silent"),
            ("description", ""),
            ("channel", "chat"),
            ("phone", ""),
            ("preferred_times", "mornings"),
        ],
    );
    assert_eq!(support.status, 422, "{}", support.text());
    let page = support.text();
    assert!(
        page.contains("value=\"Terminal 7 is silent\"") && page.contains("value=\"mornings\""),
        "{page}"
    );
    assert!(
        page.contains("<option value=\"chat\" selected>"),
        "the channel chosen stays chosen"
    );
    assert!(page.contains("id=\"description-error\""));

    let coupons = app.post_form_with_cookie(
        "/portal/coupons",
        &cookie,
        &origin,
        &[("quantity", "twelve"), ("payment_method", "card")],
    );
    assert_eq!(coupons.status, 422);
    let page = coupons.text();
    assert!(
        page.contains("value=\"twelve\"") && page.contains("id=\"quantity-error\""),
        "{page}"
    );
    assert!(
        page.contains("value=\"card\" checked"),
        "the payment method chosen stays chosen"
    );

    let activation = app.post_form_with_cookie(
        "/portal/activate",
        &cookie,
        &origin,
        &[
            ("serial", ""),
            ("installation_id", "PC-FRONT-DESK"),
            ("product_version", "8.0"),
        ],
    );
    assert_eq!(activation.status, 422);
    let page = activation.text();
    assert!(
        page.contains("value=\"PC-FRONT-DESK\"") && page.contains("id=\"serial-error\""),
        "{page}"
    );
}
