/*
 * page_records.c: what clinicians and care managers open every day: the
 * patients their facility may see now, and a patient's records. Consent is
 * decided on every request by access.c (A12.1, A12.2); every view records
 * its purpose (A8.1) in the audit log (A11.2).
 */
#include <stdio.h>
#include <string.h>

#include "access.h"
#include "app.h"
#include "audit.h"
#include "config.h"
#include "db.h"
#include "form.h"
#include "kana.h"
#include "pages.h"
#include "patient.h"
#include "render.h"
#include "session.h"
#include "util.h"

const struct field f_records[] = {
	{ "q", FT_TEXT, 100 },
	{ NULL, 0, 0 }
};
const struct field f_record_open[] = {
	{ "p", FT_TOKEN, 22 },
	{ "purpose", FT_TOKEN, 16 },
	{ "section", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};

/* A8.1: the purposes of use a viewer may state. */
static const char *const purposes[] = { "care", "explanation", "patient_care" };

int
purpose_ok(const char *p)
{
	for (size_t i = 0; i < sizeof(purposes) / sizeof(purposes[0]); i++)
		if (str_eq(p, purposes[i]))
			return 1;
	return 0;
}

/*
 * GET /records: the patients whose consent lets this facility see them
 * now, found by kana (any width or script, any part) or by network ID.
 * Candidates come from SQL; each is then decided by access.c, so a list
 * never shows a patient the decision would refuse.
 */
void
page_records(struct req *r)
{
	const char	*q = param(r, "q");
	struct dbres	*res;
	char		 key[256], like[300], k[48], h[32], n[16];
	size_t		 shown = 0;

	view_set("Page.title", lang("records.title"));
	view_set("Form.q", q);
	if (form_empty(q)) {
		http_page(r, 200, "records.cs");
		return;
	}
	if (kana_normalize(q, key, sizeof(key)) == -1 || key[0] == '\0') {
		form_err("records", "q", "q");
		http_page(r, 200, "records.cs");
		return;
	}
	str_fmt(like, sizeof(like), "%%%s%%", key);
	if ((res = db_query(STMT_RECORDS_CANDIDATES, "ssiiiii", like, key,
	    r->sess->facility_id, r->sess->facility_id, r->sess->facility_id,
	    r->sess->user_id,
	    (long long)now())) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	for (size_t i = 0; i < res->nrows && shown < 50; i++) {
		long long id = dbres_ll(res, i, 0);
		if (!consent_allowed(access_check(id, r->sess->facility_id,
		    r->sess->user_id)) ||
		    handle_for(r, id, h, sizeof(h)) == -1)
			continue;
		str_fmt(k, sizeof(k), "Patients.%zu", shown++);
		struct vnode *v = view_node(k);
		vnode_set(v, "handle", h);
		vnode_set(v, "name", dbres_get(res, i, 1));
		vnode_set(v, "kana", dbres_get(res, i, 2));
		vnode_set(v, "sex", dbres_get(res, i, 3));
		vnode_set(v, "birth_date", dbres_get(res, i, 4));
	}
	dbres_free(res);
	view_set("Search.done", "1");
	view_set_int("Patients_n", (long long)shown);
	snprintf(n, sizeof(n), "%zu", shown);
	audit(r, &(struct audit_entry){ .action = "records.search",
	    .object_type = "patient", .detail = n });
	view_set("Page.patient", "1");
	http_page(r, 200, "records.cs");
}

/*
 * GET /records/patient: one patient's records. Without a purpose it asks
 * for one (A8.1); with one, it decides consent now and shows or refuses.
 * A refusal after a form 5 is 403 even to a page opened minutes ago.
 */
void
page_record_patient(struct req *r)
{
	const char		*purpose = param(r, "purpose");
	struct dbres		*p;
	struct access		 a;
	enum consent_verdict	 v;
	long long		 id;
	char			 oid[24];

	if ((id = patient_from_handle(r, param(r, "p"))) < 0)
		return;
	snprintf(oid, sizeof(oid), "%lld", id);
	if (access_load(&a, id) != 0 ||
	    access_emergency(&a, r->sess->user_id) != 0) {
		access_free(&a);
		http_error(r, 503, "db", NULL);
		return;
	}
	v = access_patient(&a, r->sess->facility_id);
	long long until = (long long)a.f.emergency_until;
	access_free(&a);
	/* Under A14 the purpose is the emergency, whatever was asked. */
	if (v == CONSENT_ALLOW_EMERGENCY)
		purpose = "emergency";
	if (!consent_allowed(v)) {
		audit(r, &(struct audit_entry){ .action = "record.view",
		    .object_type = "patient", .object_id = oid, .patient_id = id,
		    .purpose = purpose_ok(purpose) || str_eq(purpose, "emergency") ?
		    purpose : NULL,
		    .outcome = "denied", .detail = consent_verdict_name(v) });
		http_error(r, 403, v == CONSENT_DENY_REVOKED ? "consent_revoked" :
		    v == CONSENT_DENY_DECEASED ? "consent_cancelled" :
		    "consent_none", NULL);
		return;
	}
	view_set("Page.title", lang("records.patient_title"));
	view_set("P", param(r, "p"));
	if ((p = patient_view(r, id)) == NULL)
		return;
	dbres_free(p);
	view_set("Page.patient", "1");
	if (!purpose_ok(purpose) && !str_eq(purpose, "emergency")) {
		/* Ask first: nothing of the records is shown or logged as seen. */
		http_page(r, 200, "record_purpose.cs");
		return;
	}
	view_set("Purpose", purpose);
	view_set("Verdict", consent_verdict_name(v));
	if (v == CONSENT_ALLOW_EMERGENCY) {
		char d[32];
		fmt_jst(d, sizeof(d), until / 1000000, "%Y-%m-%d %H:%M");
		view_set("Emergency.until", d);
	}
	if (audit(r, &(struct audit_entry){ .action = "record.view",
	    .object_type = "patient", .object_id = oid, .patient_id = id,
	    .purpose = purpose, .detail = consent_verdict_name(v) }) != 0) {
		/* A view that cannot be recorded is not shown (A11.2). */
		http_error(r, 503, "db", NULL);
		return;
	}
	http_page(r, 200, "record_patient.cs");
}
