-- 0022_consent_integrity.sql: the patient's word stands (A12.2, A12.4),
-- hand-made links wait for the operator (A12), an emergency follow-up is
-- closed by the consent that covers it (A14).

-- A12.2: a form 4 signed on the day of a form 5 counts only when the
-- registering user stated that it was signed after the revocation.
ALTER TABLE consent
  ADD COLUMN IF NOT EXISTS after_revocation TINYINT NOT NULL DEFAULT 0;

-- A local ID linked by hand to an existing network patient is a request:
-- patient_id stays NULL (so nothing counts it) until the operator approves,
-- the patient asked for waits in requested_patient_id.
ALTER TABLE patient_link
  ADD COLUMN IF NOT EXISTS requested_patient_id BIGINT UNSIGNED NULL,
  ADD COLUMN IF NOT EXISTS requested_by BIGINT UNSIGNED NULL,
  ADD COLUMN IF NOT EXISTS requested_at DATETIME(6) NULL,
  ADD KEY IF NOT EXISTS patient_link_requested (requested_at);

-- Every request, decision and ending of a link, kept (never deleted).
CREATE TABLE IF NOT EXISTS patient_link_event (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  link_id BIGINT UNSIGNED NOT NULL,
  kind VARCHAR(16) NOT NULL,                 -- requested, approved, rejected, ended
  patient_id BIGINT UNSIGNED NOT NULL,
  note VARCHAR(500) NULL,
  at DATETIME(6) NOT NULL,
  by_user BIGINT UNSIGNED NOT NULL,
  KEY patient_link_event_link (link_id, at),
  CONSTRAINT patient_link_event_link_fk FOREIGN KEY (link_id) REFERENCES patient_link (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A14: the form 4 that closed a follow-up; it reopens when that form is voided.
ALTER TABLE emergency_access
  ADD COLUMN IF NOT EXISTS consent_id BIGINT UNSIGNED NULL,
  ADD KEY IF NOT EXISTS emergency_consent (consent_id);

-- A4.2: a user viewing records within N minutes of registering the form 4
-- that opened them (window_minutes = N).
INSERT IGNORE INTO misuse_rule (code, threshold, window_minutes, param1, param2)
  VALUES ('consent_self_view', 1, 30, 0, 0);
