-- Migration 0015: erasure. An erased contact keeps its row (orders,
-- incidents and messages refer to it) with a pseudonym instead of its name,
-- address and phone; `erased_at` marks it. The emailed confirmation link waits
-- here as a hash with its expiry. Erasure may leave an organisation without
-- an active contact: the person's right comes before the rule that keeps one.
ALTER TABLE contacts ADD COLUMN erased_at TEXT;
ALTER TABLE contacts ADD COLUMN erasure_token_hash TEXT;
ALTER TABLE contacts ADD COLUMN erasure_token_expires_at TEXT;
CREATE UNIQUE INDEX contacts_erasure_token ON contacts (erasure_token_hash);
DROP TRIGGER contacts_never_remove_the_last;
CREATE TRIGGER contacts_never_remove_the_last BEFORE UPDATE OF status ON contacts
WHEN NEW.status = 'removed' AND OLD.status <> 'removed' AND NEW.erased_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM contacts WHERE customer_id = OLD.customer_id AND id <> OLD.id AND status = 'active')
BEGIN
  SELECT RAISE(ABORT, 'constraint failed: an organisation keeps at least one active contact');
END;
