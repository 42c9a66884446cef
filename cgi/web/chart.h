/* chart.h: server-side SVG charts (pure: data in, SVG text out) */
#ifndef CHART_H
#define CHART_H
#include <stddef.h>

struct buf;

#define CHART_SERIES_MAX	4

struct chart_series {
	const char		*name;		/* the legend's text */
	const long long		*values;	/* one per label; negative counts as 0 */
};

struct chart {
	const char			*title;		/* <title> and aria-label */
	const char			*unit;		/* after the axis numbers, or NULL */
	const char *const		*labels;	/* n labels: months or names */
	size_t				 n;
	const struct chart_series	*series;
	size_t				 nseries;	/* 1 .. CHART_SERIES_MAX */
	const unsigned char		*flags;		/* bars only: n marks, or NULL */
	const char			*empty;		/* said when there is no data */
	long long			 mark;		/* bars only: a threshold line, or 0 */
	const char			*mark_label;	/* its text */
};

int		 chart_columns(struct buf *, const struct chart *);
int		 chart_bars(struct buf *, const struct chart *);
long long	 chart_nice_step(long long);
void		 chart_escape(struct buf *, const char *, size_t);

#endif
