/* fhir.c: audit entries as FHIR R4 AuditEvent resources (IHE ATNA / DICOM codes) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit/fhir.h"
#include "base/config.h"
#include "base/util.h"
#include "db/db.h"

_Static_assert((int)AUDIT_EXPORT_PAGE__NCOLS == (int)FX__MAX,
    "STMT_AUDIT_EXPORT_PAGE returns an entry's cells in enum fx_field's order");

#define DCM	"http://dicom.nema.org/resources/ontology/DCM"
#define ACTREASON "http://terminology.hl7.org/CodeSystem/v3-ActReason"
#define ENTTYPE	"http://terminology.hl7.org/CodeSystem/audit-entity-type"
#define OBJROLE	"http://terminology.hl7.org/CodeSystem/object-role"
#define SECROLE	"http://terminology.hl7.org/CodeSystem/extra-security-role-type"
#define SRCTYPE	"http://terminology.hl7.org/CodeSystem/security-source-type"
#define ROLECLASS "http://terminology.hl7.org/CodeSystem/v3-RoleClass"
#define EXPORT_PAGE 1000

/*
 * How each action is coded: the event type (DICOM, as IHE ATNA uses) and,
 * where one fits, a DICOM subtype. A name ending in "." matches every
 * action under it; otherwise the action itself or anything under it.
 * The first match wins; then any *.search is a Query and any *.export an
 * Export; else Patient Record when a patient is named, else Application
 * Activity. Every event also carries the network's own
 * action name as a second subtype, so nothing is lost.
 */
static const struct amap {
	const char	*action;
	const char	*code, *display;
	const char	*sub, *subdisplay;
} amap[] = {
	{ "emergency.start",	"110113", "Security Alert", "110127", "Emergency Override Started" },
	{ "emergency.begin",	"110113", "Security Alert", "110127", "Emergency Override Started" },
	{ "emergency.grant",	"110113", "Security Alert", "110127", "Emergency Override Started" },
	{ "emergency.request",	"110113", "Security Alert", "110127", "Emergency Override Started" },
	{ "emergency.end",	"110113", "Security Alert", "110138", "Emergency Override Stopped" },
	{ "emergency.stop",	"110113", "Security Alert", "110138", "Emergency Override Stopped" },
	{ "emergency.expire",	"110113", "Security Alert", "110138", "Emergency Override Stopped" },
	{ "emergency.revoke",	"110113", "Security Alert", "110138", "Emergency Override Stopped" },
	{ "login",		"110114", "User Authentication", "110122", "Login" },
	{ "unlock",		"110114", "User Authentication", "110122", "Login" },
	{ "logout",		"110114", "User Authentication", "110123", "Logout" },
	{ "cert.refused",	"110114", "User Authentication", NULL, NULL },
	{ "session.",		"110114", "User Authentication", NULL, NULL },
	{ "csrf.refused",	"110113", "Security Alert", NULL, NULL },
	{ "route.denied",	"110113", "Security Alert", "110132", "Use of Restricted Function" },
	{ "operator.",		"110113", "Security Alert", "110136", "Security Roles Changed" },
	{ "cert.",		"110113", "Security Alert", "110137", "User Security Attributes Changed" },
	{ "password.",		"110113", "Security Alert", "110137", "User Security Attributes Changed" },
	{ "user.",		"110113", "Security Alert", "110137", "User Security Attributes Changed" },
	{ "audit.export",	"110106", "Export", NULL, NULL },
	{ "audit.",		"110101", "Audit Log Used", NULL, NULL },
};

static const struct amap *
amap_find(const char *action, int patient)
{
	static const struct amap record = { NULL, "110110", "Patient Record",
	    NULL, NULL };
	static const struct amap other = { NULL, "110100",
	    "Application Activity", NULL, NULL };
	static const struct amap query = { NULL, "110112", "Query", NULL,
	    NULL };
	static const struct amap export = { NULL, "110106", "Export", NULL,
	    NULL };
	const char	*dot = strrchr(action, '.');
	size_t		 n;

	for (size_t i = 0; i < sizeof(amap) / sizeof(amap[0]); i++) {
		n = strlen(amap[i].action);
		if (strncmp(action, amap[i].action, n) != 0)
			continue;
		if (amap[i].action[n - 1] == '.' || action[n] == '\0' ||
		    action[n] == '.')
			return &amap[i];
	}
	/* Any feature's search or export (records.search, consent.export). */
	if (str_eq(dot, ".search"))
		return &query;
	if (str_eq(dot, ".export"))
		return &export;
	return patient ? &record : &other;
}

/* The AuditEvent.action code (C R U D E) from the action's last word. */
static const char *
verb_code(const char *action)
{
	static const struct { const char *verb, *code; } v[] = {
		{ "view", "R" }, { "read", "R" }, { "list", "R" },
		{ "search", "R" }, { "download", "R" }, { "export", "R" },
		{ "print", "R" }, { "add", "C" }, { "new", "C" },
		{ "issue", "C" }, { "register", "C" }, { "submit", "C" },
		{ "create", "C" }, { "request", "C" }, { "edit", "U" },
		{ "update", "U" }, { "set", "U" }, { "change", "U" },
		{ "decide", "U" }, { "appoint", "U" }, { "contract", "U" },
		{ "delete", "D" }, { "remove", "D" }, { "revoke", "D" },
		{ "revoke_id", "D" }, { "disable", "D" }, { "withdrawn", "D" },
	};
	const char	*w = strrchr(action, '.');

	w = w ? w + 1 : action;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (str_eq(w, v[i].verb))
			return v[i].code;
	return "E";
}

/* A JSON string: quotes, backslash and control characters escaped. */
static void
js(struct buf *b, const char *s)
{
	buf_puts(b, "\"");
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			buf_printf(b, "\\%c", c);
		else if (c == '\n')
			buf_puts(b, "\\n");
		else if (c < 0x20 || c == 0x7f)
			buf_printf(b, "\\u%04x", c);
		else
			buf_add(b, s, 1);
	}
	buf_puts(b, "\"");
}

/* ,"key":"value" (nothing when value is NULL); first omits the comma. */
static void
jkv(struct buf *b, const char *key, const char *value, int first)
{
	if (value == NULL)
		return;
	buf_printf(b, "%s\"%s\":", first ? "" : ",", key);
	js(b, value);
}

/* {"system":...,"code":...,"display":...} */
static void
coding(struct buf *b, const char *system, const char *code,
    const char *display)
{
	buf_puts(b, "{");
	jkv(b, "system", system, 1);
	jkv(b, "code", code, 0);
	jkv(b, "display", display, 0);
	buf_puts(b, "}");
}

/*
 * {"identifier":{"system":base/fhir/sid/kind,"value":value}}, with
 * "display" when display is not NULL.
 */
static void
ident(struct buf *b, const char *base, const char *kind, const char *value,
    const char *display)
{
	char	 sys[512];

	str_fmt(sys, sizeof(sys), "%s/fhir/sid/%s", base, kind);
	buf_puts(b, "{\"identifier\":{");
	jkv(b, "system", sys, 1);
	jkv(b, "value", value, 0);
	buf_puts(b, "}");
	jkv(b, "display", display, 0);
	buf_puts(b, "}");
}

static void
agents(struct buf *b, const char *const f[FX__MAX], const char *base)
{
	char	 sys[512];

	buf_puts(b, ",\"agent\":[{\"type\":{\"coding\":[");
	if (f[FX_LOGIN] != NULL || f[FX_CLIENT_ADDR] != NULL)
		coding(b, SECROLE, "humanuser", "human user");
	else
		coding(b, DCM, "110150", "Application");
	buf_puts(b, "]}");
	if (f[FX_ROLE] != NULL) {
		str_fmt(sys, sizeof(sys), "%s/fhir/CodeSystem/role", base);
		buf_puts(b, ",\"role\":[{\"coding\":[");
		coding(b, sys, f[FX_ROLE], NULL);
		buf_puts(b, "]}]");
	}
	buf_puts(b, ",\"who\":");
	if (f[FX_LOGIN] != NULL)
		ident(b, base, "login", f[FX_LOGIN], f[FX_LOGIN]);
	else
		buf_printf(b, "{\"display\":\"%s\"}", f[FX_CLIENT_ADDR] ?
		    "unauthenticated client" : "mogamictl (admin tool)");
	jkv(b, "altId", f[FX_CERT_SERIAL], 0);
	buf_puts(b, ",\"requestor\":true");
	if (f[FX_CLIENT_ADDR] != NULL) {
		buf_puts(b, ",\"network\":{");
		jkv(b, "address", f[FX_CLIENT_ADDR], 1);
		buf_puts(b, ",\"type\":\"2\"}");
	}
	buf_puts(b, "}");
	if (f[FX_FACILITY_ID] != NULL) {
		buf_puts(b, ",{\"type\":{\"coding\":[");
		coding(b, ROLECLASS, "PROV", "healthcare provider");
		buf_puts(b, "]},\"who\":");
		ident(b, base, "facility", f[FX_FACILITY_ID], NULL);
		buf_puts(b, ",\"requestor\":false}");
	}
	buf_puts(b, "]");
}

/*
 * The entities: the patient as an opaque network id (never a name, and
 * then no free-text detail either), and the object acted on.
 */
static void
entities(struct buf *b, const char *const f[FX__MAX], const char *base)
{
	const char	*pid = f[FX_PATIENT_ID], *ot = f[FX_OBJECT_TYPE];
	const char	*oid = f[FX_OBJECT_ID], *role = "4", *rdisp;
	int		 n = 0;

	if (pid == NULL && str_eq(ot, "patient"))
		pid = oid;
	buf_puts(b, ",\"entity\":[");
	if (pid != NULL) {
		buf_puts(b, "{\"what\":");
		ident(b, base, "patient", pid, NULL);
		buf_puts(b, ",\"type\":");
		coding(b, ENTTYPE, "1", "Person");
		buf_puts(b, ",\"role\":");
		coding(b, OBJROLE, "1", "Patient");
		buf_puts(b, "}");
		n++;
	}
	if (ot != NULL && oid != NULL && !str_eq(ot, "patient")) {
		if (str_eq(ot, "user"))
			role = "11";
		else if (str_eq(ot, "cert"))
			role = "13";
		rdisp = str_eq(role, "11") ? "Security User Entity" :
		    str_eq(role, "13") ? "Security Resource" : "Domain Resource";
		buf_printf(b, "%s{\"what\":", n++ ? "," : "");
		ident(b, base, ot, oid, NULL);
		buf_puts(b, ",\"type\":");
		coding(b, ENTTYPE, "2", "System Object");
		buf_puts(b, ",\"role\":");
		coding(b, OBJROLE, role, rdisp);
		if (pid == NULL)
			jkv(b, "description", f[FX_DETAIL], 0);
		buf_puts(b, "}");
	} else if (pid == NULL && f[FX_DETAIL] != NULL) {
		buf_printf(b, "%s{\"type\":", n++ ? "," : "");
		coding(b, ENTTYPE, "2", "System Object");
		jkv(b, "description", f[FX_DETAIL], 0);
		buf_puts(b, "}");
	}
	if (n == 0) {	/* nothing to name: drop the empty list */
		b->len -= strlen(",\"entity\":[");
		b->data[b->len] = '\0';
		return;
	}
	buf_puts(b, "]");
}

/*
 * Appends one entry (cells in enum fx_field order, NULL for SQL NULL) as
 * an AuditEvent. base is the network's URL (identifier systems live under
 * it), site its name. 0, or -1 when out of memory.
 */
int
auditfhir_event(struct buf *b, const char *const f[FX__MAX], const char *base,
    const char *site)
{
	const struct amap	*t;
	const char		*action = f[FX_ACTION] ? f[FX_ACTION] : "";
	const char		*oc = f[FX_OUTCOME] ? f[FX_OUTCOME] : "";
	const char		*p = f[FX_PURPOSE];
	char			 sys[512];

	t = amap_find(action, f[FX_PATIENT_ID] != NULL);
	buf_puts(b, "{\"resourceType\":\"AuditEvent\"");
	jkv(b, "id", f[FX_ID], 0);
	buf_puts(b, ",\"type\":");
	coding(b, DCM, t->code, t->display);
	str_fmt(sys, sizeof(sys), "%s/fhir/CodeSystem/audit-action", base);
	buf_puts(b, ",\"subtype\":[");
	if (t->sub != NULL) {
		coding(b, DCM, t->sub, t->subdisplay);
		buf_puts(b, ",");
	}
	coding(b, sys, action, NULL);
	buf_puts(b, "]");
	jkv(b, "action", verb_code(action), 0);
	jkv(b, "recorded", f[FX_TS], 0);
	jkv(b, "outcome", str_eq(oc, "allowed") ? "0" : str_eq(oc, "failed") ?
	    "8" : "4", 0);
	if (!str_eq(oc, "allowed"))
		jkv(b, "outcomeDesc", oc, 0);
	if (p != NULL) {
		buf_puts(b, ",\"purposeOfEvent\":[{");
		if (str_eq(p, "emergency")) {
			buf_puts(b, "\"coding\":[");
			coding(b, ACTREASON, "ETREAT", "Emergency Treatment");
			buf_puts(b, "],");
		} else if (str_eq(p, "care") || str_eq(p, "patient_care")) {
			buf_puts(b, "\"coding\":[");
			coding(b, ACTREASON, "TREAT", "treatment");
			buf_puts(b, "],");
		}
		jkv(b, "text", p, 1);
		buf_puts(b, "}]");
	}
	agents(b, f, base);
	buf_puts(b, ",\"source\":{");
	jkv(b, "site", site, 1);
	buf_puts(b, ",\"observer\":{");
	jkv(b, "display", site, 1);
	buf_puts(b, "},\"type\":[");
	coding(b, SRCTYPE, "4", "Application Server");
	buf_puts(b, "]}");
	entities(b, f, base);
	buf_puts(b, "}");
	return b->oom ? -1 : 0;
}

/* Parses YYYY-MM-DD (a real date) into the UTC time of its 00:00 in Japan. */
static int
jst_midnight(const char *d, time_t *t)
{
	struct tm	 tm;
	char		 back[11];
	const char	*e;

	memset(&tm, 0, sizeof(tm));
	if (d == NULL || strlen(d) != 10 ||
	    (e = strptime(d, "%Y-%m-%d", &tm)) == NULL || *e != '\0')
		return -1;
	*t = timegm(&tm);
	gmtime_r(t, &tm);
	strftime(back, sizeof(back), "%Y-%m-%d", &tm);
	if (strcmp(back, d) != 0)	/* 2026-02-30 and the like */
		return -1;
	*t -= 9 * 3600;
	return 0;
}

/*
 * The days from and to (YYYY-MM-DD in Japan time, both included) as the
 * UTC bounds [lo, hi) of the audit's ts. 0, or -1 when a date is invalid
 * or from is after to.
 */
int
auditfhir_range(const char *from, const char *to, char lo[FX_RANGE_MAX],
    char hi[FX_RANGE_MAX])
{
	time_t		 a, z;
	struct tm	 tm;

	if (jst_midnight(from, &a) == -1 || jst_midnight(to, &z) == -1 || a > z)
		return -1;
	z += 86400;
	strftime(lo, FX_RANGE_MAX, "%Y-%m-%d %H:%M:%S", gmtime_r(&a, &tm));
	strftime(hi, FX_RANGE_MAX, "%Y-%m-%d %H:%M:%S", gmtime_r(&z, &tm));
	return 0;
}

/*
 * A Bundle (type collection) of the entries with lo <= ts < hi, in id
 * order, into b; with f, b is written to f and emptied after every page
 * (the admin tool streams). At most max entries (0: no limit). *n counts
 * them. Returns 0, -1 on a database error, -2 when there are more than
 * max.
 */
int
auditfhir_export(const char *lo, const char *hi, long long max, struct buf *b,
    FILE *f, long long *n)
{
	struct dbres	*res;
	const char	*cells[FX__MAX];
	const char	*base = cfg.origin[0] ? cfg.origin : "urn:mogami";
	char		 stamp[32];
	long long	 after = 0;
	time_t		 t = time(NULL);
	struct tm	 tm;

	*n = 0;
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
	buf_printf(b, "{\"resourceType\":\"Bundle\",\"type\":\"collection\","
	    "\"timestamp\":\"%s\",\"entry\":[", stamp);
	for (;;) {
		res = db_query(STMT_AUDIT_EXPORT_PAGE, "ssii", lo, hi, after,
		    (long long)EXPORT_PAGE);
		if (res == NULL)
			return -1;
		for (size_t i = 0; i < res->nrows; i++) {
			if (max > 0 && *n >= max) {
				dbres_free(res);
				return -2;
			}
			for (size_t c = 0; c < FX__MAX; c++)
				cells[c] = dbres_get(res, i, c);
			buf_puts(b, *n > 0 ? ",{\"resource\":" : "{\"resource\":");
			auditfhir_event(b, cells, base, cfg.net_name);
			buf_puts(b, "}");
			after = dbres_ll(res, i, AUDIT_EXPORT_PAGE_ID);
			(*n)++;
		}
		size_t got = res->nrows;
		dbres_free(res);
		if (f != NULL) {
			if (fwrite(b->data, 1, b->len, f) != b->len)
				return -1;
			buf_reset(b);
		}
		if (got < EXPORT_PAGE)
			break;
	}
	buf_puts(b, "]}\n");
	if (f != NULL && fwrite(b->data, 1, b->len, f) != b->len)
		return -1;
	return b->oom ? -1 : 0;
}
