/* council.c: ending a user's use of the network, by a decision or on the withdrawal date (A10.5, A13) */
#include <stddef.h>

#include "base/config.h"
#include "db/db.h"
#include "rules/certs.h"
#include "rules/council.h"
#include "web/audit.h"
#include "web/session.h"

int
council_user_end(long long uid, const char *status, const char *why)
{
	if (db_exec(STMT_USER_SET_STATUS, "si", status, uid) < 0 ||
	    session_end_user(uid, why) < 0)
		return -1;
	return 0;
}

int
council_facility_left(long long fac, long long form3)
{
	struct dbres	*c;
	long long	 left;

	if ((c = db_query(STMT_USERS_ACTIVE_COUNT, "i", fac)) == NULL)
		return -1;
	left = dbres_ll(c, 0, USERS_ACTIVE_COUNT_N);
	dbres_free(c);
	if (left != 0)
		return 0;
	if (db_exec(STMT_FACILITY_SET_STATUS, "si", "cancelling", fac) < 0)
		return -1;
	/* Its print says the contract ended; the other form 3s do not (A10.5). */
	if (form3 > 0 && db_exec(STMT_APP_ENDS_FACILITY, "i", form3) < 0)
		return -1;
	return 0;
}

/* The approved form 3 that set the user's withdrawal date: its id, 0 if none, -1. */
static long long
form3_of(long long uid)
{
	struct dbres	*c;
	long long	 id;

	if ((c = db_query(STMT_FORM3_OF_USER, "i", uid)) == NULL)
		return -1;
	id = c->nrows > 0 ? dbres_ll(c, 0, FORM3_OF_USER_ID) : 0;
	dbres_free(c);
	return id;
}

void
revoke_certs(const struct req *r, long long uid, const char *reason)
{
	struct dbres	*c;
	char		 err[256];

	if ((c = db_query(STMT_CERT_ACTIVE_BY_USER, "i", uid)) == NULL)
		return;
	for (size_t i = 0; i < c->nrows; i++)
		certs_revoke(r, dbres_get(c, i, CERT_ACTIVE_BY_USER_SERIAL), reason, err, sizeof(err));
	dbres_free(c);
}

/*
 * Ends every user whose withdrawal date (A10.5) has come: login refused,
 * sessions ended, certificates revoked; a facility left without users has
 * its contract cancellation raised. Returns the number ended, or -1.
 */
int
council_expire_due(void)
{
	struct dbres	*due, *u;
	char		 day[11];
	int		 n = 0;

	today(day);
	if ((due = db_query(STMT_USERS_DUE, "s", day)) == NULL)
		return -1;
	for (size_t i = 0; i < due->nrows; i++) {
		long long uid = dbres_ll(due, i, USERS_DUE_ID);
		if ((u = db_query(STMT_USER_GET, "i", uid)) == NULL)
			continue;
		long long fac = dbres_ll(u, 0, USER_GET_FACILITY_ID);
		dbres_free(u);
		long long form3 = 0;
		if (db_begin() != DB_OK || (form3 = form3_of(uid)) == -1 ||
		    council_user_end(uid, "withdrawn", "withdrawn") == -1 ||
		    council_facility_left(fac, form3) == -1 ||
		    audit(NULL, &(struct audit_entry){ .action = "user.withdrawn",
		    .object_type = "user", .object_id = dbres_get(due, i, USERS_DUE_LOGIN) }) != 0 ||
		    db_commit() != DB_OK) {
			db_rollback();
			continue;
		}
		revoke_certs(NULL, uid, "affiliation_changed");
		n++;
	}
	dbres_free(due);
	return n;
}
