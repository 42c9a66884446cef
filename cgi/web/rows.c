/* rows.c: query results into page data: list.N.<column name> for every row */
#include "base/util.h"
#include "db/db.h"
#include "web/render.h"
#include "web/rows.h"

/*
 * Sets list.<i>.<cols[c]> from column c of every row of res; cols ends
 * with NULL and may name fewer columns than res has. Returns the rows set.
 */
size_t
view_rows(const char *list, const struct dbres *res, const char *const *cols)
{
	char	 key[96];
	size_t	 i, c;

	for (i = 0; res != NULL && i < res->nrows; i++) {
		if (str_fmt(key, sizeof(key), "%s.%zu", list, i) == -1)
			return i;
		struct vnode *n = view_node(key);
		for (c = 0; cols[c] != NULL && c < res->ncols; c++)
			vnode_set(n, cols[c], dbres_get(res, i, c));
	}
	return i;
}
