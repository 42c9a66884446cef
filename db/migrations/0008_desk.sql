-- 0008_desk.sql: the complaints desk (A4.3): complaints and every step they take.
-- Nothing here is ever deleted: the code has no DELETE statement for these
-- tables (a complaint ends as 'closed'), and the steps are only ever appended.

-- One complaint, received at the desk (in person, by phone or letter, passed
-- on by a user) or filed by a user themselves (channel 'user').
-- Receipt numbers C-2026-000001 come from receipt_seq (0007), kind 'C'.
CREATE TABLE IF NOT EXISTS complaint (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  receipt_no VARCHAR(20) NOT NULL,
  complainant_kind VARCHAR(16) NOT NULL,          -- patient, family, user, other
  complainant_name VARCHAR(100) NOT NULL,
  complainant_facility_id BIGINT UNSIGNED NULL,   -- a user complainant's facility
  complainant_user_id BIGINT UNSIGNED NULL,       -- set when a user filed it themselves
  contact_kind VARCHAR(16) NOT NULL,              -- phone, address, email, none
  contact VARCHAR(300) NULL,
  channel VARCHAR(16) NOT NULL,                   -- desk, phone, letter, user
  category VARCHAR(32) NOT NULL,                  -- codes and labels: desk.cat_* in ja.hdf
  contents TEXT NOT NULL,
  received_at DATETIME(6) NOT NULL,               -- UTC, from the application clock
  received_by BIGINT UNSIGNED NOT NULL,
  due_on DATE NOT NULL,                           -- Japan date; overdue when not answered by then
  status VARCHAR(16) NOT NULL DEFAULT 'received', -- received, investigating, answered, closed
  assignee_id BIGINT UNSIGNED NULL,
  answer TEXT NULL,                               -- also kept on the 'answered' step
  answered_at DATETIME(6) NULL,
  closed_at DATETIME(6) NULL,
  idem CHAR(64) NULL,                             -- the form's token: a double submit creates one
  version INT NOT NULL DEFAULT 1,
  UNIQUE KEY complaint_receipt (receipt_no),
  UNIQUE KEY complaint_idem (idem),
  KEY complaint_status_due (status, due_on),
  KEY complaint_user (complainant_user_id),
  CONSTRAINT complaint_received_by_fk FOREIGN KEY (received_by) REFERENCES users (id),
  CONSTRAINT complaint_assignee_fk FOREIGN KEY (assignee_id) REFERENCES users (id),
  CONSTRAINT complaint_facility_fk FOREIGN KEY (complainant_facility_id) REFERENCES facility (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Every transition and every note, in order: who, when, from, to, what was
-- said; the answer text stays on the 'answered' step.
CREATE TABLE IF NOT EXISTS complaint_step (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  complaint_id BIGINT UNSIGNED NOT NULL,
  at DATETIME(6) NOT NULL,
  by_user BIGINT UNSIGNED NOT NULL,
  from_status VARCHAR(16) NULL,                   -- NULL on the receiving step
  to_status VARCHAR(16) NOT NULL,                 -- equal to from_status for a note
  note TEXT NULL,
  answer TEXT NULL,
  assignee_id BIGINT UNSIGNED NULL,               -- the assignee from this step on
  KEY complaint_step_complaint (complaint_id, id),
  CONSTRAINT complaint_step_complaint_fk FOREIGN KEY (complaint_id) REFERENCES complaint (id),
  CONSTRAINT complaint_step_by_fk FOREIGN KEY (by_user) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The database itself refuses to lose a complaint or rewrite its history.
CREATE TRIGGER IF NOT EXISTS complaint_no_delete BEFORE DELETE ON complaint
  FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A4.3: complaints are never deleted';
CREATE TRIGGER IF NOT EXISTS complaint_step_no_delete BEFORE DELETE ON complaint_step
  FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A4.3: complaint steps are never deleted';
CREATE TRIGGER IF NOT EXISTS complaint_step_no_update BEFORE UPDATE ON complaint_step
  FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A4.3: complaint steps are never changed';
