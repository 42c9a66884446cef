/*
 * multipart.c: multipart/form-data bodies (RFC 7578) and file types told by
 * their content, never by the name or the type the browser claims.
 */
#include <string.h>
#include <strings.h>

#include "base/kana.h"
#include "base/util.h"
#include "web/multipart.h"

#define BOUNDARY_MAX	70	/* RFC 2046 */

/* memmem (glibc's is linear-time: a 10 MiB upload is scanned once). */
static const char *
find(const char *h, size_t hl, const char *n, size_t nl)
{
	if (nl == 0 || hl < nl)
		return NULL;
	return memmem(h, hl, n, nl);
}

/*
 * Copies the boundary parameter of a multipart/form-data Content-Type into
 * out (at most BOUNDARY_MAX characters, quotes removed). 0 or -1.
 */
int
mp_boundary(const char *ctype, char *out, size_t outlen)
{
	const char	*p;
	size_t		 n = 0;

	if (ctype == NULL || strncasecmp(ctype, "multipart/form-data", 19) != 0)
		return -1;
	if ((p = strstr(ctype, "boundary=")) == NULL)
		return -1;
	p += 9;
	if (*p == '"') {
		p++;
		while (p[n] != '\0' && p[n] != '"')
			n++;
		if (p[n] != '"')
			return -1;
	} else
		while (p[n] != '\0' && p[n] != ';' && p[n] != ' ')
			n++;
	if (n == 0 || n > BOUNDARY_MAX || n + 1 > outlen)
		return -1;
	memcpy(out, p, n);
	out[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)out[i] < 0x20 || (unsigned char)out[i] > 0x7e)
			return -1;
	return 0;
}

/*
 * Copies the value of param (name= or filename=) from a Content-Disposition
 * header line h[0..hl) into out; 0, 1 when absent, -1 when malformed.
 */
static int
disp_param(const char *h, size_t hl, const char *param, char *out, size_t outlen)
{
	size_t		 pl = strlen(param), n = 0;
	const char	*p = h, *end = h + hl;

	for (;;) {
		if ((p = find(p, (size_t)(end - p), param, pl)) == NULL)
			return 1;
		/* "name=" must not match the tail of "filename=". */
		if (p == h || p[-1] == ' ' || p[-1] == ';')
			break;
		p += pl;
	}
	p += pl;
	if (p >= end || *p != '"')
		return -1;
	p++;
	while (p + n < end && p[n] != '"')
		n++;
	if (p + n >= end || n + 1 > outlen)
		return -1;
	memcpy(out, p, n);
	out[n] = '\0';
	return memchr(out, '\0', n) == NULL && utf8_valid(out, n) ? 0 : -1;
}

/* Parses one part's headers h[0..hl): its field name and file name. */
static int
part_headers(const char *h, size_t hl, char *name, size_t namelen,
    char *file, size_t filelen, int *is_file)
{
	const char	*line = h, *end = h + hl, *eol;
	int		 seen = 0, rc;

	*is_file = 0;
	while (line < end) {
		if ((eol = find(line, (size_t)(end - line), "\r\n", 2)) == NULL)
			eol = end;
		size_t ll = (size_t)(eol - line);
		if (ll > 20 && strncasecmp(line, "content-disposition:", 20) == 0) {
			if (find(line, ll, "form-data", 9) == NULL ||
			    disp_param(line, ll, "name=", name, namelen) != 0)
				return -1;
			if ((rc = disp_param(line, ll, "filename=", file,
			    filelen)) == -1)
				return -1;
			*is_file = rc == 0;
			seen = 1;
		}
		line = eol + 2;
	}
	return seen && name[0] != '\0' ? 0 : -1;
}

/*
 * Parses a multipart/form-data body of len bytes. Text parts are checked
 * like urlencoded values (UTF-8, no NUL) and appended to form; file parts
 * (those with a filename) go to files pointing into body, which must outlive
 * them. Returns REQ_OK or a REQ_E_*, with the offending field's name in bad.
 */
int
mp_parse(const char *ctype, const char *body, size_t len, struct kvlist *form,
    struct uploads *files, char *bad, size_t badlen)
{
	char		 delim[BOUNDARY_MAX + 5], name[KV_KEYMAX + 1], fname[256];
	const char	*p, *end = body + len, *hend, *next;
	size_t		 dl;
	int		 is_file, rc, nparts = 0;

	if (badlen > 0)
		bad[0] = '\0';
	files->n = 0;
	/* The delimiter is CRLF "--" boundary; the first may lack the CRLF. */
	memcpy(delim, "\r\n--", 4);
	if (mp_boundary(ctype, delim + 4, sizeof(delim) - 4) == -1)
		return REQ_E_SYNTAX;
	dl = strlen(delim);
	if (len >= dl - 2 && memcmp(body, delim + 2, dl - 2) == 0)
		p = body + dl - 2;
	else if ((p = find(body, len, delim, dl)) != NULL)
		p += dl;
	else
		return REQ_E_SYNTAX;
	for (;;) {
		/* After a delimiter: "--" ends the body, CRLF starts a part. */
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return nparts > 0 ? REQ_OK : REQ_E_SYNTAX;
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return REQ_E_SYNTAX;
		p += 2;
		if (++nparts > KV_MAX)
			return REQ_E_TOOMANY;
		if ((hend = find(p, (size_t)(end - p), "\r\n\r\n", 4)) == NULL)
			return REQ_E_SYNTAX;
		name[0] = fname[0] = '\0';
		if (part_headers(p, (size_t)(hend - p) + 2, name, sizeof(name),
		    fname, sizeof(fname), &is_file) == -1)
			return REQ_E_SYNTAX;
		str_copy(bad, name, badlen);
		p = hend + 4;
		if ((next = find(p, (size_t)(end - p), delim, dl)) == NULL)
			return REQ_E_SYNTAX;	/* truncated body */
		size_t vl = (size_t)(next - p);
		if (is_file) {
			if (files->n == MP_FILES_MAX)
				return REQ_E_TOOMANY;
			struct upload *u = &files->f[files->n++];
			str_copy(u->name, name, sizeof(u->name));
			str_copy(u->filename, fname, sizeof(u->filename));
			u->data = p;
			u->len = vl;
		} else {
			if (memchr(p, '\0', vl) != NULL)
				return REQ_E_NUL;
			if (!utf8_valid(p, vl))
				return REQ_E_UTF8;
			if ((rc = kv_push(form, name, strlen(name), p, vl)) != REQ_OK)
				return rc;
		}
		p = next + dl;
	}
}

/* The uploaded file of field name with content, or NULL. */
const struct upload *
mp_file(const struct uploads *files, const char *name)
{
	for (size_t i = 0; i < files->n; i++)
		if (strcmp(files->f[i].name, name) == 0 && files->f[i].len > 0)
			return &files->f[i];
	return NULL;
}

/* 1 when marker appears in the last window bytes of d[0..n). */
static int
ends_with_marker(const unsigned char *d, size_t n, const char *marker,
    size_t ml, size_t window)
{
	size_t	 from = n > window ? n - window : 0;

	return find((const char *)d + from, n - from, marker, ml) != NULL;
}

/*
 * What a scanned form is, by its bytes: PDF (ends with %%EOF), PNG (ends
 * with its IEND chunk), JPEG (ends with EOI). A file that starts right but
 * lacks its end was cut off in transit.
 */
enum sniff
sniff_type(const void *data, size_t n)
{
	const unsigned char	*d = data;
	static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
	    0x1a, '\n' };

	if (n >= 5 && memcmp(d, "%PDF-", 5) == 0)
		return ends_with_marker(d, n, "%%EOF", 5, 1024) ?
		    SNIFF_PDF : SNIFF_TRUNCATED;
	if (n >= 8 && memcmp(d, png, 8) == 0)
		return n >= 20 && memcmp(d + n - 8, "IEND", 4) == 0 ?
		    SNIFF_PNG : SNIFF_TRUNCATED;
	if (n >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
		return n >= 6 && d[n - 2] == 0xff && d[n - 1] == 0xd9 ?
		    SNIFF_JPEG : SNIFF_TRUNCATED;
	return SNIFF_UNKNOWN;
}

const char *
sniff_mime(enum sniff s)
{
	switch (s) {
	case SNIFF_PDF:		return "application/pdf";
	case SNIFF_PNG:		return "image/png";
	case SNIFF_JPEG:	return "image/jpeg";
	default:		return NULL;
	}
}
