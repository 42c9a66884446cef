/* sources.h: where a facility's SS-MIX2 storage is read from, checked before it is saved (issue 20) */
#ifndef SOURCES_H
#define SOURCES_H
#include <stddef.h>

/*
 * Checks a storage folder the office typed: absolute, no "." or ".."
 * component, an existing directory the importer may read and list, and not
 * inside var (the instance's own files: its database, its keys). Returns
 * NULL when it is acceptable, or the reason as a word
 * (L.sources.err_<word>): "absolute", "dots", "missing", "notdir",
 * "unreadable", "in_var", "toolong".
 */
const char	*sources_dir_check(const char *, const char *);

#endif
