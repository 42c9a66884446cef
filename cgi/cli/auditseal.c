/* auditseal.c: sealing, checkpointing and verifying the audit chain (the admin tool only) */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "audit/chain.h"
#include "base/config.h"
#include "base/util.h"
#include "cli/auditseal.h"
#include "db/db.h"
#include "pki/pki.h"

_Static_assert((int)AUDIT_UNSEALED__NCOLS == (int)AC__MAX &&
    (int)AUDIT_CHAIN_PAGE__NCOLS == (int)AC__MAX + 1, "the chain's statements return enum ac_field's columns in order");

/*
 * The design (docs/audit.md):
 *
 * - audit() in a worker only INSERTs, with seq and hash NULL, inside the
 *   request's transaction. Workers never touch the chain head, so a page
 *   view never waits for another one's audit.
 * - The sealer (here; `mogamictl audit seal`, every jobs_audit_seal_secs by
 *   the scheduler, or by hand) locks the single audit_chain row (SELECT
 *   ... FOR UPDATE), then reads the committed unsealed rows in id order and
 *   gives each the next dense seq and its hash, and moves the head, all in
 *   one transaction. Only sealers take that lock, so the chain cannot fork;
 *   UNIQUE (seq) refuses a fork even without it (Galera: the loser gets
 *   1213 and the batch is retried from the start).
 * - The chain's order is seq, the order of sealing, not id: a row with a
 *   lower id whose long transaction commits late is simply sealed later.
 * - After sealing, the head (seq, hash, time) is appended to
 *   var/audit/checkpoints, one line signed with HMAC-SHA256 under
 *   var/pki/audit.key (0600). Only this file reads that key: the workers
 *   (mogamid) link nothing from it. So deleting the newest rows, and the
 *   head with them, still shows: a checkpoint names a seq that is gone.
 */

#define SEAL_BATCH	500	/* rows per sealing transaction */
#define SEAL_TRIES	30	/* a batch is retried after a conflict (Galera: 1213) */
#define VERIFY_PAGE	2000	/* rows read at a time while verifying */
#define CKPT_EVERY	50	/* seconds: a checkpoint at least every minute */

static int
path_in_var(char *out, size_t len, const char *rel)
{
	return str_fmt(out, len, "%s/%s", cfg.var_dir, rel);
}

/* The checkpoint key; with create, made on first use. 0 or -1. */
static int
ckpt_key(int create, unsigned char key[AC_KEY_LEN], char *err, size_t errlen)
{
	char	 path[600];

	if (path_in_var(path, sizeof(path), "pki/audit.key") == -1) {
		str_copy(err, "var_dir too long", errlen);
		return -1;
	}
	return pki_secret_key(path, create, key, AC_KEY_LEN, err, errlen);
}

/* Makes the checkpoint key if there is none (mogamictl ca init). 0 or -1. */
int
auditseal_key_init(char *err, size_t errlen)
{
	unsigned char	 key[AC_KEY_LEN];
	int		 rc;

	rc = ckpt_key(1, key, err, errlen);
	explicit_bzero(key, sizeof(key));
	return rc;
}

static void
row_from(const struct dbres *res, size_t i, struct ac_row *r)
{
	for (size_t c = 0; c < AC__MAX; c++) {
		r->f[c] = dbres_get(res, i, c);
		r->len[c] = dbres_len(res, i, c);
	}
}

/*
 * Seals up to SEAL_BATCH committed unsealed rows in one transaction: their
 * hashes chained here, then written by one statement ([id, seq, hash]
 * triples read with JSON_TABLE; one UPDATE per row held sealing to about
 * 1,400 rows/s, docs/benchmarks.md). Every row must still be unsealed, or nothing is.
 * Returns how many (>= 0), or -1 after a rollback (retry).
 */
static int
seal_batch(void)
{
	struct dbres	*head = NULL, *low = NULL, *rows = NULL;
	struct ac_row	 r;
	struct buf	 set;
	char		 prev[PKI_SHA256_HEX], hash[PKI_SHA256_HEX], seqs[24];
	long long	 seq;
	size_t		 i;

	buf_init(&set);
	if (db_begin() != DB_OK)
		return -1;
	/* The lock comes first: the unsealed rows are read after it. */
	if ((head = db_query(STMT_AUDIT_HEAD_LOCK, "")) == NULL ||
	    head->nrows != 1 || !auditchain_hex_ok(dbres_get(head, 0, AUDIT_HEAD_LOCK_HASH)))
		goto fail;
	seq = dbres_ll(head, 0, AUDIT_HEAD_LOCK_SEQ);
	str_copy(prev, dbres_get(head, 0, AUDIT_HEAD_LOCK_HASH), sizeof(prev));
	if ((low = db_query(STMT_AUDIT_UNSEALED_LOW, "")) == NULL)
		goto fail;
	if ((rows = db_query(STMT_AUDIT_UNSEALED, "ii", low->nrows ?
	    dbres_ll(low, 0, AUDIT_UNSEALED_LOW_ID) : 0LL, (long long)SEAL_BATCH)) == NULL)
		goto fail;
	if (buf_puts(&set, "[") == -1)
		goto fail;
	for (i = 0; i < rows->nrows; i++) {
		row_from(rows, i, &r);
		snprintf(seqs, sizeof(seqs), "%lld", ++seq);
		r.f[AC_SEQ] = seqs;
		r.len[AC_SEQ] = strlen(seqs);
		/* The hash is 64 hex digits: nothing in it needs escaping. */
		if (auditchain_hash(prev, &r, hash) == -1 ||
		    buf_printf(&set, "%s[%lld,%lld,\"%s\"]", i ? "," : "",
		    dbres_ll(rows, i, AC_ID), seq, hash) == -1)
			goto fail;
		memcpy(prev, hash, sizeof(prev));
	}
	if (buf_puts(&set, "]") == -1)
		goto fail;
	if (i > 0 && (db_exec(STMT_AUDIT_SEAL_ROWS, "s", set.data) != (int)i ||
	    db_exec(STMT_AUDIT_HEAD_SET, "is", seq, prev) != 1))
		goto fail;
	if (db_commit() != DB_OK)
		goto fail;
	dbres_free(head);
	dbres_free(low);
	dbres_free(rows);
	buf_free(&set);
	return (int)i;
fail:
	db_rollback();
	dbres_free(head);
	dbres_free(low);
	dbres_free(rows);
	buf_free(&set);
	return -1;
}

/*
 * Seals every committed unsealed row; *n counts them. Returns 0, or -1
 * with a message in err (what was sealed before stays sealed).
 */
int
auditseal_run(long long *n, char *err, size_t errlen)
{
	char	 path[600];
	int	 got, tries = 0;

	*n = 0;
	/*
	 * The checkpoints exist before the first entry is sealed, so that a
	 * missing file with a sealed chain means someone removed it.
	 */
	if (path_in_var(path, sizeof(path), "audit/checkpoints") == -1 ||
	    (access(path, F_OK) != 0 &&
	    auditseal_checkpoint(1, err, errlen) == -1))
		return -1;
	for (;;) {
		if ((got = seal_batch()) == -1) {
			if (++tries >= SEAL_TRIES) {
				str_fmt(err, errlen, "sealing failed %d times "
				    "(database error %d)", tries, db_last_error());
				return -1;
			}
			/*
			 * Another sealer won (on another Galera node the head
			 * lock does not hold, so the loser learns only at
			 * commit): back off a random while, so that two
			 * sealers do not collide again in step.
			 */
			usleep((useconds_t)(10000 * (tries < 10 ? tries : 10) +
			    arc4random_uniform(20000)));
			continue;
		}
		tries = 0;
		*n += got;
		if (got < SEAL_BATCH)
			return 0;
	}
}

/*
 * The last line of the file at fd (at most AC_CKPT_MAX bytes) into line;
 * "" when the file is empty. 0 or -1.
 */
static int
last_line(int fd, char line[AC_CKPT_MAX])
{
	struct stat	 st;
	char		 tail[AC_CKPT_MAX + 1], *p;
	off_t		 from;
	ssize_t		 r;

	line[0] = '\0';
	if (fstat(fd, &st) == -1)
		return -1;
	if (st.st_size == 0)
		return 0;
	from = st.st_size > AC_CKPT_MAX ? st.st_size - AC_CKPT_MAX : 0;
	if ((r = pread(fd, tail, (size_t)(st.st_size - from), from)) <= 0)
		return -1;
	tail[r] = '\0';
	if (tail[r - 1] == '\n')
		tail[--r] = '\0';
	p = strrchr(tail, '\n');
	return str_copy(line, p ? p + 1 : tail, AC_CKPT_MAX);
}

/* Appends line to fd and flushes it to disk; 0 or -1. */
static int
append(int fd, const char *line)
{
	size_t	 len = strlen(line);
	ssize_t	 w;

	while (len > 0) {
		if ((w = write(fd, line, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		line += w;
		len -= (size_t)w;
	}
	return fsync(fd);
}

/*
 * Appends the chain head to var/audit/checkpoints when it moved since the
 * last line, when the last line is CKPT_EVERY seconds old, or with force.
 * The head row stays locked meanwhile, so no sealer moves it and a line
 * only ever names a committed head, in order. Returns 1 when a line was
 * written, 0 when none was due, -1 with a message in err.
 */
int
auditseal_checkpoint(int force, char *err, size_t errlen)
{
	unsigned char	 key[AC_KEY_LEN];
	struct ac_ckpt	 last;
	struct dbres	*head = NULL;
	struct stat	 st;
	char		 dir[600], path[600], line[AC_CKPT_MAX];
	int		 fd = -1, rc = -1;

	if (path_in_var(dir, sizeof(dir), "audit") == -1 ||
	    path_in_var(path, sizeof(path), "audit/checkpoints") == -1) {
		str_copy(err, "var_dir too long", errlen);
		return -1;
	}
	if (ckpt_key(1, key, err, errlen) == -1)
		return -1;
	if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
		str_fmt(err, errlen, "%s: %s", dir, strerror(errno));
		goto out;
	}
	if ((fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644)) ==
	    -1) {
		str_fmt(err, errlen, "%s: %s", path, strerror(errno));
		goto out;
	}
	/*
	 * The head lock below is node-local under Galera: two sealers on two
	 * nodes could read heads 120 and 140 and append them as 140, 120.
	 * The file lock orders the appends, and a head behind the last line
	 * (a node that had not applied it yet) is not written.
	 */
	if (flock(fd, LOCK_EX) == -1) {
		str_fmt(err, errlen, "%s: lock: %s", path, strerror(errno));
		goto out;
	}
	if (db_begin() != DB_OK ||
	    (head = db_query(STMT_AUDIT_HEAD_LOCK, "")) == NULL ||
	    head->nrows != 1) {
		str_copy(err, "cannot read the chain head", errlen);
		goto out;
	}
	if (last_line(fd, line) == 0 &&
	    auditchain_ckpt_parse(key, line, &last) == 0 &&
	    last.seq > dbres_ll(head, 0, AUDIT_HEAD_LOCK_SEQ)) {
		rc = 0;
		goto out;
	}
	if (!force && last_line(fd, line) == 0 &&
	    auditchain_ckpt_parse(key, line, &last) == 0 &&
	    last.seq == dbres_ll(head, 0, AUDIT_HEAD_LOCK_SEQ) && fstat(fd, &st) == 0 &&
	    time(NULL) - st.st_mtime < CKPT_EVERY) {
		rc = 0;
		goto out;
	}
	if (auditchain_ckpt_format(key, dbres_ll(head, 0, AUDIT_HEAD_LOCK_SEQ),
	    dbres_get(head, 0, AUDIT_HEAD_LOCK_HASH), time(NULL), line, sizeof(line)) == -1 ||
	    append(fd, line) == -1) {
		str_fmt(err, errlen, "%s: cannot append", path);
		goto out;
	}
	rc = 1;
out:
	db_rollback();	/* releases the head; nothing was changed */
	dbres_free(head);
	if (fd != -1)
		close(fd);
	explicit_bzero(key, sizeof(key));
	return rc;
}

/* ---- Verifying ---- */

/*
 * The checkpoints, read along the walk so that memory stays flat however
 * long the file grows. Only the bytes the file had before the database
 * snapshot are read: each of those names a head committed before it.
 */
struct ckread {
	FILE		*f;		/* NULL: no checkpoints yet */
	off_t		 limit;		/* the file's size before the snapshot */
	off_t		 pos;
	size_t		 lineno;
	unsigned char	 key[AC_KEY_LEN];
	char		*line;
	size_t		 cap;
	int		 have;		/* cur is the next one to compare */
	struct ac_ckpt	 cur;
	struct ac_ckpt	 last;		/* the last one read */
	size_t		 n;		/* read so far */
	time_t		 mtime;
};

/* Opens the checkpoints and the key; 0, or 2 (could not check). */
static int
ckread_open(FILE *out, FILE *warn, struct ckread *c)
{
	char		 path[600], err[256];
	struct stat	 st;

	memset(c, 0, sizeof(*c));
	if (path_in_var(path, sizeof(path), "audit/checkpoints") == -1)
		return 2;
	if ((c->f = fopen(path, "r")) == NULL) {
		if (errno != ENOENT)
			return 2;
		fprintf(warn, "audit verify: warning: no checkpoints yet (%s): "
		    "a deleted tail cannot be detected\n", path);
		return 0;
	}
	if (fstat(fileno(c->f), &st) == -1)
		return 2;
	c->limit = st.st_size;
	c->mtime = st.st_mtime;
	if (ckpt_key(0, c->key, err, sizeof(err)) == -1) {
		fprintf(out, "audit verify: cannot read the checkpoint key: %s\n",
		    err);
		return 2;
	}
	return 0;
}

static void
ckread_close(struct ckread *c)
{
	if (c->f != NULL)
		fclose(c->f);
	free(c->line);
	explicit_bzero(c->key, sizeof(c->key));
}

/*
 * Reads the next checkpoint into c->cur (c->have 0 at the end), checking
 * its signature and that seq never goes back. 0, or 1 (tampered: said on
 * out).
 */
static int
ckread_next(FILE *out, struct ckread *c)
{
	struct ac_ckpt	 k;
	ssize_t		 len;
	int		 e;

	c->have = 0;
	if (c->f == NULL || c->pos >= c->limit)
		return 0;
	if ((len = getline(&c->line, &c->cap, c->f)) == -1)
		return 0;
	c->pos += len;
	c->lineno++;
	c->line[strcspn(c->line, "\n")] = '\0';
	if ((e = auditchain_ckpt_parse(c->key, c->line, &k)) != 0) {
		fprintf(out, "audit verify: FAILED: checkpoint line %zu %s\n",
		    c->lineno, e == -2 ? "has a bad signature (edited or forged)" :
		    "is malformed");
		return 1;
	}
	if (c->n > 0 && k.seq < c->last.seq) {
		fprintf(out, "audit verify: FAILED: checkpoint line %zu goes back "
		    "from seq %lld to seq %lld\n", c->lineno, c->last.seq, k.seq);
		return 1;
	}
	c->cur = k;
	c->last = k;
	c->have = 1;
	c->n++;
	return 0;
}

/*
 * Warns about audit columns the chain does not cover (a later migration):
 * a column is covered, or known to be derived (auditchain_derived) and
 * still generated by the database from the covered ones.
 */
static int
covered(const char *name)
{
	for (size_t j = 0; j < AC__MAX; j++)
		if (str_eq(name, auditchain_columns[j]))
			return 1;
	return 0;
}

static void
check_columns(FILE *warn)
{
	struct dbres	*res;

	if ((res = db_query(STMT_AUDIT_COLUMNS, "")) == NULL)
		return;
	for (size_t i = 0; i < res->nrows; i++) {
		const char *name = dbres_get(res, i, AUDIT_COLUMNS_COLUMN_NAME);
		int generated = dbres_ll(res, i, AUDIT_COLUMNS_GENERATED) != 0;
		if (str_eq(name, "hash") || covered(name) ||
		    (generated && str_one_of(name, auditchain_derived)))
			continue;
		if (str_one_of(name, auditchain_derived))
			fprintf(warn, "audit verify: warning: column audit.%s is "
			    "known as derived but is no longer a generated column "
			    "(cover it in audit/chain.c with a new tag)\n", name);
		else
			fprintf(warn, "audit verify: warning: column audit.%s is "
			    "not covered by the chain (cover it in audit/chain.c "
			    "with a new tag, or list it in auditchain_derived if "
			    "the database computes it)\n", name);
	}
	dbres_free(res);
}

/* Warns about rows left unsealed for more than secs seconds. */
static void
check_unsealed(FILE *warn, int secs)
{
	struct dbres	*res;

	if ((res = db_query(STMT_AUDIT_UNSEALED_OLD, "i", (long long)secs)) ==
	    NULL)
		return;
	if (dbres_ll(res, 0, AUDIT_UNSEALED_OLD_N) > 0)
		fprintf(warn, "audit verify: warning: %lld entries unsealed for "
		    "more than %d s (the oldest id %s at %s): is the scheduler "
		    "running?\n", dbres_ll(res, 0, AUDIT_UNSEALED_OLD_N), secs,
		    dbres_get(res, 0, AUDIT_UNSEALED_OLD_MIN_ID), dbres_get(res, 0, AUDIT_UNSEALED_OLD_OLDEST));
	dbres_free(res);
}

/* The state of a walk along the chain. */
struct walk {
	long long	 seq;		/* the last entry checked */
	long long	 id;		/* its id */
	char		 hash[PKI_SHA256_HEX];
};

/*
 * Checks the rows of one page against the chain so far. Returns 0, or 1
 * with the first bad entry named on out.
 */
static int
walk_page(FILE *out, const struct dbres *res, struct ckread *c,
    struct walk *w)
{
	struct ac_row	 r;
	char		 want[PKI_SHA256_HEX];

	for (size_t i = 0; i < res->nrows; i++) {
		long long seq = dbres_ll(res, i, AC_SEQ);
		long long id = dbres_ll(res, i, AC_ID);
		const char *stored = dbres_get(res, i, AC__MAX);

		if (seq != w->seq + 1) {
			fprintf(out, "audit verify: FAILED at seq %lld: the entry "
			    "is missing (deleted); the chain goes on at seq %lld "
			    "(id %lld)\n", w->seq + 1, seq, id);
			return 1;
		}
		row_from(res, i, &r);
		if (auditchain_hash(w->hash, &r, want) == -1 ||
		    stored == NULL || strcmp(want, stored) != 0) {
			fprintf(out, "audit verify: FAILED at seq %lld (id %lld): "
			    "the hash does not match the entry and the one before "
			    "it: a column was changed, or entries were reordered "
			    "or replaced\n", seq, id);
			return 1;
		}
		while (c->have && c->cur.seq <= seq)
			if (strcmp(c->cur.hash, stored) != 0) {
				fprintf(out, "audit verify: FAILED at seq %lld "
				    "(id %lld): differs from the signed checkpoint "
				    "of %s: the chain was rewritten at or before "
				    "this entry\n", seq, id, c->cur.time);
				return 1;
			} else if (ckread_next(out, c) != 0)
				return 1;
		w->seq = seq;
		w->id = id;
		memcpy(w->hash, stored, sizeof(w->hash));
	}
	return 0;
}

/* After the last entry: the checkpoints and the head must not be ahead. */
static int
check_tail(FILE *out, struct ckread *c, const struct dbres *head,
    const struct walk *w)
{
	long long	 hseq = dbres_ll(head, 0, AUDIT_HEAD_SEQ);
	const char	*hhash = dbres_get(head, 0, AUDIT_HEAD_HASH);

	if (c->f == NULL && w->seq > 0) {
		fprintf(out, "audit verify: FAILED at seq %lld (id %lld): the "
		    "checkpoints are missing although the chain has entries "
		    "(the sealer writes them before the first): the tail cannot "
		    "be checked\n", w->seq, w->id);
		return 1;
	}
	/* The rest of the checkpoints (their signatures) up to the last. */
	while (c->have)
		if (ckread_next(out, c) != 0)
			return 1;
	if (c->n > 0 && c->last.seq > w->seq) {
		const struct ac_ckpt *k = &c->last;
		fprintf(out, "audit verify: FAILED at seq %lld: the chain ends at "
		    "seq %lld (id %lld) but the signed checkpoint of %s says it "
		    "reached seq %lld: entries %lld..%lld were deleted (truncated "
		    "tail)\n", w->seq + 1, w->seq, w->id, k->time, k->seq,
		    w->seq + 1, k->seq);
		return 1;
	}
	if (hseq > w->seq) {
		fprintf(out, "audit verify: FAILED at seq %lld: the chain ends at "
		    "seq %lld (id %lld) but its head says seq %lld: entries "
		    "%lld..%lld were deleted (truncated tail)\n", w->seq + 1,
		    w->seq, w->id, hseq, w->seq + 1, hseq);
		return 1;
	}
	if (hseq != w->seq || !str_eq(hhash, w->hash)) {
		fprintf(out, "audit verify: FAILED at seq %lld (id %lld): the "
		    "chain head (seq %lld) does not match the last entry\n",
		    w->seq, w->id, hseq);
		return 1;
	}
	return 0;
}

/*
 * Checks the whole chain and every checkpoint; the verdict goes to out,
 * warnings (rows unsealed for more than unsealed_secs, uncovered columns,
 * stale checkpoints) to warn. Returns 0 when intact, 1 when tampered (the
 * first bad entry named), 2 when it could not check.
 */
int
auditseal_verify(FILE *out, FILE *warn, int unsealed_secs)
{
	struct ckread	 c;
	struct walk	 w;
	struct dbres	*head = NULL, *page = NULL;
	int		 rc;

	/* Checkpoints first: what the file holds now names committed heads. */
	if ((rc = ckread_open(out, warn, &c)) != 0 ||
	    (rc = ckread_next(out, &c)) != 0)
		goto out;
	rc = 2;
	memset(&w, 0, sizeof(w));
	str_copy(w.hash, AC_GENESIS, sizeof(w.hash));
	while (c.have && c.cur.seq == 0)
		if (!str_eq(c.cur.hash, AC_GENESIS)) {
			fprintf(out, "audit verify: FAILED: the checkpoint of %s "
			    "names seq 0 with a hash that is not the genesis\n",
			    c.cur.time);
			rc = 1;
			goto out;
		} else if (ckread_next(out, &c) != 0) {
			rc = 1;
			goto out;
		}
	/* One snapshot for the head and every page. */
	if (db_begin() != DB_OK ||
	    (head = db_query(STMT_AUDIT_HEAD, "")) == NULL || head->nrows != 1) {
		fprintf(out, "audit verify: cannot read the chain head\n");
		goto out;
	}
	for (;;) {
		if ((page = db_query(STMT_AUDIT_CHAIN_PAGE, "ii", w.seq,
		    (long long)VERIFY_PAGE)) == NULL) {
			fprintf(out, "audit verify: cannot read the chain\n");
			goto out;
		}
		if (walk_page(out, page, &c, &w) != 0) {
			rc = 1;
			goto out;
		}
		if (page->nrows < VERIFY_PAGE)
			break;
		dbres_free(page);
		page = NULL;
	}
	if (check_tail(out, &c, head, &w) != 0) {
		rc = 1;
		goto out;
	}
	check_unsealed(warn, unsealed_secs);
	check_columns(warn);
	if (c.n > 0 && time(NULL) - c.mtime > 2 * 60)
		fprintf(warn, "audit verify: warning: the last checkpoint is %lld s "
		    "old: is the scheduler running?\n",
		    (long long)(time(NULL) - c.mtime));
	fprintf(out, "audit verify: intact: %lld entries (seq 1..%lld), head %s; "
	    "%zu checkpoints", w.seq, w.seq, w.hash, c.n);
	if (c.n > 0)
		fprintf(out, ", the last of %s at seq %lld", c.last.time,
		    c.last.seq);
	fprintf(out, "\n");
	rc = 0;
out:
	db_rollback();
	dbres_free(head);
	dbres_free(page);
	ckread_close(&c);
	return rc;
}
