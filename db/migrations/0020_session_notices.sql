-- 0020_session_notices.sql: a session remembers that it has no notice left
-- to acknowledge (A16), so requests stop counting them (docs/benchmarks.md).
-- The notices a session must acknowledge are those published before its
-- login: a set that only shrinks, so once empty it stays empty.
ALTER TABLE session ADD COLUMN IF NOT EXISTS notices_clear TINYINT NOT NULL DEFAULT 0;
