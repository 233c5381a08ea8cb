//! News bulletins: the bulletin, its recipients written once at publication,
//! the batches of their emails, and one-click unsubscription.

use super::{bulk_with, Database, DbError, Query, Row, Statement, Store, Value};
use crate::domain::bulletin::Bulletin;
use crate::domain::language::Language;
use crate::domain::time::{format, Instant};
use crate::domain::token::SecretHash;

/// A published bulletin: `subject` and `body` in English, `subject_sl`
/// and `body_sl` in Slovenian; [`BulletinRecord::subject_in`] and
/// [`BulletinRecord::body_in`] give a reader's version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulletinRecord {
    pub id: String,
    pub subject: String,
    pub body: String,
    pub subject_sl: String,
    pub body_sl: String,
    pub published_by: String,
    pub published_at: Instant,
}

impl BulletinRecord {
    /// The bulletin as staff wrote it, in both languages.
    pub fn bulletin(&self) -> Bulletin {
        Bulletin {
            subject: self.subject.clone(),
            body: self.body.clone(),
            subject_sl: self.subject_sl.clone(),
            body_sl: self.body_sl.clone(),
        }
    }

    /// The subject in the reader's language.
    pub fn subject_in(&self, language: Language) -> &str {
        crate::domain::bulletin::in_language(language, &self.subject, &self.subject_sl)
    }

    /// The body in the reader's language.
    pub fn body_in(&self, language: Language) -> &str {
        crate::domain::bulletin::in_language(language, &self.body, &self.body_sl)
    }
}

/// A bulletin with how its sending stands, for the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulletinSummary {
    pub bulletin: BulletinRecord,
    pub recipients: i64,
    pub sent: i64,
    /// Refused, given up, never sent (no email service) or of unknown fate.
    pub failed: i64,
    /// Not yet taken by a job (their emails not yet written).
    pub pending: i64,
}

/// A recipient whose turn has come, with whether it is still subscribed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingRecipient {
    pub contact_id: String,
    pub email: String,
    pub subscribed: bool,
    /// The language the bulletin is sent to them in.
    pub language: Language,
}

/// One recipient's email of a job's run: `(outbox id, contact id, subject,
/// text, html, headers as a JSON object, unsubscribe token's hash)`, the
/// subject and bodies in the recipient's language.
pub struct RecipientEmail {
    pub outbox_id: String,
    pub contact_id: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub headers: serde_json::Value,
    pub token_hash: SecretHash,
}

pub fn insert_bulletin(id: &str, bulletin: &Bulletin, by: &str, now: Instant) -> Statement {
    Statement::new(
        "INSERT INTO bulletins (id, subject, body, published_by, published_at, subject_sl, body_sl) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        vec![
            id.into(),
            bulletin.subject.as_str().into(),
            bulletin.body.as_str().into(),
            by.into(),
            format(now).into(),
            bulletin.subject_sl.as_str().into(),
            bulletin.body_sl.as_str().into(),
        ],
    )
}

/// The recipients, once: every active, subscribed contact of an active
/// organisation at this moment. One statement whatever their number, so no
/// limit on bound parameters applies.
pub fn snapshot_recipients(bulletin_id: &str) -> Statement {
    Statement::new(
        "INSERT INTO bulletin_recipients (bulletin_id, contact_id, status) \
         SELECT ?1, c.id, 'pending' FROM contacts c JOIN customers o ON o.id = c.customer_id \
         WHERE c.status = 'active' AND c.newsletter = 1 AND o.status = 'active'",
        vec![bulletin_id.into()],
    )
}

/// Recipients who unsubscribed before their turn: skipped, unless another
/// run took them first.
pub fn skip_recipients(bulletin_id: &str, contact_ids: &[String]) -> Statement {
    Statement::new(
        "UPDATE bulletin_recipients SET status = 'skipped' \
         WHERE bulletin_id = ?1 AND status = 'pending' \
           AND contact_id IN (SELECT value FROM json_each(?2))",
        vec![
            bulletin_id.into(),
            serde_json::json!(contact_ids).to_string().into(),
        ],
    )
}

/// A job's run claims its recipients: only those still pending, so of two
/// runs that read the same recipients only the first to commit takes them,
/// and the statements that follow write emails for its claims alone.
pub fn claim_recipients(bulletin_id: &str, run_id: &str, emails: &[RecipientEmail]) -> Statement {
    let pairs: Vec<serde_json::Value> = emails
        .iter()
        .map(|e| serde_json::json!([e.contact_id, e.outbox_id]))
        .collect();
    Statement::new(
        "UPDATE bulletin_recipients SET status = 'queued', run_id = ?2, \
           outbox_id = (SELECT value ->> 1 FROM json_each(?3) WHERE value ->> 0 = contact_id) \
         WHERE bulletin_id = ?1 AND status = 'pending' \
           AND contact_id IN (SELECT value ->> 0 FROM json_each(?3))",
        vec![
            bulletin_id.into(),
            run_id.into(),
            serde_json::Value::Array(pairs).to_string().into(),
        ],
    )
}

/// The outbox rows and unsubscribe tokens of the recipients this run
/// claimed (by `run_id`), in bulk, each with its own subject.
pub fn write_claimed_emails(
    bulletin_id: &str,
    run_id: &str,
    emails: &[RecipientEmail],
    now: Instant,
) -> Vec<Statement> {
    let extra: Vec<Value> = vec![bulletin_id.into(), run_id.into(), format(now).into()];
    let mut statements = bulk_with(
        "INSERT INTO unsubscribe_tokens (token_hash, contact_id, created_at) \
         SELECT value ->> 0, value ->> 1, ?4 FROM json_each(?1) \
         WHERE EXISTS (SELECT 1 FROM bulletin_recipients r WHERE r.bulletin_id = ?2 \
           AND r.contact_id = value ->> 1 AND r.run_id = ?3)",
        emails
            .iter()
            .map(|e| serde_json::json!([e.token_hash.to_hex(), e.contact_id])),
        &extra,
    );
    statements.extend(bulk_with(
        "INSERT INTO outbox (id, to_address, subject, body_text, body_html, headers, status, \
                             created_at, next_attempt_at, contact_id, customer_id, kind) \
         SELECT value ->> 0, value ->> 2, value ->> 6, value ->> 3, value ->> 4, value ->> 5, 'pending', ?4, ?4, \
           value ->> 1, (SELECT customer_id FROM contacts WHERE id = value ->> 1), 'bulletin' \
         FROM json_each(?1) \
         WHERE EXISTS (SELECT 1 FROM bulletin_recipients r WHERE r.bulletin_id = ?2 \
           AND r.contact_id = value ->> 1 AND r.run_id = ?3) \
         ON CONFLICT (id) DO NOTHING",
        emails.iter().map(|e| {
            serde_json::json!([
                e.outbox_id,
                e.contact_id,
                e.to,
                e.text,
                e.html,
                e.headers.to_string(),
                e.subject
            ])
        }),
        &extra,
    ));
    statements
}

/// One-click unsubscription: the contact behind the link stops receiving
/// bulletins (and its consent is withdrawn with it).
pub fn unsubscribe(contact_id: &str) -> Statement {
    Statement::new(
        "UPDATE contacts SET newsletter = 0, newsletter_consent_at = NULL \
         WHERE id = ?1 AND newsletter = 1",
        vec![contact_id.into()],
    )
}

/// A contact opts in to bulletins, its consent dated now.
pub fn subscribe(contact_id: &str, now: Instant) -> Statement {
    Statement::new(
        "UPDATE contacts SET newsletter = 1, newsletter_consent_at = ?2 \
         WHERE id = ?1 AND newsletter = 0",
        vec![contact_id.into(), format(now).into()],
    )
}

impl BulletinRecord {
    fn from_row(row: &super::Row) -> Result<Self, DbError> {
        Ok(Self {
            id: row.text("id")?,
            subject: row.text("subject")?,
            body: row.text("body")?,
            subject_sl: row.text("subject_sl")?,
            body_sl: row.text("body_sl")?,
            published_by: row.text("published_by")?,
            published_at: row.instant("published_at")?,
        })
    }
}

impl<D: Database> Store<D> {
    pub async fn bulletin(&self, id: &str) -> Result<Option<BulletinRecord>, DbError> {
        self.fetch(Query::new(
            Statement::new(
                "SELECT id, subject, body, subject_sl, body_sl, published_by, published_at \
                 FROM bulletins WHERE id = ?1",
                vec![id.into()],
            ),
            |rows| rows.first().map(BulletinRecord::from_row).transpose(),
        ))
        .await
    }

    /// The newest bulletins first, with their counts.
    pub async fn bulletins(&self, limit: i64) -> Result<Vec<BulletinSummary>, DbError> {
        self.fetch(bulletins(limit)).await
    }

    /// The next recipients whose turn has come, in a stable order.
    pub async fn pending_recipients(
        &self,
        bulletin_id: &str,
        limit: i64,
    ) -> Result<Vec<PendingRecipient>, DbError> {
        self.fetch(Query::new(
            Statement::new(
                "SELECT c.id, c.email, c.language, c.newsletter = 1 AND c.status = 'active' AS subscribed \
                 FROM bulletin_recipients r JOIN contacts c ON c.id = r.contact_id \
                 WHERE r.bulletin_id = ?1 AND r.status = 'pending' ORDER BY c.id LIMIT ?2",
                vec![bulletin_id.into(), limit.into()],
            ),
            |rows| {
                rows.iter()
                    .map(|row| {
                        Ok(PendingRecipient {
                            contact_id: row.text("id")?,
                            email: row.text("email")?,
                            subscribed: row.integer("subscribed")? == 1,
                            language: row.parsed("language", |l| Language::parse(l).ok())?,
                        })
                    })
                    .collect()
            },
        ))
        .await
    }

    /// Bulletins with recipients still pending, for the sweep to resume
    /// when a job's queue message was lost.
    pub async fn unfinished_bulletins(&self, limit: i64) -> Result<Vec<String>, DbError> {
        self.fetch(Query::new(
            Statement::new(
                "SELECT DISTINCT bulletin_id FROM bulletin_recipients WHERE status = 'pending' LIMIT ?1",
                vec![limit.into()],
            ),
            |rows| rows.iter().map(|row| row.text("bulletin_id")).collect(),
        ))
        .await
    }

    /// The contact an unsubscribe link was issued to.
    pub async fn unsubscribe_contact(&self, hash: SecretHash) -> Result<Option<String>, DbError> {
        self.fetch(Query::new(
            Statement::new(
                "SELECT contact_id FROM unsubscribe_tokens WHERE token_hash = ?1",
                vec![hash.to_hex().into()],
            ),
            |rows| rows.first().map(|row| row.text("contact_id")).transpose(),
        ))
        .await
    }

    /// Whether a contact receives bulletins.
    pub async fn subscribed(&self, contact_id: &str) -> Result<bool, DbError> {
        self.fetch(Query::new(
            Statement::new(
                "SELECT newsletter FROM contacts WHERE id = ?1",
                vec![contact_id.into()],
            ),
            |rows| {
                Ok(rows
                    .first()
                    .map(|row| row.integer("newsletter"))
                    .transpose()?
                    == Some(1))
            },
        ))
        .await
    }
}

/// The newest bulletins first, with their counts.
pub fn bulletins(limit: i64) -> Query<Vec<BulletinSummary>> {
    let statement = Statement::new(
        "SELECT b.id, b.subject, b.body, b.subject_sl, b.body_sl, b.published_by, b.published_at, \
           COUNT(r.contact_id) AS recipients, \
           COALESCE(SUM(o.status = 'sent'), 0) AS sent, \
           COALESCE(SUM(o.status IN ('failed', 'not_sent', 'unknown')), 0) AS failed, \
           COALESCE(SUM(r.status = 'pending'), 0) AS pending \
         FROM bulletins b \
         LEFT JOIN bulletin_recipients r ON r.bulletin_id = b.id \
         LEFT JOIN outbox o ON o.id = r.outbox_id \
         GROUP BY b.id ORDER BY b.published_at DESC, b.id DESC LIMIT ?1",
        vec![limit.into()],
    );
    Query::new(statement, |rows: &[Row]| {
        rows.iter()
            .map(|row| {
                Ok(BulletinSummary {
                    bulletin: BulletinRecord::from_row(row)?,
                    recipients: row.integer("recipients")?,
                    sent: row.integer("sent")?,
                    failed: row.integer("failed")?,
                    pending: row.integer("pending")?,
                })
            })
            .collect()
    })
}
