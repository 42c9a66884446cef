/* ledger.c: the security ledger per facility: terminals, antivirus, software, external-media procedure (A6.4) */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/config.h"
#include "base/util.h"
#include "db/db.h"
#include "pages/pages.h"
#include "pki/pki.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/form.h"
#include "web/render.h"
#include "web/rows.h"
#include "web/session.h"

/* Virus definitions older than this many days are stale (A6.4). */
#define LEDGER_STALE_DAYS	7

const struct field f_ledger[] = {
	{ "m", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};
const struct field f_ledger_terminal[] = {
	{ "id", FT_INT, 20 },
	{ "m", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};
const struct field f_ledger_terminal_add[] = {
	{ "name", FT_TEXT, 100 },
	{ "av_product", FT_TEXT, 100 },
	{ "av_paid", FT_TOKEN, 1 },
	{ "av_def_date", FT_TEXT, 10 },
	{ "token", FT_HEX, 32 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_ledger_terminal_edit[] = {
	{ "id", FT_INT, 20 },
	{ "version", FT_INT, 10 },
	{ "name", FT_TEXT, 100 },
	{ "av_product", FT_TEXT, 100 },
	{ "av_paid", FT_TOKEN, 1 },
	{ "av_def_date", FT_TEXT, 10 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_ledger_software_add[] = {
	{ "terminal_id", FT_INT, 20 },
	{ "name", FT_TEXT, 100 },
	{ "sw_version", FT_TEXT, 50 },
	{ "token", FT_HEX, 32 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_ledger_procedure[] = {
	{ "body", FT_LINES, 4000 },
	{ "established", FT_TEXT, 10 },
	{ "version", FT_INT, 10 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_admin_ledger[] = {
	{ "facility", FT_INT, 20 },
	{ NULL, 0, 0 }
};

/* The date t + days in Japan time as YYYY-MM-DD into out. */
static void
jst_date(char *out, size_t len, long long t, int days)
{
	time_t		 tt = (time_t)(t + 9 * 3600 + days * 86400LL);
	struct tm	 tm;

	gmtime_r(&tt, &tm);
	if (strftime(out, len, "%Y-%m-%d", &tm) == 0 && len > 0)
		out[0] = '\0';
}

/* A fresh idempotency token for an add form into view name. */
static void
form_token(const char *name)
{
	char	 tok[33];

	if (view_get(name) != NULL && *view_get(name) != '\0')
		return;
	if (pki_token_hex(tok, sizeof(tok), 16) == 0)
		view_set(name, tok);
}

/*
 * Checks a date field: required, a real date, not after today (Japan).
 * Sets prefix.err_<name> and returns 1 on an error, else 0.
 */
static int
check_date(const char *prefix, const char *name, const char *v)
{
	char	 key[64], today[16];

	str_fmt(key, sizeof(key), "%s.err_%s", prefix, name);
	jst_date(today, sizeof(today), now(), 0);
	if (form_blank(v)) {
		view_set(key, lang("ledger.need_date"));
		return 1;
	}
	if (!valid_date(v)) {
		view_set(key, lang("ledger.bad_date"));
		return 1;
	}
	if (strcmp(v, today) > 0) {
		view_set(key, lang("ledger.future_date"));
		return 1;
	}
	return 0;
}

/*
 * Validates a terminal form (add or edit) and puts the user's input back
 * under prefix. Returns the number of fields in error.
 */
static int
terminal_form(const struct req *r, const char *prefix)
{
	const char	*name = param(r, "name"), *av = param(r, "av_product"),
			*paid = param(r, "av_paid"), *date = param(r, "av_def_date");
	char		 key[64];
	int		 errs = 0;

	str_fmt(key, sizeof(key), "%s.name", prefix);
	view_set(key, name);
	str_fmt(key, sizeof(key), "%s.av_product", prefix);
	view_set(key, av);
	str_fmt(key, sizeof(key), "%s.av_paid", prefix);
	view_set(key, paid);
	str_fmt(key, sizeof(key), "%s.av_def_date", prefix);
	view_set(key, date);
	if (form_blank(name)) {
		str_fmt(key, sizeof(key), "%s.err_name", prefix);
		view_set(key, lang("ledger.need_name"));
		errs++;
	}
	if (form_blank(av)) {
		str_fmt(key, sizeof(key), "%s.err_av_product", prefix);
		view_set(key, lang("ledger.need_av"));
		errs++;
	}
	if (!str_eq(paid, "1") && !str_eq(paid, "0")) {
		str_fmt(key, sizeof(key), "%s.err_av_paid", prefix);
		view_set(key, lang("ledger.need_paid"));
		errs++;
	}
	errs += check_date(prefix, "av_def_date", date);
	return errs;
}

/*
 * Loads one facility's ledger into the view: terminals with their software
 * and warnings, the media procedure. When fill_proc, the procedure form is
 * filled from the database. Returns 0, or -1 with a 503 page sent.
 */
static int
ledger_load(struct req *r, long long fid, int fill_proc)
{
	struct dbres	*res = NULL, *sw = NULL;
	char		 cutoff[16], key[64];
	size_t		 i, j, n;

	jst_date(cutoff, sizeof(cutoff), now(), -LEDGER_STALE_DAYS);
	view_set_int("Ledger.stale_days", LEDGER_STALE_DAYS);
	if ((res = db_query(STMT_LEDGER_FACILITY_GET, "i", fid)) == NULL)
		goto fail;
	if (res->nrows == 1) {
		view_set("Ledger.facility_id", dbres_get(res, 0, LEDGER_FACILITY_GET_ID));
		view_set("Ledger.facility_code", dbres_get(res, 0, LEDGER_FACILITY_GET_CODE));
		view_set("Ledger.facility_name", dbres_get(res, 0, LEDGER_FACILITY_GET_NAME));
	}
	dbres_free(res);
	if ((res = db_query(STMT_LEDGER_TERMINALS, "si", cutoff, fid)) == NULL ||
	    (sw = db_query(STMT_LEDGER_SOFTWARE_BY_FACILITY, "i", fid)) == NULL)
		goto fail;
	for (i = 0; i < res->nrows; i++) {
		static const char *const cols[LEDGER_TERMINALS__NCOLS] = {
		    [LEDGER_TERMINALS_ID] = "id",
		    [LEDGER_TERMINALS_NAME] = "name",
		    [LEDGER_TERMINALS_AV_PRODUCT] = "av_product",
		    [LEDGER_TERMINALS_AV_PAID] = "av_paid",
		    [LEDGER_TERMINALS_AV_DEF_DATE] = "av_def_date",
		    [LEDGER_TERMINALS_VERSION] = "version",
		    [LEDGER_TERMINALS_STALE] = "stale" };
		view_row("Terminals", res, i, cols, NITEMS(cols));
		for (j = 0, n = 0; j < sw->nrows; j++) {
			if (!str_eq(dbres_get(sw, j, LEDGER_SOFTWARE_BY_FACILITY_TERMINAL_ID), dbres_get(res, i, LEDGER_TERMINALS_ID)))
				continue;
			str_fmt(key, sizeof(key), "Terminals.%zu.sw.%zu", i, n++);
			struct vnode *s = view_node(key);
			vnode_set(s, "name", dbres_get(sw, j, LEDGER_SOFTWARE_BY_FACILITY_NAME));
			vnode_set(s, "version", dbres_get(sw, j, LEDGER_SOFTWARE_BY_FACILITY_SW_VERSION));
		}
	}
	view_set_int("Terminals_n", (long long)res->nrows);
	dbres_free(res);
	dbres_free(sw);
	sw = NULL;
	if ((res = db_query(STMT_LEDGER_PROCEDURE_GET, "i", fid)) == NULL)
		goto fail;
	if (res->nrows == 1) {
		view_set("Proc.body", dbres_get(res, 0, LEDGER_PROCEDURE_GET_BODY));
		view_set("Proc.established", dbres_get(res, 0, LEDGER_PROCEDURE_GET_ESTABLISHED));
		view_set("Proc.version", dbres_get(res, 0, LEDGER_PROCEDURE_GET_VERSION));
	}
	if (fill_proc) {
		view_set("ProcForm.body", res->nrows ? dbres_get(res, 0, LEDGER_PROCEDURE_GET_BODY) : "");
		view_set("ProcForm.established", res->nrows ?
		    dbres_get(res, 0, LEDGER_PROCEDURE_GET_ESTABLISHED) : "");
		view_set("ProcForm.version", res->nrows ? dbres_get(res, 0, LEDGER_PROCEDURE_GET_VERSION) : "0");
	}
	dbres_free(res);
	form_token("TermForm.token");
	return 0;
fail:
	dbres_free(res);
	dbres_free(sw);
	http_error(r, 503, "db", NULL);
	return -1;
}

static void
flash(const char *m)
{
	if (str_eq(m, "added") || str_eq(m, "saved") || str_eq(m, "sw_added") ||
	    str_eq(m, "proc_saved")) {
		char key[48];
		str_fmt(key, sizeof(key), "ledger.m_%s", m);
		view_set("Flash", lang(key));
	}
}

/* The own-facility ledger page; status 200, or 422 with field messages. */
static void
ledger_page(struct req *r, int status, int fill_proc)
{
	view_set("Page.title", lang("ledger.title"));
	if (ledger_load(r, r->sess->facility_id, fill_proc) == 0)
		http_page(r, status, "ledger.cs");
}

void
page_ledger(struct req *r)
{
	flash(param(r, "m"));
	ledger_page(r, 200, 1);
}

/* Another facility's object: refused and audited. */
static void
deny_other(struct req *r, const char *type, const char *id)
{
	audit(r, &(struct audit_entry){ .action = "ledger.denied",
	    .object_type = type, .object_id = id, .outcome = "denied",
	    .detail = "other_facility" });
	view_set("Error.why", lang("ledger.other_facility"));
	http_error(r, 403, NULL, NULL);
}

static void
stale_conflict(struct req *r)
{
	view_set("Error.why", lang("ledger.stale_edit"));
	http_error(r, 409, NULL, NULL);
}

/*
 * Looks up terminal id (a parameter named pname) of the user's own facility
 * and sets Term.* in the view. Returns the id, or 0 with a page sent.
 */
static long long
own_terminal(struct req *r, const char *pname)
{
	struct dbres	*res;
	long long	 id;

	if (str_to_ll(param(r, pname), 1, 1LL << 60, &id) == -1) {
		http_error(r, 400, "type", pname);
		return 0;
	}
	if ((res = row_load(r, STMT_LEDGER_TERMINAL_GET, "i", id)) == NULL)
		return 0;
	if (dbres_ll(res, 0, LEDGER_TERMINAL_GET_FACILITY_ID) != r->sess->facility_id) {
		deny_other(r, "terminal", dbres_get(res, 0, LEDGER_TERMINAL_GET_ID));
		dbres_free(res);
		return 0;
	}
	view_set("Term.id", dbres_get(res, 0, LEDGER_TERMINAL_GET_ID));
	view_set("Term.name", dbres_get(res, 0, LEDGER_TERMINAL_GET_NAME));
	view_set("Term.av_product", dbres_get(res, 0, LEDGER_TERMINAL_GET_AV_PRODUCT));
	view_set("Term.av_paid", dbres_get(res, 0, LEDGER_TERMINAL_GET_AV_PAID));
	view_set("Term.av_def_date", dbres_get(res, 0, LEDGER_TERMINAL_GET_AV_DEF_DATE));
	view_set("Term.version", dbres_get(res, 0, LEDGER_TERMINAL_GET_VERSION));
	dbres_free(res);
	return id;
}

/* The terminal page: edit form, software list, add-software form. */
static void
terminal_page(struct req *r, long long id, int status, int fill_edit)
{
	struct dbres	*sw;
	char		 key[48], ids[24];
	size_t		 j, n = 0;

	if (fill_edit) {
		view_set("EditForm.name", view_get("Term.name"));
		view_set("EditForm.av_product", view_get("Term.av_product"));
		view_set("EditForm.av_paid", view_get("Term.av_paid"));
		view_set("EditForm.av_def_date", view_get("Term.av_def_date"));
		view_set("EditForm.version", view_get("Term.version"));
	}
	if ((sw = db_query(STMT_LEDGER_SOFTWARE_BY_FACILITY, "i",
	    r->sess->facility_id)) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	str_fmt(ids, sizeof(ids), "%lld", id);
	for (j = 0; j < sw->nrows; j++) {
		if (!str_eq(dbres_get(sw, j, LEDGER_SOFTWARE_BY_FACILITY_TERMINAL_ID), ids))
			continue;
		str_fmt(key, sizeof(key), "Software.%zu", n++);
		struct vnode *s = view_node(key);
		vnode_set(s, "name", dbres_get(sw, j, LEDGER_SOFTWARE_BY_FACILITY_NAME));
		vnode_set(s, "version", dbres_get(sw, j, LEDGER_SOFTWARE_BY_FACILITY_SW_VERSION));
	}
	dbres_free(sw);
	view_set_int("Software_n", (long long)n);
	form_token("SwForm.token");
	view_set("Page.title", lang("ledger.terminal_title"));
	http_page(r, status, "ledger_terminal.cs");
}

void
page_ledger_terminal(struct req *r)
{
	long long	 id;

	if (param(r, "id") == NULL || *param(r, "id") == '\0') {
		http_redirect(r, "/ledger");
		return;
	}
	if ((id = own_terminal(r, "id")) == 0)
		return;
	flash(param(r, "m"));
	terminal_page(r, id, 200, 1);
}

void
page_ledger_terminal_add(struct req *r)
{
	const char	*tok = param(r, "token");
	struct dbres	*res;
	char		 ids[24];
	int		 rc;

	view_set("TermForm.token", tok);
	if (terminal_form(r, "TermForm") > 0) {
		ledger_page(r, 422, 1);
		return;
	}
	if (db_begin() != DB_OK)
		goto dberr;
	rc = db_exec(STMT_LEDGER_TERMINAL_INSERT, "isssssi", r->sess->facility_id, param(r, "name"),
	    param(r, "av_product"), param(r, "av_paid"), param(r, "av_def_date"),
	    form_blank(tok) ? NULL : tok, r->sess->user_id);
	if (rc == DB_DUP) {
		/* The same form sent twice: the first one stands. */
		db_rollback();
		if ((res = db_query(STMT_LEDGER_TERMINAL_BY_TOKEN, "si", tok,
		    r->sess->facility_id)) == NULL)
			goto dberr;
		rc = (int)res->nrows;
		dbres_free(res);
		if (rc == 0)
			stale_conflict(r);
		else
			http_redirect(r, "/ledger?m=added");
		return;
	}
	str_fmt(ids, sizeof(ids), "%llu", db_last_id());
	if (rc != 1 || audit(r, &(struct audit_entry){
	    .action = "ledger.terminal.add", .object_type = "terminal",
	    .object_id = ids, .detail = param(r, "name") }) != 0 ||
	    db_commit() != DB_OK)
		goto dberr;
	http_redirect(r, "/ledger?m=added");
	return;
dberr:
	db_rollback();
	http_error(r, 503, "db", NULL);
}

void
page_ledger_terminal_edit(struct req *r)
{
	struct dbres	*res;
	long long	 id, version, fid;
	char		 ids[24];
	int		 rc;

	if ((id = own_terminal(r, "id")) == 0)
		return;
	if (str_to_ll(param(r, "version"), 1, 1LL << 30, &version) == -1) {
		http_error(r, 400, "type", "version");
		return;
	}
	view_set("EditForm.version", param(r, "version"));
	if (terminal_form(r, "EditForm") > 0) {
		terminal_page(r, id, 422, 0);
		return;
	}
	str_fmt(ids, sizeof(ids), "%lld", id);
	if (db_begin() != DB_OK ||
	    (res = db_query(STMT_LEDGER_TERMINAL_LOCK, "i", id)) == NULL)
		goto dberr;
	fid = res->nrows ? dbres_ll(res, 0, LEDGER_TERMINAL_LOCK_FACILITY_ID) : 0;
	rc = res->nrows && dbres_ll(res, 0, LEDGER_TERMINAL_LOCK_VERSION) == version;
	dbres_free(res);
	if (fid != r->sess->facility_id) {
		db_rollback();
		deny_other(r, "terminal", ids);
		return;
	}
	if (!rc) {
		db_rollback();
		stale_conflict(r);
		return;
	}
	rc = db_exec(STMT_LEDGER_TERMINAL_UPDATE, "ssssiii", param(r, "name"),
	    param(r, "av_product"), param(r, "av_paid"),
	    param(r, "av_def_date"), id, r->sess->facility_id, version);
	if (rc == 0) {
		db_rollback();
		stale_conflict(r);
		return;
	}
	if (rc != 1 || audit(r, &(struct audit_entry){
	    .action = "ledger.terminal.edit", .object_type = "terminal",
	    .object_id = ids, .detail = param(r, "name") }) != 0 ||
	    db_commit() != DB_OK)
		goto dberr;
	http_redirect(r, "/ledger?m=saved");
	return;
dberr:
	db_rollback();
	http_error(r, 503, "db", NULL);
}

void
page_ledger_software_add(struct req *r)
{
	const char	*tok = param(r, "token"), *name = param(r, "name");
	long long	 id;
	char		 ids[24], loc[64];
	int		 rc;

	if ((id = own_terminal(r, "terminal_id")) == 0)
		return;
	str_fmt(ids, sizeof(ids), "%lld", id);
	str_fmt(loc, sizeof(loc), "/ledger/terminal?id=%lld&m=sw_added", id);
	view_set("SwForm.token", tok);
	view_set("SwForm.name", name);
	view_set("SwForm.sw_version", param(r, "sw_version"));
	if (form_blank(name)) {
		view_set("SwForm.err_name", lang("ledger.need_sw_name"));
		terminal_page(r, id, 422, 1);
		return;
	}
	if (db_begin() != DB_OK)
		goto dberr;
	rc = db_exec(STMT_LEDGER_SOFTWARE_INSERT, "isssi", id, name,
	    param(r, "sw_version") ? param(r, "sw_version") : "",
	    form_blank(tok) ? NULL : tok, r->sess->user_id);
	if (rc == DB_DUP) {
		/* Sent twice: the first one stands. */
		db_rollback();
		http_redirect(r, loc);
		return;
	}
	if (rc != 1 || audit(r, &(struct audit_entry){
	    .action = "ledger.software.add", .object_type = "terminal",
	    .object_id = ids, .detail = name }) != 0 ||
	    db_commit() != DB_OK)
		goto dberr;
	http_redirect(r, loc);
	return;
dberr:
	db_rollback();
	http_error(r, 503, "db", NULL);
}

void
page_ledger_procedure(struct req *r)
{
	const char	*body = param(r, "body"), *est = param(r, "established");
	long long	 version = 0;
	char		 fids[24];
	int		 errs = 0, rc;

	view_set("ProcForm.body", body);
	view_set("ProcForm.established", est);
	view_set("ProcForm.version", param(r, "version") ? param(r, "version") : "0");
	if (param(r, "version") != NULL && *param(r, "version") != '\0' &&
	    str_to_ll(param(r, "version"), 0, 1LL << 30, &version) == -1) {
		http_error(r, 400, "type", "version");
		return;
	}
	if (form_blank(body)) {
		view_set("ProcForm.err_body", lang("ledger.need_proc"));
		errs++;
	}
	errs += check_date("ProcForm", "established", est);
	if (errs > 0) {
		ledger_page(r, 422, 0);
		return;
	}
	str_fmt(fids, sizeof(fids), "%lld", r->sess->facility_id);
	if (db_begin() != DB_OK)
		goto dberr;
	if (version == 0)
		rc = db_exec(STMT_LEDGER_PROCEDURE_INSERT, "issi",
		    r->sess->facility_id, body, est, r->sess->user_id);
	else
		rc = db_exec(STMT_LEDGER_PROCEDURE_UPDATE, "ssiii", body, est,
		    r->sess->user_id, r->sess->facility_id, version);
	if (rc == DB_DUP || rc == 0) {
		db_rollback();
		stale_conflict(r);
		return;
	}
	if (rc != 1 || audit(r, &(struct audit_entry){
	    .action = "ledger.procedure.set", .object_type = "facility",
	    .object_id = fids, .detail = est }) != 0 ||
	    db_commit() != DB_OK)
		goto dberr;
	http_redirect(r, "/ledger?m=proc_saved");
	return;
dberr:
	db_rollback();
	http_error(r, 503, "db", NULL);
}

/* The operator's and president's view: every facility, or one read-only. */
void
page_admin_ledger(struct req *r)
{
	static const char *const cols[LEDGER_FACILITIES__NCOLS] = {
	    [LEDGER_FACILITIES_ID] = "id",
	    [LEDGER_FACILITIES_CODE] = "code",
	    [LEDGER_FACILITIES_NAME] = "name",
	    [LEDGER_FACILITIES_TERMINALS] = "terminals",
	    [LEDGER_FACILITIES_STALE] = "stale",
	    [LEDGER_FACILITIES_UNPAID] = "free",
	    [LEDGER_FACILITIES_ESTABLISHED] = "proc" };
	struct dbres	*res;
	char		 cutoff[16];
	long long	 fid;

	if (param(r, "facility") != NULL && *param(r, "facility") != '\0') {
		if (str_to_ll(param(r, "facility"), 1, 1LL << 60, &fid) == -1) {
			http_error(r, 400, "type", "facility");
			return;
		}
		view_set("Ledger.readonly", "1");
		view_set("Page.title", lang("ledger.title"));
		if (ledger_load(r, fid, 0) == 0) {
			if (view_get("Ledger.facility_id") == NULL)
				http_error(r, 404, NULL, NULL);
			else
				http_page(r, 200, "ledger.cs");
		}
		return;
	}
	jst_date(cutoff, sizeof(cutoff), now(), -LEDGER_STALE_DAYS);
	if ((res = db_query(STMT_LEDGER_FACILITIES, "s", cutoff)) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	view_set_int("Facilities_n", (long long)view_rows("Facilities", res,
	    cols, NITEMS(cols)));
	dbres_free(res);
	view_set("Page.title", lang("ledger.admin_title"));
	http_page(r, 200, "ledger_admin.cs");
}

/* Puts the rows of one warning query under name. Returns 0 or -1. */
static int
warn_list(const char *name, enum stmt st, const char *cutoff)
{
	struct dbres	*res;
	char		 key[48];
	size_t		 i;

	res = cutoff ? db_query(st, "s", cutoff) : db_query(st, "");
	if (res == NULL)
		return -1;
	for (i = 0; i < res->nrows; i++) {
		str_fmt(key, sizeof(key), "%s.%zu", name, i);
		struct vnode *n = view_node(key);
		vnode_set(n, "fid", dbres_get(res, i, LEDGER_WARN_STALE_ID));
		vnode_set(n, "code", dbres_get(res, i, LEDGER_WARN_STALE_CODE));
		vnode_set(n, "facility", dbres_get(res, i, LEDGER_WARN_STALE_FACILITY_NAME));
		if (res->ncols > 3) {
			vnode_set(n, "name", dbres_get(res, i, LEDGER_WARN_STALE_TERMINAL_NAME));
			vnode_set(n, "av_product", dbres_get(res, i, LEDGER_WARN_STALE_AV_PRODUCT));
			vnode_set(n, "av_def_date", dbres_get(res, i, LEDGER_WARN_STALE_AV_DEF_DATE));
		}
	}
	str_fmt(key, sizeof(key), "%s_n", name);
	view_set_int(key, (long long)res->nrows);
	dbres_free(res);
	return 0;
}

/* Network-wide warnings: stale definitions, free antivirus, no media procedure. */
void
page_admin_ledger_warnings(struct req *r)
{
	char	 cutoff[16];

	jst_date(cutoff, sizeof(cutoff), now(), -LEDGER_STALE_DAYS);
	view_set("Warn.cutoff", cutoff);
	view_set_int("Ledger.stale_days", LEDGER_STALE_DAYS);
	if (warn_list("Stale", STMT_LEDGER_WARN_STALE, cutoff) == -1 ||
	    warn_list("Free", STMT_LEDGER_WARN_FREE, NULL) == -1 ||
	    warn_list("NoProc", STMT_LEDGER_WARN_NOPROC, NULL) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	view_set("Page.title", lang("ledger.warn_title"));
	http_page(r, 200, "ledger_warnings.cs");
}
