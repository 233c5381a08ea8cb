//! The email outbox: written with the change that causes a message, then
//! claimed by one queue consumer at a time, sent, and marked with the
//! outcome; a settled message keeps its text with the links' secrets taken out.

use super::{Database, DbError, Query, Row, Statement, Store, Value};
use crate::domain::notification::{redact_links, Message};
use crate::domain::time::{format, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxStatus {
    /// Waiting for the queue consumer, due at `next_attempt_at`.
    Pending,
    /// Claimed by a consumer that is sending it, until `claimed_until`.
    Sending,
    /// Accepted by the email service.
    Sent,
    /// No email service is configured: kept here, for staff to read.
    NotSent,
    /// Refused by the email service, or every retry for three days failed.
    Failed,
    /// A send was interrupted (its consumer's lease ran out) through a
    /// service that cannot drop a repeat: it may or may not have arrived, so
    /// it is not sent again; staff check it.
    Unknown,
}

impl OutboxStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::NotSent => "not_sent",
            Self::Failed => "failed",
            Self::Unknown => "unknown",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        [
            Self::Pending,
            Self::Sending,
            Self::Sent,
            Self::NotSent,
            Self::Failed,
            Self::Unknown,
        ]
        .into_iter()
        .find(|status| status.as_str() == text)
    }
}

/// A message as the outbox holds it. The text is the one to send while the
/// message is pending or sending: staff read it only through
/// [`Store::outbox_messages`], which redacts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    pub id: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub status: OutboxStatus,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: Instant,
    pub sent_at: Option<Instant>,
    pub next_attempt_at: Instant,
    pub claimed_until: Option<Instant>,
    /// The incident's signed reply address, if any.
    pub reply_to: Option<String>,
    /// An HTML alternative (bulletins), dropped once settled.
    pub html: Option<String>,
    /// Extra headers as a JSON object (bulletins' unsubscribe), dropped once settled.
    pub headers: Option<String>,
}

const COLUMNS: &str = "id, to_address, subject, body_text, status, attempts, last_error, \
     created_at, sent_at, next_attempt_at, claimed_until, reply_to, body_html, headers";

impl OutboxMessage {
    fn from_row(row: &Row) -> Result<Self, DbError> {
        let status = row.text("status")?;
        Ok(Self {
            id: row.text("id")?,
            to: row.text("to_address")?,
            subject: row.text("subject")?,
            text: row.text("body_text")?,
            status: OutboxStatus::parse(&status)
                .ok_or_else(|| DbError::Decode(format!("status {status}")))?,
            attempts: row.integer("attempts")?,
            last_error: row.opt_text("last_error")?,
            created_at: row.instant("created_at")?,
            sent_at: row.opt_instant("sent_at")?,
            next_attempt_at: row.instant("next_attempt_at")?,
            claimed_until: row.opt_instant("claimed_until")?,
            reply_to: row.opt_text("reply_to")?,
            html: row.opt_text("body_html")?,
            headers: row.opt_text("headers")?,
        })
    }
}

/// The columns every statement that writes an email fills, in this order:
/// who it goes to and what it is come from the [`Message`], its
/// organisation from its contact as the database has it when it is written.
pub(super) const INSERTED: &str =
    "id, to_address, subject, body_text, status, created_at, next_attempt_at, reply_to, \
     contact_id, customer_id, kind";

/// The organisation of the contact whose id `contact` (SQL) is, as the
/// database has it when the email is written; none for none.
fn organisation_of(contact: &str) -> String {
    format!("(SELECT customer_id FROM contacts WHERE id = {contact})")
}

/// Puts a message in the outbox, due at once. An id written before (a
/// message keyed by its cause) is left as it is.
pub fn insert_message(id: &str, message: &Message, now: Instant) -> Statement {
    Statement::new(
        format!(
            "INSERT INTO outbox ({INSERTED}) \
             VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?5, ?6, ?7, {}, ?8) ON CONFLICT (id) DO NOTHING",
            organisation_of("?7")
        ),
        vec![
            id.into(),
            message.to.address().as_str().into(),
            message.subject.as_str().into(),
            message.text.as_str().into(),
            format(now).into(),
            message.reply_to.as_deref().into(),
            message.to.contact_id().into(),
            message.kind.as_str().into(),
        ],
    )
}

/// [`insert_message`], only while `condition` holds when the batch gets to
/// it: SQL over `params`, numbered from the `n` it is given.
pub(super) fn insert_message_if(
    id: &str,
    message: &Message,
    now: Instant,
    condition: impl Fn(usize) -> String,
    params: Vec<Value>,
) -> Statement {
    super::licenses::only_if(insert_message(id, message, now), condition, params)
}

/// A message as one JSON array, for statements that write emails in bulk
/// ([`bulk_columns`]).
pub(super) fn message_row(id: &str, message: &Message) -> serde_json::Value {
    serde_json::json!([
        id,
        message.to.address().as_str(),
        message.subject,
        message.text,
        message.reply_to,
        message.to.contact_id(),
        message.kind.as_str()
    ])
}

/// [`INSERTED`]'s values from the SQL JSON value `row` holding a
/// [`message_row`], `?2` being the time the emails are written.
pub(super) fn bulk_columns(row: &str) -> String {
    format!(
        "{row} ->> 0, {row} ->> 1, {row} ->> 2, {row} ->> 3, 'pending', ?2, ?2, {row} ->> 4, \
         {row} ->> 5, {}, {row} ->> 6",
        organisation_of(&format!("{row} ->> 5"))
    )
}

/// Messages in bulk, for a statement import: `(outbox id, message)`.
pub fn insert_messages(messages: &[(String, Message)], now: Instant) -> Vec<Statement> {
    let rows = messages
        .iter()
        .map(|(id, message)| message_row(id, message));
    let sql = format!(
        "INSERT INTO outbox ({INSERTED}) SELECT {} FROM json_each(?1) WHERE true \
         ON CONFLICT (id) DO NOTHING",
        bulk_columns("value")
    );
    super::bulk_with(&sql, rows, &[format(now).into()])
}

/// Claims a message for sending: a pending one that is due by `due_by`, or,
/// with `reclaim`, one whose sender's lease ran out by `now`. It counts the
/// attempt and holds the message until `lease_until`. `attempts` is what the
/// claimer read: of two consumers that read the same row, only the first
/// UPDATE matches (it changes the count), so exactly one changes a row and
/// may send. The new count, `attempts + 1`, is the claim's id.
pub fn claim_message(
    id: &str,
    attempts: i64,
    due_by: Instant,
    now: Instant,
    reclaim: bool,
    lease_until: Instant,
) -> Statement {
    Statement::new(
        "UPDATE outbox SET status = 'sending', attempts = attempts + 1, claimed_until = ?6 \
         WHERE id = ?1 AND attempts = ?2 AND ( \
           (status = 'pending' AND next_attempt_at <= ?3) \
           OR (?5 AND status = 'sending' AND claimed_until <= ?4))",
        vec![
            id.into(),
            attempts.into(),
            format(due_by).into(),
            format(now).into(),
            reclaim.into(),
            format(lease_until).into(),
        ],
    )
}

/// The claimed send was accepted: `sent`, with the links' secrets taken out
/// of the kept text (`text`, as it was sent) in the same statement. Only the
/// claim `claim` settles. See [`settled_text`] for a text erased meanwhile.
pub fn mark_sent(
    id: &str,
    claim: i64,
    text: &str,
    provider_message_id: &str,
    now: Instant,
) -> Statement {
    Statement::new(
        format!(
            "UPDATE outbox SET status = 'sent', sent_at = ?4, provider_message_id = ?5, \
             body_text = {}, last_error = NULL, claimed_until = NULL, body_html = NULL, headers = NULL \
             WHERE id = ?1 AND status = 'sending' AND attempts = ?2",
            settled_text(6)
        ),
        vec![
            id.into(),
            claim.into(),
            redact_links(text).into(),
            format(now).into(),
            provider_message_id.into(),
            text.into(),
            BODY_ERASED.into(),
        ],
    )
}

/// What a sent text keeps once settled: its redaction (`?3`) while the row
/// still holds the text as sent (the last but one parameter); if an erasure
/// changed it while it was being sent, neither the old text (it names the
/// erased person) nor the new one (its links are not redacted) but
/// [`BODY_ERASED`] (the last).
fn settled_text(sent: usize) -> String {
    format!(
        "CASE WHEN body_text = ?{sent} THEN ?3 ELSE ?{} END",
        sent + 1
    )
}

/// What the text of an email being sent becomes if an erasure changed it
/// meanwhile.
pub const BODY_ERASED: &str = "[removed: it named a person whose data were erased]";

/// The claimed send failed and is tried again at `at`: pending, with its
/// text (and link) kept for that attempt.
pub fn schedule_retry(id: &str, claim: i64, error: &str, at: Instant) -> Statement {
    Statement::new(
        "UPDATE outbox SET status = 'pending', next_attempt_at = ?4, last_error = ?3, \
         claimed_until = NULL WHERE id = ?1 AND status = 'sending' AND attempts = ?2",
        vec![id.into(), claim.into(), error.into(), format(at).into()],
    )
}

/// The claimed send failed for good: `failed`, its links redacted (see
/// [`settled_text`]).
pub fn mark_failed(id: &str, claim: i64, error: &str, text: &str) -> Statement {
    Statement::new(
        format!(
            "UPDATE outbox SET status = 'failed', last_error = ?4, body_text = {}, body_html = NULL, headers = NULL, \
             claimed_until = NULL WHERE id = ?1 AND status = 'sending' AND attempts = ?2",
            settled_text(5)
        ),
        vec![
            id.into(),
            claim.into(),
            redact_links(text).into(),
            error.into(),
            text.into(),
            BODY_ERASED.into(),
        ],
    )
}

/// No email service is configured: a pending message is kept as `not_sent`,
/// its links redacted (the attempt counts).
pub fn mark_not_sent(id: &str, redacted_text: &str) -> Statement {
    Statement::new(
        "UPDATE outbox SET status = 'not_sent', attempts = attempts + 1, body_text = ?2, body_html = NULL, headers = NULL, \
         last_error = 'no email service is configured' \
         WHERE id = ?1 AND status = 'pending'",
        vec![id.into(), redacted_text.into()],
    )
}

/// A send whose lease ran out by `now` and that must not be repeated (the
/// claim `claim` was the last): `unknown`, for staff, its links redacted
/// (see [`SETTLED_TEXT`]).
pub fn mark_unknown(id: &str, claim: i64, reason: &str, text: &str, now: Instant) -> Statement {
    Statement::new(
        format!(
            "UPDATE outbox SET status = 'unknown', last_error = ?4, body_text = {}, body_html = NULL, headers = NULL, \
             claimed_until = NULL \
             WHERE id = ?1 AND status = 'sending' AND attempts = ?2 AND claimed_until <= ?5",
            settled_text(6)
        ),
        vec![
            id.into(),
            claim.into(),
            redact_links(text).into(),
            reason.into(),
            format(now).into(),
            text.into(),
            BODY_ERASED.into(),
        ],
    )
}

/// A pending message is given up: `failed`, its links redacted. (One
/// being sent is left to its sender, or, once its lease ran out, to the
/// sweep: it may have arrived, so it is not called failed.)
pub fn give_up_message(id: &str, error: &str, redacted_text: &str) -> Statement {
    Statement::new(
        "UPDATE outbox SET status = 'failed', last_error = ?2, body_text = ?3, body_html = NULL, headers = NULL \
         WHERE id = ?1 AND status = 'pending'",
        vec![id.into(), error.into(), redacted_text.into()],
    )
}

/// The newest messages first, to one address or to anyone.
/// Decoded as staff may read them: the secret of every link redacted,
/// whatever the status (a pending message's link is live, and a settled
/// one's is redacted in the database already).
pub fn outbox_messages(to: Option<&str>, limit: i64) -> Query<Vec<OutboxMessage>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM outbox WHERE (?1 IS NULL OR to_address = ?1) \
         ORDER BY created_at DESC, rowid DESC LIMIT ?2"
    );
    Query::new(Statement::new(sql, vec![to.into(), limit.into()]), |rows| {
        rows.iter()
            .map(|row| {
                OutboxMessage::from_row(row).map(|message| OutboxMessage {
                    text: redact_links(&message.text),
                    ..message
                })
            })
            .collect()
    })
}

impl<D: Database> Store<D> {
    pub async fn outbox_message(&self, id: &str) -> Result<Option<OutboxMessage>, DbError> {
        let sql = format!("SELECT {COLUMNS} FROM outbox WHERE id = ?1");
        self.fetch(Query::new(Statement::new(sql, vec![id.into()]), |rows| {
            rows.first().map(OutboxMessage::from_row).transpose()
        }))
        .await
    }

    /// The newest messages first, as staff read them (see
    /// [`outbox_messages`]).
    pub async fn outbox_messages(
        &self,
        to: Option<&str>,
        limit: i64,
    ) -> Result<Vec<OutboxMessage>, DbError> {
        self.fetch(outbox_messages(to, limit)).await
    }

    /// The text a message holds in the database, live links and all: for
    /// tests that check what is kept at rest, never for a page or an answer.
    #[cfg(test)]
    pub async fn outbox_text_at_rest(&self, id: &str) -> Result<Option<String>, DbError> {
        self.fetch(Query::new(
            Statement::new(
                "SELECT body_text FROM outbox WHERE id = ?1",
                vec![id.into()],
            ),
            |rows| rows.first().map(|row| row.text("body_text")).transpose(),
        ))
        .await
    }

    /// Messages the cron sweep sends (again): pending ones whose next
    /// attempt is due by `now` (their queue message may have been lost), and
    /// claimed ones whose sender's lease ran out (it stopped mid-send).
    pub async fn due_messages(&self, now: Instant, limit: i64) -> Result<Vec<String>, DbError> {
        self.fetch(Query::new(
            Statement::new(
                "SELECT id FROM outbox \
                 WHERE (status = 'pending' AND next_attempt_at <= ?1) \
                    OR (status = 'sending' AND claimed_until <= ?1) \
                 ORDER BY next_attempt_at LIMIT ?2",
                vec![format(now).into(), limit.into()],
            ),
            |rows| rows.iter().map(|row| row.text("id")).collect(),
        ))
        .await
    }
}

/// What a message written in the batch that numbers it is about: an
/// incident or an order, by id.
#[derive(Debug, Clone, Copy)]
pub enum Numbered<'a> {
    Incident(&'a str),
    Order(&'a str),
}

/// [`insert_message`] for a message written in the batch that inserts its
/// incident or order: the `PENDING` placeholder in its subject and text
/// becomes the number the INSERT before it allocated.
pub fn insert_numbered_message(
    id: &str,
    message: &Message,
    now: Instant,
    numbered: Numbered<'_>,
) -> Statement {
    use crate::domain::number::{IncidentNumber, OrderNumber};
    let (table, pending, row_id) = match numbered {
        Numbered::Incident(id) => ("incidents", IncidentNumber::PENDING, id),
        Numbered::Order(id) => ("coupon_orders", OrderNumber::PENDING, id),
    };
    let mut statement = insert_message(id, message, now);
    let number = format!("(SELECT number FROM {table} WHERE id = ?10)");
    statement.sql = statement
        .sql
        .replacen(
            "VALUES (?1, ?2, ?3, ?4,",
            &format!("VALUES (?1, ?2, replace(?3, ?9, {number}), replace(?4, ?9, {number}),"),
            1,
        )
        .into();
    statement.params.push(pending.into());
    statement.params.push(row_id.into());
    statement
}
