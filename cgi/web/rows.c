/* rows.c: query results into page data: list.N.<column name> for every row */
#include "base/util.h"
#include "db/db.h"
#include "web/render.h"
#include "web/rows.h"

/* Sets n.<cols[c]> from column c of row i of res, for every named column. */
void
vnode_row(struct vnode *n, const struct dbres *res, size_t i,
    const char *const *cols, size_t ncols)
{
	for (size_t c = 0; c < ncols && c < res->ncols; c++)
		if (cols[c] != NULL)
			vnode_set(n, cols[c], dbres_get(res, i, c));
}

/* Sets list.<i>.<cols[c]> for every row of res. Returns the rows set. */
size_t
view_rows(const char *list, const struct dbres *res, const char *const *cols,
    size_t ncols)
{
	char	 key[96];
	size_t	 i;

	for (i = 0; res != NULL && i < res->nrows; i++) {
		if (str_fmt(key, sizeof(key), "%s.%zu", list, i) == -1)
			return i;
		vnode_row(view_node(key), res, i, cols, ncols);
	}
	return i;
}
