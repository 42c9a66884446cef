/* test_day.c: a clinician's day (issue 19): the one date style, 和暦, age, HL7 units, places (cgi/base/util.c, cgi/base/words.c) */
#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "base/words.h"
#include "t.h"

static void
dt(const char *in, const char *want)
{
	char	 o[64];

	if (want == NULL) {
		CHECK(datetime_ja(o, sizeof(o), in) == -1);
		CHECK_STR(o, "");
		return;
	}
	CHECK(datetime_ja(o, sizeof(o), in) == 0);
	CHECK_STR(o, want);
}

static void
test_datetime_ja(void)
{
	dt("2026-12-07", "2026年12月7日（月）");
	dt("2026-12-07 09:05", "2026年12月7日（月） 09:05");
	dt("2026-12-07 23:59:58", "2026年12月7日（月） 23:59:58");	/* as given */
	dt("2016-01-01 15:00:00.321", "2016年1月1日（金） 15:00:00.321");
	dt("2016-01-01 15時", "2016年1月1日（金） 15時");
	dt("2024-02-29", "2024年2月29日（木）");
	dt("1970-01-01", "1970年1月1日（木）");
	dt("1945-08-15", "1945年8月15日（水）");
	dt("2023-02-29", NULL);		/* no such day */
	dt("2026-13-01", NULL);
	dt("2026-12-7", NULL);
	dt("2026/12/07", NULL);
	dt("2026-12-07T09:05", NULL);
	dt("2026-12-07 <b>", NULL);
	dt("2026-12-07 x", NULL);
	dt("", NULL);
	dt(NULL, NULL);
	dt("abcd-ef-gh", NULL);
	char small[8];
	CHECK(datetime_ja(small, sizeof(small), "2026-12-07") == -1);
}

static void
wa(const char *ymd, const char *want)
{
	char	 o[64];

	if (want == NULL) {
		CHECK(date_wareki(o, sizeof(o), date_days(ymd)) == -1);
		return;
	}
	CHECK(date_wareki(o, sizeof(o), date_days(ymd)) == 0);
	CHECK_STR(o, want);
}

static void
test_wareki(void)
{
	wa("2026-12-07", "令和8年12月7日");
	wa("2019-05-01", "令和元年5月1日");
	wa("2019-04-30", "平成31年4月30日");
	wa("1989-01-08", "平成元年1月8日");
	wa("1989-01-07", "昭和64年1月7日");
	wa("1950-01-01", "昭和25年1月1日");
	wa("1926-12-25", "昭和元年12月25日");
	wa("1926-12-24", "大正15年12月24日");
	wa("1912-07-30", "大正元年7月30日");
	wa("1912-07-29", "明治45年7月29日");
	wa("1873-01-01", "明治6年1月1日");
	wa("1872-12-31", NULL);
}

static void
test_age(void)
{
	long b = date_days("1950-06-15");

	CHECK(age_years(b, date_days("2026-06-14")) == 75);
	CHECK(age_years(b, date_days("2026-06-15")) == 76);
	CHECK(age_years(b, date_days("2026-12-07")) == 76);
	CHECK(age_years(b, b) == 0);
	CHECK(age_years(b, b - 1) == -1);
	long leap = date_days("2000-02-29");
	CHECK(age_years(leap, date_days("2001-02-28")) == 0);
	CHECK(age_years(leap, date_days("2001-03-01")) == 1);
	CHECK(age_years(leap, date_days("2004-02-29")) == 4);
	CHECK(age_years(date_days("2025-12-31"), date_days("2026-01-01")) == 0);
}

static void
un(const char *c1, const char *c2, const char *c3, const char *want)
{
	char	 o[48];

	CHECK(hl7_unit(o, sizeof(o), c1, c2, c3) == 0);
	CHECK_STR(o, want);
}

static void
test_hl7_unit(void)
{
	un("10", "3/μL", "", "10^3/μL");		/* 10^3/μL unescaped */
	un("10", "4/μL", NULL, "10^4/μL");
	un("10", "-3", "", "10^-3");
	un("g/dl", "g/dl", "99XYZ", "g/dl");	/* identifier, text, system */
	un("mg/dl", "", "", "mg/dl");
	un("", "mmol/L", "", "mmol/L");
	un("10", "3/μL", "ISO+", "10");		/* a coded unit named 10 */
	un("10", "", "", "10");
	un("%", "", "", "%");
	un(NULL, NULL, NULL, "");
	char small[4];
	CHECK(hl7_unit(small, sizeof(small), "10", "3/μL", "") == -1);
	CHECK_STR(small, "");
}

static void
pl(const char *kind, const char *sum, const char *want)
{
	char	 o[128];

	CHECK(place_words(o, sizeof(o), kind, sum) == 0);
	CHECK_STR(o, want);
}

static void
test_place(void)
{
	pl("visit", "02、循環器内科", "循環器内科");
	pl("admission", "32、302、1", "32病棟 302号室 1床");
	pl("transfer", "32、305", "32病棟 305号室");
	pl("discharge", "東4病棟、402、3", "東4病棟");
	pl("visit", "02", "");			/* a code alone: nothing to read */
	pl("visit", "", "");
	pl("visit", NULL, "");
	pl("admission", "内科、東病棟、12", "内科・東病棟");
	CHECK(stay_kind("admission") && stay_kind("leave_return"));
	CHECK(!stay_kind("visit") && !stay_kind("lab") && !stay_kind(NULL));
}

int
main(void)
{
	RUN(test_datetime_ja);
	RUN(test_wareki);
	RUN(test_age);
	RUN(test_hl7_unit);
	RUN(test_place);
	return T_DONE("day");
}
