/* agenda.c: the council's agenda items and what their decisions do (A19, A18, A4.2) */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "db/db.h"
#include "pki/pki.h"
#include "rules/agenda.h"
#include "rules/rulebook.h"

int
agenda_file(const char *kind, const char *title, const char *explanation,
    long long agreement, long long report, long long by, long long *id)
{
	char	 idem[65];

	/* Filed by another page, once: its own key, never a form's. */
	if (pki_token_hex(idem, sizeof(idem), 32) == -1)
		return -1;
	if (db_exec(STMT_AGENDA_ITEM_INSERT, "sssbbsiiis", kind, title,
	    explanation, NULL, (size_t)0, NULL, (size_t)0, NULL, agreement,
	    report, by, idem) != 1)
		return -1;
	*id = (long long)db_last_id();
	return 0;
}

/*
 * An approved amendment: its text with the supplementary provision (附則)
 * for its day appended, as the next version, the handling document its own
 * or the newest version's.
 */
static int
amend(const struct dbres *item, long long by, long long *version)
{
	const char	*body = dbres_get(item, 0, AGENDA_ITEM_GET_AMEND_BODY);
	const char	*day = dbres_get(item, 0, AGENDA_ITEM_GET_AMEND_EFFECTIVE_ON);
	size_t		 blen = dbres_len(item, 0, AGENDA_ITEM_GET_AMEND_BODY);
	char		 supp[256], idem[PKI_SHA256_HEX], key[64];
	struct rulebook_new v = { 0 };
	char		*text;
	int		 rc;

	if (body == NULL || day == NULL ||
	    rulebook_supplementary(day, supp, sizeof(supp)) == -1)
		return AGENDA_E_DB;
	size_t slen = strlen(supp);
	if ((text = malloc(blen + slen + 3)) == NULL)
		return AGENDA_E_DB;
	memcpy(text, body, blen);
	size_t n = blen;
	/* The provision on lines of its own, one blank line before it. */
	if (n > 0 && text[n - 1] != '\n')
		text[n++] = '\n';
	text[n++] = '\n';
	memcpy(text + n, supp, slen);
	n += slen;
	/* One version per item: a second approval is impossible, but say so. */
	str_fmt(key, sizeof(key), "agenda item %s", dbres_get(item, 0,
	    AGENDA_ITEM_GET_ID));
	if (pki_sha256_hex(key, strlen(key), idem) == -1) {
		free(text);
		return AGENDA_E_DB;
	}
	v.title = dbres_get(item, 0, AGENDA_ITEM_GET_TITLE);
	v.body = text;
	v.body_len = n;
	v.handling = dbres_get(item, 0, AGENDA_ITEM_GET_AMEND_HANDLING);
	v.handling_len = dbres_len(item, 0, AGENDA_ITEM_GET_AMEND_HANDLING);
	v.effective_on = day;
	v.source = "amendment";
	v.agenda_item = dbres_ll(item, 0, AGENDA_ITEM_GET_ID);
	v.created_by = by;
	v.idem = idem;
	rc = rulebook_create(&v, version);
	free(text);
	if (rc == RULEBOOK_E_DATE)
		return AGENDA_E_DATE;
	return rc == RULEBOOK_OK ? AGENDA_OK : AGENDA_E_DB;
}

int
agenda_carry_out(const struct dbres *item, const char *decision, long long by,
    long long *version)
{
	const char	*kind = dbres_get(item, 0, AGENDA_ITEM_GET_KIND);

	*version = 0;
	if (str_eq(kind, "amendment") && str_eq(decision, "approved"))
		return amend(item, by, version);
	if (str_eq(kind, "federation"))
		return db_exec(STMT_AGREEMENT_COUNCIL, "si", decision, dbres_ll(item,
		    0, AGENDA_ITEM_GET_AGREEMENT_ID)) < 0 ? AGENDA_E_DB : AGENDA_OK;
	if (str_eq(kind, "misuse"))
		return db_exec(STMT_MISUSE_REPORT_COUNCIL, "si", decision,
		    dbres_ll(item, 0, AGENDA_ITEM_GET_MISUSE_REPORT_ID)) < 0 ?
		    AGENDA_E_DB : AGENDA_OK;
	return AGENDA_OK;
}
