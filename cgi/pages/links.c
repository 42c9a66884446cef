/*
 * links.c: the operator decides hand-made patient links (A12): a
 * facility's local ID asked for an existing network patient counts for
 * nothing (records, notifications, emergency lists) until approved here;
 * an approved link can be ended with a reason. Every step is audited and
 * kept in patient_link_event (links.c).
 */
#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "db/db.h"
#include "pages/pages.h"
#include "pages/patient.h"
#include "rules/links.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/form.h"
#include "web/render.h"
#include "web/rows.h"
#include "web/session.h"

const struct field f_link_requests[] = {
	{ "m", FT_TOKEN, 24 },
	{ NULL, 0, 0 }
};
const struct field f_link_decide[] = {
	{ "link", FT_INT, 20 },
	{ "version", FT_INT, 10 },
	{ "decision", FT_TOKEN, 16 },
	{ "note", FT_TEXT, 500 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_link_end[] = {
	{ "link", FT_INT, 20 },
	{ "version", FT_INT, 10 },
	{ "p", FT_TOKEN, 22 },
	{ "reason", FT_TEXT, 500 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};

/* The waiting requests as Requests.N, the asked-for patient beside each. */
static int
requests_view(void)
{
	static const char *const cols[LINK_REQUESTS__NCOLS] = {
	    [LINK_REQUESTS_ID] = "id",
	    [LINK_REQUESTS_FACILITY_NAME] = "facility",
	    [LINK_REQUESTS_LOCAL_ID] = "local_id",
	    [LINK_REQUESTS_NAME] = "name", [LINK_REQUESTS_KANA] = "kana",
	    [LINK_REQUESTS_SEX] = "sex",
	    [LINK_REQUESTS_BIRTH_DATE] = "birth_date",
	    [LINK_REQUESTS_SOURCE] = "source",
	    [LINK_REQUESTS_REQUESTER_NAME] = "by",
	    [LINK_REQUESTS_NETWORK_ID] = "network_id",
	    [LINK_REQUESTS_PATIENT_NAME] = "p_name",
	    [LINK_REQUESTS_PATIENT_KANA] = "p_kana",
	    [LINK_REQUESTS_PATIENT_SEX] = "p_sex",
	    [LINK_REQUESTS_PATIENT_BIRTH_DATE] = "p_birth_date",
	    [LINK_REQUESTS_VERSION] = "version",
	    [LINK_REQUESTS_REQUESTED_AT] = ROW_TIME("asked") };
	struct dbres	*res;

	if ((res = db_query(STMT_LINK_REQUESTS, "")) == NULL)
		return -1;
	view_set_int("Requests_n", (long long)view_rows("Requests", res, cols,
	    NITEMS(cols)));
	dbres_free(res);
	return 0;
}

static void
requests_page(struct req *r, int status)
{
	view_set("Page.title", lang("links.requests_title"));
	view_set("Can.decide", has_role(r, ROLE_OPERATOR) ? "1" : "");
	if (requests_view() == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	audit(r, &(struct audit_entry){ .action = "links.requests_view",
	    .object_type = "patient_link" });
	http_page(r, status, "link_requests.cs");
}

/* GET /links/requests: local IDs asked for existing patients, oldest first. */
void
page_link_requests(struct req *r)
{
	form_flash(r, "links");
	requests_page(r, 200);
}

/*
 * The link's row for a decision, locked: 0, or -1 with a page sent (404
 * for no such link, 503).
 */
static int
link_state(struct req *r, long long id, long long *patient, long long *asked)
{
	struct dbres	*l;

	if ((l = db_query(STMT_LINK_STATE, "i", id)) == NULL) {
		form_db_fail(r);
		return -1;
	}
	if (l->nrows == 0) {
		dbres_free(l);
		db_rollback();
		http_error(r, 404, NULL, NULL);
		return -1;
	}
	*patient = dbres_get(l, 0, LINK_STATE_PATIENT_ID) ? dbres_ll(l, 0, LINK_STATE_PATIENT_ID) : 0;
	*asked = dbres_get(l, 0, LINK_STATE_REQUESTED_PATIENT_ID) ? dbres_ll(l, 0, LINK_STATE_REQUESTED_PATIENT_ID) : 0;
	dbres_free(l);
	return 0;
}

/* 1 when patient id is active (not merged away, not cancelled), 0, -1. */
static int
patient_active(long long id)
{
	struct dbres	*p;
	int		 active;

	if ((p = db_query(STMT_PATIENT_GET, "i", id)) == NULL)
		return -1;
	active = p->nrows == 1 && str_eq(dbres_get(p, 0, PATIENT_GET_STATUS), "active");
	dbres_free(p);
	return active;
}

/* POST /links/decide: the operator approves or rejects (with why) a request. */
void
page_link_decide(struct req *r)
{
	const char	*dec = param(r, "decision"), *note = param(r, "note");
	long long	 id = form_ll(r, "link"), ver = form_ll(r, "version"),
			 patient, asked;
	int		 approve = str_eq(dec, "approved"), rc;
	char		 oid[24];

	if (!approve && !str_eq(dec, "rejected")) {
		http_error(r, 400, "type", "decision");
		return;
	}
	if (!approve && form_blank(note)) {
		form_err("links", "note", "reject_note");
		view_set("Form.link", param(r, "link"));
		view_set("Form.note", note);
		requests_page(r, 422);
		return;
	}
	if (form_begin(r) == -1 || link_state(r, id, &patient, &asked) == -1)
		return;
	if (asked == 0 || patient != 0) {
		form_stale(r);	/* decided meanwhile */
		return;
	}
	if (approve && (rc = patient_active(asked)) != 1) {
		if (rc == -1) {
			form_db_fail(r);
			return;
		}
		db_rollback();
		http_error(r, 409, "patient_inactive", NULL);
		return;
	}
	rc = db_exec(approve ? STMT_LINK_APPROVE : STMT_LINK_REJECT, "ii", id,
	    ver);
	if (form_one(r, rc) != 0)
		return;
	if (link_event(id, dec, asked, note, r->sess->user_id) == -1) {
		form_db_fail(r);
		return;
	}
	snprintf(oid, sizeof(oid), "%lld", id);
	if (form_commit(r, &(struct audit_entry){ .action = approve ?
	    "patient.link_approved" : "patient.link_rejected",
	    .object_type = "patient_link", .object_id = oid, .patient_id = asked,
	    .detail = note }) == -1)
		return;
	http_redirect(r, approve ? "/links/requests?m=approved" :
	    "/links/requests?m=rejected");
}

/* POST /links/end: the operator ends an approved link, with the reason. */
void
page_link_end(struct req *r)
{
	const char	*why = param(r, "reason");
	long long	 id = form_ll(r, "link"), ver = form_ll(r, "version"),
			 patient, asked;
	int		 rc;
	char		 oid[24];

	if (form_blank(why)) {
		form_refuse(r, 400, "links", "end_reason");
		return;
	}
	if (form_begin(r) == -1 || link_state(r, id, &patient, &asked) == -1)
		return;
	if (patient == 0) {
		form_stale(r);
		return;
	}
	rc = db_exec(STMT_LINK_END, "ii", id, ver);
	if (form_one(r, rc) != 0)
		return;
	if (link_event(id, "ended", patient, why,
	    r->sess->user_id) == -1) {
		form_db_fail(r);
		return;
	}
	snprintf(oid, sizeof(oid), "%lld", id);
	if (form_commit(r, &(struct audit_entry){ .action = "patient.link_ended",
	    .object_type = "patient_link", .object_id = oid,
	    .patient_id = patient, .detail = why }) == -1)
		return;
	patient_redirect(r, "link_ended");
}
