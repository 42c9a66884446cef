-- 0007_patients.sql: network patients, identity links, consent (form 4),
-- revocation (form 5), death cancellation (A11, A12)

-- A network patient. kana_key is kana_normalize(kana): the matching key.
CREATE TABLE IF NOT EXISTS patient (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  network_id CHAR(10) NOT NULL,
  name VARCHAR(100) NOT NULL,
  kana VARCHAR(100) NOT NULL,
  kana_key VARCHAR(200) NOT NULL,
  sex CHAR(1) NOT NULL,                  -- M, F, O, U (HL7 table 0001)
  birth_date DATE NOT NULL,
  address VARCHAR(300) NULL,
  phone VARCHAR(40) NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'active',   -- active, merged, cancelled
  merged_into BIGINT UNSIGNED NULL,
  -- A12.3: registration cancelled on confirmed death
  deceased_on DATE NULL,
  death_confirmed_how VARCHAR(300) NULL,
  cancelled_at DATETIME(6) NULL,
  cancelled_by BIGINT UNSIGNED NULL,
  created_at DATETIME(6) NOT NULL,
  created_by BIGINT UNSIGNED NULL,
  version INT NOT NULL DEFAULT 1,
  UNIQUE KEY patient_network_id (network_id),
  KEY patient_match (kana_key, birth_date, sex),
  KEY patient_status (status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A facility's local patient ID (the one its SS-MIX2 storage uses) and the
-- demographics it sent; patient_id is NULL until someone links it (名寄せ).
CREATE TABLE IF NOT EXISTS patient_link (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  facility_id BIGINT UNSIGNED NOT NULL,
  local_id VARCHAR(64) NOT NULL,
  patient_id BIGINT UNSIGNED NULL,
  name VARCHAR(100) NULL,
  kana VARCHAR(100) NULL,
  kana_key VARCHAR(200) NULL,
  sex CHAR(1) NULL,
  birth_date DATE NULL,
  address VARCHAR(300) NULL,
  source VARCHAR(16) NOT NULL DEFAULT 'manual',   -- manual, import
  linked_at DATETIME(6) NULL,
  linked_by BIGINT UNSIGNED NULL,
  created_at DATETIME(6) NOT NULL,
  version INT NOT NULL DEFAULT 1,
  UNIQUE KEY patient_link_local (facility_id, local_id),
  KEY patient_link_patient (patient_id),
  KEY patient_link_match (kana_key, birth_date, sex),
  CONSTRAINT patient_link_facility_fk FOREIGN KEY (facility_id) REFERENCES facility (id),
  CONSTRAINT patient_link_patient_fk FOREIGN KEY (patient_id) REFERENCES patient (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A confirmed duplicate merged into a survivor, and which links moved, so
-- that the merge can be undone exactly.
CREATE TABLE IF NOT EXISTS patient_merge (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  survivor_id BIGINT UNSIGNED NOT NULL,
  merged_id BIGINT UNSIGNED NOT NULL,
  reason VARCHAR(500) NOT NULL,
  merged_at DATETIME(6) NOT NULL,
  merged_by BIGINT UNSIGNED NOT NULL,
  undone_at DATETIME(6) NULL,
  undone_by BIGINT UNSIGNED NULL,
  undo_reason VARCHAR(500) NULL,
  KEY patient_merge_survivor (survivor_id),
  KEY patient_merge_merged (merged_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS patient_merge_link (
  merge_id BIGINT UNSIGNED NOT NULL,
  link_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (merge_id, link_id)
) ENGINE=InnoDB;

-- Form 4. Effective from its registration (registered_at) until a form 5
-- received later; the operator checks it for completeness (A12.4) and may
-- find it void (status rejected).
CREATE TABLE IF NOT EXISTS consent (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  patient_id BIGINT UNSIGNED NOT NULL,
  signed_on DATE NOT NULL,
  signer VARCHAR(16) NOT NULL DEFAULT 'patient',  -- patient, proxy
  proxy_name VARCHAR(100) NULL,
  proxy_relation VARCHAR(50) NULL,
  all_disclosing TINYINT NOT NULL DEFAULT 0,
  all_viewing TINYINT NOT NULL DEFAULT 0,
  facility_id BIGINT UNSIGNED NOT NULL,           -- where it was obtained
  registered_at DATETIME(6) NOT NULL,
  registered_by BIGINT UNSIGNED NOT NULL,
  idem CHAR(64) NOT NULL,                          -- one form, one row on a double submit
  status VARCHAR(16) NOT NULL DEFAULT 'submitted', -- submitted, checked, rejected
  checked_at DATETIME(6) NULL,
  checked_by BIGINT UNSIGNED NULL,
  check_note VARCHAR(500) NULL,
  version INT NOT NULL DEFAULT 1,
  UNIQUE KEY consent_idem (idem),
  KEY consent_patient (patient_id),
  KEY consent_status (status, registered_at),
  CONSTRAINT consent_patient_fk FOREIGN KEY (patient_id) REFERENCES patient (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS consent_facility (
  consent_id BIGINT UNSIGNED NOT NULL,
  side VARCHAR(16) NOT NULL,                       -- disclosing, viewing
  facility_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (consent_id, side, facility_id),
  CONSTRAINT consent_facility_consent_fk FOREIGN KEY (consent_id) REFERENCES consent (id)
) ENGINE=InnoDB;

-- The scanned paper form, checked by content and kept with its SHA-256.
CREATE TABLE IF NOT EXISTS consent_scan (
  consent_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  content_type VARCHAR(64) NOT NULL,
  size INT UNSIGNED NOT NULL,
  sha256 CHAR(64) NOT NULL,
  data LONGBLOB NOT NULL,
  CONSTRAINT consent_scan_consent_fk FOREIGN KEY (consent_id) REFERENCES consent (id)
) ENGINE=InnoDB;

-- Form 5: effective at once (received_at), at the desk or at a facility.
CREATE TABLE IF NOT EXISTS consent_revocation (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  receipt_no VARCHAR(20) NOT NULL,
  patient_id BIGINT UNSIGNED NOT NULL,
  signed_on DATE NOT NULL,
  signer VARCHAR(16) NOT NULL DEFAULT 'patient',
  proxy_name VARCHAR(100) NULL,
  proxy_relation VARCHAR(50) NULL,
  via VARCHAR(16) NOT NULL,                        -- desk, facility
  facility_id BIGINT UNSIGNED NULL,
  note VARCHAR(500) NULL,
  received_at DATETIME(6) NOT NULL,
  received_by BIGINT UNSIGNED NOT NULL,
  idem CHAR(64) NOT NULL,
  UNIQUE KEY consent_revocation_receipt (receipt_no),
  UNIQUE KEY consent_revocation_idem (idem),
  KEY consent_revocation_patient (patient_id, received_at),
  CONSTRAINT consent_revocation_patient_fk FOREIGN KEY (patient_id) REFERENCES patient (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Receipt numbers per kind and year: R-2026-000123 (revocation), C-... (complaint).
CREATE TABLE IF NOT EXISTS receipt_seq (
  kind CHAR(1) NOT NULL,
  year INT NOT NULL,
  last INT NOT NULL,
  PRIMARY KEY (kind, year)
) ENGINE=InnoDB;

-- A8.4: pages name a patient by an opaque random handle that is valid only
-- in the session that obtained it, never by a name, ID or birth date.
CREATE TABLE IF NOT EXISTS patient_handle (
  session_id BIGINT UNSIGNED NOT NULL,
  handle CHAR(22) NOT NULL,
  patient_id BIGINT UNSIGNED NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (session_id, handle),
  UNIQUE KEY patient_handle_patient (session_id, patient_id)
) ENGINE=InnoDB;
