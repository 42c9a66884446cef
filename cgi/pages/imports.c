/* imports.c: the operator's view of the SS-MIX2 imports: per facility, last arrival, last run, quarantine and warnings */
#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "db/db.h"
#include "pages/pages.h"
#include "web/app.h"
#include "web/render.h"
#include "web/rows.h"

const struct field f_imports[] = {
	{ "facility", FT_INT, 20 },
	{ NULL, 0, 0 }
};

/* Columns of STMT_IMPORTS_FACILITIES, in order, as page data names. */
static const char *const fac_cols[IMPORTS_FACILITIES__NCOLS] = {
    [IMPORTS_FACILITIES_ID] = "id", [IMPORTS_FACILITIES_CODE] = "code",
    [IMPORTS_FACILITIES_NAME] = "name",
    [IMPORTS_FACILITIES_ROOT_DIR] = "root_dir",
    [IMPORTS_FACILITIES_ENABLED] = "enabled",
    [IMPORTS_FACILITIES_LAST_ARRIVAL] = "arrived",
    [IMPORTS_FACILITIES_STARTED_AT] = "started",
    [IMPORTS_FACILITIES_FINISHED_AT] = "finished",
    [IMPORTS_FACILITIES_STATUS] = "status",
    [IMPORTS_FACILITIES_FILES_TOTAL] = "total",
    [IMPORTS_FACILITIES_FILES_DONE] = "done",
    [IMPORTS_FACILITIES_IMPORTED] = "imported",
    [IMPORTS_FACILITIES_UNCHANGED] = "unchanged",
    [IMPORTS_FACILITIES_QUARANTINED] = "quarantined",
    [IMPORTS_FACILITIES_FAILED] = "failed",
    [IMPORTS_FACILITIES_LAST_ERROR] = "last_error",
    [IMPORTS_FACILITIES_REMOVED] = "removed",
    [IMPORTS_FACILITIES_IN_QUARANTINE] = "q_count",
    [IMPORTS_FACILITIES_WARNED] = "warned",
    [IMPORTS_FACILITIES_WARNED_FILES] = "w_count" };

/*
 * Puts the facilities into Facilities.N; returns 0 or -1. The last error
 * of a run is the importer's own English tag, never patient data.
 */
static int
facilities(void)
{
	struct dbres	*res;

	if ((res = db_query(STMT_IMPORTS_FACILITIES, "")) == NULL)
		return -1;
	view_set_int("Facilities_n", (long long)view_rows("Facilities", res,
	    fac_cols, NITEMS(fac_cols)));
	dbres_free(res);
	return 0;
}

/*
 * A quarantine detail in words: the importer's tags ("date", "encoding",
 * "no-msh" ...) have a text in L.imports.detail; anything else (a data
 * type code) is shown as it is.
 */
static const char *
detail(const char *d)
{
	char		 key[64];
	const char	*v;

	if (d == NULL || *d == '\0' || strspn(d, "abcdefghijklmnopqrstuvwxyz-") !=
	    strlen(d) || str_fmt(key, sizeof(key), "imports.detail.%s", d) == -1)
		return d;
	for (char *p = key; *p != '\0'; p++)	/* HDF names: no '-' */
		if (*p == '-')
			*p = '_';
	v = lang(key);
	return v != NULL && strcmp(v, key) != 0 ? v : d;
}

/* The text of a code under prefix in L (imports.reason.x), or the unknown's. */
static const char *
worded(const char *prefix, const char *code)
{
	char		 key[64];
	const char	*v;

	if (code == NULL || strspn(code, "abcdefghijklmnopqrstuvwxyz_") !=
	    strlen(code) || str_fmt(key, sizeof(key), "%s.%s", prefix, code) ==
	    -1 || (v = lang(key)) == NULL || strcmp(v, key) == 0 || *v == '\0')
		return lang("imports.reason.unknown");
	return v;
}

/*
 * The list of files to ask the hospital about (of one facility when
 * fid > 0): quarantined ones with the reason, and ones imported with a
 * warning with the warning, in words, beside each other. The file's path
 * in the facility's tree; no names: the list is about files, and the path
 * is what the operator asks the hospital about.
 */
static int
quarantine(long long fid)
{
	struct dbres	*res;
	size_t		 i;

	if ((res = db_query(STMT_IMPORTS_QUARANTINE, "iiii", fid, fid, fid,
	    fid)) == NULL)
		return -1;
	for (i = 0; i < res->nrows; i++) {
		int warned = strcmp(dbres_get(res, i, IMPORTS_QUARANTINE_STATUS), "imported") == 0;
		static const char *const cols[IMPORTS_QUARANTINE__NCOLS] = {
		    [IMPORTS_QUARANTINE_CODE] = "code",
		    [IMPORTS_QUARANTINE_TREE] = "tree",
		    [IMPORTS_QUARANTINE_REL_PATH] = "path" };
		struct vnode *n = view_row("Quarantine", res, i, cols,
		    NITEMS(cols));
		if (warned) {
			vnode_set(n, "warned", "1");
			vnode_set(n, "reason", worded("imports.warning",
			    dbres_get(res, i, IMPORTS_QUARANTINE_WARNING)));
		} else {
			vnode_set(n, "reason", worded("imports.reason",
			    dbres_get(res, i, IMPORTS_QUARANTINE_REASON)));
			vnode_set(n, "detail", detail(dbres_get(res, i, IMPORTS_QUARANTINE_DETAIL)));
		}
		vnode_set(n, "type", dbres_get(res, i, IMPORTS_QUARANTINE_DATA_TYPE));
		vnode_set(n, "at", dbres_get(res, i, IMPORTS_QUARANTINE_IMPORTED_AT));
	}
	view_set_int("Quarantine_n", (long long)res->nrows);
	dbres_free(res);
	return 0;
}

/* Columns of STMT_IMPORTS_RUNS, as page data names. */
static const char *const run_cols[] = { "started", "finished", "status",
    "total", "imported", "warned", "unchanged", "quarantined", "removed",
    "failed", NULL };

/* One facility's latest runs, each with its counts, into Runs.N. */
static int
runs(long long fid)
{
	struct dbres	*res;
	char		 key[48];

	if ((res = db_query(STMT_IMPORTS_RUNS, "i", fid)) == NULL)
		return -1;
	for (size_t i = 0; i < res->nrows; i++) {
		str_fmt(key, sizeof(key), "Runs.%zu", i);
		struct vnode *n = view_node(key);
		for (size_t c = 0; run_cols[c] != NULL && c < res->ncols; c++)
			vnode_set(n, run_cols[c], dbres_get(res, i, c));
	}
	view_set_int("Runs_n", (long long)res->nrows);
	dbres_free(res);
	return 0;
}

/* GET /admin/imports[?facility=ID]: read-only for staff and the operator. */
void
page_imports(struct req *r)
{
	long long	 fid = 0;
	const char	*f = param(r, "facility");

	if (f != NULL && *f != '\0' &&
	    str_to_ll(f, 1, 1LL << 60, &fid) == -1) {
		http_error(r, 400, "type", "facility");
		return;
	}
	if (facilities() == -1 || quarantine(fid) == -1 ||
	    (fid > 0 && runs(fid) == -1)) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (fid > 0)
		view_set_int("Imports.facility", fid);
	view_set("Page.title", lang("imports.title"));
	http_page(r, 200, "imports.cs");
}
