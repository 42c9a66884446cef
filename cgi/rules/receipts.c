/* receipts.c: the one counter of receipt numbers, per kind and year in Japan (A4.3, A12.2) */
#include <stddef.h>

#include "base/config.h"
#include "base/util.h"
#include "db/db.h"
#include "rules/receipts.h"

/*
 * The next receipt number of kind ('R' revocation, 'C' complaint) for this
 * year in Japan time, as K-YYYY-NNNNNN, inside the caller's transaction: the
 * counter row stays locked until it commits, so numbers are never shared.
 */
int
receipt_next(char kind, char *out, size_t len)
{
	struct dbres	*res;
	char		 k[2] = { kind, '\0' }, d[11];
	long long	 year;

	today(d);
	year = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 +
	    (d[3] - '0');
	if (db_exec(STMT_RECEIPT_BUMP, "si", k, year) < 1)
		return -1;
	if ((res = db_query(STMT_RECEIPT_LAST, "si", k, year)) == NULL ||
	    res->nrows == 0 || dbres_ll(res, 0, RECEIPT_LAST_LAST) <= 0) {
		dbres_free(res);
		return -1;
	}
	int rc = str_fmt(out, len, "%c-%lld-%06lld", kind, year,
	    dbres_ll(res, 0, RECEIPT_LAST_LAST));
	dbres_free(res);
	return rc;
}
