/*
 * dashboard.c: the council dashboard's months (in Japan), the statistics
 * it shows, and the refresh of its aggregate of record views (0015). A
 * month is an index y * 12 + (m - 1), so that a period is two integers.
 */
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "base/util.h"
#include "db/db.h"
#include "rules/dashboard.h"

#define JST		(9 * 3600)
#define BATCH_IDS	200000	/* audit ids counted per transaction */

/* "YYYY-MM" (2000-2099) into *idx; 0, or -1 when it is anything else. */
int
dash_month_parse(const char *s, int *idx)
{
	long long	 y, m;
	char		 ys[5], ms[3];

	if (s == NULL || strlen(s) != 7 || s[4] != '-')
		return -1;
	memcpy(ys, s, 4);
	ys[4] = '\0';
	memcpy(ms, s + 5, 2);
	ms[2] = '\0';
	if (str_to_ll(ys, 2000, 2099, &y) == -1 ||
	    str_to_ll(ms, 1, 12, &m) == -1)
		return -1;
	*idx = (int)(y * 12 + m - 1);
	return 0;
}

/* "YYYY-MM" of a month index. */
void
dash_month_key(int idx, char out[8])
{
	str_fmt(out, 8, "%04d-%02d", idx / 12, idx % 12 + 1);
}

/* The month's first moment in Japan, "YYYY-MM-01 00:00:00" (SQL subtracts 9 h). */
void
dash_month_start(int idx, char out[20])
{
	str_fmt(out, 20, "%04d-%02d-01 00:00:00", idx / 12, idx % 12 + 1);
}

/* The month index of an instant, in Japan. */
int
dash_month_of(time_t t)
{
	struct tm	 tm;

	t += JST;
	gmtime_r(&t, &tm);
	return (tm.tm_year + 1900) * 12 + tm.tm_mon;
}

/* The Japan date of an instant, YYYY-MM-DD. */
void
dash_day(time_t t, char out[11])
{
	struct tm	 tm;

	t += JST;
	gmtime_r(&t, &tm);
	if (strftime(out, 11, "%Y-%m-%d", &tm) == 0)
		out[0] = '\0';
}

static int
cmp_ll(const void *a, const void *b)
{
	long long	 x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* The median of v (sorted in place); -1 for no values. */
double
dash_median(long long *v, size_t n)
{
	if (n == 0)
		return -1;
	qsort(v, n, sizeof(*v), cmp_ll);
	if (n % 2)
		return (double)v[n / 2];
	return ((double)v[n / 2 - 1] + (double)v[n / 2]) / 2;
}

/* The mean of v; -1 for no values. */
double
dash_mean(const long long *v, size_t n)
{
	double	 sum = 0;

	if (n == 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		sum += (double)v[i];
	return sum / (double)n;
}

/*
 * The running totals (dash_view_cum) of each facility batch (from, to]
 * counted views of, again from the first day it counted on. 0 or -1.
 */
static int
refresh_cum(long long from, long long to)
{
	struct dbres	*res, *b;
	int		 rc = 0;

	if ((res = db_query(STMT_DASH_CUM_SINCE, "ii", from, to)) == NULL)
		return -1;
	for (size_t i = 0; i < res->nrows && rc == 0; i++) {
		long long fac = dbres_ll(res, i, DASH_CUM_SINCE_FACILITY_ID), base;
		const char *since = dbres_get(res, i, DASH_CUM_SINCE_DAY);
		if ((b = db_query(STMT_DASH_CUM_BASE, "is", fac, since)) == NULL) {
			rc = -1;
			break;
		}
		base = b->nrows ? dbres_ll(b, 0, DASH_CUM_BASE_VIEWS_TO) : 0;
		dbres_free(b);
		if (db_exec(STMT_DASH_CUM_ADD, "iis", base, fac, since) < 0)
			rc = -1;
	}
	dbres_free(res);
	return rc;
}

/* One batch, (from, to], into the tables and the state, in one transaction. */
static int
refresh_batch(long long from, long long to)
{
	if (db_begin() != DB_OK)
		return -1;
	if (db_exec(STMT_DASH_ADD_MONTH, "ii", from, to) < 0 ||
	    db_exec(STMT_DASH_ADD_DAY, "ii", from, to) < 0 ||
	    refresh_cum(from, to) == -1 ||
	    db_exec(STMT_DASH_DONE, "ii", to, from) != 1 ||
	    db_commit() != DB_OK) {
		db_rollback();
		return -1;
	}
	return 0;
}

/*
 * Counts the record views of audit rows done_id < id <= seen_id into the
 * aggregate, a batch per transaction, then remembers MAX(id) as the next
 * seen_id: a row waits one interval, so a late commit is never skipped.
 * rebuild first empties the tables (the page stays exact throughout: what
 * is not yet counted ahead is counted live) and counts the figures its
 * writers keep (0034) again from their sources. Returns the audit ids
 * covered, or -1.
 */
long long
dash_refresh(int rebuild)
{
	struct dbres	*res;
	long long	 done, seen, from;

	if (rebuild) {
		if (db_begin() != DB_OK)
			return -1;
		if (db_exec(STMT_DASH_CLEAR_MONTH, "") < 0 ||
		    db_exec(STMT_DASH_CLEAR_DAY, "") < 0 ||
		    db_exec(STMT_DASH_CLEAR_CUM, "") < 0 ||
		    db_exec(STMT_DASH_RESET, "") < 0 ||
		    db_exec(STMT_DASH_COUNTS_REBUILD, "") < 0 ||
		    db_commit() != DB_OK) {
			db_rollback();
			return -1;
		}
	}
	if ((res = db_query(STMT_DASH_STATE, "")) == NULL || res->nrows != 1) {
		dbres_free(res);
		return -1;
	}
	done = dbres_ll(res, 0, DASH_STATE_DONE_ID);
	seen = dbres_ll(res, 0, DASH_STATE_SEEN_ID);
	dbres_free(res);
	for (from = done; from < seen; ) {
		long long to = seen - from > BATCH_IDS ? from + BATCH_IDS : seen;
		if (refresh_batch(from, to) == -1) {
			syslog(LOG_ERR, "%s: batch %lld-%lld failed", __func__,
			    from, to);
			return -1;
		}
		from = to;
	}
	if (db_exec(STMT_DASH_SEEN, "") < 0)
		return -1;
	return seen - done;
}

/* The kept counts and the statements that recompute them (dash_verify). */
static const struct {
	const char	*table;
	enum stmt	 stmt;
	int		 done_id;	/* takes done_id */
} verified[] = {
	{ "dash_consent_month", STMT_DASH_VERIFY_CONSENT_MONTH, 0 },
	{ "dash_consent_cum", STMT_DASH_VERIFY_CONSENT_CUM, 0 },
	{ "dash_emergency_month", STMT_DASH_VERIFY_EMERGENCY, 0 },
	{ "dash_misuse_month", STMT_DASH_VERIFY_MISUSE, 0 },
	{ "dash_complaint_value", STMT_DASH_VERIFY_COMPLAINT, 0 },
	{ "dash_user", STMT_DASH_VERIFY_USER, 0 },
	{ "dash_view_month", STMT_DASH_VERIFY_VIEW_MONTH, 1 },
	{ "dash_view_day", STMT_DASH_VERIFY_VIEW_DAY, 1 },
	{ "dash_view_cum", STMT_DASH_VERIFY_VIEW_CUM, 1 },
};

/*
 * Recomputes every kept count from its sources in one snapshot (the
 * writers change a count and its source in one transaction; the refresh
 * its counts and done_id) and calls diff(table, key, kept, source) for
 * each key that differs (at most 1,000 a table). Returns the differences
 * found, or -1 on a database error.
 */
long long
dash_verify(void (*diff)(const char *, const char *, const char *,
    const char *))
{
	struct dbres	*res;
	long long	 done, n = 0;

	if (db_begin() != DB_OK)
		return -1;
	if ((res = db_query(STMT_DASH_STATE, "")) == NULL || res->nrows != 1) {
		dbres_free(res);
		db_rollback();
		return -1;
	}
	done = dbres_ll(res, 0, DASH_STATE_DONE_ID);
	dbres_free(res);
	for (size_t i = 0; i < sizeof(verified) / sizeof(verified[0]); i++) {
		res = verified[i].done_id ? db_query(verified[i].stmt, "i", done) :
		    db_query(verified[i].stmt, "");
		if (res == NULL) {
			db_rollback();
			return -1;
		}
		for (size_t r = 0; r < res->nrows; r++)
			diff(verified[i].table, dbres_get(res, r, DASH_VERIFY_KEY),
			    dbres_get(res, r, DASH_VERIFY_KEPT),
			    dbres_get(res, r, DASH_VERIFY_SOURCE));
		n += (long long)res->nrows;
		dbres_free(res);
	}
	db_rollback();		/* read only */
	return n;
}
