-- 0005_ledger.sql: the security ledger per facility: terminals, their antivirus and software, the external-media procedure (A6.4)
CREATE TABLE IF NOT EXISTS ledger_terminal (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  facility_id BIGINT UNSIGNED NOT NULL,
  name VARCHAR(100) NOT NULL,
  av_product VARCHAR(100) NOT NULL,
  av_paid TINYINT NOT NULL,
  av_def_date DATE NOT NULL,
  version INT NOT NULL DEFAULT 1,
  idem_token CHAR(32) NULL,
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  UNIQUE KEY ledger_terminal_idem (idem_token),
  KEY ledger_terminal_facility (facility_id),
  CONSTRAINT ledger_terminal_facility_fk FOREIGN KEY (facility_id) REFERENCES facility (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS ledger_software (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  terminal_id BIGINT UNSIGNED NOT NULL,
  name VARCHAR(100) NOT NULL,
  sw_version VARCHAR(50) NOT NULL DEFAULT '',
  idem_token CHAR(32) NULL,
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  UNIQUE KEY ledger_software_idem (idem_token),
  KEY ledger_software_terminal (terminal_id),
  CONSTRAINT ledger_software_terminal_fk FOREIGN KEY (terminal_id) REFERENCES ledger_terminal (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One external-media (USB) procedure per facility.
CREATE TABLE IF NOT EXISTS ledger_media_procedure (
  facility_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  body TEXT NOT NULL,
  established DATE NOT NULL,
  version INT NOT NULL DEFAULT 1,
  updated_by BIGINT UNSIGNED NULL,
  updated_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  CONSTRAINT ledger_media_procedure_facility_fk FOREIGN KEY (facility_id) REFERENCES facility (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
