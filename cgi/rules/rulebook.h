/* rulebook.h: the rules (運用規程) as versioned text, their acknowledgement (A11.1-A11.3, A8.2, A19) */
#ifndef RULEBOOK_H
#define RULEBOOK_H

#include <stddef.h>

/* A text of a version (the rules, the handling document) is at most this long. */
#define RULEBOOK_TEXT_MAX	(512 * 1024)

/*
 * The version in force today (Japan): its id (0 when none is loaded) and,
 * if seq is not NULL, its number (第N版). -1 on a database error.
 */
long long	 rulebook_in_force(int *seq);

/*
 * A11.1: 1 when a version is in force that user has not acknowledged
 * (no patient data until then), 0 when none is or it is acknowledged,
 * -1 on a database error.
 */
int		 rulebook_ack_needed(long long user);

/*
 * Checks one text of a version, len bytes (not NUL-terminated: an
 * upload): not blank, strict UTF-8, no control characters but tab, CR and
 * LF, at most RULEBOOK_TEXT_MAX bytes. NULL when fine, else the reason:
 * "empty", "utf8", "control" or "large".
 */
const char	*rulebook_text_check(const char *s, size_t len);

/* A new version: what rulebook_create() stores. */
struct rulebook_new {
	const char	*title;
	const char	*body;
	size_t		 body_len;
	const char	*handling;	/* NULL: the newest version's stays */
	size_t		 handling_len;
	const char	*effective_on;	/* YYYY-MM-DD */
	const char	*source;	/* loaded, amendment */
	long long	 agenda_item;	/* an amendment's agenda item, or 0 */
	long long	 created_by;	/* 0: the admin tool */
	const char	*idem;		/* 64 hex: one version per form */
};

enum rulebook_err {
	RULEBOOK_OK = 0,
	RULEBOOK_E_DB = -1,
	RULEBOOK_E_DATE = -2,		/* before the newest version's day */
	RULEBOOK_E_HANDLING = -3,	/* none given and none to keep */
	RULEBOOK_E_DUP = -4		/* this idem was stored before */
};

/*
 * Stores version v as the next number (第N版), in the caller's transaction;
 * its id into *id. The texts must have passed rulebook_text_check().
 * Returns RULEBOOK_OK or an enum rulebook_err.
 */
int		 rulebook_create(const struct rulebook_new *v, long long *id);

/*
 * An amendment's supplementary provision (附則) for effective day
 * YYYY-MM-DD, the Japanese era and full-width digits as the rules write
 * it: "附　則\n（施行期日）\n１．この規程は、令和８年４月１日から施行する。\n".
 * Returns 0, or -1 when day is not a date from 1989-01-08 on or out is
 * too small.
 */
int		 rulebook_supplementary(const char *day, char *out, size_t outlen);

/* Day YYYY-MM-DD as the rules write dates (令和８年４月１日); 0 or -1. */
int		 rulebook_date_wareki(const char *day, char *out, size_t outlen);

#endif
