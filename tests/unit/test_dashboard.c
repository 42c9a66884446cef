/* test_dashboard.c: the dashboard's months in Japan, medians and means */
#include <string.h>
#include <time.h>

#include "base/util.h"
#include "rules/dashboard.h"
#include "t.h"

static void
test_month_parse(void)
{
	int	 m = 0;
	char	 k[8], s[20];

	CHECK(dash_month_parse("2026-11", &m) == 0 && m == 2026 * 12 + 10);
	dash_month_key(m, k);
	CHECK_STR(k, "2026-11");
	dash_month_key(m + 2, k);	/* over the year's end */
	CHECK_STR(k, "2027-01");
	dash_month_start(m + 2, s);
	CHECK_STR(s, "2027-01-01 00:00:00");
	CHECK(dash_month_parse("2026-00", &m) == -1);
	CHECK(dash_month_parse("2026-13", &m) == -1);
	CHECK(dash_month_parse("2026-1", &m) == -1);
	CHECK(dash_month_parse("26-11", &m) == -1);
	CHECK(dash_month_parse("2026-11x", &m) == -1);
	CHECK(dash_month_parse("1999-12", &m) == -1);
	CHECK(dash_month_parse("+026-11", &m) == -1);
	CHECK(dash_month_parse(NULL, &m) == -1);
}

static void
test_month_in_japan(void)
{
	char	 d[11];

	/* 2026-10-31 15:00 UTC is already November 1 in Japan */
	CHECK(dash_month_of(1793458800) == 2026 * 12 + 10);
	CHECK(dash_month_of(1793458799) == 2026 * 12 + 9);
	dash_day(1793458800, d);
	CHECK_STR(d, "2026-11-01");
}

static void
test_median_mean(void)
{
	long long	 a[] = { 5, 1, 3 }, b[] = { 4, 1, 3, 2 }, c[] = { 7 };

	CHECK(dash_median(a, 3) == 3.0);
	CHECK(dash_median(b, 4) == 2.5);
	CHECK(dash_median(c, 1) == 7.0);
	CHECK(dash_median(NULL, 0) < 0);
	CHECK(dash_mean(a, 3) == 3.0);
	CHECK(dash_mean(b, 4) == 2.5);
	CHECK(dash_mean(NULL, 0) < 0);
}

int
main(void)
{
	RUN(test_month_parse);
	RUN(test_month_in_japan);
	RUN(test_median_mean);
	return T_DONE("dashboard");
}
