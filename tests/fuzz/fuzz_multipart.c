/* fuzz_multipart.c: libFuzzer driver for the multipart/form-data parser and the content sniffer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/kana.h"
#include "web/multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kvlist	 l;
	struct uploads	 u;
	char		 bad[KV_KEYMAX + 1];
	const char	*ct = "multipart/form-data; boundary=b0undary";

	memset(&l, 0, sizeof(l));
	if (mp_parse(ct, (const char *)data, size, &l, &u, bad, sizeof(bad)) ==
	    REQ_OK) {
		for (size_t i = 0; i < l.n; i++)
			if (!utf8_valid(l.v[i].val, l.v[i].vlen))
				abort();
		for (size_t i = 0; i < u.n; i++) {
			/* a file must lie inside the body */
			if (u.f[i].data < (const char *)data ||
			    u.f[i].data + u.f[i].len > (const char *)data + size)
				abort();
			(void)sniff_type(u.f[i].data, u.f[i].len);
		}
	}
	kv_free(&l);
	(void)sniff_type(data, size);
	return 0;
}
