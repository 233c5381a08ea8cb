//! Personal data: the retention sweep's, the export's and erasure's
//! statements.

use super::outbox::BODY_ERASED;
use super::{
    delete_expired_sessions, delete_expired_tokens, Joined, Query, Reads, Row, Statement, Value,
};
use crate::domain::time::{format, Instant};
use crate::domain::token::SecretHash;

/// What the body of an email becomes once its period is over.
pub const BODY_REMOVED: &str = "[removed after its retention period]";

/// The instants before which each kind of data has served its purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionCutoffs {
    pub now: Instant,
    /// Tokens and sessions that expired before this.
    pub expired: Instant,
    pub rate_counters: Instant,
    /// Settled emails created before this lose their bodies.
    pub email_bodies: Instant,
    /// Registrations still unconfirmed that were made before this go.
    pub unconfirmed: Instant,
    /// Idempotency keys first used before this are forgotten.
    pub idempotency_keys: Instant,
}

/// Organisations registered before `?1` and never confirmed that nothing
/// else refers to: no money, no license, no incident, no order, no claim by
/// another organisation, no bulletin. Their contacts, links, claims and the
/// emails addressed to those contacts go with them.
const STALE_REGISTRATIONS: &str = "SELECT c.id FROM customers c \
     WHERE c.status = 'pending_verification' AND c.created_at < ?1 \
     AND NOT EXISTS (SELECT 1 FROM ledger_entries x WHERE x.customer_id = c.id) \
     AND NOT EXISTS (SELECT 1 FROM coupon_accounts x WHERE x.customer_id = c.id) \
     AND NOT EXISTS (SELECT 1 FROM coupon_orders x WHERE x.customer_id = c.id) \
     AND NOT EXISTS (SELECT 1 FROM staff_tasks x WHERE x.customer_id = c.id) \
     AND NOT EXISTS (SELECT 1 FROM sups_subscriptions x WHERE x.customer_id = c.id) \
     AND NOT EXISTS (SELECT 1 FROM incidents x WHERE x.customer_id = c.id) \
     AND NOT EXISTS (SELECT 1 FROM licenses x WHERE x.holder_id = c.id) \
     AND NOT EXISTS (SELECT 1 FROM activations x WHERE x.customer_id = c.id) \
     AND NOT EXISTS (SELECT 1 FROM customers x WHERE x.merged_into = c.id) \
     AND NOT EXISTS (SELECT 1 FROM contacts k WHERE k.customer_id = c.id AND ( \
          EXISTS (SELECT 1 FROM contacts x WHERE x.invited_by = k.id AND x.customer_id <> c.id) \
       OR EXISTS (SELECT 1 FROM bulletin_recipients x WHERE x.contact_id = k.id) \
       OR EXISTS (SELECT 1 FROM coupon_orders x WHERE x.contact_id = k.id) \
       OR EXISTS (SELECT 1 FROM incidents x WHERE x.contact_id = k.id) \
       OR EXISTS (SELECT 1 FROM incident_messages x WHERE x.contact_id = k.id) \
       OR EXISTS (SELECT 1 FROM license_claims x WHERE x.contact_id = k.id AND x.customer_id <> c.id)))";

/// The retention sweep, one batch: each statement removes a kind of data
/// whose period is over, set-based, whatever the number of rows. The stale
/// registrations are chosen by the same query in each statement; the rows
/// deleted before the last are none that the query looks at, so every
/// statement sees the same set.
pub fn retention_sweep(cutoffs: &RetentionCutoffs) -> Vec<Statement> {
    let unconfirmed = || vec![format(cutoffs.unconfirmed).into()];
    let contacts = format!("SELECT id FROM contacts WHERE customer_id IN ({STALE_REGISTRATIONS})");
    vec![
        delete_expired_tokens(cutoffs.expired),
        super::delete_expired_invitations(cutoffs.expired),
        delete_expired_sessions(cutoffs.expired),
        Statement::new(
            "UPDATE contacts SET pending_email = NULL, email_token_hash = NULL, email_token_expires_at = NULL \
             WHERE email_token_expires_at < ?1",
            vec![format(cutoffs.expired).into()],
        ),
        Statement::new(
            "DELETE FROM rate_counters WHERE window_start < ?1",
            vec![format(cutoffs.rate_counters).into()],
        ),
        Statement::new(
            "DELETE FROM link_requests WHERE requested_at < ?1",
            vec![format(cutoffs.rate_counters).into()],
        ),
        Statement::new(
            "UPDATE outbox SET body_text = ?2, body_html = NULL, headers = NULL \
             WHERE status NOT IN ('pending', 'sending') AND created_at < ?1 AND body_text <> ?2",
            vec![format(cutoffs.email_bodies).into(), BODY_REMOVED.into()],
        ),
        // An unsubscribe link lives as long as the text of the email that
        // carried it; the profile unsubscribes at any time.
        Statement::new(
            "DELETE FROM unsubscribe_tokens WHERE created_at < ?1",
            vec![format(cutoffs.email_bodies).into()],
        ),
        Statement::new(
            "DELETE FROM idempotency_keys WHERE created_at < ?1",
            vec![format(cutoffs.idempotency_keys).into()],
        ),
        // The emails addressed to their contacts, or written for them, by
        // recipient, never by address (so never the desk's): whatever their
        // status, as their contacts go.
        Statement::new(
            format!(
                "DELETE FROM outbox WHERE contact_id IN ({contacts}) \
                 OR customer_id IN ({STALE_REGISTRATIONS})"
            ),
            unconfirmed(),
        ),
        Statement::new(
            format!(
                "DELETE FROM auth_tokens WHERE contact_id IN ({contacts}) \
                 OR claim_id IN (SELECT id FROM license_claims WHERE customer_id IN ({STALE_REGISTRATIONS}))"
            ),
            unconfirmed(),
        ),
        Statement::new(
            format!("DELETE FROM unsubscribe_tokens WHERE contact_id IN ({contacts})"),
            unconfirmed(),
        ),
        Statement::new(
            format!("DELETE FROM vat_checks WHERE customer_id IN ({STALE_REGISTRATIONS})"),
            unconfirmed(),
        ),
        Statement::new(
            format!("DELETE FROM license_claims WHERE customer_id IN ({STALE_REGISTRATIONS})"),
            unconfirmed(),
        ),
        Statement::new(
            format!("DELETE FROM contacts WHERE customer_id IN ({STALE_REGISTRATIONS})"),
            unconfirmed(),
        ),
        Statement::new(
            format!("DELETE FROM customers WHERE id IN ({STALE_REGISTRATIONS})"),
            unconfirmed(),
        ),
    ]
}

/// The name an erased contact keeps.
pub const ERASED_NAME: &str = "Erased contact";

/// The subject an email addressed to an erased contact keeps.
pub const ERASED_SUBJECT: &str = "[erased]";

/// What a message an erased contact wrote keeps of its text.
pub const ERASED_MESSAGE: &str = "[erased with the personal data of the contact who wrote it]";

/// A contact's request to be erased: the emailed link's hash and expiry (a
/// newer request replaces the older link).
pub fn request_erasure(contact_id: &str, hash: SecretHash, expires_at: Instant) -> Statement {
    Statement::new(
        "UPDATE contacts SET erasure_token_hash = ?2, erasure_token_expires_at = ?3 \
         WHERE id = ?1 AND erased_at IS NULL",
        vec![
            contact_id.into(),
            hash.to_hex().into(),
            format(expires_at).into(),
        ],
    )
}

/// The contact an erasure link was sent to, and when the link expires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErasureLink {
    pub contact_id: String,
    pub expires_at: Instant,
}

/// The contact an erasure link belongs to (not yet erased), with the
/// link's expiry.
pub fn contact_by_erasure_link(hash: SecretHash) -> Query<Option<ErasureLink>> {
    Query::new(
        Statement::new(
            "SELECT id, erasure_token_expires_at FROM contacts \
             WHERE erasure_token_hash = ?1 AND erased_at IS NULL",
            vec![hash.to_hex().into()],
        ),
        |rows| {
            rows.first()
                .map(|row| {
                    Ok(ErasureLink {
                        contact_id: row.text("id")?,
                        expires_at: row.instant("erasure_token_expires_at")?,
                    })
                })
                .transpose()
        },
    )
}

/// Whether a contact staff erase is erased already; none when there is no
/// such contact.
pub fn erasure_target(contact_id: &str) -> Query<Option<bool>> {
    Query::new(
        Statement::new(
            "SELECT id, customer_id, erased_at FROM contacts WHERE id = ?1",
            vec![contact_id.into()],
        ),
        |rows| {
            rows.first()
                .map(|row| Ok(row.opt_text("erased_at")?.is_some()))
                .transpose()
        },
    )
}

/// Erases a contact in one batch, by what the contact owns, never by
/// matching their name, address or phone in text (a contact named "e" would
/// rewrite every text of every organisation):
///
/// - their own row: the pseudonym, no address or phone, no consent, no
///   pending address or links, `removed` and `erased_at`;
/// - the emails addressed to them (`outbox.contact_id`): the pseudonymous
///   address, no subject, text, HTML or headers; those still pending are
///   not sent;
/// - the messages they wrote (`incident_messages.contact_id`): neither
///   their words nor their name or address as author; the replies they
///   emailed (`inbound_emails` of those messages): no sender;
/// - the incidents they raised (`incidents.contact_id`): no callback phone
///   or preferred times, under a new revision so that a desk change planned
///   from an earlier read fails instead of writing them back;
/// - their links, access tokens, browser sessions and unsubscribe links;
///   bulletins still waiting skip them; their link requests of the hour.
///
/// What stays, as a regulator would expect it to: what the organisation
/// asked for and was charged for is the organisation's record, not the
/// person's, so an incident keeps its subject, description, timeline and
/// charges, and orders, ledger entries, payments and invoices keep referring
/// to the contact by id (tax and accounting law keep invoices 10 years).
/// Other people's rows stay whatever they say of the person: a colleague's
/// emails and messages, staff's call notes and tasks, the emails to the
/// vendor's own desk (its record of what it was asked, kept under its
/// legitimate interest, whose texts the retention period removes), the
/// append-only audit log (a legal obligation) and a bank's remitter name.
///
/// Every statement reads the contact as it was (its row changes last) and
/// acts only while it is not yet erased, so a replay writes nothing.
pub fn erase_contact(contact_id: &str, pseudonym: &str, by: &str, now: Instant) -> Vec<Statement> {
    let params = || vec![contact_id.into(), pseudonym.into()];
    let id = || vec![contact_id.into()];
    let contact = "SELECT name, email, phone FROM contacts WHERE id = ?1 AND erased_at IS NULL";
    let theirs = |sql: &str, params: Vec<Value>| {
        Statement::new(format!("{sql} AND EXISTS ({contact})"), params)
    };
    vec![
        theirs(
            "UPDATE outbox SET status = 'not_sent', last_error = 'recipient erased' \
             WHERE contact_id = ?1 AND status = 'pending'",
            id(),
        ),
        theirs(
            &format!(
                "UPDATE outbox SET to_address = ?2, subject = '{ERASED_SUBJECT}', body_text = '{BODY_ERASED}', \
                 body_html = NULL, headers = NULL WHERE contact_id = ?1"
            ),
            params(),
        ),
        theirs(
            "INSERT INTO incident_revisions (incident_id, revision) \
             SELECT id, revision + 1 FROM incidents WHERE contact_id = ?1 \
             AND (phone IS NOT NULL OR preferred_times IS NOT NULL)",
            id(),
        ),
        theirs(
            "UPDATE incidents SET phone = NULL, preferred_times = NULL, revision = revision + 1 \
             WHERE contact_id = ?1 AND (phone IS NOT NULL OR preferred_times IS NOT NULL)",
            id(),
        ),
        theirs(
            "UPDATE inbound_emails SET sender = ?2 \
             WHERE incident_message_id IN (SELECT id FROM incident_messages WHERE contact_id = ?1)",
            params(),
        ),
        theirs(
            &format!(
                "UPDATE incident_messages SET author_name = '{ERASED_NAME}', recorded_by = ?2, \
                 body = '{ERASED_MESSAGE}' WHERE contact_id = ?1"
            ),
            params(),
        ),
        Statement::new(
            format!("DELETE FROM link_requests WHERE address = (SELECT email FROM ({contact}))"),
            id(),
        ),
        theirs("DELETE FROM auth_tokens WHERE contact_id = ?1", id()),
        theirs("DELETE FROM invitations WHERE contact_id = ?1", id()),
        theirs(
            "DELETE FROM browser_sessions WHERE kind = 'customer' AND subject_id = ?1",
            id(),
        ),
        theirs("DELETE FROM unsubscribe_tokens WHERE contact_id = ?1", id()),
        theirs(
            "UPDATE bulletin_recipients SET status = 'skipped' WHERE contact_id = ?1 AND status = 'pending'",
            id(),
        ),
        Statement::new(
            format!(
                "UPDATE contacts SET name = '{ERASED_NAME}', email = ?2, phone = '', newsletter = 0, \
                 newsletter_consent_at = NULL, pending_email = NULL, email_token_hash = NULL, \
                 email_token_expires_at = NULL, erasure_token_hash = NULL, erasure_token_expires_at = NULL, \
                 status = 'removed', removed_at = COALESCE(removed_at, ?3), removed_by = COALESCE(removed_by, ?4), \
                 erased_at = ?3 WHERE id = ?1 AND erased_at IS NULL"
            ),
            vec![
                contact_id.into(),
                pseudonym.into(),
                format(now).into(),
                by.into(),
            ],
        ),
    ]
}

/// One part of the export: its name in the document, the table it reads,
/// and the query of the organisation's rows, `{c}` standing for its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exported {
    pub name: &'static str,
    pub table: &'static str,
    sql: &'static str,
}

const fn part(name: &'static str, table: &'static str, sql: &'static str) -> Exported {
    Exported { name, table, sql }
}

/// Everything the portal holds about an organisation and its contacts, one
/// line per table (a new table holding customer data is one more line, and
/// `tests::every_table_is_exported_or_holds_no_customer_data` asks for it).
/// Secrets' hashes and the bodies of emails not yet sent (their links still
/// open something) are left out: they are keys, not data about anyone.
/// Beside each `order_id` and `incident_id` stands the number people read
/// (`order_number`: `ORD-2026-00017`, `incident_number`: `INC-2026-00042`).
pub const EXPORTED: &[Exported] = &[
    part("organisation", "customers", "SELECT * FROM customers WHERE id = {c}"),
    part("contacts", "contacts", "SELECT id, customer_id, status, name, email, phone, newsletter, newsletter_consent_at, terms_version, terms_accepted_at, invited_by, created_at, verified_at, removed_at, removed_by, pending_email, email_token_expires_at, language FROM contacts WHERE customer_id = {c} ORDER BY created_at"),
    part("invitations", "invitations", "SELECT id, customer_id, invited_by, name, email, phone, created_at, expires_at, accepted_at, contact_id, replaced_at, withdrawn_at, withdrawn_by FROM invitations WHERE customer_id = {c} ORDER BY created_at"),
    part("license_claims", "license_claims", "SELECT * FROM license_claims WHERE customer_id = {c} ORDER BY created_at"),
    part("sign_in_links", "auth_tokens", "SELECT purpose, contact_id, claim_id, created_at, expires_at, used_at FROM auth_tokens WHERE contact_id IN (SELECT id FROM contacts WHERE customer_id = {c}) ORDER BY created_at"),
    part("browser_sessions", "browser_sessions", "SELECT kind, subject_id, created_at, expires_at, revoked_at FROM browser_sessions WHERE kind = 'customer' AND subject_id IN (SELECT id FROM contacts WHERE customer_id = {c}) ORDER BY created_at"),
    part("coupon_account", "coupon_accounts", "SELECT * FROM coupon_accounts WHERE customer_id = {c}"),
    part("ledger", "ledger_entries", "SELECT ledger_entries.*, (SELECT n.number FROM coupon_orders n WHERE n.id = ledger_entries.order_id) AS order_number, (SELECT n.number FROM incidents n WHERE n.id = ledger_entries.incident_id) AS incident_number FROM ledger_entries WHERE customer_id = {c} ORDER BY created_at, rowid"),
    part("orders", "coupon_orders", "SELECT * FROM coupon_orders WHERE customer_id = {c} ORDER BY created_at"),
    part("payments", "payments", "SELECT payments.*, (SELECT n.number FROM coupon_orders n WHERE n.id = payments.order_id) AS order_number FROM payments WHERE order_id IN (SELECT id FROM coupon_orders WHERE customer_id = {c}) ORDER BY created_at"),
    part("bank_transfers", "bank_entries", "SELECT booking_date, amount_cents, currency, reference, remitter, outcome, order_id, created_at, matched_at, (SELECT n.number FROM coupon_orders n WHERE n.id = bank_entries.order_id) AS order_number FROM bank_entries WHERE order_id IN (SELECT id FROM coupon_orders WHERE customer_id = {c}) ORDER BY created_at"),
    part("order_settlements", "order_settlements", "SELECT order_settlements.*, (SELECT n.number FROM coupon_orders n WHERE n.id = order_settlements.order_id) AS order_number FROM order_settlements WHERE order_id IN (SELECT id FROM coupon_orders WHERE customer_id = {c}) ORDER BY settled_at"),
    part("staff_tasks", "staff_tasks", "SELECT staff_tasks.*, (SELECT n.number FROM coupon_orders n WHERE n.id = staff_tasks.order_id) AS order_number FROM staff_tasks WHERE customer_id = {c} OR order_id IN (SELECT id FROM coupon_orders WHERE customer_id = {c}) ORDER BY created_at"),
    part("sups_subscriptions", "sups_subscriptions", "SELECT * FROM sups_subscriptions WHERE customer_id = {c} ORDER BY created_at"),
    part("sups_sales", "sups_sales", "SELECT * FROM sups_sales WHERE subscription_id IN (SELECT id FROM sups_subscriptions WHERE customer_id = {c}) ORDER BY created_at"),
    part("licenses", "licenses", "SELECT * FROM licenses WHERE holder_id = {c} ORDER BY serial"),
    part("activations", "activations", "SELECT * FROM activations WHERE customer_id = {c} OR serial IN (SELECT serial FROM licenses WHERE holder_id = {c}) ORDER BY created_at"),
    part("activation_audit", "activation_audit", "SELECT * FROM activation_audit WHERE serial IN (SELECT serial FROM licenses WHERE holder_id = {c}) OR activation_id IN (SELECT id FROM activations WHERE customer_id = {c}) ORDER BY created_at"),
    part("incidents", "incidents", "SELECT * FROM incidents WHERE customer_id = {c} ORDER BY created_at"),
    part("incident_revisions", "incident_revisions", "SELECT incident_revisions.*, (SELECT n.number FROM incidents n WHERE n.id = incident_revisions.incident_id) AS incident_number FROM incident_revisions WHERE incident_id IN (SELECT id FROM incidents WHERE customer_id = {c}) ORDER BY incident_id, revision"),
    part("callback_attempts", "callback_attempts", "SELECT id, incident_id, number, outcome, channel, created_at, recorded_by, (SELECT n.number FROM incidents n WHERE n.id = callback_attempts.incident_id) AS incident_number FROM callback_attempts WHERE incident_id IN (SELECT id FROM incidents WHERE customer_id = {c}) ORDER BY created_at"),
    part("incident_timers", "incident_timers", "SELECT incident_timers.*, (SELECT n.number FROM incidents n WHERE n.id = incident_timers.incident_id) AS incident_number FROM incident_timers WHERE incident_id IN (SELECT id FROM incidents WHERE customer_id = {c}) ORDER BY due_at"),
    part("support_sessions", "support_sessions", "SELECT support_sessions.*, (SELECT n.number FROM incidents n WHERE n.id = support_sessions.incident_id) AS incident_number FROM support_sessions WHERE incident_id IN (SELECT id FROM incidents WHERE customer_id = {c}) ORDER BY started_at"),
    part("incident_messages", "incident_messages", "SELECT incident_messages.*, (SELECT n.number FROM incidents n WHERE n.id = incident_messages.incident_id) AS incident_number FROM incident_messages WHERE incident_id IN (SELECT id FROM incidents WHERE customer_id = {c}) ORDER BY created_at"),
    part("attachments", "attachments", "SELECT id, incident_id, uploaded_by, uploader_name, name, size, content_type, sha256, created_at, (SELECT n.number FROM incidents n WHERE n.id = attachments.incident_id) AS incident_number FROM attachments WHERE customer_id = {c} ORDER BY created_at"),
    part("inbound_emails", "inbound_emails", "SELECT inbound_emails.*, (SELECT n.number FROM incidents n WHERE n.id = inbound_emails.incident_id) AS incident_number FROM inbound_emails WHERE incident_id IN (SELECT id FROM incidents WHERE customer_id = {c}) ORDER BY received_at"),
    part("emails", "outbox", "SELECT id, kind, contact_id, to_address, subject, CASE WHEN status IN ('pending', 'sending') THEN NULL ELSE body_text END AS body_text, status, created_at, sent_at FROM outbox WHERE customer_id = {c} ORDER BY created_at"),
    part("bulletins_received", "bulletin_recipients", "SELECT bulletin_id, contact_id, status, outbox_id FROM bulletin_recipients WHERE contact_id IN (SELECT id FROM contacts WHERE customer_id = {c})"),
    part("unsubscribe_links", "unsubscribe_tokens", "SELECT contact_id, created_at FROM unsubscribe_tokens WHERE contact_id IN (SELECT id FROM contacts WHERE customer_id = {c}) ORDER BY created_at"),
    part("invoices", "invoices", "SELECT invoices.*, (SELECT n.number FROM coupon_orders n WHERE n.id = invoices.order_id) AS order_number FROM invoices WHERE customer_id = {c} ORDER BY year, seq"),
    part("vat_checks", "vat_checks", "SELECT * FROM vat_checks WHERE customer_id = {c} ORDER BY checked_at"),
    part("audit_entries", "audit_log", "SELECT * FROM audit_log WHERE instr(target, {c}) > 0 OR EXISTS (SELECT 1 FROM contacts k WHERE k.customer_id = {c} AND instr(audit_log.target, k.id) > 0) OR EXISTS (SELECT 1 FROM incidents i WHERE i.customer_id = {c} AND instr(audit_log.target, i.id) > 0) OR EXISTS (SELECT 1 FROM coupon_orders o WHERE o.customer_id = {c} AND instr(audit_log.target, o.id) > 0) ORDER BY created_at"),
];

/// Tables that hold no data about a customer, each with the reason.
pub const NOT_EXPORTED: &[(&str, &str)] = &[
    (
        "phone_calls",
        "the desk's running phone call: a start and the agent, until Stop makes it a support session (exported)",
    ),
    ("bulletins", "news written by staff for every subscriber"),
    (
        "webhook_events",
        "Stripe's event ids and outcomes; the payments they made are exported",
    ),
    (
        "bank_statements",
        "the vendor's own bank statements; a customer's transfers are exported as bank_transfers",
    ),
    ("partners", "the resellers' and technicians' own records"),
    ("releases", "product release dates"),
    ("vat_rates", "VAT rates by country and start date"),
    (
        "rate_counters",
        "request counts per client address and license, kept an hour, naming no customer",
    ),
    (
        "link_requests",
        "when links were asked for an address, by anyone who typed it, kept an hour for the quota",
    ),
    ("staff_members", "the vendor's staff"),
    (
        "cron_runs",
        "when the cron sweep ran and how much it did, naming no one",
    ),
    (
        "idempotency_keys",
        "staff's and partners' replay protection; the changes they made are exported",
    ),
];

/// The export of the organisation in `scope`: one statement per part of
/// [`EXPORTED`], read in one batch into one JSON object, each part by its
/// name as the rows of its columns.
pub fn export_of(
    scope: &super::CustomerScope,
) -> impl Reads<Output = serde_json::Map<String, serde_json::Value>> {
    let customer = scope.sql(1);
    let parts: Vec<Query<Vec<serde_json::Value>>> = EXPORTED
        .iter()
        .map(|part| {
            Query::new(
                Statement::new(part.sql.replace("{c}", &customer), vec![scope.param()]),
                |rows| Ok(rows.iter().map(Row::to_json).collect()),
            )
        })
        .collect();
    // The parts were made from EXPORTED in its order, so they zip with it.
    Joined::new(parts, |parts| {
        Ok(EXPORTED
            .iter()
            .zip(parts)
            .map(|(part, rows)| (part.name.to_owned(), rows.into()))
            .collect())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    fn tables() -> Vec<String> {
        let connection = Connection::open_in_memory().unwrap();
        connection
            .execute_batch(super::super::sqlite::SCHEMA)
            .unwrap();
        let mut statement = connection
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .unwrap();
        let names = statement.query_map([], |row| row.get(0)).unwrap();
        names.map(Result::unwrap).collect()
    }

    /// A new table forces a decision: it is exported (a line in
    /// [`EXPORTED`]) or listed, with its reason, as holding no customer data.
    #[test]
    fn every_table_is_exported_or_holds_no_customer_data() {
        let tables = tables();
        assert!(tables.len() > 30, "{tables:?}");
        for table in &tables {
            let exported = EXPORTED.iter().any(|part| part.table == table);
            let not = NOT_EXPORTED.iter().any(|(name, _)| name == table);
            assert!(
                exported != not,
                "{table}: add it to EXPORTED (store/privacy.rs), or to NOT_EXPORTED with the reason it holds no customer data"
            );
        }
        for name in EXPORTED
            .iter()
            .map(|part| part.table)
            .chain(NOT_EXPORTED.iter().map(|(name, _)| *name))
        {
            assert!(tables.iter().any(|t| t == name), "{name} is no table");
        }
    }
}
