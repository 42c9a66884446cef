/* desk.c: the complaints desk: receive, track to an answer, print a receipt (A4.3) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/config.h"
#include "base/util.h"
#include "db/db.h"
#include "pages/pages.h"
#include "pki/pki.h"
#include "rules/receipts.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/csv.h"
#include "web/form.h"
#include "web/render.h"
#include "web/rows.h"
#include "web/session.h"

/*
 * Nothing of a complaint is ever deleted or overwritten: a complaint ends
 * as 'closed', every transition and note is a new complaint_step row,
 * db/sql_desk.h has no statement that removes a row of either table, and the
 * database refuses one (triggers in 0008_desk.sql; test_desk.py).
 */

const struct field f_desk_list[] = {
	{ "status", FT_TOKEN, 16 }, { "format", FT_TOKEN, 8 },
	{ "m", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};
const struct field f_desk_new_get[] = {
	{ NULL, 0, 0 }
};
const struct field f_desk_new[] = {
	{ "csrf", FT_HEX, 64 }, { "idem", FT_HEX, 64 },
	{ "from", FT_TOKEN, 16 }, { "name", FT_TEXT, 100 },
	{ "facility", FT_INT, 20 }, { "contact_kind", FT_TOKEN, 16 },
	{ "contact", FT_TEXT, 300 }, { "channel", FT_TOKEN, 16 },
	{ "category", FT_TOKEN, 32 }, { "contents", FT_LINES, 4000 },
	{ "assignee", FT_INT, 20 },
	{ NULL, 0, 0 }
};
const struct field f_desk_view[] = {
	{ "id", FT_INT, 20 }, { "m", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};
const struct field f_desk_step[] = {
	{ "csrf", FT_HEX, 64 }, { "id", FT_INT, 20 }, { "version", FT_INT, 10 },
	{ "to", FT_TOKEN, 16 }, { "note", FT_LINES, 2000 },
	{ "answer", FT_LINES, 4000 }, { "assignee", FT_INT, 20 },
	{ NULL, 0, 0 }
};
const struct field f_desk_receipt[] = {
	{ "id", FT_INT, 20 },
	{ NULL, 0, 0 }
};

/* The codes the forms accept; their labels are desk.<list>.<code> in ja.hdf. */
static const char *const kinds[] = { "patient", "family", "user", "other", NULL };
static const char *const contacts[] = { "phone", "address", "email", "none", NULL };
static const char *const channels[] = { "desk", "phone", "letter", "user", NULL };
static const char *const categories[] = { "privacy", "consent", "access",
    "system", "conduct", "other", NULL };
static const char *const filters[] = { "all", "open", "overdue", "received",
    "investigating", "answered", "closed", NULL };

static int
is_desk(const struct req *r)
{
	return (r->sess->roles & ROLES_DESK) != 0;
}

/* The desk and the president read every complaint; a user only their own. */
static int
reads_all(const struct req *r)
{
	return is_desk(r) || (r->sess->roles & ROLE_PRESIDENT) != 0;
}

/* The Japan date days from now as YYYY-MM-DD; *year gets its year. */
static void
jst_day(char out[11], int days, int *year)
{
	time_t		 t = now() + 9 * 3600 + days * 86400LL;
	struct tm	 tm;

	gmtime_r(&t, &tm);
	if (strftime(out, 11, "%Y-%m-%d", &tm) == 0)
		out[0] = '\0';
	if (year != NULL)
		*year = tm.tm_year + 1900;
}

/* Sets Form.err_<field> from desk.err.<why> and marks the form invalid. */
static void
field_err(const char *field, const char *why)
{
	char	 k[64], l[64];

	str_fmt(k, sizeof(k), "Form.err_%s", field);
	str_fmt(l, sizeof(l), "desk.err.%s", why);
	view_set(k, lang(l));
	view_set("Form.invalid", "1");
}

/* An error page whose reason is desk.why.<why>: says what to do next. */
static void
desk_error(struct req *r, int status, const char *why, const char *field)
{
	char	 k[64];

	str_fmt(k, sizeof(k), "desk.why.%s", why);
	view_set("Error.why", lang(k));
	http_error(r, status, NULL, field);
}

static int
db_fail(struct req *r)
{
	db_rollback();
	http_error(r, 503, "db", NULL);
	return -1;
}

/* Options of a select: Opt.<name>.<i> = code, labelled by the template. */
static void
options(const char *name, const char *const *list)
{
	char	 k[48];

	for (size_t i = 0; list[i] != NULL; i++) {
		str_fmt(k, sizeof(k), "Opt.%s.%zu", name, i);
		view_set(k, list[i]);
	}
}

/*
 * Open and overdue counts (all complaints, or only the user's own) into
 * Desk.open and Desk.overdue. Returns 0 or -1.
 */
static int
desk_counts(const struct req *r, int mine)
{
	struct dbres	*res;
	char		 day[11];

	jst_day(day, 0, NULL);
	if ((res = db_query(STMT_DESK_COUNTS, "sii", day, (long long)mine,
	    r->sess->user_id)) == NULL)
		return -1;
	view_set("Desk.open", dbres_get(res, 0, DESK_COUNTS_OPEN));
	view_set("Desk.overdue", dbres_get(res, 0, DESK_COUNTS_OVERDUE));
	dbres_free(res);
	return 0;
}

/* For the home page: the desk's counts, or the user's own. */
void
desk_home(const struct req *r)
{
	if (r->sess == NULL)
		return;
	if (reads_all(r) || (r->sess->roles & ROLES_CLINIC))
		desk_counts(r, !reads_all(r));
}

static const char *const list_cols[DESK_LIST__NCOLS] = {
    [DESK_LIST_ID] = "id", [DESK_LIST_RECEIPT_NO] = "receipt_no",
    [DESK_LIST_RECEIVED_AT] = "received_at",
    [DESK_LIST_COMPLAINANT_KIND] = "kind",
    [DESK_LIST_COMPLAINANT_NAME] = "name", [DESK_LIST_CHANNEL] = "channel",
    [DESK_LIST_CATEGORY] = "category", [DESK_LIST_STATUS] = "status",
    [DESK_LIST_DUE_ON] = "due_on", [DESK_LIST_OVERDUE] = "overdue",
    [DESK_LIST_ASSIGNEE_NAME] = "assignee",
    [DESK_LIST_FACILITY_NAME] = "facility" };

/* The list as CSV (csv.c: a BOM for Japanese, formulas defused). */
static void
list_csv(struct req *r, const struct dbres *res)
{
	static const char *const heads[] = { "receipt_no", "received_at",
	    "kind", "name", "facility", "channel", "category", "status",
	    "due_on", "overdue", "assignee", NULL };
	struct buf	*b = &r->body_out;
	char		 k[48];

	/* Outside a transaction the audit row commits by itself. */
	if (audit(r, &(struct audit_entry){ .action = "complaint.export",
	    .object_type = "complaint", .detail = param(r, "status") }) != 0) {
		http_error(r, 503, "db", NULL);
		return;
	}
	csv_begin(b);
	for (size_t c = 0; heads[c] != NULL; c++) {
		str_fmt(k, sizeof(k), "desk.csv.%s", heads[c]);
		csv_cell(b, lang(k), heads[c + 1] == NULL);
	}
	for (size_t i = 0; i < res->nrows; i++) {
		csv_cell(b, dbres_get(res, i, DESK_LIST_RECEIPT_NO), 0);
		csv_cell(b, dbres_get(res, i, DESK_LIST_RECEIVED_AT), 0);
		csv_cell(b, lang_code("desk.kind.", dbres_get(res, i, DESK_LIST_COMPLAINANT_KIND), ""), 0);
		csv_cell(b, dbres_get(res, i, DESK_LIST_COMPLAINANT_NAME), 0);
		csv_cell(b, dbres_get(res, i, DESK_LIST_FACILITY_NAME), 0);
		csv_cell(b, lang_code("desk.channel_name.", dbres_get(res, i, DESK_LIST_CHANNEL), ""), 0);
		csv_cell(b, lang_code("desk.cat.", dbres_get(res, i, DESK_LIST_CATEGORY), ""), 0);
		csv_cell(b, lang_code("desk.status_name.", dbres_get(res, i, DESK_LIST_STATUS), ""), 0);
		csv_cell(b, dbres_get(res, i, DESK_LIST_DUE_ON), 0);
		csv_cell(b, str_eq(dbres_get(res, i, DESK_LIST_OVERDUE), "1") ?
		    lang("desk.overdue") : "", 0);
		csv_cell(b, dbres_get(res, i, DESK_LIST_ASSIGNEE_NAME), 1);
	}
	if (csv_finish(r, "complaints") == -1)
		http_error(r, 503, "db", NULL);
}

/* The list, filtered by status; overdue first. ?format=csv exports it. */
void
page_desk_list(struct req *r)
{
	const char	*st = form_empty(param(r, "status")) ? "all" : param(r, "status");
	const char	*fmt = param(r, "format");
	struct dbres	*res;
	char		 day[11];
	int		 mine = !reads_all(r);

	if (!str_one_of(st, filters)) {
		desk_error(r, 400, "filter", "status");
		return;
	}
	if (!form_empty(fmt) && !str_eq(fmt, "csv")) {
		http_error(r, 400, "type", "format");
		return;
	}
	jst_day(day, 0, NULL);
	if ((res = db_query(STMT_DESK_LIST, "ssssssii", day, st, st, st, st,
	    day, (long long)mine, r->sess->user_id)) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (str_eq(fmt, "csv")) {
		list_csv(r, res);
		dbres_free(res);
		return;
	}
	view_set_int("Complaints_n", (long long)view_rows("Complaints", res,
	    list_cols, NITEMS(list_cols)));
	dbres_free(res);
	if (desk_counts(r, mine) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	view_set("Desk.filter", st);
	options("filter", filters);
	if (is_desk(r))
		view_set("Desk.staff", "1");
	if (mine)
		view_set("Desk.mine", "1");
	view_set("Page.title", lang(mine ? "desk.mine_title" : "desk.list_title"));
	http_page(r, 200, "desk_list.cs");
}

/* The select lists of the desk's form: facilities and who may be assigned. */
static void
desk_lists(void)
{
	static const char *const cols[] = { "id", "name", NULL };
	struct dbres	*res;

	res = db_query(STMT_DESK_FACILITIES, "");
	view_rows("Facilities", res, cols, NITEMS(cols));
	dbres_free(res);
	res = db_query(STMT_DESK_ASSIGNEES, "");
	view_rows("Assignees", res, cols, NITEMS(cols));
	dbres_free(res);
}

/*
 * The new-complaint form, with what was typed. At the desk every field is
 * open; a user files their own complaint (from = user, their name and
 * facility, channel 'user').
 */
static void
desk_form(struct req *r, int status)
{
	static const char *const keep[] = { "from", "name", "facility",
	    "contact_kind", "contact", "channel", "category", "contents",
	    "assignee", NULL };

	form_keep(r, "Form", keep, NITEMS(keep));
	if (is_desk(r)) {
		view_set("Desk.staff", "1");
		desk_lists();
	} else {
		view_set("Form.from", "user");
		view_set("Form.name", r->sess->name);
		view_set("Form.facility_name", r->sess->facility);
		view_set("Form.channel", "user");
	}
	form_idem_view(r);
	options("kind", kinds);
	options("contact", contacts);
	options("channel", channels);
	options("cat", categories);
	view_set_int("Desk.due_days", cfg.desk_due_days);
	view_set("Page.title", lang("desk.new_title"));
	http_page(r, status, "desk_new.cs");
}

void
page_desk_new(struct req *r)
{
	desk_form(r, 200);
}

/* 1 when the statement (one COUNT(*) of id) finds it. */
static int
exists(enum stmt st, long long id)
{
	struct dbres	*res;
	int		 n;

	if ((res = db_query(st, "i", id)) == NULL)
		return -1;
	n = dbres_ll(res, 0, DESK_ASSIGNEE_OK_N) > 0;
	dbres_free(res);
	return n;
}

/*
 * Checks the new-complaint form; sets a message beside each field at fault.
 * *fac and *assignee receive the optional ids (0: none). Returns the number
 * of fields in error, or -1 when the database failed.
 */
static int
desk_check(const struct req *r, long long *fac, long long *assignee)
{
	int	 bad = 0, ok;

	*fac = *assignee = 0;
	if (!str_one_of(param(r, "contact_kind"), contacts))
		field_err("contact_kind", "contact_kind"), bad++;
	else if (!str_eq(param(r, "contact_kind"), "none") &&
	    form_blank(param(r, "contact")))
		field_err("contact", "contact"), bad++;
	if (!str_one_of(param(r, "category"), categories))
		field_err("category", "category"), bad++;
	if (form_blank(param(r, "contents")))
		field_err("contents", "contents"), bad++;
	if (!is_desk(r))
		return bad;
	if (!str_one_of(param(r, "from"), kinds))
		field_err("from", "from"), bad++;
	if (form_blank(param(r, "name")))
		field_err("name", "name"), bad++;
	if (!str_one_of(param(r, "channel"), channels))
		field_err("channel", "channel"), bad++;
	if (str_eq(param(r, "from"), "user") && !form_empty(param(r, "facility"))) {
		*fac = form_id(r, "facility");
		if ((ok = *fac > 0 ? exists(STMT_DESK_FACILITY_OK, *fac) : 0) == -1)
			return -1;
		if (!ok)
			field_err("facility", "facility"), bad++;
	}
	if (!form_empty(param(r, "assignee"))) {
		*assignee = form_id(r, "assignee");
		if ((ok = *assignee > 0 ?
		    exists(STMT_DESK_ASSIGNEE_OK, *assignee) : 0) == -1)
			return -1;
		if (!ok)
			field_err("assignee", "assignee"), bad++;
	}
	return bad;
}

static int
go_view(struct req *r, long long id, const char *m)
{
	char	 where[80];

	str_fmt(where, sizeof(where), "/desk/complaints/view?id=%lld&m=%s", id, m);
	http_redirect(r, where);
	return 0;
}

/*
 * Receives a complaint: a receipt number, the complaint and its first step,
 * audited, in one transaction. A repeated submit of the same form goes to
 * the complaint the first one made.
 */
void
page_desk_new_post(struct req *r)
{
	const char	*idem = param(r, "idem");
	const char	*self = is_desk(r) ? NULL : "1";
	long long	 fac, assignee, id;
	char		 no[24], at[20], due[11], fs[24], as[24], us[24];
	int		 bad, rc;

	if (form_idem(r, STMT_DESK_BY_IDEM, idem,
	    "/desk/complaints/view?id=%s&m=received") != 0)
		return;
	if ((bad = desk_check(r, &fac, &assignee)) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (bad > 0) {
		desk_form(r, 422);
		return;
	}
	utc_now(at);
	jst_day(due, cfg.desk_due_days, NULL);
	if (self != NULL)
		fac = r->sess->facility_id;
	str_fmt(fs, sizeof(fs), "%lld", fac);
	str_fmt(as, sizeof(as), "%lld", assignee);
	str_fmt(us, sizeof(us), "%lld", r->sess->user_id);
	if (db_begin() != DB_OK || receipt_next('C', no, sizeof(no)) == -1) {
		db_fail(r);
		return;
	}
	rc = db_exec(STMT_DESK_INSERT, "sssssssssssssss", no,
	    self ? "user" : param(r, "from"),
	    self ? r->sess->name : param(r, "name"), fac ? fs : NULL,
	    self ? us : NULL, param(r, "contact_kind"),
	    str_eq(param(r, "contact_kind"), "none") ? NULL : param(r, "contact"),
	    self ? "user" : param(r, "channel"), param(r, "category"),
	    param(r, "contents"), at, us, due, assignee ? as : NULL, idem);
	if (rc == DB_DUP) {		/* the same form, twice at the same moment */
		db_rollback();
		http_redirect(r, "/desk/complaints");
		return;
	}
	if (rc != 1) {
		db_fail(r);
		return;
	}
	id = (long long)db_last_id();
	if (db_exec(STMT_DESK_STEP_INSERT, "isisssss", id, at, r->sess->user_id,
	    NULL, "received", NULL, NULL, assignee ? as : NULL) != 1) {
		db_fail(r);
		return;
	}
	str_fmt(fs, sizeof(fs), "%lld", id);
	if (audit(r, &(struct audit_entry){ .action = "complaint.receive",
	    .object_type = "complaint", .object_id = fs, .detail = no }) != 0 ||
	    db_commit() != DB_OK) {
		db_fail(r);
		return;
	}
	go_view(r, id, "received");
}

static const char *const view_cols[DESK_GET__NCOLS] = {
    [DESK_GET_ID] = "id", [DESK_GET_RECEIPT_NO] = "receipt_no",
    [DESK_GET_RECEIVED_AT] = "received_at",
    [DESK_GET_COMPLAINANT_KIND] = "kind", [DESK_GET_COMPLAINANT_NAME] = "name",
    [DESK_GET_CHANNEL] = "channel", [DESK_GET_CATEGORY] = "category",
    [DESK_GET_STATUS] = "status", [DESK_GET_DUE_ON] = "due_on",
    [DESK_GET_OVERDUE] = "overdue", [DESK_GET_ASSIGNEE_NAME] = "assignee",
    [DESK_GET_FACILITY_NAME] = "facility",
    [DESK_GET_CONTACT_KIND] = "contact_kind", [DESK_GET_CONTACT] = "contact",
    [DESK_GET_CONTENTS] = "contents", [DESK_GET_ANSWER] = "answer",
    [DESK_GET_ANSWERED_AT] = "answered_at", [DESK_GET_CLOSED_AT] = "closed_at",
    [DESK_GET_VERSION] = "version", [DESK_GET_ASSIGNEE_ID] = "assignee_id",
    [DESK_GET_RECEIVER_NAME] = "received_by",
    [DESK_GET_COMPLAINANT_USER_ID] = "user_id",
    [DESK_GET_RECEIVED_ON] = "received_on" };

/*
 * Loads complaint id (a parameter) into Complaint.*, if this user may see
 * it: the desk and the president any, a user only their own (others are
 * refused and audited). Returns the id, or 0 with a page sent.
 */
static long long
complaint_load(struct req *r)
{
	struct dbres	*res;
	char		 day[11];
	long long	 id;

	if (form_empty(param(r, "id"))) {
		desk_error(r, 400, "need_id", "id");
		return 0;
	}
	if ((id = form_id(r, "id")) <= 0) {
		http_error(r, 400, "type", "id");
		return 0;
	}
	jst_day(day, 0, NULL);
	if ((res = db_query(STMT_DESK_GET, "si", day, id)) == NULL) {
		http_error(r, 503, "db", NULL);
		return 0;
	}
	if (res->nrows == 0) {
		dbres_free(res);
		desk_error(r, 404, "not_found", NULL);
		return 0;
	}
	if (!reads_all(r) && dbres_ll(res, 0, DESK_GET_COMPLAINANT_USER_ID) != r->sess->user_id) {
		audit(r, &(struct audit_entry){ .action = "complaint.denied",
		    .object_type = "complaint", .object_id = dbres_get(res, 0, DESK_GET_ID),
		    .outcome = "denied", .detail = "not_own" });
		dbres_free(res);
		desk_error(r, 403, "not_yours", NULL);
		return 0;
	}
	view_rows("Complaint", res, view_cols, NITEMS(view_cols));
	dbres_free(res);
	/* One row: Complaint.0.*, which the templates name c (with:c = Complaint.0). */
	return id;
}

/* The next transitions from a status: received, investigating, answered, closed. */
static const char *
next_status(const char *cur)
{
	if (str_eq(cur, "received"))
		return "investigating";
	if (str_eq(cur, "investigating"))
		return "answered";
	if (str_eq(cur, "answered"))
		return "closed";
	return NULL;
}

/* The view page: the complaint, every step in order, the desk's next action. */
static void
view_page(struct req *r, long long id, int status)
{
	static const char *const cols[DESK_STEPS__NCOLS] = {
	    [DESK_STEPS_ID] = "id", [DESK_STEPS_AT] = "at",
	    [DESK_STEPS_BY_NAME] = "by", [DESK_STEPS_FROM_STATUS] = "from",
	    [DESK_STEPS_TO_STATUS] = "to", [DESK_STEPS_NOTE] = "note",
	    [DESK_STEPS_ANSWER] = "answer",
	    [DESK_STEPS_ASSIGNEE_NAME] = "assignee" };
	struct dbres	*res;
	const char	*cur = view_get("Complaint.0.status");

	if ((res = db_query(STMT_DESK_STEPS, "i", id)) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	view_set_int("Steps_n", (long long)view_rows("Steps", res, cols, NITEMS(cols)));
	dbres_free(res);
	if (is_desk(r)) {
		view_set("Desk.staff", "1");
		if (next_status(cur) != NULL)
			view_set("Desk.next", next_status(cur));
		if (!str_eq(cur, "closed"))
			desk_lists();
		if (view_get("Form.assignee") == NULL)
			view_set("Form.assignee", view_get("Complaint.0.assignee_id"));
	}
	view_set("Page.title", lang("desk.view_title"));
	http_page(r, status, "desk_view.cs");
}

void
page_desk_view(struct req *r)
{
	long long	 id;

	if ((id = complaint_load(r)) == 0)
		return;
	if (str_eq(param(r, "m"), "received"))
		view_set("Flash", lang("desk.m_received"));
	else if (str_eq(param(r, "m"), "step"))
		view_set("Flash", lang("desk.m_step"));
	if (audit(r, &(struct audit_entry){ .action = "complaint.view",
	    .object_type = "complaint", .object_id = param(r, "id") }) != 0) {
		http_error(r, 503, "db", NULL);
		return;
	}
	view_page(r, id, 200);
}

/* The printable receipt for the complainant. */
void
page_desk_receipt(struct req *r)
{
	if (complaint_load(r) == 0)
		return;
	if (audit(r, &(struct audit_entry){ .action = "complaint.receipt",
	    .object_type = "complaint", .object_id = param(r, "id") }) != 0) {
		http_error(r, 503, "db", NULL);
		return;
	}
	view_set_int("Desk.due_days", cfg.desk_due_days);
	view_set("Page.title", lang("desk.receipt_title"));
	http_page(r, 200, "desk_receipt.cs");
}

/*
 * Checks a step against the complaint as loaded: the transition (409 when
 * it is not the next one), then the fields (422 with messages). Returns 0,
 * or -1 with a page sent.
 */
static int
step_check(struct req *r, long long id, const char *to, long long *assignee)
{
	const char	*cur = view_get("Complaint.0.status");
	int		 bad = 0, ok;

	if (str_eq(to, "note") ? str_eq(cur, "closed") :
	    !str_eq(next_status(cur), to)) {
		audit(r, &(struct audit_entry){ .action = "complaint.step",
		    .object_type = "complaint", .object_id = param(r, "id"),
		    .outcome = "denied", .detail = to });
		desk_error(r, 409, str_eq(cur, "closed") ? "closed" :
		    str_eq(to, "closed") ? "close_first" : "bad_transition", NULL);
		return -1;
	}
	if (str_eq(to, "answered") && form_blank(param(r, "answer")))
		field_err("answer", "answer"), bad++;
	*assignee = 0;
	if (!form_empty(param(r, "assignee")) && !str_eq(param(r, "assignee"),
	    view_get("Complaint.0.assignee_id"))) {
		*assignee = form_id(r, "assignee");
		if ((ok = *assignee > 0 ?
		    exists(STMT_DESK_ASSIGNEE_OK, *assignee) : 0) == -1) {
			http_error(r, 503, "db", NULL);
			return -1;
		}
		if (!ok)
			field_err("assignee", "assignee"), bad++;
	}
	/* A step without a transition must say something or change the assignee. */
	if (str_eq(to, "note") && form_blank(param(r, "note")) && *assignee == 0)
		field_err("note", "note"), bad++;
	if (bad == 0)
		return 0;
	view_set("Form.note", param(r, "note"));
	view_set("Form.answer", param(r, "answer"));
	view_set("Form.assignee", param(r, "assignee"));
	view_set("Form.to", to);
	view_page(r, id, 422);
	return -1;
}

/*
 * A transition or a note (to = note) on one complaint, with the version
 * the clerk saw: another clerk's save in between is a 409, nothing written.
 * The step row, the complaint and the audit go in one transaction.
 */
void
page_desk_step(struct req *r)
{
	static const char *const tos[] = { "investigating", "answered",
	    "closed", "note", NULL };
	const char	*to = param(r, "to"), *cur;
	struct dbres	*res;
	long long	 id, version, assignee;
	char		 at[20], as[24], detail[64];
	int		 rc;

	if ((id = complaint_load(r)) == 0)
		return;
	if ((version = form_id(r, "version")) <= 0) {
		http_error(r, 400, "type", "version");
		return;
	}
	if (!str_one_of(to, tos)) {
		desk_error(r, 400, "bad_to", "to");
		return;
	}
	if (!str_eq(view_get("Complaint.0.version"), param(r, "version"))) {
		desk_error(r, 409, "stale", NULL);
		return;
	}
	if (step_check(r, id, to, &assignee) == -1)
		return;
	cur = view_get("Complaint.0.status");
	if (!str_eq(to, "note"))
		cur = to;
	utc_now(at);
	str_fmt(as, sizeof(as), "%lld", assignee);
	str_fmt(detail, sizeof(detail), "%s>%s%s",
	    view_get("Complaint.0.status"), cur, assignee ? " assignee" : "");
	if (db_begin() != DB_OK ||
	    (res = db_query(STMT_DESK_LOCK, "i", id)) == NULL) {
		db_fail(r);
		return;
	}
	rc = res->nrows == 1 && dbres_ll(res, 0, DESK_LOCK_VERSION) == version &&
	    str_eq(dbres_get(res, 0, DESK_LOCK_STATUS), view_get("Complaint.0.status"));
	dbres_free(res);
	if (!rc) {
		db_rollback();
		desk_error(r, 409, "stale", NULL);
		return;
	}
	rc = db_exec(STMT_DESK_UPDATE, "sssssssii", cur, assignee ? as : NULL,
	    str_eq(to, "answered") ? param(r, "answer") : NULL, cur, at, cur, at,
	    id, version);
	if (rc == 0) {
		db_rollback();
		desk_error(r, 409, "stale", NULL);
		return;
	}
	if (rc != 1 || db_exec(STMT_DESK_STEP_INSERT, "isisssss", id, at,
	    r->sess->user_id, view_get("Complaint.0.status"), cur,
	    form_blank(param(r, "note")) ? NULL : param(r, "note"),
	    str_eq(to, "answered") ? param(r, "answer") : NULL,
	    assignee ? as : NULL) != 1 ||
	    audit(r, &(struct audit_entry){ .action = "complaint.step",
	    .object_type = "complaint", .object_id = param(r, "id"),
	    .detail = detail }) != 0 || db_commit() != DB_OK) {
		db_fail(r);
		return;
	}
	go_view(r, id, "step");
}
