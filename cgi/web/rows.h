/* rows.h: query results into page data */
#ifndef ROWS_H
#define ROWS_H
#include <stddef.h>

struct dbres;
struct vnode;

/*
 * cols names a result's columns by position, ncols of them (NITEMS(cols));
 * a NULL name skips its column. Declare it with the statement's column
 * enum: { [DESK_LIST_ID] = "id", [DESK_LIST_STATUS] = "status" }.
 */
size_t	 view_rows(const char *, const struct dbres *, const char *const *,
	    size_t);
void	 vnode_row(struct vnode *, const struct dbres *, size_t,
	    const char *const *, size_t);

#endif
