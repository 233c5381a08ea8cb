-- Migration 0013: VAT on every order. Prices stay net (unit_price_cents,
-- total_cents); an order adds its VAT category, rate and amount, the total
-- due (net plus VAT: what the card is charged and the transfer must bring)
-- and the buyer's VAT facts when it was placed (country, VAT number), so
-- that the invoice says what applied then. VAT rates are rows by country
-- and start date; the answers of the EU's VIES service are kept per check.
--
-- Existing orders were asked for their net total and nothing more: they
-- get category standard at 0 %, no VAT and total_due = total, so that no
-- order paid (or being paid) under the old terms becomes short.
--
-- Adding NOT NULL columns with a CHECK across columns needs a rebuild. D1
-- enforces foreign keys (payments, bank entries, tasks and settlements
-- reference orders) and cannot turn them off inside its transaction, so they
-- are deferred to the end: the rows come back under the same ids before it.
PRAGMA defer_foreign_keys = on;

CREATE TABLE coupon_orders_v12 AS SELECT * FROM coupon_orders;
DROP TABLE coupon_orders;

-- Orders of coupons, paid by card (Stripe Checkout) or bank transfer.
CREATE TABLE coupon_orders (
  id                  TEXT PRIMARY KEY,
  customer_id         TEXT NOT NULL REFERENCES customers (id),
  quantity            INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 200),
  unit_price_cents    INTEGER NOT NULL CHECK (unit_price_cents > 0),   -- net
  total_cents         INTEGER NOT NULL CHECK (total_cents = quantity * unit_price_cents), -- net
  currency            TEXT NOT NULL CHECK (currency = 'EUR'),
  payment_method      TEXT NOT NULL CHECK (payment_method IN ('card', 'bank_transfer')),
  status              TEXT NOT NULL CHECK (status IN ('awaiting_payment', 'partially_paid', 'paid', 'failed', 'cancelled', 'expired', 'review')),
  received_cents      INTEGER NOT NULL DEFAULT 0 CHECK (received_cents >= 0),
  rf_reference        TEXT UNIQUE,
  checkout_session_id TEXT UNIQUE,
  checkout_url        TEXT,
  payment_intent_id   TEXT UNIQUE,
  review_reason       TEXT,
  created_at          TEXT NOT NULL,
  expires_at          TEXT NOT NULL,
  paid_at             TEXT,
  closed_at           TEXT,
  contact_id          TEXT REFERENCES contacts (id), -- who ordered
  vat_category        TEXT NOT NULL CHECK (vat_category IN ('standard', 'reverse_charge', 'not_subject')),
  vat_rate_bp         INTEGER NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000), -- 22 % is 2200
  vat_cents           INTEGER NOT NULL CHECK (vat_cents >= 0),
  total_due_cents     INTEGER NOT NULL CHECK (total_due_cents = total_cents + vat_cents), -- gross: what the payment must bring
  buyer_country       TEXT NOT NULL CHECK (length(buyer_country) = 2),
  buyer_vat_id        TEXT,                    -- the VAT number the customer had when ordering
  CHECK (vat_category <> 'reverse_charge' OR (vat_rate_bp = 0 AND buyer_vat_id IS NOT NULL)),
  CHECK (vat_category <> 'not_subject' OR vat_rate_bp = 0)
) STRICT;
CREATE INDEX coupon_orders_by_customer ON coupon_orders (customer_id, created_at);

INSERT INTO coupon_orders (id, customer_id, quantity, unit_price_cents, total_cents, currency,
  payment_method, status, received_cents, rf_reference, checkout_session_id, checkout_url,
  payment_intent_id, review_reason, created_at, expires_at, paid_at, closed_at, contact_id,
  vat_category, vat_rate_bp, vat_cents, total_due_cents, buyer_country, buyer_vat_id)
  SELECT o.id, o.customer_id, o.quantity, o.unit_price_cents, o.total_cents, o.currency,
    o.payment_method, o.status, o.received_cents, o.rf_reference, o.checkout_session_id, o.checkout_url,
    o.payment_intent_id, o.review_reason, o.created_at, o.expires_at, o.paid_at, o.closed_at, o.contact_id,
    'standard', 0, 0, o.total_cents, c.country, c.vat_id
  FROM coupon_orders_v12 AS o JOIN customers AS c ON c.id = o.customer_id;
DROP TABLE coupon_orders_v12;

-- VAT rates by country and the day they start: a change of rate is a row.
CREATE TABLE vat_rates (
  country   TEXT NOT NULL CHECK (length(country) = 2),
  starts_on TEXT NOT NULL,                     -- YYYY-MM-DD
  rate_bp   INTEGER NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
  PRIMARY KEY (country, starts_on)
) STRICT;

-- The answers of the EU's VIES service about a customer's VAT number, one
-- row per answer. The customer's number counts as confirmed when the latest
-- definite answer (confirmed or invalid) for its current number is
-- `confirmed`; `unavailable` (the member state's service was down) says
-- nothing and is retried.
CREATE TABLE vat_checks (
  id                 TEXT PRIMARY KEY,
  customer_id        TEXT NOT NULL REFERENCES customers (id),
  vat_id             TEXT NOT NULL,            -- with its country prefix, as the customer holds it
  status             TEXT NOT NULL CHECK (status IN ('confirmed', 'invalid', 'unavailable')),
  name               TEXT,                     -- as VIES gave them, when it gave them
  address            TEXT,
  request_date       TEXT,
  request_identifier TEXT,
  checked_at         TEXT NOT NULL
) STRICT;
CREATE INDEX vat_checks_by_customer ON vat_checks (customer_id, vat_id, checked_at);

-- Slovenia's standard rate: 20 % from 2002, 22 % from 1 July 2013.
INSERT INTO vat_rates (country, starts_on, rate_bp) VALUES ('SI', '2002-01-01', 2000), ('SI', '2013-07-01', 2200);
