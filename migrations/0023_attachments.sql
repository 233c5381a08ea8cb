-- Migration 0023: files attached to incidents (issue 22). The bytes are in
-- R2 under `object_key`; the row holds what is known of them. The object is
-- written first and the row after, so a row always has its object; an
-- object whose row never came is an orphan the retention sweep removes.
CREATE TABLE attachments (
  id            TEXT PRIMARY KEY,
  incident_id   TEXT NOT NULL REFERENCES incidents (id),
  customer_id   TEXT NOT NULL REFERENCES customers (id),
  uploaded_by   TEXT NOT NULL CHECK (uploaded_by IN ('contact', 'staff', 'email')),
  uploader_id   TEXT NOT NULL,  -- the contact's con_… (also by email), or the staff member's email
  uploader_name TEXT NOT NULL,
  name          TEXT NOT NULL,
  size          INTEGER NOT NULL CHECK (size > 0 AND size <= 10485760),
  content_type  TEXT NOT NULL,
  sha256        TEXT NOT NULL,  -- hex, of the bytes as stored
  object_key    TEXT NOT NULL UNIQUE,
  created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX attachments_by_incident ON attachments (incident_id, created_at);
CREATE INDEX attachments_by_uploader ON attachments (uploader_id);
