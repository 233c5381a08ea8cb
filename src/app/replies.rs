//! Replies by email: an email to an incident's signed reply address becomes
//! the contact's message on the incident, through the same path as a
//! portal message (which reopens the callback after three failed calls).
//! Only an active contact of the incident's organisation may write, and only
//! while that organisation is active; anything else is refused with a
//! reason the Worker logs and gives the sender's mail server.
//!
//! The files of an accepted reply are attached to the incident by the
//! upload's rules (`domain::inbound::sort_files`); those refused are named,
//! with the reason, below the message's text. Each file's id is made from
//! the Message-ID and its place in the email, so a repeated delivery names
//! the same objects; the bytes are written before the batch that records
//! the message, the email and the files' rows together.

use super::attachments::{attachment_record, Uploader};
use super::{App, AppError, CustomerPrincipal, Job, Reply};
use crate::app::IncidentsError;
use crate::domain::email::Email;
use crate::domain::entropy::Entropy;
use crate::domain::inbound::{
    admit_sender, file_id, sort_files, DecodedEmail, InboundEmail, InboundError, Sender,
    SenderRefusal, MAX_REPLY_CHARS,
};
use crate::domain::reply::ReplyAddressError;
use crate::domain::text::Text;
use crate::domain::time::Instant;
use crate::store::{self, Database, UploadedBy};

/// What became of an inbound email the portal took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InboundOutcome {
    /// The contact's message was added to the incident.
    Added { incident_id: String, jobs: Vec<Job> },
    /// The same email (Message-ID) was taken before: nothing added.
    Duplicate { incident_id: String },
}

/// Why an inbound email is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("replies by email are not configured")]
    NotConfigured,
    #[error("{0}")]
    Address(ReplyAddressError),
    #[error("{0}")]
    Unreadable(InboundError),
    #[error("no such incident")]
    NoSuchIncident,
    /// The incident's organisation is no longer active, or the sender is
    /// no active contact of it (domain::inbound::admit_sender).
    #[error("{0}")]
    Sender(SenderRefusal),
    #[error("{0}")]
    Incident(crate::domain::incident::IncidentError),
}

impl<D: Database> App<D> {
    /// Takes an email from `from` (the envelope sender, which Email Routing
    /// checked) to `to`, as the Worker decoded it (`Err` when it could not).
    /// `Ok(Err(_))` is a refusal;
    /// `Err(_)` a failure of the portal, worth the sender's retry.
    pub async fn inbound_email(
        &self,
        from: &str,
        to: &str,
        decoded: Result<DecodedEmail, InboundError>,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Result<InboundOutcome, Refusal>, AppError> {
        let Some(settings) = &self.config.reply_by_email else {
            return Ok(Err(Refusal::NotConfigured));
        };
        let incident_id = match settings.incident(to) {
            Ok(id) => id,
            Err(error) => return Ok(Err(Refusal::Address(error))),
        };
        let (email, decoded) = match decoded
            .and_then(|decoded| InboundEmail::read(&decoded).map(|email| (email, decoded)))
        {
            Ok(read) => read,
            Err(error) => return Ok(Err(Refusal::Unreadable(error))),
        };
        let Some(incident) = self.store.incident(&incident_id).await? else {
            return Ok(Err(Refusal::NoSuchIncident));
        };
        let customer = self
            .store
            .customer(&incident.customer_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let sender = Email::parse(from).ok();
        let contact = match &sender {
            Some(sender) => self.store.contact_by_email(sender.as_str()).await?,
            None => None,
        };
        let known = contact.as_ref().map(|contact| Sender {
            status: contact.status,
            of_the_incidents_organisation: contact.customer_id == incident.customer_id,
        });
        if let Err(refusal) = admit_sender(customer.status, known) {
            return Ok(Err(Refusal::Sender(refusal)));
        }
        let (Some(contact), Some(sender)) = (contact, sender) else {
            return Ok(Err(Refusal::Sender(SenderRefusal::NotAContact)));
        };
        if self.store.inbound_email_taken(&email.message_id).await? {
            return Ok(Ok(InboundOutcome::Duplicate { incident_id }));
        }
        // A closed incident takes no reply: refused before any file is kept.
        if let Err(error) = incident.callback.customer_replied(&self.config.sla, now) {
            return Ok(Err(Refusal::Incident(error)));
        }
        let files = sort_files(&decoded.files);
        let body = match files
            .message(&email.text)
            .map(|text| Text::parse_multiline(&text, MAX_REPLY_CHARS))
        {
            Ok(Ok(body)) => body,
            Ok(Err(_)) | Err(_) => return Ok(Err(Refusal::Unreadable(InboundError::NoText))),
        };
        let uploader = Uploader {
            by: UploadedBy::Email,
            id: contact.id.to_string(),
            name: contact.name.to_string(),
        };
        let mut records = Vec::with_capacity(files.taken.len());
        for (index, file) in &files.taken {
            let bytes = &decoded.files[*index].content;
            let id = file_id(&email.message_id, *index);
            let record = attachment_record(
                &incident_id,
                incident.customer_id.as_str(),
                &uploader,
                file,
                bytes,
                id,
                now,
            );
            // Written again alike by a repeated delivery; an object whose
            // batch failed waits for the delivery that records it.
            self.put_attachment(&record, bytes).await?;
            records.push(record);
        }
        let principal = CustomerPrincipal { customer, contact };
        let reply = Reply {
            body,
            phone: None,
            preferred_times: None,
        };
        let added = self
            .customer_message_with(&principal, incident, reply, now, entropy, |message| {
                let mut batch = vec![store::insert_inbound_email(
                    &email.message_id,
                    &incident_id,
                    message,
                    sender.as_str(),
                    now,
                )];
                batch.extend(records.iter().map(store::insert_attachment));
                batch
            })
            .await;
        match added {
            Ok((_, jobs)) => Ok(Ok(InboundOutcome::Added { incident_id, jobs })),
            Err(AppError::Incidents(IncidentsError::State(error))) => {
                Ok(Err(Refusal::Incident(error)))
            }
            // The same email delivered twice at once: the other took it.
            Err(AppError::Database(error)) if error.is_unique_violation("inbound_emails") => {
                Ok(Ok(InboundOutcome::Duplicate { incident_id }))
            }
            Err(error) => Err(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::incidents::callers::{agent, as_customer};
    use crate::app::testing::{app, customer, entropy, now, run};
    use crate::app::{AttemptInput, NewIncident};
    use crate::domain::incident::{Channel, Outcome, Status};
    use crate::store::sqlite::Sqlite;
    use crate::store::IncidentRecord;

    fn open(app: &App<Sqlite>, customer: &CustomerPrincipal) -> IncidentRecord {
        let input = NewIncident {
            subject: Text::parse("Terminal offline", 200).unwrap(),
            description: Text::parse("No time shown", 200).unwrap(),
            channel: Channel::Voice,
            phone: None,
            preferred_times: None,
            serial: None,
        };
        run(app.open_incident(&as_customer(customer), input, now(), &mut entropy(5)))
            .unwrap()
            .0
    }

    /// A reply from Gmail, decoded, with this Message-ID.
    fn gmail_reply(message_id: &str) -> Result<DecodedEmail, InboundError> {
        Ok(DecodedEmail {
            message_id: Some(format!("<{message_id}>")),
            text: Some("Please call me tomorrow after 14:00 on 040 123 456.\n\nThanks, Ana\n\nOn Mon, 30 Nov 2026 at 10:02, Spica wrote:\n> Hello Ana,\n".into()),
            files: Vec::new(),
        })
    }

    fn take(
        app: &App<Sqlite>,
        from: &str,
        to: &str,
        decoded: &Result<DecodedEmail, InboundError>,
        seed: u8,
    ) -> Result<InboundOutcome, Refusal> {
        run(app.inbound_email(from, to, decoded.clone(), now(), &mut entropy(seed))).unwrap()
    }

    fn fail_three_calls(app: &App<Sqlite>, incident: &IncidentRecord) {
        for seed in 0..3 {
            let attempt = AttemptInput {
                outcome: Outcome::NoAnswer,
                channel: Channel::Voice,
                note: None,
            };
            run(app.record_attempt(
                &agent(),
                &incident.id,
                attempt,
                now(),
                &mut entropy(60 + seed),
            ))
            .unwrap();
        }
    }

    #[test]
    fn the_customers_emails_about_an_incident_carry_its_reply_address() {
        let app = app();
        let ana = customer(&app, "ana@kovinar.si", 1);
        let incident = open(&app, &ana);
        let address = app.reply_address(&incident.id).unwrap();
        let outbox = run(app.store.outbox_messages(Some("ana@kovinar.si"), 10)).unwrap();
        let acknowledgement = outbox
            .iter()
            .find(|m| m.text.contains(&incident.subject))
            .unwrap();
        let stored = run(app.store.outbox_message(&acknowledgement.id))
            .unwrap()
            .unwrap();
        assert_eq!(stored.reply_to.as_deref(), Some(address.as_str()));
        let desk = run(app.store.outbox_messages(Some("desk@spica.test"), 10)).unwrap();
        assert!(desk.iter().all(|m| {
            run(app.store.outbox_message(&m.id))
                .unwrap()
                .unwrap()
                .reply_to
                .is_none()
        }));
    }

    #[test]
    fn a_contacts_reply_after_three_failed_calls_reopens_the_callback() {
        let app = app();
        let ana = customer(&app, "ana@kovinar.si", 1);
        let incident = open(&app, &ana);
        fail_three_calls(&app, &incident);
        let waiting = run(app.store.incident(&incident.id)).unwrap().unwrap();
        assert_eq!(waiting.callback.status, Status::AwaitingCustomer);
        let to = app.reply_address(&incident.id).unwrap();
        let outcome = take(
            &app,
            "Ana@Kovinar.si",
            &to,
            &gmail_reply("a1@mail.gmail.com"),
            20,
        );
        let Ok(InboundOutcome::Added { incident_id, jobs }) = outcome else {
            panic!("{outcome:?}");
        };
        assert_eq!(incident_id, incident.id);
        assert!(!jobs.is_empty());
        let reopened = run(app.store.incident(&incident.id)).unwrap().unwrap();
        assert_eq!(reopened.callback.status, Status::AwaitingCallback);
        let messages = run(app.store.incident_messages(&incident.id)).unwrap();
        let last = messages.last().unwrap();
        assert_eq!(last.author, crate::domain::incident::Author::Customer);
        assert_eq!(last.author_name, ana.contact.name);
        assert_eq!(last.recorded_by.as_deref(), Some("ana@kovinar.si"));
        assert_eq!(
            last.body,
            "Please call me tomorrow after 14:00 on 040 123 456.\n\nThanks, Ana"
        );
    }

    #[test]
    fn the_same_email_delivered_twice_adds_one_message() {
        let app = app();
        let ana = customer(&app, "ana@kovinar.si", 1);
        let incident = open(&app, &ana);
        let to = app.reply_address(&incident.id).unwrap();
        let reply = gmail_reply("twice@mail.gmail.com");
        assert!(matches!(
            take(&app, "ana@kovinar.si", &to, &reply, 20),
            Ok(InboundOutcome::Added { .. })
        ));
        assert_eq!(
            take(&app, "ana@kovinar.si", &to, &reply, 21),
            Ok(InboundOutcome::Duplicate {
                incident_id: incident.id.to_string()
            })
        );
        let messages = run(app.store.incident_messages(&incident.id)).unwrap();
        assert_eq!(messages.len(), 1);
    }

    #[test]
    fn a_stranger_or_another_organisations_contact_is_refused() {
        let app = app();
        let ana = customer(&app, "ana@kovinar.si", 1);
        customer(&app, "eva@drugi.si", 2);
        let incident = open(&app, &ana);
        let to = app.reply_address(&incident.id).unwrap();
        for (seed, from) in [
            (20, "mallory@example.com"),
            (21, "eva@drugi.si"),
            (22, "not an address"),
        ] {
            let reply = gmail_reply(&format!("{seed}@mail.gmail.com"));
            assert_eq!(
                take(&app, from, &to, &reply, seed),
                Err(Refusal::Sender(SenderRefusal::NotAContact)),
                "{from}"
            );
        }
        assert!(run(app.store.incident_messages(&incident.id))
            .unwrap()
            .is_empty());
    }

    #[test]
    fn a_forged_or_foreign_reply_address_is_refused() {
        let app = app();
        let ana = customer(&app, "ana@kovinar.si", 1);
        let incident = open(&app, &ana);
        let to = app.reply_address(&incident.id).unwrap();
        let (local, domain) = to.split_once('@').unwrap();
        let forged = format!("{}0000@{domain}", &local[..local.len() - 4]);
        let reply = gmail_reply("forged@mail.gmail.com");
        assert_eq!(
            take(&app, "ana@kovinar.si", &forged, &reply, 20),
            Err(Refusal::Address(ReplyAddressError::Forged))
        );
        assert_eq!(
            take(
                &app,
                "ana@kovinar.si",
                &format!("{local}@elsewhere.test"),
                &reply,
                21
            ),
            Err(Refusal::Address(ReplyAddressError::NotAReplyAddress))
        );
        let no_headers = Ok(DecodedEmail {
            message_id: None,
            text: Some("no headers at all".into()),
            files: Vec::new(),
        });
        assert_eq!(
            take(&app, "ana@kovinar.si", &to, &no_headers, 22),
            Err(Refusal::Unreadable(InboundError::NoMessageId))
        );
        assert_eq!(
            take(
                &app,
                "ana@kovinar.si",
                &to,
                &Err(InboundError::Unreadable),
                23
            ),
            Err(Refusal::Unreadable(InboundError::Unreadable))
        );
        assert!(run(app.store.incident_messages(&incident.id))
            .unwrap()
            .is_empty());
    }

    #[test]
    fn a_reply_from_an_active_contact_of_an_organisation_no_longer_active_is_refused() {
        let app = app();
        let ana = customer(&app, "ana@kovinar.si", 1);
        let incident = open(&app, &ana);
        let to = app.reply_address(&incident.id).unwrap();
        // However its contact stayed active, an organisation merged into
        // another takes no more messages by email.
        run(app.store.write(vec![store::Statement::new(
            "UPDATE customers SET status = 'merged' WHERE id = ?1",
            vec![ana.customer.id.as_str().into()],
        )]))
        .unwrap();
        let refused = take(
            &app,
            "ana@kovinar.si",
            &to,
            &gmail_reply("merged@mail.gmail.com"),
            20,
        );
        assert_eq!(
            refused,
            Err(Refusal::Sender(SenderRefusal::OrganisationNotActive))
        );
        assert_eq!(
            refused.unwrap_err().to_string(),
            "the incident's organisation is no longer active"
        );
        assert!(run(app.store.incident_messages(&incident.id))
            .unwrap()
            .is_empty());
    }

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    /// A decoded reply with these files attached.
    fn with_files(
        message_id: &str,
        files: Vec<(&str, Vec<u8>)>,
    ) -> Result<DecodedEmail, InboundError> {
        let mut decoded = gmail_reply(message_id)?;
        decoded.files = files
            .into_iter()
            .map(|(name, content)| crate::domain::inbound::EmailFile {
                name: Some(name.to_owned()),
                media_type: "application/octet-stream".into(),
                inline: false,
                content,
            })
            .collect();
        Ok(decoded)
    }

    #[test]
    fn a_file_over_ten_mebibytes_is_named_and_skipped_while_the_text_lands() {
        let app = app();
        let ana = customer(&app, "ana@kovinar.si", 1);
        let incident = open(&app, &ana);
        let to = app.reply_address(&incident.id).unwrap();
        let mut export = b"a;b\n".to_vec();
        export.resize(11 * 1024 * 1024, b'1');
        let reply = with_files(
            "big@mail.gmail.com",
            vec![("export.csv", export), ("zaslon.png", PNG.to_vec())],
        );
        assert!(matches!(
            take(&app, "ana@kovinar.si", &to, &reply, 20),
            Ok(InboundOutcome::Added { .. })
        ));
        let messages = run(app.store.incident_messages(&incident.id)).unwrap();
        assert_eq!(
            messages[0].body,
            "Please call me tomorrow after 14:00 on 040 123 456.\n\nThanks, Ana\n\n\
             [Not attached from this email: export.csv (the file is larger than 10 MiB).]"
        );
        let files = run(app
            .store
            .fetch(store::attachments_of_incident(&incident.id)))
        .unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].name.as_str(), "zaslon.png");
        assert_eq!(files[0].uploaded_by, UploadedBy::Email);
        assert_eq!(files[0].uploader_id, ana.contact.id.to_string());
        assert_eq!(app.store.db().object_keys(), [files[0].object_key.clone()]);
    }

    #[test]
    fn eleven_files_in_one_email_attach_ten_and_name_the_eleventh() {
        let app = app();
        let ana = customer(&app, "ana@kovinar.si", 1);
        let incident = open(&app, &ana);
        let to = app.reply_address(&incident.id).unwrap();
        let names: Vec<String> = (1..=11).map(|n| format!("log-{n}.txt")).collect();
        let reply = with_files(
            "eleven@mail.gmail.com",
            names
                .iter()
                .map(|name| (name.as_str(), b"ok\n".to_vec()))
                .collect(),
        );
        assert!(matches!(
            take(&app, "ana@kovinar.si", &to, &reply, 20),
            Ok(InboundOutcome::Added { .. })
        ));
        let files = run(app
            .store
            .fetch(store::attachments_of_incident(&incident.id)))
        .unwrap();
        assert_eq!(files.len(), 10);
        assert_eq!(app.store.db().object_keys().len(), 10);
        let body = &run(app.store.incident_messages(&incident.id)).unwrap()[0].body;
        assert!(
            body.ends_with("[Not attached from this email: log-11.txt (at most 10 files are taken from one email).]"),
            "{body}"
        );
    }

    #[test]
    fn files_of_a_refused_or_repeated_email_store_no_object() {
        let app = app();
        let ana = customer(&app, "ana@kovinar.si", 1);
        customer(&app, "eva@drugi.si", 2);
        let incident = open(&app, &ana);
        let to = app.reply_address(&incident.id).unwrap();
        for (seed, from) in [(20, "mallory@example.com"), (21, "eva@drugi.si")] {
            let reply = with_files(&format!("{seed}@x.si"), vec![("a.png", PNG.to_vec())]);
            assert!(take(&app, from, &to, &reply, seed).is_err(), "{from}");
        }
        assert!(app.store.db().object_keys().is_empty());
        assert!(run(app
            .store
            .fetch(store::attachments_of_incident(&incident.id)))
        .unwrap()
        .is_empty());

        // Taken once; delivered again, the same object and row, no other.
        let reply = with_files("once@x.si", vec![("a.png", PNG.to_vec())]);
        assert!(matches!(
            take(&app, "ana@kovinar.si", &to, &reply, 22),
            Ok(InboundOutcome::Added { .. })
        ));
        let keys = app.store.db().object_keys();
        assert_eq!(keys.len(), 1);
        assert!(matches!(
            take(&app, "ana@kovinar.si", &to, &reply, 23),
            Ok(InboundOutcome::Duplicate { .. })
        ));
        assert_eq!(app.store.db().object_keys(), keys);

        // A closed incident takes no reply, and so no file.
        run(app.store.write(vec![store::Statement::new(
            "UPDATE incidents SET status = 'closed' WHERE id = ?1",
            vec![incident.id.as_str().into()],
        )]))
        .unwrap();
        let late = with_files("late@x.si", vec![("b.png", PNG.to_vec())]);
        assert!(matches!(
            take(&app, "ana@kovinar.si", &to, &late, 24),
            Err(Refusal::Incident(_))
        ));
        assert_eq!(app.store.db().object_keys(), keys);
    }
}
