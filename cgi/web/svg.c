/*
 * svg.c: the geometry of a lab trend chart, computed on the server so that
 * no chart library (nor any script) is needed in the browser. Only numbers
 * come out of here; the template draws the elements with escaping on.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "web/svg.h"

/* A round step (1, 2 or 5 times a power of ten) near span / 4: 4 to 8 ticks. */
static double
nice_step(double span)
{
	double	 raw = span / 4.0, mag, f;

	if (!(raw > 0) || !isfinite(raw))
		return 1.0;
	mag = pow(10.0, floor(log10(raw)));
	f = raw / mag;
	return (f < 1.5 ? 1.0 : f < 3.5 ? 2.0 : f < 7.5 ? 5.0 : 10.0) * mag;
}

/*
 * The value axis for n values and an optional reference range (low, high
 * may be NULL): ymin, ymax on round steps enclosing everything, and the
 * step. Returns 0, or -1 when there is nothing finite to draw.
 */
int
svg_axis(const double *v, size_t n, const double *low, const double *high,
    double *ymin, double *ymax, double *step)
{
	double	 lo = INFINITY, hi = -INFINITY;

	for (size_t i = 0; i < n; i++) {
		if (!isfinite(v[i]))
			continue;
		lo = fmin(lo, v[i]);
		hi = fmax(hi, v[i]);
	}
	if (!isfinite(lo))
		return -1;
	if (low != NULL && isfinite(*low))
		lo = fmin(lo, *low), hi = fmax(hi, *low);
	if (high != NULL && isfinite(*high))
		lo = fmin(lo, *high), hi = fmax(hi, *high);
	if (hi - lo < 1e-9) {
		/* One value: a band around it, so the line sits mid-chart. */
		double pad = fabs(lo) > 1e-9 ? fabs(lo) * 0.1 : 1.0;
		lo -= pad;
		hi += pad;
	}
	/* A margin, so that no point sits on the chart's edge (nor below 0). */
	double margin = (hi - lo) * 0.05;
	lo = lo >= 0 && lo - margin < 0 ? 0 : lo - margin;
	hi += margin;
	*step = nice_step(hi - lo);
	*ymin = floor(lo / *step) * *step;
	*ymax = ceil(hi / *step) * *step;
	if (*ymax - *ymin < *step)
		*ymax = *ymin + *step;
	return 0;
}

/* Tick values from ymin to ymax by step into out; returns how many. */
size_t
svg_ticks(double ymin, double ymax, double step, double *out, size_t max)
{
	size_t	 n = 0;

	if (!(step > 0) || !(ymax >= ymin))
		return 0;
	for (double t = ymin; t <= ymax + step * 1e-6 && n < max; t += step)
		out[n++] = fabs(t) < step * 1e-9 ? 0.0 : t;
	return n;
}

/* The x of point i of c->n, evenly spaced; a lone point sits mid-chart. */
double
svg_x(const struct svg_chart *c, size_t i)
{
	double	 span = c->w - c->left - c->right;

	if (c->n <= 1)
		return c->left + span / 2.0;
	return c->left + span * (double)i / (double)(c->n - 1);
}

/* The y of value v (SVG's y grows downwards), clamped to the plot. */
double
svg_y(const struct svg_chart *c, double v)
{
	double	 span = c->h - c->top - c->bottom, r;

	if (!(c->ymax > c->ymin))
		return c->top + span / 2.0;
	r = (v - c->ymin) / (c->ymax - c->ymin);
	r = r < 0 ? 0 : r > 1 ? 1 : r;
	return c->top + span * (1.0 - r);
}

/*
 * A polyline's points ("x,y x,y ...", one decimal) for the n values into
 * out; non-finite values are skipped. Returns 0, or -1 when truncated.
 */
int
svg_points(const struct svg_chart *c, const double *v, size_t n, char *out,
    size_t len)
{
	size_t	 off = 0;
	int	 k;

	if (len == 0)
		return -1;
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(v[i]))
			continue;
		k = snprintf(out + off, len - off, "%s%.1f,%.1f", off ? " " : "",
		    svg_x(c, i), svg_y(c, v[i]));
		if (k < 0 || (size_t)k >= len - off) {
			out[off] = '\0';
			return -1;
		}
		off += (size_t)k;
	}
	return 0;
}

/* A value as a person reads it on an axis: no trailing zeros; 0 or -1. */
int
svg_num(char *out, size_t len, double v)
{
	int	 k;
	char	*p;

	if (fabs(v) < 5e-10)
		v = 0.0;
	k = snprintf(out, len, "%.4f", v);
	if (k < 0 || (size_t)k >= len)
		return -1;
	if ((p = strchr(out, '.')) != NULL) {
		char *e = out + strlen(out) - 1;
		while (e > p && *e == '0')
			*e-- = '\0';
		if (e == p)
			*e = '\0';
	}
	return 0;
}
