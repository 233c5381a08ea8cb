//! Every SQL statement of the portal, and the one trait that runs them.
//!
//! D1 (in the Worker) and SQLite (in native tests, loaded with the same
//! `schema.sql`) both implement [`Database`], so the statements below are
//! tested natively against a real database and run unchanged on D1.
//! Statements that change data are built as [`Statement`] values and written
//! together by [`Database::batch`]: a D1 batch is the only transaction there
//! is, so each business step is one batch.
//!
//! Statements that read are built as [`Query`] values: each carries the
//! decoder of its rows, so only this module knows how a row reads. Reads go
//! in one round trip as a tuple (or a `Vec`, an `Option`, a [`Joined`]
//! record) and come back decoded in the same shape, e.g.
//! `let (order, address) = store.read((order_by_id(id), confirmation_address(id))).await?`:
//! no caller picks a result by its position in the batch. `query.rs` says
//! how, and [`Store::read`], [`Store::read_first`] and [`Store::fetch`] run
//! them.

mod attachments;
mod bank;
mod bulletins;
mod callers;
mod customers;
mod directory;
mod idempotency;
mod incidents;
mod invitations;
mod invoices;
mod ledger;
mod licenses;
mod operations;
mod orders;
mod outbox;
mod privacy;
mod profile;
mod query;
#[cfg(not(target_arch = "wasm32"))]
pub mod sqlite;
mod staff;
mod tasks;
mod tokens;
mod vat;

pub use attachments::{
    attachment_of, attachments_of_customer, attachments_of_erasure_link, attachments_of_incident,
    attachments_past_retention, attachments_uploaded_by, delete_attachments, insert_attachment,
    known_object_keys, AttachmentRecord, UploadedBy,
};
pub use bank::{
    bank_entry, insert_bank_entries, insert_statement, is_matched_already, known_entry_keys,
    match_bank_entry, unmatched_bank_entries, BankEntryRecord,
};
pub use bulletins::{
    bulletins, claim_recipients, insert_bulletin, skip_recipients, snapshot_recipients, subscribe,
    unsubscribe, write_claimed_emails, BulletinRecord, BulletinSummary, PendingRecipient,
    RecipientEmail,
};
pub use callers::{
    caller_by_secret, caller_by_staff_email, holder_of_secret, CallerHolders, ContactScope,
    CustomerScope, Holder, PartnerScope, SecretHolders, SessionSubject, StaffScope,
};
pub use customers::{
    activate_contact, activate_customer, assign_claim, claim_of, claim_of_token, claimant_of,
    contact_by_email, contact_by_id, contacts_in, customer_by_id, holder_contacts_of_claim,
    insert_customer, mark_joined, merge_if_empty, move_contact, open_claim_unless_holder,
    pending_claims, record_acting_contact, refuse_claim, registration_standing, remove_contact,
    request_join, Acted, ClaimRecord, ContactRecord, CustomerRecord, NewCustomer, Standing,
};
// The desk's directory (issue 22).
use customers::claim_where_customer;
pub use directory::{
    organisation_file, organisations_matching, HitContact, OrganisationFile, OrganisationHit,
};
pub use idempotency::{
    confirm_remembered, count_request, remember, remember_new_incident, remembered,
    requests_counted, Effect, KeyOwner,
};
pub use incidents::{
    assign_incident, assignees, attempts_of, callback_times, charges_of, close_incident,
    correct_session, coupons_sold_per_day, delete_session, end_phone_call, incident_account,
    incident_by_id, incident_contact, incident_queue, incidents_of, insert_attempt,
    insert_inbound_email, insert_incident, insert_incident_message, insert_session, insert_timers,
    mark_timer_done, messages_of, phone_call_of, record_breach, sessions_of, start_phone_call,
    update_incident, Attempt, AttemptRecord, ChargeRecord, IncidentAccount, IncidentRecord,
    MessageRecord, PhoneCallRecord, SessionRecord, SessionRow,
};
pub use invitations::{
    accept_invitation, contact_holding_invited_address, delete_expired_invitations,
    insert_invitation, invitation_by_link, invitation_of, is_inviter_gone,
    issue_access_to_new_contact, open_session_for_new_contact, waiting_invitations_in,
    withdraw_invitation, InvitationRecord, NewInvitation,
};
pub use invoices::invoices_of_order;
pub use invoices::{
    invoice_of, invoices_issued, invoices_of, issue_credit_note, issue_invoices, InvoiceRecord,
};
pub use ledger::{account_of, append_entry, balance_of, insert_entry, ledger_of, LedgerLine};
pub use licenses::{
    activation_of, active_activation_of, audit, claim_license, deactivate,
    grant_free_coupon_if_holder, hold_if_unheld, if_partner_holds, insert_activation,
    insert_first_subscription, insert_partner, insert_subscription, insert_sups_sale,
    is_not_license_holder, known_partners, known_serials, license_of, license_of_activation,
    license_of_claim, licenses_of_partner, mark_reminded, open_partner_session, partner_of,
    partners, release_date, releases, revoke_partner, subscription_of, subscriptions_of_activation,
    subscriptions_of_license, subscriptions_of_partner, transfer_holder, update_coverage,
    upsert_licenses, upsert_release, ActivationRecord, LicenseRecord, PartnerRecord,
    SubscriptionRecord, SupsSaleRecord,
};
pub use licenses::{installations_of, LicenseInstallations, LicenseOwner};
pub use operations::{
    backlog, breaches_since, close_email, forget_cron_runs, last_cron_run, record_cron_run,
    resend_email, troubled_email, troubled_emails, Backlog, Breach, CronRun, TroubledEmail,
};
pub use orders::{
    active_sups, append_entries, confirmation_address, expire_orders, insert_bank_payments,
    insert_matched_payment, insert_order, insert_payment, insert_refund, insert_staff_task,
    insert_staff_tasks, insert_webhook_event, mark_card_paid, mark_for_review,
    names_of_orders_in_review, order_by_id, order_for_refund, order_of, order_to_confirm,
    orders_by_references, orders_in_review, orders_matching, orders_of, record_coupon_debt,
    reverse_refund, set_order_status, settle_transfers, webhook_event, BankPayment,
    ConfirmableOrder, OrderRecord, OrderToRefund, Settlement, StaffTask,
};
pub use outbox::{
    claim_message, give_up_message, insert_message, insert_messages, insert_numbered_message,
    mark_failed, mark_not_sent, mark_sent, mark_unknown, outbox_messages, schedule_retry, Numbered,
    OutboxMessage, OutboxStatus, BODY_ERASED,
};
// Personal data.
pub use privacy::{
    contact_by_erasure_link, erase_contact, erasure_target, export_of, request_erasure,
    retention_sweep, ErasureLink, Exported, RetentionCutoffs, BODY_REMOVED, ERASED_NAME,
    ERASED_SUBJECT, EXPORTED, NOT_EXPORTED,
};
pub use profile::{
    confirm_email, insert_notice_if_pending, overview_of, pending_emails_in, set_pending_email,
    update_company, update_contact, HeldLicense, Overview, PendingEmail,
};
pub use query::{split, Decode, DecodeRows, Join, Joined, Query, Reads, Results, Then};
pub use staff::{
    audit_entries, delete_expired_sessions, exchange_link_for_session, insert_browser_session,
    insert_staff_member, revoke_browser_session, staff_member, staff_members, update_staff_member,
    AuditEntry, SessionKind, StaffMemberRecord,
};
pub use tasks::{
    resolve_task, settle_review, staff_task, staff_tasks, SettlementRecord, TaskRecord,
};
pub use tokens::{
    delete_expired_tokens, delete_tokens_of_contact, exchange_token, insert_token,
    is_link_quota_full, link_requests_to, link_requests_to_contact, record_link_request,
    spend_token,
};
pub use vat::{
    insert_vat_check, outages_since, rates_of, unchecked_vat_numbers, vat_number_answer, ViesAnswer,
};

use std::borrow::Cow;

use thiserror::Error;

/// A value bound to, or read from, a statement. D1 holds integers exactly up
/// to 2^53, which is why money is integer cents and ids are text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Null,
    Integer(i64),
    Text(String),
}

impl From<&str> for Value {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<i64> for Value {
    fn from(number: i64) -> Self {
        Self::Integer(number)
    }
}

impl From<bool> for Value {
    fn from(flag: bool) -> Self {
        Self::Integer(i64::from(flag))
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(value: Option<T>) -> Self {
        value.map_or(Self::Null, Into::into)
    }
}

impl Value {
    /// A JavaScript number, as D1 returns one: an integer when it is
    /// integral and below 2^53 (so exact), otherwise nothing the portal
    /// stores.
    pub fn from_number(number: f64) -> Option<Self> {
        (number.fract() == 0.0 && number.abs() < 9_007_199_254_740_992.0)
            .then_some(Self::Integer(number as i64))
    }
}

/// One SQL statement with its parameters, bound as `?1`, `?2`, …
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub sql: Cow<'static, str>,
    pub params: Vec<Value>,
}

impl Statement {
    pub fn new(sql: impl Into<Cow<'static, str>>, params: Vec<Value>) -> Self {
        Self {
            sql: sql.into(),
            params,
        }
    }
}

/// Rows written through `json_each(?1)`, as few statements as D1 allows:
/// one bound parameter each, at most about 256 KiB of JSON per statement, so
/// that 10,000 rows take some 20 statements, not 10,000.
pub fn bulk(sql: &str, rows: impl Iterator<Item = serde_json::Value>) -> Vec<Statement> {
    bulk_with(sql, rows, &[])
}

/// Like [`bulk`], with the same further parameters (`?2`, `?3`, …) bound to
/// every statement.
pub fn bulk_with(
    sql: &str,
    rows: impl Iterator<Item = serde_json::Value>,
    extra: &[Value],
) -> Vec<Statement> {
    const MAX_JSON_BYTES: usize = 256 * 1024;
    let params = |json: String| {
        let mut params = vec![Value::Text(json)];
        params.extend_from_slice(extra);
        params
    };
    let mut statements = Vec::new();
    let mut chunk = String::from("[");
    for row in rows {
        let text = row.to_string();
        if chunk.len() > 1 && chunk.len() + text.len() + 1 > MAX_JSON_BYTES {
            chunk.push(']');
            statements.push(Statement::new(
                sql.to_owned(),
                params(std::mem::replace(&mut chunk, String::from("["))),
            ));
        }
        if chunk.len() > 1 {
            chunk.push(',');
        }
        chunk.push_str(&text);
    }
    if chunk.len() > 1 {
        chunk.push(']');
        statements.push(Statement::new(sql.to_owned(), params(chunk)));
    }
    statements
}

/// A result row: column names and their values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row(pub Vec<(String, Value)>);

impl Row {
    /// A row from a JSON object: how D1 returns rows, and how a statement
    /// returns a joined record in one column (`json_object(…)`).
    pub fn from_json_object(
        object: serde_json::Map<String, serde_json::Value>,
    ) -> Result<Self, DbError> {
        use serde_json::Value as Json;
        object
            .into_iter()
            .map(|(name, value)| {
                let value = match value {
                    Json::Null => Value::Null,
                    Json::String(text) => Value::Text(text),
                    Json::Number(number) => match number.as_i64() {
                        Some(n) => Value::Integer(n),
                        // D1 returns JavaScript numbers: integral ones below
                        // 2^53 are exact.
                        None => match number.as_f64().and_then(Value::from_number) {
                            Some(value) => value,
                            None => {
                                return Err(DbError::Decode(format!(
                                    "{name} is not an integer: {number}"
                                )))
                            }
                        },
                    },
                    other => {
                        return Err(DbError::Decode(format!(
                            "{name} has an unsupported value {other}"
                        )))
                    }
                };
                Ok((name, value))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Row)
    }

    /// The row as a JSON object of its columns.
    pub fn to_json(&self) -> serde_json::Value {
        self.0
            .iter()
            .map(|(column, value)| {
                let value = match value {
                    Value::Null => serde_json::Value::Null,
                    Value::Integer(n) => (*n).into(),
                    Value::Text(text) => text.as_str().into(),
                };
                (column.clone(), value)
            })
            .collect::<serde_json::Map<_, _>>()
            .into()
    }

    /// A row from a column holding a JSON object.
    pub fn from_json(text: &str) -> Result<Self, DbError> {
        let object = serde_json::from_str(text)
            .map_err(|error| DbError::Decode(format!("not a JSON object: {error}")))?;
        Self::from_json_object(object)
    }

    fn get(&self, column: &str) -> Result<&Value, DbError> {
        self.0
            .iter()
            .find(|(name, _)| name == column)
            .map(|(_, value)| value)
            .ok_or_else(|| DbError::Decode(format!("no column {column}")))
    }

    pub fn text(&self, column: &str) -> Result<String, DbError> {
        match self.get(column)? {
            Value::Text(text) => Ok(text.clone()),
            other => Err(DbError::Decode(format!("{column} is {other:?}, not text"))),
        }
    }

    pub fn opt_text(&self, column: &str) -> Result<Option<String>, DbError> {
        match self.get(column)? {
            Value::Null => Ok(None),
            Value::Text(text) => Ok(Some(text.clone())),
            other => Err(DbError::Decode(format!("{column} is {other:?}, not text"))),
        }
    }

    /// A text column decoded into its domain type once, where the row is
    /// read: a stored value that no longer parses is an error, never
    /// skipped and never parsed again downstream.
    pub fn parsed<T>(
        &self,
        column: &str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Result<T, DbError> {
        let text = self.text(column)?;
        parse(&text).ok_or_else(|| DbError::Decode(format!("{column} does not parse: {text}")))
    }

    /// [`Row::parsed`] for a nullable column.
    pub fn opt_parsed<T>(
        &self,
        column: &str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Result<Option<T>, DbError> {
        match self.opt_text(column)? {
            None => Ok(None),
            Some(text) => parse(&text)
                .map(Some)
                .ok_or_else(|| DbError::Decode(format!("{column} does not parse: {text}"))),
        }
    }

    pub fn integer(&self, column: &str) -> Result<i64, DbError> {
        match self.get(column)? {
            Value::Integer(number) => Ok(*number),
            other => Err(DbError::Decode(format!(
                "{column} is {other:?}, not an integer"
            ))),
        }
    }

    pub fn opt_integer(&self, column: &str) -> Result<Option<i64>, DbError> {
        match self.get(column)? {
            Value::Null => Ok(None),
            Value::Integer(number) => Ok(Some(*number)),
            other => Err(DbError::Decode(format!(
                "{column} is {other:?}, not an integer"
            ))),
        }
    }

    pub fn instant(&self, column: &str) -> Result<crate::domain::time::Instant, DbError> {
        let text = self.text(column)?;
        crate::domain::time::parse(&text)
            .ok_or_else(|| DbError::Decode(format!("{column} is not an instant: {text}")))
    }

    pub fn opt_instant(
        &self,
        column: &str,
    ) -> Result<Option<crate::domain::time::Instant>, DbError> {
        match self.opt_text(column)? {
            None => Ok(None),
            Some(text) => crate::domain::time::parse(&text)
                .map(Some)
                .ok_or_else(|| DbError::Decode(format!("{column} is not an instant: {text}"))),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DbError {
    /// A UNIQUE, CHECK or trigger constraint refused the write; the whole
    /// batch was rolled back. The text names the constraint.
    #[error("constraint failed: {0}")]
    Constraint(String),
    #[error("database error: {0}")]
    Failed(String),
    #[error("unexpected row: {0}")]
    Decode(String),
}

impl DbError {
    /// Sorts a driver's error message: both SQLite and D1 name constraint
    /// failures with these words, and the schema's triggers raise theirs so.
    pub fn from_message(message: String) -> Self {
        if message.contains("constraint failed")
            || message.contains("SQLITE_CONSTRAINT")
            || message.contains("append-only")
        {
            Self::Constraint(message)
        } else {
            Self::Failed(message)
        }
    }

    /// Whether a constraint whose text contains `words` refused the write.
    pub fn is_constraint(&self, words: &str) -> bool {
        matches!(self, Self::Constraint(message) if message.contains(words))
    }

    /// Whether this is the UNIQUE constraint on `table.column`.
    pub fn is_unique_violation(&self, table_column: &str) -> bool {
        matches!(self, Self::Constraint(message) if message.contains("UNIQUE") && message.contains(table_column))
    }
}

/// The object store beside the database: attachments' bytes (R2 in the
/// Worker, a map in native tests). Keys are the portal's own
/// ([`crate::domain::attachment::object_key`]). A database without one
/// refuses every call.
#[allow(async_fn_in_trait)]
pub trait Blobs {
    /// Stores `bytes` under `key`, replacing what was there.
    async fn put_object(&self, key: &str, bytes: &[u8], media_type: &str) -> Result<(), DbError> {
        let _ = (key, bytes, media_type);
        Err(DbError::Failed("no object store here".into()))
    }
    /// The bytes under `key`, if any.
    async fn get_object(&self, key: &str) -> Result<Option<Vec<u8>>, DbError> {
        let _ = key;
        Err(DbError::Failed("no object store here".into()))
    }
    /// Removes `key`; removing what is not there succeeds.
    async fn delete_object(&self, key: &str) -> Result<(), DbError> {
        let _ = key;
        Err(DbError::Failed("no object store here".into()))
    }
    /// One page of the keys under `prefix` with when each was stored, in
    /// key order, from where `cursor` (the last page's) left off.
    async fn list_objects(
        &self,
        prefix: &str,
        cursor: Option<String>,
    ) -> Result<ObjectPage, DbError> {
        let _ = (prefix, cursor);
        Err(DbError::Failed("no object store here".into()))
    }
}

/// A page of [`Blobs::list_objects`]: keys and when each was stored, and
/// the cursor of the next page while there is one.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ObjectPage {
    pub objects: Vec<(String, crate::domain::time::Instant)>,
    pub cursor: Option<String>,
}

/// What the portal needs from a database. Futures need not be `Send`: the
/// Workers runtime is single-threaded.
#[allow(async_fn_in_trait)]
pub trait Database: Blobs {
    /// Runs one read and returns its rows.
    async fn query(&self, statement: Statement) -> Result<Vec<Row>, DbError>;
    /// Runs the statements as one transaction, all or nothing, and returns
    /// what each one wrote: the rows it changed, and the rows it returned
    /// (`RETURNING`, as a number allocated in the batch).
    async fn write_batch(&self, statements: Vec<Statement>) -> Result<Vec<Written>, DbError>;
    /// [`Database::write_batch`], the number of rows each statement changed.
    async fn batch(&self, statements: Vec<Statement>) -> Result<Vec<u64>, DbError> {
        Ok(self
            .write_batch(statements)
            .await?
            .into_iter()
            .map(|w| w.changes)
            .collect())
    }
    /// Runs several reads in one round trip (on D1, one batch) and returns
    /// each one's rows, in order: what a request reads before it decides.
    async fn reads(&self, statements: Vec<Statement>) -> Result<Vec<Vec<Row>>, DbError>;
    /// The driver's clock in microseconds, only to time round trips for
    /// `Server-Timing`; nothing is decided by it.
    fn micros(&self) -> u64;
}

/// What one statement of a write batch did.
#[derive(Debug, Clone, Default)]
pub struct Written {
    pub changes: u64,
    pub rows: Vec<Row>,
}

/// The human number a write batch allocated: the `number` its INSERT
/// returned (`RETURNING number`), decoded.
pub fn allocated_number<T, E>(
    written: &[Written],
    parse: impl Fn(&str) -> Result<T, E>,
) -> Option<T> {
    written
        .iter()
        .flat_map(|w| w.rows.iter())
        .find_map(|row| row.opt_text("number").ok().flatten())
        .and_then(|number| parse(&number).ok())
}

/// No database at all: the type the route table is read with when only its
/// rows are wanted, never its handlers (tests, the OpenAPI document).
#[cfg(not(target_arch = "wasm32"))]
pub enum Nowhere {}

#[cfg(not(target_arch = "wasm32"))]
impl Blobs for Nowhere {}

#[cfg(not(target_arch = "wasm32"))]
impl Database for Nowhere {
    async fn query(&self, _: Statement) -> Result<Vec<Row>, DbError> {
        match *self {}
    }
    async fn write_batch(&self, _: Vec<Statement>) -> Result<Vec<Written>, DbError> {
        match *self {}
    }
    async fn reads(&self, _: Vec<Statement>) -> Result<Vec<Vec<Row>>, DbError> {
        match *self {}
    }
    fn micros(&self) -> u64 {
        match *self {}
    }
}

/// The portal's queries over a [`Database`].
pub struct Store<D> {
    db: D,
}

impl<D: Database> Store<D> {
    pub fn new(db: D) -> Self {
        Self { db }
    }

    /// The database underneath, for tests that count its queries.
    pub fn db(&self) -> &D {
        &self.db
    }

    /// Writes one business step: every statement or none.
    pub async fn write(&self, statements: Vec<Statement>) -> Result<Vec<u64>, DbError> {
        self.db.batch(statements).await
    }

    /// [`Store::write`], with what each statement returned (`RETURNING`):
    /// a number the batch allocated, known without another round trip.
    pub async fn write_returning(
        &self,
        statements: Vec<Statement>,
    ) -> Result<Vec<Written>, DbError> {
        self.db.write_batch(statements).await
    }

    /// Sends `reads` in one round trip (none when there is nothing to
    /// read) and decodes each result with its statement's decoder, in the
    /// shape they were given.
    pub fn read<R: Reads>(
        &self,
        reads: R,
    ) -> impl std::future::Future<Output = Result<R::Output, DbError>> + '_ {
        let (batch, decoder) = split(reads);
        Then::new(self.results(batch), |results: Result<Results, DbError>| {
            results?.decode(decoder)
        })
    }

    /// `first` and then `rest` in one round trip: `first` decoded, the
    /// results of `rest` (a [`split`] batch) left for whoever may see them.
    /// A use case's first batch, the caller's own statement first.
    pub async fn read_first<F: Reads>(
        &self,
        first: F,
        rest: Vec<Statement>,
    ) -> Result<(F::Output, Results), DbError> {
        let (mut batch, decoder) = split(first);
        batch.extend(rest);
        let mut results = self.results(batch).await?;
        Ok((decoder.decode(&mut results)?, results))
    }

    /// Runs one query on its own, not as a batch.
    pub fn fetch<T: 'static>(
        &self,
        query: Query<T>,
    ) -> impl std::future::Future<Output = Result<T, DbError>> + '_ {
        let (statement, decode) = query.into_parts();
        Then::new(
            self.rows(statement),
            move |rows: Result<Vec<Row>, DbError>| decode(&rows?),
        )
    }

    /// The round trip of every batch of reads, whatever their shape: none
    /// for no statements (a batch of none is no D1 batch).
    async fn results(&self, batch: Vec<Statement>) -> Result<Results, DbError> {
        if batch.is_empty() {
            return Ok(Results::new(Vec::new()));
        }
        Ok(Results::new(self.db.reads(batch).await?))
    }

    /// The round trip of every query run on its own.
    async fn rows(&self, statement: Statement) -> Result<Vec<Row>, DbError> {
        self.db.query(statement).await
    }

    /// One statement's rows as they are, for tests that look into the
    /// tables; the portal itself reads only [`Query`]s.
    #[cfg(test)]
    pub async fn query(&self, statement: Statement) -> Result<Vec<Row>, DbError> {
        self.db.query(statement).await
    }
}

/// A request's view of the database that appends its audit row to every
/// write batch (the row is keyed by the request, so two batches record it
/// once), and hides that statement's result from the caller. The row is
/// made when a batch is written, from who the request turned out to be:
/// the caller is often learnt in the same batch as the records it reads.
pub struct Audited<'a, D> {
    db: &'a D,
    entry: &'a dyn Fn() -> Option<AuditEntry>,
}

impl<'a, D> Audited<'a, D> {
    pub fn new(db: &'a D, entry: &'a dyn Fn() -> Option<AuditEntry>) -> Self {
        Self { db, entry }
    }
}

impl<D: Database> Blobs for Audited<'_, D> {
    async fn put_object(&self, key: &str, bytes: &[u8], media_type: &str) -> Result<(), DbError> {
        self.db.put_object(key, bytes, media_type).await
    }

    async fn get_object(&self, key: &str) -> Result<Option<Vec<u8>>, DbError> {
        self.db.get_object(key).await
    }

    async fn delete_object(&self, key: &str) -> Result<(), DbError> {
        self.db.delete_object(key).await
    }

    async fn list_objects(
        &self,
        prefix: &str,
        cursor: Option<String>,
    ) -> Result<ObjectPage, DbError> {
        self.db.list_objects(prefix, cursor).await
    }
}

impl<D: Database> Database for Audited<'_, D> {
    async fn query(&self, statement: Statement) -> Result<Vec<Row>, DbError> {
        self.db.query(statement).await
    }

    async fn reads(&self, statements: Vec<Statement>) -> Result<Vec<Vec<Row>>, DbError> {
        self.db.reads(statements).await
    }

    fn micros(&self) -> u64 {
        self.db.micros()
    }

    async fn write_batch(&self, mut statements: Vec<Statement>) -> Result<Vec<Written>, DbError> {
        let Some(entry) = (self.entry)() else {
            return self.db.write_batch(statements).await;
        };
        statements.push(entry.insert());
        let mut written = self.db.write_batch(statements).await?;
        written.pop();
        Ok(written)
    }
}

/// A request's D1 round trips: how many, and their total time. Every request
/// should need at most two (one read, one write); `Server-Timing` shows it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RoundTrips {
    pub count: u32,
    pub millis: Millis,
}

/// A time in whole microseconds that prints as milliseconds: three decimals,
/// or as many as the precision asks (`{:.1}`), rounded. Integers only, so
/// the Worker carries no float formatting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Millis {
    pub micros: u64,
}

impl std::fmt::Display for Millis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let decimals = f.precision().unwrap_or(3).min(3);
        let unit = 10_u64.pow(3 - decimals as u32);
        let rounded = self.micros.saturating_add(unit / 2) / unit;
        let scale = 10_u64.pow(decimals as u32);
        if decimals == 0 {
            write!(f, "{rounded}")
        } else {
            write!(f, "{}.{:02$}", rounded / scale, rounded % scale, decimals)
        }
    }
}

/// A request's view of the database that counts and times its round trips.
pub struct Metered<'a, D> {
    db: &'a D,
    trips: std::cell::Cell<RoundTrips>,
}

impl<'a, D: Database> Metered<'a, D> {
    pub fn new(db: &'a D) -> Self {
        Self {
            db,
            trips: std::cell::Cell::new(RoundTrips::default()),
        }
    }

    /// The round trips made through this view so far.
    pub fn round_trips(&self) -> RoundTrips {
        self.trips.get()
    }

    async fn timed<T>(&self, trip: impl std::future::Future<Output = T>) -> T {
        let started = self.db.micros();
        let result = trip.await;
        let so_far = self.trips.get();
        let took = self.db.micros().saturating_sub(started);
        self.trips.set(RoundTrips {
            count: so_far.count + 1,
            millis: Millis {
                micros: so_far.millis.micros.saturating_add(took),
            },
        });
        result
    }
}

impl<D: Database> Blobs for Metered<'_, D> {
    async fn put_object(&self, key: &str, bytes: &[u8], media_type: &str) -> Result<(), DbError> {
        self.db.put_object(key, bytes, media_type).await
    }

    async fn get_object(&self, key: &str) -> Result<Option<Vec<u8>>, DbError> {
        self.db.get_object(key).await
    }

    async fn delete_object(&self, key: &str) -> Result<(), DbError> {
        self.db.delete_object(key).await
    }

    async fn list_objects(
        &self,
        prefix: &str,
        cursor: Option<String>,
    ) -> Result<ObjectPage, DbError> {
        self.db.list_objects(prefix, cursor).await
    }
}

impl<D: Database> Database for Metered<'_, D> {
    async fn query(&self, statement: Statement) -> Result<Vec<Row>, DbError> {
        self.timed(self.db.query(statement)).await
    }

    async fn write_batch(&self, statements: Vec<Statement>) -> Result<Vec<Written>, DbError> {
        self.timed(self.db.write_batch(statements)).await
    }

    async fn reads(&self, statements: Vec<Statement>) -> Result<Vec<Vec<Row>>, DbError> {
        self.timed(self.db.reads(statements)).await
    }

    fn micros(&self) -> u64 {
        self.db.micros()
    }
}

#[cfg(test)]
mod tests {
    use super::Millis;

    #[test]
    fn millis_print_from_integers_rounded_to_the_precision_asked() {
        let ms = |micros| Millis { micros };
        assert_eq!(ms(12_345).to_string(), "12.345");
        assert_eq!(format!("{:.1}", ms(12_345)), "12.3");
        assert_eq!(format!("{:.1}", ms(12_350)), "12.4");
        assert_eq!(format!("{:.1}", ms(0)), "0.0");
        assert_eq!(format!("{:.1}", ms(999_960)), "1000.0");
        assert_eq!(format!("{:.2}", ms(5)), "0.01");
        assert_eq!(format!("{:.0}", ms(1_500)), "2");
        assert_eq!(format!("{:.9}", ms(7)), "0.007");
        assert_eq!(format!("{:.1}", ms(u64::MAX)), "18446744073709551.6");
    }
}
