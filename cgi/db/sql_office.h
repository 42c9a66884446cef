/* sql_office.h: the network office's weekday work (rules/accounts.c, pages/office.c, pages/sources.c, pages/todo.c; issue 20) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

/* A login ID in use: a user's, or waiting in another draft or submitted application. */
STMT(LOGIN_TAKEN,
	"SELECT (SELECT COUNT(*) FROM users WHERE login = ?)"
	" + (SELECT COUNT(*) FROM application WHERE user_login = ?"
	" AND status IN ('draft', 'submitted') AND id <> ?)")
COLS(LOGIN_TAKEN, LOGIN_TAKEN_N)

/* Form 1's manager: the login ID and profession their account is made with (A9). */
STMT(APP_SET_MANAGER_ACCOUNT,
	"UPDATE application SET user_login = ?, profession = ? WHERE id = ?")

/* Accounts with no certificate in force: the operator's queue (A4.2). */
STMT(CERT_WAITING,
	"SELECT u.id, u.login, u.name, f.name FROM users u"
	" JOIN facility f ON f.id = u.facility_id WHERE u.status = 'active'"
	" AND NOT EXISTS (SELECT 1 FROM cert c WHERE c.user_id = u.id"
	" AND c.status = 'active' AND c.not_after > ?)"
	" ORDER BY u.created_at, u.id LIMIT 200")
COLS(CERT_WAITING, CERT_WAITING_ID, CERT_WAITING_LOGIN, CERT_WAITING_NAME,
    CERT_WAITING_FACILITY_NAME)
STMT(CERT_BY_SERIAL,
	"SELECT c.status, u.login, u.name, f.name, c.not_after FROM cert c"
	" LEFT JOIN users u ON u.id = c.user_id"
	" LEFT JOIN facility f ON f.id = u.facility_id WHERE c.serial = ?")
COLS(CERT_BY_SERIAL, CERT_BY_SERIAL_STATUS, CERT_BY_SERIAL_LOGIN,
    CERT_BY_SERIAL_USER_NAME, CERT_BY_SERIAL_FACILITY_NAME,
    CERT_BY_SERIAL_NOT_AFTER)
