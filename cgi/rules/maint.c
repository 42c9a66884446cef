/*
 * maint.c: maintenance windows (A15). Planned windows are announced on
 * every page from their announcement date and close the service while they
 * run; unplanned maintenance is a switch the operator flips at once.
 */
#include <string.h>
#include <time.h>

#include "base/config.h"
#include "base/util.h"
#include "db/db.h"
#include "rules/maint.h"

/* The running or next announced window from row 0 of STMT_REQ_CONTEXT. */
void
maint_from(struct maint *m, const struct dbres *ctx)
{
	memset(m, 0, sizeof(*m));
	if (ctx->nrows == 0 || dbres_get(ctx, 0, REQ_CONTEXT_MAINT_ID) == NULL)
		return;
	m->active = dbres_ll(ctx, 0, REQ_CONTEXT_MAINT_ACTIVE) != 0;
	m->upcoming = !m->active;
	str_copy(m->kind, dbres_get(ctx, 0, REQ_CONTEXT_MAINT_KIND), sizeof(m->kind));
	str_copy(m->title, dbres_get(ctx, 0, REQ_CONTEXT_MAINT_TITLE),
	    sizeof(m->title));
	m->starts = dbres_ll(ctx, 0, REQ_CONTEXT_MAINT_STARTS);
	m->ends = dbres_ll(ctx, 0, REQ_CONTEXT_MAINT_ENDS);
}

/* Unplanned maintenance on (now, until switched off) or off; 0 or -1. */
int
maint_switch(int on, const char *title, long long user)
{
	long long	 t = now();

	if (!on)
		return db_exec(STMT_MAINT_END_UNPLANNED, "i", t) < 0 ? -1 : 0;
	return db_exec(STMT_MAINT_INSERT, "ssiiiii", "unplanned",
	    title != NULL && *title ? title : "緊急メンテナンス", t, 0LL, 0LL, t,
	    user) == 1 ? 0 : -1;
}

/* "YYYY-MM-DDTHH:MM" in Japan time (an HTML datetime-local) as unix time, or -1. */
long long
jst_datetime(const char *s)
{
	struct tm	 tm;

	if (s == NULL || strlen(s) != 16 || s[4] != '-' || s[7] != '-' ||
	    s[10] != 'T' || s[13] != ':')
		return -1;
	memset(&tm, 0, sizeof(tm));
	for (int i = 0; i < 16; i++)
		if (i != 4 && i != 7 && i != 10 && i != 13 &&
		    (s[i] < '0' || s[i] > '9'))
			return -1;
	tm.tm_year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0') - 1900;
	tm.tm_mon = (s[5] - '0') * 10 + (s[6] - '0') - 1;
	tm.tm_mday = (s[8] - '0') * 10 + (s[9] - '0');
	tm.tm_hour = (s[11] - '0') * 10 + (s[12] - '0');
	tm.tm_min = (s[14] - '0') * 10 + (s[15] - '0');
	if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
	    tm.tm_hour > 23 || tm.tm_min > 59)
		return -1;
	return (long long)timegm(&tm) - 9 * 3600;
}
