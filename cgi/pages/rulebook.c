/*
 * rulebook.c: the rules (運用規程) and the information-handling document
 * (A8.2) as versioned text: every user reads the version in force
 * (/rules, linked from every page's footer), acknowledges it with the laws
 * of A11.1 and A11.2, A11.3 at first login and after every amendment
 * (/rules/acknowledge; no patient data until then: the dispatcher's gate),
 * and the operator loads versions and sees who has not acknowledged
 * (/admin/rules).
 */
#include <stdio.h>
#include <string.h>

#include "base/config.h"
#include "base/util.h"
#include "db/db.h"
#include "pages/pages.h"
#include "pki/pki.h"
#include "rules/rulebook.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/form.h"
#include "web/render.h"
#include "web/rows.h"
#include "web/session.h"

const struct field f_rules[] = {
	{ "v", FT_INT, 20 },
	{ NULL, 0, 0 }
};
const struct field f_rules_ack[] = {
	{ "version", FT_INT, 20 }, { "confirm", FT_TOKEN, 1 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_rules_admin[] = {
	{ "v", FT_INT, 20 }, { "m", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};
const struct field f_rules_load[] = {
	{ "title", FT_TEXT, 200 }, { "effective_on", FT_DATE, 10 },
	{ "body", FT_LINES, RULEBOOK_TEXT_MAX }, { "handling", FT_LINES, RULEBOOK_TEXT_MAX },
	{ "idem", FT_HEX, 64 }, { "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};

/* ?v= (a version's id) when the route takes it, else 0: POST pages show the page again. */
static long long
opt_v(const struct req *r)
{
	long long	 v;

	return str_to_ll(param_opt(r, "v"), 1, 1LL << 60, &v) == 0 ? v : 0;
}

/*
 * Loads version id (0: the one in force) into Rules.*; *vid receives its
 * id (0: none). 0, or -1 on a database error. A version that does not
 * exist leaves Rules empty.
 */
static int
version_view(long long id, long long *vid)
{
	static const char *const cols[RULES_GET__NCOLS] = {
	    [RULES_GET_ID] = "id", [RULES_GET_SEQ] = "seq",
	    [RULES_GET_TITLE] = "title", [RULES_GET_BODY] = "body",
	    [RULES_GET_HANDLING] = "handling",
	    [RULES_GET_EFFECTIVE_ON] = "effective_on",
	    [RULES_GET_SOURCE] = "source",
	    [RULES_GET_AGENDA_ITEM_ID] = "agenda_item",
	    [RULES_GET_SHA256] = "sha256",
	    [RULES_GET_CREATOR_NAME] = "creator",
	    [RULES_GET_CREATED_AT] = ROW_TIME("created") };
	struct dbres	*res;
	char		 day[11], w[64];
	long long	 now_id;

	*vid = 0;
	if ((now_id = rulebook_in_force(NULL)) < 0)
		return -1;
	if (id <= 0)
		id = now_id;
	if (id == 0)
		return 0;
	if ((res = db_query(STMT_RULES_GET, "i", id)) == NULL)
		return -1;
	if (res->nrows > 0) {
		struct vnode *n = view_node("Rules");
		vnode_row(n, res, 0, cols, NITEMS(cols));
		if (rulebook_date_wareki(dbres_get(res, 0, RULES_GET_EFFECTIVE_ON),
		    w, sizeof(w)) == 0)
			vnode_set(n, "effective_wareki", w);
		today(day);
		if (id == now_id)
			vnode_set(n, "in_force", "1");
		else if (strcmp(dbres_get(res, 0, RULES_GET_EFFECTIVE_ON), day) > 0)
			vnode_set(n, "future", "1");
		*vid = id;
	}
	dbres_free(res);
	return 0;
}

/* Every version into Versions.*, marking the one in force; 0 or -1. */
static int
versions_view(void)
{
	static const char *const cols[RULES_LIST__NCOLS] = {
	    [RULES_LIST_ID] = "id", [RULES_LIST_SEQ] = "seq",
	    [RULES_LIST_TITLE] = "title",
	    [RULES_LIST_EFFECTIVE_ON] = "effective_on",
	    [RULES_LIST_SOURCE] = "source",
	    [RULES_LIST_AGENDA_ITEM_ID] = "agenda_item",
	    [RULES_LIST_ACKED] = "acked" };
	struct dbres	*res;
	long long	 now_id;
	char		 day[11];

	if ((now_id = rulebook_in_force(NULL)) < 0 ||
	    (res = db_query(STMT_RULES_LIST, "")) == NULL)
		return -1;
	today(day);
	for (size_t i = 0; i < res->nrows; i++) {
		struct vnode *n = view_row("Versions", res, i,
		    cols, NITEMS(cols));
		if (dbres_ll(res, i, RULES_LIST_ID) == now_id)
			vnode_set(n, "in_force", "1");
		else if (strcmp(dbres_get(res, i, RULES_LIST_EFFECTIVE_ON), day) > 0)
			vnode_set(n, "future", "1");
	}
	dbres_free(res);
	return 0;
}

/* GET /rules: the version in force (or ?v=), for everyone with a certificate. */
void
page_rules(struct req *r)
{
	long long	 vid;

	if (version_view(form_ll(r, "v"), &vid) == -1 || versions_view() == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (vid == 0 && form_ll(r, "v") > 0) {
		http_error(r, 404, NULL, NULL);
		return;
	}
	view_set("Page.title", lang("rulebook.title"));
	http_page(r, 200, "rules.cs");
}

/* The acknowledgement page for the version in force; status 200 or 422. */
static void
ack_form(struct req *r, int status)
{
	struct dbres	*a;
	long long	 vid;

	if (version_view(0, &vid) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (vid == 0) {		/* nothing to acknowledge */
		http_redirect(r, "/");
		return;
	}
	if ((a = db_query(STMT_RULES_ACK_GET, "ii", r->sess->user_id, vid)) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (a->nrows > 0)
		vnode_time(view_node("Ack"), "at", a, 0, RULES_ACK_GET_ACKED_AT);
	dbres_free(a);
	view_set("Page.title", lang("rulebook.ack_title"));
	http_page(r, status, "rules_ack.cs");
}

void
page_rules_ack(struct req *r)
{
	ack_form(r, 200);
}

/*
 * POST /rules/acknowledge: the user read and acknowledges the version in
 * force (the one the page showed: a newer one in between is a 409), kept
 * with the time and the certificate and audited.
 */
void
page_rules_ack_post(struct req *r)
{
	long long	 vid, asked = form_ll(r, "version");
	int		 seq = 0;
	char		 oid[24], d[32];

	if ((vid = rulebook_in_force(&seq)) < 0) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (vid == 0 || asked != vid) {
		http_error(r, 409, NULL, NULL);
		return;
	}
	if (!str_eq(param(r, "confirm"), "1")) {
		form_err("rulebook", "confirm", "confirm");
		ack_form(r, 422);
		return;
	}
	if (form_begin(r) == -1)
		return;
	if (db_exec(STMT_RULES_ACK_INSERT, "iis", r->sess->user_id, vid,
	    r->cert.serial) < 0) {
		form_db_fail(r);
		return;
	}
	snprintf(oid, sizeof(oid), "%lld", vid);
	snprintf(d, sizeof(d), "version %d", seq);
	if (form_commit(r, &(struct audit_entry){ .action = "rules.acknowledge",
	    .object_type = "rules_version", .object_id = oid, .detail = d }) == -1)
		return;
	http_redirect(r, "/?m=rules");
}

/* The operator's page: versions, the load form, who has not acknowledged. */
static void
admin_view(struct req *r, int status)
{
	static const char *const cols[RULES_NOT_ACKED__NCOLS] = {
	    [RULES_NOT_ACKED_LOGIN] = "login", [RULES_NOT_ACKED_NAME] = "name",
	    [RULES_NOT_ACKED_FACILITY_NAME] = "facility",
	    [RULES_NOT_ACKED_FACILITY_CODE] = "facility_code",
	    [RULES_NOT_ACKED_ROLES] = "roles",
	    [RULES_NOT_ACKED_LAST_LOGIN] = ROW_TIME("last_login") };
	struct dbres	*res;
	long long	 vid;
	char		 idem[65];

	if (version_view(opt_v(r), &vid) == -1 || versions_view() == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (vid > 0) {
		if ((res = db_query(STMT_RULES_NOT_ACKED, "i", vid)) == NULL) {
			http_error(r, 503, "db", NULL);
			return;
		}
		size_t n = res->nrows > 1000 ? 1000 : res->nrows;
		for (size_t i = 0; i < n; i++) {
			view_row("NotAcked", res, i, cols, NITEMS(cols));
		}
		view_set_int("NotAcked_n", (long long)n);
		if (res->nrows > 1000)
			view_set("NotAcked_more", "1");
		dbres_free(res);
		if ((res = db_query(STMT_RULES_ACTIVE_USERS, "i", vid)) == NULL) {
			http_error(r, 503, "db", NULL);
			return;
		}
		view_set("Count.users", dbres_get(res, 0, RULES_ACTIVE_USERS_N));
		view_set("Count.acked", dbres_get(res, 0, RULES_ACTIVE_USERS_ACKED));
		dbres_free(res);
	}
	if (view_get("Form.idem") == NULL && pki_token_hex(idem, sizeof(idem), 32) == 0)
		view_set("Form.idem", idem);
	form_flash(r, "rulebook");
	view_set("Page.title", lang("rulebook.admin_title"));
	http_page(r, status, "rules_admin.cs");
}

void
page_rules_admin(struct req *r)
{
	admin_view(r, 200);
}

/*
 * One text of the load form: the upload name_file if one was sent (it
 * wins), else the text area name. *s and *len point into the request.
 * 0, or 1 with a field error set (what: "required" when the text is
 * needed, NULL when it may be left out: *s is then NULL).
 */
static int
load_text(struct req *r, const char *name, int required, const char **s,
    size_t *len)
{
	char			 fname[48];
	const struct upload	*u;
	const char		*why;

	str_fmt(fname, sizeof(fname), "%s_file", name);
	if ((u = mp_file(&r->files, fname)) != NULL && u->len > 0) {
		*s = u->data;
		*len = u->len;
	} else {
		*s = param(r, name);
		*len = *s != NULL ? strlen(*s) : 0;
	}
	if (!required && (*s == NULL || *len == 0)) {
		*s = NULL;
		return 0;
	}
	if ((why = rulebook_text_check(*s, *len)) == NULL)
		return 0;
	form_err("rulebook", name, why);
	return 1;
}

/*
 * POST /admin/rules/load: the operator loads a version (pasted or a UTF-8
 * text file) with its effective day; the handling document stays the
 * newest version's unless a new one is given. Audited.
 */
void
page_rules_load(struct req *r)
{
	struct rulebook_new	 v = { 0 };
	const char		*idem = param(r, "idem");
	long long		 id = 0;
	int			 bad = 0, rc;
	char			 where[64];

	v.title = param(r, "title");
	v.effective_on = param(r, "effective_on");
	if (form_blank(v.title))
		form_err("rulebook", "title", "required"), bad = 1;
	if (form_empty(v.effective_on))
		form_err("rulebook", "effective_on", "required"), bad = 1;
	if (form_empty(idem) || strlen(idem) != 64) {
		http_error(r, 400, "type", "idem");
		return;
	}
	bad |= load_text(r, "body", 1, &v.body, &v.body_len);
	bad |= load_text(r, "handling", 0, &v.handling, &v.handling_len);
	v.source = "loaded";
	v.created_by = r->sess->user_id;
	v.idem = idem;
	if (!bad) {
		if (form_begin(r) == -1)
			return;
		rc = rulebook_create(&v, &id);
		if (rc == RULEBOOK_E_DUP) {	/* the same form again */
			db_rollback();
			str_fmt(where, sizeof(where), "/admin/rules?v=%lld", id);
			http_redirect(r, where);
			return;
		}
		if (rc == RULEBOOK_E_DB) {
			form_db_fail(r);
			return;
		}
		if (rc == RULEBOOK_OK) {
			form_commit_go(r, "rules.load", "rules_version", id,
			    v.effective_on,
			    "/admin/rules?v=%lld&m=loaded", id);
			return;
		}
		db_rollback();
		form_err("rulebook", rc == RULEBOOK_E_DATE ? "effective_on" :
		    "handling", rc == RULEBOOK_E_DATE ? "date_order" :
		    "handling_first");
	}
	/* What was typed stays (an uploaded file must be chosen again). */
	view_set("Form.title", v.title);
	view_set("Form.effective_on", v.effective_on);
	view_set("Form.body", param(r, "body"));
	view_set("Form.handling", param(r, "handling"));
	view_set("Form.idem", idem);
	admin_view(r, 422);
}
