/*
 * access.c: gathers what consent_decide() needs about a patient from
 * MariaDB. Times are in microseconds: a form 5 and a new form 4 may fall
 * in the same second. Every page that shows a patient's records asks here, on every
 * request: a form 5 bites on the next request (A12.2).
 */
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "config.h"
#include "db.h"
#include "util.h"

void
access_free(struct access *a)
{
	free(a->consents);
	free(a->facs);
	free(a->revocations);
	free(a->linked);
	free(a->fac);
	memset(a, 0, sizeof(*a));
}

/* The consents and their facility lists (CONSENT_ALL for "every member"). */
static int
load_consents(struct access *a)
{
	struct dbres	*c, *cf;
	size_t		 i, j, k = 0;
	int		 rc = -1;

	c = db_query(STMT_ACCESS_CONSENTS, "ii", a->patient_id, a->patient_id);
	cf = db_query(STMT_ACCESS_CONSENT_FACS, "ii", a->patient_id, a->patient_id);
	if (c == NULL || cf == NULL)
		goto out;
	/* Each consent's ids: its rows in cf plus one CONSENT_ALL per "all" side. */
	a->consents = calloc(c->nrows + 1, sizeof(*a->consents));
	a->facs = calloc(cf->nrows + 2 * c->nrows + 1, sizeof(*a->facs));
	if (a->consents == NULL || a->facs == NULL)
		goto out;
	for (i = 0; i < c->nrows; i++) {
		struct consent *x = &a->consents[i];
		long long id = dbres_ll(c, i, 0);
		x->signed_at = (time_t)dbres_ll(c, i, 1);
		x->rejected = dbres_ll(c, i, 2) != 0;
		for (int side = 0; side < 2; side++) {
			const char *name = side == 0 ? "disclosing" : "viewing";
			long long *start = &a->facs[k];
			size_t n = 0;
			if (dbres_ll(c, i, 3 + side))
				a->facs[k++] = CONSENT_ALL, n++;
			for (j = 0; j < cf->nrows; j++)
				if (dbres_ll(cf, j, 0) == id &&
				    str_eq(dbres_get(cf, j, 1), name))
					a->facs[k++] = dbres_ll(cf, j, 2), n++;
			if (side == 0)
				x->disclosing = start, x->ndisclosing = n;
			else
				x->viewing = start, x->nviewing = n;
		}
	}
	a->f.consents = a->consents;
	a->f.nconsents = c->nrows;
	rc = 0;
out:
	dbres_free(c);
	dbres_free(cf);
	return rc;
}

static int
load_list(enum stmt st, int twice, long long id, long long **out, size_t *n)
{
	struct dbres	*res;

	res = twice ? db_query(st, "ii", id, id) : db_query(st, "i", id);
	if (res == NULL)
		return -1;
	if ((*out = calloc(res->nrows + 1, sizeof(**out))) == NULL) {
		dbres_free(res);
		return -1;
	}
	for (size_t i = 0; i < res->nrows; i++)
		(*out)[i] = dbres_ll(res, i, 0);
	*n = res->nrows;
	dbres_free(res);
	return 0;
}

static int
load_facilities(struct access *a)
{
	struct dbres	*res;

	if ((res = db_query(STMT_ACCESS_FACILITIES, "")) == NULL)
		return -1;
	if ((a->fac = calloc(res->nrows + 1, sizeof(*a->fac))) == NULL) {
		dbres_free(res);
		return -1;
	}
	for (size_t i = 0; i < res->nrows; i++) {
		a->fac[i].id = dbres_ll(res, i, 0);
		a->fac[i].active = dbres_ll(res, i, 1) != 0;
		a->fac[i].disclosing = dbres_ll(res, i, 2) != 0;
		a->fac[i].viewing = dbres_ll(res, i, 3) != 0;
	}
	a->nfac = res->nrows;
	dbres_free(res);
	return 0;
}

/*
 * Loads the facts about patient id. Returns 0, 1 when there is no such
 * patient, or -1 on a database error; the caller calls access_free.
 */
int
access_load(struct access *a, long long id)
{
	struct dbres	*p;
	long long	*revs = NULL;
	size_t		 nrevs = 0;

	memset(a, 0, sizeof(*a));
	a->patient_id = id;
	if ((p = db_query(STMT_ACCESS_PATIENT, "i", id)) == NULL)
		return -1;
	if (p->nrows == 0) {
		dbres_free(p);
		return 1;
	}
	a->merged = str_eq(dbres_get(p, 0, 0), "merged");
	if (str_eq(dbres_get(p, 0, 0), "cancelled"))
		a->f.deceased_at = (time_t)dbres_ll(p, 0, 1);
	dbres_free(p);
	if (load_consents(a) == -1 ||
	    load_list(STMT_ACCESS_REVOCATIONS, 1, id, &revs, &nrevs) == -1 ||
	    load_list(STMT_ACCESS_LINKED, 0, id, &a->linked, &a->nlinked) == -1 ||
	    load_facilities(a) == -1) {
		free(revs);
		return -1;
	}
	/* time_t and long long differ in width on some platforms: copy. */
	if ((a->revocations = calloc(nrevs + 1, sizeof(time_t))) == NULL) {
		free(revs);
		return -1;
	}
	for (size_t i = 0; i < nrevs; i++)
		a->revocations[i] = (time_t)revs[i];
	free(revs);
	a->f.revocations = a->revocations;
	a->f.nrevocations = nrevs;
	a->f.emergency_until = 0;	/* access_emergency() adds a user's grant */
	return 0;
}

/* Adds user's running A14 grant for the loaded patient, if any; 0 or -1. */
int
access_emergency(struct access *a, long long user)
{
	struct dbres	*res;

	if ((res = db_query(STMT_EMERGENCY_ACTIVE, "ii", a->patient_id, user)) == NULL)
		return -1;
	a->f.emergency_until = (time_t)dbres_ll(res, 0, 0);
	dbres_free(res);
	return 0;
}

static const struct fac_state *
fac(const struct access *a, long long id)
{
	for (size_t i = 0; i < a->nfac; i++)
		if (a->fac[i].id == id)
			return &a->fac[i];
	return NULL;
}

/* May viewer see disclosing's records of the loaded patient now? */
enum consent_verdict
access_decide(struct access *a, long long disclosing, long long viewer)
{
	const struct fac_state	*d = fac(a, disclosing), *v = fac(a, viewer);

	if (a->merged)
		return CONSENT_DENY_NONE;	/* ask the survivor instead */
	a->f.disclosing_active = d != NULL && d->active && d->disclosing;
	/* A facility sees its own records even when it views nobody else's. */
	a->f.viewing_active = v != NULL && v->active &&
	    (v->viewing || disclosing == viewer);
	return consent_decide(&a->f, disclosing, viewer, (time_t)now_us());
}

/*
 * May viewer see anything of the patient now: the best verdict over every
 * facility holding its records. A denial names the strongest reason.
 */
enum consent_verdict
access_patient(struct access *a, long long viewer)
{
	enum consent_verdict	 best = CONSENT_DENY_NONE, v;

	if (a->f.deceased_at != 0 && a->f.deceased_at <= (time_t)now_us())
		return CONSENT_DENY_DECEASED;
	for (size_t i = 0; i < a->nlinked; i++) {
		v = access_decide(a, a->linked[i], viewer);
		if (consent_allowed(v))
			return v;
		if (v == CONSENT_DENY_REVOKED || best == CONSENT_DENY_NONE)
			best = v;
	}
	if (a->nlinked > 0)
		return best;
	/*
	 * No facility has sent records yet: the viewer still sees the patient
	 * (and an empty record) when a consent would let it see any
	 * disclosing member's records, so consent can be confirmed at once.
	 */
	for (size_t i = 0; i < a->nfac; i++) {
		if (!a->fac[i].disclosing)
			continue;
		v = access_decide(a, a->fac[i].id, viewer);
		if (v == CONSENT_ALLOW || v == CONSENT_ALLOW_EMERGENCY)
			return v;
		if (v == CONSENT_DENY_REVOKED || best == CONSENT_DENY_NONE)
			best = v;
	}
	return best;
}

/*
 * One question, one answer: may user (0: nobody's A14 grant counts) of
 * facility viewer see patient now?
 */
enum consent_verdict
access_check(long long patient, long long viewer, long long user)
{
	struct access		 a;
	enum consent_verdict	 v;

	if (access_load(&a, patient) != 0 ||
	    (user != 0 && access_emergency(&a, user) != 0)) {
		access_free(&a);
		return CONSENT_DENY_NONE;
	}
	v = access_patient(&a, viewer);
	access_free(&a);
	return v;
}
