/* test_chart.c: the dashboard's SVG charts: round axes, escaped text, nothing the CSP refuses */
#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "web/chart.h"
#include "t.h"

static size_t
count(const char *s, const char *what)
{
	size_t	 n = 0;

	for (const char *p = s; (p = strstr(p, what)) != NULL; p += strlen(what))
		n++;
	return n;
}

/* No inline style, no script, no event handler, no external reference. */
static int
csp_clean(const char *s)
{
	return strstr(s, "style=") == NULL && strstr(s, "<script") == NULL &&
	    strstr(s, " on") == NULL && strstr(s, "href") == NULL &&
	    strstr(s, "<style") == NULL;
}

static void
test_nice_step(void)
{
	CHECK(chart_nice_step(0) == 1);
	CHECK(chart_nice_step(5) == 1);
	CHECK(chart_nice_step(7) == 2);
	CHECK(chart_nice_step(10) == 2);
	CHECK(chart_nice_step(23) == 5);
	CHECK(chart_nice_step(50) == 10);
	CHECK(chart_nice_step(99) == 20);
	CHECK(chart_nice_step(240) == 50);
	CHECK(chart_nice_step(1000) == 200);
	CHECK(chart_nice_step(1234567) == 500000);
}

static void
test_columns(void)
{
	static const char *const labels[] = { "2026-01", "2026-02", "2026-03" };
	static const long long a[] = { 3, 0, 7 }, v[] = { 1, 2, 0 };
	const struct chart_series s[] = { { "登録", a }, { "撤回 <b>", v } };
	struct buf	 b;

	buf_init(&b);
	CHECK(chart_columns(&b, &(struct chart){ .title = "同意 & 撤回",
	    .unit = "件", .labels = labels, .n = 3, .series = s,
	    .nseries = 2 }) == 0);
	CHECK(str_prefix(b.data, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
	CHECK(strstr(b.data, "</svg>") != NULL);
	CHECK(strstr(b.data, "<title>同意 &amp; 撤回</title>") != NULL);
	CHECK(strstr(b.data, "撤回 &lt;b&gt;") != NULL);
	CHECK(strstr(b.data, "<b>") == NULL);
	CHECK(count(b.data, "<rect class=\"bar ") == 6);	/* 3 months x 2 */
	CHECK(count(b.data, "\">2026-0") == 3);		/* every month labelled */
	/* max 7: steps of 2 up to 8, the top tick carries the unit */
	CHECK(strstr(b.data, ">8件</text>") != NULL);
	CHECK(strstr(b.data, ">6</text>") != NULL);
	CHECK(strstr(b.data, "fill=\"#0b5cad\"") != NULL);
	CHECK(csp_clean(b.data));
	buf_free(&b);
}

static void
test_columns_many_months_and_empty(void)
{
	const char	*labels[36];
	long long	 v[36];
	char		 names[36][8];
	struct buf	 b;

	for (int i = 0; i < 36; i++) {
		snprintf(names[i], sizeof(names[i]), "M%02d", i);
		labels[i] = names[i];
		v[i] = i * 10;
	}
	const struct chart_series s = { "閲覧", v };
	buf_init(&b);
	CHECK(chart_columns(&b, &(struct chart){ .title = "t", .labels = labels,
	    .n = 36, .series = &s, .nseries = 1 }) == 0);
	CHECK(count(b.data, "<rect class=\"bar ") == 36);
	CHECK(count(b.data, "\">M") == 12);	/* every third month labelled */
	buf_reset(&b);
	/* all zero: said plainly, no axes */
	long long z[3] = { 0, 0, 0 };
	const struct chart_series zs = { "閲覧", z };
	CHECK(chart_columns(&b, &(struct chart){ .title = "t", .labels = labels,
	    .n = 3, .series = &zs, .nseries = 1, .empty = "データなし" }) == 0);
	CHECK(strstr(b.data, "データなし") != NULL);
	CHECK(strstr(b.data, "class=\"bar") == NULL);
	buf_reset(&b);
	CHECK(chart_columns(&b, &(struct chart){ .title = "t", .labels = labels,
	    .n = 3, .series = &zs, .nseries = 0 }) == -1);
	buf_free(&b);
}

static void
test_bars(void)
{
	static const char *const labels[] = { "県立新庄病院（デモ）最上地域医療センター",
	    "A&B \"診療所\"", "<script>alert(1)</script>" };
	static const long long v[] = { 120, 3, 0 };
	static const unsigned char flags[] = { 0, 1, 1 };
	const struct chart_series s = { "閲覧", v };
	struct buf	 b;

	buf_init(&b);
	CHECK(chart_bars(&b, &(struct chart){ .title = "90日", .unit = "件",
	    .labels = labels, .n = 3, .series = &s, .nseries = 1,
	    .flags = flags }) == 0);
	CHECK(count(b.data, "<rect class=\"bar") == 3);
	CHECK(count(b.data, "class=\"bar flag\"") == 2);
	/* a long name is cut on a character boundary, whole in the tooltip */
	CHECK(strstr(b.data, "県立新庄病院（デモ）最上地域医療セン\xe2\x80\xa6") != NULL);
	CHECK(strstr(b.data, "<title>県立新庄病院（デモ）最上地域医療センター 120") != NULL);
	CHECK(strstr(b.data, "A&amp;B &quot;診療所&quot;") != NULL);
	CHECK(strstr(b.data, "<script") == NULL);
	CHECK(strstr(b.data, ">150件</text>") != NULL);	/* 120: steps of 50 */
	CHECK(csp_clean(b.data));
	/* a threshold above every bar still shows, with its name escaped */
	static const long long small[] = { 1, 2, 3 };
	const struct chart_series ss = { "閲覧", small };
	buf_reset(&b);
	CHECK(chart_bars(&b, &(struct chart){ .title = "t", .labels = labels,
	    .n = 3, .series = &ss, .nseries = 1, .mark = 10,
	    .mark_label = "基準 <10件" }) == 0);
	CHECK(count(b.data, "<line class=\"mark\"") == 1);
	CHECK(strstr(b.data, ">基準 &lt;10件</text>") != NULL);
	CHECK(strstr(b.data, ">10</text>") != NULL);	/* the axis reaches it */
	CHECK(csp_clean(b.data));
	buf_free(&b);
}

static void
test_escape_controls(void)
{
	struct buf	 b;

	buf_init(&b);
	chart_escape(&b, "a\001b'c", 0);
	CHECK_STR(b.data, "a?b&#39;c");
	buf_reset(&b);
	chart_escape(&b, "あいう", 2);
	CHECK_STR(b.data, "あい\xe2\x80\xa6");
	buf_reset(&b);
	chart_escape(&b, "あい", 2);
	CHECK_STR(b.data, "あい");
	buf_free(&b);
}

int
main(void)
{
	RUN(test_nice_step);
	RUN(test_columns);
	RUN(test_columns_many_months_and_empty);
	RUN(test_bars);
	RUN(test_escape_controls);
	return T_DONE("chart");
}
