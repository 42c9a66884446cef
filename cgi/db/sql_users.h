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

/* Assignments run left to right: locked_until sees the new failed_count. */
STMT(USER_LOGIN_FAIL,
	"UPDATE users SET failed_count = failed_count + 1,"
	" locked_until = IF(failed_count >= ?, ?, locked_until) WHERE id = ?")
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
