/* db.h: the one interface to MariaDB; statements live in db/sql_*.h (db/stmts.h) */
#ifndef DB_H
#define DB_H
#include <stdarg.h>
#include <stddef.h>
#include "db/stmts.h"

/* Rows fetched in full; every cell is a NUL-terminated string or NULL. */
struct dbres {
	size_t	 nrows;
	size_t	 ncols;
	char	**cells;	/* nrows * ncols */
	size_t	*lens;		/* byte length of each cell (BLOBs may hold NUL) */
};

enum db_state {
	DB_OK = 0,
	DB_ERR = -1,		/* the statement failed (constraint, syntax ...) */
	DB_GONE = -2,		/* the connection is lost (2006/2013) */
	DB_CONFLICT = -3,	/* deadlock or lock wait timeout: retry */
	DB_DUP = -4		/* a duplicate key */
};

void		 db_set_io_timeout(unsigned int);
int		 db_connect(char *, size_t);
void		 db_close(void);
int		 db_request_begin(void);
int		 db_broken(void);
/* The test instance's clock offset from the database (tests only). */
void		 clock_from_db(void);

/*
 * Arguments are described by a type string: 's' const char * (NULL is SQL
 * NULL), 'i' long long, 'b' const void * then size_t (a BLOB).
 */
struct dbres	*db_query(enum stmt, const char *, ...);
struct dbres	*db_vquery(enum stmt, const char *, va_list);
int		 db_exec(enum stmt, const char *, ...);
unsigned long long db_last_id(void);
int		 db_last_error(void);

void		 db_handler_begin(void);
int		 db_handler_retryable(void);

int		 db_begin(void);
int		 db_commit(void);
void		 db_rollback(void);

const char	*dbres_get(const struct dbres *, size_t, size_t);
size_t		 dbres_len(const struct dbres *, size_t, size_t);
long long	 dbres_ll(const struct dbres *, size_t, size_t);
void		 dbres_free(struct dbres *);

struct buf;
/* For `mogamictl db check`: prepare s apart and describe its result columns. */
int		 db_describe(enum stmt, unsigned int *, struct buf *, char *, size_t);

/* For the admin tool: run trusted SQL text from the repository (migrations). */
int		 db_run_script(const char *, char *, size_t);

#endif
