/* routes.c: the route table and the dispatcher that guards it */
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include <stdlib.h>

#include "base/config.h"
#include "base/kana.h"
#include "base/util.h"
#include "db/db.h"
#include "pages/pages.h"
#include "pki/pki.h"
#include "rules/maint.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/form.h"
#include "web/render.h"
#include "web/session.h"

#define HANDLER_TRIES	4	/* a handler run again after a conflict (Galera) */

/*
 * Every route, one row each: method, path, handler, roles allowed, flags,
 * accepted parameters. A path not here is 404; a role not named is denied.
 */
#define R_APPS		(ROLES_COUNCIL | ROLE_FACILITY_MANAGER)
#define R_DECIDE	(ROLE_PRESIDENT | ROLE_OPERATOR)
#define R_APPLY		(ROLE_FACILITY_MANAGER | ROLES_OFFICE)
#define R_CONSENT	(ROLES_CLINIC | ROLE_OPERATOR)		/* registers form 4 */
#define R_PATIENTS	(ROLES_CLINIC | ROLES_DESK)	/* looks patients up */
/* A4.3: the desk (the operator runs it); users file and follow their own. */
#define R_COMPLAIN	(ROLES_DESK | ROLES_CLINIC)
#define R_COMPLAINTS	(R_COMPLAIN | ROLE_PRESIDENT)
/* A6.3, A8.5: what a facility manager forwards, the operator receives. */
#define R_REPORTS	(ROLE_FACILITY_MANAGER | ROLE_OPERATOR)
#define R_INCIDENTS	(ROLES_CLINIC | ROLE_OPERATOR)

const struct route routes[] = {
	/* method  path			handler			roles			flags			fields */
	{ "GET",  "/",			page_home,		ROLE_ALL,		0,			f_home },
	{ "GET",  "/login",		page_login,		ROLE_CERT,		0,			f_login_get },
	{ "POST", "/login",		page_login_post,	ROLE_CERT,		F_CSRF,			f_login },
	{ "POST", "/logout",		page_logout,		ROLE_ALL,		F_CSRF | F_NOLOCK,	f_csrf },
	{ "GET",  "/unlock",		page_unlock,		ROLE_ALL,		F_NOLOCK,		NULL },
	{ "POST", "/unlock",		page_unlock_post,	ROLE_ALL,		F_CSRF | F_NOLOCK,	f_unlock },
	{ "GET",  "/password",		page_password,		ROLE_ALL,		0,			NULL },
	{ "POST", "/password",		page_password_post,	ROLE_ALL,		F_CSRF,			f_password },
	{ "GET",  "/admin/certs",	page_certs,		ROLE_OPERATOR,		0,			f_certs },
	{ "POST", "/admin/certs/issue",	page_cert_issue,	ROLE_OPERATOR,		F_CSRF,			f_cert_issue },
	{ "GET",  "/admin/certs/download", page_cert_download,	ROLE_OPERATOR,		0,			f_cert_download },
	{ "POST", "/admin/certs/revoke", page_cert_revoke,	ROLE_OPERATOR,		F_CSRF,			f_cert_revoke },
	{ "POST", "/admin/users/password", page_init_password,	ROLE_OPERATOR,		F_CSRF,			f_init_password },
	{ "GET",  "/applications",	page_apps,		R_APPS,			0,			f_apps },
	{ "GET",  "/applications/new",	page_app_new,		R_APPLY,		0,			f_app_new_get },
	{ "POST", "/applications/new",	page_app_new_post,	R_APPLY,		F_CSRF,			f_app_new },
	{ "POST", "/applications/submit", page_app_submit,	R_APPLY,		F_CSRF,			f_app_submit },
	{ "GET",  "/applications/view",	page_app_view,		R_APPS,			0,			f_app_view },
	{ "POST", "/applications/decide", page_app_decide,	R_DECIDE,		F_CSRF,			f_app_decide },
	{ "POST", "/applications/contract", page_app_contract,	ROLE_OPERATOR,		F_CSRF,			f_app_contract },
	{ "POST", "/users/revoke",	page_revoke_id,		R_DECIDE,		F_CSRF,			f_revoke_id },
	{ "GET",  "/meetings",		page_meetings,		ROLES_COUNCIL,		0,			NULL },
	{ "POST", "/meetings/new",	page_meeting_new,	R_DECIDE,		F_CSRF,			f_meeting_new },
	{ "GET",  "/meetings/view",	page_meeting_view,	ROLES_COUNCIL,		0,			f_meeting_view },
	{ "POST", "/meetings/held",	page_meeting_held,	R_DECIDE,		F_CSRF,			f_meeting_held },
	{ "GET",  "/council/operator",	page_council_operator,	ROLE_PRESIDENT | ROLE_OPERATOR, 0,		f_council_operator },
	{ "POST", "/council/operator/appoint", page_council_appoint, ROLE_PRESIDENT,	F_CSRF,			f_council_appoint },
	{ "GET",  "/council/staff",	page_council_staff,	ROLE_PRESIDENT | ROLE_OPERATOR, 0,		f_council_staff },
	{ "POST", "/council/staff/add",	page_council_staff_add,	ROLE_OPERATOR,		F_CSRF,			f_council_staff_add },
	{ "POST", "/council/staff/edit", page_council_staff_edit, ROLE_OPERATOR,	F_CSRF,			f_council_staff_edit },
	{ "POST", "/council/staff/notify", page_council_staff_notify, ROLE_OPERATOR,	F_CSRF,			f_council_staff_notify },
	{ "GET",  "/ledger",		page_ledger,		ROLE_FACILITY_MANAGER,	0,			f_ledger },
	{ "GET",  "/ledger/terminal",	page_ledger_terminal,	ROLE_FACILITY_MANAGER,	0,			f_ledger_terminal },
	{ "POST", "/ledger/terminal/add", page_ledger_terminal_add, ROLE_FACILITY_MANAGER, F_CSRF,		f_ledger_terminal_add },
	{ "POST", "/ledger/terminal/edit", page_ledger_terminal_edit, ROLE_FACILITY_MANAGER, F_CSRF,		f_ledger_terminal_edit },
	{ "POST", "/ledger/software/add", page_ledger_software_add, ROLE_FACILITY_MANAGER, F_CSRF,		f_ledger_software_add },
	{ "POST", "/ledger/procedure",	page_ledger_procedure,	ROLE_FACILITY_MANAGER,	F_CSRF,			f_ledger_procedure },
	{ "GET",  "/admin/ledger",	page_admin_ledger,	ROLE_OPERATOR | ROLE_PRESIDENT, 0,		f_admin_ledger },
	{ "GET",  "/admin/ledger/warnings", page_admin_ledger_warnings, ROLE_OPERATOR | ROLE_PRESIDENT, 0,	NULL },
	{ "GET",  "/records",		page_records,		ROLES_CLINIC,		F_PATIENT,		f_records },
	{ "GET",  "/records/patient",	page_record_patient,	ROLES_CLINIC,		F_PATIENT,		f_record_open },
	{ "GET",  "/records/print",	page_record_print,	ROLES_CLINIC,		F_PATIENT,		f_record_open },
	{ "GET",  "/records/export",	page_record_export,	ROLES_CLINIC,		F_PATIENT,		f_record_open },
	{ "GET",  "/records/fhir",	page_record_fhir,	ROLES_CLINIC,		F_PATIENT,		f_record_open },
	{ "GET",  "/records/document",	page_record_document,	ROLES_CLINIC,		F_PATIENT,		f_record_document },
	{ "GET",  "/emergency",		page_emergency,		ROLES_CLINIC,		0,			f_emergency },
	{ "POST", "/emergency/start",	page_emergency_start,	ROLES_CLINIC,		F_CSRF | F_PATIENT,	f_emergency_start },
	{ "GET",  "/emergency/list",	page_emergency_list,	ROLE_OPERATOR | ROLE_STAFF | ROLE_FACILITY_MANAGER, F_PATIENT, f_emergency },
	{ "POST", "/emergency/review",	page_emergency_review,	ROLE_OPERATOR,		F_CSRF,			f_emergency_review },
	{ "POST", "/emergency/followup", page_emergency_followup, ROLES_CLINIC | ROLE_OPERATOR, F_CSRF,		f_emergency_review },
	{ "GET",  "/misuse",		page_misuse,		ROLE_OPERATOR | ROLE_STAFF | ROLE_FACILITY_MANAGER, 0,	f_misuse },
	{ "POST", "/misuse/decide",	page_misuse_decide,	ROLE_OPERATOR,		F_CSRF,			f_misuse_decide },
	{ "GET",  "/misuse/rules",	page_misuse_rules,	ROLE_OPERATOR | ROLE_STAFF, 0,			f_misuse },
	{ "POST", "/misuse/rules",	page_misuse_rule_save,	ROLE_OPERATOR,		F_CSRF,			f_misuse_rule },
	{ "POST", "/misuse/report",	page_misuse_report,	ROLE_OPERATOR,		F_CSRF,			f_misuse_report },
	{ "GET",  "/misuse/reports",	page_misuse_reports,	ROLE_PRESIDENT | ROLE_OPERATOR, 0,		f_misuse },
	{ "POST", "/misuse/reports/ack", page_misuse_ack,	ROLE_PRESIDENT,		F_CSRF,			f_misuse_ack },
	{ "GET",  "/admin/maintenance",	page_maint,		ROLE_OPERATOR | ROLE_STAFF, 0,			f_maint },
	{ "POST", "/admin/maintenance/new", page_maint_new,	ROLE_OPERATOR,		F_CSRF,			f_maint_new },
	{ "POST", "/admin/maintenance/cancel", page_maint_cancel, ROLE_OPERATOR,	F_CSRF,			f_maint_cancel },
	{ "POST", "/admin/maintenance/switch", page_maint_switch, ROLE_OPERATOR,	F_CSRF,			f_maint_switch },
	{ "GET",  "/notifications",	page_notifications,	ROLE_OPERATOR | ROLE_STAFF | ROLE_FACILITY_MANAGER, 0,	NULL },
	{ "POST", "/notifications/read", page_notification_read, ROLE_OPERATOR | ROLE_STAFF | ROLE_FACILITY_MANAGER, F_CSRF, f_notifications_read },
	{ "GET",  "/patients",		page_patients,		R_PATIENTS,		F_PATIENT,		f_patients },
	{ "POST", "/patients/new",	page_patient_new,	R_CONSENT,		F_CSRF | F_PATIENT,	f_patient_new },
	{ "GET",  "/patients/view",	page_patient_view,	R_PATIENTS,		F_PATIENT,		f_patient_view },
	{ "POST", "/patients/link",	page_patient_link,	R_CONSENT,		F_CSRF,			f_patient_link },
	{ "POST", "/patients/death",	page_patient_death,	ROLE_OPERATOR,		F_CSRF,			f_patient_death },
	{ "POST", "/patients/merge",	page_patient_merge,	ROLE_OPERATOR,		F_CSRF,			f_patient_merge },
	{ "POST", "/patients/unmerge",	page_patient_unmerge,	ROLE_OPERATOR,		F_CSRF,			f_patient_unmerge },
	{ "GET",  "/patients/access-report", page_access_report, ROLES_DESK,		F_PATIENT,		f_access_report },
	{ "GET",  "/links",		page_links,		R_CONSENT | ROLE_STAFF,	F_PATIENT,		f_links },
	{ "POST", "/links/link",	page_link_set,		R_CONSENT,		F_CSRF,			f_link_set },
	{ "GET",  "/links/requests",	page_link_requests,	ROLE_OPERATOR | ROLE_STAFF, F_PATIENT,		f_link_requests },
	{ "POST", "/links/decide",	page_link_decide,	ROLE_OPERATOR,		F_CSRF,			f_link_decide },
	{ "POST", "/links/end",		page_link_end,		ROLE_OPERATOR,		F_CSRF,			f_link_end },
	{ "GET",  "/consents/new",	page_consent_new,	R_CONSENT,		F_PATIENT,		f_consent_new_get },
	{ "POST", "/consents/new",	page_consent_new_post,	R_CONSENT,		F_CSRF | F_UPLOAD | F_PATIENT, f_consent_new },
	{ "GET",  "/consents/view",	page_consent_view,	R_CONSENT | ROLE_STAFF,	F_PATIENT,		f_consent_view },
	{ "GET",  "/consents/scan",	page_consent_scan,	R_CONSENT | ROLE_STAFF,	F_PATIENT,		f_consent_view },
	{ "GET",  "/consents/fhir",	page_consent_fhir,	R_CONSENT | ROLE_STAFF,	F_PATIENT,		f_consent_view },
	{ "GET",  "/consents/queue",	page_consent_queue,	ROLE_OPERATOR | ROLE_STAFF, F_PATIENT,		f_consent_view },
	{ "POST", "/consents/check",	page_consent_check,	ROLE_OPERATOR | ROLE_STAFF, F_CSRF,		f_consent_check },
	{ "GET",  "/revocations/new",	page_revocation_new,	R_PATIENTS,		F_PATIENT,		f_revocation_new_get },
	{ "POST", "/revocations/new",	page_revocation_new_post, R_PATIENTS,		F_CSRF | F_PATIENT,	f_revocation_new },
	{ "GET",  "/revocations/receipt", page_revocation_receipt, R_PATIENTS,	F_PATIENT,		f_revocation_receipt },
	{ "GET",  "/desk/complaints",	page_desk_list,		R_COMPLAINTS,		0,			f_desk_list },
	{ "GET",  "/desk/complaints/new", page_desk_new,	R_COMPLAIN,		0,			f_desk_new_get },
	{ "POST", "/desk/complaints/new", page_desk_new_post,	R_COMPLAIN,		F_CSRF,			f_desk_new },
	{ "GET",  "/desk/complaints/view", page_desk_view,	R_COMPLAINTS,		0,			f_desk_view },
	{ "POST", "/desk/complaints/step", page_desk_step,	ROLES_DESK,			F_CSRF,			f_desk_step },
	{ "GET",  "/desk/complaints/receipt", page_desk_receipt, R_COMPLAINTS,		0,			f_desk_receipt },
	{ "GET",  "/facility/access",	page_monitor_access,	ROLE_FACILITY_MANAGER,	F_PATIENT,		f_monitor_access },
	{ "GET",  "/facility/measures",	page_monitor_measures,	ROLE_FACILITY_MANAGER,	0,			f_monitor_measures },
	{ "POST", "/facility/measures/new", page_monitor_measure_new, ROLE_FACILITY_MANAGER, F_CSRF,		f_monitor_measure_new },
	{ "GET",  "/facility/reports",	page_monitor_reports,	R_REPORTS,		0,			f_monitor_reports },
	{ "POST", "/facility/reports/new", page_monitor_report_new, ROLE_FACILITY_MANAGER, F_CSRF,		f_monitor_report_new },
	{ "GET",  "/facility/reports/view", page_monitor_report_view, R_REPORTS,	0,			f_monitor_report_view },
	{ "POST", "/facility/reports/ack", page_monitor_report_ack, ROLE_OPERATOR,	F_CSRF,			f_monitor_report_ack },
	{ "GET",  "/incidents",		page_incidents,		R_INCIDENTS,		0,			f_incidents },
	{ "GET",  "/incidents/new",	page_incident_new,	ROLES_CLINIC,		0,			NULL },
	{ "POST", "/incidents/new",	page_incident_new_post,	ROLES_CLINIC,		F_CSRF,			f_incident_new },
	{ "GET",  "/incidents/view",	page_incident_view,	R_INCIDENTS,		0,			f_incident_view },
	{ "POST", "/incidents/step",	page_incident_step,	R_REPORTS,		F_CSRF,			f_incident_step },
	{ "GET",  "/admin/imports",	page_imports,		ROLE_OPERATOR | ROLE_STAFF, 0,			f_imports },
	{ "GET",  "/admin/audit/export", page_audit_export,	ROLE_OPERATOR,		F_PATIENT,		f_audit_export },
	{ "GET",  "/dashboard",		page_dashboard,		ROLES_COUNCIL,		0,			f_dashboard },
	{ "GET",  "/dashboard/chart",	page_dashboard_chart,	ROLES_COUNCIL,		0,			f_dashboard_chart },
	{ "GET",  "/dashboard/report",	page_dashboard_report,	ROLES_COUNCIL,		0,			f_dashboard_report },
	/* A16 notices, A17 messages, A18 agreements and facilities */
	{ "GET",  "/notices",		page_notices,		ROLE_ALL,		0,			NULL },
	{ "GET",  "/notices/pending",	page_notice_pending,	ROLE_ALL,		F_NOTICE,		NULL },
	{ "POST", "/notices/ack",	page_notice_ack,	ROLE_ALL,		F_CSRF | F_NOTICE,	f_notice_ack },
	{ "GET",  "/admin/notices",	page_notice_admin,	ROLES_COUNCIL,		0,			f_notices },
	{ "GET",  "/admin/notices/new",	page_notice_new,	ROLE_OPERATOR,		0,			NULL },
	{ "POST", "/admin/notices/new",	page_notice_new_post,	ROLE_OPERATOR,		F_CSRF,			f_notice_new },
	{ "GET",  "/admin/notices/view", page_notice_view,	ROLES_COUNCIL,		0,			f_notice_view },
	{ "POST", "/admin/notices/approve", page_notice_approve, ROLE_PRESIDENT,	F_CSRF,			f_notice_step },
	{ "POST", "/admin/notices/publish", page_notice_publish, ROLE_OPERATOR,	F_CSRF,			f_notice_step },
	{ "GET",  "/messages",		page_messages,		ROLE_ALL,		0,			f_messages },
	{ "GET",  "/messages/sent",	page_messages_sent,	ROLE_ALL,		0,			f_messages },
	{ "GET",  "/messages/new",	page_message_new,	ROLE_ALL,		F_PATIENT,		f_message_new_get },
	{ "POST", "/messages/new",	page_message_new_post,	ROLE_ALL,		F_CSRF | F_PATIENT,	f_message_new },
	{ "GET",  "/messages/view",	page_message_view,	ROLE_ALL,		F_PATIENT,		f_message_view },
	{ "POST", "/messages/report",	page_message_report,	ROLE_ALL,		F_CSRF,			f_message_report },
	{ "GET",  "/admin/messages",	page_message_reports,	ROLE_OPERATOR,		0,			f_messages },
	{ "POST", "/admin/messages/delete", page_message_delete, ROLE_OPERATOR,		F_CSRF,			f_message_delete },
	{ "GET",  "/federation",	page_federation,	ROLES_COUNCIL,		0,			f_federation },
	{ "POST", "/federation/new",	page_federation_new,	ROLE_OPERATOR,		F_CSRF,			f_federation_new },
	{ "GET",  "/federation/view",	page_federation_view,	ROLES_COUNCIL,		0,			f_federation_view },
	{ "POST", "/federation/edit",	page_federation_edit,	ROLE_OPERATOR,		F_CSRF,			f_federation_edit },
	{ "POST", "/federation/point/add", page_federation_point_add, ROLE_OPERATOR,	F_CSRF,			f_federation_point },
	{ "POST", "/federation/point/remove", page_federation_point_remove, ROLE_OPERATOR, F_CSRF,		f_federation_point },
	{ "GET",  "/facilities",	page_facilities,	ROLES_COUNCIL,		0,			f_federation },
	{ "POST", "/facilities/region",	page_facility_region,	ROLE_OPERATOR,		F_CSRF,			f_facility_region },
	/* docs/benchmarks.md: the FastCGI ceiling; a verified certificate and nothing else. */
	{ "GET",  "/healthz",		page_healthz,		ROLE_CERT,		F_BARE,			NULL },
};
const size_t nroutes = sizeof(routes) / sizeof(routes[0]);

static const struct route *
route_find(const char *path, const char *method, int *path_known)
{
	size_t	 i;

	*path_known = 0;
	for (i = 0; i < nroutes; i++) {
		if (strcmp(routes[i].path, path) != 0)
			continue;
		*path_known = 1;
		if (strcmp(routes[i].method, method) == 0)
			return &routes[i];
	}
	return NULL;
}

static void
allow_header(struct req *r, const char *path)
{
	struct buf	 b;

	buf_init(&b);
	for (size_t i = 0; i < nroutes; i++)
		if (strcmp(routes[i].path, path) == 0)
			buf_printf(&b, "%s%s", b.len ? ", " : "", routes[i].method);
	if (b.data != NULL)
		http_header(r, "Allow", b.data);
	buf_free(&b);
}

/* Parses the query string and the form body; 0, or -1 with a 400 page sent. */
static int
parse_params(struct req *r)
{
	char		 bad[KV_KEYMAX + 1];
	const char	*name;
	int		 rc;

	if (r->query != NULL && (rc = kv_parse_urlencoded(&r->q, r->query,
	    strlen(r->query), bad, sizeof(bad))) != REQ_OK)
		goto bad;
	if (strcmp(r->method, "POST") == 0 && r->body_len > 0) {
		int upload = (r->route->flags & F_UPLOAD) &&
		    r->content_type != NULL &&
		    str_prefix(r->content_type, "multipart/form-data");
		if (!upload && (r->content_type == NULL || !str_prefix(
		    r->content_type, "application/x-www-form-urlencoded"))) {
			http_error(r, 400, "ctype", NULL);
			return -1;
		}
		if (!upload && r->body_len > FORM_BODY_MAX) {
			http_error(r, 413, "toolarge", NULL);
			return -1;
		}
		if (upload)
			rc = mp_parse(r->content_type, r->body, r->body_len,
			    &r->form, &r->files, bad, sizeof(bad));
		else
			rc = kv_parse_urlencoded(&r->form, r->body, r->body_len,
			    bad, sizeof(bad));
		if (rc != REQ_OK)
			goto bad;
	}
	if ((rc = field_check(r->route->fields, &r->q, &name)) != REQ_OK ||
	    (rc = field_check(r->route->fields, &r->form, &name)) != REQ_OK) {
		str_copy(bad, name ? name : "", sizeof(bad));
		goto bad;
	}
	/* Only our own cookies count; a malformed one of them is refused. */
	if (kv_parse_cookies(&r->cookies, r->cookie_hdr, session_cookies) !=
	    REQ_OK) {
		http_error(r, 400, "cookie", NULL);
		return -1;
	}
	return 0;
bad:
	http_error(r, 400, req_err_key(rc), bad[0] ? bad : NULL);
	return -1;
}

/* The verified certificate as a person reads it: nginx escapes non-ASCII. */
static void
cert_view(const struct req *r)
{
	char	 s[1024];

	if (r->cert.s_dn != NULL && dn_unescape(r->cert.s_dn, s, sizeof(s)) == 0 &&
	    utf8_valid(s, strlen(s)))
		view_set("Cert.subject", s);
	else
		view_set("Cert.subject", r->cert.s_dn);
	if (r->cert.s_dn != NULL && dn_attr(r->cert.s_dn, "CN", s, sizeof(s)) == 0 &&
	    utf8_valid(s, strlen(s)))
		view_set("Cert.cn", s);
}

/*
 * The certificate nginx verified must be one the network's CA issued and
 * still valid in the database (row 0 of the request context): a
 * revocation bites on the next request, before nginx has reloaded its CRL.
 * Returns 0, or -1 with a page sent.
 */
static int
cert_check(struct req *r, const struct dbres *ctx)
{
	const char	*why = NULL;
	long long	 t = now();

	if (ctx->nrows == 0 || dbres_get(ctx, 0, REQ_CONTEXT_CERT_ID) == NULL)
		why = "cert_unknown";
	else if (!str_eq(dbres_get(ctx, 0, REQ_CONTEXT_CERT_STATUS), "active"))
		why = "cert_revoked";
	else if (t < dbres_ll(ctx, 0, REQ_CONTEXT_CERT_NOT_BEFORE) ||
	    t > dbres_ll(ctx, 0, REQ_CONTEXT_CERT_NOT_AFTER))
		why = "cert_expired";
	else
		r->cert_user_id = dbres_ll(ctx, 0, REQ_CONTEXT_CERT_USER_ID);
	if (why == NULL)
		return 0;
	audit(r, &(struct audit_entry){ .action = "cert.refused",
	    .object_type = "cert", .object_id = r->cert.serial,
	    .outcome = "denied", .detail = why });
	view_set("Cert.verify", why);
	view_set("Cert.why", lang(why));
	http_page(r, 403, "nocert.cs");
	return -1;
}

/*
 * A15: announces the next planned window on every page; while one runs,
 * answers 503 with its expected end to everyone but the operator (who
 * needs the login page and every other page to do the maintenance).
 * Returns 0, or -1 with the maintenance page sent.
 */
static int
maint_check(struct req *r, const struct dbres *ctx)
{
	struct maint	 m;
	char		 d[32], ra[24];

	maint_from(&m, ctx);
	if (!m.active && !m.upcoming)
		return 0;
	view_set("Maint.title", m.title);
	fmt_jst(d, sizeof(d), m.starts, "%Y年%m月%d日 %H:%M");
	view_set("Maint.starts", d);
	fmt_jst(d, sizeof(d), m.ends, "%Y年%m月%d日 %H:%M");
	view_set("Maint.ends", d);
	view_set(m.active ? "Maint.active" : "Maint.upcoming", "1");
	if (!m.active || (r->route->roles & ROLE_CERT) ||
	    (r->sess != NULL && (r->sess->roles & ROLE_OPERATOR)))
		return 0;
	long long left = m.ends > now() ? m.ends - now() : 600;
	snprintf(ra, sizeof(ra), "%lld", left < 60 ? 60 : left);
	http_header(r, "Retry-After", ra);
	view_set("Page.title", lang("maint.page_title"));
	http_page(r, 503, "maint_page.cs");
	return -1;
}

/*
 * Certificate status, session and maintenance from one statement (the
 * request context): every request pays one round trip for them, not
 * four. Returns 0, or -1 with a page sent.
 */
static int
request_checks(struct req *r)
{
	struct dbres	*ctx;
	char		 hash[PKI_SHA256_HEX];
	long long	 t = now();
	int		 rc = -1;

	session_token_hash(r, hash);
	if ((ctx = db_query(STMT_REQ_CONTEXT, "issiii", t, r->cert.serial, hash,
	    t, t, t)) == NULL) {
		http_error(r, 503, "db", NULL);
		return -1;
	}
	if (cert_check(r, ctx) == -1)
		goto out;
	if (session_load(r, ctx) == -1) {
		audit(r, &(struct audit_entry){ .action = "session.cert_mismatch",
		    .outcome = "denied" });
		http_error(r, 403, "session_cert", NULL);
		goto out;
	}
	session_view(r);
	if (maint_check(r, ctx) == -1)
		goto out;
	rc = 0;
out:
	dbres_free(ctx);
	return rc;
}

/* A page that needs a login: GET goes to the login page, anything else is refused. */
static void
need_login(struct req *r)
{
	if (str_eq(r->method, "GET"))
		http_redirect(r, "/login");
	else
		http_error(r, 403, "login", NULL);
}

/* Drops the response a handler built (its headers from hlen on). */
static void
response_drop(struct req *r, size_t hlen)
{
	r->status = 0;
	r->ctype = NULL;
	r->headers.len = hlen;
	if (r->headers.data != NULL)
		r->headers.data[hlen] = '\0';
	buf_reset(&r->body_out);
}

/*
 * Runs the route's handler. A handler that gave up (5xx) on a conflict
 * having committed nothing runs again from the start, at most
 * HANDLER_TRIES times: under Galera two nodes' writes to one row (a
 * receipt counter) conflict only at commit, where one node would have
 * waited for the lock. The response is built only after it returns, so
 * the failed attempt's page is simply dropped.
 *
 * One policy for a failed audit write: a route that shows patient data
 * (F_PATIENT) answers 503 instead of whatever its handler built, so that
 * nothing about a patient is shown unrecorded (A11.2). A write that must
 * not happen unaudited still rolls back on audit()'s result itself
 * (form_commit); a page need not check it to protect a view.
 */
static void
run_handler(struct req *r, const struct route *rt)
{
	size_t	 hlen = r->headers.len;

	for (int tries = 1;; tries++) {
		db_handler_begin();
		audit_begin();
		rt->handler(r);
		if (r->status < 500 || tries >= HANDLER_TRIES ||
		    !db_handler_retryable())
			break;
		syslog(LOG_INFO, "%s: %s %s: conflict, attempt %d", __func__,
		    r->method, rt->path, tries + 1);
		db_rollback();
		response_drop(r, hlen);
		usleep((useconds_t)(5000 * tries + arc4random_uniform(10000)));
	}
	if ((rt->flags & F_PATIENT) && audit_failed() && r->status < 500) {
		syslog(LOG_ERR, "%s: %s %s: an audit write failed: 503", __func__,
		    r->method, rt->path);
		db_rollback();
		response_drop(r, hlen);
		http_error(r, 503, "db", NULL);
	}
}

/*
 * Handles one request: certificate, route, method, parameters, database,
 * certificate status, session, role, CSRF, then the handler. Whatever fails
 * answers with a Japanese error page and runs no handler.
 */
void
app_handle(struct req *r)
{
	const struct route	*rt;
	int			 path_known;

	view_begin();
	view_set("Req.path", r->path);
	if (!str_eq(r->cert.verify, "SUCCESS")) {
		/* Fail closed: anything but nginx's SUCCESS is no certificate. */
		const char *v = r->cert.verify && *r->cert.verify ?
		    r->cert.verify : "NONE";
		if (db_request_begin() == DB_OK)
			audit(r, &(struct audit_entry){ .action = "cert.refused",
			    .object_type = "cert", .object_id = r->cert.serial,
			    .outcome = "denied", .detail = v });
		view_set("Cert.verify", v);
		/* nginx's own verdict on a certificate it knows, said plainly. */
		if (strstr(v, "revoked") != NULL)
			view_set("Cert.why", lang("cert_revoked"));
		else if (strstr(v, "expired") != NULL || strstr(v, "not yet valid"))
			view_set("Cert.why", lang("cert_expired"));
		http_page(r, 403, "nocert.cs");
		return;
	}
	cert_view(r);
	view_set("Cert.serial", r->cert.serial);
	if ((rt = route_find(r->path, r->method, &path_known)) == NULL) {
		if (path_known) {
			allow_header(r, r->path);
			http_error(r, 405, NULL, NULL);
		} else
			http_error(r, 404, NULL, NULL);
		return;
	}
	r->route = rt;
	if (rt->flags & F_BARE) {
		/* No parameters, no database, no session: says only "ok". */
		rt->handler(r);
		return;
	}
	if (parse_params(r) == -1)
		return;
	if (db_request_begin() != DB_OK) {
		http_error(r, 503, "db", NULL);
		return;
	}
	clock_from_db();
	if (request_checks(r) == -1)
		return;
	if (!(rt->roles & ROLE_CERT)) {
		if (r->sess == NULL) {
			need_login(r);
			return;
		}
		if (!(rt->roles & r->sess->roles)) {
			audit(r, &(struct audit_entry){ .action = "route.denied",
			    .object_type = "route", .object_id = rt->path,
			    .outcome = "denied" });
			http_error(r, 403, "role", NULL);
			return;
		}
		if (r->sess->locked && !(rt->flags & F_NOLOCK)) {
			http_redirect(r, "/unlock");
			return;
		}
		if (r->sess->must_change_pw && !(rt->flags & F_NOLOCK) &&
		    strcmp(rt->path, "/password") != 0) {
			http_redirect(r, "/password");
			return;
		}
		/*
		 * A16: notices published before this login come next (after
		 * a forced password change, which would otherwise loop).
		 */
		if (!r->sess->must_change_pw && !(rt->flags & (F_NOLOCK | F_NOTICE))) {
			int pending = session_notices_pending(r);
			if (pending < 0) {
				http_error(r, 503, "db", NULL);
				return;
			}
			if (pending > 0) {
				http_redirect(r, "/notices/pending");
				return;
			}
		}
	}
	if ((rt->flags & F_CSRF) && !csrf_ok(r)) {
		audit(r, &(struct audit_entry){ .action = "csrf.refused",
		    .object_type = "route", .object_id = rt->path,
		    .outcome = "denied" });
		http_error(r, 403, "csrf", NULL);
		return;
	}
	if (rt->flags & F_PATIENT)
		view_set("Page.patient", "1");
	run_handler(r, rt);
	if (db_broken() && r->status < 500) {
		/* The connection was lost mid-request: nothing was committed. */
		http_error(r, 503, "db", NULL);
		return;
	}
	session_touch(r);
}

/* Frees what the request's parsing allocated; the strings came from FastCGI. */
void
req_free(struct req *r)
{
	kv_free(&r->q);
	kv_free(&r->form);
	kv_free(&r->cookies);
	buf_free(&r->headers);
	buf_free(&r->body_out);
	free(r->sess);
	r->sess = NULL;
}
