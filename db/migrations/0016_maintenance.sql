-- 0016_maintenance.sql: maintenance windows (A15). Planned windows are
-- announced from announce_from on; an unplanned one starts at once and has
-- no end until the operator switches it off (ends_at set then).
CREATE TABLE IF NOT EXISTS maintenance (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind VARCHAR(16) NOT NULL,                 -- planned, unplanned
  title VARCHAR(200) NOT NULL,
  starts_at DATETIME NOT NULL,
  ends_at DATETIME NULL,                     -- NULL: until switched off
  announce_from DATETIME NOT NULL,
  created_at DATETIME(6) NOT NULL,
  created_by BIGINT UNSIGNED NULL,           -- NULL: the admin tool
  cancelled_at DATETIME(6) NULL,
  cancelled_by BIGINT UNSIGNED NULL,
  version INT NOT NULL DEFAULT 1,
  KEY maintenance_when (cancelled_at, starts_at, ends_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
