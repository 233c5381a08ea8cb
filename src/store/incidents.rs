//! Direct-support incidents: the callback state, attempts, timers, sessions
//! and messages.

use super::{
    CustomerScope, Database, DbError, Holder, Query, Row, StaffScope, Statement, Store, Value,
};
use crate::domain::billing::Session;
use crate::domain::id::{CustomerId, IncidentId};
use crate::domain::incident::{
    Author, Callback, Channel, Outcome, Reader, Scheduled, Status, Timer,
};
use crate::domain::number::IncidentNumber;
use crate::domain::phone::Phone;
use crate::domain::queue::{Assignee, QueueFilter, View};
use crate::domain::serial::SerialNumber;
use crate::domain::time::{format, Instant};

/// An incident as the database holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentRecord {
    pub id: IncidentId,
    pub customer_id: CustomerId,
    pub subject: String,
    pub description: String,
    pub channel: Channel,
    pub phone: Option<Phone>,
    pub preferred_times: Option<String>,
    pub serial: Option<SerialNumber>,
    pub callback: Callback,
    pub resolution: Option<String>,
    pub revision: i64,
    pub created_at: Instant,
    pub closed_at: Option<Instant>,
    /// `INC-2026-00042`: allocated by the INSERT, so `None` only before it.
    pub number: Option<IncidentNumber>,
    /// The agent who took it ("mine"): their email.
    pub assignee: Option<String>,
}

impl IncidentRecord {
    /// What a person reads as the incident's name: its number (the id only
    /// before the number is allocated).
    pub fn title(&self) -> &str {
        self.number
            .as_ref()
            .map_or(self.id.as_str(), IncidentNumber::as_str)
    }
}

pub(super) const COLUMNS: &str = "id, customer_id, subject, description, channel, phone, preferred_times, serial, status, \
     callback_window, window_opened_at, callback_target_by, callback_due_by, failed_attempts, attempts, reached_at, \
     sla_breached_at, resolution, revision, created_at, closed_at";

/// What every read of an incident selects: the written columns, its number
/// and its assignee.
pub(super) const SELECTED: &str = "id, customer_id, subject, description, channel, phone, preferred_times, serial, status, \
     callback_window, window_opened_at, callback_target_by, callback_due_by, failed_attempts, attempts, reached_at, \
     sla_breached_at, resolution, revision, created_at, closed_at, number, assignee";

/// The next number of `prefix` (`INC`, `ORD`) in the year of the `year`
/// parameter, computed inside the INSERT: the year's highest + 1. SQLite
/// (and D1) run one write at a time, so two inserts never read the same
/// highest, and the UNIQUE index would refuse it if they did.
pub(super) fn next_number_sql(table: &str, prefix: &str, year: &str) -> String {
    format!(
        "printf('{prefix}-%04d-%05d', {year}, COALESCE((SELECT MAX(CAST(substr(number, 10) AS INTEGER)) FROM {table} \
         WHERE number >= printf('{prefix}-%04d-', {year}) AND number < printf('{prefix}-%04d.', {year})), 0) + 1)"
    )
}

impl IncidentRecord {
    pub(super) fn from_row(row: &Row) -> Result<Self, DbError> {
        Ok(Self {
            id: row.parsed("id", |id| IncidentId::parse(id).ok())?,
            customer_id: row.parsed("customer_id", |id| CustomerId::parse(id).ok())?,
            subject: row.text("subject")?,
            description: row.text("description")?,
            channel: row.parsed("channel", |c| Channel::parse(c).ok())?,
            phone: row.opt_parsed("phone", |p| Phone::parse(p, None).ok())?,
            preferred_times: row.opt_text("preferred_times")?,
            serial: row.opt_parsed("serial", |s| SerialNumber::parse(s).ok())?,
            callback: Callback {
                status: row.parsed("status", Status::parse)?,
                window: row.integer("callback_window")?,
                window_opened_at: row.instant("window_opened_at")?,
                target_by: row.instant("callback_target_by")?,
                due_by: row.instant("callback_due_by")?,
                failed_attempts: row.integer("failed_attempts")?,
                attempts: row.integer("attempts")?,
                reached_at: row.opt_instant("reached_at")?,
                sla_breached_at: row.opt_instant("sla_breached_at")?,
            },
            resolution: row.opt_text("resolution")?,
            revision: row.integer("revision")?,
            created_at: row.instant("created_at")?,
            closed_at: row.opt_instant("closed_at")?,
            number: row.opt_parsed("number", |n| IncidentNumber::parse(n).ok())?,
            assignee: row.opt_text("assignee")?,
        })
    }
}

pub fn insert_incident(incident: &IncidentRecord) -> Vec<Statement> {
    let c = &incident.callback;
    vec![
        Statement::new(
            format!(
                "INSERT INTO incidents ({COLUMNS}, number, assignee) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, \
                 ?15, ?16, ?17, ?18, ?19, ?20, ?21, {}, ?23) RETURNING number",
                next_number_sql("incidents", IncidentNumber::PREFIX, "?22")
            ),
            vec![
                incident.id.as_str().into(),
                incident.customer_id.as_str().into(),
                incident.subject.as_str().into(),
                incident.description.as_str().into(),
                incident.channel.as_str().into(),
                incident.phone.as_ref().map(Phone::as_str).into(),
                incident.preferred_times.as_deref().into(),
                incident.serial.as_ref().map(SerialNumber::as_str).into(),
                c.status.as_str().into(),
                c.window.into(),
                format(c.window_opened_at).into(),
                format(c.target_by).into(),
                format(c.due_by).into(),
                c.failed_attempts.into(),
                c.attempts.into(),
                c.reached_at.map(format).into(),
                c.sla_breached_at.map(format).into(),
                incident.resolution.as_deref().into(),
                incident.revision.into(),
                format(incident.created_at).into(),
                incident.closed_at.map(format).into(),
                i64::from(chrono::Datelike::year(&incident.created_at)).into(),
                incident.assignee.as_deref().into(),
            ],
        ),
        revision(&incident.id, incident.revision),
    ]
}

/// The next revision of an incident: fails the batch if another change
/// took it first.
fn revision(incident_id: &str, revision: i64) -> Statement {
    Statement::new(
        "INSERT INTO incident_revisions (incident_id, revision) VALUES (?1, ?2)",
        vec![incident_id.into(), revision.into()],
    )
}

/// Writes an incident's new callback state (and contact details), as the
/// revision after `incident.revision`.
pub fn update_incident(incident: &IncidentRecord, callback: &Callback) -> Vec<Statement> {
    let next = incident.revision + 1;
    vec![
        revision(&incident.id, next),
        Statement::new(
            "UPDATE incidents SET status = ?2, callback_window = ?3, window_opened_at = ?4, callback_target_by = ?5, \
             callback_due_by = ?6, failed_attempts = ?7, attempts = ?8, reached_at = ?9, sla_breached_at = ?10, \
             phone = ?11, preferred_times = ?12, revision = ?13 WHERE id = ?1",
            vec![
                incident.id.as_str().into(),
                callback.status.as_str().into(),
                callback.window.into(),
                format(callback.window_opened_at).into(),
                format(callback.target_by).into(),
                format(callback.due_by).into(),
                callback.failed_attempts.into(),
                callback.attempts.into(),
                callback.reached_at.map(format).into(),
                callback.sla_breached_at.map(format).into(),
                incident.phone.as_ref().map(Phone::as_str).into(),
                incident.preferred_times.as_deref().into(),
                next.into(),
            ],
        ),
    ]
}

pub fn close_incident(incident: &IncidentRecord, resolution: &str, now: Instant) -> Vec<Statement> {
    let next = incident.revision + 1;
    vec![
        revision(&incident.id, next),
        Statement::new(
            "UPDATE incidents SET status = 'closed', resolution = ?2, closed_at = ?3, revision = ?4 WHERE id = ?1",
            vec![incident.id.as_str().into(), resolution.into(), format(now).into(), next.into()],
        ),
    ]
}

/// An agent takes an incident ("mine"): its assignee, as the next revision.
pub fn assign_incident(incident: &IncidentRecord, assignee: &str) -> Vec<Statement> {
    let next = incident.revision + 1;
    vec![
        revision(&incident.id, next),
        Statement::new(
            "UPDATE incidents SET assignee = ?2, revision = ?3 WHERE id = ?1 AND status <> 'closed'",
            vec![incident.id.as_str().into(), assignee.into(), next.into()],
        ),
    ]
}

/// Records a missed deadline, once, whatever else changed meanwhile.
pub fn record_breach(incident_id: &str, window: i64, now: Instant) -> Statement {
    Statement::new(
        "UPDATE incidents SET sla_breached_at = ?3 WHERE id = ?1 AND callback_window = ?2 AND sla_breached_at IS NULL \
         AND reached_at IS NULL AND status = 'awaiting_callback'",
        vec![incident_id.into(), window.into(), format(now).into()],
    )
}

pub struct Attempt<'a> {
    pub id: &'a str,
    pub incident_id: &'a str,
    pub number: i64,
    pub outcome: Outcome,
    pub channel: Channel,
    pub note: Option<&'a str>,
    /// Who recorded it, from the verified identity.
    pub recorded_by: &'a str,
}

pub fn insert_attempt(attempt: &Attempt<'_>, now: Instant) -> Statement {
    Statement::new(
        "INSERT INTO callback_attempts (id, incident_id, number, outcome, channel, note, created_at, recorded_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        vec![
            attempt.id.into(),
            attempt.incident_id.into(),
            attempt.number.into(),
            attempt.outcome.as_str().into(),
            attempt.channel.as_str().into(),
            attempt.note.into(),
            format(now).into(),
            attempt.recorded_by.into(),
        ],
    )
}

pub fn insert_timers(incident_id: &str, timers: &[Scheduled]) -> Vec<Statement> {
    timers
        .iter()
        .map(|t| {
            Statement::new(
                "INSERT INTO incident_timers (incident_id, timer, callback_window, attempt, due_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
                vec![
                    incident_id.into(),
                    t.timer.as_str().into(),
                    t.window.into(),
                    t.attempt.into(),
                    format(t.due_at).into(),
                ],
            )
        })
        .collect()
}

pub fn mark_timer_done(incident_id: &str, timer: &Scheduled, now: Instant) -> Statement {
    Statement::new(
        "UPDATE incident_timers SET done_at = ?5 WHERE incident_id = ?1 AND timer = ?2 AND callback_window = ?3 \
         AND attempt = ?4 AND done_at IS NULL",
        vec![
            incident_id.into(),
            timer.timer.as_str().into(),
            timer.window.into(),
            timer.attempt.into(),
            format(now).into(),
        ],
    )
}

pub struct SessionRow<'a> {
    pub session: &'a Session,
    pub incident_id: &'a str,
    pub channel: Channel,
    pub agent: &'a str,
    pub recorded_by: &'a str,
}

pub fn insert_session(row: &SessionRow<'_>, now: Instant) -> Statement {
    Statement::new(
        "INSERT INTO support_sessions (id, incident_id, started_at, ended_at, channel, agent, created_at, recorded_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        vec![
            row.session.id.as_str().into(),
            row.incident_id.into(),
            format(row.session.started_at).into(),
            format(row.session.ended_at).into(),
            row.channel.as_str().into(),
            row.agent.into(),
            format(now).into(),
            row.recorded_by.into(),
        ],
    )
}

pub fn correct_session(session: &Session) -> Statement {
    Statement::new(
        "UPDATE support_sessions SET started_at = ?2, ended_at = ?3 WHERE id = ?1 AND deleted_at IS NULL",
        vec![
            session.id.as_str().into(),
            format(session.started_at).into(),
            format(session.ended_at).into(),
        ],
    )
}

pub fn delete_session(session_id: &str, now: Instant) -> Statement {
    Statement::new(
        "UPDATE support_sessions SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
        vec![session_id.into(), format(now).into()],
    )
}

/// A phone call the desk started on an incident and has not stopped: its
/// start by the server's clock, and who started it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneCallRecord {
    pub started_at: Instant,
    /// The agent's name, as the session will show it.
    pub agent: String,
    pub started_by: String,
}

/// Starts the incident's phone call: the primary key lets one run at a
/// time (a second start is a unique violation of `phone_calls.incident_id`).
pub fn start_phone_call(incident_id: &str, call: &PhoneCallRecord) -> Statement {
    Statement::new(
        "INSERT INTO phone_calls (incident_id, started_at, agent, started_by) VALUES (?1, ?2, ?3, ?4)",
        vec![
            incident_id.into(),
            format(call.started_at).into(),
            call.agent.as_str().into(),
            call.started_by.as_str().into(),
        ],
    )
}

/// Ends the phone call that was read (its start names it): in the batch
/// that records its session, or alone to discard it.
pub fn end_phone_call(incident_id: &str, started_at: Instant) -> Statement {
    Statement::new(
        "DELETE FROM phone_calls WHERE incident_id = ?1 AND started_at = ?2",
        vec![incident_id.into(), format(started_at).into()],
    )
}

/// The incident's running phone call, if any.
pub fn phone_call_of(incident_id: &str) -> Query<Option<PhoneCallRecord>> {
    Query::new(
        Statement::new(
            "SELECT started_at, agent, started_by FROM phone_calls WHERE incident_id = ?1",
            vec![incident_id.into()],
        ),
        |rows| {
            rows.first()
                .map(|row| {
                    Ok(PhoneCallRecord {
                        started_at: row.instant("started_at")?,
                        agent: row.text("agent")?,
                        started_by: row.text("started_by")?,
                    })
                })
                .transpose()
        },
    )
}

pub fn insert_incident_message(
    id: &str,
    incident_id: &str,
    author: Author,
    author_name: &str,
    recorded_by: &str,
    body: &str,
    now: Instant,
) -> Statement {
    Statement::new(
        "INSERT INTO incident_messages (id, incident_id, author, author_name, body, created_at, recorded_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        vec![
            id.into(),
            incident_id.into(),
            author.as_str().into(),
            author_name.into(),
            body.into(),
            format(now).into(),
            recorded_by.into(),
        ],
    )
}

/// A logged session with who gave it and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub session: Session,
    pub channel: Channel,
    pub agent: String,
    pub recorded_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptRecord {
    pub number: i64,
    pub outcome: Outcome,
    pub channel: Channel,
    pub note: Option<String>,
    pub created_at: Instant,
    pub recorded_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageRecord {
    pub id: String,
    pub author: Author,
    pub author_name: String,
    pub body: String,
    pub created_at: Instant,
    pub recorded_by: Option<String>,
}

/// A charge (or credit back) of an incident's support time in the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChargeRecord {
    pub id: String,
    pub coupons: i64,
    pub created_at: Instant,
}

/// An incident by id; with an owner, only when it is that organisation's.
pub fn incident_by_id(id: &str, owner: Option<&CustomerScope>) -> Query<Option<IncidentRecord>> {
    let statement = match owner {
        None => Statement::new(
            format!("SELECT {SELECTED} FROM incidents WHERE id = ?1"),
            vec![id.into()],
        ),
        Some(owner) => Statement::new(
            format!(
                "SELECT {SELECTED} FROM incidents WHERE id = ?1 AND customer_id = {}",
                owner.sql(2)
            ),
            vec![id.into(), owner.param()],
        ),
    };
    Query::new(statement, |rows| {
        rows.first().map(IncidentRecord::from_row).transpose()
    })
}

/// An organisation's incidents, newest first.
pub fn incidents_of(customer: &CustomerScope) -> Query<Vec<IncidentRecord>> {
    let sql = format!(
        "SELECT {SELECTED} FROM incidents WHERE customer_id = {} ORDER BY created_at DESC LIMIT 200",
        customer.sql(1)
    );
    Query::new(
        Statement::new(sql, vec![customer.param()]),
        decode_incidents,
    )
}

/// The desk's queue, one view of it (issue 22) in one statement: open
/// ones nearest deadline first, closed ones most recently closed first;
/// a page and one more, to tell whether another follows. `breached` is
/// [`crate::domain::incident::Callback::deadline_missed`] in SQL; `me` is
/// the caller's email, found in the same statement.
pub fn incident_queue(
    filter: &QueueFilter,
    me: &StaffScope,
    now: Instant,
) -> Query<Vec<IncidentRecord>> {
    let view = match filter.view {
        View::Open => "status <> 'closed'",
        View::Is(_) => "status = ?1",
        View::Breached => {
            "status <> 'closed' AND (sla_breached_at IS NOT NULL OR (status = 'awaiting_callback' \
             AND reached_at IS NULL AND callback_due_by <= ?2))"
        }
    };
    let organisation = if filter.organisation.is_some() {
        " AND customer_id = ?3"
    } else {
        ""
    };
    let assignee = match filter.assignee {
        Assignee::Anyone => String::new(),
        Assignee::Nobody => " AND assignee IS NULL".to_owned(),
        Assignee::Agent(_) => " AND assignee = ?4".to_owned(),
        Assignee::Me => format!(" AND assignee = {}", me.email_sql(4)),
    };
    let order = if filter.view.closed() {
        "closed_at DESC, id"
    } else {
        "callback_due_by, created_at, id"
    };
    let sql = format!(
        "SELECT {SELECTED} FROM incidents WHERE {view}{organisation}{assignee} ORDER BY {order} LIMIT ?5 OFFSET ?6"
    );
    let status = match filter.view {
        View::Is(status) => Some(status.as_str()),
        View::Open | View::Breached => None,
    };
    let who = match &filter.assignee {
        Assignee::Agent(email) => email.as_str().into(),
        Assignee::Me => me.param(),
        Assignee::Anyone | Assignee::Nobody => Value::Null,
    };
    Query::new(
        Statement::new(
            sql,
            vec![
                status.into(),
                format(now).into(),
                filter.organisation.as_ref().map(|id| id.as_str()).into(),
                who,
                (filter.page_size() + 1).into(),
                filter.offset().into(),
            ],
        ),
        decode_incidents,
    )
}

/// Who has incidents taken: the desk's filter by agent.
pub fn assignees() -> Query<Vec<String>> {
    Query::new(
        Statement::new(
            "SELECT DISTINCT assignee FROM incidents WHERE assignee IS NOT NULL ORDER BY assignee LIMIT 200",
            vec![],
        ),
        |rows| rows.iter().map(|row| row.text("assignee")).collect(),
    )
}

fn decode_incidents(rows: &[Row]) -> Result<Vec<IncidentRecord>, DbError> {
    rows.iter().map(IncidentRecord::from_row).collect()
}

/// Who an incident's emails go to: the contact who raised it while still
/// active, else its organisation's longest-standing active contact; with
/// the organisation.
pub fn incident_contact(incident_id: &str) -> Query<Option<Holder>> {
    let sql = format!(
        "SELECT {} FROM incidents i JOIN customers u ON u.id = i.customer_id \
         JOIN contacts p ON p.customer_id = i.customer_id AND p.status = 'active' \
         WHERE i.id = ?1 ORDER BY p.id = i.contact_id DESC, p.created_at, p.id LIMIT 1",
        super::callers::holder_columns()
    );
    Query::new(
        Statement::new(sql, vec![incident_id.into()]),
        super::callers::decode_holder,
    )
}

/// An incident's support sessions, the earliest first.
pub fn sessions_of(incident_id: &str) -> Query<Vec<SessionRecord>> {
    Query::new(
        Statement::new(
            "SELECT id, started_at, ended_at, channel, agent, recorded_by FROM support_sessions \
             WHERE incident_id = ?1 AND deleted_at IS NULL ORDER BY started_at",
            vec![incident_id.into()],
        ),
        decode_sessions,
    )
}

fn decode_sessions(rows: &[Row]) -> Result<Vec<SessionRecord>, DbError> {
    rows.iter()
        .map(|row| {
            Ok(SessionRecord {
                session: Session {
                    id: row.text("id")?,
                    started_at: row.instant("started_at")?,
                    ended_at: row.instant("ended_at")?,
                },
                channel: row.parsed("channel", |c| Channel::parse(c).ok())?,
                agent: row.text("agent")?,
                recorded_by: row.opt_text("recorded_by")?,
            })
        })
        .collect()
}

/// An incident's callback attempts, as `reader` may read them: the
/// customer's read never brings the desk's notes out of the database.
pub fn attempts_of(incident_id: &str, reader: Reader) -> Query<Vec<AttemptRecord>> {
    let note = if reader.reads_call_notes() {
        "note"
    } else {
        "NULL AS note"
    };
    Query::new(
        Statement::new(
            format!(
                "SELECT number, outcome, channel, {note}, created_at, recorded_by FROM callback_attempts \
                 WHERE incident_id = ?1 ORDER BY number"
            ),
            vec![incident_id.into()],
        ),
        decode_attempts,
    )
}

fn decode_attempts(rows: &[Row]) -> Result<Vec<AttemptRecord>, DbError> {
    rows.iter()
        .map(|row| {
            Ok(AttemptRecord {
                number: row.integer("number")?,
                outcome: row.parsed("outcome", |o| Outcome::parse(o).ok())?,
                channel: row.parsed("channel", |c| Channel::parse(c).ok())?,
                note: row.opt_text("note")?,
                created_at: row.instant("created_at")?,
                recorded_by: row.opt_text("recorded_by")?,
            })
        })
        .collect()
}

/// An incident's conversation, the earliest first.
pub fn messages_of(incident_id: &str) -> Query<Vec<MessageRecord>> {
    Query::new(
        Statement::new(
            "SELECT id, author, author_name, body, created_at, recorded_by FROM incident_messages \
             WHERE incident_id = ?1 ORDER BY created_at, rowid",
            vec![incident_id.into()],
        ),
        decode_messages,
    )
}

fn decode_messages(rows: &[Row]) -> Result<Vec<MessageRecord>, DbError> {
    rows.iter()
        .map(|row| {
            Ok(MessageRecord {
                id: row.text("id")?,
                author: row.parsed("author", Author::parse)?,
                author_name: row.text("author_name")?,
                body: row.text("body")?,
                created_at: row.instant("created_at")?,
                recorded_by: row.opt_text("recorded_by")?,
            })
        })
        .collect()
}

/// The ledger entries of an incident's support time, newest first.
pub fn charges_of(incident_id: &str) -> Query<Vec<ChargeRecord>> {
    Query::new(
        Statement::new(
            "SELECT id, coupons, created_at FROM ledger_entries WHERE incident_id = ?1 \
             AND customer_id = (SELECT customer_id FROM incidents WHERE id = ?1) \
             ORDER BY created_at DESC, rowid DESC LIMIT 500",
            vec![incident_id.into()],
        ),
        decode_charges,
    )
}

fn decode_charges(rows: &[Row]) -> Result<Vec<ChargeRecord>, DbError> {
    rows.iter()
        .map(|row| {
            Ok(ChargeRecord {
                id: row.text("id")?,
                coupons: row.integer("coupons")?,
                created_at: row.instant("created_at")?,
            })
        })
        .collect()
}

/// A balance in coupons, as the ledger's trigger keeps it, for the
/// customer id that `customer` (SQL) gives.
fn balance_sql(customer: &str) -> String {
    format!("COALESCE((SELECT balance FROM coupon_accounts WHERE customer_id = {customer}), 0)")
}

/// What an incident's support time has cost so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IncidentAccount {
    /// Coupons charged for the incident, net of credits back.
    pub coupons_charged: i64,
    /// Its organisation's balance in coupons.
    pub balance: i64,
}

/// An incident's account: one row, whether or not anything was charged.
pub fn incident_account(incident_id: &str) -> Query<IncidentAccount> {
    Query::new(
        Statement::new(
            format!(
                "SELECT (SELECT COALESCE(-SUM(coupons), 0) FROM ledger_entries \
                 WHERE incident_id = ?1 AND kind = 'consumption') AS charged, {} AS balance",
                balance_sql("(SELECT customer_id FROM incidents WHERE id = ?1)")
            ),
            vec![incident_id.into()],
        ),
        |rows| {
            let row = rows
                .first()
                .ok_or_else(|| DbError::Decode("no account row".into()))?;
            Ok(IncidentAccount {
                coupons_charged: row.integer("charged")?,
                balance: row.integer("balance")?,
            })
        },
    )
}

/// Incidents received since `since`: when, and when a call first reached
/// the customer (for the desk's chart of callback times): (id, received,
/// reached).
pub fn callback_times(since: Instant) -> Query<Vec<(String, Instant, Option<Instant>)>> {
    Query::new(
        Statement::new(
            "SELECT id, created_at, (SELECT MIN(created_at) FROM callback_attempts a \
             WHERE a.incident_id = i.id AND a.outcome = 'reached') AS reached FROM incidents i \
             WHERE created_at >= ?1 ORDER BY created_at LIMIT 500",
            vec![format(since).into()],
        ),
        decode_callback_times,
    )
}

fn decode_callback_times(rows: &[Row]) -> Result<Vec<(String, Instant, Option<Instant>)>, DbError> {
    rows.iter()
        .map(|row| {
            Ok((
                row.text("id")?,
                row.instant("created_at")?,
                row.opt_instant("reached")?,
            ))
        })
        .collect()
}

/// Coupons bought per day since `since` (for the desk's chart): (day, coupons).
pub fn coupons_sold_per_day(since: Instant) -> Query<Vec<(String, i64)>> {
    Query::new(
        Statement::new(
            "SELECT substr(created_at, 1, 10) AS day, SUM(coupons) AS coupons FROM ledger_entries \
             WHERE kind = 'purchase' AND created_at >= ?1 GROUP BY day ORDER BY day",
            vec![format(since).into()],
        ),
        |rows| {
            rows.iter()
                .map(|row| Ok((row.text("day")?, row.integer("coupons")?)))
                .collect()
        },
    )
}

impl<D: Database> Store<D> {
    pub async fn incident(&self, id: &str) -> Result<Option<IncidentRecord>, DbError> {
        self.fetch(incident_by_id(id, None)).await
    }

    pub async fn incidents_of(&self, customer_id: &str) -> Result<Vec<IncidentRecord>, DbError> {
        self.fetch(incidents_of(&CustomerScope::Id(customer_id.into())))
            .await
    }

    pub async fn sessions(&self, incident_id: &str) -> Result<Vec<SessionRecord>, DbError> {
        self.fetch(sessions_of(incident_id)).await
    }

    pub async fn incident_messages(
        &self,
        incident_id: &str,
    ) -> Result<Vec<MessageRecord>, DbError> {
        self.fetch(messages_of(incident_id)).await
    }

    /// Coupons charged for an incident so far (net of credits back).
    pub async fn coupons_charged(&self, incident_id: &str) -> Result<i64, DbError> {
        Ok(self
            .fetch(incident_account(incident_id))
            .await?
            .coupons_charged)
    }

    /// Timers due and not done, oldest first, for the cron sweep.
    pub async fn due_timers(
        &self,
        now: Instant,
        limit: i64,
    ) -> Result<Vec<(String, Scheduled)>, DbError> {
        self.fetch(due_timers(now, limit)).await
    }
}

/// Timers due and not done, oldest first: (incident id, timer).
fn due_timers(now: Instant, limit: i64) -> Query<Vec<(String, Scheduled)>> {
    Query::new(
        Statement::new(
            "SELECT incident_id, timer, callback_window, attempt, due_at FROM incident_timers \
             WHERE done_at IS NULL AND due_at <= ?1 ORDER BY due_at LIMIT ?2",
            vec![format(now).into(), limit.into()],
        ),
        |rows| {
            rows.iter()
                .map(|row| {
                    let timer = row.text("timer")?;
                    Ok((
                        row.text("incident_id")?,
                        Scheduled {
                            timer: Timer::parse(&timer)
                                .ok_or_else(|| DbError::Decode(format!("timer {timer}")))?,
                            window: row.integer("callback_window")?,
                            attempt: row.integer("attempt")?,
                            due_at: row.instant("due_at")?,
                        },
                    ))
                })
                .collect()
        },
    )
}

/// Remembers an inbound email taken as the incident message `message_id`:
/// a second delivery of the same Message-ID fails on the key, and its batch
/// with it.
pub fn insert_inbound_email(
    email_message_id: &str,
    incident_id: &str,
    incident_message_id: &str,
    sender: &str,
    now: Instant,
) -> Statement {
    Statement::new(
        "INSERT INTO inbound_emails (message_id, incident_id, incident_message_id, sender, received_at) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
        vec![
            email_message_id.into(),
            incident_id.into(),
            incident_message_id.into(),
            sender.into(),
            format(now).into(),
        ],
    )
}

impl<D: Database> Store<D> {
    /// Whether an inbound email with this Message-ID was taken already.
    pub async fn inbound_email_taken(&self, email_message_id: &str) -> Result<bool, DbError> {
        self.fetch(Query::new(
            Statement::new(
                "SELECT 1 AS taken FROM inbound_emails WHERE message_id = ?1",
                vec![email_message_id.into()],
            ),
            |rows| Ok(!rows.is_empty()),
        ))
        .await
    }
}
