/*
 * day.c: a clinician's day (issue 19). The home page's lists (my
 * patients, recently viewed by me, new since I last looked), the EHR's
 * deep link by the facility's own local patient ID, and what users are
 * told (access that ended, a certificate about to end, unread messages,
 * emergency follow-ups overdue). Every patient a list names is decided
 * now by access.c (access_seen_many, consent_decide underneath), so a
 * form 5 drops a patient from every list on the next request.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/json.h"
#include "base/util.h"
#include "db/db.h"
#include "pages/pages.h"
#include "rules/access.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/form.h"
#include "web/render.h"
#include "web/session.h"

const struct field f_records_local[] = {
	{ "id", FT_TEXT, 64 },
	{ NULL, 0, 0 }
};
const struct field f_records_mine[] = {
	{ "page", FT_INT, 4 },
	{ NULL, 0, 0 }
};

#define MINE_HOME	10	/* my patients on the home page */
#define MINE_PAGE	20	/* a page of /records/mine */
#define MINE_MAX	5000	/* candidates read, newest activity first */
#define LIST_MAX	64	/* rows of one list, and patients decided at once */
#define RECENT_SHOWN	20	/* recently viewed by me */
#define RECENT_READ	60	/* patients read for recent, new since and ended */
#define RECENT_DAYS	90	/* how far back "viewed by me" looks */
#define CERT_WARN_DAYS	30	/* a certificate ending this soon is told */

/* One list being built: patients in order with what was decided of each. */
struct daylist {
	size_t			 n;
	long long		 id[LIST_MAX];
	long long		 when[LIST_MAX];	/* a time to show (s); 0 none */
	struct access_seen	 seen[LIST_MAX];
};

/* The patients a page named, each audited as listed there (A11.2). */
struct named {
	size_t		 n;
	long long	 id[4 * LIST_MAX];
};

static void
named_add(struct named *nm, long long id)
{
	for (size_t i = 0; i < nm->n; i++)
		if (nm->id[i] == id)
			return;
	if (nm->n < sizeof(nm->id) / sizeof(nm->id[0]))
		nm->id[nm->n++] = id;
}

/* Appends patient i of the decided set to l; 0, or -1 when l is full. */
static int
list_add(struct daylist *l, long long id, long long when,
    const struct access_seen *s)
{
	if (l->n == LIST_MAX)
		return -1;
	l->id[l->n] = id;
	l->when[l->n] = when;
	l->seen[l->n++] = *s;
	return 0;
}

/* The names of the facilities in l's decisions, as a result (caller frees), or NULL. */
static struct dbres *
list_facilities(const struct daylist *l)
{
	long long	 ids[LIST_MAX * ACCESS_SEEN_LINKS];
	size_t		 n = 0;
	struct buf	 json;
	struct dbres	*res = NULL;

	for (size_t i = 0; i < l->n; i++)
		for (size_t j = 0; j < l->seen[i].nlinks; j++)
			ids[n++] = l->seen[i].fac[j];
	buf_init(&json);
	if (json_ids(&json, ids, n) == 0)
		res = db_query(STMT_DAY_FACILITY_NAMES, "s", n ? json.data : "[]");
	buf_free(&json);
	return res;
}

/* "県立新庄病院、もがみ在宅クリニック": where patient i's records come from. */
static void
sources(const struct daylist *l, size_t i, const struct dbres *fac,
    struct buf *b)
{
	buf_reset(b);
	for (size_t j = 0; j < l->seen[i].nlinks; j++) {
		int dup = 0;
		for (size_t k = 0; k < j; k++)
			dup |= l->seen[i].fac[k] == l->seen[i].fac[j];
		for (size_t k = 0; !dup && fac != NULL && k < fac->nrows; k++)
			if (dbres_ll(fac, k, DAY_FACILITY_NAMES_ID) == l->seen[i].fac[j]) {
				buf_printf(b, "%s%s", b->len ? "、" : "",
				    dbres_get(fac, k, DAY_FACILITY_NAMES_NAME));
				break;
			}
	}
}

/*
 * The rows of l as Key.N (handle, name, kana, sex, birth_date, sources,
 * when), in l's order, and Key_n; each patient shown joins nm. A patient
 * is named by the session's handle only. 0, or -1 on a database error.
 */
static int
list_view(struct req *r, const char *key, const struct daylist *l,
    struct named *nm)
{
	struct dbres	*p, *fac;
	struct buf	 json, src;
	char		 k[64], h[32], d[32];
	size_t		 shown = 0;

	str_fmt(k, sizeof(k), "%s_n", key);
	view_set_int(k, 0);
	if (l->n == 0)
		return 0;
	buf_init(&json);
	if (json_ids(&json, l->id, l->n) == -1 ||
	    (p = db_query(STMT_DAY_PATIENTS, "si", json.data, r->sess->id)) == NULL) {
		buf_free(&json);
		return -1;
	}
	buf_free(&json);
	fac = list_facilities(l);
	buf_init(&src);
	for (size_t i = 0; i < l->n; i++) {
		size_t row;
		for (row = 0; row < p->nrows && dbres_ll(p, row, RECORDS_CANDIDATES_ID) != l->id[i]; row++)
			;
		if (row == p->nrows)
			continue;
		if (dbres_get(p, row, RECORDS_CANDIDATES_HANDLE) != NULL)
			str_copy(h, dbres_get(p, row, RECORDS_CANDIDATES_HANDLE), sizeof(h));
		else if (handle_for(r, l->id[i], h, sizeof(h)) == -1)
			continue;
		named_add(nm, l->id[i]);
		str_fmt(k, sizeof(k), "%s.%zu", key, shown++);
		struct vnode *v = view_node(k);
		vnode_set(v, "handle", h);
		vnode_set(v, "name", dbres_get(p, row, RECORDS_CANDIDATES_NAME));
		vnode_set(v, "kana", dbres_get(p, row, RECORDS_CANDIDATES_KANA));
		vnode_set(v, "sex", dbres_get(p, row, RECORDS_CANDIDATES_SEX));
		vnode_set(v, "birth_date", dbres_get(p, row, RECORDS_CANDIDATES_BIRTH_DATE));
		sources(l, i, fac, &src);
		vnode_set(v, "sources", src.data);
		if (l->when[i] > 0) {
			fmt_jst(d, sizeof(d), l->when[i], "%Y-%m-%d %H:%M");
			vnode_set(v, "when", d);
		}
	}
	buf_free(&src);
	dbres_free(fac);
	dbres_free(p);
	str_fmt(k, sizeof(k), "%s_n", key);
	view_set_int(k, (long long)shown);
	return 0;
}

/* A candidate of "my patients": the patient and its newest activity (s). */
struct cand {
	long long	 id;
	long long	 act;
};

/* By patient, newest activity first: a patient's first is its newest. */
static int
cand_by_id(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->act > y->act ? -1 : x->act < y->act;
}

/* Newest activity first, then the higher id (the order the page shows). */
static int
cand_by_act(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->act != y->act)
		return x->act > y->act ? -1 : 1;
	return x->id > y->id ? -1 : x->id < y->id;
}

/*
 * The rows of STMT_DAY_MINE (two lists, a patient maybe in both or twice)
 * as candidates, each patient once at its newest activity, newest first,
 * at most MINE_MAX. The caller frees *out. The count, or -1 (memory).
 */
static long
mine_candidates(const struct dbres *res, struct cand **out)
{
	struct cand	*c;
	size_t		 n = 0;

	if ((c = calloc(res->nrows + 1, sizeof(*c))) == NULL)
		return -1;
	for (size_t i = 0; i < res->nrows; i++) {
		c[i].id = dbres_ll(res, i, DAY_MINE_PATIENT_ID);
		c[i].act = dbres_ll(res, i, DAY_MINE_ACTIVITY);
	}
	qsort(c, res->nrows, sizeof(*c), cand_by_id);
	for (size_t i = 0; i < res->nrows; i++)
		if (n == 0 || c[n - 1].id != c[i].id)
			c[n++] = c[i];
	qsort(c, n, sizeof(*c), cand_by_act);
	*out = c;
	return (long)(n < MINE_MAX ? n : MINE_MAX);
}

/*
 * "My patients" (issue 19): a link at this facility or a form 4 it
 * registered, listed while a form 4 in force names this facility and the
 * decision lets it see the patient now; newest activity first, the
 * page'th page of size. Decides the candidates LIST_MAX at a time until
 * the page and one more are known. Sets *more; 0, or -1 (db).
 */
static int
mine_fill(struct req *r, long long page, size_t size, struct daylist *l,
    int *more)
{
	struct dbres		*res;
	struct access_seen	*seen;
	struct cand		*cand = NULL;
	long long		*ids;
	long			 got;
	size_t			 skip = (size_t)(page - 1) * size, allowed = 0, nc;
	int			 rc = -1;

	memset(l, 0, sizeof(*l));
	*more = 0;
	if ((res = db_query(STMT_DAY_MINE, "iiii", r->sess->facility_id,
	    (long long)MINE_MAX, r->sess->facility_id, (long long)MINE_MAX)) == NULL)
		return -1;
	got = mine_candidates(res, &cand);
	nc = got > 0 ? (size_t)got : 0;
	ids = calloc(nc + 1, sizeof(*ids));
	seen = calloc(LIST_MAX, sizeof(*seen));
	if (got == -1 || ids == NULL || seen == NULL)
		goto out;
	for (size_t i = 0; i < nc; i++)
		ids[i] = cand[i].id;
	for (size_t at = 0; at < nc && !*more; at += LIST_MAX) {
		size_t k = nc - at < LIST_MAX ? nc - at : LIST_MAX;
		if (access_seen_many(ids + at, k, r->sess->facility_id,
		    r->sess->user_id, seen) == -1)
			goto out;
		for (size_t i = 0; i < k && !*more; i++) {
			if (!consent_allowed(seen[i].v) || !seen[i].shared)
				continue;
			if (allowed++ < skip)
				continue;
			if (l->n == size)
				*more = 1;
			else
				list_add(l, ids[at + i], cand[at + i].act, &seen[i]);
		}
	}
	rc = 0;
out:
	free(cand);
	free(ids);
	free(seen);
	dbres_free(res);
	return rc;
}

/* What the user opened lately, decided now: the three lists that come of it. */
struct recent {
	struct daylist	 recent;	/* may be seen now, newest view first */
	struct daylist	 fresh;		/* of those, records arrived since the view */
	struct daylist	 ended;		/* sharing ended (form 5, cancellation) */
};

/*
 * Which of the links of the patients in l hold something imported after
 * the patient's last view (when[i], in us): moves those into fresh.
 * 0, or -1 (db).
 */
static int
fresh_fill(const struct daylist *l, struct daylist *fresh)
{
	long long	 links[LIST_MAX * ACCESS_SEEN_LINKS];
	size_t		 n = 0;
	struct buf	 json;
	struct dbres	*res;

	for (size_t i = 0; i < l->n; i++)
		for (size_t j = 0; j < l->seen[i].nlinks; j++)
			links[n++] = l->seen[i].link[j];
	if (n == 0)
		return 0;
	buf_init(&json);
	res = json_ids(&json, links, n) == 0 ?
	    db_query(STMT_DAY_LINKS_NEWEST, "s", json.data) : NULL;
	buf_free(&json);
	if (res == NULL)
		return -1;
	for (size_t i = 0; i < l->n; i++) {
		int is_new = 0;
		for (size_t j = 0; j < l->seen[i].nlinks; j++)
			for (size_t k = 0; k < res->nrows; k++)
				if (dbres_ll(res, k, DAY_LINKS_NEWEST_LINK_ID) == l->seen[i].link[j] &&
				    dbres_ll(res, k, DAY_LINKS_NEWEST_US) > l->when[i])
					is_new = 1;
		if (is_new)
			list_add(fresh, l->id[i], l->when[i] / 1000000, &l->seen[i]);
	}
	dbres_free(res);
	return 0;
}

/*
 * The patients this user opened in the last RECENT_DAYS days, decided
 * now: those that may still be seen (the newest RECENT_SHOWN), those with
 * records imported since the user's last view, and those whose sharing
 * with this facility ended (a form 5 revoked the form 4 that named it, or
 * the registration was cancelled), told without naming the patient.
 * 0, or -1 (db).
 */
static int
recent_fill(struct req *r, struct recent *rc)
{
	struct dbres		*res;
	long long		 ids[RECENT_READ];
	struct access_seen	 seen[RECENT_READ];
	struct daylist		 all;
	size_t			 n;

	memset(rc, 0, sizeof(*rc));
	memset(&all, 0, sizeof(all));
	if ((res = db_query(STMT_DAY_RECENT, "iii", r->sess->user_id,
	    (long long)RECENT_DAYS, (long long)RECENT_READ)) == NULL)
		return -1;
	n = res->nrows < RECENT_READ ? res->nrows : RECENT_READ;
	for (size_t i = 0; i < n; i++)
		ids[i] = dbres_ll(res, i, DAY_RECENT_PATIENT_ID);
	if (access_seen_many(ids, n, r->sess->facility_id, r->sess->user_id,
	    seen) == -1) {
		dbres_free(res);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		long long last = dbres_ll(res, i, DAY_RECENT_LAST_US);
		if (seen[i].ended_us != 0) {
			list_add(&rc->ended, ids[i], seen[i].ended_us / 1000000,
			    &seen[i]);
			continue;
		}
		if (!consent_allowed(seen[i].v))
			continue;
		list_add(&all, ids[i], last, &seen[i]);
		if (rc->recent.n < RECENT_SHOWN)
			list_add(&rc->recent, ids[i], last / 1000000, &seen[i]);
	}
	dbres_free(res);
	return fresh_fill(&all, &rc->fresh);
}

/*
 * Access that ended, told without naming the patient: Ended.N.when and
 * .why (revoked, cancelled).
 */
static void
ended_view(const struct daylist *l)
{
	char	 k[48], d[32];

	for (size_t i = 0; i < l->n; i++) {
		str_fmt(k, sizeof(k), "Ended.%zu", i);
		struct vnode *v = view_node(k);
		fmt_jst(d, sizeof(d), l->when[i], "%Y-%m-%d %H:%M");
		vnode_set(v, "when", d);
		vnode_set(v, "why", l->seen[i].deceased ? "cancelled" : "revoked");
	}
	view_set_int("Ended_n", (long long)l->n);
}

/* Cert.ends (date) when this user's latest certificate ends within CERT_WARN_DAYS. */
static int
cert_view(const struct req *r)
{
	struct dbres	*res;
	char		 d[32];
	long long	 t = now();
	int		 told = 0;

	if ((res = db_query(STMT_DAY_CERT_LATEST, "ii", r->sess->user_id, t)) == NULL)
		return -1;
	if (res->nrows > 0) {
		long long end = dbres_ll(res, 0, DAY_CERT_LATEST_NOT_AFTER);
		if (end > t && end - t <= CERT_WARN_DAYS * 86400LL) {
			fmt_jst(d, sizeof(d), end, "%Y-%m-%d");
			view_set("Cert.ends", d);
			view_set_int("Cert.days", (end - t) / 86400);
			told = 1;
		}
	}
	dbres_free(res);
	return told;
}

/*
 * This user's emergency follow-ups past due (A14), each with its patient
 * (the user held the grant) and the handles for the record and form 4:
 * Overdue.N. Returns how many, or -1 (db).
 */
static int
overdue_view(struct req *r, struct named *nm)
{
	struct dbres	*res, *p;
	char		 k[48], d[32], h[32], pid[24];
	size_t		 n = 0;

	if ((res = db_query(STMT_DAY_FOLLOWUPS_OVERDUE, "ii", r->sess->user_id,
	    (long long)now())) == NULL)
		return -1;
	for (size_t i = 0; i < res->nrows; i++) {
		long long id = dbres_ll(res, i, DAY_FOLLOWUPS_OVERDUE_PATIENT_ID);
		snprintf(pid, sizeof(pid), "[%lld]", id);
		if ((p = db_query(STMT_DAY_PATIENTS, "si", pid, r->sess->id)) == NULL)
			break;
		if (p->nrows == 0 || handle_for(r, id, h, sizeof(h)) == -1) {
			dbres_free(p);
			continue;
		}
		named_add(nm, id);
		str_fmt(k, sizeof(k), "Overdue.%zu", n++);
		struct vnode *v = view_node(k);
		vnode_set(v, "handle", h);
		vnode_set(v, "name", dbres_get(p, 0, RECORDS_CANDIDATES_NAME));
		vnode_set(v, "kana", dbres_get(p, 0, RECORDS_CANDIDATES_KANA));
		vnode_set(v, "sex", dbres_get(p, 0, RECORDS_CANDIDATES_SEX));
		vnode_set(v, "birth_date", dbres_get(p, 0, RECORDS_CANDIDATES_BIRTH_DATE));
		fmt_jst(d, sizeof(d), dbres_ll(res, i, DAY_FOLLOWUPS_OVERDUE_DUE), "%Y-%m-%d %H:%M");
		vnode_set(v, "due", d);
		fmt_jst(d, sizeof(d), dbres_ll(res, i, DAY_FOLLOWUPS_OVERDUE_STARTED), "%Y-%m-%d %H:%M");
		vnode_set(v, "started", d);
		dbres_free(p);
	}
	dbres_free(res);
	view_set_int("Overdue_n", (long long)n);
	return (int)n;
}

/*
 * What a user is told (issue 19), on the home page and /notifications:
 * access that ended, a certificate ending, follow-ups overdue (unread
 * messages come from messages_count_view). Sets Notify.user to how many.
 * 0, or -1 (db).
 */
static int
user_notes(struct req *r, const struct recent *rc, struct named *nm)
{
	int	 cert, over;

	ended_view(&rc->ended);
	if ((cert = cert_view(r)) < 0 || (over = overdue_view(r, nm)) < 0)
		return -1;
	view_set_int("Notify.user", (long long)rc->ended.n + cert + over);
	return 0;
}

/*
 * The home page of a user at a member facility: my patients (the first
 * MINE_HOME), recently viewed, new since, and the notes. Like a search,
 * the page is audited with whom it named, each patient in their own log
 * (records.home_listed, shown in the access report; A11.2). 0, or -1.
 */
int
day_home(struct req *r)
{
	struct daylist	 mine;
	struct recent	 rc;
	struct named	 nm = { 0 };
	int		 more;

	if (mine_fill(r, 1, MINE_HOME, &mine, &more) == -1 ||
	    list_view(r, "Mine", &mine, &nm) == -1 ||
	    recent_fill(r, &rc) == -1 ||
	    list_view(r, "Recent", &rc.recent, &nm) == -1 ||
	    list_view(r, "Fresh", &rc.fresh, &nm) == -1 ||
	    user_notes(r, &rc, &nm) == -1)
		return -1;
	if (more)
		view_set("Mine_more", "1");
	view_set("Day.shown", "1");
	return audit_search(r, "records.home", "records.home_listed", nm.id,
	    nm.n);
}

/* The notes alone, for /notifications, audited like the home page. 0, or -1. */
int
day_notes(struct req *r)
{
	struct recent	 rc;
	struct named	 nm = { 0 };

	if (recent_fill(r, &rc) == -1 || user_notes(r, &rc, &nm) == -1)
		return -1;
	view_set("Day.shown", "1");
	return nm.n == 0 ? 0 : audit_search(r, "records.notes",
	    "records.home_listed", nm.id, nm.n);
}

/* GET /records/mine: "my patients", MINE_PAGE at a time, audited like the home page. */
void
page_records_mine(struct req *r)
{
	struct daylist	 mine;
	struct named	 nm = { 0 };
	long long	 page = form_ll(r, "page");
	int		 more;

	if (page < 1)
		page = 1;
	view_set("Page.title", lang("day.mine_title"));
	if (mine_fill(r, page, MINE_PAGE, &mine, &more) == -1 ||
	    list_view(r, "Mine", &mine, &nm) == -1 ||
	    audit_search(r, "records.mine", "records.home_listed", nm.id,
	    nm.n) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	view_set_int("PageNo", page);
	if (page > 1)
		view_set_int("Pager.prev", page - 1);
	if (more)
		view_set_int("Pager.next", page + 1);
	view_set("Page.patient", "1");
	http_page(r, 200, "records_mine.cs");
}

/* The local ID as the EHR sent it, without surrounding spaces, into out; 0 or -1. */
static int
local_id_take(const char *in, char *out, size_t len)
{
	size_t	 n;

	if (in == NULL)
		return -1;
	while (*in == ' ' || *in == '\t')
		in++;
	n = strlen(in);
	while (n > 0 && (in[n - 1] == ' ' || in[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= len)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!((in[i] >= '0' && in[i] <= '9') || (in[i] >= 'A' && in[i] <= 'Z') ||
		    (in[i] >= 'a' && in[i] <= 'z') || in[i] == '-' || in[i] == '_'))
			return -1;
	memcpy(out, in, n);
	out[n] = '\0';
	return 0;
}

/*
 * GET /records/local?id=LOCALID: the EHR's one-click link. The ID is this
 * facility's own (another facility's finds nothing), leading zeros as
 * typed or not. The patient, when this facility may see them now, opens
 * through a redirect to the handle URL (the purpose is asked there); the
 * ID never reaches a page title, the audit log or a later URL. Nothing
 * found: the search page, saying which ways there are (404).
 */
void
page_records_local(struct req *r)
{
	struct dbres		*res;
	struct access_seen	 seen[20];
	long long		 ids[20];
	char			 id[65], h[32], where[96], oid[24];
	size_t			 n, pick;

	view_set("Page.title", lang("records.title"));
	if (local_id_take(param(r, "id"), id, sizeof(id)) == -1) {
		http_error(r, 400, "local_id", "id");
		return;
	}
	if ((res = db_query(STMT_DAY_LOCAL_PATIENTS, "siss", id,
	    r->sess->facility_id, id, id)) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	n = res->nrows < 20 ? res->nrows : 20;
	for (size_t i = 0; i < n; i++)
		ids[i] = dbres_ll(res, i, DAY_LOCAL_PATIENTS_ID);
	dbres_free(res);
	if (access_seen_many(ids, n, r->sess->facility_id, r->sess->user_id,
	    seen) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	/* The exact ID first (the statement's order), then one without its zeros. */
	for (pick = 0; pick < n && !consent_allowed(seen[pick].v); pick++)
		;
	if (pick == n) {
		audit(r, &(struct audit_entry){ .action = "records.local",
		    .object_type = "patient", .outcome = "denied",
		    .detail = "none" });
		view_set("Search.done", "1");
		view_set("Search.local_none", "1");
		view_set_int("Patients_n", 0);
		http_page(r, 404, "records.cs");
		return;
	}
	if (handle_for(r, ids[pick], h, sizeof(h)) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	snprintf(oid, sizeof(oid), "%lld", ids[pick]);
	audit(r, &(struct audit_entry){ .action = "records.local",
	    .object_type = "patient", .object_id = oid,
	    .patient_id = ids[pick], .detail = "found" });
	str_fmt(where, sizeof(where), "/records/patient?p=%s", h);
	http_redirect(r, where);
}
