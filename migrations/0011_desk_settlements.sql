-- Migration 0011: staff tasks are resolved with a note by a named staff
-- member, and orders in review are settled (credited, refunded or cancelled)
-- once, recorded in their own table.

-- Who resolved a task (the staff identity's email) and why.
ALTER TABLE staff_tasks ADD COLUMN resolved_by TEXT;
ALTER TABLE staff_tasks ADD COLUMN resolution TEXT;

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
