-- Migration 0024: each contact's language (issue 22; the groundwork of
-- issue 23's Slovenian beside English). 'sl' or 'en'. Existing contacts get
-- 'sl' when their organisation is in Slovenia, else 'en'. The DEFAULT only
-- lets SQLite add a NOT NULL column; every insert names the language.
ALTER TABLE contacts ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('sl', 'en'));
UPDATE contacts SET language = 'sl'
WHERE customer_id IN (SELECT id FROM customers WHERE country = 'SI');
