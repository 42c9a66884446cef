/* emergency.c: emergency access follow-ups that come due (A14); the pages are pages/emergency.c */
#include <stddef.h>

#include "base/config.h"
#include "db/db.h"
#include "rules/emergency.h"

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
		    dbres_ll(res, i, 0)) == 1)
			n++;
	dbres_free(res);
	return n;
}
