/*
 * links.c: the history of hand-made patient links (A12). A link of a
 * local ID to an existing network patient is requested by a facility and
 * counts only once the operator approves it; the operator may reject the
 * request or end an approved link. Every step is a patient_link_event row.
 */
#include "base/util.h"
#include "db/db.h"
#include "rules/links.h"

/*
 * Records step kind (requested, approved, rejected, ended) of link about
 * patient by user, with note (NULL: none); a request also lands in the
 * operator's notifications. Inside the caller's transaction; 0 or -1.
 */
int
link_event(long long link, const char *kind, long long patient,
    const char *note, long long user)
{
	if (db_exec(STMT_LINK_EVENT_INSERT, "isisi", link, kind, patient,
	    note != NULL ? note : "", user) != 1)
		return -1;
	/* One notification a request (a link may be asked for again). */
	if (str_eq(kind, "requested") && db_exec(STMT_NOTIFY_INSERT, "sissi",
	    "operator", 0LL, "link.request", "patient_link_event",
	    (long long)db_last_id()) < 0)
		return -1;
	return 0;
}
