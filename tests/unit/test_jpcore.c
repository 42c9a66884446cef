/* test_jpcore.c: the pure mappings of rules/jpcore.c and the JSON writer (base/json.c) */
#include <stdlib.h>

#include "base/json.h"
#include "rules/jpcore.h"
#include "t.h"

/* The coding system an SS-MIX2 message names, mapped only for a code of its shape. */
static void
code_systems(void)
{
	CHECK_STR(jpcore_code_system("JC10", "3A010000002327101"),
	    "urn:oid:1.2.392.200119.4.504");
	CHECK(jpcore_code_system("JC10", "9A100&IMP") == NULL);	/* not 17 */
	CHECK(jpcore_code_system("JC10", "3a010000002327101") == NULL);
	CHECK_STR(jpcore_code_system("HOT9", "108665201"),
	    "urn:oid:1.2.392.200119.4.403.1");
	CHECK_STR(jpcore_code_system("HOT", "1086652010101"),
	    "urn:oid:1.2.392.200119.4.402.1");
	CHECK_STR(jpcore_code_system("HOT7", "1086652"),
	    "urn:oid:1.2.392.200119.4.403.2");
	CHECK(jpcore_code_system("HOT9", "10866520") == NULL);
	CHECK(jpcore_code_system("HOT9", "10866520X") == NULL);
	CHECK_STR(jpcore_code_system("YJ", "1149019F1560"),
	    "urn:oid:1.2.392.100495.20.1.73");
	CHECK(jpcore_code_system("YJ", "1149019F156") == NULL);
	CHECK_STR(jpcore_code_system("MDCDX2", "20054174"),
	    "urn:oid:1.2.392.200119.4.101.2");
	CHECK_STR(jpcore_code_system("MDCDX2", "TSQF"),
	    "urn:oid:1.2.392.200119.4.101.6");
	CHECK_STR(jpcore_code_system("I10", "K297"),
	    "http://jpfhir.jp/fhir/core/mhlw/CodeSystem/ICD10-2013-full");
	CHECK_STR(jpcore_code_system("LN", "29463-7"), "http://loinc.org");
	CHECK(jpcore_code_system("99XYZ", "A123") == NULL);
	CHECK(jpcore_code_system(NULL, "A123") == NULL);
	CHECK(jpcore_code_system("JC10", "") == NULL);
	CHECK(jpcore_code_system("JC10", NULL) == NULL);
}

/* Only what JSON (and FHIR's decimal) reads as a number goes out as one. */
static void
decimals(void)
{
	static const char *const yes[] = { "0", "7.2", "-1", "6.70", "130",
	    "1e-05", "2.5E+3", "0.5", NULL };
	static const char *const no[] = { "", "<0.5", ".5", "07", "1.", "+1",
	    "1e", "1,000", "7.2 ", "NaN", "inf", "--1", NULL };

	for (size_t i = 0; yes[i] != NULL; i++)
		CHECK(jpcore_decimal(yes[i]));
	for (size_t i = 0; no[i] != NULL; i++)
		CHECK(!jpcore_decimal(no[i]));
	CHECK(!jpcore_decimal(NULL));
	CHECK(!jpcore_decimal("123456789012345678901234567890123"));
}

static void
vocabularies(void)
{
	CHECK_STR(jpcore_gender("M"), "male");
	CHECK_STR(jpcore_gender("F"), "female");
	CHECK_STR(jpcore_gender("U"), "unknown");
	CHECK(jpcore_gender("X") == NULL && jpcore_gender(NULL) == NULL);
	CHECK_STR(jpcore_obs_status("F", 1), "final");
	CHECK_STR(jpcore_obs_status("C", 1), "corrected");
	CHECK_STR(jpcore_obs_status("O", 0), "registered");
	CHECK_STR(jpcore_obs_status("", 1), "unknown");
	CHECK_STR(jpcore_obs_status(NULL, 0), "unknown");
	CHECK_STR(jpcore_interpretation("HH"), "HH");
	CHECK(jpcore_interpretation("") == NULL && jpcore_interpretation("<") == NULL);
	CHECK_STR(jpcore_allergy_category("薬剤アレルギー"), "medication");
	CHECK_STR(jpcore_allergy_category("DA"), "medication");
	CHECK_STR(jpcore_allergy_category("食物アレルギー"), "food");
	CHECK_STR(jpcore_allergy_category("花粉アレルギー"), "environment");
	CHECK(jpcore_allergy_category("MA") == NULL);
	CHECK_STR(jpcore_severity("中等度"), "moderate");
	CHECK_STR(jpcore_severity("SV"), "severe");
	CHECK(jpcore_severity("") == NULL);
}

static void
names(void)
{
	char	 f[32], g[32];

	CHECK(jpcore_name_split("山田 太郎", f, sizeof(f), g, sizeof(g)) == 0);
	CHECK_STR(f, "山田");
	CHECK_STR(g, "太郎");
	CHECK(jpcore_name_split("ヤマダ\xe3\x80\x80タロウ", f, sizeof(f), g,
	    sizeof(g)) == 0);
	CHECK_STR(f, "ヤマダ");
	CHECK_STR(g, "タロウ");
	CHECK(jpcore_name_split("山田太郎", f, sizeof(f), g, sizeof(g)) == -1);
	CHECK(jpcore_name_split(" 太郎", f, sizeof(f), g, sizeof(g)) == -1);
	CHECK(jpcore_name_split("山田 ", f, sizeof(f), g, sizeof(g)) == -1);
	CHECK(jpcore_name_split("山田山田山田山田 太郎", f, 8, g, sizeof(g)) == -1);
	CHECK(jpcore_name_split(NULL, f, sizeof(f), g, sizeof(g)) == -1);
}

static void
uri_parts(void)
{
	char	 o[32];

	CHECK(jpcore_uri_part(o, sizeof(o), "DEMO01") == 0);
	CHECK_STR(o, "DEMO01");
	CHECK(jpcore_uri_part(o, sizeof(o), "a b/c") == 0);
	CHECK_STR(o, "a%20b%2Fc");
	CHECK(jpcore_uri_part(o, sizeof(o), "病院") == 0);
	CHECK_STR(o, "%E7%97%85%E9%99%A2");
	CHECK(jpcore_uri_part(o, sizeof(o), "病院病院") == -1);	/* does not fit */
	CHECK(jpcore_uri_part(o, 1, "") == 0 && o[0] == '\0');
}

/* JP_Patient's namespace: the JP OID for a 医療機関コード, else the network's own. */
static void
patient_ids(void)
{
	char	 o[128];

	CHECK(jpcore_patient_id_system(o, sizeof(o), "https://x", "1312345670") == 0);
	CHECK_STR(o, "urn:oid:1.2.392.100495.20.3.51.11312345670");
	CHECK(jpcore_patient_id_system(o, sizeof(o), "https://x", "DEMO01") == 0);
	CHECK_STR(o, "https://x/fhir/sid/facility/DEMO01/patient-id");
	CHECK(jpcore_patient_id_system(o, sizeof(o), "https://x", "131234567") == 0);
	CHECK_STR(o, "https://x/fhir/sid/facility/131234567/patient-id");
	CHECK(jpcore_patient_id_system(o, 20, "https://x", "DEMO01") == -1);
}

/* The writer places commas itself and refuses what would not be JSON. */
static void
writer(void)
{
	struct buf	 b;
	struct jw	 w;

	buf_init(&b);
	jw_init(&w, &b);
	jw_open(&w, NULL, '{');
	jw_str(&w, "a", "x\"<");
	jw_str(&w, "skipped", "");
	jw_str(&w, "skipped2", NULL);
	jw_str(&w, "skipped3", " \t ");
	jw_open(&w, "l", '[');
	jw_int(&w, NULL, 1);
	jw_raw(&w, NULL, "2.5");
	jw_open(&w, NULL, '{');
	jw_close(&w, '}');
	jw_close(&w, ']');
	jw_close(&w, '}');
	CHECK(jw_done(&w) == 0);
	CHECK_STR(b.data, "{\"a\":\"x\\\"\\u003c\",\"l\":[1,2.5,{}]}");
	/* a key inside an array, no key inside an object, a wrong close */
	buf_reset(&b);
	jw_init(&w, &b);
	jw_open(&w, NULL, '[');
	jw_str(&w, "k", "v");
	CHECK(w.bad);
	buf_reset(&b);
	jw_init(&w, &b);
	jw_open(&w, NULL, '{');
	jw_str(&w, NULL, "v");
	CHECK(w.bad);
	buf_reset(&b);
	jw_init(&w, &b);
	jw_open(&w, NULL, '{');
	jw_close(&w, ']');
	CHECK(jw_done(&w) == -1);
	/* unclosed, and too deep */
	buf_reset(&b);
	jw_init(&w, &b);
	jw_open(&w, NULL, '[');
	CHECK(jw_done(&w) == -1);
	for (int i = 0; i < JW_DEPTH + 2; i++)
		jw_open(&w, NULL, '[');
	CHECK(w.bad);
	buf_free(&b);
}

int
main(void)
{
	RUN(code_systems);
	RUN(decimals);
	RUN(vocabularies);
	RUN(names);
	RUN(uri_parts);
	RUN(patient_ids);
	RUN(writer);
	return T_DONE("jpcore");
}
