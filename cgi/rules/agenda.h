/* agenda.h: the council's agenda items and what their decisions do (A19, A18, A4.2) */
#ifndef AGENDA_H
#define AGENDA_H

struct dbres;

/*
 * Files an item for the council in the caller's transaction: kind
 * "matter", "amendment", "federation" (agreement, A18) or "misuse"
 * (report, A4.2); the others pass 0 for agreement and report. Its id into
 * *id. 0 or -1 (db).
 */
int	 agenda_file(const char *kind, const char *title, const char *explanation,
	    long long agreement, long long report, long long by, long long *id);

enum agenda_err {
	AGENDA_OK = 0,
	AGENDA_E_DB = -1,
	AGENDA_E_DATE = -2	/* an amendment's day is before the newest version's */
};

/*
 * What a decision on item (a row of STMT_AGENDA_ITEM_GET) does, in the
 * caller's transaction: an approved amendment becomes the next rules
 * version, with its supplementary provision (附則) for its day (its id into
 * *version); a federation agreement or a misuse report gets the decision
 * recorded on it. decision is "approved" or "rejected". Returns an enum
 * agenda_err.
 */
int	 agenda_carry_out(const struct dbres *item, const char *decision,
	    long long by, long long *version);

#endif
