//! The desk's directory (issue 22): organisations found by what a person
//! types, and everything about one of them in one batch.
//!
//! Folding is `domain::search`'s rule, in SQL through `sql_fold`: D1 has
//! no ICU, so the stored names are folded by the same table of letters the
//! query was folded with in Rust. The search scans `customers` and
//! `contacts` (thousands of rows, well within one statement's time); exact
//! keys (serial, VAT id, email, ids, RF references) use their indexes.

use super::{
    claim_where_customer, AuditEntry, ClaimRecord, ContactRecord, CustomerRecord, CustomerScope,
    DbError, InvoiceRecord, Joined, OrderRecord, Overview, Query, Reads, Row, Statement,
};
use crate::domain::search::{sql_fold, Rank, SearchTerms, PAGE_SIZE};

/// An organisation the search found, with its contacts.
#[derive(Debug, Clone, PartialEq)]
pub struct OrganisationHit {
    pub id: String,
    pub name: String,
    pub country: String,
    pub vat_id: Option<String>,
    /// `pending_verification`, `active` or `merged`.
    pub status: String,
    pub balance: i64,
    pub open_incidents: i64,
    pub contacts: Vec<HitContact>,
    pub rank: i64,
}

/// A contact of an organisation found.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct HitContact {
    pub contact_id: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub status: String,
}

/// An incident or order is found by its id or its human number
/// (`INC-2026-00042`, `ORD-2026-00017`, in any case), an order also by its
/// RF reference.
const INCIDENT_KEY: &str = "id = ?1 OR number = upper(?1)";
const ORDER_KEY: &str = "id = ?1 OR number = upper(?1) OR rf_reference = ?3";

/// A page (from 1) of the organisations matching `terms`, best first:
/// an exact key (serial, VAT id, email, phone, id, number, RF reference),
/// then a name or contact whose word starts with the text, then any text
/// containing it; by name within a rank. One more than a page is read, so
/// the caller knows whether a next page exists. Two compound terms, one a
/// table: D1 refuses a compound SELECT of seven ("too many terms"), so the
/// other tables' keys are `IN` subqueries of the organisations' term.
pub fn organisations_matching(terms: &SearchTerms, page: i64) -> Query<Vec<OrganisationHit>> {
    let exact = Rank::Exact as i64;
    let prefix = Rank::Prefix as i64;
    let contains = Rank::Contains as i64;
    let company = sql_fold("company_name");
    let person = sql_fold("name");
    let sql = format!(
        "SELECT c.id, c.company_name, c.country, c.vat_id, c.status, \
           COALESCE(a.balance, 0) AS balance, \
           (SELECT count(*) FROM incidents i WHERE i.customer_id = c.id AND i.status <> 'closed') AS open_incidents, \
           (SELECT json_group_array(json_object('contact_id', p.id, 'name', p.name, 'email', p.email, \
                   'phone', p.phone, 'status', p.status)) \
              FROM (SELECT id, name, email, phone, status FROM contacts \
                    WHERE customer_id = c.id AND status <> 'removed' ORDER BY created_at, id LIMIT 20) p) AS contacts, \
           m.rank \
         FROM (SELECT customer_id, max(rank) AS rank FROM ( \
             SELECT id AS customer_id, CASE \
                 WHEN id = ?1 \
                   OR (vat_id IS NOT NULL AND replace(replace(upper(vat_id), ' ', ''), '-', '') = ?3) \
                   OR replace(upper(registered_serial), '-', '') = ?3 \
                   OR id IN (SELECT holder_id FROM licenses WHERE replace(serial, '-', '') = ?3) \
                   OR id IN (SELECT customer_id FROM incidents WHERE {INCIDENT_KEY}) \
                   OR id IN (SELECT customer_id FROM coupon_orders WHERE {ORDER_KEY}) THEN {exact} \
                 WHEN instr(' ' || {company}, ' ' || ?2) > 0 THEN {prefix} \
                 WHEN instr({company}, ?2) > 0 THEN {contains} ELSE 0 END AS rank \
               FROM customers \
             UNION ALL SELECT customer_id, CASE \
                 WHEN email = lower(?1) OR (?4 IS NOT NULL AND substr(phone, -length(?4)) = ?4) THEN {exact} \
                 WHEN instr(' ' || {person}, ' ' || ?2) > 0 THEN {prefix} \
                 WHEN instr({person}, ?2) > 0 OR instr(email, lower(?1)) > 0 \
                   OR (?4 IS NOT NULL AND instr(phone, ?4) > 0) THEN {contains} ELSE 0 END \
               FROM contacts WHERE status <> 'removed' \
           ) GROUP BY customer_id HAVING max(rank) > 0) m \
         JOIN customers c ON c.id = m.customer_id \
         LEFT JOIN coupon_accounts a ON a.customer_id = c.id \
         ORDER BY m.rank DESC, lower(c.company_name), c.id LIMIT ?5 OFFSET ?6"
    );
    let params = vec![
        terms.exact.as_str().into(),
        terms.folded.as_str().into(),
        terms.key.as_str().into(),
        terms.phone.as_deref().into(),
        (PAGE_SIZE + 1).into(),
        ((page.max(1) - 1) * PAGE_SIZE).into(),
    ];
    Query::new(Statement::new(sql, params), |rows| {
        rows.iter().map(OrganisationHit::from_row).collect()
    })
}

impl OrganisationHit {
    fn from_row(row: &Row) -> Result<Self, DbError> {
        let contacts = row.text("contacts")?;
        Ok(Self {
            id: row.text("id")?,
            name: row.text("company_name")?,
            country: row.text("country")?,
            vat_id: row.opt_text("vat_id")?,
            status: row.text("status")?,
            balance: row.integer("balance")?,
            open_incidents: row.integer("open_incidents")?,
            contacts: serde_json::from_str(&contacts)
                .map_err(|e| DbError::Decode(format!("contacts: {e}")))?,
            rank: row.integer("rank")?,
        })
    }
}

/// Everything the desk shows of one organisation, read in one batch.
#[derive(Debug, Clone)]
pub struct OrganisationFile {
    pub customer: Option<CustomerRecord>,
    pub contacts: Vec<ContactRecord>,
    pub overview: Overview,
    pub orders: Vec<OrderRecord>,
    pub invoices: Vec<InvoiceRecord>,
    pub claims: Vec<ClaimRecord>,
    pub audit: Vec<AuditEntry>,
}

/// One organisation's file: the organisation, its contacts, its overview
/// (balance, ledger, licenses with activations and SUPS, incidents), orders,
/// invoices, claims and the audit entries about it or its incidents, orders
/// and contacts (newest 100).
pub fn organisation_file(customer_id: &str) -> impl Reads<Output = OrganisationFile> {
    let scope = CustomerScope::Id(customer_id.to_owned());
    let reads = (
        super::customer_by_id(customer_id),
        super::contacts_in(&scope),
        super::overview_of(&scope, 200),
        super::orders_of(&scope),
        super::invoices_of(&scope),
        claim_where_customer(customer_id),
        audit_of_organisation(customer_id),
    );
    Joined::new(
        reads,
        |(customer, contacts, overview, orders, invoices, claims, audit)| {
            Ok(OrganisationFile {
                customer,
                contacts,
                overview,
                orders,
                invoices,
                claims,
                audit,
            })
        },
    )
}

/// The newest audit entries whose target names the organisation, one of
/// its incidents, orders or contacts.
fn audit_of_organisation(customer_id: &str) -> Query<Vec<AuditEntry>> {
    Query::new(
        Statement::new(
            "SELECT id, actor_kind, actor_id, actor_name, role, action, target, detail, created_at \
             FROM audit_log l WHERE ' ' || target || ' ' LIKE '% ' || ?1 || ' %' \
               OR EXISTS (SELECT 1 FROM incidents i WHERE i.customer_id = ?1 AND ' ' || l.target || ' ' LIKE '% ' || i.id || ' %') \
               OR EXISTS (SELECT 1 FROM coupon_orders o WHERE o.customer_id = ?1 AND ' ' || l.target || ' ' LIKE '% ' || o.id || ' %') \
               OR EXISTS (SELECT 1 FROM contacts p WHERE p.customer_id = ?1 AND ' ' || l.target || ' ' LIKE '% ' || p.id || ' %') \
             ORDER BY created_at DESC, id LIMIT 100",
            vec![customer_id.into()],
        ),
        |rows| rows.iter().map(AuditEntry::from_row).collect(),
    )
}
