-- 0034_dash_counts.sql: the council dashboard's figures counted ahead by
-- their writers (issue 23). The page read consent, consent_revocation,
-- emergency_access, misuse_alert, complaint, users and user_role for the
-- period at every request: at 100,000 patients that was most of its time.
-- Now each write of those tables changes the kept counts below in the
-- writer's own transaction, by the triggers below, whoever writes (a page,
-- mogamictl, the importer, a restore, a test's SQL): a new consent shows on
-- the very next request. Record views stay counted by `mogamictl dashboard
-- refresh` from the audit log (0015): no trigger on audit, whose insert is
-- every view's hot path.
--
-- A count is changed by INSERT ... ON DUPLICATE KEY UPDATE n = n + delta:
-- two writers of one month wait for each other's row lock, never lose a
-- count. The counts are signed (a delete or an update subtracts first).
-- Months and days are in Japan, as the page showed them: the month of t is
-- DATE_FORMAT(t + INTERVAL 9 HOUR, '%Y-%m'). `mogamictl dashboard verify`
-- recomputes every kept count from the source tables; `dashboard refresh
-- --rebuild` calls dash_counts_rebuild().
--
-- Statements in this file end where a line ends with ';' (db_run_script):
-- routine bodies are one statement each.

-- Consents registered (found void: status rejected) and form 5 received,
-- per month.
CREATE TABLE IF NOT EXISTS dash_consent_month (
  month CHAR(7) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  registered BIGINT NOT NULL DEFAULT 0,
  voided BIGINT NOT NULL DEFAULT 0,
  revoked BIGINT NOT NULL DEFAULT 0
) ENGINE=InnoDB;

-- The 90 days of use (consents and record views per facility in a window
-- of days) as running totals: consents_to is every consent the facility
-- registered on that day (Japan) or before, so a window is the difference
-- of two rows found by the key, whatever its length (per-day rows summed
-- were 90 rows a facility at every request). A row exists for a day
-- something was counted on; a consent registered with an earlier date adds
-- to every later row of its facility.
CREATE TABLE IF NOT EXISTS dash_consent_cum (
  facility_id BIGINT UNSIGNED NOT NULL,
  day DATE NOT NULL,
  consents_to BIGINT NOT NULL,
  PRIMARY KEY (facility_id, day)
) ENGINE=InnoDB;

-- The same of the record views counted ahead (dash_view_day), kept by
-- `mogamictl dashboard refresh`: views_to is the facility's views on that
-- day or before.
CREATE TABLE IF NOT EXISTS dash_view_cum (
  facility_id BIGINT UNSIGNED NOT NULL,
  day DATE NOT NULL,
  views_to BIGINT NOT NULL,
  PRIMARY KEY (facility_id, day)
) ENGINE=InnoDB;
-- A refresh counts the running totals again from the first day a batch
-- counted on, facility by facility.
CREATE INDEX IF NOT EXISTS dash_view_day_facility ON dash_view_day (facility_id, day);

-- Emergency accesses per month started, by review and follow-up state.
CREATE TABLE IF NOT EXISTS dash_emergency_month (
  month CHAR(7) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  n BIGINT NOT NULL DEFAULT 0,
  pending BIGINT NOT NULL DEFAULT 0,
  appropriate BIGINT NOT NULL DEFAULT 0,
  improper BIGINT NOT NULL DEFAULT 0,
  fu_open BIGINT NOT NULL DEFAULT 0,
  fu_consented BIGINT NOT NULL DEFAULT 0,
  fu_cannot BIGINT NOT NULL DEFAULT 0
) ENGINE=InnoDB;

-- Misuse reports per month created and rule, by the operator's decision.
CREATE TABLE IF NOT EXISTS dash_misuse_month (
  month CHAR(7) CHARACTER SET ascii NOT NULL,
  rule VARCHAR(32) NOT NULL,
  n BIGINT NOT NULL DEFAULT 0,
  open BIGINT NOT NULL DEFAULT 0,
  dismissed BIGINT NOT NULL DEFAULT 0,
  guidance BIGINT NOT NULL DEFAULT 0,
  warning BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (month, rule)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Complaints per month received. The page shows the mean and the median
-- days to the answer and to the closing, so the durations are kept as a
-- count per value: kind r (value 0) the complaints received, a seconds to
-- the answer, c seconds to the closing, o the due date (days since
-- 1970-01-01) of one still open (overdue is a due date before today, told
-- when read). A month holds as many rows as it had complaints at most.
CREATE TABLE IF NOT EXISTS dash_complaint_value (
  month CHAR(7) CHARACTER SET ascii NOT NULL,
  kind CHAR(1) CHARACTER SET ascii NOT NULL,
  value BIGINT NOT NULL,
  n BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (month, kind, value)
) ENGINE=InnoDB;

-- Users per facility and profession ('' none): active ones, and active
-- ones with an ID to view (role user or facility_manager). Recounted per
-- facility from users (a facility's staff, by users_facility) when a user
-- or a role changes.
CREATE TABLE IF NOT EXISTS dash_user (
  facility_id BIGINT UNSIGNED NOT NULL,
  profession VARCHAR(32) NOT NULL,
  active BIGINT NOT NULL DEFAULT 0,
  viewers BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (facility_id, profession)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One consent counted (d 1) or taken back (d -1).
DROP PROCEDURE IF EXISTS dash_consent_count;
CREATE PROCEDURE dash_consent_count(t DATETIME(6), st VARCHAR(16),
    fac BIGINT UNSIGNED, d INT)
  MODIFIES SQL DATA
  BEGIN
    INSERT INTO dash_consent_month (month, registered, voided, revoked)
    VALUES (DATE_FORMAT(t + INTERVAL 9 HOUR, '%Y-%m'), d, d * (st = 'rejected'), 0)
    ON DUPLICATE KEY UPDATE registered = registered + VALUES(registered),
      voided = voided + VALUES(voided)
    ; INSERT INTO dash_consent_cum (facility_id, day, consents_to)
    SELECT fac, DATE(t + INTERVAL 9 HOUR), d + COALESCE((SELECT c.consents_to
      FROM dash_consent_cum c WHERE c.facility_id = fac
      AND c.day < DATE(t + INTERVAL 9 HOUR) ORDER BY c.day DESC LIMIT 1), 0) FROM DUAL
    ON DUPLICATE KEY UPDATE consents_to = consents_to + d
    ; UPDATE dash_consent_cum SET consents_to = consents_to + d
    WHERE facility_id = fac AND day > DATE(t + INTERVAL 9 HOUR)
  ; END;

DROP PROCEDURE IF EXISTS dash_revocation_count;
CREATE PROCEDURE dash_revocation_count(t DATETIME(6), d INT)
  MODIFIES SQL DATA
  INSERT INTO dash_consent_month (month, registered, voided, revoked)
  VALUES (DATE_FORMAT(t + INTERVAL 9 HOUR, '%Y-%m'), 0, 0, d)
  ON DUPLICATE KEY UPDATE revoked = revoked + VALUES(revoked);

DROP PROCEDURE IF EXISTS dash_emergency_count;
CREATE PROCEDURE dash_emergency_count(t DATETIME(6), rs VARCHAR(16),
    fs VARCHAR(16), d INT)
  MODIFIES SQL DATA
  INSERT INTO dash_emergency_month (month, n, pending, appropriate, improper,
    fu_open, fu_consented, fu_cannot)
  VALUES (DATE_FORMAT(t + INTERVAL 9 HOUR, '%Y-%m'), d, d * (rs = 'pending'),
    d * (rs = 'appropriate'), d * (rs = 'improper'), d * (fs = 'open'),
    d * (fs = 'consented'), d * (fs = 'cannot'))
  ON DUPLICATE KEY UPDATE n = n + VALUES(n), pending = pending + VALUES(pending),
    appropriate = appropriate + VALUES(appropriate),
    improper = improper + VALUES(improper), fu_open = fu_open + VALUES(fu_open),
    fu_consented = fu_consented + VALUES(fu_consented),
    fu_cannot = fu_cannot + VALUES(fu_cannot);

DROP PROCEDURE IF EXISTS dash_misuse_count;
CREATE PROCEDURE dash_misuse_count(t DATETIME(6), r VARCHAR(32), st VARCHAR(16), d INT)
  MODIFIES SQL DATA
  INSERT INTO dash_misuse_month (month, rule, n, open, dismissed, guidance, warning)
  VALUES (DATE_FORMAT(t + INTERVAL 9 HOUR, '%Y-%m'), r, d, d * (st = 'open'),
    d * (st = 'dismissed'), d * (st = 'guidance'), d * (st = 'warning'))
  ON DUPLICATE KEY UPDATE n = n + VALUES(n), open = open + VALUES(open),
    dismissed = dismissed + VALUES(dismissed), guidance = guidance + VALUES(guidance),
    warning = warning + VALUES(warning);

-- One value of a complaint's month counted (d 1) or taken back (d -1); a
-- NULL value (not answered, not closed, not open) is not counted.
DROP PROCEDURE IF EXISTS dash_complaint_value_count;
CREATE PROCEDURE dash_complaint_value_count(m CHAR(7), k CHAR(1), v BIGINT, d INT)
  MODIFIES SQL DATA
  INSERT INTO dash_complaint_value (month, kind, value, n)
  SELECT m, k, v, d FROM DUAL WHERE v IS NOT NULL
  ON DUPLICATE KEY UPDATE n = n + VALUES(n);

DROP PROCEDURE IF EXISTS dash_complaint_count;
CREATE PROCEDURE dash_complaint_count(rcv DATETIME(6), ans DATETIME(6),
    cls DATETIME(6), st VARCHAR(16), due DATE, d INT)
  MODIFIES SQL DATA
  BEGIN
    DECLARE m CHAR(7) DEFAULT DATE_FORMAT(rcv + INTERVAL 9 HOUR, '%Y-%m')
    ; CALL dash_complaint_value_count(m, 'r', 0, d)
    ; CALL dash_complaint_value_count(m, 'a', TIMESTAMPDIFF(SECOND, rcv, ans), d)
    ; CALL dash_complaint_value_count(m, 'c', TIMESTAMPDIFF(SECOND, rcv, cls), d)
    ; CALL dash_complaint_value_count(m, 'o', IF(st IN ('received', 'investigating'),
      DATEDIFF(due, '1970-01-01'), NULL), d)
  ; END;

-- A facility's users counted again (its staff: a few hundred at most).
DROP PROCEDURE IF EXISTS dash_user_keep;
CREATE PROCEDURE dash_user_keep(fac BIGINT UNSIGNED)
  MODIFIES SQL DATA
  BEGIN
    DELETE FROM dash_user WHERE facility_id = fac
    ; INSERT INTO dash_user (facility_id, profession, active, viewers)
    SELECT u.facility_id, COALESCE(u.profession, ''), SUM(u.status = 'active'),
      SUM(u.status = 'active' AND EXISTS (SELECT 1 FROM user_role r
        WHERE r.user_id = u.id AND r.role IN ('user', 'facility_manager')))
    FROM users u WHERE u.facility_id = fac
    GROUP BY u.facility_id, COALESCE(u.profession, '')
    HAVING SUM(u.status = 'active') > 0
  ; END;

DROP TRIGGER IF EXISTS dash_consent_ai;
CREATE TRIGGER dash_consent_ai AFTER INSERT ON consent
  FOR EACH ROW CALL dash_consent_count(NEW.registered_at, NEW.status, NEW.facility_id, 1);
DROP TRIGGER IF EXISTS dash_consent_au;
CREATE TRIGGER dash_consent_au AFTER UPDATE ON consent
  FOR EACH ROW BEGIN
    IF NOT (NEW.registered_at <=> OLD.registered_at AND NEW.status <=> OLD.status
      AND NEW.facility_id <=> OLD.facility_id) THEN
      CALL dash_consent_count(OLD.registered_at, OLD.status, OLD.facility_id, -1)
      ; CALL dash_consent_count(NEW.registered_at, NEW.status, NEW.facility_id, 1)
    ; END IF
  ; END;
DROP TRIGGER IF EXISTS dash_consent_ad;
CREATE TRIGGER dash_consent_ad AFTER DELETE ON consent
  FOR EACH ROW CALL dash_consent_count(OLD.registered_at, OLD.status, OLD.facility_id, -1);

DROP TRIGGER IF EXISTS dash_revocation_ai;
CREATE TRIGGER dash_revocation_ai AFTER INSERT ON consent_revocation
  FOR EACH ROW CALL dash_revocation_count(NEW.received_at, 1);
DROP TRIGGER IF EXISTS dash_revocation_au;
CREATE TRIGGER dash_revocation_au AFTER UPDATE ON consent_revocation
  FOR EACH ROW BEGIN
    IF NOT (NEW.received_at <=> OLD.received_at) THEN
      CALL dash_revocation_count(OLD.received_at, -1)
      ; CALL dash_revocation_count(NEW.received_at, 1)
    ; END IF
  ; END;
DROP TRIGGER IF EXISTS dash_revocation_ad;
CREATE TRIGGER dash_revocation_ad AFTER DELETE ON consent_revocation
  FOR EACH ROW CALL dash_revocation_count(OLD.received_at, -1);

DROP TRIGGER IF EXISTS dash_emergency_ai;
CREATE TRIGGER dash_emergency_ai AFTER INSERT ON emergency_access
  FOR EACH ROW CALL dash_emergency_count(NEW.started_at, NEW.review_status,
    NEW.followup_status, 1);
DROP TRIGGER IF EXISTS dash_emergency_au;
CREATE TRIGGER dash_emergency_au AFTER UPDATE ON emergency_access
  FOR EACH ROW BEGIN
    IF NOT (NEW.started_at <=> OLD.started_at AND NEW.review_status <=> OLD.review_status
      AND NEW.followup_status <=> OLD.followup_status) THEN
      CALL dash_emergency_count(OLD.started_at, OLD.review_status, OLD.followup_status, -1)
      ; CALL dash_emergency_count(NEW.started_at, NEW.review_status, NEW.followup_status, 1)
    ; END IF
  ; END;
DROP TRIGGER IF EXISTS dash_emergency_ad;
CREATE TRIGGER dash_emergency_ad AFTER DELETE ON emergency_access
  FOR EACH ROW CALL dash_emergency_count(OLD.started_at, OLD.review_status,
    OLD.followup_status, -1);

DROP TRIGGER IF EXISTS dash_misuse_ai;
CREATE TRIGGER dash_misuse_ai AFTER INSERT ON misuse_alert
  FOR EACH ROW CALL dash_misuse_count(NEW.created_at, NEW.rule, NEW.status, 1);
DROP TRIGGER IF EXISTS dash_misuse_au;
CREATE TRIGGER dash_misuse_au AFTER UPDATE ON misuse_alert
  FOR EACH ROW BEGIN
    IF NOT (NEW.created_at <=> OLD.created_at AND NEW.rule <=> OLD.rule
      AND NEW.status <=> OLD.status) THEN
      CALL dash_misuse_count(OLD.created_at, OLD.rule, OLD.status, -1)
      ; CALL dash_misuse_count(NEW.created_at, NEW.rule, NEW.status, 1)
    ; END IF
  ; END;
DROP TRIGGER IF EXISTS dash_misuse_ad;
CREATE TRIGGER dash_misuse_ad AFTER DELETE ON misuse_alert
  FOR EACH ROW CALL dash_misuse_count(OLD.created_at, OLD.rule, OLD.status, -1);

DROP TRIGGER IF EXISTS dash_complaint_ai;
CREATE TRIGGER dash_complaint_ai AFTER INSERT ON complaint
  FOR EACH ROW CALL dash_complaint_count(NEW.received_at, NEW.answered_at,
    NEW.closed_at, NEW.status, NEW.due_on, 1);
DROP TRIGGER IF EXISTS dash_complaint_au;
CREATE TRIGGER dash_complaint_au AFTER UPDATE ON complaint
  FOR EACH ROW BEGIN
    IF NOT (NEW.received_at <=> OLD.received_at AND NEW.answered_at <=> OLD.answered_at
      AND NEW.closed_at <=> OLD.closed_at AND NEW.status <=> OLD.status
      AND NEW.due_on <=> OLD.due_on) THEN
      CALL dash_complaint_count(OLD.received_at, OLD.answered_at, OLD.closed_at,
        OLD.status, OLD.due_on, -1)
      ; CALL dash_complaint_count(NEW.received_at, NEW.answered_at, NEW.closed_at,
        NEW.status, NEW.due_on, 1)
    ; END IF
  ; END;
DROP TRIGGER IF EXISTS dash_complaint_ad;
CREATE TRIGGER dash_complaint_ad AFTER DELETE ON complaint
  FOR EACH ROW CALL dash_complaint_count(OLD.received_at, OLD.answered_at,
    OLD.closed_at, OLD.status, OLD.due_on, -1);

-- A failed login's count or a new password changes users too often to
-- count a facility again for each: only its status, facility or
-- profession matter.
DROP TRIGGER IF EXISTS dash_users_ai;
CREATE TRIGGER dash_users_ai AFTER INSERT ON users
  FOR EACH ROW CALL dash_user_keep(NEW.facility_id);
DROP TRIGGER IF EXISTS dash_users_au;
CREATE TRIGGER dash_users_au AFTER UPDATE ON users
  FOR EACH ROW BEGIN
    IF NOT (NEW.status <=> OLD.status AND NEW.facility_id <=> OLD.facility_id
      AND NEW.profession <=> OLD.profession) THEN
      CALL dash_user_keep(OLD.facility_id)
      ; IF NOT (NEW.facility_id <=> OLD.facility_id) THEN
        CALL dash_user_keep(NEW.facility_id)
      ; END IF
    ; END IF
  ; END;
DROP TRIGGER IF EXISTS dash_users_ad;
CREATE TRIGGER dash_users_ad AFTER DELETE ON users
  FOR EACH ROW CALL dash_user_keep(OLD.facility_id);

DROP TRIGGER IF EXISTS dash_role_ai;
CREATE TRIGGER dash_role_ai AFTER INSERT ON user_role
  FOR EACH ROW CALL dash_user_keep((SELECT facility_id FROM users WHERE id = NEW.user_id));
DROP TRIGGER IF EXISTS dash_role_au;
CREATE TRIGGER dash_role_au AFTER UPDATE ON user_role
  FOR EACH ROW BEGIN
    CALL dash_user_keep((SELECT facility_id FROM users WHERE id = OLD.user_id))
    ; IF NOT (NEW.user_id <=> OLD.user_id) THEN
      CALL dash_user_keep((SELECT facility_id FROM users WHERE id = NEW.user_id))
    ; END IF
  ; END;
DROP TRIGGER IF EXISTS dash_role_ad;
CREATE TRIGGER dash_role_ad AFTER DELETE ON user_role
  FOR EACH ROW CALL dash_user_keep((SELECT facility_id FROM users WHERE id = OLD.user_id));

-- Every kept count from its source tables, in the caller's transaction
-- (mogamictl dashboard refresh --rebuild; the first fill below), and the
-- running totals of the views counted ahead from dash_view_day (a rebuild
-- has emptied it first: the refresh fills both again). Its reads lock the
-- source rows (INSERT ... SELECT), so a writer waits for it.
DROP PROCEDURE IF EXISTS dash_counts_rebuild;
CREATE PROCEDURE dash_counts_rebuild()
  MODIFIES SQL DATA
  BEGIN
    DELETE FROM dash_consent_month
    ; DELETE FROM dash_consent_cum
    ; DELETE FROM dash_view_cum
    ; DELETE FROM dash_emergency_month
    ; DELETE FROM dash_misuse_month
    ; DELETE FROM dash_complaint_value
    ; DELETE FROM dash_user
    ; INSERT INTO dash_consent_month (month, registered, voided, revoked)
    SELECT m, SUM(reg), SUM(void), SUM(rev) FROM (
      SELECT DATE_FORMAT(registered_at + INTERVAL 9 HOUR, '%Y-%m') AS m, 1 AS reg,
        status = 'rejected' AS void, 0 AS rev FROM consent
      UNION ALL SELECT DATE_FORMAT(received_at + INTERVAL 9 HOUR, '%Y-%m'), 0, 0, 1
        FROM consent_revocation) x GROUP BY m
    ; INSERT INTO dash_consent_cum (facility_id, day, consents_to)
    SELECT facility_id, day, SUM(n) OVER (PARTITION BY facility_id ORDER BY day) FROM (
      SELECT facility_id, DATE(registered_at + INTERVAL 9 HOUR) AS day, COUNT(*) AS n
      FROM consent GROUP BY 1, 2) x
    ; INSERT INTO dash_view_cum (facility_id, day, views_to)
    SELECT facility_id, day, SUM(views) OVER (PARTITION BY facility_id ORDER BY day)
    FROM dash_view_day
    ; INSERT INTO dash_emergency_month (month, n, pending, appropriate, improper,
      fu_open, fu_consented, fu_cannot)
    SELECT DATE_FORMAT(started_at + INTERVAL 9 HOUR, '%Y-%m'), COUNT(*),
      SUM(review_status = 'pending'), SUM(review_status = 'appropriate'),
      SUM(review_status = 'improper'), SUM(followup_status = 'open'),
      SUM(followup_status = 'consented'), SUM(followup_status = 'cannot')
    FROM emergency_access GROUP BY 1
    ; INSERT INTO dash_misuse_month (month, rule, n, open, dismissed, guidance, warning)
    SELECT DATE_FORMAT(created_at + INTERVAL 9 HOUR, '%Y-%m'), rule, COUNT(*),
      SUM(status = 'open'), SUM(status = 'dismissed'), SUM(status = 'guidance'),
      SUM(status = 'warning')
    FROM misuse_alert GROUP BY 1, 2
    ; INSERT INTO dash_complaint_value (month, kind, value, n)
    SELECT m, k, v, COUNT(*) FROM (
      SELECT DATE_FORMAT(received_at + INTERVAL 9 HOUR, '%Y-%m') AS m, 'r' AS k, 0 AS v
        FROM complaint
      UNION ALL SELECT DATE_FORMAT(received_at + INTERVAL 9 HOUR, '%Y-%m'), 'a',
        TIMESTAMPDIFF(SECOND, received_at, answered_at) FROM complaint
        WHERE answered_at IS NOT NULL
      UNION ALL SELECT DATE_FORMAT(received_at + INTERVAL 9 HOUR, '%Y-%m'), 'c',
        TIMESTAMPDIFF(SECOND, received_at, closed_at) FROM complaint
        WHERE closed_at IS NOT NULL
      UNION ALL SELECT DATE_FORMAT(received_at + INTERVAL 9 HOUR, '%Y-%m'), 'o',
        DATEDIFF(due_on, '1970-01-01') FROM complaint
        WHERE status IN ('received', 'investigating')) x GROUP BY m, k, v
    ; INSERT INTO dash_user (facility_id, profession, active, viewers)
    SELECT u.facility_id, COALESCE(u.profession, ''), SUM(u.status = 'active'),
      SUM(u.status = 'active' AND EXISTS (SELECT 1 FROM user_role r
        WHERE r.user_id = u.id AND r.role IN ('user', 'facility_manager')))
    FROM users u GROUP BY u.facility_id, COALESCE(u.profession, '')
    HAVING SUM(u.status = 'active') > 0
  ; END;

-- What is there already.
CALL dash_counts_rebuild();
