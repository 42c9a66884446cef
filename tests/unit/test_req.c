/* test_req.c: the request parser, cookies, field validation and bounded strings */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "web/req.h"
#include "t.h"

static int
parse(struct kvlist *l, const char *s, char *bad)
{
	memset(l, 0, sizeof(*l));
	return kv_parse_urlencoded(l, s, strlen(s), bad, KV_KEYMAX + 1);
}

static void
test_urlencoded_basic(void)
{
	struct kvlist	 l;
	char		 bad[KV_KEYMAX + 1];

	CHECK(parse(&l, "a=1&b=%E3%81%82+x&c=&d", bad) == REQ_OK);
	CHECK(l.n == 4);
	CHECK_STR(kv_get(&l, "a"), "1");
	CHECK_STR(kv_get(&l, "b"), "あ x");
	CHECK_STR(kv_get(&l, "c"), "");
	CHECK_STR(kv_get(&l, "d"), "");
	CHECK(kv_get(&l, "e") == NULL);
	kv_free(&l);
}

static void
test_urlencoded_repeat(void)
{
	struct kvlist	 l;
	char		 bad[KV_KEYMAX + 1];

	CHECK(parse(&l, "f=1&&f=2&g=3&f=4", bad) == REQ_OK);
	CHECK(kv_count(&l, "f") == 3);
	CHECK_STR(kv_nth(&l, "f", 2), "4");
	CHECK(kv_nth(&l, "f", 3) == NULL);
	kv_free(&l);
}

static void
test_urlencoded_errors(void)
{
	struct kvlist	 l;
	char		 bad[KV_KEYMAX + 1];

	CHECK(parse(&l, "name=%FF", bad) == REQ_E_UTF8);
	CHECK_STR(bad, "name");
	kv_free(&l);
	CHECK(parse(&l, "name=a%00b", bad) == REQ_E_NUL);
	CHECK_STR(bad, "name");
	kv_free(&l);
	CHECK(parse(&l, "x=%4", bad) == REQ_E_SYNTAX);
	CHECK_STR(bad, "x");
	kv_free(&l);
	CHECK(parse(&l, "x=%", bad) == REQ_E_SYNTAX);
	kv_free(&l);
	CHECK(parse(&l, "x=%zz", bad) == REQ_E_SYNTAX);
	kv_free(&l);
	CHECK(parse(&l, "=v", bad) == REQ_E_SYNTAX);
	kv_free(&l);
	CHECK(parse(&l, "%C0%AF=1", bad) == REQ_E_UTF8);	/* overlong key */
	kv_free(&l);
	CHECK(parse(&l, "a=%ED%A0%80", bad) == REQ_E_UTF8);	/* surrogate */
	kv_free(&l);
}

static void
test_urlencoded_limits(void)
{
	struct kvlist	 l;
	struct buf	 b;
	char		 bad[KV_KEYMAX + 1];
	int		 i;

	buf_init(&b);
	for (i = 0; i < KV_MAX + 1; i++)
		buf_printf(&b, "k%d=v&", i);
	memset(&l, 0, sizeof(l));
	CHECK(kv_parse_urlencoded(&l, b.data, b.len, bad, sizeof(bad)) ==
	    REQ_E_TOOMANY);
	kv_free(&l);
	buf_reset(&b);
	for (i = 0; i < KV_KEYMAX + 1; i++)
		buf_puts(&b, "k");
	buf_puts(&b, "=1");
	CHECK(parse(&l, b.data, bad) == REQ_E_TOOLONG);
	kv_free(&l);
	buf_free(&b);
}

static const char *const own[] = { "__Host-s", "__Host-c", NULL };

static void
test_cookies(void)
{
	struct kvlist	 l;

	memset(&l, 0, sizeof(l));
	CHECK(kv_parse_cookies(&l, "__Host-s=abc123; lang=ja", own) == REQ_OK);
	CHECK_STR(kv_get(&l, "__Host-s"), "abc123");
	CHECK(kv_get(&l, "lang") == NULL && l.n == 1);	/* not ours: not kept */
	kv_free(&l);
	CHECK(kv_parse_cookies(&l, "__Host-c=\"quoted\"", own) == REQ_OK);
	CHECK_STR(kv_get(&l, "__Host-c"), "quoted");
	kv_free(&l);
	CHECK(kv_parse_cookies(&l, NULL, own) == REQ_OK && l.n == 0);
	CHECK(kv_parse_cookies(&l, "", own) == REQ_OK && l.n == 0);
	/* Foreign cookies are skipped whatever they hold. */
	const char *junk[] = { "a=1;b=2", "a", "a=b c", "a=1; ", "a=\"x", "a=\\",
	    "=v", ";;", " ; = ;", "x=1, y=2", "bad name=1", "\xe5\x90\x8d=\xe5\x80\xa4",
	    "__Host-sX=a b", "__host-s=a b", "_ga=1; _ga=2" };
	for (size_t i = 0; i < sizeof(junk) / sizeof(junk[0]); i++) {
		char h[256];
		snprintf(h, sizeof(h), "%s; __Host-s=ok1;%s", junk[i], junk[i]);
		CHECK(kv_parse_cookies(&l, junk[i], own) == REQ_OK && l.n == 0);
		kv_free(&l);
		CHECK(kv_parse_cookies(&l, h, own) == REQ_OK);
		CHECK_STR(kv_get(&l, "__Host-s"), "ok1");
		CHECK(l.n == 1);
		kv_free(&l);
	}
	/* Ours as browsers split them: no space needed, spaces trimmed. */
	CHECK(kv_parse_cookies(&l, "x=1;__Host-s=v2 ;\t__Host-c = v3", own) == REQ_OK);
	CHECK_STR(kv_get(&l, "__Host-s"), "v2");
	CHECK_STR(kv_get(&l, "__Host-c"), "v3");
	kv_free(&l);
	/* Our own: malformed or twice is refused. */
	CHECK(kv_parse_cookies(&l, "__Host-s=a b", own) == REQ_E_SYNTAX);
	kv_free(&l);
	CHECK(kv_parse_cookies(&l, "__Host-s=\"x", own) == REQ_E_SYNTAX);
	kv_free(&l);
	CHECK(kv_parse_cookies(&l, "__Host-s=a\\b", own) == REQ_E_SYNTAX);
	kv_free(&l);
	CHECK(kv_parse_cookies(&l, "__Host-s=a,b", own) == REQ_E_SYNTAX);
	kv_free(&l);
	CHECK(kv_parse_cookies(&l, "__Host-s=1; __Host-s=2", own) == REQ_E_SYNTAX);
	kv_free(&l);
}

static const struct field fields[] = {
	{ "name",  FT_TEXT,  5 },
	{ "note",  FT_LINES, 100 },
	{ "n",     FT_INT,   20 },
	{ "login", FT_TOKEN, 16 },
	{ "d",     FT_DATE,  10 },
	{ "dt",    FT_DATETIME, 16 },
	{ NULL,    0,        0 }
};

static int
check1(const char *q, const char **bad)
{
	struct kvlist	 l;
	char		 b[KV_KEYMAX + 1];
	int		 rc;

	if (parse(&l, q, b) != REQ_OK) {
		kv_free(&l);
		return -1;
	}
	rc = field_check(fields, &l, bad);
	if (*bad != NULL) {
		static char keep[KV_KEYMAX + 1];
		str_copy(keep, *bad, sizeof(keep));
		*bad = keep;
	}
	kv_free(&l);
	return rc;
}

static void
test_fields(void)
{
	const char	*bad;

	CHECK(check1("name=%E5%B1%B1%E7%94%B0&n=42&login=dr.sato-1&d=2024-02-29",
	    &bad) == REQ_OK);
	CHECK(check1("name=abcdef", &bad) == REQ_E_TOOLONG);
	CHECK_STR(bad, "name");
	/* 5 characters of kana are 15 bytes: the limit counts characters. */
	CHECK(check1("name=%E3%81%82%E3%81%82%E3%81%82%E3%81%82%E3%81%82", &bad) ==
	    REQ_OK);
	CHECK(check1("other=1", &bad) == REQ_E_UNKNOWN);
	CHECK_STR(bad, "other");
	CHECK(check1("name=a%0Ab", &bad) == REQ_E_NUL);
	CHECK(check1("note=a%0D%0Ab%09c", &bad) == REQ_OK);
	CHECK(check1("note=a%01", &bad) == REQ_E_NUL);
	CHECK(check1("n=12a", &bad) == REQ_E_TYPE);
	CHECK(check1("n=99999999999999", &bad) == REQ_E_TYPE);
	CHECK(check1("login=a%20b", &bad) == REQ_E_TYPE);
	CHECK(check1("d=2023-02-29", &bad) == REQ_E_TYPE);
	CHECK(check1("d=2024-13-01", &bad) == REQ_E_TYPE);
	CHECK(check1("dt=2024-01-01T23%3A59", &bad) == REQ_OK);
	CHECK(check1("dt=2024-01-01T24%3A00", &bad) == REQ_E_TYPE);
	CHECK(check1("n=", &bad) == REQ_OK);	/* empty: the handler decides */
}

static void
test_valid_date(void)
{
	CHECK(valid_date("2000-02-29"));
	CHECK(!valid_date("1900-02-29"));
	CHECK(!valid_date("2024-04-31"));
	CHECK(!valid_date("2024-4-01"));
	CHECK(!valid_date("20240401"));
	CHECK(!valid_date(""));
}

static void
test_strings(void)
{
	char		 s[4];
	long long	 v;
	struct buf	 b;

	CHECK(str_copy(s, "abc", sizeof(s)) == 0);
	CHECK(str_copy(s, "abcd", sizeof(s)) == -1);
	CHECK_STR(s, "abc");
	CHECK(str_fmt(s, sizeof(s), "%d", 12345) == -1);
	CHECK(str_to_ll("42", 0, 100, &v) == 0 && v == 42);
	CHECK(str_to_ll("101", 0, 100, &v) == -1);
	CHECK(str_to_ll(" 1", 0, 100, &v) == -1);
	CHECK(str_to_ll("1x", 0, 100, &v) == -1);
	CHECK(str_to_ll("", 0, 100, &v) == -1);
	buf_init(&b);
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	CHECK(b.len == 3890 && b.data[b.len] == '\0');
	buf_free(&b);
}

static void
test_dn(void)
{
	char	 out[128];

	CHECK(dn_unescape("CN=a,OU=\\E7\\9C\\8C,O=X", out, sizeof(out)) == 0);
	CHECK_STR(out, "CN=a,OU=県,O=X");
	CHECK(dn_attr("CN=dr.sato,OU=\\E7\\9C\\8C\\,x,O=DEMO01", "OU", out,
	    sizeof(out)) == 0);
	CHECK_STR(out, "県,x");
	CHECK(dn_attr("CN=dr.sato,O=DEMO01", "CN", out, sizeof(out)) == 0);
	CHECK_STR(out, "dr.sato");
	CHECK(dn_attr("CN=dr.sato,O=DEMO01", "OU", out, sizeof(out)) == -1);
	CHECK(dn_unescape("abc\\", out, sizeof(out)) == -1);
	CHECK(dn_unescape("abcdef", out, 4) == -1);
}

/* Days since 1970 as MariaDB counts them, and the one Japanese date style. */
static void
test_date_days_and_ja(void)
{
	char	 d[64];

	CHECK(date_days("1970-01-01") == 0);
	CHECK(date_days("2026-12-07") == 20794);
	CHECK(date_days("2024-02-29") - date_days("2024-02-28") == 1);
	CHECK(date_days("20261207") == -1);
	CHECK(date_days(NULL) == -1);
	CHECK(date_ja(d, sizeof(d), date_days("2026-12-07")) == 0);
	CHECK_STR(d, "2026年12月7日（月）");
	CHECK(date_ja(d, sizeof(d), date_days("2027-01-03")) == 0);
	CHECK_STR(d, "2027年1月3日（日）");
	CHECK(date_ja(d, 8, 0) == -1);
}

int
main(void)
{
	RUN(test_urlencoded_basic);
	RUN(test_urlencoded_repeat);
	RUN(test_urlencoded_errors);
	RUN(test_urlencoded_limits);
	RUN(test_cookies);
	RUN(test_fields);
	RUN(test_valid_date);
	RUN(test_strings);
	RUN(test_dn);
	RUN(test_date_days_and_ja);
	return T_DONE("req");
}
