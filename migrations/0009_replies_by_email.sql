-- Migration 0009: customers reply to incident emails by email.
--
-- An outgoing email may carry a Reply-To (the incident's signed reply
-- address), and every inbound email the portal took is remembered by its
-- Message-ID, so that one delivered twice adds one message.

ALTER TABLE outbox ADD COLUMN reply_to TEXT;

-- Inbound emails taken as incident messages, by Message-ID: written in the
-- same batch as the message, so a second delivery fails on the key and adds
-- nothing.
CREATE TABLE inbound_emails (
  message_id          TEXT PRIMARY KEY,
  incident_id         TEXT NOT NULL REFERENCES incidents (id),
  incident_message_id TEXT NOT NULL REFERENCES incident_messages (id),
  sender              TEXT NOT NULL,
  received_at         TEXT NOT NULL
) STRICT;
