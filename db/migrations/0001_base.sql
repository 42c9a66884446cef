-- 0001_base.sql: the audit log (every feature writes to it)
CREATE TABLE IF NOT EXISTS audit (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  ts DATETIME(6) NOT NULL,
  user_id BIGINT UNSIGNED NULL,
  login VARCHAR(64) NULL,
  facility_id BIGINT UNSIGNED NULL,
  role VARCHAR(32) NULL,
  action VARCHAR(64) NOT NULL,
  object_type VARCHAR(32) NULL,
  object_id VARCHAR(64) NULL,
  patient_id BIGINT UNSIGNED NULL,
  purpose VARCHAR(32) NULL,
  outcome VARCHAR(16) NOT NULL,
  client_addr VARCHAR(64) NULL,
  cert_serial VARCHAR(64) NULL,
  detail VARCHAR(1000) NULL,
  KEY audit_ts (ts),
  KEY audit_user (user_id, ts),
  KEY audit_patient (patient_id, ts),
  KEY audit_facility (facility_id, ts),
  KEY audit_action (action, ts)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
