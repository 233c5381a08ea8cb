//! Organisations (the `customers` table), their contacts, and license claims.

use super::{CustomerScope, Database, DbError, Query, Row, Statement, Store, Value};
use crate::domain::email::Email;
use crate::domain::id::{ClaimId, ContactId, CustomerId};
use crate::domain::language::Language;
use crate::domain::notification::Recipient;
use crate::domain::organisation::{CatalogueEntry, ClaimStatus, ContactStatus, Licensee};
use crate::domain::registration::{CustomerStatus, NewRegistration, TERMS_VERSION};
use crate::domain::serial::{LicenseSerial, SerialNumber};
use crate::domain::time::{format, Instant};
use crate::domain::token::SecretHash;

/// A registration as it is first written: an organisation and its first contact.
pub struct NewCustomer<'a> {
    pub id: &'a str,
    pub contact_id: &'a str,
    pub registration: &'a NewRegistration,
    pub now: Instant,
}

/// An organisation: holds licenses, the coupon balance, orders and incidents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerRecord {
    pub id: CustomerId,
    pub status: CustomerStatus,
    /// The serial typed at registration ("0" when unknown). Not ownership:
    /// that is `licenses.holder_id`.
    pub registered_serial: LicenseSerial,
    pub company_name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub vat_id: Option<String>,
    pub merged_into: Option<String>,
    pub created_at: Instant,
    pub verified_at: Option<Instant>,
}

/// A person who signs in for an organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactRecord {
    pub id: ContactId,
    pub customer_id: CustomerId,
    pub status: ContactStatus,
    pub name: String,
    pub email: Email,
    pub phone: String,
    pub newsletter: bool,
    pub invited_by: Option<String>,
    pub created_at: Instant,
    pub verified_at: Option<Instant>,
    /// What the contact is written to in (issue 23 uses it).
    pub language: Language,
}

impl ContactRecord {
    /// The contact as the recipient of an email written now.
    pub fn recipient(&self) -> Recipient {
        Recipient::contact(self.id.as_str(), &self.email, self.language)
    }
}

/// A license claim, with the claimant's company and address for the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRecord {
    pub id: ClaimId,
    pub customer_id: CustomerId,
    pub contact_id: ContactId,
    pub serial: LicenseSerial,
    pub status: ClaimStatus,
    pub resolved_serial: Option<SerialNumber>,
    pub reason: Option<String>,
    pub company_name: String,
    pub email: Email,
    pub created_at: Instant,
    pub resolved_at: Option<Instant>,
    /// The claimant's language, for the email that answers the claim.
    pub language: Language,
}

impl ClaimRecord {
    /// The claimant, as the recipient of an email written now.
    pub fn recipient(&self) -> Recipient {
        Recipient::contact(self.contact_id.as_str(), &self.email, self.language)
    }
}

pub(super) const COLUMNS: &str =
    "id, status, registered_serial, company_name, street, postal_code, city, country, vat_id, \
     merged_into, created_at, verified_at";
pub(super) const CONTACT_COLUMNS: &str =
    "id, customer_id, status, name, email, phone, newsletter, invited_by, created_at, verified_at, language";
const CLAIM_COLUMNS: &str =
    "k.id, k.customer_id, k.contact_id, k.serial, k.status, k.resolved_serial, k.reason, \
     u.company_name, p.email, k.created_at, k.resolved_at, p.language";

impl CustomerRecord {
    pub(super) fn from_row(row: &Row) -> Result<Self, DbError> {
        let status = row.text("status")?;
        Ok(Self {
            id: row.parsed("id", |id| CustomerId::parse(id).ok())?,
            status: CustomerStatus::parse(&status)
                .ok_or_else(|| DbError::Decode(format!("status {status}")))?,
            registered_serial: row.parsed("registered_serial", |s| LicenseSerial::parse(s).ok())?,
            company_name: row.text("company_name")?,
            street: row.text("street")?,
            postal_code: row.text("postal_code")?,
            city: row.text("city")?,
            country: row.text("country")?,
            vat_id: row.opt_text("vat_id")?,
            merged_into: row.opt_text("merged_into")?,
            created_at: row.instant("created_at")?,
            verified_at: row.opt_instant("verified_at")?,
        })
    }
}

impl ContactRecord {
    pub(super) fn from_row(row: &Row) -> Result<Self, DbError> {
        let status = row.text("status")?;
        Ok(Self {
            id: row.parsed("id", |id| ContactId::parse(id).ok())?,
            customer_id: row.parsed("customer_id", |id| CustomerId::parse(id).ok())?,
            status: ContactStatus::parse(&status)
                .ok_or_else(|| DbError::Decode(format!("contact status {status}")))?,
            name: row.text("name")?,
            email: row.parsed("email", |e| Email::parse(e).ok())?,
            phone: row.text("phone")?,
            newsletter: row.integer("newsletter")? == 1,
            invited_by: row.opt_text("invited_by")?,
            created_at: row.instant("created_at")?,
            verified_at: row.opt_instant("verified_at")?,
            language: row.parsed("language", |l| Language::parse(l).ok())?,
        })
    }
}

impl ClaimRecord {
    fn from_row(row: &Row) -> Result<Self, DbError> {
        let status = row.text("status")?;
        Ok(Self {
            id: row.parsed("id", |id| ClaimId::parse(id).ok())?,
            customer_id: row.parsed("customer_id", |id| CustomerId::parse(id).ok())?,
            contact_id: row.parsed("contact_id", |id| ContactId::parse(id).ok())?,
            serial: row.parsed("serial", |s| LicenseSerial::parse(s).ok())?,
            status: ClaimStatus::parse(&status)
                .ok_or_else(|| DbError::Decode(format!("claim status {status}")))?,
            resolved_serial: row.opt_parsed("resolved_serial", |s| SerialNumber::parse(s).ok())?,
            reason: row.opt_text("reason")?,
            company_name: row.text("company_name")?,
            email: row.parsed("email", |e| Email::parse(e).ok())?,
            created_at: row.instant("created_at")?,
            resolved_at: row.opt_instant("resolved_at")?,
            language: row.parsed("language", |l| Language::parse(l).ok())?,
        })
    }
}

/// Writes a new organisation and its first contact, both pending the
/// verification of the contact's email address.
pub fn insert_customer(customer: &NewCustomer<'_>) -> Vec<Statement> {
    let r = customer.registration;
    let now = format(customer.now);
    vec![
        Statement::new(
            "INSERT INTO customers (id, status, registered_serial, company_name, street, postal_code, city, country, \
             vat_id, created_at) VALUES (?1, 'pending_verification', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            vec![
                customer.id.into(),
                r.serial.as_str().into(),
                r.company.name.as_str().into(),
                r.company.street.as_str().into(),
                r.company.postal_code.as_str().into(),
                r.company.city.as_str().into(),
                r.company.country.code().into(),
                r.company.vat_id.as_ref().map(|v| v.as_str()).into(),
                now.clone().into(),
            ],
        ),
        Statement::new(
            "INSERT INTO contacts (id, customer_id, status, name, email, phone, newsletter, newsletter_consent_at, \
             terms_version, terms_accepted_at, created_at, language) \
             VALUES (?1, ?2, 'pending_verification', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)",
            vec![
                customer.contact_id.into(),
                customer.id.into(),
                r.contact.name.as_str().into(),
                r.contact.email.as_str().into(),
                r.contact.phone.as_str().into(),
                r.newsletter.into(),
                r.newsletter_consent_at(customer.now).map(format).into(),
                TERMS_VERSION.into(),
                now.into(),
                r.contact.language.as_str().into(),
            ],
        ),
    ]
}

/// Activates an organisation whose first contact confirmed; a second run
/// changes nothing.
pub fn activate_customer(customer_id: &str, now: Instant) -> Statement {
    Statement::new(
        "UPDATE customers SET status = 'active', verified_at = ?2 WHERE id = ?1 AND status = 'pending_verification'",
        vec![customer_id.into(), format(now).into()],
    )
}

/// A contact confirmed their address.
pub fn activate_contact(contact_id: &str, now: Instant) -> Statement {
    Statement::new(
        "UPDATE contacts SET status = 'active', verified_at = ?2 \
         WHERE id = ?1 AND status = 'pending_verification'",
        vec![contact_id.into(), format(now).into()],
    )
}

/// Removes a contact of an organisation. The schema's trigger refuses to
/// remove the last active one, inside this very batch, so two contacts
/// removing each other at once cannot leave none.
pub fn remove_contact(contact_id: &str, customer_id: &str, by: &str, now: Instant) -> Statement {
    Statement::new(
        "UPDATE contacts SET status = 'removed', removed_at = ?3, removed_by = ?4 \
         WHERE id = ?1 AND customer_id = ?2 AND status <> 'removed'",
        vec![
            contact_id.into(),
            customer_id.into(),
            format(now).into(),
            by.into(),
        ],
    )
}

/// Moves an active contact into another organisation (a claimant joining the
/// license's holder).
pub fn move_contact(contact_id: &str, to_customer: &str) -> Statement {
    Statement::new(
        "UPDATE contacts SET customer_id = ?2 WHERE id = ?1 AND status = 'active'",
        vec![contact_id.into(), to_customer.into()],
    )
}

/// Marks an organisation left without contacts as merged into another.
pub fn merge_if_empty(customer_id: &str, into: &str) -> Statement {
    Statement::new(
        "UPDATE customers SET status = 'merged', merged_into = ?2 WHERE id = ?1 AND NOT EXISTS \
         (SELECT 1 FROM contacts WHERE customer_id = ?1 AND status <> 'removed')",
        vec![customer_id.into(), into.into()],
    )
}

/// Opens a claim for a confirmed registration's serial unless, after the
/// statements before it in the batch, the organisation holds that license.
/// Once per contact and serial.
pub fn open_claim_unless_holder(
    claim_id: &str,
    customer_id: &str,
    contact_id: &str,
    serial: &str,
    now: Instant,
) -> Statement {
    Statement::new(
        "INSERT INTO license_claims (id, customer_id, contact_id, serial, status, created_at) \
         SELECT ?1, ?2, ?3, ?4, 'open', ?5 \
         WHERE NOT EXISTS (SELECT 1 FROM licenses WHERE serial = ?4 AND holder_id = ?2) \
         ON CONFLICT DO NOTHING",
        vec![
            claim_id.into(),
            customer_id.into(),
            contact_id.into(),
            serial.into(),
            format(now).into(),
        ],
    )
}

/// Decides a pending claim: `assigned` only once the claimant's organisation
/// holds the serial (a statement before it in the batch made it so).
pub fn assign_claim(claim_id: &str, serial: &str, now: Instant) -> Statement {
    Statement::new(
        "UPDATE license_claims SET status = 'assigned', resolved_serial = ?2, resolved_at = ?3 \
         WHERE id = ?1 AND status IN ('open', 'join_requested') \
         AND EXISTS (SELECT 1 FROM licenses WHERE serial = ?2 AND holder_id = license_claims.customer_id)",
        vec![claim_id.into(), serial.into(), format(now).into()],
    )
}

pub fn request_join(claim_id: &str, serial: &str) -> Statement {
    Statement::new(
        "UPDATE license_claims SET status = 'join_requested', resolved_serial = ?2 \
         WHERE id = ?1 AND status IN ('open', 'join_requested')",
        vec![claim_id.into(), serial.into()],
    )
}

pub fn mark_joined(claim_id: &str, now: Instant) -> Statement {
    Statement::new(
        "UPDATE license_claims SET status = 'joined', resolved_at = ?2 WHERE id = ?1 AND status = 'join_requested'",
        vec![claim_id.into(), format(now).into()],
    )
}

pub fn refuse_claim(claim_id: &str, reason: &str, now: Instant) -> Statement {
    Statement::new(
        "UPDATE license_claims SET status = 'refused', reason = ?2, resolved_at = ?3 \
         WHERE id = ?1 AND status IN ('open', 'join_requested')",
        vec![claim_id.into(), reason.into(), format(now).into()],
    )
}

/// The records whose acting contact is noted.
#[derive(Debug, Clone, Copy)]
pub enum Acted {
    Order,
    Incident,
    IncidentMessage,
}

/// Notes which contact placed an order, raised an incident or wrote a
/// message, in the batch that writes it.
pub fn record_acting_contact(acted: Acted, id: &str, contact_id: &str) -> Statement {
    let sql = match acted {
        Acted::Order => "UPDATE coupon_orders SET contact_id = ?2 WHERE id = ?1",
        Acted::Incident => "UPDATE incidents SET contact_id = ?2 WHERE id = ?1",
        Acted::IncidentMessage => "UPDATE incident_messages SET contact_id = ?2 WHERE id = ?1",
    };
    Statement::new(sql, vec![id.into(), contact_id.into()])
}

/// The person an address belongs to (removed contacts free theirs).
pub fn contact_by_email(email: &str) -> Query<Option<ContactRecord>> {
    Query::new(
        Statement::new(
            format!(
                "SELECT {CONTACT_COLUMNS} FROM contacts WHERE email = ?1 AND status <> 'removed'"
            ),
            vec![email.into()],
        ),
        decode_contact,
    )
}

/// A contact by id, whatever its status.
pub fn contact_by_id(id: &str) -> Query<Option<ContactRecord>> {
    Query::new(
        Statement::new(
            format!("SELECT {CONTACT_COLUMNS} FROM contacts WHERE id = ?1"),
            vec![id.into()],
        ),
        decode_contact,
    )
}

/// The first contact of a statement's rows, if any.
pub(super) fn decode_contact(rows: &[Row]) -> Result<Option<ContactRecord>, DbError> {
    rows.first().map(ContactRecord::from_row).transpose()
}

/// What verifying a registration decides by, for the organisation in
/// `scope`: the catalogue's entry for its registered serial, whether that
/// serial and the organisation have had a free coupon, and its balance.
pub fn registration_standing(scope: &super::CustomerScope) -> Query<Standing> {
    let customer = scope.sql(1);
    let statement = Statement::new(
        format!(
            "SELECT l.serial AS serial, l.licensee_name AS licensee_name, \
             l.licensee_country AS licensee_country, l.licensee_vat_id AS licensee_vat_id, \
             l.holder_id AS holder_id, 'free_grant:' || u.registered_serial AS grant_key, \
             EXISTS (SELECT 1 FROM ledger_entries e \
                     WHERE e.idempotency_key = 'free_grant:' || u.registered_serial) AS serial_granted, \
             EXISTS (SELECT 1 FROM ledger_entries e \
                     WHERE e.customer_id = u.id AND e.kind = 'free_grant') AS granted, \
             COALESCE((SELECT balance FROM coupon_accounts a WHERE a.customer_id = u.id), 0) AS balance \
             FROM customers u LEFT JOIN licenses l ON l.serial = u.registered_serial \
             WHERE u.id = {customer}"
        ),
        vec![scope.param()],
    );
    Query::new(statement, Standing::decode)
}

/// A registration's standing, from [`registration_standing`]'s row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub catalogue: CatalogueEntry,
    /// The free grant's ledger key for the registered serial, as the
    /// statement computed it (checked against the domain's).
    pub grant_key: String,
    pub serial_granted: bool,
    /// Whether the organisation has had its free coupon.
    pub granted: bool,
    pub balance: i64,
}

impl Standing {
    fn decode(rows: &[Row]) -> Result<Self, DbError> {
        let row = rows
            .first()
            .ok_or_else(|| DbError::Decode("no registration standing".into()))?;
        let catalogue = match row.opt_text("serial")? {
            None => CatalogueEntry::Unknown,
            Some(_) => CatalogueEntry::Known {
                licensee: Licensee {
                    name: row.opt_text("licensee_name")?,
                    country: row.opt_text("licensee_country")?,
                    vat_id: row.opt_text("licensee_vat_id")?,
                },
                holder: row.opt_text("holder_id")?,
            },
        };
        Ok(Self {
            catalogue,
            grant_key: row.text("grant_key")?,
            serial_granted: row.integer("serial_granted")? != 0,
            granted: row.integer("granted")? != 0,
            balance: row.integer("balance")?,
        })
    }
}

impl<D: Database> Store<D> {
    /// The contact who placed an order, raised an incident or wrote a message.
    pub async fn acting_contact(&self, acted: Acted, id: &str) -> Result<Option<String>, DbError> {
        let sql = match acted {
            Acted::Order => "SELECT contact_id FROM coupon_orders WHERE id = ?1",
            Acted::Incident => "SELECT contact_id FROM incidents WHERE id = ?1",
            Acted::IncidentMessage => "SELECT contact_id FROM incident_messages WHERE id = ?1",
        };
        self.fetch(Query::new(Statement::new(sql, vec![id.into()]), |rows| {
            Ok(rows
                .first()
                .and_then(|row| row.opt_text("contact_id").ok().flatten()))
        }))
        .await
    }

    pub async fn customer(&self, id: &str) -> Result<Option<CustomerRecord>, DbError> {
        self.fetch(customer_by_id(id)).await
    }

    pub async fn contact(&self, id: &str) -> Result<Option<ContactRecord>, DbError> {
        self.fetch(contact_by_id(id)).await
    }

    /// The person an address belongs to (removed contacts free theirs).
    pub async fn contact_by_email(&self, email: &str) -> Result<Option<ContactRecord>, DbError> {
        self.fetch(contact_by_email(email)).await
    }

    /// An organisation's contacts that are not removed, oldest first.
    pub async fn contacts_of(&self, customer_id: &str) -> Result<Vec<ContactRecord>, DbError> {
        let scope = CustomerScope::Id(customer_id.to_owned());
        self.fetch(contacts_in(&scope)).await
    }

    /// Who an organisation's email goes to: `preferred` (the contact who
    /// acted) while still active, else its longest-standing active contact.
    pub async fn contact_for(
        &self,
        customer_id: &str,
        preferred: Option<&str>,
    ) -> Result<Option<ContactRecord>, DbError> {
        let sql = format!(
            "SELECT {CONTACT_COLUMNS} FROM contacts WHERE customer_id = ?1 AND status = 'active' \
             ORDER BY id = ?2 DESC, created_at, id LIMIT 1"
        );
        self.fetch(Query::new(
            Statement::new(sql, vec![customer_id.into(), preferred.into()]),
            decode_contact,
        ))
        .await
    }

    /// An organisation's claims still waiting for staff.
    pub async fn pending_claims_of(&self, customer_id: &str) -> Result<Vec<ClaimRecord>, DbError> {
        let pending = claim_where(
            "k.customer_id = ?1 AND k.status IN ('open', 'join_requested') ORDER BY k.created_at",
            vec![customer_id.into()],
            |rows| rows.iter().map(ClaimRecord::from_row).collect(),
        );
        self.fetch(pending).await
    }

    pub async fn claim(&self, id: &str) -> Result<Option<ClaimRecord>, DbError> {
        self.fetch(claim_of(id)).await
    }
}

/// An organisation's contacts that are not removed, oldest first.
pub fn contacts_in(customer: &CustomerScope) -> Query<Vec<ContactRecord>> {
    let sql = format!(
        "SELECT {CONTACT_COLUMNS} FROM contacts WHERE customer_id = {} AND status <> 'removed' \
         ORDER BY created_at, id LIMIT 200",
        customer.sql(1)
    );
    Query::new(Statement::new(sql, vec![customer.param()]), decode_contacts)
}

fn decode_contacts(rows: &[Row]) -> Result<Vec<ContactRecord>, DbError> {
    rows.iter().map(ContactRecord::from_row).collect()
}

/// Claims for the desk: pending ones (open or join requested), oldest first.
pub fn pending_claims() -> Query<Vec<ClaimRecord>> {
    claim_where(
        "k.status IN ('open', 'join_requested') ORDER BY k.created_at LIMIT 500",
        vec![],
        |rows| rows.iter().map(ClaimRecord::from_row).collect(),
    )
}

/// An organisation, by its id.
pub fn customer_by_id(id: &str) -> Query<Option<CustomerRecord>> {
    let sql = format!("SELECT {COLUMNS} FROM customers WHERE id = ?1");
    Query::new(Statement::new(sql, vec![id.into()]), |rows| {
        rows.first().map(CustomerRecord::from_row).transpose()
    })
}

/// A claim, whatever its status.
pub fn claim_of(claim_id: &str) -> Query<Option<ClaimRecord>> {
    claim_where("k.id = ?1", vec![claim_id.into()], decode_claim)
}

/// The claim a confirm-join link was issued for, found by the link's hash
/// so that it is read in the batch that reads the link.
pub fn claim_of_token(hash: SecretHash) -> Query<Option<ClaimRecord>> {
    claim_where(
        "k.id = (SELECT claim_id FROM auth_tokens WHERE token_hash = ?1)",
        vec![hash.to_hex().into()],
        decode_claim,
    )
}

/// Claims with their company and claimant's address, chosen by `condition`.
/// An organisation's claims, whatever their status, newest first (the
/// desk's directory).
pub(super) fn claim_where_customer(customer_id: &str) -> Query<Vec<ClaimRecord>> {
    claim_where(
        "k.customer_id = ?1 ORDER BY k.created_at DESC LIMIT 100",
        vec![customer_id.into()],
        |rows| rows.iter().map(ClaimRecord::from_row).collect(),
    )
}

fn claim_where<T>(
    condition: &str,
    params: Vec<Value>,
    decode: fn(&[Row]) -> Result<T, DbError>,
) -> Query<T> {
    let sql = format!(
        "SELECT {CLAIM_COLUMNS} FROM license_claims k JOIN customers u ON u.id = k.customer_id \
         JOIN contacts p ON p.id = k.contact_id WHERE {condition}"
    );
    Query::new(Statement::new(sql, params), decode)
}

fn decode_claim(rows: &[Row]) -> Result<Option<ClaimRecord>, DbError> {
    rows.first().map(ClaimRecord::from_row).transpose()
}

/// The contact who made a claim.
pub fn claimant_of(claim_id: &str) -> Query<Option<ContactRecord>> {
    let sql = format!(
        "SELECT {CONTACT_COLUMNS} FROM contacts WHERE id = \
         (SELECT contact_id FROM license_claims WHERE id = ?1)"
    );
    Query::new(Statement::new(sql, vec![claim_id.into()]), decode_contact)
}

/// The active contacts of the organisation holding the license a claim
/// names, oldest first: who is asked to take the claimant in. Read in the
/// same batch as the license, so both see the same holder.
pub fn holder_contacts_of_claim(claim_id: &str) -> Query<Vec<ContactRecord>> {
    let sql = format!(
        "SELECT {CONTACT_COLUMNS} FROM contacts WHERE status = 'active' AND customer_id = \
         (SELECT holder_id FROM licenses WHERE serial = {}) ORDER BY created_at, id LIMIT 200",
        super::licenses::serial_of_claim(1)
    );
    Query::new(Statement::new(sql, vec![claim_id.into()]), decode_contacts)
}
