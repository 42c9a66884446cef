/* audit.h: the audit log every feature writes to */
#ifndef AUDIT_H
#define AUDIT_H
#include <stddef.h>

struct req;

#define AUDIT_DETAIL_MAX	1000	/* audit.detail VARCHAR(1000) */

/* What an entry records besides who, where and when (taken from the request). */
struct audit_entry {
	const char	*action;	/* e.g. "login", "record.view" */
	const char	*object_type;	/* e.g. "user", "patient", "application" */
	const char	*object_id;
	long long	 patient_id;	/* 0 when none */
	const char	*purpose;	/* care, explanation, patient_care, emergency */
	const char	*outcome;	/* allowed, denied, failed */
	const char	*detail;	/* free text; never a password */
};

int	 audit(const struct req *, const struct audit_entry *);
int	 audit_patients(const struct req *, const struct audit_entry *,
	    const long long *, size_t);
int	 audit_search(const struct req *, const char *, const char *,
	    const long long *, size_t);
/*
 * The audit writes that failed since audit_begin(): the dispatcher's one
 * policy (server/routes.c) answers 503 on a route that shows patient data.
 */
void	 audit_begin(void);
int	 audit_failed(void);

/*
 * Every purpose an entry may record, NULL-terminated: the three a viewer
 * states (A8.1) and "emergency", which only an A14 grant records.
 */
extern const char *const audit_purposes[];
/* 1 when p is a purpose a viewer may state (A8.1). */
int	 purpose_ok(const char *);

#endif
