-- Migration 0025: bulletins in two languages (issue 23). `subject` and
-- `body` are the English version; `subject_sl` and `body_sl` the Slovenian.
-- Each subscriber is sent, and /news shows, the version in their language.
-- A bulletin published before was written once and sent as it was: its
-- text becomes both versions, so every reader keeps reading what was sent.
-- The DEFAULT only lets SQLite add a NOT NULL column; every insert names both.
ALTER TABLE bulletins ADD COLUMN subject_sl TEXT NOT NULL DEFAULT '';
ALTER TABLE bulletins ADD COLUMN body_sl TEXT NOT NULL DEFAULT '';
UPDATE bulletins SET subject_sl = subject, body_sl = body;
