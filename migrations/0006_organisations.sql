-- Migration 0006: the customer is an organisation; people sign in as its
-- contacts. A license has at most one holding organisation; every other
-- registration of its serial is a claim that staff resolve.
--
-- `customers` stays the organisation (ids `cus_…`, so every `customer_id`
-- keeps meaning the organisation); the contact's columns move to `contacts`.
-- Each existing customer becomes an organisation with one contact whose id
-- is `con_` followed by the customer id's tail.
--
-- Dropping `customers.email` (UNIQUE) needs a rebuild. D1 enforces foreign
-- keys and cannot turn them off inside its transaction, so they are deferred
-- to the end: the rows dropped with the old table are inserted again under
-- the same ids into the new one before the end, which satisfies every
-- reference again.
PRAGMA defer_foreign_keys = on;

CREATE TABLE customers_v5 AS SELECT * FROM customers;
CREATE TABLE license_claims_v5 AS SELECT * FROM license_claims;
CREATE TABLE auth_tokens_v5 AS SELECT * FROM auth_tokens;
DROP TABLE auth_tokens;
DROP TABLE license_claims;
DROP TABLE customers;

-- Organisations: the company that holds licenses and the coupon balance.
-- An organisation whose last contact joined another one (a claim resolved by
-- joining the license's holder) is `merged`: its records stay for history.
CREATE TABLE customers (
  id                TEXT PRIMARY KEY,
  status            TEXT NOT NULL CHECK (status IN ('pending_verification', 'active', 'merged')),
  registered_serial TEXT NOT NULL,             -- as typed at registration ('0' when unknown); not ownership
  company_name      TEXT NOT NULL,
  street            TEXT NOT NULL,
  postal_code       TEXT NOT NULL,
  city              TEXT NOT NULL,
  country           TEXT NOT NULL CHECK (length(country) = 2),
  vat_id            TEXT,
  merged_into       TEXT REFERENCES customers (id),
  created_at        TEXT NOT NULL,
  verified_at       TEXT
) STRICT;
INSERT INTO customers (id, status, registered_serial, company_name, street, postal_code, city, country, vat_id,
  created_at, verified_at)
  SELECT id, status, serial, company_name, street, postal_code, city, country, vat_id, created_at, verified_at
  FROM customers_v5;

-- The people of an organisation. Sign-in links and access tokens are issued
-- to a contact; a removed contact keeps its row (orders and messages name it)
-- and frees its address.
CREATE TABLE contacts (
  id                    TEXT PRIMARY KEY,
  customer_id           TEXT NOT NULL REFERENCES customers (id),
  status                TEXT NOT NULL CHECK (status IN ('pending_verification', 'invited', 'active', 'removed')),
  name                  TEXT NOT NULL,
  email                 TEXT NOT NULL,           -- lower-cased
  phone                 TEXT NOT NULL,           -- E.164
  newsletter            INTEGER NOT NULL CHECK (newsletter IN (0, 1)),
  newsletter_consent_at TEXT,
  terms_version         TEXT,
  terms_accepted_at     TEXT,
  invited_by            TEXT REFERENCES contacts (id),
  created_at            TEXT NOT NULL,
  verified_at           TEXT,
  removed_at            TEXT,
  removed_by            TEXT,                    -- con_… or staff
  CHECK ((newsletter = 1) = (newsletter_consent_at IS NOT NULL)),
  CHECK ((status = 'removed') = (removed_at IS NOT NULL))
) STRICT;
-- One mailbox, one person: among contacts not removed, an address is unique.
CREATE UNIQUE INDEX contacts_email ON contacts (email) WHERE status <> 'removed';
CREATE INDEX contacts_by_customer ON contacts (customer_id, status);
INSERT INTO contacts (id, customer_id, status, name, email, phone, newsletter, newsletter_consent_at,
  terms_version, terms_accepted_at, created_at, verified_at)
  SELECT 'con_' || substr(id, 5), id, status, contact_name, email, phone, newsletter, newsletter_consent_at,
  terms_version, terms_accepted_at, created_at, verified_at FROM customers_v5;
-- Never the last one: an organisation keeps at least one active contact, so
-- of two contacts removing each other at once the second removal fails.
CREATE TRIGGER contacts_never_remove_the_last BEFORE UPDATE OF status ON contacts
WHEN NEW.status = 'removed' AND OLD.status <> 'removed'
  AND NOT EXISTS (SELECT 1 FROM contacts WHERE customer_id = OLD.customer_id AND id <> OLD.id AND status = 'active')
BEGIN
  SELECT RAISE(ABORT, 'constraint failed: an organisation keeps at least one active contact');
END;

-- The license's holder and, from the catalogue, its licensee: a registration
-- whose company matches the licensee becomes the holder (domain::organisation).
ALTER TABLE licenses ADD COLUMN holder_id TEXT REFERENCES customers (id);
ALTER TABLE licenses ADD COLUMN licensee_name TEXT;
ALTER TABLE licenses ADD COLUMN licensee_country TEXT;
ALTER TABLE licenses ADD COLUMN licensee_vat_id TEXT;
CREATE INDEX licenses_by_holder ON licenses (holder_id);

-- Registrations of a serial that did not make the organisation its holder:
-- "0", a serial the catalogue does not know, a held license, a company that
-- is not the licensee. Staff assign the license, join the claimant to the
-- holder (once a contact of the holder confirms), or refuse with a reason.
CREATE TABLE license_claims (
  id              TEXT PRIMARY KEY,
  customer_id     TEXT NOT NULL REFERENCES customers (id),
  contact_id      TEXT NOT NULL REFERENCES contacts (id),
  serial          TEXT NOT NULL,                 -- as typed: '0' or a serial
  status          TEXT NOT NULL CHECK (status IN ('open', 'assigned', 'join_requested', 'joined', 'refused')),
  resolved_serial TEXT,
  reason          TEXT,
  created_at      TEXT NOT NULL,
  resolved_at     TEXT,
  CHECK ((status = 'refused') = (reason IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX license_claims_one_per_registration ON license_claims (contact_id, serial);
CREATE INDEX license_claims_by_status ON license_claims (status, created_at);

-- Links and access tokens, issued to a contact. An invitation accepts a
-- colleague; a join confirmation lets a holder's contact accept a claimant.
CREATE TABLE auth_tokens (
  token_hash  TEXT PRIMARY KEY,                  -- hex SHA-256 of the token
  purpose     TEXT NOT NULL CHECK (purpose IN ('verify_email', 'sign_in', 'access', 'invitation', 'confirm_join')),
  contact_id  TEXT NOT NULL REFERENCES contacts (id),
  claim_id    TEXT REFERENCES license_claims (id),
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  used_at     TEXT
) STRICT;
CREATE INDEX auth_tokens_by_expiry ON auth_tokens (expires_at);
INSERT INTO auth_tokens (token_hash, purpose, contact_id, created_at, expires_at, used_at)
  SELECT token_hash, purpose, 'con_' || substr(customer_id, 5), created_at, expires_at, used_at FROM auth_tokens_v5;

-- Which contact acted.
ALTER TABLE coupon_orders ADD COLUMN contact_id TEXT REFERENCES contacts (id);
ALTER TABLE incidents ADD COLUMN contact_id TEXT REFERENCES contacts (id);
ALTER TABLE incident_messages ADD COLUMN contact_id TEXT REFERENCES contacts (id);
UPDATE coupon_orders SET contact_id = 'con_' || substr(customer_id, 5);
UPDATE incidents SET contact_id = 'con_' || substr(customer_id, 5);
UPDATE incident_messages SET contact_id = (SELECT 'con_' || substr(i.customer_id, 5) FROM incidents i
  WHERE i.id = incident_messages.incident_id) WHERE author = 'customer';

-- Holders of existing licenses: the earliest SUPS subscriber, else the
-- earliest active organisation registered with (or resolved to) the serial.
UPDATE licenses SET holder_id = COALESCE(
  (SELECT s.customer_id FROM sups_subscriptions s WHERE s.serial = licenses.serial ORDER BY s.created_at LIMIT 1),
  (SELECT c.id FROM customers_v5 c WHERE c.status = 'active' AND (c.serial = licenses.serial
     OR EXISTS (SELECT 1 FROM license_claims_v5 k WHERE k.customer_id = c.id AND k.resolved_serial = licenses.serial))
   ORDER BY c.created_at LIMIT 1));

-- Claims: the old serial-"0" ones as they were, and every other confirmed
-- registration of a serial that did not make its organisation the holder.
INSERT INTO license_claims (id, customer_id, contact_id, serial, status, resolved_serial, created_at, resolved_at)
  SELECT id, customer_id, 'con_' || substr(customer_id, 5), '0',
    CASE status WHEN 'open' THEN 'open' ELSE 'assigned' END, resolved_serial, created_at, resolved_at
  FROM license_claims_v5;
INSERT INTO license_claims (id, customer_id, contact_id, serial, status, created_at)
  SELECT 'clm_' || substr(c.id, 5), c.id, 'con_' || substr(c.id, 5), c.serial, 'open', c.created_at
  FROM customers_v5 c
  WHERE c.status = 'active' AND c.serial <> '0'
    AND NOT EXISTS (SELECT 1 FROM licenses l WHERE l.serial = c.serial AND l.holder_id = c.id)
    AND NOT EXISTS (SELECT 1 FROM license_claims_v5 k WHERE k.customer_id = c.id);

DROP TABLE auth_tokens_v5;
DROP TABLE license_claims_v5;
DROP TABLE customers_v5;
