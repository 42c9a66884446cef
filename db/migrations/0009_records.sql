-- 0009_records.sql: clinical records imported from the facilities' SS-MIX2
-- storage (docs/import.md): where each facility's tree is, every file seen, every
-- import run, and the records with their lab results, medications,
-- allergies, problems and extended-storage documents.

-- Where a disclosing facility's storage is mounted; the scheduler imports
-- every enabled row (mogamictl ssmix2 set).
CREATE TABLE IF NOT EXISTS facility_ssmix2 (
  facility_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  root_dir VARCHAR(500) NOT NULL,
  ext_dir VARCHAR(500) NULL,             -- extended storage (PDF, images)
  enabled TINYINT NOT NULL DEFAULT 1,
  updated_at DATETIME(6) NOT NULL,
  CONSTRAINT facility_ssmix2_facility_fk FOREIGN KEY (facility_id) REFERENCES facility (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per import run; a run killed midway keeps status 'running' and
-- finished_at NULL until the next run marks it 'interrupted'.
CREATE TABLE IF NOT EXISTS import_run (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  facility_id BIGINT UNSIGNED NOT NULL,
  started_at DATETIME(6) NOT NULL,
  finished_at DATETIME(6) NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'running',   -- running, done, failed, interrupted
  files_total INT UNSIGNED NOT NULL DEFAULT 0,
  files_done INT UNSIGNED NOT NULL DEFAULT 0,
  imported INT UNSIGNED NOT NULL DEFAULT 0,
  unchanged INT UNSIGNED NOT NULL DEFAULT 0,
  quarantined INT UNSIGNED NOT NULL DEFAULT 0,
  removed INT UNSIGNED NOT NULL DEFAULT 0,  -- files gone from the tree
  failed INT UNSIGNED NOT NULL DEFAULT 0,
  last_error VARCHAR(300) NULL,
  KEY import_run_facility (facility_id, started_at),
  CONSTRAINT import_run_facility_fk FOREIGN KEY (facility_id) REFERENCES facility (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Every file seen, with the outcome of its last import. Written in the same
-- transaction as the file's records, so a file is either fully imported
-- (or quarantined) and recorded, or not at all: what makes kill -9 safe.
CREATE TABLE IF NOT EXISTS import_file (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  facility_id BIGINT UNSIGNED NOT NULL,
  tree CHAR(3) NOT NULL,                  -- std (HL7), ext (extended storage)
  rel_path VARCHAR(400) NOT NULL,
  size BIGINT UNSIGNED NOT NULL,
  mtime BIGINT NOT NULL,                  -- nanoseconds since the epoch
  sha256 CHAR(64) NOT NULL,
  status VARCHAR(16) NOT NULL,            -- imported, quarantined
  reason VARCHAR(32) NULL,                -- quarantine reason code
  detail VARCHAR(300) NULL,               -- never patient data
  data_type VARCHAR(16) NULL,
  local_id VARCHAR(64) NULL,
  run_id BIGINT UNSIGNED NULL,
  imported_at DATETIME(6) NOT NULL,       -- when this content arrived
  UNIQUE KEY import_file_path (facility_id, tree, rel_path),
  KEY import_file_status (status, facility_id),
  KEY import_file_arrived (facility_id, imported_at),
  CONSTRAINT import_file_facility_fk FOREIGN KEY (facility_id) REFERENCES facility (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One SS-MIX2 message. status: current (the latest valid message of its
-- order), superseded (an older one), cancelled (the order's latest message
-- cancels it: out of the current view, kept for the history).
CREATE TABLE IF NOT EXISTS record (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  facility_id BIGINT UNSIGNED NOT NULL,
  link_id BIGINT UNSIGNED NOT NULL,
  file_id BIGINT UNSIGNED NOT NULL,
  kind VARCHAR(24) NOT NULL,              -- visit, admission, lab, prescription ...
  data_type VARCHAR(16) NOT NULL,         -- SS-MIX2 type: OMP-01 ...
  msg_type VARCHAR(16) NULL,              -- MSH-9: RDE^O11
  order_no VARCHAR(32) NULL,              -- NULL when the file has none
  order_key VARCHAR(48) NULL,             -- what newer messages replace
  dept VARCHAR(8) NULL,
  flag TINYINT NOT NULL,                  -- the file name's condition flag
  cancelled TINYINT NOT NULL DEFAULT 0,   -- ORC-1 CA/OC/CR or ORC-5 CA
  care_date DATE NULL,
  occurred_at DATETIME NULL,
  message_ts DATETIME(3) NOT NULL,        -- the file name's timestamp
  title VARCHAR(300) NULL,
  summary VARCHAR(2000) NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'current',
  source_path VARCHAR(400) NOT NULL,
  file_sha256 CHAR(64) NOT NULL,
  raw_message MEDIUMBLOB NOT NULL,        -- the file's bytes as received
  imported_at DATETIME(6) NOT NULL,
  KEY record_link (link_id, status, occurred_at),
  KEY record_link_kind (link_id, kind, occurred_at),
  KEY record_order (link_id, data_type, order_key),
  KEY record_file (file_id),
  CONSTRAINT record_facility_fk FOREIGN KEY (facility_id) REFERENCES facility (id),
  CONSTRAINT record_link_fk FOREIGN KEY (link_id) REFERENCES patient_link (id),
  CONSTRAINT record_file_fk FOREIGN KEY (file_id) REFERENCES import_file (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Results: the OBX rows of lab results (OML-11) and of reports (OMG-13, e.g.
-- ECG measurements); record.kind tells which. link_id is repeated for the
-- trend query.
CREATE TABLE IF NOT EXISTS record_lab (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  record_id BIGINT UNSIGNED NOT NULL,
  link_id BIGINT UNSIGNED NOT NULL,
  seq INT NOT NULL,
  code VARCHAR(40) NULL,                  -- JLAC10 usually
  code_system VARCHAR(20) NULL,
  name VARCHAR(200) NULL,
  value_type VARCHAR(8) NULL,             -- OBX-2: NM, ST, CWE ...
  value VARCHAR(500) NULL,
  value_num DOUBLE NULL,                  -- value when numeric
  unit VARCHAR(40) NULL,
  range_low DOUBLE NULL,
  range_high DOUBLE NULL,
  range_text VARCHAR(60) NULL,
  flag VARCHAR(8) NULL,                   -- OBX-8: H, L, HH ...
  result_status VARCHAR(4) NULL,          -- OBX-11
  observed_at DATETIME NULL,
  KEY record_lab_record (record_id),
  KEY record_lab_trend (link_id, code, observed_at),
  CONSTRAINT record_lab_record_fk FOREIGN KEY (record_id) REFERENCES record (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Prescriptions, injections and their administrations (RXE/RXC/RXA).
CREATE TABLE IF NOT EXISTS record_med (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  record_id BIGINT UNSIGNED NOT NULL,
  link_id BIGINT UNSIGNED NOT NULL,
  seq INT NOT NULL,
  rp VARCHAR(40) NULL,                    -- ORC-4: the Rp group
  drug_code VARCHAR(40) NULL,             -- YJ / HOT
  code_system VARCHAR(20) NULL,
  drug_name VARCHAR(200) NULL,
  dose VARCHAR(40) NULL,
  unit VARCHAR(40) NULL,
  dosage_form VARCHAR(60) NULL,
  route VARCHAR(60) NULL,
  frequency VARCHAR(200) NULL,
  days INT NULL,
  total VARCHAR(40) NULL,
  given_at DATETIME NULL,
  KEY record_med_record (record_id),
  KEY record_med_link (link_id, drug_code),
  CONSTRAINT record_med_record_fk FOREIGN KEY (record_id) REFERENCES record (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Allergies (IAM of ADT-61).
CREATE TABLE IF NOT EXISTS record_allergy (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  record_id BIGINT UNSIGNED NOT NULL,
  link_id BIGINT UNSIGNED NOT NULL,
  seq INT NOT NULL,
  allergy_type VARCHAR(60) NULL,
  code VARCHAR(40) NULL,
  name VARCHAR(200) NULL,
  severity VARCHAR(60) NULL,
  reaction VARCHAR(200) NULL,
  onset DATE NULL,
  KEY record_allergy_record (record_id),
  KEY record_allergy_link (link_id),
  CONSTRAINT record_allergy_record_fk FOREIGN KEY (record_id) REFERENCES record (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Problems and diagnoses (PRB of PPR-01).
CREATE TABLE IF NOT EXISTS record_problem (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  record_id BIGINT UNSIGNED NOT NULL,
  link_id BIGINT UNSIGNED NOT NULL,
  seq INT NOT NULL,
  code VARCHAR(40) NULL,                  -- ICD-10 / MEDIS
  code_system VARCHAR(20) NULL,
  name VARCHAR(200) NULL,
  onset DATE NULL,
  resolved DATE NULL,
  status VARCHAR(60) NULL,
  KEY record_problem_record (record_id),
  KEY record_problem_link (link_id),
  CONSTRAINT record_problem_record_fk FOREIGN KEY (record_id) REFERENCES record (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Extended storage: documents and images, typed by their content bytes.
CREATE TABLE IF NOT EXISTS document (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  facility_id BIGINT UNSIGNED NOT NULL,
  link_id BIGINT UNSIGNED NOT NULL,
  file_id BIGINT UNSIGNED NOT NULL,
  care_date DATE NULL,
  category VARCHAR(64) NULL,              -- the folder under the date
  title VARCHAR(300) NULL,                -- the file name
  content_type VARCHAR(64) NOT NULL,      -- application/pdf, image/png, image/jpeg
  size BIGINT UNSIGNED NOT NULL,
  sha256 CHAR(64) NOT NULL,
  data LONGBLOB NOT NULL,
  source_path VARCHAR(400) NOT NULL,
  imported_at DATETIME(6) NOT NULL,
  KEY document_link (link_id, care_date),
  KEY document_file (file_id),
  CONSTRAINT document_facility_fk FOREIGN KEY (facility_id) REFERENCES facility (id),
  CONSTRAINT document_link_fk FOREIGN KEY (link_id) REFERENCES patient_link (id),
  CONSTRAINT document_file_fk FOREIGN KEY (file_id) REFERENCES import_file (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
