-- Migration 0018: invitations are offers, not contacts. Until now an
-- invitation was a contact with status 'invited', which held the address
-- (contacts_email), so the invited person could neither register nor accept
-- another organisation's invitation. An invitation is now an `invitations`
-- row that reserves nothing; accepting it writes the contact.
-- Each invited contact with its link becomes an open invitation (its id
-- taken from the contact's, its link's hash and expiry kept, so a link
-- already sent still works); the links leave auth_tokens, and the invited
-- contacts leave contacts. An invited contact whose link is gone (swept
-- after it expired) had nothing left to accept and just goes.
CREATE TABLE invitations (
  id           TEXT PRIMARY KEY,
  customer_id  TEXT NOT NULL REFERENCES customers (id),
  invited_by   TEXT NOT NULL REFERENCES contacts (id),
  name         TEXT NOT NULL,
  email        TEXT NOT NULL,                    -- lower-cased
  phone        TEXT NOT NULL,                    -- E.164
  token_hash   TEXT NOT NULL UNIQUE,             -- hex SHA-256 of the link's token
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  accepted_at  TEXT,
  contact_id   TEXT REFERENCES contacts (id),    -- the contact accepting made
  replaced_at  TEXT,
  withdrawn_at TEXT,
  withdrawn_by TEXT,                             -- con_…
  CHECK ((accepted_at IS NULL) = (contact_id IS NULL)),
  CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL))
) STRICT;
CREATE INDEX invitations_by_customer ON invitations (customer_id, created_at);
CREATE INDEX invitations_by_expiry ON invitations (expires_at);
CREATE UNIQUE INDEX invitations_one_open ON invitations (customer_id, email)
  WHERE accepted_at IS NULL AND replaced_at IS NULL AND withdrawn_at IS NULL;
INSERT INTO invitations (id, customer_id, invited_by, name, email, phone, token_hash, created_at, expires_at)
SELECT 'ivt_' || substr(c.id, 5), c.customer_id, c.invited_by, c.name, c.email, c.phone,
  t.token_hash, c.created_at, t.expires_at
FROM contacts c
JOIN auth_tokens t ON t.token_hash = (
  SELECT token_hash FROM auth_tokens
  WHERE contact_id = c.id AND purpose = 'invitation' AND used_at IS NULL
  ORDER BY expires_at DESC LIMIT 1)
WHERE c.status = 'invited' AND c.invited_by IS NOT NULL;
DELETE FROM auth_tokens WHERE purpose = 'invitation'
  OR contact_id IN (SELECT id FROM contacts WHERE status = 'invited');
-- An email 0017 told was an invited contact's (none should be: an invitee's
-- own email names no contact) keeps its row without the contact that goes.
UPDATE outbox SET contact_id = NULL, customer_id = NULL
  WHERE contact_id IN (SELECT id FROM contacts WHERE status = 'invited');
DELETE FROM contacts WHERE status = 'invited';
