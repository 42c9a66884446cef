/* stmts.c: the texts, names and column counts of every statement, from db/sql_*.h */
#include "db/stmts.h"

#define COLS(name, ...)
#define SAME_COLS(name, as)

#define STMT(name, sql)		[STMT_##name] = sql,
const char *const stmt_sql[STMT__MAX] = {
#include "db/sql_all.h"
};
#undef STMT

#define STMT(name, sql)		[STMT_##name] = #name,
const char *const stmt_name[STMT__MAX] = {
#include "db/sql_all.h"
};
#undef STMT
#undef COLS
#undef SAME_COLS

#define STMT(name, sql)
#define COLS(name, ...)		[STMT_##name] = name##__NCOLS,
#define SAME_COLS(name, as)	[STMT_##name] = as##__NCOLS,
const unsigned char stmt_ncols[STMT__MAX] = {
#include "db/sql_all.h"
};
#undef STMT
#undef COLS
#undef SAME_COLS
