/* ssmix2.c: importing a facility's SS-MIX2 standardized storage */
/*
 * Walks ROOT/PID[0:3]/PID[3:6]/PID/DATE/TYPE/FILE and the extended storage
 * (ROOT/PID[0:3]/PID[3:6]/PID/DATE/TYPE/DOCUMENT/FILE as the guideline lays
 * it out; TYPE/FILE as earlier trees had it),
 * checks every file, and imports or quarantines it together with its
 * import_file row. Files are written in batches (BATCH_FILES, BATCH_SECS),
 * each batch ONE transaction: a run killed at any point loses the open
 * batch whole, and run again ends as one clean run would have. Durable
 * commits cost an fsync each; a batch pays one for hundreds of files.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "base/kana.h"
#include "base/util.h"
#include "db/db.h"
#include "import/hl7.h"
#include "import/ssmix2.h"
#include "pki/pki.h"
#include "web/audit.h"

#define DEPTH		6	/* a/b/PID/DATE/TYPE/FILE */
#define EXT_DEPTH	7	/* a/b/PID/DATE/TYPE/DOCUMENT/FILE */
#define PART_MAX	256	/* a folder name (a keyword, a document folder) */
#define MAX_WALK	8	/* deeper directories are not read */
#define REL_MAX		400	/* import_file.rel_path */
#define BATCH_FILES	200	/* files per transaction */
#define BATCH_BYTES	(16u * 1024 * 1024)	/* file contents held at once */
#define BATCH_SECS	0.1	/* a batch older than this commits */
#define STAGE_FILE	(256u * 1024)	/* larger files are written alone */
#define STAGE_BYTES	(4u * 1024 * 1024)	/* JSON staged (max_allowed_packet) */

/* ---------------------------------------------------------------- walk */

struct entry {
	int	 ext;		/* 1: extended storage */
	char	*rel;		/* relative path, as on disk */
};

struct entries {
	struct entry	*v;
	size_t		 n, cap;
	int		 oom;
	int		 incomplete;	/* a folder could not be read */
};

static void
entries_add(struct entries *es, int ext, const char *rel)
{
	if (es->oom)
		return;
	if (es->n == es->cap) {
		size_t ncap = es->cap ? es->cap * 2 : 256;
		struct entry *p = reallocarray(es->v, ncap, sizeof(*p));
		if (p == NULL) {
			es->oom = 1;
			return;
		}
		es->v = p;
		es->cap = ncap;
	}
	if ((es->v[es->n].rel = strdup(rel)) == NULL) {
		es->oom = 1;
		return;
	}
	es->v[es->n++].ext = ext;
}

static void
entries_free(struct entries *es)
{
	for (size_t i = 0; i < es->n; i++)
		free(es->v[i].rel);
	free(es->v);
	memset(es, 0, sizeof(*es));
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->ext != y->ext)
		return x->ext - y->ext;
	return strcmp(x->rel, y->rel);
}

/*
 * Collects every non-directory under root/rel (names starting with "."
 * are skipped: sync tools write their partial files so). Symbolic links
 * are listed, not followed; the import quarantines them.
 * Returns 0, or -1 if root itself cannot be read.
 */
static int
walk(const char *root, const char *rel, int depth, int ext,
    struct entries *es)
{
	char		 dir[1200], sub[1200], path[2400];
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;

	if (str_fmt(dir, sizeof(dir), "%s%s%s", root, *rel ? "/" : "", rel) ==
	    -1 || (d = opendir(dir)) == NULL) {
		es->incomplete = 1;
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (str_fmt(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "",
		    de->d_name) == -1 ||
		    str_fmt(path, sizeof(path), "%s/%s", root, sub) == -1 ||
		    lstat(path, &st) == -1) {
			es->incomplete = 1;
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			if (depth < MAX_WALK)
				walk(root, sub, depth + 1, ext, es);
		} else
			entries_add(es, ext, sub);
	}
	closedir(d);
	return 0;
}

/* -------------------------------------------------------------- import */

/* What the database knows of a file from an earlier run. */
struct known {
	int		 ext;
	const char	*rel, *sha;
	long long	 size, mtime, id;
};

struct run {
	long long		 fid;
	const char		*roots[2];	/* std, ext */
	long long		 run_id;
	struct ssmix2_stats	*st;
	struct dbres		*kres;
	struct known		*known;
	size_t			 nknown;
	struct ssmix2_links	*links;
	struct ssmix2_stage	*stage;
};

static int
known_cmp(const void *a, const void *b)
{
	const struct known *x = a, *y = b;

	if (x->ext != y->ext)
		return x->ext - y->ext;
	return strcmp(x->rel, y->rel);
}

/* Loads the files recorded for the facility, sorted. 0 or -1. */
static int
known_load(struct run *r)
{
	if ((r->kres = db_query(STMT_IMPORT_FILES_OF, "i", r->fid)) == NULL)
		return -1;
	if (r->kres->nrows == 0)
		return 0;
	if ((r->known = calloc(r->kres->nrows, sizeof(*r->known))) == NULL)
		return -1;
	for (size_t i = 0; i < r->kres->nrows; i++) {
		struct known *k = &r->known[i];
		k->ext = strcmp(dbres_get(r->kres, i, IMPORT_FILES_OF_TREE), "ext") == 0;
		k->rel = dbres_get(r->kres, i, IMPORT_FILES_OF_REL_PATH);
		k->size = dbres_ll(r->kres, i, IMPORT_FILES_OF_SIZE);
		k->mtime = dbres_ll(r->kres, i, IMPORT_FILES_OF_MTIME);
		k->sha = dbres_get(r->kres, i, IMPORT_FILES_OF_SHA256);
		k->id = dbres_ll(r->kres, i, IMPORT_FILES_OF_ID);
	}
	r->nknown = r->kres->nrows;
	qsort(r->known, r->nknown, sizeof(*r->known), known_cmp);
	return 0;
}

static const struct known *
known_find(const struct run *r, int ext, const char *rel)
{
	struct known	 key = { .ext = ext, .rel = rel };

	if (r->nknown == 0)
		return NULL;
	return bsearch(&key, r->known, r->nknown, sizeof(*r->known), known_cmp);
}

/* One file on its way in. */
struct job {
	const struct entry	*e;
	char			 rel[REL_MAX + 1];	/* as stored: valid UTF-8 */
	char			 path[1600];
	const struct known	*k;
	int			 touch;		/* same content: new mtime only */
	long long		 size, mtime;
	char			 sha[PKI_SHA256_HEX];
	char			*data;
	size_t			 len;
	/* the verdict: reason NULL means import */
	const char		*reason;
	char			 detail[200];
	const char		*warning;	/* imported, but tell the operator */
	struct ssmix2_name	 nm;
	struct ssmix2_type	 ti;
	struct hl7_msg		*m;
	const char		*ctype;		/* a document's content type */
	char			 parts[EXT_DEPTH][PART_MAX];	/* the path's folders */
	int			 nparts;
	struct ssmix2_docdir	 dd;		/* extended storage's folder */
};

/*
 * Splits job's relative path into its components; 0, or -1 unless there
 * are DEPTH to max of them.
 */
static int
split_rel(struct job *j, int max)
{
	char	 copy[REL_MAX + 1], *p = copy, *s;

	j->nparts = 0;
	str_copy(copy, j->rel, sizeof(copy));
	while ((s = strsep(&p, "/")) != NULL) {
		if (j->nparts == max)
			return -1;
		if (str_copy(j->parts[j->nparts++], s, sizeof(j->parts[0])) ==
		    -1)
			return -1;
	}
	return j->nparts >= DEPTH ? 0 : -1;
}

static void
verdict(struct job *j, const char *reason, const char *detail)
{
	j->reason = reason;
	str_copy(j->detail, detail != NULL ? detail : "", sizeof(j->detail));
}

/*
 * A message whose bytes are not the charset MSH-18 declares, read as what
 * they are (hl7.c): imported, and the operator told which way it went.
 */
static void
charset_warning(struct job *j)
{
	const char	*cs = hl7_charset(j->m);

	if (strcmp(cs, hl7_declared_charset(j->m)) == 0)
		return;
	j->warning = strcmp(cs, "UTF-8") == 0 ? "charset_utf8" : "charset_jis";
}

/* Parses j->data into j->m, or sets the quarantine reason. 0 or -1. */
static int
parse(struct job *j)
{
	char	 err[200];
	int	 ec;

	if (j->len == 0) {
		verdict(j, "empty", NULL);
		return -1;
	}
	if ((j->m = hl7_parse_ex(j->data, j->len, &ec, err, sizeof(err))) ==
	    NULL) {
		verdict(j, ec == HL7_E_ENCODING ? "encoding" : "parse",
		    hl7_strerror(ec));
		return -1;
	}
	charset_warning(j);
	return 0;
}

/* PID-3 must name the folder's patient; else the reason. 0 or -1. */
static int
check_pid(struct job *j)
{
	char	 pid3[80];
	size_t	 seg;

	if ((seg = hl7_find(j->m, "PID", 0)) == HL7_NOSEG ||
	    hl7_get(j->m, seg, 3, 1, 1, 1, pid3, sizeof(pid3)) != 0) {
		verdict(j, "no_pid", NULL);
		return -1;
	}
	if (!ssmix2_pid_match(j->parts[2], pid3)) {
		verdict(j, "pid_mismatch", NULL);
		return -1;
	}
	return 0;
}

/*
 * Checks an HL7 file and parses it into j->m, or sets the quarantine
 * reason. Reasons are codes (the operator's page words them); details
 * never hold patient data.
 */
static void
check_std(struct job *j)
{
	char		 code[16];

	if (split_rel(j, DEPTH) == -1) {
		verdict(j, "layout", NULL);
		return;
	}
	if (ssmix2_parse_name(j->parts[5], &j->nm) == -1) {
		verdict(j, "name", NULL);
		return;
	}
	if (strcmp(j->nm.pid, j->parts[2]) != 0 ||
	    !ssmix2_folder_ok(j->parts[0], j->parts[1], j->parts[2]) ||
	    strcmp(j->nm.date, j->parts[3]) != 0 ||
	    strcmp(j->nm.type, j->parts[4]) != 0) {
		verdict(j, "folder", strcmp(j->nm.pid, j->parts[2]) != 0 ?
		    "patient" : strcmp(j->nm.date, j->parts[3]) != 0 ? "date" :
		    strcmp(j->nm.type, j->parts[4]) != 0 ? "type" : "upper");
		return;
	}
	if (ssmix2_type_info(j->nm.type, &j->ti) == -1) {
		verdict(j, "type", j->nm.type);
		return;
	}
	if (parse(j) == -1)
		return;
	if (hl7_msg_type(j->m, code, sizeof(code), NULL, 0) != 0 ||
	    strcmp(code, j->ti.msg) != 0) {
		verdict(j, "msg_type", j->ti.msg);
		return;
	}
	(void)check_pid(j);
}

/* 1 if s holds word, ASCII letters in any case. */
static int
mentions(const char *s, const char *word)
{
	size_t	 n = strlen(word);

	for (; *s != '\0'; s++)
		if (strncasecmp(s, word, n) == 0)
			return 1;
	return 0;
}

/*
 * An HL7 message in extended storage: observations (ORU) such as vital
 * signs (ORU^R30, one file a day or several) become a record whose OBX
 * rows go to record_lab. Its time is the document folder's (or MSH-7 in a
 * tree without document folders); it replaces nothing: extended storage
 * has no condition flag, and a rewritten file replaces its own rows.
 */
static void
check_ext_hl7(struct job *j)
{
	char	 code[16], ev[16], t[40], ts[20];
	int	 vital;

	if (parse(j) == -1)
		return;
	if (hl7_msg_type(j->m, code, sizeof(code), ev, sizeof(ev)) != 0 ||
	    strcmp(code, "ORU") != 0) {
		verdict(j, "msg_type", "ORU");
		return;
	}
	if (check_pid(j) == -1)
		return;
	vital = strcmp(ev, "R30") == 0 || strcmp(ev, "R31") == 0 ||
	    strcmp(ev, "R32") == 0 || mentions(j->parts[4], "vital") ||
	    strstr(j->parts[4], "バイタル") != NULL;
	j->ti = (struct ssmix2_type){ vital ? "vital" : "report", "ORU", 0 };
	str_copy(j->nm.pid, j->parts[2], sizeof(j->nm.pid));
	str_copy(j->nm.date, j->parts[3], sizeof(j->nm.date));
	str_copy(j->nm.type, SSMIX2_EXT_DATA_TYPE, sizeof(j->nm.type));
	str_copy(j->nm.order, "-", sizeof(j->nm.order));
	j->nm.flag = 1;
	if (j->nparts == EXT_DEPTH) {
		str_copy(j->nm.ts, j->dd.ts, sizeof(j->nm.ts));
		str_copy(j->nm.dept, j->dd.dept, sizeof(j->nm.dept));
		return;
	}
	str_copy(j->nm.dept, "-", sizeof(j->nm.dept));
	if (hl7_get(j->m, 0, 7, 1, 1, 1, t, sizeof(t)) != 0 ||
	    hl7_ts(t, ts, sizeof(ts)) == -1 || strncmp(ts, "1800", 4) < 0) {
		verdict(j, "parse", "msh7");
		return;
	}
	str_fmt(j->nm.ts, sizeof(j->nm.ts), "%.4s%.2s%.2s%.2s%.2s%.2s", ts,
	    ts + 5, ts + 8, ts + 11, ts + 14, ts + 17);
}

/*
 * Checks an extended-storage file: the patient folders, the document
 * folder (DATE/TYPE/DOCUMENT/FILE, named PID_DATE_TYPE_ORDER_TS_DEPT; or
 * DATE/TYPE/FILE as earlier trees had it), and its content: a document
 * (PDF, PNG, JPEG) or an HL7 message.
 */
static void
check_ext(struct job *j)
{
	const char	*what;

	if (split_rel(j, EXT_DEPTH) == -1) {
		verdict(j, "layout", NULL);
		return;
	}
	if (!ssmix2_id_ok(j->parts[2]) ||
	    !ssmix2_folder_ok(j->parts[0], j->parts[1], j->parts[2]) ||
	    !ssmix2_date_ok(j->parts[3])) {
		verdict(j, "folder", NULL);
		return;
	}
	if (j->nparts == EXT_DEPTH) {
		if (!ssmix2_ext_type_ok(j->parts[4]) ||
		    ssmix2_parse_docdir(j->parts[5], &j->dd) == -1) {
			verdict(j, "docdir", NULL);
			return;
		}
		what = strcmp(j->dd.pid, j->parts[2]) != 0 ? "patient" :
		    strcmp(j->dd.date, j->parts[3]) != 0 ? "date" :
		    strcmp(j->dd.type, j->parts[4]) != 0 ? "type" : NULL;
		if (what != NULL) {
			verdict(j, "folder", what);
			return;
		}
	}
	if (j->len == 0) {
		verdict(j, "empty", NULL);
		return;
	}
	if ((j->ctype = ssmix2_sniff(j->data, j->len)) == NULL)
		verdict(j, "content", NULL);
	else if (strcmp(j->ctype, SSMIX2_HL7) == 0)
		check_ext_hl7(j);
}

/* "YYYYMMDD" or "-" into "YYYY-MM-DD" or NULL. */
static const char *
care_date(const char *d, char out[11])
{
	if (strlen(d) != 8)
		return NULL;
	str_fmt(out, 11, "%.4s-%.2s-%.2s", d, d + 4, d + 6);
	return out;
}

/*
 * The message file as ssmix2_store() and the stage take it. mts gets the
 * file name's timestamp as given (HL7_TS_GIVEN bytes, ISO 8601: 14 to 17
 * digits, the fraction as written) and mtsdb the same for the database.
 */
static void
file_of(const struct run *r, const struct job *j, long long link_id,
    struct ssmix2_file *f, char cd[11], char mts[HL7_TS_GIVEN],
    char mtsdb[HL7_TS_GIVEN])
{
	char	 ymdhms[20];

	/* the name was checked (ssmix2_ts_ok): it is a time */
	if (hl7_ts_given(j->nm.ts, ymdhms, sizeof(ymdhms), mts,
	    HL7_TS_GIVEN) == -1)
		str_copy(mts, "1800-01-01T00:00:00", HL7_TS_GIVEN);
	str_copy(mtsdb, mts, HL7_TS_GIVEN);
	mtsdb[10] = ' ';
	memset(f, 0, sizeof(*f));
	f->facility_id = r->fid;
	f->link_id = link_id;
	f->rel_path = j->rel;
	f->sha256 = j->sha;
	f->size = j->size;
	f->mtime = j->mtime;
	f->local_id = j->parts[2];
	f->care_date = care_date(j->nm.date, cd);
	f->message_ts = mtsdb;
	f->message_ts_given = mts;
	f->name = &j->nm;
	f->type = &j->ti;
	f->raw = j->data;
	f->rawlen = j->len;
}

/*
 * 1 if the job can be staged: a new, sound, small message file whose
 * type needs nothing after its record is in (an ADT-00 decides the
 * link's demographics; allergies and problems want the record's id).
 */
static int
stageable(const struct job *j)
{
	return !j->touch && !j->e->ext && j->reason == NULL && j->k == NULL &&
	    j->warning == NULL &&
	    j->len <= STAGE_FILE && strcmp(j->nm.type, "ADT-00") != 0 &&
	    strcmp(j->nm.type, "ADT-61") != 0 &&
	    strcmp(j->nm.type, "PPR-01") != 0;
}

/* Writes what is staged; widens *lo to the records it made. */
static int
stage_flush(struct run *r, long long *lo)
{
	long long	 first;
	int		 rc;

	if ((rc = ssmix2_stage_flush(r->stage, &first)) != DB_OK)
		return rc;
	if (first > 0 && (*lo == 0 || first < *lo))
		*lo = first;
	return DB_OK;
}

/* Stages a job (its patient link is made now, in order). */
static int
stage_job(struct run *r, struct job *j, long long *lo)
{
	struct ssmix2_file	 f;
	char			 cd[11], mts[HL7_TS_GIVEN], mtsdb[HL7_TS_GIVEN];
	long long		 link_id;
	int			 rc;

	if ((rc = ssmix2_link(r->links, j->parts[2], j->m, &link_id)) != DB_OK)
		return rc;
	file_of(r, j, link_id, &f, cd, mts, mtsdb);
	if ((rc = ssmix2_stage_add(r->stage, &f, j->m)) != DB_OK)
		return rc;
	if (ssmix2_stage_bytes(r->stage) >= STAGE_BYTES)
		return stage_flush(r, lo);
	return DB_OK;
}

/*
 * Writes the job inside the open transaction: the old rows of the file (if
 * it changed) go, the import_file row is written, and the new records (or
 * nothing, for a quarantined file) come in. Widens [*lo, *hi] to the ids
 * of the records written, whose orders the caller decides before it
 * commits. Returns DB_OK or a DB_* error; the caller rolls back.
 */
static int
write_one(struct run *r, struct job *j, long long *lo, long long *hi)
{
	struct dbres		*groups = NULL;
	struct ssmix2_file	 f;
	char			 cd[11], mts[HL7_TS_GIVEN], mtsdb[HL7_TS_GIVEN];
	long long		 file_id, link_id = 0, rid = 0;
	int			 rc = DB_ERR;

	/* what is staged goes first: ids rise in the files' order */
	if ((rc = stage_flush(r, lo)) != DB_OK)
		return rc;
	rc = DB_ERR;
	if (j->touch)
		return db_exec(STMT_IMPORT_FILE_TOUCH, "iii", j->size, j->mtime,
		    j->k->id) < 0 ? DB_ERR : DB_OK;
	if (j->k != NULL) {
		if ((groups = db_query(STMT_RECORD_GROUPS_OF_FILE, "i",
		    j->k->id)) == NULL ||
		    db_exec(STMT_RECORD_DELETE_FILE, "i", j->k->id) < 0 ||
		    db_exec(STMT_DOCUMENT_DELETE_FILE, "i", j->k->id) < 0)
			goto fail;
	}
	/* One round trip: the upsert leaves the row's id in db_last_id(). */
	if (db_exec(STMT_IMPORT_FILE_UPSERT, "issiisssssssi", r->fid,
	    j->e->ext ? "ext" : "std", j->rel, j->size, j->mtime, j->sha,
	    j->reason ? "quarantined" : "imported", j->reason,
	    j->reason && *j->detail ? j->detail : NULL,
	    j->reason ? NULL : j->warning,
	    j->e->ext ? NULL : (*j->nm.type ? j->nm.type : NULL),
	    j->nparts >= DEPTH ? j->parts[2] : NULL, r->run_id) < 0)
		goto fail;
	if ((file_id = (long long)db_last_id()) == 0)
		goto fail;
	if (j->reason == NULL) {
		if ((rc = ssmix2_link(r->links, j->parts[2], j->m, &link_id)) !=
		    DB_OK)
			goto fail;
		rc = DB_ERR;
		if (j->e->ext && j->m == NULL) {
			/* a document: its file name is its title */
			if (db_exec(STMT_DOCUMENT_INSERT, "iiissssisbs", r->fid,
			    link_id, file_id, care_date(j->parts[3], cd),
			    j->parts[4], j->parts[j->nparts - 1], j->ctype,
			    (long long)j->len, j->sha, j->data, j->len,
			    j->rel) < 0)
				goto fail;
		} else {
			file_of(r, j, link_id, &f, cd, mts, mtsdb);
			f.file_id = file_id;
			if ((rc = ssmix2_store(&f, j->m, &rid)) != DB_OK)
				goto fail;
			rc = DB_ERR;
			if (strcmp(j->nm.type, "ADT-00") == 0 && rid > 0 &&
			    ssmix2_demographics(r->links, j->parts[2], link_id,
			    j->m) != DB_OK)
				goto fail;
			rid = llabs(rid);
			if (*lo == 0 || rid < *lo)
				*lo = rid;
			if (rid > *hi)
				*hi = rid;
		}
	}
	/* The orders the file's old version belonged to: decide them again. */
	for (size_t i = 0; groups != NULL && i < groups->nrows; i++)
		if (ssmix2_regroup(dbres_ll(groups, i, RECORD_GROUPS_OF_FILE_LINK_ID),
		    dbres_get(groups, i, RECORD_GROUPS_OF_FILE_DATA_TYPE), dbres_get(groups, i, RECORD_GROUPS_OF_FILE_ORDER_KEY)) < 0)
			goto fail;
	dbres_free(groups);
	return DB_OK;
fail:
	dbres_free(groups);
	return rc == DB_OK ? DB_ERR : rc;
}

/*
 * Writes n jobs in one transaction and decides the orders of their
 * records. Returns DB_OK, or a DB_* error after rolling back (DB_CONFLICT:
 * worth one more try).
 */
static int
batch_write(struct run *r, struct job **v, size_t n)
{
	long long	 lo = 0, hi = 0;
	int		 rc;

	if (db_exec(STMT_IMPORT_READ_COMMITTED, "") < 0)
		return db_broken() ? DB_GONE : DB_ERR;
	if ((rc = db_begin()) != DB_OK)
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (stageable(v[i]))
			rc = stage_job(r, v[i], &lo);
		else
			rc = write_one(r, v[i], &lo, &hi);
		if (rc != DB_OK)
			goto fail;
	}
	if ((rc = stage_flush(r, &lo)) != DB_OK)
		goto fail;
	/* staged records have no known last id: every one from lo on */
	if (lo > 0)
		hi = LLONG_MAX;
	if ((rc = ssmix2_regroup_range(r->fid, lo, hi)) != DB_OK)
		goto fail;
	if ((rc = db_commit()) != DB_OK) {
		ssmix2_links_clear(r->links);
		return rc;
	}
	return DB_OK;
fail:
	if (db_last_error() == 1213 || db_last_error() == 1205)
		rc = DB_CONFLICT;
	db_rollback();
	/* links made or filled in this transaction are gone */
	ssmix2_links_clear(r->links);
	ssmix2_stage_reset(r->stage);
	return rc;
}

/* Reads the open file fd of st_size bytes into j->data. 0 or -1. */
static int
read_all(int fd, struct job *j)
{
	size_t	 off = 0;
	ssize_t	 n;

	if ((j->data = malloc(j->len + 1)) == NULL)
		return -1;
	while (off < j->len) {
		n = read(fd, j->data + off, j->len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		off += (size_t)n;
	}
	j->data[j->len] = '\0';
	return 0;
}

/* The relative path as it can be stored: UTF-8, else bytes >= 0x80 as '?'. */
static int
rel_for_db(const char *rel, char *out, size_t len)
{
	if (str_copy(out, rel, len) == -1)
		return -1;
	if (!utf8_valid(out, strlen(out)))
		for (char *p = out; *p; p++)
			if ((unsigned char)*p >= 0x80)
				*p = '?';
	return 0;
}

static void
job_free(struct job *j)
{
	if (j == NULL)
		return;
	hl7_free(j->m);
	free(j->data);
	free(j);
}

/* Counts a written job (rc: how its transaction ended). */
static void
count(struct run *r, const struct job *j, int rc)
{
	r->st->done++;
	if (rc != DB_OK) {
		r->st->failed++;
		str_fmt(r->st->last_error, sizeof(r->st->last_error),
		    "database error %d", db_last_error());
	} else if (j->touch)
		r->st->unchanged++;
	else if (j->reason != NULL)
		r->st->quarantined++;
	else {
		r->st->imported++;
		if (j->warning != NULL)
			r->st->warned++;
	}
}

/*
 * One file: unchanged ones are skipped (same size and mtime) and counted;
 * others are read, checked and returned as a job to write (the same
 * SHA-256 after reading gives a job that only records the new mtime).
 * Returns NULL when there is nothing to write.
 */
static struct job *
prepare(struct run *r, const struct entry *e)
{
	struct job	*j;
	struct stat	 st;
	int		 fd = -1;

	if ((j = calloc(1, sizeof(*j))) == NULL) {
		r->st->done++;
		r->st->failed++;
		str_copy(r->st->last_error, "out of memory",
		    sizeof(r->st->last_error));
		return NULL;
	}
	j->e = e;
	if (rel_for_db(e->rel, j->rel, sizeof(j->rel)) == -1 ||
	    str_fmt(j->path, sizeof(j->path), "%s/%s", r->roots[e->ext],
	    e->rel) == -1) {
		r->st->done++;
		r->st->failed++;
		str_copy(r->st->last_error, "path too long",
		    sizeof(r->st->last_error));
		goto skip;
	}
	j->k = known_find(r, e->ext, j->rel);
	if ((fd = open(j->path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK)) == -1 ||
	    fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		/* A symbolic link, a device, or gone since the walk. */
		if (fd == -1 && errno == ENOENT) {
			r->st->done++;
			goto skip;
		}
		j->size = j->mtime = 0;
		pki_sha256_hex("", 0, j->sha);
		/* O_NOFOLLOW makes a symbolic link ELOOP; EACCES and the like are read errors */
		if (fd == -1 && errno != ELOOP)
			verdict(j, "read", NULL);
		else
			verdict(j, "layout", "not-regular");
		goto write;
	}
	j->size = (long long)st.st_size;
	/* nanoseconds: a file rewritten within the same second is seen */
	j->mtime = (long long)st.st_mtim.tv_sec * 1000000000LL +
	    (long long)st.st_mtim.tv_nsec;
	if (j->k != NULL && j->k->size == j->size && j->k->mtime == j->mtime) {
		r->st->unchanged++;
		r->st->done++;
		goto skip;
	}
	if ((size_t)st.st_size > SSMIX2_MAX_FILE) {
		pki_sha256_hex("", 0, j->sha);
		verdict(j, "too_big", NULL);
		goto write;
	}
	j->len = (size_t)st.st_size;
	if (read_all(fd, j) == -1 ||
	    pki_sha256_hex(j->data, j->len, j->sha) == -1) {
		pki_sha256_hex("", 0, j->sha);
		verdict(j, "read", NULL);
		goto write;
	}
	if (j->k != NULL && strcmp(j->k->sha, j->sha) == 0) {
		/* touched, not changed: remember the new mtime */
		j->touch = 1;
		goto write;
	}
	if (e->ext)
		check_ext(j);
	else
		check_std(j);
write:
	if (fd != -1)
		close(fd);
	if (j->touch || j->reason != NULL) {
		/* nothing of the content is written: do not hold it */
		hl7_free(j->m);
		j->m = NULL;
		free(j->data);
		j->data = NULL;
	}
	return j;
skip:
	if (fd != -1)
		close(fd);
	job_free(j);
	return NULL;
}

/* The files read and checked, waiting for their transaction. */
struct batch {
	struct job	*v[BATCH_FILES];
	size_t		 n, bytes;
	double		 t0;
};

static double	 mono(void);

/* 1 when the batch should commit now. */
static int
batch_due(const struct batch *b)
{
	return b->n == BATCH_FILES || b->bytes >= BATCH_BYTES ||
	    (b->n > 0 && mono() - b->t0 >= BATCH_SECS);
}

static void
batch_add(struct batch *b, struct job *j)
{
	if (b->n == 0)
		b->t0 = mono();
	b->v[b->n++] = j;
	b->bytes += j->data != NULL ? j->len : 0;
}

static void
batch_drop(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		job_free(b->v[i]);
	b->n = b->bytes = 0;
}

/*
 * Writes the batch in one transaction (a conflict: once more). If it
 * fails otherwise, one file spoiled it: every file is written again in a
 * transaction of its own, so only that one fails and the rest go in.
 */
static void
flush(struct run *r, struct batch *b)
{
	int	 rc;

	if (b->n == 0)
		return;
	rc = batch_write(r, b->v, b->n);
	if (rc == DB_CONFLICT)
		rc = batch_write(r, b->v, b->n);
	if (rc == DB_OK || db_broken()) {
		for (size_t i = 0; i < b->n; i++)
			count(r, b->v[i], rc);
		batch_drop(b);
		return;
	}
	for (size_t i = 0; i < b->n; i++) {
		rc = batch_write(r, &b->v[i], 1);
		if (rc == DB_CONFLICT)
			rc = batch_write(r, &b->v[i], 1);
		count(r, b->v[i], rc);
	}
	batch_drop(b);
}

/*
 * A file recorded earlier is no longer in the tree: its rows go, in one
 * transaction, and the orders it belonged to are decided again. This is
 * how an update arrives: the hospital renames the old message from flag 1
 * to flag 0 and adds the new one. Returns DB_OK or a DB_* error.
 */
static int
vanish(const struct known *k)
{
	struct dbres	*groups;

	/* as a batch: no gap locks against another facility's import */
	if (db_exec(STMT_IMPORT_READ_COMMITTED, "") < 0 || db_begin() != DB_OK)
		return DB_GONE;
	if ((groups = db_query(STMT_RECORD_GROUPS_OF_FILE, "i", k->id)) == NULL)
		goto fail;
	if (db_exec(STMT_RECORD_DELETE_FILE, "i", k->id) < 0 ||
	    db_exec(STMT_DOCUMENT_DELETE_FILE, "i", k->id) < 0 ||
	    db_exec(STMT_IMPORT_FILE_DELETE, "i", k->id) < 0)
		goto fail;
	for (size_t i = 0; i < groups->nrows; i++)
		if (ssmix2_regroup(dbres_ll(groups, i, RECORD_GROUPS_OF_FILE_LINK_ID),
		    dbres_get(groups, i, RECORD_GROUPS_OF_FILE_DATA_TYPE), dbres_get(groups, i, RECORD_GROUPS_OF_FILE_ORDER_KEY)) < 0)
			goto fail;
	dbres_free(groups);
	return db_commit();
fail:
	dbres_free(groups);
	db_rollback();
	return DB_ERR;
}

/*
 * Removes what vanished from the tree since the last run. An empty or
 * incomplete walk removes nothing: an unmounted share or an unreadable
 * folder must not wipe a hospital's records.
 */
static void
vanished(struct run *r, const struct entries *es)
{
	char	 rel[REL_MAX + 1];

	if (es->n == 0 || es->incomplete)
		return;
	for (size_t i = 0; i < r->nknown; i++) {
		const struct known *k = &r->known[i];
		int found = 0;
		/* es is sorted by (ext, rel) as stored; compare the same way */
		for (size_t lo = 0, hi = es->n; lo < hi && !found;) {
			size_t mid = lo + (hi - lo) / 2;
			const struct entry *e = &es->v[mid];
			if (rel_for_db(e->rel, rel, sizeof(rel)) == -1)
				rel[0] = '\0';
			int c = e->ext != k->ext ? e->ext - k->ext :
			    strcmp(rel, k->rel);
			if (c == 0)
				found = 1;
			else if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (found)
			continue;
		if (vanish(k) == DB_OK)
			r->st->removed++;
		else {
			r->st->failed++;
			str_copy(r->st->last_error, "cannot remove a vanished file",
			    sizeof(r->st->last_error));
		}
	}
}

static double
mono(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The run's row, so the operator sees progress and the outcome. */
static void
run_update(const struct run *r, const char *status, int finished)
{
	const struct ssmix2_stats *s = r->st;

	if (r->run_id == 0)
		return;
	db_exec(STMT_IMPORT_RUN_UPDATE, "siiiiiiiiisi", status,
	    (long long)finished, (long long)s->total, (long long)s->done,
	    (long long)s->imported, (long long)s->warned, (long long)s->unchanged,
	    (long long)s->quarantined, (long long)s->removed,
	    (long long)s->failed,
	    *s->last_error ? s->last_error : NULL, r->run_id);
}

static void
progress(const struct run *r, const char *code, double t0, int last)
{
	double	 dt = mono() - t0;

	fprintf(stderr, "%sssmix2 %s: %zu/%zu files, %.1f files/s, "
	    "%zu imported, %zu quarantined, %zu failed%s",
	    isatty(STDERR_FILENO) ? "\r" : "", code, r->st->done, r->st->total,
	    dt > 0 ? (double)r->st->done / dt : 0.0, r->st->imported,
	    r->st->quarantined, r->st->failed,
	    last || !isatty(STDERR_FILENO) ? "\n" : "");
}

/*
 * Imports the facility's storage under root (and ext, may be NULL): every
 * file new or changed since the last run. Only one import of a facility
 * runs at a time (a named lock the server drops if we die); st->busy is
 * set when another holds it. One audit entry per run. Progress goes to
 * stderr when show_progress. Returns 0, or -1 when the run could not
 * finish (the tree unreadable, the database gone).
 */
int
ssmix2_import(long long fid, const char *code, const char *root,
    const char *ext, int show_progress, struct ssmix2_stats *st)
{
	struct run	 r;
	struct entries	 es;
	struct batch	 b;
	struct job	*j;
	struct dbres	*res;
	char		 lock[96], detail[300];
	double		 t0 = mono(), shown = 0;
	int		 rc = -1;

	memset(st, 0, sizeof(*st));
	memset(&r, 0, sizeof(r));
	memset(&es, 0, sizeof(es));
	memset(&b, 0, sizeof(b));
	r.fid = fid;
	r.roots[0] = root;
	r.roots[1] = ext;
	r.st = st;
	str_fmt(lock, sizeof(lock), "mogami.ssmix2.%lld", fid);
	if ((res = db_query(STMT_SSMIX2_LOCK, "s", lock)) == NULL)
		return -1;
	int got = res->nrows == 1 && dbres_ll(res, 0, SSMIX2_LOCK_GOT) == 1;
	dbres_free(res);
	if (!got) {
		st->busy = 1;
		return 0;
	}
	/* Holding the lock, any run still 'running' was killed. */
	db_exec(STMT_IMPORT_RUN_INTERRUPTED, "i", fid);
	if (db_exec(STMT_IMPORT_RUN_START, "i", fid) == 1)
		r.run_id = (long long)db_last_id();
	if (walk(root, "", 1, 0, &es) == -1) {
		str_fmt(st->last_error, sizeof(st->last_error),
		    "cannot read the storage directory: %s", strerror(errno));
		goto out;
	}
	if (ext != NULL && *ext != '\0' && walk(ext, "", 1, 1, &es) == -1) {
		str_fmt(st->last_error, sizeof(st->last_error),
		    "cannot read the extended storage: %s", strerror(errno));
		goto out;
	}
	if (es.oom || known_load(&r) == -1 ||
	    (r.links = ssmix2_links_new(fid)) == NULL ||
	    (r.stage = ssmix2_stage_new(fid, r.run_id)) == NULL) {
		str_copy(st->last_error, "out of memory or database error",
		    sizeof(st->last_error));
		goto out;
	}
	qsort(es.v, es.n, sizeof(*es.v), entry_cmp);
	st->total = es.n;
	run_update(&r, "running", 0);
	for (size_t i = 0; i < es.n; i++) {
		if ((j = prepare(&r, &es.v[i])) != NULL)
			batch_add(&b, j);
		if (i + 1 == es.n || batch_due(&b))
			flush(&r, &b);
		if (db_broken()) {
			str_copy(st->last_error, "database connection lost",
			    sizeof(st->last_error));
			goto out;
		}
		/* between batches: the run's row is not part of one */
		if (b.n == 0 && mono() - shown >= 1.0) {
			shown = mono();
			run_update(&r, "running", 0);
			if (show_progress)
				progress(&r, code, t0, 0);
		}
	}
	vanished(&r, &es);
	rc = 0;
out:
	if (show_progress)
		progress(&r, code, t0, 1);
	run_update(&r, rc == 0 ? "done" : "failed", 1);
	str_fmt(detail, sizeof(detail), "files=%zu imported=%zu warned=%zu "
	    "unchanged=%zu quarantined=%zu removed=%zu failed=%zu%s%s",
	    st->total, st->imported, st->warned, st->unchanged,
	    st->quarantined, st->removed, st->failed,
	    *st->last_error ? " error=" : "", st->last_error);
	audit(NULL, &(struct audit_entry){ .action = "ssmix2.import",
	    .object_type = "facility", .object_id = code,
	    .outcome = rc == 0 ? "allowed" : "failed", .detail = detail });
	if ((res = db_query(STMT_SSMIX2_UNLOCK, "s", lock)) != NULL)
		dbres_free(res);
	batch_drop(&b);
	ssmix2_links_free(r.links);
	ssmix2_stage_free(r.stage);
	dbres_free(r.kres);
	free(r.known);
	entries_free(&es);
	return rc;
}
