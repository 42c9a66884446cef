-- 0012_misuse.sql: misuse detection and the warning ladder (A4.2, A13.1(3)).

-- Each rule's settings, edited by the operator. threshold/window in the
-- rule's own terms (see cgi/rules/misuse.c); param1/param2 e.g. the night hours.
CREATE TABLE IF NOT EXISTS misuse_rule (
  code VARCHAR(32) NOT NULL PRIMARY KEY,
  enabled TINYINT NOT NULL DEFAULT 1,
  threshold INT NOT NULL,
  window_minutes INT NOT NULL,
  param1 INT NOT NULL DEFAULT 0,
  param2 INT NOT NULL DEFAULT 0,
  updated_at DATETIME(6) NULL,
  updated_by BIGINT UNSIGNED NULL,
  version INT NOT NULL DEFAULT 1
) ENGINE=InnoDB;

INSERT IGNORE INTO misuse_rule (code, threshold, window_minutes, param1, param2) VALUES
  ('many_patients', 30, 60, 0, 0),      -- more than 30 patients in 60 minutes
  ('odd_hours', 1, 1440, 22, 6),        -- any view 22:00-06:00 (Japan time)
  ('same_surname_address', 1, 1440, 0, 0),
  ('repeated_refusals', 3, 60, 0, 0),   -- 3 refused views in 60 minutes
  ('emergency_no_followup', 1, 0, 0, 0),
  ('print_volume', 20, 1440, 0, 0),     -- more than 20 prints a day
  ('emergency_improper', 1, 0, 0, 0);

-- The home address of each user, for the rule that notices a user looking at a
-- patient who shares their surname and address (family, neighbours).
ALTER TABLE users ADD COLUMN IF NOT EXISTS address VARCHAR(300) NULL;

-- One hit of one rule; dedup_key keeps a rescan from raising it twice.
CREATE TABLE IF NOT EXISTS misuse_alert (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  rule VARCHAR(32) NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  facility_id BIGINT UNSIGNED NOT NULL,
  dedup_key VARCHAR(120) NOT NULL,
  hits INT NOT NULL,
  detail VARCHAR(500) NULL,
  created_at DATETIME(6) NOT NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'open',   -- open, dismissed, guidance, warning
  decided_by BIGINT UNSIGNED NULL,
  decided_at DATETIME(6) NULL,
  decision_note VARCHAR(1000) NULL,
  version INT NOT NULL DEFAULT 1,
  UNIQUE KEY misuse_alert_once (dedup_key),
  KEY misuse_alert_status (status, created_at),
  KEY misuse_alert_user (user_id, status),
  KEY misuse_alert_facility (facility_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The report of the operator on improper use to the president (A4.2), which may
-- propose revoking the ID (A13.1(3)); the president acknowledges it.
CREATE TABLE IF NOT EXISTS misuse_report (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  propose_revocation TINYINT NOT NULL DEFAULT 0,
  summary VARCHAR(2000) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  created_by BIGINT UNSIGNED NOT NULL,
  acknowledged_at DATETIME(6) NULL,
  acknowledged_by BIGINT UNSIGNED NULL,
  ack_note VARCHAR(1000) NULL,
  idem CHAR(64) NOT NULL,
  version INT NOT NULL DEFAULT 1,
  UNIQUE KEY misuse_report_idem (idem),
  KEY misuse_report_open (acknowledged_at, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
