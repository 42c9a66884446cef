/* fuzz_ssmix2.c: libFuzzer driver for the SS-MIX2 file-name parser and the importer's pure checks */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/ssmix2.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * Feeds the input as a file name, a document folder's name, a data type,
 * a pair of IDs and a document's first bytes. Aborts if an accepted name does not rebuild to
 * the input from its parts, or a part breaks its documented bounds.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ssmix2_name	 n;
	struct ssmix2_docdir	 d;
	struct ssmix2_type	 t;
	char			*in, back[600], *b;

	(void)ssmix2_sniff(data, size);
	if ((in = malloc(size + 1)) == NULL)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';
	if (ssmix2_parse_name(in, &n) == 0) {
		snprintf(back, sizeof(back), "%s_%s_%s_%s_%s_%s_%d", n.pid, n.date,
		    n.type, n.order, n.ts, n.dept, n.flag);
		if (strcmp(back, in) != 0 || strlen(n.ts) < 14 ||
		    strlen(n.ts) > 17 ||
		    (n.flag != 0 && n.flag != 1) || strchr(n.pid, '/') != NULL)
			abort();
		(void)ssmix2_type_info(n.type, &t);
		(void)ssmix2_no_order(n.order);
	}
	/* a document folder rebuilds too, and its type is a folder name */
	if (ssmix2_parse_docdir(in, &d) == 0) {
		snprintf(back, sizeof(back), "%s_%s_%s_%s_%s_%s", d.pid, d.date,
		    d.type, d.order, d.ts, d.dept);
		if (strcmp(back, in) != 0 || !ssmix2_ext_type_ok(d.type) ||
		    !ssmix2_ts_ok(d.ts) || strchr(d.pid, '/') != NULL)
			abort();
	}
	(void)ssmix2_ext_type_ok(in);
	(void)ssmix2_ts_ok(in);
	(void)ssmix2_type_info(in, &t);
	(void)ssmix2_id_ok(in);
	(void)ssmix2_date_ok(in);
	/* "a|b|c": two IDs and a folder pair */
	if ((b = strchr(in, '|')) != NULL) {
		*b++ = '\0';
		(void)ssmix2_pid_match(in, b);
		char *c = strchr(b, '|');
		if (c != NULL) {
			*c++ = '\0';
			(void)ssmix2_folder_ok(in, b, c);
		}
	}
	free(in);
	return 0;
}
