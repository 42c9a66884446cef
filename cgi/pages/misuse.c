/*
 * misuse.c: what the operator does with the rules' alerts (A4.2):
 * dismiss with a reason, give guidance, or warn; a user who goes on after
 * guidance and a warning is proposed for ID revocation (A13.1(3)) in a
 * report the president acknowledges. Facility managers see their users'
 * alerts (A6.2); the operator tunes the rules.
 */
#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "db/db.h"
#include "pages/pages.h"
#include "pki/pki.h"
#include "rules/agenda.h"
#include "rules/misuse.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/form.h"
#include "web/render.h"
#include "web/rows.h"
#include "web/session.h"

const struct field f_misuse[] = {
	{ "status", FT_TOKEN, 16 },
	{ "m", FT_TOKEN, 24 },
	{ NULL, 0, 0 }
};
const struct field f_misuse_decide[] = {
	{ "id", FT_INT, 20 },
	{ "version", FT_INT, 10 },
	{ "decision", FT_TOKEN, 16 },
	{ "note", FT_LINES, 1000 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_misuse_rule[] = {
	{ "code", FT_TOKEN, 32 },
	{ "version", FT_INT, 10 },
	{ "enabled", FT_TOKEN, 1 },
	{ "threshold", FT_INT, 6 },
	{ "window_minutes", FT_INT, 6 },
	{ "param1", FT_INT, 2 },
	{ "param2", FT_INT, 2 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_misuse_report[] = {
	{ "user", FT_INT, 20 },
	{ "propose", FT_TOKEN, 1 },
	{ "summary", FT_LINES, 2000 },
	{ "idem", FT_HEX, 64 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_misuse_ack[] = {
	{ "id", FT_INT, 20 },
	{ "version", FT_INT, 10 },
	{ "note", FT_LINES, 1000 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};


/*
 * A13.1(3): "does not improve after guidance and warnings": a user who has
 * had guidance and a warning, or two warnings, and is caught again.
 */
static int
ladder_exhausted(long long guidance, long long warnings)
{
	return (guidance >= 1 && warnings >= 1) || warnings >= 2;
}

/* GET /misuse: the alerts; the operator decides, managers read their own. */
void
page_misuse(struct req *r)
{
	static const char *const statuses[] = { "", "open", "dismissed",
	    "guidance", "warning" };
	const char	*st = param(r, "status");
	struct dbres	*res;
	long long	 fac = has_role(r, ROLES_OFFICE) ? 0 :
			    r->sess->facility_id;
	char		 idem[65];
	int		 ok = 0;

	if (st == NULL)
		st = "";
	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		ok |= str_eq(st, statuses[i]);
	if (!ok) {
		http_error(r, 400, "type", "status");
		return;
	}
	view_set("Page.title", lang("misuse.title"));
	view_set("Filter.status", st);
	form_flash(r, "misuse");
	if ((res = db_query(STMT_MISUSE_ALERTS, "iiss", fac, fac, st, st)) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	for (size_t i = 0; i < res->nrows; i++) {
		static const char *const cols[MISUSE_ALERTS__NCOLS] = {
		    [MISUSE_ALERTS_ID] = "id", [MISUSE_ALERTS_RULE] = "rule",
		    [MISUSE_ALERTS_USER_ID] = "user_id",
		    [MISUSE_ALERTS_USER_NAME] = "user",
		    [MISUSE_ALERTS_LOGIN] = "login",
		    [MISUSE_ALERTS_FACILITY_NAME] = "facility",
		    [MISUSE_ALERTS_HITS] = "hits",
		    [MISUSE_ALERTS_DETAIL] = "detail",
		    [MISUSE_ALERTS_STATUS] = "status",
		    [MISUSE_ALERTS_DECISION_NOTE] = "note",
		    [MISUSE_ALERTS_VERSION] = "version",
		    [MISUSE_ALERTS_GUIDANCE] = "guidance",
		    [MISUSE_ALERTS_WARNINGS] = "warnings",
		    [MISUSE_ALERTS_USER_STATUS] = "user_status",
		    [MISUSE_ALERTS_CREATED_AT] = ROW_TIME("created") };
		struct vnode *n = view_row("Alerts", res, i,
		    cols, NITEMS(cols));
		if (str_eq(dbres_get(res, i, MISUSE_ALERTS_STATUS), "open") &&
		    ladder_exhausted(dbres_ll(res, i, MISUSE_ALERTS_GUIDANCE), dbres_ll(res, i, MISUSE_ALERTS_WARNINGS)))
			vnode_set(n, "propose", "1");
	}
	view_set_int("Alerts_n", (long long)res->nrows);
	dbres_free(res);
	view_set("Can.decide", has_role(r, ROLE_OPERATOR) ? "1" : "");
	pki_token_hex(idem, sizeof(idem), 32);
	view_set("Form.idem", idem);
	http_page(r, 200, "misuse.cs");
}

/* POST /misuse/decide: dismissed (with why), guidance or warning. */
void
page_misuse_decide(struct req *r)
{
	const char	*dec = param(r, "decision"), *note = param(r, "note");
	long long	 id = form_ll(r, "id"), ver = form_ll(r, "version");
	struct dbres	*a;
	char		 oid[24], detail[64];
	int		 rc;

	if (!str_eq(dec, "dismissed") && !str_eq(dec, "guidance") &&
	    !str_eq(dec, "warning")) {
		http_error(r, 400, "type", "decision");
		return;
	}
	if (form_empty(note)) {
		/* Every outcome says why: the user may ask, the council may read. */
		http_error(r, 400, "required", "note");
		return;
	}
	if ((a = row_load(r, STMT_MISUSE_ALERT_GET, "i", id)) == NULL)
		return;
	snprintf(detail, sizeof(detail), "%s user %s", dec, dbres_get(a, 0, MISUSE_ALERT_GET_USER_ID));
	dbres_free(a);
	if (form_begin(r) == -1)
		return;
	rc = db_exec(STMT_MISUSE_DECIDE, "sisii", dec, r->sess->user_id, note, id,
	    ver);
	if (form_one(r, rc) != 0)
		return;
	snprintf(oid, sizeof(oid), "%lld", id);
	if (form_commit(r, &(struct audit_entry){ .action = "misuse.decide",
	    .object_type = "misuse_alert", .object_id = oid,
	    .detail = detail }) == -1)
		return;
	http_redirect(r, "/misuse?m=decided");
}

/* GET /misuse/rules: each rule's settings. */
void
page_misuse_rules(struct req *r)
{
	struct dbres	*res;

	view_set("Page.title", lang("misuse.rules_title"));
	form_flash(r, "misuse");
	if ((res = db_query(STMT_MISUSE_RULES, "")) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	static const char *const cols[MISUSE_RULES__NCOLS] = {
	    [MISUSE_RULES_CODE] = "code", [MISUSE_RULES_ENABLED] = "enabled",
	    [MISUSE_RULES_THRESHOLD] = "threshold",
	    [MISUSE_RULES_WINDOW_MINUTES] = "window",
	    [MISUSE_RULES_PARAM1] = "param1", [MISUSE_RULES_PARAM2] = "param2",
	    [MISUSE_RULES_VERSION] = "version" };
	view_rows("Rules", res, cols, NITEMS(cols));
	dbres_free(res);
	view_set("Can.edit", has_role(r, ROLE_OPERATOR) ? "1" : "");
	http_page(r, 200, "misuse_rules.cs");
}

/* POST /misuse/rules: one rule's settings, audited with the old version. */
void
page_misuse_rule_save(struct req *r)
{
	long long	 thr = form_ll(r, "threshold"), win = form_ll(r, "window_minutes"),
			 p1 = form_ll(r, "param1"), p2 = form_ll(r, "param2"),
			 ver = form_ll(r, "version");
	char		 detail[160];

	if (thr < 1 || win < 0 || p1 < 0 || p1 > 23 || p2 < 0 || p2 > 24) {
		http_error(r, 400, "type", thr < 1 ? "threshold" : win < 0 ?
		    "window_minutes" : "param1");
		return;
	}
	snprintf(detail, sizeof(detail), "%s enabled=%s threshold=%lld window=%lld"
	    " p1=%lld p2=%lld", param(r, "code"),
	    str_eq(param(r, "enabled"), "1") ? "1" : "0", thr, win, p1, p2);
	if (form_begin(r) == -1)
		return;
	if (form_one(r, db_exec(STMT_MISUSE_RULE_UPDATE, "iiiiiisi",
	    (long long)str_eq(param(r, "enabled"), "1"), thr, win, p1, p2,
	    r->sess->user_id, param(r, "code"), ver)) != 0)
		return;
	if (form_commit(r, &(struct audit_entry){ .action = "misuse.rule",
	    .object_type = "misuse_rule", .object_id = param(r, "code"),
	    .detail = detail }) == -1)
		return;
	http_redirect(r, "/misuse/rules?m=saved");
}

/*
 * The agenda item of report rid on user (A19): titled with the user as the
 * council tells people apart (name and login), in the open transaction.
 */
static int
misuse_report_to_agenda(struct req *r, long long rid, long long user)
{
	struct dbres	*u;
	char		 title[300];
	long long	 item;

	if ((u = db_query(STMT_USER_GET, "i", user)) == NULL)
		return -1;
	if (u->nrows == 0) {
		dbres_free(u);
		return -1;
	}
	str_fmt(title, sizeof(title), "%s%s（%s）", lang("agenda.title_misuse"),
	    dbres_get(u, 0, USER_GET_NAME), dbres_get(u, 0, USER_GET_LOGIN));
	dbres_free(u);
	if (agenda_file("misuse", title, param(r, "summary"), 0, rid,
	    r->sess->user_id, &item) == -1)
		return -1;
	return db_exec(STMT_MISUSE_REPORT_SET_ITEM, "ii", item, rid) == 1 ? 0 : -1;
}

/* POST /misuse/report: the operator reports a user's improper use to the president. */
void
page_misuse_report(struct req *r)
{
	const char	*summary = param(r, "summary"), *idem = param(r, "idem");
	long long	 user = form_ll(r, "user");
	char		 oid[24];

	if (form_empty(summary)) {
		http_error(r, 400, "required", "summary");
		return;
	}
	if (user <= 0) {
		http_error(r, 400, "type", "user");
		return;
	}
	if (form_idem(r, STMT_MISUSE_REPORT_BY_IDEM, idem,
	    "/misuse/reports?m=reported") != 0)
		return;
	if (form_begin(r) == -1)
		return;
	if (db_exec(STMT_MISUSE_REPORT_INSERT, "iisis", user,
	    (long long)str_eq(param(r, "propose"), "1"), summary,
	    r->sess->user_id, idem) != 1) {
		form_db_fail(r);
		return;
	}
	long long rid = (long long)db_last_id();
	snprintf(oid, sizeof(oid), "%lld", rid);
	/* Issue 20: the president hears of it at once; A19, A4.2: it goes on the council's agenda as it is filed. */
	if (db_exec(STMT_NOTIFY_INSERT, "sissi", "president", 0LL, "misuse.report",
	    "misuse_report", rid) < 0 ||
	    misuse_report_to_agenda(r, rid, user) == -1) {
		form_db_fail(r);
		return;
	}
	if (form_commit(r, &(struct audit_entry){ .action = "misuse.report",
	    .object_type = "misuse_report", .object_id = oid,
	    .detail = str_eq(param(r, "propose"), "1") ? "propose revocation" :
	    NULL }) == -1)
		return;
	http_redirect(r, "/misuse/reports?m=reported");
}

/* GET /misuse/reports: the operator's reports; the president acknowledges. */
void
page_misuse_reports(struct req *r)
{
	struct dbres	*res;
	char		 d[32];

	view_set("Page.title", lang("misuse.reports_title"));
	form_flash(r, "misuse");
	if ((res = db_query(STMT_MISUSE_REPORTS, "")) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	for (size_t i = 0; i < res->nrows; i++) {
		static const char *const cols[MISUSE_REPORTS__NCOLS] = {
		    [MISUSE_REPORTS_ID] = "id",
		    [MISUSE_REPORTS_USER_NAME] = "user",
		    [MISUSE_REPORTS_LOGIN] = "login",
		    [MISUSE_REPORTS_FACILITY_NAME] = "facility",
		    [MISUSE_REPORTS_PROPOSE_REVOCATION] = "propose",
		    [MISUSE_REPORTS_SUMMARY] = "summary",
		    [MISUSE_REPORTS_REPORTER_NAME] = "by",
		    [MISUSE_REPORTS_ACK_NOTE] = "ack_note",
		    [MISUSE_REPORTS_VERSION] = "version",
		    [MISUSE_REPORTS_USER_ID] = "user_id",
		    [MISUSE_REPORTS_STATUS] = "user_status",
		    [MISUSE_REPORTS_AGENDA_ITEM_ID] = "agenda_item",
		    [MISUSE_REPORTS_COUNCIL_DECISION] = "council_decision",
		    [MISUSE_REPORTS_CREATED_AT] = ROW_TIME("created") };
		struct vnode *n = view_row("Reports", res, i,
		    cols, NITEMS(cols));
		fmt_jst(d, sizeof(d), dbres_ll(res, i, MISUSE_REPORTS_ACKNOWLEDGED_AT), "%Y-%m-%d %H:%M");
		vnode_set(n, "acked", d);
	}
	view_set_int("Reports_n", (long long)res->nrows);
	dbres_free(res);
	view_set("Can.ack", has_role(r, ROLE_PRESIDENT) ? "1" : "");
	http_page(r, 200, "misuse_reports.cs");
}

/* POST /misuse/reports/ack: the president has read the report (A4.2). */
void
page_misuse_ack(struct req *r)
{
	long long	 id = form_ll(r, "id"), ver = form_ll(r, "version");
	char		 oid[24];
	int		 rc;

	if (form_begin(r) == -1)
		return;
	rc = db_exec(STMT_MISUSE_REPORT_ACK, "isii", r->sess->user_id,
	    param(r, "note"), id, ver);
	if (form_one(r, rc) != 0)
		return;
	snprintf(oid, sizeof(oid), "%lld", id);
	if (form_commit(r, &(struct audit_entry){ .action = "misuse.report_ack",
	    .object_type = "misuse_report", .object_id = oid }) == -1)
		return;
	http_redirect(r, "/misuse/reports?m=acked");
}
