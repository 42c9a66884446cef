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

/*
 * 1 when a form 5 received by at revokes consent c (A12.2): one signed
 * after c, or on the same day unless c states that it was signed after
 * that revocation. When the paper reached the network does not matter:
 * an old form 4 registered late does not undo a revocation.
 */
int
consent_revoked(const struct consent_facts *f, const struct consent *c,
    time_t at)
{
	for (size_t i = 0; i < f->nrevocations; i++) {
		const struct revocation *v = &f->revocations[i];
		if (v->received_at > at)
			continue;
		if (v->signed_day > c->signed_day ||
		    (v->signed_day == c->signed_day && !c->after_revocation))
			return 1;
	}
	return 0;
}

/*
 * 1 when consent c is in force at at, whatever it names: registered by
 * then, not found void, checked when the network requires it, and not
 * revoked.
 */
int
consent_counts(const struct consent_facts *f, const struct consent *c,
    time_t at)
{
	return !c->rejected && c->signed_at <= at &&
	    !(f->needs_check && c->pending) && !consent_revoked(f, c, at);
}

/* The signing day of the patient's latest form 5, or 0 when none. */
long
consent_last_revocation(const struct consent_facts *f)
{
	long	 last = 0;

	for (size_t i = 0; i < f->nrevocations; i++)
		if (f->revocations[i].signed_day > last)
			last = f->revocations[i].signed_day;
	return last;
}

/* 1 when ids name facility id itself, or every member when it is one. */
static int
names_member(const long long *ids, size_t n, long long id, int member)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id || (ids[i] == CONSENT_ALL && member))
			return 1;
	return 0;
}

/*
 * Does a form 4 in force at at name facility fac on either side (A12.1:
 * who may see the patient's identity)? Explicitly, or through "every disclosing (viewing) facility" only
 * when fac is a member on that side (disclosing, viewing): a clinic that
 * only views is not named by "every disclosing facility". Such a facility
 * may see who the patient is beyond what registering a form 4 needs (the
 * address, the phone, other facilities' forms). A registration cancelled
 * on death names nobody any more (A12.3).
 */
int
consent_names_facility(const struct consent_facts *f, long long fac,
    int disclosing, int viewing, time_t at)
{
	if (f->deceased_at != 0 && f->deceased_at <= at)
		return 0;
	for (size_t i = 0; i < f->nconsents; i++) {
		const struct consent *c = &f->consents[i];
		if (!consent_counts(f, c, at))
			continue;
		if (names_member(c->disclosing, c->ndisclosing, fac, disclosing) ||
		    names_member(c->viewing, c->nviewing, fac, viewing))
			return 1;
	}
	return 0;
}

/*
 * May the viewing facility see the disclosing facility's records of this
 * patient at time at? In order: a cancelled registration (death) closes
 * everything (A12.3); both facilities must be active members; a facility
 * sees its own records; a form 4 registered by then, not found void,
 * checked when the network requires it, naming both facilities and not
 * revoked by a form 5 (consent_revoked) allows (A12.1, A12.2, A12.4);
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
		    (f->needs_check && c->pending) ||
		    !names(c->disclosing, c->ndisclosing, disclosing) ||
		    !names(c->viewing, c->nviewing, viewing))
			continue;
		if (consent_revoked(f, c, at)) {
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
