/*
 * agenda.c: the council's agenda (A19): items it decides (free matters with
 * their explanation and attachments, rules amendments with their text and
 * effective day; federation agreements, A18, and misuse reports, A4.2,
 * filed on their own pages), the discussion and resolution a meeting
 * records on each (approved, rejected, continued), the president's sole
 * decision when urgent (reported at the next meeting), and the meeting's
 * papers as the council prints them (第N回, time, place, chair, who came
 * and who did not, every item numbered, signatures).
 */
#include <stdio.h>
#include <string.h>

#include "base/config.h"
#include "base/util.h"
#include "db/db.h"
#include "pages/agenda.h"
#include "pages/pages.h"
#include "pki/pki.h"
#include "rules/agenda.h"
#include "rules/rulebook.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/form.h"
#include "web/multipart.h"
#include "web/render.h"
#include "web/rows.h"
#include "web/session.h"

#define ATTACH_MAX	(10 * 1024 * 1024)

const struct field f_agenda[] = {
	{ "m", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};
const struct field f_agenda_new[] = {
	{ "kind", FT_TOKEN, 16 }, { "title", FT_TEXT, 200 },
	{ "explanation", FT_LINES, 4000 },
	{ "amend_body", FT_LINES, RULEBOOK_TEXT_MAX },
	{ "amend_handling", FT_LINES, RULEBOOK_TEXT_MAX },
	{ "amend_effective_on", FT_DATE, 10 },
	{ "idem", FT_HEX, 64 }, { "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_agenda_view[] = {
	{ "id", FT_INT, 20 }, { "m", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};
const struct field f_agenda_attach[] = {
	{ "id", FT_INT, 20 }, { "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_agenda_attachment[] = {
	{ "id", FT_INT, 20 },
	{ NULL, 0, 0 }
};
const struct field f_agenda_resolve[] = {
	{ "id", FT_INT, 20 }, { "version", FT_INT, 10 }, { "csrf", FT_HEX, 64 },
	{ "meeting", FT_INT, 20 }, { "discussion", FT_LINES, 4000 },
	{ "resolution", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};
const struct field f_agenda_sole[] = {
	{ "id", FT_INT, 20 }, { "version", FT_INT, 10 }, { "csrf", FT_HEX, 64 },
	{ "decision", FT_TOKEN, 16 }, { "sole_reason", FT_LINES, 1000 },
	{ "note", FT_LINES, 2000 },
	{ NULL, 0, 0 }
};

static const char *const resolutions[] = { "approved", "rejected", "continued",
    NULL };

/* The agenda's list and the form for a new item. */
static void
list_view(struct req *r, int status)
{
	static const char *const cols[AGENDA_ITEM_LIST__NCOLS] = {
	    [AGENDA_ITEM_LIST_ID] = "id", [AGENDA_ITEM_LIST_KIND] = "kind",
	    [AGENDA_ITEM_LIST_TITLE] = "title",
	    [AGENDA_ITEM_LIST_STATUS] = "status",
	    [AGENDA_ITEM_LIST_DECISION_KIND] = "decision_kind",
	    [AGENDA_ITEM_LIST_MEETING_NUMBER] = "meeting_number",
	    [AGENDA_ITEM_LIST_CONTINUED] = "continued",
	    [AGENDA_ITEM_LIST_CREATED_AT] = ROW_TIME("created") };
	struct dbres	*res;
	char		 idem[65];

	if ((res = db_query(STMT_AGENDA_ITEM_LIST, "")) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	view_rows("Items", res, cols, NITEMS(cols));
	dbres_free(res);
	if (view_get("Form.idem") == NULL && pki_token_hex(idem, sizeof(idem), 32) == 0)
		view_set("Form.idem", idem);
	if (view_get("Form.kind") == NULL)
		view_set("Form.kind", "matter");
	form_flash(r, "agenda");
	view_set("Page.title", lang("agenda.title"));
	http_page(r, status, "agenda.cs");
}

void
page_agenda(struct req *r)
{
	list_view(r, 200);
}

/*
 * An uploaded attachment, if one was sent: a whole PDF, PNG or JPEG of at
 * most ATTACH_MAX (typed by its bytes). *u NULL: none. 0, or 1 with a
 * field error.
 */
static int
check_attachment(struct req *r, const struct upload **u, enum sniff *s)
{
	*u = mp_file(&r->files, "attachment");
	if (*u == NULL || (*u)->len == 0) {
		*u = NULL;
		return 0;
	}
	if ((*u)->len > ATTACH_MAX) {
		form_err("agenda", "attachment", "large");
		return 1;
	}
	*s = sniff_type((*u)->data, (*u)->len);
	if (*s == SNIFF_UNKNOWN || *s == SNIFF_TRUNCATED) {
		form_err("agenda", "attachment", "type");
		return 1;
	}
	return 0;
}

/* Stores attachment u of type s on item id in the caller's transaction; 0 or -1. */
static int
store_attachment(struct req *r, long long id, const struct upload *u,
    enum sniff s)
{
	char	 sha[PKI_SHA256_HEX];
	char	 name[201];

	if (pki_sha256_hex(u->data, u->len, sha) == -1)
		return -1;
	str_copy(name, u->filename[0] != '\0' ? u->filename : "attachment",
	    sizeof(name));
	return db_exec(STMT_AGENDA_ATTACHMENT_INSERT, "issisbi", id, name,
	    sniff_mime(s), (long long)u->len, sha, u->data, u->len,
	    r->sess->user_id) == 1 ? 0 : -1;
}

/*
 * An amendment's text: the upload amend_file if one was sent, else the
 * text area. 0, or 1 with a field error; *s, *len point into the request.
 */
static int
amend_text(struct req *r, const char **s, size_t *len)
{
	const struct upload	*u = mp_file(&r->files, "amend_file");
	const char		*why;

	if (u != NULL && u->len > 0) {
		*s = u->data;
		*len = u->len;
	} else {
		*s = param(r, "amend_body");
		*len = *s != NULL ? strlen(*s) : 0;
	}
	if ((why = rulebook_text_check(*s, *len)) == NULL)
		return 0;
	form_err("rulebook", "amend_body", why);
	return 1;
}

/* An amendment's day: given, not past, not before the newest version's. 0 or 1. */
static int
amend_day(const char *day)
{
	struct dbres	*last;
	char		 now_day[11];
	int		 bad = 0;

	if (form_empty(day)) {
		form_err("agenda", "amend_effective_on", "required");
		return 1;
	}
	today(now_day);
	if (strcmp(day, now_day) < 0) {
		form_err("agenda", "amend_effective_on", "past");
		return 1;
	}
	if ((last = db_query(STMT_RULES_LATEST, "")) == NULL)
		return 1;
	if (last->nrows > 0 && strcmp(day, dbres_get(last, 0,
	    RULES_LATEST_EFFECTIVE_ON)) < 0)
		form_err("rulebook", "amend_effective_on", "date_order"), bad = 1;
	dbres_free(last);
	return bad;
}

/*
 * POST /agenda/new: a matter for the council (title, explanation, an
 * attachment) or a rules amendment (its full text, the handling document
 * if it changes, the effective day). Audited.
 */
void
page_agenda_new(struct req *r)
{
	const char		*kind = param(r, "kind"), *idem = param(r, "idem");
	const char		*body = NULL, *hand = param(r, "amend_handling");
	const struct upload	*u;
	enum sniff		 s = SNIFF_UNKNOWN;
	size_t			 blen = 0;
	int			 bad = 0, amendment = str_eq(kind, "amendment");
	long long		 id;

	if (!str_eq(kind, "matter") && !amendment) {
		http_error(r, 400, "type", "kind");
		return;
	}
	if (form_idem(r, STMT_AGENDA_ITEM_BY_IDEM, idem, "/agenda/view?id=%s") != 0)
		return;
	if (form_blank(param(r, "title")))
		form_err("agenda", "title", "required"), bad = 1;
	if (!amendment && form_blank(param(r, "explanation")))
		form_err("agenda", "explanation", "required"), bad = 1;
	if (amendment) {
		bad |= amend_text(r, &body, &blen);
		bad |= amend_day(param(r, "amend_effective_on"));
		if (!form_empty(hand) && rulebook_text_check(hand, strlen(hand)) != NULL)
			form_err("rulebook", "amend_handling", "control"), bad = 1;
	}
	bad |= check_attachment(r, &u, &s);
	if (bad) {
		static const char *const keep[] = { "kind", "title", "explanation",
		    "amend_body", "amend_handling", "amend_effective_on", "idem" };
		form_keep(r, "Form", keep, NITEMS(keep));
		list_view(r, 422);
		return;
	}
	if (form_begin(r) == -1)
		return;
	int rc = db_exec(STMT_AGENDA_ITEM_INSERT, "sssbbsiiis", kind,
	    param(r, "title"), param(r, "explanation"), body, blen,
	    form_empty(hand) ? NULL : hand, form_empty(hand) ? (size_t)0 :
	    strlen(hand), amendment ? param(r, "amend_effective_on") : NULL,
	    0LL, 0LL, r->sess->user_id, idem);
	if (rc == DB_DUP) {
		db_rollback();
		http_redirect(r, "/agenda");
		return;
	}
	if (rc != 1) {
		form_db_fail(r);
		return;
	}
	id = (long long)db_last_id();
	if (u != NULL && store_attachment(r, id, u, s) == -1) {
		form_db_fail(r);
		return;
	}
	form_commit_go(r, "agenda.create", "agenda_item", id, kind,
	    "/agenda/view?id=%lld&m=created", id);
}

/*
 * Loads item id into Item.*, its hearings and attachments, and the
 * planned meetings it may be heard at. Returns its row (the caller frees)
 * or NULL with a page sent.
 */
static struct dbres *
item_load(struct req *r, long long id)
{
	static const char *const cols[AGENDA_ITEM_GET__NCOLS] = {
	    [AGENDA_ITEM_GET_ID] = "id", [AGENDA_ITEM_GET_KIND] = "kind",
	    [AGENDA_ITEM_GET_TITLE] = "title",
	    [AGENDA_ITEM_GET_EXPLANATION] = "explanation",
	    [AGENDA_ITEM_GET_STATUS] = "status",
	    [AGENDA_ITEM_GET_AMEND_BODY] = "amend_body",
	    [AGENDA_ITEM_GET_AMEND_HANDLING] = "amend_handling",
	    [AGENDA_ITEM_GET_AMEND_EFFECTIVE_ON] = "amend_effective_on",
	    [AGENDA_ITEM_GET_RULES_VERSION_ID] = "rules_version",
	    [AGENDA_ITEM_GET_RULES_SEQ] = "rules_seq",
	    [AGENDA_ITEM_GET_AGREEMENT_ID] = "agreement",
	    [AGENDA_ITEM_GET_PARTNER] = "partner",
	    [AGENDA_ITEM_GET_MISUSE_REPORT_ID] = "misuse_report",
	    [AGENDA_ITEM_GET_MISUSE_USER_NAME] = "misuse_user",
	    [AGENDA_ITEM_GET_MISUSE_USER_LOGIN] = "misuse_login",
	    [AGENDA_ITEM_GET_DECISION_KIND] = "decision_kind",
	    [AGENDA_ITEM_GET_DECISION_NOTE] = "decision_note",
	    [AGENDA_ITEM_GET_SOLE_REASON] = "sole_reason",
	    [AGENDA_ITEM_GET_DECIDER_NAME] = "decider",
	    [AGENDA_ITEM_GET_MEETING_ID] = "meeting",
	    [AGENDA_ITEM_GET_MEETING_NUMBER] = "meeting_number",
	    [AGENDA_ITEM_GET_MEETING_HELD_ON] = "meeting_held_on",
	    [AGENDA_ITEM_GET_REPORTED] = "reported",
	    [AGENDA_ITEM_GET_CREATOR_NAME] = "creator",
	    [AGENDA_ITEM_GET_VERSION] = "version",
	    [AGENDA_ITEM_GET_DECIDED_AT] = ROW_TIME("decided_at"),
	    [AGENDA_ITEM_GET_CREATED_AT] = ROW_TIME("created_at") };
	static const char *const hcols[AGENDA_HEARINGS__NCOLS] = {
	    [AGENDA_HEARINGS_MEETING_ID] = "meeting",
	    [AGENDA_HEARINGS_NUMBER] = "number",
	    [AGENDA_HEARINGS_HELD_ON] = "held_on",
	    [AGENDA_HEARINGS_DISCUSSION] = "discussion",
	    [AGENDA_HEARINGS_RESOLUTION] = "resolution",
	    [AGENDA_HEARINGS_RECORDER_NAME] = "recorder" };
	static const char *const acols[AGENDA_ATTACHMENTS__NCOLS] = {
	    [AGENDA_ATTACHMENTS_ID] = "id",
	    [AGENDA_ATTACHMENTS_FILENAME] = "filename",
	    [AGENDA_ATTACHMENTS_CONTENT_TYPE] = "ctype",
	    [AGENDA_ATTACHMENTS_SIZE] = "size",
	    [AGENDA_ATTACHMENTS_SHA256] = "sha256" };
	static const char *const mcols[MEETINGS_PLANNED__NCOLS] = {
	    [MEETINGS_PLANNED_ID] = "id", [MEETINGS_PLANNED_NUMBER] = "number",
	    [MEETINGS_PLANNED_HELD_ON] = "held_on" };
	struct dbres	*res, *x;

	if ((res = row_by_id(r, STMT_AGENDA_ITEM_GET, id)) == NULL)
		return NULL;
	vnode_row(view_node("Item"), res, 0, cols, NITEMS(cols));
	x = db_query(STMT_AGENDA_HEARINGS, "i", id);
	view_rows("Hearings", x, hcols, NITEMS(hcols));
	dbres_free(x);
	x = db_query(STMT_AGENDA_ATTACHMENTS, "i", id);
	view_rows("Attachments", x, acols, NITEMS(acols));
	dbres_free(x);
	x = db_query(STMT_MEETINGS_PLANNED, "");
	view_rows("Planned", x, mcols, NITEMS(mcols));
	dbres_free(x);
	return res;
}

void
page_agenda_view(struct req *r)
{
	struct dbres	*res;

	if ((res = item_load(r, form_ll(r, "id"))) == NULL)
		return;
	dbres_free(res);
	form_flash(r, "agenda");
	view_set("Page.title", lang("agenda.view_title"));
	http_page(r, 200, "agenda_view.cs");
}

/* The item's page again with field errors (422). */
static void
item_again(struct req *r, struct dbres *res)
{
	static const char *const keep[] = { "discussion", "resolution", "meeting",
	    "decision", "sole_reason", "note" };

	dbres_free(res);
	form_keep(r, "Form", keep, NITEMS(keep));
	view_set("Page.title", lang("agenda.view_title"));
	http_page(r, 422, "agenda_view.cs");
}

/* POST /agenda/attach: another attachment for a pending item. */
void
page_agenda_attach(struct req *r)
{
	const struct upload	*u;
	enum sniff		 s = SNIFF_UNKNOWN;
	struct dbres		*res;
	long long		 id = form_ll(r, "id");

	if ((res = item_load(r, id)) == NULL)
		return;
	if (!str_eq(dbres_get(res, 0, AGENDA_ITEM_GET_STATUS), "pending")) {
		dbres_free(res);
		http_error(r, 409, NULL, NULL);
		return;
	}
	if (check_attachment(r, &u, &s) == 1 || u == NULL) {
		if (u == NULL && view_get("Form.invalid") == NULL)
			form_err("agenda", "attachment", "required");
		item_again(r, res);
		return;
	}
	dbres_free(res);
	if (form_begin(r) == -1)
		return;
	if (store_attachment(r, id, u, s) == -1) {
		form_db_fail(r);
		return;
	}
	form_commit_go(r, "agenda.attach", "agenda_item", id, u->filename,
	    "/agenda/view?id=%lld&m=attached", id);
}

/* GET /agenda/attachment: the stored file, for the council's papers. */
void
page_agenda_attachment(struct req *r)
{
	struct dbres	*res;
	long long	 id = form_ll(r, "id");
	char		 cd[64];

	if ((res = row_by_id(r, STMT_AGENDA_ATTACHMENT_GET, id)) == NULL)
		return;
	const char *ct = http_file_type(dbres_get(res, 0,
	    AGENDA_ATTACHMENT_GET_CONTENT_TYPE));
	str_fmt(cd, sizeof(cd), "attachment; filename=\"agenda-%lld.%s\"", id,
	    str_eq(ct, "application/pdf") ? "pdf" : str_eq(ct, "image/png") ?
	    "png" : str_eq(ct, "image/jpeg") ? "jpg" : "bin");
	http_file(r, ct, dbres_get(res, 0, AGENDA_ATTACHMENT_GET_DATA),
	    dbres_len(res, 0, AGENDA_ATTACHMENT_GET_DATA), cd);
	dbres_free(res);
}

/*
 * Carries out decision on item res in the open transaction and records it.
 * Returns 0, or -1 with the page sent (409 for a stale item or an
 * amendment whose day another version has passed; 503).
 */
static int
decide(struct req *r, struct dbres *res, const char *decision, int sole,
    long long meeting)
{
	long long	 id = dbres_ll(res, 0, AGENDA_ITEM_GET_ID);
	long long	 version = form_ll(r, "version"), rules = 0;
	int		 rc, n;

	if ((rc = agenda_carry_out(res, decision, r->sess->user_id, &rules)) ==
	    AGENDA_E_DATE) {
		db_rollback();
		form_refuse(r, 409, "agenda", "amend_date");
		return -1;
	}
	if (rc != AGENDA_OK)
		return form_db_fail(r);
	n = db_exec(STMT_AGENDA_ITEM_DECIDE, "ssssiiiii", decision,
	    sole ? "sole" : "meeting", sole ? param(r, "note") : NULL,
	    sole ? param(r, "sole_reason") : NULL, r->sess->user_id, meeting,
	    rules, id, version);
	if (n == 0) {
		form_stale(r);
		return -1;
	}
	if (n != 1)
		return form_db_fail(r);
	if (rules > 0) {
		char oid[24];
		snprintf(oid, sizeof(oid), "%lld", rules);
		if (audit(r, &(struct audit_entry){ .action = "rules.amend",
		    .object_type = "rules_version", .object_id = oid,
		    .detail = dbres_get(res, 0, AGENDA_ITEM_GET_AMEND_EFFECTIVE_ON) }) != 0)
			return form_db_fail(r);
	}
	return 0;
}

/*
 * POST /agenda/resolve: what a planned meeting said about an item and
 * resolved: approved or rejected (decided, with its effects), or continued
 * (back at the next meeting). One record per item and meeting. Audited.
 */
void
page_agenda_resolve(struct req *r)
{
	const char	*resolution = param(r, "resolution");
	long long	 id = form_ll(r, "id"), meeting = form_ll(r, "meeting");
	struct dbres	*res, *m;
	int		 rc;

	if ((res = item_load(r, id)) == NULL)
		return;
	if (!str_one_of(resolution, resolutions))
		form_err("agenda", "resolution", "choose");
	if (meeting <= 0)
		form_err("agenda", "meeting", "choose");
	if (view_get("Form.invalid") != NULL) {
		item_again(r, res);
		return;
	}
	if ((m = db_query(STMT_MEETING_GET, "i", meeting)) == NULL) {
		dbres_free(res);
		http_error(r, 503, "db", NULL);
		return;
	}
	/* Only a meeting still to be held records what it resolves. */
	int planned = m->nrows > 0 && str_eq(dbres_get(m, 0, MEETING_GET_STATUS),
	    "planned");
	dbres_free(m);
	if (!planned) {
		form_err("agenda", "meeting", "choose");
		item_again(r, res);
		return;
	}
	if (form_begin(r) == -1) {
		dbres_free(res);
		return;
	}
	rc = db_exec(STMT_AGENDA_HEARING_INSERT, "iissi", id, meeting,
	    param(r, "discussion"), resolution, r->sess->user_id);
	if (rc == DB_DUP) {		/* already recorded at this meeting */
		dbres_free(res);
		form_stale(r);
		return;
	}
	if (rc != 1) {
		dbres_free(res);
		form_db_fail(r);
		return;
	}
	if (str_eq(resolution, "continued")) {
		int n = db_exec(STMT_AGENDA_ITEM_TOUCH, "ii", id, form_ll(r, "version"));
		dbres_free(res);
		if (n == 0) {
			form_stale(r);
			return;
		}
		if (n != 1) {
			form_db_fail(r);
			return;
		}
	} else {
		rc = decide(r, res, resolution, 0, meeting);
		dbres_free(res);
		if (rc == -1)
			return;
	}
	form_commit_go(r, "agenda.resolve", "agenda_item", id, resolution,
	    "/agenda/view?id=%lld&m=resolved", id);
}

/*
 * POST /agenda/sole: A19 proviso: the president decides an urgent matter
 * alone, with the reason; it is reported at the next meeting (held).
 */
void
page_agenda_sole(struct req *r)
{
	const char	*decision = param(r, "decision");
	long long	 id = form_ll(r, "id");
	struct dbres	*res;

	if ((res = item_load(r, id)) == NULL)
		return;
	if (!str_eq(decision, "approved") && !str_eq(decision, "rejected"))
		form_err("agenda", "decision", "choose");
	if (form_blank(param(r, "sole_reason")))
		form_err("agenda", "sole_reason", "required");
	if (view_get("Form.invalid") != NULL) {
		item_again(r, res);
		return;
	}
	if (form_begin(r) == -1) {
		dbres_free(res);
		return;
	}
	int rc = decide(r, res, decision, 1, 0);
	dbres_free(res);
	if (rc == -1)
		return;
	form_commit_go(r, "agenda.sole_decision", "agenda_item", id, decision,
	    "/agenda/view?id=%lld&m=decided", id);
}

/* HH:MM, 00:00-23:59. */
static int
hhmm(const char *s)
{
	return s != NULL && strlen(s) == 5 && s[2] == ':' &&
	    s[0] >= '0' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9' &&
	    s[3] >= '0' && s[3] <= '5' && s[4] >= '0' && s[4] <= '9' &&
	    (s[0] < '2' || s[1] <= '3');
}

int
agenda_meeting_check(struct req *r)
{
	struct dbres	*res;
	int		 bad = 0;
	long long	 number = form_ll(r, "number");

	if (!form_empty(param(r, "time_from")) && !hhmm(param(r, "time_from")))
		form_err("agenda", "time_from", "time"), bad = 1;
	if (!form_empty(param(r, "time_to")) && !hhmm(param(r, "time_to")))
		form_err("agenda", "time_to", "time"), bad = 1;
	if (!form_empty(param(r, "number"))) {
		if (number <= 0) {
			form_err("agenda", "number", "number");
			return 1;
		}
		if ((res = db_query(STMT_MEETING_NUMBER_TAKEN, "i", number)) == NULL)
			return -1;
		if (dbres_ll(res, 0, MEETING_NUMBER_TAKEN_N) > 0)
			form_err("agenda", "number", "number_taken"), bad = 1;
		dbres_free(res);
	}
	return bad;
}

int
agenda_meeting_store(struct req *r, long long id)
{
	struct dbres	*res;
	long long	 number = form_ll(r, "number");

	if (number <= 0) {
		if ((res = db_query(STMT_MEETING_NEXT_NUMBER, "")) == NULL)
			return -1;
		number = dbres_ll(res, 0, MEETING_NEXT_NUMBER_N);
		dbres_free(res);
	}
	return db_exec(STMT_MEETING_PAPER_SET, "issssssi", number,
	    param(r, "time_from"), param(r, "time_to"), param(r, "place"),
	    param(r, "chair"), param(r, "absentees"), param(r, "signatories"),
	    id) < 0 ? -1 : 0;
}

int
agenda_meeting_paper(long long id, int planned)
{
	static const char *const pcols[MEETING_PAPER_GET__NCOLS] = {
	    [MEETING_PAPER_GET_NUMBER] = "number",
	    [MEETING_PAPER_GET_TIME_FROM] = "time_from",
	    [MEETING_PAPER_GET_TIME_TO] = "time_to",
	    [MEETING_PAPER_GET_PLACE] = "place",
	    [MEETING_PAPER_GET_CHAIR] = "chair",
	    [MEETING_PAPER_GET_ABSENTEES] = "absentees" };
	static const char *const icols[AGENDA_MEETING_ITEMS__NCOLS] = {
	    [AGENDA_MEETING_ITEMS_ID] = "id", [AGENDA_MEETING_ITEMS_KIND] = "kind",
	    [AGENDA_MEETING_ITEMS_TITLE] = "title",
	    [AGENDA_MEETING_ITEMS_EXPLANATION] = "explanation",
	    [AGENDA_MEETING_ITEMS_AMEND_EFFECTIVE_ON] = "amend_effective_on",
	    [AGENDA_MEETING_ITEMS_DISCUSSION] = "discussion",
	    [AGENDA_MEETING_ITEMS_RESOLUTION] = "resolution",
	    [AGENDA_MEETING_ITEMS_STATUS] = "status",
	    [AGENDA_MEETING_ITEMS_ATTACHMENTS] = "attachments",
	    [AGENDA_MEETING_ITEMS_PARTNER] = "partner",
	    [AGENDA_MEETING_ITEMS_MISUSE_USER_NAME] = "misuse_user",
	    [AGENDA_MEETING_ITEMS_MISUSE_USER_LOGIN] = "misuse_login",
	    [AGENDA_MEETING_ITEMS_VERSION] = "version",
	    [AGENDA_MEETING_ITEMS_CONTINUED] = "continued" };
	static const char *const scols[AGENDA_MEETING_SOLE__NCOLS] = {
	    [AGENDA_MEETING_SOLE_ID] = "id", [AGENDA_MEETING_SOLE_KIND] = "kind",
	    [AGENDA_MEETING_SOLE_TITLE] = "title",
	    [AGENDA_MEETING_SOLE_STATUS] = "status",
	    [AGENDA_MEETING_SOLE_SOLE_REASON] = "sole_reason",
	    [AGENDA_MEETING_SOLE_DECIDED_ON] = "decided_on",
	    [AGENDA_MEETING_SOLE_DECISION_NOTE] = "note" };
	static const char *const acols[AGENDA_APPS_PAPER__NCOLS] = {
	    [AGENDA_APPS_PAPER_ID] = "id", [AGENDA_APPS_PAPER_KIND] = "kind",
	    [AGENDA_APPS_PAPER_SUBJECT] = "subject",
	    [AGENDA_APPS_PAPER_KANA] = "kana",
	    [AGENDA_APPS_PAPER_FACILITY_NAME] = "facility",
	    [AGENDA_APPS_PAPER_FAC_KIND] = "fac_kind",
	    [AGENDA_APPS_PAPER_WANTS_DISCLOSING] = "disclosing",
	    [AGENDA_APPS_PAPER_WANTS_VIEWING] = "viewing",
	    [AGENDA_APPS_PAPER_IN_REGION] = "in_region",
	    [AGENDA_APPS_PAPER_LOGIN] = "login",
	    [AGENDA_APPS_PAPER_PROFESSION_NAME] = "profession",
	    [AGENDA_APPS_PAPER_REQUESTED_ROLE] = "requested_role",
	    [AGENDA_APPS_PAPER_MANAGER_NAME] = "manager_name",
	    [AGENDA_APPS_PAPER_FAC_CODE] = "fac_code",
	    [AGENDA_APPS_PAPER_DEPARTMENT] = "department",
	    [AGENDA_APPS_PAPER_JOB_TITLE] = "job_title",
	    [AGENDA_APPS_PAPER_EFFECTIVE_DATE] = "effective_date",
	    [AGENDA_APPS_PAPER_WITHDRAW_REASON] = "withdraw_reason",
	    [AGENDA_APPS_PAPER_DECISION] = "decision",
	    [AGENDA_APPS_PAPER_DECISION_KIND] = "decision_kind",
	    [AGENDA_APPS_PAPER_DECISION_REASON] = "decision_reason",
	    [AGENDA_APPS_PAPER_SOLE_REASON] = "sole_reason",
	    [AGENDA_APPS_PAPER_DECIDED_ON] = "decided_on",
	    [AGENDA_APPS_PAPER_VERSION] = "version" };
	struct dbres	*res;
	char		 w[64], k[32];

	if ((res = db_query(STMT_MEETING_PAPER_GET, "i", id)) == NULL)
		return -1;
	if (res->nrows > 0) {
		struct vnode *n = view_node("Paper");
		vnode_row(n, res, 0, pcols, NITEMS(pcols));
		if (rulebook_date_wareki(dbres_get(res, 0, MEETING_PAPER_GET_HELD_ON),
		    w, sizeof(w)) == 0)
			vnode_set(n, "held_wareki", w);
		/* One signature line per signatory (one a line as typed). */
		const char *sig = dbres_get(res, 0, MEETING_PAPER_GET_SIGNATORIES);
		size_t ns = 0;
		while (sig != NULL && *sig != '\0') {
			const char *e = strchr(sig, '\n');
			size_t len = e ? (size_t)(e - sig) : strlen(sig);
			char one[201];
			if (len > 0 && sig[len - 1] == '\r')
				len--;
			if (len > 0 && len < sizeof(one)) {
				memcpy(one, sig, len);
				one[len] = '\0';
				str_fmt(k, sizeof(k), "Paper.signatories.%zu", ns++);
				view_set(k, one);
			}
			sig = e ? e + 1 : NULL;
		}
	}
	dbres_free(res);
	if ((res = db_query(STMT_AGENDA_APPS_PAPER, "ii", (long long)planned,
	    id)) == NULL)
		return -1;
	view_rows("Paper.apps", res, acols, NITEMS(acols));
	dbres_free(res);
	if (planned) {
		if ((res = db_query(STMT_AGENDA_APPS_SOLE_PAPER, "")) == NULL)
			return -1;
		view_rows("Paper.apps_sole", res, acols, NITEMS(acols));
		dbres_free(res);
	}
	if ((res = db_query(STMT_AGENDA_MEETING_ITEMS, "iii", id, id,
	    (long long)planned)) == NULL)
		return -1;
	view_rows("Paper.items", res, icols, NITEMS(icols));
	dbres_free(res);
	if ((res = db_query(STMT_AGENDA_MEETING_SOLE, "iii", planned ? 0LL : id,
	    planned ? 0LL : id, id)) == NULL)
		return -1;
	view_rows("Paper.items_sole", res, scols, NITEMS(scols));
	dbres_free(res);
	return 0;
}

int
agenda_meeting_held(long long id)
{
	return db_exec(STMT_REPORT_SOLE_ITEMS, "i", id) < 0 ? -1 : 0;
}

void
agenda_agreement_view(long long agreement)
{
	static const char *const cols[AGENDA_OF_AGREEMENT__NCOLS] = {
	    [AGENDA_OF_AGREEMENT_ID] = "item",
	    [AGENDA_OF_AGREEMENT_STATUS] = "status",
	    [AGENDA_OF_AGREEMENT_DECISION_KIND] = "decision_kind",
	    [AGENDA_OF_AGREEMENT_MEETING_NUMBER] = "meeting_number",
	    [AGENDA_OF_AGREEMENT_DECIDED_AT] = ROW_TIME("decided_at") };
	struct dbres	*res;

	if (agreement <= 0 ||
	    (res = db_query(STMT_AGENDA_OF_AGREEMENT, "i", agreement)) == NULL)
		return;
	if (res->nrows > 0)
		vnode_row(view_node("Council"), res, 0, cols, NITEMS(cols));
	dbres_free(res);
}
