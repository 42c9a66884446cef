/*
 * emergency.c: emergency access without consent (A14). A user whose
 * profession allows it names a patient by exact identifiers only, states
 * why, and gets a time-limited grant; the operator and the managers of the
 * facilities holding the patient's records are told at once; a follow-up
 * task stays open until form 4 is registered or why it cannot be is written;
 * the operator reviews every grant.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/kana.h"
#include "base/util.h"
#include "db/db.h"
#include "pages/pages.h"
#include "pages/patient.h"
#include "rules/access.h"
#include "rules/misuse.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/form.h"
#include "web/render.h"
#include "web/rows.h"
#include "web/session.h"

const struct field f_emergency[] = {
	{ "m", FT_TOKEN, 24 },
	{ NULL, 0, 0 }
};
const struct field f_emergency_start[] = {
	{ "kana", FT_TEXT, 100 },
	{ "birth_date", FT_TEXT, 10 },
	{ "sex", FT_TOKEN, 1 },
	{ "facility_code", FT_TOKEN, 32 },
	{ "local_id", FT_TEXT, 64 },
	{ "category", FT_TOKEN, 32 },
	{ "reason", FT_LINES, 1000 },
	{ "confirm", FT_TOKEN, 1 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_emergency_review[] = {
	{ "id", FT_INT, 20 },
	{ "version", FT_INT, 10 },
	{ "decision", FT_TOKEN, 16 },
	{ "note", FT_LINES, 1000 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};

/* Why the patient cannot consent now: the categories of the form. */
static const char *const categories[] = {
	"unconscious", "critical", "transport", "disaster", "other"
};


/* 1 when the user's profession may use emergency access (profession table). */
static int
may_use(const struct req *r)
{
	struct dbres	*res;
	int		 ok;

	if ((res = db_query(STMT_PROFESSION_EMERGENCY, "i", r->sess->user_id)) == NULL)
		return 0;
	ok = res->nrows == 1 && dbres_ll(res, 0, PROFESSION_EMERGENCY_EMERGENCY_ALLOWED) == 1;
	dbres_free(res);
	return ok;
}

/*
 * Grants as EmergencyList.N: the operator all, a manager their facility's
 * and those on patients whose records it holds, a user their own.
 */
static int
list_view(struct req *r)
{
	struct dbres	*res;
	long long	 fac = 0, user = 0, t = now();
	char		 d[32];

	if (!has_role(r, ROLES_OFFICE)) {
		fac = r->sess->facility_id;
		if (!has_role(r, ROLE_FACILITY_MANAGER))
			user = r->sess->user_id;
	}
	if ((res = db_query(STMT_EMERGENCY_LIST, "iiiiii", r->sess->facility_id,
	    fac, fac, fac, user, user)) == NULL)
		return -1;
	struct handles hs;
	long long *ids = calloc(res->nrows + 1, sizeof(*ids));
	for (size_t i = 0; ids != NULL && i < res->nrows; i++)
		ids[i] = dbres_ll(res, i, EMERGENCY_LIST_PATIENT_ID);
	if (ids == NULL || handles_load(r, ids, res->nrows, &hs) == -1) {
		free(ids);
		dbres_free(res);
		return -1;
	}
	free(ids);
	for (size_t i = 0; i < res->nrows; i++) {
		static const char *const cols[EMERGENCY_LIST__NCOLS] = {
		    [EMERGENCY_LIST_ID] = "id",
		    [EMERGENCY_LIST_USER_NAME] = "user",
		    [EMERGENCY_LIST_PROFESSION_NAME] = "profession",
		    [EMERGENCY_LIST_FACILITY_NAME] = "facility",
		    [EMERGENCY_LIST_REASON_CATEGORY] = "category",
		    [EMERGENCY_LIST_REVIEW_STATUS] = "review",
		    [EMERGENCY_LIST_FOLLOWUP_STATUS] = "followup",
		    [EMERGENCY_LIST_VERSION] = "version",
		    [EMERGENCY_LIST_NETWORK_ID] = "network_id",
		    [EMERGENCY_LIST_USER_ID] = "user_id",
		    [EMERGENCY_LIST_REVIEW_NOTE] = "review_note",
		    [EMERGENCY_LIST_FOLLOWUP_NOTE] = "followup_note",
		    [EMERGENCY_LIST_CONSENT_ID] = "consent_id",
		    [EMERGENCY_LIST_STARTED_AT] = ROW_TIME("started"),
		    [EMERGENCY_LIST_EXPIRES_AT] = ROW_TIME("expires") };
		struct vnode *n = view_row("EmergencyList", res, i,
		    cols, NITEMS(cols));
		/*
		 * Issue 19: the follow-up names its patient and links back (to
		 * the record, to form 4, to the patient's page), by the handle.
		 */
		char h[32];
		vnode_set(n, "patient", dbres_get(res, i, EMERGENCY_LIST_PATIENT_NAME));
		vnode_set(n, "patient_kana", dbres_get(res, i, EMERGENCY_LIST_PATIENT_KANA));
		if (handle_from(r, &hs, dbres_ll(res, i, EMERGENCY_LIST_PATIENT_ID), h,
		    sizeof(h)) == 0)
			vnode_set(n, "handle", h);
		/*
		 * The reason is clinical free text: only the granting facility,
		 * a disclosing facility holding the records, and the operator
		 * read it (A14); staff list grants for the operator, not for
		 * a facility.
		 */
		if (has_role(r, ROLE_OPERATOR) || (has_role(r, ROLES_CLINIC) &&
		    (dbres_ll(res, i, EMERGENCY_LIST_FACILITY_ID) == r->sess->facility_id ||
		    dbres_ll(res, i, EMERGENCY_LIST_HELD_HERE))))
			vnode_set(n, "reason", dbres_get(res, i, EMERGENCY_LIST_REASON_TEXT));
		else
			vnode_set(n, "reason_hidden", "1");
		if (dbres_ll(res, i, EMERGENCY_LIST_EXPIRES_AT) > t)
			vnode_set(n, "running", "1");
		fmt_jst(d, sizeof(d), dbres_ll(res, i, EMERGENCY_LIST_FOLLOWUP_DUE), "%Y-%m-%d %H:%M");
		vnode_set(n, "due", d);
		if (str_eq(dbres_get(res, i, EMERGENCY_LIST_FOLLOWUP_STATUS), "open") && dbres_ll(res, i, EMERGENCY_LIST_FOLLOWUP_DUE) < t)
			vnode_set(n, "overdue", "1");
		/* Who may close the follow-up: the requester, their manager, the operator. */
		if (str_eq(dbres_get(res, i, EMERGENCY_LIST_FOLLOWUP_STATUS), "open") &&
		    (has_role(r, ROLE_OPERATOR) || dbres_ll(res, i, EMERGENCY_LIST_USER_ID) == r->sess->user_id ||
		    has_role(r, ROLE_FACILITY_MANAGER)))
			vnode_set(n, "can_close", "1");
	}
	view_set_int("EmergencyList_n", (long long)res->nrows);
	handles_free(&hs);
	dbres_free(res);
	return 0;
}

static void
emergency_form(struct req *r, int status)
{
	static const char *const keep[] = { "kana", "birth_date", "sex",
	    "facility_code", "local_id", "category", "reason" };

	view_set("Page.title", lang("emergency.title"));
	view_set_int("Emergency.hours", cfg.emergency_hours);
	view_set_int("Emergency.days", cfg.emergency_followup_days);
	form_keep(r, "Form", keep, NITEMS(keep));
	if (!may_use(r))
		view_set("Emergency.not_allowed", "1");
	static const char *const cols[FACILITY_MEMBERS__NCOLS] = {
	    [FACILITY_MEMBERS_CODE] = "code",
	    [FACILITY_MEMBERS_NAME] = "name",
	    [FACILITY_MEMBERS_DISCLOSING] = "disclosing" };
	struct dbres *f = db_query(STMT_FACILITY_MEMBERS, "");
	view_rows("Facilities", f, cols, NITEMS(cols));
	dbres_free(f);
	if (list_view(r) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	http_page(r, status, "emergency.cs");
}

/* GET /emergency: the request form, and this user's grants and follow-ups. */
void
page_emergency(struct req *r)
{
	form_flash(r, "emergency");
	emergency_form(r, 200);
}

/*
 * The one patient the exact identifiers name: by a local ID at a facility,
 * or by kana (normalized), birth date and sex. 0 none, -2 several, -1 db.
 */
static long long
find_exact(const struct req *r)
{
	const char	*code = param(r, "facility_code"), *local = param(r, "local_id");
	struct dbres	*res;
	char		 key[256];
	long long	 id = 0;

	if (!form_empty(code) && !form_empty(local))
		res = db_query(STMT_EMERGENCY_FIND_LOCAL, "ss", code, local);
	else if (kana_normalize(param(r, "kana"), key, sizeof(key)) == 0)
		res = db_query(STMT_PATIENT_MATCH, "sss", key,
		    param(r, "birth_date"), param(r, "sex"));
	else
		return 0;
	if (res == NULL)
		return -1;
	if (res->nrows > 1)
		id = -2;
	else if (res->nrows == 1)
		id = dbres_ll(res, 0, PATIENT_MATCH_ID);
	dbres_free(res);
	return id;
}

static int
category_ok(const char *c)
{
	for (size_t i = 0; i < sizeof(categories) / sizeof(categories[0]); i++)
		if (str_eq(c, categories[i]))
			return 1;
	return 0;
}

/* Tells the operator and the managers of every facility holding records. */
static int
notify_grant(long long grant, long long patient)
{
	struct dbres	*res;
	int		 rc = 0;

	if (db_exec(STMT_NOTIFY_INSERT, "sissi", "operator", 0LL,
	    "emergency.grant", "emergency_access", grant) < 0)
		return -1;
	if ((res = db_query(STMT_ACCESS_LINKED, "i", patient)) == NULL)
		return -1;
	for (size_t i = 0; i < res->nrows && rc == 0; i++)
		if (db_exec(STMT_NOTIFY_INSERT, "sissi", "facility_manager",
		    dbres_ll(res, i, ACCESS_LINKED_FACILITY_ID), "emergency.grant", "emergency_access",
		    grant) < 0)
			rc = -1;
	dbres_free(res);
	return rc;
}

/* POST /emergency/start: find exactly, state why, confirm; then the grant. */
void
page_emergency_start(struct req *r)
{
	const char	*cat = param(r, "category"), *reason = param(r, "reason"),
			*bd = param(r, "birth_date");
	long long	 id, t = now_us(), grant;
	int		 bad = 0, by_local;
	char		 h[32], where[96], oid[24];

	if (!may_use(r)) {
		audit(r, &(struct audit_entry){ .action = "emergency.refused",
		    .outcome = "denied", .detail = "profession" });
		http_error(r, 403, "emergency_profession", NULL);
		return;
	}
	by_local = !form_empty(param(r, "facility_code")) ||
	    !form_empty(param(r, "local_id"));
	if (by_local) {
		if (form_empty(param(r, "facility_code")))
			form_err("emergency", "facility_code", "required"), bad = 1;
		if (form_empty(param(r, "local_id")))
			form_err("emergency", "local_id", "required"), bad = 1;
	} else {
		/* No browsing: all three identifiers, each exact. */
		if (form_empty(param(r, "kana")))
			form_err("emergency", "kana", "required"), bad = 1;
		if (form_empty(bd) || !valid_date(bd))
			form_err("emergency", "birth_date", "date"), bad = 1;
		if (form_empty(param(r, "sex")) || strchr("MFOU",
		    param(r, "sex")[0]) == NULL)
			form_err("emergency", "sex", "choose"), bad = 1;
	}
	if (!category_ok(cat))
		form_err("emergency", "category", "choose"), bad = 1;
	if (form_empty(reason))
		form_err("emergency", "reason", "required"), bad = 1;
	if (!str_eq(param(r, "confirm"), "1"))
		form_err("emergency", "confirm", "confirm"), bad = 1;
	if (bad) {
		emergency_form(r, 422);
		return;
	}
	if ((id = find_exact(r)) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (id <= 0) {
		/* Say nothing about who exists: not found and ambiguous alike. */
		audit(r, &(struct audit_entry){ .action = "emergency.search",
		    .outcome = "denied", .detail = id == 0 ? "none" : "several" });
		form_err("emergency", by_local ? "local_id" : "kana",
		    id == 0 ? "not_found" : "several");
		emergency_form(r, 404);
		return;
	}
	struct access a;
	if (access_load(&a, id, 0, 0) != 0) {
		access_free(&a);
		http_error(r, 503, "db", NULL);
		return;
	}
	int closed = a.merged || a.f.deceased_at != 0;
	access_free(&a);
	if (closed) {
		http_error(r, 409, "patient_inactive", NULL);
		return;
	}
	if (form_begin(r) == -1)
		return;
	long long secs = t / 1000000;
	if (db_exec(STMT_EMERGENCY_INSERT, "iiissiiii", id, r->sess->user_id,
	    r->sess->facility_id, cat, reason, secs, t % 1000000,
	    secs + cfg.emergency_hours * 3600LL,
	    secs + cfg.emergency_followup_days * 86400LL) != 1) {
		form_db_fail(r);
		return;
	}
	grant = (long long)db_last_id();
	snprintf(oid, sizeof(oid), "%lld", grant);
	if (notify_grant(grant, id) == -1 ||
	    audit(r, &(struct audit_entry){ .action = "emergency.grant",
	    .object_type = "emergency_access", .object_id = oid, .patient_id = id,
	    .purpose = "emergency", .detail = cat }) != 0 ||
	    db_commit() != DB_OK) {
		form_db_fail(r);
		return;
	}
	if (handle_for(r, id, h, sizeof(h)) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	str_fmt(where, sizeof(where), "/records/patient?p=%s&purpose=emergency", h);
	http_redirect(r, where);
}

/* GET /emergency/list: every grant the reader may see, to review and follow up. */
void
page_emergency_list(struct req *r)
{
	view_set("Page.title", lang("emergency.list_title"));
	form_flash(r, "emergency");
	view_set("Can.review", has_role(r, ROLE_OPERATOR) ? "1" : "");
	if (list_view(r) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	audit(r, &(struct audit_entry){ .action = "emergency.list",
	    .object_type = "emergency_access" });
	http_page(r, 200, "emergency_list.cs");
}

/* POST /emergency/review: the operator finds a grant appropriate or improper. */
void
page_emergency_review(struct req *r)
{
	const char	*dec = param(r, "decision"), *note = param(r, "note");
	long long	 id = form_ll(r, "id"), ver = form_ll(r, "version");
	struct dbres	*g;
	int		 rc;

	if (!str_eq(dec, "appropriate") && !str_eq(dec, "improper")) {
		http_error(r, 400, "type", "decision");
		return;
	}
	if (str_eq(dec, "improper") && form_empty(note)) {
		http_error(r, 400, "required", "note");
		return;
	}
	if ((g = row_load(r, STMT_EMERGENCY_GET, "i", id)) == NULL)
		return;
	long long pid = dbres_ll(g, 0, EMERGENCY_GET_PATIENT_ID), user = dbres_ll(g, 0, EMERGENCY_GET_USER_ID),
	    fac = dbres_ll(g, 0, EMERGENCY_GET_FACILITY_ID);
	dbres_free(g);
	if (form_begin(r) == -1)
		return;
	rc = db_exec(STMT_EMERGENCY_REVIEW, "sisii", dec, r->sess->user_id, note,
	    id, ver);
	if (form_one(r, rc) != 0)
		return;
	/* An improper emergency access is misuse: it joins the warning ladder. */
	char key[64], what[48];
	snprintf(key, sizeof(key), "emergency_improper:%lld", id);
	snprintf(what, sizeof(what), "emergency_access %lld", id);
	if (str_eq(dec, "improper") &&
	    misuse_raise("emergency_improper", user, fac, key, 1, what) < 0) {
		form_db_fail(r);
		return;
	}
	char oid[24];
	snprintf(oid, sizeof(oid), "%lld", id);
	if (form_commit(r, &(struct audit_entry){
	    .action = str_eq(dec, "improper") ? "emergency.improper" :
	    "emergency.appropriate", .object_type = "emergency_access",
	    .object_id = oid, .patient_id = pid, .detail = note }) == -1)
		return;
	http_redirect(r, "/emergency/list?m=reviewed");
}

/*
 * POST /emergency/followup: closes the follow-up with the reason consent
 * cannot be obtained (the patient died, cannot decide and has no proxy...).
 * The requester, a manager of their facility, or the operator.
 */
void
page_emergency_followup(struct req *r)
{
	const char	*note = param(r, "note");
	long long	 id = form_ll(r, "id"), ver = form_ll(r, "version");
	struct dbres	*g;
	int		 rc;

	if (form_empty(note)) {
		http_error(r, 400, "required", "note");
		return;
	}
	if ((g = db_query(STMT_EMERGENCY_GET, "i", id)) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	int mine = g->nrows == 1 && (has_role(r, ROLE_OPERATOR) ||
	    dbres_ll(g, 0, EMERGENCY_GET_USER_ID) == r->sess->user_id ||
	    (has_role(r, ROLE_FACILITY_MANAGER) && dbres_ll(g, 0, EMERGENCY_GET_FACILITY_ID) ==
	    r->sess->facility_id));
	long long pid = g->nrows == 1 ? dbres_ll(g, 0, EMERGENCY_GET_PATIENT_ID) : 0;
	dbres_free(g);
	if (!mine) {
		http_error(r, 404, NULL, NULL);
		return;
	}
	if (form_begin(r) == -1)
		return;
	rc = db_exec(STMT_EMERGENCY_FOLLOWUP_CLOSE, "ssiii", "cannot", note,
	    r->sess->user_id, id, ver);
	if (form_one(r, rc) != 0)
		return;
	char oid[24];
	snprintf(oid, sizeof(oid), "%lld", id);
	if (form_commit(r, &(struct audit_entry){
	    .action = "emergency.followup_closed", .object_type = "emergency_access",
	    .object_id = oid, .patient_id = pid, .detail = note }) == -1)
		return;
	http_redirect(r, has_role(r, ROLE_OPERATOR | ROLE_FACILITY_MANAGER) ?
	    "/emergency/list?m=closed" : "/emergency?m=closed");
}
