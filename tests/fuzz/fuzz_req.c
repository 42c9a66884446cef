/* fuzz_req.c: libFuzzer driver for the request parsers: form/query bodies, cookies, field checks, DN unescaping. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/kana.h"
#include "base/util.h"
#include "web/req.h"

static const struct field fields[] = {
	{ "a", FT_TEXT, 16 }, { "b", FT_LINES, 64 }, { "n", FT_INT, 20 },
	{ "t", FT_TOKEN, 32 }, { "d", FT_DATE, 10 }, { "dt", FT_DATETIME, 16 },
	{ "h", FT_HEX, 64 }, { NULL, 0, 0 }
};
/* The cookies kept (as the network keeps only its own): a short name and a long one. */
static const char *const own[] = { "a", "__Host-s", NULL };

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kvlist	 l;
	const char	*bad;
	char		 name[KV_KEYMAX + 1], *s, out[256];

	memset(&l, 0, sizeof(l));
	if (kv_parse_urlencoded(&l, (const char *)data, size, name, sizeof(name)) ==
	    REQ_OK) {
		field_check(fields, &l, &bad);
		for (size_t i = 0; i < l.n; i++)
			if (!utf8_valid(l.v[i].val, l.v[i].vlen) ||
			    strlen(l.v[i].val) != l.v[i].vlen)
				abort();
	}
	kv_free(&l);
	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	kv_parse_cookies(&l, s, own);
	for (size_t i = 0; i < l.n; i++)	/* only ours, and only cookie-octets */
		if ((strcmp(l.v[i].key, "a") != 0 && strcmp(l.v[i].key, "__Host-s") != 0) ||
		    strpbrk(l.v[i].val, " \t;,\\\"") != NULL)
			abort();
	kv_free(&l);
	dn_unescape(s, out, sizeof(out));
	dn_attr(s, "CN", out, sizeof(out));
	valid_date(s);
	free(s);
	return 0;
}
