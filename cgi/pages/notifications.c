/*
 * notifications.c: the queue of what the operator and a facility's managers
 * are told at once (an emergency access (A14), a link request (A12), a
 * misuse alert (A4.2), an incident (A8.5)), and the president what waits
 * for a decision (issue 20), read by its whole audience.
 */
#include "base/util.h"
#include "db/db.h"
#include "pages/pages.h"
#include "web/app.h"
#include "web/form.h"
#include "web/render.h"
#include "web/rows.h"
#include "web/session.h"

const struct field f_notifications_read[] = {
	{ "id", FT_INT, 20 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};

/* GET /notifications: the operator's or this facility's managers' queue. */
void
page_notifications(struct req *r)
{
	struct dbres	*res;
	long long	 op = has_role(r, ROLES_OFFICE),
			 fm = has_role(r, ROLE_FACILITY_MANAGER),
			 pres = has_role(r, ROLE_PRESIDENT);

	view_set("Page.title", lang("notify.title"));
	/* Issue 19: a user's own notes (access ended, certificate, follow-ups). */
	if (has_role(r, ROLES_CLINIC)) {
		messages_count_view(r);
		if (day_notes(r) == -1) {
			http_error(r, 503, "db", NULL);
			return;
		}
	}
	if (!op && !fm && !pres) {
		http_page(r, 200, "notifications.cs");
		return;
	}
	if ((res = db_query(STMT_NOTIFY_LIST, "iiii", op, r->sess->facility_id,
	    fm, pres)) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	for (size_t i = 0; i < res->nrows; i++) {
		static const char *const cols[NOTIFY_LIST__NCOLS] = {
		    [NOTIFY_LIST_ID] = "id",
		    [NOTIFY_LIST_KIND] = "kind",
		    [NOTIFY_LIST_OBJECT_TYPE] = "object_type",
		    [NOTIFY_LIST_OBJECT_ID] = "object_id",
		    [NOTIFY_LIST_CREATED_AT] = ROW_TIME("when") };
		struct vnode *n = view_row("Notes", res, i, cols, NITEMS(cols));
		vnode_set(n, "read", dbres_ll(res, i, NOTIFY_LIST_READ) ? "1" : "");
		vnode_set(n, "login", dbres_get(res, i, NOTIFY_LIST_LOCKOUT_LOGIN));	/* a lockout's account */
	}
	view_set_int("Notes_n", (long long)res->nrows);
	dbres_free(res);
	http_page(r, 200, "notifications.cs");
}

/* POST /notifications/read: marks one read for its whole audience. */
void
page_notification_read(struct req *r)
{
	long long	 op = has_role(r, ROLES_OFFICE),
			 fm = has_role(r, ROLE_FACILITY_MANAGER),
			 pres = has_role(r, ROLE_PRESIDENT);

	if (db_exec(STMT_NOTIFY_READ, "iiiiii", r->sess->user_id, form_ll(r, "id"),
	    op, r->sess->facility_id, fm, pres) < 0) {
		http_error(r, 503, "db", NULL);
		return;
	}
	http_redirect(r, "/notifications");
}

/* The unread count for the home page and the header. */
void
notifications_count_view(const struct req *r)
{
	struct dbres	*res;
	long long	 op = has_role(r, ROLES_OFFICE),
			 fm = has_role(r, ROLE_FACILITY_MANAGER),
			 pres = has_role(r, ROLE_PRESIDENT);

	if (!op && !fm && !pres)
		return;
	if ((res = db_query(STMT_NOTIFY_UNREAD, "iiii", op, r->sess->facility_id,
	    fm, pres)) == NULL)
		return;
	view_set_int("Notify.unread", dbres_ll(res, 0, NOTIFY_UNREAD_N));
	dbres_free(res);
}
