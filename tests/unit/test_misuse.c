/* test_misuse.c: the pure part of the misuse rules: night hours (A4.2) */
#include "rules/misuse.h"
#include "t.h"

static void
test_night_wraps_midnight(void)
{
	long long	 m = misuse_hours_mask(22, 6);

	for (int h = 0; h < 24; h++)
		CHECK(((m >> h) & 1) == (h >= 22 || h < 6));
}

static void
test_day_range(void)
{
	long long	 m = misuse_hours_mask(1, 5);

	for (int h = 0; h < 24; h++)
		CHECK(((m >> h) & 1) == (h >= 1 && h < 5));
	CHECK(misuse_hours_mask(0, 24) == (1LL << 24) - 1);
	CHECK(misuse_hours_mask(7, 7) == (1LL << 24) - 1);
}

static void
test_bad_hours(void)
{
	CHECK(misuse_hours_mask(-1, 5) == 0);
	CHECK(misuse_hours_mask(24, 5) == 0);
	CHECK(misuse_hours_mask(3, 25) == 0);
}

int
main(void)
{
	RUN(test_night_wraps_midnight);
	RUN(test_day_range);
	RUN(test_bad_hours);
	return T_DONE("misuse");
}
