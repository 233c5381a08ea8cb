//! Files attached to incidents (issue 22): a customer and an agent attach
//! them by API, participants download them with their stored type as an
//! attachment, another organisation finds nothing, and the size and type
//! rules refuse what they should, writing nothing.

use serde_json::Value;

use crate::helpers::{TestApp, TestResponse, Transport};
use crate::spawn_app;

/// A screenshot's first bytes, enough to be known as PNG.
const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

fn multipart(filename: &str, content: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----spica-attachment-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn attach_as<T: Transport>(
    app: &TestApp<T>,
    path: &str,
    bearer: &str,
    filename: &str,
    content: &[u8],
) -> TestResponse {
    let (content_type, body) = multipart(filename, content);
    let authorization = format!("Bearer {bearer}");
    app.0.send(
        "POST",
        path,
        &[
            ("content-type", &content_type),
            ("authorization", &authorization),
        ],
        body,
    )
}

fn open_incident<T: Transport>(app: &TestApp<T>) -> (String, String) {
    let (_, token) = app.customer();
    let id = app.incident(&token)["incident_id"]
        .as_str()
        .unwrap()
        .to_owned();
    (token, id)
}

fn customer_path(incident: &str) -> String {
    format!("/api/me/incidents/{incident}/attachments")
}

fn staff_path(incident: &str) -> String {
    format!("/api/staff/incidents/{incident}/attachments")
}

#[test]
fn a_customer_attaches_a_screenshot_that_the_desk_downloads() {
    let app = spawn_app();
    let (token, incident) = open_incident(&app);
    let attached = attach_as(
        &app,
        &customer_path(&incident),
        &token,
        "Zaslon čas.png",
        PNG,
    );
    assert_eq!(attached.status, 201, "{}", attached.text());
    let answer: Value = attached.json();
    assert_eq!(answer["name"], "Zaslon čas.png");
    assert_eq!(answer["size"], PNG.len());
    assert_eq!(answer["content_type"], "image/png");
    let id = answer["attachment_id"].as_str().unwrap();
    assert!(id.starts_with("att_"), "{id}");

    for (path, bearer) in [
        (format!("{}/{id}", customer_path(&incident)), token.as_str()),
        (
            format!("{}/{id}", staff_path(&incident)),
            app.0.staff_token(),
        ),
    ] {
        let file = app.get_as(&path, bearer);
        assert_eq!(file.status, 200, "{path}: {}", file.text());
        assert_eq!(file.body, PNG, "{path}");
        assert_eq!(file.header("content-type"), Some("image/png"));
        assert_eq!(file.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(
            file.header("content-disposition"),
            Some("attachment; filename=\"Zaslon _as.png\"; filename*=UTF-8''Zaslon%20%C4%8Das.png")
        );
    }
}

#[test]
fn an_agent_attaches_a_log_that_the_customer_downloads() {
    let app = spawn_app();
    let (token, incident) = open_incident(&app);
    let log = b"2026-12-07 10:00 terminal 3 reconnected\n";
    let attached = attach_as(
        &app,
        &staff_path(&incident),
        app.0.staff_token(),
        "../../tmp/terminal.log",
        log,
    );
    assert_eq!(attached.status, 201, "{}", attached.text());
    let answer = attached.json();
    assert_eq!(answer["name"], "terminal.log", "the path is dropped");
    assert_eq!(answer["content_type"], "text/plain");
    let id = answer["attachment_id"].as_str().unwrap();
    let file = app.get_as(&format!("{}/{id}", customer_path(&incident)), &token);
    assert_eq!(file.status, 200, "{}", file.text());
    assert_eq!(file.body, log);
    assert_eq!(
        file.header("content-disposition"),
        Some("attachment; filename=\"terminal.log\"")
    );
    // Listed on the incident's timeline, on both sides.
    let incident_answer = app
        .get_as(&format!("/api/me/incidents/{incident}"), &token)
        .text();
    assert!(incident_answer.contains(id), "{incident_answer}");
}

#[test]
fn another_organisation_finds_neither_the_incident_nor_its_files() {
    let app = spawn_app();
    let (token, incident) = open_incident(&app);
    let attached = attach_as(&app, &customer_path(&incident), &token, "a.png", PNG);
    assert_eq!(attached.status, 201, "{}", attached.text());
    let id = attached.json()["attachment_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, stranger) = app.customer();
    app.get_as(&format!("{}/{id}", customer_path(&incident)), &stranger)
        .problem(404);
    attach_as(&app, &customer_path(&incident), &stranger, "b.png", PNG).problem(404);
    // Nor is it found under another incident of the owner's.
    let other = app.incident(&token)["incident_id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.get_as(&format!("{}/{id}", customer_path(&other)), &token)
        .problem(404);
}

#[test]
fn a_file_beyond_ten_mebibytes_is_refused_413() {
    let app = spawn_app();
    let (token, incident) = open_incident(&app);
    let too_large = vec![b'a'; 10 * 1024 * 1024 + 1];
    attach_as(
        &app,
        &customer_path(&incident),
        &token,
        "big.txt",
        &too_large,
    )
    .problem(413);
    let far_too_large = vec![b'a'; 11 * 1024 * 1024];
    attach_as(
        &app,
        &staff_path(&incident),
        app.0.staff_token(),
        "big.txt",
        &far_too_large,
    )
    .problem(413);
    let exactly = vec![b'a'; 10 * 1024 * 1024];
    let taken = attach_as(&app, &customer_path(&incident), &token, "big.txt", &exactly);
    assert_eq!(taken.status, 201, "{}", taken.text());
    assert_eq!(taken.json()["size"], 10 * 1024 * 1024);
}

#[test]
fn a_type_not_taken_is_refused_naming_the_file() {
    let app = spawn_app();
    let (token, incident) = open_incident(&app);
    for (name, content, code) in [
        ("setup.exe", b"MZ\x90\0".as_slice(), "file_type"),
        ("photo.png", b"MZ\x90\0program".as_slice(), "file_content"),
        (
            "page.html",
            b"<script>alert(1)</script>".as_slice(),
            "file_type",
        ),
    ] {
        let problem =
            attach_as(&app, &customer_path(&incident), &token, name, content).problem(422);
        assert_eq!(problem["errors"][0]["field"], "file", "{name}");
        assert_eq!(problem["errors"][0]["code"], code, "{name}");
    }
    // Not a multipart body at all.
    let json = app.post_json_as(
        &customer_path(&incident),
        &token,
        &serde_json::json!({"file": "x"}),
    );
    json.problem(415);
    // Nothing was attached.
    let read = app
        .get_as(&format!("/api/me/incidents/{incident}"), &token)
        .text();
    assert!(!read.contains("att_"), "{read}");
}

#[test]
fn the_incident_pages_attach_list_and_download_files() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let incident = app.incident(&token)["incident_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let cookie = app.browser(&email);
    let page = app.get_with_cookie(&format!("/portal/incidents/{incident}"), &cookie);
    assert_eq!(page.status, 200, "{}", page.text());
    let html = page.text();
    assert!(
        html.contains(&format!(
            "action=\"/portal/incidents/{incident}/attachments\" enctype=\"multipart/form-data\""
        )),
        "{html}"
    );
    assert!(html.contains("<label for=\"attachment-file\">"), "{html}");

    let (content_type, body) = multipart("zaslon.png", PNG);
    let origin = app.0.origin();
    let posted = app.0.send(
        "POST",
        &format!("/portal/incidents/{incident}/attachments"),
        &[
            ("content-type", &content_type),
            ("cookie", &cookie),
            ("origin", &origin),
        ],
        body,
    );
    assert_eq!(posted.status, 303, "{}", posted.text());
    assert_eq!(
        posted.header("location"),
        Some(format!("/portal/incidents/{incident}#attachments").as_str())
    );

    // A refused file says why on a page, with the way back.
    let (content_type, body) = multipart("setup.exe", b"MZ\x90\0");
    let refused = app.0.send(
        "POST",
        &format!("/portal/incidents/{incident}/attachments"),
        &[
            ("content-type", &content_type),
            ("cookie", &cookie),
            ("origin", &origin),
        ],
        body,
    );
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert!(
        refused.text().contains("only PNG, JPEG, PDF"),
        "{}",
        refused.text()
    );

    let listed = app
        .get_with_cookie(&format!("/portal/incidents/{incident}"), &cookie)
        .text();
    let at = listed
        .find(&format!("/portal/incidents/{incident}/attachments/att_"))
        .expect("the file's link on the customer's page");
    let link: String = listed[at..].chars().take_while(|c| *c != '"').collect();
    let file = app.get_with_cookie(&link, &cookie);
    assert_eq!(file.status, 200);
    assert_eq!(file.body, PNG);
    assert_eq!(file.header("x-content-type-options"), Some("nosniff"));

    let desk_cookie = app.desk_cookie();
    let desk = app
        .get_with_cookie(&format!("/desk/incidents/{incident}"), &desk_cookie)
        .text();
    let attachment_id = link.rsplit('/').next().unwrap();
    let desk_link = format!("/desk/incidents/{incident}/attachments/{attachment_id}");
    assert!(desk.contains(&desk_link), "{desk}");
    // The agent attaches from the desk's page too.
    let (content_type, body) = multipart("antwort.txt", b"Restart terminal 3.\n");
    let posted = app.0.send(
        "POST",
        &format!("/desk/incidents/{incident}/attachments"),
        &[
            ("content-type", &content_type),
            ("cookie", &desk_cookie),
            ("origin", &origin),
        ],
        body,
    );
    assert_eq!(posted.status, 303, "{}", posted.text());
    let listed = app
        .get_with_cookie(&format!("/portal/incidents/{incident}"), &cookie)
        .text();
    assert!(listed.contains(">antwort.txt</a>"), "{listed}");
    let file = app.get_with_cookie(&desk_link, &desk_cookie);
    assert_eq!(file.status, 200, "{}", file.text());
    assert_eq!(file.body, PNG);
    assert_eq!(
        file.header("content-disposition"),
        Some("attachment; filename=\"zaslon.png\"")
    );
}

#[test]
fn the_export_lists_files_and_erasure_deletes_the_contacts_own() {
    let app = spawn_app();
    let (token, incident) = open_incident(&app);
    let mine = attach_as(
        &app,
        &customer_path(&incident),
        &token,
        "moj zaslon.png",
        PNG,
    );
    assert_eq!(mine.status, 201, "{}", mine.text());
    let mine = mine.json()["attachment_id"].as_str().unwrap().to_owned();
    let desks = attach_as(
        &app,
        &staff_path(&incident),
        app.0.staff_token(),
        "fix.txt",
        b"Restart the service.\n",
    );
    assert_eq!(desks.status, 201, "{}", desks.text());
    let desks = desks.json()["attachment_id"].as_str().unwrap().to_owned();

    let export = app.get_as("/api/me/export", &token);
    assert_eq!(export.status, 200, "{}", export.text());
    let export = export.json();
    let listed = export["attachments"]
        .as_array()
        .expect("attachments in the export");
    assert_eq!(listed.len(), 2, "{listed:?}");
    let row = listed
        .iter()
        .find(|row| row["id"] == mine.as_str())
        .unwrap();
    assert_eq!(row["name"], "moj zaslon.png");
    assert_eq!(row["size"], PNG.len());
    assert_eq!(
        row["sha256"],
        spica_portal::domain::attachment::sha256_hex(PNG)
    );

    let contact = app.get_as("/api/me", &token).json()["contact"]["contact_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let erased = app.staff_send(
        "POST",
        &format!("/api/staff/contacts/{contact}/erasure"),
        &serde_json::json!({}),
    );
    assert!(erased.status < 300, "{}", erased.text());
    let staff = app.0.staff_token();
    app.get_as(&format!("{}/{mine}", staff_path(&incident)), staff)
        .problem(404);
    let kept = app.get_as(&format!("{}/{desks}", staff_path(&incident)), staff);
    assert_eq!(
        kept.status,
        200,
        "the desk's own file stays: {}",
        kept.text()
    );
    let timeline = app
        .get_as(&format!("/api/staff/incidents/{incident}"), staff)
        .json();
    let files = timeline["timeline"]["attachments"].as_array().unwrap();
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0]["attachment_id"], desks.as_str());
}
