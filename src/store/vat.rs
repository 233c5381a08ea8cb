//! VAT rates by country and start date, and the answers of the EU's VIES
//! service about customers' VAT numbers.

use chrono::NaiveDate;

use super::{CustomerScope, DbError, Query, Row, Statement, Value};
use crate::domain::country::Country;
use crate::domain::time::{format, Instant};
use crate::domain::vat::{eu_vat_prefixes, RateRow, VatRate, Vies};
use crate::domain::vies::{Answer, Details};

/// Every rate row of a country: the app picks the one in force on the day.
pub fn rates_of(country: Country) -> Query<Vec<RateRow>> {
    Query::new(
        Statement::new(
            "SELECT country, starts_on, rate_bp FROM vat_rates WHERE country = ?1",
            vec![country.code().into()],
        ),
        decode_rates,
    )
}

fn decode_rates(rows: &[Row]) -> Result<Vec<RateRow>, DbError> {
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
/// customer's current VAT number, with the name VIES gave; `unavailable`
/// answers say nothing about the number and are passed over. None before
/// a definite answer.
pub fn vat_number_answer(customer: &CustomerScope) -> Query<Option<ViesAnswer>> {
    let sql = format!(
        "SELECT v.status, v.name FROM vat_checks AS v JOIN customers AS c \
         ON c.id = v.customer_id AND c.vat_id = v.vat_id \
         WHERE c.id = {} AND v.status IN ('confirmed', 'invalid') \
         ORDER BY v.checked_at DESC, v.rowid DESC LIMIT 1",
        customer.sql(1)
    );
    Query::new(
        Statement::new(sql, vec![customer.param()]),
        decode_vies_answer,
    )
}

/// VIES's latest definite answer about a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViesAnswer {
    pub confirmed: bool,
    /// The holder's name as VIES gave it, when it gave one.
    pub name: Option<String>,
}

impl ViesAnswer {
    /// The answer as the VAT decision takes it.
    pub fn vies(&self) -> Vies<'_> {
        if self.confirmed {
            Vies::Confirmed {
                name: self.name.as_deref(),
            }
        } else {
            Vies::Invalid
        }
    }
}

fn decode_vies_answer(rows: &[Row]) -> Result<Option<ViesAnswer>, DbError> {
    rows.first()
        .map(|row| {
            Ok(ViesAnswer {
                confirmed: row.text("status")? == "confirmed",
                name: row.opt_text("name")?,
            })
        })
        .transpose()
}

/// One VIES answer about a customer's number, kept as evidence: a replayed
/// check adds a row, and the latest definite one decides.
pub fn insert_vat_check(
    id: &str,
    customer_id: &str,
    vat_id: &str,
    answer: &Answer,
    now: Instant,
) -> Statement {
    let details = match answer {
        Answer::Confirmed(details) | Answer::Invalid(details) => details.clone(),
        Answer::Unavailable(_) => Details::default(),
    };
    let text = |t: Option<String>| t.map_or(Value::Null, Value::Text);
    Statement::new(
        "INSERT INTO vat_checks (id, customer_id, vat_id, status, name, address, request_date, \
         request_identifier, checked_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        vec![
            id.into(),
            customer_id.into(),
            vat_id.into(),
            answer.status().into(),
            text(details.name),
            text(details.address),
            text(details.request_date),
            text(details.request_identifier),
            format(now).into(),
        ],
    )
}

/// The VIES outages recorded for the customer's current number since
/// `since`: the job retries itself a few times, then leaves the number to
/// the sweep.
pub fn outages_since(customer_id: &str, since: Instant) -> Query<i64> {
    Query::new(
        Statement::new(
            "SELECT COUNT(*) AS n FROM vat_checks WHERE customer_id = ?1 \
             AND vat_id = (SELECT vat_id FROM customers WHERE id = ?1) \
             AND status = 'unavailable' AND checked_at >= ?2",
            vec![customer_id.into(), format(since).into()],
        ),
        |rows| rows.first().map_or(Ok(0), |row| row.integer("n")),
    )
}

/// Customers whose current EU VAT number has no definite answer and no
/// check since `before` (a lost job, or VIES down): the sweep checks them
/// again, `limit` at a time, the longest waiting first.
pub fn unchecked_vat_numbers(before: Instant, limit: i64) -> Query<Vec<String>> {
    let prefixes = eu_vat_prefixes()
        .map(|p| format!("'{p}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT c.id FROM customers AS c \
         LEFT JOIN vat_checks AS v ON v.customer_id = c.id AND v.vat_id = c.vat_id \
         WHERE c.vat_id IS NOT NULL AND c.merged_into IS NULL \
         AND substr(c.vat_id, 1, 2) IN ({prefixes}) \
         GROUP BY c.id \
         HAVING COALESCE(SUM(v.status IN ('confirmed', 'invalid')), 0) = 0 \
         AND COALESCE(MAX(v.checked_at), '') < ?1 \
         ORDER BY COALESCE(MAX(v.checked_at), ''), c.id LIMIT ?2"
    );
    Query::new(
        Statement::new(sql, vec![format(before).into(), limit.into()]),
        |rows| rows.iter().map(|row| row.text("id")).collect(),
    )
}
