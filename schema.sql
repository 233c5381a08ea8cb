-- The whole current schema of the portal's D1 database.
-- migrations/ builds the same schema step by step; a test checks that both agree.
-- Conventions: STRICT tables; ids are TEXT with a type prefix (cus_, led_, msg_);
-- instants are RFC 3339 UTC text with milliseconds (they sort as text);
-- money is INTEGER cents; UNIQUE constraints carry the idempotency rules.

-- Organisations: the company that holds licenses and the coupon balance.
-- An organisation whose last contact joined another one (a claim resolved by
-- joining the license's holder) is `merged`: its records stay for history.
CREATE TABLE customers (
  id                TEXT PRIMARY KEY,
  status            TEXT NOT NULL CHECK (status IN ('pending_verification', 'active', 'merged')),
  registered_serial TEXT NOT NULL,             -- as typed at registration ('0' when unknown); not ownership
  company_name      TEXT NOT NULL,
  street            TEXT NOT NULL,
  postal_code       TEXT NOT NULL,
  city              TEXT NOT NULL,
  country           TEXT NOT NULL CHECK (length(country) = 2),
  vat_id            TEXT,
  merged_into       TEXT REFERENCES customers (id),
  created_at        TEXT NOT NULL,
  verified_at       TEXT
) STRICT;

-- The people of an organisation. Sign-in links and access tokens are issued
-- to a contact; a removed contact keeps its row (orders and messages name it)
-- and frees its address. ('invited' is no longer written: an invitation is
-- an `invitations` row until it is accepted, migration 0018.)
CREATE TABLE contacts (
  id                    TEXT PRIMARY KEY,
  customer_id           TEXT NOT NULL REFERENCES customers (id),
  status                TEXT NOT NULL CHECK (status IN ('pending_verification', 'invited', 'active', 'removed')),
  name                  TEXT NOT NULL,
  email                 TEXT NOT NULL,           -- lower-cased
  phone                 TEXT NOT NULL,           -- E.164
  newsletter            INTEGER NOT NULL CHECK (newsletter IN (0, 1)),
  newsletter_consent_at TEXT,
  terms_version         TEXT,
  terms_accepted_at     TEXT,
  invited_by            TEXT REFERENCES contacts (id),
  created_at            TEXT NOT NULL,
  verified_at           TEXT,
  removed_at            TEXT,
  removed_by            TEXT,                    -- con_… or staff
  pending_email         TEXT,                    -- a new address, until its link is confirmed
  email_token_hash      TEXT,                    -- hex SHA-256 of that link's token
  email_token_expires_at TEXT, erased_at TEXT, erasure_token_hash TEXT, erasure_token_expires_at TEXT,
  language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('sl', 'en')), -- 'sl' or 'en', migration 0024 (every insert names it)
  CHECK ((newsletter = 1) = (newsletter_consent_at IS NOT NULL)),
  CHECK ((status = 'removed') = (removed_at IS NOT NULL))
) STRICT;
-- One mailbox, one person: among contacts not removed, an address is unique.
CREATE UNIQUE INDEX contacts_email ON contacts (email) WHERE status <> 'removed';
CREATE INDEX contacts_by_customer ON contacts (customer_id, status);
CREATE UNIQUE INDEX contacts_email_token ON contacts (email_token_hash);
-- Erasure (migration 0015): the pseudonymised contact is marked `erased_at`;
-- its emailed confirmation link waits as a hash until it expires.
CREATE UNIQUE INDEX contacts_erasure_token ON contacts (erasure_token_hash);
-- Never the last one: an organisation keeps at least one active contact, so
-- of two contacts removing each other at once the second removal fails.
-- Erasure is the exception: the person's right comes first.
CREATE TRIGGER contacts_never_remove_the_last BEFORE UPDATE OF status ON contacts
WHEN NEW.status = 'removed' AND OLD.status <> 'removed' AND NEW.erased_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM contacts WHERE customer_id = OLD.customer_id AND id <> OLD.id AND status = 'active')
BEGIN
  SELECT RAISE(ABORT, 'constraint failed: an organisation keeps at least one active contact');
END;

-- Invitations (migration 0018): an active contact's offer to a colleague to
-- join the organisation, by an emailed link kept here as a SHA-256. An
-- offer, not a contact: it reserves nothing, so the address's owner may
-- still register, or accept another organisation's invitation. Accepting
-- writes the contact (contacts_email decides, in that batch, whether the
-- address became someone's contact meanwhile) and notes it here. A newer
-- invitation of the same address by the same organisation replaces an
-- open one; a colleague may withdraw it. The sweep deletes it a day after
-- it expires (7 days after it was sent).
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
-- One open invitation per organisation and address: a newer one replaces it
-- in the batch that writes it.
CREATE UNIQUE INDEX invitations_one_open ON invitations (customer_id, email)
  WHERE accepted_at IS NULL AND replaced_at IS NULL AND withdrawn_at IS NULL;

-- Registrations of a serial that did not make the organisation its holder:
-- "0", a serial the catalogue does not know, a held license, a company that
-- is not the licensee. Staff assign the license, join the claimant to the
-- holder (once a contact of the holder confirms), or refuse with a reason.
CREATE TABLE license_claims (
  id              TEXT PRIMARY KEY,
  customer_id     TEXT NOT NULL REFERENCES customers (id),
  contact_id      TEXT NOT NULL REFERENCES contacts (id),
  serial          TEXT NOT NULL,                 -- as typed: '0' or a serial
  status          TEXT NOT NULL CHECK (status IN ('open', 'assigned', 'join_requested', 'joined', 'refused')),
  resolved_serial TEXT,
  reason          TEXT,
  created_at      TEXT NOT NULL,
  resolved_at     TEXT,
  CHECK ((status = 'refused') = (reason IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX license_claims_one_per_registration ON license_claims (contact_id, serial);
CREATE INDEX license_claims_by_status ON license_claims (status, created_at);

-- Links and access tokens, issued to a contact. A join confirmation lets a
-- holder's contact accept a claimant. ('invitation' links live in
-- `invitations` since migration 0018.)
CREATE TABLE auth_tokens (
  token_hash  TEXT PRIMARY KEY,                  -- hex SHA-256 of the token
  purpose     TEXT NOT NULL CHECK (purpose IN ('verify_email', 'sign_in', 'access', 'invitation', 'confirm_join')),
  contact_id  TEXT NOT NULL REFERENCES contacts (id),
  claim_id    TEXT REFERENCES license_claims (id),
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  used_at     TEXT
) STRICT;
CREATE INDEX auth_tokens_by_expiry ON auth_tokens (expires_at);

-- The coupon ledger: append-only; the balance is the sum of a customer's entries.
CREATE TABLE ledger_entries (
  id              TEXT PRIMARY KEY,
  customer_id     TEXT NOT NULL REFERENCES customers (id),
  kind            TEXT NOT NULL CHECK (kind IN ('free_grant', 'purchase', 'consumption', 'reversal', 'adjustment')),
  coupons         INTEGER NOT NULL CHECK (coupons <> 0),
  idempotency_key TEXT NOT NULL UNIQUE,          -- one cause, one entry
  created_at      TEXT NOT NULL, order_id TEXT, reason TEXT, staff_member TEXT, incident_id TEXT
) STRICT;
CREATE INDEX ledger_entries_by_customer ON ledger_entries (customer_id, created_at);
-- The free first coupon: at most once per customer (and, by its key, once per serial).
CREATE UNIQUE INDEX ledger_entries_one_free_grant_per_customer
  ON ledger_entries (customer_id) WHERE kind = 'free_grant';
CREATE TRIGGER ledger_entries_are_never_updated BEFORE UPDATE ON ledger_entries
BEGIN
  SELECT RAISE(ABORT, 'constraint failed: ledger entries are append-only');
END;
CREATE TRIGGER ledger_entries_are_never_deleted BEFORE DELETE ON ledger_entries
BEGIN
  SELECT RAISE(ABORT, 'constraint failed: ledger entries are append-only');
END;

-- Outgoing email, written in the same batch as the change that causes it and
-- delivered by the queue consumer, at most once per id: a consumer claims a
-- message (status 'sending' until `claimed_until`) before sending it.
-- Pending ones are retried at `next_attempt_at` for 3 days after
-- `created_at` (domain::notification::RetrySchedule). 'unknown': a send was
-- interrupted through a service that cannot drop a repeat, for staff to check.
-- Once settled (sent, not_sent, failed, unknown) the secret of a link in
-- body_text is redacted (`?token=[redacted]`).
-- Each email knows its recipient (migration 0017): the contact it was
-- addressed to and that contact's organisation when it was written, or
-- neither for the vendor's own addresses (the desk) and for addresses that
-- are no contact (an invitee). An organisation's export holds the emails
-- written for its contacts; an erasure changes the emails addressed to the
-- erased contact, never by matching addresses or text. `kind` says what the
-- email is ('legacy': written before 0017, of a kind that could not be told).
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
  handled_at          TEXT,           -- staff settled it (failed or unknown): resent or closed
  handled_by          TEXT,
  resent_as           TEXT,           -- the new message a resend wrote
  CHECK (status <> 'sending' OR claimed_until IS NOT NULL),
  CHECK ((contact_id IS NULL) = (customer_id IS NULL)),
  CHECK (kind <> 'desk' OR contact_id IS NULL)
) STRICT;
CREATE INDEX outbox_by_recipient ON outbox (to_address, created_at);
CREATE INDEX outbox_by_status ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_contact ON outbox (contact_id, created_at);
CREATE INDEX outbox_by_customer ON outbox (customer_id, created_at);

-- News bulletins, published by staff (listed at /news).
CREATE TABLE bulletins (
  id           TEXT PRIMARY KEY,
  subject      TEXT NOT NULL,
  body         TEXT NOT NULL,
  published_by TEXT NOT NULL,            -- the staff member's email
  published_at TEXT NOT NULL,
  subject_sl   TEXT NOT NULL DEFAULT '', -- the Slovenian version (subject, body: the English), migration 0025
  body_sl      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX bulletins_by_time ON bulletins (published_at);

-- Who a bulletin goes to: the subscribed active contacts when it was
-- published, written once. Queue jobs take the pending ones in batches: a
-- job claims its recipients (`run_id`), and writes their outbox rows in the
-- same batch, so a crash midway neither loses nor repeats a recipient.
-- 'skipped': unsubscribed before their turn came.
CREATE TABLE bulletin_recipients (
  bulletin_id TEXT NOT NULL REFERENCES bulletins (id),
  contact_id  TEXT NOT NULL REFERENCES contacts (id),
  status      TEXT NOT NULL CHECK (status IN ('pending', 'queued', 'skipped')),
  run_id      TEXT,                      -- the job run that claimed it
  outbox_id   TEXT,
  PRIMARY KEY (bulletin_id, contact_id),
  CHECK ((status = 'queued') = (outbox_id IS NOT NULL))
) STRICT;
CREATE INDEX bulletin_recipients_by_status ON bulletin_recipients (bulletin_id, status);

-- One-click unsubscribe links, by the SHA-256 of their secret: each bulletin
-- email gets its own; a link only ever unsubscribes its contact.
CREATE TABLE unsubscribe_tokens (
  token_hash TEXT PRIMARY KEY,
  contact_id TEXT NOT NULL REFERENCES contacts (id),
  created_at TEXT NOT NULL
) STRICT;

-- A customer's coupon balance, kept by the trigger below in the same
-- transaction as each entry. Only support time delivered may take it below
-- zero (the customer is then asked to settle); any other entry that would
-- overdraw it fails its whole batch.
CREATE TABLE coupon_accounts (
  customer_id TEXT PRIMARY KEY REFERENCES customers (id),
  balance     INTEGER NOT NULL
) STRICT;
CREATE TRIGGER ledger_entries_never_overdraw BEFORE INSERT ON ledger_entries
WHEN NEW.coupons < 0 AND NEW.kind <> 'consumption'
  AND NOT EXISTS (SELECT 1 FROM ledger_entries WHERE idempotency_key = NEW.idempotency_key)
  AND COALESCE((SELECT balance FROM coupon_accounts WHERE customer_id = NEW.customer_id), 0) + NEW.coupons < 0
BEGIN
  SELECT RAISE(ABORT, 'constraint failed: balance >= 0, only support time may overdraw the balance');
END;
CREATE TRIGGER ledger_entries_move_the_balance AFTER INSERT ON ledger_entries
BEGIN
  INSERT INTO coupon_accounts (customer_id, balance) VALUES (NEW.customer_id, 0)
  ON CONFLICT (customer_id) DO NOTHING;
  UPDATE coupon_accounts SET balance = balance + NEW.coupons WHERE customer_id = NEW.customer_id;
END;

-- Orders of coupons, paid by card (Stripe Checkout) or bank transfer.
CREATE TABLE coupon_orders (
  id                  TEXT PRIMARY KEY,
  customer_id         TEXT NOT NULL REFERENCES customers (id),
  quantity            INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 200),
  unit_price_cents    INTEGER NOT NULL CHECK (unit_price_cents > 0),   -- net
  total_cents         INTEGER NOT NULL CHECK (total_cents = quantity * unit_price_cents), -- net
  currency            TEXT NOT NULL CHECK (currency = 'EUR'),
  payment_method      TEXT NOT NULL CHECK (payment_method IN ('card', 'bank_transfer')),
  status              TEXT NOT NULL CHECK (status IN ('awaiting_payment', 'partially_paid', 'paid', 'failed', 'cancelled', 'expired', 'review')),
  received_cents      INTEGER NOT NULL DEFAULT 0 CHECK (received_cents >= 0),
  rf_reference        TEXT UNIQUE,
  checkout_session_id TEXT UNIQUE,
  checkout_url        TEXT,
  payment_intent_id   TEXT UNIQUE,
  review_reason       TEXT,
  created_at          TEXT NOT NULL,
  expires_at          TEXT NOT NULL,
  paid_at             TEXT,
  closed_at           TEXT,
  contact_id          TEXT REFERENCES contacts (id), -- who ordered
  vat_category        TEXT NOT NULL CHECK (vat_category IN ('standard', 'reverse_charge', 'not_subject')),
  vat_rate_bp         INTEGER NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000), -- 22 % is 2200
  vat_cents           INTEGER NOT NULL CHECK (vat_cents >= 0),
  total_due_cents     INTEGER NOT NULL CHECK (total_due_cents = total_cents + vat_cents), -- gross: what the payment must bring
  buyer_country       TEXT NOT NULL CHECK (length(buyer_country) = 2),
  buyer_vat_id        TEXT,                    -- the VAT number the customer had when ordering
  -- Why a sale that could have been zero-rated was not (migration 0019).
  vat_note            TEXT CHECK (vat_note IN ('domestic_vat_number', 'vat_number_of_another_country', 'no_vat_number', 'vat_number_being_checked', 'vat_number_not_confirmed', 'vies_name_differs')),
  number              TEXT,                    -- ORD-2026-00017 (migration 0022)
  CHECK (vat_category <> 'reverse_charge' OR (vat_rate_bp = 0 AND buyer_vat_id IS NOT NULL)),
  CHECK (vat_category <> 'not_subject' OR vat_rate_bp = 0)
) STRICT;
CREATE UNIQUE INDEX coupon_orders_by_number ON coupon_orders (number);
CREATE INDEX coupon_orders_by_customer ON coupon_orders (customer_id, created_at);

-- Money received or returned, one row per payment event or bank entry.
CREATE TABLE payments (
  id           TEXT PRIMARY KEY,
  order_id     TEXT NOT NULL REFERENCES coupon_orders (id),
  source       TEXT NOT NULL CHECK (source IN ('stripe', 'bank')),
  source_key   TEXT NOT NULL UNIQUE,             -- the event id or bank entry key
  amount_cents INTEGER NOT NULL,                 -- negative for refunds
  created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX payments_by_order ON payments (order_id);

-- Every webhook event processed, by the provider's event id.
CREATE TABLE webhook_events (
  id          TEXT PRIMARY KEY,
  type        TEXT NOT NULL,
  outcome     TEXT NOT NULL,
  received_at TEXT NOT NULL
) STRICT;

-- Imported bank statements and each of their entries, keyed so that an entry
-- imported twice is recognised.
CREATE TABLE bank_statements (
  id          TEXT PRIMARY KEY,
  format      TEXT NOT NULL,
  entries     INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  report      TEXT NOT NULL
) STRICT;
CREATE TABLE bank_entries (
  id           TEXT PRIMARY KEY,
  entry_key    TEXT NOT NULL UNIQUE,
  statement_id TEXT NOT NULL REFERENCES bank_statements (id),
  booking_date TEXT,
  amount_cents INTEGER NOT NULL,
  currency     TEXT NOT NULL,
  reference    TEXT,
  remitter     TEXT,
  outcome      TEXT NOT NULL CHECK (outcome IN ('matched', 'partial', 'overpaid', 'unmatched', 'ignored')),
  order_id     TEXT REFERENCES coupon_orders (id),
  created_at   TEXT NOT NULL,
  matched_at   TEXT
) STRICT;
CREATE INDEX bank_entries_unmatched ON bank_entries (outcome, created_at);

-- What staff must settle by hand: an overpayment to refund, refunded coupons
-- that were already used, a payment that did not fit its order.
CREATE TABLE staff_tasks (
  id           TEXT PRIMARY KEY,
  task_key     TEXT NOT NULL UNIQUE,
  kind         TEXT NOT NULL CHECK (kind IN ('refund_excess', 'coupon_debt', 'payment_review')),
  order_id     TEXT REFERENCES coupon_orders (id),
  customer_id  TEXT REFERENCES customers (id),
  amount_cents INTEGER,
  coupons      INTEGER,
  detail       TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  resolved_at  TEXT, resolved_by TEXT, resolution TEXT -- who resolved it (email), and the note
) STRICT;

-- SUPS coverage sold by partners (the licensing work fills it); an active
-- subscription prices coupons at 40 % off.
CREATE TABLE sups_subscriptions (
  id          TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL REFERENCES customers (id),
  serial      TEXT NOT NULL,
  starts_at   TEXT NOT NULL,
  ends_at     TEXT,
  created_at  TEXT NOT NULL, partner_id TEXT, monthly_fee_cents INTEGER, reminded_at TEXT
) STRICT;
CREATE INDEX sups_subscriptions_by_customer ON sups_subscriptions (customer_id, starts_at);

-- Direct-support incidents, their callback attempts and timers, support
-- sessions, and the conversation.
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
  closed_at          TEXT, contact_id TEXT REFERENCES contacts (id), -- who asked
  number TEXT,   -- INC-2026-00042 (migration 0022)
  assignee TEXT  -- the agent who took it, their email (migration 0022)
) STRICT;
CREATE INDEX incidents_by_customer ON incidents (customer_id, created_at);
CREATE UNIQUE INDEX incidents_by_number ON incidents (number);
CREATE INDEX incidents_by_assignee ON incidents (assignee, status);
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
  created_at  TEXT NOT NULL, recorded_by TEXT,
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
  deleted_at  TEXT, recorded_by TEXT,
  CHECK (ended_at > started_at)
) STRICT;
CREATE INDEX support_sessions_by_incident ON support_sessions (incident_id, started_at);

-- A phone call the desk started and has not stopped (migration 0021): Stop
-- turns it into a support session by the server's clock.
CREATE TABLE phone_calls (
  incident_id TEXT PRIMARY KEY REFERENCES incidents (id),
  started_at  TEXT NOT NULL,
  agent       TEXT NOT NULL,  -- the agent's name, as the session shows it
  started_by  TEXT NOT NULL   -- their email (the verified staff identity)
) STRICT;

-- Files attached to incidents (migration 0023): the bytes in R2 under
-- object_key, written before the row.
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

CREATE TABLE incident_messages (
  id          TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL REFERENCES incidents (id),
  author      TEXT NOT NULL CHECK (author IN ('customer', 'staff')),
  author_name TEXT NOT NULL,
  body        TEXT NOT NULL,
  created_at  TEXT NOT NULL, contact_id TEXT REFERENCES contacts (id), -- who wrote, for a customer's message
  recorded_by TEXT  -- from the verified identity: a staff member's or the contact's email
) STRICT;
CREATE INDEX incident_messages_by_incident ON incident_messages (incident_id, created_at);

-- Authorised partners: resellers (sell SUPS) and technicians (activate).
CREATE TABLE partners (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('reseller', 'technician', 'both')),
  country    TEXT NOT NULL CHECK (length(country) = 2),
  email      TEXT NOT NULL,
  key_hash   TEXT NOT NULL UNIQUE,              -- hex SHA-256 of the API key
  created_at TEXT NOT NULL,
  revoked_at TEXT
) STRICT;

CREATE TABLE licenses (
  serial           TEXT PRIMARY KEY,
  product          TEXT NOT NULL,
  edition          TEXT NOT NULL,
  major_version    INTEGER NOT NULL CHECK (major_version > 0),
  list_price_cents INTEGER NOT NULL CHECK (list_price_cents > 0),
  installations    INTEGER NOT NULL CHECK (installations >= 1),
  partner_id       TEXT REFERENCES partners (id),
  revoked_at       TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  -- The holding organisation and, from the catalogue, the licensee (migration 0006).
  holder_id TEXT REFERENCES customers (id), licensee_name TEXT, licensee_country TEXT, licensee_vat_id TEXT
) STRICT;
CREATE INDEX licenses_by_holder ON licenses (holder_id);

-- Activated installations; a deactivated one keeps its row, and frees its seat.
CREATE TABLE activations (
  id              TEXT PRIMARY KEY,
  serial          TEXT NOT NULL REFERENCES licenses (serial),
  installation_id TEXT NOT NULL,
  major_version   INTEGER NOT NULL,
  activation_code TEXT NOT NULL,
  customer_id     TEXT REFERENCES customers (id),
  partner_id      TEXT REFERENCES partners (id),
  technician      TEXT,
  path            TEXT NOT NULL CHECK (path IN ('self', 'technician')),
  created_at      TEXT NOT NULL,
  deactivated_at  TEXT
) STRICT;
CREATE UNIQUE INDEX activations_one_active_per_installation
  ON activations (serial, installation_id, major_version) WHERE deactivated_at IS NULL;

-- Who activated or deactivated what, when, and by which path.
CREATE TABLE activation_audit (
  id            TEXT PRIMARY KEY,
  activation_id TEXT NOT NULL REFERENCES activations (id),
  serial        TEXT NOT NULL,
  action        TEXT NOT NULL CHECK (action IN ('activate', 'deactivate')),
  actor         TEXT NOT NULL,                  -- cus_…, ptn_… or staff
  path          TEXT NOT NULL,
  created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX activation_audit_by_serial ON activation_audit (serial, action, created_at);

-- Released versions, for upgrade entitlement under SUPS.
CREATE TABLE releases (
  product       TEXT NOT NULL,
  version       TEXT NOT NULL,
  major_version INTEGER NOT NULL,
  released_on   TEXT NOT NULL,                  -- YYYY-MM-DD
  PRIMARY KEY (product, version)
) STRICT;

-- Requests per bucket (a license's validations, a client address's posts to
-- a public endpoint) per minute, for rate limits.
CREATE TABLE rate_counters (
  bucket       TEXT NOT NULL,
  window_start TEXT NOT NULL,
  requests     INTEGER NOT NULL,
  PRIMARY KEY (bucket, window_start)
) STRICT;

-- Emailed links asked for, per address and kind, for the hourly quota
-- (domain::notification::link_quota; migration 0017). Every request the
-- quota lets through is a row, whether or not the address is a contact's, so
-- that the answer tells nothing of who is registered; `number` is its place
-- among the address's requests of that kind in the hour, counted in the
-- INSERT, and the CHECK refuses one beyond `quota`, failing its whole batch
-- (the link's token and email with it) when requests race. Kept an hour.
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

CREATE INDEX sups_subscriptions_by_partner ON sups_subscriptions (partner_id, serial);


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

-- Guards against races and replays that would move money twice (issue 10,
-- migration 0005).

-- Replayed requests: an Idempotency-Key per caller (scope: "staff",
-- "partner:{id}"), the SHA-256 of the request it came with, and the first
-- answer, written in the same batch as the request's effect. The primary key
-- makes the second of two concurrent requests with one key fail whole.
CREATE TABLE idempotency_keys (
  scope           TEXT NOT NULL,
  key             TEXT NOT NULL,
  request_hash    TEXT NOT NULL,
  response_status INTEGER NOT NULL,
  response_body   TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  PRIMARY KEY (scope, key)
) STRICT;

-- A bank entry pays one order, once: once matched (or found partial,
-- overpaid, ignored) it is never matched again, so of two staff matching one
-- entry at the same moment the second batch fails whole.
CREATE TRIGGER bank_entries_pay_one_order_once BEFORE UPDATE OF outcome, order_id ON bank_entries
WHEN OLD.outcome <> 'unmatched'
BEGIN
  SELECT RAISE(ABORT, 'constraint failed: a bank entry pays one order, once');
END;

-- A refund takes back only what its own order credited: the reversals of an
-- order never exceed its purchases, whatever the customer's other coupons.
CREATE INDEX ledger_entries_by_order ON ledger_entries (order_id, kind);
CREATE TRIGGER ledger_reversals_never_exceed_their_order BEFORE INSERT ON ledger_entries
WHEN NEW.kind = 'reversal'
  AND NOT EXISTS (SELECT 1 FROM ledger_entries WHERE idempotency_key = NEW.idempotency_key)
  AND COALESCE((SELECT SUM(coupons) FROM ledger_entries
                WHERE order_id = NEW.order_id AND kind IN ('purchase', 'reversal')), 0) + NEW.coupons < 0
BEGIN
  SELECT RAISE(ABORT, 'constraint failed: a reversal takes back only what its order credited');
END;

-- Every SUPS sale, append-only. A sale extends the coverage the reseller
-- read (previous_until, '' for none): of two concurrent sales from the same
-- coverage the second fails whole instead of overwriting the first, and only
-- the partner holding the license may sell (the trigger).
CREATE TABLE sups_sales (
  id                TEXT PRIMARY KEY,
  subscription_id   TEXT NOT NULL REFERENCES sups_subscriptions (id),
  serial            TEXT NOT NULL REFERENCES licenses (serial),
  partner_id        TEXT NOT NULL REFERENCES partners (id),
  months            INTEGER NOT NULL CHECK (months >= 1),
  starts_on         TEXT NOT NULL,
  previous_until    TEXT NOT NULL,
  covered_from      TEXT NOT NULL,
  covered_until     TEXT NOT NULL,
  monthly_fee_cents INTEGER NOT NULL,
  created_at        TEXT NOT NULL,
  UNIQUE (serial, partner_id, previous_until)
) STRICT;
CREATE TRIGGER sups_sales_only_by_the_license_holder BEFORE INSERT ON sups_sales
WHEN NOT EXISTS (SELECT 1 FROM licenses WHERE serial = NEW.serial AND partner_id = NEW.partner_id)
BEGIN
  SELECT RAISE(ABORT, 'constraint failed: a reseller sells SUPS only for licenses it holds');
END;

-- A task is resolved once: resolving it again fails its whole batch.
CREATE TRIGGER staff_tasks_resolved_once BEFORE UPDATE OF resolved_at ON staff_tasks
WHEN OLD.resolved_at IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'constraint failed: a task is resolved once');
END;

-- How staff settled an order that went to review: credited (paid, its
-- coupons credited), refunded (the money goes back; the order is cancelled)
-- or cancelled. One settlement per order, and only of an order in review.
CREATE TABLE order_settlements (
  id         TEXT PRIMARY KEY,
  order_id   TEXT NOT NULL UNIQUE REFERENCES coupon_orders (id),
  kind       TEXT NOT NULL CHECK (kind IN ('credit', 'refund', 'cancel')),
  note       TEXT NOT NULL,
  settled_by TEXT NOT NULL,                    -- the staff identity's email
  settled_at TEXT NOT NULL
) STRICT;
CREATE TRIGGER order_settlements_only_in_review BEFORE INSERT ON order_settlements
WHEN (SELECT status FROM coupon_orders WHERE id = NEW.order_id) IS NOT 'review'
BEGIN
  SELECT RAISE(ABORT, 'constraint failed: only an order in review is settled');
END;

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

-- VAT rates by country and the day they start: a change of rate is a row.
CREATE TABLE vat_rates (
  country   TEXT NOT NULL CHECK (length(country) = 2),
  starts_on TEXT NOT NULL,                     -- YYYY-MM-DD
  rate_bp   INTEGER NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
  PRIMARY KEY (country, starts_on)
) STRICT;

-- The answers of the EU's VIES service about a customer's VAT number, one
-- row per answer. The customer's number counts as confirmed when the latest
-- definite answer (confirmed or invalid) for its current number is
-- `confirmed`; `unavailable` (the member state's service was down) says
-- nothing and is retried.
CREATE TABLE vat_checks (
  id                 TEXT PRIMARY KEY,
  customer_id        TEXT NOT NULL REFERENCES customers (id),
  vat_id             TEXT NOT NULL,            -- with its country prefix, as the customer holds it
  status             TEXT NOT NULL CHECK (status IN ('confirmed', 'invalid', 'unavailable')),
  name               TEXT,                     -- as VIES gave them, when it gave them
  address            TEXT,
  request_date       TEXT,
  request_identifier TEXT,
  checked_at         TEXT NOT NULL
) STRICT;
CREATE INDEX vat_checks_by_customer ON vat_checks (customer_id, vat_id, checked_at);
INSERT INTO vat_rates (country, starts_on, rate_bp) VALUES ('SI', '2002-01-01', 2000), ('SI', '2013-07-01', 2200);

-- Invoices (migration 0014)
-- An invoice is written in the same batch that marks its order paid, so a
-- payment and its invoice commit or roll back together; a refund's credit
-- note in the refund's batch. The number is taken inside the INSERT
-- (MAX(seq) + 1 in the year): SQLite serialises writes, so two payments at
-- once never share or skip a number, and UNIQUE (year, seq) would refuse it
-- if they did. One invoice per order: a replayed payment issues nothing.
-- A refund's credit note credits the coupons it takes back beyond those
-- credited before (migration 0016): one note per extent `credited_through`.
-- The seller's and buyer's data and the amounts are frozen as issued:
-- issued invoices never change, and no statement updates them (a trigger
-- refuses any UPDATE).
CREATE TABLE invoices (
  id                 TEXT PRIMARY KEY,
  kind               TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
  year               INTEGER NOT NULL,
  seq                INTEGER NOT NULL CHECK (seq > 0),
  number             TEXT NOT NULL UNIQUE,          -- 2026-00001
  order_id           TEXT NOT NULL REFERENCES coupon_orders (id),
  credits_invoice_id TEXT REFERENCES invoices (id),  -- a credit note's invoice
  credited_through   INTEGER,                       -- a credit note's coupons credited so far, its own included
  customer_id        TEXT NOT NULL REFERENCES customers (id),
  issued_on          TEXT NOT NULL,                 -- YYYY-MM-DD, Ljubljana's date
  seller_name        TEXT NOT NULL,
  seller_street      TEXT NOT NULL,
  seller_postal_code TEXT NOT NULL,
  seller_city        TEXT NOT NULL,
  seller_country     TEXT NOT NULL CHECK (length(seller_country) = 2),
  seller_vat_id      TEXT NOT NULL,
  seller_iban        TEXT NOT NULL,
  seller_bic         TEXT NOT NULL,
  buyer_name         TEXT NOT NULL,
  buyer_street       TEXT NOT NULL,
  buyer_postal_code  TEXT NOT NULL,
  buyer_city         TEXT NOT NULL,
  buyer_country      TEXT NOT NULL CHECK (length(buyer_country) = 2),
  buyer_vat_id       TEXT,
  currency           TEXT NOT NULL CHECK (currency = 'EUR'),
  quantity           INTEGER NOT NULL CHECK (quantity > 0),
  unit_price_cents   INTEGER NOT NULL CHECK (unit_price_cents > 0),
  net_cents          INTEGER NOT NULL CHECK (net_cents = quantity * unit_price_cents),
  vat_cents          INTEGER NOT NULL CHECK (vat_cents >= 0),
  total_cents        INTEGER NOT NULL CHECK (total_cents = net_cents + vat_cents),
  vat_category       TEXT NOT NULL CHECK (vat_category IN ('standard', 'reverse_charge', 'not_subject')),
  vat_rate_bp        INTEGER NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
  payment_means      TEXT NOT NULL CHECK (payment_means IN ('card', 'bank_transfer')),
  rf_reference       TEXT,
  created_at         TEXT NOT NULL,
  UNIQUE (year, seq),
  CHECK ((kind = 'credit_note') = (credits_invoice_id IS NOT NULL)),
  CHECK ((kind = 'credit_note') = (credited_through IS NOT NULL)),
  CHECK (credited_through >= quantity)
) STRICT;
CREATE UNIQUE INDEX invoices_one_per_order ON invoices (order_id) WHERE kind = 'invoice';
CREATE UNIQUE INDEX credit_notes_once_per_extent ON invoices (order_id, credited_through) WHERE kind = 'credit_note';
CREATE INDEX invoices_by_customer ON invoices (customer_id, issued_on);
CREATE INDEX invoices_by_date ON invoices (issued_on);
CREATE TRIGGER invoices_never_change BEFORE UPDATE ON invoices
BEGIN
  SELECT RAISE(ABORT, 'constraint failed: issued invoices never change');
END;

-- The cron sweep's runs, for the desk's health page (kept 7 days).
CREATE TABLE cron_runs (
  id          TEXT PRIMARY KEY,
  started_at  TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  jobs        INTEGER NOT NULL CHECK (jobs >= 0),  -- queue jobs it sent again
  error       TEXT                                 -- why it stopped, if it did
) STRICT;
CREATE INDEX cron_runs_by_start ON cron_runs (started_at);
