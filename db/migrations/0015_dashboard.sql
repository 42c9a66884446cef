-- 0015_dashboard.sql: the council dashboard (docs/rules.md): record views counted
-- ahead of time, so that the page never counts millions of audit rows.
--
-- `mogamictl dashboard refresh` (the scheduler, every jobs_dashboard_secs)
-- adds the audit rows with done_id < id <= seen_id to the two tables, then
-- moves done_id to seen_id and seen_id to the current MAX(id). A row
-- therefore waits one whole interval before it is counted ahead of time, so
-- a transaction that took its id early and committed late is not skipped.
-- The page counts the rows with id > done_id live, in the same snapshot as
-- the tables: a figure is exact whenever the page is drawn.

-- Views per month (Japan), facility of the viewer and profession.
CREATE TABLE IF NOT EXISTS dash_view_month (
  month CHAR(7) CHARACTER SET ascii NOT NULL,     -- YYYY-MM in Japan
  facility_id BIGINT UNSIGNED NOT NULL,           -- 0: the entry had none
  profession VARCHAR(32) NOT NULL,                -- '': unknown
  views BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (month, facility_id, profession)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Views per day (Japan) and facility: the last 90 days of use.
CREATE TABLE IF NOT EXISTS dash_view_day (
  day DATE NOT NULL,
  facility_id BIGINT UNSIGNED NOT NULL,
  views BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (day, facility_id)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS dash_state (
  id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  done_id BIGINT UNSIGNED NOT NULL,     -- audit rows with id <= done_id are counted
  seen_id BIGINT UNSIGNED NOT NULL,     -- MAX(audit.id) at the previous refresh
  refreshed_at DATETIME(6) NULL
) ENGINE=InnoDB;
INSERT IGNORE INTO dash_state (id, done_id, seen_id) VALUES (1, 0, 0);

-- The dashboard's other figures are range queries by month on small tables.
CREATE INDEX IF NOT EXISTS consent_registered ON consent (registered_at);
CREATE INDEX IF NOT EXISTS consent_revocation_received ON consent_revocation (received_at);
CREATE INDEX IF NOT EXISTS emergency_started ON emergency_access (started_at);
CREATE INDEX IF NOT EXISTS misuse_alert_created ON misuse_alert (created_at);
CREATE INDEX IF NOT EXISTS complaint_received ON complaint (received_at);
