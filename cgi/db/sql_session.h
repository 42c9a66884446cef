/* sql_session.h: sessions and the request context read once per request (web/session.c, server/routes.c; A8.3, A8.4) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

STMT(SESSION_INSERT,
	"INSERT INTO session (token_hash, user_id, cert_serial, csrf, created_at,"
	" last_seen) VALUES (?, ?, ?, ?, ?, ?)")
STMT(SESSION_NOTICES_CLEAR,
	"UPDATE session SET notices_clear = 1 WHERE id = ?")
STMT(SESSION_TOUCH,
	"UPDATE session SET last_seen = ? WHERE id = ? AND ended_at IS NULL")
STMT(SESSION_LOCK,
	"UPDATE session SET locked = 1, return_to = ? WHERE id = ?")
STMT(SESSION_UNLOCK,
	"UPDATE session SET locked = 0, last_seen = ?, return_to = NULL"
	" WHERE id = ?")
STMT(SESSION_END,
	"UPDATE session SET ended_at = ?, end_reason = ? WHERE id = ?"
	" AND ended_at IS NULL")
STMT(SESSION_END_OTHERS,
	"UPDATE session SET ended_at = ?, end_reason = ? WHERE user_id = ?"
	" AND id <> ? AND ended_at IS NULL")
STMT(SESSION_END_USER,
	"UPDATE session SET ended_at = ?, end_reason = ? WHERE user_id = ?"
	" AND ended_at IS NULL")
STMT(SESSION_END_CERT,
	"UPDATE session SET ended_at = ?, end_reason = ? WHERE cert_serial = ?"
	" AND ended_at IS NULL")

/*
 * What every request needs before its handler, in one round trip (docs/benchmarks.md):
 * the certificate's row (REQ_CONTEXT_CERT_*; one row by its unique key, and
 * needed before there is a session), the session named by the cookie with
 * its user's facts kept on it by the writers of users, user_role and
 * facility (the ctx_ columns, db/migrations/0031_facts.sql, issue 23:
 * REQ_CONTEXT_SESS_* to _ENDS_ON; NULLs without one)
 * and whether it has notices left to acknowledge, and the running or next
 * announced maintenance window (REQ_CONTEXT_MAINT_*). Parameters: now, serial, token hash, now x3. MariaDB plans
 * every execution of a prepared statement: derived tables and subqueries
 * cost more to plan than to run here, hence the window by its id.
 */
STMT(REQ_CONTEXT,
	"SELECT c.id, c.user_id, c.status, c.not_before, c.not_after,"
	" s.id, s.user_id, s.cert_serial, s.csrf, s.created_at,"
	" s.last_seen, s.locked, s.ended_at, s.ctx_login, s.ctx_name,"
	" s.ctx_user_status, s.ctx_facility_id, s.ctx_facility_name,"
	" s.ctx_must_change_pw, s.return_to, s.ctx_roles, s.ctx_profession,"
	" s.ctx_ends_on, s.notices_clear,"
	" m.id, m.kind, m.title, UNIX_TIMESTAMP(m.starts_at),"
	" COALESCE(UNIX_TIMESTAMP(m.ends_at), 0), m.starts_at <= FROM_UNIXTIME(?)"
	" FROM (SELECT 1) d"
	" LEFT JOIN cert c ON c.serial = ?"
	" LEFT JOIN session s ON s.token_hash = ?"
	" LEFT JOIN maintenance m ON m.id = (SELECT id FROM maintenance"
	"  WHERE cancelled_at IS NULL AND announce_from <= FROM_UNIXTIME(?)"
	"  AND (ends_at IS NULL OR ends_at > FROM_UNIXTIME(?))"
	"  ORDER BY starts_at <= FROM_UNIXTIME(?) DESC, starts_at LIMIT 1)")
COLS(REQ_CONTEXT, REQ_CONTEXT_CERT_ID, REQ_CONTEXT_CERT_USER_ID,
    REQ_CONTEXT_CERT_STATUS, REQ_CONTEXT_CERT_NOT_BEFORE,
    REQ_CONTEXT_CERT_NOT_AFTER, REQ_CONTEXT_SESS_ID, REQ_CONTEXT_SESS_USER_ID,
    REQ_CONTEXT_SESS_CERT_SERIAL, REQ_CONTEXT_SESS_CSRF,
    REQ_CONTEXT_SESS_CREATED_AT, REQ_CONTEXT_SESS_LAST_SEEN,
    REQ_CONTEXT_SESS_LOCKED, REQ_CONTEXT_SESS_ENDED_AT, REQ_CONTEXT_LOGIN,
    REQ_CONTEXT_USER_NAME, REQ_CONTEXT_USER_STATUS, REQ_CONTEXT_FACILITY_ID,
    REQ_CONTEXT_FACILITY_NAME, REQ_CONTEXT_MUST_CHANGE_PW,
    REQ_CONTEXT_RETURN_TO, REQ_CONTEXT_ROLES, REQ_CONTEXT_PROFESSION,
    REQ_CONTEXT_ENDS_ON, REQ_CONTEXT_NOTICES_CLEAR, REQ_CONTEXT_MAINT_ID,
    REQ_CONTEXT_MAINT_KIND, REQ_CONTEXT_MAINT_TITLE, REQ_CONTEXT_MAINT_STARTS,
    REQ_CONTEXT_MAINT_ENDS, REQ_CONTEXT_MAINT_ACTIVE)
