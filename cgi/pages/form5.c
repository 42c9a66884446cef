/*
 * form5.c: form 5 (consent revocation) as on paper (A12.2): the signed
 * paper, scanned and kept like form 4's (typed by its bytes, at most
 * SCAN_MAX, its SHA-256), sent with the form or added from the receipt
 * afterwards (the revocation itself bites at once and never waits for a
 * scanner); the managers of the disclosing facilities that hold the
 * patient's records, and the operator, are told as it is received.
 */
#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "db/db.h"
#include "pages/form5.h"
#include "pages/pages.h"
#include "pages/patient.h"
#include "pki/pki.h"
#include "rules/rulebook.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/form.h"
#include "web/render.h"
#include "web/rows.h"
#include "web/session.h"

#define SCAN_MAX	(10 * 1024 * 1024)

const struct field f_revocation_scan[] = {
	{ "no", FT_TOKEN, 20 },
	{ NULL, 0, 0 }
};
const struct field f_consent_print[] = {
	{ "id", FT_INT, 20 },
	{ NULL, 0, 0 }
};
const struct field f_revocation_scan_post[] = {
	{ "no", FT_TOKEN, 20 }, { "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};

int
form5_check_scan(struct req *r, const struct upload **u, enum sniff *s)
{
	*u = mp_file(&r->files, "scan");
	if (*u == NULL || (*u)->len == 0) {
		*u = NULL;
		return 0;
	}
	if ((*u)->len > SCAN_MAX) {
		form_err("consent", "scan", "scan_large");
		return 1;
	}
	*s = sniff_type((*u)->data, (*u)->len);
	if (*s == SNIFF_TRUNCATED) {
		form_err("consent", "scan", "scan_truncated");
		return 1;
	}
	if (*s == SNIFF_UNKNOWN) {
		form_err("consent", "scan", "scan_type");
		return 1;
	}
	return 0;
}

int
form5_store_scan(long long id, const struct upload *u, enum sniff s)
{
	char	 sha[PKI_SHA256_HEX];

	int	 rc;

	if (pki_sha256_hex(u->data, u->len, sha) == -1)
		return -1;
	rc = db_exec(STMT_CREVOC_SCAN_INSERT, "isisb", id, sniff_mime(s),
	    (long long)u->len, sha, u->data, u->len);
	return rc == 1 ? 0 : rc == DB_DUP ? DB_DUP : -1;
}

int
form5_notify(long long id, long long patient)
{
	struct dbres	*res;
	int		 rc = 0;

	if ((res = db_query(STMT_CREVOC_DISCLOSING, "i", patient)) == NULL)
		return -1;
	for (size_t i = 0; i < res->nrows && rc == 0; i++)
		if (db_exec(STMT_NOTIFY_INSERT, "sissi", "facility_manager",
		    dbres_ll(res, i, CREVOC_DISCLOSING_FACILITY_ID),
		    "consent.revoked", "consent_revocation", id) < 0)
			rc = -1;
	dbres_free(res);
	if (rc == 0 && db_exec(STMT_NOTIFY_INSERT, "sissi", "operator", 0LL,
	    "consent.revoked", "consent_revocation", id) < 0)
		rc = -1;
	return rc;
}

int
form5_receipt_view(const char *no)
{
	struct dbres	*r, *s;

	if ((r = db_query(STMT_CREVOC_ID_BY_NO, "s", no)) == NULL)
		return -1;
	if (r->nrows == 0) {
		dbres_free(r);
		return 0;
	}
	s = db_query(STMT_CREVOC_SCAN_INFO, "i", dbres_ll(r, 0, CREVOC_ID_BY_NO_ID));
	dbres_free(r);
	if (s == NULL)
		return -1;
	if (s->nrows > 0) {
		view_set("Receipt.scan_type", dbres_get(s, 0, CREVOC_SCAN_INFO_CONTENT_TYPE));
		view_set("Receipt.scan_size", dbres_get(s, 0, CREVOC_SCAN_INFO_SIZE));
		view_set("Receipt.scan_sha256", dbres_get(s, 0, CREVOC_SCAN_INFO_SHA256));
	}
	dbres_free(s);
	return 0;
}

/*
 * Revocation ?no= as this user may reach it (the desk and the operator
 * every one, a facility the ones it received, like the receipt). Returns
 * its row (the caller frees) or NULL with a page sent.
 */
static struct dbres *
revocation_load(struct req *r)
{
	struct dbres	*res;

	if (form_empty(param(r, "no"))) {
		http_error(r, 400, "required", "no");
		return NULL;
	}
	if ((res = db_query(STMT_CREVOC_ID_BY_NO, "s", param(r, "no"))) == NULL) {
		http_error(r, 503, "db", NULL);
		return NULL;
	}
	if (res->nrows == 0 || (!(r->sess->roles & ROLES_DESK) && dbres_ll(res,
	    0, CREVOC_ID_BY_NO_FACILITY_ID) != r->sess->facility_id)) {
		dbres_free(res);
		http_error(r, 404, NULL, NULL);
		return NULL;
	}
	return res;
}

/* GET /revocations/scan: the stored paper, inline, audited as a look at the patient's. */
void
page_revocation_scan(struct req *r)
{
	struct dbres	*v, *s;
	char		 cd[96], oid[24];

	if ((v = revocation_load(r)) == NULL)
		return;
	long long id = dbres_ll(v, 0, CREVOC_ID_BY_NO_ID);
	long long pid = dbres_ll(v, 0, CREVOC_ID_BY_NO_PATIENT_ID);
	dbres_free(v);
	if ((s = row_load(r, STMT_CREVOC_SCAN_GET, "i", id)) == NULL)
		return;
	snprintf(oid, sizeof(oid), "%lld", id);
	audit(r, &(struct audit_entry){ .action = "consent.revoke_scan_view",
	    .object_type = "consent_revocation", .object_id = oid,
	    .patient_id = pid });
	const char *ct = dbres_get(s, 0, CREVOC_SCAN_GET_CONTENT_TYPE);
	str_fmt(cd, sizeof(cd), "inline; filename=\"revocation-%lld.%s\"", id,
	    str_eq(ct, "application/pdf") ? "pdf" : str_eq(ct, "image/png") ?
	    "png" : "jpg");
	buf_reset(&r->body_out);
	buf_add(&r->body_out, dbres_get(s, 0, CREVOC_SCAN_GET_DATA),
	    dbres_len(s, 0, CREVOC_SCAN_GET_DATA));
	r->status = 200;
	r->ctype = str_eq(ct, "application/pdf") ? "application/pdf" :
	    str_eq(ct, "image/png") ? "image/png" : "image/jpeg";
	http_header(r, "Content-Disposition", cd);
	dbres_free(s);
}

/* POST /revocations/scan: the paper scanned after the receipt; once. */
void
page_revocation_scan_post(struct req *r)
{
	const struct upload	*u;
	enum sniff		 s = SNIFF_UNKNOWN;
	struct dbres		*v;
	char			 where[64], oid[24];
	int			 rc;

	if ((v = revocation_load(r)) == NULL)
		return;
	long long id = dbres_ll(v, 0, CREVOC_ID_BY_NO_ID);
	long long pid = dbres_ll(v, 0, CREVOC_ID_BY_NO_PATIENT_ID);
	dbres_free(v);
	if (form5_check_scan(r, &u, &s) == 1 || u == NULL) {
		form_refuse(r, 400, "form5", u == NULL ? "scan_required" : "scan_bad");
		return;
	}
	if (form_begin(r) == -1)
		return;
	rc = form5_store_scan(id, u, s);
	if (rc == DB_DUP) {
		form_stale(r);		/* it was stored already */
		return;
	}
	if (rc == -1) {
		form_db_fail(r);
		return;
	}
	snprintf(oid, sizeof(oid), "%lld", id);
	if (form_commit(r, &(struct audit_entry){ .action = "consent.revoke_scan",
	    .object_type = "consent_revocation", .object_id = oid,
	    .patient_id = pid }) == -1)
		return;
	str_fmt(where, sizeof(where), "/revocations/receipt?no=%s&m=scan",
	    param(r, "no"));
	http_redirect(r, where);
}

/* Japan dates of a print: Print.<name>_wareki for a YYYY-MM-DD value. */
static void
print_wareki(const char *name, const char *day)
{
	char	 k[48], w[64];

	if (day == NULL || rulebook_date_wareki(day, w, sizeof(w)) == -1)
		return;
	str_fmt(k, sizeof(k), "Print.%s_wareki", name);
	view_set(k, w);
}

/* Print.* from row 0 of res: cols, and the signing and birth days in eras. */
static void
print_row(const struct dbres *res, const char *const *cols, size_t ncols,
    size_t signed_on, size_t birth_date)
{
	vnode_row(view_node("Print"), res, 0, cols, ncols);
	print_wareki("signed_on", dbres_get(res, 0, signed_on));
	print_wareki("birth_date", dbres_get(res, 0, birth_date));
}

/* Ends a print of form (4 or 5): audited as a look at the patient, or 503. */
static void
print_page(struct req *r, const struct audit_entry *e, const char *form,
    const char *title)
{
	if (audit(r, e) != 0) {
		http_error(r, 503, "db", NULL);
		return;
	}
	view_set("Print.form", form);
	view_set("Page.title", lang(title));
	view_set("Page.patient", "1");
	http_page(r, 200, "patient_form_print.cs");
}

/*
 * GET /revocations/print: form 5 as an A4 page laid out like the paper
 * form, from the stored data (for the seal and the file). It names the
 * patient: reachable as the receipt is, audited as a look.
 */
void
page_revocation_print(struct req *r)
{
	static const char *const cols[CREVOC_PRINT__NCOLS] = {
	    [CREVOC_PRINT_ID] = "id", [CREVOC_PRINT_RECEIPT_NO] = "receipt_no",
	    [CREVOC_PRINT_SIGNED_ON] = "signed_on",
	    [CREVOC_PRINT_SIGNER] = "signer",
	    [CREVOC_PRINT_PROXY_NAME] = "proxy_name",
	    [CREVOC_PRINT_PROXY_RELATION] = "proxy_relation",
	    [CREVOC_PRINT_VIA] = "via",
	    [CREVOC_PRINT_FACILITY_NAME] = "facility",
	    [CREVOC_PRINT_RECEIVER_NAME] = "receiver",
	    [CREVOC_PRINT_PATIENT_NAME] = "name",
	    [CREVOC_PRINT_PATIENT_KANA] = "kana",
	    [CREVOC_PRINT_BIRTH_DATE] = "birth_date",
	    [CREVOC_PRINT_SEX] = "sex", [CREVOC_PRINT_ADDRESS] = "address",
	    [CREVOC_PRINT_NETWORK_ID] = "network_id",
	    [CREVOC_PRINT_RECEIVED_AT] = ROW_TIME("received_at") };
	struct dbres	*res;
	char		 oid[24];

	if (form_empty(param(r, "no"))) {
		http_error(r, 400, "required", "no");
		return;
	}
	if ((res = db_query(STMT_CREVOC_PRINT, "s", param(r, "no"))) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (res->nrows == 0 || (!(r->sess->roles & ROLES_DESK) && dbres_ll(res,
	    0, CREVOC_PRINT_FACILITY_ID) != r->sess->facility_id)) {
		dbres_free(res);
		http_error(r, 404, NULL, NULL);
		return;
	}
	print_row(res, cols, NITEMS(cols), CREVOC_PRINT_SIGNED_ON,
	    CREVOC_PRINT_BIRTH_DATE);
	snprintf(oid, sizeof(oid), "%lld", dbres_ll(res, 0, CREVOC_PRINT_ID));
	long long pid = dbres_ll(res, 0, CREVOC_PRINT_PATIENT_ID);
	dbres_free(res);
	print_page(r, &(struct audit_entry){ .action = "consent.revoke_print",
	    .object_type = "consent_revocation", .object_id = oid,
	    .patient_id = pid }, "5", "form5.print_title");
}

/*
 * GET /consents/print: form 4 the same way, as the consent's page shows it
 * (a facility its own, the operator and staff every one), audited.
 */
void
page_consent_print(struct req *r)
{
	static const char *const cols[CONSENT_PRINT__NCOLS] = {
	    [CONSENT_PRINT_ID] = "id", [CONSENT_PRINT_SIGNED_ON] = "signed_on",
	    [CONSENT_PRINT_SIGNER] = "signer",
	    [CONSENT_PRINT_PROXY_NAME] = "proxy_name",
	    [CONSENT_PRINT_PROXY_RELATION] = "proxy_relation",
	    [CONSENT_PRINT_ALL_DISCLOSING] = "all_disclosing",
	    [CONSENT_PRINT_ALL_VIEWING] = "all_viewing",
	    [CONSENT_PRINT_FACILITY_NAME] = "facility",
	    [CONSENT_PRINT_REGISTRAR_NAME] = "receiver",
	    [CONSENT_PRINT_STATUS] = "status",
	    [CONSENT_PRINT_PATIENT_NAME] = "name",
	    [CONSENT_PRINT_PATIENT_KANA] = "kana",
	    [CONSENT_PRINT_BIRTH_DATE] = "birth_date",
	    [CONSENT_PRINT_SEX] = "sex", [CONSENT_PRINT_ADDRESS] = "address",
	    [CONSENT_PRINT_NETWORK_ID] = "network_id",
	    [CONSENT_PRINT_REGISTERED_AT] = ROW_TIME("received_at") };
	static const char *const fcols[CONSENT_FACS__NCOLS] = {
	    [CONSENT_FACS_SIDE] = "side", [CONSENT_FACS_CODE] = "code",
	    [CONSENT_FACS_NAME] = "name" };
	struct dbres	*res, *f;
	long long	 id = form_ll(r, "id");
	char		 oid[24];

	if (id <= 0) {
		http_error(r, 400, "required", "id");
		return;
	}
	if ((res = db_query(STMT_CONSENT_PRINT, "i", id)) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (res->nrows == 0 || (patient_role_facility(r) && dbres_ll(res, 0,
	    CONSENT_PRINT_FACILITY_ID) != r->sess->facility_id)) {
		dbres_free(res);
		http_error(r, 404, NULL, NULL);
		return;
	}
	print_row(res, cols, NITEMS(cols), CONSENT_PRINT_SIGNED_ON,
	    CONSENT_PRINT_BIRTH_DATE);
	long long pid = dbres_ll(res, 0, CONSENT_PRINT_PATIENT_ID);
	dbres_free(res);
	if ((f = db_query(STMT_CONSENT_FACS, "i", id)) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	view_rows("Print.facilities", f, fcols, NITEMS(fcols));
	dbres_free(f);
	snprintf(oid, sizeof(oid), "%lld", id);
	print_page(r, &(struct audit_entry){ .action = "consent.print",
	    .object_type = "consent", .object_id = oid, .patient_id = pid },
	    "4", "form5.print4_title");
}
