//! Replies by email: an email to an incident's signed reply address becomes
//! the contact's message on the incident, through the same path as a
//! portal message (which reopens the callback after three failed calls).
//! Only an active contact of the incident's organisation may write, and only
//! while that organisation is active; anything else is refused with a
//! reason the Worker logs and gives the sender's mail server.

use super::{App, AppError, CustomerPrincipal, Job, Reply};
use crate::app::IncidentsError;
use crate::domain::email::Email;
use crate::domain::entropy::Entropy;
use crate::domain::inbound::{
    admit_sender, DecodedEmail, InboundEmail, InboundError, Sender, SenderRefusal, MAX_REPLY_CHARS,
};
use crate::domain::reply::ReplyAddressError;
use crate::domain::text::Text;
use crate::domain::time::Instant;
use crate::store::{self, Database};

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
        let email = match decoded.and_then(|decoded| InboundEmail::read(&decoded)) {
            Ok(email) => email,
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
        let principal = CustomerPrincipal { customer, contact };
        let text: String = email.text.chars().take(MAX_REPLY_CHARS).collect();
        let Ok(body) = Text::parse_multiline(&text, MAX_REPLY_CHARS) else {
            return Ok(Err(Refusal::Unreadable(InboundError::NoText)));
        };
        let reply = Reply {
            body,
            phone: None,
            preferred_times: None,
        };
        let added = self
            .customer_message_with(&principal, incident, reply, now, entropy, |message| {
                vec![store::insert_inbound_email(
                    &email.message_id,
                    &incident_id,
                    message,
                    sender.as_str(),
                    now,
                )]
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
}
