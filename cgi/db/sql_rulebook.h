/* sql_rulebook.h: the rules as versioned text and their acknowledgement (rules/rulebook.c, pages/rulebook.c; A11.1-A11.3, A8.2, A19) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

/* The version in force on a day (Japan): the latest whose day has come. */
STMT(RULES_IN_FORCE,
	"SELECT id, seq, title, DATE_FORMAT(effective_on, '%Y-%m-%d')"
	" FROM rules_version WHERE effective_on <= ?"
	" ORDER BY effective_on DESC, seq DESC LIMIT 1")
COLS(RULES_IN_FORCE, RULES_IN_FORCE_ID, RULES_IN_FORCE_SEQ,
    RULES_IN_FORCE_TITLE, RULES_IN_FORCE_EFFECTIVE_ON)
