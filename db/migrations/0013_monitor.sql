-- 0013_monitor.sql: monitoring inside a facility (A6.2, A6.3) and incident
-- reports (A8.5). The access list itself is read from the audit table; what
-- the facility manager does about it is kept here. Nothing is ever deleted:
-- the code has no DELETE for these tables and triggers refuse one.

-- A corrective measure (是正措置) a facility manager recorded, optionally
-- about one of their users and/or one audit entry of the access list.
CREATE TABLE IF NOT EXISTS corrective_measure (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  facility_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NULL,                   -- the user concerned
  audit_id BIGINT UNSIGNED NULL,                  -- the access it is about
  body TEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  created_by BIGINT UNSIGNED NOT NULL,
  idem CHAR(64) NULL,
  UNIQUE KEY corrective_measure_idem (idem),
  KEY corrective_measure_facility (facility_id, id),
  CONSTRAINT corrective_measure_facility_fk FOREIGN KEY (facility_id) REFERENCES facility (id),
  CONSTRAINT corrective_measure_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT corrective_measure_by_fk FOREIGN KEY (created_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A facility's report to the operator (A6.3), kind 'misuse': it lands in
-- the operator's notification queue; the operator acknowledges it with a note.
CREATE TABLE IF NOT EXISTS facility_report (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  facility_id BIGINT UNSIGNED NOT NULL,
  kind VARCHAR(16) NOT NULL DEFAULT 'misuse',
  user_id BIGINT UNSIGNED NULL,                   -- the user concerned
  audit_id BIGINT UNSIGNED NULL,                  -- the access it is about
  body TEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  created_by BIGINT UNSIGNED NOT NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'sent',     -- sent, acknowledged
  ack_note TEXT NULL,
  ack_at DATETIME(6) NULL,
  ack_by BIGINT UNSIGNED NULL,
  idem CHAR(64) NULL,
  version INT NOT NULL DEFAULT 1,
  UNIQUE KEY facility_report_idem (idem),
  KEY facility_report_facility (facility_id, id),
  KEY facility_report_status (status, id),
  CONSTRAINT facility_report_facility_fk FOREIGN KEY (facility_id) REFERENCES facility (id),
  CONSTRAINT facility_report_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT facility_report_by_fk FOREIGN KEY (created_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- An incident report (A8.5): a virus find, a security problem or a
-- malfunction, from a user to their facility manager, who forwards it to the
-- operator or closes it with a reason; the operator closes a forwarded one
-- with the outcome. reported -> forwarded -> closed, or reported -> closed.
CREATE TABLE IF NOT EXISTS incident (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  facility_id BIGINT UNSIGNED NOT NULL,
  reporter_id BIGINT UNSIGNED NOT NULL,
  kind VARCHAR(16) NOT NULL,                      -- virus, security, malfunction
  occurred_at DATETIME NOT NULL,                  -- Japan time, as the reporter gave it
  terminal VARCHAR(100) NULL,
  what TEXT NOT NULL,
  done TEXT NOT NULL,                             -- what was done about it
  reported_at DATETIME(6) NOT NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'reported', -- reported, forwarded, closed
  forwarded_at DATETIME(6) NULL,
  closed_at DATETIME(6) NULL,
  outcome TEXT NULL,                              -- why it was closed; also on the step
  idem CHAR(64) NULL,
  version INT NOT NULL DEFAULT 1,
  UNIQUE KEY incident_idem (idem),
  KEY incident_facility (facility_id, id),
  KEY incident_status (status, id),
  KEY incident_reporter (reporter_id, id),
  CONSTRAINT incident_facility_fk FOREIGN KEY (facility_id) REFERENCES facility (id),
  CONSTRAINT incident_reporter_fk FOREIGN KEY (reporter_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Every transition and note, in order; to_status equals from_status for a note.
CREATE TABLE IF NOT EXISTS incident_step (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  incident_id BIGINT UNSIGNED NOT NULL,
  at DATETIME(6) NOT NULL,
  by_user BIGINT UNSIGNED NOT NULL,
  from_status VARCHAR(16) NULL,                   -- NULL on the reporting step
  to_status VARCHAR(16) NOT NULL,
  note TEXT NULL,
  KEY incident_step_incident (incident_id, id),
  CONSTRAINT incident_step_incident_fk FOREIGN KEY (incident_id) REFERENCES incident (id),
  CONSTRAINT incident_step_by_fk FOREIGN KEY (by_user) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TRIGGER IF NOT EXISTS corrective_measure_no_delete BEFORE DELETE ON corrective_measure
  FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A6.2: corrective measures are never deleted';
CREATE TRIGGER IF NOT EXISTS corrective_measure_no_update BEFORE UPDATE ON corrective_measure
  FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A6.2: corrective measures are never changed';
CREATE TRIGGER IF NOT EXISTS facility_report_no_delete BEFORE DELETE ON facility_report
  FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A6.3: facility reports are never deleted';
CREATE TRIGGER IF NOT EXISTS incident_no_delete BEFORE DELETE ON incident
  FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A8.5: incident reports are never deleted';
CREATE TRIGGER IF NOT EXISTS incident_step_no_delete BEFORE DELETE ON incident_step
  FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A8.5: incident steps are never deleted';
CREATE TRIGGER IF NOT EXISTS incident_step_no_update BEFORE UPDATE ON incident_step
  FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A8.5: incident steps are never changed';
