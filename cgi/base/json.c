/* json.c: writing JSON text (FHIR exports) */
#include "base/json.h"

/* Appends s as a JSON string (quoted, escaped; NULL as ""). s is UTF-8. */
void
json_str(struct buf *b, const char *s)
{
	buf_puts(b, "\"");
	for (; s != NULL && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			buf_printf(b, "\\%c", c);
		else if (c == '\n')
			buf_puts(b, "\\n");
		else if (c == '\r')
			buf_puts(b, "\\r");
		else if (c == '\t')
			buf_puts(b, "\\t");
		else if (c < 0x20 || c == 0x7f)
			buf_printf(b, "\\u%04x", c);
		else if (c == '<')	/* never "</script>" in a page */
			buf_puts(b, "\\u003c");
		else
			buf_add(b, s, 1);
	}
	buf_puts(b, "\"");
}

/* ids as a JSON array of numbers ("[1,5,9]"), for JSON_TABLE; 0 or -1. */
int
json_ids(struct buf *b, const long long *ids, size_t n)
{
	if (buf_puts(b, "[") == -1)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (buf_printf(b, "%s%lld", i ? "," : "", ids[i]) == -1)
			return -1;
	return buf_puts(b, "]");
}
