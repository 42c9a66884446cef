/* certs.c: the operator's certificate pages: list, expiring, issue, one-time download, revoke (A4.2) */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/config.h"
#include "base/util.h"
#include "db/db.h"
#include "pages/pages.h"
#include "rules/certs.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/form.h"
#include "web/render.h"
#include "web/rows.h"
#include "web/session.h"

#define EXPIRY_WARN_DAYS	30

const struct field f_certs[] = {
	{ "view", FT_TOKEN, 16 },
	{ "m", FT_TOKEN, 16 },
	{ "user", FT_INT, 20 },		/* issue 20: the issue form filled in for this user */
	{ NULL, 0, 0 }
};
const struct field f_cert_revoke_get[] = {
	{ "serial", FT_HEX, 66 },
	{ NULL, 0, 0 }
};
const struct field f_cert_issue[] = {
	{ "login", FT_TEXT, 64 },
	{ "days", FT_INT, 4 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_cert_download[] = {
	{ "id", FT_INT, 20 },
	{ NULL, 0, 0 }
};
const struct field f_init_password[] = {
	{ "login", FT_TEXT, 64 },
	{ "days", FT_INT, 4 },		/* sent by the issue form it shares; unused */
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_cert_revoke[] = {
	{ "serial", FT_HEX, 66 },
	{ "reason", FT_TOKEN, 32 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};

/*
 * Issue 20: the accounts waiting for their first (or a new) certificate,
 * oldest first: the operator's queue after a decision made an account.
 */
static void
waiting_list(void)
{
	static const char *const cols[CERT_WAITING__NCOLS] = {
	    [CERT_WAITING_ID] = "id", [CERT_WAITING_LOGIN] = "login",
	    [CERT_WAITING_NAME] = "name", [CERT_WAITING_FACILITY_NAME] = "facility" };
	struct dbres	*res;

	if ((res = db_query(STMT_CERT_WAITING, "i", (long long)now())) == NULL)
		return;
	view_set_int("Waiting_n", (long long)view_rows("Waiting", res, cols,
	    NITEMS(cols)));
	dbres_free(res);
}

/* The issue form filled in for user id (a notification's link). */
static void
issue_for(long long id)
{
	struct dbres	*u;

	if (id <= 0 || (u = db_query(STMT_USER_GET, "i", id)) == NULL)
		return;
	if (u->nrows > 0)
		view_set("Issue.login", dbres_get(u, 0, USER_GET_LOGIN));
	dbres_free(u);
}

static void
cert_list(struct req *r, int expiring)
{
	struct dbres	*res;
	long long	 t = now();
	size_t		 i;

	res = expiring ? db_query(STMT_CERT_LIST_EXPIRING, "i",
	    t + EXPIRY_WARN_DAYS * 86400LL) : db_query(STMT_CERT_LIST, "");
	if (res == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	for (i = 0; i < res->nrows; i++) {
		static const char *const cols[CERT_LIST__NCOLS] = {
		    [CERT_LIST_ID] = "id",
		    [CERT_LIST_SERIAL] = "serial",
		    [CERT_LIST_LOGIN] = "login",
		    [CERT_LIST_USER_NAME] = "name",
		    [CERT_LIST_FACILITY_NAME] = "facility",
		    [CERT_LIST_NOT_AFTER] = ROW_TIME("not_after") };
		struct vnode *n = view_row("Certs", res, i, cols, NITEMS(cols));
		vnode_set(n, "status", dbres_get(res, i, CERT_LIST_STATUS));
		vnode_set(n, "pending_download", dbres_get(res, i, CERT_LIST_HAS_P12));
		vnode_set(n, "reason", dbres_get(res, i, CERT_LIST_REVOKE_REASON));
		long long left = (dbres_ll(res, i, CERT_LIST_NOT_AFTER) - t) / 86400;
		vnode_set_int(n, "days_left", left);
		if (str_eq(dbres_get(res, i, CERT_LIST_STATUS), "active") && left < EXPIRY_WARN_DAYS)
			vnode_set(n, "expiring", "1");
	}
	view_set_int("Certs_n", (long long)res->nrows);
	dbres_free(res);
	waiting_list();
}

void
page_certs(struct req *r)
{
	const char	*m = param(r, "m");
	int		 expiring = str_eq(param(r, "view"), "expiring");

	view_set("Page.title", lang("certs.title"));
	view_set("Certs_view", expiring ? "expiring" : "all");
	if (str_eq(m, "revoked") || str_eq(m, "notfound"))
		view_set("Flash", lang(str_eq(m, "revoked") ? "certs.revoked" :
		    "certs.not_found"));
	issue_for(form_id(r, "user"));
	cert_list(r, expiring);
	if (r->status == 0)
		http_page(r, 200, "certs.cs");
}

void
page_cert_issue(struct req *r)
{
	const char		*login = param(r, "login");
	struct pki_issued	 is;
	long long		 days = 365, id = 0;
	char			 err[256];

	if (param(r, "days") != NULL && *param(r, "days") != '\0' &&
	    (str_to_ll(param(r, "days"), 1, 1095, &days) == -1)) {
		view_set("Issue.err_days", lang("certs.bad_days"));
		goto form;
	}
	if (login == NULL || *login == '\0') {
		view_set("Issue.err_login", lang("certs.need_login"));
		goto form;
	}
	if (certs_issue(r, login, (int)days, 0, NULL, &is, &id, err,
	    sizeof(err)) == -1) {
		view_set("Issue.err_login", lang("certs.no_user"));
		goto form;
	}
	/* The one-time password is shown here once and stored nowhere. */
	view_set("Page.title", lang("certs.issued_title"));
	view_set("Issued.login", login);
	view_set("Issued.serial", is.info.serial);
	view_set("Issued.password", is.p12_password);
	char na[32];
	fmt_jst(na, sizeof(na), (long long)is.info.not_after_t, "%Y-%m-%d %H:%M");
	view_set("Issued.not_after", na);
	view_set_int("Issued.id", id);
	pki_issued_free(&is);
	http_page(r, 200, "cert_issued.cs");
	return;
form:
	view_set("Issue.login", login);
	view_set("Issue.days", param(r, "days"));
	view_set("Page.title", lang("certs.title"));
	cert_list(r, 0);
	if (r->status == 0)
		http_page(r, 200, "certs.cs");
}

/* The PKCS#12 leaves the database with its one download (A4.2). */
void
page_cert_download(struct req *r)
{
	struct dbres	*res;
	long long	 id;
	char		 cd[160];

	if (str_to_ll(param(r, "id"), 1, 1LL << 60, &id) == -1) {
		http_error(r, 400, "type", "id");
		return;
	}
	if (db_begin() != DB_OK || (res = db_query(STMT_CERT_P12_GET, "i", id)) == NULL) {
		db_rollback();
		http_error(r, 503, "db", NULL);
		return;
	}
	if (res->nrows == 0) {
		dbres_free(res);
		db_rollback();
		http_error(r, 404, "p12_gone", NULL);
		return;
	}
	if (db_exec(STMT_CERT_P12_CLEAR, "i", id) != 1 ||
	    audit(r, &(struct audit_entry){ .action = "cert.download",
	    .object_type = "cert", .object_id = dbres_get(res, 0, CERT_P12_GET_SERIAL) }) != 0 ||
	    db_commit() != DB_OK) {
		dbres_free(res);
		db_rollback();
		http_error(r, 503, "db", NULL);
		return;
	}
	buf_reset(&r->body_out);
	buf_add(&r->body_out, dbres_get(res, 0, CERT_P12_GET_P12), dbres_len(res, 0, CERT_P12_GET_P12));
	str_fmt(cd, sizeof(cd), "attachment; filename=\"%s.p12\"",
	    dbres_get(res, 0, CERT_P12_GET_SERIAL));
	dbres_free(res);
	r->status = 200;
	r->ctype = "application/x-pkcs12";
	http_header(r, "Content-Disposition", cd);
}

/*
 * The revocation page (issue 20): whose certificate, what happens, and the
 * reason, chosen here and never in advance. status 200, or 422 with the
 * reason's error beside it.
 */
static void
revoke_page(struct req *r, const char *serial, int status)
{
	struct dbres	*c;
	char		 d[32];

	if (form_empty(serial)) {
		http_error(r, 400, "type", "serial");
		return;
	}
	if ((c = db_query(STMT_CERT_BY_SERIAL, "s", serial)) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (c->nrows == 0 || !str_eq(dbres_get(c, 0, CERT_BY_SERIAL_STATUS), "active")) {
		dbres_free(c);
		http_redirect(r, "/admin/certs?m=notfound");
		return;
	}
	struct vnode *n = view_node("Revoke");
	vnode_set(n, "serial", serial);
	vnode_set(n, "login", dbres_get(c, 0, CERT_BY_SERIAL_LOGIN));
	vnode_set(n, "name", dbres_get(c, 0, CERT_BY_SERIAL_USER_NAME));
	vnode_set(n, "facility", dbres_get(c, 0, CERT_BY_SERIAL_FACILITY_NAME));
	fmt_jst(d, sizeof(d), dbres_ll(c, 0, CERT_BY_SERIAL_NOT_AFTER), "%Y-%m-%d %H:%M");
	vnode_set(n, "not_after", d);
	dbres_free(c);
	view_set("Revoke.reason", param_opt(r, "reason"));
	view_set("Page.title", lang("office.revoke_title"));
	http_page(r, status, "cert_revoke.cs");
}

/* GET /admin/certs/revoke?serial=: asks first. */
void
page_cert_revoke_ask(struct req *r)
{
	revoke_page(r, param(r, "serial"), 200);
}

/* POST /admin/certs/revoke: with the reason chosen on the page that asked. */
void
page_cert_revoke(struct req *r)
{
	const char	*serial = param(r, "serial"), *reason = param(r, "reason");
	char		 err[256];
	int		 rc;

	if (serial == NULL || *serial == '\0') {
		http_error(r, 400, "type", "serial");
		return;
	}
	if (reason == NULL || !certs_reason_valid(reason)) {
		form_err("office", "reason", "choose");
		revoke_page(r, serial, 422);
		return;
	}
	rc = certs_revoke(r, serial, reason, err, sizeof(err));
	if (rc == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	http_redirect(r, rc == 0 ? "/admin/certs?m=revoked" :
	    "/admin/certs?m=notfound");
}

/*
 * An initial password for a user (a new registration, or a forgotten
 * one): random, shown to the operator once, to be changed at first login.
 * The user's sessions end.
 */
void
page_init_password(struct req *r)
{
	const char	*login = param(r, "login");
	char		 pw[15], hash[PKI_PASSWORD_MAX], err[128];
	struct dbres	*u;
	long long	 uid;

	if (login == NULL || *login == '\0' ||
	    (u = db_query(STMT_USER_BY_LOGIN, "s", login)) == NULL) {
		view_set("Issue.err_login", lang("certs.need_login"));
		goto form;
	}
	if (u->nrows == 0 || !str_eq(dbres_get(u, 0, USER_BY_LOGIN_STATUS), "active")) {
		dbres_free(u);
		view_set("Issue.err_login", lang("certs.no_user"));
		goto form;
	}
	uid = dbres_ll(u, 0, USER_BY_LOGIN_ID);
	dbres_free(u);
	if (pki_random_string(pw, sizeof(pw) - 1, PKI_PW_ALPHABET) == -1 ||
	    pki_password_hash(pw, hash, sizeof(hash), err, sizeof(err)) == -1 ||
	    db_begin() != DB_OK ||
	    db_exec(STMT_USER_SET_PASSWORD, "sii", hash, 1LL, uid) < 0 ||
	    session_end_user(uid, "password_reset") < 0 ||
	    audit(r, &(struct audit_entry){ .action = "password.initial",
	    .object_type = "user", .object_id = login }) != 0 ||
	    db_commit() != DB_OK) {
		db_rollback();
		goto fail;
	}
	view_set("Page.title", lang("certs.initpw_title"));
	view_set("Issued.login", login);
	view_set("Issued.initial", pw);
	explicit_bzero(pw, sizeof(pw));
	http_page(r, 200, "initpw.cs");
	return;
fail:
	http_error(r, 503, "db", NULL);
	return;
form:
	view_set("Issue.login", login);
	view_set("Page.title", lang("certs.title"));
	cert_list(r, 0);
	if (r->status == 0)
		http_page(r, 422, "certs.cs");
}
