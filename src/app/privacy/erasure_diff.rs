//! Erasure touches only what the erased contact owns: three organisations
//! whose contacts share names ("e", "Ana", "Ana Novak"), a phone and every
//! common letter, with incidents, messages, emails (the desk's too), inbound
//! replies, call notes and orders; every table is read before and after one
//! contact's erasure, and every row that changed or went must be theirs.

use std::collections::BTreeMap;

use super::super::incidents::callers::{agent, as_customer};
use super::super::testing::{app, entropy, license, now, run, StandInStripe};
use super::super::{App, AttemptInput, CustomerPrincipal, NewIncident, Reply};
use crate::domain::entropy::Entropy;
use crate::domain::inbound::DecodedEmail;
use crate::domain::incident::{Channel, Outcome};
use crate::domain::order::{PaymentMethod, Quantity};
use crate::domain::phone::Phone;
use crate::domain::registration::{NewRegistration, RegistrationInput};
use crate::domain::text::Text;
use crate::store::sqlite::Sqlite;
use crate::store::{Row, Statement, Value};

/// Every row of every table, by table and rowid.
type Snapshot = BTreeMap<String, BTreeMap<i64, Row>>;

fn snapshot(app: &App<Sqlite>) -> Snapshot {
    let query = |sql: String| run(app.store.query(Statement::new(sql, vec![]))).unwrap();
    let tables = query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            .into(),
    );
    assert!(tables.len() > 30);
    tables
        .iter()
        .map(|table| {
            let name = table.text("name").unwrap();
            let rows = query(format!("SELECT rowid AS \"rowid ☐\", * FROM \"{name}\""))
                .into_iter()
                .map(|row| (row.integer("rowid ☐").unwrap(), row))
                .collect();
            (name, rows)
        })
        .collect()
}

fn text(row: &Row, column: &str) -> Option<String> {
    row.0
        .iter()
        .find(|(name, _)| name == column)
        .and_then(|(_, value)| match value {
            Value::Text(text) => Some(text.clone()),
            _ => None,
        })
}

/// Whether a row (as it was before the erasure) is the erased contact's:
/// their own row, the messages they wrote and the replies they emailed,
/// the emails addressed to them, the incidents they raised, their links,
/// sessions, unsubscribe links, bulletins and link requests.
fn owned(before: &Snapshot, table: &str, row: &Row, contact: &str, address: &str) -> bool {
    let is = |column: &str, value: &str| text(row, column).as_deref() == Some(value);
    match table {
        "contacts" => is("id", contact),
        "outbox" => is("contact_id", contact),
        "incidents"
        | "incident_messages"
        | "auth_tokens"
        | "unsubscribe_tokens"
        | "bulletin_recipients" => is("contact_id", contact),
        "browser_sessions" => is("subject_id", contact),
        "link_requests" => is("address", address),
        "inbound_emails" => before["incident_messages"].values().any(|message| {
            text(message, "contact_id").as_deref() == Some(contact)
                && text(message, "id") == text(row, "incident_message_id")
        }),
        // A revision of an incident they raised (erasure takes one).
        "incident_revisions" => before["incidents"].values().any(|incident| {
            text(incident, "contact_id").as_deref() == Some(contact)
                && text(incident, "id") == text(row, "incident_id")
        }),
        _ => false,
    }
}

/// An active contact of a new organisation: registered and confirmed.
fn register(
    app: &App<Sqlite>,
    (name, email, phone, company): (&str, &str, &str, &str),
    seed: u8,
) -> CustomerPrincipal {
    let serial = format!("TS-E{seed}");
    license(app, &serial, company);
    let registration = NewRegistration::parse(
        RegistrationInput {
            serial: Some(serial),
            company_name: Some(company.into()),
            street: Some("Tržaška cesta 12".into()),
            postal_code: Some("1000".into()),
            city: Some("Ljubljana".into()),
            country: Some("SI".into()),
            contact_name: Some(name.into()),
            email: Some(email.into()),
            phone: Some(phone.into()),
            accept_terms: Some(true),
            ..RegistrationInput::default()
        },
        &app.config.vendor_addresses,
    )
    .unwrap();
    let registered = run(app.register(registration, now(), &mut entropy(seed))).unwrap();
    let token = super::super::registration::tests::token_in_email(app, email);
    run(app.verify_email(&token, now(), &mut entropy(seed + 100))).unwrap();
    let contact = run(app.store.contacts_of(&registered.customer_id))
        .unwrap()
        .remove(0);
    run(app.principal(&contact.id)).unwrap()
}

/// The contact's history: a voice incident quoting names, phones and
/// letters, their message, the desk's answer, three failed calls noted with
/// a phone, an emailed reply, a bank-transfer order and a sign-in link.
fn history(app: &App<Sqlite>, who: &CustomerPrincipal, seed: u8) {
    let mut entropy = Entropy::new([seed; 32]);
    let caller = as_customer(who);
    let phone = Phone::parse(&who.contact.phone, None).unwrap();
    let input = NewIncident {
        subject: Text::parse("Terminal offline: ask Ana or e", 200).unwrap(),
        description: Text::parse(
            "Reader offline since Monday. Ana Novak says call +38641000001, the one near the entrance.",
            500,
        )
        .unwrap(),
        channel: Channel::Voice,
        phone: Some(phone.clone().into()),
        preferred_times: Some(Text::parse("weekdays 8-12, ask for Ana", 200).unwrap()),
        serial: None,
    };
    let (incident, _) = run(app.open_incident(&caller, input, now(), &mut entropy)).unwrap();
    let reply = Reply {
        body: Text::parse("Still offline. Please call Ana on +38641000001.", 500).unwrap(),
        phone: Some(phone.into()),
        preferred_times: None,
    };
    run(app.customer_message(&caller, incident.id.as_str(), reply, now(), &mut entropy)).unwrap();
    let answer = Text::parse("We will call you, Ana, at +38641000001.", 500).unwrap();
    run(app.staff_message(&agent(), incident.id.as_str(), answer, now(), &mut entropy)).unwrap();
    for _ in 0..3 {
        let attempt = AttemptInput {
            outcome: Outcome::NoAnswer,
            channel: Channel::Voice,
            note: Some(
                Text::parse("Called +38641000001: nobody answered, e-mail sent", 200).unwrap(),
            ),
        };
        run(app.record_attempt(&agent(), incident.id.as_str(), attempt, now(), &mut entropy))
            .unwrap();
    }
    let to = app.reply_address(incident.id.as_str()).unwrap();
    let decoded = Ok(DecodedEmail {
        message_id: Some(format!("<reply-{seed}@mail.example>")),
        text: Some("Please call Ana tomorrow on +38641000001.\n".into()),
        files: Vec::new(),
    });
    let taken = run(app.inbound_email(
        who.contact.email.as_str(),
        &to,
        decoded,
        now(),
        &mut entropy,
    ))
    .unwrap();
    assert!(taken.is_ok(), "{taken:?}");
    run(app.place_order(
        &crate::app::Caller::customer(who.clone(), now()),
        Quantity::parse(2).unwrap(),
        PaymentMethod::BankTransfer,
        None::<&StandInStripe>,
        now(),
        &mut entropy,
    ))
    .unwrap();
    run(app.request_sign_in(&who.contact.email, now(), &mut entropy)).unwrap();
}

#[test]
fn a_contact_named_e_erasing_themselves_changes_no_other_organisation() {
    let app = app();
    // One phone for "e" and for "Ana" of another organisation; the names
    // hide in each other and in every text.
    let e = register(
        &app,
        ("e", "e@kovinar.si", "+38641000001", "Kovinar d.o.o."),
        1,
    );
    let ana = register(
        &app,
        ("Ana", "ana@anadoo.si", "+38641000001", "Ana d.o.o."),
        2,
    );
    let novak = register(
        &app,
        (
            "Ana Novak",
            "ana.novak@novak.si",
            "+38641000003",
            "Novak s.p.",
        ),
        3,
    );
    for (who, seed) in [(&e, 11), (&ana, 12), (&novak, 13)] {
        history(&app, who, seed);
    }
    let (contact, address) = (
        e.contact.id.to_string(),
        e.contact.email.as_str().to_owned(),
    );

    // Her erasure link goes, whatever other emails she had this hour.
    run(app.request_erasure(&as_customer(&e), now(), &mut entropy(40))).unwrap();
    let link = super::super::registration::tests::token_in_email(&app, &address);
    let before = snapshot(&app);
    run(app.confirm_erasure(&link, now(), &mut entropy(41))).unwrap();
    let after = snapshot(&app);

    let mut foreign = Vec::new();
    let mut changed_own = BTreeMap::<String, usize>::new();
    for (table, rows) in &before {
        for (rowid, row) in rows {
            let now_row = after[table].get(rowid);
            if now_row == Some(row) {
                continue;
            }
            if owned(&before, table, row, &contact, &address) {
                *changed_own.entry(table.clone()).or_default() += 1;
            } else {
                foreign.push(format!(
                    "{table} row {rowid}: {row:?}\n  became {now_row:?}"
                ));
            }
        }
        for (rowid, row) in after[table].iter().filter(|(id, _)| !rows.contains_key(id)) {
            if owned(&before, table, row, &contact, &address) {
                *changed_own.entry(table.clone()).or_default() += 1;
            } else {
                foreign.push(format!("{table} gained row {rowid}: {row:?}"));
            }
        }
    }
    assert!(
        foreign.is_empty(),
        "the erasure of {contact} changed rows that are not theirs:\n{}",
        foreign.join("\n")
    );
    // And it did erase: their row, the emails to them, their incident's
    // phone, their messages and reply, their links.
    for table in [
        "contacts",
        "outbox",
        "incidents",
        "incident_messages",
        "inbound_emails",
        "auth_tokens",
        "link_requests",
        "incident_revisions",
    ] {
        assert!(
            changed_own.contains_key(table),
            "nothing of theirs changed in {table}: {changed_own:?}"
        );
    }
}
