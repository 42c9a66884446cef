/*
 * message.c: messages between users (A17): to a user or to a
 * facility's users, with an optional patient reference that the sender
 * may see now and that each reader sees only if consent allows their own
 * facility. Anyone who can read a message can report it; the operator
 * deletes one that damages trust or breaks the law: its content goes,
 * the fact, the reason, who and when stay. Nothing is ever removed.
 */
#include <stdio.h>
#include <string.h>

#include "base/config.h"
#include "base/util.h"
#include "db/db.h"
#include "pages/pages.h"
#include "pki/pki.h"
#include "rules/access.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/form.h"
#include "web/render.h"
#include "web/rows.h"
#include "web/session.h"

const struct field f_messages[] = {
	{ "m", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};
const struct field f_message_new_get[] = {
	{ "p", FT_TOKEN, 32 },
	{ "to", FT_TOKEN, 64 },
	{ NULL, 0, 0 }
};
const struct field f_message_new[] = {
	{ "to_kind", FT_TOKEN, 16 },
	{ "to", FT_TOKEN, 64 },
	{ "facility", FT_INT, 20 },
	{ "subject", FT_TEXT, 200 },
	{ "body", FT_LINES, 4000 },
	{ "p", FT_TOKEN, 32 },
	{ "idem", FT_HEX, 64 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_message_view[] = {
	{ "id", FT_INT, 20 },
	{ "m", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};
const struct field f_message_report[] = {
	{ "id", FT_INT, 20 },
	{ "reason", FT_LINES, 1000 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_message_delete[] = {
	{ "id", FT_INT, 20 },
	{ "version", FT_INT, 10 },
	{ "reason", FT_LINES, 1000 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};



/* The unread count for the home page and the header. */
void
messages_count_view(const struct req *r)
{
	struct dbres	*res;

	if (r->sess == NULL || (res = db_query(STMT_MESSAGE_UNREAD, "iiii",
	    r->sess->user_id, r->sess->user_id, r->sess->facility_id,
	    r->sess->user_id)) == NULL)
		return;
	view_set_int("Messages.unread", dbres_ll(res, 0, MESSAGE_UNREAD_N));
	dbres_free(res);
}

/*
 * The inbox or the sent box (box "in" or "out", titled by lang key title)
 * from res, which this frees (NULL: the query failed, 503).
 */
static void
message_list(struct req *r, struct dbres *res, const char *const *cols,
    size_t ncols, const char *box, const char *title)
{
	if (res == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	view_set_int("Messages_n", (long long)view_rows("Messages", res, cols,
	    ncols));
	dbres_free(res);
	form_flash(r, "message");
	view_set("Box", box);
	view_set("Page.title", lang(title));
	http_page(r, 200, "message_list.cs");
}

/* GET /messages: the inbox, to this user or to their facility. */
void
page_messages(struct req *r)
{
	static const char *const cols[MESSAGE_INBOX__NCOLS] = {
	    [MESSAGE_INBOX_ID] = "id",
	    [MESSAGE_INBOX_SENDER_NAME] = "sender",
	    [MESSAGE_INBOX_SENDER_FAC] = "sender_facility",
	    [MESSAGE_INBOX_SENDER_REGION] = "sender_region",
	    [MESSAGE_INBOX_SUBJECT] = "subject",
	    [MESSAGE_INBOX_DELETED] = "deleted",
	    [MESSAGE_INBOX_READ] = "read",
	    [MESSAGE_INBOX_TO_FACILITY] = "to_facility",
	    [MESSAGE_INBOX_ABOUT_PATIENT] = "patient",
	    [MESSAGE_INBOX_SENT_AT] = ROW_TIME("sent") };

	message_list(r, db_query(STMT_MESSAGE_INBOX, "iii", r->sess->user_id,
	    r->sess->user_id, r->sess->facility_id), cols, NITEMS(cols), "in",
	    "message.inbox_title");
}

/* GET /messages/sent: what this user sent. */
void
page_messages_sent(struct req *r)
{
	static const char *const cols[MESSAGE_OUTBOX__NCOLS] = {
	    [MESSAGE_OUTBOX_ID] = "id",
	    [MESSAGE_OUTBOX_TO_NAME] = "recipient",
	    [MESSAGE_OUTBOX_TO_FAC] = "recipient_facility",
	    [MESSAGE_OUTBOX_TO_REGION] = "recipient_region",
	    [MESSAGE_OUTBOX_SUBJECT] = "subject",
	    [MESSAGE_OUTBOX_DELETED] = "deleted",
	    [MESSAGE_OUTBOX_TO_FACILITY] = "to_facility",
	    [MESSAGE_OUTBOX_ABOUT_PATIENT] = "patient",
	    [MESSAGE_OUTBOX_SENT_AT] = ROW_TIME("sent") };

	message_list(r, db_query(STMT_MESSAGE_OUTBOX, "i", r->sess->user_id),
	    cols, NITEMS(cols), "out", "message.outbox_title");
}

/*
 * The patient behind the sender's handle p if the sender may see them now
 * (consent for the sender's facility, or the sender's own A14 grant):
 * the id, 0 when not allowed or unknown, -1 (db). *name gets the name.
 */
static long long
sender_patient(const struct req *r, const char *p, char *name, size_t len)
{
	struct dbres	*res;
	long long	 id;

	name[0] = '\0';
	if ((id = handle_resolve(r, p)) <= 0)
		return id;
	if (!consent_allowed(access_check(id, r->sess->facility_id,
	    r->sess->user_id)))
		return 0;
	if ((res = db_query(STMT_PATIENT_GET, "i", id)) == NULL)
		return -1;
	if (res->nrows == 1)
		str_copy(name, dbres_get(res, 0, PATIENT_GET_NAME), len);
	dbres_free(res);
	return id;
}

static void
new_form(struct req *r, int status)
{
	static const char *const keep[] = { "to_kind", "to", "facility",
	    "subject", "body", "p", NULL };
	char		 name[128];
	long long	 pid;

	form_keep(r, "Form", keep, NITEMS(keep));
	if (form_empty(view_get("Form.to_kind")))
		view_set("Form.to_kind", "user");
	if (!form_empty(param(r, "p"))) {
		if ((pid = sender_patient(r, param(r, "p"), name, sizeof(name))) < 0) {
			http_error(r, 503, "db", NULL);
			return;
		}
		if (pid > 0)
			view_set("Form.patient_name", name);
	}
	if (notice_facilities_view() == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	form_idem_view(r);
	view_set("Page.title", lang("message.new_title"));
	http_page(r, status, "message_new.cs");
}

/* GET /messages/new[?p=handle][&to=login] */
void
page_message_new(struct req *r)
{
	new_form(r, 200);
}

/*
 * Checks the form: the recipient (a user by ID, or a facility), subject,
 * body, and the patient handle. Sets *to_user, *to_fac, *pid. Returns the
 * number of fields in error, or -1 (db).
 */
static int
message_check(struct req *r, long long *to_user, long long *to_fac,
    long long *pid)
{
	const char	*kind = param(r, "to_kind");
	struct dbres	*res;
	char		 name[128];
	int		 bad = 0;

	*to_user = *to_fac = *pid = 0;
	if (str_eq(kind, "user")) {
		if (form_empty(param(r, "to")))
			form_err("message", "to", "to"), bad++;
		else {
			if ((res = db_query(STMT_MESSAGE_RECIPIENT, "s",
			    param(r, "to"))) == NULL)
				return -1;
			if (res->nrows == 1)
				*to_user = dbres_ll(res, 0, MESSAGE_RECIPIENT_ID);
			dbres_free(res);
			if (*to_user == 0)
				form_err("message", "to", "to_unknown"), bad++;
		}
	} else if (str_eq(kind, "facility")) {
		if ((*to_fac = form_ll(r, "facility")) > 0) {
			/* The column has no foreign key: the facility must exist. */
			if ((res = db_query(STMT_DESK_FACILITY_OK, "i", *to_fac)) == NULL)
				return -1;
			if (dbres_ll(res, 0, DESK_ASSIGNEE_OK_N) == 0)
				*to_fac = 0;
			dbres_free(res);
		}
		if (*to_fac <= 0) {
			*to_fac = 0;
			form_err("message", "facility", "facility"), bad++;
		}
	} else
		form_err("message", "to_kind", "to_kind"), bad++;
	if (form_empty(param(r, "subject")))
		form_err("message", "subject", "subject"), bad++;
	if (form_empty(param(r, "body")))
		form_err("message", "body", "body"), bad++;
	if (!form_empty(param(r, "p"))) {
		if ((*pid = sender_patient(r, param(r, "p"), name,
		    sizeof(name))) < 0)
			return -1;
		if (*pid == 0)
			form_err("message", "p", "patient"), bad++;
	}
	return bad;
}

/*
 * POST /messages/new: sends one message. A repeated submit of the same
 * form (idem) goes to the message the first one made.
 */
void
page_message_new_post(struct req *r)
{
	const char	*idem = param(r, "idem");
	long long	 to_user, to_fac, pid, id;
	char		 where[64], detail[64];
	int		 bad, rc;

	if (form_idem(r, STMT_MESSAGE_BY_IDEM, idem,
	    "/messages/view?id=%s&m=sent") != 0)
		return;
	if ((bad = message_check(r, &to_user, &to_fac, &pid)) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (bad > 0) {
		new_form(r, 422);
		return;
	}
	if (db_begin() != DB_OK) {
		form_db_fail(r);
		return;
	}
	rc = db_exec(STMT_MESSAGE_INSERT, "iiiissiis", r->sess->user_id,
	    r->sess->facility_id, to_user, to_fac, param(r, "subject"),
	    param(r, "body"), pid, (long long)now(), idem);
	if (rc == DB_DUP) {		/* the same form twice at the same moment */
		db_rollback();
		http_redirect(r, "/messages/sent");
		return;
	}
	if (rc != 1) {
		form_db_fail(r);
		return;
	}
	id = (long long)db_last_id();
	str_fmt(detail, sizeof(detail), "to %s %lld", to_user ? "user" : "facility",
	    to_user ? to_user : to_fac);
	char oid[24];
	snprintf(oid, sizeof(oid), "%lld", id);
	if (audit(r, &(struct audit_entry){ .action = "message.send",
	    .object_type = "message", .object_id = oid, .patient_id = pid,
	    .detail = detail }) != 0 || db_commit() != DB_OK) {
		form_db_fail(r);
		return;
	}
	str_fmt(where, sizeof(where), "/messages/view?id=%lld&m=sent", id);
	http_redirect(r, where);
}

/* 1 when this session's user is a recipient of the loaded message. */
static int
is_recipient(const struct req *r, const struct dbres *m)
{
	return dbres_ll(m, 0, MESSAGE_GET_TO_USER_ID) == r->sess->user_id ||
	    (dbres_get(m, 0, MESSAGE_GET_TO_FAC_ID) != NULL &&
	    dbres_ll(m, 0, MESSAGE_GET_TO_FAC_ID) == r->sess->facility_id);
}

/*
 * Loads message ?id= if this user may read it: its sender, its
 * recipients, and the operator once someone reported it. Others are
 * refused (403, audited). Returns the result (the caller frees) or NULL
 * with a page sent.
 */
static struct dbres *
message_load(struct req *r)
{
	struct dbres	*m;
	long long	 id = form_ll(r, "id");

	if ((m = row_by_id(r, STMT_MESSAGE_GET, id)) == NULL)
		return NULL;
	if (dbres_ll(m, 0, MESSAGE_GET_SENDER_ID) == r->sess->user_id || is_recipient(r, m) ||
	    ((r->sess->roles & ROLE_OPERATOR) && dbres_ll(m, 0, MESSAGE_GET_REPORTS) > 0))
		return m;
	dbres_free(m);
	audit(r, &(struct audit_entry){ .action = "message.denied",
	    .object_type = "message", .object_id = param(r, "id"),
	    .outcome = "denied", .detail = "not_party" });
	form_refuse(r, 403, "message", "not_yours");
	return NULL;
}

/*
 * The patient reference as this reader may see it: with consent for the
 * reader's own facility (or their A14 grant) the name and a link with a
 * handle of this session; otherwise only that it cannot be shown.
 * Returns the patient id shown, 0 when hidden or none, -1 (db).
 */
static long long
patient_ref_view(struct req *r, const struct dbres *m)
{
	struct dbres	*p;
	long long	 pid;
	char		 h[32];

	if (dbres_get(m, 0, MESSAGE_GET_PATIENT) == NULL)
		return 0;
	pid = dbres_ll(m, 0, MESSAGE_GET_PATIENT);
	view_set("Message.has_patient", "1");
	if (!consent_allowed(access_check(pid, r->sess->facility_id,
	    r->sess->user_id)))
		return 0;
	if (handle_for(r, pid, h, sizeof(h)) == -1 ||
	    (p = db_query(STMT_PATIENT_GET, "i", pid)) == NULL)
		return -1;
	if (p->nrows == 1) {
		view_set("Message.patient_handle", h);
		view_set("Message.patient_name", dbres_get(p, 0, PATIENT_GET_NAME));
	}
	dbres_free(p);
	return pid;
}

/* The operator reads why a message was reported: ReportsOf.N. 0 or -1. */
static int
reports_view(const struct req *r)
{
	static const char *const cols[MESSAGE_REPORTS_OF__NCOLS] = {
	    [MESSAGE_REPORTS_OF_REPORTER_NAME] = "by",
	    [MESSAGE_REPORTS_OF_REPORTER_FAC] = "facility",
	    [MESSAGE_REPORTS_OF_REASON] = "reason",
	    [MESSAGE_REPORTS_OF_REPORTED_AT] = ROW_TIME("at") };
	struct dbres	*res;

	if ((res = db_query(STMT_MESSAGE_REPORTS_OF, "i", form_ll(r, "id"))) == NULL)
		return -1;
	view_rows("ReportsOf", res, cols, NITEMS(cols));
	dbres_free(res);
	return 0;
}

/* GET /messages/view: one message; reading it marks it read for this user. */
void
page_message_view(struct req *r)
{
	static const char *const cols[] = { "id", "sender_id", "sender",
	    "sender_facility", "sender_region", "to_user_id", "to_user",
	    "to_user_facility", "to_user_region", "to_facility_id", "to_facility",
	    "to_facility_region", "subject", "body", NULL, ROW_TIME("sent"),
	    ROW_TIME("deleted"), "deleter",
	    "delete_reason", "version", NULL, "reports" };
	struct dbres	*m;
	long long	 pid;

	if ((m = message_load(r)) == NULL)
		return;
	vnode_row(view_node("Message"), m, 0, cols, NITEMS(cols));
	int recipient = is_recipient(r, m);
	if (recipient && dbres_ll(m, 0, MESSAGE_GET_SENDER_ID) != r->sess->user_id &&
	    db_exec(STMT_MESSAGE_READ, "iii", dbres_ll(m, 0, MESSAGE_GET_ID),
	    r->sess->user_id, (long long)now()) < 0) {
		dbres_free(m);
		http_error(r, 503, "db", NULL);
		return;
	}
	pid = patient_ref_view(r, m);
	int deleted = dbres_get(m, 0, MESSAGE_GET_DELETED) != NULL;
	dbres_free(m);
	if (pid < 0) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (audit(r, &(struct audit_entry){ .action = "message.view",
	    .object_type = "message", .object_id = param(r, "id"),
	    .patient_id = pid }) != 0) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (!deleted)
		view_set("Can.report", "1");
	if ((r->sess->roles & ROLE_OPERATOR) && reports_view(r) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if ((r->sess->roles & ROLE_OPERATOR) && !deleted &&
	    view_get("Message.reports") != NULL &&
	    !str_eq(view_get("Message.reports"), "0"))
		view_set("Can.delete", "1");
	form_flash(r, "message");
	view_set("Page.title", lang("message.view_title"));
	http_page(r, 200, "message_view.cs");
}

/* POST /messages/report: anyone who may read a message reports it, with why. */
void
page_message_report(struct req *r)
{
	struct dbres	*m;
	long long	 id = form_ll(r, "id");

	if ((m = message_load(r)) == NULL)
		return;
	int deleted = dbres_get(m, 0, MESSAGE_GET_DELETED) != NULL;
	dbres_free(m);
	if (deleted) {
		form_refuse(r, 409, "message", "deleted");
		return;
	}
	if (form_empty(param(r, "reason"))) {
		http_error(r, 400, "required", "reason");
		return;
	}
	if (db_begin() != DB_OK || db_exec(STMT_MESSAGE_REPORT_INSERT, "iisi", id,
	    r->sess->user_id, param(r, "reason"), (long long)now()) != 1) {
		form_db_fail(r);
		return;
	}
	form_commit_go(r, "message.report", "message", id, NULL,
	    "/messages/view?id=%lld&m=reported", id);
}

/* GET /admin/messages: the reported messages, open ones first. */
void
page_message_reports(struct req *r)
{
	static const char *const cols[MESSAGE_REPORTS__NCOLS] = {
	    [MESSAGE_REPORTS_ID] = "id",
	    [MESSAGE_REPORTS_SENDER_NAME] = "sender",
	    [MESSAGE_REPORTS_SENDER_FAC] = "sender_facility",
	    [MESSAGE_REPORTS_SENDER_REGION] = "sender_region",
	    [MESSAGE_REPORTS_SUBJECT] = "subject",
	    [MESSAGE_REPORTS_DELETED] = "deleted",
	    [MESSAGE_REPORTS_REPORTS] = "reports",
	    [MESSAGE_REPORTS_SENT_AT] = ROW_TIME("sent"),
	    [MESSAGE_REPORTS_LAST_REPORT] = ROW_TIME("last_report") };
	struct dbres	*res;

	if ((res = db_query(STMT_MESSAGE_REPORTS, "")) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	view_set_int("Reported_n", (long long)view_rows("Reported", res, cols,
	    NITEMS(cols)));
	dbres_free(res);
	form_flash(r, "message");
	view_set("Page.title", lang("message.reports_title"));
	http_page(r, 200, "message_reports.cs");
}

/*
 * POST /admin/messages/delete: the operator removes a reported message's
 * content with a reason (A17). The row stays: the fact, the reason, who
 * and when are shown in place of the body. A second deletion, or one on
 * a version not seen, is 409.
 */
void
page_message_delete(struct req *r)
{
	struct dbres	*m;
	long long	 id = form_ll(r, "id"), ver = form_ll(r, "version");

	if (ver <= 0) {
		http_error(r, 400, "type", "version");
		return;
	}
	if (form_empty(param(r, "reason"))) {
		http_error(r, 400, "required", "reason");
		return;
	}
	if ((m = message_load(r)) == NULL)
		return;
	int deleted = dbres_get(m, 0, MESSAGE_GET_DELETED) != NULL;
	dbres_free(m);
	if (deleted) {
		form_refuse(r, 409, "message", "deleted");
		return;
	}
	if (db_begin() != DB_OK) {
		form_db_fail(r);
		return;
	}
	if (form_one(r, db_exec(STMT_MESSAGE_DELETE, "iisii", (long long)now(),
	    r->sess->user_id, param(r, "reason"), id, ver)) != 0)
		return;
	form_commit_go(r, "message.delete", "message", id, param(r, "reason"),
	    "/messages/view?id=%lld&m=deleted", id);
}
