/* sql_day.h: a clinician's day (pages/day.c, pages/records.c; issue 19): finding a patient, my patients, recently viewed, new since, notifications for users */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

/*
 * A search's candidates by this facility's own local ID, leading zeros as
 * typed or not (patient_link.local_key, migration 0027), or by the
 * network ID; RECORDS_CANDIDATES's columns. access.c decides each.
 * Both parts of the local ID along patient_link_local_key, forced: left to
 * choose, MariaDB used only the facility of another index (every link of
 * the facility) once the statistics said a facility has few (issue 23).
 */
STMT(DAY_FIND_LOCAL,
	"SELECT p.id, p.name, p.kana, p.sex, p.birth_date, h.handle FROM ("
	" SELECT l.patient_id AS id FROM patient_link l"
	"  FORCE INDEX (patient_link_local_key) WHERE l.facility_id = ?"
	"  AND l.local_key = TRIM(LEADING '0' FROM ?) AND l.patient_id IS NOT NULL"
	" UNION SELECT id FROM patient WHERE network_id = ?) k"
	" JOIN patient p ON p.id = k.id"
	" LEFT JOIN patient_handle h ON h.session_id = ? AND h.patient_id = p.id"
	" WHERE p.status = 'active' ORDER BY p.kana_key, p.id LIMIT 200")
SAME_COLS(DAY_FIND_LOCAL, RECORDS_CANDIDATES)

/* By the kanji name without spaces (patient.name_key), the birth date when given. */
STMT(DAY_FIND_NAME,
	"SELECT p.id, p.name, p.kana, p.sex, p.birth_date, h.handle FROM patient p"
	" LEFT JOIN patient_handle h ON h.session_id = ? AND h.patient_id = p.id"
	" WHERE p.name_key = ? AND (? = '' OR p.birth_date = ?) AND p.status = 'active'"
	" ORDER BY p.birth_date, p.id LIMIT 200")
SAME_COLS(DAY_FIND_NAME, RECORDS_CANDIDATES)

/* The deep link: the active network patients this facility's local ID names. */
STMT(DAY_LOCAL_PATIENTS,
	"SELECT l.patient_id, l.local_id = ? FROM patient_link l"
	" FORCE INDEX (patient_link_local_key)"
	" STRAIGHT_JOIN patient p ON p.id = l.patient_id AND p.status = 'active'"
	" WHERE l.facility_id = ? AND l.local_key = TRIM(LEADING '0' FROM ?)"
	" ORDER BY l.local_id = ? DESC, l.id LIMIT 20")
COLS(DAY_LOCAL_PATIENTS, DAY_LOCAL_PATIENTS_ID, DAY_LOCAL_PATIENTS_EXACT)

/*
 * "My patients": those with a link at this facility or a form 4 it
 * registered, active patients only, each with an activity (s): a link's
 * newest (the last file of it imported, else its making:
 * patient_link.active_at), a form 4's registration. Two lists, each read
 * newest first along its index and stopped at ? rows (patient_link_active,
 * consent_facility), each row's patient by its id; day.c merges them, a
 * patient once at its newest. Reading every link of the facility and
 * asking each one's records, then sorting them all, read a share of the
 * region (issue 23). Whether each may be listed is decided in C
 * (access_seen_many); an "every viewing facility" consent alone never
 * brings a patient here. Parameters: facility, most, facility, most.
 */
STMT(DAY_MINE,
	"(SELECT l.patient_id, CAST(UNIX_TIMESTAMP(l.active_at) AS SIGNED)"
	" FROM patient_link l FORCE INDEX (patient_link_active)"
	" STRAIGHT_JOIN patient p ON p.id = l.patient_id AND p.status = 'active'"
	" WHERE l.facility_id = ? ORDER BY l.active_at DESC LIMIT ?)"
	" UNION ALL (SELECT c.patient_id, CAST(UNIX_TIMESTAMP(c.registered_at) AS SIGNED)"
	" FROM consent c FORCE INDEX (consent_facility)"
	" STRAIGHT_JOIN patient p ON p.id = c.patient_id AND p.status = 'active'"
	" WHERE c.facility_id = ? AND c.status <> 'rejected'"
	" ORDER BY c.registered_at DESC LIMIT ?)")
COLS(DAY_MINE, DAY_MINE_PATIENT_ID, DAY_MINE_ACTIVITY)

/*
 * The patients this user opened in the last ? days, newest view first,
 * from the user's newest 2,000 views, with when last (us): along
 * audit_user (user_id, ts), forced; left to choose MariaDB read every
 * user's views of the window along audit_ts or audit_action (issue 23).
 */
STMT(DAY_RECENT,
	"SELECT a.patient_id, CAST(UNIX_TIMESTAMP(MAX(a.ts)) * 1000000 AS SIGNED)"
	" FROM ("
	" SELECT patient_id, ts FROM audit FORCE INDEX (audit_user) WHERE user_id = ?"
	"  AND ts > UTC_TIMESTAMP(6) - INTERVAL ? DAY AND action = 'record.view'"
	"  AND outcome = 'allowed' AND patient_id IS NOT NULL"
	"  ORDER BY ts DESC LIMIT 2000) a"
	" GROUP BY a.patient_id ORDER BY MAX(a.ts) DESC LIMIT ?")
COLS(DAY_RECENT, DAY_RECENT_PATIENT_ID, DAY_RECENT_LAST_US)

/* The newest import (us; 0 none) of each link of a JSON array: records and documents. */
STMT(DAY_LINKS_NEWEST,
	"SELECT j.id, CAST(COALESCE(UNIX_TIMESTAMP(GREATEST("
	" COALESCE((SELECT r.imported_at FROM record r WHERE r.link_id = j.id"
	"  ORDER BY r.imported_at DESC LIMIT 1), '1970-01-02'),"
	" COALESCE((SELECT MAX(d.imported_at) FROM document d WHERE d.link_id = j.id), '1970-01-02')"
	" )) * 1000000, 0) AS SIGNED)"
	" FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) j")
COLS(DAY_LINKS_NEWEST, DAY_LINKS_NEWEST_LINK_ID, DAY_LINKS_NEWEST_US)

/* The rows of a list of patients (a JSON array of ids), with the session's handles. */
STMT(DAY_PATIENTS,
	"SELECT p.id, p.name, p.kana, p.sex, p.birth_date, h.handle"
	" FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) j"
	" JOIN patient p ON p.id = j.id"
	" LEFT JOIN patient_handle h ON h.session_id = ? AND h.patient_id = p.id")
SAME_COLS(DAY_PATIENTS, RECORDS_CANDIDATES)

/* Facility names of a JSON array of ids ("where records come from"). */
STMT(DAY_FACILITY_NAMES,
	"SELECT f.id, f.name FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) j"
	" JOIN facility f ON f.id = j.id")
COLS(DAY_FACILITY_NAMES, DAY_FACILITY_NAMES_ID, DAY_FACILITY_NAMES_NAME)

/*
 * Notifications for users: the end of this user's latest active
 * certificate (a renewed one hides the old one's end), and the user's
 * emergency follow-ups past due (A14) with their patient.
 */
STMT(DAY_CERT_LATEST,
	"SELECT serial, not_after FROM cert WHERE user_id = ? AND status = 'active'"
	" AND not_before <= ? ORDER BY not_after DESC LIMIT 1")
COLS(DAY_CERT_LATEST, DAY_CERT_LATEST_SERIAL, DAY_CERT_LATEST_NOT_AFTER)
STMT(DAY_FOLLOWUPS_OVERDUE,
	"SELECT e.id, e.patient_id, CAST(UNIX_TIMESTAMP(e.followup_due) AS SIGNED),"
	" CAST(UNIX_TIMESTAMP(e.started_at) AS SIGNED) FROM emergency_access e"
	" WHERE e.user_id = ? AND e.followup_status = 'open'"
	" AND e.followup_due < FROM_UNIXTIME(?) ORDER BY e.followup_due LIMIT 50")
COLS(DAY_FOLLOWUPS_OVERDUE, DAY_FOLLOWUPS_OVERDUE_ID,
    DAY_FOLLOWUPS_OVERDUE_PATIENT_ID, DAY_FOLLOWUPS_OVERDUE_DUE,
    DAY_FOLLOWUPS_OVERDUE_STARTED)

/*
 * The summary tab (issue 19), over the disclosing facilities allowed (the
 * viewer's FIND_IN_SET list), current records only: problems with the
 * unresolved first; prescriptions of records since a day (?, YYYY-MM-DD,
 * through record_link_kind), in VIEWER_MEDS's columns; results flagged
 * out of range since a day. Prescriptions and results go from the
 * patient's links along record_link_kind (the link's records of the kind
 * since the day) to each record's rows by record_id, in that order
 * (STRAIGHT_JOIN, FORCE INDEX): left to choose after an import, MariaDB
 * read record_med or record_lab whole, or every record of a facility
 * (issue 23, docs/benchmarks.md).
 */
STMT(DAY_SUM_PROBLEMS,
	"SELECT DATE_FORMAT(p.onset, '%Y-%m-%d'), DATE_FORMAT(p.resolved, '%Y-%m-%d'),"
	" f.name, p.name, p.status"
	" FROM patient_link l JOIN record r ON r.link_id = l.id"
	" JOIN record_problem p ON p.record_id = r.id JOIN facility f ON f.id = r.facility_id"
	" WHERE l.patient_id = ? AND FIND_IN_SET(l.facility_id, ?) AND r.status = 'current'"
	" ORDER BY p.resolved IS NOT NULL, p.onset IS NULL, p.onset DESC, p.id DESC LIMIT 11")
COLS(DAY_SUM_PROBLEMS, DAY_SUM_PROBLEMS_ONSET, DAY_SUM_PROBLEMS_RESOLVED,
    DAY_SUM_PROBLEMS_FACILITY_NAME, DAY_SUM_PROBLEMS_NAME,
    DAY_SUM_PROBLEMS_STATE)
STMT(DAY_SUM_MEDS,
	"SELECT DATE_FORMAT(COALESCE(m.given_at, r.occurred_at, r.care_date,"
	" r.message_ts), '%Y-%m-%d'), f.name, r.kind, m.drug_name, m.dose, m.unit,"
	" m.route, m.frequency, m.days, r.status, m.dosage_form, m.rp,"
	" DENSE_RANK() OVER (ORDER BY r.occurred_at DESC, r.id DESC)"
	" FROM patient_link l FORCE INDEX (patient_link_patient)"
	" STRAIGHT_JOIN record r FORCE INDEX (record_link_kind) ON r.link_id = l.id"
	" STRAIGHT_JOIN record_med m FORCE INDEX (record_med_record) ON m.record_id = r.id"
	" STRAIGHT_JOIN facility f ON f.id = r.facility_id"
	" WHERE l.patient_id = ? AND FIND_IN_SET(l.facility_id, ?)"
	" AND r.kind = 'prescription' AND r.status = 'current' AND r.cancelled = 0"
	" AND r.occurred_at >= ?"
	" ORDER BY r.occurred_at DESC, r.id DESC, m.seq LIMIT 80")
SAME_COLS(DAY_SUM_MEDS, VIEWER_MEDS)
STMT(DAY_SUM_LABS,
	"SELECT DATE_FORMAT(COALESCE(x.observed_at, r.occurred_at), '%Y-%m-%d'),"
	" f.name, x.name, x.value, x.unit, x.range_text, x.flag"
	" FROM patient_link l FORCE INDEX (patient_link_patient)"
	" STRAIGHT_JOIN record r FORCE INDEX (record_link_kind) ON r.link_id = l.id"
	" STRAIGHT_JOIN record_lab x FORCE INDEX (record_lab_record) ON x.record_id = r.id"
	" STRAIGHT_JOIN facility f ON f.id = r.facility_id"
	" WHERE l.patient_id = ? AND FIND_IN_SET(l.facility_id, ?) AND r.kind = 'lab'"
	" AND r.status = 'current' AND r.occurred_at >= ?"
	" AND x.flag IS NOT NULL AND x.flag NOT IN ('', 'N')"
	" ORDER BY r.occurred_at DESC, x.id LIMIT 31")
COLS(DAY_SUM_LABS, DAY_SUM_LABS_DATE, DAY_SUM_LABS_FACILITY_NAME,
    DAY_SUM_LABS_NAME, DAY_SUM_LABS_VALUE, DAY_SUM_LABS_UNIT,
    DAY_SUM_LABS_RANGE, DAY_SUM_LABS_FLAG)
