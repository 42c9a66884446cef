/* sql_council_people.h: the operator's appointment and the staff registry (pages/council_people.c; A3, A4.1) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

STMT(USER_ACTIVE_BY_LOGIN,
	"SELECT id, name FROM users WHERE login = ? AND status = 'active'")
COLS(USER_ACTIVE_BY_LOGIN, USER_ACTIVE_BY_LOGIN_ID, USER_ACTIVE_BY_LOGIN_NAME)
STMT(ROLE_DELETE,
	"DELETE FROM user_role WHERE user_id = ? AND role = ?")
STMT(OPAPPT_CURRENT,
	"SELECT id, user_id FROM operator_appointment WHERE ended_at IS NULL"
	" FOR UPDATE")
COLS(OPAPPT_CURRENT, OPAPPT_CURRENT_ID, OPAPPT_CURRENT_USER_ID)
STMT(OPAPPT_END,
	"UPDATE operator_appointment SET ended_at = FROM_UNIXTIME(?)"
	" WHERE id = ? AND ended_at IS NULL")
STMT(OPAPPT_INSERT,
	"INSERT INTO operator_appointment (user_id, started_at, appointed_by)"
	" VALUES (?, FROM_UNIXTIME(?), ?)")
STMT(OPAPPT_LIST,
	"SELECT a.id, u.login, u.name, UNIX_TIMESTAMP(a.started_at),"
	" UNIX_TIMESTAMP(a.ended_at), b.login, b.name FROM operator_appointment a"
	" JOIN users u ON u.id = a.user_id JOIN users b ON b.id = a.appointed_by"
	" ORDER BY a.started_at DESC, a.id DESC LIMIT 500")
COLS(OPAPPT_LIST, OPAPPT_LIST_ID, OPAPPT_LIST_LOGIN, OPAPPT_LIST_NAME,
    OPAPPT_LIST_STARTED_AT, OPAPPT_LIST_ENDED_AT, OPAPPT_LIST_APPOINTER_LOGIN,
    OPAPPT_LIST_APPOINTER_NAME)
STMT(STAFF_INSERT,
	"INSERT INTO staff_registration (name, title, user_id, registered_on,"
	" form_token, created_by) VALUES (?, ?, ?, ?, ?, ?)")
STMT(STAFF_GET,
	"SELECT s.id, s.name, s.title, s.user_id, u.login, s.registered_on,"
	" s.notified_on, s.ended_on, s.version FROM staff_registration s"
	" LEFT JOIN users u ON u.id = s.user_id WHERE s.id = ? FOR UPDATE")
COLS(STAFF_GET, STAFF_GET_ID, STAFF_GET_NAME, STAFF_GET_TITLE,
    STAFF_GET_USER_ID, STAFF_GET_LOGIN, STAFF_GET_REGISTERED_ON,
    STAFF_GET_NOTIFIED_ON, STAFF_GET_ENDED_ON, STAFF_GET_VERSION)
STMT(STAFF_UPDATE,
	"UPDATE staff_registration SET name = ?, title = ?, user_id = ?,"
	" registered_on = ?, ended_on = ?, version = version + 1"
	" WHERE id = ? AND version = ? AND ended_on IS NULL")
STMT(STAFF_NOTIFY,
	"UPDATE staff_registration SET notified_on = ?, version = version + 1"
	" WHERE id = ? AND version = ?")
STMT(STAFF_HISTORY_ADD,
	"INSERT INTO staff_registration_history (registration_id, version,"
	" action, name, title, user_id, registered_on, notified_on, ended_on,"
	" changed_by) SELECT id, version, ?, name, title, user_id, registered_on,"
	" notified_on, ended_on, ? FROM staff_registration WHERE id = ?")
STMT(STAFF_LIST,
	"SELECT s.id, s.name, s.title, u.login, s.registered_on, s.notified_on,"
	" s.ended_on, s.version FROM staff_registration s"
	" LEFT JOIN users u ON u.id = s.user_id"
	" ORDER BY s.ended_on IS NOT NULL, s.registered_on DESC, s.id DESC"
	" LIMIT 500")
COLS(STAFF_LIST, STAFF_LIST_ID, STAFF_LIST_NAME, STAFF_LIST_TITLE,
    STAFF_LIST_LOGIN, STAFF_LIST_REGISTERED_ON, STAFF_LIST_NOTIFIED_ON,
    STAFF_LIST_ENDED_ON, STAFF_LIST_VERSION)
STMT(STAFF_HISTORY_LIST,
	"SELECT h.registration_id, h.version, h.action, h.name, h.title, u.login,"
	" h.registered_on, h.notified_on, h.ended_on, b.login,"
	" UNIX_TIMESTAMP(h.changed_at) FROM staff_registration_history h"
	" LEFT JOIN users u ON u.id = h.user_id"
	" LEFT JOIN users b ON b.id = h.changed_by"
	" ORDER BY h.id DESC LIMIT 500")
COLS(STAFF_HISTORY_LIST, STAFF_HISTORY_LIST_REGISTRATION_ID,
    STAFF_HISTORY_LIST_VERSION, STAFF_HISTORY_LIST_ACTION,
    STAFF_HISTORY_LIST_NAME, STAFF_HISTORY_LIST_TITLE, STAFF_HISTORY_LIST_LOGIN,
    STAFF_HISTORY_LIST_REGISTERED_ON, STAFF_HISTORY_LIST_NOTIFIED_ON,
    STAFF_HISTORY_LIST_ENDED_ON, STAFF_HISTORY_LIST_CHANGER_LOGIN,
    STAFF_HISTORY_LIST_CHANGED_AT)
STMT(STAFF_ACTIVE_COUNT,
	"SELECT COUNT(*) FROM staff_registration WHERE user_id = ?"
	" AND ended_on IS NULL")
COLS(STAFF_ACTIVE_COUNT, STAFF_ACTIVE_COUNT_N)
