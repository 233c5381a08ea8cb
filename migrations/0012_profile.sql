-- Migration 0012: a contact changes their email address only after a link
-- sent to the new address is confirmed; until then the new address waits
-- here with the hash of its link and the link's expiry.
ALTER TABLE contacts ADD COLUMN pending_email TEXT;
ALTER TABLE contacts ADD COLUMN email_token_hash TEXT;
ALTER TABLE contacts ADD COLUMN email_token_expires_at TEXT;
CREATE UNIQUE INDEX contacts_email_token ON contacts (email_token_hash);
