-- Migration 0022: human numbers and assignees (issue 22). Incidents are
-- INC-2026-00042 and orders ORD-2026-00017: per year of created_at (UTC),
-- allocated by the INSERT itself (the year's highest + 1) in the write
-- batch, unique. Existing rows are numbered in the order they were created.
-- An incident's assignee is the agent who took it (their email).
ALTER TABLE incidents ADD COLUMN number TEXT;
ALTER TABLE incidents ADD COLUMN assignee TEXT;
ALTER TABLE coupon_orders ADD COLUMN number TEXT;

UPDATE incidents SET number = 'INC-' || substr(created_at, 1, 4) || '-' || printf('%05d', (
  SELECT COUNT(*) FROM incidents AS earlier
  WHERE substr(earlier.created_at, 1, 4) = substr(incidents.created_at, 1, 4)
    AND (earlier.created_at < incidents.created_at
         OR (earlier.created_at = incidents.created_at AND earlier.id <= incidents.id))));
UPDATE coupon_orders SET number = 'ORD-' || substr(created_at, 1, 4) || '-' || printf('%05d', (
  SELECT COUNT(*) FROM coupon_orders AS earlier
  WHERE substr(earlier.created_at, 1, 4) = substr(coupon_orders.created_at, 1, 4)
    AND (earlier.created_at < coupon_orders.created_at
         OR (earlier.created_at = coupon_orders.created_at AND earlier.id <= coupon_orders.id))));

CREATE UNIQUE INDEX incidents_by_number ON incidents (number);
CREATE UNIQUE INDEX coupon_orders_by_number ON coupon_orders (number);
CREATE INDEX incidents_by_assignee ON incidents (assignee, status);
