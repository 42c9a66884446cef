/* chain.h: the audit chain's canonical encoding, hashes and signed checkpoints (pure code) */
#ifndef AUDITCHAIN_H
#define AUDITCHAIN_H
#include <stddef.h>
#include <time.h>

#include "base/util.h"
#include "pki/pki.h"

/*
 * The columns of an audit entry, in the order the canonical encoding
 * takes them (and the chain's SELECTs return them). Every column of the
 * audit table but the hash itself.
 */
enum ac_field {
	AC_SEQ, AC_ID, AC_TS, AC_USER_ID, AC_LOGIN, AC_FACILITY_ID, AC_ROLE,
	AC_ACTION, AC_OBJECT_TYPE, AC_OBJECT_ID, AC_PATIENT_ID, AC_PURPOSE,
	AC_OUTCOME, AC_CLIENT_ADDR, AC_CERT_SERIAL, AC_DETAIL, AC__MAX
};

/* The audit table's column names, AC_* order (the verifier compares). */
extern const char *const auditchain_columns[AC__MAX];
/*
 * Columns of audit the chain need not cover because the database computes
 * them from covered ones (generated, never written), NULL-terminated. The
 * verifier checks that each is still a generated column.
 */
extern const char *const auditchain_derived[];

/* One entry as text: f[i] NULL is SQL NULL; len[i] its byte length. */
struct ac_row {
	const char	*f[AC__MAX];
	size_t		 len[AC__MAX];
};

#define AC_TAG		"mogami-audit-1"
#define AC_GENESIS	"0000000000000000000000000000000000000000000000000000000000000000"
#define AC_KEY_LEN	32	/* bytes of the checkpoint HMAC key */
#define AC_CKPT_MAX	256	/* a checkpoint line with its newline and NUL */

int	 auditchain_canon(const struct ac_row *, struct buf *);
int	 auditchain_hash(const char *, const struct ac_row *,
	    char [PKI_SHA256_HEX]);
int	 auditchain_hex_ok(const char *);

/* A checkpoint: the chain head at a time, signed. */
struct ac_ckpt {
	long long	 seq;
	char		 hash[PKI_SHA256_HEX];
	char		 time[21];	/* YYYY-MM-DDTHH:MM:SSZ */
};

int	 auditchain_ckpt_format(const unsigned char *, long long, const char *,
	    time_t, char *, size_t);
int	 auditchain_ckpt_parse(const unsigned char *, const char *,
	    struct ac_ckpt *);

#endif
