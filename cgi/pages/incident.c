/*
 * incident.c: incident reports (A8.5). A user reports a virus find, a
 * security problem or a malfunction to their facility manager; the manager
 * adds notes and forwards it to the operator, or closes one that needs no
 * escalation with the reason; the operator records the outcome and closes
 * a forwarded one. reported -> forwarded -> closed, or reported -> closed.
 *
 * Nothing is deleted or rewritten: every transition and note is a new
 * incident_step row (triggers in 0013_monitor.sql refuse the rest).
 */
#include <stdio.h>
#include <stdlib.h>
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

const struct field f_incidents[] = {
	{ "m", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};
const struct field f_incident_new[] = {
	{ "csrf", FT_HEX, 64 }, { "idem", FT_HEX, 64 },
	{ "kind", FT_TOKEN, 16 }, { "occurred", FT_DATETIME, 16 },
	{ "terminal", FT_TEXT, 100 }, { "what", FT_LINES, 4000 },
	{ "done", FT_LINES, 4000 },
	{ NULL, 0, 0 }
};
const struct field f_incident_view[] = {
	{ "id", FT_INT, 20 }, { "m", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};
const struct field f_incident_step[] = {
	{ "csrf", FT_HEX, 64 }, { "id", FT_INT, 20 }, { "version", FT_INT, 10 },
	{ "to", FT_TOKEN, 16 }, { "note", FT_LINES, 2000 },
	{ NULL, 0, 0 }
};

/* The kinds the form offers; labels are incident.kind.<code> in ja.hdf. */
static const char *const kinds[] = { "virus", "security", "malfunction", NULL };


/* The same clock in Japan time as HTML's datetime-local "YYYY-MM-DDTHH:MM". */
static void
jst_local(char out[17])
{
	time_t		 t = now() + 9 * 3600;
	struct tm	 tm;

	gmtime_r(&t, &tm);
	if (strftime(out, 17, "%Y-%m-%dT%H:%M", &tm) == 0)
		out[0] = '\0';
}

/* GET /incidents: the reports this reader may see. */
void
page_incidents(struct req *r)
{
	static const char *const cols[INCIDENT_LIST__NCOLS] = {
	    [INCIDENT_LIST_ID] = "id",
	    [INCIDENT_LIST_REPORTED_AT] = "reported_at",
	    [INCIDENT_LIST_KIND] = "kind",
	    [INCIDENT_LIST_OCCURRED_AT] = "occurred",
	    [INCIDENT_LIST_REPORTER_NAME] = "reporter",
	    [INCIDENT_LIST_FACILITY_NAME] = "facility",
	    [INCIDENT_LIST_STATUS] = "status",
	    [INCIDENT_LIST_TERMINAL] = "terminal",
	    [INCIDENT_LIST_WHAT] = "what", [INCIDENT_LIST_WHAT_CUT] = "more" };
	struct dbres	*res;
	long long	 op = has_role(r, ROLE_OPERATOR) ? 1 : 0,
			 fac = has_role(r, ROLE_FACILITY_MANAGER) ? r->sess->facility_id : 0,
			 me = has_role(r, ROLE_USER) ? r->sess->user_id : 0;

	if ((res = db_query(STMT_INCIDENT_LIST, "iiiii", op, fac, fac, me,
	    me)) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	view_set_int("Incidents_n", (long long)view_rows("Incidents", res, cols, NITEMS(cols)));
	dbres_free(res);
	if (audit(r, &(struct audit_entry){ .action = "incident.list",
	    .object_type = "incident" }) != 0) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (has_role(r, ROLES_CLINIC))
		view_set("Can.report", "1");
	if (op)
		view_set("Incident.operator", "1");
	else if (fac)
		view_set("Incident.manager", "1");
	form_flash(r, "incident");
	view_set("Page.title", lang("incident.list_title"));
	http_page(r, 200, "incident_list.cs");
}

/* The report form with what was typed, and one token per form shown. */
static void
incident_form(struct req *r, int status)
{
	static const char *const keep[] = { "kind", "occurred", "terminal",
	    "what", "done", NULL };
	char	 k[32], t[17];

	form_keep(r, "Form", keep, NITEMS(keep));
	/* A new form starts at now; a returned one keeps what was typed, even nothing. */
	if (status == 200) {
		jst_local(t);
		view_set("Form.occurred", t);
	}
	jst_local(t);
	view_set("Incident.max", t);
	form_idem_view(r);
	for (size_t i = 0; kinds[i] != NULL; i++) {
		str_fmt(k, sizeof(k), "Opt.kind.%zu", i);
		view_set(k, kinds[i]);
	}
	view_set("Form.name", r->sess->name);
	view_set("Form.facility", r->sess->facility);
	view_set("Page.title", lang("incident.new_title"));
	http_page(r, status, "incident_new.cs");
}

/* GET /incidents/new */
void
page_incident_new(struct req *r)
{
	incident_form(r, 200);
}

/* Field errors of the report form, beside each field; returns how many. */
static int
incident_check(const struct req *r)
{
	char	 t[17];
	int	 bad = 0;

	if (!str_one_of(param(r, "kind"), kinds))
		form_err("incident", "kind", "kind"), bad++;
	jst_local(t);
	if (form_empty(param(r, "occurred")))
		form_err("incident", "occurred", "occurred"), bad++;
	else if (strcmp(param(r, "occurred"), t) > 0)
		form_err("incident", "occurred", "future"), bad++;
	if (form_blank(param(r, "what")))
		form_err("incident", "what", "what"), bad++;
	if (form_blank(param(r, "done")))
		form_err("incident", "done", "done"), bad++;
	return bad;
}

/*
 * POST /incidents/new: the report, its first step, the managers'
 * notification and the audit in one transaction. A second submit of the
 * same form goes to the report the first one made.
 */
void
page_incident_new_post(struct req *r)
{
	const char	*idem = param(r, "idem");
	long long	 id;
	char		 at[20], occ[20];
	int		 rc;

	if (form_idem(r, STMT_INCIDENT_BY_IDEM, idem,
	    "/incidents/view?id=%s&m=reported") != 0)
		return;
	if (incident_check(r) > 0) {
		view_set("Form.invalid", "1");
		incident_form(r, 422);
		return;
	}
	/* datetime-local's "T" becomes SQL's space; seconds are zero. */
	str_fmt(occ, sizeof(occ), "%.10s %.5s:00", param(r, "occurred"),
	    param(r, "occurred") + 11);
	utc_now(at);
	if (db_begin() != DB_OK) {
		form_db_fail(r);
		return;
	}
	rc = db_exec(STMT_INCIDENT_INSERT, "iisssssss", r->sess->facility_id,
	    r->sess->user_id, param(r, "kind"), occ,
	    form_blank(param(r, "terminal")) ? NULL : param(r, "terminal"),
	    param(r, "what"), param(r, "done"), at, idem);
	if (rc == DB_DUP) {		/* the same form, twice at the same moment */
		db_rollback();
		http_redirect(r, "/incidents");
		return;
	}
	if (rc != 1) {
		form_db_fail(r);
		return;
	}
	id = (long long)db_last_id();
	if (db_exec(STMT_INCIDENT_STEP_INSERT, "isisss", id, at,
	    r->sess->user_id, NULL, "reported", NULL) != 1 ||
	    db_exec(STMT_NOTIFY_INSERT, "sissi", "facility_manager",
	    r->sess->facility_id, "incident.reported", "incident", id) < 0) {
		form_db_fail(r);
		return;
	}
	form_commit_go(r, "incident.report", "incident", id, param(r, "kind"),
	    "/incidents/view?id=%lld&m=reported", id);
}

static const char *const view_cols[INCIDENT_GET__NCOLS] = {
    [INCIDENT_GET_ID] = "id", [INCIDENT_GET_REPORTED_AT] = "reported_at",
    [INCIDENT_GET_KIND] = "kind", [INCIDENT_GET_OCCURRED_AT] = "occurred",
    [INCIDENT_GET_REPORTER_NAME] = "reporter",
    [INCIDENT_GET_FACILITY_NAME] = "facility", [INCIDENT_GET_STATUS] = "status",
    [INCIDENT_GET_TERMINAL] = "terminal", [INCIDENT_GET_WHAT] = "what",
    [INCIDENT_GET_DONE] = "done", [INCIDENT_GET_OUTCOME] = "outcome",
    [INCIDENT_GET_VERSION] = "version",
    [INCIDENT_GET_FACILITY_ID] = "facility_id",
    [INCIDENT_GET_REPORTER_ID] = "reporter_id",
    [INCIDENT_GET_FORWARDED] = "was_forwarded" };

/* 1 when the reader manages the incident's facility. */
static int
manages(const struct req *r)
{
	long long	 fac;

	return has_role(r, ROLE_FACILITY_MANAGER) &&
	    str_to_ll(view_get("Incident.0.facility_id"), 1, 1LL << 60, &fac) == 0 &&
	    fac == r->sess->facility_id;
}

/*
 * Loads incident ?id= into Incident.0.* if this reader may see it: the
 * reporter, a manager of its facility, the operator once it was forwarded.
 * Anyone else gets 404 (audited), which says nothing of whether it exists.
 * Returns the id, or 0 with a page sent.
 */
static long long
incident_load(struct req *r)
{
	struct dbres	*res;
	long long	 id = form_ll(r, "id");
	int		 ok;

	if (id <= 0) {
		http_error(r, 400, "type", "id");
		return 0;
	}
	if ((res = db_query(STMT_INCIDENT_GET, "i", id)) == NULL) {
		http_error(r, 503, "db", NULL);
		return 0;
	}
	ok = res->nrows == 1 && (dbres_ll(res, 0, INCIDENT_GET_REPORTER_ID) == r->sess->user_id ||
	    (has_role(r, ROLE_FACILITY_MANAGER) &&
	    dbres_ll(res, 0, INCIDENT_GET_FACILITY_ID) == r->sess->facility_id) ||
	    (has_role(r, ROLE_OPERATOR) && dbres_ll(res, 0, INCIDENT_GET_FORWARDED) == 1));
	if (!ok) {
		if (res->nrows == 1)
			audit(r, &(struct audit_entry){ .action = "incident.denied",
			    .object_type = "incident", .object_id = param(r, "id"),
			    .outcome = "denied", .detail = "not_yours" });
		dbres_free(res);
		http_error(r, 404, NULL, NULL);
		return 0;
	}
	view_rows("Incident", res, view_cols, NITEMS(view_cols));
	dbres_free(res);
	return id;
}

/*
 * What this reader may do next from the incident's status: Can.forward,
 * Can.close (with Can.close_as = manager or operator) and Can.note.
 */
static void
next_view(const struct req *r)
{
	const char	*st = view_get("Incident.0.status");

	if (manages(r) && str_eq(st, "reported")) {
		view_set("Can.forward", "1");
		view_set("Can.close", "1");
		view_set("Can.close_as", "manager");
	}
	if (has_role(r, ROLE_OPERATOR) && str_eq(st, "forwarded")) {
		view_set("Can.close", "1");
		view_set("Can.close_as", "operator");
	}
	if (!str_eq(st, "closed") && (manages(r) ||
	    (has_role(r, ROLE_OPERATOR) && str_eq(st, "forwarded"))))
		view_set("Can.note", "1");
}

/* The view page: the report, every step, what this reader may do next. */
static void
view_page(struct req *r, int status)
{
	static const char *const cols[INCIDENT_STEPS__NCOLS] = {
	    [INCIDENT_STEPS_ID] = "id", [INCIDENT_STEPS_AT] = "at",
	    [INCIDENT_STEPS_USER_NAME] = "by",
	    [INCIDENT_STEPS_FROM_STATUS] = "from",
	    [INCIDENT_STEPS_TO_STATUS] = "to", [INCIDENT_STEPS_NOTE] = "note" };
	struct dbres	*res;

	if ((res = db_query(STMT_INCIDENT_STEPS, "i",
	    form_ll(r, "id"))) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	view_set_int("Steps_n", (long long)view_rows("Steps", res, cols, NITEMS(cols)));
	dbres_free(res);
	next_view(r);
	view_set("Page.title", lang("incident.view_title"));
	http_page(r, status, "incident_view.cs");
}

/* GET /incidents/view */
void
page_incident_view(struct req *r)
{
	if (incident_load(r) == 0)
		return;
	if (audit(r, &(struct audit_entry){ .action = "incident.view",
	    .object_type = "incident", .object_id = param(r, "id") }) != 0) {
		http_error(r, 503, "db", NULL);
		return;
	}
	form_flash(r, "incident");
	view_page(r, 200);
}

/*
 * 1 when this reader may take step to from the loaded incident's status:
 * the manager forwards or closes a reported one, the operator closes a
 * forwarded one, both may note while it is theirs and open.
 */
static int
step_allowed(const struct req *r, const char *to)
{
	const char	*st = view_get("Incident.0.status");

	if (str_eq(to, "forwarded"))
		return manages(r) && str_eq(st, "reported");
	if (str_eq(to, "closed"))
		return (manages(r) && str_eq(st, "reported")) ||
		    (has_role(r, ROLE_OPERATOR) && str_eq(st, "forwarded"));
	if (str_eq(to, "note"))
		return !str_eq(st, "closed") && (manages(r) ||
		    (has_role(r, ROLE_OPERATOR) && str_eq(st, "forwarded")));
	return 0;
}

/*
 * POST /incidents/step: forward, close (the reason or outcome is required)
 * or a note, against the version the reader saw: another save in between
 * is a 409 and nothing is written. Step, incident, notification and audit
 * commit together.
 */
void
page_incident_step(struct req *r)
{
	static const char *const tos[] = { "forwarded", "closed", "note", NULL };
	const char	*to = param(r, "to"), *note = param(r, "note");
	long long	 id, ver = form_ll(r, "version"), fac;
	char		 at[20], cur[17], next[17], detail[48];
	int		 rc;

	if ((id = incident_load(r)) == 0)
		return;
	if (ver <= 0) {
		http_error(r, 400, "type", "version");
		return;
	}
	if (!str_one_of(to, tos)) {
		http_error(r, 400, "type", "to");
		return;
	}
	str_copy(cur, view_get("Incident.0.status"), sizeof(cur));
	if (!str_eq(view_get("Incident.0.version"), param(r, "version")) ||
	    !step_allowed(r, to)) {
		audit(r, &(struct audit_entry){ .action = "incident.step",
		    .object_type = "incident", .object_id = param(r, "id"),
		    .outcome = "denied", .detail = to });
		http_error(r, 409, NULL, NULL);
		return;
	}
	if ((str_eq(to, "closed") || str_eq(to, "note")) && form_blank(note)) {
		form_err("incident", "note", str_eq(to, "closed") ?
		    (has_role(r, ROLE_OPERATOR) && !manages(r) ? "outcome" : "reason") :
		    "note");
		view_set("Form.note", note);
		view_set("Form.to", to);
		view_page(r, 422);
		return;
	}
	str_copy(next, str_eq(to, "note") ? cur : to, sizeof(next));
	if (str_to_ll(view_get("Incident.0.facility_id"), 1, 1LL << 60,
	    &fac) == -1)
		fac = 0;
	utc_now(at);
	if (db_begin() != DB_OK) {
		form_db_fail(r);
		return;
	}
	rc = db_exec(STMT_INCIDENT_UPDATE, "ssssssiis", next,
	    str_eq(to, "note") ? NULL : to, at, str_eq(to, "note") ? NULL : to,
	    at, str_eq(to, "closed") ? note : NULL, id, ver, cur);
	if (form_one(r, rc) != 0)
		return;
	if (db_exec(STMT_INCIDENT_STEP_INSERT, "isisss", id, at,
	    r->sess->user_id, cur, next, form_blank(note) ? NULL : note) != 1) {
		form_db_fail(r);
		return;
	}
	if (str_eq(to, "forwarded"))
		rc = db_exec(STMT_NOTIFY_INSERT, "sissi", "operator", 0LL,
		    "incident.forwarded", "incident", id);
	else if (str_eq(to, "closed") && str_eq(cur, "forwarded"))
		rc = db_exec(STMT_NOTIFY_INSERT, "sissi", "facility_manager", fac,
		    "incident.closed", "incident", id);
	if (rc < 0) {
		form_db_fail(r);
		return;
	}
	str_fmt(detail, sizeof(detail), "%s>%s", cur, next);
	form_commit_go(r, "incident.step", "incident", id, detail,
	    "/incidents/view?id=%lld&m=%s",
	    id, str_eq(to, "note") ? "noted" : to);
}
