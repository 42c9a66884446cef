/* sql_emergency.h: emergency access (pages/emergency.c, rules/emergency.c; A14) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

STMT(PROFESSION_EMERGENCY,
	"SELECT p.emergency_allowed FROM users u JOIN profession p ON p.code = u.profession"
	" WHERE u.id = ?")
COLS(PROFESSION_EMERGENCY, PROFESSION_EMERGENCY_EMERGENCY_ALLOWED)
STMT(EMERGENCY_INSERT,
	"INSERT INTO emergency_access (patient_id, user_id, facility_id,"
	" reason_category, reason_text, started_at, expires_at, followup_due)"
	" VALUES (?, ?, ?, ?, ?, FROM_UNIXTIME(?) + INTERVAL ? MICROSECOND,"
	" FROM_UNIXTIME(?), FROM_UNIXTIME(?))")

/* The operator sees all (0); a facility its users' grants and those on
 * patients whose records it holds; a user (third ?) only their own. */
STMT(EMERGENCY_LIST,
	"SELECT e.id, UNIX_TIMESTAMP(e.started_at), UNIX_TIMESTAMP(e.expires_at),"
	" u.name, pr.name, f.name, e.reason_category, e.reason_text,"
	" e.review_status, e.followup_status, UNIX_TIMESTAMP(e.followup_due),"
	" e.version, p.network_id, e.user_id, e.review_note, e.followup_note,"
	" e.patient_id, e.facility_id, EXISTS (SELECT 1 FROM patient_link hl"
	"  JOIN facility hf ON hf.id = hl.facility_id WHERE hl.patient_id = e.patient_id"
	"  AND hl.facility_id = ? AND hf.disclosing <> 0), e.consent_id,"
	" p.name, p.kana"
	" FROM emergency_access e"
	" JOIN users u ON u.id = e.user_id JOIN facility f ON f.id = e.facility_id"
	" JOIN patient p ON p.id = e.patient_id"
	" LEFT JOIN profession pr ON pr.code = u.profession"
	" WHERE (? = 0 OR e.facility_id = ? OR EXISTS (SELECT 1 FROM patient_link l"
	"  WHERE l.patient_id = e.patient_id AND l.facility_id = ?))"
	" AND (? = 0 OR e.user_id = ?)"
	" ORDER BY e.followup_status = 'open' DESC, e.started_at DESC LIMIT 500")
COLS(EMERGENCY_LIST, EMERGENCY_LIST_ID, EMERGENCY_LIST_STARTED_AT,
    EMERGENCY_LIST_EXPIRES_AT, EMERGENCY_LIST_USER_NAME,
    EMERGENCY_LIST_PROFESSION_NAME, EMERGENCY_LIST_FACILITY_NAME,
    EMERGENCY_LIST_REASON_CATEGORY, EMERGENCY_LIST_REASON_TEXT,
    EMERGENCY_LIST_REVIEW_STATUS, EMERGENCY_LIST_FOLLOWUP_STATUS,
    EMERGENCY_LIST_FOLLOWUP_DUE, EMERGENCY_LIST_VERSION,
    EMERGENCY_LIST_NETWORK_ID, EMERGENCY_LIST_USER_ID,
    EMERGENCY_LIST_REVIEW_NOTE, EMERGENCY_LIST_FOLLOWUP_NOTE,
    EMERGENCY_LIST_PATIENT_ID, EMERGENCY_LIST_FACILITY_ID,
    EMERGENCY_LIST_HELD_HERE, EMERGENCY_LIST_CONSENT_ID,
    EMERGENCY_LIST_PATIENT_NAME, EMERGENCY_LIST_PATIENT_KANA)
STMT(EMERGENCY_GET,
	"SELECT id, patient_id, user_id, facility_id, review_status, followup_status,"
	" version FROM emergency_access WHERE id = ?")
COLS(EMERGENCY_GET, EMERGENCY_GET_ID, EMERGENCY_GET_PATIENT_ID,
    EMERGENCY_GET_USER_ID, EMERGENCY_GET_FACILITY_ID,
    EMERGENCY_GET_REVIEW_STATUS, EMERGENCY_GET_FOLLOWUP_STATUS,
    EMERGENCY_GET_VERSION)
STMT(EMERGENCY_REVIEW,
	"UPDATE emergency_access SET review_status = ?, reviewed_by = ?,"
	" reviewed_at = UTC_TIMESTAMP(6), review_note = NULLIF(?, ''),"
	" version = version + 1 WHERE id = ? AND version = ? AND review_status = 'pending'")
STMT(EMERGENCY_FOLLOWUP_CLOSE,
	"UPDATE emergency_access SET followup_status = ?, followup_note = ?,"
	" followup_closed_at = UTC_TIMESTAMP(6), followup_closed_by = ?,"
	" version = version + 1 WHERE id = ? AND version = ? AND followup_status = 'open'")

/* The open follow-ups of a patient, locked while a consent may close them. */
STMT(EMERGENCY_OPEN_OF,
	"SELECT id, facility_id FROM emergency_access"
	" WHERE patient_id = ? AND followup_status = 'open' FOR UPDATE")
COLS(EMERGENCY_OPEN_OF, EMERGENCY_OPEN_OF_ID, EMERGENCY_OPEN_OF_FACILITY_ID)

/* A form 4 that lets the grant's facility view closes it, and is kept. */
STMT(EMERGENCY_CONSENTED,
	"UPDATE emergency_access SET followup_status = 'consented',"
	" followup_closed_at = UTC_TIMESTAMP(6), followup_closed_by = ?,"
	" consent_id = ?, version = version + 1"
	" WHERE id = ? AND followup_status = 'open'")

/* That form 4 found void: the follow-up is open again. */
STMT(EMERGENCY_REOPEN,
	"UPDATE emergency_access SET followup_status = 'open', consent_id = NULL,"
	" followup_closed_at = NULL, followup_closed_by = NULL,"
	" version = version + 1 WHERE consent_id = ? AND followup_status = 'consented'")
STMT(EMERGENCY_OVERDUE,
	"SELECT id FROM emergency_access WHERE followup_status = 'open'"
	" AND followup_due < FROM_UNIXTIME(?)")
COLS(EMERGENCY_OVERDUE, EMERGENCY_OVERDUE_ID)
STMT(EMERGENCY_FIND_LOCAL,
	"SELECT l.patient_id FROM patient_link l JOIN facility f ON f.id = l.facility_id"
	" WHERE f.code = ? AND l.local_id = ? AND l.patient_id IS NOT NULL")
COLS(EMERGENCY_FIND_LOCAL, EMERGENCY_FIND_LOCAL_PATIENT_ID)
