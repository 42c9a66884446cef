/* sql_users.h: facilities, users and their roles and passwords (cli/mogamictl.c, pages/login.c, pages/certs.c, pages/council.c) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

STMT(FACILITY_INSERT,
	"INSERT INTO facility (code, name, kind, in_region, disclosing, viewing)"
	" VALUES (?, ?, ?, ?, ?, ?)")
STMT(FACILITY_BY_CODE,
	"SELECT id, name FROM facility WHERE code = ?")
COLS(FACILITY_BY_CODE, FACILITY_BY_CODE_ID, FACILITY_BY_CODE_NAME)
STMT(USER_INSERT,
	"INSERT INTO users (login, name, facility_id, profession, password_hash,"
	" must_change_pw) VALUES (?, ?, ?, ?, ?, 1)")
STMT(ROLE_INSERT,
	"INSERT IGNORE INTO user_role (user_id, role) VALUES (?, ?)")
STMT(USER_BY_LOGIN,
	"SELECT id, password_hash, status, failed_count, locked_until,"
	" must_change_pw, ends_on FROM users WHERE login = ?")
COLS(USER_BY_LOGIN, USER_BY_LOGIN_ID, USER_BY_LOGIN_PASSWORD_HASH,
    USER_BY_LOGIN_STATUS, USER_BY_LOGIN_FAILED_COUNT,
    USER_BY_LOGIN_LOCKED_UNTIL, USER_BY_LOGIN_MUST_CHANGE_PW,
    USER_BY_LOGIN_ENDS_ON)

/* A failed login's count, under the row's lock: two at once count twice. */
STMT(USER_FAIL_STATE,
	"SELECT failed_count, locked_until FROM users WHERE id = ? FOR UPDATE")
COLS(USER_FAIL_STATE, USER_FAIL_STATE_FAILED_COUNT, USER_FAIL_STATE_LOCKED_UNTIL)
STMT(USER_FAIL_SET,
	"UPDATE users SET failed_count = ?, locked_until = ? WHERE id = ?")
STMT(LOCKOUT_INSERT,
	"INSERT INTO user_lockout (user_id, locked_at, locked_until, alerted)"
	" VALUES (?, ?, ?, ?)")
STMT(LOCKOUT_RECENT,
	"SELECT COUNT(*), COALESCE(SUM(alerted), 0) FROM user_lockout"
	" WHERE user_id = ? AND locked_at > ?")
COLS(LOCKOUT_RECENT, LOCKOUT_RECENT_N, LOCKOUT_RECENT_ALERTED)
STMT(USER_LOGIN_OK,
	"UPDATE users SET failed_count = 0, locked_until = 0 WHERE id = ?")
STMT(USER_SET_PASSWORD,
	"UPDATE users SET password_hash = ?, must_change_pw = ?,"
	" pw_changed_at = UTC_TIMESTAMP(6), failed_count = 0, locked_until = 0"
	" WHERE id = ?")
STMT(USER_PASSWORD,
	"SELECT password_hash, login FROM users WHERE id = ?")
COLS(USER_PASSWORD, USER_PASSWORD_PASSWORD_HASH, USER_PASSWORD_LOGIN)
STMT(USER_SET_STATUS,
	"UPDATE users SET status = ?, version = version + 1 WHERE id = ?")
STMT(USER_SET_ADDRESS,
	"UPDATE users SET address = NULLIF(?, '') WHERE login = ?")
