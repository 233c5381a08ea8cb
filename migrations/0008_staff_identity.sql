-- Migration 0008: staff sign in as themselves (Cloudflare Access), browser
-- sessions hold a random id instead of a credential, every staff and partner
-- action is audited, and the incident timeline records who did what.

-- The vendor's staff, by the email address Access asserts.
CREATE TABLE staff_members (
  id             TEXT PRIMARY KEY,
  email          TEXT NOT NULL UNIQUE,          -- lower-cased
  name           TEXT NOT NULL,
  role           TEXT NOT NULL CHECK (role IN ('agent', 'finance', 'admin')),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  deactivated_at TEXT
) STRICT;

-- Browser sessions: the cookie holds a random id, the database its SHA-256,
-- whose session it is, and until when. Signing out revokes it here.
CREATE TABLE browser_sessions (
  id_hash    TEXT PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('customer', 'staff', 'partner')),
  subject_id TEXT NOT NULL,                     -- cus_…/con_…, ptn_…, or break-glass
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
) STRICT;
CREATE INDEX browser_sessions_by_expiry ON browser_sessions (expires_at);

-- Who did what: every state change by staff or a partner, written in the
-- same batch as the change itself (one row per request), never changed.
CREATE TABLE audit_log (
  id          TEXT PRIMARY KEY,                 -- the request's id
  actor_kind  TEXT NOT NULL CHECK (actor_kind IN ('staff', 'break_glass', 'partner')),
  actor_id    TEXT NOT NULL,                    -- stf_…, ptn_… or break-glass
  actor_name  TEXT NOT NULL,                    -- the email, or the partner's name
  role        TEXT NOT NULL,                    -- agent, finance, admin, reseller, technician, both
  action      TEXT NOT NULL,                    -- method and route, e.g. POST /api/staff/partners
  target      TEXT NOT NULL,                    -- the path's ids, or the path
  detail      TEXT NOT NULL,                    -- the request's essentials, JSON
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_by_target ON audit_log (target, created_at);
CREATE INDEX audit_log_by_actor ON audit_log (actor_id, created_at);
CREATE TRIGGER audit_log_is_never_updated BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'constraint failed: the audit log is append-only');
END;
CREATE TRIGGER audit_log_is_never_deleted BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'constraint failed: the audit log is append-only');
END;

-- Who recorded each attempt, session and message, from the verified identity.
ALTER TABLE callback_attempts ADD COLUMN recorded_by TEXT;
ALTER TABLE support_sessions ADD COLUMN recorded_by TEXT;
ALTER TABLE incident_messages ADD COLUMN recorded_by TEXT;
