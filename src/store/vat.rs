//! VAT rates by country and start date, and the answers of the EU's VIES
//! service about customers' VAT numbers.

use chrono::NaiveDate;

use super::{CustomerScope, DbError, Row, Statement};
use crate::domain::country::Country;
use crate::domain::vat::{RateRow, VatRate};

/// Every rate row of a country: the app picks the one in force on the day.
pub fn rates_of(country: Country) -> Statement {
    Statement::new(
        "SELECT country, starts_on, rate_bp FROM vat_rates WHERE country = ?1",
        vec![country.code().into()],
    )
}

pub fn decode_rates(rows: &[Row]) -> Result<Vec<RateRow>, DbError> {
    rows.iter()
        .map(|row| {
            Ok(RateRow {
                country: row.parsed("country", |c| Country::parse(c).ok())?,
                starts_on: row.parsed("starts_on", |d| {
                    NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()
                })?,
                rate: VatRate::from_basis_points(row.integer("rate_bp")?)
                    .ok_or_else(|| DbError::Decode("rate_bp out of range".into()))?,
            })
        })
        .collect()
}

/// The latest definite VIES answer (confirmed or invalid) for the
/// customer's current VAT number; `unavailable` answers say nothing about
/// the number and are passed over.
pub fn vat_number_answer(customer: &CustomerScope) -> Statement {
    let sql = format!(
        "SELECT v.status FROM vat_checks AS v JOIN customers AS c \
         ON c.id = v.customer_id AND c.vat_id = v.vat_id \
         WHERE c.id = {} AND v.status IN ('confirmed', 'invalid') \
         ORDER BY v.checked_at DESC, v.rowid DESC LIMIT 1",
        customer.sql(1)
    );
    Statement::new(sql, vec![customer.param()])
}

/// Whether VIES confirmed the customer's current VAT number.
pub fn decode_vat_number_confirmed(rows: &[Row]) -> Result<bool, DbError> {
    match rows.first() {
        Some(row) => Ok(row.text("status")? == "confirmed"),
        None => Ok(false),
    }
}
