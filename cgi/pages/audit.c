/* audit.c: the operator's export of the audit log as FHIR AuditEvent (A11.2) */
#include <stdio.h>
#include <string.h>

#include "audit/fhir.h"
#include "base/util.h"
#include "db/db.h"
#include "pages/pages.h"
#include "web/app.h"
#include "web/audit.h"

#define EXPORT_MAX	20000	/* entries in one download (about 25 MB); more: a shorter range */

const struct field f_audit_export[] = {
	{ "from", FT_DATE, 10 },
	{ "to", FT_DATE, 10 },
	{ NULL, 0, 0 }
};

/*
 * GET /admin/audit/export?from=YYYY-MM-DD&to=YYYY-MM-DD (days in Japan,
 * both included): a FHIR R4 Bundle of AuditEvent as a download, for a
 * regional or national audit repository. The export is itself audited,
 * in the same transaction.
 */
void
page_audit_export(struct req *r)
{
	const char	*from = param(r, "from"), *to = param(r, "to");
	char		 lo[FX_RANGE_MAX], hi[FX_RANGE_MAX], detail[96], cd[96];
	long long	 n;
	int		 rc;

	if (from == NULL || to == NULL || auditfhir_range(from, to, lo, hi) == -1) {
		http_error(r, 400, "audit_dates", from == NULL ? "from" : "to");
		return;
	}
	buf_reset(&r->body_out);
	if (db_begin() != DB_OK) {
		http_error(r, 503, "db", NULL);
		return;
	}
	rc = auditfhir_export(lo, hi, EXPORT_MAX, &r->body_out, NULL, &n);
	if (rc == -2) {
		db_rollback();
		buf_reset(&r->body_out);
		http_error(r, 400, "audit_range", NULL);
		return;
	}
	str_fmt(detail, sizeof(detail), "%s..%s: %lld entries", from, to, n);
	if (rc != 0 || audit(r, &(struct audit_entry){ .action = "audit.export",
	    .object_type = "audit", .detail = detail }) != 0 ||
	    db_commit() != DB_OK) {
		db_rollback();
		buf_reset(&r->body_out);
		http_error(r, 503, "db", NULL);
		return;
	}
	str_fmt(cd, sizeof(cd), "attachment; filename=\"audit-%s-%s.json\"",
	    from, to);
	r->status = 200;
	r->ctype = "application/fhir+json";
	http_header(r, "Content-Disposition", cd);
}
