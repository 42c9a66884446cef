/* ssmix2_store.c: one parsed SS-MIX2 message into the record tables */
/*
 * The patient link with the PID demographics, the record with its title and
 * summary, and per kind its lab results, medications, allergies, problems:
 * one message at a time (ssmix2_store), or staged for a batch and written
 * a few statements for all (ssmix2_stage_*). Runs inside the caller's
 * transaction; returns DB_* codes unchanged so the caller can roll the
 * whole batch back.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/kana.h"
#include "base/util.h"
#include "base/words.h"
#include "db/db.h"
#include "import/hl7.h"
#include "import/ssmix2.h"

#define SUMMARY_MAX	1990	/* bytes; the column holds 2000 characters */
#define TITLE_MAX	290

/* NULL for an empty string: empty HL7 fields are stored as SQL NULL. */
static const char *
nz(const char *s)
{
	return s != NULL && *s != '\0' ? s : NULL;
}

/*
 * seg's field (first repetition), component and sub-component into out;
 * "" when absent or seg is HL7_NOSEG. A value longer than out is cut (at a
 * character boundary, as hl7_get promises): columns are bounded anyway.
 */
static const char *
get(const struct hl7_msg *m, size_t seg, int f, int c, int s, char *out,
    size_t len)
{
	out[0] = '\0';
	if (seg != HL7_NOSEG && hl7_get(m, seg, f, 1, c, s, out, len) == 1)
		out[0] = '\0';
	/* The HL7 null "" means "delete the value": nothing to store. */
	if (strcmp(out, "\"\"") == 0)
		out[0] = '\0';
	return out;
}

/* Component c's text, or component 1 when c is empty (coded values). */
static const char *
text_or_code(const struct hl7_msg *m, size_t seg, int f, int c, char *out,
    size_t len)
{
	if (*get(m, seg, f, c, 1, out, len) == '\0')
		get(m, seg, f, 1, 1, out, len);
	return out;
}

/*
 * HL7 time into "YYYY-MM-DD HH:MM:SS" in out (20 bytes), or NULL. Years
 * before 1800 are junk, and MariaDB would refuse them (the file would then
 * fail at every run instead of importing without the time).
 */
static const char *
when(const char *in, char *out)
{
	if (in == NULL || *in == '\0' || hl7_ts(in, out, 20) == -1 ||
	    strncmp(out, "1800", 4) < 0)
		return NULL;
	return out;
}

/*
 * As when(), and the time as the sender gave it into given (HL7_TS_GIVEN
 * bytes: "2016-01-01T15:00" when only minutes were written), "" with NULL.
 */
static const char *
when_given(const char *in, char *out, char *given)
{
	given[0] = '\0';
	if (in == NULL || *in == '\0' ||
	    hl7_ts_given(in, out, 20, given, HL7_TS_GIVEN) == -1 ||
	    strncmp(out, "1800", 4) < 0) {
		out[0] = given[0] = '\0';
		return NULL;
	}
	return out;
}

/* HL7 time into "YYYY-MM-DD" in out (20 bytes), or NULL. */
static const char *
day(const char *in, char *out)
{
	if (when(in, out) == NULL)
		return NULL;
	out[10] = '\0';
	return out;
}

/* 1 if s is a plain decimal number MariaDB can take as a DOUBLE. */
static int
numeric(const char *s)
{
	size_t	 digits = 0;

	if (*s == '+' || *s == '-')
		s++;
	for (; *s >= '0' && *s <= '9'; s++)
		digits++;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			digits++;
	return *s == '\0' && digits > 0 && digits < 30;
}

/* Cuts b to at most max bytes at a UTF-8 character boundary. */
static void
clip(char *s, size_t max)
{
	size_t	 n = strlen(s);

	if (n <= max)
		return;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	s[n] = '\0';
}

/* 1 if v is one of the items of the "、"-separated list. */
static int
listed(const char *list, const char *v)
{
	static const char	 sep[] = "、";
	size_t			 n = strlen(v), sl = sizeof(sep) - 1;

	for (const char *p = list; (p = strstr(p, v)) != NULL; p++)
		if ((p == list || ((size_t)(p - list) >= sl &&
		    memcmp(p - sl, sep, sl) == 0)) &&
		    (p[n] == '\0' || strncmp(p + n, sep, sl) == 0))
			return 1;
	return 0;
}

/* Cuts s to at most max characters (a VARCHAR(max) column). */
static void
clip_chars(char *s, size_t max)
{
	size_t	 n = 0;

	for (char *p = s; *p != '\0'; p++)
		if (((unsigned char)*p & 0xc0) != 0x80 && n++ == max) {
			*p = '\0';
			return;
		}
}

/* Appends v to the "、"-separated list in b unless empty or already there. */
static void
list_add(struct buf *b, const char *v)
{
	if (*v == '\0' || b->len > SUMMARY_MAX ||
	    (b->data != NULL && listed(b->data, v)))
		return;
	if (b->len > 0)
		buf_puts(b, "、");
	buf_puts(b, v);
}

/*
 * The free-text findings of a report or an examination (OBX-5 of TX, ST
 * and FT rows) after the item names in b: what a reader wants to see.
 */
static void
findings(const struct hl7_msg *m, struct buf *b)
{
	char	 vt[8], v[1000];

	for (size_t i = hl7_next(m, "OBX", 0); i != HL7_NOSEG;
	    i = hl7_next(m, "OBX", i + 1)) {
		get(m, i, 2, 1, 1, vt, sizeof(vt));
		if (strcmp(vt, "TX") == 0 || strcmp(vt, "ST") == 0 ||
		    strcmp(vt, "FT") == 0)
			list_add(b, get(m, i, 5, 1, 1, v, sizeof(v)));
	}
}

/* 1 if the message cancels its order (ORC-1 / ORC-5) or event (ADT). */
static int
cancels(const struct hl7_msg *m)
{
	static const char *const orc[] = { "CA", "OC", "CR", "DC", NULL };
	static const char *const adt[] = { "A11", "A12", "A13", "A25", "A27",
	    "A32", "A33", "A38", NULL };
	char		 v[16], code[8], ev[8];
	size_t		 i;

	for (i = hl7_next(m, "ORC", 0); i != HL7_NOSEG;
	    i = hl7_next(m, "ORC", i + 1)) {
		get(m, i, 1, 1, 1, v, sizeof(v));
		for (int k = 0; orc[k] != NULL; k++)
			if (strcmp(v, orc[k]) == 0)
				return 1;
		if (strcmp(get(m, i, 5, 1, 1, v, sizeof(v)), "CA") == 0)
			return 1;
	}
	if (hl7_msg_type(m, code, sizeof(code), ev, sizeof(ev)) == 0 &&
	    strcmp(code, "ADT") == 0)
		for (int k = 0; adt[k] != NULL; k++)
			if (strcmp(ev, adt[k]) == 0)
				return 1;
	return 0;
}

/* A place in a message where a time or a name may be. */
struct spot {
	const char	*seg;
	int		 field, comp;
};

/* The first non-empty value at one of the spots (first segment of each). */
static const char *
first_of(const struct hl7_msg *m, const struct spot *sp, char *out, size_t len)
{
	for (; sp->seg != NULL; sp++)
		if (*get(m, hl7_find(m, sp->seg, 0), sp->field, sp->comp, 1, out,
		    len) != '\0')
			return out;
	out[0] = '\0';
	return out;
}

/* Every non-empty value at the spots, in message order, into b. */
static void
all_of(const struct hl7_msg *m, const struct spot *sp, struct buf *b)
{
	char	 v[512];

	for (size_t i = 0; i < hl7_nseg(m); i++)
		for (const struct spot *p = sp; p->seg != NULL; p++)
			if (strcmp(hl7_segname(m, i), p->seg) == 0)
				list_add(b, get(m, i, p->field, p->comp, 1, v,
				    sizeof(v)));
}

/* Where each kind of message keeps its time and its item names. */
static const struct spot t_adt[] = { { "EVN", 6, 1 }, { "EVN", 2, 1 },
    { "PV1", 44, 1 }, { NULL, 0, 0 } };
static const struct spot t_order[] = { { "ORC", 9, 1 }, { NULL, 0, 0 } };
static const struct spot t_given[] = { { "RXA", 3, 1 }, { "ORC", 9, 1 },
    { NULL, 0, 0 } };
static const struct spot t_result[] = { { "OBR", 7, 1 }, { "SPM", 17, 1 },
    { "OBX", 14, 1 }, { "ORC", 9, 1 }, { NULL, 0, 0 } };
static const struct spot t_problem[] = { { "PRB", 2, 1 }, { NULL, 0, 0 } };
/* observations in extended storage (vital signs, ORU^R30): MSH-7 last */
static const struct spot t_obs[] = { { "OBR", 7, 1 }, { "OBX", 14, 1 },
    { NULL, 0, 0 } };
static const struct spot n_obr[] = { { "OBR", 4, 2 }, { NULL, 0, 0 } };
static const struct spot n_rxe[] = { { "RXE", 2, 2 }, { NULL, 0, 0 } };
static const struct spot n_rxc[] = { { "RXC", 2, 2 }, { NULL, 0, 0 } };
static const struct spot n_rxa[] = { { "RXA", 5, 2 }, { NULL, 0, 0 } };
static const struct spot n_lab[] = { { "OBR", 4, 2 }, { "OBX", 3, 2 },
    { NULL, 0, 0 } };
static const struct spot n_iam[] = { { "IAM", 3, 2 }, { NULL, 0, 0 } };
static const struct spot n_prb[] = { { "PRB", 3, 2 }, { NULL, 0, 0 } };
static const struct spot n_ods[] = { { "ODS", 3, 2 }, { "ODS", 4, 1 },
    { NULL, 0, 0 } };
static const struct spot n_pv1[] = { { "PV1", 3, 1 }, { "PV1", 3, 2 },
    { "PV1", 3, 3 }, { NULL, 0, 0 } };

/* The time and item-name spots of a data type. */
static void
spots(const char *type, const struct spot **t, const struct spot **n)
{
	*t = t_order;
	*n = n_obr;
	if (strcmp(type, "ADT-61") == 0) {
		*t = t_adt;
		*n = n_iam;
	} else if (str_prefix(type, "ADT-")) {
		*t = t_adt;
		*n = n_pv1;
	} else if (strcmp(type, "PPR-01") == 0) {
		*t = t_problem;
		*n = n_prb;
	} else if (strcmp(type, "OMD") == 0)
		*n = n_ods;
	else if (strcmp(type, "OMP-01") == 0)
		*n = n_rxe;
	else if (strcmp(type, "OMP-02") == 0)
		*n = n_rxc;
	else if (strcmp(type, "OMP-11") == 0 || strcmp(type, "OMP-12") == 0) {
		*t = t_given;
		*n = n_rxa;
	} else if (strcmp(type, "OML-11") == 0) {
		*t = t_result;
		*n = n_lab;
	} else if (str_prefix(type, "OMG-1"))
		*t = t_result;
	else if (strcmp(type, SSMIX2_EXT_DATA_TYPE) == 0) {
		*t = t_obs;
		*n = n_lab;
	}
}

/* PID demographics as patient_link keeps them. */
struct demo {
	char	 name[200], kana[200], key[200], sex[2], birth[20], addr[300];
};

static void
demo_read(const struct hl7_msg *m, struct demo *d)
{
	size_t	 pid = hl7_find(m, "PID", 0);
	char	 fam[100], giv[100], rep[4], v[300];
	int	 n = pid == HL7_NOSEG ? 0 : hl7_nrep(m, pid, 5);

	memset(d, 0, sizeof(*d));
	for (int r = 1; r <= n && r <= 10; r++) {
		if (hl7_get(m, pid, 5, r, 8, 1, rep, sizeof(rep)) != 0)
			rep[0] = '\0';
		if (hl7_get(m, pid, 5, r, 1, 1, fam, sizeof(fam)) == 1)
			fam[0] = '\0';
		if (hl7_get(m, pid, 5, r, 2, 1, giv, sizeof(giv)) == 1)
			giv[0] = '\0';
		char *dst = strcmp(rep, "P") == 0 ? d->kana : d->name;
		if (*dst != '\0' || (*fam == '\0' && *giv == '\0'))
			continue;
		str_fmt(dst, sizeof(d->name), "%s%s%s", fam,
		    *fam && *giv ? " " : "", giv);
		clip_chars(dst, 100);
	}
	if (*d->kana != '\0' && kana_normalize(d->kana, d->key,
	    sizeof(d->key)) == -1)
		d->key[0] = '\0';
	get(m, pid, 8, 1, 1, v, sizeof(v));
	if (strlen(v) == 1 && strchr("MFOU", v[0]) != NULL)
		str_copy(d->sex, v, sizeof(d->sex));
	if (day(get(m, pid, 7, 1, 1, v, sizeof(v)), d->birth) == NULL)
		d->birth[0] = '\0';
	if (*get(m, pid, 11, 8, 1, d->addr, sizeof(d->addr)) == '\0')
		get(m, pid, 11, 1, 1, d->addr, sizeof(d->addr));
	clip(d->addr, 290);
}

/* Which demographics a link (or a message) has: one bit per column. */
static unsigned
demo_mask(const struct demo *d)
{
	return (*d->name != '\0') | (*d->kana != '\0') << 1 |
	    (*d->key != '\0') << 2 | (*d->sex != '\0') << 3 |
	    (*d->birth != '\0') << 4 | (*d->addr != '\0') << 5;
}

/*
 * A run's patient links: local ID -> link id and which demographics the
 * row holds. STMT_LINK_UPSERT only fills columns that are NULL, so when a
 * message offers nothing the row lacks, the upsert would change nothing
 * and the round trips are skipped. Open addressing, FNV-1a.
 */
struct link_slot {
	char		*local;		/* NULL: free */
	long long	 id;
	unsigned	 have;
	time_t		 active;	/* this run marked it active then; 0: not yet */
};

struct ssmix2_links {
	long long		 fid;
	struct link_slot	*v;
	size_t			 n, cap;	/* cap: 0 or a power of two */
};

static size_t
link_hash(const char *s)
{
	uint64_t	 h = 1469598103934665603ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

static struct link_slot *
link_find(struct link_slot *v, size_t cap, const char *local)
{
	size_t	 i;

	if (cap == 0)
		return NULL;
	for (i = link_hash(local) & (cap - 1); v[i].local != NULL;
	    i = (i + 1) & (cap - 1))
		if (strcmp(v[i].local, local) == 0)
			return &v[i];
	return &v[i];
}

/* Doubles the table. 0 or -1 (the table is left as it was). */
static int
links_grow(struct ssmix2_links *lc)
{
	size_t			 ncap = lc->cap ? lc->cap * 2 : 1024;
	struct link_slot	*nv, *s;

	if ((nv = calloc(ncap, sizeof(*nv))) == NULL)
		return -1;
	for (size_t i = 0; i < lc->cap; i++)
		if (lc->v[i].local != NULL) {
			s = link_find(nv, ncap, lc->v[i].local);
			*s = lc->v[i];
		}
	free(lc->v);
	lc->v = nv;
	lc->cap = ncap;
	return 0;
}

/* Remembers a link; a cache that cannot grow just forgets. */
static void
links_put(struct ssmix2_links *lc, const char *local, long long id,
    unsigned have)
{
	struct link_slot	*s;

	if (lc == NULL)
		return;
	if ((lc->n + 1) * 2 > lc->cap && links_grow(lc) == -1)
		return;
	s = link_find(lc->v, lc->cap, local);
	if (s->local == NULL) {
		if ((s->local = strdup(local)) == NULL)
			return;
		s->active = 0;
		lc->n++;
	}
	s->id = id;
	s->have = have;
}

struct ssmix2_links *
ssmix2_links_new(long long fid)
{
	struct ssmix2_links	*lc;

	if ((lc = calloc(1, sizeof(*lc))) != NULL)
		lc->fid = fid;
	return lc;
}

/* Forgets every link: after a rollback the rows may not exist. */
void
ssmix2_links_clear(struct ssmix2_links *lc)
{
	if (lc == NULL)
		return;
	for (size_t i = 0; i < lc->cap; i++) {
		free(lc->v[i].local);
		lc->v[i].local = NULL;
	}
	lc->n = 0;
}

void
ssmix2_links_free(struct ssmix2_links *lc)
{
	if (lc == NULL)
		return;
	ssmix2_links_clear(lc);
	free(lc->v);
	free(lc);
}

/*
 * A file of the link is being stored now: the link's newest activity, by
 * which "my patients" lists it (patient_link_active, issue 23). A patient's
 * files come together, so a run marks a link once a minute at most: an
 * UPDATE per message cost a third of the import's database time.
 */
#define LINK_ACTIVE_SECS	60

static int
link_active(struct ssmix2_links *lc, const char *local, long long id)
{
	struct link_slot	*s = lc != NULL ? link_find(lc->v, lc->cap, local) : NULL;
	time_t			 now = time(NULL);

	if (s != NULL && s->local != NULL && s->id == id && s->active != 0 &&
	    now - s->active < LINK_ACTIVE_SECS)
		return DB_OK;
	if (db_exec(STMT_LINK_ACTIVE, "i", id) < 0)
		return DB_ERR;
	if (s != NULL && s->local != NULL && s->id == id)
		s->active = now;
	return DB_OK;
}

/*
 * The patient link of (facility, local ID): created with the PID
 * demographics when new; an existing link only gets what it lacks (an
 * ADT-00 that is current overwrites them, see ssmix2_demographics()).
 * m may be NULL (a document). Stores the link's id in *id and marks the
 * link active now (link_active). Returns DB_OK
 * or a DB_* error. Call ssmix2_links_clear() when the transaction that
 * ran this rolls back.
 */
int
ssmix2_link(struct ssmix2_links *lc, const char *local_id,
    const struct hl7_msg *m, long long *id)
{
	struct demo		 d;
	struct dbres		*res;
	struct link_slot	*s;
	unsigned		 want, have = 0;
	int			 rc;

	memset(&d, 0, sizeof(d));
	if (m != NULL)
		demo_read(m, &d);
	want = demo_mask(&d);
	s = link_find(lc->v, lc->cap, local_id);
	if (s != NULL && s->local != NULL && (want & ~s->have) == 0) {
		*id = s->id;
		return link_active(lc, local_id, *id);
	}
	rc = db_exec(STMT_LINK_UPSERT, "isssssss", lc->fid, local_id,
	    nz(d.name), nz(d.kana), nz(d.key), nz(d.sex), nz(d.birth),
	    nz(d.addr));
	if (rc < 0)
		return rc;
	if ((res = db_query(STMT_LINK_ID, "is", lc->fid, local_id)) == NULL)
		return db_last_error() ? DB_ERR : DB_GONE;
	rc = res->nrows == 1 ? DB_OK : DB_ERR;
	*id = rc == DB_OK ? dbres_ll(res, 0, LINK_ID_ID) : 0;
	for (size_t c = 1; rc == DB_OK && c <= 6; c++)
		if (dbres_ll(res, 0, c) != 0)
			have |= 1u << (c - 1);
	dbres_free(res);
	if (rc == DB_OK) {
		links_put(lc, local_id, *id, have);
		rc = link_active(lc, local_id, *id);
	}
	return rc;
}

/*
 * The latest demographics (a current ADT-00) replace the link's. Returns
 * DB_OK or a DB_* error.
 */
int
ssmix2_demographics(struct ssmix2_links *lc, const char *local_id,
    long long link_id, const struct hl7_msg *m)
{
	struct demo	 d;
	int		 rc;

	demo_read(m, &d);
	rc = db_exec(STMT_LINK_DEMOGRAPHICS, "ssssssi", nz(d.name), nz(d.kana),
	    nz(d.key), nz(d.sex), nz(d.birth), nz(d.addr), link_id);
	if (rc < 0)
		return rc;
	links_put(lc, local_id, link_id, demo_mask(&d));
	return DB_OK;
}

/*
 * Flag semantics for one order (link, data type, order key): the newest
 * message (file-name timestamp, then import order) decides. If its flag is
 * 1 and it does not cancel, it is current; otherwise the order is
 * cancelled: out of the current view. Every older one is superseded.
 * Returns the id of the current record (0 if none), or a DB_* error.
 */
long long
ssmix2_regroup(long long link_id, const char *type, const char *key)
{
	struct dbres	*res;
	long long	 id;
	int		 live;

	if (db_exec(STMT_RECORD_GROUP_RESET, "iss", link_id, type, key) < 0)
		return DB_ERR;
	if ((res = db_query(STMT_RECORD_GROUP_NEWEST, "iss", link_id, type,
	    key)) == NULL)
		return DB_ERR;
	if (res->nrows == 0) {
		dbres_free(res);
		return 0;
	}
	id = dbres_ll(res, 0, RECORD_GROUP_NEWEST_ID);
	live = dbres_ll(res, 0, RECORD_GROUP_NEWEST_FLAG) == 1 && dbres_ll(res, 0, RECORD_GROUP_NEWEST_CANCELLED) == 0;
	dbres_free(res);
	if (db_exec(STMT_RECORD_SET_STATUS, "si", live ? "current" :
	    "cancelled", id) < 0)
		return DB_ERR;
	return live ? id : 0;
}

/*
 * ssmix2_regroup() for every order that has a record of the facility with
 * an id in [lo, hi] (what one transaction inserted), in one statement: a
 * batch decides its orders once, before its commit, instead of once per
 * message. The outcome depends only on the records of each order, so it
 * equals deciding after every message. Returns DB_OK or a DB_* error.
 */
int
ssmix2_regroup_range(long long fid, long long lo, long long hi)
{
	struct dbres	*res;
	int		 rc = DB_OK;

	if (lo <= 0 || hi < lo)
		return DB_OK;
	if ((res = db_query(STMT_RECORD_REGROUP_RANGE, "iii", fid, lo,
	    hi)) == NULL)
		return DB_ERR;
	/* rare: records go in as the newest of their order */
	for (size_t i = 0; i < res->nrows && rc == DB_OK; i++)
		if (db_exec(STMT_RECORD_SET_STATUS, "si", dbres_get(res, i, RECORD_REGROUP_RANGE_ST),
		    dbres_ll(res, i, RECORD_REGROUP_RANGE_ID)) < 0)
			rc = DB_ERR;
	dbres_free(res);
	return rc;
}

/*
 * Appends s as a JSON string, copying the runs that need no escape in one
 * go (json_str() adds a byte at a time: a tenth of the importer's CPU).
 */
static void
jstr(struct buf *b, const char *s)
{
	const char	*run;
	unsigned char	 c;

	buf_puts(b, "\"");
	for (run = s; (c = (unsigned char)*s) != '\0'; s++) {
		if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
			continue;
		buf_add(b, run, (size_t)(s - run));
		if (c == '"' || c == '\\')
			buf_printf(b, "\\%c", c);
		else if (c == '\r')
			buf_puts(b, "\\r");
		else if (c == '\n')
			buf_puts(b, "\\n");
		else
			buf_printf(b, "\\u%04x", c);
		run = s + 1;
	}
	buf_add(b, run, (size_t)(s - run));
	buf_puts(b, "\"");
}

/* Appends s as a JSON string, or null for an empty one (SQL NULL). */
static void
jv(struct buf *b, const char *s)
{
	buf_puts(b, ",");
	if (s == NULL || *s == '\0')
		buf_puts(b, "null");
	else
		jstr(b, s);
}

/* Opens a row of a JSON array of rows: [seq, ... */
static void
jrow(struct buf *b, int seq)
{
	buf_printf(b, "%s[%d", b->len > 1 ? "," : "", seq);
}

/* OBX-6 as one unit (issue 19: 10^3/μL sent unescaped stays whole). */
static void
obx_unit(const struct hl7_msg *m, size_t seg, char *out, size_t len)
{
	char	 c1[41], c2[41], c3[21];

	get(m, seg, 6, 1, 1, c1, sizeof(c1));
	get(m, seg, 6, 2, 1, c2, sizeof(c2));
	get(m, seg, 6, 3, 1, c3, sizeof(c3));
	hl7_unit(out, len, c1, c2, c3);
}

/*
 * OBX rows of a result message (OML-11 lab, OMG-13 report) as a JSON array
 * of record_lab rows in *rows. Returns how many rows, or -1.
 */
static int
lab_rows(const struct hl7_msg *m, struct buf *rows)
{
	char		 code[41], sys[21], name[200], vt[8], val[500], unit[41],
			 rng[61], lo[32], hi[32], flag[9], st[5], t[40], obs[20],
			 ctx[40], obsg[HL7_TS_GIVEN];
	const char	*dash;
	int		 seq = 0;

	ctx[0] = '\0';
	buf_puts(rows, "[");
	for (size_t i = 0; i < hl7_nseg(m); i++) {
		const char *sn = hl7_segname(m, i);
		if (strcmp(sn, "OBR") == 0 || strcmp(sn, "SPM") == 0) {
			get(m, i, strcmp(sn, "OBR") == 0 ? 7 : 17, 1, 1, t,
			    sizeof(t));
			if (*t != '\0')
				str_copy(ctx, t, sizeof(ctx));
			continue;
		}
		if (strcmp(sn, "OBX") != 0 || hl7_nfield(m, i) == 0)
			continue;
		get(m, i, 3, 1, 1, code, sizeof(code));
		get(m, i, 3, 3, 1, sys, sizeof(sys));
		get(m, i, 3, 2, 1, name, sizeof(name));
		get(m, i, 2, 1, 1, vt, sizeof(vt));
		if (strcmp(vt, "CWE") == 0 || strcmp(vt, "CE") == 0)
			text_or_code(m, i, 5, 2, val, sizeof(val));
		else
			get(m, i, 5, 1, 1, val, sizeof(val));
		obx_unit(m, i, unit, sizeof(unit));
		get(m, i, 7, 1, 1, rng, sizeof(rng));
		lo[0] = hi[0] = '\0';
		/* "1.2-2.0": the dash after the first character splits it. */
		if (*rng != '\0' && (dash = strchr(rng + 1, '-')) != NULL &&
		    (size_t)(dash - rng) < sizeof(lo)) {
			memcpy(lo, rng, (size_t)(dash - rng));
			lo[dash - rng] = '\0';
			str_copy(hi, dash + 1, sizeof(hi));
		}
		get(m, i, 8, 1, 1, flag, sizeof(flag));
		get(m, i, 11, 1, 1, st, sizeof(st));
		get(m, i, 14, 1, 1, t, sizeof(t));
		(void)when_given(*t ? t : ctx, obs, obsg);
		if (*code == '\0' && *name == '\0' && *val == '\0')
			continue;
		jrow(rows, ++seq);
		jv(rows, code);
		jv(rows, sys);
		jv(rows, name);
		jv(rows, vt);
		jv(rows, val);
		jv(rows, numeric(val) ? val : NULL);
		jv(rows, unit);
		jv(rows, numeric(lo) ? lo : NULL);
		jv(rows, numeric(hi) ? hi : NULL);
		jv(rows, rng);
		jv(rows, flag);
		jv(rows, st);
		jv(rows, obs);
		jv(rows, obsg);
		buf_puts(rows, "]");
	}
	buf_puts(rows, "]");
	return rows->oom ? -1 : seq;
}

/* One medication line being filled from RXE/RXC/RXA, TQ1 and RXR. */
struct med {
	char	 code[41], sys[21], name[200], dose[40], unit[40], form[60],
		 route[60], freq[200], days[12], total[40], given[20];
};

#define MED_GROUP	32	/* lines kept per ORC group before writing */

/*
 * Adds the lines of one ORC group to the JSON rows; what a line lacks
 * (route, frequency, days) comes from the group's TQ1/RXR wherever they
 * stood in it.
 */
static void
med_flush(struct med *v, size_t *n, const struct med *grp, const char *rp,
    struct buf *rows, int *seq)
{
	long long	 days;

	for (size_t i = 0; i < *n; i++) {
		struct med *md = &v[i];
		if (*md->route == '\0')
			str_copy(md->route, grp->route, sizeof(md->route));
		if (*md->freq == '\0')
			str_copy(md->freq, grp->freq, sizeof(md->freq));
		if (*md->days == '\0')
			str_copy(md->days, grp->days, sizeof(md->days));
		if (str_to_ll(md->days, 0, 100000, &days) == -1)
			days = -1;
		jrow(rows, ++*seq);
		jv(rows, rp);
		jv(rows, md->code);
		jv(rows, md->sys);
		jv(rows, md->name);
		jv(rows, md->dose);
		jv(rows, md->unit);
		jv(rows, md->form);
		jv(rows, md->route);
		jv(rows, md->freq);
		jv(rows, days >= 0 ? md->days : NULL);
		jv(rows, md->total);
		jv(rows, md->given);
		buf_puts(rows, "]");
	}
	*n = 0;
}

/*
 * Prescriptions and injections (RDE: RXE, or RXC for injections) and
 * their administrations (RAS: RXA) as a JSON array of record_med rows in
 * *rows. A TQ1 or RXR applies to the line before it and to every line of
 * its ORC group. Returns how many rows, or -1.
 */
static int
med_rows(const struct hl7_msg *m, const char *type, struct buf *rows)
{
	struct med	*v, grp, *md = NULL;
	char		 rp[41], n1[40], t[40];
	size_t		 n = 0;
	int		 seq = 0, inj = strcmp(type, "OMP-02") == 0;

	if ((v = calloc(MED_GROUP, sizeof(*v))) == NULL)
		return -1;
	buf_puts(rows, "[");
	memset(&grp, 0, sizeof(grp));
	rp[0] = '\0';
	for (size_t i = 0; i < hl7_nseg(m); i++) {
		const char *sn = hl7_segname(m, i);
		int item = strcmp(sn, "RXA") == 0 || strcmp(sn, "RXC") == 0 ||
		    (strcmp(sn, "RXE") == 0 && !inj);
		if (strcmp(sn, "ORC") == 0 || (item && n == MED_GROUP)) {
			med_flush(v, &n, &grp, rp, rows, &seq);
			md = NULL;
		}
		if (strcmp(sn, "ORC") == 0) {
			memset(&grp, 0, sizeof(grp));
			get(m, i, 4, 1, 1, rp, sizeof(rp));
			continue;
		}
		if (item) {
			md = &v[n++];
			memset(md, 0, sizeof(*md));
		}
		if (strcmp(sn, "RXE") == 0 && !inj) {
			get(m, i, 2, 1, 1, md->code, sizeof(md->code));
			get(m, i, 2, 3, 1, md->sys, sizeof(md->sys));
			get(m, i, 2, 2, 1, md->name, sizeof(md->name));
			get(m, i, 3, 1, 1, md->dose, sizeof(md->dose));
			text_or_code(m, i, 5, 2, md->unit, sizeof(md->unit));
			text_or_code(m, i, 6, 2, md->form, sizeof(md->form));
			get(m, i, 10, 1, 1, n1, sizeof(n1));
			get(m, i, 11, 2, 1, t, sizeof(t));
			str_fmt(md->total, sizeof(md->total), "%s%s", n1,
			    *n1 ? t : "");
		} else if (strcmp(sn, "RXC") == 0) {
			get(m, i, 2, 1, 1, md->code, sizeof(md->code));
			get(m, i, 2, 3, 1, md->sys, sizeof(md->sys));
			get(m, i, 2, 2, 1, md->name, sizeof(md->name));
			get(m, i, 3, 1, 1, md->dose, sizeof(md->dose));
			text_or_code(m, i, 4, 2, md->unit, sizeof(md->unit));
		} else if (strcmp(sn, "RXA") == 0) {
			get(m, i, 5, 1, 1, md->code, sizeof(md->code));
			get(m, i, 5, 3, 1, md->sys, sizeof(md->sys));
			get(m, i, 5, 2, 1, md->name, sizeof(md->name));
			get(m, i, 6, 1, 1, md->dose, sizeof(md->dose));
			text_or_code(m, i, 7, 2, md->unit, sizeof(md->unit));
			if (when(get(m, i, 3, 1, 1, t, sizeof(t)), md->given) ==
			    NULL)
				md->given[0] = '\0';
		} else if (strcmp(sn, "TQ1") == 0) {
			/* TQ1-3 1013044400000000&内服・経口・１日３回朝昼夕食後&JAMISDP01 */
			if (*get(m, i, 3, 1, 2, grp.freq, sizeof(grp.freq)) ==
			    '\0')
				text_or_code(m, i, 3, 2, grp.freq,
				    sizeof(grp.freq));
			get(m, i, 6, 2, 1, t, sizeof(t));
			grp.days[0] = '\0';
			if (strcmp(t, "d") == 0 || strcmp(t, "D") == 0)
				get(m, i, 6, 1, 1, grp.days, sizeof(grp.days));
			if (md != NULL) {
				str_copy(md->freq, grp.freq, sizeof(md->freq));
				str_copy(md->days, grp.days, sizeof(md->days));
			}
		} else if (strcmp(sn, "RXR") == 0) {
			text_or_code(m, i, 1, 2, grp.route, sizeof(grp.route));
			if (md != NULL)
				str_copy(md->route, grp.route, sizeof(md->route));
		}
	}
	med_flush(v, &n, &grp, rp, rows, &seq);
	buf_puts(rows, "]");
	free(v);
	return rows->oom ? -1 : seq;
}

/*
 * A message's lab results or medications (JSON rows from lab_rows or
 * med_rows) in one statement: one round trip per message, not per row.
 */
static int
store_rows(const struct hl7_msg *m, const char *type, long long rid,
    long long link)
{
	struct buf	 rows;
	int		 n, lab = !str_prefix(type, "OMP-"), rc = DB_OK;

	buf_init(&rows);
	n = lab ? lab_rows(m, &rows) : med_rows(m, type, &rows);
	if (n < 0)
		rc = DB_ERR;
	else if (n > 0 && db_exec(lab ? STMT_LAB_INSERT_ROWS :
	    STMT_MED_INSERT_ROWS, "iis", rid, link, rows.data) < 0)
		rc = DB_ERR;
	buf_free(&rows);
	return rc;
}

/* IAM rows of ADT-61 into record_allergy. */
static int
store_allergies(const struct hl7_msg *m, long long rid, long long link)
{
	char	 ty[60], code[41], name[200], sev[60], rea[200], t[40], on[20];
	int	 seq = 0;

	for (size_t i = hl7_next(m, "IAM", 0); i != HL7_NOSEG;
	    i = hl7_next(m, "IAM", i + 1)) {
		text_or_code(m, i, 2, 2, ty, sizeof(ty));
		get(m, i, 3, 1, 1, code, sizeof(code));
		text_or_code(m, i, 3, 2, name, sizeof(name));
		text_or_code(m, i, 4, 2, sev, sizeof(sev));
		text_or_code(m, i, 5, 2, rea, sizeof(rea));
		if (*code == '\0' && *name == '\0')
			continue;
		if (db_exec(STMT_ALLERGY_INSERT, "iiissssss", rid, link,
		    (long long)++seq, nz(ty), nz(code), nz(name), nz(sev),
		    nz(rea), day(get(m, i, 11, 1, 1, t, sizeof(t)), on)) < 0)
			return DB_ERR;
	}
	return DB_OK;
}

/* PRB rows of PPR-01 into record_problem. */
static int
store_problems(const struct hl7_msg *m, long long rid, long long link)
{
	char	 code[41], sys[21], name[200], st[60], t[40], on[20], res[20];
	int	 seq = 0;

	for (size_t i = hl7_next(m, "PRB", 0); i != HL7_NOSEG;
	    i = hl7_next(m, "PRB", i + 1)) {
		get(m, i, 3, 1, 1, code, sizeof(code));
		get(m, i, 3, 3, 1, sys, sizeof(sys));
		get(m, i, 3, 2, 1, name, sizeof(name));
		text_or_code(m, i, 14, 2, st, sizeof(st));
		if (*code == '\0' && *name == '\0')
			continue;
		if (day(get(m, i, 16, 1, 1, t, sizeof(t)), on) == NULL &&
		    day(get(m, i, 7, 1, 1, t, sizeof(t)), on) == NULL)
			on[0] = '\0';
		if (day(get(m, i, 9, 1, 1, t, sizeof(t)), res) == NULL)
			res[0] = '\0';
		if (db_exec(STMT_PROBLEM_INSERT, "iiissssss", rid, link,
		    (long long)++seq, nz(code), nz(sys), nz(name), nz(on),
		    nz(res), nz(st)) < 0)
			return DB_ERR;
	}
	return DB_OK;
}

/* A message's record row, worked out once for either way of writing it. */
struct rec {
	char		 title[TITLE_MAX + 10], occ[20], mt[20],
			 occg[HL7_TS_GIVEN];
	struct buf	 sum;
	const char	*key, *order, *dept, *status;
	int		 cancel;
};

/* 1 if the data type's rows go to record_lab or record_med. */
static int
has_rows(const char *type)
{
	return strcmp(type, "OML-11") == 0 || strcmp(type, "OMG-13") == 0 ||
	    str_prefix(type, "OMP-") || strcmp(type, SSMIX2_EXT_DATA_TYPE) == 0;
}

/* Fills r from the message; r->sum is the caller's to free. 0 or -1. */
static int
rec_make(struct rec *r, const struct ssmix2_file *f, const struct hl7_msg *m)
{
	const struct spot	*ts, *names;
	char			 t[40], code[8], ev[8];
	const char		*type = f->name->type;

	memset(r, 0, sizeof(*r));
	buf_init(&r->sum);
	spots(type, &ts, &names);
	all_of(m, names, &r->sum);
	if (str_prefix(type, "OMG-"))
		findings(m, &r->sum);
	if (r->sum.oom)
		return -1;
	if (r->sum.data != NULL)
		clip(r->sum.data, SUMMARY_MAX);
	/* The title is the first item's name (ADT: the kind says it all). */
	str_copy(r->title, r->sum.data != NULL && (!str_prefix(type, "ADT-") ||
	    strcmp(type, "ADT-61") == 0) ? r->sum.data : "", sizeof(r->title));
	char *sep = strstr(r->title, "、");
	if (sep != NULL)
		*sep = '\0';
	clip(r->title, TITLE_MAX);
	/* else MSH-7, when the message was made; either as given */
	if (when_given(first_of(m, ts, t, sizeof(t)), r->occ, r->occg) ==
	    NULL)
		(void)when_given(get(m, 0, 7, 1, 1, t, sizeof(t)), r->occ,
		    r->occg);
	if (hl7_msg_type(m, code, sizeof(code), ev, sizeof(ev)) == 0)
		str_fmt(r->mt, sizeof(r->mt), "%s%s%s", code, *ev ? "^" : "",
		    ev);
	if (!ssmix2_no_order(f->name->order))
		r->key = r->order = f->name->order;
	else if (f->type->snapshot)
		r->key = "snapshot";
	r->dept = strcmp(f->name->dept, "-") == 0 ? NULL : f->name->dept;
	r->cancel = cancels(m);
	/*
	 * An order's record goes in as if it were the newest of its order (the
	 * common case: one message per order), so that deciding the order
	 * before the commit rarely has to rewrite the row.
	 */
	r->status = f->name->flag == 1 && !r->cancel ? "current" :
	    r->key != NULL || f->name->flag == 1 ? "cancelled" : "superseded";
	return 0;
}

/*
 * Stores one message of a file: the record and its child rows. The flag
 * semantics of its order are the caller's to decide, with
 * ssmix2_regroup_range() before it commits; an ADT-00's are decided here.
 * The id of the new record goes to *rid; *rid is negated when the record
 * is not (or not yet known to be) current: an ADT-00 then leaves the
 * link's demographics alone. Returns DB_OK or a DB_* error.
 */
int
ssmix2_store(const struct ssmix2_file *f, const struct hl7_msg *m,
    long long *rid)
{
	struct rec	 r;
	const char	*type = f->name->type;
	long long	 cur;
	int		 rc = DB_ERR;

	if (rec_make(&r, f, m) == -1)
		goto out;
	rc = db_exec(STMT_RECORD_INSERT, "iii" "ssssss" "ii" "ssssssssss" "b",
	    f->facility_id, f->link_id, f->file_id, f->type->kind, type,
	    nz(r.mt), r.order, r.key, r.dept, (long long)f->name->flag,
	    (long long)r.cancel, f->care_date, nz(r.occ), nz(r.occg),
	    f->message_ts, nz(f->message_ts_given), nz(r.title), nz(r.sum.data),
	    r.status, f->rel_path, f->sha256, f->raw, f->rawlen);
	if (rc < 0)
		goto out;
	*rid = (long long)db_last_id();
	if (has_rows(type))
		rc = store_rows(m, type, *rid, f->link_id);
	else if (strcmp(type, "ADT-61") == 0)
		rc = store_allergies(m, *rid, f->link_id);
	else if (strcmp(type, "PPR-01") == 0)
		rc = store_problems(m, *rid, f->link_id);
	else
		rc = DB_OK;
	if (rc != DB_OK)
		goto out;
	/*
	 * Orders are decided by the caller (ssmix2_regroup_range) before it
	 * commits; only an ADT-00 needs its verdict now: whether it is
	 * current decides if its demographics replace the link's.
	 */
	if (r.key != NULL && strcmp(type, "ADT-00") == 0) {
		if ((cur = ssmix2_regroup(f->link_id, type, r.key)) < 0) {
			rc = DB_ERR;
			goto out;
		}
		if (cur != *rid)
			*rid = -*rid;
	} else if (r.key != NULL || f->name->flag != 1 || r.cancel)
		*rid = -*rid;
	rc = DB_OK;
out:
	buf_free(&r.sum);
	return rc;
}

/* ------------------------------------------------------------- staging */

/*
 * New message files of a batch, staged as JSON and written with four
 * statements (import_file, record, record_lab, record_med) instead of
 * about three per file. Rows find their file and record by rel_path, so
 * nothing relies on ids being consecutive (Galera's are not).
 */
struct ssmix2_stage {
	long long	 fid, run_id;
	struct buf	 files, recs, labs, meds;
	size_t		 n;
};

struct ssmix2_stage *
ssmix2_stage_new(long long fid, long long run_id)
{
	struct ssmix2_stage	*sg;

	if ((sg = calloc(1, sizeof(*sg))) == NULL)
		return NULL;
	sg->fid = fid;
	sg->run_id = run_id;
	buf_init(&sg->files);
	buf_init(&sg->recs);
	buf_init(&sg->labs);
	buf_init(&sg->meds);
	return sg;
}

/* Drops what is staged (after a rollback, or once written). */
void
ssmix2_stage_reset(struct ssmix2_stage *sg)
{
	if (sg == NULL)
		return;
	buf_reset(&sg->files);
	buf_reset(&sg->recs);
	buf_reset(&sg->labs);
	buf_reset(&sg->meds);
	sg->n = 0;
}

void
ssmix2_stage_free(struct ssmix2_stage *sg)
{
	if (sg == NULL)
		return;
	buf_free(&sg->files);
	buf_free(&sg->recs);
	buf_free(&sg->labs);
	buf_free(&sg->meds);
	free(sg);
}

/* Bytes staged: the statements must stay well under max_allowed_packet. */
size_t
ssmix2_stage_bytes(const struct ssmix2_stage *sg)
{
	return sg->files.len + sg->recs.len + sg->labs.len + sg->meds.len;
}

/* Opens the next element of a JSON array being built in b. */
static void
jnext(struct buf *b, const char *open)
{
	buf_puts(b, b->len == 0 ? "[" : ",");
	buf_puts(b, open);
}

/* Appends a JSON string: bytes as lowercase hex (a raw message). */
static void
jhex(struct buf *b, const void *p, size_t len)
{
	static const char	 hx[] = "0123456789abcdef";
	const unsigned char	*c = p;
	char			 two[2];

	buf_puts(b, ",\"");
	for (size_t i = 0; i < len; i++) {
		two[0] = hx[c[i] >> 4];
		two[1] = hx[c[i] & 15];
		buf_add(b, two, 2);
	}
	buf_puts(b, "\"");
}

/*
 * Appends the raw message: as JSON text when it is UTF-8 without NUL (the
 * usual HL7 file; the bytes come back unchanged), else as hex. A flag
 * before it tells which.
 */
static void
jraw(struct buf *b, const void *p, size_t len)
{
	if (utf8_valid(p, len) && memchr(p, '\0', len) == NULL) {
		buf_puts(b, ",\"t\",");
		jstr(b, p);
		return;
	}
	buf_puts(b, ",\"x\"");
	jhex(b, p, len);
}

/*
 * Stages a new message file: its import_file row (imported), its record
 * and its lab or medication rows. f->file_id is not used: the rows find
 * the file by its path. Returns DB_OK, or DB_ERR (out of memory).
 */
int
ssmix2_stage_add(struct ssmix2_stage *sg, const struct ssmix2_file *f,
    const struct hl7_msg *m)
{
	struct rec	 r;
	struct buf	 rows;
	char		 num[32];
	const char	*type = f->name->type;
	int		 n = 0, rc = DB_ERR;

	buf_init(&rows);
	if (rec_make(&r, f, m) == -1)
		goto out;
	/* numbers as strings: a JSON number would pass through a double */
	jnext(&sg->files, "[");
	jstr(&sg->files, f->rel_path);
	str_fmt(num, sizeof(num), "%lld", f->size);
	jv(&sg->files, num);
	str_fmt(num, sizeof(num), "%lld", f->mtime);
	jv(&sg->files, num);
	jv(&sg->files, f->sha256);
	jv(&sg->files, type);
	jv(&sg->files, f->local_id);
	buf_puts(&sg->files, "]");

	jnext(&sg->recs, "[");
	jstr(&sg->recs, f->rel_path);
	str_fmt(num, sizeof(num), "%lld", f->link_id);
	jv(&sg->recs, num);
	jv(&sg->recs, f->type->kind);
	jv(&sg->recs, type);
	jv(&sg->recs, r.mt);
	jv(&sg->recs, r.order);
	jv(&sg->recs, r.key);
	jv(&sg->recs, r.dept);
	jv(&sg->recs, f->name->flag == 1 ? "1" : "0");
	jv(&sg->recs, r.cancel ? "1" : "0");
	jv(&sg->recs, f->care_date);
	jv(&sg->recs, r.occ);
	jv(&sg->recs, f->message_ts);
	jv(&sg->recs, r.status);
	jv(&sg->recs, f->sha256);
	jv(&sg->recs, r.occg);
	jv(&sg->recs, f->message_ts_given);
	/* long strings last: JSON_TABLE scans a row from its start per column */
	jv(&sg->recs, r.title);
	jv(&sg->recs, r.sum.data);
	jraw(&sg->recs, f->raw, f->rawlen);
	buf_puts(&sg->recs, "]");

	if (has_rows(type)) {
		int lab = !str_prefix(type, "OMP-");
		struct buf *b = lab ? &sg->labs : &sg->meds;
		if ((n = lab ? lab_rows(m, &rows) : med_rows(m, type, &rows)) < 0)
			goto out;
		if (n > 0) {
			jnext(b, "{\"rel\":");
			jstr(b, f->rel_path);
			buf_puts(b, ",\"rows\":");
			buf_add(b, rows.data, rows.len);
			buf_puts(b, "}");
		}
	}
	sg->n++;
	rc = sg->files.oom || sg->recs.oom || sg->labs.oom || sg->meds.oom ?
	    DB_ERR : DB_OK;
out:
	buf_free(&rows);
	buf_free(&r.sum);
	return rc;
}

/* Runs one staged statement over the JSON array in b, if any. */
static int
stage_exec(enum stmt s, long long fid, long long run_id, struct buf *b)
{
	if (b->len == 0)
		return DB_OK;
	if (buf_puts(b, "]") == -1 || b->oom)
		return DB_ERR;
	if (s == STMT_IMPORT_FILE_ROWS)
		return db_exec(s, "iis", fid, run_id, b->data) < 0 ? DB_ERR :
		    DB_OK;
	return db_exec(s, "si", b->data, fid) < 0 ? DB_ERR : DB_OK;
}

/*
 * Writes what is staged, in the caller's transaction, and empties the
 * stage. The smallest record id written goes to *first (0 if none): the
 * caller decides the orders from there. Returns DB_OK or a DB_* error.
 */
int
ssmix2_stage_flush(struct ssmix2_stage *sg, long long *first)
{
	int	 rc;

	*first = 0;
	if (sg->n == 0)
		return DB_OK;
	if ((rc = stage_exec(STMT_IMPORT_FILE_ROWS, sg->fid, sg->run_id,
	    &sg->files)) != DB_OK ||
	    (rc = stage_exec(STMT_RECORD_ROWS, sg->fid, 0, &sg->recs)) != DB_OK)
		goto out;
	/* an INSERT ... SELECT: the first id it made */
	*first = (long long)db_last_id();
	if ((rc = stage_exec(STMT_LAB_ROWS, sg->fid, 0, &sg->labs)) != DB_OK ||
	    (rc = stage_exec(STMT_MED_ROWS, sg->fid, 0, &sg->meds)) != DB_OK)
		goto out;
out:
	ssmix2_stage_reset(sg);
	return rc;
}
