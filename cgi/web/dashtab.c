/*
 * dashtab.c: the dashboard's tables, kept in the page data so that the
 * page, the CSV export and the charts read the very same cells.
 * Tab.<name>.h.<j> headings, .num.<j> set for a column of numbers,
 * .r.<i>.key (the row's id), .r.<i>.cls, .r.<i>.c.<j> cells.
 */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "web/csv.h"
#include "web/dashtab.h"
#include "web/render.h"

void
dtab_begin(struct dtab *t, const char *name)
{
	char	 k[48];

	memset(t, 0, sizeof(*t));
	str_fmt(k, sizeof(k), "Tab.%s", name);
	t->node = view_node(k);
}

/* A heading: a language key under dash.col, or the text itself when raw. */
void
dtab_head(struct dtab *t, const char *key, int num, int raw)
{
	char	 k[48];

	str_fmt(k, sizeof(k), "h.%zu", t->ncols);
	if (raw)
		vnode_set(t->node, k, key);
	else {
		char l[64];
		str_fmt(l, sizeof(l), "dash.col.%s", key);
		vnode_set(t->node, k, lang(l));
	}
	if (num) {
		str_fmt(k, sizeof(k), "num.%zu", t->ncols);
		vnode_set(t->node, k, "1");
	}
	t->ncols++;
}

void
dtab_row(struct dtab *t, const char *key, const char *cls)
{
	struct vnode	*r;
	char		 k[32];

	str_fmt(k, sizeof(k), "r.%zu", t->nrows++);
	r = vnode_child(t->node, k);
	vnode_set(r, "key", key);
	if (cls != NULL)
		vnode_set(r, "cls", cls);
	t->row = vnode_child(r, "c");
	t->col = 0;
}

void
dtab_cell(struct dtab *t, const char *text)
{
	char	 k[16];

	str_fmt(k, sizeof(k), "%zu", t->col++);
	vnode_set(t->row, k, text);
}

void
dtab_int(struct dtab *t, long long v)
{
	char	 s[32];

	str_fmt(s, sizeof(s), "%lld", v);
	dtab_cell(t, s);
}

/*
 * Days with one decimal from seconds; a dash when there is nothing to
 * measure (not "-", which a spreadsheet would take for a formula).
 */
void
dtab_days(struct dtab *t, double secs)
{
	char	 s[32];

	if (secs < 0)
		dtab_cell(t, lang("dash.no_value"));
	else {
		str_fmt(s, sizeof(s), "%.1f", secs / 86400.0);
		dtab_cell(t, s);
	}
}

void
dtab_end(struct dtab *t)
{
	vnode_set_int(t->node, "ncols", (long long)t->ncols);
	vnode_set_int(t->node, "nrows", (long long)t->nrows);
}

/* A cell of a finished table as a number (0 when not one). */
long long
dtab_ll(const char *name, size_t row, size_t col)
{
	char		 k[80];
	const char	*v;

	if (str_fmt(k, sizeof(k), "Tab.%s.r.%zu.c.%zu", name, row, col) == -1 ||
	    (v = view_get(k)) == NULL)
		return 0;
	return strtoll(v, NULL, 10);
}

const char *
dtab_get(const char *name, size_t row, size_t col)
{
	char		 k[80];

	if (str_fmt(k, sizeof(k), "Tab.%s.r.%zu.c.%zu", name, row, col) == -1)
		return NULL;
	return view_get(k);
}

size_t
dtab_rows(const char *name)
{
	char		 k[48];
	const char	*v;

	str_fmt(k, sizeof(k), "Tab.%s.nrows", name);
	return (v = view_get(k)) != NULL ? (size_t)strtoull(v, NULL, 10) : 0;
}

/* The row's id (Tab.<name>.r.<row>.key), or NULL. */
const char *
dtab_key(const char *name, size_t row)
{
	char		 k[80];

	if (str_fmt(k, sizeof(k), "Tab.%s.r.%zu.key", name, row) == -1)
		return NULL;
	return view_get(k);
}

/* Appends Tab.<name> to b as CSV rows: the headings, then every row. */
void
dtab_csv(struct buf *b, const char *name)
{
	char		 k[80];
	const char	*v;
	size_t		 ncols = 0, nrows = dtab_rows(name);

	str_fmt(k, sizeof(k), "Tab.%s.ncols", name);
	if ((v = view_get(k)) != NULL)
		ncols = (size_t)strtoull(v, NULL, 10);
	for (size_t c = 0; c < ncols; c++) {
		str_fmt(k, sizeof(k), "Tab.%s.h.%zu", name, c);
		csv_cell(b, view_get(k), c + 1 == ncols);
	}
	for (size_t i = 0; i < nrows; i++)
		for (size_t c = 0; c < ncols; c++)
			csv_cell(b, dtab_get(name, i, c), c + 1 == ncols);
}
