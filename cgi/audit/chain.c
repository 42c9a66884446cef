/* chain.c: the audit chain's canonical encoding, hashes and signed checkpoints (pure code) */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit/chain.h"
#include "base/util.h"
#include "pki/pki.h"

/*
 * The canonical bytes of an entry (version 1), what its hash covers:
 *
 *   canon  = field("mogami-audit-1") field(seq) field(id) field(ts)
 *            field(user_id) field(login) field(facility_id) field(role)
 *            field(action) field(object_type) field(object_id)
 *            field(patient_id) field(purpose) field(outcome)
 *            field(client_addr) field(cert_serial) field(detail)
 *   field(NULL) = 0x00
 *   field(s)    = 0x01, the byte length of s as 4 bytes big-endian, s
 *   hash   = SHA-256(the previous entry's hash as 32 bytes || canon),
 *            stored as 64 lowercase hex digits; before seq 1 the
 *            previous hash is 32 zero bytes.
 *
 * Integers are decimal ASCII without leading zeros (as MariaDB prints
 * them); ts is "YYYY-MM-DD HH:MM:SS.ffffff" (UTC, always 6 digits);
 * strings are the stored UTF-8 bytes. The length prefix makes the
 * encoding injective: no two different entries (NULL and "" differ, "ab"
 * "c" and "a" "bc" differ) have the same bytes. The tag names the
 * version: a new column means a new tag and a new field list.
 */
const char *const auditchain_columns[AC__MAX] = {
	"seq", "id", "ts", "user_id", "login", "facility_id", "role",
	"action", "object_type", "object_id", "patient_id", "purpose",
	"outcome", "client_addr", "cert_serial", "detail"
};

const char *const auditchain_derived[] = {
	"patient_access",	/* 0021: whether action is an access to patient data */
	NULL
};

static void
field(struct buf *b, const char *s, size_t len)
{
	unsigned char	 h[5];

	if (s == NULL) {
		h[0] = 0;
		buf_add(b, h, 1);
		return;
	}
	h[0] = 1;
	h[1] = (unsigned char)(len >> 24);
	h[2] = (unsigned char)(len >> 16);
	h[3] = (unsigned char)(len >> 8);
	h[4] = (unsigned char)len;
	buf_add(b, h, 5);
	buf_add(b, s, len);
}

/* Appends the canonical bytes of r to b; 0, or -1 when out of memory. */
int
auditchain_canon(const struct ac_row *r, struct buf *b)
{
	field(b, AC_TAG, strlen(AC_TAG));
	for (size_t i = 0; i < AC__MAX; i++) {
		if (r->f[i] != NULL && r->len[i] > UINT32_MAX)
			return -1;
		field(b, r->f[i], r->len[i]);
	}
	return b->oom ? -1 : 0;
}

/* 1 if s is 64 lowercase hex digits. */
int
auditchain_hex_ok(const char *s)
{
	size_t	 i;

	if (s == NULL)
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return i == 64;
}

/*
 * The hash of r after the entry whose hash is prev (64 lowercase hex
 * digits; AC_GENESIS before the first), into out. 0, or -1 when prev is
 * malformed or on an internal error.
 */
int
auditchain_hash(const char *prev, const struct ac_row *r,
    char out[PKI_SHA256_HEX])
{
	struct buf	 b;
	unsigned char	 raw[32];
	int		 rc = -1;

	if (!auditchain_hex_ok(prev))
		return -1;
	for (size_t i = 0; i < 32; i++)
		raw[i] = (unsigned char)(hex_value(prev[2 * i]) << 4 |
		    hex_value(prev[2 * i + 1]));
	buf_init(&b);
	buf_add(&b, raw, sizeof(raw));
	if (auditchain_canon(r, &b) == 0 &&
	    pki_sha256_hex(b.data, b.len, out) == 0)
		rc = 0;
	buf_free(&b);
	return rc;
}

/* "ckpt1 SEQ HASH TIME": what a checkpoint's HMAC covers. */
static int
ckpt_body(char *out, size_t outlen, long long seq, const char *hash,
    const char *tm)
{
	return str_fmt(out, outlen, "ckpt1 %lld %s %s", seq, hash, tm);
}

/*
 * A checkpoint line "ckpt1 SEQ HASH YYYY-MM-DDTHH:MM:SSZ HMAC\n", where
 * HMAC is HMAC-SHA256 under key (AC_KEY_LEN bytes) of everything before
 * the space in front of it, as 64 lowercase hex digits. 0 or -1.
 */
int
auditchain_ckpt_format(const unsigned char *key, long long seq,
    const char *hash, time_t t, char *out, size_t outlen)
{
	char		 body[AC_CKPT_MAX], mac[PKI_SHA256_HEX], tm[21];
	struct tm	 g;

	if (seq < 0 || !auditchain_hex_ok(hash) || gmtime_r(&t, &g) == NULL ||
	    strftime(tm, sizeof(tm), "%Y-%m-%dT%H:%M:%SZ", &g) == 0)
		return -1;
	if (ckpt_body(body, sizeof(body), seq, hash, tm) == -1 ||
	    pki_hmac_sha256_hex(key, AC_KEY_LEN, body, strlen(body), mac) == -1)
		return -1;
	return str_fmt(out, outlen, "%s %s\n", body, mac);
}

/*
 * Parses one checkpoint line (with or without its newline) and checks its
 * HMAC under key. Returns 0 with *c filled, -1 when malformed, -2 when
 * the signature is wrong.
 */
int
auditchain_ckpt_parse(const unsigned char *key, const char *line,
    struct ac_ckpt *c)
{
	char		 seqs[24], hash[80], tm[32], mac[80], extra[2];
	char		 body[AC_CKPT_MAX], want[PKI_SHA256_HEX];
	long long	 seq;

	memset(c, 0, sizeof(*c));
	if (strlen(line) >= AC_CKPT_MAX ||
	    sscanf(line, "ckpt1 %23s %79s %31s %79s %1s", seqs, hash, tm, mac,
	    extra) != 4)
		return -1;
	if (str_to_ll(seqs, 0, INT64_MAX, &seq) == -1 ||
	    !auditchain_hex_ok(hash) || !auditchain_hex_ok(mac) ||
	    strlen(tm) != 20 || tm[10] != 'T' || tm[19] != 'Z')
		return -1;
	if (ckpt_body(body, sizeof(body), seq, hash, tm) == -1 ||
	    pki_hmac_sha256_hex(key, AC_KEY_LEN, body, strlen(body), want) == -1)
		return -1;
	if (!pki_ct_equal(want, mac, 64))
		return -2;
	c->seq = seq;
	str_copy(c->hash, hash, sizeof(c->hash));
	str_copy(c->time, tm, sizeof(c->time));
	return 0;
}
