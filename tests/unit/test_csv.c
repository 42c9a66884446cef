/* test_csv.c: CSV cells are quoted and formulas defused (csv.c) */
#include "t.h"
#include "base/util.h"
#include "web/csv.h"

static void
plain_and_quoted(void)
{
	struct buf	 b;

	buf_init(&b);
	csv_cell(&b, "佐藤", 0);
	csv_cell(&b, "say \"hi\"", 0);
	csv_cell(&b, NULL, 1);
	CHECK_STR(b.data, "\"佐藤\",\"say \"\"hi\"\"\",\"\"\r\n");
	buf_free(&b);
}

static void
formulas_defused(void)
{
	static const char *const bad[] = { "=1+1", "+1", "-1", "@SUM(A1)",
	    "\tx", "\rx" };
	struct buf	 b;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		buf_init(&b);
		csv_cell(&b, bad[i], 1);
		CHECK(b.data != NULL && b.data[0] == '"' && b.data[1] == '\'');
		buf_free(&b);
	}
}

static void
bom_first(void)
{
	struct buf	 b;

	buf_init(&b);
	buf_puts(&b, "old");
	csv_begin(&b);
	CHECK_STR(b.data, "\xef\xbb\xbf");
	buf_free(&b);
}

int
main(void)
{
	RUN(plain_and_quoted);
	RUN(formulas_defused);
	RUN(bom_first);
	return T_DONE("csv");
}
