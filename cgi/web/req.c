/* req.c: parsing of query strings, form bodies and cookies; field validation */
#include <stdlib.h>
#include <string.h>

#include "base/kana.h"
#include "base/util.h"
#include "web/req.h"

/* Appends a copy of key k and value v; REQ_OK or an error. */
int
kv_push(struct kvlist *l, const char *k, size_t klen, const char *v, size_t vlen)
{
	struct kv	*p;

	if (l->n >= KV_MAX)
		return REQ_E_TOOMANY;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		if ((p = reallocarray(l->v, cap, sizeof(*p))) == NULL)
			return REQ_E_NOMEM;
		l->v = p;
		l->cap = cap;
	}
	p = &l->v[l->n];
	p->key = strndup(k, klen);
	p->val = strndup(v, vlen);
	if (p->key == NULL || p->val == NULL) {
		free(p->key);
		free(p->val);
		return REQ_E_NOMEM;
	}
	p->vlen = vlen;
	l->n++;
	return REQ_OK;
}

/*
 * Decodes one %-encoded, '+'-for-space component of s[0..n) into dst, which
 * has room for n + 1 bytes. Returns the decoded length or -1 on a bad escape.
 */
static long
urldecode(char *dst, const char *s, size_t n)
{
	size_t	 i, o = 0;
	int	 h, l;

	for (i = 0; i < n; i++) {
		if (s[i] == '+')
			dst[o++] = ' ';
		else if (s[i] == '%') {
			if (i + 2 >= n)
				return -1;
			if ((h = hex_value((unsigned char)s[i + 1])) < 0 ||
			    (l = hex_value((unsigned char)s[i + 2])) < 0)
				return -1;
			dst[o++] = (char)(h << 4 | l);
			i += 2;
		} else
			dst[o++] = s[i];
	}
	dst[o] = '\0';
	return (long)o;
}

/*
 * Parses an application/x-www-form-urlencoded string (a query string or a
 * body) of len bytes and appends the pairs to l. Keys and values must decode
 * to UTF-8 without NUL. On error returns a REQ_E_* and copies the offending
 * field's name (possibly truncated, always valid to show) into bad.
 */
int
kv_parse_urlencoded(struct kvlist *l, const char *s, size_t len, char *bad,
    size_t badlen)
{
	const char	*p = s, *end = s + len, *amp, *eq;
	char		*k = NULL, *v = NULL;
	long		 kl, vl;
	int		 rc = REQ_OK;

	if (badlen > 0)
		bad[0] = '\0';
	while (p < end) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		if (amp == p) {			/* "a=1&&b=2": tolerate */
			p++;
			continue;
		}
		if ((eq = memchr(p, '=', (size_t)(amp - p))) == NULL)
			eq = amp;
		if ((k = malloc((size_t)(eq - p) + 1)) == NULL ||
		    (v = malloc((size_t)(amp - eq) + 1)) == NULL) {
			rc = REQ_E_NOMEM;
			goto out;
		}
		kl = urldecode(k, p, (size_t)(eq - p));
		vl = eq < amp ? urldecode(v, eq + 1, (size_t)(amp - eq - 1)) : 0;
		if (eq == amp)
			v[0] = '\0';
		if (kl <= 0 || vl < 0) {
			rc = REQ_E_SYNTAX;
			if (kl > 0 && utf8_valid(k, (size_t)kl))
				str_copy(bad, k, badlen);
			goto out;
		}
		if ((size_t)kl > KV_KEYMAX || !utf8_valid(k, (size_t)kl)) {
			rc = (size_t)kl > KV_KEYMAX ? REQ_E_TOOLONG : REQ_E_UTF8;
			goto out;
		}
		str_copy(bad, k, badlen);
		if (memchr(v, '\0', (size_t)vl) != NULL) {
			rc = REQ_E_NUL;
			goto out;
		}
		if (!utf8_valid(v, (size_t)vl)) {
			rc = REQ_E_UTF8;
			goto out;
		}
		if ((rc = kv_push(l, k, (size_t)kl, v, (size_t)vl)) != REQ_OK)
			goto out;
		free(k);
		free(v);
		k = v = NULL;
		p = amp < end ? amp + 1 : end;
	}
	if (badlen > 0)
		bad[0] = '\0';
out:
	free(k);
	free(v);
	return rc;
}

static int
is_cookie_octet(int c)
{
	return c == 0x21 || (c >= 0x23 && c <= 0x2b) || (c >= 0x2d && c <= 0x3a) ||
	    (c >= 0x3c && c <= 0x5b) || (c >= 0x5d && c <= 0x7e);
}

static int
is_cookie_space(int c)
{
	return c == ' ' || c == '\t';
}

/* The name of own (a NULL-terminated list) that n[0..nl) is, or NULL. */
static const char *
own_name(const char *n, size_t nl, const char *const *own)
{
	for (; own != NULL && *own != NULL; own++)
		if (strlen(*own) == nl && memcmp(*own, n, nl) == 0)
			return *own;
	return NULL;
}

/*
 * Checks one value of our own cookie, v[0..vl) with the spaces around it
 * trimmed: cookie-octets, optionally double-quoted (RFC 6265 4.1.1).
 * Sets *val and *len to the value without its quotes; REQ_OK or
 * REQ_E_SYNTAX.
 */
static int
own_value(const char *v, size_t vl, const char **val, size_t *len)
{
	if (vl >= 2 && v[0] == '"' && v[vl - 1] == '"') {
		v++;
		vl -= 2;
	}
	for (size_t i = 0; i < vl; i++)
		if (!is_cookie_octet((unsigned char)v[i]))
			return REQ_E_SYNTAX;
	*val = v;
	*len = vl;
	return REQ_OK;
}

/*
 * Parses a Cookie header into l, keeping only the cookies named in own (a
 * NULL-terminated list: the network's own, __Host- cookies it set itself).
 * The browser sends every cookie of the host, some set by things the
 * network does not control (another application on the name, an extension,
 * a proxy): their syntax is theirs, so they are skipped whatever they hold,
 * as browsers split them (at ';', spaces trimmed). Only our own are
 * checked: a malformed one, or one sent twice (which a __Host- cookie
 * never is), is REQ_E_SYNTAX, and l then holds what was kept before.
 */
int
kv_parse_cookies(struct kvlist *l, const char *h, const char *const *own)
{
	const char	*p = h, *end, *eq, *n0, *n1, *v0, *v1, *name, *val;
	size_t		 vl;
	int		 rc;

	if (h == NULL)
		return REQ_OK;
	for (; *p != '\0'; p = *end == ';' ? end + 1 : end) {
		if ((end = strchr(p, ';')) == NULL)
			end = p + strlen(p);
		if ((eq = memchr(p, '=', (size_t)(end - p))) == NULL)
			continue;	/* no name: not ours */
		for (n0 = p; n0 < eq && is_cookie_space((unsigned char)*n0); n0++)
			;
		for (n1 = eq; n1 > n0 && is_cookie_space((unsigned char)n1[-1]); n1--)
			;
		if ((name = own_name(n0, (size_t)(n1 - n0), own)) == NULL)
			continue;
		for (v0 = eq + 1; v0 < end && is_cookie_space((unsigned char)*v0); v0++)
			;
		for (v1 = end; v1 > v0 && is_cookie_space((unsigned char)v1[-1]); v1--)
			;
		if (own_value(v0, (size_t)(v1 - v0), &val, &vl) != REQ_OK ||
		    kv_get(l, name) != NULL)
			return REQ_E_SYNTAX;
		if ((rc = kv_push(l, name, strlen(name), val, vl)) != REQ_OK)
			return rc;
	}
	return REQ_OK;
}

const char *
kv_get(const struct kvlist *l, const char *key)
{
	return kv_nth(l, key, 0);
}

size_t
kv_count(const struct kvlist *l, const char *key)
{
	size_t	 i, n = 0;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			n++;
	return n;
}

/* The value of the nth (from 0) pair named key, or NULL. */
const char *
kv_nth(const struct kvlist *l, const char *key, size_t nth)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0 && nth-- == 0)
			return l->v[i].val;
	return NULL;
}

void
kv_free(struct kvlist *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].key);
		free(l->v[i].val);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int
all_chars(const char *s, const char *set)
{
	for (; *s != '\0'; s++)
		if (strchr(set, *s) == NULL)
			return 0;
	return 1;
}

/* 1 when s is a real calendar date YYYY-MM-DD between 1900 and 2199. */
int
valid_date(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	 y, m, d, leap;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return !(m == 2 && d == 29 && !leap);
}

static int
value_ok(const struct field *f, const char *v)
{
	const unsigned char	*p;
	long long		 n;

	if (utf8_strlen(v) > f->maxlen)
		return REQ_E_TOOLONG;
	for (p = (const unsigned char *)v; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f) {
			if (f->type == FT_LINES &&
			    (*p == '\r' || *p == '\n' || *p == '\t'))
				continue;
			return REQ_E_NUL;
		}
	if (*v == '\0')
		return REQ_OK;		/* required-ness is the handler's */
	switch (f->type) {
	case FT_INT:
		return str_to_ll(v, -999999999999LL, 999999999999LL, &n) == 0 ?
		    REQ_OK : REQ_E_TYPE;
	case FT_TOKEN:
		return all_chars(v, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") ? REQ_OK : REQ_E_TYPE;
	case FT_HEX:
		return all_chars(v, "0123456789abcdefABCDEF") ? REQ_OK : REQ_E_TYPE;
	case FT_DATE:
		return valid_date(v) ? REQ_OK : REQ_E_TYPE;
	case FT_DATETIME:
		if (strlen(v) != 16 || v[10] != 'T' || v[13] != ':')
			return REQ_E_TYPE;
		{
			char d[11];
			memcpy(d, v, 10);
			d[10] = '\0';
			if (!valid_date(d) || !all_chars(v + 11, "0123456789:") ||
			    atoi(v + 11) > 23 || atoi(v + 14) > 59)
				return REQ_E_TYPE;
		}
		return REQ_OK;
	default:
		return REQ_OK;
	}
}

/* The field called name among fields (NULL-name terminated; NULL: none), or NULL. */
const struct field *
field_find(const struct field *fields, const char *name)
{
	for (const struct field *f = fields; f != NULL && f->name != NULL; f++)
		if (name != NULL && strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

/*
 * Checks every parameter in l against the route's fields (terminated by a
 * NULL name; NULL fields accepts none). Returns REQ_OK or a REQ_E_* with
 * *bad set to the offending parameter's name (owned by l).
 */
int
field_check(const struct field *fields, const struct kvlist *l,
    const char **bad)
{
	const struct field	*f;
	size_t			 i;
	int			 rc;

	for (i = 0; i < l->n; i++) {
		*bad = l->v[i].key;
		if ((f = field_find(fields, l->v[i].key)) == NULL)
			return REQ_E_UNKNOWN;
		if ((rc = value_ok(f, l->v[i].val)) != REQ_OK)
			return rc;
	}
	*bad = NULL;
	return REQ_OK;
}

/* The language-file key that explains a REQ_E_* to the user. */
const char *
req_err_key(int e)
{
	switch (e) {
	case REQ_E_SYNTAX:	return "syntax";
	case REQ_E_UTF8:	return "utf8";
	case REQ_E_NUL:		return "control";
	case REQ_E_TOOLONG:	return "toolong";
	case REQ_E_TOOMANY:	return "toomany";
	case REQ_E_UNKNOWN:	return "unknown";
	case REQ_E_TYPE:	return "type";
	default:		return "syntax";
	}
}
