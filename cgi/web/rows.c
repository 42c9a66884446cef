/* rows.c: query results into page data: list.N.<column name> for every row */
#include <stdarg.h>

#include <stdarg.h>

#include "base/util.h"
#include "db/db.h"
#include "web/app.h"
#include "web/form.h"
#include "web/render.h"
#include "web/rows.h"

/*
 * Sets n.<cols[c]> from column c of row i of res, for every named column;
 * a ROW_TIME name gets the Unix time as Japan time (nothing when NULL).
 */
void
vnode_row(struct vnode *n, const struct dbres *res, size_t i,
    const char *const *cols, size_t ncols)
{
	for (size_t c = 0; c < ncols && c < res->ncols; c++) {
		if (cols[c] == NULL)
			continue;
		if (cols[c][0] == ROW_TIME_MARK[0])
			vnode_time(n, cols[c] + 1, res, i, c);
		else
			vnode_set(n, cols[c], dbres_get(res, i, c));
	}
}

/*
 * The rows st answers for types and its arguments (as db_query), when it
 * answers one at least: the result, which the caller frees. NULL with
 * the page sent: 503 when the query failed, 404 when no row is there.
 */
struct dbres *
row_load(struct req *r, enum stmt st, const char *types, ...)
{
	struct dbres	*res;
	va_list		 ap;

	va_start(ap, types);
	res = db_vquery(st, types, ap);
	va_end(ap);
	if (res == NULL) {
		http_error(r, 503, "db", NULL);
		return NULL;
	}
	if (res->nrows == 0) {
		dbres_free(res);
		http_error(r, 404, NULL, NULL);
		return NULL;
	}
	return res;
}

/* row_load of st for row id (the parameter "id"): 400 when not positive. */
struct dbres *
row_by_id(struct req *r, enum stmt st, long long id)
{
	if (id <= 0) {
		http_error(r, 400, "type", "id");
		return NULL;
	}
	return row_load(r, st, "i", id);
}

/*
 * Sets list.<i>.<cols[c]> from row i of res and returns the node
 * list.<i>, for what a page adds to the row (NULL: the name is too long).
 */
struct vnode *
view_row(const char *list, const struct dbres *res, size_t i,
    const char *const *cols, size_t ncols)
{
	char		 key[96];
	struct vnode	*n;

	if (str_fmt(key, sizeof(key), "%s.%zu", list, i) == -1)
		return NULL;
	n = view_node(key);
	vnode_row(n, res, i, cols, ncols);
	return n;
}

/* Sets list.<i>.<cols[c]> for every row of res. Returns the rows set. */
size_t
view_rows(const char *list, const struct dbres *res, const char *const *cols,
    size_t ncols)
{
	size_t	 i;

	for (i = 0; res != NULL && i < res->nrows; i++)
		if (view_row(list, res, i, cols, ncols) == NULL)
			return i;
	return i;
}
