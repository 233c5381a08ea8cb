-- Migration 0003: direct-support incidents, their callback attempts and
-- timers, support sessions, and the conversation.

-- The incident a consumption entry charges.
ALTER TABLE ledger_entries ADD COLUMN incident_id TEXT;

CREATE TABLE incidents (
  id                 TEXT PRIMARY KEY,
  customer_id        TEXT NOT NULL REFERENCES customers (id),
  subject            TEXT NOT NULL,
  description        TEXT NOT NULL,
  channel            TEXT NOT NULL CHECK (channel IN ('voice', 'chat', 'video', 'remote_desktop')),
  phone              TEXT,
  preferred_times    TEXT,
  serial             TEXT,
  status             TEXT NOT NULL CHECK (status IN ('awaiting_callback', 'in_progress', 'awaiting_customer', 'closed')),
  callback_window    INTEGER NOT NULL CHECK (callback_window >= 1),
  window_opened_at   TEXT NOT NULL,
  callback_target_by TEXT NOT NULL,
  callback_due_by    TEXT NOT NULL,
  failed_attempts    INTEGER NOT NULL CHECK (failed_attempts >= 0),
  attempts           INTEGER NOT NULL CHECK (attempts >= 0),
  reached_at         TEXT,
  sla_breached_at    TEXT,
  resolution         TEXT,
  revision           INTEGER NOT NULL,         -- see incident_revisions
  created_at         TEXT NOT NULL,
  closed_at          TEXT
) STRICT;
CREATE INDEX incidents_by_customer ON incidents (customer_id, created_at);
CREATE INDEX incidents_by_status_and_deadline ON incidents (status, callback_due_by);

-- Optimistic locking: every change of an incident inserts its next revision
-- in the same batch, so of two concurrent changes the second fails whole.
CREATE TABLE incident_revisions (
  incident_id TEXT NOT NULL REFERENCES incidents (id),
  revision    INTEGER NOT NULL,
  PRIMARY KEY (incident_id, revision)
) STRICT;

CREATE TABLE callback_attempts (
  id          TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL REFERENCES incidents (id),
  number      INTEGER NOT NULL,
  outcome     TEXT NOT NULL CHECK (outcome IN ('reached', 'no_answer', 'busy', 'failed')),
  channel     TEXT NOT NULL,
  note        TEXT,
  created_at  TEXT NOT NULL,
  UNIQUE (incident_id, number)
) STRICT;

-- Timed work (desk notice, target reminder, escalation, deadline, retry):
-- the queue delivers it; the cron sweep runs what is due and not done.
CREATE TABLE incident_timers (
  incident_id     TEXT NOT NULL REFERENCES incidents (id),
  timer           TEXT NOT NULL,
  callback_window INTEGER NOT NULL,
  attempt         INTEGER NOT NULL,
  due_at          TEXT NOT NULL,
  done_at         TEXT,
  PRIMARY KEY (incident_id, timer, callback_window, attempt)
) STRICT;
CREATE INDEX incident_timers_due ON incident_timers (done_at, due_at);

CREATE TABLE support_sessions (
  id          TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL REFERENCES incidents (id),
  started_at  TEXT NOT NULL,
  ended_at    TEXT NOT NULL,
  channel     TEXT NOT NULL,
  agent       TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  deleted_at  TEXT,
  CHECK (ended_at > started_at)
) STRICT;
CREATE INDEX support_sessions_by_incident ON support_sessions (incident_id, started_at);

CREATE TABLE incident_messages (
  id          TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL REFERENCES incidents (id),
  author      TEXT NOT NULL CHECK (author IN ('customer', 'staff')),
  author_name TEXT NOT NULL,
  body        TEXT NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX incident_messages_by_incident ON incident_messages (incident_id, created_at);
