-- Migration 0016: partial credit notes. A refund may return part of a
-- payment, and Stripe's cumulative refunded amount grows over several
-- events: each event that takes back more coupons issues a credit note for
-- the coupons not credited before. `credited_through` is the order's coupons
-- credited by its credit notes up to and including this one, so UNIQUE
-- (order_id, credited_through) lets one note only per extent: a replayed or
-- racing refund issues nothing more. One invoice per order stays, as a
-- partial unique index. SQLite cannot drop the old UNIQUE (order_id, kind),
-- so the table is rebuilt: the old one is renamed (its self-reference
-- follows), the new one created as schema.sql has it, the rows copied
-- (earlier credit notes credited the whole invoice), the old one dropped
-- with its indexes and trigger, and those created anew.
ALTER TABLE invoices RENAME TO invoices_before_0016;
CREATE TABLE invoices (
  id                 TEXT PRIMARY KEY,
  kind               TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
  year               INTEGER NOT NULL,
  seq                INTEGER NOT NULL CHECK (seq > 0),
  number             TEXT NOT NULL UNIQUE,          -- 2026-00001
  order_id           TEXT NOT NULL REFERENCES coupon_orders (id),
  credits_invoice_id TEXT REFERENCES invoices (id),  -- a credit note's invoice
  credited_through   INTEGER,                       -- a credit note's coupons credited so far, its own included
  customer_id        TEXT NOT NULL REFERENCES customers (id),
  issued_on          TEXT NOT NULL,                 -- YYYY-MM-DD, Ljubljana's date
  seller_name        TEXT NOT NULL,
  seller_street      TEXT NOT NULL,
  seller_postal_code TEXT NOT NULL,
  seller_city        TEXT NOT NULL,
  seller_country     TEXT NOT NULL CHECK (length(seller_country) = 2),
  seller_vat_id      TEXT NOT NULL,
  seller_iban        TEXT NOT NULL,
  seller_bic         TEXT NOT NULL,
  buyer_name         TEXT NOT NULL,
  buyer_street       TEXT NOT NULL,
  buyer_postal_code  TEXT NOT NULL,
  buyer_city         TEXT NOT NULL,
  buyer_country      TEXT NOT NULL CHECK (length(buyer_country) = 2),
  buyer_vat_id       TEXT,
  currency           TEXT NOT NULL CHECK (currency = 'EUR'),
  quantity           INTEGER NOT NULL CHECK (quantity > 0),
  unit_price_cents   INTEGER NOT NULL CHECK (unit_price_cents > 0),
  net_cents          INTEGER NOT NULL CHECK (net_cents = quantity * unit_price_cents),
  vat_cents          INTEGER NOT NULL CHECK (vat_cents >= 0),
  total_cents        INTEGER NOT NULL CHECK (total_cents = net_cents + vat_cents),
  vat_category       TEXT NOT NULL CHECK (vat_category IN ('standard', 'reverse_charge', 'not_subject')),
  vat_rate_bp        INTEGER NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
  payment_means      TEXT NOT NULL CHECK (payment_means IN ('card', 'bank_transfer')),
  rf_reference       TEXT,
  created_at         TEXT NOT NULL,
  UNIQUE (year, seq),
  CHECK ((kind = 'credit_note') = (credits_invoice_id IS NOT NULL)),
  CHECK ((kind = 'credit_note') = (credited_through IS NOT NULL)),
  CHECK (credited_through >= quantity)
) STRICT;
INSERT INTO invoices (id, kind, year, seq, number, order_id, credits_invoice_id, customer_id,
  issued_on, seller_name, seller_street, seller_postal_code, seller_city, seller_country,
  seller_vat_id, seller_iban, seller_bic, buyer_name, buyer_street, buyer_postal_code,
  buyer_city, buyer_country, buyer_vat_id, currency, quantity, unit_price_cents, net_cents,
  vat_cents, total_cents, vat_category, vat_rate_bp, payment_means, rf_reference, created_at, credited_through)
SELECT id, kind, year, seq, number, order_id, credits_invoice_id, customer_id,
  issued_on, seller_name, seller_street, seller_postal_code, seller_city, seller_country,
  seller_vat_id, seller_iban, seller_bic, buyer_name, buyer_street, buyer_postal_code,
  buyer_city, buyer_country, buyer_vat_id, currency, quantity, unit_price_cents, net_cents,
  vat_cents, total_cents, vat_category, vat_rate_bp, payment_means, rf_reference, created_at,
  CASE kind WHEN 'credit_note' THEN quantity END
FROM invoices_before_0016 ORDER BY year, seq;
DROP TABLE invoices_before_0016;
CREATE UNIQUE INDEX invoices_one_per_order ON invoices (order_id) WHERE kind = 'invoice';
CREATE UNIQUE INDEX credit_notes_once_per_extent ON invoices (order_id, credited_through) WHERE kind = 'credit_note';
CREATE INDEX invoices_by_customer ON invoices (customer_id, issued_on);
CREATE INDEX invoices_by_date ON invoices (issued_on);
CREATE TRIGGER invoices_never_change BEFORE UPDATE ON invoices
BEGIN
  SELECT RAISE(ABORT, 'constraint failed: issued invoices never change');
END;
