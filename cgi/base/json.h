/* json.h: writing JSON text (FHIR exports) */
#ifndef JSON_H
#define JSON_H
#include "base/util.h"

void	 json_str(struct buf *, const char *);
int	 json_ids(struct buf *, const long long *, size_t);

#endif
