/* json.c: writing JSON text (FHIR exports) */
#include <string.h>

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

void
jw_init(struct jw *w, struct buf *b)
{
	memset(w, 0, sizeof(*w));
	w->b = b;
}

/* The comma before a value, then "key": when the level is an object. */
static void
jw_key(struct jw *w, const char *key)
{
	if (w->depth > 0) {
		if (w->n[w->depth - 1])
			buf_puts(w->b, ",");
		w->n[w->depth - 1] = 1;
	}
	if ((key != NULL) != (w->depth > 0 && w->kind[w->depth - 1] == '{'))
		w->bad = 1;
	if (key != NULL) {
		json_str(w->b, key);
		buf_puts(w->b, ":");
	}
}

/* Opens an object ('{') or an array ('[') as the value of key. */
void
jw_open(struct jw *w, const char *key, char brace)
{
	if (w->depth == JW_DEPTH || (brace != '{' && brace != '[')) {
		w->bad = 1;
		return;
	}
	jw_key(w, key);
	buf_add(w->b, &brace, 1);
	w->kind[w->depth] = brace;
	w->n[w->depth++] = 0;
}

/* Closes the innermost object ('}') or array (']'), which it must be. */
void
jw_close(struct jw *w, char brace)
{
	char	 open = brace == '}' ? '{' : brace == ']' ? '[' : 0;

	if (w->depth == 0 || w->kind[w->depth - 1] != open) {
		w->bad = 1;
		return;
	}
	w->depth--;
	buf_puts(w->b, open == '{' ? "}" : "]");
}

/*
 * "key":"s", escaped; nothing at all when s is NULL, empty or only white
 * space (FHIR, the writer's reader, has no empty strings).
 */
void
jw_str(struct jw *w, const char *key, const char *s)
{
	if (s == NULL || s[strspn(s, " \t\r\n")] == '\0')
		return;
	jw_key(w, key);
	json_str(w->b, s);
}

/* "key":raw, raw being a number or true/false the caller checked. */
void
jw_raw(struct jw *w, const char *key, const char *raw)
{
	if (raw == NULL || *raw == '\0')
		return;
	jw_key(w, key);
	buf_puts(w->b, raw);
}

void
jw_int(struct jw *w, const char *key, long long v)
{
	jw_key(w, key);
	buf_printf(w->b, "%lld", v);
}

/* 0 when the text is whole: balanced, in memory, nothing misused. */
int
jw_done(const struct jw *w)
{
	return w->bad || w->depth != 0 || w->b->oom ? -1 : 0;
}
