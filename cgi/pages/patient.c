/* patient.c: what every page about one network patient needs: its handle, its row, its form's checks (A8.4, A12) */
#include <stdio.h>
#include <string.h>

#include "base/config.h"
#include "base/kana.h"
#include "base/util.h"
#include "db/db.h"
#include "pages/patient.h"
#include "pki/pki.h"
#include "rules/access.h"
#include "web/app.h"
#include "web/form.h"
#include "web/render.h"
#include "web/rows.h"
#include "web/req.h"
#include "web/session.h"

/* The patient named by ?p=HANDLE: its id, or -1 with an error page sent. */
long long
patient_from_handle(struct req *r, const char *h)
{
	long long	 id;

	if (form_empty(h)) {
		http_error(r, 400, "required", "p");
		return -1;
	}
	if ((id = handle_resolve(r, h)) < 0) {
		http_error(r, 503, "db", NULL);
		return -1;
	}
	if (id == 0) {
		/* Another session's handle, or an old one: it names nobody here. */
		http_error(r, 404, "patient_handle", NULL);
		return -1;
	}
	return id;
}

/* Loads patient id as Patient.*; returns its row (caller frees) or NULL with a page sent. */
struct dbres *
patient_view(struct req *r, long long id)
{
	struct dbres	*res;

	if ((res = row_load(r, STMT_PATIENT_GET, "i", id)) == NULL)
		return NULL;
	patient_fill(res, 0, 0);
	return res;
}

/*
 * Row i of res as Patient.*: STMT_PATIENT_GET's columns from column c0
 * (the viewer's facts carry them from FACTS_HANDLE_ID).
 */
_Static_assert((int)FACTS_HANDLE__NCOLS - (int)FACTS_HANDLE_ID ==
    (int)PATIENT_GET_VERSION + 1, "the viewer's facts carry STMT_PATIENT_GET's columns");

void
patient_fill(const struct dbres *res, size_t i, size_t c0)
{
	static const char *const cols[] = { "id", "network_id", "name", "kana",
	    "sex", "birth_date", "address", "phone", "status", "merged_into",
	    "deceased_on", "death_how", "cancelled_at", "version" };
	char		 d[32];

	for (size_t c = 0; c < sizeof(cols) / sizeof(cols[0]); c++) {
		char k[48];
		str_fmt(k, sizeof(k), "Patient.%s", cols[c]);
		view_set(k, dbres_get(res, i, c0 + PATIENT_GET_ID + c));
	}
	fmt_jst(d, sizeof(d), dbres_ll(res, i, c0 + PATIENT_GET_CANCELLED_AT),
	    "%Y-%m-%d %H:%M");
	view_set("Patient.cancelled_at", d);
}

/*
 * Checks the demographic fields of a patient form (block: language block of
 * the messages). 0 when valid, else 1 with field errors set.
 */
int
patient_check_fields(const struct req *r, const char *block)
{
	const char	*kana = param(r, "kana"), *sex = param(r, "sex"),
			*bd = param(r, "birth_date");
	char		 key[256], today_s[11];
	int		 bad = 0;

	if (form_empty(param(r, "name")))
		form_err(block, "name", "required"), bad = 1;
	if (form_empty(kana))
		form_err(block, "kana", "required"), bad = 1;
	else if (kana_normalize(kana, key, sizeof(key)) == -1 || key[0] == '\0' ||
	    !kana_is_katakana_name(key))
		form_err(block, "kana", "kana"), bad = 1;
	if (form_empty(sex) || strchr("MFOU", sex[0]) == NULL)
		form_err(block, "sex", "choose"), bad = 1;
	today(today_s);
	if (form_empty(bd))
		form_err(block, "birth_date", "required"), bad = 1;
	else if (!valid_date(bd) || strcmp(bd, today_s) > 0)
		form_err(block, "birth_date", "date"), bad = 1;
	return bad;
}

/* Operator and staff act for every facility; the others for their own. */
int
patient_role_facility(const struct req *r)
{
	return !has_role(r, ROLES_OFFICE);
}

/* Back to the patient page of handle ?p= with message m. */
void
patient_redirect(struct req *r, const char *m)
{
	char	 where[96];

	str_fmt(where, sizeof(where), "/patients/view?p=%s&m=%s", param(r, "p"), m);
	http_redirect(r, where);
}

/* 1 when s is a local patient ID: what SS-MIX2 folder names can hold. */
int
patient_local_id_ok(const char *s)
{
	if (s == NULL || *s == '\0' || strlen(s) > 64)
		return 0;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= 'a' && *s <= 'z') || *s == '-' || *s == '_'))
			return 0;
	return 1;
}

/*
 * Loads patient id into the view (patient_view) when it is active: 0, or
 * -1 with a page sent (409 for a merged or cancelled patient).
 */
int
patient_view_active(struct req *r, long long id)
{
	struct dbres	*p;

	if ((p = patient_view(r, id)) == NULL)
		return -1;
	int active = str_eq(dbres_get(p, 0, PATIENT_GET_STATUS), "active");
	dbres_free(p);
	if (!active) {
		http_error(r, 409, "patient_inactive", NULL);
		return -1;
	}
	return 0;
}

/*
 * A paper form's first showing (forms 4 and 5): a fresh idempotency key,
 * signed today by the patient, as if the form had come back with them.
 */
void
patient_form_defaults(struct req *r)
{
	char	 idem[65], d[11];

	pki_token_hex(idem, sizeof(idem), 32);
	today(d);
	kv_push(&r->form, "idem", 4, idem, strlen(idem));
	kv_push(&r->form, "signed_on", 9, d, strlen(d));
	kv_push(&r->form, "signer", 6, "patient", 7);
}
