-- Migration 0001: registration, sign-in tokens, the coupon ledger and the email outbox.

-- Registered end users (the seed: "Register as a Time & Space User").
CREATE TABLE customers (
  id                    TEXT PRIMARY KEY,
  status                TEXT NOT NULL CHECK (status IN ('pending_verification', 'active')),
  serial                TEXT NOT NULL,           -- license serial, or '0' when unknown
  company_name          TEXT NOT NULL,
  street                TEXT NOT NULL,
  postal_code           TEXT NOT NULL,
  city                  TEXT NOT NULL,
  country               TEXT NOT NULL CHECK (length(country) = 2),
  vat_id                TEXT,
  contact_name          TEXT NOT NULL,
  email                 TEXT NOT NULL UNIQUE,    -- lower-cased: one mailbox, one account
  phone                 TEXT NOT NULL,           -- E.164
  newsletter            INTEGER NOT NULL CHECK (newsletter IN (0, 1)),
  newsletter_consent_at TEXT,
  terms_version         TEXT NOT NULL,
  terms_accepted_at     TEXT NOT NULL,
  created_at            TEXT NOT NULL,
  verified_at           TEXT,
  CHECK ((newsletter = 1) = (newsletter_consent_at IS NOT NULL))
) STRICT;

-- Registrations made with serial '0': staff match them to a license later.
CREATE TABLE license_claims (
  id              TEXT PRIMARY KEY,
  customer_id     TEXT NOT NULL UNIQUE REFERENCES customers (id),
  status          TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
  resolved_serial TEXT,
  created_at      TEXT NOT NULL,
  resolved_at     TEXT
) STRICT;

-- Email-verification links, sign-in links and access tokens, by SHA-256 only.
CREATE TABLE auth_tokens (
  token_hash  TEXT PRIMARY KEY,                  -- hex SHA-256 of the token
  purpose     TEXT NOT NULL CHECK (purpose IN ('verify_email', 'sign_in', 'access')),
  customer_id TEXT NOT NULL REFERENCES customers (id),
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  used_at     TEXT
) STRICT;
CREATE INDEX auth_tokens_by_expiry ON auth_tokens (expires_at);

-- The coupon ledger: append-only; the balance is the sum of a customer's entries.
CREATE TABLE ledger_entries (
  id              TEXT PRIMARY KEY,
  customer_id     TEXT NOT NULL REFERENCES customers (id),
  kind            TEXT NOT NULL CHECK (kind IN ('free_grant', 'purchase', 'consumption', 'reversal', 'adjustment')),
  coupons         INTEGER NOT NULL CHECK (coupons <> 0),
  idempotency_key TEXT NOT NULL UNIQUE,          -- one cause, one entry
  created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX ledger_entries_by_customer ON ledger_entries (customer_id, created_at);
-- The free first coupon: at most once per customer (and, by its key, once per serial).
CREATE UNIQUE INDEX ledger_entries_one_free_grant_per_customer
  ON ledger_entries (customer_id) WHERE kind = 'free_grant';
CREATE TRIGGER ledger_entries_are_never_updated BEFORE UPDATE ON ledger_entries
BEGIN
  SELECT RAISE(ABORT, 'constraint failed: ledger entries are append-only');
END;
CREATE TRIGGER ledger_entries_are_never_deleted BEFORE DELETE ON ledger_entries
BEGIN
  SELECT RAISE(ABORT, 'constraint failed: ledger entries are append-only');
END;

-- Outgoing email, written in the same batch as the change that causes it and
-- delivered by the queue consumer, at least once, idempotent by id.
CREATE TABLE outbox (
  id                  TEXT PRIMARY KEY,
  to_address          TEXT NOT NULL,
  subject             TEXT NOT NULL,
  body_text           TEXT NOT NULL,
  status              TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'not_sent', 'failed')),
  attempts            INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error          TEXT,
  provider_message_id TEXT,
  created_at          TEXT NOT NULL,
  sent_at             TEXT
) STRICT;
CREATE INDEX outbox_by_recipient ON outbox (to_address, created_at);
CREATE INDEX outbox_by_status ON outbox (status, created_at);
