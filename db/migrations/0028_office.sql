-- 0028_office.sql: the network office's weekday work in the browser (issue 20):
-- a facility's particulars, the council decision behind each move in or out
-- of the region (A18), accounts disabled and enabled with a reason, where an
-- import source's warning starts and a "run now" waiting for the scheduler.

-- What the facility list and the office need to reach a facility.
ALTER TABLE facility
  ADD COLUMN IF NOT EXISTS medical_code VARCHAR(10) NULL,   -- 医療機関コード (10 digits)
  ADD COLUMN IF NOT EXISTS address VARCHAR(300) NULL,
  ADD COLUMN IF NOT EXISTS phone VARCHAR(30) NULL,
  ADD COLUMN IF NOT EXISTS contact VARCHAR(100) NULL;

-- A18: every move in or out of the region, and the decision it rests on: a
-- council meeting, or the president's sole decision with its reason.
CREATE TABLE IF NOT EXISTS facility_region_change (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  facility_id BIGINT UNSIGNED NOT NULL,
  in_region TINYINT NOT NULL,                 -- what it became
  decision_kind VARCHAR(16) NOT NULL,         -- meeting, sole
  meeting_id BIGINT UNSIGNED NULL,
  decided_on DATE NOT NULL,
  sole_reason VARCHAR(1000) NULL,
  note VARCHAR(1000) NULL,
  changed_by BIGINT UNSIGNED NOT NULL,
  changed_at DATETIME(6) NOT NULL,
  KEY facility_region_change_facility (facility_id, changed_at),
  CONSTRAINT facility_region_change_facility_fk FOREIGN KEY (facility_id) REFERENCES facility (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An account disabled or enabled again outside the A13 procedure (long
-- leave ...): who, when, why. Never deleted.
CREATE TABLE IF NOT EXISTS user_status_change (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  status VARCHAR(16) NOT NULL,                -- what it became: disabled, active
  reason VARCHAR(1000) NOT NULL,
  changed_by BIGINT UNSIGNED NOT NULL,
  changed_at DATETIME(6) NOT NULL,
  KEY user_status_change_user (user_id, changed_at),
  CONSTRAINT user_status_change_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An import source warns when nothing arrived for stale_days; "run now"
-- sets run_requested_at, the scheduler's next pass runs it and clears it.
ALTER TABLE facility_ssmix2
  ADD COLUMN IF NOT EXISTS stale_days INT NOT NULL DEFAULT 3,
  ADD COLUMN IF NOT EXISTS run_requested_at DATETIME(6) NULL,
  ADD COLUMN IF NOT EXISTS version INT NOT NULL DEFAULT 1;

-- Form 1's manager becomes an account when it is approved, form 2's
-- applicant one with the role asked for (user, facility_manager, or
-- "user,facility_manager"). The rules branch's 0029 adds the same columns
-- with the paper forms' other fields (IF NOT EXISTS: whichever runs first).
ALTER TABLE application
  ADD COLUMN IF NOT EXISTS manager_login VARCHAR(64) NULL,
  ADD COLUMN IF NOT EXISTS manager_profession VARCHAR(32) NULL,
  ADD COLUMN IF NOT EXISTS requested_role VARCHAR(64) NULL;
