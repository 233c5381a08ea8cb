//! Customers and their license claims.

use super::{Database, DbError, Row, Statement, Store};
use crate::domain::registration::{CustomerStatus, NewRegistration, TERMS_VERSION};
use crate::domain::time::{format, Instant};

/// A registration as it is first written.
pub struct NewCustomer<'a> {
    pub id: &'a str,
    pub registration: &'a NewRegistration,
    pub now: Instant,
}

/// A customer as the database holds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerRecord {
    pub id: String,
    pub status: CustomerStatus,
    pub serial: String,
    pub company_name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub vat_id: Option<String>,
    pub contact_name: String,
    pub email: String,
    pub phone: String,
    pub newsletter: bool,
    pub newsletter_consent_at: Option<Instant>,
    pub terms_version: String,
    pub terms_accepted_at: Instant,
    pub created_at: Instant,
    pub verified_at: Option<Instant>,
}

const COLUMNS: &str = "id, status, serial, company_name, street, postal_code, city, country, vat_id, \
     contact_name, email, phone, newsletter, newsletter_consent_at, terms_version, terms_accepted_at, \
     created_at, verified_at";

impl CustomerRecord {
    fn from_row(row: &Row) -> Result<Self, DbError> {
        let status = row.text("status")?;
        Ok(Self {
            id: row.text("id")?,
            status: CustomerStatus::parse(&status)
                .ok_or_else(|| DbError::Decode(format!("status {status}")))?,
            serial: row.text("serial")?,
            company_name: row.text("company_name")?,
            street: row.text("street")?,
            postal_code: row.text("postal_code")?,
            city: row.text("city")?,
            country: row.text("country")?,
            vat_id: row.opt_text("vat_id")?,
            contact_name: row.text("contact_name")?,
            email: row.text("email")?,
            phone: row.text("phone")?,
            newsletter: row.integer("newsletter")? == 1,
            newsletter_consent_at: row.opt_instant("newsletter_consent_at")?,
            terms_version: row.text("terms_version")?,
            terms_accepted_at: row.instant("terms_accepted_at")?,
            created_at: row.instant("created_at")?,
            verified_at: row.opt_instant("verified_at")?,
        })
    }
}

/// Writes a new registration, pending verification of its email address.
pub fn insert_customer(customer: &NewCustomer<'_>) -> Statement {
    let r = customer.registration;
    let now = format(customer.now);
    Statement::new(
        "INSERT INTO customers (id, status, serial, company_name, street, postal_code, city, country, vat_id, \
         contact_name, email, phone, newsletter, newsletter_consent_at, terms_version, terms_accepted_at, created_at) \
         VALUES (?1, 'pending_verification', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
        vec![
            customer.id.into(),
            r.serial.as_str().into(),
            r.company.name.as_str().into(),
            r.company.street.as_str().into(),
            r.company.postal_code.as_str().into(),
            r.company.city.as_str().into(),
            r.company.country.code().into(),
            r.company.vat_id.as_ref().map(|v| v.as_str()).into(),
            r.contact.name.as_str().into(),
            r.contact.email.as_str().into(),
            r.contact.phone.as_str().into(),
            r.newsletter.into(),
            r.newsletter_consent_at(customer.now).map(format).into(),
            TERMS_VERSION.into(),
            now.into(),
        ],
    )
}

/// Activates a customer whose email is confirmed; a second run changes nothing.
pub fn activate_customer(customer_id: &str, now: Instant) -> Statement {
    Statement::new(
        "UPDATE customers SET status = 'active', verified_at = ?2 WHERE id = ?1 AND status = 'pending_verification'",
        vec![customer_id.into(), format(now).into()],
    )
}

/// Opens the license claim of a registration made with serial "0".
pub fn insert_license_claim(claim_id: &str, customer_id: &str, now: Instant) -> Statement {
    Statement::new(
        "INSERT INTO license_claims (id, customer_id, status, created_at) VALUES (?1, ?2, 'open', ?3)",
        vec![claim_id.into(), customer_id.into(), format(now).into()],
    )
}

impl<D: Database> Store<D> {
    pub async fn customer(&self, id: &str) -> Result<Option<CustomerRecord>, DbError> {
        let sql = format!("SELECT {COLUMNS} FROM customers WHERE id = ?1");
        self.first(Statement::new(sql, vec![id.into()]))
            .await?
            .map(|row| CustomerRecord::from_row(&row))
            .transpose()
    }

    pub async fn customer_by_email(&self, email: &str) -> Result<Option<CustomerRecord>, DbError> {
        let sql = format!("SELECT {COLUMNS} FROM customers WHERE email = ?1");
        self.first(Statement::new(sql, vec![email.into()]))
            .await?
            .map(|row| CustomerRecord::from_row(&row))
            .transpose()
    }

    /// The email addresses of these customers, by id, in as few queries as
    /// D1 allows.
    pub async fn customer_emails(
        &self,
        ids: &[String],
    ) -> Result<std::collections::HashMap<String, String>, DbError> {
        let mut emails = std::collections::HashMap::new();
        for chunk in ids.chunks(2000) {
            let list = serde_json::to_string(chunk).unwrap_or_default();
            let rows = self
                .rows(Statement::new(
                    "SELECT id, email FROM customers WHERE id IN (SELECT value FROM json_each(?1))",
                    vec![list.into()],
                ))
                .await?;
            for row in rows {
                emails.insert(row.text("id")?, row.text("email")?);
            }
        }
        Ok(emails)
    }

    /// Whether the customer's registration with serial "0" awaits staff.
    pub async fn open_license_claim(&self, customer_id: &str) -> Result<Option<String>, DbError> {
        let row = self
            .first(Statement::new(
                "SELECT id FROM license_claims WHERE customer_id = ?1 AND status = 'open'",
                vec![customer_id.into()],
            ))
            .await?;
        row.map(|row| row.text("id")).transpose()
    }
}
