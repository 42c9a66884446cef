/* test_ssmix2.c: unit tests for the SS-MIX2 file-name parser and the importer's pure checks */
#include <string.h>

#include "import/ssmix2.h"
#include "t.h"

static void
name_ok(void)
{
	struct ssmix2_name	 n;

	CHECK(ssmix2_parse_name("9999013_20110701_OMP-01_000000011000185_"
	    "20110701224603984_01_1", &n) == 0);
	CHECK_STR(n.pid, "9999013");
	CHECK_STR(n.date, "20110701");
	CHECK_STR(n.type, "OMP-01");
	CHECK_STR(n.order, "000000011000185");
	CHECK_STR(n.ts, "20110701224603984");
	CHECK_STR(n.dept, "01");
	CHECK(n.flag == 1);
	/* no date, no department, flag 0, a type without a number */
	CHECK(ssmix2_parse_name("9999013_-_ADT-00_999999999999999_"
	    "20111220224447339_-_0", &n) == 0);
	CHECK_STR(n.date, "-");
	CHECK_STR(n.dept, "-");
	CHECK(n.flag == 0);
	CHECK(ssmix2_parse_name("9999013_20111013_OMD_123456789012345_"
	    "20111014232213000_01_1", &n) == 0);
	CHECK_STR(n.type, "OMD");
}

static void
name_bad(void)
{
	struct ssmix2_name	 n;
	static const char *const bad[] = {
		"",
		"9999013",
		/* six parts, eight parts */
		"9999013_20110701_OMP-01_1_20110701224603984_01",
		"9999013_20110701_OMP-01_1_20110701224603984_01_1_x",
		/* flag 2, not a date, February 30th, 16-digit timestamp */
		"9999013_20110701_OMP-01_1_20110701224603984_01_2",
		"9999013_2011070_OMP-01_1_20110701224603984_01_1",
		"9999013_20110230_OMP-01_1_20110701224603984_01_1",
		"9999013_20110701_OMP-01_1_2011070122460398_01_1",
		/* an hour 25, a lower-case type, an empty part */
		"9999013_20110701_OMP-01_1_20110701254603984_01_1",
		"9999013_20110701_omp-01_1_20110701224603984_01_1",
		"9999013__OMP-01_1_20110701224603984_01_1",
		/* path characters in the patient ID */
		"../x_20110701_OMP-01_1_20110701224603984_01_1",
		"9999013_20110701_OMP-1_1_20110701224603984_01_1",
		/* year 0: the database would refuse it */
		"9999013_00000101_OMP-01_1_20110701224603984_01_1",
		"9999013_20110701_OMP-01_1_00000101224603984_01_1",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (ssmix2_parse_name(bad[i], &n) != -1) {
			CHECK(!"accepted a bad name");
			fprintf(stderr, "  %s\n", bad[i]);
		}
}

static void
types(void)
{
	struct ssmix2_type	 t;

	CHECK(ssmix2_type_info("OML-11", &t) == 0);
	CHECK_STR(t.kind, "lab");
	CHECK_STR(t.msg, "OUL");
	CHECK(ssmix2_type_info("OMP-02", &t) == 0);
	CHECK_STR(t.kind, "injection");
	CHECK_STR(t.msg, "RDE");
	CHECK(ssmix2_type_info("ADT-00", &t) == 0 && t.snapshot == 1);
	CHECK(ssmix2_type_info("ADT-22", &t) == 0 && t.snapshot == 0);
	CHECK_STR(t.kind, "admission");
	/* an ADT event the table does not name is still an ADT */
	CHECK(ssmix2_type_info("ADT-99", &t) == 0);
	CHECK_STR(t.msg, "ADT");
	CHECK(ssmix2_type_info("XYZ-01", &t) == -1);
	CHECK(ssmix2_type_info("OMG-14", &t) == -1);
	CHECK(ssmix2_type_info("ADT-1", &t) == -1);
}

static void
pids_and_folders(void)
{
	CHECK(ssmix2_pid_match("9999013", "9999013"));
	/* folders pad short IDs with zeros */
	CHECK(ssmix2_pid_match("0000052", "52"));
	CHECK(ssmix2_pid_match("0000052", "0000000052"));
	CHECK(!ssmix2_pid_match("9999013", "12345678"));
	CHECK(!ssmix2_pid_match("9999013", ""));
	CHECK(ssmix2_folder_ok("999", "901", "9999013"));
	CHECK(ssmix2_folder_ok("000", "005", "52"));
	CHECK(!ssmix2_folder_ok("000", "000", "9999013"));
	CHECK(!ssmix2_folder_ok("99", "901", "9999013"));
	CHECK(ssmix2_no_order("-"));
	CHECK(ssmix2_no_order("999999999999999"));
	CHECK(!ssmix2_no_order("000000011000185"));
}

static void
sniff(void)
{
	static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n',
	    0x1a, '\n', 0 };
	static const unsigned char jpg[] = { 0xff, 0xd8, 0xff, 0xe0 };

	CHECK_STR(ssmix2_sniff("%PDF-1.4\n", 9), "application/pdf");
	CHECK_STR(ssmix2_sniff(png, sizeof(png)), "image/png");
	CHECK_STR(ssmix2_sniff(jpg, sizeof(jpg)), "image/jpeg");
	/* a name says nothing: text is text whatever it is called */
	CHECK(ssmix2_sniff("MSH|^~\\&|", 9) == NULL);
	CHECK(ssmix2_sniff("%PDF", 4) == NULL);
	CHECK(ssmix2_sniff("", 0) == NULL);
}

int
main(void)
{
	RUN(name_ok);
	RUN(name_bad);
	RUN(types);
	RUN(pids_and_folders);
	RUN(sniff);
	return T_DONE("ssmix2");
}
