/* pki.c: the network's CA, certificates, CRL, password hashing and tokens (OpenSSL 3) */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "base/util.h"
#include "pki/pki.h"

#define SALT_LEN	16	/* bytes of salt in a new password hash */
#define HASH_LEN	32	/* bytes of scrypt output in a new hash */
#define SCRYPT_MAX_N	(1ULL << 20)
#define SCRYPT_MAX_R	32
#define SCRYPT_MAX_P	16
#define SCRYPT_MAX_MEM	(64ULL << 20)	/* 128 * N * r */
#define SCRYPT_MAX_WORK	(1ULL << 20)	/* N * r * p; default 2^17 */
#define CA_MAX_DAYS	36500
#define LEAF_MAX_DAYS	3650
#define MAX_OFFSET	(10LL * 365 * 86400)
#define SERIAL_LEN	16	/* octets in the serials made here */
#define NAME_MAX_CHARS	64	/* ub-common-name and the like */
#define P12_ITER	PKCS12_DEFAULT_ITER

static const char p12_alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

static void	seterr(char *, size_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

/*
 * Writes a message to err (if not NULL), followed by the reason of the
 * last queued OpenSSL error, if any; always empties OpenSSL's error queue.
 */
static void
seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list		 ap;
	unsigned long	 e;
	const char	*reason;
	size_t		 l;

	if (err != NULL && errlen > 0) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
		e = ERR_peek_last_error();
		if (e != 0 && (reason = ERR_reason_error_string(e)) != NULL) {
			l = strlen(err);
			if (l + 1 < errlen)
				snprintf(err + l, errlen - l, " (%s)", reason);
		}
	}
	ERR_clear_error();
}

/* Writes the lowercase hex of n bytes and a NUL to out (2n + 1 bytes). */
static void
hex_lower(const unsigned char *in, size_t n, char *out)
{
	static const char	 h[] = "0123456789abcdef";
	size_t			 i;

	for (i = 0; i < n; i++) {
		out[2 * i] = h[in[i] >> 4];
		out[2 * i + 1] = h[in[i] & 0x0f];
	}
	out[2 * n] = '\0';
}

/* Decodes 2n hex digits at s into n bytes at out; -1 on a non-digit. */
static int
hex_decode(const char *s, size_t n, unsigned char *out)
{
	size_t	 i;
	int	 hi, lo;

	for (i = 0; i < n; i++) {
		if ((hi = hex_value((unsigned char)s[2 * i])) < 0 ||
		    (lo = hex_value((unsigned char)s[2 * i + 1])) < 0)
			return -1;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

/* ---- Random numbers, tokens, digests ---- */

int
pki_random(unsigned char *buf, size_t n)
{
	size_t	 chunk;

	while (n > 0) {
		chunk = n > INT_MAX ? INT_MAX : n;
		if (RAND_bytes(buf, (int)chunk) != 1) {
			ERR_clear_error();
			return -1;
		}
		buf += chunk;
		n -= chunk;
	}
	return 0;
}

int
pki_token_hex(char *out, size_t outlen, size_t nbytes)
{
	unsigned char	 b[64];
	size_t		 chunk, done = 0;
	int		 rc = -1;

	if (out == NULL || nbytes == 0 || nbytes > (SIZE_MAX - 1) / 2 ||
	    outlen < 2 * nbytes + 1)
		return -1;
	while (done < nbytes) {
		chunk = nbytes - done > sizeof(b) ? sizeof(b) : nbytes - done;
		if (pki_random(b, chunk) == -1)
			goto out;
		hex_lower(b, chunk, out + 2 * done);
		done += chunk;
	}
	rc = 0;
out:
	OPENSSL_cleanse(b, sizeof(b));
	if (rc == -1)
		out[0] = '\0';
	return rc;
}

int
pki_sha256_hex(const void *data, size_t len, char out[PKI_SHA256_HEX])
{
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 mdlen = 0;

	if (data == NULL && len > 0)
		return -1;
	if (!EVP_Digest(len > 0 ? data : "", len, md, &mdlen, EVP_sha256(),
	    NULL) || mdlen != 32) {
		ERR_clear_error();
		return -1;
	}
	hex_lower(md, mdlen, out);
	return 0;
}

int
pki_hmac_sha256_hex(const void *key, size_t keylen, const void *data,
    size_t len, char out[PKI_SHA256_HEX])
{
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 mdlen = 0;

	if ((key == NULL && keylen > 0) || (data == NULL && len > 0) ||
	    keylen > INT_MAX)
		return -1;
	if (HMAC(EVP_sha256(), keylen > 0 ? key : "", (int)keylen,
	    len > 0 ? data : (const void *)"", len, md, &mdlen) == NULL ||
	    mdlen != 32) {
		ERR_clear_error();
		return -1;
	}
	hex_lower(md, mdlen, out);
	OPENSSL_cleanse(md, sizeof(md));
	return 0;
}

int
pki_ct_equal(const void *a, const void *b, size_t n)
{
	return CRYPTO_memcmp(a, b, n) == 0;
}

/* ---- Passwords (scrypt) ---- */

/* Returns 1 if scrypt parameters are within this module's bounds, else 0. */
static int
scrypt_params_ok(uint64_t n, uint32_t r, uint32_t p)
{
	if (n < 2 || n > SCRYPT_MAX_N || (n & (n - 1)) != 0)
		return 0;
	if (r < 1 || r > SCRYPT_MAX_R || p < 1 || p > SCRYPT_MAX_P)
		return 0;
	if (128ULL * n * r > SCRYPT_MAX_MEM)
		return 0;
	if (n * r * p > SCRYPT_MAX_WORK)
		return 0;
	return 1;
}

/* Derives outlen bytes of scrypt(pw, salt, n, r, p) into out; 0 or -1. */
static int
scrypt_derive(const char *pw, size_t pwlen, const unsigned char *salt,
    size_t saltlen, uint64_t n, uint32_t r, uint32_t p, unsigned char *out,
    size_t outlen)
{
	EVP_KDF		*kdf = NULL;
	EVP_KDF_CTX	*ctx = NULL;
	OSSL_PARAM	 params[7], *q = params;
	uint64_t	 maxmem;
	int		 rc = -1;

	/* OpenSSL allocates 128 r (N + 2) for V and 128 r p for B; slack. */
	maxmem = 128ULL * r * (n + 2 + p) + (1ULL << 16);
	if ((kdf = EVP_KDF_fetch(NULL, "SCRYPT", NULL)) == NULL ||
	    (ctx = EVP_KDF_CTX_new(kdf)) == NULL)
		goto out;
	/* OSSL_PARAM is not const-correct; the KDF only reads these buffers. */
	*q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD,
	    (void *)(uintptr_t)pw, pwlen);
	*q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
	    (void *)(uintptr_t)salt, saltlen);
	*q++ = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n);
	*q++ = OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r);
	*q++ = OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p);
	*q++ = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM,
	    &maxmem);
	*q = OSSL_PARAM_construct_end();
	if (EVP_KDF_derive(ctx, out, outlen, params) != 1)
		goto out;
	rc = 0;
out:
	EVP_KDF_CTX_free(ctx);
	EVP_KDF_free(kdf);
	ERR_clear_error();
	return rc;
}

int
pki_password_hash(const char *pw, char *out, size_t outlen, char *err,
    size_t errlen)
{
	return pki_password_hash_params(pw, PKI_SCRYPT_N, PKI_SCRYPT_R,
	    PKI_SCRYPT_P, out, outlen, err, errlen);
}

int
pki_password_hash_params(const char *pw, uint64_t n, uint32_t r, uint32_t p,
    char *out, size_t outlen, char *err, size_t errlen)
{
	unsigned char	 salt[SALT_LEN], hash[HASH_LEN];
	char		 salthex[2 * SALT_LEN + 1];
	char		 hashhex[2 * HASH_LEN + 1];
	size_t		 pwlen;
	int		 len, rc = -1;

	if (out == NULL || outlen == 0) {
		seterr(err, errlen, "no output buffer");
		return -1;
	}
	out[0] = '\0';
	if (pw == NULL || (pwlen = strlen(pw)) > PKI_PASSWORD_INPUT_MAX) {
		seterr(err, errlen, "password missing or too long");
		return -1;
	}
	if (!scrypt_params_ok(n, r, p)) {
		seterr(err, errlen, "scrypt parameters out of bounds");
		return -1;
	}
	if (pki_random(salt, sizeof(salt)) == -1) {
		seterr(err, errlen, "no random bytes");
		goto out;
	}
	if (scrypt_derive(pw, pwlen, salt, sizeof(salt), n, r, p, hash,
	    sizeof(hash)) == -1) {
		seterr(err, errlen, "scrypt failed");
		goto out;
	}
	hex_lower(salt, sizeof(salt), salthex);
	hex_lower(hash, sizeof(hash), hashhex);
	len = snprintf(out, outlen, "scrypt$%llu$%lu$%lu$%s$%s",
	    (unsigned long long)n, (unsigned long)r, (unsigned long)p, salthex,
	    hashhex);
	if (len < 0 || (size_t)len >= outlen) {
		out[0] = '\0';
		seterr(err, errlen, "output buffer too small");
		goto out;
	}
	rc = 0;
out:
	OPENSSL_cleanse(hash, sizeof(hash));
	OPENSSL_cleanse(hashhex, sizeof(hashhex));
	return rc;
}

/*
 * Parses a decimal number of 1 to 8 digits, without sign or leading zero,
 * ending at '$'; advances *sp past the '$'.  Returns 0 or -1.
 */
static int
parse_field_num(const char **sp, uint64_t *v)
{
	const char	*s = *sp;
	size_t		 i;

	*v = 0;
	for (i = 0; s[i] >= '0' && s[i] <= '9'; i++) {
		if (i == 8 || (i == 0 && s[i] == '0'))
			return -1;
		*v = *v * 10 + (uint64_t)(s[i] - '0');
	}
	if (i == 0 || s[i] != '$')
		return -1;
	*sp = s + i + 1;
	return 0;
}

/*
 * Splits off a hex field of an even number of digits, from min to max
 * bytes, ending at stop; decodes it into out and sets *n to its bytes.
 */
static int
parse_field_hex(const char **sp, char stop, size_t min, size_t max,
    unsigned char *out, size_t *n)
{
	const char	*s = *sp;
	size_t		 i;

	for (i = 0; s[i] != '\0' && s[i] != stop; i++)
		if (i == 2 * max)
			return -1;
	if (s[i] != stop || i % 2 != 0 || i < 2 * min)
		return -1;
	if (hex_decode(s, i / 2, out) == -1)
		return -1;
	*n = i / 2;
	*sp = s + i + (stop != '\0');
	return 0;
}

int
pki_password_verify(const char *pw, const char *encoded)
{
	unsigned char	 salt[64], want[64], got[64];
	const char	*s = encoded;
	uint64_t	 n, r, p;
	size_t		 saltlen, wantlen, pwlen;
	int		 rc = -1;

	if (encoded == NULL || strncmp(s, "scrypt$", 7) != 0)
		return -1;
	s += 7;
	if (parse_field_num(&s, &n) == -1 || parse_field_num(&s, &r) == -1 ||
	    parse_field_num(&s, &p) == -1)
		return -1;
	if (r > UINT32_MAX || p > UINT32_MAX ||
	    !scrypt_params_ok(n, (uint32_t)r, (uint32_t)p))
		return -1;
	if (parse_field_hex(&s, '$', 4, sizeof(salt), salt, &saltlen) == -1 ||
	    parse_field_hex(&s, '\0', 16, sizeof(want), want, &wantlen) == -1)
		return -1;
	/* A password too long to have been hashed here cannot match. */
	if (pw == NULL || (pwlen = strlen(pw)) > PKI_PASSWORD_INPUT_MAX) {
		rc = 0;
		goto out;
	}
	if (scrypt_derive(pw, pwlen, salt, saltlen, n, (uint32_t)r,
	    (uint32_t)p, got, wantlen) == -1)
		goto out;
	rc = CRYPTO_memcmp(got, want, wantlen) == 0;
out:
	OPENSSL_cleanse(got, sizeof(got));
	OPENSSL_cleanse(want, sizeof(want));
	return rc;
}

/* ---- Files ---- */

/* fsyncs the directory that holds path, so that a rename or link is durable. */
static void
sync_dir(const char *path)
{
	char		 dir[PATH_MAX];
	const char	*slash;
	size_t		 len;
	int		 fd;

	if ((slash = strrchr(path, '/')) == NULL) {
		snprintf(dir, sizeof(dir), ".");
	} else {
		len = slash == path ? 1 : (size_t)(slash - path);
		if (len >= sizeof(dir))
			return;
		memcpy(dir, path, len);
		dir[len] = '\0';
	}
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return;
	(void)fsync(fd);
	close(fd);
}

/*
 * Writes len bytes to path with the given mode, through a temporary file
 * in the same directory that has the mode before any byte is written and
 * is fsync'd: then rename(2) replaces path atomically or, if noreplace,
 * link(2) fails if path exists.  Returns 0, or -1 with path untouched.
 */
static int
write_atomic(const char *path, const void *buf, size_t len, mode_t mode,
    int noreplace, char *err, size_t errlen)
{
	char		 tmp[PATH_MAX];
	const char	*b = buf;
	ssize_t		 w;
	int		 fd = -1, rc = -1, e, made = 0;

	e = snprintf(tmp, sizeof(tmp), "%s.tmpXXXXXX", path);
	if (e < 0 || (size_t)e >= sizeof(tmp)) {
		seterr(err, errlen, "%s: path too long", path);
		return -1;
	}
	if ((fd = mkostemp(tmp, O_CLOEXEC)) == -1)
		goto syserr;
	made = 1;
	if (fchmod(fd, mode) == -1)
		goto syserr;
	while (len > 0) {
		if ((w = write(fd, b, len)) == -1) {
			if (errno == EINTR)
				continue;
			goto syserr;
		}
		b += w;
		len -= (size_t)w;
	}
	if (fsync(fd) == -1)
		goto syserr;
	e = close(fd);
	fd = -1;
	if (e == -1)
		goto syserr;
	if (noreplace) {
		if (link(tmp, path) == -1)
			goto syserr;
		(void)unlink(tmp);
	} else if (rename(tmp, path) == -1)
		goto syserr;
	made = 0;
	sync_dir(path);
	rc = 0;
	goto out;
syserr:
	e = errno;
	seterr(err, errlen, "%s: %s", path, e == EEXIST ?
	    "file exists" : strerror(e));
out:
	if (fd != -1)
		close(fd);
	if (made)
		(void)unlink(tmp);
	return rc;
}

/* Writes the contents of a memory BIO with write_atomic(). */
static int
write_bio(const char *path, BIO *bio, mode_t mode, int noreplace, char *err,
    size_t errlen)
{
	char	*data = NULL;
	long	 len;

	if ((len = BIO_get_mem_data(bio, &data)) <= 0) {
		seterr(err, errlen, "%s: nothing to write", path);
		return -1;
	}
	return write_atomic(path, data, (size_t)len, mode, noreplace, err,
	    errlen);
}

/* ---- Certificates: building blocks ---- */

/* Returns a new EC P-256 key (the caller frees), or NULL. */
static EVP_PKEY *
keygen(void)
{
	return EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
}

/*
 * Loads the CA certificate and its key (PEM) and checks that they match
 * and that the certificate is a CA.  On success the caller frees *cert
 * and *key; on error both are NULL.
 */
static int
load_ca(const char *cert_path, const char *key_path, X509 **cert,
    EVP_PKEY **key, char *err, size_t errlen)
{
	BIO	*bio = NULL;
	int	 rc = -1;

	*cert = NULL;
	*key = NULL;
	if (cert_path == NULL || key_path == NULL) {
		seterr(err, errlen, "CA paths missing");
		return -1;
	}
	if ((bio = BIO_new_file(cert_path, "r")) == NULL ||
	    (*cert = PEM_read_bio_X509(bio, NULL, NULL, NULL)) == NULL) {
		seterr(err, errlen, "%s: cannot read CA certificate",
		    cert_path);
		goto out;
	}
	BIO_free(bio);
	if ((bio = BIO_new_file(key_path, "r")) == NULL ||
	    (*key = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL)) == NULL) {
		seterr(err, errlen, "%s: cannot read CA key", key_path);
		goto out;
	}
	if (X509_check_private_key(*cert, *key) != 1) {
		seterr(err, errlen, "CA key does not match CA certificate");
		goto out;
	}
	if (X509_check_ca(*cert) != 1) {
		seterr(err, errlen, "%s: not a CA certificate", cert_path);
		goto out;
	}
	rc = 0;
out:
	BIO_free(bio);
	if (rc == -1) {
		X509_free(*cert);
		EVP_PKEY_free(*key);
		*cert = NULL;
		*key = NULL;
	}
	ERR_clear_error();
	return rc;
}

/*
 * Appends an attribute to nm as a UTF8String after checking val: 1 to 64
 * characters of valid UTF-8, no control characters.  Returns 0 or -1.
 */
static int
name_add(X509_NAME *nm, int nid, const char *val, char *err, size_t errlen)
{
	ASN1_STRING		*s = NULL;
	const unsigned char	*u = (const unsigned char *)val;
	size_t			 i;
	int			 rc = -1;

	if (val == NULL) {
		seterr(err, errlen, "%s missing", OBJ_nid2sn(nid));
		return -1;
	}
	for (i = 0; u[i] != '\0'; i++)
		if (u[i] < 0x20 || u[i] == 0x7f) {
			seterr(err, errlen, "%s: control character",
			    OBJ_nid2sn(nid));
			return -1;
		}
	if (ASN1_mbstring_ncopy(&s, u, -1, MBSTRING_UTF8, B_ASN1_UTF8STRING,
	    1, NAME_MAX_CHARS) < 0) {
		seterr(err, errlen, "%s: not 1 to %d characters of UTF-8",
		    OBJ_nid2sn(nid), NAME_MAX_CHARS);
		goto out;
	}
	if (!X509_NAME_add_entry_by_NID(nm, nid, V_ASN1_UTF8STRING,
	    ASN1_STRING_get0_data(s), ASN1_STRING_length(s), -1, 0)) {
		seterr(err, errlen, "%s: cannot add", OBJ_nid2sn(nid));
		goto out;
	}
	rc = 0;
out:
	ASN1_STRING_free(s);
	return rc;
}

/* Sets a random positive serial of SERIAL_LEN octets, the first nonzero. */
static int
set_serial(X509 *x)
{
	unsigned char	 b[SERIAL_LEN];
	ASN1_INTEGER	*ai = NULL;
	int		 rc = -1;

	do {
		if (pki_random(b, sizeof(b)) == -1)
			return -1;
		b[0] &= 0x7f;
	} while (b[0] == 0);
	if ((ai = ASN1_INTEGER_new()) == NULL ||
	    !ASN1_STRING_set(ai, b, sizeof(b)) ||
	    !X509_set_serialNumber(x, ai))
		goto out;
	rc = 0;
out:
	ASN1_INTEGER_free(ai);
	return rc;
}

/*
 * Returns a new v3 certificate (the caller frees) for subj and key, with a
 * random serial, issued by issuer (NULL: self-issued), valid from start
 * for days days; no extensions yet, not signed.  NULL on error.
 */
static X509 *
cert_new(const X509_NAME *subj, EVP_PKEY *key, const X509 *issuer,
    time_t start, int days)
{
	X509	*x;

	if ((x = X509_new()) == NULL)
		return NULL;
	if (!X509_set_version(x, X509_VERSION_3) || set_serial(x) == -1 ||
	    !X509_set_subject_name(x, subj) ||
	    !X509_set_issuer_name(x, issuer != NULL ?
	    X509_get_subject_name(issuer) : subj) ||
	    ASN1_TIME_set(X509_getm_notBefore(x), start) == NULL ||
	    ASN1_TIME_adj(X509_getm_notAfter(x), start, days, 0) == NULL ||
	    !X509_set_pubkey(x, key)) {
		X509_free(x);
		return NULL;
	}
	return x;
}

/* Adds one extension from its OpenSSL configuration text; returns 0 or -1. */
static int
add_ext(X509 *x, X509V3_CTX *ctx, int nid, const char *value)
{
	X509_EXTENSION	*ext;
	int		 ok;

	if ((ext = X509V3_EXT_conf_nid(NULL, ctx, nid, value)) == NULL)
		return -1;
	ok = X509_add_ext(x, ext, -1);
	X509_EXTENSION_free(ext);
	return ok ? 0 : -1;
}

/*
 * Adds the extensions of an end-entity certificate issued by ca: CA:FALSE,
 * keyUsage digitalSignature, the given EKU, SKI and AKI.
 */
static int
add_leaf_exts(X509 *x, X509 *ca, const char *eku)
{
	X509V3_CTX	 ctx;

	X509V3_set_ctx(&ctx, ca, x, NULL, NULL, 0);
	if (add_ext(x, &ctx, NID_basic_constraints,
	    "critical,CA:FALSE") == -1 ||
	    add_ext(x, &ctx, NID_key_usage,
	    "critical,digitalSignature") == -1 ||
	    add_ext(x, &ctx, NID_ext_key_usage, eku) == -1 ||
	    add_ext(x, &ctx, NID_subject_key_identifier, "hash") == -1 ||
	    add_ext(x, &ctx, NID_authority_key_identifier,
	    "keyid:always") == -1)
		return -1;
	return 0;
}

/* Adds a CRL distribution point: where a client finds the CA's CRL. */
static int
add_crl_dp(X509 *x, X509 *ca, const char *uri)
{
	X509V3_CTX	 ctx;
	char		 v[256];

	if (snprintf(v, sizeof(v), "URI:%s", uri) >= (int)sizeof(v))
		return -1;
	X509V3_set_ctx(&ctx, ca, x, NULL, NULL, 0);
	return add_ext(x, &ctx, NID_crl_distribution_points, v);
}

/* Checks that a leaf valid until start + days days does not outlive the CA. */
static int
within_ca(const X509 *ca, time_t start, int days, char *err, size_t errlen)
{
	ASN1_TIME	*end;
	int		 c, rc = -1;

	if ((end = ASN1_TIME_adj(NULL, start, days, 0)) == NULL) {
		seterr(err, errlen, "bad validity");
		return -1;
	}
	c = ASN1_TIME_compare(end, X509_get0_notAfter(ca));
	if (c == -2)
		seterr(err, errlen, "bad validity");
	else if (c > 0)
		seterr(err, errlen, "validity would end after the CA's");
	else
		rc = 0;
	ASN1_TIME_free(end);
	return rc;
}

/* Signs x with key (SHA-256); returns 0 or -1. */
static int
cert_sign(X509 *x, EVP_PKEY *key)
{
	return X509_sign(x, key, EVP_sha256()) > 0 ? 0 : -1;
}

/* ---- Certificate information ---- */

/* Copies a memory BIO's contents and a NUL into out; -1 if too long. */
static int
bio_to_str(BIO *bio, char *out, size_t outlen)
{
	char	*data = NULL;
	long	 len;

	len = BIO_get_mem_data(bio, &data);
	if (len < 0 || (size_t)len >= outlen || (len > 0 &&
	    memchr(data, '\0', (size_t)len) != NULL))
		return -1;
	if (len > 0)
		memcpy(out, data, (size_t)len);
	out[len] = '\0';
	return 0;
}

/* Writes a name in RFC 2253 form, as nginx's $ssl_client_s_dn; 0 or -1. */
static int
dn_str(const X509_NAME *nm, char *out, size_t outlen)
{
	BIO	*bio;
	int	 rc = -1;

	if ((bio = BIO_new(BIO_s_mem())) == NULL)
		return -1;
	if (X509_NAME_print_ex(bio, nm, 0, XN_FLAG_RFC2253) >= 0)
		rc = bio_to_str(bio, out, outlen);
	BIO_free(bio);
	return rc;
}

/* Writes the first attribute nid of nm as UTF-8 ("" if absent); 0 or -1. */
static int
attr_str(const X509_NAME *nm, int nid, char *out, size_t outlen)
{
	X509_NAME_ENTRY	*ne;
	unsigned char	*u = NULL;
	int		 i, len, rc = -1;

	out[0] = '\0';
	if ((i = X509_NAME_get_index_by_NID(nm, nid, -1)) < 0)
		return 0;
	if ((ne = X509_NAME_get_entry(nm, i)) == NULL ||
	    (len = ASN1_STRING_to_UTF8(&u, X509_NAME_ENTRY_get_data(ne))) < 0)
		return -1;
	if ((size_t)len < outlen && memchr(u, '\0', (size_t)len) == NULL) {
		memcpy(out, u, (size_t)len);
		out[len] = '\0';
		rc = 0;
	}
	OPENSSL_free(u);
	return rc;
}

/* Writes a time as "YYYY-MM-DD HH:MM:SS" UTC and sets *t; 0 or -1. */
static int
time_str(const ASN1_TIME *a, char out[PKI_TIME_MAX], time_t *t)
{
	struct tm	 tm;

	memset(&tm, 0, sizeof(tm));
	if (!ASN1_TIME_to_tm(a, &tm))
		return -1;
	if (strftime(out, PKI_TIME_MAX, "%Y-%m-%d %H:%M:%S", &tm) != 19)
		return -1;
	*t = timegm(&tm);
	return 0;
}

/* Fills *ci from a certificate; 0 or -1. */
static int
certinfo_fill(X509 *x, struct pki_certinfo *ci, char *err, size_t errlen)
{
	const ASN1_INTEGER	*serial;
	const X509_NAME		*subj, *iss;
	unsigned char		 md[EVP_MAX_MD_SIZE];
	unsigned int		 mdlen;
	BIO			*bio = NULL;
	int			 rc = -1;

	memset(ci, 0, sizeof(*ci));
	serial = X509_get0_serialNumber(x);
	if (ASN1_STRING_length(serial) > 32) {
		seterr(err, errlen, "serial number too long");
		goto out;
	}
	/* nginx's $ssl_client_serial: ngx_ssl_get_serial_number() does this. */
	if ((bio = BIO_new(BIO_s_mem())) == NULL ||
	    i2a_ASN1_INTEGER(bio, serial) <= 0 ||
	    bio_to_str(bio, ci->serial, sizeof(ci->serial)) == -1) {
		seterr(err, errlen, "cannot print serial number");
		goto out;
	}
	/* nginx's $ssl_client_fingerprint: X509_digest, SHA-1, lower hex. */
	if (!X509_digest(x, EVP_sha1(), md, &mdlen) || mdlen != 20) {
		seterr(err, errlen, "cannot compute SHA-1 fingerprint");
		goto out;
	}
	hex_lower(md, mdlen, ci->sha1);
	if (!X509_digest(x, EVP_sha256(), md, &mdlen) || mdlen != 32) {
		seterr(err, errlen, "cannot compute SHA-256 fingerprint");
		goto out;
	}
	hex_lower(md, mdlen, ci->sha256);
	subj = X509_get_subject_name(x);
	iss = X509_get_issuer_name(x);
	if (dn_str(subj, ci->subject_dn, sizeof(ci->subject_dn)) == -1 ||
	    dn_str(iss, ci->issuer_dn, sizeof(ci->issuer_dn)) == -1) {
		seterr(err, errlen, "cannot print names");
		goto out;
	}
	if (attr_str(subj, NID_commonName, ci->cn, sizeof(ci->cn)) == -1 ||
	    attr_str(subj, NID_organizationName, ci->o, sizeof(ci->o)) == -1 ||
	    attr_str(subj, NID_organizationalUnitName, ci->ou,
	    sizeof(ci->ou)) == -1) {
		seterr(err, errlen, "bad subject attribute");
		goto out;
	}
	if (time_str(X509_get0_notBefore(x), ci->not_before,
	    &ci->not_before_t) == -1 ||
	    time_str(X509_get0_notAfter(x), ci->not_after,
	    &ci->not_after_t) == -1) {
		seterr(err, errlen, "bad validity");
		goto out;
	}
	rc = 0;
out:
	BIO_free(bio);
	if (rc == -1)
		memset(ci, 0, sizeof(*ci));
	ERR_clear_error();
	return rc;
}

int
pki_cert_info_from_pem(const char *pem, size_t len, struct pki_certinfo *ci,
    char *err, size_t errlen)
{
	BIO	*bio = NULL;
	X509	*x = NULL;
	int	 rc = -1;

	memset(ci, 0, sizeof(*ci));
	if (pem == NULL || len == 0 || len > INT_MAX) {
		seterr(err, errlen, "no certificate");
		return -1;
	}
	if ((bio = BIO_new_mem_buf(pem, (int)len)) == NULL ||
	    (x = PEM_read_bio_X509(bio, NULL, NULL, NULL)) == NULL) {
		seterr(err, errlen, "not a PEM certificate");
		goto out;
	}
	rc = certinfo_fill(x, ci, err, errlen);
out:
	X509_free(x);
	BIO_free(bio);
	ERR_clear_error();
	return rc;
}

/*
 * Encodes key (into secure memory) and cert as PEM. The caller frees both
 * BIOs, also on error. Returns 0 or -1.
 */
static int
pem_pair(EVP_PKEY *key, X509 *x, BIO **kbio, BIO **cbio)
{
	if ((*kbio = BIO_new(BIO_s_secmem())) == NULL ||
	    !PEM_write_bio_PrivateKey(*kbio, key, NULL, NULL, 0, NULL, NULL) ||
	    (*cbio = BIO_new(BIO_s_mem())) == NULL ||
	    !PEM_write_bio_X509(*cbio, x))
		return -1;
	return 0;
}

/* ---- The CA ---- */

int
pki_ca_init(const char *cn, const char *o, int days, const char *key_path,
    const char *cert_path, char *err, size_t errlen)
{
	struct stat	 st;
	EVP_PKEY	*key = NULL;
	X509_NAME	*nm = NULL;
	X509		*x = NULL;
	X509V3_CTX	 ctx;
	BIO		*kbio = NULL, *cbio = NULL;
	int		 rc = -1, key_written = 0;

	if (key_path == NULL || cert_path == NULL) {
		seterr(err, errlen, "paths missing");
		return -1;
	}
	if (days < 1 || days > CA_MAX_DAYS) {
		seterr(err, errlen, "days out of range");
		return -1;
	}
	if (lstat(key_path, &st) == 0 || lstat(cert_path, &st) == 0) {
		seterr(err, errlen, "a CA already exists (%s or %s)", key_path,
		    cert_path);
		return -1;
	}
	if ((nm = X509_NAME_new()) == NULL) {
		seterr(err, errlen, "out of memory");
		goto out;
	}
	if ((o != NULL && name_add(nm, NID_organizationName, o, err,
	    errlen) == -1) ||
	    name_add(nm, NID_commonName, cn, err, errlen) == -1)
		goto out;
	if ((key = keygen()) == NULL) {
		seterr(err, errlen, "key generation failed");
		goto out;
	}
	if ((x = cert_new(nm, key, NULL, time(NULL), days)) == NULL) {
		seterr(err, errlen, "cannot build certificate");
		goto out;
	}
	X509V3_set_ctx(&ctx, x, x, NULL, NULL, 0);
	if (add_ext(x, &ctx, NID_basic_constraints,
	    "critical,CA:TRUE,pathlen:0") == -1 ||
	    add_ext(x, &ctx, NID_key_usage,
	    "critical,keyCertSign,cRLSign") == -1 ||
	    add_ext(x, &ctx, NID_subject_key_identifier, "hash") == -1) {
		seterr(err, errlen, "cannot add extensions");
		goto out;
	}
	if (cert_sign(x, key) == -1) {
		seterr(err, errlen, "signing failed");
		goto out;
	}
	if (pem_pair(key, x, &kbio, &cbio) == -1) {
		seterr(err, errlen, "cannot encode PEM");
		goto out;
	}
	if (write_bio(key_path, kbio, 0600, 1, err, errlen) == -1)
		goto out;
	key_written = 1;
	if (write_bio(cert_path, cbio, 0644, 1, err, errlen) == -1)
		goto out;
	rc = 0;
out:
	if (rc == -1 && key_written)
		(void)unlink(key_path);
	BIO_free(kbio);
	BIO_free(cbio);
	X509_free(x);
	X509_NAME_free(nm);
	EVP_PKEY_free(key);
	ERR_clear_error();
	return rc;
}

/*
 * Checks a server name: an IPv4 or IPv6 address (sets *ip) or a DNS name
 * of letter-digit-hyphen labels.  Returns 0 or -1.
 */
static int
server_name_ok(const char *s, int *ip)
{
	unsigned char	 a[16];
	size_t		 i, label = 0;

	*ip = 0;
	if (inet_pton(AF_INET, s, a) == 1 || inet_pton(AF_INET6, s, a) == 1) {
		*ip = 1;
		return 0;
	}
	if (s[0] == '\0' || strlen(s) > 253)
		return -1;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == '.') {
			if (label == 0 || s[i - 1] == '-')
				return -1;
			label = 0;
		} else if ((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') ||
		    (s[i] == '-' && label > 0)) {
			if (++label > 63)
				return -1;
		} else
			return -1;
	}
	return label == 0 || s[i - 1] == '-' ? -1 : 0;
}

/* Adds a subjectAltName of the given DNS names and IP addresses. */
static int
add_san(X509 *x, const char *const *names, size_t nnames)
{
	GENERAL_NAMES		*gens = NULL;
	GENERAL_NAME		*gn = NULL;
	ASN1_OCTET_STRING	*os = NULL;
	ASN1_IA5STRING		*ia5 = NULL;
	size_t			 i;
	int			 ip, rc = -1;

	if ((gens = sk_GENERAL_NAME_new_null()) == NULL)
		goto out;
	for (i = 0; i < nnames; i++) {
		if (server_name_ok(names[i], &ip) == -1 ||
		    (gn = GENERAL_NAME_new()) == NULL)
			goto out;
		if (ip) {
			if ((os = a2i_IPADDRESS(names[i])) == NULL)
				goto out;
			GENERAL_NAME_set0_value(gn, GEN_IPADD, os);
			os = NULL;
		} else {
			if ((ia5 = ASN1_IA5STRING_new()) == NULL ||
			    !ASN1_STRING_set(ia5, names[i], -1))
				goto out;
			GENERAL_NAME_set0_value(gn, GEN_DNS, ia5);
			ia5 = NULL;
		}
		if (!sk_GENERAL_NAME_push(gens, gn))
			goto out;
		gn = NULL;
	}
	if (!X509_add1_ext_i2d(x, NID_subject_alt_name, gens, 0,
	    X509V3_ADD_DEFAULT))
		goto out;
	rc = 0;
out:
	ASN1_OCTET_STRING_free(os);
	ASN1_IA5STRING_free(ia5);
	GENERAL_NAME_free(gn);
	GENERAL_NAMES_free(gens);
	return rc;
}

int
pki_server_issue(const char *ca_cert_path, const char *ca_key_path,
    const char *const *names, size_t nnames, int days, const char *key_path,
    const char *cert_path, char *err, size_t errlen)
{
	return pki_server_issue_crl(ca_cert_path, ca_key_path, names, nnames,
	    days, NULL, key_path, cert_path, err, errlen);
}

/* 0 when uri is an http(s) URL of characters safe in an X509V3 config value. */
static int
crl_uri_ok(const char *uri)
{
	if (strncmp(uri, "https://", 8) != 0 && strncmp(uri, "http://", 7) != 0)
		return -1;
	if (strlen(uri) > 200)
		return -1;
	for (const char *p = uri; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && strchr(":/.-_~%", *p) == NULL)
			return -1;
	return 0;
}

int
pki_server_issue_crl(const char *ca_cert_path, const char *ca_key_path,
    const char *const *names, size_t nnames, int days, const char *crl_uri,
    const char *key_path, const char *cert_path, char *err, size_t errlen)
{
	X509		*ca = NULL, *x = NULL;
	EVP_PKEY	*cakey = NULL, *key = NULL;
	X509_NAME	*nm = NULL;
	BIO		*kbio = NULL, *cbio = NULL;
	time_t		 now = time(NULL);
	size_t		 i;
	int		 ip, rc = -1;

	if (names == NULL || nnames == 0 || nnames > 100 || key_path == NULL ||
	    cert_path == NULL) {
		seterr(err, errlen, "names or paths missing");
		return -1;
	}
	for (i = 0; i < nnames; i++)
		if (names[i] == NULL || server_name_ok(names[i], &ip) == -1) {
			seterr(err, errlen, "bad server name: %s",
			    names[i] != NULL ? names[i] : "(null)");
			return -1;
		}
	if (crl_uri != NULL && crl_uri_ok(crl_uri) == -1) {
		seterr(err, errlen, "bad CRL URI");
		return -1;
	}
	if (days < 1 || days > LEAF_MAX_DAYS) {
		seterr(err, errlen, "days out of range");
		return -1;
	}
	if (load_ca(ca_cert_path, ca_key_path, &ca, &cakey, err, errlen) == -1)
		goto out;
	if (within_ca(ca, now, days, err, errlen) == -1)
		goto out;
	if ((nm = X509_NAME_new()) == NULL ||
	    name_add(nm, NID_commonName, names[0], err, errlen) == -1)
		goto out;
	if ((key = keygen()) == NULL ||
	    (x = cert_new(nm, key, ca, now, days)) == NULL ||
	    add_leaf_exts(x, ca, "serverAuth") == -1 ||
	    add_san(x, names, nnames) == -1 ||
	    (crl_uri != NULL && add_crl_dp(x, ca, crl_uri) == -1) ||
	    cert_sign(x, cakey) == -1) {
		seterr(err, errlen, "cannot build server certificate");
		goto out;
	}
	if (pem_pair(key, x, &kbio, &cbio) == -1) {
		seterr(err, errlen, "cannot encode PEM");
		goto out;
	}
	if (write_bio(key_path, kbio, 0600, 0, err, errlen) == -1 ||
	    write_bio(cert_path, cbio, 0644, 0, err, errlen) == -1)
		goto out;
	rc = 0;
out:
	BIO_free(kbio);
	BIO_free(cbio);
	X509_free(x);
	X509_NAME_free(nm);
	EVP_PKEY_free(key);
	X509_free(ca);
	EVP_PKEY_free(cakey);
	ERR_clear_error();
	return rc;
}

/* ---- Client certificates ---- */

/*
 * Writes n characters drawn uniformly from alphabet, and a NUL, to out
 * (n + 1 bytes). Returns 0 or -1.
 */
int
pki_random_string(char *out, size_t n, const char *alphabet)
{
	unsigned char	 b[64];
	size_t		 alen = strlen(alphabet), i = 0, j;
	unsigned	 limit;
	int		 rc = -1;

	if (alen == 0 || alen > 256)
		return -1;
	limit = 256 - 256 % (unsigned)alen;
	while (i < n) {
		if (pki_random(b, sizeof(b)) == -1)
			goto out;
		/* Rejection sampling: no modulo bias whatever the alphabet. */
		for (j = 0; j < sizeof(b) && i < n; j++)
			if (b[j] < limit)
				out[i++] = alphabet[b[j] % alen];
	}
	out[i] = '\0';
	rc = 0;
out:
	OPENSSL_cleanse(b, sizeof(b));
	return rc;
}

/* Writes a one-time password of PKI_P12_PASS_LEN characters and a NUL. */
static int
p12_password(char out[PKI_P12_PASS_LEN + 1])
{
	return pki_random_string(out, PKI_P12_PASS_LEN, p12_alphabet);
}

/*
 * Returns a PKCS#12 (the caller frees) holding key and cert (friendly name
 * name) and the CA certificate: AES-256-CBC and PBKDF2-HMAC-SHA256 for both
 * safes, and an HMAC-SHA256 MAC, all under pass.  NULL on error.
 */
static PKCS12 *
p12_make(const char *pass, const char *name, EVP_PKEY *key, X509 *cert,
    X509 *ca)
{
	STACK_OF(X509)	*chain = NULL;
	PKCS12		*p12 = NULL;

	if ((chain = sk_X509_new_null()) == NULL || !sk_X509_push(chain, ca))
		goto out;
	/* mac_iter -1: no MAC yet, so that its digest can be chosen below. */
	if ((p12 = PKCS12_create(pass, name, key, cert, chain, NID_aes_256_cbc,
	    NID_aes_256_cbc, P12_ITER, -1, 0)) == NULL)
		goto out;
	if (!PKCS12_set_mac(p12, pass, -1, NULL, 0, P12_ITER, EVP_sha256())) {
		PKCS12_free(p12);
		p12 = NULL;
	}
out:
	sk_X509_free(chain);	/* not ca itself: the caller owns it */
	return p12;
}

void
pki_issued_free(struct pki_issued *is)
{
	if (is == NULL)
		return;
	if (is->p12 != NULL) {
		OPENSSL_cleanse(is->p12, is->p12_len);
		free(is->p12);
	}
	free(is->cert_pem);
	OPENSSL_cleanse(is->p12_password, sizeof(is->p12_password));
	is->p12 = NULL;
	is->p12_len = 0;
	is->cert_pem = NULL;
}

int
pki_issue_client(const char *ca_cert_path, const char *ca_key_path,
    const struct pki_client_req *req, const char *p12_path,
    struct pki_issued *out, char *err, size_t errlen)
{
	X509		*ca = NULL, *x = NULL;
	EVP_PKEY	*cakey = NULL, *key = NULL;
	X509_NAME	*nm = NULL;
	BIO		*cbio = NULL;
	PKCS12		*p12 = NULL;
	unsigned char	*p;
	char		*data = NULL;
	long		 len;
	time_t		 start;
	int		 dlen, rc = -1;

	if (out == NULL) {
		seterr(err, errlen, "no output");
		return -1;
	}
	memset(out, 0, sizeof(*out));
	if (req == NULL || req->cn == NULL || req->o == NULL) {
		seterr(err, errlen, "CN and O are required");
		return -1;
	}
	if (req->days < 1 || req->days > LEAF_MAX_DAYS ||
	    req->start_offset_secs < -MAX_OFFSET ||
	    req->start_offset_secs > MAX_OFFSET) {
		seterr(err, errlen, "validity out of range");
		return -1;
	}
	start = time(NULL) + (time_t)req->start_offset_secs;

	/* Subject in DER order O, OU, CN: nginx prints CN=...,OU=...,O=... */
	if ((nm = X509_NAME_new()) == NULL) {
		seterr(err, errlen, "out of memory");
		goto out;
	}
	if (name_add(nm, NID_organizationName, req->o, err, errlen) == -1 ||
	    (req->ou != NULL && name_add(nm, NID_organizationalUnitName,
	    req->ou, err, errlen) == -1) ||
	    name_add(nm, NID_commonName, req->cn, err, errlen) == -1)
		goto out;
	if (load_ca(ca_cert_path, ca_key_path, &ca, &cakey, err, errlen) == -1)
		goto out;
	if (within_ca(ca, start, req->days, err, errlen) == -1)
		goto out;
	if ((key = keygen()) == NULL ||
	    (x = cert_new(nm, key, ca, start, req->days)) == NULL ||
	    add_leaf_exts(x, ca, "clientAuth") == -1 ||
	    cert_sign(x, cakey) == -1) {
		seterr(err, errlen, "cannot build client certificate");
		goto out;
	}
	if (certinfo_fill(x, &out->info, err, errlen) == -1)
		goto out;

	if ((cbio = BIO_new(BIO_s_mem())) == NULL ||
	    !PEM_write_bio_X509(cbio, x) ||
	    (len = BIO_get_mem_data(cbio, &data)) <= 0 ||
	    (out->cert_pem = malloc((size_t)len + 1)) == NULL) {
		seterr(err, errlen, "cannot encode PEM");
		goto out;
	}
	memcpy(out->cert_pem, data, (size_t)len);
	out->cert_pem[len] = '\0';

	if (p12_password(out->p12_password) == -1 ||
	    (p12 = p12_make(out->p12_password, req->cn, key, x, ca)) == NULL ||
	    (dlen = i2d_PKCS12(p12, NULL)) <= 0 ||
	    (out->p12 = malloc((size_t)dlen)) == NULL) {
		seterr(err, errlen, "cannot build PKCS#12");
		goto out;
	}
	p = out->p12;
	if (i2d_PKCS12(p12, &p) != dlen) {
		seterr(err, errlen, "cannot encode PKCS#12");
		goto out;
	}
	out->p12_len = (size_t)dlen;
	if (p12_path != NULL && write_atomic(p12_path, out->p12, out->p12_len,
	    0600, 1, err, errlen) == -1)
		goto out;
	rc = 0;
out:
	if (rc == -1) {
		pki_issued_free(out);
		memset(out, 0, sizeof(*out));
	}
	PKCS12_free(p12);
	BIO_free(cbio);
	X509_free(x);
	X509_NAME_free(nm);
	EVP_PKEY_free(key);
	X509_free(ca);
	EVP_PKEY_free(cakey);
	ERR_clear_error();
	return rc;
}

/* ---- Revocation ---- */

/* Returns 1 if a reason code may appear in a (full) CRL, else 0. */
static int
reason_ok(int r)
{
	return (r >= 0 && r <= 6) || r == 9 || r == 10;
}

/* Returns a new ASN1_INTEGER (the caller frees) for 1 to 64 hex digits. */
static ASN1_INTEGER *
serial_from_hex(const char *s)
{
	BIGNUM		*bn = NULL;
	ASN1_INTEGER	*ai = NULL;
	size_t		 i;

	if (s == NULL)
		return NULL;
	for (i = 0; s[i] != '\0'; i++)
		if (i == 64 || hex_value((unsigned char)s[i]) < 0)
			return NULL;
	if (i == 0 || BN_hex2bn(&bn, s) != (int)i)
		goto out;
	ai = BN_to_ASN1_INTEGER(bn, NULL);
out:
	BN_free(bn);
	return ai;
}

/* Adds one revoked entry to crl; returns 0 or -1. */
static int
crl_add(X509_CRL *crl, const struct pki_revoked *r, char *err, size_t errlen)
{
	X509_REVOKED	*rev = NULL;
	ASN1_INTEGER	*serial = NULL;
	ASN1_TIME	*t = NULL;
	ASN1_ENUMERATED	*e = NULL;
	int		 rc = -1;

	if ((serial = serial_from_hex(r->serial_hex)) == NULL) {
		seterr(err, errlen, "bad serial: %.70s",
		    r->serial_hex != NULL ? r->serial_hex : "(null)");
		goto out;
	}
	if (!reason_ok(r->reason)) {
		seterr(err, errlen, "bad reason code %d", r->reason);
		goto out;
	}
	if (r->revoked_at < 0) {
		seterr(err, errlen, "bad revocation time");
		goto out;
	}
	if ((rev = X509_REVOKED_new()) == NULL ||
	    !X509_REVOKED_set_serialNumber(rev, serial) ||
	    (t = ASN1_TIME_set(NULL, r->revoked_at)) == NULL ||
	    !X509_REVOKED_set_revocationDate(rev, t))
		goto fail;
	if (r->reason != PKI_REASON_UNSPECIFIED &&
	    ((e = ASN1_ENUMERATED_new()) == NULL ||
	    !ASN1_ENUMERATED_set(e, r->reason) ||
	    !X509_REVOKED_add1_ext_i2d(rev, NID_crl_reason, e, 0, 0)))
		goto fail;
	if (!X509_CRL_add0_revoked(crl, rev))
		goto fail;
	rev = NULL;
	rc = 0;
	goto out;
fail:
	seterr(err, errlen, "cannot add revoked entry");
out:
	X509_REVOKED_free(rev);
	ASN1_INTEGER_free(serial);
	ASN1_TIME_free(t);
	ASN1_ENUMERATED_free(e);
	return rc;
}

int
pki_crl_write(const char *ca_cert_path, const char *ca_key_path,
    const struct pki_revoked *list, size_t n, uint64_t crl_number,
    int next_update_days, const char *out_path, char *err, size_t errlen)
{
	X509		*ca = NULL;
	EVP_PKEY	*cakey = NULL;
	X509_CRL	*crl = NULL;
	ASN1_TIME	*last = NULL, *next = NULL;
	ASN1_INTEGER	*num = NULL;
	X509_EXTENSION	*ext = NULL;
	X509V3_CTX	 ctx;
	BIO		*bio = NULL;
	time_t		 now = time(NULL);
	size_t		 i;
	int		 rc = -1;

	if (out_path == NULL || (list == NULL && n > 0)) {
		seterr(err, errlen, "arguments missing");
		return -1;
	}
	if (next_update_days < 1 || next_update_days > LEAF_MAX_DAYS) {
		seterr(err, errlen, "next update out of range");
		return -1;
	}
	if (load_ca(ca_cert_path, ca_key_path, &ca, &cakey, err, errlen) == -1)
		goto out;
	if ((crl = X509_CRL_new()) == NULL ||
	    !X509_CRL_set_version(crl, X509_CRL_VERSION_2) ||
	    !X509_CRL_set_issuer_name(crl, X509_get_subject_name(ca)) ||
	    (last = ASN1_TIME_set(NULL, now)) == NULL ||
	    (next = ASN1_TIME_adj(NULL, now, next_update_days, 0)) == NULL ||
	    !X509_CRL_set1_lastUpdate(crl, last) ||
	    !X509_CRL_set1_nextUpdate(crl, next)) {
		seterr(err, errlen, "cannot build CRL");
		goto out;
	}
	for (i = 0; i < n; i++)
		if (crl_add(crl, &list[i], err, errlen) == -1)
			goto out;
	X509V3_set_ctx(&ctx, ca, NULL, NULL, crl, 0);
	if ((num = ASN1_INTEGER_new()) == NULL ||
	    !ASN1_INTEGER_set_uint64(num, crl_number) ||
	    !X509_CRL_add1_ext_i2d(crl, NID_crl_number, num, 0, 0) ||
	    (ext = X509V3_EXT_conf_nid(NULL, &ctx,
	    NID_authority_key_identifier, "keyid:always")) == NULL ||
	    !X509_CRL_add_ext(crl, ext, -1) ||
	    !X509_CRL_sort(crl) ||
	    !X509_CRL_sign(crl, cakey, EVP_sha256())) {
		seterr(err, errlen, "cannot sign CRL");
		goto out;
	}
	if ((bio = BIO_new(BIO_s_mem())) == NULL ||
	    !PEM_write_bio_X509_CRL(bio, crl)) {
		seterr(err, errlen, "cannot encode CRL");
		goto out;
	}
	if (write_bio(out_path, bio, 0644, 0, err, errlen) == -1)
		goto out;
	rc = 0;
out:
	BIO_free(bio);
	X509_EXTENSION_free(ext);
	ASN1_INTEGER_free(num);
	ASN1_TIME_free(last);
	ASN1_TIME_free(next);
	X509_CRL_free(crl);
	X509_free(ca);
	EVP_PKEY_free(cakey);
	ERR_clear_error();
	return rc;
}

/* ---- Secret keys (the audit checkpoints' HMAC key) ---- */

/*
 * Reads the secret key at path: exactly 2 * n lowercase hex digits and a
 * newline, into key (n bytes, at most 64). If the file does not exist and
 * create is set, makes a fresh random key there first (mode 0600 before
 * any byte is written; never replaces an existing file). A file readable
 * by group or others is refused. Returns 0, or -1 with a message in err.
 */
int
pki_secret_key(const char *path, int create, unsigned char *key, size_t n,
    char *err, size_t errlen)
{
	char		 hex[2 * 64 + 2], got[2 * 64 + 3];
	unsigned char	 fresh[64];
	struct stat	 st;
	ssize_t		 r;
	int		 fd, rc = -1;

	if (n == 0 || n > 64) {
		seterr(err, errlen, "%s: bad key length", path);
		return -1;
	}
	if (create && access(path, F_OK) != 0 && errno == ENOENT) {
		if (pki_random(fresh, n) == -1) {
			seterr(err, errlen, "%s: no random bytes", path);
			return -1;
		}
		hex_lower(fresh, n, hex);
		hex[2 * n] = '\n';
		OPENSSL_cleanse(fresh, sizeof(fresh));
		rc = write_atomic(path, hex, 2 * n + 1, 0600, 1, err, errlen);
		OPENSSL_cleanse(hex, sizeof(hex));
		if (rc == -1 && access(path, F_OK) != 0)
			return -1;	/* lost a race to another creator: read theirs */
	}
	rc = -1;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		seterr(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1 || (st.st_mode & 077) != 0) {
		seterr(err, errlen, "%s: must be mode 0600", path);
		goto out;
	}
	r = read(fd, got, sizeof(got) - 1);
	if (r != (ssize_t)(2 * n + 1) || got[2 * n] != '\n' ||
	    hex_decode(got, n, key) == -1) {
		seterr(err, errlen, "%s: not a key of %zu bytes", path, n);
		goto out;
	}
	rc = 0;
out:
	OPENSSL_cleanse(got, sizeof(got));
	close(fd);
	return rc;
}
