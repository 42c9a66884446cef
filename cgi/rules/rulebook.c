/* rulebook.c: the rules (運用規程) as versioned text, their acknowledgement (A11.1-A11.3, A8.2, A19) */
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/kana.h"
#include "base/util.h"
#include "db/db.h"
#include "pki/pki.h"
#include "rules/rulebook.h"
#include "web/req.h"

long long
rulebook_in_force(int *seq)
{
	struct dbres	*res;
	char		 day[11];
	long long	 id = 0;

	today(day);
	if ((res = db_query(STMT_RULES_IN_FORCE, "s", day)) == NULL)
		return -1;
	if (res->nrows > 0) {
		id = dbres_ll(res, 0, RULES_IN_FORCE_ID);
		if (seq != NULL)
			*seq = (int)dbres_ll(res, 0, RULES_IN_FORCE_SEQ);
	}
	dbres_free(res);
	return id;
}

int
rulebook_ack_needed(long long user)
{
	struct dbres	*res;
	char		 day[11];
	int		 need;

	today(day);
	if ((res = db_query(STMT_RULES_ACK_NEEDED, "is", user, day)) == NULL)
		return -1;
	need = res->nrows > 0 && dbres_ll(res, 0, RULES_ACK_NEEDED_ACKED) == 0;
	dbres_free(res);
	return need;
}

const char *
rulebook_text_check(const char *s, size_t len)
{
	int	 blank = 1;

	if (s == NULL || len == 0)
		return "empty";
	if (len > RULEBOOK_TEXT_MAX)
		return "large";
	if (!utf8_valid(s, len))
		return "utf8";
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f)
			return "control";
		/* U+3000, the ideographic space, is blank too. */
		if (c == 0xe3 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0x80) {
			i += 2;
			continue;
		}
		if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
			blank = 0;
	}
	return blank ? "empty" : NULL;
}

/* The SHA-256 of body, a NUL, handling: what the version's text is, in hex. */
static int
text_hash(const char *body, size_t blen, const char *hand, size_t hlen,
    char out[PKI_SHA256_HEX])
{
	char	*all;
	int	 rc;

	if ((all = malloc(blen + hlen + 1)) == NULL)
		return -1;
	memcpy(all, body, blen);
	all[blen] = '\0';
	memcpy(all + blen + 1, hand, hlen);
	rc = pki_sha256_hex(all, blen + hlen + 1, out);
	free(all);
	return rc;
}

int
rulebook_create(const struct rulebook_new *v, long long *id)
{
	struct dbres	*last, *dup;
	const char	*hand = v->handling;
	size_t		 hlen = v->handling_len;
	char		 sha[PKI_SHA256_HEX];
	int		 rc = RULEBOOK_E_DB;

	if ((dup = db_query(STMT_RULES_BY_IDEM, "s", v->idem)) == NULL)
		return RULEBOOK_E_DB;
	if (dup->nrows > 0) {
		*id = dbres_ll(dup, 0, RULES_BY_IDEM_ID);
		dbres_free(dup);
		return RULEBOOK_E_DUP;
	}
	dbres_free(dup);
	if ((last = db_query(STMT_RULES_LATEST, "")) == NULL)
		return RULEBOOK_E_DB;
	/* Versions take effect in their order: none before the newest's day. */
	if (last->nrows > 0 && strcmp(v->effective_on,
	    dbres_get(last, 0, RULES_LATEST_EFFECTIVE_ON)) < 0) {
		rc = RULEBOOK_E_DATE;
		goto out;
	}
	if (hand == NULL) {
		if (last->nrows == 0) {
			rc = RULEBOOK_E_HANDLING;
			goto out;
		}
		hand = dbres_get(last, 0, RULES_LATEST_HANDLING);
		hlen = dbres_len(last, 0, RULES_LATEST_HANDLING);
	}
	if (text_hash(v->body, v->body_len, hand, hlen, sha) == -1)
		goto out;
	int n = db_exec(STMT_RULES_INSERT, "sbbssisis", v->title, v->body,
	    v->body_len, hand, hlen, v->effective_on, v->source, v->agenda_item,
	    sha, v->created_by, v->idem);
	if (n == DB_DUP)
		rc = RULEBOOK_E_DUP;
	else if (n == 1) {
		*id = (long long)db_last_id();
		rc = RULEBOOK_OK;
	}
out:
	dbres_free(last);
	return rc;
}

/*
 * Day YYYY-MM-DD in the Japanese calendar with full-width digits, as the
 * rules and the paper forms write it (令和８年４月１日, 昭和４９年４月１８日):
 * date_wareki's era and words, each ASCII digit made U+FF10 + d (EF BC 90+d).
 * Every era since 明治6年, for a patient's birth date on forms 4 and 5 too
 * (issue 21's year printed 昭和 days as 1974-04-18). 0 or -1.
 */
int
rulebook_date_wareki(const char *day, char *out, size_t outlen)
{
	char	 a[64];
	long	 d;
	size_t	 k = 0;

	/* valid_date, not date_days's -1: that is 1969-12-31, a birth date. */
	if (day == NULL || !valid_date(day))
		return -1;
	d = date_days(day);
	if (date_wareki(a, sizeof(a), d) == -1)
		return -1;
	for (const char *p = a; *p != '\0'; p++) {
		int digit = *p >= '0' && *p <= '9';
		if (k + (digit ? 3 : 1) >= outlen)
			return -1;
		if (!digit) {
			out[k++] = *p;
			continue;
		}
		out[k++] = (char)0xef;
		out[k++] = (char)0xbc;
		out[k++] = (char)(0x90 + (*p - '0'));
	}
	out[k] = '\0';
	return 0;
}

int
rulebook_supplementary(const char *day, char *out, size_t outlen)
{
	char	 w[64];

	if (rulebook_date_wareki(day, w, sizeof(w)) == -1)
		return -1;
	return str_fmt(out, outlen, "附　則\n（施行期日）\n"
	    "１．この規程は、%sから施行する。\n", w) == -1 ? -1 : 0;
}
