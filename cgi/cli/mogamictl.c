/* mogamictl.c: the admin tool, one table of commands: migrations, the CA, users, imports, the audit chain, backups, the scheduler */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <ClearSilver.h>	/* only for ne_load_file: reading a whole file */

#include "audit/fhir.h"
#include "base/config.h"
#include "base/util.h"
#include "cli/auditseal.h"
#include "cli/backup.h"
#include "cli/jobs.h"
#include "cli/facts_cmd.h"
#include "cli/rulebook_cmd.h"
#include "db/db.h"
#include "import/demogen.h"
#include "import/ssmix2.h"
#include "pki/password.h"
#include "pki/pki.h"
#include "rules/certs.h"
#include "rules/council.h"
#include "rules/dashboard.h"
#include "rules/emergency.h"
#include "rules/jpcore.h"
#include "rules/maint.h"
#include "rules/misuse.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/render.h"
#include "web/session.h"

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

/* Renders tpl with the current view into dir/name; 0 or -1. */
static int
write_page(const char *tpl, const char *dir, const char *name)
{
	struct buf	 b;
	char		 path[1024];
	FILE		*f = NULL;
	int		 rc = -1;

	buf_init(&b);
	if (render(tpl, &b) == 0 && str_fmt(path, sizeof(path), "%s/%s", dir,
	    name) == 0 && (f = fopen(path, "w")) != NULL &&
	    fwrite(b.data, 1, b.len, f) == b.len)
		rc = 0;
	if (f != NULL && fclose(f) != 0)
		rc = -1;
	buf_free(&b);
	if (rc == -1)
		fprintf(stderr, "pages: cannot write %s\n", name);
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
	char			 key[64], name[32], err[256];
	int			 rc = 0;

	if (render_init(err, sizeof(err)) == -1) {
		fprintf(stderr, "pages: %s\n", err);
		return 1;
	}
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		view_begin();
		view_set_int("Error.status", codes[i]);
		snprintf(key, sizeof(key), "err.s%d.title", codes[i]);
		view_set("Error.title", lang(key));
		snprintf(key, sizeof(key), "err.s%d.next", codes[i]);
		view_set("Error.next", lang(key));
		snprintf(name, sizeof(name), "%d.html", codes[i]);
		rc |= write_page("error.cs", dir, name);
	}
	render_free();
	return rc ? 1 : 0;
}

/* --name VALUE from argv[from..), or NULL. */
static const char *
opt(int argc, char *argv[], int from, const char *name)
{
	for (int i = from; i < argc - 1; i++)
		if (strcmp(argv[i], name) == 0)
			return argv[i + 1];
	return NULL;
}

static int
flag(int argc, char *argv[], int from, const char *name)
{
	for (int i = from; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return 1;
	return 0;
}

static int
pki_file(char *out, size_t len, const char *file)
{
	return str_fmt(out, len, "%s/pki/%s", cfg.var_dir, file);
}

/*
 * The network's CA (key 0600) and the server certificate for localhost,
 * then an empty CRL. Existing files are kept: running it twice is harmless.
 */
static int
cmd_ca_init(void)
{
	static const char *const names[] = { "localhost", "127.0.0.1", "::1" };
	char	 ca[600], key[600], srv[600], skey[600], err[256];

	if (pki_file(ca, sizeof(ca), "ca.pem") == -1 ||
	    pki_file(key, sizeof(key), "ca.key") == -1 ||
	    pki_file(srv, sizeof(srv), "server.pem") == -1 ||
	    pki_file(skey, sizeof(skey), "server.key") == -1)
		return 1;
	if (access(ca, F_OK) != 0) {
		if (pki_ca_init("もがみネット 認証局", cfg.net_name, 3650, key, ca,
		    err, sizeof(err)) == -1) {
			fprintf(stderr, "ca init: %s\n", err);
			return 1;
		}
		printf("created %s\n", ca);
	}
	if (access(srv, F_OK) != 0) {
		/* nginx serves the CA's CRL at /crl.pem; the certificate says so. */
		char crl[300];
		if (str_fmt(crl, sizeof(crl), "%s/crl.pem", cfg.origin) == -1 ||
		    pki_server_issue_crl(ca, key, names, 3, 825,
		    cfg.origin[0] ? crl : NULL, skey, srv, err, sizeof(err)) == -1) {
			fprintf(stderr, "ca init: %s\n", err);
			return 1;
		}
		printf("created %s\n", srv);
	}
	if (certs_crl_update(err, sizeof(err)) == -1) {
		fprintf(stderr, "ca init: CRL: %s\n", err);
		return 1;
	}
	/* The audit checkpoints' HMAC key: the admin tool's alone (0600). */
	if (auditseal_key_init(err, sizeof(err)) == -1) {
		fprintf(stderr, "ca init: audit key: %s\n", err);
		return 1;
	}
	return 0;
}

/* facility add --code C --name N [--kind K] [--disclosing] [--viewing] [--out-of-region] */
static int
cmd_facility_add(int argc, char *argv[])
{
	const char	*code = opt(argc, argv, 2, "--code");
	const char	*name = opt(argc, argv, 2, "--name");
	const char	*kind = opt(argc, argv, 2, "--kind");
	int		 rc;

	if (code == NULL || name == NULL) {
		fprintf(stderr, "facility add: --code and --name are required\n");
		return 2;
	}
	rc = db_exec(STMT_FACILITY_INSERT, "sssiii", code, name,
	    kind ? kind : "hospital",
	    (long long)!flag(argc, argv, 2, "--out-of-region"),
	    (long long)flag(argc, argv, 2, "--disclosing"),
	    (long long)(flag(argc, argv, 2, "--viewing") ||
	    !flag(argc, argv, 2, "--disclosing")));
	if (rc == DB_DUP) {
		printf("facility %s exists\n", code);
		return 0;
	}
	if (rc != 1) {
		fprintf(stderr, "facility add: failed\n");
		return 1;
	}
	printf("facility %s added\n", code);
	return 0;
}

/*
 * user add --login ID --name NAME --facility CODE --role R[,R] [--profession P]
 * Prints the initial password once; it must be changed at first login.
 */
static int
cmd_user_add(int argc, char *argv[])
{
	const char	*login = opt(argc, argv, 2, "--login");
	const char	*name = opt(argc, argv, 2, "--name");
	const char	*fac = opt(argc, argv, 2, "--facility");
	const char	*roles = opt(argc, argv, 2, "--role");
	const char	*prof = opt(argc, argv, 2, "--profession");
	char		 pw[32], hash[PKI_PASSWORD_MAX], err[256];
	struct dbres	*f;
	long long	 fid, uid;

	if (login == NULL || name == NULL || fac == NULL || roles == NULL) {
		fprintf(stderr, "user add: --login, --name, --facility and --role "
		    "are required\n");
		return 2;
	}
	if (role_bits(roles) == 0) {
		fprintf(stderr, "user add: unknown role %s\n", roles);
		return 2;
	}
	if ((f = db_query(STMT_FACILITY_BY_CODE, "s", fac)) == NULL ||
	    f->nrows == 0) {
		fprintf(stderr, "user add: no facility %s\n", fac);
		dbres_free(f);
		return 1;
	}
	fid = dbres_ll(f, 0, FACILITY_BY_CODE_ID);
	dbres_free(f);
	if (pki_random_string(pw, 16, PKI_PW_ALPHABET) == -1 ||
	    pki_password_hash(pw, hash, sizeof(hash), err, sizeof(err)) == -1) {
		fprintf(stderr, "user add: %s\n", err);
		return 1;
	}
	if (db_begin() != DB_OK)
		return 1;
	int rc = db_exec(STMT_USER_INSERT, "ssiss", login, name, fid, prof, hash);
	if (rc == DB_DUP) {
		db_rollback();
		fprintf(stderr, "user add: %s exists\n", login);
		return 1;
	}
	if (rc != 1)
		goto fail;
	uid = (long long)db_last_id();
	char *copy = strdup(roles), *p = copy, *tok;
	while (copy != NULL && (tok = strsep(&p, ",")) != NULL)
		if (*tok != '\0' && db_exec(STMT_ROLE_INSERT, "is", uid, tok) < 0) {
			free(copy);
			goto fail;
		}
	free(copy);
	if (audit(NULL, &(struct audit_entry){ .action = "user.add",
	    .object_type = "user", .object_id = login, .detail = roles }) != 0 ||
	    db_commit() != DB_OK)
		goto fail;
	printf("user %s added; initial password: %s\n", login, pw);
	return 0;
fail:
	db_rollback();
	fprintf(stderr, "user add: failed\n");
	return 1;
}

/*
 * user passwd ID [--keep]: reads the new password from standard input (one
 * line). --keep means it need not be changed at next login (demo and test
 * accounts only).
 */
static int
cmd_user_passwd(int argc, char *argv[])
{
	char		 line[1100], hash[PKI_PASSWORD_MAX], err[256];
	struct dbres	*u;
	long long	 uid;
	const char	*why;

	if (argc < 3)
		return 2;
	if (fgets(line, sizeof(line), stdin) == NULL) {
		fprintf(stderr, "user passwd: no password on standard input\n");
		return 2;
	}
	line[strcspn(line, "\r\n")] = '\0';
	if ((why = password_policy(line, argv[2])) != NULL) {
		fprintf(stderr, "user passwd: refused by the policy (%s)\n", why);
		return 1;
	}
	if ((u = db_query(STMT_USER_BY_LOGIN, "s", argv[2])) == NULL ||
	    u->nrows == 0) {
		fprintf(stderr, "user passwd: no user %s\n", argv[2]);
		dbres_free(u);
		return 1;
	}
	uid = dbres_ll(u, 0, USER_BY_LOGIN_ID);
	dbres_free(u);
	/* A8.3: a new password ends every session the user had. */
	if (pki_password_hash(line, hash, sizeof(hash), err, sizeof(err)) == -1 ||
	    db_exec(STMT_USER_SET_PASSWORD, "sii", hash,
	    (long long)!flag(argc, argv, 3, "--keep"), uid) < 0 ||
	    session_end_user(uid, "password_set") < 0) {
		fprintf(stderr, "user passwd: failed\n");
		return 1;
	}
	audit(NULL, &(struct audit_entry){ .action = "password.set",
	    .object_type = "user", .object_id = argv[2] });
	explicit_bzero(line, sizeof(line));
	printf("password set for %s\n", argv[2]);
	return 0;
}

/*
 * cert issue --login ID [--days N] --out DIR: DIR/ID.p12 and the one-time
 * password printed once. --start-offset SECS (test instance only) makes
 * expired or not-yet-valid certificates.
 */
static int
cmd_cert_issue(int argc, char *argv[])
{
	const char		*login = opt(argc, argv, 2, "--login");
	const char		*dir = opt(argc, argv, 2, "--out");
	const char		*days_s = opt(argc, argv, 2, "--days");
	const char		*off_s = opt(argc, argv, 2, "--start-offset");
	struct pki_issued	 is;
	char			 p12[600], err[256];
	long long		 days = 365, off = 0, id;

	if (login == NULL || dir == NULL ||
	    (days_s && str_to_ll(days_s, -3650, 3650, &days) == -1) ||
	    (off_s && str_to_ll(off_s, -(1LL << 32), 1LL << 32, &off) == -1)) {
		fprintf(stderr, "cert issue: --login ID --out DIR [--days N]\n");
		return 2;
	}
	if (off_s != NULL && !cfg.test_clock) {
		fprintf(stderr, "cert issue: --start-offset is for test instances\n");
		return 2;
	}
	if (str_fmt(p12, sizeof(p12), "%s/%s.p12", dir, login) == -1)
		return 1;
	if (certs_issue(NULL, login, (int)days, off, p12, &is, &id, err,
	    sizeof(err)) == -1) {
		fprintf(stderr, "cert issue: %s\n", err);
		return 1;
	}
	printf("issued %s serial %s valid until %s UTC\n", p12, is.info.serial,
	    is.info.not_after);
	printf("PKCS#12 password (shown once): %s\n", is.p12_password);
	pki_issued_free(&is);
	return 0;
}

/* cert revoke SERIAL --reason R */
static int
cmd_cert_revoke(int argc, char *argv[])
{
	const char	*reason = opt(argc, argv, 3, "--reason");
	char		 err[256];
	int		 rc;

	if (argc < 3 || reason == NULL) {
		fprintf(stderr, "cert revoke: SERIAL --reason R\n");
		return 2;
	}
	if ((rc = certs_revoke(NULL, argv[2], reason, err, sizeof(err))) == -1) {
		fprintf(stderr, "cert revoke: %s\n", err);
		return 1;
	}
	if (rc == 1) {
		fprintf(stderr, "cert revoke: no active certificate %s\n", argv[2]);
		return 1;
	}
	printf("revoked %s; CRL updated\n", argv[2]);
	return 0;
}

/*
 * Prints the route table, one route a line, for the authorization tests;
 * with fields, a fifth column lists the accepted parameters as
 * name:type:maxlen (for the injection and XSS runs), "-" when none.
 */
static int
cmd_routes(int fields)
{
	static const char *const tn[] = { "text", "lines", "int", "token",
	    "date", "datetime", "hex" };
	static const char *const rn[] = { "president", "operator", "staff",
	    "facility_manager", "user", "desk" };

	for (size_t i = 0; i < nroutes; i++) {
		const struct route *rt = &routes[i];
		printf("%s %s ", rt->method, rt->path);
		if (rt->roles & ROLE_CERT)
			printf("cert");
		else
			for (size_t j = 0, n = 0; j < 6; j++)
				if (rt->roles & (1u << j))
					printf("%s%s", n++ ? "," : "", rn[j]);
		printf(" %s%s%s%s", rt->flags & F_CSRF ? "csrf" : "-",
		    rt->flags & F_PATIENT ? ",patient" : "",
		    rt->flags & F_NOLOCK ? ",nolock" : "",
		    rt->flags & F_BARE ? ",bare" : "");
		if (fields) {
			const struct field *f = rt->fields;
			printf(" ");
			if (f == NULL || f->name == NULL)
				printf("-");
			for (size_t n = 0; f != NULL && f->name != NULL; f++, n++)
				printf("%s%s:%s:%zu", n ? "," : "", f->name,
				    (size_t)f->type < sizeof(tn) / sizeof(tn[0]) ?
				    tn[f->type] : "?", f->maxlen);
		}
		printf("\n");
	}
	return 0;
}

/* user disable ID: login refused and every session ended at once. */
static int
cmd_user_disable(int argc, char *argv[])
{
	struct dbres	*u;
	long long	 uid;

	if (argc < 3)
		return 2;
	if ((u = db_query(STMT_USER_BY_LOGIN, "s", argv[2])) == NULL ||
	    u->nrows == 0) {
		fprintf(stderr, "user disable: no user %s\n", argv[2]);
		dbres_free(u);
		return 1;
	}
	uid = dbres_ll(u, 0, USER_BY_LOGIN_ID);
	dbres_free(u);
	if (db_begin() != DB_OK ||
	    db_exec(STMT_USER_SET_STATUS, "si", "disabled", uid) < 0 ||
	    session_end_user(uid, "user_disabled") < 0 ||
	    audit(NULL, &(struct audit_entry){ .action = "user.disable",
	    .object_type = "user", .object_id = argv[2] }) != 0 ||
	    db_commit() != DB_OK) {
		db_rollback();
		fprintf(stderr, "user disable: failed\n");
		return 1;
	}
	printf("user %s disabled; sessions ended\n", argv[2]);
	return 0;
}

/* The facility's id by its code into *fid; 0, or -1 with a message. */
static int
facility_id(const char *cmd, const char *code, long long *fid)
{
	struct dbres	*f;

	if ((f = db_query(STMT_FACILITY_BY_CODE, "s", code)) == NULL ||
	    f->nrows == 0) {
		fprintf(stderr, "%s: no facility %s\n", cmd, code);
		dbres_free(f);
		return -1;
	}
	*fid = dbres_ll(f, 0, FACILITY_BY_CODE_ID);
	dbres_free(f);
	return 0;
}

/* Imports one facility's trees and prints the counts; an exit status. */
static int
ssmix2_run(long long fid, const char *code, const char *dir, const char *ext)
{
	struct ssmix2_stats	 st;
	int			 rc;

	rc = ssmix2_import(fid, code, dir, ext, 1, &st);
	if (st.busy) {
		fprintf(stderr, "ssmix2 %s: another import is running\n", code);
		return 1;
	}
	/* "with warnings": of the imported; the import page lists them */
	printf("ssmix2 %s: %zu files, %zu imported, %zu unchanged, "
	    "%zu quarantined, %zu removed, %zu failed, %zu with warnings\n",
	    code, st.total, st.imported, st.unchanged, st.quarantined,
	    st.removed, st.failed, st.warned);
	if (rc == -1)
		fprintf(stderr, "ssmix2 %s: %s\n", code, st.last_error);
	return rc == -1 || st.failed > 0 ? 1 : 0;
}

/* ssmix2 import --facility CODE DIR [--ext DIR] */
static int
cmd_ssmix2_import(int argc, char *argv[])
{
	const char	*code = opt(argc, argv, 2, "--facility");
	const char	*ext = opt(argc, argv, 2, "--ext");
	const char	*dir = argc > 2 ? argv[argc - 1] : NULL;
	long long	 fid;

	if (code == NULL || dir == NULL || *dir == '-' ||
	    (argc > 3 && (str_eq(argv[argc - 2], "--facility") ||
	    str_eq(argv[argc - 2], "--ext")))) {
		fprintf(stderr, "ssmix2 import: --facility CODE [--ext DIR] DIR\n");
		return 2;
	}
	if (facility_id("ssmix2 import", code, &fid) == -1)
		return 1;
	return ssmix2_run(fid, code, dir, ext);
}

/* ssmix2 set --facility CODE --dir DIR [--ext DIR] [--disable] */
static int
cmd_ssmix2_set(int argc, char *argv[])
{
	const char	*code = opt(argc, argv, 2, "--facility");
	const char	*dir = opt(argc, argv, 2, "--dir");
	const char	*ext = opt(argc, argv, 2, "--ext");
	int		 off = flag(argc, argv, 2, "--disable");
	long long	 fid;

	if (code == NULL || dir == NULL) {
		fprintf(stderr, "ssmix2 set: --facility CODE --dir DIR "
		    "[--ext DIR] [--disable]\n");
		return 2;
	}
	/* The scheduler runs from anywhere: a relative path would move. */
	if (dir[0] != '/' || (ext != NULL && ext[0] != '/')) {
		fprintf(stderr, "ssmix2 set: directories must be absolute paths\n");
		return 2;
	}
	if (facility_id("ssmix2 set", code, &fid) == -1)
		return 1;
	if (db_begin() != DB_OK ||
	    db_exec(STMT_SSMIX2_SET, "issi", fid, dir, ext,
	    (long long)!off) < 0 ||
	    audit(NULL, &(struct audit_entry){ .action = "ssmix2.set",
	    .object_type = "facility", .object_id = code,
	    .detail = off ? "disabled" : "enabled" }) != 0 ||
	    db_commit() != DB_OK) {
		db_rollback();
		fprintf(stderr, "ssmix2 set: failed\n");
		return 1;
	}
	printf("ssmix2 %s: %s %s\n", code, dir, off ? "(disabled)" : "");
	return 0;
}

/*
 * ssmix2 import-all: every enabled facility's storage (the scheduled job);
 * with requested, only the ones the office asked to "run now" (issue 20),
 * enabled or not. A request is cleared as its run starts: a run already
 * going (the facility's lock) is the run that was asked for.
 */
static int
cmd_ssmix2_import_all(int requested)
{
	struct dbres	*res;
	int		 rc = 0;

	if ((res = db_query(requested ? STMT_SOURCES_REQUESTED :
	    STMT_SSMIX2_ENABLED, "")) == NULL) {
		fprintf(stderr, "ssmix2 import-all: database error\n");
		return 1;
	}
	for (size_t i = 0; i < res->nrows; i++) {
		const char *ext = dbres_get(res, i, SSMIX2_ENABLED_EXT_DIR);
		long long fid = dbres_ll(res, i, SSMIX2_ENABLED_ID);
		if (db_exec(STMT_SOURCE_RUN_DONE, "i", fid) < 0)
			rc = 1;
		rc |= ssmix2_run(fid, dbres_get(res, i, SSMIX2_ENABLED_CODE),
		    dbres_get(res, i, SSMIX2_ENABLED_ROOT_DIR), ext != NULL && *ext ? ext : NULL);
	}
	dbres_free(res);
	return rc;
}

/*
 * audit seal: seals every committed unsealed entry (the scheduler runs it
 * every jobs_audit_seal_secs), then checkpoints the head when it moved or
 * the last checkpoint is getting old; --quiet says nothing when nothing
 * was sealed (the scheduler's log). audit checkpoint: one line now.
 */
static int
cmd_audit_seal(int checkpoint_only, int quiet)
{
	char		 err[256];
	long long	 n = 0;
	int		 w;

	if (!checkpoint_only && auditseal_run(&n, err, sizeof(err)) == -1) {
		fprintf(stderr, "audit seal: %s\n", err);
		return 1;
	}
	if ((w = auditseal_checkpoint(checkpoint_only, err, sizeof(err))) == -1) {
		fprintf(stderr, "audit seal: checkpoint: %s\n", err);
		return 1;
	}
	if (quiet && n == 0)
		return 0;
	if (!checkpoint_only)
		printf("audit seal: %lld entries sealed", n);
	printf("%scheckpoint %s\n", checkpoint_only ? "audit " : "; ",
	    w ? "written" : "not due");
	return 0;
}

/* audit verify [--unsealed-secs N]: 0 when intact, else 1. */
static int
cmd_audit_verify(int argc, char *argv[])
{
	const char	*s = opt(argc, argv, 2, "--unsealed-secs");
	long long	 secs = 60;

	if (s != NULL && str_to_ll(s, 0, 1LL << 30, &secs) == -1) {
		fprintf(stderr, "audit verify: --unsealed-secs N\n");
		return 2;
	}
	return auditseal_verify(stdout, stderr, (int)secs) == 0 ? 0 : 1;
}

/* audit export --from YYYY-MM-DD --to YYYY-MM-DD: a FHIR Bundle on stdout. */
static int
cmd_audit_export(int argc, char *argv[])
{
	const char	*from = opt(argc, argv, 2, "--from");
	const char	*to = opt(argc, argv, 2, "--to");
	char		 lo[FX_RANGE_MAX], hi[FX_RANGE_MAX];
	struct buf	 b;
	long long	 n;
	int		 rc;

	if (auditfhir_range(from, to, lo, hi) == -1) {
		fprintf(stderr, "audit export: --from DATE --to DATE "
		    "(YYYY-MM-DD in Japan, from <= to)\n");
		return 2;
	}
	buf_init(&b);
	if (db_begin() != DB_OK)	/* one snapshot for every page */
		rc = -1;
	else
		rc = auditfhir_export(lo, hi, 0, &b, stdout, &n);
	db_rollback();
	buf_free(&b);
	if (rc != 0 || fflush(stdout) != 0) {
		fprintf(stderr, "audit export: failed\n");
		return 1;
	}
	fprintf(stderr, "audit export: %lld entries\n", n);
	return 0;
}

/*
 * fhir export --facility CODE: the facility's own records as FHIR R4
 * (JP Core), one patient's Bundle a line (ndjson) on stdout, for the
 * hospital's own hand-over (A11.2, A12.2; docs/rules.md). Audited before anything is written
 * (A11.2: an export that cannot be recorded does not happen), and again
 * when it fails midway; read in one snapshot.
 */
static int
cmd_fhir_export(int argc, char *argv[])
{
	const char	*code = opt(argc, argv, 2, "--facility");
	long long	 fid, n = 0;
	int		 rc;

	if (code == NULL) {
		fprintf(stderr, "fhir export: --facility CODE\n");
		return 2;
	}
	if (facility_id("fhir export", code, &fid) == -1)
		return 1;
	if (audit(NULL, &(struct audit_entry){ .action = "facility.fhir.export",
	    .object_type = "facility", .object_id = code,
	    .detail = "ndjson" }) != 0) {
		fprintf(stderr, "fhir export: could not be audited\n");
		return 1;
	}
	if (db_begin() != DB_OK)
		rc = JPCORE_EDB;
	else
		rc = jpcore_facility_export(fid, stdout, &n);
	db_rollback();
	if (rc == 0 && fflush(stdout) != 0)
		rc = JPCORE_EDB;
	if (rc != 0) {
		audit(NULL, &(struct audit_entry){ .action = "facility.fhir.export",
		    .object_type = "facility", .object_id = code,
		    .outcome = "failed", .detail = rc == JPCORE_EBIG ?
		    "a patient too large" : "database or output error" });
		fprintf(stderr, "fhir export: failed after %lld bundles%s\n", n,
		    rc == JPCORE_EBIG ? " (a patient too large)" : "");
		return 1;
	}
	fprintf(stderr, "fhir export: %lld bundles\n", n);
	return 0;
}

/*
 * demo generate --patients N --facilities F --years Y --seed S --out DIR
 * [--heavy M] [--only CODE | --no-trees]: a synthetic region from a seed
 * (no database needed). --only CODE writes that facility's std/ and ext/
 * trees alone (as a run of all writes them), --no-trees region.sql,
 * facilities.tsv and bench.tsv alone: scripts/region.sh streams a big
 * region a facility at a time.
 */
static int
cmd_demo_generate(int argc, char *argv[])
{
	struct demo_opts	 o = { .patients = 200, .facilities = 3,
				    .years = 5, .seed = 1, .heavy = 0 };
	struct demo_stats	 st;
	struct timespec		 t0, t1;
	const char		*v;
	char			 err[300];

	if ((o.out = opt(argc, argv, 2, "--out")) == NULL) {
		fprintf(stderr, "demo generate: --patients N --facilities F "
		    "--years Y --seed S [--heavy M] [--only CODE | --no-trees] "
		    "--out DIR\n");
		return 2;
	}
	if ((v = opt(argc, argv, 2, "--patients")) != NULL)
		o.patients = strtoul(v, NULL, 10);
	if ((v = opt(argc, argv, 2, "--facilities")) != NULL)
		o.facilities = strtoul(v, NULL, 10);
	if ((v = opt(argc, argv, 2, "--years")) != NULL)
		o.years = (int)strtol(v, NULL, 10);
	if ((v = opt(argc, argv, 2, "--seed")) != NULL)
		o.seed = strtoull(v, NULL, 10);
	if ((v = opt(argc, argv, 2, "--heavy")) != NULL)
		o.heavy = strtoul(v, NULL, 10);
	o.only = opt(argc, argv, 2, "--only");
	o.no_trees = flag(argc, argv, 2, "--no-trees");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (demo_generate(&o, &st, err, sizeof(err)) == -1) {
		fprintf(stderr, "demo generate: %s\n", err);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("demo generate: %zu patients, %zu facilities, %lu messages, "
	    "%lu documents, %lu bytes in %.1f s%s%s%s\n", o.patients,
	    o.facilities, st.messages, st.documents, st.bytes,
	    (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
	    o.only ? " (only " : o.no_trees ? " (no trees written)" : "",
	    o.only ? o.only : "", o.only ? ")" : "");
	return 0;
}

/*
 * db check [--columns]: every statement prepares on this database and each
 * SELECT returns the columns its COLS line names (db/sql_*.h); with
 * --columns, each statement's result columns as the server names them (to
 * write a new COLS line). 0 when all hold, else 1 with one line per fault.
 */
static int
cmd_db_check(int columns)
{
	struct buf	 b;
	char		 err[512];
	unsigned int	 n;
	int		 bad = 0, sel = 0;

	buf_init(&b);
	for (int s = 0; s < STMT__MAX; s++) {
		buf_reset(&b);
		if (db_describe((enum stmt)s, &n, columns ? &b : NULL, err,
		    sizeof(err)) == -1) {
			fprintf(stderr, "db check: %s: %s\n", stmt_name[s], err);
			bad++;
			continue;
		}
		sel += n > 0;
		if (n != stmt_ncols[s]) {
			fprintf(stderr, "db check: %s returns %u columns, its COLS "
			    "line names %u\n", stmt_name[s], n, stmt_ncols[s]);
			bad++;
		}
		if (columns)
			printf("%s %u\n%s", stmt_name[s], n, b.data ? b.data : "");
	}
	buf_free(&b);
	if (!columns)
		printf("db check: %d statements prepared, %d with rows, %d faults\n",
		    STMT__MAX, sel, bad);
	return bad ? 1 : 0;
}

/* The commands that are not a function above, as the table calls them. */
static int
run_db_migrate(int argc, char *argv[])
{
	return cmd_migrate(argc == 4 && strcmp(argv[2], "--dir") == 0 ?
	    argv[3] : "db/migrations");
}

static int
run_db_check(int argc, char *argv[])
{
	return cmd_db_check(flag(argc, argv, 2, "--columns"));
}

static int
run_pages(int argc, char *argv[])
{
	return argc < 2 ? -1 : cmd_pages(argv[1]);
}

static int
run_ca_init(int argc, char *argv[])
{
	(void)argc, (void)argv;
	return cmd_ca_init();
}

static int
run_crl_update(int argc, char *argv[])
{
	char	 err[256];

	(void)argc, (void)argv;
	if (certs_crl_update(err, sizeof(err)) == 0)
		return 0;
	fprintf(stderr, "crl update: %s\n", err);
	return 1;
}

static int
run_users_expire(int argc, char *argv[])
{
	int	 n = council_expire_due();

	(void)argc, (void)argv;
	if (n >= 0)
		printf("users ended by withdrawal: %d\n", n);
	return n < 0;
}

static int
run_emergency_escalate(int argc, char *argv[])
{
	int	 n = emergency_escalate();

	(void)argc, (void)argv;
	if (n >= 0)
		printf("overdue emergency follow-ups escalated: %d\n", n);
	return n < 0;
}

/* A15: unplanned maintenance, at once; audited as the admin tool. */
static int
run_maintenance(int argc, char *argv[])
{
	int	 on = argc > 1 && str_eq(argv[1], "on"), rc;

	if (!on && !(argc > 1 && str_eq(argv[1], "off")))
		return -1;	/* not this command: usage */
	rc = maint_switch(on, argc > 2 ? argv[2] : NULL, 0) == 0 &&
	    audit(NULL, &(struct audit_entry){ .action = on ?
	    "maintenance.on" : "maintenance.off",
	    .object_type = "maintenance" }) == 0 ? 0 : 1;
	if (rc == 0)
		printf("maintenance %s\n", on ? "on" : "off");
	return rc;
}

static int
run_misuse_scan(int argc, char *argv[])
{
	int	 n = misuse_scan();

	(void)argc, (void)argv;
	if (n >= 0)
		printf("misuse alerts raised: %d\n", n);
	return n < 0;
}

static int
run_user_address(int argc, char *argv[])
{
	if (argc != 4)
		return -1;
	return db_exec(STMT_USER_SET_ADDRESS, "ss", argv[3], argv[2]) == 1 ? 0 : 1;
}

static int
run_routes(int argc, char *argv[])
{
	if (argc == 1)
		return cmd_routes(0);
	if (argc == 2 && str_eq(argv[1], "--fields"))
		return cmd_routes(1);
	return -1;
}

static int
run_backup(int argc, char *argv[])
{
	char	 err[512];
	int	 backup = str_eq(argv[0], "backup");

	if (argc != 2)
		return -1;
	if ((backup ? backup_make : backup_restore)(argv[1], err,
	    sizeof(err)) == -1) {
		fprintf(stderr, "%s: %s\n", argv[0], err);
		return 1;
	}
	printf("%s %s\n", backup ? "backed up to" : "restored from", argv[1]);
	return 0;
}

static const char	*conf = "var/mogami.conf";

static int
run_scheduler(int argc, char *argv[])
{
	(void)argv;
	if (argc != 1)
		return -1;
	openlog("mogamictl", LOG_PERROR, LOG_USER);
	return jobs_loop("/proc/self/exe", conf);
}

static int
run_ssmix2_import_all(int argc, char *argv[])
{
	return cmd_ssmix2_import_all(flag(argc, argv, 2, "--requested"));
}

static int
run_audit_seal(int argc, char *argv[])
{
	return cmd_audit_seal(0, flag(argc, argv, 2, "--quiet"));
}

static int
run_audit_checkpoint(int argc, char *argv[])
{
	(void)argc, (void)argv;
	return cmd_audit_seal(1, 0);
}

static int
run_dashboard_refresh(int argc, char *argv[])
{
	long long	 n = dash_refresh(flag(argc, argv, 2, "--rebuild"));

	if (n >= 0 && !flag(argc, argv, 2, "--quiet"))
		printf("dashboard: audit entries counted ahead: %lld\n", n);
	if (n < 0)
		fprintf(stderr, "dashboard refresh: failed\n");
	return n < 0;
}

static void
dashboard_diff(const char *table, const char *key, const char *kept,
    const char *source)
{
	printf("dashboard verify: %s %s: kept %s, source %s\n", table, key, kept,
	    source);
}

/* dashboard verify: 0 when every kept count equals its sources, 1 if not. */
static int
run_dashboard_verify(int argc, char *argv[])
{
	long long	 n;

	(void)argc, (void)argv;
	if ((n = dash_verify(dashboard_diff)) < 0) {
		fprintf(stderr, "dashboard verify: database error\n");
		return 2;
	}
	printf("dashboard verify: %lld differences\n", n);
	return n != 0;
}

/* What a command needs before it runs. */
enum need {
	NEED_NOTHING,	/* neither configuration nor database */
	NEED_CONF,	/* the configuration */
	NEED_DB,	/* the configuration, syslog, the database and its clock */
	NEED_SCHEMA	/* the same, before the clock table exists (db ...) */
};

/*
 * Every command, one row each, in the order usage() lists them: its words
 * (word2 NULL: any second word, the command reads it), what it needs, the
 * function (argv[0] is the first word; -1 means the arguments do not fit:
 * usage), and its usage line.
 */
static const struct cmd {
	const char	*word1, *word2;
	enum need	 need;
	int		(*run)(int, char *[]);
	const char	*usage;
} cmds[] = {
	{ "db", "migrate", NEED_SCHEMA, run_db_migrate,
	  "db migrate [--dir DIR]" },
	{ "db", "check", NEED_SCHEMA, run_db_check,
	  "db check [--columns]           (every statement prepares; columns as named)" },
	{ "pages", NULL, NEED_CONF, run_pages, "pages DIR" },
	{ "ca", "init", NEED_DB, run_ca_init, "ca init" },
	{ "crl", "update", NEED_DB, run_crl_update, "crl update" },
	{ "facility", "add", NEED_DB, cmd_facility_add,
	  "facility add --code C --name N [--kind K] [--disclosing] [--viewing]" },
	{ "user", "add", NEED_DB, cmd_user_add,
	  "user add --login ID --name NAME --facility CODE --role R[,R] [--profession P]" },
	{ "user", "passwd", NEED_DB, cmd_user_passwd,
	  "user passwd ID [--keep]        (new password on standard input)" },
	{ "user", "disable", NEED_DB, cmd_user_disable, "user disable ID" },
	{ "users", "expire", NEED_DB, run_users_expire,
	  "users expire                   (withdrawals whose date has come)" },
	{ "emergency", "escalate", NEED_DB, run_emergency_escalate,
	  "emergency escalate             (overdue A14 follow-ups to the operator)" },
	{ "maintenance", NULL, NEED_DB, run_maintenance,
	  "maintenance on [TITLE] | off   (A15: unplanned maintenance at once)" },
	{ "misuse", "scan", NEED_DB, run_misuse_scan,
	  "misuse scan                    (run the misuse rules over the audit log)" },
	{ "user", "address", NEED_DB, run_user_address,
	  "user address ID ADDRESS        (for the same-surname-and-address rule)" },
	{ "routes", NULL, NEED_NOTHING, run_routes, "routes [--fields]" },
	{ "backup", NULL, NEED_CONF, run_backup,
	  "backup DIR                     (consistent dump, audit checkpoints, key)" },
	{ "restore", NULL, NEED_CONF, run_backup,
	  "restore DIR                    (into a fresh instance)" },
	{ "scheduler", NULL, NEED_CONF, run_scheduler,
	  "scheduler                      (runs the periodic jobs until SIGTERM)" },
	{ "cert", "issue", NEED_DB, cmd_cert_issue,
	  "cert issue --login ID --out DIR [--days N]" },
	{ "cert", "revoke", NEED_DB, cmd_cert_revoke,
	  "cert revoke SERIAL --reason R" },
	{ "ssmix2", "import", NEED_DB, cmd_ssmix2_import,
	  "ssmix2 import --facility CODE [--ext DIR] DIR" },
	{ "ssmix2", "set", NEED_DB, cmd_ssmix2_set,
	  "ssmix2 set --facility CODE --dir DIR [--ext DIR] [--disable]" },
	{ "ssmix2", "import-all", NEED_DB, run_ssmix2_import_all,
	  "ssmix2 import-all [--requested] (every enabled facility's storage;\n"
	  "                               --requested: those asked to run now)" },
	{ "audit", "seal", NEED_DB, run_audit_seal,
	  "audit seal [--quiet]           (chain new entries, checkpoint the head)" },
	{ "audit", "checkpoint", NEED_DB, run_audit_checkpoint,
	  "audit checkpoint               (a signed checkpoint of the head now)" },
	{ "audit", "verify", NEED_DB, cmd_audit_verify,
	  "audit verify [--unsealed-secs N]  (exit 0 when the chain is intact)" },
	{ "audit", "export", NEED_DB, cmd_audit_export,
	  "audit export --from DATE --to DATE  (FHIR AuditEvent Bundle on stdout)" },
	{ "fhir", "export", NEED_DB, cmd_fhir_export,
	  "fhir export --facility CODE    (its records as FHIR JP Core, ndjson on stdout)" },
	{ "dashboard", "refresh", NEED_DB, run_dashboard_refresh,
	  "dashboard refresh [--rebuild] [--quiet]  (count record views ahead for the dashboard;\n"
	  "                --rebuild: every kept count again)" },
	{ "dashboard", "verify", NEED_DB, run_dashboard_verify,
	  "dashboard verify               (every kept count against its sources;\n"
	  "                exit 1 on a difference)" },
	{ "facts", "verify", NEED_DB, cmd_facts_verify,
	  "facts verify [--patient ID] [--quiet]  (the kept facts against their sources;\n"
	  "                exit 1 on a difference)" },
	{ "facts", "decide", NEED_DB, cmd_facts_decide,
	  "facts decide PATIENT FACILITY [USER]  (the verdict on the kept facts and on\n"
	  "                the sources)" },
	{ "rules", "load", NEED_DB, cmd_rules_load,
	  "rules load --title T --effective DATE --body FILE [--handling FILE]\n"
	  "                (a version of the rules, A11.1; the same files again add nothing)" },
	{ "demo", "generate", NEED_NOTHING, cmd_demo_generate,
	  "demo generate --patients N --facilities F --years Y --seed S --out DIR\n"
	  "                [--heavy M] [--only CODE | --no-trees]  (a synthetic region;\n"
	  "                see scripts/region.sh)" },
};

static void
usage(void)
{
	fprintf(stderr, "usage: mogamictl [-c conf] command ...\n");
	for (size_t i = 0; i < NITEMS(cmds); i++)
		fprintf(stderr, "  %s\n", cmds[i].usage);
	exit(2);
}

/* The row for argv, or NULL. A command with a second word needs it. */
static const struct cmd *
cmd_find(int argc, char *argv[])
{
	for (size_t i = 0; i < NITEMS(cmds); i++) {
		const struct cmd *c = &cmds[i];
		if (!str_eq(argv[0], c->word1))
			continue;
		if (c->word2 == NULL)
			return c;
		if (argc >= 2 && str_eq(argv[1], c->word2))
			return c;
	}
	return NULL;
}

int
main(int argc, char *argv[])
{
	const struct cmd	*cmd;
	char			 err[512];
	int			 c, rc;

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
	if (argc < 1 || (cmd = cmd_find(argc, argv)) == NULL)
		usage();
	if (cmd->need >= NEED_DB)
		openlog("mogamictl", LOG_PERROR, LOG_USER);
	if (cmd->need >= NEED_CONF &&
	    config_load(conf, err, sizeof(err)) == -1) {
		fprintf(stderr, "mogamictl: %s\n", err);
		return 1;
	}
	if (cmd->need >= NEED_DB) {
		/* Its jobs (a migration rebuilding the audit log's 10 million
		 * rows, a restore, a dashboard refresh) outlast a worker's 30 s:
		 * an hour. */
		db_set_io_timeout(3600);
		if (db_connect(err, sizeof(err)) == -1) {
			fprintf(stderr, "mogamictl: %s\n", err);
			return 1;
		}
		if (cmd->need == NEED_DB)	/* before migrations: no clock table */
			clock_from_db();
	}
	if ((rc = cmd->run(argc, argv)) == -1)
		usage();
	if (cmd->need >= NEED_DB)
		db_close();
	return rc;
}
