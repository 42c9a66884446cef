/*
 * revocation.c: form 5 (consent revocation), effective the moment it
 * is received, with a printed receipt for the patient (A12.2); and the
 * report the desk prints for a patient of everyone who looked at their
 * records (A11.2, A4.3).
 */
#include <stdio.h>
#include <string.h>

#include "base/config.h"
#include "base/util.h"
#include "db/db.h"
#include "pages/form5.h"
#include "pages/pages.h"
#include "pages/patient.h"
#include "pki/pki.h"
#include "rules/access.h"
#include "rules/receipts.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/form.h"
#include "web/render.h"
#include "web/session.h"

const struct field f_revocation_new_get[] = {
	{ "p", FT_TOKEN, 22 },
	{ NULL, 0, 0 }
};
const struct field f_revocation_new[] = {
	{ "p", FT_TOKEN, 22 },
	{ "signed_on", FT_TEXT, 10 },
	{ "signer", FT_TOKEN, 16 },
	{ "proxy_name", FT_TEXT, 100 },
	{ "proxy_relation", FT_TEXT, 50 },
	{ "note", FT_TEXT, 500 },
	{ "idem", FT_HEX, 64 },
	{ "csrf", FT_HEX, 64 },
	{ "confirm", FT_TOKEN, 1 },	/* issue 20: sent from the page that asked */
	{ "edit", FT_TOKEN, 1 },	/* issue 20: back from that page to the form */
	{ NULL, 0, 0 }
};
const struct field f_revocation_receipt[] = {
	{ "no", FT_TOKEN, 20 },
	{ "m", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};
const struct field f_access_report[] = {
	{ "p", FT_TOKEN, 22 },
	{ "from", FT_DATE, 10 },
	{ "to", FT_DATE, 10 },
	{ NULL, 0, 0 }
};

/* At most this many views in one report: more are a shorter period. */
#define REPORT_MAX	1000

static int
at_desk(const struct req *r)
{
	return (r->sess->roles & ROLES_DESK) != 0;
}

/* Form 5 for patient id: shows who it is, so it is audited as a look (A11.2). */
static void
revocation_form(struct req *r, long long id, int status)
{
	static const char *const keep[] = { "signed_on", "signer", "proxy_name",
	    "proxy_relation", "note", "idem" };
	char	 oid[24];

	view_set("Page.title", lang("revocation.new_title"));
	view_set("P", param(r, "p"));
	form_keep(r, "Form", keep, NITEMS(keep));
	snprintf(oid, sizeof(oid), "%lld", id);
	audit(r, &(struct audit_entry){ .action = "consent.revoke_form_view",
	    .object_type = "patient", .object_id = oid, .patient_id = id });
	view_set("Page.patient", "1");
	http_page(r, status, "revocation_new.cs");
}

/* The patient of handle p, shown on the form; -1 with a page sent. */
static long long
revocation_patient(struct req *r)
{
	struct dbres	*p;
	long long	 id;

	if ((id = patient_from_handle(r, param(r, "p"))) < 0)
		return -1;
	if ((p = patient_view(r, id)) == NULL)
		return -1;
	int merged = str_eq(dbres_get(p, 0, PATIENT_GET_STATUS), "merged");
	dbres_free(p);
	if (merged) {
		http_error(r, 409, "patient_inactive", NULL);
		return -1;
	}
	return id;
}

/* GET /revocations/new: form 5 for the patient of handle p. */
void
page_revocation_new(struct req *r)
{
	long long	 id;

	if ((id = revocation_patient(r)) < 0)
		return;
	patient_form_defaults(r);
	revocation_form(r, id, 200);
}

/*
 * POST /revocations/new: records form 5. From this commit on, every
 * consent registered before it no longer allows anyone to view (A12.2):
 * consent is checked on every request, so an open page is refused next.
 */
void
page_revocation_new_post(struct req *r)
{
	const char	*idem = param(r, "idem"), *on = param(r, "signed_on"),
			*signer = param(r, "signer");
	long long	 id;
	char		 today_s[11], no[24], where[64], oid[24];
	int		 bad = 0, rc;

	if ((id = revocation_patient(r)) < 0)
		return;
	/* sent twice: show the first receipt */
	if (form_idem(r, STMT_CREVOC_BY_IDEM, idem,
	    "/revocations/receipt?no=%s") != 0)
		return;
	today(today_s);
	if (form_empty(on) || !valid_date(on) || strcmp(on, today_s) > 0)
		form_err("revocation", "signed_on", "date"), bad = 1;
	if (!str_eq(signer, "patient") && !str_eq(signer, "proxy"))
		form_err("revocation", "signer", "choose"), bad = 1;
	else if (str_eq(signer, "proxy") && (form_empty(param(r, "proxy_name")) ||
	    form_empty(param(r, "proxy_relation"))))
		form_err("revocation", "proxy_name", "proxy"), bad = 1;
	if (bad) {
		revocation_form(r, id, 422);
		return;
	}
	/*
	 * Issue 21: the signed paper, scanned (optional here: the receipt
	 * takes it later). It comes with the confirmation (issue 20), so a bad
	 * file comes back beside its field on the page that asked.
	 */
	const struct upload *scan = NULL;
	enum sniff st = SNIFF_UNKNOWN;
	if (form5_check_scan(r, &scan, &st)) {
		if (str_eq(param(r, "confirm"), "1"))
			view_set("Confirm", "1");
		revocation_form(r, id, 422);
		return;
	}
	/*
	 * Issue 20: it cannot be undone; the form first comes back as a page
	 * that says what will happen, and only its confirmation records it.
	 */
	if (str_eq(param(r, "edit"), "1")) {
		revocation_form(r, id, 200);
		return;
	}
	if (!str_eq(param(r, "confirm"), "1")) {
		view_set("Confirm", "1");
		revocation_form(r, id, 200);
		return;
	}
	if (db_begin() != DB_OK || receipt_next('R', no, sizeof(no)) == -1) {
		form_db_fail(r);
		return;
	}
	long long t = now_us();
	rc = db_exec(STMT_CREVOC_INSERT, "sisssssisiiis", no, id, on, signer,
	    param(r, "proxy_name"), param(r, "proxy_relation"),
	    at_desk(r) ? "desk" : "facility",
	    (long long)(at_desk(r) ? 0 : r->sess->facility_id), param(r, "note"),
	    t / 1000000, t % 1000000, r->sess->user_id, idem);
	if (rc != 1) {
		form_db_fail(r);
		return;
	}
	long long rid = (long long)db_last_id();
	snprintf(oid, sizeof(oid), "%lld", rid);
	/* A12.2: its scan kept like form 4's; the disclosing facilities' managers and the operator told. */
	if ((scan != NULL && form5_store_scan(rid, scan, st) != 0) ||
	    form5_notify(rid, id) == -1) {
		form_db_fail(r);
		return;
	}
	if (form_commit(r, &(struct audit_entry){ .action = "consent.revoke",
	    .object_type = "consent_revocation", .object_id = oid,
	    .patient_id = id, .detail = no }) == -1)
		return;
	str_fmt(where, sizeof(where), "/revocations/receipt?no=%s", no);
	http_redirect(r, where);
}

/* GET /revocations/receipt: the printed receipt the patient takes home. */
void
page_revocation_receipt(struct req *r)
{
	static const char *const cols[] = { "receipt_no", "patient_id",
	    "signed_on", "signer", "proxy_name", "proxy_relation", "via",
	    "facility", "received_at", "received_by", "name", "kana" };
	struct dbres	*res;
	char		 k[48], d[32];

	if (form_empty(param(r, "no"))) {
		http_error(r, 400, "required", "no");
		return;
	}
	if ((res = db_query(STMT_CREVOC_GET, "s", param(r, "no"))) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	/* A facility sees the receipts it issued; the desk and operator all. */
	if (res->nrows == 0 || (!at_desk(r) && dbres_ll(res, 0, CREVOC_GET_FACILITY_ID) !=
	    r->sess->facility_id)) {
		dbres_free(res);
		http_error(r, 404, NULL, NULL);
		return;
	}
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		str_fmt(k, sizeof(k), "Receipt.%s", cols[i]);
		view_set(k, dbres_get(res, 0, i));
	}
	fmt_jst(d, sizeof(d), dbres_ll(res, 0, CREVOC_GET_RECEIVED_AT), "%Y-%m-%d %H:%M");
	view_set("Receipt.received_at", d);
	long long pid = dbres_ll(res, 0, CREVOC_GET_PATIENT_ID);
	if (form5_receipt_view(dbres_get(res, 0, CREVOC_GET_RECEIPT_NO)) == -1) {
		dbres_free(res);
		http_error(r, 503, "db", NULL);
		return;
	}
	if (str_eq(param(r, "m"), "scan"))
		view_set("Flash", lang("form5.scan_stored"));
	audit(r, &(struct audit_entry){ .action = "consent.revoke_receipt",
	    .object_type = "consent_revocation", .object_id = dbres_get(res, 0, CREVOC_GET_RECEIPT_NO),
	    .patient_id = pid });
	dbres_free(res);
	view_set("Page.title", lang("revocation.receipt_title"));
	view_set("Page.patient", "1");
	http_page(r, 200, "revocation_receipt.cs");
}

/*
 * GET /patients/access-report: every view of this patient's records, from
 * the audit log, as the patient can read it: when, which facility, which
 * profession, for what, and whether it was an emergency (A11.2, A14).
 * Newest first, in an optional period of days (from, to); a period with
 * more than REPORT_MAX views shows the newest REPORT_MAX and says so.
 */
void
page_access_report(struct req *r)
{
	struct dbres	*p, *res;
	const char	*from = form_null(param(r, "from"));
	const char	*to = form_null(param(r, "to"));
	long long	 id, lim = REPORT_MAX + 1;
	size_t		 n;
	char		 k[64], d[40], oid[24], period[32];

	if ((id = patient_from_handle(r, param(r, "p"))) < 0)
		return;
	if ((p = patient_view(r, id)) == NULL)
		return;
	dbres_free(p);
	view_set("P", param(r, "p"));
	view_set("Form.from", from);
	view_set("Form.to", to);
	if (from != NULL && to != NULL && strcmp(from, to) > 0) {
		/* Said beside the field; the report waits for a usable period. */
		form_err("report", "to", "range");
		view_set("Page.title", lang("report.title"));
		http_page(r, 400, "access_report.cs");
		return;
	}
	/* One more than is shown, in each branch and in all: "more" is known. */
	if ((res = db_query(STMT_ACCESS_REPORT, "issssiissssii", id, from, from,
	    to, to, lim, id, from, from, to, to, lim, lim)) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	n = res->nrows > REPORT_MAX ? REPORT_MAX : res->nrows;
	for (size_t i = 0; i < n; i++) {
		str_fmt(k, sizeof(k), "Access.%zu", i);
		struct vnode *v = view_node(k);
		fmt_jst(d, sizeof(d), dbres_ll(res, i, ACCESS_REPORT_TS), "%Y-%m-%d %H:%M");
		vnode_set(v, "when", d);
		vnode_set(v, "facility", dbres_get(res, i, ACCESS_REPORT_FACILITY_NAME));
		vnode_set(v, "profession", dbres_get(res, i, ACCESS_REPORT_PROFESSION_NAME));
		str_fmt(k, sizeof(k), "report.purpose_%s", dbres_get(res, i, ACCESS_REPORT_PURPOSE) ?
		    dbres_get(res, i, ACCESS_REPORT_PURPOSE) : "none");
		vnode_set(v, "purpose", lang(k));
		str_fmt(k, sizeof(k), "report.action_%s", dbres_get(res, i, ACCESS_REPORT_ACTION));
		vnode_set(v, "what", lang(k));
		vnode_set(v, "emergency", dbres_ll(res, i, ACCESS_REPORT_EMERGENCY) ? "1" : "");
	}
	view_set_int("Access_n", (long long)n);
	if (res->nrows > REPORT_MAX)
		view_set_int("Access_more", REPORT_MAX);
	dbres_free(res);
	fmt_jst(d, sizeof(d), now(), "%Y-%m-%d %H:%M");
	view_set("Report.printed", d);
	snprintf(oid, sizeof(oid), "%lld", id);
	/* The period asked, in the entry: "2026-01-01..", "..2026-03-31". */
	str_fmt(period, sizeof(period), "%s..%s", from ? from : "", to ? to : "");
	audit(r, &(struct audit_entry){ .action = "patient.access_report",
	    .object_type = "patient", .object_id = oid, .patient_id = id,
	    .detail = from != NULL || to != NULL ? period : NULL });
	view_set("Page.title", lang("report.title"));
	view_set("Page.patient", "1");
	http_page(r, 200, "access_report.cs");
}
