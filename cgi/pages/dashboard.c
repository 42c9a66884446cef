/*
 * dashboard.c: the council dashboard (docs/rules.md): how the network is
 * used, for the president, the council and the operator. Every figure is
 * a table (page data Tab.<name>) that the page shows, the CSV exports
 * (?format=csv&table=<name>) and the charts (/dashboard/chart, SVG) draw,
 * so the three never disagree. Months are months in Japan. Facilities in
 * little use come first: an unused network is the known failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/config.h"
#include "base/util.h"
#include "db/db.h"
#include "pages/pages.h"
#include "rules/dashboard.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/chart.h"
#include "web/csv.h"
#include "web/dashtab.h"
#include "web/render.h"

const struct field f_dashboard[] = {
	{ "from", FT_TOKEN, 7 },
	{ "to", FT_TOKEN, 7 },
	{ "format", FT_TOKEN, 8 },
	{ "table", FT_TOKEN, 32 },
	{ NULL, 0, 0 }
};
const struct field f_dashboard_chart[] = {
	{ "from", FT_TOKEN, 7 },
	{ "to", FT_TOKEN, 7 },
	{ "month", FT_TOKEN, 7 },
	{ "name", FT_TOKEN, 32 },
	{ NULL, 0, 0 }
};
const struct field f_dashboard_report[] = {
	{ "month", FT_TOKEN, 7 },
	{ "format", FT_TOKEN, 8 },
	{ "table", FT_TOKEN, 32 },
	{ NULL, 0, 0 }
};

#define USE_DAYS	90	/* "little or no use in the last 90 days" */
#define CHART_BARS	30	/* facilities in a bar chart */
/* Complaints' durations in a period at most (the statement's former LIMIT). */
#define DASH_COMPLAINTS_MAX	100000

/* The period shown: months from..to (indexes, dashboard.h), in Japan. */
struct period {
	int		 from, to;
	char		 from_key[8], to_key[8];
	char		 start[20], end[20];	/* [start, end) as Japan times */
	char		 use_from[11], use_to[11];	/* the 90 days, [from, to) */
	char		 use_last[11];		/* the last of the 90 days */
	char		 today[11];
	long long	 done_id;		/* audit ids counted ahead */
};

/* Sections, so that a chart or a CSV loads only what it needs. */
enum {
	S_USE = 1, S_VIEWS = 2, S_CONSENTS = 4, S_PEOPLE = 8, S_EMERGENCY = 16,
	S_MISUSE = 32, S_COMPLAINTS = 64, S_ALL = 127
};

/* Every exportable table and the sections that fill it. */
static const struct {
	const char	*name;
	int		 sections;
} tables[] = {
	{ "use", S_USE }, { "views_month", S_USE | S_VIEWS },
	{ "views_facility", S_USE | S_VIEWS },
	{ "views_profession", S_USE | S_VIEWS }, { "consents", S_CONSENTS },
	{ "facilities", S_PEOPLE }, { "users", S_PEOPLE },
	{ "emergency", S_EMERGENCY }, { "misuse", S_MISUSE },
	{ "complaints", S_COMPLAINTS },
};
#define NTABLES	(sizeof(tables) / sizeof(tables[0]))

/* The months of the period as headings. */
static void
month_heads(struct dtab *t, const struct period *p)
{
	char	 m[8];

	for (int i = p->from; i <= p->to; i++) {
		dash_month_key(i, m);
		dtab_head(t, m, 1, 1);
	}
}

/* The month index of "YYYY-MM" inside the period, or -1. */
static int
month_slot(const struct period *p, const char *key)
{
	int	 m;

	if (dash_month_parse(key, &m) == -1 || m < p->from || m > p->to)
		return -1;
	return m - p->from;
}

/*
 * The period from the query: from and to (YYYY-MM), by default the last 12
 * months up to this one. Returns 0, or -1 with the bad field in *bad.
 */
static int
period_set(struct period *p, const char *from, const char *to,
    const char **bad)
{
	time_t		 t = now(), end, tomorrow;
	int		 cur = dash_month_of(t);
	struct tm	 tm;

	memset(p, 0, sizeof(*p));
	p->to = cur;
	if (to != NULL && to[0] != '\0' && dash_month_parse(to, &p->to) == -1) {
		*bad = "to";
		return -1;
	}
	p->from = p->to - 11;
	if (from != NULL && from[0] != '\0' &&
	    dash_month_parse(from, &p->from) == -1) {
		*bad = "from";
		return -1;
	}
	if (p->from > p->to || p->to - p->from >= DASH_MONTHS_MAX) {
		*bad = "from";
		return -1;
	}
	dash_month_key(p->from, p->from_key);
	dash_month_key(p->to, p->to_key);
	dash_month_start(p->from, p->start);
	dash_month_start(p->to + 1, p->end);
	dash_day(t, p->today);
	/*
	 * The 90 days end with the period, or today when the period runs on:
	 * a report on last year says how the facilities were used then.
	 */
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (p->to + 1) / 12 - 1900;
	tm.tm_mon = (p->to + 1) % 12;
	tm.tm_mday = 1;
	end = timegm(&tm);
	tomorrow = (t + 9 * 3600) / 86400 * 86400 + 86400;
	if (end > tomorrow)
		end = tomorrow;
	dash_day(end - 9 * 3600, p->use_to);
	dash_day(end - 9 * 3600 - USE_DAYS * 86400LL, p->use_from);
	dash_day(end - 9 * 3600 - 86400, p->use_last);
	return 0;
}

/* Each active facility's use in the 90 days; the least used first. */
static int
load_use(const struct period *p, struct dbres **use)
{
	struct dtab	 t;
	struct dbres	*res;
	long long	 low = 0;

	if ((res = db_query(STMT_DASH_USE, "ssssssiss", p->use_to, p->use_from,
	    p->use_to, p->use_from, p->use_to, p->use_from, p->done_id,
	    p->use_from, p->use_to)) == NULL)
		return -1;
	dtab_begin(&t, "use");
	dtab_head(&t, "facility", 0, 0);
	dtab_head(&t, "kind", 0, 0);
	dtab_head(&t, "region", 0, 0);
	dtab_head(&t, "users", 1, 0);
	dtab_head(&t, "views_90", 1, 0);
	dtab_head(&t, "consents_90", 1, 0);
	dtab_head(&t, "last_use", 0, 0);
	dtab_head(&t, "use_state", 0, 0);
	for (size_t i = 0; i < res->nrows; i++) {
		long long v = dbres_ll(res, i, DASH_USE_VIEWS);
		char key[32];
		const char *st = v == 0 ? "none" : v < cfg.dash_low_views ?
		    "low" : "ok";
		str_fmt(key, sizeof(key), "f%s", dbres_get(res, i, DASH_USE_ID));
		dtab_row(&t, key, st);
		dtab_cell(&t, dbres_get(res, i, DASH_USE_NAME));
		dtab_cell(&t, lang_code("council.fk_", dbres_get(res, i, DASH_USE_KIND), lang("dash.unknown")));
		dtab_cell(&t, lang(str_eq(dbres_get(res, i, DASH_USE_IN_REGION), "0") ?
		    "dash.out_region" : "dash.in_region"));
		dtab_cell(&t, dbres_get(res, i, DASH_USE_USERS));
		dtab_int(&t, v);
		dtab_cell(&t, dbres_get(res, i, DASH_USE_CONSENTS));
		dtab_cell(&t, dbres_get(res, i, DASH_USE_LAST_VIEW)[0] ? dbres_get(res, i, DASH_USE_LAST_VIEW) :
		    lang("dash.never_in_window"));
		dtab_cell(&t, lang_code("dash.state.", st, lang("dash.unknown")));
		low += v < cfg.dash_low_views;
	}
	dtab_end(&t);
	view_set_int("Dash.k.low", low);
	view_set_int("Dash.k.facilities", (long long)res->nrows);
	*use = res;
	return 0;
}

/* One facility's or profession's views, month by month. */
struct vrow {
	const char	*key;		/* facility id or profession code */
	const char	*name;
	int		 out;		/* an out-of-region facility */
	long long	 total;
	long long	 m[DASH_MONTHS_MAX];
};

static int
cmp_vrow(const void *a, const void *b)
{
	const struct vrow	*x = a, *y = b;

	if (x->total != y->total)
		return x->total < y->total ? 1 : -1;
	return strcmp(x->name, y->name);
}

/* The row of key in rows[0..*n), added when missing; NULL when full. */
static struct vrow *
vrow_get(struct vrow *rows, size_t *n, size_t max, const char *key,
    const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (str_eq(rows[i].key, key))
			return &rows[i];
	if (*n == max)
		return NULL;
	memset(&rows[*n], 0, sizeof(rows[*n]));
	rows[*n].key = key;
	rows[*n].name = name;
	return &rows[(*n)++];
}

static void
vrows_table(const char *name, const char *first, const char *prefix,
    struct vrow *rows, size_t n, const struct period *p)
{
	struct dtab	 t;
	char		 key[48];

	qsort(rows, n, sizeof(*rows), cmp_vrow);
	dtab_begin(&t, name);
	dtab_head(&t, first, 0, 0);
	month_heads(&t, p);
	dtab_head(&t, "total", 1, 0);
	for (size_t i = 0; i < n; i++) {
		str_fmt(key, sizeof(key), "%s%s", prefix, rows[i].key);
		dtab_row(&t, key, rows[i].out ? "out" : NULL);
		dtab_cell(&t, rows[i].name);
		for (int m = 0; m <= p->to - p->from; m++)
			dtab_int(&t, rows[i].m[m]);
		dtab_int(&t, rows[i].total);
	}
	dtab_end(&t);
}

/*
 * Record views in the period: per month, per facility (every active one,
 * also with none) and per profession. The query returns one row per
 * month, facility and profession.
 */
static int
load_views(const struct period *p, const struct dbres *use)
{
	struct dbres	*res;
	struct vrow	*fac = NULL, *pro = NULL;
	long long	 months[DASH_MONTHS_MAX] = { 0 }, all = 0;
	size_t		 nfac = 0, npro = 0, maxfac;
	struct dtab	 t;
	char		 m[8];
	int		 rc = -1;

	if ((res = db_query(STMT_DASH_VIEWS, "ssiss", p->from_key, p->to_key,
	    p->done_id, p->start, p->end)) == NULL)
		return -1;
	maxfac = use->nrows + res->nrows;
	if ((fac = calloc(maxfac + 1, sizeof(*fac))) == NULL ||
	    (pro = calloc(res->nrows + 1, sizeof(*pro))) == NULL)
		goto out;
	for (size_t i = 0; i < use->nrows; i++) {
		struct vrow *v = vrow_get(fac, &nfac, maxfac,
		    dbres_get(use, i, DASH_USE_ID), dbres_get(use, i, DASH_USE_NAME));
		v->out = str_eq(dbres_get(use, i, DASH_USE_IN_REGION), "0");
	}
	for (size_t i = 0; i < res->nrows; i++) {
		int s = month_slot(p, dbres_get(res, i, DASH_VIEWS_MONTH));
		long long n = dbres_ll(res, i, DASH_VIEWS_N);
		const char *fname = dbres_get(res, i, DASH_VIEWS_FACILITY_NAME);
		struct vrow *f, *q;
		if (s < 0)
			continue;
		f = vrow_get(fac, &nfac, maxfac, dbres_get(res, i, DASH_VIEWS_FACILITY_ID),
		    fname[0] ? fname : lang("dash.unknown"));
		q = vrow_get(pro, &npro, res->nrows, dbres_get(res, i, DASH_VIEWS_PROFESSION),
		    dbres_get(res, i, DASH_VIEWS_PROFESSION_NAME)[0] ? dbres_get(res, i, DASH_VIEWS_PROFESSION_NAME) :
		    lang("dash.unknown"));
		if (f == NULL || q == NULL)
			goto out;
		if (str_eq(dbres_get(res, i, DASH_VIEWS_IN_REGION), "0"))
			f->out = 1;
		f->m[s] += n;
		f->total += n;
		q->m[s] += n;
		q->total += n;
		months[s] += n;
		all += n;
	}
	dtab_begin(&t, "views_month");
	dtab_head(&t, "month", 0, 0);
	dtab_head(&t, "views", 1, 0);
	for (int i = 0; i <= p->to - p->from; i++) {
		dash_month_key(p->from + i, m);
		dtab_row(&t, m, NULL);
		dtab_cell(&t, m);
		dtab_int(&t, months[i]);
	}
	dtab_row(&t, "total", "total");
	dtab_cell(&t, lang("dash.col.total"));
	dtab_int(&t, all);
	dtab_end(&t);
	view_set_int("Dash.k.views", all);
	vrows_table("views_facility", "facility", "f", fac, nfac, p);
	vrows_table("views_profession", "profession", "p", pro, npro, p);
	rc = 0;
out:
	free(fac);
	free(pro);
	dbres_free(res);
	return rc;
}

/* Per month of the period, columns 1..ncols of a query keyed by month in column 0. */
static void
monthly(const char *name, const struct period *p, const struct dbres *res,
    const char *const *cols, long long *totals)
{
	struct dtab	 t;
	char		 m[8];
	size_t		 nc = 0;

	while (cols[nc] != NULL)
		nc++;
	dtab_begin(&t, name);
	dtab_head(&t, "month", 0, 0);
	for (size_t c = 0; c < nc; c++)
		dtab_head(&t, cols[c], 1, 0);
	for (int i = p->from; i <= p->to; i++) {
		size_t r = res->nrows;
		dash_month_key(i, m);
		for (size_t j = 0; j < res->nrows; j++)
			if (str_eq(dbres_get(res, j, 0), m))
				r = j;
		dtab_row(&t, m, NULL);
		dtab_cell(&t, m);
		for (size_t c = 0; c < nc; c++) {
			long long v = r < res->nrows ? dbres_ll(res, r, c + 1) : 0;
			dtab_int(&t, v);
			totals[c] += v;
		}
	}
	dtab_row(&t, "total", "total");
	dtab_cell(&t, lang("dash.col.total"));
	for (size_t c = 0; c < nc; c++)
		dtab_int(&t, totals[c]);
	dtab_end(&t);
}

static int
load_consents(const struct period *p)
{
	static const char *const cols[] = { "registered", "void", "revoked",
	    NULL };
	long long	 tot[3] = { 0 };
	struct dbres	*res;

	if ((res = db_query(STMT_DASH_CONSENTS, "ss", p->from_key, p->to_key)) ==
	    NULL)
		return -1;
	monthly("consents", p, res, cols, tot);
	dbres_free(res);
	view_set_int("Dash.k.consents", tot[0]);
	view_set_int("Dash.k.revoked", tot[2]);
	return 0;
}

static int
load_emergency(const struct period *p)
{
	static const char *const cols[] = { "emergency", "pending",
	    "appropriate", "improper", "fu_open", "fu_consented", "fu_cannot",
	    NULL };
	long long	 tot[7] = { 0 };
	struct dbres	*res;

	if ((res = db_query(STMT_DASH_EMERGENCY, "ss", p->from_key, p->to_key)) ==
	    NULL)
		return -1;
	monthly("emergency", p, res, cols, tot);
	dbres_free(res);
	view_set_int("Dash.k.emergency", tot[0]);
	view_set_int("Dash.k.pending", tot[1]);
	return 0;
}

/* Active facilities by kind and users by profession, as of today. */
static int
load_people(void)
{
	struct dbres	*res;
	struct dtab	 t;
	long long	 tot[5] = { 0 };

	if ((res = db_query(STMT_DASH_FACILITIES, "")) == NULL)
		return -1;
	dtab_begin(&t, "facilities");
	dtab_head(&t, "kind", 0, 0);
	dtab_head(&t, "in_region", 1, 0);
	dtab_head(&t, "out_region", 1, 0);
	dtab_head(&t, "disclosing", 1, 0);
	dtab_head(&t, "viewing", 1, 0);
	dtab_head(&t, "total", 1, 0);
	for (size_t i = 0; i < res->nrows; i++) {
		dtab_row(&t, dbres_get(res, i, DASH_FACILITIES_KIND), NULL);
		dtab_cell(&t, lang_code("council.fk_", dbres_get(res, i, DASH_FACILITIES_KIND), lang("dash.unknown")));
		for (size_t c = 0; c < 5; c++) {
			dtab_int(&t, dbres_ll(res, i, c + 1));
			tot[c] += dbres_ll(res, i, c + 1);
		}
	}
	dtab_row(&t, "total", "total");
	dtab_cell(&t, lang("dash.col.total"));
	for (size_t c = 0; c < 5; c++)
		dtab_int(&t, tot[c]);
	dtab_end(&t);
	dbres_free(res);
	if ((res = db_query(STMT_DASH_USERS, "")) == NULL)
		return -1;
	memset(tot, 0, sizeof(tot));
	dtab_begin(&t, "users");
	dtab_head(&t, "profession", 0, 0);
	dtab_head(&t, "in_region", 1, 0);
	dtab_head(&t, "out_region", 1, 0);
	dtab_head(&t, "total", 1, 0);
	for (size_t i = 0; i < res->nrows; i++) {
		dtab_row(&t, dbres_get(res, i, DASH_USERS_PROFESSION)[0] ? dbres_get(res, i, DASH_USERS_PROFESSION) :
		    "unknown", NULL);
		dtab_cell(&t, dbres_get(res, i, DASH_USERS_PROFESSION_NAME)[0] ? dbres_get(res, i, DASH_USERS_PROFESSION_NAME) :
		    lang("dash.unknown"));
		for (size_t c = 0; c < 3; c++) {
			dtab_int(&t, dbres_ll(res, i, c + 2));
			tot[c] += dbres_ll(res, i, c + 2);
		}
	}
	dtab_row(&t, "total", "total");
	dtab_cell(&t, lang("dash.col.total"));
	for (size_t c = 0; c < 3; c++)
		dtab_int(&t, tot[c]);
	dtab_end(&t);
	dbres_free(res);
	view_set_int("Dash.k.users", tot[2]);
	return 0;
}

static int
load_misuse(const struct period *p)
{
	struct dbres	*res;
	struct dtab	 t;
	long long	 tot[5] = { 0 };

	if ((res = db_query(STMT_DASH_MISUSE, "ss", p->from_key, p->to_key)) ==
	    NULL)
		return -1;
	dtab_begin(&t, "misuse");
	dtab_head(&t, "rule", 0, 0);
	dtab_head(&t, "alerts", 1, 0);
	dtab_head(&t, "m_open", 1, 0);
	dtab_head(&t, "m_dismissed", 1, 0);
	dtab_head(&t, "m_guidance", 1, 0);
	dtab_head(&t, "m_warning", 1, 0);
	for (size_t i = 0; i < res->nrows; i++) {
		dtab_row(&t, dbres_get(res, i, DASH_MISUSE_CODE), NULL);
		dtab_cell(&t, lang_code("misuse.rules.", dbres_get(res, i, DASH_MISUSE_CODE), lang("dash.unknown")));
		for (size_t c = 0; c < 5; c++) {
			dtab_int(&t, dbres_ll(res, i, c + 1));
			tot[c] += dbres_ll(res, i, c + 1);
		}
	}
	dtab_row(&t, "total", "total");
	dtab_cell(&t, lang("dash.col.total"));
	for (size_t c = 0; c < 5; c++)
		dtab_int(&t, tot[c]);
	dtab_end(&t);
	dbres_free(res);
	view_set_int("Dash.k.alerts", tot[0]);
	view_set_int("Dash.k.alerts_open", tot[1]);
	return 0;
}

/* One row of the complaints table from the durations of its complaints. */
static void
complaint_row(struct dtab *t, const long long c[4], long long *ans,
    size_t nans, long long *cls, size_t ncls)
{
	dtab_int(t, c[0]);
	dtab_int(t, (long long)nans);
	dtab_int(t, (long long)ncls);
	dtab_int(t, c[2]);
	dtab_int(t, c[3]);
	dtab_days(t, dash_mean(ans, nans));
	dtab_days(t, dash_median(ans, nans));
	dtab_days(t, dash_mean(cls, ncls));
	dtab_days(t, dash_median(cls, ncls));
}

/* The durations (kinds a and c) the kept values of res hold, counted. */
static int
complaint_sizes(const struct dbres *res, size_t *na, size_t *nc)
{
	long long	 a = 0, c = 0;

	for (size_t j = 0; j < res->nrows; j++) {
		const char *k = dbres_get(res, j, DASH_COMPLAINTS_KIND);
		long long n = dbres_ll(res, j, DASH_COMPLAINTS_N);
		if (n < 0 || n > DASH_COMPLAINTS_MAX)
			return -1;
		a += str_eq(k, "a") ? n : 0;
		c += str_eq(k, "c") ? n : 0;
	}
	if (a > DASH_COMPLAINTS_MAX || c > DASH_COMPLAINTS_MAX)
		return -1;
	*na = (size_t)a;
	*nc = (size_t)c;
	return 0;
}

/*
 * Complaints received per month: how many were answered and closed, how
 * many are still open or overdue today, and how long the answer and the
 * closing took (mean and median days). The counts are kept per value
 * (0034): a duration kept n times is n complaints' duration.
 */
static int
load_complaints(const struct period *p)
{
	static const char *const cols[] = { "received", "answered", "closed",
	    "c_open", "overdue", "answer_mean", "answer_median", "close_mean",
	    "close_median", NULL };
	struct dbres	*res;
	struct dtab	 t;
	long long	*ans = NULL, *cls = NULL, *aall = NULL, *call = NULL;
	long long	 c[4], tot[4] = { 0 };
	size_t		 na, nc, naall = 0, ncall = 0, maxa, maxc;
	char		 m[8];
	int		 rc = -1;

	if ((res = db_query(STMT_DASH_COMPLAINTS, "sss", p->today, p->from_key,
	    p->to_key)) == NULL)
		return -1;
	if (complaint_sizes(res, &maxa, &maxc) == -1 ||
	    (ans = calloc(maxa + 1, sizeof(*ans))) == NULL ||
	    (cls = calloc(maxc + 1, sizeof(*cls))) == NULL ||
	    (aall = calloc(maxa + 1, sizeof(*aall))) == NULL ||
	    (call = calloc(maxc + 1, sizeof(*call))) == NULL)
		goto out;
	dtab_begin(&t, "complaints");
	dtab_head(&t, "month", 0, 0);
	for (size_t i = 0; cols[i] != NULL; i++)
		dtab_head(&t, cols[i], 1, 0);
	for (int i = p->from; i <= p->to; i++) {
		dash_month_key(i, m);
		memset(c, 0, sizeof(c));
		na = nc = 0;
		for (size_t j = 0; j < res->nrows; j++) {
			const char *k = dbres_get(res, j, DASH_COMPLAINTS_KIND);
			long long n = dbres_ll(res, j, DASH_COMPLAINTS_N);
			long long v = dbres_ll(res, j, DASH_COMPLAINTS_VALUE);
			if (!str_eq(dbres_get(res, j, DASH_COMPLAINTS_MONTH), m))
				continue;
			if (str_eq(k, "r"))
				c[0] += n;
			else if (str_eq(k, "o")) {
				c[2] += n;
				c[3] += dbres_ll(res, j, DASH_COMPLAINTS_OVERDUE) ? n : 0;
			}
			for (long long x = 0; str_eq(k, "a") && x < n; x++)
				ans[na++] = aall[naall++] = v;
			for (long long x = 0; str_eq(k, "c") && x < n; x++)
				cls[nc++] = call[ncall++] = v;
		}
		tot[0] += c[0];
		tot[2] += c[2];
		tot[3] += c[3];
		dtab_row(&t, m, c[3] ? "overdue" : NULL);
		dtab_cell(&t, m);
		complaint_row(&t, c, ans, na, cls, nc);
	}
	dtab_row(&t, "total", "total");
	dtab_cell(&t, lang("dash.col.total"));
	complaint_row(&t, tot, aall, naall, call, ncall);
	dtab_end(&t);
	view_set_int("Dash.k.complaints", tot[0]);
	view_set_int("Dash.k.complaints_open", tot[2]);
	view_set_int("Dash.k.overdue", tot[3]);
	rc = 0;
out:
	free(ans);
	free(cls);
	free(aall);
	free(call);
	dbres_free(res);
	return rc;
}

/*
 * Fills the page data with the chosen sections, all read in one snapshot
 * (one transaction), so that a refresh committing meanwhile never counts
 * a view twice. Returns 0 or -1.
 */
static int
load(struct period *p, int sections)
{
	struct dbres	*res, *use = NULL;
	int		 rc = -1;

	if (db_begin() != DB_OK)
		return -1;
	if ((res = db_query(STMT_DASH_DONE_ID, "")) == NULL)
		goto out;
	p->done_id = res->nrows ? dbres_ll(res, 0, DASH_DONE_ID_DONE_ID) : 0;
	view_set("Dash.refreshed", res->nrows ? dbres_get(res, 0, DASH_DONE_ID_REFRESHED_AT) : NULL);
	dbres_free(res);
	if ((sections & S_USE) && load_use(p, &use) == -1)
		goto out;
	if ((sections & S_VIEWS) && load_views(p, use) == -1)
		goto out;
	if ((sections & S_CONSENTS) && load_consents(p) == -1)
		goto out;
	if ((sections & S_PEOPLE) && load_people() == -1)
		goto out;
	if ((sections & S_EMERGENCY) && load_emergency(p) == -1)
		goto out;
	if ((sections & S_MISUSE) && load_misuse(p) == -1)
		goto out;
	if ((sections & S_COMPLAINTS) && load_complaints(p) == -1)
		goto out;
	rc = 0;
out:
	dbres_free(use);
	db_rollback();		/* read only */
	return rc;
}

static void
period_view(const struct period *p)
{
	view_set("Dash.from", p->from_key);
	view_set("Dash.to", p->to_key);
	view_set("Dash.use_from", p->use_from);
	view_set("Dash.use_last", p->use_last);
	view_set("Dash.today", p->today);
	view_set_int("Dash.low_views", cfg.dash_low_views);
	view_set_int("Dash.use_days", USE_DAYS);
}

/* Table name of the query, or NULL; *sections what it needs. */
static const char *
table_of(const char *name, int *sections)
{
	for (size_t i = 0; i < NTABLES; i++)
		if (str_eq(name, tables[i].name)) {
			*sections = tables[i].sections;
			return tables[i].name;
		}
	return NULL;
}

/* Tab.<name> as a CSV download; the export is audited. */
static void
table_csv(struct req *r, const char *name, const struct period *p)
{
	struct buf	*b = &r->body_out;
	char		 fn[80];

	if (audit(r, &(struct audit_entry){ .action = "dashboard.export",
	    .object_type = "dashboard", .object_id = name,
	    .detail = p->from_key }) != 0) {
		http_error(r, 503, "db", NULL);
		return;
	}
	csv_begin(b);
	dtab_csv(b, name);
	str_fmt(fn, sizeof(fn), "dashboard-%s-%s-%s", name, p->from_key,
	    p->to_key);
	if (csv_finish(r, fn) == -1)
		http_error(r, 503, "db", NULL);
}

/*
 * The page or one table as CSV, for the period p; tpl the template. Shared
 * by the dashboard and the monthly report.
 */
static void
dashboard_out(struct req *r, struct period *p, const char *tpl)
{
	const char	*fmt = param(r, "format"), *tn = param(r, "table");
	const char	*name = NULL;
	int		 sections = S_ALL;

	if (fmt != NULL && fmt[0] != '\0' && !str_eq(fmt, "csv")) {
		http_error(r, 400, "type", "format");
		return;
	}
	if (str_eq(fmt, "csv") && (name = table_of(tn, &sections)) == NULL) {
		http_error(r, 400, "type", "table");
		return;
	}
	if (load(p, sections) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (name != NULL) {
		table_csv(r, name, p);
		return;
	}
	period_view(p);
	http_page(r, 200, tpl);
}

/* GET /dashboard: the period's figures; ?format=csv&table=NAME exports one. */
void
page_dashboard(struct req *r)
{
	struct period	 p;
	const char	*bad = NULL;
	char		 m[8];

	if (period_set(&p, param(r, "from"), param(r, "to"), &bad) == -1) {
		http_error(r, 400, "period", bad);
		return;
	}
	view_set("Page.title", lang("dash.title"));
	/* The report's month defaults to the last whole month. */
	dash_month_key(dash_month_of(now()) - 1, m);
	view_set("Dash.report_month", m);
	view_set("Dash.path", "/dashboard");
	view_setf("Dash.q", "from=%s&to=%s", p.from_key, p.to_key);
	dashboard_out(r, &p, "dashboard.cs");
}

/* GET /dashboard/report?month=YYYY-MM: one month, to print (default: last month). */
void
page_dashboard_report(struct req *r)
{
	struct period	 p;
	const char	*month = param(r, "month"), *bad = NULL;
	char		 m[8], title[128];
	int		 idx;

	if (month == NULL || month[0] == '\0') {
		dash_month_key(dash_month_of(now()) - 1, m);
		month = m;
	}
	if (dash_month_parse(month, &idx) == -1 ||
	    period_set(&p, month, month, &bad) == -1) {
		http_error(r, 400, "period", "month");
		return;
	}
	str_fmt(title, sizeof(title), "%s %d年%d月", lang("dash.report_title"),
	    idx / 12, idx % 12 + 1);
	view_set("Page.title", title);
	view_set("Dash.report", "1");
	view_set("Dash.month", p.from_key);
	view_set("Dash.path", "/dashboard/report");
	view_setf("Dash.q", "month=%s", p.from_key);
	dashboard_out(r, &p, "dashboard_report.cs");
}

/* The values of column col of table name's rows (not the total) as a series. */
static size_t
series(const char *name, size_t col, const char **labels, long long *v,
    size_t max)
{
	size_t	 n = 0, rows = dtab_rows(name);

	for (size_t i = 0; i < rows && n < max; i++) {
		if (str_eq(dtab_key(name, i), "total"))
			continue;
		labels[n] = dtab_get(name, i, 0);
		v[n++] = dtab_ll(name, i, col);
	}
	return n;
}

/*
 * Draws one chart of the period into buf; -1 for an unknown name. The
 * data are the page's own tables, so the chart and the table agree.
 */
static int
draw(struct buf *b, const char *name, struct period *p)
{
	const char		*labels[DASH_MONTHS_MAX + CHART_BARS];
	long long		 v1[DASH_MONTHS_MAX + CHART_BARS], v2[DASH_MONTHS_MAX];
	unsigned char		 flags[CHART_BARS];
	char			 mark[64];
	struct chart_series	 s[2];
	struct chart		 c;
	size_t			 n;

	memset(&c, 0, sizeof(c));
	c.labels = labels;
	c.series = s;
	c.nseries = 1;
	c.unit = lang("dash.unit");
	c.empty = lang("dash.chart_empty");
	if (str_eq(name, "views")) {
		if (load(p, S_USE | S_VIEWS) == -1)
			return -2;
		c.n = series("views_month", 1, labels, v1, DASH_MONTHS_MAX);
		s[0] = (struct chart_series){ lang("dash.col.views"), v1 };
		c.title = lang("dash.chart.views");
		return chart_columns(b, &c) == 0 ? 0 : -2;
	}
	if (str_eq(name, "consents") || str_eq(name, "emergency")) {
		int cons = str_eq(name, "consents");
		if (load(p, cons ? S_CONSENTS : S_EMERGENCY) == -1)
			return -2;
		c.n = series(name, 1, labels, v1, DASH_MONTHS_MAX);
		series(name, cons ? 3 : 2, labels, v2, DASH_MONTHS_MAX);
		s[0] = (struct chart_series){ lang(cons ? "dash.col.registered" :
		    "dash.col.emergency"), v1 };
		s[1] = (struct chart_series){ lang(cons ? "dash.col.revoked" :
		    "dash.col.pending"), v2 };
		c.nseries = 2;
		c.title = lang(cons ? "dash.chart.consents" :
		    "dash.chart.emergency");
		return chart_columns(b, &c) == 0 ? 0 : -2;
	}
	if (str_eq(name, "facilities")) {
		if (load(p, S_USE | S_VIEWS) == -1)
			return -2;
		/* the busiest first; the total is the last column */
		c.n = series("views_facility", (size_t)(p->to - p->from + 2),
		    labels, v1, CHART_BARS);
		s[0] = (struct chart_series){ lang("dash.col.views"), v1 };
		c.title = lang("dash.chart.facilities");
		return chart_bars(b, &c) == 0 ? 0 : -2;
	}
	if (str_eq(name, "use")) {
		if (load(p, S_USE) == -1)
			return -2;
		/* the least used first */
		n = series("use", 4, labels, v1, CHART_BARS);
		for (size_t i = 0; i < n; i++)
			flags[i] = v1[i] < cfg.dash_low_views;
		c.n = n;
		c.flags = flags;
		c.mark = cfg.dash_low_views;
		str_fmt(mark, sizeof(mark), "%s %d%s", lang("dash.mark"),
		    cfg.dash_low_views, lang("dash.unit"));
		c.mark_label = mark;
		s[0] = (struct chart_series){ lang("dash.col.views_90"), v1 };
		c.title = lang("dash.chart.use");
		return chart_bars(b, &c) == 0 ? 0 : -2;
	}
	return -1;
}

/* GET /dashboard/chart?name=NAME&from=&to= (or month=): an SVG image. */
void
page_dashboard_chart(struct req *r)
{
	struct period	 p;
	const char	*bad = NULL, *month = param(r, "month");
	int		 rc;

	if (month != NULL && month[0] != '\0')
		rc = period_set(&p, month, month, &bad);
	else
		rc = period_set(&p, param(r, "from"), param(r, "to"), &bad);
	if (rc == -1) {
		http_error(r, 400, "period", bad);
		return;
	}
	buf_reset(&r->body_out);
	rc = draw(&r->body_out, param(r, "name"), &p);
	if (rc == -1) {
		http_error(r, 400, "type", "name");
		return;
	}
	if (rc < 0) {
		http_error(r, 503, "db", NULL);
		return;
	}
	r->status = 200;
	r->ctype = "image/svg+xml; charset=utf-8";
}
