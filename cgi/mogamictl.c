/* mogamictl.c: the admin tool: database migrations and, later, CA, users, import */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include <ClearSilver.h>	/* only for ne_load_file: reading a whole file */

#include "config.h"
#include "db.h"
#include "render.h"
#include "util.h"

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* NNNN_name.sql: returns NNNN or -1. */
static long long
migration_version(const char *name)
{
	long long	 v;
	char		 num[8];
	size_t		 n = strspn(name, "0123456789");

	if (n != 4 || name[4] != '_' || strlen(name) < 9 ||
	    strcmp(name + strlen(name) - 4, ".sql") != 0)
		return -1;
	memcpy(num, name, 4);
	num[4] = '\0';
	return str_to_ll(num, 1, 9999, &v) == 0 ? v : -1;
}

static const char bootstrap[] =
	"CREATE TABLE IF NOT EXISTS schema_migration (\n"
	"  version INT NOT NULL PRIMARY KEY,\n"
	"  name VARCHAR(200) NOT NULL,\n"
	"  applied_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6)\n"
	") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;\n";

/*
 * Applies every db/migrations/NNNN_*.sql not yet recorded, in order.
 * Re-running is a no-op. Returns 0 or 1.
 */
static int
cmd_migrate(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	char		**names = NULL, path[1024], err[512], vs[16];
	size_t		 n = 0, i, applied = 0;
	int		 rc = 1;

	if (db_run_script(bootstrap, err, sizeof(err)) == -1) {
		fprintf(stderr, "migrate: %s\n", err);
		return 1;
	}
	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "migrate: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	while ((de = readdir(d)) != NULL) {
		if (migration_version(de->d_name) < 0)
			continue;
		char **p = reallocarray(names, n + 1, sizeof(*names));
		if (p == NULL)
			goto out;
		names = p;
		if ((names[n] = strdup(de->d_name)) == NULL)
			goto out;
		n++;
	}
	qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		long long v = migration_version(names[i]);
		struct dbres *res;
		char *sql = NULL;

		snprintf(vs, sizeof(vs), "%lld", v);
		if ((res = db_query(STMT_MIGRATION_APPLIED, "i", v)) == NULL) {
			fprintf(stderr, "migrate: cannot read schema_migration\n");
			goto out;
		}
		size_t done = res->nrows;
		dbres_free(res);
		if (done)
			continue;
		if (str_fmt(path, sizeof(path), "%s/%s", dir, names[i]) == -1)
			goto out;
		NEOERR *ne = ne_load_file(path, &sql);
		if (ne != STATUS_OK) {
			nerr_ignore(&ne);
			fprintf(stderr, "migrate: cannot read %s\n", path);
			goto out;
		}
		int bad = db_run_script(sql, err, sizeof(err));
		free(sql);
		if (bad) {
			fprintf(stderr, "migrate: %s: %s\n", names[i], err);
			goto out;
		}
		if (db_exec(STMT_MIGRATION_RECORD, "is", v, names[i]) != 1) {
			fprintf(stderr, "migrate: cannot record %s\n", names[i]);
			goto out;
		}
		printf("applied %s\n", names[i]);
		applied++;
	}
	printf("migrations: %zu applied, %zu already\n", applied, n - applied);
	rc = 0;
out:
	closedir(d);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

/*
 * Renders the error pages nginx serves itself (400, 413, 503: a bad request
 * line, a body over nginx's limit, workers down) from the same templates
 * and language file as every other page, into dir.
 */
static int
cmd_pages(const char *dir)
{
	static const int	 codes[] = { 400, 413, 503 };
	char			 key[64], path[1024], err[256];
	struct buf		 b;
	FILE			*f;
	size_t			 i;

	if (render_init(err, sizeof(err)) == -1) {
		fprintf(stderr, "pages: %s\n", err);
		return 1;
	}
	buf_init(&b);
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		view_begin();
		view_set_int("Error.status", codes[i]);
		snprintf(key, sizeof(key), "err.s%d.title", codes[i]);
		view_set("Error.title", lang(key));
		snprintf(key, sizeof(key), "err.s%d.next", codes[i]);
		view_set("Error.next", lang(key));
		buf_reset(&b);
		if (render("error.cs", &b) == -1 || str_fmt(path, sizeof(path),
		    "%s/%d.html", dir, codes[i]) == -1 ||
		    (f = fopen(path, "w")) == NULL) {
			fprintf(stderr, "pages: cannot write %d\n", codes[i]);
			buf_free(&b);
			render_free();
			return 1;
		}
		fwrite(b.data, 1, b.len, f);
		fclose(f);
	}
	/* A certificate nginx itself rejects (495, 496): the same page as the worker's. */
	view_begin();
	view_set("Cert.verify", "FAILED");
	buf_reset(&b);
	if (render("nocert.cs", &b) == -1 || str_fmt(path, sizeof(path),
	    "%s/nocert.html", dir) == -1 || (f = fopen(path, "w")) == NULL) {
		fprintf(stderr, "pages: cannot write nocert\n");
		buf_free(&b);
		render_free();
		return 1;
	}
	fwrite(b.data, 1, b.len, f);
	fclose(f);
	buf_free(&b);
	render_free();
	return 0;
}

static void
usage(void)
{
	fprintf(stderr,
	    "usage: mogamictl [-c conf] db migrate [--dir DIR]\n"
	    "       mogamictl [-c conf] pages DIR\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	const char	*conf = "var/mogami.conf";
	char		 err[512];
	int		 c;

	while ((c = getopt(argc, argv, "+c:")) != -1)
		switch (c) {
		case 'c':
			conf = optarg;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (argc < 2)
		usage();
	if (strcmp(argv[0], "pages") == 0) {
		if (config_load(conf, err, sizeof(err)) == -1) {
			fprintf(stderr, "mogamictl: %s\n", err);
			return 1;
		}
		return cmd_pages(argv[1]);
	}
	openlog("mogamictl", LOG_PERROR, LOG_USER);
	if (config_load(conf, err, sizeof(err)) == -1) {
		fprintf(stderr, "mogamictl: %s\n", err);
		return 1;
	}
	if (db_connect(err, sizeof(err)) == -1) {
		fprintf(stderr, "mogamictl: %s\n", err);
		return 1;
	}
	int rc = 2;
	if (strcmp(argv[0], "db") == 0 && strcmp(argv[1], "migrate") == 0)
		rc = cmd_migrate(argc == 4 && strcmp(argv[2], "--dir") == 0 ?
		    argv[3] : "db/migrations");
	else
		usage();
	db_close();
	return rc;
}
