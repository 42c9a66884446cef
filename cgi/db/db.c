/* db.c: the one file that talks to MariaDB Connector/C */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>

#include "base/config.h"
#include "base/util.h"
#include "db/db.h"

#define DB_MAXARGS	48
#define DB_CELLBUF	256

static MYSQL		*conn;
static MYSQL_STMT	*stmts[STMT__MAX];
static int		 broken;	/* reconnect at the next request */
static int		 in_txn;
static int		 doomed;	/* a conflict ended this transaction */
static int		 req_stmts;	/* statements run in this request */
static int		 last_err;
static int		 h_conflict;	/* since db_handler_begin: a conflict */
static int		 h_committed;	/* ... and something was committed */

static int
classify(unsigned int e)
{
	last_err = (int)e;
	switch (e) {
	case CR_SERVER_GONE_ERROR:
	case CR_SERVER_LOST:
	case CR_CONNECTION_ERROR:
	case CR_CONN_HOST_ERROR:
	case ER_SERVER_SHUTDOWN:
	case ER_CONNECTION_KILLED:
	case 4031:	/* ER_CLIENT_INTERACTION_TIMEOUT */
		return DB_GONE;
	case ER_LOCK_DEADLOCK:
	case ER_LOCK_WAIT_TIMEOUT:
		/*
		 * The server rolled the transaction back (Galera: on any
		 * statement, even a SELECT); what follows would run outside
		 * it, and a COMMIT would "succeed" with nothing committed. A
		 * lock wait timeout ends only the statement, but committing
		 * the rest of a half-done change is no better.
		 */
		doomed = in_txn;
		h_conflict = 1;
		return DB_CONFLICT;
	case ER_DUP_ENTRY:
		return DB_DUP;
	default:
		return DB_ERR;
	}
}

static void
drop_statements(void)
{
	for (size_t i = 0; i < STMT__MAX; i++)
		if (stmts[i] != NULL) {
			mysql_stmt_close(stmts[i]);
			stmts[i] = NULL;
		}
}

void
db_close(void)
{
	drop_statements();
	if (conn != NULL)
		mysql_close(conn);
	conn = NULL;
	in_txn = 0;
	doomed = 0;
}

/* Seconds a read or write may wait: a worker's statement is short, and a
 * hung server must not hold a worker forever; the admin tool's migrations
 * rebuild tables of millions of rows (db_set_io_timeout). */
static unsigned int	 io_to = 30;

/* Before db_connect: the timeout of the connections it makes. */
void
db_set_io_timeout(unsigned int secs)
{
	io_to = secs;
}

/*
 * Connects with the settings in cfg; statements are prepared on first use.
 * Returns 0, or -1 with a message in err (never shown to a browser).
 */
int
db_connect(char *err, size_t errlen)
{
	unsigned int	 connect_to = 3, port;
	my_bool		 off = 0;
	const char	*host = NULL, *sock = cfg.db_socket;

	db_close();
	if ((conn = mysql_init(NULL)) == NULL) {
		str_copy(err, "mysql_init failed", errlen);
		return -1;
	}
	mysql_options(conn, MYSQL_OPT_CONNECT_TIMEOUT, &connect_to);
	mysql_options(conn, MYSQL_OPT_READ_TIMEOUT, &io_to);
	mysql_options(conn, MYSQL_OPT_WRITE_TIMEOUT, &io_to);
	mysql_options(conn, MYSQL_OPT_RECONNECT, &off);
	mysql_options(conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(conn, MYSQL_INIT_COMMAND, "SET time_zone = '+00:00'");
	/* Galera: a read sees every commit the cluster had when it began. */
	if (cfg.db_causal_reads)
		mysql_options(conn, MYSQL_INIT_COMMAND,
		    "SET SESSION wsrep_sync_wait = 1");
	port = cfg.db_port > 0 ? (unsigned int)cfg.db_port : 0;
	if (cfg.db_host[0] != '\0') {
		host = cfg.db_host;
		sock = NULL;
	}
	if (mysql_real_connect(conn, host, cfg.db_user, cfg.db_password,
	    cfg.db_name, port, sock, 0) == NULL) {
		str_fmt(err, errlen, "connect: %s", mysql_error(conn));
		mysql_close(conn);
		conn = NULL;
		broken = 1;
		return -1;
	}
	broken = 0;
	return 0;
}

int
db_broken(void)
{
	return broken || conn == NULL;
}

/*
 * Called before each request: reconnects when the last request lost the
 * connection, so no request ever resumes inside a lost transaction.
 * Returns DB_OK or DB_GONE.
 */
int
db_request_begin(void)
{
	char	 err[256];

	req_stmts = 0;
	if (in_txn) {
		db_rollback();
		in_txn = 0;
	}
	if (!db_broken())
		return DB_OK;
	if (db_connect(err, sizeof(err)) == -1) {
		syslog(LOG_WARNING, "%s: %s", __func__, err);
		return DB_GONE;
	}
	return DB_OK;
}

/* Returns the prepared statement, or NULL with *rc set to a DB_* error. */
static MYSQL_STMT *
prepare(enum stmt s, int *rc)
{
	MYSQL_STMT	*st;

	if (stmts[s] != NULL)
		return stmts[s];
	*rc = DB_GONE;
	if (conn == NULL || (st = mysql_stmt_init(conn)) == NULL)
		return NULL;
	if (mysql_stmt_prepare(st, stmt_sql[s], strlen(stmt_sql[s])) != 0) {
		*rc = classify(mysql_stmt_errno(st));
		syslog(LOG_ERR, "%s: statement %s: %s", __func__, stmt_name[s],
		    mysql_stmt_error(st));
		mysql_stmt_close(st);
		return NULL;
	}
	stmts[s] = st;
	return st;
}

struct args {
	MYSQL_BIND	 b[DB_MAXARGS];
	long long	 ints[DB_MAXARGS];
	unsigned long	 lens[DB_MAXARGS];
	size_t		 n;
};

static int
bind_args(struct args *a, const char *types, va_list ap)
{
	const char	*s;
	size_t		 i;

	memset(a, 0, sizeof(*a));
	for (i = 0; types[i] != '\0'; i++) {
		if (i >= DB_MAXARGS)
			return -1;
		MYSQL_BIND *b = &a->b[i];
		switch (types[i]) {
		case 's':
			s = va_arg(ap, const char *);
			if (s == NULL) {
				b->buffer_type = MYSQL_TYPE_NULL;
				break;
			}
			b->buffer_type = MYSQL_TYPE_STRING;
			b->buffer = (void *)(uintptr_t)s;
			a->lens[i] = (unsigned long)strlen(s);
			b->length = &a->lens[i];
			break;
		case 'i':
			a->ints[i] = va_arg(ap, long long);
			b->buffer_type = MYSQL_TYPE_LONGLONG;
			b->buffer = &a->ints[i];
			break;
		case 'b':
			b->buffer = (void *)(uintptr_t)va_arg(ap, const void *);
			a->lens[i] = (unsigned long)va_arg(ap, size_t);
			b->buffer_type = b->buffer != NULL ? MYSQL_TYPE_BLOB :
			    MYSQL_TYPE_NULL;
			b->length = &a->lens[i];
			break;
		default:
			return -1;
		}
	}
	a->n = i;
	return 0;
}

/*
 * Prepares (once), binds and executes s. The first statement of a request
 * outside a transaction is retried once on a fresh connection when the old
 * one was lost (a restarted server); anything later fails with DB_GONE.
 */
static int
execute(enum stmt s, struct args *a, MYSQL_STMT **out)
{
	MYSQL_STMT	*st;
	char		 err[256];
	int		 rc = DB_GONE, attempt, resumable;

	if (in_txn && doomed)
		return DB_CONFLICT;	/* the transaction is gone: never go on */
	for (attempt = 0; attempt < 2; attempt++) {
		if (attempt == 1 && db_connect(err, sizeof(err)) == -1)
			return DB_GONE;
		if (db_broken())
			return DB_GONE;
		if ((st = prepare(s, &rc)) == NULL)
			;
		else if (mysql_stmt_param_count(st) != a->n) {
			syslog(LOG_ERR, "%s: statement %s wants %lu args, got %zu",
			    __func__, stmt_name[s], mysql_stmt_param_count(st), a->n);
			return DB_ERR;
		} else if (mysql_stmt_bind_param(st, a->b) != 0 ||
		    mysql_stmt_execute(st) != 0) {
			rc = classify(mysql_stmt_errno(st));
			if (rc != DB_GONE)
				syslog(LOG_WARNING, "%s: statement %s: %s",
				    __func__, stmt_name[s], mysql_stmt_error(st));
		} else {
			req_stmts++;
			*out = st;
			return DB_OK;
		}
		if (rc != DB_GONE)
			return rc;
		resumable = !in_txn && req_stmts == 0;
		db_close();
		broken = 1;
		if (!resumable)
			return DB_GONE;
	}
	return DB_GONE;
}

/*
 * Runs a statement that returns rows and fetches them all as strings.
 * Returns a dbres the caller frees with dbres_free, or NULL on error
 * (db_last_error() tells which).
 */
struct dbres *
db_query(enum stmt s, const char *types, ...)
{
	struct dbres	*res;
	va_list		 ap;

	va_start(ap, types);
	res = db_vquery(s, types, ap);
	va_end(ap);
	return res;
}

/* db_query with its arguments as a va_list (for helpers that pass them on). */
struct dbres *
db_vquery(enum stmt s, const char *types, va_list ap)
{
	struct args	 a;
	MYSQL_STMT	*st;
	MYSQL_RES	*meta = NULL;
	MYSQL_BIND	*rb = NULL;
	struct dbres	*res = NULL;
	unsigned long	*lens = NULL;
	my_bool		*nulls = NULL;
	char		*cellbuf = NULL;
	size_t		 ncols, i, cap = 0;
	int		 rc;

	if (bind_args(&a, types, ap) == -1 || execute(s, &a, &st) != DB_OK)
		return NULL;
	if ((meta = mysql_stmt_result_metadata(st)) == NULL)
		goto fail;
	ncols = mysql_num_fields(meta);
	if ((res = calloc(1, sizeof(*res))) == NULL ||
	    (rb = calloc(ncols, sizeof(*rb))) == NULL ||
	    (lens = calloc(ncols, sizeof(*lens))) == NULL ||
	    (nulls = calloc(ncols, sizeof(*nulls))) == NULL ||
	    (cellbuf = malloc(ncols * DB_CELLBUF)) == NULL)
		goto fail;
	res->ncols = ncols;
	for (i = 0; i < ncols; i++) {
		rb[i].buffer_type = MYSQL_TYPE_STRING;
		rb[i].buffer = cellbuf + i * DB_CELLBUF;
		rb[i].buffer_length = DB_CELLBUF;
		rb[i].length = &lens[i];
		rb[i].is_null = &nulls[i];
	}
	if (mysql_stmt_bind_result(st, rb) != 0)
		goto fail;
	for (;;) {
		rc = mysql_stmt_fetch(st);
		if (rc == MYSQL_NO_DATA)
			break;
		if (rc == 1) {
			classify(mysql_stmt_errno(st));
			goto fail;
		}
		if (res->nrows == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			char **p = reallocarray(res->cells, ncap * ncols,
			    sizeof(char *));
			if (p == NULL)
				goto fail;
			res->cells = p;
			size_t *l = reallocarray(res->lens, ncap * ncols,
			    sizeof(size_t));
			if (l == NULL)
				goto fail;
			res->lens = l;
			cap = ncap;
		}
		char **row = res->cells + res->nrows * ncols;
		size_t *rlen = res->lens + res->nrows * ncols;
		res->nrows++;
		memset(row, 0, ncols * sizeof(char *));
		memset(rlen, 0, ncols * sizeof(size_t));
		for (i = 0; i < ncols; i++) {
			if (nulls[i])
				continue;
			if ((row[i] = malloc(lens[i] + 1)) == NULL)
				goto fail;
			if (lens[i] <= DB_CELLBUF)
				memcpy(row[i], rb[i].buffer, lens[i]);
			else {
				/* MYSQL_DATA_TRUNCATED: fetch the whole cell. */
				MYSQL_BIND big;
				memset(&big, 0, sizeof(big));
				big.buffer_type = MYSQL_TYPE_STRING;
				big.buffer = row[i];
				big.buffer_length = lens[i] + 1;
				if (mysql_stmt_fetch_column(st, &big, (unsigned)i,
				    0) != 0)
					goto fail;
			}
			row[i][lens[i]] = '\0';
			rlen[i] = lens[i];
		}
	}
	mysql_stmt_free_result(st);
	mysql_free_result(meta);
	free(rb);
	free(lens);
	free(nulls);
	free(cellbuf);
	return res;
fail:
	syslog(LOG_ERR, "%s: statement %s: %s", __func__, stmt_name[s],
	    mysql_stmt_error(st));
	mysql_stmt_free_result(st);
	if (meta != NULL)
		mysql_free_result(meta);
	free(rb);
	free(lens);
	free(nulls);
	free(cellbuf);
	dbres_free(res);
	return NULL;
}

/*
 * Runs a statement that returns no rows. Returns the number of affected rows
 * (>= 0) or a DB_* error (< 0).
 */
int
db_exec(enum stmt s, const char *types, ...)
{
	struct args	 a;
	MYSQL_STMT	*st;
	va_list		 ap;
	int		 rc;

	va_start(ap, types);
	rc = bind_args(&a, types, ap);
	va_end(ap);
	if (rc == -1)
		return DB_ERR;
	if ((rc = execute(s, &a, &st)) != DB_OK)
		return rc;
	if (!in_txn)
		h_committed = 1;	/* autocommit: it stays, whatever follows */
	return (int)mysql_stmt_affected_rows(st);
}

unsigned long long
db_last_id(void)
{
	return conn != NULL ? mysql_insert_id(conn) : 0;
}

int
db_last_error(void)
{
	return last_err;
}

static int
simple(const char *sql)
{
	if (conn == NULL)
		return DB_GONE;
	if (mysql_real_query(conn, sql, strlen(sql)) != 0) {
		int rc = classify(mysql_errno(conn));
		if (rc == DB_GONE) {
			db_close();
			broken = 1;
		}
		return rc;
	}
	return DB_OK;
}

/* Transactions: begin, then commit or roll back; never nested. */
int
db_begin(void)
{
	int	 rc;

	if (db_broken())
		return DB_GONE;
	doomed = 0;
	if ((rc = simple("START TRANSACTION")) == DB_OK)
		in_txn = 1;
	return rc;
}

/*
 * Commits; DB_CONFLICT (after a rollback) when a conflict ended the
 * transaction earlier, even if the caller went on: the caller retries or
 * fails, and never reports a write that was not made.
 */
int
db_commit(void)
{
	int	 rc;

	if (in_txn && doomed) {
		db_rollback();
		return DB_CONFLICT;
	}
	rc = simple("COMMIT");
	in_txn = 0;
	if (rc == DB_OK)
		h_committed = 1;
	return rc;
}

/* Marks the start of a handler's work, for db_handler_retryable. */
void
db_handler_begin(void)
{
	h_conflict = 0;
	h_committed = 0;
}

/*
 * 1 when the handler met a conflict (deadlock; Galera: another node's
 * commit won) and committed nothing since db_handler_begin, so running
 * it again from the start cannot write anything twice.
 */
int
db_handler_retryable(void)
{
	return h_conflict && !h_committed;
}

void
db_rollback(void)
{
	if (conn != NULL && in_txn)
		simple("ROLLBACK");
	in_txn = 0;
	doomed = 0;
}

const char *
dbres_get(const struct dbres *r, size_t row, size_t col)
{
	if (r == NULL || row >= r->nrows || col >= r->ncols)
		return NULL;
	return r->cells[row * r->ncols + col];
}

size_t
dbres_len(const struct dbres *r, size_t row, size_t col)
{
	if (r == NULL || row >= r->nrows || col >= r->ncols)
		return 0;
	return r->lens[row * r->ncols + col];
}

/* A cell as a number; 0 when NULL or not a number. */
long long
dbres_ll(const struct dbres *r, size_t row, size_t col)
{
	const char	*s = dbres_get(r, row, col);

	return s != NULL ? strtoll(s, NULL, 10) : 0;
}

void
dbres_free(struct dbres *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nrows * r->ncols; i++)
		free(r->cells[i]);
	free(r->cells);
	free(r->lens);
	free(r);
}

/*
 * Runs the statements of a trusted SQL file from the repository (a
 * migration), one per ";" at the end of a line. Not for anything built
 * from input. Returns 0, or -1 with the server's message in err.
 */
int
db_run_script(const char *sql, char *err, size_t errlen)
{
	struct buf	 one;
	const char	*p = sql, *nl;
	int		 rc = 0;

	buf_init(&one);
	while (*p != '\0') {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		size_t n = (size_t)(nl - p);
		const char *t = p;
		while (t < nl && (*t == ' ' || *t == '\t'))
			t++;
		if (!(nl - t >= 2 && t[0] == '-' && t[1] == '-'))
			buf_add(&one, p, n);
		buf_puts(&one, "\n");
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' ||
		    p[n - 1] == '\r'))
			n--;
		if (n > 0 && p[n - 1] == ';') {
			if (mysql_real_query(conn, one.data, one.len) != 0) {
				str_fmt(err, errlen, "%s", mysql_error(conn));
				rc = -1;
				break;
			}
			buf_reset(&one);
		}
		p = *nl ? nl + 1 : nl;
	}
	buf_free(&one);
	return rc;
}

/* The test instance's clock, moved by tests instead of sleeping. */
void
clock_from_db(void)
{
	struct dbres	*res;

	if (!cfg.test_clock || (res = db_query(STMT_TEST_CLOCK, "")) == NULL)
		return;
	cfg.clock_offset = (long)dbres_ll(res, 0, 0);
	dbres_free(res);
}

/*
 * For `mogamictl db check`: prepares s on a statement handle of its own and
 * describes its result: *ncols columns (0: it returns no rows) and, when
 * cols is not NULL, a line "name table org_table" per column. Returns 0, or
 * -1 with the server's message in err.
 */
int
db_describe(enum stmt s, unsigned int *ncols, struct buf *cols, char *err,
    size_t errlen)
{
	MYSQL_STMT	*st;
	MYSQL_RES	*meta;
	MYSQL_FIELD	*f;

	*ncols = 0;
	if (conn == NULL || (st = mysql_stmt_init(conn)) == NULL) {
		str_copy(err, "no connection", errlen);
		return -1;
	}
	if (mysql_stmt_prepare(st, stmt_sql[s], strlen(stmt_sql[s])) != 0) {
		str_copy(err, mysql_stmt_error(st), errlen);
		mysql_stmt_close(st);
		return -1;
	}
	*ncols = mysql_stmt_field_count(st);
	if (cols != NULL && *ncols > 0 &&
	    (meta = mysql_stmt_result_metadata(st)) != NULL) {
		while ((f = mysql_fetch_field(meta)) != NULL)
			buf_printf(cols, "%s\t%s\t%s\n", f->name,
			    f->table ? f->table : "", f->org_table ? f->org_table : "");
		mysql_free_result(meta);
	}
	mysql_stmt_close(st);
	return 0;
}
