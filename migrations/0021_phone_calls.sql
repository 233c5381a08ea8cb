-- Migration 0021: phone calls the desk times by the server's clock (issue
-- 21). Start writes the row; Stop removes it and records its support
-- session, charged, in one batch. A call started and not stopped survives
-- a reload of the desk's page, and one runs at a time per incident.
CREATE TABLE phone_calls (
  incident_id TEXT PRIMARY KEY REFERENCES incidents (id),
  started_at  TEXT NOT NULL,
  agent       TEXT NOT NULL,  -- the agent's name, as the session shows it
  started_by  TEXT NOT NULL   -- their email (the verified staff identity)
) STRICT;
