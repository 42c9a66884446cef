-- 0031_facts.sql: the facts a request needs, written where they change (issue 23).
-- A view read about 16 tables before its records: the certificate, session,
-- user, facility, roles, maintenance; the patient, its consents and their
-- facility lists, revocations, merges, links and their facilities' state, the
-- viewer's facility, the user's A14 grants. MariaDB plans every execution of
-- a prepared statement, table by table, and that planning was most of a
-- view's database time. So the facts are kept in a few rows read by their
-- keys, and every write of a fact rewrites them in the writer's own
-- transaction, by the triggers below: whoever writes (a page, mogamictl, the
-- importer, the region loader, a test's SQL), a form 5, a revoked
-- certificate or a cancelled facility bites on the very next request. No
-- worker caches anything. `mogamictl facts verify` recomputes every kept row
-- from the source tables with the statements the pages used before.
--
-- Concurrency: a kept row is rewritten by REPLACE ... SELECT, whose reads of
-- the source tables (in the functions below too) are locking reads under
-- REPEATABLE READ: they wait for a writer of the same patient to commit and
-- read the latest rows, so two writers of one patient cannot leave a row that
-- misses the other's fact (at worst one of them meets a deadlock and rolls
-- back, writing nothing).
--
-- Statements in this file end where a line ends with ';' (db_run_script):
-- routine bodies are one statement each.

-- One row per patient: the facts consent_decide() reads, one line each,
-- "k a b c" (rules/access.c reads them as it read the tagged rows of the
-- former statement): p status | 4 if duplicates were merged into it,
-- cancelled_at us, 0; c consent id, registered_at us, flags; d consent id,
-- side (1 viewing), facility id; r received_at us, signed day, 0; l facility,
-- link id, 0 (links in the order of their ids, as the pages read them before:
-- the first that allows names the verdict). A merged duplicate's consents and revocations are the
-- survivor's too. What depends on the clock (a consent's start, an A14
-- grant's end, a death's effect) is decided when read.
CREATE TABLE IF NOT EXISTS patient_facts (
  patient_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  facts MEDIUMTEXT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- A14: one expiry per patient and user, however many grants there were
-- (the bench's emergency scenario adds one a request: 9,205 rows of one pair
-- made the facts statement cost 5 ms).
CREATE TABLE IF NOT EXISTS emergency_facts (
  patient_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  expires_us BIGINT NOT NULL,
  PRIMARY KEY (patient_id, user_id)
) ENGINE=InnoDB;

-- The members' states in one row (id 1), a line each: "id active flags"
-- (flags: disclosing | viewing << 1). A decision needs the viewer's and the
-- disclosing facilities' states; a patient without records every member's.
CREATE TABLE IF NOT EXISTS region_facts (
  id TINYINT NOT NULL PRIMARY KEY,
  facilities MEDIUMTEXT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- The request context: the session row carries its user's facts (status,
-- name, facility and its name, roles, profession, end date, the forced
-- password change), kept by the writers of users, user_role and facility.
ALTER TABLE session
  ADD COLUMN IF NOT EXISTS ctx_login VARCHAR(64) NULL,
  ADD COLUMN IF NOT EXISTS ctx_name VARCHAR(100) NULL,
  ADD COLUMN IF NOT EXISTS ctx_user_status VARCHAR(16) NULL,
  ADD COLUMN IF NOT EXISTS ctx_facility_id BIGINT UNSIGNED NULL,
  ADD COLUMN IF NOT EXISTS ctx_facility_name VARCHAR(200) NULL,
  ADD COLUMN IF NOT EXISTS ctx_must_change_pw TINYINT NULL,
  ADD COLUMN IF NOT EXISTS ctx_roles VARCHAR(300) NULL,
  ADD COLUMN IF NOT EXISTS ctx_profession VARCHAR(32) NULL,
  ADD COLUMN IF NOT EXISTS ctx_ends_on DATE NULL;

-- A patient's facts from the source tables, as patient_facts keeps them.
DROP FUNCTION IF EXISTS patient_facts_of;
CREATE FUNCTION patient_facts_of(pid BIGINT UNSIGNED) RETURNS MEDIUMTEXT
  CHARACTER SET ascii READS SQL DATA
  RETURN (SELECT COALESCE(GROUP_CONCAT(CONCAT_WS(' ', x.k, x.a, x.b, x.c)
    ORDER BY x.k, IF(x.k = 'l', x.b, x.a), x.b, x.c SEPARATOR '\n'), '') FROM (
  SELECT 'p' AS k, CASE p.status WHEN 'cancelled' THEN 1 WHEN 'merged' THEN 2 ELSE 0 END
    | 4 * EXISTS (SELECT 1 FROM patient_merge pm WHERE pm.survivor_id = p.id
    AND pm.undone_at IS NULL) AS a,
    COALESCE(TIMESTAMPDIFF(MICROSECOND, '1970-01-01', p.cancelled_at), 0) AS b, 0 AS c
    FROM patient p WHERE p.id = pid
  UNION ALL SELECT 'c', c.id, TIMESTAMPDIFF(MICROSECOND, '1970-01-01', c.registered_at),
    (c.status = 'rejected') | (c.all_disclosing <> 0) << 1 | (c.all_viewing <> 0) << 2
    | (c.status = 'submitted') << 3 | (c.after_revocation <> 0) << 4
    | DATEDIFF(c.signed_on, '1970-01-01') << 8
    FROM consent c WHERE c.patient_id = pid
  UNION ALL SELECT 'c', c.id, TIMESTAMPDIFF(MICROSECOND, '1970-01-01', c.registered_at),
    (c.status = 'rejected') | (c.all_disclosing <> 0) << 1 | (c.all_viewing <> 0) << 2
    | (c.status = 'submitted') << 3 | (c.after_revocation <> 0) << 4
    | DATEDIFF(c.signed_on, '1970-01-01') << 8
    FROM patient_merge pm STRAIGHT_JOIN consent c ON c.patient_id = pm.merged_id
    WHERE pm.survivor_id = pid AND pm.undone_at IS NULL
  UNION ALL SELECT 'd', cf.consent_id, cf.side = 'viewing', cf.facility_id
    FROM consent c STRAIGHT_JOIN consent_facility cf FORCE INDEX (PRIMARY)
    ON cf.consent_id = c.id WHERE c.patient_id = pid
  UNION ALL SELECT 'd', cf.consent_id, cf.side = 'viewing', cf.facility_id
    FROM patient_merge pm STRAIGHT_JOIN consent c ON c.patient_id = pm.merged_id
    STRAIGHT_JOIN consent_facility cf FORCE INDEX (PRIMARY) ON cf.consent_id = c.id
    WHERE pm.survivor_id = pid AND pm.undone_at IS NULL
  UNION ALL SELECT 'r', TIMESTAMPDIFF(MICROSECOND, '1970-01-01', v.received_at),
    DATEDIFF(v.signed_on, '1970-01-01'), 0
    FROM consent_revocation v WHERE v.patient_id = pid
  UNION ALL SELECT 'r', TIMESTAMPDIFF(MICROSECOND, '1970-01-01', v.received_at),
    DATEDIFF(v.signed_on, '1970-01-01'), 0
    FROM patient_merge pm STRAIGHT_JOIN consent_revocation v ON v.patient_id = pm.merged_id
    WHERE pm.survivor_id = pid AND pm.undone_at IS NULL
  UNION ALL SELECT 'l', l.facility_id, l.id, 0
    FROM patient_link l WHERE l.patient_id = pid) x);

-- Rewrites the kept facts of patients a and b (NULL: none) and of the
-- survivors they were merged into.
DROP PROCEDURE IF EXISTS patient_facts_keep;
CREATE PROCEDURE patient_facts_keep(a BIGINT UNSIGNED, b BIGINT UNSIGNED)
  MODIFIES SQL DATA
  REPLACE INTO patient_facts (patient_id, facts)
  SELECT p.id, patient_facts_of(p.id) FROM patient p WHERE p.id IN (a, b)
  UNION SELECT pm.survivor_id, patient_facts_of(pm.survivor_id) FROM patient_merge pm
  WHERE pm.merged_id IN (a, b) AND pm.undone_at IS NULL;

-- The members' states, as region_facts keeps them.
DROP FUNCTION IF EXISTS region_facilities_of;
CREATE FUNCTION region_facilities_of() RETURNS MEDIUMTEXT
  CHARACTER SET ascii READS SQL DATA
  RETURN (SELECT COALESCE(GROUP_CONCAT(CONCAT_WS(' ', id, status = 'active',
    (disclosing <> 0) | (viewing <> 0) << 1) ORDER BY id SEPARATOR '\n'), '')
    FROM facility);

DROP TRIGGER IF EXISTS facts_patient_ai;
CREATE TRIGGER facts_patient_ai AFTER INSERT ON patient
  FOR EACH ROW CALL patient_facts_keep(NEW.id, NULL);
DROP TRIGGER IF EXISTS facts_patient_au;
CREATE TRIGGER facts_patient_au AFTER UPDATE ON patient
  FOR EACH ROW CALL patient_facts_keep(IF(NEW.status <=> OLD.status
    AND NEW.cancelled_at <=> OLD.cancelled_at, NULL, NEW.id), NULL);
DROP TRIGGER IF EXISTS facts_patient_ad;
CREATE TRIGGER facts_patient_ad AFTER DELETE ON patient
  FOR EACH ROW DELETE FROM patient_facts WHERE patient_id = OLD.id;

DROP TRIGGER IF EXISTS facts_consent_ai;
CREATE TRIGGER facts_consent_ai AFTER INSERT ON consent
  FOR EACH ROW CALL patient_facts_keep(NEW.patient_id, NULL);
DROP TRIGGER IF EXISTS facts_consent_au;
CREATE TRIGGER facts_consent_au AFTER UPDATE ON consent
  FOR EACH ROW CALL patient_facts_keep(NEW.patient_id, OLD.patient_id);
DROP TRIGGER IF EXISTS facts_consent_ad;
CREATE TRIGGER facts_consent_ad AFTER DELETE ON consent
  FOR EACH ROW CALL patient_facts_keep(OLD.patient_id, NULL);

DROP TRIGGER IF EXISTS facts_consent_facility_ai;
CREATE TRIGGER facts_consent_facility_ai AFTER INSERT ON consent_facility
  FOR EACH ROW CALL patient_facts_keep((SELECT patient_id FROM consent
    WHERE id = NEW.consent_id), NULL);
DROP TRIGGER IF EXISTS facts_consent_facility_au;
CREATE TRIGGER facts_consent_facility_au AFTER UPDATE ON consent_facility
  FOR EACH ROW CALL patient_facts_keep((SELECT patient_id FROM consent
    WHERE id = NEW.consent_id), (SELECT patient_id FROM consent WHERE id = OLD.consent_id));
DROP TRIGGER IF EXISTS facts_consent_facility_ad;
CREATE TRIGGER facts_consent_facility_ad AFTER DELETE ON consent_facility
  FOR EACH ROW CALL patient_facts_keep((SELECT patient_id FROM consent
    WHERE id = OLD.consent_id), NULL);

DROP TRIGGER IF EXISTS facts_revocation_ai;
CREATE TRIGGER facts_revocation_ai AFTER INSERT ON consent_revocation
  FOR EACH ROW CALL patient_facts_keep(NEW.patient_id, NULL);
DROP TRIGGER IF EXISTS facts_revocation_au;
CREATE TRIGGER facts_revocation_au AFTER UPDATE ON consent_revocation
  FOR EACH ROW CALL patient_facts_keep(NEW.patient_id, OLD.patient_id);
DROP TRIGGER IF EXISTS facts_revocation_ad;
CREATE TRIGGER facts_revocation_ad AFTER DELETE ON consent_revocation
  FOR EACH ROW CALL patient_facts_keep(OLD.patient_id, NULL);

DROP TRIGGER IF EXISTS facts_link_ai;
CREATE TRIGGER facts_link_ai AFTER INSERT ON patient_link
  FOR EACH ROW CALL patient_facts_keep(NEW.patient_id, NULL);
-- An import touches its links often; only a link moving matters.
DROP TRIGGER IF EXISTS facts_link_au;
CREATE TRIGGER facts_link_au AFTER UPDATE ON patient_link
  FOR EACH ROW CALL patient_facts_keep(
    IF(NEW.patient_id <=> OLD.patient_id AND NEW.facility_id <=> OLD.facility_id,
    NULL, NEW.patient_id),
    IF(NEW.patient_id <=> OLD.patient_id AND NEW.facility_id <=> OLD.facility_id,
    NULL, OLD.patient_id));
DROP TRIGGER IF EXISTS facts_link_ad;
CREATE TRIGGER facts_link_ad AFTER DELETE ON patient_link
  FOR EACH ROW CALL patient_facts_keep(OLD.patient_id, NULL);

DROP TRIGGER IF EXISTS facts_merge_ai;
CREATE TRIGGER facts_merge_ai AFTER INSERT ON patient_merge
  FOR EACH ROW CALL patient_facts_keep(NEW.survivor_id, NEW.merged_id);
DROP TRIGGER IF EXISTS facts_merge_au;
CREATE TRIGGER facts_merge_au AFTER UPDATE ON patient_merge
  FOR EACH ROW CALL patient_facts_keep(NEW.survivor_id, OLD.survivor_id);
DROP TRIGGER IF EXISTS facts_merge_ad;
CREATE TRIGGER facts_merge_ad AFTER DELETE ON patient_merge
  FOR EACH ROW CALL patient_facts_keep(OLD.survivor_id, OLD.merged_id);

DROP TRIGGER IF EXISTS facts_emergency_ai;
CREATE TRIGGER facts_emergency_ai AFTER INSERT ON emergency_access
  FOR EACH ROW INSERT INTO emergency_facts (patient_id, user_id, expires_us)
  VALUES (NEW.patient_id, NEW.user_id,
    TIMESTAMPDIFF(MICROSECOND, '1970-01-01', NEW.expires_at))
  ON DUPLICATE KEY UPDATE expires_us = GREATEST(expires_us, VALUES(expires_us));
-- Nothing moves or removes a grant today; should anything, the pair is
-- counted again (its row goes when its last grant does).
DROP PROCEDURE IF EXISTS emergency_facts_keep;
CREATE PROCEDURE emergency_facts_keep(p BIGINT UNSIGNED, u BIGINT UNSIGNED)
  MODIFIES SQL DATA
  BEGIN
    DELETE FROM emergency_facts WHERE patient_id = p AND user_id = u
    ; INSERT INTO emergency_facts (patient_id, user_id, expires_us)
    SELECT patient_id, user_id, MAX(TIMESTAMPDIFF(MICROSECOND, '1970-01-01', expires_at))
    FROM emergency_access WHERE patient_id = p AND user_id = u
    GROUP BY patient_id, user_id
  ; END;
DROP TRIGGER IF EXISTS facts_emergency_au;
CREATE TRIGGER facts_emergency_au AFTER UPDATE ON emergency_access
  FOR EACH ROW CALL emergency_facts_keep(
    IF(NEW.expires_at <=> OLD.expires_at AND NEW.patient_id <=> OLD.patient_id
    AND NEW.user_id <=> OLD.user_id, NULL, OLD.patient_id), OLD.user_id);
DROP TRIGGER IF EXISTS facts_emergency_au2;
CREATE TRIGGER facts_emergency_au2 AFTER UPDATE ON emergency_access
  FOR EACH ROW FOLLOWS facts_emergency_au CALL emergency_facts_keep(
    IF(NEW.expires_at <=> OLD.expires_at AND NEW.patient_id <=> OLD.patient_id
    AND NEW.user_id <=> OLD.user_id, NULL, NEW.patient_id), NEW.user_id);
DROP TRIGGER IF EXISTS facts_emergency_ad;
CREATE TRIGGER facts_emergency_ad AFTER DELETE ON emergency_access
  FOR EACH ROW CALL emergency_facts_keep(OLD.patient_id, OLD.user_id);

DROP TRIGGER IF EXISTS facts_facility_ai;
CREATE TRIGGER facts_facility_ai AFTER INSERT ON facility
  FOR EACH ROW REPLACE INTO region_facts (id, facilities) VALUES (1, region_facilities_of());
DROP TRIGGER IF EXISTS facts_facility_au;
CREATE TRIGGER facts_facility_au AFTER UPDATE ON facility
  FOR EACH ROW REPLACE INTO region_facts (id, facilities)
  SELECT 1, region_facilities_of() FROM DUAL
  WHERE NOT (NEW.status <=> OLD.status AND NEW.disclosing <=> OLD.disclosing
    AND NEW.viewing <=> OLD.viewing AND NEW.id <=> OLD.id);
DROP TRIGGER IF EXISTS facts_facility_ad;
CREATE TRIGGER facts_facility_ad AFTER DELETE ON facility
  FOR EACH ROW REPLACE INTO region_facts (id, facilities) VALUES (1, region_facilities_of());
-- A renamed facility: its users' open sessions show the new name.
DROP TRIGGER IF EXISTS facts_facility_session_au;
CREATE TRIGGER facts_facility_session_au AFTER UPDATE ON facility
  FOR EACH ROW FOLLOWS facts_facility_au
  UPDATE users u STRAIGHT_JOIN session s ON s.user_id = u.id AND s.ended_at IS NULL
  SET s.ctx_facility_name = NEW.name
  WHERE u.facility_id = NEW.id AND NOT (NEW.name <=> OLD.name);

-- A new session takes its user's facts.
DROP TRIGGER IF EXISTS facts_session_bi;
CREATE TRIGGER facts_session_bi BEFORE INSERT ON session
  FOR EACH ROW SET
    NEW.ctx_login = (SELECT login FROM users WHERE id = NEW.user_id),
    NEW.ctx_name = (SELECT name FROM users WHERE id = NEW.user_id),
    NEW.ctx_user_status = (SELECT status FROM users WHERE id = NEW.user_id),
    NEW.ctx_facility_id = (SELECT facility_id FROM users WHERE id = NEW.user_id),
    NEW.ctx_facility_name = (SELECT f.name FROM users u JOIN facility f
      ON f.id = u.facility_id WHERE u.id = NEW.user_id),
    NEW.ctx_must_change_pw = (SELECT must_change_pw FROM users WHERE id = NEW.user_id),
    NEW.ctx_roles = (SELECT GROUP_CONCAT(role ORDER BY role) FROM user_role
      WHERE user_id = NEW.user_id),
    NEW.ctx_profession = (SELECT profession FROM users WHERE id = NEW.user_id),
    NEW.ctx_ends_on = (SELECT ends_on FROM users WHERE id = NEW.user_id);

-- A user's change reaches the open sessions (a failed login's count does not).
DROP TRIGGER IF EXISTS facts_users_au;
CREATE TRIGGER facts_users_au AFTER UPDATE ON users
  FOR EACH ROW UPDATE session s SET s.ctx_login = NEW.login, s.ctx_name = NEW.name,
    s.ctx_user_status = NEW.status, s.ctx_facility_id = NEW.facility_id,
    s.ctx_facility_name = (SELECT name FROM facility WHERE id = NEW.facility_id),
    s.ctx_must_change_pw = NEW.must_change_pw, s.ctx_profession = NEW.profession,
    s.ctx_ends_on = NEW.ends_on
  WHERE s.user_id = NEW.id AND s.ended_at IS NULL
    AND NOT (NEW.login <=> OLD.login AND NEW.name <=> OLD.name
    AND NEW.status <=> OLD.status AND NEW.facility_id <=> OLD.facility_id
    AND NEW.must_change_pw <=> OLD.must_change_pw
    AND NEW.profession <=> OLD.profession AND NEW.ends_on <=> OLD.ends_on);

DROP TRIGGER IF EXISTS facts_role_ai;
CREATE TRIGGER facts_role_ai AFTER INSERT ON user_role
  FOR EACH ROW UPDATE session s SET s.ctx_roles = (SELECT GROUP_CONCAT(r.role
    ORDER BY r.role) FROM user_role r WHERE r.user_id = NEW.user_id)
  WHERE s.user_id = NEW.user_id AND s.ended_at IS NULL;
DROP TRIGGER IF EXISTS facts_role_au;
CREATE TRIGGER facts_role_au AFTER UPDATE ON user_role
  FOR EACH ROW UPDATE session s SET s.ctx_roles = (SELECT GROUP_CONCAT(r.role
    ORDER BY r.role) FROM user_role r WHERE r.user_id = s.user_id)
  WHERE s.user_id IN (NEW.user_id, OLD.user_id) AND s.ended_at IS NULL;
DROP TRIGGER IF EXISTS facts_role_ad;
CREATE TRIGGER facts_role_ad AFTER DELETE ON user_role
  FOR EACH ROW UPDATE session s SET s.ctx_roles = (SELECT GROUP_CONCAT(r.role
    ORDER BY r.role) FROM user_role r WHERE r.user_id = OLD.user_id)
  WHERE s.user_id = OLD.user_id AND s.ended_at IS NULL;

-- What is there already.
REPLACE INTO region_facts (id, facilities) VALUES (1, region_facilities_of());
REPLACE INTO patient_facts (patient_id, facts)
  SELECT id, patient_facts_of(id) FROM patient;
REPLACE INTO emergency_facts (patient_id, user_id, expires_us)
  SELECT patient_id, user_id, MAX(TIMESTAMPDIFF(MICROSECOND, '1970-01-01', expires_at))
  FROM emergency_access GROUP BY patient_id, user_id;
UPDATE session s JOIN users u ON u.id = s.user_id JOIN facility f ON f.id = u.facility_id
  SET s.ctx_login = u.login, s.ctx_name = u.name, s.ctx_user_status = u.status,
    s.ctx_facility_id = u.facility_id, s.ctx_facility_name = f.name,
    s.ctx_must_change_pw = u.must_change_pw,
    s.ctx_roles = (SELECT GROUP_CONCAT(r.role ORDER BY r.role) FROM user_role r
      WHERE r.user_id = u.id),
    s.ctx_profession = u.profession, s.ctx_ends_on = u.ends_on
  WHERE s.ended_at IS NULL;
