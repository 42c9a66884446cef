/*
 * access.c: gathers what consent_decide() needs about a patient from
 * MariaDB. Times are in microseconds: a form 5 and a new form 4 may fall
 * in the same second. Every page that shows a patient's records asks here, on every
 * request: a form 5 bites on the next request (A12.2). The facts are read
 * as the writers keep them (patient_facts, emergency_facts, region_facts:
 * db/migrations/0031_facts.sql, issue 23), a few rows by their keys; the
 * statements that gather them from the source tables remain for
 * `mogamictl facts verify` (access_load_many).
 */
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/json.h"
#include "base/util.h"
#include "db/db.h"
#include "rules/access.h"

void
access_free(struct access *a)
{
	free(a->consents);
	free(a->facs);
	free(a->revocations);
	free(a->linked);
	free(a->links);
	free(a->fac);
	dbres_free(a->row);
	memset(a, 0, sizeof(*a));
}

/* One fact: kind, patient (0: every one), a, b, c (sql_access.h says what each kind holds). */
struct fact {
	char		 k;
	long long	 pid, a, b, c;
};

/*
 * Appends the rows of res to the facts f[*n] (realloc'd: the caller frees);
 * NULL on memory, with f freed.
 */
static struct fact *
facts_parse(const struct dbres *res, struct fact *f, size_t *n)
{
	struct fact	*g;

	if ((g = realloc(f, (*n + res->nrows + 1) * sizeof(*g))) == NULL) {
		free(f);
		return NULL;
	}
	for (size_t i = 0; i < res->nrows; i++, (*n)++) {
		g[*n].k = dbres_get(res, i, ACCESS_SOURCE_K)[0];
		g[*n].pid = dbres_ll(res, i, ACCESS_SOURCE_PID);
		g[*n].a = dbres_ll(res, i, ACCESS_SOURCE_A);
		g[*n].b = dbres_ll(res, i, ACCESS_SOURCE_B);
		g[*n].c = dbres_ll(res, i, ACCESS_SOURCE_C);
	}
	return g;
}

#define P_MERGES	4	/* 'p' row: duplicates were merged into it */

/* Facts of kind k about patient pid (members: pid 0). */
static size_t
kind_count(const struct fact *f, size_t n, char k, long long pid)
{
	size_t	 c = 0;

	for (size_t i = 0; i < n; i++)
		c += f[i].k == k && f[i].pid == pid;
	return c;
}

/*
 * The facts about the patients of the JSON array json from the source
 * tables, as the pages read them before the facts were kept (issue 23):
 * one statement, a merged duplicate's consents and revocations when a 'p'
 * row has the merged bit, and every member's state, with user's A14 grant
 * (0: nobody's). For facts verify. Returns the facts (*n; the caller frees) or
 * NULL on a database or memory error.
 */
static struct fact *
source_query(const char *json, long long user, size_t *n)
{
	struct dbres	*res;
	struct fact	*f = NULL;
	int		 merges = 0;

	*n = 0;
	res = db_query(STMT_ACCESS_SOURCE_MANY, "isssssi", user, json, json,
	    json, json, json, 0LL);
	if (res == NULL || (f = facts_parse(res, NULL, n)) == NULL) {
		dbres_free(res);
		return NULL;
	}
	dbres_free(res);
	for (size_t i = 0; i < *n; i++)
		merges |= f[i].k == 'p' && (f[i].a & P_MERGES) != 0;
	if (merges) {
		res = db_query(STMT_ACCESS_SOURCE_MERGED_MANY, "sss", json, json,
		    json);
		if (res == NULL || (f = facts_parse(res, f, n)) == NULL) {
			if (res == NULL)
				free(f);
			dbres_free(res);
			return NULL;
		}
		dbres_free(res);
	}
	if ((res = db_query(STMT_ACCESS_SOURCE_MEMBERS, "")) == NULL) {
		free(f);
		return NULL;
	}
	f = facts_parse(res, f, n);
	dbres_free(res);
	return f;
}

/* Reads one number of a kept line at *p and moves past it; -1 when none. */
static int
kept_number(const char **p, long long *v)
{
	char	*end;

	while (**p == ' ')
		(*p)++;
	/* strtoll would skip a newline: a number is on its own line only */
	if (**p != '-' && (**p < '0' || **p > '9'))
		return -1;
	*v = strtoll(*p, &end, 10);
	if (end == *p)
		return -1;
	*p = end;
	return 0;
}

/*
 * Appends the facts of a kept text to f[*n] (realloc'd: the caller frees):
 * patient pid's lines "k a b c" (patient_facts), with the user's grant
 * end on its 'p' line, or, for pid 0, the members' lines "id active flags"
 * (region_facts) as 'm' facts. NULL on memory or a malformed line (then
 * nothing is decided on it: every verdict is a denial), with f freed.
 */
static struct fact *
kept_parse(const char *txt, long long pid, long long grant, struct fact *f,
    size_t *n)
{
	const char	*p;
	struct fact	*g;
	size_t		 lines = 1;

	if (txt == NULL)
		txt = "";
	for (p = txt; *p != '\0'; p++)
		lines += *p == '\n';
	if ((g = realloc(f, (*n + lines + 1) * sizeof(*g))) == NULL) {
		free(f);
		return NULL;
	}
	for (p = txt; *p != '\0'; (*n)++) {
		struct fact *x = &g[*n];
		x->pid = pid;
		x->k = pid == 0 ? 'm' : *p++;
		if (kept_number(&p, &x->a) == -1 ||
		    kept_number(&p, &x->b) == -1 || kept_number(&p, &x->c) == -1 ||
		    (*p != '\n' && *p != '\0')) {
			free(g);
			return NULL;
		}
		if (x->k == 'p')
			x->c = grant;
		if (*p == '\n')
			p++;
	}
	return g;
}

/*
 * The state of each link's facility on its 'l' fact (active | disclosing
 * << 1 | viewing << 2), from the members' 'm' facts: a facility that is no
 * member any more is inactive.
 */
static void
kept_states(struct fact *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (f[i].k != 'l')
			continue;
		f[i].c = 0;
		for (size_t j = 0; j < n; j++)
			if (f[j].k == 'm' && f[j].a == f[i].a) {
				f[i].c = (f[j].b != 0) | f[j].c << 1;
				break;
			}
	}
}

/*
 * The kept facts of patient id (json NULL) or of the patients of the JSON
 * array json, with user's A14 grant and every member's state: one
 * statement of rows read by their keys. Returns the facts (*n; the caller
 * frees) or NULL on a database or memory error.
 */
static struct fact *
facts_query(long long id, const char *json, long long user, size_t *n)
{
	struct dbres	*res;
	struct fact	*f = NULL;
	size_t		 i;

	*n = 0;
	res = json == NULL ? db_query(STMT_FACTS_KEPT, "ii", user, id) :
	    db_query(STMT_FACTS_KEPT_MANY, "si", json, user);
	if (res == NULL)
		return NULL;
	if ((f = malloc(sizeof(*f))) == NULL)
		goto fail;
	for (i = 0; i < res->nrows && f != NULL; i++) {
		long long pid = dbres_ll(res, i, FACTS_KEPT_PID);
		f = kept_parse(dbres_get(res, i, FACTS_KEPT_FACTS), pid,
		    dbres_ll(res, i, FACTS_KEPT_GRANT), f, n);
		if (json == NULL && f != NULL)
			f = kept_parse(dbres_get(res, i, FACTS_KEPT_REGION), 0,
			    0, f, n);
	}
	if (f == NULL)
		goto fail;
	dbres_free(res);
	kept_states(f, *n);
	return f;
fail:
	dbres_free(res);
	return NULL;
}

/*
 * The consents and their facility lists (in any order), CONSENT_ALL standing
 * for "every member" on a side.
 */
static int
fill_consents(struct access *a, const struct fact *f, size_t n)
{
	long long	 pid = a->patient_id;
	size_t		 nc = kind_count(f, n, 'c', pid), k = 0;

	a->consents = calloc(nc + 1, sizeof(*a->consents));
	a->facs = calloc(kind_count(f, n, 'd', pid) + 2 * nc + 1,
	    sizeof(*a->facs));
	if (a->consents == NULL || a->facs == NULL)
		return -1;
	for (size_t i = 0, c = 0; i < n; i++) {
		if (f[i].k != 'c' || f[i].pid != pid)
			continue;
		struct consent *x = &a->consents[c++];
		x->id = f[i].a;
		x->signed_at = (time_t)f[i].b;
		x->rejected = (f[i].c & 1) != 0;
		x->pending = (f[i].c & 8) != 0;
		x->after_revocation = (f[i].c & 16) != 0;
		x->signed_day = (long)(f[i].c >> 8);
		for (int side = 0; side < 2; side++) {
			long long *start = &a->facs[k];
			size_t m = 0;
			if (f[i].c & (2 << side))
				a->facs[k++] = CONSENT_ALL, m++;
			for (size_t j = 0; j < n; j++)
				if (f[j].k == 'd' && f[j].pid == pid &&
				    f[j].a == f[i].a && f[j].b == side)
					a->facs[k++] = f[j].c, m++;
			if (side == 0)
				x->disclosing = start, x->ndisclosing = m;
			else
				x->viewing = start, x->nviewing = m;
		}
	}
	a->f.consents = a->consents;
	a->f.nconsents = nc;
	a->f.needs_check = cfg.consent_needs_check != 0;
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

/* The revocations, links and members. */
static int
fill_lists(struct access *a, const struct fact *f, size_t n)
{
	long long	 pid = a->patient_id;
	size_t		 nr = 0;

	a->revocations = calloc(kind_count(f, n, 'r', pid) + 1,
	    sizeof(*a->revocations));
	a->linked = calloc(kind_count(f, n, 'l', pid) + 1, sizeof(long long));
	a->links = calloc(kind_count(f, n, 'l', pid) + 1, sizeof(*a->links));
	a->fac = calloc(kind_count(f, n, 'm', 0) + kind_count(f, n, 'l', pid) + 1,
	    sizeof(*a->fac));
	if (a->revocations == NULL || a->linked == NULL || a->links == NULL ||
	    a->fac == NULL)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct fac_state *m;
		struct link_state *l;
		if (f[i].k == 'm') {
			m = &a->fac[a->nfac++];
			m->id = f[i].a;
			m->active = f[i].b != 0;
			m->disclosing = (f[i].c & 1) != 0;
			m->viewing = (f[i].c & 2) != 0;
			continue;
		}
		if (f[i].pid != pid)
			continue;
		switch (f[i].k) {
		case 'r':
			a->revocations[nr].received_at = (time_t)f[i].a;
			a->revocations[nr++].signed_day = (long)f[i].b;
			break;
		case 'l':
			l = &a->links[a->nlinks++];
			l->facility = f[i].a;
			l->id = f[i].b;
			/* Two local IDs at one facility: the facility once. */
			if (has_id(a->linked, a->nlinked, l->facility))
				break;
			a->linked[a->nlinked++] = l->facility;
			m = &a->fac[a->nfac++];
			m->id = l->facility;
			m->active = (f[i].c & 1) != 0;
			m->disclosing = (f[i].c & 2) != 0;
			m->viewing = (f[i].c & 4) != 0;
			break;
		}
	}
	a->f.revocations = a->revocations;
	a->f.nrevocations = nr;
	return 0;
}

/* Fills a with patient id's facts; 0, 1 (no such patient) or -1. */
static int
facts_fill(struct access *a, long long id, const struct fact *f, size_t n)
{
	size_t	 p = 0;

	memset(a, 0, sizeof(*a));
	a->patient_id = id;
	while (p < n && !(f[p].k == 'p' && f[p].pid == id))
		p++;
	if (p == n)
		return 1;
	a->merged = (f[p].a & 3) == 2;
	if ((f[p].a & 3) == 1)
		a->f.deceased_at = (time_t)f[p].b;
	a->f.emergency_until = (time_t)f[p].c;
	if (fill_consents(a, f, n) == -1 || fill_lists(a, f, n) == -1)
		return -1;
	return 0;
}

/*
 * Loads the facts about patient id, with user's running A14 grant (user 0:
 * nobody's grant counts) and every member's state (so viewer, the facility
 * that asks, needs no statement of its own), in one statement.
 * Returns 0, 1 when there is no such patient, or -1 on a database error;
 * the caller calls access_free.
 */
int
access_load(struct access *a, long long id, long long user, long long viewer)
{
	struct fact	*f;
	size_t		 n;
	int		 rc;

	(void)viewer;		/* every member's state is there */
	memset(a, 0, sizeof(*a));
	a->patient_id = id;
	if ((f = facts_query(id, NULL, user, &n)) == NULL)
		return -1;
	rc = facts_fill(a, id, f, n);
	free(f);
	return rc;
}

/*
 * Fills a with patient id's facts from its kept texts (pure: no database):
 * facts as patient_facts keeps them, the user's A14 grant end (us, 0:
 * none) and the members' states as region_facts keeps them. Returns 0, 1
 * when facts has no 'p' line, or -1 on memory or a malformed line; the
 * caller calls access_free.
 */
int
access_kept(struct access *a, long long id, const char *facts, long long grant,
    const char *region)
{
	struct fact	*f;
	size_t		 n = 0;
	int		 rc;

	memset(a, 0, sizeof(*a));
	a->patient_id = id;
	if ((f = kept_parse(facts, id, grant, NULL, &n)) == NULL ||
	    (f = kept_parse(region, 0, 0, f, &n)) == NULL)
		return -1;
	kept_states(f, n);
	rc = facts_fill(a, id, f, n);
	free(f);
	return rc;
}

/*
 * access_load() for the patient behind handle h of session sess, in the
 * same one statement, which also brings the patient's row: a->row holds it
 * (row a->prow; STMT_PATIENT_GET's columns from column FACTS_HANDLE_ID).
 * Returns 0, 1 when the handle names nobody in this session, or -1.
 */
int
access_open(struct access *a, long long sess, const char *h, long long user,
    long long viewer)
{
	struct dbres	*res;
	int		 rc;

	(void)viewer;		/* every member's state is there */
	memset(a, 0, sizeof(*a));
	if ((res = db_query(STMT_FACTS_HANDLE, "iis", user, sess, h)) == NULL)
		return -1;
	if (res->nrows == 0) {
		dbres_free(res);
		return 1;
	}
	rc = access_kept(a, dbres_ll(res, 0, FACTS_HANDLE_PID),
	    dbres_get(res, 0, FACTS_HANDLE_FACTS),
	    dbres_ll(res, 0, FACTS_HANDLE_GRANT),
	    dbres_get(res, 0, FACTS_HANDLE_REGION));
	if (rc == -1) {
		dbres_free(res);
		return -1;
	}
	a->row = res;
	a->prow = 0;
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
 * May facility viewer see who the loaded patient is beyond what registering
 * a form 4 needs: its address and phone, other facilities' forms 4 and 5
 * (A11.2)? Yes when it holds an approved link (a local ID whose
 * patient_id names the patient: a hand-made one is a request until the
 * operator approves it) or a form 4 in force names it. The facts must have
 * been loaded with viewer (its member row). An inactive facility: no.
 */
int
access_identity(const struct access *a, long long viewer)
{
	const struct fac_state	*v = fac(a, viewer);

	if (v == NULL || !v->active)
		return 0;
	if (has_id(a->linked, a->nlinked, viewer))
		return 1;
	return consent_names_facility(&a->f, viewer, v->disclosing, v->viewing,
	    (time_t)now_us());
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
 * 1 when consent id alone lets facility viewer see the records of another
 * facility holding the patient's (any disclosing member when none holds
 * any yet) now: what closes an A14 follow-up. Own records and emergency
 * grants do not count; load the facts with user 0.
 */
int
access_consent_lets(struct access *a, long long id, long long viewer)
{
	const struct consent	*all = a->f.consents;
	size_t			 n = a->f.nconsents, i;
	int			 lets = 0;

	for (i = 0; i < n && all[i].id != id; i++)
		;
	if (i == n)
		return 0;
	a->f.consents = &all[i];
	a->f.nconsents = 1;
	for (size_t j = 0; j < a->nlinked && !lets; j++)
		lets = a->linked[j] != viewer &&
		    access_decide(a, a->linked[j], viewer) == CONSENT_ALLOW;
	for (size_t j = 0; a->nlinked == 0 && j < a->nfac && !lets; j++)
		lets = a->fac[j].disclosing && a->fac[j].id != viewer &&
		    access_decide(a, a->fac[j].id, viewer) == CONSENT_ALLOW;
	a->f.consents = all;
	a->f.nconsents = n;
	return lets;
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

	if (access_load(&a, patient, user, viewer) != 0) {
		access_free(&a);
		return CONSENT_DENY_NONE;
	}
	v = access_patient(&a, viewer);
	access_free(&a);
	return v;
}

/*
 * The n patients ids decided from one statement of their kept facts:
 * each(a, i, arg) for every patient whose facts were found. 0, or -1 on a
 * database error (then each is called for none).
 */
static int
facts_each(const long long *ids, size_t n, long long user,
    void (*each)(struct access *, size_t, void *), void *arg)
{
	struct fact	*f = NULL;
	struct buf	 json;
	size_t		 nf;
	int		 rc = -1;

	if (n == 0)
		return 0;
	buf_init(&json);
	if (json_ids(&json, ids, n) == -1)
		goto out;
	if ((f = facts_query(0, json.data, user, &nf)) == NULL)
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct access a;
		if (facts_fill(&a, ids[i], f, nf) == 0)
			each(&a, i, arg);
		access_free(&a);
	}
	rc = 0;
out:
	free(f);
	buf_free(&json);
	return rc;
}

struct many {
	long long		 viewer;
	enum consent_verdict	*v;
	struct access_seen	*s;
};

static void
check_one(struct access *a, size_t i, void *arg)
{
	struct many	*m = arg;

	m->v[i] = access_patient(a, m->viewer);
}

/*
 * access_check() for n patients at once (a search's candidates): one
 * statement for all their facts, each decided by the same function. Fills
 * v[n]; 0, or -1 on a database error (then every verdict is a denial).
 */
int
access_check_many(const long long *ids, size_t n, long long viewer,
    long long user, enum consent_verdict *v)
{
	struct many	 m = { .viewer = viewer, .v = v };

	for (size_t i = 0; i < n; i++)
		v[i] = CONSENT_DENY_NONE;
	return facts_each(ids, n, user, check_one, &m);
}

/*
 * One patient of a list as the viewer may see it now (issue 19): the
 * verdict of access_patient(), whether a form 4 in force names the viewer
 * on its viewing side (consent_shares_with), when sharing ended (a form 5 or the
 * cancellation), and the links of the disclosing facilities whose records
 * the viewer may see, as the viewer's page would decide them.
 */
static void
seen_fill(struct access *a, long long viewer, struct access_seen *s)
{
	time_t	 at = (time_t)now_us();

	memset(s, 0, sizeof(*s));
	s->v = access_patient(a, viewer);
	s->shared = !a->merged && consent_shares_with(&a->f, viewer, at);
	if (a->f.deceased_at != 0 && a->f.deceased_at <= at)
		s->ended_us = (long long)a->f.deceased_at, s->deceased = 1;
	else if (!s->shared && !a->merged &&
	    consent_revoked_for(&a->f, viewer, at))
		for (size_t i = 0; i < a->f.nrevocations; i++)
			if ((long long)a->f.revocations[i].received_at > s->ended_us &&
			    a->f.revocations[i].received_at <= at)
				s->ended_us = (long long)a->f.revocations[i].received_at;
	for (size_t i = 0; consent_allowed(s->v) && i < a->nlinked; i++) {
		if (!consent_allowed(access_decide(a, a->linked[i], viewer)))
			continue;
		for (size_t j = 0; j < a->nlinks && s->nlinks < ACCESS_SEEN_LINKS; j++)
			if (a->links[j].facility == a->linked[i]) {
				s->link[s->nlinks] = a->links[j].id;
				s->fac[s->nlinks++] = a->linked[i];
			}
	}
}

static void
seen_one(struct access *a, size_t i, void *arg)
{
	struct many	*m = arg;

	seen_fill(a, m->viewer, &m->s[i]);
}

/*
 * access_seen for n patients at once, from one statement of facts like
 * access_check_many(). Fills s[n]; 0, or -1 on a database error (then
 * every verdict is a denial).
 */
int
access_seen_many(const long long *ids, size_t n, long long viewer,
    long long user, struct access_seen *s)
{
	struct many	 m = { .viewer = viewer, .s = s };

	for (size_t i = 0; i < n; i++) {
		memset(&s[i], 0, sizeof(s[i]));
		s[i].v = CONSENT_DENY_NONE;
	}
	return facts_each(ids, n, user, seen_one, &m);
}

/*
 * facts verify: the facts of the n patients ids (at most a few hundred) as
 * kept (source 0) or from the source tables (source 1), with user's A14
 * grant (0: nobody's), into a[n] (the caller access_frees each); found[i] is 0 when
 * patient ids[i] has no facts that way. 0, or -1 on a database or memory
 * error (then nothing is to be freed).
 */
int
access_load_many(const long long *ids, size_t n, long long user, int source,
    struct access *a, int *found)
{
	struct fact	*f = NULL;
	struct buf	 json;
	size_t		 nf;
	int		 rc = -1;

	buf_init(&json);
	if (json_ids(&json, ids, n) == -1)
		goto out;
	f = source ? source_query(json.data, user, &nf) :
	    facts_query(0, json.data, user, &nf);
	if (f == NULL)
		goto out;
	for (size_t i = 0; i < n; i++) {
		int r = facts_fill(&a[i], ids[i], f, nf);
		found[i] = r == 0;
		if (r == -1) {
			for (size_t j = 0; j <= i; j++)
				access_free(&a[j]);
			goto out;
		}
	}
	rc = 0;
out:
	free(f);
	buf_free(&json);
	return rc;
}
