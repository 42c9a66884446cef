/* dashtab.h: the dashboard's tables in the page data (page, CSV and charts) */
#ifndef DASHTAB_H
#define DASHTAB_H
#include <stddef.h>

struct buf;
struct vnode;

/*
 * A table in the page data: Tab.<name>.h.<j> headings, .num.<j> set for a
 * column of numbers, .r.<i>.key (row id), .r.<i>.cls, .r.<i>.c.<j> cells.
 */
struct dtab {
	struct vnode	*node;
	struct vnode	*row;
	size_t		 ncols, nrows, col;
};

void		 dtab_begin(struct dtab *, const char *);
void		 dtab_head(struct dtab *, const char *, int, int);
void		 dtab_row(struct dtab *, const char *, const char *);
void		 dtab_cell(struct dtab *, const char *);
void		 dtab_int(struct dtab *, long long);
void		 dtab_days(struct dtab *, double);
void		 dtab_end(struct dtab *);
const char	*dtab_get(const char *, size_t, size_t);
long long	 dtab_ll(const char *, size_t, size_t);
size_t		 dtab_rows(const char *);
const char	*dtab_key(const char *, size_t);
void		 dtab_csv(struct buf *, const char *);

#endif
