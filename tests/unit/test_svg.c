/* test_svg.c: unit tests for the trend chart geometry (cgi/web/svg.c) */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "web/svg.h"
#include "t.h"

static const struct svg_chart base = { 360, 180, 48, 12, 12, 34, 0, 10, 3 };

static void
axis_encloses_values_and_range(void)
{
	double v[] = { 7.2, 6.1, 8.9 }, lo = 6.7, hi = 8.3, a, b, s;

	CHECK(svg_axis(v, 3, &lo, &hi, &a, &b, &s) == 0);
	CHECK(a < 6.1 && b > 8.9);	/* a margin: no point on the edge */
	CHECK(s > 0 && fabs(fmod(a / s, 1.0)) < 1e-9);
	/* the range alone widens the axis */
	double w[] = { 100, 101 }, rl = 70, rh = 109;
	CHECK(svg_axis(w, 2, &rl, &rh, &a, &b, &s) == 0);
	CHECK(a < 70 && b > 109 && a >= 0);
	/* never more ticks than a chart has room for */
	double x[] = { 95, 130 }, t[SVG_TICKS_MAX + 4];
	CHECK(svg_axis(x, 2, &rl, &rh, &a, &b, &s) == 0);
	size_t n = svg_ticks(a, b, s, t, SVG_TICKS_MAX + 4);
	CHECK(n >= 4 && n <= SVG_TICKS_MAX && t[n - 1] >= 130);
}

static void
axis_of_one_value_and_of_nothing(void)
{
	double v[] = { 5 }, n[] = { NAN }, a, b, s;

	CHECK(svg_axis(v, 1, NULL, NULL, &a, &b, &s) == 0);
	CHECK(a < 5 && b > 5);
	double z[] = { 0 };
	CHECK(svg_axis(z, 1, NULL, NULL, &a, &b, &s) == 0);
	CHECK(a < 0 && b > 0);
	CHECK(svg_axis(n, 1, NULL, NULL, &a, &b, &s) == -1);
	CHECK(svg_axis(v, 0, NULL, NULL, &a, &b, &s) == -1);
}

static void
ticks_are_round(void)
{
	double t[SVG_TICKS_MAX];
	size_t n = svg_ticks(60, 140, 20, t, SVG_TICKS_MAX);

	CHECK(n == 5);
	CHECK(t[0] == 60 && t[4] == 140);
	CHECK(svg_ticks(0, 1e9, 1e-9, t, SVG_TICKS_MAX) == SVG_TICKS_MAX);
	CHECK(svg_ticks(1, 0, 1, t, SVG_TICKS_MAX) == 0);
	CHECK(svg_ticks(0, 1, 0, t, SVG_TICKS_MAX) == 0);
}

static void
x_and_y_map_into_the_plot(void)
{
	struct svg_chart c = base;

	CHECK(svg_x(&c, 0) == 48 && svg_x(&c, 2) == 348);
	CHECK(svg_y(&c, 10) == 12 && svg_y(&c, 0) == 146);
	CHECK(svg_y(&c, 99) == 12 && svg_y(&c, -5) == 146);	/* clamped */
	c.n = 1;
	CHECK(svg_x(&c, 0) == 198);
	c.ymin = c.ymax = 3;
	CHECK(svg_y(&c, 3) == 79);
}

static void
points_string(void)
{
	struct svg_chart c = base;
	double v[] = { 0, NAN, 10 };
	char out[64], tiny[8];

	CHECK(svg_points(&c, v, 3, out, sizeof(out)) == 0);
	CHECK_STR(out, "48.0,146.0 348.0,12.0");
	CHECK(svg_points(&c, v, 3, tiny, sizeof(tiny)) == -1);
	CHECK(strlen(tiny) < sizeof(tiny));
	CHECK(svg_points(&c, v, 0, out, sizeof(out)) == 0 && out[0] == '\0');
}

static void
numbers_for_labels(void)
{
	char s[32];

	CHECK(svg_num(s, sizeof(s), 120) == 0);
	CHECK_STR(s, "120");
	CHECK(svg_num(s, sizeof(s), 0.25) == 0);
	CHECK_STR(s, "0.25");
	CHECK(svg_num(s, sizeof(s), -1e-12) == 0);
	CHECK_STR(s, "0");
	CHECK(svg_num(s, 3, 12345) == -1);
}

int
main(void)
{
	RUN(axis_encloses_values_and_range);
	RUN(axis_of_one_value_and_of_nothing);
	RUN(ticks_are_round);
	RUN(x_and_y_map_into_the_plot);
	RUN(points_string);
	RUN(numbers_for_labels);
	return T_DONE("svg");
}
