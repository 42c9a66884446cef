/* test_pki.c: tokens, digests, scrypt, the CA, client and server certificates, PKCS#12, CRL */
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <ftw.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "pki/pki.h"
#include "t.h"

#define CA_CN	"もがみネット 開発用認証局"
#define CA_O	"最上地域医療連携推進協議会"
#define FAC_NAME "山形県立新庄病院"
#define LEN	512

static char	 tdir[64];	/* the test's temporary directory */
static char	 ca_key[LEN], ca_cert[LEN];
static int	 have_openssl, have_nss;

/* Writes dir/name into out. */
static void
tpath(char *out, const char *name)
{
	snprintf(out, LEN, "%s/%s", tdir, name);
}

/*
 * Runs a shell command (stderr joined to stdout), keeps up to outlen - 1
 * bytes of its output in out; returns its exit status, or -1.
 */
static int	run(char *, size_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
static int
run(char *out, size_t outlen, const char *fmt, ...)
{
	char	 cmd[4096], buf[1024];
	va_list	 ap;
	FILE	*f;
	size_t	 n, have = 0;
	int	 st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	strncat(cmd, " 2>&1", sizeof(cmd) - strlen(cmd) - 1);
	if ((f = popen(cmd, "r")) == NULL)
		return -1;
	if (out != NULL && outlen > 0)
		out[0] = '\0';
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		if (out != NULL && have + 1 < outlen) {
			if (n > outlen - have - 1)
				n = outlen - have - 1;
			memcpy(out + have, buf, n);
			have += n;
			out[have] = '\0';
		}
	st = pclose(f);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Returns 1 if a program is on PATH. */
static int
have_tool(const char *name)
{
	return run(NULL, 0, "command -v %s >/dev/null", name) == 0;
}

/* Reads a whole file into a malloc'd, NUL-terminated buffer (the caller frees). */
static char *
slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*buf = NULL;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) != NULL) {
		if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		} else {
			buf[n] = '\0';
			if (len != NULL)
				*len = (size_t)n;
		}
	}
	fclose(f);
	return buf;
}

/* Writes len bytes to path; returns 0 or -1. */
static int
spew(const char *path, const void *data, size_t len)
{
	FILE	*f;
	int	 rc;

	if ((f = fopen(path, "wb")) == NULL)
		return -1;
	rc = fwrite(data, 1, len, f) == len ? 0 : -1;
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}

/* Returns the certificate in a PEM file or string (the caller frees), or NULL. */
static X509 *
load_cert(const char *path)
{
	FILE	*f;
	X509	*x;

	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	x = PEM_read_X509(f, NULL, NULL, NULL);
	fclose(f);
	return x;
}

static X509 *
cert_from_pem(const char *pem)
{
	BIO	*b;
	X509	*x;

	if ((b = BIO_new_mem_buf(pem, -1)) == NULL)
		return NULL;
	x = PEM_read_bio_X509(b, NULL, NULL, NULL);
	BIO_free(b);
	return x;
}

/* Returns the permission bits of a file, or -1. */
static int
file_mode(const char *path)
{
	struct stat	 st;

	return stat(path, &st) == 0 ? (int)(st.st_mode & 07777) : -1;
}

/*
 * Verifies leaf against the CA (and the CRL, if not NULL) for TLS client
 * use at the current time; returns X509_V_OK or the verification error.
 */
static int
verify_leaf(X509 *leaf, X509 *ca, X509_CRL *crl, int purpose)
{
	X509_STORE	*st;
	X509_STORE_CTX	*ctx;
	int		 rc = -1;

	st = X509_STORE_new();
	ctx = X509_STORE_CTX_new();
	if (st == NULL || ctx == NULL || !X509_STORE_add_cert(st, ca))
		goto out;
	if (crl != NULL && (!X509_STORE_add_crl(st, crl) ||
	    !X509_STORE_set_flags(st, X509_V_FLAG_CRL_CHECK)))
		goto out;
	if (!X509_STORE_CTX_init(ctx, st, leaf, NULL) ||
	    !X509_STORE_CTX_set_purpose(ctx, purpose))
		goto out;
	rc = X509_verify_cert(ctx) == 1 ? X509_V_OK :
	    X509_STORE_CTX_get_error(ctx);
out:
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(st);
	ERR_clear_error();
	return rc;
}

/* Returns 1 if the attribute nid of the subject is a UTF8String equal to want. */
static int
subject_utf8(X509 *x, int nid, const char *want)
{
	const X509_NAME	*nm = X509_get_subject_name(x);
	X509_NAME_ENTRY	*ne;
	ASN1_STRING	*s;
	int		 i;

	if ((i = X509_NAME_get_index_by_NID(nm, nid, -1)) < 0 ||
	    (ne = X509_NAME_get_entry(nm, i)) == NULL ||
	    (s = X509_NAME_ENTRY_get_data(ne)) == NULL)
		return 0;
	return ASN1_STRING_type(s) == V_ASN1_UTF8STRING &&
	    (size_t)ASN1_STRING_length(s) == strlen(want) &&
	    memcmp(ASN1_STRING_get0_data(s), want, strlen(want)) == 0;
}

/* Lowercase hex without colons from "SHA1 Fingerprint=AB:CD:..." (openssl x509). */
static void
fp_from_cli(const char *line, char *out, size_t outlen)
{
	const char	*p = strchr(line, '=');
	size_t		 n = 0;

	out[0] = '\0';
	if (p == NULL)
		return;
	for (p++; *p != '\0' && *p != '\n' && n + 1 < outlen; p++)
		if (*p != ':') {
			out[n++] = (char)(*p >= 'A' && *p <= 'F' ? *p - 'A' + 'a' : *p);
		}
	out[n] = '\0';
}

/* Strips a trailing newline. */
static void
chomp(char *s)
{
	size_t	 n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

static int
is_hex(const char *s, int upper)
{
	for (; *s != '\0'; s++)
		if (!((*s >= '0' && *s <= '9') ||
		    (upper ? (*s >= 'A' && *s <= 'F') : (*s >= 'a' && *s <= 'f'))))
			return 0;
	return 1;
}

static int
rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(p);
}

/* Counts the entries of the test directory whose name contains ".tmp". */
static int
temp_files_left(void)
{
	DIR		*d;
	struct dirent	*de;
	int		 n = 0;

	if ((d = opendir(tdir)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (strstr(de->d_name, ".tmp") != NULL)
			n++;
	closedir(d);
	return n;
}

/* ---- Random numbers, tokens, digests ---- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

static void
test_tokens(void)
{
	static char	 toks[200][33];
	char		 t[65], small[64];
	unsigned char	 b[100];
	size_t		 i;

	CHECK(pki_token_hex(t, sizeof(t), 32) == 0);
	CHECK(strlen(t) == 64);
	CHECK(is_hex(t, 0));
	CHECK(pki_token_hex(small, sizeof(small), 32) == -1);	/* needs 65 */
	CHECK(pki_token_hex(t, sizeof(t), 0) == -1);
	CHECK(pki_token_hex(t, sizeof(t), 1) == 0 && strlen(t) == 2);
	/* 16-byte tokens: all different. */
	for (i = 0; i < 200; i++)
		CHECK(pki_token_hex(toks[i], sizeof(toks[i]), 16) == 0);
	qsort(toks, 200, sizeof(toks[0]), cmp_str);
	for (i = 1; i < 200; i++)
		CHECK(strcmp(toks[i - 1], toks[i]) != 0);
	memset(b, 0, sizeof(b));
	CHECK(pki_random(b, sizeof(b)) == 0);
	for (i = 0; i < sizeof(b) && b[i] == 0; i++)
		;
	CHECK(i < sizeof(b));
	CHECK(pki_random(b, 0) == 0);
}

static void
test_digests(void)
{
	unsigned char	 key[131];
	char		 h[PKI_SHA256_HEX];

	/* FIPS 180-2 vectors. */
	CHECK(pki_sha256_hex("abc", 3, h) == 0);
	CHECK_STR(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	CHECK(pki_sha256_hex("", 0, h) == 0);
	CHECK_STR(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	CHECK(pki_sha256_hex(NULL, 0, h) == 0);
	CHECK_STR(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

	/* RFC 4231 test cases 1, 2 and 6. */
	memset(key, 0x0b, 20);
	CHECK(pki_hmac_sha256_hex(key, 20, "Hi There", 8, h) == 0);
	CHECK_STR(h, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
	CHECK(pki_hmac_sha256_hex("Jefe", 4, "what do ya want for nothing?", 28,
	    h) == 0);
	CHECK_STR(h, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	memset(key, 0xaa, sizeof(key));
	CHECK(pki_hmac_sha256_hex(key, sizeof(key),
	    "Test Using Larger Than Block-Size Key - Hash Key First", 54, h) == 0);
	CHECK_STR(h, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");

	CHECK(pki_ct_equal("abcd", "abcd", 4) == 1);
	CHECK(pki_ct_equal("abcd", "abce", 4) == 0);
	CHECK(pki_ct_equal("x", "y", 0) == 1);
}

/* ---- Passwords ---- */

/* Returns a copy of s with the character at i replaced by c (static buffer). */
static const char *
tamper(const char *s, size_t i, char c)
{
	static char	 buf[PKI_PASSWORD_MAX * 2];

	snprintf(buf, sizeof(buf), "%s", s);
	buf[i] = c;
	return buf;
}

static void
test_password(void)
{
	char		 enc[PKI_PASSWORD_MAX], enc2[PKI_PASSWORD_MAX];
	char		 err[128], big[PKI_PASSWORD_INPUT_MAX + 2], bad[512];
	char		 bad2[512];
	const char	*hash;
	int		 rc1, rc2;
	struct timespec	 a, b;
	double		 ms;
	size_t		 n;

	/* RFC 7914 section 12, through the verifier (parameters from the string). */
	CHECK(pki_password_verify("password", "scrypt$1024$8$16$4e61436c$"
	    "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
	    "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640") == 1);
	CHECK(pki_password_verify("pleaseletmein", "scrypt$16384$8$1$"
	    "536f6469756d43686c6f72696465$"
	    "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
	    "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887") == 1);
	CHECK(pki_password_verify("pleaseletmeIn", "scrypt$16384$8$1$"
	    "536f6469756d43686c6f72696465$"
	    "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
	    "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887") == 0);

	/* The default parameters, timed. */
	clock_gettime(CLOCK_MONOTONIC, &a);
	CHECK(pki_password_hash("正しいパスワード", enc, sizeof(enc), err,
	    sizeof(err)) == 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	ms = (double)(b.tv_sec - a.tv_sec) * 1e3 +
	    (double)(b.tv_nsec - a.tv_nsec) / 1e6;
	fprintf(stderr, "pki: scrypt N=%d r=%d p=%d took %.1f ms\n",
	    PKI_SCRYPT_N, PKI_SCRYPT_R, PKI_SCRYPT_P, ms);
	CHECK(strncmp(enc, "scrypt$16384$8$1$", 17) == 0);
	CHECK(strlen(enc) == 17 + 32 + 1 + 64);
	CHECK(pki_password_verify("正しいパスワード", enc) == 1);
	CHECK(pki_password_verify("正しいパスワーど", enc) == 0);

	/* Cheap parameters from here on; a fresh salt each time. */
	CHECK(pki_password_hash_params("secret", 1024, 8, 1, enc, sizeof(enc),
	    err, sizeof(err)) == 0);
	CHECK(pki_password_hash_params("secret", 1024, 8, 1, enc2, sizeof(enc2),
	    err, sizeof(err)) == 0);
	CHECK(strcmp(enc, enc2) != 0);
	CHECK(strncmp(enc, "scrypt$1024$8$1$", 16) == 0);
	CHECK(pki_password_verify("secret", enc) == 1);
	CHECK(pki_password_verify("secret", enc2) == 1);
	CHECK(pki_password_verify("Secret", enc) == 0);
	CHECK(pki_password_verify("", enc) == 0);
	CHECK(pki_password_verify("secret ", enc) == 0);
	CHECK(pki_password_verify(NULL, enc) == 0);

	/* Tampering: last digit of the hash, first of the salt, the parameters. */
	n = strlen(enc);
	CHECK(pki_password_verify("secret", tamper(enc, n - 1,
	    enc[n - 1] == '0' ? '1' : '0')) == 0);
	hash = strrchr(enc, '$');
	CHECK(hash != NULL);
	CHECK(pki_password_verify("secret", tamper(enc, 16,
	    enc[16] == '0' ? '1' : '0')) == 0);
	snprintf(bad, sizeof(bad), "scrypt$2048$8$1$%s", enc + 16);
	CHECK(pki_password_verify("secret", bad) == 0);
	snprintf(bad, sizeof(bad), "scrypt$1024$4$1$%s", enc + 16);
	CHECK(pki_password_verify("secret", bad) == 0);
	snprintf(bad, sizeof(bad), "scrypt$1024$8$2$%s", enc + 16);
	CHECK(pki_password_verify("secret", bad) == 0);
	/* Upper-case hex is the same bytes. */
	snprintf(bad, sizeof(bad), "%s", enc);
	for (n = 16; bad[n] != '\0'; n++)
		if (bad[n] >= 'a' && bad[n] <= 'f')
			bad[n] = (char)(bad[n] - 'a' + 'A');
	CHECK(pki_password_verify("secret", bad) == 1);

	/* Malformed or absurd: -1 without running scrypt. */
	CHECK(pki_password_verify("secret", NULL) == -1);
	CHECK(pki_password_verify("secret", "") == -1);
	CHECK(pki_password_verify("secret", "scrypt$") == -1);
	CHECK(pki_password_verify("secret", "bcrypt$1024$8$1$00$00") == -1);
	CHECK(pki_password_verify("secret", "$2y$10$abcdefghijklmnopqrstuv") == -1);
	snprintf(bad, sizeof(bad), "scrypt$1000$8$1$%s", enc + 16);	/* not 2^k */
	CHECK(pki_password_verify("secret", bad) == -1);
	snprintf(bad, sizeof(bad), "scrypt$2097152$1$1$%s", enc + 16); /* 2^21 */
	CHECK(pki_password_verify("secret", bad) == -1);
	snprintf(bad, sizeof(bad), "scrypt$1048576$8$1$%s", enc + 16); /* 1 GiB */
	CHECK(pki_password_verify("secret", bad) == -1);
	snprintf(bad, sizeof(bad), "scrypt$65536$8$16$%s", enc + 16); /* work */
	CHECK(pki_password_verify("secret", bad) == -1);
	snprintf(bad, sizeof(bad), "scrypt$1024$0$1$%s", enc + 16);
	CHECK(pki_password_verify("secret", bad) == -1);
	snprintf(bad, sizeof(bad), "scrypt$1024$33$1$%s", enc + 16);
	CHECK(pki_password_verify("secret", bad) == -1);
	snprintf(bad, sizeof(bad), "scrypt$1024$8$0$%s", enc + 16);
	CHECK(pki_password_verify("secret", bad) == -1);
	snprintf(bad, sizeof(bad), "scrypt$1024$8$17$%s", enc + 16);
	CHECK(pki_password_verify("secret", bad) == -1);
	snprintf(bad, sizeof(bad), "scrypt$01024$8$1$%s", enc + 16);
	CHECK(pki_password_verify("secret", bad) == -1);
	snprintf(bad, sizeof(bad), "scrypt$+1024$8$1$%s", enc + 16);
	CHECK(pki_password_verify("secret", bad) == -1);
	snprintf(bad, sizeof(bad), "scrypt$-1024$8$1$%s", enc + 16);
	CHECK(pki_password_verify("secret", bad) == -1);
	snprintf(bad, sizeof(bad), "scrypt$18446744073709551616$8$1$%s", enc + 16);
	CHECK(pki_password_verify("secret", bad) == -1);
	snprintf(bad, sizeof(bad), "scrypt$1024$8$%s", enc + 16);	/* field missing */
	CHECK(pki_password_verify("secret", bad) == -1);
	snprintf(bad, sizeof(bad), "%s$", enc);			/* extra field */
	CHECK(pki_password_verify("secret", bad) == -1);
	/*
	 * A longer hash is well-formed: scrypt's 33rd byte decides, so "00"
	 * and "01" appended cannot both match.
	 */
	snprintf(bad, sizeof(bad), "%s00", enc);
	snprintf(bad2, sizeof(bad2), "%s01", enc);
	rc1 = pki_password_verify("secret", bad);
	rc2 = pki_password_verify("secret", bad2);
	CHECK(rc1 >= 0 && rc2 >= 0 && rc1 + rc2 <= 1);
	snprintf(bad, sizeof(bad), "%s0", enc);			/* odd length */
	CHECK(pki_password_verify("secret", bad) == -1);
	snprintf(bad, sizeof(bad), "%s", enc);
	bad[n - 1] = 'g';					/* not hex */
	CHECK(pki_password_verify("secret", bad) == -1);
	bad[n - 1] = '\0';					/* odd */
	CHECK(pki_password_verify("secret", bad) == -1);
	CHECK(pki_password_verify("secret", tamper(enc, 16, '$')) == -1);
	CHECK(pki_password_verify("secret", "scrypt$1024$8$1$00$"
	    "0000000000000000000000000000000000000000000000000000000000000000") == -1);
	CHECK(pki_password_verify("secret", "scrypt$1024$8$1$"
	    "00000000000000000000000000000000$0000") == -1);	/* hash too short */

	/* Bounds when hashing, too. */
	CHECK(pki_password_hash_params("x", 1000, 8, 1, enc2, sizeof(enc2), err,
	    sizeof(err)) == -1);
	CHECK(pki_password_hash_params("x", 1 << 21, 1, 1, enc2, sizeof(enc2),
	    err, sizeof(err)) == -1);
	CHECK(pki_password_hash_params("x", 1024, 8, 1, enc2, 50, err,
	    sizeof(err)) == -1);
	CHECK(enc2[0] == '\0');
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	CHECK(pki_password_hash_params(big, 1024, 8, 1, enc2, sizeof(enc2), err,
	    sizeof(err)) == -1);
	CHECK(pki_password_verify(big, enc) == 0);
	big[PKI_PASSWORD_INPUT_MAX] = '\0';
	CHECK(pki_password_hash_params(big, 1024, 8, 1, enc2, sizeof(enc2), err,
	    sizeof(err)) == 0);
	CHECK(pki_password_verify(big, enc2) == 1);
}

/* ---- The CA ---- */

static void
test_ca(void)
{
	char		 err[256], out[8192], p[LEN], q[LEN], *before, *after;
	X509		*x = NULL;
	EVP_PKEY	*pub;
	BASIC_CONSTRAINTS *bc = NULL;
	int		 crit = 0;

	tpath(ca_key, "ca.key");
	tpath(ca_cert, "ca.pem");
	CHECK(pki_ca_init(CA_CN, CA_O, 3650, ca_key, ca_cert, err,
	    sizeof(err)) == 0);
	CHECK(file_mode(ca_key) == 0600);
	CHECK(file_mode(ca_cert) == 0644);
	CHECK(temp_files_left() == 0);

	/* Never replaced. */
	before = slurp(ca_key, NULL);
	CHECK(pki_ca_init(CA_CN, CA_O, 3650, ca_key, ca_cert, err,
	    sizeof(err)) == -1);
	CHECK(strstr(err, "exists") != NULL);
	tpath(p, "other.key");
	CHECK(pki_ca_init(CA_CN, NULL, 3650, p, ca_cert, err, sizeof(err)) == -1);
	CHECK(access(p, F_OK) == -1);
	after = slurp(ca_key, NULL);
	CHECK(before != NULL && after != NULL && strcmp(before, after) == 0);
	free(before);
	free(after);

	/* Bad subjects and validity. */
	tpath(p, "bad.key");
	tpath(q, "bad.pem");
	CHECK(pki_ca_init("a\nb", NULL, 10, p, q, err, sizeof(err)) == -1);
	CHECK(pki_ca_init("\xe3\x82", NULL, 10, p, q, err, sizeof(err)) == -1);
	CHECK(pki_ca_init("", NULL, 10, p, q, err, sizeof(err)) == -1);
	CHECK(pki_ca_init("0123456789012345678901234567890123456789"
	    "0123456789012345678901234", NULL, 10, p, q, err, sizeof(err)) == -1);
	CHECK(pki_ca_init(CA_CN, NULL, 0, p, q, err, sizeof(err)) == -1);
	CHECK(access(p, F_OK) == -1 && access(q, F_OK) == -1);
	/* 64 characters of three UTF-8 bytes each are fine. */
	CHECK(pki_ca_init("ああああああああああああああああああああああああああああああああ"
	    "ああああああああああああああああああああああああああああああああ",
	    NULL, 1, p, q, err, sizeof(err)) == 0);
	CHECK(pki_ca_init("ああああああああああああああああああああああああああああああああ"
	    "あああああああああああああああああああああああああああああああああ",
	    NULL, 1, p, ca_cert, err, sizeof(err)) == -1);

	if ((x = load_cert(ca_cert)) == NULL) {
		CHECK(x != NULL);
		return;
	}
	CHECK(subject_utf8(x, NID_commonName, CA_CN));
	CHECK(subject_utf8(x, NID_organizationName, CA_O));
	CHECK(X509_check_ca(x) == 1);
	CHECK((pub = X509_get0_pubkey(x)) != NULL && X509_verify(x, pub) == 1);
	CHECK(EVP_PKEY_is_a(pub, "EC"));
	bc = X509_get_ext_d2i(x, NID_basic_constraints, &crit, NULL);
	CHECK(bc != NULL && bc->ca && crit == 1);
	BASIC_CONSTRAINTS_free(bc);
	CHECK((X509_get_key_usage(x) & (KU_KEY_CERT_SIGN | KU_CRL_SIGN)) ==
	    (KU_KEY_CERT_SIGN | KU_CRL_SIGN));
	CHECK(X509_get0_subject_key_id(x) != NULL);
	CHECK(X509_get_version(x) == X509_VERSION_3);
	X509_free(x);

	if (have_openssl) {
		CHECK(run(out, sizeof(out), "openssl x509 -in %s -noout -text",
		    ca_cert) == 0);
		CHECK(strstr(out, "CA:TRUE") != NULL);
		CHECK(strstr(out, "Certificate Sign, CRL Sign") != NULL);
		CHECK(strstr(out, "ecdsa-with-SHA256") != NULL);
		CHECK(run(out, sizeof(out), "openssl ec -in %s -noout -check",
		    ca_key) == 0);
	}
}

/* ---- Server certificate ---- */

static void
test_server(void)
{
	const char	*names[] = { "localhost", "127.0.0.1", "::1" };
	const char	*bad1[] = { "local,host" };
	const char	*bad2[] = { "-x.example" };
	const char	*bad3[] = { "a..b" };
	char		 err[256], out[8192], key[LEN], crt[LEN];
	X509		*x = NULL, *ca = NULL;
	EVP_PKEY	*k = NULL;
	FILE		*f;

	tpath(key, "server.key");
	tpath(crt, "server.pem");
	CHECK(pki_server_issue(ca_cert, ca_key, names, 3, 825, key, crt, err,
	    sizeof(err)) == 0);
	CHECK(file_mode(key) == 0600);
	CHECK(file_mode(crt) == 0644);
	/* Re-issuing replaces both. */
	CHECK(pki_server_issue(ca_cert, ca_key, names, 3, 825, key, crt, err,
	    sizeof(err)) == 0);
	CHECK(temp_files_left() == 0);
	CHECK(pki_server_issue(ca_cert, ca_key, bad1, 1, 825, key, crt, err,
	    sizeof(err)) == -1);
	CHECK(pki_server_issue(ca_cert, ca_key, bad2, 1, 825, key, crt, err,
	    sizeof(err)) == -1);
	CHECK(pki_server_issue(ca_cert, ca_key, bad3, 1, 825, key, crt, err,
	    sizeof(err)) == -1);
	CHECK(pki_server_issue(ca_cert, ca_key, names, 0, 825, key, crt, err,
	    sizeof(err)) == -1);
	CHECK(pki_server_issue(ca_cert, ca_key, names, 3, 99999, key, crt, err,
	    sizeof(err)) == -1);

	x = load_cert(crt);
	ca = load_cert(ca_cert);
	if ((f = fopen(key, "r")) != NULL) {
		k = PEM_read_PrivateKey(f, NULL, NULL, NULL);
		fclose(f);
	}
	CHECK(x != NULL && ca != NULL && k != NULL);
	if (x == NULL || ca == NULL || k == NULL)
		goto out;
	CHECK(X509_check_private_key(x, k) == 1);
	CHECK(verify_leaf(x, ca, NULL, X509_PURPOSE_SSL_SERVER) == X509_V_OK);
	CHECK(verify_leaf(x, ca, NULL, X509_PURPOSE_SSL_CLIENT) != X509_V_OK);
	CHECK(X509_check_host(x, "localhost", 0, 0, NULL) == 1);
	CHECK(X509_check_host(x, "example.org", 0, 0, NULL) == 0);
	CHECK(X509_check_ip_asc(x, "127.0.0.1", 0) == 1);
	CHECK(X509_check_ip_asc(x, "::1", 0) == 1);
	CHECK(X509_check_ip_asc(x, "127.0.0.2", 0) == 0);
	CHECK(X509_get_extended_key_usage(x) == XKU_SSL_SERVER);
	CHECK(X509_get_key_usage(x) == KU_DIGITAL_SIGNATURE);
	CHECK(X509_get0_authority_key_id(x) != NULL);
	CHECK(ASN1_OCTET_STRING_cmp(X509_get0_authority_key_id(x),
	    X509_get0_subject_key_id(ca)) == 0);
	if (have_openssl) {
		CHECK(run(out, sizeof(out), "openssl verify -purpose sslserver "
		    "-CAfile %s %s", ca_cert, crt) == 0);
		CHECK(strstr(out, ": OK") != NULL);
	}
out:
	EVP_PKEY_free(k);
	X509_free(x);
	X509_free(ca);
}

/* ---- Client certificates ---- */

static void
check_info_matches(const struct pki_issued *is)
{
	struct pki_certinfo	 ci;
	char			 err[256];

	CHECK(pki_cert_info_from_pem(is->cert_pem, strlen(is->cert_pem), &ci,
	    err, sizeof(err)) == 0);
	CHECK_STR(ci.serial, is->info.serial);
	CHECK_STR(ci.sha1, is->info.sha1);
	CHECK_STR(ci.sha256, is->info.sha256);
	CHECK_STR(ci.subject_dn, is->info.subject_dn);
	CHECK_STR(ci.issuer_dn, is->info.issuer_dn);
	CHECK_STR(ci.cn, is->info.cn);
	CHECK_STR(ci.o, is->info.o);
	CHECK_STR(ci.ou, is->info.ou);
	CHECK_STR(ci.not_before, is->info.not_before);
	CHECK_STR(ci.not_after, is->info.not_after);
	CHECK(ci.not_before_t == is->info.not_before_t);
	CHECK(ci.not_after_t == is->info.not_after_t);
}

static void
test_client(void)
{
	struct pki_client_req	 req = { "yamada.taro", "0612345678", FAC_NAME,
				    -300, 365 };
	struct pki_issued	 is, is2;
	char			 err[256], out[16384], crt[LEN], p12f[LEN];
	char			 nss[LEN], fp[80], want[PKI_DN_MAX + 16];
	X509			*x = NULL, *ca = NULL, *px = NULL;
	EVP_PKEY		*pk = NULL;
	STACK_OF(X509)		*pca = NULL;
	PKCS12			*p12 = NULL;
	const unsigned char	*pp;
	const ASN1_INTEGER	*sn;
	BIGNUM			*bn = NULL;
	time_t			 now = time(NULL);
	size_t			 i;

	memset(&is2, 0, sizeof(is2));
	tpath(p12f, "yamada.p12");
	if (pki_issue_client(ca_cert, ca_key, &req, p12f, &is, err,
	    sizeof(err)) == -1) {
		fprintf(stderr, "pki_issue_client: %s\n", err);
		CHECK(0);
		return;
	}
	CHECK(file_mode(p12f) == 0600);
	CHECK(temp_files_left() == 0);
	/* The PKCS#12 file is never overwritten. */
	CHECK(pki_issue_client(ca_cert, ca_key, &req, p12f, &is2, err,
	    sizeof(err)) == -1);
	CHECK(strstr(err, "exists") != NULL);
	CHECK(is2.p12 == NULL && is2.cert_pem == NULL);
	pki_issued_free(&is2);

	/* What the caller gets. */
	CHECK(strlen(is.info.serial) == 32 && strncmp(is.info.serial, "00", 2) != 0);
	CHECK(is_hex(is.info.serial, 1));
	CHECK(strlen(is.info.sha1) == 40 && is_hex(is.info.sha1, 0));
	CHECK(strlen(is.info.sha256) == 64 && is_hex(is.info.sha256, 0));
	CHECK_STR(is.info.cn, "yamada.taro");
	CHECK_STR(is.info.o, "0612345678");
	CHECK_STR(is.info.ou, FAC_NAME);
	CHECK(strlen(is.p12_password) == PKI_P12_PASS_LEN);
	for (i = 0; i < PKI_P12_PASS_LEN; i++)
		CHECK(strchr("ABCDEFGHJKLMNPQRSTUVWXYZ23456789",
		    is.p12_password[i]) != NULL);
	CHECK(is.info.not_before_t >= now - 300 - 5 &&
	    is.info.not_before_t <= now - 300 + 5);
	CHECK(is.info.not_after_t == is.info.not_before_t + 365 * 86400);
	CHECK(strlen(is.info.not_before) == 19 && is.info.not_before[4] == '-' &&
	    is.info.not_before[10] == ' ' && is.info.not_before[13] == ':');
	/* nginx's RFC 2253 form: most specific first, UTF-8 bytes escaped. */
	CHECK_STR(is.info.subject_dn, "CN=yamada.taro,"
	    "OU=\\E5\\B1\\B1\\E5\\BD\\A2\\E7\\9C\\8C\\E7\\AB\\8B\\E6\\96\\B0"
	    "\\E5\\BA\\84\\E7\\97\\85\\E9\\99\\A2,O=0612345678");
	check_info_matches(&is);

	/* The certificate itself. */
	tpath(crt, "yamada.pem");
	CHECK(spew(crt, is.cert_pem, strlen(is.cert_pem)) == 0);
	x = cert_from_pem(is.cert_pem);
	ca = load_cert(ca_cert);
	CHECK(x != NULL && ca != NULL);
	if (x == NULL || ca == NULL)
		goto out;
	CHECK(verify_leaf(x, ca, NULL, X509_PURPOSE_SSL_CLIENT) == X509_V_OK);
	CHECK(verify_leaf(x, ca, NULL, X509_PURPOSE_SSL_SERVER) != X509_V_OK);
	CHECK(X509_get_extended_key_usage(x) == XKU_SSL_CLIENT);
	CHECK(X509_get_key_usage(x) == KU_DIGITAL_SIGNATURE);
	CHECK(X509_check_ca(x) == 0);
	CHECK(ASN1_OCTET_STRING_cmp(X509_get0_authority_key_id(x),
	    X509_get0_subject_key_id(ca)) == 0);
	CHECK(EVP_PKEY_is_a(X509_get0_pubkey(x), "EC"));
	CHECK(EVP_PKEY_get_bits(X509_get0_pubkey(x)) == 256);
	sn = X509_get0_serialNumber(x);
	CHECK(ASN1_STRING_type(sn) == V_ASN1_INTEGER);	/* positive */
	CHECK(ASN1_STRING_length(sn) == 16);
	bn = ASN1_INTEGER_to_BN(sn, NULL);
	CHECK(bn != NULL && BN_num_bits(bn) > 120 && BN_num_bits(bn) <= 127);
	CHECK(subject_utf8(x, NID_commonName, "yamada.taro"));
	CHECK(subject_utf8(x, NID_organizationName, "0612345678"));
	CHECK(subject_utf8(x, NID_organizationalUnitName, FAC_NAME));
	CHECK(X509_NAME_cmp(X509_get_issuer_name(x),
	    X509_get_subject_name(ca)) == 0);

	/* Cross-check with the openssl CLI, whose options mirror nginx's calls. */
	if (have_openssl) {
		CHECK(run(out, sizeof(out), "openssl x509 -in %s -noout -serial",
		    crt) == 0);
		chomp(out);
		snprintf(want, sizeof(want), "serial=%s", is.info.serial);
		CHECK_STR(out, want);
		CHECK(run(out, sizeof(out), "openssl x509 -in %s -noout "
		    "-fingerprint -sha1", crt) == 0);
		fp_from_cli(out, fp, sizeof(fp));
		CHECK_STR(fp, is.info.sha1);
		CHECK(run(out, sizeof(out), "openssl x509 -in %s -noout "
		    "-fingerprint -sha256", crt) == 0);
		fp_from_cli(out, fp, sizeof(fp));
		CHECK_STR(fp, is.info.sha256);
		CHECK(run(out, sizeof(out), "openssl x509 -in %s -noout "
		    "-issuer -nameopt RFC2253", crt) == 0);
		chomp(out);
		snprintf(want, sizeof(want), "issuer=%s", is.info.issuer_dn);
		CHECK_STR(out, want);
		CHECK(run(out, sizeof(out), "openssl x509 -in %s -noout "
		    "-subject -nameopt RFC2253", crt) == 0);
		chomp(out);
		snprintf(want, sizeof(want), "subject=%s", is.info.subject_dn);
		CHECK_STR(out, want);
		CHECK(run(out, sizeof(out), "openssl x509 -in %s -noout -text",
		    crt) == 0);
		CHECK(strstr(out, "TLS Web Client Authentication") != NULL);
		CHECK(strstr(out, "Server Authentication") == NULL);
		CHECK(run(out, sizeof(out), "openssl verify -purpose sslclient "
		    "-CAfile %s %s", ca_cert, crt) == 0);
	}

	/* The PKCS#12: the right password opens it, a wrong one does not. */
	pp = is.p12;
	p12 = d2i_PKCS12(NULL, &pp, (long)is.p12_len);
	CHECK(p12 != NULL);
	if (p12 == NULL)
		goto out;
	CHECK(PKCS12_verify_mac(p12, is.p12_password, -1) == 1);
	CHECK(PKCS12_verify_mac(p12, "WRONGPASSWORD234", -1) == 0);
	CHECK(PKCS12_parse(p12, "WRONGPASSWORD234", &pk, &px, &pca) == 0);
	ERR_clear_error();
	CHECK(PKCS12_parse(p12, is.p12_password, &pk, &px, &pca) == 1);
	CHECK(pk != NULL && px != NULL && X509_cmp(px, x) == 0);
	CHECK(px != NULL && pk != NULL && X509_check_private_key(px, pk) == 1);
	CHECK(pca != NULL && sk_X509_num(pca) == 1 &&
	    X509_cmp(sk_X509_value(pca, 0), ca) == 0);
	if (have_openssl) {
		CHECK(run(out, sizeof(out), "openssl pkcs12 -in %s -noout -info "
		    "-passin pass:%s", p12f, is.p12_password) == 0);
		CHECK(strstr(out, "MAC: sha256") != NULL);
		CHECK(strstr(out, "PKCS7 Encrypted data: PBES2, PBKDF2, "
		    "AES-256-CBC") != NULL);
		CHECK(strstr(out, "Shrouded Keybag: PBES2, PBKDF2, "
		    "AES-256-CBC") != NULL);
		CHECK(strstr(out, "PRF hmacWithSHA256") != NULL);
		CHECK(strstr(out, "RC2") == NULL && strstr(out, "3DES") == NULL);
		CHECK(run(out, sizeof(out), "openssl pkcs12 -in %s -noout "
		    "-passin pass:WRONGPASSWORD234", p12f) != 0);
	}
	/* Chromium and Firefox keep certificates in NSS: pk12util imports it. */
	if (have_nss) {
		tpath(nss, "nssdb");
		CHECK(mkdir(nss, 0700) == 0);
		CHECK(run(out, sizeof(out), "certutil -N -d sql:%s "
		    "--empty-password", nss) == 0);
		CHECK(run(out, sizeof(out), "pk12util -i %s -d sql:%s "
		    "-W WRONGPASSWORD234", p12f, nss) != 0);
		CHECK(run(out, sizeof(out), "pk12util -i %s -d sql:%s -W %s",
		    p12f, nss, is.p12_password) == 0);
		CHECK(strstr(out, "PKCS12 IMPORT SUCCESSFUL") != NULL);
		CHECK(run(out, sizeof(out), "certutil -L -d sql:%s", nss) == 0);
		CHECK(strstr(out, "yamada.taro") != NULL);
		CHECK(run(out, sizeof(out), "certutil -K -d sql:%s", nss) == 0);
		CHECK(strstr(out, "ec") != NULL);
	}

	/* Serials differ from one certificate to the next; no file asked. */
	CHECK(pki_issue_client(ca_cert, ca_key, &req, NULL, &is2, err,
	    sizeof(err)) == 0);
	CHECK(strcmp(is.info.serial, is2.info.serial) != 0);
	CHECK(strcmp(is.p12_password, is2.p12_password) != 0);
	CHECK(strcmp(is.info.sha256, is2.info.sha256) != 0);
	CHECK_STR(is.info.issuer_dn, is2.info.issuer_dn);
	pki_issued_free(&is2);
out:
	BN_free(bn);
	PKCS12_free(p12);
	EVP_PKEY_free(pk);
	X509_free(px);
	sk_X509_pop_free(pca, X509_free);
	X509_free(x);
	X509_free(ca);
	pki_issued_free(&is);
}

static void
test_client_errors(void)
{
	struct pki_client_req	 req = { "sato", "0600000001", NULL, 0, 30 };
	struct pki_issued	 is;
	char			 err[256], p[LEN], q[LEN];

	/* No OU is fine. */
	CHECK(pki_issue_client(ca_cert, ca_key, &req, NULL, &is, err,
	    sizeof(err)) == 0);
	CHECK_STR(is.info.ou, "");
	CHECK_STR(is.info.subject_dn, "CN=sato,O=0600000001");
	pki_issued_free(&is);

	req.cn = NULL;
	CHECK(pki_issue_client(ca_cert, ca_key, &req, NULL, &is, err,
	    sizeof(err)) == -1);
	req.cn = "sato\r";
	CHECK(pki_issue_client(ca_cert, ca_key, &req, NULL, &is, err,
	    sizeof(err)) == -1);
	req.cn = "sato";
	req.o = "0123456789012345678901234567890123456789012345678901234567890123X";
	CHECK(pki_issue_client(ca_cert, ca_key, &req, NULL, &is, err,
	    sizeof(err)) == -1);
	req.o = "0600000001";
	req.days = 0;
	CHECK(pki_issue_client(ca_cert, ca_key, &req, NULL, &is, err,
	    sizeof(err)) == -1);
	req.days = 3650;	/* would outlive the CA by a day */
	req.start_offset_secs = 86400;
	CHECK(pki_issue_client(ca_cert, ca_key, &req, NULL, &is, err,
	    sizeof(err)) == -1);
	CHECK(strstr(err, "after the CA") != NULL);
	req.days = 30;
	req.start_offset_secs = 20LL * 365 * 86400;
	CHECK(pki_issue_client(ca_cert, ca_key, &req, NULL, &is, err,
	    sizeof(err)) == -1);
	req.start_offset_secs = 0;
	CHECK(is.p12 == NULL && is.cert_pem == NULL);

	/* A missing CA, or a key that is not the CA's. */
	tpath(p, "missing.pem");
	CHECK(pki_issue_client(p, ca_key, &req, NULL, &is, err,
	    sizeof(err)) == -1);
	tpath(p, "ca2.key");
	tpath(q, "ca2.pem");
	CHECK(pki_ca_init("別の認証局", NULL, 30, p, q, err, sizeof(err)) == 0);
	CHECK(pki_issue_client(ca_cert, p, &req, NULL, &is, err,
	    sizeof(err)) == -1);
	CHECK(strstr(err, "does not match") != NULL);
	/* A leaf is not a CA. */
	tpath(q, "server.pem");
	tpath(p, "server.key");
	CHECK(pki_issue_client(q, p, &req, NULL, &is, err, sizeof(err)) == -1);
	CHECK(strstr(err, "not a CA") != NULL);
}

/* Expired and not-yet-valid certificates, for the certificate matrix. */
static void
test_validity(void)
{
	struct pki_client_req	 req = { "expired", "0600000001", FAC_NAME,
				    -2 * 86400, 1 };
	struct pki_issued	 is;
	char			 err[256], out[4096], crt[LEN];
	X509			*x = NULL, *ca = load_cert(ca_cert);
	time_t			 now = time(NULL);

	CHECK(ca != NULL);
	CHECK(pki_issue_client(ca_cert, ca_key, &req, NULL, &is, err,
	    sizeof(err)) == 0);
	CHECK(is.info.not_after_t < now - 86400 + 5);
	CHECK(is.info.not_after_t > now - 86400 - 5);
	if ((x = cert_from_pem(is.cert_pem)) != NULL && ca != NULL)
		CHECK(verify_leaf(x, ca, NULL, X509_PURPOSE_SSL_CLIENT) ==
		    X509_V_ERR_CERT_HAS_EXPIRED);
	if (have_openssl) {
		tpath(crt, "expired.pem");
		CHECK(spew(crt, is.cert_pem, strlen(is.cert_pem)) == 0);
		CHECK(run(out, sizeof(out), "openssl verify -CAfile %s %s",
		    ca_cert, crt) != 0);
		CHECK(strstr(out, "certificate has expired") != NULL);
	}
	X509_free(x);
	pki_issued_free(&is);

	req.cn = "future";
	req.start_offset_secs = 86400;
	req.days = 30;
	CHECK(pki_issue_client(ca_cert, ca_key, &req, NULL, &is, err,
	    sizeof(err)) == 0);
	CHECK(is.info.not_before_t > now + 86400 - 5);
	CHECK(is.info.not_before_t < now + 86400 + 5);
	if ((x = cert_from_pem(is.cert_pem)) != NULL && ca != NULL)
		CHECK(verify_leaf(x, ca, NULL, X509_PURPOSE_SSL_CLIENT) ==
		    X509_V_ERR_CERT_NOT_YET_VALID);
	X509_free(x);
	pki_issued_free(&is);
	X509_free(ca);
}

/* ---- Revocation ---- */

static X509_CRL *
load_crl(const char *path)
{
	FILE		*f;
	X509_CRL	*c;

	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	c = PEM_read_X509_CRL(f, NULL, NULL, NULL);
	fclose(f);
	return c;
}

/* Returns 1 if crl lists the serial given as hex, else 0. */
static int
crl_has(X509_CRL *crl, const char *hex, int *reason)
{
	BIGNUM		*bn = NULL;
	ASN1_INTEGER	*ai = NULL;
	X509_REVOKED	*rev = NULL;
	ASN1_ENUMERATED	*e;
	int		 found = 0;

	if (BN_hex2bn(&bn, hex) == 0 || (ai = BN_to_ASN1_INTEGER(bn, NULL)) == NULL)
		goto out;
	found = X509_CRL_get0_by_serial(crl, &rev, ai) == 1;
	if (found && reason != NULL) {
		e = X509_REVOKED_get_ext_d2i(rev, NID_crl_reason, NULL, NULL);
		*reason = e != NULL ? (int)ASN1_ENUMERATED_get(e) : 0;
		ASN1_ENUMERATED_free(e);
	}
out:
	ASN1_INTEGER_free(ai);
	BN_free(bn);
	return found;
}

static void
test_crl(void)
{
	struct pki_client_req	 req = { "user", "0600000001", FAC_NAME, -60, 30 };
	struct pki_issued	 is[3];
	struct pki_revoked	 rl[3];
	char			 err[256], out[16384], crl_path[LEN], crt[3][LEN];
	char			 name[32], *before = NULL, *after = NULL;
	X509_CRL		*crl = NULL;
	X509			*ca = load_cert(ca_cert), *x[3] = { NULL, NULL, NULL };
	ASN1_INTEGER		*num = NULL;
	time_t			 now = time(NULL);
	int			 i, reason = -1;

	memset(is, 0, sizeof(is));
	for (i = 0; i < 3; i++) {
		CHECK(pki_issue_client(ca_cert, ca_key, &req, NULL, &is[i], err,
		    sizeof(err)) == 0);
		snprintf(name, sizeof(name), "c%d.pem", i);
		tpath(crt[i], name);
		if (is[i].cert_pem != NULL) {
			CHECK(spew(crt[i], is[i].cert_pem,
			    strlen(is[i].cert_pem)) == 0);
			x[i] = cert_from_pem(is[i].cert_pem);
		}
	}
	rl[0].serial_hex = is[0].info.serial;
	rl[0].revoked_at = now - 3600;
	rl[0].reason = PKI_REASON_AFFILIATION_CHANGED;
	rl[1].serial_hex = is[1].info.serial;
	rl[1].revoked_at = now;
	rl[1].reason = PKI_REASON_UNSPECIFIED;
	tpath(crl_path, "crl.pem");
	CHECK(pki_crl_write(ca_cert, ca_key, rl, 2, 5, 7, crl_path, err,
	    sizeof(err)) == 0);
	CHECK(file_mode(crl_path) == 0644);
	CHECK(temp_files_left() == 0);

	crl = load_crl(crl_path);
	CHECK(crl != NULL && ca != NULL);
	if (crl == NULL || ca == NULL)
		goto out;
	CHECK(X509_CRL_verify(crl, X509_get0_pubkey(ca)) == 1);
	CHECK(X509_CRL_get_version(crl) == X509_CRL_VERSION_2);
	CHECK(X509_NAME_cmp(X509_CRL_get_issuer(crl),
	    X509_get_subject_name(ca)) == 0);
	CHECK(crl_has(crl, is[0].info.serial, &reason) && reason == 3);
	CHECK(crl_has(crl, is[1].info.serial, &reason) && reason == 0);
	CHECK(!crl_has(crl, is[2].info.serial, NULL));
	CHECK(sk_X509_REVOKED_num(X509_CRL_get_REVOKED(crl)) == 2);
	num = X509_CRL_get_ext_d2i(crl, NID_crl_number, NULL, NULL);
	CHECK(num != NULL && ASN1_INTEGER_get(num) == 5);
	CHECK(X509_CRL_get_ext_by_NID(crl, NID_authority_key_identifier, -1) >= 0);
	CHECK(ASN1_TIME_cmp_time_t(X509_CRL_get0_nextUpdate(crl),
	    now + 7 * 86400 - 5) > 0);
	if (x[0] != NULL && x[2] != NULL) {
		CHECK(verify_leaf(x[0], ca, crl, X509_PURPOSE_SSL_CLIENT) ==
		    X509_V_ERR_CERT_REVOKED);
		CHECK(verify_leaf(x[2], ca, crl, X509_PURPOSE_SSL_CLIENT) ==
		    X509_V_OK);
	}

	if (have_openssl) {
		CHECK(run(out, sizeof(out), "openssl crl -in %s -noout -text",
		    crl_path) == 0);
		CHECK(strstr(out, is[0].info.serial) != NULL);
		CHECK(strstr(out, is[1].info.serial) != NULL);
		CHECK(strstr(out, is[2].info.serial) == NULL);
		CHECK(strstr(out, "Affiliation Changed") != NULL);
		CHECK(strstr(out, "X509v3 CRL Number: \n                5") != NULL);
		CHECK(strstr(out, "X509v3 Authority Key Identifier") != NULL);
		CHECK(run(out, sizeof(out), "openssl crl -in %s -noout -CAfile %s",
		    crl_path, ca_cert) == 0);
		CHECK(strstr(out, "verify OK") != NULL);
		CHECK(run(out, sizeof(out), "openssl verify -crl_check -CAfile %s "
		    "-CRLfile %s %s", ca_cert, crl_path, crt[0]) != 0);
		CHECK(strstr(out, "certificate revoked") != NULL);
		CHECK(run(out, sizeof(out), "openssl verify -crl_check -CAfile %s "
		    "-CRLfile %s %s", ca_cert, crl_path, crt[1]) != 0);
		CHECK(run(out, sizeof(out), "openssl verify -crl_check -CAfile %s "
		    "-CRLfile %s %s", ca_cert, crl_path, crt[2]) == 0);
		CHECK(strstr(out, ": OK") != NULL);
	}

	/* The next CRL replaces the file; lower-case serials are the same. */
	X509_CRL_free(crl);
	crl = NULL;
	rl[2].serial_hex = is[2].info.serial;
	rl[2].revoked_at = now;
	rl[2].reason = PKI_REASON_KEY_COMPROMISE;
	CHECK(pki_crl_write(ca_cert, ca_key, rl, 3, 6, 7, crl_path, err,
	    sizeof(err)) == 0);
	crl = load_crl(crl_path);
	CHECK(crl != NULL && crl_has(crl, is[2].info.serial, &reason) &&
	    reason == 1);
	ASN1_INTEGER_free(num);
	num = crl != NULL ? X509_CRL_get_ext_d2i(crl, NID_crl_number, NULL,
	    NULL) : NULL;
	CHECK(num != NULL && ASN1_INTEGER_get(num) == 6);
	CHECK(temp_files_left() == 0);

	/* Errors leave the CRL as it was. */
	before = slurp(crl_path, NULL);
	rl[2].serial_hex = "XYZ";
	CHECK(pki_crl_write(ca_cert, ca_key, rl, 3, 7, 7, crl_path, err,
	    sizeof(err)) == -1);
	CHECK(strstr(err, "serial") != NULL);
	rl[2].serial_hex = "-0A";
	CHECK(pki_crl_write(ca_cert, ca_key, rl, 3, 7, 7, crl_path, err,
	    sizeof(err)) == -1);
	rl[2].serial_hex = "";
	CHECK(pki_crl_write(ca_cert, ca_key, rl, 3, 7, 7, crl_path, err,
	    sizeof(err)) == -1);
	rl[2].serial_hex = is[2].info.serial;
	rl[2].reason = 7;
	CHECK(pki_crl_write(ca_cert, ca_key, rl, 3, 7, 7, crl_path, err,
	    sizeof(err)) == -1);
	rl[2].reason = 8;	/* removeFromCRL: delta CRLs only */
	CHECK(pki_crl_write(ca_cert, ca_key, rl, 3, 7, 7, crl_path, err,
	    sizeof(err)) == -1);
	rl[2].reason = 1;
	CHECK(pki_crl_write(ca_cert, ca_key, rl, 3, 7, 0, crl_path, err,
	    sizeof(err)) == -1);
	after = slurp(crl_path, NULL);
	CHECK(before != NULL && after != NULL && strcmp(before, after) == 0);
	CHECK(temp_files_left() == 0);

	/* An empty CRL is a CRL. */
	tpath(crl_path, "empty-crl.pem");
	CHECK(pki_crl_write(ca_cert, ca_key, NULL, 0, 1, 7, crl_path, err,
	    sizeof(err)) == 0);
	X509_CRL_free(crl);
	crl = load_crl(crl_path);
	CHECK(crl != NULL && sk_X509_REVOKED_num(X509_CRL_get_REVOKED(crl)) <= 0);
out:
	free(before);
	free(after);
	ASN1_INTEGER_free(num);
	X509_CRL_free(crl);
	X509_free(ca);
	for (i = 0; i < 3; i++) {
		X509_free(x[i]);
		pki_issued_free(&is[i]);
	}
}

static void
test_certinfo_errors(void)
{
	struct pki_certinfo	 ci;
	char			 err[256];
	char			*pem;
	size_t			 len = 0;

	CHECK(pki_cert_info_from_pem("", 0, &ci, err, sizeof(err)) == -1);
	CHECK(pki_cert_info_from_pem("garbage", 7, &ci, err, sizeof(err)) == -1);
	CHECK(pki_cert_info_from_pem("-----BEGIN CERTIFICATE-----\nAAAA\n"
	    "-----END CERTIFICATE-----\n", 60, &ci, err, sizeof(err)) == -1);
	/* The CA certificate parses; truncated, it does not. */
	if ((pem = slurp(ca_cert, &len)) != NULL) {
		CHECK(pki_cert_info_from_pem(pem, len, &ci, err,
		    sizeof(err)) == 0);
		CHECK_STR(ci.cn, CA_CN);
		CHECK_STR(ci.o, CA_O);
		CHECK(strcmp(ci.subject_dn, ci.issuer_dn) == 0);
		CHECK(pki_cert_info_from_pem(pem, len / 2, &ci, err,
		    sizeof(err)) == -1);
		CHECK(ci.serial[0] == '\0');
		free(pem);
	} else
		CHECK(pem != NULL);
}

int
main(void)
{
	snprintf(tdir, sizeof(tdir), "/tmp/test_pki.XXXXXX");
	if (mkdtemp(tdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	have_openssl = have_tool("openssl");
	have_nss = have_tool("pk12util") && have_tool("certutil");
	if (!have_openssl)
		fprintf(stderr, "pki: no openssl CLI: cross-checks skipped\n");
	if (!have_nss)
		fprintf(stderr, "pki: no pk12util (libnss3-tools): NSS import "
		    "check skipped\n");

	RUN(test_tokens);
	RUN(test_digests);
	RUN(test_password);
	RUN(test_ca);
	RUN(test_server);
	RUN(test_client);
	RUN(test_client_errors);
	RUN(test_validity);
	RUN(test_crl);
	RUN(test_certinfo_errors);

	if (nftw(tdir, rm_one, 16, FTW_DEPTH | FTW_PHYS) != 0)
		perror(tdir);
	return T_DONE("pki");
}
