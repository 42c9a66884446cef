/*
 * facts_cmd.c: mogamictl facts verify (issue 23). The facts a request
 * needs are kept by the writers (db/migrations/0031_facts.sql); this
 * recomputes every kept row from the source tables, with the statements
 * the pages read before the facts were kept, and reports each difference:
 * a patient's facts as consent_decide() sees them and every decision on
 * them for every member facility, each A14 expiry, the members' states and
 * every open session's user facts. Exit 1 on any difference.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/util.h"
#include "db/db.h"
#include "rules/access.h"
#include "cli/facts_cmd.h"

#define BATCH		200	/* patients per statement */
#define SHOWN		20	/* differences printed; the rest are counted */

static int
cmp_ll(const void *x, const void *y)
{
	long long a = *(const long long *)x, b = *(const long long *)y;

	return a < b ? -1 : a > b;
}

/* Appends n ids, sorted, to b. */
static void
add_sorted(struct buf *b, const long long *v, size_t n)
{
	long long	*s;

	if ((s = calloc(n + 1, sizeof(*s))) == NULL) {
		buf_puts(b, " ?");
		return;
	}
	memcpy(s, v, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_ll);
	for (size_t i = 0; i < n; i++)
		buf_printf(b, " %lld", s[i]);
	free(s);
}

static int
cmp_consent(const void *x, const void *y)
{
	const struct consent *a = x, *b = y;

	return a->id < b->id ? -1 : a->id > b->id;
}

static int
cmp_revocation(const void *x, const void *y)
{
	const struct revocation *a = x, *b = y;

	if (a->received_at != b->received_at)
		return a->received_at < b->received_at ? -1 : 1;
	return a->signed_day < b->signed_day ? -1 : a->signed_day > b->signed_day;
}

static int
cmp_link(const void *x, const void *y)
{
	const struct link_state *a = x, *b = y;

	return a->id < b->id ? -1 : a->id > b->id;
}

/*
 * The facts of a as one text in a canonical order (what the decision
 * reads; the order of rows never mattered). Sorts a's arrays in place.
 */
static void
describe(struct buf *b, struct access *a)
{
	struct consent	*c = a->consents;

	buf_printf(b, "merged %d deceased %lld consents", a->merged,
	    (long long)a->f.deceased_at);
	qsort(c, a->f.nconsents, sizeof(*c), cmp_consent);
	for (size_t i = 0; i < a->f.nconsents; i++) {
		buf_printf(b, " [%lld at %lld void %d pending %d after %d day %ld:",
		    c[i].id, (long long)c[i].signed_at, c[i].rejected,
		    c[i].pending, c[i].after_revocation, c[i].signed_day);
		add_sorted(b, c[i].disclosing, c[i].ndisclosing);
		buf_puts(b, " /");
		add_sorted(b, c[i].viewing, c[i].nviewing);
		buf_puts(b, "]");
	}
	buf_puts(b, " revocations");
	qsort(a->revocations, a->f.nrevocations, sizeof(*a->revocations),
	    cmp_revocation);
	for (size_t i = 0; i < a->f.nrevocations; i++)
		buf_printf(b, " %lld/%ld", (long long)a->revocations[i].received_at,
		    a->revocations[i].signed_day);
	buf_puts(b, " links");
	qsort(a->links, a->nlinks, sizeof(*a->links), cmp_link);
	for (size_t i = 0; i < a->nlinks; i++)
		buf_printf(b, " %lld@%lld", a->links[i].id, a->links[i].facility);
}

/*
 * Every decision on a for every member: whether it may see the patient
 * (allowed, or the reason it may not), identity, sharing, and the verdict
 * on each facility holding records (in the order of their links, sorted
 * by describe(): which allowing verdict access_patient() names first
 * depends on the order).
 */
static void
decisions(struct buf *b, struct access *a, const long long *members, size_t n)
{
	time_t	 at = (time_t)now_us();

	for (size_t i = 0; i < n; i++) {
		enum consent_verdict v = access_patient(a, members[i]);
		buf_printf(b, " %lld:%s/%d/%d", members[i], consent_allowed(v) ?
		    "allowed" : consent_verdict_name(v),
		    access_identity(a, members[i]),
		    !a->merged && consent_shares_with(&a->f, members[i], at));
		for (size_t j = 0; j < a->nlinks; j++)
			buf_printf(b, ",%s", consent_verdict_name(access_decide(a,
			    a->links[j].facility, members[i])));
	}
}

struct tally {
	size_t	 patients, diffs;
	int	 quiet;
};

static void
report(struct tally *t, const char *what, long long id, const char *kept,
    const char *source)
{
	if (t->diffs++ >= SHOWN || t->quiet)
		return;
	printf("facts verify: %s %lld differs\n", what, id);
	if (kept != NULL)
		printf("  kept:   %s\n  source: %s\n", kept, source);
}

/* Compares one batch of patients; 0 or -1 (database). */
static int
verify_batch(const long long *ids, size_t n, const long long *members,
    size_t nm, struct tally *t)
{
	struct access	 kept[BATCH], src[BATCH];
	int		 fk[BATCH], fs[BATCH];
	struct buf	 bk, bs;

	if (access_load_many(ids, n, 0, 0, kept, fk) == -1)
		return -1;
	if (access_load_many(ids, n, 0, 1, src, fs) == -1) {
		for (size_t i = 0; i < n; i++)
			access_free(&kept[i]);
		return -1;
	}
	buf_init(&bk);
	buf_init(&bs);
	for (size_t i = 0; i < n; i++) {
		buf_reset(&bk);
		buf_reset(&bs);
		t->patients++;
		if (fk[i] != fs[i])
			report(t, fk[i] ? "patient (kept, no source)" :
			    "patient (missing)", ids[i], NULL, NULL);
		else if (fk[i]) {
			describe(&bk, &kept[i]);
			describe(&bs, &src[i]);
			decisions(&bk, &kept[i], members, nm);
			decisions(&bs, &src[i], members, nm);
			if (bk.len != bs.len || memcmp(bk.data, bs.data, bk.len) != 0)
				report(t, "patient", ids[i], bk.data, bs.data);
		}
		access_free(&kept[i]);
		access_free(&src[i]);
	}
	buf_free(&bk);
	buf_free(&bs);
	return 0;
}

/* The member facilities' ids (*n; the caller frees), or NULL. */
static long long *
member_ids(size_t *n)
{
	struct dbres	*res;
	long long	*m;

	*n = 0;
	if ((res = db_query(STMT_ACCESS_SOURCE_MEMBERS, "")) == NULL)
		return NULL;
	if ((m = calloc(res->nrows + 1, sizeof(*m))) != NULL)
		for (; *n < res->nrows; (*n)++)
			m[*n] = dbres_ll(res, *n, ACCESS_SOURCE_A);
	dbres_free(res);
	return m;
}

/* Every patient in batches, from after id 0 (or the one given). */
static int
verify_patients(long long only, struct tally *t)
{
	long long	 ids[BATCH], *members, last = 0;
	size_t		 nm;
	int		 rc = 0;

	if ((members = member_ids(&nm)) == NULL)
		return -1;
	for (;;) {
		struct dbres *res;
		size_t n = 0;
		if (only > 0) {
			ids[n++] = only;
			rc = verify_batch(ids, n, members, nm, t);
			break;
		}
		if ((res = db_query(STMT_FACTS_PATIENTS, "ii", last,
		    (long long)BATCH)) == NULL) {
			rc = -1;
			break;
		}
		for (; n < res->nrows; n++)
			ids[n] = dbres_ll(res, n, FACTS_PATIENTS_ID);
		dbres_free(res);
		if (n == 0)
			break;
		last = ids[n - 1];
		if ((rc = verify_batch(ids, n, members, nm, t)) == -1)
			break;
	}
	free(members);
	return rc;
}

/* The kept rows other than patients' (sql_access.h, STMT_FACTS_DIFFS). */
static int
verify_rest(struct tally *t)
{
	struct dbres	*res;
	char		 what[64];

	if ((res = db_query(STMT_FACTS_DIFFS, "")) == NULL)
		return -1;
	for (size_t i = 0; i < res->nrows; i++) {
		str_fmt(what, sizeof(what), "%s (and %lld)",
		    dbres_get(res, i, FACTS_DIFFS_WHAT),
		    dbres_ll(res, i, FACTS_DIFFS_ID2));
		report(t, what, dbres_ll(res, i, FACTS_DIFFS_ID), NULL, NULL);
	}
	dbres_free(res);
	return 0;
}

/*
 * facts verify [--patient ID] [--quiet]: 0 when every kept row equals its
 * recomputation, 1 on any difference, 2 on a database error.
 */
int
cmd_facts_verify(int argc, char *argv[])
{
	struct tally	 t = { 0, 0, 0 };
	long long	 only = 0;

	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--quiet") == 0)
			t.quiet = 1;
		else if (strcmp(argv[i], "--patient") == 0 && i + 1 < argc)
			only = strtoll(argv[++i], NULL, 10);
		else
			return -1;
	}
	if (verify_patients(only, &t) == -1 || verify_rest(&t) == -1) {
		fprintf(stderr, "facts verify: database error\n");
		return 2;
	}
	if (t.diffs > SHOWN && !t.quiet)
		printf("facts verify: ... %zu more\n", t.diffs - SHOWN);
	printf("facts verify: %zu patients, %zu differences\n", t.patients,
	    t.diffs);
	return t.diffs ? 1 : 0;
}

/*
 * facts decide PATIENT FACILITY [USER]: may a user (0: nobody's A14 grant
 * counts) of the facility see the patient now, decided on the kept facts
 * and on the source tables' ("kept VERDICT" and "source VERDICT"). For the
 * tests that compare a page's answer with the sources. Exit 1 when the two
 * differ in allowing, 2 on an error.
 */
int
cmd_facts_decide(int argc, char *argv[])
{
	struct access	 a[2];
	int		 found[2] = { 0, 0 }, allowed[2] = { 0, 0 };
	long long	 id, fac, user = 0;

	if (argc != 4 && argc != 5)
		return -1;
	id = strtoll(argv[2], NULL, 10);
	fac = strtoll(argv[3], NULL, 10);
	if (argc == 5)
		user = strtoll(argv[4], NULL, 10);
	for (int source = 0; source < 2; source++) {
		enum consent_verdict v = CONSENT_DENY_NONE;
		if (access_load_many(&id, 1, user, source, &a[source],
		    &found[source]) == -1) {
			fprintf(stderr, "facts decide: database error\n");
			return 2;
		}
		if (found[source])
			v = access_patient(&a[source], fac);
		allowed[source] = consent_allowed(v);
		printf("%s %s\n", source ? "source" : "kept",
		    consent_verdict_name(v));
		access_free(&a[source]);
	}
	return allowed[0] != allowed[1];
}
