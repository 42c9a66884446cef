/* sources.c: where a facility's SS-MIX2 storage is read from, checked before it is saved (issue 20) */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"
#include "import/sources.h"

/* 1 when path has a component "." or ".." (the path must say where it is). */
static int
has_dots(const char *path)
{
	const char	*p = path, *e;

	while (*p != '\0') {
		while (*p == '/')
			p++;
		e = p + strcspn(p, "/");
		if ((e - p == 1 && p[0] == '.') ||
		    (e - p == 2 && p[0] == '.' && p[1] == '.'))
			return 1;
		p = e;
	}
	return 0;
}

/* 1 when the resolved path a lies at or under the resolved directory dir. */
static int
under(const char *a, const char *dir)
{
	size_t	 n = strlen(dir);

	if (n > 0 && dir[n - 1] == '/')
		n--;
	return strncmp(a, dir, n) == 0 && (a[n] == '\0' || a[n] == '/');
}

const char *
sources_dir_check(const char *path, const char *var_dir)
{
	char		 real[PATH_MAX], var[PATH_MAX];
	struct stat	 st;

	if (path == NULL || path[0] != '/')
		return "absolute";
	if (strlen(path) >= 500)
		return "toolong";
	if (has_dots(path))
		return "dots";
	if (stat(path, &st) == -1)
		return "missing";
	if (!S_ISDIR(st.st_mode))
		return "notdir";
	if (access(path, R_OK | X_OK) == -1)
		return "unreadable";
	/* A link may lead into var/: compare where both really are. */
	if (realpath(path, real) == NULL)
		return "missing";
	if (var_dir != NULL && *var_dir != '\0' && realpath(var_dir, var) != NULL &&
	    under(real, var))
		return "in_var";
	return NULL;
}
