/* pki.h: the network's CA, certificates, CRL, password hashing and tokens (OpenSSL 3) */
#ifndef PKI_H
#define PKI_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/*
 * Conventions: functions that can fail return 0 on success and -1 on error;
 * where a function takes "char *err, size_t errlen", a short message (no
 * secrets) is written there on error; err may be NULL.  No function keeps
 * state between calls; all are safe to call from any worker.
 */

/* Sizes of the strings below, each with its terminating NUL. */
#define PKI_SHA256_HEX	65	/* 64 lowercase hex digits */
#define PKI_SHA1_HEX	41	/* 40 lowercase hex digits */
#define PKI_SERIAL_MAX	66	/* up to 32 octets in hex, '-' if negative */
#define PKI_DN_MAX	2048	/* RFC 2253, non-ASCII bytes escaped */
#define PKI_NAME_MAX	257	/* 64 characters of up to 4 UTF-8 bytes */
#define PKI_TIME_MAX	20	/* "YYYY-MM-DD HH:MM:SS" (UTC) */
#define PKI_P12_PASS_LEN 16	/* characters in a PKCS#12 password */
#define PKI_PASSWORD_MAX 160	/* an encoded password hash made here */
#define PKI_PASSWORD_INPUT_MAX 1024 /* longest password accepted, in bytes */

/* Default scrypt parameters (about 40 ms and 16 MiB on the dev machine). */
#define PKI_SCRYPT_N	16384
#define PKI_SCRYPT_R	8
#define PKI_SCRYPT_P	1

/* ---- Random numbers, tokens, digests ---- */

/* Fills buf with n bytes from OpenSSL's CSPRNG. */
int	pki_random(unsigned char *buf, size_t n);

/*
 * Writes the lowercase hex of nbytes (>= 1) fresh random bytes and a NUL
 * to out; outlen must be at least 2 * nbytes + 1 (32 bytes: 256 bits, a
 * session token).
 */
int	pki_token_hex(char *out, size_t outlen, size_t nbytes);

/* SHA-256 of data as 64 lowercase hex digits and a NUL. */
int	pki_sha256_hex(const void *data, size_t len,
	    char out[PKI_SHA256_HEX]);

/* HMAC-SHA256 of data under key as 64 lowercase hex digits and a NUL. */
int	pki_hmac_sha256_hex(const void *key, size_t keylen, const void *data,
	    size_t len, char out[PKI_SHA256_HEX]);

/*
 * Returns 1 if the n bytes at a and b are equal, else 0, in a time that
 * does not depend on the bytes.
 */
/* Unambiguous letters and digits for passwords a person types once. */
#define PKI_PW_ALPHABET "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"
int	pki_random_string(char *out, size_t n, const char *alphabet);
int	pki_ct_equal(const void *a, const void *b, size_t n);

/* ---- Passwords (scrypt) ---- */

/*
 * Hashes pw (at most PKI_PASSWORD_INPUT_MAX bytes) with scrypt and a fresh
 * 16-byte salt into out as "scrypt$N$r$p$<salt hex>$<hash hex>" (lowercase
 * hex, 32-byte hash); outlen >= PKI_PASSWORD_MAX suffices.
 * pki_password_hash uses the PKI_SCRYPT_* defaults; _params takes others
 * (within the bounds that pki_password_verify accepts; tests use cheap
 * ones).
 */
int	pki_password_hash(const char *pw, char *out, size_t outlen,
	    char *err, size_t errlen);
int	pki_password_hash_params(const char *pw, uint64_t n, uint32_t r,
	    uint32_t p, char *out, size_t outlen, char *err, size_t errlen);

/*
 * Checks pw against an encoded hash, with the parameters stored in it.
 * Returns 1 on a match, 0 on no match, -1 if encoded is malformed or its
 * parameters are out of bounds (N a power of two in [2, 2^20], r in
 * [1, 32], p in [1, 16], 128*N*r at most 64 MiB, N*r*p at most 2^20: at
 * worst 8 times the default's work), or on an internal error.  The
 * comparison is constant-time.
 */
int	pki_password_verify(const char *pw, const char *encoded);

/* ---- Certificates ---- */

/*
 * What the network needs to know of a certificate.  Formats match what
 * nginx 1.22 with OpenSSL 3 puts in its variables (checked against a
 * running nginx), so a worker can compare them byte for byte with the
 * fastcgi params:
 *  serial     $ssl_client_serial: i2a_ASN1_INTEGER, uppercase hex, two
 *             digits per octet of the minimal DER magnitude ("05",
 *             "0A1B...", never "A1B..."); this module's serials are
 *             always 32 digits.
 *  sha1       $ssl_client_fingerprint: SHA-1 of the DER, lowercase hex.
 *  sha256     the same with SHA-256 (the network's own identifier).
 *  subject_dn $ssl_client_s_dn, issuer_dn $ssl_client_i_dn: RFC 2253
 *             (X509_NAME_print_ex, XN_FLAG_RFC2253): most specific RDN
 *             first, every byte of a non-ASCII character as \XX.
 *  cn, o, ou  the attributes as plain UTF-8 ("" if absent), for the UI.
 */
struct pki_certinfo {
	char	 serial[PKI_SERIAL_MAX];
	char	 sha256[PKI_SHA256_HEX];
	char	 sha1[PKI_SHA1_HEX];
	char	 subject_dn[PKI_DN_MAX];
	char	 issuer_dn[PKI_DN_MAX];
	char	 cn[PKI_NAME_MAX];
	char	 o[PKI_NAME_MAX];
	char	 ou[PKI_NAME_MAX];
	char	 not_before[PKI_TIME_MAX];	/* "YYYY-MM-DD HH:MM:SS" */
	char	 not_after[PKI_TIME_MAX];	/* UTC */
	time_t	 not_before_t;
	time_t	 not_after_t;
};

/*
 * Creates the network's CA: an EC P-256 key written to key_path (PKCS#8
 * PEM, unencrypted, mode 0600 from creation) and a self-signed certificate
 * written to cert_path (PEM, 0644).  Subject CN=cn and, if o is not NULL,
 * O=o (UTF8String, 1 to 64 characters each); basicConstraints critical
 * CA:TRUE, pathlen:0; keyUsage critical keyCertSign, cRLSign;
 * subjectKeyIdentifier; valid from now for days days (1 to 36500).
 * Fails if either file exists: a CA is never replaced by accident.
 */
int	pki_ca_init(const char *cn, const char *o, int days,
	    const char *key_path, const char *cert_path, char *err,
	    size_t errlen);

/*
 * Issues a TLS server certificate signed by the CA: a new EC P-256 key
 * written to key_path (0600) and the certificate to cert_path (0644),
 * both PEM, each replaced atomically if it exists.  names are DNS names
 * or IP addresses ("localhost", "127.0.0.1", "::1"), nnames >= 1, all in
 * subjectAltName; CN is names[0].  EKU serverAuth, keyUsage critical
 * digitalSignature, CA:FALSE, SKI and AKI, valid from now for days days
 * (1 to 3650, not past the CA's notAfter).
 */
int	pki_server_issue(const char *ca_cert_path, const char *ca_key_path,
	    const char *const *names, size_t nnames, int days,
	    const char *key_path, const char *cert_path, char *err,
	    size_t errlen);
/* The same with a CRL distribution point (an http or https URL), or none when NULL. */
int	pki_server_issue_crl(const char *ca_cert_path, const char *ca_key_path,
	    const char *const *names, size_t nnames, int days,
	    const char *crl_uri, const char *key_path, const char *cert_path,
	    char *err, size_t errlen);

/*
 * A client certificate request.  cn is the user's login, o the facility
 * code, ou the facility name (NULL to leave out); UTF-8, 1 to 64
 * characters, no control characters.  notBefore is now plus
 * start_offset_secs (negative: in the past; positive: not yet valid; at
 * most 10 years either way); notAfter is notBefore plus days days (1 to
 * 3650, not past the CA's notAfter).  So an expired certificate for
 * tests is start_offset_secs = -2 days, days = 1.
 */
struct pki_client_req {
	const char	*cn;
	const char	*o;
	const char	*ou;
	long long	 start_offset_secs;
	int		 days;
};

/*
 * What pki_issue_client returns.  p12 (p12_len bytes of DER) and cert_pem
 * (NUL-terminated) are malloc'd; pki_issued_free() frees them and wipes
 * the password and the PKCS#12.
 */
struct pki_issued {
	struct pki_certinfo	 info;
	char			 p12_password[PKI_P12_PASS_LEN + 1];
	unsigned char		*p12;
	size_t			 p12_len;
	char			*cert_pem;
};

/*
 * Issues a client certificate signed by the CA whose PEM certificate and
 * key are at ca_cert_path and ca_key_path: a new EC P-256 key; a random
 * positive 128-bit serial (16 octets, top bit clear, first octet
 * nonzero); subject O, OU, CN as UTF8String; EKU clientAuth, keyUsage
 * critical digitalSignature, CA:FALSE, SKI and AKI; ECDSA with SHA-256.
 * Packs key, certificate (friendlyName cn) and the CA certificate into a
 * PKCS#12 (AES-256-CBC with PBKDF2-HMAC-SHA256 for keys and
 * certificates, HMAC-SHA256 MAC, 2048 iterations) under a random
 * one-time password of PKI_P12_PASS_LEN characters from
 * "ABCDEFGHJKLMNPQRSTUVWXYZ23456789" (80 bits).  If p12_path is not NULL
 * the PKCS#12 is also written there (mode 0600; fails if it exists).
 * Fills *out (see struct pki_issued); on error *out is left empty and
 * needs no freeing, but pki_issued_free() on it is harmless.
 */
int	pki_issue_client(const char *ca_cert_path, const char *ca_key_path,
	    const struct pki_client_req *req, const char *p12_path,
	    struct pki_issued *out, char *err, size_t errlen);

/* Frees what pki_issue_client allocated in *is, wipes secrets; NULL-safe. */
void	pki_issued_free(struct pki_issued *is);

/* Parses one PEM certificate of len bytes (no NUL needed) into *ci. */
int	pki_cert_info_from_pem(const char *pem, size_t len,
	    struct pki_certinfo *ci, char *err, size_t errlen);

/* ---- Revocation ---- */

/* CRL reason codes (RFC 5280 5.3.1); UNSPECIFIED writes no reasonCode. */
enum pki_reason {
	PKI_REASON_UNSPECIFIED = 0,
	PKI_REASON_KEY_COMPROMISE = 1,
	PKI_REASON_CA_COMPROMISE = 2,
	PKI_REASON_AFFILIATION_CHANGED = 3,
	PKI_REASON_SUPERSEDED = 4,
	PKI_REASON_CESSATION_OF_OPERATION = 5,
	PKI_REASON_CERTIFICATE_HOLD = 6,
	PKI_REASON_PRIVILEGE_WITHDRAWN = 9,
	PKI_REASON_AA_COMPROMISE = 10
};

/* One revoked certificate; serial_hex as in struct pki_certinfo, any case. */
struct pki_revoked {
	const char	*serial_hex;
	time_t		 revoked_at;
	int		 reason;	/* enum pki_reason */
};

/*
 * Writes a v2 CRL signed by the CA to out_path (PEM, mode 0644, replaced
 * atomically: a temporary file in the same directory, fsync, rename):
 * the n entries of list, lastUpdate now, nextUpdate in next_update_days
 * days (1 to 3650), crlNumber crl_number (the caller keeps it increasing)
 * and AKI.  On error out_path is untouched.  nginx reads the file only on
 * start and on reload.
 */
int	pki_crl_write(const char *ca_cert_path, const char *ca_key_path,
	    const struct pki_revoked *list, size_t n, uint64_t crl_number,
	    int next_update_days, const char *out_path, char *err,
	    size_t errlen);

/* ---- Secret keys ---- */

/*
 * Reads the secret key at path (2 * n lowercase hex digits and a newline)
 * into key (n bytes, 1 to 64). With create, a missing file is first made
 * with n fresh random bytes, mode 0600 from creation; an existing one is
 * never replaced. A file that group or others may read is refused. Only
 * the admin tool calls this (the audit checkpoint key, var/pki/audit.key).
 */
int	pki_secret_key(const char *path, int create, unsigned char *key,
	    size_t n, char *err, size_t errlen);

#endif /* PKI_H */
