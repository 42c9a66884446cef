/* fuzz_hl7.c: libFuzzer driver for the HL7 v2 parser */
/*
 * clang -g -O1 -fsanitize=fuzzer,address,undefined -Icgi \
 *     tests/fuzz/fuzz_hl7.c cgi/import/hl7.c -o /tmp/fuzz_hl7
 * cp -r tests/fuzz/corpus/hl7 /tmp/corpus_hl7
 * /tmp/fuzz_hl7 -max_total_time=60 /tmp/corpus_hl7
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "import/hl7.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Walks one component: every sub-component, into a big and a tiny buffer. */
static void
fuzz_comp(const struct hl7_msg *m, size_t seg, int f, int r, int c)
{
	char	 big[512], tiny[4];
	int	 s, ns, rc;

	ns = hl7_nsub(m, seg, f, r, c);
	for (s = 1; s <= ns + 1; s++) {
		rc = hl7_get(m, seg, f, r, c, s, big, sizeof(big));
		if (rc == 0 && strlen(big) == 0)
			abort();	/* "found" must mean non-empty */
		if (rc == 1 && big[0] != '\0')
			abort();
		if (s > ns && rc != 1)
			abort();	/* past the count is absent */
		rc = hl7_get(m, seg, f, r, c, s, tiny, sizeof(tiny));
		if (strlen(tiny) >= sizeof(tiny))
			abort();
		(void)hl7_get(m, seg, f, r, c, s, NULL, 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hl7_msg	*m;
	char		 err[128], raw[256], code[8], ev[8], ts[20], *str,
			 given[HL7_TS_GIVEN];
	size_t		 seg, n;
	int		 f, r, c, nf, nr, nc, ec;

	/* the timestamp parser takes a C string */
	if ((str = malloc(size + 1)) != NULL) {
		memcpy(str, data, size);
		str[size] = '\0';
		(void)hl7_ts(str, ts, sizeof(ts));
		/* as given: the same date, and only what was given */
		if (hl7_ts_given(str, ts, sizeof(ts), given, sizeof(given)) == 0 &&
		    (strncmp(ts, given, 10) != 0 || strlen(given) < 10 ||
		    strlen(given) >= sizeof(given)))
			abort();
		free(str);
	}
	m = hl7_parse_ex((const char *)data, size, &ec, err, sizeof(err));
	if (m == NULL) {
		if (ec == 0 || err[0] == '\0' || strlen(err) >= sizeof(err))
			abort();
		return 0;
	}
	(void)hl7_msg_type(m, code, sizeof(code), ev, sizeof(ev));
	(void)hl7_msg_time(m, ts, sizeof(ts));
	(void)hl7_charset(m);
	if (hl7_declared_charset(m) == NULL)
		abort();
	(void)hl7_text(m, &n);
	(void)hl7_find(m, "OBX", 1);
	(void)hl7_find(m, "MSH", 0);
	n = hl7_nseg(m);
	for (seg = 0; seg <= n; seg++) {
		(void)hl7_segname(m, seg);
		nf = hl7_nfield(m, seg);
		for (f = 0; f <= nf + 1; f++) {
			(void)hl7_raw(m, seg, f, raw, sizeof(raw));
			nr = hl7_nrep(m, seg, f);
			for (r = 1; r <= nr + 1; r++) {
				nc = hl7_ncomp(m, seg, f, r);
				for (c = 1; c <= nc + 1; c++)
					fuzz_comp(m, seg, f, r, c);
			}
		}
	}
	hl7_free(m);
	return 0;
}
