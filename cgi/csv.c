/*
 * csv.c: CSV exports that spreadsheets open as they should: UTF-8 with a
 * BOM (Excel reads Japanese only then), CRLF, every cell quoted, and a
 * cell that a spreadsheet would run as a formula defused. Every dynamic
 * response is already no-store (http.c).
 */
#include <string.h>

#include "app.h"
#include "csv.h"
#include "util.h"

/* Resets b and writes the BOM. */
void
csv_begin(struct buf *b)
{
	buf_reset(b);
	buf_puts(b, "\xef\xbb\xbf");
}

/* One CSV cell, quoted; a leading = + - @ TAB CR is defused for spreadsheets. */
void
csv_cell(struct buf *b, const char *s, int last)
{
	buf_puts(b, "\"");
	if (s != NULL && (*s == '=' || *s == '+' || *s == '-' || *s == '@' ||
	    *s == '\t' || *s == '\r'))
		buf_puts(b, "'");
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '"')
			buf_puts(b, "\"\"");	/* "" escapes a quote */
		else
			buf_add(b, s, 1);
	}
	buf_puts(b, last ? "\"\r\n" : "\",");
}

/*
 * Makes the response body (r->body_out) a download named filename (ASCII,
 * from code). Returns 0, or -1 when the body ran out of memory: the caller
 * answers an error page instead.
 */
int
csv_finish(struct req *r, const char *filename)
{
	char	 cd[160];

	if (r->body_out.oom || strpbrk(filename, "\"\\\r\n") != NULL ||
	    str_fmt(cd, sizeof(cd), "attachment; filename=\"%s\"", filename) == -1)
		return -1;
	r->status = 200;
	r->ctype = "text/csv; charset=utf-8";
	http_header(r, "Content-Disposition", cd);
	return 0;
}
