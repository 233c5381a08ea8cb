//! Personal data: how long each kind is kept (the retention sweep removes
//! it when its period ends, and the privacy page lists the same periods, so
//! the page cannot say what the code does not do).

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;
use serde_json::Map;

use super::{link_withheld, AccessError, App, AppError, Caller, CustomerPrincipal, Download, Job};
use crate::domain::attachment;
use crate::domain::entropy::Entropy;
use crate::domain::notification::{self, LinkKind};
use crate::domain::time::{format, Instant};
use crate::domain::token::{Token, TokenError};
use crate::store::{self, Database};

/// Expired links, access tokens and browser sessions are kept this long
/// after they expire, so that a late click is told "expired", not "unknown".
pub const EXPIRED_GRACE: chrono::Duration = chrono::Duration::days(1);

/// Rate-limit counts are per minute; an hour later they limit nothing.
pub const RATE_COUNTER_KEEP: chrono::Duration = chrono::Duration::hours(1);
/// How long a staff member's or partner's `Idempotency-Key` is remembered:
/// a retry of the same request within it gets the first answer (as Stripe
/// keeps keys for 24 hours); after it the key is a new request.
pub const IDEMPOTENCY_KEY_KEEP: chrono::Duration = chrono::Duration::hours(24);

/// How long an emailed erasure link may be confirmed.
pub const ERASURE_LINK_LIFETIME: chrono::Duration = chrono::Duration::hours(24);

/// The periods that are settings (`RETENTION_EMAIL_BODY_DAYS`,
/// `RETENTION_UNCONFIRMED_DAYS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// Days a settled email's body is kept; its row (to whom, when, which
    /// subject) stays, as the record that it was sent.
    pub email_body_days: i64,
    /// Days a registration waits for its email to be confirmed.
    pub unconfirmed_days: i64,
}

impl Default for Retention {
    fn default() -> Self {
        Self {
            email_body_days: 90,
            unconfirmed_days: 30,
        }
    }
}

/// One line of the privacy page: what is kept (and so why), and for how
/// long; the page says each in its reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// The organisation and the contact: while the account is in use.
    Account,
    /// A registration never confirmed: `days` after it, then deleted.
    Unconfirmed { days: i64 },
    /// The text of emails sent: `days` after sending.
    EmailText { days: i64 },
    /// Links, tokens and sessions: until they expire, then `days`.
    Links { days: i64 },
    /// Rate-limit counts and when links were asked for: `hours`.
    Counts { hours: i64 },
    /// The one-click unsubscribe link: `days` after sending, as the text.
    Unsubscribe { days: i64 },
    /// Orders, payments, the ledger and invoices: `years` (the law's).
    Records { years: i64 },
}

impl Retention {
    /// The accepted range of a period setting, in days.
    pub const DAYS: std::ops::RangeInclusive<i64> = 1..=3650;

    /// What the portal keeps, as the privacy page shows it: each period is
    /// the one [`App::sweep_retention`] applies.
    pub fn kept(&self) -> Vec<Kept> {
        vec![
            Kept::Account,
            Kept::Unconfirmed {
                days: self.unconfirmed_days,
            },
            Kept::EmailText {
                days: self.email_body_days,
            },
            Kept::Links {
                days: EXPIRED_GRACE.num_days(),
            },
            Kept::Counts {
                hours: RATE_COUNTER_KEEP.num_hours(),
            },
            Kept::Unsubscribe {
                days: self.email_body_days,
            },
            Kept::Records { years: 10 },
        ]
    }
}

/// Everything the portal holds about a contact and its organisation, and
/// the day it was read.
#[derive(Debug, Clone)]
pub struct Export {
    pub principal: CustomerPrincipal,
    pub document: PersonalData,
    pub day: chrono::NaiveDate,
}

/// The export's one JSON document: who, when, and each part of
/// [`store::EXPORTED`] by its name, as rows of its columns.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct PersonalData {
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub exported_at: String,
    /// The contact who asked for it.
    pub contact_id: String,
    /// The contact's organisation.
    pub customer_id: String,
    /// Each table of what is held (`organisation`, `contacts`, `orders`,
    /// `emails`, …), by its name: its rows, each an object of its columns
    /// (text, whole numbers or null), as the database holds them.
    #[serde(flatten)]
    pub parts: BTreeMap<String, Vec<Map<String, serde_json::Value>>>,
}

impl Export {
    /// The document as the file the contact saves, named by its day: the
    /// API's answer and the portal's download alike.
    pub fn file(&self) -> Download {
        Download {
            media_type: "application/json",
            file_name: format!("spica-personal-data-{}.json", self.day),
            body: serde_json::to_vec(&self.document).unwrap_or_else(|_| b"{}".to_vec()),
        }
    }
}

impl<D: Database> App<D> {
    /// The calling contact's export, read with the caller in one batch.
    pub async fn export(&self, caller: &Caller, now: Instant) -> Result<Export, AppError> {
        let (principal, document) = self
            .read_as(caller, store::export_of(&caller.customer_scope()))
            .await?;
        let principal = principal.customer()?;
        let document = PersonalData {
            exported_at: format(now),
            contact_id: principal.contact.id.as_str().to_owned(),
            customer_id: principal.customer.id.as_str().to_owned(),
            parts: document
                .into_iter()
                .map(|(name, rows)| {
                    let rows = match rows {
                        serde_json::Value::Array(rows) => rows
                            .into_iter()
                            .filter_map(|row| match row {
                                serde_json::Value::Object(columns) => Some(columns),
                                _ => None,
                            })
                            .collect(),
                        _ => Vec::new(),
                    };
                    (name, rows)
                })
                .collect(),
        };
        Ok(Export {
            principal,
            document,
            day: now.date_naive(),
        })
    }

    /// Removes, in one batch of set-based statements, what has served its
    /// purpose: expired tokens, sessions, invitations and address-change
    /// links, old rate counts and link requests, idempotency keys past a
    /// day, the bodies of settled emails and the unsubscribe links of
    /// emails past their period, and registrations never confirmed that
    /// nothing refers to.
    pub async fn sweep_retention(&self, now: Instant) -> Result<(), AppError> {
        let retention = self.config.retention;
        // Files of incidents closed long ago: their objects first, then
        // their rows, so a failure leaves a row to try again, never an
        // object nobody can find.
        let expired = self
            .store
            .fetch(store::attachments_past_retention(
                now - chrono::Duration::days(ATTACHMENT_RETENTION_DAYS),
                ATTACHMENTS_PER_SWEEP,
            ))
            .await?;
        self.delete_attachments(expired).await?;
        self.store
            .write(store::retention_sweep(&store::RetentionCutoffs {
                now,
                expired: now - EXPIRED_GRACE,
                rate_counters: now - RATE_COUNTER_KEEP,
                email_bodies: now - chrono::Duration::days(retention.email_body_days),
                unconfirmed: now - chrono::Duration::days(retention.unconfirmed_days),
                idempotency_keys: now - IDEMPOTENCY_KEY_KEEP,
            }))
            .await?;
        // Last, so that an object store that cannot list holds up nothing else.
        self.sweep_orphan_objects(now).await
    }
}

/// How long the files of a closed incident are kept: a year after it
/// closed (a recurring fault is compared with the last one).
pub const ATTACHMENT_RETENTION_DAYS: i64 = 365;
/// Files removed per sweep at most (each is an object store call).
const ATTACHMENTS_PER_SWEEP: i64 = 200;

/// Listings of the object store one sweep makes at most (1,000 keys each).
const ORPHAN_PAGES_PER_SWEEP: usize = 10;

impl<D: Database> App<D> {
    /// Removes objects whose attachment row never came (the upload's or the
    /// emailed reply's batch failed after its object was written, and nobody
    /// tried again), a day after they were stored: one part of the store a
    /// run ([`attachment::orphan_sweep_prefix`]).
    async fn sweep_orphan_objects(&self, now: Instant) -> Result<(), AppError> {
        let prefix = attachment::orphan_sweep_prefix(now);
        let grace = now - chrono::Duration::hours(attachment::ORPHAN_GRACE_HOURS);
        let mut cursor = None;
        for _ in 0..ORPHAN_PAGES_PER_SWEEP {
            let page = self.store.db().list_objects(&prefix, cursor).await?;
            let old: Vec<String> = page
                .objects
                .into_iter()
                .filter(|(_, stored)| *stored < grace)
                .map(|(key, _)| key)
                .collect();
            if !old.is_empty() {
                let known: HashSet<String> = self
                    .store
                    .read(store::known_object_keys(&old))
                    .await?
                    .into_iter()
                    .flatten()
                    .collect();
                for key in old.iter().filter(|key| !known.contains(*key)) {
                    self.store.db().delete_object(key).await?;
                }
            }
            cursor = page.cursor;
            if cursor.is_none() {
                break;
            }
        }
        Ok(())
    }

    /// Removes attachments: their objects, then their rows in one batch.
    async fn delete_attachments(
        &self,
        files: Vec<store::AttachmentRecord>,
    ) -> Result<(), AppError> {
        if files.is_empty() {
            return Ok(());
        }
        for file in &files {
            self.store.db().delete_object(&file.object_key).await?;
        }
        let ids: Vec<String> = files.into_iter().map(|file| file.id).collect();
        self.store.write(store::delete_attachments(&ids)).await?;
        Ok(())
    }
}

/// A new pseudonymous address: `.invalid` (RFC 2606) receives nothing, and
/// the random part keeps it unique among contacts.
fn pseudonym(entropy: &mut Entropy) -> String {
    format!("erased-{}@erased.invalid", entropy.id("e").to_lowercase())
}

impl<D: Database> App<D> {
    /// A contact asks to be erased: a link valid for
    /// [`ERASURE_LINK_LIFETIME`] goes to their address, in the batch that
    /// keeps its hash (a newer request replaces the older link). Returns the
    /// link's expiry. At most [`notification::LINKS_PER_HOUR`] erasure links
    /// an hour go to one address (other emails do not count), so that the
    /// button cannot flood a mailbox: beyond, nothing is sent and the
    /// refusal says when the last went and when to ask again.
    pub async fn request_erasure(
        &self,
        caller: &Caller,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(Instant, Vec<Job>), AppError> {
        let kind = LinkKind::Erasure;
        let (principal, requested) = self
            .read_as(
                caller,
                store::link_requests_to_contact(&caller.contact_scope(), kind, now),
            )
            .await?;
        let principal = principal.customer()?;
        notification::link_quota(&requested, now).map_err(|w| link_withheld(w, now))?;
        let contact = &principal.contact;
        let token = Token::generate(entropy);
        let expires_at = now + ERASURE_LINK_LIFETIME;
        let message = notification::confirm_erasure(
            contact.recipient(),
            &contact.name,
            &self.config.public_base_url,
            token.as_str(),
            expires_at,
        );
        let outbox_id = entropy.id("msg");
        let written = self
            .store
            .write(vec![
                store::record_link_request(&entropy.id("lrq"), &contact.email, kind, now),
                store::request_erasure(&contact.id, token.hash(), expires_at),
                store::insert_message(&outbox_id, &message, now),
            ])
            .await;
        match written {
            Err(error) if store::is_link_quota_full(&error) => Err(link_withheld(
                notification::raced_link_quota(&requested, now),
                now,
            )),
            Err(error) => Err(error.into()),
            Ok(_) => Ok((expires_at, vec![Job::DeliverEmail { outbox_id }])),
        }
    }

    /// The erasure link's button: erases the contact it was sent to, once;
    /// the batch forgets the link, so a second click finds none.
    pub async fn confirm_erasure(
        &self,
        link: &Token,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(), AppError> {
        let unknown = AppError::Access(AccessError::Token(TokenError::Unknown));
        let (erasure, files) = self
            .store
            .read((
                store::contact_by_erasure_link(link.hash()),
                store::attachments_of_erasure_link(link.hash()),
            ))
            .await?;
        let erasure = erasure.ok_or(unknown)?;
        if erasure.expires_at <= now {
            return Err(AppError::Access(AccessError::Token(TokenError::Expired)));
        }
        let contact_id = erasure.contact_id;
        // The files they attached are theirs: objects first, then every row
        // in the erasure's batch.
        for file in &files {
            self.store.db().delete_object(&file.object_key).await?;
        }
        let ids: Vec<String> = files.into_iter().map(|file| file.id).collect();
        let mut batch = store::erase_contact(&contact_id, &pseudonym(entropy), &contact_id, now);
        batch.extend(store::delete_attachments(&ids));
        self.store.write(batch).await?;
        Ok(())
    }

    /// Staff erase a contact (of any organisation). A contact erased already
    /// answers the same, and nothing is written (not even an audit row).
    pub async fn erase_contact(
        &self,
        caller: &Caller,
        contact_id: &str,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(), AppError> {
        let (principal, (erased, files)) = self
            .read_as(
                caller,
                (
                    store::erasure_target(contact_id),
                    store::attachments_uploaded_by(contact_id),
                ),
            )
            .await?;
        let staff = principal.staff()?;
        if erased.ok_or(AppError::NotFound)? {
            return Ok(());
        }
        for file in &files {
            self.store.db().delete_object(&file.object_key).await?;
        }
        let ids: Vec<String> = files.into_iter().map(|file| file.id).collect();
        let mut batch = store::erase_contact(
            contact_id,
            &pseudonym(entropy),
            &format!("staff:{}", staff.id),
            now,
        );
        batch.extend(store::delete_attachments(&ids));
        self.store.write(batch).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::registration::tests::registration;
    use super::super::testing::{app, customer, entropy, now, run, staff_member};
    use super::*;
    use crate::app::{EmailRequest, MailSender, SendFailure};
    use crate::domain::notification::RetrySchedule;
    use crate::store::{sqlite::Sqlite, Statement, Value};

    /// An email service that accepts every message.
    struct Accepting;

    impl MailSender for Accepting {
        async fn send(&self, _email: &EmailRequest) -> Result<String, SendFailure> {
            Ok("prov_1".into())
        }

        fn drops_repeats(&self) -> bool {
            true
        }
    }

    fn count(app: &App<Sqlite>, sql: &'static str, param: &str) -> i64 {
        run(app.store.query(Statement::new(sql, vec![param.into()]))).unwrap()[0]
            .integer("n")
            .unwrap()
    }

    /// A test application whose SQLite enforces foreign keys, as D1 does,
    /// so that a deletion in the wrong order fails here too.
    fn app_with_foreign_keys() -> App<Sqlite> {
        let app = app();
        run(app
            .store
            .query(Statement::new("PRAGMA foreign_keys = ON", vec![])))
        .unwrap();
        let on = run(app
            .store
            .query(Statement::new("PRAGMA foreign_keys", vec![])))
        .unwrap();
        assert_eq!(on[0].integer("foreign_keys").unwrap(), 1);
        app
    }

    fn days(n: i64) -> chrono::Duration {
        chrono::Duration::days(n)
    }

    fn deliver_all(app: &App<Sqlite>, at: Instant) {
        let rows = run(app.store.query(Statement::new(
            "SELECT id FROM outbox WHERE status = 'pending'",
            vec![],
        )))
        .unwrap();
        for row in rows {
            let id = row.text("id").unwrap();
            run(app.deliver_email(&id, Some(&Accepting), &RetrySchedule::default(), at)).unwrap();
        }
    }

    /// An object whose row never came goes a day after it was stored, when
    /// the sweep walks its part of the store; a file with its row stays.
    #[test]
    fn an_object_without_its_row_is_swept_a_day_after_it_was_stored() {
        let app = app();
        let ana = customer(&app, "ana@kovinar.si", 1);
        let incident = incident_of(&app, &ana, 2);
        let file = crate::domain::attachment::accept("log.txt", b"line\n").unwrap();
        run(app.attach_as_customer(
            &as_caller(&ana),
            &incident,
            &file,
            b"line\n",
            now(),
            &mut entropy(3),
        ))
        .unwrap();
        let orphan = attachment::object_key(incident.as_str(), "att_ORPHAN");
        run(crate::store::Blobs::put_object(
            app.store.db(),
            &orphan,
            b"half an upload",
            "text/plain",
        ))
        .unwrap();
        let stored = crate::domain::time::from_unix_millis(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_millis() as i64,
        )
        .unwrap();
        // The first run from `after` that walks this incident's part.
        let walking = |after: Instant| {
            (0..32)
                .map(|run| after + chrono::Duration::minutes(10 * run))
                .find(|at| orphan.starts_with(&attachment::orphan_sweep_prefix(*at)))
                .unwrap()
        };
        run(app.sweep_retention(walking(stored))).unwrap();
        assert_eq!(app.store.db().object_keys().len(), 2, "within the day");

        run(app.sweep_retention(walking(stored + days(2)) - chrono::Duration::minutes(10)))
            .unwrap();
        assert_eq!(
            app.store.db().object_keys().len(),
            2,
            "another part of the store was walked"
        );

        run(app.sweep_retention(walking(stored + days(2)))).unwrap();
        let keys = app.store.db().object_keys();
        assert_eq!(keys.len(), 1, "{keys:?}");
        assert_ne!(keys[0], orphan);
        assert_eq!(
            run(app.my_attachment(
                &as_caller(&ana),
                incident.as_str(),
                keys[0].rsplit('/').next().unwrap()
            ))
            .map(|d| d.body)
            .ok(),
            Some(b"line\n".to_vec())
        );
    }

    /// A closed incident's files go a year after it closed: the objects in
    /// the object store and the rows; an open incident's stay.
    #[test]
    fn the_files_of_an_incident_closed_a_year_ago_are_swept_with_their_objects() {
        let app = app();
        let ana = customer(&app, "ana@kovinar.si", 1);
        let closed = incident_of(&app, &ana, 2);
        let open = incident_of(&app, &ana, 3);
        let file = crate::domain::attachment::accept("log.txt", b"line\n").unwrap();
        for (incident, seed) in [(&closed, 4), (&open, 5)] {
            run(app.attach_as_customer(
                &as_caller(&ana),
                incident,
                &file,
                b"line\n",
                now(),
                &mut entropy(seed),
            ))
            .unwrap();
        }
        run(app.store.write(vec![Statement::new(
            "UPDATE incidents SET status = 'closed', closed_at = ?2 WHERE id = ?1",
            vec![
                closed.as_str().into(),
                crate::domain::time::format(now()).into(),
            ],
        )]))
        .unwrap();
        let files = "SELECT COUNT(*) AS n FROM attachments WHERE incident_id = ?1";
        run(app.sweep_retention(now() + days(ATTACHMENT_RETENTION_DAYS) - days(1))).unwrap();
        assert_eq!(count(&app, files, &closed), 1, "kept within the year");
        assert_eq!(app.store.db().object_keys().len(), 2);

        run(app.sweep_retention(now() + days(ATTACHMENT_RETENTION_DAYS) + days(1))).unwrap();
        assert_eq!(count(&app, files, &closed), 0);
        assert_eq!(
            count(&app, files, &open),
            1,
            "an open incident's file stays"
        );
        let keys = app.store.db().object_keys();
        assert_eq!(keys.len(), 1, "{keys:?}");
        assert!(
            keys[0].starts_with(&format!("incidents/{open}/")),
            "{keys:?}"
        );
    }

    #[test]
    fn an_unconfirmed_registration_goes_after_its_period_and_a_confirmed_one_stays() {
        let app = app_with_foreign_keys();
        let kept = customer(&app, "kept@kovinar.si", 1);
        let stale = run(app.register(
            registration("late@kovinar.si", "TS-LATE"),
            now(),
            &mut entropy(2),
        ))
        .unwrap();
        deliver_all(&app, now());
        let kept_mail = "SELECT COUNT(*) AS n FROM outbox WHERE to_address = ?1";
        let kept_before = count(&app, kept_mail, "kept@kovinar.si");
        let period = days(Retention::default().unconfirmed_days);

        run(app.sweep_retention(now() + period - days(1))).unwrap();
        let customers = "SELECT COUNT(*) AS n FROM customers WHERE id = ?1";
        assert_eq!(count(&app, customers, stale.customer_id.as_str()), 1);

        run(app.sweep_retention(now() + period + days(1))).unwrap();
        assert_eq!(count(&app, customers, stale.customer_id.as_str()), 0);
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) AS n FROM contacts WHERE email = ?1",
                "late@kovinar.si"
            ),
            0
        );
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) AS n FROM outbox WHERE to_address = ?1",
                "late@kovinar.si"
            ),
            0
        );
        assert_eq!(count(&app, customers, kept.contact.customer_id.as_str()), 1);
        assert_eq!(count(&app, kept_mail, "kept@kovinar.si"), kept_before);
        // A replay changes nothing.
        run(app.sweep_retention(now() + period + days(1))).unwrap();
        assert_eq!(count(&app, customers, kept.contact.customer_id.as_str()), 1);
    }

    /// A customer opens a voice incident: the desk gets its email.
    fn incident_of(app: &App<Sqlite>, customer: &CustomerPrincipal, seed: u8) -> String {
        use crate::app::NewIncident;
        use crate::domain::{incident::Channel, phone::Phone, text::Text};
        let input = NewIncident {
            subject: Text::parse("Terminal offline", 200).unwrap(),
            description: Text::parse("Reader 3 shows no time", 200).unwrap(),
            channel: Channel::Voice,
            phone: Some(Phone::parse("+38640111222", None).unwrap().into()),
            preferred_times: None,
            serial: None,
        };
        run(app.open_incident(&as_caller(customer), input, now(), &mut entropy(seed)))
            .unwrap()
            .0
            .id
            .to_string()
    }

    /// A contact holding the vendor's desk address, as one could before
    /// such addresses were refused at registration and invitation.
    fn give_desk_address(app: &App<Sqlite>, contact_id: &str) {
        run(app.store.write(vec![Statement::new(
            "UPDATE contacts SET email = 'desk@spica.test' WHERE id = ?1",
            vec![contact_id.into()],
        )]))
        .unwrap();
    }

    fn desk_mail(app: &App<Sqlite>) -> i64 {
        count(
            app,
            "SELECT COUNT(*) AS n FROM outbox WHERE to_address = ?1 AND subject LIKE 'New support incident %'",
            "desk@spica.test",
        )
    }

    #[test]
    fn the_retention_sweep_deletes_a_stale_registrations_emails_by_recipient_never_the_desks() {
        let app = app_with_foreign_keys();
        let other = customer(&app, "bor@kovinar.si", 1);
        let stale = run(app.register(
            registration("late@kovinar.si", "TS-LATE"),
            now(),
            &mut entropy(2),
        ))
        .unwrap();
        let contact = run(app.store.contacts_of(&stale.customer_id))
            .unwrap()
            .remove(0);
        give_desk_address(&app, contact.id.as_str());
        incident_of(&app, &other, 3);
        deliver_all(&app, now());
        let desk = desk_mail(&app);
        assert!(desk > 0);
        let theirs = "SELECT COUNT(*) AS n FROM outbox WHERE contact_id = ?1";
        assert_eq!(
            count(&app, theirs, contact.id.as_str()),
            1,
            "the verification"
        );

        let period = days(Retention::default().unconfirmed_days);
        run(app.sweep_retention(now() + period + days(1))).unwrap();
        let customers = "SELECT COUNT(*) AS n FROM customers WHERE id = ?1";
        assert_eq!(count(&app, customers, stale.customer_id.as_str()), 0);
        assert_eq!(count(&app, theirs, contact.id.as_str()), 0);
        assert_eq!(desk_mail(&app), desk, "the desk's mail stays");
    }

    /// Replay protection serves a day (a retry of the same request), an
    /// unsubscribe link as long as the email that carried it keeps its text.
    #[test]
    fn the_sweep_forgets_idempotency_keys_after_a_day_and_unsubscribe_links_with_their_emails_text()
    {
        let app = app();
        let ana = customer(&app, "ana@kovinar.si", 1);
        let at = |d: chrono::Duration| crate::domain::time::format(now() + d);
        run(app.store.write(vec![
            Statement::new(
                "INSERT INTO idempotency_keys (scope, key, request_hash, response_status, response_body, created_at) \
                 VALUES ('staff:s1', 'old', 'h', 201, '{}', ?1), ('staff:s1', 'new', 'h', 201, '{}', ?2)",
                vec![at(days(0)).into(), at(days(2)).into()],
            ),
            Statement::new(
                "INSERT INTO unsubscribe_tokens (token_hash, contact_id, created_at) VALUES ('h-old', ?1, ?2), ('h-new', ?1, ?3)",
                vec![ana.contact.id.as_str().into(), at(days(0)).into(), at(days(80)).into()],
            ),
        ]))
        .unwrap();
        let keys = "SELECT COUNT(*) AS n FROM idempotency_keys WHERE key = ?1";
        let links = "SELECT COUNT(*) AS n FROM unsubscribe_tokens WHERE token_hash = ?1";
        run(app.sweep_retention(now() + days(2) + chrono::Duration::hours(23))).unwrap();
        assert_eq!((count(&app, keys, "old"), count(&app, keys, "new")), (0, 1));
        let body_days = days(Retention::default().email_body_days);
        run(app.sweep_retention(now() + body_days - chrono::Duration::hours(1))).unwrap();
        assert_eq!(count(&app, links, "h-old"), 1, "within the email's period");
        run(app.sweep_retention(now() + body_days + chrono::Duration::hours(1))).unwrap();
        assert_eq!(
            (count(&app, links, "h-old"), count(&app, links, "h-new")),
            (0, 1)
        );
    }

    #[test]
    fn a_contact_holding_the_desks_address_exports_none_of_the_desks_mail() {
        let app = app();
        let ana = customer(&app, "ana@kovinar.si", 1);
        let bor = customer(&app, "bor@kovinar.si", 2);
        let incident = incident_of(&app, &bor, 3);
        give_desk_address(&app, ana.contact.id.as_str());
        let ana = run(app.principal(ana.contact.id.as_str())).unwrap();
        incident_of(&app, &bor, 4);
        assert!(desk_mail(&app) >= 2);
        let export = run(app.export(&as_caller(&ana), now())).unwrap();
        let text = serde_json::to_string(&export.document).unwrap();
        assert!(!text.contains(&incident), "{text}");
        assert!(!text.contains("New support incident"), "{text}");
        let emails = &export.document.parts["emails"];
        assert!(!emails.is_empty(), "her own emails are there");
        assert!(emails
            .iter()
            .all(|e| e["contact_id"] == ana.contact.id.as_str()));
    }

    #[test]
    fn a_desk_change_planned_before_an_erasure_cannot_write_the_phone_back() {
        let app = app();
        let ana = customer(&app, "ana@kovinar.si", 1);
        let incident = incident_of(&app, &ana, 2);
        let read = run(app.store.incident(&incident)).unwrap().unwrap();
        assert!(read.phone.is_some());
        run(app.erase_contact(
            &staff_member(),
            ana.contact.id.as_str(),
            now(),
            &mut entropy(3),
        ))
        .unwrap();
        let stale = store::update_incident(&read, &read.callback);
        let refused = run(app.store.write(stale)).unwrap_err();
        assert!(
            refused.is_unique_violation("incident_revisions"),
            "{refused}"
        );
        let now_held = run(app.store.incident(&incident)).unwrap().unwrap();
        assert_eq!((now_held.phone, now_held.preferred_times), (None, None));
    }

    #[test]
    fn an_unconfirmed_registration_that_something_refers_to_stays() {
        let app = app_with_foreign_keys();
        let stale = run(app.register(
            registration("held@kovinar.si", "TS-HELD"),
            now(),
            &mut entropy(3),
        ))
        .unwrap();
        run(app.store.write(vec![Statement::new(
            "INSERT INTO staff_tasks (id, task_key, kind, customer_id, detail, created_at) VALUES ('tsk_x', 'k', 'coupon_debt', ?1, '{}', '2026-01-01T00:00:00.000Z')",
            vec![stale.customer_id.as_str().into()],
        )]))
        .unwrap();
        run(app.sweep_retention(now() + days(365))).unwrap();
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) AS n FROM customers WHERE id = ?1",
                stale.customer_id.as_str()
            ),
            1
        );
    }

    #[test]
    fn a_sent_emails_body_goes_after_its_period_and_its_row_stays() {
        let app = app();
        customer(&app, "ana@kovinar.si", 1);
        deliver_all(&app, now());
        let body = "SELECT COUNT(*) AS n FROM outbox WHERE to_address = ?1 AND body_text LIKE '%Ana Novak%'";
        let period = days(Retention::default().email_body_days);
        let before = count(&app, body, "ana@kovinar.si");
        assert!(before > 0);

        run(app.sweep_retention(now() + period - days(1))).unwrap();
        assert_eq!(count(&app, body, "ana@kovinar.si"), before);

        run(app.sweep_retention(now() + period + days(1))).unwrap();
        assert_eq!(count(&app, body, "ana@kovinar.si"), 0);
        let removed = "SELECT COUNT(*) AS n FROM outbox WHERE to_address = ?1 AND subject <> '' AND sent_at IS NOT NULL AND body_html IS NULL AND body_text = '[removed after its retention period]'";
        assert_eq!(count(&app, removed, "ana@kovinar.si"), before);
    }

    #[test]
    fn expired_tokens_sessions_and_old_rate_counts_go() {
        let app = app();
        let later = now() + days(30);
        run(app.store.write(vec![
            Statement::new(
                "INSERT INTO rate_counters (bucket, window_start, requests) VALUES ('a', ?1, 1), ('b', ?2, 1)",
                vec![
                    crate::domain::time::format(later - chrono::Duration::hours(2)).into(),
                    crate::domain::time::format(later).into(),
                ],
            ),
            Statement::new(
                "INSERT INTO browser_sessions (id_hash, kind, subject_id, created_at, expires_at) VALUES ('old', 'staff', 'stf_1', ?1, ?1), ('new', 'staff', 'stf_1', ?2, ?2)",
                vec![
                    crate::domain::time::format(now()).into(),
                    crate::domain::time::format(later).into(),
                ],
            ),
        ]))
        .unwrap();
        customer(&app, "ana@kovinar.si", 1);
        run(app.sweep_retention(later)).unwrap();
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) AS n FROM rate_counters WHERE bucket <> ?1",
                ""
            ),
            1
        );
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) AS n FROM browser_sessions WHERE id_hash <> ?1",
                ""
            ),
            1
        );
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) AS n FROM auth_tokens WHERE expires_at < ?1",
                &crate::domain::time::format(later - EXPIRED_GRACE)
            ),
            0
        );
    }

    /// Where an erased contact's data may stay: a column, the rows it is
    /// kept in (SQL), and why. Erasure goes by what the contact owns, so
    /// what others wrote or received about them stays.
    const KEPT: &[(&str, &str, &str, &str)] = &[
        (
            "audit_log",
            "detail",
            "true",
            "append-only record of who did what (legal obligation, legitimate interest): its triggers refuse changes",
        ),
        (
            "outbox",
            "subject",
            "kind = 'desk' AND contact_id IS NULL",
            "the vendor's own desk's mail: its record of what it was asked, never changed by a customer's erasure",
        ),
        (
            "outbox",
            "body_text",
            "kind = 'desk' AND contact_id IS NULL",
            "the same; its text goes after the retention period",
        ),
        (
            "incidents",
            "description",
            "true",
            "what the organisation asked for and was charged for: its record (the callback phone and times go)",
        ),
    ];

    /// Every column of every table that contains one of `needles`, ignoring
    /// case, in rows not [`KEPT`].
    fn traces(app: &App<Sqlite>, needles: &[&str]) -> Vec<String> {
        let query = |sql: String, params: Vec<Value>| {
            run(app.store.query(Statement::new(sql, params))).unwrap()
        };
        let tables = query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                .into(),
            vec![],
        );
        assert!(tables.len() > 30);
        let mut found = Vec::new();
        for table in tables.iter().map(|t| t.text("name").unwrap()) {
            let columns = query(
                format!("SELECT name FROM pragma_table_info('{table}')"),
                vec![],
            );
            for column in columns.iter().map(|c| c.text("name").unwrap()) {
                let kept: Vec<&str> = KEPT
                    .iter()
                    .filter(|(t, c, _, _)| *t == table && *c == column)
                    .map(|(_, _, rows, _)| *rows)
                    .collect();
                let kept = if kept.is_empty() {
                    "false".to_owned()
                } else {
                    kept.join(" OR ")
                };
                for needle in needles {
                    let sql = format!(
                        "SELECT COUNT(*) AS n FROM \"{table}\" WHERE instr(lower(CAST(\"{column}\" AS TEXT)), lower(?1)) > 0 \
                         AND NOT ({kept})"
                    );
                    if query(sql, vec![(*needle).into()])[0].integer("n").unwrap() > 0 {
                        found.push(format!("{table}.{column} holds {needle}"));
                    }
                }
            }
        }
        found
    }

    fn as_caller(customer: &CustomerPrincipal) -> Caller {
        Caller::of(
            super::super::Principal::Customer(Box::new(customer.clone())),
            now(),
        )
    }

    /// Ana opens a voice incident quoting her name and address and writes a
    /// message; she has emails, a sign-in link and an access token.
    fn ana_with_history(app: &App<Sqlite>) -> (CustomerPrincipal, String) {
        use crate::app::{NewIncident, Reply};
        use crate::domain::{incident::Channel, phone::Phone, text::Text};
        let ana = customer(app, "ana@kovinar.si", 1);
        let phone = Phone::parse(&ana.contact.phone, None).unwrap();
        let input = NewIncident {
            subject: Text::parse("Terminal offline", 200).unwrap(),
            description: Text::parse("Call Ana Novak, ana@kovinar.si", 200).unwrap(),
            channel: Channel::Voice,
            phone: Some(phone.clone().into()),
            preferred_times: None,
            serial: None,
        };
        let (incident, _) =
            run(app.open_incident(&as_caller(&ana), input, now(), &mut entropy(5))).unwrap();
        let reply = Reply {
            body: Text::parse("Still offline. Ana", 200).unwrap(),
            phone: Some(phone.into()),
            preferred_times: None,
        };
        run(app.customer_message(
            &as_caller(&ana),
            incident.id.as_str(),
            reply,
            now(),
            &mut entropy(6),
        ))
        .unwrap();
        let email = crate::domain::email::Email::parse("ana@kovinar.si").unwrap();
        run(app.request_sign_in(&email, now(), &mut entropy(7))).unwrap();
        let link = super::super::registration::tests::token_in_email(app, "ana@kovinar.si");
        let grant = run(app.redeem_sign_in(&link, now(), &mut entropy(8))).unwrap();
        (ana, grant.access_token.as_str().to_owned())
    }

    #[test]
    fn after_an_erasure_no_column_holds_the_contacts_name_email_or_phone() {
        let app = app_with_foreign_keys();
        let (ana, access) = ana_with_history(&app);
        deliver_all(&app, now());
        let (name, email, phone) = (
            ana.contact.name.clone(),
            ana.contact.email.as_str().to_owned(),
            ana.contact.phone.clone(),
        );
        let needles = [name.as_str(), email.as_str(), phone.as_str()];
        assert!(
            traces(&app, &needles).len() > 5,
            "the scan finds them before"
        );
        let balance = run(app.store.ledger_sum(ana.customer.id.as_str())).unwrap();

        // The last active contact of her organisation: erasure goes through.
        run(app.erase_contact(
            &staff_member(),
            ana.contact.id.as_str(),
            now(),
            &mut entropy(9),
        ))
        .unwrap();
        assert_eq!(traces(&app, &needles), Vec::<String>::new());
        assert_eq!(
            run(app.store.ledger_sum(ana.customer.id.as_str())).unwrap(),
            balance
        );
        assert!(run(app.authenticate(Some(&access), now())).is_err());
        let erased = "SELECT COUNT(*) AS n FROM contacts WHERE id = ?1 AND name = 'Erased contact' \
                      AND email LIKE 'erased-%@erased.invalid' AND status = 'removed' AND erased_at IS NOT NULL";
        assert_eq!(count(&app, erased, ana.contact.id.as_str()), 1);

        // Again: the same answer, nothing written.
        let before = count(
            &app,
            "SELECT total_changes() AS n FROM contacts WHERE id = ?1",
            ana.contact.id.as_str(),
        );
        run(app.erase_contact(
            &staff_member(),
            ana.contact.id.as_str(),
            now(),
            &mut entropy(10),
        ))
        .unwrap();
        let after = count(
            &app,
            "SELECT total_changes() AS n FROM contacts WHERE id = ?1",
            ana.contact.id.as_str(),
        );
        assert_eq!(before, after);
        assert_eq!(count(&app, erased, ana.contact.id.as_str()), 1);
    }

    #[test]
    fn a_contact_erases_themselves_through_the_emailed_link_once() {
        let app = app();
        let ana = customer(&app, "ana@kovinar.si", 1);
        let bor = customer(&app, "bor@kovinar.si", 2);
        let (expires_at, jobs) =
            run(app.request_erasure(&as_caller(&ana), now(), &mut entropy(20))).unwrap();
        assert_eq!(expires_at, now() + ERASURE_LINK_LIFETIME);
        assert_eq!(jobs.len(), 1);
        let link = super::super::registration::tests::token_in_email(&app, "ana@kovinar.si");
        let contact = "SELECT COUNT(*) AS n FROM contacts WHERE id = ?1 AND erased_at IS NULL";
        assert_eq!(
            count(&app, contact, ana.contact.id.as_str()),
            1,
            "asking erases nothing"
        );

        let late = run(app.confirm_erasure(&link, expires_at, &mut entropy(21)));
        assert!(matches!(
            late,
            Err(AppError::Access(AccessError::Token(TokenError::Expired)))
        ));
        run(app.confirm_erasure(&link, now(), &mut entropy(22))).unwrap();
        assert_eq!(count(&app, contact, ana.contact.id.as_str()), 0);
        let again = run(app.confirm_erasure(&link, now(), &mut entropy(23)));
        assert!(matches!(
            again,
            Err(AppError::Access(AccessError::Token(TokenError::Unknown)))
        ));
        assert_eq!(
            count(&app, contact, bor.contact.id.as_str()),
            1,
            "only hers"
        );
        let email = crate::domain::email::Email::parse("ana@kovinar.si").unwrap();
        assert!(run(app.request_sign_in(&email, now(), &mut entropy(24)))
            .unwrap()
            .is_empty());
    }

    #[test]
    fn only_staff_erase_through_the_desk_and_an_unknown_contact_is_not_found() {
        let app = app();
        let ana = customer(&app, "ana@kovinar.si", 1);
        let bor = customer(&app, "bor@kovinar.si", 2);
        let refused = run(app.erase_contact(
            &as_caller(&ana),
            bor.contact.id.as_str(),
            now(),
            &mut entropy(30),
        ));
        assert!(refused.is_err());
        let missing = run(app.erase_contact(
            &staff_member(),
            "con_00000000000000000000000000",
            now(),
            &mut entropy(31),
        ));
        assert!(matches!(missing, Err(AppError::NotFound)));
        let active = "SELECT COUNT(*) AS n FROM contacts WHERE id = ?1 AND erased_at IS NULL";
        assert_eq!(count(&app, active, bor.contact.id.as_str()), 1);
    }

    /// An email that names the contact is being sent when the erasure
    /// runs: its settling does not write the old text back.
    #[test]
    fn an_email_being_sent_during_an_erasure_does_not_bring_the_name_back() {
        let app = app();
        let ana = customer(&app, "ana@kovinar.si", 1);
        let sending =
            "SELECT id, body_text FROM outbox WHERE to_address = 'ana@kovinar.si' LIMIT 1";
        let row = run(app.store.query(Statement::new(sending, vec![])))
            .unwrap()
            .remove(0);
        let (id, text) = (row.text("id").unwrap(), row.text("body_text").unwrap());
        assert!(text.contains("Ana Novak"), "{text}");
        run(app.store.write(vec![Statement::new(
            "UPDATE outbox SET status = 'sending', attempts = 1, claimed_until = '2100-01-01T00:00:00.000Z' WHERE id = ?1",
            vec![id.as_str().into()],
        )]))
        .unwrap();
        run(app.erase_contact(
            &staff_member(),
            ana.contact.id.as_str(),
            now(),
            &mut entropy(40),
        ))
        .unwrap();
        run(app
            .store
            .write(vec![store::mark_sent(&id, 1, &text, "prov_1", now())]))
        .unwrap();
        let kept =
            "SELECT COUNT(*) AS n FROM outbox WHERE id = ?1 AND status = 'sent' AND body_text = ?2";
        let query = Statement::new(kept, vec![id.as_str().into(), store::BODY_ERASED.into()]);
        assert_eq!(
            run(app.store.query(query)).unwrap()[0]
                .integer("n")
                .unwrap(),
            1
        );
    }

    #[test]
    fn the_privacy_pages_periods_are_the_settings() {
        let retention = Retention {
            email_body_days: 45,
            unconfirmed_days: 7,
        };
        let kept = retention.kept();
        assert!(kept.contains(&Kept::EmailText { days: 45 }));
        assert!(kept.contains(&Kept::Unsubscribe { days: 45 }));
        assert!(kept.contains(&Kept::Unconfirmed { days: 7 }));
    }
}

#[cfg(test)]
mod erasure_diff;
