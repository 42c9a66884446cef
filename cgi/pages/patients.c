/*
 * patients.c: network patients: exact look-up, registration, the
 * patient's page (links, consents, revocations), local ID links, merging
 * duplicates and undoing it, cancellation on death (A12.1-A12.4).
 */
#include <stdio.h>
#include <string.h>

#include "base/config.h"
#include "base/kana.h"
#include "base/util.h"
#include "db/db.h"
#include "pages/pages.h"
#include "pages/patient.h"
#include "pki/pki.h"
#include "rules/access.h"
#include "rules/links.h"
#include "rules/misuse.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/form.h"
#include "web/render.h"
#include "web/rows.h"
#include "web/session.h"

const struct field f_patients[] = {
	{ "kana", FT_TEXT, 100 },
	{ "birth_date", FT_TEXT, 10 },
	{ "sex", FT_TOKEN, 1 },
	{ "m", FT_TOKEN, 24 },
	{ NULL, 0, 0 }
};
const struct field f_patient_new[] = {
	{ "name", FT_TEXT, 100 },
	{ "kana", FT_TEXT, 100 },
	{ "sex", FT_TOKEN, 1 },
	{ "birth_date", FT_TEXT, 10 },
	{ "address", FT_TEXT, 300 },
	{ "phone", FT_TEXT, 40 },
	{ "local_id", FT_TEXT, 64 },
	{ "confirm_new", FT_TOKEN, 1 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_patient_view[] = {
	{ "p", FT_TOKEN, 22 },
	{ "m", FT_TOKEN, 24 },
	{ NULL, 0, 0 }
};
const struct field f_patient_link[] = {
	{ "p", FT_TOKEN, 22 },
	{ "facility", FT_INT, 20 },
	{ "local_id", FT_TEXT, 64 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_patient_death[] = {
	{ "p", FT_TOKEN, 22 },
	{ "deceased_on", FT_TEXT, 10 },
	{ "how", FT_TEXT, 300 },
	{ "version", FT_INT, 10 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_patient_merge[] = {
	{ "p", FT_TOKEN, 22 },
	{ "other", FT_TOKEN, 10 },
	{ "reason", FT_TEXT, 500 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_patient_unmerge[] = {
	{ "p", FT_TOKEN, 22 },
	{ "merge", FT_INT, 20 },
	{ "reason", FT_TEXT, 500 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_links[] = {
	{ "m", FT_TOKEN, 24 },
	{ "facility", FT_INT, 20 },
	{ NULL, 0, 0 }
};
const struct field f_link_set[] = {
	{ "link", FT_INT, 20 },
	{ "version", FT_INT, 10 },
	{ "p", FT_TOKEN, 22 },
	{ "new_patient", FT_TOKEN, 1 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};




/* At most this many exact matches: STMT_PATIENT_MATCH's LIMIT. */
#define MATCH_MAX	20

/*
 * Exact matches of (kana, birth date, sex) into Matches.N with handles, and
 * their ids into ids[MATCH_MAX]; how many, or -1.
 */
static int
matches_view(struct req *r, const char *kana, const char *bd, const char *sex,
    long long ids[MATCH_MAX])
{
	struct dbres	*res;
	char		 key[256], h[32], k[48];

	if (kana_normalize(kana, key, sizeof(key)) == -1)
		return 0;
	if ((res = db_query(STMT_PATIENT_MATCH, "sss", key, bd, sex)) == NULL)
		return -1;
	if (res->nrows > MATCH_MAX) {	/* the statement's LIMIT says not */
		dbres_free(res);
		return -1;
	}
	for (size_t i = 0; i < res->nrows; i++) {
		ids[i] = dbres_ll(res, i, PATIENT_MATCH_ID);
		/* A list short of a handle would be audited as listing it. */
		if (handle_for(r, dbres_ll(res, i, PATIENT_MATCH_ID), h, sizeof(h)) == -1) {
			dbres_free(res);
			return -1;
		}
		str_fmt(k, sizeof(k), "Matches.%zu", i);
		struct vnode *n = view_node(k);
		vnode_set(n, "handle", h);
		vnode_set(n, "network_id", dbres_get(res, i, PATIENT_MATCH_NETWORK_ID));
		vnode_set(n, "name", dbres_get(res, i, PATIENT_MATCH_NAME));
		vnode_set(n, "kana", dbres_get(res, i, PATIENT_MATCH_KANA));
		vnode_set(n, "sex", dbres_get(res, i, PATIENT_MATCH_SEX));
		vnode_set(n, "birth_date", dbres_get(res, i, PATIENT_MATCH_BIRTH_DATE));
		vnode_set(n, "status", dbres_get(res, i, PATIENT_MATCH_STATUS));
	}
	view_set_int("Matches_n", (long long)res->nrows);
	int n = (int)res->nrows;
	dbres_free(res);
	return n;
}

static void
keep_fields(const struct req *r)
{
	static const char *const keep[] = { "name", "kana", "sex", "birth_date",
	    "address", "phone", "local_id" };

	form_keep(r, "Form", keep, NITEMS(keep));
}

/*
 * A11.2: a user who keeps searching by exact identifiers and finding
 * nobody is sweeping (birth dates for a known name and sex found a patient
 * in 42 requests and 0.1 s). From search_miss_limit misses in the last
 * search_miss_window_secs on, each search is refused until the oldest miss
 * leaves the window. Refused with 429 at once, not slowed by a sleep in the
 * worker: a sleeping worker serves nobody else, so one user's parallel
 * searches would hold every worker of the pool (a handful) and stop the
 * whole network, while a refusal costs one statement. Returns the seconds
 * to wait (0: search) with the misses in *misses, or -1.
 */
static long long
search_wait(const struct req *r, long long *misses)
{
	struct dbres	*res;
	long long	 win = cfg.search_miss_window_secs, wait;

	if ((res = db_query(STMT_SEARCH_MISSES, "iii", win, r->sess->user_id,
	    win)) == NULL)
		return -1;
	*misses = res->nrows == 1 ? dbres_ll(res, 0, SEARCH_MISSES_N) : 0;
	wait = res->nrows == 1 ? dbres_ll(res, 0, SEARCH_MISSES_WAIT_SECS) : 0;
	dbres_free(res);
	if (*misses < cfg.search_miss_limit)
		return 0;
	return wait < 1 ? 1 : wait;
}

/* The refusal: audited, one misuse alert a window, a page saying how long. */
static void
search_refuse(struct req *r, long long wait, long long misses)
{
	char	 ra[24];

	if (db_begin() != DB_OK || audit(r, &(struct audit_entry){
	    .action = "patient.search", .object_type = "patient",
	    .outcome = "denied", .detail = "throttled" }) != 0 ||
	    misuse_search_throttled(r->sess->user_id, r->sess->facility_id,
	    misses) < 0 || db_commit() != DB_OK) {
		db_rollback();
		http_error(r, 503, "db", NULL);
		return;
	}
	snprintf(ra, sizeof(ra), "%lld", wait);
	http_header(r, "Retry-After", ra);
	view_set("Search.done", NULL);		/* nothing was searched */
	view_set("Search.throttled", "1");
	view_set_int("Search.wait_minutes", (wait + 59) / 60);
	http_page(r, 429, "patients.cs");
}

/* GET /patients: find a registered patient by exact identifiers, or register one. */
void
page_patients(struct req *r)
{
	const char	*kana = param(r, "kana"), *bd = param(r, "birth_date"),
			*sex = param(r, "sex");
	long long	 ids[MATCH_MAX], misses, wait;

	view_set("Page.title", lang("patients.title"));
	form_flash(r, "patients");
	view_set("Can.register", has_role(r, ROLE_USER | ROLE_FACILITY_MANAGER |
	    ROLE_OPERATOR) ? "1" : "");
	keep_fields(r);
	if (!form_empty(kana) || !form_empty(bd) || !form_empty(sex)) {
		view_set("Search.done", "1");
		int bad = 0;
		if (form_empty(kana))
			form_err("patients", "kana", "required"), bad = 1;
		if (form_empty(bd) || !valid_date(bd))
			form_err("patients", "birth_date", "date"), bad = 1;
		if (form_empty(sex) || strchr("MFOU", sex[0]) == NULL)
			form_err("patients", "sex", "choose"), bad = 1;
		if (!bad) {
			if ((wait = search_wait(r, &misses)) < 0) {
				http_error(r, 503, "db", NULL);
				return;
			}
			if (wait > 0) {
				search_refuse(r, wait, misses);
				return;
			}
			int found = matches_view(r, kana, bd, sex, ids);
			/* Whom it listed, each in their own log (A11.2). */
			if (found < 0 || audit_search(r, "patient.search",
			    "patient.search_listed", ids, (size_t)found) == -1) {
				http_error(r, 503, "db", NULL);
				return;
			}
		}
	}
	http_page(r, 200, "patients.cs");
}

/* Ten digits, the last a check digit (Luhn), so a mistyped ID is caught. */
static void
network_id_new(char out[11])
{
	int	 sum = 0;

	pki_random_string(out, 9, "0123456789");
	for (int i = 0; i < 9; i++) {
		int d = out[8 - i] - '0';
		if (i % 2 == 0 && (d *= 2) > 9)
			d -= 9;
		sum += d;
	}
	out[9] = (char)('0' + (10 - sum % 10) % 10);
	out[10] = '\0';
}

/*
 * Links local_id at facility to patient: at once (a new patient's own ID,
 * or the operator's act), or, when request is set, as a request the
 * operator decides (A12: a hand-made link to an existing patient counts
 * for nothing until approved; patient_id stays NULL meanwhile). Returns 0
 * (done, or asked for, or already so), 1 (the ID is linked or asked for
 * to another patient) or -1 (database).
 */
static int
link_local(const struct req *r, long long facility, const char *local_id,
    long long patient, int request)
{
	struct dbres	*res;
	long long	 link, ver, cur, asked;
	int		 rc;

	if ((res = db_query(STMT_LINK_BY_LOCAL, "is", facility, local_id)) == NULL)
		return -1;
	if (res->nrows == 0) {
		dbres_free(res);
		if (!request)
			return db_exec(STMT_LINK_INSERT, "isii", facility, local_id,
			    patient, r->sess->user_id) == 1 ? 0 : -1;
		if (db_exec(STMT_LINK_INSERT_REQUEST, "isii", facility, local_id,
		    patient, r->sess->user_id) != 1)
			return -1;
		return link_event((long long)db_last_id(), "requested", patient,
		    NULL, r->sess->user_id);
	}
	link = dbres_ll(res, 0, LINK_BY_LOCAL_ID);
	ver = dbres_ll(res, 0, LINK_BY_LOCAL_VERSION);
	cur = dbres_get(res, 0, LINK_BY_LOCAL_PATIENT_ID) ? dbres_ll(res, 0, LINK_BY_LOCAL_PATIENT_ID) : 0;
	asked = dbres_get(res, 0, LINK_BY_LOCAL_REQUESTED_PATIENT_ID) ? dbres_ll(res, 0, LINK_BY_LOCAL_REQUESTED_PATIENT_ID) : 0;
	dbres_free(res);
	if (cur == patient || (cur == 0 && asked == patient))
		return 0;
	if (cur != 0 || asked != 0)
		return 1;
	if (!request) {
		rc = db_exec(STMT_LINK_SET, "iiii", patient, r->sess->user_id,
		    link, ver);
		return rc == 1 ? 0 : -1;
	}
	if (db_exec(STMT_LINK_REQUEST, "iiii", patient, r->sess->user_id, link,
	    ver) != 1)
		return -1;
	return link_event(link, "requested", patient, NULL, r->sess->user_id);
}

/* Creates a patient from the request's fields; its id, or -1. */
static long long
patient_insert(const struct req *r, const char *name, const char *kana,
    const char *sex, const char *bd, const char *address, const char *phone)
{
	char	 key[256], nid[11];
	int	 rc = DB_DUP;

	if (kana_normalize(kana, key, sizeof(key)) == -1)
		return -1;
	for (int tries = 0; tries < 5 && rc == DB_DUP; tries++) {
		network_id_new(nid);
		rc = db_exec(STMT_PATIENT_INSERT, "ssssssssii", nid, name, kana,
		    key, sex, bd, address, phone, (long long)now(),
		    r->sess->user_id);
	}
	return rc == 1 ? (long long)db_last_id() : -1;
}

static void
go_patient(struct req *r, long long id, const char *m)
{
	char	 h[32], where[96];

	if (handle_for(r, id, h, sizeof(h)) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	str_fmt(where, sizeof(where), "/patients/view?p=%s&m=%s", h, m);
	http_redirect(r, where);
}

/* POST /patients/new: registers a patient, warning first of exact duplicates. */
void
page_patient_new(struct req *r)
{
	const char	*local = param(r, "local_id");
	long long	 id;
	int		 bad, rc;

	view_set("Page.title", lang("patients.title"));
	view_set("Can.register", "1");
	bad = patient_check_fields(r, "patients");
	if (!form_empty(local) && !patient_local_id_ok(local))
		form_err("patients", "local_id", "local_id"), bad = 1;
	keep_fields(r);
	view_set("Form.open", "1");
	if (bad) {
		http_page(r, 422, "patients.cs");
		return;
	}
	/* The same person registered twice defeats consent: say so first. */
	if (!str_eq(param(r, "confirm_new"), "1")) {
		long long ids[MATCH_MAX];
		int found = matches_view(r, param(r, "kana"), param(r, "birth_date"),
		    param(r, "sex"), ids);
		/* Those shown are listed as a search's are (A11.2). */
		if (found < 0 || audit_patients(r, &(struct audit_entry){
		    .action = "patient.search_listed", .object_type = "patient",
		    .detail = "duplicate" }, ids, (size_t)found) != 0) {
			http_error(r, 503, "db", NULL);
			return;
		}
		if (found > 0) {
			view_set("Form.duplicates", "1");
			http_page(r, 409, "patients.cs");
			return;
		}
	}
	if (form_begin(r) == -1)
		return;
	if ((id = patient_insert(r, param(r, "name"), param(r, "kana"),
	    param(r, "sex"), param(r, "birth_date"), param(r, "address"),
	    param(r, "phone"))) < 0) {
		form_db_fail(r);
		return;
	}
	if (!form_empty(local)) {
		/* A new patient's own local ID: nobody else's record to reach. */
		if ((rc = link_local(r, r->sess->facility_id, local, id, 0)) == 1) {
			db_rollback();
			form_err("patients", "local_id", "linked");
			http_page(r, 409, "patients.cs");
			return;
		}
		if (rc != 0) {
			form_db_fail(r);
			return;
		}
	}
	char oid[24];
	snprintf(oid, sizeof(oid), "%lld", id);
	if (form_commit(r, &(struct audit_entry){ .action = "patient.register",
	    .object_type = "patient", .object_id = oid, .patient_id = id }) == -1)
		return;
	go_patient(r, id, "created");
}

/*
 * Consents of the patient with their state today: effective, revoked, void,
 * waiting. A viewer who may not see the whole identity (access_identity())
 * sees its own facility's forms only.
 */
static int
consents_view(long long id, const struct access *a, const struct req *r,
    int full)
{
	struct dbres	*res;
	char		 k[48], d[32];
	size_t		 n = 0;

	if ((res = db_query(STMT_PATIENT_CONSENTS, "ii", id, id)) == NULL)
		return -1;
	for (size_t i = 0; i < res->nrows; i++) {
		long long reg = dbres_ll(res, i, PATIENT_CONSENTS_REGISTERED_AT), cid = dbres_ll(res, i, PATIENT_CONSENTS_ID);
		if (!full && dbres_ll(res, i, PATIENT_CONSENTS_FACILITY_ID) != r->sess->facility_id)
			continue;
		const char *st = dbres_get(res, i, PATIENT_CONSENTS_STATUS), *state = "effective";
		for (size_t j = 0; j < a->f.nconsents; j++) {
			const struct consent *c = &a->f.consents[j];
			if (c->id != cid)
				continue;
			if (consent_revoked(&a->f, c, (time_t)now_us()))
				state = "revoked";
			else if (a->f.needs_check && c->pending)
				state = "waiting";
		}
		if (str_eq(st, "rejected"))
			state = "void";
		if (a->f.deceased_at != 0)
			state = "cancelled";
		str_fmt(k, sizeof(k), "Consents.%zu", n++);
		struct vnode *v = view_node(k);
		vnode_set(v, "id", dbres_get(res, i, PATIENT_CONSENTS_ID));
		vnode_set(v, "signed_on", dbres_get(res, i, PATIENT_CONSENTS_SIGNED_ON));
		vnode_set(v, "status", st);
		vnode_set(v, "state", state);
		vnode_set(v, "facility", dbres_get(res, i, PATIENT_CONSENTS_FACILITY_NAME));
		fmt_jst(d, sizeof(d), reg, "%Y-%m-%d %H:%M");
		vnode_set(v, "registered", d);
		vnode_set(v, "all_disclosing", dbres_get(res, i, PATIENT_CONSENTS_ALL_DISCLOSING));
		vnode_set(v, "all_viewing", dbres_get(res, i, PATIENT_CONSENTS_ALL_VIEWING));
		/* The operator opens every form 4; a facility the ones it took. */
		if (has_role(r, ROLES_OFFICE) || (has_role(r, ROLE_USER |
		    ROLE_FACILITY_MANAGER) && dbres_ll(res, i, PATIENT_CONSENTS_FACILITY_ID) ==
		    r->sess->facility_id))
			vnode_set(v, "can_open", "1");
		if (str_eq(state, "effective"))
			view_set("Patient.has_effective", "1");
	}
	view_set_int("Consents_n", (long long)n);
	dbres_free(res);
	return 0;
}

/* Forms 5 of the patient; a limited viewer (!full) those its facility took. */
static int
revocations_view(long long id, const struct req *r, int full)
{
	struct dbres	*res;
	char		 k[48], d[32];
	size_t		 n = 0;

	if ((res = db_query(STMT_PATIENT_REVOCATIONS, "ii", id, id)) == NULL)
		return -1;
	for (size_t i = 0; i < res->nrows; i++) {
		if (!full && dbres_ll(res, i, PATIENT_REVOCATIONS_FACILITY_ID) != r->sess->facility_id)
			continue;
		str_fmt(k, sizeof(k), "Revocations.%zu", n++);
		struct vnode *v = view_node(k);
		vnode_set(v, "receipt_no", dbres_get(res, i, PATIENT_REVOCATIONS_RECEIPT_NO));
		vnode_set(v, "signed_on", dbres_get(res, i, PATIENT_REVOCATIONS_SIGNED_ON));
		fmt_jst(d, sizeof(d), dbres_ll(res, i, PATIENT_REVOCATIONS_RECEIVED_AT), "%Y-%m-%d %H:%M");
		vnode_set(v, "received", d);
		vnode_set(v, "via", dbres_get(res, i, PATIENT_REVOCATIONS_VIA));
		vnode_set(v, "facility", dbres_get(res, i, PATIENT_REVOCATIONS_FACILITY_NAME));
	}
	view_set_int("Revocations_n", (long long)n);
	dbres_free(res);
	return 0;
}

static int
links_view(long long id, const struct req *r)
{
	struct dbres	*res;
	char		 k[48];
	size_t		 n = 0;

	/* Approved links first, then the ones asked for (A12: not yet counted). */
	for (int asked = 0; asked < 2; asked++) {
		if ((res = db_query(asked ? STMT_PATIENT_LINKS_ASKED :
		    STMT_PATIENT_LINKS, "i", id)) == NULL)
			return -1;
		for (size_t i = 0; i < res->nrows; i++) {
			/* A facility sees its own local IDs only; the operator all. */
			if (patient_role_facility(r) &&
			    dbres_ll(res, i, PATIENT_LINKS_FACILITY_ID) != r->sess->facility_id)
				continue;
			str_fmt(k, sizeof(k), "Links.%zu", n++);
			struct vnode *v = view_node(k);
			vnode_set(v, "id", dbres_get(res, i, PATIENT_LINKS_ID));
			vnode_set(v, "code", dbres_get(res, i, PATIENT_LINKS_CODE));
			vnode_set(v, "facility", dbres_get(res, i, PATIENT_LINKS_NAME));
			vnode_set(v, "local_id", dbres_get(res, i, PATIENT_LINKS_LOCAL_ID));
			vnode_set(v, "source", dbres_get(res, i, PATIENT_LINKS_SOURCE));
			if (asked)
				vnode_set(v, "asked", "1");
			else
				vnode_set(v, "version", dbres_get(res, i, PATIENT_LINKS_VERSION));
		}
		dbres_free(res);
	}
	view_set_int("Links_n", (long long)n);
	return 0;
}

static int
merges_view(long long id)
{
	struct dbres	*res;
	char		 d[32];

	if ((res = db_query(STMT_PATIENT_MERGES, "i", id)) == NULL)
		return -1;
	for (size_t i = 0; i < res->nrows; i++) {
		static const char *const cols[PATIENT_MERGES__NCOLS] = {
		    [PATIENT_MERGES_ID] = "id",
		    [PATIENT_MERGES_NETWORK_ID] = "network_id",
		    [PATIENT_MERGES_NAME] = "name",
		    [PATIENT_MERGES_REASON] = "reason",
		    [PATIENT_MERGES_MERGED_AT] = ROW_TIME("merged") };
		struct vnode *n = view_row("Merges", res, i, cols,
		    NITEMS(cols));
		fmt_jst(d, sizeof(d), dbres_ll(res, i, PATIENT_MERGES_UNDONE_AT), "%Y-%m-%d %H:%M");
		vnode_set(n, "undone", d);
	}
	view_set_int("Merges_n", (long long)res->nrows);
	dbres_free(res);
	return 0;
}

static void
facilities_view(void)
{
	static const char *const cols[FACILITY_MEMBERS__NCOLS] = {
	    [FACILITY_MEMBERS_ID] = "id",
	    [FACILITY_MEMBERS_CODE] = "code",
	    [FACILITY_MEMBERS_NAME] = "name" };
	struct dbres	*res;

	if ((res = db_query(STMT_FACILITY_MEMBERS, "")) == NULL)
		return;
	view_rows("Facilities", res, cols, NITEMS(cols));
	dbres_free(res);
}

/* GET /patients/view: one patient's registration, consents and revocations. */
void
page_patient_view(struct req *r)
{
	struct dbres	*p;
	struct access	 a;
	long long	 id;
	char		 oid[24];
	int		 full;

	if ((id = patient_from_handle(r, param(r, "p"))) < 0)
		return;
	view_set("Page.title", lang("patients.view_title"));
	form_flash(r, "patients");
	if ((p = patient_view(r, id)) == NULL)
		return;
	if (dbres_get(p, 0, PATIENT_GET_MERGED_INTO) != NULL) {	/* merged: send to the survivor */
		char h[32];
		if (handle_for(r, dbres_ll(p, 0, PATIENT_GET_MERGED_INTO), h, sizeof(h)) == 0)
			view_set("Patient.survivor", h);
	}
	dbres_free(p);
	view_set("P", param(r, "p"));
	/* The viewer's facility's member row comes with the facts. */
	if (access_load(&a, id, 0, r->sess->facility_id) != 0) {
		access_free(&a);
		http_error(r, 503, "db", NULL);
		return;
	}
	/*
	 * The desk, the operator and staff see the whole identity; a facility
	 * with an approved link or a form 4 in force naming it too. Others get
	 * what registering a form 4 needs: name, kana, sex, birth date.
	 */
	full = has_role(r, ROLES_DESK) || access_identity(&a, r->sess->facility_id);
	if (!full) {
		view_set("Patient.address", NULL);
		view_set("Patient.phone", NULL);
		view_set("Identity.limited", "1");
	}
	if (consents_view(id, &a, r, full) == -1 ||
	    revocations_view(id, r, full) == -1 ||
	    (!has_role(r, ROLE_DESK) && links_view(id, r) == -1) ||
	    (has_role(r, ROLE_OPERATOR) && merges_view(id) == -1)) {
		access_free(&a);
		http_error(r, 503, "db", NULL);
		return;
	}
	access_free(&a);
	if (has_role(r, ROLE_OPERATOR))
		facilities_view();
	view_set("Can.consent", has_role(r, ROLE_USER | ROLE_FACILITY_MANAGER |
	    ROLE_OPERATOR) ? "1" : "");
	view_set("Can.revoke", "1");
	view_set("Can.report", has_role(r, ROLES_DESK) ? "1" : "");
	view_set("Can.operate", has_role(r, ROLE_OPERATOR) ? "1" : "");
	view_set("Can.end_link", has_role(r, ROLE_OPERATOR) ? "1" : "");
	view_set("Can.contact", full ? "1" : "");
	view_set("Can.link", has_role(r, ROLE_USER | ROLE_FACILITY_MANAGER |
	    ROLE_OPERATOR) ? "1" : "");
	snprintf(oid, sizeof(oid), "%lld", id);
	audit(r, &(struct audit_entry){ .action = "patient.view",
	    .object_type = "patient", .object_id = oid, .patient_id = id });
	view_set("Page.patient", "1");
	http_page(r, 200, "patient_view.cs");
}

/* POST /patients/link: this facility's local ID (or any, for the operator). */
void
page_patient_link(struct req *r)
{
	const char	*local = param(r, "local_id");
	long long	 id, fac;
	int		 rc;
	char		 detail[96];

	if ((id = patient_from_handle(r, param(r, "p"))) < 0)
		return;
	fac = r->sess->facility_id;
	if (has_role(r, ROLE_OPERATOR) && form_ll(r, "facility") > 0)
		fac = form_ll(r, "facility");
	if (!patient_local_id_ok(local)) {
		http_error(r, 400, "local_id", "local_id");
		return;
	}
	int request = !has_role(r, ROLE_OPERATOR);
	if (form_begin(r) == -1)
		return;
	if ((rc = link_local(r, fac, local, id, request)) == 1) {
		db_rollback();
		http_error(r, 409, "linked", "local_id");
		return;
	}
	if (rc != 0) {
		form_db_fail(r);
		return;
	}
	snprintf(detail, sizeof(detail), "facility %lld", fac);
	char oid[24];
	snprintf(oid, sizeof(oid), "%lld", id);
	if (form_commit(r, &(struct audit_entry){ .action = request ?
	    "patient.link_request" : "patient.link", .object_type = "patient",
	    .object_id = oid, .patient_id = id, .detail = detail }) == -1)
		return;
	patient_redirect(r, request ? "link_requested" : "linked");
}

/* POST /patients/death: the operator cancels the registration (A12.3). */
void
page_patient_death(struct req *r)
{
	const char	*on = param(r, "deceased_on"), *how = param(r, "how");
	long long	 id, ver = form_ll(r, "version");
	char		 today_s[11], oid[24];

	if ((id = patient_from_handle(r, param(r, "p"))) < 0)
		return;
	today(today_s);
	if (form_empty(on) || !valid_date(on) || strcmp(on, today_s) > 0) {
		http_error(r, 400, "date", "deceased_on");
		return;
	}
	if (form_empty(how)) {
		http_error(r, 400, "required", "how");
		return;
	}
	if (form_begin(r) == -1)
		return;
	long long t = now_us();
	if (form_one(r, db_exec(STMT_PATIENT_CANCEL, "ssiiiii", on, how, t / 1000000,
	    t % 1000000, r->sess->user_id, id, ver)) != 0)
		return;
	snprintf(oid, sizeof(oid), "%lld", id);
	if (form_commit(r, &(struct audit_entry){ .action = "patient.cancel_death",
	    .object_type = "patient", .object_id = oid, .patient_id = id,
	    .detail = how }) == -1)
		return;
	patient_redirect(r, "cancelled");
}

/* Moves every link of from to to, recording each under merge; 0 or -1. */
static int
move_links(long long merge, long long from, long long to)
{
	struct dbres	*res;
	int		 rc = 0;

	if ((res = db_query(STMT_LINKS_OF, "i", from)) == NULL)
		return -1;
	for (size_t i = 0; i < res->nrows && rc == 0; i++) {
		long long link = dbres_ll(res, i, LINKS_OF_ID);
		if (db_exec(STMT_LINK_MOVE, "iii", to, link, from) != 1 ||
		    db_exec(STMT_MERGE_LINK_INSERT, "ii", merge, link) != 1)
			rc = -1;
	}
	dbres_free(res);
	return rc;
}

/*
 * POST /patients/merge: a confirmed duplicate (named by its network ID)
 * joins this patient: its links move here, its consents and revocations
 * count here, and it stays, marked merged, so the merge can be undone.
 */
void
page_patient_merge(struct req *r)
{
	const char	*other = param(r, "other"), *reason = param(r, "reason");
	struct dbres	*res;
	long long	 id, dup, ver, merge;
	char		 oid[24];

	if ((id = patient_from_handle(r, param(r, "p"))) < 0)
		return;
	if (form_empty(reason)) {
		http_error(r, 400, "required", "reason");
		return;
	}
	if (form_empty(other) || strlen(other) != 10) {
		http_error(r, 400, "type", "other");
		return;
	}
	if (form_begin(r) == -1)
		return;
	/* Both must be active; the duplicate must not itself hold merges. */
	if ((res = db_query(STMT_PATIENT_GET, "i", id)) == NULL) {
		form_db_fail(r);
		return;
	}
	int ok = res->nrows == 1 && str_eq(dbres_get(res, 0, PATIENT_GET_STATUS), "active");
	dbres_free(res);
	struct dbres *d = db_query(STMT_PATIENT_BY_NETWORK_ID, "s", other);
	if (d == NULL) {
		form_db_fail(r);
		return;
	}
	if (d->nrows == 0) {
		dbres_free(d);
		db_rollback();
		http_error(r, 404, "patient_unknown", "other");
		return;
	}
	dup = dbres_ll(d, 0, PATIENT_BY_NETWORK_ID_ID);
	ver = dbres_ll(d, 0, PATIENT_BY_NETWORK_ID_VERSION);
	ok = ok && dup != id && str_eq(dbres_get(d, 0, PATIENT_BY_NETWORK_ID_STATUS), "active");
	dbres_free(d);
	if ((res = db_query(STMT_MERGE_INTO_COUNT, "i", dup)) == NULL) {
		form_db_fail(r);
		return;
	}
	ok = ok && dbres_ll(res, 0, MERGE_INTO_COUNT_N) == 0;
	dbres_free(res);
	if (!ok) {
		db_rollback();
		http_error(r, 409, "merge", "other");
		return;
	}
	if (db_exec(STMT_MERGE_INSERT, "iisi", id, dup, reason,
	    r->sess->user_id) != 1) {
		form_db_fail(r);
		return;
	}
	merge = (long long)db_last_id();
	if (move_links(merge, dup, id) == -1 ||
	    db_exec(STMT_PATIENT_SET_MERGED, "iii", id, dup, ver) != 1) {
		form_db_fail(r);
		return;
	}
	snprintf(oid, sizeof(oid), "%lld", merge);
	/* Both patients' logs tell of it: audited, committed, or neither. */
	if (audit(r, &(struct audit_entry){ .action = "patient.merged_into",
	    .object_type = "patient_merge", .object_id = oid, .patient_id = dup,
	    .detail = reason }) != 0) {
		form_db_fail(r);
		return;
	}
	if (form_commit(r, &(struct audit_entry){ .action = "patient.merge",
	    .object_type = "patient_merge", .object_id = oid, .patient_id = id,
	    .detail = reason }) == -1)
		return;
	patient_redirect(r, "merged");
}

/* POST /patients/unmerge: exactly the links that moved go back. */
void
page_patient_unmerge(struct req *r)
{
	const char	*reason = param(r, "reason");
	struct dbres	*m, *links;
	long long	 id, mid = form_ll(r, "merge"), dup;
	char		 oid[24];

	if ((id = patient_from_handle(r, param(r, "p"))) < 0)
		return;
	if (form_empty(reason)) {
		http_error(r, 400, "required", "reason");
		return;
	}
	if (form_begin(r) == -1)
		return;
	if ((m = db_query(STMT_MERGE_GET, "i", mid)) == NULL) {
		form_db_fail(r);
		return;
	}
	if (m->nrows == 0 || dbres_ll(m, 0, MERGE_GET_SURVIVOR_ID) != id) {
		dbres_free(m);
		db_rollback();
		http_error(r, 404, NULL, NULL);
		return;
	}
	if (dbres_ll(m, 0, MERGE_GET_UNDONE) != 0) {
		dbres_free(m);
		form_stale(r);
		return;
	}
	dup = dbres_ll(m, 0, MERGE_GET_MERGED_ID);
	dbres_free(m);
	if ((links = db_query(STMT_MERGE_LINKS, "i", mid)) == NULL) {
		form_db_fail(r);
		return;
	}
	for (size_t i = 0; i < links->nrows; i++)
		if (db_exec(STMT_LINK_MOVE, "iii", dup, dbres_ll(links, i, MERGE_LINKS_LINK_ID),
		    id) < 0) {
			dbres_free(links);
			form_db_fail(r);
			return;
		}
	dbres_free(links);
	if (db_exec(STMT_MERGE_UNDO, "isi", r->sess->user_id, reason, mid) != 1 ||
	    db_exec(STMT_PATIENT_UNMERGE, "i", dup) != 1) {
		form_db_fail(r);
		return;
	}
	snprintf(oid, sizeof(oid), "%lld", mid);
	/* Both patients' logs tell of it: audited, committed, or neither. */
	if (audit(r, &(struct audit_entry){ .action = "patient.unmerged",
	    .object_type = "patient_merge", .object_id = oid, .patient_id = dup,
	    .detail = reason }) != 0) {
		form_db_fail(r);
		return;
	}
	if (form_commit(r, &(struct audit_entry){ .action = "patient.unmerge",
	    .object_type = "patient_merge", .object_id = oid, .patient_id = id,
	    .detail = reason }) == -1)
		return;
	patient_redirect(r, "unmerged");
}

/*
 * GET /links: local IDs that arrived (by import or by hand) without a
 * network patient, each with the candidates that match exactly on kana
 * (normalized), birth date and sex.
 */
void
page_links(struct req *r)
{
	struct dbres	*res, *c;
	long long	 fac = patient_role_facility(r) ? r->sess->facility_id : 0;
	char		 k[64], h[32];

	/* The operator may narrow the queue to one facility. */
	if (fac == 0 && form_ll(r, "facility") > 0)
		fac = form_ll(r, "facility");
	view_set("Page.title", lang("links.title"));
	if (!patient_role_facility(r)) {
		facilities_view();
		view_set_int("Filter.facility", fac);
	}
	form_flash(r, "links");
	if ((res = db_query(STMT_LINK_UNLINKED, "ii", fac, fac)) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	for (size_t i = 0; i < res->nrows; i++) {
		str_fmt(k, sizeof(k), "Unlinked.%zu", i);
		struct vnode *n = view_node(k);
		static const char *const cols[LINK_UNLINKED__NCOLS] = {
		    [LINK_UNLINKED_ID] = "id", [LINK_UNLINKED_CODE] = "code",
		    [LINK_UNLINKED_FACILITY_NAME] = "facility",
		    [LINK_UNLINKED_LOCAL_ID] = "local_id",
		    [LINK_UNLINKED_NAME] = "name",
		    [LINK_UNLINKED_KANA] = "kana", [LINK_UNLINKED_SEX] = "sex",
		    [LINK_UNLINKED_BIRTH_DATE] = "birth_date",
		    [LINK_UNLINKED_VERSION] = "version" };
		vnode_row(n, res, i, cols, NITEMS(cols));
		/* Asked for a patient already: the operator decides (A12). */
		if (dbres_ll(res, i, LINK_UNLINKED_REQUESTED)) {
			vnode_set(n, "asked", "1");
			continue;
		}
		struct dbres *l = db_query(STMT_LINK_GET, "i", dbres_ll(res, i, LINK_UNLINKED_ID));
		if (l == NULL || l->nrows == 0 || dbres_get(l, 0, LINK_GET_KANA_KEY) == NULL ||
		    dbres_get(l, 0, LINK_GET_BIRTH_DATE) == NULL || dbres_get(l, 0, LINK_GET_SEX) == NULL) {
			dbres_free(l);
			continue;
		}
		c = db_query(STMT_PATIENT_MATCH, "sss", dbres_get(l, 0, LINK_GET_KANA_KEY),
		    dbres_get(l, 0, LINK_GET_BIRTH_DATE), dbres_get(l, 0, LINK_GET_SEX));
		dbres_free(l);
		if (c == NULL)
			continue;
		for (size_t j = 0; j < c->nrows; j++) {
			if (handle_for(r, dbres_ll(c, j, PATIENT_MATCH_ID), h, sizeof(h)) == -1)
				break;
			str_fmt(k, sizeof(k), "Unlinked.%zu.cand.%zu", i, j);
			struct vnode *cn = view_node(k);
			vnode_set(cn, "handle", h);
			vnode_set(cn, "network_id", dbres_get(c, j, PATIENT_MATCH_NETWORK_ID));
			vnode_set(cn, "name", dbres_get(c, j, PATIENT_MATCH_NAME));
			vnode_set(cn, "status", dbres_get(c, j, PATIENT_MATCH_STATUS));
		}
		dbres_free(c);
	}
	view_set_int("Unlinked_n", (long long)res->nrows);
	dbres_free(res);
	audit(r, &(struct audit_entry){ .action = "links.view",
	    .object_type = "patient_link" });
	http_page(r, 200, "links.cs");
}

/* POST /links/link: an unlinked local ID to a candidate, or to a new patient. */
void
page_link_set(struct req *r)
{
	struct dbres	*l;
	long long	 link = form_ll(r, "link"), ver = form_ll(r, "version"),
			 patient, fac;
	int		 rc, request = 0;
	char		 oid[24];

	if (form_begin(r) == -1)
		return;
	if ((l = db_query(STMT_LINK_GET, "i", link)) == NULL) {
		form_db_fail(r);
		return;
	}
	if (l->nrows == 0 || (patient_role_facility(r) &&
	    dbres_ll(l, 0, LINK_GET_FACILITY_ID) != r->sess->facility_id)) {
		dbres_free(l);
		db_rollback();
		http_error(r, 404, NULL, NULL);
		return;
	}
	fac = dbres_ll(l, 0, LINK_GET_FACILITY_ID);
	if (str_eq(param(r, "new_patient"), "1")) {
		/* The facility's own demographics become the patient's. */
		if (dbres_get(l, 0, LINK_GET_KANA) == NULL || dbres_get(l, 0, LINK_GET_SEX) == NULL ||
		    dbres_get(l, 0, LINK_GET_BIRTH_DATE) == NULL) {
			dbres_free(l);
			db_rollback();
			http_error(r, 409, "link_incomplete", NULL);
			return;
		}
		patient = patient_insert(r, dbres_get(l, 0, LINK_GET_NAME) ? dbres_get(l, 0, LINK_GET_NAME) :
		    dbres_get(l, 0, LINK_GET_KANA), dbres_get(l, 0, LINK_GET_KANA), dbres_get(l, 0, LINK_GET_SEX),
		    dbres_get(l, 0, LINK_GET_BIRTH_DATE), dbres_get(l, 0, LINK_GET_ADDRESS) ? dbres_get(l, 0, LINK_GET_ADDRESS) : "",
		    "");
	} else {
		patient = patient_from_handle(r, param(r, "p"));
		/* An existing patient: the operator decides (A12). */
		request = !has_role(r, ROLE_OPERATOR);
	}
	dbres_free(l);
	if (patient < 0) {
		if (r->status == 0)
			form_db_fail(r);
		else
			db_rollback();
		return;
	}
	rc = request ? db_exec(STMT_LINK_REQUEST, "iiii", patient,
	    r->sess->user_id, link, ver) : db_exec(STMT_LINK_SET, "iiii",
	    patient, r->sess->user_id, link, ver);
	if (form_one(r, rc) != 0)
		return;
	if ((request && link_event(link, "requested", patient,
	    NULL, r->sess->user_id) == -1)) {
		form_db_fail(r);
		return;
	}
	char detail[64];
	snprintf(detail, sizeof(detail), "facility %lld", fac);
	snprintf(oid, sizeof(oid), "%lld", link);
	if (form_commit(r, &(struct audit_entry){ .action = request ?
	    "patient.link_request" : "patient.link",
	    .object_type = "patient_link", .object_id = oid,
	    .patient_id = patient, .detail = detail }) == -1)
		return;
	http_redirect(r, request ? "/links?m=requested" : "/links?m=linked");
}
