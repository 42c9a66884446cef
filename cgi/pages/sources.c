/*
 * sources.c: the import sources (issue 20): per facility, its SS-MIX2
 * standardized and extended storage folders, on or off, the last run and
 * what it imported and quarantined, a warning when nothing arrived for
 * stale_days, and "run now" (the scheduler's next pass runs it). Was
 * `mogamictl ssmix2 set`; the folders are checked before they are saved.
 */
#include <stdio.h>
#include <string.h>

#include "base/config.h"
#include "base/util.h"
#include "db/db.h"
#include "import/sources.h"
#include "pages/pages.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/form.h"
#include "web/render.h"
#include "web/rows.h"
#include "web/session.h"

const struct field f_sources[] = {
	{ "facility", FT_INT, 20 }, { "m", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};
const struct field f_source_save[] = {
	{ "facility", FT_INT, 20 }, { "version", FT_INT, 10 },
	{ "csrf", FT_HEX, 64 }, { "root_dir", FT_TEXT, 500 },
	{ "ext_dir", FT_TEXT, 500 }, { "enabled", FT_TOKEN, 1 },
	{ "stale_days", FT_TEXT, 4 },
	{ NULL, 0, 0 }
};
const struct field f_source_run[] = {
	{ "facility", FT_INT, 20 }, { "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};

#define STALE_DAYS_MAX	90

/*
 * Sources.N for every facility that discloses or has storage set, each
 * with "stale" when nothing arrived for its stale_days (or never, while
 * on); the row of facility fid (if any) also into Form unless keep. 0, or
 * -1 on a database error.
 */
static int
sources_view(long long fid, int keep)
{
	static const char *const cols[SOURCES_LIST__NCOLS] = {
	    [SOURCES_LIST_ID] = "id", [SOURCES_LIST_CODE] = "code",
	    [SOURCES_LIST_NAME] = "name",
	    [SOURCES_LIST_DISCLOSING] = "disclosing",
	    [SOURCES_LIST_ROOT_DIR] = "root_dir",
	    [SOURCES_LIST_EXT_DIR] = "ext_dir",
	    [SOURCES_LIST_ENABLED] = "enabled",
	    [SOURCES_LIST_STALE_DAYS] = "stale_days",
	    [SOURCES_LIST_VERSION] = "version",
	    [SOURCES_LIST_RUN_REQUESTED] = "requested",
	    [SOURCES_LIST_LAST_ARRIVAL] = "arrived",
	    [SOURCES_LIST_DAYS_SINCE] = "days_since",
	    [SOURCES_LIST_STARTED_AT] = "started",
	    [SOURCES_LIST_STATUS] = "status",
	    [SOURCES_LIST_IMPORTED] = "imported",
	    [SOURCES_LIST_QUARANTINED] = "quarantined",
	    [SOURCES_LIST_IN_QUARANTINE] = "q_count" };
	struct dbres	*res;

	if ((res = db_query(STMT_SOURCES_LIST, "i", (long long)now())) == NULL)
		return -1;
	for (size_t i = 0; i < res->nrows; i++) {
		struct vnode *n = view_row("Sources", res, i,
		    cols, NITEMS(cols));
		int on = dbres_ll(res, i, SOURCES_LIST_ENABLED) == 1 &&
		    dbres_get(res, i, SOURCES_LIST_ROOT_DIR) != NULL;
		int never = dbres_get(res, i, SOURCES_LIST_DAYS_SINCE) == NULL;
		if (on && (never || dbres_ll(res, i, SOURCES_LIST_DAYS_SINCE) >=
		    dbres_ll(res, i, SOURCES_LIST_STALE_DAYS)))
			vnode_set(n, "stale", "1");
		if (dbres_ll(res, i, SOURCES_LIST_ID) != fid)
			continue;
		vnode_row(view_node("Src"), res, i, cols, NITEMS(cols));
		if (!keep) {
			vnode_row(view_node("Form"), res, i, cols, NITEMS(cols));
			if (dbres_get(res, i, SOURCES_LIST_ROOT_DIR) == NULL) {
				view_set("Form.enabled", "1");
				view_set("Form.stale_days", "3");
			}
		}
	}
	view_set_int("Sources_n", (long long)res->nrows);
	dbres_free(res);
	return 0;
}

/* The page, status 200 or 422; fid's form when fid > 0. */
static void
sources_page(struct req *r, long long fid, int keep, int status)
{
	if (sources_view(fid, keep) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (fid > 0 && view_get("Src.id") == NULL) {
		http_error(r, 404, NULL, NULL);
		return;
	}
	view_set("Page.title", lang("sources.title"));
	http_page(r, status, "sources.cs");
}

/* GET /admin/imports/sources[?facility=]: every source; one's form for the operator. */
void
page_sources(struct req *r)
{
	long long	 fid = form_id(r, "facility");

	form_flash(r, "sources");
	sources_page(r, fid > 0 ? fid : 0, 0, 200);
}

/* Checks one folder field; a message beside it. 1 when refused. */
static int
dir_field(const char *field, const char *path)
{
	const char	*why;

	if ((why = sources_dir_check(path, cfg.var_dir)) == NULL)
		return 0;
	form_err("sources", field, why);
	return 1;
}

/*
 * POST /admin/imports/sources: the folders (checked: absolute, no "..",
 * an existing readable directory, not inside var/), on or off, after how
 * many days without arrivals it warns. The first save makes the source.
 */
void
page_source_save(struct req *r)
{
	static const char *const keep[] = { "root_dir", "ext_dir", "enabled",
	    "stale_days", NULL };
	long long	 fid = form_id(r, "facility"), ver = form_ll(r, "version");
	const char	*root = param(r, "root_dir"), *ext = param(r, "ext_dir");
	long long	 days = 0;
	int		 bad = 0, rc;

	if (fid <= 0 || ver < 0) {
		http_error(r, 400, "type", fid <= 0 ? "facility" : "version");
		return;
	}
	if (form_empty(root))
		form_err("sources", "root_dir", "required"), bad = 1;
	else
		bad |= dir_field("root_dir", root);
	if (!form_empty(ext))
		bad |= dir_field("ext_dir", ext);
	if (str_to_ll(param(r, "stale_days"), 1, STALE_DAYS_MAX, &days) == -1)
		form_err("sources", "stale_days", "days"), bad = 1;
	if (bad) {
		form_keep(r, "Form", keep, NITEMS(keep));
		sources_page(r, fid, 1, 422);
		return;
	}
	if (form_begin(r) == -1)
		return;
	long long on = str_eq(param(r, "enabled"), "1");
	rc = ver == 0 ? db_exec(STMT_SOURCE_INSERT, "issii", fid, root,
	    form_null(ext), on, days) : db_exec(STMT_SOURCE_UPDATE, "ssiiii",
	    root, form_null(ext), on, days, fid, ver);
	if (rc == 0 || rc == DB_DUP) {		/* another save came first */
		form_stale(r);
		return;
	}
	if (rc != 1) {
		form_db_fail(r);
		return;
	}
	form_commit_go(r, "ssmix2.set", "facility", fid, on ? "enabled" :
	    "disabled",
	    "/admin/imports/sources?facility=%lld&m=saved", fid);
}

/* POST /admin/imports/run: "run now"; the scheduler's next pass (seconds) runs it. */
void
page_source_run(struct req *r)
{
	long long	 fid = form_id(r, "facility");
	int		 rc;

	if (fid <= 0) {
		http_error(r, 400, "type", "facility");
		return;
	}
	if (form_begin(r) == -1)
		return;
	if ((rc = db_exec(STMT_SOURCE_RUN_REQUEST, "i", fid)) < 0) {
		form_db_fail(r);
		return;
	}
	/* 0 rows: no folder set (nothing to run), or a run already waits. */
	form_commit_go(r, "ssmix2.run_now", "facility", fid, NULL,
	    "/admin/imports/sources?facility=%lld&m=%s",
	    fid, rc == 1 ? "requested" : "waiting");
}
