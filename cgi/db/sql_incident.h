/* sql_incident.h: incident reports (pages/incident.c; A8.5) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

STMT(INCIDENT_BY_IDEM,
	"SELECT id FROM incident WHERE idem = ?")
COLS(INCIDENT_BY_IDEM, INCIDENT_BY_IDEM_ID)
STMT(INCIDENT_INSERT,
	"INSERT INTO incident (facility_id, reporter_id, kind, occurred_at,"
	" terminal, what, done, reported_at, idem) VALUES (?, ?, ?, ?, ?, ?, ?,"
	" ?, ?)")
STMT(INCIDENT_STEP_INSERT,
	"INSERT INTO incident_step (incident_id, at, by_user, from_status,"
	" to_status, note) VALUES (?, ?, ?, ?, ?, ?)")

/*
 * The list a reader may see: the operator (first ? = 1) those forwarded to
 * them, a manager (? = facility) their facility's, a user (? = user) their own.
 */
STMT(INCIDENT_LIST,
	"SELECT i.id, DATE_FORMAT(i.reported_at + INTERVAL 9 HOUR,"
	" '%Y-%m-%d %H:%i'), i.kind, DATE_FORMAT(i.occurred_at, '%Y-%m-%d %H:%i'),"
	" u.name, f.name, i.status, i.terminal, LEFT(i.what, 60),"
	" CHAR_LENGTH(i.what) > 60 FROM incident i"
	" JOIN users u ON u.id = i.reporter_id JOIN facility f ON f.id = i.facility_id"
	" WHERE (? = 1 AND i.forwarded_at IS NOT NULL)"
	" OR (? > 0 AND i.facility_id = ?) OR (? > 0 AND i.reporter_id = ?)"
	" ORDER BY i.status = 'closed', i.id DESC LIMIT 500")
COLS(INCIDENT_LIST, INCIDENT_LIST_ID, INCIDENT_LIST_REPORTED_AT,
    INCIDENT_LIST_KIND, INCIDENT_LIST_OCCURRED_AT, INCIDENT_LIST_REPORTER_NAME,
    INCIDENT_LIST_FACILITY_NAME, INCIDENT_LIST_STATUS, INCIDENT_LIST_TERMINAL,
    INCIDENT_LIST_WHAT, INCIDENT_LIST_WHAT_CUT)
STMT(INCIDENT_GET,
	"SELECT i.id, DATE_FORMAT(i.reported_at + INTERVAL 9 HOUR,"
	" '%Y-%m-%d %H:%i'), i.kind, DATE_FORMAT(i.occurred_at, '%Y-%m-%d %H:%i'),"
	" u.name, f.name, i.status, i.terminal, i.what, i.done, i.outcome,"
	" i.version, i.facility_id, i.reporter_id, i.forwarded_at IS NOT NULL"
	" FROM incident i JOIN users u ON u.id = i.reporter_id"
	" JOIN facility f ON f.id = i.facility_id WHERE i.id = ?")
COLS(INCIDENT_GET, INCIDENT_GET_ID, INCIDENT_GET_REPORTED_AT, INCIDENT_GET_KIND,
    INCIDENT_GET_OCCURRED_AT, INCIDENT_GET_REPORTER_NAME,
    INCIDENT_GET_FACILITY_NAME, INCIDENT_GET_STATUS, INCIDENT_GET_TERMINAL,
    INCIDENT_GET_WHAT, INCIDENT_GET_DONE, INCIDENT_GET_OUTCOME,
    INCIDENT_GET_VERSION, INCIDENT_GET_FACILITY_ID, INCIDENT_GET_REPORTER_ID,
    INCIDENT_GET_FORWARDED)

/* A transition with the version the reader saw: 0 rows is a stale page. */
STMT(INCIDENT_UPDATE,
	"UPDATE incident SET status = ?,"
	" forwarded_at = IF(? = 'forwarded', ?, forwarded_at),"
	" closed_at = IF(? = 'closed', ?, closed_at),"
	" outcome = COALESCE(?, outcome), version = version + 1"
	" WHERE id = ? AND version = ? AND status = ?")
STMT(INCIDENT_STEPS,
	"SELECT s.id, DATE_FORMAT(s.at + INTERVAL 9 HOUR, '%Y-%m-%d %H:%i'),"
	" u.name, s.from_status, s.to_status, s.note FROM incident_step s"
	" JOIN users u ON u.id = s.by_user WHERE s.incident_id = ? ORDER BY s.id")
COLS(INCIDENT_STEPS, INCIDENT_STEPS_ID, INCIDENT_STEPS_AT,
    INCIDENT_STEPS_USER_NAME, INCIDENT_STEPS_FROM_STATUS,
    INCIDENT_STEPS_TO_STATUS, INCIDENT_STEPS_NOTE)
