/*
 * maint.c: the operator's maintenance page (A15): planned windows
 * announced ahead, cancelled if plans change, and the unplanned switch.
 */
#include <stdio.h>
#include <string.h>

#include "base/config.h"
#include "base/util.h"
#include "db/db.h"
#include "pages/pages.h"
#include "rules/maint.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/form.h"
#include "web/render.h"
#include "web/rows.h"
#include "web/session.h"

const struct field f_maint[] = {
	{ "m", FT_TOKEN, 24 },
	{ NULL, 0, 0 }
};
const struct field f_maint_new[] = {
	{ "title", FT_TEXT, 200 },
	{ "starts", FT_TEXT, 16 },
	{ "ends", FT_TEXT, 16 },
	{ "announce_days", FT_INT, 3 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_maint_cancel[] = {
	{ "id", FT_INT, 20 },
	{ "version", FT_INT, 10 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_maint_switch[] = {
	{ "on", FT_TOKEN, 1 },
	{ "title", FT_TEXT, 200 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};

static void
maint_page(struct req *r, int status)
{
	static const char *const keep[] = { "title", "starts", "ends",
	    "announce_days" };
	struct dbres	*res;
	char		 d[32];
	long long	 t = now();

	view_set("Page.title", lang("maint.title"));
	form_keep(r, "Form", keep, NITEMS(keep));
	if (param_opt(r, "announce_days") == NULL)
		view_set("Form.announce_days", "7");
	if ((res = db_query(STMT_MAINT_LIST, "")) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	for (size_t i = 0; i < res->nrows; i++) {
		static const char *const cols[MAINT_LIST__NCOLS] = {
		    [MAINT_LIST_ID] = "id",
		    [MAINT_LIST_KIND] = "kind",
		    [MAINT_LIST_TITLE] = "title",
		    [MAINT_LIST_STARTS_AT] = ROW_TIME("starts"),
		    [MAINT_LIST_ENDS_AT] = ROW_TIME("ends"),
		    [MAINT_LIST_ANNOUNCE_FROM] = ROW_TIME("announce") };
		struct vnode *n = view_row("Windows", res, i, cols,
		    NITEMS(cols));
		fmt_jst(d, sizeof(d), dbres_ll(res, i, MAINT_LIST_CANCELLED_AT), "%Y-%m-%d %H:%M");
		vnode_set(n, "cancelled", d);
		vnode_set(n, "by", dbres_get(res, i, MAINT_LIST_NAME));
		vnode_set(n, "version", dbres_get(res, i, MAINT_LIST_VERSION));
		int over = dbres_ll(res, i, MAINT_LIST_ENDS_AT) != 0 && dbres_ll(res, i, MAINT_LIST_ENDS_AT) <= t;
		vnode_set(n, "state", dbres_get(res, i, MAINT_LIST_CANCELLED_AT) ? "cancelled" : over ?
		    "over" : dbres_ll(res, i, MAINT_LIST_STARTS_AT) <= t ? "running" : "planned");
	}
	view_set_int("Windows_n", (long long)res->nrows);
	dbres_free(res);
	view_set("Can.edit", (r->sess->roles & ROLE_OPERATOR) ? "1" : "");
	http_page(r, status, "maint.cs");
}

/* GET /admin/maintenance */
void
page_maint(struct req *r)
{
	form_flash(r, "maint");
	maint_page(r, 200);
}

/* POST /admin/maintenance/new: a planned window, announced days ahead. */
void
page_maint_new(struct req *r)
{
	long long	 s = jst_datetime(param(r, "starts")),
			 e = jst_datetime(param(r, "ends")),
			 days = form_ll(r, "announce_days"), t = now();
	int		 bad = 0;

	if (form_empty(param(r, "title")))
		form_err("maint", "title", "required"), bad = 1;
	if (s < 0 || s <= t)
		form_err("maint", "starts", "future"), bad = 1;
	if (e < 0 || e <= s)
		form_err("maint", "ends", "after"), bad = 1;
	if (days < 0 || days > 90)
		form_err("maint", "announce_days", "days"), bad = 1;
	if (bad) {
		maint_page(r, 422);
		return;
	}
	long long from = s - days * 86400 < t ? t : s - days * 86400;
	if (db_begin() != DB_OK || db_exec(STMT_MAINT_INSERT, "ssiiiii",
	    "planned", param(r, "title"), s, e, e, from, r->sess->user_id) != 1) {
		form_db_fail(r);
		return;
	}
	form_commit_go(r, "maintenance.plan", "maintenance", (long long)db_last_id(),
	    param(r, "title"), "/admin/maintenance?m=planned");
}

/* POST /admin/maintenance/cancel: a planned window that will not happen. */
void
page_maint_cancel(struct req *r)
{
	long long	 id = form_ll(r, "id");

	if (form_begin(r) == -1)
		return;
	if (form_one(r, db_exec(STMT_MAINT_CANCEL, "iii", r->sess->user_id, id,
	    form_ll(r, "version"))) != 0)
		return;
	form_commit_go(r, "maintenance.cancel", "maintenance", id, NULL,
	    "/admin/maintenance?m=cancelled");
}

/* POST /admin/maintenance/switch: unplanned maintenance on or off, at once. */
void
page_maint_switch(struct req *r)
{
	int	 on = str_eq(param(r, "on"), "1");

	if (db_begin() != DB_OK || maint_switch(on, param(r, "title"),
	    r->sess->user_id) == -1) {
		form_db_fail(r);
		return;
	}
	form_commit_go(r, on ? "maintenance.on" : "maintenance.off",
	    "maintenance", 0, param(r, "title"), on ?
	    "/admin/maintenance?m=on" : "/admin/maintenance?m=off");
}
