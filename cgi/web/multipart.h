/* multipart.h: multipart/form-data bodies (uploads) and file type by content */
#ifndef MULTIPART_H
#define MULTIPART_H
#include <stddef.h>
#include "web/req.h"

#define MP_FILES_MAX	4

/* One uploaded file; data points into the request body (not owned). */
struct upload {
	char		 name[KV_KEYMAX + 1];
	char		 filename[256];
	const char	*data;
	size_t		 len;
};

struct uploads {
	struct upload	 f[MP_FILES_MAX];
	size_t		 n;
};

int		 mp_boundary(const char *, char *, size_t);
int		 mp_parse(const char *, const char *, size_t, struct kvlist *,
		    struct uploads *, char *, size_t);
const struct upload *mp_file(const struct uploads *, const char *);

enum sniff {
	SNIFF_UNKNOWN = 0,	/* not a type we accept */
	SNIFF_TRUNCATED,	/* starts like one, but its end is missing */
	SNIFF_PDF,
	SNIFF_PNG,
	SNIFF_JPEG
};

enum sniff	 sniff_type(const void *, size_t);
const char	*sniff_mime(enum sniff);

#endif
