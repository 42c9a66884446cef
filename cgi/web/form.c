/* form.c: what every page handler with a form does the same way */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/util.h"
#include "db/db.h"
#include "pki/pki.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/form.h"
#include "web/render.h"

int
form_empty(const char *s)
{
	return s == NULL || *s == '\0';
}

/* An empty parameter as SQL NULL (an optional filter of a statement). */
const char *
form_null(const char *s)
{
	return form_empty(s) ? NULL : s;
}

/* Parameter name as a non-negative integer, or -1 when absent or not one. */
long long
form_ll(const struct req *r, const char *name)
{
	long long	 v;

	return str_to_ll(param(r, name), 0, 1LL << 60, &v) == 0 ? v : -1;
}

/* Parameter name as a positive integer (a row's id), or -1. */
long long
form_id(const struct req *r, const char *name)
{
	long long	 v;

	return str_to_ll(param(r, name), 1, 1LL << 60, &v) == 0 ? v : -1;
}

/*
 * Marks field as invalid with the message of language key block.err_why
 * (e.g. "patients", "kana", "required" -> L.patients.err_required).
 */
void
form_err(const char *block, const char *field, const char *why)
{
	char	 k[80], l[80];

	str_fmt(k, sizeof(k), "Form.err_%s", field);
	str_fmt(l, sizeof(l), "%s.err_%s", block, why);
	view_set(k, lang(l));
	view_set("Form.invalid", "1");
}

/* The database failed mid-write: nothing is kept; 503. Returns -1. */
int
form_db_fail(struct req *r)
{
	db_rollback();
	http_error(r, 503, "db", NULL);
	return -1;
}

/* Starts a write's transaction; 0, or -1 with a 503 sent. */
int
form_begin(struct req *r)
{
	if (db_begin() == DB_OK)
		return 0;
	return form_db_fail(r);
}

/*
 * Ends a write: the audit entry and the change commit together, or neither
 * does (rolled back, 503). 0, or -1 with the page sent.
 */
int
form_commit(struct req *r, const struct audit_entry *e)
{
	if (audit(r, e) != 0 || db_commit() != DB_OK)
		return form_db_fail(r);
	return 0;
}

/* Another save came first (a version column): nothing is written; 409. */
void
form_stale(struct req *r)
{
	db_rollback();
	http_error(r, 409, NULL, NULL);
}

/*
 * rc, what db_exec answered for a write that must change exactly one row
 * (an UPDATE that checks the version): 0 when it did. Otherwise rolled
 * back with the page sent, -1: 409 when no row changed (another save came
 * first, form_stale), 503 when the statement failed.
 */
int
form_one(struct req *r, int rc)
{
	if (rc == 1)
		return 0;
	if (rc == 0)
		form_stale(r);
	else
		form_db_fail(r);
	return -1;
}

/*
 * Ends a write: audits action on type #id, commits and redirects to the
 * address the printf format where makes of the arguments after it. On
 * failure rolls back, 503. 0 or -1.
 */
int
form_commit_go(struct req *r, const char *action, const char *type,
    long long id, const char *detail, const char *where, ...)
{
	char	 oid[24], to[256];
	va_list	 ap;
	int	 n;

	va_start(ap, where);
	n = vsnprintf(to, sizeof(to), where, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(to))
		str_copy(to, "/", sizeof(to));	/* never a cut address */
	snprintf(oid, sizeof(oid), "%lld", id);
	if (audit(r, &(struct audit_entry){ .action = action, .object_type = type,
	    .object_id = oid, .detail = detail }) != 0 || db_commit() != DB_OK)
		return form_db_fail(r);
	http_redirect(r, to);
	return 0;
}

/* Unix time t in Japan time, formatted by strftime's fmt, into out. */
void
fmt_jst(char *out, size_t len, long long t, const char *fmt)
{
	time_t		 tt = (time_t)t + 9 * 3600;
	struct tm	 tm;

	if (len == 0)
		return;
	out[0] = '\0';
	if (t <= 0 || gmtime_r(&tt, &tm) == NULL ||
	    strftime(out, len, fmt, &tm) == 0)
		out[0] = '\0';
}

/* The message of ?m=KEY after a redirect: L.<block>.m_KEY, if it exists. */
void
form_flash(const struct req *r, const char *block)
{
	const char	*m = param_opt(r, "m");	/* after a redirect only */
	char		 k[80];

	if (form_empty(m) || str_fmt(k, sizeof(k), "%s.m_%s", block, m) == -1)
		return;
	const char *v = lang(k);
	if (*v != '\0')	/* lang() answers "" for a missing key */
		view_set("Flash", v);
}

/* 1 when s is empty or only ASCII or ideographic (U+3000) spaces. */
int
form_blank(const char *s)
{
	if (s == NULL)
		return 1;
	while (*s != '\0') {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3;
		else
			return 0;
	}
	return 1;
}

/* Unix time column c of row i (NULL: nothing) in Japan time as field name of n. */
void
vnode_time(struct vnode *n, const char *name, const struct dbres *res, size_t i,
    size_t c)
{
	char	 d[32];

	if (dbres_get(res, i, c) == NULL)
		return;
	fmt_jst(d, sizeof(d), dbres_ll(res, i, c), "%Y-%m-%d %H:%M");
	vnode_set(n, name, d);
}

/* An error page whose reason is L.<block>.why.<why>: refusals a page explains itself. */
void
form_refuse(struct req *r, int status, const char *block, const char *why)
{
	char	 k[80];

	str_fmt(k, sizeof(k), "%s.why.%s", block, why);
	view_set("Error.why", lang(k));
	http_error(r, status, NULL, NULL);
}

/*
 * The idempotency key of a create form (64 hex from the form page): was it
 * sent before (a reload, a double click)? st looks the key up and answers
 * the earlier record first. When it was, the user is sent to again, the
 * earlier record's page: a format whose one %s, if any, takes that first
 * column (again NULL: the caller answers). Returns 1 (seen), 0 (new), or
 * -1 with a page sent: 400 for a malformed key, 503.
 */
int
form_idem(struct req *r, enum stmt st, const char *idem, const char *again)
{
	struct dbres	*dup;
	char		 where[160];
	int		 seen;

	if (form_empty(idem) || strlen(idem) != 64) {
		http_error(r, 400, "type", "idem");
		return -1;
	}
	if ((dup = db_query(st, "s", idem)) == NULL) {
		http_error(r, 503, "db", NULL);
		return -1;
	}
	/* Every *_BY_IDEM statement returns one column: what again names. */
	if ((seen = dup->nrows > 0) && again != NULL) {
		if (str_fmt(where, sizeof(where), again, dbres_get(dup, 0, 0)) == -1)
			str_copy(where, "/", sizeof(where));
		http_redirect(r, where);
	}
	dbres_free(dup);
	return seen;
}

/*
 * Shows again what was typed: <node>.<name> for each of names (n of them; a
 * NULL name ends them). A form's first showing (a GET) carries none of
 * them and its route need not accept them: param_opt(), not param(),
 * which would log each as a mistake.
 */
void
form_keep(const struct req *r, const char *node, const char *const *names,
    size_t n)
{
	char		 k[96];
	const char	*v;

	for (size_t i = 0; i < n && names[i] != NULL; i++) {
		v = param_opt(r, names[i]);
		if (str_fmt(k, sizeof(k), "%s.%s", node, names[i]) == 0)
			view_set(k, v);
	}
}

/*
 * Form.idem: the token the form came back with, or a fresh one. One token
 * per form shown: a second submit of it creates nothing (form_idem).
 */
void
form_idem_view(const struct req *r)
{
	char		 idem[65];
	const char	*v = param_opt(r, "idem");

	if (!form_empty(v))
		view_set("Form.idem", v);
	else if (pki_token_hex(idem, sizeof(idem), 32) == 0)
		view_set("Form.idem", idem);
}
