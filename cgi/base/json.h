/* json.h: writing JSON text (FHIR exports) */
#ifndef JSON_H
#define JSON_H
#include "base/util.h"

void	 json_str(struct buf *, const char *);
int	 json_ids(struct buf *, const long long *, size_t);

/*
 * A JSON writer over a buf that puts the commas between values itself, so
 * that a resource built by a sequence of calls cannot come out with a stray
 * or a missing one. Keys are NULL inside arrays. Nesting deeper than
 * JW_DEPTH, or a close that does not match, sets bad (and the text is then
 * not to be used); out of memory shows as b->oom.
 */
#define JW_DEPTH	16
struct jw {
	struct buf	*b;
	int		 depth;
	char		 kind[JW_DEPTH];	/* '{' or '[' at each level */
	unsigned char	 n[JW_DEPTH];		/* a value already at each level */
	int		 bad;
};

void	 jw_init(struct jw *, struct buf *);
void	 jw_open(struct jw *, const char *, char);
void	 jw_close(struct jw *, char);
void	 jw_str(struct jw *, const char *, const char *);
void	 jw_raw(struct jw *, const char *, const char *);
void	 jw_int(struct jw *, const char *, long long);
int	 jw_done(const struct jw *);

#endif
