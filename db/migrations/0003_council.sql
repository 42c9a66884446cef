-- 0003_council.sql: applications (forms 1-3), decisions, meetings, ID revocations (A9, A10, A13)
CREATE TABLE IF NOT EXISTS application (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind VARCHAR(16) NOT NULL,            -- facility_join, user_register, user_withdraw
  facility_id BIGINT UNSIGNED NULL,     -- the applying facility (set on approval for a join)
  status VARCHAR(16) NOT NULL DEFAULT 'submitted',
  submitted_by BIGINT UNSIGNED NOT NULL,
  submitted_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  -- form 1
  fac_name VARCHAR(200) NULL,
  fac_kind VARCHAR(32) NULL,
  fac_address VARCHAR(300) NULL,
  in_region TINYINT NULL,
  wants_disclosing TINYINT NULL,
  wants_viewing TINYINT NULL,
  manager_name VARCHAR(100) NULL,
  -- form 2
  user_login VARCHAR(64) NULL,
  user_name VARCHAR(100) NULL,
  profession VARCHAR(32) NULL,
  attestation TINYINT NULL,
  -- form 3
  target_user_id BIGINT UNSIGNED NULL,
  effective_date DATE NULL,
  -- decision (A10.3)
  decision VARCHAR(16) NULL,            -- approved, rejected
  decision_kind VARCHAR(16) NULL,       -- meeting, sole
  decision_reason VARCHAR(1000) NULL,
  sole_reason VARCHAR(1000) NULL,       -- why no meeting could be held
  decided_by BIGINT UNSIGNED NULL,
  decided_at DATETIME(6) NULL,
  meeting_id BIGINT UNSIGNED NULL,      -- the meeting that decided, or heard the report
  reported_at DATETIME(6) NULL,         -- a sole decision reported to the council
  contract_filed_on DATE NULL,          -- A10.4 onboarding
  idem VARCHAR(64) NOT NULL,
  version INT NOT NULL DEFAULT 1,
  UNIQUE KEY application_idem (idem),
  KEY application_status (status),
  KEY application_facility (facility_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS meeting (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  held_on DATE NOT NULL,
  attendees VARCHAR(2000) NOT NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'planned',   -- planned, held
  created_by BIGINT UNSIGNED NOT NULL,
  held_at DATETIME(6) NULL,
  idem VARCHAR(64) NOT NULL,
  version INT NOT NULL DEFAULT 1,
  UNIQUE KEY meeting_idem (idem)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A13.1: the four reasons; A13.2: reported at the next meeting.
CREATE TABLE IF NOT EXISTS revocation (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  reason VARCHAR(32) NOT NULL,      -- unqualified, law_violation, misuse, left_facility
  detail VARCHAR(1000) NULL,
  revoked_by BIGINT UNSIGNED NOT NULL,
  revoked_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  meeting_id BIGINT UNSIGNED NULL,
  reported_at DATETIME(6) NULL,
  KEY revocation_user (user_id),
  CONSTRAINT revocation_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
