-- Migration 0026: each staff member's own language (issue 23). 'sl' or
-- 'en'; NULL follows the browser. The desk's pages speak the `lang` cookie
-- (the switch) when set, else this, else the browser's Accept-Language.
ALTER TABLE staff_members ADD COLUMN language TEXT CHECK (language IN ('sl', 'en'));
