-- 0004_user_ends.sql: a withdrawal (form 3) takes effect on its date (A10.5)
ALTER TABLE users ADD COLUMN IF NOT EXISTS ends_on DATE NULL;
