-- 0029_rules.sql: the forms as on paper (A9, A10.2, A10.5), the rules kept
-- as versioned text and acknowledged (A11.1-A11.3, A8.2), the council's
-- agenda items, resolutions and amendments (A19), form 5's scan (A12.2).

-- A profession with a licence or registration number asks for it on form 2
-- (医籍登録番号 ...); NULL: the profession has none.
ALTER TABLE profession
  ADD COLUMN IF NOT EXISTS license_label VARCHAR(50) NULL;
UPDATE profession SET license_label = CASE code
  WHEN 'physician' THEN '医籍登録番号'
  WHEN 'dentist' THEN '歯科医籍登録番号'
  WHEN 'pharmacist' THEN '薬剤師名簿登録番号'
  WHEN 'nurse' THEN '看護師籍登録番号'
  WHEN 'assistant_nurse' THEN '准看護師免許番号'
  WHEN 'public_health_nurse' THEN '保健師籍登録番号'
  WHEN 'midwife' THEN '助産師籍登録番号'
  WHEN 'radiology_tech' THEN '診療放射線技師籍登録番号'
  WHEN 'lab_tech' THEN '臨床検査技師名簿登録番号'
  WHEN 'physical_therapist' THEN '理学療法士名簿登録番号'
  WHEN 'occupational_therapist' THEN '作業療法士名簿登録番号'
  WHEN 'speech_therapist' THEN '言語聴覚士名簿登録番号'
  WHEN 'dietitian' THEN '管理栄養士名簿登録番号'
  WHEN 'care_manager' THEN '介護支援専門員登録番号'
  WHEN 'social_worker' THEN '社会福祉士登録番号'
  WHEN 'care_worker' THEN '介護福祉士登録番号'
  ELSE license_label END;

-- Forms 1-3 as the paper forms ask. Form 1: the facility (医療機関コード,
-- address, phone, e-mail, contact person) and its manager, whose details
-- become the manager's account; form 2: the applicant and the role asked
-- for; both: the pledge (誓約) to the rules version in force (A11.1-A11.3).
-- Form 3: the reason; the cancellation paperwork of a facility whose last
-- user left (A10.5).
ALTER TABLE application
  ADD COLUMN IF NOT EXISTS fac_code VARCHAR(10) NULL,
  ADD COLUMN IF NOT EXISTS fac_phone VARCHAR(20) NULL,
  ADD COLUMN IF NOT EXISTS fac_email VARCHAR(254) NULL,
  ADD COLUMN IF NOT EXISTS contact_name VARCHAR(100) NULL,
  ADD COLUMN IF NOT EXISTS contact_dept VARCHAR(100) NULL,
  ADD COLUMN IF NOT EXISTS manager_kana VARCHAR(100) NULL,
  ADD COLUMN IF NOT EXISTS manager_title VARCHAR(100) NULL,
  ADD COLUMN IF NOT EXISTS manager_login VARCHAR(64) NULL,
  ADD COLUMN IF NOT EXISTS manager_profession VARCHAR(32) NULL,
  ADD COLUMN IF NOT EXISTS manager_license VARCHAR(32) NULL,
  ADD COLUMN IF NOT EXISTS manager_email VARCHAR(254) NULL,
  ADD COLUMN IF NOT EXISTS user_kana VARCHAR(100) NULL,
  ADD COLUMN IF NOT EXISTS department VARCHAR(100) NULL,
  ADD COLUMN IF NOT EXISTS job_title VARCHAR(100) NULL,
  ADD COLUMN IF NOT EXISTS license_no VARCHAR(32) NULL,
  ADD COLUMN IF NOT EXISTS user_phone VARCHAR(20) NULL,
  ADD COLUMN IF NOT EXISTS user_email VARCHAR(254) NULL,
  ADD COLUMN IF NOT EXISTS requested_role VARCHAR(64) NULL,   -- user, facility_manager, user,facility_manager
  ADD COLUMN IF NOT EXISTS pledge TINYINT NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS pledge_version_id BIGINT UNSIGNED NULL,
  ADD COLUMN IF NOT EXISTS withdraw_reason VARCHAR(1000) NULL,
  ADD COLUMN IF NOT EXISTS cancel_filed_on DATE NULL,         -- ID-Link 解約申込書
  ADD COLUMN IF NOT EXISTS cancel_recorded_by BIGINT UNSIGNED NULL;

ALTER TABLE facility
  ADD COLUMN IF NOT EXISTS cancelled_on DATE NULL;

-- A11.1, A8.2: the rules and the information-handling document, as
-- versions with their effective day. The version in force is the latest
-- whose day has come. Loaded by the operator, or made by an amendment the
-- council approved (agenda_item_id). Never changed, never deleted.
CREATE TABLE IF NOT EXISTS rules_version (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  seq INT NOT NULL,                                -- 第N版
  title VARCHAR(200) NOT NULL,
  body MEDIUMTEXT NOT NULL,
  handling MEDIUMTEXT NOT NULL,                    -- もがみネット上の情報の取扱い (A8.2)
  effective_on DATE NOT NULL,
  source VARCHAR(16) NOT NULL,                     -- loaded, amendment
  agenda_item_id BIGINT UNSIGNED NULL,
  sha256 CHAR(64) NOT NULL,                        -- of body and handling
  created_by BIGINT UNSIGNED NULL,                 -- NULL: mogamictl
  created_at DATETIME(6) NOT NULL,
  idem CHAR(64) NOT NULL,
  UNIQUE KEY rules_version_seq (seq),
  UNIQUE KEY rules_version_idem (idem),
  KEY rules_version_effective (effective_on, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A user read and acknowledged a version: who, which, when, with which certificate.
CREATE TABLE IF NOT EXISTS rules_ack (
  user_id BIGINT UNSIGNED NOT NULL,
  version_id BIGINT UNSIGNED NOT NULL,
  acked_at DATETIME(6) NOT NULL,
  cert_serial VARCHAR(64) NULL,
  PRIMARY KEY (user_id, version_id),
  KEY rules_ack_version (version_id),
  CONSTRAINT rules_ack_version_fk FOREIGN KEY (version_id) REFERENCES rules_version (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TRIGGER IF NOT EXISTS rules_version_no_delete BEFORE DELETE ON rules_version
  FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A19: rules versions are never deleted';
CREATE TRIGGER IF NOT EXISTS rules_version_no_update BEFORE UPDATE ON rules_version
  FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A19: rules versions are never changed';
CREATE TRIGGER IF NOT EXISTS rules_ack_no_delete BEFORE DELETE ON rules_ack
  FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A11.1: acknowledgements are never deleted';

-- A19: a meeting as the council prints it.
ALTER TABLE meeting
  ADD COLUMN IF NOT EXISTS number INT NULL,                 -- 第N回
  ADD COLUMN IF NOT EXISTS time_from VARCHAR(5) NULL,       -- HH:MM, Japan
  ADD COLUMN IF NOT EXISTS time_to VARCHAR(5) NULL,
  ADD COLUMN IF NOT EXISTS place VARCHAR(200) NULL,
  ADD COLUMN IF NOT EXISTS chair VARCHAR(100) NULL,
  ADD COLUMN IF NOT EXISTS absentees VARCHAR(2000) NULL,
  ADD COLUMN IF NOT EXISTS signatories VARCHAR(500) NULL,   -- 議事録署名人, one a line
  ADD UNIQUE KEY IF NOT EXISTS meeting_number (number);

-- A19: a matter for the council: free (title, explanation, attachments), a
-- rules amendment (its text and effective day), or filed elsewhere (a
-- federation agreement, A18; a misuse report, A4.2). Decided by a meeting
-- or, when urgent, by the president alone (reported at the next meeting).
CREATE TABLE IF NOT EXISTS agenda_item (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind VARCHAR(16) NOT NULL,                       -- matter, amendment, federation, misuse
  title VARCHAR(400) NOT NULL,
  explanation TEXT NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'pending',   -- pending, approved, rejected
  amend_body MEDIUMTEXT NULL,
  amend_handling MEDIUMTEXT NULL,                  -- NULL: the handling document stays
  amend_effective_on DATE NULL,
  rules_version_id BIGINT UNSIGNED NULL,           -- made by the approval
  agreement_id BIGINT UNSIGNED NULL,
  misuse_report_id BIGINT UNSIGNED NULL,
  decision_kind VARCHAR(16) NULL,                  -- meeting, sole
  decision_note VARCHAR(2000) NULL,
  sole_reason VARCHAR(1000) NULL,
  decided_by BIGINT UNSIGNED NULL,
  decided_at DATETIME(6) NULL,
  meeting_id BIGINT UNSIGNED NULL,                 -- that decided it, or heard the report
  reported_at DATETIME(6) NULL,
  created_by BIGINT UNSIGNED NOT NULL,
  created_at DATETIME(6) NOT NULL,
  idem CHAR(64) NOT NULL,
  version INT NOT NULL DEFAULT 1,
  UNIQUE KEY agenda_item_idem (idem),
  KEY agenda_item_status (status, id),
  KEY agenda_item_agreement (agreement_id),
  KEY agenda_item_misuse (misuse_report_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What a meeting said about an item: the discussion and the resolution
-- (approved, rejected, continued: the item comes back at the next meeting).
CREATE TABLE IF NOT EXISTS agenda_hearing (
  item_id BIGINT UNSIGNED NOT NULL,
  meeting_id BIGINT UNSIGNED NOT NULL,
  discussion TEXT NULL,
  resolution VARCHAR(16) NOT NULL,
  recorded_by BIGINT UNSIGNED NOT NULL,
  recorded_at DATETIME(6) NOT NULL,
  PRIMARY KEY (item_id, meeting_id),
  KEY agenda_hearing_meeting (meeting_id),
  CONSTRAINT agenda_hearing_item_fk FOREIGN KEY (item_id) REFERENCES agenda_item (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS agenda_attachment (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  item_id BIGINT UNSIGNED NOT NULL,
  filename VARCHAR(200) NOT NULL,
  content_type VARCHAR(64) NOT NULL,
  size INT UNSIGNED NOT NULL,
  sha256 CHAR(64) NOT NULL,
  data LONGBLOB NOT NULL,
  added_by BIGINT UNSIGNED NOT NULL,
  added_at DATETIME(6) NOT NULL,
  KEY agenda_attachment_item (item_id),
  CONSTRAINT agenda_attachment_item_fk FOREIGN KEY (item_id) REFERENCES agenda_item (id)
) ENGINE=InnoDB;

CREATE TRIGGER IF NOT EXISTS agenda_item_no_delete BEFORE DELETE ON agenda_item
  FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A19: agenda items are never deleted';
CREATE TRIGGER IF NOT EXISTS agenda_hearing_no_delete BEFORE DELETE ON agenda_hearing
  FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A19: minutes are never deleted';

-- The council's decision, recorded on what it decided (A18, A4.2).
ALTER TABLE agreement
  ADD COLUMN IF NOT EXISTS agenda_item_id BIGINT UNSIGNED NULL,
  ADD COLUMN IF NOT EXISTS council_decision VARCHAR(16) NULL,
  ADD COLUMN IF NOT EXISTS council_decided_at DATETIME(6) NULL;
ALTER TABLE misuse_report
  ADD COLUMN IF NOT EXISTS agenda_item_id BIGINT UNSIGNED NULL,
  ADD COLUMN IF NOT EXISTS council_decision VARCHAR(16) NULL,
  ADD COLUMN IF NOT EXISTS council_decided_at DATETIME(6) NULL;

-- A12.2: form 5's signed paper, scanned, kept like form 4's.
CREATE TABLE IF NOT EXISTS consent_revocation_scan (
  revocation_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  content_type VARCHAR(64) NOT NULL,
  size INT UNSIGNED NOT NULL,
  sha256 CHAR(64) NOT NULL,
  data LONGBLOB NOT NULL,
  CONSTRAINT consent_revocation_scan_fk FOREIGN KEY (revocation_id) REFERENCES consent_revocation (id)
) ENGINE=InnoDB;
