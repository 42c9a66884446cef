/* consent.c: the one decision whether a facility may see a patient's records (A12, A14) */
#include "rules/consent.h"

static int
names(const long long *ids, size_t n, long long id)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == CONSENT_ALL || ids[i] == id)
			return 1;
	return 0;
}

/* 1 when a form 5 received after signed and not after at revoked it. */
static int
revoked_since(const struct consent_facts *f, time_t signed_at, time_t at)
{
	for (size_t i = 0; i < f->nrevocations; i++)
		if (f->revocations[i] >= signed_at && f->revocations[i] <= at)
			return 1;
	return 0;
}

/*
 * May the viewing facility see the disclosing facility's records of this
 * patient at time at? In order: a cancelled registration (death) closes
 * everything (A12.3); both facilities must be active members; a facility
 * sees its own records; a form 4 signed by then, not found void, naming
 * both facilities and not revoked by a later form 5 allows (A12.1, A12.2);
 * otherwise only a running emergency grant (A14) does.
 */
enum consent_verdict
consent_decide(const struct consent_facts *f, long long disclosing,
    long long viewing, time_t at)
{
	int	 revoked = 0;

	if (f->deceased_at != 0 && f->deceased_at <= at)
		return CONSENT_DENY_DECEASED;
	if (!f->disclosing_active || !f->viewing_active)
		return CONSENT_DENY_FACILITY;
	if (disclosing == viewing)
		return CONSENT_ALLOW_OWN;
	for (size_t i = 0; i < f->nconsents; i++) {
		const struct consent *c = &f->consents[i];
		if (c->rejected || c->signed_at > at ||
		    !names(c->disclosing, c->ndisclosing, disclosing) ||
		    !names(c->viewing, c->nviewing, viewing))
			continue;
		if (revoked_since(f, c->signed_at, at)) {
			revoked = 1;
			continue;
		}
		return CONSENT_ALLOW;
	}
	if (f->emergency_until != 0 && at <= f->emergency_until)
		return CONSENT_ALLOW_EMERGENCY;
	return revoked ? CONSENT_DENY_REVOKED : CONSENT_DENY_NONE;
}

int
consent_allowed(enum consent_verdict v)
{
	return v == CONSENT_ALLOW || v == CONSENT_ALLOW_OWN ||
	    v == CONSENT_ALLOW_EMERGENCY;
}

/* For the audit log's detail and for tests. */
const char *
consent_verdict_name(enum consent_verdict v)
{
	switch (v) {
	case CONSENT_ALLOW:		return "consent";
	case CONSENT_ALLOW_OWN:		return "own";
	case CONSENT_ALLOW_EMERGENCY:	return "emergency";
	case CONSENT_DENY_NONE:		return "no_consent";
	case CONSENT_DENY_REVOKED:	return "revoked";
	case CONSENT_DENY_DECEASED:	return "deceased";
	case CONSENT_DENY_FACILITY:	return "facility_inactive";
	}
	return "unknown";
}
