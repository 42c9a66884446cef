/*
 * monitor.c: monitoring inside a facility (A6.2, A6.3). The facility
 * manager sees every access to patient data made under their facility (from
 * the audit log), exports it, records corrective measures, and reports
 * misuse to the operator, who acknowledges each report with a note.
 *
 * A manager only ever reads rows whose audit.facility_id is their own: the
 * facility is taken from the session, never from a parameter, and every
 * id a form names (a user, an audit entry, a report) is checked against it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "db/db.h"
#include "pages/pages.h"
#include "pki/pki.h"
#include "rules/access.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/csv.h"
#include "web/form.h"
#include "web/render.h"
#include "web/rows.h"
#include "web/session.h"

#define PAGE_ROWS	50	/* accesses on one page */
#define CSV_ROWS	10000	/* accesses in one export */

const struct field f_monitor_access[] = {
	{ "user", FT_INT, 20 }, { "p", FT_TOKEN, 22 },
	{ "network_id", FT_TOKEN, 16 }, { "from", FT_DATE, 10 },
	{ "to", FT_DATE, 10 }, { "purpose", FT_TOKEN, 16 },
	{ "emergency", FT_TOKEN, 1 }, { "outcome", FT_TOKEN, 8 },
	{ "page", FT_INT, 6 }, { "format", FT_TOKEN, 8 },
	{ NULL, 0, 0 }
};
const struct field f_monitor_measures[] = {
	{ "audit", FT_INT, 20 }, { "user", FT_INT, 20 }, { "m", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};
const struct field f_monitor_measure_new[] = {
	{ "csrf", FT_HEX, 64 }, { "idem", FT_HEX, 64 },
	{ "audit", FT_INT, 20 }, { "user", FT_INT, 20 },
	{ "body", FT_LINES, 4000 },
	{ NULL, 0, 0 }
};
const struct field f_monitor_reports[] = {
	{ "audit", FT_INT, 20 }, { "user", FT_INT, 20 }, { "m", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};
const struct field f_monitor_report_new[] = {
	{ "csrf", FT_HEX, 64 }, { "idem", FT_HEX, 64 },
	{ "audit", FT_INT, 20 }, { "user", FT_INT, 20 },
	{ "body", FT_LINES, 4000 },
	{ NULL, 0, 0 }
};
const struct field f_monitor_report_view[] = {
	{ "id", FT_INT, 20 }, { "m", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};
const struct field f_monitor_report_ack[] = {
	{ "csrf", FT_HEX, 64 }, { "id", FT_INT, 20 }, { "version", FT_INT, 10 },
	{ "note", FT_LINES, 2000 },
	{ NULL, 0, 0 }
};

/* The filters' codes (audit_purposes and these); labels are
 * monitor.purpose.* and monitor.outcome.*. */
static const char *const outcomes[] = { "allowed", "denied", NULL };


/* A parameter, or "" when absent. */
static const char *
pv(const struct req *r, const char *name)
{
	return param(r, name) != NULL ? param(r, name) : "";
}

/* An optional id as text for a nullable column: 0 (none) is SQL NULL. */
static const char *
id_or_null(char *out, size_t len, long long id)
{
	if (id <= 0 || str_fmt(out, len, "%lld", id) == -1)
		return NULL;
	return out;
}

/* The facility's users (past ones too) as Users.N for the select lists. */
static void
users_view(const struct req *r)
{
	static const char *const cols[MONITOR_USERS__NCOLS] = {
	    [MONITOR_USERS_ID] = "id", [MONITOR_USERS_LOGIN] = "login",
	    [MONITOR_USERS_NAME] = "name" };
	struct dbres	*res;

	res = db_query(STMT_MONITOR_USERS, "i", r->sess->facility_id);
	view_rows("Users", res, cols, NITEMS(cols));
	dbres_free(res);
}

/*
 * The patient the list is filtered by: ?p= (a handle this session got from
 * a row) or ?network_id= typed in. Returns the id, 0 for none, -1 with a
 * page sent; an unknown network ID is a field error and *none is set.
 */
static long long
filter_patient(struct req *r, int *none)
{
	const char	*nid = param(r, "network_id");
	struct dbres	*res;
	long long	 id = 0;

	*none = 0;
	if (!form_empty(param(r, "p"))) {
		if ((id = handle_resolve(r, param(r, "p"))) == -1) {
			http_error(r, 503, "db", NULL);
			return -1;
		}
		if (id == 0) {
			http_error(r, 404, "patient_handle", NULL);
			return -1;
		}
	} else if (!form_empty(nid)) {
		if ((res = db_query(STMT_MONITOR_PATIENT_BY_NETWORK_ID, "s",
		    nid)) == NULL) {
			http_error(r, 503, "db", NULL);
			return -1;
		}
		id = res->nrows == 1 ? dbres_ll(res, 0, MONITOR_PATIENT_BY_NETWORK_ID_ID) : 0;
		dbres_free(res);
		if (id == 0) {
			form_err("monitor", "network_id", "network_id");
			*none = 1;
		}
		return id;
	} else
		return 0;
	/* Show whom the handle names, so the manager can clear or keep it. */
	if ((res = db_query(STMT_MONITOR_PATIENT_GET, "i", id)) != NULL &&
	    res->nrows == 1) {
		view_set("Filter.patient_network_id", dbres_get(res, 0, MONITOR_PATIENT_GET_NETWORK_ID));
		view_set("Filter.patient_name", dbres_get(res, 0, MONITOR_PATIENT_GET_NAME));
	}
	dbres_free(res);
	return id;
}

/* The access rows as Access.N, each patient linked by this session's handle. */
static int
access_rows(struct req *r, const struct dbres *res, size_t n)
{
	static const char *const cols[] = { "id", "at", "user_id", "user",
	    "login", "action", NULL, "network_id", "patient", "purpose",
	    "outcome", "detail" };
	struct handles	 hs;
	long long	 ids[PAGE_ROWS + 1];
	char		 h[32];

	/* The handles the session has for these patients, in one statement. */
	for (size_t i = 0; i < n && i < PAGE_ROWS + 1; i++)
		ids[i] = dbres_ll(res, i, MONITOR_ACCESS_PATIENT_ID);
	if (handles_load(r, ids, n < PAGE_ROWS + 1 ? n : PAGE_ROWS + 1, &hs) == -1)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct vnode *v = view_row("Access", res, i,
		    cols, NITEMS(cols));
		if (dbres_ll(res, i, MONITOR_ACCESS_PATIENT_ID) > 0) {
			if (handle_from(r, &hs, dbres_ll(res, i, MONITOR_ACCESS_PATIENT_ID), h,
			    sizeof(h)) == -1) {
				handles_free(&hs);
				return -1;
			}
			vnode_set(v, "handle", h);
		}
		/* The verdict is the detail's first word ("revoked section=labs"). */
		char why[40];
		str_copy(why, dbres_get(res, i, MONITOR_ACCESS_DETAIL) ? dbres_get(res, i, MONITOR_ACCESS_DETAIL) : "",
		    sizeof(why));
		why[strcspn(why, " ")] = '\0';
		vnode_set(v, "why", why);
		if (str_eq(dbres_get(res, i, MONITOR_ACCESS_PURPOSE), "emergency") ||
		    str_prefix(dbres_get(res, i, MONITOR_ACCESS_ACTION), "emergency."))
			vnode_set(v, "emergency", "1");
	}
	handles_free(&hs);
	view_set_int("Access_n", (long long)n);
	return 0;
}

/* The rows as CSV; the export itself is audited first (A6.2). */
static void
access_csv(struct req *r, const struct dbres *res, const char *detail)
{
	static const char *const heads[] = { "id", "at", "login", "user",
	    "action", "network_id", "patient", "purpose", "outcome", "detail",
	    NULL };
	struct buf	*b = &r->body_out;
	char		 k[48];

	if (audit(r, &(struct audit_entry){ .action = "monitor.export",
	    .object_type = "facility", .detail = detail }) != 0) {
		http_error(r, 503, "db", NULL);
		return;
	}
	csv_begin(b);
	for (size_t c = 0; heads[c] != NULL; c++) {
		str_fmt(k, sizeof(k), "monitor.csv.%s", heads[c]);
		csv_cell(b, lang(k), heads[c + 1] == NULL);
	}
	for (size_t i = 0; i < res->nrows; i++) {
		csv_cell(b, dbres_get(res, i, MONITOR_ACCESS_ID), 0);
		csv_cell(b, dbres_get(res, i, MONITOR_ACCESS_TS), 0);
		csv_cell(b, dbres_get(res, i, MONITOR_ACCESS_LOGIN), 0);
		csv_cell(b, dbres_get(res, i, MONITOR_ACCESS_USER_NAME), 0);
		csv_cell(b, lang_code("monitor.action.", dbres_get(res, i, MONITOR_ACCESS_ACTION),
		    dbres_get(res, i, MONITOR_ACCESS_ACTION)), 0);
		csv_cell(b, dbres_get(res, i, MONITOR_ACCESS_NETWORK_ID), 0);
		csv_cell(b, dbres_get(res, i, MONITOR_ACCESS_PATIENT_NAME), 0);
		csv_cell(b, lang_code("monitor.purpose.", dbres_get(res, i, MONITOR_ACCESS_PURPOSE),
		    dbres_get(res, i, MONITOR_ACCESS_PURPOSE)), 0);
		csv_cell(b, lang_code("monitor.outcome.", dbres_get(res, i, MONITOR_ACCESS_OUTCOME),
		    dbres_get(res, i, MONITOR_ACCESS_OUTCOME)), 0);
		char why[40];
		str_copy(why, dbres_get(res, i, MONITOR_ACCESS_DETAIL) ? dbres_get(res, i, MONITOR_ACCESS_DETAIL) : "",
		    sizeof(why));
		why[strcspn(why, " ")] = '\0';
		/* An unknown reason keeps the detail as it is. */
		csv_cell(b, lang_code("monitor.why.", why,
		    dbres_get(res, i, MONITOR_ACCESS_DETAIL)), 1);
	}
	if (csv_finish(r, "facility-access") == -1)
		http_error(r, 503, "db", NULL);
}

/*
 * Checks the filters; a bad one is a field error beside it (the list is
 * then empty). Returns 1 when all are usable.
 */
static int
filters_ok(const struct req *r)
{
	const char	*from = param(r, "from"), *to = param(r, "to");
	int		 ok = 1;

	if (!form_empty(param(r, "purpose")) && !str_one_of(param(r, "purpose"),
	    audit_purposes))
		form_err("monitor", "purpose", "choose"), ok = 0;
	if (!form_empty(param(r, "outcome")) && !str_one_of(param(r, "outcome"),
	    outcomes))
		form_err("monitor", "outcome", "choose"), ok = 0;
	if (!form_empty(from) && !form_empty(to) && strcmp(from, to) > 0)
		form_err("monitor", "to", "range"), ok = 0;
	return ok;
}

/*
 * The filters as a query string for the pager and the CSV link. Every
 * value passed field_check as an integer, date, token or handle, so none
 * needs escaping beyond the template's HTML escaping.
 */
static void
filter_qs(const struct req *r)
{
	static const char *const names[] = { "user", "p", "network_id", "from",
	    "to", "purpose", "emergency", "outcome", NULL };
	struct buf	 b;

	buf_init(&b);
	for (size_t i = 0; names[i] != NULL; i++)
		if (!form_empty(param(r, names[i])))
			buf_printf(&b, "%s%s=%s", b.len ? "&" : "", names[i],
			    param(r, names[i]));
	view_set("Filter.qs", b.data != NULL ? b.data : "");
	buf_free(&b);
}

/*
 * GET /facility/access: every access by this facility's users, newest
 * first, filtered and paginated; ?format=csv exports what the filters
 * select (up to CSV_ROWS).
 */
void
page_monitor_access(struct req *r)
{
	static const char *const keep[] = { "user", "network_id", "from", "to",
	    "purpose", "emergency", "outcome", NULL };
	const char	*fmt = param(r, "format");
	struct dbres	*res;
	long long	 user = form_ll(r, "user"), pid, page = form_ll(r, "page");
	int		 csv = str_eq(fmt, "csv"), none, ok;
	char		 k[32], detail[200];

	if (!form_empty(fmt) && !csv) {
		http_error(r, 400, "type", "format");
		return;
	}
	if ((pid = filter_patient(r, &none)) == -1)
		return;
	ok = filters_ok(r) && !none;
	if (page < 1)
		page = 1;
	if (user < 0)
		user = 0;
	/* What was asked goes into the audit; a cut-off tail is harmless. */
	(void)str_fmt(detail, sizeof(detail), "user=%lld patient=%lld from=%s "
	    "to=%s purpose=%s emergency=%s outcome=%s page=%lld", user, pid,
	    pv(r, "from"), pv(r, "to"), pv(r, "purpose"), pv(r, "emergency"),
	    pv(r, "outcome"), page);
	long long lim = csv ? CSV_ROWS : PAGE_ROWS + 1;
	long long off = csv ? 0 : (page - 1) * PAGE_ROWS;
	/* A filter that cannot match (bad input) selects nothing. */
	res = db_query(STMT_MONITOR_ACCESS, "iiiiissssssissii",
	    ok ? r->sess->facility_id : -1LL, user, user, pid, pid,
	    form_null(param(r, "from")), form_null(param(r, "from")),
	    form_null(param(r, "to")), form_null(param(r, "to")),
	    form_null(param(r, "purpose")), form_null(param(r, "purpose")),
	    (long long)str_eq(param(r, "emergency"), "1"),
	    form_null(param(r, "outcome")), form_null(param(r, "outcome")),
	    lim, off);
	if (res == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (csv) {
		access_csv(r, res, detail);
		dbres_free(res);
		return;
	}
	size_t n = res->nrows > PAGE_ROWS ? PAGE_ROWS : res->nrows;
	if (access_rows(r, res, n) == -1) {
		dbres_free(res);
		http_error(r, 503, "db", NULL);
		return;
	}
	if (res->nrows > PAGE_ROWS)
		view_set_int("Pager.next", page + 1);
	dbres_free(res);
	if (page > 1)
		view_set_int("Pager.prev", page - 1);
	view_set_int("Pager.page", page);
	if (audit(r, &(struct audit_entry){ .action = "monitor.access",
	    .object_type = "facility", .patient_id = pid, .detail = detail }) != 0) {
		http_error(r, 503, "db", NULL);
		return;
	}
	form_keep(r, "Form", keep, NITEMS(keep));
	view_set("Form.p", param(r, "p"));
	filter_qs(r);
	for (size_t i = 0; audit_purposes[i] != NULL; i++) {
		str_fmt(k, sizeof(k), "Opt.purpose.%zu", i);
		view_set(k, audit_purposes[i]);
	}
	users_view(r);
	view_set("Page.title", lang("monitor.access_title"));
	http_page(r, 200, "monitor_access.cs");
}

/*
 * The optional user and audit entry a measure or report names, checked
 * against the manager's facility; an entry without a user names its user.
 * Returns the number of fields in error, or -1 when the database failed.
 */
static int
subject_check(const struct req *r, long long *user, long long *aid)
{
	struct dbres	*res;
	int		 bad = 0;

	*user = *aid = 0;
	if (!form_empty(param(r, "audit"))) {
		if ((*aid = form_ll(r, "audit")) <= 0)
			*aid = 0;
		if ((res = db_query(STMT_MONITOR_AUDIT_GET, "ii", *aid,
		    r->sess->facility_id)) == NULL)
			return -1;
		if (res->nrows == 1) {
			if (form_empty(param(r, "user")))
				*user = dbres_ll(res, 0, MONITOR_AUDIT_GET_USER_ID);
		} else
			form_err("monitor", "audit", "audit"), bad++;
		dbres_free(res);
	}
	if (!form_empty(param(r, "user"))) {
		if ((*user = form_ll(r, "user")) <= 0)
			*user = 0;
		if ((res = db_query(STMT_MONITOR_USER_OK, "ii", *user,
		    r->sess->facility_id)) == NULL)
			return -1;
		if (dbres_ll(res, 0, MONITOR_USER_OK_N) != 1)
			form_err("monitor", "user", "user"), bad++;
		dbres_free(res);
	}
	return bad;
}

/* The audit entry a form is about (?audit=), shown above the form. */
static void
subject_view(const struct req *r)
{
	struct dbres	*res;

	view_set("Form.audit", param(r, "audit"));
	view_set("Form.user", param(r, "user"));
	if (form_ll(r, "audit") <= 0 || (res = db_query(STMT_MONITOR_AUDIT_GET,
	    "ii", form_ll(r, "audit"), r->sess->facility_id)) == NULL)
		return;
	if (res->nrows == 1) {
		view_set("Subject.id", dbres_get(res, 0, MONITOR_AUDIT_GET_ID));
		view_set("Subject.at", dbres_get(res, 0, MONITOR_AUDIT_GET_TS));
		view_set("Subject.action", dbres_get(res, 0, MONITOR_AUDIT_GET_ACTION));
		view_set("Subject.user", dbres_get(res, 0, MONITOR_AUDIT_GET_USER_NAME));
		view_set("Subject.network_id", dbres_get(res, 0, MONITOR_AUDIT_GET_NETWORK_ID));
		if (form_empty(param(r, "user")))
			view_set("Form.user", dbres_get(res, 0, MONITOR_AUDIT_GET_USER_ID));
	}
	dbres_free(res);
}

/* The measures page: the form (with what was typed) and every measure. */
static void
measures_page(struct req *r, int status)
{
	static const char *const cols[MEASURE_LIST__NCOLS] = {
	    [MEASURE_LIST_ID] = "id", [MEASURE_LIST_CREATED_AT] = "at",
	    [MEASURE_LIST_USER_NAME] = "user",
	    [MEASURE_LIST_AUDIT_ID] = "audit_id", [MEASURE_LIST_BODY] = "body",
	    [MEASURE_LIST_AUTHOR_NAME] = "by",
	    [MEASURE_LIST_USER_ID] = "user_id", [MEASURE_LIST_TS] = "audit_at",
	    [MEASURE_LIST_ACTION] = "audit_action",
	    [MEASURE_LIST_NETWORK_ID] = "audit_network_id" };
	struct dbres	*res;

	if ((res = db_query(STMT_MEASURE_LIST, "i", r->sess->facility_id)) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	view_set_int("Measures_n", (long long)view_rows("Measures", res, cols, NITEMS(cols)));
	dbres_free(res);
	subject_view(r);
	view_set("Form.body", param_opt(r, "body"));
	form_idem_view(r);
	users_view(r);
	view_set("Page.title", lang("monitor.measures_title"));
	http_page(r, status, "monitor_measures.cs");
}

/* GET /facility/measures: corrective measures (A6.2), ?audit= prefills one. */
void
page_monitor_measures(struct req *r)
{
	if (audit(r, &(struct audit_entry){ .action = "monitor.measures",
	    .object_type = "corrective_measure" }) != 0) {
		http_error(r, 503, "db", NULL);
		return;
	}
	form_flash(r, "monitor");
	measures_page(r, 200);
}

/* POST /facility/measures/new: records one measure; a second submit adds none. */
void
page_monitor_measure_new(struct req *r)
{
	const char	*idem = param(r, "idem");
	long long	 user, aid;
	char		 us[24], as[24];
	int		 bad;

	if (form_idem(r, STMT_MEASURE_BY_IDEM, idem,
	    "/facility/measures?m=added") != 0)
		return;
	if ((bad = subject_check(r, &user, &aid)) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (form_blank(param(r, "body")))
		form_err("monitor", "body", "body"), bad++;
	if (bad > 0) {
		view_set("Form.invalid", "1");
		measures_page(r, 422);
		return;
	}
	if (db_begin() != DB_OK) {
		form_db_fail(r);
		return;
	}
	int rc = db_exec(STMT_MEASURE_INSERT, "isssis", r->sess->facility_id,
	    id_or_null(us, sizeof(us), user), id_or_null(as, sizeof(as), aid),
	    param(r, "body"), r->sess->user_id, idem);
	if (rc == DB_DUP) {
		db_rollback();
		http_redirect(r, "/facility/measures?m=added");
		return;
	}
	if (rc != 1) {
		form_db_fail(r);
		return;
	}
	form_commit_go(r, "monitor.measure", "corrective_measure",
	    (long long)db_last_id(), NULL, "/facility/measures?m=added");
}

/* The reports list: a manager their facility's and the form, the operator all. */
static void
reports_page(struct req *r, int status)
{
	static const char *const cols[FREPORT_LIST__NCOLS] = {
	    [FREPORT_LIST_ID] = "id", [FREPORT_LIST_CREATED_AT] = "at",
	    [FREPORT_LIST_FACILITY_NAME] = "facility",
	    [FREPORT_LIST_USER_NAME] = "user", [FREPORT_LIST_STATUS] = "status",
	    [FREPORT_LIST_AUTHOR_NAME] = "by", [FREPORT_LIST_KIND] = "kind" };
	struct dbres	*res;
	long long	 fac = has_role(r, ROLE_OPERATOR) ? 0 : r->sess->facility_id;

	if ((res = db_query(STMT_FREPORT_LIST, "ii", fac, fac)) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	view_set_int("Reports_n", (long long)view_rows("Reports", res, cols, NITEMS(cols)));
	dbres_free(res);
	if (has_role(r, ROLE_FACILITY_MANAGER)) {
		view_set("Can.send", "1");
		subject_view(r);
		view_set("Form.body", param_opt(r, "body"));
		form_idem_view(r);
		users_view(r);
	}
	if (has_role(r, ROLE_OPERATOR))
		view_set("Can.ack", "1");
	view_set("Page.title", lang("monitor.reports_title"));
	http_page(r, status, "monitor_reports.cs");
}

/* GET /facility/reports: reports of misuse to the operator (A6.3). */
void
page_monitor_reports(struct req *r)
{
	if (audit(r, &(struct audit_entry){ .action = "monitor.reports",
	    .object_type = "facility_report" }) != 0) {
		http_error(r, 503, "db", NULL);
		return;
	}
	form_flash(r, "monitor");
	reports_page(r, 200);
}

/*
 * POST /facility/reports/new: the manager reports misuse to the operator;
 * the report and the operator's notification commit together.
 */
void
page_monitor_report_new(struct req *r)
{
	const char	*idem = param(r, "idem");
	long long	 user, aid, id;
	char		 us[24], as[24];
	int		 bad, rc;

	if (form_idem(r, STMT_FREPORT_BY_IDEM, idem,
	    "/facility/reports/view?id=%s&m=sent") != 0)
		return;
	if ((bad = subject_check(r, &user, &aid)) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (form_blank(param(r, "body")))
		form_err("monitor", "body", "body"), bad++;
	if (bad > 0) {
		view_set("Form.invalid", "1");
		reports_page(r, 422);
		return;
	}
	if (db_begin() != DB_OK) {
		form_db_fail(r);
		return;
	}
	rc = db_exec(STMT_FREPORT_INSERT, "isssis", r->sess->facility_id,
	    id_or_null(us, sizeof(us), user), id_or_null(as, sizeof(as), aid),
	    param(r, "body"), r->sess->user_id, idem);
	if (rc == DB_DUP) {
		db_rollback();
		http_redirect(r, "/facility/reports");
		return;
	}
	if (rc != 1) {
		form_db_fail(r);
		return;
	}
	id = (long long)db_last_id();
	if (db_exec(STMT_NOTIFY_INSERT, "sissi", "operator", 0LL,
	    "facility.report", "facility_report", id) < 0) {
		form_db_fail(r);
		return;
	}
	form_commit_go(r, "monitor.report", "facility_report", id, "misuse",
	    "/facility/reports/view?id=%lld&m=sent", id);
}

static const char *const report_cols[FREPORT_GET__NCOLS] = {
    [FREPORT_GET_ID] = "id", [FREPORT_GET_CREATED_AT] = "at",
    [FREPORT_GET_FACILITY_NAME] = "facility", [FREPORT_GET_USER_NAME] = "user",
    [FREPORT_GET_STATUS] = "status", [FREPORT_GET_AUTHOR_NAME] = "by",
    [FREPORT_GET_KIND] = "kind", [FREPORT_GET_BODY] = "body",
    [FREPORT_GET_AUDIT_ID] = "audit_id", [FREPORT_GET_ACK_NOTE] = "ack_note",
    [FREPORT_GET_ACK_AT] = "ack_at", [FREPORT_GET_ACKER_NAME] = "ack_by",
    [FREPORT_GET_VERSION] = "version",
    [FREPORT_GET_FACILITY_ID] = "facility_id", [FREPORT_GET_LOGIN] = "login",
    [FREPORT_GET_TS] = "audit_at", [FREPORT_GET_ACTION] = "audit_action",
    [FREPORT_GET_NETWORK_ID] = "audit_network_id",
    [FREPORT_GET_PURPOSE] = "audit_purpose",
    [FREPORT_GET_PATIENT_NAME] = "audit_user" };

/*
 * Loads report ?id= into Report.0.* if this reader may see it: the operator
 * any, a manager their facility's. Another facility's is 404 (and audited:
 * it says nothing of whether it exists). Returns the id, or 0 with a page sent.
 */
static long long
report_load(struct req *r)
{
	struct dbres	*res;
	long long	 id = form_ll(r, "id");

	if (id <= 0) {
		http_error(r, 400, "type", "id");
		return 0;
	}
	if ((res = db_query(STMT_FREPORT_GET, "i", id)) == NULL) {
		http_error(r, 503, "db", NULL);
		return 0;
	}
	if (res->nrows == 0 || (!has_role(r, ROLE_OPERATOR) &&
	    dbres_ll(res, 0, FREPORT_GET_FACILITY_ID) != r->sess->facility_id)) {
		if (res->nrows > 0)
			audit(r, &(struct audit_entry){ .action = "monitor.report_denied",
			    .object_type = "facility_report",
			    .object_id = param(r, "id"), .outcome = "denied",
			    .detail = "other_facility" });
		dbres_free(res);
		http_error(r, 404, NULL, NULL);
		return 0;
	}
	view_rows("Report", res, report_cols, NITEMS(report_cols));
	dbres_free(res);
	return id;
}

/* GET /facility/reports/view: one report, and the operator's acknowledgement. */
void
page_monitor_report_view(struct req *r)
{
	if (report_load(r) == 0)
		return;
	if (audit(r, &(struct audit_entry){ .action = "monitor.report_view",
	    .object_type = "facility_report", .object_id = param(r, "id") }) != 0) {
		http_error(r, 503, "db", NULL);
		return;
	}
	form_flash(r, "monitor");
	if (has_role(r, ROLE_OPERATOR))
		view_set("Can.ack", "1");
	view_set("Page.title", lang("monitor.report_title"));
	http_page(r, 200, "monitor_report.cs");
}

/*
 * POST /facility/reports/ack: the operator acknowledges a report with a
 * note, against the version they saw (another save first: 409).
 */
void
page_monitor_report_ack(struct req *r)
{
	long long	 id, ver = form_ll(r, "version");

	if ((id = report_load(r)) == 0)
		return;
	if (ver <= 0) {
		http_error(r, 400, "type", "version");
		return;
	}
	if (!str_eq(view_get("Report.0.status"), "sent")) {
		http_error(r, 409, NULL, NULL);
		return;
	}
	if (form_blank(param(r, "note"))) {
		form_err("monitor", "note", "note");
		view_set("Can.ack", "1");
		view_set("Page.title", lang("monitor.report_title"));
		http_page(r, 422, "monitor_report.cs");
		return;
	}
	if (db_begin() != DB_OK) {
		form_db_fail(r);
		return;
	}
	if (form_one(r, db_exec(STMT_FREPORT_ACK, "siii", param(r, "note"),
	    r->sess->user_id, id, ver)) != 0)
		return;
	form_commit_go(r, "monitor.report_ack", "facility_report", id, NULL,
	    "/facility/reports/view?id=%lld&m=acked", id);
}
