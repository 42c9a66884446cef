/* rows.h: query results into page data */
#ifndef ROWS_H
#define ROWS_H
#include <stddef.h>

#include "db/stmts.h"

struct dbres;
struct req;
struct vnode;

/*
 * cols names a result's columns by position, ncols of them (NITEMS(cols));
 * a NULL name skips its column. Declare it with the statement's column
 * enum: { [DESK_LIST_ID] = "id", [DESK_LIST_STATUS] = "status" }. A
 * column of Unix times is named ROW_TIME("sent"): it is shown in Japan
 * time ("2026-04-01 09:30"), and not at all when NULL (vnode_time).
 */
#define ROW_TIME_MARK	"@"
#define ROW_TIME(name)	ROW_TIME_MARK name

struct vnode *view_row(const char *, const struct dbres *, size_t,
	    const char *const *, size_t);
size_t	 view_rows(const char *, const struct dbres *, const char *const *,
	    size_t);
void	 vnode_row(struct vnode *, const struct dbres *, size_t,
	    const char *const *, size_t);
struct dbres *row_load(struct req *, enum stmt, const char *, ...);
struct dbres *row_by_id(struct req *, enum stmt, long long);

#endif
