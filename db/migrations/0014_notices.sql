-- 0014_notices.sql: notices of a change or stop of a function and their
-- acknowledgement (A16), messages between users and their moderation
-- (A17), agreements with other regional networks (A18). Nothing here is
-- ever deleted: triggers refuse it, and cgi/db/sql_*.h has no statement for it.

-- A16: a notice is drafted, then published; a notice whose effective day is
-- not after its publication is an emergency change and is published only
-- with the president's approval (approved_by, approved_at).
CREATE TABLE IF NOT EXISTS notice (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind VARCHAR(16) NOT NULL,                       -- change, stop
  title VARCHAR(200) NOT NULL,
  body VARCHAR(4000) NOT NULL,
  effective_on DATE NOT NULL,
  facility_id BIGINT UNSIGNED NULL,                -- NULL: every user; else its users
  status VARCHAR(16) NOT NULL DEFAULT 'draft',     -- draft, published
  emergency TINYINT NOT NULL DEFAULT 0,            -- set at publication
  created_by BIGINT UNSIGNED NOT NULL,
  created_at DATETIME(6) NOT NULL,
  approved_by BIGINT UNSIGNED NULL,
  approved_at DATETIME(6) NULL,
  approval_note VARCHAR(1000) NULL,
  published_by BIGINT UNSIGNED NULL,
  published_at DATETIME(6) NULL,
  version INT NOT NULL DEFAULT 1,
  KEY notice_published (status, published_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS notice_ack (
  notice_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  acked_at DATETIME(6) NOT NULL,
  PRIMARY KEY (notice_id, user_id),
  KEY notice_ack_user (user_id),
  CONSTRAINT notice_ack_notice_fk FOREIGN KEY (notice_id) REFERENCES notice (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TRIGGER IF NOT EXISTS notice_no_delete BEFORE DELETE ON notice
  FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A16: notices are never deleted';
CREATE TRIGGER IF NOT EXISTS notice_ack_no_delete BEFORE DELETE ON notice_ack
  FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A16: acknowledgements are never deleted';

-- A17: a message to one user or to a facility's users. The operator's
-- deletion empties subject, body and patient reference and keeps who, when
-- and why.
CREATE TABLE IF NOT EXISTS message (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  sender_id BIGINT UNSIGNED NOT NULL,
  sender_facility_id BIGINT UNSIGNED NOT NULL,
  to_user_id BIGINT UNSIGNED NULL,
  to_facility_id BIGINT UNSIGNED NULL,
  subject VARCHAR(200) NULL,
  body VARCHAR(4000) NULL,
  patient_id BIGINT UNSIGNED NULL,
  sent_at DATETIME(6) NOT NULL,
  idem CHAR(64) NOT NULL,
  deleted_at DATETIME(6) NULL,
  deleted_by BIGINT UNSIGNED NULL,
  delete_reason VARCHAR(1000) NULL,
  version INT NOT NULL DEFAULT 1,
  UNIQUE KEY message_idem (idem),
  KEY message_to_user (to_user_id, sent_at),
  KEY message_to_facility (to_facility_id, sent_at),
  KEY message_sender (sender_id, sent_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS message_read (
  message_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  read_at DATETIME(6) NOT NULL,
  PRIMARY KEY (message_id, user_id),
  CONSTRAINT message_read_fk FOREIGN KEY (message_id) REFERENCES message (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS message_report (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  message_id BIGINT UNSIGNED NOT NULL,
  reporter_id BIGINT UNSIGNED NOT NULL,
  reason VARCHAR(1000) NOT NULL,
  reported_at DATETIME(6) NOT NULL,
  KEY message_report_msg (message_id),
  CONSTRAINT message_report_fk FOREIGN KEY (message_id) REFERENCES message (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER IF NOT EXISTS message_no_delete BEFORE DELETE ON message
  FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A17: messages are never deleted, only emptied';
CREATE TRIGGER IF NOT EXISTS message_report_no_delete BEFORE DELETE ON message_report
  FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A17: reports are never deleted';

-- A18: agreements (協定書) with other regional networks and the points
-- where the two networks' rules differ. A removed point stays, marked.
CREATE TABLE IF NOT EXISTS agreement (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  partner VARCHAR(200) NOT NULL,
  signed_on DATE NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'draft',     -- draft, active, ended
  note VARCHAR(2000) NULL,
  created_by BIGINT UNSIGNED NOT NULL,
  created_at DATETIME(6) NOT NULL,
  updated_by BIGINT UNSIGNED NULL,
  updated_at DATETIME(6) NULL,
  version INT NOT NULL DEFAULT 1
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS agreement_point (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  agreement_id BIGINT UNSIGNED NOT NULL,
  topic VARCHAR(200) NOT NULL,                     -- the matter, e.g. 同意の取得方法
  ours VARCHAR(1000) NOT NULL,                     -- our rule
  theirs VARCHAR(1000) NOT NULL,                   -- the partner's rule / what is agreed
  added_by BIGINT UNSIGNED NOT NULL,
  added_at DATETIME(6) NOT NULL,
  removed_by BIGINT UNSIGNED NULL,
  removed_at DATETIME(6) NULL,
  KEY agreement_point_agreement (agreement_id),
  CONSTRAINT agreement_point_fk FOREIGN KEY (agreement_id) REFERENCES agreement (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER IF NOT EXISTS agreement_no_delete BEFORE DELETE ON agreement
  FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A18: agreements are never deleted';
CREATE TRIGGER IF NOT EXISTS agreement_point_no_delete BEFORE DELETE ON agreement_point
  FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A18: points are never deleted, only marked removed';
