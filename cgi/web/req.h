/* req.h: parsing of query strings, form bodies and cookies; field validation */
#ifndef REQ_H
#define REQ_H
#include <stddef.h>

#define KV_MAX		512	/* parameters or cookies in one request */
#define KV_KEYMAX	64	/* bytes in a parameter name */

struct kv {
	char	*key;
	char	*val;		/* NUL-terminated; never contains NUL */
	size_t	 vlen;
};

/* A list of decoded pairs; the owner calls kv_free. */
struct kvlist {
	struct kv	*v;
	size_t		 n;
	size_t		 cap;
};

enum req_err {
	REQ_OK = 0,
	REQ_E_SYNTAX,		/* bad %-escape or malformed pair */
	REQ_E_UTF8,		/* not UTF-8 */
	REQ_E_NUL,		/* NUL byte or control character */
	REQ_E_TOOLONG,		/* over the field's length */
	REQ_E_TOOMANY,		/* over KV_MAX pairs */
	REQ_E_UNKNOWN,		/* not a field of this route */
	REQ_E_TYPE,		/* not of the field's type */
	REQ_E_NOMEM
};

int		 kv_parse_urlencoded(struct kvlist *, const char *, size_t,
		    char *, size_t);
int		 kv_parse_cookies(struct kvlist *, const char *,
		    const char *const *);
int		 kv_push(struct kvlist *, const char *, size_t, const char *,
		    size_t);
const char	*kv_get(const struct kvlist *, const char *);
size_t		 kv_count(const struct kvlist *, const char *);
const char	*kv_nth(const struct kvlist *, const char *, size_t);
void		 kv_free(struct kvlist *);

enum ftype {
	FT_TEXT,	/* one line of text: no control characters */
	FT_LINES,	/* text that may hold CR, LF and TAB */
	FT_INT,		/* a decimal integer */
	FT_TOKEN,	/* [A-Za-z0-9_.-]: logins, codes, handles */
	FT_DATE,	/* YYYY-MM-DD */
	FT_DATETIME,	/* YYYY-MM-DDTHH:MM (HTML datetime-local) */
	FT_HEX		/* lowercase or uppercase hex digits */
};

/* One accepted parameter of a route: its name, type and length in characters. */
struct field {
	const char	*name;
	enum ftype	 type;
	size_t		 maxlen;
};

const struct field *field_find(const struct field *, const char *);
int		 field_check(const struct field *, const struct kvlist *,
		    const char **);
int		 valid_date(const char *);
const char	*req_err_key(int);

#endif
