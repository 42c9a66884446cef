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
	/* docs/import.md: writers that drop the milliseconds or write fewer digits */
	static const char *const ts[] = { "20110701224603", "201107012246039",
	    "2011070122460398", "20110701224603984" };
	char name[120];
	for (size_t i = 0; i < sizeof(ts) / sizeof(ts[0]); i++) {
		snprintf(name, sizeof(name), "9999013_20110701_OMP-01_1_%s_01_1",
		    ts[i]);
		CHECK(ssmix2_parse_name(name, &n) == 0);
		CHECK_STR(n.ts, ts[i]);	/* kept as given */
	}
	CHECK(ssmix2_ts_ok("20110701224603"));
	CHECK(!ssmix2_ts_ok("2011070122460"));
	CHECK(!ssmix2_ts_ok("201107012246039841"));
	CHECK(!ssmix2_ts_ok("20110701246039841"));
	CHECK(!ssmix2_ts_ok("2011070122460x984"));
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
		/* flag 2, not a date, February 30th, 13- and 18-digit timestamps */
		"9999013_20110701_OMP-01_1_20110701224603984_01_2",
		"9999013_2011070_OMP-01_1_20110701224603984_01_1",
		"9999013_20110230_OMP-01_1_20110701224603984_01_1",
		"9999013_20110701_OMP-01_1_2011070122460_01_1",
		"9999013_20110701_OMP-01_1_201107012246039841_01_1",
		/* a dot in the timestamp, February 30th in it */
		"9999013_20110701_OMP-01_1_20110701224603.984_01_1",
		"9999013_20110701_OMP-01_1_20110230224603984_01_1",
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
	CHECK(ssmix2_sniff("<html>", 6) == NULL);
	CHECK(ssmix2_sniff("<?xml version=\"1.0\"?>", 21) == NULL);
	/* an HL7 message, with what the parser skips before it */
	CHECK_STR(ssmix2_sniff("MSH|^~\\&|", 9), SSMIX2_HL7);
	CHECK_STR(ssmix2_sniff("\xef\xbb\xbfMSH|", 7), SSMIX2_HL7);
	CHECK_STR(ssmix2_sniff("\x0b\r\nMSH|", 7), SSMIX2_HL7);
	CHECK(ssmix2_sniff("MSH", 3) == NULL);
	CHECK(ssmix2_sniff("PID|1", 5) == NULL);
	CHECK(ssmix2_sniff("\r\n", 2) == NULL);
	CHECK(ssmix2_sniff("%PDF", 4) == NULL);
	CHECK(ssmix2_sniff("", 0) == NULL);
}

/* Extended storage as the guideline lays it out (docs/import.md). */
static void
docdirs(void)
{
	struct ssmix2_docdir	 d;

	CHECK(ssmix2_parse_docdir("9999013_20240105_VITAL^バイタルサイン^LOCAL_"
	    "999999999999999_20240105080000000_01", &d) == 0);
	CHECK_STR(d.pid, "9999013");
	CHECK_STR(d.date, "20240105");
	CHECK_STR(d.type, "VITAL^バイタルサイン^LOCAL");
	CHECK_STR(d.order, "999999999999999");
	CHECK_STR(d.ts, "20240105080000000");
	CHECK_STR(d.dept, "01");
	/* a plain type, no date, no department, a 14-digit timestamp */
	CHECK(ssmix2_parse_docdir("0000052_-_DSUM_-_20240105080000_-", &d) == 0);
	CHECK_STR(d.type, "DSUM");
	CHECK_STR(d.ts, "20240105080000");
	/* a keyword holding "_": the type is what is between */
	CHECK(ssmix2_parse_docdir("9999013_20240105_A_B^退院時サマリ_1_"
	    "20240105080000000_01", &d) == 0);
	CHECK_STR(d.type, "A_B^退院時サマリ");
	CHECK_STR(d.order, "1");

	static const char *const bad[] = {
		"",
		"summary.pdf",
		/* a message file's seven fields are not a document folder's... */
		"9999013_20240105_OML-11_1_20240105080000000_01_1",
		/* ...nor five */
		"9999013_20240105_DSUM_20240105080000000_01",
		"9999013_20240105__1_20240105080000000_01",
		"9999013_2024010_DSUM_1_20240105080000000_01",
		"9999013_20240105_DSUM_1_2024010508000_01",
		"9999013_20240105_DSUM_1_20240105080000000_",
		"../x_20240105_DSUM_1_20240105080000000_01",
		"9999013_20240105_DS\x01UM_1_20240105080000000_01",
		"9999013_20240105_DS\xffUM_1_20240105080000000_01",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (ssmix2_parse_docdir(bad[i], &d) != -1) {
			CHECK(!"accepted a bad document folder");
			fprintf(stderr, "  %s\n", bad[i]);
		}
	CHECK(ssmix2_ext_type_ok("退院時サマリ"));
	CHECK(ssmix2_ext_type_ok("VITAL^バイタルサイン^LOCAL"));
	CHECK(!ssmix2_ext_type_ok(""));
	CHECK(!ssmix2_ext_type_ok(".."));
	CHECK(!ssmix2_ext_type_ok("a\tb"));
	char longer[SSMIX2_EXT_TYPE_MAX + 2];
	memset(longer, 'A', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	CHECK(!ssmix2_ext_type_ok(longer));
	longer[SSMIX2_EXT_TYPE_MAX] = '\0';
	CHECK(ssmix2_ext_type_ok(longer));
}

int
main(void)
{
	RUN(name_ok);
	RUN(name_bad);
	RUN(types);
	RUN(pids_and_folders);
	RUN(sniff);
	RUN(docdirs);
	return T_DONE("ssmix2");
}
