-- 0002_identity.sql: facilities, users, roles, certificates, sessions (A4.2, A7, A8.3, A8.4)
CREATE TABLE IF NOT EXISTS facility (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(32) NOT NULL,
  name VARCHAR(200) NOT NULL,
  kind VARCHAR(32) NOT NULL DEFAULT 'hospital',
  in_region TINYINT NOT NULL DEFAULT 1,
  disclosing TINYINT NOT NULL DEFAULT 0,
  viewing TINYINT NOT NULL DEFAULT 1,
  status VARCHAR(16) NOT NULL DEFAULT 'active',
  created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  version INT NOT NULL DEFAULT 1,
  UNIQUE KEY facility_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A7.2: only professions bound to confidentiality may hold an ID.
CREATE TABLE IF NOT EXISTS profession (
  code VARCHAR(32) NOT NULL PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  bound_by_law TINYINT NOT NULL,
  emergency_allowed TINYINT NOT NULL DEFAULT 0,
  sort INT NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT IGNORE INTO profession (code, name, bound_by_law, emergency_allowed, sort) VALUES
  ('physician', '医師', 1, 1, 10),
  ('dentist', '歯科医師', 1, 1, 20),
  ('pharmacist', '薬剤師', 1, 0, 30),
  ('nurse', '看護師', 1, 1, 40),
  ('assistant_nurse', '准看護師', 1, 0, 50),
  ('public_health_nurse', '保健師', 1, 0, 60),
  ('midwife', '助産師', 1, 0, 70),
  ('radiology_tech', '診療放射線技師', 1, 0, 80),
  ('lab_tech', '臨床検査技師', 1, 0, 90),
  ('physical_therapist', '理学療法士', 1, 0, 100),
  ('occupational_therapist', '作業療法士', 1, 0, 110),
  ('speech_therapist', '言語聴覚士', 1, 0, 120),
  ('dietitian', '管理栄養士', 1, 0, 130),
  ('care_manager', '介護支援専門員', 1, 0, 140),
  ('social_worker', '社会福祉士', 1, 0, 150),
  ('care_worker', '介護福祉士', 1, 0, 160),
  ('contract_employee', '守秘義務契約のある職員', 0, 0, 900);

CREATE TABLE IF NOT EXISTS users (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  login VARCHAR(64) NOT NULL,
  name VARCHAR(100) NOT NULL,
  facility_id BIGINT UNSIGNED NOT NULL,
  profession VARCHAR(32) NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'active',
  password_hash VARCHAR(200) NOT NULL,
  must_change_pw TINYINT NOT NULL DEFAULT 1,
  failed_count INT NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0,
  pw_changed_at DATETIME(6) NULL,
  created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  version INT NOT NULL DEFAULT 1,
  UNIQUE KEY users_login (login),
  KEY users_facility (facility_id),
  CONSTRAINT users_facility_fk FOREIGN KEY (facility_id) REFERENCES facility (id),
  CONSTRAINT users_profession_fk FOREIGN KEY (profession) REFERENCES profession (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS user_role (
  user_id BIGINT UNSIGNED NOT NULL,
  role VARCHAR(32) NOT NULL,
  PRIMARY KEY (user_id, role),
  CONSTRAINT user_role_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A4.2: every certificate the network's CA issued; serial as nginx prints it.
CREATE TABLE IF NOT EXISTS cert (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NULL,
  serial VARCHAR(66) NOT NULL,
  issuer VARCHAR(1000) NOT NULL,
  subject VARCHAR(1000) NOT NULL,
  sha256 CHAR(64) NOT NULL,
  sha1 CHAR(40) NOT NULL,
  not_before BIGINT NOT NULL,
  not_after BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'active',
  revoked_at BIGINT NULL,
  revoke_reason VARCHAR(32) NULL,
  issued_by VARCHAR(64) NULL,
  issued_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  p12 MEDIUMBLOB NULL,
  p12_downloaded_at DATETIME(6) NULL,
  UNIQUE KEY cert_serial (serial),
  KEY cert_user (user_id),
  KEY cert_expiry (status, not_after),
  CONSTRAINT cert_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS crl_state (
  id TINYINT NOT NULL PRIMARY KEY,
  number BIGINT NOT NULL,
  generated_at DATETIME(6) NULL
) ENGINE=InnoDB;
INSERT IGNORE INTO crl_state (id, number) VALUES (1, 0);

-- A8.4: sessions; only the token's SHA-256 is stored.
CREATE TABLE IF NOT EXISTS session (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash CHAR(64) NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  cert_serial VARCHAR(66) NOT NULL,
  csrf CHAR(64) NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen BIGINT NOT NULL,
  locked TINYINT NOT NULL DEFAULT 0,
  return_to VARCHAR(200) NULL,
  ended_at BIGINT NULL,
  end_reason VARCHAR(32) NULL,
  UNIQUE KEY session_token (token_hash),
  KEY session_user (user_id, ended_at),
  CONSTRAINT session_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Only the test instance reads it (test_clock = 1): idle and absolute expiry
-- are tested by moving this clock, not by sleeping.
CREATE TABLE IF NOT EXISTS test_clock (
  id TINYINT NOT NULL PRIMARY KEY,
  offset_secs BIGINT NOT NULL DEFAULT 0
) ENGINE=InnoDB;
INSERT IGNORE INTO test_clock (id, offset_secs) VALUES (1, 0);
