//! A profile's changes: the organisation's company data, the contact's name
//! and phone, and a new address that waits for its link.

use super::{
    ActivationRecord, CustomerScope, Database, DbError, IncidentRecord, Joined, LedgerLine,
    LicenseRecord, Query, Reads, Statement, Store, SubscriptionRecord,
};
use crate::domain::notification::Message;
use crate::domain::profile::ProfileChange;
use crate::domain::time::{format, Instant};
use crate::domain::token::SecretHash;

/// A customer's overview, for the organisation in `scope`: its balance,
/// pending addresses, newest ledger lines, licenses held with their live
/// activations and their SUPS subscriptions, incidents. (Orders are
/// `orders_of`'s.) Seven statements in one batch, whatever the number of
/// licenses, joined into one [`Overview`].
pub fn overview_of(scope: &CustomerScope, ledger_lines: i64) -> impl Reads<Output = Overview> {
    use super::incidents::SELECTED as INCIDENT_COLUMNS;
    use super::licenses::{ACTIVATION_COLUMNS, LICENSE_COLUMNS, SUBSCRIPTION_COLUMNS};
    let customer = scope.sql(1);
    let read = |sql: String| Statement::new(sql, vec![scope.param()]);
    let reads = (
        Query::new(
            read(format!(
                "SELECT COALESCE((SELECT balance FROM coupon_accounts WHERE customer_id = {customer}), 0) AS balance"
            )),
            |rows| rows.first().map_or(Ok(0), |row| row.integer("balance")),
        ),
        pending_emails_in(scope),
        Query::new(
            Statement::new(
                format!(
                    "SELECT {} FROM ledger_entries \
                     WHERE customer_id = {customer} ORDER BY created_at DESC, rowid DESC LIMIT ?2",
                    super::ledger::LEDGER_COLUMNS
                ),
                vec![scope.param(), ledger_lines.into()],
            ),
            |rows| rows.iter().map(LedgerLine::from_row).collect(),
        ),
        Query::new(
            read(format!(
                "SELECT {LICENSE_COLUMNS} FROM licenses WHERE holder_id = {customer} ORDER BY serial LIMIT 1000"
            )),
            |rows| rows.iter().map(super::licenses::license).collect(),
        ),
        Query::new(
            read(format!(
                "SELECT {ACTIVATION_COLUMNS} FROM activations WHERE deactivated_at IS NULL AND serial IN \
                 (SELECT serial FROM licenses WHERE holder_id = {customer}) ORDER BY created_at"
            )),
            |rows| rows.iter().map(super::licenses::activation).collect(),
        ),
        Query::new(
            read(format!(
                "SELECT {SUBSCRIPTION_COLUMNS} FROM sups_subscriptions WHERE customer_id = {customer} ORDER BY serial"
            )),
            |rows| rows.iter().map(super::licenses::subscription).collect(),
        ),
        Query::new(
            read(format!(
                "SELECT {INCIDENT_COLUMNS} FROM incidents WHERE customer_id = {customer} \
                 ORDER BY created_at DESC LIMIT 200"
            )),
            |rows| rows.iter().map(IncidentRecord::from_row).collect(),
        ),
    );
    Joined::new(reads, Overview::of)
}

/// The organisation's contacts' addresses waiting for their link: (contact
/// id, address).
pub fn pending_emails_in(scope: &CustomerScope) -> Query<Vec<(String, String)>> {
    let sql = format!(
        "SELECT id, pending_email FROM contacts WHERE customer_id = {} AND pending_email IS NOT NULL",
        scope.sql(1)
    );
    Query::new(Statement::new(sql, vec![scope.param()]), |rows| {
        rows.iter()
            .map(|row| Ok((row.text("id")?, row.text("pending_email")?)))
            .collect()
    })
}

/// A license the organisation holds, with its live activations and the
/// organisation's SUPS subscriptions of it.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldLicense {
    pub license: LicenseRecord,
    pub activations: Vec<ActivationRecord>,
    pub subscriptions: Vec<SubscriptionRecord>,
}

/// What [`overview_of`] read.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    pub coupon_balance: i64,
    /// Contacts' addresses waiting for their link, by contact id.
    pub pending_emails: Vec<(String, String)>,
    pub ledger: Vec<LedgerLine>,
    pub licenses: Vec<HeldLicense>,
    pub incidents: Vec<IncidentRecord>,
}

/// What each of [`overview_of`]'s statements read, in its order.
type OverviewRead = (
    i64,
    Vec<(String, String)>,
    Vec<LedgerLine>,
    Vec<LicenseRecord>,
    Vec<ActivationRecord>,
    Vec<SubscriptionRecord>,
    Vec<IncidentRecord>,
);

impl Overview {
    /// Each license with its own activations and subscriptions.
    fn of(read: OverviewRead) -> Result<Self, DbError> {
        let (
            coupon_balance,
            pending_emails,
            ledger,
            licenses,
            activations,
            subscriptions,
            incidents,
        ) = read;
        let licenses = licenses
            .into_iter()
            .map(|license| HeldLicense {
                activations: activations
                    .iter()
                    .filter(|a| a.serial == license.serial)
                    .cloned()
                    .collect(),
                subscriptions: subscriptions
                    .iter()
                    .filter(|s| s.serial == license.serial)
                    .cloned()
                    .collect(),
                license,
            })
            .collect();
        Ok(Self {
            coupon_balance,
            pending_emails,
            ledger,
            licenses,
            incidents,
        })
    }
}

/// The company fields that are present; the others stay.
/// Only while the contact who changes it is an active contact of it.
pub fn update_company(customer_id: &str, contact_id: &str, change: &ProfileChange) -> Statement {
    let text = |t: &Option<crate::domain::text::Text>| t.as_ref().map(|t| t.as_str().to_owned());
    Statement::new(
        "UPDATE customers SET company_name = COALESCE(?2, company_name), street = COALESCE(?3, street), \
         postal_code = COALESCE(?4, postal_code), city = COALESCE(?5, city), country = COALESCE(?6, country), \
         vat_id = CASE WHEN ?7 THEN ?8 ELSE vat_id END WHERE id = ?1 AND EXISTS \
         (SELECT 1 FROM contacts WHERE id = ?9 AND customer_id = ?1 AND status = 'active')",
        vec![
            customer_id.into(),
            text(&change.company_name).into(),
            text(&change.street).into(),
            text(&change.postal_code).into(),
            text(&change.city).into(),
            change.country.map(|c| c.code()).into(),
            change.vat_id.is_some().into(),
            change
                .vat_id
                .as_ref()
                .and_then(|v| v.as_ref().map(|v| v.as_str().to_owned()))
                .into(),
            contact_id.into(),
        ],
    )
}

/// The contact's name and phone, if present.
pub fn update_contact(contact_id: &str, change: &ProfileChange) -> Statement {
    Statement::new(
        "UPDATE contacts SET name = COALESCE(?2, name), phone = COALESCE(?3, phone), \
         language = COALESCE(?4, language) WHERE id = ?1 AND status = 'active'",
        vec![
            contact_id.into(),
            change.contact_name.as_ref().map(|t| t.as_str()).into(),
            change.phone.as_ref().map(|p| p.as_str()).into(),
            change.language.map(|l| l.as_str()).into(),
        ],
    )
}

/// A new address waits for its link (a newer one replaces it).
pub fn set_pending_email(
    contact_id: &str,
    email: &str,
    hash: SecretHash,
    expires_at: Instant,
) -> Statement {
    Statement::new(
        "UPDATE contacts SET pending_email = ?2, email_token_hash = ?3, email_token_expires_at = ?4 \
         WHERE id = ?1 AND status = 'active'",
        vec![
            contact_id.into(),
            email.into(),
            hash.to_hex().into(),
            format(expires_at).into(),
        ],
    )
}

/// The notice to the old address, written only while the link is unspent
/// (it goes before [`confirm_email`] in the same batch).
pub fn insert_notice_if_pending(
    id: &str,
    message: &Message,
    hash: SecretHash,
    now: Instant,
) -> Statement {
    super::outbox::insert_message_if(
        id,
        message,
        now,
        |n| {
            format!(
                "EXISTS (SELECT 1 FROM contacts WHERE email_token_hash = ?{n} \
                 AND email_token_expires_at > ?{} AND status = 'active')",
                n + 1
            )
        },
        vec![hash.to_hex().into(), format(now).into()],
    )
}

/// The pending address replaces the old one. An address another contact
/// holds meanwhile fails the batch on `contacts_email`.
pub fn confirm_email(hash: SecretHash, now: Instant) -> Statement {
    Statement::new(
        "UPDATE contacts SET email = pending_email, pending_email = NULL, email_token_hash = NULL, \
         email_token_expires_at = NULL \
         WHERE email_token_hash = ?1 AND email_token_expires_at > ?2 AND status = 'active'",
        vec![hash.to_hex().into(), format(now).into()],
    )
}

/// A contact's address change that waits for its link.
#[derive(Debug, Clone)]
pub struct PendingEmail {
    pub contact_id: String,
    pub name: String,
    pub email: String,
    pub pending_email: String,
    pub expires_at: Instant,
    /// What the contact is written to in.
    pub language: crate::domain::language::Language,
}

impl<D: Database> Store<D> {
    pub async fn pending_email(&self, contact_id: &str) -> Result<Option<String>, DbError> {
        self.fetch(Query::new(
            Statement::new(
                "SELECT pending_email FROM contacts WHERE id = ?1",
                vec![contact_id.into()],
            ),
            |rows| {
                rows.first()
                    .map_or(Ok(None), |row| row.opt_text("pending_email"))
            },
        ))
        .await
    }

    pub async fn pending_email_by_link(
        &self,
        hash: SecretHash,
    ) -> Result<Option<PendingEmail>, DbError> {
        self.fetch(Query::new(
            Statement::new(
                "SELECT id, name, email, pending_email, email_token_expires_at, language FROM contacts \
                 WHERE email_token_hash = ?1 AND status = 'active'",
                vec![hash.to_hex().into()],
            ),
            |rows| {
                rows.first()
                    .map(|row| {
                        Ok(PendingEmail {
                            contact_id: row.text("id")?,
                            name: row.text("name")?,
                            email: row.text("email")?,
                            pending_email: row.text("pending_email")?,
                            expires_at: row.instant("email_token_expires_at")?,
                            language: row.parsed("language", |l| {
                                crate::domain::language::Language::parse(l).ok()
                            })?,
                        })
                    })
                    .transpose()
            },
        ))
        .await
    }
}
