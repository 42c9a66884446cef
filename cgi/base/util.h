/* util.h: bounded strings and a growable byte buffer */
#ifndef UTIL_H
#define UTIL_H
#include <stddef.h>
#include <stdarg.h>

/* The number of elements of an array (not of a pointer). */
#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

/* A growable buffer; the owner calls buf_free. data is always NUL-terminated. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
	int	 oom;	/* an allocation failed; further appends are dropped */
};

void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
void	 buf_reset(struct buf *);
int	 buf_add(struct buf *, const void *, size_t);
int	 buf_puts(struct buf *, const char *);
int	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
char	*buf_steal(struct buf *);

/* str_copy: strlcpy semantics; returns 0, or -1 when truncated. */
int	 str_copy(char *, const char *, size_t);
/* str_fmt: snprintf that returns 0, or -1 when truncated or failed. */
int	 str_fmt(char *, size_t, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
/* str_dup: strdup that never returns NULL for a NULL argument ("" instead). */
char	*str_dup(const char *);
int	 str_eq(const char *, const char *);
/* 1 when s is one of list (NULL-terminated); a NULL s is none. */
int	 str_one_of(const char *, const char *const *);
int	 str_prefix(const char *, const char *);
/* parse a decimal integer in [min, max]; the whole string must be digits. */
int	 str_to_ll(const char *, long long, long long, long long *);
int	 hex_value(int);
int	 dn_unescape(const char *, char *, size_t);
int	 dn_attr(const char *, const char *, char *, size_t);
/* Dates: days since 1970 of YYYY-MM-DD (-1 if not one); 2026年12月7日（月）. */
long	 date_days(const char *);
int	 date_ja(char *, size_t, long);
/* 昭和25年1月1日 (元年 for an era's first year); whole years of age. */
int	 date_wareki(char *, size_t, long);
int	 age_years(long, long);
/* "YYYY-MM-DD[ TIME]" (Japan time) as 2026年12月7日（月）[ TIME]. */
int	 datetime_ja(char *, size_t, const char *);

#endif
