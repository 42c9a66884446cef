/* rows.h: query results into page data */
#ifndef ROWS_H
#define ROWS_H
#include <stddef.h>

struct dbres;

size_t	 view_rows(const char *, const struct dbres *, const char *const *);

#endif
