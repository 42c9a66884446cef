/*
 * emergency.c: an emergency access's follow-up (A14) is closed only by a
 * form 4 that lets the granting user's facility view the patient's records;
 * the grant keeps that consent's id, so voiding the consent reopens it
 * (STMT_EMERGENCY_REOPEN, run by the operator's check). Overdue follow-ups
 * escalate to the operator (the scheduler). The pages are pages/emergency.c.
 */
#include <stddef.h>

#include "base/config.h"
#include "db/db.h"
#include "rules/access.h"
#include "rules/emergency.h"

/*
 * Closes the open follow-ups of patient whose granting facility consent
 * cid lets see the records now (access_consent_lets), as user; inside the
 * caller's transaction, which has already written the consent. Returns
 * how many were closed, or -1 on a database error.
 */
int
emergency_followups_consented(long long patient, long long cid, long long user)
{
	struct dbres	*open;
	int		 n = 0;

	if ((open = db_query(STMT_EMERGENCY_OPEN_OF, "i", patient)) == NULL)
		return -1;
	for (size_t i = 0; i < open->nrows && n >= 0; i++) {
		struct access a;
		long long fac = dbres_ll(open, i, EMERGENCY_OPEN_OF_FACILITY_ID);
		/* The facts with the granting facility's own state (no grant). */
		if (access_load(&a, patient, 0, fac) != 0)
			n = -1;
		else if (access_consent_lets(&a, cid, fac)) {
			if (db_exec(STMT_EMERGENCY_CONSENTED, "iii", user, cid,
			    dbres_ll(open, i, EMERGENCY_OPEN_OF_ID)) < 0)
				n = -1;
			else
				n++;
		}
		access_free(&a);
	}
	dbres_free(open);
	return n;
}

/*
 * Follow-ups past their due date escalate to the operator (a notification
 * each, once). Run by the scheduler; returns how many, or -1.
 */
int
emergency_escalate(void)
{
	struct dbres	*res;
	int		 n = 0;

	if ((res = db_query(STMT_EMERGENCY_OVERDUE, "i", (long long)now())) == NULL)
		return -1;
	for (size_t i = 0; i < res->nrows; i++)
		if (db_exec(STMT_NOTIFY_INSERT, "sissi", "operator", 0LL,
		    "emergency.overdue", "emergency_access",
		    dbres_ll(res, i, EMERGENCY_OVERDUE_ID)) == 1)
			n++;
	dbres_free(res);
	return n;
}
