/*
 * chart.c: server-side SVG charts for the council dashboard: a column
 * chart over months (one to four series side by side) and a horizontal bar
 * chart over names. Pure functions: data in, SVG text appended to a buf.
 * The CSP allows no inline style or script, so colours are presentation
 * attributes (fill=) with a class beside them that app.css may refine;
 * every text is XML-escaped here. Self-contained on purpose: the viewer's
 * lab trend chart (svg.c) is written at the same time; merge later.
 */
#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "web/chart.h"

#define W		720	/* the viewBox width; the browser scales it */
#define FONT		"font-family=\"sans-serif\" font-size=\"12\""
#define INK		"#1d2733"
#define MUTED		"#5b6673"
#define GRID		"#d5dbe1"
#define FLAG		"#b3261e"
#define LABEL_CHARS	18	/* a bar chart's name is cut after this */

static const char *const palette[CHART_SERIES_MAX] = {
	"#0b5cad", "#d97a00", "#1e6b34", "#7b3fa0"
};

/*
 * Appends the first max characters (UTF-8 code points; all when max is 0)
 * of s, escaped for XML text and attributes, and "…" when cut.
 */
void
chart_escape(struct buf *b, const char *s, size_t max)
{
	size_t	 chars = 0;

	for (; s != NULL && *s != '\0'; s++) {
		if (((unsigned char)*s & 0xc0) != 0x80 && max > 0 &&
		    chars++ == max) {
			buf_puts(b, "\xe2\x80\xa6");
			return;
		}
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		default:
			/* XML 1.0 has no place for other control characters. */
			if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n')
				buf_puts(b, "?");
			else
				buf_add(b, s, 1);
		}
	}
}

/* A step of 1, 2 or 5 times a power of ten giving about five ticks up to max. */
long long
chart_nice_step(long long max)
{
	long long	 p = 1;

	if (max <= 5)
		return 1;
	while (p <= max / 5 / 10)
		p *= 10;
	/* now max/5 is in [p, 10p) */
	if (max <= 5 * p)
		return p;
	if (max <= 10 * p)
		return 2 * p;
	if (max <= 25 * p)
		return 5 * p;
	return 10 * p;
}

static long long
value(const struct chart_series *s, size_t i)
{
	return s->values[i] > 0 ? s->values[i] : 0;
}

static long long
chart_max(const struct chart *c)
{
	long long	 m = 0;

	for (size_t s = 0; s < c->nseries; s++)
		for (size_t i = 0; i < c->n; i++)
			if (value(&c->series[s], i) > m)
				m = value(&c->series[s], i);
	return m;
}

static int
valid(const struct chart *c)
{
	return c != NULL && c->nseries >= 1 && c->nseries <= CHART_SERIES_MAX &&
	    c->series != NULL && (c->n == 0 || c->labels != NULL);
}

/* <svg ...><title>...</title>: the opening every chart shares. */
static void
open_svg(struct buf *b, const struct chart *c, int h)
{
	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\""
	    " viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\""
	    " aria-label=\"", W, h, W, h);
	chart_escape(b, c->title, 0);
	buf_puts(b, "\"><title>");
	chart_escape(b, c->title, 0);
	buf_puts(b, "</title>");
	buf_printf(b, "<rect class=\"bg\" x=\"0\" y=\"0\" width=\"%d\" height=\"%d\""
	    " fill=\"#ffffff\"/>", W, h);
}

/* A chart with nothing to draw says so instead of drawing empty axes. */
static int
empty_chart(struct buf *b, const struct chart *c)
{
	open_svg(b, c, 60);
	buf_printf(b, "<text x=\"%d\" y=\"34\" text-anchor=\"middle\" fill=\"" MUTED
	    "\" " FONT ">", W / 2);
	chart_escape(b, c->empty != NULL ? c->empty : "-", 0);
	buf_puts(b, "</text></svg>");
	return b->oom ? -1 : 0;
}

/* The legend, on one line at the top, only for more than one series. */
static void
legend(struct buf *b, const struct chart *c, int x)
{
	if (c->nseries < 2)
		return;
	for (size_t s = 0; s < c->nseries; s++) {
		buf_printf(b, "<rect class=\"s%zu\" x=\"%d\" y=\"6\" width=\"12\""
		    " height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"17\" fill=\""
		    INK "\" " FONT ">", s, x, palette[s], x + 16);
		chart_escape(b, c->series[s].name, 0);
		buf_puts(b, "</text>");
		x += 40 + 13 * (int)strlen(c->series[s].name != NULL ?
		    c->series[s].name : "") / 3;
	}
}

/*
 * Columns over months: one group per label, one column per series, the
 * value above each column when there is room, a y axis of round numbers.
 * Returns 0, or -1 on bad input or no memory.
 */
int
chart_columns(struct buf *b, const struct chart *c)
{
	const int	 h = 280, left = 64, right = 12, top = 30, bottom = 40;
	const int	 ph = h - top - bottom, pw = W - left - right;
	long long	 max, step, ymax;
	int		 every, band, colw;

	if (!valid(c))
		return -1;
	if (c->n == 0 || (max = chart_max(c)) == 0)
		return empty_chart(b, c);
	step = chart_nice_step(max);
	ymax = (max + step - 1) / step * step;
	band = pw / (int)c->n;
	colw = (band - 6) / (int)c->nseries;
	if (colw < 2)
		colw = 2;
	every = (int)(c->n + 11) / 12;	/* at most 12 month labels */
	open_svg(b, c, h);
	legend(b, c, left);
	for (long long v = 0; v <= ymax; v += step) {
		int y = top + ph - (int)(ph * v / ymax);
		buf_printf(b, "<line class=\"grid\" x1=\"%d\" y1=\"%d\" x2=\"%d\""
		    " y2=\"%d\" stroke=\"" GRID "\"/><text x=\"%d\" y=\"%d\""
		    " text-anchor=\"end\" fill=\"" MUTED "\" " FONT ">%lld",
		    left, y, W - right, y, left - 6, y + 4, v);
		chart_escape(b, v == ymax ? c->unit : NULL, 0);
		buf_puts(b, "</text>");
	}
	for (size_t i = 0; i < c->n; i++) {
		int x0 = left + band * (int)i + 3;
		for (size_t s = 0; s < c->nseries; s++) {
			long long v = value(&c->series[s], i);
			int hh = (int)(ph * v / ymax), x = x0 + colw * (int)s;
			buf_printf(b, "<rect class=\"bar s%zu\" x=\"%d\" y=\"%d\""
			    " width=\"%d\" height=\"%d\" fill=\"%s\"><title>",
			    s, x, top + ph - hh, colw - 1, hh, palette[s]);
			chart_escape(b, c->labels[i], 0);
			buf_puts(b, " ");
			chart_escape(b, c->series[s].name, 0);
			buf_printf(b, " %lld</title></rect>", v);
			if (colw >= 18 && v > 0)
				buf_printf(b, "<text class=\"val\" x=\"%d\" y=\"%d\""
				    " text-anchor=\"middle\" fill=\"" INK "\""
				    " font-family=\"sans-serif\" font-size=\"10\">"
				    "%lld</text>", x + colw / 2, top + ph - hh - 3, v);
		}
		if ((int)i % every == 0) {
			buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\""
			    " fill=\"" INK "\" " FONT ">", x0 + (band - 6) / 2,
			    top + ph + 18);
			chart_escape(b, c->labels[i], 0);
			buf_puts(b, "</text>");
		}
	}
	buf_printf(b, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\""
	    " stroke=\"" INK "\"/></svg>", left, top + ph, W - right, top + ph);
	return b->oom ? -1 : 0;
}

/*
 * Horizontal bars, one per label (first series only), the name on the
 * left (cut after LABEL_CHARS characters; the full name is the bar's
 * tooltip) and the value after the bar; flagged bars in the warning colour.
 * Returns 0, or -1 on bad input or no memory.
 */
int
chart_bars(struct buf *b, const struct chart *c)
{
	const int	 left = 230, right = 70, top = 10, rowh = 22, bottom = 28;
	const int	 pw = W - left - right;
	long long	 max, step, ymax;
	int		 h;

	if (!valid(c))
		return -1;
	if (c->n == 0)
		return empty_chart(b, c);
	max = chart_max(c);
	if (c->mark > max)
		max = c->mark;	/* the threshold stays on the chart */
	step = chart_nice_step(max);
	ymax = max == 0 ? 1 : (max + step - 1) / step * step;
	h = top + rowh * (int)c->n + bottom;
	open_svg(b, c, h);
	for (long long v = 0; v <= ymax; v += step) {
		int x = left + (int)(pw * v / ymax);
		buf_printf(b, "<line class=\"grid\" x1=\"%d\" y1=\"%d\" x2=\"%d\""
		    " y2=\"%d\" stroke=\"" GRID "\"/><text x=\"%d\" y=\"%d\""
		    " text-anchor=\"middle\" fill=\"" MUTED "\" " FONT ">%lld",
		    x, top, x, top + rowh * (int)c->n, x, h - 10, v);
		chart_escape(b, v == ymax ? c->unit : NULL, 0);
		buf_puts(b, "</text>");
	}
	for (size_t i = 0; i < c->n; i++) {
		long long v = value(&c->series[0], i);
		int y = top + rowh * (int)i, w = (int)(pw * v / ymax);
		int flag = c->flags != NULL && c->flags[i];
		buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"%s\" "
		    FONT ">", left - 8, y + 15, flag ? FLAG : INK);
		chart_escape(b, c->labels[i], LABEL_CHARS);
		buf_printf(b, "</text><rect class=\"bar%s\" x=\"%d\" y=\"%d\""
		    " width=\"%d\" height=\"%d\" fill=\"%s\"><title>",
		    flag ? " flag" : "", left, y + 4, w, rowh - 8,
		    flag ? FLAG : palette[0]);
		chart_escape(b, c->labels[i], 0);
		buf_printf(b, " %lld</title></rect><text class=\"val\" x=\"%d\""
		    " y=\"%d\" fill=\"%s\" " FONT ">%lld</text>", v, left + w + 6,
		    y + 15, flag ? FLAG : INK, v);
	}
	if (c->mark > 0) {
		/* a dashed line at the threshold, named under the axis */
		int x = left + (int)(pw * c->mark / ymax);
		buf_printf(b, "<line class=\"mark\" x1=\"%d\" y1=\"%d\" x2=\"%d\""
		    " y2=\"%d\" stroke=\"" FLAG "\" stroke-width=\"2\""
		    " stroke-dasharray=\"6 4\"/><text class=\"mark\" x=\"%d\""
		    " y=\"%d\" text-anchor=\"start\" fill=\"" FLAG "\" " FONT ">",
		    x, top, x, top + rowh * (int)c->n + 4, x + 4, h - 10);
		chart_escape(b, c->mark_label, 0);
		buf_puts(b, "</text>");
	}
	buf_printf(b, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\""
	    " stroke=\"" INK "\"/></svg>", left, top, left, top + rowh * (int)c->n);
	return b->oom ? -1 : 0;
}
