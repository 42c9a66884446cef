/* test_auditchain.c: the audit chain's canonical encoding, hashes, checkpoints (A11.2) and the FHIR AuditEvent encoder */
#include <stdlib.h>
#include <string.h>

#include "audit/chain.h"
#include "audit/fhir.h"
#include "t.h"

/* Vectors computed independently (Python hashlib/hmac, see test_audit_chain.py). */
#define H1	"9b085ae1c4823363bc67bf39b7a6aa1492377c525e9d0e1bf21e80bbdc9b6930"
#define H2	"25c553125b06d42873b6240ffd0ad8b050e5801856de9131846d0c051d96e931"
#define MAC	"8f5f7ee6d193621795a14ffe1620dc4d240da4e4be8ca558d32332c23d60be21"
#define T0	1795651200	/* 2026-11-26T00:00:00Z */

static struct ac_row
row(const char *const v[AC__MAX])
{
	struct ac_row	 r;

	for (size_t i = 0; i < AC__MAX; i++) {
		r.f[i] = v[i];
		r.len[i] = v[i] ? strlen(v[i]) : 0;
	}
	return r;
}

static const char *const full[AC__MAX] = {
	"1", "42", "2026-11-26 09:15:28.123456", "7", "dr.sato", "1", "user",
	"record.view", "patient", "9", "9", "care", "allowed", "127.0.0.1",
	"0A1B", "山田"
};
static const char *const sparse[AC__MAX] = {
	"2", "41", "2026-11-26 09:15:29.000000", NULL, NULL, NULL, NULL,
	"login", NULL, NULL, NULL, NULL, "denied", NULL, NULL, NULL
};

static void
test_A11_2_canon_is_length_prefixed_every_column(void)
{
	struct ac_row	 r = row(sparse);
	struct buf	 b;
	static const unsigned char head[] = { 1, 0, 0, 0, 14, 'm', 'o', 'g',
	    'a', 'm', 'i', '-', 'a', 'u', 'd', 'i', 't', '-', '1', 1, 0, 0, 0,
	    1, '2', 1, 0, 0, 0, 2, '4', '1' };

	buf_init(&b);
	CHECK(auditchain_canon(&r, &b) == 0);
	CHECK(b.len == 95);
	CHECK(b.len >= sizeof(head) && memcmp(b.data, head, sizeof(head)) == 0);
	/* user_id .. role are NULL: four single 0x00 bytes after ts. */
	CHECK(memcmp(b.data + sizeof(head) + 5 + 26, "\0\0\0\0", 4) == 0);
	buf_free(&b);
	r = row(full);
	buf_init(&b);
	CHECK(auditchain_canon(&r, &b) == 0 && b.len == 191);
	buf_free(&b);
}

static void
test_A11_2_hash_matches_independent_vectors(void)
{
	struct ac_row	 a = row(full), b = row(sparse);
	char		 h1[PKI_SHA256_HEX], h2[PKI_SHA256_HEX];

	CHECK(auditchain_hash(AC_GENESIS, &a, h1) == 0);
	CHECK_STR(h1, H1);
	CHECK(auditchain_hash(h1, &b, h2) == 0);
	CHECK_STR(h2, H2);
	/* The previous hash is covered: another predecessor, another hash. */
	CHECK(auditchain_hash(AC_GENESIS, &b, h2) == 0);
	CHECK(strcmp(h2, H2) != 0);
	CHECK(auditchain_hash("xyz", &b, h2) == -1);
	CHECK(auditchain_hash(NULL, &b, h2) == -1);
}

static void
test_A11_2_encoding_is_injective(void)
{
	const char	*v[AC__MAX];
	struct ac_row	 r;
	char		 x[PKI_SHA256_HEX], y[PKI_SHA256_HEX];

	/* NULL and "" differ. */
	memcpy(v, sparse, sizeof(v));
	r = row(v);
	CHECK(auditchain_hash(AC_GENESIS, &r, x) == 0);
	v[AC_DETAIL] = "";
	r = row(v);
	CHECK(auditchain_hash(AC_GENESIS, &r, y) == 0);
	CHECK(strcmp(x, y) != 0);
	/* "ab","c" and "a","bc" differ. */
	v[AC_LOGIN] = "ab";
	v[AC_ROLE] = "c";
	r = row(v);
	CHECK(auditchain_hash(AC_GENESIS, &r, x) == 0);
	v[AC_LOGIN] = "a";
	v[AC_ROLE] = "bc";
	r = row(v);
	CHECK(auditchain_hash(AC_GENESIS, &r, y) == 0);
	CHECK(strcmp(x, y) != 0);
	/* One flipped bit anywhere changes the hash. */
	char detail[] = "abc";
	v[AC_DETAIL] = detail;
	r = row(v);
	CHECK(auditchain_hash(AC_GENESIS, &r, x) == 0);
	detail[1] ^= 1;
	CHECK(auditchain_hash(AC_GENESIS, &r, y) == 0);
	CHECK(strcmp(x, y) != 0);
}

static void
test_A11_2_checkpoint_signed_and_checked(void)
{
	unsigned char	 key[AC_KEY_LEN], other[AC_KEY_LEN];
	char		 line[AC_CKPT_MAX], bad[AC_CKPT_MAX];
	struct ac_ckpt	 c;

	for (int i = 0; i < AC_KEY_LEN; i++) {
		key[i] = (unsigned char)i;
		other[i] = (unsigned char)(i + 1);
	}
	CHECK(auditchain_ckpt_format(key, 5, H1, T0, line, sizeof(line)) == 0);
	CHECK_STR(line, "ckpt1 5 " H1 " 2026-11-26T00:00:00Z " MAC "\n");
	CHECK(auditchain_ckpt_parse(key, line, &c) == 0);
	CHECK(c.seq == 5);
	CHECK_STR(c.hash, H1);
	CHECK_STR(c.time, "2026-11-26T00:00:00Z");
	CHECK(auditchain_ckpt_parse(other, line, &c) == -2);
	/* Any edited field breaks the signature. */
	str_copy(bad, line, sizeof(bad));
	bad[6] = '4';
	CHECK(auditchain_ckpt_parse(key, bad, &c) == -2);
	str_copy(bad, line, sizeof(bad));
	bad[8] = bad[8] == 'a' ? 'b' : 'a';
	CHECK(auditchain_ckpt_parse(key, bad, &c) == -2);
	/* Malformed lines. */
	CHECK(auditchain_ckpt_parse(key, "", &c) == -1);
	CHECK(auditchain_ckpt_parse(key, "ckpt1 -1 " H1 " 2026-11-26T00:00:00Z " MAC, &c) == -1);
	CHECK(auditchain_ckpt_parse(key, "ckpt1 5 " H1 " 2026-11-26T00:00:00Z " MAC " x", &c) == -1);
	CHECK(auditchain_ckpt_parse(key, "ckpt2 5 " H1 " 2026-11-26T00:00:00Z " MAC, &c) == -1);
	CHECK(auditchain_ckpt_format(key, -1, H1, T0, line, sizeof(line)) == -1);
	CHECK(auditchain_ckpt_format(key, 1, "zz", T0, line, sizeof(line)) == -1);
}

static void
test_A14_fhir_emergency_view_coded_etreat_patient_opaque(void)
{
	const char *const f[FX__MAX] = {
		"12", "2026-11-26T09:15:28.123456Z", "7", "dr.sato", "1", "user",
		"record.view", "patient", "9", "9", "emergency", "allowed",
		"127.0.0.1", "0A1B", "山田 花子", "3", H1
	};
	struct buf	 b;

	buf_init(&b);
	CHECK(auditfhir_event(&b, f, "https://m.example", "もがみネット") == 0);
	CHECK(strstr(b.data, "\"resourceType\":\"AuditEvent\",\"id\":\"12\"") != NULL);
	CHECK(strstr(b.data, "\"code\":\"110110\"") != NULL);
	CHECK(strstr(b.data, "\"action\":\"R\"") != NULL);
	CHECK(strstr(b.data, "\"recorded\":\"2026-11-26T09:15:28.123456Z\"") != NULL);
	CHECK(strstr(b.data, "\"outcome\":\"0\"") != NULL);
	CHECK(strstr(b.data, "v3-ActReason\",\"code\":\"ETREAT\"") != NULL);
	CHECK(strstr(b.data, "{\"identifier\":{\"system\":\"https://m.example/fhir/sid/patient\","
	    "\"value\":\"9\"}}") != NULL);
	CHECK(strstr(b.data, "\"requestor\":true") != NULL);
	CHECK(strstr(b.data, "\"observer\":{\"display\":\"もがみネット\"}") != NULL);
	CHECK(strstr(b.data, "山田") == NULL);	/* no name, no free text */
	buf_free(&b);
}

static void
test_A14_fhir_emergency_start_stop_subtypes_and_escaping(void)
{
	const char *f[FX__MAX] = { 0 };
	struct buf	 b;

	f[FX_ID] = "1";
	f[FX_TS] = "2026-11-26T00:00:00.000000Z";
	f[FX_ACTION] = "emergency.start";
	f[FX_OUTCOME] = "allowed";
	buf_init(&b);
	CHECK(auditfhir_event(&b, f, "u", "s") == 0);
	CHECK(strstr(b.data, "\"code\":\"110127\",\"display\":\"Emergency Override Started\"") != NULL);
	CHECK(strstr(b.data, "\"code\":\"110150\"") != NULL);	/* the admin tool as agent */
	CHECK(strstr(b.data, "\"entity\"") == NULL);
	buf_reset(&b);
	f[FX_ACTION] = "emergency.end";
	f[FX_OUTCOME] = "denied";
	f[FX_DETAIL] = "a\"b\\c\n\x01";
	CHECK(auditfhir_event(&b, f, "u", "s") == 0);
	CHECK(strstr(b.data, "\"code\":\"110138\"") != NULL);
	CHECK(strstr(b.data, "\"outcome\":\"4\",\"outcomeDesc\":\"denied\"") != NULL);
	CHECK(strstr(b.data, "\"description\":\"a\\\"b\\\\c\\n\\u0001\"") != NULL);
	buf_reset(&b);
	f[FX_ACTION] = "emergency.grant";	/* what pages/emergency.c writes */
	CHECK(auditfhir_event(&b, f, "u", "s") == 0);
	CHECK(strstr(b.data, "\"code\":\"110127\"") != NULL);
	buf_reset(&b);
	f[FX_ACTION] = "records.search";
	CHECK(auditfhir_event(&b, f, "u", "s") == 0);
	CHECK(strstr(b.data, "\"code\":\"110112\",\"display\":\"Query\"") != NULL);
	CHECK(strstr(b.data, "\"action\":\"R\"") != NULL);
	buf_reset(&b);
	f[FX_ACTION] = "consent.export";
	CHECK(auditfhir_event(&b, f, "u", "s") == 0);
	CHECK(strstr(b.data, "\"code\":\"110106\",\"display\":\"Export\"") != NULL);
	buf_free(&b);
}

static void
test_A11_2_export_range_days_in_japan(void)
{
	char	 lo[FX_RANGE_MAX], hi[FX_RANGE_MAX];

	CHECK(auditfhir_range("2026-11-26", "2026-11-27", lo, hi) == 0);
	CHECK_STR(lo, "2026-11-25 15:00:00");
	CHECK_STR(hi, "2026-11-27 15:00:00");
	CHECK(auditfhir_range("2026-11-27", "2026-11-26", lo, hi) == -1);
	CHECK(auditfhir_range("2026-02-30", "2026-03-01", lo, hi) == -1);
	CHECK(auditfhir_range("2026-1-1", "2026-03-01", lo, hi) == -1);
	CHECK(auditfhir_range(NULL, "2026-03-01", lo, hi) == -1);
}

int
main(void)
{
	RUN(test_A11_2_canon_is_length_prefixed_every_column);
	RUN(test_A11_2_hash_matches_independent_vectors);
	RUN(test_A11_2_encoding_is_injective);
	RUN(test_A11_2_checkpoint_signed_and_checked);
	RUN(test_A14_fhir_emergency_view_coded_etreat_patient_opaque);
	RUN(test_A14_fhir_emergency_start_stop_subtypes_and_escaping);
	RUN(test_A11_2_export_range_days_in_japan);
	return T_DONE("auditchain");
}
