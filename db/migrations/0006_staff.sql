-- 0006_staff.sql: operator appointments (A3) and the staff registry with history (A4.1)

-- A3: who holds the operator role, since when, appointed by whom. The open
-- appointment (ended_at NULL) is at most one: is_open is UNIQUE.
CREATE TABLE IF NOT EXISTS operator_appointment (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  started_at DATETIME(6) NOT NULL,
  ended_at DATETIME(6) NULL,
  appointed_by BIGINT UNSIGNED NOT NULL,
  is_open TINYINT AS (IF(ended_at IS NULL, 1, NULL)) PERSISTENT,
  UNIQUE KEY operator_appointment_open (is_open),
  KEY operator_appointment_user (user_id),
  CONSTRAINT operator_appointment_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT operator_appointment_by_fk FOREIGN KEY (appointed_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A4.1: management staff (管理担当者) the operator registers and reports to
-- the president. Never deleted: a registration ends with ended_on. version
-- guards edits; form_token makes a double-submitted form one record.
CREATE TABLE IF NOT EXISTS staff_registration (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  title VARCHAR(100) NOT NULL,
  user_id BIGINT UNSIGNED NULL,
  registered_on DATE NOT NULL,
  notified_on DATE NULL,
  ended_on DATE NULL,
  version INT NOT NULL DEFAULT 1,
  form_token CHAR(64) NOT NULL,
  created_by BIGINT UNSIGNED NOT NULL,
  created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  UNIQUE KEY staff_registration_token (form_token),
  KEY staff_registration_user (user_id),
  CONSTRAINT staff_registration_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT staff_registration_by_fk FOREIGN KEY (created_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every version of every registration, as it was after each change.
CREATE TABLE IF NOT EXISTS staff_registration_history (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  registration_id BIGINT UNSIGNED NOT NULL,
  version INT NOT NULL,
  action VARCHAR(16) NOT NULL,
  name VARCHAR(100) NOT NULL,
  title VARCHAR(100) NOT NULL,
  user_id BIGINT UNSIGNED NULL,
  registered_on DATE NOT NULL,
  notified_on DATE NULL,
  ended_on DATE NULL,
  changed_by BIGINT UNSIGNED NOT NULL,
  changed_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  UNIQUE KEY staff_registration_history_version (registration_id, version),
  CONSTRAINT staff_registration_history_reg_fk FOREIGN KEY (registration_id)
    REFERENCES staff_registration (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
