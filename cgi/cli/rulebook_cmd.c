/*
 * rulebook_cmd.c: mogamictl rules load: a version of the rules and the
 * information-handling document from UTF-8 text files (A11.1, A8.2), as
 * the operator's page loads one. The same files loaded again add nothing
 * (the files' hash is the version's idempotency key): the demo instance
 * loads its demo text on every `make run`.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "cli/rulebook_cmd.h"
#include "db/db.h"
#include "pki/pki.h"
#include "rules/rulebook.h"
#include "web/audit.h"

/* The value after name in argv[from..], or NULL. */
static const char *
arg(int argc, char *argv[], int from, const char *name)
{
	for (int i = from; i < argc - 1; i++)
		if (strcmp(argv[i], name) == 0)
			return argv[i + 1];
	return NULL;
}

/* The whole of file path (malloc'd, the caller frees) into *out, *len; 0 or -1. */
static int
slurp(const char *path, char **out, size_t *len)
{
	FILE	*f;
	char	*b;
	size_t	 n;

	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "rules load: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if ((b = malloc(RULEBOOK_TEXT_MAX + 2)) == NULL) {
		fclose(f);
		return -1;
	}
	n = fread(b, 1, RULEBOOK_TEXT_MAX + 1, f);
	fclose(f);
	b[n] = '\0';
	*out = b;
	*len = n;
	return 0;
}

/* rules load --title T --effective YYYY-MM-DD --body FILE [--handling FILE] */
int
cmd_rules_load(int argc, char *argv[])
{
	const char	*title = arg(argc, argv, 2, "--title");
	const char	*day = arg(argc, argv, 2, "--effective");
	const char	*bf = arg(argc, argv, 2, "--body");
	const char	*hf = arg(argc, argv, 2, "--handling");
	struct rulebook_new v = { 0 };
	char		*body = NULL, *hand = NULL, *key = NULL, idem[PKI_SHA256_HEX];
	const char	*why;
	long long	 id = 0;
	int		 rc, ret = 1;

	if (title == NULL || day == NULL || bf == NULL) {
		fprintf(stderr, "rules load: --title, --effective and --body are required\n");
		return 2;
	}
	if (slurp(bf, &body, &v.body_len) == -1 ||
	    (hf != NULL && slurp(hf, &hand, &v.handling_len) == -1))
		goto out;
	if ((why = rulebook_text_check(body, v.body_len)) != NULL ||
	    (hand != NULL && (why = rulebook_text_check(hand, v.handling_len)) != NULL)) {
		fprintf(stderr, "rules load: the text is refused: %s\n", why);
		goto out;
	}
	/* One version per content: title, day and both texts. */
	size_t klen = strlen(title) + strlen(day) + v.body_len + v.handling_len + 4;
	if ((key = malloc(klen)) == NULL)
		goto out;
	int k = snprintf(key, klen, "%s\n%s\n", title, day);
	memcpy(key + k, body, v.body_len);
	if (hand != NULL)
		memcpy(key + k + v.body_len, hand, v.handling_len);
	if (pki_sha256_hex(key, (size_t)k + v.body_len + v.handling_len, idem) == -1)
		goto out;
	v.title = title;
	v.effective_on = day;
	v.body = body;
	v.handling = hand;
	v.source = "loaded";
	v.idem = idem;
	if (db_begin() != DB_OK)
		goto out;
	rc = rulebook_create(&v, &id);
	if (rc == RULEBOOK_E_DUP) {
		db_rollback();
		printf("rules version exists (id %lld)\n", id);
		ret = 0;
		goto out;
	}
	if (rc != RULEBOOK_OK) {
		db_rollback();
		fprintf(stderr, "rules load: %s\n", rc == RULEBOOK_E_DATE ?
		    "the effective day is before the newest version's" :
		    rc == RULEBOOK_E_HANDLING ? "the first version needs --handling" :
		    "the database refused it");
		goto out;
	}
	char oid[24];
	snprintf(oid, sizeof(oid), "%lld", id);
	if (audit(NULL, &(struct audit_entry){ .action = "rules.load",
	    .object_type = "rules_version", .object_id = oid, .detail = day }) != 0 ||
	    db_commit() != DB_OK) {
		db_rollback();
		fprintf(stderr, "rules load: the database refused it\n");
		goto out;
	}
	printf("rules version loaded (id %lld), in force from %s\n", id, day);
	ret = 0;
out:
	free(body);
	free(hand);
	free(key);
	return ret;
}
