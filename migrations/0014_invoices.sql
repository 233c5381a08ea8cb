-- Migration 0014: invoices and credit notes.
-- An invoice is written in the same batch that marks its order paid, so a
-- payment and its invoice commit or roll back together; a refund's credit
-- note in the refund's batch. The number is taken inside the INSERT
-- (MAX(seq) + 1 in the year): SQLite serialises writes, so two payments at
-- once never share or skip a number, and UNIQUE (year, seq) would refuse it
-- if they did. UNIQUE (order_id, kind): a replayed payment issues nothing.
-- The seller's and buyer's data and the amounts are frozen as issued:
-- issued invoices never change, and no statement updates them (a trigger
-- refuses any UPDATE).
CREATE TABLE invoices (
  id                 TEXT PRIMARY KEY,
  kind               TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
  year               INTEGER NOT NULL,
  seq                INTEGER NOT NULL CHECK (seq > 0),
  number             TEXT NOT NULL UNIQUE,          -- 2026-00001
  order_id           TEXT NOT NULL REFERENCES coupon_orders (id),
  credits_invoice_id TEXT REFERENCES invoices (id),  -- a credit note's invoice
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
  UNIQUE (order_id, kind),
  CHECK ((kind = 'credit_note') = (credits_invoice_id IS NOT NULL))
) STRICT;
CREATE INDEX invoices_by_customer ON invoices (customer_id, issued_on);
CREATE INDEX invoices_by_date ON invoices (issued_on);
CREATE TRIGGER invoices_never_change BEFORE UPDATE ON invoices
BEGIN
  SELECT RAISE(ABORT, 'constraint failed: issued invoices never change');
END;
