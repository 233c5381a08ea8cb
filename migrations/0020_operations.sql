-- Migration 0020: operating the portal. The cron sweep records each run
-- (the desk's health page shows the last), and staff settle an email that
-- failed or whose delivery is unknown: resent (as a new message) or closed,
-- by whom and when, so the health page lists only what still needs a look.
CREATE TABLE cron_runs (
  id          TEXT PRIMARY KEY,
  started_at  TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  jobs        INTEGER NOT NULL CHECK (jobs >= 0),  -- queue jobs it sent again
  error       TEXT                                 -- why it stopped, if it did
) STRICT;
CREATE INDEX cron_runs_by_start ON cron_runs (started_at);
ALTER TABLE outbox ADD COLUMN handled_at TEXT;
ALTER TABLE outbox ADD COLUMN handled_by TEXT;
ALTER TABLE outbox ADD COLUMN resent_as TEXT;
