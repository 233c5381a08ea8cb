//! Invoices and credit notes: issued inside the batch of the payment or
//! refund that causes them, read back as the documents they froze.

use chrono::{Datelike, NaiveDate};

use std::sync::LazyLock;

use super::{bulk_with, CustomerScope, DbError, Query, Row, Statement};
use crate::domain::country::Country;
use crate::domain::invoice::{
    Credited, Document, InvoiceNumber, Kind, Party, PaymentMeans, Seller,
};
use crate::domain::money::Money;
use crate::domain::time::{format, Instant};
use crate::domain::vat::{Amounts, VatCategory, VatNote, VatRate};

/// The next number of a year, taken inside the INSERT that uses it.
const NEXT_SEQ: &str =
    "(SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM invoices WHERE year = ?2) AS n";

const COLUMNS: &str = "id, kind, year, seq, number, order_id, credits_invoice_id, customer_id, \
     issued_on, seller_name, seller_street, seller_postal_code, seller_city, seller_country, \
     seller_vat_id, seller_iban, seller_bic, buyer_name, buyer_street, buyer_postal_code, \
     buyer_city, buyer_country, buyer_vat_id, currency, quantity, unit_price_cents, net_cents, \
     vat_cents, total_cents, vat_category, vat_rate_bp, payment_means, rf_reference, created_at";

/// The invoices of `(invoice id, order id)` pairs, as statements after the
/// one that marks the orders paid: only for an order that is paid and has
/// no invoice yet, so a replayed payment issues nothing, numbered in the
/// order given after the year's last. One statement per chunk of orders, so
/// a bank statement's thousands of payments stay within D1's limits. The
/// buyer is the organisation as it is now, except for the country and VAT
/// number, which are the ones the order was priced with, as are the
/// amounts: the order is their one source.
pub fn issue_invoices(
    invoices: &[(String, String)],
    seller: &Seller,
    issued_on: NaiveDate,
    now: Instant,
) -> Vec<Statement> {
    static SQL: LazyLock<String> = LazyLock::new(|| {
        format!(
            "INSERT INTO invoices ({COLUMNS}) \
             SELECT n.invoice_id, 'invoice', ?2, n.seq, printf('%d-%05d', ?2, n.seq), o.id, NULL, \
             o.customer_id, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, \
             c.company_name, c.street, c.postal_code, c.city, o.buyer_country, o.buyer_vat_id, \
             o.currency, o.quantity, o.unit_price_cents, o.total_cents, o.vat_cents, \
             o.total_due_cents, o.vat_category, o.vat_rate_bp, o.payment_method, o.rf_reference, ?12 \
             FROM (SELECT j.value ->> 0 AS invoice_id, j.value ->> 1 AS order_id, \
               (SELECT COALESCE(MAX(seq), 0) FROM invoices WHERE year = ?2) \
               + ROW_NUMBER() OVER (ORDER BY j.key) AS seq \
               FROM json_each(?1) AS j JOIN coupon_orders AS o ON o.id = j.value ->> 1 \
               WHERE o.status = 'paid' AND NOT EXISTS \
               (SELECT 1 FROM invoices WHERE order_id = o.id AND kind = 'invoice')) AS n \
             JOIN coupon_orders AS o ON o.id = n.order_id JOIN customers AS c ON c.id = o.customer_id"
        )
    });
    let party = &seller.party;
    bulk_with(
        SQL.as_str(),
        invoices
            .iter()
            .map(|(id, order_id)| serde_json::json!([id, order_id])),
        &[
            i64::from(issued_on.year()).into(),
            issued_on.to_string().into(),
            party.name.as_str().into(),
            party.street.as_str().into(),
            party.postal_code.as_str().into(),
            party.city.as_str().into(),
            party.country.code().into(),
            party.vat_id.as_deref().unwrap_or_default().into(),
            seller.iban.as_str().into(),
            seller.bic.as_str().into(),
            format(now).into(),
        ],
    )
}

/// The VAT of `coupons` coupons of invoice `i`, as [`Treatment::apply`]
/// computes it on their net amount: in cents the exact VAT is net × basis
/// points / 10 000, and rounding a non-negative amount half away from zero
/// is adding a half and truncating, which SQLite's integer division does.
/// The whole invoice's VAT is the one it bears, so credit notes that credit
/// all of it sum to exactly that.
///
/// [`Treatment::apply`]: crate::domain::vat::Treatment::apply
fn vat_of(coupons: &str) -> String {
    format!(
        "(CASE WHEN {coupons} >= i.quantity THEN i.vat_cents \
         ELSE ({coupons} * i.unit_price_cents * i.vat_rate_bp + 5000) / 10000 END)"
    )
}

/// Issues the credit note of a refund that returned the money of `through`
/// of the order's coupons (cumulative, as Stripe's refunded amount is): for
/// those beyond what the order's earlier credit notes credited, with the
/// invoice's frozen data; nothing when that is none or the order has no
/// invoice. Computed in the batch from what it finds, so replayed or racing
/// refunds never credit a coupon twice nor more than the invoice. Each note's
/// VAT is that of the coupons credited so far less that of those credited
/// before ([`vat_of`]): each is within a cent of its own net's VAT and the
/// notes of an order sum to at most the invoice, exactly it when whole.
/// `through` is cast: D1 binds numbers as reals, and the VAT's integer
/// division must stay integer.
pub fn issue_credit_note(
    id: &str,
    order_id: &str,
    through: i64,
    issued_on: NaiveDate,
    now: Instant,
) -> Statement {
    static SQL: LazyLock<String> = LazyLock::new(|| {
        let copied = "i.seller_name, i.seller_street, i.seller_postal_code, i.seller_city, \
             i.seller_country, i.seller_vat_id, i.seller_iban, i.seller_bic, i.buyer_name, \
             i.buyer_street, i.buyer_postal_code, i.buyer_city, i.buyer_country, i.buyer_vat_id, \
             i.currency";
        let vat = format!("{} - {}", vat_of("t.through"), vat_of("t.before"));
        format!(
            "INSERT INTO invoices ({COLUMNS}, credited_through) \
             SELECT ?1, 'credit_note', ?2, n.seq, printf('%d-%05d', ?2, n.seq), i.order_id, i.id, \
             i.customer_id, ?3, {copied}, t.through - t.before, i.unit_price_cents, \
             (t.through - t.before) * i.unit_price_cents, {vat}, \
             (t.through - t.before) * i.unit_price_cents + {vat}, \
             i.vat_category, i.vat_rate_bp, i.payment_means, i.rf_reference, ?4, t.through \
             FROM invoices i, {NEXT_SEQ}, \
             (SELECT MIN(CAST(?6 AS INTEGER), q.quantity) AS through, \
               (SELECT COALESCE(SUM(quantity), 0) FROM invoices \
                WHERE order_id = ?5 AND kind = 'credit_note') AS before \
              FROM invoices q WHERE q.order_id = ?5 AND q.kind = 'invoice') AS t \
             WHERE i.order_id = ?5 AND i.kind = 'invoice' AND t.through > t.before"
        )
    });
    Statement::new(
        SQL.as_str(),
        vec![
            id.into(),
            i64::from(issued_on.year()).into(),
            issued_on.to_string().into(),
            format(now).into(),
            order_id.into(),
            through.into(),
        ],
    )
}

/// An issued document with the ids the portal links it by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceRecord {
    pub id: String,
    pub customer_id: String,
    pub document: Document,
    /// Why its order was not zero-rated where it could have been.
    pub vat_note: Option<VatNote>,
}

/// The columns of a document, with the number and date of the invoice a
/// credit note credits.
fn select(filter: &str) -> String {
    let columns = COLUMNS
        .split(", ")
        .map(|column| format!("d.{column}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "SELECT {columns}, c.year AS credited_year, c.seq AS credited_seq, \
         c.issued_on AS credited_on, \
         (SELECT o.vat_note FROM coupon_orders o WHERE o.id = d.order_id) AS vat_note, \
         (SELECT o.number FROM coupon_orders o WHERE o.id = d.order_id) AS order_number FROM invoices d \
         LEFT JOIN invoices c ON c.id = d.credits_invoice_id WHERE {filter}"
    )
}

/// One customer's documents, newest first; the scope lets the read go in
/// the batch of the caller's own statement.
pub fn invoices_of(scope: &CustomerScope) -> Query<Vec<InvoiceRecord>> {
    Query::new(
        Statement::new(
            select(&format!("d.customer_id = {}", scope.sql(1)))
                + " ORDER BY d.year DESC, d.seq DESC",
            vec![scope.param()],
        ),
        decode_invoices,
    )
}

/// One document, only if it is the customer's.
pub fn invoice_of(scope: &CustomerScope, invoice_id: &str) -> Query<Option<InvoiceRecord>> {
    Query::new(
        Statement::new(
            select(&format!("d.customer_id = {} AND d.id = ?2", scope.sql(1))),
            vec![scope.param(), invoice_id.into()],
        ),
        |rows| rows.first().map(InvoiceRecord::from_row).transpose(),
    )
}

/// The documents of one of the customer's orders (its invoice, then any
/// credit notes), for the order's page.
pub fn invoices_of_order(scope: &CustomerScope, order_id: &str) -> Query<Vec<InvoiceRecord>> {
    Query::new(
        Statement::new(
            select(&format!(
                "d.customer_id = {} AND d.order_id = ?2",
                scope.sql(1)
            )) + " ORDER BY d.year, d.seq",
            vec![scope.param(), order_id.into()],
        ),
        decode_invoices,
    )
}

/// Every document issued from `from` to `to` (inclusive), in number order.
pub fn invoices_issued(from: NaiveDate, to: NaiveDate) -> Query<Vec<InvoiceRecord>> {
    Query::new(
        Statement::new(
            select("d.issued_on BETWEEN ?1 AND ?2") + " ORDER BY d.year, d.seq",
            vec![from.to_string().into(), to.to_string().into()],
        ),
        decode_invoices,
    )
}

fn date(row: &Row, column: &str) -> Result<NaiveDate, DbError> {
    row.parsed(column, |text| text.parse().ok())
}

fn money(row: &Row, column: &str) -> Result<Money, DbError> {
    let cents = row.integer(column)?;
    Money::from_cents(cents).ok_or_else(|| DbError::Decode(format!("{column} is {cents}")))
}

fn country(row: &Row, column: &str) -> Result<Country, DbError> {
    row.parsed(column, |text| Country::parse(text).ok())
}

fn party(row: &Row, prefix: &str, vat_id: Option<String>) -> Result<Party, DbError> {
    Ok(Party {
        name: row.text(&format!("{prefix}_name"))?,
        street: row.text(&format!("{prefix}_street"))?,
        postal_code: row.text(&format!("{prefix}_postal_code"))?,
        city: row.text(&format!("{prefix}_city"))?,
        country: country(row, &format!("{prefix}_country"))?,
        vat_id,
    })
}

impl InvoiceRecord {
    fn from_row(row: &Row) -> Result<Self, DbError> {
        let number = |year: &str, seq: &str| -> Result<InvoiceNumber, DbError> {
            Ok(InvoiceNumber {
                year: i32::try_from(row.integer(year)?)
                    .map_err(|_| DbError::Decode(format!("{year} out of range")))?,
                seq: row.integer(seq)?,
            })
        };
        let credits = match row.opt_integer("credited_seq")? {
            None => None,
            Some(_) => Some(Credited {
                number: number("credited_year", "credited_seq")?,
                issued_on: date(row, "credited_on")?,
            }),
        };
        let quantity = row.integer("quantity")?;
        let rate_points = row.integer("vat_rate_bp")?;
        let payment = match row.text("payment_means")?.as_str() {
            "card" => PaymentMeans::Card,
            _ => PaymentMeans::CreditTransfer {
                reference: row.opt_text("rf_reference")?.unwrap_or_default(),
            },
        };
        let document = Document {
            kind: row.parsed("kind", Kind::parse)?,
            number: number("year", "seq")?,
            issued_on: date(row, "issued_on")?,
            seller: Seller {
                party: party(row, "seller", Some(row.text("seller_vat_id")?))?,
                iban: row.text("seller_iban")?,
                bic: row.text("seller_bic")?,
            },
            buyer: party(row, "buyer", row.opt_text("buyer_vat_id")?)?,
            quantity: u32::try_from(quantity)
                .map_err(|_| DbError::Decode(format!("quantity is {quantity}")))?,
            unit_price: money(row, "unit_price_cents")?,
            amounts: Amounts {
                category: row.parsed("vat_category", VatCategory::parse)?,
                rate: VatRate::from_basis_points(rate_points)
                    .ok_or_else(|| DbError::Decode(format!("vat_rate_bp is {rate_points}")))?,
                net: money(row, "net_cents")?,
                vat: money(row, "vat_cents")?,
                total_due: money(row, "total_cents")?,
            },
            payment,
            order_id: row.text("order_id")?,
            order_number: row.opt_text("order_number")?,
            credits,
        };
        Ok(Self {
            id: row.text("id")?,
            customer_id: row.text("customer_id")?,
            document,
            vat_note: row.opt_parsed("vat_note", VatNote::parse)?,
        })
    }
}

fn decode_invoices(rows: &[Row]) -> Result<Vec<InvoiceRecord>, DbError> {
    rows.iter().map(InvoiceRecord::from_row).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One order's invoice: [`issue_invoices`] for a single pair.
    fn issue_invoice(
        id: &str,
        order_id: &str,
        seller: &Seller,
        issued_on: NaiveDate,
        now: Instant,
    ) -> Statement {
        let mut statements = issue_invoices(
            &[(id.to_owned(), order_id.to_owned())],
            seller,
            issued_on,
            now,
        );
        statements.remove(0)
    }

    use crate::domain::time::from_unix_millis;
    use crate::domain::vat::Treatment;
    use crate::store::sqlite::Sqlite;
    use crate::store::{Database, Store};

    fn write(store: &Store<Sqlite>, statements: Vec<Statement>) -> Result<Vec<u64>, DbError> {
        pollster::block_on(store.write(statements))
    }

    fn cus(id: &str) -> CustomerScope {
        CustomerScope::Id(id.into())
    }

    fn day(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn seller() -> Seller {
        Seller {
            party: Party {
                name: "Spica d.o.o.".into(),
                street: "Pot k sejmišču 33".into(),
                postal_code: "1231".into(),
                city: "Ljubljana".into(),
                country: Country::parse("SI").unwrap(),
                vat_id: Some("SI12345678".into()),
            },
            iban: "SI56 1910 0000 0123 438".into(),
            bic: "BAKOSI2X".into(),
        }
    }

    fn domestic(net_cents: i64) -> Amounts {
        Treatment {
            category: VatCategory::Standard,
            rate: VatRate::from_basis_points(2200).unwrap(),
        }
        .apply(Money::from_cents(net_cents).unwrap())
    }

    /// A customer and `orders` orders of two coupons at 25.00, the first
    /// `paid` of them paid.
    fn store_with_orders(orders: usize, paid: usize) -> Store<Sqlite> {
        let store = Store::new(Sqlite::in_memory().unwrap());
        let mut statements = vec![Statement::new(
            "INSERT INTO customers (id, status, registered_serial, company_name, street, postal_code, \
             city, country, vat_id, created_at) VALUES ('cus_1', 'active', 'TS-1', 'Kupec d.o.o.', \
             'Ulica 1', '2000', 'Maribor', 'SI', 'SI87654321', '2026-01-01T00:00:00.000Z')",
            vec![],
        )];
        for n in 0..orders {
            let status = if n < paid { "paid" } else { "awaiting_payment" };
            statements.push(Statement::new(
                "INSERT INTO coupon_orders (id, customer_id, quantity, unit_price_cents, total_cents, \
                 currency, payment_method, status, rf_reference, created_at, expires_at, \
                 vat_category, vat_rate_bp, vat_cents, total_due_cents, buyer_country, buyer_vat_id) \
                 VALUES (?1, 'cus_1', 2, 2500, 5000, 'EUR', 'bank_transfer', ?2, ?3, \
                 '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', \
                 'standard', 2200, 1100, 6100, 'SI', 'SI87654321')",
                vec![
                    format!("ord_{n}").into(),
                    status.into(),
                    format!("RF18ORDER{n}").into(),
                ],
            ));
        }
        write(&store, statements).unwrap();
        store
    }

    fn issue(order: usize, on: NaiveDate) -> Statement {
        issue_invoice(
            &format!("inv_{order}_{on}"),
            &format!("ord_{order}"),
            &seller(),
            on,
            from_unix_millis(0).unwrap(),
        )
    }

    fn documents(store: &Store<Sqlite>) -> Vec<InvoiceRecord> {
        pollster::block_on(store.fetch(invoices_of(&cus("cus_1")))).unwrap()
    }

    fn numbers(store: &Store<Sqlite>) -> Vec<String> {
        let mut numbers: Vec<String> = documents(store)
            .iter()
            .map(|record| record.document.number.to_string())
            .collect();
        numbers.sort();
        numbers
    }

    #[test]
    fn numbers_run_without_gaps_per_year_and_a_replay_issues_nothing() {
        let store = store_with_orders(4, 4);
        for order in 0..3 {
            assert_eq!(
                write(&store, vec![issue(order, day(2026, 12, 31))]).unwrap(),
                vec![1]
            );
        }
        // The same payment again: no second invoice, no number spent.
        assert_eq!(
            write(&store, vec![issue(1, day(2026, 12, 31))]).unwrap(),
            vec![0]
        );
        assert_eq!(
            write(&store, vec![issue(3, day(2027, 1, 1))]).unwrap(),
            vec![1]
        );
        assert_eq!(
            numbers(&store),
            ["2026-00001", "2026-00002", "2026-00003", "2027-00001"]
        );
    }

    #[test]
    fn many_orders_in_one_statement_take_consecutive_numbers_and_skip_the_unpaid() {
        let store = store_with_orders(4, 3);
        write(&store, vec![issue(0, day(2026, 12, 1))]).unwrap();
        let pairs: Vec<(String, String)> = (0..4)
            .map(|n| (format!("inv_set_{n}"), format!("ord_{n}")))
            .collect();
        let statements = || {
            issue_invoices(
                &pairs,
                &seller(),
                day(2026, 12, 2),
                from_unix_millis(0).unwrap(),
            )
        };
        // Order 0 has its invoice already and order 3 is unpaid.
        assert_eq!(write(&store, statements()).unwrap(), vec![2]);
        assert_eq!(write(&store, statements()).unwrap(), vec![0]);
        assert_eq!(numbers(&store), ["2026-00001", "2026-00002", "2026-00003"]);
        let orders: Vec<String> = documents(&store)
            .iter()
            .map(|record| record.document.order_id.clone())
            .collect();
        assert!(orders.contains(&"ord_1".to_owned()) && orders.contains(&"ord_2".to_owned()));
    }

    #[test]
    fn an_unpaid_order_gets_no_invoice() {
        let store = store_with_orders(1, 0);
        assert_eq!(
            write(&store, vec![issue(0, day(2026, 12, 1))]).unwrap(),
            vec![0]
        );
        assert!(numbers(&store).is_empty());
    }

    #[test]
    fn the_invoice_freezes_seller_buyer_and_amounts() {
        let store = store_with_orders(1, 1);
        write(&store, vec![issue(0, day(2026, 12, 1))]).unwrap();
        let record = documents(&store).remove(0);
        let document = &record.document;
        assert_eq!(record.customer_id, "cus_1");
        assert_eq!(document.kind, Kind::Invoice);
        assert_eq!(document.seller, seller());
        assert_eq!(document.buyer.name, "Kupec d.o.o.");
        assert_eq!(document.buyer.vat_id.as_deref(), Some("SI87654321"));
        assert_eq!((document.quantity, document.unit_price.cents()), (2, 2500));
        assert_eq!(document.amounts, domestic(5000));
        assert_eq!(
            document.payment,
            PaymentMeans::CreditTransfer {
                reference: "RF18ORDER0".into()
            }
        );
        assert_eq!(document.credits, None);
        // A later change of address leaves the issued invoice as it was.
        write(
            &store,
            vec![Statement::new(
                "UPDATE customers SET street = 'Nova 2' WHERE id = 'cus_1'",
                vec![],
            )],
        )
        .unwrap();
        assert_eq!(documents(&store).remove(0).document.buyer.street, "Ulica 1");
    }

    #[test]
    fn the_invoice_takes_the_vat_the_order_was_priced_with() {
        let store = store_with_orders(0, 0);
        // Priced reverse charge for an Austrian number; the customer's record
        // has changed since, and the invoice must still match what was paid.
        write(
            &store,
            vec![Statement::new(
                "INSERT INTO coupon_orders (id, customer_id, quantity, unit_price_cents, total_cents, \
                 currency, payment_method, status, rf_reference, created_at, expires_at, \
                 vat_category, vat_rate_bp, vat_cents, total_due_cents, buyer_country, buyer_vat_id) \
                 VALUES ('ord_rc', 'cus_1', 2, 2500, 5000, 'EUR', 'bank_transfer', 'paid', 'RF18RC', \
                 '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', \
                 'reverse_charge', 0, 0, 5000, 'AT', 'ATU12345678')",
                vec![],
            )],
        )
        .unwrap();
        write(
            &store,
            vec![issue_invoice(
                "inv_rc",
                "ord_rc",
                &seller(),
                day(2026, 12, 1),
                from_unix_millis(0).unwrap(),
            )],
        )
        .unwrap();
        let document = documents(&store).remove(0).document;
        assert_eq!(document.amounts.category, VatCategory::ReverseCharge);
        assert_eq!(
            (
                document.amounts.vat.cents(),
                document.amounts.total_due.cents()
            ),
            (0, 5000)
        );
        assert_eq!(document.buyer.country.code(), "AT");
        assert_eq!(document.buyer.vat_id.as_deref(), Some("ATU12345678"));
    }

    #[test]
    fn issued_invoices_never_change() {
        let store = store_with_orders(1, 1);
        write(&store, vec![issue(0, day(2026, 12, 1))]).unwrap();
        let refused = write(
            &store,
            vec![Statement::new("UPDATE invoices SET vat_cents = 0", vec![])],
        );
        assert!(
            matches!(refused, Err(DbError::Constraint(ref m)) if m.contains("never change")),
            "{refused:?}"
        );
    }

    #[test]
    fn a_credit_note_credits_the_invoice_once_with_the_next_number() {
        let store = store_with_orders(2, 2);
        write(&store, vec![issue(0, day(2026, 12, 1))]).unwrap();
        let credit = |id: &str, order: &str| {
            issue_credit_note(id, order, 2, day(2026, 12, 2), from_unix_millis(0).unwrap())
        };
        assert_eq!(
            write(&store, vec![credit("crn_1", "ord_0")]).unwrap(),
            vec![1]
        );
        assert_eq!(
            write(&store, vec![credit("crn_2", "ord_0")]).unwrap(),
            vec![0]
        );
        // An order without an invoice has nothing to credit.
        assert_eq!(
            write(&store, vec![credit("crn_3", "ord_1")]).unwrap(),
            vec![0]
        );
        let documents = documents(&store);
        let (note, invoice) = (&documents[0].document, &documents[1].document);
        assert_eq!(note.kind, Kind::CreditNote);
        assert_eq!(note.number.to_string(), "2026-00002");
        assert_eq!(
            note.credits,
            Some(Credited {
                number: invoice.number,
                issued_on: invoice.issued_on
            })
        );
        assert_eq!(
            (note.amounts, note.quantity),
            (invoice.amounts, invoice.quantity)
        );
        assert!(note.to_ubl().contains("<cac:BillingReference>"));
    }

    #[test]
    fn staff_read_the_documents_of_a_period_and_customers_only_their_own() {
        let store = store_with_orders(2, 2);
        write(
            &store,
            vec![issue(0, day(2026, 11, 30)), issue(1, day(2026, 12, 1))],
        )
        .unwrap();
        let period =
            pollster::block_on(store.fetch(invoices_issued(day(2026, 12, 1), day(2026, 12, 31))))
                .unwrap();
        assert_eq!(period.len(), 1);
        assert_eq!(period[0].document.order_id, "ord_1");
        let own = pollster::block_on(store.fetch(invoice_of(&cus("cus_1"), &period[0].id)))
            .unwrap()
            .map(|invoice| invoice.id);
        let other =
            pollster::block_on(store.fetch(invoice_of(&cus("cus_2"), &period[0].id))).unwrap();
        assert_eq!(own.as_ref(), Some(&period[0].id));
        assert!(other.is_none());
    }

    /// A paid order of `quantity` coupons at `unit_cents`, priced at
    /// `rate_bp` as [`Treatment::apply`] prices it, and its invoice.
    fn invoiced_order(store: &Store<Sqlite>, quantity: i64, unit_cents: i64, rate_bp: i64) {
        let net = quantity * unit_cents;
        let amounts = Treatment {
            category: VatCategory::Standard,
            rate: VatRate::from_basis_points(rate_bp).unwrap(),
        }
        .apply(Money::from_cents(net).unwrap());
        write(
            store,
            vec![
                Statement::new(
                    "INSERT INTO coupon_orders (id, customer_id, quantity, unit_price_cents, \
                     total_cents, currency, payment_method, status, created_at, expires_at, \
                     vat_category, vat_rate_bp, vat_cents, total_due_cents, buyer_country, \
                     buyer_vat_id) VALUES ('ord_p', 'cus_1', ?1, ?2, ?3, 'EUR', 'card', 'paid', \
                     '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', 'standard', ?4, ?5, \
                     ?6, 'SI', 'SI87654321')",
                    vec![
                        quantity.into(),
                        unit_cents.into(),
                        net.into(),
                        rate_bp.into(),
                        amounts.vat.cents().into(),
                        amounts.total_due.cents().into(),
                    ],
                ),
                issue_invoice(
                    "inv_p",
                    "ord_p",
                    &seller(),
                    day(2026, 12, 1),
                    from_unix_millis(0).unwrap(),
                ),
            ],
        )
        .unwrap();
    }

    /// The credit note of a refund of the money of `through` coupons.
    fn refund(store: &Store<Sqlite>, id: &str, through: i64) -> u64 {
        write(
            store,
            vec![issue_credit_note(
                id,
                "ord_p",
                through,
                day(2026, 12, 2),
                from_unix_millis(0).unwrap(),
            )],
        )
        .unwrap()[0]
    }

    /// The order's invoice and its credit notes, in number order.
    fn invoice_and_notes(store: &Store<Sqlite>) -> (Document, Vec<Document>) {
        let mut documents: Vec<Document> = documents(store)
            .into_iter()
            .map(|record| record.document)
            .rev()
            .collect();
        let invoice = documents.remove(0);
        assert_eq!(invoice.kind, Kind::Invoice);
        (invoice, documents)
    }

    fn sums(notes: &[Document]) -> (u32, i64, i64, i64) {
        notes.iter().fold((0, 0, 0, 0), |(q, n, v, t), note| {
            (
                q + note.quantity,
                n + note.amounts.net.cents(),
                v + note.amounts.vat.cents(),
                t + note.amounts.total_due.cents(),
            )
        })
    }

    #[test]
    fn coupons_refunded_one_by_one_are_credited_one_by_one_and_sum_to_the_invoice() {
        // 22 % of 25.00 rounds nothing; 22 % of 25.25 (5.555) and 9.5 % of
        // 25.00 (2.375) round each coupon up and three of them (16.665,
        // 7.125) up by less, and 20.5 % of 33.33 (6.83265) rounds each down
        // by more than three (20.49795): notes of a coupon's own VAT each
        // would credit a cent more, or less, than invoiced.
        for (unit_cents, rate_bp, awkward) in [
            (2500, 2200, false),
            (2525, 2200, true),
            (2500, 950, true),
            (3333, 2050, true),
        ] {
            let store = store_with_orders(0, 0);
            invoiced_order(&store, 3, unit_cents, rate_bp);
            for (n, through) in [1, 2, 3].into_iter().enumerate() {
                assert_eq!(refund(&store, &format!("crn_{n}"), through), 1);
            }
            let (invoice, notes) = invoice_and_notes(&store);
            assert_eq!(notes.len(), 3);
            let one = Treatment {
                category: VatCategory::Standard,
                rate: VatRate::from_basis_points(rate_bp).unwrap(),
            }
            .apply(Money::from_cents(unit_cents).unwrap());
            assert_eq!(
                3 * one.vat.cents() != invoice.amounts.vat.cents(),
                awkward,
                "{unit_cents} at {rate_bp}"
            );
            assert_eq!(
                sums(&notes),
                (
                    3,
                    invoice.amounts.net.cents(),
                    invoice.amounts.vat.cents(),
                    invoice.amounts.total_due.cents()
                ),
                "{unit_cents} at {rate_bp}"
            );
            for note in &notes {
                assert_eq!(note.quantity, 1);
                assert_eq!(note.amounts.net.cents(), unit_cents);
                assert!(
                    (note.amounts.vat.cents() - one.vat.cents()).abs() <= 1,
                    "{note:?}"
                );
                assert_eq!(
                    note.credits.as_ref().map(|c| c.number),
                    Some(invoice.number),
                    "each note refers to the invoice"
                );
            }
        }
    }

    #[test]
    fn a_replayed_refund_credits_nothing_and_the_whole_after_a_part_only_the_rest() {
        let store = store_with_orders(0, 0);
        invoiced_order(&store, 3, 2500, 950);
        assert_eq!(refund(&store, "crn_a", 1), 1);
        // The same extent again, under another id: nothing more to credit.
        assert_eq!(refund(&store, "crn_b", 1), 0);
        // A smaller cumulative extent arriving late credits nothing either.
        assert_eq!(refund(&store, "crn_c", 0), 0);
        // The whole (and more than the invoice) credits the two left.
        assert_eq!(refund(&store, "crn_d", 5), 1);
        assert_eq!(refund(&store, "crn_e", 3), 0);
        let (invoice, notes) = invoice_and_notes(&store);
        let quantities: Vec<u32> = notes.iter().map(|note| note.quantity).collect();
        assert_eq!(quantities, [1, 2]);
        assert_eq!(
            sums(&notes),
            (
                3,
                invoice.amounts.net.cents(),
                invoice.amounts.vat.cents(),
                invoice.amounts.total_due.cents()
            )
        );
        let numbers: Vec<String> = notes.iter().map(|n| n.number.to_string()).collect();
        assert_eq!(numbers, ["2026-00002", "2026-00003"]);
        for note in &notes {
            assert!(note.to_ubl().contains("<cac:BillingReference>"));
        }
    }

    #[test]
    fn the_database_refuses_a_second_note_for_the_same_extent() {
        let store = store_with_orders(0, 0);
        invoiced_order(&store, 3, 2500, 2200);
        refund(&store, "crn_a", 2);
        // A copy of a document under another id and number, as a statement
        // that skipped the checks the issuing ones make would write it.
        let copy = |id: &str| {
            Statement::new(
                "INSERT INTO invoices SELECT id || '_copy', kind, year, seq + 10, number || 'x', \
                 order_id, credits_invoice_id, credited_through, customer_id, issued_on, \
                 seller_name, seller_street, seller_postal_code, seller_city, seller_country, \
                 seller_vat_id, seller_iban, seller_bic, buyer_name, buyer_street, \
                 buyer_postal_code, buyer_city, buyer_country, buyer_vat_id, currency, quantity, \
                 unit_price_cents, net_cents, vat_cents, total_cents, vat_category, vat_rate_bp, \
                 payment_means, rf_reference, created_at FROM invoices WHERE id = ?1",
                vec![id.into()],
            )
        };
        // The same extent credited again, and the invoice issued again.
        for id in ["crn_a", "inv_p"] {
            let refused = write(&store, vec![copy(id)]);
            assert!(
                matches!(refused, Err(ref e) if e.is_unique_violation("invoices.order_id")),
                "{id}: {refused:?}"
            );
        }
    }

    #[test]
    fn the_sql_vat_of_a_part_is_the_vat_that_treatment_apply_computes() {
        let store = store_with_orders(0, 0);
        let sql = format!(
            "SELECT {} AS vat FROM (SELECT 1000000 AS quantity, ?2 AS unit_price_cents, \
             ?3 AS vat_rate_bp, -1 AS vat_cents) AS i",
            vat_of("?1")
        );
        for rate_bp in [0, 1, 500, 950, 2050, 2200, 2500, 9999, 10_000] {
            for unit_cents in (1..=400).chain([2505, 3333, 99_999]) {
                for coupons in 1..=7 {
                    let rows = pollster::block_on(store.db().query(Statement::new(
                        sql.clone(),
                        vec![coupons.into(), unit_cents.into(), rate_bp.into()],
                    )))
                    .unwrap();
                    let expected = Treatment {
                        category: VatCategory::Standard,
                        rate: VatRate::from_basis_points(rate_bp).unwrap(),
                    }
                    .apply(Money::from_cents(coupons * unit_cents).unwrap());
                    assert_eq!(
                        rows[0].integer("vat").unwrap(),
                        expected.vat.cents(),
                        "{coupons} × {unit_cents} at {rate_bp}"
                    );
                }
            }
        }
    }
}
