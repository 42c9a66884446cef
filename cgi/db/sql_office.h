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
