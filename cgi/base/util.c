/* util.c: bounded strings and a growable byte buffer */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/util.h"

void
buf_init(struct buf *b)
{
	memset(b, 0, sizeof(*b));
}

void
buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

/* Keeps the allocation for reuse by the next request. */
void
buf_reset(struct buf *b)
{
	b->len = 0;
	b->oom = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

static int
buf_grow(struct buf *b, size_t need)
{
	size_t	 cap;
	char	*p;

	if (b->oom)
		return -1;
	if (need < b->cap)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap <= need) {
		if (cap > SIZE_MAX / 2) {
			b->oom = 1;
			return -1;
		}
		cap *= 2;
	}
	if ((p = realloc(b->data, cap)) == NULL) {
		b->oom = 1;
		return -1;
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

int
buf_add(struct buf *b, const void *p, size_t n)
{
	if (n > SIZE_MAX - b->len - 1 || buf_grow(b, b->len + n + 1) == -1)
		return -1;
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int
buf_puts(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || buf_grow(b, b->len + (size_t)n + 1) == -1)
		return -1;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

/* Returns the buffer's malloc'd data (the caller frees) and empties b. */
char *
buf_steal(struct buf *b)
{
	char	*p;

	if (b->data == NULL && buf_add(b, "", 0) == -1)
		return NULL;
	p = b->data;
	buf_init(b);
	return p;
}

int
str_copy(char *dst, const char *src, size_t size)
{
	size_t	 n;

	if (size == 0)
		return -1;
	n = strlen(src);
	if (n >= size) {
		memcpy(dst, src, size - 1);
		dst[size - 1] = '\0';
		return -1;
	}
	memcpy(dst, src, n + 1);
	return 0;
}

int
str_fmt(char *dst, size_t size, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(dst, size, fmt, ap);
	va_end(ap);
	return (n < 0 || (size_t)n >= size) ? -1 : 0;
}

char *
str_dup(const char *s)
{
	return strdup(s != NULL ? s : "");
}

int
str_eq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

int
str_one_of(const char *s, const char *const *list)
{
	for (size_t i = 0; s != NULL && list[i] != NULL; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

int
str_prefix(const char *s, const char *prefix)
{
	return s != NULL && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The value of a hex digit (either case), or -1. */
int
hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
str_to_ll(const char *s, long long min, long long max, long long *out)
{
	char		*end;
	long long	 v;

	if (s == NULL || *s == '\0')
		return -1;
	if (!(*s == '-' || (*s >= '0' && *s <= '9')))
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/*
 * Undoes RFC 2253 escaping as nginx prints a DN ("OU=\E7\9C\8C" and "\,"),
 * so a Japanese facility name reads as text. Returns 0, or -1 when out is
 * too small or an escape is malformed; the caller checks the result is
 * UTF-8 before showing it.
 */
int
dn_unescape(const char *in, char *out, size_t outlen)
{
	size_t	 o = 0;
	int	 h, l;

	if (outlen == 0)
		return -1;
	for (; *in != '\0'; in++) {
		if (o + 1 >= outlen) {
			out[o] = '\0';
			return -1;
		}
		if (*in != '\\') {
			out[o++] = *in;
			continue;
		}
		if (in[1] == '\0')
			break;
		if ((h = hex_value((unsigned char)in[1])) >= 0 &&
		    (l = hex_value((unsigned char)in[2])) >= 0) {
			out[o++] = (char)(h << 4 | l);
			in += 2;
		} else
			out[o++] = *++in;
	}
	out[o] = '\0';
	return (in[0] == '\\') ? -1 : 0;
}

/* The value of attribute attr ("CN") in an RFC 2253 DN, unescaped, or -1. */
int
dn_attr(const char *dn, const char *attr, char *out, size_t outlen)
{
	const char	*p = dn, *e;
	size_t		 n = strlen(attr);
	char		 raw[512];

	while (p != NULL && *p != '\0') {
		/* Find the end of this RDN: a ',' not escaped. */
		for (e = p; *e != '\0' && *e != ','; e++)
			if (*e == '\\' && e[1] != '\0')
				e++;
		if ((size_t)(e - p) > n && strncmp(p, attr, n) == 0 && p[n] == '=') {
			size_t vl = (size_t)(e - p) - n - 1;
			if (vl >= sizeof(raw))
				return -1;
			memcpy(raw, p + n + 1, vl);
			raw[vl] = '\0';
			return dn_unescape(raw, out, outlen);
		}
		p = *e ? e + 1 : NULL;
	}
	return -1;
}

/*
 * Days since 1970-01-01 of a valid YYYY-MM-DD (see valid_date), or -1.
 * The same count as MariaDB's DATEDIFF(d, '1970-01-01').
 */
long
date_days(const char *ymd)
{
	struct tm	 tm;

	memset(&tm, 0, sizeof(tm));
	if (ymd == NULL || strlen(ymd) != 10 || sscanf(ymd, "%4d-%2d-%2d",
	    &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 12;
	/* Exact for days before 1970 too (a birth date): no rounding to zero. */
	return (long)((timegm(&tm) - 43200) / 86400);
}

/* Day days (since 1970) as 2026年12月7日（月）; 0, or -1 when out is short. */
int
date_ja(char *out, size_t len, long days)
{
	static const char *const wd[] = { "日", "月", "火", "水", "木", "金",
	    "土" };
	time_t		 t = (time_t)days * 86400;
	struct tm	 tm;

	out[0] = '\0';
	if (gmtime_r(&t, &tm) == NULL)
		return -1;
	return str_fmt(out, len, "%d年%d月%d日（%s）", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, wd[tm.tm_wday]);
}

/*
 * The eras a birth date can fall in, each from its first day (days since
 * 1970, the Gregorian dates the government gives for each change).
 */
static const struct {
	const char	*name;
	int		 y, m, d;	/* first day */
	int		 base;		/* the Gregorian year of its 元年 */
} eras[] = {
	{ "令和", 2019, 5, 1, 2019 },
	{ "平成", 1989, 1, 8, 1989 },
	{ "昭和", 1926, 12, 25, 1926 },
	{ "大正", 1912, 7, 30, 1912 },
	{ "明治", 1873, 1, 1, 1868 },	/* from the solar calendar's first day */
};

/*
 * Day days (since 1970) in the Japanese calendar, 昭和25年1月1日, the
 * first year of an era written 元年 as on every form; 0, or -1 when out
 * is short or the day precedes 明治6年 (before the solar calendar).
 */
int
date_wareki(char *out, size_t len, long days)
{
	time_t		 t = (time_t)days * 86400;
	struct tm	 tm;

	out[0] = '\0';
	if (gmtime_r(&t, &tm) == NULL)
		return -1;
	int y = tm.tm_year + 1900, md = (tm.tm_mon + 1) * 100 + tm.tm_mday;
	for (size_t i = 0; i < sizeof(eras) / sizeof(eras[0]); i++) {
		if (y < eras[i].y || (y == eras[i].y &&
		    md < eras[i].m * 100 + eras[i].d))
			continue;
		int ey = y - eras[i].base + 1;
		if (ey == 1)
			return str_fmt(out, len, "%s元年%d月%d日", eras[i].name,
			    tm.tm_mon + 1, tm.tm_mday);
		return str_fmt(out, len, "%s%d年%d月%d日", eras[i].name, ey,
		    tm.tm_mon + 1, tm.tm_mday);
	}
	return -1;
}

/*
 * Whole years from the day born to the day on (both days since 1970),
 * the birthday itself counting (a 2月29日 birthday counts from 3月1日 in
 * other years); -1 when on precedes born.
 */
int
age_years(long born, long on)
{
	time_t		 tb = (time_t)born * 86400, to = (time_t)on * 86400;
	struct tm	 b, o;

	if (on < born || gmtime_r(&tb, &b) == NULL || gmtime_r(&to, &o) == NULL)
		return -1;
	int age = o.tm_year - b.tm_year;
	if (o.tm_mon < b.tm_mon || (o.tm_mon == b.tm_mon && o.tm_mday < b.tm_mday))
		age--;
	return age;
}

/* 1 when s is a real day written YYYY-MM-DD (no 2月30日). */
static int
valid_ymd(const char *s)
{
	time_t		 t;
	struct tm	 tm;
	long		 days;

	for (int i = 0; i < 10; i++)
		if ((i == 4 || i == 7) ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			return 0;
	if ((days = date_days(s)) == -1)
		return 0;
	t = (time_t)days * 86400;
	if (gmtime_r(&t, &tm) == NULL)
		return 0;
	return tm.tm_year + 1900 == atoi(s) && tm.tm_mon + 1 == atoi(s + 5) &&
	    tm.tm_mday == atoi(s + 8);
}

/*
 * "YYYY-MM-DD", or that and a time after a space (a time already in Japan
 * time, as the pages and MariaDB's DATE_FORMAT write it, or as a source
 * gave it: "15:00", "15:00:00.321", "15時"), in the one style of every
 * page: 2026年12月7日（月） and 2026年12月7日（月） 15:00 (the time kept
 * as it came). 0, or -1 (out "") when s starts with no date, has anything
 * but a time after it, or out is short.
 */
int
datetime_ja(char *out, size_t len, const char *s)
{
	char		 d[11];
	long		 days;
	size_t		 n, l;

	out[0] = '\0';
	if (s == NULL || (n = strlen(s)) < 10 || n > 40)
		return -1;
	memcpy(d, s, 10);
	d[10] = '\0';
	if (!valid_ymd(d) || (days = date_days(d)) == -1)
		return -1;
	if (n == 10)
		return date_ja(out, len, days);
	/* A time: digits first, then digits, ':', '.' or a unit (時). */
	if (s[10] != ' ' || !isdigit((unsigned char)s[11]))
		return -1;
	for (const char *p = s + 11; *p; p++)
		if (!isdigit((unsigned char)*p) && *p != ':' && *p != '.' &&
		    (unsigned char)*p < 0x80)
			return -1;
	if (date_ja(out, len, days) == -1)
		return -1;
	l = strlen(out);
	if (str_copy(out + l, s + 10, len - l) == -1) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}
