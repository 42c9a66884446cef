-- 0010_audit_chain.sql: the tamper-evident audit chain (A11.2)
--
-- Workers insert audit rows as before, with seq and hash NULL, inside their
-- own transaction: a page view never waits for the chain. The sealer
-- (`mogamictl audit seal`, run by the scheduler every few seconds) locks the
-- one audit_chain row, gives each committed unsealed row, in id order, the
-- next dense seq and hash = SHA-256(previous hash || canonical bytes) (see
-- cgi/audit/chain.c), and moves the head. The order of the chain is the order
-- of sealing (seq), not the id: a row with a lower id whose transaction
-- commits later is sealed later. UNIQUE (seq) forbids a fork even if two
-- sealers ever ran without the lock (Galera: one of them gets 1213).
ALTER TABLE audit
  ADD COLUMN seq BIGINT UNSIGNED NULL,
  ADD COLUMN hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
  ADD UNIQUE KEY audit_seq (seq);

-- The chain head: exactly one row (id 1). seq 0 and 64 zeros before the
-- first entry.
CREATE TABLE IF NOT EXISTS audit_chain (
  id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  seq BIGINT UNSIGNED NOT NULL,
  hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  sealed_at DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT IGNORE INTO audit_chain (id, seq, hash, sealed_at)
  VALUES (1, 0, REPEAT('0', 64), UTC_TIMESTAMP(6));
