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
#include "pki/pki.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/form.h"
#include "web/render.h"
#include "web/session.h"

#define SCAN_MAX	(10 * 1024 * 1024)

const struct field f_revocation_scan[] = {
	{ "no", FT_TOKEN, 20 },
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
	if ((s = db_query(STMT_CREVOC_SCAN_GET, "i", id)) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (s->nrows == 0) {
		dbres_free(s);
		http_error(r, 404, NULL, NULL);
		return;
	}
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
