-- Migration 0017: every email knows its recipient and what it is, and the
-- hourly quota on emailed links counts requests for links of one kind per
-- address.
--
-- The outbox gains `contact_id` (the contact an email was addressed to),
-- `customer_id` (that contact's organisation when it was written) and
-- `kind`. An organisation's export then holds the emails written for its
-- contacts, and an erasure changes the emails addressed to the erased
-- contact, neither by matching addresses. SQLite cannot add a CHECKed
-- NOT NULL column without a default (and a default would let a statement
-- write an email without deciding its kind), so the table is rebuilt as
-- schema.sql shows it: its rows are set aside and come back with what can be
-- told of them. Nothing references the outbox.
--
-- What the backfill can tell, and what it does:
-- - the vendor's desk is every address that received the desk's own emails
--   ("New support incident …", "Incident …: …", the callback timers): its
--   emails name no contact, even where some contact was given that address;
-- - a bulletin's email is its recipient's (bulletin_recipients.outbox_id);
-- - an invitation names no contact: the invitee was nobody's contact yet;
-- - any other email is the contact's who held the address when it was
--   written: created by then, not removed before (a new address's link: the
--   contact whose pending address it is), the newest such contact if the
--   address passed from one to another; its organisation is that contact's
--   organisation now (a contact moved by a join request takes its earlier
--   emails along);
-- - no contact is told where none held the address then: the emails to an
--   address a contact has since changed (the notice that it changed, among
--   them) stay without one, are exported with no organisation and are not
--   erased with anyone (their bodies go after the retention period);
-- - the kind comes from the subject each kind has always had; "Re: … [inc_…]"
--   is the desk's when it went to the desk, else the customer's; anything
--   else, 'legacy'.

CREATE TABLE outbox_before_0017 AS SELECT * FROM outbox;
DROP TABLE outbox;

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
  reply_to            TEXT,           -- the incident's signed reply address, if any
  body_html           TEXT,           -- dropped once settled (it carries links)
  headers             TEXT,           -- a JSON object; dropped once settled
  contact_id          TEXT REFERENCES contacts (id),
  customer_id         TEXT REFERENCES customers (id),
  kind                TEXT NOT NULL CHECK (kind IN ('verification', 'sign_in', 'address_change', 'erasure', 'account',
                        'invitation', 'license', 'payment', 'incident', 'desk', 'bulletin', 'legacy')),
  CHECK (status <> 'sending' OR claimed_until IS NOT NULL),
  CHECK ((contact_id IS NULL) = (customer_id IS NULL)),
  CHECK (kind <> 'desk' OR contact_id IS NULL)
) STRICT;

WITH
bulletin_emails (outbox_id, contact_id) AS (
  SELECT outbox_id, contact_id FROM bulletin_recipients WHERE outbox_id IS NOT NULL
),
desk (address) AS (
  SELECT DISTINCT to_address FROM outbox_before_0017
  WHERE (subject GLOB 'New support incident *' OR subject GLOB 'Incident *: *')
    AND id NOT IN (SELECT outbox_id FROM bulletin_emails)
),
told AS (
  SELECT o.*,
    o.to_address IN (SELECT address FROM desk) AS to_desk,
    CASE
      WHEN o.id IN (SELECT outbox_id FROM bulletin_emails) THEN 'bulletin'
      WHEN o.subject = 'Confirm your Time & Space registration' THEN 'verification'
      WHEN o.subject = 'Your Time & Space sign-in link' THEN 'sign_in'
      WHEN o.subject = 'Confirm your new email address for Time & Space support' THEN 'address_change'
      WHEN o.subject = 'Confirm the erasure of your Time & Space support data' THEN 'erasure'
      WHEN o.subject IN ('Welcome to Time & Space support',
                         'Your Time & Space support email address was changed') THEN 'account'
      WHEN o.subject GLOB '* invites you to * on the Spica Customer Support Portal' THEN 'invitation'
      WHEN o.subject GLOB 'Does * belong to your company? (license *)'
        OR o.subject = 'Your license registration could not be confirmed'
        OR o.subject GLOB 'Your SUPS coverage for * ends on *' THEN 'license'
      WHEN o.subject GLOB 'Pro-forma for * support coupon(s), order *'
        OR o.subject GLOB 'Payment received: * support coupon(s) credited' THEN 'payment'
      WHEN o.subject GLOB 'New support incident *' OR o.subject GLOB 'Incident *: *' THEN 'desk'
      WHEN o.subject GLOB 'We received your support request *'
        OR o.subject GLOB 'We could not reach you about *'
        OR o.subject = 'Your support coupon balance is below zero'
        OR o.subject GLOB 'Support incident * closed' THEN 'incident'
      WHEN o.subject GLOB 'Re: * [[]*]' THEN
        CASE WHEN o.to_address IN (SELECT address FROM desk) THEN 'desk' ELSE 'incident' END
      ELSE 'legacy'
    END AS told_kind
  FROM outbox_before_0017 AS o
),
addressed AS (
  SELECT t.*,
    CASE
      WHEN t.told_kind = 'bulletin' THEN (SELECT b.contact_id FROM bulletin_emails b WHERE b.outbox_id = t.id)
      WHEN t.to_desk OR t.told_kind IN ('desk', 'invitation') THEN NULL
      ELSE (SELECT c.id FROM contacts c
            WHERE (c.email = t.to_address OR (t.told_kind = 'address_change' AND c.pending_email = t.to_address))
              AND c.created_at <= t.created_at
              AND (c.removed_at IS NULL OR c.removed_at >= t.created_at)
            ORDER BY c.created_at DESC, c.id LIMIT 1)
    END AS recipient
  FROM told AS t
)
INSERT INTO outbox (id, to_address, subject, body_text, status, attempts, last_error, provider_message_id,
                    created_at, sent_at, next_attempt_at, claimed_until, reply_to, body_html, headers,
                    contact_id, customer_id, kind)
SELECT id, to_address, subject, body_text, status, attempts, last_error, provider_message_id,
       created_at, sent_at, next_attempt_at, claimed_until, reply_to, body_html, headers,
       recipient, (SELECT c.customer_id FROM contacts c WHERE c.id = recipient), told_kind
FROM addressed;

DROP TABLE outbox_before_0017;

CREATE INDEX outbox_by_recipient ON outbox (to_address, created_at);
CREATE INDEX outbox_by_status ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_contact ON outbox (contact_id, created_at);
CREATE INDEX outbox_by_customer ON outbox (customer_id, created_at);

-- Emailed links asked for, per address and kind, for the hourly quota: every
-- request the quota lets through, whoever's the address; `number` is counted
-- in the INSERT and the CHECK refuses one beyond `quota`. Kept an hour.
CREATE TABLE link_requests (
  id           TEXT PRIMARY KEY,
  address      TEXT NOT NULL,                   -- lower-cased, as typed or held
  kind         TEXT NOT NULL CHECK (kind IN ('sign_in', 'address_change', 'erasure')),
  requested_at TEXT NOT NULL,
  number       INTEGER NOT NULL,
  quota        INTEGER NOT NULL,
  CONSTRAINT link_quota CHECK (number <= quota)
) STRICT;
CREATE INDEX link_requests_by_address ON link_requests (address, kind, requested_at);
