/* rulebook.c: the rules (運用規程) as versioned text, their acknowledgement (A11.1-A11.3, A8.2, A19) */
#include <stddef.h>

#include "base/config.h"
#include "db/db.h"
#include "rules/rulebook.h"

long long
rulebook_in_force(int *seq)
{
	struct dbres	*res;
	char		 day[11];
	long long	 id = 0;

	today(day);
	if ((res = db_query(STMT_RULES_IN_FORCE, "s", day)) == NULL)
		return -1;
	if (res->nrows > 0) {
		id = dbres_ll(res, 0, RULES_IN_FORCE_ID);
		if (seq != NULL)
			*seq = (int)dbres_ll(res, 0, RULES_IN_FORCE_SEQ);
	}
	dbres_free(res);
	return id;
}
