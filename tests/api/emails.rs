//! Every email in its recipient's language (issue 23): a Slovenian
//! registrant (`contact.language: "sl"`) reads the verification, the
//! welcome, the sign-in link, the incident's acknowledgement and the
//! pro-forma in Slovenian, with Ljubljana's time, Slovenian amounts and
//! plural forms, and the link to the printable pro-forma.

use serde_json::{json, Value};

use crate::helpers::{registration, unique_email, unique_serial, TestApp, Transport};
use crate::spawn_app;

/// Words that give English away in a Slovenian email (links aside).
const ENGLISH: [&str; 12] = [
    "Hello",
    "coupon",
    "incident",
    "order ",
    "invoice",
    "Please",
    "the ",
    "Support",
    "valid",
    "(UTC)",
    "(s)",
    "Reference",
];

/// The newest email to `to` whose subject starts with `subject`, as staff
/// see it (links with a secret redacted).
fn newest(app: &TestApp<impl Transport>, to: &str, subject: &str) -> Value {
    app.outbox(to)
        .into_iter()
        .find(|m| m["subject"].as_str().unwrap().starts_with(subject))
        .unwrap_or_else(|| panic!("no email to {to} about {subject:?}: {:#?}", app.outbox(to)))
}

/// Subject and text, links taken out, for the English words' check.
fn words(message: &Value) -> String {
    let text = format!(
        "{}\n{}",
        message["subject"].as_str().unwrap(),
        message["text"].as_str().unwrap()
    );
    text.split(' ')
        .filter(|word| !word.contains("://") && !word.contains('@'))
        .collect::<Vec<_>>()
        .join(" ")
}

fn assert_slovenian(message: &Value) {
    let words = words(message);
    for english in ENGLISH {
        assert!(!words.contains(english), "{english:?} in:\n{words}");
    }
    // No machine timestamp: no ISO date.
    assert!(!words.contains("T0") && !words.contains(".000Z"), "{words}");
}

#[test]
fn a_slovenian_registrant_reads_every_email_in_slovenian() {
    let app = spawn_app();
    let email = unique_email();
    let serial = unique_serial();
    app.licensed_to_kovinar(&serial);
    let mut body = registration(&email, &serial);
    body["contact"]["language"] = json!("sl");
    let registered = app.post_json("/api/registrations", &body);
    assert_eq!(registered.status, 201, "{}", registered.text());

    let verification = newest(&app, &email, "Potrdite registracijo za Time & Space");
    assert_slovenian(&verification);
    let text = verification["text"].as_str().unwrap();
    assert!(
        text.starts_with("Pozdravljeni, Ana Novak,\n\nhvala, ker ste se registrirali"),
        "{text}"
    );
    assert!(text.contains("/verify?token=[redacted]\n"), "{text}");
    assert!(
        text.contains("Povezava velja do ") && (text.contains(" CET ") || text.contains(" CEST ")),
        "{text}"
    );
    let token = app.emailed_token(&email, "verify");
    let verified = app.post_json("/api/registrations/verify", &json!({ "token": token }));
    assert_eq!(verified.status, 200, "{}", verified.text());
    let welcome = newest(&app, &email, "Dobrodošli v podpori Time & Space");
    assert_slovenian(&welcome);
    assert!(welcome["text"]
        .as_str()
        .unwrap()
        .contains("Pripisali smo vam prvi kupon za podporo"));

    let token = app.sign_in(&email);
    assert_slovenian(&newest(&app, &email, "Vaša povezava za prijavo"));

    let incident = app.incident(&token);
    let number = incident["number"].as_str().unwrap();
    let received = newest(&app, &email, "Prejeli smo vaš zahtevek za podporo");
    assert_slovenian(&received);
    let text = received["text"].as_str().unwrap();
    assert!(received["subject"].as_str().unwrap().ends_with(number));
    assert!(
        text.contains("prejeli smo vaš zahtevek „Clock terminal offline“.")
            && text.contains("najpozneje do ")
            && text.contains(" ob "),
        "{text}"
    );

    let order = app.order(&token, 3, "bank_transfer");
    let order_id = order["order_id"].as_str().unwrap();
    let pro_forma = newest(&app, &email, "Predračun za 3 kupone za podporo, naročilo ");
    assert_slovenian(&pro_forma);
    let text = pro_forma["text"].as_str().unwrap();
    for expected in [
        "hvala za vaše naročilo: 3 kuponi za neposredno podporo po ",
        "IBAN:          SI56 1910 0000 0123 438\n",
        "BIC:           BAKOSI2X\n",
        "Sklic:         RF",
        "\u{a0}€",
        "Naročilo je odprto do ",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    let printable = format!("/portal/orders/{order_id}/pro-forma\n");
    let link = text
        .lines()
        .find(|line| line.starts_with("Predračun za tiskanje: http"))
        .unwrap_or_else(|| panic!("no printable pro-forma in:\n{text}"));
    assert!(format!("{link}\n").ends_with(&printable), "{link}");
}

#[test]
fn an_english_contact_reads_no_machine_time_and_no_plural_in_brackets() {
    let app = spawn_app();
    let (email, token) = app.customer_in("en");
    app.incident(&token);
    app.order(&token, 1, "bank_transfer");
    for message in app.outbox(&email) {
        let text = format!("{}\n{}", message["subject"], message["text"]);
        for bad in ["(UTC)", "(s)", ".000Z", "EUR "] {
            assert!(!text.contains(bad), "{bad:?} in:\n{text}");
        }
    }
    let pro_forma = email_to(&app, &email, "Pro-forma for 1 support coupon, order ");
    assert!(
        pro_forma.contains("Printable pro-forma: http"),
        "{pro_forma}"
    );
}

fn email_to(app: &TestApp<impl Transport>, to: &str, subject: &str) -> String {
    newest(app, to, subject)["text"]
        .as_str()
        .unwrap()
        .to_owned()
}
