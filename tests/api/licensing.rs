//! Licenses: the catalogue, partners, SUPS sold by resellers, activation,
//! validation by the installed product, license files and claims.

use serde_json::{json, Value};

use crate::helpers::{
    registration, unique, unique_email, unique_serial, TestApp, TestResponse, Transport,
};
use crate::spawn_app;

/// A new partner of `kind`: (partner id, API key).
pub fn partner(app: &TestApp<impl Transport>, kind: &str) -> (String, String) {
    let body =
        json!({"name": unique("Partner "), "kind": kind, "country": "SI", "email": unique_email()});
    let created = app.staff_send("POST", "/api/staff/partners", &body);
    assert_eq!(created.status, 201, "{}", created.text());
    let created = created.json();
    (
        created["partner_id"].as_str().unwrap().to_owned(),
        created["api_key"].as_str().unwrap().to_owned(),
    )
}

pub fn license_row(serial: &str, partner_id: &str, installations: i64) -> Value {
    json!({"serial": serial, "product": "Time & Space", "edition": "Enterprise", "version": "7",
        "list_price": "1234.25", "installations": installations, "partner_id": partner_id})
}

pub fn import(app: &TestApp<impl Transport>, rows: &Value) -> Value {
    let answer = app.staff_send("POST", "/api/staff/licenses", rows);
    assert_eq!(answer.status, 200, "{}", answer.text());
    answer.json()
}

pub fn as_partner(
    app: &TestApp<impl Transport>,
    key: &str,
    method: &str,
    path: &str,
    body: &Value,
) -> TestResponse {
    let authorization = format!("Bearer {key}");
    app.0.send(
        method,
        path,
        &[
            ("content-type", "application/json"),
            ("authorization", &authorization),
        ],
        body.to_string().into_bytes(),
    )
}

pub fn today(app: &TestApp<impl Transport>) -> String {
    app.minutes_ago(0)[..10].to_owned()
}

/// A partner's SUPS sale to a new company, which then verifies and signs in:
/// (serial, partner key, customer token, sale answer).
pub fn sups_customer(
    app: &TestApp<impl Transport>,
    installations: i64,
) -> (String, String, String, Value) {
    let (partner_id, key) = partner(app, "both");
    let serial = unique_serial();
    import(
        app,
        &json!([license_row(&serial, &partner_id, installations)]),
    );
    let email = unique_email();
    let mut sale = registration(&email, &serial);
    sale["starts_on"] = json!(today(app));
    sale["months"] = json!(12);
    let sold = as_partner(app, &key, "POST", "/api/partner/sups-subscriptions", &sale);
    assert_eq!(sold.status, 201, "{}", sold.text());
    let token = app.emailed_token(&email, "verify");
    assert_eq!(
        app.post_json("/api/registrations/verify", &json!({ "token": token }))
            .status,
        200
    );
    let access = app.sign_in(&email);
    (serial, key, access, sold.json())
}

fn activate(
    app: &TestApp<impl Transport>,
    token: &str,
    serial: &str,
    installation: &str,
) -> TestResponse {
    app.post_json_as(
        "/api/me/activations",
        token,
        &json!({"serial": serial, "installation_id": installation, "product_version": "7.2.1"}),
    )
}

fn validate(
    app: &TestApp<impl Transport>,
    serial: &str,
    installation: &str,
    code: &str,
    version: &str,
) -> Value {
    let answer = app.post_json(
        "/api/licenses/validate",
        &json!({"serial": serial, "installation_id": installation, "activation_code": code, "product_version": version}),
    );
    assert_eq!(answer.status, 200, "{}", answer.text());
    answer.json()
}

#[test]
fn a_partner_sells_sups_and_the_customer_activates_and_validates() {
    let app = spawn_app();
    let (serial, key, token, sold) = sups_customer(&app, 2);
    assert_eq!(sold["monthly_fee"], "24.69");
    assert!(sold["customer_id"].as_str().unwrap().starts_with("cus_"));
    assert_eq!(sold["covered_from"], today(&app));

    let me = app.get_as("/api/me", &token).json();
    assert_eq!(me["coupon_balance"], 1, "the license's free coupon, once");
    assert_eq!(me["licenses"][0]["serial"], serial.as_str());
    assert_eq!(me["licenses"][0]["sups"]["active"], true);
    assert_eq!(app.order(&token, 1, "card")["unit_price"], "15.00");

    let activated = activate(&app, &token, &serial, "PC-FRONT-DESK");
    assert_eq!(activated.status, 201, "{}", activated.text());
    let code = activated.json()["activation_code"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(code.len(), 29);
    // Issued with the current key (id 2) of the configured ACTIVATION_SECRET.
    use spica_portal::domain::activation::{
        keys_from_setting, verify, ActivationCode, InstallationId,
    };
    let parsed = ActivationCode::parse(&code).unwrap();
    assert_eq!(parsed.key_id(), 2);
    let serial_number = spica_portal::domain::serial::SerialNumber::parse(&serial).unwrap();
    let installation = InstallationId::parse("PC-FRONT-DESK").unwrap();
    let keys = keys_from_setting(crate::helpers::ACTIVATION_SECRET).unwrap();
    assert!(verify(&keys, &parsed, &serial_number, &installation, 7));
    let again = activate(&app, &token, &serial, "PC-FRONT-DESK");
    assert_eq!(
        (again.status, again.json()["activation_code"].as_str()),
        (200, Some(code.as_str()))
    );

    let valid = validate(
        &app,
        &serial,
        "PC-FRONT-DESK",
        &code.to_lowercase().replace('-', " "),
        "7.2.1",
    );
    assert_eq!(
        (valid["valid"].as_bool(), valid["code"].as_str()),
        (Some(true), Some("VALID"))
    );
    assert!(valid["sups_until"].is_string());
    let mut wrong = code.clone().into_bytes();
    wrong[3] = if wrong[3] == b'A' { b'B' } else { b'A' };
    let wrong = String::from_utf8(wrong).unwrap();
    assert_eq!(
        validate(&app, &serial, "PC-FRONT-DESK", &wrong, "7.2.1")["code"],
        "CODE_MISMATCH"
    );
    assert_eq!(
        validate(&app, &serial, "PC-OTHER", &code, "7.2.1")["code"],
        "NOT_ACTIVATED"
    );
    assert_eq!(
        validate(&app, "NO-SUCH-SERIAL", "PC-FRONT-DESK", &code, "7.2.1")["code"],
        "NOT_FOUND"
    );
    assert_eq!(
        validate(&app, &serial, "PC-FRONT-DESK", &code, "8.0")["code"],
        "VERSION_NOT_COVERED"
    );

    assert_eq!(
        activate(&app, &token, &serial, "PC-BACK-OFFICE").status,
        201
    );
    let third = activate(&app, &token, &serial, "PC-THIRD");
    assert_eq!(
        third.problem(409)["type"],
        "/problems/too-many-installations"
    );

    // Another partner sees none of it.
    let (_, other) = partner(&app, "both");
    let theirs = as_partner(
        &app,
        &other,
        "GET",
        "/api/partner/sups-subscriptions",
        &json!({}),
    );
    assert!(theirs.json()["subscriptions"]
        .as_array()
        .unwrap()
        .is_empty());
    assert!(
        as_partner(&app, &other, "GET", "/api/partner/licenses", &json!({})).json()["licenses"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let body = json!({"serial": serial, "installation_id": "PC-X", "product_version": "7", "technician": "Bob"});
    as_partner(&app, &other, "POST", "/api/partner/activations", &body).problem(404);
    let mine = as_partner(
        &app,
        &key,
        "GET",
        "/api/partner/sups-subscriptions",
        &json!({}),
    )
    .json();
    assert_eq!(mine["subscriptions"][0]["serial"], serial.as_str());
}

#[test]
fn a_technician_activates_for_the_customer_and_seats_free_up_on_deactivation() {
    let app = spawn_app();
    let (serial, key, token, _) = sups_customer(&app, 1);
    let body = json!({"serial": serial, "installation_id": "SRV-01", "product_version": "7", "technician": "Bob Tech"});
    let by_partner = as_partner(&app, &key, "POST", "/api/partner/activations", &body);
    assert_eq!(by_partner.status, 201, "{}", by_partner.text());
    let activation = by_partner.json();
    assert_eq!(
        (
            activation["path"].as_str(),
            activation["technician"].as_str()
        ),
        (Some("technician"), Some("Bob Tech"))
    );
    activate(&app, &token, &serial, "SRV-02").problem(409);

    let id = activation["activation_id"].as_str().unwrap();
    let freed = app.0.send(
        "DELETE",
        &format!("/api/me/activations/{id}"),
        &[("authorization", &format!("Bearer {token}"))],
        Vec::new(),
    );
    assert_eq!(freed.status, 200, "{}", freed.text());
    assert!(freed.json()["deactivated_at"].is_string());
    assert_eq!(activate(&app, &token, &serial, "SRV-02").status, 201);
}

#[test]
fn deactivations_are_limited_per_license_per_month() {
    let app = spawn_app();
    let (serial, _, token, _) = sups_customer(&app, 1);
    let auth = format!("Bearer {token}");
    for n in 0..4 {
        let activated = activate(&app, &token, &serial, &format!("PC-{n}")).json();
        let id = activated["activation_id"].as_str().unwrap().to_owned();
        let answer = app.0.send(
            "DELETE",
            &format!("/api/me/activations/{id}"),
            &[("authorization", auth.as_str())],
            Vec::new(),
        );
        if n < 3 {
            assert_eq!(answer.status, 200, "{}", answer.text());
        } else {
            assert_eq!(answer.problem(429)["type"], "/problems/deactivation-limit");
        }
    }
}

#[test]
fn importing_the_same_licenses_again_changes_nothing() {
    let app = spawn_app();
    let (partner_id, _) = partner(&app, "reseller");
    let (a, b) = (unique_serial(), unique_serial());
    let rows = json!([license_row(&a, &partner_id, 3), license_row(&b, &partner_id, 1),
        {"serial": "0", "product": "", "version": "x", "list_price": "-1", "installations": 0}]);
    let first = import(&app, &rows);
    assert_eq!(
        (first["imported"].as_i64(), first["updated"].as_i64()),
        (Some(2), Some(0))
    );
    let fields: Vec<&str> = first["rejected"][0]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"serial")
            && fields.contains(&"list_price")
            && fields.contains(&"installations"),
        "{fields:?}"
    );
    let again = import(&app, &rows);
    assert_eq!(
        (again["imported"].as_i64(), again["updated"].as_i64()),
        (Some(0), Some(0))
    );
    let changed = import(&app, &json!([license_row(&a, &partner_id, 5)]));
    assert_eq!(
        (changed["imported"].as_i64(), changed["updated"].as_i64()),
        (Some(0), Some(1))
    );
    let csv = format!("serial,product,edition,version,list_price,installations,partner_id\n{a},Time & Space,Enterprise,7,1234.25,5,{partner_id}\n");
    let authorization = format!("Bearer {}", app.0.staff_token());
    let by_csv = app.0.send(
        "POST",
        "/api/staff/licenses",
        &[
            ("content-type", "text/csv"),
            ("authorization", &authorization),
        ],
        csv.into_bytes(),
    );
    assert_eq!(
        (
            by_csv.json()["imported"].as_i64(),
            by_csv.json()["updated"].as_i64()
        ),
        (Some(0), Some(0))
    );
}

#[test]
fn a_serial_zero_claim_resolved_by_staff_grants_the_free_coupon_once() {
    let app = spawn_app();
    let (partner_id, _) = partner(&app, "reseller");
    let serial = unique_serial();
    import(&app, &json!([license_row(&serial, &partner_id, 1)]));
    let email = unique_email();
    app.register_and_verify(&email, "0");
    let token = app.sign_in(&email);
    assert_eq!(app.balance(&token), 0);
    let claims = app.staff_get("/api/staff/license-claims").json();
    let claim = claims["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["email"] == email.as_str())
        .expect("an open claim")
        .clone();
    let path = format!(
        "/api/staff/license-claims/{}/resolve",
        claim["claim_id"].as_str().unwrap()
    );
    let resolved = app.staff_send("POST", &path, &json!({ "serial": serial }));
    assert_eq!(resolved.json()["free_coupon_granted"], true);
    assert_eq!(app.balance(&token), 1);
    app.staff_send("POST", &path, &json!({ "serial": serial }))
        .problem(409);
}

#[test]
fn a_license_file_verifies_with_the_published_key_alone() {
    let app = spawn_app();
    let (serial, _, token, _) = sups_customer(&app, 1);
    let activation = activate(&app, &token, &serial, "OFFLINE-1").json();
    let key = app.get("/api/licenses/public-key").json();
    assert_eq!(key["algorithm"], "Ed25519");
    let id = activation["activation_id"].as_str().unwrap();
    let file = app.get_as(&format!("/api/me/activations/{id}/license-file"), &token);
    assert_eq!(file.status, 200, "{}", file.text());
    let verified = spica_portal::domain::activation::verify_file(
        key["public_key"].as_str().unwrap(),
        &file.text(),
    )
    .unwrap();
    assert_eq!(
        (verified.serial.as_str(), verified.installation_id.as_str()),
        (serial.as_str(), "OFFLINE-1")
    );
    assert_eq!(
        verified.activation_code,
        activation["activation_code"].as_str().unwrap()
    );
    assert!(verified.sups_until.is_some());
    // The Worker signs with WebCrypto, natively ed25519-dalek signs: Ed25519
    // is deterministic, so both give the same key and the same bytes.
    let signer = spica_portal::domain::activation::LicenseSigner::from_setting(
        crate::helpers::LICENSE_SIGNING_KEY,
    )
    .unwrap();
    assert_eq!(
        pollster::block_on(signer.public_key_base64()).unwrap(),
        key["public_key"].as_str().unwrap()
    );
    assert_eq!(
        pollster::block_on(signer.sign(&verified)).unwrap(),
        file.text()
    );
}

#[test]
fn partners_and_validation_need_the_right_credentials_and_fields() {
    let app = spawn_app();
    as_partner(
        &app,
        "not-a-key",
        "GET",
        "/api/partner/licenses",
        &json!({}),
    )
    .problem(401);
    let (partner_id, key) = partner(&app, "technician");
    let sale = json!({"serial": unique_serial(), "starts_on": "2026-01-01", "months": 12});
    as_partner(&app, &key, "POST", "/api/partner/sups-subscriptions", &sale).problem(403);
    app.staff_send(
        "POST",
        &format!("/api/staff/partners/{partner_id}/revoke"),
        &json!({}),
    );
    as_partner(&app, &key, "GET", "/api/partner/licenses", &json!({})).problem(401);
    let problem = app
        .post_json("/api/licenses/validate", &json!({"serial": "X"}))
        .problem(422);
    assert!(problem["errors"].as_array().unwrap().len() >= 3);
}

/// The Worker's today plus `days`, as YYYY-MM-DD.
fn day_from_today(app: &TestApp<impl Transport>, days: i64) -> String {
    let today = chrono::NaiveDate::parse_from_str(&today(app), "%Y-%m-%d").unwrap();
    (today + chrono::Duration::days(days)).to_string()
}

fn sale(email: &str, serial: &str, starts_on: &str, months: i64) -> Value {
    let mut sale = registration(email, serial);
    sale["starts_on"] = json!(starts_on);
    sale["months"] = json!(months);
    sale
}

fn sell_keyed(
    app: &TestApp<impl Transport>,
    key: &str,
    idempotency_key: &str,
    body: &Value,
) -> TestResponse {
    let authorization = format!("Bearer {key}");
    app.0.send(
        "POST",
        "/api/partner/sups-subscriptions",
        &[
            ("content-type", "application/json"),
            ("authorization", &authorization),
            ("idempotency-key", idempotency_key),
        ],
        body.to_string().into_bytes(),
    )
}

#[test]
fn sups_coverage_starts_within_31_days_of_the_sale() {
    let app = spawn_app();
    let (partner_id, key) = partner(&app, "reseller");
    let serial = unique_serial();
    import(&app, &json!([license_row(&serial, &partner_id, 1)]));
    let email = unique_email();
    for days in [-32, 32, 365 * 5, -365 * 5] {
        let body = sale(&email, &serial, &day_from_today(&app, days), 1);
        let refused = as_partner(&app, &key, "POST", "/api/partner/sups-subscriptions", &body);
        let problem = refused.problem(422);
        assert_eq!(problem["errors"][0]["field"], "starts_on", "{days} days");
        assert_eq!(problem["errors"][0]["code"], "out_of_range");
    }
    let subscriptions = as_partner(
        &app,
        &key,
        "GET",
        "/api/partner/sups-subscriptions",
        &json!({}),
    );
    assert!(subscriptions.json()["subscriptions"]
        .as_array()
        .unwrap()
        .is_empty());
    for days in [-31, 31] {
        let body = sale(&email, &serial, &day_from_today(&app, days), 1);
        let sold = as_partner(&app, &key, "POST", "/api/partner/sups-subscriptions", &body);
        assert_eq!(sold.status, 201, "{days} days: {}", sold.text());
    }
}

#[test]
fn a_reseller_sells_sups_only_for_its_own_or_unassigned_licenses() {
    let app = spawn_app();
    let (first_id, first) = partner(&app, "reseller");
    let (_, second) = partner(&app, "reseller");
    let theirs = unique_serial();
    let free = unique_serial();
    import(
        &app,
        &json!([license_row(&theirs, &first_id, 1),
            {"serial": free, "product": "Time & Space", "edition": "Enterprise", "version": "7",
             "list_price": "1234.25", "installations": 1}]),
    );
    let email = unique_email();
    let path = "/api/partner/sups-subscriptions";
    // Another partner's license is not found, as if it did not exist.
    let refused = as_partner(
        &app,
        &second,
        "POST",
        path,
        &sale(&email, &theirs, &today(&app), 12),
    );
    assert_eq!(refused.problem(404)["type"], "/problems/not-found");
    // An unassigned license is sold, and held from then on by its seller.
    let sold = as_partner(
        &app,
        &second,
        "POST",
        path,
        &sale(&email, &free, &today(&app), 12),
    );
    assert_eq!(sold.status, 201, "{}", sold.text());
    let held = as_partner(&app, &second, "GET", "/api/partner/licenses", &json!({})).json();
    assert_eq!(held["licenses"][0]["serial"], free.as_str());
    as_partner(
        &app,
        &first,
        "POST",
        path,
        &sale(&email, &free, &today(&app), 12),
    )
    .problem(404);
    let renewed = as_partner(
        &app,
        &second,
        "POST",
        path,
        &sale(&email, &free, &today(&app), 1),
    );
    assert_eq!(renewed.status, 201, "{}", renewed.text());
}

#[test]
fn a_sale_retried_with_its_key_extends_coverage_once() {
    let app = spawn_app();
    let (partner_id, key) = partner(&app, "reseller");
    let serial = unique_serial();
    import(&app, &json!([license_row(&serial, &partner_id, 1)]));
    let email = unique_email();
    let idempotency_key = unique("sale-");
    let body = sale(&email, &serial, &today(&app), 12);
    let first = sell_keyed(&app, &key, &idempotency_key, &body);
    assert_eq!(first.status, 201, "{}", first.text());
    let again = sell_keyed(&app, &key, &idempotency_key, &body);
    assert_eq!((again.status, &again.body), (201, &first.body));
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    let subscriptions = as_partner(
        &app,
        &key,
        "GET",
        "/api/partner/sups-subscriptions",
        &json!({}),
    )
    .json();
    assert_eq!(
        subscriptions["subscriptions"][0]["covered_until"],
        first.json()["covered_until"]
    );
    // The key with another sale is refused; it belongs to this partner only.
    let other = sale(&email, &serial, &today(&app), 24);
    let reused = sell_keyed(&app, &key, &idempotency_key, &other);
    assert_eq!(
        reused.problem(422)["type"],
        "/problems/idempotency-key-reused"
    );
    let (other_id, other_key) = partner(&app, "reseller");
    let their_serial = unique_serial();
    import(&app, &json!([license_row(&their_serial, &other_id, 1)]));
    let theirs = sell_keyed(
        &app,
        &other_key,
        &idempotency_key,
        &sale(&unique_email(), &their_serial, &today(&app), 12),
    );
    assert_eq!(theirs.status, 201, "{}", theirs.text());
    assert!(theirs.header("idempotent-replayed").is_none());
}

#[test]
fn a_resellers_statement_charges_each_fee_by_the_days_covered_in_the_month() {
    let app = spawn_app();
    let (_, key, _, sold) = sups_customer(&app, 1);
    let today = chrono::NaiveDate::parse_from_str(&today(&app), "%Y-%m-%d").unwrap();
    let month = today.format("%Y-%m").to_string();
    let statement = as_partner(
        &app,
        &key,
        "GET",
        &format!("/api/partner/statements/{month}"),
        &json!({}),
    );
    assert_eq!(statement.status, 200, "{}", statement.text());
    let statement = statement.json();
    use chrono::Datelike;
    let first = today.with_day(1).unwrap();
    let next = first.checked_add_months(chrono::Months::new(1)).unwrap();
    let days_in_month = (next - first).num_days();
    let days_covered = (next - today).num_days();
    // 24.69 a month, prorated to the cent, half away from zero.
    let cents = (2469 * days_covered * 2 + days_in_month) / (2 * days_in_month);
    let amount = format!("{}.{:02}", cents / 100, cents % 100);
    assert_eq!(
        statement["lines"],
        json!([{"subscription_id": sold["subscription_id"], "days_covered": days_covered,
            "days_in_month": days_in_month, "monthly_fee": "24.69", "amount": amount}])
    );
    assert_eq!(
        (
            &statement["month"],
            &statement["currency"],
            &statement["total"]
        ),
        (&json!(month), &json!("EUR"), &json!(amount))
    );
    let before = (first - chrono::Duration::days(1)).format("%Y-%m");
    let earlier = as_partner(
        &app,
        &key,
        "GET",
        &format!("/api/partner/statements/{before}"),
        &json!({}),
    )
    .json();
    assert_eq!(
        (&earlier["lines"], &earlier["total"]),
        (&json!([]), &json!("0.00"))
    );
}

#[test]
fn a_version_released_while_sups_covers_the_license_is_an_entitled_upgrade() {
    let app = spawn_app();
    let (partner_id, key) = partner(&app, "both");
    // A product of its own: releases are the catalogue's, shared by all.
    let product = unique("Product ");
    let serial = unique_serial();
    let mut row = license_row(&serial, &partner_id, 1);
    row["product"] = json!(product);
    import(&app, &json!([row]));
    let email = unique_email();
    let sold = as_partner(
        &app,
        &key,
        "POST",
        "/api/partner/sups-subscriptions",
        &sale(&email, &serial, &today(&app), 12),
    );
    assert_eq!(sold.status, 201, "{}", sold.text());
    let body = json!({"serial": serial, "installation_id": "SRV-9", "product_version": "7", "technician": "Bob"});
    let activated = as_partner(&app, &key, "POST", "/api/partner/activations", &body);
    assert_eq!(activated.status, 201, "{}", activated.text());
    let code = activated.json()["activation_code"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        validate(&app, &serial, "SRV-9", &code, "8.0")["code"],
        "VERSION_NOT_COVERED"
    );

    let release = json!({"product": product, "version": "8.0", "released_on": today(&app)});
    let recorded = app.staff_send("POST", "/api/staff/releases", &release);
    assert_eq!(recorded.status, 201, "{}", recorded.text());
    assert_eq!(recorded.json(), release);
    let upgrade = validate(&app, &serial, "SRV-9", &code, "8.0");
    assert_eq!(
        (
            &upgrade["valid"],
            &upgrade["code"],
            &upgrade["upgrade_entitled"]
        ),
        (&json!(true), &json!("VALID"), &json!(true))
    );
    assert_eq!(upgrade["sups_until"], sold.json()["covered_until"]);
}
