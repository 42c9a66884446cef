/*
 * stmts.h: the name of every SQL statement (enum stmt) and, for every
 * statement that returns rows, its columns (enum NAME_col: NAME_COLUMN, ...,
 * NAME__NCOLS). Both are built from the domain files db/sql_*.h, listed in
 * db/sql_all.h, where each statement's text and its columns stand together:
 *
 *	STMT(DESK_LIST, "SELECT c.id, c.receipt_no ...")
 *	COLS(DESK_LIST, DESK_LIST_ID, DESK_LIST_RECEIPT_NO, ...)
 *	SAME_COLS(OTHER, DESK_LIST)	(OTHER's rows read with DESK_LIST_*)
 *
 * stmts.c builds the texts, the names (for logs) and the column counts
 * (checked against the server by `mogamictl db check`) from the same files.
 * To add a statement: a STMT line in its domain's file and, for a SELECT,
 * a COLS line beside it; read its rows by those names, never by number.
 */
#ifndef STMTS_H
#define STMTS_H

#define STMT(name, sql)		STMT_##name,
#define COLS(name, ...)
#define SAME_COLS(name, as)
enum stmt {
#include "db/sql_all.h"
	STMT__MAX
};
#undef STMT
#undef COLS

#define STMT(name, sql)
#define COLS(name, ...)		enum name##_col { __VA_ARGS__, name##__NCOLS };
#include "db/sql_all.h"
#undef STMT
#undef COLS
#undef SAME_COLS

extern const char *const	 stmt_sql[STMT__MAX];
extern const char *const	 stmt_name[STMT__MAX];
/* Columns of each statement's rows; 0 for one that returns none. */
extern const unsigned char	 stmt_ncols[STMT__MAX];

#endif
