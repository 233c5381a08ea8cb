//! Who holds a credential, in one statement: the first read of a request,
//! which a use case sends in the same batch as its own reads.
//!
//! A bearer token, a session cookie and a partner key are all random
//! secrets stored by their SHA-256 hash, so one statement looks the hash up
//! everywhere it could be (sessions, emailed tokens, partner keys) and
//! brings back the rows it opens, each record as a JSON object in a column
//! of its own (the tables share column names such as `id` and `status`).

use super::customers::{COLUMNS as CUSTOMER_COLUMNS, CONTACT_COLUMNS};
use super::licenses::{partner, PARTNER_COLUMNS};
use super::staff::MEMBER_COLUMNS;
use super::{
    ContactRecord, CustomerRecord, DbError, PartnerRecord, Query, Row, SessionKind,
    StaffMemberRecord, Statement, Value,
};
use crate::domain::time::{format, Instant};
use crate::domain::token::{IssuedToken, Purpose, SecretHash};

/// Whose organisation a read is about: an id known already, or the
/// customer behind a secret (a session cookie or an access token), found
/// inside the statement itself, so that the read can go in the same batch
/// as the caller's own statement. Rows read for a secret that turns out not
/// to open anything are never used: the caller's statement decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomerScope {
    Id(String),
    OfSecret(SecretHash),
}

/// The SQL for the contact behind a secret at `?{n}`: a customer's browser
/// session or access token.
fn contact_of_secret(n: usize) -> String {
    format!(
        "(SELECT subject_id FROM browser_sessions WHERE id_hash = ?{n} AND kind = 'customer' \
         UNION ALL SELECT contact_id FROM auth_tokens WHERE token_hash = ?{n} LIMIT 1)"
    )
}

impl CustomerScope {
    /// The SQL for the customer's id, with its one parameter at `?{n}`.
    pub fn sql(&self, n: usize) -> String {
        match self {
            Self::Id(_) => format!("?{n}"),
            Self::OfSecret(_) => format!(
                "(SELECT customer_id FROM contacts WHERE id = {})",
                contact_of_secret(n)
            ),
        }
    }

    /// The parameter bound at `?{n}`.
    pub fn param(&self) -> Value {
        match self {
            Self::Id(id) => id.as_str().into(),
            Self::OfSecret(hash) => hash.to_hex().into(),
        }
    }
}

/// Which contact a read is about, as [`CustomerScope`] finds the
/// organisation: an id known already, or the contact behind a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactScope {
    Id(String),
    OfSecret(SecretHash),
}

impl ContactScope {
    /// The SQL for the contact's id, with its one parameter at `?{n}`.
    pub fn sql(&self, n: usize) -> String {
        match self {
            Self::Id(_) => format!("?{n}"),
            Self::OfSecret(_) => contact_of_secret(n),
        }
    }

    /// The parameter bound at `?{n}`.
    pub fn param(&self) -> Value {
        match self {
            Self::Id(id) => id.as_str().into(),
            Self::OfSecret(hash) => hash.to_hex().into(),
        }
    }
}

/// Which partner a read is about: an id known already, or the partner
/// behind a secret (its API key, or a partner browser session), found
/// inside the statement, like [`CustomerScope`], so that the read goes in
/// the batch of the caller's own statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartnerScope {
    Id(String),
    OfSecret(SecretHash),
}

impl PartnerScope {
    /// The SQL for the partner's id, with its one parameter at `?{n}`.
    pub fn sql(&self, n: usize) -> String {
        match self {
            Self::Id(_) => format!("?{n}"),
            Self::OfSecret(_) => format!(
                "(SELECT id FROM partners WHERE key_hash = ?{n} \
                 UNION ALL SELECT subject_id FROM browser_sessions WHERE id_hash = ?{n} AND kind = 'partner' LIMIT 1)"
            ),
        }
    }

    /// The parameter bound at `?{n}`.
    pub fn param(&self) -> Value {
        match self {
            Self::Id(id) => id.as_str().into(),
            Self::OfSecret(hash) => hash.to_hex().into(),
        }
    }
}

/// Which staff member a read is about: an id known already (the
/// break-glass administrator), the member an Access assertion names, or the
/// subject of a staff browser session, found inside the statement like
/// [`CustomerScope`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffScope {
    Id(String),
    OfEmail(String),
    OfSession(SecretHash),
}

impl StaffScope {
    /// The SQL for the staff member's id, with its one parameter at `?{n}`.
    pub fn sql(&self, n: usize) -> String {
        match self {
            Self::Id(_) => format!("?{n}"),
            Self::OfEmail(_) => format!("(SELECT id FROM staff_members WHERE email = ?{n})"),
            Self::OfSession(_) => format!(
                "(SELECT subject_id FROM browser_sessions WHERE id_hash = ?{n} AND kind = 'staff')"
            ),
        }
    }

    /// The SQL for the staff member's email (what an incident's assignee
    /// holds), with its one parameter at `?{n}`: the break-glass
    /// administrator's is its id.
    pub fn email_sql(&self, n: usize) -> String {
        match self {
            Self::OfEmail(_) => format!("?{n}"),
            Self::Id(_) | Self::OfSession(_) => {
                let id = self.sql(n);
                format!("COALESCE((SELECT email FROM staff_members WHERE id = {id}), {id})")
            }
        }
    }

    /// The parameter bound at `?{n}`.
    pub fn param(&self) -> Value {
        match self {
            Self::Id(text) | Self::OfEmail(text) => text.as_str().into(),
            Self::OfSession(hash) => hash.to_hex().into(),
        }
    }
}

/// `json_object('id', p.id, …)` of a table's columns under `alias`, or NULL
/// when an outer join found no row.
fn json_of(alias: &str, columns: &str) -> String {
    let pairs: Vec<String> = columns
        .split(',')
        .map(str::trim)
        .map(|column| format!("'{column}', {alias}.{column}"))
        .collect();
    format!(
        "CASE WHEN {alias}.id IS NULL THEN NULL ELSE json_object({}) END",
        pairs.join(", ")
    )
}

/// Every row a secret opens: a live browser session (with its subject), an
/// emailed token (with its contact and organisation), a partner key.
pub fn holder_of_secret(hash: SecretHash, now: Instant) -> Query<SecretHolders> {
    Query::new(secret_holders(hash, now), SecretHolders::decode)
}

/// Who calls with a secret (a bearer token, a session cookie): the first
/// read of a request, [`holder_of_secret`] as the caller's own.
pub fn caller_by_secret(hash: SecretHash, now: Instant) -> Query<CallerHolders> {
    Query::new(secret_holders(hash, now), |rows| {
        SecretHolders::decode(rows).map(|holders| CallerHolders::Secret(Box::new(holders)))
    })
}

/// Who calls with an Access assertion: the staff member it names, by email.
pub fn caller_by_staff_email(email: &str) -> Query<CallerHolders> {
    let member = json_of("m", MEMBER_COLUMNS);
    Query::new(
        Statement::new(
            format!("SELECT {member} AS member FROM staff_members m WHERE m.email = ?1"),
            vec![email.into()],
        ),
        |rows| {
            let member = match rows.first() {
                Some(row) => record(row, "member", StaffMemberRecord::from_row)?,
                None => None,
            };
            Ok(CallerHolders::StaffEmail(member))
        },
    )
}

/// What the caller's own statement found, by the kind of credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallerHolders {
    Secret(Box<SecretHolders>),
    StaffEmail(Option<StaffMemberRecord>),
}

fn secret_holders(hash: SecretHash, now: Instant) -> Statement {
    let contact = json_of("p", CONTACT_COLUMNS);
    let customer = json_of("u", CUSTOMER_COLUMNS);
    let partner = json_of("k", PARTNER_COLUMNS);
    let member = json_of("m", MEMBER_COLUMNS);
    let sql = format!(
        "SELECT 'session' AS source, s.kind AS kind, s.subject_id AS subject, NULL AS purpose, \
         NULL AS claim_id, s.expires_at AS expires_at, NULL AS used_at, \
         {contact} AS contact, {customer} AS customer, {partner} AS partner, {member} AS member \
         FROM browser_sessions s \
         LEFT JOIN contacts p ON s.kind = 'customer' AND p.id = s.subject_id \
         LEFT JOIN customers u ON u.id = p.customer_id \
         LEFT JOIN partners k ON s.kind = 'partner' AND k.id = s.subject_id \
         LEFT JOIN staff_members m ON s.kind = 'staff' AND m.id = s.subject_id \
         WHERE s.id_hash = ?1 AND s.revoked_at IS NULL AND s.expires_at > ?2 \
         UNION ALL \
         SELECT 'token', NULL, t.contact_id, t.purpose, t.claim_id, t.expires_at, t.used_at, \
         {contact}, {customer}, NULL, NULL \
         FROM auth_tokens t JOIN contacts p ON p.id = t.contact_id \
         JOIN customers u ON u.id = p.customer_id WHERE t.token_hash = ?1 \
         UNION ALL \
         SELECT 'partner', NULL, k.id, NULL, NULL, NULL, NULL, NULL, NULL, {partner}, NULL \
         FROM partners k WHERE k.key_hash = ?1"
    );
    Statement::new(sql, vec![hash.to_hex().into(), format(now).into()])
}

/// A contact with its organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub contact: ContactRecord,
    pub customer: CustomerRecord,
}

/// What a secret opened, decoded from [`holder_of_secret`]'s rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SecretHolders {
    /// A live browser session: its kind, its subject's id, and the subject
    /// when it still exists (the break-glass subject is no row).
    pub session: Option<(SessionKind, String, SessionSubject)>,
    /// An emailed token, with its contact.
    pub token: Option<(IssuedToken, Holder)>,
    /// A partner key (revoked or not: the caller decides).
    pub partner: Option<PartnerRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionSubject {
    Contact(Box<Holder>),
    Partner(PartnerRecord),
    Member(StaffMemberRecord),
    None,
}

/// A record from its JSON column.
fn record<T>(
    row: &Row,
    column: &str,
    decode: impl Fn(&Row) -> Result<T, DbError>,
) -> Result<Option<T>, DbError> {
    row.opt_text(column)?
        .map(|json| decode(&Row::from_json(&json)?))
        .transpose()
}

fn holder(row: &Row) -> Result<Option<Holder>, DbError> {
    let contact = record(row, "contact", ContactRecord::from_row)?;
    let customer = record(row, "customer", CustomerRecord::from_row)?;
    Ok(contact
        .zip(customer)
        .map(|(contact, customer)| Holder { contact, customer }))
}

impl SecretHolders {
    fn decode(rows: &[Row]) -> Result<Self, DbError> {
        let mut holders = Self::default();
        for row in rows {
            match row.text("source")?.as_str() {
                "session" => {
                    let kind = match row.text("kind")?.as_str() {
                        "customer" => SessionKind::Customer,
                        "staff" => SessionKind::Staff,
                        _ => SessionKind::Partner,
                    };
                    let subject = if let Some(holder) = holder(row)? {
                        SessionSubject::Contact(Box::new(holder))
                    } else if let Some(partner) = record(row, "partner", partner)? {
                        SessionSubject::Partner(partner)
                    } else if let Some(member) = record(row, "member", StaffMemberRecord::from_row)?
                    {
                        SessionSubject::Member(member)
                    } else {
                        SessionSubject::None
                    };
                    holders.session = Some((kind, row.text("subject")?, subject));
                }
                "token" => {
                    let purpose = row.text("purpose")?;
                    let issued = IssuedToken {
                        purpose: Purpose::parse(&purpose)
                            .ok_or_else(|| DbError::Decode(format!("purpose {purpose}")))?,
                        contact_id: row.text("subject")?,
                        claim_id: row.opt_text("claim_id")?,
                        expires_at: row.instant("expires_at")?,
                        used_at: row.opt_instant("used_at")?,
                    };
                    if let Some(holder) = holder(row)? {
                        holders.token = Some((issued, holder));
                    }
                }
                _ => holders.partner = record(row, "partner", partner)?,
            }
        }
        Ok(holders)
    }
}

/// The `contact` and `customer` columns of a query that joins `contacts p`
/// and `customers u`, decoded by [`decode_holder`]: the two tables share
/// column names, so each record comes as a JSON object of its own.
pub(super) fn holder_columns() -> String {
    format!(
        "{} AS contact, {} AS customer",
        json_of("p", CONTACT_COLUMNS),
        json_of("u", CUSTOMER_COLUMNS)
    )
}

/// The contact and organisation of the first row of a query selecting
/// [`holder_columns`].
pub(super) fn decode_holder(rows: &[Row]) -> Result<Option<Holder>, DbError> {
    Ok(rows.first().map(holder).transpose()?.flatten())
}
