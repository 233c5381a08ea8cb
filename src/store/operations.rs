//! What the desk's health page reads, and the actions on it: the work
//! waiting for the queue, emails that failed or whose delivery is unknown,
//! missed callback deadlines, and the cron sweep's runs.

use super::{DbError, Query, Row, Statement};
use crate::domain::time::{format, Instant};

/// Work waiting for the queue, as the database sees it: a queue's own depth
/// is not readable from a Worker, but every job it carries is a row here.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Backlog {
    /// Emails pending whose next attempt is due.
    pub emails_due: i64,
    /// Emails pending, due later (waiting out a retry).
    pub emails_waiting: i64,
    /// Emails being sent now (a consumer holds them).
    pub emails_sending: i64,
    /// Incident timers due and not yet run.
    pub timers_due: i64,
    /// Bulletin emails not yet written.
    pub bulletin_recipients: i64,
}

pub fn backlog(now: Instant) -> Query<Backlog> {
    Query::new(Statement::new(
        "SELECT \
           (SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?1) AS emails_due, \
           (SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND next_attempt_at > ?1) AS emails_waiting, \
           (SELECT COUNT(*) FROM outbox WHERE status = 'sending') AS emails_sending, \
           (SELECT COUNT(*) FROM incident_timers WHERE done_at IS NULL AND due_at <= ?1) AS timers_due, \
           (SELECT COUNT(*) FROM bulletin_recipients WHERE status = 'pending') AS bulletin_recipients",
        vec![format(now).into()],
    ), decode_backlog)
}

fn decode_backlog(rows: &[Row]) -> Result<Backlog, DbError> {
    let Some(row) = rows.first() else {
        return Ok(Backlog::default());
    };
    Ok(Backlog {
        emails_due: row.integer("emails_due")?,
        emails_waiting: row.integer("emails_waiting")?,
        emails_sending: row.integer("emails_sending")?,
        timers_due: row.integer("timers_due")?,
        bulletin_recipients: row.integer("bulletin_recipients")?,
    })
}

/// An email that failed, or whose delivery is unknown, not yet settled by
/// staff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TroubledEmail {
    pub id: String,
    pub to: String,
    pub subject: String,
    pub kind: String,
    /// `failed` or `unknown`.
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: Instant,
}

impl TroubledEmail {
    /// Whether sending its text again could help: a link's secret is
    /// redacted once the message is settled (and the link has expired or
    /// been replaced since), so a link email is not resent; the person asks
    /// for a new link.
    pub fn resendable(&self) -> bool {
        !LINK_KINDS.contains(&self.kind.as_str())
    }
}

/// The kinds of email that carry a link with a secret.
const LINK_KINDS: [&str; 5] = [
    "verification",
    "sign_in",
    "address_change",
    "erasure",
    "invitation",
];

/// One email that failed or whose delivery is unknown, settled or not,
/// by id: with `handled_at`.
pub fn troubled_email(id: &str) -> Query<Option<(TroubledEmail, bool)>> {
    Query::new(Statement::new(
        "SELECT id, to_address, subject, kind, status, attempts, last_error, created_at, handled_at FROM outbox \
         WHERE id = ?1 AND status IN ('failed', 'unknown')",
        vec![id.into()],
    ), decode_troubled_email)
}

/// [`troubled_email`]'s row: the email, and whether staff settled it.
fn decode_troubled_email(rows: &[Row]) -> Result<Option<(TroubledEmail, bool)>, DbError> {
    let Some(row) = rows.first() else {
        return Ok(None);
    };
    let settled = row.opt_text("handled_at")?.is_some();
    Ok(decode_troubled_emails(rows)?
        .into_iter()
        .next()
        .map(|email| (email, settled)))
}

pub fn troubled_emails(limit: i64) -> Query<Vec<TroubledEmail>> {
    Query::new(Statement::new(
        "SELECT id, to_address, subject, kind, status, attempts, last_error, created_at FROM outbox \
         WHERE status IN ('failed', 'unknown') AND handled_at IS NULL ORDER BY created_at DESC LIMIT ?1",
        vec![limit.into()],
    ), decode_troubled_emails)
}

fn decode_troubled_emails(rows: &[Row]) -> Result<Vec<TroubledEmail>, DbError> {
    rows.iter()
        .map(|row| {
            Ok(TroubledEmail {
                id: row.text("id")?,
                to: row.text("to_address")?,
                subject: row.text("subject")?,
                kind: row.text("kind")?,
                status: row.text("status")?,
                attempts: row.integer("attempts")?,
                last_error: row.opt_text("last_error")?,
                created_at: row.instant("created_at")?,
            })
        })
        .collect()
}

/// Incidents whose callback deadline was missed since `since`.
pub fn breaches_since(since: Instant) -> Query<Vec<Breach>> {
    Query::new(
        Statement::new(
            "SELECT id, number, subject, sla_breached_at FROM incidents WHERE sla_breached_at >= ?1 \
         ORDER BY sla_breached_at DESC",
            vec![format(since).into()],
        ),
        decode_breaches,
    )
}

/// A missed callback deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breach {
    pub incident_id: String,
    /// `INC-2026-00042`: how people name it.
    pub number: Option<String>,
    pub subject: String,
    pub at: Instant,
}

fn decode_breaches(rows: &[Row]) -> Result<Vec<Breach>, DbError> {
    rows.iter()
        .map(|row| {
            Ok(Breach {
                incident_id: row.text("id")?,
                number: row.opt_text("number")?,
                subject: row.text("subject")?,
                at: row.instant("sla_breached_at")?,
            })
        })
        .collect()
}

/// One run of the cron sweep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CronRun {
    pub started_at: Instant,
    pub finished_at: Instant,
    pub jobs: i64,
    pub error: Option<String>,
}

pub fn last_cron_run() -> Query<Option<CronRun>> {
    Query::new(Statement::new(
        "SELECT started_at, finished_at, jobs, error FROM cron_runs ORDER BY started_at DESC LIMIT 1",
        vec![],
    ), decode_cron_run)
}

fn decode_cron_run(rows: &[Row]) -> Result<Option<CronRun>, DbError> {
    rows.first()
        .map(|row| {
            Ok(CronRun {
                started_at: row.instant("started_at")?,
                finished_at: row.instant("finished_at")?,
                jobs: row.integer("jobs")?,
                error: row.opt_text("error")?,
            })
        })
        .transpose()
}

pub fn record_cron_run(id: &str, run: &CronRun) -> Statement {
    Statement::new(
        "INSERT INTO cron_runs (id, started_at, finished_at, jobs, error) VALUES (?1, ?2, ?3, ?4, ?5)",
        vec![
            id.into(),
            format(run.started_at).into(),
            format(run.finished_at).into(),
            run.jobs.into(),
            run.error.as_deref().into(),
        ],
    )
}

/// Runs older than `before` (the health page shows the last).
pub fn forget_cron_runs(before: Instant) -> Statement {
    Statement::new(
        "DELETE FROM cron_runs WHERE started_at < ?1",
        vec![format(before).into()],
    )
}

/// Settles a failed or unknown email, if it still needs settling.
pub fn close_email(id: &str, by: &str, now: Instant) -> Statement {
    Statement::new(
        "UPDATE outbox SET handled_at = ?3, handled_by = ?2 \
         WHERE id = ?1 AND status IN ('failed', 'unknown') AND handled_at IS NULL",
        vec![id.into(), by.into(), format(now).into()],
    )
}

/// Resends a failed or unknown email as a new message (its own id, its own
/// three days of retries) with the text kept, to the same recipient, and
/// settles the old one, pointing to the new; a link email is never resent.
/// Both statements hold only while the old one still needs settling, so of
/// two staff resending at once one writes.
pub fn resend_email(id: &str, new_id: &str, by: &str, now: Instant) -> Vec<Statement> {
    let kinds = LINK_KINDS
        .iter()
        .map(|k| format!("'{k}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let unsettled = format!(
        "id = ?1 AND status IN ('failed', 'unknown') AND handled_at IS NULL AND kind NOT IN ({kinds})"
    );
    vec![
        Statement::new(
            format!(
                "INSERT INTO outbox ({}) SELECT ?2, to_address, subject, body_text, 'pending', ?3, ?3, reply_to, \
                 contact_id, customer_id, kind FROM outbox WHERE {unsettled}",
                super::outbox::INSERTED
            ),
            vec![id.into(), new_id.into(), format(now).into()],
        ),
        Statement::new(
            format!(
                "UPDATE outbox SET handled_at = ?3, handled_by = ?4, resent_as = ?2 WHERE {unsettled} \
                 AND EXISTS (SELECT 1 FROM outbox WHERE id = ?2)"
            ),
            vec![id.into(), new_id.into(), format(now).into(), by.into()],
        ),
    ]
}
