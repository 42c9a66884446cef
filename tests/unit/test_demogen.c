/*
 * test_demogen.c: the synthetic region (docs/benchmarks.md) one facility at a time.
 * A small region is written whole, then facility by facility with --only
 * and without trees with --no-trees, into other folders: every file must
 * be the same, byte for byte, and nothing else may be written.
 */
#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "import/demogen.h"
#include "t.h"

static char base[256], full[300], one[300], meta[300];

/* The region of every case: 60 patients at 3 facilities, seed 7. */
static int
gen(const char *out, const char *only, int no_trees, struct demo_stats *st)
{
	struct demo_opts o = { .patients = 60, .facilities = 3, .years = 5,
	    .seed = 7, .heavy = 300, .out = out, .only = only,
	    .no_trees = no_trees };
	char	 err[300];

	if (demo_generate(&o, st, err, sizeof(err)) == -1) {
		fprintf(stderr, "demo_generate: %s\n", err);
		return -1;
	}
	return 0;
}

/* Whole file into a malloc'd buffer; NULL when missing. */
static char *
slurp(const char *path, size_t *len)
{
	FILE	*f = fopen(path, "rb");
	char	*b;
	long	 n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || (b = malloc((size_t)n + 1)) == NULL) {
		fclose(f);
		return NULL;
	}
	*len = fread(b, 1, (size_t)n, f);
	fclose(f);
	return b;
}

static int
same_file(const char *a, const char *b)
{
	size_t	 na = 0, nb = 0;
	char	*x = slurp(a, &na), *y = slurp(b, &nb);
	int	 same = x != NULL && y != NULL && na == nb &&
		    memcmp(x, y, na) == 0;

	if (!same)
		fprintf(stderr, "differ: %s %s\n", a, b);
	free(x);
	free(y);
	return same;
}

/* nftw has no user argument: the walk's two roots and its counts. */
static const char *walk_a, *walk_b;
static size_t walk_n, walk_bad;

static int
cmp_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	char		 other[1200];
	struct stat	 ob;

	(void)ftw;
	walk_n++;
	if (snprintf(other, sizeof(other), "%s%s", walk_b,
	    path + strlen(walk_a)) >= (int)sizeof(other) ||
	    stat(other, &ob) == -1 ||
	    S_ISDIR(sb->st_mode) != S_ISDIR(ob.st_mode) ||
	    (flag == FTW_F && !same_file(path, other))) {
		if (walk_bad++ < 5)
			fprintf(stderr, "not the same: %s\n", other);
	}
	return 0;
}

static int
count_entry(const char *path, const struct stat *sb, int flag,
    struct FTW *ftw)
{
	(void)path, (void)sb, (void)flag, (void)ftw;
	walk_n++;
	return 0;
}

/*
 * Whether the trees a and b hold the same folders and files, byte for
 * byte: every entry of a is in b, the same, and b has no more entries.
 */
static int
same_tree(const char *a, const char *b)
{
	size_t	 na;

	walk_a = a, walk_b = b, walk_n = walk_bad = 0;
	if (nftw(a, cmp_entry, 16, FTW_PHYS) != 0 || walk_n < 2)
		return 0;
	na = walk_n;
	walk_n = 0;
	if (nftw(b, count_entry, 16, FTW_PHYS) != 0)
		return 0;
	if (walk_n != na)
		fprintf(stderr, "%s: %zu entries, %s: %zu\n", a, na, b, walk_n);
	return walk_bad == 0 && walk_n == na;
}

/* Whether sub (a folder under both) is the same tree in the full run and in one. */
static int
same_sub(const char *sub)
{
	char	 a[1200], b[1200];

	snprintf(a, sizeof(a), "%s/%s", full, sub);
	snprintf(b, sizeof(b), "%s/%s", one, sub);
	return same_tree(a, b);
}

/* The names in folder dir, sorted and joined by spaces ("" if missing). */
static void
names(const char *dir, char *out, size_t len)
{
	struct dirent	**list;
	int		  n = scandir(dir, &list, NULL, alphasort);

	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (list[i]->d_name[0] != '.') {
			if (out[0])
				strncat(out, " ", len - strlen(out) - 1);
			strncat(out, list[i]->d_name, len - strlen(out) - 1);
		}
		free(list[i]);
	}
	if (n >= 0)
		free(list);
}

static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(path);
}

static unsigned long
tsv_count(const char *file, const char *code)
{
	char		 line[128];
	unsigned long	 n = 0;
	FILE		*f = fopen(file, "r");

	if (f == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, code, strlen(code)) == 0 &&
		    line[strlen(code)] == '\t')
			n = strtoul(line + strlen(code) + 1, NULL, 10);
	fclose(f);
	return n;
}

static struct demo_stats st_full;

static void
test_only_one_facility_is_what_the_whole_run_wrote(void)
{
	struct demo_stats	 st;
	char			 a[1200], ls[256];

	CHECK(gen(one, "GEN002", 0, &st) == 0);
	/* Its two trees and nothing else: no other facility, no region.sql. */
	names(one, ls, sizeof(ls));
	CHECK_STR(ls, "ext std");
	snprintf(a, sizeof(a), "%s/std", one);
	names(a, ls, sizeof(ls));
	CHECK_STR(ls, "GEN002");
	snprintf(a, sizeof(a), "%s/ext", one);
	names(a, ls, sizeof(ls));
	CHECK_STR(ls, "GEN002");
	CHECK(same_sub("std/GEN002"));
	CHECK(same_sub("ext/GEN002"));
	/* Its count is the one facilities.tsv gives for it. */
	snprintf(a, sizeof(a), "%s/facilities.tsv", full);
	CHECK(st.messages > 100);
	CHECK(st.messages == tsv_count(a, "GEN002"));
}

static void
test_every_facility_alone_makes_the_whole_region(void)
{
	struct demo_stats	 st;
	unsigned long		 msgs = 0;

	/* GEN001 holds the heavy patient's history (--heavy). */
	CHECK(gen(one, "GEN001", 0, &st) == 0);
	msgs += st.messages;
	CHECK(gen(one, "GEN003", 0, &st) == 0);
	msgs += st.messages;
	CHECK(gen(one, "GEN002", 0, &st) == 0);
	msgs += st.messages;
	CHECK(msgs == st_full.messages);
	CHECK(same_sub("std"));
	CHECK(same_sub("ext"));
}

static void
test_no_trees_writes_the_three_files_alone(void)
{
	struct demo_stats	 st;
	static const char *const files[] = { "region.sql", "facilities.tsv",
	    "bench.tsv" };
	char			 a[1200], b[1200], ls[256];

	CHECK(gen(meta, NULL, 1, &st) == 0);
	names(meta, ls, sizeof(ls));
	CHECK_STR(ls, "bench.tsv facilities.tsv region.sql");
	for (size_t i = 0; i < 3; i++) {
		snprintf(a, sizeof(a), "%s/%s", full, files[i]);
		snprintf(b, sizeof(b), "%s/%s", meta, files[i]);
		CHECK(same_file(a, b));
	}
	CHECK(st.messages == st_full.messages);
	CHECK(st.documents == st_full.documents);
}

static void
test_only_refuses_an_unknown_facility(void)
{
	struct demo_stats	 st;
	char			 dir[400], err[300];
	struct demo_opts	 o = { .patients = 60, .facilities = 3,
				    .years = 5, .seed = 7, .out = dir,
				    .only = "GEN004" };

	snprintf(dir, sizeof(dir), "%s/bad", base);
	CHECK(demo_generate(&o, &st, err, sizeof(err)) == -1);
	CHECK_STR(err, "--only GEN004: not one of GEN001 to GEN003");
	o.only = "GEN002";
	o.no_trees = 1;
	CHECK(demo_generate(&o, &st, err, sizeof(err)) == -1);
	CHECK_STR(err, "--only and --no-trees exclude each other");
	CHECK(access(dir, F_OK) == -1);
}

int
main(void)
{
	const char	*tmp = getenv("TMPDIR");

	snprintf(base, sizeof(base), "%s/demogen.XXXXXX", tmp ? tmp : "/tmp");
	if (mkdtemp(base) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(full, sizeof(full), "%s/full", base);
	snprintf(one, sizeof(one), "%s/one", base);
	snprintf(meta, sizeof(meta), "%s/meta", base);
	if (gen(full, NULL, 0, &st_full) == -1)
		return 1;
	RUN(test_only_one_facility_is_what_the_whole_run_wrote);
	RUN(test_every_facility_alone_makes_the_whole_region);
	RUN(test_no_trees_writes_the_three_files_alone);
	RUN(test_only_refuses_an_unknown_facility);
	nftw(base, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	return T_DONE("demogen");
}
