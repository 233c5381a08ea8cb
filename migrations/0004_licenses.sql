-- Migration 0004: the license catalogue, partners, activations, releases,
-- and SUPS subscriptions sold by partners.

-- Authorised partners: resellers (sell SUPS) and technicians (activate).
CREATE TABLE partners (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('reseller', 'technician', 'both')),
  country    TEXT NOT NULL CHECK (length(country) = 2),
  email      TEXT NOT NULL,
  key_hash   TEXT NOT NULL UNIQUE,              -- hex SHA-256 of the API key
  created_at TEXT NOT NULL,
  revoked_at TEXT
) STRICT;

CREATE TABLE licenses (
  serial           TEXT PRIMARY KEY,
  product          TEXT NOT NULL,
  edition          TEXT NOT NULL,
  major_version    INTEGER NOT NULL CHECK (major_version > 0),
  list_price_cents INTEGER NOT NULL CHECK (list_price_cents > 0),
  installations    INTEGER NOT NULL CHECK (installations >= 1),
  partner_id       TEXT REFERENCES partners (id),
  revoked_at       TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
) STRICT;

-- Activated installations; a deactivated one keeps its row, and frees its seat.
CREATE TABLE activations (
  id              TEXT PRIMARY KEY,
  serial          TEXT NOT NULL REFERENCES licenses (serial),
  installation_id TEXT NOT NULL,
  major_version   INTEGER NOT NULL,
  activation_code TEXT NOT NULL,
  customer_id     TEXT REFERENCES customers (id),
  partner_id      TEXT REFERENCES partners (id),
  technician      TEXT,
  path            TEXT NOT NULL CHECK (path IN ('self', 'technician')),
  created_at      TEXT NOT NULL,
  deactivated_at  TEXT
) STRICT;
CREATE UNIQUE INDEX activations_one_active_per_installation
  ON activations (serial, installation_id, major_version) WHERE deactivated_at IS NULL;

-- Who activated or deactivated what, when, and by which path.
CREATE TABLE activation_audit (
  id            TEXT PRIMARY KEY,
  activation_id TEXT NOT NULL REFERENCES activations (id),
  serial        TEXT NOT NULL,
  action        TEXT NOT NULL CHECK (action IN ('activate', 'deactivate')),
  actor         TEXT NOT NULL,                  -- cus_…, ptn_… or staff
  path          TEXT NOT NULL,
  created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX activation_audit_by_serial ON activation_audit (serial, action, created_at);

-- Released versions, for upgrade entitlement under SUPS.
CREATE TABLE releases (
  product       TEXT NOT NULL,
  version       TEXT NOT NULL,
  major_version INTEGER NOT NULL,
  released_on   TEXT NOT NULL,                  -- YYYY-MM-DD
  PRIMARY KEY (product, version)
) STRICT;

-- Requests per bucket (a license's validations, a client address's posts to
-- a public endpoint) per minute, for rate limits.
CREATE TABLE rate_counters (
  bucket       TEXT NOT NULL,
  window_start TEXT NOT NULL,
  requests     INTEGER NOT NULL,
  PRIMARY KEY (bucket, window_start)
) STRICT;

-- SUPS subscriptions: who sold them, their monthly fee, and the reminder.
ALTER TABLE sups_subscriptions ADD COLUMN partner_id TEXT;
ALTER TABLE sups_subscriptions ADD COLUMN monthly_fee_cents INTEGER;
ALTER TABLE sups_subscriptions ADD COLUMN reminded_at TEXT;
CREATE INDEX sups_subscriptions_by_partner ON sups_subscriptions (partner_id, serial);
