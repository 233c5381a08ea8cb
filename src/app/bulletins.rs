//! Publishing news bulletins and sending them in resumable batches, and
//! one-click unsubscription.
//!
//! Publishing writes the bulletin and its recipients (the subscribed active
//! contacts at that moment) in one batch and enqueues a job. Each run of the
//! job takes the next [`BATCH`] pending recipients and, in one batch, claims
//! them, writes their outbox rows and unsubscribe tokens, then enqueues
//! their emails and the next run. A run that crashes before its batch
//! commits took nobody (the queue retries it); one that crashes after left
//! its emails in the outbox, which the sweep sends; two runs of the same job
//! cannot both take a recipient, as only pending ones are claimed.

use serde_json::{Map, Value};

use super::{App, AppError, Caller, Job, StaffIdentity};
use crate::domain::bulletin::{email_bodies, unsubscribe_headers, Bulletin};
use crate::domain::entropy::Entropy;
use crate::domain::field::FieldErrors;
use crate::domain::time::Instant;
use crate::domain::token::Token;
use crate::store::{self, BulletinSummary, Database, RecipientEmail};

/// Recipients a job's run takes: a few statements, far inside D1's limits.
pub const BATCH: usize = 50;

/// The bulletins the staff's list (API and desk) and `/news` show.
pub const BULLETINS_SHOWN: i64 = 100;

/// A bulletin to publish, from the API's body or the desk's form: its
/// English `subject` and `body` and its Slovenian `subject_sl` and
/// `body_sl` (without them, the one text in both languages), each wrong
/// one named.
pub fn parse(object: &Map<String, Value>) -> Result<Bulletin, FieldErrors> {
    let text = |name: &str| object.get(name).and_then(Value::as_str);
    Bulletin::parse_in_both(
        text("subject"),
        text("body"),
        text("subject_sl"),
        text("body_sl"),
    )
}

/// A bulletin just published.
#[derive(Debug)]
pub struct Published {
    pub id: String,
    pub recipients: u64,
    pub jobs: Vec<Job>,
}

impl<D: Database> App<D> {
    pub async fn publish_bulletin(
        &self,
        bulletin: &Bulletin,
        by: &str,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Published, AppError> {
        let id = entropy.id("bul");
        let changed = self
            .store
            .write(vec![
                store::insert_bulletin(&id, bulletin, by, now),
                store::snapshot_recipients(&id),
            ])
            .await?;
        Ok(Published {
            recipients: changed.get(1).copied().unwrap_or(0),
            jobs: vec![Job::SendBulletin {
                bulletin_id: id.clone(),
            }],
            id,
        })
    }

    pub async fn bulletins(&self, limit: i64) -> Result<Vec<BulletinSummary>, AppError> {
        Ok(self.store.bulletins(limit).await?)
    }

    /// One published bulletin, for anyone to read.
    pub async fn bulletin(&self, id: &str) -> Result<crate::store::BulletinRecord, AppError> {
        self.store.bulletin(id).await?.ok_or(AppError::NotFound)
    }

    /// The bulletins as staff see them, read with who asks in one round trip.
    pub async fn bulletins_as(
        &self,
        caller: &Caller,
        limit: i64,
    ) -> Result<(StaffIdentity, Vec<BulletinSummary>), AppError> {
        let (principal, bulletins) = self.read_as(caller, store::bulletins(limit)).await?;
        Ok((principal.staff()?, bulletins))
    }

    /// One run of a bulletin's job: the next recipients' emails, and the
    /// jobs that deliver them and continue.
    pub async fn send_bulletin_batch(
        &self,
        bulletin_id: &str,
        now: Instant,
        seed: [u8; 32],
    ) -> Result<Vec<Job>, AppError> {
        let Some(record) = self.store.bulletin(bulletin_id).await? else {
            return Ok(Vec::new());
        };
        let recipients = self
            .store
            .pending_recipients(bulletin_id, BATCH as i64)
            .await?;
        if recipients.is_empty() {
            return Ok(Vec::new());
        }
        let bulletin = record.bulletin();
        let mut entropy = Entropy::new(seed);
        let run_id = entropy.id("run");
        let (subscribed, unsubscribed): (Vec<_>, Vec<_>) =
            recipients.iter().partition(|r| r.subscribed);
        let emails: Vec<RecipientEmail> = subscribed
            .iter()
            .map(|recipient| {
                let token = Token::generate(&mut entropy);
                let url = format!(
                    "{}/unsubscribe?token={}",
                    self.config.public_base_url,
                    token.as_str()
                );
                let (text, html) = email_bodies(&bulletin, recipient.language, &url);
                let headers: serde_json::Map<String, serde_json::Value> = unsubscribe_headers(&url)
                    .into_iter()
                    .map(|(name, value)| (name, value.into()))
                    .collect();
                RecipientEmail {
                    outbox_id: format!("obx_{bulletin_id}_{}", recipient.contact_id),
                    contact_id: recipient.contact_id.clone(),
                    to: recipient.email.clone(),
                    subject: bulletin.subject_in(recipient.language).to_owned(),
                    text,
                    html,
                    headers: headers.into(),
                    token_hash: token.hash(),
                }
            })
            .collect();
        let skipped: Vec<String> = unsubscribed.iter().map(|r| r.contact_id.clone()).collect();
        let mut statements = vec![
            store::skip_recipients(bulletin_id, &skipped),
            store::claim_recipients(bulletin_id, &run_id, &emails),
        ];
        statements.extend(store::write_claimed_emails(
            bulletin_id,
            &run_id,
            &emails,
            now,
        ));
        let changed = self.store.write(statements).await?;
        let (skipped, claimed) = (changed[0], changed[1]);
        if skipped + claimed == 0 {
            // Another run took these recipients; it continues the job.
            return Ok(Vec::new());
        }
        let mut jobs: Vec<Job> = emails
            .into_iter()
            .map(|email| Job::DeliverEmail {
                outbox_id: email.outbox_id,
            })
            .collect();
        if recipients.len() == BATCH {
            jobs.push(Job::SendBulletin {
                bulletin_id: bulletin_id.to_owned(),
            });
        }
        Ok(jobs)
    }

    /// A contact subscribes to bulletins (its consent dated now) or
    /// unsubscribes; repeating either changes nothing.
    pub async fn set_subscription(
        &self,
        contact_id: &str,
        subscribed: bool,
        now: Instant,
    ) -> Result<(), AppError> {
        let statement = if subscribed {
            store::subscribe(contact_id, now)
        } else {
            store::unsubscribe(contact_id)
        };
        self.store.write(vec![statement]).await?;
        Ok(())
    }

    /// Unsubscribes the contact an unsubscribe link was issued to; `false`
    /// when the link is unknown. Repeating it changes nothing.
    pub async fn unsubscribe(&self, token: &Token) -> Result<bool, AppError> {
        let Some(contact_id) = self.store.unsubscribe_contact(token.hash()).await? else {
            return Ok(false);
        };
        self.store
            .write(vec![store::unsubscribe(&contact_id)])
            .await?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::{app, customer, entropy, now, run};
    use crate::store::sqlite::Sqlite;

    fn news() -> Bulletin {
        Bulletin::parse(Some("Version 9"), Some("It is out.\n\n- faster\n- smaller")).unwrap()
    }

    /// An active contact who subscribed, its id.
    fn subscriber(app: &App<Sqlite>, email: &str, seed: u8) -> String {
        let principal = customer(app, email, seed);
        run(app
            .store
            .write(vec![store::subscribe(&principal.contact.id, now())]))
        .unwrap();
        assert!(run(app.store.subscribed(&principal.contact.id)).unwrap());
        principal.contact.id.to_string()
    }

    /// Runs a bulletin's jobs as the queue would, `runs` times each, and
    /// returns the outbox ids enqueued for delivery.
    fn run_jobs(app: &App<Sqlite>, mut jobs: Vec<Job>, runs: usize) -> Vec<String> {
        let mut delivered = Vec::new();
        let mut seed = 0u8;
        while let Some(job) = jobs.pop() {
            match job {
                Job::SendBulletin { bulletin_id } => {
                    for _ in 0..runs {
                        seed = seed.wrapping_add(1);
                        jobs.extend(
                            run(app.send_bulletin_batch(&bulletin_id, now(), [seed; 32])).unwrap(),
                        );
                    }
                }
                Job::DeliverEmail { outbox_id } => delivered.push(outbox_id),
                Job::IncidentTimer { .. } | Job::CheckVat { .. } => {}
            }
        }
        delivered.sort();
        delivered
    }

    fn recipients_of(app: &App<Sqlite>, bulletin: &str) -> Vec<String> {
        let mut to: Vec<String> = run(app.store.outbox_messages(None, 1000))
            .unwrap()
            .into_iter()
            .filter(|m| m.id.starts_with(&format!("obx_{bulletin}_")))
            .map(|m| m.to)
            .collect();
        to.sort();
        to
    }

    #[test]
    fn a_bulletin_goes_once_to_each_subscriber_even_when_its_job_runs_twice() {
        let app = app();
        subscriber(&app, "ana@kovinar.si", 1);
        subscriber(&app, "bor@lesnina.si", 2);
        let published =
            run(app.publish_bulletin(&news(), "admin@spica.test", now(), &mut entropy(9))).unwrap();
        assert_eq!(published.recipients, 2);
        let delivered = run_jobs(&app, published.jobs, 2);
        assert_eq!(delivered.len(), 2, "{delivered:?}");
        assert_eq!(
            recipients_of(&app, &published.id),
            ["ana@kovinar.si", "bor@lesnina.si"]
        );
        let message = run(app.store.outbox_message(&delivered[0]))
            .unwrap()
            .unwrap();
        assert!(message.html.unwrap().contains("<li>faster</li>"));
        assert!(message
            .headers
            .unwrap()
            .contains("List-Unsubscribe=One-Click"));
        let summary = &run(app.bulletins(10)).unwrap()[0];
        assert_eq!((summary.recipients, summary.pending), (2, 0));
    }

    #[test]
    fn each_subscriber_is_sent_the_bulletin_in_their_own_language() {
        let app = app();
        subscriber(&app, "ana@kovinar.si", 1);
        let bor = subscriber(&app, "bor@lesnina.si", 2);
        run(app.store.write(vec![store::Statement::new(
            "UPDATE contacts SET language = ?2 WHERE id = ?1",
            vec![bor.as_str().into(), "en".into()],
        )]))
        .unwrap();
        run(app.store.write(vec![store::Statement::new(
            "UPDATE contacts SET language = 'sl' WHERE email = 'ana@kovinar.si'",
            vec![],
        )]))
        .unwrap();
        let bulletin = Bulletin::parse_in_both(
            Some("Version 9"),
            Some("It is out."),
            Some("Različica 9"),
            Some("Izšla je."),
        )
        .unwrap();
        let published =
            run(app.publish_bulletin(&bulletin, "admin@spica.test", now(), &mut entropy(9)))
                .unwrap();
        run_jobs(&app, published.jobs, 1);
        let sent = run(app.store.outbox_messages(None, 100)).unwrap();
        let to = |address: &str| {
            let message = sent.iter().find(|m| m.to == address).unwrap();
            run(app.store.outbox_message(&message.id)).unwrap().unwrap()
        };
        let (ana, bor) = (to("ana@kovinar.si"), to("bor@lesnina.si"));
        assert_eq!(
            (ana.subject.as_str(), bor.subject.as_str()),
            ("Različica 9", "Version 9")
        );
        assert!(ana.text.starts_with("Izšla je.") && ana.text.contains("Za odjavo odprite"));
        assert!(bor.text.starts_with("It is out.") && bor.text.contains("To unsubscribe"));
        let record = run(app.bulletin(&published.id)).unwrap();
        assert_eq!(
            record.subject_in(crate::domain::language::Language::Sl),
            "Različica 9"
        );
        assert_eq!(
            record.body_in(crate::domain::language::Language::En),
            "It is out."
        );
    }

    #[test]
    fn a_contact_who_joins_after_publication_is_not_sent_that_bulletin() {
        let app = app();
        subscriber(&app, "ana@kovinar.si", 1);
        let published =
            run(app.publish_bulletin(&news(), "admin@spica.test", now(), &mut entropy(9))).unwrap();
        subscriber(&app, "late@lesnina.si", 2);
        run_jobs(&app, published.jobs, 1);
        assert_eq!(recipients_of(&app, &published.id), ["ana@kovinar.si"]);
    }

    #[test]
    fn an_unsubscribed_contact_is_not_sent_the_next_bulletin_nor_one_in_progress() {
        let app = app();
        subscriber(&app, "ana@kovinar.si", 1);
        let bor = subscriber(&app, "bor@lesnina.si", 2);
        let first =
            run(app.publish_bulletin(&news(), "admin@spica.test", now(), &mut entropy(9))).unwrap();
        // Bor unsubscribes before the first bulletin's job runs.
        run(app.store.write(vec![store::unsubscribe(&bor)])).unwrap();
        run_jobs(&app, first.jobs, 1);
        assert_eq!(recipients_of(&app, &first.id), ["ana@kovinar.si"]);
        let second =
            run(app.publish_bulletin(&news(), "admin@spica.test", now(), &mut entropy(10)))
                .unwrap();
        assert_eq!(second.recipients, 1);
    }

    #[test]
    fn recipients_beyond_one_batch_are_sent_by_the_next_run() {
        let app = app();
        for n in 0..(BATCH + 3) {
            subscriber(&app, &format!("c{n}@firma.si"), n as u8);
        }
        let published =
            run(app.publish_bulletin(&news(), "admin@spica.test", now(), &mut entropy(200)))
                .unwrap();
        let delivered = run_jobs(&app, published.jobs, 1);
        assert_eq!(delivered.len(), BATCH + 3);
        assert_eq!(recipients_of(&app, &published.id).len(), BATCH + 3);
    }

    #[test]
    fn the_link_in_a_bulletin_unsubscribes_its_contact() {
        let app = app();
        let ana = subscriber(&app, "ana@kovinar.si", 1);
        let published =
            run(app.publish_bulletin(&news(), "admin@spica.test", now(), &mut entropy(9))).unwrap();
        let delivered = run_jobs(&app, published.jobs, 1);
        let text = run(app.store.outbox_text_at_rest(&delivered[0]))
            .unwrap()
            .unwrap();
        let start = text.find("unsubscribe?token=").unwrap() + "unsubscribe?token=".len();
        let token = Token::parse(&text[start..start + 43]).unwrap();
        assert!(run(app.unsubscribe(&token)).unwrap());
        assert!(!run(app.store.subscribed(&ana)).unwrap());
        let stranger = Token::generate(&mut entropy(77));
        assert!(!run(app.unsubscribe(&stranger)).unwrap());
    }
}
