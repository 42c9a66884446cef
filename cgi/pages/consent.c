/*
 * consent.c: form 4 (participation and consent) registered at a
 * disclosing or viewing facility with its scanned paper form, the
 * operator's completeness queue, the FHIR Consent export (A12.1, A12.4).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/json.h"
#include "base/util.h"
#include "db/db.h"
#include "pages/pages.h"
#include "pages/patient.h"
#include "pki/pki.h"
#include "rules/access.h"
#include "rules/emergency.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/form.h"
#include "web/render.h"
#include "web/rows.h"
#include "web/session.h"

/* The largest scanned form kept (a few pages scanned at 300 dpi). */
#define SCAN_MAX	(10 * 1024 * 1024)

const struct field f_consent_new_get[] = {
	{ "p", FT_TOKEN, 22 },
	{ NULL, 0, 0 }
};
const struct field f_consent_new[] = {
	{ "p", FT_TOKEN, 22 },
	{ "signed_on", FT_TEXT, 10 },
	{ "signer", FT_TOKEN, 16 },
	{ "proxy_name", FT_TEXT, 100 },
	{ "proxy_relation", FT_TEXT, 50 },
	{ "disclosing_all", FT_TOKEN, 1 },
	{ "viewing_all", FT_TOKEN, 1 },
	{ "disclosing", FT_INT, 20 },
	{ "viewing", FT_INT, 20 },
	{ "after_revocation", FT_TOKEN, 1 },
	{ "idem", FT_HEX, 64 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_consent_view[] = {
	{ "id", FT_INT, 20 },
	{ "m", FT_TOKEN, 24 },
	{ NULL, 0, 0 }
};
const struct field f_consent_check[] = {
	{ "id", FT_INT, 20 },
	{ "version", FT_INT, 10 },
	{ "decision", FT_TOKEN, 16 },
	{ "note", FT_TEXT, 500 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};


/* Member facilities as Facilities.N with which sides they can take. */
static int
facility_choices(struct req *r)
{
	struct dbres	*res;
	char		 k[48];

	if ((res = db_query(STMT_FACILITY_MEMBERS, "")) == NULL)
		return -1;
	for (size_t i = 0; i < res->nrows; i++) {
		str_fmt(k, sizeof(k), "Facilities.%zu", i);
		struct vnode *n = view_node(k);
		const char *id = dbres_get(res, i, FACILITY_MEMBERS_ID);
		vnode_set(n, "id", id);
		vnode_set(n, "code", dbres_get(res, i, FACILITY_MEMBERS_CODE));
		vnode_set(n, "name", dbres_get(res, i, FACILITY_MEMBERS_NAME));
		vnode_set(n, "disclosing", dbres_get(res, i, FACILITY_MEMBERS_DISCLOSING));
		vnode_set(n, "viewing", dbres_get(res, i, FACILITY_MEMBERS_VIEWING));
		/* Keep what the user ticked when the form comes back. */
		for (size_t j = 0; j < kv_count(&r->form, "disclosing"); j++)
			if (str_eq(kv_nth(&r->form, "disclosing", j), id))
				vnode_set(n, "d_checked", "1");
		for (size_t j = 0; j < kv_count(&r->form, "viewing"); j++)
			if (str_eq(kv_nth(&r->form, "viewing", j), id))
				vnode_set(n, "v_checked", "1");
	}
	dbres_free(res);
	return 0;
}

/*
 * The day the patient last revoked (form 5, by its signing date) as
 * Revoked.on, so the form can say that only a later consent counts;
 * the day (since 1970), 0 when never, -1 on a database error.
 */
static long
last_revocation_view(long long patient)
{
	struct access	 a;
	long		 last;
	char		 d[64];

	if (access_load(&a, patient, 0, 0) != 0) {
		access_free(&a);
		return -1;
	}
	last = consent_last_revocation(&a.f);
	access_free(&a);
	if (last > 0 && date_ja(d, sizeof(d), last) == 0)
		view_set("Revoked.on", d);
	return last;
}

/*
 * Form 4 for patient, whose name, kana and birth date it shows: a look at
 * the patient's identity, audited with the patient (A11.2).
 */
static void
consent_form(struct req *r, int status, long long patient)
{
	static const char *const keep[] = { "signed_on", "signer", "proxy_name",
	    "proxy_relation", "disclosing_all", "viewing_all", "idem",
	    "after_revocation" };
	char	 oid[24];

	view_set("Page.title", lang("consent.new_title"));
	view_set("P", param(r, "p"));
	view_set_int("ScanMaxMB", SCAN_MAX / (1024 * 1024));
	form_keep(r, "Form", keep, NITEMS(keep));
	if (facility_choices(r) == -1 ||
	    last_revocation_view(patient) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	snprintf(oid, sizeof(oid), "%lld", patient);
	audit(r, &(struct audit_entry){ .action = "consent.form_view",
	    .object_type = "patient", .object_id = oid, .patient_id = patient });
	view_set("Page.patient", "1");
	http_page(r, status, "consent_new.cs");
}

/* GET /consents/new: form 4 for the patient of handle p. */
void
page_consent_new(struct req *r)
{
	long long	 id;

	if ((id = patient_from_handle(r, param(r, "p"))) < 0 ||
	    patient_view_active(r, id) == -1)
		return;
	patient_form_defaults(r);
	kv_push(&r->form, "disclosing_all", 14, "1", 1);
	kv_push(&r->form, "viewing_all", 11, "1", 1);
	consent_form(r, 200, id);
}

/*
 * Checks the chosen facilities of one side: each an active member able to
 * take that side. 0, or 1 with a field error.
 */
static int
check_side(struct req *r, const char *side, int all, long long *own_named)
{
	struct dbres	*res;
	size_t		 n = kv_count(&r->form, side);
	int		 bad = 0, col = str_eq(side, "disclosing") ? 3 : 4;

	if (!all && n == 0) {
		form_err("consent", side, "choose_facility");
		return 1;
	}
	if ((res = db_query(STMT_FACILITY_MEMBERS, "")) == NULL)
		return 1;
	/*
	 * A12.4: "every facility" of a side names the registering facility
	 * only when it is a member on that side.
	 */
	for (size_t j = 0; all && j < res->nrows; j++)
		if (dbres_ll(res, j, FACILITY_MEMBERS_ID) == r->sess->facility_id &&
		    dbres_ll(res, j, col))
			*own_named = 1;
	for (size_t i = 0; !all && i < n && !bad; i++) {
		long long id;
		int ok = 0;
		if (str_to_ll(kv_nth(&r->form, side, i), 1, 1LL << 60, &id) == -1)
			break;
		for (size_t j = 0; j < res->nrows; j++)
			if (dbres_ll(res, j, FACILITY_MEMBERS_ID) == id && dbres_ll(res, j, col))
				ok = 1;
		if (!ok)
			form_err("consent", side, "facility"), bad = 1;
		if (id == r->sess->facility_id)
			*own_named = 1;
	}
	dbres_free(res);
	return bad;
}

/* The scanned form: present, not too large, a whole PDF/PNG/JPEG. */
static enum sniff
check_scan(struct req *r, int *bad)
{
	const struct upload	*u = mp_file(&r->files, "scan");
	enum sniff		 s;

	if (u == NULL) {
		form_err("consent", "scan", "scan_required");
		*bad = 1;
		return SNIFF_UNKNOWN;
	}
	if (u->len > SCAN_MAX) {
		form_err("consent", "scan", "scan_large");
		*bad = 1;
		return SNIFF_UNKNOWN;
	}
	s = sniff_type(u->data, u->len);
	if (s == SNIFF_TRUNCATED)
		form_err("consent", "scan", "scan_truncated"), *bad = 1;
	else if (s == SNIFF_UNKNOWN)
		form_err("consent", "scan", "scan_type"), *bad = 1;
	return s;
}

/*
 * A12.2: a form 4 signed on or before the patient's latest form 5 cannot
 * restore sharing, so it is refused beside its date, naming that day; on
 * the very day the user must state that it was signed after the
 * revocation (*after is then 1). 0 fine, 1 a field error set, -1 database.
 */
static int
revocation_check(struct req *r, long long patient, const char *on, int *after)
{
	struct access	 a;
	long		 last, day = date_days(on);
	char		 d[64], msg[512];
	int		 same;

	*after = 0;
	if (access_load(&a, patient, 0, 0) != 0) {
		access_free(&a);
		return -1;
	}
	last = consent_last_revocation(&a.f);
	access_free(&a);
	if (last == 0 || day > last)
		return 0;
	same = day == last;
	if (same && str_eq(param(r, "after_revocation"), "1")) {
		*after = 1;
		return 0;
	}
	date_ja(d, sizeof(d), last);
	str_fmt(msg, sizeof(msg), "%s%s%s", lang(same ?
	    "consent.err_same_day_pre" : "consent.err_revoked_pre"), d,
	    lang(same ? "consent.err_same_day_post" : "consent.err_revoked_post"));
	view_set(same ? "Form.err_after_revocation" : "Form.err_signed_on", msg);
	view_set("Form.invalid", "1");
	return 1;
}

/*
 * A12.4: a form 4 taken at a facility that holds none of the patient's
 * records (a viewing facility) opens them at once, so the managers of the
 * holding facilities it names as disclosing, and the operator, are told.
 * Inside the caller's transaction; 0 or -1.
 */
static int
notify_registered(struct req *r, long long cid, long long patient, int dall)
{
	struct dbres	*res;
	long long	 own = r->sess->facility_id;
	int		 holder = 0, rc = 0;

	if ((res = db_query(STMT_ACCESS_LINKED, "i", patient)) == NULL)
		return -1;
	for (size_t i = 0; i < res->nrows; i++)
		holder |= dbres_ll(res, i, ACCESS_LINKED_FACILITY_ID) == own;
	for (size_t i = 0; !holder && i < res->nrows && rc == 0; i++) {
		long long f = dbres_ll(res, i, ACCESS_LINKED_FACILITY_ID);
		int named = dall;
		for (size_t j = 0; !named && j < kv_count(&r->form,
		    "disclosing"); j++) {
			long long d;
			named = str_to_ll(kv_nth(&r->form, "disclosing", j), 1,
			    1LL << 60, &d) == 0 && d == f;
		}
		if (named && db_exec(STMT_NOTIFY_INSERT, "sissi",
		    "facility_manager", f, "consent.registered", "consent",
		    cid) < 0)
			rc = -1;
	}
	dbres_free(res);
	if (rc == 0 && !holder && db_exec(STMT_NOTIFY_INSERT, "sissi",
	    "operator", 0LL, "consent.registered", "consent", cid) < 0)
		rc = -1;
	return rc;
}

static int
insert_sides(long long cid, struct req *r, const char *side)
{
	for (size_t i = 0; i < kv_count(&r->form, side); i++) {
		long long f;
		if (str_to_ll(kv_nth(&r->form, side, i), 1, 1LL << 60, &f) == -1 ||
		    db_exec(STMT_CONSENT_FAC_INSERT, "isi", cid, side, f) != 1)
			return -1;
	}
	return 0;
}

/* POST /consents/new: form 4 with its scan, in one transaction. */
void
page_consent_new_post(struct req *r)
{
	const char	*idem = param(r, "idem"), *on = param(r, "signed_on"),
			*signer = param(r, "signer");
	int		 dall = str_eq(param(r, "disclosing_all"), "1"),
			 vall = str_eq(param(r, "viewing_all"), "1"), bad = 0,
			 after = 0, rv;
	long long	 id, own = 0, cid;
	int		 seen;
	enum sniff	 s;
	char		 today_s[11], sha[PKI_SHA256_HEX], oid[24];

	if ((id = patient_from_handle(r, param(r, "p"))) < 0)
		return;
	if ((seen = form_idem(r, STMT_CONSENT_BY_IDEM, idem, NULL)) != 0) {
		/* the same form sent twice: the first one stands */
		if (seen == 1)
			patient_redirect(r, "consent");
		return;
	}
	if (patient_view_active(r, id) == -1)
		return;
	today(today_s);
	if (form_empty(on) || !valid_date(on) || strcmp(on, today_s) > 0)
		form_err("consent", "signed_on", "date"), bad = 1;
	else if ((rv = revocation_check(r, id, on, &after)) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	} else if (rv == 1)
		bad = 1;
	if (!str_eq(signer, "patient") && !str_eq(signer, "proxy"))
		form_err("consent", "signer", "choose"), bad = 1;
	else if (str_eq(signer, "proxy") && (form_empty(param(r, "proxy_name")) ||
	    form_empty(param(r, "proxy_relation"))))
		form_err("consent", "proxy_name", "proxy"), bad = 1;
	long long own_d = 0, own_v = 0;
	bad |= check_side(r, "disclosing", dall, &own_d);
	bad |= check_side(r, "viewing", vall, &own_v);
	own = own_d || own_v;
	/* A12.4: obtained at a disclosing or a viewing facility named on it. */
	if (!bad && !own && !has_role(r, ROLE_OPERATOR))
		form_err("consent", "viewing", "own_facility"), bad = 1;
	s = check_scan(r, &bad);
	if (bad) {
		consent_form(r, 422, id);
		return;
	}
	const struct upload *u = mp_file(&r->files, "scan");
	if (pki_sha256_hex(u->data, u->len, sha) == -1 || db_begin() != DB_OK) {
		form_db_fail(r);
		return;
	}
	long long t = now_us();
	int rc = db_exec(STMT_CONSENT_INSERT, "issssiiiiiisi", id, on, signer,
	    param(r, "proxy_name"), param(r, "proxy_relation"), (long long)dall,
	    (long long)vall, r->sess->facility_id, t / 1000000, t % 1000000,
	    r->sess->user_id, idem, (long long)after);
	if (rc == DB_DUP) {
		db_rollback();
		patient_redirect(r, "consent");
		return;
	}
	if (rc != 1) {
		form_db_fail(r);
		return;
	}
	cid = (long long)db_last_id();
	if ((!dall && insert_sides(cid, r, "disclosing") == -1) ||
	    (!vall && insert_sides(cid, r, "viewing") == -1) ||
	    db_exec(STMT_CONSENT_SCAN_INSERT, "isisb", cid, sniff_mime(s),
	    (long long)u->len, sha, u->data, u->len) != 1) {
		form_db_fail(r);
		return;
	}
	/*
	 * A14: the consent an emergency access was waiting for has come, if
	 * it counts now (consent_needs_check: once checked).
	 */
	if (notify_registered(r, cid, id, dall) == -1 ||
	    (!cfg.consent_needs_check && emergency_followups_consented(id, cid,
	    r->sess->user_id) < 0)) {
		form_db_fail(r);
		return;
	}
	snprintf(oid, sizeof(oid), "%lld", cid);
	if (form_commit(r, &(struct audit_entry){ .action = "consent.register",
	    .object_type = "consent", .object_id = oid, .patient_id = id,
	    .detail = sha }) == -1)
		return;
	patient_redirect(r, cfg.consent_needs_check ? "consent_wait" : "consent");
}

/*
 * Loads consent id for this user: the operator and staff see every one, a
 * facility the ones it registered. Returns its row or NULL with a page sent.
 */
static struct dbres *
consent_load(struct req *r, long long id)
{
	struct dbres	*c;

	if (id < 0) {
		http_error(r, 400, "required", "id");
		return NULL;
	}
	if ((c = db_query(STMT_CONSENT_GET, "i", id)) == NULL) {
		http_error(r, 503, "db", NULL);
		return NULL;
	}
	if (c->nrows == 0 || (patient_role_facility(r) &&
	    dbres_ll(c, 0, CONSENT_GET_FACILITY_ID) != r->sess->facility_id)) {
		dbres_free(c);
		http_error(r, 404, NULL, NULL);
		return NULL;
	}
	return c;
}

/* The moment a form 5 ended consent c (row of STMT_CONSENT_GET), or 0. */
static long long
revoked_at(const struct dbres *c)
{
	struct dbres	*res;
	long long	 pid = dbres_ll(c, 0, CONSENT_GET_PATIENT_ID), t;

	if ((res = db_query(STMT_CONSENT_REVOKED_AT, "iii", dbres_ll(c, 0, CONSENT_GET_ID),
	    pid, pid)) == NULL)
		return 0;
	t = dbres_ll(res, 0, CONSENT_REVOKED_AT_ENDED_AT);
	dbres_free(res);
	return t;
}

/*
 * Issue 20: a byte count as a person reads it ("123,456"), into out (at
 * least 32 bytes).
 */
static void
fmt_bytes(char *out, size_t len, long long n)
{
	char	 d[24];
	size_t	 nd, o = 0;

	snprintf(d, sizeof(d), "%lld", n < 0 ? 0 : n);
	nd = strlen(d);
	for (size_t i = 0; i < nd && o + 2 < len; i++) {
		if (i > 0 && (nd - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = d[i];
	}
	out[o] = '\0';
}

/*
 * Issue 20: the patient a form 4 names (Patient.*), the size of its scan in
 * words, and whether the page may frame the scan (a PDF shown inline).
 */
static void
consent_more(struct req *r, const struct dbres *c)
{
	struct dbres	*p;
	char		 b[32];

	if ((p = db_query(STMT_CONSENT_PATIENT, "i", dbres_ll(c, 0,
	    CONSENT_GET_PATIENT_ID))) != NULL) {
		if (p->nrows > 0) {
			view_set("Patient.name", dbres_get(p, 0, CONSENT_PATIENT_NAME));
			view_set("Patient.kana", dbres_get(p, 0, CONSENT_PATIENT_KANA));
			view_set("Patient.birth_date", dbres_get(p, 0, CONSENT_PATIENT_BIRTH_DATE));
		}
		dbres_free(p);
	}
	if (dbres_get(c, 0, CONSENT_GET_SIZE) != NULL) {
		fmt_bytes(b, sizeof(b), dbres_ll(c, 0, CONSENT_GET_SIZE));
		view_set("Consent.scan_bytes", b);
	}
	const char *ct = dbres_get(c, 0, CONSENT_GET_CONTENT_TYPE);
	view_set("Consent.scan_kind", str_eq(ct, "application/pdf") ? "pdf" :
	    str_eq(ct, "image/png") ? "png" : "jpeg");
	if (str_eq(ct, "application/pdf"))
		r->frames |= FRAMES_EMBED;
}

/* GET /consents/view: one form 4, its facilities, its scan; the check. */
void
page_consent_view(struct req *r)
{
	static const char *const cols[] = { "id", "patient_id", "signed_on",
	    "signer", "proxy_name", "proxy_relation", "all_disclosing",
	    "all_viewing", "facility_id", "facility", "registered_at",
	    "registered_by", "status", "checked_at", "check_note", "version",
	    "scan_type", "scan_size", "scan_sha256" };
	struct dbres	*c, *f;
	char		 k[48], d[32], h[32];
	size_t		 nd = 0, nv = 0;

	if ((c = consent_load(r, form_ll(r, "id"))) == NULL)
		return;
	view_set("Page.title", lang("consent.view_title"));
	form_flash(r, "consent");
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		str_fmt(k, sizeof(k), "Consent.%s", cols[i]);
		view_set(k, dbres_get(c, 0, i));
	}
	fmt_jst(d, sizeof(d), dbres_ll(c, 0, CONSENT_GET_REGISTERED_AT), "%Y-%m-%d %H:%M");
	view_set("Consent.registered_at", d);
	fmt_jst(d, sizeof(d), dbres_ll(c, 0, CONSENT_GET_CHECKED_AT), "%Y-%m-%d %H:%M");
	view_set("Consent.checked_at", d);
	long long rv = revoked_at(c);
	fmt_jst(d, sizeof(d), rv, "%Y-%m-%d %H:%M");
	view_set("Consent.revoked_at", d);
	if (handle_for(r, dbres_ll(c, 0, CONSENT_GET_PATIENT_ID), h, sizeof(h)) == 0)
		view_set("Consent.p", h);
	consent_more(r, c);
	long long pid = dbres_ll(c, 0, CONSENT_GET_PATIENT_ID);
	char oid[24];
	snprintf(oid, sizeof(oid), "%lld", dbres_ll(c, 0, CONSENT_GET_ID));
	if ((f = db_query(STMT_CONSENT_FACS, "i", dbres_ll(c, 0, CONSENT_GET_ID))) != NULL) {
		for (size_t i = 0; i < f->nrows; i++) {
			int dis = str_eq(dbres_get(f, i, CONSENT_FACS_SIDE), "disclosing");
			str_fmt(k, sizeof(k), "%s.%zu", dis ? "Disclosing" :
			    "Viewing", dis ? nd++ : nv++);
			struct vnode *n = view_node(k);
			vnode_set(n, "code", dbres_get(f, i, CONSENT_FACS_CODE));
			vnode_set(n, "name", dbres_get(f, i, CONSENT_FACS_NAME));
		}
		dbres_free(f);
	}
	dbres_free(c);
	view_set("Can.check", has_role(r, ROLES_OFFICE) ? "1" : "");
	audit(r, &(struct audit_entry){ .action = "consent.view",
	    .object_type = "consent", .object_id = oid, .patient_id = pid });
	view_set("Page.patient", "1");
	http_page(r, r->status ? r->status : 200, "consent_view.cs");
}

/* At most this many waiting consents on the queue's page, the oldest. */
#define QUEUE_MAX	500

/*
 * Issue 20: the queue names each form's patient, its scan's size, and a
 * form whose patient has since revoked (form 5); the names shown are
 * audited as a listing (patient.listed, one entry per patient). By id:
 * Queue.N of STMT_CONSENT_QUEUE and of this statement are the same forms
 * when nothing committed between them; a form that left is skipped.
 * 0, or -1.
 */
static int
queue_named(const struct req *r)
{
	struct dbres	*res;
	char		 k[48], b[32];
	long long	*ids;
	size_t		 n = 0;

	if ((res = db_query(STMT_CONSENT_QUEUE_NAMED, "i", (long long)QUEUE_MAX)) == NULL)
		return -1;
	if ((ids = calloc(res->nrows + 1, sizeof(*ids))) == NULL) {
		dbres_free(res);
		return -1;
	}
	for (size_t i = 0; i < res->nrows; i++) {
		str_fmt(k, sizeof(k), "Queue.%zu.id", i);
		if (!str_eq(view_get(k), dbres_get(res, i, CONSENT_QUEUE_NAMED_ID)))
			continue;
		str_fmt(k, sizeof(k), "Queue.%zu", i);
		struct vnode *v = view_node(k);
		vnode_set(v, "patient", dbres_get(res, i, CONSENT_QUEUE_NAMED_PATIENT_NAME));
		if (dbres_get(res, i, CONSENT_QUEUE_NAMED_SIZE) != NULL) {
			fmt_bytes(b, sizeof(b), dbres_ll(res, i, CONSENT_QUEUE_NAMED_SIZE));
			vnode_set(v, "bytes", b);
		}
		if (dbres_ll(res, i, CONSENT_QUEUE_NAMED_REVOKED))
			vnode_set(v, "revoked", "1");
		ids[n++] = dbres_ll(res, i, CONSENT_QUEUE_NAMED_PATIENT_ID);
	}
	dbres_free(res);
	int rc = audit_patients(r, &(struct audit_entry){
	    .action = "consent.queue_listed", .object_type = "patient" }, ids, n);
	free(ids);
	return rc == 0 ? 0 : -1;
}

/* GET /consents/queue: new consents waiting for the operator's check (A12.4). */
void
page_consent_queue(struct req *r)
{
	struct dbres	*res;
	char		 k[48], d[32];

	view_set("Page.title", lang("consent.queue_title"));
	form_flash(r, "consent");
	if ((res = db_query(STMT_CONSENT_QUEUE, "i", (long long)QUEUE_MAX)) ==
	    NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	for (size_t i = 0; i < res->nrows; i++) {
		str_fmt(k, sizeof(k), "Queue.%zu", i);
		struct vnode *n = view_node(k);
		vnode_set(n, "id", dbres_get(res, i, CONSENT_QUEUE_ID));
		fmt_jst(d, sizeof(d), dbres_ll(res, i, CONSENT_QUEUE_REGISTERED_AT), "%Y-%m-%d %H:%M");
		vnode_set(n, "registered", d);
		vnode_set(n, "signed_on", dbres_get(res, i, CONSENT_QUEUE_SIGNED_ON));
		vnode_set(n, "facility", dbres_get(res, i, CONSENT_QUEUE_FACILITY_NAME));
		vnode_set(n, "by", dbres_get(res, i, CONSENT_QUEUE_REGISTRAR_NAME));
		vnode_set(n, "has_scan", dbres_get(res, i, CONSENT_QUEUE_HAS_SCAN));
		vnode_set(n, "signer", dbres_get(res, i, CONSENT_QUEUE_SIGNER));
		/* Days waiting: "promptly" (A12.4) shows when it is not. */
		vnode_set_int(n, "days", (now() - dbres_ll(res, i, CONSENT_QUEUE_REGISTERED_AT)) / 86400);
	}
	view_set_int("Queue_n", (long long)res->nrows);
	/* More than a page waiting: say how many, the oldest come first. */
	if (res->nrows > 0 && dbres_ll(res, 0, CONSENT_QUEUE_TOTAL) > (long long)res->nrows)
		view_set_int("Queue_total", dbres_ll(res, 0, CONSENT_QUEUE_TOTAL));
	dbres_free(res);
	if (queue_named(r) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	http_page(r, 200, "consent_queue.cs");
}

/* POST /consents/check: complete (checked) or void (rejected, with why). */
void
page_consent_check(struct req *r)
{
	const char	*dec = param(r, "decision"), *note = param(r, "note");
	long long	 id = form_ll(r, "id"), ver = form_ll(r, "version");
	struct dbres	*c;
	char		 where[64];
	int		 rc;

	if (!str_eq(dec, "checked") && !str_eq(dec, "rejected")) {
		http_error(r, 400, "type", "decision");
		return;
	}
	if (str_eq(dec, "rejected") && form_blank(note)) {
		/* Issue 20: beside the field, on the form's page, what was chosen kept. */
		form_err("office", "note", "reject_note");
		view_set("Form.decision", dec);
		r->status = 422;
		page_consent_view(r);
		return;
	}
	if ((c = consent_load(r, id)) == NULL)
		return;
	long long pid = dbres_ll(c, 0, CONSENT_GET_PATIENT_ID);
	dbres_free(c);
	if (form_begin(r) == -1)
		return;
	rc = db_exec(STMT_CONSENT_CHECK, "sisii", dec, r->sess->user_id, note, id,
	    ver);
	if (form_one(r, rc) != 0)
		return;
	/*
	 * A14: a voided form 4 no longer answers an emergency's follow-up;
	 * a checked one does once checking is what makes it count.
	 */
	if ((str_eq(dec, "rejected") &&
	    db_exec(STMT_EMERGENCY_REOPEN, "i", id) < 0) ||
	    (str_eq(dec, "checked") && cfg.consent_needs_check &&
	    emergency_followups_consented(pid, id, r->sess->user_id) < 0)) {
		form_db_fail(r);
		return;
	}
	char oid[24];
	snprintf(oid, sizeof(oid), "%lld", id);
	if (form_commit(r, &(struct audit_entry){ .action = str_eq(dec, "checked") ?
	    "consent.checked" : "consent.rejected", .object_type = "consent",
	    .object_id = oid, .patient_id = pid, .detail = note }) == -1)
		return;
	str_fmt(where, sizeof(where), "/consents/queue?m=%s", dec);
	http_redirect(r, where);
}

/* GET /consents/scan: the scanned paper form, as the type its bytes showed. */
void
page_consent_scan(struct req *r)
{
	struct dbres	*c, *s;
	char		 cd[96], oid[24];

	if ((c = consent_load(r, form_ll(r, "id"))) == NULL)
		return;
	long long id = dbres_ll(c, 0, CONSENT_GET_ID), pid = dbres_ll(c, 0, CONSENT_GET_PATIENT_ID);
	dbres_free(c);
	if ((s = row_load(r, STMT_CONSENT_SCAN_GET, "i", id)) == NULL)
		return;
	snprintf(oid, sizeof(oid), "%lld", id);
	audit(r, &(struct audit_entry){ .action = "consent.scan_view",
	    .object_type = "consent", .object_id = oid, .patient_id = pid });
	const char *ct = dbres_get(s, 0, CONSENT_SCAN_GET_CONTENT_TYPE);
	str_fmt(cd, sizeof(cd), "inline; filename=\"consent-%lld.%s\"", id,
	    str_eq(ct, "application/pdf") ? "pdf" : str_eq(ct, "image/png") ?
	    "png" : "jpg");
	buf_reset(&r->body_out);
	buf_add(&r->body_out, dbres_get(s, 0, CONSENT_SCAN_GET_DATA), dbres_len(s, 0, CONSENT_SCAN_GET_DATA));
	r->status = 200;
	r->ctype = str_eq(ct, "application/pdf") ? "application/pdf" :
	    str_eq(ct, "image/png") ? "image/png" : "image/jpeg";
	r->frames |= FRAMES_FRAMED;	/* issue 20: shown inline on the form's page */
	http_header(r, "Content-Disposition", cd);
	dbres_free(s);
}

static void
fhir_actor(struct buf *b, const char *role, const char *code, const char *name,
    int *first)
{
	buf_puts(b, *first ? "" : ",");
	*first = 0;
	buf_printf(b, "{\"role\":{\"coding\":[{\"system\":"
	    "\"http://terminology.hl7.org/CodeSystem/v3-ParticipationType\","
	    "\"code\":\"%s\"}]},\"reference\":{\"identifier\":{\"system\":"
	    "\"urn:mogami-net:facility\",\"value\":", role);
	json_str(b, code);
	buf_puts(b, "},\"display\":");
	json_str(b, name);
	buf_puts(b, "}}");
}

static void
iso_utc(char *out, size_t len, long long t)
{
	time_t		 tt = (time_t)t;
	struct tm	 tm;

	out[0] = '\0';
	if (gmtime_r(&tt, &tm) != NULL)
		strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/*
 * GET /consents/fhir: the consent as a FHIR R4 Consent resource. Custodians
 * (CST) are the disclosing facilities, recipients (PRCP) the viewing ones;
 * "every member" is the identifier value "*".
 */
void
page_consent_fhir(struct req *r)
{
	struct dbres	*c, *f;
	struct buf	*b = &r->body_out;
	char		 t[32], oid[24], cd[64];
	int		 first = 1;

	if ((c = consent_load(r, form_ll(r, "id"))) == NULL)
		return;
	long long id = dbres_ll(c, 0, CONSENT_GET_ID), pid = dbres_ll(c, 0, CONSENT_GET_PATIENT_ID);
	long long rv = revoked_at(c);
	struct access a;
	int deceased = access_load(&a, pid, 0, 0) == 0 && a.f.deceased_at != 0;
	access_free(&a);
	const char *st = str_eq(dbres_get(c, 0, CONSENT_GET_STATUS), "rejected") ? "rejected" :
	    (rv != 0 || deceased) ? "inactive" : "active";
	buf_reset(b);
	buf_printf(b, "{\"resourceType\":\"Consent\",\"id\":\"%lld\","
	    "\"status\":\"%s\",", id, st);
	buf_puts(b, "\"scope\":{\"coding\":[{\"system\":"
	    "\"http://terminology.hl7.org/CodeSystem/consentscope\","
	    "\"code\":\"patient-privacy\"}]},"
	    "\"category\":[{\"coding\":[{\"system\":\"http://loinc.org\","
	    "\"code\":\"59284-0\",\"display\":\"Patient Consent\"}]}],"
	    "\"patient\":{\"identifier\":{\"system\":\"urn:mogami-net:patient\","
	    "\"value\":");
	json_str(b, dbres_get(c, 0, CONSENT_GET_NETWORK_ID));
	iso_utc(t, sizeof(t), dbres_ll(c, 0, CONSENT_GET_REGISTERED_AT));
	buf_printf(b, "}},\"dateTime\":\"%s\",", t);
	buf_puts(b, "\"organization\":[{\"identifier\":{\"system\":"
	    "\"urn:mogami-net:facility\",\"value\":");
	json_str(b, dbres_get(c, 0, CONSENT_GET_FACILITY_CODE));
	buf_puts(b, "},\"display\":");
	json_str(b, dbres_get(c, 0, CONSENT_GET_FACILITY_NAME));
	buf_puts(b, "}],");
	if (dbres_get(c, 0, CONSENT_GET_CONTENT_TYPE) != NULL) {
		buf_printf(b, "\"sourceAttachment\":{\"contentType\":\"%s\","
		    "\"size\":%s,\"title\":\"form4\",\"extension\":[{\"url\":"
		    "\"urn:mogami-net:fhir:sha256\",\"valueString\":\"%s\"}]},",
		    dbres_get(c, 0, CONSENT_GET_CONTENT_TYPE), dbres_get(c, 0, CONSENT_GET_SIZE), dbres_get(c, 0, CONSENT_GET_SHA256));
	}
	buf_puts(b, "\"policyRule\":{\"coding\":[{\"system\":"
	    "\"http://terminology.hl7.org/CodeSystem/v3-ActCode\","
	    "\"code\":\"OPTIN\"}]},");
	buf_puts(b, "\"provision\":{\"type\":\"permit\",\"period\":{");
	buf_printf(b, "\"start\":\"%s\"", t);
	if (rv != 0) {
		iso_utc(t, sizeof(t), rv);
		buf_printf(b, ",\"end\":\"%s\"", t);
	}
	buf_puts(b, "},\"actor\":[");
	if (dbres_ll(c, 0, CONSENT_GET_ALL_DISCLOSING))
		fhir_actor(b, "CST", "*", "全加盟公開施設", &first);
	if (dbres_ll(c, 0, CONSENT_GET_ALL_VIEWING))
		fhir_actor(b, "PRCP", "*", "全加盟閲覧施設", &first);
	if ((f = db_query(STMT_CONSENT_FACS, "i", id)) != NULL) {
		for (size_t i = 0; i < f->nrows; i++)
			fhir_actor(b, str_eq(dbres_get(f, i, CONSENT_FACS_SIDE), "disclosing") ?
			    "CST" : "PRCP", dbres_get(f, i, CONSENT_FACS_CODE), dbres_get(f, i, CONSENT_FACS_NAME),
			    &first);
		dbres_free(f);
	}
	/* A8.1: care, explanation to the patient, patient care. */
	buf_puts(b, "],\"purpose\":[{\"system\":"
	    "\"http://terminology.hl7.org/CodeSystem/v3-ActReason\","
	    "\"code\":\"TREAT\"}]}}");
	dbres_free(c);
	snprintf(oid, sizeof(oid), "%lld", id);
	audit(r, &(struct audit_entry){ .action = "consent.export",
	    .object_type = "consent", .object_id = oid, .patient_id = pid,
	    .detail = "fhir" });
	r->status = 200;
	r->ctype = "application/fhir+json; charset=utf-8";
	str_fmt(cd, sizeof(cd), "attachment; filename=\"consent-%lld.json\"", id);
	http_header(r, "Content-Disposition", cd);
}
