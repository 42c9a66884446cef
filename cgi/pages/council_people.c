/* council_people.c: the operator's appointment (A3) and the staff registry (A4.1) */
#include <stdio.h>
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

const struct field f_council_operator[] = {
	{ "m", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};
const struct field f_council_appoint[] = {
	{ "login", FT_TEXT, 64 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_council_staff[] = {
	{ "m", FT_TOKEN, 16 },
	{ "edit", FT_INT, 20 },
	{ NULL, 0, 0 }
};
const struct field f_council_staff_add[] = {
	{ "name", FT_TEXT, 100 },
	{ "title", FT_TEXT, 100 },
	{ "login", FT_TEXT, 64 },
	{ "registered_on", FT_TEXT, 10 },
	{ "token", FT_HEX, 64 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_council_staff_edit[] = {
	{ "id", FT_INT, 20 },
	{ "version", FT_INT, 10 },
	{ "name", FT_TEXT, 100 },
	{ "title", FT_TEXT, 100 },
	{ "login", FT_TEXT, 64 },
	{ "registered_on", FT_TEXT, 10 },
	{ "ended_on", FT_TEXT, 10 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_council_staff_notify[] = {
	{ "id", FT_INT, 20 },
	{ "version", FT_INT, 10 },
	{ "notified_on", FT_TEXT, 10 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};

/* --- A3: the operator's appointment -------------------------------------- */

static void
operator_view(struct req *r)
{
	struct dbres	*res;
	char		 key[32], d[32];
	size_t		 i;

	view_set("Page.title", lang("council.op_title"));
	if ((res = db_query(STMT_OPAPPT_LIST, "")) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	for (i = 0; i < res->nrows; i++) {
		str_fmt(key, sizeof(key), "Appts.%zu", i);
		struct vnode *n = view_node(key);
		vnode_set(n, "login", dbres_get(res, i, OPAPPT_LIST_LOGIN));
		vnode_set(n, "name", dbres_get(res, i, OPAPPT_LIST_NAME));
		fmt_jst(d, sizeof(d), dbres_ll(res, i, OPAPPT_LIST_STARTED_AT), "%Y-%m-%d %H:%M");
		vnode_set(n, "from", d);
		if (dbres_get(res, i, OPAPPT_LIST_ENDED_AT) != NULL) {
			fmt_jst(d, sizeof(d), dbres_ll(res, i, OPAPPT_LIST_ENDED_AT), "%Y-%m-%d %H:%M");
			vnode_set(n, "to", d);
		} else
			vnode_set(n, "current", "1");
		vnode_set(n, "by_login", dbres_get(res, i, OPAPPT_LIST_APPOINTER_LOGIN));
		vnode_set(n, "by_name", dbres_get(res, i, OPAPPT_LIST_APPOINTER_NAME));
	}
	view_set_int("Appts_n", (long long)res->nrows);
	dbres_free(res);
	if (r->sess->roles & ROLE_PRESIDENT)
		view_set("Appoint.allowed", "1");
	http_page(r, 200, "council_operator.cs");
}

void
page_council_operator(struct req *r)
{
	if (str_eq(param(r, "m"), "appointed"))
		view_set("Flash", lang("council.op_appointed"));
	operator_view(r);
}

/*
 * Appoints the user named by login: ends the open appointment, moves the
 * operator role from its holder to the appointee, records and audits it,
 * all in one transaction.
 */
void
page_council_appoint(struct req *r)
{
	const char	*login = param(r, "login");
	struct dbres	*u = NULL, *cur = NULL;
	long long	 uid, prev_uid = 0, t = now();

	if (form_empty(login)) {
		view_set("Appoint.err_login", lang("council.need_login"));
		goto form;
	}
	if (db_begin() != DB_OK)
		goto dberr;
	if ((u = db_query(STMT_USER_ACTIVE_BY_LOGIN, "s", login)) == NULL ||
	    (cur = db_query(STMT_OPAPPT_CURRENT, "")) == NULL)
		goto dberr;
	if (u->nrows == 0) {
		view_set("Appoint.err_login", lang("council.no_user"));
		goto rollback_form;
	}
	uid = dbres_ll(u, 0, USER_ACTIVE_BY_LOGIN_ID);
	if (cur->nrows > 0) {
		prev_uid = dbres_ll(cur, 0, OPAPPT_CURRENT_USER_ID);
		if (prev_uid == uid) {
			view_set("Appoint.err_login", lang("council.already"));
			goto rollback_form;
		}
		if (db_exec(STMT_OPAPPT_END, "ii", t, dbres_ll(cur, 0, OPAPPT_CURRENT_ID)) != 1 ||
		    db_exec(STMT_ROLE_DELETE, "is", prev_uid, "operator") < 0)
			goto dberr;
	}
	if (db_exec(STMT_OPAPPT_INSERT, "iii", uid, t, r->sess->user_id) != 1 ||
	    db_exec(STMT_ROLE_INSERT, "is", uid, "operator") < 0)
		goto dberr;
	if (audit(r, &(struct audit_entry){ .action = "operator.appoint",
	    .object_type = "user", .object_id = login,
	    .detail = prev_uid ? "previous appointment ended" : "first" }) != 0 ||
	    db_commit() != DB_OK)
		goto dberr;
	dbres_free(u);
	dbres_free(cur);
	http_redirect(r, "/council/operator?m=appointed");
	return;
dberr:
	db_rollback();
	dbres_free(u);
	dbres_free(cur);
	http_error(r, 503, "db", NULL);
	return;
rollback_form:
	db_rollback();
	dbres_free(u);
	dbres_free(cur);
form:
	view_set("Appoint.login", login);
	operator_view(r);
}

/* --- A4.1: the staff registry --------------------------------------------- */

/* Lists registrations and their history; the add form gets a fresh token. */
static void
staff_view(struct req *r)
{
	static const char *const hcols[STAFF_HISTORY_LIST__NCOLS] = {
	    [STAFF_HISTORY_LIST_REGISTRATION_ID] = "id",
	    [STAFF_HISTORY_LIST_VERSION] = "version",
	    [STAFF_HISTORY_LIST_ACTION] = "action",
	    [STAFF_HISTORY_LIST_NAME] = "name",
	    [STAFF_HISTORY_LIST_TITLE] = "title",
	    [STAFF_HISTORY_LIST_LOGIN] = "login",
	    [STAFF_HISTORY_LIST_REGISTERED_ON] = "registered_on",
	    [STAFF_HISTORY_LIST_NOTIFIED_ON] = "notified_on",
	    [STAFF_HISTORY_LIST_ENDED_ON] = "ended_on",
	    [STAFF_HISTORY_LIST_CHANGER_LOGIN] = "by",
	    [STAFF_HISTORY_LIST_CHANGED_AT] = ROW_TIME("at") };
	struct dbres	*res;
	char		 d[32], tok[65];
	size_t		 i, unnotified = 0;

	view_set("Page.title", lang("council.staff_title"));
	if (r->sess->roles & ROLE_OPERATOR) {
		view_set("Staff_edit_allowed", "1");
		if (view_get("Add.token") == NULL) {
			if (pki_token_hex(tok, sizeof(tok), 32) == -1) {
				http_error(r, 503, "db", NULL);
				return;
			}
			view_set("Add.token", tok);
		}
		if (view_get("Add.registered_on") == NULL) {
			fmt_jst(d, sizeof(d), now(), "%Y-%m-%d");
			view_set("Add.registered_on", d);
		}
	}
	fmt_jst(d, sizeof(d), now(), "%Y-%m-%d");
	view_set("Today", d);
	if ((res = db_query(STMT_STAFF_LIST, "")) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	for (i = 0; i < res->nrows; i++) {
		static const char *const cols[STAFF_LIST__NCOLS] = {
		    [STAFF_LIST_ID] = "id",
		    [STAFF_LIST_NAME] = "name",
		    [STAFF_LIST_TITLE] = "title",
		    [STAFF_LIST_LOGIN] = "login",
		    [STAFF_LIST_REGISTERED_ON] = "registered_on",
		    [STAFF_LIST_NOTIFIED_ON] = "notified_on",
		    [STAFF_LIST_ENDED_ON] = "ended_on",
		    [STAFF_LIST_VERSION] = "version" };
		struct vnode *n = view_row("Staff", res, i, cols, NITEMS(cols));
		if (dbres_get(res, i, STAFF_LIST_NOTIFIED_ON) == NULL && dbres_get(res, i, STAFF_LIST_ENDED_ON) == NULL) {
			vnode_set(n, "unnotified", "1");
			unnotified++;
		}
	}
	view_set_int("Staff_n", (long long)res->nrows);
	view_set_int("Staff_unnotified", (long long)unnotified);
	dbres_free(res);
	if ((res = db_query(STMT_STAFF_HISTORY_LIST, "")) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	view_set_int("Hist_n", (long long)view_rows("Hist", res, hcols,
	    NITEMS(hcols)));
	dbres_free(res);
	http_page(r, 200, "council_staff.cs");
}

/* Fills the edit form from the stored registration; 0, or -1 with a page sent. */
static int
staff_edit_load(struct req *r, long long id)
{
	struct dbres	*res;

	if ((res = row_load(r, STMT_STAFF_GET, "i", id)) == NULL)
		return -1;
	view_set("Edit.id", dbres_get(res, 0, STAFF_GET_ID));
	view_set("Edit.name", dbres_get(res, 0, STAFF_GET_NAME));
	view_set("Edit.title", dbres_get(res, 0, STAFF_GET_TITLE));
	view_set("Edit.login", dbres_get(res, 0, STAFF_GET_LOGIN));
	view_set("Edit.registered_on", dbres_get(res, 0, STAFF_GET_REGISTERED_ON));
	view_set("Edit.ended_on", dbres_get(res, 0, STAFF_GET_ENDED_ON));
	view_set("Edit.version", dbres_get(res, 0, STAFF_GET_VERSION));
	if (dbres_get(res, 0, STAFF_GET_ENDED_ON) != NULL)
		view_set("Edit.closed", "1");
	dbres_free(res);
	return 0;
}

void
page_council_staff(struct req *r)
{
	const char	*m = param(r, "m");
	long long	 id;

	if (str_eq(m, "added") || str_eq(m, "updated") || str_eq(m, "notified") ||
	    str_eq(m, "dup")) {
		char key[40];
		str_fmt(key, sizeof(key), "council.staff_%s", m);
		view_set("Flash", lang(key));
	}
	if (!form_empty(param(r, "edit")) && (r->sess->roles & ROLE_OPERATOR)) {
		if (str_to_ll(param(r, "edit"), 1, 1LL << 60, &id) == -1) {
			http_error(r, 400, "type", "edit");
			return;
		}
		if (staff_edit_load(r, id) == -1)
			return;
	}
	staff_view(r);
}

/*
 * Checks name, title, login and the dates under prefix ("Add" or "Edit");
 * sets a message beside each bad field. Returns the number of errors; *uid
 * is the linked user's id or 0.
 */
static int
staff_check(const struct req *r, const char *prefix, long long *uid)
{
	struct dbres	*res;
	const char	*login = param(r, "login"), *reg = param(r, "registered_on");
	const char	*ended = param_opt(r, "ended_on");	/* edits only */
	char		 key[48];
	int		 bad = 0;

	*uid = 0;
#define FERR(f, msg) do {						\
		str_fmt(key, sizeof(key), "%s.err_%s", prefix, f);	\
		view_set(key, lang(msg));				\
		bad++;							\
	} while (0)
	if (form_empty(param(r, "name")))
		FERR("name", "council.need_name");
	if (form_empty(param(r, "title")))
		FERR("title", "council.need_title");
	if (form_empty(reg) || !valid_date(reg))
		FERR("registered_on", "council.bad_date");
	if (!form_empty(ended) && (!valid_date(ended) || (reg && valid_date(reg) &&
	    strcmp(ended, reg) < 0)))
		FERR("ended_on", "council.bad_end");
	if (!form_empty(login)) {
		if ((res = db_query(STMT_USER_ACTIVE_BY_LOGIN, "s", login)) == NULL)
			return -1;
		if (res->nrows == 0)
			FERR("login", "council.no_user");
		else
			*uid = dbres_ll(res, 0, USER_ACTIVE_BY_LOGIN_ID);
		dbres_free(res);
	}
#undef FERR
	return bad;
}

/* Keeps the staff role in step with the user's open registrations. */
static int
staff_role_sync(long long uid)
{
	struct dbres	*res;
	long long	 n;

	if (uid == 0)
		return 0;
	if ((res = db_query(STMT_STAFF_ACTIVE_COUNT, "i", uid)) == NULL)
		return -1;
	n = dbres_ll(res, 0, STAFF_ACTIVE_COUNT_N);
	dbres_free(res);
	if (n > 0)
		return db_exec(STMT_ROLE_INSERT, "is", uid, "staff") < 0 ? -1 : 0;
	return db_exec(STMT_ROLE_DELETE, "is", uid, "staff") < 0 ? -1 : 0;
}

void
page_council_staff_add(struct req *r)
{
	static const char *const keep[] = { "name", "title", "login",
	    "registered_on", "token", NULL };
	const char	*token = param(r, "token");
	long long	 uid, id;
	char		 ids[24], by[24];
	int		 bad, rc;

	if (form_empty(token) || strlen(token) != 64) {
		http_error(r, 400, "type", "token");
		return;
	}
	if ((bad = staff_check(r, "Add", &uid)) < 0) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (bad > 0) {
		form_keep(r, "Add", keep, NITEMS(keep));
		staff_view(r);
		return;
	}
	if (db_begin() != DB_OK)
		goto dberr;
	str_fmt(by, sizeof(by), "%lld", uid);
	rc = db_exec(STMT_STAFF_INSERT, "sssssi", param(r, "name"),
	    param(r, "title"), uid ? by : NULL,
	    param(r, "registered_on"), token, r->sess->user_id);
	if (rc == DB_DUP) {
		/* The same form sent twice: the first one registered it. */
		db_rollback();
		http_redirect(r, "/council/staff?m=dup");
		return;
	}
	if (rc != 1)
		goto dberr;
	id = (long long)db_last_id();
	str_fmt(ids, sizeof(ids), "%lld", id);
	if (db_exec(STMT_STAFF_HISTORY_ADD, "sii", "register",
	    r->sess->user_id, id) != 1 || staff_role_sync(uid) == -1 ||
	    audit(r, &(struct audit_entry){ .action = "staff.register",
	    .object_type = "staff", .object_id = ids }) != 0 ||
	    db_commit() != DB_OK)
		goto dberr;
	http_redirect(r, "/council/staff?m=added");
	return;
dberr:
	db_rollback();
	http_error(r, 503, "db", NULL);
}

/* Reads id and version; 0, or -1 with a 400 page sent. */
static int
id_version(struct req *r, long long *id, long long *ver)
{
	if (str_to_ll(param(r, "id"), 1, 1LL << 60, id) == -1) {
		http_error(r, 400, "type", "id");
		return -1;
	}
	if (str_to_ll(param(r, "version"), 1, 2000000000, ver) == -1) {
		http_error(r, 400, "type", "version");
		return -1;
	}
	return 0;
}

/* Changes or ends a registration; a stale version is a 409 page. */
void
page_council_staff_edit(struct req *r)
{
	static const char *const keep[] = { "id", "version", "name", "title",
	    "login", "registered_on", "ended_on", NULL };
	struct dbres	*old = NULL;
	const char	*ended = param(r, "ended_on");
	long long	 id, ver, uid, old_uid = 0;
	char		 ids[24], us[24];
	int		 bad, rc;

	if (id_version(r, &id, &ver) == -1)
		return;
	if ((bad = staff_check(r, "Edit", &uid)) < 0) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (bad > 0) {
		form_keep(r, "Edit", keep, NITEMS(keep));
		staff_view(r);
		return;
	}
	if (db_begin() != DB_OK ||
	    (old = db_query(STMT_STAFF_GET, "i", id)) == NULL)
		goto dberr;
	if (old->nrows == 0) {
		dbres_free(old);
		db_rollback();
		http_error(r, 404, NULL, NULL);
		return;
	}
	old_uid = dbres_get(old, 0, STAFF_GET_USER_ID) ? dbres_ll(old, 0, STAFF_GET_USER_ID) : 0;
	dbres_free(old);
	str_fmt(us, sizeof(us), "%lld", uid);
	rc = db_exec(STMT_STAFF_UPDATE, "sssssii", param(r, "name"),
	    param(r, "title"), uid ? us : NULL, param(r, "registered_on"),
	    form_empty(ended) ? NULL : ended, id, ver);
	if (rc == 0) {
		db_rollback();
		http_error(r, 409, NULL, NULL);
		return;
	}
	str_fmt(ids, sizeof(ids), "%lld", id);
	if (rc != 1 || db_exec(STMT_STAFF_HISTORY_ADD, "sii",
	    form_empty(ended) ? "change" : "end", r->sess->user_id, id) != 1 ||
	    staff_role_sync(old_uid) == -1 ||
	    (uid != old_uid && staff_role_sync(uid) == -1) ||
	    audit(r, &(struct audit_entry){ .action = form_empty(ended) ?
	    "staff.change" : "staff.end", .object_type = "staff",
	    .object_id = ids }) != 0 || db_commit() != DB_OK)
		goto dberr;
	http_redirect(r, "/council/staff?m=updated");
	return;
dberr:
	db_rollback();
	http_error(r, 503, "db", NULL);
}

/* Records the date the president was notified of a registration (A4.1). */
void
page_council_staff_notify(struct req *r)
{
	const char	*on = param(r, "notified_on");
	char		 today[16], ids[24];
	long long	 id, ver;
	int		 rc;

	if (id_version(r, &id, &ver) == -1)
		return;
	if (form_empty(on)) {
		fmt_jst(today, sizeof(today), now(), "%Y-%m-%d");
		on = today;
	}
	if (!valid_date(on)) {
		view_set_int("Notify.id", id);
		view_set("Notify.err", lang("council.bad_date"));
		view_set("Notify.value", on);
		staff_view(r);
		return;
	}
	if (db_begin() != DB_OK)
		goto dberr;
	rc = db_exec(STMT_STAFF_NOTIFY, "sii", on, id, ver);
	if (rc == 0) {
		db_rollback();
		http_error(r, 409, NULL, NULL);
		return;
	}
	str_fmt(ids, sizeof(ids), "%lld", id);
	if (rc != 1 || db_exec(STMT_STAFF_HISTORY_ADD, "sii", "notify",
	    r->sess->user_id, id) != 1 ||
	    audit(r, &(struct audit_entry){ .action = "staff.notify",
	    .object_type = "staff", .object_id = ids, .detail = on }) != 0 ||
	    db_commit() != DB_OK)
		goto dberr;
	http_redirect(r, "/council/staff?m=notified");
	return;
dberr:
	db_rollback();
	http_error(r, 503, "db", NULL);
}
