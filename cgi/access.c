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
	free(a->links);
	free(a->fac);
	memset(a, 0, sizeof(*a));
}

/* Rows of kind k in res (the tagged rows of STMT_ACCESS_FACTS). */
static size_t
kind_count(const struct dbres *res, char k)
{
	size_t	 n = 0;

	for (size_t i = 0; i < res->nrows; i++)
		n += dbres_get(res, i, 0)[0] == k;
	return n;
}

/*
 * The consents and their facility lists (in any order), CONSENT_ALL standing
 * for "every member" on a side.
 */
static int
fill_consents(struct access *a, const struct dbres *res)
{
	size_t	 nc = kind_count(res, 'c'), nd = kind_count(res, 'd'), k = 0;

	a->consents = calloc(nc + 1, sizeof(*a->consents));
	a->facs = calloc(nd + 2 * nc + 1, sizeof(*a->facs));
	if (a->consents == NULL || a->facs == NULL)
		return -1;
	for (size_t i = 0, c = 0; i < res->nrows; i++) {
		if (dbres_get(res, i, 0)[0] != 'c')
			continue;
		struct consent *x = &a->consents[c++];
		long long id = dbres_ll(res, i, 1), bits = dbres_ll(res, i, 3);
		x->signed_at = (time_t)dbres_ll(res, i, 2);
		x->rejected = (bits & 1) != 0;
		for (int side = 0; side < 2; side++) {
			long long *start = &a->facs[k];
			size_t n = 0;
			if (bits & (2 << side))
				a->facs[k++] = CONSENT_ALL, n++;
			for (size_t j = 0; j < res->nrows; j++)
				if (dbres_get(res, j, 0)[0] == 'd' &&
				    dbres_ll(res, j, 1) == id &&
				    dbres_ll(res, j, 2) == side)
					a->facs[k++] = dbres_ll(res, j, 3), n++;
			if (side == 0)
				x->disclosing = start, x->ndisclosing = n;
			else
				x->viewing = start, x->nviewing = n;
		}
	}
	a->f.consents = a->consents;
	a->f.nconsents = nc;
	return 0;
}

static int
has_id(const long long *v, size_t n, long long id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == id)
			return 1;
	return 0;
}

/* The revocations, links, members and the A14 grant. */
static int
fill_lists(struct access *a, const struct dbres *res)
{
	size_t	 nr = 0;

	a->revocations = calloc(kind_count(res, 'r') + 1, sizeof(time_t));
	a->linked = calloc(kind_count(res, 'l') + 1, sizeof(long long));
	a->links = calloc(kind_count(res, 'l') + 1, sizeof(*a->links));
	a->fac = calloc(kind_count(res, 'm') + 1, sizeof(*a->fac));
	if (a->revocations == NULL || a->linked == NULL || a->links == NULL ||
	    a->fac == NULL)
		return -1;
	for (size_t i = 0; i < res->nrows; i++) {
		struct fac_state *m;
		struct link_state *l;
		switch (dbres_get(res, i, 0)[0]) {
		case 'r':
			a->revocations[nr++] = (time_t)dbres_ll(res, i, 1);
			break;
		case 'l':
			l = &a->links[a->nlinks++];
			l->facility = dbres_ll(res, i, 1);
			l->id = dbres_ll(res, i, 2);
			/* Two local IDs at one facility: the facility once. */
			if (!has_id(a->linked, a->nlinked, l->facility))
				a->linked[a->nlinked++] = l->facility;
			break;
		case 'm':
			m = &a->fac[a->nfac++];
			m->id = dbres_ll(res, i, 1);
			m->active = dbres_ll(res, i, 2) != 0;
			m->disclosing = (dbres_ll(res, i, 3) & 1) != 0;
			m->viewing = (dbres_ll(res, i, 3) & 2) != 0;
			break;
		case 'e':
			a->f.emergency_until = (time_t)dbres_ll(res, i, 1);
			break;
		}
	}
	a->f.revocations = a->revocations;
	a->f.nrevocations = nr;
	return 0;
}

/*
 * Loads the facts about patient id, with user's running A14 grant (user 0:
 * nobody's grant counts), in one statement. Returns 0, 1 when there is no
 * such patient, or -1 on a database error; the caller calls access_free.
 */
int
access_load(struct access *a, long long id, long long user)
{
	struct dbres	*res;
	size_t		 p = 0;
	int		 rc = -1;

	memset(a, 0, sizeof(*a));
	a->patient_id = id;
	if ((res = db_query(STMT_ACCESS_FACTS, "iiiiiiiiii", id, id, id, id, id,
	    id, id, id, id, user)) == NULL)
		return -1;
	while (p < res->nrows && dbres_get(res, p, 0)[0] != 'p')
		p++;
	if (p == res->nrows) {
		rc = 1;
		goto out;
	}
	a->merged = dbres_ll(res, p, 1) == 2;
	if (dbres_ll(res, p, 1) == 1)
		a->f.deceased_at = (time_t)dbres_ll(res, p, 2);
	if (fill_consents(a, res) == 0 && fill_lists(a, res) == 0)
		rc = 0;
out:
	dbres_free(res);
	return rc;
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

	if (access_load(&a, patient, user) != 0) {
		access_free(&a);
		return CONSENT_DENY_NONE;
	}
	v = access_patient(&a, viewer);
	access_free(&a);
	return v;
}
