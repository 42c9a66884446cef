/* audit.c: writes who, facility, what, why, outcome, when and where to the audit log */
#include <stdio.h>
#include <string.h>
#include <syslog.h>

#include "base/json.h"
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

/*
 * Appends one entry like e for each of the n patients ids, its object_id
 * and patient_id the patient's id: in one statement, so that a search
 * listing 20 patients costs one round trip, and each listed patient's own
 * entries (audit_patient) tell of it. 0, or a DB_* error (-1 on memory).
 */
int
audit_patients(const struct req *r, const struct audit_entry *e,
    const long long *ids, size_t n)
{
	const struct session	*s = r ? r->sess : NULL;
	char			 uid[24], fid[24];
	struct buf		 json;
	int			 rc;

	if (n == 0)
		return 0;
	buf_init(&json);
	if (json_ids(&json, ids, n) == -1) {
		buf_free(&json);
		return -1;
	}
	snprintf(uid, sizeof(uid), "%lld", s ? s->user_id : 0LL);
	snprintf(fid, sizeof(fid), "%lld", s ? s->facility_id : 0LL);
	rc = db_exec(STMT_AUDIT_INSERT_PATIENTS, "ssssssssssss",
	    s ? uid : NULL, s ? s->login : NULL, s ? fid : NULL,
	    s ? s->role_name : NULL, e->action, e->object_type, e->purpose,
	    e->outcome ? e->outcome : "allowed", r ? r->remote_addr : NULL,
	    r ? r->cert.serial : NULL, e->detail, json.data);
	buf_free(&json);
	if (rc < 0) {
		failed++;
		syslog(LOG_ERR, "%s: %s not recorded (%d)", __func__, e->action,
		    rc);
	}
	return rc < 0 ? rc : 0;
}

/*
 * Audits a search and whom it listed, together (A11.2): the search's own
 * entry (action) says "miss" (the search throttle and the misuse rule
 * count those) or "listed ID,ID,..." (cut with "..." past the column's
 * size), and each of the n listed patients gets an entry of their own
 * (listed), which their access report shows. One transaction: 0, or -1
 * with nothing written.
 */
int
audit_search(const struct req *r, const char *action, const char *listed,
    const long long *ids, size_t n)
{
	char	 detail[AUDIT_DETAIL_MAX + 1];
	size_t	 len;

	str_copy(detail, n == 0 ? "miss" : "listed ", sizeof(detail));
	for (size_t i = 0; i < n; i++) {
		len = strlen(detail);
		if (len + 24 + 4 >= sizeof(detail)) {
			str_copy(detail + len, "...", sizeof(detail) - len);
			break;
		}
		snprintf(detail + len, sizeof(detail) - len, "%s%lld",
		    i ? "," : "", ids[i]);
	}
	if (db_begin() != DB_OK)
		return -1;
	if (audit(r, &(struct audit_entry){ .action = action,
	    .object_type = "patient", .detail = detail }) != 0 ||
	    audit_patients(r, &(struct audit_entry){ .action = listed,
	    .object_type = "patient" }, ids, n) != 0 || db_commit() != DB_OK) {
		db_rollback();
		return -1;
	}
	return 0;
}
