/* audit.c: writes who, facility, what, why, outcome, when and where to the audit log */
#include <stdio.h>
#include <syslog.h>

#include "base/util.h"
#include "db/db.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/session.h"

static int	 failed;	/* writes that failed since audit_begin() */

void
audit_begin(void)
{
	failed = 0;
}

int
audit_failed(void)
{
	return failed;
}

/*
 * Appends one entry; the time is the database's UTC clock. Who and where
 * come from the request (session, client address, certificate serial); r
 * may be NULL for the admin tool. Returns 0, or a DB_* error: a caller that
 * must not act unaudited rolls back on error.
 */
int
audit(const struct req *r, const struct audit_entry *e)
{
	const struct session	*s = r ? r->sess : NULL;
	char			 uid[24], fid[24], pid[24];
	int			 rc;

	snprintf(uid, sizeof(uid), "%lld", s ? s->user_id : 0LL);
	snprintf(fid, sizeof(fid), "%lld", s ? s->facility_id : 0LL);
	snprintf(pid, sizeof(pid), "%lld", e->patient_id);
	rc = db_exec(STMT_AUDIT_INSERT, "sssssssssssss",
	    s ? uid : NULL, s ? s->login : NULL, s ? fid : NULL,
	    s ? s->role_name : NULL, e->action, e->object_type, e->object_id,
	    e->patient_id ? pid : NULL, e->purpose, e->outcome ? e->outcome : "allowed",
	    r ? r->remote_addr : NULL, r ? r->cert.serial : NULL, e->detail);
	if (rc < 0) {
		failed++;
		syslog(LOG_ERR, "%s: %s not recorded (%d)", __func__, e->action,
		    rc);
	}
	return rc < 0 ? rc : 0;
}

const char *const audit_purposes[] = { "care", "explanation", "patient_care",
    "emergency", NULL };

int
purpose_ok(const char *p)
{
	return str_one_of(p, audit_purposes) && !str_eq(p, "emergency");
}
