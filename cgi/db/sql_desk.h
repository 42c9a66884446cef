/* sql_desk.h: the complaints desk (pages/desk.c; A4.3); no DELETE: nothing is ever deleted */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

/* The complaints desk (A4.3). Times are UTC from the application clock;
 * shown in Japan time. There is deliberately no DELETE here. */
STMT(DESK_BY_IDEM,
	"SELECT id FROM complaint WHERE idem = ?")
COLS(DESK_BY_IDEM, DESK_BY_IDEM_ID)
STMT(DESK_INSERT,
	"INSERT INTO complaint (receipt_no, complainant_kind, complainant_name,"
	" complainant_facility_id, complainant_user_id, contact_kind, contact,"
	" channel, category, contents, received_at, received_by, due_on,"
	" assignee_id, idem) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
STMT(DESK_STEP_INSERT,
	"INSERT INTO complaint_step (complaint_id, at, by_user, from_status,"
	" to_status, note, answer, assignee_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
STMT(DESK_LIST,
	"SELECT c.id, c.receipt_no,"
	" DATE_FORMAT(c.received_at + INTERVAL 9 HOUR, '%Y-%m-%d %H:%i'),"
	" c.complainant_kind, c.complainant_name, c.channel, c.category, c.status,"
	" DATE_FORMAT(c.due_on, '%Y-%m-%d'),"
	" c.status IN ('received', 'investigating') AND c.due_on < ? AS overdue,"
	" a.name, f.name"
	" FROM complaint c LEFT JOIN users a ON a.id = c.assignee_id"
	" LEFT JOIN facility f ON f.id = c.complainant_facility_id"
	" WHERE (? = 'all' OR c.status = ?"
	"  OR (? = 'open' AND c.status IN ('received', 'investigating'))"
	"  OR (? = 'overdue' AND c.status IN ('received', 'investigating')"
	"   AND c.due_on < ?))"
	" AND (? = 0 OR c.complainant_user_id = ?)"
	" ORDER BY overdue DESC, c.status = 'closed', c.due_on, c.id LIMIT 2000")
COLS(DESK_LIST, DESK_LIST_ID, DESK_LIST_RECEIPT_NO, DESK_LIST_RECEIVED_AT,
    DESK_LIST_COMPLAINANT_KIND, DESK_LIST_COMPLAINANT_NAME, DESK_LIST_CHANNEL,
    DESK_LIST_CATEGORY, DESK_LIST_STATUS, DESK_LIST_DUE_ON, DESK_LIST_OVERDUE,
    DESK_LIST_ASSIGNEE_NAME, DESK_LIST_FACILITY_NAME)
/*
 * The open complaints (all, or the user's own) and those of them overdue:
 * the open ones alone along complaint_status_due (a queue; reading every
 * complaint ever received was the whole table, issue 23).
 */
STMT(DESK_COUNTS,
	"SELECT COUNT(*), COALESCE(SUM(due_on < ?), 0)"
	" FROM complaint FORCE INDEX (complaint_status_due)"
	" WHERE status IN ('received', 'investigating')"
	" AND (? = 0 OR complainant_user_id = ?)")
COLS(DESK_COUNTS, DESK_COUNTS_OPEN, DESK_COUNTS_OVERDUE)
STMT(DESK_GET,
	"SELECT c.id, c.receipt_no,"
	" DATE_FORMAT(c.received_at + INTERVAL 9 HOUR, '%Y-%m-%d %H:%i'),"
	" c.complainant_kind, c.complainant_name, c.channel, c.category, c.status,"
	" DATE_FORMAT(c.due_on, '%Y-%m-%d'),"
	" c.status IN ('received', 'investigating') AND c.due_on < ? AS overdue,"
	" a.name, f.name, c.contact_kind, c.contact, c.contents, c.answer,"
	" DATE_FORMAT(c.answered_at + INTERVAL 9 HOUR, '%Y-%m-%d %H:%i'),"
	" DATE_FORMAT(c.closed_at + INTERVAL 9 HOUR, '%Y-%m-%d %H:%i'),"
	" c.version, c.assignee_id, r.name, c.complainant_user_id,"
	" DATE_FORMAT(c.received_at + INTERVAL 9 HOUR, '%Y-%m-%d')"
	" FROM complaint c LEFT JOIN users a ON a.id = c.assignee_id"
	" LEFT JOIN facility f ON f.id = c.complainant_facility_id"
	" LEFT JOIN users r ON r.id = c.received_by WHERE c.id = ?")
COLS(DESK_GET, DESK_GET_ID, DESK_GET_RECEIPT_NO, DESK_GET_RECEIVED_AT,
    DESK_GET_COMPLAINANT_KIND, DESK_GET_COMPLAINANT_NAME, DESK_GET_CHANNEL,
    DESK_GET_CATEGORY, DESK_GET_STATUS, DESK_GET_DUE_ON, DESK_GET_OVERDUE,
    DESK_GET_ASSIGNEE_NAME, DESK_GET_FACILITY_NAME, DESK_GET_CONTACT_KIND,
    DESK_GET_CONTACT, DESK_GET_CONTENTS, DESK_GET_ANSWER, DESK_GET_ANSWERED_AT,
    DESK_GET_CLOSED_AT, DESK_GET_VERSION, DESK_GET_ASSIGNEE_ID,
    DESK_GET_RECEIVER_NAME, DESK_GET_COMPLAINANT_USER_ID, DESK_GET_RECEIVED_ON)
STMT(DESK_LOCK,
	"SELECT status, version, assignee_id FROM complaint WHERE id = ? FOR UPDATE")
COLS(DESK_LOCK, DESK_LOCK_STATUS, DESK_LOCK_VERSION, DESK_LOCK_ASSIGNEE_ID)
STMT(DESK_UPDATE,
	"UPDATE complaint SET status = ?, assignee_id = COALESCE(?, assignee_id),"
	" answer = COALESCE(?, answer),"
	" answered_at = IF(? = 'answered', ?, answered_at),"
	" closed_at = IF(? = 'closed', ?, closed_at), version = version + 1"
	" WHERE id = ? AND version = ?")
STMT(DESK_STEPS,
	"SELECT s.id, DATE_FORMAT(s.at + INTERVAL 9 HOUR, '%Y-%m-%d %H:%i'),"
	" u.name, s.from_status, s.to_status, s.note, s.answer, a.name"
	" FROM complaint_step s LEFT JOIN users u ON u.id = s.by_user"
	" LEFT JOIN users a ON a.id = s.assignee_id"
	" WHERE s.complaint_id = ? ORDER BY s.id")
COLS(DESK_STEPS, DESK_STEPS_ID, DESK_STEPS_AT, DESK_STEPS_BY_NAME,
    DESK_STEPS_FROM_STATUS, DESK_STEPS_TO_STATUS, DESK_STEPS_NOTE,
    DESK_STEPS_ANSWER, DESK_STEPS_ASSIGNEE_NAME)
STMT(DESK_ASSIGNEES,
	"SELECT DISTINCT u.id, u.name FROM users u"
	" JOIN user_role r ON r.user_id = u.id"
	" WHERE u.status = 'active' AND r.role IN ('desk', 'operator', 'staff')"
	" ORDER BY u.name, u.id LIMIT 200")
COLS(DESK_ASSIGNEES, DESK_ASSIGNEES_ID, DESK_ASSIGNEES_NAME)
STMT(DESK_ASSIGNEE_OK,
	"SELECT COUNT(*) FROM users u JOIN user_role r ON r.user_id = u.id"
	" WHERE u.id = ? AND u.status = 'active'"
	" AND r.role IN ('desk', 'operator', 'staff')")
COLS(DESK_ASSIGNEE_OK, DESK_ASSIGNEE_OK_N)
STMT(DESK_FACILITIES,
	"SELECT id, name FROM facility ORDER BY code LIMIT 1000")
COLS(DESK_FACILITIES, DESK_FACILITIES_ID, DESK_FACILITIES_NAME)
STMT(DESK_FACILITY_OK,
	"SELECT COUNT(*) FROM facility WHERE id = ?")
SAME_COLS(DESK_FACILITY_OK, DESK_ASSIGNEE_OK)
