-- 0011_emergency.sql: emergency access without consent (A14): grants with a
-- reason and a time limit, their review by the operator, the follow-up task
-- "obtain consent as soon as possible", and the in-app notifications.
CREATE TABLE IF NOT EXISTS emergency_access (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  patient_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  facility_id BIGINT UNSIGNED NOT NULL,            -- the viewer's facility
  reason_category VARCHAR(32) NOT NULL,
  reason_text VARCHAR(1000) NOT NULL,
  started_at DATETIME(6) NOT NULL,
  expires_at DATETIME(6) NOT NULL,
  review_status VARCHAR(16) NOT NULL DEFAULT 'pending',  -- pending, appropriate, improper
  reviewed_by BIGINT UNSIGNED NULL,
  reviewed_at DATETIME(6) NULL,
  review_note VARCHAR(1000) NULL,
  followup_status VARCHAR(16) NOT NULL DEFAULT 'open',   -- open, consented, cannot
  followup_due DATETIME(6) NOT NULL,
  followup_note VARCHAR(1000) NULL,
  followup_closed_at DATETIME(6) NULL,
  followup_closed_by BIGINT UNSIGNED NULL,
  version INT NOT NULL DEFAULT 1,
  KEY emergency_patient_user (patient_id, user_id, expires_at),
  KEY emergency_review (review_status, started_at),
  KEY emergency_followup (followup_status, followup_due),
  CONSTRAINT emergency_patient_fk FOREIGN KEY (patient_id) REFERENCES patient (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- An in-app queue: to the operator (facility_id 0) or to the managers of
-- one facility. Read once by anyone of the audience; never deleted.
CREATE TABLE IF NOT EXISTS notification (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  audience VARCHAR(32) NOT NULL,                   -- operator, facility_manager
  facility_id BIGINT UNSIGNED NOT NULL DEFAULT 0,  -- 0 for the operator
  kind VARCHAR(32) NOT NULL,                       -- emergency.grant, emergency.overdue ...
  object_type VARCHAR(32) NOT NULL,
  object_id BIGINT UNSIGNED NOT NULL,
  created_at DATETIME(6) NOT NULL,
  read_at DATETIME(6) NULL,
  read_by BIGINT UNSIGNED NULL,
  UNIQUE KEY notification_once (audience, facility_id, kind, object_type, object_id),
  KEY notification_open (audience, facility_id, read_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
