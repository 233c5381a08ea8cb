-- Migration 0010: news bulletins to subscribed contacts, sent in resumable
-- batches, with one-click unsubscription (RFC 8058).
--
-- The outbox gains an HTML body and extra headers (a JSON object) for the
-- email API; both carry a recipient's unsubscribe link and are dropped once
-- the message is settled, like the link in body_text is redacted.

ALTER TABLE outbox ADD COLUMN body_html TEXT;
ALTER TABLE outbox ADD COLUMN headers TEXT;

CREATE TABLE bulletins (
  id           TEXT PRIMARY KEY,
  subject      TEXT NOT NULL,
  body         TEXT NOT NULL,
  published_by TEXT NOT NULL,
  published_at TEXT NOT NULL
) STRICT;
CREATE INDEX bulletins_by_time ON bulletins (published_at);

CREATE TABLE bulletin_recipients (
  bulletin_id TEXT NOT NULL REFERENCES bulletins (id),
  contact_id  TEXT NOT NULL REFERENCES contacts (id),
  status      TEXT NOT NULL CHECK (status IN ('pending', 'queued', 'skipped')),
  run_id      TEXT,
  outbox_id   TEXT,
  PRIMARY KEY (bulletin_id, contact_id),
  CHECK ((status = 'queued') = (outbox_id IS NOT NULL))
) STRICT;
CREATE INDEX bulletin_recipients_by_status ON bulletin_recipients (bulletin_id, status);

CREATE TABLE unsubscribe_tokens (
  token_hash TEXT PRIMARY KEY,
  contact_id TEXT NOT NULL REFERENCES contacts (id),
  created_at TEXT NOT NULL
) STRICT;
