-- Migration 0005: guards that keep money from moving twice under races and
-- replays (issue 10): idempotency keys with the first answer, one order per
-- bank entry, reversals bounded by their order, SUPS sales by the license holder.

-- Replayed requests: an Idempotency-Key per caller (scope: "staff",
-- "partner:{id}"), the SHA-256 of the request it came with, and the first
-- answer, written in the same batch as the request's effect. The primary key
-- makes the second of two concurrent requests with one key fail whole.
CREATE TABLE idempotency_keys (
  scope           TEXT NOT NULL,
  key             TEXT NOT NULL,
  request_hash    TEXT NOT NULL,
  response_status INTEGER NOT NULL,
  response_body   TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  PRIMARY KEY (scope, key)
) STRICT;

-- A bank entry pays one order, once: once matched (or found partial,
-- overpaid, ignored) it is never matched again, so of two staff matching one
-- entry at the same moment the second batch fails whole.
CREATE TRIGGER bank_entries_pay_one_order_once BEFORE UPDATE OF outcome, order_id ON bank_entries
WHEN OLD.outcome <> 'unmatched'
BEGIN
  SELECT RAISE(ABORT, 'constraint failed: a bank entry pays one order, once');
END;

-- A refund takes back only what its own order credited: the reversals of an
-- order never exceed its purchases, whatever the customer's other coupons.
CREATE INDEX ledger_entries_by_order ON ledger_entries (order_id, kind);
CREATE TRIGGER ledger_reversals_never_exceed_their_order BEFORE INSERT ON ledger_entries
WHEN NEW.kind = 'reversal'
  AND NOT EXISTS (SELECT 1 FROM ledger_entries WHERE idempotency_key = NEW.idempotency_key)
  AND COALESCE((SELECT SUM(coupons) FROM ledger_entries
                WHERE order_id = NEW.order_id AND kind IN ('purchase', 'reversal')), 0) + NEW.coupons < 0
BEGIN
  SELECT RAISE(ABORT, 'constraint failed: a reversal takes back only what its order credited');
END;

-- Every SUPS sale, append-only. A sale extends the coverage the reseller
-- read (previous_until, '' for none): of two concurrent sales from the same
-- coverage the second fails whole instead of overwriting the first, and only
-- the partner holding the license may sell (the trigger).
CREATE TABLE sups_sales (
  id                TEXT PRIMARY KEY,
  subscription_id   TEXT NOT NULL REFERENCES sups_subscriptions (id),
  serial            TEXT NOT NULL REFERENCES licenses (serial),
  partner_id        TEXT NOT NULL REFERENCES partners (id),
  months            INTEGER NOT NULL CHECK (months >= 1),
  starts_on         TEXT NOT NULL,
  previous_until    TEXT NOT NULL,
  covered_from      TEXT NOT NULL,
  covered_until     TEXT NOT NULL,
  monthly_fee_cents INTEGER NOT NULL,
  created_at        TEXT NOT NULL,
  UNIQUE (serial, partner_id, previous_until)
) STRICT;
CREATE TRIGGER sups_sales_only_by_the_license_holder BEFORE INSERT ON sups_sales
WHEN NOT EXISTS (SELECT 1 FROM licenses WHERE serial = NEW.serial AND partner_id = NEW.partner_id)
BEGIN
  SELECT RAISE(ABORT, 'constraint failed: a reseller sells SUPS only for licenses it holds');
END;
