/*
 * notice.c: notices of a change or stop of a function (A16). The
 * operator drafts a notice with its effective day and publishes it; a
 * notice whose effective day is not after its publication is an emergency
 * change, published only after the president approved it. Every user it
 * is for acknowledges it at their next login, before any other page; the
 * operator sees who has and who has not.
 */
#include <stdio.h>
#include <string.h>

#include "base/config.h"
#include "base/util.h"
#include "db/db.h"
#include "pages/pages.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/csv.h"
#include "web/form.h"
#include "web/render.h"
#include "web/rows.h"
#include "web/session.h"

const struct field f_notices[] = {
	{ "m", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};
const struct field f_notice_ack[] = {
	{ "id", FT_INT, 20 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_notice_new[] = {
	{ "kind", FT_TOKEN, 16 },
	{ "title", FT_TEXT, 200 },
	{ "body", FT_LINES, 4000 },
	{ "effective_on", FT_DATE, 10 },
	{ "facility", FT_INT, 20 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_notice_view[] = {
	{ "id", FT_INT, 20 },
	{ "format", FT_TOKEN, 8 },
	{ "m", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};
const struct field f_notice_step[] = {
	{ "id", FT_INT, 20 },
	{ "version", FT_INT, 10 },
	{ "note", FT_LINES, 1000 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};




/* GET /notices/pending: what must be acknowledged before anything else. */
void
page_notice_pending(struct req *r)
{
	static const char *const cols[NOTICE_PENDING__NCOLS] = {
	    [NOTICE_PENDING_ID] = "id",
	    [NOTICE_PENDING_KIND] = "kind",
	    [NOTICE_PENDING_TITLE] = "title",
	    [NOTICE_PENDING_BODY] = "body",
	    [NOTICE_PENDING_EFFECTIVE_ON] = "effective_on",
	    [NOTICE_PENDING_EMERGENCY] = "emergency",
	    [NOTICE_PENDING_PUBLISHED_AT] = ROW_TIME("published") };
	struct dbres	*res;

	if ((res = db_query(STMT_NOTICE_PENDING, "ii", r->sess->user_id,
	    r->sess->created_at)) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (res->nrows == 0) {
		dbres_free(res);
		http_redirect(r, "/");
		return;
	}
	view_set_int("Pending_n", (long long)view_rows("Pending", res, cols,
	    NITEMS(cols)));
	dbres_free(res);
	view_set("Page.title", lang("notice.pending_title"));
	http_page(r, 200, "notice_pending.cs");
}

/*
 * POST /notices/ack: 「確認しました」 for every notice the page listed
 * (id repeated). Only published notices meant for the user are recorded;
 * an acknowledgement given twice stays the first.
 */
void
page_notice_ack(struct req *r)
{
	size_t		 n = kv_count(&r->form, "id");
	long long	 id, t = now();
	char		 oid[24];
	int		 rc;

	if (n == 0) {
		http_error(r, 400, "required", "id");
		return;
	}
	if (db_begin() != DB_OK) {
		form_db_fail(r);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (str_to_ll(kv_nth(&r->form, "id", i), 1, 1LL << 60, &id) != 0) {
			db_rollback();
			http_error(r, 400, "type", "id");
			return;
		}
		if ((rc = db_exec(STMT_NOTICE_ACK, "iii", t, r->sess->user_id,
		    id)) < 0) {
			form_db_fail(r);
			return;
		}
		if (rc == 0)		/* not for this user, or already acknowledged */
			continue;
		snprintf(oid, sizeof(oid), "%lld", id);
		if (audit(r, &(struct audit_entry){ .action = "notice.ack",
		    .object_type = "notice", .object_id = oid }) != 0) {
			form_db_fail(r);
			return;
		}
	}
	if (db_commit() != DB_OK) {
		form_db_fail(r);
		return;
	}
	http_redirect(r, "/?m=noticeack");
}

/* GET /notices: the notices for this user, newest first, with their state. */
void
page_notices(struct req *r)
{
	static const char *const cols[NOTICE_MINE__NCOLS] = {
	    [NOTICE_MINE_ID] = "id",
	    [NOTICE_MINE_KIND] = "kind",
	    [NOTICE_MINE_TITLE] = "title",
	    [NOTICE_MINE_EFFECTIVE_ON] = "effective_on",
	    [NOTICE_MINE_BODY] = "body",
	    [NOTICE_MINE_EMERGENCY] = "emergency",
	    [NOTICE_MINE_PUBLISHED_AT] = ROW_TIME("published"),
	    [NOTICE_MINE_ACKED_AT] = ROW_TIME("acked") };
	struct dbres	*res;

	if ((res = db_query(STMT_NOTICE_MINE, "i", r->sess->user_id)) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	view_set_int("Notices_n", (long long)view_rows("Notices", res, cols,
	    NITEMS(cols)));
	dbres_free(res);
	view_set("Page.title", lang("notice.mine_title"));
	http_page(r, 200, "notice_mine.cs");
}

/* GET /admin/notices: every notice with how many have acknowledged it. */
void
page_notice_admin(struct req *r)
{
	struct dbres	*res;
	char		 day[11];

	today(day);
	form_flash(r, "notice");
	if ((res = db_query(STMT_NOTICE_LIST, "s", day)) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	for (size_t i = 0; i < res->nrows; i++) {
		static const char *const cols[NOTICE_LIST__NCOLS] = {
		    [NOTICE_LIST_ID] = "id", [NOTICE_LIST_KIND] = "kind",
		    [NOTICE_LIST_TITLE] = "title",
		    [NOTICE_LIST_EFFECTIVE_ON] = "effective_on",
		    [NOTICE_LIST_FACILITY_NAME] = "facility",
		    [NOTICE_LIST_STATUS] = "status",
		    [NOTICE_LIST_EMERGENCY] = "emergency",
		    [NOTICE_LIST_TARGETS] = "audience",
		    [NOTICE_LIST_ACKS] = "acked",
		    [NOTICE_LIST_VERSION] = "version",
		    [NOTICE_LIST_IN_REGION] = "in_region",
		    [NOTICE_LIST_NOT_AHEAD] = "not_ahead",
		    [NOTICE_LIST_PUBLISHED_AT] = ROW_TIME("published"),
		    [NOTICE_LIST_APPROVED_AT] = ROW_TIME("approved") };
		struct vnode *n = view_row("Notices", res, i,
		    cols, NITEMS(cols));
		vnode_set_int(n, "missing", dbres_ll(res, i, NOTICE_LIST_TARGETS) - dbres_ll(res, i, NOTICE_LIST_ACKS));
	}
	view_set_int("Notices_n", (long long)res->nrows);
	dbres_free(res);
	if (has_role(r, ROLE_OPERATOR))
		view_set("Can.edit", "1");
	view_set("Page.title", lang("notice.admin_title"));
	http_page(r, 200, "notice_admin.cs");
}

/*
 * Facilities.N: the facilities a notice or a message may be addressed to
 * (out-of-region ones marked). 0, or -1 (db).
 */
int
notice_facilities_view(void)
{
	static const char *const cols[NOTICE_FACILITIES__NCOLS] = {
	    [NOTICE_FACILITIES_ID] = "id", [NOTICE_FACILITIES_CODE] = "code",
	    [NOTICE_FACILITIES_NAME] = "name",
	    [NOTICE_FACILITIES_IN_REGION] = "in_region" };
	struct dbres	*res;

	if ((res = db_query(STMT_NOTICE_FACILITIES, "")) == NULL)
		return -1;
	view_rows("Facilities", res, cols, NITEMS(cols));
	dbres_free(res);
	return 0;
}

static void
new_form(struct req *r, int status)
{
	static const char *const keep[] = { "kind", "title", "body",
	    "effective_on", "facility", NULL };
	char	 day[11];

	form_keep(r, "Form", keep, NITEMS(keep));
	if (notice_facilities_view() == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	today(day);
	view_set("Notice.today", day);
	view_set("Page.title", lang("notice.new_title"));
	http_page(r, status, "notice_new.cs");
}

/*
 * Whether facility id exists: bad unchanged when it does, bad + 1 with the
 * field marked when not, -1 (db). The column has no foreign key.
 */
static int
facility_exists(long long id, int bad)
{
	struct dbres	*res;
	int		 ok;

	if ((res = db_query(STMT_DESK_FACILITY_OK, "i", id)) == NULL)
		return -1;
	ok = dbres_ll(res, 0, DESK_ASSIGNEE_OK_N) > 0;
	dbres_free(res);
	if (ok)
		return bad;
	form_err("notice", "facility", "facility");
	return bad + 1;
}

/* GET /admin/notices/new */
void
page_notice_new(struct req *r)
{
	new_form(r, 200);
}

/*
 * POST /admin/notices/new: a draft. Field errors keep the input (422).
 * A facility of 0 or none addresses every user.
 */
void
page_notice_new_post(struct req *r)
{
	const char	*kind = param(r, "kind"), *title = param(r, "title"),
			*body = param(r, "body"), *eff = param(r, "effective_on");
	long long	 fac = form_empty(param(r, "facility")) ? 0 :
			    form_ll(r, "facility");
	char		 detail[64];
	int		 bad = 0;

	if (!str_eq(kind, "change") && !str_eq(kind, "stop"))
		form_err("notice", "kind", "kind"), bad++;
	if (form_empty(title))
		form_err("notice", "title", "title"), bad++;
	if (form_empty(body))
		form_err("notice", "body", "body"), bad++;
	if (form_empty(eff) || !valid_date(eff))
		form_err("notice", "effective_on", "effective_on"), bad++;
	if (fac < 0)
		form_err("notice", "facility", "facility"), bad++;
	else if (fac > 0 && (bad = facility_exists(fac, bad)) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (bad > 0) {
		new_form(r, 422);
		return;
	}
	if (db_begin() != DB_OK) {
		form_db_fail(r);
		return;
	}
	if (db_exec(STMT_NOTICE_INSERT, "ssssiii", kind, title, body, eff,
	    fac, r->sess->user_id, (long long)now()) != 1) {
		form_db_fail(r);
		return;
	}
	long long id = (long long)db_last_id();
	str_fmt(detail, sizeof(detail), "%s effective %s", kind, eff);
	form_commit_go(r, "notice.create", "notice", id, detail,
	    "/admin/notices/view?id=%lld&m=created", id);
}

/*
 * Loads notice ?id= into Notice.*; returns a result the caller frees, or
 * NULL with a page sent.
 */
static struct dbres *
notice_load(struct req *r)
{
	static const char *const cols[NOTICE_GET__NCOLS] = {
	    [NOTICE_GET_ID] = "id", [NOTICE_GET_KIND] = "kind",
	    [NOTICE_GET_TITLE] = "title", [NOTICE_GET_BODY] = "body",
	    [NOTICE_GET_EFFECTIVE] = "effective_on",
	    [NOTICE_GET_FAC_ID] = "facility_id", [NOTICE_GET_FAC] = "facility",
	    [NOTICE_GET_STATUS] = "status",
	    [NOTICE_GET_EMERGENCY] = "emergency",
	    [NOTICE_GET_CREATOR] = "creator",
	    [NOTICE_GET_APPROVER] = "approver",
	    [NOTICE_GET_APPROVAL_NOTE] = "approval_note",
	    [NOTICE_GET_PUBLISHER] = "publisher",
	    [NOTICE_GET_VERSION] = "version",
	    [NOTICE_GET_IN_REGION] = "in_region",
	    [NOTICE_GET_NOT_AHEAD] = "not_ahead",
	    [NOTICE_GET_CREATED] = ROW_TIME("created"),
	    [NOTICE_GET_APPROVED] = ROW_TIME("approved"),
	    [NOTICE_GET_PUBLISHED] = ROW_TIME("published") };
	struct dbres	*res;
	long long	 id = form_ll(r, "id");
	char		 day[11];

	if (id <= 0) {
		http_error(r, 400, "type", "id");
		return NULL;
	}
	today(day);
	if ((res = row_load(r, STMT_NOTICE_GET, "si", day, id)) == NULL)
		return NULL;
	vnode_row(view_node("Notice"), res, 0, cols, NITEMS(cols));
	return res;
}

/* Who has and who has not acknowledged, as CSV (UTF-8 with a BOM). */
static void
acks_csv(struct req *r, const struct dbres *res)
{
	struct buf	*b = &r->body_out;
	char		 d[32], cd[80];

	if (audit(r, &(struct audit_entry){ .action = "notice.export",
	    .object_type = "notice", .object_id = param(r, "id") }) != 0) {
		http_error(r, 503, "db", NULL);
		return;
	}
	buf_reset(b);
	buf_puts(b, "\xef\xbb\xbf");
	csv_cell(b, lang("notice.csv.login"), 0);
	csv_cell(b, lang("notice.csv.name"), 0);
	csv_cell(b, lang("notice.csv.facility"), 0);
	csv_cell(b, lang("notice.csv.region"), 0);
	csv_cell(b, lang("notice.csv.acked_at"), 1);
	for (size_t i = 0; i < res->nrows; i++) {
		csv_cell(b, dbres_get(res, i, NOTICE_ACKS_LOGIN), 0);
		csv_cell(b, dbres_get(res, i, NOTICE_ACKS_USER_NAME), 0);
		csv_cell(b, dbres_get(res, i, NOTICE_ACKS_FACILITY_NAME), 0);
		csv_cell(b, str_eq(dbres_get(res, i, NOTICE_ACKS_IN_REGION), "0") ?
		    lang("fed.out_of_region") : "", 0);
		d[0] = '\0';
		if (dbres_get(res, i, NOTICE_ACKS_ACKED_AT) != NULL)
			fmt_jst(d, sizeof(d), dbres_ll(res, i, NOTICE_ACKS_ACKED_AT), "%Y-%m-%d %H:%M");
		csv_cell(b, d[0] ? d : lang("notice.not_acked"), 1);
	}
	if (b->oom) {
		http_error(r, 503, "db", NULL);
		return;
	}
	str_fmt(cd, sizeof(cd), "attachment; filename=\"notice-%s-acks.csv\"",
	    param(r, "id"));
	r->status = 200;
	r->ctype = "text/csv; charset=utf-8";
	http_header(r, "Content-Disposition", cd);
}

/*
 * GET /admin/notices/view: the notice, its approval and publication, and
 * per user whether they acknowledged it (?format=csv exports the list).
 */
void
page_notice_view(struct req *r)
{
	struct dbres	*res, *acks;
	const char	*fmt = param(r, "format");
	long long	 acked = 0;

	if (!form_empty(fmt) && !str_eq(fmt, "csv")) {
		http_error(r, 400, "type", "format");
		return;
	}
	if ((res = notice_load(r)) == NULL)
		return;
	int draft = str_eq(dbres_get(res, 0, NOTICE_GET_STATUS), "draft");
	int urgent = dbres_ll(res, 0, NOTICE_GET_NOT_AHEAD) == 1;
	int approved = dbres_get(res, 0, NOTICE_GET_APPROVED) != NULL;
	dbres_free(res);
	if ((acks = db_query(STMT_NOTICE_ACKS, "i", form_ll(r, "id"))) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (str_eq(fmt, "csv")) {
		acks_csv(r, acks);
		dbres_free(acks);
		return;
	}
	for (size_t i = 0; !draft && i < acks->nrows; i++) {
		static const char *const cols[NOTICE_ACKS__NCOLS] = {
		    [NOTICE_ACKS_LOGIN] = "login",
		    [NOTICE_ACKS_USER_NAME] = "name",
		    [NOTICE_ACKS_FACILITY_NAME] = "facility",
		    [NOTICE_ACKS_IN_REGION] = "in_region",
		    [NOTICE_ACKS_USER_STATUS] = "status",
		    [NOTICE_ACKS_ACKED_AT] = ROW_TIME("acked") };
		view_row("Acks", acks, i, cols, NITEMS(cols));
		acked += dbres_get(acks, i, NOTICE_ACKS_ACKED_AT) != NULL;
	}
	if (!draft) {
		view_set_int("Acks_n", (long long)acks->nrows);
		view_set_int("Acks_done", acked);
		view_set_int("Acks_missing", (long long)acks->nrows - acked);
	}
	dbres_free(acks);
	if (draft && urgent)
		view_set("Notice.needs_approval", approved ? "" : "1");
	if (draft && urgent && !approved && has_role(r, ROLE_PRESIDENT))
		view_set("Can.approve", "1");
	if (draft && has_role(r, ROLE_OPERATOR))
		view_set("Can.publish", (!urgent || approved) ? "1" : "");
	if (audit(r, &(struct audit_entry){ .action = "notice.view",
	    .object_type = "notice", .object_id = param(r, "id") }) != 0) {
		http_error(r, 503, "db", NULL);
		return;
	}
	form_flash(r, "notice");
	view_set("Page.title", lang("notice.view_title"));
	http_page(r, 200, "notice_view.cs");
}

/*
 * POST /admin/notices/approve: the president approves an emergency change
 * (effective day not after today) before it is published; who and when
 * are kept. A notice announced in advance needs no approval (409).
 */
void
page_notice_approve(struct req *r)
{
	struct dbres	*res;
	long long	 id = form_ll(r, "id"), ver = form_ll(r, "version");

	if (ver <= 0) {
		http_error(r, 400, "type", "version");
		return;
	}
	if ((res = notice_load(r)) == NULL)
		return;
	int urgent = dbres_ll(res, 0, NOTICE_GET_NOT_AHEAD) == 1;
	dbres_free(res);
	if (!urgent) {
		form_refuse(r, 409, "notice", "not_emergency");
		return;
	}
	if (db_begin() != DB_OK) {
		form_db_fail(r);
		return;
	}
	if (form_one(r, db_exec(STMT_NOTICE_APPROVE, "iisii", r->sess->user_id,
	    (long long)now(), param(r, "note"), id, ver)) != 0)
		return;
	form_commit_go(r, "notice.approve", "notice", id, "emergency",
	    "/admin/notices/view?id=%lld&m=approved", id);
}

/*
 * POST /admin/notices/publish: the announcement, dated now. Whether it
 * is an emergency change is decided now, against today: without the
 * president's approval an emergency change is refused (409) and nothing
 * is published.
 */
void
page_notice_publish(struct req *r)
{
	struct dbres	*res;
	long long	 id = form_ll(r, "id"), ver = form_ll(r, "version");

	if (ver <= 0) {
		http_error(r, 400, "type", "version");
		return;
	}
	if ((res = notice_load(r)) == NULL)
		return;
	long long urgent = dbres_ll(res, 0, NOTICE_GET_NOT_AHEAD) == 1;
	int approved = dbres_get(res, 0, NOTICE_GET_APPROVED) != NULL;
	int draft = str_eq(dbres_get(res, 0, NOTICE_GET_STATUS), "draft");
	dbres_free(res);
	if (!draft) {
		form_refuse(r, 409, "notice", "published");
		return;
	}
	if (urgent && !approved) {
		audit(r, &(struct audit_entry){ .action = "notice.publish",
		    .object_type = "notice", .object_id = param(r, "id"),
		    .outcome = "denied", .detail = "emergency without approval" });
		form_refuse(r, 409, "notice", "needs_approval");
		return;
	}
	if (db_begin() != DB_OK) {
		form_db_fail(r);
		return;
	}
	if (form_one(r, db_exec(STMT_NOTICE_PUBLISH, "iiiiii", urgent, r->sess->user_id,
	    (long long)now(), id, ver, urgent)) != 0)
		return;
	form_commit_go(r, "notice.publish", "notice", id,
	    urgent ? "emergency" : "advance",
	    "/admin/notices/view?id=%lld&m=published", id);
}
