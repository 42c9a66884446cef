/*
 * backup.c: `mogamictl backup DIR` and `restore DIR`. A backup is
 * mogami.sql (mariadb-dump --single-transaction: one consistent snapshot
 * of schema, data and triggers, one row per INSERT so rows can be counted),
 * counts (each table's rows in that dump), the audit checkpoints and the
 * checkpoint key. The checkpoints are copied before the dump: a checkpoint
 * then never names a seq the dump lacks, and the chain verifies.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/config.h"
#include "base/util.h"
#include "cli/backup.h"

#define COUNTS_MAX	256	/* tables */

/* Copies file from to to with mode; 0, or -1 with err set. */
static int
copy_file(const char *from, const char *to, mode_t mode, char *err, size_t errlen)
{
	char	 b[65536];
	ssize_t	 n;
	int	 in = -1, out = -1, rc = -1;

	if ((in = open(from, O_RDONLY | O_CLOEXEC)) == -1 ||
	    (out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)) == -1) {
		snprintf(err, errlen, "%s: %s", in == -1 ? from : to, strerror(errno));
		goto out;
	}
	while ((n = read(in, b, sizeof(b))) > 0)
		if (write(out, b, (size_t)n) != n) {
			snprintf(err, errlen, "%s: %s", to, strerror(errno));
			goto out;
		}
	if (n == -1 || fchmod(out, mode) == -1 || fsync(out) == -1) {
		snprintf(err, errlen, "%s: %s", to, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (in != -1)
		close(in);
	if (out != -1 && close(out) == -1 && rc == 0) {
		snprintf(err, errlen, "%s: %s", to, strerror(errno));
		rc = -1;
	}
	return rc;
}

/* The client options file (0600) so that no password is on a command line. */
static int
write_cnf(const char *path, char *err, size_t errlen)
{
	FILE	*f;
	int	 fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) == -1 ||
	    (f = fdopen(fd, "w")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	fprintf(f, "[client]\nuser=%s\npassword=%s\nsocket=%s\n",
	    cfg.db_user, cfg.db_password, cfg.db_socket);
	if (fclose(f) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Runs argv with stdin from in and stdout to out (either may be NULL); 0 or -1. */
static int
run(const char *const argv[], const char *in, const char *out, char *err, size_t errlen)
{
	pid_t	 pid;
	int	 st;

	if ((pid = fork()) == -1) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		int fd;
		if (in != NULL && ((fd = open(in, O_RDONLY)) == -1 ||
		    dup2(fd, 0) == -1))
			_exit(126);
		if (out != NULL && ((fd = open(out, O_WRONLY | O_CREAT | O_TRUNC,
		    0600)) == -1 || dup2(fd, 1) == -1))
			_exit(126);
		/* execvp's argv is char *const[]: copies, freed by the exit. */
		char *v[16];
		size_t i;
		for (i = 0; i < 15 && argv[i] != NULL; i++)
			v[i] = str_dup(argv[i]);
		v[i] = NULL;
		execvp(v[0], v);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR) {
			snprintf(err, errlen, "waitpid: %s", strerror(errno));
			return -1;
		}
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		snprintf(err, errlen, "%s failed (status %d)", argv[0],
		    WIFEXITED(st) ? WEXITSTATUS(st) : -1);
		return -1;
	}
	return 0;
}

/* Writes dir/counts: "TABLE ROWS" per table of the dump; 0 or -1. */
static int
write_counts(const char *sql, const char *counts, char *err, size_t errlen)
{
	static const char pfx[] = "INSERT INTO `";
	char		 names[COUNTS_MAX][65], *line = NULL, *e;
	long long	 rows[COUNTS_MAX];
	size_t		 n = 0, cap = 0, i, len;
	FILE		*f, *o;
	int		 rc = -1;

	if ((f = fopen(sql, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", sql, strerror(errno));
		return -1;
	}
	while (getline(&line, &cap, f) != -1) {
		/* Each table's "CREATE TABLE `t`" comes first, then its rows. */
		const char *p = NULL;
		int create = 0;
		if (str_prefix(line, "CREATE TABLE `"))
			p = line + 14, create = 1;
		else if (str_prefix(line, pfx))
			p = line + sizeof(pfx) - 1;
		if (p == NULL || (e = strchr(p, '`')) == NULL ||
		    (len = (size_t)(e - p)) >= sizeof(names[0]))
			continue;
		for (i = 0; i < n; i++)
			if (strlen(names[i]) == len && memcmp(names[i], p, len) == 0)
				break;
		if (i == n) {
			if (n == COUNTS_MAX)
				continue;
			memcpy(names[n], p, len);
			names[n][len] = '\0';
			rows[n++] = 0;
		}
		if (!create)
			rows[i]++;
	}
	free(line);
	fclose(f);
	if ((o = fopen(counts, "w")) == NULL) {
		snprintf(err, errlen, "%s: %s", counts, strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++)
		fprintf(o, "%s %lld\n", names[i], rows[i]);
	if (fclose(o) == 0)
		rc = 0;
	else
		snprintf(err, errlen, "%s: %s", counts, strerror(errno));
	return rc;
}

/* dir/name into out; 0 or -1. */
static int
in_dir(char *out, size_t len, const char *dir, const char *name)
{
	return str_fmt(out, len, "%s/%s", dir, name);
}

/*
 * Makes a backup of the instance in dir (created 0700 if missing). Returns
 * 0, or -1 with err set; a failed backup leaves no mogami.sql behind.
 */
int
backup_make(const char *dir, char *err, size_t errlen)
{
	char	 cnf[600], sql[600], tmp[600], counts[600], ck[600], key[600];
	char	 vck[600], vkey[600], opt[640];
	int	 rc = -1;

	if (in_dir(cnf, sizeof(cnf), dir, ".my.cnf") == -1 ||
	    in_dir(sql, sizeof(sql), dir, "mogami.sql") == -1 ||
	    in_dir(tmp, sizeof(tmp), dir, "mogami.sql.part") == -1 ||
	    in_dir(counts, sizeof(counts), dir, "counts") == -1 ||
	    in_dir(ck, sizeof(ck), dir, "checkpoints") == -1 ||
	    in_dir(key, sizeof(key), dir, "audit.key") == -1 ||
	    in_dir(vck, sizeof(vck), cfg.var_dir, "audit/checkpoints") == -1 ||
	    in_dir(vkey, sizeof(vkey), cfg.var_dir, "pki/audit.key") == -1 ||
	    str_fmt(opt, sizeof(opt), "--defaults-extra-file=%s", cnf) == -1) {
		str_copy(err, "path too long", errlen);
		return -1;
	}
	if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	/* Checkpoints before the dump: see the comment at the top. */
	if (copy_file(vkey, key, 0600, err, errlen) == -1 ||
	    copy_file(vck, ck, 0600, err, errlen) == -1 ||
	    write_cnf(cnf, err, errlen) == -1)
		goto out;
	const char *const argv[] = { "mariadb-dump", opt, "--single-transaction",
	    "--skip-extended-insert", "--routines", "--triggers", "--hex-blob",
	    "--default-character-set=utf8mb4", cfg.db_name, NULL };
	if (run(argv, NULL, tmp, err, errlen) == -1 ||
	    write_counts(tmp, counts, err, errlen) == -1)
		goto out;
	if (rename(tmp, sql) == -1) {
		snprintf(err, errlen, "%s: %s", sql, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	unlink(cnf);
	unlink(tmp);
	return rc;
}

/*
 * Loads the backup in dir into this instance's database (its tables are
 * replaced) and puts the checkpoints and the key in place. Meant for a
 * fresh instance; stop its scheduler first, or a seal may slip in between
 * the load and the checkpoints. Returns 0, or -1 with err set.
 */
int
backup_restore(const char *dir, char *err, size_t errlen)
{
	char	 cnf[600], sql[600], ck[600], key[600], vck[600], vkey[600];
	char	 opt[640], adir[600];
	int	 rc = -1;

	if (in_dir(sql, sizeof(sql), dir, "mogami.sql") == -1 ||
	    in_dir(ck, sizeof(ck), dir, "checkpoints") == -1 ||
	    in_dir(adir, sizeof(adir), cfg.var_dir, "audit") == -1 ||
	    in_dir(key, sizeof(key), dir, "audit.key") == -1 ||
	    in_dir(cnf, sizeof(cnf), cfg.var_dir, "run/restore.cnf") == -1 ||
	    in_dir(vck, sizeof(vck), cfg.var_dir, "audit/checkpoints") == -1 ||
	    in_dir(vkey, sizeof(vkey), cfg.var_dir, "pki/audit.key") == -1 ||
	    str_fmt(opt, sizeof(opt), "--defaults-extra-file=%s", cnf) == -1) {
		str_copy(err, "path too long", errlen);
		return -1;
	}
	if (access(sql, R_OK) == -1 || access(ck, R_OK) == -1 ||
	    access(key, R_OK) == -1) {
		snprintf(err, errlen, "%s: not a complete backup", dir);
		return -1;
	}
	/* A fresh instance has no var/audit until its first seal. */
	if (mkdir(adir, 0700) == -1 && errno != EEXIST) {
		snprintf(err, errlen, "%s: %s", adir, strerror(errno));
		return -1;
	}
	if (write_cnf(cnf, err, errlen) == -1)
		return -1;
	const char *const argv[] = { "mariadb", opt, "--default-character-set=utf8mb4",
	    cfg.db_name, NULL };
	if (run(argv, sql, NULL, err, errlen) == -1 ||
	    copy_file(key, vkey, 0600, err, errlen) == -1 ||
	    copy_file(ck, vck, 0600, err, errlen) == -1)
		goto out;
	rc = 0;
out:
	unlink(cnf);
	return rc;
}
