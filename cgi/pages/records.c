/*
 * records.c: what clinicians and care managers open every day: the
 * patients their facility may see now, and a patient's records. Consent is
 * decided on every request by access.c (A12.1, A12.2); every view records
 * its purpose (A8.1) in the audit log (A11.2).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/config.h"
#include "base/kana.h"
#include "base/util.h"
#include "base/words.h"
#include "db/db.h"
#include "pages/pages.h"
#include "pages/patient.h"
#include "rules/access.h"
#include "rules/jpcore.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/csv.h"
#include "web/form.h"
#include "web/render.h"
#include "web/rows.h"
#include "web/session.h"
#include "web/svg.h"

const struct field f_records[] = {
	{ "q", FT_TEXT, 100 },
	{ "birth", FT_TEXT, 10 },
	{ NULL, 0, 0 }
};
const struct field f_record_open[] = {
	{ "p", FT_TOKEN, 22 },
	{ "purpose", FT_TOKEN, 16 },
	{ "section", FT_TOKEN, 16 },
	{ "history", FT_INT, 1 },
	{ "page", FT_INT, 5 },
	{ NULL, 0, 0 }
};
const struct field f_record_document[] = {
	{ "p", FT_TOKEN, 22 },
	{ "purpose", FT_TOKEN, 16 },
	{ "id", FT_INT, 20 },
	{ NULL, 0, 0 }
};

#define SEARCH_SHOWN		50	/* patients a search lists */
#define SEARCH_CANDIDATES	200	/* STMT_RECORDS_CANDIDATES's LIMIT */
#define SEARCH_CHUNK		64	/* candidates decided by one statement */

/*
 * Decides the candidates ids[n] in order, SEARCH_CHUNK at a time (one
 * statement each), until the page is full and one more allowed is known
 * or all are decided: a common name has hundreds of candidates, and
 * deciding them all cost a search most of its time (docs/benchmarks.md: 175 share
 * the typical name in the 100,000-patient region). Sets *decided and
 * *allowed; 0, or -1 on a database error.
 */
static int
decide_candidates(const struct req *r, const long long *ids, size_t n,
    enum consent_verdict *verdict, size_t *decided, size_t *allowed)
{
	*decided = *allowed = 0;
	while (*decided < n && *allowed <= SEARCH_SHOWN) {
		size_t k = n - *decided < SEARCH_CHUNK ? n - *decided : SEARCH_CHUNK;
		if (access_check_many(ids + *decided, k, r->sess->facility_id,
		    r->sess->user_id, verdict + *decided) == -1)
			return -1;
		for (size_t i = *decided; i < *decided + k; i++)
			*allowed += consent_allowed(verdict[i]) != 0;
		*decided += k;
	}
	return 0;
}

/*
 * The kana way (issue 9): candidates holding the key's bigrams, the
 * network ID, or for one character the kana_key prefix. A key of two
 * characters or more matches any part, found through the bigrams; one
 * character a prefix (anywhere would list most of the region).
 */
static struct dbres *
find_kana(const struct req *r, const char *key)
{
	char		 like[300];
	char		 g[KANA_GRAMS][KANA_GRAM_LEN];

	long long one = utf8_strlen(key) < 2;
	str_fmt(like, sizeof(like), one ? "%s%%" : "%%%s%%", key);
	/* MariaDB starts from the rarest of the key's bigrams: a name's first
	 * and last are common (a surname's start, a given name's end: about
	 * 1,000 of 100,000 patients each), one across the two names is rare
	 * (82): 3.3 ms with the first and last, 0.7 with five (docs/benchmarks.md). */
	kana_grams(key, g);
	return db_query(STMT_RECORDS_CANDIDATES, "ssssssisissiiiii", g[1],
	    g[2], g[3], g[4], g[0], key, one, like, r->sess->id, like, key,
	    r->sess->facility_id, r->sess->facility_id, r->sess->facility_id,
	    r->sess->user_id, (long long)now());
}

/*
 * The local-ID way (issue 19): this facility's own local patient ID as
 * printed on the chart, leading zeros as typed or not (never another
 * facility's), or a network ID.
 */
static struct dbres *
find_local(const struct req *r, const char *id)
{
	return db_query(STMT_DAY_FIND_LOCAL, "issi", r->sess->facility_id, id,
	    id, r->sess->id);
}

/* The kanji-name way (issue 19): the whole name, spaces ignored, the birth date when given. */
static struct dbres *
find_name(const struct req *r, const char *q, const char *bd)
{
	char	 key[256];
	size_t	 o = 0;

	for (const char *p = q; *p != '\0' && o + 1 < sizeof(key); p++) {
		if (*p == ' ')
			continue;
		if (strncmp(p, "\xe3\x80\x80", 3) == 0) {	/* U+3000 */
			p += 2;
			continue;
		}
		key[o++] = *p;
	}
	key[o] = '\0';
	return db_query(STMT_DAY_FIND_NAME, "isss", r->sess->id, key,
	    bd ? bd : "", bd ? bd : "");
}


/* 1 when s has a byte outside ASCII. */
static int
non_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

/*
 * The candidates of a search by whichever way q is written (issue 19):
 * an ID in ASCII (full-width digits too) is this facility's local ID or
 * the network ID; katakana, hiragana or half-width kana the kana name;
 * anything else (kanji) the name. NULL on a database error, or with *bad
 * set when q is none of them.
 */
static struct dbres *
search_candidates(const struct req *r, const char *q, const char *bd, int *bad)
{
	char	 key[256], raw[128];
	size_t	 n;

	*bad = 0;
	while (*q == ' ')
		q++;
	str_copy(raw, q, sizeof(raw));
	for (n = strlen(raw); n > 0 && raw[n - 1] == ' '; n--)
		raw[n - 1] = '\0';
	if (patient_local_id_ok(raw))
		return find_local(r, raw);
	if (kana_normalize(q, key, sizeof(key)) == -1 || key[0] == '\0') {
		*bad = 1;
		return NULL;
	}
	if (!non_ascii(key))
		return patient_local_id_ok(key) ? find_local(r, key) : (*bad = 1, NULL);
	if (kana_is_katakana_name(key))
		return find_kana(r, key);
	return find_name(r, q, bd);
}

/*
 * GET /records: the patients this facility may see now, found by its own
 * local patient ID, the network ID, the kana name (any width or script,
 * any part of two characters or more, the start for one) or the kanji
 * name, each narrowed by the birth date when given (issue 19).
 * Candidates come from SQL; each is then decided by access.c, so a list
 * never shows a patient the decision would refuse. Finding nothing says
 * which ways there are, never that a consent is missing (that would tell
 * the patient exists).
 */
void
page_records(struct req *r)
{
	const char	*q = param(r, "q"), *bd = param(r, "birth");
	struct dbres	*res;
	char		 k[48], h[32];
	size_t		 shown = 0;
	int		 bad;

	view_set("Page.title", lang("records.title"));
	view_set("Form.q", q);
	view_set("Form.birth", bd);
	if (form_empty(q)) {
		http_page(r, 200, "records.cs");
		return;
	}
	if (form_empty(bd))
		bd = NULL;
	else if (!valid_date(bd)) {
		form_err("records", "birth", "birth");
		http_page(r, 200, "records.cs");
		return;
	}
	if ((res = search_candidates(r, q, bd, &bad)) == NULL) {
		if (!bad) {
			http_error(r, 503, "db", NULL);
			return;
		}
		form_err("records", "q", "q");
		http_page(r, 200, "records.cs");
		return;
	}
	/* The birth date narrows every way before anything is decided. */
	size_t m = 0;
	long long *ids = calloc(res->nrows + 1, sizeof(*ids));
	size_t *row = calloc(res->nrows + 1, sizeof(*row));
	enum consent_verdict *verdict = calloc(res->nrows + 1, sizeof(*verdict));
	for (size_t i = 0; ids != NULL && row != NULL && i < res->nrows; i++)
		if (bd == NULL || str_eq(bd, dbres_get(res, i, RECORDS_CANDIDATES_BIRTH_DATE))) {
			row[m] = i;
			ids[m++] = dbres_ll(res, i, RECORDS_CANDIDATES_ID);
		}
	size_t decided = 0, allowed = 0;
	if (ids == NULL || row == NULL || verdict == NULL ||
	    decide_candidates(r, ids, m, verdict, &decided, &allowed) == -1) {
		free(ids);
		free(row);
		free(verdict);
		dbres_free(res);
		http_error(r, 503, "db", NULL);
		return;
	}
	long long listed[SEARCH_SHOWN];
	/*
	 * The handles a new session lacks are made in one transaction: one
	 * durable commit for the list instead of one a patient (ten a search
	 * of a common name were most of its database time at 100,000
	 * patients, docs/benchmarks.md).
	 */
	int txn = 0;
	for (size_t j = 0; j < decided && shown < SEARCH_SHOWN; j++) {
		size_t i = row[j];
		if (!consent_allowed(verdict[j]))
			continue;
		if (dbres_get(res, i, RECORDS_CANDIDATES_HANDLE) != NULL)
			str_copy(h, dbres_get(res, i, RECORDS_CANDIDATES_HANDLE), sizeof(h));
		else {
			if (!txn)	/* the first handle to make opens it */
				txn = db_begin() == DB_OK;
			if (handle_for(r, ids[j], h, sizeof(h)) == -1)
				continue;
		}
		listed[shown] = ids[j];
		str_fmt(k, sizeof(k), "Patients.%zu", shown++);
		struct vnode *v = view_node(k);
		vnode_set(v, "handle", h);
		vnode_set(v, "name", dbres_get(res, i, RECORDS_CANDIDATES_NAME));
		vnode_set(v, "kana", dbres_get(res, i, RECORDS_CANDIDATES_KANA));
		vnode_set(v, "sex", dbres_get(res, i, RECORDS_CANDIDATES_SEX));
		vnode_set(v, "birth_date", dbres_get(res, i, RECORDS_CANDIDATES_BIRTH_DATE));
	}
	/* More to show: another allowed candidate, or the candidates' cap. */
	if (allowed > shown || res->nrows >= SEARCH_CANDIDATES)
		view_set("Search.more", "1");
	free(ids);
	free(row);
	free(verdict);
	dbres_free(res);
	if (txn && db_commit() != DB_OK) {
		http_error(r, 503, "db", NULL);
		return;
	}
	view_set("Search.done", "1");
	view_set_int("Patients_n", (long long)shown);
	/* Whom it listed, each in their own log (A11.2). */
	if (audit_search(r, "records.search", "records.search_listed", listed,
	    shown) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	view_set("Page.patient", "1");
	http_page(r, 200, "records.cs");
}

/* The sections of a patient's page: ?section=NAME, as plain links. */
static const char *const sections[] = { "summary", "timeline", "visits", "problems",
    "meds", "labs", "imaging", "reports", "documents" };

/* The record kinds each list section shows (NULL: every kind). */
#define KINDS_MAX	9
static const char *const kinds_visits[KINDS_MAX] = { "visit", "admission_plan",
    "admission", "leave", "leave_return", "transfer_plan", "transfer",
    "discharge_plan", "discharge" };
static const char *const kinds_imaging[KINDS_MAX] = { "imaging_order",
    "endoscopy_order", "physiology_order", "imaging", "endoscopy" };
static const char *const kinds_reports[KINDS_MAX] = { "report" };

static const char *const *
section_kinds(const char *s)
{
	if (str_eq(s, "visits"))
		return kinds_visits;
	if (str_eq(s, "imaging"))
		return kinds_imaging;
	if (str_eq(s, "reports"))
		return kinds_reports;
	return NULL;
}

#define VIEW_PAGE	50	/* rows per page: renders in well under 1 ms */
#define LAB_COLS	8	/* dates per page of the lab table */
#define TREND_TESTS	40	/* tests charted on one page */
#define TREND_POINTS	30	/* the latest results drawn per test */
#define EXPORT_ROWS	100000	/* a history export; far above any patient's */
#define TL_LINKS	4	/* links STMT_VIEWER_TIMELINE reads at once */
#define TL_GIVEN	10	/* the record lists' column of occurred_given */

/* What one request of the viewer decided before it shows anything. */
struct viewer {
	long long		 patient;
	enum consent_verdict	 v;
	long long		 until;		/* the A14 grant's end (us) */
	char			 facs[512];	/* disclosing facilities allowed: "1,5" */
	long long		 links[TL_LINKS];	/* their links, for the timeline */
	size_t			 nlinks;		/* TL_LINKS + 1: too many */
	const char		*purpose;
	const char		*section;
	long long		 history;
	long long		 page;
	char			 oid[24];
};

/*
 * Decides now whether this viewer may see the patient named by ?p= and,
 * if so, which disclosing facilities' records (consent is per disclosing
 * facility, A12.2). header: also the patient's row as Patient.* (the
 * printout must not show it). Returns 0, or -1 with a page sent: 404 for
 * a handle of no patient here, 403 (audited as denied) when consent refuses.
 */
static int
viewer_open(struct req *r, struct viewer *w, const char *action, int header)
{
	struct access	 a;
	size_t		 off = 0;
	char		 d[96];
	const char	*h = param(r, "p");
	long long	 v;
	int		 rc;

	memset(w, 0, sizeof(*w));
	w->purpose = param(r, "purpose");
	/* The viewer's routes share this; /records/document has no pages. */
	w->section = param_opt(r, "section");
	if (form_empty(w->section))
		w->section = "summary";	/* issue 19: what matters first */
	if (str_to_ll(param_opt(r, "history"), 0, 1LL << 60, &v) == 0)
		w->history = v == 1;
	if (str_to_ll(param_opt(r, "page"), 0, 1LL << 60, &w->page) == -1)
		w->page = -1;
	if (w->page < 1)
		w->page = 1;
	if (form_empty(h)) {
		http_error(r, 400, "required", "p");
		return -1;
	}
	/* Handle, consent facts and the patient's row: one statement. */
	if ((rc = access_open(&a, r->sess->id, h, r->sess->user_id,
	    r->sess->facility_id)) != 0) {
		access_free(&a);
		if (rc == 1)	/* another session's handle, or an old one */
			http_error(r, 404, "patient_handle", NULL);
		else
			http_error(r, 503, "db", NULL);
		return -1;
	}
	w->patient = a.patient_id;
	snprintf(w->oid, sizeof(w->oid), "%lld", w->patient);
	w->v = access_patient(&a, r->sess->facility_id);
	w->until = (long long)a.f.emergency_until;
	for (size_t i = 0; consent_allowed(w->v) && i < a.nlinked; i++) {
		enum consent_verdict fv = access_decide(&a, a.linked[i],
		    r->sess->facility_id);
		if (!consent_allowed(fv))
			continue;
		/* Records shown only under an A14 grant make it an emergency view. */
		if (fv == CONSENT_ALLOW_EMERGENCY)
			w->v = fv;
		int k = snprintf(w->facs + off, sizeof(w->facs) - off, "%s%lld",
		    off ? "," : "", a.linked[i]);
		if (k < 0 || (size_t)k >= sizeof(w->facs) - off) {
			/* Fail closed: a cut list could name a wrong facility. */
			w->facs[off] = '\0';
			break;
		}
		off += (size_t)k;
		for (size_t j = 0; j < a.nlinks; j++) {
			if (a.links[j].facility != a.linked[i])
				continue;
			if (w->nlinks < TL_LINKS)
				w->links[w->nlinks] = a.links[j].id;
			if (w->nlinks <= TL_LINKS)
				w->nlinks++;
		}
	}
	/* Who the patient is goes into the page only once it may be seen. */
	if (header && consent_allowed(w->v))
		patient_fill(a.row, a.prow, FACTS_HANDLE_ID);
	access_free(&a);
	/* Under A14 the purpose is the emergency, whatever was asked. */
	if (w->v == CONSENT_ALLOW_EMERGENCY)
		w->purpose = "emergency";
	/* "emergency" is a verdict, not a choice: without a grant it is asked again. */
	if (!purpose_ok(w->purpose) && w->v != CONSENT_ALLOW_EMERGENCY)
		w->purpose = NULL;
	/* The verdict first: readers of the log look for it there. */
	str_fmt(d, sizeof(d), "%s section=%s", consent_verdict_name(w->v),
	    w->section);
	if (!consent_allowed(w->v)) {
		audit(r, &(struct audit_entry){ .action = action,
		    .object_type = "patient", .object_id = w->oid,
		    .patient_id = w->patient, .purpose = w->purpose,
		    .outcome = "denied", .detail = d });
		http_error(r, 403, w->v == CONSENT_DENY_REVOKED ?
		    "consent_revoked" : w->v == CONSENT_DENY_DECEASED ?
		    "consent_cancelled" : "consent_none", NULL);
		return -1;
	}
	return 0;
}

/*
 * A11.4: records leave the screen (a printout, the CSV) only when the view
 * serves direct care: 診療 (care), or an emergency under A14. Explaining
 * to the patient and patient care are views, never printouts.
 */
static int
direct_care(const char *purpose)
{
	return str_eq(purpose, "care") || str_eq(purpose, "emergency");
}

/*
 * The print and export routes: a purpose that is not direct care is
 * refused (403, audited as denied). Returns 0, or -1 with the page sent.
 */
static int
print_purpose_check(struct req *r, const struct viewer *w, const char *action)
{
	if (direct_care(w->purpose))
		return 0;
	audit(r, &(struct audit_entry){ .action = action,
	    .object_type = "patient", .object_id = w->oid,
	    .patient_id = w->patient, .purpose = w->purpose,
	    .outcome = "denied", .detail = "A11.4 not direct care" });
	http_error(r, 403, "print_purpose", NULL);
	return -1;
}

/* The section is one of ours; else a 400 page is sent and -1 returned. */
static int
viewer_section(struct req *r, const struct viewer *w)
{
	for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++)
		if (str_eq(w->section, sections[i]))
			return 0;
	http_error(r, 400, "type", "section");
	return -1;
}

/*
 * Records an allowed view; -1 when it could not be: the page stops there,
 * and the dispatcher answers 503 for it (a view that cannot be recorded is
 * not shown, A11.2; server/routes.c, run_handler).
 */
static int
viewer_audit(struct req *r, const struct viewer *w, const char *action,
    const char *object_type, const char *object_id)
{
	char	 d[128];

	str_fmt(d, sizeof(d), "%s section=%s page=%lld%s",
	    consent_verdict_name(w->v), w->section, w->page,
	    w->history ? " history" : "");
	return audit(r, &(struct audit_entry){ .action = action,
	    .object_type = object_type, .object_id = object_id,
	    .patient_id = w->patient, .purpose = w->purpose, .detail = d }) == 0 ?
	    0 : -1;
}

/* Sets the cells of row i of res on node v under names (NULL-terminated). */
static void
row_set(struct vnode *v, const struct dbres *res, size_t i,
    const char *const *names)
{
	for (size_t c = 0; c < res->ncols && names[c] != NULL; c++)
		vnode_set(v, names[c], dbres_get(res, i, c));
}

/*
 * Rows of res into Key.N (at most VIEW_PAGE; one more means a next page,
 * told by Pager.next). Returns the rows shown.
 */
static size_t
rows_paged(const char *key, const struct dbres *res, const char *const *names,
    const struct viewer *w)
{
	char	 k[48];
	size_t	 n = res->nrows > VIEW_PAGE ? VIEW_PAGE : res->nrows;

	for (size_t i = 0; i < n; i++) {
		str_fmt(k, sizeof(k), "%s.%zu", key, i);
		row_set(view_node(k), res, i, names);
	}
	if (res->nrows > VIEW_PAGE)
		view_set_int("Pager.next", w->page + 1);
	return n;
}

/*
 * A time as the source gave it (record.occurred_given, ISO 8601 with only
 * the parts given) as the page shows it: "2016-01-01 15:00" when minutes
 * were given, "2016-01-01 15:00:00.321" when milliseconds were. Into out.
 */
static const char *
given_text(const char *given, char *out, size_t len)
{
	char	*t, hour[16];

	str_copy(out, given, len);
	if ((t = strchr(out, 'T')) != NULL)
		*t = ' ';
	/* only the hour: "15時", not a made-up ":00" */
	if (strlen(out) == 13) {
		str_copy(hour, out, sizeof(hour));
		str_fmt(out, len, "%s%s", hour, lang("viewer.hour"));
	}
	return out;
}

/* Row i of res as the page's row Rows.*n, counted; ADT-00 only updates the
 * demographics: not an event to list. Column TL_GIVEN, when set, is the
 * time as given: it is shown instead of the minutes. */
static void
tl_row(const struct dbres *res, size_t i, const char *const *names, size_t *n)
{
	char		 key[32], w[48], place[256];
	const char	*kind = dbres_get(res, i, VIEWER_TIMELINE_LINK_KIND);
	struct vnode	*v;

	if (str_eq(kind, "patient"))
		return;
	str_fmt(key, sizeof(key), "Rows.%zu", (*n)++);
	v = view_node(key);
	row_set(v, res, i, names);
	if (res->ncols > TL_GIVEN && dbres_get(res, i, TL_GIVEN) != NULL)
		vnode_set(v, "when", given_text(dbres_get(res, i, TL_GIVEN), w,
		    sizeof(w)));
	/* Issue 19: a visit's or stay's place in words, never its codes. */
	if (str_eq(kind, "visit") || stay_kind(kind)) {
		place_words(place, sizeof(place), kind,
		    dbres_get(res, i, VIEWER_TIMELINE_LINK_SUMMARY));
		vnode_set(v, "summary", place);
		vnode_set(v, "title", "");
	}
}

/* Whether row i of a should come before row j of b: newer first (NULL oldest), then the higher id. */
static int
tl_before(const struct dbres *a, size_t i, const struct dbres *b, size_t j)
{
	const char	*ta = dbres_get(a, i, VIEWER_TIMELINE_LINK_OCCURRED_AT), *tb = dbres_get(b, j, VIEWER_TIMELINE_LINK_OCCURRED_AT);
	int		 c;

	if (ta == NULL || tb == NULL)
		c = (ta != NULL) - (tb != NULL);
	else
		c = strcmp(ta, tb);	/* "YYYY-MM-DD HH:MM:SS" sorts as text */
	if (c != 0)
		return c > 0;
	return dbres_ll(a, i, VIEWER_TIMELINE_LINK_ID) > dbres_ll(b, j, VIEWER_TIMELINE_LINK_ID);
}

/*
 * The first page of the current timeline, the page clinicians open: each
 * link's newest VIEW_PAGE + 1 rows straight from its index (a plain
 * statement per link; MariaDB plans every execution, and a union of
 * derived tables cost more to plan than these cost to run), merged here
 * in the order STMT_VIEWER_TIMELINE gives. Returns 0 or -1 (db).
 */
static int
tl_first_page(const struct viewer *w, const char *const *names)
{
	struct dbres	*res[TL_LINKS] = { NULL };
	size_t		 at[TL_LINKS] = { 0 }, taken = 0, n = 0;
	int		 rc = -1;

	for (size_t i = 0; i < w->nlinks; i++)
		if ((res[i] = db_query(STMT_VIEWER_TIMELINE_LINK, "ii",
		    w->links[i], (long long)VIEW_PAGE + 1)) == NULL)
			goto out;
	for (; taken <= VIEW_PAGE; taken++) {
		size_t best = TL_LINKS;
		for (size_t i = 0; i < w->nlinks; i++)
			if (at[i] < res[i]->nrows && (best == TL_LINKS ||
			    tl_before(res[i], at[i], res[best], at[best])))
				best = i;
		if (best == TL_LINKS)
			break;
		if (taken < VIEW_PAGE)
			tl_row(res[best], at[best], names, &n);
		at[best]++;
	}
	if (taken > VIEW_PAGE)
		view_set_int("Pager.next", 2);
	view_set_int("Rows_n", (long long)n);
	rc = 0;
out:
	for (size_t i = 0; i < TL_LINKS; i++)
		dbres_free(res[i]);
	return rc;
}

static int
sec_records(const struct viewer *w)
{
	static const char *const names[] = { "id", "when", "facility", "kind",
	    "title", "summary", "status", "dept", "cancelled", NULL };
	const char *const *kk = section_kinds(w->section);
	const char	*k[KINDS_MAX];
	struct dbres	*res;
	size_t		 n = 0;

	for (size_t i = 0; i < KINDS_MAX; i++)
		k[i] = kk != NULL && kk[i] != NULL ? kk[i] : "";
	long long end = w->page * VIEW_PAGE + 1, l[TL_LINKS] = { 0 };
	for (size_t i = 0; i < w->nlinks && i < TL_LINKS; i++)
		l[i] = w->links[i];
	if (kk == NULL && !w->history && w->nlinks <= TL_LINKS && w->page == 1)
		return tl_first_page(w, names);
	/* Later pages of the timeline per link; the rest at once. */
	if (kk == NULL && !w->history && w->nlinks <= TL_LINKS)
		res = db_query(STMT_VIEWER_TIMELINE, "iiiiiiiiii", l[0], end,
		    l[1], end, l[2], end, l[3], end, (long long)VIEW_PAGE + 1,
		    (w->page - 1) * VIEW_PAGE);
	else if (kk == NULL)
		res = db_query(STMT_VIEWER_RECORDS, "isiii", w->patient, w->facs,
		    w->history, (long long)VIEW_PAGE + 1, (w->page - 1) * VIEW_PAGE);
	else
		res = db_query(STMT_VIEWER_RECORDS_KIND, "issssssssssiii",
		    w->patient, w->facs, k[0], k[1], k[2], k[3], k[4], k[5], k[6],
		    k[7], k[8], w->history, (long long)VIEW_PAGE + 1,
		    (w->page - 1) * VIEW_PAGE);
	if (res == NULL)
		return -1;
	for (size_t i = 0; i < res->nrows && i < VIEW_PAGE; i++)
		tl_row(res, i, names, &n);
	if (res->nrows > VIEW_PAGE)
		view_set_int("Pager.next", w->page + 1);
	view_set_int("Rows_n", (long long)n);
	dbres_free(res);
	return 0;
}

static int
sec_problems(const struct viewer *w)
{
	static const char *const pn[] = { "onset", "resolved", "facility", "name",
	    "code", "state", "status", NULL };
	static const char *const an[] = { "onset", "facility", "type", "name",
	    "severity", "reaction", "status", NULL };
	struct dbres	*p, *a;
	char		 k[48];

	if ((p = db_query(STMT_VIEWER_PROBLEMS, "isiii", w->patient, w->facs,
	    w->history, (long long)VIEW_PAGE + 1, (w->page - 1) * VIEW_PAGE)) == NULL)
		return -1;
	view_set_int("Problems_n", (long long)rows_paged("Problems", p, pn, w));
	dbres_free(p);
	if ((a = db_query(STMT_VIEWER_ALLERGIES, "isi", w->patient, w->facs,
	    w->history)) == NULL)
		return -1;
	for (size_t i = 0; i < a->nrows; i++) {
		str_fmt(k, sizeof(k), "Allergies.%zu", i);
		row_set(view_node(k), a, i, an);
	}
	view_set_int("Allergies_n", (long long)a->nrows);
	dbres_free(a);
	return 0;
}

/*
 * Rows of a prescription or injection statement (VIEWER_MEDS's columns)
 * grouped as a prescription reads (issue 19): one Rx.N per Rp of a
 * record, with its date, source, kind, Rp number within the record,
 * route, frequency and days (an Rp's drugs share them), and its drugs as
 * Rx.N.drugs.M. Rows [0, n) of res; returns how many groups.
 */
static size_t
rx_groups(const char *key, const struct dbres *res, size_t n, int rank_col,
    const int *col)
{
	static const char *const g[] = { "when", "facility", "kind", "route",
	    "frequency", "days", "status" };
	char		 k[64], rp[16];
	size_t		 ng = 0, nd = 0, inrec = 0;
	struct vnode	*grp = NULL;

	for (size_t i = 0; i < n; i++) {
		int newrec = i == 0 || dbres_ll(res, i, rank_col) !=
		    dbres_ll(res, i - 1, rank_col);
		if (newrec || !str_eq(dbres_get(res, i, col[7]),
		    dbres_get(res, i - 1, col[7]))) {
			inrec = newrec ? 1 : inrec + 1;
			str_fmt(k, sizeof(k), "%s.%zu", key, ng++);
			grp = view_node(k);
			for (size_t c = 0; c < sizeof(g) / sizeof(g[0]); c++)
				vnode_set(grp, g[c], dbres_get(res, i, col[c]));
			snprintf(rp, sizeof(rp), "%zu", inrec);
			vnode_set(grp, "rp", rp);
			if (newrec)
				vnode_set(grp, "first", "1");
			nd = 0;
		}
		snprintf(k, sizeof(k), "drugs.%zu", nd++);
		struct vnode *d = vnode_child(grp, k);
		vnode_set(d, "drug", dbres_get(res, i, col[8]));
		vnode_set(d, "dose", dbres_get(res, i, col[9]));
		vnode_set(d, "unit", dbres_get(res, i, col[10]));
		vnode_set(d, "form", dbres_get(res, i, col[11]));
	}
	return ng;
}

/* VIEWER_MEDS's columns in rx_groups()'s order. */
static const int meds_cols[] = { VIEWER_MEDS_ON, VIEWER_MEDS_FACILITY_NAME,
    VIEWER_MEDS_KIND, VIEWER_MEDS_ROUTE, VIEWER_MEDS_FREQUENCY,
    VIEWER_MEDS_DAYS, VIEWER_MEDS_STATUS, VIEWER_MEDS_RP,
    VIEWER_MEDS_DRUG_NAME, VIEWER_MEDS_DOSE, VIEWER_MEDS_UNIT,
    VIEWER_MEDS_DOSAGE_FORM };

static int
sec_meds(const struct viewer *w)
{
	struct dbres	*res;
	size_t		 n;

	if ((res = db_query(STMT_VIEWER_MEDS, "isiii", w->patient, w->facs,
	    w->history, (long long)VIEW_PAGE + 1, (w->page - 1) * VIEW_PAGE)) == NULL)
		return -1;
	/* The drugs of one more record than a page: there is a next page. */
	for (n = 0; n < res->nrows && dbres_ll(res, n, VIEWER_MEDS_RANK) <= VIEW_PAGE; n++)
		;
	if (n < res->nrows)
		view_set_int("Pager.next", w->page + 1);
	view_set_int("Rx_n", (long long)rx_groups("Rx", res, n, VIEWER_MEDS_RANK,
	    meds_cols));
	view_set_int("Meds_n", (long long)n);
	dbres_free(res);
	return 0;
}

/*
 * The documents, each titled by its kind (the folder it was filed under,
 * 退院時サマリ) and date, never by its file name (issue 19; a file name
 * may carry an ID), with its type as a reader says it (PDF, 画像).
 */
static int
sec_documents(const struct viewer *w)
{
	static const char *const names[] = { "id", "date", "facility", "category",
	    "title", "ctype", "size", NULL };
	struct dbres	*res;
	char		 k[48];
	size_t		 n;

	if ((res = db_query(STMT_VIEWER_DOCS, "isii", w->patient, w->facs,
	    (long long)VIEW_PAGE + 1, (w->page - 1) * VIEW_PAGE)) == NULL)
		return -1;
	n = rows_paged("Docs", res, names, w);
	for (size_t i = 0; i < n; i++) {
		const char *ct = dbres_get(res, i, VIEWER_DOCS_CONTENT_TYPE);
		str_fmt(k, sizeof(k), "Docs.%zu", i);
		struct vnode *v = view_node(k);
		vnode_set(v, "title", "");
		vnode_set(v, "type", str_eq(ct, "application/pdf") ? "pdf" :
		    str_prefix(ct ? ct : "", "image/") ? "image" : "other");
		vnode_set_int(v, "kb", (dbres_ll(res, i, VIEWER_DOCS_SIZE) + 1023) / 1024);
	}
	view_set_int("Docs_n", (long long)n);
	dbres_free(res);
	return 0;
}

#define SUM_ROWS	10	/* items of each part of the summary */
#define SUM_DAYS	90	/* what "current" and "recent" mean there */

/* Rows of res into Key.N (at most max) with names; Key_n, and Key_more when more were there. */
static void
sum_rows(const char *key, const struct dbres *res, const char *const *names,
    size_t max)
{
	char	 k[48];
	size_t	 n = res->nrows < max ? res->nrows : max;

	for (size_t i = 0; i < n; i++) {
		str_fmt(k, sizeof(k), "%s.%zu", key, i);
		row_set(view_node(k), res, i, names);
	}
	str_fmt(k, sizeof(k), "%s_n", key);
	view_set_int(k, (long long)n);
	if (res->nrows > max) {
		str_fmt(k, sizeof(k), "%s_more", key);
		view_set(k, "1");
	}
}

/* The day SUM_DAYS before today (Japan) as YYYY-MM-DD into since[11]. */
static void
sum_since(char since[11])
{
	char	 t[11];
	long	 d;

	today(t);
	d = date_days(t) - SUM_DAYS;
	time_t tt = (time_t)d * 86400;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(since, 11, "%Y-%m-%d", &tm);
}

/*
 * The summary tab (issue 19), what a clinician reads first: allergies
 * and problems (unresolved first), prescriptions of the last SUM_DAYS
 * days by Rp, results out of range in that time, the last visits and
 * stays, the newest documents; each with its source and date, each part
 * linking to its section. Current records of the allowed facilities only.
 */
static int
sec_summary(const struct viewer *w)
{
	static const char *const an[] = { "onset", "facility", "type", "name",
	    "severity", "reaction", "status", NULL };
	static const char *const pn[] = { "onset", "resolved", "facility",
	    "name", "state", NULL };
	static const char *const ln[] = { "date", "facility", "name", "value",
	    "unit", "range", "flag", NULL };
	static const char *const vn[] = { "id", "when", "facility", "kind",
	    "title", "summary", "status", "dept", "cancelled", NULL };
	static const char *const dn[] = { "id", "date", "facility", "category",
	    "title", "ctype", "size", NULL };
	const char	*k[KINDS_MAX];
	struct dbres	*res;
	char		 since[11], key[32], place[256];
	size_t		 n;

	sum_since(since);
	view_set("Summary.since", since);
	if ((res = db_query(STMT_VIEWER_ALLERGIES, "isi", w->patient, w->facs,
	    0LL)) == NULL)
		return -1;
	sum_rows("SumAllergies", res, an, SUM_ROWS);
	dbres_free(res);
	if ((res = db_query(STMT_DAY_SUM_PROBLEMS, "is", w->patient, w->facs)) == NULL)
		return -1;
	sum_rows("SumProblems", res, pn, SUM_ROWS);
	dbres_free(res);
	if ((res = db_query(STMT_DAY_SUM_MEDS, "iss", w->patient, w->facs,
	    since)) == NULL)
		return -1;
	view_set_int("SumRx_n", (long long)rx_groups("SumRx", res, res->nrows,
	    VIEWER_MEDS_RANK, meds_cols));
	dbres_free(res);
	if ((res = db_query(STMT_DAY_SUM_LABS, "iss", w->patient, w->facs,
	    since)) == NULL)
		return -1;
	sum_rows("SumLabs", res, ln, 30);
	dbres_free(res);
	for (size_t i = 0; i < KINDS_MAX; i++)
		k[i] = kinds_visits[i] != NULL ? kinds_visits[i] : "";
	if ((res = db_query(STMT_VIEWER_RECORDS_KIND, "issssssssssiii",
	    w->patient, w->facs, k[0], k[1], k[2], k[3], k[4], k[5], k[6], k[7],
	    k[8], 0LL, 5LL, 0LL)) == NULL)
		return -1;
	sum_rows("SumVisits", res, vn, 5);
	for (n = 0; n < res->nrows && n < 5; n++) {
		str_fmt(key, sizeof(key), "SumVisits.%zu", n);
		place_words(place, sizeof(place), dbres_get(res, n, VIEWER_RECORDS_KIND),
		    dbres_get(res, n, VIEWER_RECORDS_SUMMARY));
		vnode_set(view_node(key), "summary", place);
	}
	dbres_free(res);
	if ((res = db_query(STMT_VIEWER_DOCS, "isii", w->patient, w->facs, 5LL,
	    0LL)) == NULL)
		return -1;
	sum_rows("SumDocs", res, dn, 5);
	dbres_free(res);
	return 0;
}

/* A number for an SVG attribute or label into node v under name. */
static void
vnode_num(struct vnode *v, const char *name, double x)
{
	char	 s[32];

	if (svg_num(s, sizeof(s), x) == 0)
		vnode_set(v, name, s);
}

/* Lab rows in the order of a flow sheet: test, facility, date, arrival. */
enum { LB_DATE, LB_KEY, LB_NAME, LB_VALUE, LB_NUM, LB_UNIT, LB_RANGE, LB_FLAG,
    LB_FAC, LB_LOW, LB_HIGH, LB_STATUS, LB_ID, LB_KIND, LB_TIME, LB_SHOWN };
#define VITAL_READINGS	24	/* vital-sign readings shown in one day's cell */
/*
 * Result rows in the order of a flow sheet: group (lab results, then vital
 * signs), test, facility, date, time, arrival.
 */
static int
lab_order(const void *a, const void *b, void *arg)
{
	const struct dbres	*res = arg;
	size_t			 i = *(const size_t *)a, j = *(const size_t *)b;
	static const int	 cols[] = { LB_KIND, LB_NAME, LB_KEY, LB_FAC,
	    LB_DATE, LB_TIME };
	int			 c;

	for (size_t k = 0; k < sizeof(cols) / sizeof(cols[0]); k++) {
		const char *x = dbres_get(res, i, cols[k]);
		const char *y = dbres_get(res, j, cols[k]);
		if ((c = strcmp(x ? x : "", y ? y : "")) != 0)
			return c;
	}
	long long xi = dbres_ll(res, i, VIEWER_LAB_ALL_ID), yi = dbres_ll(res, j, VIEWER_LAB_ALL_ID);
	return xi < yi ? -1 : xi > yi;
}

/* Whether a result's flag marks it abnormal (N and empty are normal). */
static int
flag_abnormal(const char *f)
{
	return f != NULL && f[0] != '\0' && !str_eq(f, "N");
}

/*
 * One trend chart into node t from rows ord[lo..hi-1] of res (one test at
 * one facility, oldest first): its latest TREND_POINTS current numeric results.
 * Nothing is set when none is numeric.
 */
static void
trend_chart(struct vnode *t, const struct dbres *res, const size_t *ord,
    size_t lo, size_t hi)
{
	struct svg_chart c = { 360, 170, 52, 14, 12, 30, 0, 1, 0 };
	double		 v[TREND_POINTS], ticks[SVG_TICKS_MAX], step, low = NAN,
			 high = NAN;
	size_t		 idx[TREND_POINTS], n = 0, nt, first = hi;
	char		 pts[TREND_POINTS * 16], k[24];

	/* Walk back from the newest to find where the latest points start. */
	for (size_t i = hi, seen = 0; i > lo && seen < TREND_POINTS; i--)
		if (dbres_get(res, ord[i - 1], VIEWER_LAB_ALL_NUM) != NULL &&
		    str_eq(dbres_get(res, ord[i - 1], VIEWER_LAB_ALL_STATUS), "current"))
			first = i - 1, seen++;
	for (size_t i = first; i < hi && n < TREND_POINTS; i++) {
		if (dbres_get(res, ord[i], VIEWER_LAB_ALL_NUM) == NULL ||
		    !str_eq(dbres_get(res, ord[i], VIEWER_LAB_ALL_STATUS), "current"))
			continue;
		v[n] = strtod(dbres_get(res, ord[i], VIEWER_LAB_ALL_NUM), NULL);
		if (dbres_get(res, ord[i], VIEWER_LAB_ALL_LOW) != NULL)
			low = strtod(dbres_get(res, ord[i], VIEWER_LAB_ALL_LOW), NULL);
		if (dbres_get(res, ord[i], VIEWER_LAB_ALL_HIGH) != NULL)
			high = strtod(dbres_get(res, ord[i], VIEWER_LAB_ALL_HIGH), NULL);
		idx[n++] = i;
	}
	if (n == 0 || svg_axis(v, n, &low, &high, &c.ymin, &c.ymax, &step) == -1)
		return;
	c.n = n;
	if (svg_points(&c, v, n, pts, sizeof(pts)) == -1)
		return;
	vnode_set(t, "points", pts);
	vnode_set(t, "from", dbres_get(res, ord[idx[0]], VIEWER_LAB_ALL_DATE));
	vnode_set(t, "to", dbres_get(res, ord[idx[n - 1]], VIEWER_LAB_ALL_DATE));
	vnode_num(t, "x0", c.left);
	vnode_num(t, "xl", c.left - 4);
	vnode_num(t, "x1", c.w - c.right);
	vnode_num(t, "ytop", c.top);
	vnode_num(t, "ybot", c.h - c.bottom);
	vnode_num(t, "ylabel", c.h - 8);
	if (isfinite(low) || isfinite(high)) {
		double y0 = svg_y(&c, isfinite(high) ? high : c.ymax);
		double y1 = svg_y(&c, isfinite(low) ? low : c.ymin);
		vnode_set(t, "range", "1");
		vnode_num(t, "ry", y0);
		vnode_num(t, "rh", y1 - y0);
		vnode_num(t, "rw", c.w - c.left - c.right);
	}
	nt = svg_ticks(c.ymin, c.ymax, step, ticks, SVG_TICKS_MAX);
	struct vnode *tk = vnode_child(t, "ticks");
	for (size_t i = 0; i < nt; i++) {
		snprintf(k, sizeof(k), "%zu", i);
		struct vnode *x = vnode_child(tk, k);
		vnode_num(x, "y", svg_y(&c, ticks[i]));
		vnode_num(x, "label", ticks[i]);
	}
	struct vnode *pv = vnode_child(t, "pts");
	for (size_t i = 0; i < n; i++) {
		snprintf(k, sizeof(k), "%zu", i);
		struct vnode *x = vnode_child(pv, k);
		vnode_num(x, "x", svg_x(&c, i));
		vnode_num(x, "y", svg_y(&c, v[i]));
		vnode_set(x, "date", dbres_get(res, ord[idx[i]], VIEWER_LAB_ALL_DATE));
		vnode_num(x, "value", v[i]);
		if (flag_abnormal(dbres_get(res, ord[idx[i]], VIEWER_LAB_ALL_FLAG)))
			vnode_set(x, "abn", dbres_get(res, ord[idx[i]], VIEWER_LAB_ALL_FLAG));
	}
}

static int
date_desc(const void *a, const void *b)
{
	return strcmp(*(const char *const *)b, *(const char *const *)a);
}

/*
 * The page's dates (newest first) of every result date in res into
 * out[LAB_COLS]; returns how many, and sets *more when older ones remain.
 * Returns (size_t)-1 when memory runs out.
 */
static size_t
lab_dates(const struct dbres *res, long long page, const char **out, int *more)
{
	const char	**all;
	size_t		 n = 0, u = 0, skip = (size_t)(page - 1) * LAB_COLS, k = 0;

	*more = 0;
	if (res->nrows == 0)
		return 0;
	if ((all = calloc(res->nrows, sizeof(*all))) == NULL)
		return (size_t)-1;
	for (size_t i = 0; i < res->nrows; i++)
		if (dbres_get(res, i, VIEWER_LAB_ALL_DATE) != NULL)
			all[n++] = dbres_get(res, i, VIEWER_LAB_ALL_DATE);
	qsort(all, n, sizeof(*all), date_desc);
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && strcmp(all[i], all[i - 1]) == 0)
			continue;
		if (u++ < skip)
			continue;
		if (k == LAB_COLS) {
			*more = 1;
			break;
		}
		out[k++] = all[i];
	}
	free(all);
	return k;
}

/* 1 if rows a and b of res are the same test: group, code, facility. */
static int
same_test(const struct dbres *res, size_t a, size_t b)
{
	return str_eq(dbres_get(res, a, LB_KEY), dbres_get(res, b, LB_KEY)) &&
	    str_eq(dbres_get(res, a, LB_FAC), dbres_get(res, b, LB_FAC)) &&
	    str_eq(dbres_get(res, a, LB_KIND), dbres_get(res, b, LB_KIND));
}

/*
 * One vital-sign test's cells: every reading of each day with its time
 * (several a day), oldest first, into cv.N.vals.
 */
static void
vital_cells(struct vnode *cv, const struct dbres *res, const size_t *ord,
    size_t lo, size_t hi, const char *const *dates, size_t nd)
{
	char	 k[24];
	size_t	 n[LAB_COLS] = { 0 };

	for (size_t i = lo; i < hi; i++)
		for (size_t j = 0; j < nd; j++) {
			if (!str_eq(dbres_get(res, ord[i], LB_DATE),
			    dates[nd - 1 - j]) || n[j] == VITAL_READINGS)
				continue;
			snprintf(k, sizeof(k), "%zu", j);
			struct vnode *c = vnode_child(cv, k);
			snprintf(k, sizeof(k), "%zu", n[j]++);
			struct vnode *x = vnode_child(vnode_child(c, "vals"), k);
			vnode_set(x, "t", dbres_get(res, ord[i], LB_SHOWN));
			vnode_set(x, "v", dbres_get(res, ord[i], LB_VALUE));
			if (flag_abnormal(dbres_get(res, ord[i], LB_FLAG)))
				vnode_set(x, "flag", dbres_get(res, ord[i],
				    LB_FLAG));
			vnode_set_int(c, "n", (long long)n[j]);
		}
}

/*
 * The lab section from one query: a table of one page of dates (tests as
 * rows, dates as columns, oldest left, abnormal flags marked) and a trend
 * chart per test. A test is its code at one disclosing facility, so each
 * row names its source. Vital signs (observations from extended storage,
 * docs/import.md) are a group of their own after the lab results, every reading
 * of a day in its cell with its time.
 */
static int
sec_labs(const struct viewer *w)
{
	struct dbres	*res;
	size_t		*ord = NULL;
	const char	*dates[LAB_COLS], *cell[LAB_COLS][2];
	size_t		 nd, ntests = 0, lo, hi, j;
	int		 more, rc = -1, vital, grouped = 0;
	char		 k[48];
	const char	*group = NULL;

	if ((res = db_query(STMT_VIEWER_LAB_ALL, "isi", w->patient, w->facs,
	    w->history)) == NULL)
		return -1;
	/* Sorted here: sorting these wide rows in MariaDB cost ten times the query. */
	if ((ord = calloc(res->nrows + 1, sizeof(*ord))) == NULL)
		goto out;
	for (size_t i = 0; i < res->nrows; i++)
		ord[i] = i;
	qsort_r(ord, res->nrows, sizeof(*ord), lab_order, res);
	if ((nd = lab_dates(res, w->page, dates, &more)) == (size_t)-1)
		goto out;
	if (more)
		view_set_int("Pager.next", w->page + 1);
	view_set_int("Labs.ndates", (long long)nd);
	for (j = 0; j < nd; j++) {
		str_fmt(k, sizeof(k), "Labs.dates.%zu", j);
		view_set(k, dates[j]);
	}
	for (size_t i = 0; i < res->nrows; i++)
		if (str_eq(dbres_get(res, i, LB_KIND), "vital"))
			grouped = 1;
	for (lo = 0; nd > 0 && lo < res->nrows; lo = hi) {
		int shown = 0;
		for (hi = lo + 1; hi < res->nrows && same_test(res, ord[hi],
		    ord[lo]); hi++)
			;
		vital = str_eq(dbres_get(res, ord[lo], LB_KIND), "vital");
		memset(cell, 0, sizeof(cell));
		for (size_t i = lo; i < hi; i++)
			for (j = 0; j < nd; j++)
				if (str_eq(dbres_get(res, ord[i], VIEWER_LAB_ALL_DATE), dates[j])) {
					/* The latest result of the day wins the cell. */
					cell[j][0] = dbres_get(res, ord[i], VIEWER_LAB_ALL_VALUE);
					cell[j][1] = dbres_get(res, ord[i], VIEWER_LAB_ALL_FLAG);
					shown = 1;
				}
		if (!shown)
			continue;	/* no result on this page's dates */
		str_fmt(k, sizeof(k), "Labs.tests.%zu", ntests++);
		struct vnode *t = view_node(k);
		vnode_set(t, "group", vital ? "vital" : "lab");
		if (grouped && !str_eq(group, vital ? "vital" : "lab"))
			vnode_set(t, "group_start", "1");
		group = vital ? "vital" : "lab";
		vnode_set(t, "name", dbres_get(res, ord[hi - 1], LB_NAME));
		vnode_set(t, "unit", dbres_get(res, ord[hi - 1], LB_UNIT));
		vnode_set(t, "range", dbres_get(res, ord[hi - 1], LB_RANGE));
		vnode_set(t, "facility", dbres_get(res, ord[lo], LB_FAC));
		vnode_set_int(t, "n", (long long)ntests);
		struct vnode *cv = vnode_child(t, "cells");
		for (j = 0; j < nd; j++) {
			snprintf(k, sizeof(k), "%zu", j);
			struct vnode *x = vnode_child(cv, k);
			vnode_set(x, "v", cell[j][0] ? cell[j][0] : "");
			if (flag_abnormal(cell[j][1]) && !vital)
				vnode_set(x, "flag", cell[j][1]);
		}
		if (vital)
			vital_cells(cv, res, ord, lo, hi, dates, nd);
		if (ntests <= TREND_TESTS)
			trend_chart(vnode_child(t, "trend"), res, ord, lo, hi);
	}
	view_set_int("Labs.ntests", (long long)ntests);
	view_set_int("Labs.ncols", (long long)nd + 2);
	if (grouped)
		view_set("Labs.grouped", "1");
	rc = 0;
out:
	free(ord);
	dbres_free(res);
	return rc;
}

/* Fills the view with the section's rows; 0, or -1 on a database error. */
static int
viewer_fill(const struct viewer *w)
{
	view_set("Section", w->section);
	view_set_int("History", w->history);
	view_set_int("PageNo", w->page);
	if (w->page > 1)
		view_set_int("Pager.prev", w->page - 1);
	if (str_eq(w->section, "summary"))
		return sec_summary(w);
	if (str_eq(w->section, "problems"))
		return sec_problems(w);
	if (str_eq(w->section, "meds"))
		return sec_meds(w);
	if (str_eq(w->section, "labs"))
		return sec_labs(w);
	if (str_eq(w->section, "documents"))
		return sec_documents(w);
	return sec_records(w);
}

/*
 * GET /records/patient: one patient's records, one section at a time.
 * Without a purpose it asks for one (A8.1); with one, it decides consent
 * now and shows or refuses. A refusal after a form 5 is 403 even to a page
 * opened minutes ago (A12.2). Every view is audited with its section.
 */
void
page_record_patient(struct req *r)
{
	struct viewer	 w;

	if (viewer_open(r, &w, "record.view", 1) == -1 ||
	    viewer_section(r, &w) == -1)
		return;
	view_set("Page.title", lang("records.patient_title"));
	view_set("P", param(r, "p"));
	view_set("Section", w.section);
	view_set("Page.patient", "1");
	if (w.purpose == NULL) {
		/* Ask first: nothing of the records is shown or logged as seen. */
		http_page(r, 200, "record_purpose.cs");
		return;
	}
	view_set("Purpose", w.purpose);
	if (direct_care(w.purpose))	/* A11.4: the print and CSV buttons */
		view_set("Print.ok", "1");
	view_set("Verdict", consent_verdict_name(w.v));
	if (w.v == CONSENT_ALLOW_EMERGENCY) {
		char d[32];
		fmt_jst(d, sizeof(d), w.until / 1000000, "%Y-%m-%d %H:%M");
		view_set("Emergency.until", d);
	}
	if (viewer_fill(&w) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (viewer_audit(r, &w, "record.view", "patient", w.oid) == -1)
		return;
	http_page(r, 200, "record_patient.cs");
}

/*
 * GET /records/print: the only printable form of a patient's records
 * (A11.4): no name, address, ID or birth date, age in years only, and a
 * watermark of who printed it, where and when. Printing is audited.
 */
void
page_record_print(struct req *r)
{
	struct viewer	 w;
	struct dbres	*p;
	char		 d[32];

	if (viewer_open(r, &w, "record.print", 0) == -1 || viewer_section(r, &w) == -1)
		return;
	if (w.purpose == NULL) {
		http_error(r, 400, "required", "purpose");
		return;
	}
	if (print_purpose_check(r, &w, "record.print") == -1)
		return;
	if ((p = db_query(STMT_VIEWER_PRINT_PATIENT, "ii", (long long)now(),
	    w.patient)) == NULL || p->nrows == 0) {
		dbres_free(p);
		http_error(r, 503, "db", NULL);
		return;
	}
	view_set("Anon.sex", dbres_get(p, 0, VIEWER_PRINT_PATIENT_SEX));
	view_set("Anon.age", dbres_get(p, 0, VIEWER_PRINT_PATIENT_AGE));
	dbres_free(p);
	view_set("Page.title", lang("viewer.print_title"));
	view_set("P", param(r, "p"));
	view_set("Purpose", w.purpose);
	view_set("Verdict", consent_verdict_name(w.v));
	fmt_jst(d, sizeof(d), (long long)now(), "%Y-%m-%d %H:%M");
	view_set("Mark.who", r->sess->name);
	view_set("Mark.facility", r->sess->facility);
	view_set("Mark.when", d);
	if (viewer_fill(&w) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (viewer_audit(r, &w, "record.print", "patient", w.oid) == -1)
		return;
	view_set("Page.patient", "1");
	http_page(r, 200, "record_print.cs");
}

/*
 * GET /records/export: the whole history of the facilities allowed (newest
 * first, current versions unless history=1) as CSV, for the stated purpose.
 * Like a printout it leaves the network, so it is anonymous (A11.4): no
 * name, ID or birth date in the file or its name. The 5,000-record patient
 * reads this in one statement instead of a hundred pages (docs/benchmarks.md).
 */
void
page_record_export(struct req *r)
{
	static const char *const heads[] = { "when", "facility", "kind",
	    "title", "summary", "status", NULL };
	struct viewer	 w;
	struct dbres	*res;
	struct buf	*b = &r->body_out;
	char		 k[48];

	if (viewer_open(r, &w, "record.export", 0) == -1)
		return;
	if (w.purpose == NULL) {
		http_error(r, 400, "required", "purpose");
		return;
	}
	if (print_purpose_check(r, &w, "record.export") == -1)
		return;
	w.section = "export";
	if ((res = db_query(STMT_VIEWER_EXPORT, "isii", w.patient, w.facs,
	    w.history, (long long)EXPORT_ROWS)) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (viewer_audit(r, &w, "record.export", "patient", w.oid) == -1) {
		dbres_free(res);
		return;
	}
	csv_begin(b);
	for (size_t c = 0; heads[c] != NULL; c++) {
		str_fmt(k, sizeof(k), "viewer.csv.%s", heads[c]);
		csv_cell(b, lang(k), heads[c + 1] == NULL);
	}
	for (size_t i = 0; i < res->nrows; i++) {
		const char *st = dbres_get(res, i, VIEWER_EXPORT_STATUS), *g = dbres_get(res, i, VIEWER_EXPORT_OCCURRED_GIVEN);
		char when[48];
		str_fmt(k, sizeof(k), "viewer.kind.%s", dbres_get(res, i, VIEWER_EXPORT_KIND));
		csv_cell(b, g != NULL ? given_text(g, when, sizeof(when)) :
		    dbres_get(res, i, VIEWER_EXPORT_AT), 0);
		csv_cell(b, dbres_get(res, i, VIEWER_EXPORT_FACILITY_NAME), 0);
		csv_cell(b, lang(k)[0] != '\0' ? lang(k) : dbres_get(res, i, VIEWER_EXPORT_KIND), 0);
		csv_cell(b, dbres_get(res, i, VIEWER_EXPORT_TITLE), 0);
		csv_cell(b, dbres_get(res, i, VIEWER_EXPORT_SUMMARY), 0);
		str_fmt(k, sizeof(k), "viewer.status.%s", st);
		csv_cell(b, str_eq(st, "current") ? "" : lang(k), 1);
	}
	dbres_free(res);
	if (csv_finish(r, "records") == -1)
		http_error(r, 503, "db", NULL);
}

/*
 * GET /records/fhir: the same records as the viewer shows (the same
 * decision, per disclosing facility, made now; a purpose; audited like an
 * export) as one FHIR R4 Bundle following JP Core (rules/jpcore.c), a
 * download for another system: the national platform or the clinic's own
 * record. Unlike the CSV it names the patient, since a record handed over
 * must say whose it is; it is a hand-over to a system, not a printout.
 * Documents go in by reference: their address here, which decides consent
 * again whenever it is followed.
 */
void
page_record_fhir(struct req *r)
{
	struct viewer	 w;
	struct buf	 b;
	char		 doc[512], cd[96], day[11];
	int		 rc;

	if (viewer_open(r, &w, "record.fhir.export", 0) == -1)
		return;
	if (w.purpose == NULL) {
		http_error(r, 400, "required", "purpose");
		return;
	}
	w.section = "fhir";
	/* p and purpose are tokens (letters, digits, _ . -): safe in a URL. */
	if (str_fmt(doc, sizeof(doc), "%s/records/document?p=%s&purpose=%s&id=",
	    cfg.origin, param(r, "p"), w.purpose) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	buf_init(&b);
	if ((rc = jpcore_patient_bundle(&b, w.patient, w.facs, doc)) != 0) {
		buf_free(&b);
		http_error(r, 503, "db", NULL);
		return;
	}
	if (viewer_audit(r, &w, "record.fhir.export", "patient", w.oid) == -1) {
		buf_free(&b);
		return;
	}
	buf_free(&r->body_out);
	r->body_out = b;	/* the bundle's memory is the response's now */
	fmt_jst(day, sizeof(day), (long long)now(), "%Y-%m-%d");
	str_fmt(cd, sizeof(cd), "attachment; filename=\"records-%s.fhir.json\"",
	    day);
	r->status = 200;
	r->ctype = "application/fhir+json; charset=utf-8";
	http_header(r, "Content-Disposition", cd);
}

/*
 * The checks both document routes make, in this order: the viewer opened
 * for the patient (404/403 as viewer_open), then a purpose (A12.2) and a
 * document id, each 400 when missing. Returns the document's id, or 0 with
 * a page sent. header as viewer_open.
 */
static long long
doc_open(struct req *r, struct viewer *w, const char *action, int header)
{
	long long	 id = form_ll(r, "id");

	if (viewer_open(r, w, action, header) == -1)
		return 0;
	w->section = "documents";
	if (w->purpose == NULL) {
		http_error(r, 400, "required", "purpose");
		return 0;
	}
	if (id < 1) {
		http_error(r, 400, "required", "id");
		return 0;
	}
	return id;
}

/*
 * GET /records/document: one extended-storage document's stored bytes with
 * their stored type, inline. Consent is decided for its disclosing facility
 * now, and the download audited, like every other view.
 */
void
page_record_document(struct req *r)
{
	struct viewer	 w;
	struct dbres	*res;
	long long	 id;
	char		 oid[24];

	if ((id = doc_open(r, &w, "document.view", 0)) == 0)
		return;
	/*
	 * Issue 21 (A11.4): an original is shown inside the viewer page, never
	 * handed to the browser as a page of its own (its PDF viewer offers
	 * download and print): a navigation here goes to the viewer page.
	 */
	if (r->fetch_dest != NULL && !str_eq(r->fetch_dest, "empty")) {
		char where[160];
		str_fmt(where, sizeof(where), "/records/document/view?p=%s&purpose=%s&id=%lld",
		    param(r, "p"), w.purpose, id);
		http_redirect(r, where);
		return;
	}
	if ((res = db_query(STMT_VIEWER_DOC_GET, "iis", id, w.patient,
	    w.facs)) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (res->nrows == 0) {
		/* Not this patient's, or from a facility the consent leaves out. */
		dbres_free(res);
		http_error(r, 404, NULL, NULL);
		return;
	}
	snprintf(oid, sizeof(oid), "%lld", id);
	if (viewer_audit(r, &w, "document.view", "document", oid) == -1) {
		dbres_free(res);
		return;
	}
	/*
	 * Only the types the importer stores (anything else is opaque bytes),
	 * for the viewer page's script only: no name to save them under.
	 */
	http_file(r, dbres_get(res, 0, VIEWER_DOC_GET_CONTENT_TYPE),
	    dbres_get(res, 0, VIEWER_DOC_GET_DATA),
	    dbres_len(res, 0, VIEWER_DOC_GET_DATA), "inline");
	dbres_free(res);
}

/*
 * GET /records/document/view: an original document (PDF or image) inside
 * the viewer page (issue 21, A11.4): drawn by static/docview.js with
 * pdf.js onto canvases under a watermark of the viewer's facility, name
 * and the time; not offered as a download, and the page prints nothing
 * of it (printing is the anonymized print, for direct care only).
 */
void
page_record_document_view(struct req *r)
{
	static const char *const cols[VIEWER_DOC_META__NCOLS] = {
	    [VIEWER_DOC_META_ID] = "id", [VIEWER_DOC_META_CARE_DATE] = "date",
	    [VIEWER_DOC_META_FACILITY_NAME] = "facility",
	    [VIEWER_DOC_META_CATEGORY] = "category",
	    [VIEWER_DOC_META_TITLE] = "title",
	    [VIEWER_DOC_META_CONTENT_TYPE] = "ctype",
	    [VIEWER_DOC_META_SIZE] = "size" };
	struct viewer	 w;
	struct dbres	*res;
	long long	 id;
	char		 oid[24], d[32];

	if ((id = doc_open(r, &w, "document.page", 1)) == 0)
		return;
	if ((res = row_load(r, STMT_VIEWER_DOC_META, "iis", id, w.patient,
	    w.facs)) == NULL)
		return;
	vnode_row(view_node("Doc"), res, 0, cols, NITEMS(cols));
	dbres_free(res);
	snprintf(oid, sizeof(oid), "%lld", id);
	if (viewer_audit(r, &w, "document.page", "document", oid) == -1)
		return;
	fmt_jst(d, sizeof(d), (long long)now(), "%Y-%m-%d %H:%M");
	view_set("Mark.who", r->sess->name);
	view_set("Mark.facility", r->sess->facility);
	view_set("Mark.when", d);
	view_set("P", param(r, "p"));
	view_set("Purpose", w.purpose);
	view_set("Page.title", lang("docview.title"));
	view_set("Page.patient", "1");
	http_page(r, 200, "record_document.cs");
}
