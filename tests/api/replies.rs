//! Replies by email: a contact answers an incident's email from their mail
//! client (Gmail, Outlook, Apple Mail) and the reply becomes their message;
//! forged addresses and strangers are refused. End to end through wrangler
//! dev's `/cdn-cgi/handler/email`; natively, through the Worker's decoder
//! (js/inbound.mjs) under Node. Every sample in tests/fixtures/email is
//! delivered raw here, and its text checked.

use serde_json::{json, Value};

use crate::helpers::{checkout_completed, unique, TestApp, Transport, INBOUND_EMAIL_DOMAIN};
use crate::organisations::{claim_of, stranger};
use crate::spawn_app;

/// The reply address in the samples, replaced by the real one.
const SAMPLE_TO: &str =
    "incident+inc_7k3m9qx2d4f6h8j0abcdefghjk.0a1b2c3d4e5f60718293@reply.spica.test";

/// A sample message (tests/fixtures/email) as if `from` sent it to `to`,
/// with a Message-ID of its own.
fn shaped(sample: &str, from: &str, to: &str, message_id: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/email/{sample}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = String::from_utf8(std::fs::read(&path).unwrap()).unwrap();
    text.split("\r\n")
        .map(|line| {
            let lower = line.to_ascii_lowercase();
            if lower.starts_with("message-id:") {
                format!("Message-ID: <{message_id}>")
            } else if lower.starts_with("from:") && line.contains("@kovinar.si>") {
                format!("From: Contact <{from}>")
            } else {
                line.replace(SAMPLE_TO, to)
            }
        })
        .collect::<Vec<_>>()
        .join("\r\n")
        .into_bytes()
}

/// A customer's incident with three failed calls, and the reply address of
/// the email that asked them for new times.
fn waiting_for_the_customer<T: Transport>(app: &TestApp<T>) -> (String, String, String, String) {
    let (email, token) = app.customer();
    let id = app.incident(&token)["incident_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/staff/incidents/{id}/callback-attempts");
    for outcome in ["no_answer", "busy", "failed"] {
        let answer = app.staff_send(
            "POST",
            &path,
            &json!({"outcome": outcome, "channel": "voice"}),
        );
        assert_eq!(answer.status, 201, "{}", answer.text());
    }
    let prompt = app
        .outbox(&email)
        .into_iter()
        .find(|m| {
            m["subject"]
                .as_str()
                .unwrap()
                .starts_with("We could not reach you")
        })
        .expect("the customer was asked for new times");
    let reply_to = prompt["reply_to"]
        .as_str()
        .expect("a reply address")
        .to_owned();
    (email, token, id, reply_to)
}

fn incident<T: Transport>(app: &TestApp<T>, token: &str, id: &str) -> Value {
    let answer = app.get_as(&format!("/api/me/incidents/{id}"), token);
    assert_eq!(answer.status, 200, "{}", answer.text());
    answer.json()
}

fn customer_messages(incident: &Value) -> Vec<String> {
    incident["timeline"]["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["author"] == "customer")
        .map(|m| m["body"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_contacts_email_reply_after_three_failed_calls_reopens_the_callback() {
    let app = spawn_app();
    let (email, token, id, reply_to) = waiting_for_the_customer(&app);
    assert!(
        reply_to.ends_with(&format!("@{INBOUND_EMAIL_DOMAIN}")),
        "{reply_to}"
    );
    assert_eq!(incident(&app, &token, &id)["status"], "awaiting_customer");
    let message_id = format!("{}@mail.gmail.com", unique("gmail"));
    let raw = shaped("gmail.eml", &email, &reply_to, &message_id);
    let taken = app.0.email(&email, &reply_to, raw.clone());
    assert_eq!(taken.status, 200, "{}", taken.text());
    let reopened = incident(&app, &token, &id);
    assert_eq!(
        (
            reopened["status"].as_str(),
            reopened["callback_window"].as_i64()
        ),
        (Some("awaiting_callback"), Some(2))
    );
    assert_eq!(
        customer_messages(&reopened),
        ["Please call me tomorrow after 14:00 on 040 123 456.\n\nThanks, Ana"]
    );
    let message = reopened["timeline"]["messages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["author"] == "customer")
        .unwrap()
        .clone();
    assert_eq!(message["recorded_by"], email.as_str());
    // The desk hears of it as of a message in the portal.
    assert!(app
        .outbox(crate::helpers::DESK_EMAIL)
        .iter()
        .any(|m| m["text"].as_str().unwrap().contains("after 14:00")));

    // Email Routing delivers the same email again: nothing more is added.
    let again = app.0.email(&email, &reply_to, raw);
    assert_eq!(again.status, 200, "{}", again.text());
    assert_eq!(customer_messages(&incident(&app, &token, &id)).len(), 1);
}

/// The customer's messages after a contact waiting for a callback replied
/// with each of these samples, delivered raw.
fn messages_after_replies(samples: &[&str]) -> Vec<String> {
    let app = spawn_app();
    let (email, token, id, reply_to) = waiting_for_the_customer(&app);
    for sample in samples {
        let message_id = format!("{}@kovinar.si", unique(sample.trim_end_matches(".eml")));
        let taken = app.0.email(
            &email,
            &reply_to,
            shaped(sample, &email, &reply_to, &message_id),
        );
        assert_eq!(taken.status, 200, "{sample}: {}", taken.text());
    }
    customer_messages(&incident(&app, &token, &id))
}

#[test]
fn replies_from_outlook_and_apple_mail_are_read_without_their_quoted_history() {
    assert_eq!(
        messages_after_replies(&["outlook.eml", "apple.eml"]),
        [
            "Dober dan,\n\nthe terminal in the warehouse still shows \u{201c}Napaka 17\u{201d}. Čez dan smo dosegljivi na 041 555 666.\n\nLep pozdrav\nMarko Novak",
            "Any time on Thursday works. Grüße aus Maribor!"
        ]
    );
}

#[test]
fn a_latin_2_reply_and_an_html_only_reply_are_read_as_text() {
    assert_eq!(
        messages_after_replies(&["latin2.eml", "html_only.eml"]),
        [
            "Žal nas še vedno ne morete priklicati. Pokličite Petra.",
            "Call me at 9 please."
        ]
    );
}

#[test]
fn a_forged_address_a_stranger_and_another_organisations_contact_are_refused() {
    let app = spawn_app();
    let (email, token, id, reply_to) = waiting_for_the_customer(&app);
    let (local, domain) = reply_to.split_once('@').unwrap();
    let (signed, mac) = local.rsplit_once('.').unwrap();
    let flipped = if mac.starts_with('0') { "1" } else { "0" };
    let forged = format!("{signed}.{flipped}{}@{domain}", &mac[1..]);
    let refused = app.0.email(
        &email,
        &forged,
        shaped(
            "gmail.eml",
            &email,
            &forged,
            &format!("{}@mail.gmail.com", unique("forged")),
        ),
    );
    assert_eq!(refused.status, 400, "{}", refused.text());
    assert!(refused.text().contains("signature"), "{}", refused.text());

    let (colleague_elsewhere, _) = app.customer();
    for from in ["mallory@example.com", colleague_elsewhere.as_str()] {
        let raw = shaped(
            "gmail.eml",
            from,
            &reply_to,
            &format!("{}@mail.gmail.com", unique("stranger")),
        );
        let refused = app.0.email(from, &reply_to, raw);
        assert_eq!(refused.status, 400, "{from}: {}", refused.text());
        assert!(
            refused.text().contains("not a contact"),
            "{}",
            refused.text()
        );
    }
    let after = incident(&app, &token, &id);
    assert!(customer_messages(&after).is_empty());
    assert_eq!(after["status"], "awaiting_customer");
}

/// An organisation stops being active when it is merged: its last contact,
/// a claimant of a license another organisation holds, joins the holder
/// (staff ask, the holder's contact confirms). That contact's reply to an
/// incident of the organisation merged away is refused, and the log says
/// why.
#[test]
fn a_reply_to_an_incident_of_an_organisation_no_longer_active_is_refused_as_such() {
    let app = spawn_app();
    let (holder_email, holder) = app.customer();
    let serial = app.get_as("/api/me", &holder).json()["licenses"][0]["serial"]
        .as_str()
        .unwrap()
        .to_owned();
    let (email, token, _) = stranger(&app, &serial);
    // The claimant's organisation buys a coupon and asks for support.
    let paid = app.order(&token, 1, "card");
    app.stripe_event(&checkout_completed(&unique("evt_"), &paid));
    let id = app.incident(&token)["incident_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let reply_to = app
        .outbox(&email)
        .into_iter()
        .find_map(|m| m["reply_to"].as_str().map(str::to_owned))
        .expect("the incident's email carries its reply address");
    let before = app
        .get_as(&format!("/api/me/incidents/{id}"), &token)
        .json();
    assert_eq!(before["status"], "awaiting_callback");

    let claim = claim_of(&app, &email).unwrap();
    let join = format!(
        "/api/staff/license-claims/{}/join",
        claim["claim_id"].as_str().unwrap()
    );
    assert_eq!(app.staff_send("POST", &join, &json!({})).status, 200);
    let confirm = app.emailed_token(&holder_email, "confirm-join");
    let confirmed =
        app.post_form_with_cookie("/confirm-join", "", &app.0.origin(), &[("token", &confirm)]);
    assert_eq!(confirmed.status, 200, "{}", confirmed.text());

    let raw = shaped(
        "gmail.eml",
        &email,
        &reply_to,
        &format!("{}@mail.gmail.com", unique("merged")),
    );
    let refused = app.0.email(&email, &reply_to, raw);
    assert_eq!(refused.status, 400, "{}", refused.text());
    assert!(
        refused.text().contains("organisation is no longer active"),
        "{}",
        refused.text()
    );
    let after = app.staff_get(&format!("/api/staff/incidents/{id}")).json();
    assert!(
        after["timeline"]["messages"].as_array().unwrap().is_empty(),
        "{after}"
    );
}

/// A screenshot's first bytes, enough to be known as PNG.
const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
/// A PDF's first bytes.
const PDF: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";

/// A file part of a raw email: name, media type, bytes, and whether it is
/// pasted into the HTML (a Content-ID in a multipart/related).
struct Part<'a>(&'a str, &'a str, &'a [u8], bool);

/// A reply as a mail client writes it: multipart/mixed with the text (and,
/// with inline images, an HTML body in a multipart/related that refers to
/// them by Content-ID), then each attached file, base64 in lines of 76.
fn with_files(from: &str, to: &str, message_id: &str, text: &str, parts: &[Part]) -> Vec<u8> {
    use base64::Engine;
    let encode = |bytes: &[u8]| {
        let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
        encoded
            .as_bytes()
            .chunks(76)
            .map(|line| std::str::from_utf8(line).unwrap().to_owned())
            .collect::<Vec<_>>()
            .join("\r\n")
    };
    let mut raw = format!(
        "MIME-Version: 1.0\r\nDate: Mon, 7 Dec 2026 10:15:42 +0100\r\nMessage-ID: <{message_id}>\r\n\
         Subject: Re: Terminal error\r\nFrom: Ana Kovac <{from}>\r\nTo: <{to}>\r\n\
         Content-Type: multipart/mixed; boundary=\"mixed-b1\"\r\n\r\n--mixed-b1\r\n"
    );
    let inline: Vec<&Part> = parts.iter().filter(|p| p.3).collect();
    if inline.is_empty() {
        raw.push_str(&format!(
            "Content-Type: text/plain; charset=\"UTF-8\"\r\n\r\n{text}\r\n"
        ));
    } else {
        let images: String = inline
            .iter()
            .enumerate()
            .map(|(n, _)| format!("<img src=\"cid:pasted{n}@kovinar.si\">"))
            .collect();
        raw.push_str(&format!(
            "Content-Type: multipart/related; boundary=\"related-b2\"\r\n\r\n--related-b2\r\n\
             Content-Type: text/html; charset=\"UTF-8\"\r\n\r\n<div>{text}</div>{images}\r\n"
        ));
        for (n, Part(_, media_type, bytes, _)) in inline.iter().enumerate() {
            raw.push_str(&format!(
                "--related-b2\r\nContent-Type: {media_type}\r\nContent-ID: <pasted{n}@kovinar.si>\r\n\
                 Content-Transfer-Encoding: base64\r\n\r\n{}\r\n",
                encode(bytes)
            ));
        }
        raw.push_str("--related-b2--\r\n");
    }
    for Part(name, media_type, bytes, _) in parts.iter().filter(|p| !p.3) {
        raw.push_str(&format!(
            "--mixed-b1\r\nContent-Type: {media_type}; name=\"{name}\"\r\n\
             Content-Disposition: attachment; filename=\"{name}\"\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n{}\r\n",
            encode(bytes)
        ));
    }
    raw.push_str("--mixed-b1--\r\n");
    raw.into_bytes()
}

fn sha256_hex(bytes: &[u8]) -> String {
    spica_portal::domain::attachment::sha256_hex(bytes)
}

/// The incident's files as its contact reads them.
fn files_of(incident: &Value) -> Vec<Value> {
    incident["timeline"]["attachments"]
        .as_array()
        .expect("the timeline lists attachments")
        .clone()
}

/// A contact of an incident waiting for the desk, and its reply address.
fn open_with_reply_address<T: Transport>(app: &TestApp<T>) -> (String, String, String, String) {
    let (email, token) = app.customer();
    let id = app.incident(&token)["incident_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let reply_to = app
        .outbox(&email)
        .into_iter()
        .find_map(|m| m["reply_to"].as_str().map(str::to_owned))
        .expect("the incident's email carries its reply address");
    (email, token, id, reply_to)
}

#[test]
fn an_emailed_reply_with_a_screenshot_and_a_pdf_attaches_both_once() {
    let app = spawn_app();
    let (email, token, id, reply_to) = open_with_reply_address(&app);
    let raw = with_files(
        &email,
        &reply_to,
        &format!("{}@kovinar.si", unique("files")),
        "The error is on the screenshot; the report is attached.",
        &[
            Part("Zaslon 1.png", "image/png", PNG, false),
            Part("poročilo.pdf", "application/pdf", PDF, false),
        ],
    );
    let taken = app.0.email(&email, &reply_to, raw.clone());
    assert_eq!(taken.status, 200, "{}", taken.text());
    // Email Routing delivers it again: each file is still there once.
    let again = app.0.email(&email, &reply_to, raw);
    assert_eq!(again.status, 200, "{}", again.text());

    let read = incident(&app, &token, &id);
    assert_eq!(
        customer_messages(&read),
        ["The error is on the screenshot; the report is attached."]
    );
    let files = files_of(&read);
    assert_eq!(files.len(), 2, "{files:?}");
    let names: Vec<&str> = files.iter().filter_map(|f| f["name"].as_str()).collect();
    assert_eq!(
        names,
        ["Zaslon 1.png", "poročilo.pdf"],
        "in the email's order"
    );
    for (name, media_type, bytes) in [
        ("Zaslon 1.png", "image/png", PNG),
        ("poročilo.pdf", "application/pdf", PDF),
    ] {
        let file = files
            .iter()
            .find(|file| file["name"] == name)
            .unwrap_or_else(|| panic!("{name} in {files:?}"));
        assert_eq!(file["content_type"], media_type);
        assert_eq!(file["size"], bytes.len());
        assert_eq!(file["uploaded_by"], "email");
        assert_eq!(file["sha256"], sha256_hex(bytes));
        let path = format!(
            "/api/me/incidents/{id}/attachments/{}",
            file["attachment_id"].as_str().unwrap()
        );
        let download = app.get_as(&path, &token);
        assert_eq!(download.status, 200, "{path}: {}", download.text());
        assert_eq!(download.body, bytes, "{name}");
        assert_eq!(sha256_hex(&download.body), file["sha256"].as_str().unwrap());
        assert_eq!(download.header("content-type"), Some(media_type));
    }
    // The desk lists the same two; the pages say they came by email.
    let desk = app.staff_get(&format!("/api/staff/incidents/{id}")).json();
    assert_eq!(files_of(&desk).len(), 2, "{desk}");
    let page = app
        .get_with_cookie(&format!("/portal/incidents/{id}"), &app.browser(&email))
        .text();
    assert!(page.contains(">poročilo.pdf</a>"), "{page}");
    assert!(page.contains(", by email ·"), "{page}");
}

#[test]
fn files_the_upload_rules_refuse_are_named_on_the_message_and_the_text_still_lands() {
    let app = spawn_app();
    let (email, token, id, reply_to) = open_with_reply_address(&app);
    let raw = with_files(
        &email,
        &reply_to,
        &format!("{}@kovinar.si", unique("refused")),
        "Here is the installer and the log.",
        &[
            Part(
                "setup.exe",
                "application/octet-stream",
                b"MZ\x90\0program",
                false,
            ),
            Part(
                "terminal.log",
                "text/plain",
                b"10:00 terminal 3 offline\n",
                false,
            ),
            Part("photo.png", "image/png", b"MZ\x90\0not a picture", false),
        ],
    );
    let taken = app.0.email(&email, &reply_to, raw);
    assert_eq!(taken.status, 200, "{}", taken.text());
    let read = incident(&app, &token, &id);
    assert_eq!(
        customer_messages(&read),
        [
            "Here is the installer and the log.\n\n[Not attached from this email: \
          setup.exe (only PNG, JPEG, PDF, TXT, LOG, CSV and ZIP files are taken); \
          photo.png (the file's content is not what its name says (image/png)).]"
        ]
    );
    let files = files_of(&read);
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0]["name"], "terminal.log");
    // The desk hears of it with the same words.
    assert!(app
        .outbox(crate::helpers::DESK_EMAIL)
        .iter()
        .any(|m| m["text"].as_str().unwrap().contains("setup.exe (only PNG")));
}

#[test]
fn a_screenshot_pasted_into_an_html_reply_is_attached_and_a_pasted_logo_is_not() {
    let app = spawn_app();
    let (email, token, id, reply_to) = open_with_reply_address(&app);
    let gif = b"GIF89a\x01\0\x01\0\x80\0\0\0\0\0\xff\xff\xff!\xf9\x04\x01\0\0\0\0,\0\0\0\0\x01\0\x01\0\0\x02\x02D\x01\0;";
    let raw = with_files(
        &email,
        &reply_to,
        &format!("{}@kovinar.si", unique("inline")),
        "See the picture below.",
        &[
            Part("", "image/png", PNG, true),
            Part("", "image/gif", gif, true),
        ],
    );
    let taken = app.0.email(&email, &reply_to, raw);
    assert_eq!(taken.status, 200, "{}", taken.text());
    let read = incident(&app, &token, &id);
    assert_eq!(customer_messages(&read), ["See the picture below."]);
    let files = files_of(&read);
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0]["name"], "image-1.png");
    assert_eq!(files[0]["sha256"], sha256_hex(PNG));
}

#[test]
fn a_strangers_email_with_files_attaches_nothing_and_the_contacts_attaches_them() {
    let app = spawn_app();
    let (email, token, id, reply_to) = open_with_reply_address(&app);
    let files = [Part("invoice.pdf", "application/pdf", PDF, false)];
    let raw = with_files(
        "mallory@example.com",
        &reply_to,
        &format!("{}@example.com", unique("mallory")),
        "Open this.",
        &files,
    );
    let refused = app.0.email("mallory@example.com", &reply_to, raw);
    assert_eq!(refused.status, 400, "{}", refused.text());
    let read = incident(&app, &token, &id);
    assert!(files_of(&read).is_empty(), "{read}");
    assert!(customer_messages(&read).is_empty());

    // The same files from the incident's contact are attached.
    let raw = with_files(
        &email,
        &reply_to,
        &format!("{}@kovinar.si", unique("contact")),
        "Open this.",
        &files,
    );
    let taken = app.0.email(&email, &reply_to, raw);
    assert_eq!(taken.status, 200, "{}", taken.text());
    let read = incident(&app, &token, &id);
    assert_eq!(customer_messages(&read), ["Open this."]);
    let files = files_of(&read);
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0]["sha256"], sha256_hex(PDF));
}

#[test]
fn a_reply_of_a_screenshot_alone_lands_as_a_message_naming_it() {
    let app = spawn_app();
    let (email, token, id, reply_to) = open_with_reply_address(&app);
    let raw = with_files(
        &email,
        &reply_to,
        &format!("{}@kovinar.si", unique("alone")),
        "",
        &[Part("zaslon.png", "image/png", PNG, false)],
    );
    let taken = app.0.email(&email, &reply_to, raw);
    assert_eq!(taken.status, 200, "{}", taken.text());
    let read = incident(&app, &token, &id);
    assert_eq!(
        customer_messages(&read),
        ["[Files sent by email: zaslon.png.]"]
    );
    assert_eq!(files_of(&read).len(), 1);
}
