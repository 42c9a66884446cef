/* council.c: applications (forms 1-3), sole decisions, meetings and their agenda, ID revocation (A9, A10, A13) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/kana.h"
#include "base/util.h"
#include "db/db.h"
#include "pages/agenda.h"
#include "pages/forms.h"
#include "pages/pages.h"
#include "pki/pki.h"
#include "rules/accounts.h"
#include "rules/certs.h"
#include "rules/council.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/form.h"
#include "web/render.h"
#include "web/rows.h"
#include "web/session.h"


const struct field f_apps[] = {
	{ "m", FT_TOKEN, 16 },
	{ "revoke", FT_TEXT, 64 },	/* issue 20: the ID revocation form filled in */
	{ NULL, 0, 0 }
};
const struct field f_app_new_get[] = {
	{ "kind", FT_TOKEN, 16 },
	{ "facility", FT_INT, 20 },	/* issue 20: form 1 of a facility the office added */
	{ "target", FT_INT, 20 },	/* issue 20: form 3 started from the roster's row */
	{ NULL, 0, 0 }
};
const struct field f_app_new[] = {
	{ "kind", FT_TOKEN, 16 }, { "idem", FT_HEX, 64 }, { "csrf", FT_HEX, 64 },
	{ "fac_name", FT_TEXT, 200 }, { "fac_kind", FT_TOKEN, 32 },
	{ "fac_address", FT_TEXT, 300 }, { "in_region", FT_TOKEN, 1 },
	{ "wants_disclosing", FT_TOKEN, 1 }, { "wants_viewing", FT_TOKEN, 1 },
	{ "manager_name", FT_TEXT, 100 },
	{ "user_login", FT_TEXT, 64 }, { "user_name", FT_TEXT, 100 },
	{ "profession", FT_TOKEN, 32 }, { "attestation", FT_TOKEN, 1 },
	{ "target", FT_INT, 20 }, { "effective_date", FT_DATE, 10 },
	{ "action", FT_TOKEN, 16 },
	{ "facility", FT_INT, 20 },	/* issue 20: form 1 of a facility the office added */
	APP_PAPER_FIELDS,	/* forms 1-3 as on paper (forms.c) */
	{ NULL, 0, 0 }
};
const struct field f_app_submit[] = {
	{ "id", FT_INT, 20 }, { "version", FT_INT, 10 }, { "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_app_view[] = {
	{ "id", FT_INT, 20 }, { "m", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};
const struct field f_app_decide[] = {
	{ "id", FT_INT, 20 }, { "version", FT_INT, 10 }, { "csrf", FT_HEX, 64 },
	{ "decision", FT_TOKEN, 16 }, { "reason", FT_LINES, 1000 },
	{ "sole_reason", FT_LINES, 1000 }, { "meeting", FT_INT, 20 },
	{ NULL, 0, 0 }
};
const struct field f_app_contract[] = {
	{ "id", FT_INT, 20 }, { "version", FT_INT, 10 }, { "csrf", FT_HEX, 64 },
	{ "filed_on", FT_DATE, 10 },
	{ NULL, 0, 0 }
};
const struct field f_app_cancel[] = {
	{ "id", FT_INT, 20 }, { "version", FT_INT, 10 }, { "csrf", FT_HEX, 64 },
	{ "filed_on", FT_DATE, 10 },
	{ NULL, 0, 0 }
};
const struct field f_revoke_id[] = {
	{ "login", FT_TEXT, 64 }, { "reason", FT_TOKEN, 32 },
	{ "detail", FT_LINES, 1000 }, { "csrf", FT_HEX, 64 },
	{ "confirm", FT_TOKEN, 1 },	/* issue 20: sent from the page that asked */
	{ NULL, 0, 0 }
};
const struct field f_meeting_held_get[] = {
	{ "id", FT_INT, 20 },
	{ NULL, 0, 0 }
};
const struct field f_meeting_new[] = {
	{ "held_on", FT_DATE, 10 }, { "attendees", FT_LINES, 2000 },
	{ "idem", FT_HEX, 64 }, { "csrf", FT_HEX, 64 },
	MEETING_PAPER_FIELDS,	/* the meeting as printed (agenda.c) */
	{ NULL, 0, 0 }
};
const struct field f_meeting_view[] = {
	{ "id", FT_INT, 20 },
	{ NULL, 0, 0 }
};
const struct field f_meeting_held[] = {
	{ "id", FT_INT, 20 }, { "version", FT_INT, 10 }, { "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};

/* A13.1: the four reasons an ID is revoked. */
static const char *const revoke_reasons[] = {
	"unqualified", "law_violation", "misuse", "left_facility"
};

static int
is_council(const struct req *r)
{
	return (r->sess->roles & ROLES_COUNCIL) != 0;
}

static void
app_row(struct vnode *n, const struct dbres *res, size_t i)
{
	static const char *const cols[APP_LIST_ALL__NCOLS] = {
	    [APP_LIST_ALL_ID] = "id", [APP_LIST_ALL_KIND] = "kind",
	    [APP_LIST_ALL_STATUS] = "status",
	    [APP_LIST_ALL_SUBMITTED_ON] = "submitted",
	    [APP_LIST_ALL_SUBJECT] = "subject",
	    [APP_LIST_ALL_FACILITY_NAME] = "facility",
	    [APP_LIST_ALL_DECISION] = "decision",
	    [APP_LIST_ALL_DECISION_KIND] = "decision_kind",
	    [APP_LIST_ALL_VERSION] = "version" };

	vnode_row(n, res, i, cols, NITEMS(cols));
}

/* The applications list (and the council's ID revocation form), status 200 or 422. */
static void
apps_page(struct req *r, int status)
{
	struct dbres	*res;
	char		 key[32];

	res = is_council(r) ? db_query(STMT_APP_LIST_ALL, "") :
	    db_query(STMT_APP_LIST_MINE, "ii", r->sess->facility_id,
	    r->sess->user_id);
	if (res == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	for (size_t i = 0; i < res->nrows; i++) {
		str_fmt(key, sizeof(key), "Apps.%zu", i);
		app_row(view_node(key), res, i);
	}
	view_set_int("Apps_n", (long long)res->nrows);
	dbres_free(res);
	if (str_eq(param_opt(r, "m"), "revoked"))
		view_set("Flash", lang("council.revoked_done"));
	view_set("Page.title", lang("council.apps_title"));
	http_page(r, status, "apps.cs");
}

void
page_apps(struct req *r)
{
	view_set("Revoke.login", param(r, "revoke"));
	apps_page(r, 200);
}

static void
professions_view(void)
{
	static const char *const cols[PROFESSION_LIST__NCOLS] = {
	    [PROFESSION_LIST_CODE] = "code", [PROFESSION_LIST_NAME] = "name",
	    [PROFESSION_LIST_BOUND_BY_LAW] = "law" };
	struct dbres	*res;

	res = db_query(STMT_PROFESSION_LIST, "");
	view_rows("Professions", res, cols, NITEMS(cols));
	dbres_free(res);
}

/*
 * Forms 2 and 3 come from a facility manager for their own facility; form 1
 * also from council staff who enter a paper application (A9).
 */
static int
kind_allowed(const struct req *r, const char *kind)
{
	if (r->sess->roles & ROLE_FACILITY_MANAGER)
		return 1;
	return str_eq(kind, "facility_join") && is_council(r);
}

/*
 * Issue 20: form 1 for a facility the office added (?facility=ID, status
 * applying): Form.facility, and on the first showing its name, kind and
 * address (and the paper form's code, phone and contact) filled in. 0 (none asked, or it is one), or -1 with a page sent.
 */
static int
join_facility(struct req *r)
{
	long long	 fid = form_id(r, "facility");
	struct dbres	*f;

	if (form_empty(param_opt(r, "facility")))
		return 0;
	if (fid <= 0 || (f = db_query(STMT_FACILITY_GET, "i", fid)) == NULL) {
		http_error(r, fid <= 0 ? 400 : 503, fid <= 0 ? "type" : "db",
		    fid <= 0 ? "facility" : NULL);
		return -1;
	}
	if (f->nrows == 0 || !str_eq(dbres_get(f, 0, FACILITY_GET_STATUS), "applying")) {
		dbres_free(f);
		form_refuse(r, 409, "office", "not_applying");
		return -1;
	}
	view_set_int("Form.facility", fid);
	if (param_opt(r, "fac_name") == NULL) {
		view_set("Form.fac_name", dbres_get(f, 0, FACILITY_GET_NAME));
		view_set("Form.fac_kind", dbres_get(f, 0, FACILITY_GET_KIND));
		view_set("Form.fac_address", dbres_get(f, 0, FACILITY_GET_ADDRESS));
		view_set("Form.wants_disclosing", dbres_get(f, 0, FACILITY_GET_DISCLOSING));
		view_set("Form.wants_viewing", dbres_get(f, 0, FACILITY_GET_VIEWING));
		/* Issue 21's paper fields the office already knows. */
		view_set("Form.fac_code", dbres_get(f, 0, FACILITY_GET_MEDICAL_CODE));
		view_set("Form.fac_phone", dbres_get(f, 0, FACILITY_GET_PHONE));
		view_set("Form.contact_name", dbres_get(f, 0, FACILITY_GET_CONTACT));
	}
	dbres_free(f);
	return 0;
}

static void
app_form(struct req *r, const char *kind, int status)
{
	struct dbres	*res;
	const char	*keep[] = { "fac_name", "fac_kind", "fac_address", "in_region",
	    "wants_disclosing", "wants_viewing", "manager_name", "user_login",
	    "user_name", "profession", "attestation", "target", "effective_date" };

	if (!str_eq(kind, "facility_join") && !str_eq(kind, "user_register") &&
	    !str_eq(kind, "user_withdraw")) {
		http_error(r, 400, "type", "kind");
		return;
	}
	if (!kind_allowed(r, kind)) {
		http_error(r, 403, "role", NULL);
		return;
	}
	view_set("Form.kind", kind);
	form_keep(r, "Form", keep, NITEMS(keep));
	form_keep(r, "Form", forms_keep, forms_nkeep);
	if (str_eq(kind, "facility_join") && join_facility(r) == -1)
		return;
	form_idem_view(r);
	professions_view();
	forms_choices();
	if (str_eq(kind, "user_withdraw")) {
		static const char *const cols[USERS_OF_FACILITY__NCOLS] = {
		    [USERS_OF_FACILITY_ID] = "id",
		    [USERS_OF_FACILITY_LOGIN] = "login",
		    [USERS_OF_FACILITY_NAME] = "name" };
		res = db_query(STMT_USERS_OF_FACILITY, "i", r->sess->facility_id);
		view_rows("Users", res, cols, NITEMS(cols));
		dbres_free(res);
	}
	view_set("Page.title", lang("council.new_title"));
	http_page(r, status, "app_new.cs");
}

void
page_app_new(struct req *r)
{
	const char	*kind = param(r, "kind");

	if (kind == NULL)
		kind = r->sess->roles & ROLE_FACILITY_MANAGER ? "user_register" :
		    "facility_join";
	app_form(r, kind, 200);
}

/* A7.2: only confidentiality-bound professions, or an employee under contract who attests it. 1 when refused. */
static int
check_profession(struct req *r)
{
	struct dbres	*p;
	int		 bad = 0;

	if (form_empty(param(r, "profession")) ||
	    (p = db_query(STMT_PROFESSION_GET, "s", param(r, "profession"))) == NULL) {
		form_err("council", "profession", "choose");
		return 1;
	}
	if (p->nrows == 0)
		form_err("council", "profession", "profession"), bad = 1;
	else if (dbres_ll(p, 0, PROFESSION_GET_BOUND_BY_LAW) == 0 && !str_eq(param(r, "attestation"), "1"))
		form_err("council", "attestation", "attestation"), bad = 1;
	dbres_free(p);
	return bad;
}

/* Validates form 1; returns 0 when every field is acceptable. */
static int
check_join(struct req *r)
{
	static const char *const kinds[] = { "hospital", "clinic", "dental",
	    "pharmacy", "care_office", "visiting_nursing", "other" };
	int	 bad = 0, ok = 0;

	if (form_empty(param(r, "fac_name")))
		form_err("council", "fac_name", "required"), bad = 1;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		ok |= str_eq(param(r, "fac_kind"), kinds[i]);
	if (!ok)
		form_err("council", "fac_kind", "choose"), bad = 1;
	if (form_empty(param(r, "fac_address")))
		form_err("council", "fac_address", "required"), bad = 1;
	if (form_empty(param(r, "manager_name")))
		form_err("council", "manager_name", "required"), bad = 1;
	if (!str_eq(param(r, "wants_disclosing"), "1") &&
	    !str_eq(param(r, "wants_viewing"), "1"))
		form_err("council", "wants_viewing", "role"), bad = 1;
	return bad;
}

/* Validates form 2, including A7.2: only confidentiality-bound professions. */
static int
check_register(struct req *r)
{
	int		 bad = 0;

	bad |= forms_check_login(r, "user_login");
	if (form_empty(param(r, "user_name")))
		form_err("council", "user_name", "required"), bad = 1;
	return check_profession(r) | bad;
}

static int
check_withdraw(struct req *r, long long *target)
{
	struct dbres	*u;
	int		 bad = 0;

	*target = form_ll(r, "target");
	if (*target <= 0 || (u = db_query(STMT_USER_GET, "i", *target)) == NULL) {
		form_err("council", "target", "choose");
		return 1;
	}
	/* Only a user of the manager's own facility. */
	if (u->nrows == 0 || dbres_ll(u, 0, USER_GET_FACILITY_ID) != r->sess->facility_id ||
	    !str_eq(dbres_get(u, 0, USER_GET_STATUS), "active"))
		form_err("council", "target", "choose"), bad = 1;
	dbres_free(u);
	if (form_empty(param(r, "effective_date")))
		form_err("council", "effective_date", "required"), bad = 1;
	return bad;
}

/* Submits form 1, 2 or 3; a repeated submit of the same form creates nothing. */
void
page_app_new_post(struct req *r)
{
	const char	*kind = param(r, "kind"), *idem = param(r, "idem");
	long long	 target = 0;
	int		 bad, rc;

	if (form_idem(r, STMT_APP_BY_IDEM, idem, "/applications/view?id=%s") != 0)
		return;
	if (str_eq(kind, "facility_join"))
		bad = check_join(r) | forms_check_join(r);
	else if (str_eq(kind, "user_register"))
		bad = check_register(r) | forms_check_register(r);
	else if (str_eq(kind, "user_withdraw"))
		bad = check_withdraw(r, &target) | forms_check_withdraw(r);
	else {
		http_error(r, 400, "type", "kind");
		return;
	}
	if (!kind_allowed(r, kind)) {
		http_error(r, 403, "role", NULL);
		return;
	}
	if (bad) {
		app_form(r, kind, 422);
		return;
	}
	if (str_eq(kind, "facility_join") && join_facility(r) == -1)
		return;
	if (db_begin() != DB_OK) {
		form_db_fail(r);
		return;
	}
	if (str_eq(kind, "facility_join"))
		rc = db_exec(STMT_APP_INSERT_JOIN, "issssssss", r->sess->user_id,
		    param(r, "fac_name"), param(r, "fac_kind"),
		    param(r, "fac_address"),
		    str_eq(param(r, "in_region"), "0") ? "0" : "1",
		    str_eq(param(r, "wants_disclosing"), "1") ? "1" : "0",
		    str_eq(param(r, "wants_viewing"), "1") ? "1" : "0",
		    param(r, "manager_name"), idem);
	else if (str_eq(kind, "user_register"))
		rc = db_exec(STMT_APP_INSERT_USER, "iisssss", r->sess->facility_id,
		    r->sess->user_id, param(r, "user_login"), param(r, "user_name"),
		    param(r, "profession"),
		    str_eq(param(r, "attestation"), "1") ? "1" : "0", idem);
	else
		rc = db_exec(STMT_APP_INSERT_WITHDRAW, "iiiss", r->sess->facility_id,
		    r->sess->user_id, target, param(r, "effective_date"), idem);
	if (rc == DB_DUP) {		/* the same form, submitted twice at once */
		db_rollback();
		http_redirect(r, "/applications");
		return;
	}
	if (rc != 1)
		goto fail;
	long long id = (long long)db_last_id();
	/* Issue 20: form 1 for a facility the office added is that facility's. */
	if (str_eq(kind, "facility_join") && form_id(r, "facility") > 0 &&
	    db_exec(STMT_APP_SET_FACILITY, "ii", form_id(r, "facility"), id) != 1)
		goto fail;
	if (forms_store(r, kind, id) == -1)
		goto fail;
	int draft = str_eq(param(r, "action"), "draft");
	if (draft && db_exec(STMT_APP_SET_DRAFT, "i", id) != 1)
		goto fail;
	/* Issue 20: the president hears that an application waits for a decision. */
	if (!draft && accounts_notify("president", 0, "application.submitted",
	    "application", id) == -1)
		goto fail;
	form_commit_go(r, draft ? "application.draft" : "application.submit",
	    "application", id, kind, "/applications/view?id=%lld&m=sent", id);
	return;
fail:
	form_db_fail(r);
}

/* Loads application id into the view; returns its row (caller frees) or NULL with a page sent. */
static struct dbres *
app_load(struct req *r, long long id)
{
	static const char *const more[] = { "facility_id", "submitted_by",
	    "fac_kind", "fac_address", "in_region", "wants_disclosing",
	    "wants_viewing", "manager_name", "user_login", "profession_code",
	    "attestation", "target_user_id", "effective_date", "decision_reason",
	    "sole_reason", "decided_at", "contract_filed_on", "submitter",
	    "decider", "profession", "reported" };
	struct dbres	*res;
	struct vnode	*n;

	if (id <= 0) {
		http_error(r, 400, "type", "id");
		return NULL;
	}
	if ((res = db_query(STMT_APP_GET, "i", id)) == NULL) {
		http_error(r, 503, "db", NULL);
		return NULL;
	}
	/* A facility manager sees only their own facility's (404: nothing leaks). */
	if (res->nrows == 0 || (!is_council(r) && dbres_ll(res, 0, APP_GET_FACILITY_ID) !=
	    r->sess->facility_id && dbres_ll(res, 0, APP_GET_SUBMITTED_BY) != r->sess->user_id)) {
		dbres_free(res);
		http_error(r, 404, NULL, NULL);
		return NULL;
	}
	n = view_node("App");
	app_row(n, res, 0);
	for (size_t c = 0; c < sizeof(more) / sizeof(more[0]); c++)
		vnode_set(n, more[c], dbres_get(res, 0, APP_GET_FACILITY_ID + c));
	if (forms_view(id) == -1) {
		dbres_free(res);
		http_error(r, 503, "db", NULL);
		return NULL;
	}
	return res;
}

/* A draft becomes submitted: now the council sees it. */
void
page_app_submit(struct req *r)
{
	long long	 id = form_ll(r, "id"), version = form_ll(r, "version");
	struct dbres	*a;
	int		 n;

	if ((a = app_load(r, id)) == NULL)
		return;
	dbres_free(a);
	if (db_begin() != DB_OK)
		goto fail;
	if ((n = db_exec(STMT_APP_SUBMIT, "iii", id, version, r->sess->user_id)) == 0) {
		form_stale(r);
		return;
	}
	if (n != 1 || accounts_notify("president", 0, "application.submitted",
	    "application", id) == -1)
		goto fail;
	form_commit_go(r, "application.submit", "application", id, NULL,
	    "/applications/view?id=%lld&m=sent", id);
	return;
fail:
	form_db_fail(r);
}

/* The planned meetings a decision can be recorded for (the president and the operator). */
static void
meetings_view(const struct req *r)
{
	struct dbres	*m;
	char		 key[32];

	if (!(r->sess->roles & (ROLE_PRESIDENT | ROLE_OPERATOR)) ||
	    (m = db_query(STMT_MEETING_LIST, "")) == NULL)
		return;
	for (size_t i = 0; i < m->nrows; i++)
		if (str_eq(dbres_get(m, i, MEETING_LIST_STATUS), "planned")) {
			str_fmt(key, sizeof(key), "Meetings.%zu", i);
			struct vnode *n = view_node(key);
			vnode_set(n, "id", dbres_get(m, i, MEETING_LIST_ID));
			vnode_set(n, "held_on", dbres_get(m, i, MEETING_LIST_HELD_ON));
		}
	dbres_free(m);
}

void
page_app_view(struct req *r)
{
	struct dbres	*res;

	if ((res = app_load(r, form_ll(r, "id"))) == NULL)
		return;
	dbres_free(res);
	if (str_eq(param(r, "m"), "sent"))
		view_set("Flash", lang("council.sent"));
	if (str_eq(param(r, "m"), "decided"))
		view_set("Flash", lang("council.decided"));
	meetings_view(r);
	if (str_eq(param(r, "m"), "cancelled"))
		view_set("Flash", lang("forms.cancelled"));
	view_set("Page.title", lang("council.view_title"));
	http_page(r, 200, "app_view.cs");
}

/*
 * GET /applications/print: forms 1-3 as an A4 page laid out like the
 * paper form, from the stored data, for the seal and the file (issue 21).
 */
void
page_app_print(struct req *r)
{
	struct dbres	*res;

	if ((res = app_load(r, form_ll(r, "id"))) == NULL)
		return;
	dbres_free(res);
	forms_print_view();
	view_set("Page.title", lang("forms.print_title"));
	http_page(r, 200, "app_print.cs");
}

/*
 * Carries out an approved application inside the transaction: form 1 makes
 * the facility (onboarding, A10.4) and its manager's account from the
 * form's manager fields, form 2 the user's account with the role it asks
 * for, form 3 ends the user and, for a facility's last user, raises its
 * cancellation. *fac receives a new facility's id; *made a new account's
 * (its certificate is the operator's next step); *ended the user whose
 * certificates must be revoked after commit. Returns 0, 1 when the login
 * ID asked for is taken (nothing is kept), or -1.
 */
static int
carry_out(const struct dbres *a, long long *fac, long long *made,
    long long *ended)
{
	const char	*kind = dbres_get(a, 0, APP_GET_KIND);
	struct dbres	*acc;
	char		 code[32];
	long long	 uid;
	int		 rc;

	if (str_eq(kind, "facility_join") && dbres_ll(a, 0, APP_GET_FACILITY_ID) > 0) {
		/* Issue 20: the facility the office added when the form came. */
		*fac = dbres_ll(a, 0, APP_GET_FACILITY_ID);
		if (db_exec(STMT_FACILITY_FROM_FORM1, "iiii",
		    dbres_ll(a, 0, APP_GET_IN_REGION),
		    dbres_ll(a, 0, APP_GET_WANTS_DISCLOSING),
		    dbres_ll(a, 0, APP_GET_WANTS_VIEWING), *fac) != 1)
			return -1;
	} else if (str_eq(kind, "facility_join")) {
		str_fmt(code, sizeof(code), "F%06lld", dbres_ll(a, 0, APP_GET_ID));
		if (db_exec(STMT_FACILITY_INSERT, "sssiii", code, dbres_get(a, 0, APP_GET_SUBJECT),
		    dbres_get(a, 0, APP_GET_FAC_KIND), dbres_ll(a, 0, APP_GET_IN_REGION), dbres_ll(a, 0, APP_GET_WANTS_DISCLOSING),
		    dbres_ll(a, 0, APP_GET_WANTS_VIEWING)) != 1)
			return -1;
		*fac = (long long)db_last_id();
		if (db_exec(STMT_FACILITY_SET_STATUS, "si", "onboarding", *fac) < 0)
			return -1;
	}
	if (str_eq(kind, "facility_join") || str_eq(kind, "user_register")) {
		/* Issue 20: the account the form asks for (form 1: its manager). */
		if ((acc = db_query(STMT_APP_ACCOUNT, "i", dbres_ll(a, 0, APP_GET_ID))) == NULL ||
		    acc->nrows == 0) {
			dbres_free(acc);
			return -1;
		}
		int join = str_eq(kind, "facility_join");
		const char *login = join ? dbres_get(acc, 0, APP_ACCOUNT_MANAGER_LOGIN) :
		    dbres_get(a, 0, APP_GET_USER_LOGIN);
		const char *roles = dbres_get(acc, 0, APP_ACCOUNT_REQUESTED_ROLE);
		rc = 0;
		if (!form_empty(login)) {	/* a form 1 without its manager's ID: none */
			uid = accounts_create(login, dbres_get(a, 0, join ?
			    APP_GET_MANAGER_NAME : APP_GET_SUBJECT),
			    join ? *fac : dbres_ll(a, 0, APP_GET_FACILITY_ID),
			    join ? dbres_get(acc, 0, APP_ACCOUNT_MANAGER_PROFESSION) :
			    dbres_get(a, 0, APP_GET_PROFESSION), join ? "facility_manager" :
			    form_empty(roles) ? "user" : roles);
			rc = uid == 0 ? 1 : uid < 0 ? -1 : 0;
			*made = uid > 0 ? uid : 0;
		}
		dbres_free(acc);
		return rc;
	}
	/* A10.5: on the effective date; a later date waits (users expire). */
	char day[11];
	today(day);
	if (dbres_get(a, 0, APP_GET_EFFECTIVE_DATE) != NULL && strcmp(dbres_get(a, 0, APP_GET_EFFECTIVE_DATE), day) > 0)
		return db_exec(STMT_USER_SET_ENDS, "si", dbres_get(a, 0, APP_GET_EFFECTIVE_DATE),
		    dbres_ll(a, 0, APP_GET_TARGET_USER_ID)) < 0 ? -1 : 0;
	*ended = dbres_ll(a, 0, APP_GET_TARGET_USER_ID);
	if (council_user_end(*ended, "withdrawn", "withdrawn") == -1)
		return -1;
	return council_facility_left(dbres_ll(a, 0, APP_GET_FACILITY_ID),
	    dbres_ll(a, 0, APP_GET_ID));
}

/*
 * Who hears of a decision (issue 20): the applying facility's managers
 * (a new facility's: its manager's account was just made), and the
 * operator when an account waits for its certificate. 0 or -1.
 */
static int
decision_notify(long long id, long long fac, long long made)
{
	if (fac > 0 && accounts_notify("facility_manager", fac,
	    "application.decided", "application", id) == -1)
		return -1;
	if (made > 0 && accounts_notify("operator", 0, "cert.needed", "user",
	    made) == -1)
		return -1;
	return 0;
}

/* The decision form again, with what was typed and the errors beside it (422). */
static void
decide_again(struct req *r)
{
	view_set("Form.reason", param(r, "reason"));
	view_set("Form.sole_reason", param(r, "sole_reason"));
	view_set("Form.decision", param(r, "decision"));
	meetings_view(r);
	view_set("Page.title", lang("council.view_title"));
	http_page(r, 422, "app_view.cs");
}

/*
 * A decision (A10.3): by the president alone (sole, with the reason no
 * meeting could be held) or recorded for a meeting. One transaction with
 * its effects and the audit; a stale version is a 409. A login ID taken
 * since the form was submitted is refused beside it, nothing decided.
 */
void
page_app_decide(struct req *r)
{
	const char	*decision = param(r, "decision"), *sole = param(r, "sole_reason");
	long long	 id = form_ll(r, "id"), version = form_ll(r, "version");
	long long	 meeting = form_ll(r, "meeting"), fac = 0, ended = 0, made = 0;
	struct dbres	*a;
	int		 is_sole = meeting <= 0, n, rc = 0;

	if ((a = app_load(r, id)) == NULL)
		return;
	if (!str_eq(decision, "approved") && !str_eq(decision, "rejected"))
		form_err("council", "decision", "choose");
	if (is_sole && !(r->sess->roles & ROLE_PRESIDENT)) {
		dbres_free(a);
		http_error(r, 403, "role", NULL);
		return;
	}
	if (is_sole && form_blank(sole))
		form_err("council", "sole_reason", "required");
	if (view_get("Form.invalid") != NULL) {
		dbres_free(a);
		decide_again(r);
		return;
	}
	if (db_begin() != DB_OK)
		goto fail;
	int approve = str_eq(decision, "approved");
	const char *status = !approve ? "rejected" :
	    str_eq(dbres_get(a, 0, APP_GET_KIND), "facility_join") ? "onboarding" : "active";
	if (approve && (rc = carry_out(a, &fac, &made, &ended)) == -1)
		goto fail;
	if (rc == 1) {
		db_rollback();
		form_err("council", str_eq(dbres_get(a, 0, APP_GET_KIND),
		    "facility_join") ? "manager_login" : "user_login", "login_taken");
		dbres_free(a);
		decide_again(r);
		return;
	}
	n = db_exec(STMT_APP_DECIDE, "sssssiiiii", status, decision,
	    is_sole ? "sole" : "meeting", param(r, "reason"), is_sole ? sole : NULL,
	    r->sess->user_id, is_sole ? (long long)0 : meeting, fac ? fac : 0LL,
	    id, version);
	if (n == 0) {
		dbres_free(a);
		form_stale(r);
		return;
	}
	if (n != 1 || decision_notify(id, fac ? fac :
	    dbres_ll(a, 0, APP_GET_FACILITY_ID), made) == -1)
		goto fail;
	dbres_free(a);
	if (form_commit_go(r, is_sole ? "application.sole_decision" :
	    "application.decision", "application", id, decision,
	    "/applications/view?id=%lld&m=decided", id) == 0 && ended > 0)
		revoke_certs(r, ended, "affiliation_changed");
	return;
fail:
	dbres_free(a);
	form_db_fail(r);
}

/* A10.4: the host hospital filed the service contract; the facility is active. */
void
page_app_contract(struct req *r)
{
	long long	 id = form_ll(r, "id"), version = form_ll(r, "version");
	struct dbres	*a;
	int		 n;

	if ((a = app_load(r, id)) == NULL)
		return;
	if (form_empty(param(r, "filed_on"))) {
		dbres_free(a);
		form_err("council", "filed_on", "required");
		http_page(r, 422, "app_view.cs");
		return;
	}
	if (db_begin() != DB_OK)
		goto fail;
	n = db_exec(STMT_APP_CONTRACT, "sii", param(r, "filed_on"), id, version);
	if (n == 0) {
		dbres_free(a);
		form_stale(r);
		return;
	}
	if (n != 1 || db_exec(STMT_FACILITY_SET_STATUS, "si", "active",
	    dbres_ll(a, 0, APP_GET_FACILITY_ID)) < 0)
		goto fail;
	dbres_free(a);
	form_commit_go(r, "application.contract", "application", id, NULL,
	    "/applications/view?id=%lld", id);
	return;
fail:
	dbres_free(a);
	form_db_fail(r);
}

/*
 * A10.5 proviso: a facility whose last user left files the cancellation of
 * its service contract (解約申込書) with the last form 3; recording it
 * moves the facility from cancelling to cancelled, in one transaction.
 */
void
page_app_cancel(struct req *r)
{
	long long	 id = form_ll(r, "id"), version = form_ll(r, "version");
	struct dbres	*a;
	int		 n;

	if ((a = app_load(r, id)) == NULL)
		return;
	/* Only on the form 3 that left the facility without users (0035). */
	if (!str_eq(view_get("App.facility_status"), "cancelling") ||
	    !str_eq(view_get("App.ends_facility"), "1") ||
	    !str_eq(dbres_get(a, 0, APP_GET_KIND), "user_withdraw")) {
		dbres_free(a);
		http_error(r, 409, NULL, NULL);
		return;
	}
	if (form_empty(param(r, "filed_on"))) {
		dbres_free(a);
		form_err("council", "cancel_filed_on", "required");
		view_set("Page.title", lang("council.view_title"));
		http_page(r, 422, "app_view.cs");
		return;
	}
	if (db_begin() != DB_OK)
		goto fail;
	n = db_exec(STMT_APP_CANCEL_FILED, "siii", param(r, "filed_on"),
	    r->sess->user_id, id, version);
	if (n == 0) {
		dbres_free(a);
		form_stale(r);
		return;
	}
	if (n != 1 || db_exec(STMT_FACILITY_CANCEL, "si", param(r, "filed_on"),
	    dbres_ll(a, 0, APP_GET_FACILITY_ID)) != 1)
		goto fail;
	dbres_free(a);
	form_commit_go(r, "facility.cancelled", "application", id,
	    param(r, "filed_on"), "/applications/view?id=%lld&m=cancelled", id);
	return;
fail:
	dbres_free(a);
	form_db_fail(r);
}

/*
 * A13.1: revokes a user's ID for one of the four reasons: login disabled
 * and sessions ended at once, certificates revoked, and the revocation put
 * on the next meeting's agenda (A13.2). Issue 20: a bad field comes back
 * beside it on the applications page; a good form first shows whose ID
 * and what will happen, and only the confirmation (confirm=1) revokes.
 */
void
page_revoke_id(struct req *r)
{
	const char	*login = param(r, "login"), *reason = param(r, "reason");
	struct dbres	*u;
	long long	 uid;
	int		 ok = 0;

	for (size_t i = 0; i < sizeof(revoke_reasons) / sizeof(revoke_reasons[0]); i++)
		ok |= str_eq(reason, revoke_reasons[i]);
	if (!ok)
		form_err("council", "rv_reason", "choose");
	if (form_empty(login))
		form_err("council", "rv_login", "required");
	else if ((u = db_query(STMT_OFFICE_USER_BY_LOGIN, "s", login)) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	} else {
		const char *st = u->nrows > 0 ?
		    dbres_get(u, 0, OFFICE_USER_BY_LOGIN_STATUS) : NULL;
		if (!str_eq(st, "active") && !str_eq(st, "disabled"))
			form_err("council", "rv_login", "no_user");
		else {
			view_set("Revoke.name", dbres_get(u, 0, OFFICE_USER_BY_LOGIN_NAME));
			view_set("Revoke.facility", dbres_get(u, 0, OFFICE_USER_BY_LOGIN_FACILITY_NAME));
		}
		dbres_free(u);
	}
	view_set("Revoke.login", login);
	view_set("Revoke.reason", reason);
	view_set("Revoke.detail", param(r, "detail"));
	if (view_get("Form.invalid") != NULL) {
		apps_page(r, 422);
		return;
	}
	if (!str_eq(param(r, "confirm"), "1")) {
		view_set("Page.title", lang("council.revoke_title"));
		http_page(r, 200, "revoke_confirm.cs");
		return;
	}
	if ((u = row_load(r, STMT_USER_BY_LOGIN, "s", login)) == NULL)
		return;
	uid = dbres_ll(u, 0, USER_BY_LOGIN_ID);
	dbres_free(u);
	if (db_begin() != DB_OK || council_user_end(uid, "revoked", "id_revoked") == -1 ||
	    db_exec(STMT_REVOCATION_INSERT, "issi", uid, reason,
	    param(r, "detail"), r->sess->user_id) != 1 ||
	    audit(r, &(struct audit_entry){ .action = "user.revoke_id",
	    .object_type = "user", .object_id = login, .detail = reason }) != 0 ||
	    db_commit() != DB_OK) {
		form_db_fail(r);
		return;
	}
	revoke_certs(r, uid, "privilege_withdrawn");
	http_redirect(r, "/applications?m=revoked");
}

static const char *const meeting_cols[MEETING_LIST__NCOLS] = {
    [MEETING_LIST_ID] = "id", [MEETING_LIST_HELD_ON] = "held_on",
    [MEETING_LIST_STATUS] = "status" };

void
page_meetings(struct req *r)
{
	struct dbres	*res;
	char		 idem[65];

	if ((res = db_query(STMT_MEETING_LIST, "")) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	view_rows("Meetings", res, meeting_cols, NITEMS(meeting_cols));
	dbres_free(res);
	if (view_get("Form.idem") == NULL && pki_token_hex(idem, sizeof(idem), 32) == 0)
		view_set("Form.idem", idem);
	view_set("Page.title", lang("council.meetings_title"));
	http_page(r, r->status ? r->status : 200, "meetings.cs");
}

void
page_meeting_new(struct req *r)
{
	const char	*idem = param(r, "idem");
	struct dbres	*dup;
	char		 where[48];
	int		 rc;

	if (form_empty(param(r, "held_on")))
		form_err("council", "held_on", "required");
	if (form_empty(param(r, "attendees")))
		form_err("council", "attendees", "required");
	if (form_empty(idem) || strlen(idem) != 64) {
		http_error(r, 400, "type", "idem");
		return;
	}
	if (agenda_meeting_check(r) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (view_get("Form.invalid") != NULL) {
		static const char *const paper[] = { "number", "time_from",
		    "time_to", "place", "chair", "absentees", "signatories" };
		form_keep(r, "Form", paper, NITEMS(paper));
		view_set("Form.held_on", param(r, "held_on"));
		view_set("Form.attendees", param(r, "attendees"));
		view_set("Form.idem", idem);
		r->status = 422;
		page_meetings(r);
		return;
	}
	if ((dup = db_query(STMT_MEETING_BY_IDEM, "s", idem)) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (dup->nrows > 0) {
		str_fmt(where, sizeof(where), "/meetings/view?id=%s", dbres_get(dup, 0, MEETING_BY_IDEM_ID));
		dbres_free(dup);
		http_redirect(r, where);
		return;
	}
	dbres_free(dup);
	if (db_begin() != DB_OK)
		goto fail;
	rc = db_exec(STMT_MEETING_INSERT, "ssis", param(r, "held_on"),
	    param(r, "attendees"), r->sess->user_id, idem);
	if (rc == DB_DUP) {
		db_rollback();
		http_redirect(r, "/meetings");
		return;
	}
	if (rc != 1)
		goto fail;
	long long mid = (long long)db_last_id();
	if (agenda_meeting_store(r, mid) == -1)
		goto fail;
	form_commit_go(r, "meeting.create", "meeting", mid, NULL,
	    "/meetings/view?id=%lld", mid);
	return;
fail:
	form_db_fail(r);
}

/* The minutes of a held meeting: what it decided and what it was told. */
static void
minutes_view(long long id)
{
	static const char *const acols[MINUTES_APPS__NCOLS] = {
	    [MINUTES_APPS_ID] = "id", [MINUTES_APPS_KIND] = "kind",
	    [MINUTES_APPS_SUBJECT] = "subject",
	    [MINUTES_APPS_DECISION] = "decision",
	    [MINUTES_APPS_DECISION_KIND] = "decision_kind",
	    [MINUTES_APPS_DECISION_REASON] = "reason" };
	static const char *const rcols[AGENDA_REVOCATIONS__NCOLS] = {
	    [AGENDA_REVOCATIONS_ID] = "id",
	    [AGENDA_REVOCATIONS_LOGIN] = "login",
	    [AGENDA_REVOCATIONS_NAME] = "name",
	    [AGENDA_REVOCATIONS_REASON] = "reason",
	    [AGENDA_REVOCATIONS_REVOKED_ON] = "revoked_at" };
	struct dbres	*res;

	res = db_query(STMT_MINUTES_APPS, "i", id);
	view_rows("Minutes.apps", res, acols, NITEMS(acols));
	dbres_free(res);
	res = db_query(STMT_MINUTES_REVOCATIONS, "i", id);
	view_rows("Minutes.revocations", res, rcols, NITEMS(rcols));
	dbres_free(res);
}

/* The agenda is generated: what is pending, and what must be reported (A10.3, A13.2). */
void
page_meeting_view(struct req *r)
{
	static const struct {
		enum stmt	 st;
		const char	*node;
		const char	*cols[7];
	} parts[] = {
		{ STMT_AGENDA_PENDING, "Agenda.pending",
		  { "id", "kind", "subject", "facility", "in_region", "version", NULL } },
		{ STMT_AGENDA_SOLE, "Agenda.sole",
		  { "id", "kind", "subject", "decision", "sole_reason", "decided_at", NULL } },
		{ STMT_AGENDA_REVOCATIONS, "Agenda.revocations",
		  { "id", "login", "name", "reason", "revoked_at", NULL } },
	};
	struct dbres	*m, *res;
	long long	 id = form_ll(r, "id");

	if (id <= 0 || (m = db_query(STMT_MEETING_GET, "i", id)) == NULL) {
		http_error(r, id <= 0 ? 400 : 503, id <= 0 ? "type" : "db", NULL);
		return;
	}
	if (m->nrows == 0) {
		dbres_free(m);
		http_error(r, 404, NULL, NULL);
		return;
	}
	struct vnode *n = view_node("Meeting");
	vnode_set(n, "id", dbres_get(m, 0, MEETING_GET_ID));
	vnode_set(n, "held_on", dbres_get(m, 0, MEETING_GET_HELD_ON));
	vnode_set(n, "attendees", dbres_get(m, 0, MEETING_GET_ATTENDEES));
	vnode_set(n, "status", dbres_get(m, 0, MEETING_GET_STATUS));
	vnode_set(n, "version", dbres_get(m, 0, MEETING_GET_VERSION));
	int planned = str_eq(dbres_get(m, 0, MEETING_GET_STATUS), "planned");
	dbres_free(m);
	/* A19: the paper as the council prints it, with its agenda items. */
	if (agenda_meeting_paper(id, planned) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (!planned) {
		minutes_view(id);
		view_set("Page.title", lang("council.minutes_title"));
		http_page(r, 200, "meeting_view.cs");
		return;
	}
	/* A held meeting's reports were marked; the live agenda is for a planned one. */
	for (size_t p = 0; p < sizeof(parts) / sizeof(parts[0]); p++) {
		res = db_query(parts[p].st, "");
		view_rows(parts[p].node, res, parts[p].cols, NITEMS(parts[p].cols));
		dbres_free(res);
	}
	view_set("Page.title", lang("council.agenda_title"));
	http_page(r, 200, "meeting_view.cs");
}

/*
 * Issue 20: a meeting is marked held only on or after its date. Loads it
 * into Meeting; returns 0, or -1 with a page sent (404, 409, 503).
 */
static int
meeting_due(struct req *r, long long id)
{
	struct dbres	*m;
	char		 day[11];

	if ((m = row_load(r, STMT_MEETING_GET, "i", id)) == NULL)
		return -1;
	struct vnode *n = view_node("Meeting");
	vnode_set(n, "id", dbres_get(m, 0, MEETING_GET_ID));
	vnode_set(n, "held_on", dbres_get(m, 0, MEETING_GET_HELD_ON));
	vnode_set(n, "status", dbres_get(m, 0, MEETING_GET_STATUS));
	vnode_set(n, "version", dbres_get(m, 0, MEETING_GET_VERSION));
	today(day);
	int future = strcmp(dbres_get(m, 0, MEETING_GET_HELD_ON), day) > 0;
	dbres_free(m);
	if (future) {
		form_refuse(r, 409, "office", "meeting_future");
		return -1;
	}
	return 0;
}

/* GET /meetings/held?id=: what marking it held does, asked first. */
void
page_meeting_held_ask(struct req *r)
{
	static const char *const scols[AGENDA_SOLE__NCOLS] = {
	    [AGENDA_SOLE_ID] = "id", [AGENDA_SOLE_KIND] = "kind",
	    [AGENDA_SOLE_SUBJECT] = "subject" };
	static const char *const rcols[AGENDA_REVOCATIONS__NCOLS] = {
	    [AGENDA_REVOCATIONS_ID] = "id", [AGENDA_REVOCATIONS_LOGIN] = "login",
	    [AGENDA_REVOCATIONS_NAME] = "name" };
	struct dbres	*res;
	long long	 id = form_id(r, "id");

	if (id <= 0) {
		http_error(r, 400, "type", "id");
		return;
	}
	if (meeting_due(r, id) == -1)
		return;
	res = db_query(STMT_AGENDA_SOLE, "");
	view_rows("Agenda.sole", res, scols, NITEMS(scols));
	dbres_free(res);
	res = db_query(STMT_AGENDA_REVOCATIONS, "");
	view_rows("Agenda.revocations", res, rcols, NITEMS(rcols));
	dbres_free(res);
	view_set("Page.title", lang("office.held_title"));
	http_page(r, 200, "meeting_held.cs");
}

/* Held: every sole decision and revocation on the agenda counts as reported. */
void
page_meeting_held(struct req *r)
{
	long long	 id = form_ll(r, "id"), version = form_ll(r, "version");
	int		 n;

	if (id <= 0 || version < 0) {
		http_error(r, 400, "type", "id");
		return;
	}
	if (meeting_due(r, id) == -1)
		return;
	if (db_begin() != DB_OK)
		goto fail;
	if ((n = db_exec(STMT_MEETING_HELD, "ii", id, version)) == 0) {
		form_stale(r);
		return;
	}
	if (n != 1 || db_exec(STMT_REPORT_SOLE, "i", id) < 0 ||
	    db_exec(STMT_REPORT_REVOCATIONS, "i", id) < 0 ||
	    agenda_meeting_held(id) == -1)
		goto fail;
	form_commit_go(r, "meeting.held", "meeting", id, NULL,
	    "/meetings/view?id=%lld", id);
	return;
fail:
	form_db_fail(r);
}
