/*
 * todo.c: the home page's "対応が必要なこと" card (issue 20): for the
 * operator, the president, staff, the desk and a facility's manager, how
 * many of each thing wait for them, each linking to its list. A count of
 * zero is left out; nothing waiting says so in one line.
 */
#include "base/config.h"
#include "base/util.h"
#include "db/db.h"
#include "pages/pages.h"
#include "web/app.h"
#include "web/render.h"
#include "web/session.h"

/* Who waits on what: the column, who sees it, the name (L.todo.<key>), its list. */
struct todo {
	size_t		 col;
	unsigned int	 roles;
	const char	*key;
	const char	*href;
};

static const struct todo network[] = {
	{ TODO_NETWORK_TO_DECIDE, ROLE_PRESIDENT, "to_decide", "/applications" },
	{ TODO_NETWORK_MISUSE_REPORTS, ROLE_PRESIDENT, "misuse_reports", "/misuse/reports" },
	{ TODO_NETWORK_CONSENTS, ROLES_OFFICE, "consents", "/consents/queue" },
	{ TODO_NETWORK_CERTS, ROLE_OPERATOR, "certs", "/admin/certs#cert-waiting" },
	{ TODO_NETWORK_TO_ONBOARD, ROLE_OPERATOR, "to_onboard", "/applications" },
	{ TODO_NETWORK_EMERGENCY_REVIEW, ROLE_OPERATOR, "emergency_review", "/emergency/list" },
	{ TODO_NETWORK_FOLLOWUPS_OVERDUE, ROLES_OFFICE, "followups_overdue", "/emergency/list" },
	{ TODO_NETWORK_MISUSE_ALERTS, ROLES_OFFICE, "misuse_alerts", "/misuse" },
	{ TODO_NETWORK_INCIDENTS, ROLE_OPERATOR, "incidents", "/incidents" },
	{ TODO_NETWORK_FACILITY_REPORTS, ROLE_OPERATOR, "facility_reports", "/facility/reports" },
	{ TODO_NETWORK_LINK_REQUESTS, ROLES_OFFICE, "link_requests", "/links/requests" },
	{ TODO_NETWORK_QUARANTINED, ROLES_OFFICE, "quarantined", "/admin/imports#quarantine" },
	{ TODO_NETWORK_COMPLAINTS_OVERDUE, ROLES_DESK | ROLE_PRESIDENT, "complaints_overdue",
	  "/desk/complaints?status=overdue" },
};

static const struct todo facility[] = {
	{ TODO_FACILITY_MISUSE_ALERTS, ROLE_FACILITY_MANAGER, "fm_misuse_alerts", "/misuse" },
	{ TODO_FACILITY_INCIDENTS, ROLE_FACILITY_MANAGER, "fm_incidents", "/incidents" },
	{ TODO_FACILITY_FOLLOWUPS_OVERDUE, ROLE_FACILITY_MANAGER, "fm_followups_overdue",
	  "/emergency/list" },
	{ TODO_FACILITY_DRAFTS, ROLE_FACILITY_MANAGER, "fm_drafts", "/applications" },
};

/* Adds the nonzero counts of res that this user's roles see as Todo.N; the next N. */
static size_t
todo_add(const struct req *r, const struct dbres *res, const struct todo *t,
    size_t nt, size_t n)
{
	char	 k[24];

	for (size_t i = 0; i < nt; i++) {
		long long c = dbres_ll(res, 0, t[i].col);
		if (!(r->sess->roles & t[i].roles) || c <= 0)
			continue;
		str_fmt(k, sizeof(k), "Todo.%zu", n++);
		struct vnode *v = view_node(k);
		vnode_set(v, "key", t[i].key);
		vnode_set_int(v, "n", c);
		vnode_set(v, "href", t[i].href);
	}
	return n;
}

void
todo_view(const struct req *r)
{
	struct dbres	*res;
	char		 day[11];
	long long	 t = now();
	size_t		 n = 0;

	if (r->sess == NULL || !(r->sess->roles & (ROLES_COUNCIL | ROLE_DESK |
	    ROLE_FACILITY_MANAGER)))
		return;
	view_set("Todo_shown", "1");
	today(day);
	if ((r->sess->roles & (ROLES_COUNCIL | ROLE_DESK)) &&
	    (res = db_query(STMT_TODO_NETWORK, "iis", t, t, day)) != NULL) {
		n = todo_add(r, res, network, NITEMS(network), n);
		dbres_free(res);
	}
	if ((r->sess->roles & ROLE_FACILITY_MANAGER) &&
	    (res = db_query(STMT_TODO_FACILITY, "iiiii", r->sess->facility_id,
	    r->sess->facility_id, r->sess->facility_id, t, r->sess->user_id)) != NULL) {
		n = todo_add(r, res, facility, NITEMS(facility), n);
		dbres_free(res);
	}
	view_set_int("Todo_n", (long long)n);
}
