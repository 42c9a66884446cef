/*
 * office.c: the network office's weekday pages (issue 20): facilities added
 * and edited, moved in or out of the region on a council decision (A18),
 * accounts disabled and enabled with a reason, a user's address for the
 * misuse rule (A4.2), a facility manager's roster of their own users.
 * Everything here was `mogamictl facility add`, `user disable` and
 * `user address` before; now audited, by role, with field errors.
 */
#include <stdio.h>
#include <string.h>

#include "base/config.h"
#include "base/util.h"
#include "db/db.h"
#include "pages/pages.h"
#include "rules/accounts.h"
#include "rules/council.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/form.h"
#include "web/render.h"
#include "web/rows.h"
#include "web/session.h"

/* The kinds a facility is (form 1's list); their names are L.council.fk_<kind>. */
static const char *const fac_kinds[] = { "hospital", "clinic", "dental",
    "pharmacy", "care_office", "visiting_nursing", "other", NULL };

const struct field f_office_facility_get[] = {
	{ "id", FT_INT, 20 }, { "m", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};
const struct field f_office_facility[] = {
	{ "id", FT_INT, 20 }, { "version", FT_INT, 10 }, { "csrf", FT_HEX, 64 },
	{ "code", FT_TEXT, 32 }, { "name", FT_TEXT, 200 },
	{ "kind", FT_TOKEN, 32 }, { "medical_code", FT_TEXT, 20 },
	{ "address", FT_TEXT, 300 }, { "phone", FT_TEXT, 30 },
	{ "contact", FT_TEXT, 100 }, { "disclosing", FT_TOKEN, 1 },
	{ "viewing", FT_TOKEN, 1 }, { "status", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};
const struct field f_office_region_get[] = {
	{ "id", FT_INT, 20 },
	{ NULL, 0, 0 }
};
const struct field f_office_region[] = {
	{ "id", FT_INT, 20 }, { "version", FT_INT, 10 }, { "csrf", FT_HEX, 64 },
	{ "in_region", FT_TOKEN, 1 }, { "decision_kind", FT_TOKEN, 16 },
	{ "meeting", FT_INT, 20 }, { "decided_on", FT_TEXT, 10 },
	{ "sole_reason", FT_LINES, 1000 }, { "note", FT_LINES, 1000 },
	{ NULL, 0, 0 }
};

/* The names a facility form keeps when it comes back with errors. */
static const char *const fac_keep[] = { "code", "name", "kind",
    "medical_code", "address", "phone", "contact", "disclosing", "viewing",
    "status", NULL };

/* s holds only bytes of set (and is not empty). */
static int
only(const char *s, const char *set)
{
	return s != NULL && *s != '\0' && strspn(s, set) == strlen(s);
}

/*
 * Checks a facility form; a message beside each bad field. adding: the
 * code and the starting status are asked only then. Returns 1 when any
 * field was refused.
 */
static int
facility_check(const struct req *r, int adding)
{
	const char	*code = param(r, "code"), *mc = param(r, "medical_code");
	const char	*phone = param(r, "phone");
	int		 bad = 0;

	if (adding && (!only(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789_-") || strlen(code) < 2))
		form_err("office", "code", "code"), bad = 1;
	if (form_blank(param(r, "name")))
		form_err("office", "name", "required"), bad = 1;
	if (!str_one_of(param(r, "kind"), fac_kinds))
		form_err("office", "kind", "choose"), bad = 1;
	/* 医療機関コード: 10 digits (prefecture, table, district, number, check). */
	if (!form_empty(mc) && (!only(mc, "0123456789") || strlen(mc) != 10))
		form_err("office", "medical_code", "medical_code"), bad = 1;
	if (!form_empty(phone) && !only(phone, "0123456789-+() "))
		form_err("office", "phone", "phone"), bad = 1;
	if (!str_eq(param(r, "disclosing"), "1") && !str_eq(param(r, "viewing"), "1"))
		form_err("office", "viewing", "side"), bad = 1;
	if (adding && !str_eq(param(r, "status"), "applying") &&
	    !str_eq(param(r, "status"), "active"))
		form_err("office", "status", "choose"), bad = 1;
	return bad;
}

/* A facility's moves in and out of the region, newest first. */
static void
region_history(long long id)
{
	static const char *const cols[FACILITY_REGION_HISTORY__NCOLS] = {
	    [FACILITY_REGION_HISTORY_IN_REGION] = "in_region",
	    [FACILITY_REGION_HISTORY_DECISION_KIND] = "decision_kind",
	    [FACILITY_REGION_HISTORY_DECIDED_ON] = "decided_on",
	    [FACILITY_REGION_HISTORY_SOLE_REASON] = "sole_reason",
	    [FACILITY_REGION_HISTORY_NOTE] = "note",
	    [FACILITY_REGION_HISTORY_CHANGER_NAME] = "by" };
	struct dbres	*res;
	char		 k[48];

	if ((res = db_query(STMT_FACILITY_REGION_HISTORY, "i", id)) == NULL)
		return;
	view_rows("Region", res, cols, NITEMS(cols));
	for (size_t i = 0; i < res->nrows; i++) {
		str_fmt(k, sizeof(k), "Region.%zu", i);
		vnode_time(view_node(k), "at", res, i, FACILITY_REGION_HISTORY_CHANGED_AT);
	}
	dbres_free(res);
}

/*
 * Loads facility id into Fac (and, unless keep, into the form's fields).
 * Returns 0, or -1 with a page sent (400, 404, 503).
 */
static int
facility_load(struct req *r, long long id, int keep)
{
	static const char *const cols[FACILITY_GET__NCOLS] = {
	    [FACILITY_GET_ID] = "id", [FACILITY_GET_CODE] = "code",
	    [FACILITY_GET_NAME] = "name", [FACILITY_GET_KIND] = "kind",
	    [FACILITY_GET_IN_REGION] = "in_region",
	    [FACILITY_GET_DISCLOSING] = "disclosing",
	    [FACILITY_GET_VIEWING] = "viewing",
	    [FACILITY_GET_STATUS] = "status",
	    [FACILITY_GET_VERSION] = "version",
	    [FACILITY_GET_MEDICAL_CODE] = "medical_code",
	    [FACILITY_GET_ADDRESS] = "address", [FACILITY_GET_PHONE] = "phone",
	    [FACILITY_GET_CONTACT] = "contact" };
	struct dbres	*res;

	if ((res = row_by_id(r, STMT_FACILITY_GET, id)) == NULL)
		return -1;
	vnode_row(view_node("Fac"), res, 0, cols, NITEMS(cols));
	if (!keep)
		vnode_row(view_node("Form"), res, 0, cols, NITEMS(cols));
	dbres_free(res);
	return 0;
}

/* The facility form (new when Fac is unset) with status 200 or 422. */
static void
facility_form(struct req *r, int status)
{
	view_set("Page.title", lang(view_get("Fac.id") ? "office.fac_edit_title" :
	    "office.fac_new_title"));
	http_page(r, status, "facility_edit.cs");
}

/* GET /admin/facilities/new: an empty form; the facility starts applying. */
void
page_office_facility_new(struct req *r)
{
	view_set("Form.status", "applying");
	view_set("Form.viewing", "1");
	facility_form(r, 200);
}

/* GET /admin/facilities/edit?id=: the facility, its region's history, where it goes next. */
void
page_office_facility(struct req *r)
{
	long long	 id = form_id(r, "id");

	if (facility_load(r, id, 0) == -1)
		return;
	region_history(id);
	form_flash(r, "office");
	facility_form(r, 200);
}

/* POST /admin/facilities/new: adds it (in the region: a move out asks the council). */
void
page_office_facility_add(struct req *r)
{
	int	 rc;

	if (facility_check(r, 1)) {
		form_keep(r, "Form", fac_keep, NITEMS(fac_keep));
		facility_form(r, 422);
		return;
	}
	if (form_begin(r) == -1)
		return;
	rc = db_exec(STMT_FACILITY_ADD, "sssiissss", param(r, "code"),
	    param(r, "name"), param(r, "kind"),
	    (long long)str_eq(param(r, "disclosing"), "1"),
	    (long long)str_eq(param(r, "viewing"), "1"),
	    form_null(param(r, "medical_code")), form_null(param(r, "address")),
	    form_null(param(r, "phone")), form_null(param(r, "contact")));
	if (rc == DB_DUP) {
		db_rollback();
		form_err("office", "code", "code_taken");
		form_keep(r, "Form", fac_keep, NITEMS(fac_keep));
		facility_form(r, 422);
		return;
	}
	if (rc != 1) {
		form_db_fail(r);
		return;
	}
	long long id = (long long)db_last_id();
	if (db_exec(STMT_FACILITY_SET_STATUS, "si", param(r, "status"), id) != 1) {
		form_db_fail(r);
		return;
	}
	form_commit_go(r, "facility.add", "facility", id, param(r, "code"),
	    "/admin/facilities/edit?id=%lld&m=added", id);
}

/* POST /admin/facilities/edit: its particulars (the code stays: certificates name it). */
void
page_office_facility_edit(struct req *r)
{
	long long	 id = form_id(r, "id"), ver = form_id(r, "version");

	if (ver <= 0) {
		http_error(r, 400, "type", "version");
		return;
	}
	if (facility_check(r, 0)) {
		if (facility_load(r, id, 1) == -1)
			return;
		form_keep(r, "Form", fac_keep, NITEMS(fac_keep));
		region_history(id);
		facility_form(r, 422);
		return;
	}
	if (form_begin(r) == -1)
		return;
	if (form_one(r, db_exec(STMT_FACILITY_EDIT, "ssiissssii", param(r, "name"),
	    param(r, "kind"), (long long)str_eq(param(r, "disclosing"), "1"),
	    (long long)str_eq(param(r, "viewing"), "1"),
	    form_null(param(r, "medical_code")), form_null(param(r, "address")),
	    form_null(param(r, "phone")), form_null(param(r, "contact")), id, ver)) != 0)
		return;
	form_commit_go(r, "facility.edit", "facility", id, NULL,
	    "/admin/facilities/edit?id=%lld&m=saved", id);
}

/* Every meeting, for the decision a move rests on. */
static void
meetings_all(void)
{
	static const char *const cols[MEETING_LIST__NCOLS] = {
	    [MEETING_LIST_ID] = "id", [MEETING_LIST_HELD_ON] = "held_on",
	    [MEETING_LIST_STATUS] = "status" };
	struct dbres	*res;

	if ((res = db_query(STMT_MEETING_LIST, "")) == NULL)
		return;
	view_rows("Meetings", res, cols, NITEMS(cols));
	dbres_free(res);
}

/* The page that asks before a move, with the decision's fields (200 or 422). */
static void
region_page(struct req *r, long long id, int status)
{
	if (facility_load(r, id, 1) == -1)
		return;
	meetings_all();
	region_history(id);
	view_set("Page.title", lang("office.region_title"));
	http_page(r, status, "facility_region.cs");
}

/* GET /facilities/region?id=: asks first (A18: a move rests on a council decision). */
void
page_office_region_ask(struct req *r)
{
	region_page(r, form_id(r, "id"), 200);
}

/*
 * Checks the decision a move rests on: a meeting's, or the president's sole
 * decision with its date and the reason no meeting could be held. *meeting
 * and on (the decision's date) receive it. Returns 1 when any field was
 * refused, -1 on a database error.
 */
static int
region_check(const struct req *r, long long *meeting, char on[11])
{
	const char	*dk = param(r, "decision_kind"), *d = param(r, "decided_on");
	struct dbres	*m;
	int		 bad = 0;

	*meeting = 0;
	on[0] = '\0';
	if (str_eq(dk, "meeting")) {
		if ((*meeting = form_id(r, "meeting")) <= 0) {
			form_err("office", "meeting", "choose");
			return 1;
		}
		if ((m = db_query(STMT_MEETING_GET, "i", *meeting)) == NULL)
			return -1;
		if (m->nrows == 0)
			form_err("office", "meeting", "choose"), bad = 1;
		else
			str_copy(on, dbres_get(m, 0, MEETING_GET_HELD_ON), 11);
		dbres_free(m);
		return bad;
	}
	if (!str_eq(dk, "sole")) {
		form_err("office", "decision_kind", "choose");
		return 1;
	}
	if (form_empty(d) || !valid_date(d))
		form_err("office", "decided_on", "date"), bad = 1;
	else
		str_copy(on, d, 11);
	if (form_blank(param(r, "sole_reason")))
		form_err("office", "sole_reason", "required"), bad = 1;
	return bad;
}

/* POST /facilities/region: the move, its decision and the audit in one transaction. */
void
page_office_region(struct req *r)
{
	long long	 id = form_id(r, "id"), ver = form_id(r, "version"), meeting;
	const char	*in = param(r, "in_region");
	char		 on[11];
	int		 bad, rc;

	if (ver <= 0 || id <= 0 || (!str_eq(in, "0") && !str_eq(in, "1"))) {
		http_error(r, 400, "type", ver <= 0 ? "version" : id <= 0 ? "id" :
		    "in_region");
		return;
	}
	if ((bad = region_check(r, &meeting, on)) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (bad) {
		static const char *const keep[] = { "decision_kind", "meeting",
		    "decided_on", "sole_reason", "note", NULL };
		form_keep(r, "Form", keep, NITEMS(keep));
		region_page(r, id, 422);
		return;
	}
	if (form_begin(r) == -1)
		return;
	rc = db_exec(STMT_FACILITY_SET_REGION, "iii", (long long)str_eq(in, "1"),
	    id, ver);
	if (form_one(r, rc) != 0)
		return;
	if (db_exec(STMT_FACILITY_REGION_CHANGE, "iisisssi", id,
	    (long long)str_eq(in, "1"), param(r, "decision_kind"), meeting, on,
	    meeting > 0 ? NULL : param(r, "sole_reason"),
	    form_null(param(r, "note")), r->sess->user_id) != 1) {
		form_db_fail(r);
		return;
	}
	form_commit_go(r, "facility.region", "facility", id,
	    str_eq(in, "1") ? "in_region" : "out_of_region", "/facilities?m=region");
}

/* --- accounts: the office's list, one account's page, a manager's roster ---------- */

const struct field f_office_users[] = {
	{ "facility", FT_INT, 20 }, { "q", FT_TEXT, 64 }, { "m", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};
const struct field f_office_user[] = {
	{ "id", FT_INT, 20 }, { "m", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};
const struct field f_office_user_status[] = {
	{ "id", FT_INT, 20 }, { "version", FT_INT, 10 }, { "csrf", FT_HEX, 64 },
	{ "status", FT_TOKEN, 16 }, { "reason", FT_LINES, 1000 },
	{ NULL, 0, 0 }
};
const struct field f_office_user_address[] = {
	{ "id", FT_INT, 20 }, { "version", FT_INT, 10 }, { "csrf", FT_HEX, 64 },
	{ "address", FT_TEXT, 300 },
	{ NULL, 0, 0 }
};

/*
 * Row i of an OFFICE_USERS result into n: its columns by name, the roles
 * one by one (roles.N: codes the page names in Japanese), the certificate's
 * expiry and the last login in Japan time.
 */
static void
user_row(struct vnode *n, const struct dbres *res, size_t i)
{
	static const char *const cols[OFFICE_USERS__NCOLS] = {
	    [OFFICE_USERS_ID] = "id", [OFFICE_USERS_LOGIN] = "login",
	    [OFFICE_USERS_NAME] = "name",
	    [OFFICE_USERS_FACILITY_NAME] = "facility",
	    [OFFICE_USERS_STATUS] = "status",
	    [OFFICE_USERS_PROFESSION_NAME] = "profession",
	    [OFFICE_USERS_ENDS_ON] = "ends_on",
	    [OFFICE_USERS_FACILITY_ID] = "facility_id",
	    [OFFICE_USERS_VERSION] = "version",
	    [OFFICE_USERS_ADDRESS] = "address",
	    [OFFICE_USERS_FACILITY_CODE] = "facility_code" };
	const char	*roles = dbres_get(res, i, OFFICE_USERS_ROLES);
	char		 buf[160], k[24], d[32];
	size_t		 nr = 0;

	vnode_row(n, res, i, cols, NITEMS(cols));
	if (roles != NULL && str_copy(buf, roles, sizeof(buf)) == 0) {
		struct vnode *rn = vnode_child(n, "roles");
		for (char *p = buf, *tok; (tok = strsep(&p, ",")) != NULL;) {
			str_fmt(k, sizeof(k), "%zu", nr++);
			vnode_set(rn, k, tok);
		}
	}
	if (dbres_get(res, i, OFFICE_USERS_CERT_NOT_AFTER) != NULL) {
		long long na = dbres_ll(res, i, OFFICE_USERS_CERT_NOT_AFTER);
		fmt_jst(d, sizeof(d), na, "%Y-%m-%d");
		vnode_set(n, "cert_until", d);
		if (na - now() < 30 * 86400LL)
			vnode_set(n, "cert_soon", "1");
	}
	if (dbres_get(res, i, OFFICE_USERS_LAST_LOGIN) != NULL) {
		fmt_jst(d, sizeof(d), dbres_ll(res, i, OFFICE_USERS_LAST_LOGIN),
		    "%Y-%m-%d %H:%M");
		vnode_set(n, "last_login", d);
	}
}

/* Users.N of facility fid (0: every one) whose login or name holds q. 0, or -1. */
static int
users_view(long long fid, const char *q)
{
	struct dbres	*res;
	char		 k[32];

	if ((res = db_query(STMT_OFFICE_USERS, "iisss", fid, fid, q, q, q)) == NULL)
		return -1;
	for (size_t i = 0; i < res->nrows; i++) {
		str_fmt(k, sizeof(k), "Users.%zu", i);
		user_row(view_node(k), res, i);
	}
	view_set_int("Users_n", (long long)res->nrows);
	dbres_free(res);
	return 0;
}

/* GET /admin/users[?facility=&q=]: every account, by facility (the office). */
void
page_office_users(struct req *r)
{
	static const char *const fcols[FACILITIES_PICK__NCOLS] = {
	    [FACILITIES_PICK_ID] = "id", [FACILITIES_PICK_CODE] = "code",
	    [FACILITIES_PICK_NAME] = "name" };
	long long	 fid = form_id(r, "facility");
	const char	*q = param(r, "q");
	struct dbres	*f;

	if (fid < 0)
		fid = 0;
	if (users_view(fid, form_empty(q) ? "" : q) == -1 ||
	    (f = db_query(STMT_FACILITIES_PICK, "")) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	view_rows("Facilities", f, fcols, NITEMS(fcols));
	dbres_free(f);
	view_set_int("Filter.facility", fid);
	view_set("Filter.q", q);
	form_flash(r, "office");
	view_set("Page.title", lang("office.users_title"));
	http_page(r, 200, "office_users.cs");
}

/* Loads account id into User; 0, or -1 with a page sent. */
static int
user_load(struct req *r, long long id)
{
	struct dbres	*res;

	if ((res = row_by_id(r, STMT_OFFICE_USER, id)) == NULL)
		return -1;
	user_row(view_node("User"), res, 0);
	dbres_free(res);
	return 0;
}

/* One account's page: its particulars, why it was disabled or enabled, the forms (200 or 422). */
static void
user_page(struct req *r, long long id, int status)
{
	static const char *const cols[USER_STATUS_HISTORY__NCOLS] = {
	    [USER_STATUS_HISTORY_STATUS] = "status",
	    [USER_STATUS_HISTORY_REASON] = "reason",
	    [USER_STATUS_HISTORY_CHANGER_NAME] = "by" };
	struct dbres	*res;
	char		 k[32];

	if (user_load(r, id) == -1)
		return;
	if ((res = db_query(STMT_USER_STATUS_HISTORY, "i", id)) != NULL) {
		view_rows("History", res, cols, NITEMS(cols));
		for (size_t i = 0; i < res->nrows; i++) {
			str_fmt(k, sizeof(k), "History.%zu", i);
			vnode_time(view_node(k), "at", res, i, USER_STATUS_HISTORY_CHANGED_AT);
		}
		dbres_free(res);
	}
	if (view_get("Form.address") == NULL)
		view_set("Form.address", view_get("User.address"));
	form_flash(r, "office");
	view_set("Page.title", lang("office.user_title"));
	http_page(r, status, "office_user.cs");
}

/* GET /admin/users/view?id=: one account. */
void
page_office_user(struct req *r)
{
	user_page(r, form_id(r, "id"), 200);
}

/*
 * POST /admin/users/status: disabled (sessions end at once; certificates
 * stay, for the return) or enabled again, with the reason, outside the A13
 * procedure (long leave ...). A withdrawn or revoked account is never
 * enabled here.
 */
void
page_office_user_status(struct req *r)
{
	long long	 id = form_id(r, "id"), ver = form_id(r, "version");
	const char	*to = param(r, "status"), *from;
	int		 rc;

	if (id <= 0 || ver <= 0 || (!str_eq(to, "disabled") && !str_eq(to, "active"))) {
		http_error(r, 400, "type", id <= 0 ? "id" : ver <= 0 ? "version" :
		    "status");
		return;
	}
	from = str_eq(to, "disabled") ? "active" : "disabled";
	if (form_blank(param(r, "reason"))) {
		form_err("office", "reason", "required");
		user_page(r, id, 422);
		return;
	}
	if (form_begin(r) == -1)
		return;
	rc = db_exec(STMT_USER_STATUS_FROM, "siis", to, id, ver, from);
	if (form_one(r, rc) != 0)
		return;
	if (db_exec(STMT_USER_STATUS_LOG, "issi", id, to,
	    param(r, "reason"), r->sess->user_id) != 1 ||
	    (str_eq(to, "disabled") && session_end_user(id, "user_disabled") < 0)) {
		form_db_fail(r);
		return;
	}
	form_commit_go(r, str_eq(to, "disabled") ? "user.disable" : "user.enable",
	    "user", id, param(r, "reason"),
	    "/admin/users/view?id=%lld&m=%s",
	    id, str_eq(to, "disabled") ? "disabled" : "enabled");
}

/* POST /admin/users/address: the user's address for the misuse rule (A4.2). */
void
page_office_user_address(struct req *r)
{
	long long	 id = form_id(r, "id"), ver = form_id(r, "version");
	const char	*addr = param(r, "address");

	if (id <= 0 || ver <= 0) {
		http_error(r, 400, "type", id <= 0 ? "id" : "version");
		return;
	}
	if (form_begin(r) == -1)
		return;
	if (form_one(r, db_exec(STMT_USER_ADDRESS_BY_ID, "sii", addr ? addr : "", id, ver)) != 0)
		return;
	form_commit_go(r, "user.address", "user", id, NULL,
	    "/admin/users/view?id=%lld&m=address", id);
}

/*
 * GET /facility/users: a facility manager's roster of their own facility's
 * users: status, the certificate's expiry, the last login; a withdrawal
 * (form 3) starts from a row.
 */
void
page_office_roster(struct req *r)
{
	if (users_view(r->sess->facility_id, "") == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	view_set("Page.title", lang("office.roster_title"));
	http_page(r, 200, "office_roster.cs");
}
