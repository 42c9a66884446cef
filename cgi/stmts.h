/* stmts.h: names of every SQL statement; the text is in stmts.c */
#ifndef STMTS_H
#define STMTS_H

enum stmt {
	STMT_PING,
	STMT_MIGRATION_APPLIED,
	STMT_MIGRATION_RECORD,
	STMT_AUDIT_INSERT,
	STMT_AUDIT_COUNT,
	STMT__MAX
};

extern const char *const stmt_sql[STMT__MAX];

#endif
