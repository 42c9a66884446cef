/* sql_rulebook.h: the rules as versioned text and their acknowledgement (rules/rulebook.c, pages/rulebook.c; A11.1-A11.3, A8.2, A19) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

/* The version in force on a day (Japan): the latest whose day has come. */
STMT(RULES_IN_FORCE,
	"SELECT id, seq, title, DATE_FORMAT(effective_on, '%Y-%m-%d')"
	" FROM rules_version WHERE effective_on <= ?"
	" ORDER BY effective_on DESC, seq DESC LIMIT 1")
COLS(RULES_IN_FORCE, RULES_IN_FORCE_ID, RULES_IN_FORCE_SEQ,
    RULES_IN_FORCE_TITLE, RULES_IN_FORCE_EFFECTIVE_ON)
/* A11.1: whether user ? has acknowledged the version in force on day ?. */
STMT(RULES_ACK_NEEDED,
	"SELECT v.id, EXISTS(SELECT 1 FROM rules_ack a WHERE a.user_id = ?"
	" AND a.version_id = v.id) FROM rules_version v WHERE v.effective_on <= ?"
	" ORDER BY v.effective_on DESC, v.seq DESC LIMIT 1")
COLS(RULES_ACK_NEEDED, RULES_ACK_NEEDED_ID, RULES_ACK_NEEDED_ACKED)
STMT(RULES_GET,
	"SELECT v.id, v.seq, v.title, v.body, v.handling,"
	" DATE_FORMAT(v.effective_on, '%Y-%m-%d'), v.source, v.agenda_item_id,"
	" v.sha256, UNIX_TIMESTAMP(v.created_at), u.name"
	" FROM rules_version v LEFT JOIN users u ON u.id = v.created_by"
	" WHERE v.id = ?")
COLS(RULES_GET, RULES_GET_ID, RULES_GET_SEQ, RULES_GET_TITLE, RULES_GET_BODY,
    RULES_GET_HANDLING, RULES_GET_EFFECTIVE_ON, RULES_GET_SOURCE,
    RULES_GET_AGENDA_ITEM_ID, RULES_GET_SHA256, RULES_GET_CREATED_AT,
    RULES_GET_CREATOR_NAME)
/* Every version, newest first, with how many have acknowledged each. */
STMT(RULES_LIST,
	"SELECT v.id, v.seq, v.title, DATE_FORMAT(v.effective_on, '%Y-%m-%d'),"
	" v.source, v.agenda_item_id,"
	" (SELECT COUNT(*) FROM rules_ack a WHERE a.version_id = v.id)"
	" FROM rules_version v ORDER BY v.seq DESC LIMIT 200")
COLS(RULES_LIST, RULES_LIST_ID, RULES_LIST_SEQ, RULES_LIST_TITLE,
    RULES_LIST_EFFECTIVE_ON, RULES_LIST_SOURCE, RULES_LIST_AGENDA_ITEM_ID,
    RULES_LIST_ACKED)
/* The newest version: a new one takes effect no earlier, and keeps its handling document. */
STMT(RULES_LATEST,
	"SELECT id, seq, DATE_FORMAT(effective_on, '%Y-%m-%d'), handling"
	" FROM rules_version ORDER BY seq DESC LIMIT 1")
COLS(RULES_LATEST, RULES_LATEST_ID, RULES_LATEST_SEQ,
    RULES_LATEST_EFFECTIVE_ON, RULES_LATEST_HANDLING)
STMT(RULES_BY_IDEM,
	"SELECT id FROM rules_version WHERE idem = ?")
COLS(RULES_BY_IDEM, RULES_BY_IDEM_ID)
STMT(RULES_INSERT,
	"INSERT INTO rules_version (seq, title, body, handling, effective_on,"
	" source, agenda_item_id, sha256, created_by, created_at, idem)"
	" SELECT COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ?, NULLIF(?, 0), ?,"
	" NULLIF(?, 0), UTC_TIMESTAMP(6), ? FROM rules_version")
STMT(RULES_ACK_INSERT,
	"INSERT IGNORE INTO rules_ack (user_id, version_id, acked_at, cert_serial)"
	" VALUES (?, ?, UTC_TIMESTAMP(6), ?)")
STMT(RULES_ACK_GET,
	"SELECT UNIX_TIMESTAMP(acked_at), cert_serial FROM rules_ack"
	" WHERE user_id = ? AND version_id = ?")
COLS(RULES_ACK_GET, RULES_ACK_GET_ACKED_AT, RULES_ACK_GET_CERT_SERIAL)
/* The operator's list: active users who have not acknowledged version ?. */
STMT(RULES_NOT_ACKED,
	"SELECT u.login, u.name, f.name, f.code,"
	" (SELECT GROUP_CONCAT(r.role ORDER BY r.role) FROM user_role r"
	"  WHERE r.user_id = u.id),"
	" (SELECT MAX(s.created_at) FROM session s"
	"  WHERE s.user_id = u.id)"
	" FROM users u JOIN facility f ON f.id = u.facility_id"
	" WHERE u.status = 'active' AND NOT EXISTS (SELECT 1 FROM rules_ack a"
	" WHERE a.user_id = u.id AND a.version_id = ?)"
	" ORDER BY f.code, u.login LIMIT 1001")
COLS(RULES_NOT_ACKED, RULES_NOT_ACKED_LOGIN, RULES_NOT_ACKED_NAME,
    RULES_NOT_ACKED_FACILITY_NAME, RULES_NOT_ACKED_FACILITY_CODE,
    RULES_NOT_ACKED_ROLES, RULES_NOT_ACKED_LAST_LOGIN)
STMT(RULES_ACTIVE_USERS,
	"SELECT COUNT(*), SUM(EXISTS(SELECT 1 FROM rules_ack a"
	" WHERE a.user_id = u.id AND a.version_id = ?))"
	" FROM users u WHERE u.status = 'active'")
COLS(RULES_ACTIVE_USERS, RULES_ACTIVE_USERS_N, RULES_ACTIVE_USERS_ACKED)
