/* test_multipart.c: multipart/form-data parsing and file types by content (A12.1 scans) */
#include <stdlib.h>
#include <string.h>

#include "web/multipart.h"
#include "t.h"

#define CT	"multipart/form-data; boundary=----xyz"

static int
parse(const char *body, struct kvlist *l, struct uploads *u)
{
	char	 bad[KV_KEYMAX + 1];

	memset(l, 0, sizeof(*l));
	memset(u, 0, sizeof(*u));
	return mp_parse(CT, body, strlen(body), l, u, bad, sizeof(bad));
}

static void
test_boundary(void)
{
	char	 b[80];

	CHECK(mp_boundary(CT, b, sizeof(b)) == 0);
	CHECK_STR(b, "----xyz");
	CHECK(mp_boundary("multipart/form-data; boundary=\"a b\"", b, sizeof(b)) == 0);
	CHECK_STR(b, "a b");
	CHECK(mp_boundary("application/x-www-form-urlencoded", b, sizeof(b)) == -1);
	CHECK(mp_boundary("multipart/form-data", b, sizeof(b)) == -1);
	CHECK(mp_boundary("multipart/form-data; boundary=", b, sizeof(b)) == -1);
	CHECK(mp_boundary("multipart/form-data; boundary=\"unterminated", b,
	    sizeof(b)) == -1);
}

static void
test_fields_and_file(void)
{
	struct kvlist	 l;
	struct uploads	 u;
	const char	*body =
	    "------xyz\r\n"
	    "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
	    "abc\r\n"
	    "------xyz\r\n"
	    "Content-Disposition: form-data; name=\"viewing\"\r\n\r\n"
	    "1\r\n"
	    "------xyz\r\n"
	    "Content-Disposition: form-data; name=\"viewing\"\r\n\r\n"
	    "2\r\n"
	    "------xyz\r\n"
	    "Content-Disposition: form-data; name=\"scan\"; filename=\"同意書.pdf\"\r\n"
	    "Content-Type: application/pdf\r\n\r\n"
	    "%PDF-1.4\r\nbody\r\n--not-a-boundary\r\n%%EOF\r\n"
	    "------xyz--\r\n";

	CHECK(parse(body, &l, &u) == REQ_OK);
	CHECK_STR(kv_get(&l, "csrf"), "abc");
	CHECK(kv_count(&l, "viewing") == 2);
	CHECK_STR(kv_nth(&l, "viewing", 1), "2");
	CHECK(kv_get(&l, "scan") == NULL);
	CHECK(u.n == 1);
	const struct upload *f = mp_file(&u, "scan");
	CHECK(f != NULL);
	if (f != NULL) {
		CHECK_STR(f->filename, "同意書.pdf");
		CHECK(f->len == strlen("%PDF-1.4\r\nbody\r\n--not-a-boundary\r\n%%EOF"));
		CHECK(sniff_type(f->data, f->len) == SNIFF_PDF);
	}
	kv_free(&l);
}

static void
test_empty_file_is_no_file(void)
{
	struct kvlist	 l;
	struct uploads	 u;
	const char	*body =
	    "------xyz\r\n"
	    "Content-Disposition: form-data; name=\"scan\"; filename=\"\"\r\n"
	    "Content-Type: application/octet-stream\r\n\r\n"
	    "\r\n------xyz--\r\n";

	CHECK(parse(body, &l, &u) == REQ_OK);
	CHECK(mp_file(&u, "scan") == NULL);
	kv_free(&l);
}

static void
test_malformed(void)
{
	struct kvlist	 l;
	struct uploads	 u;
	static const char *const bad[] = {
		"",
		"no boundary at all",
		/* truncated: no closing delimiter */
		"------xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue",
		/* no blank line after the headers */
		"------xyz\r\nContent-Disposition: form-data; name=\"a\"\r\nvalue\r\n------xyz--",
		/* no name */
		"------xyz\r\nContent-Disposition: form-data\r\n\r\nv\r\n------xyz--",
		/* not form-data */
		"------xyz\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nv\r\n------xyz--",
		/* only the end */
		"------xyz--\r\n",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK(parse(bad[i], &l, &u) != REQ_OK);
		kv_free(&l);
	}
	/* a text field with invalid UTF-8 or NUL */
	const char nul[] = "------xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\xff\xfe\r\n------xyz--";
	CHECK(parse(nul, &l, &u) == REQ_E_UTF8);
	kv_free(&l);
}

static void
test_sniff(void)
{
	static const unsigned char png_ok[] = { 0x89, 'P', 'N', 'G', '\r', '\n',
	    0x1a, '\n', 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82 };
	static const unsigned char jpg_ok[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 0x10,
	    0xff, 0xd9 };
	static const unsigned char jpg_cut[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 0x10 };

	CHECK(sniff_type(png_ok, sizeof(png_ok)) == SNIFF_PNG);
	CHECK(sniff_type(png_ok, sizeof(png_ok) - 5) == SNIFF_TRUNCATED);
	CHECK(sniff_type(jpg_ok, sizeof(jpg_ok)) == SNIFF_JPEG);
	CHECK(sniff_type(jpg_cut, sizeof(jpg_cut)) == SNIFF_TRUNCATED);
	CHECK(sniff_type("%PDF-1.7\n...", 12) == SNIFF_TRUNCATED);
	CHECK(sniff_type("%PDF-1.7\n%%EOF", 14) == SNIFF_PDF);
	CHECK(sniff_type("MZ\x90", 3) == SNIFF_UNKNOWN);
	CHECK(sniff_type("GIF89a", 6) == SNIFF_UNKNOWN);
	CHECK(sniff_type("", 0) == SNIFF_UNKNOWN);
	CHECK_STR(sniff_mime(SNIFF_PNG), "image/png");
	CHECK(sniff_mime(SNIFF_TRUNCATED) == NULL);
}

int
main(void)
{
	RUN(test_boundary);
	RUN(test_fields_and_file);
	RUN(test_empty_file_is_no_file);
	RUN(test_malformed);
	RUN(test_sniff);
	return T_DONE("multipart");
}
