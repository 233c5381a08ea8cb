//! The license catalogue, partners, activations and their audit, releases,
//! validation counters, SUPS subscriptions and license claims.

use chrono::NaiveDate;

use super::{bulk, Database, DbError, PartnerScope, Query, Row, Statement, Store, Value};
use crate::domain::ledger::Entry;
use crate::domain::organisation::Licensee;
use crate::domain::partner::PartnerKind;
use crate::domain::time::{format, parse_iso_date, Instant};
use crate::domain::token::SecretHash;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerRecord {
    pub id: String,
    pub name: String,
    pub kind: PartnerKind,
    pub country: String,
    pub email: String,
    pub revoked_at: Option<Instant>,
}

impl PartnerRecord {
    pub fn sells_sups(&self) -> bool {
        self.kind.sells_sups()
    }

    pub fn activates(&self) -> bool {
        self.kind.activates()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LicenseRecord {
    pub serial: String,
    pub product: String,
    pub edition: String,
    pub major_version: i64,
    pub list_price_cents: i64,
    pub installations: i64,
    pub partner_id: Option<String>,
    pub revoked_at: Option<Instant>,
    /// The holding organisation, if any: the only one that sees and uses it.
    pub holder_id: Option<String>,
    pub licensee: Licensee,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivationRecord {
    pub id: String,
    pub serial: String,
    pub installation_id: String,
    pub major_version: i64,
    pub activation_code: String,
    pub customer_id: Option<String>,
    pub partner_id: Option<String>,
    pub technician: Option<String>,
    pub path: String,
    pub created_at: Instant,
    pub deactivated_at: Option<Instant>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscriptionRecord {
    pub id: String,
    pub customer_id: String,
    pub serial: String,
    pub partner_id: Option<String>,
    pub starts_at: Instant,
    pub ends_at: Option<Instant>,
    pub monthly_fee_cents: Option<i64>,
    pub reminded_at: Option<Instant>,
}

pub(super) fn partner(row: &Row) -> Result<PartnerRecord, DbError> {
    Ok(PartnerRecord {
        id: row.text("id")?,
        name: row.text("name")?,
        kind: row.parsed("kind", |k| PartnerKind::parse(k).ok())?,
        country: row.text("country")?,
        email: row.text("email")?,
        revoked_at: row.opt_instant("revoked_at")?,
    })
}

pub(super) fn license(row: &Row) -> Result<LicenseRecord, DbError> {
    Ok(LicenseRecord {
        serial: row.text("serial")?,
        product: row.text("product")?,
        edition: row.text("edition")?,
        major_version: row.integer("major_version")?,
        list_price_cents: row.integer("list_price_cents")?,
        installations: row.integer("installations")?,
        partner_id: row.opt_text("partner_id")?,
        revoked_at: row.opt_instant("revoked_at")?,
        holder_id: row.opt_text("holder_id")?,
        licensee: Licensee {
            name: row.opt_text("licensee_name")?,
            country: row.opt_text("licensee_country")?,
            vat_id: row.opt_text("licensee_vat_id")?,
        },
    })
}

pub(super) fn activation(row: &Row) -> Result<ActivationRecord, DbError> {
    Ok(ActivationRecord {
        id: row.text("id")?,
        serial: row.text("serial")?,
        installation_id: row.text("installation_id")?,
        major_version: row.integer("major_version")?,
        activation_code: row.text("activation_code")?,
        customer_id: row.opt_text("customer_id")?,
        partner_id: row.opt_text("partner_id")?,
        technician: row.opt_text("technician")?,
        path: row.text("path")?,
        created_at: row.instant("created_at")?,
        deactivated_at: row.opt_instant("deactivated_at")?,
    })
}

pub(super) fn subscription(row: &Row) -> Result<SubscriptionRecord, DbError> {
    Ok(SubscriptionRecord {
        id: row.text("id")?,
        customer_id: row.text("customer_id")?,
        serial: row.text("serial")?,
        partner_id: row.opt_text("partner_id")?,
        starts_at: row.instant("starts_at")?,
        ends_at: row.opt_instant("ends_at")?,
        monthly_fee_cents: row.opt_integer("monthly_fee_cents")?,
        reminded_at: row.opt_instant("reminded_at")?,
    })
}

pub(super) const PARTNER_COLUMNS: &str = "id, name, kind, country, email, revoked_at";
pub(super) const LICENSE_COLUMNS: &str =
    "serial, product, edition, major_version, list_price_cents, installations, partner_id, revoked_at, \
     holder_id, licensee_name, licensee_country, licensee_vat_id";
pub(super) const ACTIVATION_COLUMNS: &str =
    "id, serial, installation_id, major_version, activation_code, customer_id, \
     partner_id, technician, path, created_at, deactivated_at";
pub(super) const SUBSCRIPTION_COLUMNS: &str =
    "id, customer_id, serial, partner_id, starts_at, ends_at, monthly_fee_cents, reminded_at";

pub fn insert_partner(record: &PartnerRecord, key_hash: &str, now: Instant) -> Statement {
    Statement::new(
        "INSERT INTO partners (id, name, kind, country, email, key_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        vec![
            record.id.as_str().into(),
            record.name.as_str().into(),
            record.kind.as_str().into(),
            record.country.as_str().into(),
            record.email.as_str().into(),
            key_hash.into(),
            format(now).into(),
        ],
    )
}

pub fn revoke_partner(id: &str, now: Instant) -> Statement {
    Statement::new(
        "UPDATE partners SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
        vec![id.into(), format(now).into()],
    )
}

/// Inserts or updates licenses in bulk; a row equal to what is stored
/// changes nothing, so importing the same rows again reports no change.
pub fn upsert_licenses(licenses: &[LicenseRecord], now: Instant) -> Vec<Statement> {
    let rows = licenses.iter().map(|l| {
        serde_json::json!([
            l.serial,
            l.product,
            l.edition,
            l.major_version,
            l.list_price_cents,
            l.installations,
            l.partner_id,
            format(now),
            l.licensee.name,
            l.licensee.country,
            l.licensee.vat_id
        ])
    });
    bulk(
        "INSERT INTO licenses (serial, product, edition, major_version, list_price_cents, installations, partner_id, \
         created_at, updated_at, licensee_name, licensee_country, licensee_vat_id) \
         SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, \
         value ->> 7, value ->> 7, value ->> 8, value ->> 9, value ->> 10 FROM json_each(?1) WHERE true \
         ON CONFLICT (serial) DO UPDATE SET product = excluded.product, edition = excluded.edition, \
         major_version = excluded.major_version, list_price_cents = excluded.list_price_cents, \
         installations = excluded.installations, partner_id = excluded.partner_id, updated_at = excluded.updated_at, \
         licensee_name = excluded.licensee_name, licensee_country = excluded.licensee_country, \
         licensee_vat_id = excluded.licensee_vat_id \
         WHERE (licenses.product, licenses.edition, licenses.major_version, licenses.list_price_cents, \
         licenses.installations, licenses.partner_id, licenses.licensee_name, licenses.licensee_country, \
         licenses.licensee_vat_id) IS NOT (excluded.product, excluded.edition, \
         excluded.major_version, excluded.list_price_cents, excluded.installations, excluded.partner_id, \
         excluded.licensee_name, excluded.licensee_country, excluded.licensee_vat_id)",
        rows,
    )
}

/// Activates an installation unless the license's seats are taken. The seat
/// rule (fewer active installations than the license allows) lives here, not
/// in the core: the count and the insert are one statement, so two racing
/// activations cannot both take the last seat.
pub fn insert_activation(record: &ActivationRecord, installations: i64) -> Statement {
    Statement::new(
        "INSERT INTO activations (id, serial, installation_id, major_version, activation_code, customer_id, partner_id, \
         technician, path, created_at) \
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 \
         WHERE (SELECT COUNT(*) FROM activations WHERE serial = ?2 AND deactivated_at IS NULL) < ?11",
        vec![
            record.id.as_str().into(),
            record.serial.as_str().into(),
            record.installation_id.as_str().into(),
            record.major_version.into(),
            record.activation_code.as_str().into(),
            record.customer_id.as_deref().into(),
            record.partner_id.as_deref().into(),
            record.technician.as_deref().into(),
            record.path.as_str().into(),
            format(record.created_at).into(),
            installations.into(),
        ],
    )
}

/// Deactivates an installation unless its license has used its allowance:
/// the count of the license's deactivations (their audit rows, written in
/// the same batches) and the update are one statement, so racing
/// deactivations cannot all pass one earlier count. It changes no row only
/// when the allowance refused; an activation deactivated already (by a
/// racing twin) is matched and left as it is, so that the caller can tell
/// the two apart by the change count.
pub fn deactivate(
    activation_id: &str,
    now: Instant,
    allowance: &crate::domain::activation::DeactivationAllowance,
) -> Statement {
    Statement::new(
        "UPDATE activations SET deactivated_at = COALESCE(deactivated_at, ?2) WHERE id = ?1 \
         AND (deactivated_at IS NOT NULL OR (SELECT COUNT(*) FROM activation_audit \
         WHERE serial = activations.serial AND action = 'deactivate' AND created_at >= ?3) < ?4)",
        vec![
            activation_id.into(),
            format(now).into(),
            format(allowance.since).into(),
            i64::from(allowance.limit).into(),
        ],
    )
}

/// Audits an activation or deactivation, only if it happened in this batch:
/// the activation is active (after an activation) or was deactivated at
/// exactly `now` (after a deactivation), and has no such row yet (each
/// happens once, so twins racing within the same instant audit it once).
pub fn audit(
    id: &str,
    activation_id: &str,
    serial: &str,
    action: &str,
    actor: &str,
    path: &str,
    now: Instant,
) -> Statement {
    Statement::new(
        "INSERT INTO activation_audit (id, activation_id, serial, action, actor, path, created_at) \
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE EXISTS (SELECT 1 FROM activations WHERE id = ?2 \
         AND CASE ?4 WHEN 'activate' THEN deactivated_at IS NULL ELSE deactivated_at = ?7 END) \
         AND NOT EXISTS (SELECT 1 FROM activation_audit WHERE serial = ?3 AND action = ?4 AND activation_id = ?2)",
        vec![
            id.into(),
            activation_id.into(),
            serial.into(),
            action.into(),
            actor.into(),
            path.into(),
            format(now).into(),
        ],
    )
}

pub fn upsert_release(product: &str, version: &str, major: i64, released_on: &str) -> Statement {
    Statement::new(
        "INSERT INTO releases (product, version, major_version, released_on) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (product, version) DO UPDATE SET released_on = excluded.released_on, major_version = excluded.major_version",
        vec![product.into(), version.into(), major.into(), released_on.into()],
    )
}

pub fn insert_subscription(record: &SubscriptionRecord, now: Instant) -> Statement {
    Statement::new(
        "INSERT INTO sups_subscriptions (id, customer_id, serial, partner_id, starts_at, ends_at, monthly_fee_cents, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        vec![
            record.id.as_str().into(),
            record.customer_id.as_str().into(),
            record.serial.as_str().into(),
            record.partner_id.as_deref().into(),
            format(record.starts_at).into(),
            record.ends_at.map(format).into(),
            record.monthly_fee_cents.into(),
            format(now).into(),
        ],
    )
}

/// Extends (or restarts) a subscription's coverage, if it still ends where
/// the sale read it (`previous_end`): of two sales planned from one
/// coverage, the second changes nothing. A new end forgets the reminder
/// sent for the old one.
pub fn update_coverage(
    id: &str,
    previous_end: Option<Instant>,
    starts_at: Instant,
    ends_at: Instant,
    fee_cents: i64,
) -> Statement {
    Statement::new(
        "UPDATE sups_subscriptions SET starts_at = ?2, ends_at = ?3, monthly_fee_cents = ?4, \
         reminded_at = CASE WHEN ends_at = ?3 THEN reminded_at END WHERE id = ?1 AND ends_at IS ?5",
        vec![
            id.into(),
            format(starts_at).into(),
            format(ends_at).into(),
            fee_cents.into(),
            previous_end.map(format).into(),
        ],
    )
}

/// `statement`, an `INSERT … VALUES (…)` of this module or another, made to
/// insert nothing unless `condition` (SQL whose parameters follow the
/// statement's own, numbered from `?{n}` on: see [`only_if`]'s callers)
/// holds when the batch reaches it.
pub(super) fn only_if(
    statement: Statement,
    condition: impl Fn(usize) -> String,
    params: Vec<Value>,
) -> Statement {
    let n = statement.params.len() + 1;
    let sql = statement.sql.as_ref();
    // The VALUES list ends at its own closing parenthesis, past any
    // subquery's inside it.
    let closing = |rest: &str| {
        let mut depth = 0_usize;
        rest.char_indices().find_map(|(at, c)| match c {
            '(' => {
                depth += 1;
                None
            }
            ')' if depth == 0 => Some(at),
            ')' => {
                depth -= 1;
                None
            }
            _ => None,
        })
    };
    let sql = match sql.split_once(" VALUES (") {
        Some((insert, rest)) => match closing(rest) {
            Some(at) => {
                let (values, tail) = (&rest[..at], &rest[at + 1..]);
                format!("{insert} SELECT {values} WHERE {}{tail}", condition(n))
            }
            None => sql.to_owned(),
        },
        None => sql.to_owned(),
    };
    let mut all = statement.params;
    all.extend(params);
    Statement::new(sql, all)
}

/// A statement of a SUPS sale's batch (the buyer's registration) written
/// only if the selling partner holds the license by then: the batch of a
/// partner that lost the license to another writes none of it, and fails
/// on the sale's trigger (404), not on the buyer's address.
pub fn if_partner_holds(statement: Statement, serial: &str, partner_id: &str) -> Statement {
    only_if(
        statement,
        |n| {
            format!(
                "EXISTS (SELECT 1 FROM licenses WHERE serial = ?{n} AND partner_id = ?{})",
                n + 1
            )
        },
        vec![serial.into(), partner_id.into()],
    )
}

/// A license's first subscription sold by the partner: written only if the
/// partner holds the license by then and has no subscription of it yet, so
/// that of two first sales planned at once only one writes one.
pub fn insert_first_subscription(
    record: &SubscriptionRecord,
    partner_id: &str,
    now: Instant,
) -> Statement {
    only_if(
        insert_subscription(record, now),
        |n| {
            format!(
                "EXISTS (SELECT 1 FROM licenses WHERE serial = ?{n} AND partner_id = ?{m}) \
                 AND NOT EXISTS (SELECT 1 FROM sups_subscriptions WHERE serial = ?{n} AND partner_id = ?{m})",
                m = n + 1
            )
        },
        vec![record.serial.as_str().into(), partner_id.into()],
    )
}

/// A reseller takes an unassigned license, in the batch of its first sale;
/// a license another partner holds is left as it is (and the sale's trigger
/// then fails the batch).
pub fn claim_license(serial: &str, partner_id: &str, now: Instant) -> Statement {
    Statement::new(
        "UPDATE licenses SET partner_id = ?2, updated_at = ?3 WHERE serial = ?1 AND partner_id IS NULL",
        vec![serial.into(), partner_id.into(), format(now).into()],
    )
}

/// One SUPS sale, as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupsSaleRecord {
    pub id: String,
    pub subscription_id: String,
    pub serial: String,
    pub partner_id: String,
    pub months: u32,
    pub starts_on: String,
    /// The end of the coverage the sale extends (`until`), as read before it.
    pub previous_until: Option<String>,
    pub covered_from: String,
    pub covered_until: String,
    pub monthly_fee_cents: i64,
}

/// Records a sale. Its trigger fails the batch of a sale of a license the
/// partner does not hold; of two sales that raced from the same coverage,
/// its UNIQUE (serial, partner, previous end) lets the second record
/// nothing (no change: the sale answers 409, or, under an idempotency key,
/// what the key holds).
pub fn insert_sups_sale(sale: &SupsSaleRecord, now: Instant) -> Statement {
    Statement::new(
        "INSERT INTO sups_sales (id, subscription_id, serial, partner_id, months, starts_on, previous_until, \
         covered_from, covered_until, monthly_fee_cents, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT DO NOTHING",
        vec![
            sale.id.as_str().into(),
            sale.subscription_id.as_str().into(),
            sale.serial.as_str().into(),
            sale.partner_id.as_str().into(),
            i64::from(sale.months).into(),
            sale.starts_on.as_str().into(),
            sale.previous_until.as_deref().unwrap_or("").into(),
            sale.covered_from.as_str().into(),
            sale.covered_until.as_str().into(),
            sale.monthly_fee_cents.into(),
            format(now).into(),
        ],
    )
}

/// Whether a sale's batch failed because another partner holds the license.
pub fn is_not_license_holder(error: &DbError) -> bool {
    error.is_constraint("only for licenses it holds")
}

pub fn mark_reminded(id: &str, now: Instant) -> Statement {
    Statement::new(
        "UPDATE sups_subscriptions SET reminded_at = ?2 WHERE id = ?1 AND reminded_at IS NULL",
        vec![id.into(), format(now).into()],
    )
}

/// Makes an organisation the holder of an unheld license. A license has at
/// most one holder: of two racing registrations, sales or assignments only
/// the first changes the row; the statements after it in the batch check
/// who holds it rather than trusting what was read before.
pub fn hold_if_unheld(serial: &str, customer_id: &str) -> Statement {
    Statement::new(
        "UPDATE licenses SET holder_id = ?2 WHERE serial = ?1 AND holder_id IS NULL",
        vec![serial.into(), customer_id.into()],
    )
}

/// Staff give a license to an organisation, whoever held it before.
pub fn transfer_holder(serial: &str, customer_id: &str) -> Statement {
    Statement::new(
        "UPDATE licenses SET holder_id = ?2 WHERE serial = ?1",
        vec![serial.into(), customer_id.into()],
    )
}

/// The free first coupon of a confirmed serial: written only while the
/// organisation holds `serial` (after the statements before it in the
/// batch); its key and the one-per-organisation index keep it to once per
/// license and once per organisation.
pub fn grant_free_coupon_if_holder(entry: &Entry, serial: &str) -> Statement {
    Statement::new(
        "INSERT INTO ledger_entries (id, customer_id, kind, coupons, idempotency_key, created_at) \
         SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS \
         (SELECT 1 FROM licenses WHERE serial = ?7 AND holder_id = ?2) ON CONFLICT DO NOTHING",
        vec![
            entry.id.as_str().into(),
            entry.customer_id.as_str().into(),
            entry.kind.as_str().into(),
            entry.coupons.into(),
            entry.idempotency_key.as_str().into(),
            format(entry.created_at).into(),
            serial.into(),
        ],
    )
}

/// Opens a partner's browser session with its key, in one statement: only
/// a key of a partner not revoked opens one.
pub fn open_partner_session(
    key: SecretHash,
    session: SecretHash,
    now: Instant,
    expires_at: Instant,
) -> Statement {
    Statement::new(
        "INSERT INTO browser_sessions (id_hash, kind, subject_id, created_at, expires_at) \
         SELECT ?1, 'partner', id, ?2, ?3 FROM partners WHERE key_hash = ?4 AND revoked_at IS NULL",
        vec![
            session.to_hex().into(),
            format(now).into(),
            format(expires_at).into(),
            key.to_hex().into(),
        ],
    )
}

/// Every partner, newest first, for the desk.
pub fn partners(limit: i64) -> Query<Vec<PartnerRecord>> {
    let sql = format!(
        "SELECT {PARTNER_COLUMNS} FROM partners ORDER BY created_at DESC, rowid DESC LIMIT ?1"
    );
    Query::new(Statement::new(sql, vec![limit.into()]), |rows| {
        rows.iter().map(partner).collect()
    })
}

pub fn partner_of(id: &str) -> Query<Option<PartnerRecord>> {
    let sql = format!("SELECT {PARTNER_COLUMNS} FROM partners WHERE id = ?1");
    Query::new(Statement::new(sql, vec![id.into()]), |rows| {
        rows.first().map(partner).transpose()
    })
}

/// Which of these partner ids exist, in as few statements as D1 allows.
pub fn known_partners(ids: &[&str]) -> Vec<Query<Vec<String>>> {
    bulk(
        "SELECT id FROM partners WHERE id IN (SELECT value FROM json_each(?1))",
        ids.iter().map(|id| serde_json::json!(id)),
    )
    .into_iter()
    .map(|statement| {
        Query::new(statement, |rows| {
            rows.iter().map(|row| row.text("id")).collect()
        })
    })
    .collect()
}

/// Release dates, newest first: (product, version, released_on).
pub fn releases(limit: i64) -> Query<Vec<(String, String, String)>> {
    Query::new(
        Statement::new(
            "SELECT product, version, released_on FROM releases ORDER BY released_on DESC, rowid DESC LIMIT ?1",
            vec![limit.into()],
        ),
        |rows| {
            rows.iter()
                .map(|row| {
                    Ok((
                        row.text("product")?,
                        row.text("version")?,
                        row.text("released_on")?,
                    ))
                })
                .collect()
        },
    )
}

pub fn license_of(serial: &str) -> Query<Option<LicenseRecord>> {
    let sql = format!("SELECT {LICENSE_COLUMNS} FROM licenses WHERE serial = ?1");
    Query::new(Statement::new(sql, vec![serial.into()]), decode_license)
}

/// The license a claim names: `serial` when staff name it, else the
/// claim's own (as typed at registration, read as a serial is written).
pub fn license_of_claim(claim_id: &str, serial: Option<&str>) -> Query<Option<LicenseRecord>> {
    let sql = format!(
        "SELECT {LICENSE_COLUMNS} FROM licenses WHERE serial = COALESCE(?2, {})",
        serial_of_claim(1)
    );
    Query::new(
        Statement::new(sql, vec![claim_id.into(), serial.into()]),
        decode_license,
    )
}

/// The SQL for the serial a claim (its id at `?{n}`) names: the one staff
/// resolved it to, else the one typed, trimmed and in capitals as
/// `SerialNumber` writes it.
pub(super) fn serial_of_claim(n: usize) -> String {
    format!(
        "(SELECT UPPER(TRIM(COALESCE(resolved_serial, serial))) FROM license_claims WHERE id = ?{n})"
    )
}

/// The license an activation is of.
pub fn license_of_activation(activation_id: &str) -> Query<Option<LicenseRecord>> {
    let sql = format!(
        "SELECT {LICENSE_COLUMNS} FROM licenses WHERE serial = (SELECT serial FROM activations WHERE id = ?1)"
    );
    Query::new(
        Statement::new(sql, vec![activation_id.into()]),
        decode_license,
    )
}

fn decode_license(rows: &[Row]) -> Result<Option<LicenseRecord>, DbError> {
    rows.first().map(license).transpose()
}

/// Which of these serials are in the catalogue already, in as few
/// statements as D1 allows.
pub fn known_serials(serials: &[&str]) -> Vec<Query<Vec<String>>> {
    bulk(
        "SELECT serial FROM licenses WHERE serial IN (SELECT value FROM json_each(?1))",
        serials.iter().map(|serial| serde_json::json!(serial)),
    )
    .into_iter()
    .map(|statement| {
        Query::new(statement, |rows| {
            rows.iter().map(|row| row.text("serial")).collect()
        })
    })
    .collect()
}

pub fn activation_of(id: &str) -> Query<Option<ActivationRecord>> {
    let sql = format!("SELECT {ACTIVATION_COLUMNS} FROM activations WHERE id = ?1");
    Query::new(Statement::new(sql, vec![id.into()]), decode_activation)
}

/// The active activation of an installation (of any major version when
/// `major_version` is none, the highest first).
pub fn active_activation_of(
    serial: &str,
    installation_id: &str,
    major_version: Option<i64>,
) -> Query<Option<ActivationRecord>> {
    let sql = format!(
        "SELECT {ACTIVATION_COLUMNS} FROM activations WHERE serial = ?1 AND installation_id = ?2 \
         AND (?3 IS NULL OR major_version = ?3) AND deactivated_at IS NULL ORDER BY major_version DESC LIMIT 1"
    );
    Query::new(
        Statement::new(
            sql,
            vec![serial.into(), installation_id.into(), major_version.into()],
        ),
        decode_activation,
    )
}

fn decode_activation(rows: &[Row]) -> Result<Option<ActivationRecord>, DbError> {
    rows.first().map(activation).transpose()
}

/// The release date of a license's product at a version: the version
/// itself, else the first release of its major version (none when unknown,
/// or not a date).
pub fn release_date(serial: &str, version: &str, major: i64) -> Query<Option<NaiveDate>> {
    Query::new(
        Statement::new(
            "SELECT released_on FROM releases WHERE product = (SELECT product FROM licenses WHERE serial = ?1) \
             AND (version = ?2 OR major_version = ?3) ORDER BY version = ?2 DESC, released_on LIMIT 1",
            vec![serial.into(), version.into(), major.into()],
        ),
        |rows| {
            Ok(rows
                .first()
                .map(|row| row.text("released_on"))
                .transpose()?
                .and_then(|day| parse_iso_date(&day)))
        },
    )
}

pub fn subscriptions_of_license(serial: &str) -> Query<Vec<SubscriptionRecord>> {
    let sql = format!("SELECT {SUBSCRIPTION_COLUMNS} FROM sups_subscriptions WHERE serial = ?1");
    Query::new(
        Statement::new(sql, vec![serial.into()]),
        decode_subscriptions,
    )
}

/// The subscriptions of the license an activation is of.
pub fn subscriptions_of_activation(activation_id: &str) -> Query<Vec<SubscriptionRecord>> {
    let sql = format!(
        "SELECT {SUBSCRIPTION_COLUMNS} FROM sups_subscriptions WHERE serial = (SELECT serial FROM activations WHERE id = ?1)"
    );
    Query::new(
        Statement::new(sql, vec![activation_id.into()]),
        decode_subscriptions,
    )
}

/// The subscription of a license that the partner sold.
pub fn subscription_of(serial: &str, partner: &PartnerScope) -> Query<Option<SubscriptionRecord>> {
    let sql = format!(
        "SELECT {SUBSCRIPTION_COLUMNS} FROM sups_subscriptions WHERE serial = ?1 AND partner_id = {}",
        partner.sql(2)
    );
    Query::new(
        Statement::new(sql, vec![serial.into(), partner.param()]),
        |rows| rows.first().map(subscription).transpose(),
    )
}

/// The licenses assigned to the partner.
pub fn licenses_of_partner(partner: &PartnerScope) -> Query<Vec<LicenseRecord>> {
    let sql = format!(
        "SELECT {LICENSE_COLUMNS} FROM licenses WHERE partner_id = {} ORDER BY serial LIMIT 1000",
        partner.sql(1)
    );
    Query::new(Statement::new(sql, vec![partner.param()]), decode_licenses)
}

fn decode_licenses(rows: &[Row]) -> Result<Vec<LicenseRecord>, DbError> {
    rows.iter().map(license).collect()
}

/// The SUPS subscriptions the partner sold.
pub fn subscriptions_of_partner(partner: &PartnerScope) -> Query<Vec<SubscriptionRecord>> {
    let sql = format!(
        "SELECT {SUBSCRIPTION_COLUMNS} FROM sups_subscriptions WHERE partner_id = {} ORDER BY serial",
        partner.sql(1)
    );
    Query::new(
        Statement::new(sql, vec![partner.param()]),
        decode_subscriptions,
    )
}

fn decode_subscriptions(rows: &[Row]) -> Result<Vec<SubscriptionRecord>, DbError> {
    rows.iter().map(subscription).collect()
}

// ---- licenses with their installations, for the pages (issue 22) ----------

/// Whose licenses a page lists: those an organisation holds, or those
/// assigned to a partner.
pub enum LicenseOwner<'a> {
    Holder(&'a super::CustomerScope),
    Partner(&'a PartnerScope),
}

/// A license with its live installations and how many times its
/// installations were deactivated since the month's start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LicenseInstallations {
    pub license: LicenseRecord,
    pub activations: Vec<ActivationRecord>,
    pub deactivations_since: u32,
}

/// The owner's licenses, their live activations and their deactivations
/// since `since` (counted as the deactivating statement counts them: the
/// audit rows), in three statements of one batch.
pub fn installations_of(
    owner: &LicenseOwner<'_>,
    since: Instant,
) -> impl super::Reads<Output = Vec<LicenseInstallations>> {
    let (serials, param) = match owner {
        LicenseOwner::Holder(scope) => (
            format!(
                "SELECT serial FROM licenses WHERE holder_id = {}",
                scope.sql(1)
            ),
            scope.param(),
        ),
        LicenseOwner::Partner(scope) => (
            format!(
                "SELECT serial FROM licenses WHERE partner_id = {}",
                scope.sql(1)
            ),
            scope.param(),
        ),
    };
    let licenses = Query::new(
        Statement::new(
            format!("SELECT {LICENSE_COLUMNS} FROM licenses WHERE serial IN ({serials}) ORDER BY serial LIMIT 1000"),
            vec![param.clone()],
        ),
        decode_licenses,
    );
    let activations = Query::new(
        Statement::new(
            format!(
                "SELECT {ACTIVATION_COLUMNS} FROM activations WHERE deactivated_at IS NULL \
                 AND serial IN ({serials}) ORDER BY created_at"
            ),
            vec![param.clone()],
        ),
        |rows| rows.iter().map(activation).collect::<Result<Vec<_>, _>>(),
    );
    let counts = Query::new(
        Statement::new(
            format!(
                "SELECT serial, COUNT(*) AS used FROM activation_audit WHERE action = 'deactivate' \
                 AND created_at >= ?2 AND serial IN ({serials}) GROUP BY serial"
            ),
            vec![param, format(since).into()],
        ),
        |rows| {
            rows.iter()
                .map(|row| Ok((row.text("serial")?, row.integer("used")?)))
                .collect::<Result<Vec<_>, DbError>>()
        },
    );
    super::Joined::new(
        (licenses, activations, counts),
        |(licenses, activations, counts)| {
            Ok(licenses
                .into_iter()
                .map(|license| LicenseInstallations {
                    activations: activations
                        .iter()
                        .filter(|a| a.serial == license.serial)
                        .cloned()
                        .collect(),
                    deactivations_since: counts
                        .iter()
                        .find(|(serial, _)| *serial == license.serial)
                        .map_or(0, |(_, used)| u32::try_from(*used).unwrap_or(u32::MAX)),
                    license,
                })
                .collect())
        },
    )
}

impl<D: Database> Store<D> {
    pub async fn license(&self, serial: &str) -> Result<Option<LicenseRecord>, DbError> {
        self.fetch(license_of(serial)).await
    }

    /// The licenses an organisation holds.
    pub async fn licenses_of_customer(
        &self,
        customer_id: &str,
    ) -> Result<Vec<LicenseRecord>, DbError> {
        let sql = format!(
            "SELECT {LICENSE_COLUMNS} FROM licenses WHERE holder_id = ?1 ORDER BY serial LIMIT 1000"
        );
        self.fetch(Query::new(
            Statement::new(sql, vec![customer_id.into()]),
            decode_licenses,
        ))
        .await
    }

    /// The active activation of an installation, if any (any major version
    /// when `major_version` is none).
    pub async fn active_activation(
        &self,
        serial: &str,
        installation_id: &str,
        major_version: Option<i64>,
    ) -> Result<Option<ActivationRecord>, DbError> {
        self.fetch(active_activation_of(serial, installation_id, major_version))
            .await
    }

    pub async fn activations_of_license(
        &self,
        serial: &str,
    ) -> Result<Vec<ActivationRecord>, DbError> {
        let sql = format!(
            "SELECT {ACTIVATION_COLUMNS} FROM activations WHERE serial = ?1 ORDER BY created_at"
        );
        self.fetch(Query::new(
            Statement::new(sql, vec![serial.into()]),
            |rows| rows.iter().map(activation).collect(),
        ))
        .await
    }

    /// Counts one request in a rate-limit bucket's window and returns the
    /// count so far.
    pub async fn count_request(&self, bucket: &str, window_start: Instant) -> Result<i64, DbError> {
        self.fetch(super::idempotency::count_request(bucket, window_start))
            .await
    }

    pub async fn subscriptions_of_customer(
        &self,
        customer_id: &str,
    ) -> Result<Vec<SubscriptionRecord>, DbError> {
        let sql = format!("SELECT {SUBSCRIPTION_COLUMNS} FROM sups_subscriptions WHERE customer_id = ?1 ORDER BY serial");
        self.fetch(Query::new(
            Statement::new(sql, vec![customer_id.into()]),
            decode_subscriptions,
        ))
        .await
    }

    pub async fn subscriptions_of_license(
        &self,
        serial: &str,
    ) -> Result<Vec<SubscriptionRecord>, DbError> {
        self.fetch(subscriptions_of_license(serial)).await
    }

    /// Subscriptions ending before `before` that still cover `now` and have
    /// not been reminded.
    pub async fn subscriptions_to_remind(
        &self,
        now: Instant,
        before: Instant,
    ) -> Result<Vec<SubscriptionRecord>, DbError> {
        let sql = format!(
            "SELECT {SUBSCRIPTION_COLUMNS} FROM sups_subscriptions WHERE reminded_at IS NULL AND ends_at IS NOT NULL \
             AND ends_at > ?1 AND ends_at <= ?2 LIMIT 100"
        );
        self.fetch(Query::new(
            Statement::new(sql, vec![format(now).into(), format(before).into()]),
            decode_subscriptions,
        ))
        .await
    }
}
