//! The email outbox: written with the change that causes a message, then
//! delivered by the queue consumer and marked with the outcome.

use super::{Database, DbError, Row, Statement, Store};
use crate::domain::notification::Message;
use crate::domain::time::{format, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxStatus {
    /// Waiting for the queue consumer.
    Pending,
    /// Accepted by the email service.
    Sent,
    /// No email service is configured: kept here, for staff to read.
    NotSent,
    /// Every retry failed; the message went to the dead-letter queue.
    Failed,
}

impl OutboxStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sent => "sent",
            Self::NotSent => "not_sent",
            Self::Failed => "failed",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        [Self::Pending, Self::Sent, Self::NotSent, Self::Failed]
            .into_iter()
            .find(|status| status.as_str() == text)
    }
}

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
}

const COLUMNS: &str =
    "id, to_address, subject, body_text, status, attempts, last_error, created_at, sent_at";

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
        })
    }
}

/// Puts a message in the outbox. An id written before (a message keyed by
/// its cause) is left as it is.
pub fn insert_message(id: &str, message: &Message, now: Instant) -> Statement {
    Statement::new(
        "INSERT INTO outbox (id, to_address, subject, body_text, status, created_at) \
         VALUES (?1, ?2, ?3, ?4, 'pending', ?5) ON CONFLICT (id) DO NOTHING",
        vec![
            id.into(),
            message.to.as_str().into(),
            message.subject.as_str().into(),
            message.text.as_str().into(),
            format(now).into(),
        ],
    )
}

/// Messages in bulk, for a statement import: `(outbox id, message)`.
pub fn insert_messages(messages: &[(String, Message)], now: Instant) -> Vec<Statement> {
    let rows = messages.iter().map(|(id, message)| {
        serde_json::json!([
            id,
            message.to.as_str(),
            message.subject,
            message.text,
            format(now)
        ])
    });
    super::bulk(
        "INSERT INTO outbox (id, to_address, subject, body_text, status, created_at) \
         SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, 'pending', value ->> 4 \
         FROM json_each(?1) WHERE true ON CONFLICT (id) DO NOTHING",
        rows,
    )
}

/// Records a delivery attempt's outcome, counting the attempt. Only a message
/// still pending changes, so a late duplicate never undoes `sent`.
pub fn record_attempt(
    id: &str,
    status: OutboxStatus,
    error: Option<&str>,
    provider_message_id: Option<&str>,
    now: Instant,
) -> Statement {
    Statement::new(
        "UPDATE outbox SET status = ?2, attempts = attempts + 1, last_error = ?3, \
         provider_message_id = COALESCE(?4, provider_message_id), \
         sent_at = CASE WHEN ?2 = 'sent' THEN ?5 ELSE sent_at END \
         WHERE id = ?1 AND status = 'pending'",
        vec![
            id.into(),
            status.as_str().into(),
            error.into(),
            provider_message_id.into(),
            format(now).into(),
        ],
    )
}

impl<D: Database> Store<D> {
    pub async fn outbox_message(&self, id: &str) -> Result<Option<OutboxMessage>, DbError> {
        let sql = format!("SELECT {COLUMNS} FROM outbox WHERE id = ?1");
        self.first(Statement::new(sql, vec![id.into()]))
            .await?
            .map(|row| OutboxMessage::from_row(&row))
            .transpose()
    }

    /// The newest messages first, to one address or to anyone.
    pub async fn outbox_messages(
        &self,
        to: Option<&str>,
        limit: i64,
    ) -> Result<Vec<OutboxMessage>, DbError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM outbox WHERE (?1 IS NULL OR to_address = ?1) \
             ORDER BY created_at DESC, rowid DESC LIMIT ?2"
        );
        self.rows(Statement::new(sql, vec![to.into(), limit.into()]))
            .await?
            .iter()
            .map(OutboxMessage::from_row)
            .collect()
    }

    /// How many messages went to an address since `since`.
    pub async fn messages_to_since(&self, to: &str, since: Instant) -> Result<i64, DbError> {
        let row = self
            .first(Statement::new(
                "SELECT COUNT(*) AS sent FROM outbox WHERE to_address = ?1 AND created_at >= ?2",
                vec![to.into(), format(since).into()],
            ))
            .await?
            .ok_or_else(|| DbError::Decode("COUNT gave no row".into()))?;
        row.integer("sent")
    }

    /// Messages still pending that were written before `cutoff`: their queue
    /// message may have been lost, so the cron sweep sends them again.
    pub async fn stale_pending_messages(
        &self,
        cutoff: Instant,
        limit: i64,
    ) -> Result<Vec<String>, DbError> {
        self.rows(Statement::new(
            "SELECT id FROM outbox WHERE status = 'pending' AND created_at < ?1 ORDER BY created_at LIMIT ?2",
            vec![format(cutoff).into(), limit.into()],
        ))
        .await?
        .iter()
        .map(|row| row.text("id"))
        .collect()
    }
}
