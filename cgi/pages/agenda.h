/* agenda.h: the council's agenda on the meeting pages (pages/council.c uses these; A19) */
#ifndef PAGES_AGENDA_H
#define PAGES_AGENDA_H

struct req;

/* The fields POST /meetings/new takes beside the first version's: the meeting as printed. */
#define MEETING_PAPER_FIELDS \
	{ "number", FT_INT, 6 }, { "time_from", FT_TEXT, 5 },		\
	{ "time_to", FT_TEXT, 5 }, { "place", FT_TEXT, 200 },		\
	{ "chair", FT_TEXT, 100 }, { "absentees", FT_LINES, 2000 },	\
	{ "signatories", FT_LINES, 500 }

/* Field errors of those fields (Form.err_*); 1 when one failed, -1 (db). */
int	 agenda_meeting_check(struct req *);
/* Stores them on meeting id (its number: the one typed or the next), in the caller's transaction; 0 or -1. */
int	 agenda_meeting_store(struct req *, long long);
/* A meeting's paper: Paper.* and, besides the applications, its items and reports; 0 or -1. */
int	 agenda_meeting_paper(long long, int planned);
/* Held: the president's sole decisions on items count as reported to it; 0 or -1. */
int	 agenda_meeting_held(long long);

/* Council.* of agreement id: its agenda item and what was decided (A18). */
void	 agenda_agreement_view(long long);

#endif
