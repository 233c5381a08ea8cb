-- Migration 0007: email delivery that survives an outage of the email service
-- and sends each message at most once, and no live sign-in or verification
-- link kept once a message is settled.
--
-- The outbox gains `next_attempt_at` (the retry schedule, kept in the row),
-- `claimed_until` (the lease of the consumer sending it) and the statuses
-- 'sending' (claimed, being sent) and 'unknown' (a send was interrupted
-- through a service that cannot drop a repeat: staff check it). SQLite cannot
-- change a CHECK constraint, so the table is rebuilt: its rows are set aside,
-- the table is created again as schema.sql shows it, and the rows come back.
-- Nothing references the outbox, and this depends on no other migration
-- after 0001.

CREATE TABLE outbox_before_0007 AS SELECT * FROM outbox;
DROP TABLE outbox;

-- Outgoing email, written in the same batch as the change that causes it and
-- delivered by the queue consumer, at most once per id: a consumer claims a
-- message (status 'sending' until `claimed_until`) before sending it.
CREATE TABLE outbox (
  id                  TEXT PRIMARY KEY,
  to_address          TEXT NOT NULL,
  subject             TEXT NOT NULL,
  body_text           TEXT NOT NULL,  -- links' secrets redacted once settled
  status              TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'not_sent', 'failed', 'unknown')),
  attempts            INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error          TEXT,
  provider_message_id TEXT,
  created_at          TEXT NOT NULL,
  sent_at             TEXT,
  next_attempt_at     TEXT NOT NULL,  -- when a pending message is due (again)
  claimed_until       TEXT,           -- the sending consumer's lease
  CHECK (status <> 'sending' OR claimed_until IS NOT NULL)
) STRICT;

-- Pending messages are due at once. A settled message keeps its text with the
-- secret of its link (a 43-character token after '?token=') taken out.
INSERT INTO outbox (id, to_address, subject, body_text, status, attempts, last_error,
                    provider_message_id, created_at, sent_at, next_attempt_at, claimed_until)
SELECT id, to_address, subject,
       CASE WHEN status <> 'pending' AND instr(body_text, '?token=') > 0
            THEN substr(body_text, 1, instr(body_text, '?token=') + 6) || '[redacted]'
                 || substr(body_text, instr(body_text, '?token=') + 7 + 43)
            ELSE body_text END,
       status, attempts, last_error, provider_message_id, created_at, sent_at, created_at, NULL
FROM outbox_before_0007;

DROP TABLE outbox_before_0007;

CREATE INDEX outbox_by_recipient ON outbox (to_address, created_at);
CREATE INDEX outbox_by_status ON outbox (status, next_attempt_at);
