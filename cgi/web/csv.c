/* csv.c: spreadsheet exports (UTF-8 with a BOM, formula-neutralised cells) */
#include <time.h>

#include "base/config.h"
#include "base/util.h"
#include "web/app.h"
#include "web/csv.h"

/* Starts an export in b: the BOM, so that spreadsheets read Japanese. */
void
csv_begin(struct buf *b)
{
	buf_reset(b);
	buf_puts(b, "\xef\xbb\xbf");
}

/*
 * One cell, quoted; last ends the row. A leading = + - @ TAB or CR would
 * make a spreadsheet run the cell as a formula: a quote defuses it.
 */
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
 * Ends an export built in r->body_out: a download named <stem>-<Japan
 * date>.csv (no-store like every dynamic response). Returns 0, or -1 when
 * memory ran out (the caller answers 503).
 */
int
csv_finish(struct req *r, const char *stem)
{
	time_t		 t = now() + 9 * 3600;
	struct tm	 tm;
	char		 day[11] = "", cd[96];

	if (r->body_out.oom)
		return -1;
	if (gmtime_r(&t, &tm) != NULL)
		strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	if (str_fmt(cd, sizeof(cd), "attachment; filename=\"%s-%s.csv\"",
	    stem, day) == -1)
		return -1;
	r->status = 200;
	r->ctype = "text/csv; charset=utf-8";
	http_header(r, "Content-Disposition", cd);
	return 0;
}
