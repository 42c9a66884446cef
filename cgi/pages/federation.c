/*
 * federation.c: agreements (協定書) with other regional networks and
 * the points where the two networks' rules differ (A18); the facilities
 * list with out-of-region clinics marked (A18.3). The operator edits; the
 * president and the council's staff read.
 */
#include <stdio.h>
#include <string.h>

#include "base/config.h"
#include "base/util.h"
#include "db/db.h"
#include "pages/agenda.h"
#include "pages/pages.h"
#include "rules/agenda.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/form.h"
#include "web/render.h"
#include "web/rows.h"
#include "web/session.h"

const struct field f_federation[] = {
	{ "m", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};
const struct field f_federation_new[] = {
	{ "partner", FT_TEXT, 200 },
	{ "signed_on", FT_DATE, 10 },
	{ "note", FT_LINES, 2000 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_federation_view[] = {
	{ "id", FT_INT, 20 },
	{ "m", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};
const struct field f_federation_edit[] = {
	{ "id", FT_INT, 20 },
	{ "version", FT_INT, 10 },
	{ "partner", FT_TEXT, 200 },
	{ "signed_on", FT_DATE, 10 },
	{ "status", FT_TOKEN, 16 },
	{ "note", FT_LINES, 2000 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_federation_point[] = {
	{ "id", FT_INT, 20 },
	{ "version", FT_INT, 10 },
	{ "point", FT_INT, 20 },
	{ "topic", FT_TEXT, 200 },
	{ "ours", FT_LINES, 1000 },
	{ "theirs", FT_LINES, 1000 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};


static int
is_operator(const struct req *r)
{
	return (r->sess->roles & ROLE_OPERATOR) != 0;
}

/* GET /federation: every agreement, active ones first. */
void
page_federation(struct req *r)
{
	static const char *const cols[AGREEMENT_LIST__NCOLS] = {
	    [AGREEMENT_LIST_ID] = "id", [AGREEMENT_LIST_PARTNER] = "partner",
	    [AGREEMENT_LIST_SIGNED_ON] = "signed_on",
	    [AGREEMENT_LIST_STATUS] = "status",
	    [AGREEMENT_LIST_POINTS] = "points",
	    [AGREEMENT_LIST_VERSION] = "version" };
	struct dbres	*res;

	if ((res = db_query(STMT_AGREEMENT_LIST, "")) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	view_set_int("Agreements_n", (long long)view_rows("Agreements", res, cols, NITEMS(cols)));
	dbres_free(res);
	if (is_operator(r))
		view_set("Can.edit", "1");
	form_flash(r, "fed");
	view_set("Page.title", lang("fed.title"));
	http_page(r, 200, "federation_list.cs");
}

/* POST /federation/new: a draft agreement; the partner is required. */
void
page_federation_new(struct req *r)
{
	long long	 id;

	if (form_empty(param(r, "partner"))) {
		form_err("fed", "partner", "partner");
		view_set("Form.signed_on", param(r, "signed_on"));
		view_set("Form.note", param(r, "note"));
		page_federation(r);
		if (r->status == 200)
			r->status = 422;
		return;
	}
	if (db_begin() != DB_OK || db_exec(STMT_AGREEMENT_INSERT, "sssii",
	    param(r, "partner"), param(r, "signed_on"), param(r, "note"),
	    r->sess->user_id, (long long)now()) != 1) {
		form_db_fail(r);
		return;
	}
	id = (long long)db_last_id();
	/* A19, A18: the council decides the agreement: an item on its agenda. */
	char title[300];
	long long item;
	str_fmt(title, sizeof(title), "%s%s", lang("agenda.title_federation"),
	    param(r, "partner"));
	if (agenda_file("federation", title, param(r, "note"), id, 0,
	    r->sess->user_id, &item) == -1 ||
	    db_exec(STMT_AGREEMENT_SET_ITEM, "ii", item, id) != 1) {
		form_db_fail(r);
		return;
	}
	form_commit_go(r, "agreement.create", "agreement", id, NULL,
	    "/federation/view?id=%lld&m=created", id);
}

/*
 * Loads agreement ?id= into Agreement.* and its points into Points.*.
 * Returns the result (the caller frees) or NULL with a page sent.
 */
static struct dbres *
agreement_load(struct req *r)
{
	static const char *const cols[AGREEMENT_GET__NCOLS] = {
	    [AGREEMENT_GET_ID] = "id", [AGREEMENT_GET_PARTNER] = "partner",
	    [AGREEMENT_GET_SIGNED] = "signed_on",
	    [AGREEMENT_GET_STATUS] = "status", [AGREEMENT_GET_NOTE] = "note",
	    [AGREEMENT_GET_CREATOR] = "creator",
	    [AGREEMENT_GET_UPDATER] = "updater",
	    [AGREEMENT_GET_VERSION] = "version",
	    [AGREEMENT_GET_POINTS] = "points",
	    [AGREEMENT_GET_CREATED] = ROW_TIME("created"),
	    [AGREEMENT_GET_UPDATED] = ROW_TIME("updated") };
	static const char *const pcols[AGREEMENT_POINTS__NCOLS] = {
	    [AGREEMENT_POINTS_ID] = "id",
	    [AGREEMENT_POINTS_TOPIC] = "topic",
	    [AGREEMENT_POINTS_OURS] = "ours",
	    [AGREEMENT_POINTS_THEIRS] = "theirs",
	    [AGREEMENT_POINTS_ADDER_NAME] = "added_by",
	    [AGREEMENT_POINTS_REMOVER_NAME] = "removed_by",
	    [AGREEMENT_POINTS_ADDED_AT] = ROW_TIME("added"),
	    [AGREEMENT_POINTS_REMOVED_AT] = ROW_TIME("removed") };
	struct dbres	*a, *p;
	long long	 id = form_ll(r, "id");

	if ((a = row_by_id(r, STMT_AGREEMENT_GET, id)) == NULL)
		return NULL;
	vnode_row(view_node("Agreement"), a, 0, cols, NITEMS(cols));
	if ((p = db_query(STMT_AGREEMENT_POINTS, "i", id)) == NULL) {
		dbres_free(a);
		http_error(r, 503, "db", NULL);
		return NULL;
	}
	view_set_int("Points_n", (long long)view_rows("Points", p, pcols,
	    NITEMS(pcols)));
	dbres_free(p);
	return a;
}

static void
view_page(struct req *r, int status)
{
	/* A19: what the council decided on it (its agenda item). */
	agenda_agreement_view(form_ll(r, "id"));
	if (is_operator(r) && !str_eq(view_get("Agreement.status"), "ended"))
		view_set("Can.edit", "1");
	view_set("Page.title", lang("fed.view_title"));
	http_page(r, status, "federation_view.cs");
}

/* GET /federation/view */
void
page_federation_view(struct req *r)
{
	struct dbres	*a;

	if ((a = agreement_load(r)) == NULL)
		return;
	dbres_free(a);
	if (audit(r, &(struct audit_entry){ .action = "agreement.view",
	    .object_type = "agreement", .object_id = param(r, "id") }) != 0) {
		http_error(r, 503, "db", NULL);
		return;
	}
	form_flash(r, "fed");
	view_page(r, 200);
}

/*
 * Whether status may follow cur: draft -> active -> ended, a draft may
 * also be abandoned as ended; an ended agreement stays ended.
 */
static int
status_ok(const char *cur, const char *to)
{
	if (str_eq(cur, to))
		return !str_eq(cur, "ended");
	if (str_eq(cur, "draft"))
		return str_eq(to, "active") || str_eq(to, "ended");
	return str_eq(cur, "active") && str_eq(to, "ended");
}

/*
 * POST /federation/edit: partner, signed day, status, note with the
 * version seen (409 when another save came first). An active agreement
 * needs its signed day and at least one point.
 */
void
page_federation_edit(struct req *r)
{
	struct dbres	*a;
	const char	*to = param(r, "status");
	long long	 id = form_ll(r, "id"), ver = form_ll(r, "version");
	char		 detail[48];
	int		 bad = 0;

	if (ver <= 0) {
		http_error(r, 400, "type", "version");
		return;
	}
	if (!str_eq(to, "draft") && !str_eq(to, "active") && !str_eq(to, "ended")) {
		http_error(r, 400, "type", "status");
		return;
	}
	if ((a = agreement_load(r)) == NULL)
		return;
	const char *cur = view_get("Agreement.status");
	long long points = dbres_ll(a, 0, AGREEMENT_GET_POINTS);
	long long have = dbres_ll(a, 0, AGREEMENT_GET_VERSION);
	dbres_free(a);
	if (have != ver) {
		form_stale(r);
		return;
	}
	if (str_eq(cur, "ended")) {	/* a record of the past: no longer edited */
		view_set("Error.why", lang("fed.why_ended"));
		http_error(r, 409, NULL, NULL);
		return;
	}
	if (!status_ok(cur, to))
		form_err("fed", "status", "transition"), bad++;
	if (form_empty(param(r, "partner")))
		form_err("fed", "partner", "partner"), bad++;
	if (str_eq(to, "active") && form_empty(param(r, "signed_on")))
		form_err("fed", "signed_on", "signed_on"), bad++;
	if (str_eq(to, "active") && points == 0)
		form_err("fed", "status", "no_points"), bad++;
	if (bad > 0) {
		view_set("Form.partner", param(r, "partner"));
		view_set("Form.signed_on", param(r, "signed_on"));
		view_set("Form.status", to);
		view_set("Form.note", param(r, "note"));
		view_set("Form.kept", "1");
		view_page(r, 422);
		return;
	}
	if (db_begin() != DB_OK) {
		form_db_fail(r);
		return;
	}
	if (form_one(r, db_exec(STMT_AGREEMENT_UPDATE, "ssssiiii", param(r, "partner"),
	    param(r, "signed_on"), to, param(r, "note"), r->sess->user_id,
	    (long long)now(), id, ver)) != 0)
		return;
	str_fmt(detail, sizeof(detail), "%s>%s", cur, to);
	form_commit_go(r, "agreement.edit", "agreement", id, detail,
	    "/federation/view?id=%lld&m=saved", id);
}

/*
 * The agreement's version moves with every change of its points, so two
 * operators editing at once get a 409 rather than a silent mix. Returns
 * 1, 0 (stale or ended), -1 (db).
 */
static int
agreement_touch(const struct req *r, long long id, long long ver)
{
	return db_exec(STMT_AGREEMENT_TOUCH, "iiii", r->sess->user_id,
	    (long long)now(), id, ver);
}

/* POST /federation/point/add: one point where the two rules differ. */
void
page_federation_point_add(struct req *r)
{
	struct dbres	*a;
	long long	 id = form_ll(r, "id"), ver = form_ll(r, "version");
	int		 bad = 0, rc;

	if (ver <= 0) {
		http_error(r, 400, "type", "version");
		return;
	}
	if (form_empty(param(r, "topic")))
		form_err("fed", "topic", "topic"), bad++;
	if (form_empty(param(r, "ours")))
		form_err("fed", "ours", "ours"), bad++;
	if (form_empty(param(r, "theirs")))
		form_err("fed", "theirs", "theirs"), bad++;
	if (bad > 0) {
		if ((a = agreement_load(r)) == NULL)
			return;
		dbres_free(a);
		view_set("Form.topic", param(r, "topic"));
		view_set("Form.ours", param(r, "ours"));
		view_set("Form.theirs", param(r, "theirs"));
		view_page(r, 422);
		return;
	}
	if (db_begin() != DB_OK) {
		form_db_fail(r);
		return;
	}
	if ((rc = agreement_touch(r, id, ver)) == 0) {
		form_stale(r);
		return;
	}
	if (rc != 1 || db_exec(STMT_AGREEMENT_POINT_ADD, "isssii", id,
	    param(r, "topic"), param(r, "ours"), param(r, "theirs"),
	    r->sess->user_id, (long long)now()) != 1) {
		form_db_fail(r);
		return;
	}
	form_commit_go(r, "agreement.point_add", "agreement", id,
	    param(r, "topic"),
	    "/federation/view?id=%lld&m=point_added", id);
}

/* POST /federation/point/remove: marks a point removed; the row stays. */
void
page_federation_point_remove(struct req *r)
{
	long long	 id = form_ll(r, "id"), ver = form_ll(r, "version"),
			 point = form_ll(r, "point");
	char		 detail[32];
	int		 rc;

	if (ver <= 0 || point <= 0) {
		http_error(r, 400, "type", ver <= 0 ? "version" : "point");
		return;
	}
	if (db_begin() != DB_OK) {
		form_db_fail(r);
		return;
	}
	if ((rc = agreement_touch(r, id, ver)) == 0) {
		form_stale(r);
		return;
	}
	if (rc != 1) {
		form_db_fail(r);
		return;
	}
	rc = db_exec(STMT_AGREEMENT_POINT_REMOVE, "iiii", r->sess->user_id,
	    (long long)now(), point, id);
	if (form_one(r, rc) != 0)	/* 409: not this agreement's, or already removed */
		return;
	str_fmt(detail, sizeof(detail), "point %lld", point);
	form_commit_go(r, "agreement.point_remove", "agreement", id, detail,
	    "/federation/view?id=%lld&m=point_removed", id);
}

/* GET /facilities: every facility; out-of-region clinics (A18.3) marked. */
void
page_facilities(struct req *r)
{
	static const char *const cols[FACILITY_LIST__NCOLS] = {
	    [FACILITY_LIST_ID] = "id", [FACILITY_LIST_CODE] = "code",
	    [FACILITY_LIST_NAME] = "name", [FACILITY_LIST_KIND] = "kind",
	    [FACILITY_LIST_IN_REGION] = "in_region",
	    [FACILITY_LIST_STATUS] = "status",
	    [FACILITY_LIST_DISCLOSING] = "disclosing",
	    [FACILITY_LIST_VIEWING] = "viewing",
	    [FACILITY_LIST_VERSION] = "version", [FACILITY_LIST_USERS] = "users" };
	struct dbres	*res;
	size_t		 out = 0;

	if ((res = db_query(STMT_FACILITY_LIST, "")) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	view_set_int("Facilities_n", (long long)view_rows("Facilities", res, cols, NITEMS(cols)));
	for (size_t i = 0; i < res->nrows; i++)
		out += str_eq(dbres_get(res, i, FACILITY_LIST_IN_REGION), "0");
	view_set_int("Facilities_out", (long long)out);
	dbres_free(res);
	if (is_operator(r))
		view_set("Can.edit", "1");
	form_flash(r, "fed");
	view_set("Page.title", lang("fed.facilities_title"));
	http_page(r, 200, "federation_facilities.cs");
}
