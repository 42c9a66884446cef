/* fuzz_kana.c: libFuzzer driver for utf8_valid() and kana_normalize() */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/kana.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * Feeds the input, as bytes and as a C string, to utf8_valid(),
 * utf8_strlen(), the kana validators and kana_normalize() with output
 * buffers of several sizes. Aborts if a normalized result is not valid,
 * NUL-terminated UTF-8, differs between sizes, or a big enough buffer fails.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t	 sizes[] = { 1, 2, 3, 4, 7, 16, 64 };
	char			*in, *out, *ref;
	size_t			 i, len, outlen;
	int			 valid, rc;

	(void)utf8_valid((const char *)data, size);
	if ((in = malloc(size + 1)) == NULL)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';
	len = strlen(in);
	valid = utf8_valid(in, len);
	(void)utf8_strlen(in);
	if (kana_is_katakana_name(in) || kana_is_hiragana_or_katakana(in))
		assert(valid);

	/* With strlen + 1 bytes: must succeed exactly when the input is valid. */
	if ((ref = malloc(len + 1)) == NULL) {
		free(in);
		return 0;
	}
	rc = kana_normalize(in, ref, len + 1);
	assert(rc == (valid ? 0 : -1));
	assert(memchr(ref, '\0', len + 1) != NULL);
	assert(utf8_valid(ref, strlen(ref)));
	if (rc != 0)
		assert(ref[0] == '\0');
	else {
		/* Normalizing is idempotent. */
		if ((out = malloc(len + 1)) != NULL) {
			assert(kana_normalize(ref, out, len + 1) == 0);
			assert(strcmp(out, ref) == 0);
			free(out);
		}
	}

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		outlen = sizes[i];
		/* Exact-size heap buffers so ASan catches any overrun. */
		if ((out = malloc(outlen)) == NULL)
			break;
		rc = kana_normalize(in, out, outlen);
		assert(memchr(out, '\0', outlen) != NULL);
		assert(utf8_valid(out, strlen(out)));
		if (rc == 0)
			assert(strcmp(out, ref) == 0);
		else
			assert(out[0] == '\0' &&
			    (!valid || strlen(ref) + 1 > outlen));
		free(out);
	}
	free(ref);
	free(in);
	return 0;
}
