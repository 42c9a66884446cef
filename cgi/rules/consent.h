/* consent.h: the one decision whether a facility may see a patient's records (A12, A14) */
#ifndef CONSENT_H
#define CONSENT_H
#include <stddef.h>
#include <time.h>

#define CONSENT_ALL	(-1LL)	/* a consent that names every member facility */

/* One form 4: which disclosing facilities' records, to which viewers. */
struct consent {
	time_t			 signed_at;	/* effective from (its registration) */
	int			 rejected;	/* the operator found it void */
	const long long		*disclosing;	/* facility ids, or CONSENT_ALL */
	size_t			 ndisclosing;
	const long long		*viewing;
	size_t			 nviewing;
	long			 signed_day;	/* the date signed on the paper, in days */
	int			 after_revocation; /* signed after a form 5 of that day */
	int			 pending;	/* not yet checked by the operator */
	long long		 id;
};

/* One form 5: effective from its receipt, covering what was signed by then. */
struct revocation {
	time_t			 received_at;
	long			 signed_day;	/* the date signed on the paper, in days */
};

/* Everything the decision depends on, gathered by the caller. */
struct consent_facts {
	const struct consent	*consents;
	size_t			 nconsents;
	const struct revocation	*revocations;	/* form 5 (A12.2) */
	size_t			 nrevocations;
	time_t			 deceased_at;	/* A12.3 cancellation; 0: none */
	time_t			 emergency_until; /* A14 grant to this viewer; 0: none */
	int			 disclosing_active;
	int			 viewing_active;
	int			 needs_check;	/* a form 4 counts once checked */
};

enum consent_verdict {
	CONSENT_ALLOW = 0,		/* a valid form 4 covers the pair */
	CONSENT_ALLOW_OWN,		/* the facility's own records */
	CONSENT_ALLOW_EMERGENCY,	/* A14, within its time limit */
	CONSENT_DENY_NONE,		/* no form 4 covers the pair */
	CONSENT_DENY_REVOKED,		/* revoked by form 5 */
	CONSENT_DENY_DECEASED,		/* registration cancelled on death */
	CONSENT_DENY_FACILITY		/* a facility is not an active member */
};

enum consent_verdict	 consent_decide(const struct consent_facts *, long long,
			    long long, time_t);
int			 consent_allowed(enum consent_verdict);
int			 consent_counts(const struct consent_facts *,
			    const struct consent *, time_t);
int			 consent_revoked(const struct consent_facts *,
			    const struct consent *, time_t);
long			 consent_last_revocation(const struct consent_facts *);
int			 consent_names_facility(const struct consent_facts *,
			    long long, int, int, time_t);
const char		*consent_verdict_name(enum consent_verdict);

#endif
